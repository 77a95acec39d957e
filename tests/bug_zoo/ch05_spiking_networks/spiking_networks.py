"""Bug zoo of chapter 5, networks of spiking neurons."""

MISTAKES = {
    "random_connectivity": {
        "probability 1 − p": [("rng.random((n_post, n_pre)) < p", "rng.random((n_post, n_pre)) > p")],
        "shape (n_pre, n_post)": [("rng.random((n_post, n_pre))", "rng.random((n_pre, n_post))")],
        "draws from the global generator": [("rng.random((n_post, n_pre))", "np.random.random((n_post, n_pre))")],
        "a fixed in-degree of round(p·n_pre) per neuron": """
            def random_connectivity(n_post, n_pre, p, rng):
                k = round(p * n_pre)
                C = np.zeros((n_post, n_pre), dtype=bool)
                for i in range(n_post):
                    C[i, rng.choice(n_pre, size=k, replace=False)] = True
                return C
        """,
        "one random row copied to every neuron": """
            def random_connectivity(n_post, n_pre, p, rng):
                row = rng.random(n_pre) < p
                return np.tile(row, (n_post, 1))
        """,
        "symmetrised like an undirected graph": """
            def random_connectivity(n_post, n_pre, p, rng):
                C = rng.random((n_post, n_pre)) < p
                if n_post == n_pre:
                    upper = np.triu(C, 1)
                    C = upper | upper.T | (np.eye(n_post, dtype=bool) & C)
                return C
        """,
    },
    "delay_line": {
        "int() truncates delay/dt": [("n_delay = round(delay / dt)  # int()", "n_delay = int(delay / dt)  # int()")],
        "writes before reading": [
            ("        y[k] = buffer[slot]  # written n_delay steps ago\n        buffer[slot] = x[k]\n",
             "        buffer[slot] = x[k]\n        y[k] = buffer[(k + 1) % n_delay]\n"),
        ],
        "np.roll wraps the end around": """
            def delay_line(x, delay, dt):
                return np.roll(np.asarray(x, dtype=float), round(delay / dt), axis=0)
        """,
        "one slot too many": [("buffer = np.zeros((n_delay,)", "buffer = np.zeros((n_delay + 1,)"),
                              ("slot = k % n_delay", "slot = k % (n_delay + 1)")],
    },
    "simulate_brunel": {
        "Euler decay": [("decay = np.exp(-dt / TAU_M)", "decay = 1 - dt / TAU_M")],
        "no refractory period": [("refractory = steps_left > 0", "refractory = steps_left < 0")],
        "refractory period one step too long": [("steps_left[spiked] = n_ref", "steps_left[spiked] = n_ref + 1")],
        "refractory neurons keep integrating, only their spikes are suppressed": [
            ("v = np.where(refractory, V_RESET, v * decay + buffer[slot] + ext[k])",
             "v = v * decay + buffer[slot] + ext[k]"),
            ("spiked = v >= THETA", "spiked = (v >= THETA) & ~refractory"),
        ],
        "reset and clamp at rest (0 mV) instead of V_RESET": [
            ("v[spiked] = V_RESET", "v[spiked] = 0.0"),
            ("np.where(refractory, V_RESET, v * decay", "np.where(refractory, 0.0, v * decay"),
        ],
        "rows of W instead of columns": [("W[:, spiked].sum(axis=1)", "W[spiked].sum(axis=0)")],
        "delay one step short (writes before reading)": [
            ("        v = np.where(refractory, V_RESET, v * decay + buffer[slot] + ext[k])",
             "        v = np.where(refractory, V_RESET, v * decay + buffer[(slot + 1) % n_delay] + ext[k])"),
        ],
    },
    "izhikevich_network": {
        "u updated with the old v": [
            ("        v = v + 0.5 * (0.04 * v**2 + 5 * v + 140 - u + current)\n"
             "        v = v + 0.5 * (0.04 * v**2 + 5 * v + 140 - u + current)\n"
             "        u = u + a * (b * v - u)",
             "        u_next = u + a * (b * v - u)\n"
             "        v = v + 0.5 * (0.04 * v**2 + 5 * v + 140 - u + current)\n"
             "        v = v + 0.5 * (0.04 * v**2 + 5 * v + 140 - u + current)\n"
             "        u = u_next"),
        ],
        "one full step of 1 ms": [
            ("        v = v + 0.5 * (0.04 * v**2 + 5 * v + 140 - u + current)\n"
             "        v = v + 0.5 * (0.04 * v**2 + 5 * v + 140 - u + current)\n",
             "        v = v + (0.04 * v**2 + 5 * v + 140 - u + current)\n"),
        ],
        "rows of S instead of columns": [("current = thalamic[k] + S[:, fired].sum(axis=1)",
                                          "current = thalamic[k] + S[fired].sum(axis=0)")],
        "no jump of u after a spike": [("np.where(fired, u + d, u)", "u")],
        "resets every neuron to −65 mV": [("np.where(fired, c, v)", "np.where(fired, -65.0, v)")],
    },
    "network_rate": {
        "spikes after the transient over the whole run": "network_rate = 19.73 * 400 / 500",
        "spikes per millisecond": "network_rate = 0.01973",
        "multiplied by dt/1000 instead of dividing": "network_rate = 19730.0",
        "mean spike count per step": "network_rate = 0.001973",
    },
    "rhythm_frequency": {
        "mean not removed: the peak at 0 Hz": "rhythm_frequency = 0.0",
        "angular frequency": "rhythm_frequency = 2 * np.pi * 8.0",
        "the period in ms": "rhythm_frequency = 125.0",
        "rfftfreq without d: cycles per ms": "rhythm_frequency = 0.008",
    },
}

ALTERNATIVES = {
    "random_connectivity": {
        "binomial in-degree, then its inputs chosen at random": """
            def random_connectivity(n_post, n_pre, p, rng):
                C = np.zeros((n_post, n_pre), dtype=bool)
                for i, k in enumerate(rng.binomial(n_pre, p, size=n_post)):
                    C[i, rng.choice(n_pre, size=k, replace=False)] = True
                return C
        """,
        "uniform draws compared with p": """
            def random_connectivity(n_post, n_pre, p, rng):
                return rng.uniform(0.0, 1.0, size=(n_post, n_pre)) < p
        """,
    },
    "delay_line": {
        "slicing instead of a buffer": """
            def delay_line(x, delay, dt):
                x = np.asarray(x, dtype=float)
                steps = round(delay / dt)
                y = np.zeros_like(x)
                y[steps:] = x[:len(x) - steps]
                return y
        """,
        "explicit write pointer": """
            def delay_line(x, delay, dt):
                x = np.asarray(x, dtype=float)
                n_delay = int(np.rint(delay / dt))
                ring = np.zeros((n_delay,) + x.shape[1:])
                out = np.zeros_like(x)
                pointer = 0
                for k, row in enumerate(x):
                    out[k] = ring[pointer]
                    ring[pointer] = row
                    pointer = (pointer + 1) % n_delay
                return out
        """,
    },
    "simulate_brunel": {
        "last spike step and index lists": """
            def simulate_brunel(W, ext, v0, dt):
                n_steps, n = np.shape(ext)
                n_delay, n_ref = int(round(DELAY / dt)), int(round(T_REF / dt))
                factor = np.exp(-dt / TAU_M)
                ring = np.zeros((n_delay, n))
                v = np.asarray(v0, dtype=float).copy()
                last = np.full(n, -10**9)
                raster = np.zeros((n_steps, n), dtype=bool)
                for k in range(n_steps):
                    active = k > last + n_ref
                    v[active] = v[active] * factor + ring[k % n_delay, active] + ext[k][active]
                    v[~active] = V_RESET
                    fired = np.flatnonzero(v >= THETA)
                    v[fired] = V_RESET
                    last[fired] = k
                    raster[k, fired] = True
                    ring[k % n_delay] = np.asarray(W)[:, fired].sum(axis=1)
                return raster
        """,
    },
    "izhikevich_network": {
        "index lists and in-place updates of copies": """
            def izhikevich_network(S, a, b, c, d, thalamic):
                n_steps, n = np.shape(thalamic)
                v = -65.0 * np.ones(n)
                u = np.asarray(b) * v
                raster = np.zeros((n_steps, n), dtype=bool)
                for k in range(n_steps):
                    fired = np.flatnonzero(v >= 30)
                    raster[k, fired] = True
                    v[fired] = np.asarray(c)[fired]
                    u[fired] = u[fired] + np.asarray(d)[fired]
                    current = np.asarray(thalamic[k], dtype=float) + np.asarray(S)[:, fired].sum(axis=1)
                    for _ in range(2):
                        v = v + 0.5 * (0.04 * v * v + 5 * v + 140 - u + current)
                    u = u + np.asarray(a) * (np.asarray(b) * v - u)
                return raster
        """,
    },
    "network_rate": {
        "all neurons after the transient": "network_rate = 19.80",
        "the whole run": "network_rate = 19.49",
    },
    "rhythm_frequency": {
        "the neighbouring bin": "rhythm_frequency = 9.0",
        "all neurons' count": "rhythm_frequency = 8",
    },
}
