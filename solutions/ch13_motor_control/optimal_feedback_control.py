"""Optimal feedback control of a reach (section 13.3, 最適フィードバック制御モデル).

Optimal feedback control (OFC; Todorov & Jordan 2002, Todorov 2005) needs no planned trajectory: a controller
maps the brain's current *estimate* of the limb's state to a motor command, and a Kalman filter builds that
estimate from delayed, noisy senses and a copy of the command. With linear dynamics, quadratic costs and
additive Gaussian noise this is the linear–quadratic–Gaussian (LQG) problem:

    x_{t+1} = A x_t + B u_t + ξ_t,          ξ_t ~ 𝒩(0, Ω_ξ)
    y_t     = H x_t + ω_t,                  ω_t ~ 𝒩(0, Ω_ω)
    cost    = Σ_{t<T} (x_tᵀ Q_t x_t + u_tᵀ R u_t) + x_Tᵀ Q_T x_T,

solved by a linear–quadratic regulator (LQR) on the estimate, u_t = −L_t x̂_t, with the backward Riccati recursion

    L_t = (R + Bᵀ S_{t+1} B)⁻¹ Bᵀ S_{t+1} A,   S_t = Q_t + Aᵀ S_{t+1} (A − B L_t),   S_T = Q_T,

and the Kalman filter in Todorov's predictor form, forward from x̂_0 with error covariance Σ_0,

    x̂_{t+1} = A x̂_t + B u_t + K_t (y_t − H x̂_t),
    K_t = A Σ_t Hᵀ (H Σ_t Hᵀ + Ω_ω)⁻¹,         Σ_{t+1} = Ω_ξ + (A − K_t H) Σ_t Aᵀ.

The two recursions are independent (the separation principle): L depends on the costs and the dynamics but not on
the noise, K on the noise and the dynamics but not on the costs. With constant costs and a long horizon, S_0
converges to the solution of the discrete algebraic Riccati equation (DARE) ``scipy.linalg.solve_discrete_are(A, B,
Q, R)``; Σ_t converges to the DARE of the dual problem, ``solve_discrete_are(Aᵀ, Hᵀ, Ω_ξ, Ω_ω)``.

Motor noise grows with the command. Todorov (2005) adds control-dependent noise Y (ε_t ∘ u_t), ε_t ~ 𝒩(0, I), to
the dynamics; the problem is then no longer separable, and his generalised LQG (gLQG) alternates between the
filter given the controller and the controller given the filter until the expected cost stops changing. The
control-dependent noise enters the controller as an extra control cost, L_t = (R + BᵀS^x B + Yᵀ(S^x + S^e)Y)⁻¹ Bᵀ
S^x A (for one control; diagonal terms per control in general), where S^e weighs the estimation error.

The plant is the original's single joint: a limb of inertia I with viscosity b, driven by a torque that follows the
neural control signal u through two first-order filters (activation t_a, excitation t_e). With the state
x = (θ, θ̇, θ̈, θ⃛) (joint angle, rad, and its derivatives) it is dx/dt = A_c x + B_c u with the companion matrix of
t_a t_e I θ⁽⁴⁾ + … + b θ̇ = u: the last row of A_c is −(0, α₁, α₂, α₃), B_c = (0, 0, 0, b_u), b_u = 1/(t_a t_e I),
α₁ = b_u b, α₂ = 1/(t_a t_e) + (1/t_a + 1/t_e) b/I, α₃ = b/I + 1/t_a + 1/t_e. The senses report angle, velocity and
acceleration, C_c = [I₃ 0]. The noise is written as stochastic differential equations,

    dx = (A_c x + B_c u) dt + Y_c u dγ + G_c dW,      dy = C_c x dt + D_c dV,

with Wiener processes γ, W, V, and discretised with the Euler–Maruyama step Δt (as in the original): A = I + A_c Δt,
B = B_c Δt, H = C_c Δt, Y = Y_c √Δt (a matrix that multiplies a standard normal), and the covariances
Ω_ξ = G_c G_cᵀ Δt and Ω_ω = D_c D_cᵀ Δt. The step is first order; at Δt = 10 ms the angle's response to a
command pulse stays within 2 % of the exact (zero-order-hold) solution. The discrete model is the world of the
simulations here.

Corrected here:
- The original scales D_c and G_c by √Δt and then uses √Δt D_c and √Δt G_c as the covariances Ω_ω and Ω_ξ of its
  Kalman filter (and of the expected cost), while its simulation draws the noise with those matrices as standard
  deviations. The filter then assumes a motor-noise variance of 3e-3 instead of 9e-6 per step and predicts an
  angle-error variance over 600 times the one it makes; its reach ends with a 24 % larger SD than the right
  filter's. Here Ω = G Gᵀ Δt and D Dᵀ Δt throughout.
- The original's nt = T/Δt = 50 samples span 0.49 s and carry 49 commands; here the reach has T/Δt = 50 commands
  and 51 states spanning [0, T]. R = 1e-4/50 per step as in the original.
- The original labels the joint angle as a position in m; the plant (inertia in kg m²) moves an angle, in rad.

With control-dependent noise the gLQG gains are not smaller throughout: they fall below the LQG gains only from
about 0.32 s on (where a noisy command has little time left to be corrected) and are larger before.

Original: https://compneuro-julia.github.io/chap13/13-3_optimal_feedback_control.html (13.3 最適フィードバック制御
モデル; source contents/chap13/13-3_optimal_feedback_control.ipynb and contents/motor-learning/
optimal-feedback-control.ipynb of github.com/compneuro-julia/compneuro-julia-management, after Todorov's MATLAB
gLQG code).

References
----------
Todorov, E. & Jordan, M. I. (2002). Optimal feedback control as a theory of motor coordination. Nat. Neurosci. 5,
1226–1235.
Todorov, E. (2005). Stochastic optimal control and estimation methods adapted to the noise characteristics of the
sensorimotor system. Neural Comput. 17, 1084–1108 (the gLQG iteration, eqs. 4–6 and the appendix).
Qian, N., Jiang, Y., Jiang, Z.-P. & Mazzoni, P. (2013). Movement duration, Fitts's law, and an infinite-horizon
optimal feedback control model for biological motor systems. Neural Comput. 25, 697–724 (the same plant in
continuous time; section 13.4).
Anderson, B. D. O. & Moore, J. B. (1979). Optimal Filtering, ch. 3 (the predictor form of the Kalman filter and
its algebraic Riccati limit). Prentice-Hall.
"""

import numpy as np

# The original's single-joint limb (the plant of Qian et al. 2013, section 13.4).
I_ARM = 0.25  # moment of inertia I, kg m²
B_VISC = 0.2  # viscosity b, N m s/rad
TAU_A = 0.03  # activation time constant t_a, s
TAU_E = 0.04  # excitation time constant t_e, s
OBS_NOISE = np.array([1e-3, 1e-2, 5e-2])  # diagonal of D_c: sensory noise of angle, velocity, acceleration (·√s)
PROCESS_NOISE = 0.03  # G_c = PROCESS_NOISE · I₄, additive motor noise (state unit/√s)
CONTROL_NOISE = 0.02  # Y_c = CONTROL_NOISE · B_c, control-dependent noise (per √s)

# The original's reach: from −0.5 rad to the target at 0 in 0.5 s.
DT = 0.01  # time step Δt, s
T_REACH = 0.5  # movement time T, s
N_STEPS = 50  # commands u_0 … u_{T−1}: T_REACH / DT
Q_FINAL = np.diag([1.0, 0.1, 1e-3, 1e-4])  # cost of the final state (angle, velocity, acceleration, jerk) at T only
R_TOTAL = 1e-4  # control cost summed over the reach: R = R_TOTAL / N_STEPS per step
X_START = np.array([-0.5, 0.0, 0.0, 0.0])  # initial state (rad, rad/s, rad/s², rad/s³), known exactly
N_RUNS = 10  # noisy runs per figure, as in the original
N_TRIALS = 4000  # Monte-Carlo trials of the discovery questions


def single_joint_arm():
    """The continuous-time single-joint limb dx = (A_c x + B_c u) dt + Y_c u dγ + G_c dW, dy = C_c x dt + D_c dV.

    Returns
    -------
    Ac : ndarray of shape (4, 4)
        State matrix, 1/s: a chain of integrators (angle → velocity → acceleration → jerk) whose last row is
        −(0, α₁, α₂, α₃).
    Bc : ndarray of shape (4, 1)
        Input matrix: b_u = 1/(t_a t_e I) in the last row.
    Cc : ndarray of shape (3, 4)
        Observation matrix [I₃ 0]: angle, velocity and acceleration are sensed.
    Dc : ndarray of shape (3, 3)
        Sensory noise intensities, diag(OBS_NOISE).
    Gc : ndarray of shape (4, 4)
        Additive motor noise intensities, PROCESS_NOISE · I.
    Yc : ndarray of shape (4, 1)
        Control-dependent noise, CONTROL_NOISE · B_c.
    """
    b_u = 1 / (TAU_A * TAU_E * I_ARM)
    alpha = np.array([0.0, b_u * B_VISC,
                      1 / (TAU_A * TAU_E) + (1 / TAU_A + 1 / TAU_E) * B_VISC / I_ARM,
                      B_VISC / I_ARM + 1 / TAU_A + 1 / TAU_E])
    Ac = np.eye(4, k=1)
    Ac[-1] = -alpha
    Bc = np.zeros((4, 1))
    Bc[-1, 0] = b_u
    Cc = np.eye(3, 4)
    return Ac, Bc, Cc, np.diag(OBS_NOISE), PROCESS_NOISE * np.eye(4), CONTROL_NOISE * Bc


def reach_costs(n_steps=N_STEPS):
    """The reach's costs: Q_t = 0 for t < T, Q_T = Q_FINAL, and R = R_TOTAL / n_steps.

    Returns
    -------
    Q : ndarray of shape (n_steps + 1, 4, 4)
        State costs Q_0 … Q_T.
    R : ndarray of shape (1, 1)
        Control cost per step.
    """
    Q = np.zeros((n_steps + 1, 4, 4))
    Q[-1] = Q_FINAL
    return Q, np.array([[R_TOTAL / n_steps]])


def discretize(Ac, Bc, Cc, Gc, Dc, Yc, dt):
    """The Euler–Maruyama discretisation of dx = (A_c x + B_c u) dt + Y_c u dγ + G_c dW, dy = C_c x dt + D_c dV.

    Over a step dt the Wiener increments are √dt times standard normals, so
    x_{t+1} = A x_t + B u_t + Y (ε_t ∘ u_t) + ξ_t and y_t = H x_t + ω_t with A = I + A_c dt, B = B_c dt,
    H = C_c dt, Y = Y_c √dt, and the covariances Ω_ξ = Cov(G_c √dt ε) = G_c G_cᵀ dt and Ω_ω = D_c D_cᵀ dt.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    Ac : ndarray of shape (n, n)
        State matrix, 1/s.
    Bc : ndarray of shape (n, m)
        Input matrix.
    Cc : ndarray of shape (p, n)
        Observation matrix.
    Gc : ndarray of shape (n, k)
        Additive motor noise intensities (k independent Wiener processes).
    Dc : ndarray of shape (p, q)
        Sensory noise intensities (q independent Wiener processes).
    Yc : ndarray of shape (n, m)
        Control-dependent noise: column j multiplies control j.
    dt : float
        Time step, s.

    Returns
    -------
    A : ndarray of shape (n, n)
    B : ndarray of shape (n, m)
    H : ndarray of shape (p, n)
        The observation matrix of the increments y_t = Δy.
    Y : ndarray of shape (n, m)
    Omega_xi : ndarray of shape (n, n)
        Covariance of the motor noise ξ_t per step.
    Omega_omega : ndarray of shape (p, p)
        Covariance of the sensory noise ω_t per step.
    """
    ### BEGIN SOLUTION
    Ac, Bc, Cc, Gc, Dc, Yc = (np.asarray(a, dtype=float) for a in (Ac, Bc, Cc, Gc, Dc, Yc))
    return (np.eye(len(Ac)) + Ac * dt, Bc * dt, Cc * dt, Yc * np.sqrt(dt),
            Gc @ Gc.T * dt, Dc @ Dc.T * dt)
    ### END SOLUTION


def lqr_gains(A, B, Q, R):
    """The finite-horizon LQR: feedback gains and cost-to-go matrices by the backward Riccati recursion.

    From S_T = Q_T backwards, for t = T − 1, …, 0:
    L_t = (R + Bᵀ S_{t+1} B)⁻¹ Bᵀ S_{t+1} A and S_t = Q_t + Aᵀ S_{t+1} (A − B L_t).
    The command u_t = −L_t x_t minimises Σ_{t<T} (x_tᵀ Q_t x_t + u_tᵀ R u_t) + x_Tᵀ Q_T x_T, whose minimum from x_0
    is x_0ᵀ S_0 x_0.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    A : ndarray of shape (n, n)
        State transition.
    B : ndarray of shape (n, m)
        Input matrix.
    Q : ndarray of shape (T + 1, n, n)
        State costs Q_0, …, Q_T (symmetric, positive semidefinite).
    R : ndarray of shape (m, m)
        Control cost per step (symmetric, positive definite).

    Returns
    -------
    L : ndarray of shape (T, m, n)
        Feedback gains L_0, …, L_{T−1}.
    S : ndarray of shape (T + 1, n, n)
        Cost-to-go matrices S_0, …, S_T.
    """
    ### BEGIN SOLUTION
    A, B, Q, R = (np.asarray(a, dtype=float) for a in (A, B, Q, R))
    n_steps = len(Q) - 1
    L = np.zeros((n_steps, B.shape[1], len(A)))
    S = np.zeros_like(Q)
    S[-1] = Q[-1]
    for t in range(n_steps - 1, -1, -1):
        L[t] = np.linalg.solve(R + B.T @ S[t + 1] @ B, B.T @ S[t + 1] @ A)
        S[t] = Q[t] + A.T @ S[t + 1] @ (A - B @ L[t])
    return L, S
    ### END SOLUTION


def kalman_gains(A, H, Omega_xi, Omega_omega, Sigma0, n_steps):
    """The Kalman filter's gains and predicted error covariances (predictor form, Todorov 2005).

    From Σ_0 forwards, for t = 0, …, T − 1:
    K_t = A Σ_t Hᵀ (H Σ_t Hᵀ + Ω_ω)⁻¹ and Σ_{t+1} = Ω_ξ + (A − K_t H) Σ_t Aᵀ,
    for the estimate x̂_{t+1} = A x̂_t + B u_t + K_t (y_t − H x̂_t), whose error x_t − x̂_t has covariance Σ_t.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    A : ndarray of shape (n, n)
        State transition.
    H : ndarray of shape (p, n)
        Observation matrix.
    Omega_xi : ndarray of shape (n, n)
        Covariance of the motor noise ξ_t.
    Omega_omega : ndarray of shape (p, p)
        Covariance of the sensory noise ω_t (positive definite).
    Sigma0 : ndarray of shape (n, n)
        Covariance of the initial error x_0 − x̂_0.
    n_steps : int
        Number of steps T.

    Returns
    -------
    K : ndarray of shape (T, n, p)
        Kalman gains K_0, …, K_{T−1}.
    Sigma : ndarray of shape (T + 1, n, n)
        Error covariances Σ_0, …, Σ_T.
    """
    ### BEGIN SOLUTION
    A, H, Omega_xi, Omega_omega = (np.asarray(a, dtype=float) for a in (A, H, Omega_xi, Omega_omega))
    K = np.zeros((n_steps, len(A), len(H)))
    Sigma = np.zeros((n_steps + 1, len(A), len(A)))
    Sigma[0] = Sigma0
    for t in range(n_steps):
        K[t] = A @ Sigma[t] @ H.T @ np.linalg.inv(H @ Sigma[t] @ H.T + Omega_omega)
        Sigma[t + 1] = Omega_xi + (A - K[t] @ H) @ Sigma[t] @ A.T
    return K, Sigma
    ### END SOLUTION


def simulate_lqg(A, B, H, L, K, Omega_xi, Omega_omega, Y, x0, n_trials, rng):
    """Independent runs of the reach under the controller u_t = −L_t x̂_t and the estimator with gains K_t.

    Every trial starts at x_0 = x̂_0 = ``x0`` (known exactly). Then, for t = 0, …, T − 1, with fresh noise in every
    step and trial:
    u_t = −L_t x̂_t,   y_t = H x_t + ω_t,   x_{t+1} = A x_t + B u_t + Y (ε_t ∘ u_t) + ξ_t,
    x̂_{t+1} = A x̂_t + B u_t + K_t (y_t − H x̂_t),
    with ξ_t ~ 𝒩(0, Ω_ξ), ω_t ~ 𝒩(0, Ω_ω) and ε_t ~ 𝒩(0, I_m) (one standard normal per control). The covariances may
    be singular (zeros for a run without that noise).

    Every random number is drawn from ``rng``, none from ``np.random``.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    A : ndarray of shape (n, n)
        State transition.
    B : ndarray of shape (n, m)
        Input matrix.
    H : ndarray of shape (p, n)
        Observation matrix.
    L : ndarray of shape (T, m, n)
        Feedback gains.
    K : ndarray of shape (T, n, p)
        Kalman gains.
    Omega_xi : ndarray of shape (n, n)
        Covariance of the motor noise ξ_t.
    Omega_omega : ndarray of shape (p, p)
        Covariance of the sensory noise ω_t.
    Y : ndarray of shape (n, m)
        Control-dependent noise: column j times ε_{t,j} u_{t,j} is added to x_{t+1}.
    x0 : ndarray of shape (n,)
        Initial state and initial estimate.
    n_trials : int
        Number of independent runs.
    rng : numpy.random.Generator
        The source of randomness.

    Returns
    -------
    x : ndarray of shape (n_trials, T + 1, n)
        States x_0, …, x_T of every trial.
    x_hat : ndarray of shape (n_trials, T + 1, n)
        Estimates x̂_0, …, x̂_T.
    u : ndarray of shape (n_trials, T, m)
        Commands u_0, …, u_{T−1} (as issued: −L_t x̂_t, before the control-dependent noise).
    """
    ### BEGIN SOLUTION
    A, B, H, L, K, Y = (np.asarray(a, dtype=float) for a in (A, B, H, L, K, Y))
    n_steps, n, m = len(L), len(A), B.shape[1]
    xi = rng.multivariate_normal(np.zeros(n), Omega_xi, size=(n_trials, n_steps))  # works for singular Ω
    omega = rng.multivariate_normal(np.zeros(len(H)), Omega_omega, size=(n_trials, n_steps))
    epsilon = rng.standard_normal((n_trials, n_steps, m))
    x = np.zeros((n_trials, n_steps + 1, n))
    x_hat = np.zeros_like(x)
    u = np.zeros((n_trials, n_steps, m))
    x[:, 0] = x_hat[:, 0] = x0
    for t in range(n_steps):  # trials in rows: a state x is a row, so A x is x @ A.T
        u[:, t] = -x_hat[:, t] @ L[t].T
        y = x[:, t] @ H.T + omega[:, t]
        x[:, t + 1] = x[:, t] @ A.T + u[:, t] @ B.T + (epsilon[:, t] * u[:, t]) @ Y.T + xi[:, t]
        x_hat[:, t + 1] = x_hat[:, t] @ A.T + u[:, t] @ B.T + (y - x_hat[:, t] @ H.T) @ K[t].T
    return x, x_hat, u
    ### END SOLUTION


def glqg_gains(A, B, H, Y, Omega_xi, Omega_omega, Q, R, x0, Sigma0, max_iter=200, tol=1e-8):
    """Todorov's (2005) generalised LQG: controller and filter for control-dependent noise, by alternation.

    Starting from L = 0, each iteration (1) runs the filter forward for the current L, where the control-dependent
    noise adds Y diag(E[u_t ∘ u_t]) Yᵀ to the error covariance and E[u uᵀ] = L_t E[x̂ x̂ᵀ] L_tᵀ; (2) runs the
    controller backward for the current K, with the extra control cost diag(Yᵀ(S^x + S^e)Y); (3) computes the
    expected cost of the pair, and stops when it changes by less than ``tol``. With Y = 0 the first iteration gives
    the LQG pair (``lqr_gains``, ``kalman_gains``).

    Parameters
    ----------
    A, B, H, Y, Omega_xi, Omega_omega : ndarray
        The discrete model of ``discretize``.
    Q : ndarray of shape (T + 1, n, n)
        State costs.
    R : ndarray of shape (m, m)
        Control cost per step.
    x0 : ndarray of shape (n,)
        Mean initial state (and initial estimate).
    Sigma0 : ndarray of shape (n, n)
        Covariance of the initial state.
    max_iter : int, default 200
        Largest number of iterations.
    tol : float, default 1e-8
        Convergence threshold of the expected cost.

    Returns
    -------
    L : ndarray of shape (T, m, n)
        Feedback gains.
    K : ndarray of shape (T, n, p)
        Filter gains.
    costs : ndarray of shape (n_iterations,)
        The expected cost after each iteration.
    """
    A, B, H, Y, Omega_xi, Omega_omega, Q, R = (np.asarray(a, dtype=float)
                                               for a in (A, B, H, Y, Omega_xi, Omega_omega, Q, R))
    n_steps, n, m = len(Q) - 1, len(A), B.shape[1]
    L, K, costs = np.zeros((n_steps, m, n)), np.zeros((n_steps, n, len(H))), []
    for _ in range(max_iter):
        error_cov, estimate_moment = np.array(Sigma0, dtype=float), np.outer(x0, x0)  # Σᵉ, E[x̂ x̂ᵀ]
        for t in range(n_steps):  # the filter for the current controller
            K[t] = A @ error_cov @ H.T @ np.linalg.inv(H @ error_cov @ H.T + Omega_omega)
            closed = A - B @ L[t]
            command_power = np.diag(L[t] @ estimate_moment @ L[t].T)  # E[u_j²]
            estimate_moment = K[t] @ H @ error_cov @ A.T + closed @ estimate_moment @ closed.T
            error_cov = Omega_xi + (A - K[t] @ H) @ error_cov @ A.T + (Y * command_power) @ Y.T
        state_cost, error_cost, cost = Q[-1].copy(), np.zeros((n, n)), 0.0  # S^x, S^e
        for t in range(n_steps - 1, -1, -1):  # the controller for the current filter
            cost += np.trace(state_cost @ Omega_xi + error_cost @ (Omega_xi + K[t] @ Omega_omega @ K[t].T))
            noise_cost = np.diag(np.diag(Y.T @ (state_cost + error_cost) @ Y))
            L[t] = np.linalg.solve(R + B.T @ state_cost @ B + noise_cost, B.T @ state_cost @ A)
            leak = A - K[t] @ H
            error_cost = A.T @ state_cost @ B @ L[t] + leak.T @ error_cost @ leak
            state_cost = Q[t] + A.T @ state_cost @ (A - B @ L[t])
        costs.append(cost + x0 @ state_cost @ x0 + np.trace((state_cost + error_cost) @ Sigma0))
        if len(costs) > 1 and abs(costs[-1] - costs[-2]) < tol:
            break
    return L, K, np.array(costs)


def closed_loop_moments(A, B, H, L, K, Omega_xi, Omega_omega, Y, x0):
    """The exact mean and covariance of (x_t, x̂_t) under ``simulate_lqg``'s dynamics (no sampling).

    z = (x, x̂) evolves as z_{t+1} = F_t z_t + noise with F_t = [[A, −B L_t], [K_t H, A − B L_t − K_t H]]; its second
    moment M = E[z zᵀ] obeys M_{t+1} = F_t M_t F_tᵀ + N_t, where N_t has Ω_ξ + Y diag(E[u_t ∘ u_t]) Yᵀ in the x block
    and K_t Ω_ω K_tᵀ in the x̂ block (the sensory noise enters x̂ only, the motor noise x only), and
    E[u uᵀ] = L_t E[x̂ x̂ᵀ] L_tᵀ.

    Returns
    -------
    mean : ndarray of shape (T + 1, 2n)
        E[(x_t, x̂_t)].
    covariance : ndarray of shape (T + 1, 2n, 2n)
        Cov[(x_t, x̂_t)].
    """
    A, B, H, L, K, Y = (np.asarray(a, dtype=float) for a in (A, B, H, L, K, Y))
    n_steps, n = len(L), len(A)
    mean = np.zeros((n_steps + 1, 2 * n))
    moment = np.zeros((n_steps + 1, 2 * n, 2 * n))
    mean[0] = np.concatenate([x0, x0])
    moment[0] = np.outer(mean[0], mean[0])
    for t in range(n_steps):
        feedback, correction = B @ L[t], K[t] @ H
        F = np.block([[A, -feedback], [correction, A - feedback - correction]])
        noise = np.zeros((2 * n, 2 * n))
        command_power = np.diag(L[t] @ moment[t, n:, n:] @ L[t].T)
        noise[:n, :n] = Omega_xi + (Y * command_power) @ Y.T
        noise[n:, n:] = K[t] @ Omega_omega @ K[t].T
        mean[t + 1] = F @ mean[t]
        moment[t + 1] = F @ moment[t] @ F.T + noise
    return mean, moment - np.einsum("ti,tj->tij", mean, mean)


def reach_model(dt=DT):
    """The discrete reach: ``discretize`` of ``single_joint_arm()`` with the step dt."""
    Ac, Bc, Cc, Dc, Gc, Yc = single_joint_arm()
    return discretize(Ac, Bc, Cc, Gc, Dc, Yc, dt)


def reach_lqg():
    """The LQG pair (L, K) of the reach: ``lqr_gains`` and ``kalman_gains`` (Σ_0 = 0)."""
    A, B, H, Y, Omega_xi, Omega_omega = reach_model()
    return lqr_gains(A, B, *reach_costs())[0], kalman_gains(A, H, Omega_xi, Omega_omega, np.zeros((4, 4)), N_STEPS)[0]


def reach_controllers():
    """The LQG pair (L, K) and the gLQG pair (L, K) of the reach (X_START, Σ_0 = 0)."""
    A, B, H, Y, Omega_xi, Omega_omega = reach_model()
    glqg = glqg_gains(A, B, H, Y, Omega_xi, Omega_omega, *reach_costs(), X_START, np.zeros((4, 4)))[:2]
    return reach_lqg(), glqg


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions (exactly, from the closed-loop moments; the question asks for a Monte-Carlo estimate); tests/test_checks.py
# holds the checks' expected values to these.
def _final_angle_sd(L, K):
    A, B, H, Y, Omega_xi, Omega_omega = reach_model()
    covariance = closed_loop_moments(A, B, H, L, K, Omega_xi, Omega_omega, Y, X_START)[1]
    return np.sqrt(covariance[-1, 0, 0])


def endpoint_sd():
    """The standard deviation of the final joint angle θ_T, in mrad, of the reach under the LQG controller (L from
    lqr_gains, K from kalman_gains with the right covariances) in the world with all three noises (Ω_ξ, Ω_ω, Y)."""
    (L, K), _ = reach_controllers()
    return float(1e3 * _final_angle_sd(L, K))


def sd_ratio():
    """The standard deviation of the final joint angle under the LQG controller divided by that under the gLQG
    controller, both in the world with all three noises."""
    lqg, glqg = reach_controllers()
    return float(_final_angle_sd(*lqg) / _final_angle_sd(*glqg))
