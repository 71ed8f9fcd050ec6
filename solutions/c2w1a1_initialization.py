"""Reference solution and hidden checks: c2w1a1_initialization.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers (network passes, training loop, data, plots) live in
source/c2w1a1_initialization/init_utils.py.
"""

import numpy as np

from autograder.checks import Case, FunctionCheck


def initialize_parameters_zeros(layers_dims):
    """
    Set every weight and every bias of the network to zero.

    Arguments:
    layers_dims -- list with the size of each layer, input layer first, e.g. [2, 10, 5, 1]

    Returns:
    parameters -- dictionary with "W1", "b1", ..., "WL", "bL":
                  W{l} -- zeros of shape (layers_dims[l], layers_dims[l-1])
                  b{l} -- zeros of shape (layers_dims[l], 1)
    """
    parameters = {}
    L = len(layers_dims)  # number of layers, counting the input layer
    for layer in range(1, L):
        parameters["W" + str(layer)] = np.zeros((layers_dims[layer], layers_dims[layer - 1]))
        parameters["b" + str(layer)] = np.zeros((layers_dims[layer], 1))
    return parameters


def initialize_parameters_random(layers_dims):
    """
    Draw the weights from a normal distribution scaled up by 10; the biases start at zero.

    Start with np.random.seed(3), then draw W1, W2, ... in order, each with one
    np.random.randn call.

    Arguments:
    layers_dims -- list with the size of each layer, input layer first

    Returns:
    parameters -- dictionary with "W1", "b1", ..., "WL", "bL":
                  W{l} -- np.random.randn(layers_dims[l], layers_dims[l-1]) * 10
                  b{l} -- zeros of shape (layers_dims[l], 1)
    """
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for layer in range(1, L):
        parameters["W" + str(layer)] = np.random.randn(layers_dims[layer], layers_dims[layer - 1]) * 10
        parameters["b" + str(layer)] = np.zeros((layers_dims[layer], 1))
    return parameters


def initialize_parameters_he(layers_dims):
    """
    He initialisation: normal weights scaled by sqrt(2 / fan-in); the biases start at zero.

    Start with np.random.seed(3), then draw W1, W2, ... in order, each with one
    np.random.randn call.

    Arguments:
    layers_dims -- list with the size of each layer, input layer first

    Returns:
    parameters -- dictionary with "W1", "b1", ..., "WL", "bL":
                  W{l} -- np.random.randn(layers_dims[l], layers_dims[l-1]) * sqrt(2 / layers_dims[l-1])
                  b{l} -- zeros of shape (layers_dims[l], 1)
    """
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for layer in range(1, L):
        fan_in = layers_dims[layer - 1]
        parameters["W" + str(layer)] = np.random.randn(layers_dims[layer], fan_in) * np.sqrt(2 / fan_in)
        parameters["b" + str(layer)] = np.zeros((layers_dims[layer], 1))
    return parameters


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs, compared with the functions above.
# ---------------------------------------------------------------------------

# the lab's own network, a tiny one, logistic regression (no hidden layer), a deep
# one with a layer narrower than its input, and fan-ins that differ from fan-outs
LAYERS = [[2, 10, 5, 1], [3, 2, 1], [4, 1], [5, 7, 3, 6, 2], [1, 8, 8, 1]]


def _cases():
    # a global seed other than 3 before each call: the random initialisers must seed themselves
    for seed, dims in enumerate(LAYERS, start=11):
        yield Case(f"layers_dims={dims}", (dims,), seed=seed)


def _public(dims):
    return lambda: Case(f"layers_dims={dims}", (dims,))


CHECKS = [
    FunctionCheck("initialize_parameters_zeros", 2, _cases, public=_public([3, 2, 1])),
    FunctionCheck("initialize_parameters_random", 3, _cases, public=_public([3, 2, 1])),
    FunctionCheck("initialize_parameters_he", 5, _cases, public=_public([2, 4, 1])),
]
