"""Independent validation of the kinetic-synapse reference: the Euler steps
converge at first order to a tight ``solve_ivp`` integration across a pulse and
its decay, and the closed form at the end of a pulse matches it. Coupled to the
Hodgkin–Huxley neuron of chapter 2, the threshold of figure 2 and the spike time
agree with an integration of the whole system written out from the equations."""

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from solutions.ch02_neuron_models import hodgkin_huxley as hh
from solutions.ch03_synaptic_transmission import kinetic_models as km


def _exact(r0, transmitter, duration):
    solution = solve_ivp(lambda t, r: km.ALPHA * transmitter * (1 - r) - km.BETA * r, (0, duration), [r0],
                         method="DOP853", rtol=1e-12, atol=1e-12)
    return solution.y[0, -1]


@pytest.mark.parametrize("r0", [0.0, 0.3, 0.95])
def test_closed_form_matches_the_integrated_pulse(r0):
    assert km.open_fraction_after_pulse(r0) == pytest.approx(_exact(r0, km.T_MAX, km.PULSE_DURATION), abs=1e-10)


def test_euler_converges_to_the_exact_pulse_and_decay_at_first_order():
    exact = _exact(_exact(0.0, km.T_MAX, km.PULSE_DURATION), 0.0, 9.0)  # r at 10 ms
    errors = []
    for dt in (0.02, 0.01, 0.005):
        r = 0.0
        for k in range(round(10.0 / dt)):
            r = km.kinetic_synapse_step(r, km.transmitter_pulse(k * dt, [0.0]), dt)
        errors.append(abs(r - exact))
    assert errors[-1] < 2e-3
    assert all(1.7 < coarse / fine < 2.3 for coarse, fine in zip(errors, errors[1:]))


def _coupled_rhs(t, y, transmitter, g_max):
    """The Hodgkin–Huxley neuron and its kinetic synapse as one system, written out from the equations."""
    v, m, h, n, r = y
    alpha_m, beta_m, alpha_h, beta_h, alpha_n, beta_n = hh.hh_rates(v)
    membrane = (g_max * r * (km.E_SYN - v) - hh.G_NA * m**3 * h * (v - hh.E_NA) - hh.G_K * n**4 * (v - hh.E_K)
                - hh.G_L * (v - hh.E_L)) / hh.C_M
    return [membrane, alpha_m * (1 - m) - beta_m * m, alpha_h * (1 - h) - beta_h * h, alpha_n * (1 - n) - beta_n * n,
            km.ALPHA * transmitter * (1 - r) - km.BETA * r]


def _exact_spikes(g_max, spike=10.0, t_stop=30.0):
    """Upward zero crossings of V after one presynaptic spike, integrated piece by piece across the pulse's edges."""
    rates = hh.hh_rates(hh.V_REST)
    y = [hh.V_REST, *(alpha / (alpha + beta) for alpha, beta in zip(rates[::2], rates[1::2])), 0.0]

    def crossing(t, y, *args):
        return y[0]

    crossing.direction = 1
    crossings = []
    pieces = (((0, spike), 0.0), ((spike, spike + km.PULSE_DURATION), km.T_MAX), ((spike + km.PULSE_DURATION, t_stop), 0.0))
    for span, transmitter in pieces:
        solution = solve_ivp(_coupled_rhs, span, y, method="DOP853", rtol=1e-11, atol=1e-11,
                             args=(transmitter, g_max), events=crossing)
        crossings += list(solution.t_events[0])
        y = solution.y[:, -1]
    return crossings


def _euler_spikes(g_max, dt, spike=10.0, t_stop=30.0):
    """Zero crossings (interpolated between steps) of the reference's coupled Euler simulation."""
    t = np.arange(0, t_stop, dt)
    transmitter, r, open_fraction = km.transmitter_pulse(t, [spike]), 0.0, np.empty(len(t))
    for k in range(len(t)):
        open_fraction[k] = r
        r = km.kinetic_synapse_step(r, transmitter[k], dt)
    v = km.hh_driven_by_synapse(open_fraction, dt, g_max)
    k = np.flatnonzero((v[:-1] < 0) & (v[1:] >= 0))
    return list((k - v[k] / (v[k + 1] - v[k])) * dt)


def test_the_synapse_drives_the_chapter_2_neuron_itself():
    assert km.hh_step is hh.hh_step and km.hh_rates is hh.hh_rates


def test_one_spike_fires_the_neuron_between_0_06_and_0_07_mS_per_cm2():
    """Figure 2's threshold, in the exact coupled system and in the Euler simulation at the figure's dt."""
    assert _exact_spikes(0.06) == [] and _euler_spikes(0.06, 0.01) == []
    assert len(_exact_spikes(0.07)) == 1 and len(_euler_spikes(0.07, 0.01)) == 1


def test_the_coupled_euler_spike_time_converges_at_first_order():
    (exact,) = _exact_spikes(0.07)  # 15.2565 ms
    errors = [abs(_euler_spikes(0.07, dt)[0] - exact) for dt in (0.02, 0.01, 0.005)]
    assert errors[1] < 0.015  # ms; measured 0.0097
    assert all(1.8 < coarse / fine < 2.2 for coarse, fine in zip(errors, errors[1:]))  # measured 1.93 and 1.97
