"""Bug zoo of section 2.4, the leaky integrate-and-fire neuron."""

MISTAKES = {
    "lif_step": {
        "forgets dt": [("v + dt * (-(v - V_REST)", "v + (-(v - V_REST)")],
        "wrong sign of the leak": [("-(v - V_REST) + R_M", "(v - V_REST) + R_M")],
        "no reset after a spike": [("    v_next = np.where(spiked, V_RESET, v_next)\n", "")],
        "no refractory period": [("refractory = refractory_left > 0", "refractory = np.zeros(v.shape, dtype=bool)")],
        "refractory time never counts down": [("np.maximum(refractory_left - dt, 0.0)", "refractory_left")],
        "updates its input in place": """
            def lif_step(v, refractory_left, i_ext, dt):
                refractory = refractory_left > 0
                v += np.where(refractory, 0.0, dt * (-(v - V_REST) + R_M * i_ext) / TAU_M)
                v[refractory] = V_RESET
                refractory_left -= np.minimum(refractory_left, dt)
                spiked = v >= V_THR
                v[spiked] = V_RESET
                refractory_left[spiked] = T_REF
                return v, refractory_left, spiked
        """,
    },
    "simulate_lif": {
        "off by one step in the input": [("i_ext[k], dt)", "i_ext[k + 1], dt)")],
        "records the state after the step in row k": [
            ("v_trace[k + 1] = np.where(spikes[k + 1], V_PEAK, v)", "v_trace[k] = np.where(spikes[k + 1], V_PEAK, v)")
        ],
        "does not draw spikes at V_PEAK": [("np.where(spikes[k + 1], V_PEAK, v)", "v")],
        "forgets the refractory state between steps": [
            ("lif_step(v, refractory_left, i_ext[k], dt)", "lif_step(v, 0.0 * v, i_ext[k], dt)")
        ],
    },
    "lif_rate_theory": {
        "the original page's formula for v_reset = v_rest": [("(safe_drive - V_RESET)", "(safe_drive - V_REST)")],
        "forgets the refractory period": [("T_REF + TAU_M * np.log", "TAU_M * np.log")],
        "returns spikes per ms": [("1000.0 / isi", "1.0 / isi")],
        "no rheobase": [("above = drive > V_THR", "above = drive > -np.inf")],
    },
    # The discovery answers, each what the reference simulation gives after the mistaken step in its name.
    "first_latency": {
        "time of the first spike from t = 0, not from the onset": "first_latency = 36.09",
        "the interval between the first and second spikes": "first_latency = 56.00 - 36.09",
        "charging time from v_reset, tau_m ln(30 / 5)": "first_latency = 10.0 * np.log(30.0 / 5.0)",
        "in steps of dt": "first_latency = 1609",
        "in seconds": "first_latency = 0.01609",
    },
    "ceiling_fraction": {
        "the original page's formula at 100 nA": "ceiling_fraction = 1000.0 / (2.0 + 10.0 * np.log(100.0 / 80.0)) / 500.0",
        "rate without the refractory period": "ceiling_fraction = 1000.0 / (10.0 * np.log(105.0 / 80.0)) / 500.0",
        "spike count over the ceiling": "ceiling_fraction = 106 / 500.0",
        "ceiling 1/t_ref taken in 1/ms": "ceiling_fraction = 212.0 / (1.0 / 2.0)",
    },
}

ALTERNATIVES = {
    "lif_step": {
        "loop over neurons": """
            def lif_step(v, refractory_left, i_ext, dt):
                v, refractory_left, i_ext = (np.array(x, dtype=float) for x in np.broadcast_arrays(v, refractory_left, i_ext))
                spiked = np.zeros(v.shape, dtype=bool)
                for idx in np.ndindex(v.shape):
                    if refractory_left[idx] > 0:
                        v[idx] = V_RESET
                        refractory_left[idx] = max(refractory_left[idx] - dt, 0.0)
                    else:
                        v[idx] += dt / TAU_M * (V_REST - v[idx] + R_M * i_ext[idx])
                    if v[idx] >= V_THR:
                        v[idx], refractory_left[idx], spiked[idx] = V_RESET, T_REF, True
                return v, refractory_left, spiked
        """,
        "decay-factor form with masks": """
            def lif_step(v, refractory_left, i_ext, dt):
                decay = 1.0 - dt / TAU_M
                free = v * decay + (dt / TAU_M) * (V_REST + R_M * np.asarray(i_ext))
                refractory = np.asarray(refractory_left) > 0
                v_new = np.where(refractory, V_RESET, free)
                left = np.clip(np.asarray(refractory_left) - dt, 0.0, None)
                spiked = v_new >= V_THR
                return np.where(spiked, V_RESET, v_new), np.where(spiked, T_REF, left), spiked
        """,
    },
    "simulate_lif": {
        "lists then stack": """
            def simulate_lif(i_ext, dt, v0=V_REST):
                i_ext = np.asarray(i_ext, dtype=float)
                v = np.full(i_ext.shape[1:], float(v0))
                left = np.zeros(i_ext.shape[1:])
                vs, spikes = [v], [np.zeros(i_ext.shape[1:], dtype=bool)]
                for current in i_ext[:-1]:
                    v, left, spiked = lif_step(v, left, current, dt)
                    vs.append(np.where(spiked, V_PEAK, v))
                    spikes.append(spiked)
                return np.array(vs), np.array(spikes)
        """,
    },
    "lif_rate_theory": {
        "scalar loop with math.log": """
            import math

            def lif_rate_theory(i_ext):
                currents = np.asarray(i_ext, dtype=float)
                rates = np.zeros(currents.shape)
                for idx in np.ndindex(currents.shape):
                    v_inf = V_REST + R_M * currents[idx]
                    if v_inf > V_THR:
                        rates[idx] = 1000.0 / (T_REF + TAU_M * math.log((v_inf - V_RESET) / (v_inf - V_THR)))
                return rates
        """,
    },
    "first_latency": {
        "the exact time from rest, tau_m ln(25 / 5)": "first_latency = 10.0 * np.log(25.0 / 5.0)",
        "rounded to 0.1 ms": "first_latency = 16.1",
    },
    "ceiling_fraction": {
        "the analytic rate at 100 nA": "ceiling_fraction = lif_rate_theory(100.0) / (1000.0 / T_REF)",
        "the mean simulated interval, 4.72 ms": "ceiling_fraction = (1000.0 / 4.72) / 500.0",
    },
}
