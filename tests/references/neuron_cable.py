"""A passive cable simulated by NEURON, for validating the cable and
multi-compartment references.

NEURON discretises a section of ``nseg`` segments exactly as the references do:
one node at the centre of each segment, coupled to its neighbours through the
axial resistance between the centres, with zero-area nodes at sealed ends. It
integrates here with its second-order Crank–Nicolson method (``secondorder = 2``)
at a fixed step much finer than the references', so that its result stands in
for the exact solution of the spatially discretised cable.
"""

import numpy as np


def passive_cable(n_segments, length, radius, r_m, r_i, c_m, e_l, clamp_segment, amplitude, duration, dt=0.001,
                  record_times=None):
    """Potentials of a passive cable after a current step starting at t = 0.

    Parameters
    ----------
    n_segments : int
        Number of segments (compartments).
    length, radius : float
        Cable length and radius in µm.
    r_m, r_i, c_m, e_l : float
        R_m (Ω cm²), R_i (Ω cm), c_m (µF/cm²), E_L (mV).
    clamp_segment : int
        Index of the segment into whose centre the current goes.
    amplitude : float
        Current in nA, on from t = 0 to the end.
    duration, dt : float
        Simulated time and NEURON's time step in ms.
    record_times : sequence of float, optional
        Times (ms) at which to return the potentials; default ``[duration]``.

    Returns
    -------
    ndarray, shape (len(record_times), n_segments)
        Potentials at the segment centres in mV.
    """
    from neuron import h

    h.load_file("stdrun.hoc")
    cable = h.Section(name="cable")
    cable.L, cable.diam, cable.nseg = length, 2 * radius, n_segments
    cable.Ra, cable.cm = r_i, c_m
    cable.insert("pas")
    centres = (np.arange(n_segments) + 0.5) / n_segments
    for segment in cable:
        segment.pas.g, segment.pas.e = 1.0 / r_m, e_l
    clamp = h.IClamp(cable(centres[clamp_segment]))
    clamp.delay, clamp.dur, clamp.amp = 0.0, 1e9, amplitude
    recordings = [h.Vector().record(cable(x)._ref_v) for x in centres]
    time = h.Vector().record(h._ref_t)
    h.secondorder, h.dt, h.steps_per_ms = 2, dt, 1.0 / dt
    h.finitialize(e_l)
    h.continuerun(duration)
    t, v = np.array(time), np.array([np.array(r) for r in recordings]).T
    record_times = [duration] if record_times is None else record_times
    return np.array([v[np.argmin(np.abs(t - when))] for when in record_times])
