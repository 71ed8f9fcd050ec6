"""Lab c1w4a1_dnn_step_by_step: the reference earns full marks, plausible mistakes lose
points with a message naming what differs, and the lesson claims hold: the backward
pass agrees with numerical gradients, the assembled network beats logistic regression
on the circles, and the 0.01 start stalls deep networks that the 1/sqrt(n) start trains."""

import copy
import re
from pathlib import Path

import numpy as np
import pytest

from autograder.labtesting import LabUnderTest

LAB = "c1w4a1_dnn_step_by_step"
ROOT = Path(__file__).resolve().parent.parent

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student

GRADED = [
    "initialize_parameters",
    "initialize_parameters_deep",
    "linear_forward",
    "linear_activation_forward",
    "L_model_forward",
    "compute_cost",
    "linear_backward",
    "linear_activation_backward",
    "L_model_backward",
    "update_parameters",
]


def utils():
    return lab.helper("dnn_utils")


def ref():
    return lab.reference


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def test_points_add_up_to_ten():
    assert sum(check.points for check in ref().CHECKS) == 10


# --- initialisation -------------------------------------------------------------


def test_initialize_parameters_without_its_seed_loses_every_case():
    def initialize_parameters(n_x, n_h, n_y):
        W1 = np.random.randn(n_h, n_x) * 0.01
        W2 = np.random.randn(n_y, n_h) * 0.01
        return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}

    result = run("initialize_parameters", student(initialize_parameters=initialize_parameters))
    assert result.points == 0
    assert "initialize_parameters()['W1']" in result.messages() and "values differ" in result.messages()


def test_initialize_parameters_flat_biases_report_the_shape():
    def initialize_parameters(n_x, n_h, n_y):
        np.random.seed(1)
        W1 = np.random.randn(n_h, n_x) * 0.01
        W2 = np.random.randn(n_y, n_h) * 0.01
        return {"W1": W1, "b1": np.zeros(n_h), "W2": W2, "b2": np.zeros(n_y)}

    result = run("initialize_parameters", student(initialize_parameters=initialize_parameters))
    assert result.points == 0
    assert "['b1']: shape (2, 1) expected, got (2,)" in result.messages()
    assert "['W1']" not in result.messages()


def test_initialize_parameters_deep_with_the_wrong_seed():
    def initialize_parameters_deep(layer_dims):
        np.random.seed(1)
        parameters = {}
        for layer in range(1, len(layer_dims)):
            parameters[f"W{layer}"] = np.random.randn(layer_dims[layer], layer_dims[layer - 1]) * 0.01
            parameters[f"b{layer}"] = np.zeros((layer_dims[layer], 1))
        return parameters

    result = run("initialize_parameters_deep", student(initialize_parameters_deep=initialize_parameters_deep))
    assert result.points == 0
    assert "initialize_parameters_deep()['W1']" in result.messages() and "values differ" in result.messages()


def test_initialize_parameters_deep_transposed_weights():
    def initialize_parameters_deep(layer_dims):
        np.random.seed(3)
        parameters = {}
        for layer in range(1, len(layer_dims)):
            parameters[f"W{layer}"] = np.random.randn(layer_dims[layer - 1], layer_dims[layer]) * 0.01
            parameters[f"b{layer}"] = np.zeros((layer_dims[layer], 1))
        return parameters

    result = run("initialize_parameters_deep", student(initialize_parameters_deep=initialize_parameters_deep))
    assert result.points < result.max_points
    assert "['W1']: shape (4, 5) expected, got (5, 4)" in result.messages()


# --- forward pass -----------------------------------------------------------------


def test_linear_forward_without_the_bias():
    def linear_forward(A, W, b):
        return np.dot(W, A), (A, W, b)

    result = run("linear_forward", student(linear_forward=linear_forward))
    assert result.points == 0
    assert "linear_forward()[0]" in result.messages() and "values differ" in result.messages()
    assert "linear_forward()[1]" not in result.messages()


def test_linear_forward_cache_in_the_wrong_order():
    def linear_forward(A, W, b):
        return np.dot(W, A) + b, (W, A, b)

    result = run("linear_forward", student(linear_forward=linear_forward))
    assert result.points == 0
    assert "linear_forward()[1][0]: shape" in result.messages()


def test_linear_activation_forward_with_the_activations_swapped():
    r = ref()

    def linear_activation_forward(A_prev, W, b, activation):
        Z, linear_cache = r.linear_forward(A_prev, W, b)
        A, activation_cache = r.relu(Z) if activation == "sigmoid" else r.sigmoid(Z)
        return A, (linear_cache, activation_cache)

    result = run("linear_activation_forward", student(linear_activation_forward=linear_activation_forward))
    assert result.points == 0
    assert "linear_activation_forward()[0]" in result.messages() and "values differ" in result.messages()


def test_linear_activation_forward_cache_pair_reversed():
    r = ref()

    def linear_activation_forward(A_prev, W, b, activation):
        Z, linear_cache = r.linear_forward(A_prev, W, b)
        A, activation_cache = r.sigmoid(Z) if activation == "sigmoid" else r.relu(Z)
        return A, (activation_cache, linear_cache)

    result = run("linear_activation_forward", student(linear_activation_forward=linear_activation_forward))
    assert result.points == 0
    assert "linear_activation_forward()[1][0]: type tuple expected, got ndarray" in result.messages()


def _forward(hidden="relu", output="sigmoid"):
    r = ref()

    def L_model_forward(X, parameters):
        caches, A = [], X
        L = len(parameters) // 2
        for layer in range(1, L):
            A, cache = r.linear_activation_forward(A, parameters[f"W{layer}"], parameters[f"b{layer}"], hidden)
            caches.append(cache)
        AL, cache = r.linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], output)
        caches.append(cache)
        return AL, caches

    return L_model_forward


def test_L_model_forward_helper_matches_reference_when_correct():
    result = run("L_model_forward", student(L_model_forward=_forward()))
    assert result.points == result.max_points, result.report()


def test_L_model_forward_sigmoid_in_the_hidden_layers():
    result = run("L_model_forward", student(L_model_forward=_forward(hidden="sigmoid")))
    text = result.messages()
    # the one-layer network [6, 1] has no hidden layer, so that case still agrees
    assert 0 < result.points < result.max_points
    assert [case.label for case in result.cases if case.passed] == ["layer_dims=[6, 1], m=5"]
    assert "L_model_forward()[0]" in text and "values differ" in text


def test_L_model_forward_relu_at_the_output():
    result = run("L_model_forward", student(L_model_forward=_forward(output="relu")))
    assert result.points == 0
    assert "L_model_forward()[0]" in result.messages()


def test_L_model_forward_skipping_the_last_hidden_layer():
    r = ref()

    def L_model_forward(X, parameters):
        caches, A = [], X
        L = len(parameters) // 2
        for layer in range(1, L - 1):  # off by one
            A, cache = r.linear_activation_forward(A, parameters[f"W{layer}"], parameters[f"b{layer}"], "relu")
            caches.append(cache)
        AL, cache = r.linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
        caches.append(cache)
        return AL, caches

    result = run("L_model_forward", student(L_model_forward=L_model_forward))
    assert result.points < result.max_points
    assert "raised ValueError" in result.messages()


# --- cost ----------------------------------------------------------------------------


def test_compute_cost_accepts_numpy_scalars_zero_d_arrays_and_floats():
    for wrap in (float, np.float64, np.array):

        def compute_cost(AL, Y, wrap=wrap):
            m = Y.shape[1]
            return wrap(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)

        result = run("compute_cost", student(compute_cost=compute_cost))
        assert result.points == result.max_points, (wrap, result.report())


def test_compute_cost_without_the_average():
    def compute_cost(AL, Y):
        return np.squeeze(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))

    result = run("compute_cost", student(compute_cost=compute_cost))
    assert 0 < result.points < result.max_points  # m = 1 still agrees
    assert "compute_cost():" in result.messages() and "expected, got" in result.messages()


def test_compute_cost_not_squeezed():
    def compute_cost(AL, Y):
        m = Y.shape[1]
        return -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m

    result = run("compute_cost", student(compute_cost=compute_cost))
    assert result.points == 0
    assert "got ndarray" in result.messages()


# --- backward pass ------------------------------------------------------------------


def _linear_backward(keepdims=True, average_dW=True):
    def linear_backward(dZ, cache):
        A_prev, W, b = cache
        m = A_prev.shape[1]
        dW = np.dot(dZ, A_prev.T) / (m if average_dW else 1)
        db = np.sum(dZ, axis=1, keepdims=keepdims) / m
        return np.dot(W.T, dZ), dW, db

    return linear_backward


def test_linear_backward_without_keepdims_reports_the_shape_of_db():
    result = run("linear_backward", student(linear_backward=_linear_backward(keepdims=False)))
    assert result.points == 0
    assert "linear_backward()[2]: shape (1, 1) expected, got (1,)" in result.messages()
    assert "linear_backward()[1]" not in result.messages()


def test_linear_backward_without_the_average_in_dW():
    result = run("linear_backward", student(linear_backward=_linear_backward(average_dW=False)))
    failed = [case.label for case in result.cases if not case.passed]
    assert 0 < result.points < result.max_points
    assert "A_prev (5, 1), W (4, 5)" not in failed  # m = 1: nothing to average
    assert "linear_backward()[1]" in result.messages() and "values differ" in result.messages()


def test_linear_activation_backward_with_the_activations_swapped():
    r = ref()

    def linear_activation_backward(dA, cache, activation):
        linear_cache, activation_cache = cache
        backward = r.sigmoid_backward if activation == "relu" else r.relu_backward
        return r.linear_backward(backward(dA, activation_cache), linear_cache)

    result = run("linear_activation_backward", student(linear_activation_backward=linear_activation_backward))
    assert result.points == 0
    assert "linear_activation_backward()[1]" in result.messages() and "values differ" in result.messages()


def _backward(shift_names=False, output="sigmoid", linear_backward=None):
    r = ref()
    linear_backward = linear_backward or r.linear_backward

    def L_model_backward(AL, Y, caches):
        grads = {}
        L = len(caches)
        Y = Y.reshape(AL.shape)
        dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        for layer in reversed(range(1, L + 1)):
            linear_cache, Z = caches[layer - 1]
            derivative = r.sigmoid_backward if layer == L and output == "sigmoid" else r.relu_backward
            dA, dW, db = linear_backward(derivative(dA, Z), linear_cache)
            grads[f"dA{layer if shift_names else layer - 1}"] = dA
            grads[f"dW{layer}"] = dW
            grads[f"db{layer}"] = db
        return grads

    return L_model_backward


def test_L_model_backward_helper_matches_reference_when_correct():
    result = run("L_model_backward", student(L_model_backward=_backward()))
    assert result.points == result.max_points, result.report()


def test_L_model_backward_keys_off_by_one_are_named():
    result = run("L_model_backward", student(L_model_backward=_backward(shift_names=True)))
    text = result.messages()
    assert result.points == 0
    assert "missing key(s) 'dA0'" in text
    assert "unexpected key(s) 'dA2'" in text or "unexpected key(s) 'dA1'" in text


def test_L_model_backward_relu_derivative_at_the_output():
    result = run("L_model_backward", student(L_model_backward=_backward(output="relu")))
    assert result.points == 0
    assert "L_model_backward()['dW" in result.messages() and "values differ" in result.messages()


def test_update_parameters_in_place_is_caught():
    def update_parameters(params, grads, learning_rate):
        L = len(params) // 2
        for layer in range(1, L + 1):
            params[f"W{layer}"] -= learning_rate * grads[f"dW{layer}"]
            params[f"b{layer}"] -= learning_rate * grads[f"db{layer}"]
        return params

    result = run("update_parameters", student(update_parameters=update_parameters))
    assert result.points == 0
    assert "update_parameters modified its input" in result.messages()


def test_update_parameters_climbing_the_gradient():
    def update_parameters(params, grads, learning_rate):
        parameters = copy.deepcopy(params)
        L = len(parameters) // 2
        for layer in range(1, L + 1):
            parameters[f"W{layer}"] = parameters[f"W{layer}"] + learning_rate * grads[f"dW{layer}"]
            parameters[f"b{layer}"] = parameters[f"b{layer}"] + learning_rate * grads[f"db{layer}"]
        return parameters

    result = run("update_parameters", student(update_parameters=update_parameters))
    assert result.points == 0
    assert "update_parameters()['W1']" in result.messages() and "values differ" in result.messages()


def test_update_parameters_forgetting_the_last_layer():
    def update_parameters(params, grads, learning_rate):
        parameters = copy.deepcopy(params)
        L = len(parameters) // 2
        for layer in range(1, L):  # off by one: the output layer is never updated
            parameters[f"W{layer}"] = parameters[f"W{layer}"] - learning_rate * grads[f"dW{layer}"]
            parameters[f"b{layer}"] = parameters[f"b{layer}"] - learning_rate * grads[f"db{layer}"]
        return parameters

    result = run("update_parameters", student(update_parameters=update_parameters))
    assert result.points == 0
    assert "update_parameters()['W" in result.messages()


# --- the lesson -----------------------------------------------------------------------


def _notebook_iterations():
    text = (ROOT / "authoring" / f"{LAB}.py").read_text()
    return int(re.search(r"^ITERATIONS = scaled\((\d+), \d+\)", text, re.MULTILINE).group(1))


def test_gradient_check_passes_the_reference_and_catches_a_planted_bug():
    u, r = utils(), ref()
    X, Y, parameters = u.example_network(seed=5, layer_dims=(4, 3, 2, 1), m=6)
    assert u.gradient_check(parameters, X, Y, vars(r)) < 1e-7

    # the reference, except that linear_backward forgets the 1/m of dW
    buggy = dict(vars(r), L_model_backward=_backward(linear_backward=_linear_backward(average_dW=False)))
    assert u.gradient_check(parameters, X, Y, buggy) > 1e-2


def test_lesson_deep_network_beats_logistic_regression_on_the_circles():
    u, functions = utils(), vars(ref())
    train_X, train_Y, test_X, test_Y = u.load_circles()
    assert train_X.shape == (2, 300) and test_X.shape == (2, 200)
    iterations = _notebook_iterations()
    shallow, _ = u.train_network(train_X, train_Y, [2, 1], functions, learning_rate=0.5, num_iterations=iterations)
    deep, _ = u.train_network(train_X, train_Y, [2, 10, 5, 1], functions, learning_rate=0.5,
                              num_iterations=iterations, weight_scale="fan_in")
    assert u.accuracy(shallow, test_X, test_Y, functions) < 0.6
    assert u.accuracy(deep, test_X, test_Y, functions) > 0.95
    assert u.accuracy(deep, train_X, train_Y, functions) > 0.95


def test_lesson_small_start_stalls_the_deepest_network_but_fan_in_scale_trains_it():
    u, functions = utils(), vars(ref())
    train_X, train_Y, _, _ = u.load_circles()
    iterations = _notebook_iterations()
    dims = [2, 10, 8, 5, 1]
    _, small = u.train_network(train_X, train_Y, dims, functions, learning_rate=0.5, num_iterations=iterations)
    _, scaled = u.train_network(train_X, train_Y, dims, functions, learning_rate=0.5, num_iterations=iterations,
                                weight_scale="fan_in")
    assert small[-1][1] > 0.69  # still on the log(2) plateau
    assert scaled[-1][1] < 0.1
    # and one hidden layer is fine either way
    _, shallow_small = u.train_network(train_X, train_Y, [2, 10, 1], functions, learning_rate=0.5, num_iterations=iterations)
    assert shallow_small[-1][1] < 0.1
