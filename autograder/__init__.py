"""Hidden checks and grading machinery of the course.

What course authors use:

- ``autograder.checks.<chapter>.<section>``: the checks a source notebook's hidden
  test cells call, one per exercise or discovery answer;
- ``autograder.checking``: the helpers every check is written with;
- ``autograder.authoring``: generating the source solution cells from ``solutions/``,
  the release notebooks and the example submissions (``python -m autograder build``).

The grading engine:

- ``autograder.course``: where the course's notebooks are, and a notebook's section;
- ``autograder.notebook``: which cells are exercises, tests and explain answers, and
  putting the source's test cells into a student's notebook;
- ``autograder.grading``: ``python -m autograder grade``, one notebook;
- ``autograder.sandbox``: the grader's side of a student's isolated process;
- ``autograder.student_process``: the student's side, run as a script in the sandbox;
- ``autograder.wire``: the messages and values the two sides exchange;
- ``autograder.batch``: ``python -m autograder grade-all``, a class in parallel into
  the nbgrader gradebook;
- ``autograder.feedback``: HTML feedback with plots, the class report, Gradescope's
  ``results.json``;
- ``autograder.demo``: the main job (release, autograde, feedback, grade table);
- ``autograder.cli``: the command line.
"""
