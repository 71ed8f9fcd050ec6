"""Given helpers of the gradient-checking lab (c2w1a3): you do not need to edit this file.

A 3-layer network LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID with
fixed layer sizes [4, 5, 3, 1]: its forward pass (with the cost), a backward
pass to be checked, conversions between the parameter dictionary and one long
column vector, and small example inputs.

Careful: `backward_propagation_n` is the code under test in this lab. Do not
trust it before your gradient check has.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "sigmoid",
    "relu",
    "SHAPES",
    "dictionary_to_vector",
    "vector_to_dictionary",
    "gradients_to_vector",
    "forward_propagation_n",
    "backward_propagation_n",
    "example_inputs",
]

# The shape of every parameter, in the order they are stacked into one vector.
SHAPES = {"W1": (5, 4), "b1": (5, 1), "W2": (3, 5), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}


def sigmoid(x):
    """The logistic function 1 / (1 + exp(-x)), elementwise."""
    return 1 / (1 + np.exp(-x))


def relu(x):
    """max(0, x), elementwise."""
    return np.maximum(0, x)


def dictionary_to_vector(parameters):
    """
    Stack W1, b1, W2, b2, W3, b3 (in that order) into one column vector.

    Each matrix is flattened row by row (`reshape(-1, 1)`).

    Returns:
    theta -- column vector of shape (47, 1) with every parameter
    keys -- list of 47 names: keys[i] is the parameter ("W1", "b1", ...) that theta[i] comes from
    """
    pieces, keys = [], []
    for name in SHAPES:
        column = np.asarray(parameters[name], dtype=np.float64).reshape(-1, 1)
        pieces.append(column)
        keys.extend([name] * column.shape[0])
    return np.concatenate(pieces, axis=0), keys


def vector_to_dictionary(theta):
    """
    Undo `dictionary_to_vector`: cut a (47, 1) vector back into W1, b1, W2, b2, W3, b3.

    Returns:
    parameters -- dictionary with the six arrays in their shapes (see SHAPES)
    """
    parameters, start = {}, 0
    for name, shape in SHAPES.items():
        size = shape[0] * shape[1]
        parameters[name] = theta[start : start + size].reshape(shape)
        start += size
    return parameters


def gradients_to_vector(gradients):
    """
    Stack dW1, db1, dW2, db2, dW3, db3 into one column vector, in the order of
    `dictionary_to_vector` (other keys of `gradients` are ignored).

    Returns:
    theta -- column vector of shape (47, 1)
    """
    return np.concatenate([np.asarray(gradients["d" + name], dtype=np.float64).reshape(-1, 1) for name in SHAPES], axis=0)


def forward_propagation_n(X, Y, parameters):
    """
    Forward pass of the 3-layer network and its cost.

    Arguments:
    X -- inputs, shape (4, m)
    Y -- 0/1 labels, shape (1, m)
    parameters -- dictionary with "W1", "b1", "W2", "b2", "W3", "b3" (shapes in SHAPES)

    Returns:
    cost -- the mean cross-entropy, a float
    cache -- (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3), for the backward pass
    """
    m = X.shape[1]
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]

    Z1 = W1 @ X + b1
    A1 = relu(Z1)
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2)
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)

    losses = -(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))
    cost = np.sum(losses) / m

    cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    return cost, cache


def backward_propagation_n(X, Y, cache):
    """
    Backward pass of the 3-layer network: the gradient of the cost with respect
    to every parameter (and the intermediate dZ and dA).

    Arguments:
    X -- inputs, shape (4, m)
    Y -- 0/1 labels, shape (1, m)
    cache -- the cache returned by forward_propagation_n

    Returns:
    gradients -- dictionary with "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2",
                 "dA1", "dZ1", "dW1", "db1"
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache

    dZ3 = A3 - Y
    dW3 = 1 / m * dZ3 @ A2.T
    db3 = 1 / m * np.sum(dZ3, axis=1, keepdims=True)

    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = 1 / m * dZ2 @ A1.T * 2
    db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True)

    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = 1 / m * dZ1 @ X.T
    db1 = 4 / m * np.sum(dZ1, axis=1, keepdims=True)

    gradients = {
        "dZ3": dZ3, "dW3": dW3, "db3": db3,
        "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
        "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1,
    }  # fmt: skip
    return gradients


def example_inputs(seed=1, m=3):
    """
    Small random inputs for the network: X (4, m), 0/1 labels Y (1, m), and parameters.

    The weights are drawn at about the scale of He initialisation and the
    biases small, so that the ReLUs are neither all on nor all off.
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (4, m))
    Y = rng.integers(0, 2, (1, m))
    parameters = {}
    for name, shape in SHAPES.items():
        if name.startswith("W"):
            parameters[name] = rng.normal(0, np.sqrt(2 / shape[1]), shape)
        else:
            parameters[name] = rng.normal(0, 0.3, shape)
    return X, Y, parameters
