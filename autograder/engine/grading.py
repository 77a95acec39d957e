"""Grade one student notebook: ``python -m autograder grade NOTEBOOK``.

The notebook's code runs in its own sandboxed process (:mod:`autograder.engine.sandbox`)
with a time limit per cell and one for the whole notebook, and with every test
cell taken from the section's source notebook. A test cell's hidden part (the
check) runs here, in the grader, calling the student's functions across the
process boundary; its visible part runs in the student's process, as under
``nbgrader autograde``. A test cell earns its points when neither part raises
nor writes to stderr.
"""

import contextlib
import importlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder import course
from autograder.engine import sandbox
from autograder.engine.limits import Limits
from autograder.engine.notebook import (grade_id, is_manual_cell, is_test_cell, manual_cells, nbgrader_metadata, read,
                                 split_test, with_source_tests)



AWAITING = "awaiting manual grading"
NO_ANSWER = "no answer: the cell still holds the release's text"


@dataclass
class ExerciseResult:
    """The outcome of one test cell, or of one manually graded answer (``manual``)."""

    name: str
    points: float
    max_points: float
    passed: bool
    message: str
    evidence: dict | None = None  # a failed comparison's values, for plots (autograder.checking.evidence)
    manual: bool = False  # an explain question: points come from the instructor, in formgrader
    answer: str | None = None  # a manual exercise's answer as the student wrote it
    model_answer: str | None = None  # and the source's model answer and rubric, shown in the feedback

    @property
    def awaiting(self):
        """Whether this is an explain question's answer that the instructor has yet to grade."""
        return self.manual and self.message == AWAITING


@dataclass
class NotebookGrade:
    """The outcome of grading one notebook."""

    notebook: str
    exercises: list = field(default_factory=list)

    @property
    def score(self):
        """Points of the automatically graded exercises."""
        return sum(e.points for e in self.exercises if not e.manual)

    @property
    def max_score(self):
        """Points the automatically graded exercises can earn."""
        return sum(e.max_points for e in self.exercises if not e.manual)

    @property
    def manual_max_score(self):
        """Points the manually graded exercises can earn, not counted in ``score`` nor ``max_score``."""
        return sum(e.max_points for e in self.exercises if e.manual)

    @classmethod
    def from_json(cls, document):
        """The grade a :meth:`to_json` document describes (as stored by ``grade-all``)."""
        return cls(document["notebook"], [ExerciseResult(**exercise) for exercise in document["exercises"]])

    def to_json(self):
        """The ``--json`` document: notebook, score, max_score, manual_max_score and exercises."""
        optional = ("evidence", "answer", "model_answer")
        return {"notebook": self.notebook, "score": self.score, "max_score": self.max_score,
                "manual_max_score": self.manual_max_score,
                "exercises": [{k: v for k, v in asdict(e).items() if k not in optional or v is not None}
                              for e in self.exercises]}

    def to_text(self):
        """A readable report: one line per exercise, failure messages indented."""
        lines = [f"{self.notebook}: {self.score:g} / {self.max_score:g}"
                 + (f" (and {self.manual_max_score:g} to be graded by hand)" if self.manual_max_score else "")]
        width = max((len(e.name) for e in self.exercises), default=0)
        for e in self.exercises:
            status = "HAND" if e.awaiting else "PASS" if e.passed else "FAIL"
            lines.append(f"  {status}  {e.name:<{width}}  {e.points:g} / {e.max_points:g}")
            lines.extend(f"        {line}" for line in e.message.splitlines())
        return "\n".join(lines)


def _exercises(source):
    """``(grade_id, points, manual)`` of each graded cell of a source notebook, in order."""
    return [(grade_id(cell), float(nbgrader_metadata(cell).get("points", 0)), is_manual_cell(cell))
            for cell in source.cells if is_test_cell(cell) or is_manual_cell(cell)]


def failed_all(path, section, message):
    """The grade of a notebook that earns nothing, for one reason."""
    exercises = _exercises(read(course.Section(section).source))
    return NotebookGrade(str(path), [ExerciseResult(name, 0.0, points, False, message, manual=manual)
                                     for name, points, manual in exercises])


def manual_result(name, points, student_cell, release_cell, source_cell):
    """The result of a manually graded answer: awaiting the instructor if the student
    changed the release's cell, else 0 points for no answer (as ``nbgrader autograde``)."""
    answer = None if student_cell is None else str(student_cell.source)
    answered = answer is not None and answer.strip() != str(release_cell.source).strip()
    return ExerciseResult(name, 0.0, points, False, AWAITING if answered else NO_ANSWER, manual=True,
                          answer=answer, model_answer=str(source_cell.source))


def grade_notebook(path, section=None, limits=Limits(), isolate=None):
    """Run a student's notebook and the hidden checks of its section.

    Parameters
    ----------
    path : str or Path
        The student's notebook.
    section : str, optional
        ``"<chapter>/<section>"``; by default taken from the notebook's file
        name and folder.
    limits : Limits
        Time limits of a cell, a check and the whole notebook, and the memory limit.
    isolate : bool, optional
        Sandbox the student's process (default: when the machine can).

    Returns
    -------
    NotebookGrade
        Points per exercise (test cell) with the failure messages. Grading
        never raises for a broken submission: what went wrong is in the messages.
    """
    path = Path(path)
    section = course.Section(section) if section else course.section_of(path)
    source = read(section.source)
    exercises = _exercises(source)
    names = {name for name, _, manual in exercises if not manual}
    try:
        student = read(path)
        cells = [(str(cell.source), grade_id(cell) if grade_id(cell) in names else None)
                 for cell in with_source_tests(student, source)]
    except Exception as error:  # a file that is no notebook is the student's problem, not ours
        return failed_all(path, section, f"the notebook could not be read ({type(error).__name__}: {error})")
    sandbox.ForkServer.of(sandbox.sandbox_available() if isolate is None else isolate)  # it starts while …
    with contextlib.suppress(Exception):  # … the checks are imported here; a broken module fails in its test cell
        importlib.import_module(section.checks_module)
    try:
        outcomes, evidence = _run(cells, limits, isolate)
    except sandbox.StudentProcessError as error:
        return failed_all(path, section, f"not graded: the notebook's process could not start ({error})")
    answers = {grade_id(cell): cell for cell in student.cells if is_manual_cell(cell)}
    release = {grade_id(cell): cell for cell in manual_cells(read(section.release))} if answers else {}
    models = {grade_id(cell): cell for cell in manual_cells(source)}
    grade = NotebookGrade(str(path))
    for name, points, manual in exercises:
        if manual:
            grade.exercises.append(manual_result(name, points, answers.get(name), release.get(name), models[name]))
            continue
        message = outcomes.get(name, "the test cell did not run")
        grade.exercises.append(ExerciseResult(name, 0.0 if message else points, points, not message, message,
                                              evidence.get(name)))
    return grade


def _run(cells, limits, isolate):
    """Run the cells in a sandboxed session; map each test cell's grade id to its
    failure message ("" when it passed), and the failed checks' grade ids to their
    evidence where they have some."""
    outcomes, evidence = {}, {}
    with sandbox.Session(limits, isolate) as session:
        try:
            _run_cells(session, cells, outcomes, evidence)
        except sandbox.NotebookTimeout as error:
            outcomes.update({name: f"not graded: {error}" for _, name in cells if name and name not in outcomes})
    return outcomes, evidence


def _run_cells(session, cells, outcomes, evidence):
    """Run ``(source, test grade id or None)`` cells in order, recording test outcomes in ``outcomes``
    and the evidence of failed checks in ``evidence``.

    A test cell's hidden part runs first, as a check here; its visible part runs
    in the student's process only if the check passed, as in one notebook cell."""
    earlier_errors = []
    for source, test in cells:
        if test is None:
            error, _ = session.run(source)
            if error is not None:
                earlier_errors.append(f"the cell `{_first_line(source)}` failed with {error}")
            continue
        hidden, visible = split_test(source)
        message, found = session.check(hidden) if hidden.strip() else (None, None)
        if found and test not in outcomes:
            evidence[test] = found
        if message is None:
            error, written = session.run(visible)
            message = error or (written.strip() and "the test cell wrote to stderr, which nbgrader counts as "
                                                    "a failure:\n" + written.strip()[:2000])
        if message and earlier_errors and "NameError" in message:
            message += "\nAn earlier cell may not have defined it: " + "; ".join(earlier_errors)
        outcomes.setdefault(test, message or "")


def _first_line(source):
    """The first non-blank line of a cell, shortened, to name the cell in messages."""
    line = next((line.strip() for line in source.splitlines() if line.strip()), "")
    return line if len(line) <= 60 else line[:57] + "..."
