"""Bug zoo of section 2.6, cable theory."""

MISTAKES = {
    "length_constant": {
        "no factor 2": [("(2 * np.asarray(r_i))", "np.asarray(r_i)")],
        "no unit conversion": [("np.sqrt(1e4 * np.asarray(a)", "np.sqrt(np.asarray(a)")],
        "resistances swapped": [("np.asarray(a) * r_m / (2 * np.asarray(r_i))", "np.asarray(a) * r_i / (2 * r_m)")],
    },
    "cable_step": {
        "ends held at E_L (killed ends)": """
            def cable_step(v, i_inj, dx, dt, a=RADIUS, r_m=R_M, r_i=R_I, c_m=C_M, e_l=E_L):
                padded = np.concatenate(([e_l], v, [e_l]))
                laplacian = padded[2:] - 2 * v + padded[:-2]
                drive = 100.0 * r_m * np.asarray(i_inj) / (2 * np.pi * a * dx)
                return v + dt / (1e-3 * r_m * c_m) * (-(v - e_l) + 1e4 * a * r_m / (2 * r_i) * laplacian / dx**2 + drive)
        """,
        "periodic ends": [("laplacian = np.append(gradient, 0.0) - np.insert(gradient, 0, 0.0)",
                           "laplacian = np.roll(v, 1) - 2 * v + np.roll(v, -1)")],
        "forgets dx squared": [("laplacian / dx**2", "laplacian")],
        "current not divided by the area": [("/ (2 * np.pi * a * dx)", "")],
        "tau in seconds": [("tau = 1e-3 * r_m * c_m", "tau = r_m * c_m * 1e-6")],
    },
    "cable_steady_state": {
        "killed far end": [("np.cosh((length - np.asarray(x)) / lam) / np.sinh(length / lam)",
                            "np.sinh((length - np.asarray(x)) / lam) / np.cosh(length / lam)")],
        "semi-infinite formula": [("np.cosh((length - np.asarray(x)) / lam) / np.sinh(length / lam)",
                                   "np.exp(-np.asarray(x) / lam)")],
        "diameter in R_lambda": [("(np.pi * a**2)", "(np.pi * (2 * a) ** 2)")],
        "R_lambda in ohms": [("r_lambda = 1e-2 * r_i", "r_lambda = r_i")],
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "half_time_at_lambda": {
        "the injected compartment (probe 0)": "half_time_at_lambda = 4.85",
        "an isolated RC membrane, τ ln 2": "half_time_at_lambda = 20.0 * np.log(2)",
        "1 − 1/e of the value at 100 ms": "half_time_at_lambda = 20.59",
        "compartment 40, about 2λ": "half_time_at_lambda = 26.96",
        "counted in steps of dt, not ms": "half_time_at_lambda = 1531",
    },
    "distance_10_percent": {
        "semi-infinite cable, λ ln 10": "distance_10_percent = 1000 * np.log(10)",
        "far end held at E_L": "distance_10_percent = 2117.4",
        "fallen by 10 %, not to 10 %": "distance_10_percent = 105.9",
        "in mm": "distance_10_percent = 2.884",
    },
}

ALTERNATIVES = {
    "length_constant": {
        "in centimetres, then converted": """
            def length_constant(a, r_m, r_i):
                a_cm = np.asarray(a) * 1e-4
                return 1e4 * np.sqrt(a_cm * r_m / (2 * np.asarray(r_i)))
        """,
    },
    "cable_step": {
        "ghost nodes by np.pad": """
            def cable_step(v, i_inj, dx, dt, a=RADIUS, r_m=R_M, r_i=R_I, c_m=C_M, e_l=E_L):
                lam = length_constant(a, r_m, r_i)
                tau = r_m * c_m * 1e-3
                padded = np.pad(v, 1, mode="edge")  # mirror: sealed ends
                laplacian = (padded[2:] - 2 * v + padded[:-2]) / dx**2
                area = 2 * np.pi * a * dx  # µm²
                return v + dt / tau * (e_l - v + lam**2 * laplacian + r_m * np.asarray(i_inj) * 1e-9 / (area * 1e-8) * 1e3)
        """,
    },
    "cable_steady_state": {
        "input resistance of the finite cable": """
            def cable_steady_state(x, i_0, length, a=RADIUS, r_m=R_M, r_i=R_I, e_l=E_L):
                lam = length_constant(a, r_m, r_i) * 1e-4  # cm
                r_lambda = r_i * lam / (np.pi * (a * 1e-4) ** 2) / 1e6  # MΩ
                input_resistance = r_lambda / np.tanh(length * 1e-4 / lam)
                return e_l + i_0 * input_resistance * np.cosh((length * 1e-4 - np.asarray(x) * 1e-4) / lam) / np.cosh(length * 1e-4 / lam)
        """,
    },
    "half_time_at_lambda": {
        "compartments of 10 µm (dt = 0.0005 ms), sampled at 1025 µm": "half_time_at_lambda = 15.31",
        "half of the analytic steady state at 1025 µm": "half_time_at_lambda = 15.41",
    },
    "distance_10_percent": {
        "brentq on cosh((L − x)/λ)/cosh(L/λ) = 0.1": """
            from scipy.optimize import brentq

            distance_10_percent = brentq(lambda x: np.cosh((3000.0 - x) / 1000.0) / np.cosh(3.0) - 0.1, 0.0, 3000.0)
        """,
        "rounded to 10 µm": "distance_10_percent = 2880.0",
    },
}
