"""Time each section's hidden checks on the reference implementation.

Run: ``.venv/bin/python benchmarks/check_times.py``. Budget: under 5 s per section.
"""

import importlib
import time

from autograder import authoring, course
from autograder.checking import Discovery
from autograder.engine.notebook import autograded_cells, grade_id, read


def main():
    for section in course.sections():
        checks = importlib.import_module(course.Section(section).checks_module)
        reference = authoring.reference_module(section)
        timings = {}
        for cell in autograded_cells(read(course.source_notebook(section))):
            function = grade_id(cell).removeprefix("test_")
            check, answer = getattr(checks, function), getattr(reference, function)
            if isinstance(check, Discovery):  # its check takes the number, computed before the clock starts
                answer = answer()
            start = time.perf_counter()
            check(answer)
            timings[function] = time.perf_counter() - start
        details = ", ".join(f"{name} {seconds:.2f}" for name, seconds in timings.items())
        print(f"{section:<45} {sum(timings.values()):5.2f} s  ({details})")


if __name__ == "__main__":
    main()
