"""``grade-all`` as an instructor runs it: interrupted (Ctrl-C or killed) and run
again it loses no finished grade and grades only what is left, leaves no
process behind, and gives the same grades on a Dask cluster."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from autograder import authoring, course
from autograder.engine import batch
from autograder.demo import grade_table
from conftest import running_processes, write_submission

LIF = course.Section("ch02_neuron_models/leaky_integrate_and_fire")
CHAPTER = LIF.chapter
WRONG_RATE = [("1000.0 / isi", "1.0 / isi")]
STUDENTS = {f"student{k}": {"lif_rate_theory": WRONG_RATE} if k % 2 else {} for k in range(6)}
EXPECTED = {student: 8.0 if answers else 10.0 for student, answers in STUDENTS.items()}  # explain: by hand, 0


@pytest.fixture(scope="module")
def gradebook_template(tmp_path_factory):
    """A gradebook that knows the chapter, made once (``nbgrader generate_assignment``)."""
    folder = tmp_path_factory.mktemp("template")
    authoring.nbgrader("generate_assignment", CHAPTER, "--force",
                       f"--CourseDirectory.db_url=sqlite:///{folder / 'gradebook.db'}",
                       f"--CourseDirectory.release_directory={folder / 'release'}")
    return (folder / "gradebook.db").read_bytes()


@pytest.fixture
def course_folder(tmp_path, gradebook_template):
    for student, answers in STUDENTS.items():
        write_submission(tmp_path / "submitted" / student, LIF, answers)
    (tmp_path / "gradebook.db").write_bytes(gradebook_template)
    return tmp_path


def _grade_all(folder, *options):
    return subprocess.Popen([sys.executable, "-m", "autograder", "grade-all", CHAPTER, "--course", str(folder),
                             "--quiet", *options], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _stored(folder):
    """``{student: modification time}`` of the stored LIF results."""
    paths = (folder / batch.RESULTS / CHAPTER).glob(f"*/{LIF.name}.json")
    return {path.parent.name: path.stat().st_mtime_ns for path in paths}


def _descendants(pid):
    """The processes started by ``pid``, and by them, recursively."""
    children = {}
    for child, (parent, _) in running_processes().items():
        children.setdefault(parent, []).append(child)
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pids):
    return sorted(set(pids) & set(running_processes()))


def _interrupt_after_two_results(folder, how):
    """Interrupt a run once two notebooks are graded; its exit code, output and the processes it had started."""
    process = _grade_all(folder, "--jobs", "1")
    deadline = time.monotonic() + 120
    while len(_stored(folder)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(_stored(folder)) < len(STUDENTS), "the run finished before it could be interrupted"
    started = _descendants(process.pid)
    assert started, "grade-all runs its grading in other processes"
    if how == "kill":
        process.kill()  # the main process only: its workers and their students' processes must follow it
    else:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the terminal's whole process group
    output, errors = process.communicate(timeout=60)
    deadline = time.monotonic() + 60  # the kernel delivers the parent-death signals: a moment, on a busy machine more
    while _alive(started) and time.monotonic() < deadline:
        time.sleep(0.05)
    return process.returncode, output + errors, _alive(started)


def _totals(folder):
    table = grade_table(folder / "gradebook.db")
    return {student: sum(row[student][0] for key, row in table.items() if key[1] == LIF.name)
            for student in STUDENTS}


@pytest.mark.parametrize("how", ["kill", "ctrl-c"])
def test_an_interrupted_run_loses_nothing_and_the_next_grades_only_the_rest(course_folder, how):
    code, output, left_behind = _interrupt_after_two_results(course_folder, how)
    assert code == (-signal.SIGKILL if how == "kill" else 130), output
    if how == "ctrl-c":
        assert "run the same command again" in output
    assert left_behind == []
    finished = _stored(course_folder)
    assert not (course_folder / "gradebook.db.grade-all").exists() or how == "kill"
    assert grade_table(course_folder / "gradebook.db") == {} or how == "kill"

    process = _grade_all(course_folder, "--jobs", "2")
    output, errors = process.communicate(timeout=600)
    assert process.returncode == 0, output + errors
    after = _stored(course_folder)
    assert {student: after[student] for student in finished} == finished  # not graded again
    assert set(after) == set(STUDENTS)
    assert _totals(course_folder) == EXPECTED
    summary = json.loads((course_folder / batch.RESULTS / CHAPTER / "summary.json").read_text())
    assert {s: sum(e["points"] for e in summary[s][LIF]["exercises"]) for s in STUDENTS} == EXPECTED


def test_a_changed_submission_is_graded_again(course_folder):
    batch.grade_all(CHAPTER, course_folder, jobs=2, progress=False)
    before = _stored(course_folder)
    write_submission(course_folder / "submitted" / "student0", LIF, {"lif_rate_theory": WRONG_RATE})
    results = batch.grade_all(CHAPTER, course_folder, jobs=2, progress=False)
    after = _stored(course_folder)
    assert [s for s in STUDENTS if after[s] != before[s]] == ["student0"]
    assert results["student0"][LIF].score == EXPECTED["student1"]


def test_a_dask_cluster_gives_the_same_grades(course_folder):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        results = batch.grade_all(CHAPTER, course_folder, scheduler=cluster.scheduler_address, progress=False)
    assert {s: results[s][LIF].score for s in STUDENTS} == EXPECTED
    assert _totals(course_folder) == EXPECTED
