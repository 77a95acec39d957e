"""Independent validation of the infomax ICA and slow feature analysis reference (section 10.2)."""

import numpy as np
import pytest
from scipy.linalg import eigh, fractional_matrix_power
from scipy.optimize import minimize_scalar
from sklearn.decomposition import FastICA
from sklearn.preprocessing import PolynomialFeatures

from checks.ch10_information_theory import ica_and_sfa as checks
from solutions.ch10_information_theory import ica_and_sfa as ica


def _mixture(seed, n_samples, n_sources, kind="laplace"):
    rng = np.random.default_rng(seed)
    sources = ica.unit_sources(rng, n_samples, n_sources, kind)
    return sources, sources @ (rng.uniform(-1, 1, (n_sources, n_sources)) + np.eye(n_sources)).T


def _matched(estimates, sources):
    """The |corr| of every source with the estimate that matches it best, with the matching a permutation."""
    correlations = ica.source_correlations(estimates, sources)
    match = correlations.argmax(axis=0)
    assert len(set(match)) == len(match), "two sources matched the same estimate"
    return correlations[match, np.arange(len(match))]


def test_whiten_is_the_inverse_matrix_square_root():
    _, x = _mixture(1, 2000, 3)
    z, V = ica.whiten(x)
    covariance = np.cov(x.T, bias=True)
    np.testing.assert_allclose(V, fractional_matrix_power(covariance, -0.5).real, atol=1e-10)
    np.testing.assert_allclose(np.cov(z.T, bias=True), np.eye(3), atol=1e-12)


def _numerical_gradient(W, x, h=1e-6):
    """∂L/∂W_ij of the infomax objective by central differences."""
    gradient = np.zeros_like(W)
    for index in np.ndindex(W.shape):
        step = np.zeros_like(W)
        step[index] = h
        gradient[index] = (ica.infomax_objective(W + step, x) - ica.infomax_objective(W - step, x)) / (2 * h)
    return gradient


def test_step_is_the_natural_gradient_of_the_objective():
    """ΔW/η = ∇L Wᵀ W (Amari et al. 1996), with ∇L = W⁻ᵀ + ⟨(1 − 2y)xᵀ⟩ (Bell & Sejnowski 1995) found by finite
    differences of L; the original's (I + ⟨(1 − 2y)xᵀ⟩)W⁻ᵀ is neither."""
    _, x = _mixture(2, 500, 3)
    x = ica.whiten(x)[0]
    W = np.eye(3) + 0.3 * np.random.default_rng(3).standard_normal((3, 3))
    gradient = _numerical_gradient(W, x)
    y = 1 / (1 + np.exp(-x @ W.T))
    np.testing.assert_allclose(gradient, np.linalg.inv(W).T + (1 - 2 * y).T @ x / len(x), atol=1e-8)
    eta = 0.05
    np.testing.assert_allclose((ica.infomax_ica_step(W, x, eta) - W) / eta, gradient @ W.T @ W, atol=1e-8)
    original = (np.eye(3) + (1 - 2 * y).T @ x / len(x)) @ np.linalg.inv(W).T
    assert np.max(np.abs(original - gradient)) > 0.1 and np.max(np.abs(original - gradient @ W.T @ W)) > 0.1


def test_infomax_agrees_with_fastica():
    """Both recover three Laplace sources up to order and sign, and hence agree with each other."""
    sources, x = _mixture(4, 3000, 3)
    z = ica.whiten(x)[0]
    W, objective = ica.infomax_ica(z, ica.LEARNING_RATE_ICA, ica.N_ITERATIONS_ICA)
    infomax = z @ W.T
    fastica = FastICA(n_components=3, whiten="unit-variance", random_state=0, max_iter=1000).fit_transform(x)
    assert np.all(_matched(infomax, sources) > 0.995)
    assert np.all(_matched(fastica, sources) > 0.995)
    assert np.all(_matched(infomax, fastica) > 0.995)
    assert np.all(np.diff(objective) > -1e-12)


def test_separation_fact_of_the_check_holds_for_other_seeds():
    """The check's infomax_ica runs (η = 0.5: 150 steps on 1500 samples of 3 sources, 100 steps on 800 samples of 2)
    raise the objective at every step and separate the sources for 40 other seeds."""
    for n_samples, n_sources, n_iterations in ((1500, 3, 150), (800, 2, 100)):
        worst = []
        for seed in range(1000, 1040):
            sources, z = checks._sphered_sources(seed, n_samples, n_sources)
            W, objective = ica.infomax_ica(z, 0.5, n_iterations)
            worst.append(_matched(z @ W.T, sources).min())
            assert np.all(np.diff(objective) > -1e-12)
        assert min(worst) > 0.99


def _population_objective(angle, kind):
    """max over c of L(c R(θ)) for two iid unit-variance sources, by Gauss–Legendre quadrature (both outputs have
    the same expectation by symmetry)."""
    nodes, weights = np.polynomial.legendre.leggauss(40)
    if kind == "uniform":
        points, weights = np.sqrt(3) * nodes, np.sqrt(3) * weights / (2 * np.sqrt(3))
    else:  # the Laplace density has a kink at 0: integrate each half separately, over 12 scale lengths
        half = 6 * np.sqrt(2) * (nodes + 1)
        points = np.concatenate([-half, half])
        density = np.exp(-np.sqrt(2) * np.abs(points)) / np.sqrt(2)
        weights = np.concatenate([weights, weights]) * 6 * np.sqrt(2) * density
    s1, s2 = np.meshgrid(points, points, indexing="ij")
    joint = np.outer(weights, weights) / np.sum(weights) ** 2
    u = np.cos(angle) * s1 + np.sin(angle) * s2

    def negative(c):
        return -(2 * np.log(c) - 2 * np.sum(joint * (np.logaddexp(0, c * u) + np.logaddexp(0, -c * u))))

    return -minimize_scalar(negative, bounds=(0.5, 5.0), method="bounded", options={"xatol": 1e-10}).fun


def test_logistic_infomax_prefers_the_45_degree_rotation_of_uniform_sources():
    """Over rotations c R(θ) of the sources, the population objective peaks at θ = 0 (separation) for Laplace
    sources and at θ = 45° (|corr| = 1/√2) for uniform ones; the discovery answer is the latter, and FastICA,
    whose contrast suits both kinds, separates the same uniform data."""
    angles = np.linspace(0, np.pi / 4, 10)
    best = {kind: angles[np.argmax([_population_objective(angle, kind) for angle in angles])]
            for kind in ("laplace", "uniform")}
    assert best["laplace"] == 0.0 and best["uniform"] == pytest.approx(np.pi / 4)
    answer = ica.uniform_correlation()
    assert answer == pytest.approx(1 / np.sqrt(2), abs=0.01)
    assert checks.uniform_correlation.accepts(1 / np.sqrt(2))
    spread = []
    for seed in range(10):
        sources = ica.unit_sources(np.random.default_rng(seed), ica.N_SAMPLES_ICA, 2, "uniform")
        z = ica.whiten(sources @ ica.MIXING.T)[0]
        W, _ = ica.infomax_ica(z, ica.LEARNING_RATE_ICA, ica.N_ITERATIONS_ICA)
        spread.append(ica.source_correlations(z @ W.T, sources).max())
    assert 1 / np.sqrt(2) - 0.005 < min(spread) and max(spread) < 1 / np.sqrt(2) + 0.025
    sources = ica.unit_sources(np.random.default_rng(ica.SEED_UNIFORM), ica.N_SAMPLES_ICA, 2, "uniform")
    fastica = FastICA(n_components=2, whiten="unit-variance", random_state=0).fit_transform(sources @ ica.MIXING.T)
    assert np.all(_matched(fastica, sources) > 0.99)


def test_quadratic_expansion_matches_sklearn():
    x = np.random.default_rng(5).normal(size=(30, 4))
    for n_inputs in (1, 2, 3, 4):
        expected = PolynomialFeatures(2, include_bias=False).fit_transform(x[:, :n_inputs])
        np.testing.assert_allclose(ica.quadratic_expansion(x[:, :n_inputs]), expected, rtol=1e-14)


def test_slow_features_solve_the_generalised_eigenproblem_and_find_sin_t():
    """SFA as the generalised eigenproblem ⟨ḣḣᵀ⟩ w = Δ C w (scipy), and the toy's known answer: the slowest
    feature is sin t, with the Δ of the sampled sine."""
    t, x = ica.sfa_toy()
    dt = t[1] - t[0]
    h = ica.quadratic_expansion(x)
    y, delta = ica.slow_features(h, ica.N_FEATURES_SFA, dt)
    centred = h - h.mean(axis=0)
    change = np.diff(centred, axis=0) / dt
    values, vectors = eigh(change.T @ change / len(change), centred.T @ centred / len(h))
    expected = centred @ vectors
    np.testing.assert_allclose(delta, values, rtol=1e-9)
    np.testing.assert_allclose(np.abs(np.sum(y * expected, axis=0)) / len(t), 1.0, atol=1e-9)  # same up to sign
    sine = np.sin(t) - np.sin(t).mean()
    sine /= sine.std()
    assert abs(np.corrcoef(y[:, 0], np.sin(t))[0, 1]) > 1 - 1e-12
    assert delta[0] == pytest.approx(np.mean(np.diff(sine) ** 2) / dt**2, rel=1e-9)
    assert delta[0] == pytest.approx(1.0, abs=1e-3)


def test_original_page_features_as_in_julia():
    """The original's linsfa, written out as in Julia: its monomial order (x₁, x₁², x₂, x₁x₂, x₂²), std with
    ddof = 1 and the features of all but the last sample. Its SF1 is sin t, but SF3 is correlated with it."""
    t, x = ica.sfa_toy()
    x1, x2 = x.T
    h = np.column_stack([x1, x1**2, x2, x1 * x2, x2**2])
    standardised = (h - h.mean(axis=0)) / h.std(axis=0, ddof=1)
    _, _, rows = np.linalg.svd(np.diff(standardised, axis=0))
    features = standardised[:-1] @ rows.T[:, ::-1]  # the original's Y[:, end], Y[:, end-1], …
    assert abs(np.corrcoef(features[:, 0], np.sin(t[:-1]))[0, 1]) > 0.99999
    correlation = np.max(np.abs(np.corrcoef(features.T)[0, 1:]))
    assert correlation == pytest.approx(ica.original_feature_correlation(), abs=2e-3)
    assert checks.original_feature_correlation.accepts(correlation)
    assert not np.allclose(features.std(axis=0), 1, atol=0.1)  # nor unit variance
