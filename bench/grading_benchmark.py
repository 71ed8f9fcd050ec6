"""Grading throughput: stock `nbgrader autograde` against `dlgrade grade`, side by side.

For each lab it builds a fresh course, submits a generated class through the
real exchange (a mix of correct, partly done, wrong, empty, crashing and
looping submissions), then grades the same submissions twice in one run:
first with the stock command line `nbgrader autograde <lab> --force`, then
with `dlgrade grade <lab>`.  It prints wall time, submissions per minute,
peak memory of the grading process tree, the ratio, and the engine's
per-submission overhead above the notebook's own compute in a warm
interpreter.  Scores are compared too: a fast grader that disagrees is no
grader.

Two overhead figures are printed.  "overhead" spreads the whole run, start-up
included (importing TensorFlow, forking the template, opening the gradebook),
over the class.  "marginal" is what one more submission costs: a class of
`--overhead-size` correct submissions and a class of one correct submission
are graded in the same run, and the difference, per worker and per extra
submission, minus the warm compute of the notebook, is the engine's own cost.
Correct submissions are used because they run the whole notebook, which is
what the warm compute measures.

    python bench/grading_benchmark.py                     # 40 submissions, both labs
    python bench/grading_benchmark.py --size 12 --labs c1w2a2_logistic_regression
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


PERSONAS = ["correct", "correct", "partial", "wrong_values", "empty", "syntax_error", "import_error", "correct"]


def build_class_of(lab: str, personas: dict[str, str], folder: Path) -> Path:
    from autograder.demo import build_class as build

    return build(folder, personas, [lab])


def build_class(lab: str, size: int, folder: Path) -> Path:
    return build_class_of(lab, {f"s{i:03d}": PERSONAS[i % len(PERSONAS)] for i in range(size)}, folder)


def measured(command: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    """Run `command`; return (wall seconds, peak RSS in MiB of its process tree's largest process)."""
    wrapper = (
        "import resource, subprocess, sys, json\n"
        "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(json.dumps([code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))\n"
    )
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-c", wrapper, *command], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    seconds = time.monotonic() - started
    code, maxrss_kib = json.loads(out.stdout.strip().splitlines()[-1])
    if code != 0:
        print(f"  (note: {' '.join(command[:3])} exited with {code})")
    return seconds, maxrss_kib / 1024


def graded_seconds(lab: str, students: int, folder: Path, env: dict) -> float:
    """Wall time of `dlgrade grade` on a fresh class of `students` correct submissions."""
    bindir = str(Path(sys.executable).parent)
    root = build_class_of(lab, dict.fromkeys((f"c{i:03d}" for i in range(students)), "correct"), folder)
    seconds, _ = measured([f"{bindir}/dlgrade", "--course", str(root), "grade", lab], root, env)
    return seconds


def scores(root: Path) -> dict[str, float]:
    from autograder.workflow import score_table

    labs, table, _ = score_table(root)
    return {student: row[labs[0]] for student, row in table.items()}


def warm_compute_seconds(root: Path, lab: str) -> float:
    """The reference notebook's graded part (what the engine runs), timed in an already-warm interpreter."""
    import nbformat
    from IPython.core.interactiveshell import InteractiveShell

    from autograder.course import checks_of
    from autograder.trusted import plan_job

    os.environ["NBGRADER_EXECUTION"] = "autograde"
    nb = nbformat.read(root / "source" / lab / f"{lab}.ipynb", as_version=4)
    job, planned, _ = plan_job(nb, checks_of(lab, root))
    cwd = os.getcwd()
    scratch = Path(tempfile.mkdtemp())
    for item in (root / "source" / lab).iterdir():
        if item.is_file():
            shutil.copy2(item, scratch / item.name)
    os.chdir(scratch)
    sys.path.insert(0, str(scratch))
    try:
        times = []
        for _ in range(2):  # the first pass warms imports and caches; the second is the compute
            shell = InteractiveShell.instance()
            started = time.monotonic()
            for cell in job["cells"]:
                if cell["kind"] == "code":
                    shell.run_cell(cell["source"], silent=True, store_history=False)
            for plan in planned:  # the student's side of each check: one call per case
                if hasattr(plan.check, "generate_cases"):
                    for case in plan.cases:
                        plan.check.call(shell.user_ns[plan.check.function], case, shell.user_ns)
            times.append(time.monotonic() - started)
        return times[-1]
    finally:
        os.chdir(cwd)


def main() -> int:
    from autograder.notebook import native_stderr_silenced

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=40, help="submissions per lab (default 40)")
    parser.add_argument("--labs", nargs="*", default=["c1w2a2_logistic_regression", "c5w3a1_nmt_attention"])
    parser.add_argument("--overhead-size", type=int, default=21,
                        help="correct submissions in the class that measures the marginal overhead (default 21; "
                             "use several per worker, or parallel start-up hides the cost)")
    args = parser.parse_args()

    bindir = str(Path(sys.executable).parent)
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""), TF_CPP_MIN_LOG_LEVEL="3")
    rows = []
    for lab in args.labs:
        with tempfile.TemporaryDirectory(prefix="dlgrade-bench-") as scratch:
            print(f"{lab}: building a class of {args.size} submissions ...", flush=True)
            root = build_class(lab, args.size, Path(scratch) / "course")
            print("  grading with stock nbgrader autograde ...", flush=True)
            stock_s, stock_mb = measured([f"{bindir}/nbgrader", "autograde", lab, "--force"], root, env)
            stock_scores = scores(root)
            shutil.rmtree(root / "autograded")
            print("  grading with dlgrade grade ...", flush=True)
            ours_s, ours_mb = measured([f"{bindir}/dlgrade", "--course", str(root), "grade", lab], root, env)
            ours_scores = scores(root)
            # the notebook's own prints, and TensorFlow's start-up notices on fd 2
            with contextlib.redirect_stdout(io.StringIO()), native_stderr_silenced():
                warm = warm_compute_seconds(root, lab)
            workers = os.cpu_count() or 1
            overhead = ours_s * workers / args.size - warm
            print(f"  marginal cost: grading {args.overhead_size} correct submissions, then 1 ...", flush=True)
            many_s = graded_seconds(lab, args.overhead_size, Path(scratch) / "many", env)
            one_s = graded_seconds(lab, 1, Path(scratch) / "one", env)
            marginal = (many_s - one_s) * workers / (args.overhead_size - 1) - warm
            agree = sum(stock_scores[s] == ours_scores[s] for s in stock_scores)
            rows.append((lab, args.size, stock_s, ours_s, stock_mb, ours_mb, warm, overhead, marginal, agree))
            print(f"  stock {stock_s:.1f} s, ours {ours_s:.1f} s, ratio {stock_s / ours_s:.1f}x, same scores {agree}/{args.size}", flush=True)

    print()
    print(f"{'lab':<28}{'n':>4}{'stock s':>9}{'ours s':>8}{'stock/min':>10}{'ours/min':>9}{'ratio':>7}"
          f"{'stock MiB':>10}{'ours MiB':>9}{'warm s':>8}{'overhead s':>11}{'marginal s':>11}{'same scores':>12}")
    for lab, n, stock_s, ours_s, stock_mb, ours_mb, warm, overhead, marginal, agree in rows:
        print(f"{lab:<28}{n:>4}{stock_s:>9.1f}{ours_s:>8.1f}{n / stock_s * 60:>10.1f}{n / ours_s * 60:>9.1f}"
              f"{stock_s / ours_s:>6.1f}x{stock_mb:>10.0f}{ours_mb:>9.0f}{warm:>8.2f}{overhead:>11.2f}{marginal:>11.2f}"
              f"{f'{agree}/{n}':>12}")
    print(f"\n({os.cpu_count()} workers on {os.cpu_count()} cores; warm = the notebook's graded part in a warm interpreter;\n"
          " overhead = ours_s x workers / n - warm, start-up included;\n"
          f" marginal = (t[{args.overhead_size} correct] - t[1 correct]) x workers / {args.overhead_size - 1} - warm;\n"
          " peak memory = largest single process of the grading tree)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
