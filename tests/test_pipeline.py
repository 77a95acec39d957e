"""The course end to end with ``grade-all``: the generated trees are up to date, and
the demo grades the example submissions into an nbgrader gradebook, with feedback
and class reports, on which ``nbgrader export`` and ``generate_feedback`` work.
(``tests/test_nbgrader.py`` holds ``nbgrader autograde`` to the same scores.)

The demo runs once per test session (``conftest.example_demo``) and is shared by every
test here and by ``test_nbgrader.py``; ``make test`` distributes tests by file (``--dist
loadfile``), so each of the two files' own fixtures runs on one pytest-xdist worker.
(``--dist loadgroup`` with an ``xdist_group`` mark would not: with pytest 9.2 it silently
stops grouping, pytest-dev/pytest-xdist#1386.)
"""

import json
import re

import nbformat
import pytest

from autograder import authoring, course
from autograder.demo import HAND, MANUAL_PREFIX
from autograder.engine.grading import NO_ANSWER
from autograder.engine.notebook import read
from conftest import full_marks, student_scores


def _submissions(root):
    return sorted(root.glob("*/*/*.ipynb"))


@pytest.fixture(scope="module")
def graded(example_demo):
    """``python -m autograder demo``: every example submission graded by ``grade-all``."""
    return example_demo


def test_demo_prints_the_grade_table_and_progress(graded):
    output, table = graded["output"], graded["table"]
    assert f"grade-all: {', '.join(course.chapters())}\n" in graded["errors"]
    notebooks = len(_submissions(course.EXAMPLES))
    assert re.search(rf"\[#{{30}}\] {notebooks}/{notebooks} notebooks", graded["errors"]), "grade-all's progress bar"
    students = sorted({student for row in table.values() for student in row})
    assert re.search(r"exercise\s+max\s+" + r"\s+".join(students), output)
    for (_, section, grade_id), row in table.items():
        scores = r"\s+".join(HAND if row[s][2] else f"{row[s][0]:g}" for s in students)
        assert re.search(rf"^{section}/{grade_id}\s+{next(iter(row.values()))[1]:g}\s+{scores}\s*$", output, re.M)
    automatic = {key: row for key, row in table.items() if not key[2].startswith(MANUAL_PREFIX)}
    totals = {s: sum(row[s][0] for row in automatic.values()) for s in students}
    maximum = sum(next(iter(row.values()))[1] for row in automatic.values())
    assert re.search(rf"^total\s+{maximum:g}\s+" + r"\s+".join(f"{totals[s]:g}" for s in students) + r"\s*$",
                     output, re.M)
    assert totals["perfect"] == maximum > 0
    assert totals["unchanged"] == 0 < totals["partial"] < maximum and 0 < totals["errors"] < maximum


def test_the_perfect_student_earns_full_marks(graded):
    assert full_marks(student_scores(graded["table"], "perfect"))


def test_untouched_release_earns_nothing_and_says_why(graded):
    scores = student_scores(graded["table"], "unchanged")
    assert scores and all(score == 0 and not awaiting for score, _, awaiting in scores.values())
    for chapter in course.chapters():
        summary = json.loads((graded["workdir"] / "autograder-results" / chapter / "summary.json").read_text())
        for section, report in summary["unchanged"].items():
            for exercise in report["exercises"]:
                if exercise["manual"]:  # an explain question left as released: nothing to grade by hand
                    assert exercise["message"] == NO_ANSWER, (section, exercise)
                else:  # a stubbed function, or a discovery answer whose stubbed cell raised
                    assert "not implemented" in exercise["message"] or "NotImplementedError" in exercise["message"], (
                        section, exercise)


def test_every_exercise_is_graded_for_every_student(graded):
    students = {p.name for p in graded["tree"].iterdir()}
    for key, row in graded["table"].items():
        assert set(row) == students, key


def test_nbgrader_exports_and_gives_feedback_on_grade_all_gradebooks(graded):
    folder = graded["workdir"]
    options = [f"--CourseDirectory.db_url=sqlite:///{folder / 'gradebook.db'}",
               f"--CourseDirectory.submitted_directory={folder / 'submitted'}",
               f"--CourseDirectory.autograded_directory={folder / 'autograded'}",
               f"--CourseDirectory.feedback_directory={folder / 'feedback'}"]
    authoring.nbgrader("export", f"--CsvExportPlugin.to={folder / 'grades.csv'}", *options)
    rows = (folder / "grades.csv").read_text().splitlines()
    assert len(rows) == 1 + len(course.chapters()) * len(list((folder / "submitted").iterdir()))
    authoring.nbgrader("generate_feedback", course.chapters()[0], "--force", *options)
    feedback = folder / "feedback" / "partial" / course.chapters()[0]
    assert sorted(p.stem for p in feedback.glob("*.html")) == sorted(
        s.name for s in course.sections() if s.chapter == course.chapters()[0])


def test_grade_all_writes_feedback_with_plots_and_a_class_report(graded):
    results = graded["workdir"] / "autograder-results"
    students = sorted(p.name for p in (graded["workdir"] / "submitted").iterdir())
    for chapter in course.chapters():
        assert "most frequent failures" in (results / chapter / "report.html").read_text()
    for section in course.sections():
        assert all((results / section.chapter / student / f"{section.name}.html").exists() for student in students)
    assert (results / "ch02_neuron_models" / "partial" / "leaky_integrate_and_fire.html").read_text().count(
        "data:image/png;base64,") == 2  # simulate_lif and lif_rate_theory failed with evidence
    assert "<img" not in (results / "ch02_neuron_models" / "perfect" / "leaky_integrate_and_fire.html").read_text()


def test_source_solution_cells_match_the_references():
    assert authoring.stale_sources() == []


def test_release_is_up_to_date(graded):
    """The demo released the assignments from ``source/`` into a folder of its own: ``release/`` is the same."""
    for section in course.sections():
        assert read(graded["release"] / f"{section}.ipynb") == read(course.RELEASE / f"{section}.ipynb"), (
            f"release/{section}.ipynb is stale: run `make build`")


def test_example_submissions_are_up_to_date():
    expected = authoring.example_submissions()
    assert sorted(expected) == sorted(str(p.relative_to(course.EXAMPLES)) for p in _submissions(course.EXAMPLES))
    for relative, notebook in expected.items():
        assert nbformat.from_dict(notebook) == read(course.EXAMPLES / relative), (
            f"examples/submitted/{relative} is stale: run `make build`")
