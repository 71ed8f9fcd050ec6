"""Given helpers of the initialisation lab (c2w1a1): you do not need to edit this file.

A 3-layer network LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID for
binary classification (forward and backward passes, cost, update, training
loop, prediction), the "two circles" data set and the plotting code.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import sklearn.datasets

__all__ = [
    "sigmoid",
    "relu",
    "forward_propagation",
    "backward_propagation",
    "update_parameters",
    "compute_loss",
    "train",
    "predict",
    "accuracy",
    "predict_dec",
    "plot_decision_boundary",
    "load_dataset",
    "LOSS_CLIP",
]

# Probabilities are kept in [LOSS_CLIP, 1 - LOSS_CLIP] when the loss is computed,
# so that a confidently wrong prediction costs about 34.5 instead of infinity.
LOSS_CLIP = 1e-15


def sigmoid(x):
    """The logistic function 1 / (1 + exp(-x)), elementwise (no overflow warnings)."""
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def relu(x):
    """max(0, x), elementwise."""
    return np.maximum(0, x)


def forward_propagation(X, parameters):
    """
    Forward pass of the 3-layer network.

    Arguments:
    X -- input data, shape (n_x, m)
    parameters -- dictionary with "W1", "b1", "W2", "b2", "W3", "b3"

    Returns:
    a3 -- output probabilities, shape (1, m)
    cache -- (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3), for the backward pass
    """
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    z1 = W1 @ X + b1
    a1 = relu(z1)
    z2 = W2 @ a1 + b2
    a2 = relu(z2)
    z3 = W3 @ a2 + b3
    a3 = sigmoid(z3)
    cache = (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3)
    return a3, cache


def backward_propagation(X, Y, cache):
    """
    Backward pass of the 3-layer network (gradients of the mean cross-entropy loss).

    Returns:
    gradients -- dictionary with "dz3", "dW3", "db3", "da2", "dz2", "dW2", "db2",
                 "da1", "dz1", "dW1", "db1"
    """
    m = X.shape[1]
    (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3) = cache
    dz3 = a3 - Y
    dW3 = dz3 @ a2.T / m
    db3 = np.sum(dz3, axis=1, keepdims=True) / m
    da2 = W3.T @ dz3
    dz2 = da2 * (a2 > 0)
    dW2 = dz2 @ a1.T / m
    db2 = np.sum(dz2, axis=1, keepdims=True) / m
    da1 = W2.T @ dz2
    dz1 = da1 * (a1 > 0)
    dW1 = dz1 @ X.T / m
    db1 = np.sum(dz1, axis=1, keepdims=True) / m
    return {
        "dz3": dz3, "dW3": dW3, "db3": db3,
        "da2": da2, "dz2": dz2, "dW2": dW2, "db2": db2,
        "da1": da1, "dz1": dz1, "dW1": dW1, "db1": db1,
    }  # fmt: skip


def update_parameters(parameters, grads, learning_rate):
    """One gradient-descent step on every W{l} and b{l}; returns a new dictionary."""
    layers = len(parameters) // 2
    updated = {}
    for layer in range(1, layers + 1):
        updated[f"W{layer}"] = parameters[f"W{layer}"] - learning_rate * grads[f"dW{layer}"]
        updated[f"b{layer}"] = parameters[f"b{layer}"] - learning_rate * grads[f"db{layer}"]
    return updated


def compute_loss(a3, Y):
    """
    Mean cross-entropy of the predictions a3 (1, m) against the labels Y (1, m), a Python float.

    The probabilities are clipped to [LOSS_CLIP, 1 - LOSS_CLIP] first: with
    huge weights the sigmoid rounds to exactly 0 or 1, and log(0) would make
    the loss infinite.
    """
    m = Y.shape[1]
    p = np.clip(a3, LOSS_CLIP, 1 - LOSS_CLIP)
    return float(-np.sum(Y * np.log(p) + (1 - Y) * np.log(1 - p)) / m)


def train(X, Y, initialize, layers_dims, learning_rate=0.01, num_iterations=15000, print_cost=True):
    """
    Gradient descent on the 3-layer network, starting from `initialize(layers_dims)`.

    Arguments:
    X -- data, shape (n_x, m); Y -- labels, shape (1, m)
    initialize -- one of the lab's initialisation functions
    layers_dims -- the layer sizes, e.g. [2, 10, 5, 1]

    Returns:
    parameters -- the learned parameters
    costs -- the cost recorded every 1000 iterations (the first one before any update);
             printed every 5000 iterations with print_cost
    """
    parameters = initialize(layers_dims)
    costs = []
    for i in range(num_iterations):
        a3, cache = forward_propagation(X, parameters)
        if i % 1000 == 0:
            cost = compute_loss(a3, Y)
            costs.append(cost)
            if print_cost and i % 5000 == 0:
                print(f"Cost after iteration {i}: {cost:.6f}")
        grads = backward_propagation(X, Y, cache)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs


def predict(X, y, parameters, print_accuracy=True):
    """
    Predict 0/1 labels with a trained network.

    Returns:
    predictions -- int array of shape (1, m)
    """
    a3, _ = forward_propagation(X, parameters)
    predictions = (a3 > 0.5).astype(int)
    if print_accuracy:
        print(f"Accuracy: {accuracy(predictions, y):.3f}")
    return predictions


def accuracy(predictions, y):
    """Fraction of predictions equal to the labels, as a Python float."""
    return float(np.mean(predictions == y))


def predict_dec(parameters, X):
    """Boolean predictions (1, m) for plotting decision regions."""
    a3, _ = forward_propagation(X, parameters)
    return a3 > 0.5


def plot_decision_boundary(model, X, y, ax=None, title=None):
    """
    Shade the regions a classifier assigns to each class, with the points on top.

    Arguments:
    model -- a function taking points of shape (k, 2) and returning k predictions
    X -- points, shape (2, m); y -- labels, shape (1, m)
    """
    if ax is None:
        ax = plt.gca()
    pad, step = 0.15, 0.01
    x_min, x_max = X[0].min() - pad, X[0].max() + pad
    y_min, y_max = X[1].min() - pad, X[1].max() + pad
    xx, yy = np.meshgrid(np.arange(x_min, x_max, step), np.arange(y_min, y_max, step))
    regions = np.asarray(model(np.c_[xx.ravel(), yy.ravel()])).reshape(xx.shape).astype(float)
    ax.contourf(xx, yy, regions, levels=[-0.5, 0.5, 1.5], cmap=plt.cm.Spectral, alpha=0.8)
    ax.scatter(X[0], X[1], c=np.ravel(y), cmap=plt.cm.Spectral, s=20, edgecolors="k", linewidths=0.3)
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal")
    if title:
        ax.set_title(title)
    return ax


def load_dataset(plot=True):
    """
    Two noisy concentric circles from scikit-learn: 300 training and 100 test points.

    The training set is drawn after np.random.seed(1) and the test set after
    np.random.seed(2) (make_circles uses NumPy's global stream when it is not
    given a random_state), so everyone gets the same points.

    Returns:
    train_X (2, 300), train_Y (1, 300), test_X (2, 100), test_Y (1, 100); labels are int 0/1
    """
    np.random.seed(1)
    train_X, train_Y = sklearn.datasets.make_circles(n_samples=300, noise=0.05)
    np.random.seed(2)
    test_X, test_Y = sklearn.datasets.make_circles(n_samples=100, noise=0.05)
    train_X, test_X = train_X.T, test_X.T
    train_Y, test_Y = train_Y.reshape(1, -1), test_Y.reshape(1, -1)
    if plot:
        plt.scatter(train_X[0], train_X[1], c=np.ravel(train_Y), s=40, cmap=plt.cm.Spectral, edgecolors="k", linewidths=0.3)
        plt.gca().set_aspect("equal")
    return train_X, train_Y, test_X, test_Y
