"""Bug zoo of section 10.1, statistics and information theory."""

MISTAKES = {
    "entropy": {
        "natural logarithm: nats": [("np.log2(safe)", "np.log(safe)")],
        "0 log 0 not handled: nan": [("p * np.log2(safe)", "p * np.log2(p)")],
        "minus sign forgotten": [("return -np.sum(p * np.log2(safe), axis=-1)", "return np.sum(p * np.log2(safe), axis=-1)")],
        "log p not weighted by p": [("-np.sum(p * np.log2(safe), axis=-1)", "-np.sum(np.log2(safe), axis=-1)")],
        "summed over all entries of a batch": [("-np.sum(p * np.log2(safe), axis=-1)", "-np.sum(p * np.log2(safe))")],
        "summed over the first axis": [("-np.sum(p * np.log2(safe), axis=-1)", "-np.sum(p * np.log2(safe), axis=0)")],
    },
    "kl_divergence": {
        "natural logarithm: nats": [("np.log2(ratio)", "np.log(ratio)")],
        "ratio inverted, q/p": [("np.where(positive, p, 1.0) / np.where(positive, q, 1.0)",
                                 "np.where(positive, q, 1.0) / np.where(positive, p, 1.0)")],
        "arguments swapped: D(q‖p)": [("    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)",
                                       "    q, p = np.asarray(p, dtype=float), np.asarray(q, dtype=float)")],
        "log-ratio not weighted by p": [("np.sum(p * np.log2(ratio), axis=-1)", "np.sum(np.log2(ratio), axis=-1)")],
        "cross-entropy only": [("np.sum(p * np.log2(ratio), axis=-1)",
                                "-np.sum(p * np.log2(np.where(positive, q, 1.0)), axis=-1)")],
        "terms with p = 0 not skipped: nan": [("ratio = np.where(positive, p, 1.0) / np.where(positive, q, 1.0)",
                                               "ratio = p / q")],
    },
    "mutual_information": {
        "natural logarithm: nats": [("np.log2(joint[occupied]", "np.log(joint[occupied]")],
        "counts instead of probabilities": [("joint = counts / counts.sum()", "joint = counts")],
        "outer product of the marginals transposed": [
            ("joint.sum(axis=1, keepdims=True) * joint.sum(axis=0, keepdims=True)",
             "joint.sum(axis=0)[:, None] * joint.sum(axis=1)[None, :]")],
        "empty bins not skipped: nan": [("occupied = joint > 0", "occupied = joint >= 0")],
        "n_bins edges, n_bins − 1 bins": [("_, _ = np.histogram2d(x, y, bins=n_bins)", "_, _ = np.histogram2d(x, y, bins=n_bins - 1)")],
        "H(X) + H(Y) + H(X, Y)": """
            def mutual_information(x, y, n_bins):
                counts, _, _ = np.histogram2d(x, y, bins=n_bins)
                joint = counts / counts.sum()
                return float(entropy(joint.sum(axis=1)) + entropy(joint.sum(axis=0)) + entropy(joint.ravel()))
        """,
        "one common range of bins for both variables": """
            def mutual_information(x, y, n_bins):
                edges = np.linspace(min(np.min(x), np.min(y)), max(np.max(x), np.max(y)), n_bins + 1)
                counts, _, _ = np.histogram2d(x, y, bins=[edges, edges])
                joint = counts / counts.sum()
                return float(entropy(joint.sum(axis=1)) + entropy(joint.sum(axis=0)) - entropy(joint.ravel()))
        """,
    },
    "gaussian_mutual_information": {
        "natural logarithm: nats": [("/ (2 * np.log(2))", "/ 2")],
        "factor ½ forgotten": [("/ (2 * np.log(2))", "/ np.log(2)")],
        "ratio of determinants inverted": [("(log_det[0] + log_det[1] - log_det[2])",
                                            "(log_det[2] - log_det[0] - log_det[1])")],
        "blocks off by one": [("(cov[:n_x, :n_x], cov[n_x:, n_x:], cov)",
                               "(cov[:n_x + 1, :n_x + 1], cov[n_x + 1:, n_x + 1:], cov)")],
        "the bivariate formula with the correlation of the first variables of X and Y": """
            def gaussian_mutual_information(cov, n_x):
                rho = cov[0, n_x] / np.sqrt(cov[0, 0] * cov[n_x, n_x])
                return float(-0.5 * np.log2(1 - rho**2))
        """,
    },
    "infomax_transfer": {
        "fraction of stimuli < s, not ≤ s": [('side="right"', 'side="left"')],
        "r_max forgotten": [("return r_max * np.searchsorted", "return np.searchsorted")],
        "divided by n − 1": [("/ sample.size", "/ (sample.size - 1)")],
        "stimuli not sorted before np.searchsorted": [("sample = np.sort(np.ravel(stimuli))",
                                                        "sample = np.ravel(stimuli)")],
        "ranks of s among themselves (only right for s = stimuli)": """
            def infomax_transfer(s, stimuli, r_max=R_MAX):
                s = np.asarray(s, dtype=float)
                return r_max * (np.argsort(np.argsort(s.ravel())) + 1).reshape(s.shape) / s.size
        """,
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "independent_mi_bias": {
        "the true mutual information of independent variables": "independent_mi_bias = 0.0",
        "nats": "independent_mi_bias = 0.0843",
        "9 bins (10 edges)": "independent_mi_bias = 0.0949",
        "11 bins": "independent_mi_bias = 0.1530",
    },
    "linear_code_bits": {
        "the china photograph": "linear_code_bits = 3.7906",
        "nats": "linear_code_bits = 2.2163",
        "the equalising transfer function": "linear_code_bits = 3.9990",
        "linear over the grey scale 0–255, not the contrasts that occur": "linear_code_bits = 2.9767",
    },
}

ALTERNATIVES = {
    "entropy": {
        "scipy.special.entr": """
            from scipy.special import entr

            def entropy(p):
                return np.sum(entr(np.asarray(p, dtype=float)), axis=-1) / np.log(2)
        """,
        "masked terms with np.where": """
            def entropy(p):
                p = np.asarray(p, dtype=float)
                with np.errstate(divide="ignore", invalid="ignore"):
                    terms = np.where(p > 0, -p * np.log2(p), 0.0)
                return terms.sum(axis=-1)
        """,
    },
    "kl_divergence": {
        "scipy.special.rel_entr": """
            from scipy.special import rel_entr

            def kl_divergence(p, q):
                return np.sum(rel_entr(p, q), axis=-1) / np.log(2)
        """,
        "cross-entropy minus entropy": """
            def kl_divergence(p, q):
                p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
                cross = -np.sum(p * np.log2(np.where(p > 0, q, 1.0)), axis=-1)
                return cross - entropy(p)
        """,
    },
    "mutual_information": {
        "H(X) + H(Y) − H(X, Y) with the notebook's entropy": """
            def mutual_information(x, y, n_bins):
                counts, _, _ = np.histogram2d(x, y, bins=n_bins)
                joint = counts / len(x)
                return float(entropy(joint.sum(axis=1)) + entropy(joint.sum(axis=0)) - entropy(joint.ravel()))
        """,
        "the divergence of the joint from the product of the marginals": """
            def mutual_information(x, y, n_bins):
                counts = np.histogram2d(x, y, bins=n_bins)[0]
                joint = counts / counts.sum()
                return float(kl_divergence(joint.ravel(), np.outer(joint.sum(1), joint.sum(0)).ravel()))
        """,
    },
    "gaussian_mutual_information": {
        "Schur complement: H(Y) − H(Y | X)": """
            def gaussian_mutual_information(cov, n_x):
                cov = np.asarray(cov, dtype=float)
                a, b, c = cov[:n_x, :n_x], cov[:n_x, n_x:], cov[n_x:, n_x:]
                conditional = c - b.T @ np.linalg.solve(a, b)
                return 0.5 * np.log2(np.linalg.det(c) / np.linalg.det(conditional))
        """,
    },
    "infomax_transfer": {
        "np.digitize on the sorted stimuli": """
            def infomax_transfer(s, stimuli, r_max=R_MAX):
                edges = np.sort(np.asarray(stimuli, dtype=float))
                return r_max * np.digitize(s, edges) / len(edges)
        """,
        "counts from a cumulative sum of unique values": """
            def infomax_transfer(s, stimuli, r_max=R_MAX):
                values, counts = np.unique(stimuli, return_counts=True)
                cumulative = np.concatenate([[0], np.cumsum(counts)])
                return r_max * cumulative[np.searchsorted(values, s, side="right")] / counts.sum()
        """,
    },
    "independent_mi_bias": {
        "the question's seed": "independent_mi_bias = 0.1216",
        "samples drawn pair by pair": "independent_mi_bias = 0.1225",
        "another seed": "independent_mi_bias = 0.1263",
    },
    "linear_code_bits": {
        "the reference": "linear_code_bits = 3.1974",
        "np.histogram of the contrasts with 16 bins": "linear_code_bits = 3.197",
    },
}
