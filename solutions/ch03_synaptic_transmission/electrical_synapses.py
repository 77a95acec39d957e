"""Electrical synapses (section 3.7, 電気シナプス).

Gap junctions connect the cytoplasm of two neurons directly: a conductance
g_ij = g_ji lets current flow from the more depolarised cell into the other,

    I_i = Σ_j g_ij (V_j − V_i),

so the gap-junction currents of a network sum to zero. For two identical
passive cells with leak g_L, current injected into one depolarises the other by
the fraction (the coupling coefficient)

    CC = (V_2 − E_L) / (V_1 − E_L) = g_c / (g_c + g_L).

In integrate-and-fire neurons a gap junction carries two signals: the slow
subthreshold coupling, and the spike, which the LIF model does not resolve. Its
current is added as a "spikelet": when neuron j fires, each neighbour i jumps by
g_ij · A / C, with A the area (mV·ms) of the spike above the neighbour's
potential. The subthreshold coupling alone drives two LIF neurons into
antiphase; the spikelets synchronise them (Chow & Kopell 2000; Lewis & Rinzel
2003).

Units: potentials in mV, conductances in nS, currents in pA, capacitance in pF.

References
----------
Bennett, M. V. L. & Zukin, R. S. (2004). Electrical coupling and neuronal
synchronization in the mammalian brain. Neuron 41, 495–511.
Chow, C. C. & Kopell, N. (2000). Dynamics of spiking neurons with electrical
coupling. Neural Comput. 12, 1643–1678.
Lewis, T. J. & Rinzel, J. (2003). Dynamics of spiking neurons connected by both
inhibitory and electrical coupling. J. Comput. Neurosci. 14, 283–309.
"""

import numpy as np

from solutions.ch03_synaptic_transmission.current_vs_conductance import CAPACITANCE, E_LEAK, G_LEAK

V_THR = -50.0  # mV
V_RESET = -65.0  # mV
SPIKE_AREA = 100.0  # area of a spike above the neighbour's potential, mV·ms


def gap_junction_current(v, g_gap):
    """Gap-junction current into each neuron.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : ndarray, shape (n,)
        Membrane potentials in mV.
    g_gap : ndarray, shape (n, n)
        Symmetric gap-junction conductances in nS, zero on the diagonal.

    Returns
    -------
    ndarray, shape (n,)
        I_i = Σ_j g_ij (V_j − V_i) in pA.
    """
    ### BEGIN SOLUTION
    return g_gap @ v - g_gap.sum(axis=1) * v
    ### END SOLUTION


def coupling_coefficient(g_gap, g_leak=G_LEAK):
    """Steady-state coupling coefficient of two identical passive cells.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    g_gap : float or ndarray
        Gap-junction conductance in nS.
    g_leak : float
        Leak conductance of each cell in nS.

    Returns
    -------
    ndarray
        g_c / (g_c + g_L): the fraction of the injected cell's depolarisation that
        reaches the other.
    """
    ### BEGIN SOLUTION
    g_gap = np.asarray(g_gap, dtype=float)
    return g_gap / (g_gap + g_leak)
    ### END SOLUTION


def gap_lif_step(v, i_ext, g_gap, dt, spike_area=SPIKE_AREA):
    """One step of LIF neurons coupled by gap junctions, with spikelets.

    1. Euler step of C dV/dt = g_L (E_L − V) + I_gap + I_ext, with the
       gap-junction current at the old potentials;
    2. neurons at or above ``V_THR`` spike and are reset to ``V_RESET``;
    3. every neuron i jumps by Σ_j g_ij · spike_area / C over the neurons j that
       spiked (the spikelet).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : ndarray, shape (n,)
        Membrane potentials in mV.
    i_ext : ndarray, shape (n,)
        External currents in pA.
    g_gap : ndarray, shape (n, n)
        Gap-junction conductances in nS.
    dt : float
        Time step in ms.
    spike_area : float
        Spike area in mV·ms (0 leaves only the subthreshold coupling).

    Returns
    -------
    v : ndarray, shape (n,)
        Potentials after the step, mV.
    spiked : ndarray of bool, shape (n,)
        Which neurons fired.
    """
    ### BEGIN SOLUTION
    coupling = g_gap @ v - g_gap.sum(axis=1) * v
    v = v + dt / CAPACITANCE * (G_LEAK * (E_LEAK - v) + coupling + i_ext)
    spiked = v >= V_THR
    v = np.where(spiked, V_RESET, v)
    return v + g_gap @ spiked * spike_area / CAPACITANCE, spiked
    ### END SOLUTION


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
CHAIN_G = 10.0  # nS between neighbours of the chain 1–2–3
CHAIN_DT, CHAIN_STEP, CHAIN_MEASURE = 0.1, (10.0, 110.0, 100.0), 1090  # ms; on, off (ms), pA; step of 109 ms


def _chain_depolarisations():
    """V − E_L of the three cells of the chain at 109 ms, 100 pA into cell 1 from 10 to 110 ms."""
    g = np.array([[0.0, CHAIN_G, 0.0], [CHAIN_G, 0.0, CHAIN_G], [0.0, CHAIN_G, 0.0]])
    on, off, amplitude = CHAIN_STEP
    v = np.full(3, E_LEAK)
    for k in range(CHAIN_MEASURE + 1):
        now = k * CHAIN_DT
        v, _ = gap_lif_step(v, np.array([amplitude if on <= now < off else 0.0, 0.0, 0.0]), g, CHAIN_DT)
    return v - E_LEAK


def chain_cc_middle():
    """The coupling coefficient (V₂ − E_L)/(V₁ − E_L) from cell 1 to cell 2 of a chain 1–2–3 of identical LIF cells
    joined by 10 nS between neighbours, at 109 ms of a 100 pA step into cell 1 from 10 to 110 ms (dt = 0.1 ms)."""
    depolarisation = _chain_depolarisations()
    return float(depolarisation[1] / depolarisation[0])


def chain_cc_end():
    """The coupling coefficient (V₃ − E_L)/(V₁ − E_L) from cell 1 to cell 3 of the same chain."""
    depolarisation = _chain_depolarisations()
    return float(depolarisation[2] / depolarisation[0])
