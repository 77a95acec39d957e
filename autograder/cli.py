"""Command line of the course: ``python -m autograder COMMAND``.

Commands
--------
grade NOTEBOOK [--format text|json|gradescope] [--output FILE] [--feedback FILE.html] [limits]
    Grade one student notebook; exits 0 whenever grading itself worked.
grade-all CHAPTER [--course DIR] [--jobs N] [--scheduler ADDRESS] [--no-reports] [limits]
    Grade every submission of a chapter in parallel into the nbgrader gradebook,
    with HTML feedback per notebook and a class report.
demo
    The main job: release every chapter, autograde the example submissions
    with nbgrader, generate feedback and print the grade table.
build
    Regenerate, in order, the source solution cells from ``solutions/``, the
    release notebooks and the example submissions.

The limits, the same for ``grade`` and ``grade-all`` (:mod:`autograder.engine.limits`):
``--timeout`` seconds per notebook, ``--cell-timeout`` seconds per cell or check,
``--memory`` GiB for the student's process.
"""

import argparse
import json
from pathlib import Path

from autograder import authoring
from autograder.engine import grading, limits


def _grade(args):
    from autograder import feedback

    result = grading.grade_notebook(args.notebook, section=args.section, limits=limits.from_options(args))
    form = "json" if args.json else args.format
    if form == "text":
        text = result.to_text()
    else:
        text = json.dumps(result.to_json() if form == "json" else feedback.gradescope(result), indent=2,
                          ensure_ascii=False)
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text + "\n")
    else:
        print(text)
    if args.feedback:
        Path(args.feedback).parent.mkdir(parents=True, exist_ok=True)
        Path(args.feedback).write_text(feedback.notebook_report(result, Path(args.notebook).stem))


def _grade_all(args):
    from autograder.engine import batch

    try:
        results = batch.grade_all(args.chapter, args.course, jobs=args.jobs, scheduler=args.scheduler,
                                  limits=limits.from_options(args),
                                  progress=not args.quiet, reports=not args.no_reports)
    except KeyboardInterrupt as interrupt:
        print(interrupt)
        raise SystemExit(130) from None
    print(batch.format_results(results))
    folder = Path(args.course) / batch.RESULTS / args.chapter
    print(f"\nSummary: {folder / 'summary.json'} (and summary.csv); scores are in {Path(args.course) / 'gradebook.db'}")
    if not args.no_reports:
        print(f"Feedback: {folder}/<student>/<section>.html; class report: {folder / 'report.html'}")


def _demo(args):
    from autograder import demo

    demo.main(workdir=args.workdir, submitted=args.submitted, release_dir=args.release_dir, nbgrader=args.nbgrader,
              limits=limits.from_options(args))


def _build(args):
    print("source cells updated:", ", ".join(authoring.sync()) or "none")
    authoring.generate_release()
    print("release notebooks regenerated")
    authoring.build_examples()
    print("example submissions regenerated")


def parser():
    """The argument parser of ``python -m autograder``."""
    main = argparse.ArgumentParser(prog="python -m autograder", description=__doc__.split("\n\n")[0])
    commands = main.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="grade one student notebook")
    grade.add_argument("notebook", help="path to …/<chapter>/<section>.ipynb")
    grade.add_argument("--format", choices=["text", "json", "gradescope"], default="text",
                       help="text (default), JSON, or Gradescope's results.json")
    grade.add_argument("--json", action="store_true", help="the same as --format json")
    grade.add_argument("--output", help="write the result to this file instead of printing it")
    grade.add_argument("--feedback", help="also write HTML feedback with plots of what went wrong to this file")
    grade.add_argument("--section", help="<chapter>/<section>, if the path does not tell")
    limits.add_options(grade)
    grade.set_defaults(run=_grade)

    grade_all = commands.add_parser("grade-all", help="grade every submission of a chapter into the gradebook")
    grade_all.add_argument("chapter", help="the assignment, e.g. ch02_neuron_models")
    grade_all.add_argument("--course", default=".", help="the nbgrader course folder (default: here)")
    grade_all.add_argument("--jobs", type=int, default=None, help="worker processes (default: the machine's cores)")
    grade_all.add_argument("--scheduler", help="address of a Dask scheduler to grade on instead (tcp://host:8786)")
    limits.add_options(grade_all)
    grade_all.add_argument("--quiet", action="store_true", help="no progress bar")
    grade_all.add_argument("--no-reports", action="store_true", help="skip the HTML feedback and class report")
    grade_all.set_defaults(run=_grade_all)

    demo = commands.add_parser("demo", help="release, autograde the examples, print the grade table")
    demo.add_argument("--workdir", default=None, help="where to grade (default build/demo)")
    demo.add_argument("--submitted", default=None,
                      help="submissions as <student>/<chapter>/<section>.ipynb (default examples/submitted)")
    demo.add_argument("--release-dir", default=None, help="where to write the release (default release/)")
    demo.add_argument("--nbgrader", action="store_true",
                      help="grade with nbgrader autograde and generate_feedback instead of grade-all")
    limits.add_options(demo)
    demo.set_defaults(run=_demo)

    build = commands.add_parser("build", help="regenerate source solution cells, release and examples")
    build.set_defaults(run=_build)
    return main


def main(argv=None):
    """Run a command; return the exit status."""
    args = parser().parse_args(argv)
    try:
        args.run(args)
    except ValueError as error:  # e.g. a notebook path that names no section
        print(f"error: {error}")
        return 2
    return 0
