"""Bug zoo of section 7.4, triplet STDP and bursts."""

MISTAKES = {
    "triplet_stdp_update": {
        "spikes added to the traces before the weight update": """
            def triplet_stdp_update(w, r1, r2, o1, o2, pre, post, dt, a2_plus=A2_PLUS, a3_plus=A3_PLUS,
                                    a2_minus=A2_MINUS, a3_minus=A3_MINUS):
                r1 = r1 * np.exp(-dt / TAU_PLUS) + pre
                r2 = r2 * np.exp(-dt / TAU_X) + pre
                o1 = o1 * np.exp(-dt / TAU_MINUS) + post
                o2 = o2 * np.exp(-dt / TAU_Y) + post
                w = w + post * r1 * (a2_plus + a3_plus * o2) - pre * o1 * (a2_minus + a3_minus * r2)
                return w, r1, r2, o1, o2
        """,
        "weight updated with the traces of the previous step": """
            def triplet_stdp_update(w, r1, r2, o1, o2, pre, post, dt, a2_plus=A2_PLUS, a3_plus=A3_PLUS,
                                    a2_minus=A2_MINUS, a3_minus=A3_MINUS):
                w = w + post * r1 * (a2_plus + a3_plus * o2) - pre * o1 * (a2_minus + a3_minus * r2)
                r1 = r1 * np.exp(-dt / TAU_PLUS) + pre
                r2 = r2 * np.exp(-dt / TAU_X) + pre
                o1 = o1 * np.exp(-dt / TAU_MINUS) + post
                o2 = o2 * np.exp(-dt / TAU_Y) + post
                return w, r1, r2, o1, o2
        """,
        "Euler decay of the traces": [("np.exp(-dt / TAU_PLUS)", "(1 - dt / TAU_PLUS)"),
                                      ("np.exp(-dt / TAU_X)", "(1 - dt / TAU_X)"),
                                      ("np.exp(-dt / TAU_MINUS)", "(1 - dt / TAU_MINUS)"),
                                      ("np.exp(-dt / TAU_Y)", "(1 - dt / TAU_Y)")],
        "the book draft's rule: triplet terms on the fast traces": [("a3_plus * o2", "a3_plus * o1"),
                                                                    ("a3_minus * r2", "a3_minus * r1")],
        "tau_x and tau_y swapped": [("r2 * np.exp(-dt / TAU_X)", "r2 * np.exp(-dt / TAU_TMP)"),
                                    ("o2 * np.exp(-dt / TAU_Y)", "o2 * np.exp(-dt / TAU_X)"),
                                    ("TAU_TMP", "TAU_Y")],
        "depression with the wrong sign": [("- pre * o1 * (a2_minus", "+ pre * o1 * (a2_minus")],
        "module amplitudes instead of the arguments": [("(a2_plus + a3_plus * o2)", "(A2_PLUS + A3_PLUS * o2)"),
                                                       ("(a2_minus + a3_minus * r2)", "(A2_MINUS + A3_MINUS * r2)")],
    },
    "pairing_protocol": {
        "delta_t taken as t_pre - t_post": [("delta_t > 0, shape", "delta_t < 0, shape")],
        "traces reset between pairs": [("    for k in range(n_pairs):\n",
                                        "    for k in range(n_pairs):\n        state = (state[0],) + (np.zeros(shape),) * 4\n")],
        "one pair too few": [("range(n_pairs)", "range(n_pairs - 1)")],
        "pairs one period apart from the second spike": [("0.0 if k == 0 else period - lag", "0.0 if k == 0 else period")],
        "period in seconds": [("1000.0 / frequency", "1.0 / frequency")],
        "amplitudes not passed on": [("~pre_first, 0.0 if k == 0 else period - lag, **amplitudes)",
                                      "~pre_first, 0.0 if k == 0 else period - lag)"),
                                     ("pre_first, lag, **amplitudes)", "pre_first, lag)")],
    },
    "poisson_drift": {
        "time constants left in ms": [("TAU_PLUS / 1000, TAU_MINUS / 1000, TAU_X / 1000, TAU_Y / 1000",
                                       "TAU_PLUS, TAU_MINUS, TAU_X, TAU_Y")],
        "tau_x and tau_y swapped": [("tau_plus * tau_y * rho_y - a3_minus * tau_minus * tau_x * rho_x",
                                     "tau_plus * tau_x * rho_y - a3_minus * tau_minus * tau_y * rho_x")],
        "no factor rho_x rho_y": [("return rho_x * rho_y * (pairs + triplets)", "return pairs + triplets")],
        "rates of the triplet terms swapped": [("tau_y * rho_y", "tau_y * rho_x"), ("tau_x * rho_x", "tau_x * rho_y")],
        "triplet depression with a plus sign": [("rho_y - a3_minus", "rho_y + a3_minus")],
    },
    # The discovery answers' mistakes (tests/references/ch07_learning_rules/test_triplet_stdp.py computes them).
    "crossover_frequency": {
        "the frequency of the deepest depression": "crossover_frequency = 17.0",
        "the period in ms at the crossover": "crossover_frequency = 1000 / 36.4",
        "Δt sign reversed: the pre-before-post curve is positive from the lowest frequency": "crossover_frequency = 0.1",
        "no sign change found (traces reset between pairs): the end of the grid": "crossover_frequency = 50.0",
    },
    "rho_theta": {
        "the threshold formula without the A3- term": "rho_theta = 18.12",
        "time constants in ms": "rho_theta = 0.62",
        "tau_x and tau_y swapped": "rho_theta = 23.3",
        "a grid of 1 Hz": "rho_theta = 19.0",
    },
}

ALTERNATIVES = {
    "triplet_stdp_update": {
        "np.where and decay factors": """
            def triplet_stdp_update(w, r1, r2, o1, o2, pre, post, dt, a2_plus=A2_PLUS, a3_plus=A3_PLUS,
                                    a2_minus=A2_MINUS, a3_minus=A3_MINUS):
                decay = [np.exp(-np.asarray(dt, dtype=float) / tau) for tau in (TAU_PLUS, TAU_X, TAU_MINUS, TAU_Y)]
                r1, r2, o1, o2 = (x * d for x, d in zip((r1, r2, o1, o2), decay))
                ltp = np.where(post, r1 * (a2_plus + a3_plus * o2), 0.0)
                ltd = np.where(pre, o1 * (a2_minus + a3_minus * r2), 0.0)
                pre, post = np.asarray(pre, dtype=float), np.asarray(post, dtype=float)
                return w + ltp - ltd, r1 + pre, r2 + pre, o1 + post, o2 + post
        """,
    },
    "pairing_protocol": {
        "sorted spike times, one element at a time": """
            def pairing_protocol(delta_t, frequency, n_pairs=N_PAIRS, a2_plus=A2_PLUS, a3_plus=A3_PLUS,
                                 a2_minus=A2_MINUS, a3_minus=A3_MINUS):
                delta_t, frequency = np.broadcast_arrays(np.asarray(delta_t, dtype=float),
                                                         np.asarray(frequency, dtype=float))
                out = np.zeros(delta_t.shape)
                for index in np.ndindex(delta_t.shape):
                    pre_times = np.arange(n_pairs) * 1000.0 / frequency[index]
                    times = np.concatenate([pre_times, pre_times + delta_t[index]])
                    is_pre = np.arange(2 * n_pairs) < n_pairs
                    order = np.argsort(times, kind="stable")
                    times, is_pre = times[order], is_pre[order]
                    state, last = (0.0, 0.0, 0.0, 0.0, 0.0), times[0]
                    for t, spike_is_pre in zip(times, is_pre):
                        state = triplet_stdp_update(*state, spike_is_pre, not spike_is_pre, t - last, a2_plus=a2_plus,
                                                    a3_plus=a3_plus, a2_minus=a2_minus, a3_minus=a3_minus)
                        last = t
                    out[index] = state[0]
                return out
        """,
    },
    "poisson_drift": {
        "expanded polynomial, time constants in seconds": """
            def poisson_drift(rho_x, rho_y, a2_plus=A2_PLUS, a3_plus=A3_PLUS, a2_minus=A2_MINUS, a3_minus=A3_MINUS):
                ms = 1e-3
                rx, ry = np.asarray(rho_x, dtype=float), np.asarray(rho_y, dtype=float)
                return (a2_plus * TAU_PLUS * ms * rx * ry - a2_minus * TAU_MINUS * ms * rx * ry
                        + a3_plus * TAU_PLUS * TAU_Y * ms**2 * rx * ry**2
                        - a3_minus * TAU_MINUS * TAU_X * ms**2 * rx**2 * ry)
        """,
    },
    "crossover_frequency": {
        "the first frequency of an integer grid with a positive change": "crossover_frequency = 37",
        "to the nearest hertz": "crossover_frequency = 36",
    },
    "rho_theta": {
        "the first rate of a 0.1-Hz grid with a positive drift": "rho_theta = 18.8",
        "the last rate of a 0.1-Hz grid with a negative drift": "rho_theta = 18.7",
    },
}
