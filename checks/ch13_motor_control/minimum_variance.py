"""Checks of section 13.2, the minimum-variance model.

Besides the comparison with ``solutions`` on the original's eye plants and on other systems, the checks test
facts that need no reference: the covariance is 0 at the known initial state and equals the sum
k Σ u_{t'}² h hᵀ over the impulse responses h = A^{t−t'−1}B; the Monte-Carlo runs have the mean and covariance of
the recursion, within six standard errors of the sample statistics; the optimal mean state reaches the target and
stays there to round-off, and doubling the target doubles the command.
"""

import numpy as np

from autograder.checking import (Discovery, as_array, assert_close, assert_reproducible, assert_statistic, call,
                                 hint_on_failure)
from solutions.ch01_introduction.numerical_methods import zoh_discretize
from solutions.ch13_motor_control import minimum_variance as ref
from solutions.ch13_motor_control.minimum_jerk import equality_qp


def _oscillator():
    """(A, B) of a damped oscillator with a gain other than 1, discretised with 20-ms steps: a plant unlike the eye."""
    A, B = zoh_discretize(np.array([[0.0, 1.0], [-40.0, -3.0]]), np.array([[0.5], [8.0]]), 0.02)
    return A, B[:, 0]


def variance_propagation(student_variance_propagation):
    """Check ``variance_propagation(A, B, u, k, x0)`` on the saccade, a command of both signs and a scalar plant."""
    rng = np.random.default_rng(17)
    A3, B3 = ref.third_order_plant()
    u3 = ref.saccade(ref.TARGET, ref.N_MOVE)[0]
    A2, B2 = _oscillator()
    cases = (("the 3rd-order saccade", A3, B3, u3, ref.K_NOISE, np.zeros(3)),
             ("an oscillator with a command of both signs", A2, B2, rng.normal(0, 2, 40), 0.3, np.array([1.0, -2.0])),
             ("the scalar plant x ← 0.9x + 2u", np.array([[0.9]]), np.array([2.0]), rng.uniform(-1, 3, 12), 0.5,
              np.array([0.5])))
    for name, A, B, u, k, x0 in cases:
        what = f"variance_propagation(A, B, u, k={k}, x0) for {name}"
        mean, covariance = call(student_variance_propagation, A, B, u, k, x0, returns=("mean", "covariance"))
        mean_ref, cov_ref = ref.variance_propagation(A, B, u, k, x0)
        T, n = len(u), len(B)
        mean = as_array(mean, f"mean returned by {what}", shape=(T + 1, n))
        covariance = as_array(covariance, f"covariance returned by {what}", shape=(T + 1, n, n))
        # A recursion of T ≤ 80 steps of a few flops: round-off stays below 1e-12 of the largest value.
        assert_close(mean, mean_ref, f"mean returned by {what}", atol=1e-10 * np.abs(mean_ref).max(), rtol=1e-9,
                     hint="E[x_{t+1}] = A E[x_t] + B u_t from E[x_0] = x0 (the noise has mean 0).")
        if np.any(covariance[0] != 0):
            raise AssertionError(f"covariance[0] returned by {what} is not 0.\nHint: the initial state x0 is known "
                                 "exactly: Σ_0 = 0; the first command's noise enters Σ_1.")
        noise = np.multiply.outer(u**2, np.outer(B, B))  # u_t² B Bᵀ, (T, n, n)
        mistakes = {
            "ξ has variance k (standard deviation √k): the noise adds k u_t² B Bᵀ, not k² u_t² B Bᵀ.":
                ref.variance_propagation(A, B, u, k**2, x0)[1],
            "the covariance of the earlier noise is carried by the dynamics: Σ_{t+1} = A Σ_t Aᵀ + k u_t² B Bᵀ.":
                np.concatenate([np.zeros((1, n, n)), k * np.cumsum(noise, axis=0)]),
            "Σ_{t+1} = A Σ_t Aᵀ (the transpose on the right), not Aᵀ Σ_t A.":
                ref.variance_propagation(A.T, B, u, k, x0)[1],
            "the noise's standard deviation is proportional to the command, so its variance to u_t²: k u_t² B Bᵀ.":
                ref.variance_propagation(A, B, np.sqrt(np.abs(u)), k, x0)[1],
            "the noise of u_t enters x_{t+1} directly: add k u_t² B Bᵀ after propagating Σ_t, not before.":
                np.concatenate([np.zeros((1, n, n)), [A @ s @ A.T for s in cov_ref[1:]]]),
        }
        assert_close(covariance, cov_ref, f"covariance returned by {what}", atol=1e-10 * np.abs(cov_ref).max(),
                     rtol=1e-9, mistakes=mistakes)
    # The recursion is the sum over impulse responses h = A^{t−t'−1} B (Harris & Wolpert's Cov[x_t]).
    A, B, u = A2, B2, rng.normal(0, 1, 15)
    covariance = as_array(call(student_variance_propagation, A, B, u, 0.2, np.zeros(2), returns=("m", "c"))[1],
                          "covariance of variance_propagation(…)", shape=(16, 2, 2))
    h = [np.linalg.matrix_power(A, 14 - s) @ B for s in range(15)]
    assert_close(covariance[-1], 0.2 * sum(u[s] ** 2 * np.outer(h[s], h[s]) for s in range(15)),
                 "Σ_T of variance_propagation for the oscillator, against k Σ_{t'} u_{t'}² (A^{T−t'−1}B)(A^{T−t'−1}B)ᵀ",
                 atol=1e-10)


# The Monte-Carlo check: the oscillator, a command of changing magnitude and sign, k = 0.25, 4000 trials.
N_TRIALS = 4000
MC_K = 0.25


def _mc_case():
    A, B = _oscillator()
    u = 2.0 * np.sin(np.linspace(0, 5, 25)) + 0.5
    return A, B, u, np.array([1.0, -0.5])


def simulate_trials(student_simulate_trials, seed=1998):
    """Check ``simulate_trials(A, B, u, k, x0, n_trials, rng)``: the means and covariances of 4000 trials against
    the recursion."""
    A, B, u, x0 = _mc_case()
    what = f"simulate_trials(A, B, u, k={MC_K}, x0, {N_TRIALS}, rng)"
    states = as_array(call(student_simulate_trials, A, B, u, MC_K, x0, N_TRIALS, np.random.default_rng(seed)),
                      what, shape=(N_TRIALS, len(u) + 1, 2))
    if not np.allclose(states[:, 0], x0, rtol=0, atol=1e-12):
        raise AssertionError(f"the first state of every trial of {what} must be x0.")
    mean, covariance = ref.variance_propagation(A, B, u, MC_K, x0)
    hint = ("every step of every trial draws its own ξ ~ 𝒩(0, k), standard deviation √k, and the noise multiplies "
            "the command only: x_{t+1} = A x_t + B u_t (1 + ξ_t).")
    # The states are Gaussian (linear in the ξ). A sample mean has standard error σ/√N; a sample variance σ²√(2/N)
    # (2.2 % of σ²); a sample covariance √((σ₁₁σ₂₂ + σ₁₂²)/N). Six standard errors each: with 8 statistics a correct
    # simulation fails with probability below 1e-7 (tests/references runs the check with 40 other seeds).
    for t in (8, 16, 25):
        assert_statistic(states[:, t, 0].mean(), mean[t, 0], 6 * np.sqrt(covariance[t, 0, 0] / N_TRIALS),
                         f"the mean position at step {t} over the trials of {what}", hint=hint)
        assert_statistic(states[:, t, 0].var(), covariance[t, 0, 0], 6 * covariance[t, 0, 0] * np.sqrt(2 / N_TRIALS),
                         f"the variance of the position at step {t} over the trials of {what}", hint=hint)
    s = covariance[-1]
    assert_statistic(states[:, -1, 1].var(), s[1, 1], 6 * s[1, 1] * np.sqrt(2 / N_TRIALS),
                     f"the variance of the velocity at the last step over the trials of {what}", hint=hint)
    sample = np.cov(states[:, -1, 0], states[:, -1, 1], bias=True)[0, 1]
    assert_statistic(sample, s[0, 1], 6 * np.sqrt((s[0, 0] * s[1, 1] + s[0, 1] ** 2) / N_TRIALS),
                     f"the covariance of position and velocity at the last step over the trials of {what}", hint=hint)
    assert_reproducible(lambda rng: call(student_simulate_trials, A, B, u, MC_K, x0, 3, rng),
                        "simulate_trials(A, B, u, k, x0, 3, rng)")


def _minimiser(A, B, x0, xf, n_move, n_post, times=None, rows=(0,), shift=0, energy=False):
    """The minimiser of a variant of the minimum-variance QP (same constraints, other weights), to name a mistake.

    ``times``: the steps whose variance is summed (default T_m … T); ``rows``: the state components summed;
    ``shift``: added to the lag t − t' − 1 of the weights; ``energy`` weighs every command alike (Σ u²)."""
    n, n_steps = len(B), n_move + n_post
    impulse = np.array([np.linalg.matrix_power(A, p) @ B for p in range(n_steps + 1)])
    times = np.arange(n_move, n_steps + 1) if times is None else np.asarray(times)
    lag = times[:, None] - np.arange(n_steps) - 1 + shift
    weights = np.ones(n_steps) if energy else \
        np.sum(np.where((lag >= 0)[..., None], impulse[np.clip(lag, 0, n_steps)][..., list(rows)], 0.0) ** 2,
               axis=(0, 2))
    constraints = np.zeros((n + n_post, n_steps))
    constraints[:n, :n_move] = impulse[n_move - 1::-1].T
    constraints[n:, n_move:] = np.eye(n_post)
    values = np.concatenate([xf - np.linalg.matrix_power(A, n_move) @ x0, np.full(n_post, B @ (xf - A @ xf) / (B @ B))])
    return equality_qp(np.diag(weights), np.zeros(n_steps), constraints, values)


def minimum_variance_control(student_minimum_variance_control):
    """Check ``minimum_variance_control(A, B, x0, xf, n_move, n_post)`` on the original's saccades, a saccade from a
    moving eye and an oscillator whose target needs a holding command other than its position."""
    plants = {"the 2nd-order eye plant": ref.discrete_eye_plant([ref.TAU_1, ref.TAU_2]),
              "the 3rd-order eye plant": ref.third_order_plant()}
    A_osc, B_osc = _oscillator()
    osc_target = np.linalg.solve(np.eye(2) - A_osc, B_osc * 1.7)  # the equilibrium held by u = 1.7
    cases = [(f"the original's 10° saccade with {name}", A, B, np.zeros(len(B)), np.eye(len(B))[0] * ref.TARGET,
              ref.N_MOVE, ref.N_POST) for name, (A, B) in plants.items()]
    cases += [("a 15° saccade of 30 ms from a moving eye (3rd-order plant)", *plants["the 3rd-order eye plant"],
               np.array([2.0, 50.0, -1000.0]), np.array([15.0, 0.0, 0.0]), 30, 10),
              ("an oscillator held at an equilibrium by u = 1.7", A_osc, B_osc, np.array([0.5, 0.0]), osc_target,
               12, 6)]
    for name, A, B, x0, xf, n_move, n_post in cases:
        what = f"minimum_variance_control(A, B, x0, xf, {n_move}, {n_post}) for {name}"
        expected = ref.minimum_variance_control(A, B, x0, xf, n_move, n_post)
        with hint_on_failure("build the n + T_p constraint rows of the theory (reach at T_m, holding commands "
                             "after) and solve the KKT system with equality_qp (paste yours from section 13.1 into "
                             "its cell: the unfilled stub raises NotImplementedError as well)."):
            u = as_array(call(student_minimum_variance_control, A, B, x0, xf, n_move, n_post), what,
                         shape=expected.shape)
        mean = ref.variance_propagation(A, B, u, 1.0, x0)[0]
        late = np.abs(mean[n_move:] - xf).max()
        scale = np.abs(xf).max() + np.abs(x0).max()
        # The KKT solve meets its constraints to ~1e-12 of the state's size; 1e-8 leaves room for any direct solver.
        if late > 1e-8 * scale:
            raise AssertionError(
                f"with the command of {what} the mean state misses the target after the movement (by up to "
                f"{late:.3g}).\nHint: E[x_{{T_m}}] = Σ h_{{T_m−t'−1}} u_t' + A^{{T_m}} x0 must equal xf, and "
                "every later command must be the holding command u_hold with B u_hold = (I − A) xf (not the target "
                "position unless the plant's gain is 1), which keeps the mean at xf.")
        args = (A, B, x0, xf, n_move, n_post)
        n_steps = n_move + n_post
        mistakes = {
            "the variance is summed over the whole post-movement period t = T_m … T, not taken at the last step only.":
                _minimiser(*args, times=[n_steps]),
            "the variance is summed over the post-movement period t = T_m … T, not over the whole trial.":
                _minimiser(*args, times=np.arange(1, n_steps + 1)),
            "the cost is the variance of the position only, [Σ_t]_00, not of every state component.":
                _minimiser(*args, rows=range(len(B))),
            "u_{t'} reaches x_t through A^{t−t'−1}B: the weight V_t' sums (h_{t−t'−1})_0², not (h_{t−t'})_0².":
                _minimiser(*args, shift=1),
            "the cost is the summed positional variance Σ V_t' u_t'², not the energy Σ u_t'².":
                _minimiser(*args, energy=True),
        }
        # The KKT matrix has a condition number below 1e6 here: exact methods agree to ~1e-10 of the largest command.
        assert_close(u, expected, what, atol=1e-7 * np.abs(expected).max(), mistakes=mistakes)
    A, B = plants["the 3rd-order eye plant"]
    u = ref.minimum_variance_control(A, B, np.zeros(3), np.array([ref.TARGET, 0, 0]), ref.N_MOVE, ref.N_POST)
    student = as_array(call(student_minimum_variance_control, A, B, np.zeros(3), np.array([2 * ref.TARGET, 0, 0]),
                            ref.N_MOVE, ref.N_POST), "minimum_variance_control(…) for a 20° saccade",
                       shape=u.shape)
    assert_close(student, 2 * u, "the command of a 20° saccade against twice that of a 10° saccade",
                 atol=1e-7 * np.abs(u).max(), hint="the problem is linear: doubling the target doubles the command.")


# The peak of the 150-ms saccade's velocity is at step 45 of 150: 0.30 (a parabola through the three samples
# around the peak puts it at 0.2996, np.gradient of the position at 0.30). The grid resolves the answer to one step,
# 1/150 = 0.0067: ± 0.012 accepts one step either way rounded to two decimals (0.29, 0.31: velocity read from the
# differences of positions, or a time axis starting at 1 ms) and rejects the symmetric 0.5, the 50-ms saccade's
# 0.54, the 2nd-order plant's 0.21 and the peak step over the whole trial (45/180 = 0.25).
peak_velocity_fraction = Discovery(
    0.30, 0.012, "peak_velocity_fraction, the time of peak velocity of the 150-ms saccade as a fraction of its "
                 "duration",
    mistakes={"the profile is not symmetric: find the step of the largest velocity in the mean state.": 0.5,
              "the question is about the longest saccade of Figure 5 (150 ms, 50°).": 0.54,
              "use the third-order plant (with the muscle's time constant).": 0.21,
              "divide by the movement duration (150 ms), not by the whole trial with the post-movement period.": 0.25})

# σ(50 ms)/σ(100 ms) of the final position is 2.357 (exact from the recursion, any k). Two decimals: ± 0.015
# accepts 2.35–2.37 and rejects the ratio of the variances (5.56), its inverse (0.42), the SDs at the end of the
# movement (1.87), the root of the summed post-movement variances (2.14) and the 2nd-order plant (1.70).
endpoint_sd_ratio = Discovery(
    2.36, 0.015, "endpoint_sd_ratio, the final-position SD of the 50-ms saccade over that of the 100-ms saccade",
    mistakes={"take the square root: the ratio of the standard deviations, not of the variances.": 5.56,
              "the 50-ms saccade is the less accurate one: its SD goes in the numerator.": 0.42,
              "the end point is the end of the post-movement period, the last step of the trial, not the end of "
              "the movement.": 1.87,
              "the question is about the position at the last step, not the variance summed over the post-movement "
              "period.": 2.14,
              "use the third-order plant (with the muscle's time constant).": 1.70})
