"""What each grading run did per submission: how long it took and how it failed.

nbgrader's gradebook keeps scores and comments but no timings, and reports
and exports want the grading time per submission.  `dlgrade grade` merges
its results into `.dlgrade/grading-log.json` (the latest run per
submission wins), written atomically so a killed run leaves the old file.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["LOG", "record", "load"]

LOG = Path(".dlgrade") / "grading-log.json"


def load(root: Path) -> dict[str, dict[str, dict]]:
    """{lab: {student: entry}}; empty when nothing was graded with dlgrade yet."""
    path = root / LOG
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text())
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def record(root: Path, results: list[dict]) -> None:
    """Merge a run's results (dicts with lab, student, ok, failure, seconds) into the log."""
    if not results:
        return
    data = load(root)
    when = datetime.now(UTC).isoformat(timespec="seconds")
    for r in results:
        data.setdefault(r["lab"], {})[r["student"]] = {
            "ok": bool(r.get("ok")),
            "failure": r.get("failure"),
            "seconds": r.get("seconds"),
            "graded_at": when,
        }
    path = root / LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True))
    os.replace(tmp, path)
