"""Reference solution and hidden checks: c1w2a1_python_basics.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
"""

import math

import numpy as np

from autograder.checks import Case, FunctionCheck


def basic_sigmoid(x):
    """
    Compute the sigmoid of a single real number x with the math module.

    Arguments:
    x -- a Python number (int or float)

    Returns:
    s -- sigmoid(x) = 1 / (1 + e^(-x)), a Python float
    """
    s = 1 / (1 + math.exp(-x))
    return s


def sigmoid(x):
    """
    Compute the sigmoid of x, element by element.

    Arguments:
    x -- a scalar or a numpy array of any shape

    Returns:
    s -- sigmoid(x), same shape as x
    """
    s = 1 / (1 + np.exp(-x))
    return s


def sigmoid_derivative(x):
    """
    Compute the slope of the sigmoid at x, element by element.

    Arguments:
    x -- a scalar or a numpy array of any shape

    Returns:
    ds -- sigmoid'(x) = s * (1 - s) where s = sigmoid(x), same shape as x
    """
    s = sigmoid(x)
    ds = s * (1 - s)
    return ds


def image2vector(image):
    """
    Unroll an image into a single column.

    Arguments:
    image -- a numpy array of shape (length, height, depth)

    Returns:
    v -- a numpy array of shape (length * height * depth, 1), in row-major (C) order
    """
    v = image.reshape(-1, 1)
    return v


def normalize_rows(x):
    """
    Scale every row of x to unit length (Euclidean norm 1).

    Arguments:
    x -- a numpy matrix of shape (n, m) with no all-zero row

    Returns:
    x -- a new matrix of shape (n, m) whose rows have norm 1 (the input is left unchanged)
    """
    x_norm = np.linalg.norm(x, axis=1, keepdims=True)
    x = x / x_norm
    return x


def softmax(x):
    """
    Row-wise softmax: every row of the result is positive and sums to 1.

    Arguments:
    x -- a numpy matrix of shape (n, m)

    Returns:
    s -- a new matrix of shape (n, m), s[i, j] = exp(x[i, j]) / sum_k exp(x[i, k])
    """
    x_exp = np.exp(x)
    x_sum = np.sum(x_exp, axis=1, keepdims=True)
    s = x_exp / x_sum
    return s


def L1(yhat, y):
    """
    L1 loss: the sum of absolute differences.

    Arguments:
    yhat -- vector of size m (predicted labels)
    y -- vector of size m (true labels)

    Returns:
    loss -- the value of sum_i |y_i - yhat_i|
    """
    loss = np.sum(np.abs(y - yhat))
    return loss


def L2(yhat, y):
    """
    L2 loss: the sum of squared differences.

    Arguments:
    yhat -- vector of size m (predicted labels)
    y -- vector of size m (true labels)

    Returns:
    loss -- the value of sum_i (y_i - yhat_i)^2
    """
    diff = y - yhat
    loss = np.sum(diff**2)
    return loss


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs, compared with the functions above.
# ---------------------------------------------------------------------------


def _normal(seed, shape, scale=1.0):
    return np.random.default_rng(seed).normal(0, scale, shape)


def _basic_sigmoid_cases():
    yield Case("x=0", (0,))
    yield Case("x=3 (an int)", (3,))
    yield Case("x=-2.5", (-2.5,))
    yield Case("x=20.0 (close to 1)", (20.0,))
    yield Case("x=-40.0 (close to 0)", (-40.0,))


def _sigmoid_cases():
    yield Case("vector of 7", (np.linspace(-3, 3, 7),))
    yield Case("matrix (4, 5)", (_normal(1, (4, 5), 3),))
    yield Case("tensor (2, 3, 4)", (_normal(2, (2, 3, 4), 2),))
    yield Case("large magnitudes (1, 4)", (np.array([[-30.0, -12.5, 12.5, 30.0]]),))


def _sigmoid_derivative_cases():
    yield Case("vector [1, 2, 3]", (np.array([1.0, 2.0, 3.0]),))
    yield Case("matrix (3, 6)", (_normal(3, (3, 6), 2),))
    yield Case("zeros (2, 2): slope 1/4", (np.zeros((2, 2)),))
    yield Case("tensor (2, 2, 5)", (_normal(4, (2, 2, 5), 4),))


def _image2vector_cases():
    yield Case("image (3, 3, 2)", (_normal(5, (3, 3, 2)),))
    yield Case("image (4, 5, 3)", (_normal(6, (4, 5, 3)),))
    yield Case("image (1, 1, 1)", (np.array([[[0.5]]]),))
    yield Case("uint8 image (8, 6, 3)", (np.random.default_rng(7).integers(0, 256, (8, 6, 3), dtype=np.uint8),))


def _normalize_rows_cases():
    yield Case("matrix (2, 3)", (np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]]),))
    yield Case("matrix (5, 4)", (_normal(8, (5, 4), 2),))
    yield Case("one row (1, 6)", (_normal(9, (1, 6)),))
    yield Case("one column (3, 1)", (np.array([[2.0], [-0.5], [7.0]]),))
    yield Case("square integer matrix (3, 3)", (np.array([[1, 2, 2], [3, 0, 4], [-6, 8, 0]]),))


def _softmax_cases():
    yield Case("matrix (2, 5)", (np.array([[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0]]),))
    yield Case("matrix (3, 4)", (_normal(10, (3, 4), 2),))
    yield Case("one row (1, 6)", (_normal(11, (1, 6)),))
    yield Case("one column (4, 1)", (_normal(12, (4, 1)),))
    yield Case("square matrix (3, 3)", (_normal(13, (3, 3), 3),))


def _losses(seed, m):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, m).astype(np.float64)
    yhat = np.clip(y + rng.normal(0, 0.3, m), 0, 1)
    return yhat, y


def _l1_cases():
    yield Case("m=5", (np.array([0.9, 0.2, 0.1, 0.4, 0.9]), np.array([1, 0, 0, 1, 1])))
    yield Case("m=12", _losses(14, 12))
    yield Case("m=1", (np.array([0.25]), np.array([1.0])))
    yield Case("perfect predictions, m=4", (np.array([1.0, 0.0, 0.0, 1.0]), np.array([1.0, 0.0, 0.0, 1.0])))


def _l2_cases():
    yield Case("m=5", (np.array([0.9, 0.2, 0.1, 0.4, 0.9]), np.array([1, 0, 0, 1, 1])))
    yield Case("m=12", _losses(15, 12))
    yield Case("m=1", (np.array([0.25]), np.array([1.0])))
    yield Case("perfect predictions, m=4", (np.array([1.0, 0.0, 0.0, 1.0]), np.array([1.0, 0.0, 0.0, 1.0])))


CHECKS = [
    FunctionCheck("basic_sigmoid", 1, _basic_sigmoid_cases, strict_number_type=True, public=lambda: Case("x=1", (1,))),
    FunctionCheck("sigmoid", 1, _sigmoid_cases, public=lambda: Case("[1, 2, 3]", (np.array([1.0, 2.0, 3.0]),))),
    FunctionCheck(
        "sigmoid_derivative", 1.5, _sigmoid_derivative_cases,
        public=lambda: Case("[-1, 0, 1]", (np.array([-1.0, 0.0, 1.0]),)),
    ),
    FunctionCheck(
        "image2vector", 1, _image2vector_cases,
        public=lambda: Case("image (2, 2, 3)", (np.arange(12, dtype=np.float64).reshape(2, 2, 3) / 10,)),
    ),
    FunctionCheck(
        "normalize_rows", 1.5, _normalize_rows_cases, inputs_unchanged=True,
        public=lambda: Case("[[0, 3, 4], [2, 6, 4]]", (np.array([[0.0, 3.0, 4.0], [2.0, 6.0, 4.0]]),)),
    ),
    FunctionCheck(
        "softmax", 2, _softmax_cases, inputs_unchanged=True,
        public=lambda: Case("matrix (2, 3)", (np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]),)),
    ),
    FunctionCheck(
        "L1", 1, _l1_cases,
        public=lambda: Case("m=3", (np.array([0.8, 0.1, 0.6]), np.array([1.0, 0.0, 1.0]))),
    ),
    FunctionCheck(
        "L2", 1, _l2_cases,
        public=lambda: Case("m=3", (np.array([0.8, 0.1, 0.6]), np.array([1.0, 0.0, 1.0]))),
    ),
]
