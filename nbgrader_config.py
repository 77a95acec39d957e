"""nbgrader configuration of the course (one assignment per chapter, one notebook per section)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent

# The hidden test cells import ``autograder`` and ``solutions``; the kernel runs in
# ``autograded/<student>/<assignment>/``, so name the course root explicitly.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

sys.path.insert(0, str(ROOT))  # nbgrader loads this file from the course root, not as part of a package
from autograder.engine.limits import CELL_TIMEOUT  # noqa: E402 (the light module of the limits, nothing else)

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "compneuro-python"
c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"

# What students see in place of a solution.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Per-cell time limit in seconds: the one ``python -m autograder grade`` and ``grade-all`` use.
c.Execute.timeout = CELL_TIMEOUT

# Put back test cells a student deleted, instead of silently losing their points.
c.OverwriteCells.add_missing_cells = True
