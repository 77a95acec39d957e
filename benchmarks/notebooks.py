"""Time the grading of every example submission with ``python -m autograder grade``
(a fresh process per notebook, as students and CI see it).

Run: ``.venv/bin/python benchmarks/notebooks.py``. Budget: under 60 s per notebook.
"""

import time

from autograder import course
from autograder.engine import grading


def main():
    for path in sorted(course.EXAMPLES.glob("*/*/*.ipynb")):
        start = time.perf_counter()
        grade = grading.grade_notebook(path)
        print(f"{str(path.relative_to(course.EXAMPLES)):<60} {time.perf_counter() - start:5.2f} s"
              f"  {grade.score:g}/{grade.max_score:g}")


if __name__ == "__main__":
    main()
