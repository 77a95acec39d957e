"""Independent validation of the nonlinear-dynamics reference (chapter 8): solve_ivp (rtol 1e-10) for the limit
cycles, their periods and the fold of the cycle, brentq for the Hopf point, eigenvalues for the classification, and
the adjoint method for FitzHugh–Nagumo's phase response curve."""

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

from solutions.ch08_nonlinear_dynamics import nonlinear_dynamics as nd


def _fhn(t, state, i_ext):
    """FitzHugh–Nagumo written out from FitzHugh (1961) with the constants of section 2.3."""
    v, u = state
    return [nd.C * (v - v**3 / 3 - u + i_ext), v - nd.B * u + nd.A]


def _spike(t, state, i_ext):
    return state[0]


_spike.direction = 1


def _cycle(i_ext, start=nd.START_FAR, t_end=60.0):
    """Spike times and states of an accurate run (DOP853, rtol 1e-10)."""
    run = solve_ivp(_fhn, (0, t_end), start, args=(i_ext,), method="DOP853", rtol=1e-10, atol=1e-12, events=_spike)
    return run.t_events[0], run.y_events[0], run.y[:, -1]


def test_hopf_point_from_the_trace_and_the_types_around_it():
    def trace_at_fixed_point(i_ext):
        v = np.roots([1 / 3, 0.0, 1 / nd.B - 1, nd.A / nd.B - i_ext])
        v = v[np.argmin(np.abs(v.imag))].real
        return nd.C * (1 - v**2) - nd.B

    hopf = brentq(trace_at_fixed_point, 0.0, 1.0, xtol=1e-14)
    v_hopf = -np.sqrt(1 - nd.B / nd.C)
    assert hopf == pytest.approx(v_hopf**3 / 3 + (1 / nd.B - 1) * v_hopf + nd.A / nd.B, abs=1e-12)
    assert hopf == pytest.approx(0.34106, abs=1e-5)
    for i_ext, expected in ((hopf - 0.01, "stable focus"), (hopf + 0.01, "unstable focus")):
        J = nd.jacobian(lambda s: nd.fhn_field(s, i_ext), np.array([nd.fhn_fixed_point(i_ext)]))[0]
        assert nd.classify_fixed_point(J) == expected


def _type_from_eigenvalues(J):
    eigenvalues = np.linalg.eigvals(J)
    if np.all(np.isreal(eigenvalues)) and eigenvalues.real.prod() < 0:
        return "saddle"
    stability = "stable" if np.all(eigenvalues.real < 0) else "unstable"
    return f"{stability} {'node' if np.all(np.isreal(eigenvalues)) else 'focus'}"


def test_classification_agrees_with_the_eigenvalues():
    rng = np.random.default_rng(0)
    kinds = set()
    for J in rng.normal(size=(2000, 2, 2)) * rng.uniform(0.1, 5, (2000, 1, 1)):
        expected = _type_from_eigenvalues(J)
        assert nd.classify_fixed_point(J) == expected
        kinds.add(expected)
    assert kinds == set(nd.FIXED_POINT_TYPES)


def test_jacobian_and_fixed_points_against_closed_forms():
    rng = np.random.default_rng(1)
    points = rng.uniform(-2, 2, (20, 2))
    np.testing.assert_allclose(nd.jacobian(lambda s: nd.fhn_field(s, 0.7), points),
                               [nd.fhn_jacobian(v, u) for v, u in points], atol=1e-7)
    starts = np.stack(np.meshgrid(np.linspace(-2.5, 2.5, 7), np.linspace(-1.5, 2.5, 6)), axis=-1).reshape(-1, 2)
    for i_ext in (-1.0, 0.0, 0.34, 0.5, 1.5):
        field = lambda s, i=i_ext: nd.fhn_field(s, i)  # noqa: E731
        found = nd.find_fixed_points(field, lambda s: nd.jacobian(field, s), starts)
        np.testing.assert_allclose(found, [nd.fhn_fixed_point(i_ext)], atol=1e-10)
    # The theta neuron for I < 0: a saddle and a stable node at cos θ* = (1 + I)/(1 − I), eigenvalues −1 (radial) and
    # ±2√(−I) (along the circle, from d/dθ of (1 − cos θ) + (1 + cos θ) I = sin θ (1 − I)).
    angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    ring = np.column_stack([np.sin(angles), np.cos(angles)]) * 1.3
    for i_ext in (-0.05, -0.3, -0.8):
        field = lambda s, i=i_ext: nd.theta_field(s, i)  # noqa: E731
        found = nd.find_fixed_points(field, lambda s: nd.jacobian(field, s), ring)
        y = -(1 + i_ext) / (1 - i_ext)
        np.testing.assert_allclose(found, [[-np.sqrt(1 - y**2), y], [np.sqrt(1 - y**2), y]], atol=1e-9)
        for point, sign, kind in zip(found, (1, -1), ("saddle", "stable node")):
            J = nd.jacobian(field, point[None])[0]
            np.testing.assert_allclose(np.sort(np.linalg.eigvals(J).real), np.sort([-1, sign * 2 * np.sqrt(-i_ext)]),
                                       atol=1e-7)
            assert nd.classify_fixed_point(J) == kind
    field = lambda s: nd.theta_field(s, 0.01)  # noqa: E731
    assert nd.find_fixed_points(field, lambda s: nd.jacobian(field, s), ring).shape == (0, 2)


def test_periods_agree_with_solve_ivp_and_the_published_values():
    inputs = np.array([0.34, 0.35, 0.5])
    accurate = []
    for i_ext in inputs:
        times, states, _ = _cycle(i_ext)
        accurate.append(times[-1] - times[-2])
        assert times[-2] - times[-3] == pytest.approx(accurate[-1], abs=1e-8)  # converged onto the cycle
    np.testing.assert_allclose(accurate, [4.0951, 3.9405, 3.3525], atol=1e-4)
    periods, spikes = nd.limit_cycle(nd.rk4_stepper(nd.fhn_field, inputs), np.tile(nd.START_FAR, (3, 1)), nd.DT)
    np.testing.assert_allclose(periods, accurate, atol=5e-4)  # RK4 at DT = 0.03 and linear interpolation
    np.testing.assert_allclose(spikes[:, 0], 0, atol=1e-12)
    for i_ext, spike in zip(inputs, spikes):  # the spike state lies on the accurate cycle at its v = 0 upstroke
        assert spike[1] == pytest.approx(_cycle(i_ext)[1][-1][1], abs=1e-3)
    theta_inputs = np.array([0.1, 0.5, 2.0])
    periods, _ = nd.limit_cycle(nd.rk4_stepper(nd.theta_field, theta_inputs), np.tile([0.3, -0.8], (3, 1)), 0.02,
                                t_max=60.0)
    np.testing.assert_allclose(periods, np.pi / np.sqrt(theta_inputs), rtol=1e-4)


def test_bistability_below_the_hopf_point():
    i_ext = 0.34
    rest = np.array(nd.fhn_fixed_point(i_ext))
    assert np.all(np.linalg.eigvals(nd.fhn_jacobian(*rest)).real < 0)  # the fixed point is stable ...
    times, _, end = _cycle(i_ext, rest + [0.01, 0.0], t_end=300.0)
    assert len(times) == 0 and np.linalg.norm(end - rest) < 0.01  # ... and a start next to it decays
    times, _, _ = _cycle(i_ext)
    assert len(times) > 10  # ... while the cycle attracts a start far away
    periods, _ = nd.limit_cycle(nd.rk4_stepper(nd.fhn_field, i_ext), np.array([rest + [0.01, 0.0], nd.START_FAR]),
                                nd.DT)
    assert np.isnan(periods[0]) and np.isfinite(periods[1])


def test_cycle_fold_current_brackets_the_fold_found_by_continuation():
    """Continuation with solve_ivp: the state on the cycle at each input starts the next, in steps of 1e-4."""
    state = _cycle(0.3335)[2]
    last_with_cycle = None
    for i_ext in np.round(np.arange(0.3330, 0.3319, -0.0001), 4):
        times, _, end = _cycle(i_ext, state, t_end=40.0)
        if len(times) < 5 or times[-1] < 30.0:
            break
        last_with_cycle, state = i_ext, end
    assert last_with_cycle == pytest.approx(0.3324, abs=1e-9)
    answer = nd.cycle_fold_current()
    assert last_with_cycle <= answer < last_with_cycle + 0.001  # the first input of the 0.001 grid with a cycle


def _adjoint_prc(i_ext, phases, n_periods=4):
    """Input PRC by the adjoint method: dZ/dt = −Jᵀ(x(t)) Z backwards over the cycle, normalised by Z·f = 1 (time per
    unit displacement), times ∂f/∂I = (c, 0), divided by T (cycles)."""
    times, states, _ = _cycle(i_ext)
    period, spike = times[-1] - times[-2], states[-1]
    cycle = solve_ivp(_fhn, (0, period), spike, args=(i_ext,), method="DOP853", rtol=1e-12, atol=1e-13,
                      dense_output=True).sol

    def adjoint(t, z):
        v = cycle(t % period)[0]
        return -np.array([[nd.C * (1 - v**2), -nd.C], [1.0, -nd.B]]).T @ z

    z = solve_ivp(adjoint, (n_periods * period, 0), [1.0, 0.0], method="DOP853", rtol=1e-10, atol=1e-12,
                  dense_output=True, max_step=period / 200).sol
    Z = np.array([z(p * period) for p in phases])
    velocity = np.array([_fhn(0, cycle(p * period), i_ext) for p in phases])
    Z /= np.sum(Z * velocity, axis=1, keepdims=True)
    return Z[:, 0] * nd.C / period


def test_fhn_prc_agrees_with_the_adjoint_method():
    i_ext, n_phases = 0.5, 40
    phases = np.arange(n_phases) / n_phases
    adjoint = _adjoint_prc(i_ext, phases)
    periods, spikes = nd.limit_cycle(nd.rk4_stepper(nd.fhn_field, i_ext), nd.START_FAR[None], 0.005)
    _, direct = nd.phase_response_curve(nd.rk4_stepper(nd.fhn_field, i_ext), nd.pulse_direction(nd.fhn_field, i_ext),
                                        spikes[0], periods[0], n_phases, 0.005, 1e-4)
    # The direct method's errors: O(ε) nonlinearity and the time step, about 1 % of the maximum (≈ 3) here.
    assert np.max(np.abs(direct - adjoint)) < 0.03 * np.max(np.abs(adjoint))
    assert adjoint.min() < -1.0 and adjoint.max() > 2.5  # type II: both signs
    fine = np.linspace(0, 1, 2001)[:-1]
    delays = np.mean(_adjoint_prc(i_ext, fine) < 0)
    assert delays == pytest.approx(0.574, abs=2e-3)
    assert abs(nd.delay_fraction() - delays) <= 1 / nd.N_PHASES  # the 40-phase count resolves it to 1/40


def test_prc_of_the_theta_neuron_and_of_a_stuart_landau_oscillator():
    for i_ext in (0.25, 1.0, 2.0):
        phases, prc = nd.phase_response_curve(nd.rk4_stepper(nd.theta_field, i_ext),
                                              nd.pulse_direction(nd.theta_field, i_ext), np.array([0.0, 1.0]),
                                              np.pi / np.sqrt(i_ext), dt=0.01, epsilon=1e-5)
        exact = (1 - np.cos(2 * np.pi * phases)) / (2 * np.pi * np.sqrt(i_ext))
        np.testing.assert_allclose(prc, exact, atol=2e-4 * exact.max())
        assert np.all(prc > -1e-4 * exact.max())  # type I: never negative

    def stuart_landau(states, i_ext):  # dz/dt = (1 − |z|²) z + i ω z, ω = 2π/0.7: isochrons are radii
        x, y = states[..., 0], states[..., 1]
        radial, omega = 1 - x**2 - y**2, 2 * np.pi / 0.7
        return np.stack([radial * x - omega * y, radial * y + omega * x], axis=-1)

    phases, prc = nd.phase_response_curve(nd.rk4_stepper(stuart_landau, 0.0), lambda s: np.tile([1.0, 0.0], (len(s), 1)),
                                          np.array([0.0, -1.0]), 0.7, dt=0.005, epsilon=1e-5)
    np.testing.assert_allclose(prc, np.cos(2 * np.pi * phases) / (2 * np.pi), atol=2e-4)
