"""Reports of graded notebooks: the evidence a failed check keeps, the HTML
feedback that plots it, the class report, and Gradescope's results.json."""

import dataclasses
import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest

from autograder import course, feedback
from autograder.engine import batch, grading
from autograder.checking import assert_close, hint_on_failure
from autograder.engine.grading import ExerciseResult, NotebookGrade

PARTIAL_LIF = course.EXAMPLES / "partial" / "ch02_neuron_models" / "leaky_integrate_and_fire.ipynb"


def _failure(expected, actual, **kwargs):
    with pytest.raises(AssertionError) as failure:
        assert_close(actual, expected, "v of the test input", atol=1e-9, **kwargs)
    return failure.value


def test_evidence_keeps_both_values_thinned_for_plotting():
    expected = np.linspace(0, 1, 3001)
    evidence = _failure(expected, expected + (np.arange(3001) >= 2000)).evidence
    assert evidence["what"] == "v of the test input" and evidence["index"] == [2000]
    assert evidence["step"] == 8 and len(evidence["expected"]) == len(evidence["actual"]) == 376
    np.testing.assert_array_equal(evidence["expected"], expected[::8])
    json.dumps(evidence)  # it travels in the JSON results


def test_evidence_of_a_matrix_keeps_the_columns_that_differ_most():
    expected = np.zeros((50, 10))
    actual = expected + np.array([0, 5, 0, 1, 0, 0, 9, 0, 2, 3.0])
    evidence = _failure(expected, actual).evidence
    assert evidence["columns"] == [1, 6, 8, 9] and np.shape(evidence["actual"]) == (50, 4)


def test_a_hint_added_later_keeps_the_evidence():
    with pytest.raises(AssertionError) as failure, hint_on_failure("carry the codes over"):
        assert_close(2.0, 1.0, "the scalar", atol=1e-9)
    assert "Hint: carry the codes over" in str(failure.value)
    assert failure.value.evidence["expected"] == 1.0 and failure.value.evidence["actual"] == 2.0


@pytest.mark.parametrize("evidence", [
    {"what": "a scalar", "index": [], "step": 1, "columns": None, "expected": 1.0, "actual": 2.0},
    {"what": "a trace", "index": [3], "step": 2, "columns": None,
     "expected": [0.0, 1, 2, 3, 4], "actual": [0.0, 1, 2, 3, 5]},
    {"what": "a raster", "index": [1, 4], "step": 1, "columns": [2, 4], "expected": [[0, 1], [1, 0]], "actual": [[0, 1], [1, 1]]},
], ids=["scalar", "sequence", "matrix"])
def test_every_kind_of_evidence_plots(evidence):
    assert feedback.plot_evidence(evidence).startswith("iVBORw0KGgo")  # a PNG


@pytest.fixture(scope="module")
def graded_partial_lif(tmp_path_factory):
    folder = tmp_path_factory.mktemp("feedback")
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", str(PARTIAL_LIF), "--format", "gradescope",
                             "--output", str(folder / "results.json"), "--feedback", str(folder / "feedback.html")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((folder / "results.json").read_text()), (folder / "feedback.html").read_text()


def test_gradescope_results_follow_its_format(graded_partial_lif):
    """Gradescope reads a total score and tests with name, score, max_score, status and output."""
    results, _ = graded_partial_lif
    assert results["score"] == sum(t["score"] for t in results["tests"]) == 5.0
    assert [(t["name"], t["status"]) for t in results["tests"]] == [  # the explain question is not among them
        ("lif_step", "passed"), ("simulate_lif", "failed"), ("first_latency", "passed"),
        ("lif_rate_theory", "failed"), ("ceiling_fraction", "passed")]
    assert all(set(t) >= {"name", "score", "max_score", "status", "output"} for t in results["tests"])
    assert "Hint: off by one step in time" in results["tests"][1]["output"]


def test_feedback_shows_message_hint_and_a_plot_per_failed_exercise(graded_partial_lif):
    _, page = graded_partial_lif
    assert "Score: <b>5 / 10</b>" in page
    failed = re.findall(r'<h2 id="(test_\w+)">', page)
    assert failed == ["test_simulate_lif", "test_lif_rate_theory"]
    assert page.count('<p class="hint">') == 2 and page.count("data:image/png;base64,") == 2


def test_feedback_without_evidence_has_no_plot():
    result = {"notebook": "n.ipynb", "score": 0.0, "max_score": 2.0, "exercises": [
        {"name": "test_f", "points": 0.0, "max_points": 2.0, "passed": False,
         "message": "f is not implemented yet (it still raises NotImplementedError)."}]}
    page = feedback.notebook_report(NotebookGrade.from_json(result), "student: section")
    assert "NotImplementedError" in page and "<img" not in page and "Hint" not in page


def test_class_report_shows_distributions_and_the_most_frequent_failures():
    def result(points, message):
        return NotebookGrade("n.ipynb", [ExerciseResult("test_f", points, 2.0, points == 2.0, message)])
    results = {"ann": {"ch/s": result(2.0, "")}, "bob": {"ch/s": result(0.0, "f(1) is wrong: 3\nHint: add")},
               "cy": {"ch/s": result(0.0, "f(1) is wrong: 3\nHint: add")}, "dan": {"ch/s": result(0.0, "f raised")}}
    page = feedback.class_report(results, "ch: class report")
    assert "4 students." in page and page.count("data:image/png;base64,") == 1
    assert page.index("2 × <code>f(1) is wrong: 3</code>") < page.index("1 × <code>f raised</code>")


def test_reports_are_rewritten_only_for_results_stored_anew(tmp_path):
    result = NotebookGrade("n.ipynb", [ExerciseResult("test_f", 0.0, 1.0, False, "f raised")])
    stored, page = tmp_path / "ann" / "s.json", tmp_path / "ann" / "s.html"
    stored.parent.mkdir()
    stored.write_text("{}")
    batch.write_reports(tmp_path, "ch", {"ann": {course.Section("ch/s"): result}})
    written = page.stat().st_mtime_ns
    batch.write_reports(tmp_path, "ch", {"ann": {course.Section("ch/s"): result}})
    assert page.stat().st_mtime_ns == written and (tmp_path / "report.html").exists()
    os.utime(stored, ns=(written + 10**9, written + 10**9))  # graded again after the page was written
    batch.write_reports(tmp_path, "ch", {"ann": {course.Section("ch/s"): result}})
    assert page.stat().st_mtime_ns > written


MANUAL = NotebookGrade("n.ipynb", [
    ExerciseResult("test_f", 2.0, 2.0, True, ""),
    ExerciseResult("explain_f", 0.0, 2.0, False, grading.AWAITING, manual=True, answer="Because <b>depression</b> wins.",
                   model_answer="**Model answer.** Resources run out.\n\n**Rubric (2 points).** 1 point: resources.")])


def test_feedback_shows_an_explain_answer_beside_the_model_answer():
    page = feedback.notebook_report(MANUAL, "student: section")
    assert "Score: <b>2 / 2</b>, and 2 points graded by your instructor" in page
    assert "Because &lt;b&gt;depression&lt;/b&gt; wins." in page  # the student's text, escaped
    assert "Resources run out." in page and "Rubric (2 points)" in page
    assert "graded by hand" in page and '<h2 id="test_f">' not in page  # a passed exercise has no section


def test_gradescope_leaves_explain_answers_to_its_own_manual_grading():
    assert [t["name"] for t in feedback.gradescope(MANUAL)["tests"]] == ["f"]


def test_class_report_counts_explain_answers_awaiting_grading():
    unanswered = dataclasses.replace(MANUAL.exercises[1], message=grading.NO_ANSWER, answer=None)
    results = {"ann": {"ch/s": MANUAL}, "bob": {"ch/s": NotebookGrade("n.ipynb", [MANUAL.exercises[0], unanswered])}}
    page = feedback.class_report(results, "ch: class report")
    assert "<b>explain_f</b> (graded by hand in formgrader): 1 answers awaiting grading, 1 without an answer" in page
