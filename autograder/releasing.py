"""From source notebooks to student versions, through nbgrader generate_assignment."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from .course import CourseError
from .nbgrader_api import instructor_api, quiet_nbgrader

__all__ = ["generate_release", "restore_hidden_tests"]


def generate_release(root: Path, lab: str, verbose: bool = False) -> Path:
    """Regenerate `release/<lab>/` from `source/<lab>/` (and register the lab in the gradebook)."""
    api = instructor_api(root)
    with quiet_nbgrader(verbose):
        result = api.generate_assignment(lab, force=True, create=True)
    if not result["success"]:
        raise CourseError(f"nbgrader generate_assignment failed for {lab}: {result.get('error', '')[-500:]}")
    # nbgrader copies everything under source/<lab>; drop caches that running it may have left.
    for junk in (root / "release" / lab).rglob("__pycache__"):
        shutil.rmtree(junk)
    return root / "release" / lab


def restore_hidden_tests(root: Path, lab: str, notebook: Path) -> None:
    """Put the source's test cells back into a student notebook (what autograde does)."""
    source = nbformat.read(root / "source" / lab / f"{lab}.ipynb", as_version=4)
    tests = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in source.cells
        if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"].get("solution")
    }
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in tests:
            cell.source = tests[grade_id]
    nbformat.write(nb, notebook)
