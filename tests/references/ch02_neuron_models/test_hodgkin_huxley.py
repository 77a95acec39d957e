"""Independent validation of the Hodgkin–Huxley reference: NEURON's built-in ``hh``
mechanism, a tight-tolerance DOP853 integration and the numbers of the original page."""

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from solutions.ch02_neuron_models import hodgkin_huxley as hh

PROTOCOL = [(0.0, 50.0, 0.0), (50.0, 200.0, 10.0), (200.0, 250.0, 0.0), (250.0, 400.0, 35.0), (400.0, 450.0, 0.0)]


def _protocol_current(t):
    """The original page's input (µA/cm²) at times ``t`` (ms)."""
    return sum(np.where((t >= start) & (t < stop), amplitude, 0.0) for start, stop, amplitude in PROTOCOL)


def _crossing_times(t, v, threshold=0.0):
    """Upward threshold crossings, linearly interpolated between samples (ms)."""
    k = np.flatnonzero((v[1:] >= threshold) & (v[:-1] < threshold))
    return t[k] + (threshold - v[k]) / (v[k + 1] - v[k]) * (t[k + 1] - t[k])


def _textbook_rhs(t, y, i_ext):
    """The HH equations written out from Dayan & Abbott's table, independently of
    the reference (the 0/0 points are never hit exactly by the integrator)."""
    v, m, h, n = y
    alpha_m, beta_m = 0.1 * (v + 40) / (1 - np.exp(-(v + 40) / 10)), 4 * np.exp(-(v + 65) / 18)
    alpha_h, beta_h = 0.07 * np.exp(-(v + 65) / 20), 1 / (1 + np.exp(-(v + 35) / 10))
    alpha_n, beta_n = 0.01 * (v + 55) / (1 - np.exp(-(v + 55) / 10)), 0.125 * np.exp(-(v + 65) / 80)
    i_ion = 120 * m**3 * h * (v - 50) + 36 * n**4 * (v + 77) + 0.3 * (v + 54.387)
    return [i_ext - i_ion, alpha_m * (1 - m) - beta_m * m, alpha_h * (1 - h) - beta_h * h,
            alpha_n * (1 - n) - beta_n * n]


@pytest.fixture(scope="module")
def exact_spike_times():
    """Spike times of the protocol from DOP853 at rtol = atol = 1e-10, piece by piece
    so that the integrator never steps across a jump of the input."""
    rates = hh.hh_rates(-65.0)
    y = [-65.0] + [a / (a + b) for a, b in zip(rates[::2], rates[1::2])]
    times, voltages = [], []
    for start, stop, amplitude in PROTOCOL:
        solution = solve_ivp(_textbook_rhs, (start, stop), y, args=(amplitude,), method="DOP853",
                             rtol=1e-10, atol=1e-10, dense_output=True)
        t = np.arange(start, stop, 0.001)
        times.append(t)
        voltages.append(solution.sol(t)[0])
        y = solution.y[:, -1]
    return _crossing_times(np.concatenate(times), np.concatenate(voltages))


def _neuron_spike_times(dt=None):
    """The protocol in NEURON: one 100 µm² compartment with the built-in ``hh``
    mechanism at 6.3 °C and our parameters; CVODE at tight tolerance if ``dt`` is None."""
    from neuron import h

    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = np.sqrt(100 / np.pi)  # µm, so that the area is 100 µm² = 1e-6 cm²
    soma.cm = 1.0
    soma.insert("hh")
    segment = soma(0.5)
    segment.hh.gnabar, segment.hh.gkbar, segment.hh.gl, segment.hh.el = 0.12, 0.036, 0.0003, -54.387
    segment.ena, segment.ek = 50.0, -77.0
    h.celsius = 6.3
    h.usetable_hh = 0  # exact rate functions instead of NEURON's 1-mV lookup tables
    clamps = []
    for start, stop, amplitude in PROTOCOL:
        if amplitude:
            clamp = h.IClamp(segment)
            clamp.delay, clamp.dur = start, stop - start
            clamp.amp = amplitude * segment.area() * 1e-5  # µA/cm² · µm² → nA
            clamps.append(clamp)
    t, v = h.Vector().record(h._ref_t), h.Vector().record(segment._ref_v)
    cvode = h.CVode()
    cvode.active(dt is None)
    if dt is None:
        cvode.atol(1e-8)
    else:
        h.dt = dt
        h.steps_per_ms = 1 / dt
    h.finitialize(-65.0)
    h.continuerun(450.0)
    return _crossing_times(np.array(t), np.array(v))


def test_neuron_agrees_with_the_textbook_equations(exact_spike_times):
    neuron_times = _neuron_spike_times()
    assert len(neuron_times) == len(exact_spike_times) == 27
    # Both integrate the same equations to ~1e-8: their spike times agree to ~1e-5 ms.
    # A slip in one parameter (e.g. NEURON's default E_L = −54.3 mV) moves them by > 0.01 ms.
    np.testing.assert_allclose(neuron_times, exact_spike_times, atol=1e-3)


def test_neuron_with_fixed_steps_fires_11_then_16_spikes():
    times = _neuron_spike_times(dt=0.01)
    assert np.sum((times >= 50) & (times < 200)) == 11
    assert np.sum((times >= 250) & (times < 400)) == 16


def test_reference_counts_the_original_pages_spikes():
    dt = 0.01
    t = np.arange(0, 450, dt)
    v, *_ = hh.simulate_hh(_protocol_current(t), dt)
    assert hh.count_spikes(v[(t >= 50) & (t < 200)]) == 11
    assert hh.count_spikes(v[(t >= 250) & (t < 400)]) == 16


def test_reference_converges_to_the_exact_solution_at_first_order(exact_spike_times):
    errors = []
    for dt in (0.02, 0.01, 0.005):
        t = np.arange(0, 450, dt)
        times = _crossing_times(t, hh.simulate_hh(_protocol_current(t), dt)[0])
        assert len(times) == 27
        errors.append(np.max(np.abs(times - exact_spike_times)))
    # Euler is first order: halving dt halves the error (measured: 0.097, 0.049, 0.025 ms).
    assert errors[1] < 0.1
    for coarse, fine in zip(errors, errors[1:]):
        assert 1.8 < coarse / fine < 2.2


def test_reference_rests_near_minus_65_mv():
    v, m, h, n = hh.simulate_hh(np.zeros(10_000), 0.01)
    assert np.all(np.abs(v + 65.0) < 0.01)
    assert np.all((m >= 0) & (m <= 1) & (h >= 0) & (h <= 1) & (n >= 0) & (n <= 1))


def test_repetitive_firing_starts_between_6_0_and_6_3():
    dt = 0.01
    v, *_ = hh.simulate_hh(np.tile([6.0, 6.3], (50_000, 1)), dt)
    assert hh.count_spikes(v).tolist() == [2, 27]
    # The onset is a jump (type II): at 6.3 µA/cm² the neuron already fires near 50 Hz.
    rate = hh.count_spikes(v[10_000:, 1]) / 0.4
    assert 40 < rate < 60


def test_rates_are_continuous_at_the_removable_singularities():
    for v0, index, limit in ((-40.0, 0, 1.0), (-55.0, 4, 0.1)):
        at = hh.hh_rates(v0)[index]
        near = hh.hh_rates(np.array([v0 - 1e-6, v0 + 1e-6]))[index]
        assert at == pytest.approx(limit, rel=1e-12)
        np.testing.assert_allclose(near, limit, rtol=1e-6)


# ---------------------------------------------------------------- Connor–Stevens

def _connor_stevens_rhs(t, y, i_ext):
    """The Connor–Stevens equations written out from Dayan & Abbott (2001, ch. 6.2),
    with m, h, n in their α/β form."""
    v, m, h, n, a, b = y
    alpha_m, beta_m = 0.38 * (v + 29.7) / (1 - np.exp(-0.1 * (v + 29.7))), 15.2 * np.exp(-0.0556 * (v + 54.7))
    alpha_h, beta_h = 0.266 * np.exp(-0.05 * (v + 48)), 3.8 / (1 + np.exp(-0.1 * (v + 18)))
    alpha_n, beta_n = 0.02 * (v + 45.7) / (1 - np.exp(-0.1 * (v + 45.7))), 0.25 * np.exp(-0.0125 * (v + 55.7))
    a_inf = (0.0761 * np.exp(0.0314 * (v + 94.22)) / (1 + np.exp(0.0346 * (v + 1.17)))) ** (1 / 3)
    b_inf = 1 / (1 + np.exp(0.0688 * (v + 53.3))) ** 4
    tau_a = 0.3632 + 1.158 / (1 + np.exp(0.0497 * (v + 55.96)))
    tau_b = 1.24 + 2.678 / (1 + np.exp(0.0624 * (v + 50)))
    i_ion = 120 * m**3 * h * (v - 55) + 20 * n**4 * (v + 72) + 47.7 * a**3 * b * (v + 75) + 0.3 * (v + 17)
    return [i_ext - i_ion, alpha_m * (1 - m) - beta_m * m, alpha_h * (1 - h) - beta_h * h,
            alpha_n * (1 - n) - beta_n * n, (a_inf - a) / tau_a, (b_inf - b) / tau_b]


CS_REST = -67.97811718590124  # mV, where the steady-state ionic current vanishes


def _connor_stevens_euler(currents, duration, dt):
    """Potential traces of the reference from rest, one column per current (µA/cm²)."""
    currents = np.asarray(currents, dtype=float)
    state = [np.full(currents.shape, x) for x in (CS_REST, *(x for x, _ in hh.connor_stevens_gates(CS_REST)))]
    trace = np.empty((round(duration / dt),) + currents.shape)
    for k in range(len(trace)):
        state = hh.connor_stevens_step(*state, currents, dt)
        trace[k] = state[0]
    return trace


def test_connor_stevens_rests_where_the_steady_state_current_vanishes():
    y = [CS_REST, *(x for x, _ in hh.connor_stevens_gates(CS_REST))]
    assert np.max(np.abs(_connor_stevens_rhs(0, y, 0.0))) < 1e-9


def test_connor_stevens_euler_converges_to_the_exact_solution_at_first_order():
    y0 = [CS_REST, *(x for x, _ in hh.connor_stevens_gates(CS_REST))]
    exact = solve_ivp(_connor_stevens_rhs, (0, 100), y0, args=(20.0,), method="DOP853", rtol=1e-10, atol=1e-10,
                      dense_output=True)
    t_fine = np.arange(0, 100, 0.001)
    exact_times = _crossing_times(t_fine, exact.sol(t_fine)[0])
    errors = []
    for dt in (0.01, 0.005, 0.0025):
        trace = _connor_stevens_euler([20.0], 100.0, dt)[:, 0]
        times = _crossing_times(np.arange(1, len(trace) + 1) * dt, trace)
        assert len(times) == len(exact_times) >= 10
        errors.append(np.max(np.abs(times - exact_times)))
    # The phase error accumulates over the 13 spikes: about 27 dt at the last (0.07 ms at dt = 0.0025).
    assert errors[-1] < 0.1  # ms
    assert all(1.7 < coarse / fine < 2.3 for coarse, fine in zip(errors, errors[1:]))


def test_connor_stevens_is_type_one():
    # Onset between 8.1 and 8.2 µA/cm² at a few hertz (Hodgkin–Huxley jumps to ~50 Hz).
    trace = _connor_stevens_euler([8.1, 8.2, 9.0], 1000.0, 0.01)
    rates = hh.count_spikes(trace[20_000:]) / 0.8  # Hz, after a 200-ms transient
    assert rates[0] == 0 and 0 < rates[1] < 10 and rates[1] < rates[2] < 30
