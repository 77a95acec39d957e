"""Independent validation of the Bayesian-basics reference: the conjugate
update against importance sampling from the prior, cue combination against the
numerically integrated product of the likelihoods, the regression posterior
against the Gaussian-process (Woodbury) form, and the predictive distribution
against samples of weights and noise."""

import numpy as np
import pytest

from solutions.ch11_bayesian_brain import bayesian_basics as bb


@pytest.mark.parametrize("n", [1, 5, 20])
def test_gaussian_update_matches_importance_sampling(n):
    """μ drawn from the prior and weighted by the likelihood of the data. The tolerance is six standard
    errors, s.d./√ESS for the mean and var·√(2/ESS) for the variance, with the effective sample size
    ESS = (Σw)²/Σw² of the draw."""
    rng = np.random.default_rng(n)
    prior_mean, prior_var, noise_var = 0.5, 2.0, 1.0
    x = rng.normal(1.5, 1.0, n)
    mu = rng.normal(prior_mean, np.sqrt(prior_var), 2_000_000)
    log_w = -n * (mu - x.mean()) ** 2 / (2 * noise_var)  # Σ(x_k − μ)² = n(μ − x̄)² + a constant
    w = np.exp(log_w - log_w.max())
    ess = w.sum() ** 2 / (w**2).sum()
    mc_mean = np.average(mu, weights=w)
    mc_var = np.average((mu - mc_mean) ** 2, weights=w)
    mean, var = bb.gaussian_update(prior_mean, prior_var, x, noise_var)
    assert abs(mc_mean - mean) < 6 * np.sqrt(var / ess)
    assert abs(mc_var - var) < 6 * var * np.sqrt(2 / ess)


def test_sequential_updates_equal_the_batch_update():
    x = np.random.default_rng(0).normal(size=30)
    mean, var = 0.0, 3.0
    for value in x:
        mean, var = bb.gaussian_update(mean, var, [value], 0.7)
    np.testing.assert_allclose([mean, var], bb.gaussian_update(0.0, 3.0, x, 0.7), rtol=1e-12)


def test_cue_combination_is_the_normalised_product_of_the_likelihoods():
    """Trapezoidal integration on 200 001 points over ±12 s.d.: error far below 1e-9."""
    estimates, variances = np.array([1.0, 2.5, -0.3]), np.array([0.5, 2.0, 1.2])
    s = np.linspace(-8, 8, 200_001)
    density = np.exp(-((s[:, None] - estimates) ** 2 / (2 * variances)).sum(axis=1))
    density /= np.trapezoid(density, s)
    numerical_mean = np.trapezoid(s * density, s)
    numerical_var = np.trapezoid((s - numerical_mean) ** 2 * density, s)
    np.testing.assert_allclose(bb.combine_cues(estimates, variances), [numerical_mean, numerical_var], atol=1e-9)


def test_two_cues_give_the_syllabus_variance():
    _, var = bb.combine_cues(np.array([0.0, 0.0]), np.array([4.0, 9.0]))
    assert var == pytest.approx(1 / (1 / 4 + 1 / 9), rel=1e-12)


@pytest.fixture(scope="module")
def posterior():
    rng = np.random.default_rng(11)
    x = rng.uniform(0, 1, 6)
    phi, t = bb.gaussian_features(x), np.sin(2 * np.pi * x) + rng.normal(0, 0.2, 6)
    return phi, t, *bb.blr_posterior(phi, t)


def test_regression_posterior_equals_the_gaussian_process_form(posterior):
    """Conditioning the joint Gaussian of (w, t) directly: m = α⁻¹Φᵀ K⁻¹ t and
    S = α⁻¹I − α⁻²Φᵀ K⁻¹ Φ with K = α⁻¹ΦΦᵀ + β⁻¹I (the Woodbury identity); a 6 × 6 solve in place of the
    9 × 9 inverse, equal to round-off."""
    phi, t, mean, cov = posterior
    a, b = bb.PRIOR_PRECISION, bb.NOISE_PRECISION
    k = phi @ phi.T / a + np.eye(len(t)) / b
    np.testing.assert_allclose(mean, phi.T @ np.linalg.solve(k, t) / a, atol=1e-10)
    np.testing.assert_allclose(cov, np.eye(phi.shape[1]) / a - phi.T @ np.linalg.solve(k, phi) / a**2, atol=1e-10)


def test_predictive_distribution_matches_sampled_weights_and_noise(posterior):
    """Weights drawn from the posterior and noise from N(0, 1/β): sample mean and variance of 400 000
    targets at 5 inputs within six standard errors of the predictive mean and variance."""
    phi, _, mean, cov = posterior
    rng = np.random.default_rng(12)
    features = bb.gaussian_features(np.array([0.0, 0.3, 0.55, 0.9, 1.3]))
    n = 400_000
    w = rng.multivariate_normal(mean, cov, n)
    targets = w @ features.T + rng.normal(0, 1 / np.sqrt(bb.NOISE_PRECISION), (n, len(features)))
    predicted, var = bb.blr_predictive(features, mean, cov)
    assert np.all(np.abs(targets.mean(axis=0) - predicted) < 6 * np.sqrt(var / n))
    assert np.all(np.abs(targets.var(axis=0) - var) < 6 * var * np.sqrt(2 / n))


def test_one_constant_feature_is_the_gaussian_update():
    t = np.random.default_rng(13).normal(1.0, 0.5, 9)
    mean, cov = bb.blr_posterior(np.ones((9, 1)), t, prior_precision=0.25, noise_precision=4.0)
    np.testing.assert_allclose([mean[0], cov[0, 0]], bb.gaussian_update(0.0, 4.0, t, 0.25), rtol=1e-12)


def test_discovery_answers_match_their_closed_forms():
    """w_V = σ_H²/(σ_V² + σ_H²) = 1/4 at σ_V = √3 σ_H; the posterior s.d. 1/√(1/σ₀² + n/σ²) < 0.15 first at
    n = ⌊σ²(1/0.15² − 1/σ₀²)⌋ + 1."""
    assert abs(bb.quarter_weight_sd() - np.sqrt(3) * bb.SD_TOUCH) <= 0.01
    assert bb.observations_needed() == int(np.floor(1 / bb.TARGET_SD**2 - 1 / bb.STRONG_PRIOR_SD**2)) + 1
