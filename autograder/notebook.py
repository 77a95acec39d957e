"""Reading nbgrader notebooks: which cells are exercises and tests, and putting
the source notebook's test cells into a student's notebook before grading."""

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


def autograded_cells(notebook):
    """The autograded test cells of a notebook, in order."""
    return [cell for cell in notebook.cells if is_test_cell(cell)]


def read(path):
    """Read a notebook as nbformat version 4."""
    return nbformat.read(str(path), as_version=4)


def with_source_tests(student, source):
    """The cells to execute when grading ``student``: its own cells, with every
    test cell taken from ``source``.

    A student's cell whose ``grade_id`` names a test cell of the source is
    replaced by that test cell, so edited visible tests grade as written by the
    instructor. A test cell the student deleted is put back after the cell that
    precedes it in the source (matched by ``grade_id``), or at the end.

    Parameters
    ----------
    student, source : nbformat.NotebookNode
        The submitted notebook and the section's source notebook.

    Returns
    -------
    list of nbformat.NotebookNode
        The code cells to execute, in order.
    """
    source_tests = {grade_id(cell): cell for cell in autograded_cells(source)}
    cells = [
        source_tests.get(grade_id(cell), cell) for cell in student.cells if cell.get("cell_type") == "code"
    ]
    present = {grade_id(cell) for cell in cells}
    previous = None
    for cell in source.cells:
        name = grade_id(cell)
        if name in source_tests and name not in present:
            ids = [grade_id(c) for c in cells]
            position = ids.index(previous) + 1 if previous in ids else len(cells)
            cells.insert(position, cell)
            present.add(name)
        if name is not None:
            previous = name
    return cells


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
