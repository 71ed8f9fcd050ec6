"""The student side of trusted grading: runs inside the sandbox, never trusted.

`python -m autograder.runner WORKDIR` reads `WORKDIR/job.json` (written by
the grader): the notebook's code cells in order, and for each hidden test
cell the inputs to call the student's function with.  It runs the cells in
one IPython shell (so magics work as in a kernel); where a test cell stood,
it calls the named function on each case and records the result as plain
data (see payload.py).  Results go to `WORKDIR/results.jsonl`, one JSON line
per event, so that whatever happens later (a crash, `os._exit`, a kill),
what was recorded before stays readable.

Nothing here decides a grade: the grader compares these results with the
reference in its own process.  Student code can overwrite anything in this
process, including this module; all it can change is data the grader checks.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import signal
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path

RESULTS = "results.jsonl"
JOB = "job.json"
MAX_RESULT_BYTES = 16 * 1024 * 1024


def resolve(target: str):
    """'module:function' to the function (module importable in the sandbox)."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


class Recorder:
    def __init__(self, path: Path):
        self.file = open(path, "a", buffering=1)  # noqa: SIM115 (kept open for the whole run)

    def write(self, event: dict) -> None:
        line = json.dumps(event, allow_nan=False)
        if len(line) > MAX_RESULT_BYTES:
            line = json.dumps({k: v for k, v in event.items() if k not in ("result",)} | {"error": "result too large"})
        self.file.write(line + "\n")
        self.file.flush()


class CellTimeout(BaseException):
    """Raised by the alarm when a cell or a check call runs past its time.

    A BaseException, so that the student's `except Exception` does not swallow
    it.  A student who replaces the SIGALRM handler only defeats this soft
    limit; the grader's hard limit on the whole notebook still kills the run.
    """


_limit = {"seconds": 0.0, "armed": False}


def _on_alarm(signum, frame) -> None:
    if _limit["armed"]:
        _limit["armed"] = False
        raise CellTimeout


@contextmanager
def time_limit(seconds: float):
    """Interrupt the body after `seconds` of wall time (0: no limit)."""
    if seconds <= 0:
        yield
        return
    _limit.update(seconds=seconds, armed=True)
    signal.signal(signal.SIGALRM, _on_alarm)  # again every time: the student may have replaced it
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        _limit["armed"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, CellTimeout):
        return f"timeout: ran longer than {_limit['seconds']:g} s and was interrupted"
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    for frame in reversed(frames):
        if frame.filename.startswith("<ipython-input") or "ipykernel" in frame.filename or frame.filename.startswith("<cell"):
            where = f" (line {frame.lineno}: {(frame.line or '').strip()})"
            break
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"raised {type(exc).__name__}: {text}{where}"[:400]


def call_case(namespace: dict, function: str, case: dict, seconds: float = 0) -> dict:
    """Call the student's function on one case; return an event with plain data."""
    from .checks import build_live, seed_everything
    from .compare import to_plain
    from .payload import decode, encode

    fn = namespace.get(function)
    if not callable(fn):
        return {"error": f"{function} is not defined (did you rename it or skip its cell?)"}
    try:
        for hook in case.get("prepare") or []:
            resolve(hook["target"])(namespace, *decode(hook["args"]))
        args, kwargs = decode(case["args"]), decode(case["kwargs"])
        originals = encode((args, kwargs)) if case.get("inputs_unchanged") else None
        call_args, call_kwargs = build_live(args), build_live(kwargs)  # checks.Live: built here, not sent
        seed_everything(case["seed"])
        with time_limit(seconds):
            result = fn(*call_args, **call_kwargs)
        arguments_after = case.get("arguments_after") or {}
        if arguments_after:
            result = {"returned": result} | {f"{name} after the call": call_args[int(i)] for i, name in arguments_after.items()}
        outputs = case.get("outputs")
        plain = resolve(outputs["target"])(result, *decode(outputs["args"])) if outputs else to_plain(result)
        event = {"result": encode(plain)}
        if originals is not None:
            event["inputs_after"] = encode(to_plain((args, kwargs)))
            event["inputs_before"] = originals
        return event
    except BaseException as exc:  # student code: anything, SystemExit and KeyboardInterrupt included
        return {"error": f"{function} on case {case.get('label', '')} {_one_line(exc)}"}


class Discard(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


def inspect(namespace: dict, hook: dict) -> dict:
    from .payload import decode, encode

    try:
        return {"result": encode(resolve(hook["target"])(namespace, *decode(hook["args"])))}
    except BaseException as exc:  # student state can make the probe fail
        return {"error": _one_line(exc)}


def run(workdir: Path) -> None:
    job = json.loads((workdir / JOB).read_text())
    recorder = Recorder(workdir / RESULTS)
    os.chdir(workdir)
    sys.path.insert(0, str(workdir))
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    # Plots are not graded: draw off-screen, and let `%matplotlib inline` (which needs a
    # kernel's GUI hooks) do nothing instead of failing the cell it stands in.
    os.environ["MPLBACKEND"] = "Agg"
    shell.register_magic_function(lambda line: None, "line", "matplotlib")
    namespace = shell.user_ns
    seconds = float(job.get("cell_seconds") or 0)
    for index, cell in enumerate(job["cells"]):
        if cell["kind"] == "code":
            real_stdout, sys.stdout = sys.stdout, Discard()  # prints are not graded: keep no copy
            try:
                with time_limit(seconds):
                    outcome = shell.run_cell(cell["source"], silent=True, store_history=False)
            finally:
                sys.stdout = real_stdout
            error = outcome.error_in_exec or outcome.error_before_exec
            if error is not None:
                recorder.write({"cell": index, "error": _one_line(error)})
        elif cell["kind"] == "inspect":  # a graded cell's variables
            recorder.write({"cell": index, "check": cell["check"]} | inspect(namespace, cell["inspect"]))
        else:  # a hidden check stood here: call the student's function on each case
            for number, case in enumerate(cell["cases"]):
                event = call_case(namespace, cell["function"], case, seconds)
                recorder.write({"cell": index, "check": cell["check"], "case": number} | event)
    recorder.write({"done": True})


if __name__ == "__main__":
    run(Path(sys.argv[1]))
    # Threads the student left running must not keep the process alive.
    os._exit(0)
