"""Independent validation of the synaptic-weights reference: the weighted input
against explicit sums, the traces against the sum of kernels e^(−(t − t_k)/τ) over
the spikes, and the normalisation's row sums and proportions."""

import numpy as np

from solutions.ch03_synaptic_transmission import synaptic_weights as sw


def test_weighted_input_is_the_explicit_sum():
    rng = np.random.default_rng(1)
    w, s = rng.normal(size=(3, 5)), rng.uniform(size=(7, 5))
    explicit = np.array([[sum(w[i, j] * s[k, j] for j in range(5)) for i in range(3)] for k in range(7)])
    np.testing.assert_allclose(sw.weighted_input(w, s), explicit, rtol=1e-12)


def test_trace_is_the_sum_of_kernels_over_spikes():
    rng = np.random.default_rng(2)
    dt, spikes = 0.25, (rng.random((400, 3)) < 0.05).astype(float)
    t = np.arange(400) * dt
    for column in range(3):
        spike_times = t[spikes[:, column] > 0]
        kernels = np.exp(-(t[:, None] - spike_times[None, :]) / sw.TAU_TRACE) * (t[:, None] >= spike_times[None, :])
        np.testing.assert_allclose(sw.synaptic_trace(spikes, dt)[:, column], kernels.sum(axis=1), atol=1e-12)


def test_normalisation_fixes_row_sums_and_keeps_proportions():
    rng = np.random.default_rng(3)
    w, totals = rng.uniform(0.1, 1, (4, 6)), np.array([1.0, 2.0, 0.5, 3.0])
    normalised = sw.normalize_incoming(w, totals)
    np.testing.assert_allclose(normalised.sum(axis=1), totals)
    np.testing.assert_allclose(normalised / normalised[:, :1], w / w[:, :1])
