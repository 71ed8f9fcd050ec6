"""The 2-D data sets of the planar classification lab (c1w3a1), built in.

* `load_planar_dataset()`: the "flower", 400 points in two classes that form
  four interleaved petals.  It follows the curriculum's recipe with NumPy's
  legacy stream seeded with 1: for class j (200 points each), angles are
  ``linspace(3.12 j, 3.12 (j + 1), 200)`` plus 0.2-scaled normal noise, the
  radius is ``4 sin(4 t)`` plus 0.2-scaled noise, and the point is
  ``(r sin t, r cos t)``.  The draws come from a private
  ``RandomState(1)``, so the values are those of ``np.random.seed(1)`` while
  the caller's global NumPy stream is left alone.
* `load_extra_datasets()`: scikit-learn's toy sets (noisy circles, noisy
  moons, blobs, Gaussian quantiles) and uniform noise, N = 200 each, all
  with fixed seeds.

Nothing is written to disk: the sets are small and generated in memory, with
the same values on every run.
"""

from __future__ import annotations

import numpy as np

__all__ = ["M", "N_EXTRA", "load_planar_dataset", "load_extra_datasets"]

M = 400  # points in the flower
PETALS = 4
N_EXTRA = 200  # points in each extra data set
EXTRA_SEED = 20240612


def load_planar_dataset() -> tuple[np.ndarray, np.ndarray]:
    """The flower: `X` (2, 400) float coordinates, `Y` (1, 400) uint8 labels 0/1."""
    rng = np.random.RandomState(1)
    per_class = M // 2
    amplitude = 4.0
    X = np.zeros((M, 2))
    Y = np.zeros((M, 1), dtype=np.uint8)
    for label in range(2):
        rows = slice(per_class * label, per_class * (label + 1))
        angle = np.linspace(3.12 * label, 3.12 * (label + 1), per_class) + 0.2 * rng.randn(per_class)
        radius = amplitude * np.sin(PETALS * angle) + 0.2 * rng.randn(per_class)
        X[rows, 0] = radius * np.sin(angle)
        X[rows, 1] = radius * np.cos(angle)
        Y[rows, 0] = label
    return X.T, Y.T


def load_extra_datasets():
    """Five more planar sets, each a pair (points (200, 2), labels (200,)), in this order:
    noisy circles, noisy moons, blobs (6 centres), Gaussian quantiles (2 classes), no structure."""
    from sklearn.datasets import make_blobs, make_circles, make_gaussian_quantiles, make_moons

    seed = EXTRA_SEED
    noisy_circles = make_circles(n_samples=N_EXTRA, factor=0.5, noise=0.3, random_state=seed)
    noisy_moons = make_moons(n_samples=N_EXTRA, noise=0.2, random_state=seed + 1)
    blobs = make_blobs(n_samples=N_EXTRA, n_features=2, centers=6, random_state=5)
    gaussian_quantiles = make_gaussian_quantiles(
        mean=None, cov=0.5, n_samples=N_EXTRA, n_features=2, n_classes=2, shuffle=True, random_state=seed + 2
    )
    rng = np.random.default_rng(seed + 3)
    no_structure = (rng.random((N_EXTRA, 2)), rng.integers(0, 2, N_EXTRA))  # labels unrelated to the points
    return noisy_circles, noisy_moons, blobs, gaussian_quantiles, no_structure
