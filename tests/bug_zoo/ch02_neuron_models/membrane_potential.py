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
}
