"""D-FIELD: seeded two-class points in a square, split by a wavy boundary.

Stand-in for the 2-D data set of the regularisation lab (211 training and
200 validation points).  Points are uniform in a square; the class is the side
of a wavy curve they fall on, and labels are flipped with a probability that
is highest on the curve and fades away from it (about 10% of the points end
up flipped).  A 3-layer network trained without regularisation bends its
boundary around those noisy points and overfits; L2 or dropout smooth it.

Nothing is written to disk: the set is small and generated in memory, with the
same values on every run.  The loader keeps the original API.
"""

from __future__ import annotations

import numpy as np

__all__ = ["N_TRAIN", "N_TEST", "boundary", "generate", "load_2D_dataset"]

N_TRAIN, N_TEST = 211, 200
SEED = 20240611
HALF_WIDTH = 0.75  # points lie in [-HALF_WIDTH, HALF_WIDTH]^2
FLIP_PEAK = 0.45  # probability of a flipped label exactly on the boundary
FLIP_WIDTH = 0.12  # distance from the boundary over which the noise fades


def boundary(x1: np.ndarray) -> np.ndarray:
    """Height of the wavy class boundary above each horizontal position `x1`."""
    return 0.22 * np.sin(4.0 * x1 + 0.6) + 0.15 * x1 - 0.05


def generate(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`n` points, shape (2, n), and their noisy 0/1 labels, shape (1, n)."""
    X = rng.uniform(-HALF_WIDTH, HALF_WIDTH, (2, n))
    offset = X[1] - boundary(X[0])
    clean = (offset > 0).astype(np.int64)
    flip_probability = FLIP_PEAK * np.exp(-((offset / FLIP_WIDTH) ** 2))
    flipped = rng.random(n) < flip_probability
    Y = np.where(flipped, 1 - clean, clean).reshape(1, n)
    return X, Y


def load_2D_dataset() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`train_X` (2,211), `train_Y` (1,211), `test_X` (2,200), `test_Y` (1,200); labels are int 0/1."""
    rng = np.random.default_rng(SEED)
    train_X, train_Y = generate(N_TRAIN, rng)
    test_X, test_Y = generate(N_TEST, rng)
    return train_X, train_Y, test_X, test_Y
