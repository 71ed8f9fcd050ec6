"""Find hidden-test source or reference-solution text in what students are given back.

Feedback HTML is rendered from autograded notebooks, which carry the hidden
tests restored by nbgrader; one wrong setting and every student can read them.
This scanner is the last gate before `dlgrade feedback` releases anything:
it lists every line of hidden tests, solution regions and `solutions/<lab>.py`
that shows up in a feedback file, except lines the student could already see
(the released notebook) or wrote themselves (their submission).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

__all__ = ["Secrets", "lab_secrets", "visible_text", "find_leaks", "scan_feedback"]

# Shorter lines ("return s", "pass", "m = X.shape[1]") are too generic to prove a leak.
MIN_LINE = 16


@dataclass
class Secrets:
    """The lines of a lab that students must never be shown, by kind."""

    hidden_tests: set[str]
    solution: set[str]

    def minus(self, seen: str) -> Secrets:
        """Without the lines that `seen` (text the student already has) contains anywhere,
        e.g. a formula quoted in a sentence of the released notebook's Markdown."""
        shown = _as_read(seen)
        return Secrets(
            {x for x in self.hidden_tests if _as_read(x) not in shown},
            {x for x in self.solution if _as_read(x) not in shown},
        )


def _as_read(text: str) -> str:
    """Text as a reader sees it: Markdown's code backticks gone, runs of white space as one space."""
    return " ".join(text.replace("`", "").split())


def _lines(text: str) -> set[str]:
    return {s for s in (line.strip() for line in text.splitlines()) if len(s) >= MIN_LINE and re.search(r"\w", s)}


def _regions(source: str, begin: str, end: str) -> str:
    inside, kept = False, []
    for line in source.splitlines():
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside:
            kept.append(line)
    return "\n".join(kept)


def _notebook_text(path: Path) -> str:
    if not path.is_file():
        return ""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # an unreadable submission hides nothing from the scan
        return ""
    return "\n".join(cell.source for cell in nb.cells)


def lab_secrets(root: Path, lab: str) -> Secrets:
    """Hidden-test and solution lines of `lab`, less everything its released notebook shows."""
    source = nbformat.read(root / "source" / lab / f"{lab}.ipynb", as_version=4)
    hidden = "\n".join(_regions(c.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS") for c in source.cells)
    solution = "\n".join(_regions(c.source, "BEGIN SOLUTION", "END SOLUTION") for c in source.cells)
    reference = root / "solutions" / f"{lab}.py"
    if reference.is_file():
        solution += "\n" + reference.read_text()
    released = _notebook_text(root / "release" / lab / f"{lab}.ipynb")
    return Secrets(_lines(hidden), _lines(solution)).minus(released)


def visible_text(page: str) -> str:
    """What a reader of an HTML page sees as text (syntax highlighting split into spans undone)."""
    page = re.sub(r"(?is)<(style|script)\b.*?</\1\s*>", "", page)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def find_leaks(text: str, secrets: Secrets) -> list[str]:
    """Each secret line present in `text`, labelled with its kind."""
    found = [f"hidden test: {line}" for line in sorted(secrets.hidden_tests) if line in text]
    found += [f"reference solution: {line}" for line in sorted(secrets.solution) if line in text]
    return found


def scan_feedback(root: Path, lab: str) -> dict[Path, list[str]]:
    """Leaks in every feedback file of `lab`, by file (files without leaks are left out)."""
    secrets = lab_secrets(root, lab)
    leaks: dict[Path, list[str]] = {}
    for page in sorted((root / "feedback").glob(f"*/{lab}/*.html")):
        student = page.parent.parent.name
        own = _notebook_text(root / "submitted" / student / lab / f"{page.stem}.ipynb")
        found = find_leaks(visible_text(page.read_text(errors="replace")), secrets.minus(own))
        if found:
            leaks[page] = found
    return leaks
