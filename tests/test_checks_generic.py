"""Every hidden check of every lab: the reference earns full points, and a wrong
shape, a value off by more than the tolerance, a wrong type, and an exception
each lose points with a message that says so.

The wrong answers are made from the reference itself by a wrapper that
changes its result, so this covers each check that exists now or is added later.
"""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from autograder.checks import CellCheck, FunctionCheck
from autograder.compare import KerasModel
from autograder.course import checks_of, find_course_root, lab_ids, load_reference

ROOT = find_course_root()
CHECKS = [(lab, name) for lab in lab_ids(ROOT) for name in checks_of(lab, ROOT)]


class Wrapped:
    """Marks a student result so the check's `outputs` hook can alter it."""

    def __init__(self, value):
        self.value = value


def _first(value, predicate, change):
    """Copy of `value` with the first leaf that satisfies `predicate` changed; (copy, changed?)."""
    if predicate(value):
        return change(value), True
    if isinstance(value, KerasModel):
        layers, done = _first(value.layers, predicate, change)
        return KerasModel(layers), done
    if isinstance(value, dict):
        out, done = {}, False
        for key, item in value.items():
            if not done:
                item, done = _first(item, predicate, change)
            out[key] = item
        return out, done
    if isinstance(value, list | tuple):
        items, done = [], False
        for item in value:
            if not done:
                item, done = _first(item, predicate, change)
            items.append(item)
        return type(value)(items), done
    return value, False


def _is_array(v):
    return type(v) is np.ndarray and v.size > 1 and v.ndim >= 1


def _is_float_like(v):
    return (type(v) is np.ndarray and v.dtype.kind == "f" and v.size > 0) or (
        isinstance(v, float | np.floating) and np.isfinite(v)
    )


def _is_leaf(v):
    return isinstance(v, int | float | str | np.generic | np.ndarray) and not isinstance(v, bool)


def _bump(v):
    if isinstance(v, str):
        return v + "x"
    if isinstance(v, np.ndarray):
        return v + 1 if v.dtype.kind in "iuf" else ~v
    return type(v)(v + 1)


MUTATIONS = {
    # name: (how the result is changed, words the message must contain)
    "wrong_shape": (lambda r: _first(r, _is_array, lambda a: a[np.newaxis]), "shape"),
    "off_value": (lambda r: _first(r, _is_float_like, lambda x: x * 1.1 + 0.1) if _first(r, _is_float_like, lambda x: x)[1] else _first(r, _is_leaf, _bump), "expected, got"),
    "wrong_type": (lambda r: (12345 if isinstance(r, str) else "not the answer", True), "type"),
}


def _reference(lab):
    return vars(load_reference(lab, ROOT))


def _first_case(check: FunctionCheck) -> list:
    """One case shows a wrong answer is caught (the reference test above runs them
    all), and a Keras check costs seconds per case."""
    return check.generate_cases()[:1]


def _student_from(reference, name, result_change=None, raise_error=False):
    fn = reference[name]

    def student(*args, **kwargs):
        if raise_error:
            raise ValueError("deliberate failure")
        return Wrapped(fn(*args, **kwargs))

    return dict(reference, **{name: student})


@pytest.mark.parametrize("lab,name", CHECKS)
def test_reference_earns_full_points(lab, name):
    check = checks_of(lab, ROOT)[name]
    reference = _reference(lab)
    # a graded cell is judged on the variables the reference cell defines
    student = check.reference_namespace(reference) if isinstance(check, CellCheck) else reference
    result = check.run(reference, student)
    assert result.points == result.max_points, result.report()
    if isinstance(check, FunctionCheck):
        assert len(result.cases) >= 3


def _with_mutation(check: FunctionCheck, change):
    plain = check.outputs

    def outputs(result):
        if isinstance(result, dict) and isinstance(result.get("returned"), Wrapped):  # arguments_after
            result = dict(result, returned=result["returned"].value)
            changed, done = change(plain(result))
        elif isinstance(result, Wrapped):
            changed, done = change(plain(result.value))
        else:
            return plain(result)
        if not done:
            pytest.skip("this kind of result has nothing to change that way")
        return changed

    return dataclasses.replace(check, outputs=outputs)


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
@pytest.mark.parametrize("lab,name", CHECKS)
def test_wrong_answers_lose_points(lab, name, mutation):
    check = checks_of(lab, ROOT)[name]
    if not isinstance(check, FunctionCheck):
        pytest.skip("cell checks are covered below")
    change, words = MUTATIONS[mutation]
    result = _with_mutation(check, change).run(_reference(lab), _student_from(_reference(lab), name), _first_case(check))
    assert result.points < result.max_points, result.report()
    failed = [c for c in result.cases if not c.passed]
    assert failed and all(words in " ".join(c.messages) for c in failed), result.report()


@pytest.mark.parametrize("lab,name", CHECKS)
def test_exceptions_lose_points_and_are_named(lab, name):
    check = checks_of(lab, ROOT)[name]
    reference = _reference(lab)
    if isinstance(check, CellCheck):
        result = check.run(reference, {})
        assert result.points == 0, result.report()
        return
    result = check.run(reference, _student_from(reference, name, raise_error=True), _first_case(check))
    assert result.points == 0
    assert all("raised ValueError: deliberate failure" in " ".join(c.messages) for c in result.cases), result.report()


@pytest.mark.parametrize("lab,name", CHECKS)
def test_missing_function_scores_zero(lab, name):
    check = checks_of(lab, ROOT)[name]
    if not isinstance(check, FunctionCheck):
        pytest.skip("function checks only")
    reference = _reference(lab)
    student = {k: v for k, v in reference.items() if k != name}
    result = check.run(reference, student, _first_case(check))
    assert result.points == 0
    assert "is not defined" in result.cases[0].messages[0]


@pytest.mark.parametrize("lab", lab_ids(ROOT))
def test_every_check_can_be_judged_out_of_the_students_process(lab):
    """`dlgrade grade` sends each case as data and names hooks; a local function cannot cross."""
    import nbformat

    from autograder.trusted import plan_job

    nb = nbformat.read(ROOT / "source" / lab / f"{lab}.ipynb", as_version=4)
    job, planned, _ = plan_job(nb, checks_of(lab, ROOT))
    assert {plan.check.name for plan in planned} == set(checks_of(lab, ROOT)), "every check has a test cell"
    assert json.dumps(job)  # plain data only
