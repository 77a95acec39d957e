"""Command line of the course: ``python -m autograder COMMAND``.

Commands
--------
grade NOTEBOOK [--json]
    Grade one student notebook; exits 0 whenever grading itself worked.
demo
    The main job: release every chapter, autograde the example submissions
    with nbgrader, generate feedback and print the grade table.
build
    Regenerate, in order, the source solution cells from ``solutions/``, the
    release notebooks and the example submissions.
"""

import argparse
import json

from autograder import authoring, grading


def _grade(args):
    result = grading.grade_notebook(args.notebook, section=args.section,
                                    cell_timeout=args.cell_timeout, timeout=args.timeout)
    print(json.dumps(result.to_json(), indent=2, ensure_ascii=False) if args.json else result.to_text())


def _demo(args):
    from autograder import demo

    demo.main(workdir=args.workdir, submitted=args.submitted, release_dir=args.release_dir)


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
    grade.add_argument("--json", action="store_true", help="print the result as JSON")
    grade.add_argument("--section", help="<chapter>/<section>, if the path does not tell")
    grade.add_argument("--timeout", type=float, default=grading.NOTEBOOK_TIMEOUT,
                       help="time limit for the whole notebook, in seconds (default %(default)s)")
    grade.add_argument("--cell-timeout", type=float, default=grading.CELL_TIMEOUT,
                       help="time limit for one cell, in seconds (default %(default)s)")
    grade.set_defaults(run=_grade)

    demo = commands.add_parser("demo", help="release, autograde the examples, print the grade table")
    demo.add_argument("--workdir", default=None, help="where to grade (default build/demo)")
    demo.add_argument("--submitted", default=None,
                      help="submissions as <student>/<chapter>/<section>.ipynb (default examples/submitted)")
    demo.add_argument("--release-dir", default=None, help="where to write the release (default release/)")
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
