"""Checks of section 2.1, morphology and membrane potential.

Besides the comparison with ``solutions``, the checks test the syllabus facts:
RT/F ≈ 26.7 mV at 37 °C, E_K ≈ −89 mV for 5 mM outside and 140 mM inside, the
GHK potential of a single permeant ion is its Nernst potential and only ratios
of permeabilities matter, and V_rest + RI is the RC membrane's fixed point.
Two discovery answers: P_Na/P_K at 0 mV and the membrane's gain at 50 Hz.

Tolerances for the potentials are relative 1e-3: students may round the
constants (R = 8.314, F = 96485, 0 °C = 273 K changes RT/F by at most 5e-4),
while every listed mistake changes the result by at least a factor 1.0 ± 0.1.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call
from solutions.ch02_neuron_models import membrane_potential as ref

RTOL_CONSTANTS = 1e-3  # rounded physical constants, see above

K_OUT, K_IN = 5.0, 140.0  # mM, the syllabus's potassium concentrations


def nernst_potential(student_nernst):
    """Check ``nernst_potential(c_out, c_in, z, temperature)`` for several ions and temperatures."""
    rng = np.random.default_rng(211)
    c_out, c_in = rng.uniform(1, 150, 20), rng.uniform(1, 150, 20)
    for z, temperature in ((1, 37.0), (2, 20.0), (-1, 6.3)):
        kelvin = temperature + ref.ZERO_CELSIUS
        expected = ref.nernst_potential(c_out, c_in, z, temperature)
        assert_close(
            call(student_nernst, c_out, c_in, z, temperature=temperature), expected,
            f"nernst_potential(c_out, c_in, z={z}, temperature={temperature}) for concentrations in 1–150 mM",
            atol=1e-9, rtol=RTOL_CONSTANTS,
            mistakes={
                "use the natural logarithm (np.log) with RT/zF.": expected / np.log(10),
                "the ratio is c_out / c_in: a positive ion that is more concentrated outside has a "
                "positive reversal potential.": -expected,
                "the temperature is given in °C: add 273.15 to get kelvin.": expected * temperature / kelvin,
                "return millivolts: RT/F is 0.0267 V = 26.7 mV at 37 °C.": expected / 1000.0,
                "divide by the valence z.": expected * z,
            },
        )
    e = np.e
    assert_close(call(student_nernst, e, 1.0, 1, temperature=37.0), 26.73,
                 "nernst_potential(e, 1, z=1, temperature=37) = RT/F at body temperature", atol=0.05,
                 hint="RT/F = 8.314 J/(mol K) · 310.15 K / 96485 C/mol ≈ 26.7 mV.")
    assert_close(call(student_nernst, K_OUT, K_IN, 1), -89.06,
                 "the potassium potential nernst_potential(5, 140, z=1) with the default temperature",
                 atol=0.1, hint="the default temperature is 37 °C.")


def ghk_potential(student_ghk):
    """Check ``ghk_potential(permeability, c_out, c_in, z, temperature)``."""
    rng = np.random.default_rng(212)
    z = np.array([1.0, 1.0, -1.0, -1.0])
    for trial, temperature in enumerate((37.0, 6.3, 20.0)):
        p, c_out, c_in = rng.uniform(0.05, 1, 4), rng.uniform(2, 150, 4), rng.uniform(2, 150, 4)
        kelvin = temperature + ref.ZERO_CELSIUS
        expected = ref.ghk_potential(p, c_out, c_in, z, temperature)
        assert_close(
            call(student_ghk, p, c_out, c_in, z, temperature=temperature), expected,
            f"ghk_potential(permeability, c_out, c_in, z={z.tolist()}, temperature={temperature}) "
            f"on random input {trial + 1}", atol=1e-9, rtol=RTOL_CONSTANTS,
            mistakes={
                "for an anion (z = −1) the inside concentration goes into the numerator and the outside "
                "one into the denominator.": ref.ghk_potential(p, c_out, c_in, np.ones(4), temperature),
                "use the natural logarithm.": expected / np.log(10),
                "the temperature is given in °C: add 273.15 to get kelvin.": expected * temperature / kelvin,
                "the numerator holds the cations' outside concentrations.": -expected,
                "return millivolts.": expected / 1000.0,
            },
        )
    p, c_out, c_in = rng.uniform(0.05, 1, 4), rng.uniform(2, 150, 4), rng.uniform(2, 150, 4)
    for ion in range(4):
        alone = np.where(np.arange(4) == ion, 1.0, 0.0)
        assert_close(call(student_ghk, alone, c_out, c_in, z), ref.nernst_potential(c_out[ion], c_in[ion], z[ion]),
                     f"ghk_potential with only ion {ion} (z = {z[ion]:+.0f}) permeant", atol=1e-9,
                     rtol=RTOL_CONSTANTS, hint="with a single permeant ion the GHK potential is its Nernst potential.")
    assert_close(call(student_ghk, 10.0 * p, c_out, c_in, z), ref.ghk_potential(p, c_out, c_in, z),
                 "ghk_potential with all permeabilities multiplied by 10", atol=1e-9, rtol=RTOL_CONSTANTS,
                 hint="only the ratios of the permeabilities matter.")


def rc_membrane_step(student_step):
    """Check ``rc_membrane_step(v, i_ext, dt, tau, r, v_rest)`` on random states."""
    rng = np.random.default_rng(213)
    v, i_ext = rng.uniform(-90, -40, 30), rng.uniform(-0.2, 0.4, 30)
    # dt is never 1/tau, so forgetting dt and forgetting tau give different outputs.
    for dt, tau, r, v_rest in ((0.05, ref.TAU_M, ref.R_M, ref.V_REST), (0.2, 20.0, 50.0, -70.0)):
        expected = ref.rc_membrane_step(v, i_ext, dt, tau, r, v_rest)
        assert_close(
            call(student_step, v, i_ext, dt, tau=tau, r=r, v_rest=v_rest), expected,
            f"rc_membrane_step(v, i_ext, dt={dt}, tau={tau}, r={r}, v_rest={v_rest}) on random states",
            atol=1e-9, rtol=1e-12,
            mistakes={
                "your update ignores dt: V + dt/τ · (−(V − V_rest) + R I).": v + (-(v - v_rest) + r * i_ext) / tau,
                "divide by the time constant τ.": v + dt * (-(v - v_rest) + r * i_ext),
                "the current enters multiplied by the resistance R.": v + dt / tau * (-(v - v_rest) + i_ext),
                "the leak pulls V towards V_rest: −(V − V_rest).": v + dt / tau * ((v - v_rest) + r * i_ext),
                "use the arguments tau, r and v_rest, not the module's constants.":
                    ref.rc_membrane_step(v, i_ext, dt),
            },
        )
    fixed = ref.V_REST + ref.R_M * i_ext
    assert_close(as_array(call(student_step, fixed, i_ext, 0.1), "rc_membrane_step(V_rest + R I, I, 0.1)",
                          shape=(30,)),
                 fixed, "rc_membrane_step from the fixed point V_rest + R I", atol=1e-9,
                 hint="at V = V_rest + R I the right-hand side vanishes.")


# P_Na/P_K at 0 mV: setting numerator and denominator of the GHK equation equal gives 9.5 + 145 r = 189.5 + 15 r,
# r = 180/130 = 1.3846 (brentq agrees). The question asks for 0.01: a grid's first ratio at or above 0 mV (1.39),
# the rounded root (1.38) and the exact root all lie within 0.01 of 1.3846; every listed mistake is ≥ 0.3 away.
zero_crossing_ratio = Discovery(
    1.3846, 0.01, "zero_crossing_ratio, P_Na/P_K at which the GHK potential reaches 0 mV",
    mistakes={"the GHK potential is not the permeability-weighted mean of the Nernst potentials: use your "
              "ghk_potential.": 1.944,
              "keep chloride permeant (P_Cl/P_K = 0.45), as in Figure 2.": 1.038,
              "chloride is an anion: give ghk_potential its valence −1.": 0.692,
              "the ratio is P_Na / P_K, not P_K / P_Na.": 0.722})

# The gain at 50 Hz: Euler at dt = 0.1 ms, sampled every 0.1 ms, gives 0.3047, dt = 0.01 ms 0.3035 and the exact
# sinusoidal steady state 1/√(1 + (2π f τ)²) = 0.3033. The question asks for 0.01, so 0.304 ± 0.0065 accepts these
# and their roundings (0.30, 0.31), and rejects the amplitude measured over the whole run, transient included (0.365).
gain_50hz = Discovery(
    0.304, 0.0065, "gain_50hz, the amplitude of V at 50 Hz relative to R I_0",
    mistakes={"measure the amplitude after the transient (between 100 and 200 ms), when V oscillates about "
              "V_rest.": 0.365,
              "the amplitude is half of max − min.": 0.609,
              "the phase of sin is 2π f t, with t in seconds (t / 1000 for t in ms).": 0.895,
              "divide the amplitude in mV by R I_0 = 10 mV.": 3.047})
