"""Nonlinear dynamics of neurons (chapter 8, 神経系の非線形ダイナミクス).

Two planar models, both driven by a constant input I (dimensionless, time in the
models' units):

- the FitzHugh–Nagumo model of section 2.3, imported from its reference with its
  constants a = 0.7, b = 0.8, c = 10:

      dv/dt = c (v − v³/3 − u + I),   du/dt = v − b u + a;

- the theta neuron (Ermentrout & Kopell 1986), the normal form of a
  saddle-node bifurcation on an invariant circle (SNIC),

      dθ/dt = (1 − cos θ) + (1 + cos θ) I,

  which spikes when θ passes π. Here the circle is drawn in the plane, at
  (x, y) = r (sin(θ − π), cos(θ − π)) = r (−sin θ, −cos θ), so that the spike is
  at the top, (0, 1), where x crosses 0 upwards, and the circle attracts with
  dr/dt = 1 − r. For I > 0 it fires with period π/√I (rate √I/π); for I < 0 a
  stable node and a saddle sit on the circle at cos θ = (1 + I)/(1 − I), and they
  merge at I = 0.

A fixed point is classified from the trace τ and determinant Δ of its Jacobian
(Strogatz 2015, §5.2): Δ < 0 a saddle; otherwise a focus if τ² < 4Δ and a node
if not, stable if τ < 0 and unstable if τ > 0. FitzHugh–Nagumo's fixed point
loses stability in a subcritical Hopf bifurcation at I_H = 0.34106 (trace 0 at
v*² = 1 − b/c), and a stable large limit cycle exists from below I_H on: rest
and repetitive firing coexist. The period of the cycle (upward crossings of
v = 0) is 4.10 at I = 0.34, 3.94 at 0.35 and 3.35 at 0.5 (solve_ivp, rtol 1e-10).

The phase of a limit cycle with period T runs from 0 at the spike (the upward
crossing of the first coordinate through 0) to 1. The phase response curve
(PRC) gives the phase advance caused by a brief input pulse of charge ε
(a change of the state by ε ∂f/∂I) at each phase, divided by ε. The direct
method (Winfree 1980; Nakao 2016) perturbs copies of the cycle at many phases at
once and compares their spike times, periods later, with those of unperturbed
copies. The theta neuron's PRC is (1 − cos 2πφ)/(2π√I) ≥ 0 (type I); a
Hopf-type oscillator such as FitzHugh–Nagumo has a PRC of both signs (type II)
(Hansel, Mato & Meunier 1995; Ermentrout 1996; Brown, Moehlis & Holmes 2004).

Original: chapter 8 of 「Juliaで学ぶ計算論的神経科学」 has no page
(https://compneuro-julia.github.io/); its draft (repository
compneuro-julia/compneuro-julia-management,
deprecated/precontents/nonlinear-dynamics.ipynb) integrates FitzHugh–Nagumo
with a = 0.7, b = 0.8, c = 10 at I = 0.35 by Euler's method (dt = 0.01), defines
the phase by relaxing onto the cycle, finding the zero-phase crossing and
sampling one period, and leaves the PRC as a to-do. It draws the nullclines of
I = 0.34 over the trajectory of I = 0.35; here both are drawn at the same input.

References
----------
FitzHugh, R. (1961). Impulses and physiological states in theoretical models of
nerve membrane. Biophys. J. 1, 445–466.
Ermentrout, G. B. & Kopell, N. (1986). Parabolic bursting in an excitable system
coupled with a slow oscillation. SIAM J. Appl. Math. 46, 233–253.
Ermentrout, B. (1996). Type I membranes, phase resetting curves, and synchrony.
Neural Comput. 8, 979–1001.
Hansel, D., Mato, G. & Meunier, C. (1995). Synchrony in excitatory neural
networks. Neural Comput. 7, 307–337.
Brown, E., Moehlis, J. & Holmes, P. (2004). On the phase reduction and response
dynamics of neural oscillator populations. Neural Comput. 16, 673–715.
Winfree, A. T. (1980). The Geometry of Biological Time. Springer.
Izhikevich, E. M. (2007). Dynamical Systems in Neuroscience, ch. 6 and 10. MIT Press.
Nakao, H. (2016). Phase reduction approach to synchronisation of nonlinear
oscillators. Contemp. Phys. 57, 188–214.
Strogatz, S. H. (2015). Nonlinear Dynamics and Chaos, 2nd ed., §5.2. Westview Press.
"""

import numpy as np

# The notebook shows these with the constants they use (cells for the student's own code of sections 1.1 and 2.3).
from solutions.ch01_introduction.numerical_methods import rk4_step
from solutions.ch02_neuron_models.fitzhugh_nagumo import (  # noqa: F401
    A, B, C, fhn_fixed_point, fhn_jacobian, fhn_nullclines, fhn_step)

FIXED_POINT_TYPES = ("saddle", "stable node", "unstable node", "stable focus", "unstable focus")
DT = 0.03  # RK4 step of the limit-cycle and PRC runs (time units of the models): periods within 5e-4
T_RELAX = 10.0  # time before spikes are counted: transients from START_FAR die out within one cycle
T_MAX = 30.0  # time after which a copy with fewer than two spikes counts as not oscillating
START_FAR = np.array([2.0, 0.0])  # (v, u): a start far from FitzHugh–Nagumo's fixed point
N_PHASES = 40  # phases at which the PRC is measured
PULSE_CHARGE = 1e-3  # ε, the charge (input × time) of the PRC's pulse: it moves FitzHugh–Nagumo's v by c ε = 0.01
COMPARED_SPIKE = 2  # the spike after the pulse whose time is compared: one period of relaxation at least


def fhn_field(states, i_ext):
    """The FitzHugh–Nagumo vector field (dv/dt, du/dt) at many states.

    An Euler step of length 1 adds the derivative to the state, so the field is
    ``fhn_step(v, u, I, 1.0)`` minus the state (the equations of section 2.3, not
    written again).

    Parameters
    ----------
    states : ndarray of shape (..., 2)
        States (v, u) in the last axis.
    i_ext : float or ndarray
        Input, broadcastable with ``states[..., 0]``.

    Returns
    -------
    ndarray of shape (..., 2)
    """
    states = np.asarray(states, dtype=float)
    v_next, u_next = fhn_step(states[..., 0], states[..., 1], i_ext, 1.0)
    return np.stack([v_next, u_next], axis=-1) - states


def theta_field(states, i_ext):
    """The theta neuron on the circle of the plane, at many states.

    At (x, y) = r (−sin θ, −cos θ): dθ/dt = (1 − cos θ) + (1 + cos θ) I moves the state along the circle (clockwise,
    through the spike at the top, (0, 1)), and dr/dt = 1 − r pulls it onto the circle.

    Parameters
    ----------
    states : ndarray of shape (..., 2)
        States (x, y), not at the origin.
    i_ext : float or ndarray
        Input, broadcastable with ``states[..., 0]``.

    Returns
    -------
    ndarray of shape (..., 2)
    """
    states = np.asarray(states, dtype=float)
    x, y = states[..., 0], states[..., 1]
    r = np.hypot(x, y)
    theta_dot = (1 + y / r) + (1 - y / r) * i_ext  # cos θ = −y/r
    radial = (1 - r) / r
    return np.stack([radial * x + theta_dot * y, radial * y - theta_dot * x], axis=-1)


def rk4_stepper(field, i_ext):
    """``step(states, dt)``: one RK4 step (``rk4_step`` of section 1.1) of ``field(states, i_ext)`` for every row."""
    return lambda states, dt: rk4_step(lambda x, t: field(x, i_ext), states, 0.0, dt)


def jacobian(field, points, h=1e-6):
    """The Jacobians of a vector field at many points, by central differences.

    J[k, i, j] = ∂f_i/∂x_j at points[k] ≈ (f_i(x + h e_j) − f_i(x − h e_j)) / (2h).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    field : callable
        ``field(states)`` for states of shape (m, d) returns the derivatives, shape (m, d).
    points : ndarray of shape (n, d)
        The points, one per row.
    h : float, default 1e-6
        The step of the differences.

    Returns
    -------
    ndarray of shape (n, d, d)
        One Jacobian per point; row i holds the derivatives of dx_i/dt.
    """
    ### BEGIN SOLUTION
    points = np.asarray(points, dtype=float)
    n, d = points.shape
    steps = h * np.eye(d)  # row j: the step along x_j
    shifted = np.concatenate([points[:, None, :] + steps, points[:, None, :] - steps], axis=1)  # (n, 2d, d)
    values = np.asarray(field(shifted.reshape(-1, d))).reshape(n, 2, d, d)  # (point, ±, j, i)
    return ((values[:, 0] - values[:, 1]) / (2 * h)).transpose(0, 2, 1)
    ### END SOLUTION


def classify_fixed_point(jacobian):
    """The type of a fixed point of a planar system, from the trace and determinant of its Jacobian.

    Δ < 0: "saddle". Otherwise a "focus" if τ² < 4Δ (complex eigenvalues), else a "node", and "stable" if τ < 0,
    "unstable" if τ > 0 (τ the trace, Δ the determinant; Strogatz 2015, §5.2). Fixed points with Δ = 0 or with
    τ = 0 < Δ (not hyperbolic) are not asked for.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    jacobian : ndarray of shape (2, 2)
        The Jacobian at the fixed point.

    Returns
    -------
    str
        One of "saddle", "stable node", "unstable node", "stable focus", "unstable focus".
    """
    ### BEGIN SOLUTION
    jacobian = np.asarray(jacobian, dtype=float)
    trace, det = np.trace(jacobian), np.linalg.det(jacobian)
    if det < 0:
        return "saddle"
    kind = "focus" if trace**2 < 4 * det else "node"
    return f"{'stable' if trace < 0 else 'unstable'} {kind}"
    ### END SOLUTION


def find_fixed_points(field, jacobian, starts, tol=1e-10, max_iter=50):
    """All fixed points that Newton's method reaches from many starts at once.

    Every start is iterated x ← x − J(x)⁻¹ f(x) (all rows together) up to ``max_iter`` times. Rows that end with
    every |f_i| < ``tol`` are fixed points; the others (diverged, or still moving) are dropped. Points closer than
    1e-6 to one kept before (Euclidean distance) are the same fixed point and are kept once.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    field : callable
        ``field(states)`` for states of shape (m, d) returns the derivatives, shape (m, d).
    jacobian : callable
        ``jacobian(states)`` for states of shape (m, d) returns the Jacobians, shape (m, d, d).
    starts : ndarray of shape (n, d)
        Initial guesses, one per row.
    tol : float, default 1e-10
        Largest |f_i| of a fixed point.
    max_iter : int, default 50
        Newton iterations.

    Returns
    -------
    ndarray of shape (k, d)
        The k distinct fixed points found, sorted by increasing first coordinate (k = 0 gives shape (0, d)).
    """
    ### BEGIN SOLUTION
    x = np.array(starts, dtype=float)
    with np.errstate(all="ignore"):
        for _ in range(max_iter):
            moving = np.all(np.isfinite(x), axis=1)
            f = np.asarray(field(x[moving]))
            if np.all(np.abs(f) < tol):  # every finite row has converged
                break
            x[moving] -= np.linalg.solve(jacobian(x[moving]), f[..., None])[..., 0]
        residual = np.full(len(x), np.inf)
        finite = np.all(np.isfinite(x), axis=1)
        residual[finite] = np.max(np.abs(field(x[finite])), axis=1)
    found = x[residual < tol]
    found = found[np.argsort(found[:, 0], kind="stable")]
    kept = []
    for point in found:
        if all(np.linalg.norm(point - other) >= 1e-6 for other in kept):
            kept.append(point)
    return np.array(kept).reshape(-1, x.shape[1])
    ### END SOLUTION


def limit_cycle(step, states, dt, t_relax=T_RELAX, t_max=T_MAX):
    """The period of oscillation and the state at a spike, for many initial states at once.

    Every row is advanced with ``step`` from t = 0. A spike is an upward crossing of the first coordinate through 0
    (x₀ < 0 before a step, x₀ ≥ 0 after it) in a step that starts at t ≥ ``t_relax``; its time and state are
    interpolated linearly between the two ends of the step. The run stops when every row has spiked twice, or at
    ``t_max``. The period is the time between a row's first two spikes, and the spike state is the state at the
    second one.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    step : callable
        ``step(states, dt)`` advances states of shape (n, d) by ``dt``.
    states : ndarray of shape (n, d)
        Initial states, one per row.
    dt : float
        Time step.
    t_relax : float, default T_RELAX
        Spikes count from this time on.
    t_max : float, default T_MAX
        The run ends at this time at the latest.

    Returns
    -------
    periods : ndarray of shape (n,)
        The period of every row; nan for rows with fewer than two spikes.
    spike_states : ndarray of shape (n, d)
        The state at every row's second spike (its first coordinate 0); nan for rows with fewer than two spikes.
    """
    ### BEGIN SOLUTION
    x = np.array(states, dtype=float)
    n_spikes = np.zeros(len(x), dtype=int)
    times = np.full((len(x), 2), np.nan)
    spike_states = np.full(x.shape, np.nan)
    first_counted = round(t_relax / dt)
    for k in range(round(t_max / dt)):
        x_next = step(x, dt)
        spiking = (x[:, 0] < 0) & (x_next[:, 0] >= 0) & (n_spikes < 2)
        if k >= first_counted and np.any(spiking):
            fraction = x[spiking, 0] / (x[spiking, 0] - x_next[spiking, 0])  # of the step, where x₀ = 0
            times[spiking, n_spikes[spiking]] = (k + fraction) * dt
            spike_states[spiking] = x[spiking] + fraction[:, None] * (x_next[spiking] - x[spiking])
            n_spikes[spiking] += 1
            if np.all(n_spikes == 2):
                break
        x = x_next
    spike_states[n_spikes < 2] = np.nan
    return times[:, 1] - times[:, 0], spike_states
    ### END SOLUTION


def phase_response_curve(step, kick, spike_state, period, n_phases=N_PHASES, dt=DT, epsilon=PULSE_CHARGE,
                         which_spike=COMPARED_SPIKE):
    """The phase response curve of a limit cycle by the direct perturbation method.

    1. From ``spike_state`` (phase 0) run one period in steps of h = T/(n_phases·m), m the smallest integer with
       h ≤ ``dt``, and keep the state every m steps: the states at the phases k/n_phases.
    2. Perturb each by a pulse of charge ε: x + ε·kick(x).
    3. Run the perturbed and the unperturbed copies together in steps of h, for ``which_spike`` + 1 periods, and
       take the time of every copy's ``which_spike``-th spike after the pulse (upward crossings of the first
       coordinate through 0, interpolated linearly within their step).
    4. The phase advance is (t_unperturbed − t_perturbed)/T, wrapped into [−1/2, 1/2) (in case a copy's spikes are
       counted one off); divided by ε it is the PRC.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    step : callable
        ``step(states, dt)`` advances states of shape (n, d) by ``dt``.
    kick : callable
        ``kick(states)`` for states of shape (n, d): the change of each state per unit charge of input, ∂f/∂I,
        shape (n, d).
    spike_state : ndarray of shape (d,)
        A state on the limit cycle at a spike (phase 0), as ``limit_cycle`` returns it.
    period : float
        The period T of the cycle.
    n_phases : int, default N_PHASES
        Number of phases, k/n_phases for k = 0, …, n_phases − 1.
    dt : float, default DT
        Largest time step.
    epsilon : float, default PULSE_CHARGE
        Charge of the pulse.
    which_spike : int, default COMPARED_SPIKE
        The spike after the pulse whose time is compared (at least 2, so that the perturbed copies have relaxed
        onto the cycle).

    Returns
    -------
    phases : ndarray of shape (n_phases,)
        k/n_phases, in cycles.
    prc : ndarray of shape (n_phases,)
        Phase advance (in cycles) per unit charge; positive: the next spikes come earlier.
    """
    ### BEGIN SOLUTION
    m = int(np.ceil(period / (n_phases * dt)))
    h = period / (n_phases * m)
    x = np.array(spike_state, dtype=float)[None, :]
    on_cycle = np.empty((n_phases, x.shape[1]))
    for k in range(n_phases):
        on_cycle[k] = x[0]
        for _ in range(m):
            x = step(x, h)
    x = np.concatenate([on_cycle, on_cycle + epsilon * np.asarray(kick(on_cycle))])
    n_spikes, spike_time = np.zeros(len(x), dtype=int), np.full(len(x), np.nan)
    for k in range((which_spike + 1) * n_phases * m):
        x_next = step(x, h)
        spiking = (x[:, 0] < 0) & (x_next[:, 0] >= 0)
        n_spikes += spiking
        compared = spiking & (n_spikes == which_spike)
        spike_time[compared] = (k + x[compared, 0] / (x[compared, 0] - x_next[compared, 0])) * h
        x = x_next
    advance = (spike_time[:n_phases] - spike_time[n_phases:]) / period
    return np.arange(n_phases) / n_phases, ((advance + 0.5) % 1.0 - 0.5) / epsilon
    ### END SOLUTION


def pulse_direction(field, i_ext):
    """``kick(states)``: ∂f/∂I, exactly ``field(states, i_ext + 1) − field(states, i_ext)`` for a field linear in I."""
    return lambda states: field(states, i_ext + 1.0) - field(states, i_ext)


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
FOLD_SCAN = np.round(np.arange(0.330, 0.3405, 0.001), 3)  # inputs of the search, step 0.001
I_PRC = 0.5  # FitzHugh–Nagumo's input for the PRC question


def cycle_fold_current():
    """The smallest input I, to 0.001, at which FitzHugh–Nagumo has a limit cycle: ``limit_cycle`` (RK4, dt = DT,
    from START_FAR, spikes counted after T_RELAX until T_MAX) finds a period, on the grid 0.330, 0.331, …, 0.340."""
    periods, _ = limit_cycle(rk4_stepper(fhn_field, FOLD_SCAN), np.tile(START_FAR, (len(FOLD_SCAN), 1)), DT)
    return float(FOLD_SCAN[np.argmax(np.isfinite(periods))])


def delay_fraction():
    """The fraction of the N_PHASES phases at which FitzHugh–Nagumo's PRC at I = 0.5 is negative (a pulse delays the
    next spikes), with the defaults of ``phase_response_curve``."""
    periods, spikes = limit_cycle(rk4_stepper(fhn_field, I_PRC), START_FAR[None, :], DT)
    _, prc = phase_response_curve(rk4_stepper(fhn_field, I_PRC), pulse_direction(fhn_field, I_PRC), spikes[0],
                                  periods[0])
    return float(np.mean(prc < 0))
