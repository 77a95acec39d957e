"""Bug zoo of section 14.2, path integration."""

MISTAKES = {
    "integrate_velocity": {
        "p_t includes v_t (off by one sample)": [
            ("increments = np.zeros(velocities.shape)\n    increments[..., 1:, :] = velocities[..., :-1, :] * dt",
             "increments = velocities * dt")],
        "forgets dt": [("velocities[..., :-1, :] * dt  #", "velocities[..., :-1, :]  #")],
        "forgets the start": [("return np.asarray(start, dtype=float)[..., None, :] + np.cumsum(",
                               "return np.cumsum(")],
        "sums over the trials (axis 0)": [("np.cumsum(increments, axis=-2)", "np.cumsum(increments, axis=0)")],
        "returns n_steps + 1 positions": [
            ("increments = np.zeros(velocities.shape)\n    increments[..., 1:, :] = velocities[..., :-1, :] * dt",
             "increments = np.concatenate([np.zeros(velocities.shape[:-2] + (1, 2)), velocities * dt], axis=-2)")],
    },
    "noisy_integration": {
        "noise_sd multiplied by dt": [("rng.normal(0.0, noise_sd,", "rng.normal(0.0, noise_sd * dt,")],
        "noise_sd used as the variance": [("rng.normal(0.0, noise_sd,", "rng.normal(0.0, noise_sd ** 2,")],
        "one error per trial (a constant bias)": [("(n_trials,) + np.shape(velocities)", "(n_trials, 1, 2)")],
        "the same errors in every trial": [
            ("noise = rng.normal(0.0, noise_sd, (n_trials,) + np.shape(velocities))\n"
             "    return integrate_velocity(velocities + noise, start, dt)",
             "noise = rng.normal(0.0, noise_sd, np.shape(velocities))\n"
             "    return integrate_velocity(np.broadcast_to(velocities + noise, (n_trials,) + np.shape(velocities)), "
             "start, dt)")],
        "noise added to the positions, not the velocities": [
            ("noise = rng.normal(0.0, noise_sd, (n_trials,) + np.shape(velocities))\n"
             "    return integrate_velocity(velocities + noise, start, dt)",
             "noise = rng.normal(0.0, noise_sd * dt, (n_trials,) + np.shape(velocities))\n"
             "    return integrate_velocity(velocities, start, dt) + noise")],
        "draws from np.random": [("rng.normal(0.0, noise_sd,", "np.random.normal(0.0, noise_sd,")],
    },
    "integration_error": {
        "sums the two coordinates": [("np.mean((np.asarray(estimates) - positions) ** 2, axis=(0, 2))",
                                      "np.mean(np.sum((np.asarray(estimates) - positions) ** 2, axis=2), axis=0)")],
        "root-mean-square instead of mean square": [
            ("return np.mean((np.asarray(estimates) - positions) ** 2, axis=(0, 2))",
             "return np.sqrt(np.mean((np.asarray(estimates) - positions) ** 2, axis=(0, 2)))")],
        "variance about the mean of the estimates": [
            ("return np.mean((np.asarray(estimates) - positions) ** 2, axis=(0, 2))",
             "return np.var(estimates, axis=0).mean(axis=1)")],
        "errors not squared": [("- positions) ** 2, axis=(0, 2))", "- positions), axis=(0, 2))")],
        "averages over the trials only": [("axis=(0, 2))", "axis=0)")],
    },
    "place_cell_activity": {
        "naive softmax: underflows for a small sigma": [
            ("np.exp(exponents - exponents.max(axis=-1, keepdims=True))", "np.exp(exponents)")],
        "sigma squared without the factor 2": [("-squared / (2 * sigma ** 2)", "-squared / sigma ** 2")],
        "the distance instead of the squared distance": [
            ("squared = np.sum((np.asarray(positions)[..., None, :] - centres) ** 2, axis=-1)",
             "squared = np.sqrt(np.sum((np.asarray(positions)[..., None, :] - centres) ** 2, axis=-1))")],
        "not normalised": [("return weights / weights.sum(axis=-1, keepdims=True)", "return weights")],
        "normalised over the positions": [("weights.sum(axis=-1, keepdims=True)", "weights.sum(axis=0, keepdims=True)")],
    },
    "decode_position": {
        "not divided by the total activity": [
            ("return activity @ centres / activity.sum(axis=-1, keepdims=True)", "return activity @ centres")],
        "divided by the number of cells": [("activity.sum(axis=-1, keepdims=True)", "activity.shape[-1]")],
        "the most active cell's centre": [
            ("return activity @ centres / activity.sum(axis=-1, keepdims=True)",
             "return centres[np.argmax(activity, axis=-1)]")],
        "total activity without keepdims": [("activity.sum(axis=-1, keepdims=True)", "activity.sum(axis=-1)")],
    },
    "batch_grad": {
        "sums the trials' gradients": [("np.mean(grads, axis=0)", "np.sum(grads, axis=0)")],
        "keeps only the last trial's gradient": [
            ("per_trial = [bptt_grad(w_in, w_rec, w_out, b, x, y, alpha) for x, y in zip(inputs, targets)]\n"
             "    return tuple(np.mean(grads, axis=0) for grads in zip(*per_trial))",
             "for x, y in zip(inputs, targets):\n"
             "        grads = bptt_grad(w_in, w_rec, w_out, b, x, y, alpha)\n"
             "    return grads")],
        "also divides by the number of time steps": [("np.mean(grads, axis=0)",
                                                      "np.mean(grads, axis=0) / inputs.shape[1]")],
        "the gradient of the averaged trial": [
            ("per_trial = [bptt_grad(w_in, w_rec, w_out, b, x, y, alpha) for x, y in zip(inputs, targets)]\n"
             "    return tuple(np.mean(grads, axis=0) for grads in zip(*per_trial))",
             "return bptt_grad(w_in, w_rec, w_out, b, inputs.mean(axis=0), targets.mean(axis=0), alpha)")],
        "only the first trial": [("zip(inputs, targets)]", "zip(inputs[:1], targets[:1])]")],
    },
    "best_place_sigma": {
        "in m": "best_place_sigma = 0.09",
        "the index of the best width": "best_place_sigma = 8.0",
        "the smallest error instead of the width": "best_place_sigma = 4.85",
        "place cells without the factor 2 of 2 sigma^2": "best_place_sigma = 12.0",
    },
    "rnn_test_error": {
        "at the end of the training length": "rnn_test_error = 1.27",
        "per coordinate": "rnn_test_error = 4.03",
        "the mean distance, not the root mean square": "rnn_test_error = 5.51",
        "averaged over all samples": "rnn_test_error = 2.51",
        "in m": "rnn_test_error = 0.057",
        "the untrained network": "rnn_test_error = 23.62",
    },
}

ALTERNATIVES = {
    "integrate_velocity": {
        "a loop over time, leading axes broadcast by hand": """
            def integrate_velocity(velocities, start, dt=DT):
                velocities = np.asarray(velocities, dtype=float)
                lead = np.broadcast_shapes(np.shape(start)[:-1], velocities.shape[:-2])
                positions = np.empty(lead + velocities.shape[-2:])
                positions[..., 0, :] = start
                for t in range(1, velocities.shape[-2]):
                    positions[..., t, :] = positions[..., t - 1, :] + velocities[..., t - 1, :] * dt
                return positions
        """,
    },
    "noisy_integration": {
        "standard normals scaled, one trial at a time": """
            def noisy_integration(velocities, start, noise_sd, n_trials, rng, dt=DT):
                errors = noise_sd * rng.standard_normal((n_trials, len(velocities), 2))
                return np.array([integrate_velocity(velocities + error, start, dt) for error in errors])
        """,
    },
    "integration_error": {
        "sum divided by the count": """
            def integration_error(estimates, positions):
                difference = np.asarray(estimates) - np.asarray(positions)[None]
                return np.einsum("ktc,ktc->t", difference, difference) / (2 * difference.shape[0])
        """,
    },
    "place_cell_activity": {
        "log-sum-exp, distances expanded": """
            def place_cell_activity(positions, centres, sigma):
                positions = np.asarray(positions, dtype=float)
                squared = (np.sum(positions ** 2, axis=-1)[..., None] - 2 * positions @ centres.T
                           + np.sum(centres ** 2, axis=-1))
                log_weights = -squared / (2 * sigma * sigma)
                top = log_weights.max(axis=-1, keepdims=True)
                log_total = top + np.log(np.sum(np.exp(log_weights - top), axis=-1, keepdims=True))
                return np.exp(log_weights - log_total)
        """,
    },
    "decode_position": {
        "normalise first, then einsum": """
            def decode_position(activity, centres):
                weights = np.asarray(activity, dtype=float)
                weights = weights / np.sum(weights, axis=-1)[..., None]
                return np.einsum("...i,ic->...c", weights, centres)
        """,
    },
    "batch_grad": {
        "accumulated in a loop": """
            def batch_grad(w_in, w_rec, w_out, b, inputs, targets, alpha=ALPHA):
                totals = [np.zeros_like(p, dtype=float) for p in (w_in, w_rec, w_out, b)]
                for x, y in zip(inputs, targets):
                    for total, g in zip(totals, bptt_grad(w_in, w_rec, w_out, b, x, y, alpha)):
                        total += g
                return tuple(total / len(inputs) for total in totals)
        """,
    },
    "best_place_sigma": {
        "the grid value": "best_place_sigma = 9",
        "a finer search": "best_place_sigma = 8.6",
    },
    "rnn_test_error": {
        "rounded to 0.1 cm": "rnn_test_error = 5.7",
        "two decimals": "rnn_test_error = 5.70",
    },
}
