"""Reference solution and hidden checks: c5w1a1_rnn_step_by_step.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The four back-propagation functions are optional exercises: they earn no
points and have no hidden checks, only the visible self-checks of
source/c5w1a1_rnn_step_by_step/rnn_step_utils.py (which also holds the given
`softmax` and `sigmoid`).
"""

import numpy as np
from rnn_step_utils import sigmoid, softmax

from autograder.checks import Case, FunctionCheck


def rnn_cell_forward(xt, a_prev, parameters):
    """
    One time step of a basic RNN cell.

    Arguments:
    xt -- input at time step t, shape (n_x, m)
    a_prev -- hidden state at time step t-1, shape (n_a, m)
    parameters -- dictionary with
        Wax -- weights applied to the input, shape (n_a, n_x)
        Waa -- weights applied to the previous hidden state, shape (n_a, n_a)
        Wya -- weights from the hidden state to the output, shape (n_y, n_a)
        ba -- bias of the hidden state, shape (n_a, 1)
        by -- bias of the output, shape (n_y, 1)

    Returns:
    a_next -- next hidden state, shape (n_a, m)
    yt_pred -- prediction at time step t, shape (n_y, m)
    cache -- (a_next, a_prev, xt, parameters), kept for the backward pass
    """
    Wax = parameters["Wax"]
    Waa = parameters["Waa"]
    Wya = parameters["Wya"]
    ba = parameters["ba"]
    by = parameters["by"]

    a_next = np.tanh(np.dot(Waa, a_prev) + np.dot(Wax, xt) + ba)
    yt_pred = softmax(np.dot(Wya, a_next) + by)

    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache


def rnn_forward(x, a0, parameters):
    """
    Forward pass of a basic RNN over a whole sequence of T_x time steps.

    Arguments:
    x -- input for every time step, shape (n_x, m, T_x)
    a0 -- initial hidden state, shape (n_a, m)
    parameters -- dictionary with "Wax", "Waa", "Wya", "ba", "by" (see rnn_cell_forward)

    Returns:
    a -- hidden state at every time step, shape (n_a, m, T_x)
    y_pred -- prediction at every time step, shape (n_y, m, T_x)
    caches -- (list of the T_x caches of rnn_cell_forward, x)
    """
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape

    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))

    a_next = a0
    for t in range(T_x):
        # the same cell, with the same parameters, at every step; only the state moves on
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append(cache)

    caches = (caches, x)
    return a, y_pred, caches


def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """
    One time step of an LSTM cell.

    Arguments:
    xt -- input at time step t, shape (n_x, m)
    a_prev -- hidden state at time step t-1, shape (n_a, m)
    c_prev -- memory cell at time step t-1, shape (n_a, m)
    parameters -- dictionary with
        Wf, bf -- forget gate, shapes (n_a, n_a + n_x) and (n_a, 1)
        Wi, bi -- update (input) gate, same shapes
        Wc, bc -- candidate value, same shapes
        Wo, bo -- output gate, same shapes
        Wy, by -- hidden state to prediction, shapes (n_y, n_a) and (n_y, 1)

    Returns:
    a_next -- next hidden state, shape (n_a, m)
    c_next -- next memory cell, shape (n_a, m)
    yt_pred -- prediction at time step t, shape (n_y, m)
    cache -- (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    """
    Wf = parameters["Wf"]
    bf = parameters["bf"]
    Wi = parameters["Wi"]
    bi = parameters["bi"]
    Wc = parameters["Wc"]
    bc = parameters["bc"]
    Wo = parameters["Wo"]
    bo = parameters["bo"]
    Wy = parameters["Wy"]
    by = parameters["by"]

    # stack the previous hidden state on top of the input: every gate looks at both
    concat = np.concatenate([a_prev, xt], axis=0)

    ft = sigmoid(np.dot(Wf, concat) + bf)
    it = sigmoid(np.dot(Wi, concat) + bi)
    cct = np.tanh(np.dot(Wc, concat) + bc)
    c_next = ft * c_prev + it * cct
    ot = sigmoid(np.dot(Wo, concat) + bo)
    a_next = ot * np.tanh(c_next)

    yt_pred = softmax(np.dot(Wy, a_next) + by)

    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache


def lstm_forward(x, a0, parameters):
    """
    Forward pass of an LSTM over a whole sequence of T_x time steps; the memory cell starts at zero.

    Arguments:
    x -- input for every time step, shape (n_x, m, T_x)
    a0 -- initial hidden state, shape (n_a, m)
    parameters -- dictionary with "Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo", "Wy", "by"
                  (see lstm_cell_forward)

    Returns:
    a -- hidden state at every time step, shape (n_a, m, T_x)
    y -- prediction at every time step, shape (n_y, m, T_x)
    c -- memory cell at every time step, shape (n_a, m, T_x)
    caches -- (list of the T_x caches of lstm_cell_forward, x)
    """
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape

    a = np.zeros((n_a, m, T_x))
    c = np.zeros((n_a, m, T_x))
    y = np.zeros((n_y, m, T_x))

    a_next = a0
    c_next = np.zeros((n_a, m))
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t] = a_next
        c[:, :, t] = c_next
        y[:, :, t] = yt
        caches.append(cache)

    caches = (caches, x)
    return a, y, c, caches


# ---------------------------------------------------------------------------
# Optional exercises (no points): back-propagation through time.
# ---------------------------------------------------------------------------


def rnn_cell_backward(da_next, cache):
    """
    Backward pass of one basic RNN cell (the hidden-state path; the prediction layer is left out).

    Arguments:
    da_next -- gradient of the cost with respect to the cell's output state a_next, shape (n_a, m)
    cache -- (a_next, a_prev, xt, parameters) from rnn_cell_forward

    Returns:
    gradients -- dictionary with
        dxt -- gradient with respect to xt, shape (n_x, m)
        da_prev -- gradient with respect to a_prev, shape (n_a, m)
        dWax -- gradient with respect to Wax, shape (n_a, n_x)
        dWaa -- gradient with respect to Waa, shape (n_a, n_a)
        dba -- gradient with respect to ba, shape (n_a, 1)
    """
    (a_next, a_prev, xt, parameters) = cache
    Wax = parameters["Wax"]
    Waa = parameters["Waa"]

    # through the tanh: d tanh(z) / dz = 1 - tanh(z)^2, and a_next is tanh(z) already
    dz = (1 - a_next**2) * da_next

    dxt = np.dot(Wax.T, dz)
    dWax = np.dot(dz, xt.T)
    da_prev = np.dot(Waa.T, dz)
    dWaa = np.dot(dz, a_prev.T)
    dba = np.sum(dz, axis=1, keepdims=True)

    gradients = {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
    return gradients


def rnn_backward(da, caches):
    """
    Backward pass of a basic RNN through all time steps.

    Arguments:
    da -- gradient of the cost with respect to every hidden state, shape (n_a, m, T_x)
          (what the layers above the RNN send back)
    caches -- (list of caches, x) from rnn_forward

    Returns:
    gradients -- dictionary with
        dx -- gradient with respect to the inputs, shape (n_x, m, T_x)
        da0 -- gradient with respect to the initial hidden state, shape (n_a, m)
        dWax -- shape (n_a, n_x); dWaa -- shape (n_a, n_a); dba -- shape (n_a, 1)
    """
    (caches, x) = caches
    (a1, a0, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape

    dx = np.zeros((n_x, m, T_x))
    dWax = np.zeros((n_a, n_x))
    dWaa = np.zeros((n_a, n_a))
    dba = np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))

    for t in reversed(range(T_x)):
        # a_t is read by the layer above (da[:, :, t]) and by the next time step (da_prevt)
        gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
        dx[:, :, t] = gradients["dxt"]
        da_prevt = gradients["da_prev"]
        # the parameters are shared by all time steps: their gradients add up
        dWax += gradients["dWax"]
        dWaa += gradients["dWaa"]
        dba += gradients["dba"]

    da0 = da_prevt
    gradients = {"dx": dx, "da0": da0, "dWax": dWax, "dWaa": dWaa, "dba": dba}
    return gradients


def lstm_cell_backward(da_next, dc_next, cache):
    """
    Backward pass of one LSTM cell (the prediction layer is left out).

    Arguments:
    da_next -- gradient with respect to the next hidden state, shape (n_a, m)
    dc_next -- gradient with respect to the next memory cell, shape (n_a, m)
    cache -- (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) from lstm_cell_forward

    Returns:
    gradients -- dictionary with
        dxt -- shape (n_x, m); da_prev, dc_prev -- shape (n_a, m)
        dWf, dWi, dWc, dWo -- shape (n_a, n_a + n_x)
        dbf, dbi, dbc, dbo -- shape (n_a, 1)
    """
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_a, m = a_next.shape

    tanh_c = np.tanh(c_next)
    # gradient reaching the memory cell: directly, and through a_next = ot * tanh(c_next)
    dc = dc_next + da_next * ot * (1 - tanh_c**2)

    # gradients with respect to each gate's pre-activation (before its sigmoid or tanh)
    dot = da_next * tanh_c * ot * (1 - ot)
    dcct = dc * it * (1 - cct**2)
    dit = dc * cct * it * (1 - it)
    dft = dc * c_prev * ft * (1 - ft)

    concat = np.concatenate([a_prev, xt], axis=0)
    dWf = np.dot(dft, concat.T)
    dWi = np.dot(dit, concat.T)
    dWc = np.dot(dcct, concat.T)
    dWo = np.dot(dot, concat.T)
    dbf = np.sum(dft, axis=1, keepdims=True)
    dbi = np.sum(dit, axis=1, keepdims=True)
    dbc = np.sum(dcct, axis=1, keepdims=True)
    dbo = np.sum(dot, axis=1, keepdims=True)

    # every gate read concat = [a_prev; xt]: add up what flows back through the four of them, then split
    dconcat = (
        np.dot(parameters["Wf"].T, dft)
        + np.dot(parameters["Wi"].T, dit)
        + np.dot(parameters["Wc"].T, dcct)
        + np.dot(parameters["Wo"].T, dot)
    )
    da_prev = dconcat[:n_a, :]
    dxt = dconcat[n_a:, :]
    dc_prev = dc * ft

    gradients = {
        "dxt": dxt, "da_prev": da_prev, "dc_prev": dc_prev,
        "dWf": dWf, "dbf": dbf, "dWi": dWi, "dbi": dbi,
        "dWc": dWc, "dbc": dbc, "dWo": dWo, "dbo": dbo,
    }  # fmt: skip
    return gradients


def lstm_backward(da, caches):
    """
    Backward pass of an LSTM through all time steps.

    Arguments:
    da -- gradient of the cost with respect to every hidden state, shape (n_a, m, T_x)
    caches -- (list of caches, x) from lstm_forward

    Returns:
    gradients -- dictionary with
        dx -- shape (n_x, m, T_x); da0 -- shape (n_a, m)
        dWf, dWi, dWc, dWo -- shape (n_a, n_a + n_x)
        dbf, dbi, dbc, dbo -- shape (n_a, 1)
    """
    (caches, x) = caches
    (a1, c1, a0, c0, f1, i1, cc1, o1, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape

    dx = np.zeros((n_x, m, T_x))
    da_prevt = np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))
    totals = {key: np.zeros((n_a, n_a + n_x)) for key in ("dWf", "dWi", "dWc", "dWo")}
    totals.update({key: np.zeros((n_a, 1)) for key in ("dbf", "dbi", "dbc", "dbo")})

    for t in reversed(range(T_x)):
        gradients = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, caches[t])
        dx[:, :, t] = gradients["dxt"]
        da_prevt = gradients["da_prev"]
        dc_prevt = gradients["dc_prev"]
        for key in totals:
            totals[key] += gradients[key]

    da0 = da_prevt
    gradients = {
        "dx": dx, "da0": da0,
        "dWf": totals["dWf"], "dbf": totals["dbf"], "dWi": totals["dWi"], "dbi": totals["dbi"],
        "dWc": totals["dWc"], "dbc": totals["dbc"], "dWo": totals["dWo"], "dbo": totals["dbo"],
    }  # fmt: skip
    return gradients


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs, compared with the functions above.
# ---------------------------------------------------------------------------

RNN_KEYS = ("Wax", "Waa", "Wya", "ba", "by")
LSTM_KEYS = ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo", "Wy", "by")


def _rnn_parameters(rng, n_x, n_a, n_y, zero=()):
    shapes = {"Wax": (n_a, n_x), "Waa": (n_a, n_a), "Wya": (n_y, n_a), "ba": (n_a, 1), "by": (n_y, 1)}
    return {key: np.zeros(shapes[key]) if key in zero else rng.normal(size=shapes[key]) for key in RNN_KEYS}


def _lstm_parameters(rng, n_x, n_a, n_y, zero=()):
    shapes = {key: (n_a, n_a + n_x) for key in ("Wf", "Wi", "Wc", "Wo")}
    shapes.update({key: (n_a, 1) for key in ("bf", "bi", "bc", "bo")})
    shapes.update({"Wy": (n_y, n_a), "by": (n_y, 1)})
    return {key: np.zeros(shapes[key]) if key in zero else rng.normal(size=shapes[key]) for key in LSTM_KEYS}


def _sizes(seed):
    """Random sizes (n_x, n_a, n_y, m, T_x), different for every seed."""
    rng = np.random.default_rng(seed)
    return tuple(int(v) for v in rng.integers([1, 1, 2, 1, 2], [6, 8, 6, 6, 7]))


def _rnn_cell_cases():
    for seed, (n_x, n_a, n_y, m) in [(0, (3, 5, 2, 10)), (1, _sizes(101)[:4]), (2, (1, 1, 3, 1))]:
        rng = np.random.default_rng(seed)
        label = f"n_x={n_x}, n_a={n_a}, n_y={n_y}, m={m}"
        yield Case(label, (rng.normal(size=(n_x, m)), rng.normal(size=(n_a, m)), _rnn_parameters(rng, n_x, n_a, n_y)))
    # zero weights: the state is tanh(ba) and the prediction softmax(by), whatever the inputs
    rng = np.random.default_rng(3)
    zero = _rnn_parameters(rng, 4, 3, 5, zero=("Wax", "Waa", "Wya"))
    yield Case("zero weights: a_next = tanh(ba), yt_pred = softmax(by)", (rng.normal(size=(4, 6)), rng.normal(size=(3, 6)), zero))


def _rnn_forward_cases():
    for seed, (n_x, n_a, n_y, m, T_x) in [(10, (3, 5, 2, 10, 4)), (11, _sizes(111)), (12, (2, 3, 4, 1, 1))]:
        rng = np.random.default_rng(seed)
        label = f"n_x={n_x}, n_a={n_a}, n_y={n_y}, m={m}, T_x={T_x}"
        yield Case(label, (rng.normal(size=(n_x, m, T_x)), rng.normal(size=(n_a, m)), _rnn_parameters(rng, n_x, n_a, n_y)))
    # no recurrence: every step sees only its own input, so a0 matters for nothing
    rng = np.random.default_rng(13)
    parameters = _rnn_parameters(rng, 2, 4, 3, zero=("Waa",))
    yield Case("Waa = 0, T_x=5", (rng.normal(size=(2, 3, 5)), rng.normal(size=(4, 3)), parameters))


def _lstm_cell_cases():
    for seed, (n_x, n_a, n_y, m) in [(20, (3, 5, 2, 10)), (21, _sizes(121)[:4]), (22, (1, 2, 2, 1))]:
        rng = np.random.default_rng(seed)
        label = f"n_x={n_x}, n_a={n_a}, n_y={n_y}, m={m}"
        args = (rng.normal(size=(n_x, m)), rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m)), _lstm_parameters(rng, n_x, n_a, n_y))
        yield Case(label, args)
    # zero weights: every gate is its bias through a sigmoid or tanh
    rng = np.random.default_rng(23)
    zero = _lstm_parameters(rng, 3, 4, 3, zero=("Wf", "Wi", "Wc", "Wo", "Wy"))
    yield Case("zero weights: gates from the biases alone", (rng.normal(size=(3, 5)), rng.normal(size=(4, 5)), rng.normal(size=(4, 5)), zero))
    # large pre-activations: gates saturate at 0 or 1
    rng = np.random.default_rng(24)
    parameters = {key: 6 * value for key, value in _lstm_parameters(rng, 2, 3, 2).items()}
    yield Case("saturated gates (weights x6)", (rng.normal(size=(2, 4)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), parameters))


def _lstm_forward_cases():
    for seed, (n_x, n_a, n_y, m, T_x) in [(30, (3, 5, 2, 10, 7)), (31, _sizes(131)), (32, (2, 1, 2, 1, 1))]:
        rng = np.random.default_rng(seed)
        label = f"n_x={n_x}, n_a={n_a}, n_y={n_y}, m={m}, T_x={T_x}"
        yield Case(label, (rng.normal(size=(n_x, m, T_x)), rng.normal(size=(n_a, m)), _lstm_parameters(rng, n_x, n_a, n_y)))
    # zero weights: the inputs are ignored, and the memory grows by the same step every time from c = 0
    rng = np.random.default_rng(33)
    zero = _lstm_parameters(rng, 2, 3, 2, zero=("Wf", "Wi", "Wc", "Wo", "Wy"))
    yield Case("zero weights, T_x=6: the memory alone carries the state", (rng.normal(size=(2, 3, 6)), rng.normal(size=(3, 3)), zero))


def _public_rnn_cell():
    rng = np.random.default_rng(40)
    return Case("n_x=3, n_a=5, n_y=2, m=10", (rng.normal(size=(3, 10)), rng.normal(size=(5, 10)), _rnn_parameters(rng, 3, 5, 2)))


def _public_rnn_forward():
    rng = np.random.default_rng(41)
    return Case("n_x=3, n_a=5, n_y=2, m=4, T_x=3", (rng.normal(size=(3, 4, 3)), rng.normal(size=(5, 4)), _rnn_parameters(rng, 3, 5, 2)))


def _public_lstm_cell():
    rng = np.random.default_rng(42)
    args = (rng.normal(size=(3, 10)), rng.normal(size=(5, 10)), rng.normal(size=(5, 10)), _lstm_parameters(rng, 3, 5, 2))
    return Case("n_x=3, n_a=5, n_y=2, m=10", args)


def _public_lstm_forward():
    rng = np.random.default_rng(43)
    return Case("n_x=3, n_a=5, n_y=2, m=4, T_x=3", (rng.normal(size=(3, 4, 3)), rng.normal(size=(5, 4)), _lstm_parameters(rng, 3, 5, 2)))


CHECKS = [
    FunctionCheck("rnn_cell_forward", 2, _rnn_cell_cases, public=_public_rnn_cell),
    FunctionCheck("rnn_forward", 2, _rnn_forward_cases, inputs_unchanged=True, public=_public_rnn_forward),
    FunctionCheck("lstm_cell_forward", 4, _lstm_cell_cases, public=_public_lstm_cell),
    FunctionCheck("lstm_forward", 2, _lstm_forward_cases, inputs_unchanged=True, public=_public_lstm_forward),
]
