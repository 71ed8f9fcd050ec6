"""Grading on a real Dask distributed cluster (scheduler and two worker processes on
loopback): every submission ends graded exactly once, with the same scores as local
grading, even when a worker is killed in the middle of the class."""

from __future__ import annotations

import time

import pytest

LAB = "c1w2a2_logistic_regression"
PERSONAS = ["correct", "partial", "wrong_values", "empty", "syntax_error", "correct"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    from autograder.demo import build_class

    students = {f"s{i:02d}": PERSONAS[i % len(PERSONAS)] for i in range(14)}
    return build_class(tmp_path_factory.mktemp("scale") / "course", students, [LAB])


def _gradebook_rows(course) -> dict[tuple[str, str], float]:
    from nbgrader.api import Gradebook

    from autograder.nbgrader_api import course_config

    rows = {}
    with Gradebook(course_config(course).CourseDirectory.db_url) as gb:
        for submission in gb.find_assignment(LAB).submissions:
            key = (LAB, submission.student.id)
            assert key not in rows, f"two gradebook rows for {key}"
            rows[key] = submission.score
    return rows


def test_a_worker_killed_mid_class_loses_no_grade(course):
    from distributed import Client

    from autograder.engine import grade_submissions
    from autograder.localservices import dask_cluster
    from autograder.workflow import submissions

    pairs = submissions(course, [LAB])
    local = grade_submissions(course, pairs)
    local_scores = _gradebook_rows(course)
    assert len(local) == len(pairs) and all(r["ok"] for r in local)

    killed: dict = {}
    with dask_cluster(workers=2) as cluster, Client(cluster.address, set_as_default=False) as observer:
        done = []

        def on_done(ok: bool) -> None:
            done.append(ok)
            if len(done) == 3 and not killed:
                # kill the worker while it holds a submission, as a crashed machine would
                for _ in range(200):
                    busy = {w: keys for w, keys in observer.processing().items() if keys}
                    info = observer.scheduler_info()["workers"]
                    victim = next((w for w in busy if info[w]["name"] == cluster.worker_names[0]), None)
                    if victim:
                        killed["tasks"] = list(busy[victim])
                        cluster.kill_worker(0)
                        return
                    time.sleep(0.05)

        results = grade_submissions(course, pairs, on_done=on_done, scheduler=cluster.address)

    assert killed.get("tasks"), "the worker was never caught holding a submission"
    graded = sorted((r["lab"], r["student"]) for r in results)
    assert graded == sorted(pairs), "every submission is recorded exactly once"
    assert all(r["ok"] for r in results)
    assert not any("worker error" in (r["failure"] or "") for r in results), results
    assert _gradebook_rows(course) == local_scores
