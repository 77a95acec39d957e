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
}
