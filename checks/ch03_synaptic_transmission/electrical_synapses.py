"""Checks of section 3.7, electrical synapses.

Besides the comparison with ``solutions`` on random networks, the checks test
the syllabus facts: gap-junction currents sum to zero and vanish for equal
potentials; the coupling coefficient is g_c/(g_c + g_L), between 0 and 1; and
two LIF neurons started out of phase synchronise (spikes within one step after
100 ms) when spikelets are included, but settle in antiphase without them.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, random_coupling
from solutions.ch03_synaptic_transmission import electrical_synapses as ref


def gap_junction_current(student_current):
    """Check ``gap_junction_current(v, g_gap)`` on random networks."""
    rng = np.random.default_rng(371)
    for n in (5, 8):
        v, g = rng.uniform(-75, -45, n), random_coupling(rng, n, 0.5, 5, 0.6)
        expected = ref.gap_junction_current(v, g)
        currents = assert_close(
            call(student_current, v, g), expected, f"gap_junction_current(v, g_gap) on a random network of {n} neurons",
            atol=1e-9, rtol=1e-12,
            mistakes={
                "current flows into neuron i when its neighbours are more depolarised: Σ_j g_ij (V_j − V_i).": -expected,
                "subtract the current that leaves: (Σ_j g_ij) V_i.": g @ v,
            },
        )
        if abs(currents.sum()) > 1e-9 * np.abs(currents).sum():
            raise AssertionError("gap-junction currents must sum to zero: what leaves one neuron enters another.")
    assert_close(call(student_current, np.full(4, -60.0), random_coupling(rng, 4, 0.5, 5, 0.6)), np.zeros(4),
                 "gap_junction_current of equal potentials", atol=1e-9)


def coupling_coefficient(student_coefficient):
    """Check ``coupling_coefficient(g_gap, g_leak)`` against g_c/(g_c + g_L) and its limits."""
    g = np.array([0.0, 0.5, 2.0, 10.0, 100.0])
    for g_leak in (ref.G_LEAK, 4.0):
        expected = ref.coupling_coefficient(g, g_leak)
        assert_close(call(student_coefficient, g, g_leak=g_leak), expected,
                     f"coupling_coefficient(g_gap from 0 to 100 nS, g_leak={g_leak})", atol=1e-12, mistakes={
                         "the coupling coefficient is the fraction that reaches the other cell: g_c/(g_c + g_L).":
                             g_leak / (g + g_leak),
                         "the other cell also leaks through the coupling: g_c/(g_c + g_L), not g_c/g_L.": g / g_leak,
                         "use the g_leak argument.": ref.coupling_coefficient(g),
                     })


def _spike_lag(step, spike_area):
    """Time (ms) between the last spikes of two LIF neurons coupled by 4 nS, started out of
    phase, after 100 ms at dt = 0.1 ms (the reference: 0.1 ms with spikelets, 14.5 without; both settle within
    50 ms, and 1000 steps keep the calls into the student's process few)."""
    g = np.array([[0.0, 4.0], [4.0, 0.0]])
    v, last = np.array([-65.0, -55.0]), [0.0, 0.0]
    for k in range(1000):
        v, spiked = call(step, v, np.full(2, 200.0), g, 0.1, spike_area=spike_area, returns=("v", "spiked"))
        v = as_array(v, "v returned by gap_lif_step", shape=(2,))
        for i in np.flatnonzero(as_array(spiked, "spiked returned by gap_lif_step", shape=(2,), dtype=bool)):
            last[i] = k * 0.1
    return abs(last[0] - last[1])


def gap_lif_step(student_step):
    """Check ``gap_lif_step(v, i_ext, g_gap, dt, spike_area)``: random networks, then synchrony."""
    rng = np.random.default_rng(372)
    n = 8
    v, i_ext, g = rng.uniform(-70, -49, n), rng.uniform(0, 300, n), random_coupling(rng, n, 0.5, 5, 0.6)
    v[:2], i_ext[:2], g[0, 1], g[1, 0] = -49.0, 300.0, 3.0, 3.0  # two coupled neurons fire together
    for dt, area in ((0.05, ref.SPIKE_AREA), (0.1, 40.0)):
        expected_v, expected_spiked = ref.gap_lif_step(v, i_ext, g, dt, spike_area=area)
        free, spiked = _before_threshold(v, i_ext, dt, ref.gap_junction_current(v, g))
        reset = np.where(spiked, ref.V_RESET, free)
        free_reversed, spiked_reversed = _before_threshold(v, i_ext, dt, -ref.gap_junction_current(v, g))
        what = f"gap_lif_step(v, i_ext, g_gap, dt={dt}, spike_area={area}) on a random network of {n} neurons"
        new_v, new_spiked = call(student_step, v, i_ext, g, dt, spike_area=area, returns=("v", "spiked"))
        assert_close(new_spiked, expected_spiked, f"spiked returned by {what}", atol=0)
        assert_close(new_v, expected_v, f"v returned by {what}", atol=1e-9, rtol=1e-12, mistakes={
            "add the spikelets: every neuron i jumps by Σ_j g_ij · spike_area / C over the neurons j that spiked.": reset,
            "reset first, then add the spikelets (a neuron that spiked still receives its neighbours' spikelets).":
                np.where(spiked, ref.V_RESET, free + g @ spiked * area / ref.CAPACITANCE),
            "the spikelet is a jump of g_ij · spike_area / C mV: divide by the capacitance.":
                reset + g @ spiked * area,
            "the gap-junction current into i is Σ_j g_ij (V_j − V_i).":
                np.where(spiked_reversed, ref.V_RESET, free_reversed) + g @ spiked_reversed * area / ref.CAPACITANCE,
        })
    lag = _spike_lag(student_step, ref.SPIKE_AREA)
    if lag > 0.1 + 1e-9:
        raise AssertionError(f"Two neurons coupled by 4 nS with spikelets still fire {lag:.2f} ms apart after 100 ms; "
                             "they should synchronise (within one 0.1-ms step).\nHint: the spikelet depolarises the "
                             "neighbours of a neuron that fires, pulling them to threshold.")
    lag = _spike_lag(student_step, 0.0)
    if lag < 10.0:
        raise AssertionError(f"Without spikelets two coupled LIF neurons fire {lag:.2f} ms apart after 100 ms; the "
                             "subthreshold coupling alone should drive them towards antiphase (about 15 ms apart).")


def _before_threshold(v, i_ext, dt, coupling):
    """Potentials after the Euler step with the given coupling current (pA), and which reach threshold."""
    free = v + dt / ref.CAPACITANCE * (ref.G_LEAK * (ref.E_LEAK - v) + coupling + i_ext)
    return free, free >= ref.V_THR


# The coupling coefficients of the chain 1–2–3 (10 nS between neighbours): the steady state of the three passive
# cells gives exactly 0.4 and 0.2; the simulation at 109 ms, 99 ms into the step, is still 0.002 and 0.003 short
# (the slowest mode, τ = C/g_L = 20 ms, has not quite settled). The question asks for two decimals: ±0.01 accepts
# both and rounding, and rejects the pair's g_c/(g_c + g_L) = 0.5 and the product of two pair coefficients (0.25).
chain_cc_middle = Discovery(
    0.40, 0.01, "chain_cc_middle, the coupling coefficient from cell 1 to cell 2 of the chain",
    mistakes={"in the chain cell 2 also loses current to cell 3: simulate the three cells, do not use the pair's "
              "g_c/(g_c + g_L)": 0.5,
              "measure during the step (at 109 ms), not after it has ended": 0.908,
              "the coupling coefficient compares depolarisations from rest, V − E_L, not potentials": 1.064})
chain_cc_end = Discovery(
    0.20, 0.01, "chain_cc_end, the coupling coefficient from cell 1 to cell 3 of the chain",
    mistakes={"coupling coefficients do not multiply along a chain of pairs: simulate the three cells": 0.25,
              "cells 1 and 3 are not joined: only neighbours are coupled": 0.5,
              "measure during the step (at 109 ms), not after it has ended": 0.817,
              "the coupling coefficient compares depolarisations from rest, V − E_L, not potentials": 1.085})
