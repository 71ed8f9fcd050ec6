"""Given helpers for the Dinosaur Island lab (character-level RNN language model).

Everything here is provided to the student: the forward and backward passes of
a vanilla RNN over one name, parameter initialisation and update, loss
smoothing, and small printing helpers.  The graded functions (`clip`,
`sample`, `optimize`, `model`) are written in the notebook.
"""

from __future__ import annotations

import contextlib

import numpy as np

from autograder.data.dinos import load_text


def load_dinos(folder="datasets"):
    """The text of `dinos.txt` (one name per line), written on first use."""
    return load_text(folder)


def softmax(x):
    """Softmax over axis 0 (each column is a distribution); shifted for stability."""
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)


def smooth(loss, cur_loss):
    """Exponential moving average of the loss, so the printed curve is readable."""
    return loss * 0.999 + cur_loss * 0.001


def get_sample(sample_ix, ix_to_char):
    """Turn a list of indices into text, with the first letter capitalised."""
    txt = "".join(ix_to_char[ix] for ix in sample_ix)
    return txt[0].upper() + txt[1:]


def print_sample(sample_ix, ix_to_char):
    """Print a sampled name (it already ends with its newline)."""
    print(get_sample(sample_ix, ix_to_char), end="")


def get_initial_loss(vocab_size, seq_length):
    """Loss of a model that guesses uniformly, over `seq_length` characters."""
    return -np.log(1.0 / vocab_size) * seq_length


def initialize_parameters(n_a, n_x, n_y):
    """
    Small random weights and zero biases for the RNN (seeds NumPy with 1 first).

    Returns:
    parameters -- dict with Wax (n_a, n_x), Waa (n_a, n_a), Wya (n_y, n_a),
                  ba (n_a, 1), by (n_y, 1)
    """
    np.random.seed(1)
    Wax = np.random.randn(n_a, n_x) * 0.01
    Waa = np.random.randn(n_a, n_a) * 0.01
    Wya = np.random.randn(n_y, n_a) * 0.01
    ba = np.zeros((n_a, 1))
    by = np.zeros((n_y, 1))
    return {"Wax": Wax, "Waa": Waa, "Wya": Wya, "ba": ba, "by": by}


def rnn_step_forward(parameters, a_prev, x):
    """One time step: new hidden state and the distribution over the next character."""
    Waa, Wax, Wya, by, ba = (parameters[k] for k in ("Waa", "Wax", "Wya", "by", "ba"))
    a_next = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + ba)
    p_t = softmax(np.dot(Wya, a_next) + by)
    return a_next, p_t


def rnn_forward(X, Y, a0, parameters, vocab_size=27):
    """
    Run the RNN over one sequence and add up the cross-entropy loss.

    Arguments:
    X -- list of input indices; None stands for the all-zero first input
    Y -- list of target indices, same length as X
    a0 -- initial hidden state (n_a, 1)

    Returns:
    loss -- sum over time steps of -log(probability of the target)
    cache -- (y_hat, a, x): dicts indexed by time step (a also has a[-1] = a0)
    """
    x, a, y_hat = {}, {}, {}
    a[-1] = np.copy(a0)
    loss = 0
    for t in range(len(X)):
        x[t] = np.zeros((vocab_size, 1))
        if X[t] is not None:
            x[t][X[t]] = 1
        a[t], y_hat[t] = rnn_step_forward(parameters, a[t - 1], x[t])
        loss -= np.log(y_hat[t][Y[t], 0])
    return loss, (y_hat, a, x)


def rnn_step_backward(dy, gradients, parameters, x, a, a_prev):
    """Add one time step's contribution to the gradients (and pass da_next back)."""
    gradients["dWya"] += np.dot(dy, a.T)
    gradients["dby"] += dy
    da = np.dot(parameters["Wya"].T, dy) + gradients["da_next"]
    da_raw = (1 - a * a) * da  # derivative of tanh
    gradients["dba"] += da_raw
    gradients["dWax"] += np.dot(da_raw, x.T)
    gradients["dWaa"] += np.dot(da_raw, a_prev.T)
    gradients["da_next"] = np.dot(parameters["Waa"].T, da_raw)
    return gradients


def rnn_backward(X, Y, parameters, cache):
    """
    Backpropagation through time for one sequence.

    Returns:
    gradients -- dict with dWax, dWaa, dWya, dba, dby (shapes of the parameters)
    a -- the hidden states from the forward pass (dict by time step)
    """
    y_hat, a, x = cache
    gradients = {"d" + key: np.zeros_like(value) for key, value in parameters.items()}
    gradients["da_next"] = np.zeros_like(a[0])
    for t in reversed(range(len(X))):
        dy = np.copy(y_hat[t])
        dy[Y[t]] -= 1  # gradient of softmax + cross-entropy
        gradients = rnn_step_backward(dy, gradients, parameters, x[t], a[t], a[t - 1])
    # da_next is bookkeeping between time steps, not a parameter gradient
    del gradients["da_next"]
    ordered = {key: gradients[key] for key in ("dWax", "dWaa", "dWya", "dba", "dby")}
    return ordered, a


def update_parameters(parameters, gradients, lr):
    """One gradient-descent step, applied in place to `parameters` (which is also returned)."""
    parameters["Wax"] += -lr * gradients["dWax"]
    parameters["Waa"] += -lr * gradients["dWaa"]
    parameters["Wya"] += -lr * gradients["dWya"]
    parameters["ba"] += -lr * gradients["dba"]
    parameters["by"] += -lr * gradients["dby"]
    return parameters


@contextlib.contextmanager
def record_losses(namespace, name="optimize"):
    """While active, every call of `namespace[name]` appends its loss to the yielded list.

    The notebook uses it to plot the training curve of `model` without
    changing `model` itself; the original function is put back afterwards.
    """
    original = namespace[name]
    losses = []

    def recording(*args, **kwargs):
        result = original(*args, **kwargs)
        losses.append(float(np.squeeze(result[0])))
        return result

    namespace[name] = recording
    try:
        yield losses
    finally:
        namespace[name] = original


def smoothed_curve(losses, vocab_size=27, dino_names=7):
    """The smoothed loss after each iteration, exactly as `model` computes it."""
    loss = get_initial_loss(vocab_size, dino_names)
    curve = []
    for cur_loss in losses:
        loss = smooth(loss, cur_loss)
        curve.append(loss)
    return np.array(curve)
