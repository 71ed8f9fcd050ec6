"""Given helpers of the deep-network lab (c1w4a1): you do not need to edit this file.

* the two activations and their derivatives, each returning what the other
  pass needs (`sigmoid`, `relu`, `sigmoid_backward`, `relu_backward`);
* small random inputs for trying out each exercise;
* the 2-D "circles" data set, a training loop and plots for the final part,
  which assemble your building blocks into a working classifier;
* a numerical gradient check for your backward pass.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

__all__ = [
    "sigmoid",
    "relu",
    "sigmoid_backward",
    "relu_backward",
    "example_layer",
    "example_network",
    "load_circles",
    "train_network",
    "accuracy",
    "plot_decision_boundary",
    "gradient_check",
]


# --- activations ----------------------------------------------------------------


def sigmoid(Z):
    """
    The logistic function, elementwise.

    Arguments:
    Z -- numpy array of any shape

    Returns:
    A -- 1 / (1 + exp(-Z)), same shape as Z
    cache -- Z itself, kept for the backward pass
    """
    A = 1 / (1 + np.exp(-Z))
    cache = Z
    return A, cache


def relu(Z):
    """
    The rectified linear unit max(0, Z), elementwise.

    Returns:
    A -- same shape as Z
    cache -- Z itself, kept for the backward pass
    """
    A = np.maximum(0, Z)
    cache = Z
    return A, cache


def sigmoid_backward(dA, cache):
    """
    Gradient of the cost with respect to Z for a sigmoid unit.

    Arguments:
    dA -- gradient of the cost with respect to the activation A, any shape
    cache -- Z, stored by `sigmoid` in the forward pass

    Returns:
    dZ -- dA * s * (1 - s) with s = sigmoid(Z), same shape as Z
    """
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s * (1 - s)
    return dZ


def relu_backward(dA, cache):
    """
    Gradient of the cost with respect to Z for a ReLU unit.

    Arguments:
    dA -- gradient of the cost with respect to the activation A, any shape
    cache -- Z, stored by `relu` in the forward pass

    Returns:
    dZ -- dA where Z > 0, and 0 elsewhere
    """
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


# --- small inputs for trying the exercises -----------------------------------------


def example_layer(seed=1, n_prev=3, n=1, m=2):
    """
    Random inputs of one layer.

    Returns:
    A_prev (n_prev, m), W (n, n_prev), b (n, 1)
    """
    rng = np.random.default_rng(seed)
    A_prev = rng.normal(0, 1, (n_prev, m))
    W = rng.normal(0, 1, (n, n_prev))
    b = rng.normal(0, 1, (n, 1))
    return A_prev, W, b


def example_network(seed=1, layer_dims=(5, 4, 3, 1), m=4):
    """
    Random data and parameters of a small network.

    Returns:
    X (layer_dims[0], m), Y (1, m) with 0/1 labels (both present when m > 1),
    parameters -- dictionary with W1, b1, ..., WL, bL
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (layer_dims[0], m))
    Y = rng.permutation((np.arange(m) % 2).reshape(1, m), axis=1)
    parameters = {}
    for layer in range(1, len(layer_dims)):
        fan_in = layer_dims[layer - 1]
        parameters[f"W{layer}"] = rng.normal(0, 1 / np.sqrt(fan_in), (layer_dims[layer], fan_in))
        parameters[f"b{layer}"] = rng.normal(0, 0.1, (layer_dims[layer], 1))
    return X, Y, parameters


# --- data, training loop and plots for the final part --------------------------------


def load_circles(n_train=300, n_test=200, noise=0.12, seed=3):
    """
    Two noisy concentric rings in the plane (scikit-learn's make_circles, fixed seed).

    Label 1 is the inner ring, label 0 the outer one; no straight line separates them.

    Returns:
    train_X (2, n_train), train_Y (1, n_train), test_X (2, n_test), test_Y (1, n_test)
    """
    from sklearn.datasets import make_circles

    X, y = make_circles(n_samples=n_train + n_test, noise=noise, factor=0.45, random_state=seed)
    X, y = X.T, y.reshape(1, -1).astype(np.int64)
    return X[:, :n_train], y[:, :n_train], X[:, n_train:], y[:, n_train:]


def train_network(X, Y, layer_dims, functions, learning_rate=0.5, num_iterations=3000,
                  weight_scale=None, record_every=50):
    """
    Gradient descent on an L-layer network, built from your own functions.

    Arguments:
    X, Y -- data (n_x, m) and 0/1 labels (1, m)
    layer_dims -- layer sizes, e.g. [2, 10, 5, 1]
    functions -- a namespace holding initialize_parameters_deep, L_model_forward,
                 compute_cost, L_model_backward and update_parameters (the
                 notebook passes globals())
    weight_scale -- None keeps the 0.01 * randn weights of initialize_parameters_deep;
                    "fan_in" rescales the same random draws to randn / sqrt(n[l-1])
    record_every -- how often (in iterations) to record the cost

    Returns:
    parameters -- the trained parameters
    costs -- list of (iteration, cost) pairs
    """
    parameters = functions["initialize_parameters_deep"](layer_dims)
    if weight_scale == "fan_in":
        for layer in range(1, len(layer_dims)):
            parameters[f"W{layer}"] = parameters[f"W{layer}"] / 0.01 / np.sqrt(layer_dims[layer - 1])
    costs = []
    for i in range(num_iterations):
        AL, caches = functions["L_model_forward"](X, parameters)
        if i % record_every == 0 or i == num_iterations - 1:
            costs.append((i, float(np.squeeze(functions["compute_cost"](AL, Y)))))
        grads = functions["L_model_backward"](AL, Y, caches)
        parameters = functions["update_parameters"](parameters, grads, learning_rate)
    return parameters, costs


def accuracy(parameters, X, Y, functions):
    """Fraction of examples whose prediction (AL > 0.5) equals the label, as a Python float."""
    AL, _ = functions["L_model_forward"](X, parameters)
    return float(np.mean((AL > 0.5) == (Y == 1)))


def plot_decision_boundary(parameters, X, Y, functions, ax=None, title=None):
    """Shade the regions the network assigns to each class, with the points on top."""
    if ax is None:
        ax = plt.gca()
    pad, step = 0.25, 0.02
    x_min, x_max = X[0].min() - pad, X[0].max() + pad
    y_min, y_max = X[1].min() - pad, X[1].max() + pad
    xx, yy = np.meshgrid(np.arange(x_min, x_max, step), np.arange(y_min, y_max, step))
    AL, _ = functions["L_model_forward"](np.vstack([xx.ravel(), yy.ravel()]), parameters)
    ax.contourf(xx, yy, (AL > 0.5).reshape(xx.shape), cmap=plt.cm.Spectral, alpha=0.7)
    ax.scatter(X[0], X[1], c=np.ravel(Y), cmap=plt.cm.Spectral, s=18, edgecolors="k", linewidths=0.3)
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title)
    return ax


# --- gradient check ---------------------------------------------------------------


def gradient_check(parameters, X, Y, functions, epsilon=1e-6):
    """
    Compare the gradients of L_model_backward with centred finite differences.

    Each weight and bias is nudged by +epsilon and -epsilon in turn, and
    (J(theta + eps) - J(theta - eps)) / (2 eps) approximates dJ/dtheta.

    Returns:
    difference -- ||backprop - numerical|| / (||backprop|| + ||numerical||), a Python float;
                  around 1e-7 or less when the backward pass is right
    """
    forward, cost = functions["L_model_forward"], functions["compute_cost"]
    AL, caches = forward(X, parameters)
    grads = functions["L_model_backward"](AL, Y, caches)
    analytic, numeric = [], []
    for key in sorted(parameters, key=lambda k: (int(k[1:]), k[0])):
        for index in np.ndindex(parameters[key].shape):
            values = []
            for sign in (1, -1):
                nudged = {k: v.copy() for k, v in parameters.items()}
                nudged[key][index] += sign * epsilon
                values.append(float(np.squeeze(cost(forward(X, nudged)[0], Y))))
            numeric.append((values[0] - values[1]) / (2 * epsilon))
            analytic.append(np.asarray(grads["d" + key])[index])
    analytic, numeric = np.array(analytic, dtype=float), np.array(numeric)
    return float(np.linalg.norm(analytic - numeric) / (np.linalg.norm(analytic) + np.linalg.norm(numeric)))
