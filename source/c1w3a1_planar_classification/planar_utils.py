"""Given helpers of the planar classification lab (c1w3a1): you do not need to edit this file.

The data sets (the "flower" and a few scikit-learn toy sets), the sigmoid,
an accuracy helper, and a function that draws a classifier's decision regions.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from autograder.data import planar

__all__ = [
    "sigmoid",
    "accuracy",
    "plot_decision_boundary",
    "load_planar_dataset",
    "load_extra_datasets",
    "example_inputs",
]


def sigmoid(x):
    """The logistic function 1 / (1 + exp(-x)), elementwise."""
    return 1 / (1 + np.exp(-x))


def accuracy(predictions, Y):
    """Percentage of predictions (any shape with Y's size) equal to the 0/1 labels Y, a Python float."""
    predictions = np.asarray(predictions).reshape(-1).astype(np.int64)
    labels = np.asarray(Y).reshape(-1).astype(np.int64)
    return float(100.0 * np.mean(predictions == labels))


def plot_decision_boundary(model, X, y, ax=None, title=None, resolution=200):
    """
    Shade the regions a classifier assigns to each class, with the points on top.

    Arguments:
    model -- a function taking points of shape (k, 2) (one point per row) and returning k labels
    X -- points, shape (2, m); y -- labels, shape (1, m) or (m,)
    ax -- the matplotlib axes to draw on (default: the current axes)
    title -- optional title
    resolution -- the model is evaluated on a grid of resolution x resolution points
    """
    if ax is None:
        ax = plt.gca()
    pad_x, pad_y = 0.1 * np.ptp(X[0]) + 0.2, 0.1 * np.ptp(X[1]) + 0.2
    x_min, x_max = X[0].min() - pad_x, X[0].max() + pad_x
    y_min, y_max = X[1].min() - pad_y, X[1].max() + pad_y
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution))
    regions = np.asarray(model(np.c_[xx.ravel(), yy.ravel()])).astype(np.float64).reshape(xx.shape)
    ax.contourf(xx, yy, regions, cmap=plt.cm.Spectral, alpha=0.8)
    ax.scatter(X[0], X[1], c=np.ravel(y), cmap=plt.cm.Spectral, s=18, edgecolors="k", linewidths=0.3)
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax


def load_planar_dataset():
    """The flower data set: X (2, 400) coordinates, Y (1, 400) labels 0 (red) / 1 (blue)."""
    return planar.load_planar_dataset()


def load_extra_datasets():
    """noisy_circles, noisy_moons, blobs, gaussian_quantiles, no_structure:
    each a pair (points of shape (200, 2), labels of shape (200,))."""
    return planar.load_extra_datasets()


def example_inputs(seed=1, n_x=2, n_h=4, n_y=1, m=3):
    """
    Small random inputs for trying out the exercises.

    Returns:
    X (n_x, m), Y (n_y, m) with 0/1 labels, and parameters {"W1", "b1", "W2", "b2"}
    of an [n_x, n_h, n_y] network (larger than the initial ones, so that outputs vary)
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1.5, (n_x, m))
    Y = rng.integers(0, 2, (n_y, m))
    parameters = {
        "W1": rng.normal(0, 1, (n_h, n_x)),
        "b1": rng.normal(0, 0.5, (n_h, 1)),
        "W2": rng.normal(0, 1, (n_y, n_h)),
        "b2": rng.normal(0, 0.5, (n_y, 1)),
    }
    return X, Y, parameters
