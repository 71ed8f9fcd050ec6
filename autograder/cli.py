"""`dlgrade`: the instructor's command line.

Each subcommand is a thin layer over one module; errors a person can fix are
reported as one line and a nonzero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .course import CourseError, find_course_root, practice_lab_ids, select_labs

EPILOG_EXAMPLES = {
    "build": "example: dlgrade build c1w2a2_logistic_regression",
    "try": "example: dlgrade try c1w2a2_logistic_regression --stub",
    "release": "example: dlgrade release --all",
    "collect": "example: dlgrade collect c1w2a2_logistic_regression",
    "grade": "example: dlgrade grade --all",
    "feedback": "example: dlgrade feedback --all",
    "export": "example: dlgrade export --csv grades.csv --gradescope gradescope/",
    "scores": "example: dlgrade scores --json",
    "demo": "example: dlgrade demo --dir /tmp/dl-demo",
    "contract": "example: dlgrade contract",
    "report": "example: dlgrade report --out reports/  (then open reports/index.html)",
    "lab": "example: dlgrade lab --student ada  (or: dlgrade lab --instructor, for the formgrader)",
}


def _root(args) -> Path:
    root = Path(args.course).resolve() if args.course else find_course_root()
    if not (root / "nbgrader_config.py").is_file():
        raise CourseError(f"{root} is not a course folder (no nbgrader_config.py)")
    return root


def _labs(args, root: Path, practice: bool = False) -> list[str]:
    """The labs named on the command line (all when none); `practice` admits ungraded labs."""
    return select_labs(root, None if getattr(args, "all", False) else args.labs, practice)


# --- build -----------------------------------------------------------------


def cmd_build(args) -> int:
    """Source notebooks from authoring/, then release/ through nbgrader generate_assignment."""
    from .authoring import build_source
    from .releasing import generate_release

    root = _root(args)
    labs = args.labs or sorted(p.stem for p in (root / "authoring").glob("*.py"))
    for lab in labs:
        path = build_source(lab, root)
        generate_release(root, lab)
        print(f"built {path.relative_to(root)} and release/{lab}/")
    return 0


# --- try -------------------------------------------------------------------


def _run_in_scratch(root: Path, origin: Path, lab: str, stub: bool = False):
    """Run a copy of `origin` (a lab folder) in a scratch folder; the finished NotebookRun."""
    from .execute import run_notebook

    with tempfile.TemporaryDirectory(prefix=f"dlgrade-try-{lab}-") as scratch:
        work = Path(scratch) / lab
        shutil.copytree(origin, work)
        if stub:
            # Hidden tests are stripped from the release; grade the stub as nbgrader would.
            from .releasing import restore_hidden_tests

            restore_hidden_tests(root, lab, work / f"{lab}.ipynb")
        return run_notebook(work / f"{lab}.ipynb", work)


def cmd_try(args) -> int:
    """Run a lab's source (or released stub) notebook in a scratch folder and show its scores."""
    from .execute import cell_errors, cell_scores

    root = _root(args)
    practice = practice_lab_ids(root)
    failures = 0
    for lab in _labs(args, root, practice=True):
        if lab in practice:
            failures += _try_practice_lab(root, lab, args.verbose)
            continue
        origin = root / ("release" if args.stub else "source") / lab
        run = _run_in_scratch(root, origin, lab, stub=args.stub)
        scores = cell_scores(run.notebook)
        earned = sum(p for p, _ in scores.values())
        total = sum(m for _, m in scores.values())
        print(f"{lab}: {earned:g} / {total:g} points in {run.seconds:.1f} s" + (f" ({run.failure})" if run.failure else ""))
        for grade_id, (points, max_points) in scores.items():
            print(f"  {grade_id}: {points:g} / {max_points:g}")
        if args.verbose or (not args.stub and earned < total):
            for line in cell_errors(run.notebook):
                print("  !", line)
        expected = 0 if args.stub else total
        failures += earned != expected
    return 1 if failures else 0


def _try_practice_lab(root: Path, lab: str, verbose: bool) -> int:
    """Run an ungraded lab and report its self-checks; 1 when a cell failed."""
    from .execute import cell_errors, self_checks_passed

    run = _run_in_scratch(root, root / "source" / lab, lab)
    errors = cell_errors(run.notebook)
    passed = self_checks_passed(run.notebook)
    verdict = "FAILED" if errors or run.failure else "ran cleanly"
    print(f"{lab}: ungraded, {len(passed)} self-check(s) passed, {verdict} in {run.seconds:.1f} s"
          + (f" ({run.failure})" if run.failure else ""))
    if verbose:
        for claim in passed:
            print("  ok", claim)
    for line in errors:
        print("  !", line)
    return 1 if errors or run.failure else 0


# --- entry point -------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dlgrade",
        description="Author, release, collect and grade the Deep Learning course's nbgrader labs.",
        epilog="Run 'dlgrade COMMAND --help' for each command. Course folder: --course, "
        "else the nearest folder with nbgrader_config.py and solutions/.",
    )
    parser.add_argument("--course", help="course folder (default: found from the current folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, func, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=(func.__doc__ or help_text).strip(),
            epilog=EPILOG_EXAMPLES.get(name),
        )
        p.set_defaults(func=func)
        return p

    p = add("build", cmd_build, "build source notebooks from authoring/ and regenerate release/")
    p.add_argument("labs", nargs="*", help="lab ids (default: every lab in authoring/)")

    p = add("try", cmd_try, "run a lab notebook and print its per-check scores")
    p.add_argument("labs", nargs="*", help="lab ids (default: all)")
    p.add_argument("--all", action="store_true", help="every lab")
    p.add_argument("--stub", action="store_true", help="run the released stub (expects zero points)")
    p.add_argument("-v", "--verbose", action="store_true", help="show cell errors even when all is well")

    for module in _extra_commands():
        module.register(add)
    return parser


def _extra_commands():
    from . import contract, labserver, reports, workflow

    return [workflow, contract, reports, labserver]


def main(argv: list[str] | None = None) -> int:
    # TensorFlow's C++ start-up lines are noise for a command-line user
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("GLOG_minloglevel", "3")
    parser = build_parser()
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        code = args.func(args)
    except CourseError as exc:
        print(f"dlgrade {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"dlgrade {args.command}: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # a file or folder that cannot be read or written
        where = f": {exc.filename}" if exc.filename else ""
        print(f"dlgrade {args.command}: {exc.strerror or exc}{where}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug, or a broken nbgrader_config.py: one line unless asked
        if os.environ.get("DLGRADE_DEBUG"):
            raise
        text = (str(exc).strip().splitlines() or [""])[0][:300]
        print(f"dlgrade {args.command}: {type(exc).__name__}: {text} (DLGRADE_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 1
    if getattr(args, "json", False) is False and args.command not in ("scores", "export"):
        print(f"({args.command} took {time.monotonic() - started:.1f} s)", file=sys.stderr)
    return code


def print_json(data) -> None:
    print(json.dumps(data, indent=2, sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
