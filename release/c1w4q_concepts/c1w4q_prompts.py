"""Concept check, course 1 week 4 (deep neural networks): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt


def _deep(rng):
    dims = [rng.randint(4, 30)] + [rng.randint(2, 12) for _ in range(rng.randint(2, 4))] + [1]
    return {"dims": dims, "L": len(dims) - 1, "l": rng.randint(1, len(dims) - 1), "m": rng.randint(32, 256)}


def _network(v):
    sizes = ", ".join(str(n) for n in v["dims"])
    return (
        f"A deep network has layer sizes [n[0], ..., n[L]] = [{sizes}] (so L = {v['L']}; n[0] is the input) "
        f"and processes a batch of m = {v['m']} examples stacked as columns. "
    )


PROMPTS = [
    Prompt("q1", "shape", lambda v: _network(v) + f"What is the shape of W[{v['l']}]?", make=_deep),
    Prompt("q2", "shape", lambda v: _network(v) + f"What is the shape of Z[{v['l']}] (and of A[{v['l']}])?", make=_deep),
    Prompt("q3", "shape", lambda v: _network(v) + f"What is the shape of db[{v['l']}], the gradient of the cost with respect to b[{v['l']}]?", make=_deep),
    Prompt("q4", "number", lambda v: _network(v) + "How many trainable parameters (all weights and biases) does the network have?", make=_deep),
    Prompt(
        "q5",
        "number",
        lambda v: _network(v) + f"The forward pass of layer {v['l']} caches its linear inputs (A[{v['l'] - 1}], W[{v['l']}], b[{v['l']}]) "
        "for backpropagation. How many numbers does that cache hold?",
        make=_deep,
    ),
    Prompt(
        "q6",
        "choice",
        "Why does the forward pass store a cache for each layer?",
        options=(
            "backpropagation through a layer needs values computed on the way forward (such as Z[l] and A[l−1])",
            "to store the gradients dW[l] and db[l] for the next iteration",
            "so that the cost can be computed without the output layer",
            "to remember the learning rate of each layer",
        ),
    ),
    Prompt(
        "q7",
        "choice",
        "Vectorisation removes explicit `for` loops. Which loop does a vectorised implementation of a deep "
        "network still need?",
        options=(
            "the loop over the units of a layer",
            "the loop over the m examples of the batch",
            "the loop over the layers l = 1, ..., L",
            "the loop over the input features",
        ),
    ),
    Prompt(
        "q8",
        "choice",
        "Which list contains only *hyperparameters*?",
        options=(
            "W[l] and b[l] for every layer",
            "learning rate α, number of iterations, number of layers L, hidden-layer sizes n[l], choice of activation",
            "learning rate α, W[1], b[1]",
            "Z[l] and A[l] for every layer",
        ),
    ),
    Prompt(
        "q9",
        "choice",
        "Why can a deep network be better than a shallow one of the same total size?",
        options=(
            "deep networks need no activation functions",
            "a shallow network cannot be trained with gradient descent",
            "depth is only useful for images, never for other data",
            "some functions a small deep network computes easily would need exponentially many units in a single hidden layer",
        ),
    ),
]
