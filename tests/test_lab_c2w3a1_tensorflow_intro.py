"""Lab c2w3a1_tensorflow_intro: the reference earns full marks, plausible mistakes lose
points with a message naming what differs, D-SIGNS keeps the original layout, and the
notebook's training loop (with the reference functions) learns the generated hand signs."""

import contextlib
import io
import os
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402

from autograder.authoring import parse_authoring  # noqa: E402
from autograder.course import checks_of  # noqa: E402
from autograder.data import signs  # noqa: E402
from autograder.labtesting import LabUnderTest  # noqa: E402

LAB = "c2w3a1_tensorflow_intro"
ROOT = Path(__file__).resolve().parent.parent

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student

CHECKS = [
    "linear_function",
    "sigmoid",
    "one_hot_matrix",
    "initialize_parameters",
    "forward_propagation",
    "forward_propagation_gradients",
    "compute_total_loss",
]


def utils():
    return lab.helper("tf_intro_utils")


@pytest.mark.parametrize("name", CHECKS)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def test_points_add_up_to_ten():
    assert sum(check.points for check in checks_of(LAB).values()) == 10


# --- linear_function ------------------------------------------------------------


def test_linear_function_drawing_W_first():
    def w_first():
        np.random.seed(1)
        W = tf.constant(np.random.randn(4, 3))
        X = tf.constant(np.random.randn(3, 1))
        b = tf.constant(np.random.randn(4, 1))
        return tf.add(tf.matmul(W, X), b)

    result = run("linear_function", student(linear_function=w_first))
    assert result.points == 0
    assert "linear_function()['value']" in result.messages() and "values differ" in result.messages()


def test_linear_function_with_numpy_is_not_a_tensor():
    def numpy_version():
        np.random.seed(1)
        X, W, b = np.random.randn(3, 1), np.random.randn(4, 3), np.random.randn(4, 1)
        return np.dot(W, X) + b

    result = run("linear_function", student(linear_function=numpy_version))
    assert result.points == 0
    assert "linear_function()['kind']: 'tf.Tensor' expected, got 'ndarray'" in result.messages()
    assert "['value']" not in result.messages()  # the numbers themselves are right


def test_linear_function_in_float32():
    def float32_version():
        np.random.seed(1)
        X = tf.constant(np.random.randn(3, 1), dtype=tf.float32)
        W = tf.constant(np.random.randn(4, 3), dtype=tf.float32)
        b = tf.constant(np.random.randn(4, 1), dtype=tf.float32)
        return tf.add(tf.matmul(W, X), b)

    result = run("linear_function", student(linear_function=float32_version))
    assert result.points == 0
    assert "linear_function()['dtype']: 'float64' expected, got 'float32'" in result.messages()


# --- sigmoid ----------------------------------------------------------------------


def test_sigmoid_without_the_cast():
    def no_cast(z):
        return tf.keras.activations.sigmoid(tf.convert_to_tensor(z))

    result = run("sigmoid", student(sigmoid=no_cast))
    text = result.messages()
    assert 0 < result.points < result.max_points  # a Python float becomes float32 anyway
    assert "sigmoid()['dtype']: 'float32' expected, got 'float64'" in text


def test_sigmoid_with_tanh():
    result = run("sigmoid", student(sigmoid=lambda z: tf.keras.activations.tanh(tf.cast(z, tf.float32))))
    assert result.points < result.max_points
    assert "sigmoid()['value']" in result.messages()


# --- one_hot_matrix ---------------------------------------------------------------


def test_one_hot_without_reshape():
    result = run("one_hot_matrix", student(one_hot_matrix=lambda label, C=6: tf.one_hot(label, C, axis=0)))
    text = result.messages()
    assert 0 < result.points < result.max_points  # a scalar label already gives shape (C,)
    assert "one_hot_matrix()['value']: shape (6,) expected, got (6, 1)" in text
    assert "one_hot_matrix()['value']: shape (10,) expected, got (10, 1)" in text


def test_one_hot_ignoring_C():
    result = run("one_hot_matrix", student(one_hot_matrix=lambda label, C=6: tf.reshape(tf.one_hot(label, 6, axis=0), (6,))))
    text = result.messages()
    assert 0 < result.points < result.max_points
    assert "one_hot_matrix()['value']: shape (4,) expected, got (6,)" in text


# --- initialize_parameters --------------------------------------------------------


SHAPES = {"W1": (25, 12288), "b1": (25, 1), "W2": (12, 25), "b2": (12, 1), "W3": (6, 12), "b3": (6, 1)}


def _initialize(initializer_factory, wrap=tf.Variable, shapes=SHAPES):
    def initialize_parameters():
        initializer = initializer_factory()
        return {name: wrap(initializer(shape=shape)) for name, shape in shapes.items()}

    return initialize_parameters


def test_initialize_helper_matches_reference_when_correct():
    result = run("initialize_parameters", student(initialize_parameters=_initialize(lambda: tf.keras.initializers.GlorotNormal(seed=1))))
    assert result.points == result.max_points, result.report()


def test_initialize_with_glorot_uniform():
    result = run("initialize_parameters", student(initialize_parameters=_initialize(lambda: tf.keras.initializers.GlorotUniform(seed=1))))
    assert result.points == 0
    assert "initialize_parameters()['W1']['value']" in result.messages() and "values differ" in result.messages()


def test_initialize_without_a_seed_depends_on_the_global_state():
    result = run("initialize_parameters", student(initialize_parameters=_initialize(tf.keras.initializers.GlorotNormal)))
    assert result.points == 0
    assert "initialize_parameters()['W1']['value']" in result.messages()


def test_initialize_returning_tensors_not_variables():
    wrong = _initialize(lambda: tf.keras.initializers.GlorotNormal(seed=1), wrap=lambda tensor: tensor)
    result = run("initialize_parameters", student(initialize_parameters=wrong))
    assert result.points == 0
    assert "initialize_parameters()['W1']['kind']: 'tf.Variable' expected, got 'tf.Tensor'" in result.messages()
    assert "['value']" not in result.messages()


def test_initialize_with_transposed_W1():
    shapes = dict(SHAPES, W1=(12288, 25))
    wrong = _initialize(lambda: tf.keras.initializers.GlorotNormal(seed=1), shapes=shapes)
    result = run("initialize_parameters", student(initialize_parameters=wrong))
    assert result.points == 0
    assert "initialize_parameters()['W1']['value']: shape (25, 12288) expected, got (12288, 25)" in result.messages()


# --- forward_propagation and its gradients ----------------------------------------


def _forward(output_activation=None, through_numpy=False):
    def forward_propagation(X, parameters):
        W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
        if through_numpy:  # leaves TensorFlow: right values, no gradients
            W1, b1, W2, b2, W3, b3 = (np.asarray(p) for p in (W1, b1, W2, b2, W3, b3))
            X = np.asarray(X)
            A1 = np.maximum(W1 @ X + b1, 0)
            A2 = np.maximum(W2 @ A1 + b2, 0)
            return tf.constant(W3 @ A2 + b3)
        A1 = tf.keras.activations.relu(tf.linalg.matmul(W1, X) + b1)
        A2 = tf.keras.activations.relu(tf.linalg.matmul(W2, A1) + b2)
        Z3 = tf.linalg.matmul(W3, A2) + b3
        return output_activation(Z3) if output_activation else Z3

    return forward_propagation


def test_forward_helper_matches_reference_when_correct():
    namespace = student(forward_propagation=_forward())
    for name in ("forward_propagation", "forward_propagation_gradients"):
        result = run(name, namespace)
        assert result.points == result.max_points, result.report()


def test_forward_with_relu_on_the_output():
    namespace = student(forward_propagation=_forward(output_activation=tf.keras.activations.relu))
    result = run("forward_propagation", namespace)
    assert result.points == 0
    assert "forward_propagation(): " in result.messages() and "values differ" in result.messages()
    gradients = run("forward_propagation_gradients", namespace)
    assert gradients.points < gradients.max_points
    assert "['dW3']['gradient']" in gradients.messages()


def test_forward_through_numpy_has_right_values_but_no_gradients():
    namespace = student(forward_propagation=_forward(through_numpy=True))
    assert run("forward_propagation", namespace).points == run("forward_propagation", namespace).max_points
    result = run("forward_propagation_gradients", namespace)
    text = result.messages()
    assert result.points == 0
    assert "['dW1']['has a gradient']: True expected, got False" in text


# --- compute_total_loss -----------------------------------------------------------


def _loss(reduce=tf.reduce_sum, transpose=True, from_logits=True):
    def compute_total_loss(logits, labels):
        if transpose:
            logits, labels = tf.transpose(logits), tf.transpose(labels)
        losses = tf.keras.losses.categorical_crossentropy(labels, logits, from_logits=from_logits)
        return reduce(losses)

    return compute_total_loss


def test_loss_helper_matches_reference_when_correct():
    result = run("compute_total_loss", student(compute_total_loss=_loss()))
    assert result.points == result.max_points, result.report()


def test_loss_mean_instead_of_sum():
    result = run("compute_total_loss", student(compute_total_loss=_loss(reduce=tf.reduce_mean)))
    text = result.messages()
    assert 0 < result.points < result.max_points  # with m=1 the mean is the sum
    assert "compute_total_loss()['value']" in text and "expected, got" in text


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # Keras warns about the (6, 1) predictions of m=1
def test_loss_without_transposing():
    result = run("compute_total_loss", student(compute_total_loss=_loss(transpose=False)))
    assert result.points == 0
    assert "compute_total_loss()['value']" in result.messages()


def test_loss_treating_logits_as_probabilities():
    result = run("compute_total_loss", student(compute_total_loss=_loss(from_logits=False)))
    assert result.points == 0
    assert "expected, got" in result.messages()


def test_loss_summed_with_numpy_is_not_a_tensor():
    result = run("compute_total_loss", student(compute_total_loss=_loss(reduce=lambda losses: np.sum(np.asarray(losses)))))
    assert result.points == 0
    assert "compute_total_loss()['kind']: 'tf.Tensor' expected, got 'numpy.float32'" in result.messages()


# --- the public examples ----------------------------------------------------------


def test_public_example_helper_reports_differences(tmp_path):
    folder = ROOT / "source" / LAB
    reference = vars(lab.reference)

    def say(namespace, name):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            utils().check_example(name, namespace, folder=folder)
        return out.getvalue()

    assert "public example passed" in say(reference, "sigmoid")
    wrong = dict(reference, sigmoid=lambda z: tf.keras.activations.sigmoid(tf.constant(z, tf.float64)))
    text = say(wrong, "sigmoid")
    assert "public example FAILED" in text and "'float32' expected, got 'float64'" in text
    assert "is not defined yet" in say({}, "linear_function")


# --- D-SIGNS and the lesson -------------------------------------------------------


def test_signs_files_keep_the_original_layout(tmp_path):
    start = time.process_time()
    signs.write_files(tmp_path)
    assert time.process_time() - start < 6  # about 1.5 s of CPU on this machine
    with h5py.File(tmp_path / "train_signs.h5", "r") as train, h5py.File(tmp_path / "test_signs.h5", "r") as test:
        assert sorted(train) == ["list_classes", "train_set_x", "train_set_y"]
        assert sorted(test) == ["list_classes", "test_set_x", "test_set_y"]
        assert train["train_set_x"].shape == (1080, 64, 64, 3) and train["train_set_x"].dtype == np.uint8
        assert test["test_set_x"].shape == (120, 64, 64, 3)
        assert train["train_set_y"].shape == (1080,)
        np.testing.assert_array_equal(train["list_classes"][:], np.arange(6))
        assert np.bincount(train["train_set_y"][:]).tolist() == [180] * 6
        assert np.bincount(test["test_set_y"][:]).tolist() == [20] * 6
    x, y, tx, ty, classes = signs.load_signs_dataset(tmp_path)
    assert y.shape == (1, 1080) and ty.shape == (1, 120)
    first = (tmp_path / "train_signs.h5").read_bytes()
    again = tmp_path / "again"
    signs.write_files(again)
    assert (again / "train_signs.h5").read_bytes() == first  # same bytes on every run


def test_more_fingers_show_more_skin_above_the_palm():
    """The label is visible in the pixels: each raised finger adds to the hand's area."""
    rng = np.random.default_rng(0)
    images, labels = signs.generate(300, rng)
    background = images[:, :4, :4].mean(axis=(1, 2, 3))  # a corner is always background
    brighter = (images.mean(axis=3) > background[:, None, None] + 40)[:, :30]  # the upper half
    area = brighter.sum(axis=(1, 2))
    means = [area[labels == k].mean() for k in range(6)]
    assert all(a < b for a, b in zip(means, means[1:], strict=False)), means


def _notebook_cells(*markers):
    """The code of the authoring file's given cells that contain each marker, in order."""
    cells = parse_authoring((ROOT / "authoring" / f"{LAB}.py").read_text())
    return [next(c.body for c in cells if c.kind == "given" and marker in c.body) for marker in markers]


@pytest.mark.slow  # about 15 s: 30 epochs of the notebook's training loop
def test_lesson_the_notebook_training_loop_learns_the_signs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = dict(vars(lab.reference), h5py=h5py, np=np, tf=tf, write_files=signs.write_files, scaled=lambda full, grading: full)
    for code in _notebook_cells('write_files("data")', "def normalize(", "new_y_train =", "def model("):
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, namespace)
    assert namespace["NUM_EPOCHS"] == 30
    demo = _notebook_cells("parameters, costs, train_acc, test_acc = model(")[0]
    assert "learning_rate=0.0005, num_epochs=NUM_EPOCHS" in demo
    tf.keras.utils.set_random_seed(1)
    with contextlib.redirect_stdout(io.StringIO()):
        _, costs, train_acc, test_acc = namespace["model"](
            namespace["new_train"], namespace["new_y_train"], namespace["new_test"], namespace["new_y_test"],
            learning_rate=0.0005, num_epochs=namespace["NUM_EPOCHS"],
        )
    # measured: cost 1.85 -> 0.47, accuracy 0.90 on the training set and 0.82 on the test set
    assert costs[-1] < 0.35 * costs[0]
    assert all(later < earlier for earlier, later in zip(costs, costs[1:], strict=False))
    assert train_acc[-1] > 0.8 and test_acc[-1] > 0.75, (train_acc[-1], test_acc[-1])
    assert train_acc[-1] > train_acc[0] + 0.5
