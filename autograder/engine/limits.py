"""The limits a graded notebook runs under: one definition for ``grade``, ``grade-all`` and
``nbgrader_config.py`` (whose per-cell limit is :data:`CELL_TIMEOUT`). Imports nothing heavy."""

from dataclasses import dataclass

CELL_TIMEOUT = 60.0  # seconds a cell may run (nbgrader's Execute.timeout), and a hidden check
NOTEBOOK_TIMEOUT = 300.0  # seconds for the whole notebook
MEMORY_LIMIT = 4 * 2**30  # bytes of memory of a submission's processes together, and of each one's address space
PROCESS_LIMIT = 64  # processes (and threads) of a submission at once


@dataclass(frozen=True)
class Limits:
    """What one notebook may use.

    Attributes
    ----------
    cell, check, notebook : float
        Seconds a cell may run, a hidden check may take (the student's functions it calls
        included) and the whole notebook may take.
    memory : int
        Bytes of memory of all the submission's processes together (where the machine allows
        a control group, :mod:`autograder.engine.budget`) and of each one's address space.
    processes : int
        Processes (and threads) the submission may have at once, where it allows a control group.
    """

    cell: float = CELL_TIMEOUT
    check: float = CELL_TIMEOUT
    notebook: float = NOTEBOOK_TIMEOUT
    memory: int = MEMORY_LIMIT
    processes: int = PROCESS_LIMIT


def add_options(parser):
    """The options that set the limits, as ``grade`` and ``grade-all`` both take them."""
    parser.add_argument("--timeout", type=float, default=NOTEBOOK_TIMEOUT,
                        help="time limit for the whole notebook, in seconds (default %(default)g)")
    parser.add_argument("--cell-timeout", type=float, default=CELL_TIMEOUT,
                        help="time limit for one cell or check, in seconds (default %(default)g)")
    parser.add_argument("--memory", type=float, default=MEMORY_LIMIT / 2**30,
                        help="memory of a submission's processes together, in GiB (default %(default)g)")
    parser.add_argument("--processes", type=int, default=PROCESS_LIMIT,
                        help="processes a submission may have at once (default %(default)d)")


def from_options(args):
    """The :class:`Limits` the parsed options of :func:`add_options` give."""
    return Limits(cell=args.cell_timeout, check=args.cell_timeout, notebook=args.timeout,
                  memory=int(args.memory * 2**30), processes=args.processes)
