"""Bug zoo of section 3.4, kinetic models of synaptic transmission."""

MISTAKES = {
    "transmitter_pulse": {
        "pulse after the spike interval shifted": [("(since >= 0) & (since < duration)", "(since > 0) & (since <= duration)")],
        "overlapping pulses add": [("inside = np.any((since >= 0) & (since < duration), axis=-1)\n    return np.where(inside, t_max, 0.0)",
                                    "return t_max * np.sum((since >= 0) & (since < duration), axis=-1)")],
        "symmetric around the spike": [("(since >= 0) & (since < duration)", "np.abs(since) < duration")],
    },
    "kinetic_synapse_step": {
        "binding without (1 - r)": [("alpha * transmitter * (1.0 - r)", "alpha * transmitter")],
        "forgets dt": [("return r + dt * (", "return r + (")],
        "module constants": [("alpha * transmitter * (1.0 - r) - beta * r", "ALPHA * transmitter * (1.0 - r) - BETA * r")],
    },
    "open_fraction_after_pulse": {
        "rate without beta": [("rate = alpha * t_max + beta", "rate = alpha * t_max")],
        "approaches 1": [("return r_inf + (np.asarray(r0, dtype=float) - r_inf)", "return 1.0 + (np.asarray(r0, dtype=float) - 1.0)")],
        "start and end swapped": [("return r_inf + (np.asarray(r0, dtype=float) - r_inf) * np.exp(-rate * duration)",
                                   "return np.asarray(r0, dtype=float) + (r_inf - np.asarray(r0, dtype=float)) * np.exp(-rate * duration)")],
    },
    # Discovery answers, each what a mistaken step gives with the reference closed form (α = 2, β = 0.2).
    "half_open_duration": {
        "relaxation with α T alone": "half_open_duration = np.log(2) / (ALPHA * T_MAX)",
        "half of r∞ instead of half of all receptors": "half_open_duration = np.log(2) / (ALPHA * T_MAX + BETA)",
        "the rise time constant 1/(α T + β)": "half_open_duration = 1 / (ALPHA * T_MAX + BETA)",
        "log10": "half_open_duration = -np.log10(1 - 0.5 * (ALPHA + BETA) / ALPHA) / (ALPHA + BETA)",
        "in µs": "half_open_duration = 363.0",
    },
    "half_open_concentration": {
        "relaxation with α T alone": "half_open_concentration = np.log(2) / (ALPHA * PULSE_DURATION)",
        "half of r∞ instead of half of all receptors": "half_open_concentration = (np.log(2) - BETA) / ALPHA",
        "the steady state α T / (α T + β) = 1/2 of a long pulse": "half_open_concentration = BETA / ALPHA",
        "in µM": "half_open_concentration = 393.3",
    },
}

ALTERNATIVES = {
    "transmitter_pulse": {
        "loop over spikes": """
            def transmitter_pulse(t, spike_times, t_max=T_MAX, duration=PULSE_DURATION):
                t = np.asarray(t, dtype=float)
                inside = np.zeros(t.shape, dtype=bool)
                for spike in spike_times:
                    inside |= (t >= spike) & (t < spike + duration)
                return t_max * inside
        """,
    },
    "kinetic_synapse_step": {
        "relaxation form": """
            def kinetic_synapse_step(r, transmitter, dt, alpha=ALPHA, beta=BETA):
                rate = alpha * np.asarray(transmitter) + beta
                r_inf = alpha * np.asarray(transmitter) / rate
                return r + dt * rate * (r_inf - r)
        """,
    },
    "open_fraction_after_pulse": {
        "opening and closing terms": """
            def open_fraction_after_pulse(r0, t_max=T_MAX, duration=PULSE_DURATION, alpha=ALPHA, beta=BETA):
                decay = np.exp(-(alpha * t_max + beta) * duration)
                return np.asarray(r0) * decay + alpha * t_max / (alpha * t_max + beta) * (1 - decay)
        """,
    },
    "half_open_duration": {
        "solved for d": "half_open_duration = -np.log(1 - 0.5 * (ALPHA + BETA) / ALPHA) / (ALPHA + BETA)",
        "Euler simulation at dt = 0.001 ms": """
            r, steps = 0.0, 0
            while r < 0.5:
                r = kinetic_synapse_step(r, T_MAX, 0.001)
                steps += 1
            half_open_duration = steps * 0.001
        """,
    },
    "half_open_concentration": {
        "bisection": """
            low, high = 0.0, T_MAX
            for _ in range(40):
                middle = (low + high) / 2
                low, high = (middle, high) if open_fraction_after_pulse(0.0, t_max=middle) < 0.5 else (low, middle)
            half_open_concentration = high
        """,
    },
}
