"""Trusted grading of one sanitised notebook: the grader decides, the student's process only answers.

1. `plan_job` turns the notebook into a job for `autograder.runner`: the
   code cells to run, and at each hidden test cell the inputs the grader
   generated for that check (plain data; hooks named, never sent as code).
   Cells after the last test cell are not run: they earn no points.
2. The runner executes the job in the sandbox (see sandbox.py).
3. `judge_results` reads what came back as data (size-bounded, no pickle),
   computes the reference answers here, compares, and scores every check.
4. `fill_outputs` writes the verdicts into the notebook as cell outputs, so
   that nbgrader's own SaveAutoGrades records them (see engine.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import payload
from .checks import Case, CellCheck, CheckResult, FunctionCheck, Hook, _score
from .compare import to_plain
from .course import CourseError
from .runner import JOB, RESULTS
from .sandbox import Limits

__all__ = ["plan_job", "grade_in_sandbox", "TrustedRun"]

MAX_RESULTS_BYTES = 64 * 1024 * 1024


def _hook(value, what: str, check: str) -> dict | None:
    if value is None or value is to_plain:
        return None
    if isinstance(value, Hook):
        return {"target": value.target, "args": payload.encode(tuple(value.args))}
    raise CourseError(f"check {check!r}: its {what} is a local function; declare it as Hook('module:function', args)")


def _test_name(cell) -> str | None:
    meta = cell.metadata.get("nbgrader", {})
    if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
        return meta["grade_id"].removeprefix("test-")
    return None


@dataclass
class PlannedCheck:
    cell_index: int  # in the notebook
    job_index: int  # in the job
    check: FunctionCheck | CellCheck
    cases: list[Case] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # each case's encoded inputs, hashed


# The reference's answer to a case depends only on the case's inputs, and every
# submission of a lab gets the same cases: compute each once per worker process.
_expected: dict[tuple[int, str, str], object] = {}
MAX_CACHED_ANSWERS = 4096


def expected_answer(check: FunctionCheck, case: Case, key: str, reference: dict):
    slot = (id(check), check.name, key)
    if slot not in _expected:
        if len(_expected) >= MAX_CACHED_ANSWERS:
            _expected.clear()
        _expected[slot] = check.expected(case, reference)
    return _expected[slot]


def plan_job(nb, checks: dict) -> tuple[dict, list[PlannedCheck], dict[int, int]]:
    """The runner's job, the checks in notebook order, and job index -> notebook cell index."""
    test_positions = [i for i, c in enumerate(nb.cells) if _test_name(c)]
    last = test_positions[-1] if test_positions else -1
    cells, planned, where = [], [], {}
    for index, cell in enumerate(nb.cells[: last + 1]):
        if cell.cell_type != "code":
            continue
        name = _test_name(cell)
        where[len(cells)] = index
        if name is None:
            cells.append({"kind": "code", "source": cell.source})
            continue
        if name not in checks:
            raise CourseError(f"test cell {name!r} names no check of this lab")
        check = checks[name]
        if isinstance(check, CellCheck):
            hook = _hook(check.inspect, "inspect", name)
            if hook is None:
                raise CourseError(f"check {name!r}: inspect must be a Hook to run out of process")
            planned.append(PlannedCheck(index, len(cells), check))
            cells.append({"kind": "inspect", "check": name, "inspect": hook})
            continue
        cases = check.generate_cases()
        outputs = _hook(check.outputs, "outputs", name)
        encoded = []
        for case in cases:
            prepare = _hook(case.prepare, "prepare", name)
            encoded.append(
                {
                    "label": case.label,
                    "args": payload.encode(tuple(case.args)),
                    "kwargs": payload.encode(dict(case.kwargs)),
                    "seed": case.seed,
                    "prepare": [prepare] if prepare else [],
                    "outputs": outputs,
                    "inputs_unchanged": check.inputs_unchanged,
                    "arguments_after": {str(i): n for i, n in check.arguments_after.items()},
                }
            )
        keys = [hashlib.sha256(json.dumps(e, sort_keys=True).encode()).hexdigest() for e in encoded]
        planned.append(PlannedCheck(index, len(cells), check, cases, keys))
        cells.append({"kind": "check", "check": name, "function": check.function, "cases": encoded})
    return {"cells": cells}, planned, where


@dataclass
class TrustedRun:
    results: dict[str, CheckResult]
    cell_errors: dict[int, str]  # notebook cell index -> message
    failure: str | None
    seconds: float
    mode: str


def read_events(path: Path) -> tuple[list[dict], bool]:
    """Events the runner wrote (bounded), and whether it reached the end."""
    # The student's process owns the folder: a symlink here could point the
    # grader (which may be root) at a file the student cannot read.
    # A FIFO would block the read: only a regular file is read.
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return [], False
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return [], False
    with os.fdopen(fd, "rb") as f:
        data = f.read(MAX_RESULTS_BYTES)
    events, done = [], False
    for line in data.splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue  # a half-written line from a killed process, or junk
        if isinstance(event, dict):
            if event.get("done") is True:
                done = True
            events.append(event)
    return events, done


def classify(result, done: bool, cell_errors: dict[int, str], limits: Limits) -> str | None:
    if result.timed_out:
        return f"timeout: the notebook ran longer than {limits.wall_seconds:g} s"
    if any("raised MemoryError" in e for e in cell_errors.values()):
        return "out of memory: a cell exceeded the memory limit"
    code = result.returncode
    if result.mode == "bubblewrap" and code is not None and code > 128:
        code = -(code - 128)  # bwrap reports a child killed by signal N as 128 + N
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        if -code == signal.SIGKILL:
            return "killed by signal SIGKILL (out of memory?)"
        if -code in (signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS, signal.SIGFPE):
            return f"kernel crash: signal {name}"
        return f"killed by signal {name}"
    if not done:
        return f"exited with code {code} before the notebook finished"
    return None


def judge_results(planned: list[PlannedCheck], events: list[dict], where: dict[int, int], reference: dict, failure: str | None):
    by_case: dict[tuple[int, int], dict] = {}
    by_cell: dict[int, dict] = {}
    cell_errors: dict[int, str] = {}
    for event in events:
        cell = event.get("cell")
        if not isinstance(cell, int) or cell not in where:
            continue
        if "case" in event and isinstance(event["case"], int):
            by_case.setdefault((cell, event["case"]), event)  # the first answer counts
        elif "check" in event:
            by_cell.setdefault(cell, event)
        elif "error" in event:
            cell_errors.setdefault(where[cell], str(event["error"])[:500])
    missing = f"no result: {failure}" if failure else "no result: the notebook stopped before this check"
    results = {}
    for plan in planned:
        if isinstance(plan.check, CellCheck):
            event = _decoded(by_cell.get(plan.job_index), missing)
            results[plan.check.name] = plan.check.judge(reference, event)
            continue
        events_for = {n: _decoded(by_case.get((plan.job_index, n)), missing) for n in range(len(plan.cases))}
        numbered = list(enumerate(plan.cases))

        def run_case(case: Case, check=plan.check, events_for=events_for, numbered=numbered, keys=plan.keys) -> list[str]:
            number = next(n for n, c in numbered if c is case)
            expected = expected_answer(check, case, keys[number], reference)
            return check.judge(case, expected, events_for[number])

        results[plan.check.name] = _score(plan.check.name, plan.check.points, plan.cases, run_case)
    return results, cell_errors


def _decoded(event: dict | None, missing: str) -> dict:
    if event is None:
        return {"error": missing}
    if "error" in event:
        return {"error": str(event["error"])}
    decoded = {}
    try:
        for key in ("result", "inputs_after"):
            if key in event:
                decoded[key] = payload.decode(event[key])
    except payload.PayloadError as exc:
        return {"error": f"the result could not be read as data: {exc}"}
    return decoded


def grade_in_sandbox(nb, workdir: Path, checks: dict, reference: dict, sandbox, limits: Limits) -> TrustedRun:
    """Run the job for `nb` in `workdir` with `sandbox` (ColdSandbox or WarmSandbox) and judge it."""
    job, planned, where = plan_job(nb, checks)
    (workdir / JOB).write_text(json.dumps(job | {"cell_seconds": limits.cell_seconds}))
    result = sandbox.run(workdir, limits)
    events, done = read_events(workdir / RESULTS)
    # cell errors first (classification looks at them), then the verdicts
    _, cell_errors = judge_results([], events, where, reference, None)
    failure = classify(result, done, cell_errors, limits)
    if failure is None and any(str(e.get("error", "")).find("timeout: ran longer") >= 0 for e in events):
        failure = f"timeout: a cell or check ran longer than {limits.cell_seconds:g} s (interrupted; the rest was graded)"
    results, cell_errors = judge_results(planned, events, where, reference, failure)
    return TrustedRun(results, cell_errors, failure, result.seconds, sandbox.mode)


def fill_outputs(nb, run: TrustedRun) -> None:
    """Verdicts as outputs: a report on stdout and the points as the last expression."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        cell.outputs = []
        cell.execution_count = None
        if index in run.cell_errors:
            cell.outputs.append(
                nbformat.v4.new_output("error", ename="Error", evalue=run.cell_errors[index], traceback=[run.cell_errors[index]])
            )
        name = _test_name(cell)
        if name is None:
            continue
        result = run.results.get(name)
        if result is None:  # after the last check or not planned: nothing ran
            continue
        text = result.report() + "\n"
        if run.failure:
            text += f"(grading note: {run.failure})\n"
        cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text=text))
        cell.outputs.append(nbformat.v4.new_output("execute_result", data={"text/plain": repr(float(result.points))}, execution_count=1))
