"""Checks of section 11.1, Bayesian statistics basics.

Besides the comparison with ``solutions``, the checks test facts through the
student's own functions: updating on the observations one at a time gives the
batch posterior; two cues combine to the variance 1/(1/σ1² + 1/σ2²) of the
syllabus; and a regression with a single constant feature is the Gaussian
update of a mean.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch11_bayesian_brain import bayesian_basics as ref


def _pair(student, reference, args, what):
    """Call a student's function returning (mean, var) and the reference; the student's values are
    converted to arrays of the reference's shapes."""
    expected = reference(*args)
    got = call(student, *args, returns=("mean", "var"))
    return [as_array(g, f"{name} returned by {what}", shape=np.shape(e))
            for g, e, name in zip(got, expected, ("mean", "var"))], expected


def gaussian_update(student_update):
    """Check ``gaussian_update(prior_mean, prior_var, observations, noise_var)``, then sequential = batch."""
    rng = np.random.default_rng(1111)
    for n in (1, 5, 40, 0):
        prior_mean, prior_var, noise_var = rng.normal(0, 3), rng.uniform(0.5, 4), rng.uniform(0.2, 2)
        x = rng.normal(2.0, np.sqrt(noise_var), n)
        what = f"gaussian_update({prior_mean:.3f}, {prior_var:.3f}, {n} observation{'s' * (n != 1)}, {noise_var:.3f})"
        (mean, var), (expected_mean, expected_var) = _pair(student_update, ref.gaussian_update, (prior_mean, prior_var, x, noise_var), what)
        assert_close(var, expected_var, f"var returned by {what}", atol=1e-12, rtol=1e-9, mistakes={
            "the posterior precision is the sum of the precisions, 1/σ₀² + n/σ²; variances do not add.":
                prior_var + noise_var / max(n, 1),
            "each of the n observations adds 1/σ² to the precision: 1/σ₀² + n/σ².": 1 / (1 / prior_var + 1 / noise_var),
        })
        assert_close(mean, expected_mean, f"mean returned by {what}", atol=1e-12, rtol=1e-9, mistakes={
            "weight the prior mean and the data by their precisions, μ_n = σ_n² (μ₀/σ₀² + Σx/σ²), "
            "not equally.": (prior_mean + x.mean()) / 2 if n else prior_mean,
            "the data enter as their sum Σx/σ² (n observations), not their mean.":
                expected_var * (prior_mean / prior_var + (x.mean() if n else 0.0) / noise_var),
        })
    with hint_on_failure("the posterior after some observations is the prior for the next ones: one at a time or "
                         "all at once must agree."):
        mean, var, x = 1.0, 2.0, rng.normal(0, 1, 12)
        for k in range(len(x)):
            mean, var = call(student_update, mean, var, x[k:k + 1], 0.5, returns=("mean", "var"))
        batch = ref.gaussian_update(1.0, 2.0, x, 0.5)
        assert_close([mean, var], batch, "mean and var after 12 observations given one at a time to gaussian_update",
                     atol=1e-12, rtol=1e-9)


def combine_cues(student_combine):
    """Check ``combine_cues(estimates, variances)`` on two and three cues over trials, then the syllabus fact."""
    rng = np.random.default_rng(1112)
    for n_cues, shape in ((2, (30,)), (3, (4, 5)), (2, ())):
        estimates, variances = rng.normal(5, 2, (n_cues, *shape)), rng.uniform(0.1, 3, (n_cues, *shape))
        what = f"combine_cues(estimates, variances) for {n_cues} cues, arrays of shape {(n_cues, *shape)}"
        (mean, var), (expected_mean, expected_var) = _pair(student_combine, ref.combine_cues, (estimates, variances), what)
        assert_close(var, expected_var, f"var returned by {what}", atol=1e-12, rtol=1e-9, mistakes={
            "precisions add: the combined variance is 1/Σ(1/σ_i²), smaller than each cue's.": variances.mean(axis=0),
            "that is the sum of the variances; the combined variance is 1/Σ(1/σ_i²).": variances.sum(axis=0),
        })
        assert_close(mean, expected_mean, f"mean returned by {what}", atol=1e-12, rtol=1e-9, mistakes={
            "weight each cue by its reliability 1/σ_i², not equally.": estimates.mean(axis=0),
            "the weights are the precisions 1/σ_i² (normalised), not the variances: a noisy cue counts less.":
                np.sum(variances * estimates, axis=0) / variances.sum(axis=0),
        })
    (_, var), _ = _pair(student_combine, ref.combine_cues, (np.array([0.0, 1.0]), np.array([1.0, 4.0])), "combine_cues([0, 1], [1, 4])")
    assert_close(var, 0.8, "var returned by combine_cues([0, 1], [1, 4])", atol=1e-12,
                 hint="σ² = 1/(1/σ1² + 1/σ2²) = 1/(1 + 1/4) = 0.8.")


def blr_posterior(student_posterior):
    """Check ``blr_posterior(features, targets, prior_precision, noise_precision)``, then the one-feature case."""
    rng = np.random.default_rng(1113)
    for n, kwargs in ((12, {}), (3, {"prior_precision": 0.5, "noise_precision": 4.0}), (0, {})):
        x = rng.uniform(0, 1, n)
        phi, t = ref.gaussian_features(x), np.sin(2 * np.pi * x) + rng.normal(0, 0.2, n)
        alpha, beta = kwargs.get("prior_precision", ref.PRIOR_PRECISION), kwargs.get("noise_precision", ref.NOISE_PRECISION)
        what = (f"blr_posterior(features of {n} inputs, targets"
                f"{''.join(f', {k}={v}' for k, v in kwargs.items())})")
        mean, cov = call(student_posterior, phi, t, returns=("mean", "cov"), **kwargs)
        expected_mean, expected_cov = ref.blr_posterior(phi, t, **kwargs)
        d = ref.N_BASIS
        assert_close(as_array(cov, f"cov returned by {what}", shape=(d, d)), expected_cov, f"cov returned by {what}",
                     atol=1e-10, rtol=1e-8, mistakes={
                         "S_N is the inverse of the posterior precision α I + β ΦᵀΦ, not the precision itself.":
                             alpha * np.eye(d) + beta * phi.T @ phi,
                         "the noise precision scales the data term: S_N⁻¹ = α I + β ΦᵀΦ.":
                             np.linalg.inv(alpha * np.eye(d) + phi.T @ phi),
                         "the prior adds its precision α I: S_N⁻¹ = α I + β ΦᵀΦ.": np.linalg.pinv(beta * phi.T @ phi),
                     })
        assert_close(as_array(mean, f"mean returned by {what}", shape=(d,)), expected_mean, f"mean returned by {what}",
                     atol=1e-10, rtol=1e-8, mistakes={
                         "m_N = β S_N Φᵀ t: the noise precision β multiplies.": expected_cov @ phi.T @ t,
                     })
    with hint_on_failure("with the single feature φ = 1 the regression estimates a mean: its posterior must be the "
                         "Gaussian update with prior variance 1/α and noise variance 1/β."):
        t = rng.normal(1.5, 0.5, 7)
        mean, cov = call(student_posterior, np.ones((7, 1)), t, 2.0, 4.0, returns=("mean", "cov"))
        assert_close(np.ravel(as_array(mean, "mean", shape=(1,))).tolist() + np.ravel(as_array(cov, "cov", shape=(1, 1))).tolist(),
                     ref.gaussian_update(0.0, 0.5, t, 0.25), "mean and cov of blr_posterior(ones((7, 1)), t, 2.0, 4.0)",
                     atol=1e-12, rtol=1e-9)


def blr_predictive(student_predictive):
    """Check ``blr_predictive(features, mean, cov, noise_precision)`` on a posterior from data."""
    rng = np.random.default_rng(1114)
    x = rng.uniform(0, 1, 10)
    post_mean, post_cov = ref.blr_posterior(ref.gaussian_features(x), np.sin(2 * np.pi * x) + rng.normal(0, 0.2, 10))
    phi = ref.gaussian_features(np.linspace(-0.2, 1.2, 15))
    for kwargs in ({}, {"noise_precision": 4.0}):
        beta = kwargs.get("noise_precision", ref.NOISE_PRECISION)
        what = f"blr_predictive(features of 15 inputs, mean, cov{', noise_precision=4.0' if kwargs else ''})"
        mean, var = call(student_predictive, phi, post_mean, post_cov, returns=("mean", "var"), **kwargs)
        expected_mean, expected_var = ref.blr_predictive(phi, post_mean, post_cov, **kwargs)
        assert_close(as_array(mean, f"mean returned by {what}", shape=(15,)), expected_mean, f"mean returned by {what}",
                     atol=1e-12, rtol=1e-9)
        weight_var = expected_var - 1 / beta
        assert_close(as_array(var, f"var returned by {what}", shape=(15,)), expected_var, f"var returned by {what}",
                     atol=1e-12, rtol=1e-9, mistakes={
                         "add the noise variance 1/β: a new target is noisy even if the weights were known.": weight_var,
                         "return the variance, not the standard deviation.": np.sqrt(expected_var),
                         "the weights' uncertainty is φᵀ S_N φ, a quadratic form, not φᵀ diag(S_N).":
                             1 / beta + phi @ np.diag(post_cov),
                         "the noise variance is 1/β, not β.": weight_var + beta,
                     })


# The visual s.d. at which vision gets a quarter of the weight: w_V = σ_H²/(σ_V² + σ_H²) = 1/4 at σ_V = √3 σ_H
# = 1.732 mm. The question asks for the smallest s.d. on a 0.01 mm grid with w_V ≤ 0.25, which is 1.74 (w_V = 0.2483;
# at 1.73 it is 0.2504); a bisection gives 1.732 and the largest s.d. with w_V ≥ 0.25 is 1.73. ±0.015 mm accepts
# all of these and rejects Figure 2's coarse grid (1.8), the weight of touch (1/√3 = 0.58) and weights by 1/σ (3.0).
quarter_weight_sd = Discovery(
    1.732, 0.015, "quarter_weight_sd, the s.d. of vision at which it gets a quarter of the weight", unit="mm",
    mistakes={"the weights are the precisions 1/σ², so combine_cues takes variances: square the s.d.s.": 3.0,
              "w_V = (56 − ŝ)/(56 − 54) is vision's weight, the share by which the estimate moves away from touch; "
              "(ŝ − 54)/2 is the weight of touch.": 0.577,
              "refine the search: the grid of Figure 2 steps by 0.3 mm, the question asks for 0.01 mm.": 1.8})

# The posterior s.d. after n observations is 1/√(1/σ₀² + n/σ²) = 1/√(4 + n): below 0.15 from n = 41 on (0.1491;
# 0.1508 at n = 40). The answer is a count, and every correct search finds the same integer: ±0.5 accepts only 41.
observations_needed = Discovery(
    41, 0.5, "observations_needed, the number of observations until the posterior s.d. is below 0.15",
    mistakes={"the prior counts: its precision 1/σ₀² adds to the n/σ² of the data.": 45,
              "the prior's precision is 1/σ₀² = 1/0.5²: σ₀ = 0.5 is its standard deviation, not its variance.": 43,
              "the question asks for the s.d. below 0.15, not the variance: take the square root of var.": 3,
              "the smallest n at which the s.d. is below 0.15, not the last n at which it is above.": 40})
