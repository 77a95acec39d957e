"""The course website: ``python -m autograder.site`` (``make site``) builds a static HTML site of the whole
course from ``source/`` into ``build/site/``, readable offline and with no solution in it.

Each page is a section's *release* notebook (what students see: stubs, visible checks, ``YOUR ANSWER HERE``)
with the outputs of its *source* notebook, executed with the reference solutions in, so that the figures look
as a student's correct answers will. Only the outputs of cells that are the same in both are carried over:
the outputs of solution cells (functions, discovery answers) are dropped, test cells are executed with
their hidden part cut out, and what a cell shows of a discovery answer is withheld on the page (a cell that
reads the answer's variable, a printout stating a number its check accepts). Executions are cached in ``build/site-cache/`` (outside the published tree, and
holding only the outputs that are published) under a hash of the source notebook and the reference modules
it runs, so a rebuild after editing one notebook executes that one alone.

Math is typeset by the MathJax 2.7 shipped in ``jupyter-server-mathjax``, the Japanese titles use the IPAex
Gothic font shipped in ``japanize-matplotlib``, and the search index is a script (``search-index.js``) so
that search works from ``file://`` as well as from a server: nothing is fetched from the network.
"""

import argparse
import ast
import base64
import hashlib
import html
import importlib
import importlib.util
import json
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from autograder import course
from autograder.engine.notebook import grade_id, is_manual_cell, is_test_cell, nbgrader_metadata, read, split_test

SITE = course.ROOT / "build" / "site"
CACHE = course.ROOT / "build" / "site-cache"
EXECUTION_VERSION = "1"  # bump to execute every notebook anew (a change of what the cache keeps)
CELL_TIMEOUT = 600  # s

TITLE = "Computational neuroscience in Python"
TITLE_JA = "Juliaで学ぶ計算論的神経科学 — Python版"
ORIGINAL = "https://compneuro-julia.github.io/"


# ---------------------------------------------------------------- the course's pages, in the original's order

class Page:
    """One section's page: its numbers and titles from the notebook's title cell."""

    def __init__(self, section):
        self.section = course.Section(section)
        self.release = read(self.section.release)
        lines = self.release.cells[0].source.splitlines()
        heading = lines[0].lstrip("#").strip()
        number, _, title = heading.partition(" ")
        self.number = number
        self.key = tuple(int(part) for part in number.split("."))
        self.title, _, self.title_ja = (part.strip() for part in title.partition(" — "))
        chapter = next((line for line in lines if line.startswith("*Chapter ")), "")
        match = re.match(r"\*Chapter (\d+), (.+?)(?:\.\*|;|\*)", chapter)
        self.chapter_title = match.group(2) if match else self.section.chapter
        self.url = f"{self.section.chapter}/{self.section.name}.html"
        self.notebook_url = f"notebooks/{self.section.chapter}/{self.section.name}.ipynb"

    @property
    def chapter_number(self):
        return self.key[0]

    def exercises(self):
        """``[(kind, name, points)]`` of the page's graded cells, in order: function exercises, find-out
        (discovery) questions and explain questions."""
        solutions = {grade_id(c): c for c in self.release.cells if nbgrader_metadata(c).get("solution")}
        found = []
        for cell in self.release.cells:
            points = nbgrader_metadata(cell).get("points", 0)
            if is_test_cell(cell):
                name = grade_id(cell).removeprefix("test_")
                solution = solutions.get(name)
                kind = "find out" if solution is not None and "def " not in solution.source else "function"
                found.append((kind, name, points))
            elif is_manual_cell(cell):
                found.append(("explain", grade_id(cell), points))
        return found


def pages():
    """Every section's page, in the order of the original's table of contents."""
    return sorted((Page(section) for section in course.sections()), key=lambda page: page.key)


# ---------------------------------------------------------------- executing the source notebooks, cached

def _imported_solutions(module, seen):
    """The files of a reference module and of every ``solutions`` module it imports, transitively."""
    if module in seen:
        return
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return
    seen[module] = Path(spec.origin)
    tree = ast.parse(seen[module].read_text())
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("solutions"):
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names if alias.name.startswith("solutions")]
        for name in names:
            try:
                if importlib.util.find_spec(name) is not None and name.count(".") == 2:
                    _imported_solutions(name, seen)
            except ModuleNotFoundError:
                pass


def execution_key(section):
    """The hash the cached execution of a section is kept under: its source notebook, the reference modules
    it runs (its own and those it imports) and ``EXECUTION_VERSION``."""
    section = course.Section(section)
    digest = hashlib.sha256(EXECUTION_VERSION.encode())
    digest.update(section.source.read_bytes())
    modules = {}
    _imported_solutions(section.reference_module, modules)
    for name in sorted(modules):
        digest.update(name.encode() + modules[name].read_bytes())
    return digest.hexdigest()[:20]


def _cache_file(section):
    section = course.Section(section)
    return CACHE / section.chapter / f"{section.name}.json"


def _publishable(cell):
    """Whether a source cell's outputs may be shown: not a solution cell (its outputs are the reference's)."""
    return not nbgrader_metadata(cell).get("solution")


def _clean_output(output):
    """An output as published: images and text, never stderr (warnings), never a traceback's locals."""
    kind = output.get("output_type")
    if kind == "stream":
        return {"output_type": "stream", "name": "stdout", "text": output["text"]} if output.get("name") == "stdout" else None
    if kind in ("display_data", "execute_result"):
        data = {mime: value for mime, value in output.get("data", {}).items()
                if mime in ("image/png", "image/svg+xml", "text/plain")}
        return {"output_type": "display_data", "data": data} if data else None
    if kind == "error":
        return {"output_type": "error", "ename": output.get("ename", ""), "evalue": output.get("evalue", "")}
    return None


def execute(section):
    """Execute a section's source notebook with the reference solutions, its test cells cut to their visible
    part, and return ``{cell id: [outputs]}`` of the cells whose outputs are published."""
    from nbclient import NotebookClient
    from traitlets.config import Config

    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # one BLAS thread a kernel, as
        os.environ.setdefault(name, "1")  # the Makefile sets: kernels run side by side on the cores
    notebook = read(course.Section(section).source)
    for cell in notebook.cells:
        if is_test_cell(cell):
            cell.source = split_test(cell.source)[1]
    with tempfile.TemporaryDirectory(prefix="site-") as folder:
        # Unix sockets in the temporary folder: no port of the machine open to its other users (nor the kernel's
        # warning that TCP is unencrypted, once a notebook)
        sockets = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(folder) / "kernel")}})
        client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3", allow_errors=True,
                                resources={"metadata": {"path": folder}}, config=sockets)
        client.execute()
    return {cell.id: [clean for output in cell.get("outputs", []) if (clean := _clean_output(output))]
            for cell in notebook.cells if cell.cell_type == "code" and _publishable(cell)}


def _execute_and_store(section, key):
    start = time.perf_counter()
    outputs = execute(section)
    path = _cache_file(section)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps({"key": key, "outputs": outputs}))
    temporary.replace(path)
    return section, time.perf_counter() - start


def executions(sections, jobs=None, log=print):
    """``{section: {cell id: outputs}}``, executing (in parallel) the sections whose cache is stale."""
    keys = {section: execution_key(section) for section in sections}
    stale = []
    for section in sections:
        path = _cache_file(section)
        if not path.exists() or json.loads(path.read_text()).get("key") != keys[section]:
            stale.append(section)
    if stale:
        log(f"executing {len(stale)} of {len(sections)} notebooks with the reference solutions")
        jobs = jobs or os.cpu_count() or 2
        with ProcessPoolExecutor(max_workers=min(jobs, len(stale))) as pool:
            for section, seconds in pool.map(_execute_and_store, stale, [keys[s] for s in stale]):
                log(f"  {section}: {seconds:.1f} s")
    return {section: json.loads(_cache_file(section).read_text())["outputs"] for section in sections}


# ---------------------------------------------------------------- rendering

def _markdown(text):
    from nbconvert.filters import markdown2html_mistune
    return markdown2html_mistune(text)


def _code(text):
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer
    return highlight(text, PythonLexer(), HtmlFormatter(cssclass="highlight"))


def discovery_checks(section):
    """``{name: check}`` of the section's discovery answers: the ``checking.Discovery`` objects of its checks
    module, each named like the notebook's variable it checks."""
    from autograder.checking import Discovery
    module = importlib.import_module(course.Section(section).checks_module)
    return {name: check for name, check in vars(module).items() if isinstance(check, Discovery)}


def states_an_answer(text, checks):
    """Whether ``text`` states a number some discovery check accepts: followed by the check's unit, or any
    number for a dimensionless answer. A figure's printout may (a correct notebook prints it to the student
    who ran it), the course's pages may not."""
    return any(check.stated_in(text) for check in checks.values())


def uses_an_answer(source, checks):
    """Whether a cell's code reads a discovery answer: whatever it shows (a line drawn at the answer, a number
    derived from it) gives the answer away, in a figure as much as in text."""
    return any(re.search(rf"\b{re.escape(name)}\b", source) for name in checks)


WITHHELD = ('<pre class="withheld">(This output shows the answer to a question of the notebook: run your own '
            'notebook to see it.)</pre>')


def _render_output(output, figures, page_dir, checks):
    kind = output["output_type"]
    text = output.get("text") or output.get("evalue") or output.get("data", {}).get("text/plain", "")
    if kind != "display_data" or "image/png" not in output["data"] and "image/svg+xml" not in output["data"]:
        if states_an_answer(text, checks):
            return WITHHELD
    if kind == "stream":
        return f'<pre class="stream">{html.escape(output["text"])}</pre>'
    if kind == "error":
        return f'<pre class="error">{html.escape(output["ename"])}: {html.escape(output["evalue"])}</pre>'
    data = output["data"]
    if "image/png" in data:
        figures.append(base64.b64decode(data["image/png"]))
        name = f"{page_dir}/fig{len(figures)}.png"
        return f'<img class="figure" src="{name}" alt="Figure {len(figures)}">'
    if "image/svg+xml" in data:
        svg = data["image/svg+xml"]
        figures.append("".join(svg).encode() if isinstance(svg, list) else svg.encode())
        return f'<img class="figure" src="{page_dir}/fig{len(figures)}.svg" alt="Figure {len(figures)}">'
    return f'<pre class="result">{html.escape(data["text/plain"])}</pre>'


def _plain_text(markdown):
    """Markdown as text for the search index."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[#*_`>|]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _points(number):
    return f"{number:g} point" + ("" if number == 1 else "s")


def render_page(page, outputs):
    """The page's body HTML, its figures (bytes, numbered as the HTML names them) and its search entry."""
    figures, parts, headings, text = [], [], [], []
    page_dir = page.section.name
    checks = discovery_checks(page.section)
    for cell in page.release.cells:
        meta = nbgrader_metadata(cell)
        classes = ["cell", cell.cell_type]
        if meta.get("solution"):
            classes.append("answer")
        if is_test_cell(cell):
            classes.append("check")
        if cell.cell_type == "markdown":
            if is_manual_cell(cell):
                body = (f'<div class="answer-label">Your answer ({_points(meta.get("points", 0))}, graded by your '
                        f'instructor)</div>{_markdown(cell.source)}')
            else:
                body = _markdown(cell.source)
                headings += re.findall(r"^#+\s*(.+)$", cell.source, flags=re.M)
                text.append(_plain_text(cell.source))
            parts.append(f'<div class="{" ".join(classes)}">{body}</div>')
        elif cell.cell_type == "code":
            label = ""
            if meta.get("solution"):
                label = '<div class="answer-label">Your code</div>'
            elif is_test_cell(cell):
                label = f'<div class="check-label">Visible checks ({_points(meta.get("points", 0))} when graded)</div>'
            shown = outputs.get(cell.id, [])
            if shown and not is_test_cell(cell) and uses_an_answer(cell.source, checks):
                rendered, shown = [WITHHELD], []
            else:
                rendered = [_render_output(o, figures, page_dir, checks) for o in shown]
            output_html = f'<div class="outputs">{"".join(rendered)}</div>' if rendered else ""
            text += [o["text"] for o in shown if o["output_type"] == "stream" and not states_an_answer(o["text"], checks)]
            parts.append(f'<div class="{" ".join(classes)}">{label}<div class="input">{_code(cell.source)}</div>'
                         f'{output_html}</div>')
    entry = {"title": f"{page.number} {page.title}", "title_ja": page.title_ja, "url": page.url,
             "chapter": page.chapter_title, "headings": headings, "text": " ".join(text)}
    return "\n".join(parts), figures, entry


STYLE = """
@font-face { font-family: "IPAexGothic"; src: url("fonts/ipaexg.ttf") format("truetype"); font-display: swap; }
:root { --accent: #2a5d8f; --muted: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", "Liberation Sans", Arial, "IPAexGothic", "Noto Sans CJK JP",
       sans-serif; line-height: 1.55; color: #222; display: flex; }
nav#toc { width: 19rem; flex: none; height: 100vh; position: sticky; top: 0; overflow-y: auto;
          border-right: 1px solid var(--line); padding: 1rem; font-size: 0.88rem; background: #fafafa; }
nav#toc a { color: #222; text-decoration: none; }
nav#toc a:hover, nav#toc a.current { color: var(--accent); text-decoration: underline; }
nav#toc ol { list-style: none; padding-left: 0; margin: 0.2rem 0 0.6rem; }
nav#toc ol ol { padding-left: 0.9rem; }
nav#toc .chapter { font-weight: bold; margin-top: 0.5rem; }
.ja { color: var(--muted); font-family: "IPAexGothic", "Noto Sans CJK JP", sans-serif; }
main { flex: 1; min-width: 0; max-width: 60rem; padding: 1rem 2rem 4rem; }
#search { width: 100%; padding: 0.4rem; font-size: 0.95rem; margin-bottom: 0.4rem; }
#search-results { list-style: none; padding: 0; margin: 0 0 1rem; }
#search-results li { padding: 0.3rem 0; border-bottom: 1px solid var(--line); }
#search-results .snippet { color: var(--muted); font-size: 0.8rem; }
.exercises { border: 1px solid var(--line); background: #f5f8fb; padding: 0.6rem 1rem; margin: 1rem 0; }
.exercises table { border-collapse: collapse; }
.exercises td, .exercises th { padding: 0.1rem 0.8rem 0.1rem 0; text-align: left; }
table { border-collapse: collapse; margin: 0.6rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: 0.2rem 0.6rem; }
.cell { margin: 0.8rem 0; }
.cell.code .input { border-left: 3px solid var(--line); background: #f7f7f7; overflow-x: auto; }
.cell.answer .input { border-left-color: #e0a030; }
.cell.check .input { border-left-color: #3a9a5a; }
.cell.markdown.answer { border: 1px dashed #e0a030; padding: 0.3rem 0.8rem; }
.answer-label, .check-label { font-size: 0.78rem; color: var(--muted); }
.highlight pre { margin: 0; padding: 0.5rem 0.7rem; font-size: 0.83rem; }
.outputs pre { margin: 0.3rem 0; padding: 0.3rem 0.7rem; font-size: 0.83rem; overflow-x: auto; }
.outputs pre.error { color: #a00; }
.outputs pre.withheld { color: var(--muted); font-style: italic; }
img.figure { max-width: 100%; display: block; margin: 0.4rem 0; }
.pager { display: flex; justify-content: space-between; margin-top: 2rem; border-top: 1px solid var(--line);
         padding-top: 0.6rem; }
code { background: #f2f2f2; padding: 0 0.2rem; }
.anchor-link { visibility: hidden; margin-left: 0.3rem; text-decoration: none; }
h1:hover .anchor-link, h2:hover .anchor-link, h3:hover .anchor-link { visibility: visible; }
@media (max-width: 50rem) {  /* a phone: the contents above the lesson, not beside it */
  body { display: block; }
  nav#toc { width: auto; height: auto; max-height: 40vh; position: static; border-right: none;
            border-bottom: 1px solid var(--line); }
  main { padding: 0.5rem 1rem 3rem; }
}
"""

SEARCH_JS = """
(function () {
  var box = document.getElementById("search"), list = document.getElementById("search-results");
  var root = document.body.getAttribute("data-root");
  function escape(s) { return s.replace(/[&<>"]/g, function (c) {
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]; }); }
  function search(query) {
    var words = query.toLowerCase().split(/\\s+/).filter(Boolean), found = [];
    if (!words.length) return found;
    window.SEARCH_INDEX.forEach(function (page) {
      var title = (page.title + " " + page.title_ja).toLowerCase(), heads = page.headings.join(" ").toLowerCase();
      var text = page.text.toLowerCase(), score = 0;
      for (var i = 0; i < words.length; i++) {
        var w = words[i], s = 0;
        if (title.indexOf(w) >= 0) s += 100;
        if (heads.indexOf(w) >= 0) s += 10;
        s += Math.min(text.split(w).length - 1, 20);
        if (!s) return;
        score += s;
      }
      var at = text.indexOf(words[0]);
      found.push({page: page, score: score,
                  snippet: at >= 0 ? page.text.substring(Math.max(0, at - 60), at + 100) : ""});
    });
    return found.sort(function (a, b) { return b.score - a.score; }).slice(0, 12);
  }
  box.addEventListener("input", function () {
    list.innerHTML = search(box.value).map(function (r) {
      return '<li><a href="' + root + r.page.url + '">' + escape(r.page.title) + '</a> <span class="ja">' +
        escape(r.page.title_ja) + '</span><div class="snippet">' + escape(r.snippet) + '</div></li>';
    }).join("");
  });
})();
"""

MATHJAX_CONFIG = """
MathJax.Hub.Config({
  tex2jax: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]], displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]],
            processEscapes: true, processEnvironments: true, skipTags: ["script", "noscript", "style", "textarea", "pre", "code"],
            ignoreClass: "input|outputs"},
  TeX: {extensions: ["AMSmath.js", "AMSsymbols.js", "noErrors.js", "noUndefined.js"]},
  "HTML-CSS": {availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null},
  messageStyle: "none", showMathMenu: false,
  menuSettings: {zoom: "None"}
});
"""


def _chapters(all_pages):
    """``[(number, title HTML with its Japanese title, pages)]`` of the course's chapters, in order."""
    chapters = {}
    for page in all_pages:
        chapters.setdefault(page.chapter_number, []).append(page)
    found = []
    for number, members in chapters.items():
        name, _, ja = members[0].chapter_title.partition(" (")
        ja = f' <span class="ja">{html.escape(ja.removesuffix(")"))}</span>' if ja else ""
        found.append((number, html.escape(name) + ja, members))
    return found


def _nav(all_pages, root, current=None):
    items = []
    mark = ' class="current"'
    for number, title, members in _chapters(all_pages):
        sections = "".join(
            f'<li><a href="{root}{p.url}"{mark if p is current else ""}>{p.number} '
            f'{html.escape(p.title)}</a></li>' for p in members)
        items.append(f'<li class="chapter-item"><div class="chapter">{number} {title}</div>'
                     f'<ol>{sections}</ol></li>')
    return (f'<nav id="toc"><a href="{root}index.html"><strong>{html.escape(TITLE)}</strong></a>'
            f'<input id="search" type="search" placeholder="Search the course" aria-label="Search">'
            f'<ul id="search-results"></ul><ol class="chapters">{"".join(items)}</ol></nav>')


def _document(title, body, all_pages, root, current=None):
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<link rel="stylesheet" href="{root}assets/site.css">
<link rel="stylesheet" href="{root}assets/pygments.css">
<script type="text/x-mathjax-config">{MATHJAX_CONFIG}</script>
<script src="{root}assets/mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"></script>
</head><body data-root="{root}">
{_nav(all_pages, root, current)}
<main>{body}</main>
<script src="{root}assets/search-index.js"></script>
<script src="{root}assets/search.js"></script>
</body></html>
"""


def _exercise_box(page):
    rows = "".join(f"<tr><td>{kind}</td><td><code>{html.escape(name)}</code></td><td>{points}</td></tr>"
                   for kind, name, points in page.exercises())
    total = sum(points for _, _, points in page.exercises())
    return (f'<div class="exercises"><strong>Exercises of this section</strong> ({_points(total)})'
            f'<table><tr><th>kind</th><th>name</th><th>points</th></tr>{rows}</table>'
            f'<p>Download the notebook: <a class="download" href="../{page.notebook_url}" download>'
            f'{page.section.name}.ipynb</a> — or clone the course and run <code>make lab</code>, which opens '
            f'JupyterLab on <code>release/</code> with nbgrader\'s <em>Validate</em> button.</p></div>')


def _pager(all_pages, index):
    previous = all_pages[index - 1] if index else None
    following = all_pages[index + 1] if index + 1 < len(all_pages) else None
    left = f'<a href="../{previous.url}">← {previous.number} {html.escape(previous.title)}</a>' if previous else "<span></span>"
    right = f'<a href="../{following.url}">{following.number} {html.escape(following.title)} →</a>' if following else ""
    return f'<div class="pager">{left}{right}</div>'


def _landing(all_pages):
    chapters = _chapters(all_pages)
    toc = []
    for number, title, members in chapters:
        rows = "".join(f'<li><a href="{p.url}">{p.number} {html.escape(p.title)}</a> <span class="ja">'
                       f'{html.escape(p.title_ja)}</span> — {_points(sum(x[2] for x in p.exercises()))}</li>'
                       for p in members)
        toc.append(f"<h3>{number} {title}</h3><ul>{rows}</ul>")
    points = sum(x[2] for p in all_pages for x in p.exercises())
    return f"""
<h1>{html.escape(TITLE)}</h1>
<p class="ja">{html.escape(TITLE_JA)}</p>
<p>Exercise notebooks for computational neuroscience, following the table of contents of
「Juliaで学ぶ計算論的神経科学」 (<a href="{ORIGINAL}">{ORIGINAL}</a>), rebuilt in Python: {len(all_pages)} lessons in
{len(chapters)} chapters, {points} points. Every lesson states its learning goals, the theory with its equations and a
parameter table naming its source, then asks you to implement the model's functions, to find out a number with
them, and to explain a result you saw. The figures on these pages come from the reference solutions: they are what
your notebook shows once your functions are right.</p>
<h2>Students: getting and submitting the notebooks</h2>
<ol>
<li>Download a lesson's notebook from its page (the box at the top), or clone the course and run
<code>make lab</code>: it sets up the environment and opens JupyterLab on the release notebooks.</li>
<li>Replace each <code>raise NotImplementedError()</code> by your code and run the cell below it: the
<em>visible checks</em> test properties any correct answer has. Answer the <em>find out</em> questions with your
own functions, and write the <em>explain</em> answer in its cell.</li>
<li>Press <em>Validate</em> in the notebook toolbar: it runs the notebook as the grader will. Optionally see your
grade first with <code>python -m autograder grade your_notebook.ipynb --feedback feedback.html</code>.</li>
<li>Submit the notebook as your instructor says (nbgrader's <em>Assignments</em> tab, <code>nbgrader submit</code>,
or an upload to Gradescope), keeping its file name.</li>
</ol>
<h2>Instructors: grading</h2>
<p>The source notebooks hold the solutions and the hidden tests; <code>nbgrader generate_assignment</code> makes the
release. Collect submissions into <code>submitted/&lt;student&gt;/&lt;chapter&gt;/</code> and grade them with
<code>nbgrader autograde</code> or, in parallel and sandboxed, <code>python -m autograder grade-all &lt;chapter&gt;</code>
(same scores, same gradebook). Hidden checks compare each function with the reference on seeded inputs and with
facts of the model, and say what went wrong without giving the answer away. The explain questions await you in
formgrader with a rubric. <code>grade --format gradescope</code> grades on Gradescope.</p>
<h2>Contents</h2>
{"".join(toc)}
"""


def _assets(site):
    assets = site / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    (assets / "site.css").write_text(STYLE)
    from pygments.formatters import HtmlFormatter
    (assets / "pygments.css").write_text(HtmlFormatter().get_style_defs(".highlight"))
    (assets / "search.js").write_text(SEARCH_JS)
    mathjax = Path(importlib.util.find_spec("jupyter_server_mathjax").origin).parent / "static"
    target = assets / "mathjax"
    if not (target / "MathJax.js").exists():
        # the combined configuration holds the TeX input and HTML-CSS output; its STIX-Web fonts are woff files
        shutil.copytree(mathjax, target, dirs_exist_ok=True,
                        ignore=lambda folder, names: [n for n in names if Path(folder).name == "localization"
                                                      and n != "en"])
    font = Path(importlib.util.find_spec("japanize_matplotlib").origin).parent / "fonts" / "ipaexg.ttf"
    (assets / "fonts").mkdir(exist_ok=True)
    if not (assets / "fonts" / "ipaexg.ttf").exists():
        shutil.copy2(font, assets / "fonts" / "ipaexg.ttf")


def build(site=SITE, jobs=None, log=print):
    """Build the whole site into ``site``; returns the seconds it took."""
    start = time.perf_counter()
    all_pages = pages()
    outputs = executions([page.section for page in all_pages], jobs=jobs, log=log)
    site.mkdir(parents=True, exist_ok=True)
    _assets(site)
    index = []
    for number, page in enumerate(all_pages):
        body, figures, entry = render_page(page, outputs[page.section])
        index.append(entry)
        chapter = site / page.section.chapter
        figures_dir = chapter / page.section.name
        shutil.rmtree(figures_dir, ignore_errors=True)
        figures_dir.mkdir(parents=True)
        for k, figure in enumerate(figures, 1):
            suffix = "svg" if figure.lstrip().startswith(b"<") else "png"
            (figures_dir / f"fig{k}.{suffix}").write_bytes(figure)
        title, _, rest = body.partition("\n")  # the title cell, then the exercises of the page
        content = title + _exercise_box(page) + rest + _pager(all_pages, number)
        (chapter / f"{page.section.name}.html").write_text(
            _document(f"{page.number} {page.title} — {page.title_ja}", content, all_pages, "../", page))
        notebook = site / page.notebook_url
        notebook.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(page.section.release, notebook)
    (site / "assets" / "search-index.js").write_text(
        "window.SEARCH_INDEX = " + json.dumps(index, ensure_ascii=False) + ";\n")
    (site / "index.html").write_text(_document(TITLE, _landing(all_pages), all_pages, ""))
    seconds = time.perf_counter() - start
    log(f"built {len(all_pages)} pages into {site} in {seconds:.1f} s")
    return seconds


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder.site", description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=SITE, help="where to build the site (default build/site)")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks executed at once (default: the cores)")
    args = parser.parse_args(argv)
    build(args.output, jobs=args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
