"""Bug zoo of section 11.2, sparse coding."""

MISTAKES = {
    "soft_threshold": {
        "hard threshold": [("return np.sign(u) * np.maximum(np.abs(u) - threshold, 0.0)", "return u * (np.abs(u) > threshold)")],
        "sign lost": [("return np.sign(u) * np.maximum(np.abs(u) - threshold, 0.0)", "return np.maximum(np.abs(u) - threshold, 0.0)")],
        "nonnegative ignored": [("    if nonnegative:\n        return np.maximum(u - threshold, 0.0)\n", "")],
        "rectified without shrinking": [("return np.maximum(u - threshold, 0.0)", "return np.where(u > threshold, u, 0.0)")],
    },
    "sparse_inference": {
        "threshold not scaled by the step": [("step * lam, nonnegative)", "lam, nonnegative)")],
        "no competition": [("drive - codes @ gram", "drive")],
        "unit step": [("step = 1.0 / np.linalg.eigvalsh(gram)[-1]", "step = 1.0")],
        "codes not carried over": [("codes = soft_threshold(codes + step", "new = soft_threshold(codes + step"),
                                   ("return codes", "return new")],
        "nonnegative dropped": [("step * lam, nonnegative)", "step * lam)")],
        "smallest eigenvalue": [("np.linalg.eigvalsh(gram)[-1]", "np.linalg.eigvalsh(gram)[0]")],
    },
    "dictionary_update": {
        "no renormalisation": [("return phi / np.linalg.norm(phi, axis=0)", "return phi")],
        "rows normalised": [("np.linalg.norm(phi, axis=0)", "np.linalg.norm(phi, axis=1, keepdims=True)")],
        "residual reversed": [("residual = x - codes @ phi.T", "residual = codes @ phi.T - x")],
        "summed over the batch": [("residual.T @ codes / len(x)", "residual.T @ codes")],
        "learning rate ignored": [("phi + learning_rate * residual", "phi + residual")],
    },
    # Discovery answers, each what the reference functions give after the mistaken step.
    "sparseness": {
        "codes of Figure 4's patches after the 30 iterations of learning": "sparseness = 0.19343",
        "codes of Figure 2, random basis functions, 200 iterations": "sparseness = 0.22728",
        "the fraction of zeros": "sparseness = 1 - 0.15563",
        "in percent": "sparseness = 15.563",
    },
}

ALTERNATIVES = {
    "soft_threshold": {
        "clip and where": """
            def soft_threshold(u, threshold, nonnegative=False):
                u = np.asarray(u, dtype=float)
                shrunk = np.where(u > threshold, u - threshold, np.where(u < -threshold, u + threshold, 0.0))
                return np.clip(shrunk, 0.0, None) if nonnegative else shrunk
        """,
    },
    "sparse_inference": {
        "FISTA": """
            def sparse_inference(x, phi, lam=LAMBDA, n_iter=N_ITER, nonnegative=False):
                lipschitz = np.linalg.norm(phi, 2) ** 2
                codes = momentum = np.zeros((len(x), phi.shape[1]))
                t = 1.0
                for _ in range(n_iter):
                    gradient = (momentum @ phi.T - x) @ phi
                    new = soft_threshold(momentum - gradient / lipschitz, lam / lipschitz, nonnegative)
                    t_new = (1 + np.sqrt(1 + 4 * t * t)) / 2
                    momentum = new + (t - 1) / t_new * (new - codes)
                    codes, t = new, t_new
                return codes
        """,
        "LCA, the neural version": """
            def sparse_inference(x, phi, lam=LAMBDA, n_iter=N_ITER, nonnegative=False):
                # Rozell et al. 2008: du/dt = Φᵀx − u − (ΦᵀΦ − I) a, a = S_λ(u), Euler with dt/τ = 1/L
                rate = 1.0 / np.linalg.eigvalsh(phi.T @ phi)[-1]
                inhibition = phi.T @ phi - np.eye(phi.shape[1])
                u = np.zeros((len(x), phi.shape[1]))
                for _ in range(n_iter):
                    a = soft_threshold(u, lam, nonnegative)
                    u = u + rate * (x @ phi - u - a @ inhibition)
                return soft_threshold(u, lam, nonnegative)
        """,
    },
    "dictionary_update": {
        "mean of outer products": """
            def dictionary_update(phi, x, codes, learning_rate=LEARNING_RATE):
                residual = x - codes @ phi.T
                step = np.mean(residual[:, :, None] * codes[:, None, :], axis=0)
                new = phi + learning_rate * step
                return new / np.sqrt(np.sum(new**2, axis=0, keepdims=True))
        """,
    },
    "sparseness": {
        "converged codes, 1000 ISTA iterations": "sparseness = 0.1508",
        "FISTA for learning and coding": "sparseness = 0.1467",
        "LCA for learning and coding": "sparseness = 0.1546",
    },
}
