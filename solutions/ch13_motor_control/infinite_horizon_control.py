"""The infinite-horizon optimal feedback control model of reaching (section 13.4, 無限時間最適制御モデル).

Qian, Jiang, Jiang & Mazzoni (2013) control a linear plant with signal-dependent (control-dependent) and
signal-independent noise by a steady-state controller and estimator applied continuously, with no preset
movement duration. In Itô form, with Brownian motions γ (scalar), ω and ξ,

    dx = (A x + B u) dt + Y u dγ + G dω          (plant)
    dy = C x dt + D dξ                            (observation)
    dx̂ = (A x̂ + B u) dt + K (dy − C x̂ dt)          (estimator),   u = −L x̂   (controller).

With the estimation error x̃ = x − x̂, the augmented state X = (x, x̃) obeys the linear Itô equation
dX = Ā X dt + Ȳ X dγ + Ḡ dω̄, dω̄ = (dω, dξ), with

    Ā = [[A − BL, BL], [0, A − KC]],   Ȳ = [[−YL, YL], [−YL, YL]],   Ḡ = [[G, 0], [G, −KD]],

and the cost rate xᵀQx + uᵀRu + x̃ᵀUx̃ = Xᵀ V X with V = [[Q + LᵀRL, −LᵀRL], [−LᵀRL, LᵀRL + U]]. For fixed
gains, the steady-state second moment P = E[X Xᵀ] and the cost-to-go matrix S solve the generalised Lyapunov
equations (Qian et al. 2013)

    Ā P + P Āᵀ + Ȳ P Ȳᵀ + Ḡ Ḡᵀ = 0,      Āᵀ S + S Ā + Ȳᵀ S Ȳ + V = 0,

and the cost per unit time is tr(V P) = tr(S Ḡ Ḡᵀ). Qian et al. iterate: solve both equations for the current
gains, then update

    K = P₂₂ Cᵀ (D Dᵀ)⁻¹,      L = (R + Yᵀ (S₁₁ + S₂₂) Y)⁻¹ Bᵀ S₁₁,

until the gains stop changing. A linear matrix equation is solved with the vec/Kronecker identity
vec(A X B) = (Bᵀ ⊗ A) vec(X): (I ⊗ A + A ⊗ I + Y ⊗ Y) vec(X) = −vec(Q) for A X + X Aᵀ + Y X Yᵀ + Q = 0.
Without signal-dependent noise (Y = 0) the two updates decouple into Kleinman's (1968) iteration for the
controller and its dual for the filter (Newton's method on the algebraic Riccati equations): the fixed point is the
LQR gain L = R⁻¹BᵀS₁₁ with S₁₁ the solution of the control algebraic Riccati equation and the Kalman–Bucy gain with
P₂₂ the solution of the filter Riccati equation, reached quadratically from stabilising gains. With Y ≠ 0 the fixed
point is a stationary point of the cost per unit time over (L, K) (checked in tests/references against a direct
numerical minimisation), and the gains are lower than without signal-dependent noise.

The plant is the single-joint arm of Todorov (2005): a joint of inertia I and viscosity b driven by a torque that
passes through two first-order muscle filters (activation t_a, excitation t_e), so
(t_a s + 1)(t_e s + 1)(I s² + b s) θ = u; the state is (θ, θ̇, θ̈, θ⃛), the command u in N·m, and the sensors report
angle, velocity and acceleration.

Corrected here:
- The original starts the iteration from random gains (entries uniform in [0, 1)). Many such starts do not
  stabilise the loop (14 of 40 seeded starts in tests/references), and for an unstable loop the Lyapunov solutions
  are no costs: with Y ≠ 0, 3 of the 40 converge to a fixed point with a negative position gain, under which the
  loop is unstable. Here the iteration starts from stabilising gains (INITIAL_L, INITIAL_K).
- The original labels the angle "position (m)" and the initial state −0.5 m; with I in kg m² and b in N m s/rad the
  state is a joint angle: here in rad.
- The original plots the samples at t = (1, …, n) dt, one step late; here t_k = k dt, k = 0, …, n.

Original: https://compneuro-julia.github.io/chap13/13-4_infinite_horizon_ofc.html (13.4 無限時間最適制御モデル, 2021;
source contents/chap13/13-4_infinite_horizon_ofc.ipynb of github.com/compneuro-julia/compneuro-julia-management).

References
----------
Qian, N., Jiang, Y., Jiang, Z.-P. & Mazzoni, P. (2013). Movement duration, Fitts's law, and an infinite-horizon
optimal feedback control model for biological motor systems. Neural Comput. 25, 697–724.
Todorov, E. (2005). Stochastic optimal control and estimation methods adapted to the noise characteristics of the
sensorimotor system. Neural Comput. 17, 1084–1108 (the single-joint plant).
Kleinman, D. L. (1968). On an iterative technique for Riccati equation computations. IEEE Trans. Autom. Control 13,
114–115.
Li, Z., Mazzoni, P., Song, S. & Qian, N. (2018). A single, continuously applied control policy for modeling reaching
movements with and without perturbation. Neural Comput. 30, 397–427 (the target jump).
Kloeden, P. E. & Platen, E. (1992). Numerical Solution of Stochastic Differential Equations, §9.1 (Euler–Maruyama).
Springer.
"""

import numpy as np

# Todorov (2005), as in the original: the single-joint arm.
INERTIA = 0.25  # moment of inertia I, kg m²
VISCOSITY = 0.2  # viscosity b, N m s/rad
TAU_ACTIVATION = 0.03  # muscle activation time constant t_a, s
TAU_EXCITATION = 0.04  # muscle excitation time constant t_e, s

# Qian et al. (2013) noise and cost, as in the original.
SIGNAL_DEPENDENT_NOISE = 0.02  # Y = 0.02 B (the command's noise has a standard deviation of 2 % of B u per √s)
PROCESS_NOISE = 0.03  # G = 0.03 I₄ (each state's noise, in its unit per √s)
SENSOR_NOISE = np.array([1e-3, 1e-2, 5e-2])  # D = diag(…): angle rad, velocity rad/s, acceleration rad/s², × √s
COST = {
    "Q": np.diag([1.0, 0.01, 0.0, 0.0]),  # state cost, per s
    "R": np.array([[1e-4]]),  # command cost, per (N m)² s
    "U": np.diag([1.0, 0.1, 0.01, 0.0]),  # estimation-error cost, per s
}

# The simulation of the original: 2 s in steps of 1 ms from −0.5 rad, 10 noisy trials.
DT = 0.001  # s
DURATION = 2.0  # s
X0 = np.array([-0.5, 0.0, 0.0, 0.0])  # initial state (rad, rad/s, rad/s², rad/s³); the target is θ = 0
N_TRIALS = 10

# Stabilising initial gains (chosen here; the original draws them at random).
INITIAL_L = np.array([[1.0, 0.0, 0.0, 0.0]])  # N m/rad, …
INITIAL_K = np.vstack([np.eye(3), np.zeros((1, 3))])  # 1/s

# The target jump of Li et al. (2018), as in the original: the target moves 0.1 rad at 0.4 s.
JUMP_TIME = 0.4  # s
JUMP_SIZE = 0.1  # rad


def arm_plant(signal_dependent_noise=SIGNAL_DEPENDENT_NOISE):
    """The single-joint arm of Todorov (2005) with the noise of Qian et al. (2013).

    Parameters
    ----------
    signal_dependent_noise : float
        The factor c of Y = c B (0 for a plant without signal-dependent noise).

    Returns
    -------
    dict
        The plant's matrices: "A" (4, 4) in 1/s, "B" (4, 1), "C" (3, 4), "D" (3, 3), "G" (4, 4), "Y" (4, 1).
    """
    b_u = 1 / (TAU_ACTIVATION * TAU_EXCITATION * INERTIA)
    alpha_1 = b_u * VISCOSITY
    alpha_2 = 1 / (TAU_ACTIVATION * TAU_EXCITATION) + (1 / TAU_ACTIVATION + 1 / TAU_EXCITATION) * VISCOSITY / INERTIA
    alpha_3 = VISCOSITY / INERTIA + 1 / TAU_ACTIVATION + 1 / TAU_EXCITATION
    A = np.zeros((4, 4))
    A[:3, 1:] = np.eye(3)  # each state is the derivative of the one before
    A[3] = [0.0, -alpha_1, -alpha_2, -alpha_3]
    B = np.array([[0.0], [0.0], [0.0], [b_u]])
    return {"A": A, "B": B, "C": np.eye(3, 4), "D": np.diag(SENSOR_NOISE), "G": PROCESS_NOISE * np.eye(4),
            "Y": signal_dependent_noise * B}


def lyapunov_solve(A, Q, Y=None):
    """The solution X of the generalised Lyapunov equation A X + X Aᵀ + Y X Yᵀ + Q = 0, by the vec/Kronecker trick.

    With vec stacking the columns, vec(A X B) = (Bᵀ ⊗ A) vec(X), so the equation reads
    (I ⊗ A + A ⊗ I + Y ⊗ Y) vec(X) = −vec(Q): one linear system of n² unknowns.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    A : ndarray of shape (n, n)
    Q : ndarray of shape (n, n)
        Not necessarily symmetric.
    Y : ndarray of shape (n, n), optional
        The multiplicative-noise term; None (or zeros) for the ordinary Lyapunov equation A X + X Aᵀ + Q = 0.

    Returns
    -------
    ndarray of shape (n, n)
        X.
    """
    ### BEGIN SOLUTION
    n = len(A)
    identity = np.eye(n)
    operator = np.kron(identity, A) + np.kron(A, identity)
    if Y is not None:
        operator = operator + np.kron(Y, Y)
    vec_q = np.reshape(Q, n * n, order="F")  # the columns of Q, one after the other
    return np.reshape(np.linalg.solve(operator, -vec_q), (n, n), order="F")
    ### END SOLUTION


def augmented_system(plant, cost, L, K):
    """The matrices of the augmented state X = (x, x̃), x̃ = x − x̂, under the gains L and K (Qian et al. 2013).

    Ā = [[A − BL, BL], [0, A − KC]], Ȳ = [[−YL, YL], [−YL, YL]], Ḡ = [[G, 0], [G, −KD]] and
    V = [[Q + LᵀRL, −LᵀRL], [−LᵀRL, LᵀRL + U]], so that dX = Ā X dt + Ȳ X dγ + Ḡ dω̄ and the cost rate is XᵀVX.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    plant : dict
        "A" (n, n), "B" (n, m), "C" (p, n), "D" (p, p), "G" (n, q), "Y" (n, m).
    cost : dict
        "Q" (n, n), "R" (m, m), "U" (n, n).
    L : ndarray of shape (m, n)
        Feedback gain, u = −L x̂.
    K : ndarray of shape (n, p)
        Filter gain.

    Returns
    -------
    A_bar : ndarray of shape (2n, 2n)
    Y_bar : ndarray of shape (2n, 2n)
    G_bar : ndarray of shape (2n, q + p)
    V : ndarray of shape (2n, 2n)
    """
    ### BEGIN SOLUTION
    A, B, C, D, G, Y = (plant[key] for key in ("A", "B", "C", "D", "G", "Y"))
    BL, YL, LRL = B @ L, Y @ L, L.T @ cost["R"] @ L
    A_bar = np.block([[A - BL, BL], [np.zeros_like(A), A - K @ C]])
    Y_bar = np.block([[-YL, YL], [-YL, YL]])
    G_bar = np.block([[G, np.zeros((len(A), len(D)))], [G, -K @ D]])
    V = np.block([[cost["Q"] + LRL, -LRL], [-LRL, LRL + cost["U"]]])
    return A_bar, Y_bar, G_bar, V
    ### END SOLUTION


def controller_gain(B, Y, R, S):
    """Qian et al.'s (2013) update of the feedback gain, L = (R + Yᵀ(S₁₁ + S₂₂)Y)⁻¹ Bᵀ S₁₁.

    S₁₁ and S₂₂ are the upper-left and lower-right n × n blocks of the cost-to-go matrix S of the augmented system.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    B : ndarray of shape (n, m)
    Y : ndarray of shape (n, m)
        Signal-dependent noise.
    R : ndarray of shape (m, m)
        Command cost.
    S : ndarray of shape (2n, 2n)

    Returns
    -------
    ndarray of shape (m, n)
        L.
    """
    ### BEGIN SOLUTION
    n = len(B)
    S_11, S_22 = S[:n, :n], S[n:, n:]
    return np.linalg.solve(R + Y.T @ (S_11 + S_22) @ Y, B.T @ S_11)
    ### END SOLUTION


def filter_gain(C, D, P):
    """Qian et al.'s (2013) update of the filter gain, K = P₂₂ Cᵀ (D Dᵀ)⁻¹.

    P₂₂ is the lower-right n × n block of the second moment P of the augmented system (the covariance of the
    estimation error x̃).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    C : ndarray of shape (p, n)
    D : ndarray of shape (p, p)
        Sensor noise (invertible).
    P : ndarray of shape (2n, 2n)

    Returns
    -------
    ndarray of shape (n, p)
        K.
    """
    ### BEGIN SOLUTION
    n = C.shape[1]
    return P[n:, n:] @ C.T @ np.linalg.inv(D @ D.T)
    ### END SOLUTION


def infinite_horizon_ofc(plant, cost, L0, K0, tol=1e-8, max_iter=100):
    """The gains of Qian et al.'s (2013) infinite-horizon optimal feedback controller, by their iteration.

    Starting from (L, K) = (L0, K0), repeat: build the augmented system (``augmented_system``), solve
    Āᵀ S + S Ā + Ȳᵀ S Ȳ + V = 0 and Ā P + P Āᵀ + Ȳ P Ȳᵀ + Ḡ Ḡᵀ = 0 (``lyapunov_solve``), and replace the gains by
    ``controller_gain`` and ``filter_gain`` of these S and P. Stop when the sums of the absolute changes of L and of K
    are both below ``tol``, or after ``max_iter`` updates.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    plant, cost : dict
        As in ``augmented_system``.
    L0 : ndarray of shape (m, n)
    K0 : ndarray of shape (n, p)
        Initial gains; they must make the augmented system stable.
    tol : float
        Tolerance on Σ|ΔL| and on Σ|ΔK|.
    max_iter : int
        Largest number of updates.

    Returns
    -------
    L : ndarray of shape (m, n)
    K : ndarray of shape (n, p)
        The gains after the last update.
    """
    ### BEGIN SOLUTION
    L, K = L0, K0
    for _ in range(max_iter):
        A_bar, Y_bar, G_bar, V = augmented_system(plant, cost, L, K)
        S = lyapunov_solve(A_bar.T, V, Y_bar.T)
        P = lyapunov_solve(A_bar, G_bar @ G_bar.T, Y_bar)
        L_new, K_new = controller_gain(plant["B"], plant["Y"], cost["R"], S), filter_gain(plant["C"], plant["D"], P)
        converged = np.sum(np.abs(L_new - L)) < tol and np.sum(np.abs(K_new - K)) < tol
        L, K = L_new, K_new
        if converged:
            break
    return L, K
    ### END SOLUTION


def simulate_ofc(plant, L, K, x0, dt, n_steps, n_trials, rng, x_hat0=None):
    """Trials of the controlled plant, by the Euler–Maruyama method.

    In every step k (t_k = k dt), with u_k = −L x̂_k and independent standard normal γ_k (one per trial),
    ω_k (q per trial) and ξ_k (p per trial),

        x_{k+1} = x_k + (A x_k + B u_k) dt + √dt (Y u_k γ_k + G ω_k),
        dy_k = C x_k dt + √dt D ξ_k,
        x̂_{k+1} = x̂_k + (A x̂_k + B u_k) dt + K (dy_k − C x̂_k dt).

    The input arrays must stay unchanged (no in-place updates).
    Every random number is drawn from ``rng``, none from ``np.random``.

    Parameters
    ----------
    plant : dict
        "A" (n, n), "B" (n, m), "C" (p, n), "D" (p, p), "G" (n, q), "Y" (n, m); set "G", "D" and "Y" to zeros for a
        noise-free run.
    L : ndarray of shape (m, n)
    K : ndarray of shape (n, p)
    x0 : ndarray of shape (n,) or (n_trials, n)
        Initial state, the same for every trial or one per trial.
    dt : float
        Time step, s.
    n_steps : int
        Number of steps.
    n_trials : int
        Number of independent trials.
    rng : numpy.random.Generator
    x_hat0 : ndarray of shape (n,) or (n_trials, n), optional
        Initial estimate; ``x0`` if None.

    Returns
    -------
    x : ndarray of shape (n_steps + 1, n_trials, n)
        States at the times k dt, k = 0, …, n_steps.
    x_hat : ndarray of shape (n_steps + 1, n_trials, n)
        Estimates at the same times.
    u : ndarray of shape (n_steps, n_trials, m)
        Commands u_k, k = 0, …, n_steps − 1.
    """
    ### BEGIN SOLUTION
    A, B, C, D, G, Y = (plant[key] for key in ("A", "B", "C", "D", "G", "Y"))
    n, m, p, q = len(A), B.shape[1], len(C), G.shape[1]
    x = np.zeros((n_steps + 1, n_trials, n))
    x_hat = np.zeros_like(x)
    u = np.zeros((n_steps, n_trials, m))
    x[0] = x0
    x_hat[0] = x0 if x_hat0 is None else x_hat0
    sqrt_dt = np.sqrt(dt)  # the noise of every step and trial, drawn at once: dγ, G dω and D dξ
    d_gamma = sqrt_dt * rng.standard_normal((n_steps, n_trials, 1))
    process = sqrt_dt * rng.standard_normal((n_steps, n_trials, q)) @ G.T
    sensory = sqrt_dt * rng.standard_normal((n_steps, n_trials, p)) @ D.T
    for k in range(n_steps):  # states as rows: x Aᵀ is A x for every trial
        u[k] = -x_hat[k] @ L.T
        x[k + 1] = x[k] + (x[k] @ A.T + u[k] @ B.T) * dt + d_gamma[k] * (u[k] @ Y.T) + process[k]
        dy = x[k] @ C.T * dt + sensory[k]
        x_hat[k + 1] = x_hat[k] + (x_hat[k] @ A.T + u[k] @ B.T) * dt + (dy - x_hat[k] @ C.T * dt) @ K.T
    return x, x_hat, u
    ### END SOLUTION


def steady_state(plant, cost, L, K):
    """The steady-state second moment P, cost-to-go S and cost per unit time tr(V P) under the gains L and K."""
    A_bar, Y_bar, G_bar, V = augmented_system(plant, cost, L, K)
    P = lyapunov_solve(A_bar, G_bar @ G_bar.T, Y_bar)
    S = lyapunov_solve(A_bar.T, V, Y_bar.T)
    return P, S, float(np.trace(V @ P))


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
def holding_sd():
    """The standard deviation of the joint angle about the target once the movement is over (steady state), in
    mrad to 0.1, for Qian et al.'s controller of the arm with signal-dependent noise: √P[0, 0] of the Lyapunov
    solution P."""
    plant = arm_plant()
    L, K = infinite_horizon_ofc(plant, COST, INITIAL_L, INITIAL_K)
    P = steady_state(plant, COST, L, K)[0]
    return float(round(1000 * np.sqrt(P[0, 0]), 1))


def noise_blind_cost_ratio():
    """The cost per unit time tr(V P) of the noise-blind gains (the fixed point for Y = 0) applied to the arm with
    signal-dependent noise, divided by that of Qian et al.'s gains for it, to three decimals."""
    plant = arm_plant()
    blind = infinite_horizon_ofc(arm_plant(0.0), COST, INITIAL_L, INITIAL_K)
    aware = infinite_horizon_ofc(plant, COST, INITIAL_L, INITIAL_K)
    return float(round(steady_state(plant, COST, *blind)[2] / steady_state(plant, COST, *aware)[2], 3))
