"""Lab c2w1a3_gradient_checking: the reference earns full marks, plausible mistakes lose
points with a message naming what differs, and the gradient check catches the planted bugs."""

import numpy as np
import pytest

from autograder.labtesting import LabUnderTest

LAB = "c2w1a3_gradient_checking"

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student
THRESHOLD = 2e-7


def gc_utils():
    return lab.helper("gc_utils")


GRADED = ["forward_propagation", "backward_propagation", "gradient_check", "gradient_check_n"]


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def test_points_add_up_to_ten():
    assert sum(run(name).max_points for name in GRADED) == 10


# --- forward_propagation and backward_propagation ------------------------------


def test_forward_adding_instead_of_multiplying():
    result = run("forward_propagation", student(forward_propagation=lambda x, theta: theta + x))
    assert result.points < result.max_points
    assert "forward_propagation(): -3 expected, got 1.3" in result.messages()


def test_backward_returning_theta_instead_of_x():
    result = run("backward_propagation", student(backward_propagation=lambda x, theta: theta))
    assert result.points == 0
    assert "backward_propagation(): 2.5 expected, got -1.2" in result.messages()


# --- gradient_check -------------------------------------------------------------


def _gradient_check(denominator_factor=2, use_epsilon=True, relative=True, return_only_when_printing=False, halve_then_divide=False, **others):
    """gradient_check built from the student's namespace functions, with one thing changed."""
    ns = {}

    def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
        eps = epsilon if use_epsilon else 1e-7
        J_plus = ns["forward_propagation"](x, theta + eps)
        J_minus = ns["forward_propagation"](x, theta - eps)
        if halve_then_divide:
            gradapprox = (J_plus - J_minus) / 2 / eps
        else:
            gradapprox = (J_plus - J_minus) / (denominator_factor * eps)
        grad = ns["backward_propagation"](x, theta)
        difference = np.linalg.norm(grad - gradapprox)
        if relative:
            difference = difference / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
        if print_msg:
            print("difference", difference)
            if return_only_when_printing:
                return difference
        if not return_only_when_printing:
            return difference
        return None

    namespace = student(gradient_check=gradient_check, **others)
    ns.update(namespace)
    return namespace


def test_gradient_check_equivalent_arithmetic_earns_full_points():
    result = run("gradient_check", _gradient_check(halve_then_divide=True))
    assert result.points == result.max_points, result.report()


def test_gradient_check_dividing_by_epsilon_instead_of_two_epsilon():
    result = run("gradient_check", _gradient_check(denominator_factor=1))
    assert result.points == 0
    assert "gradient_check(): " in result.messages() and "expected, got 0.333333" in result.messages()


def test_gradient_check_ignoring_the_epsilon_argument():
    result = run("gradient_check", _gradient_check(use_epsilon=False))
    text = result.messages()
    assert 0 < result.points < result.max_points  # the cases with the default epsilon still agree
    assert "gradient_check(): 0 expected, got" in text  # the epsilon=0.25 case, where the estimate is exact


def test_gradient_check_without_the_denominator():
    result = run("gradient_check", _gradient_check(relative=False))
    assert result.points < result.max_points
    assert "expected, got" in result.messages()


def test_gradient_check_returning_only_when_printing():
    result = run("gradient_check", _gradient_check(return_only_when_printing=True))
    assert 0 < result.points < result.max_points  # the print_msg=True case returns
    assert "gradient_check(): type numpy.float64 expected, got NoneType" in result.messages()


def test_gradient_check_uses_the_students_own_backward_propagation():
    # as in a notebook, gradient_check calls the backward_propagation defined next to it:
    # a wrong one shows up as a large difference, which the comparison catches
    result = run("gradient_check", _gradient_check(backward_propagation=lambda x, theta: 2 * x))
    assert result.points < result.max_points
    assert "expected, got 0.333333" in result.messages()


# --- gradient_check_n -----------------------------------------------------------


def _gradient_check_n(scheme="two-sided", copy=True, keep_shape=False, divide_twice=False, modify_input=False):
    """gradient_check_n written against the given helpers, with one thing changed."""
    utils = gc_utils()

    def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
        values, _ = utils.dictionary_to_vector(parameters)
        grad = utils.gradients_to_vector(gradients)
        n = values.shape[0]
        gradapprox = np.zeros((n, 1))
        J, _ = utils.forward_propagation_n(X, Y, parameters)
        for i in range(n):
            theta_plus = np.copy(values) if copy else values
            theta_plus[i] = theta_plus[i] + epsilon
            J_plus, _ = utils.forward_propagation_n(X, Y, utils.vector_to_dictionary(theta_plus))
            theta_minus = np.copy(values) if copy else values
            theta_minus[i] = theta_minus[i] - epsilon
            J_minus, _ = utils.forward_propagation_n(X, Y, utils.vector_to_dictionary(theta_minus))
            if scheme == "one-sided":
                gradapprox[i] = (J_plus - J) / epsilon
            elif divide_twice:
                gradapprox[i] = (J_plus - J_minus) / 2 / epsilon
            else:
                gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
        if modify_input:
            parameters["W1"] += 0.0 * parameters["W1"] + 1e-3  # "leaves a perturbation behind"
        if keep_shape:
            numerator = np.sqrt(np.sum((grad - gradapprox) ** 2, axis=0, keepdims=True))
            denominator = np.sqrt(np.sum(grad**2, axis=0, keepdims=True)) + np.sqrt(np.sum(gradapprox**2, axis=0, keepdims=True))
        else:
            numerator = np.linalg.norm(grad - gradapprox)
            denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
        return numerator / denominator

    return gradient_check_n


def test_gradient_check_n_written_independently_earns_full_points():
    result = run("gradient_check_n", student(gradient_check_n=_gradient_check_n(divide_twice=True)))
    assert result.points == result.max_points, result.report()


def test_gradient_check_n_with_a_one_sided_estimate():
    result = run("gradient_check_n", student(gradient_check_n=_gradient_check_n(scheme="one-sided")))
    text = result.messages()
    assert result.points < result.max_points
    assert "gradient_check_n(): " in text and "expected, got" in text
    failed = {case.label for case in result.cases if not case.passed}
    assert "correct backward pass, m=5" in failed  # noise-level differences become 1e-7-level ones


def test_gradient_check_n_without_copying_the_vector():
    result = run("gradient_check_n", student(gradient_check_n=_gradient_check_n(copy=False)))
    assert result.points < result.max_points
    assert "expected, got" in result.messages()


def test_gradient_check_n_returning_a_1x1_array():
    result = run("gradient_check_n", student(gradient_check_n=_gradient_check_n(keep_shape=True)))
    assert result.points == 0
    assert "gradient_check_n(): type numpy.float64 expected, got ndarray" in result.messages()


def test_gradient_check_n_modifying_the_parameters():
    result = run("gradient_check_n", student(gradient_check_n=_gradient_check_n(modify_input=True)))
    assert result.points == 0
    assert "gradient_check_n modified its input: inputs[0][0]['W1']" in result.messages()


# --- the lesson: the check catches the planted bugs -----------------------------


def _problem(seed, m, backward):
    reference = lab.reference
    return reference.network_case(seed, m, backward)


def test_lesson_the_notebook_example_is_caught_and_the_fix_passes():
    reference = lab.reference
    utils = gc_utils()
    X, Y, parameters = utils.example_inputs()  # the notebook's example
    _, cache = utils.forward_propagation_n(X, Y, parameters)
    buggy = reference.gradient_check_n(parameters, utils.backward_propagation_n(X, Y, cache), X, Y)
    fixed = reference.gradient_check_n(parameters, reference.correct_backward_propagation_n(X, Y, cache), X, Y)
    assert buggy > 0.1 > THRESHOLD, buggy  # "about 0.3"
    assert fixed < THRESHOLD / 20, fixed  # "about 1e-9": far below the threshold


@pytest.mark.parametrize("seed,m", [(2, 3), (3, 5), (4, 10), (5, 40)])
def test_lesson_the_threshold_separates_buggy_from_correct(seed, m):
    reference = lab.reference
    assert reference.gradient_check_n(*_problem(seed, m, "buggy")) > 1e-3
    assert reference.gradient_check_n(*_problem(seed, m, "correct")) < THRESHOLD


def test_lesson_the_bugs_are_exactly_dW2_and_db1():
    """Swapping one buggy block into otherwise correct gradients fails the check only for dW2 and db1."""
    reference = lab.reference
    parameters, correct, X, Y = _problem(7, 6, "correct")
    _, buggy, _, _ = _problem(7, 6, "buggy")
    verdict = {}
    for key in ("dW1", "db1", "dW2", "db2", "dW3", "db3"):
        mixed = dict(correct, **{key: buggy[key]})
        verdict[key] = reference.gradient_check_n(parameters, mixed, X, Y) > THRESHOLD
    assert verdict == {"dW1": False, "db1": True, "dW2": True, "db2": False, "dW3": False, "db3": False}
    np.testing.assert_allclose(buggy["dW2"], 2 * correct["dW2"])
    np.testing.assert_allclose(buggy["db1"], 4 * correct["db1"])


def test_lesson_two_sided_estimates_beat_one_sided_ones():
    """Section 3's plot: the two-sided error is far smaller, and below the threshold at epsilon = 1e-7."""

    def curved(t):
        return np.exp(np.sin(t))

    exact = np.cos(1.0) * np.exp(np.sin(1.0))
    for epsilon in (1e-2, 1e-3, 1e-4, 1e-5):
        one = abs((curved(1 + epsilon) - curved(1)) / epsilon - exact) / exact
        two = abs((curved(1 + epsilon) - curved(1 - epsilon)) / (2 * epsilon) - exact) / exact
        assert two < one / 50
    two_at_default = abs((curved(1 + 1e-7) - curved(1 - 1e-7)) / 2e-7 - exact) / exact
    assert two_at_default < 1e-8


def test_vector_helpers_round_trip():
    utils = gc_utils()
    _, _, parameters = utils.example_inputs(seed=3)
    theta, keys = utils.dictionary_to_vector(parameters)
    assert theta.shape == (47, 1) and len(keys) == 47 and keys[0] == "W1" and keys[-1] == "b3"
    back = utils.vector_to_dictionary(theta)
    for name, value in parameters.items():
        np.testing.assert_array_equal(back[name], value)
    gradients = {"d" + name: value for name, value in parameters.items()}
    np.testing.assert_array_equal(utils.gradients_to_vector(gradients), theta)
