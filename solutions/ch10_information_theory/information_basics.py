"""Statistics and information theory (section 10.1, 統計と情報理論の基礎).

Shannon (1948) measured the information of an outcome of probability p as
−log p and the uncertainty of a random variable as its mean, the entropy
H(X) = −Σ p(x) log p(x); in bits with log₂ (the original page writes ln, in
nats: 1 nat = 1/ln 2 bits). H of a uniform variable over N values is log₂ N,
the largest of any variable with N values. The Kullback–Leibler divergence
D(p‖q) = Σ p log(p/q) (Kullback & Leibler 1951) is ≥ 0 with equality only for
p = q (Gibbs' inequality), and the mutual information is the divergence of a
joint distribution from the product of its marginals,

    I(X; Y) = D(p(x, y) ‖ p(x) p(y)) = H(X) + H(Y) − H(X, Y),

0 exactly for independent variables (Cover & Thomas 2006, ch. 2).

- **Plug-in estimate.** From n samples, a joint histogram with B × B bins
  estimates p(x, y) and the formula is applied to it. The estimate is biased
  upwards: for independent variables 2 n ln 2 · Î is asymptotically χ² with
  (B − 1)² degrees of freedom, so E[Î] ≈ (B − 1)²/(2 n ln 2) bits (Miller
  1955; Treves & Panzeri 1995; Panzeri & Treves 1996).
- **Gaussian variables.** For jointly Gaussian X and Y with covariance Σ,
  I = ½ log₂(det Σ_XX det Σ_YY / det Σ); for a pair with correlation ρ this is
  −½ log₂(1 − ρ²), and for the Gaussian channel Y = X + noise with signal
  variance S and noise variance N it is ½ log₂(1 + S/N), the channel's
  capacity under a power constraint (Shannon 1948; Cover & Thomas 2006,
  Example 8.5.1 and ch. 9).
- **Histogram equalisation.** A neuron whose response r = f(s) is bounded to
  [0, r_max] transmits most when every response is equally likely; the
  transfer function that achieves it is the stimulus's cumulative distribution,
  f(s) = r_max F(s). Laughlin (1981) found the contrast–response curve of the
  fly's large monopolar cells to follow the cumulative distribution of
  contrasts in natural scenes.

Original: 「9.1 統計と情報理論の基礎」 (https://compneuro-julia.github.io/chap9/9-1_statistics_and_information.html,
repository compneuro-julia/compneuro-julia-management, contents/chap9/9-1_statistics_and_information.md):
expectation, information, entropy, conditional entropy, KL divergence. Its mutual-information formula,
𝕀(x; y) := ln(1/p(x)), repeats the information of x; the mutual information is E[ln p(x, y)/(p(x)p(y))].

References
----------
Shannon, C. E. (1948). A mathematical theory of communication. Bell Syst. Tech. J. 27, 379–423, 623–656.
Kullback, S. & Leibler, R. A. (1951). On information and sufficiency. Ann. Math. Stat. 22, 79–86.
Cover, T. M. & Thomas, J. A. (2006). Elements of Information Theory, 2nd ed., ch. 2, 8, 9. Wiley.
Miller, G. A. (1955). Note on the bias of information estimates. In Information Theory in Psychology, 95–100.
Treves, A. & Panzeri, S. (1995). The upward bias in measures of information derived from limited data
samples. Neural Comput. 7, 399–407.
Panzeri, S. & Treves, A. (1996). Analytical estimates of limited sampling biases in different information
measures. Network 7, 87–107.
Laughlin, S. (1981). A simple coding procedure enhances a neuron's information capacity.
Z. Naturforsch. 36c, 910–912.
"""

import numpy as np

from solutions.ch11_bayesian_brain.sparse_coding import photographs

R_MAX = 1.0  # maximal response of the bounded neuron (normalised)
N_LEVELS = 16  # distinguishable response levels of the neuron (chosen here)
RHO_DEMO = 0.8  # correlation of the Gaussian pair of Figure 3
BIAS_SAMPLES, BIAS_BINS, BIAS_REPEATS, BIAS_SEED = 500, 10, 200, 10  # the bias question


def entropy(p):
    """The entropy H = −Σ p log₂ p of discrete distributions, in bits (0 log 0 = 0).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    p : ndarray of shape (n,) or (k, n)
        Probabilities, ≥ 0 and summing to 1 along the last axis; with two
        dimensions, one distribution per row. Zeros are allowed.

    Returns
    -------
    float or ndarray of shape (k,)
        The entropy of each distribution, bits (finite, also where p has zeros).
    """
    ### BEGIN SOLUTION
    p = np.asarray(p, dtype=float)
    safe = np.where(p > 0, p, 1.0)  # log₂ 1 = 0: the terms with p = 0 vanish, without a warning
    return -np.sum(p * np.log2(safe), axis=-1)
    ### END SOLUTION


def kl_divergence(p, q):
    """The Kullback–Leibler divergence D(p‖q) = Σ p log₂(p/q), in bits (terms with p = 0 are 0).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    p, q : ndarray of shape (n,) or (k, n)
        Probabilities summing to 1 along the last axis, with q > 0 wherever
        p > 0; with two dimensions, one pair of distributions per row.

    Returns
    -------
    float or ndarray of shape (k,)
        D(p‖q) of each pair, bits.
    """
    ### BEGIN SOLUTION
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    positive = p > 0
    ratio = np.where(positive, p, 1.0) / np.where(positive, q, 1.0)
    return np.sum(p * np.log2(ratio), axis=-1)
    ### END SOLUTION


def mutual_information(x, y, n_bins):
    """The plug-in estimate of the mutual information I(X; Y) from paired samples, in bits.

    The samples are counted in a joint histogram of ``n_bins`` × ``n_bins``
    equal-width bins spanning each variable's range, from its minimum to its
    maximum (``np.histogram2d(x, y, bins=n_bins)``); the relative frequencies
    p(x, y) and their marginals p(x), p(y) give
    I = Σ p(x, y) log₂[p(x, y)/(p(x) p(y))] over the bins with p(x, y) > 0.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x, y : ndarray of shape (n,)
        Paired samples of the two variables (any units).
    n_bins : int
        Bins per variable.

    Returns
    -------
    float
        The estimate, bits (≥ 0).
    """
    ### BEGIN SOLUTION
    counts, _, _ = np.histogram2d(x, y, bins=n_bins)
    joint = counts / counts.sum()
    independent = joint.sum(axis=1, keepdims=True) * joint.sum(axis=0, keepdims=True)  # p(x) p(y)
    occupied = joint > 0
    return float(np.sum(joint[occupied] * np.log2(joint[occupied] / independent[occupied])))
    ### END SOLUTION


def gaussian_mutual_information(cov, n_x):
    """The mutual information between two groups of jointly Gaussian variables, in bits.

    I(X; Y) = ½ log₂(det Σ_XX det Σ_YY / det Σ), where X are the first ``n_x``
    variables and Y the others.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    cov : ndarray of shape (d, d)
        Covariance matrix Σ of (X, Y), symmetric positive definite.
    n_x : int
        Number of variables in X, 1 ≤ n_x < d.

    Returns
    -------
    float
        I(X; Y), bits.
    """
    ### BEGIN SOLUTION
    cov = np.asarray(cov, dtype=float)
    log_det = [np.linalg.slogdet(block)[1] for block in (cov[:n_x, :n_x], cov[n_x:, n_x:], cov)]  # ln det
    return float((log_det[0] + log_det[1] - log_det[2]) / (2 * np.log(2)))
    ### END SOLUTION


def infomax_transfer(s, stimuli, r_max=R_MAX):
    """The response r = r_max F(s) of a bounded neuron whose transfer function is the stimuli's cumulative
    distribution (histogram equalisation, Laughlin 1981).

    F is the empirical cumulative distribution of ``stimuli``: the fraction of
    them that are ≤ s. Both may hold hundreds of thousands of values (the
    pixels of a photograph): sort the stimuli once and search in them, rather
    than compare every s with every stimulus.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    s : float or ndarray
        Stimuli at which to evaluate the response (any shape).
    stimuli : ndarray of shape (n,)
        The sample of stimuli that defines the distribution.
    r_max : float, default R_MAX
        Maximal response.

    Returns
    -------
    float or ndarray
        The responses, of the shape of ``s``, in [0, r_max].
    """
    ### BEGIN SOLUTION
    sample = np.sort(np.ravel(stimuli))
    return r_max * np.searchsorted(sample, s, side="right") / sample.size
    ### END SOLUTION


def contrasts(image):
    """The contrast (I − Ī)/Ī of every pixel of a colour photograph, relative to its mean grey level Ī.

    Returns
    -------
    ndarray of shape (n_pixels,)
    """
    grey = np.asarray(image, dtype=float).mean(axis=2)
    return (grey / grey.mean() - 1).ravel()


def response_levels(r, r_max=R_MAX, n_levels=N_LEVELS):
    """The level 0, 1, …, n_levels − 1 of each response in [0, r_max]: level k holds
    k r_max/n_levels ≤ r < (k + 1) r_max/n_levels, and r = r_max is in the top level.

    Returns
    -------
    ndarray of int, of the shape of ``r``
    """
    return np.minimum(np.floor(np.asarray(r) / r_max * n_levels), n_levels - 1).astype(int)


# Discovery answers: what a student finds with the functions above, computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.


def independent_mi_bias():
    """The mean plug-in estimate of the mutual information of two independent uniform variables, in bits.

    ``rng = np.random.default_rng(BIAS_SEED)``; ``x, y = rng.random((2, BIAS_REPEATS, BIAS_SAMPLES))``; the
    answer is the mean over k of ``mutual_information(x[k], y[k], BIAS_BINS)`` (the true value is 0).
    """
    x, y = np.random.default_rng(BIAS_SEED).random((2, BIAS_REPEATS, BIAS_SAMPLES))
    return float(np.mean([mutual_information(a, b, BIAS_BINS) for a, b in zip(x, y)]))


def linear_code_bits():
    """The entropy, in bits, of the N_LEVELS response levels of a neuron whose response grows linearly with the
    contrast of the flower photograph, r = R_MAX (c − c_min)/(c_max − c_min) over all its pixels' contrasts
    (``contrasts(photographs()[1])``), levels by ``response_levels``."""
    c = contrasts(photographs()[1])
    levels = response_levels(R_MAX * (c - c.min()) / (c.max() - c.min()))
    return float(entropy(np.bincount(levels, minlength=N_LEVELS) / levels.size))
