"""Bug zoo of section 7.10, eligibility traces and approximations of RTRL (RFLO, e-prop)."""

MISTAKES = {
    "rflo_grad": {
        "Murray's published input trace from x_{t−1}": [
            ("q = (1 - alpha) * q + np.outer(slope[t], x[t])",
             "q = (1 - alpha) * q + np.outer(slope[t], x[t - 1] if t > 0 else np.zeros(x.shape[1]))")],
        "the trace without the factor α": [("slope = alpha * (1 - np.tanh(u) ** 2)", "slope = 1 - np.tanh(u) ** 2")],
        "traces that never decay": [("p = (1 - alpha) * p +", "p = p +"), ("q = (1 - alpha) * q +", "q = q +")],
        "presynaptic h_t instead of h_{t−1}": [("np.outer(slope[t], h_prev[t])", "np.outer(slope[t], h[t])")],
        "f′ evaluated at h, 1 − h²": [("slope = alpha * (1 - np.tanh(u) ** 2)", "slope = alpha * (1 - h ** 2)")],
        "feedback through W_outᵀ, ignoring B": [("signal = error @ feedback.T", "signal = error @ w_out")],
        "sums instead of means over time": [
            ("return grad_in / n_steps, grad_rec / n_steps, error.T @ h / n_steps,",
             "return grad_in, grad_rec, error.T @ h,")],
        "error as target minus output": [("error = y - target  # e_t", "error = target - y  # e_t")],
        "the full RTRL term with W_rec, written per synapse": [
            ("p = (1 - alpha) * p + np.outer(slope[t], h_prev[t])",
             "p = (1 - alpha) * p + np.outer(slope[t], h_prev[t]) + slope[t][:, None] * (w_rec @ p)")],
    },
    "pseudo_derivative": {
        "height γ instead of γ/v_th": [("return gamma / v_th * np.maximum", "return gamma * np.maximum")],
        "half-width 1 instead of v_th": [
            ("1 - np.abs((np.asarray(v, dtype=float) - v_th) / v_th))", "1 - np.abs(np.asarray(v, dtype=float) - v_th))")],
        "no max(0, ·): negative far from the threshold": [
            ("np.maximum(0.0, 1 - np.abs((np.asarray(v, dtype=float) - v_th) / v_th))",
             "(1 - np.abs((np.asarray(v, dtype=float) - v_th) / v_th))")],
        "ignores its arguments": [("return gamma / v_th * np.maximum(0.0, 1 - np.abs((np.asarray(v, dtype=float) - v_th) / v_th))",
                                   "return GAMMA_PD / V_TH * np.maximum(0.0, 1 - np.abs((np.asarray(v, dtype=float) - V_TH) / V_TH))")],
        "triangle centred on 0": [("np.abs((np.asarray(v, dtype=float) - v_th) / v_th)", "np.abs(np.asarray(v, dtype=float) / v_th)")],
    },
    "eprop_grad": {
        "recurrent trace from z̄_t instead of z̄_{t−1}": [
            ("        x_bar = alpha * x_bar + x[t]\n", "        x_bar = alpha * x_bar + x[t]\n        z_bar = alpha * z_bar + z[t]\n"),
            ("        z_bar = alpha * z_bar + z[t]  # becomes z̄_{t} for the next step\n", "")],
        "no κ filter of the eligibility traces": [("e_in = kappa * e_in +", "e_in = 0 * e_in +"),
                                                  ("e_rec = kappa * e_rec +", "e_rec = 0 * e_rec +")],
        "raw input instead of x̄": [("x_bar = alpha * x_bar + x[t]", "x_bar = x[t]")],
        "learning signal through W_outᵀ, ignoring B": [("signal = error @ feedback.T", "signal = error @ w_out")],
        "readout gradient without the κ filter": [("grad_out = error.T @ leaky_filter(z, kappa) / n_steps",
                                                   "grad_out = error.T @ z / n_steps")],
        "sums instead of means over time": [("return grad_in / n_steps, grad_rec / n_steps, grad_out,",
                                             "return grad_in, grad_rec, grad_out * n_steps,")],
        "membrane filter α used for the readout filter κ": [("e_in = kappa * e_in +", "e_in = alpha * e_in +"),
                                                           ("e_rec = kappa * e_rec +", "e_rec = alpha * e_rec +")],
        "pseudo-derivative with the default threshold": [("psi = pseudo_derivative(v, v_th, gamma)",
                                                          "psi = pseudo_derivative(v)")],
    },
    "rflo_cosine": {
        "the network at W_rec = 0, where RFLO is exact": "rflo_cosine = 1.0",
        "RFLO with the random B of rate_network": "rflo_cosine = -0.1349",
        "all three gradients together (W_out's is exact)": "rflo_cosine = 0.9575",
        "the angle in degrees": "rflo_cosine = 70.77",
    },
    "readout_alignment": {
        "before training": "readout_alignment = -0.1386",
        "the symmetric run's readout against B": "readout_alignment = 0.0167",
        "Murray's learning rate 0.03": "readout_alignment = 0.4225",
        "unnormalised dot product": "readout_alignment = 2.166",
        "the angle in degrees": "readout_alignment = 58.1",
    },
}

ALTERNATIVES = {
    "rflo_grad": {
        "the same sums after the trial: the learning signal filtered backwards in time": """
            def rflo_grad(w_in, w_rec, w_out, feedback, x, target, h0=H0, alpha=ALPHA):
                u, h, y = ctrnn_forward(w_in, w_rec, w_out, x, h0, alpha)
                error = y - target
                h_prev = np.vstack([np.full((1, len(w_rec)), 1.0) * h0, h[:-1]])
                # Σ_t s_t P_t = Σ_τ α f′(u_τ) h_{τ−1}ᵀ Σ_{t≥τ} (1−α)^{t−τ} s_t
                later = leaky_filter((error @ feedback.T)[::-1], 1 - alpha)[::-1]
                factor = later * alpha * (1 - np.tanh(u) ** 2)
                n = len(x)
                return factor.T @ x / n, factor.T @ h_prev / n, error.T @ h / n, float(np.sum(error ** 2)) / (2 * n)
        """,
        "traces stored for every step, einsum": """
            def rflo_grad(w_in, w_rec, w_out, feedback, x, target, h0=H0, alpha=ALPHA):
                u, h, y = ctrnn_forward(w_in, w_rec, w_out, x, h0, alpha)
                error = y - target
                n_steps, n_rec = h.shape
                prev = np.asarray(h0, dtype=float) * np.ones(n_rec)
                P = np.zeros((n_steps, n_rec, n_rec))
                Q = np.zeros((n_steps, n_rec, x.shape[1]))
                p, q = np.zeros((n_rec, n_rec)), np.zeros((n_rec, x.shape[1]))
                for t in range(n_steps):
                    slope = 1 - np.tanh(u[t]) ** 2
                    p = (1 - alpha) * p + alpha * slope[:, None] * prev[None, :]
                    q = (1 - alpha) * q + alpha * slope[:, None] * x[t][None, :]
                    P[t], Q[t] = p, q
                    prev = h[t]
                signal = np.einsum("io,to->ti", feedback, error)
                return (np.einsum("ti,tij->ij", signal, Q) / n_steps, np.einsum("ti,tij->ij", signal, P) / n_steps,
                        np.einsum("to,ti->oi", error, h) / n_steps, 0.5 * np.mean(np.sum(error ** 2, axis=1)))
        """,
    },
    "pseudo_derivative": {
        "piecewise with np.where": """
            def pseudo_derivative(v, v_th=V_TH, gamma=GAMMA_PD):
                v = np.asarray(v, dtype=float)
                distance = np.abs(v - v_th) / v_th
                return np.where(distance < 1, gamma / v_th * (1 - distance), 0.0)
        """,
    },
    "eprop_grad": {
        "offline: the learning signal filtered backwards through the readout": """
            def eprop_grad(w_in, w_rec, w_out, feedback, x, target, v_th=V_TH, alpha=ALPHA_LIF, kappa=KAPPA,
                           gamma=GAMMA_PD):
                v, z, y = lif_forward(w_in, w_rec, w_out, x, v_th, alpha, kappa)
                error = y - target
                psi = pseudo_derivative(v, v_th, gamma)
                x_bar = leaky_filter(x, alpha)
                z_bar = np.vstack([np.zeros((1, z.shape[1])), leaky_filter(z, alpha)[:-1]])
                later = leaky_filter((error @ feedback.T)[::-1], kappa)[::-1]  # Σ_{t'≥t} κ^{t'−t} L_t'
                n = len(x)
                return ((later * psi).T @ x_bar / n, (later * psi).T @ z_bar / n,
                        error.T @ leaky_filter(z, kappa) / n, 0.5 * np.sum(error ** 2) / n)
        """,
        "traces for every step, filtered as arrays, einsum": """
            def eprop_grad(w_in, w_rec, w_out, feedback, x, target, v_th=V_TH, alpha=ALPHA_LIF, kappa=KAPPA,
                           gamma=GAMMA_PD):
                v, z, y = lif_forward(w_in, w_rec, w_out, x, v_th, alpha, kappa)
                error = y - target
                psi = pseudo_derivative(v, v_th, gamma)
                x_bar = leaky_filter(x, alpha)
                z_bar = np.concatenate([np.zeros((1, z.shape[1])), leaky_filter(z, alpha)[:-1]])
                e_in = leaky_filter(np.einsum("tj,ti->tji", psi, x_bar), kappa)
                e_rec = leaky_filter(np.einsum("tj,ti->tji", psi, z_bar), kappa)
                signal = error @ feedback.T
                n = len(x)
                return (np.einsum("tj,tji->ji", signal, e_in) / n, np.einsum("tj,tji->ji", signal, e_rec) / n,
                        np.einsum("tk,tj->kj", error, leaky_filter(z, kappa)) / n, 0.5 * np.sum(error ** 2) / n)
        """,
    },
    "rflo_cosine": {
        "with the exact gradient from the reference's BPTT, rounded": "rflo_cosine = 0.33",
        "finite differences with a larger step": "rflo_cosine = 0.3294",
    },
    "readout_alignment": {
        "rounded to two decimals": "readout_alignment = 0.53",
        "one trial less": "readout_alignment = 0.5267",
    },
}
