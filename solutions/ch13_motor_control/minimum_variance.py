"""The minimum-variance model of saccades (section 13.2, 終点誤差分散最小モデル).

Harris & Wolpert (1998) proposed that the motor command is corrupted by noise whose standard
deviation grows with the command (signal-dependent noise), and that the brain chooses the command
that minimises the variance of the final position: a large, brief command reaches the target fast
but scatters widely, so the optimum trades speed for accuracy. For saccades the eye is a linear plant
(Robinson's time constants τ₁ = 224 ms and τ₂ = 13 ms; a third-order plant adds a muscle activation
time constant τ_m = 10 ms). Here the plant is written with a unit steady-state gain,

    τ₁τ₂ ẍ + (τ₁ + τ₂) ẋ + x = u     (and  (τ_m s + 1)(τ₁ s + 1)(τ₂ s + 1) x = u  for the third order),

so that a constant command u holds the eye at x = u degrees. In the state space ẋ = A_c x + B_c u
(state: position, velocity, acceleration) discretised exactly with a zero-order hold of dt,

    x_{t+1} = A x_t + B u_t (1 + ξ_t),   ξ_t ~ 𝒩(0, k) independent,
    A = e^{A_c dt},  B = ∫₀^dt e^{A_c s} ds B_c = A_c⁻¹(e^{A_c dt} − I) B_c.

The mean and covariance then obey E[x_{t+1}] = A E[x_t] + B u_t and
Σ_{t+1} = A Σ_t Aᵀ + k u_t² B Bᵀ (Σ_0 = 0), i.e. Σ_t = k Σ_{t'<t} u_{t'}² h_{t−t'−1} h_{t−t'−1}ᵀ with the
impulse responses h_p = A^p B. The movement lasts T_m steps and a post-movement period T_p steps; the
command u_0, …, u_{T−1} (T = T_m + T_p) minimises the positional variance summed over the post-movement
period, F = Σ_{t=T_m}^{T} [Σ_t]_{00} = k Σ_{t'} V_{t'} u_{t'}², V_{t'} = Σ_{t=max(T_m, t'+1)}^{T} (h_{t−t'−1})_0²,
subject to the mean being at the target x_f at every t = T_m, …, T: a quadratic programme with equality
constraints, solved through its KKT system.

Corrected here:
- The original stacks the n(T_p + 1) conditions E[x_t] = x_f, t = T_m … T, as constraint rows. Only n + T_p
  of them are independent (once E[x_{T_m}] = x_f, E[x_{t+1}] = x_f holds exactly when B u_t = (I − A) x_f), so
  its KKT matrix is singular (condition number ~1e20) and Julia's ``K \\ rhs`` returns an answer only through
  round-off: with numpy's LU solve the same system gives, for the 2nd-order plant, a command that meets the
  constraints but is far from the optimum. Here the constraints are the n conditions at T_m and the T_p holding
  commands u_t = u_hold, B u_hold = (I − A) x_f: the same feasible set, with a nonsingular KKT matrix.
- The original's 13.2 page (contents/chap13/13-2_minimum_variance.ipynb) discretises with
  B = A_c⁻¹(I − e^{A_c dt}) B_c, the negative of the zero-order hold (its optimal command comes out with the
  wrong sign); its later page uses the Euler step A = I + A_c dt, B = B_c dt. Here: the exact zero-order hold,
  ``zoh_discretize`` of section 1.1 (the notebook's Figure 1 compares it with the Euler step).
- The book version starts the covariance at B u_0² Bᵀ instead of 0 (the initial state is known) and counts the
  first command's noise twice; its weights V for the post-movement commands grow instead of shrink (harmless,
  since those commands are fixed by the constraints).
- The original's B_c = (0, 1) and (0, 0, 1/τ_m) give the plant a steady-state gain of τ₁τ₂ (u in deg/s²); here
  the gain is 1 (u in degrees). The trajectory and every variance are unchanged: scaling B by c scales the
  optimal u by 1/c, and the noise, proportional to u, with it.
- The 13.2 page holds the eye for 20 ms after the movement, its later page and the book for 30 and 40 ms; here
  30 ms.

After the movement the positional variance keeps changing although the mean eye is still: at T_m the velocity
and (third order) the muscle's acceleration still vary from trial to trial, and the plant turns that variance into
positional variance over the next tens of ms. The holding command's own noise adds little (for the 10° saccade,
0.15 % of the third-order plant's final variance).

The noise variance k is free in the original (k = 1 there, where it does not change the optimal command);
K_NOISE = 0.01 here (the command's standard deviation is 10 % of the command), chosen for the figures.

Original: https://compneuro-julia.github.io/ (section 13.2, 終点誤差分散最小モデル; source
contents/chap13/13-2_minimum_variance.ipynb and contents/motor-learning/minimum-variance.ipynb of
compneuro-julia/compneuro-julia-management), after Tanaka's lecture notes (motorcontrol.jp MC13, 2019).

References
----------
Harris, C. M. & Wolpert, D. M. (1998). Signal-dependent noise determines motor planning. Nature 394,
780–784 (saccades with second- and third-order plants; the speed–accuracy trade-off).
Robinson, D. A. (1964). The mechanics of human saccadic eye movement. J. Physiol. 174, 245–264.
van Beers, R. J. (2008). Saccadic eye movements minimize the consequences of motor noise. PLoS ONE 3, e2070.
Nocedal, J. & Wright, S. J. (2006). Numerical Optimization, 2nd ed., ch. 16.1 (the KKT system). Springer.
"""

import numpy as np

from solutions.ch01_introduction.numerical_methods import zoh_discretize
from solutions.ch13_motor_control.minimum_jerk import equality_qp

# Harris & Wolpert (1998): the saccadic eye plant (Robinson 1964) and the muscle's activation.
TAU_1 = 0.224  # slow time constant of the eye plant τ₁, s
TAU_2 = 0.013  # fast time constant of the eye plant τ₂, s
TAU_M = 0.010  # muscle activation time constant τ_m of the third-order plant, s
DT = 0.001  # time step dt, s
N_MOVE = 50  # movement duration T_m, steps of DT (50 ms)
N_POST = 30  # post-movement period T_p, steps of DT (30 ms)
TARGET = 10.0  # saccade amplitude, deg
K_NOISE = 0.01  # variance k of the noise ξ, dimensionless (chosen here; the optimal command does not depend on it)

# The original's last figure: amplitude and duration grow together, as in real saccades.
AMPLITUDES = np.array([5.0, 10.0, 20.0, 30.0, 40.0, 50.0])  # deg
DURATIONS = np.array([40, 50, 75, 100, 125, 150])  # movement durations, steps of DT (ms)


def eye_plant(time_constants):
    """The continuous eye plant ẋ = A_c x + B_c u of unit steady-state gain with the given time constants.

    The position obeys Π_i (τ_i d/dt + 1) x = u; the state is (position, velocity, acceleration, …) and A_c is the
    companion matrix of the characteristic polynomial Π_i (s + 1/τ_i). B_c = (0, …, 0, Π_i 1/τ_i), so a constant
    command u holds the eye at x = u.

    Parameters
    ----------
    time_constants : sequence of float
        The n time constants τ_i, s.

    Returns
    -------
    Ac : ndarray of shape (n, n)
        1/s.
    Bc : ndarray of shape (n,)
        1/sⁿ.
    """
    rates = 1 / np.asarray(time_constants, dtype=float)
    polynomial = np.poly(-rates)  # sⁿ + a_{n−1}sⁿ⁻¹ + … + a₀, highest power first
    n = len(rates)
    Ac = np.eye(n, k=1)
    Ac[-1] = -polynomial[:0:-1]  # −(a₀, a₁, …, a_{n−1})
    Bc = np.zeros(n)
    Bc[-1] = polynomial[-1]  # a₀ = Π 1/τ_i: unit gain
    return Ac, Bc


def discrete_eye_plant(time_constants, dt=DT):
    """(A, B) of ``eye_plant(time_constants)`` discretised exactly with ``zoh_discretize`` (section 1.1), B as a
    vector of shape (n,)."""
    Ac, Bc = eye_plant(time_constants)
    A, B = zoh_discretize(Ac, Bc[:, None], dt)
    return A, B[:, 0]


def variance_propagation(A, B, u, k, x0):
    """The mean and covariance of x_{t+1} = A x_t + B u_t (1 + ξ_t), ξ_t ~ 𝒩(0, k), from the known state x0.

    E[x_{t+1}] = A E[x_t] + B u_t and Σ_{t+1} = A Σ_t Aᵀ + k u_t² B Bᵀ, with E[x_0] = x0 and Σ_0 = 0.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    A : ndarray of shape (n, n)
        State transition.
    B : ndarray of shape (n,)
        Input vector.
    u : ndarray of shape (T,)
        Commands u_0, …, u_{T−1}.
    k : float
        Variance of the multiplicative noise ξ (dimensionless; its standard deviation is √k).
    x0 : ndarray of shape (n,)
        Initial state (known exactly).

    Returns
    -------
    mean : ndarray of shape (T + 1, n)
        E[x_t] for t = 0, …, T.
    covariance : ndarray of shape (T + 1, n, n)
        Σ_t = Cov[x_t] for t = 0, …, T.
    """
    ### BEGIN SOLUTION
    A, B, u = (np.asarray(a, dtype=float) for a in (A, B, u))
    mean = np.zeros((len(u) + 1, len(B)))
    covariance = np.zeros((len(u) + 1, len(B), len(B)))
    mean[0] = x0
    noise = k * np.outer(B, B)  # the covariance one unit command adds
    for t, command in enumerate(u):
        mean[t + 1] = A @ mean[t] + B * command
        covariance[t + 1] = A @ covariance[t] @ A.T + command**2 * noise
    return mean, covariance
    ### END SOLUTION


def simulate_trials(A, B, u, k, x0, n_trials, rng):
    """Independent runs of x_{t+1} = A x_t + B u_t (1 + ξ_t) with a fresh ξ_t ~ 𝒩(0, k) in every step and trial.

    Every random number is drawn from ``rng``, none from ``np.random``.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    A : ndarray of shape (n, n)
        State transition.
    B : ndarray of shape (n,)
        Input vector.
    u : ndarray of shape (T,)
        Commands u_0, …, u_{T−1} (the same in every trial).
    k : float
        Variance of ξ (its standard deviation is √k).
    x0 : ndarray of shape (n,)
        Initial state of every trial.
    n_trials : int
        Number of trials.
    rng : numpy.random.Generator
        The source of randomness.

    Returns
    -------
    ndarray of shape (n_trials, T + 1, n)
        The states x_0, …, x_T of every trial.
    """
    ### BEGIN SOLUTION
    A, B, u = (np.asarray(a, dtype=float) for a in (A, B, u))
    noisy = u * (1 + np.sqrt(k) * rng.standard_normal((n_trials, len(u))))  # u_t (1 + ξ_t), every trial and step
    states = np.zeros((n_trials, len(u) + 1, len(B)))
    states[:, 0] = x0
    for t in range(len(u)):
        states[:, t + 1] = states[:, t] @ A.T + noisy[:, t, None] * B
    return states
    ### END SOLUTION


def minimum_variance_control(A, B, x0, xf, n_move, n_post):
    """The command of the minimum-variance model (Harris & Wolpert 1998): the least positional variance summed over
    the post-movement period, with the mean state at the target throughout it.

    With h_p = A^p B, minimise F/k = Σ_{t'} V_{t'} u_{t'}², V_{t'} = Σ_{t=max(T_m, t'+1)}^{T} (h_{t−t'−1})_0², over
    u_0, …, u_{T−1} (T = T_m + T_p), subject to E[x_{T_m}] = Σ_{t'<T_m} h_{T_m−t'−1} u_{t'} + A^{T_m} x0 = xf and
    the holding commands u_t = u_hold for t ≥ T_m, where B u_hold = (I − A) xf, which keep the mean at xf; solved
    with the KKT system of ``equality_qp`` (n + T_p independent constraints).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    A : ndarray of shape (n, n)
        State transition.
    B : ndarray of shape (n,)
        Input vector.
    x0 : ndarray of shape (n,)
        Initial state.
    xf : ndarray of shape (n,)
        Target state, an equilibrium of the plant: (I − A) xf = B u_hold for some number u_hold.
    n_move : int
        Movement duration T_m, steps (at least n).
    n_post : int
        Post-movement period T_p, steps.

    Returns
    -------
    ndarray of shape (n_move + n_post,)
        The commands u_0, …, u_{T−1}.
    """
    ### BEGIN SOLUTION
    A, B, x0, xf = (np.asarray(a, dtype=float) for a in (A, B, x0, xf))
    n, n_steps = len(B), n_move + n_post
    impulse = np.zeros((n_steps, n))  # impulse[p] = A^p B
    impulse[0] = B
    for p in range(1, n_steps):
        impulse[p] = A @ impulse[p - 1]
    lag = np.arange(n_move, n_steps + 1)[:, None] - np.arange(n_steps) - 1  # t − t' − 1 for t = T_m … T
    position = np.where(lag >= 0, impulse[np.maximum(lag, 0), 0], 0.0)  # (h_{t−t'−1})_0, or 0 for t' ≥ t
    weights = np.sum(position**2, axis=0)  # V_t'
    free = x0
    for _ in range(n_move):
        free = A @ free  # A^{T_m} x0
    hold = B @ (xf - A @ xf) / (B @ B)  # u_hold: B u_hold = (I − A) xf
    reach = np.zeros((n, n_steps))
    reach[:, :n_move] = impulse[n_move - 1::-1].T  # columns h_{T_m−1}, …, h_0
    constraints = np.vstack([reach, np.eye(n_steps)[n_move:]])
    values = np.concatenate([xf - free, np.full(n_post, hold)])
    return equality_qp(np.diag(weights), np.zeros(n_steps), constraints, values)
    ### END SOLUTION


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
def third_order_plant():
    """(A, B) of the third-order eye plant (TAU_1, TAU_2, TAU_M) discretised with DT."""
    return discrete_eye_plant([TAU_1, TAU_2, TAU_M])


def saccade(amplitude, n_move, plant=None):
    """The minimum-variance saccade from rest at 0 to rest at ``amplitude`` deg in ``n_move`` steps (N_POST after):
    the command, and the mean and covariance of the state (K_NOISE)."""
    A, B = plant or third_order_plant()
    x0, xf = np.zeros(len(B)), np.zeros(len(B))
    xf[0] = amplitude
    u = minimum_variance_control(A, B, x0, xf, n_move, N_POST)
    return (u, *variance_propagation(A, B, u, K_NOISE, x0))


def peak_velocity_fraction():
    """The time of peak velocity of the third-order minimum-variance saccade of DURATIONS[-1] steps (150 ms, to
    AMPLITUDES[-1]) as a fraction of its movement duration, to 0.01."""
    mean = saccade(AMPLITUDES[-1], DURATIONS[-1])[1]
    return float(round(np.argmax(mean[:, 1]) / DURATIONS[-1], 2))


def endpoint_sd_ratio():
    """The standard deviation of the eye position at the end of the post-movement period of the third-order
    10° saccade of 50 ms (N_MOVE), divided by that of the 10° saccade of 100 ms, to 0.01."""
    sd = [np.sqrt(saccade(TARGET, n_move)[2][-1, 0, 0]) for n_move in (N_MOVE, 2 * N_MOVE)]
    return float(round(sd[0] / sd[1], 2))
