"""The course end to end: the generated trees are up to date, the demo grades the
example submissions (and the solved source notebooks) with ``grade-all`` into an
nbgrader gradebook, and ``nbgrader autograde`` agrees with it on every cell of the
students it grades: the solved sources, the student whose notebooks break in the
most ways, and the untouched release. ``python -m autograder grade`` agrees too.

``nbgrader export`` and ``generate_feedback`` read the gradebook ``grade-all`` wrote.

The grading runs are shared by every test here; ``make test`` distributes tests
by file (``--dist loadfile``), which keeps them on one pytest-xdist worker so that
they happen once. (``--dist loadgroup`` with an ``xdist_group`` mark would not:
with pytest 9.2 it silently stops grouping, pytest-dev/pytest-xdist#1386.)
"""

import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from autograder import authoring, course
from autograder.demo import HAND, MANUAL_PREFIX, grade_table
from autograder.engine.notebook import autograded_cells, manual_cells, read
from conftest import by_name, grade_cli

SOLVED = "solved_source"  # a student who hands in the source notebooks themselves
# nbgrader grades these: the solutions, every way of breaking a notebook, and nothing done. Every other mistake is
# the same code path for nbgrader, so grading the partial and perfect students again would prove nothing new.
NBGRADER_STUDENTS = (SOLVED, "errors", "unchanged")


def _submissions(root):
    return sorted(root.glob("*/*/*.ipynb"))


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """The example submissions plus the solved source notebooks, as ``<student>/<chapter>/<section>.ipynb``."""
    tree = tmp_path_factory.mktemp("submitted")
    shutil.copytree(course.EXAMPLES, tree, dirs_exist_ok=True)
    shutil.copytree(course.SOURCE, tree / SOLVED)
    return tree


def _demo(tmp_path_factory, submitted, *options):
    workdir = tmp_path_factory.mktemp("demo")
    result = subprocess.run(
        [sys.executable, "-m", "autograder", "demo", "--workdir", str(workdir), "--submitted", str(submitted),
         "--release-dir", str(tmp_path_factory.mktemp("release")), *options],  # other tests read release/
        capture_output=True, text=True, timeout=3600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {"tree": submitted, "workdir": workdir, "output": result.stdout, "errors": result.stderr,
            "table": grade_table(workdir / "gradebook.db")}


@pytest.fixture(scope="module")
def graded(tree, tmp_path_factory):
    """``python -m autograder demo``: every submission graded by ``grade-all``."""
    return _demo(tmp_path_factory, tree)


@pytest.fixture(scope="module")
def nbgraded(tree, tmp_path_factory):
    """``python -m autograder demo --nbgrader`` on the students of ``NBGRADER_STUDENTS``."""
    subset = tmp_path_factory.mktemp("nbgrader_submitted")
    for student in NBGRADER_STUDENTS:
        shutil.copytree(tree / student, subset / student)
    return _demo(tmp_path_factory, subset, "--nbgrader")


def _student_scores(table, student):
    return {key: row[student] for key, row in table.items() if student in row}


def test_demo_prints_the_grade_table_and_progress(graded):
    output, table = graded["output"], graded["table"]
    assert all(f"{chapter}\n" in graded["errors"] for chapter in course.chapters())
    assert re.search(r"\[#{30}\] \d+/\d+ notebooks", graded["errors"]), "grade-all's progress bar"
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
    assert totals["perfect"] == totals[SOLVED] == maximum > 0
    assert totals["unchanged"] == 0 < totals["partial"] < maximum and 0 < totals["errors"] < maximum


@pytest.mark.parametrize("grader, student", [("graded", "perfect"), ("graded", SOLVED), ("nbgraded", SOLVED)])
def test_solutions_earn_full_marks(request, grader, student):
    """Every test cell earns its points; every explain answer (the model answer) awaits the instructor."""
    scores = _student_scores(request.getfixturevalue(grader)["table"], student)
    sources = [read(course.source_notebook(s)) for s in course.sections()]
    assert len(scores) == sum(len(autograded_cells(nb)) + len(manual_cells(nb)) for nb in sources)
    for (_, _, grade_id), (score, max_score, awaiting) in scores.items():
        manual = grade_id.startswith(MANUAL_PREFIX)
        assert (score, awaiting) == ((0, True) if manual else (max_score, False)) and max_score > 0, grade_id


def test_solved_source_notebooks_execute_without_errors(nbgraded):
    for section in course.sections():
        notebook = read(nbgraded["workdir"] / "autograded" / SOLVED / f"{section}.ipynb")
        errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
        assert not errors, f"{section}: {errors[0].ename}: {errors[0].evalue}"


@pytest.mark.parametrize("grader", ["graded", "nbgraded"])
def test_untouched_release_earns_nothing(request, grader):
    scores = _student_scores(request.getfixturevalue(grader)["table"], "unchanged")
    assert scores and all(score == 0 and not awaiting for score, _, awaiting in scores.values())


def test_every_exercise_is_graded_for_every_student(graded):
    students = {p.name for p in graded["tree"].iterdir()}
    for key, row in graded["table"].items():
        assert set(row) == students, key


def test_grade_all_writes_the_scores_of_nbgrader_autograde(graded, nbgraded):
    """On every cell of every notebook of the students nbgrader graded."""
    subset = {key: {student: row[student] for student in NBGRADER_STUDENTS} for key, row in graded["table"].items()}
    assert subset == nbgraded["table"]


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


@pytest.mark.parametrize("relative", [p.relative_to(course.EXAMPLES) for p in
                                      sorted(course.EXAMPLES.glob("errors/*/*.ipynb"))], ids=str)
def test_grade_command_agrees_with_nbgrader(nbgraded, relative):
    """One notebook at a time, for the student whose notebooks break in the most ways."""
    student, chapter, notebook = str(relative).removesuffix(".ipynb").split("/")
    report = by_name(grade_cli(nbgraded["tree"] / relative))
    expected = {grade_id: score for (a, section, grade_id), (score, _, _) in
                _student_scores(nbgraded["table"], student).items() if (a, section) == (chapter, notebook)}
    assert {name: e["points"] for name, e in report.items()} == expected


def test_source_solution_cells_match_the_references():
    assert authoring.stale_sources() == []


def test_release_is_up_to_date(tmp_path):
    authoring.generate_release(release_dir=tmp_path)
    for section in course.sections():
        assert read(tmp_path / f"{section}.ipynb") == read(course.RELEASE / f"{section}.ipynb"), (
            f"release/{section}.ipynb is stale: run `make build`")


def test_example_submissions_are_up_to_date():
    expected = authoring.example_submissions()
    assert sorted(expected) == sorted(str(p.relative_to(course.EXAMPLES)) for p in _submissions(course.EXAMPLES))
    for relative, notebook in expected.items():
        assert nbformat.from_dict(notebook) == read(course.EXAMPLES / relative), (
            f"examples/submitted/{relative} is stale: run `make build`")
