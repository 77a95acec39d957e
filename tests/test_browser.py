"""Students and instructors in a real browser: JupyterLab with nbgrader's
extensions, driven by Playwright in Debian's Chromium (``apt-get install
chromium``; Playwright cannot download its own browser here).

Each test serves a folder of its own with JupyterLab on a free local port and
stops the server afterwards. Screenshots go to ``build/browser/``; the README
shows them.
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

from autograder import authoring, course
from autograder.engine.notebook import grade_id, manual_cells, read, solution_cell
from conftest import SHOTS

CHAPTER, NAME = "ch02_neuron_models", "leaky_integrate_and_fire"
SECTION = f"{CHAPTER}/{NAME}"
DISCOVERIES = ("first_latency", "ceiling_fraction")  # the notebook's discovery answers, in its order
TOKEN = "browser-test"
SETTINGS = {  # no pop-up asking about news; every cell in the page (no virtual scrolling), for the locators
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


@contextlib.contextmanager
def jupyter_lab(root):
    """JupyterLab serving ``root`` (its working folder too, where nbgrader finds its config) on a free
    local port; yields the base URL. The server and its kernels are stopped on exit."""
    for name, values in SETTINGS.items():
        path = root / ".settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(root / ".jupyter"), JUPYTER_RUNTIME_DIR=str(root / ".runtime"))
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--port={port}",
               f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={root}",
               f"--LabApp.user_settings_dir={root / '.settings'}"] + (["--allow-root"] if os.geteuid() == 0 else [])
    with open(root / "server.log", "w") as log:
        server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, f"JupyterLab stopped: {(root / 'server.log').read_text()[-2000:]}"
            assert time.monotonic() < deadline, "JupyterLab did not open its port within 60 s"
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.fixture(scope="module")
def student_root(tmp_path_factory):
    """Three copies of the release notebook: one to solve, one to get wrong, one whose discovery answer is off."""
    root = tmp_path_factory.mktemp("student")
    for attempt in ("right", "wrong", "answer"):
        (root / attempt).mkdir()
        shutil.copy(course.RELEASE / f"{SECTION}.ipynb", root / attempt)
    return root


@pytest.fixture(scope="module")
def student_lab(student_root):
    """JupyterLab on the student's folder."""
    with jupyter_lab(student_root) as url:
        yield url


def _open_notebook(browser, url):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{url}?reset&token={TOKEN}")  # reset: only this notebook open, not the last test's too
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
    page.wait_for_selector('[data-status="idle"]', state="attached", timeout=60_000)  # the kernel is up
    return page


def _type_function(page, name, code):
    """Replace the code of the cell that defines ``name`` by ``code``, as a student types it (inserted
    as text, so that the editor's auto-indentation does not re-indent it)."""
    page.locator(".jp-CodeCell").filter(has_text=f"def {name}(").locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(code)


def _type_discovery(page, code):
    """Replace the first answer cell still holding the release's stub (after the functions are typed, a
    discovery answer's) by ``code``."""
    stub = page.locator(".jp-CodeCell").filter(has_text="raise NotImplementedError()").filter(has_not_text="def ")
    stub.first.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(code)


def _type_explanation(page, text):
    """Answer the explain question: open its markdown cell for editing and replace the release's text."""
    cell = page.locator(".jp-MarkdownCell").filter(has_text="YOUR ANSWER HERE")
    cell.dblclick()
    editor = cell.locator(".cm-content")
    editor.wait_for()
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)
    page.keyboard.press("Shift+Enter")  # render it
    page.locator(".jp-MarkdownCell").filter(has_text=text).wait_for()


def _discovery_answer(name):
    """The source notebook's answer to a discovery question, as a student would type it."""
    return authoring.solved_code(solution_cell(read(course.source_notebook(SECTION)), name)).strip()


def _run_all(page):
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_text("Run All Cells", exact=True).click()


def _reference(name, edits=None):
    """The reference code of ``name``, with ``(old, new)`` edits if given, as a student would type it."""
    code = authoring.reference_code(SECTION, [name])
    return authoring.without_markers(authoring.patched(code, edits) if edits else code)


def _validate(page):
    page.get_by_role("button", name="Validate").click()
    dialog = page.locator(".jp-Dialog")
    dialog.get_by_text("Validation Results").wait_for(timeout=120_000)
    dialog.locator(".jp-Dialog-content").wait_for()
    return dialog


def test_student_solves_the_notebook_and_validation_succeeds(browser, student_lab):
    page = _open_notebook(browser, f"{student_lab}/lab/tree/right/{NAME}.ipynb")
    for name in ("lif_step", "simulate_lif", "lif_rate_theory"):
        _type_function(page, name, _reference(name))
    for name in DISCOVERIES:
        _type_discovery(page, _discovery_answer(name))
    _type_explanation(page, "The original formula is the climb from rest to threshold: the first latency.")
    _run_all(page)
    passed = page.locator(".jp-OutputArea-output").filter(has_text="lif_step: visible checks passed")
    passed.wait_for(timeout=120_000)
    figures = page.locator(".jp-RenderedImage img")
    figures.nth(1).wait_for(timeout=120_000)  # both figures of the notebook
    page.wait_for_selector('[data-status="idle"]', state="attached", timeout=120_000)
    passed.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / "student-visible-checks.png")
    figures.first.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / "student-figure.png")
    assert figures.first.evaluate("img => img.naturalWidth") > 300  # a rendered figure, not a broken image
    dialog = _validate(page)
    page.screenshot(path=SHOTS / "student-validate-success.png")
    assert "Success! Your notebook passes all the tests." in dialog.inner_text()
    page.close()


def test_student_with_a_wrong_step_sees_the_failing_check(browser, student_lab):
    page = _open_notebook(browser, f"{student_lab}/lab/tree/wrong/{NAME}.ipynb")
    _type_function(page, "lif_step", _reference("lif_step", [(") / TAU_M)", "))")]))  # dt/τ_m became dt
    _run_all(page)
    error = page.locator(".jp-OutputArea-output").filter(has_text="AssertionError")
    error.wait_for(timeout=120_000)
    error.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / "student-failing-check.png")
    assert "one Euler step from rest with 10 nA" in error.inner_text()
    dialog = _validate(page)
    page.screenshot(path=SHOTS / "student-validate-failure.png")
    assert "Success" not in dialog.inner_text() and "one Euler step from rest with 10 nA" in dialog.inner_text()
    page.close()


def test_student_checks_a_discovery_answer(browser, student_lab, student_root):
    """A latency given in seconds fails the visible check of its unit; one that is wrong in ms passes it
    (the notebook gives nothing away), and grading says whether it is too high or too low."""
    page = _open_notebook(browser, f"{student_lab}/lab/tree/answer/{NAME}.ipynb")
    for name in ("lif_step", "simulate_lif", "lif_rate_theory"):
        _type_function(page, name, _reference(name))
    _type_discovery(page, "first_latency = t[spike_train][0] / 1000  # s")
    _type_discovery(page, _discovery_answer(DISCOVERIES[1]))
    _run_all(page)
    unit = page.locator(".jp-OutputArea-output").filter(has_text="a time in ms")
    unit.wait_for(timeout=120_000)
    page.wait_for_selector('[data-status="idle"]', state="attached", timeout=120_000)
    unit.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / "student-discovery-check.png")
    assert "AssertionError" in unit.inner_text()

    answer = page.locator(".jp-CodeCell").filter(has_text="first_latency = t[spike_train]").filter(has_not_text="assert")
    answer.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text("first_latency = t[spike_train][0]  # ms, from t = 0: not the latency")
    page.keyboard.press("Control+s")
    page.locator(".lm-TabBar-tab.jp-mod-dirty").wait_for(state="detached", timeout=30_000)  # saved
    page.close()
    notebook = student_root / "answer" / f"{NAME}.ipynb"
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", str(notebook), "--json",
                             "--section", SECTION], capture_output=True, text=True, timeout=600)
    graded = {e["name"]: e for e in json.loads(result.stdout)["exercises"]}
    assert graded[f"test_{DISCOVERIES[1]}"]["passed"]
    assert not graded[f"test_{DISCOVERIES[0]}"]["passed"] and "too high" in graded[f"test_{DISCOVERIES[0]}"]["message"]


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    """A course folder with the chapter's source, three students' LIF notebooks and their grades in the
    gradebook, written by ``grade-all``; nbgrader's config as the course's, with an exchange folder."""
    root = tmp_path_factory.mktemp("course")
    shutil.copytree(course.SOURCE / CHAPTER, root / "source" / CHAPTER)
    config = (course.ROOT / "nbgrader_config.py").read_text()
    (root / "nbgrader_config.py").write_text(config + f"\nc.Exchange.root = {str(root / 'exchange')!r}\n")
    (root / "exchange").mkdir()
    for student in ("partial", "perfect", "unchanged"):
        (root / "submitted" / student / CHAPTER).mkdir(parents=True)
        shutil.copy(course.EXAMPLES / student / f"{SECTION}.ipynb", root / "submitted" / student / CHAPTER)
    authoring.nbgrader("generate_assignment", CHAPTER, "--force",
                       f"--CourseDirectory.db_url=sqlite:///{root / 'gradebook.db'}",
                       f"--CourseDirectory.release_directory={root / 'release'}")
    result = subprocess.run([sys.executable, "-m", "autograder", "grade-all", CHAPTER, "--course", str(root), "--quiet",
                             "--no-reports"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def test_instructor_sees_the_graded_submissions_in_formgrader(browser, graded_course):
    with jupyter_lab(graded_course) as url:
        page = browser.new_page(viewport={"width": 1300, "height": 800})
        page.goto(f"{url}/formgrader?token={TOKEN}")
        assignment = page.locator("tr").filter(has_text=CHAPTER)
        assignment.wait_for(timeout=60_000)
        page.screenshot(path=SHOTS / "instructor-assignments.png")
        assert assignment.locator("td").nth(8).inner_text().strip() == "3"  # "# Submissions"

        page.goto(f"{url}/formgrader/gradebook/{CHAPTER}/{NAME}?token={TOKEN}")
        page.locator("tr").filter(has_text="Submission #3").wait_for(timeout=60_000)
        page.get_by_text("Show All Names").click()
        page.get_by_text("Hide All Names").wait_for()
        page.screenshot(path=SHOTS / "instructor-submissions.png")
        scores = {student: page.locator("tr").filter(has_text=student).locator("td").nth(2).inner_text().strip()
                  for student in ("partial", "perfect", "unchanged")}
        # out of 12: 10 autograded and the explain question's 2, which awaits the instructor (0 until graded)
        assert scores == {"partial": "5 / 12", "perfect": "10 / 12", "unchanged": "0 / 12"}
        page.close()


def test_instructor_grades_an_explain_answer_in_formgrader(browser, graded_course):
    """The explain question of a submission graded by ``grade-all`` awaits the instructor in formgrader, who
    reads the student's answer and enters its points; they land in the gradebook."""
    from nbgrader.api import Gradebook

    explain = grade_id(manual_cells(read(course.source_notebook(SECTION)))[0])
    database = f"sqlite:///{graded_course / 'gradebook.db'}"
    with Gradebook(database) as gradebook:
        notebook = gradebook.find_submission_notebook(NAME, CHAPTER, "partial")
        submission, grade = notebook.id, gradebook.find_grade(explain, NAME, CHAPTER, "partial")
        assert grade.needs_manual_grade and grade.manual_score is None
    with jupyter_lab(graded_course) as url:
        # the page's own requests to formgrader's API carry no token in their address: send it as a header
        page = browser.new_page(viewport={"width": 1300, "height": 900},
                                extra_http_headers={"Authorization": f"token {TOKEN}"})
        page.goto(f"{url}/formgrader/submissions/{submission}/")
        score = page.locator(f"input#{explain}.needs_manual_grade")  # marked so once the page has loaded the grades
        score.wait_for(timeout=60_000)
        panel = page.locator(".nbgrader_cell").filter(has=score)
        assert "Student's answer" in panel.inner_text()
        score.scroll_into_view_if_needed()
        page.screenshot(path=SHOTS / "instructor-explain-answer.png")
        with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT",
                                  timeout=30_000) as saved:
            score.fill("1.5")
            score.press("Tab")
        assert saved.value.ok
        page.close()
    with Gradebook(database) as gradebook:
        grade = gradebook.find_grade(explain, NAME, CHAPTER, "partial")
        assert grade.manual_score == 1.5 and not grade.needs_manual_grade


def test_a_failing_student_sees_a_plot_of_what_went_wrong(browser, tmp_path):
    """The HTML feedback of ``grade --feedback`` for a student whose simulation is one step off."""
    report = tmp_path / "feedback.html"
    notebook = course.EXAMPLES / "partial" / f"{SECTION}.ipynb"
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", str(notebook), "--feedback", str(report)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(report.as_uri())
    plot = page.locator("#test_simulate_lif ~ img").first
    plot.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / "student-feedback-plot.png")
    assert plot.evaluate("img => img.naturalWidth") > 300
    assert "Hint: off by one step in time" in page.inner_text("body").replace("Hint:\n", "Hint: ")
    page.close()
