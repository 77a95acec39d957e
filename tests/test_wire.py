"""The data that crosses between the grader and a student's process
(:mod:`autograder.engine.wire`): what a student's function returns arrives
as plain numbers and arrays, never as objects that could lie, and malformed
messages are refused."""

import base64

import numpy as np
import pytest

from autograder.engine import sandbox
from autograder.engine.limits import Limits
from autograder.engine.wire import Opaque, decode, encode


class Liar(float):
    """A float that says it equals anything."""

    def __eq__(self, other):
        return True

    __lt__ = __le__ = __gt__ = __ge__ = __eq__

    def __abs__(self):
        return Liar(0.0)


@pytest.mark.parametrize("value", [
    None, True, 3, -2.5, float("nan"), float("inf"), "text", 1 + 2j, [1, 2.0], (1, (2, 3)), {"a": [1], 2: "b"},
    np.arange(6.0).reshape(2, 3), np.array([True, False]), np.float32(1.5), np.int64(7), np.zeros((0, 3)),
    np.array(["a", "bc"]), np.array([["a", "b"], ["c", "d"]]), np.array([1, 2], dtype=">i4"),
])
def test_values_arrive_unchanged(value):
    arrived = decode(encode(value))
    assert type(arrived) is type(value) or isinstance(value, np.generic) and isinstance(arrived, np.generic)
    if isinstance(value, np.ndarray):
        assert arrived.dtype == value.dtype and arrived.shape == value.shape
    np.testing.assert_equal(arrived, value)


def test_deeply_nested_values_are_refused():
    nested = 1
    for _ in range(40):
        nested = [nested]
    with pytest.raises(ValueError, match="nested"):
        decode(nested)


def test_a_float_subclass_arrives_as_a_plain_float():
    arrived = decode(encode([Liar(-1.0), np.array([Liar(2.0)], dtype=object)]))
    assert type(arrived[0]) is float and arrived[0] == -1.0 and not arrived[0] == 5.0
    assert type(arrived[1][0]) is float and arrived[1][0] == 2.0


def test_objects_arrive_as_opaque_descriptions_named_after_their_type():
    arrived = decode(encode(lambda x: x))
    assert isinstance(arrived, Opaque) and type(arrived).__name__ == "function"


def test_a_generator_arrives_with_its_state():
    rng = np.random.default_rng(5)
    copy = decode(encode(rng))
    assert copy is not rng and copy.random() == rng.random()


@pytest.mark.parametrize("message", [
    {"t": "array", "dtype": "<f8", "shape": [3], "data": base64.b64encode(b"12345678").decode()},  # too short
    {"t": "array", "dtype": "|O", "shape": [1], "data": ""},  # objects may not cross as bytes
    {"t": "array", "dtype": "<f8", "shape": [-1], "data": ""},
    {"t": "array", "dtype": "<f8", "shape": [1], "data": "not base64!"},
    {"t": "generator", "state": {"bit_generator": "os.system"}},
    {"t": "callback", "id": 0},  # only the grader hands out callbacks
    {"t": "unknown"},
])
def test_malformed_messages_are_refused(message):
    with pytest.raises((ValueError, KeyError, TypeError)):
        decode(message)


@pytest.fixture(scope="module")
def session():
    with sandbox.Session(Limits(cell=10, check=10)) as session:
        session.run("import numpy as np\n"
                    "def scale(x, factor):\n    x *= factor\n    return x.sum()\n"
                    "def apply(f, x):\n    return f(x) + 1\n"
                    "def draw(rng):\n    return rng.random()\n"
                    "def fail():\n    raise ValueError('no')\n")
        yield session


def test_a_function_that_changes_its_argument_changes_the_checks_array(session):
    x = np.ones(3)
    assert sandbox.StudentFunction(session.calls, "scale")(x, 2.0) == 6.0
    np.testing.assert_array_equal(x, [2.0, 2.0, 2.0])  # as if it had run here


def test_a_function_the_check_passes_runs_in_the_grader(session):
    calls = []

    def reference(x):
        calls.append(x)
        return 2 * x

    assert sandbox.StudentFunction(session.calls, "apply")(reference, 5.0) == 11.0
    assert calls == [5.0]


def test_a_generator_advances_as_if_the_function_ran_here(session):
    rng, twin = np.random.default_rng(3), np.random.default_rng(3)
    assert sandbox.StudentFunction(session.calls, "draw")(rng) == twin.random()
    assert rng.random() == twin.random()


def test_an_exception_keeps_its_class_name(session):
    with pytest.raises(sandbox.StudentException, match="no") as raised:
        sandbox.StudentFunction(session.calls, "fail")()
    assert type(raised.value).__name__ == "ValueError"
