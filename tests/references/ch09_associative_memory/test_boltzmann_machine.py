"""Independent validation of the Boltzmann-machine reference (section 9.3): brute-force enumeration with
itertools, finite differences (scipy), the exact transition matrix of the Gibbs chain, L-BFGS on the exact
log-likelihood, and scikit-learn's BernoulliRBM."""

import itertools

import numpy as np
import pytest
from scipy.optimize import check_grad, minimize

from checks.ch09_associative_memory import boltzmann_machine as checks
from solutions.ch09_associative_memory import boltzmann_machine as bm


def _symmetric(rng, n, scale):
    W = np.triu(scale * rng.standard_normal((n, n)), 1)
    return W + W.T


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _brute_force_distribution(W, b):
    """p(s) by looping over the states and the pairs i < j, in itertools.product order (= all_states order)."""
    n = len(b)
    weights = []
    for state in itertools.product((0, 1), repeat=n):
        energy = -sum(W[i, j] * state[i] * state[j] for i in range(n) for j in range(i + 1, n))
        energy -= sum(b[i] * state[i] for i in range(n))
        weights.append(np.exp(-energy))
    return np.array(weights) / sum(weights)


def test_distribution_equals_brute_force_enumeration():
    rng = np.random.default_rng(0)
    for n in (1, 3, 5, 7):
        W, b = _symmetric(rng, n, 1.0), rng.normal(0, 1, n)
        np.testing.assert_allclose(bm.bm_distribution(W, b), _brute_force_distribution(W, b), rtol=1e-12, atol=1e-15)
    b = rng.normal(0, 2, 4)
    independent = np.prod([[_sigmoid(b[i]) if s[i] else _sigmoid(-b[i]) for i in range(4)]
                           for s in itertools.product((0, 1), repeat=4)], axis=1)
    np.testing.assert_allclose(bm.bm_distribution(np.zeros((4, 4)), b), independent, rtol=1e-12)
    # strong couplings: a single state carries all the probability, without overflow
    p = bm.bm_distribution(500.0 * (np.ones((3, 3)) - np.eye(3)), np.full(3, -200.0))
    assert np.all(np.isfinite(p)) and p[-1] == pytest.approx(1.0)


def _log_likelihood(theta, data, n):
    """Mean log-likelihood as a function of the upper-triangle couplings and the biases (brute force)."""
    upper = np.triu_indices(n, 1)
    W = np.zeros((n, n))
    W[upper] = theta[:len(upper[0])]
    W = W + W.T
    p = _brute_force_distribution(W, theta[len(upper[0]):])
    index = data.astype(int) @ (1 << np.arange(n - 1, -1, -1))
    return np.mean(np.log(p[index]))


@pytest.mark.parametrize("seed", range(5))
def test_exact_gradient_equals_finite_differences(seed):
    rng = np.random.default_rng(seed)
    n = 4
    data = (rng.random((50, n)) < rng.uniform(0.2, 0.8, n)).astype(float)
    theta = rng.normal(0, 0.7, n * (n - 1) // 2 + n)
    upper = np.triu_indices(n, 1)

    def gradient(theta):
        W = np.zeros((n, n))
        W[upper] = theta[:len(upper[0])]
        grad_W, grad_b = bm.bm_gradient(data, bm.bm_distribution(W + W.T, theta[len(upper[0]):]))
        assert np.allclose(grad_W, grad_W.T) and np.allclose(np.diag(grad_W), 0)
        return np.concatenate([grad_W[upper], grad_b])

    assert check_grad(lambda t: _log_likelihood(t, data, n), gradient, theta) < 1e-6


def test_training_lowers_kl_and_reaches_the_maximum_likelihood_of_lbfgs():
    data = bm.patch_data()
    W, b, kl = bm.train_bm(data)
    assert np.all(np.diff(kl) <= 1e-13)  # monotone for the step BM_RATE
    # L-BFGS on the negative mean log-likelihood (exact, 512 states) finds the same optimum.
    n, upper = 9, np.triu_indices(9, 1)
    states = bm.all_states(n)
    pair_features = states[:, upper[0]] * states[:, upper[1]]
    features = np.hstack([pair_features, states])
    data_features = np.hstack([data[:, upper[0]] * data[:, upper[1]], data]).mean(axis=0)

    def objective(theta):
        minus_energy = features @ theta
        log_z = np.logaddexp.reduce(minus_energy)
        p = np.exp(minus_energy - log_z)
        return log_z - data_features @ theta, features.T @ p - data_features

    best = minimize(objective, np.zeros(features.shape[1]), jac=True, method="L-BFGS-B",
                    options={"gtol": 1e-10, "ftol": 1e-16, "maxiter": 10000})
    p_data = bm.empirical_distribution(data)
    entropy_data = -np.sum(p_data[p_data > 0] * np.log(p_data[p_data > 0]))
    kl_optimum = best.fun - entropy_data  # −L = KL + H(data)
    assert kl[-1] == pytest.approx(kl_optimum, abs=1e-3)
    # At the optimum the model matches the data's means and pairwise averages (maximum entropy); after BM_STEPS
    # steps the reference is close to it ...
    minus_energy = features @ best.x
    p_best = np.exp(minus_energy - np.logaddexp.reduce(minus_energy))
    assert np.max(np.abs(features.T @ p_best - data_features)) < 1e-6
    grad_W, grad_b = bm.bm_gradient(data, bm.bm_distribution(W, b))
    assert np.max(np.abs(grad_W)) < 3e-3 and np.max(np.abs(grad_b)) < 3e-3
    # ... and KL(data‖pairwise) = H(pairwise) − H(data), since log p is linear in the matched moments.
    assert kl_optimum == pytest.approx(-np.sum(p_best * np.log(p_best)) - entropy_data, abs=1e-6)
    # The converged share of the independent model's KL, against the discovery answer.
    m = data.mean(axis=0)
    independent = np.prod(np.where(states == 1, m, 1 - m), axis=1)
    kl_independent = bm.kl_divergence(p_data, independent)
    assert checks.pairwise_fraction.accepts((kl_independent - kl_optimum) / kl_independent)
    assert (kl_independent - kl_optimum) / kl_independent == pytest.approx(0.7742, abs=2e-4)
    assert bm.pairwise_fraction() == pytest.approx(0.7737, abs=2e-4)


def test_free_energy_equals_the_sum_over_the_hidden_states():
    rng = np.random.default_rng(3)
    n_v, n_h = 5, 4
    W, b, c = rng.normal(0, 1.5, (n_h, n_v)), rng.normal(0, 1, n_v), rng.normal(0, 1, n_h)
    for v in itertools.product((0.0, 1.0), repeat=n_v):
        v = np.array(v)
        total = sum(np.exp(b @ v + c @ np.array(h) + np.array(h) @ W @ v)
                    for h in itertools.product((0.0, 1.0), repeat=n_h))
        assert bm.free_energy(v, W, b, c) == pytest.approx(-np.log(total), rel=1e-12)
    # no overflow for large weights: log(1 + e^x) = max(x, 0) + log(1 + e^(−|x|))
    v = bm.all_states(n_v)
    x = v @ (1e4 * W).T + c
    np.testing.assert_allclose(bm.free_energy(v, 1e4 * W, b, c),
                               -v @ b - (np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))).sum(axis=1), rtol=1e-12)


def _transition_matrix(W, b, c):
    """T[v, v′] = Σ_h p(h | v) p(v′ | h) of block Gibbs sampling, enumerated."""
    visible, hidden = bm.all_states(W.shape[1]), bm.all_states(W.shape[0])

    def bernoulli(states, p):  # probability of every state (columns) given probabilities p (rows)
        return np.prod(np.where(states[None, :, :] == 1, p[:, None, :], 1 - p[:, None, :]), axis=2)

    p_h = bernoulli(hidden, _sigmoid(visible @ W.T + c))  # (v, h)
    p_v = bernoulli(visible, _sigmoid(hidden @ W + b))  # (h, v′)
    return p_h @ p_v


def test_gibbs_chain_converges_to_the_enumerated_distribution():
    W, b, c = bm.small_rbm()
    F = bm.free_energy(bm.all_states(4), W, b, c)
    p = np.exp(-F - np.logaddexp.reduce(-F))
    T = _transition_matrix(W, b, c)
    np.testing.assert_allclose(T.sum(axis=1), 1, atol=1e-14)
    np.testing.assert_allclose(p @ T, p, atol=1e-14)  # e^(−F)/Z is stationary
    start = np.full(16, 1 / 16)  # the checks' chains start from uniform random states
    distance = [0.5 * np.abs(start @ np.linalg.matrix_power(T, t) - p).sum() for t in (5, 20, 30)]
    assert distance[2] < 1e-9 and distance[1] < 1e-5  # mixed after 30 steps (the check) and N_GIBBS = 20
    # The reference sampler's one-step transition frequencies match T (chi-square, 16 000 chains per start).
    rng = np.random.default_rng(7)
    for state in (0, 5, 10, 15):
        v = np.repeat(bm.all_states(4)[state][None], 16000, axis=0)
        frequencies = bm.empirical_distribution(bm.rbm_gibbs_step(v, W, b, c, rng)[1]) * 16000
        expected = T[state] * 16000
        seen = expected > 5
        chi2 = np.sum((frequencies[seen] - expected[seen]) ** 2 / expected[seen])
        assert chi2 < 50  # ~ χ² with ≤ 15 degrees of freedom: 50 is far in its tail
        assert frequencies[~seen].sum() < 5 * max(1.0, expected[~seen].sum())


def test_gibbs_check_passes_the_reference_with_other_seeds():
    for seed in range(40):
        checks.rbm_gibbs_step(bm.rbm_gibbs_step, seed=seed)


def test_gibbs_check_tolerance_covers_the_sampling_noise():
    """The TV distance of 8000 exact draws from p: mean about 0.013, far below the check's 0.04."""
    W, b, c = bm.small_rbm()
    F = bm.free_energy(bm.all_states(4), W, b, c)
    p = np.exp(-F - np.logaddexp.reduce(-F))
    rng = np.random.default_rng(1)
    distances = 0.5 * np.abs(rng.multinomial(8000, p, size=2000) / 8000 - p).sum(axis=1)
    assert 0.010 < distances.mean() < 0.016 and distances.std() < 0.005 and distances.max() < 0.04


def test_cd_update_is_the_free_energy_gradient_and_gives_the_exact_gradient_in_expectation():
    rng = np.random.default_rng(5)
    n_v, n_h, n_data = 4, 3, 30
    W, b, c = rng.normal(0, 1, (n_h, n_v)), rng.normal(0, 1, n_v), rng.normal(0, 1, n_h)
    v_data = (rng.random((n_data, n_v)) < 0.5).astype(float)
    v_model = (rng.random((n_data, n_v)) < 0.5).astype(float)
    shapes = [W.shape, b.shape, c.shape]

    def unpack(theta):
        sizes = np.cumsum([np.prod(s) for s in shapes])[:-1]
        return [part.reshape(s) for part, s in zip(np.split(theta, sizes), shapes)]

    def gap(theta):  # F̄(v_model) − F̄(v_data)
        W_, b_, c_ = unpack(theta)
        return np.mean(bm.free_energy(v_model, W_, b_, c_)) - np.mean(bm.free_energy(v_data, W_, b_, c_))

    def update(theta):
        return np.concatenate([(new - old).ravel() for new, old in
                               zip(bm.cd_update(v_data, v_model, *unpack(theta), 1.0), unpack(theta))])

    theta = np.concatenate([W.ravel(), b, c])
    assert check_grad(gap, update, theta) < 1e-6
    # With the negative phase averaged over the model's exact p(v), the update is the exact gradient of the mean
    # log-likelihood (Z enumerated), checked by finite differences.
    visible = bm.all_states(n_v)

    def log_likelihood(theta):
        W_, b_, c_ = unpack(theta)
        minus_f = -bm.free_energy(visible, W_, b_, c_)
        return np.mean(-bm.free_energy(v_data, W_, b_, c_)) - np.logaddexp.reduce(minus_f)

    def exact_gradient(theta):
        W_, b_, c_ = unpack(theta)
        minus_f = -bm.free_energy(visible, W_, b_, c_)
        p = np.exp(minus_f - np.logaddexp.reduce(minus_f))
        total = np.zeros_like(theta)
        for weight, state in zip(p, visible):
            chains = np.repeat(state[None], n_data, axis=0)
            total += weight * np.concatenate([(new - old).ravel() for new, old in
                                              zip(bm.cd_update(v_data, chains, W_, b_, c_, 1.0), (W_, b_, c_))])
        return total

    assert check_grad(log_likelihood, exact_gradient, theta) < 1e-6


def _exact_log_likelihood(v, W, b, c):
    """Mean log p(v) of an RBM with few hidden units: log Z by enumerating the hidden states."""
    hidden = bm.all_states(W.shape[0])
    log_z = np.logaddexp.reduce(hidden @ c + np.logaddexp(0, hidden @ W + b).sum(axis=1))
    return np.mean(-bm.free_energy(v, W, b, c)) - log_z


def test_rbm_training_matches_scikit_learn_bernoulli_rbm():
    """CD-1 (train_rbm) and scikit-learn's PCD reach similar exact test log-likelihoods with 12 hidden units, both
    well above independent pixels."""
    from sklearn.neural_network import BernoulliRBM

    images = bm.binary_digits()[0]
    train, test = images[:bm.N_TRAIN], images[bm.N_TRAIN:]
    m = np.clip(train.mean(axis=0), 1e-3, 1 - 1e-3)
    independent = np.mean(test @ np.log(m) + (1 - test) @ np.log(1 - m))  # −25.2 nats
    for seed in range(3):
        W, b, c, errors = bm.train_rbm(train, 12, bm.N_EPOCHS, np.random.default_rng(seed), bm.rbm_gibbs_step,
                                       bm.cd_update)
        ours = _exact_log_likelihood(test, W, b, c)  # −21.7 to −21.9
        rbm = BernoulliRBM(n_components=12, learning_rate=0.1, batch_size=bm.BATCH_SIZE, n_iter=bm.N_EPOCHS,
                           random_state=seed).fit(train)
        theirs = _exact_log_likelihood(test, rbm.components_, rbm.intercept_visible_, rbm.intercept_hidden_)  # −23
        assert ours > independent + 2.5 and theirs > independent + 1
        assert abs(ours - theirs) < 2.5
        assert errors[-1] < errors[0]
    # CD training raises the exact log-likelihood of the training digits above the initial RBM's
    rng = np.random.default_rng(0)
    W0 = bm.INIT_SCALE * rng.standard_normal((12, 64))
    assert _exact_log_likelihood(train, W, b, c) > _exact_log_likelihood(train, W0, np.zeros(64), np.zeros(12)) + 15


def test_masked_accuracy_is_stable_over_seeds():
    images = bm.binary_digits()[0]
    train, test = images[:bm.N_TRAIN], images[bm.N_TRAIN:]
    baseline = np.mean((train.mean(axis=0)[bm.N_CLAMPED:] > 0.5) == test[:, bm.N_CLAMPED:])
    assert baseline == pytest.approx(0.7726, abs=1e-4)
    assert bm.masked_accuracy() == pytest.approx(0.8149, abs=1e-4)
    for seed in range(2, 6):
        rng = np.random.default_rng(seed)
        W, b, c, _ = bm.train_rbm(train, bm.N_HIDDEN, bm.N_EPOCHS, rng, bm.rbm_gibbs_step, bm.cd_update)
        chain = bm.clamped_chain(test, bm.N_CLAMPED, W, b, c, bm.N_DRAWS, rng, bm.rbm_gibbs_step)
        accuracy = np.mean((chain.mean(axis=0)[:, bm.N_CLAMPED:] > 0.5) == test[:, bm.N_CLAMPED:])
        assert checks.masked_accuracy.accepts(accuracy) and accuracy > baseline + 0.02
