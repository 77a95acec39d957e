"""Independent validation of the kinetic-synapse reference: the Euler steps
converge at first order to a tight ``solve_ivp`` integration across a pulse and
its decay, and the closed form at the end of a pulse matches it."""

import pytest
from scipy.integrate import solve_ivp

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
