"""Bayesian statistics basics (section 11.1, ベイズ統計の基礎).

The Bayesian-brain hypothesis says that perception combines what the senses
report with what the brain expects, weighting each by its reliability. With
Gaussian distributions every step has a closed form.

- **Conjugate Gaussian update.** A prior N(μ₀, σ₀²) on a quantity and n
  observations x_k ~ N(μ, σ²) with known σ² give the posterior N(μ_n, σ_n²)
  with precision 1/σ_n² = 1/σ₀² + n/σ² and mean μ_n = σ_n² (μ₀/σ₀² + Σ x_k/σ²).
- **Cue combination.** Independent cues with estimates ŝ_i and variances σ_i²
  (and a flat prior) combine into ŝ = Σ w_i ŝ_i with weights w_i ∝ 1/σ_i² and
  variance 1/Σ(1/σ_i²), smaller than any single cue's (Ernst & Banks 2002).
- **Bayesian linear regression.** Targets t = Φ w + noise with noise precision
  β and prior w ~ N(0, α⁻¹ I) give the posterior N(m_N, S_N) with
  S_N⁻¹ = α I + β ΦᵀΦ and m_N = β S_N Φᵀ t, and the predictive distribution of
  a new target N(φᵀ m_N, 1/β + φᵀ S_N φ) (Bishop 2006, eqs. 3.53–3.59).

References
----------
Bishop, C. M. (2006). Pattern Recognition and Machine Learning, sections 2.3.6
and 3.3. Springer.
Ernst, M. O. & Banks, M. S. (2002). Humans integrate visual and haptic
information in a statistically optimal fashion. Nature 415, 429–433.
Knill, D. C. & Pouget, A. (2004). The Bayesian brain: the role of uncertainty
in neural coding and computation. Trends in Neurosciences 27, 712–719.
"""

import numpy as np

PRIOR_PRECISION = 2.0  # α of the regression's prior on the weights
NOISE_PRECISION = 25.0  # β: noise standard deviation 0.2
N_BASIS = 9  # Gaussian basis functions on [0, 1] of the regression example
BASIS_WIDTH = 0.1


def gaussian_update(prior_mean, prior_var, observations, noise_var):
    """Posterior of a Gaussian mean with known noise variance.

    Parameters
    ----------
    prior_mean, prior_var : float
        Mean and variance of the Gaussian prior on μ.
    observations : array_like of shape (n,)
        Observations x_k ~ N(μ, noise_var); n may be 0.
    noise_var : float
        Variance of each observation.

    Returns
    -------
    mean, var : float
        Mean and variance of the Gaussian posterior on μ.
    """
    ### BEGIN SOLUTION
    x = np.asarray(observations, dtype=float)
    precision = 1.0 / prior_var + x.size / noise_var
    var = 1.0 / precision
    return var * (prior_mean / prior_var + x.sum() / noise_var), var
    ### END SOLUTION


def combine_cues(estimates, variances):
    """Optimal (maximum-likelihood) combination of independent Gaussian cues.

    Parameters
    ----------
    estimates, variances : array_like of shape (n_cues, ...)
        Each cue's estimate and variance, along the first axis; further axes
        (trials, say) are combined independently.

    Returns
    -------
    mean, var : float or ndarray of shape (...)
        The reliability-weighted estimate and its variance 1/Σ(1/σ_i²).
    """
    ### BEGIN SOLUTION
    precisions = 1.0 / np.asarray(variances, dtype=float)
    var = 1.0 / precisions.sum(axis=0)
    return var * np.sum(precisions * np.asarray(estimates, dtype=float), axis=0), var
    ### END SOLUTION


def blr_posterior(features, targets, prior_precision=PRIOR_PRECISION, noise_precision=NOISE_PRECISION):
    """Posterior of the weights of Bayesian linear regression.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    features : ndarray of shape (n, d)
        Design matrix Φ, one row φ(x_k) per observation.
    targets : ndarray of shape (n,)
        Observed targets t_k.
    prior_precision : float
        α of the prior w ~ N(0, α⁻¹ I).
    noise_precision : float
        β, the inverse noise variance.

    Returns
    -------
    mean : ndarray of shape (d,)
        m_N = β S_N Φᵀ t.
    cov : ndarray of shape (d, d)
        S_N = (α I + β ΦᵀΦ)⁻¹.
    """
    ### BEGIN SOLUTION
    phi = np.asarray(features, dtype=float)
    precision = prior_precision * np.eye(phi.shape[1]) + noise_precision * phi.T @ phi
    cov = np.linalg.inv(precision)
    return noise_precision * cov @ phi.T @ np.asarray(targets, dtype=float), cov
    ### END SOLUTION


def blr_predictive(features, mean, cov, noise_precision=NOISE_PRECISION):
    """Predictive distribution of new targets.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    features : ndarray of shape (m, d)
        φ(x) of the new inputs, one row each.
    mean, cov : ndarray of shapes (d,) and (d, d)
        The weights' posterior.
    noise_precision : float
        β.

    Returns
    -------
    mean : ndarray of shape (m,)
        φᵀ m_N.
    var : ndarray of shape (m,)
        1/β + φᵀ S_N φ: the noise plus the uncertainty about the weights.
    """
    ### BEGIN SOLUTION
    phi = np.asarray(features, dtype=float)
    return phi @ mean, 1.0 / noise_precision + np.einsum("md,de,me->m", phi, cov, phi)
    ### END SOLUTION


def gaussian_features(x, n_basis=N_BASIS, width=BASIS_WIDTH):
    """A constant and ``n_basis − 1`` Gaussian bumps evenly spaced on [0, 1].

    Parameters
    ----------
    x : array_like of shape (n,)
        Inputs.

    Returns
    -------
    ndarray of shape (n, n_basis)
    """
    x = np.asarray(x, dtype=float)[:, None]
    centres = np.linspace(0, 1, n_basis - 1)
    return np.hstack([np.ones((len(x), 1)), np.exp(-((x - centres) ** 2) / (2 * width**2))])


# The discovery questions of the notebook: the settings they ask about.
SD_TOUCH = 1.0  # mm, the haptic cue of the bar-height experiment (Figure 2)
CONFLICT = (54.0, 56.0)  # mm: what vision and touch report in a cue-conflict trial
STRONG_PRIOR_SD = 0.5  # prior N(0, 0.5²) of the observations question, noise s.d. 1
TARGET_SD = 0.15


def _visual_weight(sd_vision):
    """Vision's weight in the combined estimate, measured as Ernst & Banks (2002) did, from a conflict
    trial: vision reports 54 mm, touch 56 mm (s.d. ``SD_TOUCH``); w_V = (56 − ŝ)/(56 − 54)."""
    sd_vision = np.asarray(sd_vision, dtype=float)
    vision, touch = CONFLICT
    estimates = np.stack([np.full(sd_vision.shape, vision), np.full(sd_vision.shape, touch)])
    combined, _ = combine_cues(estimates, np.stack([sd_vision**2, np.full(sd_vision.shape, SD_TOUCH**2)]))
    return (touch - combined) / (touch - vision)


def quarter_weight_sd():
    """The smallest s.d. of vision, to 0.01 mm, at which vision gets at most a quarter of the weight
    (w_V ≤ 0.25, measured as in ``_visual_weight``) when touch has the s.d. 1 mm."""
    grid = np.round(np.arange(0.01, 5.0, 0.01), 2)  # mm
    return float(grid[np.argmax(_visual_weight(grid) <= 0.25)])


def observations_needed():
    """The smallest number of observations (noise s.d. 1) after which the posterior s.d. of μ, from the
    prior N(0, 0.5²), is below 0.15."""
    sds = [np.sqrt(gaussian_update(0.0, STRONG_PRIOR_SD**2, np.zeros(n), 1.0)[1]) for n in range(200)]
    return int(np.argmax(np.array(sds) < TARGET_SD))
