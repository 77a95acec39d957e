"""Bug zoo of section 13.1, the minimum-jerk model."""

MISTAKES = {
    "minimum_jerk": {
        "x0 forgotten: the trajectory starts at 0": [
            ("return position + np.asarray(x0, dtype=float), velocity", "return position, velocity")],
        "derivatives in τ: the factors 1/Tᵏ forgotten": [("np.multiply.outer(s, distance) / T**k",
                                                          "np.multiply.outer(s, distance)")],
        "every derivative divided by T once": [("np.multiply.outer(s, distance) / T**k",
                                                "np.multiply.outer(s, distance) / T**min(k, 1)")],
        "the cubic 3τ² − 2τ³ (minimum acceleration)": [
            ("shape = (10 * tau**3 - 15 * tau**4 + 6 * tau**5,", "shape = (3 * tau**2 - 2 * tau**3,"),
            ("             30 * tau**2 - 60 * tau**3 + 30 * tau**4,", "             6 * tau - 6 * tau**2,"),
            ("             60 * tau - 180 * tau**2 + 120 * tau**3,", "             6 - 12 * tau,"),
            ("             60 - 360 * tau + 360 * tau**2)", "             -12 + 0 * tau)")],
        "t not divided by T": [("tau = np.asarray(t, dtype=float) / T", "tau = np.asarray(t, dtype=float)")],
        "D = x0 − xf": [("distance = np.asarray(xf, dtype=float) - np.asarray(x0, dtype=float)",
                         "distance = np.asarray(x0, dtype=float) - np.asarray(xf, dtype=float)")],
        "s * D: fails for positions in the plane": [("np.multiply.outer(s, distance)", "s * distance")],
        "jerk differentiated with a slip": [("60 - 360 * tau + 360 * tau**2", "60 - 180 * tau + 360 * tau**2")],
    },
    "equality_qp": {
        "right-hand side [q; b]": [("np.concatenate([-np.asarray(q, dtype=float), b])",
                                    "np.concatenate([np.asarray(q, dtype=float), b])")],
        "2P in the KKT matrix": [("np.block([[P, A.T],", "np.block([[2 * P, A.T],")],
        "returns [x; λ]": [("np.concatenate([-np.asarray(q, dtype=float), b]))[:n]",
                            "np.concatenate([-np.asarray(q, dtype=float), b]))")],
        "returns the first m entries": [("np.concatenate([-np.asarray(q, dtype=float), b]))[:n]",
                                         "np.concatenate([-np.asarray(q, dtype=float), b]))[:m]")],
        "np.append flattens the columns": [("np.concatenate([-np.asarray(q, dtype=float), b])",
                                            "np.append(-np.asarray(q, dtype=float), b)")],
        "zero block of shape (n, n)": [("np.zeros((m, m))", "np.zeros((n, n))")],
    },
    "min_jerk_qp": {
        "the original's grid: T/dt samples, spanning T − dt": [("n = round(T / dt) + 1", "n = round(T / dt)")],
        "via index truncated with int()": [("eye[round(via_time / dt)]", "eye[int(via_time / dt)]")],
        "second differences: minimum acceleration": [("np.diff(eye, 3, axis=0)", "np.diff(eye, 2, axis=0)")],
        "accelerations at the ends not constrained": [
            ("            eye[0] - 2 * eye[1] + eye[2], eye[-3] - 2 * eye[-2] + eye[-1]]", "            ]"),
            ("values = [x0, xf, 0, 0, 0, 0]", "values = [x0, xf, 0, 0]")],
        "end rows one sample early": [("eye[-1] - eye[-2],", "eye[-2] - eye[-3],"),
                                      ("eye[-3] - 2 * eye[-2] + eye[-1]]", "eye[-4] - 2 * eye[-3] + eye[-2]]")],
        "b built with np.array: fails for positions in the plane": [
            ("b = np.zeros((len(values),) + np.shape(x0))\n    for row, value in enumerate(values):\n"
             "        b[row] = value\n", "b = np.array(values, dtype=float)\n")],
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "peak_speed_ratio": {
        "the QP's differences at dt = 0.01 s": "peak_speed_ratio = 1.913",
        "the original's QP grid of 100 samples": "peak_speed_ratio = 1.934",
        "the peak speed in m/s, not divided by D/T": "peak_speed_ratio = 3.75",
        "the cubic profile 3τ² − 2τ³": "peak_speed_ratio = 1.5",
        "the peak acceleration ratio 10/√3": "peak_speed_ratio = 5.774",
    },
    "optimal_via_time": {
        "the original's fixed T/2, no search": "optimal_via_time = 0.5",
        "constant speed along the path (4 m of 6 m)": "optimal_via_time = 0.667",
        "the least peak speed instead of the least jerk cost": "optimal_via_time = 0.6",
        "the acceleration cost of the minimum-jerk trajectories": "optimal_via_time = 0.57",
        "the minimum-acceleration model's optimum": "optimal_via_time = 0.58",
    },
}

ALTERNATIVES = {
    "minimum_jerk": {
        "numpy Polynomial and its derivatives": """
            from numpy.polynomial import Polynomial

            def minimum_jerk(x0, xf, T, t):
                profile = Polynomial([0, 0, 0, 10, -15, 6])
                tau = np.asarray(t, dtype=float) / T
                D = np.asarray(xf, dtype=float) - np.asarray(x0, dtype=float)
                values = [np.multiply.outer(profile.deriv(k)(tau), D) / T**k for k in range(4)]
                values[0] = values[0] + x0
                return tuple(values)
        """,
        "Horner's scheme with an explicit coordinate axis": """
            def minimum_jerk(x0, xf, T, t):
                x0, xf, t = np.asarray(x0, dtype=float), np.asarray(xf, dtype=float), np.asarray(t, dtype=float)
                s = (t / T).reshape(t.shape + (1,) * x0.ndim)
                D = xf - x0
                position = x0 + D * s**3 * (10 + s * (-15 + 6 * s))
                velocity = D * 30 * s**2 * (1 - s) ** 2 / T
                acceleration = D * 60 * s * (1 - s) * (1 - 2 * s) / T**2
                jerk = D * 60 * (1 - 6 * s + 6 * s**2) / T**3
                return position, velocity, acceleration, jerk
        """,
    },
    "equality_qp": {
        "null-space method (scipy)": """
            from scipy.linalg import null_space

            def equality_qp(P, q, A, b):
                particular = np.linalg.lstsq(A, b, rcond=None)[0]
                Z = null_space(A)
                y = np.linalg.solve(Z.T @ P @ Z, -Z.T @ (P @ particular + q))
                return particular + Z @ y
        """,
        "explicit KKT matrix, inverse": """
            def equality_qp(P, q, A, b):
                n, m = len(P), len(A)
                K = np.zeros((n + m, n + m))
                K[:n, :n], K[:n, n:], K[n:, :n] = P, np.transpose(A), A
                rhs = np.vstack([-np.reshape(q, (n, -1)), np.reshape(b, (m, -1))])
                return (np.linalg.inv(K) @ rhs)[:n].reshape(np.shape(q))
        """,
    },
    "min_jerk_qp": {
        "the original's Toeplitz matrices, jerk scaled by 1/dt³, one coordinate at a time": """
            from scipy.linalg import toeplitz

            def min_jerk_qp(x0, xf, T, dt, via_time=None, via_position=None):
                n = int(round(T / dt)) + 1
                row = np.zeros(n)
                row[:4] = [-1, 3, -3, 1]
                column = np.zeros(n - 3)
                column[0] = -1
                D = toeplitz(column, row) / dt**3
                e = np.eye(n)
                A = [e[0], e[n - 1], e[1] - e[0], e[n - 1] - e[n - 2], e[0] - 2 * e[1] + e[2],
                     e[n - 3] - 2 * e[n - 2] + e[n - 1]]
                if via_time is not None:
                    A.append(e[int(round(via_time / dt))])
                A = np.array(A)

                def solve(start, end, via):
                    b = [start, end, 0, 0, 0, 0] + ([via] if via_time is not None else [])
                    return equality_qp(D.T @ D, np.zeros(n), A, np.array(b, dtype=float))

                if np.ndim(x0) == 0:
                    return solve(x0, xf, via_position)
                via = via_position if via_time is not None else np.zeros(len(x0))
                return np.column_stack([solve(x0[i], xf[i], via[i]) for i in range(len(x0))])
        """,
    },
    "peak_speed_ratio": {
        "the reference value": "peak_speed_ratio = 1.875",
        "a grid of 100 samples that misses T/2": "peak_speed_ratio = 1.8746",
    },
    "optimal_via_time": {
        "the QP scan at dt = 0.01 s": "optimal_via_time = 0.56",
        "the continuous optimum of the quintic splines": "optimal_via_time = 0.5646",
    },
}
