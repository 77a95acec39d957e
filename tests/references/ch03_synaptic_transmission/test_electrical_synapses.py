"""Independent validation of the electrical-synapse reference: the coupling
coefficient against the steady state of the two-cell linear system solved by
``numpy.linalg.solve``, Kirchhoff's law, and synchrony against antiphase of two
coupled LIF neurons, measured over a range of initial phases."""

import numpy as np
import pytest

from solutions.ch03_synaptic_transmission import electrical_synapses as es


@pytest.mark.parametrize("g_c", [0.5, 5.0, 50.0])
def test_coupling_coefficient_is_the_steady_state_ratio(g_c):
    # [g_L + g_c, −g_c; −g_c, g_L + g_c] (V − E_L) = (I, 0)
    matrix = np.array([[es.G_LEAK + g_c, -g_c], [-g_c, es.G_LEAK + g_c]])
    depolarisation = np.linalg.solve(matrix, [100.0, 0.0])
    assert depolarisation[1] / depolarisation[0] == pytest.approx(es.coupling_coefficient(g_c), rel=1e-12)


def test_gap_currents_obey_kirchhoff():
    rng = np.random.default_rng(4)
    g = np.triu(rng.uniform(0, 5, (6, 6)), 1)
    currents = es.gap_junction_current(rng.uniform(-80, -40, 6), g + g.T)
    assert abs(currents.sum()) < 1e-10


@pytest.mark.parametrize("start", [-63.0, -60.0, -56.0, -51.0, -50.5])
def test_spikelets_synchronise_and_subthreshold_coupling_alone_antisynchronises(start):
    # Starting points near antiphase (about −52 mV here) leave the unstable antiphase state
    # slowly under spikelets; these start away from it.
    g = np.array([[0.0, 4.0], [4.0, 0.0]])
    lags = []
    for area in (es.SPIKE_AREA, 0.0):
        v, times = np.array([-65.0, start]), ([], [])
        for k in range(10_000):  # 1 s
            v, spiked = es.gap_lif_step(v, np.full(2, 200.0), g, 0.1, spike_area=area)
            for i in np.flatnonzero(spiked):
                times[i].append(k * 0.1)
        lags.append(np.min(np.abs(np.array(times[1]) - times[0][-1])))  # nearest partner spike to the last one
    assert lags[0] <= 0.1 + 1e-9  # within one step
    assert lags[1] > 10.0  # about half the 30-ms period: antiphase
