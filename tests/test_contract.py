"""The CI contract, run in full: generated files match, reference full marks,
stubs zero, and stock nbgrader autograde agrees with the engine (slow: grades a class twice)."""

import pytest

from autograder.contract import run_contract


@pytest.mark.slow
def test_course_contract_holds():
    problems = run_contract(say=print)
    assert problems == []
