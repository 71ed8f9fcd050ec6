"""The grading engine: execute submissions in parallel, record grades through one writer.

Stock `nbgrader autograde` sanitises a submission (restores hidden tests and
locked cells from the gradebook), executes it, and saves the grades, one
notebook after another.  The engine splits that pipeline in two:

1. **Execute, in parallel.**  Worker processes (one per core) sanitise each
   submission with nbgrader's own sanitising preprocessors (they only read the
   gradebook), set up its folder as nbgrader would, and execute it in a fresh
   kernel.  The executed notebook is cached under `.dlgrade/executions/`.
2. **Record, in one process.**  The parent runs nbgrader's real Autograde
   converter for each finished submission, with the `Execute` preprocessor
   replaced by `ReplayExecution`, which takes the outputs from the cache when
   the sanitised cells are identical (and executes normally otherwise).  So
   the gradebook is written by exactly one writer, through nbgrader's own
   SaveAutoGrades, and scores are the same as stock autograde by construction.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Unicode

from .sandbox import ColdSandbox, Limits, WarmSandbox, sandbox_mode

__all__ = ["ReplayExecution", "execute_submission", "grade_submissions"]

CACHE = Path(".dlgrade") / "executions"
NOTEBOOK_TIMEOUT_ENV = "DLGRADE_NOTEBOOK_TIMEOUT"


def _fingerprint(nb) -> str:
    """Hash of the code that runs: cell types and sources, in order."""
    digest = hashlib.sha256()
    for cell in nb.cells:
        digest.update(cell.cell_type.encode())
        digest.update(b"\0")
        digest.update(cell.source.encode())
        digest.update(b"\1")
    return digest.hexdigest()


def cache_path(root: Path, lab: str, student: str, notebook: str) -> Path:
    return root / CACHE / lab / student / f"{notebook}.ipynb"


class ReplayExecution(Preprocessor):
    """Stand-in for nbgrader's Execute: reuse the parallel worker's outputs.

    Without a cached execution of exactly these cells, every test cell scores
    zero (in kernel mode: nbgrader's own Execute runs the notebook).
    """

    # nbconvert preprocessors are disabled unless enabled: without this, no cell would run
    # and every test cell would keep no output, which nbgrader scores as full marks.
    enabled = Bool(True).tag(config=True)
    cache_root = Unicode("", help="course folder whose .dlgrade cache to read").tag(config=True)
    execute_when_missing = Bool(False, help="run the notebook in-kernel when no cached run exists").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        cached_file = cache_path(Path(self.cache_root), info["assignment"], info["student"], info["notebook"])
        if cached_file.is_file():
            cached = nbformat.read(cached_file, as_version=4)
            if _fingerprint(cached) == _fingerprint(nb):
                for cell, done in zip(nb.cells, cached.cells, strict=True):
                    if cell.cell_type == "code":
                        cell.outputs = done.outputs
                        cell.execution_count = done.execution_count
                return nb, resources
            self.log.warning("cached execution of %s does not match", info["notebook"])
        if self.execute_when_missing:
            from nbgrader.preprocessors import Execute

            return Execute(parent=self.parent, config=self.config).preprocess(nb, resources)
        # Never fall back to running student code in-kernel: every test cell scores zero,
        # with a reason (a test cell without output would count as full marks).
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code":
                cell.outputs = []
                if meta.get("grade") and not meta.get("solution"):
                    cell.outputs.append(
                        nbformat.v4.new_output("error", ename="NotGraded", evalue="the grader could not run this submission", traceback=[])
                    )
        return nb, resources


@dataclass
class Execution:
    lab: str
    student: str
    seconds: float
    failure: str | None
    # executed notebooks (name -> nbformat JSON), written to the cache by the grader
    notebooks: dict[str, str] = field(default_factory=dict)


def _sanitise(root: Path, config, lab: str, student: str, notebook_path: Path):
    """Apply nbgrader's sanitising preprocessors (read-only on the gradebook)."""
    from nbgrader.converters import Autograde

    nb = nbformat.read(notebook_path, as_version=4)
    resources = {
        "nbgrader": {
            "student": student,
            "assignment": lab,
            "notebook": notebook_path.stem,
            "db_url": config.CourseDirectory.db_url,
        },
        "metadata": {"path": str(notebook_path.parent)},
    }
    for cls in Autograde.class_traits()["sanitize_preprocessors"].default():
        nb, resources = cls(config=config).preprocess(nb, resources)
    return nb


_warm_sandboxes: dict[tuple, WarmSandbox] = {}


def _sandbox_for(root: Path, lab: str, trusted: bool, mode: str, warm: bool):
    """The sandbox a worker uses for `lab`: a kept-warm template where possible."""
    if not trusted:
        return ColdSandbox([], "kernel")
    hidden = hidden_folders(root)
    if mode != "bubblewrap" or not warm:
        return ColdSandbox(hidden, mode)
    tensorflow = "tensorflow=True" in (root / "source" / lab / f"{lab}.ipynb").read_text()
    key = (str(root), tensorflow)
    if key not in _warm_sandboxes:
        _warm_sandboxes[key] = WarmSandbox(hidden, tensorflow)
    return _warm_sandboxes[key]


def execute_submission(
    root: str,
    lab: str,
    student: str,
    trusted: bool = True,
    limits: Limits | None = None,
    mode: str = "none",
    warm: bool = True,
) -> Execution:
    """Worker: sanitise and execute one student's lab; cache the executed notebooks.

    With `trusted` (the default) only the student's cells run, in the sandbox,
    and the hidden checks are judged here; otherwise the whole notebook runs
    in a Jupyter kernel exactly as stock nbgrader would run it.
    """
    from .course import checks_of, load_reference
    from .execute import run_notebook
    from .nbgrader_api import course_config
    from .trusted import fill_outputs, grade_in_sandbox

    root_path = Path(root)
    if trusted and mode != sandbox_mode():
        # a worker (e.g. on a Dask cluster) that cannot isolate as promised must not grade
        raise RuntimeError(f"this worker's isolation is {sandbox_mode()!r}, the grader asked for {mode!r}")
    config = course_config(root_path)
    limits = limits or Limits()
    notebooks: dict[str, str] = {}
    submitted = root_path / "submitted" / student / lab
    source = root_path / "source" / lab
    started = time.monotonic()
    failure = None
    sandbox = _sandbox_for(root_path, lab, trusted, mode, warm)
    with sandbox.workdir(lab) as work:
        shutil.copytree(submitted, work, symlinks=True, dirs_exist_ok=True)
        # As nbgrader does: the lab's own files (helpers, public data) come from source/.
        for item in source.iterdir():
            if item.is_file() and item.suffix != ".ipynb":
                shutil.copy2(item, work / item.name)
        os.environ["NBGRADER_EXECUTION"] = "autograde"
        os.environ["DLGRADE_STUDENT"] = student  # whose variant a concept check asks and grades (concepts.py)
        for notebook in sorted(source.glob("*.ipynb")):
            path = work / notebook.name
            if not path.is_file():
                failure = failure or f"missing notebook: {notebook.name} was not submitted (renamed?)"
                continue
            try:
                nb = _sanitise(root_path, config, lab, student, path)
            except Exception as exc:  # invalid JSON, schema errors: nbgrader will report them too
                failure = failure or f"invalid notebook: {type(exc).__name__}: {str(exc)[:200]}"
                continue
            if trusted:
                path.unlink()  # the student's process reads the job, not the notebook with hidden tests
                reference = vars(load_reference(lab, root_path))
                with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):  # reference code may print
                    run = grade_in_sandbox(nb, work, checks_of(lab, root_path), reference, sandbox, limits)
                fill_outputs(nb, run)
                executed, run_failure = nb, run.failure
            else:
                nbformat.write(nb, path)
                run = run_notebook(path, work, cell_timeout=int(limits.cell_seconds))
                executed, run_failure = run.notebook, run.failure
            failure = failure or run_failure
            notebooks[notebook.stem] = nbformat.writes(executed)
    return Execution(lab, student, time.monotonic() - started, failure, notebooks)


def store_execution(root: Path, execution: Execution) -> None:
    """Write the executed notebooks to the cache, atomically (a kill leaves no half file)."""
    for name, text in execution.notebooks.items():
        target = cache_path(root, execution.lab, execution.student, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(text)
        os.replace(tmp, target)


def hidden_folders(root: Path) -> list[Path]:
    """What student code must never see: the course folder and this checkout."""
    from .course import PACKAGE_ROOT
    from .nbgrader_api import course_config

    folders = {root.resolve(), PACKAGE_ROOT.resolve()}
    exchange = exchange_root(course_config(root))
    if not any(exchange.is_relative_to(f) for f in folders):
        folders.add(exchange)
    return sorted(folders)


# What student code must never read, checked as the student uid in user mode.
SENSITIVE = ("solutions", "source", "submitted", "autograded", "feedback", "gradebook.db", ".dlgrade")


def isolation_report(root: Path, mode: str, warm: bool) -> list[str]:
    """Lines saying which isolation is active and, where it rests on file
    permissions, everything students could still read and how to close it."""
    if mode == "bubblewrap":
        return [f"isolation: bubblewrap{', warm template' if warm else ''}"]
    if mode == "none":
        return [
            "isolation: none (WARNING: student code can read what the grader can). Install bubblewrap, or grade "
            "as root with a Python that other users can run (user mode); see docs/deploy.md"
        ]
    if mode != "user":
        return [f"isolation: {mode}"]
    from .sandbox import readable_by_students

    lines = ["isolation: user (a dedicated uid per worker; no network isolation; bubblewrap is not available)"]
    candidates = [folder / name for folder in hidden_folders(root) for name in SENSITIVE]
    inbound = exchange_inbound(root)
    exposed: dict[Path, list[str]] = {}
    for path in readable_by_students([*candidates, inbound]):
        if path == inbound:
            # students must keep writing here, so the fix is nbgrader's own write-only mode, not o-rwx
            lines.append(f"WARNING: students can list everyone's submissions in {inbound}; "
                         f"close it with: chmod 733 {inbound}")
            continue
        exposed.setdefault(path.parent, []).append(path.name)
    for folder, names in exposed.items():
        lines.append(f"WARNING: students can read {', '.join(names)} in {folder}; close it with: chmod o-rwx {folder}")
    return lines


def exchange_root(config) -> Path:
    """The exchange folder nbgrader uses (a relative setting counts from the current folder, as in nbgrader)."""
    return Path(config.Exchange.root).resolve()


def exchange_inbound(root: Path) -> Path:
    """The exchange folder submissions arrive in (nbgrader keeps it write-only for students)."""
    from .nbgrader_api import course_config

    config = course_config(root)
    return exchange_root(config) / config.CourseDirectory.get("course_id", "") / "inbound"


def grade_submissions(
    root: Path,
    pairs: list[tuple[str, str]],
    workers: int | None = None,
    on_done=None,
    trusted: bool = True,
    limits: Limits | None = None,
    say=None,
    warm: bool = True,
    scheduler: str | None = None,
) -> list[dict]:
    """Execute `pairs` of (lab, student) in parallel and record each through nbgrader.

    Executions run on local worker processes, or on a Dask cluster when
    `scheduler` is its address (see executors.py); either way this process
    alone writes the gradebook, once per submission.
    """
    from traitlets.config import Config

    from .executors import executor_for
    from .nbgrader_api import autograde_one, instructor_api

    workers = workers or os.cpu_count() or 1
    extra = Config()
    extra.Autograde.autograde_preprocessors = _replaying_preprocessors()
    extra.ReplayExecution.cache_root = str(root)
    extra.ReplayExecution.execute_when_missing = not trusted  # kernel mode is as trusting as stock anyway
    api = instructor_api(root, extra)
    results = []
    mode = sandbox_mode() if trusted else "kernel"
    executor = executor_for(workers, scheduler)
    if say:
        for line in isolation_report(root, mode, warm):
            say(line)
        say(f"executing on {executor.description}")
    run_id = uuid.uuid4().hex[:8]
    try:
        futures = {
            executor.submit(
                execute_submission, str(root), lab, student, trusted, limits, mode, warm, key=f"grade-{lab}-{student}-{run_id}"
            ): (lab, student)
            for lab, student in pairs
        }
        for future in executor.as_completed(futures):
            lab, student = futures[future]
            seconds = None
            try:
                execution = future.result()
                failure, seconds = execution.failure, round(execution.seconds, 2)
                store_execution(root, execution)
            except Exception as exc:  # a worker that failed: recorded, scored zero with the reason
                failure = f"worker error: {type(exc).__name__}: {exc}"
                shutil.rmtree(root / CACHE / lab / student, ignore_errors=True)  # never replay an older run
            started = time.monotonic()
            ok, error = autograde_one(api, lab, student)
            if ok and failure:
                note_failure(api.coursedir.db_url, root, lab, student, failure)
            results.append(
                {"lab": lab, "student": student, "ok": ok, "failure": failure, "error": error,
                 "record_seconds": round(time.monotonic() - started, 2), "execute_seconds": seconds}
            )
            if on_done:
                on_done(ok)
    finally:
        executor.close()
    return results


def note_failure(db_url: str, root: Path, lab: str, student: str, failure: str) -> None:
    """Put the failure class where the formgrader shows it: the first solution cell's comment."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url) as gb:
        for notebook in gb.find_assignment(lab).notebooks:
            for cell in notebook.solution_cells:
                try:
                    comment = gb.find_comment(cell.name, notebook.name, lab, student)
                except MissingEntry:
                    continue
                comment.auto_comment = f"Grading note: {failure}"
                gb.db.commit()
                return


def _replaying_preprocessors() -> list:
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute

    return [ReplayExecution if cls is Execute else cls for cls in Autograde.class_traits()["autograde_preprocessors"].default()]

