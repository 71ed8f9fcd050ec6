"""Concept checks (issue 7): every week's quiz, generically.

For every question of every quiz: the reference answer cell earns full marks
for several students; a wrong value, a wrong type, and (for a computed
question) the right answer to another student's numbers each earn zero, with
the explanation in the report.  Computed questions really vary between
students, their answers agree with a variant worked by hand, explanations
never reach release/, and the student id comes from where nbgrader and our
engine put it.  The real engine (sandbox, gradebook, feedback) is tested in
test_concepts_engine.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from autograder import concepts
from autograder.concepts import (
    Prompt,
    Question,
    Quiz,
    QuizCheck,
    read_answer,
    student_id,
    variant_rng,
)
from autograder.course import checks_of, find_course_root, lab_ids, load_reference

ROOT = find_course_root()
WEEKS = {1: (1, 2, 3, 4), 2: (1, 2, 3), 3: (1, 2), 4: (1, 2, 3, 4), 5: (1, 2, 3, 4)}
EXPECTED_QUIZZES = [f"c{course}w{week}q_concepts" for course, weeks in WEEKS.items() for week in weeks]
QUIZZES = [lab for lab in lab_ids(ROOT) if lab.endswith("q_concepts")]
STUDENTS = ["ada", "ben", "s0042", "zoe.k", "x"]
QUESTIONS = [(quiz, q.name) for quiz in QUIZZES for q in load_reference(quiz, ROOT).QUIZ.questions]

def _q(quiz: str, name: str) -> Question:
    return next(q for q in load_reference(quiz, ROOT).QUIZ.questions if q.name == name)


VARIED = [(quiz, name) for quiz, name in QUESTIONS if _q(quiz, name).prompt.varies]


def _check(quiz: str, name: str) -> QuizCheck:
    return checks_of(quiz, ROOT)[name]


def _grade(quiz: str, name: str, student: str, namespace: dict, monkeypatch) -> tuple[float, str]:
    monkeypatch.setenv("DLGRADE_STUDENT", student)
    result = _check(quiz, name).run(vars(load_reference(quiz, ROOT)), namespace)
    return result.points, result.report()


def _reference_cell(question: Question, student: str) -> dict:
    """Run the reference answer cell as `student` would (``variant`` gives that student's numbers)."""
    namespace = {"variant": lambda name: _q(question.quiz, name).params(student)}
    exec(question.solution(), namespace)
    return namespace


def _wrong_value(question: Question, answer):
    if question.prompt.kind == "choice":
        return next(letter for letter in question.prompt.letters if letter != answer)
    if question.prompt.kind == "shape":
        return (answer[0] + 1, *answer[1:])
    return answer + 1 + abs(answer) if question.prompt.tol == 0 else answer + 3 * question.prompt.tol + 0.5 * abs(answer) + 1


def _wrong_type(question: Question, answer):
    if question.prompt.kind == "choice":
        return question.prompt.letters.index(answer) + 1  # the option's number, not its letter
    return list(answer) if question.prompt.kind == "shape" else str(answer)


# --- the set of quizzes ------------------------------------------------------------------


def test_every_week_has_a_quiz_of_about_ten_points():
    assert QUIZZES == EXPECTED_QUIZZES
    for quiz in QUIZZES:
        questions = load_reference(quiz, ROOT).QUIZ.questions
        assert len(questions) >= 6, quiz
        assert sum(q.points for q in questions) == 10, quiz
        assert any(q.prompt.varies for q in questions), f"{quiz} has no computed question with variants"


@pytest.mark.parametrize("quiz", QUIZZES)
def test_notebook_layout_shows_each_variant_before_its_answer_cell(quiz):
    cells = json.loads((ROOT / "source" / quiz / f"{quiz}.ipynb").read_text())["cells"]
    sources = ["".join(c["source"]) for c in cells]
    questions = load_reference(quiz, ROOT).QUIZ.questions
    for number, q in enumerate(questions, 1):
        shown = sources.index(f'show_question("{q.name}")')
        assert cells[shown]["metadata"]["nbgrader"]["locked"] is True
        answer = next(i for i, c in enumerate(cells) if c["metadata"].get("nbgrader", {}).get("grade_id") == f"solution-{q.name}")
        test = next(i for i, c in enumerate(cells) if c["metadata"].get("nbgrader", {}).get("grade_id") == f"test-{q.name}")
        assert shown < answer < test
        header = sources[shown - 1]
        assert header.startswith(f"## Question {number} ({q.points:g} point"), header
    released = json.loads((ROOT / "release" / quiz / f"{quiz}.ipynb").read_text())["cells"]
    stubs = {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"]) for c in released if c["metadata"].get("nbgrader", {}).get("solution")}
    for q in questions:
        assert f"\n{q.name} = None\n# YOUR CODE HERE\n" in stubs[f"solution-{q.name}"]


# --- every question ----------------------------------------------------------------------


@pytest.mark.parametrize("quiz,name", QUESTIONS)
def test_reference_answer_cell_earns_full_marks_for_several_students(quiz, name, monkeypatch):
    question = _q(quiz, name)
    for student in STUDENTS:
        points, report = _grade(quiz, name, student, _reference_cell(question, student), monkeypatch)
        assert points == question.points, report


@pytest.mark.parametrize("quiz,name", QUESTIONS)
def test_wrong_value_earns_zero_and_is_explained(quiz, name, monkeypatch):
    question = _q(quiz, name)
    for student in STUDENTS[:3]:
        params = question.params(student)
        answer = question.expected(params)
        points, report = _grade(quiz, name, student, {name: _wrong_value(question, answer)}, monkeypatch)
        assert points == 0, report
        assert "expected, got" in report and f"why: {question.explanation(params)}" in report


@pytest.mark.parametrize("quiz,name", QUESTIONS)
def test_wrong_type_earns_zero(quiz, name, monkeypatch):
    question = _q(quiz, name)
    answer = question.expected(question.params("ada"))
    points, report = _grade(quiz, name, "ada", {name: _wrong_type(question, answer)}, monkeypatch)
    assert points == 0, report
    assert "expected, got a value of type" in report
    for empty, words in (({}, "is not defined"), ({name: None}, "no answer yet")):
        points, report = _grade(quiz, name, "ada", empty, monkeypatch)
        assert points == 0 and words in report, report


@pytest.mark.parametrize("quiz,name", VARIED)
def test_another_students_right_answer_earns_zero(quiz, name, monkeypatch):
    question = _q(quiz, name)
    for student in STUDENTS[:3]:
        mine = question.expected(question.params(student))
        other = next(s for s in (f"other{i}" for i in range(200)) if question.expected(question.params(s)) != mine)
        copied = _reference_cell(question, other)  # the classmate's right answer, as a value
        points, report = _grade(quiz, name, student, {name: copied[name]}, monkeypatch)
        assert points == 0, report
        assert "expected, got" in report


@pytest.mark.parametrize("quiz,name", VARIED)
def test_computed_questions_vary_between_students(quiz, name):
    question = _q(quiz, name)
    students = [f"student{i:03d}" for i in range(40)]
    answers = {json.dumps(question.expected(question.params(s)), sort_keys=True) for s in students}
    assert len(answers) >= min(3, len(question.prompt.options) or 3), answers  # a computed choice may have two options
    assert len({json.dumps(question.params(s), sort_keys=True) for s in students}) >= 4


@pytest.mark.parametrize("quiz,name", VARIED)
def test_answers_agree_with_a_variant_worked_by_hand(quiz, name):
    question = _q(quiz, name)
    assert question.key.example is not None, f"{quiz} {name}: a computed question needs a worked example"
    params, answer = question.key.example
    if question.prompt.kind == "number":
        assert question.expected(params) == pytest.approx(answer, abs=question.prompt.tol + 1e-9, rel=question.prompt.rtol + 1e-12)
    else:
        assert question.expected(params) == answer


@pytest.mark.parametrize("quiz,name", QUESTIONS)
def test_answers_have_their_kind_and_texts_render(quiz, name):
    question = _q(quiz, name)
    for student in STUDENTS:
        params = question.params(student)
        answer = question.expected(params)
        if question.prompt.kind == "choice":
            assert answer in question.prompt.letters
        elif question.prompt.kind == "shape":
            assert isinstance(answer, tuple) and all(isinstance(n, int) and n > 0 for n in answer)
        else:
            assert isinstance(answer, int | float) and not isinstance(answer, bool)
            if question.prompt.tol == 0 and question.prompt.rtol == 0:
                assert float(answer).is_integer(), f"{answer} is not whole, but the question asks for a whole number"
        text = question.prompt.render(params)
        assert "{" not in text and "}" not in text, text
        assert question.explanation(params) and "{" not in question.explanation(params)


@pytest.mark.parametrize("quiz", QUIZZES)
def test_explanations_and_reference_cells_never_reach_the_release(quiz):
    released = "\n".join(p.read_text() for p in (ROOT / "release" / quiz).rglob("*") if p.is_file())
    assert "Key(" not in released and "why:" not in released
    for question in load_reference(quiz, ROOT).QUIZ.questions:
        for student in STUDENTS[:2]:
            params = question.params(student)
            for sentence in re.split(r"(?<=[.:;])\s+", question.explanation(params)):
                if len(sentence) >= 25:
                    assert sentence not in released, f"{quiz} {question.name}: explanation in release/: {sentence}"
        if question.prompt.varies:
            code = question.solution().splitlines()[-1]
            assert code not in released


# --- the machinery -----------------------------------------------------------------------


def test_variants_are_stable_and_independent_of_pythons_hash():
    rng = variant_rng("c4w1q_concepts", "q1", "ada")
    first = [rng.randint(0, 10**6) for _ in range(3)]
    again = variant_rng("c4w1q_concepts", "q1", "ada")
    assert [again.randint(0, 10**6) for _ in range(3)] == first
    # fixed forever: a student's numbers must not change between the notebook and the grader, or with upgrades
    assert first == [int.from_bytes(__import__("hashlib").sha256(
        __import__("hashlib").sha256(b"c4w1q_concepts\0q1\0ada").digest() + i.to_bytes(8, "big")).digest()[:8], "big") % (10**6 + 1)
        for i in (1, 2, 3)]
    code = "from autograder.concepts import variant_rng; print(variant_rng('q', 'n', 'ada').randint(0, 10**9))"
    outputs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": ""}, cwd=ROOT).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1
    assert variant_rng("q", "n", "ada").randint(0, 10**9) != variant_rng("q", "n", "ben").randint(0, 10**9)
    assert variant_rng("q", "n", "ada").randint(0, 10**9) != variant_rng("q", "m", "ada").randint(0, 10**9)


def test_variant_rng_draws_within_bounds():
    rng = variant_rng("q", "n", "s")
    assert {rng.randint(3, 5) for _ in range(200)} == {3, 4, 5}
    assert {rng.choice("abc") for _ in range(200)} == set("abc")
    sample = rng.sample(range(10), 4)
    assert len(set(sample)) == 4 and all(0 <= x < 10 for x in sample)
    values = [rng.uniform(0.1, 0.2, 2) for _ in range(100)]
    assert all(0.1 <= v <= 0.2 and round(v, 2) == v for v in values)
    with pytest.raises(ValueError):
        rng.randint(5, 4)


def test_student_id_order(monkeypatch, tmp_path):
    for name in ("DLGRADE_STUDENT", "NBGRADER_EXECUTION", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "no-config"))
    monkeypatch.setattr(concepts.getpass, "getuser", lambda: "osuser")
    assert student_id() == "osuser"
    monkeypatch.setenv("JUPYTERHUB_USER", "hubuser")
    assert student_id() == "hubuser"
    # `dlgrade lab --student` configures nbgrader's exchange in the student's Jupyter config folder
    config = tmp_path / "jupyter"
    config.mkdir()
    (config / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.student_id = 'labuser'\n")
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(config))
    assert student_id() == "labuser"
    # stock `nbgrader autograde` runs the notebook in autograded/<student>/<quiz>/
    folder = tmp_path / "autograded" / "bob" / "c4w1q_concepts"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert student_id() == "bob"
    monkeypatch.setenv("DLGRADE_STUDENT", "eve")
    assert student_id() == "eve"


def test_show_question_and_variant_give_the_students_own_numbers(monkeypatch):
    from autograder import notebook

    quiz = QUIZZES[0]
    question = next(q for q in load_reference(quiz, ROOT).QUIZ.questions if q.prompt.varies)
    sys.path.append(str(ROOT / "source" / quiz))  # the prompts module sits next to the notebook
    monkeypatch.setitem(notebook._state, "lab", quiz)
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj.data))
    for student in ("ada", "ben"):
        monkeypatch.setenv("DLGRADE_STUDENT", student)
        assert concepts.variant(question.name) == question.params(student)
        concepts.show_question(question.name)
        assert shown[-1] == question.prompt.render(question.params(student))
    assert shown[0] != shown[1]


def test_read_answer_describes_values_as_plain_data():
    import numpy as np

    from autograder import payload

    namespace = {"a": 3, "b": np.float64(0.5), "c": "b", "d": (2, np.int64(3)), "e": [1], "f": None, "g": True, "h": np.zeros(2)}
    seen = {name: read_answer(namespace, name)[name] for name in [*namespace, "missing"]}
    assert payload.loads(payload.dumps(seen)) == seen
    assert seen["a"] == {"defined": True, "type": "int", "value": 3}
    assert seen["b"] == {"defined": True, "type": "numpy.float64", "value": 0.5}
    assert seen["d"]["value"] == [{"type": "int", "value": 2}, {"type": "numpy.int64", "value": 3}]
    assert seen["g"]["type"] == "bool" and seen["h"] == {"defined": True, "type": "ndarray", "value": None}
    assert seen["missing"] == {"defined": False}


def test_number_tolerance_and_answer_spelling(monkeypatch):
    prompt = Prompt("q1", "number", "x?", make=lambda rng: {"x": rng.randint(1, 9)}, tol=0.01)
    choice = Prompt("q2", "choice", "pick", options=("one", "two", "three"))
    quiz = Quiz("t", [prompt, choice], [concepts.Key("q1", 2, lambda v: v["x"] / 3, "because", solution="q1 = 0"),
                                       concepts.Key("q2", 1, "b", "because")])
    number, letter = quiz.checks()
    monkeypatch.setenv("DLGRADE_STUDENT", "ada")
    x = prompt.params("t", "ada")["x"]
    assert number.run({}, {"q1": x / 3 + 0.009}).points == 2
    assert number.run({}, {"q1": x / 3 - 0.011}).points == 0
    assert number.run({}, {"q1": float("nan")}).points == 0
    assert number.run({}, {"q1": True}).points == 0
    for right in ("b", " B", "(b)"):
        assert letter.run({}, {"q2": right}).points == 1
    result = letter.run({}, {"q2": "e"})
    assert result.points == 0 and "not one of the options a, b, c" in result.report()
    assert "within ±0.01" in prompt.render({"x": 1}) and "(a–c)" in choice.render({})
    with pytest.raises(ValueError):
        Prompt("q3", "essay", "?")
    with pytest.raises(ValueError):
        Quiz("t", [prompt], [concepts.Key("q9", 1, 1, "")])


def test_checks_run_out_of_process_through_a_hook():
    """The trusted engine sends `inspect` by name to the sandbox (trusted.plan_job needs a Hook)."""
    from autograder.checks import Hook

    for quiz in QUIZZES:
        for check in checks_of(quiz, ROOT).values():
            assert isinstance(check.inspect, Hook) and check.inspect.target == "autograder.concepts:read_answer"



def test_the_sandbox_environment_names_the_student(monkeypatch, tmp_path):
    """The engine sets DLGRADE_STUDENT per submission; a cold sandbox passes it on (the warm
    template gets it with each request: see test_concepts_engine.py)."""
    from autograder.sandbox import student_env

    monkeypatch.setenv("DLGRADE_STUDENT", "zed")
    assert student_env(tmp_path)["DLGRADE_STUDENT"] == "zed"
    monkeypatch.delenv("DLGRADE_STUDENT")
    assert student_env(tmp_path)["DLGRADE_STUDENT"] == ""
