"""Bug zoo of section 3.5, facilitating and depressing synapses."""

MISTAKES = {
    "stp_step": {
        "release with u before its jump": """
            def stp_step(x, u, spike, dt, U, tau_x, tau_u):
                x = x + dt * (1.0 - x) / tau_x
                u = u + dt * (-u / tau_u)
                release = np.where(spike, u * x, 0.0)
                u = np.where(spike, u + U * (1.0 - u), u)
                return x - release, u, release
        """,
        "u relaxes to U": [("u = u + dt * (-u / tau_u)", "u = u + dt * (U - u) / tau_u")],
        "jump without saturation": [("u + U * (1.0 - u)", "u + U")],
        "x recovers to 0": [("x = x + dt * (1.0 - x) / tau_x", "x = x - dt * x / tau_x")],
        "resources not used": [("return x - release, u, release", "return x, u, release")],
    },
    "paired_pulse_ratio": {
        "resources do not recover": [("x_second = 1.0 - U * np.exp(-interval / tau_x)",
                                      "x_second = (1.0 - U) * np.exp(-interval / tau_x)")],
        "no second jump": [("return u_second * x_second / U", "return u_before * x_second / U")],
        "not divided by the first release": [("return u_second * x_second / U", "return u_second * x_second")],
    },
    "steady_state_efficacy": {
        "rate taken as an interval in ms": [("interval = 1000.0 / np.asarray(rate, dtype=float)",
                                             "interval = 1.0 / np.asarray(rate, dtype=float)")],
        "u before the jump": [("return u_after * x_before", "return u_before * x_before")],
        "x without the release term": [("(1.0 - (1.0 - u_after) * decay_x)", "(1.0 - decay_x)")],
    },
    # Each wrong answer is what the reference functions give with the mistaken step (computed with them).
    "ppr_depressing": {
        "spikes 20 ms apart instead of 50 ms": "ppr_depressing = 0.8326",
        "first release over the second": "ppr_depressing = 1 / 0.8067",
        "second release not divided by U": "ppr_depressing = 0.8067 * 0.45",
        "no jump of u at the second spike": "ppr_depressing = 0.4398",
    },
    "ppr_facilitating": {
        "spikes 20 ms apart instead of 50 ms": "ppr_facilitating = 1.5892",
        "first release over the second": "ppr_facilitating = 1 / 1.6093",
        "second release not divided by U": "ppr_facilitating = 1.6093 * 0.15",
        "resources recovering from 1 instead of 1 - U": "ppr_facilitating = 1.8221",
    },
    "best_rate": {
        "peak of the eighth release of a train": "best_rate = 4.0",
        "peak of the paired-pulse ratio, as a rate": "best_rate = 1000 / 205.5",
        "peak of u before the jump times x": "best_rate = 5.1",
        "peak of rate times efficacy, the end of the grid": "best_rate = 100.0",
        "the interval in ms at the peak instead of the rate": "best_rate = 1000 / 4.3",
    },
}

ALTERNATIVES = {
    "stp_step": {
        "boolean masks on copies": """
            def stp_step(x, u, spike, dt, U, tau_x, tau_u):
                x = np.atleast_1d(x + dt * (1.0 - x) / tau_x).astype(float)
                u = np.atleast_1d(u * (1.0 - dt / tau_u)).astype(float)
                spike = np.broadcast_to(spike, x.shape)
                release = np.zeros_like(x)
                u[spike] += U * (1.0 - u[spike])
                release[spike] = u[spike] * x[spike]
                x -= release
                return x, u, release
        """,
    },
    "paired_pulse_ratio": {
        "simulated with exact decays": """
            def paired_pulse_ratio(interval, U, tau_x, tau_u):
                x, u = 1.0, U  # after the first spike's jump
                first = u * x
                x = x - first
                x = 1.0 - (1.0 - x) * np.exp(-np.asarray(interval) / tau_x)
                u = u * np.exp(-np.asarray(interval) / tau_u)
                u = u + U * (1.0 - u)
                return u * x / first
        """,
    },
    "steady_state_efficacy": {
        "iterate the map to its fixed point": """
            def steady_state_efficacy(rate, U, tau_x, tau_u):
                interval = 1000.0 / np.asarray(rate, dtype=float)
                x, u = np.ones_like(interval), np.zeros_like(interval)
                for _ in range(5000):
                    u = u + U * (1 - u)
                    release = u * x
                    x = 1 - (1 - (x - release)) * np.exp(-interval / tau_x)
                    u = u * np.exp(-interval / tau_u)
                return release
        """,
    },
    "ppr_depressing": {
        "two spikes simulated with stp_step at dt = 0.1 ms": "ppr_depressing = 0.80664",
        "rounded to two decimals": "ppr_depressing = 0.81",
    },
    "ppr_facilitating": {
        "two spikes simulated with stp_step at dt = 1 ms": "ppr_facilitating = 1.60940",
        "rounded to two decimals": "ppr_facilitating = 1.61",
    },
    "best_rate": {
        "a grid of 0.01 Hz": "best_rate = 4.25",
        "60 log-spaced rates from 0.1 to 100 Hz": "best_rate = float(np.logspace(-1, 2, 60)[32])",
    },
}
