"""Reference solution and hidden checks: c4w1a1_convolution_step_by_step.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The four back-propagation functions are optional exercises: they earn no
points and have no hidden checks, only the visible self-checks of
source/c4w1a1_convolution_step_by_step/conv_step_utils.py.
"""

import numpy as np

from autograder.checks import Case, FunctionCheck


def zero_pad(X, pad):
    """
    Surround every image of the batch X with a border of zeros, `pad` pixels wide.

    Only the height and width axes are padded; the batch and channel axes are left alone.

    Arguments:
    X -- numpy array of shape (m, n_H, n_W, n_C): a batch of m images
    pad -- integer, the width of the zero border on each of the four sides

    Returns:
    X_pad -- padded batch of shape (m, n_H + 2 * pad, n_W + 2 * pad, n_C)
    """
    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)
    return X_pad


def conv_single_step(a_slice_prev, W, b):
    """
    Apply one filter to one window of the input: multiply entry by entry, add everything up, add the bias.

    Arguments:
    a_slice_prev -- window of the input, shape (f, f, n_C_prev)
    W -- weights of the filter, shape (f, f, n_C_prev)
    b -- bias of the filter, shape (1, 1, 1)

    Returns:
    Z -- a NumPy floating scalar (not an array): the filter's response on this window
    """
    s = a_slice_prev * W
    Z = np.sum(s)
    # b is a (1, 1, 1) array; .item() turns it into a plain number so that Z stays a scalar
    Z = Z + b.item()
    return Z


def conv_forward(A_prev, W, b, hparameters):
    """
    Forward pass of a convolutional layer.

    Arguments:
    A_prev -- activations of the previous layer, shape (m, n_H_prev, n_W_prev, n_C_prev)
    W -- weights, shape (f, f, n_C_prev, n_C): n_C filters of size f x f x n_C_prev
    b -- biases, shape (1, 1, 1, n_C)
    hparameters -- dictionary with "stride" and "pad"

    Returns:
    Z -- convolution output, shape (m, n_H, n_W, n_C)
    cache -- (A_prev, W, b, hparameters), kept for the backward pass
    """
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters["stride"]
    pad = hparameters["pad"]

    # output size: floor((n_prev - f + 2 * pad) / stride) + 1
    n_H = int((n_H_prev - f + 2 * pad) / stride) + 1
    n_W = int((n_W_prev - f + 2 * pad) / stride) + 1
    Z = np.zeros((m, n_H, n_W, n_C))

    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])

    cache = (A_prev, W, b, hparameters)
    return Z, cache


def pool_forward(A_prev, hparameters, mode="max"):
    """
    Forward pass of a pooling layer: each channel of each window is summarised by its maximum or its mean.

    Arguments:
    A_prev -- input, shape (m, n_H_prev, n_W_prev, n_C_prev)
    hparameters -- dictionary with "f" (window size) and "stride"
    mode -- "max" or "average"

    Returns:
    A -- output, shape (m, n_H, n_W, n_C_prev), with n_H = floor(1 + (n_H_prev - f) / stride) (same for n_W)
    cache -- (A_prev, hparameters), kept for the backward pass
    """
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    f = hparameters["f"]
    stride = hparameters["stride"]

    n_H = int(1 + (n_H_prev - f) / stride)
    n_W = int(1 + (n_W_prev - f) / stride)
    n_C = n_C_prev
    A = np.zeros((m, n_H, n_W, n_C))

    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]
                    if mode == "max":
                        A[i, h, w, c] = np.max(a_prev_slice)
                    elif mode == "average":
                        A[i, h, w, c] = np.mean(a_prev_slice)

    cache = (A_prev, hparameters)
    return A, cache


# ---------------------------------------------------------------------------
# Optional exercises (no points): back-propagation through conv and pool layers.
# ---------------------------------------------------------------------------


def conv_backward(dZ, cache):
    """
    Backward pass of a convolutional layer.

    Arguments:
    dZ -- gradient of the cost with respect to the output Z, shape (m, n_H, n_W, n_C)
    cache -- (A_prev, W, b, hparameters) from conv_forward

    Returns:
    dA_prev -- gradient with respect to A_prev, shape (m, n_H_prev, n_W_prev, n_C_prev)
    dW -- gradient with respect to W, shape (f, f, n_C_prev, n_C)
    db -- gradient with respect to b, shape (1, 1, 1, n_C)
    """
    (A_prev, W, b, hparameters) = cache
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    (m, n_H, n_W, n_C) = dZ.shape

    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)

    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = zero_pad(dA_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    # each output value touched one window: send its gradient back to that window
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
        # strip the padding (written so that it also works when pad == 0)
        dA_prev[i, :, :, :] = da_prev_pad[pad : pad + n_H_prev, pad : pad + n_W_prev, :]

    return dA_prev, dW, db


def create_mask_from_window(x):
    """
    Mark where the maximum of a window sits.

    Arguments:
    x -- array of shape (f, f)

    Returns:
    mask -- boolean array of the same shape, True at the maximum of x
    """
    mask = x == np.max(x)
    return mask


def distribute_value(dz, shape):
    """
    Share the number dz out evenly over a window of the given shape.

    Arguments:
    dz -- a number
    shape -- (n_H, n_W), the shape of the window

    Returns:
    a -- array of that shape whose entries all equal dz / (n_H * n_W)
    """
    (n_H, n_W) = shape
    average = dz / (n_H * n_W)
    a = np.ones(shape) * average
    return a


def pool_backward(dA, cache, mode="max"):
    """
    Backward pass of a pooling layer.

    Arguments:
    dA -- gradient of the cost with respect to the pooling output, shape (m, n_H, n_W, n_C)
    cache -- (A_prev, hparameters) from pool_forward
    mode -- "max" or "average"

    Returns:
    dA_prev -- gradient with respect to A_prev, same shape as A_prev
    """
    (A_prev, hparameters) = cache
    stride = hparameters["stride"]
    f = hparameters["f"]
    (m, n_H, n_W, n_C) = dA.shape

    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        a_prev = A_prev[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    if mode == "max":
                        # only the entry that won the max influenced the output
                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                        mask = create_mask_from_window(a_prev_slice)
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += mask * dA[i, h, w, c]
                    elif mode == "average":
                        # every entry of the window contributed equally to the mean
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += distribute_value(dA[i, h, w, c], (f, f))
    return dA_prev


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs, compared with the functions above.
# ---------------------------------------------------------------------------


def _batch(seed, shape, scale=1.0):
    return np.random.default_rng(seed).normal(0, scale, shape)


def _zero_pad_cases():
    yield Case("X (4, 3, 3, 2), pad=2", (_batch(0, (4, 3, 3, 2)), 2))
    yield Case("X (1, 5, 7, 3), pad=1 (not square)", (_batch(1, (1, 5, 7, 3)), 1))
    yield Case("X (3, 2, 4, 1), pad=3", (_batch(2, (3, 2, 4, 1)), 3))
    yield Case("X (2, 4, 4, 5), pad=0", (_batch(3, (2, 4, 4, 5)), 0))


def _conv_single_step_cases():
    for seed, f, n_C in [(10, 3, 3), (11, 1, 1), (12, 5, 8), (13, 2, 4)]:
        rng = np.random.default_rng(seed)
        a_slice = rng.normal(size=(f, f, n_C))
        W = rng.normal(size=(f, f, n_C))
        b = rng.normal(size=(1, 1, 1))
        yield Case(f"f={f}, n_C_prev={n_C}", (a_slice, W, b))


def _conv_problem(seed, m, n_H, n_W, n_C_prev, f, n_C, stride, pad):
    rng = np.random.default_rng(seed)
    A_prev = rng.normal(size=(m, n_H, n_W, n_C_prev))
    W = rng.normal(size=(f, f, n_C_prev, n_C))
    b = rng.normal(size=(1, 1, 1, n_C))
    return A_prev, W, b, {"pad": pad, "stride": stride}


CONV_SHAPES = [
    # (seed, m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad)
    (20, 2, 5, 7, 3, 3, 4, 1, 1),  # "same" convolution, height != width
    (21, 1, 9, 9, 1, 2, 2, 2, 0),  # (9 - 2) / 2 is not whole: the size rounds down
    (22, 3, 6, 4, 2, 3, 3, 3, 2),  # stride 3 with padding 2: rounding on both axes
    (23, 2, 4, 4, 3, 4, 2, 1, 0),  # the filter covers the whole image: 1 x 1 output
    (24, 2, 4, 3, 5, 1, 6, 1, 0),  # 1 x 1 convolution mixing channels
]


def _conv_forward_cases():
    for seed, m, n_H, n_W, n_C_prev, f, n_C, stride, pad in CONV_SHAPES:
        label = f"A_prev {(m, n_H, n_W, n_C_prev)}, W {(f, f, n_C_prev, n_C)}, stride={stride}, pad={pad}"
        yield Case(label, _conv_problem(seed, m, n_H, n_W, n_C_prev, f, n_C, stride, pad))


POOL_SHAPES = [
    # (seed, A_prev shape, f, stride, mode; None = the default)
    (30, (2, 4, 4, 3), 2, 2, "max"),
    (31, (2, 4, 4, 3), 2, 2, "average"),
    (32, (1, 5, 7, 2), 3, 1, "max"),  # overlapping windows
    (33, (3, 7, 6, 1), 3, 2, "average"),  # (7 - 3) / 2 whole, (6 - 3) / 2 rounds down
    (34, (2, 5, 5, 4), 2, 3, None),  # stride larger than the window; default mode "max"
    (35, (1, 3, 3, 2), 3, 1, "average"),  # one window: the mean of each channel
]


def _pool_forward_cases():
    for seed, shape, f, stride, mode in POOL_SHAPES:
        A_prev = _batch(seed, shape)
        hparameters = {"f": f, "stride": stride}
        if mode is None:
            yield Case(f"A_prev {shape}, f={f}, stride={stride}, default mode", (A_prev, hparameters))
        else:
            yield Case(f"A_prev {shape}, f={f}, stride={stride}, mode={mode!r}", (A_prev, hparameters), {"mode": mode})


def _public_conv_single_step():
    rng = np.random.default_rng(40)
    return Case("f=4, n_C_prev=3", (rng.normal(size=(4, 4, 3)), rng.normal(size=(4, 4, 3)), rng.normal(size=(1, 1, 1))))


CHECKS = [
    FunctionCheck("zero_pad", 1, _zero_pad_cases, public=lambda: Case("X (2, 3, 3, 2), pad=1", (_batch(41, (2, 3, 3, 2)), 1))),
    FunctionCheck("conv_single_step", 1, _conv_single_step_cases, public=_public_conv_single_step),
    FunctionCheck(
        "conv_forward",
        5,
        _conv_forward_cases,
        inputs_unchanged=True,
        public=lambda: Case("A_prev (2, 5, 7, 4), W (3, 3, 4, 8), stride=2, pad=1", _conv_problem(42, 2, 5, 7, 4, 3, 8, 2, 1)),
    ),
    FunctionCheck(
        "pool_forward",
        3,
        _pool_forward_cases,
        inputs_unchanged=True,
        public=lambda: Case("A_prev (2, 5, 5, 3), f=3, stride=1, mode='average'", (_batch(43, (2, 5, 5, 3)), {"f": 3, "stride": 1}), {"mode": "average"}),
    ),
]
