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
}
