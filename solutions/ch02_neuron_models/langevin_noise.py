"""Noise as a stochastic synaptic current: Langevin equations (section 2.9,
確率的シナプス電流のノイズによる表現).

The summed input of many independent synapses fluctuates around its mean; it is
modelled by an Ornstein–Uhlenbeck (OU) process

    dx = (μ − x) dt / τ + σ √(2/τ) dW,

with W a Wiener process. In this convention σ is the stationary standard
deviation: x settles to mean μ, variance σ² and autocorrelation
σ² e^(−|t|/τ). The Euler–Maruyama method advances it by

    x ← x + (μ − x) dt/τ + σ √(2 dt/τ) ξ,   ξ ~ N(0, 1),

an increment whose noise scales with √dt, not dt.

A leaky integrate-and-fire neuron driven by white noise,

    τ_m dV = (V_rest + μ − V) dt + σ √(2 τ_m) dW,   V ← V_reset when V ≥ V_thr,

is an OU process in V between spikes: without threshold its potential would
have mean V_rest + μ and standard deviation σ (mV).

References
----------
Uhlenbeck, G. E. & Ornstein, L. S. (1930). On the theory of the Brownian motion.
Phys. Rev. 36, 823–841.
Kloeden, P. E. & Platen, E. (1992). Numerical Solution of Stochastic
Differential Equations, ch. 9. Springer.
Gerstner, W., Kistler, W. M., Naud, R. & Paninski, L. (2014). Neuronal Dynamics,
ch. 8. Cambridge University Press.
"""

import functools

import numpy as np

TAU_SYN = 5.0  # correlation time of the synaptic current, ms

TAU_M = 20.0  # membrane time constant, ms
V_REST = -65.0  # resting potential, mV
V_THR = -50.0  # threshold, mV
V_RESET = -65.0  # reset potential, mV


def ou_step(x, mu, sigma, tau, dt, rng):
    """Advance an Ornstein–Uhlenbeck process by one Euler–Maruyama step.

    The input arrays must stay unchanged (no in-place updates). Every random number is drawn from ``rng``, none from ``np.random``.

    Parameters
    ----------
    x : float or ndarray
        Current values, any shape (e.g. ``(n_processes,)``).
    mu : float
        Stationary mean, in the unit of ``x``.
    sigma : float
        Stationary standard deviation, in the unit of ``x``.
    tau : float
        Correlation time in ms.
    dt : float
        Time step in ms.
    rng : numpy.random.Generator
        Source of the noise: one standard normal number per element of ``x``.

    Returns
    -------
    ndarray
        The values after one step, of the shape of ``x``.
    """
    ### BEGIN SOLUTION
    noise = rng.standard_normal(np.shape(x))
    return x + (mu - x) * dt / tau + sigma * np.sqrt(2 * dt / tau) * noise
    ### END SOLUTION


def noisy_lif_step(v, mu, sigma, dt, rng, tau=TAU_M, v_rest=V_REST, v_thr=V_THR, v_reset=V_RESET):
    """Advance leaky integrate-and-fire neurons driven by white noise by one step.

    Euler–Maruyama for τ dV = (V_rest + μ − V) dt + σ √(2τ) dW, then every
    neuron at or above threshold is reset.

    The input arrays must stay unchanged (no in-place updates). Every random number is drawn from ``rng``, none from ``np.random``.

    Parameters
    ----------
    v : ndarray, shape (n_neurons,)
        Membrane potentials in mV.
    mu : float
        Mean input R·I in mV.
    sigma : float
        Noise amplitude in mV: the standard deviation the free membrane
        potential would have without threshold.
    dt : float
        Time step in ms.
    rng : numpy.random.Generator
        Source of the noise: one standard normal number per neuron.
    tau : float, default ``TAU_M``
        Membrane time constant in ms.
    v_rest, v_thr, v_reset : float
        Resting potential, threshold and reset potential in mV.

    Returns
    -------
    v : ndarray, shape (n_neurons,)
        Potentials after the step (``v_reset`` where a spike occurred), mV.
    spiked : ndarray of bool, shape (n_neurons,)
        Which neurons reached threshold in this step.
    """
    ### BEGIN SOLUTION
    noise = rng.standard_normal(np.shape(v))
    v = v + (v_rest + mu - v) * dt / tau + sigma * np.sqrt(2 * dt / tau) * noise
    spiked = v >= v_thr
    return np.where(spiked, v_reset, v), spiked
    ### END SOLUTION


def autocorrelation(x, max_lag):
    """Normalised autocorrelation of stationary time series, averaged over trials.

    With y the series minus its time average (per trial), the lag-k covariance
    is the mean of y_t y_(t+k) over the n_steps − k available pairs and over
    trials; the result is divided by the lag-0 value.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : ndarray, shape (n_steps,) or (n_steps, n_trials)
        Time series, time first.
    max_lag : int
        Largest lag in steps, smaller than ``n_steps``.

    Returns
    -------
    ndarray, shape (max_lag + 1,)
        Autocorrelation at lags 0, 1, …, ``max_lag``; the first entry is 1.
    """
    ### BEGIN SOLUTION
    y = np.asarray(x, dtype=float)
    y = (y - y.mean(axis=0)).reshape(len(y), -1)
    n_steps = len(y)
    covariance = np.array([np.mean(y[: n_steps - k] * y[k:]) for k in range(max_lag + 1)])
    return covariance / covariance[0]
    ### END SOLUTION


# Discovery answer: what a student finds with the functions above, computed here with the reference
# functions; tests/test_checks.py holds the check's expected value to it.
FILTER_DT, FILTER_TRIALS, FILTER_SEED = 0.5, 200, 5  # ms, trials, seed
FILTER_TRANSIENT, FILTER_DURATION, FILTER_MAX_LAG = 100.0, 5000.0, 40.0  # ms


@functools.cache
def potential_correlation_time():
    """The lag in ms at which the autocorrelation of a membrane driven by the OU current falls below 1/e.

    200 trials start at x = u = 0 and run 5100 ms at dt = 0.5 ms; in each step, first
    ``x = ou_step(x, 0, 1, TAU_SYN, dt, rng)`` (the current, ``rng = np.random.default_rng(5)``),
    then the passive membrane ``u = u + (x − u) dt / TAU_M`` (its deviation from rest) with the new x.
    The first 100 ms are dropped; the answer is the first lag (a multiple of 0.5 ms) at which
    ``autocorrelation(u, 80)`` (lags up to 40 ms) is below 1/e.
    """
    dt, rng = FILTER_DT, np.random.default_rng(FILTER_SEED)
    x, u = np.zeros(FILTER_TRIALS), np.zeros(FILTER_TRIALS)
    trace = np.empty((round((FILTER_TRANSIENT + FILTER_DURATION) / dt), FILTER_TRIALS))
    for k in range(len(trace)):
        x = ou_step(x, 0.0, 1.0, TAU_SYN, dt, rng)
        u = u + (x - u) * dt / TAU_M
        trace[k] = u
    rho = autocorrelation(trace[round(FILTER_TRANSIENT / dt):], round(FILTER_MAX_LAG / dt))
    return float(np.argmax(rho < np.exp(-1)) * dt)
