"""Given helpers of the RNN lab (c5w1a1): you do not need to edit this file.

* `sigmoid` and `softmax`, used by your cells;
* `memory_curves` and `plot_memory`, the experiment that asks how long an
  RNN and an LSTM remember their first input;
* `check_rnn_cell_backward`, `check_rnn_backward`, `check_lstm_cell_backward`
  and `check_lstm_backward`, the self-checks of the optional exercises.  They
  compare your gradients with a numerical estimate, computed by nudging every
  input and parameter a tiny bit and running *your* forward functions, so
  those must work first.
"""

from __future__ import annotations

from functools import partial

import matplotlib.pyplot as plt
import numpy as np

__all__ = [
    "sigmoid",
    "softmax",
    "memory_curves",
    "plot_memory",
    "numerical_gradient",
    "relative_error",
    "check_rnn_cell_backward",
    "check_rnn_backward",
    "check_lstm_cell_backward",
    "check_lstm_backward",
]

TOLERANCE = 1e-7  # a correct backward pass shows about 1e-10 here; a wrong one, far more


def sigmoid(x):
    """The logistic function 1 / (1 + exp(-x)), elementwise."""
    return 1 / (1 + np.exp(-x))


def softmax(x):
    """Softmax over axis 0: each column of x becomes a probability distribution."""
    e_x = np.exp(x - np.max(x, axis=0, keepdims=True))  # shifting by the maximum avoids overflow
    return e_x / np.sum(e_x, axis=0, keepdims=True)


# ---------------------------------------------------------------------------
# How long does a network remember?
# ---------------------------------------------------------------------------


def _memory_parameters(rng, n_x, n_a, forget_bias):
    """Random weights of fan-in scale for an RNN and an LSTM; the LSTM's forget-gate bias is `forget_bias`."""
    rnn = {
        "Wax": rng.normal(size=(n_a, n_x)) / np.sqrt(n_x),
        "Waa": rng.normal(size=(n_a, n_a)) / np.sqrt(n_a),
        "Wya": rng.normal(size=(2, n_a)) / np.sqrt(n_a),
        "ba": np.zeros((n_a, 1)),
        "by": np.zeros((2, 1)),
    }
    lstm = {key: rng.normal(size=(n_a, n_a + n_x)) / np.sqrt(n_a + n_x) for key in ("Wf", "Wi", "Wc", "Wo")}
    lstm.update({key: np.zeros((n_a, 1)) for key in ("bi", "bc", "bo")})
    lstm["bf"] = np.full((n_a, 1), float(forget_bias))
    lstm.update({"Wy": rng.normal(size=(2, n_a)) / np.sqrt(n_a), "by": np.zeros((2, 1))})
    return rnn, lstm


def memory_curves(rnn_forward, lstm_forward, T_x=60, n_x=4, n_a=16, forget_bias=3.0, seed=0):
    """
    Run two sequences that differ only in their first input through an RNN and two LSTMs.

    Returns a dict of curves over the T_x steps: the distance between the two hidden
    states at each step, divided by the distance at the first step, for the RNN, for an
    LSTM whose forget-gate bias is 0, and for the same LSTM with forget-gate bias
    `forget_bias`.  A curve that falls towards 0 means the network has forgotten how its
    two sequences began.
    """
    rng = np.random.default_rng(seed)
    x = np.repeat(rng.normal(size=(n_x, 1, T_x)), 2, axis=1)  # two copies of one sequence ...
    x[:, 1, 0] = rng.normal(size=n_x)  # ... except for the very first input
    a0 = np.zeros((n_a, 2))
    rnn, lstm = _memory_parameters(rng, n_x, n_a, forget_bias)

    def relative_distance(a):
        distance = np.linalg.norm(a[:, 0, :] - a[:, 1, :], axis=0)
        return distance / distance[0]

    curves = {"RNN": relative_distance(rnn_forward(x, a0, rnn)[0])}
    closed = dict(lstm, bf=np.zeros((n_a, 1)))
    curves["LSTM, forget bias 0"] = relative_distance(lstm_forward(x, a0, closed)[0])
    curves[f"LSTM, forget bias {forget_bias:g}"] = relative_distance(lstm_forward(x, a0, lstm)[0])
    return curves


def plot_memory(curves):
    """The curves of `memory_curves` on a logarithmic scale."""
    plt.figure(figsize=(7, 4))
    for label, curve in curves.items():
        plt.semilogy(np.arange(1, len(curve) + 1), curve, label=label, linewidth=2)
    plt.xlabel("time step t")
    plt.ylabel("distance between the two states\n(relative to step 1)")
    plt.title("Two sequences that differ only at step 1")
    plt.legend()
    plt.tight_layout()
    plt.show()


# ---------------------------------------------------------------------------
# Self-checks of the optional exercises
# ---------------------------------------------------------------------------


def numerical_gradient(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central-difference estimate of d f() / d x, nudging `x` in place one entry at a time."""
    grad = np.zeros_like(x, dtype=np.float64)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + eps
        plus = f()
        x[index] = saved - eps
        minus = f()
        x[index] = saved
        grad[index] = (plus - minus) / (2 * eps)
    return grad


def relative_error(analytic, numeric) -> float:
    """||a - n|| / (||a|| + ||n||), 0 when both are zero."""
    analytic, numeric = np.asarray(analytic, dtype=np.float64), np.asarray(numeric, dtype=np.float64)
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return 0.0 if denominator == 0 else (np.linalg.norm(analytic - numeric) / denominator).item()


def _weighted_sum(weights, forward, *args) -> float:
    """J = sum over i of sum(weights[i] * forward(*args)[i]): a cost whose gradient with respect to output i is weights[i]."""
    outputs = forward(*args)
    return sum(np.sum(w * outputs[i]) for i, w in weights.items())


def _gradient_check(title, gradients, cost, variables) -> bool:
    """Compare the dictionary `gradients` with numerical gradients of `cost` for each named variable."""
    lines, ok = [], True
    if not isinstance(gradients, dict):
        print(f"{title}: FAILED\n    a dictionary of gradients expected, got {type(gradients).__name__}")
        return False
    missing = [key for key in variables if key not in gradients]
    if missing:
        lines.append(f"    missing key(s): {', '.join(missing)}")
        ok = False
    for key, variable in variables.items():
        if key not in gradients:
            continue
        numeric = numerical_gradient(cost, variable)
        analytic = gradients[key]
        if not isinstance(analytic, np.ndarray):
            lines.append(f"    {key}: an ndarray expected, got {type(analytic).__name__}")
            ok = False
        elif analytic.shape != numeric.shape:
            lines.append(f"    {key}: shape {numeric.shape} expected, got {analytic.shape}")
            ok = False
        else:
            error = relative_error(analytic, numeric)
            good = error < TOLERANCE
            ok &= good
            lines.append(f"    {key}: relative error {error:.1e} {'ok' if good else 'TOO LARGE'}")
    print(f"{title}: {'all gradients agree with the numerical estimate' if ok else 'FAILED'}")
    for line in lines:
        print(line)
    return ok


def _rnn_problem(rng, n_x, n_a, n_y, m, T_x=None):
    parameters = {
        "Wax": rng.normal(size=(n_a, n_x)),
        "Waa": rng.normal(size=(n_a, n_a)) * 0.5,
        "Wya": rng.normal(size=(n_y, n_a)),
        "ba": rng.normal(size=(n_a, 1)),
        "by": rng.normal(size=(n_y, 1)),
    }
    x = rng.normal(size=(n_x, m) if T_x is None else (n_x, m, T_x))
    return x, rng.normal(size=(n_a, m)), parameters


def _lstm_problem(rng, n_x, n_a, n_y, m, T_x=None):
    parameters = {key: rng.normal(size=(n_a, n_a + n_x)) for key in ("Wf", "Wi", "Wc", "Wo")}
    parameters.update({key: rng.normal(size=(n_a, 1)) for key in ("bf", "bi", "bc", "bo")})
    parameters.update({"Wy": rng.normal(size=(n_y, n_a)), "by": rng.normal(size=(n_y, 1))})
    x = rng.normal(size=(n_x, m) if T_x is None else (n_x, m, T_x))
    return x, rng.normal(size=(n_a, m)), parameters


def check_rnn_cell_backward(rnn_cell_forward, rnn_cell_backward, seed=0) -> bool:
    """Gradient check of `rnn_cell_backward` for the cost J = sum(G * a_next), so da_next = G."""
    rng = np.random.default_rng(seed)
    xt, a_prev, parameters = _rnn_problem(rng, 3, 5, 2, 4)
    a_next = rnn_cell_forward(xt, a_prev, parameters)[0]
    G = rng.normal(size=a_next.shape)
    cache = rnn_cell_forward(xt, a_prev, parameters)[2]
    gradients = rnn_cell_backward(G.copy(), cache)
    cost = partial(_weighted_sum, {0: G}, rnn_cell_forward, xt, a_prev, parameters)
    variables = {"dxt": xt, "da_prev": a_prev, "dWax": parameters["Wax"], "dWaa": parameters["Waa"], "dba": parameters["ba"]}
    return _gradient_check("rnn_cell_backward", gradients, cost, variables)


def check_rnn_backward(rnn_forward, rnn_backward, seed=0) -> bool:
    """Gradient check of `rnn_backward` for the cost J = sum(G * a) over all time steps, so da = G."""
    rng = np.random.default_rng(seed)
    x, a0, parameters = _rnn_problem(rng, 3, 5, 2, 4, T_x=6)
    a, _, caches = rnn_forward(x, a0, parameters)
    G = rng.normal(size=a.shape)
    gradients = rnn_backward(G.copy(), caches)
    cost = partial(_weighted_sum, {0: G}, rnn_forward, x, a0, parameters)
    variables = {"dx": x, "da0": a0, "dWax": parameters["Wax"], "dWaa": parameters["Waa"], "dba": parameters["ba"]}
    return _gradient_check("rnn_backward", gradients, cost, variables)


def _lstm_variables(parameters):
    return {f"d{key}": parameters[key] for key in ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo")}


def check_lstm_cell_backward(lstm_cell_forward, lstm_cell_backward, seed=0) -> bool:
    """Gradient check of `lstm_cell_backward` for J = sum(Ga * a_next) + sum(Gc * c_next)."""
    rng = np.random.default_rng(seed)
    xt, a_prev, parameters = _lstm_problem(rng, 3, 5, 2, 4)
    c_prev = rng.normal(size=a_prev.shape)
    a_next, c_next, _, cache = lstm_cell_forward(xt, a_prev, c_prev, parameters)
    Ga, Gc = rng.normal(size=a_next.shape), rng.normal(size=c_next.shape)
    gradients = lstm_cell_backward(Ga.copy(), Gc.copy(), cache)
    cost = partial(_weighted_sum, {0: Ga, 1: Gc}, lstm_cell_forward, xt, a_prev, c_prev, parameters)
    variables = {"dxt": xt, "da_prev": a_prev, "dc_prev": c_prev, **_lstm_variables(parameters)}
    return _gradient_check("lstm_cell_backward", gradients, cost, variables)


def check_lstm_backward(lstm_forward, lstm_backward, seed=0) -> bool:
    """Gradient check of `lstm_backward` for the cost J = sum(G * a) over all time steps, so da = G."""
    rng = np.random.default_rng(seed)
    x, a0, parameters = _lstm_problem(rng, 3, 5, 2, 4, T_x=5)
    a, _, _, caches = lstm_forward(x, a0, parameters)
    G = rng.normal(size=a.shape)
    gradients = lstm_backward(G.copy(), caches)
    cost = partial(_weighted_sum, {0: G}, lstm_forward, x, a0, parameters)
    variables = {"dx": x, "da0": a0, **_lstm_variables(parameters)}
    return _gradient_check("lstm_backward", gradients, cost, variables)
