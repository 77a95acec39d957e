"""Checks of section 2.3, the FitzHugh–Nagumo model.

Besides the comparison with ``solutions``, the checks test facts that need no
reference: the fixed point lies on both nullclines, its v is −1.199 at I = 0, the
Jacobian equals finite differences of the vector field, and its trace is
≈ −0.017 at I = 0.34 (stable) and ≈ 2.72 at I = 0.5 (unstable). Two discovery
answers: the input at which the fixed point loses stability and the input at
which the simulated neuron starts to fire repetitively.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, describe_call
from solutions.ch02_neuron_models import fitzhugh_nagumo as ref

STATE_NAMES = ("v", "u")


def _vector_field(v, u, i_ext):
    """(dv/dt, du/dt) of the model, written out here to test against."""
    return np.array([ref.C * (v - v**3 / 3 - u + i_ext), v - ref.B * u + ref.A])


def fhn_step(student_fhn_step):
    """Check ``fhn_step(v, u, i_ext, dt)`` against one Euler step on random states."""
    rng = np.random.default_rng(23)
    for dt in (0.01, 0.001):
        v, u, i_ext = rng.uniform(-2.5, 2.5, 30), rng.uniform(-1, 2, 30), rng.uniform(0, 1, 30)
        what = describe_call(student_fhn_step, (v, u, i_ext, dt), {})
        result = call(student_fhn_step, v, u, i_ext, dt, returns=STATE_NAMES)
        dv, du = _vector_field(v, u, i_ext)
        mistakes = {
            "v": {
                "your update ignores dt: the Euler step is x + dt·(dx/dt).": v + dv,
                "the whole right-hand side of dv/dt is multiplied by c = 10.": v + dt * (dv / ref.C),
                "the cubic term is −v³/3.": v + dt * ref.C * (v + v**3 / 3 - u + i_ext),
            },
            "u": {
                "your update ignores dt: the Euler step is x + dt·(dx/dt).": u + du,
                "du/dt = v − b·u + a, with no factor c.": u + dt * ref.C * du,
                "explicit Euler evaluates du/dt at the old v, not at the updated one.":
                    u + dt * (v + dt * dv - ref.B * u + ref.A),
            },
        }
        for name, value, expected in zip(STATE_NAMES, result, ref.fhn_step(v, u, i_ext, dt)):
            assert_close(value, expected, f"{name} after {what}", atol=1e-12, rtol=1e-12,
                         mistakes=mistakes[name])


def fhn_nullclines(student_fhn_nullclines):
    """Check ``fhn_nullclines(v, i_ext)``: the vector field vanishes along them."""
    v = np.linspace(-2.5, 2.5, 51)
    for i_ext in (0.0, 0.5):
        u_v, u_u = call(student_fhn_nullclines, v, i_ext, returns=("u_v", "u_u"))
        expected_v, expected_u = ref.fhn_nullclines(v, i_ext)
        assert_close(u_v, expected_v, f"the v-nullcline u(v) for I = {i_ext}", atol=1e-12,
                     hint="on the v-nullcline dv/dt = 0: u = v − v³/3 + I.")
        assert_close(u_u, expected_u, f"the u-nullcline u(v) for I = {i_ext}", atol=1e-12,
                     mistakes={"solve v − b·u + a = 0 for u.": (v - ref.A) / ref.B},
                     hint="on the u-nullcline du/dt = 0: u = (v + a)/b.")


def fhn_fixed_point(student_fhn_fixed_point):
    """Check ``fhn_fixed_point(i_ext)`` at the original page's inputs and random ones."""
    rng = np.random.default_rng(3)
    for i_ext in (0.0, 0.34, 0.5, *rng.uniform(-1, 2, 5)):
        what = f"fhn_fixed_point({i_ext:.6g})"
        v, u = (as_array(x, f"{name} of {what}", shape=())
                for name, x in zip(STATE_NAMES, call(student_fhn_fixed_point, i_ext, returns=STATE_NAMES)))
        residual = _vector_field(v, u, i_ext)
        if np.max(np.abs(residual)) > 1e-6:
            raise AssertionError(
                f"{what} returned v = {float(v):.6g}, u = {float(u):.6g}, where dv/dt = {residual[0]:.3g} "
                f"and du/dt = {residual[1]:.3g}; a fixed point lies on both nullclines.\nHint: put "
                "u = (v + a)/b into the v-nullcline and take the real root of the cubic (np.roots)."
            )
        assert_close(np.array([v, u]), np.array(ref.fhn_fixed_point(i_ext)), f"the fixed point for I = {i_ext:.6g}",
                     atol=1e-8)


def fhn_jacobian(student_fhn_jacobian):
    """Check ``fhn_jacobian(v, u)`` against finite differences and the trace facts."""
    rng = np.random.default_rng(8)
    for v, u in zip(rng.uniform(-2, 2, 5), rng.uniform(-1, 1, 5)):
        jacobian = as_array(call(student_fhn_jacobian, v, u), f"fhn_jacobian({v:.4g}, {u:.4g})", shape=(2, 2))
        h = 1e-6
        columns = [(_vector_field(v + h, u, 0.3) - _vector_field(v - h, u, 0.3)) / (2 * h),
                   (_vector_field(v, u + h, 0.3) - _vector_field(v, u - h, 0.3)) / (2 * h)]
        # Central differences of a cubic: error h²·c·|v'''|/6 ≈ 2e-11, far below 1e-6.
        assert_close(jacobian, np.column_stack(columns), f"fhn_jacobian({v:.4g}, {u:.4g})", atol=1e-6,
                     mistakes={"rows are the derivatives of dv/dt and du/dt; you returned the transpose.":
                               np.column_stack(columns).T},
                     hint="row 0 is (∂v̇/∂v, ∂v̇/∂u) = (c(1 − v²), −c), row 1 is (∂u̇/∂v, ∂u̇/∂u) = (1, −b).")
    for i_ext, trace in ((0.34, -0.0174421), (0.5, 2.7222010)):
        v, u = ref.fhn_fixed_point(i_ext)
        jacobian = as_array(call(student_fhn_jacobian, v, u), "fhn_jacobian at the fixed point", shape=(2, 2))
        assert_close(np.trace(jacobian), trace, f"the trace of the Jacobian at the fixed point for I = {i_ext}",
                     atol=1e-6)


# The loss of stability: the trace of the Jacobian at the fixed point changes sign at I = 0.34106 (brentq; the
# reference's grid of 0.001 finds its first positive trace at 0.342). The question asks for 0.001, so the grid's
# first unstable input (0.342), its last stable one (0.341), the rounded root and the analytic value from
# v*² = 1 − b/c all lie within 0.001 of 0.3411; 0.340, where the trace is still −0.017, does not.
hopf_current = Discovery(
    0.3411, 0.001, "hopf_current, the smallest input at which the fixed point is unstable",
    mistakes={"Figure 1 steps the input by 0.01: refine the search to 0.001 between its last stable and its "
              "first unstable input.": 0.35,
              "the trace of the Jacobian is c(1 − v²) − b: do not forget −b.": 0.292,
              "∂v̇/∂v = c(1 − v²), with the factor c.": 0.734,
              "the fixed point is unstable on an interval of inputs; the question asks for its lower end.": 1.408,
              "the fixed point is unstable where the trace is positive (the determinant is positive throughout).": 0.0})

# The onset of repetitive firing after the step from the rest state of I = 0: explicit Euler at dt = 0.01 fires
# after t = 100 from 0.330 on (0 upstrokes at 0.329, 22 at 0.330), dt = 0.001 from 0.333, and an accurate
# integrator (solve_ivp, rtol 1e-10) between 0.332 and 0.333; runs of 100 or 400 instead of 200 give the same.
# 0.3315 ± 0.003 accepts all of these and rejects the Hopf point (0.341–0.342) and a coarse grid's 0.34.
oscillation_onset = Discovery(
    0.3315, 0.003, "oscillation_onset, the smallest input at which the neuron fires repetitively after the step",
    mistakes={"that is where the fixed point loses stability, not where the simulated neuron starts to fire: "
              "simulate the step from rest at several inputs and count the upstrokes after t = 100.": 0.342,
              "the question asks for 0.001: search between the last silent and the first firing input in steps "
              "of 0.001.": 0.34,
              "the single spike right after the step is excitability, not repetitive firing: count only the "
              "upstrokes between t = 100 and 200.": 0.159})
