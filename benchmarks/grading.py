"""Time grading a class: ``nbgrader autograde`` against ``grade-all``, and the floor.

The class: ``--students`` students (default 40), each handing in every notebook
of ``--chapter`` (default chapter 3), copied in turn from the example students
(perfect, partial, errors, unchanged). In one run, on the same submissions:

- ``nbgrader autograde CHAPTER`` (one notebook after another, as nbgrader does);
- ``nbgrader autograde CHAPTER --student S``, one process per student, two at a time on
  one gradebook: how instructors work around nbgrader's missing parallelism;
- ``grade-all CHAPTER --jobs 1`` and ``--jobs 2``, with ``--no-reports`` (``nbgrader
  autograde`` writes no feedback either), then ``grade-all`` once more, every result
  cached, which writes the HTML feedback and the class report: their cost;
- the floor: each notebook's code cells (test cells left out) executed with
  ``exec`` in a fresh plain Python process, one at a time and two at a time. No
  grading at all: what running the students' code costs.

Run: ``.venv/bin/python benchmarks/grading.py [--students 40] [--chapter ch03_synaptic_transmission]``.
"""

import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder import authoring, course, demo
from autograder.engine.notebook import is_test_cell, read

FLOOR = """
import json, sys
import matplotlib
matplotlib.use("Agg")
namespace = {"__name__": "__main__"}
for source in json.load(open(sys.argv[1])):
    try:
        exec(compile(source, "<cell>", "exec"), namespace)
    except BaseException:
        pass
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
"""


def make_class(folder, chapter, students):
    """``folder/submitted/<student>/<chapter>/`` for ``students`` students, copied from the examples."""
    examples = sorted(p.name for p in course.EXAMPLES.iterdir())
    for k in range(students):
        shutil.copytree(course.EXAMPLES / examples[k % len(examples)] / chapter,
                        folder / "submitted" / f"student{k:02d}" / chapter)


def run_floor(notebooks, jobs, workdir):
    """Execute each notebook's non-test code cells in its own plain Python process."""
    def execute(path):
        cells = [str(c.source) for c in read(path).cells if c.cell_type == "code" and not is_test_cell(c)]
        job = Path(tempfile.mkstemp(suffix=".json", dir=workdir)[1])
        job.write_text(json.dumps(cells))
        subprocess.run([sys.executable, "-c", FLOOR, str(job)], cwd=path.parent, capture_output=True,
                       env=dict(os.environ, MPLBACKEND="Agg", OPENBLAS_NUM_THREADS="1"))

    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        list(pool.map(execute, notebooks))


def timed(label, action):
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"{label:<34} {seconds:7.1f} s", flush=True)
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--chapter", default="ch03_synaptic_transmission")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="grading-benchmark-") as tmp:
        tmp = Path(tmp)
        folders = {name: tmp / name for name in ("nbgrader", "nbgrader2", "jobs1", "jobs2")}
        for folder in folders.values():
            make_class(folder, args.chapter, args.students)
            authoring.generate_release(tmp / "release", gradebook=folder / "gradebook.db")
        notebooks = sorted((folders["nbgrader"] / "submitted").glob(f"*/{args.chapter}/*.ipynb"))
        print(f"{args.students} students × {len(notebooks) // args.students} notebooks of {args.chapter} "
              f"= {len(notebooks)} notebooks, {os.cpu_count()} cores", flush=True)
        times = {
            "nbgrader": timed("nbgrader autograde", lambda: authoring.nbgrader(
                "autograde", args.chapter, "--force", *demo._directories(folders["nbgrader"]))),
            "nbgrader2": timed("nbgrader, a process per student ×2", lambda: demo.autograde_with_nbgrader(
                folders["nbgrader2"], [args.chapter], jobs=2)),
        }
        for jobs in (1, 2):
            times[f"jobs{jobs}"] = timed(f"grade-all --jobs {jobs}", lambda jobs=jobs: subprocess.run(
                [sys.executable, "-m", "autograder", "grade-all", args.chapter, "--course", str(folders[f"jobs{jobs}"]),
                 "--jobs", str(jobs), "--quiet", "--no-reports"], check=True, capture_output=True))
            times[f"floor{jobs}"] = timed(f"floor, {jobs} at a time", lambda jobs=jobs: run_floor(notebooks, jobs, tmp))
        timed("grade-all again, reports only", lambda: subprocess.run(
            [sys.executable, "-m", "autograder", "grade-all", args.chapter, "--course", str(folders["jobs2"]), "--quiet"],
            check=True, capture_output=True))
        same = all(demo.grade_table(folders[name] / "gradebook.db") == demo.grade_table(folders["nbgrader"] / "gradebook.db")
                   for name in ("nbgrader2", "jobs1", "jobs2"))
        print(f"\ngrade-all --jobs 2 is {times['nbgrader'] / times['jobs2']:.2f}× faster than nbgrader autograde "
              f"(--jobs 1: {times['nbgrader'] / times['jobs1']:.2f}×), "
              f"{times['nbgrader2'] / times['jobs2']:.2f}× faster than nbgrader run as a process per student two "
              "at a time")
        print(f"grade-all takes {times['jobs2'] / times['floor2']:.2f}× the floor with 2 at a time "
              f"({times['jobs1'] / times['floor1']:.2f}× with 1)")
        print(f"same scores as nbgrader autograde in every gradebook: {same}")


if __name__ == "__main__":
    main()
