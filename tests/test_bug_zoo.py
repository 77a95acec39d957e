"""Every realistic mistake of the bug zoo is rejected by its hidden check, and
every alternative correct implementation is accepted.

A mistake is rejected when its exercise's check raises with a message; the
check is run in this process on the function the mistaken cell defines, in the
namespace the notebook gives it (the section's constants and other reference
functions), which takes milliseconds. An alternative is accepted when a solved
notebook with that one function replaced earns full marks under
``python -m autograder grade``: the whole test cell, visible asserts included,
must pass. (The pipeline tests grade the example students' mistakes through
whole notebooks too.)"""

import importlib
import textwrap

import pytest

from autograder import authoring, course
from autograder.notebook import grade_id, read, autograded_cells
from conftest import grade_cli


def _zoo(section):
    return importlib.import_module("bug_zoo." + section.replace("/", "."))


def _entries(kind):
    return [
        pytest.param(section, function, answer, id=f"{section.split('/')[1]}-{function}-{name}")
        for section in course.sections()
        for function, entries in getattr(_zoo(section), kind).items()
        for name, answer in entries.items()
    ]


@pytest.mark.parametrize("section", course.sections())
def test_every_exercise_has_a_zoo(section):
    zoo = _zoo(section)
    for cell in autograded_cells(read(course.source_notebook(section))):
        function = grade_id(cell).removeprefix("test_")
        assert len(zoo.MISTAKES.get(function, {})) >= 3, f"{function} needs at least three mistakes"
        assert len(zoo.ALTERNATIVES.get(function, {})) >= 1, f"{function} needs an alternative"


def _defined_function(section, function, answer):
    """The function that a solution cell filled in with ``answer`` defines, executed
    after the reference module's own names as the notebook's earlier cells are."""
    reference = authoring.without_markers(authoring.reference_code(section, [function]))
    code = authoring.patched(reference, answer) if isinstance(answer, list) else textwrap.dedent(answer)
    namespace = dict(vars(authoring.reference_module(section)))
    exec(compile(code, f"<{function} of the bug zoo>", "exec"), namespace)
    return namespace[function]


@pytest.mark.parametrize("section, function, answer", _entries("MISTAKES"))
def test_mistake_is_rejected(section, function, answer):
    check = getattr(importlib.import_module("autograder.checks." + section.replace("/", ".")), function)
    with pytest.raises(AssertionError) as rejection:
        check(_defined_function(section, function, answer))
    assert str(rejection.value).strip(), "a rejected exercise must say why"


@pytest.mark.parametrize("section, function, answer", _entries("ALTERNATIVES"))
def test_alternative_is_accepted(submission, section, function, answer):
    report = grade_cli(submission(section, {function: answer}))
    failed = {e["name"]: e["message"] for e in report["exercises"] if not e["passed"]}
    assert not failed and report["score"] == report["max_score"]
