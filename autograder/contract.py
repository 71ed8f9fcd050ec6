"""`dlgrade contract`: what CI proves about the course on every change.

1. Building each lab again from `authoring/` and `solutions/` gives the
   committed source notebook (solution regions cannot drift from solutions/).
2. Regenerating `release/` with nbgrader gives the committed files.
3. In a fresh course folder, a class that submits through the real exchange
   is graded: the reference answers earn full marks in every lab, the
   untouched stubs earn zero (and grading does not crash), and stock
   `nbgrader autograde` gives the same scores as our engine (one student per
   lab, rotating through the kinds of submission).
"""

from __future__ import annotations

import filecmp
import shutil
import tempfile
from pathlib import Path

from .course import find_course_root, lab_ids, practice_lab_ids

CONTRACT_CLASS = {"ref": "correct", "stub": "empty", "half": "partial", "off": "wrong_values"}


def _tree_differences(expected: Path, actual: Path) -> list[str]:
    problems = []
    comparison = filecmp.dircmp(expected, actual, ignore=["__pycache__", ".ipynb_checkpoints"])

    def walk(cmp, prefix: str) -> None:
        for name in cmp.left_only:
            problems.append(f"{prefix}{name}: committed but not generated")
        for name in cmp.right_only:
            problems.append(f"{prefix}{name}: generated but not committed")
        for name in cmp.diff_files:
            problems.append(f"{prefix}{name}: differs from what generation gives")
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(comparison, "")
    return problems


def check_generated_files(origin: Path, scratch: Path, say=print) -> list[str]:
    """Rebuild sources and releases in a copy of the course and compare with origin."""
    from .authoring import build_source
    from .demo import make_course_copy
    from .releasing import generate_release

    root = make_course_copy(origin, scratch / "rebuild")
    problems = []
    graded = lab_ids(origin)
    for lab in sorted(graded + practice_lab_ids(origin)):
        committed_nb = origin / "source" / lab / f"{lab}.ipynb"
        build_source(lab, root)
        for name in (f"{lab}.ipynb", "public_tests.json") if lab in graded else (f"{lab}.ipynb",):
            if (root / "source" / lab / name).read_bytes() != (origin / "source" / lab / name).read_bytes():
                problems.append(f"source/{lab}/{name}: differs from a fresh build of authoring/{lab}.py (run dlgrade build {lab})")
        if not committed_nb.is_file():
            continue
        generate_release(root, lab)
        problems += [f"release/{lab}/{p}" for p in _tree_differences(origin / "release" / lab, root / "release" / lab)]
        say(f"  {lab}: generated files {'match' if not problems else 'DIFFER'}")
    return problems


def check_class(scratch: Path, say=print) -> list[str]:
    """Grade a small class with the engine and with stock nbgrader; compare."""
    from .demo import build_class
    from .workflow import grade, score_table

    root = build_class(scratch / "course", CONTRACT_CLASS)
    labs = lab_ids(root)

    problems = []
    engine_results = grade(root, labs)
    problems += [f"engine could not grade {r['student']}/{r['lab']}: {r['error']}" for r in engine_results if not r["ok"]]
    _, engine_table, maxima = score_table(root)
    # Stock nbgrader executes one notebook at a time in a kernel (minutes per TensorFlow
    # lab); to keep CI short it grades one student per lab, rotating through the personas
    # so that every kind of submission is compared across the course.
    personas = list(CONTRACT_CLASS)
    compared = {lab: personas[index % len(personas)] for index, lab in enumerate(labs)}
    for lab, student in compared.items():
        stock_results = grade(root, [lab], [student], stock=True)
        problems += [f"stock nbgrader could not grade {r['student']}/{r['lab']}: {r['error']}" for r in stock_results if not r["ok"]]
    _, stock_table, _ = score_table(root)

    for lab in labs:
        ref, stub = engine_table["ref"][lab], engine_table["stub"][lab]
        if ref != maxima[lab]:
            problems.append(f"{lab}: the reference solution earned {ref} of {maxima[lab]}")
        if stub != 0:
            problems.append(f"{lab}: the untouched stub earned {stub} (expected 0)")
        if engine_table["off"][lab] >= maxima[lab]:
            problems.append(f"{lab}: a submission with wrong values earned full marks")
        say(f"  {lab}: reference {ref:g}/{maxima[lab]:g}, stub {stub:g}, "
            f"partial {engine_table['half'][lab]:g}, wrong values {engine_table['off'][lab]:g}")
    for lab, student in compared.items():
        if engine_table[student][lab] != stock_table[student][lab]:
            problems.append(f"{student}/{lab}: engine gave {engine_table[student][lab]}, stock nbgrader {stock_table[student][lab]}")
    return problems


def run_contract(say=print) -> list[str]:
    origin = find_course_root()
    with tempfile.TemporaryDirectory(prefix="dlgrade-contract-") as scratch:
        scratch_path = Path(scratch)
        say("checking that source notebooks and release/ are what generation gives")
        problems = check_generated_files(origin, scratch_path, say)
        say("grading a class with the engine and with stock nbgrader autograde")
        problems += check_class(scratch_path, say)
        shutil.rmtree(scratch_path / "course", ignore_errors=True)
    return problems


def cmd_contract(args) -> int:
    """Prove the course: generated files match, reference full marks, stubs zero, engine == stock."""
    problems = run_contract()
    for line in problems:
        print("FAIL", line)
    print("contract " + ("holds" if not problems else f"broken: {len(problems)} problem(s)"))
    return 1 if problems else 0


def register(add) -> None:
    add("contract", cmd_contract, "run the CI contract over every lab")
