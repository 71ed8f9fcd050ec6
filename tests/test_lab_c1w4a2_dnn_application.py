"""Lab c1w4a2_dnn_application: the reference earns full marks, plausible mistakes lose
points with a message naming what differs, and the lesson holds on D-CAT: with the
notebook's settings the 4-layer network beats logistic regression on the test set."""

import re
from pathlib import Path

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from autograder.course import load_reference
from autograder.data import cats
from autograder.labtesting import LabUnderTest

LAB = "c1w4a2_dnn_application"
ROOT = Path(__file__).resolve().parent.parent

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student


def utils():
    return lab.helper("dnn_app_utils")


@pytest.mark.parametrize("name", ["two_layer_model", "L_layer_model"])
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def test_points_add_up_to_ten():
    assert sum(check.points for check in lab.reference.CHECKS) == 10


# --- two_layer_model ----------------------------------------------------------------


def _two_layer(dA2="reference", hidden="relu", record_every_step=False, reread=True, default_rate=0.0075):
    u = utils()

    def two_layer_model(X, Y, layers_dims, learning_rate=default_rate, num_iterations=3000, print_cost=False):
        np.random.seed(1)
        costs = []
        n_x, n_h, n_y = layers_dims
        parameters = u.initialize_parameters(n_x, n_h, n_y)
        W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
        for i in range(num_iterations):
            A1, cache1 = u.linear_activation_forward(X, W1, b1, hidden)
            A2, cache2 = u.linear_activation_forward(A1, W2, b2, "sigmoid")
            cost = u.compute_cost(A2, Y)
            if dA2 == "reference":
                d = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
            elif dA2 == "rewritten":  # the same derivative, written differently
                d = (A2 - Y) / (A2 * (1 - A2))
            else:  # the sign flipped: gradient ascent
                d = np.divide(Y, A2) - np.divide(1 - Y, 1 - A2)
            dA1, dW2, db2 = u.linear_activation_backward(d, cache2, "sigmoid")
            _, dW1, db1 = u.linear_activation_backward(dA1, cache1, hidden)
            parameters = u.update_parameters(parameters, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}, learning_rate)
            if reread:
                W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
            if record_every_step or i % 100 == 0:
                costs.append(cost)
        return parameters, costs

    return two_layer_model


def test_two_layer_model_helper_matches_reference_when_correct():
    result = run("two_layer_model", student(two_layer_model=_two_layer()))
    assert result.points == result.max_points, result.report()


def test_two_layer_model_accepts_an_equivalent_derivative():
    result = run("two_layer_model", student(two_layer_model=_two_layer(dA2="rewritten")))
    assert result.points == result.max_points, result.report()


def test_two_layer_model_climbing_the_cost():
    result = run("two_layer_model", student(two_layer_model=_two_layer(dA2="flipped")))
    text = result.messages()
    assert result.points == 0
    assert "two_layer_model()[0]['W1']" in text and "values differ" in text


def test_two_layer_model_sigmoid_hidden_layer():
    result = run("two_layer_model", student(two_layer_model=_two_layer(hidden="sigmoid")))
    assert result.points == 0
    assert "two_layer_model()[1][0]" in result.messages()  # already the first cost differs


def test_two_layer_model_recording_every_iteration():
    result = run("two_layer_model", student(two_layer_model=_two_layer(record_every_step=True)))
    text = result.messages()
    assert 0 < result.points < result.max_points  # a single iteration records one cost either way
    assert "two_layer_model()[1]: length 3 expected, got 250" in text
    assert "['W1']" not in text


def test_two_layer_model_forgetting_to_read_the_new_weights():
    result = run("two_layer_model", student(two_layer_model=_two_layer(reread=False)))
    failed = [case.label for case in result.cases if not case.passed]
    assert 0 < result.points < result.max_points
    assert "(3, 2, 1), m=1, one iteration" not in failed  # one step cannot tell
    assert "two_layer_model()[0]['W1']" in result.messages()


def test_two_layer_model_wrong_default_learning_rate():
    result = run("two_layer_model", student(two_layer_model=_two_layer(default_rate=0.075)))
    failed = [case.label for case in result.cases if not case.passed]
    assert failed == [
        "(12, 7, 1), m=20, 101 iterations, default learning rate",
        "(4, 3, 1), m=6, defaults (3000 iterations, learning_rate=0.0075)",
    ]


# --- L_layer_model --------------------------------------------------------------------


def _L_layer(assign_update=True, start=0, init="deep"):
    u = utils()

    def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
        np.random.seed(1)
        costs = []
        if init == "deep":
            parameters = u.initialize_parameters_deep(layers_dims)
        else:  # the previous lab's 0.01 * randn, seed 3
            np.random.seed(3)
            parameters = {}
            for layer in range(1, len(layers_dims)):
                parameters[f"W{layer}"] = np.random.randn(layers_dims[layer], layers_dims[layer - 1]) * 0.01
                parameters[f"b{layer}"] = np.zeros((layers_dims[layer], 1))
        for i in range(start, num_iterations):
            AL, caches = u.L_model_forward(X, parameters)
            cost = u.compute_cost(AL, Y)
            grads = u.L_model_backward(AL, Y, caches)
            updated = u.update_parameters(parameters, grads, learning_rate)
            if assign_update:
                parameters = updated
            if i % 100 == 0:
                costs.append(cost)
        return parameters, costs

    return L_layer_model


def test_L_layer_model_helper_matches_reference_when_correct():
    result = run("L_layer_model", student(L_layer_model=_L_layer()))
    assert result.points == result.max_points, result.report()


def test_L_layer_model_discarding_the_update():
    result = run("L_layer_model", student(L_layer_model=_L_layer(assign_update=False)))
    text = result.messages()
    assert result.points == 0
    assert "L_layer_model()[0]['W1']" in text and "values differ" in text


def test_L_layer_model_starting_the_loop_at_one_misses_the_first_cost():
    result = run("L_layer_model", student(L_layer_model=_L_layer(start=1)))
    text = result.messages()
    assert result.points == 0
    assert "L_layer_model()[1]: length 3 expected, got 2" in text
    assert "L_layer_model()[1]: length 1 expected, got 0" in text


def test_L_layer_model_with_the_previous_labs_initialisation():
    result = run("L_layer_model", student(L_layer_model=_L_layer(init="small")))
    assert result.points == 0
    assert "L_layer_model()[0]['W1']" in result.messages()


# --- data and lesson --------------------------------------------------------------------


def _notebook_constant(name):
    text = (ROOT / "authoring" / f"{LAB}.py").read_text()
    return int(re.search(rf"^{name} = scaled\((\d+), \d+\)", text, re.MULTILINE).group(1))


@pytest.fixture(scope="module")
def cat_data(tmp_path_factory):
    """D-CAT preprocessed as in the notebook: flattened, /255, and the mean training picture removed."""
    train_x_orig, train_y, test_x_orig, test_y, classes = cats.load_dataset(tmp_path_factory.mktemp("dcat"))
    train = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 255.0
    test = test_x_orig.reshape(test_x_orig.shape[0], -1).T / 255.0
    mean_picture = train.mean(axis=1, keepdims=True)
    return {"train": train, "test": test, "train_c": train - mean_picture, "test_c": test - mean_picture,
            "train_y": train_y, "test_y": test_y, "classes": classes}


def test_cat_data_has_the_shapes_the_notebook_expects(cat_data):
    assert cat_data["train"].shape == (12288, 209) and cat_data["test"].shape == (12288, 50)
    assert cat_data["train_y"].shape == (1, 209) and cat_data["test_y"].shape == (1, 50)
    assert list(cat_data["classes"]) == [b"non-cat", b"cat"]


def test_lesson_deep_network_beats_logistic_regression_on_the_test_set(cat_data):
    """The notebook's claims, with its settings (single-threaded BLAS keeps this test sane on a busy machine)."""
    u, reference = utils(), lab.reference
    logistic_lab = load_reference("c1w2a2_logistic_regression")
    train_x, train_y, test_x, test_y = cat_data["train_c"], cat_data["train_y"], cat_data["test_c"], cat_data["test_y"]

    def test_accuracy(parameters):
        return u.accuracy(u.predict(test_x, test_y, parameters, print_accuracy=False), test_y)

    with threadpool_limits(1):
        deep, _ = reference.L_layer_model(train_x, train_y, [12288, 20, 7, 5, 1],
                                          num_iterations=_notebook_constant("L_LAYER_ITERATIONS"))
        logistic, _ = reference.L_layer_model(train_x, train_y, [12288, 1], learning_rate=0.005,
                                              num_iterations=_notebook_constant("LOGISTIC_ITERATIONS"))
        # the logistic regression lab's own model and settings, on its own preprocessing (no centring)
        c1w2a2 = logistic_lab.model(cat_data["train"], train_y, cat_data["test"], test_y, num_iterations=2000, learning_rate=0.005)

    always_non_cat = u.accuracy(np.zeros_like(test_y), test_y)
    deep_test = test_accuracy(deep)
    c1w2a2_test = 1 - np.mean(np.abs(c1w2a2["Y_prediction_test"] - test_y))
    assert u.accuracy(u.predict(train_x, train_y, deep, print_accuracy=False), train_y) > 0.98
    assert deep_test >= always_non_cat + 0.08, deep_test
    assert deep_test >= test_accuracy(logistic) + 0.06
    assert deep_test >= c1w2a2_test + 0.06


def test_lesson_without_centring_the_second_layer_dies(cat_data):
    """Why the notebook centres the inputs: on raw /255 pixels the 4-layer network's
    second layer goes silent within a few hundred steps and it answers "non-cat" for everything."""
    u = utils()
    train_x, train_y = cat_data["train"], cat_data["train_y"]
    with threadpool_limits(1):
        parameters = u.initialize_parameters_deep([12288, 20, 7, 5, 1])
        for _ in range(300):
            AL, caches = u.L_model_forward(train_x, parameters)
            parameters = u.update_parameters(parameters, u.L_model_backward(AL, train_y, caches), 0.0075)
        AL, caches = u.L_model_forward(train_x, parameters)
    _, Z2 = caches[1]
    assert np.all(Z2 <= 0), "every unit of layer 2 is off for every picture"
    assert np.all(AL < 0.5)
