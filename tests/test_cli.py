"""The command line: every command explains itself, and mistakes give one line and a nonzero exit."""

import subprocess
import sys

import pytest

from autograder.cli import build_parser

COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)


def dlgrade(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "autograder.cli", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = dlgrade(command, "--help")
    assert result.returncode == 0
    assert "example: dlgrade" in result.stdout


@pytest.mark.parametrize(
    "args,words",
    [
        (["try", "no_such_lab"], "unknown lab 'no_such_lab'"),
        (["grade", "no_such_lab"], "unknown lab 'no_such_lab'"),
        (["--course", "/nonexistent-course", "scores"], "is not a course folder"),
        (["grade", "--student", "nobody"], "unknown student 'nobody'"),
        (["report", "no_such_lab"], "unknown lab 'no_such_lab'"),
        (["export", "--gradescope", "gs", "no_such_lab"], "unknown lab 'no_such_lab'"),
        (["feedback", "no_such_lab"], "unknown lab 'no_such_lab'"),
        (["lab", "--student", "ada+eve"], "invalid student name 'ada+eve'"),
    ],
)
def test_mistakes_give_one_line_and_exit_2(args, words):
    result = dlgrade(*args)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and words in lines[0]
    assert "Traceback" not in result.stderr


def test_a_broken_course_config_gives_one_line_not_a_traceback(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "nbgrader_config.py").write_text("c = get_config(\n")
    result = dlgrade("--course", str(tmp_path), "scores")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("dlgrade scores: ")
    assert "Traceback" not in result.stderr


def test_json_output_is_json(tmp_path):
    """--json is for scripts: stdout parses, and no progress or timing lines are mixed in."""
    import json

    result = dlgrade("report", "--json", "--out", str(tmp_path / "reports"), "c1w2a2_logistic_regression")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["reports"][0].endswith("index.html")
    assert "took" not in result.stderr
