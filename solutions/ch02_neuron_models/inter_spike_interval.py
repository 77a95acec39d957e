"""Inter-spike interval models (section 2.8, Inter-spike interval モデル).

Spike trains as point processes: a homogeneous Poisson process has independent,
exponentially distributed inter-spike intervals (ISIs) with mean 1/λ, so its
coefficient of variation (CV = std/mean of the ISIs) is 1 and the Fano factor
of its spike counts (variance/mean) is 1. Sampled on a grid of width Δt it is a
Bernoulli process with p = λΔt per bin. A gamma process of order k has
gamma-distributed ISIs with CV = 1/√k: more regular than Poisson for k > 1.

Times are in ms and rates in Hz throughout.

References
----------
Dayan, P. & Abbott, L. F. (2001). Theoretical Neuroscience, ch. 1.4. MIT Press.
Gerstner, W., Kistler, W. M., Naud, R. & Paninski, L. (2014). Neuronal Dynamics,
ch. 7. Cambridge University Press.
"""

import numpy as np


def poisson_spikes_isi(rate, duration, n_trains, rng):
    """Poisson spike trains generated from exponential inter-spike intervals.

    Parameters
    ----------
    rate : float
        Firing rate in Hz.
    duration : float
        Length of each train in ms.
    n_trains : int
        Number of independent trains.
    rng : numpy.random.Generator
        The source of randomness (never the global ``np.random`` functions).

    Returns
    -------
    list of ndarray
        ``n_trains`` sorted arrays of spike times in ms, each in [0, duration).
    """
    ### BEGIN SOLUTION
    mean_isi = 1000.0 / rate  # ms
    trains = []
    for _ in range(n_trains):
        times = []
        t = rng.exponential(mean_isi)
        while t < duration:
            times.append(t)
            t += rng.exponential(mean_isi)
        trains.append(np.array(times))
    return trains
    ### END SOLUTION


def poisson_spikes_bernoulli(rate, duration, dt, n_trains, rng):
    """Poisson spike trains on a time grid: a spike in each bin with p = rate·dt.

    Parameters
    ----------
    rate : float
        Firing rate in Hz.
    duration : float
        Length of each train in ms.
    dt : float
        Bin width in ms (rate · dt / 1000 must be at most 1).
    n_trains : int
        Number of independent trains.
    rng : numpy.random.Generator
        The source of randomness.

    Returns
    -------
    ndarray of bool, shape (n_steps, n_trains)
        ``n_steps = round(duration / dt)``; True where a bin holds a spike.
    """
    ### BEGIN SOLUTION
    n_steps = round(duration / dt)
    return rng.random((n_steps, n_trains)) < rate * dt / 1000.0
    ### END SOLUTION


def gamma_isi(order, rate, size, rng):
    """Inter-spike intervals of a gamma process.

    Parameters
    ----------
    order : float
        Shape parameter k of the gamma distribution (k = 1 is Poisson).
    rate : float
        Firing rate in Hz: the mean interval is 1000 / rate ms.
    size : int
        Number of intervals.
    rng : numpy.random.Generator
        The source of randomness.

    Returns
    -------
    ndarray of shape (size,)
        Intervals in ms.
    """
    ### BEGIN SOLUTION
    mean_isi = 1000.0 / rate
    return rng.gamma(order, mean_isi / order, size)
    ### END SOLUTION


def isi_cv(spike_times):
    """Coefficient of variation of the inter-spike intervals of one train.

    Parameters
    ----------
    spike_times : ndarray of shape (n_spikes,)
        Sorted spike times in ms, at least three spikes.

    Returns
    -------
    float
        std / mean of the intervals, with the population standard deviation
        (``ddof=0``).
    """
    ### BEGIN SOLUTION
    intervals = np.diff(spike_times)
    return float(np.std(intervals) / np.mean(intervals))
    ### END SOLUTION


def fano_factor(counts):
    """Fano factor of spike counts: their variance over their mean.

    Parameters
    ----------
    counts : ndarray of shape (n_trials,)
        Spike counts of repeated trials (or windows).

    Returns
    -------
    float
        var / mean, with the population variance (``ddof=0``).
    """
    ### BEGIN SOLUTION
    counts = np.asarray(counts, dtype=float)
    return float(np.var(counts) / np.mean(counts))
    ### END SOLUTION
