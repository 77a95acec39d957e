"""Checks of section 2.9, noise as a stochastic synaptic current (Langevin).

A stochastic step is checked in two parts. With σ = 0 it is deterministic and
compared with the reference to round-off. With noise, one step from 100 000
equal states must have the mean and standard deviation of the Euler–Maruyama
increment; tolerances are at least six standard errors (false rejection below
1e-8 per statistic, whatever order the numbers are drawn in), the seeds are
fixed, and the validation tests run the checks with 40 other seeds. The noise
must come from the ``rng`` argument. The syllabus facts: the OU process keeps
its stationary mean μ and variance σ², the noise scales with √dt, and the
autocorrelation of (−1)^t is (−1)^k.
"""

import numpy as np

from scipy.special import ndtr

from autograder.checking import Discovery, as_array, assert_close, assert_reproducible, assert_statistic, call
from solutions.ch02_neuron_models import langevin_noise as ref

N_SAMPLES = 100_000  # states per distribution check


def _increment_statistics(values, mean, std, what, noise_hints):
    """Check the sample mean and standard deviation of one step from equal states.

    The mean has standard error std/√n, the standard deviation std/√(2n); the
    tolerances are 6.5 of them. ``noise_hints`` maps a hint to the standard
    deviation a known mistake produces.
    """
    n = values.size
    tolerance = 6.5 * std / np.sqrt(2 * n)
    sample_std = values.std()
    found = [hint for hint, wrong in noise_hints.items() if abs(sample_std - wrong) <= tolerance]
    assert_statistic(sample_std, std, tolerance, f"the standard deviation of {what}",
                     hint=found[0] if found else "the noise term is σ √(2 dt/τ) ξ with ξ ~ N(0, 1), "
                     "one independent number per element.")
    assert_statistic(values.mean(), mean, 6.5 * std / np.sqrt(n), f"the mean of {what}",
                     hint="the drift is (μ − x) dt/τ and the noise has mean 0.")


def _noise_hints(sigma, tau, dt):
    """Standard deviations of the step that common mistakes in the noise term give."""
    return {
        "the noise scales with √dt, not dt: σ √(2 dt/τ) ξ.": sigma * dt * np.sqrt(2 / tau),
        "the noise amplitude is σ √(2 dt/τ) (σ is the stationary standard deviation): a factor √2 is missing.":
            sigma * np.sqrt(dt / tau),
        "divide dt by the time constant τ inside the square root: σ √(2 dt/τ).": sigma * np.sqrt(2 * dt),
    }


def ou_step(student_ou_step, seed=2901):
    """Check ``ou_step(x, mu, sigma, tau, dt, rng)``: drift, one-step distribution, stationarity."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-3, 3, 40)
    for mu, tau, dt in ((0.5, ref.TAU_SYN, 0.1), (-1.0, 2.0, 0.05)):
        drift = ref.ou_step(x, mu, 0.0, tau, dt, rng)
        assert_close(
            call(student_ou_step, x, mu, 0.0, tau, dt, np.random.default_rng(0)), drift,
            f"ou_step(x, mu={mu}, sigma=0, tau={tau}, dt={dt}, rng) (no noise) on random x", atol=1e-12,
            mistakes={
                "your drift ignores dt: x + (μ − x) dt/τ.": x + (mu - x) / tau,
                "divide the drift by the time constant τ.": x + (mu - x) * dt,
                "the drift pulls x towards μ: (μ − x), not (x − μ).": x + (x - mu) * dt / tau,
            },
        )
    mu, sigma, tau, dt = 0.5, 1.5, ref.TAU_SYN, 0.1
    what = f"ou_step(x, mu={mu}, sigma={sigma}, tau={tau}, dt={dt}, rng) from x = 2"
    values = as_array(call(student_ou_step, np.full(N_SAMPLES, 2.0), mu, sigma, tau, dt, rng),
                      what, shape=(N_SAMPLES,))
    _increment_statistics(values, 2.0 + (mu - 2.0) * dt / tau, sigma * np.sqrt(2 * dt / tau),
                          f"{N_SAMPLES} values of {what}", _noise_hints(sigma, tau, dt))
    # Stationarity: 20 000 processes drawn from N(μ, σ²) keep that distribution for 300 steps.
    # Euler–Maruyama's stationary variance is σ²/(1 − dt/2τ) = 1.005 σ²; the sample variance
    # has standard error √(2/n) σ² = 0.01 σ², the mean 0.007 σ.
    x = mu + sigma * rng.standard_normal(20_000)
    for _ in range(300):
        x = as_array(call(student_ou_step, x, mu, sigma, tau, dt, rng), "ou_step(x, …) after repeated steps",
                     shape=(20_000,))
    assert_statistic(x.var() / sigma**2, 1 / (1 - dt / (2 * tau)), 0.065,
                     "the variance / σ² of 20 000 processes after 300 steps from the stationary distribution",
                     hint="σ is the stationary standard deviation: the noise term is σ √(2 dt/τ) ξ.")
    assert_statistic(x.mean(), mu, 0.05 * sigma, "the mean of 20 000 processes after 300 steps")
    assert_reproducible(lambda generator: call(student_ou_step, np.zeros(5), mu, sigma, tau, dt, generator),
                        "ou_step")


def _reset(v, v_reset):
    """Potentials after the threshold test of a noisy LIF step."""
    return np.where(v >= ref.V_THR, v_reset, v)


def noisy_lif_step(student_step, seed=2902):
    """Check ``noisy_lif_step(v, mu, sigma, dt, rng, tau, v_rest, v_thr, v_reset)``."""
    rng = np.random.default_rng(seed)
    v = np.append(rng.uniform(-70, -49.9, 40), ref.V_THR)
    for mu, dt, tau, v_reset in ((15.0, 0.1, ref.TAU_M, ref.V_RESET), (30.0, 0.2, 10.0, -70.0)):
        expected_v, expected_spiked = ref.noisy_lif_step(v, mu, 0.0, dt, rng, tau=tau, v_reset=v_reset)
        what = f"noisy_lif_step(v, mu={mu}, sigma=0, dt={dt}, rng, tau={tau}, v_reset={v_reset})"
        new_v, spiked = call(student_step, v, mu, 0.0, dt, np.random.default_rng(0), tau=tau, v_reset=v_reset,
                             returns=("v", "spiked"))
        free = v + (ref.V_REST + mu - v) * dt / tau
        assert_close(spiked, expected_spiked, f"spiked returned by {what} (no noise) on random v", atol=0,
                     mistakes={"decide on the spike after the update, from the new potential.": v >= ref.V_THR,
                               "a neuron spikes when V ≥ V_thr, including equality.": free > ref.V_THR})
        assert_close(
            new_v, expected_v, f"v returned by {what} (no noise) on random v", atol=1e-9,
            mistakes={
                "reset the neurons that spiked to v_reset.": free,
                "reset to the v_reset argument, not to V_rest.": _reset(free, ref.V_REST),
                "your drift ignores dt: V + (V_rest + μ − V) dt/τ.":
                    _reset(v + (ref.V_REST + mu - v) / tau, v_reset),
                "use the tau and v_reset arguments, not the module's constants.":
                    ref.noisy_lif_step(v, mu, 0.0, dt, rng)[0],
            },
        )
    mu, sigma, dt = 10.0, 4.0, 0.1
    what = f"noisy_lif_step(v, mu={mu}, sigma={sigma}, dt={dt}, rng)"
    # From −60 mV the threshold is 25 standard deviations of the step away: no spikes.
    new_v, spiked = call(student_step, np.full(N_SAMPLES, -60.0), mu, sigma, dt, rng, returns=("v", "spiked"))
    new_v = as_array(new_v, f"v returned by {what} from V = −60", shape=(N_SAMPLES,))
    _increment_statistics(new_v, -60.0 + (ref.V_REST + mu + 60.0) * dt / ref.TAU_M,
                          sigma * np.sqrt(2 * dt / ref.TAU_M), f"{N_SAMPLES} potentials of {what} from V = −60 mV",
                          _noise_hints(sigma, ref.TAU_M, dt))
    # From 0.5 mV below threshold a fraction 1 − Φ(1.244) = 0.107 crosses; standard error 0.001.
    mu, start = 15.0, ref.V_THR - 0.5
    what = f"noisy_lif_step(v, mu={mu}, sigma={sigma}, dt={dt}, rng)"
    new_v, spiked = call(student_step, np.full(N_SAMPLES, start), mu, sigma, dt, rng, returns=("v", "spiked"))
    spiked = as_array(spiked, "spiked", shape=(N_SAMPLES,), dtype=bool)
    new_v = as_array(new_v, "v", shape=(N_SAMPLES,))
    step_std = sigma * np.sqrt(2 * dt / ref.TAU_M)
    p = ndtr(-(ref.V_THR - start - (ref.V_REST + mu - start) * dt / ref.TAU_M) / step_std)
    assert_statistic(spiked.mean(), p, 0.0065, f"the fraction of spikes of {what} from 0.5 mV below threshold",
                     hint="add the noise before testing the threshold.")
    if not (np.all(new_v[spiked] == ref.V_RESET) and np.all(new_v[~spiked] < ref.V_THR)):
        raise AssertionError(f"{what}: neurons that spiked must be at v_reset and all others below threshold.")
    assert_reproducible(lambda generator: call(student_step, np.full(5, -55.0), mu, sigma, dt, generator),
                        "noisy_lif_step")


def _lag_means(y, max_lag):
    """Mean of y_t · y_(t+k) over time and trials for k = 0 … max_lag; y is time first."""
    y = np.asarray(y, dtype=float).reshape(len(y), -1)
    return np.array([np.mean(y[: len(y) - k] * y[k:]) for k in range(max_lag + 1)])


def autocorrelation(student_autocorrelation):
    """Check ``autocorrelation(x, max_lag)`` on AR(1) series, single and in trials, and on (−1)^t."""
    rng = np.random.default_rng(2903)
    series = np.empty((400, 6))
    series[0] = rng.standard_normal(6)
    for t in range(1, 400):
        series[t] = 0.9 * series[t - 1] + rng.standard_normal(6)
    series += np.arange(6) * 3.0  # trials with different means
    for x, max_lag in ((series[:, 0], 20), (series, 30)):
        covariance = _lag_means(x - x.mean(axis=0), max_lag)
        biased = covariance * (len(x) - np.arange(max_lag + 1)) / len(x)
        raw, pooled = _lag_means(x, max_lag), _lag_means(x - x.mean(), max_lag)
        mistakes = {
            "divide the lag-k sum by its number of products, n_steps − k, not by n_steps.": biased / biased[0],
            "normalise by the lag-0 value, so that the first entry is 1.": covariance,
            "subtract the time average of the series before multiplying.": raw / raw[0],
            "subtract each trial's own time average (the mean over axis 0).": pooled / pooled[0],
        }
        assert_close(call(student_autocorrelation, x, max_lag), ref.autocorrelation(x, max_lag),
                     f"autocorrelation(x, max_lag={max_lag}) of AR(1) series of shape {x.shape}",
                     atol=1e-10, rtol=1e-9, mistakes=mistakes)
    alternating = (-1.0) ** np.arange(100)
    assert_close(call(student_autocorrelation, alternating, 5), (-1.0) ** np.arange(6),
                 "autocorrelation((−1)^t, 5)", atol=1e-12)


# The correlation time of the membrane potential driven by the OU current. In continuous time its
# autocorrelation is (τ_m e^(−t/τ_m) − τ_s e^(−t/τ_s))/(τ_m − τ_s), which falls to 1/e at 25.6 ms; the Euler
# scheme at dt = 0.5 ms crosses at 25.1 ms, and the finite 5-s trials bias the estimate a little lower. The
# reference (seed 5) finds 25.0 ms; over 40 seeds the first lag below 1/e is 24.5–25.5 ms (mean 25.06,
# standard deviation 0.23), linear interpolation between lags gives 24.75 ± 0.20, and dt = 0.25 ms gives
# 25.05. A tolerance of 1.5 ms (over six standard deviations, three grid steps) accepts all of these and
# rejects the membrane's own time constant (white-noise drive: 19.5–20 ms), the current's correlation time
# (5 ms) and the lag counted in steps (50).
potential_correlation_time = Discovery(
    25.0, 1.5, "potential_correlation_time, the lag at which the potential's autocorrelation falls below 1/e",
    unit="ms",
    mistakes={"drive the membrane with the OU current x (u += (x − u) dt/τ_m); white noise gives the "
              "membrane's own time constant": 20.0,
              "measure the autocorrelation of the membrane potential u, not of the current x": 5.0,
              "convert the lag from steps to ms: multiply by dt": 50.0})
