"""Concept checks through the real engine: a class built through the exchange
(`autograder.demo.build_class`), graded by `grade_submissions` (bubblewrap sandbox
where available, warm template, nbgrader gradebook) and given feedback.

Students who compute their answers in the notebook from their own numbers earn
full marks (so the sandbox knows whose variant it runs, one submission after
another in the same template); a student who copies a classmate's answers
loses exactly the points of the questions whose numbers differ; feedback names
the wrong answers with their explanations and passes the leak scan.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.concepts import Question
from autograder.course import find_course_root, load_reference

ROOT = find_course_root()

pytestmark = pytest.mark.slow


def _q(quiz: str, name: str) -> Question:
    return next(q for q in load_reference(quiz, ROOT).QUIZ.questions if q.name == name)


ENGINE_QUIZ = "c4w1q_concepts"
ENGINE_CLASS = {"ann": "correct", "bob": "correct", "dan": "correct", "eve": "correct", "cy": "wrong_values"}


# who submits whose answers, written out as values (not computed from `variant()` in the notebook)
LITERAL = {"bob": "ann", "eve": "eve"}


def _write_literal_answers(who: str, work: Path) -> None:
    """An `edit` for build_class: bob submits ann's answers, eve her own, as plain values."""
    if who not in LITERAL:
        return
    import nbformat

    path = work / f"{ENGINE_QUIZ}.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if cell.metadata.get("nbgrader", {}).get("solution"):
            name = grade_id.removeprefix("solution-")
            question = _q(ENGINE_QUIZ, name)
            cell.source = f"{name} = {question.expected(question.params(LITERAL[who]))!r}\n"
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def graded_quiz(tmp_path_factory):
    from nbgrader.api import Gradebook

    from autograder.demo import build_class
    from autograder.engine import grade_submissions
    from autograder.nbgrader_api import course_config
    from autograder.workflow import feedback

    root = build_class(tmp_path_factory.mktemp("quiz") / "course", ENGINE_CLASS, [ENGINE_QUIZ], edit=_write_literal_answers)
    results = grade_submissions(root, [(ENGINE_QUIZ, student) for student in ENGINE_CLASS], workers=1)
    assert all(r["ok"] and not r["failure"] for r in results), results
    scores = {}
    with Gradebook(course_config(root).CourseDirectory.db_url) as gb:
        for student in ENGINE_CLASS:
            notebook = gb.find_submission_notebook(ENGINE_QUIZ, ENGINE_QUIZ, student)
            scores[student] = {grade.name.removeprefix("test-"): grade.score for grade in notebook.grades}
    feedback(root, [ENGINE_QUIZ])  # refuses to release feedback that shows hidden tests or solutions/ text
    return root, scores


def test_engine_grades_each_student_against_their_own_variant(graded_quiz):
    _, scores = graded_quiz
    questions = load_reference(ENGINE_QUIZ, ROOT).QUIZ.questions
    full = {q.name: q.points for q in questions}
    # ann and dan computed their answers in the sandbox from their own numbers (one warm template, in turn)
    assert scores["ann"] == full and scores["dan"] == full
    assert scores["eve"] == full  # her own answers, as values
    assert any(q.expected(q.params("ann")) != q.expected(q.params("dan")) for q in questions)
    # bob copied ann's answers: right where everyone has the same question, zero where the numbers differ
    copied = {q.name: q.points if q.expected(q.params("ann")) == q.expected(q.params("bob")) else 0 for q in questions}
    assert scores["bob"] == copied
    assert sum(copied.values()) < sum(full.values()) and sum(copied.values()) > 0
    assert sum(scores["cy"].values()) < sum(full.values())  # the demo's wrong_values persona on a quiz


def test_feedback_says_which_answers_were_wrong_and_why(graded_quiz):
    from autograder.leaks import visible_text

    root, scores = graded_quiz
    page = visible_text((root / "feedback" / "bob" / ENGINE_QUIZ / f"{ENGINE_QUIZ}.html").read_text())
    wrong = [q for q in load_reference(ENGINE_QUIZ, ROOT).QUIZ.questions if scores["bob"][q.name] == 0]
    for question in wrong:
        assert f"{question.name}: 0 / {question.points:g} points" in page
        assert f"why: {question.explanation(question.params('bob'))}" in page
    right = visible_text((root / "feedback" / "ann" / ENGINE_QUIZ / f"{ENGINE_QUIZ}.html").read_text())
    assert "why:" not in right and "FAILED" not in right


def test_stock_nbgrader_autograde_grades_the_same_variant(graded_quiz):
    """Stock `nbgrader autograde` runs the notebook in autograded/<student>/<quiz>/: the check
    reads the student from there and gives eve (her own answers) and bob (ann's) the same
    per-question scores as the engine."""
    from nbgrader.api import Gradebook

    from autograder.nbgrader_api import course_config
    from autograder.workflow import grade

    root, scores = graded_quiz
    results = grade(root, [ENGINE_QUIZ], list(LITERAL), stock=True)
    assert len(results) == len(LITERAL) and all(r["ok"] for r in results), results
    with Gradebook(course_config(root).CourseDirectory.db_url) as gb:
        for student in LITERAL:
            notebook = gb.find_submission_notebook(ENGINE_QUIZ, ENGINE_QUIZ, student)
            stock = {grade.name.removeprefix("test-"): grade.score for grade in notebook.grades}
            assert stock == scores[student], student
