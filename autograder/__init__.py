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

import os

# One BLAS thread per process, set before numpy is first imported (a value already set wins): grading runs a
# process per core (grade-all's workers, each beside its student's process, and nbgrader's kernels), mostly on
# small matrices, where more threads than cores make OpenBLAS spin. Measured on the loaded 2-core machine: the
# predictive-coding training took 17.4 s with the default threads and 0.86 s with one.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
