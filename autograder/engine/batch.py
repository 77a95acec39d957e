"""Grade a whole class: ``python -m autograder grade-all CHAPTER``.

Every submission ``submitted/<student>/<chapter>/<section>.ipynb`` of an nbgrader
course folder is graded by :func:`autograder.engine.grading.grade_notebook` in worker
processes (or on a Dask cluster). Then the scores go into the course's nbgrader
gradebook and an ``autograded/`` notebook is written for feedback and
formgrader, as after ``nbgrader autograde``; ``autograder-results/<chapter>/``
gets a summary (``summary.json``, ``summary.csv``).

Crash safety: each graded notebook's result is written at once, atomically, to
``autograder-results/<chapter>/<student>/<section>.json`` with a fingerprint of
the submission and the checks. A run that was interrupted and started again
reuses the results whose fingerprint still matches and grades only the rest.
The gradebook is written by this process alone, into a copy that replaces it
in one atomic rename: it holds either all of a run's grades or none.
"""

import concurrent.futures
import contextlib
import csv
import functools
import hashlib
import importlib.util
import io
import json
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import NamedTuple

import nbformat

from autograder import course, feedback
from autograder.engine import grading
from autograder.engine.limits import Limits
from autograder.engine.notebook import grade_id, is_test_cell, read, with_source_tests
from autograder.engine.sandbox import die_with_parent

RESULTS = "autograder-results"


def _digest(files, digest=None):
    """A SHA-256 hash of the files' contents (``b"missing"`` for one that does not exist)."""
    digest = digest or hashlib.sha256()
    for file in files:
        digest.update(file.read_bytes() if file.exists() else b"missing")
    return digest.hexdigest()


def _grader_digest(section):
    """A hash of what grades a section: its source notebook, its checks and the chapter's references."""
    checks, references = (Path(importlib.util.find_spec(module).origin)
                          for module in (section.checks_module, section.reference_module))
    return _digest([section.source, Path(__file__).parents[1] / "checking.py", checks,
                    *sorted(references.parent.glob("*.py"))])


class Job(NamedTuple):
    """One notebook to grade, and where its result goes."""

    student: str
    section: str
    path: Path
    stored: Path
    fingerprint: str


def grade_one(path, section, limits):
    """Grade one notebook (in a worker); the result as a JSON-ready dict, as ``grade --json`` prints it."""
    if not Path(path).exists():
        return grading.failed_all(path, section, "not graded: the notebook was not handed in").to_json()
    return grading.grade_notebook(path, section, limits).to_json()


def _write_atomically(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(text)
    os.replace(temporary, path)


class Progress:
    """A one-line progress bar on stderr: ``[#####.....] 12/40 notebooks  35 s``."""

    def __init__(self, total, stream=sys.stderr, width=30):
        self.total, self.done, self.stream, self.width, self.start = total, 0, stream, width, time.monotonic()

    def advance(self, n=1):
        self.done += n
        filled = self.width * self.done // max(self.total, 1)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} notebooks "
                          f"{time.monotonic() - self.start:4.0f} s")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def grade_all(chapter, course_dir=".", jobs=None, scheduler=None, limits=Limits(), progress=True, reports=True):
    """Grade every submission of ``chapter`` in an nbgrader course folder.

    Parameters
    ----------
    chapter : str
        The assignment, e.g. ``"ch02_neuron_models"``.
    course_dir : str or Path
        The nbgrader course folder, with ``submitted/`` and ``gradebook.db``.
    jobs : int, optional
        Worker processes; default: the machine's cores.
    scheduler : str, optional
        Address of a Dask distributed scheduler to run the grading on instead.
    limits : Limits
        The limits of each notebook.
    progress : bool
        Show a progress bar on stderr.
    reports : bool
        Write the HTML feedback of every notebook and the class report (:func:`write_reports`).

    Returns
    -------
    dict
        ``{student: {section: NotebookGrade}}`` (a notebook the student did not hand in
        scores 0, with a message saying so).
    """
    return grade_chapters([chapter], course_dir, jobs, scheduler, limits, progress, reports)[chapter]


def grade_chapters(chapters, course_dir=".", jobs=None, scheduler=None, limits=Limits(), progress=True,
                   reports=True):
    """Grade every submission of several chapters in one run, as :func:`grade_all` grades one: the
    notebooks of all of them share the workers (no worker waits for a chapter's last notebook), one
    progress bar counts them, and each chapter's grades, summary and reports are written after.

    Returns
    -------
    dict
        ``{chapter: {student: {section: NotebookGrade}}}``.
    """
    course_dir = Path(course_dir).resolve()
    results, todo = {}, []
    for chapter in chapters:
        results[chapter] = _cached_results(course_dir, chapter, todo)
    total = len(todo) + sum(len(sections) for graded in results.values() for sections in graded.values())
    bar = Progress(total) if progress else None
    if bar:
        bar.advance(total - len(todo))

    def finished(job, result):
        _write_atomically(job.stored, json.dumps({"fingerprint": job.fingerprint, "result": result}))
        results[job.section.chapter].setdefault(job.student, {})[job.section] = grading.NotebookGrade.from_json(result)
        if bar:
            bar.advance()

    with Interrupts() as interrupts:
        try:
            _run(todo, limits, jobs, scheduler, finished, interrupts)
            interrupts.check()
            for chapter in chapters:  # an interrupt from here on waits for the gradebook to be whole
                record(course_dir, chapter, results[chapter])
        except KeyboardInterrupt:
            done = sum(len(r) for graded in results.values() for r in graded.values())
            raise KeyboardInterrupt(f"interrupted: {done} graded notebooks are kept in {course_dir / RESULTS}; "
                                    "run the same command again to grade the rest") from None
        for chapter in chapters:
            write_summary(course_dir / RESULTS / chapter, results[chapter])
            if reports:
                write_reports(course_dir / RESULTS / chapter, chapter, results[chapter])
        interrupts.check()
    return results


def _cached_results(course_dir, chapter, todo):
    """The stored results of ``chapter`` that are still valid, ``{student: {section: NotebookGrade}}``;
    appends a :class:`Job` to ``todo`` for every other notebook of its students."""
    sections = [s for s in course.sections() if s.chapter == chapter]
    if not sections:
        raise ValueError(f"no chapter {chapter!r}; the course has {', '.join(course.chapters())}")
    students = sorted(p.parent.name for p in (course_dir / "submitted").glob(f"*/{chapter}") if p.is_dir())
    results = {}
    graders = {section: _grader_digest(section) for section in sections}
    for student in students:
        results[student] = {}
        for section in sections:
            path = section.notebook(course_dir / "submitted" / student)
            stored = course_dir / RESULTS / chapter / student / f"{section.name}.json"
            # a stored result is reused only while neither the submission nor what grades it changed
            fingerprint = _digest([path], hashlib.sha256(graders[section].encode()))
            try:
                cached = json.loads(stored.read_text())
                if cached.get("fingerprint") == fingerprint:
                    results[student][section] = grading.NotebookGrade.from_json(cached["result"])
                    continue
            except (OSError, ValueError, KeyError, TypeError):  # missing, or stored by another version
                pass
            todo.append(Job(student, section, path, stored, fingerprint))
    return results


class Interrupts:
    """Ctrl-C (SIGINT) during a run as a flag that the run checks where it can stop cleanly.

    Python turns SIGINT into a ``KeyboardInterrupt`` raised wherever the main thread is,
    and one raised while a finalizer runs (the pool's and the gradebook's objects have
    them) is reported as "ignored" and lost: a run interrupted that way graded on and
    exited 0. The handler here only sets a flag, which nothing can lose; :meth:`check`
    raises ``KeyboardInterrupt`` at the run's own points. Outside the main thread (where
    no signal handler can be set) it does nothing.
    """

    def __enter__(self):
        self.flag = threading.Event()
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, lambda signum, frame: self.flag.set())
        return self

    def __exit__(self, *exc):
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)

    def check(self):
        """Raise ``KeyboardInterrupt`` if Ctrl-C was pressed."""
        if self.flag.is_set():
            raise KeyboardInterrupt


POLL = 0.1  # seconds between looks at the interrupt flag while waiting for results


def _completed(futures, wait, interrupts):
    """The futures as they complete; ``wait(pending)`` returns ``(done, not_done)`` within :data:`POLL`."""
    pending = set(futures)
    while pending:
        interrupts.check()
        done, pending = wait(pending)
        yield from done


def _run(todo, limits, jobs, scheduler, finished, interrupts):
    """Grade the jobs in worker processes or on a Dask cluster, calling ``finished`` as each completes."""
    if not todo:
        return
    if scheduler:
        from dask.distributed import Client
        from dask.distributed import wait as dask_wait

        def wait(pending):
            try:
                return dask_wait(list(pending), timeout=POLL, return_when="FIRST_COMPLETED")
            except TimeoutError:
                return set(), pending

        with Client(scheduler) as client:
            futures = {client.submit(grade_one, str(job.path), job.section, limits, pure=False): job for job in todo}
            for future in _completed(futures, wait, interrupts):
                finished(futures[future], future.result())
        return
    cores = sorted(os.sched_getaffinity(0))
    workers = multiprocessing.Array("i", jobs or len(cores))  # their process ids, as they start
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=len(workers), initializer=_start_worker,
                                                  initargs=(multiprocessing.Value("i", 0), workers, cores))
    try:
        futures = {pool.submit(grade_one, str(job.path), job.section, limits): job for job in todo}
        wait = functools.partial(concurrent.futures.wait, timeout=POLL, return_when=concurrent.futures.FIRST_COMPLETED)
        for future in _completed(futures, wait, interrupts):
            finished(futures[future], future.result())
    finally:  # on Ctrl-C too: no worker outlives the run (their student processes die with them)
        for pid in workers:
            if pid:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(counter, workers, cores):
    """Set up a worker process: it dies with the run, records its process id in
    ``workers``, and it and the students' processes it starts share one core. A
    student's process and its grader take turns (a check calls a function, waits
    for its result, calls again); on one core each turn is a local context switch
    instead of a wake-up across cores, which makes a call about 40 % cheaper."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the run decides
    with counter.get_lock():
        index, counter.value = counter.value, counter.value + 1
    workers[index % len(workers)] = os.getpid()
    os.sched_setaffinity(0, {cores[index % len(cores)]})


def record(course_dir, chapter, results):
    """Write every student's grades into the course's gradebook and their
    ``autograded/`` notebooks, as ``nbgrader autograde`` would.

    The grades go into a copy of the gradebook that replaces the original in
    one atomic rename, so the gradebook holds either none or all of them."""
    submitted = {(student, section): _read_or_none(section.notebook(course_dir / "submitted" / student))
                 for student, graded in results.items() for section in graded}
    gradebook = course_dir / "gradebook.db"
    staging = course_dir / "gradebook.db.grade-all"
    shutil.copyfile(gradebook, staging)
    for student, graded in sorted(results.items()):
        notebooks = {section: submitted[student, section] for section in graded}
        _record_student(staging, chapter, student, graded, notebooks, course_dir)
    os.replace(staging, gradebook)
    sources = {section: read(course.source_notebook(section)) for _, section in submitted}
    for (student, section), notebook in submitted.items():
        if notebook is not None:
            _write_autograded(section.notebook(course_dir / "autograded" / student), notebook, sources[section],
                              results[student][section])


def _record_student(database, chapter, student, results, notebooks, course_dir):
    """One student's submission and scores in the gradebook ``database``; ``notebooks``
    maps each section to the submitted notebook (None if missing or unreadable)."""
    from nbgrader.api import Gradebook
    from nbgrader.utils import compute_checksum

    with Gradebook(f"sqlite:///{database}") as gradebook, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLAlchemy's autoflush warnings inside nbgrader's API
        gradebook.update_or_create_student(student)
        submission = gradebook.update_or_create_submission(chapter, student, **_timestamp(course_dir, chapter, student))
        for notebook in submission.notebooks:
            section = f"{chapter}/{notebook.name}"
            graded = results[section].exercises if section in results else []
            points = {e.name: None if e.awaiting else e.points for e in graded}
            for grade in notebook.grades:  # as nbgrader's SaveAutoGrades: an answer to grade by hand has no auto score
                grade.auto_score = points.get(grade.name, 0.0)
                grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
            submitted = notebooks.get(section)
            cells = {grade_id(c): c for c in submitted.cells} if submitted else {}
            for comment in notebook.comments:
                cell = cells.get(comment.name)
                released = gradebook.find_source_cell(comment.name, notebook.name, chapter).checksum
                comment.auto_comment = "No response." if cell is None or compute_checksum(cell) == released else None
        gradebook.db.commit()


def _timestamp(course_dir, chapter, student):
    from nbgrader.utils import parse_utc

    path = course_dir / "submitted" / student / chapter / "timestamp.txt"
    try:
        return {"timestamp": parse_utc(path.read_text().strip())}
    except (OSError, ValueError):
        return {}


def _read_or_none(path):
    try:
        return read(path)
    except Exception:  # noqa: BLE001 - missing or broken: graded as such already
        return None


def _write_autograded(path, submitted, source, result):
    """The autograded notebook at ``path``: the submission with the source's test
    cells, each failed one carrying its message as an error output."""
    messages = {e.name: e.message for e in result.exercises if not e.passed and not e.manual}
    notebook = nbformat.v4.new_notebook(metadata=submitted.metadata)
    for cell in with_source_tests(submitted, source, code_only=False):
        cell = nbformat.from_dict(cell)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        if is_test_cell(cell) and grade_id(cell) in messages:
            cell.outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue=messages[grade_id(cell)],
                                                   traceback=[messages[grade_id(cell)]])]
        notebook.cells.append(cell)
    _write_atomically(path, nbformat.writes(notebook))


def write_summary(folder, results):
    """``summary.json`` (the results) and ``summary.csv`` (a row per exercise) in ``folder``."""
    summary = {student: {section: _without_evidence(result.to_json()) for section, result in sections.items()}
               for student, sections in results.items()}
    _write_atomically(folder / "summary.json", json.dumps(summary, indent=1, ensure_ascii=False))
    rows = [{"student": student, "section": section, "exercise": e.name, "points": e.points,
             "max_points": e.max_points, "message": e.message}
            for student, sections in sorted(results.items()) for section, result in sorted(sections.items())
            for e in result.exercises]
    table = io.StringIO(newline="")
    writer = csv.DictWriter(table, ["student", "section", "exercise", "points", "max_points", "message"])
    writer.writeheader()
    writer.writerows(rows)
    _write_atomically(folder / "summary.csv", table.getvalue())


def _without_evidence(document):
    return {**document, "exercises": [{k: v for k, v in e.items() if k != "evidence"} for e in document["exercises"]]}


def write_reports(folder, chapter, results):
    """The HTML feedback of each notebook, ``<student>/<section>.html`` in ``folder``, with
    plots of what went wrong, and the class report ``report.html``.

    A page written after its stored result (``<student>/<section>.json``) shows that
    result already and is kept: a rerun plots only what it graded anew."""
    for student, sections in results.items():
        for section, result in sections.items():
            page, stored = (folder / student / f"{section.name}{suffix}" for suffix in (".html", ".json"))
            if page.exists() and stored.exists() and page.stat().st_mtime_ns >= stored.stat().st_mtime_ns:
                continue
            _write_atomically(page, feedback.notebook_report(result, f"{student}: {section}"))
    _write_atomically(folder / "report.html", feedback.class_report(results, f"{chapter}: class report"))


def format_results(results):
    """A table of scores: one row per student, one column per section, and the total."""
    sections = sorted({section for sections in results.values() for section in sections})
    names = [section.name for section in sections]
    width = max([len(student) for student in results] + [7])
    lines = [f"{'student':<{width}} " + " ".join(f"{name[:14]:>14}" for name in names) + f" {'total':>9}"]
    for student, graded in sorted(results.items()):
        scores = [(graded[s].score, graded[s].max_score) for s in sections]
        lines.append(f"{student:<{width}} " + " ".join(f"{f'{got:g}/{best:g}':>14}" for got, best in scores)
                     + f" {f'{sum(g for g, _ in scores):g}/{sum(b for _, b in scores):g}':>9}")
    return "\n".join(lines)
