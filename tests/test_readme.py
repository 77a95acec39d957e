"""What README promises exists: every ``python -m autograder`` command it shows answers
``--help``, every ``make`` target it names is in the Makefile, and every path it names
in backticks is in the repository."""

import re
import subprocess
import sys

import pytest

from autograder import course

README = (course.ROOT / "README.md").read_text()
COMMANDS = sorted(set(re.findall(r"python -m autograder ([a-z][a-z-]*)", README)))
PATHS = sorted({path for path in re.findall(r"`([\w./-]+/[\w./<>-]*)`", README)
                if "<" not in path and not path.startswith(("http", "/", "build/", "submitted/", "autograded/",
                                                             "feedback/", "autograder-results/", ".venv/"))})


def test_readme_names_commands_and_paths():
    assert {"grade", "grade-all"} <= set(COMMANDS) and len(PATHS) > 10


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_readme_shows_answers_help(command):
    result = subprocess.run([sys.executable, "-m", "autograder", command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "usage:" in result.stdout, result.stdout + result.stderr


def test_every_make_target_readme_shows_exists():
    targets = set(re.findall(r"^([a-z]+):", (course.ROOT / "Makefile").read_text(), re.M))
    assert set(re.findall(r"\bmake ([a-z]+)\b", README)) <= targets


@pytest.mark.parametrize("path", PATHS)
def test_every_path_readme_names_exists(path):
    assert (course.ROOT / path.rstrip("/")).exists(), f"README names {path}, which is not in the repository"
