"""Independent validation of the path-integration reference (section 14.2): exact integration of the generator's
own velocities and of a path with a closed form (a constant turn: a geometric series), the diffusion law of a
noisy integrator by Monte Carlo (standard-error tolerances, 40 seeds), the place-cell softmax against
``scipy.special`` and its two limits, the batch gradient against central finite differences of a forward pass
written here, and the training run behind the discovery question (it learns, and it is not chaotic)."""

import numpy as np
import pytest
from scipy.special import logsumexp, softmax

from checks.ch14_spatiotemporal_coding import path_integration as checks
from solutions.ch14_spatiotemporal_coding import path_integration as pi


@pytest.mark.parametrize("seed", range(5))
def test_integrating_the_generators_velocities_reproduces_its_path(seed):
    positions, velocities = pi.rat_trajectory(3000, np.random.default_rng(seed), box_size=pi.ROOM_SIZE)
    integrated = pi.integrate_velocity(velocities, positions[0])
    # 3000 additions of steps ≤ 1e-2 m to positions ≤ 1.1 m: round-off below 3000 · 1.1 · 2.2e-16 ≈ 7e-13 m
    assert np.max(np.abs(integrated - positions)) < 1e-12


def test_a_constant_turn_integrates_to_the_closed_form():
    """Speed v, heading θ₀ + sω at sample s: p_n = p_0 + v dt e^{iθ₀}(1 − e^{inω})/(1 − e^{iω}) (complex plane)."""
    speed, theta0, omega, dt, n = 0.2, 0.3, 0.05, 0.02, 400
    start = np.array([0.1, -0.2])
    headings = theta0 + omega * np.arange(n)
    velocities = speed * np.column_stack([np.cos(headings), np.sin(headings)])
    samples = np.arange(n)
    closed = speed * dt * np.exp(1j * theta0) * (1 - np.exp(1j * samples * omega)) / (1 - np.exp(1j * omega))
    expected = start + np.column_stack([closed.real, closed.imag])
    np.testing.assert_allclose(pi.integrate_velocity(velocities, start, dt), expected, rtol=0, atol=1e-13)
    # and with leading axes: three trials with their own starts
    starts = np.array([[0.0, 0.0], [1.0, 2.0], [-1.0, 0.5]])
    batch = pi.integrate_velocity(np.broadcast_to(velocities, (3, n, 2)), starts, dt)
    np.testing.assert_allclose(batch - starts[:, None], np.broadcast_to(expected - start, (3, n, 2)), atol=1e-13)


def _diffusion_ratios(seed, n_trials=2000, n_steps=300, sigma=0.1):
    """E_t/(σ² dt t) at t = 50, 100, …, 299 samples, and the least-squares slope of E_t against t over σ² dt."""
    positions, velocities = pi.rat_trajectory(n_steps, np.random.default_rng(10_000 + seed), box_size=pi.ROOM_SIZE)
    estimates = pi.noisy_integration(velocities, positions[0], sigma, n_trials, np.random.default_rng(seed))
    error = pi.integration_error(estimates, positions)
    t = pi.DT * np.arange(n_steps)
    law = sigma ** 2 * pi.DT * t
    slope = np.sum(t * error) / np.sum(t * t)  # least squares through the origin
    samples = np.array([50, 100, 200, 299])
    return error[samples] / law[samples], slope / (sigma ** 2 * pi.DT)


@pytest.mark.parametrize("seed", range(40))
def test_noisy_integration_diffuses_as_sigma_squared_dt_t(seed):
    ratios, slope = _diffusion_ratios(seed)
    # E_t averages 2 × 2000 squared Gaussian errors: relative standard error √(2/4000) = 2.2 %; ±15 % is 6.7 of them.
    assert np.all(np.abs(ratios - 1) < 0.15)
    # The slope weights late samples most; its relative standard error is below that of the last E_t (2.2 %).
    assert abs(slope - 1) < 0.15


def test_diffusion_ratios_scatter_by_their_standard_error():
    """Across 40 seeds the last E_t/(σ² dt t) has mean 1 and standard deviation √(2/4000) = 0.022."""
    last = np.array([_diffusion_ratios(seed, n_trials=2000)[0][-1] for seed in range(100, 140)])
    assert abs(last.mean() - 1) < 6 * 0.022 / np.sqrt(40)
    assert 0.5 * 0.022 < last.std() < 1.5 * 0.022


@pytest.mark.parametrize("seed", range(40))
def test_the_noisy_integration_check_accepts_other_seeds(seed):
    checks.noisy_integration(pi.noisy_integration, seed=seed)


def test_place_cells_equal_scipys_softmax_and_their_limits():
    rng = np.random.default_rng(5)
    centres = pi.place_cell_centres(rng)
    positions = (rng.random((50, 2)) - 0.5) * pi.ROOM_SIZE
    squared = np.sum((positions[:, None] - centres) ** 2, axis=-1)
    for sigma in (0.01, 0.05, 0.3):
        activity = pi.place_cell_activity(positions, centres, sigma)
        np.testing.assert_allclose(activity, softmax(-squared / (2 * sigma ** 2), axis=-1), rtol=1e-10, atol=1e-300)
        np.testing.assert_allclose(np.log(activity[activity > 1e-300]),
                                   (-squared / (2 * sigma ** 2) - logsumexp(-squared / (2 * sigma ** 2), axis=-1,
                                                                           keepdims=True))[activity > 1e-300],
                                   atol=1e-9)
    # σ → 0: all activity on the nearest centre (the Voronoi cell), so the read-out is the nearest centre
    nearest = centres[np.argmin(squared, axis=1)]
    np.testing.assert_allclose(pi.decode_position(pi.place_cell_activity(positions, centres, 1e-4), centres), nearest,
                               atol=1e-12)
    # σ → ∞: equal activities, the read-out is the centroid of the centres
    np.testing.assert_allclose(pi.decode_position(pi.place_cell_activity(positions, centres, 1e4), centres),
                               np.broadcast_to(centres.mean(axis=0), positions.shape), atol=1e-6)
    # two cells: the activity of the first is the logistic function of (d₁² − d₀²)/2σ²
    two = np.array([[0.0, 0.0], [0.3, 0.4]])
    p = np.array([0.1, 0.1])
    logistic = 1 / (1 + np.exp((np.sum(p ** 2) - np.sum((p - two[1]) ** 2)) / (2 * 0.2 ** 2)))
    assert pi.place_cell_activity(p, two, 0.2)[0] == pytest.approx(logistic, rel=1e-12)


def test_the_best_width_is_a_clear_minimum_of_the_grid():
    rng = np.random.default_rng(pi.PLACE_SEED)
    centres = pi.place_cell_centres(rng)
    positions = (rng.random((pi.N_DECODE, 2)) - 0.5) * pi.ROOM_SIZE
    rms = np.array([np.sqrt(np.mean(np.sum((pi.decode_position(pi.place_cell_activity(positions, centres, s), centres)
                                            - positions) ** 2, axis=-1))) for s in pi.PLACE_SIGMAS])
    best = np.argmin(rms)
    assert 100 * pi.PLACE_SIGMAS[best] == pi.best_place_sigma()
    # the runner-up is worse by far more than round-off (1e-4 m is ~1e12 times the round-off of these sums)
    assert np.sort(rms)[1] - rms[best] > 1e-4
    assert 0 < best < len(rms) - 1  # an interior minimum: narrow fields quantise, wide fields pull inwards


def _forward_loss(params, inputs, targets, alpha=pi.ALPHA):
    """The mean over trials of ½ Σ_t ‖ŷ_t − y_t‖², with the network written here for all trials at once."""
    w_in, w_rec, w_out, b = params
    h = np.zeros((len(inputs), len(w_rec)))
    total = 0.5 * np.sum(targets[:, 0] ** 2)  # ŷ_0 = W_out h_0 = 0
    for t in range(1, inputs.shape[1]):
        h = (1 - alpha) * h + alpha * np.tanh(h @ w_rec.T + inputs[:, t] @ w_in.T + b)
        total += 0.5 * np.sum((h @ w_out.T - targets[:, t]) ** 2)
    return total / len(inputs)


@pytest.mark.parametrize("seed", range(4))
def test_batch_grad_equals_central_differences(seed):
    rng = np.random.default_rng(seed)
    n_rec = 5
    params = [rng.normal(0, 1, (n_rec, 2)), 1.5 * rng.normal(0, 1, (n_rec, n_rec)) / np.sqrt(n_rec),
              rng.normal(0, 1, (2, n_rec)) / np.sqrt(n_rec), rng.normal(0, 0.3, n_rec)]
    inputs, targets = rng.normal(0, 1, (4, 12, 2)), rng.normal(0, 1, (4, 12, 2))
    assert _forward_loss(params, inputs, targets) == pytest.approx(
        0.5 * np.sum((pi.network_outputs(params, inputs) - targets) ** 2) / 4, rel=1e-13)
    exact = np.concatenate([np.ravel(g) for g in pi.batch_grad(*params, inputs, targets)])
    eps, numeric = 1e-6, []
    for k, p in enumerate(params):
        for index in np.ndindex(p.shape):
            up, down = [q.copy() for q in params], [q.copy() for q in params]
            up[k][index] += eps
            down[k][index] -= eps
            numeric.append((_forward_loss(up, inputs, targets) - _forward_loss(down, inputs, targets)) / (2 * eps))
    # truncation O(ε² L''') ~ 1e-12 and round-off ~1e-16 L/ε ~ 1e-10 against gradients of order 0.1–1
    assert np.linalg.norm(np.array(numeric) - exact) / np.linalg.norm(exact) < 1e-7


def test_the_training_run_learns_and_is_not_chaotic():
    params, losses = pi._training_run()
    inputs, targets = pi.path_integration_task(pi.TEST_PATHS, pi.TEST_STEPS, np.random.default_rng(pi.TEST_SEED))
    error = np.sqrt(np.mean(np.sum((pi.network_outputs(params, inputs) - targets) ** 2, axis=-1), axis=0))
    still = np.sqrt(np.mean(np.sum(targets ** 2, axis=-1), axis=0))  # the estimate "still at the start"
    horizon = pi.TRAIN_STEPS - 1
    assert losses[-10:].mean() < 0.02 * losses[:10].mean()
    assert error[horizon] < 0.15 * still[horizon]  # within the training length it integrates
    assert error[-1] > 2 * error[horizon]  # beyond it, the error grows faster than diffusion's √2
    # Perturbing every gradient by 1e-10 relative noise (far above round-off differences between correct
    # implementations) moves the answer by far less than the 0.1 cm the question asks for.
    original = pi.batch_grad
    noise = np.random.default_rng(0)
    try:
        pi.batch_grad = lambda *args, **kwargs: tuple(g * (1 + 1e-10 * noise.standard_normal(np.shape(g)))
                                                      for g in original(*args, **kwargs))
        pi._training_run.cache_clear()
        perturbed = pi.rnn_test_error()
    finally:
        pi.batch_grad = original
        pi._training_run.cache_clear()
    assert abs(perturbed - pi.rnn_test_error()) < 1e-4
