"""Bug zoo of section 1.1, numerical methods."""

MISTAKES = {
    "euler_step": {
        "forgets dt": [("return x + dt * f(x, t)", "return x + f(x, t)")],
        "returns the increment": [("return x + dt * f(x, t)", "return dt * f(x, t)")],
        "slope at the end of the step": [("return x + dt * f(x, t)", "return x + dt * f(x, t + dt)")],
        "scipy's argument order f(t, x)": [("return x + dt * f(x, t)", "return x + dt * f(t, x)")],
        "updates the state in place": """
            def euler_step(f, x, t, dt):
                x += dt * f(x, t)
                return x
        """,
    },
    "rk4_step": {
        "full steps in the middle stages": [("k2 = f(x + 0.5 * dt * k1, t + 0.5 * dt)", "k2 = f(x + dt * k1, t + dt)"),
                                            ("k3 = f(x + 0.5 * dt * k2, t + 0.5 * dt)", "k3 = f(x + dt * k2, t + dt)")],
        "middle stages at the start time": [("k1, t + 0.5 * dt)", "k1, t)"), ("k2, t + 0.5 * dt)", "k2, t)")],
        "third stage from k1": [("x + 0.5 * dt * k2", "x + 0.5 * dt * k1")],
        "equal weights": [("(k1 + 2 * k2 + 2 * k3 + k4) / 6", "(k1 + k2 + k3 + k4) / 4")],
        "half step in the last stage": [("f(x + dt * k3, t + dt)", "f(x + 0.5 * dt * k3, t + dt)")],
        "forgets dt in the update": [("return x + dt * (k1", "return x + (k1")],
    },
    "simulate": {
        "uniform step from the first interval": [("x[k + 1] = step(f, x[k], t[k], t[k + 1] - t[k])", "x[k + 1] = step(f, x[k], t[k], t[1] - t[0])")],
        "steps from the time of the next row": [("x[k + 1] = step(f, x[k], t[k], t[k + 1] - t[k])", "x[k + 1] = step(f, x[k], t[k + 1], t[k + 1] - t[k])")],
        "time measured from zero": [("x[k + 1] = step(f, x[k], t[k], t[k + 1] - t[k])", "x[k + 1] = step(f, x[k], t[k] - t[0], t[k + 1] - t[k])")],
        "hard-coded Euler instead of step": [("x[k + 1] = step(f, x[k], t[k], t[k + 1] - t[k])", "x[k + 1] = x[k] + (t[k + 1] - t[k]) * f(x[k], t[k])")],
        "only scalar states": [("np.empty((len(t),) + np.shape(x0))", "np.empty(len(t))")],
        "stores the state after the step": """
            def simulate(step, f, x0, t):
                t = np.asarray(t, dtype=float)
                x = np.empty((len(t),) + np.shape(x0))
                state = x0
                for k in range(len(t)):
                    dt = t[k + 1] - t[k] if k + 1 < len(t) else t[k] - t[k - 1]
                    state = step(f, state, t[k], dt)
                    x[k] = state
                return x
        """,
    },
    "zoh_discretize": {
        "exponential of each entry": [("exponential = expm(block)", "exponential = np.exp(block)")],
        "the original's formula, which needs an invertible A": """
            def zoh_discretize(A, B, dt):
                A_d = expm(A * dt)
                return A_d, np.linalg.inv(A) @ (A_d - np.eye(len(A))) @ B
        """,
        "the sign slip of the original's 13.2 page, A⁻¹(I − e^(A Δt))B": """
            def zoh_discretize(A, B, dt):
                A_d = expm(A * dt)
                return A_d, np.linalg.solve(A, (np.eye(len(A)) - A_d) @ B)
        """,
        "pseudo-inverse for a singular A": """
            def zoh_discretize(A, B, dt):
                A_d = expm(A * dt)
                return A_d, np.linalg.pinv(A) @ (A_d - np.eye(len(A))) @ B
        """,
        "Euler's input matrix": """
            def zoh_discretize(A, B, dt):
                return expm(A * dt), dt * B
        """,
        "forgets the inverse of A": """
            def zoh_discretize(A, B, dt):
                A_d = expm(A * dt)
                return A_d, (A_d - np.eye(len(A))) @ B
        """,
        "Euler's transition matrix": """
            def zoh_discretize(A, B, dt):
                A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
                n, m = B.shape
                block = np.zeros((n + m, n + m))
                block[:n, :n], block[:n, n:] = A * dt, B * dt
                return np.eye(n) + A * dt, expm(block)[:n, n:]
        """,
    },
    "rk4_order": {
        "slope against the number of steps": "rk4_order = -4.05",
        "Euler's slope": "rk4_order = 1.01",
        "log10 of the error against ln(dt)": "rk4_order = 4.05 / np.log(10)",
        "slope of a single step's error": "rk4_order = 5.0",
        "the textbook's integer instead of the measurement": "rk4_order = 4",
        "the two finest steps only": "rk4_order = float(np.log2(global_errors(rk4_step)[-2] / global_errors(rk4_step)[-1]))",
    },
    "euler_max_dt": {
        "only the membrane mode excited (I_s = 0 at the start)": "euler_max_dt = 2 * TAU_M",
        "the membrane time constant": "euler_max_dt = TAU_M",
        "where the synaptic current starts to change sign": "euler_max_dt = TAU_S",
        "in seconds": "euler_max_dt = 0.0099",
    },
}

ALTERNATIVES = {
    "euler_step": {
        "slope first, arrays throughout": """
            def euler_step(f, x, t, dt):
                slope = np.asarray(f(x, t), dtype=float)
                return np.asarray(x, dtype=float) + slope * dt
        """,
    },
    "rk4_step": {
        "Butcher tableau": """
            def rk4_step(f, x, t, dt):
                nodes, weights = (0.0, 0.5, 0.5, 1.0), (1 / 6, 1 / 3, 1 / 3, 1 / 6)
                slopes = []
                for c, previous in zip(nodes, (None, 0, 1, 2)):
                    state = x if previous is None else x + c * dt * slopes[previous]
                    slopes.append(f(state, t + c * dt))
                return x + dt * sum(w * k for w, k in zip(weights, slopes))
        """,
    },
    "simulate": {
        "list of states, then stack": """
            def simulate(step, f, x0, t):
                states = [np.asarray(x0, dtype=float)]
                for start, stop in zip(t[:-1], t[1:]):
                    states.append(np.asarray(step(f, states[-1], start, stop - start), dtype=float))
                return np.array(states)
        """,
    },
    "zoh_discretize": {
        "scipy.signal.cont2discrete": """
            def zoh_discretize(A, B, dt):
                from scipy.signal import cont2discrete
                n = len(A)
                A_d, B_d, *_ = cont2discrete((A, B, np.eye(n), np.zeros((n, np.shape(B)[1]))), dt, method="zoh")
                return A_d, B_d
        """,
        "power series of the integral": """
            def zoh_discretize(A, B, dt):
                A = np.asarray(A, dtype=float)
                term = np.eye(len(A)) * dt  # A^k dt^(k+1) / (k+1)!, from k = 0
                integral = term.copy()
                for k in range(1, 60):
                    term = term @ A * dt / (k + 1)
                    integral = integral + term
                return expm(A * dt), integral @ B
        """,
    },
    "rk4_order": {
        "log10 on both axes": "rk4_order = float(np.polyfit(np.log10(ORDER_DTS), np.log10(global_errors(rk4_step)), 1)[0])",
        "rounded to two decimals": "rk4_order = 4.05",
    },
    "euler_max_dt": {
        "the analytic bound": "euler_max_dt = 2 * TAU_S",
        "the scan's answer": "euler_max_dt = 9.9",
    },
}
