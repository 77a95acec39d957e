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
}
