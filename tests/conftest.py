"""Shared helpers of the test suite."""

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder import authoring, course
from autograder.engine.notebook import autograded_cells, manual_cells, read


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


# Past the time limits, grades would depend on how fast and how busy the machine is; the limits have tests of
# their own (test_grading, test_hostile). The end-to-end runs need every notebook to finish, on a machine twice
# as slow as ours and busy.
GENEROUS = ("--cell-timeout", "600", "--timeout", "3600")


def run_demo(tmp_path_factory, submitted, *options):
    """Run ``python -m autograder demo`` on the submissions in ``submitted`` with :data:`GENEROUS` limits,
    releasing into a folder of its own (other tests read ``release/``); its folders, output and grade table."""
    from autograder.demo import grade_table

    workdir, release = tmp_path_factory.mktemp("demo"), tmp_path_factory.mktemp("release")
    result = subprocess.run(
        [sys.executable, "-m", "autograder", "demo", "--workdir", str(workdir), "--submitted", str(submitted),
         "--release-dir", str(release), *GENEROUS, *options],
        capture_output=True, text=True, timeout=3600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {"tree": submitted, "workdir": workdir, "release": release, "output": result.stdout,
            "errors": result.stderr, "table": grade_table(workdir / "gradebook.db")}


@pytest.fixture(scope="session")
def example_demo(request, tmp_path_factory):
    """The demo (``grade-all``) on the example submissions, run once per test session.

    ``test_pipeline.py`` tests it and ``test_nbgrader.py`` holds nbgrader to its scores. ``make test`` puts the two
    files on different pytest-xdist workers (``--dist loadfile``), each a process of its own: the first to ask runs
    the demo while holding a file lock in the folder the session's workers share, and the other waits for it and
    reads what it left there.
    """
    from autograder.demo import grade_table

    shared = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):  # a pytest-xdist worker: its base folder is one per worker
        shared = shared.parent
    folder = shared / "example-demo"
    with open(shared / "example-demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "errors.txt").exists():
            ran = run_demo(tmp_path_factory, course.EXAMPLES)
            folder.mkdir()
            for name in ("workdir", "release"):
                (folder / name).symlink_to(ran[name])
            (folder / "output.txt").write_text(ran["output"])
            (folder / "errors.txt").write_text(ran["errors"])  # last: its presence says the demo has run
    workdir = (folder / "workdir").resolve()
    return {"tree": course.EXAMPLES, "workdir": workdir, "release": (folder / "release").resolve(),
            "output": (folder / "output.txt").read_text(), "errors": (folder / "errors.txt").read_text(),
            "table": grade_table(workdir / "gradebook.db")}


def student_scores(table, student):
    """``{(chapter, section, grade_id): (score, max_score, awaiting)}`` of one student in a grade table."""
    return {key: row[student] for key, row in table.items() if student in row}


def full_marks(scores):
    """Whether ``scores`` (of one student) has every cell of the course, each test cell with its points and every
    explain answer (the model answer) awaiting the instructor."""
    from autograder.demo import MANUAL_PREFIX

    sources = [read(course.source_notebook(s)) for s in course.sections()]
    assert len(scores) == sum(len(autograded_cells(nb)) + len(manual_cells(nb)) for nb in sources)
    for (_, _, grade_id), (score, max_score, awaiting) in scores.items():
        manual = grade_id.startswith(MANUAL_PREFIX)
        assert (score, awaiting) == ((0, True) if manual else (max_score, False)) and max_score > 0, grade_id
    return True


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


CHROMIUM = Path("/usr/bin/chromium")
SHOTS = course.ROOT / "build" / "browser"  # screenshots of the browser tests; the README shows some


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (``apt-get install chromium``; Playwright cannot download its own
    browser here)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's Chromium (apt-get install chromium)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=["--no-sandbox"] if os.geteuid() == 0 else [])
        yield chromium
        chromium.close()
