"""Building blocks of the hidden checks.

A check calls the student's function through :func:`call`, converts what came
back with :func:`as_array` or :func:`unpack`, and compares it with
:func:`assert_close`, passing the known mistakes of the exercise so that the
message can name the one the student made. Every failure is an
``AssertionError`` whose message says which input, what was expected, what came
back and, where it recognises the mistake, a hint.
"""

import contextlib
import numbers
import re
import warnings
from dataclasses import dataclass, field

import numpy as np

# The rules that ``call`` and ``assert_reproducible`` enforce, stated in the docstring of every exercise they apply
# to (tests/test_checks.py holds the docstrings to these exact sentences, so the two cannot drift apart).
RULE_INPUTS = "The input arrays must stay unchanged (no in-place updates)."
RULE_RNG = "Every random number is drawn from ``rng``, none from ``np.random``."


def _describe(value):
    """A short text for an input value in a failure message."""
    if isinstance(value, np.ndarray) and value.size > 4:
        return f"array of shape {value.shape}"
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=6, separator=", ")
    if isinstance(value, float):
        return f"{value:.6g}"
    return repr(value)


def _value(x):
    """A scalar for a failure message: ``True``, ``3`` or ``-59.9694``."""
    x = x.item() if isinstance(x, np.generic) else x
    return f"{x:.10g}" if isinstance(x, float) else repr(x)


def describe_call(fn, args, kwargs):
    """``name(arg, …, key=value)`` with short texts for the arguments."""
    parts = [_describe(a) for a in args] + [f"{k}={_describe(v)}" for k, v in kwargs.items()]
    return f"{getattr(fn, '__name__', 'function')}({', '.join(parts)})"


class NotImplementedYet(AssertionError):
    """The failure of a check whose function still raises ``NotImplementedError``."""


def call(fn, *args, returns=None, **kwargs):
    """Call a student's function and check that it left its inputs alone.

    Warnings raised inside the function are silenced (nbgrader would otherwise
    fail the test cell for writing to stderr).

    Parameters
    ----------
    fn : callable
        The student's function.
    *args, **kwargs
        Its arguments.
    returns : sequence of str, optional
        The names of the values the function must return as a tuple; the
        result is then checked to be a sequence of that length.

    Raises
    ------
    AssertionError
        When the function raises, or modifies one of its array arguments.
    """
    copies = [a.tobytes() if isinstance(a, np.ndarray) else None for a in args]  # cheaper than np.copy and compare
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            result = fn(*args, **kwargs)
    except NotImplementedError:
        raise NotImplementedYet(
            f"{getattr(fn, '__name__', 'function')} is not implemented yet "
            "(it still raises NotImplementedError)."
        ) from None
    except Exception as error:  # the student's error becomes the check's message
        raise AssertionError(
            f"{describe_call(fn, args, kwargs)} raised {type(error).__name__}: {error}"
        ) from None
    for position, (arg, original) in enumerate(zip(args, copies)):
        if original is not None and arg.tobytes() != original:
            raise AssertionError(
                f"{getattr(fn, '__name__', 'function')} modified its argument number "
                f"{position + 1} in place. {RULE_INPUTS}"
            )
    return result if returns is None else _unpack(result, returns, lambda: describe_call(fn, args, kwargs))


def _unpack(result, names, what):
    """Check that ``result`` is a sequence of ``len(names)`` values and return it.

    Parameters
    ----------
    result : object
        What the student's function returned.
    names : sequence of str
        The names of the expected values, for the message.
    what : callable
        Gives the call that produced it, for the message (formatting the
        arguments costs more than the call itself, so only on failure).
    """
    if not isinstance(result, (tuple, list)) or len(result) != len(names):
        raise AssertionError(
            f"{what()} must return {len(names)} values ({', '.join(names)}), "
            f"got {_describe(result) if not isinstance(result, (tuple, list)) else f'{len(result)} values'}."
        )
    return tuple(result)


def as_array(value, what, shape=None, dtype=float, nonfinite_hint=None):
    """Convert a returned value to an array, checking its type, shape and values.

    Parameters
    ----------
    value : object
        What the student's function returned.
    what : str
        What the value is, for the message (``"v returned by lif_step(…)"``).
    shape : tuple of int, optional
        The required shape; scalars are accepted for shape ``()``.
    dtype : type, default float
        ``float`` requires finite numbers, ``bool`` requires booleans.
    nonfinite_hint : str, optional
        Added to the message when a value is nan or infinite.
    """
    try:
        array = np.asarray(value)
        if np.iscomplexobj(array):
            raise AssertionError(f"{what} must be real, got the complex {_value(array.flat[0])}; "
                                 "take .real of a root whose imaginary part is 0.")
        if dtype is float:
            array = array.astype(float)
    except (TypeError, ValueError):
        raise AssertionError(f"{what} must be numeric, got {type(value).__name__}.") from None
    if shape is not None and array.shape != tuple(shape):
        raise AssertionError(f"{what} has shape {array.shape}, expected {tuple(shape)}.")
    if dtype is bool and array.dtype != bool:
        raise AssertionError(f"{what} must be an array of booleans, got dtype {array.dtype}.")
    if dtype is float and not np.all(np.isfinite(array)):
        bad = np.argwhere(~np.isfinite(array))[0]
        message = f"{what} contains {_value(array[tuple(bad)])} at index {tuple(int(i) for i in bad)}."
        raise AssertionError(message + (f"\nHint: {nonfinite_hint}" if nonfinite_hint else ""))
    return array


def diagnose(actual, mistakes, atol, rtol=0.0):
    """The hint of the first known mistake whose output matches ``actual``.

    Parameters
    ----------
    actual : ndarray
        The student's output.
    mistakes : dict of str to array_like
        Maps a hint to what an implementation with that mistake returns.
    atol, rtol : float
        Tolerances of the match.

    Returns
    -------
    str or None
    """
    for hint, wrong in mistakes.items():
        with np.errstate(all="ignore"):
            if np.shape(wrong) == np.shape(actual) and np.allclose(actual, wrong, rtol=rtol, atol=atol):
                return hint
    return None


def assert_close(actual, expected, what, *, atol, rtol=0.0, mistakes=None, hint=None):
    """Assert that a returned value matches the expected one.

    Parameters
    ----------
    actual : object
        The student's value; converted with :func:`as_array`, which checks its
        shape against ``expected``.
    expected : array_like
        The reference value.
    what : str
        What the value is and on which input, for the message.
    atol, rtol : float
        Absolute and relative tolerance (``numpy.allclose`` semantics).
    mistakes : dict of str to array_like, optional
        Known mistakes and their outputs; a matching one becomes the hint.
    hint : str, optional
        A hint shown when no known mistake matches.
    """
    expected = np.asarray(expected)
    actual = as_array(actual, what, shape=expected.shape, dtype=bool if expected.dtype == bool else float)
    if expected.dtype == bool:
        wrong = actual != expected
    else:
        wrong = ~np.isclose(actual, expected, rtol=rtol, atol=atol)
    if not np.any(wrong):
        return actual
    index = tuple(int(i) for i in np.argwhere(wrong)[0])
    where = f" at index {index[0] if len(index) == 1 else index}" if index else ""
    message = (
        f"{what} is wrong{where}: expected {_value(expected[index])}, got {_value(actual[index])}"
        f" ({np.count_nonzero(wrong)} of {wrong.size} values differ)."
    )
    found = diagnose(actual, mistakes or {}, atol=atol, rtol=rtol) or hint
    if found:
        message += f"\nHint: {found}"
    error = AssertionError(message)
    error.evidence = evidence(what, expected, actual, index)
    raise error


EVIDENCE_POINTS = 400  # values kept per curve of a failure's evidence, enough to plot it


def evidence(what, expected, actual, index):
    """What a failed comparison shows: the reference's and the student's values, thinned for plotting.

    Parameters
    ----------
    what : str
        The value and its input, as in the message.
    expected, actual : ndarray
        Reference and student values of the same shape.
    index : tuple of int
        The first index where they differ.

    Returns
    -------
    dict
        ``what``, ``index``, ``step`` (the stride kept along the first axis), ``columns`` (the
        columns kept of a 2-D value: the up to four that differ most) and ``expected`` and
        ``actual`` as nested lists, with at most ``EVIDENCE_POINTS`` rows.
    """
    expected, actual = (np.asarray(a, dtype=float) for a in (expected, actual))
    if expected.ndim > 2:
        expected, actual = expected.reshape(len(expected), -1), actual.reshape(len(actual), -1)
    columns = None
    if expected.ndim == 2:
        difference = np.nan_to_num(np.abs(expected - actual), nan=np.inf).max(axis=0)
        columns = sorted(int(c) for c in np.argsort(-difference, kind="stable")[:4])
        expected, actual = expected[:, columns], actual[:, columns]
    step = max(1, -(-len(expected) // EVIDENCE_POINTS)) if expected.ndim else 1
    return {"what": what, "index": list(index), "step": step, "columns": columns,
            "expected": expected[::step].tolist() if expected.ndim else expected.item(),
            "actual": actual[::step].tolist() if actual.ndim else actual.item()}


def assert_statistic(value, expected, tolerance, what, hint=None):
    """Assert that a sample statistic lies within ``tolerance`` of its expected value.

    Parameters
    ----------
    value, expected : float
        The statistic of the student's samples and its theoretical value.
    tolerance : float
        Allowed absolute deviation; argue it from the statistic's standard error
        (six or more standard errors make a false rejection rarer than 1e-8).
    what : str
        What the statistic is, for the message.
    hint : str, optional
        Added to the message.
    """
    if not abs(value - expected) <= tolerance:
        message = f"{what} is {value:.4g}, expected {expected:.4g} ± {tolerance:.2g}."
        raise AssertionError(message + (f"\nHint: {hint}" if hint else ""))


def _equal(a, b):
    """Whether two outputs (arrays, or lists and tuples of them) are equal."""
    if isinstance(a, (list, tuple)):
        return isinstance(b, (list, tuple)) and len(a) == len(b) and all(map(_equal, a, b))
    return np.array_equal(a, b, equal_nan=True)


def assert_reproducible(generate, what):
    """Assert that a random function draws only from the generator it is given.

    Parameters
    ----------
    generate : callable
        Maps a ``numpy.random.Generator`` to the student's output (an array, a
        tuple or list of arrays).
    what : str
        The call, for the message.
    """
    if not _equal(generate(np.random.default_rng(1)), generate(np.random.default_rng(1))):
        raise AssertionError(f"{what} gave different results for two generators with the same seed.\n"
                             f"Hint: {RULE_RNG} (rng.standard_normal, rng.random, …)")


def random_coupling(rng, n, low, high, p_link):
    """A random symmetric conductance matrix with zero diagonal and some pairs unconnected.

    Parameters
    ----------
    rng : numpy.random.Generator
        The check's generator.
    n : int
        Number of neurons or compartments.
    low, high : float
        Range of the conductances of connected pairs (e.g. nS).
    p_link : float
        Probability that a pair is connected.

    Returns
    -------
    ndarray, shape (n, n)
    """
    g = np.triu(rng.uniform(low, high, (n, n)) * (rng.random((n, n)) < p_link), 1)
    return g + g.T


@contextlib.contextmanager
def hint_on_failure(hint):
    """Add ``hint`` to the message of a check that fails inside this block, unless
    the message already has one (for failures a mistakes table cannot name, such as
    an exception or a non-finite result)."""
    try:
        yield
    except AssertionError as error:
        if "Hint:" in str(error) or isinstance(error, NotImplementedYet):  # a stub needs no hint on mistakes
            raise
        hinted = AssertionError(f"{error}\nHint: {hint}")
        hinted.evidence = getattr(error, "evidence", None)
        raise hinted from None


NUMBER = re.compile(r"(?<![\w.])[-−]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?!\d|\.\d)")


def stated_numbers(text, unit):
    """The numbers ``text`` states in ``unit``: every number followed by it, with the numbers of a
    range or list before it ("between 6.2 and 6.3 µA/cm²", "40–60 Hz"); every number for no unit."""
    if not unit:
        return {_float(match) for match in NUMBER.findall(text)}
    run = rf"{NUMBER.pattern}(?:\s*(?:and|to|or|–|-|,)\s*{NUMBER.pattern})*\s*{re.escape(unit)}"
    return {_float(number) for match in re.finditer(run, text) for number in NUMBER.findall(match.group())}


def _float(number):
    return float(number.replace("−", "-"))


@dataclass(frozen=True)
class Discovery:
    """The check of a discovery answer: a number the student finds with their own functions
    (an onset current, a ratio, a trial) and assigns to a variable of the notebook.

    A checks module defines one per answer, named like the variable, and the hidden test
    calls it on the student's value: ``checks.onset_current(onset_current)``. The message of a
    wrong answer says whether it is too high or too low, and names a recognised mistake, but
    never gives the answer away.

    Parameters
    ----------
    expected : float
        The answer, as the reference functions find it (the reference module's function of
        the same name computes it; tests/test_checks.py holds the two together).
    tolerance : float
        Accepted absolute deviation, argued from how sensitive the answer is (the step of the
        search the question asks for, the spread over correct ways of finding it).
    what : str
        What the answer is, with its unit, for the message.
    unit : str, optional
        The answer's unit as the notebook writes it (``"µA/cm²"``, ``"Hz"``); empty for a
        dimensionless answer. :meth:`stated_in` looks for the answer in a text among the numbers
        followed by this unit (every number, for a dimensionless answer).
    mistakes : dict of str to float, optional
        Hints of known mistakes and the answers they lead to; a wrong answer within
        ``tolerance`` of one gets its hint.
    """

    expected: float
    tolerance: float
    what: str
    unit: str = ""
    mistakes: dict = field(default_factory=dict)

    def accepts(self, number):
        """Whether ``number`` is within the tolerance of the answer."""
        return abs(number - self.expected) <= self.tolerance

    def stated_in(self, text):
        """The numbers ``text`` states in the answer's unit (:func:`stated_numbers`) that would pass as the
        answer, sorted: what a lesson's text, and the course website's pages, must never hold."""
        return sorted(x for x in stated_numbers(text, self.unit) if self.accepts(x))

    def __call__(self, value):
        if isinstance(value, np.ndarray) and value.size == 1:
            value = value.reshape(()).item()
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise AssertionError(f"{self.what} must be a number, got {_describe(value)}.")
        if not np.isfinite(value):
            raise AssertionError(f"{self.what} must be a finite number, got {value}.")
        if self.accepts(value):
            return
        side = "too high" if value > self.expected else "too low"
        message = f"{self.what}: {_value(float(value))} is {side}."
        found = next((hint for hint, wrong in self.mistakes.items() if abs(value - wrong) <= self.tolerance), None)
        raise AssertionError(message + (f"\nHint: {found}" if found else ""))
