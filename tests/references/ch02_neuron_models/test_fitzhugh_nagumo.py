"""Independent validation of the FitzHugh–Nagumo reference."""

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

from solutions.ch02_neuron_models import fitzhugh_nagumo as fhn


def _fhn_field(t, y, i_ext):
    """The FitzHugh–Nagumo vector field written out from the original page."""
    return [fhn.C * (y[0] - y[0] ** 3 / 3 - y[1] + i_ext), y[0] - fhn.B * y[1] + fhn.A]


def test_fixed_point_matches_a_root_finder_on_the_nullclines():
    for i_ext in (-0.5, 0.0, 0.34, 0.5, 1.5):
        v = brentq(lambda v: v - v**3 / 3 + i_ext - (v + fhn.A) / fhn.B, -5, 5, xtol=1e-14)
        assert fhn.fhn_fixed_point(i_ext) == pytest.approx((v, (v + fhn.A) / fhn.B), abs=1e-10)
    assert fhn.fhn_fixed_point(0.0)[0] == pytest.approx(-1.199, abs=5e-4)


def test_hopf_bifurcation_where_the_trace_vanishes():
    def trace(i_ext):
        return np.trace(fhn.fhn_jacobian(*fhn.fhn_fixed_point(i_ext)))

    hopf = brentq(trace, 0.0, 1.0, xtol=1e-12)
    v = -np.sqrt(1 - fhn.B / fhn.C)  # analytic: trace c(1 − v²) − b = 0
    assert hopf == pytest.approx(v**3 / 3 - v + (v + fhn.A) / fhn.B, abs=1e-9)
    assert hopf == pytest.approx(0.341, abs=5e-4)
    assert trace(0.34) == pytest.approx(-0.0174, abs=1e-4) and trace(0.5) == pytest.approx(2.722, abs=1e-3)


def test_jacobian_matches_finite_differences():
    h = 1e-6
    for v, u in ((-1.2, -0.6), (0.3, 0.1), (1.7, 1.0)):
        numeric = np.column_stack([
            (np.array(_fhn_field(0, [v + h, u], 0.5)) - _fhn_field(0, [v - h, u], 0.5)) / (2 * h),
            (np.array(_fhn_field(0, [v, u + h], 0.5)) - _fhn_field(0, [v, u - h], 0.5)) / (2 * h),
        ])
        np.testing.assert_allclose(fhn.fhn_jacobian(v, u), numeric, atol=1e-7)


def test_euler_step_converges_to_the_exact_trajectory_at_first_order():
    y0, t_end = fhn.fhn_fixed_point(0.0), 2.0
    exact = solve_ivp(_fhn_field, (0, t_end), y0, args=(0.5,), method="DOP853", rtol=1e-12, atol=1e-12).y[:, -1]
    errors = []
    for dt in (0.004, 0.002, 0.001):
        v, u = y0
        for _ in range(round(t_end / dt)):
            v, u = fhn.fhn_step(v, u, 0.5, dt)
        errors.append(np.max(np.abs(np.array([v, u]) - exact)))
    for coarse, fine in zip(errors, errors[1:]):
        assert 1.8 < coarse / fine < 2.2


def test_rest_and_oscillation_coexist_below_the_hopf_point():
    v_star, u_star = fhn.fhn_fixed_point(0.34)
    near = solve_ivp(_fhn_field, (0, 300), [v_star + 0.05, u_star], args=(0.34,), method="DOP853",
                     rtol=1e-10, atol=1e-10)
    # A small kick decays, as e^(−0.0087 t): to about 0.05 · 0.11 by t = 250 ...
    assert np.max(np.abs(near.y[0, near.t > 250] - v_star)) < 0.02
    far = solve_ivp(_fhn_field, (0, 300), fhn.fhn_fixed_point(0.0), args=(0.34,), method="DOP853",
                    rtol=1e-10, atol=1e-10)
    assert np.ptp(far.y[0, far.t > 250]) > 3  # ... while the step from I = 0 reaches the large cycle
    # Euler at dt = 0.01 amplifies the weakly damped focus: |1 + λ dt| > 1.
    eigenvalues = np.linalg.eigvals(fhn.fhn_jacobian(v_star, u_star))
    assert np.all(eigenvalues.real < 0) and np.all(np.abs(1 + 0.01 * eigenvalues) > 1)


def test_hopf_current_is_the_root_of_the_trace_to_the_grid():
    v = -np.sqrt(1 - fhn.B / fhn.C)
    exact = v**3 / 3 - v + (v + fhn.A) / fhn.B
    assert exact < fhn.hopf_current() < exact + fhn.SEARCH_STEP


def _fires_repetitively(i_ext):
    """Whether an accurate integration from the rest state of I = 0 crosses v = 0 upwards after t = 100."""
    run = solve_ivp(_fhn_field, (0, 200), fhn.fhn_fixed_point(0.0), args=(i_ext,), method="DOP853",
                    rtol=1e-10, atol=1e-12, max_step=0.05)
    late = run.y[0, run.t > 100]
    return bool(np.any((late[:-1] < 0) & (late[1:] >= 0)))


def test_oscillation_onset_matches_an_accurate_integrator_below_the_hopf_point():
    onset = fhn.oscillation_onset()
    assert onset == pytest.approx(0.330, abs=1e-9)  # explicit Euler at dt = 0.01
    # DOP853 puts the onset between 0.331 and 0.333, within 0.003 of Euler's, and well below the Hopf point.
    assert not _fires_repetitively(0.331) and _fires_repetitively(0.333)
    assert onset < fhn.hopf_current() - 0.008
