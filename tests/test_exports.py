"""Exports: the LMS CSV (one row per student, one column per lab, totals) and a
Gradescope results.json per submission, validated against the documented format."""

from __future__ import annotations

import copy
import csv
import json

import pytest
from classroom import CLASS, EXPECTED_FAILURES, LAB, LATE, dlgrade

from autograder.exports import validate_gradescope
from autograder.leaks import find_leaks, lab_secrets

VALID = {
    "score": 1.5,
    "output": "lab: 1.5 / 3 points.",
    "visibility": "visible",
    "execution_time": 2.5,
    "tests": [
        {"name": "sigmoid", "number": "1", "score": 1.0, "max_score": 1.0, "status": "passed", "output": "ok", "visibility": "visible"},
        {"name": "propagate", "number": "2", "score": 0.5, "max_score": 2.0, "status": "failed", "output": "FAILED", "visibility": "visible"},
    ],
}


def _mutated(change):
    data = copy.deepcopy(VALID)
    change(data)
    return data


def test_a_valid_document_passes():
    assert validate_gradescope(VALID) == []


@pytest.mark.parametrize(
    "change,words",
    [
        (lambda d: d["tests"][0].pop("max_score"), "'max_score' is required"),
        (lambda d: d["tests"][0].update(score="1"), "is not of type 'number'"),
        (lambda d: d.update(visibility="public"), "is not one of"),
        (lambda d: d["tests"][1].update(status="ok"), "is not one of"),
        (lambda d: d["tests"][0].update(points=1), "Additional properties"),
        (lambda d: d.update(execution_time=-1), "less than the minimum"),
        (lambda d: d["tests"][1].update(score=3.0), "outside 0..2.0"),
        (lambda d: d["tests"][1].update(status="passed"), "disagrees"),
        (lambda d: d.update(score=3.0), "not the sum"),
        (lambda d: d.pop("output"), "'output' is required"),
    ],
)
def test_wrong_documents_are_rejected(change, words):
    problems = validate_gradescope(_mutated(change))
    assert problems and any(words in p for p in problems), problems


@pytest.mark.slow
def test_csv_has_one_row_per_student_one_column_per_lab_and_totals(graded_class, tmp_path):
    target = tmp_path / "grades.csv"
    dlgrade(graded_class, "export", "--csv", str(target))
    rows = list(csv.DictReader(target.open()))
    assert [r["student"] for r in rows] == sorted(CLASS)
    assert list(rows[0]) == ["student", LAB, "total", "max_total"]
    by = {r["student"]: r for r in rows}
    assert float(by["ada"][LAB]) == float(by["ada"]["total"]) == float(by["ada"]["max_total"]) == 10.0
    assert float(by["jon"]["total"]) == 0.0


@pytest.mark.slow
def test_gradescope_results_per_submission_are_valid_and_say_what_failed(graded_class, tmp_path):
    result = dlgrade(graded_class, "export", "--gradescope", str(tmp_path / "gs"), "--json")
    written = json.loads(result.stdout)["gradescope"]
    assert len(written) == len(CLASS)
    docs = {}
    for path in written:
        data = json.loads(open(path).read())
        assert validate_gradescope(data) == [], path
        docs[path.split("/")[-2]] = data
    assert docs["ada"]["score"] == 10.0 and all(t["status"] == "passed" for t in docs["ada"]["tests"])
    assert [t["name"] for t in docs["ada"]["tests"]][:3] == ["sigmoid", "initialize_with_zeros", "propagate"]
    failed = [t for t in docs["gus"]["tests"] if t["status"] == "failed"]
    assert failed and all("FAILED" in t["output"] and "expected" in t["output"] for t in failed)
    for student, failure in EXPECTED_FAILURES.items():
        assert f"Grading note: {failure}" in docs[student]["output"]
    assert "after the due date" in docs[LATE]["output"]
    assert "after the due date" not in docs["ada"]["output"]
    assert all(d.get("execution_time", 0) > 0 for d in docs.values())  # from the grading log
    secrets = lab_secrets(graded_class, LAB)
    for data in docs.values():  # messages only: never a hidden test's source
        assert find_leaks(json.dumps(data, indent=1).replace("\\n", "\n"), secrets) == []
