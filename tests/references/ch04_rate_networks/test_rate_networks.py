"""Independent validation of the rate-network reference (chapter 4)."""

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.optimize import brentq, fsolve

from solutions.ch04_rate_networks import rate_networks as rn


def _field(t, y, M, x, tau=rn.TAU_WC):
    """The Wilson–Cowan vector field, written out from Neuromatch's equations."""
    a, theta = rn.GAIN_WC, rn.THRESHOLD_WC
    F = 1 / (1 + np.exp(-a * (M @ y + x - theta))) - 1 / (1 + np.exp(a * theta))
    return (-y + F) / tau


def _all_roots(M, x):
    """Fixed points by fsolve from a 15 × 15 grid of starts, deduplicated."""
    roots = []
    for start in np.stack(np.meshgrid(np.linspace(0, 1, 15), np.linspace(0, 1, 15)), -1).reshape(-1, 2):
        root, info, ok, _ = fsolve(lambda y: _field(0, y, M, x), start, full_output=True, xtol=1e-13)
        if ok == 1 and np.max(np.abs(_field(0, root, M, x))) < 1e-10 and \
                not any(np.allclose(root, r, atol=1e-7) for r in roots):
            roots.append(root)
    return np.array(sorted(roots, key=lambda r: r[0]))


def test_naka_rushton_facts():
    x = np.array([-5.0, 0.0, rn.NR_SIGMA, 1e8])
    assert rn.naka_rushton(x) == pytest.approx([0, 0, rn.NR_MAX / 2, rn.NR_MAX], abs=1e-9)
    # a = 1 is the Michaelis–Menten (hyperbolic) curve
    assert rn.naka_rushton(3.0, m=2.0, sigma=1.0, a=1.0) == pytest.approx(1.5)


def test_fixed_points_match_fsolve_and_the_published_values():
    for M, x, published in ((rn.M_BISTABLE, rn.X_BISTABLE, [[0, 0], [0.3369, 0.1684], [0.9384, 0.6725]]),
                            (rn.M_CYCLE, rn.X_CYCLE, [[0.5704, 0.2706]])):
        found = rn.wc_fixed_points(M, x)
        np.testing.assert_allclose(found, _all_roots(M, x), atol=1e-9)
        np.testing.assert_allclose(found, published, atol=6e-5)
    for i_e in (0.2, 0.45, 0.7):
        x = np.array([i_e, 0.0])
        np.testing.assert_allclose(rn.wc_fixed_points(rn.M_BISTABLE, x), _all_roots(rn.M_BISTABLE, x), atol=1e-9)


def test_jacobian_matches_finite_differences_and_the_published_eigenvalues():
    h = 1e-6
    for y in ((0.2, 0.1), (0.6, 0.4)):
        y = np.array(y)
        numeric = np.column_stack([(_field(0, y + h * e, rn.M_CYCLE, rn.X_CYCLE)
                                    - _field(0, y - h * e, rn.M_CYCLE, rn.X_CYCLE)) / (2 * h) for e in np.eye(2)])
        np.testing.assert_allclose(rn.jacobian(y, rn.M_CYCLE, rn.X_CYCLE), numeric, atol=1e-8)
    published = [[-0.623 - 0.131j, -0.623 + 0.131j], [-0.873, 1.057], [-1.422, -0.960]]
    for point, expected in zip(rn.wc_fixed_points(rn.M_BISTABLE, rn.X_BISTABLE), published):
        found = np.sort_complex(np.linalg.eigvals(rn.jacobian(point, rn.M_BISTABLE, rn.X_BISTABLE)))
        np.testing.assert_allclose(found, expected, atol=1e-3)
    focus = rn.wc_fixed_points(rn.M_CYCLE, rn.X_CYCLE)[0]
    eig = np.linalg.eigvals(rn.jacobian(focus, rn.M_CYCLE, rn.X_CYCLE))
    assert np.all(eig.real > 0) and np.all(np.abs(eig.imag) > 0)  # one unstable focus
    np.testing.assert_allclose(np.sort_complex(eig), [0.107 - 0.562j, 0.107 + 0.562j], atol=1e-3)


def test_limit_cycle_set_oscillates_with_an_accurate_integrator():
    focus = rn.wc_fixed_points(rn.M_CYCLE, rn.X_CYCLE)[0]
    run = solve_ivp(_field, (0, 200), focus + 0.01, args=(rn.M_CYCLE, rn.X_CYCLE), method="DOP853",
                    rtol=1e-10, atol=1e-12, max_step=0.1)
    late = run.y[0, run.t > 150]
    assert np.ptp(late) > 0.3  # a large, sustained oscillation, not a decay to the focus


def test_euler_step_converges_to_the_exact_trajectory_at_first_order():
    y0, t_end = np.array([0.34, 0.16]), 5.0
    exact = solve_ivp(_field, (0, t_end), y0, args=(rn.M_BISTABLE, rn.X_BISTABLE), method="DOP853",
                      rtol=1e-12, atol=1e-12).y[:, -1]
    errors = []
    for dt in (0.004, 0.002, 0.001):
        y = y0
        for _ in range(round(t_end / dt)):
            y = rn.wilson_cowan_step(y, rn.M_BISTABLE, rn.X_BISTABLE, dt, rn.TAU_WC, rn.wc_transfer)
        errors.append(np.max(np.abs(y - exact)))
    for coarse, fine in zip(errors, errors[1:]):
        assert 1.8 < coarse / fine < 2.2


def test_linear_network_steady_state_and_paradoxical_condition():
    """Threshold-linear E–I network: r* = (I − W)⁻¹h, and ∂r_I/∂h_I = (1 − w_EE)/det(I − W) < 0 iff w_EE > 1."""
    relu = lambda z: np.maximum(z, 0.0)  # noqa: E731
    w_ei, w_ie, w_ii, h = 2.0, 2.0, 0.5, np.array([2.0, 1.0])
    w_ees = np.round(np.arange(0.5, 2.51, 0.1), 2)
    W = np.array([[[w, -w_ei], [w_ie, -w_ii]] for w in w_ees])
    inputs = (h, h + [0, 0.01])
    steady = np.array([[np.linalg.solve(np.eye(2) - W_k, h_k) for h_k in inputs] for W_k in W])  # (w_EE, input, pop)
    y = np.zeros((2, len(w_ees), 2))  # (input, w_EE, population): every network and both inputs at once
    x = np.stack(inputs)[:, None, :]
    for _ in range(6000):
        y = rn.wilson_cowan_step(y, W, x, 0.5, np.array([20.0, 10.0]), relu)
    np.testing.assert_allclose(y.transpose(1, 0, 2), steady, atol=1e-9)
    det = (1 - w_ees) * (1 + w_ii) + w_ei * w_ie
    slope = (steady[:, 1, 1] - steady[:, 0, 1]) / 0.01
    np.testing.assert_allclose(slope, (1 - w_ees) / det, atol=1e-9)
    paradoxical = slope < -1e-9
    assert np.array_equal(paradoxical, w_ees > 1 + 1e-9)


def _isn_operating_point(w_ee):
    M = rn.isn_weights(w_ee)[0]
    y = fsolve(lambda y: -y + rn.naka_rushton(M @ y + rn.H_ISN), [8.0, 14.0], xtol=1e-13)
    return y, M @ y + rn.H_ISN


def test_paradoxical_w_ee_is_where_the_excitatory_loop_gain_reaches_one():
    def loop_gain(w_ee):
        z_e = _isn_operating_point(w_ee)[1][0]
        h = 1e-6
        return w_ee * (rn.naka_rushton(z_e + h) - rn.naka_rushton(z_e - h)) / (2 * h)

    boundary = brentq(lambda w: loop_gain(w) - 1, 0.2, 0.8, xtol=1e-12)
    assert boundary == pytest.approx(0.4757, abs=1e-4)
    answer = rn.paradoxical_w_ee()
    # The scan's finite step of h_I moves the first paradoxical grid point at most one step above the boundary.
    assert boundary < answer <= boundary + 0.02
    # The steady states of the simulation are the fixed points found by fsolve, and every network is stable.
    rates = rn.isn_steady_states(rn.W_EE_SCAN[::10])
    for w_ee, simulated in zip(rn.W_EE_SCAN[::10], rates[0]):
        y, z = _isn_operating_point(w_ee)
        np.testing.assert_allclose(simulated, y, atol=1e-8)
        M = rn.isn_weights(w_ee)[0]
        h = 1e-6
        slopes = (rn.naka_rushton(z + h) - rn.naka_rushton(z - h)) / (2 * h)
        J = (-np.eye(2) + slopes[:, None] * M) / rn.TAU_ISN[:, None]
        assert np.all(np.linalg.eigvals(J).real < -0.03)  # decay within ~30 ms, far below T_ISN


def test_saddle_node_input_is_the_fold_of_the_low_state():
    """The fold: a fixed point whose Jacobian is singular, found by fsolve in (r_E, r_I, I_E)."""
    def equations(v):
        y, i_e = v[:2], v[2]
        x = np.array([i_e, 0.0])
        return [*_field(0, y, rn.M_BISTABLE, x), np.linalg.det(rn.jacobian(y, rn.M_BISTABLE, x))]

    r_e, r_i, fold = fsolve(equations, [0.09, 0.03, 0.45], xtol=1e-13)
    assert fold == pytest.approx(0.4575, abs=1e-4) and 0.07 < r_e < 0.12
    answer = rn.saddle_node_input()
    assert fold < answer <= fold + 0.01  # the first input of the 0.01 grid above the fold
