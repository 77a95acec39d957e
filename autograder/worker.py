"""The process that runs a student's notebook for :mod:`autograder.grading`.

Run as ``python -m autograder.worker JOB RESULTS``. ``JOB`` is a JSON file
``{"cells": [{"source": str, "grade_id": str or null}], "cell_timeout": seconds}``.
The cells run in order in one IPython shell, as in a Jupyter kernel; an error
in one cell does not stop the next. After each test cell (one with a
``grade_id``) a line ``{"grade_id", "passed", "message"}`` is appended to
``RESULTS`` and flushed, so results survive if this process is killed.

A test cell fails, as under nbgrader, when it raises or writes to stderr.
"""

import io
import json
import signal
import sys
import traceback


class CellTimeout(BaseException):
    """Raised in a cell that ran longer than its time limit (a BaseException, so
    that a student's ``except Exception`` does not swallow it)."""


def _on_alarm(signum, frame):
    raise CellTimeout


def _error_message(error, source):
    """A one-paragraph explanation of an exception raised by a cell."""
    if isinstance(error, CellTimeout):
        return "the cell did not finish within its time limit (an infinite loop?)"
    if isinstance(error, SyntaxError):
        return f"SyntaxError: {error.msg} in line {error.lineno}: {(error.text or '').strip()}"
    text = str(error).strip()
    if not text:
        lines = source.splitlines()
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith("<")]
        if frames and 0 < frames[-1].lineno <= len(lines):
            text = f"failed at `{lines[frames[-1].lineno - 1].strip()}`"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _first_line(source):
    """The first non-blank line of a cell, shortened, to name the cell in messages."""
    line = next((line.strip() for line in source.splitlines() if line.strip()), "")
    return line if len(line) <= 60 else line[:57] + "..."


def run(cells, cell_timeout, results):
    """Execute ``cells`` and write one result line per test cell to ``results``."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    signal.signal(signal.SIGALRM, _on_alarm)
    earlier_errors = []
    for cell in cells:
        stderr, sys.stderr = sys.stderr, io.StringIO()
        signal.setitimer(signal.ITIMER_REAL, cell_timeout)
        try:
            outcome = shell.run_cell(cell["source"], store_history=False)
        except CellTimeout:  # raised outside the cell's own code, e.g. while compiling
            outcome = None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            written, sys.stderr = sys.stderr.getvalue(), stderr
        error = CellTimeout() if outcome is None else (outcome.error_before_exec or outcome.error_in_exec)
        if cell.get("grade_id") is None:
            if error is not None:
                earlier_errors.append(f"the cell `{_first_line(cell['source'])}` failed with "
                                      f"{_error_message(error, cell['source'])}")
            _close_figures()
            continue
        if error is not None:
            message = _error_message(error, cell["source"])
            if earlier_errors and isinstance(error, NameError):
                message += "\nAn earlier cell may not have defined it: " + "; ".join(earlier_errors)
        elif written.strip():
            message = "the test cell wrote to stderr, which nbgrader counts as a failure:\n" + written.strip()[:2000]
        else:
            message = ""
        results.write(json.dumps({"grade_id": cell["grade_id"], "passed": not message, "message": message}) + "\n")
        results.flush()
        _close_figures()


def _close_figures():
    """Free the figures a cell drew (nobody sees them here)."""
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def main(job_path, results_path):
    with open(job_path) as f:
        job = json.load(f)
    with open(results_path, "w") as results:
        run(job["cells"], job["cell_timeout"], results)


if __name__ == "__main__":
    main(*sys.argv[1:3])
