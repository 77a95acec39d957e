"""Bug zoo of section 2.9, noise as a stochastic synaptic current."""

MISTAKES = {
    "ou_step": {
        "noise scaled with dt": [("sigma * np.sqrt(2 * dt / tau) * noise", "sigma * dt * np.sqrt(2 / tau) * noise")],
        "noise amplitude without the factor 2": [("np.sqrt(2 * dt / tau)", "np.sqrt(dt / tau)")],
        "one random number for all elements": [("rng.standard_normal(np.shape(x))", "rng.standard_normal()")],
        "global random state": [("rng.standard_normal(np.shape(x))", "np.random.standard_normal(np.shape(x))")],
        "drift without dt": [("(mu - x) * dt / tau", "(mu - x) / tau")],
    },
    "noisy_lif_step": {
        "threshold tested before the noise": """
            def noisy_lif_step(v, mu, sigma, dt, rng, tau=TAU_M, v_rest=V_REST, v_thr=V_THR, v_reset=V_RESET):
                spiked = v + (v_rest + mu - v) * dt / tau >= v_thr
                v = v + (v_rest + mu - v) * dt / tau + sigma * np.sqrt(2 * dt / tau) * rng.standard_normal(np.shape(v))
                return np.where(spiked, v_reset, v), spiked
        """,
        "noise scaled with dt": [("sigma * np.sqrt(2 * dt / tau) * noise", "sigma * np.sqrt(2 / tau) * dt * noise")],
        "strict threshold": [("spiked = v >= v_thr", "spiked = v > v_thr")],
        "no reset": [("np.where(spiked, v_reset, v)", "v")],
        "noise without the factor 2": [("np.sqrt(2 * dt / tau)", "np.sqrt(dt / tau)")],
    },
    "autocorrelation": {
        "divides by n_steps at every lag": [
            ("np.mean(y[: n_steps - k] * y[k:])", "np.sum(y[: n_steps - k] * y[k:]) / y.size")],
        "mean not removed": [("y = (y - y.mean(axis=0))", "y = (y)")],
        "not normalised": [("return covariance / covariance[0]", "return covariance")],
        "one mean for all trials": [("y - y.mean(axis=0)", "y - y.mean()")],
    },

    "potential_correlation_time": {
        # each computed with the reference functions and the mistaken step, seed 5
        "membrane driven by white noise (ou_step with TAU_M)": "potential_correlation_time = 20.0",
        "autocorrelation of the current x": "potential_correlation_time = 5.0",
        "lag in steps of 0.5 ms": "potential_correlation_time = 50",
        "no leak: u integrates x, no lag below 1/e, argmax gives 0": "potential_correlation_time = 0.0",
    },
}

ALTERNATIVES = {
    "ou_step": {
        "rng.normal with the step's scale": """
            def ou_step(x, mu, sigma, tau, dt, rng):
                return x + (mu - x) * dt / tau + rng.normal(0.0, sigma * np.sqrt(2 * dt / tau), size=np.shape(x))
        """,
    },
    "noisy_lif_step": {
        "reuses ou_step": """
            def noisy_lif_step(v, mu, sigma, dt, rng, tau=TAU_M, v_rest=V_REST, v_thr=V_THR, v_reset=V_RESET):
                v = ou_step(v, v_rest + mu, sigma, tau, dt, rng)
                spiked = v >= v_thr
                v = v.copy()
                v[spiked] = v_reset
                return v, spiked
        """,
    },
    "autocorrelation": {
        "np.correlate per trial": """
            def autocorrelation(x, max_lag):
                x = np.asarray(x, dtype=float)
                y = (x - x.mean(axis=0)).reshape(len(x), -1)
                full = sum(np.correlate(column, column, mode="full") for column in y.T)
                positive = full[len(x) - 1 : len(x) + max_lag] / (len(x) - np.arange(max_lag + 1))
                return positive / positive[0]
        """,
    },
    "potential_correlation_time": {
        "linear interpolation between lags": "potential_correlation_time = 24.98",
        "dt = 0.25 ms": "potential_correlation_time = 25.25",
    },
}
