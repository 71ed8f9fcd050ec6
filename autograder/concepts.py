"""Concept checks: short auto-graded questions, with a variant of each computed question per student.

A concept-check notebook (``c{course}w{week}q_concepts``) asks questions whose
answers are plain Python values: a number (with a stated tolerance), a shape
(a tuple of whole numbers) or the letter of one option.  A question is
declared in two halves, because students must see one and never the other:

* a `Prompt` (in ``source/<quiz>/<prefix>_prompts.py``, shipped with the
  release): the question's name, kind and text, and for a computed question
  ``make(rng)``, which draws that student's numbers;
* a `Key` (in ``solutions/<quiz>.py``, never shipped): points, the answer as
  a function of the numbers, and the explanation shown in feedback.

`Quiz` pairs them and declares one hidden check per question.  A student's
numbers come from `variant_rng`, seeded from the quiz id, the question name
and the student id (see `student_id`), so the student's notebook shows the
same variant the grader regenerates, and a classmate's answers are answers to
other numbers.

Notebook layout per question: a locked cell ``show_question("q3")`` that
shows the student's own variant, a solution cell where the student writes
``q3 = ...`` (the reference cell computes the answer from ``variant("q3")``,
so the source notebook earns full marks for any student), and a hidden test
cell ``hidden_check("q3", globals())``.  The check reads the value through
`read_answer` (a `Hook`, so it also runs in the sandbox) and judges it here;
when it is wrong, its report says so and gives the explanation.  Hidden test
cells are stripped from the release, and explanations live only in
``solutions/``, so students read them in their feedback and nowhere else.
"""

from __future__ import annotations

import functools
import getpass
import hashlib
import importlib
import math
import numbers
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checks import CaseResult, CellCheck, CheckResult, Hook

__all__ = [
    "KINDS",
    "STUDENT_ENV",
    "Key",
    "Prompt",
    "Question",
    "Quiz",
    "QuizCheck",
    "VariantRng",
    "prompts_module",
    "prompts_of",
    "read_answer",
    "show_question",
    "student_id",
    "variant",
    "variant_rng",
]

KINDS = ("number", "choice", "shape")
STUDENT_ENV = "DLGRADE_STUDENT"
LETTERS = "abcdefgh"


# --- who is answering -------------------------------------------------------------------


def _configured_student() -> str | None:
    """``CourseDirectory.student_id`` from the Jupyter config folders (what ``dlgrade lab --student`` writes)."""
    try:
        from jupyter_core.paths import jupyter_config_path
        from traitlets.config.loader import PyFileConfigLoader
    except ImportError:  # pragma: no cover - both come with Jupyter
        return None
    for folder in jupyter_config_path():  # highest priority first
        if not (Path(folder) / "nbgrader_config.py").is_file():
            continue
        try:
            config = PyFileConfigLoader("nbgrader_config.py", path=folder).load_config()
        except Exception:  # a broken config file: nbgrader would complain, we fall through
            continue
        student = config.get("CourseDirectory", {}).get("student_id")
        if isinstance(student, str) and student and student != "*":
            return student
    return None


def student_id() -> str:
    """The id of the student whose variant this process shows or grades.

    In order: ``$DLGRADE_STUDENT`` (the grading engine sets it for the
    sandbox and for its own judging); while nbgrader autogrades
    (``NBGRADER_EXECUTION=autograde``), the student folder the notebook runs
    in (``autograded/<student>/<quiz>/``); the student id configured for
    nbgrader's exchange in the Jupyter config (``dlgrade lab --student``);
    ``$JUPYTERHUB_USER``; the operating-system user (nbgrader's default).
    """
    if os.environ.get(STUDENT_ENV):
        return os.environ[STUDENT_ENV]
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        return Path.cwd().resolve().parent.name
    return _configured_student() or os.environ.get("JUPYTERHUB_USER") or getpass.getuser()


# --- variants ---------------------------------------------------------------------------


class VariantRng:
    """A small deterministic generator (SHA-256 in counter mode).

    Independent of Python's and NumPy's generators, whose streams may change
    between versions: a student's numbers must not change when the grader's
    machine is upgraded.
    """

    def __init__(self, seed: bytes) -> None:
        self.seed, self.counter = seed, 0

    def bits(self) -> int:
        """The next 64 random bits."""
        self.counter += 1
        block = hashlib.sha256(self.seed + self.counter.to_bytes(8, "big")).digest()
        return int.from_bytes(block[:8], "big")

    def randint(self, low: int, high: int) -> int:
        """A whole number in [low, high], both included."""
        if high < low:
            raise ValueError(f"empty range [{low}, {high}]")
        return low + self.bits() % (high - low + 1)

    def choice(self, options: Sequence) -> Any:
        if not options:
            raise ValueError("choice from an empty sequence")
        return options[self.randint(0, len(options) - 1)]

    def sample(self, options: Sequence, k: int) -> list:
        """`k` distinct items of `options`, in random order."""
        pool = list(options)
        if k > len(pool):
            raise ValueError(f"cannot take {k} of {len(pool)} items")
        return [pool.pop(self.randint(0, len(pool) - 1)) for _ in range(k)]

    def uniform(self, low: float, high: float, digits: int) -> float:
        """A number in [low, high] rounded to `digits` decimals."""
        steps = round((high - low) * 10**digits)
        return round(low + self.randint(0, steps) / 10**digits, digits)


def variant_rng(quiz: str, question: str, student: str) -> VariantRng:
    """The generator of `student`'s numbers for `question` of `quiz` (never Python's `hash`)."""
    return VariantRng(hashlib.sha256(f"{quiz}\0{question}\0{student}".encode()).digest())


# --- what students see ------------------------------------------------------------------


def _fill(template: str | Callable[[dict], str], params: dict) -> str:
    return template(params) if callable(template) else template.format(**params)


def _number(x: float) -> str:
    """A number as a person writes it: no trailing zeros, no float noise."""
    if isinstance(x, numbers.Integral) or (isinstance(x, float) and x.is_integer() and abs(x) < 1e15):
        return str(int(x))
    return f"{x:.10g}"


@dataclass(frozen=True)
class Prompt:
    """The part of a question a student sees.

    `text` is Markdown: a format string over the question's numbers, or a
    function of them.  `make(rng)` draws the numbers of a computed question
    (a `VariantRng` seeded per student); questions without it are the same
    for everyone.  A choice question lists `options` (lettered a, b, ...).
    A number answer counts as right within ``tol + rtol * |answer|``; both 0
    means a whole number, exactly.
    """

    name: str
    kind: str
    text: str | Callable[[dict], str]
    make: Callable[[VariantRng], dict] | None = None
    options: tuple[str, ...] = ()
    tol: float = 0.0
    rtol: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"question {self.name}: kind must be one of {KINDS}, not {self.kind!r}")
        if (self.kind == "choice") != bool(self.options):
            raise ValueError(f"question {self.name}: options belong to (and are needed by) choice questions")
        if len(self.options) > len(LETTERS):
            raise ValueError(f"question {self.name}: at most {len(LETTERS)} options")

    @property
    def varies(self) -> bool:
        return self.make is not None

    @property
    def letters(self) -> str:
        return LETTERS[: len(self.options)]

    def params(self, quiz: str, student: str) -> dict:
        """`student`'s numbers for this question (empty for a question without variants)."""
        return dict(self.make(variant_rng(quiz, self.name, student))) if self.make else {}

    def answer_format(self) -> str:
        if self.kind == "choice":
            return f'Answer with the letter of one option ({self.letters[0]}–{self.letters[-1]}), as a string: `{self.name} = "…"`.'
        if self.kind == "shape":
            return f"Answer with a tuple of whole numbers, e.g. `{self.name} = (…, …)`."
        if not self.tol and not self.rtol:
            return f"Answer with a whole number: `{self.name} = …`."
        within = " plus ".join(
            part for part in (f"±{_number(self.tol)}" if self.tol else "", f"{self.rtol * 100:g}% of the answer" if self.rtol else "") if part
        )
        return f"Answer with a number: `{self.name} = …` (counted right within {within})."

    def render(self, params: dict) -> str:
        """The question as Markdown, with these numbers."""
        parts = [_fill(self.text, params).strip()]
        if self.options:
            parts.append("\n".join(f"- **{letter})** {_fill(option, params)}" for letter, option in zip(self.letters, self.options, strict=True)))
        parts.append(f"*{self.answer_format()}*")
        return "\n\n".join(parts)


def prompts_module(quiz: str) -> str:
    """The module holding a quiz's prompts: ``c4w1q_concepts`` -> ``c4w1q_prompts``."""
    return quiz.split("_", 1)[0] + "_prompts"


def prompts_of(quiz: str) -> dict[str, Prompt]:
    """The quiz's prompts by name (its prompts module sits next to the notebook)."""
    module = importlib.import_module(prompts_module(quiz))
    return {prompt.name: prompt for prompt in module.PROMPTS}


def _quiz() -> str:
    from .notebook import _lab

    return _lab()


def variant(name: str) -> dict:
    """Your numbers for question `name` (a new dict each time; empty when the question has none)."""
    quiz = _quiz()
    return prompts_of(quiz)[name].params(quiz, student_id())


def show_question(name: str) -> None:
    """Show question `name` with your own numbers."""
    from IPython.display import Markdown, display

    quiz = _quiz()
    prompt = prompts_of(quiz)[name]
    display(Markdown(prompt.render(prompt.params(quiz, student_id()))))


# --- what the grader reads and judges ---------------------------------------------------


def _describe(value: Any, depth: int = 0) -> dict:
    """A value as plain data: its type's name and, for the types an answer can have, the value."""
    import numpy as np

    if isinstance(value, bool | np.bool_):
        return {"type": "bool", "value": bool(value)}
    kind = f"numpy.{type(value).__name__}" if isinstance(value, np.generic) else type(value).__name__
    if isinstance(value, numbers.Integral):
        return {"type": kind, "value": int(value)}
    if isinstance(value, numbers.Real):
        return {"type": kind, "value": float(value)}
    if isinstance(value, str):
        return {"type": kind, "value": str(value)[:200]}
    if isinstance(value, tuple | list) and depth == 0 and len(value) <= 16:
        return {"type": kind, "value": [_describe(item, depth + 1) for item in value]}
    return {"type": kind, "value": None}


def read_answer(namespace: dict, name: str) -> dict:
    """What the student's cell left in `name`, as plain data (a `Hook` target: runs in the student's process)."""
    if name not in namespace:
        return {name: {"defined": False}}
    return {name: {"defined": True} | _describe(namespace[name])}


def _is_number(described: dict) -> bool:
    value = described.get("value")
    return described.get("type") != "bool" and isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_whole(described: dict) -> bool:
    return described.get("type") != "bool" and isinstance(described.get("value"), int) and not isinstance(described.get("value"), bool)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(_show(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, int | float):
        return _number(value)
    return repr(value)


@dataclass(frozen=True)
class Key:
    """The grader's half of a question (``solutions/<quiz>.py``): never shipped to students.

    `answer` and `explanation` are values or functions of the question's
    numbers; an explanation may name ``{answer}``.  `solution` is the
    reference cell's code for a computed question (it reads the numbers with
    ``variant("q3")``); a question without variants gets ``q3 = <answer>``.
    `example` is a variant worked by hand, ``(numbers, answer)``, which the
    tests hold `answer` to.
    """

    name: str
    points: float
    answer: Any
    explanation: str | Callable[[dict], str]
    solution: str = ""
    example: tuple[dict, Any] | None = None


@dataclass(frozen=True)
class Question:
    """A prompt and its key, for one quiz."""

    quiz: str
    prompt: Prompt
    key: Key

    @property
    def name(self) -> str:
        return self.prompt.name

    @property
    def points(self) -> float:
        return self.key.points

    def params(self, student: str) -> dict:
        return self.prompt.params(self.quiz, student)

    def expected(self, params: dict) -> Any:
        answer = self.key.answer(params) if callable(self.key.answer) else self.key.answer
        if self.prompt.kind == "shape":
            return tuple(int(n) for n in answer)
        return answer

    def explanation(self, params: dict) -> str:
        expected = self.expected(params)
        answer = expected if self.prompt.kind == "choice" else _show(expected)  # a letter reads best bare
        return _fill(self.key.explanation, params | {"answer": answer}).strip()

    def solution(self) -> str:
        """The reference solution cell's code."""
        if self.key.solution:
            return self.key.solution.strip()
        if self.prompt.varies:
            raise ValueError(f"{self.quiz} {self.name}: a computed question needs the code of its reference cell")
        return f"{self.name} = {_show(self.expected({}))}"

    def problems(self, described: dict, params: dict) -> list[str]:
        """Why the answer `read_answer` described is not right for these numbers (empty: it is right)."""
        name, kind = self.name, self.prompt.kind
        if not isinstance(described, dict) or not described.get("defined"):
            return [f"{name} is not defined: run its cell, with your answer written as {name} = ..."]
        if described.get("type") == "NoneType":
            return [f"{name} has no answer yet (it is None)"]
        got = described.get("type", "?")
        expected = self.expected(params)
        if kind == "number":
            if not _is_number(described):
                return [f"{name}: a number expected, got a value of type {got}"]
            value = described["value"]
            if abs(value - expected) > self.prompt.tol + self.prompt.rtol * abs(expected) + 1e-9 * max(1.0, abs(expected)):
                return [f"{name}: {_show(expected)} expected, got {_show(value)}"]
            return []
        if kind == "choice":
            if not isinstance(described.get("value"), str) or described.get("type") == "bool":
                return [f"{name}: the letter of an option, as a string, expected, got a value of type {got}"]
            letter = described["value"].strip().strip("()").lower()
            if letter not in self.prompt.letters or len(letter) != 1:
                return [f"{name}: {described['value']!r} is not one of the options {', '.join(self.prompt.letters)}"]
            return [] if letter == expected else [f"{name}: option {expected!r} expected, got {letter!r}"]
        items = described.get("value")
        if got != "tuple" or not isinstance(items, list):
            return [f"{name}: a tuple of whole numbers expected, got a value of type {got}"]
        if not all(isinstance(item, dict) and _is_whole(item) for item in items):
            return [f"{name}: a tuple of whole numbers expected, got a tuple holding other values"]
        value = tuple(item["value"] for item in items)
        return [] if value == expected else [f"{name}: {_show(expected)} expected, got {_show(value)}"]


def _reference_answers(question: Question, reference: dict) -> dict:
    """The reference cell's variables for the student being graded (for `CellCheck.reference_namespace`)."""
    return {question.name: question.expected(question.params(student_id()))}


class QuizCheck(CellCheck):
    """The hidden check of one question: the value the student's cell defined, judged
    against the answer for the student's own variant, with the explanation when wrong."""

    def __init__(self, question: Question) -> None:
        super().__init__(
            name=question.name,
            points=question.points,
            inspect=Hook("autograder.concepts:read_answer", (question.name,)),
            reference_namespace=functools.partial(_reference_answers, question),
        )
        self.question = question

    def judge(self, reference: dict, event: dict) -> CheckResult:
        """Score what `read_answer` found (plain data; it may come from the sandbox) for the current `student_id`."""
        question = self.question
        params = question.params(student_id())
        if "error" in event:
            messages = [str(event["error"])[:500]]
        else:
            result = event.get("result")
            described = result.get(question.name) if isinstance(result, dict) else None
            messages = question.problems(described if isinstance(described, dict) else {}, params)
        if messages:
            messages.append(f"why: {question.explanation(params)}")
        points = 0.0 if messages else float(self.points)
        case = CaseResult(self.name, not messages, points, float(self.points), messages)
        return CheckResult(self.name, points, float(self.points), [case])


class Quiz:
    """A concept-check notebook: its prompts paired with their keys."""

    def __init__(self, quiz: str, prompts: Sequence[Prompt], keys: Sequence[Key]) -> None:
        by_name = {prompt.name: prompt for prompt in prompts}
        key_names = [key.name for key in keys]
        if len(by_name) != len(prompts) or len(set(key_names)) != len(key_names):
            raise ValueError(f"{quiz}: question names must be unique")
        if set(by_name) != set(key_names):
            raise ValueError(f"{quiz}: prompts {sorted(by_name)} and keys {sorted(key_names)} differ")
        self.id = quiz
        self.questions = [Question(quiz, by_name[key.name], key) for key in keys]

    def checks(self) -> list[QuizCheck]:
        return [QuizCheck(question) for question in self.questions]

    def solution_cells(self) -> dict[str, str]:
        """``CELL_<name>`` strings for the authoring format's ``[solution-cell] <name>``."""
        return {f"CELL_{q.name}": q.solution() + "\n" for q in self.questions}
