"""What a lab notebook calls: the locked setup cell, public tests, hidden checks.

Kept deliberately small: the notebook names what to check, this module finds
the declarations and runs them, and prints only to stdout (nbgrader gives a
test cell zero points if anything reaches stderr).
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import sys
import warnings
from pathlib import Path

from . import payload
from .checks import Case, Hook, seed_everything
from .compare import compare

__all__ = ["setup_notebook", "hidden_check", "public_check", "scaled", "self_check", "SelfCheckFailed"]

SEED = 1
_state: dict = {"lab": None}


def setup_notebook(lab: str, tensorflow: bool = False, seed: int = SEED) -> None:
    """Silence library chatter on stderr, seed every generator, remember the lab id."""
    _state["lab"] = lab
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("GLOG_minloglevel", "3")  # absl's C++ start-up lines
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    warnings.filterwarnings("ignore")
    logging.getLogger("absl").setLevel(logging.ERROR)
    if tensorflow:
        with native_stderr_silenced():  # TensorFlow's C++ start-up notices ignore the log level
            import tensorflow as tf

        tf.get_logger().setLevel(logging.ERROR)
        tf.autograph.set_verbosity(0)
        tf.config.experimental.enable_op_determinism()
        try:
            import absl.logging

            absl.logging.set_verbosity(absl.logging.ERROR)
        except ImportError:
            pass
    seed_everything(seed)


@contextlib.contextmanager
def native_stderr_silenced():
    """Point file descriptor 2 at /dev/null for a moment: what native code
    writes there (not Python exceptions) is dropped."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def scaled(full: int, when_grading: int) -> int:
    """`full` for a student, `when_grading` while a grader executes the notebook.

    Demo training after the exercises teaches but earns no points; nbgrader
    (and dlgrade) set NBGRADER_EXECUTION while grading, so a class of
    hundreds is not charged the full training run per student.
    """
    return when_grading if os.environ.get("NBGRADER_EXECUTION") == "autograde" else full


def _lab() -> str:
    if _state["lab"] is None:
        raise RuntimeError("run the setup cell at the top of the notebook first")
    return _state["lab"]


def hidden_check(name: str, namespace: dict) -> float:
    """Run the hidden check `name` against the functions in `namespace`.

    Prints one line per case and returns the points earned as a plain float
    (nbgrader reads partial credit from the cell's last expression).
    """
    from .course import checks_of, load_reference

    lab = _lab()
    check = checks_of(lab)[name]
    reference = vars(load_reference(lab))
    result = check.run(reference, namespace)
    print(result.report())
    sys.stdout.flush()
    return float(result.points)


PUBLIC_FILE = "public_tests.json"


SELF_CHECK_PASSED = "self-check passed:"


class SelfCheckFailed(AssertionError):
    """A claim an ungraded lab makes about its own results did not hold."""


def self_check(claim: str, holds: bool, measured: str = "") -> None:
    """State a claim the lab teaches and verify it on the numbers just computed.

    Ungraded labs have no hidden tests; their self-checks are how the student
    (and CI, which runs every practice notebook) knows the lesson came out as
    the text says.  A claim that does not hold stops the notebook with the
    claim and the measured value, not a bare `assert` traceback.
    """
    detail = f" ({measured})" if measured else ""
    if not holds:
        raise SelfCheckFailed(f"self-check FAILED: {claim}{detail}")
    print(f"{SELF_CHECK_PASSED} {claim}{detail}")
    sys.stdout.flush()


class PublicExampleFailed(Exception):
    """A failed public example while nbgrader validates the notebook.

    Raised only under Validate (NBGRADER_EXECUTION=validate), so that its
    dialog lists the exercise instead of "passes all the tests"; while the
    student works or a grader grades, the report is printed and nothing is
    raised.  IPython shows `_render_traceback_` in place of a traceback.
    """

    def __init__(self, lines: list[str]):
        super().__init__(lines[0] if lines else "public example failed")
        self.lines = lines

    def _render_traceback_(self) -> list[str]:
        return self.lines


def public_check(name: str, namespace: dict) -> None:
    """Run the public example for `name` and say plainly what differs.

    The example's inputs and expected output were computed from the reference
    when the lab was built and ship beside the notebook in `public_tests.json`.
    Prints which check and case ran, what differed, and a hint; a problem in
    this helper itself is one line, never a traceback through our code.
    """
    try:
        passed, lines = _public_check(name, namespace)
    except Exception as exc:  # the lab's test data or this helper, not the student's code
        passed, lines = None, [f"{name}: the public example could not run ({type(exc).__name__}: {exc}); please tell your instructor."]
    if passed is False and os.environ.get("NBGRADER_EXECUTION") == "validate":
        raise PublicExampleFailed(lines)
    print("\n".join(lines))
    sys.stdout.flush()


def _public_check(name: str, namespace: dict) -> tuple[bool | None, list[str]]:
    """(passed, report lines); passed is None when there was nothing to run."""
    from .checks import FunctionCheck, describe_exception
    from .hints import describe_inputs, hint_for

    path = Path(PUBLIC_FILE)
    if not path.is_file():
        return None, [f"(public test data {PUBLIC_FILE} is missing next to the notebook; skipping)"]
    examples = payload.loads(path.read_text())
    if name not in examples:
        return None, [f"{name}: this exercise has no public example; the hidden tests will check it."]
    example = examples[name]
    fn = namespace.get(name)
    if not callable(fn):
        return False, [f"{name} is not defined yet: run its cell first."]
    outputs = example.get("outputs")
    check = FunctionCheck(name, 0, cases=lambda: [])
    if outputs:
        check.outputs = Hook(outputs["target"], tuple(outputs["args"]))
    case = Case("public example", tuple(example["args"]), example["kwargs"], seed=example["seed"])
    call = describe_inputs(fn, name, case.args, case.kwargs)
    try:
        actual, _ = check.call(fn, case, namespace)
    except Exception as exc:  # student code
        hint = example.get("hint") or hint_for([], type(exc).__name__)
        return False, [f"{name}: public example FAILED", f"  case: {call}", f"  {name} {describe_exception(exc)}", f"  hint: {hint}"]
    problems = compare(example["expected"], actual, f"{name}()")
    if problems:
        hint = example.get("hint") or hint_for(problems)
        return False, [f"{name}: public example FAILED", f"  case: {call}", *(f"  {p}" for p in problems), f"  hint: {hint}"]
    return True, [f"{name}: public example passed ({call}); the hidden tests use more cases"]


def write_public_examples(lab: str, folder: Path) -> Path:
    """Compute each check's public example with the reference and store it (build step)."""
    from .course import checks_of, load_reference

    reference = vars(load_reference(lab))
    examples = {}
    for name, check in checks_of(lab).items():
        if getattr(check, "public", None) is None:
            continue
        case = check.public()
        with contextlib.redirect_stdout(io.StringIO()):  # training progress is not build output
            expected = check.expected(case, reference)
        examples[name] = {
            "args": list(case.args),
            "kwargs": case.kwargs,
            "seed": case.seed,
            "expected": expected,
            "hint": getattr(check, "hint", ""),
        }
        outputs = getattr(check, "outputs", None)
        if isinstance(outputs, Hook):  # the student's side converts its result the same way
            examples[name]["outputs"] = {"target": outputs.target, "args": list(outputs.args)}
    target = folder / PUBLIC_FILE
    target.write_text(json.dumps(payload.encode(examples), indent=None, sort_keys=True) + "\n")
    return target
