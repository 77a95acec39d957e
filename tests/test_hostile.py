"""Hostile and broken submissions, graded as a class by ``grade-all``.

One batch grades a class of students, each of whom breaks the leaky
integrate-and-fire notebook in one way (the other notebooks of the chapter are
not handed in). For every student: the exercises the attack touches score what
the honest part of the submission earns, with a message that says why; every
other exercise and every other student is graded correctly; the batch finishes
within its limits; no process it started outlives it; and the gradebook holds
a row for every student.
"""

import json
import os
import signal
import subprocess
import sys

import nbformat
import pytest

from autograder import authoring, course
from autograder.engine.budget import budget_available
from autograder.engine.limits import Limits
from autograder.engine.notebook import grade_id, read
from autograder.engine.sandbox import Session
from autograder.engine.wire import decode
from conftest import running_processes, write_submission

LIF = course.Section("ch02_neuron_models/leaky_integrate_and_fire")
CHAPTER = LIF.chapter
# The notebook's exercises and their full points; the explain question's are 0 until an instructor grades it.
# The two discovery answers read the simulations of figure cells that call only lif_step and simulate_lif, so
# an attack on lif_rate_theory leaves them their points, and a broken lif_step takes them.
FULL = {"test_lif_step": 3.0, "test_simulate_lif": 3.0, "test_first_latency": 1.0, "test_lif_rate_theory": 2.0,
        "test_ceiling_fraction": 1.0, "explain_original_formula": 0.0}
NO_SIMULATION = {"test_lif_step": 0.0, "test_simulate_lif": 0.0, "test_first_latency": 0.0, "test_ceiling_fraction": 0.0}
WRONG_RATE = [("1000.0 / isi", "1.0 / isi")]  # an honest mistake: Hz against 1/ms
MARKER = "4242.5"  # in the command line of processes a student leaves behind


def _function(name, body):
    """A solution cell that defines ``name`` (with the LIF signatures) as ``body``."""
    signature = {"lif_step": "v, refractory_left, i_ext, dt", "simulate_lif": "i_ext, dt, v0=V_REST",
                 "lif_rate_theory": "i_ext"}[name]
    return f"def {name}({signature}):\n" + "\n".join("    " + line for line in body.strip().splitlines())


def _prepend(cell, code):
    """Answers that put ``code`` at the top of a solution cell, keeping the reference below it."""
    return [("def " + cell, code.strip() + "\n\n\ndef " + cell)]


# student: (answers for authoring.submission, notebook edit or None, expected points, message fragments)
CLASS = {
    "honest": ({"lif_rate_theory": WRONG_RATE}, None, {**FULL, "test_lif_rate_theory": 0.0}, {}),
    "loops_in_function": ({"lif_rate_theory": _function("lif_rate_theory", "while True:\n    pass")}, None,
                          {**FULL, "test_lif_rate_theory": 0.0}, {"test_lif_rate_theory": "time limit"}),
    "loops_at_top_level": ({"lif_rate_theory": "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
                                               "while True:\n    pass"}, None,
                           {**FULL, "test_lif_rate_theory": 0.0}, {"test_lif_rate_theory": "lif_rate_theory"}),
    "allocates_too_much": ({"lif_rate_theory": _function("lif_rate_theory", "return bytearray(2**40)")}, None,
                           {**FULL, "test_lif_rate_theory": 0.0}, {"test_lif_rate_theory": "MemoryError"}),
    "allocates_gradually": ({"lif_rate_theory": _function(
        "lif_rate_theory", "hoard = []\nwhile True:\n    hoard.append(bytearray(10**8))")}, None,
        {**FULL, "test_lif_rate_theory": 0.0}, {"test_lif_rate_theory": "MemoryError"}),
    "calls_sys_exit": ({"lif_rate_theory": _function("lif_rate_theory", "import sys\nsys.exit()")}, None,
                       {**FULL, "test_lif_rate_theory": 0.0}, {"test_lif_rate_theory": "SystemExit"}),
    "calls_os_exit": ({"lif_rate_theory": _function("lif_rate_theory", "import os\nos._exit(3)")}, None,
                      {**FULL, "test_lif_rate_theory": 0.0}, {"test_lif_rate_theory": "exited with code 3"}),
    "kills_its_parent": ({"lif_rate_theory": _function(
        "lif_rate_theory", "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n"
                           "os.kill(-1, signal.SIGKILL)\nreturn 0.0")}, None,
        # getppid() is 0 in the namespace, so the first kill reaches the process's own group, where the first
        # process of a namespace ignores it; the second finds no other process and raises
        {**FULL, "test_lif_rate_theory": 0.0}, {"test_lif_rate_theory": "ProcessLookupError"}),
    "raises_at_import": ({"lif_step": _prepend("lif_step", "raise ImportError('no such module')")}, None,
                         {**FULL, **NO_SIMULATION}, {"test_lif_step": "ImportError"}),
    "prints_100_MB": ({"lif_rate_theory": _prepend("lif_rate_theory", "print('x' * 100_000_000)")}, None, FULL, {}),
    "writes_outside": ({"lif_rate_theory": _prepend("lif_rate_theory", f"""
import pathlib
for target in [pathlib.Path({str(course.ROOT)!r}) / 'solutions', pathlib.Path({str(course.ROOT)!r}) / 'README.md']:
    try:
        target.unlink() if target.is_file() else (target / 'planted.py').write_text('x')
    except OSError:
        pass
""")}, None, FULL, {}),
    "patches_allclose": ({"lif_rate_theory": _prepend("lif_rate_theory", """
import numpy
numpy.allclose = numpy.isclose = lambda *args, **kwargs: True
numpy.testing.assert_allclose = lambda *args, **kwargs: None
""") + WRONG_RATE}, None,  # the patched np.isclose spoils the student's own ceiling_fraction too
        {**FULL, "test_lif_rate_theory": 0.0, "test_ceiling_fraction": 0.0}, {"test_lif_rate_theory": "Hint"}),
    "fakes_the_checks": ({"lif_rate_theory": _prepend("lif_rate_theory", """
import sys, types
from IPython.core.interactiveshell import InteractiveShell
InteractiveShell.showtraceback = lambda *args, **kwargs: None
fake = types.ModuleType('autograder')
for name in ['autograder', 'checks', 'checks.ch02_neuron_models',
             'checks.ch02_neuron_models.leaky_integrate_and_fire']:
    sys.modules[name] = fake
fake.__getattr__ = lambda name: (lambda *args, **kwargs: None)
""") + WRONG_RATE}, None, {**FULL, "test_lif_rate_theory": 0.0}, {"test_lif_rate_theory": "Hint"}),
    "returns_liars": ({"lif_rate_theory": _function("lif_rate_theory", """
class Liar(float):
    __eq__ = __lt__ = __le__ = __gt__ = __ge__ = lambda self, other: True
    __ne__ = lambda self, other: False
    __abs__ = lambda self: Liar(0.0)
    __sub__ = __rsub__ = lambda self, other: Liar(0.0)
return Liar(-1.0) if np.ndim(i_ext) == 0 else np.array([Liar(-1.0)] * np.size(i_ext), dtype=object)
""")}, None, {**FULL, "test_lif_rate_theory": 0.0}, {"test_lif_rate_theory": "lif_rate_theory"}),
    "imports_solutions": ({"lif_rate_theory": f"""
try:
    from solutions.ch02_neuron_models.leaky_integrate_and_fire import lif_rate_theory
except ImportError:
    try:
        from checks.ch02_neuron_models import leaky_integrate_and_fire
    except ImportError:
        exec(open({str(course.ROOT / 'solutions' / 'ch02_neuron_models' / 'leaky_integrate_and_fire.py')!r}).read())
"""}, None, {**FULL, "test_lif_rate_theory": 0.0}, {"test_lif_rate_theory": "FileNotFoundError"}),
    "leaves_processes": ({"lif_rate_theory": _prepend("lif_rate_theory", f"""
import os, subprocess
subprocess.Popen(['sleep', '{MARKER}'], start_new_session=True)
if os.fork() == 0:
    os.setsid()
    os.execvp('sleep', ['sleep', '{MARKER}'])
""")}, None, FULL, {}),
    # An unbounded fork bomb of sleeping processes: the budget of 64 processes stops it (BlockingIOError), the
    # notebook goes on, and every one of them is killed before the grader returns.
    "forks_a_bomb": ({"lif_rate_theory": _prepend("lif_rate_theory", f"""
import os
while True:
    try:
        if os.fork() == 0:
            os.execvp('sleep', ['sleep', '{MARKER}'])
    except OSError:
        break
""")}, None, FULL, {}),
    # Memory spread over processes that each stay within the 1 GiB a process may address: 8 × 150 MB pass the
    # submission's 1 GiB only together, so the kernel kills some of them (the largest, never the grader).
    "spreads_memory": ({"lif_rate_theory": _prepend("lif_rate_theory", """
import os, time
for _ in range(8):
    if os.fork() == 0:
        hoard = bytearray(150 * 10**6)
        hoard[::4096] = b"\\x01" * len(hoard[::4096])
        time.sleep(600)
        os._exit(0)
""")}, None, FULL, {}),
    "returns_nan_and_wrong_shapes": ({
        "lif_rate_theory": _function("lif_rate_theory", "return np.full(np.shape(i_ext), np.nan)"),
        "lif_step": _function("lif_step", "return v[:1], refractory_left")}, None, dict.fromkeys(FULL, 0.0),
        {"test_lif_rate_theory": "nan", "test_lif_step": "shape"}),
    "returns_wrong_types": ({"lif_rate_theory": _function("lif_rate_theory", "return 'fast'"),
                            "lif_step": _function("lif_step", "return lif_step")}, None, dict.fromkeys(FULL, 0.0),
                           {"test_lif_rate_theory": "str", "test_lif_step": "function"}),
}


def _without_test_cells(notebook):
    notebook.cells = [c for c in notebook.cells if not (grade_id(c) or "").startswith("test_")]


def _reversed_tests_with_edited_metadata(notebook):
    tests = [c for c in notebook.cells if (grade_id(c) or "").startswith("test_")]
    others = [c for c in notebook.cells if c not in tests]
    for cell in tests:
        cell.metadata["nbgrader"]["points"] = 100
        cell.source = "pass"
    notebook.cells = tests[::-1] + tests + others  # moved to the top, reversed, duplicated
    for cell in others:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.metadata["nbgrader"]["grade_id"] = "renamed_" + grade_id(cell)


def _retagged_tests(notebook):
    for cell in notebook.cells:
        if (grade_id(cell) or "").startswith("test_"):
            cell.metadata["nbgrader"] = {"grade": False, "solution": True, "grade_id": "mine_" + grade_id(cell)}


CLASS |= {
    "deletes_test_cells": ({}, _without_test_cells, FULL, {}),
    "reorders_and_edits_tests": ({}, _reversed_tests_with_edited_metadata, FULL, {}),
    "retags_tests": ({}, _retagged_tests, FULL, {}),
}


def _not_json(notebook):
    return "{ this is not a notebook"


def _empty(notebook):
    return ""


CLASS |= {
    "hands_in_garbage": ({}, _not_json, dict.fromkeys(FULL, 0.0), dict.fromkeys(FULL, "could not be read")),
    "hands_in_nothing": ({}, _empty, dict.fromkeys(FULL, 0.0), dict.fromkeys(FULL, "could not be read")),
}
# A cell or check of the honest part takes at most 1.2 s on an idle machine; 10 s leave it room on a machine twice as
# slow and busy, beside students that fork and fill memory on the same core (a 5 s limit failed once, in the suite).
TIME_LIMITS = ("--cell-timeout", "10", "--timeout", "60", "--memory", "1")


def _leftovers():
    """Processes a student started that are still running (found by their command line)."""
    return [pid for pid, (_, argv) in running_processes().items() if argv[:2] == ["sleep", MARKER]]


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    """Run ``grade-all`` on the class in a fresh nbgrader course folder."""
    folder = tmp_path_factory.mktemp("course")
    for student, (answers, edit, _, _) in CLASS.items():
        path = write_submission(folder / "submitted" / student, LIF, answers)
        if edit is not None:
            notebook = read(path)
            replaced = edit(notebook)
            path.write_text(replaced) if isinstance(replaced, str) else nbformat.write(notebook, str(path))
    authoring.nbgrader("generate_assignment", CHAPTER, "--force", f"--CourseDirectory.db_url=sqlite:///{folder / 'gradebook.db'}",
                       f"--CourseDirectory.release_directory={tmp_path_factory.mktemp('release')}")
    result = subprocess.run([sys.executable, "-m", "autograder", "grade-all", CHAPTER, "--course", str(folder),
                             "--jobs", "2", "--quiet", *TIME_LIMITS], capture_output=True, text=True, timeout=900)
    summary = json.loads((folder / "autograder-results" / CHAPTER / "summary.json").read_text())
    return {"folder": folder, "result": result, "summary": summary, "leftovers": _leftovers()}


def test_the_sandbox_is_available_here():
    """Without user namespaces the student's process is not isolated; CI must have them."""
    from autograder.engine.sandbox import sandbox_available

    assert sandbox_available()


def test_budgets_are_available_here():
    """Without a writable cgroup hierarchy a submission's processes have no common budget (and the fork bomb
    of the class would not stop); CI runs as root, which has one."""
    assert budget_available()


def _in_a_session(code, names, limits):
    """Run ``code`` in a student's process; the values of ``names`` it leaves, the budget's processes before
    the session closes, and whether its groups are gone after."""
    with Session(limits) as session:
        error, _ = session.run(code)
        assert error is None, error
        values = {name: session.lookup(name)["value"] for name in names}
        budget = session.process.budget
        inside = len(budget.processes())
        folders = list(budget.folders)
    return values, inside, [folder for folder in folders if folder.exists()]


def test_a_fork_bomb_stops_at_the_process_budget_and_dies_with_the_session():
    values, inside, left = _in_a_session("""
import os, time
forks, error = 0, None
while forks < 10_000:
    try:
        if os.fork() == 0:
            time.sleep(600)
            os._exit(0)
        forks += 1
    except OSError as e:
        error = type(e).__name__
        break
""", ["forks", "error"], Limits(processes=16))
    # the 16 are unshare, the namespace's first process (the student's) and its children
    assert values == {"forks": 14, "error": "BlockingIOError"} and inside == 16
    assert left == []


def test_memory_spread_over_processes_stays_within_the_budget():
    values, _, left = _in_a_session("""
import os, time
children = []
for _ in range(8):
    pid = os.fork()
    if pid == 0:
        hoard = bytearray(150 * 10**6)
        hoard[::4096] = b"\\x01" * len(hoard[::4096])
        time.sleep(600)
        os._exit(0)
    children.append(pid)
killed = 0
while killed < 2:  # 8 × 150 MB exceed 1 GiB by about 200 MB: at least two must go, by SIGKILL
    pid, status = os.wait()
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == 9, status
    killed += 1
""", ["killed"], Limits(memory=2**30))
    assert values == {"killed": 2} and left == []


def test_no_signal_of_the_students_process_reaches_its_supervisor():
    """The student's process leads its own session inside the namespace, so ``kill(0, …)`` (``getppid()`` is
    0 there) reaches only its own group: when it shared its supervisor's, the supervisor died, the student's
    process with it a moment later, and the honest cell that happened to come next was blamed, or not,
    depending on that moment (the hostile class's ``kills_its_parent`` lost ``ceiling_fraction``'s point in 39
    gradings of 40 under load, and kept it in one)."""
    values, _, _ = _in_a_session("import os\nsession = os.getsid(0), os.getpgid(0), os.getpid()",
                                 ["session"], Limits())
    assert decode(values["session"]) == (1, 1, 1)


def test_a_process_that_died_between_cells_costs_the_next_cell_nothing():
    """A death no request caused (the OOM killer, a thread of the student's) restarts the process before the
    next cell, which runs as if nothing had happened."""
    with Session(Limits()) as session:
        assert session.run("x = 1") == (None, "")
        os.killpg(session.process.pid, signal.SIGKILL)
        assert session.process.wait() == -signal.SIGKILL
        assert session.run("y = x + 1") == (None, "")
        assert decode(session.lookup("y")["value"]) == 2 and session.restarts == 1


@pytest.mark.parametrize("student", CLASS)
def test_each_student_earns_what_the_honest_part_earns(graded_class, student):
    _, _, expected, fragments = CLASS[student]
    exercises = {e["name"]: e for e in graded_class["summary"][student][LIF]["exercises"]}
    assert {name: e["points"] for name, e in exercises.items()} == expected
    for name, fragment in fragments.items():
        assert fragment in exercises[name]["message"], exercises[name]["message"]
    for name, exercise in exercises.items():
        if exercise["manual"]:  # graded by hand: never passed here, its message says whether it awaits grading
            continue
        assert exercise["passed"] == (exercise["points"] > 0) and (exercise["message"] == "") == exercise["passed"]


def test_the_batch_completes(graded_class):
    assert graded_class["result"].returncode == 0, graded_class["result"].stdout + graded_class["result"].stderr


def test_no_process_outlives_the_batch(graded_class):
    assert graded_class["leftovers"] == []


def test_nothing_outside_the_students_folder_changed(graded_class):
    assert (course.ROOT / "README.md").is_file()
    assert not list((course.ROOT / "solutions").rglob("planted.py"))


def test_the_gradebook_holds_every_student_with_the_summarys_scores(graded_class):
    from autograder.demo import grade_table

    table = grade_table(graded_class["folder"] / "gradebook.db")
    for student, (_, _, expected, _) in CLASS.items():
        scores = {grade: row[student][0] for (_, section, grade), row in table.items()
                  if section == LIF.name}
        assert scores == expected, student
    other_sections = {key for key in table if key[1] != LIF.name}
    assert other_sections and all(row[s][0] == 0 for key in other_sections for row in [table[key]] for s in CLASS)
