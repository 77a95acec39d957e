"""Bug zoo of section 2.3, the FitzHugh–Nagumo model."""

MISTAKES = {
    "fhn_step": {
        "forgets dt": [("return v + dt * dv, u + dt * du", "return v + dv, u + du")],
        "c only on the cubic": [("dv = C * (v - v**3 / 3 - u + i_ext)", "dv = v - C * v**3 / 3 - u + i_ext")],
        "u sees the updated v": [
            ("    du = v - B * u + A\n    return v + dt * dv, u + dt * du",
             "    v = v + dt * dv\n    return v, u + dt * (v - B * u + A)"),
        ],
        "cube without the third": [("v**3 / 3", "v**3")],
    },
    "fhn_nullclines": {
        "u-nullcline solved with the wrong sign": [("(v + A) / B", "(v - A) / B")],
        "forgets the input": [("v - v**3 / 3 + i_ext", "v - v**3 / 3")],
        "u-nullcline multiplied by b": [("(v + A) / B", "(v + A) * B")],
    },
    "fhn_fixed_point": {
        "returns a complex root": [("float(roots[np.argmin(np.abs(roots.imag))].real)", "roots[np.argmin(np.abs(roots.imag))]")],
        "wrong sign of the input in the cubic": [("A / B - i_ext", "A / B + i_ext")],
        "takes the first root": [("roots[np.argmin(np.abs(roots.imag))].real", "roots[0].real")],
        "forgets the 1/3": [("[1 / 3, 0.0", "[1.0, 0.0")],
    },
    "fhn_jacobian": {
        "transposed": [("[[C * (1 - v**2), -C], [1.0, -B]]", "[[C * (1 - v**2), 1.0], [-C, -B]]")],
        "forgets c": [("[[C * (1 - v**2), -C]", "[[1 - v**2, -1.0]")],
        "derivative of v³/3 taken as v²/3": [("C * (1 - v**2)", "C * (1 - v**2 / 3)")],
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "hopf_current": {
        "Figure 1's grid of 0.01, not refined": "hopf_current = 0.35",
        "trace without −b: first I with c(1 − v*²) > 0": "hopf_current = 0.292",
        "Jacobian without c: first I with (1 − v*²) − b > 0": "hopf_current = 0.734",
        "the upper end of the unstable interval": "hopf_current = 1.408",
        "stable read as trace > 0: the first input of the grid": "hopf_current = 0.0",
    },
    "oscillation_onset": {
        "the Hopf point of the trace": "oscillation_onset = 0.342",
        "the Hopf point from Figure 1's grid": "oscillation_onset = 0.35",
        "the single spike after the step counted (any upstroke from t = 0)": "oscillation_onset = 0.159",
        "dt = 0.001 on a grid of 0.01": "oscillation_onset = 0.34",
    },
}

ALTERNATIVES = {
    "fhn_step": {
        "vector field as an array": """
            def fhn_step(v, u, i_ext, dt):
                state = np.array(np.broadcast_arrays(v, u), dtype=float)
                field = np.array([C * (state[0] - state[0] ** 3 / 3 - state[1] + i_ext), state[0] - B * state[1] + A])
                new = state + dt * field
                return new[0], new[1]
        """,
    },
    "fhn_nullclines": {
        "written out": """
            def fhn_nullclines(v, i_ext):
                v = np.asarray(v, dtype=float)
                return v * (1 - v * v / 3) + i_ext, v / B + A / B
        """,
    },
    "fhn_fixed_point": {
        "bisection on the monotone cubic": """
            def fhn_fixed_point(i_ext):
                def f(v):
                    return v**3 / 3 + (1 / B - 1) * v + A / B - i_ext
                low, high = -10.0, 10.0
                for _ in range(200):
                    middle = (low + high) / 2
                    low, high = (middle, high) if f(middle) < 0 else (low, middle)
                v = (low + high) / 2
                return v, (v + A) / B
        """,
        "scipy brentq on the nullcline difference": """
            from scipy.optimize import brentq

            def fhn_fixed_point(i_ext):
                v = brentq(lambda v: v - v**3 / 3 + i_ext - (v + A) / B, -5, 5, xtol=1e-14)
                return v, (v + A) / B
        """,
    },
    "fhn_jacobian": {
        "numerical differentiation": """
            def fhn_jacobian(v, u):
                def field(x):
                    return np.array([C * (x[0] - x[0] ** 3 / 3 - x[1]), x[0] - B * x[1] + A])
                h = 1e-6
                x = np.array([v, u], dtype=float)
                return np.column_stack([(field(x + h * e) - field(x - h * e)) / (2 * h) for e in np.eye(2)])
        """,
    },
    "hopf_current": {
        "the root of the trace by brentq": "hopf_current = 0.34106",
        "analytic, from v*² = 1 − b/c": """
            v_hopf = -np.sqrt(1 - B / C)
            hopf_current = v_hopf**3 / 3 + (1 / B - 1) * v_hopf + A / B
        """,
        "the last stable input of the grid": "hopf_current = 0.341",
    },
    "oscillation_onset": {
        "explicit Euler with dt = 0.001": "oscillation_onset = 0.333",
        "solve_ivp (rtol 1e-10), first firing input of a 0.001 grid": "oscillation_onset = 0.333",
        "the protocol's grid of 0.01": "oscillation_onset = 0.33",
    },
}
