"""Bug zoo of section 10.2, infomax ICA and slow feature analysis."""

MISTAKES = {
    "whiten": {
        "the original's whiten: every channel standardised, not sphered": [
            ("    variances, axes = np.linalg.eigh(centred.T @ centred / len(x))\n"
             "    V = axes @ np.diag(1 / np.sqrt(variances)) @ axes.T  # C^(−1/2), symmetric\n",
             "    V = np.diag(1 / x.std(axis=0))\n")],
        "C⁻¹ instead of C^(−1/2)": [("np.diag(1 / np.sqrt(variances))", "np.diag(1 / variances)")],
        "z not centred": [("return centred @ V.T, V", "return x @ V.T, V")],
        "sample covariance (n − 1)": [("centred.T @ centred / len(x)", "centred.T @ centred / (len(x) - 1)")],
        "eigenvectors taken as rows": [("V = axes @ np.diag(1 / np.sqrt(variances)) @ axes.T",
                                        "V = axes.T @ np.diag(1 / np.sqrt(variances)) @ axes")],
        "PCA whitening with V transposed (z right, V = E D^(−1/2))": [
            ("V = axes @ np.diag(1 / np.sqrt(variances)) @ axes.T", "V = axes @ np.diag(1 / np.sqrt(variances))"),
            ("return centred @ V.T, V", "return centred @ V, V")],
        "second moment instead of the covariance": [
            ("np.linalg.eigh(centred.T @ centred / len(x))", "np.linalg.eigh(x.T @ x / len(x))")],
    },
    "infomax_ica_step": {
        "the original's book text: (I + (1 − 2y)xᵀ)W⁻ᵀ": [
            ("(1 - 2 * y).T @ u / len(x)", "(1 - 2 * y).T @ x / len(x)"),
            ("return W + learning_rate * gradient @ W", "return W + learning_rate * gradient @ np.linalg.inv(W).T")],
        "Bell & Sejnowski's ordinary gradient W⁻ᵀ + (1 − 2y)xᵀ": [
            ("gradient = np.eye(len(W)) + (1 - 2 * y).T @ u / len(x)",
             "gradient = np.linalg.inv(W).T + (1 - 2 * y).T @ x / len(x)"),
            ("return W + learning_rate * gradient @ W", "return W + learning_rate * gradient")],
        "sign: (2y − 1)": [("(1 - 2 * y).T @ u", "(2 * y - 1).T @ u")],
        "outer product transposed: u(1 − 2y)ᵀ": [("(1 - 2 * y).T @ u", "u.T @ (1 - 2 * y)")],
        "sum over the samples, not the mean": [("(1 - 2 * y).T @ u / len(x)", "(1 - 2 * y).T @ u")],
        "natural gradient without the final W": [("learning_rate * gradient @ W", "learning_rate * gradient")],
        "u = x @ W: weights read as (input, output)": [("u = x @ W.T", "u = x @ W")],
        "tanh instead of the logistic": [("y = 1 / (1 + np.exp(-u))", "y = np.tanh(u)")],
        "descending the objective": [("return W + learning_rate", "return W - learning_rate")],
    },
    "infomax_ica": {
        "one step too few": [("range(n_iterations)", "range(n_iterations - 1)")],
        "objective recorded before each step only": [
            ("objective = [infomax_objective(W, x)]", "objective = []"),
            ("        W = infomax_ica_step(W, x, learning_rate)\n        objective.append(infomax_objective(W, x))",
             "        objective.append(infomax_objective(W, x))\n        W = infomax_ica_step(W, x, learning_rate)")],
        "W never updated": [("        W = infomax_ica_step(W, x, learning_rate)\n",
                             "        W_new = infomax_ica_step(W, x, learning_rate)\n")],
        "random initial W": [("W = np.eye(x.shape[1])",
                              "W = np.random.default_rng(0).normal(size=(x.shape[1], x.shape[1]))")],
        "no initial objective": [("objective = [infomax_objective(W, x)]", "objective = []")],
    },
    "quadratic_expansion": {
        "products in column order (np.tril_indices)": [("np.triu_indices(x.shape[1])", "np.tril_indices(x.shape[1])")],
        "squares left out": [("np.triu_indices(x.shape[1])", "np.triu_indices(x.shape[1], 1)")],
        "linear terms left out": [("return np.hstack([x, x[:, first] * x[:, second]])",
                                   "return x[:, first] * x[:, second]")],
        "every ordered pair (n² products)": [
            ("first, second = np.triu_indices(x.shape[1])",
             "first, second = np.indices((x.shape[1], x.shape[1])).reshape(2, -1)")],
        "all squares first, then the cross terms": [
            ("first, second = np.triu_indices(x.shape[1])", "first, second = np.triu_indices(x.shape[1], 1)"),
            ("np.hstack([x, x[:, first] * x[:, second]])", "np.hstack([x, x**2, x[:, first] * x[:, second]])")],
    },
    "slow_features": {
        "the original's standardisation instead of sphering": [
            ("z, _ = whiten(x)", "z = (x - x.mean(axis=0)) / x.std(axis=0)")],
        "the fastest features": [("directions[:, :n_features], delta[:n_features]",
                                  "directions[:, ::-1][:, :n_features], delta[::-1][:n_features]")],
        "dt forgotten": [("np.diff(z, axis=0) / dt", "np.diff(z, axis=0)")],
        "eigenvectors taken as rows": [("z @ directions[:, :n_features]", "z @ directions[:n_features].T")],
        "centred covariance of the derivative (np.cov)": [
            ("derivative.T @ derivative / len(derivative)", "np.cov(derivative.T, bias=True)")],
        "central differences (np.gradient)": [("np.diff(z, axis=0) / dt", "np.gradient(z, dt, axis=0)")],
        "centred but not sphered": [("z, _ = whiten(x)", "z = x - x.mean(axis=0)")],
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "uniform_correlation": {
        "the sphered mixtures, before training": "uniform_correlation = 0.8002",
        "the mixtures x against the sources": "uniform_correlation = 0.8954",
        "the squared correlation": "uniform_correlation = 0.5047",
        "Laplace sources instead of uniform ones": "uniform_correlation = 0.9998",
    },
    "original_feature_correlation": {
        "the expanded signals not standardised": "original_feature_correlation = 0.6265",
        "the largest singular value taken as the slowest": "original_feature_correlation = 0.4309",
        "the mean |corr| over SF2–SF5": "original_feature_correlation = 0.2581",
        "the sphered features of slow_features": "original_feature_correlation = 0.0",
        "the signed correlation": "original_feature_correlation = -0.6014",
    },
}

ALTERNATIVES = {
    "whiten": {
        "PCA whitening from the singular value decomposition": """
            def whiten(x):
                centred = x - x.mean(axis=0)
                _, singular, rows = np.linalg.svd(centred, full_matrices=False)
                V = rows * (np.sqrt(len(x)) / singular)[:, None]
                return centred @ V.T, V
        """,
        "the inverse of a Cholesky factor": """
            def whiten(x):
                L = np.linalg.cholesky(np.cov(x.T, bias=True))
                V = np.linalg.inv(L)
                return (x - x.mean(axis=0)) @ V.T, V
        """,
    },
    "infomax_ica_step": {
        "1 − 2σ(u) = −tanh(u/2), with einsum": """
            def infomax_ica_step(W, x, learning_rate):
                u = np.einsum("ij,tj->ti", W, x)
                score = -np.tanh(u / 2)
                return W + learning_rate * (np.eye(len(W)) + np.einsum("ti,tj->ij", score, u) / len(x)) @ W
        """,
        "scipy's expit and np.mean over the outer products": """
            from scipy.special import expit

            def infomax_ica_step(W, x, learning_rate):
                u = x @ W.T
                outer = np.mean((1 - 2 * expit(u))[:, :, None] * u[:, None, :], axis=0)
                return W + learning_rate * (np.eye(W.shape[0]) + outer) @ W
        """,
    },
    "infomax_ica": {
        "preallocated objective": """
            def infomax_ica(x, learning_rate, n_iterations):
                W = np.eye(x.shape[1])
                objective = np.empty(n_iterations + 1)
                objective[0] = infomax_objective(W, x)
                for k in range(1, n_iterations + 1):
                    W = infomax_ica_step(W, x, learning_rate)
                    objective[k] = infomax_objective(W, x)
                return W, objective
        """,
    },
    "quadratic_expansion": {
        "itertools.combinations_with_replacement": """
            from itertools import combinations_with_replacement

            def quadratic_expansion(x):
                products = [x[:, i] * x[:, j] for i, j in combinations_with_replacement(range(x.shape[1]), 2)]
                return np.column_stack([x] + products)
        """,
        "a loop over the upper triangle": """
            def quadratic_expansion(x):
                columns = list(x.T)
                for i in range(x.shape[1]):
                    for j in range(i, x.shape[1]):
                        columns.append(x[:, i] * x[:, j])
                return np.array(columns).T
        """,
    },
    "slow_features": {
        "the generalised eigenproblem ⟨ẋẋᵀ⟩ w = Δ C w (scipy)": """
            from scipy.linalg import eigh

            def slow_features(x, n_features, dt=1.0):
                centred = x - x.mean(axis=0)
                change = np.diff(centred, axis=0) / dt
                delta, w = eigh(change.T @ change / len(change), centred.T @ centred / len(x))
                return centred @ w[:, :n_features], delta[:n_features]
        """,
        "the SVD of the sphered differences, as the original but sphered": """
            def slow_features(x, n_features, dt=1.0):
                z, _ = whiten(x)
                _, singular, rows = np.linalg.svd(np.diff(z, axis=0) / dt, full_matrices=False)
                order = np.argsort(singular)[:n_features]
                return z @ rows[order].T, singular[order] ** 2 / (len(x) - 1)
        """,
    },
    "uniform_correlation": {
        "the population value 1/√2 (the 45° rotation)": "uniform_correlation = 0.7071",
        "after 100 steps": "uniform_correlation = 0.7128",
        "to 0.01": "uniform_correlation = 0.71",
    },
    "original_feature_correlation": {
        "against sin t instead of SF1": "original_feature_correlation = 0.6024",
        "to 0.01": "original_feature_correlation = 0.60",
    },
}
