"""Concept check, course 4 week 1 (convolution foundations): the questions as students see them.

Answers and explanations are not here: the grader keeps them (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt


def _conv(rng):
    f = rng.choice([3, 5, 7])
    return {"n": rng.randint(24, 96), "f": f, "p": rng.randint(0, (f - 1) // 2 + 1), "s": rng.choice([1, 2, 3])}


PROMPTS = [
    Prompt(
        "q1",
        "number",
        "A convolutional layer reads a volume of height and width {n}. Its filters are {f}×{f}, "
        "it pads the input with {p} row(s) and column(s) of zeros on every side, and it moves "
        "with stride {s}. What is the height of the volume it outputs?",
        make=_conv,
    ),
    Prompt(
        "q2",
        "number",
        "A convolutional layer reads a {h}×{h}×{c} volume (height × width × channels) and has "
        "{k} filters of size {f}×{f}, each with its own bias. How many trainable parameters "
        "does the layer have?",
        make=lambda rng: {"h": rng.choice([32, 64, 128, 224]), "c": rng.choice([3, 8, 16, 32, 64]),
                          "k": rng.choice([6, 10, 16, 24, 32, 48, 100]), "f": rng.choice([1, 3, 5, 7])},
    ),
    Prompt(
        "q3",
        "number",
        "Instead of a convolution, you flatten a {h}×{h}×{c} input volume into a vector and feed "
        "it to a fully connected layer with {k} units (weights and biases). How many trainable "
        "parameters does that layer have?",
        make=lambda rng: {"h": rng.choice([16, 28, 32, 64]), "c": rng.choice([1, 3, 8]), "k": rng.choice([10, 50, 64, 100, 128])},
    ),
    Prompt(
        "q4",
        "number",
        "You want a \"same\" convolution with stride 1 and {f}×{f} filters: the output must keep the "
        "height and width of the input. How much zero padding p must you add on each side?",
        make=lambda rng: {"f": rng.choice([3, 5, 7, 9, 11])},
    ),
    Prompt(
        "q5",
        "shape",
        "A small LeNet-style network reads {n}×{n}×3 images. Layer by layer it applies: "
        "a convolution with {k1} filters of size {f1}×{f1} (stride 1, no padding); a max-pooling "
        "with a 2×2 window and stride 2; a convolution with {k2} filters of size {f2}×{f2} "
        "(stride 1, no padding); another 2×2 max-pooling with stride 2. What is the shape "
        "(height, width, channels) of one image's activation after the second pooling?",
        make=lambda rng: {"n": rng.choice([28, 32, 36, 40, 48, 64]), "k1": rng.choice([6, 8, 12]), "f1": rng.choice([3, 5]),
                          "k2": rng.choice([16, 20, 32]), "f2": rng.choice([3, 5])},
    ),
    Prompt(
        "q6",
        "choice",
        "A max-pooling layer with a 3×3 window and stride 2 follows a convolution that outputs "
        "64 channels. How many parameters does gradient descent update in the pooling layer?",
        options=("9", "none", "9 × 64", "one per channel: 64"),
    ),
    Prompt(
        "q7",
        "choice",
        "The input of a convolutional layer has 16 channels, and the layer has 8 filters of "
        "size 3×3. What are the dimensions of each single filter?",
        options=("3 × 3 × 16", "3 × 3 × 8", "3 × 3 × 1", "3 × 3 × 16 × 8"),
    ),
    Prompt(
        "q8",
        "choice",
        "Which statement describes *sparsity of connections* in a convolutional layer?",
        options=(
            "the same filter weights are used at every position of the image",
            "pooling throws away most of the activations",
            "most of the filter weights are zero after training",
            "each output value depends only on the few input values inside its filter's window",
        ),
    ),
]
