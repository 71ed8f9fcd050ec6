"""Reference solution and hidden checks: c2w3a1_tensorflow_intro.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).

Results are judged as plain data made inside the student's process by the
hooks of source/c2w3a1_tensorflow_intro/tf_intro_utils.py: `describe_tensor`
records whether a result is a TensorFlow tensor, its dtype and its values;
`forward_gradients` runs `forward_propagation` on tf.Variables under a
GradientTape, so a forward pass that leaves TensorFlow loses those points.
"""

import numpy as np
import tensorflow as tf

from autograder.checks import Case, CellCheck, FunctionCheck, Hook
from autograder.compare import Tolerance


def linear_function():
    """
    The linear function Y = WX + b, on constants drawn at random.

    Draws, after np.random.seed(1) and in this order: X of shape (3, 1),
    W of shape (4, 3) and b of shape (4, 1), each with np.random.randn.

    Returns:
    Y -- a tf.Tensor of shape (4, 1) and dtype float64, equal to W X + b
    """
    np.random.seed(1)
    X = tf.constant(np.random.randn(3, 1), name="X")
    W = tf.constant(np.random.randn(4, 3), name="W")
    b = tf.constant(np.random.randn(4, 1), name="b")
    Y = tf.add(tf.matmul(W, X), b)
    return Y


def sigmoid(z):
    """
    The sigmoid of z, computed by TensorFlow in float32.

    Arguments:
    z -- a number, an array or a tensor

    Returns:
    a -- a float32 tf.Tensor of the shape of z: 1 / (1 + exp(-z))
    """
    z = tf.cast(z, tf.float32)
    a = tf.keras.activations.sigmoid(z)
    return a


def one_hot_matrix(label, C=6):
    """
    The one-hot encoding of a single label.

    Arguments:
    label -- a class index between 0 and C - 1 (a number, or an array or tensor holding one number)
    C -- the number of classes

    Returns:
    one_hot -- a float32 tf.Tensor of shape (C,), 1 at position `label` and 0 elsewhere
    """
    one_hot = tf.reshape(tf.one_hot(label, C, axis=0), shape=(C,))
    return one_hot


def initialize_parameters():
    """
    The parameters of the network [12288, 25, 12, 6] as tf.Variables.

    One initializer, tf.keras.initializers.GlorotNormal(seed=1), makes all six:
    W1 (25, 12288), b1 (25, 1), W2 (12, 25), b2 (12, 1), W3 (6, 12), b3 (6, 1).

    Returns:
    parameters -- a dictionary of float32 tf.Variables "W1", "b1", "W2", "b2", "W3", "b3"
    """
    initializer = tf.keras.initializers.GlorotNormal(seed=1)
    W1 = tf.Variable(initializer(shape=(25, 12288)))
    b1 = tf.Variable(initializer(shape=(25, 1)))
    W2 = tf.Variable(initializer(shape=(12, 25)))
    b2 = tf.Variable(initializer(shape=(12, 1)))
    W3 = tf.Variable(initializer(shape=(6, 12)))
    b3 = tf.Variable(initializer(shape=(6, 1)))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}
    return parameters


def forward_propagation(X, parameters):
    """
    Forward pass LINEAR -> RELU -> LINEAR -> RELU -> LINEAR, with TensorFlow operations.

    Arguments:
    X -- input data, shape (n_x, m), float32
    parameters -- dictionary with "W1", "b1", "W2", "b2", "W3", "b3"

    Returns:
    Z3 -- the output of the last LINEAR unit (the logits), shape (n_3, m)
    """
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = tf.math.add(tf.linalg.matmul(W1, X), b1)
    A1 = tf.keras.activations.relu(Z1)
    Z2 = tf.math.add(tf.linalg.matmul(W2, A1), b2)
    A2 = tf.keras.activations.relu(Z2)
    Z3 = tf.math.add(tf.linalg.matmul(W3, A2), b3)
    return Z3


def compute_total_loss(logits, labels):
    """
    The SUM over the examples of the softmax cross-entropy loss.

    Arguments:
    logits -- output of forward_propagation, shape (C, m): one column per example
    labels -- one-hot labels, shape (C, m)

    Returns:
    total_loss -- a scalar tf.Tensor
    """
    # categorical_crossentropy wants one example per row: transpose both
    losses = tf.keras.losses.categorical_crossentropy(tf.transpose(labels), tf.transpose(logits), from_logits=True)
    total_loss = tf.reduce_sum(losses)
    return total_loss


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs, compared with the functions above.
# ---------------------------------------------------------------------------

DESCRIBE = Hook("tf_intro_utils:describe_tensor")
FLOAT32 = Tolerance(rtol=1e-5, atol=1e-6)


def _linear_cases():
    # no arguments: the function seeds itself, whatever the global state before the call
    for seed in (0, 7, 12345):
        yield Case(f"global seed {seed} before the call", seed=seed)


def _sigmoid_cases():
    rng = np.random.default_rng(3)
    yield Case("float -1.0", (-1.0,))
    yield Case("integer 12", (12,))
    yield Case("float64 vector of 5", (np.linspace(-4, 4, 5),))
    yield Case("float64 matrix (3, 4)", (rng.normal(0, 3, (3, 4)),))
    yield Case("int array [[0, -2]]", (np.array([[0, -2]]),))


def _one_hot_cases():
    yield Case("label 1, default C=6", (1,))
    yield Case("label 5 (numpy int64), C=6", (np.int64(5),))
    yield Case("label [2] of shape (1,), C=6", (np.array([2]),))
    yield Case("label 3, C=4", (3,), {"C": 4})
    yield Case("label 0, C=10", (np.array([0]),), {"C": 10})


def _initialize_cases():
    for seed in (0, 3, 99):
        yield Case(f"global seed {seed} before the call", seed=seed)


def _network(seed, sizes, m):
    """Float32 input X (n_x, m) in [0, 1] and parameters of a [n_x, n_1, n_2, n_3] network."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(0, 1, (sizes[0], m)).astype(np.float32)
    parameters = {}
    for layer in range(1, 4):
        parameters[f"W{layer}"] = rng.normal(0, 1 / np.sqrt(sizes[layer - 1]), (sizes[layer], sizes[layer - 1])).astype(np.float32)
        parameters[f"b{layer}"] = rng.normal(0, 0.5, (sizes[layer], 1)).astype(np.float32)
    return X, parameters


def _forward_cases():
    for seed, sizes, m in [(10, (12288, 25, 12, 6), 3), (11, (4, 5, 3, 6), 8), (12, (7, 3, 2, 4), 1), (13, (10, 8, 8, 2), 32)]:
        yield Case(f"layers {list(sizes)}, m={m}", _network(seed, sizes, m))


def _loss_problem(seed, C, m, scale=2.0):
    rng = np.random.default_rng(seed)
    logits = rng.normal(0, scale, (C, m)).astype(np.float32)
    labels = np.eye(C, dtype=np.float32)[:, rng.integers(0, C, m)]
    return logits, labels


def _loss_cases():
    for seed, C, m in [(20, 6, 1), (21, 6, 2), (22, 6, 32), (23, 3, 5)]:
        yield Case(f"C={C}, m={m}", _loss_problem(seed, C, m))


CHECKS = [
    FunctionCheck("linear_function", 1, _linear_cases, outputs=DESCRIBE, public=lambda: Case("no arguments")),
    FunctionCheck("sigmoid", 1, _sigmoid_cases, outputs=DESCRIBE, tol=FLOAT32, public=lambda: Case("-1", (-1,))),
    FunctionCheck(
        "one_hot_matrix", 1, _one_hot_cases, outputs=DESCRIBE, public=lambda: Case("label 1, C=4", (1,), {"C": 4})
    ),
    FunctionCheck(
        "initialize_parameters",
        2,
        _initialize_cases,
        outputs=Hook("tf_intro_utils:describe_parameters"),
        tol=FLOAT32,
    ),
    FunctionCheck(
        "forward_propagation",
        1.5,
        _forward_cases,
        tol=Tolerance(rtol=1e-4, atol=1e-5),
        public=lambda: Case("layers [3, 4, 3, 6], m=2", _network(42, (3, 4, 3, 6), 2)),
    ),
    CellCheck(
        "forward_propagation_gradients",
        1,
        Hook("tf_intro_utils:forward_gradients"),
        lambda reference: reference,
        tol=Tolerance(rtol=1e-4, atol=1e-5),
    ),
    FunctionCheck(
        "compute_total_loss",
        2.5,
        _loss_cases,
        outputs=DESCRIBE,
        tol=FLOAT32,
        public=lambda: Case("C=6, m=2", _loss_problem(43, 6, 2)),
    ),
]
