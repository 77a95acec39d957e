"""Checks of section 14.2, path integration.

``integrate_velocity``, ``integration_error``, ``place_cell_activity``, ``decode_position`` and
``batch_grad`` are deterministic: they are compared with the reference on seeded inputs (batched
leading axes among them), and the known slips are named by computing what each gives.
``integrate_velocity`` must also reproduce a path of ``rat_trajectory`` from its velocities (the fact of
the section). ``noisy_integration`` is random, so its check tests the distribution of the velocity
errors it adds (recovered from the increments of its estimates) and the diffusion law
E[e_t²] = σ² Δt · t, with tolerances of six or more standard errors, and that it draws only from its
``rng``.
"""

import numpy as np

from autograder.checking import (Discovery, as_array, assert_close, assert_reproducible, assert_statistic, call,
                                 hint_on_failure)
from solutions.ch07_learning_rules import bptt_rtrl as rnn
from solutions.ch14_spatiotemporal_coding import path_integration as ref

# Positions are sums of at most a few hundred terms of order 1e-3–1 m, so any order of the sums agrees to ~1e-13 m;
# 1e-9 m leaves four orders of magnitude and is far below every slip (one step v·dt ≥ 1e-4 m, or a missing start).
POSITION_ATOL = 1e-9


def _integrate_variant(velocities, start, dt, off_by_one=False, no_dt=False, no_start=False, first_axis=False):
    """``integrate_velocity`` with a known slip: p_t includes v_t; dt left out; the start left out; the sum over
    axis 0 (trials) instead of time."""
    velocities = np.asarray(velocities, dtype=float)
    increments = np.zeros(velocities.shape)
    if off_by_one:
        increments = velocities.copy()
    else:
        increments[..., 1:, :] = velocities[..., :-1, :]
    increments = increments * (1.0 if no_dt else dt)
    total = np.cumsum(increments, axis=0 if first_axis else -2)
    return total if no_start else np.asarray(start)[..., None, :] + total


def integrate_velocity(student_integrate_velocity):
    """Check ``integrate_velocity(velocities, start, dt)`` on a ``rat_trajectory`` path and on random batches."""
    rng = np.random.default_rng(1401)
    positions, velocities = ref.rat_trajectory(300, rng, box_size=ref.ROOM_SIZE)
    cases = [(velocities, positions[0], ref.DT, positions, "a rat_trajectory path of 300 samples")]
    for start_shape, lead, dt in (((3, 2), (3,), 0.05), ((2,), (4,), 0.1)):
        batch = rng.normal(0, 0.2, lead + (25, 2))
        start = rng.uniform(-1, 1, start_shape)
        cases.append((batch, start, dt, ref.integrate_velocity(batch, start, dt),
                      f"velocities of shape {batch.shape} and start of shape {start.shape}"))
    for velocities, start, dt, expected, what in cases:
        what = f"integrate_velocity(velocities, start, dt={dt}) with {what}"
        args = (velocities, start, dt)
        with hint_on_failure("return one position per sample, shape (..., n_steps, 2), starting with p_0 = start."):
            result = as_array(call(student_integrate_velocity, velocities, start, dt), what, shape=expected.shape)
        assert_close(result, expected, what, atol=POSITION_ATOL, mistakes={
            "p_t = start + dt Σ_{s<t} v_s: the velocity of sample t moves the animal to sample t + 1, so p_t does "
            "not include v_t (and p_0 = start).": _integrate_variant(*args, off_by_one=True),
            "a velocity (m/s) times the time step dt (s) is a displacement (m): multiply by dt.":
                _integrate_variant(*args, no_dt=True),
            "the positions start at `start`: add it to the summed displacements.":
                _integrate_variant(*args, no_start=True),
            "sum over the time axis (axis −2), not over the trials (axis 0).": _integrate_variant(*args,
                                                                                                 first_axis=True),
        }, hint="p_0 = start and p_t = p_{t−1} + v_{t−1} dt along the time axis (−2) of every trial.")


def noisy_integration(student_noisy_integration, seed=1402):
    """Check ``noisy_integration(velocities, start, noise_sd, n_trials, rng, dt)``: 1000 trials of a 200-sample
    path with σ = 0.3 m/s."""
    rng = np.random.default_rng(seed)
    positions, velocities = ref.rat_trajectory(200, rng, box_size=ref.ROOM_SIZE)
    start, sigma, n_trials, dt = positions[0], 0.3, 1000, ref.DT
    what = f"noisy_integration(velocities of shape {velocities.shape}, start, noise_sd={sigma}, n_trials={n_trials}, " \
           f"rng, dt={dt})"
    estimates = as_array(call(student_noisy_integration, velocities, start, sigma, n_trials, rng, dt), what,
                         shape=(n_trials,) + velocities.shape)
    assert_close(estimates[:, 0], np.broadcast_to(start, (n_trials, 2)), f"sample 0 of every trial of {what}",
                 atol=POSITION_ATOL, hint="the start is known: p_0 = start in every trial, and the first (noisy) "
                                          "velocity moves the estimate to sample 1.")
    # Each increment of an estimate, divided by dt, is v_{t−1} + ξ_{t−1}: the errors ξ, 2 × 199 × 1000 ≈ 4e5 of them.
    noise = np.diff(estimates, axis=1) / dt - velocities[:-1]
    hint_errors = ("each trial integrates v_s + ξ_s with its own independent ξ_s ~ 𝒩(0, noise_sd²) for every sample "
                   "and coordinate (rng.normal(0, noise_sd, (n_trials, n_steps, 2))); check integrate_velocity first.")
    # Correlations of ≈ 4e5 (or 2e5) pairs of independent errors have standard error ≤ 1/√2e5 = 2.2e-3; ±0.02 is
    # nine standard errors. The largest one is tested first, so that the message names the slip.
    correlations = [
        (np.corrcoef(noise[:, 1:].ravel(), noise[:, :-1].ravel())[0, 1], "successive velocity errors",
         "draw a new error for every sample: noise added to the positions, or one error per trial, gives correlated "
         "increments."),
        (np.corrcoef(noise[0::2].ravel(), noise[1::2].ravel())[0, 1], "the velocity errors of different trials",
         "every trial needs errors of its own: draw n_trials × n_steps × 2 numbers."),
        (np.corrcoef(noise[..., 0].ravel(), noise[..., 1].ravel())[0, 1], "the x and y velocity errors",
         "the two coordinates need independent errors."),
    ]
    for value, pair, hint in sorted(correlations, key=lambda c: -abs(c[0])):
        assert_statistic(value, 0.0, 0.02, f"the correlation of {pair} in {what}", hint=hint)
    # The mean of ≈ 4e5 errors of standard deviation 0.3 has standard error 0.3/√4e5 = 4.8e-4 m/s.
    assert_statistic(noise.mean(), 0.0, 3e-3, f"the mean velocity error (increment/dt − v) of {what}, m/s",
                     hint=hint_errors)
    # Its standard deviation: relative standard error √(1/(2·4e5)) = 1.1e-3, so ±1.5 % is over 13 standard errors.
    assert_statistic(noise.std() / sigma, 1.0, 0.015, f"the standard deviation of the velocity errors over noise_sd "
                     f"in {what}", hint="noise_sd is the standard deviation of the velocity error in m/s (not a "
                                        "variance, not multiplied by dt); " + hint_errors)
    # The diffusion law at the last sample: E[e²] = σ² dt² · 199 per coordinate; the mean of 2000 squared Gaussian
    # errors has relative standard error √(2/2000) = 3.2 %, so ±20 % is over six standard errors.
    final = np.mean((estimates[:, -1] - positions[-1]) ** 2) / (sigma ** 2 * dt ** 2 * (len(velocities) - 1))
    assert_statistic(final, 1.0, 0.2, f"the mean squared error at the last sample of {what} over σ² dt · t",
                     hint=hint_errors)
    assert_reproducible(lambda generator: call(student_noisy_integration, velocities[:20], start, sigma, 3, generator,
                                               dt), what)


def integration_error(student_integration_error):
    """Check ``integration_error(estimates, positions)`` on random estimates with a systematic offset."""
    rng = np.random.default_rng(1403)
    for n_trials, n_steps in ((7, 15), (1, 4)):
        positions = rng.uniform(-1, 1, (n_steps, 2))
        estimates = positions + rng.normal(0.05, 0.1, (n_trials, n_steps, 2))
        what = f"integration_error(estimates of shape {estimates.shape}, positions of shape {positions.shape})"
        squared = (estimates - positions) ** 2
        with hint_on_failure("return one number per sample: average over the trials (axis 0) and the coordinates."):
            result = as_array(call(student_integration_error, estimates, positions), what, shape=(n_steps,))
        assert_close(result, squared.mean(axis=(0, 2)), what, atol=1e-12, rtol=1e-9, mistakes={
            "average over the two coordinates too (the error per coordinate), not their sum.":
                squared.sum(axis=2).mean(axis=0),
            "return the mean squared error itself, not its square root.": np.sqrt(squared.mean(axis=(0, 2))),
            "measure the error about the true position, not the spread about the mean of the estimates (np.var).":
                np.var(estimates, axis=0).mean(axis=1),
            "square the errors before averaging.": (estimates - positions).mean(axis=(0, 2)),
        })


def place_cell_activity(student_place_cell_activity):
    """Check ``place_cell_activity(positions, centres, sigma)`` against the reference, with batched positions and
    with a small σ, where the exponentials underflow unless the largest exponent is subtracted."""
    rng = np.random.default_rng(1404)
    centres = rng.uniform(-0.5, 0.5, (30, 2))
    for shape, sigma in (((4, 5, 2), 0.15), ((6, 2), 0.05)):
        positions = rng.uniform(-0.6, 0.6, shape)
        what = f"place_cell_activity(positions of shape {shape}, centres of shape {centres.shape}, sigma={sigma})"
        expected = ref.place_cell_activity(positions, centres, sigma)
        squared = np.sum((positions[..., None, :] - centres) ** 2, axis=-1)
        exponents = -squared / (2 * sigma ** 2)
        gaussian, shifted = np.exp(exponents), np.exp(exponents - exponents.max(axis=-1, keepdims=True))
        unsquared = np.exp(-np.sqrt(squared) / (2 * sigma ** 2))
        normalise = "normalise: divide by the sum over the cells (a softmax), so that the activities sum to 1."
        over_positions = "normalise each position's activities over the cells (the last axis), not over the positions."
        with hint_on_failure("return one activity per position and cell: shape positions.shape[:-1] + (n_cells,)."):
            result = as_array(call(student_place_cell_activity, positions, centres, sigma), what, shape=expected.shape)
        assert_close(result, expected, what, atol=1e-12, rtol=1e-9, mistakes={
            "the exponent is −‖p − μ‖²/(2σ²): the factor 2 is missing.":
                ref.place_cell_activity(positions, centres, sigma / np.sqrt(2)),
            "the exponent uses the squared distance ‖p − μ‖², not the distance.":
                unsquared / unsquared.sum(axis=-1, keepdims=True),
            normalise: gaussian,
            normalise + " Subtracting the largest exponent does not normalise.": shifted,
            over_positions: gaussian / gaussian.sum(axis=0, keepdims=True),
            over_positions + " (after subtracting each position's largest exponent)":
                shifted / shifted.sum(axis=0, keepdims=True),
        })
    # σ = 2 mm and positions over 2 m from every centre: every exp(−d²/2σ²) is below e^−500000, which underflows to 0.
    far = np.array([[2.0, 2.0], [-1.9, 2.1]])
    what = f"place_cell_activity(positions far from every centre, centres of shape {centres.shape}, sigma=0.002)"
    with hint_on_failure("subtract each position's largest exponent −min_i ‖p − μ_i‖²/2σ² from all of its exponents "
                         "before np.exp: the ratios are unchanged and the largest term becomes e⁰ = 1."):
        result = as_array(call(student_place_cell_activity, far, centres, 0.002), what, shape=(2, len(centres)))
    assert_close(result, ref.place_cell_activity(far, centres, 0.002), what, atol=1e-12)


def decode_position(student_decode_position):
    """Check ``decode_position(activity, centres)`` on random non-negative activities that do not sum to 1."""
    rng = np.random.default_rng(1405)
    centres = rng.uniform(-1, 1, (30, 2))
    for shape in ((6, 30), (2, 3, 30)):
        activity = rng.exponential(1.0, shape) * rng.uniform(0.5, 3.0, shape[:-1] + (1,))
        what = f"decode_position(activity of shape {shape}, centres of shape {centres.shape})"
        expected = ref.decode_position(activity, centres)
        with hint_on_failure("return one position (x, y) per activity vector: shape activity.shape[:-1] + (2,)."):
            result = as_array(call(student_decode_position, activity, centres), what, shape=expected.shape)
        assert_close(result, expected, what, atol=1e-12, rtol=1e-9, mistakes={
            "divide by the total activity Σ_i a_i: the activities need not sum to 1.": activity @ centres,
            "the weighted mean divides by the total activity, not by the number of cells.":
                activity @ centres / centres.shape[0],
            "decode with the weighted mean of all centres, not the centre of the most active cell.":
                centres[np.argmax(activity, axis=-1)],
        })


def _batch_variant(params, inputs, targets, alpha, summed=False, last_only=False, per_step=False,
                   mean_trial=False):
    """``batch_grad`` with a known slip: the sum over trials; the last trial's gradient only; divided by the
    number of steps too; the gradient of the trial-averaged input and target."""
    if mean_trial:
        return rnn.bptt_grad(*params, inputs.mean(axis=0), targets.mean(axis=0), alpha)
    grads = [rnn.bptt_grad(*params, x, y, alpha) for x, y in zip(inputs, targets)]
    if last_only:
        return grads[-1]
    scale = 1.0 if summed else 1.0 / len(inputs)
    if per_step:
        scale /= inputs.shape[1]
    return tuple(scale * np.sum(g, axis=0) for g in zip(*grads))


def batch_grad(student_batch_grad):
    """Check ``batch_grad(w_in, w_rec, w_out, b, inputs, targets, alpha)`` against the reference on random networks
    and batches."""
    rng = np.random.default_rng(1406)
    names = ("g_in", "g_rec", "g_out", "g_b")
    for n_rec, n_trials, n_steps, alpha in ((5, 3, 12, 0.1), (4, 2, 8, 0.3)):
        params = (rng.normal(0, 1, (n_rec, 2)), 1.5 * rng.normal(0, 1, (n_rec, n_rec)) / np.sqrt(n_rec),
                  rng.normal(0, 1, (2, n_rec)) / np.sqrt(n_rec), rng.normal(0, 0.3, n_rec))
        inputs, targets = rng.normal(0, 1, (n_trials, n_steps, 2)), rng.normal(0, 1, (n_trials, n_steps, 2))
        what = f"batch_grad(…, inputs of shape {inputs.shape}, targets, alpha={alpha}) with {n_rec} units"
        result = call(student_batch_grad, *params, inputs, targets, alpha=alpha, returns=names)
        expected = ref.batch_grad(*params, inputs, targets, alpha)
        args = (params, inputs, targets, alpha)
        slips = {
            "the batch loss is the mean over the trials: average their gradients (np.mean), not sum them.":
                _batch_variant(*args, summed=True),
            "add up (average) the gradients of all trials, not only keep the last one computed.":
                _batch_variant(*args, last_only=True),
            "average over the trials only: the loss of each trial is summed over its time steps.":
                _batch_variant(*args, per_step=True),
            "run bptt_grad on every trial and average the gradients; the gradient of the averaged trial is "
            "another quantity (the network is nonlinear).": _batch_variant(*args, mean_trial=True),
        }
        for k, name in enumerate(names):
            got = as_array(result[k], f"{name} returned by {what}", shape=expected[k].shape)
            # Sums of ~T·n terms of order 0.01–1 (as in the checks of 7.9): round-off ~1e-15, slips ≥ 1e-3.
            assert_close(got, expected[k], f"{name} returned by {what}", atol=1e-9 * (1 + np.max(np.abs(expected[k]))),
                         rtol=1e-9, mistakes={hint: wrong[k] for hint, wrong in slips.items()},
                         hint="call bptt_grad(w_in, w_rec, w_out, b, x, y, alpha) for each trial (x, y) and average "
                              "each of the four gradients over the trials.")


# The argmin of the decoding error over the 1-cm grid PLACE_SIGMAS: every correct computation finds the same grid
# point (its error, 4.849 cm, is 0.013 cm below the next one's: far above round-off), and a finer search finds
# 8.6 cm. ±0.5 cm accepts exactly that grid point and finer searches, and rejects the neighbouring grid points, the
# width in m (0.09), the index of the best width (8), the smallest error instead of the width (4.85), and the best
# width with the factor 2 of 2σ² left out of the place cells (12 cm). (Literal values: tests/test_checks.py holds
# them to solutions.best_place_sigma and rnn_test_error.)
best_place_sigma = Discovery(
    9.0, 0.5, "best_place_sigma, the place-field width σ_c that decodes the positions best", unit="cm",
    mistakes={
        "give the width in cm, not in m.": 0.09,
        "give the width itself (an element of PLACE_SIGMAS, in cm), not its index.": 8.0,
        "the question asks for the width σ_c that gives the smallest error, not the error.": 4.849,
        "the exponent of the place cells is −‖p − μ‖²/(2σ²): check place_cell_activity.": 12.0,
    })

# The run is deterministic (seeded paths, weights and Adam), and not chaotic: perturbing every gradient by 1e-10
# relative noise moves the answer by 1e-9 cm (tests/references/…/test_path_integration.py), so any correct
# implementation reproduces it to many digits. The question asks for 0.1 cm: ±0.1 cm accepts every rounding and
# rejects the mean of the distances instead of their root mean square (5.51), the error per coordinate (4.03), at
# the end of the training length (1.27), over all samples (2.51), in m, and the untrained network's (23.6).
rnn_test_error = Discovery(
    5.6997, 0.1, "rnn_test_error, the trained network's root-mean-square position error at the end of the test paths",
    unit="cm",
    mistakes={
        "the root mean square: square the distances ‖ŷ − y‖, average over the paths, then take the root (the mean "
        "distance is smaller).": 5.5117,
        "the distance ‖ŷ_t − y_t‖ adds the squared errors of both coordinates.": 4.0303,
        "take the error at the last sample of the test paths (index −1), twice the training length.": 1.2677,
        "take the error at the last sample only, not averaged over all samples.": 2.5147,
        "give the error in cm, not in m.": 0.057,
        "train the network first (train_path_integrator), then measure its error.": 23.621,
    })
