"""Concept check, course 2 week 3 (tuning, batch normalisation, frameworks): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt


def _batch(rng):
    z = [rng.randint(-5, 15) for _ in range(4)]
    while len(set(z)) == 1:
        z[0] += 1
    return {"z": z, "k": rng.randint(1, 4), "gamma": rng.choice([0.5, 1.5, 2, 3]), "beta": rng.choice([-1, 0, 0.5, 1, 2])}


PROMPTS = [
    Prompt(
        "q1",
        "choice",
        "You start tuning a new deep network trained with Adam. Which hyperparameter usually deserves your "
        "attention first?",
        options=("the learning rate α", "β2 of Adam", "ε of Adam", "the random seed"),
    ),
    Prompt(
        "q2",
        "choice",
        "Why is sampling hyperparameter values at random usually better than a grid with the same number of trials?",
        options=(
            "random values are more likely to be the optimum",
            "a grid cannot be used with more than two hyperparameters",
            "each trial then tries a new value of every hyperparameter, which pays off when only a few of them matter",
            "random search needs no learning rate",
        ),
    ),
    Prompt(
        "q3",
        "number",
        "You search the learning rate on a log scale between 10^({lo}) and 10^({hi}): r = {lo} + ({hi} − ({lo}))·u with u "
        "uniform in [0, 1], then α = 10^r. For u = {u}, what is α?",
        make=lambda rng: {"lo": rng.choice([-5, -4, -3]), "hi": rng.choice([-1, 0]), "u": rng.uniform(0.05, 0.95, 2)},
        rtol=1e-3,
    ),
    Prompt(
        "q4",
        "number",
        "To search momentum's β between 0.9 and 0.999 you sample 1 − β on a log scale: β = 1 − 10^r with r between "
        "−3 and −1. For r = {r}, what is β?",
        make=lambda rng: {"r": rng.uniform(-3, -1, 2)},
        tol=1e-5,
    ),
    Prompt(
        "q5",
        "number",
        "Batch normalisation sees one unit's values z = {z} for a mini-batch of four examples. It computes the "
        "mini-batch mean μ and variance σ² (dividing by 4), z_norm = (z − μ)/√(σ² + ε) (take ε = 0), and "
        "z̃ = γ·z_norm + β with γ = {gamma} and β = {beta}. What is z̃ for the value in position {k} of the list "
        "(counting from 1)?",
        make=_batch,
        tol=0.001,
    ),
    Prompt(
        "q6",
        "shape",
        "Layer l of a network has {n} units and uses batch normalisation on Z[l]; a mini-batch holds {m} examples. "
        "What is the shape of γ[l]?",
        make=lambda rng: {"n": rng.randint(3, 200), "m": rng.choice([32, 64, 128, 256])},
    ),
    Prompt(
        "q7",
        "choice",
        "Why can a layer followed by batch normalisation drop its bias b[l]?",
        options=(
            "it cannot: b[l] is still needed",
            "biases make batch normalisation unstable",
            "b[l] is folded into γ[l]",
            "batch normalisation subtracts the mini-batch mean, which removes any constant added to Z[l]; β[l] takes over the role of the bias",
        ),
    ),
    Prompt(
        "q8",
        "choice",
        "At test time you classify one example at a time. Which μ and σ² does a batch-normalised layer use?",
        options=(
            "running (exponentially weighted) averages of the mini-batch μ and σ² kept during training",
            "μ = 0 and σ² = 1",
            "the mean and variance of the whole test set",
            "the mean and variance of that single example",
        ),
    ),
    Prompt(
        "q9",
        "shape",
        "A softmax output layer classifies images into C = {c} classes; a mini-batch has m = {m} examples stacked as "
        "columns. What is the shape of its output Ŷ = A[L]?",
        make=lambda rng: {"c": rng.randint(3, 20), "m": rng.choice([16, 32, 64, 100, 128])},
    ),
]
