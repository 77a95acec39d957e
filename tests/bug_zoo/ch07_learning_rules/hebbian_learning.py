"""Bug zoo of section 7.2, Hebbian learning."""

MISTAKES = {
    "hebb_update": {
        "returns the change instead of the new weights": [("return w + eta * (x.T @ y)", "return eta * (x.T @ y)")],
        "averages over the batch": [("eta * (x.T @ y)", "eta * (x.T @ y) / len(x)")],
        "updates w in place": [("    return w + eta * (x.T @ y)", "    w += eta * (x.T @ y)\n    return w")],
        "ignores the eta argument": [("w + eta * (x.T @ y)", "w + ETA * (x.T @ y)")],
        "adds Oja's decay term": [("eta * (x.T @ y)", "eta * (x.T @ y - (y @ y) * w)")],
        "output is the summed input, not wᵀx": [("y = x @ w  #", "y = x.sum(axis=1)  #")],
    },
    "oja_update": {
        "no decay term (plain Hebb)": [("eta * (x.T @ y - (y @ y) * w)", "eta * (x.T @ y)")],
        "decay with a plus sign": [("x.T @ y - (y @ y) * w", "x.T @ y + (y @ y) * w")],
        "decay proportional to y, not y²": [("(y @ y) * w", "y.sum() * w")],
        "explicit normalisation instead of Oja's first-order rule": """
            def oja_update(w, x, eta=ETA):
                y = x @ w
                w_new = w + eta * x.T @ y
                return w_new / np.linalg.norm(w_new)
        """,
        "averages over the batch": [("eta * (x.T @ y - (y @ y) * w)", "eta * (x.T @ y - (y @ y) * w) / len(x)")],
        "updates w in place": [("    return w + eta * (x.T @ y - (y @ y) * w)",
                                "    w += eta * (x.T @ y - (y @ y) * w)\n    return w")],
    },
    "sanger_update": {
        "only the diagonal (Oja's rule for each output)": [("np.tril(y.T @ y)", "np.diag(np.diag(y.T @ y))")],
        "upper instead of lower triangle": [("np.tril(y.T @ y)", "np.triu(y.T @ y)")],
        "the whole matrix (Oja's subspace rule)": [("np.tril(y.T @ y) @ w", "(y.T @ y) @ w")],
        "strict lower triangle, no diagonal": [("np.tril(y.T @ y)", "np.tril(y.T @ y, k=-1)")],
        "triangle taken after the product with W": [("np.tril(y.T @ y) @ w", "np.tril(y.T @ y @ w)")],
        "averages over the batch": [("eta * (y.T @ x - np.tril(y.T @ y) @ w)",
                                     "eta * (y.T @ x - np.tril(y.T @ y) @ w) / len(x)")],
    },
    "bcm_update": {
        "threshold updated first and used in the weight change": [
            ("    w_next = w + eta_w * (y * (y - theta)).T @ x\n"
             "    theta_next = theta + eta_theta * np.sum(y**2 - theta, axis=0)\n",
             "    theta_next = theta + eta_theta * np.sum(y**2 - theta, axis=0)\n"
             "    w_next = w + eta_w * (y * (y - theta_next)).T @ x\n"),
        ],
        "forgets the factor y": [("(y * (y - theta)).T", "(y - theta).T")],
        "LTP and LTD swapped": [("(y * (y - theta)).T", "(y * (theta - y)).T")],
        "threshold slides towards y, not y²": [("np.sum(y**2 - theta, axis=0)", "np.sum(y - theta, axis=0)")],
        "threshold's decay counted once per batch": [("np.sum(y**2 - theta, axis=0)", "(np.sum(y**2, axis=0) - theta)")],
        "threshold sees the new weights": [("np.sum(y**2 - theta, axis=0)", "np.sum((x @ w_next.T)**2 - theta, axis=0)")],
        "averages over the batch": [("(y * (y - theta)).T @ x", "(y * (y - theta)).T @ x / len(x)"),
                                    ("np.sum(y**2 - theta, axis=0)", "np.mean(y**2 - theta, axis=0)")],
    },
    "hebb_log_growth": {
        "growth of the first component alone, ignoring the start": "hebb_log_growth = 33.53",
        "continuous-time exponential e^(ηλT)": "hebb_log_growth = 40.92",
        "natural logarithm": "hebb_log_growth = 76.57",
        "the growth factor itself, not its log10": "hebb_log_growth = 1.8e33",
        "hebb_update averaging over the batch": "hebb_log_growth = 0.073",
    },
    "oja_angle": {
        "angle to the sample's principal component": "oja_angle = 0.0",
        "in radians": "oja_angle = 0.0568",
        "not folded: w ends along −(1, 1)/√2": "oja_angle = 176.74",
        "angle to the second axis": "oja_angle = 86.74",
        "angle of the initial weight": "oja_angle = 61.26",
    },
    "bcm_selectivity": {
        "responses of the initial weights": "bcm_selectivity = 0.071",
        "selectivity of the weights, not of the responses": "bcm_selectivity = 0.65",
        "1 − max/mean": "bcm_selectivity = -1.0",
        "1 − min/max": "bcm_selectivity = 1.0",
    },
}

ALTERNATIVES = {
    "hebb_update": {
        "a loop over the samples": """
            def hebb_update(w, x, eta=ETA):
                change = np.zeros(len(w))
                for sample in x:
                    change += eta * sample * (sample @ w)
                return w + change
        """,
        "the matrix XᵀX": """
            def hebb_update(w, x, eta=ETA):
                return (np.eye(len(w)) + eta * x.T @ x) @ w
        """,
    },
    "oja_update": {
        "einsum, term by term": """
            def oja_update(w, x, eta=ETA):
                y = np.einsum("ni,i->n", x, w)
                return w + eta * np.einsum("n,ni->i", y, x) - eta * np.sum(y**2) * w
        """,
    },
    "sanger_update": {
        "one output at a time, Gram–Schmidt form": """
            def sanger_update(w, x, eta=ETA):
                y = x @ w.T
                new = np.array(w, dtype=float)
                for i in range(w.shape[0]):
                    residual = x - y[:, :i + 1] @ w[:i + 1]
                    new[i] = w[i] + eta * y[:, i] @ residual
                return new
        """,
    },
    "bcm_update": {
        "a loop over the samples": """
            def bcm_update(w, theta, x, eta_w=BCM_ETA_W, eta_theta=BCM_ETA_THETA):
                dw, dtheta = np.zeros(np.shape(w)), np.zeros(np.shape(theta))
                for sample in x:
                    y = np.asarray(w) @ sample
                    dw += eta_w * np.multiply.outer(y * (y - theta), sample)
                    dtheta += eta_theta * (y**2 - theta)
                return w + dw, theta + dtheta
        """,
    },
    "hebb_log_growth": {
        "the eigen-decomposition of XᵀX": """
            _x = toy_data(np.random.default_rng(DATA_SEED))
            _lam, _v = np.linalg.eigh(_x.T @ _x)
            hebb_log_growth = np.log10(np.linalg.norm(_v @ ((1 + ETA * _lam) ** N_ITER * (_v.T @ W0))))
        """,
        "to one decimal": "hebb_log_growth = 33.3",
    },
    "oja_angle": {
        "sklearn's first principal component of the same samples": """
            from sklearn.decomposition import PCA
            _pc1 = PCA(n_components=1).fit(toy_data(np.random.default_rng(DATA_SEED))).components_[0]
            oja_angle = np.degrees(np.arccos(abs(_pc1 @ np.array([1.0, 1.0])) / np.sqrt(2)))
        """,
        "to one decimal": "oja_angle = 3.3",
    },
    "bcm_selectivity": {
        "to two decimals": "bcm_selectivity = 0.50",
        "from the responses read off Figure 6, (2, 0)": "bcm_selectivity = 1 - (2.0 + 0.0) / 2 / 2.0",
    },
}
