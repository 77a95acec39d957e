"""Bug zoo of section 12.2, distributional TD learning."""

MISTAKES = {
    "expectile": {
        "tau on the wrong side": [("e = (t * above_wx + (1 - t) * below_wx) / (t * above_w + (1 - t) * below_w)",
                                   "e = ((1 - t) * above_wx + t * below_wx) / ((1 - t) * above_w + t * below_w)")],
        "weights ignored": [("w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)",
                             "w = np.ones_like(x)")],
        "weights not normalised": [("x, w = x[order], w[order] / np.sum(w)", "x, w = x[order], w[order]")],
        "root not checked against its interval": [("inside = (e >= x) & (e <= np.append(x[1:], np.inf))",
                                                   "inside = e >= x")],
        "the quantile": [("result = np.array([solve(t) for t in taus.ravel()]).reshape(taus.shape)",
                          "result = np.quantile(x, taus)")],
    },
    "distributional_td_update": {
        "rates swapped": [("np.where(deltas > 0, alpha_plus, alpha_minus)", "np.where(deltas > 0, alpha_minus, alpha_plus)")],
        "one rate for both signs": [("np.where(deltas > 0, alpha_plus, alpha_minus) * deltas", "alpha_plus * deltas")],
        "prediction minus outcome": [("deltas = r + gamma * np.asarray(values_next, dtype=float) - values",
                                      "deltas = values - r - gamma * np.asarray(values_next, dtype=float)")],
        "next value not discounted": [("r + gamma * np.asarray(values_next", "r + np.asarray(values_next")],
        "the population's mean rates": [("np.where(deltas > 0, alpha_plus, alpha_minus)",
                                         "np.where(deltas > 0, np.mean(alpha_plus), np.mean(alpha_minus))")],
    },
    "learn_distribution": {
        "initial values ignored": [("history[0] = np.zeros(alpha_plus.size) if values is None else values",
                                    "history[0] = 0.0")],
        "rates swapped": [("r, alpha_plus, alpha_minus)", "r, alpha_minus, alpha_plus)")],
        "no initial row": [("return history", "return history[1:]")],
        "symmetric learning": [("r, alpha_plus, alpha_minus)", "r, (alpha_plus + alpha_minus) / 2, (alpha_plus + alpha_minus) / 2)")],
    },
    # The discovery answers' mistakes, computed with the reference functions and the mistaken step.
    "reversal_point": {
        "the 0.8-quantile": "reversal_point = 10.0",
        "the expectile without the probabilities": "reversal_point = expectile(REWARD_MAGNITUDES, 0.8)",
        "τ = α⁻/(α⁺ + α⁻), rates swapped": "reversal_point = expectile(REWARD_MAGNITUDES, 0.2, REWARD_PROBABILITIES)",
        "α⁺ taken for τ": "reversal_point = expectile(REWARD_MAGNITUDES, 0.008, REWARD_PROBABILITIES)",
        "the mean, as classical TD": "reversal_point = REWARD_PROBABILITIES @ REWARD_MAGNITUDES",
        "in ml": "reversal_point = expectile(REWARD_MAGNITUDES, 0.8, REWARD_PROBABILITIES) / 1000",
    },
    "reversal_asymmetry": {
        "the nearest unit of Figure 2": "reversal_asymmetry = 0.825",
        "the probability of a reward below 10 µl (a quantile)": "reversal_asymmetry = 0.15 + 0.2 + 0.15 + 0.1 + 0.1",
        "the probability of a reward up to 10 µl": "reversal_asymmetry = 0.9",
        "the expectile without the probabilities": "reversal_asymmetry = 0.8035",
        "1 − τ": "reversal_asymmetry = 1 - 0.8439",
    },
}

ALTERNATIVES = {
    "expectile": {
        "iteratively reweighted mean": """
            def expectile(samples, tau, weights=None):
                x = np.asarray(samples, dtype=float)
                w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)
                result = []
                for t in np.atleast_1d(tau):
                    e = np.average(x, weights=w)
                    for _ in range(200):  # the weights change finitely often: Newton on a piecewise-linear root
                        c = w * np.where(x > e, t, 1 - t)
                        e_new = np.sum(c * x) / np.sum(c)
                        if e_new == e:
                            break
                        e = e_new
                    result.append(e)
                return result[0] if np.ndim(tau) == 0 else np.array(result)
        """,
    },
    "distributional_td_update": {
        "a loop over units": """
            def distributional_td_update(values, r, alpha_plus, alpha_minus, values_next=0.0, gamma=1.0):
                n = len(values)
                rates_up, rates_down, nexts = (np.broadcast_to(a, (n,)) for a in (alpha_plus, alpha_minus, values_next))
                new, deltas = np.empty(n), np.empty(n)
                for i in range(n):
                    deltas[i] = r + gamma * nexts[i] - values[i]
                    new[i] = values[i] + (rates_up[i] if deltas[i] > 0 else rates_down[i]) * deltas[i]
                return new, deltas
        """,
    },
    "learn_distribution": {
        "a list of rows": """
            def learn_distribution(rewards, alpha_plus, alpha_minus, values=None):
                v = np.zeros(len(alpha_plus)) if values is None else np.array(values, dtype=float)
                rows = [v]
                for r in rewards:
                    delta = r - v
                    v = v + np.where(delta > 0, alpha_plus, alpha_minus) * delta
                    rows.append(v)
                return np.vstack(rows)
        """,
    },
    "reversal_point": {
        "simulated as in Figure 2 and averaged over the last 10 000 trials": """
            unit = learn_distribution(sample_rewards(np.random.default_rng(1), 20_000), np.array([0.008]),
                                      np.array([0.002]))
            reversal_point = unit[-10_000:, 0].mean()
        """,
        "rounded to 0.1 µl": "reversal_point = 9.3",
    },
    "reversal_asymmetry": {
        "a grid of τ in steps of 0.01": """
            grid = np.round(np.arange(0.5, 1.0, 0.01), 2)
            reversal_asymmetry = grid[np.argmin(np.abs(expectile(REWARD_MAGNITUDES, grid, REWARD_PROBABILITIES) - 10.0))]
        """,
    },
}
