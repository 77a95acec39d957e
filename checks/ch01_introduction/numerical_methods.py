"""Checks of section 1.1, numerical methods.

Besides comparing with ``solutions`` on seeded inputs, the checks test facts that need
no reference: an Euler step of dx/dt = t uses the slope at the start of the step; one RK4
step integrates a cubic in t exactly (it reduces to Simpson's rule) and equals the Taylor
polynomial of e^{−Δt} on dx/dt = −x; ``simulate`` calls the step it is given once per
interval of the grid with that interval's length; the zero-order-hold update of a perfect
integrator is Δt·B, and two steps of Δt equal one of 2Δt.

The student's functions receive the check's ``f`` and ``step`` as functions; under
isolated grading they run in the grader, and a function the student's code passes back
to them arrives as a description, so the check's ``step`` uses its own ``f``.
"""

import contextlib

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, describe_call
from solutions.ch01_introduction import numerical_methods as ref

# One step of a formula that is algebraically the reference's differs from it by a few ulps of the
# state (values of order 1–10 here): 1e-12 leaves three orders of magnitude for the order of operations.
STEP_TOL = 1e-12
SWAP_HINT = "call f(x, t): the state first, then the time (not f(t, x) as scipy.integrate.solve_ivp does)."


@contextlib.contextmanager
def _hint_if_raised(hint):
    """Add ``hint`` to the message when the student's function raised an exception (not for other failures,
    such as an in-place update, whose message says what to do)."""
    try:
        yield
    except AssertionError as error:
        if " raised " not in str(error) or "Hint:" in str(error):
            raise
        raise AssertionError(f"{error}\nHint: {hint}") from None


_ROTATION = np.array([[-0.5, 2.0, 0.0], [-2.0, -0.5, 0.0], [0.3, 0.0, -1.0]])


def _linear(x, t):
    """A damped rotation driven by a time-dependent input; x of shape (3,)."""
    return _ROTATION @ x + np.array([np.sin(t), 0.0, np.cos(2.0 * t)])


def _elementwise(x, t):
    """A nonlinear, time-dependent field acting on every element; x of any shape."""
    return -x**3 + x * np.cos(t) + 0.5 * t


def _cases(rng):
    """(what, f, x, t, dt) on which a step is compared with the reference."""
    return [
        ("f(x, t) = A x + input(t), x of shape (3,)", _linear, rng.uniform(-2, 2, 3), 0.7, 0.1),
        ("f(x, t) = -x³ + x cos t + t/2, x of shape (4, 5)", _elementwise, rng.uniform(-1, 1, (4, 5)), 1.3, 0.05),
        ("f(x, t) = -x³ + x cos t + t/2, x a float", _elementwise, 0.8, 2.0, 0.2),
    ]


def euler_step(student_euler_step):
    """Check ``euler_step(f, x, t, dt)`` against x + dt·f(x, t) on vector, matrix and scalar states."""
    rng = np.random.default_rng(11)
    for what, f, x, t, dt in _cases(rng):
        call_text = f"euler_step for {what}, t={t}, dt={dt}"
        with _hint_if_raised("if the error comes from f: " + SWAP_HINT):
            result = call(student_euler_step, f, x, t, dt)
        expected = ref.euler_step(f, x, t, dt)
        mistakes = {
            "your step ignores dt: the Euler step is x + dt·f(x, t).": x + f(x, t),
            "return the new state x + dt·f(x, t), not only the increment dt·f(x, t).": dt * f(x, t),
            "Euler uses the slope at the start of the step: f(x, t), not f(x, t + dt).": x + dt * f(x, t + dt),
            "the step is explicit: evaluate f at the old state x.": x + dt * f(x + dt * f(x, t), t),
        }
        if f is _elementwise:
            mistakes[SWAP_HINT] = x + dt * f(t, x)
        assert_close(result, expected, call_text, atol=STEP_TOL, rtol=STEP_TOL, mistakes=mistakes,
                     hint="the Euler step is x + dt·f(x, t).")


def _rk(f, x, t, dt, half=0.5, stage_time=0.5, third=None, last=1.0, weights=(1, 2, 2, 1), scale=1.0):
    """An RK4 step with the slips of ``rk4_step``'s mistakes switched in by its keywords."""
    k1 = f(x, t)
    k2 = f(x + half * dt * k1, t + stage_time * dt)
    k3 = f(x + half * dt * (k1 if third == "k1" else k2), t + stage_time * dt)
    k4 = f(x + last * dt * k3, t + dt)
    return x + scale * dt * (weights[0] * k1 + weights[1] * k2 + weights[2] * k3 + weights[3] * k4) / sum(weights)


def rk4_step(student_rk4_step):
    """Check ``rk4_step(f, x, t, dt)`` against the reference, then two facts: exactness on a cubic in t
    and the Taylor polynomial of e^{−Δt} on dx/dt = −x."""
    rng = np.random.default_rng(12)
    for what, f, x, t, dt in _cases(rng):
        call_text = f"rk4_step for {what}, t={t}, dt={dt}"
        with _hint_if_raised("if the error comes from f: " + SWAP_HINT):
            result = call(student_rk4_step, f, x, t, dt)
        expected = ref.rk4_step(f, x, t, dt)
        mistakes = {
            "the middle stages take half steps: k₂ = f(x + dt·k₁/2, t + dt/2), and k₃ likewise with k₂.":
                _rk(f, x, t, dt, half=1.0, stage_time=1.0),
            "the middle stages are evaluated at the midpoint in time, t + dt/2.": _rk(f, x, t, dt, stage_time=0.0),
            "k₃ starts from x + dt·k₂/2, with the slope k₂ of the second stage.": _rk(f, x, t, dt, third="k1"),
            "the last stage takes a full step: k₄ = f(x + dt·k₃, t + dt).": _rk(f, x, t, dt, last=0.5),
            "the weights of k₁, k₂, k₃, k₄ are 1, 2, 2, 1, divided by 6.": _rk(f, x, t, dt, weights=(1, 1, 1, 1)),
            "the update is x + dt·(k₁ + 2k₂ + 2k₃ + k₄)/6: multiply by dt.": _rk(f, x, t, dt, scale=1.0 / dt),
        }
        if f is _elementwise:
            mistakes[SWAP_HINT] = ref.rk4_step(lambda y, s: f(s, y), x, t, dt)
        assert_close(result, expected, call_text, atol=STEP_TOL, rtol=STEP_TOL, mistakes=mistakes,
                     hint="compare your four stages with the formulas in the docstring.")
    # RK4 reduces to Simpson's rule when f does not depend on x, which is exact for cubics.
    t, dt = 0.5, 0.4
    exact = ((t + dt) ** 4 - t**4) / 4 - ((t + dt) ** 2 - t**2)
    value = as_array(call(student_rk4_step, lambda x, s: s**3 - 2 * s, np.zeros(2), t, dt),
                     "rk4_step for dx/dt = t³ − 2t", shape=(2,))
    assert_close(value, np.full(2, exact), f"rk4_step for dx/dt = t³ − 2t from x = 0, t={t}, dt={dt}",
                 atol=STEP_TOL, hint="RK4 integrates a cubic in t exactly: check the times of the stages.")
    # On dx/dt = −x one RK4 step multiplies by the Taylor polynomial of e^{−Δt} through Δt⁴.
    dt = 0.3
    taylor = sum((-dt) ** k / np.prod(np.arange(1, k + 1)) for k in range(5))
    value = as_array(call(student_rk4_step, lambda x, s: -x, 1.0, 0.0, dt), "rk4_step for dx/dt = -x", shape=())
    assert_close(value, taylor, f"rk4_step for dx/dt = -x from x = 1, dt={dt}", atol=STEP_TOL,
                 hint="on dx/dt = -x one RK4 step is 1 − Δt + Δt²/2 − Δt³/6 + Δt⁴/24.")


def _recording_step(method, f, calls):
    """A one-step method that records the time and step length of every call (it uses the check's ``f``:
    under isolation the student's code hands back only a description of it)."""
    def step(_f, x, t, dt):
        calls.append((float(np.asarray(t)), float(np.asarray(dt))))
        return method(f, np.asarray(x, dtype=float), t, dt)
    return step


def simulate(student_simulate):
    """Check ``simulate(step, f, x0, t)`` on a non-uniform grid: which steps it takes, and its rows."""
    rng = np.random.default_rng(13)
    t = 0.3 + np.concatenate([[0.0], np.cumsum(rng.uniform(0.05, 0.15, 29))])  # 30 times, starting at 0.3
    intervals = np.diff(t)
    for method, x0, f in ((ref.rk4_step, rng.uniform(-2, 2, 3), _linear), (ref.euler_step, 0.6, _elementwise)):
        calls = []
        what = f"simulate({method.__name__}, f, x0 of shape {np.shape(x0)}, t of shape {t.shape})"
        with _hint_if_raised("x0 may be an array: row k of the result holds a state of the shape of x0, "
                             "np.empty((len(t),) + np.shape(x0)) holds them all."):
            result = call(student_simulate, _recording_step(method, f, calls), f, x0, t)
        recorded = np.array(calls).reshape(-1, 2)
        if len(recorded) == 0:
            raise AssertionError(f"{what} never called the step function it was given.\nHint: advance the state "
                                 "with x[k + 1] = step(f, x[k], t[k], t[k + 1] - t[k]).")
        if len(recorded) != len(intervals):
            raise AssertionError(
                f"{what} called step {len(recorded)} times; a grid of {len(t)} times has {len(intervals)} "
                f"intervals, one step each.\nHint: row 0 is x0, so there are len(t) − 1 steps.")
        assert_close(recorded[:, 1], intervals, f"the dt that {what} passed to step, call by call", atol=1e-12,
                     mistakes={"the grid is not uniform: take dt = t[k + 1] − t[k] for each step.":
                               np.full_like(intervals, intervals[0]),
                               "step is called as step(f, x, t, dt): time before step length.": t[:-1]})
        assert_close(recorded[:, 0], t[:-1], f"the time that {what} passed to step, call by call", atol=1e-12,
                     mistakes={"the step from row k to row k + 1 starts at t[k], not t[k + 1].": t[1:],
                               "use the times of the grid, which starts at t[0], not at 0.": t[:-1] - t[0],
                               "step is called as step(f, x, t, dt): time before step length.": intervals})
        expected = ref.simulate(lambda g, x, s, dt: method(f, x, s, dt), f, x0, t)
        shifted = np.concatenate([expected[1:], method(f, expected[-1], t[-1], intervals[-1])[None]])
        assert_close(result, expected, what, atol=1e-10, rtol=1e-10,
                     mistakes={"row 0 is x0 at t[0]; row k + 1 is one step from row k.": shifted},
                     hint="row k + 1 must be the value step returned for row k.")
    # Whatever the step does, simulate returns what it returns: here x advances by exactly dt.
    t = np.array([0.0, 0.25, 0.75, 1.0, 2.0])
    result = call(student_simulate, lambda f, x, s, dt: x + dt, _elementwise, np.array([1.0, -1.0]), t)
    assert_close(result, np.array([1.0, -1.0]) + t[:, None], "simulate with a step that returns x + dt, on "
                 f"t = {t.tolist()}", atol=1e-12, hint="simulate must use the step function it is given.")


def _random_system(rng, n, m):
    """A stable, invertible A (eigenvalues with negative real parts) and a B, in 1/ms."""
    A = rng.normal(0, 0.3, (n, n)) - 0.5 * np.eye(n)
    return A, rng.normal(0, 1, (n, m))


def zoh_discretize(student_zoh):
    """Check ``zoh_discretize(A, B, dt)`` on the membrane–synapse system, a random system and two singular
    ones (a perfect integrator without and with a synaptic current)."""
    rng = np.random.default_rng(14)
    A_rand, B_rand = _random_system(rng, 3, 2)
    perfect = np.array([[0.0, 1.0 / ref.C_M], [0.0, -1.0 / ref.TAU_S]])  # no leak: A is singular
    cases = [("the membrane–synapse system (A_SYN, B_SYN)", ref.A_SYN, ref.B_SYN, 0.1),
             ("the membrane–synapse system (A_SYN, B_SYN)", ref.A_SYN, ref.B_SYN, 8.0),
             ("a random stable A of shape (3, 3) and B of shape (3, 2)", A_rand, B_rand, 0.5),
             ("a perfect integrator with a synaptic current (singular A)", perfect, ref.B_SYN, 2.0),
             ("A = [[0]], B = [[3]]", np.zeros((1, 1)), np.array([[3.0]]), 0.5)]
    singular = ("A may be singular (a perfect integrator has no leak): compute B_d from the matrix exponential "
                "of the block matrix [[A, B], [0, 0]]·dt, whose top row is [A_d, B_d]; it needs no inverse of A.")
    for what, A, B, dt in cases:
        call_text = describe_call(student_zoh, (A, B, dt), {}) + f" for {what}"
        with _hint_if_raised(singular if np.linalg.matrix_rank(A) < len(A) else
                             "use scipy.linalg.expm for the matrix exponential."):
            A_d, B_d = call(student_zoh, A, B, dt, returns=("A_d", "B_d"))
        expected_A, expected_B = ref.zoh_discretize(A, B, dt)
        identity = np.eye(len(A))
        # expm is accurate to ~1e-15 relative; the A⁻¹(e^{AΔt} − I)B formula loses a few digits to the
        # cancellation in e^{AΔt} − I (at dt = 0.1, e^{-0.005} − 1 loses three): 1e-9 leaves a margin.
        with np.errstate(all="ignore"):
            A_d_mistakes = {
                "e^{AΔt} is the matrix exponential (scipy.linalg.expm), not the exponential of each entry.":
                    np.exp(A * dt),
                "I + AΔt is Euler's first-order approximation; the exact step is the matrix exponential e^{AΔt}.":
                    identity + A * dt,
            }
        assert_close(A_d, expected_A, f"A_d returned by {call_text}", atol=1e-12, rtol=1e-9, mistakes=A_d_mistakes)
        B_d_mistakes = {
            "ΔtB is Euler's approximation: the input is integrated over the step, B_d = ∫₀^Δt e^{As} ds B.": dt * B,
            "the input is integrated over the step: B_d = ∫₀^Δt e^{As} ds B, not Δt·e^{AΔt}B.": dt * expected_A @ B,
            "B_d = A⁻¹(e^{AΔt} − I)B: don't forget A⁻¹.": (expected_A - identity) @ B,
        }
        assert_close(B_d, expected_B, f"B_d returned by {call_text}", atol=1e-12, rtol=1e-9, mistakes=B_d_mistakes,
                     hint="B_d = ∫₀^Δt e^{As} ds B (= A⁻¹(e^{AΔt} − I)B for an invertible A).")


# The stability limit of Euler on the membrane–synapse system: the synaptic mode is multiplied by
# 1 − Δt/τ_s each step and decays only while Δt < 2τ_s = 10 ms, where Euler is exactly neutral. A scan at the
# 0.1 ms the question asks for finds 9.9 (strict decay; the reference), 10.0 (floating-point rounding of a grid
# value, or the analytic bound) or 10.1 (reading the first growing step as the limit): 10.0 ± 0.15 accepts
# these and rejects every mistake below, the nearest of which is 5 ms.
euler_max_dt = Discovery(
    10.0, 0.15, "euler_max_dt, the largest Euler step at which the membrane–synapse state decays", unit="ms",
    mistakes={"start from the state the question gives: with I_s = 0 the synaptic current stays 0, and only the "
              "membrane's slower decay limits the step": 40.0,
              "the question asks for decay, not for a step below a time constant": 20.0,
              "at this step the synaptic current starts to change sign every step, but its magnitude still "
              "decays: keep scanning": 5.0,
              "the answer is in ms": 0.01})

# The measured order of RK4 on the question's grid: the least-squares slope through all five points is 4.054
# (the coarsest steps are slightly pre-asymptotic, so it is not the integer of the textbook). The fit is
# deterministic: correct implementations differ by round-off (errors of 1e-11 known to 1e-20), any base of
# logarithm on both axes gives the same slope, and the maximum error over the run instead of the final one gives
# 4.054 too. 4.054 ± 0.015 accepts these, rounded to the two decimals asked for, and rejects the integer order
# (4), a fit through the two finest steps only (4.015), Euler's slope (1.01), a slope against the number of steps
# (−4.05), one of log10(error) against ln(Δt) (1.76) and the one-step error's (5).
rk4_order = Discovery(
    4.054, 0.015, "rk4_order, the slope of ln(error) against ln(Δt) for RK4",
    mistakes={"fit the five points of Figure 2 and report the measured slope to two decimals, not the integer "
              "order of the textbook": 4.0,
              "fit a line through all five steps of Figure 2, not only the two finest": 4.015,
              "fit ln(error) against ln(Δt), not against the number of steps": -4.054,
              "this is the slope of Euler's errors": 1.01,
              "use the same logarithm on both axes": 4.054 / np.log(10),
              "measure the global error at t = 2, after all the steps, not the error of a single step": 5.0})
