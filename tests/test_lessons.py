"""Every notebook teaches as AUTHORING.md says: discovery answers that the release never
states, one explain question graded by hand, visible checks that catch mistakes, and the
rules the checks enforce stated in the docstrings students read.

The visible checks' catch rate is measured here: for each exercise, the share of its
bug-zoo mistakes that the visible asserts of its test cell reject when run on the
mistaken function (or value) alone. ``python tests/test_lessons.py`` prints the table.
"""

import importlib
import inspect
import io
import sys
import tokenize
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for ``python tests/test_lessons.py``

from autograder import authoring, course  # noqa: E402
from autograder.checking import RULE_INPUTS, RULE_RNG, Discovery, stated_numbers  # noqa: E402
from autograder.demo import MANUAL_PREFIX  # noqa: E402
from autograder.engine.notebook import autograded_cells, grade_id, manual_cells, read  # noqa: E402
from test_bug_zoo import _defined_function, _zoo, visible_rejects  # noqa: E402

CATCH_RATE = 0.5  # the share of all mistakes, course-wide, that the visible checks must reject


def _checks(section):
    return importlib.import_module(course.Section(section).checks_module)


def discoveries(section):
    """``{name: Discovery}`` of a section's discovery answers."""
    return {name: check for name, check in vars(_checks(section)).items() if isinstance(check, Discovery)}


def exercises(section):
    """The names a section's test cells grade (functions and discovery answers), in order."""
    return [grade_id(cell).removeprefix("test_") for cell in autograded_cells(read(course.source_notebook(section)))]


def _text(notebook):
    """What a reader sees of a notebook as text: markdown, comments and strings of code, outputs."""
    parts = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            parts.append(cell.source)
            continue
        try:
            parts += [token.string for token in tokenize.generate_tokens(io.StringIO(cell.source).readline)
                      if token.type in (tokenize.COMMENT, tokenize.STRING)]
        except (tokenize.TokenError, SyntaxError):
            parts.append(cell.source)
        for output in cell.get("outputs", []):
            parts.append(str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


@pytest.mark.parametrize("section", course.sections())
def test_every_notebook_asks_discovery_and_explain_questions(section):
    source = read(course.source_notebook(section))
    found = discoveries(section)
    assert 1 <= len(found) <= 3, f"{section} needs one to three discovery answers, has {sorted(found)}"
    assert set(found) <= set(exercises(section)), "every discovery answer has a test cell test_<name>"
    explain = manual_cells(source)
    assert len(explain) == 1, f"{section} needs exactly one explain question, has {len(explain)}"
    cell = explain[0]
    assert cell.cell_type == "markdown" and grade_id(cell).startswith(MANUAL_PREFIX)
    assert cell.metadata["nbgrader"]["points"] > 0
    assert "Model answer" in cell.source and "Rubric" in cell.source, "the source keeps a model answer and a rubric"
    released = next(c for c in manual_cells(read(course.release_notebook(section))) if grade_id(c) == grade_id(cell))
    assert "Model answer" not in released.source and "Rubric" not in released.source


@pytest.mark.parametrize("section", course.sections())
def test_release_never_states_a_discovery_answer(section):
    text = _text(read(course.release_notebook(section)))
    for name, check in discoveries(section).items():
        revealing = check.stated_in(text)
        assert not revealing, f"release/{section}.ipynb states {name} ({revealing} {check.unit})"


def test_the_scan_finds_stated_answers():
    onset = Discovery(6.28, 0.07, "onset current", unit="µA/cm²")
    for text in ("fires from 6.3 µA/cm² on", "between 6.2 and 6.3 µA/cm²", "at 6.25µA/cm²"):
        assert any(onset.accepts(x) for x in stated_numbers(text, onset.unit)), text
    for text in ("at 6.3 °C", "6.3 ms", "6.3"):
        assert not any(onset.accepts(x) for x in stated_numbers(text, onset.unit)), text
    assert 6.3 in stated_numbers("It fires at 6.3.", "")
    ratio = Discovery(0.5, 0.05, "ratio")
    assert any(ratio.accepts(x) for x in stated_numbers("halves (0.52 of the first)", ratio.unit))


def _rule_violations(section):
    module = authoring.reference_module(section)
    missing = []
    for name in exercises(section):
        function = getattr(module, name)
        if not inspect.isfunction(function):
            continue
        doc = inspect.getdoc(function) or ""
        parameters = doc.split("Parameters\n----------", 1)[-1].split("\nReturns\n-------", 1)[0]
        if "ndarray" in parameters and RULE_INPUTS not in doc:
            missing.append(f"{name}: {RULE_INPUTS!r}")
        if "rng" in inspect.signature(function).parameters and RULE_RNG not in doc:
            missing.append(f"{name}: {RULE_RNG!r}")
    return missing


@pytest.mark.parametrize("section", course.sections())
def test_docstrings_state_the_rules_the_checks_enforce(section):
    assert _rule_violations(section) == []


def catch_rates(sections=None):
    """``{(section, exercise): (caught, mistakes)}`` for every exercise of ``sections`` (default: the course).

    Raises
    ------
    AssertionError
        If a test cell's visible checks reject the reference itself: then they cannot be
        run on their own here, and what they reject would prove nothing.
    """
    rates = {}
    for section in sections or course.sections():
        mistakes = _zoo(section).MISTAKES
        for name in exercises(section):
            reference = getattr(authoring.reference_module(section), name)
            if name in discoveries(section):
                reference = reference()
            assert not visible_rejects(section, name, reference), f"{section}:{name}: visible checks reject the reference"
            caught = [visible_rejects(section, name, _defined_function(section, name, answer))
                      for answer in mistakes.get(name, {}).values()]
            rates[section, name] = (sum(caught), len(caught))
    return rates


@pytest.fixture(scope="module")
def rates():
    return catch_rates()


def test_visible_checks_reject_a_mistake_of_every_exercise(rates):
    blind = [f"{section}:{name}" for (section, name), (caught, _) in rates.items() if caught == 0]
    assert blind == []


def test_visible_checks_reject_most_mistakes(rates):
    caught, total = (sum(column) for column in zip(*rates.values()))
    assert caught >= CATCH_RATE * total, f"the visible checks reject {caught} of {total} mistakes"


if __name__ == "__main__":  # python tests/test_lessons.py [CHAPTER/SECTION …]
    table = catch_rates(sys.argv[1:])
    for (section, name), (caught, total) in table.items():
        print(f"{section + ':' + name:<70} {caught}/{total}")
    caught, total = (sum(column) for column in zip(*table.values()))
    print(f"{'all exercises':<70} {caught}/{total} = {caught / total:.0%}")
