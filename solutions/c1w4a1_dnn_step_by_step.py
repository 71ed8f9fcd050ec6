"""Reference solution and hidden checks: c1w4a1_dnn_step_by_step.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers (activations and their derivatives, example inputs, the
circles data, the training loop and plots) live in
source/c1w4a1_dnn_step_by_step/dnn_utils.py.
"""

import copy

import numpy as np
from dnn_utils import relu, relu_backward, sigmoid, sigmoid_backward

from autograder.checks import Case, FunctionCheck, Hook


def initialize_parameters(n_x, n_h, n_y):
    """
    Random weights and zero biases for a 2-layer network LINEAR -> RELU -> LINEAR -> SIGMOID.

    Start with np.random.seed(1); draw W1 before W2, each with np.random.randn, times 0.01.

    Arguments:
    n_x -- size of the input layer
    n_h -- size of the hidden layer
    n_y -- size of the output layer

    Returns:
    parameters -- dictionary with
        W1 -- weight matrix of shape (n_h, n_x)
        b1 -- bias vector of shape (n_h, 1)
        W2 -- weight matrix of shape (n_y, n_h)
        b2 -- bias vector of shape (n_y, 1)
    """
    np.random.seed(1)

    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))

    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters


def initialize_parameters_deep(layer_dims):
    """
    Random weights and zero biases for an L-layer network.

    Start with np.random.seed(3); draw the weights layer by layer (W1, then W2, ...),
    each with np.random.randn, times 0.01.

    Arguments:
    layer_dims -- list with the size of every layer, the input layer first

    Returns:
    parameters -- dictionary with "W1", "b1", ..., "WL", "bL", where
        Wl -- weight matrix of shape (layer_dims[l], layer_dims[l-1])
        bl -- bias vector of shape (layer_dims[l], 1)
    """
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)  # number of layers, counting the input layer

    for layer in range(1, L):
        parameters[f"W{layer}"] = np.random.randn(layer_dims[layer], layer_dims[layer - 1]) * 0.01
        parameters[f"b{layer}"] = np.zeros((layer_dims[layer], 1))

    return parameters


def linear_forward(A, W, b):
    """
    The linear part of a layer's forward pass.

    Arguments:
    A -- activations of the previous layer (or the input data), shape (size of previous layer, m)
    W -- weight matrix, shape (size of current layer, size of previous layer)
    b -- bias vector, shape (size of current layer, 1)

    Returns:
    Z -- the pre-activation W A + b, shape (size of current layer, m)
    cache -- the tuple (A, W, b), kept for the backward pass
    """
    Z = np.dot(W, A) + b
    cache = (A, W, b)
    return Z, cache


def linear_activation_forward(A_prev, W, b, activation):
    """
    The forward pass of one layer: LINEAR, then ACTIVATION.

    Arguments:
    A_prev -- activations of the previous layer (or the input data), shape (size of previous layer, m)
    W -- weight matrix, shape (size of current layer, size of previous layer)
    b -- bias vector, shape (size of current layer, 1)
    activation -- the activation of this layer, the string "sigmoid" or "relu"

    Returns:
    A -- the activations of this layer, shape (size of current layer, m)
    cache -- the tuple (linear_cache, activation_cache): linear_cache is (A_prev, W, b)
             from linear_forward and activation_cache is Z
    """
    if activation == "sigmoid":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)

    cache = (linear_cache, activation_cache)
    return A, cache


def L_model_forward(X, parameters):
    """
    The forward pass of the whole network: [LINEAR -> RELU] * (L-1), then LINEAR -> SIGMOID.

    Arguments:
    X -- input data, shape (input size, m)
    parameters -- dictionary with "W1", "b1", ..., "WL", "bL" (initialize_parameters_deep)

    Returns:
    AL -- the output probabilities, shape (1, m)
    caches -- list of the L caches of linear_activation_forward, layer 1 first
    """
    caches = []
    A = X
    L = len(parameters) // 2  # number of layers with parameters

    # the hidden layers, 1 to L-1: LINEAR -> RELU
    for layer in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters[f"W{layer}"], parameters[f"b{layer}"], "relu")
        caches.append(cache)

    # the output layer L: LINEAR -> SIGMOID
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)

    return AL, caches


def compute_cost(AL, Y):
    """
    The cross-entropy cost.

    Arguments:
    AL -- predicted probabilities, shape (1, m)
    Y -- true labels (0 or 1), shape (1, m)

    Returns:
    cost -- -(1/m) * sum(Y log(AL) + (1 - Y) log(1 - AL)), a scalar (squeezed, no array dimensions)
    """
    m = Y.shape[1]

    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m

    cost = np.squeeze(cost)  # turns e.g. [[17]] into 17
    return cost


def linear_backward(dZ, cache):
    """
    The linear part of a layer's backward pass.

    Arguments:
    dZ -- gradient of the cost with respect to this layer's Z, shape (size of current layer, m)
    cache -- the tuple (A_prev, W, b) stored by linear_forward

    Returns:
    dA_prev -- gradient of the cost with respect to A_prev, same shape as A_prev
    dW -- gradient of the cost with respect to W, same shape as W
    db -- gradient of the cost with respect to b, same shape as b
    """
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)

    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    """
    The backward pass of one layer: through the ACTIVATION, then through the LINEAR part.

    Arguments:
    dA -- gradient of the cost with respect to this layer's activations A
    cache -- the tuple (linear_cache, activation_cache) stored by linear_activation_forward
    activation -- the activation of this layer, the string "sigmoid" or "relu"

    Returns:
    dA_prev -- gradient of the cost with respect to the previous layer's activations, same shape as A_prev
    dW -- gradient of the cost with respect to W, same shape as W
    db -- gradient of the cost with respect to b, same shape as b
    """
    linear_cache, activation_cache = cache

    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)

    return dA_prev, dW, db


def L_model_backward(AL, Y, caches):
    """
    The backward pass of the whole network: LINEAR -> SIGMOID once, then [LINEAR -> RELU] * (L-1).

    Arguments:
    AL -- output probabilities of L_model_forward, shape (1, m)
    Y -- true labels (0 or 1), shape (1, m)
    caches -- the list of caches of L_model_forward: caches[l-1] belongs to layer l,
              so the last one, caches[L-1], is the sigmoid output layer's

    Returns:
    grads -- dictionary with
        grads["dA" + str(l)] for l = 0, ..., L-1 (the gradient of the activations A[l]; A[0] is X)
        grads["dW" + str(l)] and grads["db" + str(l)] for l = 1, ..., L
    """
    grads = {}
    L = len(caches)  # number of layers
    Y = Y.reshape(AL.shape)  # Y gets the shape of AL

    # derivative of the cost with respect to AL
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))

    # the output layer L (SIGMOID -> LINEAR)
    current_cache = caches[L - 1]
    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache, "sigmoid")
    grads[f"dA{L - 1}"] = dA_prev_temp
    grads[f"dW{L}"] = dW_temp
    grads[f"db{L}"] = db_temp

    # the hidden layers L-1 down to 1 (RELU -> LINEAR)
    for layer in reversed(range(1, L)):
        current_cache = caches[layer - 1]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads[f"dA{layer}"], current_cache, "relu")
        grads[f"dA{layer - 1}"] = dA_prev_temp
        grads[f"dW{layer}"] = dW_temp
        grads[f"db{layer}"] = db_temp

    return grads


def update_parameters(params, grads, learning_rate):
    """
    One step of gradient descent on every weight and bias.

    Arguments:
    params -- dictionary with "W1", "b1", ..., "WL", "bL" (left unchanged)
    grads -- dictionary of gradients from L_model_backward
    learning_rate -- step size alpha

    Returns:
    parameters -- a new dictionary with W{l} - learning_rate * dW{l} and b{l} - learning_rate * db{l}
    """
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2  # number of layers with parameters

    for layer in range(1, L + 1):
        parameters[f"W{layer}"] = parameters[f"W{layer}"] - learning_rate * grads[f"dW{layer}"]
        parameters[f"b{layer}"] = parameters[f"b{layer}"] - learning_rate * grads[f"db{layer}"]

    return parameters


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs, compared with the functions above.
# ---------------------------------------------------------------------------


def _network(seed, layer_dims, m, bias=0.3):
    """X (n_x, m), labels Y (1, m) with both classes when m > 1, and random parameters.

    The weights are scaled by 1/sqrt(fan-in) and the biases are non-zero, so every
    layer's ReLU is partly active and partly not.
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (layer_dims[0], m))
    Y = rng.permutation((np.arange(m) % 2).reshape(1, m), axis=1).astype(np.float64)
    if m == 1:
        Y = np.ones((1, 1))
    parameters = {}
    for layer in range(1, len(layer_dims)):
        fan_in = layer_dims[layer - 1]
        parameters[f"W{layer}"] = rng.normal(0, 1.5 / np.sqrt(fan_in), (layer_dims[layer], fan_in))
        parameters[f"b{layer}"] = rng.normal(0, bias, (layer_dims[layer], 1))
    return X, Y, parameters


def _layer(seed, n_prev, n, m):
    """A_prev (n_prev, m), W (n, n_prev), b (n, 1)."""
    rng = np.random.default_rng(seed)
    return rng.normal(0, 1, (n_prev, m)), rng.normal(0, 1, (n, n_prev)), rng.normal(0, 1, (n, 1))


def _layer_cache(seed, n_prev, n, m, activation):
    """dA (n, m) and a consistent ((A_prev, W, b), Z) cache of one layer."""
    A_prev, W, b = _layer(seed, n_prev, n, m)
    Z = W @ A_prev + b
    dA = np.random.default_rng(seed + 500).normal(0, 1, (n, m))
    return dA, ((A_prev, W, b), Z)


# (seed, layer_dims, m): deep and thin, a single example, one sigmoid layer only, wide
NETWORKS = [
    (0, [5, 4, 3, 1], 4),
    (1, [3, 2, 1], 1),
    (2, [6, 1], 5),
    (3, [10, 8, 6, 4, 2, 1], 12),
]


def _init_cases():
    yield Case("n_x=3, n_h=2, n_y=1", (3, 2, 1))
    yield Case("n_x=1, n_h=1, n_y=1", (1, 1, 1), seed=7)
    yield Case("n_x=1000, n_h=7, n_y=1", (1000, 7, 1), seed=42)
    yield Case("n_x=4, n_h=6, n_y=3", (4, 6, 3), seed=99)


def _init_deep_cases():
    yield Case("layer_dims=[5, 4, 3]", ([5, 4, 3],))
    yield Case("layer_dims=[2, 1]", ([2, 1],), seed=7)
    yield Case("layer_dims=[1000, 20, 7, 5, 1]", ([1000, 20, 7, 5, 1],), seed=42)
    yield Case("layer_dims=[1, 3, 3, 3, 2]", ([1, 3, 3, 3, 2],), seed=99)


def _linear_forward_cases():
    for seed, n_prev, n, m in [(10, 3, 1, 2), (11, 5, 4, 1), (12, 1, 3, 6), (13, 20, 7, 9)]:
        yield Case(f"A_prev ({n_prev}, {m}), W ({n}, {n_prev})", _layer(seed, n_prev, n, m))


def _linear_activation_forward_cases():
    for (seed, n_prev, n, m), activation in zip(
        [(20, 3, 1, 2), (21, 3, 1, 2), (22, 5, 4, 1), (23, 6, 3, 7), (24, 2, 5, 3)],
        ["sigmoid", "relu", "relu", "sigmoid", "relu"],
        strict=True,
    ):
        yield Case(f"{activation}, A_prev ({n_prev}, {m}), W ({n}, {n_prev})", (*_layer(seed, n_prev, n, m), activation))


def _L_model_forward_cases():
    for seed, dims, m in NETWORKS:
        X, _, parameters = _network(seed + 30, dims, m)
        yield Case(f"layer_dims={dims}, m={m}", (X, parameters))


def _compute_cost_cases():
    rng = np.random.default_rng(40)
    for m in (3, 1, 10):
        AL = rng.uniform(0.02, 0.98, (1, m))
        Y = (rng.random((1, m)) > 0.5).astype(np.float64)
        yield Case(f"m={m}", (AL, Y))
    yield Case("confident and right", (np.array([[0.999, 0.001, 0.99]]), np.array([[1.0, 0.0, 1.0]])))
    yield Case("all labels 0", (np.array([[0.3, 0.6, 0.1, 0.45]]), np.zeros((1, 4))))


def _linear_backward_cases():
    for seed, n_prev, n, m in [(50, 3, 1, 2), (51, 5, 4, 1), (52, 2, 3, 8), (53, 12, 6, 5)]:
        dZ, (linear_cache, _) = _layer_cache(seed, n_prev, n, m, "relu")
        yield Case(f"A_prev ({n_prev}, {m}), W ({n}, {n_prev})", (dZ, linear_cache))


def _linear_activation_backward_cases():
    for (seed, n_prev, n, m), activation in zip(
        [(60, 3, 1, 2), (61, 3, 1, 2), (62, 4, 5, 1), (63, 6, 3, 7), (64, 2, 4, 6)],
        ["sigmoid", "relu", "relu", "sigmoid", "relu"],
        strict=True,
    ):
        yield Case(f"{activation}, A_prev ({n_prev}, {m}), W ({n}, {n_prev})", (*_layer_cache(seed, n_prev, n, m, activation), activation))


def _L_model_backward_cases():
    for seed, dims, m in NETWORKS:
        X, Y, parameters = _network(seed + 70, dims, m)
        AL, caches = L_model_forward(X, parameters)
        yield Case(f"layer_dims={dims}, m={m}", (AL, Y, caches))


def _update_cases():
    for (seed, dims, m), learning_rate in zip(NETWORKS, (0.1, 1.2, 0.0075, 0.5), strict=True):
        X, Y, parameters = _network(seed + 80, dims, m)
        AL, caches = L_model_forward(X, parameters)
        grads = L_model_backward(AL, Y, caches)
        yield Case(f"layer_dims={dims}, learning_rate={learning_rate}", (parameters, grads, learning_rate))


def _public_L_model_forward():
    X, _, parameters = _network(3, [5, 4, 3, 1], 4)
    return Case("layer_dims=[5, 4, 3, 1], m=4", (X, parameters))


def _public_linear_backward():
    dZ, (linear_cache, _) = _layer_cache(4, 3, 1, 2, "relu")
    return Case("A_prev (3, 2), W (1, 3)", (dZ, linear_cache))


def _public_L_model_backward():
    X, Y, parameters = _network(90, [4, 3, 1], 3)
    AL, caches = L_model_forward(X, parameters)
    return Case("layer_dims=[4, 3, 1], m=3", (AL, Y, caches))


def _public_update():
    X, Y, parameters = _network(91, [4, 3, 1], 3)
    AL, caches = L_model_forward(X, parameters)
    return Case("layer_dims=[4, 3, 1], learning_rate=0.1", (parameters, L_model_backward(AL, Y, caches), 0.1))


CHECKS = [
    FunctionCheck("initialize_parameters", 0.5, _init_cases, public=lambda: Case("n_x=3, n_h=2, n_y=1", (3, 2, 1))),
    FunctionCheck("initialize_parameters_deep", 1, _init_deep_cases, public=lambda: Case("layer_dims=[5, 4, 3]", ([5, 4, 3],))),
    FunctionCheck("linear_forward", 0.5, _linear_forward_cases, public=lambda: Case("A_prev (3, 2), W (1, 3)", _layer(1, 3, 1, 2))),
    FunctionCheck("linear_activation_forward", 1, _linear_activation_forward_cases,
                  public=lambda: Case("relu, A_prev (3, 2), W (2, 3)", (*_layer(4, 3, 2, 2), "relu"))),
    FunctionCheck("L_model_forward", 1.5, _L_model_forward_cases, public=_public_L_model_forward),
    FunctionCheck("compute_cost", 0.5, _compute_cost_cases, outputs=Hook("autograder.probes:plain_number"),
                  public=lambda: Case("m=3", (np.array([[0.8, 0.9, 0.4]]), np.array([[1.0, 1.0, 0.0]])))),
    FunctionCheck("linear_backward", 1, _linear_backward_cases, public=_public_linear_backward),
    FunctionCheck("linear_activation_backward", 1, _linear_activation_backward_cases,
                  public=lambda: Case("sigmoid, A_prev (3, 2), W (1, 3)", (*_layer_cache(5, 3, 1, 2, "sigmoid"), "sigmoid"))),
    FunctionCheck("L_model_backward", 2, _L_model_backward_cases, public=_public_L_model_backward),
    FunctionCheck("update_parameters", 1, _update_cases, inputs_unchanged=True, public=_public_update),
]
