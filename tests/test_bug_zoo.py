"""Every realistic mistake of the bug zoo is rejected by the hidden checks, and
every alternative correct implementation is accepted, each graded by
``python -m autograder grade`` on a solved notebook with that one function
replaced."""

import importlib

import pytest

from autograder import course
from autograder.notebook import grade_id, read, autograded_cells
from conftest import by_name, grade_cli


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


@pytest.mark.parametrize("section, function, answer", _entries("MISTAKES"))
def test_mistake_is_rejected(submission, section, function, answer):
    report = by_name(grade_cli(submission(section, {function: answer})))
    exercise = report[f"test_{function}"]
    assert not exercise["passed"] and exercise["points"] == 0
    assert exercise["message"].strip(), "a rejected exercise must say why"


@pytest.mark.parametrize("section, function, answer", _entries("ALTERNATIVES"))
def test_alternative_is_accepted(submission, section, function, answer):
    report = grade_cli(submission(section, {function: answer}))
    failed = {e["name"]: e["message"] for e in report["exercises"] if not e["passed"]}
    assert not failed and report["score"] == report["max_score"]
