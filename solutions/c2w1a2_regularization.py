"""Reference solution and hidden checks: c2w1a2_regularization.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers (unregularised passes, training loop, plots) live in
source/c2w1a2_regularization/reg_utils.py.
"""

import numpy as np
from reg_utils import compute_cost, forward_propagation, relu, sigmoid

from autograder.checks import Case, FunctionCheck


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    """
    Cross-entropy cost plus the L2 penalty on the weights of the 3-layer network.

    Arguments:
    A3 -- output probabilities of the forward pass, shape (1, m)
    Y -- true labels, shape (1, m)
    parameters -- dictionary with "W1", "b1", "W2", "b2", "W3", "b3"
    lambd -- regularisation strength lambda

    Returns:
    cost -- float: compute_cost(A3, Y) + lambd / (2 m) * (sum of the squares of W1, W2 and W3)
    """
    m = Y.shape[1]
    cross_entropy_cost = compute_cost(A3, Y)
    squared_weights = sum(np.sum(np.square(parameters[f"W{layer}"])) for layer in (1, 2, 3))
    L2_regularization_cost = lambd / (2 * m) * squared_weights
    cost = cross_entropy_cost + L2_regularization_cost
    return cost


def backward_propagation_with_regularization(X, Y, cache, lambd):
    """
    Backward pass of the 3-layer network with the L2 term added to each weight gradient.

    Arguments:
    X -- input data, shape (n_x, m)
    Y -- true labels, shape (1, m)
    cache -- (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) from forward_propagation
    lambd -- regularisation strength lambda

    Returns:
    gradients -- dictionary with "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2",
                 "dA1", "dZ1", "dW1", "db1"
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache

    dZ3 = A3 - Y
    dW3 = np.dot(dZ3, A2.T) / m + lambd / m * W3
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m

    dA2 = np.dot(W3.T, dZ3)
    dZ2 = dA2 * (A2 > 0)
    dW2 = np.dot(dZ2, A1.T) / m + lambd / m * W2
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m

    dA1 = np.dot(W2.T, dZ2)
    dZ1 = dA1 * (A1 > 0)
    dW1 = np.dot(dZ1, X.T) / m + lambd / m * W1
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    gradients = {
        "dZ3": dZ3, "dW3": dW3, "db3": db3,
        "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
        "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1,
    }  # fmt: skip
    return gradients


def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    """
    Forward pass with inverted dropout on the two hidden layers.

    LINEAR -> RELU + DROPOUT -> LINEAR -> RELU + DROPOUT -> LINEAR -> SIGMOID

    Start with np.random.seed(1); draw D1 before D2, each with one np.random.rand call.

    Arguments:
    X -- input data, shape (n_x, m)
    parameters -- dictionary with "W1", "b1", "W2", "b2", "W3", "b3"
    keep_prob -- probability of keeping each hidden unit

    Returns:
    A3 -- output probabilities, shape (1, m)
    cache -- (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3), where the
             D masks are int arrays of 0s and 1s and A1, A2 are after dropout
    """
    np.random.seed(1)

    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]

    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    # keep each unit with probability keep_prob, then scale up so the expected value is unchanged
    D1 = (np.random.rand(*A1.shape) < keep_prob).astype(int)
    A1 = A1 * D1 / keep_prob

    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = (np.random.rand(*A2.shape) < keep_prob).astype(int)
    A2 = A2 * D2 / keep_prob

    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)

    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """
    Backward pass of the 3-layer network, reusing the dropout masks of the forward pass.

    Arguments:
    X -- input data, shape (n_x, m)
    Y -- true labels, shape (1, m)
    cache -- (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) from forward_propagation_with_dropout
    keep_prob -- the probability used in the forward pass

    Returns:
    gradients -- dictionary with "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2",
                 "dA1", "dZ1", "dW1", "db1"
    """
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache

    dZ3 = A3 - Y
    dW3 = np.dot(dZ3, A2.T) / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m

    dA2 = np.dot(W3.T, dZ3)
    # the units dropped in the forward pass get no gradient; the kept ones are scaled the same way
    dA2 = dA2 * D2 / keep_prob
    dZ2 = dA2 * (A2 > 0)
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m

    dA1 = np.dot(W2.T, dZ2)
    dA1 = dA1 * D1 / keep_prob
    dZ1 = dA1 * (A1 > 0)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    gradients = {
        "dZ3": dZ3, "dW3": dW3, "db3": db3,
        "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
        "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1,
    }  # fmt: skip
    return gradients


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs, compared with the functions above.
# ---------------------------------------------------------------------------

# (seed, hidden layer sizes, m): the lab's own [20, 3] network, tiny layers, one example
SHAPES = [(0, 2, (20, 3), 5), (1, 3, (4, 2), 1), (2, 4, (7, 5), 9), (3, 2, (20, 3), 30)]


def _parameters(rng, n_x, hidden):
    """Random weights and biases of a [n_x, h1, h2, 1] network."""
    sizes = [n_x, *hidden, 1]
    parameters = {}
    for layer in range(1, 4):
        parameters[f"W{layer}"] = rng.normal(0, 1 / np.sqrt(sizes[layer - 1]), (sizes[layer], sizes[layer - 1]))
        parameters[f"b{layer}"] = rng.normal(0, 0.3, (sizes[layer], 1))
    return parameters


def _problem(seed, n_x, hidden, m):
    """X (n_x, m), 0/1 labels Y (1, m) and parameters; both labels appear when m > 1."""
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (n_x, m))
    Y = (np.arange(m) % 2).reshape(1, m) if m > 1 else np.ones((1, 1), dtype=int)
    Y = rng.permutation(Y, axis=1)
    return X, Y, _parameters(rng, n_x, hidden)


def _dropout_cache(seed, n_x, hidden, m, keep_prob):
    """A consistent dropout cache, with masks drawn from their own stream (not seed 1)."""
    X, Y, parameters = _problem(seed, n_x, hidden, m)
    rng = np.random.default_rng(seed + 1000)
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    D1 = (rng.random(Z1.shape) < keep_prob).astype(int)
    A1 = relu(Z1) * D1 / keep_prob
    Z2 = W2 @ A1 + b2
    D2 = (rng.random(Z2.shape) < keep_prob).astype(int)
    A2 = relu(Z2) * D2 / keep_prob
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return X, Y, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def _cost_cases():
    for (seed, n_x, hidden, m), lambd in zip(SHAPES, (0.7, 0.1, 3.0, 0.0), strict=True):
        X, Y, parameters = _problem(seed, n_x, hidden, m)
        A3, _ = forward_propagation(X, parameters)
        yield Case(f"layers {[n_x, *hidden, 1]}, m={m}, lambd={lambd}", (A3, Y, parameters, lambd))


def _backward_l2_cases():
    for (seed, n_x, hidden, m), lambd in zip(SHAPES, (0.7, 0.0, 2.5, 0.05), strict=True):
        X, Y, parameters = _problem(seed + 10, n_x, hidden, m)
        _, cache = forward_propagation(X, parameters)
        yield Case(f"layers {[n_x, *hidden, 1]}, m={m}, lambd={lambd}", (X, Y, cache, lambd))


def _forward_dropout_cases():
    for (seed, n_x, hidden, m), keep_prob in zip(SHAPES, (0.7, 0.5, 0.86, 1.0), strict=True):
        X, _, parameters = _problem(seed + 20, n_x, hidden, m)
        yield Case(f"layers {[n_x, *hidden, 1]}, m={m}, keep_prob={keep_prob}", (X, parameters, keep_prob))
    # the default keep_prob, with a different global seed before the call: the function seeds itself
    X, _, parameters = _problem(24, 3, (6, 4), 8)
    yield Case("default keep_prob=0.5, m=8", (X, parameters), seed=99)


def _backward_dropout_cases():
    for (seed, n_x, hidden, m), keep_prob in zip(SHAPES, (0.8, 0.5, 0.6, 1.0), strict=True):
        X, Y, cache = _dropout_cache(seed + 30, n_x, hidden, m, keep_prob)
        yield Case(f"layers {[n_x, *hidden, 1]}, m={m}, keep_prob={keep_prob}", (X, Y, cache, keep_prob))


def _public_cost():
    X, Y, parameters = _problem(42, 3, (2, 3), 5)
    A3, _ = forward_propagation(X, parameters)
    return Case("layers [3, 2, 3, 1], m=5, lambd=0.1", (A3, Y, parameters, 0.1))


def _public_backward_l2():
    X, Y, parameters = _problem(43, 3, (2, 3), 5)
    _, cache = forward_propagation(X, parameters)
    return Case("layers [3, 2, 3, 1], m=5, lambd=0.7", (X, Y, cache, 0.7))


def _public_forward_dropout():
    X, _, parameters = _problem(44, 3, (2, 3), 5)
    return Case("layers [3, 2, 3, 1], m=5, keep_prob=0.7", (X, parameters, 0.7))


def _public_backward_dropout():
    X, Y, cache = _dropout_cache(45, 3, (2, 3), 5, 0.8)
    return Case("layers [3, 2, 3, 1], m=5, keep_prob=0.8", (X, Y, cache, 0.8))


CHECKS = [
    FunctionCheck("compute_cost_with_regularization", 1, _cost_cases, public=_public_cost),
    FunctionCheck("backward_propagation_with_regularization", 2, _backward_l2_cases, public=_public_backward_l2),
    FunctionCheck("forward_propagation_with_dropout", 3, _forward_dropout_cases, public=_public_forward_dropout),
    FunctionCheck("backward_propagation_with_dropout", 2, _backward_dropout_cases, public=_public_backward_dropout),
]
