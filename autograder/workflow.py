"""Instructor workflow commands: release, collect, grade, feedback, scores, export.

Each is a thin, progress-reporting layer over nbgrader's own API, so that the
gradebook, the exchange and the feedback files are exactly nbgrader's.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .course import CourseError, select_labs
from .exports import export_csv
from .nbgrader_api import autograde_one, instructor_api, last_error_line, quiet_nbgrader

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


def release(root: Path, labs: list[str] | None = None, on_done=None) -> list[str]:
    """Release labs, ungraded ones included, to the exchange (nbgrader
    release_assignment); `on_done(ok)` after each."""
    from traitlets.config import Config

    api = instructor_api(root, Config({"ExchangeReleaseAssignment": {"force": True}}))
    done = []
    for lab in select_labs(root, labs, practice=True):
        with quiet_nbgrader():
            result = api.release_assignment(lab)
        if not result["success"]:
            raise CourseError(f"release of {lab} failed: {last_error_line(result)}")
        done.append(lab)
        if on_done:
            on_done(True)
    return done


def collect(root: Path, labs: list[str] | None = None, on_done=None) -> dict[str, int]:
    """Collect every submission of each lab from the exchange into submitted/; `on_done(ok)` after each lab."""
    api = instructor_api(root)
    counts = {}
    for lab in select_labs(root, labs):
        with quiet_nbgrader():
            result = api.collect(lab, update=True)
        if not result["success"]:
            raise CourseError(f"collect of {lab} failed: {last_error_line(result)}")
        counts[lab] = len(list((root / "submitted").glob(f"*/{lab}")))
        if on_done:
            on_done(True)
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
    from . import gradinglog

    labs = select_labs(root, labs)
    pairs = submissions(root, labs)
    unknown = sorted(set(students or ()) - {student for _, student in pairs})
    if unknown:
        known = sorted({student for _, student in pairs})
        raise CourseError(
            f"unknown student {unknown[0]!r}: no submission of {', '.join(labs)} in submitted/"
            + (f" (students with one: {', '.join(known[:10])}{' ...' if len(known) > 10 else ''})" if known else "")
        )
    pairs = [p for p in pairs if not students or p[1] in students]
    bar = Progress(len(pairs), "grading" + (" (stock nbgrader)" if stock else ""))
    if not stock:
        from .engine import grade_submissions

        results = grade_submissions(
            root, pairs, workers=workers, on_done=bar.step, say=lambda m: print(m, file=sys.stderr), warm=warm,
            scheduler=scheduler,
        )
        for r in results:
            r["seconds"] = round((r.get("execute_seconds") or 0) + r.get("record_seconds", 0), 2)
        gradinglog.record(root, results)
        return results
    api = instructor_api(root)
    results = []
    for lab, student in pairs:
        started = time.monotonic()
        ok, error = autograde_one(api, lab, student)
        results.append(
            {"lab": lab, "student": student, "ok": ok, "failure": None, "error": error,
             "seconds": round(time.monotonic() - started, 2)}
        )
        bar.step(ok)
    gradinglog.record(root, results)
    return results


def feedback(root: Path, labs: list[str] | None = None, on_done=None) -> int:
    """Generate feedback HTML for every graded submission and release it, unless it
    would show a student hidden-test or reference-solution text (see leaks.py)."""
    from .leaks import scan_feedback

    api = instructor_api(root)
    count = 0
    for lab in select_labs(root, labs):
        with quiet_nbgrader():
            result = api.generate_feedback(lab, force=True)
            if not result["success"]:
                raise CourseError(f"feedback for {lab} failed: {last_error_line(result)}")
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
        if on_done:
            on_done(True)
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


# --- command-line glue ---------------------------------------------------------


def _root_and_labs(args, practice: bool = False):
    from .cli import _labs, _root

    root = _root(args)
    return root, _labs(args, root, practice)


def _bar(args, total: int, label: str) -> Progress:
    """Progress on stderr for a person; none when the output is for a script."""
    return Progress(total, label, enabled=not getattr(args, "json", False) and sys.stderr.isatty())


def cmd_release(args) -> int:
    """Release labs to students through the course exchange (nbgrader release_assignment)."""
    from .cli import print_json

    root, labs = _root_and_labs(args, practice=True)
    done = release(root, labs, on_done=_bar(args, len(labs), "releasing").step)
    if args.json:
        print_json({"released": done})
    for lab in [] if args.json else done:
        print(f"released {lab}")
    return 0


def cmd_collect(args) -> int:
    """Collect submissions from the exchange into submitted/<student>/<lab>/."""
    from .cli import print_json

    root, labs = _root_and_labs(args)
    counts = collect(root, labs, on_done=_bar(args, len(labs), "collecting").step)
    if args.json:
        print_json({"collected": counts})
    for lab, n in [] if args.json else counts.items():
        print(f"{lab}: {n} submission(s) collected")
    return 0


def cmd_grade(args) -> int:
    """Autograde collected submissions into the gradebook and print the score table.

    Each submission runs isolated (see README, "How grading works"); failures are
    classified (timeout, out of memory, crash, exited, invalid notebook) and printed
    one per line. Exit status 1 when a submission could not be graded at all.
    """
    from .cli import print_json

    root, labs = _root_and_labs(args)
    results = grade(
        root, labs, args.student or None, stock=args.stock, workers=args.workers, warm=not args.cold, scheduler=args.scheduler
    )
    failed = [r for r in results if not r["ok"]]
    labs_, table, maxima = score_table(root)
    if args.json:
        keep = ("lab", "student", "ok", "failure", "error", "seconds")
        print_json({"results": [{k: r.get(k) for k in keep} for r in results], "labs": labs_, "max": maxima, "scores": table})
        return 1 if failed else 0
    for r in sorted(results, key=lambda r: (r["lab"], r["student"])):
        if r["ok"] and r.get("failure"):
            print(f"{r['student']}/{r['lab']}: {r['failure']}")
    for r in failed:
        print(f"could not grade {r['student']}/{r['lab']}: {r.get('failure') or r['error']}")
    print(format_table(labs_, table, maxima))
    return 1 if failed else 0


def cmd_feedback(args) -> int:
    """Generate feedback HTML for graded submissions and release it to students.

    Nothing is released if any file would show hidden-test or solution text.
    """
    from .cli import print_json

    root, labs = _root_and_labs(args)
    count = feedback(root, labs, on_done=_bar(args, len(labs), "feedback").step)
    if args.json:
        print_json({"feedback_files": count})
    else:
        print(f"{count} feedback file(s) written under feedback/")
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
    """Export grades: a CSV for an LMS gradebook (one row per student, one column per lab,
    totals) and/or a Gradescope results.json per graded submission (--gradescope DIR)."""
    from .cli import print_json
    from .exports import export_gradescope

    root, labs = _root_and_labs(args)
    written: dict[str, object] = {}
    if args.csv or not args.gradescope:
        written["csv"] = str(export_csv(root, Path(args.csv or "grades.csv")))
    if args.gradescope:
        _, table, _ = score_table(root)
        total = sum(row.get(lab) is not None for row in table.values() for lab in labs)
        paths = export_gradescope(
            root, Path(args.gradescope), labs, args.student or None, args.visibility,
            on_done=_bar(args, total, "gradescope").step,
        )
        written["gradescope"] = [str(p) for p in paths]
    if args.json:
        print_json(written)
    else:
        if "csv" in written:
            print(f"wrote {written['csv']}")
        if "gradescope" in written:
            print(f"wrote {len(written['gradescope'])} results.json file(s) under {args.gradescope}")
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
        p.add_argument("--json", action="store_true", help="machine-readable output on stdout")
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
    from .exports import VISIBILITY

    p = add("export", cmd_export, "export grades: CSV for an LMS, Gradescope results.json")
    p.add_argument("labs", nargs="*", help="lab ids (default: every lab)")
    p.add_argument("--csv", metavar="FILE", help="CSV file to write (the default, as grades.csv, when nothing else is asked)")
    p.add_argument("--gradescope", metavar="DIR", help="write DIR/<lab>/<student>/results.json")
    p.add_argument("--student", action="append", help="only this student (repeatable; Gradescope export)")
    p.add_argument("--visibility", choices=VISIBILITY, default="visible", help="Gradescope visibility (default: visible)")
    p.add_argument("--json", action="store_true", help="list the files written as JSON")
    from . import demo

    demo.register(add)
