"""Source notebooks and solutions/ cannot drift apart; the cell layout is what nbgrader needs."""

from __future__ import annotations

import ast
import json

import pytest

from autograder.authoring import extract_function, parse_authoring
from autograder.course import checks_of, find_course_root, lab_ids

ROOT = find_course_root()
LABS = lab_ids(ROOT)


def _cells(lab):
    return json.loads((ROOT / "source" / lab / f"{lab}.ipynb").read_text())["cells"]


def _functions(code: str) -> dict[str, str]:
    tree = ast.parse(code)
    return {node.name: ast.dump(node) for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)}


@pytest.mark.parametrize("lab", LABS)
def test_solution_regions_are_the_reference_code(lab):
    reference_source = (ROOT / "solutions" / f"{lab}.py").read_text()
    reference = _functions(reference_source)
    seen = set()
    for cell in _cells(lab):
        meta = cell["metadata"].get("nbgrader", {})
        if not meta.get("solution"):
            continue
        code = "".join(cell["source"])
        stripped = "\n".join(line for line in code.splitlines() if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
        for name, dump in _functions(stripped).items():
            if name in reference:
                assert dump == reference[name], f"{lab}: notebook's {name} differs from solutions/{lab}.py"
                seen.add(name)
    graded = {name for name, check in checks_of(lab, ROOT).items() if hasattr(check, "function")}
    assert graded <= seen, f"{lab}: graded functions without a solution cell: {graded - seen}"


@pytest.mark.parametrize("lab", LABS)
def test_test_cells_carry_the_declared_points_and_are_locked(lab):
    checks = checks_of(lab, ROOT)
    found = {}
    for cell in _cells(lab):
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            assert meta["locked"] is True
            source = "".join(cell["source"])
            assert "### BEGIN HIDDEN TESTS" in source
            found[meta["grade_id"].removeprefix("test-")] = meta["points"]
    assert found == {name: check.points for name, check in checks.items()}


@pytest.mark.parametrize("lab", LABS)
def test_release_has_no_solutions_or_hidden_tests(lab):
    for path in (ROOT / "release" / lab).rglob("*"):
        if path.is_file() and path.suffix in (".ipynb", ".py", ".json"):
            text = path.read_text()
            assert "BEGIN SOLUTION" not in text and "hidden_check(" not in text, path
    release_nb = (ROOT / "release" / lab / f"{lab}.ipynb").read_text()
    assert "raise NotImplementedError()" in release_nb


@pytest.mark.parametrize("lab", LABS)
def test_setup_cell_comes_first_and_is_locked(lab):
    code_cells = [c for c in _cells(lab) if c["cell_type"] == "code"]
    first = code_cells[0]
    assert first["metadata"]["nbgrader"]["locked"] is True
    assert f'setup_notebook("{lab}"' in "".join(first["source"])


def test_parser_and_extractor():
    cells = parse_authoring("# %% [markdown]\n# # Title\n# text\n\n# %% [solution] f g\nprint(1)\n")
    assert [(c.kind, c.names) for c in cells] == [("markdown", []), ("solution", ["f", "g"])]
    assert cells[0].body == "# Title\ntext"
    source = "import x\n\n\ndef f(a):\n    return a\n\n\ndef g():\n    pass\n"
    assert extract_function(source, "f") == "def f(a):\n    return a"
