"""Bug zoo of section 11.1, Bayesian statistics basics."""

MISTAKES = {
    "gaussian_update": {
        "variances add": [("precision = 1.0 / prior_var + x.size / noise_var\n    var = 1.0 / precision",
                           "var = prior_var + noise_var / max(x.size, 1)")],
        "one observation's precision": [("x.size / noise_var", "1.0 / noise_var")],
        "the data's mean for their sum": [("x.sum() / noise_var", "(x.mean() if x.size else 0.0) / noise_var")],
        "equal weights": [("return var * (prior_mean / prior_var + x.sum() / noise_var), var",
                           "return (prior_mean + x.mean()) / 2 if x.size else prior_mean, var")],
    },
    "combine_cues": {
        "plain average": [("return var * np.sum(precisions * np.asarray(estimates, dtype=float), axis=0), var",
                           "return np.mean(estimates, axis=0), var")],
        "weights by variance": [("precisions = 1.0 / np.asarray(variances, dtype=float)",
                                 "precisions = np.asarray(variances, dtype=float)")],
        "average variance": [("var = 1.0 / precisions.sum(axis=0)\n    return var * np.sum(precisions * np.asarray(estimates, dtype=float), axis=0), var",
                              "var = 1.0 / precisions.sum(axis=0)\n    return var * np.sum(precisions * np.asarray(estimates, dtype=float), axis=0), np.mean(variances, axis=0)")],
        "combined over the wrong axis": [("precisions.sum(axis=0)", "precisions.sum(axis=-1, keepdims=True)"),
                                         ("np.asarray(estimates, dtype=float), axis=0)", "np.asarray(estimates, dtype=float), axis=-1)")],
    },
    "blr_posterior": {
        "precision returned as covariance": [("cov = np.linalg.inv(precision)", "cov = precision"),
                                              ("return noise_precision * cov @", "return noise_precision * np.linalg.inv(precision) @")],
        "beta missing in the precision": [("+ noise_precision * phi.T @ phi", "+ phi.T @ phi")],
        "beta missing in the mean": [("return noise_precision * cov @ phi.T", "return cov @ phi.T")],
        "maximum likelihood": [("prior_precision * np.eye(phi.shape[1]) + ", "")],
    },
    "blr_predictive": {
        "noise forgotten": [("1.0 / noise_precision + np.einsum", "np.einsum")],
        "standard deviation": [("return phi @ mean, 1.0 / noise_precision + np.einsum(\"md,de,me->m\", phi, cov, phi)",
                                "return phi @ mean, np.sqrt(1.0 / noise_precision + np.einsum(\"md,de,me->m\", phi, cov, phi))")],
        "diagonal only": [("np.einsum(\"md,de,me->m\", phi, cov, phi)", "phi @ np.diag(cov)")],
        "beta for the noise variance": [("1.0 / noise_precision + np.einsum", "noise_precision + np.einsum")],
    },
    # Discovery answers, each what the reference functions give after the mistaken step.
    "quarter_weight_sd": {
        "s.d.s passed to combine_cues as variances: weights 1/σ, w_V = 1/(1 + σ_V) = 1/4 at 3 mm":
            "quarter_weight_sd = 3.0",
        "the weight of touch, (ŝ − 54)/2, taken for vision's: 1/√3 mm": "quarter_weight_sd = 0.58",
        "Figure 2's grid of 0.3 mm reused: the first s.d. with w_V ≤ 0.25 on it": "quarter_weight_sd = 1.8",
    },
    "observations_needed": {
        "the prior ignored: σ/√n < 0.15": "observations_needed = 45",
        "prior s.d. 0.5 taken for its variance: 1/(2 + n) < 0.15²": "observations_needed = 43",
        "the variance below 0.15 instead of the s.d.": "observations_needed = 3",
        "the last n with the s.d. above 0.15": "observations_needed = 40",
    },
}

ALTERNATIVES = {
    "gaussian_update": {
        "one observation at a time": """
            def gaussian_update(prior_mean, prior_var, observations, noise_var):
                mean, var = float(prior_mean), float(prior_var)
                for x in np.ravel(observations):
                    gain = var / (var + noise_var)  # the Kalman gain of a static state
                    mean, var = mean + gain * (x - mean), (1 - gain) * var
                return mean, var
        """,
    },
    "combine_cues": {
        "normalised weights": """
            def combine_cues(estimates, variances):
                reliability = 1 / np.asarray(variances, dtype=float)
                weights = reliability / reliability.sum(axis=0)
                return (weights * estimates).sum(axis=0), 1 / reliability.sum(axis=0)
        """,
    },
    "blr_posterior": {
        "solve instead of inverse for the mean": """
            def blr_posterior(features, targets, prior_precision=PRIOR_PRECISION, noise_precision=NOISE_PRECISION):
                a = prior_precision * np.eye(features.shape[1]) + noise_precision * features.T @ features
                mean = np.linalg.solve(a, noise_precision * features.T @ targets)
                return mean, np.linalg.solve(a, np.eye(len(a)))
        """,
    },
    "blr_predictive": {
        "row by row": """
            def blr_predictive(features, mean, cov, noise_precision=NOISE_PRECISION):
                means = np.array([row @ mean for row in features])
                variances = np.array([1 / noise_precision + row @ cov @ row for row in features])
                return means, variances
        """,
    },
    "quarter_weight_sd": {
        "bisection on w_V(σ_V) = 1/4": "quarter_weight_sd = 1.7320508",
        "the largest s.d. on the 0.01 mm grid with w_V ≥ 0.25": "quarter_weight_sd = 1.73",
    },
    "observations_needed": {
        "solved for n: n > σ²(1/0.15² − 1/σ₀²)": "observations_needed = int(np.floor(1 / 0.15**2 - 1 / 0.5**2)) + 1",
    },
}
