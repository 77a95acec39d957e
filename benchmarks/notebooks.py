"""Time the grading of every example submission with ``python -m autograder grade``'s
function (a fresh student's process per notebook, as grade-all's workers run it), against the floor.

The floor is the perfect student's ``firing_rate`` notebook, graded first: a few small figures and
checks in a student's process forked from the warm fork server (numpy and matplotlib imported). A
notebook's cost is given as a multiple of it, which a loaded machine changes less than the seconds.

Run: ``.venv/bin/python benchmarks/notebooks.py [perfect]`` (a glob of ``<student>``,
``<student>/<chapter>`` or ``<student>/<chapter>/<section>``, by default every example). Budget
(AUTHORING.md): the perfect student's notebook at most 4× the floor (about 1 s on an idle machine).
"""

import sys
import time

from autograder import course
from autograder.engine import grading

FLOOR = course.EXAMPLES / "perfect/ch02_neuron_models/firing_rate.ipynb"
BUDGET = 4.0  # multiples of the floor


def seconds_to_grade(path):
    start = time.perf_counter()
    grade = grading.grade_notebook(path)
    return time.perf_counter() - start, grade


def main(pattern="*"):
    seconds_to_grade(FLOOR)  # once to import the grader's modules, which later notebooks find imported
    floor, _ = seconds_to_grade(FLOOR)
    print(f"floor: {FLOOR.relative_to(course.EXAMPLES)} {floor:.2f} s")
    pattern = pattern.removesuffix(".ipynb") + ("/*/*", "/*", "")[min(pattern.count("/"), 2)] + ".ipynb"
    paths = sorted(course.EXAMPLES.glob(pattern))
    for path in paths:
        seconds, grade = seconds_to_grade(path)
        over = "  over budget" if path.parts[-3] == "perfect" and seconds > BUDGET * floor else ""
        print(f"{str(path.relative_to(course.EXAMPLES)):<64} {seconds:5.2f} s {seconds / floor:4.1f}×"
              f"  {grade.score:g}/{grade.max_score:g}{over}")


if __name__ == "__main__":
    main(*sys.argv[1:])
