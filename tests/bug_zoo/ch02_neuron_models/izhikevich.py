"""Bug zoo of section 2.5, the Izhikevich model."""

MISTAKES = {
    "izhikevich_step": {
        "u updated with the new v (Izhikevich's code)": [
            ("v, u = v + dt * dv, u + dt * du", "v = v + dt * dv\n    u = u + dt * p[\"a\"] * (p[\"b\"] * (v - p[\"vr\"]) - u)")],
        "forgets the capacitance": [(") / p[\"C\"]", ")")],
        "u reset to d": [("u + p[\"d\"]", "p[\"d\"]")],
        "b v as in the 2003 form": [("p[\"b\"] * (v - p[\"vr\"])", "p[\"b\"] * v")],
        "peak tested before the step": """
            def izhikevich_step(v, u, i_ext, dt, params):
                p = params
                spiked = v >= p["v_peak"]
                dv = (p["k"] * (v - p["vr"]) * (v - p["vt"]) - u + i_ext) / p["C"]
                du = p["a"] * (p["b"] * (v - p["vr"]) - u)
                v, u = v + dt * dv, u + dt * du
                return np.where(spiked, p["c"], v), np.where(spiked, u + p["d"], u), spiked
        """,
    },
    "izhikevich_2003_step": {
        "u updated with the new v (Izhikevich's code)": [
            ("v, u = v + dt * dv, u + dt * du", "v = v + dt * dv\n    u = u + dt * a * (b * v - u)")],
        "reset to -65 mV": [("np.where(spiked, c, v)", "np.where(spiked, -65.0, v)")],
        "forgets to reset u": [("np.where(spiked, u + d, u)", "u")],
        "sign of u": [("140 - u + i_ext", "140 + u + i_ext")],
    },
    "classify_firing": {
        "spike times instead of intervals": [
            ("intervals = np.diff(np.asarray(spike_times, dtype=float))",
             "intervals = np.asarray(spike_times, dtype=float)[1:]")],
        "initial burst tested before bursting": """
            def classify_firing(spike_times):
                intervals = np.diff(np.asarray(spike_times, dtype=float))
                if len(intervals) < 2:
                    return "silent"
                if np.any(intervals[1:] >= BURST_RATIO * intervals[:-1]):
                    return "initial burst"
                if np.any(intervals[:-1] >= BURST_RATIO * intervals[1:]):
                    return "bursting"
                if intervals[-1] >= ADAPTATION_RATIO * intervals[0]:
                    return "adapting"
                return "tonic"
        """,
        "strict inequalities": [("intervals[1:] >= BURST_RATIO", "intervals[1:] > BURST_RATIO")],
        "silent only without spikes": [("if len(intervals) < 2:", "if len(spike_times) == 0:")],
        "adaptation from the mean interval": [("intervals[-1] >= ADAPTATION_RATIO * intervals[0]",
                                               "intervals[-1] >= ADAPTATION_RATIO * intervals.mean()")],
    },
    # The discovery answers, each what the reference simulation gives after the mistaken step in its name.
    "rs_rheobase": {
        "runs of 500 ms": "rs_rheobase = 53.0",
        "runs of 200 ms": "rs_rheobase = 59.0",
        "u held at 0 (a = d = 0)": "rs_rheobase = 71.0",
        "b v in du/dt, as in the 2003 form": "rs_rheobase = 139.0",
        "in nA": "rs_rheobase = 0.052",
    },
    "burst_period": {
        "the pause between bursts only": "burst_period = 29.6",
        "the first cycle, from the first spike": "burst_period = 2.3 + 2.8 + 3.9 + 26.8",
        "mean interval between spikes (77 intervals in 992.4 ms)": "burst_period = 992.4 / 77",
        "bursts per second": "burst_period = 1000.0 / 39.7",
        "in seconds": "burst_period = 0.0397",
    },
}

ALTERNATIVES = {
    "izhikevich_step": {
        "copies and boolean indexing": """
            def izhikevich_step(v, u, i_ext, dt, params):
                C, k, vr, vt = params["C"], params["k"], params["vr"], params["vt"]
                a, b, c, d = params["a"], params["b"], params["c"], params["d"]
                v_new = np.atleast_1d(v + dt / C * (k * (v - vr) * (v - vt) - u + i_ext)).astype(float)
                u_new = np.atleast_1d(u + dt * a * (b * (v - vr) - u)).astype(float)
                spiked = v_new >= params["v_peak"]
                v_new[spiked] = c
                u_new[spiked] += d
                shape = np.shape(v)
                return v_new.reshape(shape), u_new.reshape(shape), spiked.reshape(shape)
        """,
    },
    "izhikevich_2003_step": {
        "reuses the 2007 step with the 2003 constants": """
            def izhikevich_2003_step(v, u, i_ext, dt, a, b, c, d):
                # 0.04 v² + 5 v + 140 = 0.04 (v + 62.5)² − 16.25: the 2007 form with k = 0.04,
                # v_r = v_t = −62.5 mV, and w = u + 62.5 b, so that b (v − v_r) − w = b v − u.
                shift = 62.5 * b
                params = {"C": 1.0, "k": 0.04, "vr": -62.5, "vt": -62.5, "v_peak": 30.0,
                          "a": a, "b": b, "c": c, "d": d}
                v_new, w, spiked = izhikevich_step(v, u + shift, i_ext - 16.25 + shift, dt, params)
                return v_new, w - shift, spiked
        """,
    },
    "classify_firing": {
        "ratios of successive intervals": """
            def classify_firing(spike_times):
                isi = np.diff(spike_times)
                if isi.size < 2:
                    return "silent"
                growth = isi[1:] / isi[:-1]
                if growth.min() <= 1 / BURST_RATIO:
                    return "bursting"
                if growth.max() >= BURST_RATIO:
                    return "initial burst"
                return "adapting" if isi[-1] / isi[0] >= ADAPTATION_RATIO else "tonic"
        """,
    },
    "rs_rheobase": {
        "the saddle-node of the equations, (k (v_t - v_r) + b)^2 / 4k": "rs_rheobase = (0.7 * 20.0 - 2.0) ** 2 / (4 * 0.7)",
        "a search to 0.1 pA": "rs_rheobase = 51.9",
    },
    "burst_period": {
        "dt = 0.05 ms": "burst_period = 39.55",
        "mean over all cycles, the first included": "burst_period = 39.7125",
    },
}
