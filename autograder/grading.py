"""Grade one student notebook: ``python -m autograder grade NOTEBOOK``.

The notebook runs in a fresh Python process (:mod:`autograder.worker`) with its
folder as working directory, a time limit per cell and one for the whole
notebook, and with every test cell taken from the section's source notebook, so
the hidden checks run exactly as under ``nbgrader autograde``. A test cell earns
its points when it neither raises nor writes to stderr.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder import course
from autograder.notebook import grade_id, nbgrader_metadata, read, autograded_cells, with_source_tests

CELL_TIMEOUT = 60.0  # seconds, as Execute.timeout in nbgrader_config.py
NOTEBOOK_TIMEOUT = 300.0  # seconds for the whole notebook


@dataclass
class ExerciseResult:
    """The outcome of one test cell."""

    name: str
    points: float
    max_points: float
    passed: bool
    message: str


@dataclass
class NotebookGrade:
    """The outcome of grading one notebook."""

    notebook: str
    exercises: list = field(default_factory=list)

    @property
    def score(self):
        return sum(e.points for e in self.exercises)

    @property
    def max_score(self):
        return sum(e.max_points for e in self.exercises)

    def to_json(self):
        """The ``--json`` document: notebook, score, max_score and exercises."""
        return {"notebook": self.notebook, "score": self.score, "max_score": self.max_score,
                "exercises": [asdict(e) for e in self.exercises]}

    def to_text(self):
        """A readable report: one line per exercise, failure messages indented."""
        lines = [f"{self.notebook}: {self.score:g} / {self.max_score:g}"]
        width = max((len(e.name) for e in self.exercises), default=0)
        for e in self.exercises:
            lines.append(f"  {'PASS' if e.passed else 'FAIL'}  {e.name:<{width}}  {e.points:g} / {e.max_points:g}")
            lines.extend(f"        {line}" for line in e.message.splitlines())
        return "\n".join(lines)


def _failed_all(notebook, tests, message):
    return NotebookGrade(str(notebook), [
        ExerciseResult(name, 0.0, points, False, message) for name, points in tests
    ])


def grade_notebook(path, section=None, cell_timeout=CELL_TIMEOUT, timeout=NOTEBOOK_TIMEOUT):
    """Run a student's notebook and the hidden checks of its section.

    Parameters
    ----------
    path : str or Path
        The student's notebook.
    section : str, optional
        ``"<chapter>/<section>"``; by default taken from the notebook's file
        name and folder.
    cell_timeout, timeout : float
        Time limits in seconds for one cell and for the whole notebook.

    Returns
    -------
    NotebookGrade
        Points per exercise (test cell) with the failure messages. Grading
        never raises for a broken submission: what went wrong is in the messages.
    """
    path = Path(path)
    section = section or course.section_of(path)
    source = read(course.source_notebook(section))
    tests = [(grade_id(cell), float(nbgrader_metadata(cell).get("points", 0)))
             for cell in autograded_cells(source)]
    names = {name for name, _ in tests}
    try:
        cells = [{"source": str(cell.source), "grade_id": grade_id(cell) if grade_id(cell) in names else None}
                 for cell in with_source_tests(read(path), source)]
    except Exception as error:  # a file that is no notebook is the student's problem, not ours
        return _failed_all(path, tests, f"the notebook could not be read ({type(error).__name__}: {error})")
    with tempfile.TemporaryDirectory(prefix="autograder-") as tmp:
        job, results = Path(tmp, "job.json"), Path(tmp, "results.jsonl")
        job.write_text(json.dumps({"cells": cells, "cell_timeout": cell_timeout}))
        results.touch()
        failure = _run_worker(job, results, cwd=path.resolve().parent, timeout=timeout)
        outcomes = {}
        for line in results.read_text().splitlines():
            outcome = json.loads(line)
            outcomes.setdefault(outcome["grade_id"], outcome)
    grade = NotebookGrade(str(path))
    for name, points in tests:
        outcome = outcomes.get(name, {"passed": False, "message": failure or "the test cell did not run"})
        grade.exercises.append(ExerciseResult(
            name, points if outcome["passed"] else 0.0, points, outcome["passed"], outcome["message"]))
    return grade


def _run_worker(job, results, cwd, timeout):
    """Run the worker; return None, or why it stopped before the end."""
    env = dict(os.environ, MPLBACKEND="Agg",
               PYTHONPATH=os.pathsep.join(filter(None, [str(course.ROOT), os.environ.get("PYTHONPATH")])))
    process = subprocess.Popen(
        [sys.executable, "-m", "autograder.worker", str(job), str(results)],
        cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        code = None
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the worker and anything it started
        except ProcessLookupError:
            pass
        process.wait()
    if code is None:
        return f"not graded: the notebook did not finish within its time limit of {timeout:g} s"
    if code != 0:
        return f"not graded: the notebook's process stopped early (exit code {code})"
    return None
