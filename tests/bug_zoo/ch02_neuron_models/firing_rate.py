"""Bug zoo of section 2.11, firing-rate models."""

MISTAKES = {
    "relu": {
        "rectifies without subtracting the threshold": [
            ("gain * np.maximum(np.asarray(x, dtype=float) - threshold, 0.0)",
             "gain * np.where(np.asarray(x, dtype=float) > threshold, x, 0.0)")],
        "threshold added": [("np.asarray(x, dtype=float) - threshold", "np.asarray(x, dtype=float) + threshold")],
        "gain inside the rectifier": [("gain * np.maximum(np.asarray(x, dtype=float) - threshold, 0.0)",
                                       "np.maximum(gain * np.asarray(x, dtype=float) - threshold, 0.0)")],
    },
    "sigmoid": {
        "wrong sign of the exponent": [("np.tanh(0.5 * z)", "np.tanh(-0.5 * z)")],
        "overflows for large inputs": """
            def sigmoid(x, r_max=1.0, gain=1.0, threshold=0.0):
                x = np.asarray(x, dtype=float)
                return r_max * np.exp(gain * (x - threshold)) / (1 + np.exp(gain * (x - threshold)))
        """,
        "threshold scaled by the gain": [("z = gain * (np.asarray(x, dtype=float) - threshold)",
                                          "z = gain * np.asarray(x, dtype=float) - threshold")],
        "forgets r_max": [("return r_max * 0.5", "return 0.5")],
    },
    "rate_step": {
        "forgets dt": [("r + dt / tau * (-r + transfer(i_ext))", "r + (-r + transfer(i_ext)) / tau")],
        "forgets tau": [("r + dt / tau * (-r + transfer(i_ext))", "r + dt * (-r + transfer(i_ext))")],
        "transfer of the rate": [("transfer(i_ext)", "transfer(r)")],
        "ignores the tau argument": [("dt / tau", "dt / TAU_R")],
    },
    # Discovery answer: each wrong value is what the reference functions give after the mistaken step.
    "persistence_weight": {
        "w·r added outside the transfer function": "persistence_weight = 0.96",
        "sigmoid with gain 1 instead of Figure 1's 4": "persistence_weight = 2.0",
        "sigmoid without Figure 1's threshold of 1": "persistence_weight = 0.0",
        "r read at 300 ms instead of 1000 ms": "persistence_weight = 1.67",
    },
}

ALTERNATIVES = {
    "relu": {
        "clip": """
            def relu(x, threshold=0.0, gain=1.0):
                return gain * np.clip(np.asarray(x, dtype=float) - threshold, 0.0, None)
        """,
    },
    "sigmoid": {
        "scipy expit": """
            from scipy.special import expit

            def sigmoid(x, r_max=1.0, gain=1.0, threshold=0.0):
                return r_max * expit(gain * (np.asarray(x, dtype=float) - threshold))
        """,
        "branch on the sign": """
            def sigmoid(x, r_max=1.0, gain=1.0, threshold=0.0):
                z = gain * (np.asarray(x, dtype=float) - threshold)
                e = np.exp(-np.abs(z))
                return r_max * np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        """,
    },
    "rate_step": {
        "decay factor form": """
            def rate_step(r, i_ext, dt, transfer, tau=TAU_R):
                return (1 - dt / tau) * np.asarray(r, dtype=float) + (dt / tau) * transfer(i_ext)
        """,
    },
    "persistence_weight": {
        "a search in steps of 0.001": "persistence_weight = 1.681",
        "the saddle-node of r = f(w r), where r = f(w r) and w f'(w r) = 1": "persistence_weight = 1.6818",
    },
}
