"""Instructor workflow commands: release, collect, grade, feedback, scores, export.

Each is a thin, progress-reporting layer over nbgrader's own API, so that the
gradebook, the exchange and the feedback files are exactly nbgrader's.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

from .course import CourseError, lab_ids
from .nbgrader_api import instructor_api, quiet_nbgrader

__all__ = ["release", "collect", "grade", "feedback", "score_table", "export_csv", "register"]


class Progress:
    """A one-line progress display on stderr: done/total, failures, rate."""

    def __init__(self, total: int, label: str, enabled: bool = True):
        self.total, self.label, self.enabled = total, label, enabled and total > 0
        self.done = self.failed = 0
        self.started = time.monotonic()

    def step(self, ok: bool = True) -> None:
        self.done += 1
        self.failed += not ok
        if self.enabled:
            elapsed = time.monotonic() - self.started
            rate = self.done / elapsed * 60 if elapsed > 0 else 0.0
            width = 24
            filled = int(width * self.done / self.total)
            bar = "#" * filled + "-" * (width - filled)
            print(
                f"\r{self.label} [{bar}] {self.done}/{self.total}  failed {self.failed}  {rate:.1f}/min",
                end="",
                file=sys.stderr,
                flush=True,
            )
            if self.done == self.total:
                print(file=sys.stderr)


def _check_labs(root: Path, labs: list[str] | None) -> list[str]:
    known = lab_ids(root)
    if not labs:
        return known
    for lab in labs:
        if lab not in known:
            raise CourseError(f"unknown lab {lab!r}; known labs: {', '.join(known)}")
    return labs


def release(root: Path, labs: list[str] | None = None) -> list[str]:
    """Release labs to the exchange (nbgrader release_assignment)."""
    from traitlets.config import Config

    api = instructor_api(root, Config({"ExchangeReleaseAssignment": {"force": True}}))
    done = []
    for lab in _check_labs(root, labs):
        with quiet_nbgrader():
            result = api.release_assignment(lab)
        if not result["success"]:
            raise CourseError(f"release of {lab} failed: {result.get('error', '').strip().splitlines()[-1:]}")
        done.append(lab)
    return done


def collect(root: Path, labs: list[str] | None = None) -> dict[str, int]:
    """Collect every submission of each lab from the exchange into submitted/."""
    api = instructor_api(root)
    counts = {}
    for lab in _check_labs(root, labs):
        with quiet_nbgrader():
            result = api.collect(lab, update=True)
        if not result["success"]:
            raise CourseError(f"collect of {lab} failed: {result.get('error', '').strip().splitlines()[-1:]}")
        counts[lab] = len(list((root / "submitted").glob(f"*/{lab}")))
    return counts


def submissions(root: Path, labs: list[str]) -> list[tuple[str, str]]:
    """(lab, student) pairs found in submitted/."""
    pairs = []
    for lab in labs:
        for folder in sorted((root / "submitted").glob(f"*/{lab}")):
            pairs.append((lab, folder.parent.name))
    return pairs


def grade(
    root: Path,
    labs: list[str] | None = None,
    students: list[str] | None = None,
    stock: bool = False,
    workers: int | None = None,
    warm: bool = True,
    scheduler: str | None = None,
) -> list[dict]:
    """Autograde collected submissions into the gradebook.

    By default through the parallel engine (see engine.py); with `stock`,
    one after another through nbgrader's own autograde, as `nbgrader autograde` does.
    """
    labs = _check_labs(root, labs)
    pairs = [p for p in submissions(root, labs) if not students or p[1] in students]
    bar = Progress(len(pairs), "grading" + (" (stock nbgrader)" if stock else ""))
    if not stock:
        from .engine import grade_submissions

        return grade_submissions(
            root, pairs, workers=workers, on_done=bar.step, say=lambda m: print(m, file=sys.stderr), warm=warm,
            scheduler=scheduler,
        )
    api = instructor_api(root)
    results = []
    for lab, student in pairs:
        with quiet_nbgrader():
            result = api.autograde(lab, student, force=True, create=True)
        ok = bool(result["success"])
        error = "" if ok else " ".join((result.get("error") or "").strip().splitlines()[-1:])
        results.append({"lab": lab, "student": student, "ok": ok, "failure": None, "error": error})
        bar.step(ok)
    return results


def feedback(root: Path, labs: list[str] | None = None) -> int:
    """Generate feedback HTML for every graded submission and release it, unless it
    would show a student hidden-test or reference-solution text (see leaks.py)."""
    from .leaks import scan_feedback

    api = instructor_api(root)
    count = 0
    for lab in _check_labs(root, labs):
        with quiet_nbgrader():
            result = api.generate_feedback(lab, force=True)
            if not result["success"]:
                raise CourseError(f"feedback for {lab} failed: {result.get('error', '').strip().splitlines()[-1:]}")
        leaks = scan_feedback(root, lab)
        if leaks:
            page, found = next(iter(leaks.items()))
            raise CourseError(
                f"feedback for {lab} not released: {len(leaks)} file(s) show hidden tests or solution code, "
                f"e.g. {page.relative_to(root)}: {found[0]}"
            )
        with quiet_nbgrader():
            api.release_feedback(lab)
        count += len(list((root / "feedback").glob(f"*/{lab}/*.html")))
    return count


def score_table(root: Path) -> tuple[list[str], dict[str, dict[str, float | None]], dict[str, float]]:
    """(labs, {student: {lab: score or None}}, {lab: max score}) read from the gradebook."""
    from nbgrader.api import Gradebook

    api = instructor_api(root)
    with Gradebook(api.coursedir.db_url) as gb:
        labs = [a.name for a in sorted(gb.assignments, key=lambda a: a.name)]
        maxima = {a.name: float(a.max_score) for a in gb.assignments}
        table: dict[str, dict[str, float | None]] = {}
        for student in sorted(s.id for s in gb.students):
            row = {}
            for lab in labs:
                try:
                    row[lab] = float(gb.find_submission(lab, student).score)
                except Exception:  # MissingEntry: no submission for this lab
                    row[lab] = None
            table[student] = row
    return labs, table, maxima


def format_table(labs: list[str], table: dict, maxima: dict) -> str:
    short = [lab.split("_")[0] for lab in labs]
    header = f"{'student':<10}" + "".join(f"{s:>9}" for s in short) + f"{'total':>9}"
    lines = [header, "-" * len(header)]
    for student, row in table.items():
        cells = "".join(f"{'-' if row[lab] is None else format(row[lab], 'g'):>9}" for lab in labs)
        total = sum(v for v in row.values() if v is not None)
        lines.append(f"{student:<10}{cells}{total:>9g}")
    lines.append(f"{'(max)':<10}" + "".join(f"{maxima[lab]:>9g}" for lab in labs) + f"{sum(maxima.values()):>9g}")
    return "\n".join(lines)


def export_csv(root: Path, target: Path) -> Path:
    """One row per student, one column per lab, and the total: for an LMS gradebook."""
    labs, table, maxima = score_table(root)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", *labs, "total", "max_total"])
        for student, row in table.items():
            values = [row[lab] if row[lab] is not None else "" for lab in labs]
            writer.writerow([student, *values, sum(v for v in row.values() if v is not None), sum(maxima.values())])
    return target


# --- command-line glue ---------------------------------------------------------


def _root_and_labs(args):
    from .cli import _root

    root = _root(args)
    return root, (None if getattr(args, "all", False) else (args.labs or None))


def cmd_release(args) -> int:
    """Release labs to students through the course exchange (nbgrader release_assignment)."""
    root, labs = _root_and_labs(args)
    for lab in release(root, labs):
        print(f"released {lab}")
    return 0


def cmd_collect(args) -> int:
    """Collect submissions from the exchange into submitted/<student>/<lab>/."""
    root, labs = _root_and_labs(args)
    for lab, n in collect(root, labs).items():
        print(f"{lab}: {n} submission(s) collected")
    return 0


def cmd_grade(args) -> int:
    """Autograde collected submissions into the gradebook and print the score table."""
    root, labs = _root_and_labs(args)
    results = grade(
        root, labs, args.student or None, stock=args.stock, workers=args.workers, warm=not args.cold, scheduler=args.scheduler
    )
    failed = [r for r in results if not r["ok"]]
    for r in sorted(results, key=lambda r: (r["lab"], r["student"])):
        if r.get("failure"):
            print(f"{r['student']}/{r['lab']}: {r['failure']}")
    for r in failed:
        print(f"could not grade {r['student']}/{r['lab']}: {r['error']}")
    labs_, table, maxima = score_table(root)
    print(format_table(labs_, table, maxima))
    return 1 if failed else 0


def cmd_feedback(args) -> int:
    """Generate feedback HTML for graded submissions and release it to students."""
    root, labs = _root_and_labs(args)
    print(f"{feedback(root, labs)} feedback file(s) written under feedback/")
    return 0


def cmd_scores(args) -> int:
    """Print the per-student, per-lab score table from the gradebook."""
    from .cli import _root, print_json

    root = _root(args)
    labs, table, maxima = score_table(root)
    if args.json:
        print_json({"labs": labs, "max": maxima, "scores": table})
    else:
        print(format_table(labs, table, maxima))
    return 0


def cmd_export(args) -> int:
    """Export grades as CSV for an LMS gradebook (one row per student, one column per lab)."""
    from .cli import _root

    root = _root(args)
    print(f"wrote {export_csv(root, Path(args.csv))}")
    return 0


def register(add) -> None:
    for name, func, help_text in [
        ("release", cmd_release, "release labs to students (exchange)"),
        ("collect", cmd_collect, "collect submissions from the exchange"),
        ("grade", cmd_grade, "autograde collected submissions"),
        ("feedback", cmd_feedback, "generate and release feedback"),
    ]:
        p = add(name, func, help_text)
        p.add_argument("labs", nargs="*", help="lab ids (default: every lab)")
        p.add_argument("--all", action="store_true", help="every lab")
        if name == "grade":
            p.add_argument("--student", action="append", help="only this student (repeatable)")
            p.add_argument("--stock", action="store_true", help="grade sequentially with stock nbgrader autograde")
            p.add_argument("--workers", type=int, help="parallel executions (default: one per core)")
            p.add_argument("--cold", action="store_true", help="no warm template: a new interpreter per submission")
            p.add_argument(
                "--scheduler",
                metavar="ADDRESS",
                help="execute on a Dask distributed cluster, e.g. tcp://10.0.0.5:8786 "
                "(its workers must see the course folder at the same path); default: local processes",
            )
    p = add("scores", cmd_scores, "print the score table")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = add("export", cmd_export, "export grades as CSV")
    p.add_argument("--csv", default="grades.csv", help="output file (default: grades.csv)")
    from . import demo

    demo.register(add)
