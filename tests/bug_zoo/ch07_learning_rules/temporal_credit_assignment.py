"""Bug zoo of section 7.8, temporal credit assignment."""

MISTAKES = {
    "credit_contributions": {
        "the credit moves back through W, not its transpose": [("credit = w.T @ credit", "credit = w @ credit")],
        "the outer product with h_s instead of h_{s-1}": [("np.outer(credit, h[s])", "np.outer(credit, h[s + 1])")],
        "one power of W too many (W^{t-s+1})": [("credit = c.T @ errors[t]  # ∂L_t/∂h_t",
                                                 "credit = w.T @ (c.T @ errors[t])")],
        "rows and columns swapped: [s, t] for [t, s]": [("terms[t, s] = ", "terms[s, t] = ")],
        "the error y* - ŷ": [("errors = h[1:] @ c.T - target", "errors = target - h[1:] @ c.T")],
        "the outer product transposed (the gradient for Wᵀ)": [("np.outer(credit, h[s])", "np.outer(h[s], credit)")],
    },
    "grad_future_facing": {
        "the credit moves back through W, not its transpose": [("+ w.T @ following", "+ w @ following")],
        "the gradient from h_t instead of h_{t-1}": [("np.outer(following, h[t])", "np.outer(following, h[t + 1])")],
        "no recursion: only the error of the same step": [("following = c.T @ errors[t] + w.T @ following",
                                                           "following = c.T @ errors[t]")],
        "the backward pass runs forward in time": [("for t in range(len(x) - 1, -1, -1):", "for t in range(len(x)):")],
        "δ stored before the step's error is added": [
            ("        following = c.T @ errors[t] + w.T @ following\n        delta[t] = following\n",
             "        delta[t] = following\n        following = c.T @ errors[t] + w.T @ following\n")],
        "the error y* - ŷ": [("errors = h[1:] @ c.T - target", "errors = target - h[1:] @ c.T")],
    },
    "grad_past_facing": {
        "Wᵀ in J_t P_{t-1}": [('np.einsum("il,ljk->ijk", w, p)', 'np.einsum("li,ljk->ijk", w, p)')],
        "the state updated before the sensitivity (h_t in the immediate term)": [
            ("        p = np.einsum(\"il,ljk->ijk\", w, p) + eye[:, :, None] * h[None, None, :]  # J_t P_{t−1} + P̃_t\n"
             "        h = w @ h + u @ x[t]\n",
             "        h = w @ h + u @ x[t]\n"
             "        p = np.einsum(\"il,ljk->ijk\", w, p) + eye[:, :, None] * h[None, None, :]\n")],
        "no J_t P_{t-1} term: only the immediate sensitivity": [
            ('p = np.einsum("il,ljk->ijk", w, p) + eye', "p = eye")],
        "the immediate term on the wrong index, 1(i = k) h_j": [
            ("eye[:, :, None] * h[None, None, :]", "eye[:, None, :] * h[None, :, None]")],
        "only the last step's loss": [
            ('        grad += np.einsum("i,ijk->jk", c.T @ (c @ h - target[t]), p)',
             '    grad = np.einsum("i,ijk->jk", c.T @ (c @ h - target[t]), p)')],
        "the error y* - ŷ": [("c.T @ (c @ h - target[t])", "c.T @ (target[t] - c @ h)")],
    },
    "truncation_lag": {
        "a strict lag t - s < K": "truncation_lag = 17",
        "the last K still above 1 %": "truncation_lag = 15",
        "the difference of the norms": "truncation_lag = 13",
        "10 % for 1 %": "truncation_lag = 5",
        "the relative error instead of the lag": "truncation_lag = 0.0091",
        "the number of steps T": "truncation_lag = 40",
    },
}

ALTERNATIVES = {
    "credit_contributions": {
        "matrix powers, one term at a time": """
            def credit_contributions(w, u, c, x, target, h0):
                h = linear_rnn_forward(w, u, x, h0)
                T, d = len(x), len(h0)
                out = np.zeros((T, T, d, d))
                for t in range(1, T + 1):
                    e = c @ h[t] - target[t - 1]
                    for s in range(1, t + 1):
                        credit = np.linalg.matrix_power(w, t - s).T @ c.T @ e
                        out[t - 1, s - 1] = credit[:, None] * h[s - 1][None, :]
                return out
        """,
    },
    "grad_future_facing": {
        "credits first, then one matrix product": """
            def grad_future_facing(w, u, c, x, target, h0):
                h = linear_rnn_forward(w, u, x, h0)
                back = (h[1:] @ c.T - target) @ c  # rows: Cᵀ e_t
                delta = np.zeros_like(back)
                delta[-1] = back[-1]
                for t in reversed(range(len(x) - 1)):
                    delta[t] = back[t] + delta[t + 1] @ w
                return delta.T @ h[:-1], delta
        """,
    },
    "grad_past_facing": {
        "sensitivity as a d × d² matrix": """
            def grad_past_facing(w, u, c, x, target, h0):
                d = len(h0)
                h = np.asarray(h0, dtype=float).copy()
                p = np.zeros((d, d * d))
                grad = np.zeros(d * d)
                for t in range(len(x)):
                    immediate = np.kron(np.eye(d), h[None, :])  # row i: h_{t-1} in the block of row i of W
                    p = w @ p + immediate
                    h = w @ h + u @ x[t]
                    grad = grad + (c @ h - target[t]) @ c @ p
                return grad.reshape(d, d), p.reshape(d, d, d)
        """,
    },
    "truncation_lag": {
        "as a float": "truncation_lag = 16.0",
        "by adding the diagonals one lag at a time": """
            terms = credit_contributions(*notebook_problem())
            total = terms.sum(axis=(0, 1))
            partial, truncation_lag = np.zeros_like(total), None
            for lag in range(len(terms)):
                partial = partial + sum(terms[t, t - lag] for t in range(lag, len(terms)))
                if np.linalg.norm(partial - total) < 0.01 * np.linalg.norm(total):
                    truncation_lag = lag
                    break
        """,
    },
}
