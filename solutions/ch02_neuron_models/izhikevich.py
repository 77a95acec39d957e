"""The Izhikevich model (section 2.5, Izhikevich モデル).

A quadratic integrate-and-fire neuron with one slow recovery variable u. The
2007 form has parameters with physiological units:

    C dv/dt = k (v − v_r)(v − v_t) − u + I,
      du/dt = a (b (v − v_r) − u),
    if v ≥ v_peak:  v ← c,  u ← u + d,

with v in mV, t in ms, u and I in pA, C in pF and k in nS/mV. The 2003 form is
the same model in dimensionless scaling with rest near −65 to −70 mV:

    dv/dt = 0.04 v² + 5 v + 140 − u + I,   du/dt = a (b v − u),
    if v ≥ 30 mV:  v ← c,  u ← u + d.

Choosing (a, b, c, d) reproduces the firing patterns of cortical and thalamic
neurons: regular spiking with adaptation, intrinsic (initial) bursting,
chattering (repetitive bursts), fast spiking and others.

Both steps here are explicit Euler: the right-hand sides are evaluated at the
old (v, u), then neurons at or above the peak are reset. (Izhikevich's 2003 code
updates u with the new v and splits the v step in two halves; that is another
discretisation of the same equations.)

References
----------
Izhikevich, E. M. (2003). Simple model of spiking neurons. IEEE Trans. Neural
Netw. 14, 1569–1572.
Izhikevich, E. M. (2007). Dynamical Systems in Neuroscience, ch. 8. MIT Press.
"""

import numpy as np

# The 2007 form (Izhikevich 2007, ch. 8): C in pF, k in nS/mV, potentials in mV,
# a in 1/ms, b in nS, d in pA.
IZHIKEVICH_2007 = {
    "RS": {"C": 100.0, "k": 0.7, "vr": -60.0, "vt": -40.0, "v_peak": 35.0,
           "a": 0.03, "b": -2.0, "c": -50.0, "d": 100.0},  # regular spiking (layer 5 pyramidal)
    "IB": {"C": 150.0, "k": 1.2, "vr": -75.0, "vt": -45.0, "v_peak": 50.0,
           "a": 0.01, "b": 5.0, "c": -56.0, "d": 130.0},  # intrinsically bursting
    "CH": {"C": 50.0, "k": 1.5, "vr": -60.0, "vt": -40.0, "v_peak": 35.0,
           "a": 0.03, "b": 1.0, "c": -40.0, "d": 150.0},  # chattering
}

# The 2003 form (Izhikevich 2003, Fig. 2): (a, b, c, d).
IZHIKEVICH_2003 = {
    "RS": (0.02, 0.2, -65.0, 8.0),  # regular spiking
    "IB": (0.02, 0.2, -55.0, 4.0),  # intrinsically bursting
    "CH": (0.02, 0.2, -50.0, 2.0),  # chattering
    "FS": (0.1, 0.2, -65.0, 2.0),  # fast spiking
    "LTS": (0.02, 0.25, -65.0, 2.0),  # low-threshold spiking
    "TC": (0.02, 0.25, -65.0, 0.05),  # thalamo-cortical
    "RZ": (0.1, 0.26, -65.0, 2.0),  # resonator
}
V_PEAK_2003 = 30.0  # mV

BURST_RATIO = 2.0  # an interval this many times longer than its neighbour separates bursts
ADAPTATION_RATIO = 1.2  # last / first interval above which firing adapts


def izhikevich_step(v, u, i_ext, dt, params):
    """Advance the 2007 Izhikevich model by one explicit Euler step.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : float or ndarray
        Membrane potential in mV.
    u : float or ndarray
        Recovery current in pA, of the shape of ``v``.
    i_ext : float or ndarray
        Injected current in pA, broadcastable with ``v``.
    dt : float
        Time step in ms.
    params : dict
        ``C`` (pF), ``k`` (nS/mV), ``vr``, ``vt``, ``v_peak``, ``c`` (mV),
        ``a`` (1/ms), ``b`` (nS), ``d`` (pA), e.g. ``IZHIKEVICH_2007["RS"]``.

    Returns
    -------
    v : ndarray
        Potential after the step (``c`` where a spike occurred), mV.
    u : ndarray
        Recovery current after the step (increased by ``d`` where a spike occurred), pA.
    spiked : ndarray of bool
        Where v reached ``v_peak`` in this step.
    """
    ### BEGIN SOLUTION
    p = params
    dv = (p["k"] * (v - p["vr"]) * (v - p["vt"]) - u + i_ext) / p["C"]
    du = p["a"] * (p["b"] * (v - p["vr"]) - u)
    v, u = v + dt * dv, u + dt * du
    spiked = v >= p["v_peak"]
    return np.where(spiked, p["c"], v), np.where(spiked, u + p["d"], u), spiked
    ### END SOLUTION


def izhikevich_2003_step(v, u, i_ext, dt, a, b, c, d):
    """Advance the 2003 Izhikevich model by one explicit Euler step.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : float or ndarray
        Membrane potential in mV.
    u : float or ndarray
        Recovery variable (mV/ms), of the shape of ``v``.
    i_ext : float or ndarray
        Input (mV/ms), broadcastable with ``v``.
    dt : float
        Time step in ms.
    a, b, c, d : float
        The model's parameters, e.g. ``IZHIKEVICH_2003["CH"]``.

    Returns
    -------
    v : ndarray
        Potential after the step (``c`` where a spike occurred), mV.
    u : ndarray
        Recovery variable after the step (increased by ``d`` where a spike occurred).
    spiked : ndarray of bool
        Where v reached ``V_PEAK_2003`` = 30 mV in this step.
    """
    ### BEGIN SOLUTION
    dv = 0.04 * v**2 + 5 * v + 140 - u + i_ext
    du = a * (b * v - u)
    v, u = v + dt * dv, u + dt * du
    spiked = v >= V_PEAK_2003
    return np.where(spiked, c, v), np.where(spiked, u + d, u), spiked
    ### END SOLUTION


def classify_firing(spike_times):
    """Name the firing pattern of a spike train from its inter-spike intervals.

    With the intervals ISI_1, ISI_2, … the rules, in this order, are:

    1. fewer than 3 spikes: ``"silent"``;
    2. some interval is at least ``BURST_RATIO`` times the next one (a pause
       followed by a fast spike: bursts repeat): ``"bursting"``;
    3. some interval is at least ``BURST_RATIO`` times the previous one (fast
       spikes, then slower firing for good): ``"initial burst"``;
    4. the last interval is at least ``ADAPTATION_RATIO`` times the first:
       ``"adapting"``;
    5. otherwise ``"tonic"``.

    Parameters
    ----------
    spike_times : array_like, shape (n_spikes,)
        Sorted spike times in ms.

    Returns
    -------
    str
        One of ``"silent"``, ``"bursting"``, ``"initial burst"``, ``"adapting"``, ``"tonic"``.
    """
    ### BEGIN SOLUTION
    intervals = np.diff(np.asarray(spike_times, dtype=float))
    if len(intervals) < 2:
        return "silent"
    if np.any(intervals[:-1] >= BURST_RATIO * intervals[1:]):
        return "bursting"
    if np.any(intervals[1:] >= BURST_RATIO * intervals[:-1]):
        return "initial burst"
    if intervals[-1] >= ADAPTATION_RATIO * intervals[0]:
        return "adapting"
    return "tonic"
    ### END SOLUTION


def spike_times_2007(params, i_ext, duration=1000.0, dt=0.1):
    """Spike times of the 2007 model from rest (v = v_r, u = 0) under a constant current.

    Parameters
    ----------
    params : dict
        One of ``IZHIKEVICH_2007``'s parameter sets.
    i_ext : float
        Injected current in pA.
    duration, dt : float
        Simulated time and time step in ms.

    Returns
    -------
    ndarray
        The times (ms) of the steps in which v reached the peak.
    """
    v, u, times = params["vr"], 0.0, []
    for k in range(round(duration / dt)):
        v, u, spiked = izhikevich_step(v, u, i_ext, dt, params)
        if spiked:
            times.append((k + 1) * dt)
    return np.array(times)


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
def rs_rheobase():
    """The smallest current, to 1 pA, at which the 2007 RS neuron fires at least one spike in a 1 s run from
    rest (v = v_r, u = 0, dt = 0.1 ms)."""
    p = IZHIKEVICH_2007["RS"]
    currents = np.arange(40.0, 71.0)  # pA, simulated together
    v, u = np.full(currents.shape, p["vr"]), np.zeros(currents.shape)
    fired = np.zeros(currents.shape, dtype=bool)
    for _ in range(round(1000.0 / 0.1)):
        v, u, spiked = izhikevich_step(v, u, currents, 0.1, p)
        fired |= spiked
    return float(currents[np.argmax(fired)])


def burst_period():
    """The steady period in ms of the 2007 CH neuron's bursts at 500 pA (1 s from rest, dt = 0.1 ms): the median
    time between the first spikes of consecutive bursts, a burst starting after an interval at least
    ``BURST_RATIO`` times the next one."""
    times = spike_times_2007(IZHIKEVICH_2007["CH"], 500.0)
    intervals = np.diff(times)
    starts = times[1:-1][intervals[:-1] >= BURST_RATIO * intervals[1:]]
    return float(np.median(np.diff(starts)))
