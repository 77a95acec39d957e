"""Bug zoo of chapter 4, networks of rate models."""

MISTAKES = {
    "naka_rushton": {
        "Θ forgotten: nan for negative inputs": [
            ("power = np.maximum(np.asarray(x, dtype=float), 0.0) ** a", "power = np.asarray(x, dtype=float) ** a")],
        "Θ applied after the power (nan · 0 is nan)": [
            ("power = np.maximum(np.asarray(x, dtype=float), 0.0) ** a",
             "x = np.asarray(x, dtype=float)\n    power = x ** a * (x > 0)")],
        "σ not raised to the power a": [("m * power / (sigma**a + power)", "m * power / (sigma + power)")],
        "m forgotten": [("m * power / (sigma**a + power)", "power / (sigma**a + power)")],
        "|x| instead of Θ(x)": [("np.maximum(np.asarray(x, dtype=float), 0.0)", "np.abs(np.asarray(x, dtype=float))")],
    },
    "wilson_cowan_step": {
        "y @ M: weights read as (pre, post)": [
            ("(np.asarray(M, dtype=float) @ y[..., None])[..., 0]",
             "(np.swapaxes(np.asarray(M, dtype=float), -1, -2) @ y[..., None])[..., 0]")],
        "dt not divided by τ": [("alpha = dt / np.asarray(tau, dtype=float)", "alpha = dt")],
        "no leak: y + α f(·)": [("return (1 - alpha) * y + alpha * transfer(drive)",
                                 "return y + alpha * transfer(drive)")],
        "x added outside the transfer function": [
            ("drive = (np.asarray(M, dtype=float) @ y[..., None])[..., 0] + x",
             "drive = (np.asarray(M, dtype=float) @ y[..., None])[..., 0]"),
            ("return (1 - alpha) * y + alpha * transfer(drive)",
             "return (1 - alpha) * y + alpha * (transfer(drive) + x)")],
        "M @ y: fails for copies in rows": [
            ("(np.asarray(M, dtype=float) @ y[..., None])[..., 0]", "np.asarray(M, dtype=float) @ y")],
        "in-place update of the caller's rates": [
            ("    y = np.asarray(y, dtype=float)\n", ""),
            ("    return (1 - alpha) * y + alpha * transfer(drive)",
             "    y *= 1 - alpha\n    y += alpha * transfer(drive)\n    return y")],
    },
    "wc_fixed_points": {
        "E-nullcline solved with the wrong sign of the inhibitory weight": [
            ("- w_ee * r_e - x_e) / w_ei", "- w_ee * r_e - x_e) / -w_ei")],
        "only the first sign change refined": [
            ("change = np.nonzero(positive[:-1] != positive[1:])[0]",
             "change = np.nonzero(positive[:-1] != positive[1:])[0][:1]")],
        "grid of r_E from 0 to 1: misses the fixed point at 0 and crosses F_E's upper limit": [
            ("grid = np.linspace(low, 1 + low, n_grid + 2)[1:-1]", "grid = np.linspace(0.0, 1.0, n_grid)")],
        "no bisection: the grid point before the sign change": [("range(45)", "range(0)"),
                                                                ("r_e = (left + right) / 2", "r_e = left")],
        "unsorted: sorted by decreasing r_E": [("np.column_stack([r_e, on_e_nullcline(r_e)])",
                                                "np.column_stack([r_e, on_e_nullcline(r_e)])[::-1]")],
        "E and I transfer parameters swapped": [("(a_e, a_i), (theta_e, theta_i) = GAIN_WC, THRESHOLD_WC",
                                                 "(a_i, a_e), (theta_i, theta_e) = GAIN_WC, THRESHOLD_WC")],
    },
    "jacobian": {
        "D_F on the columns (M D_F)": [("slope[:, None] * M", "slope[None, :] * M")],
        "τ forgotten": [("/ np.asarray(tau, dtype=float)[:, None]", "")],
        "leak forgotten": [("(-np.eye(len(z)) + slope[:, None] * M)", "(slope[:, None] * M)")],
        "F′ without the gain": [("slope = GAIN_WC * sigma * (1 - sigma)", "slope = sigma * (1 - sigma)")],
        "transposed": [("return (-np.eye(len(z)) + slope[:, None] * M) / np.asarray(tau, dtype=float)[:, None]",
                        "return ((-np.eye(len(z)) + slope[:, None] * M) / np.asarray(tau, dtype=float)[:, None]).T")],
        "τ divides columns": [("np.asarray(tau, dtype=float)[:, None]", "np.asarray(tau, dtype=float)[None, :]")],
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "saddle_node_input": {
        "Figure 4's grid of 0.05, not refined": "saddle_node_input = 0.5",
        "the last input with three fixed points": "saddle_node_input = 0.45",
        "the input given to both populations, x = (I_E, I_E)": "saddle_node_input = 0.53",
    },
    "paradoxical_w_ee": {
        "rates read 20 ms after the start, before the steady state": "paradoxical_w_ee = 0.47",
        "r_E instead of r_I: it falls for every w_EE": "paradoxical_w_ee = 0.0",
        "1/max s′: the maximal slope instead of the slope at the operating point": "paradoxical_w_ee = 0.348",
        "1/s′(σ): the slope at the semi-saturation input": "paradoxical_w_ee = 0.417",
        "1/s′(h_E): the slope at the feedforward input alone": "paradoxical_w_ee = 0.358",
    },
}

ALTERNATIVES = {
    "naka_rushton": {
        "np.where with a safe power": """
            def naka_rushton(x, m=NR_MAX, sigma=NR_SIGMA, a=NR_EXPONENT):
                x = np.asarray(x, dtype=float)
                positive = np.where(x > 0, x, 0.0)
                return np.where(x > 0, m / (1 + (sigma / np.where(x > 0, positive, 1.0)) ** a), 0.0)
        """,
    },
    "wilson_cowan_step": {
        "einsum and the Euler form": """
            def wilson_cowan_step(y, M, x, dt, tau, transfer):
                y = np.asarray(y, dtype=float)
                drive = np.einsum("...ij,...j->...i", np.asarray(M, dtype=float), y) + x
                return y + dt / np.asarray(tau) * (-y + transfer(drive))
        """,
    },
    "wc_fixed_points": {
        "scipy brentq on every bracket": """
            from scipy.optimize import brentq

            def wc_fixed_points(M, x, n_grid=N_GRID):
                M, x = np.asarray(M, dtype=float), np.asarray(x, dtype=float)
                low = -1 / (1 + np.exp(GAIN_WC[0] * THRESHOLD_WC[0]))

                def r_i_of(r_e):
                    return (wc_transfer_inverse(r_e, GAIN_WC[0], THRESHOLD_WC[0]) - M[0, 0] * r_e - x[0]) / M[0, 1]

                def residual(r_e):
                    r_i = r_i_of(r_e)
                    return wc_transfer(M[1, 0] * r_e + M[1, 1] * r_i + x[1], GAIN_WC[1], THRESHOLD_WC[1]) - r_i

                grid = np.linspace(low, 1 + low, n_grid + 2)[1:-1]
                values = residual(grid)
                roots = [brentq(residual, grid[k], grid[k + 1], xtol=1e-15)
                         for k in np.nonzero(np.sign(values[:-1]) != np.sign(values[1:]))[0]]
                roots = np.array(roots)
                return np.column_stack([roots, r_i_of(roots)])
        """,
        "along the I-nullcline instead, then sorted": """
            def wc_fixed_points(M, x, n_grid=N_GRID):
                M, x = np.asarray(M, dtype=float), np.asarray(x, dtype=float)
                low = -1 / (1 + np.exp(GAIN_WC[1] * THRESHOLD_WC[1]))

                def r_e_of(r_i):
                    return (wc_transfer_inverse(r_i, GAIN_WC[1], THRESHOLD_WC[1]) - M[1, 1] * r_i - x[1]) / M[1, 0]

                def residual(r_i):
                    r_e = r_e_of(r_i)
                    return wc_transfer(M[0, 0] * r_e + M[0, 1] * r_i + x[0], GAIN_WC[0], THRESHOLD_WC[0]) - r_e

                grid = np.linspace(low, 1 + low, 4 * n_grid + 2)[1:-1]
                values = residual(grid)
                k = np.nonzero(np.sign(values[:-1]) != np.sign(values[1:]))[0]
                a, b, fa = grid[k], grid[k + 1], values[k]
                for _ in range(60):
                    m = (a + b) / 2
                    fm = residual(m)
                    same = np.sign(fm) == np.sign(fa)
                    a, fa, b = np.where(same, m, a), np.where(same, fm, fa), np.where(same, b, m)
                r_i = (a + b) / 2
                points = np.column_stack([r_e_of(r_i), r_i])
                return points[np.argsort(points[:, 0])]
        """,
    },
    "jacobian": {
        "finite differences of the vector field": """
            def jacobian(y, M, x, tau=TAU_WC):
                def field(v):
                    return (-v + wc_transfer(M @ v + x)) / tau
                y, h = np.asarray(y, dtype=float), 1e-6
                return np.column_stack([(field(y + h * e) - field(y - h * e)) / (2 * h) for e in np.eye(len(y))])
        """,
        "matrix products with np.diag": """
            def jacobian(y, M, x, tau=TAU_WC):
                z = M @ y + x
                s = 1 / (1 + np.exp(-GAIN_WC * (z - THRESHOLD_WC)))
                return np.diag(1 / tau) @ (-np.eye(2) + np.diag(GAIN_WC * s * (1 - s)) @ M)
        """,
    },
    "saddle_node_input": {
        "the fold itself (bisection on the number of fixed points)": "saddle_node_input = 0.4575",
        "the first single-fixed-point input of a 0.01 grid": "saddle_node_input = 0.46",
    },
    "paradoxical_w_ee": {
        "a step of 0.1 instead of DH_ISN": "paradoxical_w_ee = 0.48",
        "where w_EE s′(z_E*) = 1 (scipy)": "paradoxical_w_ee = 0.4757",
        "the reference scan": "paradoxical_w_ee = 0.49",
    },
}
