"""Grade one student notebook: ``python -m autograder grade NOTEBOOK``.

The notebook's code runs in its own sandboxed process (:mod:`autograder.sandbox`)
with a time limit per cell and one for the whole notebook, and with every test
cell taken from the section's source notebook. A test cell's hidden part (the
check) runs here, in the grader, calling the student's functions across the
process boundary; its visible part runs in the student's process, as under
``nbgrader autograde``. A test cell earns its points when neither part raises
nor writes to stderr.
"""

from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder import course, sandbox
from autograder.notebook import autograded_cells, grade_id, nbgrader_metadata, read, split_test, with_source_tests

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
    evidence: dict | None = None  # a failed comparison's values, for plots (autograder.checking.evidence)


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
                "exercises": [{k: v for k, v in asdict(e).items() if k != "evidence" or v is not None}
                              for e in self.exercises]}

    def to_text(self):
        """A readable report: one line per exercise, failure messages indented."""
        lines = [f"{self.notebook}: {self.score:g} / {self.max_score:g}"]
        width = max((len(e.name) for e in self.exercises), default=0)
        for e in self.exercises:
            lines.append(f"  {'PASS' if e.passed else 'FAIL'}  {e.name:<{width}}  {e.points:g} / {e.max_points:g}")
            lines.extend(f"        {line}" for line in e.message.splitlines())
        return "\n".join(lines)


def _tests(source):
    """``(grade_id, points)`` of each test cell of a source notebook."""
    return [(grade_id(cell), float(nbgrader_metadata(cell).get("points", 0))) for cell in autograded_cells(source)]


def failed_all(path, section, message):
    """The grade of a notebook that earns nothing, for one reason."""
    tests = _tests(read(course.source_notebook(section)))
    return NotebookGrade(str(path), [ExerciseResult(name, 0.0, points, False, message) for name, points in tests])


def grade_notebook(path, section=None, cell_timeout=CELL_TIMEOUT, timeout=NOTEBOOK_TIMEOUT,
                   memory=sandbox.MEMORY_LIMIT, isolate=None):
    """Run a student's notebook and the hidden checks of its section.

    Parameters
    ----------
    path : str or Path
        The student's notebook.
    section : str, optional
        ``"<chapter>/<section>"``; by default taken from the notebook's file
        name and folder.
    cell_timeout, timeout : float
        Time limits in seconds for one cell (and one check) and for the whole notebook.
    memory : int
        Address-space limit of the student's process, bytes.
    isolate : bool, optional
        Sandbox the student's process (default: when the machine can).

    Returns
    -------
    NotebookGrade
        Points per exercise (test cell) with the failure messages. Grading
        never raises for a broken submission: what went wrong is in the messages.
    """
    path = Path(path)
    section = section or course.section_of(path)
    source = read(course.source_notebook(section))
    tests = _tests(source)
    names = {name for name, _ in tests}
    try:
        cells = [(str(cell.source), grade_id(cell) if grade_id(cell) in names else None)
                 for cell in with_source_tests(read(path), source)]
    except Exception as error:  # a file that is no notebook is the student's problem, not ours
        return failed_all(path, section, f"the notebook could not be read ({type(error).__name__}: {error})")
    try:
        outcomes, evidence = _run(cells, cell_timeout, timeout, memory, isolate)
    except sandbox.StudentProcessError as error:
        return failed_all(path, section, f"not graded: the notebook's process could not start ({error})")
    grade = NotebookGrade(str(path))
    for name, points in tests:
        message = outcomes.get(name, "the test cell did not run")
        grade.exercises.append(ExerciseResult(name, 0.0 if message else points, points, not message, message,
                                              evidence.get(name)))
    return grade


def _run(cells, cell_timeout, timeout, memory, isolate):
    """Run the cells in a sandboxed session; map each test cell's grade id to its
    failure message ("" when it passed), and the failed checks' grade ids to their
    evidence where they have some."""
    outcomes, evidence = {}, {}
    with sandbox.Session(cell_timeout, cell_timeout, timeout, memory, isolate) as session:
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
