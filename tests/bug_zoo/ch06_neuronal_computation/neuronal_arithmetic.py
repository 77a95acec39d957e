"""Bug zoo of chapter 6, computation in neural circuits (neuronal arithmetic)."""

MISTAKES = {
    "goldwyn_step": {
        "forgets dt in the voltage update": [("v_next = v - dt * (i_ion + i_syn) / C_M", "v_next = v - (i_ion + i_syn) / C_M")],
        "h = n instead of 1 − n": [("* (1.0 - n) * (v - E_NA)", "* n * (v - E_NA)")],
        "A-current reversing at E_L": [("+ (G_K * (n2 * n2) + g_a * (a * a * a) * b) * (v - E_K)",
                                        "+ G_K * (n2 * n2) * (v - E_K) + g_a * (a * a * a) * b * (v - E_L)")],
        "a² instead of a³": [("g_a * (a * a * a) * b", "g_a * (a * a) * b")],
        "synaptic currents with the wrong sign": [("i_syn = G_EXC", "i_syn = -G_EXC"),
                                                  ("+ G_INH * s_inh * (v - E_INH)", "- G_INH * s_inh * (v - E_INH)")],
        "inhibition reverses at E_K": [("(v - E_INH)", "(v - E_K)")],
        "this step's spikes act on v at once": [
            ("    i_syn = G_EXC * s_exc * (v - E_EXC) + G_INH * s_inh * (v - E_INH)\n",
             "    i_syn = (G_EXC * (s_exc + spikes_exc) * (v - E_EXC)\n"
             "             + G_INH * (s_inh + spikes_inh) * (v - E_INH))\n")],
        "τ_n without the factor 1/0.75": [(") / 0.75  # ms", ")  # ms")],
        "b∞ with the sign of an activation gate": [("np.exp((v + 70.0) / 6.0)", "np.exp(-(v + 70.0) / 6.0)")],
        "spike adds dt instead of 1": [("s_exc - dt * BETA_EXC * s_exc + spikes_exc",
                                        "s_exc - dt * BETA_EXC * s_exc + dt * spikes_exc")],
        "inhibitory synapse decays with BETA_EXC": [("s_inh - dt * BETA_INH * s_inh", "s_inh - dt * BETA_EXC * s_inh")],
        "gates updated with the new potential": [
            ("    n_next = n + dt * (n_inf - n) / tau_n\n",
             "    n_next = n + dt * (1.0 / (1.0 + np.exp((-32.0 - v_next) / 8.0)) - n) / tau_n\n")],
        "updates its inputs in place": """
            def goldwyn_step(v, n, a, b, s_exc, s_inh, spikes_exc, spikes_inh, g_a, dt):
                m_inf = 1.0 / (1.0 + np.exp(-(v + 30.0) / 15.0))
                n_inf = 1.0 / (1.0 + np.exp(-(v + 32.0) / 8.0))
                tau_n = (1.0 + 100.0 / (1.0 + np.exp((v + 80.0) / 26.0))) / 0.75
                a_inf = 1.0 / (1.0 + np.exp(-(v + 50.0) / 20.0))
                b_inf = 1.0 / (1.0 + np.exp((v + 70.0) / 6.0))
                current = (G_NA * m_inf**3 * (1 - n) * (v - E_NA) + G_K * n**4 * (v - E_K)
                           + g_a * a**3 * b * (v - E_K) + G_L * (v - E_L)
                           + G_EXC * s_exc * (v - E_EXC) + G_INH * s_inh * (v - E_INH))
                v -= dt * current / C_M
                n += dt * (n_inf - n) / tau_n
                a += dt * (a_inf - a) / 2.0
                b += dt * (b_inf - b) / 150.0
                s_exc += -dt * BETA_EXC * s_exc + spikes_exc
                s_inh += -dt * BETA_INH * s_inh + spikes_inh
                return v, n, a, b, s_exc, s_inh
        """,
    },
    # The discovery answers, each what the notebook's experiment gives after the mistaken step in its name.
    "divisive_slope": {
        "line forced through the origin": "divisive_slope = 0.778",
        "ratio of the mean rates": "divisive_slope = 10.44 / 13.52",
        "the strong A-current's slope": "divisive_slope = 0.999",
        "axes swapped": "divisive_slope = 1.143",
        "in percent": "divisive_slope = 81.8",
        "slope of output against input rate": "divisive_slope = 0.174",
    },
    "subtractive_intercept": {
        "silent cells included": "subtractive_intercept = -3.31",
        "fit over the cells that fire without inhibition": "subtractive_intercept = -3.76",
        "the weak A-current's intercept": "subtractive_intercept = -0.63",
        "intercept on the x axis": "subtractive_intercept = 4.73",
        "in spikes per ms": "subtractive_intercept = -0.00473",
    },
    "shunting_lif_rate": {
        "time constant not shortened": [("tau = (TAU_M / R_M) / g_total", "tau = TAU_M")],
        "input not divided by the total conductance": [
            ("v_inf = V_REST + np.asarray(i_ext, dtype=float) / g_total",
             "v_inf = V_REST + R_M * np.asarray(i_ext, dtype=float)")],
        "shunt as a subtracted current": [
            ("tau = (TAU_M / R_M) / g_total", "tau = TAU_M"),
            ("v_inf = V_REST + np.asarray(i_ext, dtype=float) / g_total",
             "v_inf = V_REST + R_M * (np.asarray(i_ext, dtype=float) - (g_total - 1.0 / R_M) * (V_THR - V_REST))")],
        "no refractory period": [("isi = T_REF + tau", "isi = tau")],
        "restarts from V_REST": [("(safe - V_RESET)", "(safe - V_REST)")],
        "rate in spikes per ms": [("1000.0 / isi", "1.0 / isi")],
        "shunt adds the conductance to the capacitance": [("tau = (TAU_M / R_M) / g_total", "tau = TAU_M * g_total")],
    },
    "divisive_normalization": {
        "power of the summed drive": [("powered.sum(axis=-1, keepdims=True)",
                                       "np.asarray(drive, dtype=float).sum(axis=-1, keepdims=True) ** exponent")],
        "σ not raised to the exponent": [("sigma**exponent + powered", "sigma + powered")],
        "normalises over the first axis": [("powered.sum(axis=-1, keepdims=True)", "powered.sum(axis=0, keepdims=True)")],
        "forgets gamma": [("return gamma * powered", "return powered")],
        "pool without the unit itself": [("powered.sum(axis=-1, keepdims=True))",
                                          "powered.sum(axis=-1, keepdims=True) - powered)")],
        "sums the whole array": [("powered.sum(axis=-1, keepdims=True)", "powered.sum()")],
    },
}

ALTERNATIVES = {
    "goldwyn_step": {
        "powers with ** and one current sum": """
            def goldwyn_step(v, n, a, b, s_exc, s_inh, spikes_exc, spikes_inh, g_a, dt):
                v = np.asarray(v, dtype=float)
                m_inf = 1.0 / (1.0 + np.exp(-(v + 30.0) / 15.0))
                n_inf = 1.0 / (1.0 + np.exp(-(v + 32.0) / 8.0))
                tau_n = (1.0 + 100.0 / (1.0 + np.exp((v + 80.0) / 26.0))) / 0.75
                a_inf = 1.0 / (1.0 + np.exp(-(v + 50.0) / 20.0))
                b_inf = 1.0 / (1.0 + np.exp((v + 70.0) / 6.0))
                conductances = (G_NA * m_inf**3 * (1 - n), G_K * n**4, g_a * a**3 * b, G_L,
                                G_EXC * s_exc, G_INH * s_inh)
                reversals = (E_NA, E_K, E_K, E_L, E_EXC, E_INH)
                current = sum(g * (v - e) for g, e in zip(conductances, reversals))
                return (v - dt * current / C_M, n + dt * (n_inf - n) / tau_n, a + dt * (a_inf - a) / 2.0,
                        b + dt * (b_inf - b) / 150.0, s_exc * (1 - dt * BETA_EXC) + spikes_exc,
                        s_inh * (1 - dt * BETA_INH) + spikes_inh)
        """,
    },
    "divisive_slope": {
        "all cells in the fit": "divisive_slope = 0.812",
        "ratio of the slopes against the input rate": "divisive_slope = 0.842",
        "rounded to two decimals": "divisive_slope = 0.82",
    },
    "subtractive_intercept": {
        "mean difference of the rates": "subtractive_intercept = -4.49",
        "rounded to one decimal": "subtractive_intercept = -4.7",
    },
    "shunting_lif_rate": {
        "through section 2.4's rate at the scaled current": """
            def shunting_lif_rate(i_ext, g_shunt):
                factor = 1.0 + R_M * np.asarray(g_shunt, dtype=float)
                i_eff = np.asarray(i_ext, dtype=float) / factor
                rate = lif_rate_theory(i_eff)
                with np.errstate(divide="ignore"):
                    isi = T_REF + (1000.0 / rate - T_REF) / factor
                return np.where(rate > 0, 1000.0 / isi, 0.0)
        """,
    },
    "divisive_normalization": {
        "explicit loop over populations": """
            def divisive_normalization(drive, sigma=NORM_SIGMA, gamma=NORM_GAMMA, exponent=NORM_EXPONENT):
                drive = np.asarray(drive, dtype=float)
                flat = drive.reshape(-1, drive.shape[-1])
                out = np.empty_like(flat)
                for i, d in enumerate(flat):
                    p = np.power(d, exponent)
                    out[i] = gamma * p / (np.power(sigma, exponent) + np.sum(p))
                return out.reshape(drive.shape)
        """,
    },
}
