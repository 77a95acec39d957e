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
}
