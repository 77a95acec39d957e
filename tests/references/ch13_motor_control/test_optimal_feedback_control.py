"""Independent validation of the optimal-feedback-control reference (section 13.3)."""

import numpy as np
import pytest
from scipy.linalg import expm, solve_discrete_are

from checks.ch13_motor_control import optimal_feedback_control as checks
from solutions.ch13_motor_control import optimal_feedback_control as ofc


def _random_system(seed, n=3, m=2, p=2):
    rng = np.random.default_rng(seed)
    A = np.eye(n) + 0.2 * rng.normal(size=(n, n))
    B, H = rng.normal(size=(n, m)), rng.normal(size=(p, n))
    G, D = rng.normal(size=(n, n)), rng.normal(size=(p, p))
    return A, B, H, 0.1 * G @ G.T + 0.01 * np.eye(n), 0.2 * D @ D.T + 0.05 * np.eye(p), rng


def test_the_plant_is_the_limb_with_two_filters():
    """A_c's characteristic polynomial is (I s² + b s)(t_a s + 1)(t_e s + 1)/(t_a t_e I): poles 0, −b/I, −1/t_a, −1/t_e;
    the steady torque of a constant u is u (B_c = 1/(t_a t_e I))."""
    Ac, Bc, *_ = ofc.single_joint_arm()
    poles = np.sort(np.linalg.eigvals(Ac).real)
    expected = np.sort([0.0, -ofc.B_VISC / ofc.I_ARM, -1 / ofc.TAU_A, -1 / ofc.TAU_E])
    np.testing.assert_allclose(poles, expected, atol=1e-9)
    # θ⁽⁴⁾ = … + b_u u: with the filters settled, I θ̈ + b θ̇ = u, so b_u equals 1/(t_a t_e I)
    assert Bc[-1, 0] == pytest.approx(1 / (ofc.TAU_A * ofc.TAU_E * ofc.I_ARM))


def test_euler_maruyama_is_first_order_against_the_exact_discretisation():
    """A = I + A_c dt and Ω_ξ = G Gᵀ dt against expm(A_c dt) and the exact ∫₀^dt e^{A s} G Gᵀ e^{Aᵀ s} ds (Van Loan
    1978): the one-step errors are O(dt²), so halving dt divides them by about 4 once ‖A_c‖ dt ≪ 1 (A_c has entries
    up to 880/s: dt ≤ 0.4 ms). At the reach's step of 10 ms the Euler angle after a 50-ms command pulse stays within
    2 % of the exact zero-order-hold solution."""
    Ac, Bc, Cc, Dc, Gc, Yc = ofc.single_joint_arm()
    errors_a, errors_q = [], []
    for dt in (4e-4, 2e-4, 1e-4):
        A, _, _, _, Omega_xi, _ = ofc.discretize(Ac, Bc, Cc, Gc, Dc, Yc, dt)
        block = np.block([[-Ac, Gc @ Gc.T], [np.zeros((4, 4)), Ac.T]]) * dt
        F = expm(block)
        exact_q = F[4:, 4:].T @ F[:4, 4:]
        errors_a.append(np.abs(A - expm(Ac * dt)).max())
        errors_q.append(np.abs(Omega_xi - exact_q).max())
        np.testing.assert_allclose(F[4:, 4:].T, expm(Ac * dt), rtol=1e-10, atol=1e-12)
    for errors in (errors_a, errors_q):
        ratios = np.array(errors[:-1]) / np.array(errors[1:])
        np.testing.assert_allclose(ratios, 4.0, rtol=0.05)
    A, B = ofc.discretize(Ac, Bc, Cc, Gc, Dc, Yc, ofc.DT)[:2]
    hold = expm(np.block([[Ac, Bc], [np.zeros((1, 5))]]) * ofc.DT)  # [[e^{A dt}, ∫e^{As}ds B], [0, 1]]
    euler, exact = np.zeros(4), np.zeros(4)
    angles = []
    for step in range(ofc.N_STEPS):
        command = 1.0 if step < 5 else 0.0
        euler, exact = A @ euler + B[:, 0] * command, hold[:4, :4] @ exact + hold[:4, 4] * command
        angles.append((euler[0], exact[0]))
    angles = np.array(angles)
    assert np.abs(angles[:, 0] - angles[:, 1]).max() < 0.02 * np.abs(angles[:, 1]).max()


def test_lqr_converges_to_the_dare():
    A, B, H, Y, Omega_xi, Omega_omega = ofc.reach_model()
    R = ofc.reach_costs()[1]
    L, S = ofc.lqr_gains(A, B, np.repeat(ofc.Q_FINAL[None], 401, axis=0), R)
    S_dare = solve_discrete_are(A, B, ofc.Q_FINAL, R)
    np.testing.assert_allclose(S[0], S_dare, rtol=1e-9, atol=1e-12 * np.abs(S_dare).max())
    np.testing.assert_allclose(L[0], np.linalg.solve(R + B.T @ S_dare @ B, B.T @ S_dare @ A), rtol=1e-8)
    A2, B2, _, _, _, _ = _random_system(3)
    Q2, R2 = np.eye(3), np.eye(2)
    S2 = ofc.lqr_gains(A2, B2, np.repeat(Q2[None], 301, axis=0), R2)[1]
    np.testing.assert_allclose(S2[0], solve_discrete_are(A2, B2, Q2, R2), rtol=1e-9)


def test_lqr_is_the_minimum_of_the_batch_least_squares():
    """Without noise the finite-horizon problem is a least-squares problem in the stacked commands: the states are
    x = F x0 + G u, the cost xᵀ Q̄ x + uᵀ R̄ u. Its minimum equals x0ᵀ S_0 x0 and its minimiser the closed-loop
    commands u_t = −L_t x_t."""
    A, B, _, _, _, rng = _random_system(21)
    n, m, T = 3, 2, 12
    Q = np.stack([np.diag(rng.uniform(0.1, 2, n)) for _ in range(T + 1)])
    R = np.diag(rng.uniform(0.5, 1.5, m))
    x0 = rng.normal(size=n)
    powers = [np.linalg.matrix_power(A, k) for k in range(T + 1)]
    F = np.vstack(powers)  # x_t = A^t x0 + Σ_s A^{t−1−s} B u_s
    G = np.zeros(((T + 1) * n, T * m))
    for t in range(1, T + 1):
        for s in range(t):
            G[t * n:(t + 1) * n, s * m:(s + 1) * m] = powers[t - 1 - s] @ B
    Q_bar = np.zeros(((T + 1) * n,) * 2)
    for t in range(T + 1):
        Q_bar[t * n:(t + 1) * n, t * n:(t + 1) * n] = Q[t]
    R_bar = np.kron(np.eye(T), R)
    u_opt = np.linalg.solve(G.T @ Q_bar @ G + R_bar, -G.T @ Q_bar @ F @ x0)
    x_opt = F @ x0 + G @ u_opt
    cost = x_opt @ Q_bar @ x_opt + u_opt @ R_bar @ u_opt
    L, S = ofc.lqr_gains(A, B, Q, R)
    assert x0 @ S[0] @ x0 == pytest.approx(cost, rel=1e-10)
    x, commands = x0, []
    for t in range(T):
        commands.append(-L[t] @ x)
        x = A @ x + B @ commands[-1]
    np.testing.assert_allclose(np.concatenate(commands), u_opt, rtol=1e-9, atol=1e-12)


def test_kalman_converges_to_the_dual_dare():
    A, B, H, Y, Omega_xi, Omega_omega = ofc.reach_model()
    K, Sigma = ofc.kalman_gains(A, H, Omega_xi, Omega_omega, np.zeros((4, 4)), 400)
    P = solve_discrete_are(A.T, H.T, Omega_xi, Omega_omega)
    np.testing.assert_allclose(Sigma[-1], P, rtol=1e-9, atol=1e-12 * np.abs(P).max())
    np.testing.assert_allclose(K[-1], A @ P @ H.T @ np.linalg.inv(H @ P @ H.T + Omega_omega), rtol=1e-8)


def test_kalman_covariance_is_the_conditional_covariance():
    """Σ_t = Cov(x_t | y_0, …, y_{t−1}), computed here by conditioning the joint Gaussian of the states and the
    observations (Schur complement), without any recursion."""
    A, _, H, Omega_xi, Omega_omega, rng = _random_system(8)
    n, p, T = 3, 2, 6
    Sigma0 = 0.5 * np.eye(n)
    # x_t = A^t x_0 + Σ_{s<t} A^{t−1−s} ξ_s: the states are linear in z = (x_0, ξ_0, …, ξ_{T−1}), the observations in
    # (z, ω_0, …, ω_{T−1}).
    dim = n * (T + 1) + p * T
    cov_z = np.zeros((dim, dim))
    cov_z[:n, :n] = Sigma0
    for s in range(T):
        cov_z[n * (s + 1):n * (s + 2), n * (s + 1):n * (s + 2)] = Omega_xi
        start = n * (T + 1) + p * s
        cov_z[start:start + p, start:start + p] = Omega_omega
    state_map = np.zeros((T + 1, n, dim))
    for t in range(T + 1):
        state_map[t][:, :n] = np.linalg.matrix_power(A, t)
        for s in range(t):
            state_map[t][:, n * (s + 1):n * (s + 2)] = np.linalg.matrix_power(A, t - 1 - s)
    obs_map = np.zeros((T, p, dim))
    for t in range(T):
        obs_map[t] = H @ state_map[t]
        obs_map[t][:, n * (T + 1) + p * t:n * (T + 1) + p * (t + 1)] = np.eye(p)
    Sigma = ofc.kalman_gains(A, H, Omega_xi, Omega_omega, Sigma0, T)[1]
    for t in range(1, T + 1):
        Y = obs_map[:t].reshape(t * p, dim)
        X = state_map[t]
        cross = X @ cov_z @ Y.T
        conditional = X @ cov_z @ X.T - cross @ np.linalg.solve(Y @ cov_z @ Y.T, cross.T)
        np.testing.assert_allclose(Sigma[t], conditional, rtol=1e-9, atol=1e-12)


def _plain_simulation(A, B, H, L, K, Omega_xi, Omega_omega, Y, x0, n_trials, rng):
    """The closed loop trial by trial with Cholesky factors, written independently of the reference."""
    n, m, p = len(A), B.shape[1], len(H)
    root_xi = np.linalg.cholesky(Omega_xi)
    root_omega = np.linalg.cholesky(Omega_omega)
    finals = np.zeros((n_trials, 2 * n))
    for k in range(n_trials):
        x, x_hat = x0.copy(), x0.copy()
        for t in range(len(L)):
            u = -L[t] @ x_hat
            y = H @ x + root_omega @ rng.standard_normal(p)
            x_next = A @ x + B @ u + Y @ (rng.standard_normal(m) * u) + root_xi @ rng.standard_normal(n)
            x_hat = A @ x_hat + B @ u + K[t] @ (y - H @ x_hat)
            x = x_next
        finals[k] = np.concatenate([x, x_hat])
    return finals


def test_closed_loop_moments_match_a_plain_monte_carlo():
    A, B, H, Y, Omega_xi, Omega_omega = ofc.reach_model()
    (L, K), _ = ofc.reach_controllers()
    N = 4000
    finals = _plain_simulation(A, B, H, L, K, Omega_xi, Omega_omega, Y, ofc.X_START, N, np.random.default_rng(4))
    mean, cov = ofc.closed_loop_moments(A, B, H, L, K, Omega_xi, Omega_omega, Y, ofc.X_START)
    sd = np.sqrt(np.diag(cov[-1]))
    np.testing.assert_array_less(np.abs(finals.mean(axis=0) - mean[-1]), 5 * sd / np.sqrt(N))
    for i in (0, 1, 4):  # final angle, velocity, estimated angle: variance within 5 standard errors
        assert finals[:, i].var() == pytest.approx(cov[-1, i, i], abs=5 * cov[-1, i, i] * np.sqrt(2 / N))
    # with additive noise only the error covariance of the moments is the Kalman filter's Σ (exactly)
    cov0 = ofc.closed_loop_moments(A, B, H, L, K, Omega_xi, Omega_omega, 0 * Y, ofc.X_START)[1]
    error_cov = cov0[:, :4, :4] - cov0[:, :4, 4:] - cov0[:, 4:, :4] + cov0[:, 4:, 4:]
    Sigma = ofc.kalman_gains(A, H, Omega_xi, Omega_omega, np.zeros((4, 4)), ofc.N_STEPS)[1]
    np.testing.assert_allclose(error_cov, Sigma, rtol=1e-7, atol=1e-9 * np.abs(Sigma).max())


def _expected_cost(L, K, Y):
    """E[Σ xᵀQx + uᵀRu] of a controller–filter pair in the reach's world, from the exact moments."""
    A, B, H, _, Omega_xi, Omega_omega = ofc.reach_model()
    Q, R = ofc.reach_costs()
    mean, cov = ofc.closed_loop_moments(A, B, H, L, K, Omega_xi, Omega_omega, Y, ofc.X_START)
    moment = cov + np.einsum("ti,tj->tij", mean, mean)
    state = sum(np.trace(Q[t] @ moment[t, :4, :4]) for t in range(ofc.N_STEPS + 1))
    command = sum(np.trace(R @ L[t] @ moment[t, 4:, 4:] @ L[t].T) for t in range(ofc.N_STEPS))
    return state + command


def test_glqg_reduces_to_lqg_without_control_dependent_noise():
    """The separation principle: with Y = 0 the gLQG iteration returns the LQG pair, and its gains L do not change
    when the motor or the sensory noise is 100 times larger (K does)."""
    A, B, H, Y, Omega_xi, Omega_omega = ofc.reach_model()
    Q, R = ofc.reach_costs()
    L_lqr = ofc.lqr_gains(A, B, Q, R)[0]
    K_kf = ofc.kalman_gains(A, H, Omega_xi, Omega_omega, np.zeros((4, 4)), ofc.N_STEPS)[0]
    for motor, sensory in ((1.0, 1.0), (100.0, 1.0), (1.0, 100.0)):
        L, K, costs = ofc.glqg_gains(A, B, H, 0 * Y, motor * Omega_xi, sensory * Omega_omega, Q, R, ofc.X_START,
                                     np.zeros((4, 4)))
        np.testing.assert_allclose(L, L_lqr, rtol=1e-9, atol=1e-12)
        assert len(costs) <= 3
        K_scaled = ofc.kalman_gains(A, H, motor * Omega_xi, sensory * Omega_omega, np.zeros((4, 4)), ofc.N_STEPS)[0]
        np.testing.assert_allclose(K, K_scaled, rtol=1e-9, atol=1e-12)
        assert motor == sensory or not np.allclose(K[10:], K_kf[10:], rtol=0.01)
    # Todorov's expected cost of the LQG pair equals the one from the exact moments
    lqg_cost = ofc.glqg_gains(A, B, H, 0 * Y, Omega_xi, Omega_omega, Q, R, ofc.X_START, np.zeros((4, 4)))[2][-1]
    assert lqg_cost == pytest.approx(_expected_cost(L_lqr, K_kf, 0 * Y), rel=1e-9)


def test_glqg_is_better_than_lqg_under_control_dependent_noise():
    """With Y ≠ 0 the gLQG pair has a lower expected cost than the LQG pair in that world (exact moments), its
    reported cost is its true expected cost, and its gains are larger early and smaller late in the reach."""
    (L, K), (Lg, Kg) = ofc.reach_controllers()
    A, B, H, Y, Omega_xi, Omega_omega = ofc.reach_model()
    Q, R = ofc.reach_costs()
    costs = ofc.glqg_gains(A, B, H, Y, Omega_xi, Omega_omega, Q, R, ofc.X_START, np.zeros((4, 4)))[2]
    assert costs[-1] == pytest.approx(_expected_cost(Lg, Kg, Y), rel=1e-6)
    assert _expected_cost(Lg, Kg, Y) < 0.8 * _expected_cost(L, K, Y)
    assert np.all(Lg[:25, 0, 0] > L[:25, 0, 0])  # the first 250 ms: more vigorous
    assert np.all(Lg[35:46, 0, 0] < 0.5 * L[35:46, 0, 0])  # 350–450 ms: much weaker


def test_the_originals_covariances_mislead_the_filter():
    """√dt G and √dt D taken as covariances: the filter predicts an error variance of the angle hundreds of times
    its true one (from the moments), and the reach ends more variably than with the right filter."""
    A, B, H, Y, Omega_xi, Omega_omega = ofc.reach_model()
    Ac, Bc, Cc, Dc, Gc, Yc = ofc.single_joint_arm()
    L = ofc.lqr_gains(A, B, *ofc.reach_costs())[0]
    K_slip, Sigma_slip = ofc.kalman_gains(A, H, np.sqrt(ofc.DT) * Gc, np.sqrt(ofc.DT) * Dc, np.zeros((4, 4)),
                                          ofc.N_STEPS)
    cov = ofc.closed_loop_moments(A, B, H, L, K_slip, Omega_xi, Omega_omega, 0 * Y, ofc.X_START)[1]
    true_error = cov[-1, 0, 0] - 2 * cov[-1, 0, 4] + cov[-1, 4, 4]
    assert Sigma_slip[-1, 0, 0] > 300 * true_error
    K = ofc.kalman_gains(A, H, Omega_xi, Omega_omega, np.zeros((4, 4)), ofc.N_STEPS)[0]
    right = ofc.closed_loop_moments(A, B, H, L, K, Omega_xi, Omega_omega, 0 * Y, ofc.X_START)[1]
    assert cov[-1, 0, 0] > 1.3 * right[-1, 0, 0]


@pytest.mark.parametrize("seed", range(40))
def test_simulate_lqg_check_passes_with_other_seeds(seed):
    checks.simulate_lqg(ofc.simulate_lqg, seed=10_000 + seed)


def test_monte_carlo_discovery_answers_fall_within_the_tolerances():
    """The questions ask for Monte-Carlo estimates from N_TRIALS runs: 10 seeds of them stay within the tolerances
    of the discovery checks around the exact answers."""
    A, B, H, Y, Omega_xi, Omega_omega = ofc.reach_model()
    (L, K), (Lg, Kg) = ofc.reach_controllers()
    assert checks.endpoint_sd.expected == pytest.approx(ofc.endpoint_sd(), abs=0.01)
    assert checks.sd_ratio.expected == pytest.approx(ofc.sd_ratio(), abs=0.001)
    for seed in range(10):
        rng = np.random.default_rng(seed)
        lqg = ofc.simulate_lqg(A, B, H, L, K, Omega_xi, Omega_omega, Y, ofc.X_START, ofc.N_TRIALS, rng)[0][:, -1, 0]
        glqg = ofc.simulate_lqg(A, B, H, Lg, Kg, Omega_xi, Omega_omega, Y, ofc.X_START, ofc.N_TRIALS, rng)[0][:, -1, 0]
        assert checks.endpoint_sd.accepts(1e3 * lqg.std())
        assert checks.sd_ratio.accepts(lqg.std() / glqg.std())
