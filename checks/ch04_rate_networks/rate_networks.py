"""Checks of chapter 4, networks of rate models.

Besides the comparison with ``solutions``, the checks test facts that need no
reference: the Naka–Rushton function is half-maximal at σ and 0 for negative
inputs; iterating the rate-network step of a threshold-linear network converges
to the linear steady state (I − W)⁻¹h; the Wilson–Cowan model with Neuromatch's
parameters has the fixed points (0, 0), (0.3369, 0.1684), (0.9384, 0.6725)
(limit-cycle set: one, (0.5704, 0.2706)); the Jacobian equals finite differences
of the vector field and has the published eigenvalues there (stable focus,
saddle, stable node; unstable focus). Two discovery answers: the input at which
the low-activity state disappears, and the recurrent excitation above which the
network responds paradoxically.
"""

import contextlib

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch04_rate_networks import rate_networks as ref


def _field(y, M, x, tau=ref.TAU_WC):
    """dy/dt of the Wilson–Cowan model, written out here to test against (y of shape (..., 2))."""
    return (-y + ref.wc_transfer(y @ M.T + x)) / tau


def _relu(z):
    return np.maximum(z, 0.0)


def naka_rushton(student_naka_rushton):
    """Check ``naka_rushton(x, m, sigma, a)`` on inputs of both signs, with the original's and other parameters."""
    rng = np.random.default_rng(4)
    x = np.concatenate([[-30.0, -1e-3, 0.0, 1e-3], rng.uniform(-50, 250, 40), [1e4]])
    for m, sigma, a in ((ref.NR_MAX, ref.NR_SIGMA, ref.NR_EXPONENT), (40.0, 8.0, 1.0), (1.0, 3.0, 3.5)):
        what = f"naka_rushton(x, m={m}, sigma={sigma}, a={a})"
        result = as_array(call(student_naka_rushton, x, m=m, sigma=sigma, a=a), what, shape=x.shape,
                          nonfinite_hint="a negative number to a non-integer power is nan: apply Θ(x) before the "
                                         "power (np.maximum(x, 0) ** a), not after it.")
        power = np.maximum(x, 0) ** a
        # Formula and reference agree to a few ulps of rates up to m: 1e-12·m is far above round-off.
        assert_close(result, ref.naka_rushton(x, m, sigma, a), what, atol=1e-12 * m, rtol=1e-12, mistakes={
            "σ is raised to the power a as well: s = m xᵃ/(σᵃ + xᵃ).": m * power / (sigma + power),
            "the maximal rate m multiplies the fraction.": power / (sigma**a + power),
            "a negative input gives no response: multiply by Θ(x), the rate is 0 for x ≤ 0.":
                m * np.abs(x) ** a / (sigma**a + np.abs(x) ** a),
            "the numerator is m xᵃ, with the same power as the denominator.": m * np.maximum(x, 0) / (sigma**a + power),
        })
        half = as_array(call(student_naka_rushton, np.array([sigma]), m=m, sigma=sigma, a=a), what, shape=(1,))
        assert_close(half, [m / 2], f"naka_rushton at x = σ = {sigma}", atol=1e-12 * m,
                     hint="at the semi-saturation input x = σ the rate is half its maximum.")


def wilson_cowan_step(student_wilson_cowan_step):
    """Check ``wilson_cowan_step(y, M, x, dt, tau, transfer)`` for one network, a batch of copies and a stack of
    networks, and its convergence to the linear steady state (I − W)⁻¹h."""
    rng = np.random.default_rng(12)
    y2, y_batch = rng.uniform(0, 1, 2), rng.uniform(0, 1, (5, 2))
    M_stack = ref.M_BISTABLE * rng.uniform(0.5, 1.5, (5, 2, 2))
    cases = (
        ("one network", y2, ref.M_BISTABLE, np.array([0.3, -0.2]), ref.DT_WC, ref.TAU_WC, ref.wc_transfer),
        ("5 copies of one network (y of shape (5, 2))", y_batch, ref.M_CYCLE, ref.X_CYCLE, 0.05, ref.TAU_WC,
         ref.wc_transfer),
        ("a stack of 5 networks (M of shape (5, 2, 2))", y_batch, M_stack, rng.uniform(-1, 1, (5, 2)), 0.2,
         ref.TAU_WC, ref.wc_transfer),
        ("3 Naka–Rushton units", rng.uniform(0, 30, 3), rng.uniform(-1, 1, (3, 3)), rng.uniform(0, 40, 3), 0.5,
         np.array([10.0, 20.0, 5.0]), ref.naka_rushton),
    )
    for what, y, M, x, dt, tau, transfer in cases:
        drive = (M @ y[..., None])[..., 0] + x
        alpha = dt / tau
        wrong_drive = (np.swapaxes(M, -1, -2) @ y[..., None])[..., 0] + x
        mistakes = {
            "M[i, j] is the weight from unit j to unit i: the input of unit i is Σ_j M[i, j] y_j (M @ y, or y @ M.T "
            "for copies in rows), not y @ M.": (1 - alpha) * y + alpha * transfer(wrong_drive),
            "the Euler step is y + (dt/τ)(−y + f(·)): divide dt by τ.": (1 - dt) * y + dt * transfer(drive),
            "the leak: y ← (1 − α) y + α f(M y + x), the old rate decays by the factor (1 − α).":
                y + alpha * transfer(drive),
            "the external input x enters inside the transfer function, f(M y + x).":
                (1 - alpha) * y + alpha * (transfer((M @ y[..., None])[..., 0]) + x),
            "the recurrent input uses the rates y, not the transfer function of them: f(M y + x).":
                (1 - alpha) * y + alpha * transfer((M @ transfer(y)[..., None])[..., 0] + x),
        }
        batched = hint_on_failure("y may hold copies in rows and M may be a stack of matrices: "
                                  "(M @ y[..., None])[..., 0] computes M y for every copy.")
        with batched if y.ndim > 1 else contextlib.nullcontext():
            result = call(student_wilson_cowan_step, y, M, x, dt, tau, transfer)
            # One step of a few flops: round-off is ~1e-15 of rates up to 100 Hz.
            assert_close(result, ref.wilson_cowan_step(y, M, x, dt, tau, transfer),
                         f"wilson_cowan_step for {what}", atol=1e-11, rtol=1e-11, mistakes=mistakes)
    # A threshold-linear network whose steady state has positive rates converges to (I − W)⁻¹ h. Spectral radius
    # of W is 0.5 and α = 0.5, so the error shrinks by at least 0.75 per step: below 1e-20 after 200 steps.
    W = np.array([[0.4, -0.3, 0.1], [0.3, -0.2, 0.2], [0.2, -0.1, -0.1]])
    W *= 0.5 / np.max(np.abs(np.linalg.eigvals(W)))
    h = np.array([2.0, 1.0, 1.5])
    steady = np.linalg.solve(np.eye(3) - W, h)
    y = np.zeros(3)
    for _ in range(200):
        y = as_array(call(student_wilson_cowan_step, y, W, h, 0.5, 1.0, _relu), "wilson_cowan_step(…)", shape=(3,))
    assert_close(y, steady, "the rates after 200 steps of a threshold-linear network (steady state (I − W)⁻¹h)",
                 atol=1e-9, hint="at a fixed point y = f(W y + h); for f(z) = max(z, 0) and positive rates this is "
                                 "y = (I − W)⁻¹h.")


def wc_fixed_points(student_wc_fixed_points):
    """Check ``wc_fixed_points(M, x)`` on Neuromatch's two parameter sets and on other inputs."""
    published = {  # Neuromatch W2D4 (four decimals): the bistable set and the limit-cycle set
        "the bistable set": (ref.M_BISTABLE, ref.X_BISTABLE, [[0.0, 0.0], [0.3369, 0.1684], [0.9384, 0.6725]]),
        "the limit-cycle set": (ref.M_CYCLE, ref.X_CYCLE, [[0.5704, 0.2706]]),
        "the bistable set with I_E = 0.3": (ref.M_BISTABLE, np.array([0.3, 0.0]), None),
        "the bistable set with I_E = 1": (ref.M_BISTABLE, np.array([1.0, 0.0]), None),
        "a weaker network with I_I = −0.5": (np.array([[7.0, -3.0], [10.0, -6.0]]), np.array([0.5, -0.5]), None),
    }
    for name, (M, x, rounded) in published.items():
        what = f"wc_fixed_points(M, x) for {name}"
        expected = ref.wc_fixed_points(M, x)
        points = as_array(call(student_wc_fixed_points, M, x), what)
        if points.ndim != 2 or points.shape[1] != 2:
            raise AssertionError(f"{what} has shape {points.shape}; return an array of shape (k, 2), one row "
                                 "(r_E, r_I) per fixed point.")
        if len(points) != len(expected):
            raise AssertionError(
                f"{what} returned {len(points)} fixed point(s), expected {len(expected)}.\nHint: bracket the sign "
                "changes of the residual along the E-nullcline on a fine grid of r_E strictly inside the range of "
                "F_E, and refine each one.")
        residual = np.abs(_field(points, M, x))
        if np.max(residual) > 1e-8:
            raise AssertionError(f"{what}: at {points[np.argmax(residual.max(axis=1))]} dy/dt is not 0 (up to "
                                 f"{np.max(residual):.2g}); at a fixed point both rates equal F(M y + x).")
        # Bisection to round-off gives ~1e-15; 1e-8 accepts any root-finder that stops at a residual of 1e-9
        # (the slopes of the residual are of order 1 near the roots).
        assert_close(points, expected, f"{what} (rows sorted by increasing r_E)", atol=1e-8,
                     mistakes={"sort the fixed points by increasing r_E.": expected[::-1]})
        if rounded is not None:  # the published values, to their four decimals
            assert_close(points, rounded, f"{what}, against the published values", atol=6e-5)


def jacobian(student_jacobian):
    """Check ``jacobian(y, M, x, tau)`` against finite differences and the published eigenvalues."""
    rng = np.random.default_rng(6)
    for y, M, x in ((rng.uniform(0, 1, 2), ref.M_BISTABLE, rng.uniform(-1, 1, 2)),
                    (rng.uniform(0, 1, 2), ref.M_CYCLE, ref.X_CYCLE),
                    (rng.uniform(0, 1, 2), np.array([[7.0, -3.0], [10.0, -6.0]]), np.array([0.5, -0.5]))):
        what = f"jacobian(y={np.round(y, 4)}, …)"
        h = 1e-6
        numeric = np.column_stack([(_field(y + h * e, M, x) - _field(y - h * e, M, x)) / (2 * h) for e in np.eye(2)])
        sigma = 1 / (1 + np.exp(-ref.GAIN_WC * (M @ y + x - ref.THRESHOLD_WC)))
        slope = (ref.GAIN_WC * sigma * (1 - sigma))[:, None]  # F′ of each unit, as a column
        mistakes = {
            "J[i, j] = ∂(dy_i/dt)/∂y_j: F′ of unit i multiplies row i of M (diag(F′) M), not column j.":
                (-np.eye(2) + slope.T * M) / ref.TAU_WC[:, None],
            "divide row i by τ_i: τ_i dy_i/dt = −y_i + F(·).": -np.eye(2) + slope * M,
            "the leak −y contributes −I/τ to the Jacobian.": slope * M / ref.TAU_WC[:, None],
            "F′(z) = a σ(1 − σ), with the gain a.": (-np.eye(2) + slope / ref.GAIN_WC[:, None] * M) / ref.TAU_WC[:, None],
            "you returned the transpose: row i holds the derivatives of dy_i/dt.": numeric.T,
            "divide row i by τ_i (tau[:, None]), not column i.": (-np.eye(2) + slope * M) / ref.TAU_WC[None, :],
        }
        # Central differences of a smooth field: error h²·|F‴|·|M|³/6 ≲ 1e-9; 1e-6 is far above it.
        assert_close(call(student_jacobian, y, M, x, tau=ref.TAU_WC), numeric, what, atol=1e-6, mistakes=mistakes)
    expected = {"the bistable set": (ref.M_BISTABLE, ref.X_BISTABLE,
                                     [[-0.623 - 0.131j, -0.623 + 0.131j], [-0.873, 1.057], [-1.422, -0.960]]),
                "the limit-cycle set": (ref.M_CYCLE, ref.X_CYCLE, [[0.107 - 0.562j, 0.107 + 0.562j]])}
    for name, (M, x, eigenvalues) in expected.items():
        for point, published in zip(ref.wc_fixed_points(M, x), eigenvalues):
            J = as_array(call(student_jacobian, point, M, x, tau=ref.TAU_WC), "jacobian at a fixed point", shape=(2, 2))
            found = np.sort_complex(np.linalg.eigvals(J))
            # Published to three decimals: 1e-3 covers their rounding.
            if not np.allclose(found, published, atol=1e-3):
                raise AssertionError(f"the eigenvalues of your Jacobian at the fixed point {np.round(point, 4)} of "
                                     f"{name} are {np.round(found, 4)}, expected {np.round(published, 3)}.")


# The low-activity state merges with the saddle at I_E = 0.4575 (bisection on the number of fixed points; the test
# in tests/references finds the fold with scipy). The question asks for the first input of a 0.01 grid with one
# fixed point: 0.46; the fold itself rounds to 0.46. ± 0.006 accepts both, and rejects 0.45 (the last input with
# three) and 0.47. Grids of r_E from 100 to 20 000 points give the same count at every input of the grid.
saddle_node_input = Discovery(
    0.46, 0.006, "saddle_node_input, the smallest input I_E at which only one fixed point is left",
    mistakes={"refine between the last input with three fixed points and the first with one, in steps of 0.01.": 0.5,
              "the question asks for the first input with a single fixed point, not the last one with three.": 0.45,
              "only the excitatory population receives the input: x = (I_E, 0).": 0.53})

# The first w_EE of the scan (step 0.01) at which r_I falls when h_I rises by DH_ISN: 0.49 (0.48 for a step of
# 0.1, 0.4757 where w_EE s′(z_E*) = 1, the linear boundary, computed with scipy in tests/references). 0.485 ± 0.012
# accepts these three, and rejects 0.47 (rates read after 20 ms, before the steady state) and 0.50.
paradoxical_w_ee = Discovery(
    0.485, 0.012, "paradoxical_w_ee, the smallest w_EE at which more drive to I lowers r_I",
    mistakes={"compare the steady states: run each network for T_ISN ms before and after raising h_I (after 20 ms "
              "the rates still move).": 0.47,
              "the question is about the inhibitory rate r_I; r_E falls for every w_EE.": 0.0,
              "the slope of the transfer function at the operating point matters, not its maximal slope.": 0.348,
              "the slope at σ is not the slope at the network's operating point: simulate the network.": 0.417,
              "the operating point includes the recurrent input: simulate the network rather than taking "
              "the slope at h_E.": 0.358})
