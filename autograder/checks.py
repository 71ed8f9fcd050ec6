"""Hidden and public checks: what a lab declares, and how a check is scored.

A lab's hidden checks are declared next to its reference code, in
``solutions/<lab>.py``, as a list named ``CHECKS``:

* `FunctionCheck` -- call a graded function on several generated `Case`s,
  call the reference on the same inputs, compare (type, shape and dtype,
  values);
* `CellCheck` -- inspect the variables a graded cell defines.

Each case of a check is worth an equal share of the check's points.  The
notebook only names the check (``hidden_check("propagate", globals())``);
everything else lives here, so that the grading engine can run the same
declarations outside the student's process.
"""

from __future__ import annotations

import copy
import importlib
import random
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .compare import Tolerance, compare, to_plain

__all__ = [
    "Case",
    "CaseResult",
    "CellCheck",
    "CheckResult",
    "FunctionCheck",
    "Hook",
    "Live",
    "build_live",
    "seed_everything",
]


@dataclass(frozen=True)
class Hook:
    """A function the student's process can import itself: ``"module:function"``
    (in `autograder` or the lab's helper module) plus plain-data arguments.

    Used where a check must act on live objects in the student's process
    (installing seeded layers, probing a model): a hook crosses the process
    boundary by name, never as code.  Called as ``function(subject, *args)``.
    """

    target: str
    args: tuple = ()

    def __call__(self, subject: Any) -> Any:
        module, _, name = self.target.partition(":")
        return getattr(importlib.import_module(module), name)(subject, *self.args)


@dataclass(frozen=True)
class Live:
    """An argument built where the function is called: ``"module:function"`` plus plain-data arguments.

    Some inputs cannot travel as data: a Keras ``Input`` tensor, a model, an
    image file the function must read.  A case names a factory instead (in
    `autograder` or the lab's helper module); the process that calls the
    function -- the student's, and the grader's for the reference -- builds
    its own value with ``function(*args)`` just before the call.  Factories
    must be deterministic, since each side builds its own copy.  A `Live`
    argument stands for itself in ``inputs_unchanged`` comparisons.
    """

    target: str
    args: tuple = ()

    def build(self) -> Any:
        module, _, name = self.target.partition(":")
        return getattr(importlib.import_module(module), name)(*self.args)

    def __repr__(self) -> str:  # how a public example names the argument: "picture('farah', 7)"
        return f"{self.target.partition(':')[2]}({', '.join(repr(a) for a in self.args)})"


def build_live(values: tuple | dict) -> tuple | dict:
    """A call's positional (tuple) or keyword (dict) arguments with every `Live` one built."""
    if isinstance(values, dict):
        return {key: value.build() if isinstance(value, Live) else value for key, value in values.items()}
    return tuple(value.build() if isinstance(value, Live) else value for value in values)


@dataclass
class Case:
    """One set of inputs for a graded function.

    `prepare`, when given, installs what the function reads from its module's
    globals (for example freshly seeded shared Keras layers) into a namespace;
    it is applied to the student's namespace and to the reference module alike.
    """

    label: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    seed: int = 0
    prepare: Callable[[dict], None] | None = None


@dataclass
class CaseResult:
    label: str
    passed: bool
    points: float
    max_points: float
    messages: list[str]


@dataclass
class CheckResult:
    name: str
    points: float
    max_points: float
    cases: list[CaseResult]

    def report(self) -> str:
        """Human-readable lines: one per case, with what differed."""
        lines = [f"{self.name}: {_fmt_points(self.points)} / {_fmt_points(self.max_points)} points"]
        for case in self.cases:
            status = "ok" if case.passed else "FAILED"
            lines.append(f"  case {case.label}: {status}")
            lines.extend(f"    {message}" for message in case.messages)
        return "\n".join(lines)

    def messages(self) -> str:
        """Every case's mismatch messages, one per line (what a test greps)."""
        return "\n".join(message for case in self.cases for message in case.messages)


def _fmt_points(x: float) -> str:
    return f"{x:g}"


def seed_everything(seed: int) -> None:
    """Seed Python's `random`, NumPy's legacy global stream, and Keras/TF when loaded."""
    random.seed(seed)
    np.random.seed(seed)
    keras = sys.modules.get("keras")
    if keras is not None:
        keras.utils.set_random_seed(seed)


def describe_exception(exc: BaseException) -> str:
    """One line naming the exception and the student's line that raised it."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    # The last frame from the student's notebook (IPython cells have '<ipython-input' or ipykernel paths).
    for frame in reversed(frames):
        if "ipykernel" in frame.filename or frame.filename.startswith("<"):
            where = f" (line {frame.lineno}: {frame.line.strip()})" if frame.line else f" (line {frame.lineno})"
            break
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"raised {type(exc).__name__}{': ' + text if text else ''}{where}"[:400]


@dataclass
class FunctionCheck:
    """Compare a graded function with the reference on generated cases.

    `cases` returns the inputs; `outputs` maps a raw return value to plain
    data before comparison (default: `to_plain`), which is how Keras models
    and tensors are compared.  With `inputs_unchanged`, a function that
    modifies its arguments fails the case.  `arguments_after` names
    positional arguments that the function must update in place (index ->
    name): their state after the call is compared along with the result.
    """

    function: str
    points: float
    cases: Callable[[], Iterable[Case]]
    tol: Tolerance = Tolerance()
    strict_number_type: bool = False
    strict_dtype: bool = False
    inputs_unchanged: bool = False
    outputs: Callable[[Any], Any] = to_plain
    public: Callable[[], Case] | None = None
    arguments_after: dict[int, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.function

    def generate_cases(self) -> list[Case]:
        cases = list(self.cases())
        if len(cases) < 3:
            raise ValueError(f"check {self.function!r} must generate at least three cases, got {len(cases)}")
        return cases

    def expected(self, case: Case, reference: dict) -> Any:
        """Run the reference on `case` (in the reference module's namespace)."""
        return self.call(reference[self.function], case, reference)[0]

    def call(self, fn: Callable, case: Case, namespace: dict) -> tuple[Any, tuple]:
        """Call `fn` on a private copy of the case's inputs, after seeding.

        Returns the plain-data result and the (possibly modified) inputs.
        """
        if case.prepare is not None:
            case.prepare(namespace)
        args, kwargs = copy.deepcopy((case.args, case.kwargs))
        call_args, call_kwargs = build_live(args), build_live(kwargs)
        seed_everything(case.seed)
        result = fn(*call_args, **call_kwargs)
        if self.arguments_after:
            result = {"returned": result} | {f"{name} after the call": call_args[i] for i, name in self.arguments_after.items()}
        return self.outputs(result), (args, kwargs)

    def run_case(self, case: Case, reference: dict, student: dict) -> list[str]:
        """Call the student's function in this process and judge the result."""
        # The reference runs first: a case's `prepare` may install what both read.
        expected = self.expected(case, reference)
        fn = student.get(self.function)
        if not callable(fn):
            return [f"{self.function} is not defined (did you rename it or skip its cell?)"]
        try:
            actual, used_inputs = self.call(fn, case, student)
        except Exception as exc:  # the student's code may raise anything
            return [f"{self.function} on case {case.label} {describe_exception(exc)}"]
        return self.judge(case, expected, {"result": actual, "inputs_after": to_plain(used_inputs)})

    def judge(self, case: Case, expected: Any, event: dict) -> list[str]:
        """Mismatch messages for one case, given what the student's call produced.

        `expected` is the reference's result for the case.  `event` is plain
        data: ``{"result": ...}`` (and ``"inputs_after"`` when inputs must stay
        unchanged) or ``{"error": "..."}``; it may come from another process.
        """
        if "error" in event:
            return [str(event["error"])[:500]]
        if "result" not in event:
            return [f"{self.function}: no result for case {case.label}"]
        if self.inputs_unchanged:
            changed = compare(to_plain((case.args, case.kwargs)), event.get("inputs_after"), "inputs")
            if changed:
                return [f"{self.function} modified its input: {changed[0]}"]
        return compare(
            expected,
            event["result"],
            self.function + "()",
            self.tol,
            strict_dtype=self.strict_dtype,
            strict_number_type=self.strict_number_type,
        )

    def run(self, reference: dict, student: dict, cases: list[Case] | None = None) -> CheckResult:
        """Judge `student` on every generated case (or on the given `cases`), in this process."""
        cases = self.generate_cases() if cases is None else cases
        return _score(self.name, self.points, cases, lambda case: self.run_case(case, reference, student))


@dataclass
class CellCheck:
    """Check the variables a graded cell defines.

    `inspect(namespace)` extracts plain data from a namespace; it is applied to
    the student's namespace and to a namespace prepared by `reference_namespace`
    (which runs the reference cell), and the two results are compared.  Each
    top-level key of the extracted dict is one case.
    """

    name: str
    points: float
    inspect: Callable[[dict], dict]
    reference_namespace: Callable[[dict], dict]
    tol: Tolerance = Tolerance()

    def run(self, reference: dict, student: dict) -> CheckResult:
        try:
            event = {"result": self.inspect(student)}
        except Exception as exc:
            event = {"error": f"{self.name}: {describe_exception(exc)}"}
        return self.judge(reference, event)

    def cases_from(self, reference: dict) -> tuple[dict, list[Case]]:
        expected = self.inspect(self.reference_namespace(reference))
        return expected, [Case(label=key) for key in expected]

    def judge(self, reference: dict, event: dict) -> CheckResult:
        """Score what `inspect` found in the student's namespace (plain data, maybe from elsewhere)."""
        expected, cases = self.cases_from(reference)
        actual = event.get("result")

        def run_case(case: Case) -> list[str]:
            if "error" in event:
                return [str(event["error"])[:500]]
            if not isinstance(actual, dict) or case.label not in actual:
                return [f"{self.name}: {case.label} is not defined"]
            return compare(expected[case.label], actual[case.label], case.label, self.tol)

        return _score(self.name, self.points, cases, run_case)


def _score(name: str, points: float, cases: list[Case], run_case: Callable[[Case], list[str]]) -> CheckResult:
    share = points / len(cases)
    results = []
    for case in cases:
        messages = run_case(case)
        results.append(CaseResult(case.label, not messages, 0.0 if messages else share, share, messages))
    earned = sum(r.points for r in results)
    # Round so that the score prints (and parses) cleanly; never exceed the maximum.
    return CheckResult(name, min(points, round(earned, 6)), points, results)


Check = FunctionCheck | CellCheck
