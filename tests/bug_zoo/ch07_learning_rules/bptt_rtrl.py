"""Bug zoo of section 7.9, BPTT and RTRL (the original page's two slips among them)."""

MISTAKES = {
    "ctrnn_forward": {
        "the input of the previous step": [("+ drive[t]", "+ drive[t - 1]")],
        "no leak: the discrete-time RNN": [("h[t] = (1 - alpha) * h[t - 1] + alpha * np.tanh(u[t])",
                                            "h[t] = np.tanh(u[t])")],
        "α missing on the drive": [("+ alpha * np.tanh(u[t])", "+ np.tanh(u[t])")],
        "row-vector convention: h W_rec": [("u[t] = w_rec @ h[t - 1]", "u[t] = h[t - 1] @ w_rec")],
        "forgets the bias": [("drive = x @ w_in.T + b", "drive = x @ w_in.T")],
        "steps from t = 0 too, so h_0 is not 0": [("for t in range(1, n_steps):", "for t in range(n_steps):")],
    },
    "bptt_grad": {
        "the original's error[t] for error[t - 1]": [("dh = direct[t - 1] +", "dh = direct[t] +")],
        "the original's W_rec without transpose": [("+ w_rec.T @ du[t]", "+ w_rec @ du[t]")],
        "both of the original's slips": [("dh = direct[t - 1] +", "dh = direct[t] +"),
                                         ("+ w_rec.T @ du[t]", "+ w_rec @ du[t]")],
        "α missing from δu": [("gain = alpha * (1 -", "gain = (1 -")],
        "the leak's (1 - α) δh dropped": [("dh = direct[t - 1] + (1 - alpha) * dh + w_rec.T @ du[t]",
                                           "dh = direct[t - 1] + w_rec.T @ du[t]")],
        "error y - ŷ: every sign flipped": [("error = y_hat - y", "error = y - y_hat")],
        "the original's bias gradient, summed over all units": [("du[1:].sum(axis=0)",
                                                                 "np.full(len(b), du[1:].sum())")],
        "h_t for h_{t-1} in the W_rec gradient": [("du[1:].T @ h[:-1]", "du[1:].T @ h[1:]")],
        "tanh' evaluated at the rate h instead of u": [("(1 - np.tanh(u) ** 2)", "(1 - h ** 2)")],
    },
    "rtrl_grad": {
        "recurrent term of the Jacobian dropped (RFLO's trace)": [
            ("jacobian = (1 - alpha) * np.eye(n_rec) + d[:, None] * w_rec", "jacobian = (1 - alpha) * np.eye(n_rec)")],
        "Jacobian with W_rec transposed": [("+ d[:, None] * w_rec\n", "+ d[:, None] * w_rec.T\n")],
        "the new rate h_t in the immediate term": [
            ("p[diag, diag, :] += d[:, None] * h\n",
             "p[diag, diag, :] += d[:, None] * ((1 - alpha) * h + alpha * np.tanh(u))\n")],
        "x_{t-1} in the input sensitivity, as RFLO's code": [("q[diag, diag, :] += d[:, None] * x[t]",
                                                              "q[diag, diag, :] += d[:, None] * x[t - 1]")],
        "immediate term added before the propagation": [
            ("        p = np.tensordot(jacobian, p, axes=1)\n        p[diag, diag, :] += d[:, None] * h\n",
             "        p[diag, diag, :] += d[:, None] * h\n        p = np.tensordot(jacobian, p, axes=1)\n")],
        "leak forgotten in the Jacobian": [("jacobian = (1 - alpha) * np.eye(n_rec) +", "jacobian = np.eye(n_rec) +")],
    },
    "original_cosine": {
        "cosine with +gradient of one and -gradient of the other": "original_cosine = -0.1437",
        "all parameters flattened together": "original_cosine = 0.2935",
        "the W_out parts, which agree": "original_cosine = 1.0",
        "the W_in parts": "original_cosine = 0.0483",
    },
    "original_loss_ratio": {
        "trained with bptt_grad": "original_loss_ratio = 0.004925",
        "last recorded loss, before the last step": "original_loss_ratio = 0.6036",
        "initial over final": "original_loss_ratio = 1.6048",
        "a percentage": "original_loss_ratio = 62.31",
    },
}

ALTERNATIVES = {
    "ctrnn_forward": {
        "rates as a list, input drive precomputed": """
            def ctrnn_forward(w_in, w_rec, w_out, b, x, alpha=ALPHA):
                drive = np.asarray(x, dtype=float) @ w_in.T + b
                rates = [np.zeros(len(w_rec))]
                totals = [np.zeros(len(w_rec))]
                for t in range(1, len(x)):
                    totals.append(w_rec @ rates[-1] + drive[t])
                    rates.append(rates[-1] + alpha * (np.tanh(totals[-1]) - rates[-1]))
                h = np.array(rates)
                return np.array(totals), h, np.einsum("ij,tj->ti", w_out, h)
        """,
    },
    "bptt_grad": {
        "outer products accumulated step by step": """
            def bptt_grad(w_in, w_rec, w_out, b, x, y, alpha=ALPHA):
                u, h, y_hat = ctrnn_forward(w_in, w_rec, w_out, b, x, alpha)
                e = y_hat - y
                g_in, g_rec, g_out, g_b = (np.zeros_like(w_in), np.zeros_like(w_rec), np.zeros_like(w_out),
                                           np.zeros_like(b))
                delta = np.zeros(len(w_rec))  # dL/dh_t from the future steps only
                for t in range(len(x) - 1, 0, -1):
                    delta = delta + w_out.T @ e[t]
                    g_out += np.outer(e[t], h[t])
                    du = alpha * (1 - np.tanh(u[t]) ** 2) * delta
                    g_rec += np.outer(du, h[t - 1])
                    g_in += np.outer(du, x[t])
                    g_b += du
                    delta = (1 - alpha) * delta + w_rec.T @ du
                g_out += np.outer(e[0], h[0])
                return g_in, g_rec, g_out, g_b
        """,
    },
    "rtrl_grad": {
        "einsum with the sensitivities of all parameters in one matrix": """
            def rtrl_grad(w_in, w_rec, w_out, b, x, y, alpha=ALPHA):
                n_rec, n_in = w_in.shape
                n_par = n_rec * n_in + n_rec * n_rec + n_rec
                sens = np.zeros((n_rec, n_par))  # dh/d(w_in, w_rec, b), flattened row-major
                h = np.zeros(n_rec)
                grad = np.zeros(n_par)
                g_out = np.outer(w_out @ h - y[0], h)
                for t in range(1, len(x)):
                    u = w_rec @ h + w_in @ x[t] + b
                    d = alpha * (1 - np.tanh(u) ** 2)
                    immediate = np.zeros((n_rec, n_par))
                    for k in range(n_rec):
                        immediate[k, k * n_in:(k + 1) * n_in] = d[k] * x[t]
                        start = n_rec * n_in + k * n_rec
                        immediate[k, start:start + n_rec] = d[k] * h
                        immediate[k, n_rec * n_in + n_rec * n_rec + k] = d[k]
                    sens = (1 - alpha) * sens + np.einsum("k,kl,lp->kp", d, w_rec, sens) + immediate
                    h = (1 - alpha) * h + alpha * np.tanh(u)
                    e = w_out @ h - y[t]
                    grad += (w_out.T @ e) @ sens
                    g_out += np.outer(e, h)
                g_in = grad[:n_rec * n_in].reshape(n_rec, n_in)
                g_rec = grad[n_rec * n_in:n_rec * n_in + n_rec * n_rec].reshape(n_rec, n_rec)
                return g_in, g_rec, g_out, grad[-n_rec:]
        """,
    },
    "original_cosine": {
        "two decimals": "original_cosine = 0.14",
        "three decimals": "original_cosine = 0.144",
    },
    "original_loss_ratio": {
        "two significant figures": "original_loss_ratio = 0.62",
        "three significant figures": "original_loss_ratio = 0.623",
    },
}
