"""Checks of section 3.1, synaptic transmission (quantal release).

The release is random, so its check tests the distribution with the check's
own seeded generator: 20 000 responses must be multiples of q within [0, n q],
with mean n p q, variance n p (1 − p) q² and failure fraction (1 − p)^n, each
within at least six standard errors (argued at each), and equal seeds must
give equal responses. The validation tests run this check with 40 other seeds.
The estimators are deterministic and compared with the reference and with
their defining facts. The discovery answers are the release parameters of a
recorded synapse: fixed data, so their tolerances cover only rounding and the
choice between the two variance estimators.
"""

import numpy as np

from autograder.checking import (Discovery, as_array, assert_close, assert_reproducible, assert_statistic, call,
                                 hint_on_failure)
from solutions.ch03_synaptic_transmission import synaptic_transmission as ref


def quantal_release(student_release, seed=3101):
    """Check ``quantal_release(n, p, q, n_trials, rng)``: support, mean, variance, failures, reproducibility."""
    n, p, q, trials = ref.N_SITES, ref.P_RELEASE, ref.QUANTAL_SIZE, 20_000
    what = f"quantal_release({n}, {p}, {q}, {trials}, rng)"
    responses = as_array(call(student_release, n, p, q, trials, np.random.default_rng(seed)), what, shape=(trials,))
    counts = responses / q
    with hint_on_failure("a response is q times the number of released vesicles: rng.binomial(n, p) of them."):
        if not np.allclose(counts, np.round(counts), atol=1e-9) or counts.min() < -1e-9 or counts.max() > n + 1e-9:
            raise AssertionError(f"{what} must return whole multiples of q = {q} between 0 and n q = {n * q}.")
    mean, variance = n * p * q, n * p * (1 - p) * q**2
    # Standard errors: mean √(variance/20 000) = 0.0051 mV; sample variance ≈ variance √(2/20 000) = 0.0053 mV².
    assert_statistic(responses.mean(), mean, 0.035, f"the mean of {trials} responses (mV)",
                     hint="the mean is n p q: each of the n sites releases with probability p.")
    assert_statistic(responses.var(), variance, 0.04, f"the variance of {trials} responses (mV²)",
                     hint="the count is binomial, variance n p (1 − p) q² (a Poisson count would give n p q²).")
    # (1 − p)^n = 0.028, standard error √(0.028 · 0.972 / 20 000) = 0.0012.
    assert_statistic(np.mean(counts < 0.5), (1 - p) ** n, 0.008, "the fraction of failures",
                     hint="each site fails independently: P(failure) = (1 − p)^n.")
    assert_reproducible(lambda rng: call(student_release, n, p, q, 10, rng), "quantal_release")


def binomial_parameters(student_estimate):
    """Check ``binomial_parameters(mean, variance, q)`` on exact moments of several synapses."""
    for n, p, q in ((10, 0.3, 0.5), (4, 0.8, 1.2), (50, 0.05, 0.2)):
        mean, variance = n * p * q, n * p * (1 - p) * q**2
        what = f"binomial_parameters(mean={mean:.4g}, variance={variance:.4g}, q={q})"
        estimate = call(student_estimate, mean, variance, q, returns=("n", "p"))
        assert_close(estimate[1], p, f"p returned by {what}", atol=1e-9, mistakes={
            "p = 1 − variance / (mean q): the variance of a binomial count is n p (1 − p) q².": variance / (mean * q),
            "divide the variance by mean · q (one quantum), not by the mean alone.": 1 - variance / mean,
        })
        assert_close(estimate[0], n, f"n returned by {what}", atol=1e-8, mistakes={
            "n = mean / (p q).": mean / p,
        }, hint="n follows from the mean n p q once p is known.")


def quantal_content_from_failures(student_estimate):
    """Check ``quantal_content_from_failures(failure_fraction)`` against −ln and the Poisson limit."""
    fractions = np.array([0.9, 0.5, 0.2, 0.05, 0.01])
    expected = ref.quantal_content_from_failures(fractions)
    assert_close(call(student_estimate, fractions), expected, "quantal_content_from_failures(fractions)",
                 atol=1e-12, mistakes={
                     "use the natural logarithm: P(0) = e^(−m) for a Poisson count.": -np.log10(fractions),
                     "m = −ln P(failure), positive.": np.log(fractions),
                     "m = −ln P(failure), not 1 − P(failure).": 1 - fractions,
                 })
    # −n ln(1 − p) = n p + n p²/2 + …: the binomial's failures overestimate n p = 2 by 0.002.
    n, p = 1000, 0.002
    assert_close(call(student_estimate, (1 - p) ** n), n * p, "the quantal content for n = 1000 sites with p = 0.002",
                 atol=0.005, hint="for small p, (1 − p)^n ≈ e^(−n p): the failures give m = n p.")


# The recorded synapse's data are fixed, so the answers are too; correct methods differ only in the variance
# estimator: np.var gives p = 0.3818, the unbiased var(ddof=1) of 500 responses 0.3806. The question asks for two
# decimals; ±0.006 accepts both and 0.38, and rejects the mistakes below (the nearest, the notebook's own q = 0.5 mV
# instead of the recording's 0.3 mV, gives 0.63).
p_hat = Discovery(
    0.3818, 0.006, "p_hat, the release probability of the recorded synapse",
    mistakes={"p = 1 − variance / (mean q): the variance over mean q is 1 − p": 0.6182,
              "divide the variance by mean · q with the recording's quantal size (0.3 mV), not by the mean alone": 0.8145,
              "use the recording's quantal size, RECORDED_QUANTAL_SIZE, not the notebook's QUANTAL_SIZE": 0.6291})

# n = mean/(p q) is 5.406 with np.var and 5.423 with var(ddof=1); asked to 0.1, ±0.06 accepts both and 5.4, and
# rejects the largest count of quanta seen (5), which is a lower bound on n, not an estimate.
n_hat = Discovery(
    5.406, 0.06, "n_hat, the number of release sites of the recorded synapse",
    mistakes={"the method of moments gives n = mean / (p q) unrounded; the largest number of quanta seen is only a "
              "lower bound on n": 5.0,
              "n = mean / (p q) with p = 1 − variance / (mean q): the quantal size enters both": 2.534})

# 38 failures in 500 responses: −ln(0.076) = 2.577, exactly; ±0.01 accepts it to two decimals and rejects the
# quantal content from the mean (2.064 quanta), the answer of the other method.
m_failures = Discovery(
    2.577, 0.01, "m_failures, the quantal content of the recorded synapse from its failures",
    mistakes={"use the natural logarithm: P(0) = e^(−m) for a Poisson count": 1.119,
              "m = −ln P(failure), not 1 − P(failure)": 0.924,
              "this question asks for the method of failures, −ln P(failure), not the mean number of quanta": 2.064})
