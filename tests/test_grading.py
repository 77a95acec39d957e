"""``python -m autograder grade`` on good, broken and hostile-by-accident notebooks:
it always finishes within its limits, scores what is right, and says why the
rest scored nothing."""

import subprocess
import sys
import time

import nbformat
import pytest

from autograder.engine.grading import AWAITING
from autograder.engine.student_process import error_message
from autograder.engine.notebook import grade_id, read
from conftest import by_name, grade_cli

LIF = "ch02_neuron_models/leaky_integrate_and_fire"
POINTS = {"test_lif_step": 3, "test_simulate_lif": 3, "test_first_latency": 1, "test_lif_rate_theory": 2,
          "test_ceiling_fraction": 1}  # the autograded exercises; the explain question is graded by hand
EXPLAIN = "explain_original_formula"


def _scores(report):
    """Points of the autograded exercises (an explain question's are always 0 until an instructor grades it)."""
    return {name: exercise["points"] for name, exercise in by_name(report).items() if not exercise["manual"]}


def test_json_report_has_the_documented_fields(submission):
    report = grade_cli(submission(LIF, {}))
    assert set(report) == {"notebook", "score", "max_score", "manual_max_score", "exercises"}
    assert report["score"] == report["max_score"] == sum(POINTS.values())
    assert report["manual_max_score"] == 2
    fields = {"name", "points", "max_points", "passed", "message", "manual"}
    for exercise in report["exercises"]:
        if exercise["name"] == EXPLAIN:  # the model answer handed in: awaiting the instructor
            assert set(exercise) == fields | {"answer", "model_answer"}
            assert exercise["manual"] and exercise["message"] == AWAITING and exercise["points"] == 0
        else:
            assert set(exercise) == fields
            assert exercise["passed"] and exercise["message"] == "" and not exercise["manual"]
    assert [e["name"] for e in report["exercises"]] == [*POINTS, EXPLAIN]


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
    assert _scores(report) == {**dict.fromkeys(POINTS, 0), "test_lif_step": 3}
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


HH = "ch02_neuron_models/hodgkin_huxley"
LIAR = '''
class Liar(float):
    """Claims to equal anything, and to be 0 away from anything."""
    def __eq__(self, other): return True
    def __sub__(self, other): return Liar(0.0)
    def __rsub__(self, other): return Liar(0.0)
    def __abs__(self): return 0.0
onset_current = Liar(1e9)
'''


@pytest.mark.parametrize("answer, points, message", [
    ("onset_current = np.float32(6.3)", 2, ""),
    ("onset_current = '6.3'", 0, "must be a number, got '6.3'"),
    ("onset_current = np.array([6.3, 6.4])", 0, "must be a number"),
    (LIAR, 0, "1000000000 is too high"),
], ids=["numpy scalar", "string", "array", "lying float"])
def test_a_discovery_answer_is_read_from_the_students_process_as_data(tmp_path, answer, points, message):
    """Only the answer's cell is handed in; the hidden check sees a plain number (or a description) and
    judges it in the grader, whatever the student's object claims."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import numpy as np"),
                                               nbformat.v4.new_code_cell(answer)])
    notebook.cells[1].metadata["nbgrader"] = {"grade_id": "onset_current", "solution": True, "grade": False}
    path = tmp_path / f"{HH}.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(notebook, str(path))
    exercise = by_name(grade_cli(path))["test_onset_current"]
    assert exercise["points"] == points and message in exercise["message"]


def test_a_failing_cell_is_quoted_at_its_own_line_not_inside_a_function_another_cell_defined():
    namespace = {}
    exec(compile("def entropy(p):\n    raise NotImplementedError()\n", "<cell-1>", "exec"), namespace)
    source = "h = entropy([0.5, 0.5])\nprint(h)\n"
    with pytest.raises(NotImplementedError) as raised:
        exec(compile(source, "<cell-2>", "exec"), namespace)
    assert error_message(raised.value, source) == "NotImplementedError: failed at `h = entropy([0.5, 0.5])`"
