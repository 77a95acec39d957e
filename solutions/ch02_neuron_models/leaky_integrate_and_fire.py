"""Leaky integrate-and-fire neuron (section 2.4, Leaky integrate-and-fire モデル).

Below threshold the membrane potential relaxes towards rest,

    τ_m dV/dt = −(V − V_rest) + R I_ext,

and when V reaches V_thr the neuron emits a spike (drawn at V_peak), is reset to
V_reset and held there for the absolute refractory period t_ref.  With a
constant input above rheobase (R I > V_thr − V_rest) the inter-spike interval is

    T = t_ref + τ_m ln[(R I + V_rest − V_reset) / (R I + V_rest − V_thr)].

The original page used the formula for V_reset = V_rest while simulating
V_reset ≠ V_rest; this is the general one.

References
----------
Lapicque, L. (1907). Recherches quantitatives sur l'excitation électrique des
nerfs traitée comme une polarisation. J. Physiol. Pathol. Gen. 9, 620–635.
Gerstner, W., Kistler, W. M., Naud, R. & Paninski, L. (2014). Neuronal Dynamics,
Cambridge University Press, ch. 1.3.
"""

import numpy as np

TAU_M = 10.0  # membrane time constant, ms
T_REF = 2.0  # absolute refractory period, ms
V_REST = -60.0  # resting potential, mV
V_RESET = -65.0  # reset potential, mV
V_THR = -40.0  # spike threshold, mV
V_PEAK = 30.0  # value drawn at a spike, mV
R_M = 1.0  # membrane resistance, MΩ (so that R_M · I in nA is in mV)


def lif_step(v, refractory_left, i_ext, dt):
    """Advance leaky integrate-and-fire neurons by one explicit Euler step.

    A neuron with ``refractory_left > 0`` stays at ``V_RESET`` and its
    ``refractory_left`` decreases by ``dt`` (never below 0). Every other neuron
    takes the Euler step of τ_m dV/dt = −(V − V_rest) + R_M I_ext. A neuron whose
    new potential is at or above ``V_THR`` spikes: its potential is set to
    ``V_RESET`` and its ``refractory_left`` to ``T_REF``.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : float or ndarray
        Membrane potential in mV.
    refractory_left : float or ndarray
        Remaining refractory time in ms, broadcastable with ``v``.
    i_ext : float or ndarray
        Input current in nA, broadcastable with ``v``.
    dt : float
        Time step in ms.

    Returns
    -------
    v : ndarray
        Membrane potential after the step, in mV (``V_RESET`` where a spike
        occurred).
    refractory_left : ndarray
        Remaining refractory time after the step, in ms.
    spiked : ndarray of bool
        Whether each neuron spiked during the step.
    """
    ### BEGIN SOLUTION
    v, refractory_left, i_ext = np.broadcast_arrays(
        np.asarray(v, dtype=float), np.asarray(refractory_left, dtype=float), i_ext
    )
    refractory = refractory_left > 0
    v_next = np.where(refractory, V_RESET, v + dt * (-(v - V_REST) + R_M * i_ext) / TAU_M)
    refractory_next = np.maximum(refractory_left - dt, 0.0)
    spiked = v_next >= V_THR
    v_next = np.where(spiked, V_RESET, v_next)
    refractory_next = np.where(spiked, T_REF, refractory_next)
    return v_next, refractory_next, spiked
    ### END SOLUTION


def simulate_lif(i_ext, dt, v0=V_REST):
    """Simulate leaky integrate-and-fire neurons that start at rest.

    Row k of the outputs belongs to time k·dt. Row 0 holds ``v0``; row k + 1 is
    one ``lif_step`` from row k driven by ``i_ext[k]``. Steps that end in a
    spike are drawn at ``V_PEAK`` in the returned trace (the neuron itself is
    reset to ``V_RESET``).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    i_ext : ndarray of shape (n_steps,) or (n_steps, n_neurons)
        Input current in nA at each time step.
    dt : float
        Time step in ms.
    v0 : float, default ``V_REST``
        Initial membrane potential in mV; the neurons start non-refractory.

    Returns
    -------
    v : ndarray of the shape of ``i_ext``
        Membrane potential in mV, ``V_PEAK`` at spikes.
    spikes : ndarray of bool of the shape of ``i_ext``
        ``spikes[k]`` is True where the step into row k produced a spike.
    """
    ### BEGIN SOLUTION
    i_ext = np.asarray(i_ext, dtype=float)
    v_trace = np.empty(i_ext.shape)
    spikes = np.zeros(i_ext.shape, dtype=bool)
    v = np.full(i_ext.shape[1:], float(v0))
    refractory_left = np.zeros(i_ext.shape[1:])
    v_trace[0] = v
    for k in range(i_ext.shape[0] - 1):
        v, refractory_left, spikes[k + 1] = lif_step(v, refractory_left, i_ext[k], dt)
        v_trace[k + 1] = np.where(spikes[k + 1], V_PEAK, v)
    return v_trace, spikes
    ### END SOLUTION


def lif_rate_theory(i_ext):
    """Analytic firing rate of the leaky integrate-and-fire neuron.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    i_ext : float or ndarray
        Constant input current in nA.

    Returns
    -------
    ndarray
        Firing rate in Hz, of the shape of ``i_ext``: above rheobase
        (R_M I > V_THR − V_REST) 1000 / T with the inter-spike interval in ms

            T = T_REF + TAU_M ln[(R_M I + V_REST − V_RESET) / (R_M I + V_REST − V_THR)],

        and 0 at or below rheobase.
    """
    ### BEGIN SOLUTION
    drive = R_M * np.asarray(i_ext, dtype=float) + V_REST  # asymptotic potential, mV
    above = drive > V_THR
    safe_drive = np.where(above, drive, V_THR + 1.0)  # avoid log of a non-positive number
    isi = T_REF + TAU_M * np.log((safe_drive - V_RESET) / (safe_drive - V_THR))
    return np.where(above, 1000.0 / isi, 0.0)
    ### END SOLUTION


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
STEP_ONSET, STEP_CURRENT = 20.0, 25.0  # ms, nA: Figure 1's step of current (on from 20 to 80 ms)
CEILING_CURRENT, RATE_DURATION = 100.0, 500.0  # nA, ms: Figure 2's strongest current and its runs from rest


def first_latency():
    """The time in ms from the onset of Figure 1's step of 25 nA (at 20 ms, from rest, dt = 0.01 ms)
    to the neuron's first spike."""
    dt = 0.01
    t = np.arange(0.0, 100.0, dt)
    _, spikes = simulate_lif(np.where((t >= STEP_ONSET) & (t < 80.0), STEP_CURRENT, 0.0), dt)
    return float(t[spikes][0] - STEP_ONSET)


def ceiling_fraction():
    """The firing rate at 100 nA (the spikes of a 500 ms run from rest, dt = 0.01 ms, as in Figure 2) as a
    fraction of the ceiling 1 / T_REF."""
    dt = 0.01
    _, spikes = simulate_lif(np.full(round(RATE_DURATION / dt), CEILING_CURRENT), dt)
    rate = spikes.sum() / (RATE_DURATION / 1000.0)  # Hz
    return float(rate / (1000.0 / T_REF))
