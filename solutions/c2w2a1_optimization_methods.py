"""Reference solution and hidden checks: c2w2a1_optimization_methods.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers (3-layer network, moons data, training loop, plots) live
in source/c2w2a1_optimization_methods/opt_utils.py.
"""

import math

import numpy as np

from autograder.checks import Case, FunctionCheck


def update_parameters_with_gd(parameters, grads, learning_rate):
    """
    One step of gradient descent on every parameter.

    Arguments:
    parameters -- dictionary with "W1", "b1", ..., "WL", "bL"
    grads -- dictionary with "dW1", "db1", ..., "dWL", "dbL"
    learning_rate -- the step size alpha

    Returns:
    parameters -- the dictionary with every "W{l}" and "b{l}" updated
    """
    L = len(parameters) // 2  # number of layers
    for layer in range(1, L + 1):
        parameters[f"W{layer}"] = parameters[f"W{layer}"] - learning_rate * grads[f"dW{layer}"]
        parameters[f"b{layer}"] = parameters[f"b{layer}"] - learning_rate * grads[f"db{layer}"]
    return parameters


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """
    Shuffle the examples (columns) of (X, Y) and cut them into mini-batches.

    Arguments:
    X -- input data, shape (n_x, m)
    Y -- labels, shape (1, m)
    mini_batch_size -- number of examples per mini-batch
    seed -- seed of np.random, set inside so the shuffle is reproducible

    Returns:
    mini_batches -- list of tuples (mini_batch_X, mini_batch_Y); all but possibly
                    the last hold mini_batch_size examples, the last holds the rest
    """
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []

    # Step 1: one permutation of the columns, shared by X and Y so pairs stay together
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation]

    # Step 2: the full mini-batches
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))

    # the last, smaller mini-batch with what is left (if anything is)
    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size :]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size :]
        mini_batches.append((mini_batch_X, mini_batch_Y))

    return mini_batches


def initialize_velocity(parameters):
    """
    The velocity of momentum: zeros shaped like every gradient.

    Arguments:
    parameters -- dictionary with "W1", "b1", ..., "WL", "bL"

    Returns:
    v -- dictionary with "dW1", "db1", ..., "dWL", "dbL", each a zero array
         of the shape of the matching parameter
    """
    L = len(parameters) // 2
    v = {}
    for layer in range(1, L + 1):
        v[f"dW{layer}"] = np.zeros(parameters[f"W{layer}"].shape)
        v[f"db{layer}"] = np.zeros(parameters[f"b{layer}"].shape)
    return v


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """
    One step of gradient descent with momentum.

    Arguments:
    parameters -- dictionary with "W1", "b1", ..., "WL", "bL"
    grads -- dictionary with "dW1", "db1", ..., "dWL", "dbL"
    v -- current velocity, a dictionary with the same keys as grads
    beta -- the momentum hyperparameter
    learning_rate -- the step size alpha

    Returns:
    parameters -- the updated parameters
    v -- the updated velocity
    """
    L = len(parameters) // 2
    for layer in range(1, L + 1):
        # exponentially weighted average of the gradients
        v[f"dW{layer}"] = beta * v[f"dW{layer}"] + (1 - beta) * grads[f"dW{layer}"]
        v[f"db{layer}"] = beta * v[f"db{layer}"] + (1 - beta) * grads[f"db{layer}"]
        # step along the velocity instead of the raw gradient
        parameters[f"W{layer}"] = parameters[f"W{layer}"] - learning_rate * v[f"dW{layer}"]
        parameters[f"b{layer}"] = parameters[f"b{layer}"] - learning_rate * v[f"db{layer}"]
    return parameters, v


def initialize_adam(parameters):
    """
    Adam's two moving averages: zeros shaped like every gradient.

    Arguments:
    parameters -- dictionary with "W1", "b1", ..., "WL", "bL"

    Returns:
    v -- average of the gradients: "dW1", "db1", ..., zeros shaped like the parameters
    s -- average of the squared gradients: same keys and shapes, zeros
    """
    L = len(parameters) // 2
    v = {}
    s = {}
    for layer in range(1, L + 1):
        v[f"dW{layer}"] = np.zeros(parameters[f"W{layer}"].shape)
        v[f"db{layer}"] = np.zeros(parameters[f"b{layer}"].shape)
        s[f"dW{layer}"] = np.zeros(parameters[f"W{layer}"].shape)
        s[f"db{layer}"] = np.zeros(parameters[f"b{layer}"].shape)
    return v, s


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """
    One step of Adam.

    Arguments:
    parameters -- dictionary with "W1", "b1", ..., "WL", "bL"
    grads -- dictionary with "dW1", "db1", ..., "dWL", "dbL"
    v -- moving average of the gradients (keys as in grads)
    s -- moving average of the squared gradients (keys as in grads)
    t -- number of Adam steps taken so far, counting this one (t >= 1)
    learning_rate -- the step size alpha
    beta1 -- decay of the first moment estimate v
    beta2 -- decay of the second moment estimate s
    epsilon -- keeps the division safe when s is tiny

    Returns:
    parameters -- the updated parameters
    v -- the updated first moment estimate
    s -- the updated second moment estimate
    v_corrected -- the bias-corrected first moment estimate
    s_corrected -- the bias-corrected second moment estimate
    """
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for layer in range(1, L + 1):
        for key in (f"dW{layer}", f"db{layer}"):
            v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
            v_corrected[key] = v[key] / (1 - beta1**t)
            s[key] = beta2 * s[key] + (1 - beta2) * np.square(grads[key])
            s_corrected[key] = s[key] / (1 - beta2**t)
        parameters[f"W{layer}"] = parameters[f"W{layer}"] - learning_rate * v_corrected[f"dW{layer}"] / (np.sqrt(s_corrected[f"dW{layer}"]) + epsilon)
        parameters[f"b{layer}"] = parameters[f"b{layer}"] - learning_rate * v_corrected[f"db{layer}"] / (np.sqrt(s_corrected[f"db{layer}"]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def update_lr(learning_rate0, epoch_num, decay_rate):
    """
    Learning rate decay: the rate shrinks a little after every epoch.

    Arguments:
    learning_rate0 -- the initial learning rate
    epoch_num -- the epoch number
    decay_rate -- how fast the rate decays

    Returns:
    learning_rate -- learning_rate0 / (1 + decay_rate * epoch_num), a float
    """
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
    return learning_rate


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """
    Learning rate decay in steps: the rate only changes every time_interval epochs.

    Arguments:
    learning_rate0 -- the initial learning rate
    epoch_num -- the epoch number
    decay_rate -- how fast the rate decays
    time_interval -- number of epochs between two decreases

    Returns:
    learning_rate -- learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval)), a float
    """
    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))
    return learning_rate


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs, compared with the functions above.
# ---------------------------------------------------------------------------

# (seed, layer sizes): the lab's own network, one layer, a deeper and wider one
NETWORKS = [(0, (2, 5, 2, 1)), (1, (3, 1)), (2, (4, 6, 5, 3, 2)), (3, (12, 7, 1))]


def _parameters(seed, layer_dims):
    """Random parameters W{l} (n_l, n_{l-1}), b{l} (n_l, 1)."""
    rng = np.random.default_rng(seed)
    parameters = {}
    for layer in range(1, len(layer_dims)):
        parameters[f"W{layer}"] = rng.normal(0, 1, (layer_dims[layer], layer_dims[layer - 1]))
        parameters[f"b{layer}"] = rng.normal(0, 1, (layer_dims[layer], 1))
    return parameters


def _like(seed, parameters, scale=1.0, positive=False):
    """A dictionary "dW1", "db1", ... of random arrays shaped like the parameters."""
    rng = np.random.default_rng(seed)
    out = {}
    for key, value in parameters.items():
        draw = rng.normal(0, scale, value.shape)
        out["d" + key] = np.abs(draw) if positive else draw
    return out


def _label(layer_dims):
    return f"layers {list(layer_dims)}"


def _gd_cases():
    for (seed, dims), rate in zip(NETWORKS, (0.01, 0.5, 1.0, 0.0), strict=True):
        parameters = _parameters(seed, dims)
        yield Case(f"{_label(dims)}, learning_rate={rate}", (parameters, _like(seed + 100, parameters), rate))


def _data(seed, n_x, m):
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (n_x, m))
    Y = rng.integers(0, 2, (1, m))
    return X, Y


def _mini_batch_cases():
    # the global seed before the call differs from `seed`: the function seeds itself
    yield Case("m=148, size 64 (last batch of 20)", (*_data(10, 50, 148), 64, 2), seed=99)
    yield Case("m=128, size 32 (no remainder)", (*_data(11, 3, 128), 32, 7), seed=99)
    yield Case("m=5, size 64 (a single short batch)", (*_data(12, 2, 5), 64, 1), seed=99)
    yield Case("m=300, size 64 (the lab's data size)", (*_data(13, 2, 300), 64, 11), seed=99)
    yield Case("m=70, default size and seed", _data(14, 4, 70), seed=99)


def _initialize_cases():
    for seed, dims in NETWORKS:
        yield Case(_label(dims), (_parameters(seed, dims),))


def _momentum_cases():
    for (seed, dims), beta, rate in zip(NETWORKS, (0.9, 0.0, 0.5, 0.99), (0.01, 0.1, 0.3, 1.0), strict=True):
        parameters = _parameters(seed + 20, dims)
        velocity = _like(seed + 40, parameters, scale=0.5)
        if seed == 0:  # the first step: zero velocity, as after initialize_velocity
            velocity = {key: np.zeros_like(value) for key, value in velocity.items()}
        args = (parameters, _like(seed + 60, parameters), velocity, beta, rate)
        yield Case(f"{_label(dims)}, beta={beta}, learning_rate={rate}", args)


def _adam_cases():
    settings = [
        # (t, keyword arguments); t=1 starts from zero moments as after initialize_adam
        (1, {}),
        (2, {"learning_rate": 0.02, "beta1": 0.8, "beta2": 0.99}),
        (10, {"learning_rate": 0.001, "epsilon": 1e-2}),
        (3, {"learning_rate": 0.1, "beta1": 0.5, "beta2": 0.9, "epsilon": 1e-6}),
    ]
    for (seed, dims), (t, kwargs) in zip(NETWORKS, settings, strict=True):
        parameters = _parameters(seed + 200, dims)
        v = _like(seed + 220, parameters, scale=0.3)
        s = _like(seed + 240, parameters, scale=0.2, positive=True)
        if t == 1:
            v = {key: np.zeros_like(value) for key, value in v.items()}
            s = {key: np.zeros_like(value) for key, value in s.items()}
        described = ", ".join(f"{key}={value}" for key, value in kwargs.items()) or "default hyperparameters"
        yield Case(f"{_label(dims)}, t={t}, {described}", (parameters, _like(seed + 260, parameters), v, s, t), kwargs)


def _update_lr_cases():
    yield Case("learning_rate0=0.5, epoch 2, decay_rate 1", (0.5, 2, 1))
    yield Case("epoch 0 keeps the initial rate", (0.1, 0, 0.3))
    yield Case("learning_rate0=0.0007, epoch 4999, decay_rate 0.001", (0.0007, 4999, 0.001))
    yield Case("integer learning_rate0=1, epoch 10, decay_rate 0.5", (1, 10, 0.5))


def _schedule_cases():
    yield Case("epoch 999 (still the first interval)", (0.5, 999, 1.0))
    yield Case("epoch 1000 (the first decrease)", (0.5, 1000, 1.0))
    yield Case("epoch 2500, decay_rate 0.3, default interval", (0.1, 2500, 0.3))
    yield Case("epoch 100, interval 30", (0.01, 100, 2.0), {"time_interval": 30})
    yield Case("epoch 0", (0.2, 0, 5.0), {"time_interval": 7})


def _public_gd():
    parameters = _parameters(42, (3, 2, 1))
    return Case("layers [3, 2, 1], learning_rate=0.01", (parameters, _like(43, parameters), 0.01))


def _public_mini_batches():
    return Case("m=148, size 64", (*_data(44, 3, 148), 64, 0))


def _public_momentum():
    parameters = _parameters(45, (3, 2, 1))
    velocity = {key: np.zeros_like(value) for key, value in _like(46, parameters).items()}
    return Case("layers [3, 2, 1], beta=0.9, learning_rate=0.01", (parameters, _like(47, parameters), velocity, 0.9, 0.01))


def _public_adam():
    parameters = _parameters(48, (3, 2, 1))
    zeros = {key: np.zeros_like(value) for key, value in _like(49, parameters).items()}
    return Case("layers [3, 2, 1], t=2", (parameters, _like(50, parameters), zeros, dict(zeros), 2), {"learning_rate": 0.02})


CHECKS = [
    FunctionCheck("update_parameters_with_gd", 1, _gd_cases, public=_public_gd),
    FunctionCheck("random_mini_batches", 2, _mini_batch_cases, public=_public_mini_batches),
    FunctionCheck("initialize_velocity", 0.5, _initialize_cases, public=lambda: Case("layers [3, 2, 1]", (_parameters(51, (3, 2, 1)),))),
    FunctionCheck("update_parameters_with_momentum", 1.5, _momentum_cases, public=_public_momentum),
    FunctionCheck("initialize_adam", 0.5, _initialize_cases, public=lambda: Case("layers [3, 2, 1]", (_parameters(52, (3, 2, 1)),))),
    FunctionCheck("update_parameters_with_adam", 2.5, _adam_cases, public=_public_adam),
    FunctionCheck("update_lr", 1, _update_lr_cases, public=lambda: Case("learning_rate0=0.5, epoch 2, decay_rate 1", (0.5, 2, 1))),
    FunctionCheck(
        "schedule_lr_decay",
        1,
        _schedule_cases,
        public=lambda: Case("learning_rate0=0.5, epoch 1500, decay_rate 1", (0.5, 1500, 1)),
    ),
]
