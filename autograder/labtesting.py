"""Shared helpers for the per-lab test files in `tests/`.

Every lab test asks the same questions: does the reference earn full marks
on a check, and does a plausible wrong version of one function lose points
with a message naming what differs?  `LabUnderTest` answers them without the
engine (in this process), so the tests stay fast and their failures readable.
"""

from __future__ import annotations

import contextlib
import importlib
import io
from types import ModuleType
from typing import Any

from .checks import CheckResult
from .course import checks_of, load_reference

__all__ = ["LabUnderTest"]


class LabUnderTest:
    """One lab's reference module and hidden checks, for tests."""

    def __init__(self, lab: str) -> None:
        self.lab = lab

    @property
    def reference(self) -> ModuleType:
        return load_reference(self.lab)

    def helper(self, module: str) -> ModuleType:
        """A given helper module of the lab (e.g. `reg_utils`), importable once the reference is loaded."""
        self.reference  # noqa: B018 -- loading puts source/<lab>/ on sys.path
        return importlib.import_module(module)

    def student(self, **functions: Any) -> dict:
        """The reference namespace with some functions replaced by a student's versions."""
        return dict(vars(self.reference), **functions)

    def run(self, check: str, namespace: dict | None = None) -> CheckResult:
        """Run hidden check `check` on `namespace` (default: the reference itself).

        Printed progress (training loops) is swallowed to keep test output readable.
        """
        namespace = self.student() if namespace is None else namespace
        with contextlib.redirect_stdout(io.StringIO()):
            return checks_of(self.lab)[check].run(vars(self.reference), namespace)
