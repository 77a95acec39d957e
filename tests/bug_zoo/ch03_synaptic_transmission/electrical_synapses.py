"""Bug zoo of section 3.7, electrical synapses."""

MISTAKES = {
    "gap_junction_current": {
        "sign": [("return g_gap @ v - g_gap.sum(axis=1) * v", "return g_gap.sum(axis=1) * v - g_gap @ v")],
        "no outflow": [("return g_gap @ v - g_gap.sum(axis=1) * v", "return g_gap @ v")],
        "chain neighbours only": """
            def gap_junction_current(v, g_gap):
                padded = np.concatenate(([v[0]], v, [v[-1]]))
                return np.diag(g_gap, 1).mean() * (padded[2:] - 2 * v + padded[:-2])
        """,
    },
    "coupling_coefficient": {
        "leak fraction": [("return g_gap / (g_gap + g_leak)", "return g_leak / (g_gap + g_leak)")],
        "ratio to the leak": [("return g_gap / (g_gap + g_leak)", "return g_gap / g_leak")],
        "module constant": [("return g_gap / (g_gap + g_leak)", "return g_gap / (g_gap + G_LEAK)")],
    },
    "gap_lif_step": {
        "no spikelets": [("return v + g_gap @ spiked * spike_area / CAPACITANCE, spiked", "return v, spiked")],
        "spikelets before the reset": """
            def gap_lif_step(v, i_ext, g_gap, dt, spike_area=SPIKE_AREA):
                coupling = g_gap @ v - g_gap.sum(axis=1) * v
                v = v + dt / CAPACITANCE * (G_LEAK * (E_LEAK - v) + coupling + i_ext)
                spiked = v >= V_THR
                v = v + g_gap @ spiked * spike_area / CAPACITANCE
                return np.where(spiked, V_RESET, v), spiked
        """,
        "spikelet not divided by C": [("g_gap @ spiked * spike_area / CAPACITANCE", "g_gap @ spiked * spike_area")],
        "coupling sign": [("coupling = g_gap @ v - g_gap.sum(axis=1) * v", "coupling = g_gap.sum(axis=1) * v - g_gap @ v")],
    },
    # Each wrong answer is what the reference functions give with the mistaken step (computed with them).
    "chain_cc_middle": {
        "the pair formula g_c/(g_c + g_L)": "chain_cc_middle = 10.0 / (10.0 + 10.0)",
        "measured at 150 ms, after the step": "chain_cc_middle = 0.9078",
        "ratio of potentials, not of depolarisations": "chain_cc_middle = 1.0638",
        "cell 1 over cell 2": "chain_cc_middle = 1 / 0.3978",
    },
    "chain_cc_end": {
        "product of two pair coefficients": "chain_cc_end = 0.5 * 0.5",
        "cells 1 and 3 joined too (a ring)": "chain_cc_end = 0.5",
        "measured at 150 ms, after the step": "chain_cc_end = 0.8172",
        "in percent": "chain_cc_end = 19.70",
    },
}

ALTERNATIVES = {
    "gap_junction_current": {
        "pairwise differences": """
            def gap_junction_current(v, g_gap):
                return np.sum(g_gap * (v[None, :] - v[:, None]), axis=1)
        """,
    },
    "coupling_coefficient": {
        "from the steady state": """
            def coupling_coefficient(g_gap, g_leak=G_LEAK):
                g_gap = np.asarray(g_gap, dtype=float)
                # cell 2: g_L (V2 − E) = g_c (V1 − V2)
                return 1.0 / (1.0 + g_leak / np.where(g_gap > 0, g_gap, np.inf)) * (g_gap > 0)
        """,
    },
    "gap_lif_step": {
        "reuses gap_junction_current and a mask": """
            def gap_lif_step(v, i_ext, g_gap, dt, spike_area=SPIKE_AREA):
                v = v + dt * (G_LEAK * (E_LEAK - v) + gap_junction_current(v, g_gap) + i_ext) / CAPACITANCE
                spiked = v >= V_THR
                v = v.copy()
                v[spiked] = V_RESET
                v += spike_area / CAPACITANCE * g_gap[:, spiked].sum(axis=1)
                return v, spiked
        """,
    },
    "chain_cc_middle": {
        "the steady state solved exactly": "chain_cc_middle = 0.4",
        "simulated at dt = 0.1 ms, read at 109 ms": "chain_cc_middle = 0.3978",
    },
    "chain_cc_end": {
        "the steady state solved exactly": "chain_cc_end = 0.2",
        "simulated at dt = 0.1 ms, read at 109 ms": "chain_cc_end = 0.1970",
    },
}
