"""Build a lab's nbgrader source notebook from its authoring file.

A lab is written as plain text in ``authoring/<lab>.py``, a sequence of cells
opened by marker lines:

``# %% [markdown]``
    teaching text; each line starts with ``# `` (stripped).
``# %% [setup]``
    the locked first cell (silences logs, seeds, names the lab).
``# %% [given]``
    read-only code the student runs (imports, data, plots).
``# %% [code]``
    an ordinary code cell (experiments the student may change).
``# %% [solution] NAME [NAME ...]``
    the graded functions NAME, copied from ``solutions/<lab>.py`` with their
    bodies inside ``### BEGIN SOLUTION`` / ``### END SOLUTION``; any text
    under the marker follows the functions.
``# %% [solution-cell] NAME``
    a graded cell whose code is the string ``CELL_<NAME>`` of the reference
    module, wrapped as a solution region.
``# %% [tests] NAME``
    the autograded test cell of check NAME: the visible text under the
    marker (public tests), then the hidden section that calls the check.  Its
    points come from the check's declaration.
``# %% [questions]``
    a concept-check quiz's questions, one block per check in declaration
    order: a heading with the question's points, ``show_question(NAME)``,
    an answer cell ``NAME = None`` and its test cell.

Because solution regions are generated from the reference module, the
notebook and ``solutions/<lab>.py`` cannot drift apart; a test also
re-parses both and compares their syntax trees.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .course import CourseError, checks_of, load_reference

__all__ = ["build_source", "parse_authoring", "extract_function"]

MARKER = re.compile(r"^# %% \[(markdown|setup|given|code|solution|solution-cell|tests|questions)\](.*)$")


@dataclass
class AuthoredCell:
    kind: str
    names: list[str]
    body: str
    line: int = 0
    extra: dict = field(default_factory=dict)


def parse_authoring(text: str, path: str = "<authoring>") -> list[AuthoredCell]:
    cells: list[AuthoredCell] = []
    current: AuthoredCell | None = None
    lines: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        match = MARKER.match(line)
        if match:
            if current is not None:
                current.body = _finish(current.kind, lines)
                cells.append(current)
            current = AuthoredCell(match.group(1), match.group(2).split(), "", number)
            lines = []
        elif current is None:
            if line.strip() and not line.startswith("#"):
                raise CourseError(f"{path}:{number}: text before the first cell marker")
        else:
            lines.append(line)
    if current is not None:
        current.body = _finish(current.kind, lines)
        cells.append(current)
    return cells


def _finish(kind: str, lines: list[str]) -> str:
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if kind == "markdown":
        return "\n".join(line[2:] if line.startswith("# ") else line.lstrip("#") for line in lines)
    return "\n".join(lines)


def extract_function(source: str, name: str) -> str:
    """The exact source text of top-level function `name` in `source`."""
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name:
            lines = source.splitlines()
            start = node.lineno - 1 - len(node.decorator_list)
            return "\n".join(lines[start : node.end_lineno])
    raise CourseError(f"reference module has no top-level function {name!r}")


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def _is_super_init(stmt: ast.stmt) -> bool:
    """``super().__init__(...)`` (or ``super(Cls, self).__init__(...)``) as a statement."""
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "__init__"
        and isinstance(call.func.value, ast.Call)
        and isinstance(call.func.value.func, ast.Name)
        and call.func.value.func.id == "super"
    )


def _mark_class(class_source: str, node: ast.ClassDef) -> str:
    """A class keeps its method signatures: each method's body (after its
    docstring and a leading ``super().__init__(...)``) becomes a solution region."""
    lines = class_source.splitlines()
    for method in reversed([item for item in node.body if isinstance(item, ast.FunctionDef)]):
        body = method.body
        kept = 0
        if kept < len(body) and _is_docstring(body[kept]):
            kept += 1
        if kept < len(body) and _is_super_init(body[kept]):
            kept += 1
        if kept == len(body):
            continue
        floor = body[kept - 1].end_lineno if kept else method.lineno
        start = body[kept].lineno - 1
        indent = re.match(r"\s*", lines[start]).group(0)
        while start > floor and lines[start - 1].strip().startswith("#"):
            start -= 1
        end = method.end_lineno
        lines = lines[:start] + [f"{indent}### BEGIN SOLUTION"] + lines[start:end] + [f"{indent}### END SOLUTION"] + lines[end:]
    return "\n".join(lines)


def mark_solution(function_source: str) -> str:
    """Wrap a function's body (after its docstring) in nbgrader solution markers.

    For a class, every method gets its own region (see `_mark_class`).
    """
    tree = ast.parse(function_source)
    node = tree.body[0]
    if isinstance(node, ast.ClassDef):
        return _mark_class(function_source, node)
    body = node.body
    first = body[0]
    has_doc = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)
    start_stmt = body[1] if has_doc and len(body) > 1 else body[0]
    lines = function_source.splitlines()
    start = start_stmt.lineno - 1
    indent = re.match(r"\s*", lines[start]).group(0)
    # comments directly above the first statement belong to the solution too
    while start > 0 and lines[start - 1].strip().startswith("#") and (not has_doc or start - 1 >= first.end_lineno):
        start -= 1
    return "\n".join(
        lines[:start] + [f"{indent}### BEGIN SOLUTION"] + lines[start:] + [f"{indent}### END SOLUTION"]
    )


def _cell_id(lab: str, index: int, kind: str) -> str:
    return hashlib.sha1(f"{lab}:{index}:{kind}".encode()).hexdigest()[:12]


def _nbgrader_meta(grade_id: str, *, grade=False, solution=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def build_notebook(lab: str, root: Path) -> nbformat.NotebookNode:
    authoring = root / "authoring" / f"{lab}.py"
    if not authoring.is_file():
        raise CourseError(f"no authoring file authoring/{lab}.py")
    cells = parse_authoring(authoring.read_text(), str(authoring.relative_to(root)))
    reference_path = root / "solutions" / f"{lab}.py"
    graded = reference_path.is_file()
    if graded:
        reference_source = reference_path.read_text()
        reference = load_reference(lab, root)
        checks = checks_of(lab, root)
    else:  # a practice lab: teaching text, given code and self-checks only
        checks = {}
        for cell in cells:
            if cell.kind in ("solution", "solution-cell", "tests"):
                raise CourseError(
                    f"authoring/{lab}.py:{cell.line}: [{cell.kind}] cells need a reference in solutions/{lab}.py "
                    "(a lab without one is ungraded)"
                )
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    cells = _expand_questions(cells, checks, lab)
    given = 0
    tested: set[str] = set()
    for index, cell in enumerate(cells):
        cid = _cell_id(lab, index, cell.kind)
        if cell.kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(cell.body, id=cid))
        elif cell.kind == "setup":
            nb.cells.append(nbformat.v4.new_code_cell(cell.body, id=cid, metadata=_nbgrader_meta("setup", locked=True)))
        elif cell.kind == "given":
            given += 1
            meta = _nbgrader_meta(f"given-{given}", locked=True)
            nb.cells.append(nbformat.v4.new_code_cell(cell.body, id=cid, metadata=meta))
        elif cell.kind == "code":
            nb.cells.append(nbformat.v4.new_code_cell(cell.body, id=cid))
        elif cell.kind == "solution":
            if not cell.names:
                raise CourseError(f"authoring/{lab}.py:{cell.line}: [solution] needs function names")
            parts = [mark_solution(extract_function(reference_source, name)) for name in cell.names]
            if cell.body:
                parts.append(cell.body)
            meta = _nbgrader_meta(f"solution-{'-'.join(cell.names)}", solution=True)
            nb.cells.append(nbformat.v4.new_code_cell("\n\n\n".join(parts), id=cid, metadata=meta))
        elif cell.kind == "solution-cell":
            (name,) = cell.names
            code = getattr(reference, f"CELL_{name}", None)
            if not isinstance(code, str):
                raise CourseError(f"solutions/{lab}.py has no string CELL_{name}")
            parts = [cell.body] if cell.body else []
            parts.append("### BEGIN SOLUTION\n" + textwrap.dedent(code).strip() + "\n### END SOLUTION")
            meta = _nbgrader_meta(f"solution-{name}", solution=True)
            nb.cells.append(nbformat.v4.new_code_cell("\n".join(parts), id=cid, metadata=meta))
        elif cell.kind == "tests":
            (name,) = cell.names
            if name not in checks:
                raise CourseError(f"authoring/{lab}.py:{cell.line}: no check named {name!r} in solutions/{lab}.py")
            tested.add(name)
            hidden = f"### BEGIN HIDDEN TESTS\nhidden_check({name!r}, globals())\n### END HIDDEN TESTS"
            source = (cell.body + "\n\n" if cell.body else "") + hidden
            meta = _nbgrader_meta(f"test-{name}", grade=True, locked=True, points=checks[name].points)
            nb.cells.append(nbformat.v4.new_code_cell(source, id=cid, metadata=meta))
    missing = set(checks) - tested
    if missing:
        raise CourseError(f"authoring/{lab}.py has no [tests] cell for check(s) {sorted(missing)}")
    return nb


def _expand_questions(cells: list[AuthoredCell], checks: dict, lab: str) -> list[AuthoredCell]:
    """Replace a ``[questions]`` marker by the four cells of every quiz question."""
    expanded = []
    for cell in cells:
        if cell.kind != "questions":
            expanded.append(cell)
            continue
        if not checks:
            raise CourseError(f"authoring/{lab}.py:{cell.line}: [questions] needs checks in solutions/{lab}.py")
        for name, check in checks.items():
            number = name.removeprefix("q")
            points = f"{check.points:g} point{'' if check.points == 1 else 's'}"
            expanded += [
                AuthoredCell("markdown", [], f"## Question {number} ({points})", cell.line),
                AuthoredCell("given", [], f'show_question("{name}")', cell.line),
                AuthoredCell(
                    "solution-cell", [name], f"# Your answer to question {number}, in place of None:\n{name} = None", cell.line
                ),
                AuthoredCell("tests", [name], "", cell.line),
            ]
    return expanded


def build_source(lab: str, root: Path) -> Path:
    """Write `source/<lab>/<lab>.ipynb` (and its public examples); return the notebook path."""
    from .notebook import write_public_examples

    nb = build_notebook(lab, root)
    folder = root / "source" / lab
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{lab}.ipynb"
    text = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    target.write_text(text)
    if (root / "solutions" / f"{lab}.py").is_file():
        write_public_examples(lab, folder)
    return target
