"""Given helpers of the optimisation lab (c2w2a1): you do not need to edit this file.

A 3-layer network LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID for
binary classification (forward and backward passes, cost, prediction), the
"moons" data set, plotting helpers, and the training loop used by the
notebook's `model`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import sklearn.datasets

__all__ = [
    "sigmoid",
    "relu",
    "load_dataset",
    "initialize_parameters",
    "forward_propagation",
    "backward_propagation",
    "compute_cost",
    "train_model",
    "predict",
    "predict_dec",
    "accuracy",
    "plot_decision_boundary",
    "example_parameters",
]


def sigmoid(x):
    """The logistic function 1 / (1 + exp(-x)), elementwise."""
    return 1 / (1 + np.exp(-x))


def relu(x):
    """max(0, x), elementwise."""
    return np.maximum(0, x)


def load_dataset(plot=True):
    """
    300 points of scikit-learn's two interleaving half-moons (noise 0.2), after np.random.seed(3).

    Returns:
    train_X -- points, shape (2, 300)
    train_Y -- 0/1 labels, shape (1, 300)
    """
    np.random.seed(3)
    points, labels = sklearn.datasets.make_moons(n_samples=300, noise=0.2)
    train_X = points.T
    train_Y = labels.reshape((1, labels.shape[0]))
    if plot:
        plt.scatter(train_X[0], train_X[1], c=labels, s=40, cmap=plt.cm.Spectral, edgecolors="k", linewidths=0.3)
    return train_X, train_Y


def initialize_parameters(layer_dims):
    """
    He-initialised weights and zero biases, after np.random.seed(3).

    Arguments:
    layer_dims -- list of layer sizes, e.g. [2, 5, 2, 1]

    Returns:
    parameters -- dictionary with "W1", "b1", ..., "WL", "bL";
                  W{l} has shape (layer_dims[l], layer_dims[l-1]), b{l} (layer_dims[l], 1)
    """
    np.random.seed(3)
    parameters = {}
    for layer in range(1, len(layer_dims)):
        fan_in = layer_dims[layer - 1]
        parameters[f"W{layer}"] = np.random.randn(layer_dims[layer], fan_in) * np.sqrt(2 / fan_in)
        parameters[f"b{layer}"] = np.zeros((layer_dims[layer], 1))
    return parameters


def forward_propagation(X, parameters):
    """
    Forward pass of the 3-layer network.

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
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation(X, Y, cache):
    """
    Backward pass of the 3-layer network for the average cross-entropy cost.

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


def compute_cost(A3, Y):
    """
    The SUM (not the mean) of the cross-entropy losses of the examples in a mini-batch.

    The training loop adds these sums over an epoch's mini-batches and divides
    by m once, which gives the exact average cost over the training set even
    when the last mini-batch is smaller than the others.

    Returns:
    cost_total -- a Python float
    """
    A3 = np.clip(A3, 1e-12, 1 - 1e-12)  # log(0) would give inf
    losses = -(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))
    return float(np.sum(losses))


def train_model(X, Y, layers_dims, optimizer, exercises, learning_rate=0.0007, mini_batch_size=64, beta=0.9,
                beta1=0.9, beta2=0.999, epsilon=1e-8, num_epochs=5000, print_cost=True, decay=None, decay_rate=1,
                record_every=100):
    """
    Train the 3-layer network with mini-batch gradient descent, momentum or Adam.

    Arguments:
    X, Y -- data (n_x, m) and labels (1, m)
    layers_dims -- layer sizes, e.g. [2, 5, 2, 1]
    optimizer -- "gd", "momentum" or "adam"
    exercises -- a namespace holding the lab's functions (the notebook passes
                 its globals(), so your own functions are the ones used)
    decay -- None, or a function (learning_rate0, epoch_num, decay_rate) -> learning rate,
             called after every epoch
    record_every -- the cost (and learning rate) is recorded every `record_every` epochs

    Returns:
    parameters -- the learned parameters
    costs -- the average cost recorded every `record_every` epochs
    learning_rates -- the learning rate in use at those epochs
    """
    if optimizer not in ("gd", "momentum", "adam"):
        raise ValueError(f"optimizer must be 'gd', 'momentum' or 'adam', not {optimizer!r}")
    costs, learning_rates = [], []
    t = 0  # Adam's step counter
    seed = 10  # a new shuffle every epoch
    m = X.shape[1]
    learning_rate0 = learning_rate

    parameters = initialize_parameters(layers_dims)
    if optimizer == "momentum":
        v = exercises["initialize_velocity"](parameters)
    elif optimizer == "adam":
        v, s = exercises["initialize_adam"](parameters)

    for epoch in range(num_epochs):
        seed = seed + 1
        minibatches = exercises["random_mini_batches"](X, Y, mini_batch_size, seed)
        cost_total = 0.0
        for minibatch_X, minibatch_Y in minibatches:
            A3, cache = forward_propagation(minibatch_X, parameters)
            cost_total += compute_cost(A3, minibatch_Y)
            grads = backward_propagation(minibatch_X, minibatch_Y, cache)
            if optimizer == "gd":
                parameters = exercises["update_parameters_with_gd"](parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = exercises["update_parameters_with_momentum"](parameters, grads, v, beta, learning_rate)
            else:
                t = t + 1
                parameters, v, s, _, _ = exercises["update_parameters_with_adam"](
                    parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon
                )
        cost_avg = cost_total / m
        if epoch % record_every == 0:
            costs.append(cost_avg)
            learning_rates.append(float(learning_rate))
        if print_cost and epoch % 1000 == 0:
            print(f"Cost after epoch {epoch}: {cost_avg:f}" + (f"   learning rate: {float(learning_rate):.6f}" if decay else ""))
        if decay is not None:
            learning_rate = decay(learning_rate0, epoch, decay_rate)
    return parameters, costs, learning_rates


def predict(X, y, parameters, print_accuracy=True):
    """
    0/1 predictions of the trained network.

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
    pad, step = 0.5, 0.02
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


def example_parameters(seed=1, layer_dims=(3, 2, 1)):
    """
    Small random parameters and gradients of the same shapes, for trying out the exercises.

    Returns:
    parameters -- "W1", "b1", ... with W{l} (layer_dims[l], layer_dims[l-1]) and b{l} (layer_dims[l], 1)
    grads -- "dW1", "db1", ... of the same shapes
    """
    rng = np.random.default_rng(seed)
    parameters, grads = {}, {}
    for layer in range(1, len(layer_dims)):
        shape = (layer_dims[layer], layer_dims[layer - 1])
        parameters[f"W{layer}"] = np.round(rng.normal(0, 1, shape), 3)
        parameters[f"b{layer}"] = np.round(rng.normal(0, 1, (layer_dims[layer], 1)), 3)
        grads[f"dW{layer}"] = np.round(rng.normal(0, 1, shape), 3)
        grads[f"db{layer}"] = np.round(rng.normal(0, 1, (layer_dims[layer], 1)), 3)
    return parameters, grads
