"""Static HTML reports: one per lab and one for the course, readable at a glance.

An instructor wants to know after grading: how scores spread, which checks
the class found hardest, which submissions broke the grader and how
(timeout, out of memory, crash, ...), who was late, and how long grading
took.  Everything comes from the nbgrader gradebook (scores per check cell,
the engine's "Grading note" comments, lateness) plus the grading log for
times.  Each page is one self-contained file: CSS inline, plots drawn with
matplotlib and embedded as base64 PNGs, no scripts, nothing fetched.
"""

from __future__ import annotations

import base64
import html
import io
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CheckStats", "LabStats", "lab_stats", "failure_class", "render_lab", "render_course", "write_reports"]

# Failure notes as the engine words them (trusted.classify, engine), first match wins.
FAILURE_CLASSES = [
    ("timeout", "timeout"),
    ("out of memory", "out of memory"),
    ("killed by signal SIGKILL", "out of memory"),
    ("kernel crash", "crash"),
    ("killed by signal", "killed"),
    ("exited", "exited early"),
    ("invalid notebook", "invalid notebook"),
    ("missing notebook", "missing notebook"),
    ("worker error", "grader error"),
]


def failure_class(note: str) -> str:
    """The class of a grading failure note ("timeout", "out of memory", "crash", ...)."""
    text = note.removeprefix("Grading note:").strip()
    for prefix, name in FAILURE_CLASSES:
        if text.startswith(prefix):
            return name
    return "other"


@dataclass
class CheckStats:
    name: str
    max_score: float
    scores: dict[str, float] = field(default_factory=dict)  # student -> points

    @property
    def failed(self) -> list[str]:
        return sorted(s for s, v in self.scores.items() if v < self.max_score)

    @property
    def failure_rate(self) -> float:
        return len(self.failed) / len(self.scores) if self.scores else 0.0


@dataclass
class LabStats:
    lab: str
    max_score: float
    scores: dict[str, float] = field(default_factory=dict)
    checks: list[CheckStats] = field(default_factory=list)
    failures: dict[str, dict[str, str]] = field(default_factory=dict)  # class -> {student: note}
    late: dict[str, float] = field(default_factory=dict)  # student -> seconds late
    seconds: dict[str, float] = field(default_factory=dict)  # student -> grading seconds

    def hardest_first(self) -> list[CheckStats]:
        return sorted(self.checks, key=lambda c: (-c.failure_rate, c.name))


def lab_stats(root: Path, lab: str) -> LabStats:
    """Everything a lab report shows, read from the gradebook and the grading log."""
    from nbgrader.api import Gradebook, MissingEntry

    from . import gradinglog
    from .nbgrader_api import course_config

    log = gradinglog.load(root).get(lab, {})
    with Gradebook(course_config(root).CourseDirectory.db_url) as gb:
        try:
            assignment = gb.find_assignment(lab)
        except MissingEntry:  # never generated or graded: an empty page, not an error
            return LabStats(lab, 0.0)
        stats = LabStats(lab, float(assignment.max_score))
        checks: dict[str, CheckStats] = {}
        for submission in assignment.submissions:
            student = submission.student.id
            stats.scores[student] = float(submission.score)
            if submission.total_seconds_late and submission.total_seconds_late > 0:
                stats.late[student] = float(submission.total_seconds_late)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    check = checks.setdefault(grade.name, CheckStats(grade.name.removeprefix("test-"), float(grade.max_score)))
                    check.scores[student] = float(grade.score or 0.0)
                for comment in notebook.comments:
                    note = comment.auto_comment or ""
                    if note.startswith("Grading note:"):
                        stats.failures.setdefault(failure_class(note), {})[student] = note.removeprefix("Grading note:").strip()
        stats.checks = list(checks.values())
    for student, entry in log.items():
        if entry.get("seconds") is not None:
            stats.seconds[student] = float(entry["seconds"])
        noted = any(student in by for by in stats.failures.values())
        if not entry.get("ok", True) and entry.get("failure") and not noted:
            stats.failures.setdefault(failure_class(entry["failure"]), {})[student] = entry["failure"]
    return stats


# --- plots ------------------------------------------------------------------------


def _figure(width: float = 7.0, height: float = 3.4):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 11, "axes.titlesize": 13, "axes.spines.top": False, "axes.spines.right": False})
    return plt.subplots(figsize=(width, height), dpi=100)


def _png(fig) -> str:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _img(png: str, alt: str) -> str:
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{png}">'


def plot_scores(scores: list[float], maximum: float, title: str, xlabel: str = "score") -> str:
    fig, ax = _figure()
    bins = max(5, min(20, int(maximum) + 1)) if maximum > 0 else 5
    ax.hist(scores, bins=bins, range=(0, maximum or 1), color="#4c72b0", edgecolor="white")
    if scores:
        ax.axvline(statistics.mean(scores), color="#dd8452", linewidth=2, label=f"mean {statistics.mean(scores):.3g}")
        ax.axvline(statistics.median(scores), color="#55a868", linewidth=2, linestyle="--", label=f"median {statistics.median(scores):.3g}")
        ax.legend(frameon=False)
    ax.set(title=title, xlabel=xlabel, ylabel="students")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _img(_png(fig), title)


def plot_barh(labels: list[str], values: list[float], title: str, xlabel: str, color: str, percent: bool = False) -> str:
    fig, ax = _figure(7.0, max(2.0, 0.42 * len(labels) + 1.2))
    positions = list(range(len(labels)))[::-1]  # first label on top
    ax.barh(positions, values, color=color)
    ax.set_yticks(positions, labels)
    for y, v in zip(positions, values, strict=True):
        ax.text(v, y, f" {v:.0%}" if percent else f" {v:g}", va="center")
    if percent:
        ax.set_xlim(0, 1.12)
        ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    else:
        ax.set_xlim(0, max(values or [1]) * 1.15 + 0.5)
        ax.xaxis.get_major_locator().set_params(integer=True)  # counts
    ax.set(title=title, xlabel=xlabel)
    return _img(_png(fig), title)


# --- pages ------------------------------------------------------------------------

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:60em;color:#222;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em} h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.cards{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}
.card{border:1px solid #ddd;border-radius:6px;padding:.5em 1em;min-width:8em}
.card b{display:block;font-size:1.5em}
table{border-collapse:collapse;margin:.6em 0} th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left}
th{background:#f4f4f4} td.num{text-align:right} .muted{color:#666} img{max-width:100%}
"""


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{CSS}</style></head><body>\n{body}\n</body></html>\n"
    )


def _cards(items: list[tuple[str, str]]) -> str:
    return '<div class="cards">' + "".join(f'<div class="card"><b>{html.escape(v)}</b>{html.escape(k)}</div>' for k, v in items) + "</div>"


def _table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td{" class=num" if i in numeric else ""}>{html.escape(str(v))}</td>' for i, v in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.1f} s"
    hours, rest = divmod(int(seconds), 3600)
    return f"{hours} h {rest // 60:02d} min" if hours else f"{rest // 60} min {rest % 60:02d} s"


def render_lab(stats: LabStats) -> str:
    """The lab's report page (one self-contained HTML document)."""
    scores = list(stats.scores.values())
    n = len(scores)
    parts = [f"<h1>{html.escape(stats.lab)}</h1><p class=muted>Lab report from the gradebook. <a href='index.html'>Course report</a></p>"]
    failures = sum(len(v) for v in stats.failures.values())
    parts.append(
        _cards(
            [
                ("submissions graded", str(n)),
                ("mean score", f"{statistics.mean(scores):.3g} / {stats.max_score:g}" if scores else "-"),
                ("full marks", str(sum(s >= stats.max_score for s in scores))),
                ("grading failures", str(failures)),
                ("late", str(len(stats.late))),
                ("median grading time", _duration(statistics.median(stats.seconds.values())) if stats.seconds else "-"),
            ]
        )
    )
    parts.append("<h2>Score distribution</h2>")
    parts.append(plot_scores(scores, stats.max_score, f"Scores ({n} submissions)", f"score out of {stats.max_score:g}") if n else "<p>No graded submissions.</p>")

    parts.append("<h2>Checks, hardest first</h2>")
    hardest = stats.hardest_first()
    if hardest:
        parts.append(
            plot_barh([c.name for c in hardest], [c.failure_rate for c in hardest], "Share of submissions failing each check", "submissions below full marks", "#c44e52", percent=True)
        )
        rows = [
            [c.name, f"{c.failure_rate:.0%}", f"{statistics.mean(c.scores.values()):.3g} / {c.max_score:g}", ", ".join(c.failed) or "-"]
            for c in hardest
        ]
        parts.append(_table(["check", "failing", "mean points", "students below full marks"], rows, {1, 2}))

    parts.append("<h2>Grading failures</h2>")
    if stats.failures:
        classes = sorted(stats.failures, key=lambda k: (-len(stats.failures[k]), k))
        parts.append(plot_barh(classes, [len(stats.failures[k]) for k in classes], "Submissions by failure class", "submissions", "#8172b3"))
        rows = [[k, student, note] for k in classes for student, note in sorted(stats.failures[k].items())]
        parts.append(_table(["class", "student", "what the grader recorded"], rows))
    else:
        parts.append("<p>Every submission ran to the end: no timeouts, memory errors or crashes.</p>")

    parts.append("<h2>Late submissions</h2>")
    if stats.late:
        rows = [[s, _duration(sec)] for s, sec in sorted(stats.late.items(), key=lambda x: -x[1])]
        parts.append(_table(["student", "late by"], rows, {1}))
    else:
        parts.append("<p>No late submissions.</p>")

    parts.append("<h2>Grading time</h2>")
    if stats.seconds:
        times = list(stats.seconds.values())
        top = max(times)
        fig, ax = _figure()
        ax.hist(times, bins=min(20, max(5, len(times))), range=(0, top * 1.05 or 1), color="#55a868", edgecolor="white")
        ax.set(title="Grading time per submission", xlabel="seconds", ylabel="submissions")
        ax.yaxis.get_major_locator().set_params(integer=True)
        parts.append(_img(_png(fig), "Grading time per submission"))
        slowest = sorted(stats.seconds.items(), key=lambda x: -x[1])[:5]
        parts.append(
            f"<p>Total {_duration(sum(times))}, mean {_duration(statistics.mean(times))}, slowest: "
            + ", ".join(f"{html.escape(s)} ({_duration(t)})" for s, t in slowest)
            + ".</p>"
        )
    else:
        parts.append("<p>No grading times recorded (grade with <code>dlgrade grade</code> to record them).</p>")
    return _page(f"{stats.lab}: lab report", "\n".join(parts))


def render_course(labs: list[LabStats], course_id: str) -> str:
    """The course page: every lab side by side, and students' totals."""
    parts = [f"<h1>{html.escape(course_id)}: course report</h1><p class=muted>From the gradebook; one page per lab below.</p>"]
    graded = [s for s in labs if s.scores]
    students = sorted({student for s in labs for student in s.scores})
    course_max = sum(s.max_score for s in labs)
    totals = [sum(s.scores.get(student, 0.0) for s in labs) for student in students]
    parts.append(
        _cards(
            [
                ("labs", str(len(labs))),
                ("students", str(len(students))),
                ("submissions graded", str(sum(len(s.scores) for s in labs))),
                ("grading failures", str(sum(len(v) for s in labs for v in s.failures.values()))),
                ("late submissions", str(sum(len(s.late) for s in labs))),
            ]
        )
    )
    if graded:
        parts.append("<h2>Labs</h2>")
        parts.append(
            plot_barh(
                [s.lab for s in graded],
                [statistics.mean(s.scores.values()) / s.max_score if s.max_score else 0.0 for s in graded],
                "Mean score per lab (share of the maximum)", "mean score", "#4c72b0", percent=True,
            )
        )
    rows = []
    for s in labs:
        scores = list(s.scores.values())
        hardest = s.hardest_first()[0] if s.checks else None
        rows.append(
            [
                s.lab,
                str(len(scores)),
                f"{statistics.mean(scores):.3g} / {s.max_score:g}" if scores else "-",
                f"{hardest.name} ({hardest.failure_rate:.0%})" if hardest else "-",
                ", ".join(f"{k} {len(v)}" for k, v in sorted(s.failures.items())) or "-",
                str(len(s.late)),
                _duration(sum(s.seconds.values())) if s.seconds else "-",
            ]
        )
    table = _table(["lab", "graded", "mean", "hardest check", "failures", "late", "grading time"], rows, {1, 2, 5, 6})
    for s in labs:  # each lab name links to its page
        table = table.replace(f"<td>{html.escape(s.lab)}</td>", f'<td><a href="{html.escape(s.lab)}.html">{html.escape(s.lab)}</a></td>', 1)
    parts.append(table)
    if students:
        parts.append("<h2>Students' totals</h2>")
        parts.append(plot_scores(totals, course_max, f"Course totals ({len(students)} students)", f"total out of {course_max:g}"))
    return _page(f"{course_id}: course report", "\n".join(parts))


def write_reports(root: Path, target: Path, labs: list[str], on_done: Callable[[bool], None] | None = None) -> list[Path]:
    """Write `target/<lab>.html` for each lab and `target/index.html` for the course."""
    from .nbgrader_api import course_config

    target.mkdir(parents=True, exist_ok=True)
    written, all_stats = [], []
    for lab in labs:
        stats = lab_stats(root, lab)
        all_stats.append(stats)
        path = target / f"{lab}.html"
        path.write_text(render_lab(stats))
        written.append(path)
        if on_done:
            on_done(True)
    index = target / "index.html"
    index.write_text(render_course(all_stats, course_config(root).CourseDirectory.course_id))
    return [index, *written]


# --- command line -------------------------------------------------------------------


def cmd_report(args) -> int:
    """Write static HTML reports from the gradebook: one page per lab (score distribution,
    checks by failure rate, failure classes, late submissions, grading time) and a course page."""
    from .cli import print_json
    from .workflow import _bar, _root_and_labs

    root, labs = _root_and_labs(args)
    paths = write_reports(root, Path(args.out), labs, on_done=_bar(args, len(labs), "reports").step)
    if args.json:
        print_json({"reports": [str(p) for p in paths]})
    else:
        print(f"wrote {len(paths)} report(s); open {paths[0]}")
    return 0


def register(add) -> None:
    p = add("report", cmd_report, "HTML reports per lab and for the course")
    p.add_argument("labs", nargs="*", help="lab ids (default: every lab)")
    p.add_argument("--out", default="reports", help="output folder (default: reports/)")
    p.add_argument("--json", action="store_true", help="list the files written as JSON")
