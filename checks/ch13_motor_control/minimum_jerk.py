"""Checks of section 13.1, the minimum-jerk model.

Besides the comparison with ``solutions``, the checks test facts that need no reference: the
quintic leaves and arrives at rest at the given positions, passes the midpoint at T/2, and its
four outputs are derivatives of one another; the KKT solution satisfies the constraints and is
stationary (P x + q lies in the row space of A), and solves the original's warm-up problem;
the discrete trajectory has one sample per time 0, dt, …, T, holds its first and last three
samples equal, passes the via point exactly, and lies within the O(dt) bias of the quintic.
Two discovery answers: the ratio of peak to mean speed, and the via time of least jerk.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch13_motor_control import minimum_jerk as ref

OUTPUTS = ("position", "velocity", "acceleration", "jerk")


def _wrong_quintics(x0, xf, T, t):
    """What the usual slips of ``minimum_jerk`` return: {hint: (position, velocity, acceleration, jerk)}."""
    x, v, a, j = ref.minimum_jerk(x0, xf, T, t)
    tau = np.asarray(t, dtype=float) / T
    D = np.asarray(xf, dtype=float) - np.asarray(x0, dtype=float)
    cubic = [np.multiply.outer(s, D) / T**k for k, s in enumerate(
        (3 * tau**2 - 2 * tau**3, 6 * tau - 6 * tau**2, 6 - 12 * tau, 0 * tau - 12))]
    unscaled = ref.minimum_jerk(x0, xf, 1.0, t)  # τ = t: the time not divided by T
    return {
        "the trajectory starts at x0: x(t) = x0 + D·s(τ).": (x - x0, v, a, j),
        "the derivatives are taken with respect to t, not τ = t/T: the k-th derivative carries a factor 1/Tᵏ.":
            (x, v * T, a * T**2, j * T**3),
        "the acceleration is D s″(τ)/T² and the jerk D s‴(τ)/T³ (the chain rule once per derivative).":
            (x, v, a * T, j * T),
        "D = xf − x0: the trajectory runs from x0 to xf.": tuple(2 * x0 - x if k == 0 else -y
                                                                   for k, y in enumerate((x, v, a, j))),
        "3τ² − 2τ³ is the cubic of least squared acceleration; the minimum-jerk profile is the quintic "
        "10τ³ − 15τ⁴ + 6τ⁵.": (cubic[0] + x0, *cubic[1:]),
        "the profile is a function of τ = t/T, the fraction of the movement completed.": unscaled,
    }


def minimum_jerk(student_minimum_jerk):
    """Check ``minimum_jerk(x0, xf, T, t)`` on reaches of several lengths and durations, in one and two dimensions."""
    rng = np.random.default_rng(131)
    cases = (
        (ref.X_START, ref.X_END, ref.T_REACH, np.linspace(0, ref.T_REACH, 51)),
        (2.0, -1.0, 0.4, np.sort(rng.uniform(0, 0.4, 30))),
        (0.3, 1.1, 2.5, np.linspace(0, 2.5, 26)),
        (ref.HAND_START, ref.HAND_END, 0.8, np.linspace(0, 0.8, 21)),
    )
    for x0, xf, T, t in cases:
        what = f"minimum_jerk(x0={np.round(x0, 3)}, xf={np.round(xf, 3)}, T={T}, t)"
        hint = ("for positions of shape (d,), the profile of shape (n,) times D of shape (d,) is an outer product: "
                "np.multiply.outer(s, D), or s[:, None] * D." if np.ndim(x0) else
                "return the four arrays position, velocity, acceleration, jerk, in this order.")
        with hint_on_failure(hint):
            result = call(student_minimum_jerk, x0, xf, T, t, returns=OUTPUTS)
        expected = ref.minimum_jerk(x0, xf, T, t)
        wrong = _wrong_quintics(x0, xf, T, t)
        scale = np.max(np.abs(np.asarray(xf) - np.asarray(x0)))
        for k, name in enumerate(OUTPUTS):
            # A polynomial of degree ≤ 5 in τ ∈ [0, 1] with coefficients up to 360 D/Tᵏ: round-off below
            # 1e-13 of 360 D/Tᵏ, so 1e-10 of it accepts any way of writing it (Horner, np.polyval, powers).
            assert_close(result[k], expected[k], f"the {name} returned by {what}", atol=1e-10 * 360 * scale / T**k,
                         rtol=1e-10, mistakes={hint: outputs[k] for hint, outputs in wrong.items()})
    # Facts without the reference: rest at both ends, the midpoint at T/2, outputs that are derivatives of each other.
    x0, xf, T = 1.0, 3.5, 0.6
    ends = call(student_minimum_jerk, x0, xf, T, np.array([0.0, T / 2, T]), returns=OUTPUTS)
    position, velocity, acceleration, _ = (as_array(value, "minimum_jerk(…)", shape=(3,)) for value in ends)
    if not np.allclose([position[0], position[2], velocity[0], velocity[2], acceleration[0], acceleration[2]],
                       [x0, xf, 0, 0, 0, 0], atol=1e-9):
        raise AssertionError("minimum_jerk(1.0, 3.5, 0.6, [0, T/2, T]) must start at x0 and end at xf, at rest: "
                             "velocity and acceleration zero at both ends.")
    if not np.isclose(position[1], (x0 + xf) / 2, atol=1e-9):
        raise AssertionError("minimum_jerk(1.0, 3.5, 0.6, T/2): the profile is symmetric, so at T/2 the position is "
                             "the midpoint (x0 + xf)/2.")


def _random_qp(rng, n, m, columns=None):
    """A QP whose P (n × n) is positive semidefinite of rank n − 1 and A (m × n) random: a unique minimiser."""
    B = rng.standard_normal((n - 1, n))
    tail = () if columns is None else (columns,)
    return B.T @ B, rng.standard_normal((n,) + tail), rng.standard_normal((m, n)), rng.standard_normal((m,) + tail)


def equality_qp(student_equality_qp):
    """Check ``equality_qp(P, q, A, b)`` on the original's warm-up and random problems, one or several at once."""
    P, q, A, b = np.diag([1.0, 0.0]), np.array([3.0, 4.0]), np.array([[1.0, 1.0]]), np.array([1.0])
    with hint_on_failure("build the KKT matrix [[P, Aᵀ], [A, 0]] (np.block), solve it for [−q; b] with "
                         "np.linalg.solve, and return the first n entries."):
        warm_up = call(student_equality_qp, P, q, A, b)
    assert_close(warm_up, [1.0, 0.0], "equality_qp for the original's warm-up (P = diag(1, 0), q = (3, 4), "
                 "A = (1, 1), b = 1)", atol=1e-9, mistakes={
                     "the right-hand side of the KKT system is [−q; b].": ref.equality_qp(P, -q, A, b),
                     "the gradient of ½xᵀPx is Px: the KKT matrix holds P, not 2P.": ref.equality_qp(2 * P, q, A, b)})
    rng = np.random.default_rng(1301)
    for n, m, columns in ((6, 2, None), (10, 4, None), (8, 3, 2)):
        P, q, A, b = _random_qp(rng, n, m, columns)
        what = f"equality_qp(P, q, A, b) for n = {n} variables, m = {m} constraints" + (
            f", q and b with {columns} columns" if columns else "")
        with hint_on_failure("return x only, the first n entries of the KKT solution [x; λ], with one column per "
                             "column of q and b (np.concatenate([-q, b]) keeps the columns; np.append flattens)."):
            x = as_array(call(student_equality_qp, P, q, A, b), what, shape=q.shape)
        expected = ref.equality_qp(P, q, A, b)
        # The KKT matrices of these problems have condition numbers below 1e5: the solution is exact to ~1e-11;
        # 1e-8 accepts a null-space method or a least-squares solve.
        assert_close(x, expected, what, atol=1e-8, rtol=1e-8, mistakes={
            "the right-hand side of the KKT system is [−q; b].": ref.equality_qp(P, -q, A, b),
            "the gradient of ½xᵀPx is Px: the KKT matrix holds P, not 2P.": ref.equality_qp(2 * P, q, A, b)})
        if not np.allclose(A @ x, b, atol=1e-8):
            raise AssertionError(f"{what}: A x ≠ b; the minimiser must satisfy the constraints.")


def _discrete_qp(x0, xf, n, via_index=None, via_position=None, order=3, end_shift=0, accelerations=True):
    """The discrete QP of ``min_jerk_qp`` with the variations its mistakes make: the order of the differences in
    the cost, the end velocity and acceleration rows shifted ``end_shift`` samples towards the start, and whether
    the accelerations are constrained."""
    eye = np.eye(n)
    differences = np.diff(eye, order, axis=0)
    last = n - 1 - end_shift
    rows = [eye[0], eye[-1], eye[1] - eye[0], eye[last] - eye[last - 1]]
    values = [x0, xf, 0, 0]
    if accelerations:
        rows += [eye[0] - 2 * eye[1] + eye[2], eye[last - 2] - 2 * eye[last - 1] + eye[last]]
        values += [0, 0]
    if via_index is not None:
        rows.append(eye[via_index])
        values.append(via_position)
    b = np.zeros((len(values),) + np.shape(x0))
    for row, value in enumerate(values):
        b[row] = value
    return ref.equality_qp(differences.T @ differences, np.zeros((n,) + np.shape(x0)), np.array(rows), b)


def min_jerk_qp(student_min_jerk_qp):
    """Check ``min_jerk_qp(x0, xf, T, dt, via_time, via_position)`` on the original's problems and others."""
    cases = (  # (x0, xf, T, dt, via_time, via_position)
        (ref.X_START, ref.X_END, ref.T_REACH, ref.DT, None, None),
        (0.5, -1.0, 0.6, 0.02, None, None),
        (ref.VIA_START, ref.VIA_END, ref.T_REACH, ref.DT, ref.VIA_TIME, ref.VIA_POSITION),
        (0.0, 1.0, 1.0, 0.01, 0.57, 1.5),  # 0.57/0.01 = 56.99999999999999 in floating point
        (ref.HAND_START, ref.HAND_END, ref.T_REACH, 0.02, 0.3, ref.HAND_VIA),
    )
    for x0, xf, T, dt, via_time, via_position in cases:
        n = round(T / dt) + 1
        via = "" if via_time is None else f", via_time={via_time}, via_position={np.round(via_position, 3)}"
        what = f"min_jerk_qp(x0={np.round(x0, 3)}, xf={np.round(xf, 3)}, T={T}, dt={dt}{via})"
        with hint_on_failure(f"return one position per time 0, dt, …, T: {n} samples (round(T/dt) + 1), one row per "
                             "time and one column per coordinate for positions of shape (d,)."):
            x = as_array(call(student_min_jerk_qp, x0, xf, T, dt, via_time, via_position), what,
                         shape=(n,) + np.shape(x0))
        k = None if via_time is None else round(via_time / dt)
        mistakes = {
            "the cost is the sum of squared third differences (jerk), np.diff(np.eye(n), 3, axis=0).":
                _discrete_qp(x0, xf, n, k, via_position, order=2),
            "the end rows act on the last samples: x_{n−1} − x_{n−2} and x_{n−3} − 2x_{n−2} + x_{n−1}.":
                _discrete_qp(x0, xf, n, k, via_position, end_shift=1),
            "the accelerations at both ends are constrained to zero as well.":
                _discrete_qp(x0, xf, n, k, via_position, accelerations=False),
        }
        if k is not None:
            mistakes["the via point is the sample j = round(via_time/dt): int() truncates 56.99999… to 56."] = \
                _discrete_qp(x0, xf, n, k - 1, via_position)
            mistakes["the via point is the sample j = round(via_time/dt); Python counts from 0."] = \
                _discrete_qp(x0, xf, n, k + 1, via_position)
        # The KKT matrix of n = 101 samples has a condition number of 9e8: round-off moves the solution by up to
        # ~1e-7 of the positions (a null-space method or a jerk scaled by 1/dt³ differ from the reference by
        # 7e-8 at most); the mistakes change it by more than 1e-3.
        scale = np.max(np.abs([x0, xf] + ([] if via_position is None else [via_position])))
        expected = ref.min_jerk_qp(x0, xf, T, dt, via_time, via_position)
        assert_close(x, expected, what, atol=1e-6 * scale, mistakes=mistakes)
        ends = [x[0] - x0, x[1] - x0, x[2] - x0, x[-1] - xf, x[-2] - xf, x[-3] - xf]
        if not np.allclose(ends, 0, atol=1e-6 * scale):
            raise AssertionError(f"{what}: the first three samples must equal x0 and the last three xf (zero "
                                 "velocity and acceleration by differences).")
        if k is not None and not np.allclose(x[k], via_position, atol=1e-6 * scale):
            raise AssertionError(f"{what}: the trajectory must pass through the via point at sample {k}.")
    # With a finer grid the trajectory approaches the quintic: its bias is about 2dt/T of the distance.
    fine = as_array(call(student_min_jerk_qp, 0.0, 1.0, 1.0, 0.005), "min_jerk_qp(0, 1, 1, 0.005)", shape=(201,))
    quintic = ref.minimum_jerk(0.0, 1.0, 1.0, 0.005 * np.arange(201))[0]
    if np.max(np.abs(fine - quintic)) > 0.01:
        raise AssertionError("min_jerk_qp(0, 1, 1, 0.005) is further than 0.01 m from the minimum-jerk quintic: "
                             "the discrete minimiser approaches it as dt shrinks.")


# The peak of 30τ²(1 − τ)² is at τ = ½; the question asks for three decimals. A grid that misses τ = ½ by half a
# step of T/49 (50 samples) still gives the value to 1.5e-3, so ± 0.003 accepts every sampling of Figure 1 or finer
# and rejects the QP's 1.913 (dt = 0.01) and 1.934 (the original's grid), the cubic's 1.5 and the peak speed itself.
peak_speed_ratio = Discovery(
    1.875, 0.003, "peak_speed_ratio, the peak speed of the minimum-jerk reach over its mean speed D/T",
    mistakes={"use the quintic minimum_jerk on a fine grid: the QP's differences overestimate the peak speed.": 1.913,
              "the original's grid of 100 samples is even further off; use the quintic minimum_jerk.": 1.934,
              "the peak speed itself is in m/s; divide it by the mean speed D/T.": 3.75,
              "that is the cubic 3τ² − 2τ³ (minimum acceleration), not the minimum-jerk quintic.": 1.5,
              "the question asks for the speed (velocity), not the acceleration.": 5.774})

# The scan of Figure 5's problem over via times k·DT gives 0.56 s; the continuous optimum (quintic splines,
# minimize_scalar, in tests/references) is 0.5646 s, and 0.5633 s mapped to the QP's effective interval. ± 0.006 s
# accepts 0.56 and 0.5646 and rejects the neighbouring grid times 0.55 and 0.57.
optimal_via_time = Discovery(
    0.56, 0.006, "optimal_via_time, the via time of least jerk cost", unit="s",
    mistakes={"the original fixes the via time at T/2; search over the via time for the least jerk cost.": 0.5,
              "the time of constant speed along the path is not the time of least jerk.": 0.667,
              "minimise the jerk cost, not the peak speed.": 0.6,
              "minimise the jerk cost (third differences), not the acceleration cost.": 0.57,
              "that is the optimum of the minimum-acceleration model: keep the jerk cost and min_jerk_qp.": 0.58},
)
