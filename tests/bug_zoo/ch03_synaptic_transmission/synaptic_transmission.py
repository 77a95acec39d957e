"""Bug zoo of section 3.1, synaptic transmission."""

MISTAKES = {
    "quantal_release": {
        "one site only": [("rng.binomial(n, p, size=n_trials)", "rng.binomial(1, p, size=n_trials)")],
        "Poisson count": [("rng.binomial(n, p, size=n_trials)", "rng.poisson(n * p, size=n_trials)")],
        "normal approximation": [("q * rng.binomial(n, p, size=n_trials)",
                                  "q * rng.normal(n * p, np.sqrt(n * p * (1 - p)), size=n_trials)")],
        "global random state": [("rng.binomial(n, p, size=n_trials)", "np.random.binomial(n, p, size=n_trials)")],
    },
    "binomial_parameters": {
        "p from variance over mean": [("p = 1.0 - variance / (mean * q)", "p = variance / (mean * q)")],
        "forgets q in p": [("p = 1.0 - variance / (mean * q)", "p = 1.0 - variance / mean")],
        "n without q": [("return mean / (p * q), p", "return mean / p, p")],
    },
    "quantal_content_from_failures": {
        "log10": [("return -np.log(failure_fraction)", "return -np.log10(failure_fraction)")],
        "sign": [("return -np.log(failure_fraction)", "return np.log(failure_fraction)")],
        "linear": [("return -np.log(failure_fraction)", "return 1 - np.asarray(failure_fraction)")],
    },
    # Discovery answers, each what a mistaken step gives on the recorded synapse (mean 0.6192 mV, variance
    # 0.11483 mV², 38 failures in 500, q = 0.3 mV), computed with the reference functions.
    "p_hat": {
        "1 − p: variance over mean q": "p_hat = 0.1148314 / (0.6192 * 0.3)",
        "forgets q: 1 − variance / mean": "p_hat = 1 - 0.1148314 / 0.6192",
        "the notebook's QUANTAL_SIZE = 0.5 mV instead of the recording's": "p_hat = 1 - 0.1148314 / (0.6192 * 0.5)",
        "in percent": "p_hat = 38.18",
        "standard deviation instead of variance": "p_hat = 1 - 0.1148314 ** 0.5 / (0.6192 * 0.3)",
    },
    "n_hat": {
        "the largest number of quanta seen": "n_hat = 5",
        "n = mean / p without q": "n_hat = 0.6192 / 0.38183",
        "p from 1 − variance / mean (q forgotten)": "n_hat = 0.6192 / ((1 - 0.1148314 / 0.6192) * 0.3)",
        "the notebook's QUANTAL_SIZE = 0.5 mV in both steps": "n_hat = 0.6192 / ((1 - 0.1148314 / (0.6192 * 0.5)) * 0.5)",
    },
    "m_failures": {
        "log10": "m_failures = -np.log10(38 / 500)",
        "sign": "m_failures = np.log(38 / 500)",
        "1 − P(failure)": "m_failures = 1 - 38 / 500",
        "ln of the number of failures, not their fraction": "m_failures = -np.log(38)",
        "the mean number of quanta instead of the failures": "m_failures = 0.6192 / 0.3",
    },
}

ALTERNATIVES = {
    "quantal_release": {
        "sum of Bernoulli sites": """
            def quantal_release(n, p, q, n_trials, rng):
                return q * np.sum(rng.random((n_trials, n)) < p, axis=1)
        """,
    },
    "binomial_parameters": {
        "coefficient of variation": """
            def binomial_parameters(mean, variance, q):
                cv_squared = variance / mean**2
                p = 1 - cv_squared * mean / q
                return mean / q / p, p
        """,
    },
    "quantal_content_from_failures": {
        "log1p": """
            def quantal_content_from_failures(failure_fraction):
                return -np.log1p(np.asarray(failure_fraction, dtype=float) - 1.0)
        """,
    },
    "p_hat": {
        "unbiased variance (ddof = 1)": "_, p_hat = binomial_parameters(RECORDED_RESPONSES.mean(), "
                                        "RECORDED_RESPONSES.var(ddof=1), RECORDED_QUANTAL_SIZE)",
        "rounded to 0.01": "p_hat = 0.38",
    },
    "n_hat": {
        "unbiased variance (ddof = 1)": "n_hat, _ = binomial_parameters(RECORDED_RESPONSES.mean(), "
                                        "RECORDED_RESPONSES.var(ddof=1), RECORDED_QUANTAL_SIZE)",
        "from the counts of quanta": """
            counts = np.asarray(RECORDED_COUNTS)
            k = np.arange(len(counts))
            mean_k = np.sum(k * counts) / counts.sum()
            var_k = np.sum((k - mean_k) ** 2 * counts) / counts.sum()
            n_hat = mean_k / (1 - var_k / mean_k)
        """,
        "rounded to 0.1": "n_hat = 5.4",
    },
    "m_failures": {
        "counted failures": "m_failures = -np.log(RECORDED_COUNTS[0] / sum(RECORDED_COUNTS))",
        "rounded to 0.01": "m_failures = 2.58",
    },
}
