"""Realistic mistakes and correct variants of section 7.7, approximations of backpropagation."""

MISTAKES = {
    "fa_backward": {
        "no derivative of tanh": [(" * (1.0 - activities[layer] ** 2))", ")")],
        "the sigmoid's derivative z (1 − z)": [("(1.0 - activities[layer] ** 2)",
                                                "activities[layer] * (1.0 - activities[layer])")],
        "B instead of its transpose in the row form": [("signal @ feedback[layer - 1].T", "signal @ feedback[layer - 1]")],
        "sums over the batch instead of means": [("delta.T @ z / n_samples", "delta.T @ z"),
                                                 ("delta.mean(axis=0)", "delta.sum(axis=0)")],
        "DFA like FA: the error of the layer above": [("deltas[-1] if direct else deltas[0]", "deltas[0]")],
        "DFA always, even without direct": [("deltas[-1] if direct else deltas[0]", "deltas[-1]")],
        "the derivative of the layer below": [("activities[layer] ** 2", "activities[layer - 1] ** 2")],
        "tanh' applied to the activity z instead of u": [("(1.0 - activities[layer] ** 2)",
                                                           "(1.0 - np.tanh(activities[layer]) ** 2)")],
    },
    "node_perturbation_grad": {
        "no baseline: the perturbed loss instead of its change": [
            ("change = cross_entropy(z, y) - cross_entropy(logits, y)", "change = cross_entropy(z, y)")],
        "divided by σ²": [("(change / sigma)", "(change / sigma**2)")],
        "the clean minus the perturbed loss": [
            ("cross_entropy(z, y) - cross_entropy(logits, y)", "cross_entropy(logits, y) - cross_entropy(z, y)")],
        "the perturbed activities in the weight update": [
            ("noise, z = [], activities[0]", "noise, z, perturbed = [], activities[0], [activities[0]]"),
            ("z = np.tanh(u) if layer < len(weights) - 1 else u\n",
             "z = np.tanh(u) if layer < len(weights) - 1 else u\n        perturbed.append(z)\n"),
            ("zip(signals, activities)", "zip(signals, perturbed)")],
        "only the output layer perturbed": [
            ("u = z @ w.T + b + sigma * noise[-1]",
             "u = z @ w.T + b + (sigma * noise[-1] if layer == len(weights) - 1 else 0.0)")],
        "one change of loss for the whole batch": [
            ("change = cross_entropy(z, y) - cross_entropy(logits, y)",
             "change = np.full(n_samples, np.mean(cross_entropy(z, y) - cross_entropy(logits, y)))")],
        "draws from np.random": [("rng.standard_normal((n_samples, len(b)))",
                                  "np.random.standard_normal((n_samples, len(b)))")],
    },
    "weight_perturbation_grad": {
        "no baseline: the perturbed loss instead of its change": [
            ("(cross_entropy(z, y) - cross_entropy(logits, y)) / sigma", "cross_entropy(z, y) / sigma")],
        "divided by σ²": [("/ sigma  # δℓ/σ", "/ sigma**2  # δℓ/σ")],
        "one perturbation for the whole batch": [
            ("rng.standard_normal((n_samples, *w.shape))",
             "np.broadcast_to(rng.standard_normal(w.shape), (n_samples, *w.shape))"),
            ("rng.standard_normal((n_samples, len(b)))",
             "np.broadcast_to(rng.standard_normal(len(b)), (n_samples, len(b)))")],
        "node perturbation's update for the weights": [
            ("logits = forward(weights, biases, x)[1]", "activities, logits = forward(weights, biases, x)"),
            ('[np.einsum("n,noi->oi", scale, v) / n_samples for v in noise_w]',
             "[(scale[:, None] * v).T @ a / n_samples for v, a in zip(noise_b, activities)]")],
        "the biases left unperturbed": [(" + noise_b[-1])", ")")],
        "v drawn before V": [
            ("        noise_w.append(rng.standard_normal((n_samples, *w.shape)))\n"
             "        noise_b.append(rng.standard_normal((n_samples, len(b))))\n",
             "        noise_b.append(rng.standard_normal((n_samples, len(b))))\n"
             "        noise_w.append(rng.standard_normal((n_samples, *w.shape)))\n")],
    },
    "fa_angle": {
        "the second layer's weights": "fa_angle = 47.41",
        "before the first epoch": "fa_angle = 92.36",
        "the DFA run": "fa_angle = 40.57",
        "in radians": "fa_angle = 1.0315",
        "one update's sign flipped": "fa_angle = 180 - 59.10",
    },
    "fa_test_accuracy": {
        "in percent": "fa_test_accuracy = 95.83",
        "the error rate": "fa_test_accuracy = 15 / 360",
        "the backpropagation run": "fa_test_accuracy = 351 / 360",
        "on the training set": "fa_test_accuracy = 1364 / 1437",
        "the DFA run": "fa_test_accuracy = 347 / 360",
    },
}

ALTERNATIVES = {
    "fa_backward": {
        "explicit recursion with the column form and einsum": """
            def fa_backward(activities, e, feedback, direct=False):
                n_layers = len(activities)
                deltas = [None] * n_layers
                deltas[-1] = np.array(e, dtype=float)
                for l in reversed(range(n_layers - 1)):
                    source = deltas[-1] if direct else deltas[l + 1]
                    back = (feedback[l] @ source.T).T  # B δ for every sample
                    deltas[l] = back * (1 - np.square(activities[l + 1]))
                grads_w = [np.einsum("ni,nj->ij", d, z) / len(e) for d, z in zip(deltas, activities)]
                grads_b = [np.sum(d, axis=0) / len(e) for d in deltas]
                return grads_w, grads_b
        """,
    },
    "node_perturbation_grad": {
        "perturbations drawn first, the loss written out": """
            def node_perturbation_grad(weights, biases, x, y, sigma, rng):
                n = x.shape[0]
                v = [rng.standard_normal((n, w.shape[0])) for w in weights]
                acts, clean_logits = forward(weights, biases, x)
                h = x
                for l in range(len(weights)):
                    u = h @ weights[l].T + biases[l] + sigma * v[l]
                    h = u if l == len(weights) - 1 else np.tanh(u)
                def ce(logits):
                    p = np.exp(logits - logits.max(axis=1, keepdims=True))
                    return -np.sum(y * np.log(p / p.sum(axis=1, keepdims=True)), axis=1)
                scale = (ce(h) - ce(clean_logits)) / sigma
                grads_b = [np.mean(scale[:, None] * vl, axis=0) for vl in v]
                grads_w = [(scale[:, None] * vl).T @ a / n for vl, a in zip(v, acts)]
                return grads_w, grads_b
        """,
    },
    "weight_perturbation_grad": {
        "perturbed weights per sample, written out": """
            def weight_perturbation_grad(weights, biases, x, y, sigma, rng):
                n = len(x)
                perturbed_w, perturbed_b = [], []
                for w, b in zip(weights, biases):
                    perturbed_w.append(rng.standard_normal((n,) + w.shape))
                    perturbed_b.append(rng.standard_normal((n, b.size)))
                h_clean, h = x, x
                for l, (w, b) in enumerate(zip(weights, biases)):
                    w_tilde = w[None, :, :] + sigma * perturbed_w[l]
                    u_clean = h_clean @ w.T + b
                    u = np.einsum("noi,ni->no", w_tilde, h) + b + sigma * perturbed_b[l]
                    last = l == len(weights) - 1
                    h_clean, h = (u_clean, u) if last else (np.tanh(u_clean), np.tanh(u))
                change = cross_entropy(h, y) - cross_entropy(h_clean, y)
                grads_w = [np.mean(change[:, None, None] * V, axis=0) / sigma for V in perturbed_w]
                grads_b = [np.mean(change[:, None] * v, axis=0) / sigma for v in perturbed_b]
                return grads_w, grads_b
        """,
    },
    "fa_angle": {
        "to one decimal": "fa_angle = 59.1",
        "to the nearest degree": "fa_angle = 59",
    },
    "fa_test_accuracy": {
        "as a fraction of digits": "fa_test_accuracy = 345 / 360",
        "to three decimals": "fa_test_accuracy = 0.958",
    },
}
