"""The minimum-jerk model of reaching (section 13.1, 躍度最小モデル).

Flash & Hogan (1985) proposed that the hand moves from x₀ to x_f in a time T so as to
minimise the integrated squared jerk (third derivative of position),

    J = ½ ∫₀ᵀ (d³x/dt³)² dt,

with the position given at both ends and the velocity and acceleration zero there. The
Euler–Lagrange equation of J is d⁶x/dt⁶ = 0, so the optimum is the quintic

    x(t) = x₀ + D (10τ³ − 15τ⁴ + 6τ⁵),   τ = t/T,  D = x_f − x₀,

for each Cartesian coordinate separately: a point-to-point reach runs along a straight
line with a bell-shaped speed profile. A via point x(t₁) = x_v adds one interior
constraint; the optimum is then a quintic on each side of t₁ whose first four derivatives
are continuous at t₁ and whose fifth jumps (Flash & Hogan 1985; a quintic spline
with one knot at t₁).

The original page solves the problem numerically instead, after Yazdani et al. (2012),
as an equality-constrained quadratic programme (QP) on a time grid: minimise ½ xᵀPx + qᵀx
subject to Ax = b, whose minimiser solves the Karush–Kuhn–Tucker (KKT) system

    [P  Aᵀ] [x]   [−q]
    [A  0 ] [λ] = [ b],

with P = DᵀD for the third-difference matrix D (rows (−1, 3, −3, 1), left unscaled by
1/dt³: a constant factor of P leaves the minimiser unchanged), q = 0, and rows of A that fix
the first and last positions, the forward-difference velocities (x₁ − x₀, x_{n−1} − x_{n−2})
and accelerations (x₀ − 2x₁ + x₂, x_{n−3} − 2x_{n−2} + x_{n−1}) at both ends, and a via
point. These difference constraints hold the first and last three samples equal, so the
discrete optimum approximates the quintic of duration T − 2dt from dt to T − dt (to O(dt²)),
and the quintic of duration T only to O(dt): its peak speed is 1.875 D/(T − 2dt). Corrected
here: the original samples nt = T/dt = 100 points, which span 0.99 s, and plots them over
[0, 1] s; its peak speed, 3.867 m/s for D = 2 m, is 3 % above the 3.75 m/s of the quintic.
This module samples n = T/dt + 1 points t_k = k dt, spanning [0, T].

Original: https://compneuro-julia.github.io/chap13/13-1_minimum_jerk.html (13.1 躍度最小モデル, 2021; source
contents/chap13/13-1_minimum_jerk.ipynb of github.com/compneuro-julia/compneuro-julia-management).

References
----------
Flash, T. & Hogan, N. (1985). The coordination of arm movements: an experimentally
confirmed mathematical model. J. Neurosci. 5, 1688–1703.
Hogan, N. (1984). An organizing principle for a class of voluntary movements.
J. Neurosci. 4, 2745–2754.
Yazdani, M., Gamble, G., Henderson, G. & Hecht-Nielsen, R. (2012). A simple control policy
for achieving minimum jerk trajectories. Neural Netw. 27, 74–80.
Nocedal, J. & Wright, S. J. (2006). Numerical Optimization, 2nd ed., ch. 16.1 (the KKT
system of an equality-constrained QP). Springer.
"""

import numpy as np

# The original's reach (Yazdani et al. 2012 set-up): one coordinate, from rest to rest.
T_REACH = 1.0  # movement duration T, s
DT = 0.01  # time step of the QP's grid, s
X_START = 0.0  # initial position x₀, m
X_END = 2.0  # final position x_f, m

# The original's via-point problem: 2 m → 4 m through 6 m at T/2.
VIA_START = 2.0  # m
VIA_END = 4.0  # m
VIA_POSITION = 6.0  # m
VIA_TIME = 0.5  # s

# A planar reach with a via point (chosen here; Flash & Hogan 1985 recorded such curved via-point reaches in the
# horizontal plane): hand positions (x, y), m.
HAND_START = np.array([-0.15, 0.30])  # m
HAND_END = np.array([0.15, 0.30])  # m
HAND_VIA = np.array([-0.05, 0.45])  # m, passed at VIA_TIME

# Time steps of the convergence study, s: the KKT matrix's condition number grows about as n⁶ with the number of
# samples n, and round-off overtakes the O(dt²) discretisation error above n ≈ 500 samples.
DT_SCAN = np.array([0.04, 0.02, 0.01, 0.005, 0.0025])


def minimum_jerk(x0, xf, T, t):
    """The minimum-jerk trajectory from rest at ``x0`` to rest at ``xf`` in the time ``T`` (Flash & Hogan 1985).

    x(t) = x₀ + D (10τ³ − 15τ⁴ + 6τ⁵) with τ = t/T and D = x_f − x₀, and its first three time derivatives.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x0, xf : float or ndarray of shape (d,)
        Initial and final positions, m (one number per coordinate for a reach in d dimensions).
    T : float
        Movement duration, s.
    t : float or ndarray of shape (n,)
        Times in [0, T], s.

    Returns
    -------
    position, velocity, acceleration, jerk : ndarray
        x (m), dx/dt (m/s), d²x/dt² (m/s²), d³x/dt³ (m/s³) at the times ``t``, each of shape ``np.shape(t)`` for
        scalar positions and ``np.shape(t) + (d,)`` for positions of shape (d,).
    """
    ### BEGIN SOLUTION
    tau = np.asarray(t, dtype=float) / T
    distance = np.asarray(xf, dtype=float) - np.asarray(x0, dtype=float)
    shape = (10 * tau**3 - 15 * tau**4 + 6 * tau**5,  # the normalised profile and its derivatives in τ
             30 * tau**2 - 60 * tau**3 + 30 * tau**4,
             60 * tau - 180 * tau**2 + 120 * tau**3,
             60 - 360 * tau + 360 * tau**2)
    position, velocity, acceleration, jerk = (np.multiply.outer(s, distance) / T**k for k, s in enumerate(shape))
    return position + np.asarray(x0, dtype=float), velocity, acceleration, jerk
    ### END SOLUTION


def equality_qp(P, q, A, b):
    """The minimiser of ½ xᵀPx + qᵀx subject to Ax = b, from the KKT system.

    Solves [[P, Aᵀ], [A, 0]] [x; λ] = [−q; b] with ``numpy.linalg.solve`` and returns x. With q and b of
    shapes (n, d) and (m, d) it solves d problems with the same P and A at once, one per column.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    P : ndarray of shape (n, n)
        Symmetric, positive semidefinite, and positive definite on the null space of A.
    q : ndarray of shape (n,) or (n, d)
        Linear term.
    A : ndarray of shape (m, n)
        Constraint matrix of full row rank m ≤ n.
    b : ndarray of shape (m,) or (m, d)
        Constraint values (as many columns as ``q``).

    Returns
    -------
    ndarray of shape (n,) or (n, d)
        The minimiser x (without the Lagrange multipliers λ).
    """
    ### BEGIN SOLUTION
    P, A = np.asarray(P, dtype=float), np.asarray(A, dtype=float)
    n, m = P.shape[0], A.shape[0]
    kkt = np.block([[P, A.T], [A, np.zeros((m, m))]])
    return np.linalg.solve(kkt, np.concatenate([-np.asarray(q, dtype=float), b]))[:n]
    ### END SOLUTION


def min_jerk_qp(x0, xf, T, dt, via_time=None, via_position=None):
    """The discrete minimum-jerk trajectory of the original, from rest to rest, as an equality-constrained QP.

    On the grid t_k = k dt, k = 0, …, n − 1 with n = round(T/dt) + 1 (spanning [0, T]), minimise Σ (Δ³x)², the
    sum of squared third differences x_{k+3} − 3x_{k+2} + 3x_{k+1} − x_k, subject to x₀ = x0, x_{n−1} = xf, the
    forward-difference velocities x₁ − x₀ and x_{n−1} − x_{n−2} zero, the accelerations x₀ − 2x₁ + x₂ and
    x_{n−3} − 2x_{n−2} + x_{n−1} zero, and, if given, x_j = via_position at j = round(via_time/dt).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x0, xf : float or ndarray of shape (d,)
        Initial and final positions, m.
    T : float
        Movement duration, s.
    dt : float
        Time step, s (T/dt an integer, at least 6).
    via_time : float, optional
        Time of the via point, s, strictly between 2 dt and T − 2 dt.
    via_position : float or ndarray of shape (d,), optional
        Position of the via point, m (given together with ``via_time``).

    Returns
    -------
    ndarray of shape (n,) or (n, d)
        The positions x_k at the times k dt, m: one row per time, one column per coordinate for positions of
        shape (d,).
    """
    ### BEGIN SOLUTION
    n = round(T / dt) + 1
    eye = np.eye(n)
    jerk = np.diff(eye, 3, axis=0)  # (n − 3, n): rows (−1, 3, −3, 1)
    rows = [eye[0], eye[-1], eye[1] - eye[0], eye[-1] - eye[-2],
            eye[0] - 2 * eye[1] + eye[2], eye[-3] - 2 * eye[-2] + eye[-1]]
    values = [x0, xf, 0, 0, 0, 0]
    if via_time is not None:
        rows.append(eye[round(via_time / dt)])
        values.append(via_position)
    b = np.zeros((len(values),) + np.shape(x0))
    for row, value in enumerate(values):
        b[row] = value
    return equality_qp(jerk.T @ jerk, np.zeros((n,) + np.shape(x0)), np.array(rows), b)
    ### END SOLUTION


def jerk_cost(x, dt):
    """The discrete jerk cost ½ Σ (Δ³x/dt³)² dt of positions x sampled every dt (m²/s⁵; summed over coordinates)."""
    return 0.5 * np.sum((np.diff(x, 3, axis=0) / dt**3) ** 2) * dt


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
def peak_speed_ratio():
    """The peak speed of the minimum-jerk reach (X_START → X_END in T_REACH) divided by its mean speed D/T,
    to three decimals."""
    t = np.linspace(0, T_REACH, 1001)
    velocity = minimum_jerk(X_START, X_END, T_REACH, t)[1]
    return float(round(velocity.max() / ((X_END - X_START) / T_REACH), 3))


def optimal_via_time():
    """The time (to 0.01 s) at which the original's via-point reach (VIA_START → VIA_END through VIA_POSITION,
    T_REACH) should pass the via point for the smallest jerk cost: a scan over via times k·DT of min_jerk_qp."""
    times = DT * np.arange(3, round(T_REACH / DT) - 2)
    costs = [jerk_cost(min_jerk_qp(VIA_START, VIA_END, T_REACH, DT, t1, VIA_POSITION), DT) for t1 in times]
    return float(round(times[np.argmin(costs)], 2))
