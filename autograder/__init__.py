"""Hidden checks and grading machinery of the course.

- ``autograder.checks.<chapter>.<section>``: the checks a source notebook's hidden
  test cells call, one function per exercise;
- ``autograder.checking``: the helpers every check is written with;
- ``autograder.grading``: ``python -m autograder grade``, one notebook in a fresh,
  time-limited process;
- ``autograder.authoring``: generating source solution cells from ``solutions/``,
  the release notebooks and the example submissions;
- ``autograder.demo``: the main job (release, autograde, feedback, grade table).
"""
