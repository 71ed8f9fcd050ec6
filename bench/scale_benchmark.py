"""Scale: a generated class graded with 1 and 2 local workers and on a Dask cluster.

Builds one course with a class of `--size` submissions spread over several
labs (mixed correct, partial, wrong, empty and failing work, submitted
through the real nbgrader exchange), then grades the whole class three
times in one run:

1. the local pool with 1 worker,
2. the local pool with 2 workers,
3. a Dask distributed cluster (scheduler + 2 single-threaded worker
   processes, started here on loopback),

and prints submissions per minute, the peak memory of each worker (its
process and every sandbox it started, sampled twice a second), the grader's
own peak, and the scaling ratios.  Scores must agree across the three runs.

    python bench/scale_benchmark.py                 # 1,000 submissions (about an hour on 2 cores)
    python bench/scale_benchmark.py --size 60       # a quick look
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

LABS = ["c1w2a2_logistic_regression", "c2w1a2_regularization", "c5w2a1_word_vectors_debiasing"]
PERSONAS = ["correct", "correct", "partial", "wrong_values", "empty", "syntax_error", "correct", "import_error"]


class PeakMemory:
    """Samples the resident memory of process trees: the roots given by `roots()`, each with its descendants."""

    def __init__(self, roots) -> None:
        self.roots = roots
        self.peaks: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self.stop.wait(0.5):
            for pid in self.roots():
                try:
                    root = psutil.Process(pid)
                    tree = [root, *root.children(recursive=True)]
                    rss = sum(p.memory_info().rss for p in tree if p.is_running())
                except psutil.Error:
                    continue
                self.peaks[pid] = max(self.peaks.get(pid, 0.0), rss / 2**20)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def grade_and_measure(course: Path, pairs, label: str, workers: int, scheduler=None, worker_pids=None) -> dict:
    import psutil

    from autograder.engine import grade_submissions

    me = psutil.Process()
    if worker_pids is None:  # the local pool's processes are this process's children (minus helpers)

        def worker_pids():
            return [p.pid for p in me.children() if "python" in (p.name() or "")]

    print(f"{label}: grading {len(pairs)} submissions ...", flush=True)
    done = [0]
    started = time.monotonic()

    def progress(ok: bool) -> None:
        done[0] += 1
        if done[0] % 50 == 0 or done[0] == len(pairs):
            rate = done[0] / (time.monotonic() - started) * 60
            print(f"  {done[0]}/{len(pairs)} graded, {rate:.0f}/min", flush=True)

    with PeakMemory(worker_pids) as memory:
        results = grade_submissions(course, pairs, workers=workers, on_done=progress, scheduler=scheduler)
    seconds = time.monotonic() - started
    from autograder.workflow import score_table

    _, table, _ = score_table(course)
    return {
        "label": label,
        "seconds": seconds,
        "per_minute": len(pairs) / seconds * 60,
        "worker_peak_mib": max(memory.peaks.values(), default=0.0),
        "grader_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "failed": sum(not r["ok"] for r in results),
        # the grader's serial step (nbgrader's bookkeeping): it bounds the rate whatever the cluster size
        "record_s": sum(r["record_seconds"] for r in results) / max(len(results), 1),
        "scores": table,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="submissions in the class (default 1000)")
    parser.add_argument("--labs", nargs="*", default=LABS, help="labs the class is spread over")
    args = parser.parse_args()

    from autograder.demo import build_class
    from autograder.localservices import dask_cluster
    from autograder.workflow import submissions

    per_lab = -(-args.size // len(args.labs))
    students = {f"s{i:04d}": PERSONAS[i % len(PERSONAS)] for i in range(per_lab)}
    with tempfile.TemporaryDirectory(prefix="dlgrade-scale-") as scratch:
        started = time.monotonic()
        print(f"building a class: {len(students)} students x {len(args.labs)} labs ...", flush=True)
        course = build_class(Path(scratch) / "course", students, args.labs)
        pairs = submissions(course, args.labs)[: args.size]
        print(f"  {len(pairs)} submissions in {time.monotonic() - started:.0f} s", flush=True)

        rows = [
            grade_and_measure(course, pairs, "local, 1 worker", 1),
            grade_and_measure(course, pairs, "local, 2 workers", 2),
        ]
        with dask_cluster(workers=2) as cluster:
            rows.append(
                grade_and_measure(
                    course, pairs, "Dask, 2 workers", 2, cluster.address, lambda: [p.pid for p in cluster.workers]
                )
            )

    base = rows[0]
    print()
    print(f"{'grading':<20}{'n':>6}{'seconds':>9}{'per min':>9}{'vs 1 worker':>13}{'worker peak MiB':>17}"
          f"{'grader MiB':>12}{'record s':>10}{'failed':>8}{'same scores':>13}")  # fmt: skip
    for row in rows:
        same = row["scores"] == base["scores"]
        print(f"{row['label']:<20}{len(pairs):>6}{row['seconds']:>9.0f}{row['per_minute']:>9.1f}"
              f"{row['per_minute'] / base['per_minute']:>12.2f}x{row['worker_peak_mib']:>17.0f}"
              f"{row['grader_peak_mib']:>12.0f}{row['record_s']:>10.2f}{row['failed']:>8}{'yes' if same else 'NO':>13}")  # fmt: skip
    print(f"\n({os.cpu_count()} cores; worker peak = largest worker's process plus its sandboxes;"
          " record s = the grader's serial recording step per submission, mean;"
          " 'failed' = submissions nbgrader could not record)")  # fmt: skip
    ceiling = 60 / max(row["record_s"] for row in rows)
    print(f"ceiling of one grader process, whatever the number of workers: about {ceiling:.0f} submissions per minute")
    return 0 if all(row["scores"] == base["scores"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
