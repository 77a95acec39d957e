"""Independent validation of the cable-theory reference: NEURON's passive cable
(the same spatial discretisation, integrated by Crank–Nicolson at a fine step),
the analytic steady state, and its e^(−x/λ) limit."""

import numpy as np
import pytest

from references.neuron_cable import passive_cable
from solutions.ch02_neuron_models import cable_theory as ct

LENGTH, N = 3000.0, 60  # µm: 3 λ in 50-µm compartments
CENTRES = (np.arange(N) + 0.5) * LENGTH / N
I_0 = 0.05  # nA


def _euler(dt, times):
    """The reference cable with I_0 into the first compartment, at ``times`` (ms)."""
    v, i_inj, out = np.full(N, ct.E_L), np.zeros(N), []
    i_inj[0] = I_0
    steps = [round(t / dt) for t in times]
    for k in range(1, steps[-1] + 1):
        v = ct.cable_step(v, i_inj, LENGTH / N, dt)
        if k in steps:
            out.append(v)
    return np.array(out)


@pytest.fixture(scope="module")
def neuron_cable():
    return passive_cable(N, LENGTH, ct.RADIUS, ct.R_M, ct.R_I, ct.C_M, ct.E_L, 0, I_0, 200.0, dt=0.0005,
                         record_times=[1.0, 5.0, 20.0, 200.0])


def test_length_constant_of_the_textbook_dendrite():
    assert ct.length_constant(1.0, 2e4, 100.0) == pytest.approx(1000.0)
    assert ct.length_constant(4.0, 2e4, 100.0) == pytest.approx(2000.0)  # λ ∝ √a


def test_cable_step_converges_to_neuron_at_first_order(neuron_cable):
    errors = [np.max(np.abs(_euler(dt, [1.0, 5.0, 20.0]) - neuron_cable[:3])) for dt in (0.02, 0.01, 0.005)]
    assert errors[-1] < 0.01  # mV, of a response of up to 15 mV
    assert all(1.7 < coarse / fine < 2.3 for coarse, fine in zip(errors, errors[1:]))


def test_neuron_steady_state_matches_the_analytic_profile(neuron_cable):
    # Cell-centred finite differences are second order in dx: the error at dx = 50 µm = λ/20
    # is 7e-4 mV (it falls fourfold when dx halves), against 16 mV at x = 0.
    analytic = ct.cable_steady_state(CENTRES, I_0, LENGTH)
    np.testing.assert_allclose(neuron_cable[-1], analytic, atol=2e-3)
    np.testing.assert_allclose(_euler(0.01, [200.0])[0], neuron_cable[-1], atol=1e-4)


def test_long_cable_decays_as_exp_minus_x_over_lambda():
    lam = ct.length_constant(ct.RADIUS, ct.R_M, ct.R_I)
    x = np.linspace(0, 5 * lam, 11)
    profile = ct.cable_steady_state(x, I_0, 30 * lam) - ct.E_L
    np.testing.assert_allclose(profile / profile[0], np.exp(-x / lam), rtol=1e-12)
    # ... with the input resistance R_λ = R_i λ / (π a²) of a semi-infinite cable: 318 MΩ.
    assert profile[0] / I_0 == pytest.approx(ct.R_I * lam * 1e-4 / (np.pi * (ct.RADIUS * 1e-4) ** 2) / 1e6)


def _sealed_step_response(x, t, length, lam, tau):
    """Shape of V(x, t) − E_L after a current step at the sealed end x = 0 of a cable sealed at x = length: the
    infinite cable's response e^(−X) erfc(X/2√T − √T) − e^X erfc(X/2√T + √T) (Rall 1959; Dayan & Abbott 2001,
    ch. 6.3), with X = x/λ, T = t/τ, summed over the mirror images of the source at 2kL."""
    from scipy.special import erfc

    total = 0.0
    for k in range(-6, 7):
        big_x, big_t = np.abs(x - 2 * k * length) / lam, t / tau
        total = total + (np.exp(-big_x) * erfc(big_x / (2 * np.sqrt(big_t)) - np.sqrt(big_t))
                         - np.exp(big_x) * erfc(big_x / (2 * np.sqrt(big_t)) + np.sqrt(big_t)))
    return total


def test_half_time_at_lambda_matches_the_analytic_step_response():
    lam, tau = ct.length_constant(ct.RADIUS, ct.R_M, ct.R_I), 1e-3 * ct.R_M * ct.C_M
    x = (ct.PROBE + 0.5) * ct.DENDRITE_LENGTH / ct.N_COMPARTMENTS
    t = np.arange(1, 10001) * 0.01
    shape = _sealed_step_response(x, t, ct.DENDRITE_LENGTH, lam, tau)
    exact = t[np.argmax(shape >= shape[-1] / 2)]
    assert ct.half_time_at_lambda() == pytest.approx(exact, abs=0.1)
    assert exact == pytest.approx(15.3, abs=0.15)


def test_distance_10_percent_is_the_root_of_the_sealed_profile():
    from scipy.optimize import brentq

    root = brentq(lambda x: np.cosh((3000.0 - x) / 1000.0) / np.cosh(3.0) - 0.1, 0.0, 3000.0)
    assert root <= ct.distance_10_percent() < root + 10.0
    assert root > 1000.0 * np.log(10)  # farther than on a semi-infinite cable
