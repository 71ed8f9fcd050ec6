"""`dlgrade demo`: a whole term in a few minutes, in a fresh course folder.

Copies the course into a new folder (SQLite gradebook and exchange inside
it), regenerates and releases every lab through nbgrader, lets a simulated
class fetch, work and submit through the real exchange, then collects,
grades, writes feedback, exports CSV and prints the score table.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import nbformat

from .course import CourseError, find_course_root, lab_ids
from .nbgrader_api import fetch, submit
from .releasing import generate_release

# What each simulated student does to every lab.
PERSONAS: dict[str, str] = {
    "ada": "correct",
    "ben": "correct",
    "cai": "correct",
    "dee": "correct",
    "eve": "partial",
    "fay": "partial",
    "gus": "wrong_values",
    "hal": "syntax_error",
    "ivy": "import_error",
    "jon": "empty",
    "kim": "skips_last_lab",
    "lou": "wrong_values",
    "mia": "partial",
}

COURSE_FILES = ("nbgrader_config.py", "source", "solutions", "authoring")


def make_course_copy(origin: Path, target: Path) -> Path:
    """A fresh course folder holding the course's own files, nothing generated."""
    if target.exists() and any(target.iterdir()):
        raise CourseError(f"{target} already exists and is not empty; choose another --dir")
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "datasets", "data")
    for name in COURSE_FILES:
        src = origin / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=ignore)
        elif src.is_file():
            shutil.copy2(src, target / name)
    return target


# --- what students write ----------------------------------------------------------


def _solution_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")]


def _reference_text(source_nb, grade_id: str) -> str:
    for cell in source_nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return "\n".join(line for line in cell.source.splitlines() if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)
    raise KeyError(grade_id)


PERTURB = '''

import numpy as _np_demo


def _demo_perturb(value):
    # a plausible-looking but wrong result: every float 10% too large, every count off by one
    dtype = str(getattr(value, "dtype", ""))
    if hasattr(value, "shape") and "float" in dtype:
        return value * 1.1 + 0.01  # NumPy arrays, and TensorFlow/Keras tensors alike
    if hasattr(value, "shape") and "int" in dtype:
        return value + 1
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value * 1.1 + 1
    if isinstance(value, dict):
        return {k: _demo_perturb(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_demo_perturb(v) for v in value)
    if hasattr(value, "layers") and hasattr(value, "inputs") and callable(value):
        # a Keras model (it has no shape): the same model, its outputs perturbed
        import keras as _keras_demo

        inputs = [_keras_demo.Input(tuple(t.shape[1:])) for t in value.inputs]
        inputs = inputs[0] if len(inputs) == 1 else inputs
        return _keras_demo.Model(inputs, _demo_perturb(value(inputs)))
    return value


_demo_original_{name} = {name}


def {name}(*args, **kwargs):
    return _demo_perturb(_demo_original_{name}(*args, **kwargs))
'''


WRONG_ANSWER = """

# a plausible-looking but wrong answer: another letter, another shape, another number
{name} = "z" if isinstance({name}, str) else tuple(n + 1 for n in {name}) if isinstance({name}, tuple) else {name} + 1 + abs({name})
"""


def _function_names(code: str) -> list[str]:
    return [line[4:].split("(")[0] for line in code.splitlines() if line.startswith("def ")]


def write_answers(notebook: Path, source_nb, persona: str) -> None:
    """Edit a fetched notebook the way the persona would."""
    nb = nbformat.read(notebook, as_version=4)
    cells = _solution_cells(nb)
    if persona != "empty":
        keep = len(cells) if persona != "partial" else len(cells) // 2
        for cell in cells[:keep]:
            cell.source = _reference_text(source_nb, cell.metadata["nbgrader"]["grade_id"])
    if persona == "wrong_values" and cells:
        # every graded function returns slightly wrong values (a function alone may return
        # only a model or a count, which a float perturbation would leave unchanged)
        for cell in cells:
            for name in _function_names(cell.source):
                cell.source += PERTURB.replace("{name}", name)
        answer = cells[0].metadata["nbgrader"]["grade_id"].removeprefix("solution-")
        if not _function_names(cells[0].source) and f"\n{answer} = " in "\n" + cells[0].source:
            cells[0].source += WRONG_ANSWER.replace("{name}", answer)  # a concept check's answer: a value
    elif persona == "syntax_error" and cells:
        cells[-1].source += "\n\ndef unfinished(:\n    pass\n"
    elif persona == "import_error" and cells:
        cells[0].source = "import numpy_extensions_that_do_not_exist\n" + cells[0].source
    nbformat.write(nb, notebook)


# --- a class ----------------------------------------------------------------------


def build_class(
    folder: Path,
    personas: dict[str, str],
    labs: list[str] | None = None,
    edit: Callable[[str, Path], None] | None = None,
) -> Path:
    """A fresh course in `folder` with `labs` (default: all) released; every student
    fetches each lab through the exchange, answers as its persona, then `edit`
    (if given) may change the work folder; submissions are collected."""
    from .workflow import collect, release

    root = make_course_copy(find_course_root(), folder)
    if labs is not None:
        for other in (root / "source").iterdir():
            if other.name not in labs:
                shutil.rmtree(other)
    labs = lab_ids(root)
    for lab in labs:
        generate_release(root, lab)
    release(root, labs)
    for student, persona in personas.items():
        home = root / "students" / student
        home.mkdir(parents=True, exist_ok=True)
        for index, lab in enumerate(labs):
            if persona == "skips_last_lab" and index == len(labs) - 1:
                continue
            work = fetch(root, lab, student, home)
            source_nb = nbformat.read(root / "source" / lab / f"{lab}.ipynb", as_version=4)
            write_answers(work / f"{lab}.ipynb", source_nb, "correct" if persona == "skips_last_lab" else persona)
            if edit is not None:
                edit(student, work)
            submit(root, lab, student, home)
    collect(root, labs)
    return root


# --- the whole term ---------------------------------------------------------------


def run_demo(folder: Path | None, students: int, say: Callable[[str], None] = print) -> Path:
    from .workflow import export_csv, feedback, format_table, grade, score_table

    folder = Path(tempfile.mkdtemp(prefix="dl-course-demo-")) if folder is None else folder.resolve()
    say(f"course folder: {folder}")
    started = time.monotonic()
    names = list(PERSONAS)[:students] + [f"student{i:03d}" for i in range(len(PERSONAS), students)]
    personas = {name: PERSONAS.get(name, "correct") for name in names}
    root = build_class(folder, personas)
    labs = lab_ids(root)
    say(f"released {len(labs)} labs: {', '.join(labs)}")
    say(f"{len(names)} students fetched and submitted through the exchange ({', '.join(sorted(set(personas.values())))})")
    say(f"collected {len(list((root / 'submitted').glob('*/*')))} submissions")
    results = grade(root, labs)
    bad = [r for r in results if not r["ok"]]
    say(f"graded {len(results)} submissions ({len(bad)} could not be graded)")
    say(f"wrote {feedback(root, labs)} feedback files")
    csv_path = export_csv(root, root / "exports" / "grades.csv")
    say(f"exported {csv_path.relative_to(root)}")
    labs_, table, maxima = score_table(root)
    say("")
    say(format_table(labs_, table, maxima))
    say(f"\ndemo finished in {time.monotonic() - started:.0f} s")
    return root


def cmd_demo(args) -> int:
    """Run a simulated term end to end in a fresh course folder (embedded defaults)."""
    folder = Path(args.dir) if args.dir else None
    run_demo(folder, args.students)
    return 0


def register(add) -> None:
    p = add("demo", cmd_demo, "simulate a class end to end in a fresh course folder")
    p.add_argument("--dir", help="new course folder to create (default: a temporary folder)")
    p.add_argument("--students", type=int, default=len(PERSONAS), help=f"class size (default {len(PERSONAS)})")
