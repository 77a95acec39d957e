"""Independent validation of the quantal-release reference: the simulated counts
follow ``scipy.stats.binom`` (chi-square test), the method of moments recovers n
and p from simulated data within sampling error, the failures method agrees
with the mean in the Poisson limit, and the stochastic check passes with 40
other seeds."""

import numpy as np
import pytest
from scipy.stats import binom, chisquare

from solutions.ch03_synaptic_transmission import synaptic_transmission as st


def test_counts_follow_the_binomial_distribution():
    responses = st.quantal_release(st.N_SITES, st.P_RELEASE, st.QUANTAL_SIZE, 50_000, np.random.default_rng(5))
    counts = np.bincount(np.round(responses / st.QUANTAL_SIZE).astype(int), minlength=st.N_SITES + 1)
    expected = binom.pmf(np.arange(st.N_SITES + 1), st.N_SITES, st.P_RELEASE) * 50_000
    keep = expected > 5  # the chi-square approximation needs expected counts above 5: pool the tail
    observed = np.append(counts[keep], counts[~keep].sum())
    assert chisquare(observed, np.append(expected[keep], expected[~keep].sum())).pvalue > 1e-3


def test_method_of_moments_recovers_n_and_p():
    # 200 000 responses: the standard error of p̂ is about 0.004 and of n̂ about 0.2 here.
    responses = st.quantal_release(12, 0.4, 0.3, 200_000, np.random.default_rng(6))
    n, p = st.binomial_parameters(responses.mean(), responses.var(), 0.3)
    assert p == pytest.approx(0.4, abs=0.02) and n == pytest.approx(12, abs=1.0)


def test_failures_give_the_quantal_content_in_the_poisson_limit():
    rng = np.random.default_rng(7)
    for m in (0.5, 1.0, 2.0):
        responses = st.quantal_release(500, m / 500, 1.0, 100_000, rng)
        # Standard error of −ln(f̂): √((1 − f)/(n f)) ≤ 0.009 for f ≥ e^(−2).
        assert st.quantal_content_from_failures(np.mean(responses == 0)) == pytest.approx(responses.mean(), abs=0.06)


def test_stochastic_check_does_not_reject_a_correct_release_by_chance():
    from checks.ch03_synaptic_transmission import synaptic_transmission as checks

    for seed in range(40):
        checks.quantal_release(st.quantal_release, seed=seed)
