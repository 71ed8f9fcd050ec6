"""Grades out of the gradebook, in the formats other systems read.

* `export_csv`: one row per student, one column per lab, and totals, for an
  LMS gradebook import.
* `export_gradescope`: a Gradescope ``results.json`` per submission (its
  autograder's output format), with one test per hidden check: score,
  maximum, status, and the check's messages -- never the test's source.
  Every file is validated against `GRADESCOPE_SCHEMA` (written from
  Gradescope's documented specification) before it is written.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path

import nbformat

from .course import CourseError

__all__ = ["export_csv", "export_gradescope", "gradescope_results", "validate_gradescope", "GRADESCOPE_SCHEMA"]

VISIBILITY = ["hidden", "after_due_date", "after_published", "visible"]
FORMATS = ["text", "html", "simple_format", "md", "ansi"]

# Gradescope autograder results format ("results.json"), as documented by Gradescope.
GRADESCOPE_SCHEMA: dict = {
    "type": "object",
    "properties": {
        "score": {"type": "number"},
        "execution_time": {"type": "number", "minimum": 0},
        "output": {"type": "string"},
        "output_format": {"enum": FORMATS},
        "test_output_format": {"enum": FORMATS},
        "test_name_format": {"enum": FORMATS},
        "visibility": {"enum": VISIBILITY},
        "stdout_visibility": {"enum": VISIBILITY},
        "extra_data": {"type": "object"},
        "tests": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "score": {"type": "number"},
                    "max_score": {"type": "number", "minimum": 0},
                    "status": {"enum": ["passed", "failed"]},
                    "name": {"type": "string"},
                    "name_format": {"enum": FORMATS},
                    "number": {"type": "string"},
                    "output": {"type": "string"},
                    "output_format": {"enum": FORMATS},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "visibility": {"enum": VISIBILITY},
                    "extra_data": {"type": "object"},
                },
                "additionalProperties": False,
            },
        },
        "leaderboard": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "value": {}, "order": {"enum": ["asc", "desc"]}},
                "required": ["name", "value"],
            },
        },
    },
    # Gradescope needs a total: either "score" or per-test scores.
    "anyOf": [{"required": ["score"]}, {"required": ["tests"]}],
    "additionalProperties": False,
}

# What our files always carry, on top of the format's own rules.
OUR_FIELDS = {"top": ("score", "tests", "output", "visibility"), "test": ("name", "score", "max_score", "output", "visibility", "status")}


def validate_gradescope(data: dict) -> list[str]:
    """Problems with a results.json document: schema violations, then consistency (empty when valid)."""
    from jsonschema import Draft202012Validator

    problems = [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in Draft202012Validator(GRADESCOPE_SCHEMA).iter_errors(data)
    ]
    if problems or not isinstance(data, dict):
        return problems
    problems += [f"(top): {key!r} is required" for key in OUR_FIELDS["top"] if key not in data]
    for index, test in enumerate(data.get("tests", [])):
        problems += [f"tests/{index}: {key!r} is required" for key in OUR_FIELDS["test"] if key not in test]
        if "score" in test and "max_score" in test and not 0 <= test["score"] <= test["max_score"]:
            problems.append(f"tests/{index}: score {test['score']} outside 0..{test['max_score']}")
        if "status" in test and "score" in test and "max_score" in test:
            if (test["status"] == "passed") != (test["score"] == test["max_score"]):
                problems.append(f"tests/{index}: status {test['status']!r} disagrees with {test['score']}/{test['max_score']}")
    if "score" in data and data.get("tests") and all("score" in t for t in data["tests"]):
        total = sum(t["score"] for t in data["tests"])
        if abs(total - data["score"]) > 1e-6:
            problems.append(f"(top): score {data['score']} is not the sum of the tests' scores {total}")
    return problems


def export_csv(root: Path, target: Path) -> Path:
    """One row per student, one column per lab, and the total: for an LMS gradebook."""
    from .workflow import score_table

    labs, table, maxima = score_table(root)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", *labs, "total", "max_total"])
        for student, row in table.items():
            values = [row[lab] if row[lab] is not None else "" for lab in labs]
            writer.writerow([student, *values, sum(v for v in row.values() if v is not None), sum(maxima.values())])
    return target


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _cell_texts(notebook: Path) -> dict[str, str]:
    """grade_id -> what the test cell printed (stdout, and error names and messages, never tracebacks)."""
    if not notebook.is_file():
        return {}
    nb = nbformat.read(notebook, as_version=4)
    texts = {}
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.cell_type != "code" or not grade_id:
            continue
        parts = []
        for output in cell.get("outputs", []):
            if output.output_type == "stream" and output.get("name") == "stdout":
                parts.append(output.text)
            elif output.output_type == "error":
                parts.append(f"{output.ename}: {output.evalue}\n")
        texts[grade_id] = _ANSI.sub("", "".join(parts)).rstrip()
    return texts


def _late_text(seconds: float) -> str:
    hours, rest = divmod(int(seconds), 3600)
    return f"Submitted {hours} h {rest // 60} min after the due date."


def gradescope_results(root: Path, lab: str, student: str, visibility: str = "visible") -> dict:
    """The results.json document for one graded submission."""
    from nbgrader.api import Gradebook, MissingEntry

    from . import gradinglog
    from .nbgrader_api import course_config

    timing = gradinglog.load(root).get(lab, {}).get(student, {})
    with Gradebook(course_config(root).CourseDirectory.db_url) as gb:
        try:
            submission = gb.find_submission(lab, student)
        except MissingEntry:
            raise CourseError(f"no graded submission of {lab!r} by {student!r} in the gradebook") from None
        tests, notes = [], []
        for notebook in sorted(submission.notebooks, key=lambda n: n.name):
            texts = _cell_texts(root / "autograded" / student / lab / f"{notebook.name}.ipynb")
            order = list(texts)  # notebook order
            for grade in sorted(notebook.grades, key=lambda g: (order.index(g.name) if g.name in order else len(order), g.name)):
                score, max_score = float(grade.score or 0.0), float(grade.max_score)
                tests.append(
                    {
                        "name": grade.name.removeprefix("test-"),
                        "number": str(len(tests) + 1),
                        "score": score,
                        "max_score": max_score,
                        "status": "passed" if score == max_score else "failed",
                        "output": texts.get(grade.name, ""),
                        "visibility": visibility,
                    }
                )
            notes += [c.auto_comment for c in notebook.comments if c.auto_comment and c.auto_comment.startswith("Grading note")]
        total, maximum = float(submission.score), float(submission.max_score)
        late = float(submission.total_seconds_late or 0.0)
    lines = [f"{lab}: {total:g} / {maximum:g} points."] + notes + ([_late_text(late)] if late > 0 else [])
    data = {"score": total, "output": "\n".join(lines), "visibility": visibility, "tests": tests}
    if timing.get("seconds") is not None:
        data["execution_time"] = round(float(timing["seconds"]), 2)
    return data


def export_gradescope(
    root: Path,
    target: Path,
    labs: list[str],
    students: list[str] | None = None,
    visibility: str = "visible",
    on_done: Callable[[bool], None] | None = None,
) -> list[Path]:
    """Write `target/<lab>/<student>/results.json` for every graded submission (validated first)."""
    from .workflow import score_table

    if visibility not in VISIBILITY:
        raise CourseError(f"unknown visibility {visibility!r}; one of {', '.join(VISIBILITY)}")
    _, table, _ = score_table(root)
    unknown = sorted(set(students or ()) - set(table))
    if unknown:
        raise CourseError(f"unknown student {unknown[0]!r}: not in the gradebook")
    written = []
    for lab in labs:
        for student in students or sorted(table):
            if table[student].get(lab) is None:
                continue
            data = gradescope_results(root, lab, student, visibility)
            problems = validate_gradescope(data)
            if problems:
                raise CourseError(f"results.json for {student}/{lab} is invalid: {problems[0]}")
            path = target / lab / student / "results.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(data, indent=2) + "\n")
            written.append(path)
            if on_done:
                on_done(True)
    return written
