"""Bug zoo of section 7.11, reservoir computing."""

MISTAKES = {
    "rls_update": {
        "the original page's gain P r without 1/(1 + rᵀPr)": [("w - c * error * k", "w - error * k")],
        "P updated without the division": [("P - c * np.outer(k, k)", "P - np.outer(k, k)")],
        "the error's sign": [("w - c * error * k", "w + c * error * k")],
        "divides twice (c times P_new r)": [("w - c * error * k", "w - c * c * error * k")],
        "forgets to update P": [("return P - c * np.outer(k, k),", "return P,")],
        "updates the caller's P in place": """
            def rls_update(P, w, r, error):
                k = P @ r
                c = 1.0 / (1.0 + r @ k)
                P -= c * np.outer(k, k)
                return P, w - c * error * k
        """,
    },
    "force_step": {
        "no feedback of the output": [(" + w_f * z)", ")")],
        "J x instead of J tanh(x)": [("J @ np.tanh(x)", "J @ x")],
        "dt only on the leak": [("x + dt * (-x + J @ np.tanh(x) + w_f * z)", "x - dt * x + J @ np.tanh(x) + w_f * z")],
        "returns the a-posteriori output": [("    return x_new, z_new, w, P", "    return x_new, float(w @ r), w, P")],
        "target minus output": [("z_new - target", "target - z_new")],
        "RLS on the rates before the step": [
            ("P, w = rls_update(P, w, r, z_new - target)",
             "P, w = rls_update(P, w, np.tanh(x), float(w @ np.tanh(x)) - target)")],
        "learns even when learn is False": [("    if learn:\n", "    if True:\n")],
    },
    "scale_spectral_radius": {
        "largest singular value": [("np.max(np.abs(np.linalg.eigvals(W)))", "np.linalg.norm(W, 2)")],
        "largest real part": [("np.max(np.abs(np.linalg.eigvals(W)))", "np.max(np.linalg.eigvals(W).real)")],
        "eigvalsh on a non-symmetric matrix": [("np.linalg.eigvals(W)", "np.linalg.eigvalsh(W)")],
        "largest entry": [("np.max(np.abs(np.linalg.eigvals(W)))", "np.max(np.abs(W))")],
        "rho alone": [("W * (rho / np.max(np.abs(np.linalg.eigvals(W))))", "W * rho")],
        "scales the caller's W in place": """
            def scale_spectral_radius(W, rho):
                W *= rho / np.max(np.abs(np.linalg.eigvals(W)))
                return W
        """,
    },
    "force_test_error": {
        "not divided by the target's standard deviation": "force_test_error = 0.0299",
        "the target one step earlier": "force_test_error = 0.0173",
        "mean square error over the variance": "force_test_error = 0.00171",
        "over the whole run": "force_test_error = 0.280",
        "in percent": "force_test_error = 4.14",
    },
    "critical_radius": {
        "without input": "critical_radius = 0.95",
        "the rule of thumb": "critical_radius = 1.0",
        "distance below 1": "critical_radius = 1.65",
        "scaled by the largest singular value": "critical_radius = 2.0",
        "the index on the grid": "critical_radius = 12",
    },
}

ALTERNATIVES = {
    "rls_update": {
        "gain from the updated P": """
            def rls_update(P, w, r, error):
                Pr = P @ r
                P_new = P - np.outer(Pr, Pr) / (1.0 + r @ Pr)
                return P_new, w - error * (P_new @ r)
        """,
        "column vectors": """
            def rls_update(P, w, r, error):
                r = np.reshape(r, (-1, 1))
                k = np.dot(P, r)
                P_new = P - k @ k.T / (1.0 + (r.T @ k).item())
                return P_new, w - error * (P_new @ r).ravel()
        """,
    },
    "force_step": {
        "rates and derivative named": """
            def force_step(x, z, w, P, J, w_f, target, dt=DT, learn=True):
                rates = np.tanh(x)
                dxdt = -x + np.dot(J, rates) + z * w_f
                x = x + dt * dxdt
                rates = np.tanh(x)
                z = np.dot(w, rates)
                if learn:
                    P, w = rls_update(P, w, rates, z - target)
                return x, z, w, P
        """,
    },
    "scale_spectral_radius": {
        "radius first": """
            def scale_spectral_radius(W, rho):
                radius = np.abs(np.linalg.eigvals(W)).max()
                return rho * W / radius
        """,
    },
    "force_test_error": {
        "three figures": "force_test_error = 0.0414",
        "two figures": "force_test_error = 0.041",
    },
    "critical_radius": {
        "the reference's threshold": "critical_radius = 1.4",
        "a stricter threshold": "critical_radius = 1.35",
        "a looser threshold": "critical_radius = 1.45",
    },
}
