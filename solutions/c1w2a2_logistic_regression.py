"""Reference solution and hidden checks: c1w2a2_logistic_regression.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
"""

import copy

import numpy as np

from autograder.checks import Case, FunctionCheck


def sigmoid(z):
    """
    Compute the sigmoid of z.

    Arguments:
    z -- a scalar or numpy array of any size

    Returns:
    s -- sigmoid(z)
    """
    s = 1 / (1 + np.exp(-z))
    return s


def initialize_with_zeros(dim):
    """
    Create a vector of zeros of shape (dim, 1) for w and initialise b to 0.

    Arguments:
    dim -- size of the w vector we want (number of parameters)

    Returns:
    w -- initialised vector of shape (dim, 1), dtype float
    b -- initialised scalar bias, a Python float
    """
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b


def propagate(w, b, X, Y):
    """
    Cost and gradient of logistic regression (one forward and one backward pass).

    Arguments:
    w -- weights, a numpy array of shape (num_px * num_px * 3, 1)
    b -- bias, a scalar
    X -- data of shape (num_px * num_px * 3, number of examples)
    Y -- true "label" vector (0 or 1) of shape (1, number of examples)

    Returns:
    grads -- dictionary with "dw" (shape of w) and "db" (a scalar)
    cost -- negative log-likelihood cost, a 0-d array
    """
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = np.dot(X, (A - Y).T) / m
    db = np.sum(A - Y) / m
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """
    Optimise w and b by running gradient descent.

    Arguments:
    w, b, X, Y -- as in propagate
    num_iterations -- number of gradient-descent steps
    learning_rate -- step size of the update rule
    print_cost -- True to print the cost every 100 steps

    Returns:
    params -- dictionary with the weights "w" and bias "b"
    grads -- dictionary with the last gradients "dw" and "db"
    costs -- list of the costs recorded every 100 steps
    """
    w = copy.deepcopy(w)
    b = copy.deepcopy(b)
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = w - learning_rate * dw
        b = b - learning_rate * db
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs


def predict(w, b, X):
    """
    Predict whether each label is 0 or 1 with learned parameters (w, b).

    Arguments:
    w, b -- learned weights and bias
    X -- data of shape (num_px * num_px * 3, number of examples)

    Returns:
    Y_prediction -- numpy array (1, m) of 0./1. predictions
    """
    m = X.shape[1]
    w = w.reshape(X.shape[0], 1)
    A = sigmoid(np.dot(w.T, X) + b)
    Y_prediction = (A > 0.5).astype(np.float64).reshape(1, m)
    return Y_prediction


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """
    Build the logistic regression model from the functions above.

    Returns:
    d -- dictionary with costs, Y_prediction_test, Y_prediction_train, w, b,
         learning_rate and num_iterations
    """
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    if print_cost:
        print(f"train accuracy: {100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100} %")
        print(f"test accuracy: {100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100} %")
    d = {
        "costs": costs,
        "Y_prediction_test": Y_prediction_test,
        "Y_prediction_train": Y_prediction_train,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }
    return d


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs, compared with the functions above.
# ---------------------------------------------------------------------------


def _problem(seed, n, m, scale=1.0):
    """Random logistic-regression data: w (n,1), b, X (n,m), Y (1,m) with 0/1 labels."""
    rng = np.random.default_rng(seed)
    w = rng.normal(0, 0.5, (n, 1))
    b = float(rng.normal())
    X = rng.normal(0, scale, (n, m))
    Y = (rng.random((1, m)) > 0.5).astype(np.float64)
    return w, b, X, Y


def _sigmoid_cases():
    yield Case("scalar 0", (0.0,))
    yield Case("vector [-3..3]", (np.linspace(-3, 3, 7),))
    yield Case("matrix (4, 5)", (np.random.default_rng(1).normal(0, 4, (4, 5)),))
    yield Case("large magnitudes", (np.array([[-30.0, 30.0], [12.5, -0.25]]),))


def _zeros_cases():
    for dim in (1, 2, 12288):
        yield Case(f"dim={dim}", (dim,))


def _propagate_cases():
    for seed, n, m in [(0, 2, 3), (1, 5, 1), (2, 7, 10), (3, 50, 40)]:
        yield Case(f"n={n}, m={m}", _problem(seed, n, m))


def _optimize_cases():
    yield Case("n=2, m=3, 100 steps", _problem(4, 2, 3), {"num_iterations": 101, "learning_rate": 0.009})
    yield Case("n=6, m=20, 300 steps", _problem(5, 6, 20), {"num_iterations": 300, "learning_rate": 0.05})
    yield Case("n=4, m=9, 1 step", _problem(6, 4, 9), {"num_iterations": 1, "learning_rate": 0.5})


def _predict_cases():
    for seed, n, m in [(7, 3, 4), (8, 1, 6), (9, 20, 15)]:
        w, b, X, _ = _problem(seed, n, m)
        yield Case(f"n={n}, m={m}", (w, b, X))
    # b is a float and w (n,1); probabilities exactly at 0.5 must give 0
    yield Case("boundary 0.5", (np.zeros((2, 1)), 0.0, np.ones((2, 3))))


def _model_cases():
    for seed, n, m_train, m_test, iters, lr in [(10, 4, 30, 10, 200, 0.1), (11, 8, 25, 7, 101, 0.5), (12, 3, 12, 5, 50, 0.01)]:
        _, _, X, Y = _problem(seed, n, m_train)
        _, _, Xt, Yt = _problem(seed + 100, n, m_test)
        yield Case(f"n={n}, m={m_train}, {iters} steps", (X, Y, Xt, Yt), {"num_iterations": iters, "learning_rate": lr})


CHECKS = [
    FunctionCheck("sigmoid", 1, _sigmoid_cases, public=lambda: Case("[0, 2]", (np.array([0.0, 2.0]),))),
    FunctionCheck("initialize_with_zeros", 1, _zeros_cases, strict_number_type=True, public=lambda: Case("dim=2", (2,))),
    FunctionCheck("propagate", 3, _propagate_cases, public=lambda: Case("n=2, m=3", _problem(42, 2, 3))),
    FunctionCheck("optimize", 2, _optimize_cases, inputs_unchanged=True),
    FunctionCheck("predict", 1, _predict_cases, public=lambda: Case("n=3, m=3", _problem(43, 3, 3)[:3])),
    FunctionCheck("model", 2, _model_cases),
]
