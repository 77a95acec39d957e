"""Bug zoo of section 2.2, the Hodgkin–Huxley model."""

MISTAKES = {
    "hh_rates": {
        "textbook formula, nan at the singular points": """
            def hh_rates(v):
                v = np.asarray(v, dtype=float)
                alpha_m = 0.1 * (v + 40) / (1 - np.exp(-(v + 40) / 10))
                beta_m = 4 * np.exp(-(v + 65) / 18)
                alpha_h = 0.07 * np.exp(-(v + 65) / 20)
                beta_h = 1 / (1 + np.exp(-(v + 35) / 10))
                alpha_n = 0.01 * (v + 55) / (1 - np.exp(-(v + 55) / 10))
                beta_n = 0.125 * np.exp(-(v + 65) / 80)
                return alpha_m, beta_m, alpha_h, beta_h, alpha_n, beta_n
        """,
        "wrong sign in alpha_m": [("exprel(-(v + 40.0) / 10.0)", "exprel((v + 40.0) / 10.0)")],
        "wrong sign in beta_h": [("np.exp(-(v + 35.0) / 10.0)", "np.exp((v + 35.0) / 10.0)")],
        "loses the factor 10 of alpha_n": [("0.1 / exprel(-(v + 55.0)", "0.01 / exprel(-(v + 55.0)")],
    },
    "hh_step": {
        "forgets dt in the voltage": [("v + dt * (i_ext", "v + (i_ext")],
        "m squared": [("m**3", "m**2")],
        "n cubed": [("n**4", "n**3")],
        "wrong sign of the leak": [("G_L * (v - E_L)", "G_L * (E_L - v)")],
        "gates see the new voltage": [
            ("    alpha_m, beta_m, alpha_h, beta_h, alpha_n, beta_n = hh_rates(v)\n", ""),
            ("    v_next = v + dt * (i_ext - i_na - i_k - i_l) / C_M\n",
             "    v_next = v + dt * (i_ext - i_na - i_k - i_l) / C_M\n"
             "    alpha_m, beta_m, alpha_h, beta_h, alpha_n, beta_n = hh_rates(v_next)\n"),
        ],
    },
    "simulate_hh": {
        "gates start at rounded values": [("for x in (v0, *gates)", "for x in (v0, 0.05, 0.6, 0.32)")],
        "records the state after the step": [
            ("        traces[:, k] = state\n        state = hh_step(*state, i_ext[k], dt)",
             "        state = hh_step(*state, i_ext[k], dt)\n        traces[:, k] = state"),
        ],
        "driven by the previous row's input": [("i_ext[k], dt)", "i_ext[k - 1], dt)")],
    },
    "count_spikes": {
        "counts samples above threshold": [("np.sum(above[1:] & ~above[:-1], axis=0)", "np.sum(above, axis=0)")],
        "counts downward crossings too": [("above[1:] & ~above[:-1]", "above[1:] != above[:-1]")],
        "reaching the threshold does not count": [("above = v >= threshold", "above = v > threshold")],
        "misses a crossing at the last sample": [("above[1:] & ~above[:-1]", "above[1:-1] & ~above[:-2]")],
        "counts along the wrong axis": [("axis=0", "axis=-1")],
    },
    "connor_stevens_step": {
        "a to the fourth": [("CS_G_A * a**3 * b", "CS_G_A * a**4 * b")],
        "A-current without inactivation": [("CS_G_A * a**3 * b", "CS_G_A * a**3")],
        "Hodgkin–Huxley reversal potentials": [("(v - CS_E_NA)", "(v - E_NA)"), ("(v - CS_E_K)", "(v - E_K)"),
                                                ("(v - CS_E_L)", "(v - E_L)")],
        "gates multiplied by tau": [("dt * (x_inf - x) / tau", "dt * (x_inf - x) * tau")],
        "gates relax away from the steady state": [("dt * (x_inf - x) / tau", "dt * (x - x_inf) / tau")],
    },
    "onset_current": {
        "two spikes at the start count as firing": "onset_current = 6.0",
        "five spikes, then rest, count as firing": "onset_current = 6.2",
        "the threshold of a single spike": "onset_current = 2.5",
        "in mA/cm²": "onset_current = 0.0063",
    },
    "onset_rate": {
        "spikes after the transient divided by the whole 500 ms": "onset_rate = 21 / 0.5",
        "down-crossings counted too": "onset_rate = 2 * 21 / 0.4",
        "spikes per millisecond": "onset_rate = 21 / 400",
        "all 27 spikes divided by 400 ms": "onset_rate = 27 / 0.4",
    },
}

ALTERNATIVES = {
    "hh_rates": {
        "NEURON's vtrap": """
            def hh_rates(v):
                v = np.asarray(v, dtype=float)

                def vtrap(x, y):
                    # x / (exp(x / y) - 1), with its limit y (1 - x / 2y) near x = 0, as in NEURON's hh.mod
                    small = np.abs(x / y) < 1e-6
                    safe = np.where(small, 1.0, x)
                    return np.where(small, y * (1 - x / y / 2), safe / np.expm1(safe / y))

                alpha_m = 0.1 * vtrap(-(v + 40), 10)
                beta_m = 4 * np.exp(-(v + 65) / 18)
                alpha_h = 0.07 * np.exp(-(v + 65) / 20)
                beta_h = 1 / (np.exp(-(v + 35) / 10) + 1)
                alpha_n = 0.01 * vtrap(-(v + 55), 10)
                beta_n = 0.125 * np.exp(-(v + 65) / 80)
                return alpha_m, beta_m, alpha_h, beta_h, alpha_n, beta_n
        """,
    },
    "hh_step": {
        "steady state and time constant form": """
            def hh_step(v, m, h, n, i_ext, dt):
                rates = hh_rates(v)
                gates = []
                for x, alpha, beta in zip((m, h, n), rates[::2], rates[1::2]):
                    tau = 1 / (alpha + beta)
                    gates.append(x + dt * (alpha * tau - x) / tau)
                conductance = G_NA * m**3 * h + G_K * n**4 + G_L
                reversal = G_NA * m**3 * h * E_NA + G_K * n**4 * E_K + G_L * E_L
                return (v + dt / C_M * (i_ext + reversal - conductance * v), *gates)
        """,
    },
    "simulate_hh": {
        "lists then stack": """
            def simulate_hh(i_ext, dt, v0=V_REST):
                i_ext = np.asarray(i_ext, dtype=float)
                am, bm, ah, bh, an, bn = hh_rates(v0)
                shape = i_ext.shape[1:]
                state = (np.full(shape, float(v0)), np.full(shape, am / (am + bm)),
                         np.full(shape, ah / (ah + bh)), np.full(shape, an / (an + bn)))
                rows = []
                for current in i_ext:
                    rows.append(state)
                    state = hh_step(*state, current, dt)
                v, m, h, n = (np.array(x) for x in zip(*rows))
                return v, m, h, n
        """,
    },
    "count_spikes": {
        "explicit loop": """
            def count_spikes(v, threshold=0.0):
                v = np.asarray(v)
                counts = np.zeros(v.shape[1:], dtype=int)
                for k in range(1, len(v)):
                    counts += (v[k - 1] < threshold) & (v[k] >= threshold)
                return counts if counts.ndim else int(counts)
        """,
        "np.diff of the boolean trace": """
            def count_spikes(v, threshold=0.0):
                above = (np.asarray(v) >= threshold).astype(int)
                return np.count_nonzero(np.diff(above, axis=0) == 1, axis=0)
        """,
    },
    "connor_stevens_step": {
        "explicit unpacking": """
            def connor_stevens_step(v, m, h, n, a, b, i_ext, dt):
                (m_inf, tau_m), (h_inf, tau_h), (n_inf, tau_n), (a_inf, tau_a), (b_inf, tau_b) = connor_stevens_gates(v)
                i_na = CS_G_NA * m**3 * h * (v - CS_E_NA)
                i_k = CS_G_K * n**4 * (v - CS_E_K)
                i_a = CS_G_A * a**3 * b * (v - CS_E_A)
                i_l = CS_G_L * (v - CS_E_L)
                dv = (i_ext - i_na - i_k - i_a - i_l) / C_M
                return (v + dt * dv, m + dt * (m_inf - m) / tau_m, h + dt * (h_inf - h) / tau_h,
                        n + dt * (n_inf - n) / tau_n, a + dt * (a_inf - a) / tau_a, b + dt * (b_inf - b) / tau_b)
        """,
    },
    "onset_current": {
        "a finer search, to 0.01 µA/cm²": "onset_current = 6.23",
        "the grid's answer as an integer count of tenths": "onset_current = 63 / 10",
    },
    "onset_rate": {
        "the inverse of the interspike interval at 6.23 µA/cm²": "onset_rate = 1000 / 19.6",
        "spikes after the transient at 6.23 µA/cm²": "onset_rate = 20 / 0.4",
    },
}
