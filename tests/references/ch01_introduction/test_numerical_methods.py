"""Independent validation of the numerical-methods reference: analytic solutions, the orders of
convergence against a tight ``scipy.integrate.solve_ivp`` run, ``scipy.signal.cont2discrete`` and the
analytic stability bound of Euler's method."""

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.signal import cont2discrete

from solutions.ch01_introduction import numerical_methods as nm


def _slope(dts, errors):
    return np.polyfit(np.log(dts), np.log(errors), 1)[0]


def test_global_error_slopes_are_one_and_four_on_exponential_decay():
    dts = np.array([0.02, 0.01, 0.005, 0.0025])  # asymptotic range; RK4 stays far above round-off (1e-16)
    assert _slope(dts, nm.global_errors(nm.euler_step, dts)) == pytest.approx(1.0, abs=0.01)
    assert _slope(dts, nm.global_errors(nm.rk4_step, dts)) == pytest.approx(4.0, abs=0.02)


def _van_der_pol(x, t, mu=1.0):
    return np.array([x[1], mu * (1 - x[0] ** 2) * x[1] - x[0] + 0.5 * np.sin(t)])


def test_orders_on_a_nonlinear_driven_system_against_solve_ivp():
    t_end = 3.0
    exact = solve_ivp(lambda t, x: _van_der_pol(x, t), (0, t_end), [2.0, 0.0], method="DOP853",
                      rtol=1e-13, atol=1e-13).y[:, -1]
    dts = np.array([0.04, 0.02, 0.01, 0.005])
    for step, order, tolerance in ((nm.euler_step, 1, 0.05), (nm.rk4_step, 4, 0.1)):
        errors = [np.max(np.abs(nm.simulate(step, _van_der_pol, np.array([2.0, 0.0]),
                                            np.linspace(0, t_end, round(t_end / dt) + 1))[-1] - exact))
                  for dt in dts]
        assert _slope(dts, errors) == pytest.approx(order, abs=tolerance)


def test_rk4_is_simpsons_rule_and_the_taylor_polynomial():
    # A field independent of x: RK4 is Simpson's rule, exact for cubics.
    t, dt = 1.2, 0.7
    exact = ((t + dt) ** 4 - t**4) / 4 + 3 * dt
    assert nm.rk4_step(lambda x, s: s**3 + 3.0, 5.0, t, dt) == pytest.approx(5.0 + exact, abs=1e-13)
    # A linear system: one step is the Taylor polynomial of e^{AΔt} through the fourth power.
    A = np.array([[-1.0, 2.0], [-0.5, -0.3]])
    dt = 0.2
    taylor = sum(np.linalg.matrix_power(A * dt, k) / math.factorial(k) for k in range(5))
    x = np.array([0.3, -1.1])
    np.testing.assert_allclose(nm.rk4_step(lambda y, s: A @ y, x, 0.0, dt), taylor @ x, rtol=1e-14, atol=1e-15)


def test_simulate_follows_a_nonuniform_grid():
    t = np.array([0.5, 0.6, 0.9, 1.0, 1.7])
    x = nm.simulate(nm.euler_step, lambda y, s: np.ones_like(y) * s, np.zeros(2), t)
    # Euler on dx/dt = t adds t[k]·(t[k+1] − t[k]) per step.
    expected = np.concatenate([[0.0], np.cumsum(t[:-1] * np.diff(t))])
    np.testing.assert_allclose(x, np.column_stack([expected, expected]), atol=1e-15)


@pytest.mark.parametrize("seed", range(5))
def test_zoh_equals_cont2discrete(seed):
    rng = np.random.default_rng(seed)
    n, m = 4, 2
    A, B = rng.normal(0, 1, (n, n)), rng.normal(0, 1, (n, m))
    for dt in (0.01, 0.3, 2.0):
        A_d, B_d, *_ = cont2discrete((A, B, np.eye(n), np.zeros((n, m))), dt, method="zoh")
        ours = nm.zoh_discretize(A, B, dt)
        np.testing.assert_allclose(ours[0], A_d, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(ours[1], B_d, rtol=1e-12, atol=1e-12)


def test_zoh_of_singular_systems():
    # A perfect integrator: x(t + Δt) = x + Δt·B u.
    A_d, B_d = nm.zoh_discretize(np.zeros((1, 1)), np.array([[3.0]]), 0.5)
    assert A_d[0, 0] == 1.0 and B_d[0, 0] == pytest.approx(1.5, rel=1e-15)
    # A perfect integrator fed by a decaying synaptic current, integrated by hand:
    # I(t) = u(1 − e^{−t/τ}), v(t) = (u/C)(t − τ(1 − e^{−t/τ})) from rest.
    tau, c, dt = 5.0, 250.0, 3.0
    A = np.array([[0.0, 1 / c], [0.0, -1 / tau]])
    A_d, B_d = nm.zoh_discretize(A, np.array([[0.0], [1 / tau]]), dt)
    np.testing.assert_allclose(B_d[:, 0], [(dt - tau * (1 - np.exp(-dt / tau))) / c, 1 - np.exp(-dt / tau)],
                               rtol=1e-13)
    A_ref, B_ref, *_ = cont2discrete((A, np.array([[0.0], [1 / tau]]), np.eye(2), np.zeros((2, 1))), dt, method="zoh")
    np.testing.assert_allclose(A_d, A_ref, atol=1e-15)
    np.testing.assert_allclose(B_d, B_ref, atol=1e-15)


def _membrane_synapse_exact(t, u, v0=0.0, i0=0.0):
    """The membrane–synapse system with a constant drive u (pA) from (v0, i0), solved by hand."""
    tm, ts, c = nm.TAU_M, nm.TAU_S, nm.C_M
    i = u + (i0 - u) * np.exp(-t / ts)
    k = (tm * ts) / (c * (ts - tm))  # v's response to e^{−t/τ_s} in I_s
    v = u * tm / c * (1 - np.exp(-t / tm)) + (i0 - u) * k * (np.exp(-t / ts) - np.exp(-t / tm)) + v0 * np.exp(-t / tm)
    return np.stack([v, i], axis=-1)


@pytest.mark.parametrize("dt", [0.1, 1.0, 7.0, 25.0])
def test_zoh_reproduces_the_analytic_solution_at_any_step(dt):
    A_d, B_d = nm.zoh_discretize(nm.A_SYN, nm.B_SYN, dt)
    x, u = np.array([3.0, -40.0]), np.array([200.0])
    states = [x]
    for _ in range(40):
        states.append(A_d @ states[-1] + B_d @ u)
    exact = _membrane_synapse_exact(np.arange(41) * dt, 200.0, 3.0, -40.0)
    np.testing.assert_allclose(np.array(states), exact, rtol=1e-11, atol=1e-11)


def test_zoh_agrees_with_solve_ivp_under_a_piecewise_constant_drive():
    dt, drive = 2.0, np.array([0.0, 150.0, 150.0, 300.0, -50.0, 0.0, 0.0, 80.0])
    A_d, B_d = nm.zoh_discretize(nm.A_SYN, nm.B_SYN, dt)
    x, exact = np.zeros(2), np.zeros(2)
    for u in drive:
        x = A_d @ x + B_d[:, 0] * u
        exact = solve_ivp(lambda t, y: nm.A_SYN @ y + nm.B_SYN[:, 0] * u, (0, dt), exact, method="DOP853",
                          rtol=1e-12, atol=1e-12).y[:, -1]
        np.testing.assert_allclose(x, exact, rtol=1e-9, atol=1e-9)


def test_euler_coefficients_are_the_first_order_expansion():
    # (A_d − I)/Δt → A and B_d/Δt → B with an error proportional to Δt.
    previous = None
    for dt in (0.1, 0.05, 0.025):
        A_d, B_d = nm.zoh_discretize(nm.A_SYN, nm.B_SYN, dt)
        error = np.max(np.abs((A_d - np.eye(2)) / dt - nm.A_SYN)) + np.max(np.abs(B_d / dt - nm.B_SYN))
        if previous is not None:
            assert previous / error == pytest.approx(2.0, rel=0.02)
        previous = error
    # The scalar case: a_d = e^{aΔt} against Euler's 1 + aΔt, b_d = (e^{aΔt} − 1)/a·b against Δt·b.
    a, b, dt = -0.4, 2.0, 0.01
    A_d, B_d = nm.zoh_discretize(np.array([[a]]), np.array([[b]]), dt)
    assert A_d[0, 0] == pytest.approx(np.exp(a * dt), rel=1e-15)
    assert A_d[0, 0] - (1 + a * dt) == pytest.approx((a * dt) ** 2 / 2, rel=0.01)
    assert B_d[0, 0] == pytest.approx(np.expm1(a * dt) / a * b, rel=1e-13)


def test_euler_stability_bound_is_twice_the_synaptic_time_constant():
    # Euler multiplies the eigenmodes by 1 + λΔt with λ = −1/τ_m, −1/τ_s: stable while Δt < 2τ_s.
    for dt, stable in ((9.9, True), (10.1, False)):
        radius = np.max(np.abs(np.linalg.eigvals(np.eye(2) + nm.A_SYN * dt)))
        assert (radius < 1) == stable
    assert nm.euler_max_dt() == pytest.approx(2 * nm.TAU_S, abs=0.15)
    # The exact update never is unstable: its eigenvalues are e^{λΔt} < 1.
    for dt in (10.1, 100.0, 1000.0):
        assert np.max(np.abs(np.linalg.eigvals(nm.zoh_discretize(nm.A_SYN, nm.B_SYN, dt)[0]))) < 1


def test_rk4_order_of_the_question():
    assert nm.rk4_order() == pytest.approx(4.0, abs=0.1)
