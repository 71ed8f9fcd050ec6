"""Concept check, course 4 week 2 (case studies of convolutional networks): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt


def _inception(rng):
    return {"h": rng.choice([14, 28, 32]), "c_in": rng.choice([128, 192, 256]), "c_out": rng.choice([32, 64, 96]),
            "f": rng.choice([3, 5]), "r": rng.choice([16, 24, 32])}


def _separable(rng):
    return {"n": rng.choice([12, 16, 24, 32]), "c": rng.choice([3, 8, 16, 32]), "f": 3, "k": rng.choice([16, 32, 64, 128])}


PROMPTS = [
    Prompt(
        "q1",
        "choice",
        "Going deeper into LeNet-5, AlexNet or VGG-16, how do the activation volumes change?",
        options=(
            "height and width grow while the number of channels shrinks",
            "all three stay about the same",
            "height and width shrink while the number of channels grows",
            "all three shrink",
        ),
    ),
    Prompt(
        "q2",
        "choice",
        "Why do residual connections (a[l+2] = g(z[l+2] + a[l])) let very deep networks train well?",
        options=(
            "a residual block can easily learn the identity, so adding blocks does not make the network worse, and gradients have a short path back",
            "they halve the number of parameters",
            "they replace the activation functions",
            "they make batch normalisation unnecessary",
        ),
    ),
    Prompt(
        "q3",
        "number",
        "A 1×1 convolution with {k} filters (with biases) reads a {h}×{h}×{c} volume. How many trainable "
        "parameters does it have?",
        make=lambda rng: {"h": rng.choice([14, 28, 56]), "c": rng.choice([64, 128, 192, 256, 512]), "k": rng.choice([16, 32, 64, 96])},
    ),
    Prompt(
        "q4",
        "number",
        "An inception branch turns a {h}×{h}×{c_in} volume into a {h}×{h}×{c_out} volume with a \"same\" {f}×{f} "
        "convolution. Counting one multiplication per filter weight per output value, how many multiplications does "
        "it take?",
        make=_inception,
    ),
    Prompt(
        "q5",
        "number",
        "The same branch ({h}×{h}×{c_in} in, {h}×{h}×{c_out} out, {f}×{f} \"same\" convolution) now first shrinks the "
        "input to {r} channels with a 1×1 convolution (a bottleneck). Counting multiplications the same way, how "
        "many do the two convolutions take together?",
        make=_inception,
    ),
    Prompt(
        "q6",
        "number",
        "A convolution with {f}×{f} filters (stride 1, no padding) turns a {n}×{n}×{c} input into {k} output channels. "
        "A depthwise-separable convolution does the same job with a {f}×{f} depthwise step (one filter per input "
        "channel) followed by a 1×1 pointwise step with {k} filters. How many multiplications does the "
        "depthwise-separable version take (one per filter weight per output value)?",
        make=_separable,
    ),
    Prompt(
        "q7",
        "number",
        "A MobileNet v2 bottleneck block reads {c} channels, expands them by a factor {t} with a 1×1 convolution, "
        "applies a 3×3 depthwise convolution, and projects to {c_out} channels with a 1×1 convolution. Ignoring "
        "biases and batch normalisation, how many weights does the block have?",
        make=lambda rng: {"c": rng.choice([16, 24, 32, 64]), "t": rng.choice([4, 6]), "c_out": rng.choice([24, 32, 64, 96])},
    ),
    Prompt(
        "q8",
        "choice",
        "You adapt a network pre-trained on ImageNet to recognise your three cats, from a few dozen photos. What "
        "should you train?",
        options=(
            "the whole network from scratch",
            "only a new softmax layer (or the last few layers), keeping the rest frozen; with more data you could unfreeze more",
            "nothing: the ImageNet classes include cats",
            "every layer, starting from the pre-trained weights",
        ),
    ),
    Prompt(
        "q9",
        "choice",
        "What is EfficientNet's compound scaling?",
        options=(
            "training at several learning rates at once",
            "making the network deeper only",
            "scaling depth, width and input resolution together, by fixed ratios, to match a compute budget",
            "compressing the weights after training",
        ),
    ),
]
