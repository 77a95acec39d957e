"""Bug zoo of section 11.3, predictive coding."""

MISTAKES = {
    "prediction_errors": {
        "errors reversed": [("return x - r1 @ u1.T, r1 - r2 @ u2.T", "return r1 @ u1.T - x, r2 @ u2.T - r1")],
        "level-1 error reversed": [("r1 - r2 @ u2.T", "r2 @ u2.T - r1")],
        "weights not transposed": [("x - r1 @ u1.T", "x - r1 @ u1")],
        "level 1 predicts itself": [("r1 - r2 @ u2.T", "r1 - r1 @ u2 @ u2.T")],
    },
    "pc_inference_step": {
        "no top-down error": [("e0 @ u1 - e1 - 2", "e0 @ u1 - 2")],
        "prior pushes outwards": [("- 2 * sparsity * r1 / (1 + r1**2)", "+ 2 * sparsity * r1 / (1 + r1**2)")],
        "Gaussian prior gradient": [("2 * sparsity * r1 / (1 + r1**2)", "2 * sparsity * r1")],
        "no prior on level 2": [("rate * (e1 @ u2 - r2)", "rate * (e1 @ u2)")],
        "level 2 driven by responses": [("rate * (e1 @ u2 - r2)", "rate * (r1 @ u2 - r2)")],
    },
    "pc_learning_step": {
        "no renormalisation": [("return u1 / np.linalg.norm(u1, axis=0), u2 / np.linalg.norm(u2, axis=0)", "return u1, u2")],
        "anti-Hebbian": [("u1 = u1 + learning_rate", "u1 = u1 - learning_rate"), ("u2 = u2 + learning_rate", "u2 = u2 - learning_rate")],
        "summed over the batch": [("e0.T @ r1 / len(x)", "e0.T @ r1"), ("e1.T @ r2 / len(x)", "e1.T @ r2")],
        "rows normalised": [("np.linalg.norm(u1, axis=0)", "np.linalg.norm(u1, axis=1, keepdims=True)"),
                            ("np.linalg.norm(u2, axis=0)", "np.linalg.norm(u2, axis=1, keepdims=True)")],
        "level 2 not learning": [("    u2 = u2 + learning_rate * e1.T @ r2 / len(x)\n", "")],
    },
    # Discovery answers, each what the reference functions give after the mistaken step.
    "error_fraction": {
        "the random weights of Figure 1 on the same patches": "error_fraction = 0.8521",
        "the ratio of norms, not of powers": "error_fraction = 0.4655",
        "the fraction explained": "error_fraction = 1 - 0.2167",
        "e0 and e1 together": "error_fraction = 0.2600",
        "the mean of the per-patch ratios": "error_fraction = 0.1864",
        "in percent": "error_fraction = 21.67",
    },
}

ALTERNATIVES = {
    "prediction_errors": {
        "einsum": """
            def prediction_errors(x, r1, r2, u1, u2):
                return x - np.einsum("pi,bi->bp", u1, r1), r1 - np.einsum("ij,bj->bi", u2, r2)
        """,
    },
    "pc_inference_step": {
        "gradient of the energy written out": """
            def pc_inference_step(x, r1, r2, u1, u2, rate=RATE, sparsity=SPARSITY):
                bottom_up_error = x - r1 @ u1.T
                top_down_error = r1 - r2 @ u2.T
                grad_r1 = -bottom_up_error @ u1 + top_down_error + sparsity * 2 * r1 / (1 + np.square(r1))
                grad_r2 = -top_down_error @ u2 + r2
                return r1 - rate * grad_r1, r2 - rate * grad_r2
        """,
    },
    "pc_learning_step": {
        "one helper for both levels": """
            def pc_learning_step(x, r1, r2, u1, u2, learning_rate=LEARNING_RATE):
                def hebbian(weights, error, response):
                    new = weights + learning_rate * np.mean(error[:, :, None] * response[:, None, :], axis=0)
                    return new / np.sqrt((new**2).sum(axis=0))
                e0, e1 = prediction_errors(x, r1, r2, u1, u2)
                return hebbian(u1, e0, r1), hebbian(u2, e1, r2)
        """,
    },
    "error_fraction": {
        "after 200 inference steps": "error_fraction = 0.2165",
        "another sample of 1000 patches (default_rng(5))": "error_fraction = 0.2057",
        "rounded to two decimals": "error_fraction = 0.22",
    },
}
