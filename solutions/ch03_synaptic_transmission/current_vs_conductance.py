"""Current-based against conductance-based synapses (section 3.2,
Current-based vs Conductance-based シナプス).

A synapse opens channels with reversal potential E_syn. Modelled faithfully it
adds a conductance g(t), and the current it passes depends on the membrane
potential: I = g (E_syn − V) (positive = into the cell, depolarising). A
current-based synapse replaces this by a fixed current w·s(t), as if V stayed
where the synapse was calibrated.

The difference matters. The conductance-based current vanishes at E_syn, so
excitation saturates as V approaches E_exc; and inhibition with E_inh near rest
("shunting") passes almost no current at rest yet divides the effect of
excitation. With constant conductances a passive membrane
C dV/dt = g_L (E_L − V) + g_e (E_e − V) + g_i (E_i − V) settles at the
conductance-weighted average

    V∞ = (g_L E_L + g_e E_e + g_i E_i) / (g_L + g_e + g_i),

approached with the effective time constant C / (g_L + g_e + g_i).

Units: conductances in nS, potentials in mV, currents in pA (nS · mV = pA).

References
----------
Dayan, P. & Abbott, L. F. (2001). Theoretical Neuroscience, ch. 5.8 and 6.
Koch, C. (1999). Biophysics of Computation, ch. 1 and 5. Oxford University Press.
Kuhn, A., Aertsen, A. & Rotter, S. (2004). Neuronal integration of synaptic
input in the fluctuation-driven regime. J. Neurosci. 24, 2345–2356.
"""

import numpy as np

CAPACITANCE = 200.0  # pF
G_LEAK = 10.0  # nS (τ = 20 ms)
E_LEAK = -65.0  # mV
E_EXC = 0.0  # excitatory (AMPA) reversal potential, mV
E_INH = -80.0  # inhibitory (GABA_A) reversal potential, mV


def current_based_input(w, s):
    """Total current of current-based synapses.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray, shape (n_syn,)
        Weight of each synapse: the current at s = 1, in pA.
    s : ndarray, shape (..., n_syn)
        Synaptic activations (dimensionless), e.g. one row per time step.

    Returns
    -------
    ndarray, shape (...)
        Σ_j w_j s_j in pA.
    """
    ### BEGIN SOLUTION
    return np.asarray(s) @ np.asarray(w)
    ### END SOLUTION


def conductance_based_input(g, v, e_syn):
    """Total current of conductance-based synapses into the cell.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    g : ndarray, shape (..., n_syn)
        Synaptic conductances in nS.
    v : float or ndarray, shape (...)
        Membrane potential in mV (one per row of ``g``).
    e_syn : ndarray, shape (n_syn,)
        Reversal potential of each synapse in mV.

    Returns
    -------
    ndarray, shape (...)
        Σ_j g_j (E_syn,j − V) in pA; positive currents depolarise.
    """
    ### BEGIN SOLUTION
    g = np.asarray(g, dtype=float)
    driving_force = np.asarray(e_syn) - np.asarray(v, dtype=float)[..., None]
    return np.sum(g * driving_force, axis=-1)
    ### END SOLUTION


def steady_state_potential(g_exc, g_inh, g_leak=G_LEAK, e_leak=E_LEAK, e_exc=E_EXC, e_inh=E_INH):
    """Steady potential of a passive membrane with constant synaptic conductances.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    g_exc, g_inh : float or ndarray
        Excitatory and inhibitory conductances in nS (broadcastable).
    g_leak : float
        Leak conductance in nS.
    e_leak, e_exc, e_inh : float
        Reversal potentials in mV.

    Returns
    -------
    ndarray
        V∞ = (g_L E_L + g_e E_e + g_i E_i) / (g_L + g_e + g_i) in mV.
    """
    ### BEGIN SOLUTION
    g_exc, g_inh = np.asarray(g_exc, dtype=float), np.asarray(g_inh, dtype=float)
    return (g_leak * e_leak + g_exc * e_exc + g_inh * e_inh) / (g_leak + g_exc + g_inh)
    ### END SOLUTION


# Discovery answers: what a student finds with the functions above. tests/test_checks.py holds the checks'
# expected values to these.
def g_ten_percent():
    """The smallest excitatory conductance, to 0.01 nS, at which the steady depolarisation V∞ − E_L of
    conductance-based excitation alone falls 10 % short of that of a current-based synapse calibrated at rest,
    g_e (E_e − E_L) / g_L."""
    g_exc = np.round(np.arange(0.01, 5.0, 0.01), 2)  # nS
    conductance_based = steady_state_potential(g_exc, 0.0) - E_LEAK
    current_based = g_exc * (E_EXC - E_LEAK) / G_LEAK
    return float(g_exc[np.argmax(conductance_based <= 0.9 * current_based)])


def tau_effective():
    """The effective membrane time constant C / (g_L + ḡ) in ms of the conductance-based neuron of Figure 3,
    with ḡ the total synaptic conductance averaged over its 500-ms run (the figure's seeded input: 200 synapses
    at 5 Hz, each spike adding 0.6 nS that decays with 5 ms, dt = 0.1 ms)."""
    rng = np.random.default_rng(4)  # as in Figure 3
    dt, t_end, n_inputs, tau_syn, g_jump = 0.1, 500.0, 200, 5.0, 0.6
    spikes = rng.random((round(t_end / dt), n_inputs)) < 5.0 * dt / 1000
    g, total = np.zeros(n_inputs), 0.0
    for step in spikes:
        g = g * (1 - dt / tau_syn) + g_jump * step
        total += g.sum()
    return float(CAPACITANCE / (G_LEAK + total / len(spikes)))
