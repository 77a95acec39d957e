"""Reading nbgrader notebooks: which cells are exercises and tests, and putting
the source notebook's test cells into a student's notebook before grading."""

import ast

import nbformat


def nbgrader_metadata(cell):
    """The cell's nbgrader metadata, ``{}`` for an ordinary cell."""
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def grade_id(cell):
    """The cell's nbgrader ``grade_id``, or None."""
    return nbgrader_metadata(cell).get("grade_id")


def is_test_cell(cell):
    """Whether the cell is an autograded test cell (graded, not a solution)."""
    meta = nbgrader_metadata(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_manual_cell(cell):
    """Whether the cell is a manually graded answer (nbgrader's graded solution cell):
    the explain questions, which the instructor grades in formgrader."""
    meta = nbgrader_metadata(cell)
    return bool(meta.get("grade")) and bool(meta.get("solution"))


def manual_cells(notebook):
    """The manually graded answer cells of a notebook, in order."""
    return [cell for cell in notebook.cells if is_manual_cell(cell)]


def autograded_cells(notebook):
    """The autograded test cells of a notebook, in order."""
    return [cell for cell in notebook.cells if is_test_cell(cell)]


def read(path):
    """Read a notebook as nbformat version 4."""
    return nbformat.read(str(path), as_version=4)


def with_source_tests(student, source, code_only=True):
    """The cells to execute when grading ``student``: its own cells, with every
    test cell taken from ``source`` and put where the source has it.

    The student's copies of test cells (a cell whose ``grade_id`` names one)
    are dropped wherever they are, however many there are and whatever they
    hold. Each test cell of the source goes right after the student's cell that
    matches the source cell just before it: by ``grade_id``, or for a cell
    without one by identical code. Where that cell is missing (the student
    renamed or deleted it) it goes after the last cell that defines a function
    the test checks, else after a match of an earlier source cell, else at the
    end. So deleted, emptied, reordered, duplicated or re-tagged test cells
    grade exactly as if they were intact.

    Parameters
    ----------
    student, source : nbformat.NotebookNode
        The submitted notebook and the section's source notebook.
    code_only : bool
        Leave out the student's markdown and raw cells.

    Returns
    -------
    list of nbformat.NotebookNode
        The (code) cells, in order.
    """
    tests = {grade_id(cell) for cell in autograded_cells(source)}
    cells = [cell for cell in student.cells
             if grade_id(cell) not in tests and (cell.get("cell_type") == "code" or not code_only)]
    for index, cell in enumerate(source.cells):
        if is_test_cell(cell):
            cells.insert(_position(cells, source.cells[:index], cell), cell)
    return cells


def _matches(student_cell, source_cell):
    if grade_id(source_cell) is not None:
        return grade_id(student_cell) == grade_id(source_cell)
    return source_cell.get("cell_type") == "code" and student_cell.get("source") == source_cell.get("source")


def _position(cells, before, test):
    """Where a source test cell goes among ``cells``; ``before`` are the source cells that precede it.

    After the student's copy of the code cell just before it in the source; failing that, after the
    last cell that defines a function the test checks; failing that, after a copy of an earlier cell."""
    code = [c for c in reversed(before) if c.get("cell_type") == "code" and str(c.get("source", "")).strip()]
    checked = _checked_names(test)
    candidates = [lambda cell: _matches(cell, code[0])] if code else []
    candidates.append(lambda cell: bool(checked & _defined_names(cell)))
    candidates += [lambda cell, source_cell=source_cell: _matches(cell, source_cell) for source_cell in code[1:]]
    for matches in candidates:
        found = [k for k, cell in enumerate(cells) if matches(cell)]
        if found:
            return found[-1] + 1
    return len(cells)


def _checked_names(test):
    """The names a test cell's hidden part hands to its checks: ``checks.f(f)`` gives ``{"f"}``."""
    try:
        tree = ast.parse(split_test(str(test.get("source", "")))[0])
    except SyntaxError:
        return set()
    return {arg.id for node in ast.walk(tree) if isinstance(node, ast.Call) for arg in node.args
            if isinstance(arg, ast.Name)}


def defined_names(statement):
    """The names a top-level statement defines: a function's or class's, an assignment's targets."""
    if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
        return [statement.name]
    if isinstance(statement, ast.Assign):
        return [n.id for target in statement.targets for n in ast.walk(target) if isinstance(n, ast.Name)]
    return []


def _defined_names(cell):
    """The top-level functions and variables a code cell defines."""
    try:
        tree = ast.parse(str(cell.get("source", "")))
    except SyntaxError:
        return set()
    return {name for statement in tree.body for name in defined_names(statement)}


def solution_cell(notebook, name):
    """The solution cell whose ``grade_id`` is ``name``.

    Raises
    ------
    KeyError
        If the notebook has no such cell.
    """
    for cell in notebook.cells:
        if grade_id(cell) == name and nbgrader_metadata(cell).get("solution"):
            return cell
    raise KeyError(f"no solution cell {name!r}")


HIDDEN_MARKERS = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


def split_test(source):
    """The hidden and the visible part of a test cell's source.

    Returns
    -------
    hidden, visible : str
        The code between nbgrader's hidden-test markers, and the rest.
    """
    begin, end = HIDDEN_MARKERS
    if begin not in source or end not in source.split(begin, 1)[1]:
        return "", source
    before, rest = source.split(begin, 1)
    hidden, after = rest.split(end, 1)
    return hidden, before + after
