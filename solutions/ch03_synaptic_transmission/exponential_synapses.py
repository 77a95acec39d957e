"""Exponential synapses (section 3.3, 指数関数型シナプスモデル).

A presynaptic spike train Σ_k δ(t − t_k) drives a synaptic variable through a
kernel K; each kernel here has unit area, so that a train at rate ν drives a
mean value ν (in 1/ms):

- single exponential, K(t) = e^(−t/τ) / τ, from  ds/dt = −s/τ + Σ δ(t − t_k)/τ;
- double exponential, K(t) = (e^(−t/τ_d) − e^(−t/τ_r)) / (τ_d − τ_r), from
      dr/dt = −r/τ_r + h,   dh/dt = −h/τ_d + Σ δ(t − t_k) / (τ_r τ_d),
  which rises with τ_r, decays with τ_d and peaks at
      t* = τ_d τ_r / (τ_d − τ_r) · ln(τ_d / τ_r);
- alpha function, K(t) = t e^(−t/τ) / τ², the limit τ_r → τ_d = τ, peaking at t = τ.

The updates are explicit Euler steps in which a spike in the step adds its jump
at the end of the step, so one spike at step 0 gives s = 1/τ after the step and
then decays by the factor (1 − dt/τ) per step.

References
----------
Dayan, P. & Abbott, L. F. (2001). Theoretical Neuroscience, ch. 5.8. MIT Press.
Gerstner, W., Kistler, W. M., Naud, R. & Paninski, L. (2014). Neuronal Dynamics,
ch. 3.1. Cambridge University Press.
Roth, A. & van Rossum, M. C. W. (2009). Modeling synapses. In Computational
Modeling Methods for Neuroscientists, 139–160. MIT Press.
"""

import numpy as np

TAU_SYN = 5.0  # single-exponential and alpha time constant, ms
TAU_RISE = 2.0  # double-exponential rise time constant, ms
TAU_DECAY = 10.0  # double-exponential decay time constant, ms


def single_exp_step(s, spikes, dt, tau=TAU_SYN):
    """One Euler step of ds/dt = −s/τ + Σ δ(t − t_k)/τ.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    s : float or ndarray
        Synaptic variable (1/ms), e.g. one value per synapse.
    spikes : float or ndarray
        Number of presynaptic spikes in this step (0 or 1 per synapse),
        broadcastable with ``s``.
    dt : float
        Time step in ms.
    tau : float
        Decay time constant in ms.

    Returns
    -------
    ndarray
        s + dt·(−s/τ) + spikes/τ.
    """
    ### BEGIN SOLUTION
    return s + dt * (-s / tau) + spikes / tau
    ### END SOLUTION


def double_exp_step(r, h, spikes, dt, tau_r=TAU_RISE, tau_d=TAU_DECAY):
    """One Euler step of the double-exponential synapse.

    dr/dt = −r/τ_r + h and dh/dt = −h/τ_d + Σ δ(t − t_k)/(τ_r τ_d).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    r : float or ndarray
        Synaptic variable (1/ms), the output.
    h : float or ndarray
        Auxiliary variable (1/ms²), broadcastable with ``r``.
    spikes : float or ndarray
        Number of presynaptic spikes in this step.
    dt : float
        Time step in ms.
    tau_r, tau_d : float
        Rise and decay time constants in ms (τ_r < τ_d).

    Returns
    -------
    r, h : ndarray
        r + dt·(−r/τ_r + h) and h + dt·(−h/τ_d) + spikes/(τ_r τ_d).
    """
    ### BEGIN SOLUTION
    r_next = r + dt * (-r / tau_r + h)
    h_next = h + dt * (-h / tau_d) + spikes / (tau_r * tau_d)
    return r_next, h_next
    ### END SOLUTION


def alpha_kernel(t, tau=TAU_SYN):
    """The alpha function t e^(−t/τ)/τ², zero for t < 0.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    t : float or ndarray
        Time since the spike in ms.
    tau : float
        Time constant in ms.

    Returns
    -------
    ndarray
        The kernel (1/ms), of the shape of ``t``; it has unit area and peaks at t = τ.
    """
    ### BEGIN SOLUTION
    t = np.asarray(t, dtype=float)
    positive = np.maximum(t, 0.0)
    return np.where(t >= 0, positive / tau**2 * np.exp(-positive / tau), 0.0)
    ### END SOLUTION


def double_exp_kernel(t, tau_r=TAU_RISE, tau_d=TAU_DECAY):
    """The double-exponential kernel (e^(−t/τ_d) − e^(−t/τ_r))/(τ_d − τ_r), zero for t < 0 (1/ms)."""
    t = np.asarray(t, dtype=float)
    positive = np.maximum(t, 0.0)
    return np.where(t >= 0, (np.exp(-positive / tau_d) - np.exp(-positive / tau_r)) / (tau_d - tau_r), 0.0)


# Discovery answer: what a student finds with the functions above. tests/test_checks.py holds the check's expected
# value to it.
def peak_time():
    """The time in ms, to 0.1 ms, at which the double-exponential response to one spike peaks (τ_r = 2 ms,
    τ_d = 10 ms), from the Euler updates at dt = 0.01 ms; the value after step k is taken at t = k dt."""
    dt, r, h, trace = 0.01, 0.0, 0.0, np.empty(2000)
    for k in range(len(trace)):
        r, h = double_exp_step(r, h, 1.0 if k == 0 else 0.0, dt)
        trace[k] = r
    return round(float(np.argmax(trace) * dt), 2)
