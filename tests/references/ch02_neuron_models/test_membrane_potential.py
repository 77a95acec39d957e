"""Independent validation of the membrane-potential reference: physical constants
from ``scipy.constants``, the textbook potassium potential, the GHK potential as
the zero of the GHK current equation, and the exact RC step response."""

import numpy as np
import pytest
from scipy import constants
from scipy.optimize import brentq

from solutions.ch02_neuron_models import membrane_potential as mp

THERMAL_VOLTAGE_37 = 1000 * constants.k * constants.N_A * (37 + constants.zero_Celsius) / (constants.e * constants.N_A)


def test_thermal_voltage_and_potassium_potential():
    assert THERMAL_VOLTAGE_37 == pytest.approx(26.7, abs=0.05)
    assert mp.nernst_potential(np.e, 1.0, 1) == pytest.approx(THERMAL_VOLTAGE_37, rel=1e-9)
    assert mp.nernst_potential(5.0, 140.0, 1) == pytest.approx(-89.0, abs=0.1)  # Hille (2001), ch. 1
    # A divalent ion needs half the potential; a tenfold ratio gives 61.5 mV per charge.
    assert mp.nernst_potential(10.0, 1.0, 2) == pytest.approx(THERMAL_VOLTAGE_37 * np.log(10) / 2, rel=1e-9)


def _ghk_current(v, permeability, c_out, c_in, z, thermal_voltage):
    """Net GHK current (arbitrary units) at potential ``v`` (mV): the constant-field
    flux of each ion, Goldman (1943), summed."""
    u = z * v / thermal_voltage  # z² F V / RT = z u
    return np.sum(permeability * z * u * (c_in - c_out * np.exp(-u)) / -np.expm1(-u))


@pytest.mark.parametrize("seed", range(5))
def test_ghk_potential_is_the_zero_of_the_ghk_current(seed):
    rng = np.random.default_rng(seed)
    p, c_out, c_in = rng.uniform(0.01, 1, 4), rng.uniform(2, 150, 4), rng.uniform(2, 150, 4)
    z = np.array([1.0, 1.0, -1.0, -1.0])
    v = brentq(_ghk_current, -200, 200, args=(p, c_out, c_in, z, THERMAL_VOLTAGE_37), xtol=1e-12)
    assert mp.ghk_potential(p, c_out, c_in, z) == pytest.approx(v, abs=1e-7)


def test_mammalian_resting_potential():
    # P_K : P_Na : P_Cl = 1 : 0.05 : 0.45 between E_K and E_Na, near the textbook −65 mV.
    v = mp.ghk_potential([1.0, 0.05, 0.45], [5.0, 145.0, 110.0], [140.0, 15.0, 10.0], [1, 1, -1])
    assert v == pytest.approx(-65.0, abs=0.5)


def test_rc_step_converges_to_the_exact_response_at_first_order():
    current, t_end = 0.1, 25.0
    exact = mp.V_REST + mp.R_M * current * (1 - np.exp(-t_end / mp.TAU_M))
    errors = []
    for dt in (0.2, 0.1, 0.05):
        v = mp.V_REST
        for _ in range(round(t_end / dt)):
            v = mp.rc_membrane_step(v, current, dt)
        errors.append(abs(v - exact))
    assert errors[-1] < 0.01
    for coarse, fine in zip(errors, errors[1:]):
        assert 1.8 < coarse / fine < 2.2


def test_zero_crossing_ratio_solves_the_ghk_equation_by_hand():
    # 0 mV: numerator = denominator, 5 + 145 r + 0.45 · 10 = 140 + 15 r + 0.45 · 110, so r = 180 / 130.
    exact = 180 / 130
    assert exact <= mp.zero_crossing_ratio() < exact + 0.01


def test_gain_50hz_matches_the_sinusoidal_steady_state():
    omega_tau = 2 * np.pi * mp.SINE_FREQUENCY / 1000 * mp.TAU_M
    exact = 1 / np.sqrt(1 + omega_tau**2)  # |1 / (1 + iωτ)|
    assert mp.gain_50hz() == pytest.approx(exact, abs=2e-3)  # Euler at dt = 0.1 ms: 0.3047 against 0.3033
