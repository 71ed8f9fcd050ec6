"""The one place that talks to nbgrader's Python API (instructor and student sides).

Everything goes through real nbgrader: generate_assignment, the exchange
(release, fetch, submit, collect), autograde, feedback and the gradebook.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import warnings
from pathlib import Path

from traitlets.config import Config

__all__ = ["course_config", "instructor_api", "autograde_one", "fetch", "submit"]


def _ensure_tools_on_path() -> None:
    # nbgrader runs `alembic` as a subprocess to migrate the gradebook; it lives beside python.
    bindir = os.path.dirname(sys.executable)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


class _SchemaCheckedOnce:
    """`jsonschema` as nbgrader's cell-metadata validator uses it, except that
    `validate` checks each schema once instead of on every call.

    nbgrader validates every cell of every notebook against one constant
    schema, twice per submission; re-checking the schema itself was most of
    the grading overhead per submission.  Validation of the metadata, and the
    errors raised, are unchanged.
    """

    def __init__(self, module):
        self._module = module
        self._validators: dict[int, tuple[dict, object]] = {}

    def validate(self, instance, schema) -> None:
        entry = self._validators.get(id(schema))
        if entry is None or entry[0] is not schema:
            cls = self._module.validators.validator_for(schema)
            cls.check_schema(schema)
            entry = self._validators[id(schema)] = (schema, cls(schema))
        error = self._module.exceptions.best_match(entry[1].iter_errors(instance))
        if error is not None:
            raise error

    def __getattr__(self, name):
        return getattr(self._module, name)


def _validate_schemas_once() -> None:
    from nbgrader.nbgraderformat import common

    if not isinstance(common.jsonschema, _SchemaCheckedOnce):
        common.jsonschema = _SchemaCheckedOnce(common.jsonschema)


def course_config(root: Path) -> Config:
    """The course's nbgrader_config.py, loaded as nbgrader would load it."""
    from traitlets.config.loader import PyFileConfigLoader

    _ensure_tools_on_path()
    _validate_schemas_once()
    loader = PyFileConfigLoader("nbgrader_config.py", path=str(root))
    config = loader.load_config()
    config.CourseDirectory.root = str(root)
    return config


@contextlib.contextmanager
def quiet_nbgrader(verbose: bool = False):
    """nbgrader logs every file it touches; keep that out of our output unless asked."""
    if verbose:
        yield
        return
    loggers = [logging.getLogger(name) for name in ("traitlets", "NbGraderAPI", "nbgrader")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SQLAlchemy session warnings from inside nbgrader
            yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def instructor_api(root: Path, extra: Config | None = None):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = course_config(root)
    if extra is not None:
        config.merge(extra)
    # nbgrader refuses (loudly) to list an exchange that does not exist yet
    Path(config.Exchange.root).mkdir(parents=True, exist_ok=True)
    coursedir = CourseDirectory(config=config)
    api = NbGraderAPI(coursedir=coursedir, config=config)
    api.log.setLevel(logging.ERROR)
    return api


def autograde_one(api, lab: str, student: str) -> tuple[bool, str]:
    """nbgrader's own autograde of one submission: (succeeded, last line of its error or "")."""
    with quiet_nbgrader():
        result = api.autograde(lab, student, force=True, create=True)
    ok = bool(result["success"])
    return ok, "" if ok else last_error_line(result)


def last_error_line(result: dict) -> str:
    """The line of an nbgrader API result's error log that says what went wrong."""
    lines = (result.get("error") or "").strip().splitlines()
    return lines[-1] if lines else "no error message from nbgrader"


def _student_exchange(cls, root: Path, lab: str, student: str, home: Path):
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory

    config = course_config(root)
    config.CourseDirectory.assignment_id = lab
    config.CourseDirectory.student_id = student
    config.Exchange.assignment_dir = str(home)
    # A student's own folder is not the course folder.
    config.CourseDirectory.root = str(home)
    coursedir = CourseDirectory(config=config)
    exchange = cls(coursedir=coursedir, authenticator=Authenticator(config=config), config=config)
    exchange.log.setLevel(logging.ERROR)
    return exchange


def fetch(root: Path, lab: str, student: str, home: Path) -> Path:
    """What a student's Fetch button does: copy the released lab into `home/<lab>`."""
    from nbgrader.exchange.default import ExchangeFetchAssignment

    _student_exchange(ExchangeFetchAssignment, root, lab, student, home).start()
    return home / lab


def submit(root: Path, lab: str, student: str, home: Path) -> None:
    """What a student's Submit button does: copy `home/<lab>` into the exchange inbound."""
    from nbgrader.exchange.default import ExchangeSubmit

    _student_exchange(ExchangeSubmit, root, lab, student, home).start()
