"""The hidden checks pass every reference implementation, and every test cell
of the source notebooks calls a check that exists. (Their speed is measured by
``benchmarks/check_times.py``, not asserted here.)"""

import importlib

import pytest

from autograder import authoring, course
from autograder.checking import Discovery
from autograder.engine.notebook import autograded_cells, grade_id, read

EXERCISES = [
    pytest.param(section, grade_id(cell).removeprefix("test_"), id=f"{section}:{grade_id(cell)}")
    for section in course.sections()
    for cell in autograded_cells(read(course.source_notebook(section)))
]


def _checks(section):
    return importlib.import_module(course.Section(section).checks_module)


@pytest.mark.parametrize("section, function", EXERCISES)
def test_reference_passes_its_check(section, function):
    """A function's check accepts the reference function; a discovery answer's accepts what the
    reference module's function of its name finds with the reference functions."""
    check, reference = getattr(_checks(section), function), getattr(authoring.reference_module(section), function)
    check(reference() if isinstance(check, Discovery) else reference)


@pytest.mark.parametrize("section, function", EXERCISES)
def test_hidden_cell_calls_its_check(section, function):
    notebook = read(course.source_notebook(section))
    cell = next(c for c in autograded_cells(notebook) if grade_id(c) == f"test_{function}")
    assert f"from checks.{section.chapter} import {section.name} as checks" in cell.source
    assert f"checks.{function}({function})" in cell.source
    assert "### BEGIN HIDDEN TESTS" in cell.source and "### END HIDDEN TESTS" in cell.source


def test_stub_is_rejected_with_a_clear_message():
    from checks.ch02_neuron_models import leaky_integrate_and_fire as checks

    def lif_step(v, refractory_left, i_ext, dt):
        raise NotImplementedError()

    with pytest.raises(AssertionError, match="not implemented yet"):
        checks.lif_step(lif_step)


def test_a_stub_gets_no_hint_meant_for_a_mistake():
    from autograder import checking

    def normalize_incoming(w):
        raise NotImplementedError()

    with pytest.raises(AssertionError) as raised, checking.hint_on_failure("divide each row by its sum"):
        checking.call(normalize_incoming, 1.0)
    assert "not implemented yet" in str(raised.value) and "Hint" not in str(raised.value)
