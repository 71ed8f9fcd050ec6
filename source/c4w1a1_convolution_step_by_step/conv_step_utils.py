"""Given helpers of the convolution lab (c4w1a1): you do not need to edit this file.

* `demo_image` draws a small grey-scale picture (a box, a disc and a
  triangle) for the edge-detection demo, and `show_maps` plots feature maps.
* `check_conv_backward`, `check_create_mask_from_window`,
  `check_distribute_value` and `check_pool_backward` are the self-checks of
  the optional back-propagation exercises.  The gradient checks compare your
  backward pass with a numerical estimate of the same gradient, computed by
  nudging every input a tiny bit and running *your* forward pass, so they
  need a working `conv_forward` / `pool_forward` first.
"""

from __future__ import annotations

from functools import partial

import matplotlib.pyplot as plt
import numpy as np

__all__ = [
    "demo_image",
    "show_maps",
    "numerical_gradient",
    "relative_error",
    "check_conv_backward",
    "check_create_mask_from_window",
    "check_distribute_value",
    "check_pool_backward",
]

TOLERANCE = 1e-7  # a correct backward pass shows about 1e-9 here; a wrong one, far more


def demo_image(size: int = 40) -> np.ndarray:
    """A (size, size) float image in [0, 1]: a bright box, a grey disc and a dark triangle on mid grey."""
    rows, cols = np.mgrid[0:size, 0:size] / size
    image = np.full((size, size), 0.45)
    image[(rows > 0.12) & (rows < 0.45) & (cols > 0.1) & (cols < 0.42)] = 1.0  # box: vertical and horizontal edges
    image[(rows - 0.72) ** 2 + (cols - 0.28) ** 2 < 0.17**2] = 0.8  # disc: edges in every direction
    image[(rows > 0.55) & (rows < 0.9) & (cols > 0.55) & (cols - 0.55 < rows - 0.55)] = 0.05  # triangle: a diagonal edge
    return image


def show_maps(maps, titles, suptitle=None, cmap="gray"):
    """Plot 2-D arrays side by side; signed maps get a diverging colour map centred on 0."""
    fig, axes = plt.subplots(1, len(maps), figsize=(3.0 * len(maps), 3.2), squeeze=False)
    for ax, image, title in zip(axes[0], maps, titles, strict=True):
        image = np.asarray(image)
        if image.min() < 0:
            bound = np.abs(image).max() or 1.0
            ax.imshow(image, cmap="RdBu_r", vmin=-bound, vmax=bound)
        else:
            ax.imshow(image, cmap=cmap, vmin=0 if image.max() <= 1 else None)
        ax.set_title(f"{title}\n{image.shape[0]}×{image.shape[1]}", fontsize=10)
        ax.axis("off")
    if suptitle:
        fig.suptitle(suptitle)
    plt.tight_layout()
    plt.show()


def numerical_gradient(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central-difference estimate of d f() / d x, nudging `x` in place one entry at a time."""
    grad = np.zeros_like(x, dtype=np.float64)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + eps
        plus = f()
        x[index] = saved - eps
        minus = f()
        x[index] = saved
        grad[index] = (plus - minus) / (2 * eps)
    return grad


def relative_error(analytic, numeric) -> float:
    """||a - n|| / (||a|| + ||n||), 0 when both are zero."""
    analytic, numeric = np.asarray(analytic, dtype=np.float64), np.asarray(numeric, dtype=np.float64)
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return 0.0 if denominator == 0 else (np.linalg.norm(analytic - numeric) / denominator).item()


def _weighted_sum(G, forward, *args, **kwargs) -> float:
    """The cost J = sum(G * output) of a forward pass; its gradient with respect to the output is G."""
    return np.sum(G * forward(*args, **kwargs)[0])


def _compare_gradient(name: str, analytic, numeric: np.ndarray, lines: list[str]) -> bool:
    if not isinstance(analytic, np.ndarray):
        lines.append(f"    {name}: an ndarray expected, got {type(analytic).__name__}")
        return False
    if analytic.shape != numeric.shape:
        lines.append(f"    {name}: shape {numeric.shape} expected, got {analytic.shape}")
        return False
    error = relative_error(analytic, numeric)
    ok = error < TOLERANCE
    lines.append(f"    {name}: relative error {error:.1e} {'ok' if ok else 'TOO LARGE'}")
    return ok


def _report(title: str, lines: list[str], ok: bool) -> bool:
    print(f"{title}: {'all gradients agree with the numerical estimate' if ok else 'FAILED'}")
    for line in lines:
        print(line)
    return ok


def check_conv_backward(conv_forward, conv_backward, seed: int = 0) -> bool:
    """Gradient check of `conv_backward` on small random problems (with and without padding)."""
    rng = np.random.default_rng(seed)
    ok = True
    lines: list[str] = []
    for (m, n_H, n_W, n_C_prev, f, n_C), hparameters in [
        ((2, 5, 4, 3, 3, 2), {"pad": 1, "stride": 1}),
        ((1, 7, 6, 2, 3, 3), {"pad": 0, "stride": 2}),
        ((2, 4, 5, 1, 2, 2), {"pad": 2, "stride": 3}),
    ]:
        A_prev = rng.normal(size=(m, n_H, n_W, n_C_prev))
        W = rng.normal(size=(f, f, n_C_prev, n_C))
        b = rng.normal(size=(1, 1, 1, n_C))
        Z, cache = conv_forward(A_prev, W, b, hparameters)
        G = rng.normal(size=Z.shape)  # the cost is J = sum(G * Z), so dZ = G
        cost = partial(_weighted_sum, G, conv_forward, A_prev, W, b, hparameters)
        lines.append(f"  A_prev {A_prev.shape}, W {W.shape}, pad={hparameters['pad']}, stride={hparameters['stride']}:")
        result = conv_backward(G.copy(), cache)
        if not (isinstance(result, tuple) and len(result) == 3):
            lines.append("    conv_backward should return the tuple (dA_prev, dW, db)")
            ok = False
            continue
        for name, analytic, variable in zip(("dA_prev", "dW", "db"), result, (A_prev, W, b), strict=True):
            ok &= _compare_gradient(name, analytic, numerical_gradient(cost, variable), lines)
    return _report("conv_backward", lines, ok)


def check_create_mask_from_window(create_mask_from_window) -> bool:
    """A few windows whose mask can be worked out by hand."""
    examples = [
        np.array([[1.0, 3.0], [4.0, 2.0]]),
        np.array([[-2.0, -7.5, -0.5], [-1.0, -3.0, -4.0], [-9.0, -0.6, -8.0]]),
        np.array([[0.25]]),
    ]
    lines, ok = [], True
    for x in examples:
        expected = x == x.max()
        mask = np.asarray(create_mask_from_window(x.copy()))
        good = mask.shape == expected.shape and mask.dtype == np.bool_ and np.array_equal(mask, expected)
        ok &= good
        lines.append(f"  window {x.tolist()}: {'ok' if good else f'expected {expected.tolist()}, got {mask.tolist()} ({mask.dtype})'}")
    print(f"create_mask_from_window: {'ok' if ok else 'FAILED'}")
    for line in lines:
        print(line)
    return ok


def check_distribute_value(distribute_value) -> bool:
    """The value must be shared out evenly over a window of the given shape."""
    lines, ok = [], True
    for dz, shape in [(2.0, (2, 2)), (-3.0, (3, 1)), (1.5, (3, 3))]:
        expected = np.full(shape, dz / (shape[0] * shape[1]))
        a = np.asarray(distribute_value(dz, shape))
        good = a.shape == expected.shape and np.allclose(a, expected, rtol=1e-12, atol=1e-12)
        ok &= good
        lines.append(f"  dz={dz}, shape={shape}: {'ok' if good else f'expected {expected.tolist()}, got {a.tolist()}'}")
    print(f"distribute_value: {'ok' if ok else 'FAILED'}")
    for line in lines:
        print(line)
    return ok


def check_pool_backward(pool_forward, pool_backward, seed: int = 0) -> bool:
    """Gradient check of `pool_backward` for both modes, with and without overlapping windows."""
    rng = np.random.default_rng(seed)
    ok = True
    lines: list[str] = []
    for mode in ("max", "average"):
        for shape, hparameters in [((2, 4, 6, 3), {"f": 2, "stride": 2}), ((1, 5, 5, 2), {"f": 3, "stride": 1}), ((2, 7, 5, 1), {"f": 3, "stride": 2})]:
            # well-separated values, so that a tiny nudge never changes which entry is the maximum
            A_prev = rng.permutation(np.arange(np.prod(shape), dtype=np.float64)).reshape(shape) * 0.1
            A, cache = pool_forward(A_prev, hparameters, mode=mode)
            G = rng.normal(size=A.shape)
            cost = partial(_weighted_sum, G, pool_forward, A_prev, hparameters, mode=mode)
            lines.append(f"  mode={mode!r}, A_prev {shape}, f={hparameters['f']}, stride={hparameters['stride']}:")
            dA_prev = pool_backward(G.copy(), cache, mode=mode)
            ok &= _compare_gradient("dA_prev", dA_prev, numerical_gradient(cost, A_prev), lines)
    return _report("pool_backward", lines, ok)
