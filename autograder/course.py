"""Where things are in a course folder, and loading a lab's reference module."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

__all__ = ["CourseError", "find_course_root", "lab_ids", "practice_lab_ids", "select_labs", "load_reference", "checks_of"]

ROOT_ENV = "DLGRADE_COURSE_ROOT"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent


class CourseError(RuntimeError):
    """A course folder, lab or file that is missing or malformed (shown as one line)."""


def find_course_root(start: Path | None = None) -> Path:
    """The course folder: $DLGRADE_COURSE_ROOT, else the nearest parent holding
    `nbgrader_config.py` and `solutions/`, else the folder this package came from."""
    if os.environ.get(ROOT_ENV):
        return Path(os.environ[ROOT_ENV]).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "nbgrader_config.py").is_file() and (folder / "solutions").is_dir():
            return folder
    if (PACKAGE_ROOT / "solutions").is_dir():
        return PACKAGE_ROOT
    raise CourseError(f"no course folder (with nbgrader_config.py and solutions/) at or above {here}")


def _source_notebooks(root: Path) -> list[str]:
    source = root / "source"
    if not source.is_dir():
        raise CourseError(f"{root} has no source/ folder")
    return sorted(p.name for p in source.iterdir() if p.is_dir() and (p / f"{p.name}.ipynb").is_file())


def lab_ids(root: Path) -> list[str]:
    """Every graded lab (a source notebook with a reference in solutions/), in
    curriculum order (the ids sort that way)."""
    return [lab for lab in _source_notebooks(root) if (root / "solutions" / f"{lab}.py").is_file()]


def practice_lab_ids(root: Path) -> list[str]:
    """Ungraded labs: source notebooks with no reference in solutions/. They are
    built and released like graded labs and check themselves as they run, but
    are never collected or graded."""
    return [lab for lab in _source_notebooks(root) if not (root / "solutions" / f"{lab}.py").is_file()]


def select_labs(root: Path, labs: list[str] | None, practice: bool = False) -> list[str]:
    """The named labs, checked to exist (every graded one when none are named);
    `practice` admits the ungraded labs too."""
    known = _source_notebooks(root) if practice else lab_ids(root)
    if not labs:
        return known
    for lab in labs:
        if lab not in known:
            raise CourseError(f"unknown lab {lab!r}; known labs: {', '.join(known)}")
    return labs


_loaded: dict[Path, ModuleType] = {}


def load_reference(lab: str, root: Path | None = None) -> ModuleType:
    """Import `solutions/<lab>.py` (once per process) with the lab's helper files importable."""
    root = root or find_course_root()
    path = root / "solutions" / f"{lab}.py"
    if path in _loaded:
        return _loaded[path]
    if not path.is_file():
        raise CourseError(f"no reference solution {path.relative_to(root)} for lab {lab!r}")
    helpers = str(root / "source" / lab)
    if helpers not in sys.path:
        sys.path.append(helpers)
    spec = importlib.util.spec_from_file_location(f"dlgrade_reference_{lab}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    _loaded[path] = module
    return module


def checks_of(lab: str, root: Path | None = None) -> dict:
    """The lab's hidden checks by name, from `CHECKS` in its reference module."""
    module = load_reference(lab, root)
    checks = getattr(module, "CHECKS", None)
    if checks is None:
        raise CourseError(f"solutions/{lab}.py declares no CHECKS")
    return {check.name: check for check in checks}
