"""Independent validation of the minimum-jerk reference (section 13.1)."""

import numpy as np
import pytest
from numpy.polynomial import polynomial as poly
from scipy.integrate import quad
from scipy.interpolate import make_interp_spline
from scipy.linalg import null_space
from scipy.optimize import minimize, minimize_scalar

from solutions.ch13_motor_control import minimum_jerk as mj

REST = [(1, 0.0), (2, 0.0)]  # zero velocity and acceleration at an end, as scipy's boundary conditions


def _quintic_spline(times, positions):
    """The quintic spline through ``positions`` at ``times`` (knots at the inner times) with zero velocity and
    acceleration at both ends: scipy's interpolant, C⁴ at every inner knot."""
    return make_interp_spline(times, positions, k=5, bc_type=(REST, REST))


@pytest.mark.parametrize("x0, xf, T", [(0.0, 2.0, 1.0), (2.0, -1.0, 0.4), (-0.3, 0.5, 2.5)])
def test_quintic_equals_scipys_quintic_spline(x0, xf, T):
    t = np.linspace(0, T, 301)
    spline = _quintic_spline([0, T], [x0, xf])
    for k, value in enumerate(mj.minimum_jerk(x0, xf, T, t)):
        np.testing.assert_allclose(value, spline(t, nu=k), atol=1e-9 * abs(xf - x0) / T**k)


def test_quintic_minimises_the_jerk_cost_among_polynomials():
    """SLSQP over the coefficients of a polynomial of degree 9, with the six boundary conditions as constraints,
    finds the quintic: the higher coefficients vanish."""
    x0, xf, T, degree = 0.0, 2.0, 1.0, 9

    third = [poly.polyder(np.eye(degree + 1)[i], 3) for i in range(degree + 1)]  # (tⁱ)‴
    H = np.array([[poly.polyval(T, poly.polyint(poly.polymul(a, b))) for b in third] for a in third])

    def boundary(c):  # x(0) − x0, x(T) − xf, and the velocities and accelerations at both ends
        return [poly.polyval(0, c) - x0, poly.polyval(T, c) - xf] + [
            poly.polyval(t, poly.polyder(c, k)) for t in (0, T) for k in (1, 2)]

    rows = np.array([boundary(e) for e in np.eye(degree + 1)]).T + np.array([[x0, xf, 0, 0, 0, 0]]).T  # linear
    found = minimize(lambda c: c @ H @ c, np.zeros(degree + 1), jac=lambda c: 2 * H @ c, method="SLSQP",
                     constraints={"type": "eq", "fun": boundary, "jac": lambda c: rows},
                     options={"ftol": 1e-15, "maxiter": 1000})
    quintic = np.array([x0, 0, 0, 10, -15, 6, 0, 0, 0, 0]) * (xf - x0)  # coefficients of D(10τ³ − 15τ⁴ + 6τ⁵), T = 1
    assert found.success
    np.testing.assert_allclose(found.x, quintic, atol=1e-5)


def test_quintic_is_stationary_against_admissible_perturbations():
    """∫ x‴ φ‴ dt = 0 for every φ with zero position, velocity and acceleration at both ends (quad), so that
    J(x + εφ) = J(x) + ε² J(φ) > J(x)."""
    T = 1.0
    for phi3 in (lambda t: np.polyval(np.polyder([1, -3, 3, -1, 0, 0, 0], 3), t),  # φ = t³(1 − t)³
                 lambda t: np.polyval(np.polyder(np.polymul([1, -3, 3, -1, 0, 0, 0], [1, -0.3]), 3), t)):
        inner, _ = quad(lambda t: mj.minimum_jerk(0.0, 2.0, T, t)[3] * phi3(t), 0, T, epsabs=1e-11)
        assert abs(inner) < 1e-9  # against ∫(x‴)² = 2880 m²/s⁵ and ∫(φ‴)² ≈ 5


def test_quintic_facts():
    """Peak speed 1.875 D/T at T/2, peak |acceleration| (10/√3) D/T² at τ = ½ ∓ √3/6, jerk 60 D/T³ at t = 0."""
    x0, xf, T = 0.5, 2.1, 0.8
    D = xf - x0
    _, v, a, j = mj.minimum_jerk(x0, xf, T, np.array([0.0, T / 2, (0.5 - np.sqrt(3) / 6) * T, T]))
    assert v[1] == pytest.approx(1.875 * D / T) and a[2] == pytest.approx(10 / np.sqrt(3) * D / T**2)
    assert j[0] == pytest.approx(60 * D / T**3) and j[3] == pytest.approx(60 * D / T**3)
    t = np.linspace(0, T, 100001)
    x, v, a, _ = mj.minimum_jerk(x0, xf, T, t)
    assert np.max(v) == pytest.approx(1.875 * D / T, rel=1e-9) and t[np.argmax(v)] == pytest.approx(T / 2)
    assert np.max(np.abs(a)) == pytest.approx(10 / np.sqrt(3) * D / T**2, rel=1e-8)
    assert [x[0], x[-1], v[0], v[-1], a[0], a[-1]] == pytest.approx([x0, xf, 0, 0, 0, 0], abs=1e-12)
    # A reach in the plane runs along the straight line between its ends (Flash & Hogan 1985).
    path = mj.minimum_jerk(mj.HAND_START, mj.HAND_END, T, t)[0]
    direction = (mj.HAND_END - mj.HAND_START) / np.linalg.norm(mj.HAND_END - mj.HAND_START)
    off_line = (path - mj.HAND_START) - np.outer((path - mj.HAND_START) @ direction, direction)
    assert np.max(np.abs(off_line)) < 1e-14


def _random_qp(rng, n, m):
    """A random QP: P positive semidefinite of rank n − 1, positive definite on the null space of a random A."""
    B = rng.standard_normal((n - 1, n))
    return B.T @ B, rng.standard_normal(n), rng.standard_normal((m, n)), rng.standard_normal(m)


def test_equality_qp_matches_slsqp_and_the_null_space_method():
    assert mj.equality_qp(np.diag([1.0, 0.0]), np.array([3.0, 4.0]), np.array([[1.0, 1.0]]),
                          np.array([1.0])) == pytest.approx([1.0, 0.0])  # the original's warm-up
    rng = np.random.default_rng(13)
    for n, m in ((4, 1), (8, 3), (12, 5)):
        P, q, A, b = _random_qp(rng, n, m)
        x = mj.equality_qp(P, q, A, b)
        particular = np.linalg.lstsq(A, b, rcond=None)[0]
        Z = null_space(A)
        y = np.linalg.solve(Z.T @ P @ Z, -Z.T @ (P @ particular + q))
        np.testing.assert_allclose(x, particular + Z @ y, atol=1e-9)
        found = minimize(lambda v: 0.5 * v @ P @ v + q @ v, np.zeros(n), jac=lambda v: P @ v + q, method="SLSQP",
                         constraints={"type": "eq", "fun": lambda v: A @ v - b, "jac": lambda v: A},
                         options={"ftol": 1e-15, "maxiter": 1000})
        np.testing.assert_allclose(x, found.x, atol=1e-5)
        columns = mj.equality_qp(P, np.column_stack([q, -q]), A, np.column_stack([b, 2 * b]))
        np.testing.assert_allclose(columns[:, 0], x, atol=1e-12)
        np.testing.assert_allclose(columns[:, 1], mj.equality_qp(P, -q, A, 2 * b), atol=1e-12)


@pytest.mark.parametrize("via", [None, (0.4, 3.0)])
def test_min_jerk_qp_matches_slsqp_on_the_same_discrete_problem(via):
    T, dt, x0, xf = 1.0, 1 / 30, 0.0, 2.0
    n = round(T / dt) + 1
    x = mj.min_jerk_qp(x0, xf, T, dt, *(via or ()))

    def constraints(v):
        values = [v[0] - x0, v[-1] - xf, v[1] - v[0], v[-1] - v[-2], v[0] - 2 * v[1] + v[2],
                  v[-3] - 2 * v[-2] + v[-1]]
        return values + ([v[round(via[0] / dt)] - via[1]] if via else [])

    def cost(v):
        return np.sum(np.diff(v, 3) ** 2)

    def gradient(v):
        D = np.diff(np.eye(n), 3, axis=0)
        return 2 * D.T @ (D @ v)

    found = minimize(cost, np.linspace(x0, xf, n), jac=gradient, method="SLSQP",
                     constraints={"type": "eq", "fun": constraints}, options={"ftol": 1e-16, "maxiter": 2000})
    np.testing.assert_allclose(x, found.x, atol=1e-6)
    assert cost(x) <= cost(found.x) + 1e-12


def test_min_jerk_qp_approximates_the_quintic_of_duration_t_minus_2dt():
    """The end constraints hold x₀ = x₁ = x₂: the QP approximates the quintic from dt to T − dt to O(dt²), the
    quintic from 0 to T to O(dt); its peak speed exceeds 1.875 D/T by about 2dt/T."""
    T, D = mj.T_REACH, mj.X_END - mj.X_START
    errors_shifted, errors_plain, speed_errors = [], [], []
    for dt in mj.DT_SCAN:
        x = mj.min_jerk_qp(mj.X_START, mj.X_END, T, dt)
        t = dt * np.arange(len(x))
        assert len(x) == round(T / dt) + 1
        shifted = mj.minimum_jerk(mj.X_START, mj.X_END, T - 2 * dt, np.clip(t - dt, 0, T - 2 * dt))[0]
        errors_shifted.append(np.max(np.abs(x - shifted)))
        errors_plain.append(np.max(np.abs(x - mj.minimum_jerk(mj.X_START, mj.X_END, T, t)[0])))
        speed_errors.append(np.max(np.diff(x)) / dt / (1.875 * D / T) - 1)
    shifted_ratio = np.array(errors_shifted[:-1]) / errors_shifted[1:]
    plain_ratio = np.array(errors_plain[:-1]) / errors_plain[1:]
    assert np.all((3.5 < shifted_ratio) & (shifted_ratio < 4.5)), shifted_ratio  # second order
    assert np.all((1.8 < plain_ratio) & (plain_ratio < 2.2)), plain_ratio  # first order
    # 1.875 D/(T − 2dt) over 1.875 D/T, up to the O(dt²) of sampling the peak by differences
    np.testing.assert_allclose(speed_errors, 2 * mj.DT_SCAN / (T - 2 * mj.DT_SCAN), rtol=0.08)


def test_the_originals_grid_is_three_percent_fast():
    """The original: 100 samples with dt = 0.01 (spanning 0.99 s); peak speed 3.867 m/s against 3.75 m/s."""
    x = mj.min_jerk_qp(mj.X_START, mj.X_END, 0.99, 0.01)
    assert len(x) == 100
    peak = np.max(np.diff(x)) / 0.01
    assert peak == pytest.approx(3.867, abs=5e-4)
    assert peak / (1.875 * 2.0 / 1.0) - 1 == pytest.approx(0.031, abs=5e-4)
    # ... the quintic of the effective duration 0.99 − 2·0.01 s, sampled at its midpoints
    assert peak == pytest.approx(1.875 * 2.0 / 0.97, rel=2e-3)


def test_via_point_qp_converges_to_flash_and_hogans_piecewise_quintic():
    """The via point is hit exactly; the QP approaches the quintic spline with a knot at the via time (C⁴ there,
    the fifth derivative jumps) on the effective interval [dt, T − dt], at second order."""
    T, t1 = mj.T_REACH, mj.VIA_TIME
    errors = []
    for dt in mj.DT_SCAN[1:]:
        x = mj.min_jerk_qp(mj.VIA_START, mj.VIA_END, T, dt, t1, mj.VIA_POSITION)
        assert x[round(t1 / dt)] == pytest.approx(mj.VIA_POSITION, abs=1e-10)
        t = dt * np.arange(len(x))
        spline = _quintic_spline([dt, t1, T - dt], [mj.VIA_START, mj.VIA_POSITION, mj.VIA_END])
        errors.append(np.max(np.abs(x - spline(np.clip(t, dt, T - dt)))))
    ratio = np.array(errors[:-1]) / errors[1:]
    assert np.all((3.3 < ratio) & (ratio < 4.5)), ratio
    spline = _quintic_spline([0, t1, T], [mj.VIA_START, mj.VIA_POSITION, mj.VIA_END])
    jumps = [spline(t1 + 1e-9, nu=k) - spline(t1 - 1e-9, nu=k) for k in range(6)]
    assert np.all(np.abs(jumps[:5]) < 1e-4) and abs(jumps[5]) > 1e3
    # In the plane each coordinate is its own problem.
    plane = mj.min_jerk_qp(mj.HAND_START, mj.HAND_END, T, mj.DT, t1, mj.HAND_VIA)
    for k in range(2):
        np.testing.assert_allclose(plane[:, k], mj.min_jerk_qp(mj.HAND_START[k], mj.HAND_END[k], T, mj.DT, t1,
                                                               mj.HAND_VIA[k]), atol=1e-12)


def test_optimal_via_time_is_the_minimum_of_the_continuous_cost():
    """The continuous optimum (minimize_scalar over the via time of the quintic spline's jerk cost) is 0.5646 s on
    [0, T]; mapped to the QP's effective interval [dt, T − dt] it rounds to the QP scan's answer."""
    T = mj.T_REACH

    def cost(t1):
        jerk = _quintic_spline([0, t1, T], [mj.VIA_START, mj.VIA_POSITION, mj.VIA_END]).derivative(3)
        return sum(quad(lambda t: jerk(t) ** 2, a, b, epsabs=1e-10)[0] for a, b in ((0, t1), (t1, T)))

    best = minimize_scalar(cost, bounds=(0.2, 0.8), method="bounded", options={"xatol": 1e-7}).x
    assert best == pytest.approx(0.5646, abs=1e-4)
    assert round(mj.DT + (T - 2 * mj.DT) * best / T, 2) == mj.optimal_via_time() == 0.56
    assert mj.peak_speed_ratio() == 1.875
