"""Public test output a student can act on: which check, which case, what differed, a hint;
never a traceback through our helpers."""

from __future__ import annotations

import contextlib
import io
import shutil

import numpy as np
import pytest

from autograder.hints import describe_inputs, hint_for
from autograder.notebook import public_check

LAB = "c1w2a2_logistic_regression"


@pytest.fixture
def lab_folder(tmp_path, monkeypatch):
    from conftest import ROOT

    shutil.copy(ROOT / "source" / LAB / "public_tests.json", tmp_path)
    monkeypatch.chdir(tmp_path)  # public_check reads public_tests.json beside the notebook
    return tmp_path


def say(name, **functions) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        public_check(name, dict(functions, np=np))
    return out.getvalue()


def right_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_a_right_answer_passes_and_names_the_case(lab_folder):
    text = say("sigmoid", sigmoid=right_sigmoid)
    assert "sigmoid: public example passed (sigmoid(z=array of shape (2,)))" in text


@pytest.mark.parametrize(
    "function,what,hint",
    [
        (lambda z: 1 / (1 + np.exp(z)), "values differ", "check the formula"),
        (lambda z: right_sigmoid(z).reshape(-1, 1), "shape (2,) expected, got (2, 1)", "number of dimensions differs"),
        (lambda z: list(right_sigmoid(z)), "type ndarray expected, got list", "kind of value"),
    ],
)
def test_a_wrong_answer_says_which_case_what_differed_and_a_hint(lab_folder, function, what, hint):
    text = say("sigmoid", sigmoid=function)
    lines = text.splitlines()
    assert lines[0] == "sigmoid: public example FAILED"
    assert lines[1] == "  case: sigmoid(z=array of shape (2,))"
    assert what in text
    assert lines[-1].startswith("  hint: ") and hint in lines[-1]
    assert "Traceback" not in text


def test_an_unfinished_exercise_gets_a_hint_not_a_traceback(lab_folder):
    def sigmoid(z):
        raise NotImplementedError()

    text = say("sigmoid", sigmoid=sigmoid)
    assert "  sigmoid raised NotImplementedError\n" in text
    assert "hint: replace `raise NotImplementedError()` with your code" in text
    assert "Traceback" not in text and "autograder" not in text


def test_swapped_axes_are_named_first(lab_folder):
    def propagate(w, b, X, Y):
        return {"dw": w.T, "db": np.float64(0.0)}, np.array(1.0)

    text = say("propagate", propagate=propagate)
    assert "propagate()[0]['dw']: shape (2, 1) expected, got (1, 2)" in text
    assert "hint: the axes are swapped" in text  # the shape, not the wrong db value, comes first


def test_broken_test_data_is_one_line(lab_folder):
    (lab_folder / "public_tests.json").write_text("{not json")
    text = say("sigmoid", sigmoid=right_sigmoid)
    assert text.count("\n") == 1 and "could not run" in text and "Traceback" not in text


def test_hints_depend_on_what_went_wrong():
    assert "swapped" in hint_for(["f(): shape (3, 1) expected, got (1, 3)"])
    assert "swapped" not in hint_for(["f(): shape (3, 1) expected, got (3, 2)"])
    assert "dimensions" in hint_for(["f(): shape (3,) expected, got (3, 1)"])
    assert "keys" in hint_for(["f()[0]: missing key(s) 'db'"])
    assert "copy" in hint_for(["f modified its input: inputs[0]: values differ"])
    assert "run the cells above" in hint_for([], "NameError")
    assert hint_for(["f(): 1 of 2 values differ"]) != hint_for(["f(): shape (2,) expected, got (2, 1)"])


def test_the_case_names_arguments_and_shapes():
    def f(w, b, X):
        return None

    assert describe_inputs(f, "f", (np.zeros((2, 1)), 0.123456789), {"X": [1, 2]}) == "f(w=array of shape (2, 1), b=0.1235, X=[1, 2])"
    assert describe_inputs(f, "f", (1, 2, 3, 4), {}) == "f(1, 2, 3, 4)"  # a signature that does not fit


def test_under_validate_a_failed_example_raises_with_the_report_as_its_traceback(lab_folder, monkeypatch):
    """nbgrader's Validate only counts errors: without this it says "passes all the tests"."""
    from autograder.notebook import PublicExampleFailed

    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    with pytest.raises(PublicExampleFailed) as raised:
        say("sigmoid", sigmoid=lambda z: 1 / (1 + np.exp(z)))
    lines = raised.value._render_traceback_()
    assert lines[0] == "sigmoid: public example FAILED" and lines[-1].startswith("  hint: ")
    assert "passed" in say("sigmoid", sigmoid=right_sigmoid)  # a right answer still passes quietly
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")  # grading never raises from here
    assert "FAILED" in say("sigmoid", sigmoid=lambda z: 1 / (1 + np.exp(z)))
