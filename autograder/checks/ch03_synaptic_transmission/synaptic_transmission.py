"""Checks of section 3.1, synaptic transmission (quantal release).

The release is random, so its check tests the distribution with the check's
own seeded generator: 20 000 responses must be multiples of q within [0, n q],
with mean n p q, variance n p (1 − p) q² and failure fraction (1 − p)^n, each
within at least six standard errors (argued at each), and equal seeds must
give equal responses. The validation tests run this check with 40 other seeds.
The estimators are deterministic and compared with the reference and with
their defining facts.
"""

import numpy as np

from autograder.checking import (as_array, assert_close, assert_reproducible, assert_statistic, call,
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
