"""Given helpers of the deep-network application lab (c1w4a2): you do not need to edit this file.

These are the building blocks you wrote in the previous lab ("Building your
Deep Neural Network: Step by Step"), plus the data loader and a few plots.
One difference: `initialize_parameters_deep` scales its random weights by
1 / sqrt(n[l-1]) instead of 0.01, which deep networks need to start learning
quickly (you saw the plateau at the end of the previous lab).
"""

from __future__ import annotations

import copy

import matplotlib.pyplot as plt
import numpy as np

from autograder.data import cats

__all__ = [
    "sigmoid",
    "relu",
    "sigmoid_backward",
    "relu_backward",
    "load_data",
    "initialize_parameters",
    "initialize_parameters_deep",
    "linear_forward",
    "linear_activation_forward",
    "L_model_forward",
    "compute_cost",
    "linear_backward",
    "linear_activation_backward",
    "L_model_backward",
    "update_parameters",
    "predict",
    "accuracy",
    "plot_costs",
    "print_mislabeled_images",
    "fresh_images",
    "example_data",
]


# --- activations ----------------------------------------------------------------


def sigmoid(Z):
    """1 / (1 + exp(-Z)) elementwise; returns (A, cache=Z)."""
    A = 1 / (1 + np.exp(-Z))
    return A, Z


def relu(Z):
    """max(0, Z) elementwise; returns (A, cache=Z)."""
    A = np.maximum(0, Z)
    return A, Z


def sigmoid_backward(dA, cache):
    """dZ = dA * s * (1 - s) with s = sigmoid(Z), Z being the cache."""
    s = 1 / (1 + np.exp(-cache))
    return dA * s * (1 - s)


def relu_backward(dA, cache):
    """dZ = dA where Z > 0 and 0 elsewhere, Z being the cache."""
    dZ = np.array(dA, copy=True)
    dZ[cache <= 0] = 0
    return dZ


# --- data -------------------------------------------------------------------------


def load_data(folder="data"):
    """
    The cat / non-cat images (generated on first use into `folder`).

    Returns:
    train_x_orig -- (209, 64, 64, 3) uint8 images
    train_y -- (1, 209) labels, 1 for "cat" and 0 for "non-cat"
    test_x_orig -- (50, 64, 64, 3) uint8 images
    test_y -- (1, 50) labels
    classes -- array([b'non-cat', b'cat'])
    """
    return cats.load_dataset(folder)


# --- initialisation ------------------------------------------------------------------


def initialize_parameters(n_x, n_h, n_y):
    """
    Parameters of a 2-layer network, after np.random.seed(1): W1 (n_h, n_x) and
    W2 (n_y, n_h) are 0.01 * randn, b1 (n_h, 1) and b2 (n_y, 1) are zeros.
    """
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def initialize_parameters_deep(layer_dims):
    """
    Parameters of an L-layer network, after np.random.seed(1): W{l} of shape
    (layer_dims[l], layer_dims[l-1]) is randn / sqrt(layer_dims[l-1]), b{l} of
    shape (layer_dims[l], 1) is zeros.
    """
    np.random.seed(1)
    parameters = {}
    for layer in range(1, len(layer_dims)):
        parameters[f"W{layer}"] = np.random.randn(layer_dims[layer], layer_dims[layer - 1]) / np.sqrt(layer_dims[layer - 1])
        parameters[f"b{layer}"] = np.zeros((layer_dims[layer], 1))
    return parameters


# --- forward pass ----------------------------------------------------------------------


def linear_forward(A, W, b):
    """Z = W A + b; returns (Z, cache=(A, W, b))."""
    Z = np.dot(W, A) + b
    return Z, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """
    One layer, LINEAR then ACTIVATION ("sigmoid" or "relu").

    Returns:
    A -- the layer's activations
    cache -- (linear_cache, activation_cache) = ((A_prev, W, b), Z)
    """
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = relu(Z)
    else:
        raise ValueError(f"activation must be 'sigmoid' or 'relu', not {activation!r}")
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters):
    """
    [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID.

    Returns:
    AL -- output probabilities, shape (1, m)
    caches -- list of the L layer caches, layer 1 first
    """
    caches = []
    A = X
    L = len(parameters) // 2
    for layer in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{layer}"], parameters[f"b{layer}"], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    """Cross-entropy cost -(1/m) sum(Y log AL + (1 - Y) log(1 - AL)), squeezed to a scalar."""
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return np.squeeze(cost)


# --- backward pass ---------------------------------------------------------------------


def linear_backward(dZ, cache):
    """
    Gradients of the linear step from dZ and its cache (A_prev, W, b).

    Returns:
    dA_prev, dW, db -- shapes of A_prev, W and b
    """
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    """
    One layer backwards, ACTIVATION then LINEAR ("sigmoid" or "relu").

    Returns:
    dA_prev, dW, db
    """
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    else:
        raise ValueError(f"activation must be 'sigmoid' or 'relu', not {activation!r}")
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    """
    Backward pass of [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID.

    Returns:
    grads -- "dA0" ... "dA{L-1}", "dW1", "db1" ... "dW{L}", "db{L}"
    """
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for layer in reversed(range(1, L)):
        grads[f"dA{layer - 1}"], grads[f"dW{layer}"], grads[f"db{layer}"] = linear_activation_backward(
            grads[f"dA{layer}"], caches[layer - 1], "relu"
        )
    return grads


def update_parameters(params, grads, learning_rate):
    """One gradient-descent step on every W{l} and b{l}; returns a new dictionary."""
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for layer in range(1, L + 1):
        parameters[f"W{layer}"] = parameters[f"W{layer}"] - learning_rate * grads[f"dW{layer}"]
        parameters[f"b{layer}"] = parameters[f"b{layer}"] - learning_rate * grads[f"db{layer}"]
    return parameters


# --- predictions and plots ------------------------------------------------------------


def predict(X, y, parameters, print_accuracy=True):
    """
    Predict 0/1 labels with an L-layer network (1 where the output is above 0.5).

    Arguments:
    X -- data, shape (n_x, m)
    y -- true labels (1, m), used only to print the accuracy
    parameters -- trained parameters of an L-layer (or 2-layer) network

    Returns:
    p -- predictions, float array of shape (1, m)
    """
    probas, _ = L_model_forward(X, parameters)
    p = (probas > 0.5).astype(np.float64)
    if print_accuracy:
        print(f"Accuracy: {accuracy(p, y):.3f}")
    return p


def accuracy(predictions, y):
    """Fraction of predictions equal to the labels, as a Python float."""
    return float(np.mean(predictions == y))


def plot_costs(costs, learning_rate=0.0075, label=None, ax=None):
    """The learning curve: costs recorded every 100 iterations."""
    ax = ax or plt.gca()
    ax.plot(np.arange(len(costs)) * 100, np.squeeze(np.array(costs, dtype=float)), label=label)
    ax.set_ylabel("cost")
    ax.set_xlabel("iteration")
    ax.set_title(f"Learning rate = {learning_rate}")
    return ax


def print_mislabeled_images(classes, X, y, p, limit=10):
    """Show (up to `limit`) images whose prediction p differs from the label y."""
    wrong = np.where((p + y)[0] == 1)[0][:limit]
    if len(wrong) == 0:
        print("No mislabeled images.")
        return
    fig, axes = plt.subplots(1, len(wrong), figsize=(2.0 * len(wrong), 2.6), squeeze=False)
    side = int(round(np.sqrt(X.shape[0] / 3)))
    for ax, index in zip(axes[0], wrong, strict=False):
        ax.imshow(X[:, index].reshape(side, side, 3))
        ax.set_title(f"said {classes[int(p[0, index])].decode()}\nis {classes[int(y[0, index])].decode()}", fontsize=9)
        ax.axis("off")
    plt.show()


def fresh_images(n=8, seed=2024):
    """
    New pictures from the same generator as the data set, never seen in training.

    Returns:
    images -- (n, 64, 64, 3) uint8
    labels -- (1, n), 1 for "cat" and 0 for "non-cat" (alternating, cat first)
    """
    rng = np.random.default_rng(seed)
    labels = (np.arange(n) % 2 == 0).astype(np.int64)
    images = np.empty((n, cats.SIZE, cats.SIZE, 3), dtype=np.uint8)
    for i, label in enumerate(labels):
        picture = cats.draw_cat(rng) if label else cats.draw_scene(rng)
        images[i] = np.clip(picture, 0, 255).astype(np.uint8)
    return images, labels.reshape(1, n)


def example_data(seed=1, n_x=5, m=8):
    """
    Small random data for trying the models: X (n_x, m) and 0/1 labels Y (1, m).

    Class 1 examples are shifted along a random direction, so a model can learn them.
    """
    rng = np.random.default_rng(seed)
    Y = rng.permutation((np.arange(m) % 2).reshape(1, m), axis=1).astype(np.float64)
    direction = rng.normal(0, 1, (n_x, 1))
    X = rng.normal(0, 1, (n_x, m)) + direction * (2 * Y - 1)
    return X, Y
