"""Lab c4w1a1_convolution_step_by_step: the reference earns full marks, plausible mistakes
lose points with a message naming what differs, the loops compute what a library computes,
the edge demo shows what the notebook says, and the optional exercises' self-checks pass on
the reference and catch planted bugs."""

import contextlib
import io
import itertools
import types

import numpy as np
import pytest
from scipy.signal import correlate

from autograder.labtesting import LabUnderTest

LAB = "c4w1a1_convolution_step_by_step"

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student

GRADED = ["zero_pad", "conv_single_step", "conv_forward", "pool_forward"]


def ref():
    return lab.reference


def utils():
    return lab.helper("conv_step_utils")


def quietly(fn, *args):
    """Call a self-check; return (its verdict, what it printed)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        verdict = fn(*args)
    return verdict, out.getvalue()


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def test_points_add_up_to_ten():
    assert sum(check.points for check in ref().CHECKS) == 10
    assert [check.function for check in ref().CHECKS] == GRADED


# --- zero_pad --------------------------------------------------------------------------------


def test_zero_pad_on_every_axis_is_a_shape_error():
    result = run("zero_pad", student(zero_pad=lambda X, pad: np.pad(X, pad)))
    assert 0 < result.points < result.max_points  # pad=0 still agrees
    assert "zero_pad(): shape (4, 7, 7, 2) expected, got (8, 7, 7, 6)" in result.messages()


def test_zero_pad_on_one_side_only_is_a_shape_error():
    result = run("zero_pad", student(zero_pad=lambda X, pad: np.pad(X, ((0, 0), (pad, 0), (pad, 0), (0, 0)))))
    assert "zero_pad(): shape (1, 7, 9, 3) expected, got (1, 6, 8, 3)" in result.messages()


def test_zero_pad_with_ones_differs_in_values():
    result = run("zero_pad", student(zero_pad=lambda X, pad: np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), constant_values=1)))
    assert 0 < result.points < result.max_points
    assert "values differ" in result.messages()


# --- conv_single_step ------------------------------------------------------------------------


def test_conv_single_step_returning_an_array_is_a_type_error():
    result = run("conv_single_step", student(conv_single_step=lambda a, W, b: np.sum(a * W) + b))
    assert result.points == 0
    assert "conv_single_step(): type numpy.float64 expected, got ndarray" in result.messages()


def test_conv_single_step_without_bias_differs():
    result = run("conv_single_step", student(conv_single_step=lambda a, W, b: np.sum(a * W)))
    assert result.points == 0
    assert "expected, got" in result.messages()


# --- conv_forward ----------------------------------------------------------------------------


def _conv_forward(size=int, window_stride=True, cache_padded=False):
    reference = ref()

    def conv_forward(A_prev, W, b, hparameters):
        m, n_H_prev, n_W_prev, _ = A_prev.shape
        f, _, _, n_C = W.shape
        stride, pad = hparameters["stride"], hparameters["pad"]
        n_H = int(size((n_H_prev - f + 2 * pad) / stride)) + 1
        n_W = int(size((n_W_prev - f + 2 * pad) / stride)) + 1
        Z = np.zeros((m, n_H, n_W, n_C))
        A_prev_pad = reference.zero_pad(A_prev, pad)
        step = stride if window_stride else 1
        for i in range(m):
            for h in range(n_H):
                for w in range(n_W):
                    window = A_prev_pad[i, h * step : h * step + f, w * step : w * step + f, :]
                    for c in range(n_C):
                        Z[i, h, w, c] = reference.conv_single_step(window, W[..., c], b[..., c])
        return Z, ((A_prev_pad if cache_padded else A_prev), W, b, hparameters)

    return conv_forward


def test_conv_forward_rounding_the_size_up_loses_the_uneven_cases():
    result = run("conv_forward", student(conv_forward=_conv_forward(size=np.ceil)))
    assert result.points == 3  # 5 cases of 1 point; two have an uneven division
    assert "conv_forward()[0]: shape (1, 4, 4, 2) expected, got (1, 5, 5, 2)" in result.messages()


def test_conv_forward_forgetting_the_stride_in_the_window_start():
    result = run("conv_forward", student(conv_forward=_conv_forward(window_stride=False)))
    assert result.points == 3  # only the stride 2 and stride 3 cases differ
    assert "conv_forward()[0]: " in result.messages() and "values differ" in result.messages()


def test_conv_forward_caching_the_padded_input():
    result = run("conv_forward", student(conv_forward=_conv_forward(cache_padded=True)))
    assert result.points == 3  # the three pad=0 cases agree
    assert "conv_forward()[1][0]: shape (2, 5, 7, 3) expected, got (2, 7, 9, 3)" in result.messages()


def test_conv_forward_uses_the_students_conv_single_step():
    """A wrong helper breaks the layer too: the notebook's conv_forward calls the student's conv_single_step."""
    namespace = student(conv_single_step=lambda a, W, b: np.sum(a * W))
    # the reference's code, but reading its helpers from the student's namespace, as a notebook cell does
    namespace["conv_forward"] = types.FunctionType(ref().conv_forward.__code__, namespace, "conv_forward")
    result = run("conv_forward", namespace)
    assert result.points == 0
    assert "values differ" in result.messages()


# --- pool_forward ----------------------------------------------------------------------------


def _pool_forward(always_max=False, across_channels=False):
    def pool_forward(A_prev, hparameters, mode="max"):
        m, n_H_prev, n_W_prev, n_C = A_prev.shape
        f, stride = hparameters["f"], hparameters["stride"]
        n_H, n_W = 1 + (n_H_prev - f) // stride, 1 + (n_W_prev - f) // stride
        A = np.zeros((m, n_H, n_W, n_C))
        reduce = np.max if (mode == "max" or always_max) else np.mean
        for i in range(m):
            for h in range(n_H):
                for w in range(n_W):
                    window = A_prev[i, h * stride : h * stride + f, w * stride : w * stride + f, :]
                    for c in range(n_C):
                        A[i, h, w, c] = reduce(window) if across_channels else reduce(window[:, :, c])
        return A, (A_prev, hparameters)

    return pool_forward


def test_pool_forward_helper_matches_the_reference_when_correct():
    result = run("pool_forward", student(pool_forward=_pool_forward()))
    assert result.points == result.max_points, result.report()


def test_pool_forward_ignoring_the_mode_loses_the_average_cases():
    result = run("pool_forward", student(pool_forward=_pool_forward(always_max=True)))
    assert result.points == pytest.approx(1.5)  # three of six cases average
    assert "pool_forward()[0]: " in result.messages() and "values differ" in result.messages()
    assert all("average" in case.label for case in result.cases if not case.passed)


def test_pool_forward_pooling_across_channels_loses_points():
    result = run("pool_forward", student(pool_forward=_pool_forward(across_channels=True)))
    assert result.points < result.max_points
    assert "values differ" in result.messages()


def test_pool_forward_with_padding_is_a_shape_error():
    def padded(A_prev, hparameters, mode="max"):
        return ref().pool_forward(ref().zero_pad(A_prev, 1), hparameters, mode)[0], (A_prev, hparameters)

    result = run("pool_forward", student(pool_forward=padded))
    assert result.points == 0
    assert "pool_forward()[0]: shape (2, 2, 2, 3) expected, got (2, 3, 3, 3)" in result.messages()


# --- the loops compute what a library computes -----------------------------------------------


@pytest.mark.parametrize("stride,pad", [(1, 0), (1, 1), (2, 1), (3, 2)])
def test_conv_forward_is_the_cross_correlation_of_scipy(stride, pad):
    rng = np.random.default_rng(stride * 10 + pad)
    A_prev, W, b = rng.normal(size=(2, 9, 8, 3)), rng.normal(size=(3, 3, 3, 4)), rng.normal(size=(1, 1, 1, 4))
    Z, _ = ref().conv_forward(A_prev, W, b, {"stride": stride, "pad": pad})
    padded = ref().zero_pad(A_prev, pad)
    for i in range(2):
        for c in range(4):
            full = correlate(padded[i], W[:, :, :, c], mode="valid")[:, :, 0]  # depth fits exactly: one channel
            np.testing.assert_allclose(Z[i, :, :, c], full[::stride, ::stride] + b[0, 0, 0, c], rtol=1e-10, atol=1e-12)


def test_pool_forward_matches_reshaped_pooling_on_whole_windows():
    A_prev = np.random.default_rng(5).normal(size=(3, 6, 8, 2))
    blocks = A_prev.reshape(3, 3, 2, 4, 2, 2)  # (m, n_H, f, n_W, f, n_C)
    np.testing.assert_allclose(ref().pool_forward(A_prev, {"f": 2, "stride": 2})[0], blocks.max(axis=(2, 4)))
    np.testing.assert_allclose(ref().pool_forward(A_prev, {"f": 2, "stride": 2}, "average")[0], blocks.mean(axis=(2, 4)))


# --- the edge demo shows what the notebook says ----------------------------------------------


def _edge_maps():
    image = utils().demo_image()
    x = image.reshape(1, *image.shape, 1)
    vertical = np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]])
    W = np.stack([vertical, vertical.T], axis=-1).reshape(3, 3, 1, 2)
    edges, _ = ref().conv_forward(x, W, np.zeros((1, 1, 1, 2)), {"pad": 1, "stride": 1})
    return image, edges[0]


def test_demo_same_padding_keeps_the_size_and_each_filter_finds_its_own_edges():
    image, edges = _edge_maps()
    assert edges.shape == (*image.shape, 2)
    box = image == 1.0
    rows, cols = np.nonzero(box)
    top, bottom, left, right = rows.min(), rows.max(), cols.min(), cols.max()
    middle_rows, middle_cols = slice(top + 3, bottom - 2), slice(left + 3, right - 2)
    # the box's left side (brighter on the right): strongly negative for the vertical filter, nothing for the horizontal one
    assert np.all(edges[middle_rows, left, 0] < -2) and np.all(edges[middle_rows, left, 1] == 0)
    # its top side: the other way round
    assert np.all(edges[top, middle_cols, 1] < -2) and np.all(edges[top, middle_cols, 0] == 0)
    # flat regions (every neighbour the same), away from the frame made by the padding, give no response at all
    flat = np.ones_like(image, dtype=bool)
    for shift in itertools.product((-1, 0, 1), repeat=2):
        flat &= np.roll(image, shift, axis=(0, 1)) == image
    assert flat[1:-1, 1:-1].sum() > 1000
    assert np.all(np.abs(edges[1:-1, 1:-1][flat[1:-1, 1:-1]]) < 1e-12)
    # the padding shows up as a frame: zeros next to the grey background look like an edge
    assert np.abs(edges[20, 0, 0]) > 1 and np.abs(edges[0, 20, 1]) > 1


def test_demo_max_pooling_keeps_the_strongest_edges_and_average_pooling_dims_thin_ones():
    _, edges = _edge_maps()
    strength = np.abs(edges)[np.newaxis]
    pooled_max, _ = ref().pool_forward(strength, {"f": 2, "stride": 2}, mode="max")
    pooled_average, _ = ref().pool_forward(strength, {"f": 2, "stride": 2}, mode="average")
    assert pooled_max.shape == (1, 20, 20, 2)
    assert pooled_max.max() == strength.max()
    assert np.all(pooled_max >= pooled_average)
    # thin edges: where max pooling saw an edge, average pooling keeps on average well under its strength
    seen = pooled_max > 0.5
    assert np.mean(pooled_average[seen] / pooled_max[seen]) < 0.75


# --- optional exercises: the self-checks pass on the reference and catch planted bugs --------


def test_self_checks_pass_on_the_reference():
    reference, helpers = ref(), utils()
    for fn, args in [
        (helpers.check_conv_backward, (reference.conv_forward, reference.conv_backward)),
        (helpers.check_create_mask_from_window, (reference.create_mask_from_window,)),
        (helpers.check_distribute_value, (reference.distribute_value,)),
        (helpers.check_pool_backward, (reference.pool_forward, reference.pool_backward)),
    ]:
        verdict, text = quietly(fn, *args)
        assert verdict is True, text
        assert "FAILED" not in text


def test_conv_backward_self_check_catches_an_overwritten_dW():
    reference = ref()

    def conv_backward(dZ, cache):
        (A_prev, W, b, hparameters) = cache
        stride, pad = hparameters["stride"], hparameters["pad"]
        f, n_C = W.shape[0], W.shape[3]
        dA_prev_pad = reference.zero_pad(np.zeros(A_prev.shape), pad)
        A_prev_pad = reference.zero_pad(A_prev, pad)
        dW, db = np.zeros(W.shape), np.zeros(b.shape)
        for i, h, w in np.ndindex(dZ.shape[:3]):
            window = (i, slice(h * stride, h * stride + f), slice(w * stride, w * stride + f))
            for c in range(n_C):
                dA_prev_pad[window] += W[..., c] * dZ[i, h, w, c]
                dW[..., c] = A_prev_pad[window] * dZ[i, h, w, c]  # bug: = instead of +=
                db[..., c] += dZ[i, h, w, c]
        n_H_prev, n_W_prev = A_prev.shape[1:3]
        return dA_prev_pad[:, pad : pad + n_H_prev, pad : pad + n_W_prev, :], dW, db

    verdict, text = quietly(utils().check_conv_backward, reference.conv_forward, conv_backward)
    assert verdict is False
    assert "dW: relative error" in text and "TOO LARGE" in text
    assert "dA_prev: relative error" in text and "db: relative error" in text
    assert all("TOO LARGE" not in line for line in text.splitlines() if "dA_prev" in line or "db:" in line)


def test_conv_backward_self_check_catches_the_empty_slice_when_pad_is_zero():
    reference = ref()

    def conv_backward(dZ, cache):
        dA_prev, dW, db = reference.conv_backward(dZ, cache)
        pad = cache[3]["pad"]
        padded = reference.zero_pad(dA_prev, pad)
        return padded[:, pad:-pad, pad:-pad, :], dW, db  # empty when pad == 0

    verdict, text = quietly(utils().check_conv_backward, reference.conv_forward, conv_backward)
    assert verdict is False
    assert "dA_prev: shape (1, 7, 6, 2) expected, got (1, 0, 0, 2)" in text


def test_pool_backward_self_check_catches_overwriting_overlapping_windows():
    reference = ref()

    def pool_backward(dA, cache, mode="max"):
        (A_prev, hparameters) = cache
        f, stride = hparameters["f"], hparameters["stride"]
        dA_prev = np.zeros(A_prev.shape)
        for i, h, w, c in np.ndindex(dA.shape):
            window = (i, slice(h * stride, h * stride + f), slice(w * stride, w * stride + f), c)
            if mode == "max":
                dA_prev[window] = reference.create_mask_from_window(A_prev[window]) * dA[i, h, w, c]  # bug: =
            else:
                dA_prev[window] = reference.distribute_value(dA[i, h, w, c], (f, f))
        return dA_prev

    verdict, text = quietly(utils().check_pool_backward, reference.pool_forward, pool_backward)
    assert verdict is False
    lines = text.splitlines()
    # the f=2, stride=2 windows do not overlap, so only the overlapping cases fail
    first = lines.index("  mode='max', A_prev (2, 4, 6, 3), f=2, stride=2:")
    assert "ok" in lines[first + 1] and "TOO LARGE" in lines[first + 3]


def test_mask_and_distribute_self_checks_catch_wrong_answers():
    verdict, text = quietly(utils().check_create_mask_from_window, lambda x: (x == np.max(x)).astype(int))
    assert verdict is False and "int64" in text
    verdict, text = quietly(utils().check_create_mask_from_window, lambda x: x == np.min(x))
    assert verdict is False and "expected [[False, False], [True, False]]" in text
    verdict, text = quietly(utils().check_distribute_value, lambda dz, shape: np.ones(shape) * dz / shape[0])
    assert verdict is False and "dz=-3.0, shape=(3, 1): ok" in text and "dz=2.0, shape=(2, 2): expected" in text
