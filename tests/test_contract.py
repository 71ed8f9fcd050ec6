"""The CI contract, run in full: generated files match, reference full marks,
stubs zero, and stock nbgrader autograde agrees with the engine (slow: grades a class twice).

The contract runs with the gradebook on a real PostgreSQL server (started here
on loopback); the demo and the other end-to-end tests use the default SQLite file.
"""

import os

import pytest

from autograder.contract import run_contract
from autograder.localservices import postgres_available, postgres_server


def _require_postgres() -> None:
    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed (scripts/setup.sh installs it as root)")
        pytest.skip("PostgreSQL is not installed")


@pytest.mark.slow
def test_course_contract_holds_with_a_postgresql_gradebook(monkeypatch):
    _require_postgres()
    with postgres_server("contract") as url:
        monkeypatch.setenv("DLGRADE_DB_URL", url)
        problems = run_contract(say=print)
    assert problems == []
