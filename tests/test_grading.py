"""``python -m autograder grade`` on good, broken and hostile-by-accident notebooks:
it always finishes within its limits, scores what is right, and says why the
rest scored nothing."""

import subprocess
import sys
import time

import nbformat
import pytest

from autograder import course
from autograder.notebook import grade_id, read
from conftest import by_name, grade_cli

LIF = "ch02_neuron_models/leaky_integrate_and_fire"
POINTS = {"test_lif_step": 3, "test_simulate_lif": 3, "test_lif_rate_theory": 2}


def _scores(report):
    return {name: exercise["points"] for name, exercise in by_name(report).items()}


def test_json_report_has_the_documented_fields(submission):
    report = grade_cli(submission(LIF, {}))
    assert set(report) == {"notebook", "score", "max_score", "exercises"}
    assert report["score"] == report["max_score"] == sum(POINTS.values())
    for exercise in report["exercises"]:
        assert set(exercise) == {"name", "points", "max_points", "passed", "message"}
        assert exercise["passed"] and exercise["message"] == ""


@pytest.mark.parametrize("section", course.sections())
def test_untouched_release_scores_zero_everywhere(section):
    report = grade_cli(course.RELEASE / f"{section}.ipynb")
    assert report["max_score"] > 0 and report["score"] == 0
    for exercise in report["exercises"]:
        assert "not implemented" in exercise["message"]


@pytest.mark.parametrize("content", ["{ this is not json", "", '{"cells": 3}'])
def test_unreadable_notebook_scores_zero_with_a_message(tmp_path, content):
    path = tmp_path / "ch02_neuron_models" / "leaky_integrate_and_fire.ipynb"
    path.parent.mkdir()
    path.write_text(content)
    report = grade_cli(path)
    assert _scores(report) == {name: 0 for name in POINTS}
    assert all("could not be read" in e["message"] for e in report["exercises"])


def test_missing_function_costs_only_its_exercise(submission):
    path = submission(LIF, {})
    notebook = read(path)
    notebook.cells = [c for c in notebook.cells if grade_id(c) != "lif_rate_theory"]
    nbformat.write(notebook, str(path))
    report = grade_cli(path)
    assert _scores(report) == {**POINTS, "test_lif_rate_theory": 0}
    assert "lif_rate_theory" in by_name(report)["test_lif_rate_theory"]["message"]


def test_syntax_error_costs_only_its_exercise(submission):
    report = grade_cli(submission(LIF, {"lif_rate_theory": "def lif_rate_theory(i_ext):\n    return (i_ext"}))
    assert _scores(report) == {**POINTS, "test_lif_rate_theory": 0}
    assert "SyntaxError" in by_name(report)["test_lif_rate_theory"]["message"]


def test_function_that_loops_forever_is_stopped(submission):
    start = time.monotonic()
    report = grade_cli(
        submission(LIF, {"lif_rate_theory": "def lif_rate_theory(i_ext):\n    while True:\n        pass"}),
        "--cell-timeout", "3",
    )
    assert time.monotonic() - start < 60
    assert _scores(report) == {**POINTS, "test_lif_rate_theory": 0}
    assert "time limit" in by_name(report)["test_lif_rate_theory"]["message"]


def test_top_level_infinite_loop_is_stopped(submission):
    report = grade_cli(submission(LIF, {"lif_rate_theory": "while True:\n    pass"}), "--cell-timeout", "3")
    assert _scores(report) == {**POINTS, "test_lif_rate_theory": 0}
    assert "time limit" in by_name(report)["test_lif_rate_theory"]["message"]


def test_notebook_time_limit_keeps_the_grades_already_earned(submission):
    # A cell that disables the per-cell alarm and never returns: only the
    # notebook's time limit stops it; the exercise graded before it keeps its points.
    endless = ("import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
               "while True:\n    pass")
    start = time.monotonic()
    report = grade_cli(submission(LIF, {"simulate_lif": endless}), "--timeout", "15")
    assert time.monotonic() - start < 40
    assert _scores(report) == {"test_lif_step": 3, "test_simulate_lif": 0, "test_lif_rate_theory": 0}
    assert "time limit of 15 s" in by_name(report)["test_lif_rate_theory"]["message"]


def test_deleted_and_edited_test_cells_grade_as_the_instructor_wrote_them(submission):
    path = submission(LIF, {"lif_rate_theory": [("1000.0 / isi", "1.0 / isi")]})
    notebook = read(path)
    for cell in notebook.cells:
        if grade_id(cell) == "test_lif_rate_theory":
            cell.source = "pass  # the student emptied the test"
    notebook.cells = [c for c in notebook.cells if grade_id(c) != "test_lif_step"]
    nbformat.write(notebook, str(path))
    report = grade_cli(path)
    assert _scores(report) == {**POINTS, "test_lif_rate_theory": 0}


def test_path_outside_the_course_is_an_error(tmp_path):
    path = tmp_path / "homework.ipynb"
    path.write_text("{}")
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", str(path)], capture_output=True, text=True)
    assert result.returncode == 2 and "not a notebook of the course" in result.stdout
