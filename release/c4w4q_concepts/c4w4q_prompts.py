"""Concept check, course 4 week 4 (face recognition and neural style transfer): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt


def _triplet(rng):
    """Distances where the negative is not yet far enough: a positive loss."""
    dap, alpha = rng.uniform(0.3, 1.5, 2), rng.choice([0.2, 0.3, 0.5])
    return {"dap": dap, "dan": round(dap + rng.uniform(-0.3, alpha - 0.05, 2), 2), "alpha": alpha}


PROMPTS = [
    Prompt(
        "q1",
        "choice",
        "What is the difference between face *verification* and face *recognition*?",
        options=(
            "verification answers \"is this person who they claim to be?\" (one comparison); recognition answers \"which of K people is this, if any?\"",
            "they are the same task with different names",
            "verification needs K comparisons; recognition needs one",
            "recognition works on photos, verification on video",
        ),
    ),
    Prompt(
        "q2",
        "choice",
        "A company has one photo of each of its 100 employees. How can a network recognise them (one-shot learning)?",
        options=(
            "train a softmax with 100 outputs on the 100 photos",
            "collect hundreds of photos of each employee first",
            "use a pixel-by-pixel distance between photos",
            "learn a similarity function d(img1, img2) and say \"same person\" when d is below a threshold",
        ),
    ),
    Prompt(
        "q3",
        "number",
        "For a triplet (anchor A, positive P, negative N) the encodings give ‖f(A) − f(P)‖² = {dap} and "
        "‖f(A) − f(N)‖² = {dan}. With margin α = {alpha}, what is the triplet loss "
        "max(‖f(A) − f(P)‖² − ‖f(A) − f(N)‖² + α, 0)?",
        make=_triplet,
        tol=0.001,
    ),
    Prompt(
        "q4",
        "choice",
        "Face verification can also be trained as binary classification on pairs of images. How?",
        options=(
            "train one softmax per person",
            "feed both images' encodings, e.g. the element-wise |f(x_i) − f(x_j)|, to a logistic unit that predicts \"same person\" (1) or not (0)",
            "add the two images pixel by pixel and classify the sum",
            "compare the images' file sizes",
        ),
    ),
    Prompt(
        "q5",
        "choice",
        "Looking at which image patches most excite units in a trained ConvNet, what do units in deeper layers respond to?",
        options=(
            "larger and more complex patterns, such as object parts or whole objects",
            "single pixels of one colour",
            "the same edges as the first layer",
            "nothing: deep units do not respond to images",
        ),
    ),
    Prompt(
        "q6",
        "shape",
        "The style cost of neural style transfer uses a Gram matrix G = A·Aᵀ of a layer's activations, where A is "
        "the activation reshaped to (n_C, n_H·n_W). For a layer with n_H = {h}, n_W = {w} and n_C = {c}, what is "
        "the shape of G?",
        make=lambda rng: {"h": rng.choice([14, 28, 56]), "w": rng.choice([14, 28, 56]), "c": rng.choice([64, 128, 256, 512])},
    ),
    Prompt(
        "q7",
        "number",
        "The style cost of one layer is J = 1/(4·n_C²·(n_H·n_W)²) · Σ (G_S − G_G)². For a layer with n_H = {h}, "
        "n_W = {w} and n_C = {c}, what number divides the sum (the value of 4·n_C²·(n_H·n_W)²)?",
        make=lambda rng: {"h": rng.choice([4, 7, 14]), "w": rng.choice([4, 7, 14]), "c": rng.choice([8, 16, 32, 64])},
    ),
    Prompt(
        "q8",
        "shape",
        "A 1-D convolution reads an ECG signal of {n} time steps with one channel. It has {k} filters of length {f}, "
        "stride 1 and no padding. What is the shape of its output (length, channels)?",
        make=lambda rng: {"n": rng.randint(50, 500), "k": rng.choice([8, 16, 32]), "f": rng.choice([3, 5, 7, 9])},
    ),
    Prompt(
        "q9",
        "shape",
        "A 3-D convolution reads a CT scan of {d}×{h}×{w} voxels with one channel. It has {k} filters of size "
        "{f}×{f}×{f}, stride 1 and no padding. What is the shape of its output (depth, height, width, channels)?",
        make=lambda rng: {"d": rng.randint(10, 40), "h": rng.choice([32, 48, 64]), "w": rng.choice([32, 48, 64]),
                          "k": rng.choice([8, 16]), "f": rng.choice([3, 5])},
    ),
]
