"""Reports of graded notebooks: HTML feedback with plots, a class report, and
Gradescope's ``results.json``.

Each works on graded notebooks (:class:`autograder.engine.grading.NotebookGrade`): a
notebook's score and its exercises with points, message and, for a failed
comparison, its evidence (:func:`autograder.checking.evidence`), the reference's
and the student's values on the failing input, which the feedback plots.
"""

import base64
import collections
import html
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.score { font-size: 1.2rem; } .pass { color: #1a7f37; } .fail { color: #b42318; } .manual { color: #6639ba; }
pre { background: #f6f8fa; padding: 0.6rem; white-space: pre-wrap; border-radius: 4px; }
.hint { background: #fff8e1; border-left: 4px solid #f2b400; padding: 0.5rem 0.8rem; }
table { border-collapse: collapse; } td, th { padding: 0.2rem 0.7rem; border-bottom: 1px solid #ddd; text-align: left; }
img { max-width: 100%; }
"""


def split_hint(message):
    """The message of a failed check, cut into what went wrong and the hint (or None)."""
    what, _, hint = message.partition("\nHint: ")
    return what, hint or None


def _png(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode()


def plot_evidence(evidence):
    """A plot of the student's values against the reference's on the failing input, as base64 PNG.

    A scalar becomes two bars; a sequence two curves over its index above their
    difference, with the first wrong index marked; a 2-D value one such panel per
    kept column.
    """
    expected, actual = np.asarray(evidence["expected"], dtype=float), np.asarray(evidence["actual"], dtype=float)
    if expected.ndim == 0:
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.bar(["reference", "yours"], [expected, actual], color=["0.4", "tab:red"])
        ax.set_title(_wrapped(evidence["what"]), fontsize=9)
        return _png(fig)
    columns = evidence.get("columns") or [None]
    if expected.ndim == 1:
        expected, actual = expected[:, None], actual[:, None]
    fig, axes = plt.subplots(2, len(columns), figsize=(4.2 * len(columns) + 1, 4.4), squeeze=False, sharex="col",
                             gridspec_kw={"height_ratios": [2, 1]})
    index = np.arange(len(expected)) * evidence.get("step", 1)
    style = {"marker": "o", "ms": 3} if len(index) <= 30 else {}
    wrong = evidence.get("index") or []
    for k, column in enumerate(columns):
        values, difference = axes[0][k], axes[1][k]
        values.plot(index, expected[:, k], color="0.2", ls="--", label="reference", **style)
        values.plot(index, actual[:, k], color="tab:red", alpha=0.8, label="yours", **style)
        difference.plot(index, actual[:, k] - expected[:, k], color="tab:red", **style)
        difference.axhline(0, color="0.2", lw=0.5)
        if wrong and (column is None or len(wrong) < 2 or wrong[1] == column):
            for ax in (values, difference):
                ax.axvline(wrong[0], color="tab:orange", lw=0.8, ls=":")
        values.set_title(f"column {column}" if column is not None else "", fontsize=9)
        difference.set(xlabel="index", ylabel="yours − reference" if k == 0 else None)
    axes[0][0].legend(fontsize=8)
    fig.suptitle(_wrapped(evidence["what"]) + (f"\n(dotted: the first wrong index, {wrong[0]})" if wrong else ""),
                 fontsize=9)
    fig.tight_layout()
    return _png(fig)


def _wrapped(text, width=90):
    words, lines = text.split(), [""]
    for word in words:
        if len(lines[-1]) + len(word) + 1 > width:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    return "\n".join(lines)


def _page(title, body):
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{STYLE}</style></head><body>\n{body}\n</body></html>\n")


def notebook_report(grade, title):
    """The HTML feedback of one graded notebook.

    Parameters
    ----------
    grade : autograder.engine.grading.NotebookGrade
        The graded notebook.
    title : str
        Heading, e.g. the student and the section.

    Returns
    -------
    str
        A self-contained page: the score, a row per exercise and, for each failed
        one, the check's message, its hint and a plot of the student's values
        against the reference's on the failing input; for an explain question, the
        student's answer beside the model answer.
    """
    rows = "".join(
        f"<tr><td>{html.escape(e.name)}</td><td class=\"{_status(e)[0]}\">{_status(e)[1]}</td>"
        f"<td>{'' if e.manual else format(e.points, 'g') + ' / '}{e.max_points:g}</td></tr>"
        for e in grade.exercises)
    parts = [f"<h1>{html.escape(title)}</h1>",
             f"<p class=\"score\">Score: <b>{grade.score:g} / {grade.max_score:g}</b>"
             + (f", and {grade.manual_max_score:g} points graded by your instructor" if grade.manual_max_score else "")
             + "</p>",
             f"<table><tr><th>exercise</th><th>result</th><th>points</th></tr>{rows}</table>"]
    for e in grade.exercises:
        if e.manual:
            parts.append(_manual_section(e))
            continue
        if e.passed:
            continue
        what, hint = split_hint(e.message)
        parts.append(f"<h2 id=\"{html.escape(e.name)}\">{html.escape(e.name)}: "
                     f"{e.points:g} / {e.max_points:g}</h2><pre>{html.escape(what)}</pre>")
        if hint:
            parts.append(f"<p class=\"hint\"><b>Hint:</b> {html.escape(hint)}</p>")
        if e.evidence:
            parts.append(f"<p>Your values (red) against the reference (dashed) on the input that failed:</p>"
                         f"<img alt=\"your values against the reference\" "
                         f"src=\"data:image/png;base64,{plot_evidence(e.evidence)}\">")
    return _page(title, "\n".join(parts))


def _status(exercise):
    """CSS class and text of an exercise's result."""
    if exercise.manual:
        return "manual", "graded by hand" if exercise.awaiting else "no answer"
    return ("pass", "passed") if exercise.passed else ("fail", "failed")


def _manual_section(exercise):
    """An explain question's answer next to the model answer and rubric, to compare with."""
    name = html.escape(exercise.name)
    return (f"<h2 id=\"{name}\">{name}: {exercise.max_points:g} points, graded by your instructor</h2>"
            f"<p>Your answer:</p><pre>{html.escape(exercise.answer or '(none)')}</pre>"
            f"<p>The model answer and the rubric it is graded with:</p>"
            f"<pre>{html.escape(exercise.model_answer or '')}</pre>")


def class_report(results, title, top=5):
    """The HTML report of a class: per exercise, the distribution of points and the most frequent failures.

    Parameters
    ----------
    results : dict
        ``{student: {section: NotebookGrade}}`` as ``grade-all`` returns it.
    title : str
        Heading, e.g. the chapter.
    top : int
        How many of the most frequent failure messages to list per exercise.
    """
    exercises = collections.defaultdict(list)
    for student in sorted(results):
        for section, grade in sorted(results[student].items()):
            for e in grade.exercises:
                exercises[(section, e.name)].append(e)
    parts = [f"<h1>{html.escape(title)}</h1>", f"<p>{len(results)} students.</p>"]
    for section in sorted({section for section, _ in exercises}):
        names = [name for s, name in exercises if s == section and not exercises[(s, name)][0].manual]
        figure = _distributions([exercises[(section, n)] for n in names], names)
        parts.append(f"<h2>{html.escape(section)}</h2><img alt=\"points per exercise of {html.escape(section)}\" "
                     f"src=\"data:image/png;base64,{figure}\">")
        for name in (name for s, name in exercises if s == section and name not in names):
            waiting = sum(e.awaiting for e in exercises[(section, name)])
            parts.append(f"<p><b>{html.escape(name)}</b> (graded by hand in formgrader): {waiting} answers awaiting "
                         f"grading, {len(exercises[(section, name)]) - waiting} without an answer</p>")
        for name in names:
            failures = collections.Counter(split_hint(e.message)[0].splitlines()[0]
                                           for e in exercises[(section, name)] if not e.passed)
            if failures:
                items = "".join(f"<li>{count} × <code>{html.escape(message)}</code></li>"
                                for message, count in failures.most_common(top))
                parts.append(f"<p><b>{html.escape(name)}</b>: most frequent failures</p><ul>{items}</ul>")
    return _page(title, "\n".join(parts))


def _distributions(columns, names):
    """One histogram of the points per exercise, side by side, as base64 PNG."""
    fig, axes = plt.subplots(1, len(columns), figsize=(2.4 * len(columns) + 0.5, 2.4), squeeze=False, sharey=True)
    for ax, results, name in zip(axes[0], columns, names):
        best = max(e.max_points for e in results)
        points = [e.points for e in results]
        ax.hist(points, bins=np.arange(-0.25, best + 0.5, 0.5), color="tab:blue")
        ax.set(title=name.removeprefix("test_"), xlabel="points", xlim=(-0.5, best + 0.5))
        ax.title.set_fontsize(8)
    axes[0][0].set_ylabel("students")
    fig.tight_layout()
    return _png(fig)


def gradescope(grade):
    """Gradescope's ``results.json`` for one graded notebook (a ``NotebookGrade``).

    Gradescope runs ``/autograder/run_autograder`` and reads
    ``/autograder/results/results.json``: a total ``score`` and one entry per test
    with its ``name``, ``score``, ``max_score``, ``status`` and ``output`` (here the
    check's message and hint). Explain questions are left to Gradescope's own manual grading.
    """
    tests = [{"name": e.name.removeprefix("test_"), "score": e.points, "max_score": e.max_points,
              "status": "passed" if e.passed else "failed", "output": e.message, "visibility": "visible"}
             for e in grade.exercises if not e.manual]
    return {"score": grade.score, "output": f"{grade.notebook}: {grade.score:g} / {grade.max_score:g}",
            "visibility": "visible", "tests": tests}
