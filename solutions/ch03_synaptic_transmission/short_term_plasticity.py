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
axonal terminal. PNAS 95, 5323–5328.
"""

import numpy as np

FACILITATING = {"U": 0.15, "tau_x": 200.0, "tau_u": 1500.0}  # U, ms, ms
DEPRESSING = {"U": 0.45, "tau_x": 1500.0, "tau_u": 200.0}


def stp_step(x, u, spike, dt, U, tau_x, tau_u):
    """One step of the Tsodyks–Markram synapse.

    First one Euler step of the relaxation dx/dt = (1 − x)/τ_x, du/dt = −u/τ_u;
    then, where a spike arrives, u ← u + U(1 − u), release = u x, x ← x − release.

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

    Parameters
    ----------
    interval : float or ndarray
        Time between the two spikes in ms (exact exponential relaxation between them).
    U, tau_x, tau_u : float
        The synapse's parameters (ms).

    Returns
    -------
    ndarray
        u₂ x₂ / U with x₂ = 1 − U e^(−Δ/τ_x) and u₂ = U e^(−Δ/τ_u) + U (1 − U e^(−Δ/τ_u)).
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

    Parameters
    ----------
    rate : float or ndarray
        Spike rate in Hz (> 0).
    U, tau_x, tau_u : float
        The synapse's parameters (ms).

    Returns
    -------
    ndarray
        u⁺ x⁻ from the closed form of the module docstring.
    """
    ### BEGIN SOLUTION
    interval = 1000.0 / np.asarray(rate, dtype=float)  # ms
    decay_u, decay_x = np.exp(-interval / tau_u), np.exp(-interval / tau_x)
    u_before = U * decay_u / (1.0 - (1.0 - U) * decay_u)
    u_after = u_before + U * (1.0 - u_before)
    x_before = (1.0 - decay_x) / (1.0 - (1.0 - u_after) * decay_x)
    return u_after * x_before
    ### END SOLUTION
