"""Given helpers of the regularisation lab (c2w1a2): you do not need to edit this file.

A 3-layer network LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID for
binary classification, without regularisation, plus the training loop,
prediction and plotting used by the notebook.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from autograder.data import fields

__all__ = [
    "sigmoid",
    "relu",
    "initialize_parameters",
    "compute_cost",
    "forward_propagation",
    "backward_propagation",
    "update_parameters",
    "train_model",
    "predict",
    "predict_dec",
    "accuracy",
    "plot_decision_boundary",
    "load_2D_dataset",
    "example_inputs",
]


def sigmoid(x):
    """The logistic function 1 / (1 + exp(-x)), elementwise."""
    return 1 / (1 + np.exp(-x))


def relu(x):
    """max(0, x), elementwise."""
    return np.maximum(0, x)


def initialize_parameters(layer_dims):
    """
    Random weights scaled by 1/sqrt(fan-in) and zero biases, after np.random.seed(3).

    Arguments:
    layer_dims -- list of layer sizes, e.g. [2, 20, 3, 1]

    Returns:
    parameters -- dictionary with "W1", "b1", ..., "WL", "bL";
                  W{l} has shape (layer_dims[l], layer_dims[l-1]), b{l} (layer_dims[l], 1)
    """
    np.random.seed(3)
    parameters = {}
    for layer in range(1, len(layer_dims)):
        fan_in = layer_dims[layer - 1]
        parameters[f"W{layer}"] = np.random.randn(layer_dims[layer], fan_in) / np.sqrt(fan_in)
        parameters[f"b{layer}"] = np.zeros((layer_dims[layer], 1))
    return parameters


def compute_cost(A3, Y):
    """
    Cross-entropy cost of the predictions A3 (1, m) against the labels Y (1, m).

    Terms that are 0 * log(0) are skipped, so a prediction of exactly 0 or 1
    on a correct label costs nothing instead of producing NaN.

    Returns:
    cost -- a float
    """
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        log_likelihood = Y * np.log(A3) + (1 - Y) * np.log(1 - A3)
    return float(-np.nansum(log_likelihood) / m)


def forward_propagation(X, parameters):
    """
    Forward pass without regularisation.

    Returns:
    A3 -- output probabilities, shape (1, m)
    cache -- (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    """
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = W1 @ X + b1
    A1 = relu(Z1)
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2)
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache


def backward_propagation(X, Y, cache):
    """
    Backward pass without regularisation.

    Returns:
    gradients -- dictionary with "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2",
                 "dA1", "dZ1", "dW1", "db1"
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {
        "dZ3": dZ3, "dW3": dW3, "db3": db3,
        "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
        "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1,
    }  # fmt: skip


def update_parameters(parameters, grads, learning_rate):
    """One gradient-descent step on every W{l} and b{l}; returns a new dictionary."""
    layers = len(parameters) // 2
    updated = {}
    for layer in range(1, layers + 1):
        updated[f"W{layer}"] = parameters[f"W{layer}"] - learning_rate * grads[f"dW{layer}"]
        updated[f"b{layer}"] = parameters[f"b{layer}"] - learning_rate * grads[f"db{layer}"]
    return updated


def train_model(X, Y, exercises, learning_rate=0.3, num_iterations=30000, print_cost=True, lambd=0, keep_prob=1):
    """
    Train the [n_x, 20, 3, 1] network with gradient descent.

    `exercises` maps names to the four functions of the lab
    (compute_cost_with_regularization, backward_propagation_with_regularization,
    forward_propagation_with_dropout, backward_propagation_with_dropout): the
    notebook passes its own globals(), so your functions are the ones used.
    Use either L2 (lambd > 0) or dropout (keep_prob < 1), not both.

    Returns:
    parameters -- the learned parameters
    costs -- the cost recorded every 1000 iterations
    """
    if lambd != 0 and keep_prob < 1:
        raise ValueError("this lab uses L2 or dropout, one at a time")
    layers_dims = [X.shape[0], 20, 3, 1]
    parameters = initialize_parameters(layers_dims)
    costs = []
    for i in range(num_iterations):
        if keep_prob < 1:
            A3, cache = exercises["forward_propagation_with_dropout"](X, parameters, keep_prob)
        else:
            A3, cache = forward_propagation(X, parameters)
        if lambd != 0:
            cost = exercises["compute_cost_with_regularization"](A3, Y, parameters, lambd)
            grads = exercises["backward_propagation_with_regularization"](X, Y, cache, lambd)
        elif keep_prob < 1:
            cost = compute_cost(A3, Y)
            grads = exercises["backward_propagation_with_dropout"](X, Y, cache, keep_prob)
        else:
            cost = compute_cost(A3, Y)
            grads = backward_propagation(X, Y, cache)
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 1000 == 0:
            costs.append(float(cost))
            if print_cost and i % 5000 == 0:
                print(f"Cost after iteration {i}: {float(cost):.6f}")
    return parameters, costs


def predict(X, y, parameters, print_accuracy=True):
    """
    Predict 0/1 labels with the trained network (no dropout at prediction time).

    Returns:
    predictions -- int array of shape (1, m)
    """
    A3, _ = forward_propagation(X, parameters)
    predictions = (A3 > 0.5).astype(int)
    if print_accuracy:
        print(f"Accuracy: {accuracy(predictions, y):.3f}")
    return predictions


def accuracy(predictions, y):
    """Fraction of predictions equal to the labels, as a Python float."""
    return float(np.mean(predictions == y))


def predict_dec(parameters, X):
    """Boolean predictions (1, m) for plotting decision regions."""
    A3, _ = forward_propagation(X, parameters)
    return A3 > 0.5


def plot_decision_boundary(model, X, y, ax=None, title=None):
    """
    Shade the regions a classifier assigns to each class, with the points on top.

    Arguments:
    model -- a function taking points of shape (k, 2) and returning k predictions
    X -- points, shape (2, m); y -- labels, shape (1, m)
    """
    if ax is None:
        ax = plt.gca()
    pad, step = 0.1, 0.01
    x_min, x_max = X[0].min() - pad, X[0].max() + pad
    y_min, y_max = X[1].min() - pad, X[1].max() + pad
    xx, yy = np.meshgrid(np.arange(x_min, x_max, step), np.arange(y_min, y_max, step))
    regions = np.asarray(model(np.c_[xx.ravel(), yy.ravel()])).reshape(xx.shape)
    ax.contourf(xx, yy, regions, cmap=plt.cm.Spectral, alpha=0.8)
    ax.scatter(X[0], X[1], c=np.ravel(y), cmap=plt.cm.Spectral, s=25, edgecolors="k", linewidths=0.3)
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax


def load_2D_dataset(plot=True):
    """
    The generated 2-D field data (D-FIELD), optionally scatter-plotted.

    Returns:
    train_X (2, 211), train_Y (1, 211), test_X (2, 200), test_Y (1, 200)
    """
    train_X, train_Y, test_X, test_Y = fields.load_2D_dataset()
    if plot:
        plt.scatter(train_X[0], train_X[1], c=np.ravel(train_Y), s=40, cmap=plt.cm.Spectral, edgecolors="k", linewidths=0.3)
    return train_X, train_Y, test_X, test_Y


def example_inputs(seed=1, n_x=3, hidden=(2, 3), m=5):
    """
    Small random inputs for trying out the exercises.

    Returns:
    X (n_x, m), Y (1, m) with 0/1 labels, and parameters of a [n_x, *hidden, 1] network
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (n_x, m))
    Y = rng.integers(0, 2, (1, m))
    sizes = [n_x, *hidden, 1]
    parameters = {}
    for layer in range(1, len(sizes)):
        parameters[f"W{layer}"] = rng.normal(0, 1, (sizes[layer], sizes[layer - 1]))
        parameters[f"b{layer}"] = rng.normal(0, 0.5, (sizes[layer], 1))
    return X, Y, parameters
