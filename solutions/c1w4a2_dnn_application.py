"""Reference solution and hidden checks: c1w4a2_dnn_application.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given building blocks (the previous lab's functions, with the
1/sqrt(n) initialisation), the data loader and the plots live in
source/c1w4a2_dnn_application/dnn_app_utils.py.
"""

import numpy as np
from dnn_app_utils import (
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters,
    initialize_parameters_deep,
    linear_activation_backward,
    linear_activation_forward,
    update_parameters,
)

from autograder.checks import Case, FunctionCheck
from autograder.compare import Tolerance


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """
    Train a 2-layer network LINEAR -> RELU -> LINEAR -> SIGMOID with gradient descent.

    Arguments:
    X -- input data, shape (n_x, number of examples)
    Y -- true labels (1 for cat, 0 for non-cat), shape (1, number of examples)
    layers_dims -- the layer sizes (n_x, n_h, n_y)
    learning_rate -- step size of gradient descent
    num_iterations -- number of iterations of the optimisation loop
    print_cost -- if True, print the cost every 100 iterations and at the last one

    Returns:
    parameters -- dictionary with the trained W1, b1, W2 and b2
    costs -- list of the costs recorded every 100 iterations (when i % 100 == 0)
    """
    np.random.seed(1)
    grads = {}
    costs = []
    (n_x, n_h, n_y) = layers_dims

    parameters = initialize_parameters(n_x, n_h, n_y)
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    for i in range(num_iterations):
        # forward pass: LINEAR -> RELU -> LINEAR -> SIGMOID
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")

        cost = compute_cost(A2, Y)

        # backward pass, starting from the derivative of the cost with respect to A2
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")

        grads["dW1"] = dW1
        grads["db1"] = db1
        grads["dW2"] = dW2
        grads["db2"] = db2

        parameters = update_parameters(parameters, grads, learning_rate)
        W1 = parameters["W1"]
        b1 = parameters["b1"]
        W2 = parameters["W2"]
        b2 = parameters["b2"]

        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {np.squeeze(cost)}")
        if i % 100 == 0:
            costs.append(cost)

    return parameters, costs


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """
    Train an L-layer network [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID with gradient descent.

    Arguments:
    X -- input data, shape (n_x, number of examples)
    Y -- true labels (1 for cat, 0 for non-cat), shape (1, number of examples)
    layers_dims -- list of the layer sizes, the input size first, length L + 1
    learning_rate -- step size of gradient descent
    num_iterations -- number of iterations of the optimisation loop
    print_cost -- if True, print the cost every 100 iterations and at the last one

    Returns:
    parameters -- dictionary with the trained W1, b1, ..., WL, bL
    costs -- list of the costs recorded every 100 iterations (when i % 100 == 0)
    """
    np.random.seed(1)
    costs = []

    parameters = initialize_parameters_deep(layers_dims)

    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)

        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {np.squeeze(cost)}")
        if i % 100 == 0:
            costs.append(cost)

    return parameters, costs


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs, compared with the functions above.
# ---------------------------------------------------------------------------


def _data(seed, n_x, m):
    """X (n_x, m) and labels Y (1, m) with both classes; class 1 shifted so there is something to learn."""
    rng = np.random.default_rng(seed)
    Y = rng.permutation((np.arange(m) % 2).reshape(1, m), axis=1).astype(np.float64)
    X = rng.normal(0, 1, (n_x, m)) + rng.normal(0, 1, (n_x, 1)) * (2 * Y - 1)
    return X, Y


def _two_layer_cases():
    X, Y = _data(0, 5, 8)
    yield Case("(5, 4, 1), m=8, 250 iterations, learning_rate=0.05", (X, Y, (5, 4, 1)),
               {"num_iterations": 250, "learning_rate": 0.05})
    X, Y = _data(1, 3, 1)
    yield Case("(3, 2, 1), m=1, one iteration", (X, Y, (3, 2, 1)), {"num_iterations": 1, "learning_rate": 0.5})
    X, Y = _data(2, 12, 20)
    yield Case("(12, 7, 1), m=20, 101 iterations, default learning rate", (X, Y, (12, 7, 1)),
               {"num_iterations": 101}, seed=7)
    X, Y = _data(3, 4, 6)
    yield Case("(4, 3, 1), m=6, defaults (3000 iterations, learning_rate=0.0075)", (X, Y, [4, 3, 1]), seed=99)


def _L_layer_cases():
    X, Y = _data(10, 5, 8)
    yield Case("[5, 4, 3, 1], m=8, 250 iterations, learning_rate=0.05", (X, Y, [5, 4, 3, 1]),
               {"num_iterations": 250, "learning_rate": 0.05})
    X, Y = _data(11, 3, 1)
    yield Case("[3, 1] (logistic regression), m=1, one iteration", (X, Y, [3, 1]),
               {"num_iterations": 1, "learning_rate": 0.5})
    X, Y = _data(12, 12, 20)
    yield Case("[12, 8, 6, 4, 1], m=20, 101 iterations, default learning rate", (X, Y, [12, 8, 6, 4, 1]),
               {"num_iterations": 101}, seed=7)
    X, Y = _data(13, 4, 6)
    yield Case("[4, 5, 3, 1], m=6, defaults (3000 iterations, learning_rate=0.0075)", (X, Y, [4, 5, 3, 1]), seed=99)


def _public_two_layer():
    X, Y = _data(42, 5, 8)
    return Case("(5, 4, 1), m=8, 150 iterations, learning_rate=0.1", (X, Y, (5, 4, 1)),
                {"num_iterations": 150, "learning_rate": 0.1})


def _public_L_layer():
    X, Y = _data(43, 5, 8)
    return Case("[5, 4, 3, 1], m=8, 150 iterations, learning_rate=0.1", (X, Y, [5, 4, 3, 1]),
                {"num_iterations": 150, "learning_rate": 0.1})


# Thousands of update steps may amplify harmless rounding differences (for example
# computing dA2 as (A2 - Y) / (A2 (1 - A2))), so values get a little more room.
TRAINING_TOLERANCE = Tolerance(rtol=1e-5, atol=1e-8)

CHECKS = [
    FunctionCheck("two_layer_model", 5, _two_layer_cases, tol=TRAINING_TOLERANCE, inputs_unchanged=True,
                  public=_public_two_layer),
    FunctionCheck("L_layer_model", 5, _L_layer_cases, tol=TRAINING_TOLERANCE, inputs_unchanged=True,
                  public=_public_L_layer),
]
