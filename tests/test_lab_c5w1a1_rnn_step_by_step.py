"""Lab c5w1a1_rnn_step_by_step: the reference earns full marks, plausible mistakes lose
points with a message naming what differs, the memory experiment shows what the notebook
says, and the optional exercises' self-checks pass on the reference and catch planted bugs."""

import contextlib
import io

import numpy as np
import pytest

from autograder.labtesting import LabUnderTest

LAB = "c5w1a1_rnn_step_by_step"

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student

GRADED = ["rnn_cell_forward", "rnn_forward", "lstm_cell_forward", "lstm_forward"]


def ref():
    return lab.reference


def utils():
    return lab.helper("rnn_step_utils")


def quietly(fn, *args):
    """Call a self-check; return (its verdict, what it printed)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        verdict = fn(*args)
    return verdict, out.getvalue()


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def test_points_add_up_to_ten():
    assert sum(check.points for check in ref().CHECKS) == 10
    assert [check.function for check in ref().CHECKS] == GRADED


def test_given_softmax_normalises_columns_and_survives_large_inputs():
    x = np.array([[1.0, 1000.0], [2.0, -1000.0], [3.0, 0.0]])
    s = utils().softmax(x)
    np.testing.assert_allclose(s.sum(axis=0), [1.0, 1.0])
    np.testing.assert_allclose(s[:, 0], np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum())
    assert np.all(np.isfinite(s))


# --- rnn_cell_forward ------------------------------------------------------------------------


def _rnn_cell(activation=np.tanh, softmax_axis=0, cache_order=("a_next", "a_prev", "xt")):
    def rnn_cell_forward(xt, a_prev, parameters):
        p = parameters
        a_next = activation(p["Waa"] @ a_prev + p["Wax"] @ xt + p["ba"])
        z = p["Wya"] @ a_next + p["by"]
        e = np.exp(z - z.max(axis=softmax_axis, keepdims=True))
        yt_pred = e / e.sum(axis=softmax_axis, keepdims=True)
        named = {"a_next": a_next, "a_prev": a_prev, "xt": xt}
        return a_next, yt_pred, (*(named[k] for k in cache_order), parameters)

    return rnn_cell_forward


def test_rnn_cell_helper_matches_the_reference_when_correct():
    result = run("rnn_cell_forward", student(rnn_cell_forward=_rnn_cell()))
    assert result.points == result.max_points, result.report()


def test_rnn_cell_softmax_over_the_wrong_axis_names_the_prediction():
    result = run("rnn_cell_forward", student(rnn_cell_forward=_rnn_cell(softmax_axis=1)))
    text = result.messages()
    assert result.points == 0  # even with m = 1: a softmax over one entry is 1
    assert "rnn_cell_forward()[1]: " in text and "values differ" in text
    assert "rnn_cell_forward()[0]" not in text


def test_rnn_cell_sigmoid_instead_of_tanh_names_the_state():
    result = run("rnn_cell_forward", student(rnn_cell_forward=_rnn_cell(activation=utils().sigmoid)))
    assert result.points == 0
    assert "rnn_cell_forward()[0]: " in result.messages()


def test_rnn_cell_cache_in_the_wrong_order():
    result = run("rnn_cell_forward", student(rnn_cell_forward=_rnn_cell(cache_order=("a_prev", "a_next", "xt"))))
    assert result.points == 0
    assert "rnn_cell_forward()[2][0]: " in result.messages()


# --- rnn_forward -----------------------------------------------------------------------------


def _rnn_forward(update_state=True, wrap_caches=True):
    cell = ref().rnn_cell_forward

    def rnn_forward(x, a0, parameters):
        n_x, m, T_x = x.shape
        n_y, n_a = parameters["Wya"].shape
        a, y_pred, caches = np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x)), []
        a_next = a0
        for t in range(T_x):
            state, y_pred[:, :, t], cache = cell(x[:, :, t], a_next if update_state else a0, parameters)
            a[:, :, t] = state
            a_next = state
            caches.append(cache)
        return a, y_pred, ((caches, x) if wrap_caches else caches)

    return rnn_forward


def test_rnn_forward_feeding_a0_at_every_step_loses_the_recurrent_cases():
    result = run("rnn_forward", student(rnn_forward=_rnn_forward(update_state=False)))
    assert result.points == 0.5  # only T_x = 1 agrees
    text = result.messages()
    assert "rnn_forward()[0]: " in text and "values differ" in text
    # with Waa = 0 the states agree, but the caches record a0 as every step's a_prev
    waa_zero = next(case for case in result.cases if case.label.startswith("Waa = 0"))
    assert not waa_zero.passed and all("rnn_forward()[2][0]" in m for m in waa_zero.messages)


def test_rnn_forward_caches_without_x_is_a_type_error():
    result = run("rnn_forward", student(rnn_forward=_rnn_forward(wrap_caches=False)))
    assert result.points == 0
    assert "rnn_forward()[2]: type tuple expected, got list" in result.messages()


# --- lstm_cell_forward -----------------------------------------------------------------------


def _lstm_cell(concat_order="a first", tanh_on_output=True, swap_gates=False, output_gate=None):
    sigmoid, softmax = utils().sigmoid, utils().softmax

    def lstm_cell_forward(xt, a_prev, c_prev, parameters):
        p = parameters
        concat = np.concatenate([a_prev, xt] if concat_order == "a first" else [xt, a_prev], axis=0)
        ft = sigmoid(p["Wf"] @ concat + p["bf"])
        it = sigmoid(p["Wi"] @ concat + p["bi"])
        cct = np.tanh(p["Wc"] @ concat + p["bc"])
        c_next = it * c_prev + ft * cct if swap_gates else ft * c_prev + it * cct
        ot = (output_gate or sigmoid)(p["Wo"] @ concat + p["bo"])
        a_next = ot * np.tanh(c_next) if tanh_on_output else ot * c_next
        yt_pred = softmax(p["Wy"] @ a_next + p["by"])
        return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)

    return lstm_cell_forward


def test_lstm_cell_helper_matches_the_reference_when_correct():
    result = run("lstm_cell_forward", student(lstm_cell_forward=_lstm_cell()))
    assert result.points == result.max_points, result.report()


def test_lstm_cell_input_stacked_above_the_state_loses_points():
    result = run("lstm_cell_forward", student(lstm_cell_forward=_lstm_cell(concat_order="x first")))
    assert result.points == pytest.approx(0.8)  # only the zero-weights case cannot tell
    assert "lstm_cell_forward()[3][4]: " in result.messages()  # ft in the cache


def test_lstm_cell_without_tanh_on_the_memory_names_a_next_only():
    result = run("lstm_cell_forward", student(lstm_cell_forward=_lstm_cell(tanh_on_output=False)))
    text = result.messages()
    assert result.points == 0
    assert "lstm_cell_forward()[0]: " in text and "lstm_cell_forward()[1]: " not in text


def test_lstm_cell_with_forget_and_update_gates_swapped_names_c_next():
    result = run("lstm_cell_forward", student(lstm_cell_forward=_lstm_cell(swap_gates=True)))
    assert result.points == 0
    assert "lstm_cell_forward()[1]: " in result.messages()


def test_lstm_cell_tanh_output_gate_is_caught():
    result = run("lstm_cell_forward", student(lstm_cell_forward=_lstm_cell(output_gate=np.tanh)))
    assert result.points == 0
    assert "lstm_cell_forward()[3][7]: " in result.messages()  # ot in the cache


# --- lstm_forward ----------------------------------------------------------------------------


def _lstm_forward(c0_from_a0=False, y_c_swapped=False):
    cell = ref().lstm_cell_forward

    def lstm_forward(x, a0, parameters):
        n_x, m, T_x = x.shape
        n_y, n_a = parameters["Wy"].shape
        a, c, y, caches = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x)), []
        a_next, c_next = a0, (a0.copy() if c0_from_a0 else np.zeros((n_a, m)))
        for t in range(T_x):
            a_next, c_next, yt, cache = cell(x[:, :, t], a_next, c_next, parameters)
            a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
            caches.append(cache)
        return (a, c, y, (caches, x)) if y_c_swapped else (a, y, c, (caches, x))

    return lstm_forward


def test_lstm_forward_starting_the_memory_at_a0_loses_points():
    result = run("lstm_forward", student(lstm_forward=_lstm_forward(c0_from_a0=True)))
    assert result.points == 0
    assert "lstm_forward()[2]: " in result.messages() and "values differ" in result.messages()


def test_lstm_forward_returning_c_before_y_is_a_shape_error():
    result = run("lstm_forward", student(lstm_forward=_lstm_forward(y_c_swapped=True)))
    assert result.points < result.max_points
    assert "lstm_forward()[1]: shape (2, 10, 7) expected, got (5, 10, 7)" in result.messages()


# --- the memory experiment shows what the notebook says --------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_lesson_an_open_forget_gate_remembers_where_the_rnn_forgets(seed):
    """The notebook's settings (seed 0) and two more seeds: same picture."""
    curves = utils().memory_curves(ref().rnn_forward, ref().lstm_forward, T_x=60, forget_bias=3.0, seed=seed)
    rnn, closed, open_ = curves["RNN"], curves["LSTM, forget bias 0"], curves["LSTM, forget bias 3"]
    assert len(rnn) == len(closed) == len(open_) == 60
    # exponential forgetting: below a millionth by step 40, and still falling
    assert rnn[39] < 1e-6 and closed[39] < 1e-6
    assert rnn[-1] < 1e-9 and closed[-1] < 1e-9
    # the open memory keeps the difference at the order of its first size all along
    assert open_.min() > 0.1


def test_memory_experiment_uses_the_students_functions():
    """A forward pass that never carries its state forgets at once: the experiment would show it."""
    broken = _rnn_forward(update_state=False)
    curves = utils().memory_curves(broken, ref().lstm_forward)
    assert np.all(curves["RNN"][1:] == 0)


# --- optional exercises: the self-checks pass on the reference and catch planted bugs --------


SELF_CHECKS = [
    ("check_rnn_cell_backward", "rnn_cell_forward", "rnn_cell_backward"),
    ("check_rnn_backward", "rnn_forward", "rnn_backward"),
    ("check_lstm_cell_backward", "lstm_cell_forward", "lstm_cell_backward"),
    ("check_lstm_backward", "lstm_forward", "lstm_backward"),
]


@pytest.mark.parametrize("check,forward,backward", SELF_CHECKS)
def test_self_checks_pass_on_the_reference(check, forward, backward):
    verdict, text = quietly(getattr(utils(), check), getattr(ref(), forward), getattr(ref(), backward))
    assert verdict is True, text
    assert "all gradients agree" in text and "TOO LARGE" not in text


def test_rnn_cell_backward_self_check_catches_a_missing_tanh_derivative():
    def rnn_cell_backward(da_next, cache):
        (a_next, a_prev, xt, p) = cache
        dz = da_next  # bug: (1 - a_next ** 2) forgotten
        return {"dxt": p["Wax"].T @ dz, "da_prev": p["Waa"].T @ dz, "dWax": dz @ xt.T, "dWaa": dz @ a_prev.T, "dba": dz.sum(axis=1, keepdims=True)}

    verdict, text = quietly(utils().check_rnn_cell_backward, ref().rnn_cell_forward, rnn_cell_backward)
    assert verdict is False
    assert "dWax: relative error" in text and "TOO LARGE" in text


def test_rnn_cell_backward_self_check_reports_missing_keys_and_shapes():
    def rnn_cell_backward(da_next, cache):
        gradients = ref().rnn_cell_backward(da_next, cache)
        gradients["dba"] = gradients["dba"].ravel()  # forgetting keepdims
        del gradients["dxt"]
        return gradients

    verdict, text = quietly(utils().check_rnn_cell_backward, ref().rnn_cell_forward, rnn_cell_backward)
    assert verdict is False
    assert "missing key(s): dxt" in text
    assert "dba: shape (5, 1) expected, got (5,)" in text


def test_rnn_backward_self_check_catches_a_gradient_that_does_not_flow_back_in_time():
    cell_backward = ref().rnn_cell_backward

    def rnn_backward(da, caches):
        (cell_caches, x) = caches
        n_a, m, T_x = da.shape
        n_x = x.shape[0]
        dx, dWax, dWaa, dba = np.zeros((n_x, m, T_x)), np.zeros((n_a, n_x)), np.zeros((n_a, n_a)), np.zeros((n_a, 1))
        for t in reversed(range(T_x)):
            g = cell_backward(da[:, :, t], cell_caches[t])  # bug: da_prevt from step t+1 is dropped
            dx[:, :, t] = g["dxt"]
            dWax, dWaa, dba = dWax + g["dWax"], dWaa + g["dWaa"], dba + g["dba"]
        return {"dx": dx, "da0": g["da_prev"], "dWax": dWax, "dWaa": dWaa, "dba": dba}

    verdict, text = quietly(utils().check_rnn_backward, ref().rnn_forward, rnn_backward)
    assert verdict is False
    assert "dx: relative error" in text and "TOO LARGE" in text


def test_lstm_cell_backward_self_check_catches_a_dc_prev_without_the_forget_gate():
    def lstm_cell_backward(da_next, dc_next, cache):
        gradients = ref().lstm_cell_backward(da_next, dc_next, cache)
        ft = cache[4]
        gradients["dc_prev"] = gradients["dc_prev"] / ft  # bug: dc_prev = dc
        return gradients

    verdict, text = quietly(utils().check_lstm_cell_backward, ref().lstm_cell_forward, lstm_cell_backward)
    assert verdict is False
    lines = [line for line in text.splitlines() if "TOO LARGE" in line]
    assert len(lines) == 1 and "dc_prev" in lines[0]


def test_lstm_backward_self_check_catches_a_memory_gradient_that_is_not_carried():
    cell_backward = ref().lstm_cell_backward

    def lstm_backward(da, caches):
        (cell_caches, x) = caches
        n_a, m, T_x = da.shape
        n_x = x.shape[0]
        dx, da_prevt = np.zeros((n_x, m, T_x)), np.zeros((n_a, m))
        totals = {k: 0 for k in ("dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo")}
        for t in reversed(range(T_x)):
            g = cell_backward(da[:, :, t] + da_prevt, np.zeros((n_a, m)), cell_caches[t])  # bug: dc_prevt dropped
            dx[:, :, t], da_prevt = g["dxt"], g["da_prev"]
            totals = {k: totals[k] + g[k] for k in totals}
        return {"dx": dx, "da0": da_prevt, **totals}

    verdict, text = quietly(utils().check_lstm_backward, ref().lstm_forward, lstm_backward)
    assert verdict is False
    assert "dWf: relative error" in text and "TOO LARGE" in text
