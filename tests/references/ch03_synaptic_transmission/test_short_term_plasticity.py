"""Independent validation of the short-term plasticity reference: an event-driven
simulation with exact exponential relaxation between spikes reaches the closed
forms to round-off, and the Euler steps of ``stp_step`` converge to them at
first order."""

import numpy as np
import pytest

from solutions.ch03_synaptic_transmission import short_term_plasticity as stp

SYNAPSES = [stp.FACILITATING, stp.DEPRESSING]


def _event_driven(intervals, U, tau_x, tau_u):
    """Releases at spikes separated by ``intervals`` (ms), relaxing exactly in between, from rest."""
    x, u, releases = 1.0, 0.0, []
    for interval in [0.0, *intervals]:
        x = 1 - (1 - x) * np.exp(-interval / tau_x)
        u = u * np.exp(-interval / tau_u)
        u = u + U * (1 - u)
        releases.append(u * x)
        x -= u * x
    return np.array(releases)


@pytest.mark.parametrize("params", SYNAPSES)
def test_closed_forms_match_an_event_driven_simulation(params):
    for interval in (5.0, 20.0, 100.0, 700.0):
        first, second = _event_driven([interval], **params)
        assert first == pytest.approx(params["U"])
        assert stp.paired_pulse_ratio(interval, **params) == pytest.approx(second / first, rel=1e-12)
    for rate in (0.5, 5.0, 40.0):
        releases = _event_driven([1000.0 / rate] * 3000, **params)
        assert stp.steady_state_efficacy(rate, **params) == pytest.approx(releases[-1], rel=1e-10)


@pytest.mark.parametrize("params", SYNAPSES)
def test_euler_steps_converge_to_the_steady_state_at_first_order(params):
    rate, errors = 20.0, []
    for dt in (0.4, 0.2, 0.1):
        period, x, u = round(50.0 / dt), 1.0, 0.0
        for k in range(120 * period):  # 6 s: many times τ_x and τ_u
            x, u, release = stp.stp_step(x, u, k % period == 0, dt, **params)
            if k % period == 0:
                last = release
        errors.append(abs(last - stp.steady_state_efficacy(rate, **params)))
    assert errors[-1] < 1e-3
    assert all(1.7 < coarse / fine < 2.3 for coarse, fine in zip(errors, errors[1:]))
