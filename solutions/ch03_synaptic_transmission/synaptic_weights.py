"""Weighting of synaptic inputs (section 3.6, シナプス入力の重みづけ).

A layer of n_post neurons receives n_pre inputs through a weight matrix W of
shape (n_post, n_pre): W[i, j] is the strength of the synapse from presynaptic
neuron j onto postsynaptic neuron i. With presynaptic activities s (one row per
time step, shape (n_steps, n_pre)) the input to the layer is

    I = s Wᵀ,  of shape (n_steps, n_post),   I_i(t) = Σ_j W_ij s_j(t),

linear in W and in s. Spike trains are turned into activities by a synaptic
filter; here the exponential trace x_j(t) = Σ_k e^(−(t − t_k)/τ), updated exactly
on the time grid as x ← x e^(−dt/τ) + spikes. Normalising the incoming weights
of each neuron (the rows of W) keeps its total input in a fixed range.

References
----------
Dayan, P. & Abbott, L. F. (2001). Theoretical Neuroscience, ch. 7.1. MIT Press.
Gerstner, W., Kistler, W. M., Naud, R. & Paninski, L. (2014). Neuronal Dynamics,
ch. 12. Cambridge University Press.
"""

import numpy as np

TAU_TRACE = 10.0  # synaptic trace time constant, ms


def weighted_input(w, s):
    """Input to each postsynaptic neuron.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray, shape (n_post, n_pre)
        Weights, W[i, j] from presynaptic j to postsynaptic i.
    s : ndarray, shape (n_pre,) or (n_steps, n_pre)
        Presynaptic activities, time first.

    Returns
    -------
    ndarray, shape (n_post,) or (n_steps, n_post)
        I_i = Σ_j W_ij s_j for each time step.
    """
    ### BEGIN SOLUTION
    return np.asarray(s) @ np.asarray(w).T
    ### END SOLUTION


def synaptic_trace(spikes, dt, tau=TAU_TRACE):
    """Exponential traces of spike trains.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    spikes : ndarray, shape (n_steps, n_pre)
        Spike counts (0 or 1) per time step and presynaptic neuron.
    dt : float
        Time step in ms.
    tau : float
        Trace time constant in ms.

    Returns
    -------
    ndarray, shape (n_steps, n_pre)
        x[k] = x[k − 1] e^(−dt/τ) + spikes[k], with x[−1] = 0.
    """
    ### BEGIN SOLUTION
    spikes = np.asarray(spikes, dtype=float)
    decay = np.exp(-dt / tau)
    trace = np.empty_like(spikes)
    x = np.zeros(spikes.shape[1:])
    for k, row in enumerate(spikes):
        x = x * decay + row
        trace[k] = x
    return trace
    ### END SOLUTION


def normalize_incoming(w, total):
    """Scale each postsynaptic neuron's incoming weights to a given sum.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray, shape (n_post, n_pre)
        Non-negative weights; every row has a positive sum.
    total : float or ndarray, shape (n_post,)
        The sum each row should have.

    Returns
    -------
    ndarray, shape (n_post, n_pre)
        W with row i multiplied by total_i / Σ_j W_ij (the input is not modified).
    """
    ### BEGIN SOLUTION
    w = np.asarray(w, dtype=float)
    return w * (np.asarray(total, dtype=float).reshape(-1, 1) / w.sum(axis=1, keepdims=True))
    ### END SOLUTION


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
PEAK_DT, PEAK_RATE, PEAK_DURATION = 0.5, 50.0, 500.0  # ms, Hz, ms: a regular train, one spike every 40 steps


def trace_peak():
    """The largest value, once the train is steady, of the trace (τ = TAU_TRACE) of a regular 50 Hz spike
    train on a grid of dt = 0.5 ms (one spike every 20 ms, the first at t = 0)."""
    n_steps, period = round(PEAK_DURATION / PEAK_DT), round(1000.0 / PEAK_RATE / PEAK_DT)
    spikes = np.zeros((n_steps, 1))
    spikes[::period] = 1.0
    return float(synaptic_trace(spikes, PEAK_DT)[n_steps // 2:].max())
