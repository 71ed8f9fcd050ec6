"""Lab c2w1a2_regularization: the reference earns full marks, plausible mistakes lose
points with a message naming what differs, and the lesson claim holds on D-FIELD."""

import re
from pathlib import Path

import numpy as np
import pytest

from autograder.course import load_reference
from autograder.data import fields
from autograder.labtesting import LabUnderTest

LAB = "c2w1a2_regularization"
ROOT = Path(__file__).resolve().parent.parent


lab = LabUnderTest(LAB)
run, student = lab.run, lab.student



def reg_utils():
    return lab.helper("reg_utils")


GRADED = [
    "compute_cost_with_regularization",
    "backward_propagation_with_regularization",
    "forward_propagation_with_dropout",
    "backward_propagation_with_dropout",
]


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name, vars(load_reference(LAB)))
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


# --- compute_cost_with_regularization -----------------------------------------


def test_cost_penalty_without_the_half_loses_points():
    compute_cost = load_reference(LAB).compute_cost

    def lambda_over_m(A3, Y, parameters, lambd):
        m = Y.shape[1]
        squares = sum(np.sum(parameters[k] ** 2) for k in ("W1", "W2", "W3"))
        return compute_cost(A3, Y) + lambd / m * squares

    result = run("compute_cost_with_regularization", student(compute_cost_with_regularization=lambda_over_m))
    assert 0 < result.points < result.max_points  # the lambd=0 case still agrees
    assert "compute_cost_with_regularization(): " in result.messages()
    assert "expected, got" in result.messages()


def test_cost_penalty_forgetting_W3_loses_points():
    compute_cost = load_reference(LAB).compute_cost

    def only_two_layers(A3, Y, parameters, lambd):
        m = Y.shape[1]
        squares = np.sum(np.square(parameters["W1"])) + np.sum(np.square(parameters["W2"]))
        return compute_cost(A3, Y) + lambd / (2 * m) * squares

    result = run("compute_cost_with_regularization", student(compute_cost_with_regularization=only_two_layers))
    assert result.points < result.max_points
    assert "expected, got" in result.messages()


# --- backward_propagation_with_regularization ---------------------------------


def _backward_l2(regularise_biases=False, skip_dW1=False):
    def backward(X, Y, cache, lambd):
        m = X.shape[1]
        (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
        extra_b = lambd / m if regularise_biases else 0.0
        dZ3 = A3 - Y
        dW3 = dZ3 @ A2.T / m + lambd / m * W3
        db3 = np.sum(dZ3, axis=1, keepdims=True) / m + extra_b * b3
        dA2 = W3.T @ dZ3
        dZ2 = dA2 * (A2 > 0)
        dW2 = dZ2 @ A1.T / m + lambd / m * W2
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m + extra_b * b2
        dA1 = W2.T @ dZ2
        dZ1 = dA1 * (A1 > 0)
        dW1 = dZ1 @ X.T / m + (0.0 if skip_dW1 else lambd / m * W1)
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m + extra_b * b1
        return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
                "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}  # fmt: skip

    return backward


def test_backward_l2_forgetting_the_first_layer_names_dW1():
    result = run("backward_propagation_with_regularization", student(backward_propagation_with_regularization=_backward_l2(skip_dW1=True)))
    text = result.messages()
    assert result.points < result.max_points
    assert "['dW1']" in text and "values differ" in text
    assert "['dW2']" not in text and "['dW3']" not in text


def test_backward_l2_penalising_the_biases_names_db():
    result = run("backward_propagation_with_regularization", student(backward_propagation_with_regularization=_backward_l2(regularise_biases=True)))
    text = result.messages()
    assert 0 < result.points < result.max_points  # the lambd=0 case still agrees
    assert "['db3']" in text
    assert "['dW3']" not in text


# --- forward_propagation_with_dropout -----------------------------------------


def _forward_dropout(order="D1 first", scale=True, seed=True, mask_dtype=int):
    ref = load_reference(LAB)

    def forward(X, parameters, keep_prob=0.5):
        if seed:
            np.random.seed(1)
        W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
        Z1 = W1 @ X + b1
        A1 = ref.relu(Z1)
        if order == "D2 first":
            # draws the second layer's random numbers first (Z2's shape is known from W2)
            R2 = np.random.rand(W2.shape[0], X.shape[1])
            R1 = np.random.rand(*A1.shape)
        else:
            R1 = np.random.rand(*A1.shape)
        D1 = (R1 < keep_prob).astype(mask_dtype)
        A1 = A1 * D1 / (keep_prob if scale else 1)
        Z2 = W2 @ A1 + b2
        A2 = ref.relu(Z2)
        if order != "D2 first":
            R2 = np.random.rand(*A2.shape)
        D2 = (R2 < keep_prob).astype(mask_dtype)
        A2 = A2 * D2 / (keep_prob if scale else 1)
        Z3 = W3 @ A2 + b3
        A3 = ref.sigmoid(Z3)
        return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)

    return forward


def test_forward_dropout_helper_matches_reference_when_correct():
    result = run("forward_propagation_with_dropout", student(forward_propagation_with_dropout=_forward_dropout()))
    assert result.points == result.max_points, result.report()


def test_forward_dropout_masks_drawn_in_the_wrong_order():
    result = run("forward_propagation_with_dropout", student(forward_propagation_with_dropout=_forward_dropout(order="D2 first")))
    text = result.messages()
    assert 0 < result.points < result.max_points  # keep_prob=1 gives all-ones masks either way
    assert "forward_propagation_with_dropout()[1][1]" in text  # D1 in the cache


def test_forward_dropout_without_inverted_scaling():
    result = run("forward_propagation_with_dropout", student(forward_propagation_with_dropout=_forward_dropout(scale=False)))
    text = result.messages()
    assert result.points < result.max_points
    assert "forward_propagation_with_dropout()[1][2]" in text  # A1 after dropout
    assert "forward_propagation_with_dropout()[1][1]" not in text  # the masks themselves are right


def test_forward_dropout_without_its_own_seed():
    result = run("forward_propagation_with_dropout", student(forward_propagation_with_dropout=_forward_dropout(seed=False)))
    assert result.points < result.max_points
    assert "forward_propagation_with_dropout()[1][1]" in result.messages()


def test_forward_dropout_boolean_masks_are_reported_by_dtype():
    result = run("forward_propagation_with_dropout", student(forward_propagation_with_dropout=_forward_dropout(mask_dtype=bool)))
    assert result.points == 0
    assert "[1][1]: dtype int" in result.messages() and "got bool" in result.messages()


# --- backward_propagation_with_dropout ----------------------------------------


def _backward_dropout(scale=True, mask_dA1=True):
    def backward(X, Y, cache, keep_prob):
        m = X.shape[1]
        (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
        divisor = keep_prob if scale else 1
        dZ3 = A3 - Y
        dW3 = dZ3 @ A2.T / m
        db3 = np.sum(dZ3, axis=1, keepdims=True) / m
        dA2 = W3.T @ dZ3 * D2 / divisor
        dZ2 = dA2 * (A2 > 0)
        dW2 = dZ2 @ A1.T / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dA1 = W2.T @ dZ2
        if mask_dA1:
            dA1 = dA1 * D1 / divisor
        dZ1 = dA1 * (A1 > 0)
        dW1 = dZ1 @ X.T / m
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
                "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}  # fmt: skip

    return backward


def test_backward_dropout_without_scaling_names_dA2():
    result = run("backward_propagation_with_dropout", student(backward_propagation_with_dropout=_backward_dropout(scale=False)))
    text = result.messages()
    assert 0 < result.points < result.max_points  # the keep_prob=1 case still agrees
    assert "backward_propagation_with_dropout()['dA2']" in text


def test_backward_dropout_forgetting_the_first_mask_names_dA1():
    result = run("backward_propagation_with_dropout", student(backward_propagation_with_dropout=_backward_dropout(mask_dA1=False)))
    text = result.messages()
    assert result.points < result.max_points
    assert "['dA1']" in text
    assert "['dA2']" not in text


# --- data and lesson ----------------------------------------------------------


def test_field_data_has_the_original_shapes_and_is_deterministic():
    first, second = fields.load_2D_dataset(), fields.load_2D_dataset()
    assert [a.shape for a in first] == [(2, 211), (1, 211), (2, 200), (1, 200)]
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)
    train_X, train_Y, _, _ = first
    assert set(np.unique(train_Y)) == {0, 1}
    clean = (train_X[1] - fields.boundary(train_X[0]) > 0).astype(int)
    noise = np.mean(clean != train_Y[0])
    assert 0.04 < noise < 0.16, noise


def _notebook_iterations():
    text = (ROOT / "authoring" / f"{LAB}.py").read_text()
    return int(re.search(r"^NUM_ITERATIONS = (\d+)", text, re.MULTILINE).group(1))


def test_lesson_l2_and_dropout_shrink_the_train_test_gap():
    """The notebook's claim, with its settings: each regulariser shrinks the gap and helps the test set."""
    utils = reg_utils()
    functions = vars(load_reference(LAB))
    train_X, train_Y, test_X, test_Y = fields.load_2D_dataset()
    iterations = _notebook_iterations()

    def gap_and_test_accuracy(**regulariser):
        parameters, _ = utils.train_model(train_X, train_Y, functions, num_iterations=iterations, print_cost=False, **regulariser)
        train = utils.accuracy(utils.predict(train_X, train_Y, parameters, print_accuracy=False), train_Y)
        test = utils.accuracy(utils.predict(test_X, test_Y, parameters, print_accuracy=False), test_Y)
        return train - test, test

    plain_gap, plain_test = gap_and_test_accuracy()
    l2_gap, l2_test = gap_and_test_accuracy(lambd=0.7)
    dropout_gap, dropout_test = gap_and_test_accuracy(keep_prob=0.86)
    assert plain_gap > 0.025, "the unregularised network should overfit"
    assert l2_gap < plain_gap - 0.02 and dropout_gap < plain_gap - 0.02
    assert l2_test > plain_test and dropout_test > plain_test
