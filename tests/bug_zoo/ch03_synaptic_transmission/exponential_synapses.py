"""Bug zoo of section 3.3, exponential synapses."""

MISTAKES = {
    "single_exp_step": {
        "jump of 1 instead of 1/tau": [("+ spikes / tau", "+ spikes")],
        "jump scaled by dt": [("+ spikes / tau", "+ dt * spikes / tau")],
        "decay without dt": [("s + dt * (-s / tau)", "s + (-s / tau)")],
        "module constant": [("dt * (-s / tau) + spikes / tau", "dt * (-s / TAU_SYN) + spikes / TAU_SYN")],
    },
    "double_exp_step": {
        "time constants swapped": [("r_next = r + dt * (-r / tau_r + h)", "r_next = r + dt * (-r / tau_d + h)"),
                                   ("h + dt * (-h / tau_d)", "h + dt * (-h / tau_r)")],
        "jump of 1": [("spikes / (tau_r * tau_d)", "spikes")],
        "r driven by the new h": """
            def double_exp_step(r, h, spikes, dt, tau_r=TAU_RISE, tau_d=TAU_DECAY):
                h = h + dt * (-h / tau_d) + spikes / (tau_r * tau_d)
                r = r + dt * (-r / tau_r + h)
                return r, h
        """,
        "jump scaled by dt": [("+ spikes / (tau_r * tau_d)", "+ dt * spikes / (tau_r * tau_d)")],
    },
    "alpha_kernel": {
        "not causal": [("np.where(t >= 0, positive / tau**2 * np.exp(-positive / tau), 0.0)",
                        "t / tau**2 * np.exp(-t / tau)")],
        "normalised by tau": [("positive / tau**2", "positive / tau")],
        "single exponential": [("positive / tau**2 * np.exp", "1 / tau * np.exp")],
    },
    # Discovery answer: what a mistaken step gives (t* = 4.024 ms with τ_r = 2, τ_d = 10 ms).
    "peak_time": {
        "the rise time constant taken for the peak": "peak_time = TAU_RISE",
        "the alpha function's peak": "peak_time = TAU_SYN",
        "log10 in t*": "peak_time = TAU_DECAY * TAU_RISE / (TAU_DECAY - TAU_RISE) * np.log10(TAU_DECAY / TAU_RISE)",
        "in steps of 0.1 ms": "peak_time = 40",
        "in seconds": "peak_time = 0.00402",
    },
}

ALTERNATIVES = {
    "single_exp_step": {
        "decay factor": """
            def single_exp_step(s, spikes, dt, tau=TAU_SYN):
                return (1.0 - dt / tau) * np.asarray(s, dtype=float) + np.asarray(spikes) / tau
        """,
    },
    "double_exp_step": {
        "matrix form": """
            def double_exp_step(r, h, spikes, dt, tau_r=TAU_RISE, tau_d=TAU_DECAY):
                a = np.array([[1 - dt / tau_r, dt], [0.0, 1 - dt / tau_d]])
                state = np.stack(np.broadcast_arrays(np.asarray(r, dtype=float), np.asarray(h, dtype=float)))
                new = np.tensordot(a, state, axes=1)
                return new[0], new[1] + np.asarray(spikes) / (tau_r * tau_d)
        """,
    },
    "alpha_kernel": {
        "heaviside": """
            def alpha_kernel(t, tau=TAU_SYN):
                t = np.asarray(t, dtype=float)
                with np.errstate(over="ignore"):
                    return np.heaviside(t, 1.0) * np.abs(t) / tau**2 * np.exp(-np.abs(t) / tau)
        """,
    },
    "peak_time": {
        "Figure 1's grid (dt = 0.1 ms)": "peak_time = 4.0",
        "the value after step k taken at (k + 1) dt": "peak_time = 4.1",
        "derived t*": "peak_time = TAU_DECAY * TAU_RISE / (TAU_DECAY - TAU_RISE) * np.log(TAU_DECAY / TAU_RISE)",
    },
}
