"""``nbgrader autograde`` agrees with ``grade-all``: ``demo --nbgrader`` gives the solved
source notebooks full marks, executing them without an error, and the same scores as
the demo (``grade-all``, run once for this file and ``test_pipeline.py``) on every cell of
the untouched release and of each notebook that the student whose notebooks break in
the most ways breaks; ``python -m autograder grade`` gives those scores too, notebook
by notebook.

The partial student's mistakes are, for nbgrader, the code path of any failing check,
and the other notebooks of the errors student are the perfect one's: grading them
again would prove nothing new. The nbgrader run is shared by every test here (one
pytest-xdist worker, ``--dist loadfile``).
"""

import shutil

import pytest

from autograder import course
from autograder.engine.notebook import read
from conftest import GENEROUS, by_name, full_marks, grade_cli, run_demo, student_scores

SOLVED = "solved_source"  # a student who hands in the source notebooks themselves


def _broken(student):
    """The notebooks in which ``student`` differs from the perfect student (elsewhere it hands in the same)."""
    return sorted(path.relative_to(course.EXAMPLES) for path in course.EXAMPLES.glob(f"{student}/*/*.ipynb")
                  if path.read_bytes() != (course.EXAMPLES / "perfect" / path.relative_to(course.EXAMPLES / student))
                  .read_bytes())


ERRORS = _broken("errors")


def _tree(folder):
    """The solved sources, the untouched release and the errors student's broken notebooks."""
    for section in course.sections():
        (folder / SOLVED / section.chapter).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(section.source, folder / SOLVED / f"{section}.ipynb")
    shutil.copytree(course.EXAMPLES / "unchanged", folder / "unchanged")
    for relative in ERRORS:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(course.EXAMPLES / relative, folder / relative)
    return folder


@pytest.fixture(scope="module")
def nbgraded(tmp_path_factory):
    """``python -m autograder demo --nbgrader`` on the solved sources, the broken notebooks and the release."""
    return run_demo(tmp_path_factory, _tree(tmp_path_factory.mktemp("submitted")), "--nbgrader")


def test_solved_sources_earn_full_marks(nbgraded):
    assert full_marks(student_scores(nbgraded["table"], SOLVED))


def test_solved_source_notebooks_execute_without_errors(nbgraded):
    for section in course.sections():
        notebook = read(nbgraded["workdir"] / "autograded" / SOLVED / f"{section}.ipynb")
        errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
        assert not errors, f"{section}: {errors[0].ename}: {errors[0].evalue}"


def test_untouched_release_earns_nothing(nbgraded):
    scores = student_scores(nbgraded["table"], "unchanged")
    assert scores and all(score == 0 and not awaiting for score, _, awaiting in scores.values())


def _handed_in(graded, student):
    """A student's scores on the notebooks the student handed in."""
    sections = {(p.parent.name, p.stem) for p in (graded["tree"] / student).glob("*/*.ipynb")}
    return {key: score for key, score in student_scores(graded["table"], student).items() if key[:2] in sections}


@pytest.mark.parametrize("student", ["unchanged", "errors"])
def test_grade_all_writes_the_scores_of_nbgrader_autograde(nbgraded, example_demo, student):
    """On every cell of every notebook the student handed in to nbgrader here, compared with the demo's grade-all
    run on all the example submissions."""
    expected = _handed_in(nbgraded, student)
    graded = student_scores(example_demo["table"], student)
    assert expected and {key: graded.get(key) for key in expected} == expected


@pytest.mark.parametrize("relative", ERRORS, ids=str)
def test_grade_command_agrees_with_nbgrader(nbgraded, relative):
    """One notebook at a time, for the student whose notebooks break in the most ways."""
    student, chapter, notebook = str(relative).removesuffix(".ipynb").split("/")
    report = by_name(grade_cli(nbgraded["tree"] / relative, *GENEROUS))
    expected = {grade_id: score for (a, section, grade_id), (score, _, _) in
                student_scores(nbgraded["table"], student).items() if (a, section) == (chapter, notebook)}
    assert expected and {name: e["points"] for name, e in report.items()} == expected
