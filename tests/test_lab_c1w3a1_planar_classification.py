"""Lab c1w3a1_planar_classification: the reference earns full marks, plausible mistakes
lose points with a message naming what differs, and the lesson holds on the flower:
one hidden layer beats logistic regression, and too small a hidden layer underfits."""

import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from autograder.course import checks_of
from autograder.data import planar
from autograder.labtesting import LabUnderTest

LAB = "c1w3a1_planar_classification"
ROOT = Path(__file__).resolve().parent.parent

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student

GRADED = [
    "layer_sizes",
    "initialize_parameters",
    "forward_propagation",
    "compute_cost",
    "backward_propagation",
    "update_parameters",
    "nn_model",
    "predict",
]


def ref():
    return lab.reference


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def test_points_add_up_to_ten():
    assert sum(check.points for check in checks_of(LAB).values()) == 10


# --- layer_sizes --------------------------------------------------------------


def test_layer_sizes_counting_columns_instead_of_rows():
    result = run("layer_sizes", student(layer_sizes=lambda X, Y: (X.shape[1], 4, Y.shape[1])))
    assert result.points < result.max_points
    assert "layer_sizes()[0]: 5 expected, got 3" in result.messages()


def test_layer_sizes_as_a_list_reports_the_type():
    result = run("layer_sizes", student(layer_sizes=lambda X, Y: [X.shape[0], 4, Y.shape[0]]))
    assert result.points == 0
    assert "layer_sizes(): type tuple expected, got list" in result.messages()


# --- initialize_parameters ----------------------------------------------------


def _initialize(order="W1 first", scale=0.01, bias_shape=lambda n: (n, 1), draw=np.random.randn):
    def initialize(n_x, n_h, n_y):
        if order == "W2 first":
            W2 = draw(n_y, n_h) * scale
            W1 = draw(n_h, n_x) * scale
        else:
            W1 = draw(n_h, n_x) * scale
            W2 = draw(n_y, n_h) * scale
        return {"W1": W1, "b1": np.zeros(bias_shape(n_h)), "W2": W2, "b2": np.zeros(bias_shape(n_y))}

    return initialize


def test_initialize_helper_matches_the_reference_when_correct():
    result = run("initialize_parameters", student(initialize_parameters=_initialize()))
    assert result.points == result.max_points, result.report()


def test_initialize_drawing_W2_first_names_W1():
    result = run("initialize_parameters", student(initialize_parameters=_initialize(order="W2 first")))
    text = result.messages()
    assert result.points < result.max_points
    assert "initialize_parameters()['W1']" in text and "values differ" in text


def test_initialize_without_the_small_scale():
    result = run("initialize_parameters", student(initialize_parameters=_initialize(scale=1.0)))
    assert result.points == 0
    assert "['W1']" in result.messages() and "['W2']" in result.messages()


def test_initialize_with_flat_biases_reports_the_shape():
    result = run("initialize_parameters", student(initialize_parameters=_initialize(bias_shape=lambda n: (n,))))
    assert result.points == 0
    assert "initialize_parameters()['b1']: shape (4, 1) expected, got (4,)" in result.messages()


def test_initialize_with_uniform_numbers():
    result = run("initialize_parameters", student(initialize_parameters=_initialize(draw=np.random.rand)))
    assert result.points == 0
    assert "values differ" in result.messages()


# --- forward_propagation ------------------------------------------------------


def _forward(hidden=np.tanh, with_bias=True):
    sigmoid = ref().sigmoid

    def forward(X, parameters):
        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
        Z1 = W1 @ X + (b1 if with_bias else 0)
        A1 = hidden(Z1)
        Z2 = W2 @ A1 + (b2 if with_bias else 0)
        A2 = sigmoid(Z2)
        return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}

    return forward


def test_forward_helper_matches_the_reference_when_correct():
    result = run("forward_propagation", student(forward_propagation=_forward()))
    assert result.points == result.max_points, result.report()


def test_forward_with_a_sigmoid_hidden_layer_names_A1():
    result = run("forward_propagation", student(forward_propagation=_forward(hidden=ref().sigmoid)))
    text = result.messages()
    assert result.points == 0
    assert "forward_propagation()[1]['A1']" in text
    assert "forward_propagation()[1]['Z1']" not in text  # the first linear step is right


def test_forward_without_biases_names_Z1():
    result = run("forward_propagation", student(forward_propagation=_forward(with_bias=False)))
    assert result.points == 0
    assert "forward_propagation()[1]['Z1']" in result.messages()


def test_forward_returning_only_the_cache():
    forward = _forward()
    result = run("forward_propagation", student(forward_propagation=lambda X, p: forward(X, p)[1]))
    assert result.points == 0
    assert "forward_propagation(): type tuple expected, got dict" in result.messages()


# --- compute_cost -------------------------------------------------------------


def _cost(kind="right"):
    def cost(A2, Y):
        m = Y.shape[1]
        logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
        if kind == "numpy scalar":
            return -np.sum(logprobs) / m
        if kind == "no minus":
            return float(np.sum(logprobs) / m)
        if kind == "no 1/m":
            return float(-np.sum(logprobs))
        if kind == "only positives":
            return float(-np.sum(Y * np.log(A2)) / m)
        return float(-np.sum(logprobs) / m)

    return cost


def test_cost_helper_matches_the_reference_when_correct():
    result = run("compute_cost", student(compute_cost=_cost()))
    assert result.points == result.max_points, result.report()


def test_cost_as_a_numpy_scalar_reports_the_type():
    result = run("compute_cost", student(compute_cost=_cost("numpy scalar")))
    assert result.points == 0
    assert "compute_cost(): type float (a Python float) expected, got numpy.float64" in result.messages()


def test_cost_without_the_minus_sign():
    result = run("compute_cost", student(compute_cost=_cost("no minus")))
    assert result.points == 0
    assert "expected, got -" in result.messages()


def test_cost_without_dividing_by_m():
    result = run("compute_cost", student(compute_cost=_cost("no 1/m")))
    assert 0 < result.points < result.max_points  # m=1 agrees
    assert "compute_cost(): " in result.messages() and "expected, got" in result.messages()


def test_cost_forgetting_the_negative_examples():
    result = run("compute_cost", student(compute_cost=_cost("only positives")))
    assert result.points < result.max_points
    assert "expected, got" in result.messages()


# --- backward_propagation -----------------------------------------------------


def _backward(mistake=None):
    def backward(parameters, cache, X, Y):
        m = X.shape[1]
        W2, A1, A2, Z1 = parameters["W2"], cache["A1"], cache["A2"], cache["Z1"]
        dZ2 = A2 - Y
        dW2 = dZ2 @ A1.T / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        if mistake == "tanh slope 1 - A1":
            slope = 1 - A1
        elif mistake == "tanh slope from Z1":
            slope = 1 - Z1**2
        else:
            slope = 1 - A1**2
        dZ1 = W2.T @ dZ2 * slope
        dW1 = dZ1 @ X.T / (1 if mistake == "dW1 without 1/m" else m)
        if mistake == "no keepdims":
            db1 = np.sum(dZ1, axis=1) / m
        else:
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}

    return backward


def test_backward_helper_matches_the_reference_when_correct():
    result = run("backward_propagation", student(backward_propagation=_backward()))
    assert result.points == result.max_points, result.report()


def test_backward_forgetting_one_over_m_names_only_dW1():
    result = run("backward_propagation", student(backward_propagation=_backward("dW1 without 1/m")))
    text = result.messages()
    assert 0 < result.points < result.max_points  # m=1 agrees
    assert "backward_propagation()['dW1']" in text and "values differ" in text
    for name in ("db1", "dW2", "db2"):
        assert f"['{name}']" not in text


def test_backward_with_the_wrong_tanh_slope_names_the_first_layer():
    for mistake in ("tanh slope 1 - A1", "tanh slope from Z1"):
        result = run("backward_propagation", student(backward_propagation=_backward(mistake)))
        text = result.messages()
        assert result.points == 0, mistake
        assert "['dW1']" in text and "['db1']" in text
        assert "['dW2']" not in text and "['db2']" not in text


def test_backward_without_keepdims_reports_the_bias_shape():
    result = run("backward_propagation", student(backward_propagation=_backward("no keepdims")))
    assert result.points == 0
    assert "backward_propagation()['db1']: shape (4, 1) expected, got (4,)" in result.messages()


# --- update_parameters --------------------------------------------------------


def test_update_in_place_modifies_the_input():
    def in_place(parameters, grads, learning_rate=1.2):
        for name in ("W1", "b1", "W2", "b2"):
            parameters[name] -= learning_rate * grads["d" + name]
        return parameters

    result = run("update_parameters", student(update_parameters=in_place))
    assert 0 < result.points < result.max_points  # learning_rate=0 changes nothing
    assert "update_parameters modified its input" in result.messages()


def test_update_ignoring_the_learning_rate_argument():
    def fixed_rate(parameters, grads, learning_rate=1.2):
        return {name: parameters[name] - 1.2 * grads["d" + name] for name in ("W1", "b1", "W2", "b2")}

    result = run("update_parameters", student(update_parameters=fixed_rate))
    assert 0 < result.points < result.max_points  # the default-rate case agrees
    assert "update_parameters()['W1']" in result.messages()


def test_update_adding_the_gradient():
    def ascent(parameters, grads, learning_rate=1.2):
        return {name: parameters[name] + learning_rate * grads["d" + name] for name in ("W1", "b1", "W2", "b2")}

    result = run("update_parameters", student(update_parameters=ascent))
    assert 0 < result.points < result.max_points  # learning_rate=0 agrees
    assert "values differ" in result.messages()


# --- nn_model -----------------------------------------------------------------


def _nn_model(seed=True, hidden_from_layer_sizes=False, rate=None, backward=None):
    r = ref()

    def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
        if seed:
            np.random.seed(3)
        n_x, default_h, n_y = r.layer_sizes(X, Y)
        parameters = r.initialize_parameters(n_x, default_h if hidden_from_layer_sizes else n_h, n_y)
        for _ in range(num_iterations):
            A2, cache = r.forward_propagation(X, parameters)
            grads = (backward or r.backward_propagation)(parameters, cache, X, Y)
            parameters = r.update_parameters(parameters, grads) if rate is None else r.update_parameters(parameters, grads, rate)
        return parameters

    return nn_model


def test_nn_model_equivalent_formulation_is_accepted():
    """Another correct way to write the passes (operators, order of operations) keeps full marks."""
    result = run("nn_model", student(nn_model=_nn_model(backward=_backward())))
    assert result.points == result.max_points, result.report()


def test_nn_model_without_its_own_seed():
    result = run("nn_model", student(nn_model=_nn_model(seed=False)))
    assert result.points == 0
    assert "nn_model()['W1']" in result.messages() and "values differ" in result.messages()


def test_nn_model_ignoring_the_n_h_argument():
    result = run("nn_model", student(nn_model=_nn_model(hidden_from_layer_sizes=True)))
    assert 0 < result.points < result.max_points  # n_h=4 agrees
    assert "nn_model()['W1']: shape (2, 3) expected, got (4, 3)" in result.messages()


def test_nn_model_with_another_learning_rate():
    result = run("nn_model", student(nn_model=_nn_model(rate=0.5)))
    assert result.points == 0
    assert "values differ" in result.messages()


def test_nn_model_using_a_broken_backward_pass_loses_points():
    result = run("nn_model", student(nn_model=_nn_model(backward=_backward("tanh slope 1 - A1"))))
    assert result.points == 0
    assert "values differ" in result.messages()


# --- predict ------------------------------------------------------------------


def test_predict_with_greater_or_equal_fails_the_boundary_case():
    forward = ref().forward_propagation
    result = run("predict", student(predict=lambda parameters, X: forward(X, parameters)[0] >= 0.5))
    assert result.points == 0.75 * result.max_points
    assert "predict(): 4 of 4 values differ; first at index (0, 0): np.False_ expected, got np.True_" in result.messages()


def test_predict_with_rounded_floats_reports_the_dtype():
    forward = ref().forward_propagation
    result = run("predict", student(predict=lambda parameters, X: np.round(forward(X, parameters)[0])))
    assert result.points == 0
    assert "predict(): dtype bool (bool) expected, got float64" in result.messages()


# --- data and lesson ----------------------------------------------------------


def test_flower_has_the_original_shapes_and_recipe():
    state = np.random.get_state()[1].copy()
    X, Y = planar.load_planar_dataset()
    assert np.array_equal(np.random.get_state()[1], state), "the loader must leave the global stream alone"
    assert X.shape == (2, 400) and Y.shape == (1, 400) and Y.dtype == np.uint8
    assert np.bincount(Y.ravel()).tolist() == [200, 200]

    # the curriculum's recipe, drawn from the global stream after np.random.seed(1)
    np.random.seed(1)
    expected = []
    for j in range(2):
        t = np.linspace(3.12 * j, 3.12 * (j + 1), 200) + np.random.randn(200) * 0.2
        r = 4 * np.sin(4 * t) + np.random.randn(200) * 0.2
        expected.append(np.stack([r * np.sin(t), r * np.cos(t)]))
    np.testing.assert_array_equal(X, np.concatenate(expected, axis=1))
    np.testing.assert_array_equal(Y[0], np.repeat([0, 1], 200))


def test_extra_datasets_are_deterministic_and_have_two_hundred_points():
    first, second = planar.load_extra_datasets(), planar.load_extra_datasets()
    assert len(first) == 5
    for (X1, y1), (X2, y2) in zip(first, second, strict=True):
        assert X1.shape == (200, 2) and y1.shape == (200,)
        np.testing.assert_array_equal(X1, X2)
        np.testing.assert_array_equal(y1, y2)


def test_backward_propagation_matches_numerical_gradients():
    r = ref()
    utils = lab.helper("planar_utils")
    X, Y, parameters = utils.example_inputs(seed=5, n_x=3, n_h=4, n_y=1, m=6)

    def cost(p):
        return r.compute_cost(r.forward_propagation(X, p)[0], Y)

    _, cache = r.forward_propagation(X, parameters)
    grads = r.backward_propagation(parameters, cache, X, Y)
    h = 1e-6
    for name in ("W1", "b1", "W2", "b2"):
        numerical = np.zeros_like(parameters[name])
        for index in np.ndindex(numerical.shape):
            plus, minus = ({k: v.copy() for k, v in parameters.items()} for _ in range(2))
            plus[name][index] += h
            minus[name][index] -= h
            numerical[index] = (cost(plus) - cost(minus)) / (2 * h)
        np.testing.assert_allclose(grads["d" + name], numerical, rtol=1e-5, atol=1e-8, err_msg=name)


def _notebook_iterations(pattern):
    text = (ROOT / "authoring" / f"{LAB}.py").read_text()
    return int(re.search(pattern, text).group(1))


def test_lesson_hidden_layer_beats_logistic_regression_on_the_flower():
    """The notebook's claim: logistic regression is below 50 %, the network with 4 hidden units about 90 %."""
    from sklearn.linear_model import LogisticRegressionCV

    r, utils = ref(), lab.helper("planar_utils")
    X, Y = utils.load_planar_dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scikit-learn announces changes of defaults
        clf = LogisticRegressionCV().fit(X.T, Y.ravel())
    logistic = utils.accuracy(clf.predict(X.T), Y)
    iterations = _notebook_iterations(r"parameters = nn_model\(X, Y, n_h=4, num_iterations=scaled\((\d+),")
    network = utils.accuracy(r.predict(r.nn_model(X, Y, 4, num_iterations=iterations), X), Y)
    assert logistic < 55, logistic
    assert network > 88, network
    assert network - logistic > 35


def test_lesson_too_small_a_hidden_layer_underfits():
    r, utils = ref(), lab.helper("planar_utils")
    X, Y = utils.load_planar_dataset()
    iterations = _notebook_iterations(r"params = nn_model\(X, Y, n_h, num_iterations=scaled\((\d+),")
    scores = {n_h: utils.accuracy(r.predict(r.nn_model(X, Y, n_h, num_iterations=iterations), X), Y) for n_h in (1, 2, 3, 4, 5)}
    assert max(scores[1], scores[2]) < 75, scores
    assert min(scores[3], scores[4], scores[5]) > 88, scores


def test_lesson_network_beats_a_straight_line_on_curved_toy_sets():
    from sklearn.linear_model import LogisticRegression

    r, utils = ref(), lab.helper("planar_utils")
    iterations = _notebook_iterations(r"params = nn_model\(X_set, Y_set, n_h=5, num_iterations=scaled\((\d+),")
    circles, moons, _, quantiles, _ = utils.load_extra_datasets()
    for name, (points, labels) in {"circles": circles, "moons": moons, "quantiles": quantiles}.items():
        X, Y = points.T, (labels % 2).reshape(1, -1)
        linear = utils.accuracy(LogisticRegression().fit(points, Y.ravel()).predict(points), Y)
        network = utils.accuracy(r.predict(r.nn_model(X, Y, 5, num_iterations=iterations), X), Y)
        assert network > linear + 8, (name, linear, network)


def test_lesson_default_learning_rate_learns_faster_than_a_small_one():
    r, utils = ref(), lab.helper("planar_utils")
    X, Y = utils.load_planar_dataset()

    def final_cost(rate, iterations=1000):
        np.random.seed(3)
        parameters = r.initialize_parameters(2, 4, 1)
        for _ in range(iterations):
            A2, cache = r.forward_propagation(X, parameters)
            parameters = r.update_parameters(parameters, r.backward_propagation(parameters, cache, X, Y), rate)
        return r.compute_cost(r.forward_propagation(X, parameters)[0], Y)

    slow, default = final_cost(0.05), final_cost(1.2)
    assert default < 0.35 < 0.6 < slow, (slow, default)
