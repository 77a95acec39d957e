"""Independent validation of the notation reference: the products against plain Python loops (no numpy
products), ``scipy.sparse`` and ``scipy.signal.correlate``; the discovery answers against an event-driven count;
and the example network's output against the binomial statistics of coincidence detection (scipy.stats)."""

import itertools

import numpy as np
import pytest
from scipy import signal, sparse
from scipy.stats import binom

from solutions.ch01_introduction import notation as ref


def _loop_input(w, spikes):
    """I[t][i] = Σ_j w[i][j] spikes[t][j] with Python floats and loops."""
    w, spikes = np.asarray(w).tolist(), np.asarray(spikes).tolist()
    return np.array([[sum(w_ij * s_j for w_ij, s_j in zip(row, step)) for row in w] for step in spikes])


def test_synaptic_input_equals_loops_and_a_sparse_product():
    rng = np.random.default_rng(1)
    w = rng.normal(size=(7, 11)) * (rng.random((7, 11)) < 0.4)  # n_post = 7, n_pre = 11
    spikes = (rng.random((23, 11)) < 0.2).astype(float)
    result = ref.synaptic_input(w, spikes)
    assert result.shape == (23, 7)
    np.testing.assert_allclose(result, _loop_input(w, spikes), rtol=0, atol=1e-13)
    np.testing.assert_allclose(result, (sparse.csr_matrix(w) @ spikes.T).T, rtol=0, atol=1e-13)


def test_hebbian_update_is_the_lag_zero_cross_correlation():
    rng = np.random.default_rng(2)
    post, pre = (rng.random((40, 3)) < 0.3).astype(float), rng.uniform(0, 1, (40, 5))
    w = rng.normal(size=(3, 5))
    result = ref.hebbian_update(w, post, pre, 0.25)
    # correlate(a, b, "valid") of two series of equal length is the single sum Σ_t a_t b_t.
    lag0 = np.array([[signal.correlate(post[:, i], pre[:, j], mode="valid")[0] for j in range(5)] for i in range(3)])
    np.testing.assert_allclose(result, w + 0.25 * lag0, rtol=0, atol=1e-13)
    outer_sum = sum(np.outer(y, x) for y, x in zip(post, pre))
    np.testing.assert_allclose(result, w + 0.25 * outer_sum, rtol=0, atol=1e-13)


@pytest.mark.parametrize("w_shape, spikes_shape", [
    ((2, 3, 5), (2, 7, 5)), ((4, 3, 5), (7, 5)), ((3, 5), (2, 7, 5)), ((2, 1, 3, 5), (4, 7, 5)), ((3, 5), (7, 5)),
])
def test_batched_input_equals_loops_over_the_broadcast_stack(w_shape, spikes_shape):
    rng = np.random.default_rng(3)
    w, spikes = rng.normal(size=w_shape), (rng.random(spikes_shape) < 0.3).astype(float)
    batch = np.broadcast_shapes(w_shape[:-2], spikes_shape[:-2])
    result = ref.batched_input(w, spikes)
    assert result.shape == batch + (spikes_shape[-2], w_shape[-2])
    w_b, spikes_b = np.broadcast_to(w, batch + w_shape[-2:]), np.broadcast_to(spikes, batch + spikes_shape[-2:])
    for index in itertools.product(*map(range, batch)):
        np.testing.assert_allclose(result[index], _loop_input(w_b[index], spikes_b[index]), rtol=0, atol=1e-13)


def _event_counts(seed=ref.SEED):
    """Output spikes, and pre–post coincidences on connected and unconnected pairs, counted event by event:
    for every step the set of active inputs, for every neuron the set of its presynaptic partners."""
    w, spikes = ref.example_network(seed)
    partners = [set(np.flatnonzero(row)) for row in w]
    n_out = connected = unconnected = 0
    for step in spikes:
        active = set(np.flatnonzero(step))
        for inputs in partners:
            hits = len(inputs & active)
            if hits >= ref.THETA:
                n_out += 1
                connected += hits
                unconnected += len(active) - hits
    return n_out, connected, unconnected


def test_discovery_answers_equal_an_event_driven_count():
    n_out, connected, unconnected = _event_counts()
    assert ref.output_spikes() == n_out
    assert ref.causal_fraction() == pytest.approx(connected / (connected + unconnected), abs=1e-12)
    # Every output spike has at least THETA coincidences on connected pairs: the ones that made it fire.
    assert connected >= ref.THETA * n_out


def test_the_example_network_has_the_stated_statistics():
    w, spikes = ref.example_network()
    assert w.shape == (ref.N_POST, ref.N_PRE) and spikes.shape == (ref.N_STEPS, ref.N_PRE)
    assert set(np.unique(w)) == {0.0, 1.0} and set(np.unique(spikes)) == {0.0, 1.0}
    # 100 000 Bernoulli(0.02) draws: 2000 ± 44 spikes; six standard deviations.
    assert abs(spikes.sum() - ref.N_STEPS * ref.N_PRE * ref.RATE * ref.DT / 1000) < 6 * np.sqrt(2000 * 0.98)
    p = np.linspace(ref.P_MIN, ref.P_MAX, ref.N_POST)
    # The in-degrees are Binomial(N_PRE, p_i): their sum has mean Σ N p_i and variance Σ N p_i (1 − p_i).
    mean, sd = (ref.N_PRE * p).sum(), np.sqrt((ref.N_PRE * p * (1 - p)).sum())
    assert abs(w.sum() - mean) < 6 * sd


@pytest.mark.parametrize("seed", [ref.SEED] + list(range(100, 140)))
def test_output_and_coincidences_match_binomial_expectations(seed):
    """Given W, the steps are independent: the output count and the coincidence counts are sums of N_STEPS
    i.i.d. terms, whose means follow from Binomial(k_i, q) (k_i in-degree, q = RATE·DT spike probability) and whose
    variance is estimated from the steps. Each count must lie within 5 standard errors (a false alarm in 41
    networks × 3 counts has probability < 1e-4)."""
    w, spikes = ref.example_network(seed)
    q = ref.RATE * ref.DT / 1000
    k = w.sum(axis=1).astype(int)
    inputs = ref.synaptic_input(w, spikes)
    out = inputs >= ref.THETA
    per_step = {
        "output spikes": (out.sum(axis=1), binom.sf(ref.THETA - 1, k, q).sum()),
        # A connected input j of neuron i spikes with it: j spikes (q) and ≥ θ − 1 of its other k_i − 1 inputs do.
        "connected coincidences": ((out * inputs).sum(axis=1),
                                   (k * q * binom.sf(ref.THETA - 2, np.maximum(k - 1, 0), q)).sum()),
        # An unconnected input spikes independently of the neuron's own k_i inputs.
        "unconnected coincidences": ((out * (spikes.sum(axis=1, keepdims=True) - inputs)).sum(axis=1),
                                     ((ref.N_PRE - k) * q * binom.sf(ref.THETA - 1, k, q)).sum()),
    }
    for name, (counts, expected) in per_step.items():
        standard_error = np.sqrt(len(counts) * counts.var(ddof=1))
        z = (counts.sum() - len(counts) * expected) / standard_error
        assert abs(z) < 5, f"{name}: {counts.sum()} vs {len(counts) * expected:.1f} (z = {z:.2f})"
