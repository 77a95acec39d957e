"""Independent validation of the Izhikevich reference: spike times against an
event-driven DOP853 integration of the hybrid system, the analytic rheobase of
the 2007 RS neuron, and the 2003 RS resting state."""

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from solutions.ch02_neuron_models import izhikevich as iz


def _exact_spike_times(p, i_ext, duration):
    """Spike times (ms) of the 2007 form from rest: DOP853 at 1e-10 until v reaches
    v_peak (a terminal event), then the reset, then on."""
    def field(t, y):
        v, u = y
        return [(p["k"] * (v - p["vr"]) * (v - p["vt"]) - u + i_ext) / p["C"], p["a"] * (p["b"] * (v - p["vr"]) - u)]

    def peak(t, y):
        return y[0] - p["v_peak"]

    peak.terminal, peak.direction = True, 1
    t, y, times = 0.0, [p["vr"], 0.0], []
    while True:
        solution = solve_ivp(field, (t, duration), y, events=peak, method="DOP853", rtol=1e-10, atol=1e-10)
        if not solution.t_events[0].size:
            return np.array(times)
        t = solution.t_events[0][0]
        times.append(t)
        y = [p["c"], solution.y_events[0][0][1] + p["d"]]


@pytest.mark.parametrize("name, i_ext, duration", [("RS", 300.0, 200.0), ("CH", 500.0, 100.0), ("IB", 500.0, 200.0)])
def test_euler_spike_times_converge_to_the_exact_ones(name, i_ext, duration):
    p = iz.IZHIKEVICH_2007[name]
    exact = _exact_spike_times(p, i_ext, duration)
    errors = []
    for dt in (0.02, 0.01, 0.005):
        times = iz.spike_times_2007(p, i_ext, duration, dt)
        assert len(times) == len(exact) >= 3
        errors.append(np.max(np.abs(times - exact)))
    # Each spike lands on the grid up to dt late and the reset carries the delay on:
    # the error is first order, about 14 dt here (IB's 3 spikes converge less evenly).
    assert all(error < 20 * dt for error, dt in zip(errors, (0.02, 0.01, 0.005)))
    if name != "IB":
        assert all(1.6 < coarse / fine < 2.5 for coarse, fine in zip(errors, errors[1:]))


def test_regular_spiking_starts_at_the_saddle_node_rheobase():
    # At rest u = b (v − v_r), so the v-nullcline k x (x − Δ) − b x + I = 0 (x = v − v_r,
    # Δ = v_t − v_r) loses its fixed points where the discriminant vanishes:
    # I* = (k Δ + b)² / 4k = 51.4 pA for RS: a saddle-node on the invariant circle.
    p = iz.IZHIKEVICH_2007["RS"]
    rheobase = (p["k"] * (p["vt"] - p["vr"]) + p["b"]) ** 2 / (4 * p["k"])
    assert rheobase == pytest.approx(51.43, abs=0.01)
    assert len(iz.spike_times_2007(p, 0.98 * rheobase, 3000.0, 0.1)) == 0
    assert len(iz.spike_times_2007(p, 1.02 * rheobase, 3000.0, 0.1)) >= 3


def test_2003_regular_spiking_rests_at_minus_70_mv():
    # 0.04 v² + 5 v + 140 − b v = 0 with b = 0.2 has the roots −70 (stable) and −50 mV.
    a, b, c, d = iz.IZHIKEVICH_2003["RS"]
    v, u = -70.0, b * -70.0
    for _ in range(1000):
        v, u, spiked = iz.izhikevich_2003_step(v, u, 0.0, 0.1, a, b, c, d)
    assert v == pytest.approx(-70.0, abs=1e-9) and not spiked
    assert np.sort(np.roots([0.04, 5 - b, 140])) == pytest.approx([-70.0, -50.0])


def test_firing_patterns_of_the_2007_models():
    def pattern(name, i_ext):
        return iz.classify_firing(iz.spike_times_2007(iz.IZHIKEVICH_2007[name], i_ext, 1000.0, 0.05))

    assert [pattern("RS", 150.0), pattern("RS", 300.0)] == ["adapting"] * 2
    assert [pattern("CH", 500.0), pattern("CH", 700.0)] == ["bursting"] * 2
    assert [pattern("IB", 500.0), pattern("IB", 700.0)] == ["initial burst"] * 2


def test_discovery_answers_bracket_the_saddle_node_and_repeat_the_bursts():
    # The threshold found in 1 s lies just above the saddle-node (k Δ + b)² / 4k: the first spike near it is
    # delayed without bound; the CH bursts' period at dt = 0.1 ms is within 0.5 ms of a run at dt = 0.01 ms.
    p = iz.IZHIKEVICH_2007["RS"]
    saddle_node = (p["k"] * (p["vt"] - p["vr"]) + p["b"]) ** 2 / (4 * p["k"])
    assert saddle_node < iz.rs_rheobase() <= saddle_node + 1.0
    times = iz.spike_times_2007(iz.IZHIKEVICH_2007["CH"], 500.0, dt=0.01)
    intervals = np.diff(times)
    starts = times[1:-1][intervals[:-1] >= iz.BURST_RATIO * intervals[1:]]
    assert abs(np.median(np.diff(starts)) - iz.burst_period()) < 0.5
