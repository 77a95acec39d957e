"""The course website of ``make site`` (``autograder/site.py``): built once for this file, into a folder of
its own (executions cached in ``build/site-cache/``, shared with ``make site``).

No solution is in it: every built file (pages, search index, notebooks, styles and scripts) is scanned for
each reference function's body, the solution and hidden-test markers, the hidden tests' code, the explain
questions' model answers and rubrics, and the discovery answers (their code, and any number their check would
accept stated in a page's text or outputs). Then, in Debian's Chromium through Playwright as
``tests/test_browser.py`` drives it, the site served from a local server: the navigation reaches every
chapter, equations are typeset and figures loaded, Japanese titles render in the bundled font, search finds
the Hodgkin–Huxley section (from the server and from ``file://``), and a release notebook downloads. The lesson
screenshot goes to ``build/browser/site-lesson.png``; the README shows it.
"""

import functools
import html
import json
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from autograder import authoring, course, site
from autograder.engine.notebook import (autograded_cells, is_manual_cell, manual_cells, nbgrader_metadata, read,
                                        split_test)
from conftest import SHOTS
from test_lessons import discoveries

HH = "ch02_neuron_models/hodgkin_huxley"
VENDORED = ("assets/mathjax/", "assets/fonts/")  # copied unchanged from packages: checked to be identical
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "Model answer", "Rubric (")
MIN_LINE = 16  # a line shorter than this (``return v``) says nothing of a solution


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    site.build(root, log=lambda *args: None)
    return root


# ---------------------------------------------------------------- nothing of a solution in the site

def _normal(text):
    return re.sub(r"\s+", " ", text).strip()


def _solution_blocks(text):
    """The code between the solution markers of a module or cell, each block as a string."""
    begin, end = authoring.SOLUTION_MARKERS
    return [block.split(end)[0] for block in text.split(begin)[1:]]


@functools.cache
def _visible_text():
    """What students see anyway: the release notebooks' cells, with their whitespace collapsed."""
    return _normal(" ".join(cell.source for section in course.sections() for cell in read(section.release).cells))


def _secret_lines(text, min_length=MIN_LINE):
    """The lines of ``text`` that say something and that no release notebook shows."""
    lines = {_normal(line) for line in text.splitlines()}
    return {line for line in lines if len(line) >= min_length and line not in authoring.SOLUTION_MARKERS
            and line not in _visible_text()}


def secrets(section):
    """``{what: [needles]}`` of a section: texts none of which may be in the site."""
    section = course.Section(section)
    source = read(section.source)
    found = {}
    module = Path(authoring.reference_module(section).__file__).read_text()
    for block in _solution_blocks(module):
        found.setdefault(f"{section}: a reference body", []).extend([_normal(block)] * bool(_normal(block)))
        found[f"{section}: a reference body"].extend(_secret_lines(block))
    for cell in autograded_cells(source):
        found.setdefault(f"{section}: hidden tests", []).extend(_secret_lines(split_test(cell.source)[0], 12))
    for cell in manual_cells(source):
        found.setdefault(f"{section}: a model answer", []).extend(_secret_lines(cell.source, 30))
    for cell in source.cells:
        meta = nbgrader_metadata(cell)
        if cell.cell_type == "code" and meta.get("solution") and not cell.metadata.get("reference"):
            found.setdefault(f"{section}: a discovery answer's code", []).extend(
                _secret_lines(authoring.without_markers(cell.source), 12))
    return {what: sorted(set(needles)) for what, needles in found.items() if needles}


def _views(path):
    """The texts a file holds: as is; for HTML, without tags and entities; for JSON and scripts, the
    strings of its literals decoded."""
    raw = path.read_text(errors="replace")
    views = [raw]
    if path.suffix in (".html", ".svg"):
        views.append(html.unescape(re.sub(r"<[^>]+>", "", raw)))
    if path.suffix in (".js", ".json", ".ipynb"):
        decoded = []
        for literal in re.findall(r'"(?:[^"\\\n]|\\.)*"', raw):
            try:
                decoded.append(json.loads(literal))
            except ValueError:
                pass
        views.append("\n".join(decoded))
    return "\n".join(_normal(view) for view in views)


def leaks(root, sections=None):
    """``[(file, what, needle)]``: every secret of ``sections`` (default all) found in a file under ``root``."""
    needles = [(what, needle) for section in (sections or course.sections())
               for what, found in secrets(section).items() for needle in found]
    needles += [("a marker", marker) for marker in MARKERS]
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if not path.is_file() or relative.startswith(VENDORED):
            continue
        text = _views(path)
        found += [(relative, what, needle) for what, needle in needles if needle in text]
    return found


def test_the_scan_finds_what_it_looks_for(tmp_path):
    """A page carrying a reference body, a hidden test, a model answer or a discovery answer's code is caught."""
    source = read(course.source_notebook(HH))
    planted = {
        "body.html": "<pre>" + html.escape(authoring.without_markers(
            authoring.reference_code(HH, ["hh_step"]))).replace("\n", "<br>\n") + "</pre>",
        "hidden.js": "window.X = " + json.dumps([split_test(autograded_cells(source)[0].source)[0]]) + ";",
        "answer.ipynb": json.dumps({"cells": [{"source": manual_cells(source)[0].source.splitlines(True)}]}),
        "discovery.html": "<p>" + html.escape(next(
            c.source for c in source.cells if nbgrader_metadata(c).get("grade_id") == "onset_current")) + "</p>",
    }
    for name, text in planted.items():
        (tmp_path / name).write_text(text)
    found = {(path, what.rpartition(": ")[2]) for path, what, _ in leaks(tmp_path, [HH])}
    assert {("body.html", "a reference body"), ("hidden.js", "hidden tests"), ("answer.ipynb", "a model answer"),
            ("discovery.html", "a discovery answer's code")} <= found
    assert {what for path, what in found if path == "answer.ipynb"} >= {"a model answer"}
    assert all(secrets(section) for section in course.sections()), "every section has something to look for"


def test_no_built_file_carries_a_solution(built):
    found = leaks(built)
    assert not found, "\n".join(f"{path}: {what}: {needle[:100]}" for path, what, needle in found[:20])


def test_vendored_files_are_the_packages_own(built):
    """MathJax and the font are copied unchanged from their packages (so the scan may skip them)."""
    import importlib.util
    mathjax = Path(importlib.util.find_spec("jupyter_server_mathjax").origin).parent / "static"
    copied = [p for p in (built / "assets" / "mathjax").rglob("*") if p.is_file()]
    assert len(copied) > 100
    assert all(p.read_bytes() == (mathjax / p.relative_to(built / "assets" / "mathjax")).read_bytes() for p in copied)
    font = Path(importlib.util.find_spec("japanize_matplotlib").origin).parent / "fonts" / "ipaexg.ttf"
    assert [p.name for p in (built / "assets" / "fonts").iterdir()] == ["ipaexg.ttf"]
    assert (built / "assets" / "fonts" / "ipaexg.ttf").read_bytes() == font.read_bytes()


def _page_texts(built, page):
    """What a page says in prose and outputs (not its code, which is the release's)."""
    raw = (built / page.url).read_text()
    raw = re.sub(r'<div class="input">.*?</div>\s*(?=<div class="outputs">|</div>)', " ", raw, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def test_no_page_states_a_discovery_answer(built):
    """As ``test_lessons`` holds the release to, now with the outputs the site adds: no number a discovery
    check would accept, in its unit (any number for a dimensionless answer, in the outputs alone)."""
    index = {entry["url"]: entry for entry in json.loads(
        (built / "assets" / "search-index.js").read_text().removeprefix("window.SEARCH_INDEX = ").rstrip(";\n"))}
    for page in site.pages():
        raw = (built / page.url).read_text()
        outputs = " ".join(html.unescape(text) for text in re.findall(r'<pre class="(?:stream|result|error)">(.*?)</pre>',
                                                                    raw, flags=re.S))
        prose = _page_texts(built, page) + " " + index[page.url]["text"]
        for name, check in discoveries(page.section).items():
            text = prose if check.unit else outputs
            revealing = check.stated_in(text)
            assert not revealing, f"{page.url} states {name} ({revealing} {check.unit})"


def test_no_cell_that_reads_an_answer_shows_its_output(built):
    """A figure drawing a line at a discovery answer gives it away as much as a printout stating it: the outputs
    of every cell whose code reads an answer's variable (but a test cell's visible checks) are withheld."""
    withheld = 0
    for page in site.pages():
        names = discoveries(page.section)
        for cell in re.split(r'(?=<div class="cell )', (built / page.url).read_text())[1:]:
            code = html.unescape(re.sub(r"<[^>]+>", "", cell.partition('<div class="input">')[2]
                                        .partition('<div class="outputs">')[0]))
            if ' check"' in cell.partition(">")[0] or not any(re.search(rf"\b{name}\b", code) for name in names):
                continue
            assert not re.search(r'<img|<pre class="(stream|result|error)"', cell), f"{page.url}: {code[:200]}"
            withheld += 'class="withheld"' in cell
    assert withheld >= 2  # 7.3's drift drawn from window_integral, 13.4's line at holding_sd, …


def test_pages_follow_the_table_of_contents(built):
    pages = site.pages()
    assert [p.key for p in pages] == sorted(p.key for p in pages) and len(pages) == len(course.sections())
    assert pages[0].number == "1.1" and [p.number for p in pages if p.chapter_number == 2][:3] == ["2.1", "2.2", "2.3"]
    chapters = site._chapters(pages)
    assert [number for number, _, _ in chapters] == list(range(1, 16))
    assert all(re.search(r'<span class="ja">[^<]*[\u3040-\u30ff\u4e00-\u9fff][^<]*</span>$', title)
               for _, title, _ in chapters), "every chapter has its Japanese title"
    hh = next(p for p in pages if p.section == HH)
    assert (hh.title, hh.title_ja) == ("The Hodgkin–Huxley model", "Hodgkin-Huxleyモデル")
    page = (built / hh.url).read_text()
    for kind, name, points in hh.exercises():
        assert f"<td>{kind}</td><td><code>{name}</code></td><td>{points}</td>" in page
    assert {kind for kind, _, _ in hh.exercises()} == {"function", "find out", "explain"}
    assert (built / hh.notebook_url).read_bytes() == course.release_notebook(HH).read_bytes()
    assert not re.search(r'(src="|<link[^>]*href=")(https?:)?//', page), "every script, style and font is local"


# ---------------------------------------------------------------- in the browser

@pytest.fixture(scope="module")
def server(built):
    """A static server of the built site on a free local port; yields its base URL."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(built))
    handler.log_message = lambda *args: None
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def _typeset(page):
    """Wait until MathJax has typeset the page."""
    page.wait_for_function("window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0 "
                           "&& MathJax.Hub.queue.running === 0 && document.querySelector('.MathJax') !== null",
                           timeout=60_000)


def test_navigation_reaches_every_chapter(browser, server):
    page = browser.new_page()
    page.goto(server + "index.html")
    links = page.locator("nav#toc ol.chapters a")
    hrefs = [links.nth(k).get_attribute("href") for k in range(links.count())]
    assert hrefs == [p.url for p in site.pages()]
    assert all(page.request.get(server + href).ok for href in hrefs)
    chapters = page.locator("nav#toc .chapter-item")
    assert chapters.count() == len({p.chapter_number for p in site.pages()})
    for k in range(chapters.count()):  # through the navigation, from page to page
        first = page.locator("nav#toc .chapter-item").nth(k).locator("a").first
        number = first.inner_text().split()[0]
        first.click()
        page.wait_for_load_state("domcontentloaded")
        assert page.locator("main h1").first.inner_text().startswith(number)
    page.close()


def test_a_lesson_shows_equations_figures_and_japanese(browser, server):
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(server + "ch02_neuron_models/hodgkin_huxley.html")
    page.wait_for_load_state("load")
    _typeset(page)
    assert page.locator(".MathJax").count() > 20
    prose = page.locator(".cell.markdown").all_inner_texts()
    assert not [text for text in prose if "$" in text], "raw TeX left in the page"
    figures = page.locator("img.figure")
    assert figures.count() == 4
    assert all(w > 300 for w in figures.evaluate_all("imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)"))
    title = page.locator("main h1").first
    assert "Hodgkin-Huxleyモデル" in title.inner_text()
    page.evaluate("document.fonts.ready")
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('IPAex') && f.status === 'loaded')")
    assert page.evaluate("document.fonts.check('40px IPAexGothic', 'モデル')")
    assert "onset_current" in page.locator(".exercises").inner_text()
    page.screenshot(path=SHOTS / "site-lesson.png")
    page.locator(".MathJax_Display").first.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / "site-equations.png")
    page.close()


@pytest.mark.parametrize("where", ["server", "file"])
def test_search_finds_hodgkin_huxley(browser, server, built, where):
    page = browser.new_page()
    page.goto(server + "ch07_learning_rules/stdp.html" if where == "server" else (built / "index.html").as_uri())
    page.fill("#search", "Hodgkin")
    first = page.locator("#search-results li a").first
    first.wait_for()
    assert first.inner_text().startswith("2.2 ")
    first.click()
    page.wait_for_load_state("domcontentloaded")
    assert page.url.endswith("ch02_neuron_models/hodgkin_huxley.html")
    page.close()


def test_a_release_notebook_downloads(browser, server, tmp_path):
    page = browser.new_page(accept_downloads=True)
    page.goto(server + "ch02_neuron_models/hodgkin_huxley.html")
    with page.expect_download() as download:
        page.locator("a.download").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "hodgkin_huxley.ipynb"
    assert saved.read_bytes() == course.release_notebook(HH).read_bytes()
    assert "YOUR ANSWER HERE" in saved.read_text() and not any(is_manual_cell(c) and "Model answer" in c.source
                                                               for c in read(saved).cells)
    page.close()
