"""Checks of section 10.1, statistics and information theory.

Besides the comparison with ``solutions`` on seeded inputs, the checks test facts that need no reference:
the entropy of a uniform distribution over N values is log₂ N and of a certain outcome 0; D(p‖p) = 0,
the divergence of two Bernoulli distributions has its closed form and Gibbs' inequality D ≥ 0 holds for
200 random pairs; the mutual information is symmetric, and of y = x it is the entropy of x's histogram
(2 bits for four equally filled bins); the Gaussian formula gives −½ log₂(1 − ρ²) for a pair, ½ log₂(1 + S/N)
for the Gaussian channel, ½ log₂(1 + 2S/N) for two independent noisy copies of a signal and 0 for
independent groups; the equalising transfer function maps a sample of distinct stimuli onto the evenly
spaced responses r_max k/n and approximates r_max Φ for Gaussian stimuli within the
Dvoretzky–Kiefer–Wolfowitz bound. Two discovery answers: the plug-in estimate for independent variables,
and the information of a linear code of natural contrasts.
"""

import contextlib

import numpy as np
from scipy.special import ndtr

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch10_information_theory import information_basics as ref

LN2 = np.log(2)


def _distributions(rng, shape, zeros=0):
    """Random probability vectors along the last axis, with ``zeros`` entries of each set to 0."""
    p = rng.dirichlet(np.ones(shape[-1]), size=shape[:-1])
    if zeros:
        rows = p.reshape(-1, shape[-1])
        for row in rows:
            row[rng.choice(shape[-1], zeros, replace=False)] = 0.0
        p = rows.reshape(shape) / rows.reshape(shape).sum(axis=-1, keepdims=True)
    return p


def _plug_in(joint, independent):
    """Σ p log₂(p/q) over the cells with p > 0 (q may be anything positive there)."""
    occupied = joint > 0
    with np.errstate(all="ignore"):
        return float(np.sum(joint[occupied] * np.log2(joint[occupied] / independent[occupied])))


def entropy(student_entropy):
    """Check ``entropy(p)`` on single distributions and rows of distributions, with and without zeros."""
    rng = np.random.default_rng(1001)
    zero_hint = "0 log 0 = 0: leave out (or set to 0) the terms with p = 0; np.log2(0) is -inf and 0 · -inf is nan."
    for shape, zeros in (((6,), 0), ((9,), 3), ((5, 8), 0), ((4, 7), 2)):
        p = _distributions(rng, shape, zeros)
        what = f"entropy(p) for p of shape {shape}" + (f" with {zeros} zero probabilities per distribution" if zeros else "")
        with hint_on_failure("with p of shape (k, n) there is one distribution per row: sum along the last axis "
                             "(axis=-1) and return k entropies.") if len(shape) > 1 else contextlib.nullcontext():
            result = as_array(call(student_entropy, p), what, shape=shape[:-1], nonfinite_hint=zero_hint)
        expected = ref.entropy(p)
        # Sums of at most 9 terms of order 1: round-off ~1e-15 bits.
        assert_close(result, expected, what, atol=1e-10, mistakes={
            "entropy in bits uses log₂ (np.log2); np.log gives nats.": expected * LN2,
            "log₂, not log₁₀.": expected * np.log10(2),
            "H = −Σ p log p: the minus sign makes it positive.": -expected,
            "H = −Σ p log p: weight each log p by its probability p.":
                -np.sum(np.log2(np.where(p > 0, p, 1.0)), axis=-1),
        })
    for n in (1, 2, 8, 10):
        uniform = np.full(n, 1 / n)
        assert_close(call(student_entropy, uniform), np.log2(n), f"entropy of the uniform distribution over {n}",
                     atol=1e-12, hint="a uniform distribution over N outcomes has log₂ N bits.")
    certain = np.array([0.0, 1.0, 0.0])
    assert_close(call(student_entropy, certain), 0.0, "entropy of a certain outcome, p = [0, 1, 0]", atol=1e-12,
                 hint="a certain outcome carries no uncertainty: 0 bits.")


def kl_divergence(student_kl):
    """Check ``kl_divergence(p, q)`` on seeded distributions, D(p‖p) = 0, Bernoulli pairs and Gibbs' inequality."""
    rng = np.random.default_rng(1002)
    for shape, zeros in (((6,), 0), ((5, 4), 0), ((8,), 3), ((3, 9), 2)):
        p, q = _distributions(rng, shape, zeros), _distributions(rng, shape)
        what = f"kl_divergence(p, q) for p, q of shape {shape}" + (f", p with {zeros} zeros per distribution"
                                                                    if zeros else "")
        result = as_array(call(student_kl, p, q), what, shape=shape[:-1],
                          nonfinite_hint="the terms with p = 0 are 0 (0 log 0 = 0); compute log(p/q) only where p > 0.")
        expected = ref.kl_divergence(p, q)
        safe = np.where(p > 0, p, 1.0)
        mistakes = {
            "D in bits uses log₂ (np.log2); np.log gives nats.": expected * LN2,
            "D(p‖q) = Σ p log(p/q): weight each log-ratio by p.": np.sum(np.where(p > 0, np.log2(safe / q), 0), axis=-1),
            "D(p‖q) = Σ p log(p/q), the cross-entropy −Σ p log q minus the entropy H(p), not the cross-entropy alone.":
                -np.sum(p * np.log2(q), axis=-1),
            "the ratio is p/q: D(p‖q) = Σ p log(p/q).": -expected,
        }
        if not zeros:
            mistakes["the divergence is not symmetric: D(p‖q) weights with p, the first argument."] = \
                ref.kl_divergence(q, p)
        # Sums of at most 9 terms: round-off ~1e-15 bits.
        assert_close(result, expected, what, atol=1e-10, mistakes=mistakes)
    p = _distributions(rng, (7,))
    assert_close(call(student_kl, p, p), 0.0, "kl_divergence(p, p)", atol=1e-12,
                 hint="a distribution does not diverge from itself: D(p‖p) = 0.")
    a, b = 0.3, 0.6
    bernoulli = a * np.log2(a / b) + (1 - a) * np.log2((1 - a) / (1 - b))
    assert_close(call(student_kl, np.array([a, 1 - a]), np.array([b, 1 - b])), bernoulli,
                 f"kl_divergence of the Bernoulli distributions ({a}, {1 - a:g}) and ({b}, {1 - b:g})", atol=1e-12)
    p, q = _distributions(rng, (200, 5), 1), _distributions(rng, (200, 5))
    divergences = as_array(call(student_kl, p, q), "kl_divergence(p, q) for 200 pairs of rows", shape=(200,))
    if np.min(divergences) < -1e-12:
        raise AssertionError(f"kl_divergence gave {np.min(divergences):.4g} for one of 200 random pairs; the "
                             "divergence is never negative (Gibbs' inequality).")


def mutual_information(student_mi):
    """Check ``mutual_information(x, y, n_bins)`` on seeded samples, its symmetry and y = x."""
    rng = np.random.default_rng(1003)
    gauss = rng.standard_normal((2, 1000))
    counts = rng.poisson(4.0, 300)
    cases = (
        ("1000 correlated Gaussian pairs, 10 bins", gauss[0], 0.7 * gauss[0] + 0.71 * gauss[1], 10),
        ("500 independent uniform pairs, 8 bins", rng.random(500), rng.random(500), 8),
        ("300 Poisson spike counts and a noisy copy, 5 bins", counts.astype(float),
         counts + rng.normal(0, 1.5, 300), 5),
        ("200 Gaussian pairs on different scales, 6 bins", 50 * gauss[0, :200], 0.01 * (gauss[0, :200] ** 2)
         + 0.005 * gauss[1, :200], 6),
    )
    for name, x, y, n_bins in cases:
        what = f"mutual_information(x, y, {n_bins}) for {name}"
        with hint_on_failure("count the pairs with np.histogram2d(x, y, bins=n_bins), divide by their number, "
                             "and sum over the occupied bins only."):
            result = as_array(call(student_mi, x, y, n_bins), what, shape=(),
                              nonfinite_hint="sum only over the bins with p(x, y) > 0 (0 log 0 = 0).")
        expected = ref.mutual_information(x, y, n_bins)
        joint = np.histogram2d(x, y, bins=n_bins)[0] / len(x)
        px, py = joint.sum(axis=1), joint.sum(axis=0)
        h_x, h_y, h_xy = ref.entropy(px), ref.entropy(py), ref.entropy(joint.ravel())
        edges = np.linspace(min(x.min(), y.min()), max(x.max(), y.max()), n_bins + 1)
        shared = np.histogram2d(x, y, bins=[edges, edges])[0] / len(x)
        shared_mi = ref.entropy(shared.sum(axis=1)) + ref.entropy(shared.sum(axis=0)) - ref.entropy(shared.ravel())
        # A sum of at most 100 terms of order 1: round-off ~1e-14 bits.
        assert_close(result, expected, what, atol=1e-9, mistakes={
            "the estimate in bits uses log₂ (np.log2); np.log gives nats.": expected * LN2,
            "I = H(X) + H(Y) − H(X, Y): the joint entropy is subtracted.": h_x + h_y + h_xy,
            "the mutual information is H(X) + H(Y) − H(X, Y), not the joint entropy.": h_xy,
            "each variable gets its own bins over its own range (np.histogram2d(x, y, bins=n_bins)), not one "
            "common range for both.": shared_mi,
            "p(x) p(y)[i, j] = p(x)[i] · p(y)[j], with x along the rows of the histogram: the outer product "
            "px[:, None] * py[None, :], not its transpose.": _plug_in(joint, px[None, :] * py[:, None]),
            "divide the counts by the number of samples: the formula takes probabilities.":
                _plug_in(joint * len(x), np.outer(px, py) * len(x) ** 2),
        })
        swapped = as_array(call(student_mi, y, x, n_bins), f"mutual_information(y, x, {n_bins}) for {name}", shape=())
        assert_close(swapped, expected, f"mutual_information(y, x, {n_bins}) for {name} (I(Y; X) = I(X; Y))",
                     atol=1e-9, hint="the mutual information is symmetric in X and Y.")
    x = np.linspace(0.0, 1.0, 400)
    assert_close(call(student_mi, x, x.copy(), 4), 2.0, "mutual_information(x, x, 4) for 400 evenly spaced x",
                 atol=1e-9, hint="knowing y = x tells everything about x: I(X; X) = H(X), here log₂ 4 = 2 bits.")


def gaussian_mutual_information(student_gmi):
    """Check ``gaussian_mutual_information(cov, n_x)`` on random covariances and the closed forms."""
    rng = np.random.default_rng(1008)  # its covariances give 0.24–0.57 bits
    for d, n_x in ((2, 1), (3, 1), (3, 2), (5, 2)):
        a = rng.standard_normal((d, d))
        cov = a @ a.T + 0.5 * np.eye(d)
        what = f"gaussian_mutual_information(cov, {n_x}) for a {d} × {d} covariance"
        expected = ref.gaussian_mutual_information(cov, n_x)
        log_det = [np.linalg.slogdet(block)[1] for block in (cov[:n_x, :n_x], cov[n_x:, n_x:], cov)]
        mistakes = {
            "the result in bits uses log₂; ln det gives nats (divide by ln 2).": expected * LN2,
            "I = ½ log₂(det Σ_XX det Σ_YY / det Σ): the factor ½.": 2 * expected,
            "det Σ is in the denominator: I = ½ log₂(det Σ_XX det Σ_YY / det Σ) ≥ 0.": -expected,
            "X is the first n_x variables: Σ_XX = cov[:n_x, :n_x] and Σ_YY = cov[n_x:, n_x:].":
                (np.linalg.slogdet(cov[:n_x + 1, :n_x + 1])[1] + np.linalg.slogdet(cov[n_x + 1:, n_x + 1:])[1]
                 - log_det[2]) / (2 * LN2) if n_x + 1 < d else expected * 3,
        }
        rho = cov[0, n_x] / np.sqrt(cov[0, 0] * cov[n_x, n_x])
        if d > 2:
            mistakes["with several variables, the determinants of the blocks, not the correlation of two of them."] = \
                -0.5 * np.log2(1 - rho**2)
        # log-determinants of well-conditioned matrices (eigenvalues ≥ 0.5): round-off ~1e-14.
        assert_close(call(student_gmi, cov, n_x), expected, what, atol=1e-9, rtol=1e-9, mistakes=mistakes)
    for rho in (0.3, -0.8, 0.95):
        cov = np.array([[4.0, 2 * rho * 1.5], [2 * rho * 1.5, 2.25]])
        assert_close(call(student_gmi, cov, 1), -0.5 * np.log2(1 - rho**2),
                     f"gaussian_mutual_information for a pair with correlation {rho} (s.d. 2 and 1.5)", atol=1e-9,
                     hint="for a pair, I = −½ log₂(1 − ρ²), whatever the variances.")
    signal, noise = 3.0, 0.5
    channel = np.array([[signal, signal], [signal, signal + noise]])
    assert_close(call(student_gmi, channel, 1), 0.5 * np.log2(1 + signal / noise),
                 f"gaussian_mutual_information of the Gaussian channel Y = X + noise (S = {signal}, N = {noise})",
                 atol=1e-9, hint="cov(X, Y) = S and var(Y) = S + N give ½ log₂(1 + S/N).")
    copies = np.array([[signal, signal, signal], [signal, signal + noise, signal], [signal, signal, signal + noise]])
    assert_close(call(student_gmi, copies, 1), 0.5 * np.log2(1 + 2 * signal / noise),
                 "gaussian_mutual_information between X and two independent noisy copies (Y₁, Y₂) of it", atol=1e-9,
                 hint="Y is the last d − n_x variables, here two.")
    block = np.zeros((4, 4))
    block[:2, :2], block[2:, 2:] = [[2.0, 0.5], [0.5, 1.0]], [[1.0, -0.3], [-0.3, 3.0]]
    assert_close(call(student_gmi, block, 2), 0.0, "gaussian_mutual_information of two uncorrelated groups",
                 atol=1e-9, hint="uncorrelated Gaussian groups are independent: 0 bits.")


def infomax_transfer(student_transfer, seed=1005):
    """Check ``infomax_transfer(s, stimuli, r_max)`` on continuous and tied stimuli, then the uniform responses
    and the Gaussian limit."""
    rng = np.random.default_rng(seed)
    gaussian = rng.normal(2.0, 3.0, 400)
    ties = rng.integers(0, 10, 200).astype(float)
    cases = (
        ("400 Gaussian stimuli, at a grid", np.linspace(-10, 14, 61), gaussian, 1.0),
        ("400 Gaussian stimuli, at the stimuli themselves", gaussian[::7], gaussian, 50.0),
        ("200 integer stimuli 0…9 (ties), at −1, 0, 0.5, …, 10", np.arange(-1.0, 10.01, 0.5), ties, 1.0),
        ("200 integer stimuli, at a 2-D array of points", np.arange(12.0).reshape(3, 4) - 1, ties, 20.0),
    )
    for name, s, stimuli, r_max in cases:
        what = f"infomax_transfer(s, stimuli, r_max={r_max}) for {name}"
        expected = ref.infomax_transfer(s, stimuli, r_max)
        below = np.searchsorted(np.sort(stimuli), s, side="left")
        at_most = np.searchsorted(np.sort(stimuli), s, side="right")
        n = stimuli.size
        # Fractions k/n times r_max: round-off ~1e-16 r_max.
        assert_close(call(student_transfer, s, stimuli, r_max), expected, what, atol=1e-12 * r_max, mistakes={
            "F(s) is the fraction of stimuli ≤ s (np.searchsorted(..., side=\"right\")), including those equal to s.":
                r_max * below / n,
            "the response is r_max F(s): multiply the fraction by r_max.": at_most / n,
            "divide by the number of stimuli n, so that the largest stimulus gives r_max.": r_max * at_most / (n - 1),
            "np.searchsorted needs the stimuli sorted (np.sort).": r_max * np.searchsorted(stimuli, s, "right") / n,
        })
    distinct = rng.permutation(np.linspace(-1.0, 1.0, 64) ** 3)
    responses = as_array(call(student_transfer, distinct, distinct, 1.0), "infomax_transfer(stimuli, stimuli, 1)",
                         shape=distinct.shape)
    assert_close(np.sort(responses), np.arange(1, 65) / 64, "the sorted responses of 64 distinct stimuli to "
                 "themselves", atol=1e-12, hint="with F the fraction of stimuli ≤ s, the k-th smallest of n distinct "
                                               "stimuli gives k/n: equalised responses are evenly spread.")
    stimuli = rng.standard_normal(5000)
    grid = np.linspace(-3, 3, 61)
    r = as_array(call(student_transfer, grid, stimuli, 1.0), "infomax_transfer(grid, 5000 Gaussian stimuli, 1)",
                 shape=grid.shape)
    # Dvoretzky–Kiefer–Wolfowitz: P(sup |F̂ − Φ| > ε) ≤ 2 exp(−2nε²) = 2e-7 for n = 5000, ε = 0.04.
    if np.max(np.abs(r - ndtr(grid))) > 0.04:
        raise AssertionError("for 5000 standard normal stimuli, infomax_transfer differs from the normal cumulative "
                             f"distribution Φ by {np.max(np.abs(r - ndtr(grid))):.3g} (at most 0.04 expected).")


# 200 repeats of 500 independent uniform pairs with 10 × 10 bins (seed 10): the mean estimate is 0.1216 bits
# (true value 0). Over 40 other seeds the mean is 0.1237 with a standard deviation of 0.0014 (its standard
# error), and drawing the samples pair by pair gives 0.1225; the first-order bias (B − 1)²/(2n ln 2) is 0.1169.
# ± 0.008 (over five standard errors) accepts these, and rejects the true value 0, nats (0.084), 9 bins
# (0.095, bin edges counted as bins) and 11 bins (0.153).
independent_mi_bias = Discovery(
    0.1216, 0.008, "independent_mi_bias, the mean plug-in estimate for independent variables", unit="bits",
    mistakes={"the estimates come from your mutual_information of samples, not from the true value.": 0.0,
              "in bits, not nats: use log₂.": 0.0843,
              "n_bins = 10 bins per variable (11 edges), not 10 edges.": 0.0949,
              "n_bins = 10 bins per variable, not 11.": 0.1530})

# The flower photograph's 273 280 contrasts with 16 equal-width response levels over [c_min, c_max]:
# 3.1974 bits, deterministic. A histogram of the contrasts or of the grey levels with 16 equal-width bins gives the
# same levels (an affine map keeps equal-width bins), up to pixels on a bin edge. ± 0.02 rejects the china
# photograph (3.79), nats (2.22), the equalised code (3.999) and a linear code of the whole grey scale
# 0–255 (2.98).
linear_code_bits = Discovery(
    3.1974, 0.02, "linear_code_bits, the entropy of the linear code of the flower's contrasts", unit="bits",
    mistakes={"the question is about the flower photograph (photographs()[1]).": 3.7906,
              "in bits, not nats: use log₂.": 2.2163,
              "the question asks for the linear transfer function, not the equalising one.": 3.9990,
              "the linear code spans the contrasts that occur, c_min to c_max, not the whole grey scale 0–255.": 2.9767})
