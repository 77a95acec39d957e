"""Independent validation of the STDP reference: the online trace rule against the all-to-all pair sum written
out from Song, Miller & Abbott (2000) with ``math.exp``, the window's integral against A₊τ₊ − A₋τ₋ (scipy
``quad``), the original page's two protocols (its Euler loop reimplemented line by line), and the drift of
uncorrelated Poisson trains against the mean-field formula ⟨Δw⟩ = ρ_pre ρ_post Σ W."""

import math

import numpy as np
import pytest
from scipy.integrate import quad

from solutions.ch07_learning_rules import stdp


def _pair_sum(t_pre, t_post, a_plus, a_minus, tau_plus, tau_minus):
    """Σ over every pair of the textbook window, one pair at a time (Δt = 0 contributes nothing)."""
    total = 0.0
    for t_q in t_post:
        for t_p in t_pre:
            delta = t_q - t_p
            if delta > 0:
                total += a_plus * math.exp(-delta / tau_plus)
            elif delta < 0:
                total -= a_minus * math.exp(delta / tau_minus)
    return total


@pytest.mark.parametrize("seed", range(5))
def test_trace_rule_equals_the_all_to_all_pair_sum(seed):
    rng = np.random.default_rng(seed)
    dt, n_steps, n_pre, n_post = (1.0, 0.5, 0.25, 1.0, 2.0)[seed], 600, 5, 3
    parameters = {"a_plus": 0.01, "a_minus": 0.0105, "tau_plus": 20.0, "tau_minus": 20.0} if seed % 2 else \
        {"a_plus": 0.02, "a_minus": 0.015, "tau_plus": 12.0, "tau_minus": 35.0}
    pre = (rng.random((n_steps, n_pre)) < 0.05).astype(float)
    post = (rng.random((n_steps, n_post)) < 0.05).astype(float)
    post[:, 0] = np.maximum(post[:, 0], pre[:, 0])  # coincident spikes: Δt = 0 pairs
    w, x_pre, x_post = np.zeros((n_post, n_pre)), np.zeros(n_pre), np.zeros(n_post)
    for k in range(n_steps):
        w, x_pre, x_post = stdp.stdp_update(w, x_pre, x_post, pre[k], post[k], dt, **parameters)
    times = np.arange(n_steps) * dt
    expected = np.array([[_pair_sum(times[pre[:, j] > 0], times[post[:, i] > 0], **parameters)
                          for j in range(n_pre)] for i in range(n_post)])
    assert np.abs(w - expected).max() < 1e-12
    # The traces are the exponentially filtered spike trains, spikes of the last step included.
    assert np.allclose(x_pre, [np.exp(-(times[-1] - times[pre[:, j] > 0]) / parameters["tau_plus"]).sum()
                               for j in range(n_pre)], rtol=1e-12, atol=0)
    assert np.allclose(stdp.stdp_window(np.subtract.outer(times[post[:, 1] > 0], times[pre[:, 2] > 0]),
                                        **parameters).sum(), expected[1, 2], rtol=1e-13, atol=1e-16)


def test_the_window_integral_is_analytic_and_negative():
    ltp = quad(stdp.stdp_window, 0, np.inf)[0]
    ltd = quad(stdp.stdp_window, -np.inf, 0)[0]
    assert ltp == pytest.approx(stdp.A_PLUS * stdp.TAU_PLUS, rel=1e-10)
    assert ltd == pytest.approx(-stdp.A_MINUS * stdp.TAU_MINUS, rel=1e-10)
    assert stdp.window_integral() == pytest.approx(-0.05 * stdp.A_PLUS * stdp.TAU_PLUS, rel=1e-10)  # −0.01 ms
    assert stdp.window_integral() < 0
    assert stdp.stdp_window(0.0) == 0 and stdp.stdp_window(5.0) > 0 > stdp.stdp_window(-5.0)


def test_the_single_synapse_protocol():
    exact = _pair_sum(stdp.PRE_SPIKE_TIMES, stdp.POST_SPIKE_TIMES, stdp.A_PLUS, stdp.A_MINUS, stdp.TAU_PLUS,
                      stdp.TAU_MINUS)
    assert stdp.final_weight() == pytest.approx(exact, rel=1e-12)
    assert exact == pytest.approx(1.64752e-4, rel=1e-5)
    # The original page's loop, line by line (traces updated before the weight, Euler decay): 1.6105e-4, which
    # is the pair sum with the discrete kernel (1 − dt/τ)^(Δt/dt).
    dt, tau_p, tau_m, a_p, a_m = 1.0, 20.0, 20.0, 0.01, 1.05 * 0.01
    spike_pre = np.zeros(500)
    spike_pre[[50, 200, 225, 300, 425]] = 1
    spike_post = np.zeros(500)
    spike_post[[100, 150, 250, 350, 400]] = 1
    x_pre = x_post = w = 0.0
    for t in range(500):
        x_pre = x_pre * (1 - dt / tau_p) + spike_pre[t]
        x_post = x_post * (1 - dt / tau_m) + spike_post[t]
        w += a_p * x_pre * spike_post[t] - a_m * x_post * spike_pre[t]
    assert w == pytest.approx(1.6105e-4, rel=1e-4)
    assert w == pytest.approx(_pair_sum(stdp.PRE_SPIKE_TIMES, stdp.POST_SPIKE_TIMES, a_p, a_m,
                                        -1 / math.log(1 - dt / tau_p), -1 / math.log(1 - dt / tau_m)), rel=1e-12)
    assert abs(w - exact) / exact > 0.02  # the Euler kernel is 2 % off


def test_the_matrix_protocol_reconstructs_the_window():
    """50 presynaptic cells, cell j firing at j ms; postsynaptic cell 0 fires at 49 ms, cell 1 at 0 ms."""
    n_pre = 50
    post = np.zeros((n_pre, 2))
    post[49, 0] = post[0, 1] = 1.0
    w, x_pre, x_post = np.zeros((2, n_pre)), np.zeros(n_pre), np.zeros(2)
    for k in range(n_pre):
        w, x_pre, x_post = stdp.stdp_update(w, x_pre, x_post, np.eye(n_pre)[k], post[k], 1.0)
    delta_t = np.array([49.0 - np.arange(n_pre), 0.0 - np.arange(n_pre)])
    textbook = np.where(delta_t > 0, 0.01 * np.exp(-delta_t / 20.0), 0.0) - np.where(
        delta_t < 0, 0.0105 * np.exp(delta_t / 20.0), 0.0)
    assert np.abs(w - textbook).max() < 1e-15


def uncorrelated_drift(seed, n_synapses=200, n_steps=8192, p=0.03):
    """Mean weight change of independent Bernoulli trains (30 Hz at dt = 1 ms) over 8.192 s, against
    p_pre p_post Σ_lag W(lag)(T − |lag|), the mean-field drift with its edge correction.

    Every synapse has its own pre and post train, so the synapses are independent and the standard error of
    their mean is the sample standard deviation over √n. The pair sums come from the cross-correlogram
    (FFT), which equals the online rule (test above).

    Returns
    -------
    mean, expected, standard_error : float
    """
    rng = np.random.default_rng(seed)
    pre = (rng.random((n_synapses, n_steps)) < p).astype(float)
    post = (rng.random((n_synapses, n_steps)) < p).astype(float)
    size = 2 * n_steps
    # correlogram[lag] = Σ_t post[t + lag] pre[t]
    spectrum = np.fft.rfft(post, size) * np.conj(np.fft.rfft(pre, size))
    correlogram = np.fft.irfft(spectrum, size)
    lags = np.r_[0:n_steps, -n_steps:0].astype(float)
    window = stdp.stdp_window(lags)
    changes = correlogram @ window
    expected = p * p * np.sum(window * (n_steps - np.abs(lags)))
    return changes.mean(), expected, changes.std(ddof=1) / np.sqrt(n_synapses)


@pytest.mark.parametrize("seed", [0] + list(range(1000, 1040)))
def test_uncorrelated_trains_drift_down_at_the_mean_field_rate(seed):
    mean, expected, standard_error = uncorrelated_drift(seed)
    # Σ_lag W(lag)·1 ms is the window's integral on the grid (−0.00975 ms instead of −0.01 ms); the drift is
    # negative: ρ_pre ρ_post ∫W T ≈ −0.072 over 8.192 s at 30 Hz, about 8.5 standard errors below 0.
    assert expected < 0 and expected == pytest.approx(0.03**2 * 8192 * -0.00975, rel=1e-2)
    assert abs(mean - expected) < 5 * standard_error  # a false failure is rarer than 1e-6 per seed
    assert mean < 0
