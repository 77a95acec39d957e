"""Every realistic mistake of the bug zoo is rejected by its hidden check, and
every alternative correct implementation is accepted.

A mistake is rejected when its exercise's check raises with a message; the
check is run in this process on the function the mistaken cell defines, in the
namespace the notebook gives it (the section's constants and other reference
functions), which takes milliseconds. Alternatives are accepted when a solved
notebook with them in place of the reference earns full marks from the engine
of ``python -m autograder grade``, run in this process: the whole test cells, visible asserts included,
must pass. A section's alternatives go into as few notebooks as its exercise with
the most alternatives has (one alternative of each exercise per notebook), which
proves as well that they work together; a failure names the exercise. An
alternative discovery answer is a value, not code the notebook runs: its check and
its test cell's visible asserts judge it in this process.
(The pipeline tests grade the example students' mistakes through whole notebooks
too.)"""

import contextlib
import functools
import importlib
import io
import textwrap
import warnings

import pytest

from autograder import authoring, course
from autograder.checking import Discovery
from autograder.engine.grading import grade_notebook
from autograder.engine.notebook import autograded_cells, grade_id, read, split_test


def _zoo(section):
    section = course.Section(section)
    return importlib.import_module(f"bug_zoo.{section.chapter}.{section.name}")


def _entries(kind):
    return [
        pytest.param(section, function, answer, id=f"{section.name}-{function}-{name}")
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


@functools.cache
def _visible_checks(section, name):
    """The visible part of the test cell ``test_<name>``, compiled (read once, run for every mistake)."""
    cell = next(c for c in autograded_cells(read(course.source_notebook(section))) if grade_id(c) == f"test_{name}")
    return compile(split_test(cell.source)[1], f"<visible checks of {name}>", "exec")


def visible_rejects(section, name, value):
    """Whether the visible part of the test cell ``test_<name>`` fails when ``name`` is ``value`` (a
    function, or a discovery answer), run here in the namespace of the section's reference module."""
    namespace = {**vars(authoring.reference_module(section)), name: value}
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a mistake's overflow is no news here
            exec(_visible_checks(section, name), namespace)
    except Exception:  # noqa: BLE001 - an assert, or any error the value causes, is what the student sees
        return True
    return False


@pytest.mark.parametrize("section, function, answer", _entries("MISTAKES"))
def test_mistake_is_rejected(section, function, answer):
    with pytest.raises(AssertionError) as rejection:
        _check(section, function)(_defined_function(section, function, answer))
    assert str(rejection.value).strip(), "a rejected exercise must say why"


def _check(section, name):
    return getattr(importlib.import_module(course.Section(section).checks_module), name)


def _is_discovery(section, name):
    return isinstance(_check(section, name), Discovery)


@pytest.mark.parametrize("section, function, answer",
                         [p for p in _entries("ALTERNATIVES") if _is_discovery(*p.values[:2])])
def test_alternative_answer_is_accepted(section, function, answer):
    value = _defined_function(section, function, answer)
    _check(section, function)(value)
    assert not visible_rejects(section, function, value), "the test cell's visible asserts reject it"


def _alternative_notebooks():
    """``(section, {function: (name, answer)})`` for each notebook of alternatives: the k-th notebook of a
    section holds the k-th alternative of every exercise that has one."""
    params = []
    for section in course.sections():
        code = {function: list(entries.items()) for function, entries in _zoo(section).ALTERNATIVES.items()
                if not _is_discovery(section, function)}
        for k in range(max(map(len, code.values()), default=0)):
            chosen = {function: entries[k] for function, entries in code.items() if k < len(entries)}
            params.append(pytest.param(section, chosen, id=f"{section.name}-{k + 1}"))
    return params


@pytest.mark.parametrize("section, alternatives", _alternative_notebooks())
def test_alternatives_are_accepted(submission, section, alternatives):
    """Graded in this process by the engine of ``python -m autograder grade`` (its student's process
    forked from this worker's fork server, which stays warm from one notebook to the next)."""
    grade = grade_notebook(submission(section, {function: answer for function, (_, answer) in alternatives.items()}))
    failed = {e.name: e.message for e in grade.exercises if not e.passed and not e.manual}
    names = {f"test_{function}": name for function, (name, _) in alternatives.items()}
    assert not failed, "\n".join(f"{test} (alternative {names.get(test, 'none: the reference')}): {message}"
                                   for test, message in failed.items())
    assert grade.score == grade.max_score
