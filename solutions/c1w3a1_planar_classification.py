"""Reference solution and hidden checks: c1w3a1_planar_classification.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers (data sets, sigmoid, plotting) live in
source/c1w3a1_planar_classification/planar_utils.py.
"""

import copy

import numpy as np
from planar_utils import sigmoid

from autograder.checks import Case, FunctionCheck, Tolerance


def layer_sizes(X, Y):
    """
    Sizes of the three layers of the network.

    Arguments:
    X -- input data of shape (input size, number of examples)
    Y -- labels of shape (output size, number of examples)

    Returns:
    (n_x, n_h, n_y) -- a tuple of ints: the size of the input layer, of the
                       hidden layer (4 in this lab), and of the output layer
    """
    n_x = X.shape[0]
    n_h = 4
    n_y = Y.shape[0]
    return (n_x, n_h, n_y)


def initialize_parameters(n_x, n_h, n_y):
    """
    Small random weights and zero biases for the 2-layer network.

    The caller seeds NumPy's random generator; draw W1 before W2, each with
    one np.random.randn call scaled by 0.01.

    Arguments:
    n_x -- size of the input layer
    n_h -- size of the hidden layer
    n_y -- size of the output layer

    Returns:
    parameters -- dictionary with
                  "W1" of shape (n_h, n_x), "b1" of shape (n_h, 1),
                  "W2" of shape (n_y, n_h), "b2" of shape (n_y, 1)
    """
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters


def forward_propagation(X, parameters):
    """
    Forward pass: LINEAR -> TANH -> LINEAR -> SIGMOID.

    Arguments:
    X -- input data of shape (n_x, m)
    parameters -- dictionary with "W1", "b1", "W2", "b2" (see initialize_parameters)

    Returns:
    A2 -- the output of the sigmoid, shape (n_y, m)
    cache -- dictionary with "Z1", "A1", "Z2" and "A2", kept for the backward pass
    """
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)

    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    """
    Cross-entropy cost.

    Arguments:
    A2 -- output probabilities of the network, shape (1, m)
    Y -- true labels 0/1, shape (1, m)

    Returns:
    cost -- -(1/m) * sum(Y log(A2) + (1 - Y) log(1 - A2)), a Python float
    """
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    cost = -np.sum(logprobs) / m
    cost = float(np.squeeze(cost))
    return cost


def backward_propagation(parameters, cache, X, Y):
    """
    Backward pass: the gradients of the cost with respect to every parameter.

    Arguments:
    parameters -- dictionary with "W1", "b1", "W2", "b2"
    cache -- dictionary with "Z1", "A1", "Z2", "A2" from forward_propagation
    X -- input data of shape (n_x, m)
    Y -- true labels of shape (n_y, m)

    Returns:
    grads -- dictionary with "dW1", "db1", "dW2", "db2", each of its parameter's shape
    """
    m = X.shape[1]
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]

    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    # the slope of tanh is 1 - tanh^2, and A1 already holds tanh(Z1)
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads


def update_parameters(parameters, grads, learning_rate=1.2):
    """
    One step of gradient descent, theta = theta - learning_rate * d_theta.

    Arguments:
    parameters -- dictionary with "W1", "b1", "W2", "b2" (left unchanged)
    grads -- dictionary with "dW1", "db1", "dW2", "db2"
    learning_rate -- the step size

    Returns:
    parameters -- a new dictionary with the updated "W1", "b1", "W2", "b2"
    """
    W1 = copy.deepcopy(parameters["W1"])
    b1 = copy.deepcopy(parameters["b1"])
    W2 = copy.deepcopy(parameters["W2"])
    b2 = copy.deepcopy(parameters["b2"])

    W1 = W1 - learning_rate * grads["dW1"]
    b1 = b1 - learning_rate * grads["db1"]
    W2 = W2 - learning_rate * grads["dW2"]
    b2 = b2 - learning_rate * grads["db2"]

    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    """
    Train the 2-layer network with gradient descent.

    Seeds NumPy with np.random.seed(3) first, then initialises the parameters
    (n_x and n_y come from layer_sizes, n_h from the argument) and repeats
    forward pass, cost, backward pass and update (default learning rate).

    Arguments:
    X -- data of shape (n_x, number of examples)
    Y -- labels of shape (n_y, number of examples)
    n_h -- size of the hidden layer
    num_iterations -- number of gradient-descent steps
    print_cost -- if True, print the cost every 1000 iterations

    Returns:
    parameters -- the learned parameters, a dictionary like initialize_parameters'
    """
    np.random.seed(3)
    n_x = layer_sizes(X, Y)[0]
    n_y = layer_sizes(X, Y)[2]

    parameters = initialize_parameters(n_x, n_h, n_y)

    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")

    return parameters


def predict(parameters, X):
    """
    Predict a class for every example with the learned parameters.

    Arguments:
    parameters -- dictionary with "W1", "b1", "W2", "b2"
    X -- input data of shape (n_x, m)

    Returns:
    predictions -- boolean array of shape (1, m): True (class 1) where the
                   network's output is above 0.5
    """
    A2, cache = forward_propagation(X, parameters)
    predictions = A2 > 0.5
    return predictions


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs, compared with the functions above.
# ---------------------------------------------------------------------------


def _parameters(rng, n_x, n_h, n_y, scale=1.0):
    """Random weights and biases of an [n_x, n_h, n_y] network (not the lab's tiny initial ones)."""
    return {
        "W1": rng.normal(0, scale, (n_h, n_x)),
        "b1": rng.normal(0, 0.5, (n_h, 1)),
        "W2": rng.normal(0, scale, (n_y, n_h)),
        "b2": rng.normal(0, 0.5, (n_y, 1)),
    }


def _labels(rng, n_y, m):
    """0/1 labels of shape (n_y, m); with m > 1 each row holds both classes."""
    Y = (np.arange(n_y * m).reshape(n_y, m) + np.arange(n_y).reshape(n_y, 1)) % 2
    return rng.permuted(Y, axis=1) if m > 1 else Y


def _problem(seed, n_x, n_h, n_y, m, scale=1.0):
    """X (n_x, m), labels Y (n_y, m) and parameters of an [n_x, n_h, n_y] network."""
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1.5, (n_x, m))
    Y = _labels(rng, n_y, m)
    return X, Y, _parameters(rng, n_x, n_h, n_y, scale)


def _layer_sizes_cases():
    for seed, n_x, n_y, m in [(0, 5, 2, 3), (1, 2, 1, 400), (2, 7, 1, 1), (3, 1, 3, 6)]:
        X, Y, _ = _problem(seed, n_x, 4, n_y, m)
        yield Case(f"X {X.shape}, Y {Y.shape}", (X, Y))


def _initialize_cases():
    for n_x, n_h, n_y, seed in [(2, 4, 1, 2), (5, 3, 2, 7), (1, 1, 1, 0), (10, 6, 3, 11)]:
        yield Case(f"n_x={n_x}, n_h={n_h}, n_y={n_y}, seed {seed}", (n_x, n_h, n_y), seed=seed)


_SHAPES = [(10, 2, 4, 1, 3), (11, 3, 2, 1, 1), (12, 4, 6, 2, 7), (13, 2, 4, 1, 50)]


def _forward_cases():
    for seed, n_x, n_h, n_y, m in _SHAPES:
        X, _, parameters = _problem(seed, n_x, n_h, n_y, m)
        yield Case(f"layers [{n_x}, {n_h}, {n_y}], m={m}", (X, parameters))


def _probabilities(seed, m, low=0.02):
    rng = np.random.default_rng(seed)
    A2 = rng.uniform(low, 1 - low, (1, m))
    Y = _labels(rng, 1, m)
    return A2, Y


def _cost_cases():
    yield Case("m=3", (np.array([[0.51, 0.47, 0.62]]), np.array([[1, 0, 1]])))
    A2, Y = _probabilities(20, 1)
    yield Case("m=1", (A2, Y))
    A2, Y = _probabilities(21, 25)
    yield Case("m=25, float labels", (A2, Y.astype(np.float64)))
    A2, Y = _probabilities(22, 8, low=1e-6)
    yield Case("m=8, confident predictions, uint8 labels", (A2, Y.astype(np.uint8)))


def _backward_cases():
    for seed, n_x, n_h, n_y, m in _SHAPES:
        X, Y, parameters = _problem(seed + 10, n_x, n_h, n_y, m)
        _, cache = forward_propagation(X, parameters)
        yield Case(f"layers [{n_x}, {n_h}, {n_y}], m={m}", (parameters, cache, X, Y))


def _gradients(seed, n_x, n_h, n_y):
    rng = np.random.default_rng(seed)
    return {
        "dW1": rng.normal(0, 0.1, (n_h, n_x)),
        "db1": rng.normal(0, 0.1, (n_h, 1)),
        "dW2": rng.normal(0, 0.1, (n_y, n_h)),
        "db2": rng.normal(0, 0.1, (n_y, 1)),
    }


def _update_cases():
    for (seed, n_x, n_h, n_y, _), rate in zip(_SHAPES, (None, 0.5, 0.0, 1e-3), strict=True):
        _, _, parameters = _problem(seed + 20, n_x, n_h, n_y, 1)
        grads = _gradients(seed + 30, n_x, n_h, n_y)
        kwargs = {} if rate is None else {"learning_rate": rate}
        label = "default learning_rate" if rate is None else f"learning_rate={rate}"
        yield Case(f"layers [{n_x}, {n_h}, {n_y}], {label}", (parameters, grads), kwargs)


def _classes(seed, n_x, m):
    """Points (n_x, m) labelled by a curved rule, so that training has something to learn."""
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (n_x, m))
    Y = ((X[0] * X[-1] + 0.3 * X[0]) > 0).astype(np.int64).reshape(1, m)
    return X, Y


def _nn_model_cases():
    # (data seed, n_x, m, n_h, iterations, global seed before the call: nn_model seeds itself)
    for seed, n_x, m, n_h, iterations, outer_seed in [
        (40, 2, 12, 4, 5, 0),
        (41, 3, 20, 2, 100, 7),
        (42, 2, 40, 5, 400, 0),
        (43, 2, 9, 1, 1, 99),
    ]:
        X, Y = _classes(seed, n_x, m)
        yield Case(
            f"X {X.shape}, n_h={n_h}, {iterations} iterations",
            (X, Y, n_h),
            {"num_iterations": iterations},
            seed=outer_seed,
        )


def _predict_cases():
    for seed, n_x, n_h, _, m in _SHAPES[:3]:
        X, _, parameters = _problem(seed + 50, n_x, n_h, 1, m)
        yield Case(f"layers [{n_x}, {n_h}, 1], m={m}", (parameters, X))
    # all-zero parameters give exactly 0.5 everywhere, which is not above 0.5
    zeros = {"W1": np.zeros((3, 2)), "b1": np.zeros((3, 1)), "W2": np.zeros((1, 3)), "b2": np.zeros((1, 1))}
    yield Case("output exactly 0.5", (zeros, np.ones((2, 4))))


def _public_forward():
    X, _, parameters = _problem(60, 2, 4, 1, 3)
    return Case("layers [2, 4, 1], m=3", (X, parameters))


def _public_backward():
    X, Y, parameters = _problem(61, 2, 4, 1, 3)
    _, cache = forward_propagation(X, parameters)
    return Case("layers [2, 4, 1], m=3", (parameters, cache, X, Y))


def _public_update():
    _, _, parameters = _problem(62, 2, 4, 1, 1)
    return Case("layers [2, 4, 1], default learning_rate", (parameters, _gradients(63, 2, 4, 1)))


def _public_nn_model():
    X, Y = _classes(64, 2, 10)
    return Case("X (2, 10), n_h=4, 10 iterations", (X, Y, 4), {"num_iterations": 10})


def _public_predict():
    X, _, parameters = _problem(65, 2, 4, 1, 5)
    return Case("layers [2, 4, 1], m=5", (parameters, X))


CHECKS = [
    FunctionCheck(
        "layer_sizes", 0.5, _layer_sizes_cases,
        public=lambda: Case("X (5, 3), Y (2, 3)", tuple(_problem(66, 5, 4, 2, 3)[:2])),
    ),
    FunctionCheck(
        "initialize_parameters", 1, _initialize_cases,
        public=lambda: Case("n_x=2, n_h=4, n_y=1, seed 2", (2, 4, 1), seed=2),
    ),
    FunctionCheck("forward_propagation", 1.5, _forward_cases, public=_public_forward),
    FunctionCheck(
        "compute_cost", 1, _cost_cases, strict_number_type=True,
        public=lambda: Case("m=3", (np.array([[0.9, 0.2, 0.6]]), np.array([[1, 0, 0]]))),
    ),
    FunctionCheck("backward_propagation", 2, _backward_cases, public=_public_backward),
    FunctionCheck("update_parameters", 1, _update_cases, inputs_unchanged=True, public=_public_update),
    FunctionCheck("nn_model", 2, _nn_model_cases, tol=Tolerance(rtol=1e-5, atol=1e-8), public=_public_nn_model),
    FunctionCheck("predict", 1, _predict_cases, public=_public_predict),
]
