"""Run a notebook in a fresh kernel and read its scores the way nbgrader does."""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbgrader.utils import determine_grade, is_grade

__all__ = ["NotebookRun", "run_notebook", "cell_scores"]


@dataclass
class NotebookRun:
    notebook: nbformat.NotebookNode
    seconds: float
    failure: str | None  # None, or a failure class with a short reason


def run_notebook(path: Path, cwd: Path | None = None, cell_timeout: int = 180) -> NotebookRun:
    """Execute every cell (errors do not stop the run, as in nbgrader autograde)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=cell_timeout,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(cwd or path.parent)}},
    )
    start = time.monotonic()
    failure = None
    try:
        client.execute(stderr=subprocess.DEVNULL)  # kernel start-up chatter, not notebook output
    except CellTimeoutError as exc:
        failure = f"timeout: {str(exc).splitlines()[0]}"
    except DeadKernelError as exc:
        failure = f"kernel crash: {exc}"
    except CellExecutionError as exc:  # only with allow_errors=False
        failure = f"error: {exc}"
    return NotebookRun(nb, time.monotonic() - start, failure)


def cell_scores(nb: nbformat.NotebookNode) -> dict[str, tuple[float, float]]:
    """grade_id -> (points, max_points) for every autograded test cell."""
    scores = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and is_grade(cell) and not cell.metadata["nbgrader"].get("solution"):
            points, max_points = determine_grade(cell)
            scores[cell.metadata["nbgrader"]["grade_id"]] = (float(points or 0.0), float(max_points))
    return scores


def cell_errors(nb: nbformat.NotebookNode) -> list[str]:
    """One line per cell that raised, for diagnosing a notebook run."""
    lines = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", f"cell {index}")
                lines.append(f"{grade_id}: {output.ename}: {output.evalue}"[:300])
            elif output.output_type == "stream" and output.name == "stderr":
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", f"cell {index}")
                lines.append(f"{grade_id}: wrote to stderr: {output.text.strip()[:200]}")
    return lines


def self_checks_passed(nb: nbformat.NotebookNode) -> list[str]:
    """The self-check claims a practice notebook printed as passed, in order."""
    from .notebook import SELF_CHECK_PASSED

    return [
        line[len(SELF_CHECK_PASSED):].strip()
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if output.output_type == "stream" and output.name == "stdout"
        for line in output.text.splitlines()
        if line.startswith(SELF_CHECK_PASSED)
    ]
