"""The grading engine of the course, and the library its checks are written with.

What course authors use:

- ``autograder.checking``: the helpers every hidden check (``checks.<chapter>.<section>``)
  is written with;
- ``autograder.authoring``: generating the source solution cells from ``solutions/``,
  the release notebooks and the example submissions (``python -m autograder build``).

What grades (:mod:`autograder.engine`, course-independent): notebook cells, limits, the
wire format, the student's sandboxed process, one notebook and a class.

Around it:

- ``autograder.course``: where the course's files are, the one module that knows the layout;
- ``autograder.feedback``: HTML feedback with plots, the class report, Gradescope's
  ``results.json``;
- ``autograder.demo``: the main job (release, autograde, feedback, grade table);
- ``autograder.cli``: the command line.
"""
