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

    Every random number is drawn from ``rng``, none from ``np.random``.

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

    Every random number is drawn from ``rng``, none from ``np.random``.

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

    Every random number is drawn from ``rng``, none from ``np.random``.

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

    The input arrays must stay unchanged (no in-place updates).

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

    The input arrays must stay unchanged (no in-place updates).

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


# Discovery answer: what a student finds with the functions above, computed here with the reference
# functions; tests/test_checks.py holds the check's expected value to it.
FANO_TRAINS, FANO_INTERVALS, FANO_SEED = 10_000, 100, 7  # 100 intervals of 33 ms reach far past 1 s


def gamma_fano():
    """The Fano factor of the spike counts in 1-s windows of a gamma process of order 4 at 30 Hz.

    10 000 trains: the intervals come from one call ``gamma_isi(4, 30, 1_000_000, rng)`` with
    ``rng = np.random.default_rng(7)``, reshaped to (10 000, 100), one train per row; a train's
    spike times are the cumulative sums of its row, and its count is the number of spikes before
    1000 ms. The answer is ``fano_factor`` of the 10 000 counts.
    """
    rng = np.random.default_rng(FANO_SEED)
    intervals = gamma_isi(4.0, 30.0, FANO_TRAINS * FANO_INTERVALS, rng).reshape(FANO_TRAINS, FANO_INTERVALS)
    counts = np.sum(np.cumsum(intervals, axis=1) < 1000.0, axis=1)
    return fano_factor(counts)
