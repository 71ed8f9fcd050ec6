"""Lab c2w1a1_initialization: the reference earns full marks, plausible mistakes lose
points with a message naming what differs, and the lesson claim holds on make_circles."""

import re
from pathlib import Path

import numpy as np
import pytest

from autograder.course import load_reference
from autograder.labtesting import LabUnderTest

LAB = "c2w1a1_initialization"
ROOT = Path(__file__).resolve().parent.parent

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student


def init_utils():
    return lab.helper("init_utils")


GRADED = ["initialize_parameters_zeros", "initialize_parameters_random", "initialize_parameters_he"]


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def test_points_add_up_to_ten():
    assert sum(run(name).max_points for name in GRADED) == 10


def _initializer(scale=lambda fan_in, fan_out: 1.0, seed=3, bias_shape=lambda n: (n, 1), transpose=False, dtype=float, draw_b=False):
    """An initialiser built like the reference, with one thing changed."""

    def initialize(layers_dims):
        if seed is not None:
            np.random.seed(seed)
        parameters = {}
        for layer in range(1, len(layers_dims)):
            fan_in, fan_out = layers_dims[layer - 1], layers_dims[layer]
            shape = (fan_in, fan_out) if transpose else (fan_out, fan_in)
            if scale is None:
                W = np.zeros(shape, dtype=dtype)
            else:
                W = np.random.randn(*shape) * scale(fan_in, fan_out)
            parameters[f"W{layer}"] = W
            parameters[f"b{layer}"] = np.random.randn(*bias_shape(fan_out)) * 0.01 if draw_b else np.zeros(bias_shape(fan_out), dtype=dtype)
        return parameters

    return initialize


def _he(fan_in, fan_out):
    return np.sqrt(2 / fan_in)


# --- initialize_parameters_zeros ----------------------------------------------


def test_zeros_helper_matches_reference_when_correct():
    result = run("initialize_parameters_zeros", student(initialize_parameters_zeros=_initializer(scale=None, seed=None)))
    assert result.points == result.max_points, result.report()


def test_zeros_with_flat_biases_reports_the_shape():
    flat = _initializer(scale=None, seed=None, bias_shape=lambda n: (n,))
    result = run("initialize_parameters_zeros", student(initialize_parameters_zeros=flat))
    assert result.points == 0
    assert "initialize_parameters_zeros()['b1']: shape (10, 1) expected, got (10,)" in result.messages()


def test_zeros_with_transposed_weights_reports_the_shape():
    transposed = _initializer(scale=None, seed=None, transpose=True)
    result = run("initialize_parameters_zeros", student(initialize_parameters_zeros=transposed))
    assert result.points == 0
    assert "['W1']: shape (10, 2) expected, got (2, 10)" in result.messages()


def test_zeros_as_integers_reports_the_dtype():
    integers = _initializer(scale=None, seed=None, dtype=int)
    result = run("initialize_parameters_zeros", student(initialize_parameters_zeros=integers))
    assert result.points == 0
    assert "dtype float (float64) expected, got int64" in result.messages()


def test_zeros_off_by_one_layer_loop_reports_the_missing_key():
    def one_layer_short(layers_dims):
        parameters = {}
        for layer in range(1, len(layers_dims) - 1):
            parameters[f"W{layer}"] = np.zeros((layers_dims[layer], layers_dims[layer - 1]))
            parameters[f"b{layer}"] = np.zeros((layers_dims[layer], 1))
        return parameters

    result = run("initialize_parameters_zeros", student(initialize_parameters_zeros=one_layer_short))
    assert result.points == 0
    assert "missing key(s) 'W3', 'b3'" in result.messages()


# --- initialize_parameters_random ---------------------------------------------


def test_random_helper_matches_reference_when_correct():
    result = run("initialize_parameters_random", student(initialize_parameters_random=_initializer(scale=lambda i, o: 10)))
    assert result.points == result.max_points, result.report()


def test_random_without_its_own_seed_loses_every_case():
    result = run("initialize_parameters_random", student(initialize_parameters_random=_initializer(scale=lambda i, o: 10, seed=None)))
    assert result.points == 0
    assert "initialize_parameters_random()['W1']" in result.messages() and "values differ" in result.messages()


def test_random_with_a_wrong_seed_loses_every_case():
    result = run("initialize_parameters_random", student(initialize_parameters_random=_initializer(scale=lambda i, o: 10, seed=1)))
    assert result.points == 0
    assert "values differ" in result.messages()


def test_random_forgetting_the_factor_ten():
    result = run("initialize_parameters_random", student(initialize_parameters_random=_initializer()))
    assert result.points == 0
    assert "['W1']" in result.messages() and "values differ" in result.messages()
    assert "['b1']" not in result.messages()


def test_random_drawing_the_biases_too_shifts_the_later_weights():
    # random biases consume numbers from the stream: W1 still agrees, b1 and W2 do not
    result = run("initialize_parameters_random", student(initialize_parameters_random=_initializer(scale=lambda i, o: 10, draw_b=True)))
    text = result.messages()
    assert result.points == 0
    assert "['b1']" in text and "['W2']" in text
    assert "['W1']" not in text


# --- initialize_parameters_he -------------------------------------------------


def test_he_helper_matches_reference_when_correct():
    result = run("initialize_parameters_he", student(initialize_parameters_he=_initializer(scale=_he)))
    assert result.points == result.max_points, result.report()


def test_he_with_the_xavier_factor_loses_every_case():
    xavier = _initializer(scale=lambda fan_in, fan_out: np.sqrt(1 / fan_in))
    result = run("initialize_parameters_he", student(initialize_parameters_he=xavier))
    assert result.points == 0
    assert "initialize_parameters_he()['W1']" in result.messages() and "values differ" in result.messages()


def test_he_scaled_by_the_current_layer_instead_of_the_previous_one():
    fan_out = _initializer(scale=lambda fan_in, fan_out: np.sqrt(2 / fan_out))
    result = run("initialize_parameters_he", student(initialize_parameters_he=fan_out))
    text = result.messages()
    assert result.points == 0  # every generated network has a layer whose size differs from the one before
    assert "values differ" in text


def test_he_without_the_square_root():
    no_root = _initializer(scale=lambda fan_in, fan_out: 2 / fan_in)
    result = run("initialize_parameters_he", student(initialize_parameters_he=no_root))
    assert result.points < result.max_points
    assert "values differ" in result.messages()


def test_he_with_a_global_seed_set_elsewhere_is_not_enough():
    unseeded = _initializer(scale=_he, seed=None)
    result = run("initialize_parameters_he", student(initialize_parameters_he=unseeded))
    assert result.points == 0


# --- data and lesson ----------------------------------------------------------


def test_circles_have_the_original_shapes_and_are_deterministic():
    utils = init_utils()
    first, second = utils.load_dataset(plot=False), utils.load_dataset(plot=False)
    assert [a.shape for a in first] == [(2, 300), (1, 300), (2, 100), (1, 100)]
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)
    train_X, train_Y, _, _ = first
    assert set(np.unique(train_Y)) == {0, 1} and train_Y.mean() == 0.5
    radius = np.linalg.norm(train_X, axis=0)
    assert radius[train_Y[0] == 1].mean() < 0.85 < radius[train_Y[0] == 0].mean()  # class 1 is the inner ring


def _notebook_iterations():
    text = (ROOT / "authoring" / f"{LAB}.py").read_text()
    return int(re.search(r"^NUM_ITERATIONS = (\d+)", text, re.MULTILINE).group(1))


def test_lesson_he_beats_large_random_which_beats_zeros():
    """The notebook's claim, with its settings: zeros learn nothing, x10 learns poorly, He learns the rings."""
    utils = init_utils()
    ref = load_reference(LAB)
    train_X, train_Y, test_X, test_Y = utils.load_dataset(plot=False)
    iterations = _notebook_iterations()
    outcome = {}
    for name in ("zeros", "random", "he"):
        initialize = getattr(ref, f"initialize_parameters_{name}")
        parameters, costs = utils.train(train_X, train_Y, initialize, [2, 10, 5, 1], num_iterations=iterations, print_cost=False)
        train_accuracy = utils.accuracy(utils.predict(train_X, train_Y, parameters, print_accuracy=False), train_Y)
        test_accuracy = utils.accuracy(utils.predict(test_X, test_Y, parameters, print_accuracy=False), test_Y)
        outcome[name] = (train_accuracy, test_accuracy, costs, parameters)

    zeros_train, zeros_test, zeros_costs, zeros_parameters = outcome["zeros"]
    assert zeros_train == zeros_test == 0.5
    assert max(zeros_costs) - min(zeros_costs) < 1e-9 and abs(zeros_costs[0] - np.log(2)) < 1e-9
    assert not np.any(zeros_parameters["W1"]) and not np.any(zeros_parameters["W3"])  # nothing but b3 moved

    random_train, random_test, random_costs, _ = outcome["random"]
    he_train, he_test, he_costs, _ = outcome["he"]
    assert random_costs[0] > 15  # every output saturated at 1: half the points cost the clipped maximum
    assert he_test >= 0.95 and he_train >= 0.98
    assert he_test > random_test + 0.05 and he_train > random_train + 0.1
    assert random_test > zeros_test + 0.2
    assert he_costs[-1] < random_costs[-1] / 3


def test_lesson_equal_weights_keep_the_hidden_units_identical():
    """The symmetry demo: units that start equal stay equal."""
    utils = init_utils()
    train_X, train_Y, _, _ = utils.load_dataset(plot=False)

    def constant(dims, value=0.5):
        parameters = {}
        for layer in range(1, len(dims)):
            parameters[f"W{layer}"] = np.full((dims[layer], dims[layer - 1]), value)
            parameters[f"b{layer}"] = np.zeros((dims[layer], 1))
        return parameters

    parameters, _ = utils.train(train_X, train_Y, constant, [2, 10, 5, 1], num_iterations=500, print_cost=False)
    W1 = parameters["W1"]
    assert not np.allclose(W1, 0.5)  # the weights did move...
    assert np.abs(W1 - W1[0]).max() < 1e-12  # ...but every hidden unit moved the same way (up to rounding)


def test_lesson_he_keeps_deep_activations_steady():
    """Section 7's plot: RMS activation per layer of a 10-layer ReLU net."""
    ref = load_reference(LAB)
    rng = np.random.default_rng(0)
    inputs = rng.normal(0, 1, (100, 500))

    def sizes(weights):
        a, out = inputs, []
        for layer in range(1, 11):
            a = np.maximum(0, weights[f"W{layer}"] @ a)
            out.append(np.sqrt(np.mean(a**2)))
        return np.array(out)

    he = sizes(ref.initialize_parameters_he([100] * 11))
    big = sizes(ref.initialize_parameters_random([100] * 11))
    assert 0.3 < he[-1] / he[0] < 3
    growth = (big[-1] / big[0]) ** (1 / 9)
    assert 50 < growth < 100  # "about 70 per layer"
