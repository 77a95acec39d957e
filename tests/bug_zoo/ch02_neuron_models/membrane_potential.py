"""Bug zoo of section 2.1, morphology and membrane potential."""

MISTAKES = {
    "nernst_potential": {
        "log10 instead of ln": [("np.log(np.asarray(c_out)", "np.log10(np.asarray(c_out)")],
        "ratio inverted": [("np.log(np.asarray(c_out) / np.asarray(c_in))", "np.log(np.asarray(c_in) / np.asarray(c_out))")],
        "temperature used in °C": [("(np.asarray(temperature) + ZERO_CELSIUS)", "np.asarray(temperature)")],
        "returns volts": [("1000.0 * GAS_CONSTANT", "GAS_CONSTANT")],
        "forgets the valence": [("thermal_voltage / np.asarray(z) *", "thermal_voltage *")],
    },
    "ghk_potential": {
        "anions treated like cations": [("cation = z > 0", "cation = np.ones_like(z, dtype=bool)")],
        "log10 instead of ln": [("np.log(outside / inside)", "np.log10(outside / inside)")],
        "temperature used in °C": [("(temperature + ZERO_CELSIUS)", "temperature")],
        "numerator and denominator swapped": [("np.log(outside / inside)", "np.log(inside / outside)")],
        "sum of Nernst potentials weighted by permeability": """
            def ghk_potential(permeability, c_out, c_in, z, temperature=BODY_TEMPERATURE):
                permeability = np.asarray(permeability, dtype=float)
                e = nernst_potential(np.asarray(c_out), np.asarray(c_in), np.asarray(z), temperature)
                return float(np.sum(permeability * e) / np.sum(permeability))
        """,
    },
    "rc_membrane_step": {
        "forgets dt": [("v + dt / tau * (", "v + 1 / tau * (")],
        "forgets the resistance": [("+ r * i_ext)", "+ i_ext)")],
        "leak with the wrong sign": [("-(v - v_rest)", "(v - v_rest)")],
        "ignores its tau argument": [("dt / tau", "dt / TAU_M")],
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "zero_crossing_ratio": {
        "permeability-weighted mean of the Nernst potentials set to 0": "zero_crossing_ratio = 1.944",
        "chloride left out (P_Cl = 0)": "zero_crossing_ratio = 1.038",
        "chloride given valence +1": "zero_crossing_ratio = 0.692",
        "P_K / P_Na reported": "zero_crossing_ratio = 1 / 1.385",
    },
    "gain_50hz": {
        "amplitude over the whole run, transient included": "gain_50hz = 0.3645",
        "peak-to-peak instead of amplitude": "gain_50hz = 0.6094",
        "sin(50 t) with t in seconds, no 2π": "gain_50hz = 0.8953",
        "amplitude in mV, not divided by R I_0": "gain_50hz = 3.047",
    },
}

ALTERNATIVES = {
    "nernst_potential": {
        "log10 with 2.303 RT/F": """
            def nernst_potential(c_out, c_in, z, temperature=37.0):
                kelvin = np.asarray(temperature) + 273.15
                return 2.302585093 * 8.314 * kelvin / 96485.0 * 1e3 / z * np.log10(np.divide(c_out, c_in))
        """,
    },
    "ghk_potential": {
        "explicit loop over ions": """
            def ghk_potential(permeability, c_out, c_in, z, temperature=BODY_TEMPERATURE):
                numerator = denominator = 0.0
                for p, outside, inside, valence in zip(permeability, c_out, c_in, z):
                    if valence > 0:
                        numerator, denominator = numerator + p * outside, denominator + p * inside
                    else:
                        numerator, denominator = numerator + p * inside, denominator + p * outside
                return 1000 * GAS_CONSTANT * (temperature + ZERO_CELSIUS) / FARADAY * np.log(numerator / denominator)
        """,
    },
    "rc_membrane_step": {
        "steady-state form": """
            def rc_membrane_step(v, i_ext, dt, tau=TAU_M, r=R_M, v_rest=V_REST):
                v_inf = v_rest + r * np.asarray(i_ext)
                return v + (v_inf - v) * dt / tau
        """,
    },
    "zero_crossing_ratio": {
        "root of the GHK equation, solved by hand: 130 r = 180": "zero_crossing_ratio = 180 / 130",
        "the root rounded down to 0.01": "zero_crossing_ratio = 1.38",
    },
    "gain_50hz": {
        "the exact sinusoidal steady state 1/sqrt(1 + (2π f τ)²)": "gain_50hz = 1 / np.sqrt(1 + (2 * np.pi * 0.05 * TAU_M) ** 2)",
        "Euler at dt = 0.01 ms": "gain_50hz = 0.3035",
    },
}
