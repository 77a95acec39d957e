"""Checks of chapter 8, nonlinear dynamics.

Besides the comparison with ``solutions``, the checks test facts that need no
reference: central differences reproduce the analytic Jacobian of section 2.3
and the matrix of a linear field; matrices built from chosen eigenvalues have a
known type; Newton's method finds FitzHugh–Nagumo's single fixed point (the root
of the cubic of section 2.3), the three fixed points of a Duffing oscillator, the
node and saddle of the theta neuron at cos θ = (1 + I)/(1 − I) and none for I > 0;
the limit cycle of FitzHugh–Nagumo has the periods 4.0951 (I = 0.34, beside a
stable fixed point), 3.9405 (0.35) and 3.3525 (0.5) of solve_ivp, and the theta
neuron the period π/√I; the PRC of the theta neuron is (1 − cos 2πφ)/(2π√I), that of
a Stuart–Landau oscillator to a kick in x is cos(2πφ)/(2π), and FitzHugh–Nagumo's
has both signs. Two discovery answers: the smallest input with a limit cycle and
the fraction of the cycle in which a pulse delays FitzHugh–Nagumo's spikes.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch08_nonlinear_dynamics import nonlinear_dynamics as ref


def _close(actual, expected, what, atol, mistakes=dict, hint=None):
    """``assert_close``, building the table of mistakes only when the values differ."""
    try:
        return assert_close(actual, expected, what, atol=atol)
    except AssertionError:
        assert_close(actual, expected, what, atol=atol, mistakes=mistakes(), hint=hint)


def _duffing(states):
    """A Duffing oscillator, dx/dt = y, dy/dt = x − x³ − y/2: a saddle at 0, stable foci at (±1, 0)."""
    x, y = states[..., 0], states[..., 1]
    return np.stack([y, x - x**3 - 0.5 * y], axis=-1)


def _stuart_landau(states):
    """dz/dt = (1 − |z|²) z + 2πi z for z = x + iy: the unit circle with period 1, isochrons along radii."""
    x, y = states[..., 0], states[..., 1]
    radial = 1 - x**2 - y**2
    return np.stack([radial * x - 2 * np.pi * y, radial * y + 2 * np.pi * x], axis=-1)


def jacobian(student_jacobian):
    """Check ``jacobian(field, points, h)`` on FitzHugh–Nagumo, the theta neuron and a linear field in 3-D."""
    rng = np.random.default_rng(81)
    points = np.column_stack([rng.uniform(-2, 2, 6), rng.uniform(-1, 2, 6)])
    analytic = np.array([ref.fhn_jacobian(v, u) for v, u in points])
    what = "jacobian(lambda s: fhn_field(s, 0.3), points) at 6 points"
    result = as_array(call(student_jacobian, lambda s: ref.fhn_field(s, 0.3), points), what, shape=(6, 2, 2))
    # Central differences with h = 1e-6: truncation h²·c·|∂³f/∂v³|/6 ≈ 3e-12, round-off 1e-16·|f|/h ≈ 1e-8; forward
    # differences are off by h·c·|v| ≈ 2e-5, the mistakes below by O(1).
    _close(result, analytic, what + " (against the analytic Jacobian of section 2.3)", atol=1e-6, mistakes=lambda: {
        "row i holds the derivatives of dx_i/dt (J[k, i, j] = ∂f_i/∂x_j); you returned the transpose.":
            analytic.transpose(0, 2, 1),
        "a central difference divides by 2h, the distance between x + h e_j and x − h e_j.": 2 * analytic,
    }, hint="use central differences, (f(x + h e_j) − f(x − h e_j)) / (2h), for column j.")
    on_circle = np.array([[0.6, -0.8], [-1.0, 0.0], [0.3, 1.2]])
    what = "jacobian(lambda s: theta_field(s, -0.2), points)"
    result = call(student_jacobian, lambda s: ref.theta_field(s, -0.2), on_circle)
    _close(result, ref.jacobian(lambda s: ref.theta_field(s, -0.2), on_circle), what, atol=1e-6)
    M = np.array([[0.5, -2.0, 0.0], [1.0, 0.2, 3.0], [-1.5, 0.0, -0.7]])
    states = rng.normal(size=(4, 3))
    what = "jacobian of the linear field f(x) = M x in 3-D, with h = 1e-3"
    result = as_array(call(student_jacobian, lambda s: s @ M.T, states, h=1e-3), what, shape=(4, 3, 3))
    # Differences of a linear field are exact up to round-off (1e-16·|f|/h ≈ 1e-12).
    _close(result, np.broadcast_to(M, (4, 3, 3)), what, atol=1e-8,
           mistakes=lambda: {"you returned the transpose: row i holds the derivatives of dx_i/dt.":
                             np.broadcast_to(M.T, (4, 3, 3))},
           hint="the Jacobian of f(x) = M x is M at every point; points may have any number d of coordinates.")


def _with_eigenvalues(rng, eigenvalues):
    """A random real 2 × 2 matrix with the given eigenvalues (a real pair, or α ± iβ as a complex number)."""
    P = rng.normal(size=(2, 2)) + 2 * np.eye(2)
    if np.iscomplexobj(eigenvalues):
        alpha, beta = eigenvalues.real, eigenvalues.imag
        block = np.array([[alpha, -beta], [beta, alpha]])
    else:
        block = np.diag(eigenvalues)
    return P @ block @ np.linalg.inv(P)


def classify_fixed_point(student_classify_fixed_point):
    """Check ``classify_fixed_point(jacobian)`` on matrices of every type and on the Jacobians of the course's models."""
    rng = np.random.default_rng(82)
    cases = []
    for _ in range(3):
        a, b = rng.uniform(0.2, 3, 2)
        cases += [(_with_eigenvalues(rng, np.array([-a, b])), "saddle"),
                  (_with_eigenvalues(rng, np.array([-a, -a - b])), "stable node"),
                  (_with_eigenvalues(rng, np.array([a, a + b])), "unstable node"),
                  (_with_eigenvalues(rng, complex(-a, b)), "stable focus"),
                  (_with_eigenvalues(rng, complex(a, b)), "unstable focus")]
    cases += [(np.array([[-1.0, -4.0], [1.0, -3.0]]), "stable focus"),  # τ = −4, Δ = 7: τ² < 4Δ but τ² > Δ
              (np.array([[3.0, 2.0], [-1.0, 1.0]]), "unstable focus"),  # τ = 4, Δ = 5
              (np.array([[-5.0, 1.0], [-1.0, -1.0]]), "stable node")]  # τ = −6, Δ = 6: τ² > 4Δ, Δ > 0
    for i_ext, expected in ((-2.125, "stable node"), (0.0, "stable focus"), (0.5, "unstable focus"),
                            (0.875, "unstable node")):  # FitzHugh–Nagumo's fixed point (section 2.3)
        cases.append((ref.fhn_jacobian(*ref.fhn_fixed_point(i_ext)), expected))
    for J, expected in cases:
        kind = call(student_classify_fixed_point, J)
        trace, det = np.trace(J), np.linalg.det(J)
        what = f"classify_fixed_point(J) for J = {np.round(J, 4).tolist()} (trace {trace:.4g}, determinant {det:.4g})"
        if not isinstance(kind, str) or kind not in ref.FIXED_POINT_TYPES:
            raise AssertionError(f"{what} returned {kind!r}; return one of the strings {ref.FIXED_POINT_TYPES}.")
        if kind != expected:
            hint = ("a saddle has a negative determinant (eigenvalues of opposite signs), whatever the trace."
                    if "saddle" in (kind, expected) else
                    "the eigenvalues are complex (a focus) when τ² < 4Δ: the discriminant of λ² − τλ + Δ = 0."
                    if kind.split()[1] != expected.split()[1] else
                    "stability follows from the sign of the trace when Δ > 0: stable if τ < 0.")
            raise AssertionError(f"{what} returned {kind!r}, expected {expected!r}.\nHint: {hint}")


def find_fixed_points(student_find_fixed_points):
    """Check ``find_fixed_points(field, jacobian, starts)`` on FitzHugh–Nagumo, a Duffing oscillator and the theta neuron."""
    grid = np.stack(np.meshgrid(np.linspace(-2.5, 2.5, 5), np.linspace(-1.5, 2.5, 4)), axis=-1).reshape(-1, 2)
    angles = np.linspace(0, 2 * np.pi, 12, endpoint=False)
    ring = np.column_stack([np.sin(angles), np.cos(angles)]) * np.where(np.arange(12) % 2, 0.7, 1.4)[:, None]
    node_y = lambda i: -(1 + i) / (1 - i)  # noqa: E731  y = −cos θ at the node and the saddle of the theta neuron
    cases = [
        (f"FitzHugh–Nagumo with I = {i}", lambda s, i=i: ref.fhn_field(s, i), grid, np.array([ref.fhn_fixed_point(i)]))
        for i in (0.0, 0.5, 0.875)
    ] + [
        ("the Duffing oscillator dx/dt = y, dy/dt = x − x³ − y/2", _duffing, grid,
         np.array([[-1.0, 0.0], [0.0, 0.0], [1.0, 0.0]])),
        ("the theta neuron with I = −0.3", lambda s: ref.theta_field(s, -0.3), ring,
         np.array([[-np.sqrt(1 - node_y(-0.3) ** 2), node_y(-0.3)], [np.sqrt(1 - node_y(-0.3) ** 2), node_y(-0.3)]])),
        ("the theta neuron with I = 0.2 (no fixed point)", lambda s: ref.theta_field(s, 0.2), ring, np.empty((0, 2))),
    ]
    for name, field, starts, expected in cases:
        what = f"find_fixed_points(field, jacobian, starts) for {name} ({len(starts)} starts)"
        with hint_on_failure("iterate x ← x − J(x)⁻¹ f(x) for all starts at once (np.linalg.solve(J, f[..., None])), "
                             "keep the rows where every |f_i| < tol, drop duplicates closer than 1e-6 and sort by "
                             "the first coordinate."):
            points = as_array(call(student_find_fixed_points, field, lambda s, f=field: ref.jacobian(f, s), starts),
                              what)
            if points.ndim != 2 or points.shape[1] != 2:
                raise AssertionError(f"{what} has shape {points.shape}; return an array of shape (k, 2), one fixed "
                                     "point per row (shape (0, 2) when there is none).")
            if len(points) != len(expected):
                raise AssertionError(f"{what} returned {len(points)} fixed point(s), expected {len(expected)}."
                                     + ("\nHint: several starts converge to the same fixed point: keep it once."
                                        if len(points) > len(expected) else ""))
            # Newton converges quadratically to round-off; 1e-8 accepts any stop at |f| < 1e-10 (slopes ≳ 0.1).
            _close(points, expected, what + " (rows sorted by the first coordinate)", atol=1e-8,
                   mistakes=lambda: {"sort the fixed points by increasing first coordinate.": expected[::-1]})


# The limit cycles of FitzHugh–Nagumo from START_FAR, by solve_ivp (rtol 1e-10, tests/references): the period and u
# at the upward crossing of v = 0. The rows of the limit_cycle check: I = 0.3 has no cycle, and I = 0.34 started next
# to the stable fixed point stays at rest.
FHN_CASES = np.array([0.3, 0.34, 0.35, 0.5, 0.34])
FHN_PERIODS = np.array([np.nan, 4.09508, 3.94052, 3.35247, np.nan])
FHN_SPIKE_U = np.array([np.nan, -0.105195, -0.135859, -0.146233, np.nan])


def limit_cycle(student_limit_cycle):
    """Check ``limit_cycle(step, states, dt, t_relax, t_max)`` on FitzHugh–Nagumo and the theta neuron."""
    rest_nearby = np.array(ref.fhn_fixed_point(0.34)) + [0.01, 0.0]
    starts = np.vstack([np.tile(ref.START_FAR, (4, 1)), rest_nearby])
    theta_inputs = np.array([0.5, 1.0, -0.1])
    theta_starts = np.array([[0.5, -0.5], [-1.2, 0.3], [0.0, -1.0]])
    runs = (
        # From START_FAR FitzHugh–Nagumo is on its cycle within one period (t_relax = 5, 10 or 20 give the same).
        ("FitzHugh–Nagumo, I = (0.3, 0.34, 0.35, 0.5) from (v, u) = (2, 0) and I = 0.34 next to the fixed point",
         ref.rk4_stepper(ref.fhn_field, FHN_CASES), starts, 0.03, 5.0, 17.0, FHN_PERIODS,
         np.column_stack([np.zeros(5), FHN_SPIKE_U])),
        ("the theta neuron, I = (0.5, 1, −0.1)", ref.rk4_stepper(ref.theta_field, theta_inputs), theta_starts, 0.05,
         3.0, 14.0, np.append(np.pi / np.sqrt(theta_inputs[:2]), np.nan), np.array([[0.0, 1.0]] * 2 + [[np.nan] * 2])),
    )
    for name, step, states, dt, t_relax, t_max, known, known_states in runs:
        what = f"limit_cycle(step, states, dt={dt}, t_relax={t_relax}, t_max={t_max}) for {name}"
        periods, spike_states = call(student_limit_cycle, step, states, dt, t_relax, t_max,
                                     returns=("periods", "spike_states"))
        periods = np.asarray(as_array(periods, f"periods of {what}", shape=(len(states),), dtype=None), dtype=float)
        spike_states = np.asarray(as_array(spike_states, f"spike_states of {what}", shape=states.shape, dtype=None),
                                  dtype=float)
        silent = np.isnan(known)
        for row in np.nonzero(silent)[0]:
            if not (np.isnan(periods[row]) and np.all(np.isnan(spike_states[row]))):
                raise AssertionError(
                    f"{what}: row {row} settles at a stable fixed point and never spikes twice after t_relax, so its "
                    f"period and spike state must be nan, got {periods[row]:.6g} and {spike_states[row]}.\nHint: "
                    "start the periods and states as np.full(…, np.nan) and fill them only for rows with two spikes.")
        if np.any(np.isnan(periods[~silent])):
            raise AssertionError(f"{what}: the rows {np.nonzero(np.isnan(periods) & ~silent)[0].tolist()} oscillate, "
                                 "but you returned nan periods.\nHint: run until every row has spiked twice after "
                                 "t_relax, or until t_max.")
        # Linear interpolation of the spike times errs by |ẍ₀|dt²/(8|ẋ₀|) ≲ 3e-4 per spike here; with RK4 the period
        # is within 5e-4 of solve_ivp's at dt = 0.03 (tests/references). Without interpolation the error is up to dt.
        _close(periods[~silent], known[~silent], f"the periods of {what} (against solve_ivp and π/√I)", atol=1e-3,
               mistakes=lambda: {"count only upward crossings (x₀ < 0 before the step, ≥ 0 after it): you also "
                                 "counted the downstroke.": known[~silent] / 2},
               hint="interpolate the time of each spike within its step: t_k + dt·x₀(t_k)/(x₀(t_k) − x₀(t_k+1)).")
        _close(spike_states[~silent, 0], np.zeros(np.count_nonzero(~silent)),
               f"the first coordinate of the spike states of {what}", atol=1e-3,
               hint="the spike state is interpolated linearly to where the first coordinate crosses 0, not the "
                    "state before or after the step.")
        # Linear interpolation of the state within a step errs by |ẍ|dt²/8: 1.3e-3 in the theta neuron's y at dt = 0.05
        # (θ̇ = 2 at the spike), 1e-4 in FitzHugh–Nagumo's u (which timing errors of 1e-4 move by 1e-4).
        _close(spike_states[~silent], known_states[~silent], f"the spike states of {what} (against solve_ivp)",
               atol=2e-3, hint="return the state at the second spike after t_relax.")


def phase_response_curve(student_phase_response_curve):
    """Check ``phase_response_curve(step, kick, spike_state, period, n_phases, dt, epsilon, which_spike)`` against the
    analytic PRCs of the theta neuron and of a Stuart–Landau oscillator, and the reference on FitzHugh–Nagumo."""
    n_phases = 20
    phases = np.arange(n_phases) / n_phases
    cases = (
        ("the theta neuron with I = 1", ref.rk4_stepper(ref.theta_field, 1.0), ref.pulse_direction(ref.theta_field, 1.0),
         np.array([0.0, 1.0]), np.pi, 0.05, (1 - np.cos(2 * np.pi * phases)) / (2 * np.pi)),
        ("a Stuart–Landau oscillator (period 1) kicked along x", ref.rk4_stepper(lambda s, i: _stuart_landau(s), 0.0),
         lambda s: np.tile([1.0, 0.0], (len(s), 1)), np.array([0.0, -1.0]), 1.0, 0.02,
         np.cos(2 * np.pi * phases) / (2 * np.pi)),
        ("FitzHugh–Nagumo with I = 0.5", ref.rk4_stepper(ref.fhn_field, 0.5), ref.pulse_direction(ref.fhn_field, 0.5),
         np.array([0.0, FHN_SPIKE_U[3]]), FHN_PERIODS[3], 0.05, None),
    )
    for name, step, kick, spike_state, period, dt, analytic in cases:
        what = (f"phase_response_curve(step, kick, spike_state, period={period:.6g}, n_phases={n_phases}, dt={dt}, "
                f"epsilon=1e-3, which_spike=2) for {name}")
        result = call(student_phase_response_curve, step, kick, spike_state, period, n_phases, dt, 1e-3, 2,
                      returns=("phases", "prc"))
        assert_close(result[0], phases, f"the phases of {what}", atol=1e-12, hint="the phases are k/n_phases.")
        prc = as_array(result[1], f"the PRC of {what}", shape=(n_phases,),
                       nonfinite_hint="every copy fires its which_spike-th spike within which_spike + 1 periods: "
                                      "count each copy's upward crossings and keep the time of that one.")
        if analytic is None:
            expected = ref.phase_response_curve(step, kick, spike_state, period, n_phases, dt, 1e-3, 2)[1]
            # Choices the docstring leaves open (which later spike is compared, how the cycle is sampled) change this
            # PRC by less than 1 % of its maximum (≈ 3). At this coarse step (h = 0.042, cheap to check) a finer step
            # moves it by up to 12 %: the first-order error of interpolating spike times linearly on the fast
            # upstroke. 15 % accepts even that; the mistakes below differ by 90 % of the maximum or more.
            tolerance = 0.15 * np.max(np.abs(expected))
        else:
            # Against the exact PRC the direct method errs by O(ε) (nonlinearity), O(h⁴) (RK4) and O((ωh)²) (the linear
            # interpolation of spike times, ωh ≈ 0.1 here): 0.1–0.2 % of the maximum, measured; 1 % of the maximum is
            # well above that and far below the mistakes.
            expected, tolerance = analytic, 0.01 * np.max(np.abs(analytic))
        _close(prc, expected, what, atol=tolerance, mistakes=lambda: {
            "the advance is (t_unperturbed − t_perturbed)/T: positive when the pulse makes the spikes come earlier.":
                -expected,
            "divide the phase advance by ε: the PRC is the response per unit charge.": expected * 1e-3,
            "the phase is in cycles: divide the time difference by the period.": expected * period,
            "a pulse of charge ε changes the state by ε·kick(x), not by ε in the first coordinate only.":
                ref.phase_response_curve(step, lambda s: np.eye(2)[np.zeros(len(s), dtype=int)], spike_state, period,
                                         n_phases, dt, 1e-3, 2)[1],
        }, hint="kick each state on the cycle by ε·kick(x), run perturbed and unperturbed copies together and compare "
                "the times of their which_spike-th spikes after the pulse.")
        if analytic is None and not (np.min(prc) < -0.5 and np.max(prc) > 1.0):
            raise AssertionError(f"{what}: FitzHugh–Nagumo's PRC has both signs (type II): below −0.5 after the "
                                 f"downstroke and above 1 before the spike; got from {np.min(prc):.3g} to "
                                 f"{np.max(prc):.3g}.")


# The smallest input with a limit cycle: from (2, 0), RK4 with DT = 0.03 oscillates from 0.333 on (0.332 settles);
# continuation with solve_ivp (rtol 1e-10) in steps of 1e-4 loses the cycle between 0.3324 and 0.3323 (tests/
# references), and dt = 0.02 or 0.04, other far starts, T_RELAX of 20 or 40 give 0.333 as well. ± 0.0008 accepts the
# grid's 0.333 and the fold 0.3324, and rejects 0.332 and 0.334, the neighbours on the grid of the question.
cycle_fold_current = Discovery(
    0.333, 0.0008, "cycle_fold_current, the smallest input at which FitzHugh–Nagumo has a limit cycle",
    mistakes={"that is where the fixed point loses stability (the Hopf point); below it the stable fixed point "
              "coexists with the limit cycle: start far from the fixed point.": 0.341,
              "Euler's method at dt = 0.01 (fhn_step) keeps the oscillation at inputs where RK4 and solve_ivp lose "
              "it: use the RK4 steps.": 0.330,
              "a start inside the unstable cycle around the fixed point goes to rest although a limit cycle exists: "
              "start far from the fixed point, at START_FAR.": 0.334,
              "the question asks for the smallest input with a cycle, not the largest without.": 0.332})

# The fraction of the 40 phases with a negative PRC at I = 0.5: 23/40 = 0.575 (the adjoint method of
# tests/references gives 0.574 of the cycle, sign changes at 0.210 and 0.784). 20 or 100 phases give 0.55 and 0.58,
# dt = 0.02 or ε = 1e-4 the same 0.575. ± 0.03 accepts these and rejects the advancing fraction (0.425) and what a
# pulse of charge 0.1 gives (0.45, where the response is no longer linear).
delay_fraction = Discovery(
    0.575, 0.03, "delay_fraction, the fraction of the cycle in which a pulse delays the spikes",
    mistakes={"that is the fraction in which a pulse advances the spikes (or your PRC has the wrong sign): the "
              "question asks where the PRC is negative.": 0.425,
              "that is the theta neuron's answer: the question is about FitzHugh–Nagumo at I = 0.5.": 0.0,
              "the pulse must be weak: the PRC is the linear response, use epsilon = PULSE_CHARGE.": 0.45})
