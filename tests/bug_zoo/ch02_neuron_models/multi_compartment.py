"""Bug zoo of section 2.7, multi-compartment models."""

MISTAKES = {
    "coupling_currents": {
        "sign flipped": [("return g_couple @ v - g_couple.sum(axis=1) * v", "return g_couple.sum(axis=1) * v - g_couple @ v")],
        "forgets the outflow": [("return g_couple @ v - g_couple.sum(axis=1) * v", "return g_couple @ v")],
        "total conductance instead of the row's": [("g_couple.sum(axis=1) * v", "g_couple.sum() * v")],
        "only the chain's neighbours": """
            def coupling_currents(v, g_couple):
                padded = np.concatenate(([v[0]], v, [v[-1]]))
                return 10.0 * (padded[2:] - 2 * v + padded[:-2])
        """,
    },
    "compartment_step": {
        "forgets the capacitance": [("v + dt / capacitance * (", "v + dt * (")],
        "coupling with the wrong sign": [("+ coupling + i_ext)", "- coupling + i_ext)")],
        "module constants instead of arguments": [("dt / capacitance * (-g_leak * (v - e_leak)",
                                                   "dt / CAPACITANCE * (-G_LEAK * (v - E_LEAK)")],
        "leak with the wrong sign": [("-g_leak * (v - e_leak)", "g_leak * (v - e_leak)")],
    },
    "steady_state": {
        "uncoupled compartments": [("np.diag(g_leak) + laplacian", "np.diag(g_leak)")],
        "forgets the leak reversal": [("g_leak * e_leak + i_ext", "i_ext")],
        "Laplacian with the wrong sign": [("laplacian = np.diag(g_couple.sum(axis=1)) - g_couple",
                                           "laplacian = g_couple - np.diag(g_couple.sum(axis=1))")],
    },
    # The discovery answers, each what the reference steady states give after the mistaken step in its name.
    "tip_from_soma": {
        "the soma's own depolarisation": "tip_from_soma = 3.2456",
        "the thin dendrite's first compartment": "tip_from_soma = 2.6098",
        "the thick dendrite's tip": "tip_from_soma = 1.8354",
        "the potential, not the depolarisation": "tip_from_soma = -64.3785",
        "the input left at the tip": "tip_from_soma = 19.7078",
    },
    "g_thin_half": {
        "both dendrites' conductances changed": "g_thin_half = 176.0",
        "soma against the second-last compartment": "g_thin_half = 146.0",
        "input into the soma, tip against soma": "g_thin_half = 32.0",
        "potentials compared, not depolarisations (the first candidate passes)": "g_thin_half = 10.0",
        "in µS": "g_thin_half = 0.165",
    },
}

ALTERNATIVES = {
    "coupling_currents": {
        "broadcast differences": """
            def coupling_currents(v, g_couple):
                return np.sum(g_couple * (v[None, :] - v[:, None]), axis=1)
        """,
    },
    "compartment_step": {
        "reuses coupling_currents": """
            def compartment_step(v, i_ext, g_couple, dt, capacitance=CAPACITANCE, g_leak=G_LEAK, e_leak=E_LEAK):
                dv = (g_leak * (e_leak - v) + coupling_currents(v, g_couple) + i_ext) / capacitance
                return v + dt * dv
        """,
    },
    "steady_state": {
        "deviation from rest, then shift": """
            def steady_state(i_ext, g_couple, g_leak=G_LEAK, e_leak=E_LEAK):
                n = len(i_ext)
                matrix = -np.array(g_couple, dtype=float)
                matrix[np.diag_indices(n)] = np.sum(g_couple, axis=1) + g_leak
                return e_leak + np.linalg.solve(matrix, i_ext)
        """,
    },
    "tip_from_soma": {
        "rounded to 0.01 mV": "tip_from_soma = 0.62",
        "by reciprocity, the soma's depolarisation for input into the tip (Figure 3)": """
            g, g_leak, thin, _ = _figure3_neuron()  # Figure 3's neuron
            i_tip = np.zeros(len(g))
            i_tip[thin[-1]] = 50.0
            tip_from_soma = steady_state(i_tip, g, g_leak)[0] - E_LEAK
        """,
    },
    "g_thin_half": {
        "a root finder": "g_thin_half = 164.32",
    },
}
