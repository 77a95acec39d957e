"""Shared helpers of the test suite."""

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder import authoring, course
from autograder.engine.notebook import read


def write_submission(folder, section, answers):
    """Write the release notebook of ``section`` with solution cells filled in.

    ``answers`` is as for :func:`autograder.authoring.submission`. The notebook
    is written to ``folder/<chapter>/<section>.ipynb`` so that the grader finds
    its section from the path, and that path is returned.
    """
    notebook = authoring.submission(
        read(course.RELEASE / f"{section}.ipynb"), read(course.source_notebook(section)), answers
    )
    path = Path(folder) / f"{section}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(path))
    return path


def grade_cli(path, *options):
    """Run ``python -m autograder grade PATH --json``; return its exit code and JSON."""
    result = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", str(path), "--json", *options],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def by_name(report):
    """The exercises of a ``--json`` report keyed by name."""
    return {exercise["name"]: exercise for exercise in report["exercises"]}


def running_processes():
    """``{pid: (parent pid, command line as a list of str)}`` of every process that
    is running (not a zombie), read from ``/proc``."""
    table = {}
    for folder in Path("/proc").glob("[0-9]*"):
        try:
            state, parent = (folder / "stat").read_text().rsplit(")", 1)[1].split()[:2]
            argv = (folder / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:  # the process ended meanwhile
            continue
        if state != "Z":
            table[int(folder.name)] = (int(parent), argv)
    return table


@pytest.fixture
def submission(tmp_path):
    """``submission(section, answers)`` writes a notebook into a fresh folder."""
    return lambda section, answers: write_submission(tmp_path, section, answers)
