"""Lab c1w2a1_python_basics: the reference earns full marks, plausible mistakes lose
points with a message naming what differs, and the lesson's claims hold."""

import math
import time

import numpy as np
import pytest

from autograder.labtesting import LabUnderTest

LAB = "c1w2a1_python_basics"

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student

GRADED = [
    "basic_sigmoid",
    "sigmoid",
    "sigmoid_derivative",
    "image2vector",
    "normalize_rows",
    "softmax",
    "L1",
    "L2",
]


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def test_points_add_up_to_ten():
    from autograder.course import checks_of

    assert sum(check.points for check in checks_of(LAB).values()) == 10


# --- basic_sigmoid ------------------------------------------------------------


def test_basic_sigmoid_with_np_exp_returns_the_wrong_type():
    result = run("basic_sigmoid", student(basic_sigmoid=lambda x: 1 / (1 + np.exp(-x))))
    assert result.points == 0
    assert "type float (a Python float) expected, got numpy.float64" in result.messages()


def test_basic_sigmoid_with_the_sign_flipped():
    result = run("basic_sigmoid", student(basic_sigmoid=lambda x: 1 / (1 + math.exp(x))))
    assert 0 < result.points < result.max_points  # sigmoid(0) is 1/2 either way
    assert "basic_sigmoid(): 0.952574 expected, got 0.0474259" in result.messages()


# --- sigmoid ------------------------------------------------------------------


def test_sigmoid_with_math_exp_raises_on_arrays():
    def with_math(x):
        return 1 / (1 + math.exp(-x))

    result = run("sigmoid", student(sigmoid=with_math))
    assert result.points == 0
    assert "raised TypeError" in result.messages()


def test_sigmoid_with_the_sign_flipped():
    result = run("sigmoid", student(sigmoid=lambda x: 1 / (1 + np.exp(x))))
    assert result.points == 0
    assert "values differ" in result.messages()


# --- sigmoid_derivative -------------------------------------------------------


def test_sigmoid_derivative_in_terms_of_x_instead_of_s():
    result = run("sigmoid_derivative", student(sigmoid_derivative=lambda x: x * (1 - x)))
    assert result.points == 0
    assert "sigmoid_derivative(): " in result.messages() and "values differ" in result.messages()


def test_sigmoid_derivative_forgetting_the_second_factor():
    sig = lab.reference.sigmoid
    result = run("sigmoid_derivative", student(sigmoid_derivative=lambda x: sig(x) * sig(x)))
    assert 0 < result.points < result.max_points  # at x = 0, s * s and s * (1 - s) are both 1/4
    assert "values differ" in result.messages()


# --- image2vector -------------------------------------------------------------


def test_image2vector_as_a_row_reports_the_transposed_shape():
    result = run("image2vector", student(image2vector=lambda image: image.reshape(1, -1)))
    assert 0 < result.points < result.max_points  # a single pixel is (1, 1) either way
    assert "image2vector(): shape (18, 1) expected, got (1, 18)" in result.messages()


def test_image2vector_flat_vector_reports_the_missing_dimension():
    result = run("image2vector", student(image2vector=lambda image: image.ravel()))
    assert result.points == 0
    assert "shape (60, 1) expected, got (60,)" in result.messages()


def test_image2vector_in_column_major_order_reports_values():
    result = run("image2vector", student(image2vector=lambda image: image.reshape(-1, 1, order="F")))
    assert 0 < result.points < result.max_points
    assert "image2vector(): " in result.messages() and "values differ" in result.messages()


# --- normalize_rows -----------------------------------------------------------


def test_normalize_rows_along_the_wrong_axis():
    result = run("normalize_rows", student(normalize_rows=lambda x: x / np.linalg.norm(x, axis=0, keepdims=True)))
    assert result.points == 0
    assert "values differ" in result.messages()


def test_normalize_rows_without_keepdims():
    result = run("normalize_rows", student(normalize_rows=lambda x: x / np.linalg.norm(x, axis=1)))
    text = result.messages()
    assert result.points < result.max_points
    assert "raised ValueError: operands could not be broadcast" in text  # (2, 3) / (2,)
    assert "values differ" in text  # the square matrix broadcasts silently, and wrongly


def test_normalize_rows_in_place_modifies_the_input():
    def in_place(x):
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        return x

    result = run("normalize_rows", student(normalize_rows=in_place))
    assert result.points == 0
    assert "normalize_rows modified its input" in result.messages()


# --- softmax ------------------------------------------------------------------


def test_softmax_over_columns_instead_of_rows():
    def by_columns(x):
        e = np.exp(x)
        return e / np.sum(e, axis=0, keepdims=True)

    result = run("softmax", student(softmax=by_columns))
    assert result.points == 0
    assert "softmax(): " in result.messages() and "values differ" in result.messages()


def test_softmax_over_the_whole_matrix():
    def whole_matrix(x):
        e = np.exp(x)
        return e / np.sum(e)

    result = run("softmax", student(softmax=whole_matrix))
    assert 0 < result.points < result.max_points  # one row: the same thing
    assert "values differ" in result.messages()


def test_softmax_without_keepdims_reports_broadcasting_or_values():
    def flat_sums(x):
        e = np.exp(x)
        return e / np.sum(e, axis=1)

    result = run("softmax", student(softmax=flat_sums))
    assert result.points < result.max_points
    assert "raised ValueError" in result.messages() or "values differ" in result.messages()


def test_softmax_with_the_max_subtracted_is_accepted():
    def stable(x):
        e = np.exp(x - np.max(x, axis=1, keepdims=True))
        return e / np.sum(e, axis=1, keepdims=True)

    result = run("softmax", student(softmax=stable))
    assert result.points == result.max_points, result.report()


# --- L1 and L2 ----------------------------------------------------------------


def test_L1_without_the_absolute_value():
    result = run("L1", student(L1=lambda yhat, y: np.sum(y - yhat)))
    assert 0 < result.points < result.max_points  # all-positive differences agree
    assert "L1(): 1.1 expected, got 0.5" in result.messages()


def test_L1_as_a_mean():
    result = run("L1", student(L1=lambda yhat, y: np.mean(np.abs(y - yhat))))
    assert 0 < result.points < result.max_points  # m=1 and perfect predictions agree
    assert "L1(): 1.1 expected, got 0.22" in result.messages()


def test_L2_with_np_dot_is_accepted():
    def with_dot(yhat, y):
        diff = y - yhat
        return np.dot(diff, diff)

    result = run("L2", student(L2=with_dot))
    assert result.points == result.max_points, result.report()


def test_L2_as_the_euclidean_norm():
    result = run("L2", student(L2=lambda yhat, y: np.linalg.norm(y - yhat)))
    assert 0 < result.points < result.max_points  # only perfect predictions agree
    assert "L2(): 0.43 expected, got 0.655744" in result.messages()


# --- the lesson ---------------------------------------------------------------


def test_math_exp_refuses_arrays_and_numpy_sigmoid_agrees_with_it():
    ref = lab.reference
    values = np.linspace(-6, 6, 13)
    with pytest.raises(TypeError):
        ref.basic_sigmoid(values)
    np.testing.assert_allclose(ref.sigmoid(values), [ref.basic_sigmoid(v) for v in values.tolist()], rtol=1e-12)


def test_sigmoid_derivative_is_the_true_slope():
    ref = lab.reference
    x = np.linspace(-8, 8, 81)
    h = 1e-5
    numerical = (ref.sigmoid(x + h) - ref.sigmoid(x - h)) / (2 * h)
    np.testing.assert_allclose(ref.sigmoid_derivative(x), numerical, rtol=1e-6, atol=1e-10)
    assert ref.sigmoid_derivative(np.array([0.0]))[0] == 0.25
    assert ref.sigmoid_derivative(np.array([6.0]))[0] < 0.0025  # the flat tails


def test_normalised_rows_have_unit_norm_and_softmax_rows_are_distributions():
    ref = lab.reference
    x = np.random.default_rng(0).normal(0, 3, (6, 9))
    np.testing.assert_allclose(np.linalg.norm(ref.normalize_rows(x), axis=1), 1.0, rtol=1e-12)
    s = ref.softmax(x)
    assert np.all(s > 0)
    np.testing.assert_allclose(s.sum(axis=1), 1.0, rtol=1e-12)
    # softmax keeps the order of the scores within each row
    np.testing.assert_array_equal(np.argsort(s, axis=1), np.argsort(x, axis=1))


def test_vectorised_dot_product_is_much_faster_than_a_loop():
    a, b = np.random.default_rng(1).random((2, 200_000))

    start = time.perf_counter()
    total = 0.0
    for i in range(len(a)):
        total += a[i] * b[i]
    loop_seconds = time.perf_counter() - start

    # np.sum(a * b) rather than np.dot: multi-threaded BLAS can stall for milliseconds when other
    # processes hold the cores, which would make this test depend on the machine's load.
    fastest = math.inf
    for _ in range(25):
        start = time.perf_counter()
        vectorised = np.sum(a * b)
        fastest = min(fastest, time.perf_counter() - start)
    assert math.isclose(total, vectorised, rel_tol=1e-9)
    assert loop_seconds > 10 * fastest, (loop_seconds, fastest)


def test_l2_punishes_one_big_miss_more_than_l1():
    ref = lab.reference
    y = np.array([1.0, 0.0, 1.0, 0.0])
    small = np.array([0.9, 0.1, 0.8, 0.2])
    big = np.array([0.9, 0.1, 0.8, 2.5])
    assert ref.L2(small, y) < ref.L1(small, y)  # errors below 1 shrink when squared
    assert ref.L2(big, y) > ref.L1(big, y)
    assert ref.L2(big, y) / ref.L2(small, y) > ref.L1(big, y) / ref.L1(small, y)
