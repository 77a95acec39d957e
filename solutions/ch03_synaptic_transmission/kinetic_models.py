"""Kinetic models of synaptic transmission (section 3.4, 動力学モデル).

Transmitter binds to postsynaptic receptors and opens them; the fraction r of
open receptors follows first-order kinetics

    dr/dt = α [T] (1 − r) − β r,

with [T] the transmitter concentration in the cleft, α the binding rate
(1/(ms·mM)) and β the unbinding rate (1/ms). A presynaptic spike releases a
brief pulse, [T] = T_max for a duration after the spike (Destexhe, Mainen &
Sejnowski 1994). During a long pulse r relaxes towards α T_max/(α T_max + β)
with rate α T_max + β; afterwards it decays with time constant 1/β. The
synaptic current into the postsynaptic cell is g_max r (E_syn − V); here it
drives the Hodgkin–Huxley neuron of section 2.2, whose reference is imported
from ``solutions`` rather than copied.

Parameters: α = 1/(0.5 ms) and β = 1/(5 ms) are the original page's
(https://compneuro-julia.github.io/3-4_kinetic-synapse.html), whose code uses
them in seconds with the transmitter a unit impulse lasting one time step; here
α is per mM. T_max = 1 mM for 1 ms is the pulse of Destexhe's NEURON
implementation of the minimal AMPA receptor model (ampa.mod, 1995), whose
rates, fitted to the AMPA currents recorded by Xiang et al. (1994), are
α = 1.1 /(ms·mM) and β = 0.19 /ms: the original page's round values are of the
same order, chosen for illustration.

References
----------
Destexhe, A., Mainen, Z. F. & Sejnowski, T. J. (1994). An efficient method for
computing synaptic conductances based on a kinetic model of receptor binding.
Neural Comput. 6, 14–18.
Destexhe, A., Mainen, Z. F. & Sejnowski, T. J. (1998). Kinetic models of
synaptic transmission. In Methods in Neuronal Modeling, 2nd ed., 1–25. MIT Press.
"""

import numpy as np

# The notebook shows hh_rates and hh_step with the constants they use (a cell for the student's own chapter-2 code).
from solutions.ch02_neuron_models.hodgkin_huxley import C_M, E_K, E_L, E_NA, G_K, G_L, G_NA, V_REST, hh_rates, hh_step

# α and β: the original page's 1/(0.5 ms) and 1/(5 ms), read per mM of transmitter; the pulse of 1 mM for 1 ms is
# that of Destexhe's ampa.mod (minimal AMPA model, 1995), whose fitted rates are α = 1.1 /(ms·mM), β = 0.19 /ms.
ALPHA = 1 / 0.5  # binding rate, 1/(ms·mM)
BETA = 1 / 5.0  # unbinding rate, 1/ms
T_MAX = 1.0  # transmitter concentration during a pulse, mM
PULSE_DURATION = 1.0  # ms
E_SYN = 0.0  # reversal potential of an excitatory (AMPA-like) synapse, mV


def transmitter_pulse(t, spike_times, t_max=T_MAX, duration=PULSE_DURATION):
    """Transmitter concentration for a presynaptic spike train.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    t : float or ndarray
        Times in ms.
    spike_times : array_like
        Presynaptic spike times in ms.
    t_max : float
        Concentration during a pulse, mM.
    duration : float
        Pulse duration in ms; the pulse covers spike_time ≤ t < spike_time + duration.

    Returns
    -------
    ndarray
        [T](t) in mM, of the shape of ``t``: ``t_max`` inside any pulse, else 0.
    """
    ### BEGIN SOLUTION
    t = np.asarray(t, dtype=float)
    since = t[..., None] - np.asarray(spike_times, dtype=float)
    inside = np.any((since >= 0) & (since < duration), axis=-1)
    return np.where(inside, t_max, 0.0)
    ### END SOLUTION


def kinetic_synapse_step(r, transmitter, dt, alpha=ALPHA, beta=BETA):
    """One Euler step of dr/dt = α [T] (1 − r) − β r.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    r : float or ndarray
        Fraction of open receptors, in [0, 1].
    transmitter : float or ndarray
        Transmitter concentration [T] in mM during this step.
    dt : float
        Time step in ms.
    alpha, beta : float
        Binding (1/(ms·mM)) and unbinding (1/ms) rates.

    Returns
    -------
    ndarray
        r after the step.
    """
    ### BEGIN SOLUTION
    return r + dt * (alpha * transmitter * (1.0 - r) - beta * r)
    ### END SOLUTION


def open_fraction_after_pulse(r0, t_max=T_MAX, duration=PULSE_DURATION, alpha=ALPHA, beta=BETA):
    """Exact fraction of open receptors at the end of a transmitter pulse.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    r0 : float or ndarray
        Open fraction at the start of the pulse.
    t_max, duration : float
        Pulse concentration (mM) and duration (ms).
    alpha, beta : float
        Binding and unbinding rates.

    Returns
    -------
    ndarray
        r∞ + (r0 − r∞) e^(−(α T_max + β) duration) with r∞ = α T_max / (α T_max + β).
    """
    ### BEGIN SOLUTION
    rate = alpha * t_max + beta
    r_inf = alpha * t_max / rate
    return r_inf + (np.asarray(r0, dtype=float) - r_inf) * np.exp(-rate * duration)
    ### END SOLUTION


def hh_driven_by_synapse(open_fraction, dt, g_max, e_syn=E_SYN):
    """Membrane potential of the Hodgkin–Huxley neuron (section 2.2) receiving a synapse.

    The neuron starts at rest with its gates at steady state; at step k it
    receives the current density g_max r[k] (E_syn − V) and advances by one
    ``hh_step``.

    Parameters
    ----------
    open_fraction : ndarray of shape (n_steps,)
        Open fraction r of the synapse's receptors at each step.
    dt : float
        Time step in ms.
    g_max : float
        Maximal synaptic conductance density, mS/cm².
    e_syn : float
        Synaptic reversal potential, mV.

    Returns
    -------
    ndarray of shape (n_steps,)
        V in mV at each step, before the step's update.
    """
    rates = hh_rates(V_REST)
    m, h, n = (alpha / (alpha + beta) for alpha, beta in zip(rates[::2], rates[1::2]))
    v, potential = V_REST, np.empty(len(open_fraction))
    for k, r in enumerate(open_fraction):
        potential[k] = v
        v, m, h, n = hh_step(v, m, h, n, g_max * r * (e_syn - v), dt)
    return potential


# Discovery answers: what a student finds with the functions above. tests/test_checks.py holds the checks'
# expected values to these.
HALF_OPEN_GRID = 0.001  # the resolution the questions ask for: ms for durations, mM for concentrations


def half_open_duration():
    """The shortest pulse of T_MAX = 1 mM, to 0.001 ms, after which half of the receptors are open, from rest
    (the exact solution ``open_fraction_after_pulse`` on a grid of durations)."""
    durations = np.round(np.arange(HALF_OPEN_GRID, PULSE_DURATION, HALF_OPEN_GRID), 3)
    return float(durations[np.argmax(open_fraction_after_pulse(0.0, duration=durations) >= 0.5)])


def half_open_concentration():
    """The lowest transmitter concentration, to 0.001 mM, at which a pulse of PULSE_DURATION = 1 ms opens half of the
    receptors, from rest (``open_fraction_after_pulse`` on a grid of concentrations)."""
    concentrations = np.round(np.arange(HALF_OPEN_GRID, T_MAX, HALF_OPEN_GRID), 3)
    return float(concentrations[np.argmax(open_fraction_after_pulse(0.0, t_max=concentrations) >= 0.5)])
