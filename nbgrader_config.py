"""nbgrader configuration of the course (one assignment per chapter, one notebook per section)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent

# The hidden test cells import ``autograder`` and ``solutions``; the kernel runs in
# ``autograded/<student>/<assignment>/``, so name the course root explicitly.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

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

# Per-cell time limit in seconds (the same as autograder.grading.CELL_TIMEOUT).
c.Execute.timeout = 60

# Put back test cells a student deleted, instead of silently losing their points.
c.OverwriteCells.add_missing_cells = True
