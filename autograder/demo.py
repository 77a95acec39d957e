"""The main job: ``python -m autograder demo`` (``make demo``).

1. Regenerate ``release/`` from ``source/`` with ``nbgrader generate_assignment``,
   recording the assignments in a fresh SQLite gradebook.
2. Grade the example submissions (``examples/submitted``) of every chapter in one
   ``grade-all`` run (isolated, in parallel, with a progress bar) into that gradebook,
   with HTML feedback and a class report; or, with ``--nbgrader``, with
   ``nbgrader autograde`` and ``nbgrader generate_feedback`` (processes of their own,
   as many at a time as the machine has cores).
3. Print the grade table: one row per exercise, one column per student.

Everything happens under ``build/demo`` (made anew each run) except the release,
which is regenerated in place. Nothing touches the network.
"""

import concurrent.futures
import os
import shutil
import sys
from pathlib import Path

from autograder import authoring, course
from autograder.engine.limits import Limits

HAND = "hand"  # in the grade table: awaiting manual grading
MANUAL_PREFIX = "explain_"  # the grade ids of the explain questions (AUTHORING.md)


def _directories(workdir):
    """nbgrader options that put submissions, grades and feedback under ``workdir``."""
    return [
        f"--CourseDirectory.submitted_directory={workdir / 'submitted'}",
        f"--CourseDirectory.autograded_directory={workdir / 'autograded'}",
        f"--CourseDirectory.feedback_directory={workdir / 'feedback'}",
        f"--CourseDirectory.db_url=sqlite:///{workdir / 'gradebook.db'}",
    ]


def grade_table(gradebook_path):
    """Scores from an nbgrader gradebook.

    Returns
    -------
    dict
        ``{(chapter, section, grade_id): {student: (score, max_score, awaiting)}}``, in
        gradebook order; ``awaiting`` is True for an answer to be graded by hand.
    """
    from nbgrader.api import Gradebook, MissingEntry

    table = {}
    with Gradebook(f"sqlite:///{gradebook_path}") as gradebook:
        for assignment in gradebook.assignments:
            for student in gradebook.students:
                try:
                    submission = gradebook.find_submission(assignment.name, student.id)
                except MissingEntry:  # this student did not submit this chapter
                    continue
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        key = (assignment.name, notebook.name, grade.name)
                        table.setdefault(key, {})[student.id] = (grade.score, grade.max_score,
                                                                 grade.needs_manual_grade)
    return table


def format_table(table):
    """The grade table as text: exercises down, students across, totals last.

    An answer awaiting manual grading shows as ``hand``; the explain questions' points
    are left out of the totals until an instructor grades them in formgrader."""
    students = sorted({s for row in table.values() for s in row})
    width = max([len(s) for s in students] + [len(HAND)])
    name_width = max([len(f"{section}/{grade_id}") for _, section, grade_id in table] + [10])
    header = f"{'exercise':<{name_width}} {'max':>4} " + " ".join(f"{s:>{width}}" for s in students)
    lines = [header, "-" * len(header)]
    totals = {s: 0.0 for s in students}
    maximum = manual = 0.0
    chapter = None
    for (assignment, section, grade_id), row in table.items():
        if assignment != chapter:
            chapter = assignment
            lines.append(chapter)
        max_score = next(iter(row.values()))[1]
        is_manual = grade_id.startswith(MANUAL_PREFIX)
        manual += max_score if is_manual else 0.0
        maximum += 0.0 if is_manual else max_score
        cells = []
        for student in students:
            score, _, awaiting = row.get(student, (0.0, max_score, False))
            totals[student] += 0.0 if is_manual else score
            cells.append(f"{HAND:>{width}}" if awaiting else f"{score:>{width}g}")
        lines.append(f"{section + '/' + grade_id:<{name_width}} {max_score:>4g} " + " ".join(cells))
    lines.append("-" * len(header))
    lines.append(f"{'total':<{name_width}} {maximum:>4g} " + " ".join(f"{totals[s]:>{width}g}" for s in students))
    if manual:
        lines.append(f"\n{HAND}: an explain question's answer, awaiting manual grading in formgrader; "
                     f"the {manual:g} points of the explain questions are not in the totals.")
    return "\n".join(lines)


def run(workdir, submitted=course.EXAMPLES, release_dir=course.RELEASE, nbgrader=False, limits=Limits()):
    """Release into ``release_dir``, then grade the submissions in ``submitted`` (laid
    out as ``<student>/<chapter>/<section>.ipynb``) under ``workdir`` with ``grade-all``,
    or with ``nbgrader autograde`` if ``nbgrader`` (which takes only the cell time limit
    of ``limits``); return the grade table."""
    workdir = Path(workdir).resolve()
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    shutil.copytree(submitted, workdir / "submitted")
    authoring.generate_release(release_dir, gradebook=workdir / "gradebook.db")
    chapters = sorted({p.name for p in (workdir / "submitted").glob("*/*") if p.is_dir()})
    if nbgrader:
        autograde_with_nbgrader(workdir, chapters, options=[f"--Execute.timeout={limits.cell:g}"])
        _nbgrader_in_parallel([("generate_feedback", chapter, "--force", *_directories(workdir)) for chapter in chapters])
    else:
        from autograder.engine import batch

        print(f"grade-all: {', '.join(chapters)}", file=sys.stderr)
        batch.grade_chapters(chapters, workdir, limits=limits)
    return grade_table(workdir / "gradebook.db")


def autograde_with_nbgrader(workdir, chapters, jobs=None, options=()):
    """``nbgrader autograde`` on every submission in ``workdir``, ``jobs`` processes at a time (default: the
    machine's cores) sharing the gradebook (SQLite serialises their short writes).

    nbgrader grades one notebook after another, so the runs are split: one process per chapter where there are
    at least ``jobs`` chapters (each process costs a second of imports), else one per student and chapter.
    """
    jobs = jobs or len(os.sched_getaffinity(0))
    if len(chapters) >= jobs:  # the chapters with most notebooks first, so that the last to start are short
        runs = [(chapter,) for chapter in sorted(
            chapters, key=lambda chapter: -len(list((workdir / "submitted").glob(f"*/{chapter}/*.ipynb"))))]
    else:
        students = sorted(p.name for p in (workdir / "submitted").iterdir() if p.is_dir())
        runs = [(chapter, f"--student={student}") for chapter in chapters for student in students
                if (workdir / "submitted" / student / chapter).is_dir()]
    _nbgrader_in_parallel([("autograde", *run, "--force", *_directories(workdir), *options) for run in runs], jobs)


def _nbgrader_in_parallel(commands, jobs=None):
    """Run nbgrader commands (tuples of arguments), ``jobs`` at a time (default: the machine's cores)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs or len(os.sched_getaffinity(0))) as pool:
        for finished in concurrent.futures.as_completed([pool.submit(authoring.nbgrader, *args) for args in commands]):
            finished.result()


def main(workdir=None, submitted=None, release_dir=None, nbgrader=False, limits=Limits()):
    workdir = Path(workdir) if workdir else course.ROOT / "build" / "demo"
    submitted = Path(submitted) if submitted else course.EXAMPLES
    grader = "nbgrader autograde" if nbgrader else "grade-all"
    print(f"Releasing {', '.join(course.chapters())} and grading {submitted} with {grader} in {workdir} …", flush=True)
    table = run(workdir, submitted, Path(release_dir) if release_dir else course.RELEASE, nbgrader, limits)
    print(format_table(table))
    if nbgrader:
        print(f"\nFeedback: {workdir / 'feedback'}")
    else:
        print(f"\nFeedback: {workdir}/autograder-results/<chapter>/<student>/<section>.html; "
              f"class reports: {workdir}/autograder-results/<chapter>/report.html")
