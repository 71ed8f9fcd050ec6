"""Concept check, course 1 week 3 (shallow neural networks): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt


def _net(rng):
    return {"nx": rng.randint(2, 20), "nh": rng.randint(3, 12), "ny": rng.choice([1, 1, 2, 3]), "m": rng.randint(50, 400)}


NETWORK = (
    "A network has one hidden layer: the input has n_x = {nx} features, the hidden layer has "
    "{nh} units, the output layer has {ny} unit(s), and a batch holds m = {m} examples as columns. "
)

PROMPTS = [
    Prompt("q1", "shape", NETWORK + "What is the shape of W[1]?", make=_net),
    Prompt("q2", "shape", NETWORK + "What is the shape of Z[1] for the whole batch?", make=_net),
    Prompt("q3", "shape", NETWORK + "What is the shape of b[2]?", make=_net),
    Prompt("q4", "number", NETWORK + "How many trainable parameters (weights and biases) does the network have?", make=_net),
    Prompt(
        "q5",
        "choice",
        "Which range of values can tanh(z) take?",
        options=("(0, 1)", "(−1, 1)", "[0, ∞)", "(−∞, ∞)"),
    ),
    Prompt(
        "q6",
        "number",
        "A hidden unit uses tanh, and for some input its activation is a = tanh(z) = {a}. "
        "What is the slope da/dz at that point?",
        make=lambda rng: {"a": rng.choice([-1, 1]) * rng.uniform(0.05, 0.95, 2)},
        tol=0.001,
    ),
    Prompt(
        "q7",
        "choice",
        "Why do hidden layers need a non-linear activation function?",
        options=(
            "the output layer cannot be a sigmoid otherwise",
            "non-linear functions are faster to compute",
            "a composition of linear layers is itself linear, so linear hidden layers would add nothing",
            "non-linear activations stop the network from overfitting",
        ),
    ),
    Prompt(
        "q8",
        "choice",
        "You initialise W[1] of a hidden layer (and all biases) to zeros. What happens during training?",
        options=(
            "the same failure happens in logistic regression initialised with zeros",
            "nothing bad: the biases make the units different",
            "the gradients explode after a few iterations",
            "every hidden unit computes the same function and receives the same update, so they stay identical",
        ),
    ),
    Prompt(
        "q9",
        "choice",
        "Why are the random initial weights of a tanh network multiplied by a small number such as 0.01?",
        options=(
            "large weights push z into the flat ends of tanh, where gradients are tiny and learning is slow",
            "multiplying by 0.01 is what breaks the symmetry between units",
            "small weights keep the network from ever overfitting",
            "np.random.randn returns values too small to use otherwise",
        ),
    ),
]
