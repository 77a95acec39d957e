"""Checks of section 2.6, cable theory.

Besides the comparison with ``solutions``, the checks test the syllabus facts:
λ = 1000 µm for a = 1 µm, R_m = 20 000 Ω cm², R_i = 100 Ω cm, and λ ∝ √a;
a uniform potential feels only the leak (no axial current, also at the sealed
ends); the steady state of a long cable falls to 1/e at x = λ and is flat at a
sealed end. Two discovery answers: the half-rise time about λ from the injection
and the distance at which the steady potential of the 3-mm dendrite falls to 10 %.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call
from solutions.ch02_neuron_models import cable_theory as ref


def length_constant(student_length_constant):
    """Check ``length_constant(a, r_m, r_i)`` on random cables and the textbook one."""
    rng = np.random.default_rng(261)
    a, r_m, r_i = rng.uniform(0.2, 5, 30), rng.uniform(5e3, 5e4, 30), rng.uniform(50, 300, 30)
    expected = ref.length_constant(a, r_m, r_i)
    assert_close(
        call(student_length_constant, a, r_m, r_i), expected,
        "length_constant(a, r_m, r_i) for radii 0.2–5 µm, R_m 5000–50 000 Ω cm², R_i 50–300 Ω cm",
        atol=1e-9, rtol=1e-9,
        mistakes={
            "λ = √(a R_m / (2 R_i)): the factor 2 is missing.": expected * np.sqrt(2),
            "convert the units: with a in µm (10⁻⁴ cm) λ comes out in cm; multiply by 10⁴ to get µm, "
            "i.e. λ² = 10⁴ a R_m / (2 R_i) µm².": expected / 100,
            "λ is a square root.": expected**2,
            "the radius and R_m are in the numerator, R_i in the denominator.":
                np.sqrt(1e4 * a * r_i / (2 * r_m)),
        },
    )
    assert_close(call(student_length_constant, 1.0, 2e4, 100.0), 1000.0,
                 "length_constant(1 µm, 20 000 Ω cm², 100 Ω cm)", atol=1e-6)


def cable_step(student_cable_step):
    """Check ``cable_step(v, i_inj, dx, dt, a, r_m, r_i, c_m, e_l)`` on random cables."""
    rng = np.random.default_rng(262)
    v, i_inj = rng.uniform(-80, -40, 40), rng.uniform(-0.05, 0.05, 40)
    for dx, dt, params in ((20.0, 0.002, {}), (50.0, 0.01, {"a": 2.0, "r_m": 1e4, "r_i": 150.0, "c_m": 0.8,
                                                            "e_l": -70.0})):
        p = {"a": ref.RADIUS, "r_m": ref.R_M, "r_i": ref.R_I, "c_m": ref.C_M, "e_l": ref.E_L} | params
        tau, lambda_squared = 1e-3 * p["r_m"] * p["c_m"], 1e4 * p["a"] * p["r_m"] / (2 * p["r_i"])
        drive = 100.0 * p["r_m"] * i_inj / (2 * np.pi * p["a"] * dx)

        def euler(laplacian, drive=drive):
            return v + dt / tau * (-(v - p["e_l"]) + lambda_squared * laplacian / dx**2 + drive)

        sealed = np.diff(np.concatenate(([0.0], np.diff(v), [0.0])))  # V_(i+1) − 2 V_i + V_(i−1), sealed ends
        killed = sealed.copy()  # ends held next to E_L instead
        killed[0], killed[-1] = v[1] - 2 * v[0] + p["e_l"], v[-2] - 2 * v[-1] + p["e_l"]
        expected = ref.cable_step(v, i_inj, dx, dt, **p)
        assert_close(
            call(student_cable_step, v, i_inj, dx, dt, **params), expected,
            f"cable_step(v, i_inj, dx={dx}, dt={dt}{''.join(f', {k}={x}' for k, x in params.items())}) "
            "on a random cable of 40 compartments", atol=1e-9, rtol=1e-12,
            mistakes={
                "at a sealed end the missing neighbour contributes nothing: the end compartment's second "
                "difference is V_1 − V_0 (no axial current leaves the cable).": euler(killed),
                "np.roll joins the two ends into a ring; the ends of the cable are sealed instead.":
                    euler(np.roll(v, 1) - 2 * v + np.roll(v, -1)),
                "divide the second difference by dx².": euler(sealed * dx**2),
                "the injected current spreads over the compartment's membrane area 2π a dx (µm²): "
                "R_m i_e = 100 R_m I / (2π a dx) mV.": euler(sealed, drive=100.0 * p["r_m"] * i_inj),
                "the time constant is τ = R_m c_m = 10⁻³ R_m c_m ms.": v + 1e3 * (expected - v),
            },
        )
    uniform = np.full(10, -50.0)
    expected = uniform + 0.01 / (1e-3 * ref.R_M * ref.C_M) * (ref.E_L + 50.0)
    assert_close(call(student_cable_step, uniform, np.zeros(10), 20.0, 0.01), expected,
                 "cable_step on a uniform potential of -50 mV without current", atol=1e-9,
                 hint="a uniform potential drives no axial current, also at the sealed ends: only the leak acts.")


def cable_steady_state(student_steady_state):
    """Check ``cable_steady_state(x, i_0, length, a, r_m, r_i, e_l)`` on short and long cables."""
    for length, i_0, params in ((1500.0, 0.05, {}), (4000.0, 0.2, {"a": 2.0, "r_m": 1e4, "r_i": 150.0,
                                                                    "e_l": -70.0})):
        p = {"a": ref.RADIUS, "r_m": ref.R_M, "r_i": ref.R_I, "e_l": ref.E_L} | params
        x = np.linspace(0, length, 31)
        expected = ref.cable_steady_state(x, i_0, length, **params)
        lam = ref.length_constant(p["a"], p["r_m"], p["r_i"])
        scale = (expected - p["e_l"]) * np.sinh(length / lam) / np.cosh((length - x) / lam)  # I_0 R_λ
        assert_close(
            call(student_steady_state, x, i_0, length, **params), expected,
            f"cable_steady_state(x, i_0={i_0}, length={length}{''.join(f', {k}={v}' for k, v in params.items())}) "
            f"for x from 0 to {length:g} µm", atol=1e-9, rtol=1e-9,
            mistakes={
                "with both ends sealed the profile is cosh((L − x)/λ) / sinh(L/λ); sinh/cosh is the profile "
                "of a cable whose far end is held at E_L.":
                    p["e_l"] + scale * np.sinh((length - x) / lam) / np.cosh(length / lam),
                "a finite cable is not semi-infinite: use cosh((L − x)/λ) / sinh(L/λ), not e^(−x/λ).":
                    p["e_l"] + scale * np.exp(-x / lam),
                "R_λ = R_i λ / (π a²) with the radius a, not the diameter.":
                    p["e_l"] + (expected - p["e_l"]) / 4,
                "R_λ = R_i λ / (π a²) is 10⁻² R_i λ / (π a²) MΩ for λ, a in µm and R_i in Ω cm.":
                    p["e_l"] + (expected - p["e_l"]) * 100,
            },
        )
    lam = ref.length_constant(ref.RADIUS, ref.R_M, ref.R_I)
    values = as_array(call(student_steady_state, np.array([0.0, lam]), 0.05, 20 * lam),
                      "cable_steady_state at x = 0 and x = λ of a cable 20 λ long", shape=(2,))
    assert_close((values[1] - ref.E_L) / (values[0] - ref.E_L), np.exp(-1.0),
                 "(V(λ) − E_L) / (V(0) − E_L) on a cable 20 λ long", atol=1e-9,
                 hint="on a long cable the steady state decays as e^(−x/λ).")


# The half-time at 1025 µm: 15.31 ms with compartments of 50 µm, 15.31 ms with 10 µm (dt = 0.0005 ms), 15.17 and
# 15.44 ms at the neighbouring centres of 25-µm compartments, and 15.41 ms when "half" is half of the analytic steady
# state instead of the value at 100 ms. The question asks for 0.1 ms; 15.3 ± 0.15 accepts all of these and rejects
# the injection site (4.85 ms) and an isolated RC membrane's τ ln 2 (13.86 ms).
half_time_at_lambda = Discovery(
    15.3, 0.15, "half_time_at_lambda, the half-rise time at 1025 µm", unit="ms",
    mistakes={"take the middle probe of Figure 1, compartment 20 at 1025 µm, not the injected compartment.": 4.85,
              "measure the simulated potential: the cable does not charge like a single RC membrane (τ ln 2).": 13.86,
              "half of the value at 100 ms, not 1 − 1/e of it.": 20.59,
              "compartment 20 is the middle probe (about λ); compartment 40 is about 2λ.": 26.96})

# The 10 % point of the sealed 3-mm dendrite: cosh((L − x)/λ)/cosh(L/λ) = 0.1 at x = 2883.7 µm (brentq); a grid of
# 10 µm finds 2890, rounding to 10 µm 2880. 2884 ± 10 accepts these and rejects the semi-infinite cable's
# λ ln 10 = 2302.6 µm and the far end held at E_L (2117 µm).
distance_10_percent = Discovery(
    2884.0, 10.0, "distance_10_percent, where the steady potential has fallen to 10 %", unit="µm",
    mistakes={"the dendrite is 3 λ long and sealed: use cable_steady_state, not e^(−x/λ).": 2302.6,
              "the far end is sealed (cosh/sinh), not held at E_L (sinh/cosh).": 2117.4,
              "fallen to 10 %, not by 10 %: V(x) − E_L = 0.1 (V(0) − E_L).": 105.9})
