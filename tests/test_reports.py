"""HTML reports: self-contained pages per lab and for the course, hardest checks first,
failure classes, late submissions and grading time, from the real gradebook."""

from __future__ import annotations

import json
import re

import pytest
from classroom import EXPECTED_FAILURES, LAB, LATE, dlgrade

from autograder.reports import CheckStats, LabStats, failure_class, render_lab


@pytest.mark.parametrize(
    "note,expected",
    [
        ("Grading note: timeout: the notebook ran longer than 300 s", "timeout"),
        ("timeout: a cell or check ran longer than 120 s (interrupted; the rest was graded)", "timeout"),
        ("Grading note: out of memory: a cell exceeded the memory limit", "out of memory"),
        ("killed by signal SIGKILL (out of memory?)", "out of memory"),
        ("Grading note: kernel crash: signal SIGSEGV", "crash"),
        ("killed by signal SIGTERM", "killed"),
        ("exited with code 3 before the notebook finished", "exited early"),
        ("invalid notebook: NotJSONError: ...", "invalid notebook"),
        ("missing notebook: lab.ipynb was not submitted (renamed?)", "missing notebook"),
        ("worker error: RuntimeError: boom", "grader error"),
        ("something nobody planned for", "other"),
    ],
)
def test_failure_classes(note, expected):
    assert failure_class(note) == expected


def _checks_in_table(page: str) -> list[str]:
    table = page.split("Checks, hardest first", 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr><td>([^<]+)</td>", table)


def test_checks_are_listed_hardest_first():
    stats = LabStats("lab", 3.0, {"a": 1.0, "b": 2.0, "c": 3.0})
    stats.checks = [
        CheckStats("easy", 1.0, {"a": 1.0, "b": 1.0, "c": 1.0}),
        CheckStats("hard", 1.0, {"a": 0.0, "b": 0.0, "c": 1.0}),
        CheckStats("middle", 1.0, {"a": 0.0, "b": 1.0, "c": 1.0}),
    ]
    assert _checks_in_table(render_lab(stats)) == ["hard", "middle", "easy"]


def _assert_self_contained(page: str) -> None:
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    assert "@import" not in page and "url(" not in page
    images = re.findall(r'<img[^>]*src="([^"]*)"', page)
    assert images and all(src.startswith("data:image/png;base64,") for src in images)


@pytest.mark.slow
def test_reports_from_the_graded_class(graded_class, tmp_path):
    out = tmp_path / "reports"
    result = dlgrade(graded_class, "report", "--out", str(out), "--json")
    assert sorted(p.rsplit("/", 1)[1] for p in json.loads(result.stdout)["reports"]) == sorted(["index.html", f"{LAB}.html"])
    lab_page = (out / f"{LAB}.html").read_text()
    course_page = (out / "index.html").read_text()
    for page in (lab_page, course_page):
        _assert_self_contained(page)
    checks = _checks_in_table(lab_page)
    assert sorted(checks) == sorted(["sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict", "model"])
    rates = [int(r) for r in re.findall(r"<td class=num>(\d+)%</td>", lab_page.split("Checks, hardest first", 1)[1].split("</table>")[0])]
    assert rates == sorted(rates, reverse=True) and rates[0] > 0
    failures = lab_page.split("Grading failures", 1)[1].split("Late submissions", 1)[0]
    for student, failure in EXPECTED_FAILURES.items():
        assert f"<td>{student}</td>" in failures and failure in failures
    for name in ("out of memory", "crash", "exited early"):
        assert f"<td>{name}</td>" in failures
    late = lab_page.split("Late submissions", 1)[1].split("Grading time", 1)[0]
    assert f"<td>{LATE}</td>" in late and "2 h 00 min" in late
    assert "No grading times recorded" not in lab_page
    assert f'href="{LAB}.html"' in course_page
