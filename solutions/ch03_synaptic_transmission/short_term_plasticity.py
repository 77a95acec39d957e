"""Facilitating and depressing synapses (section 3.5, 増強シナプスと減衰シナプス).

The Tsodyks–Markram model of short-term plasticity: a synapse holds a fraction
x of its resources (vesicles) ready and uses a fraction u of them per spike.
Between spikes

    dx/dt = (1 − x)/τ_x,   du/dt = −u/τ_u,

and at a spike u first grows, u ← u + U(1 − u), then the release u·x is taken
from the resources, x ← x − u x. The first spike of a rested synapse releases
U. A large U with slow recovery (τ_x ≫ τ_u) depresses: successive releases
shrink. A small U with slowly decaying utilisation (τ_u ≫ τ_x) facilitates:
they grow.

For a periodic train with interval Δ, the values just before a spike settle to

    u⁻ = U e^(−Δ/τ_u) / (1 − (1 − U) e^(−Δ/τ_u)),   u⁺ = u⁻ + U (1 − u⁻),
    x⁻ = (1 − e^(−Δ/τ_x)) / (1 − (1 − u⁺) e^(−Δ/τ_x)),

and the steady-state release per spike (the efficacy) is u⁺ x⁻.

References
----------
Tsodyks, M., Pawelzik, K. & Markram, H. (1998). Neural networks with dynamic
synapses. Neural Comput. 10, 821–835.
Markram, H., Wang, Y. & Tsodyks, M. (1998). Differential signaling via the same
axon of neocortical pyramidal neurons. PNAS 95, 5323–5328.
Mongillo, G., Barak, O. & Tsodyks, M. (2008). Synaptic theory of working memory.
Science 319, 1543–1546.
"""

import numpy as np

# Illustrative values: the facilitating time constants of Mongillo, Barak & Tsodyks (2008) with U = 0.15 (the
# default of BrainPy's STP model); the depressing set swaps them and takes a large U.
FACILITATING = {"U": 0.15, "tau_x": 200.0, "tau_u": 1500.0}  # U, ms, ms
DEPRESSING = {"U": 0.45, "tau_x": 1500.0, "tau_u": 200.0}


def stp_step(x, u, spike, dt, U, tau_x, tau_u):
    """One step of the Tsodyks–Markram synapse.

    First one Euler step of the relaxation dx/dt = (1 − x)/τ_x, du/dt = −u/τ_u;
    then, where a spike arrives, u ← u + U(1 − u), release = u x, x ← x − release.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x, u : float or ndarray
        Available resources and utilisation, in [0, 1].
    spike : bool or ndarray of bool
        Whether a presynaptic spike arrives in this step, broadcastable with ``x``.
    dt : float
        Time step in ms.
    U : float
        Utilisation increment, in (0, 1].
    tau_x, tau_u : float
        Recovery time constant of the resources and decay time constant of the
        utilisation, in ms.

    Returns
    -------
    x, u, release : ndarray
        The new state and the fraction of resources released in this step (0
        without a spike).
    """
    ### BEGIN SOLUTION
    x = x + dt * (1.0 - x) / tau_x
    u = u + dt * (-u / tau_u)
    u = np.where(spike, u + U * (1.0 - u), u)
    release = np.where(spike, u * x, 0.0)
    return x - release, u, release
    ### END SOLUTION


def paired_pulse_ratio(interval, U, tau_x, tau_u):
    """Ratio of the second to the first release for two spikes of a rested synapse.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    interval : float or ndarray
        Time between the two spikes in ms (exact exponential relaxation between them).
    U, tau_x, tau_u : float
        The synapse's parameters (ms).

    Returns
    -------
    ndarray
        The release u₂ x₂ at the second spike divided by the release U at the first.
    """
    ### BEGIN SOLUTION
    interval = np.asarray(interval, dtype=float)
    x_second = 1.0 - U * np.exp(-interval / tau_x)
    u_before = U * np.exp(-interval / tau_u)
    u_second = u_before + U * (1.0 - u_before)
    return u_second * x_second / U
    ### END SOLUTION


def steady_state_efficacy(rate, U, tau_x, tau_u):
    """Release per spike of a periodic train at steady state.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    rate : float or ndarray
        Spike rate in Hz (> 0).
    U, tau_x, tau_u : float
        The synapse's parameters (ms).

    Returns
    -------
    ndarray
        u⁺ x⁻, the release per spike once the train has reached its steady state
        (u⁻, x⁻ just before a spike; u⁺ = u⁻ + U (1 − u⁻) just after it).
    """
    ### BEGIN SOLUTION
    interval = 1000.0 / np.asarray(rate, dtype=float)  # ms
    decay_u, decay_x = np.exp(-interval / tau_u), np.exp(-interval / tau_x)
    u_before = U * decay_u / (1.0 - (1.0 - U) * decay_u)
    u_after = u_before + U * (1.0 - u_before)
    x_before = (1.0 - decay_x) / (1.0 - (1.0 - u_after) * decay_x)
    return u_after * x_before
    ### END SOLUTION


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
PAIR_INTERVAL = 50.0  # ms: two spikes at 20 Hz
BEST_RATE_GRID = 0.1  # Hz, the resolution the question asks for


def ppr_depressing():
    """The paired-pulse ratio of the depressing synapse for two spikes at 20 Hz (50 ms apart),
    from rest: the second release divided by the first."""
    return float(paired_pulse_ratio(PAIR_INTERVAL, **DEPRESSING))


def ppr_facilitating():
    """The paired-pulse ratio of the facilitating synapse for two spikes at 20 Hz (50 ms apart)."""
    return float(paired_pulse_ratio(PAIR_INTERVAL, **FACILITATING))


def best_rate():
    """The presynaptic rate, to 0.1 Hz, at which the facilitating synapse's steady-state efficacy
    (release per spike of a long periodic train) is largest."""
    rates = np.round(np.arange(BEST_RATE_GRID, 100.0 + BEST_RATE_GRID / 2, BEST_RATE_GRID), 10)
    return float(rates[np.argmax(steady_state_efficacy(rates, **FACILITATING))])
