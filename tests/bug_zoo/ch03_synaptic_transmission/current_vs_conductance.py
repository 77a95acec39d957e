"""Bug zoo of section 3.2, current-based against conductance-based synapses."""

MISTAKES = {
    "current_based_input": {
        "sums over time instead of synapses": [("return np.asarray(s) @ np.asarray(w)",
                                                "return np.sum(np.asarray(s) * np.asarray(w), axis=0)")],
        "ignores the weights": [("return np.asarray(s) @ np.asarray(w)", "return np.asarray(s).sum(axis=-1)")],
        "weights times the mean activation": [("return np.asarray(s) @ np.asarray(w)",
                                               "return np.sum(w) * np.asarray(s).mean(axis=-1)")],
    },
    "conductance_based_input": {
        "sign of the driving force": [("np.asarray(e_syn) - np.asarray(v, dtype=float)[..., None]",
                                       "np.asarray(v, dtype=float)[..., None] - np.asarray(e_syn)")],
        "no driving force": [("np.sum(g * driving_force, axis=-1)", "np.sum(g * np.asarray(e_syn), axis=-1)")],
        "v broadcast along the synapses": [("np.asarray(v, dtype=float)[..., None]", "np.asarray(v, dtype=float)")],
    },
    "steady_state_potential": {
        "no leak": [("(g_leak * e_leak + g_exc * e_exc + g_inh * e_inh) / (g_leak + g_exc + g_inh)",
                     "(g_exc * e_exc + g_inh * e_inh) / (g_exc + g_inh)")],
        "current-based": [("(g_leak * e_leak + g_exc * e_exc + g_inh * e_inh) / (g_leak + g_exc + g_inh)",
                           "e_leak + (g_exc * (e_exc - e_leak) + g_inh * (e_inh - e_leak)) / g_leak")],
        "leak term forgotten in the numerator": [("(g_leak * e_leak + g_exc * e_exc", "(g_exc * e_exc")],
    },
    # Discovery answers, each what a mistaken step gives (computed with the reference functions): the ratio of the
    # depolarisations is g_L / (g_L + g_e); Figure 3's mean total conductance is 3.0381 nS.
    "g_ten_percent": {
        "a grid of 0.1 nS": "g_ten_percent = 1.2",
        "the current-based 10 % above the conductance-based": "g_ten_percent = G_LEAK / 10",
        "potentials V∞ compared instead of depolarisations": "g_ten_percent = 3.015",
        "in µS": "g_ten_percent = 0.00112",
    },
    "tau_effective": {
        "the leak's own time constant": "tau_effective = CAPACITANCE / G_LEAK",
        "the mean conductance of one synapse": "tau_effective = CAPACITANCE / (G_LEAK + 3.0381 / 200)",
        "the leak left out": "tau_effective = CAPACITANCE / 3.0381",
        "in seconds": "tau_effective = CAPACITANCE / (G_LEAK + 3.0381) / 1000",
    },
}

ALTERNATIVES = {
    "current_based_input": {
        "einsum": """
            def current_based_input(w, s):
                return np.einsum("...j,j->...", np.asarray(s, dtype=float), np.asarray(w, dtype=float))
        """,
    },
    "conductance_based_input": {
        "expanded": """
            def conductance_based_input(g, v, e_syn):
                g = np.asarray(g, dtype=float)
                return g @ np.asarray(e_syn, dtype=float) - g.sum(axis=-1) * np.asarray(v, dtype=float)
        """,
    },
    "steady_state_potential": {
        "relaxation form": """
            def steady_state_potential(g_exc, g_inh, g_leak=G_LEAK, e_leak=E_LEAK, e_exc=E_EXC, e_inh=E_INH):
                total = g_leak + np.asarray(g_exc, dtype=float) + np.asarray(g_inh, dtype=float)
                return e_leak + (np.asarray(g_exc) * (e_exc - e_leak) + np.asarray(g_inh) * (e_inh - e_leak)) / total
        """,
    },
    "g_ten_percent": {
        "the last grid point before the shortfall": "g_ten_percent = 1.11",
        "solved: g_L / (g_L + g_e) = 0.9": "g_ten_percent = G_LEAK / 9",
    },
    "tau_effective": {
        "the first 50 ms left out": "tau_effective = 15.29",
        "the time average of C / (g_L + g(t))": "tau_effective = 15.43",
        "the expected mean conductance N ν Δg τ": "tau_effective = CAPACITANCE / (G_LEAK + 200 * 5.0e-3 * 0.6 * 5.0)",
    },
}
