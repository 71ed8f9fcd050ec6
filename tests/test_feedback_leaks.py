"""Feedback shows each student their per-check results, messages and failure classes,
and never hidden-test source or reference code: every generated file is scanned."""

from __future__ import annotations

import html
import re
import shutil

import pytest
from classroom import CLASS, EXPECTED_FAILURES, LAB, dlgrade

from autograder.leaks import find_leaks, lab_secrets, scan_feedback, visible_text

pytestmark = pytest.mark.slow


def _page(root, student):
    return root / "feedback" / student / LAB / f"{LAB}.html"


def test_no_feedback_file_shows_hidden_tests_or_solution_code(graded_class):
    pages = sorted((graded_class / "feedback").glob(f"*/{LAB}/*.html"))
    assert len(pages) == len(CLASS)
    secrets = lab_secrets(graded_class, LAB)
    assert secrets.hidden_tests and secrets.solution  # the scan has something to look for
    assert scan_feedback(graded_class, LAB) == {}


def test_feedback_has_per_check_results_messages_and_failure_classes(graded_class):
    wrong = visible_text(_page(graded_class, "gus").read_text())
    assert "Grade cell: test-propagate" in wrong
    assert "propagate: " in wrong and "FAILED" in wrong and "expected, got" in wrong
    for student, failure in EXPECTED_FAILURES.items():
        assert f"Grading note: {failure}" in visible_text(_page(graded_class, student).read_text())


def _highlighted(code: str) -> str:
    """Code as nbconvert renders it: every token in its own span."""
    return "".join(f'<span class="n">{html.escape(token)}</span>' for token in re.split(r"(\W)", code) if token)


def test_the_scan_finds_hidden_test_and_reference_lines(graded_class):
    secrets = lab_secrets(graded_class, LAB)
    clean = _page(graded_class, "jon").read_text()  # jon wrote nothing of the reference
    assert find_leaks(visible_text(clean), secrets) == []
    hidden = sorted(secrets.hidden_tests)[0]
    reference = sorted(secrets.solution)[0]
    leaked = clean.replace("</body>", f"<pre>{_highlighted(hidden)}</pre><p>{html.escape(reference)}</p></body>")
    assert find_leaks(visible_text(leaked), secrets) == [f"hidden test: {hidden}", f"reference solution: {reference}"]


def test_feedback_with_stock_settings_is_refused(graded_class, tmp_path):
    """Stock nbgrader feedback keeps the restored hidden tests: the gate must refuse to release it."""
    course = shutil.copytree(graded_class, tmp_path / "course", symlinks=True)
    config = course / "nbgrader_config.py"
    config.write_text(config.read_text().replace("c.GenerateFeedback.preprocessors =", "_stock_feedback ="))
    released = course / "exchange" / "dl-course" / "feedback"
    shutil.rmtree(released, ignore_errors=True)
    result = dlgrade(course, "feedback", LAB, check=False)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "not released" in lines[0] and "hidden test: hidden_check(" in lines[0]
    assert not any(released.rglob("*.html"))
    assert scan_feedback(course, LAB)  # the files it refused do leak


def test_a_line_the_release_already_quotes_is_not_a_secret():
    from autograder.leaks import Secrets

    secrets = Secrets({"hidden_check('softmax', globals())"}, {"ds = s * (1 - s)", "s = 1 / (1 + np.exp(-x))"})
    released = "The derivative is `ds = s * (1 - s)`."  # a formula quoted inside a Markdown sentence
    public = secrets.minus(released)
    assert public.solution == {"s = 1 / (1 + np.exp(-x))"}
    assert public.hidden_tests == secrets.hidden_tests
    assert find_leaks("... ds = s * (1 - s) ...", public) == []
    assert find_leaks("s = 1 / (1 + np.exp(-x))", public) == ["reference solution: s = 1 / (1 + np.exp(-x))"]
    # Markdown may wrap a quoted line or set part of it as code
    assert secrets.minus("then return\n`s = 1 / (1 + np.exp(-x))`").solution == {"ds = s * (1 - s)"}
