"""Bug zoo of section 9.3, Boltzmann machines."""

MISTAKES = {
    "bm_distribution": {
        "½ forgotten: every pair counted twice": [("-0.5 * np.sum", "-np.sum")],
        "the original's sign slip: couplings raise the energy": [("energy = -0.5 * np.sum", "energy = 0.5 * np.sum")],
        "no shift of the energies: e^(−E) overflows for strong couplings": [
            ("np.exp(-(energy - energy.min()))", "np.exp(-energy)")],
        "not normalised": [("return weight / weight.sum()", "return weight")],
        "p proportional to e^E": [("np.exp(-(energy - energy.min()))", "np.exp(energy - energy.max())")],
    },
    "bm_gradient": {
        "diagonal kept": [("    np.fill_diagonal(grad_W, 0.0)\n", "")],
        "model minus data": [
            ("grad_W = data.T @ data / len(data) - states.T @ (p[:, None] * states)",
             "grad_W = states.T @ (p[:, None] * states) - data.T @ data / len(data)"),
            ("return grad_W, data.mean(axis=0) - p @ states", "return grad_W, p @ states - data.mean(axis=0)")],
        "sum over the data instead of the mean": [("data.T @ data / len(data)", "data.T @ data")],
        "product of the means instead of the mean of the products": [
            ("data.T @ data / len(data) - states.T @ (p[:, None] * states)",
             "np.outer(data.mean(axis=0), data.mean(axis=0)) - np.outer(p @ states, p @ states)")],
        "model average unweighted by p": [("states.T @ (p[:, None] * states)", "states.T @ states / len(states)"),
                                          ("- p @ states", "- states.mean(axis=0)")],
    },
    "free_energy": {
        "the original's sign slip: +hᵀWv in the energy": [
            ("np.logaddexp(0.0, v @ W.T + c)", "np.logaddexp(0.0, c - v @ W.T)")],
        "log(1 + e^x) overflows for large inputs": [
            ("np.logaddexp(0.0, v @ W.T + c)", "np.log(1 + np.exp(v @ W.T + c))")],
        "visible bias forgotten": [("return -v @ b - np.sum", "return -np.sum")],
        "mean over the hidden units instead of the sum": [
            ("np.sum(np.logaddexp(0.0, v @ W.T + c), axis=-1)", "np.mean(np.logaddexp(0.0, v @ W.T + c), axis=-1)")],
        "W not transposed": [("v @ W.T + c", "v @ W + c")],
    },
    "rbm_gibbs_step": {
        "the original's sign slip: σ(c − Wv) and σ(b − Wᵀh)": [("(v @ W.T + c)", "(c - v @ W.T)"),
                                                               ("(h @ W + b)", "(b - h @ W)")],
        "on where the random number is above p": [("rng.random(p_h.shape) < p_h", "rng.random(p_h.shape) > p_h"),
                                                 ("rng.random(p_v.shape) < p_v", "rng.random(p_v.shape) > p_v")],
        "v drawn given the hidden probabilities instead of the drawn h": [
            ("p_v = 0.5 * (1 + np.tanh(0.5 * (h @ W + b)))", "p_v = 0.5 * (1 + np.tanh(0.5 * (p_h @ W + b)))")],
        "returns the visible probabilities": [("return h, (rng.random(p_v.shape) < p_v).astype(float)",
                                               "return h, p_v")],
        "one random number per chain, shared by its units": [
            ("rng.random(p_h.shape)", "rng.random(p_h.shape[:-1] + (1,))"),
            ("rng.random(p_v.shape)", "rng.random(p_v.shape[:-1] + (1,))")],
        "draws from np.random": [("rng.random(p_h.shape)", "np.random.random(p_h.shape)"),
                                 ("rng.random(p_v.shape)", "np.random.random(p_v.shape)")],
        "hidden bias forgotten": [("(v @ W.T + c)", "(v @ W.T)")],
    },
    "cd_update": {
        "model minus data: the weights descend the likelihood": [
            ("(q_data.T @ v_data - q_model.T @ v_model)", "(q_model.T @ v_model - q_data.T @ v_data)")],
        "sum over the mini-batch instead of the mean": [("    n = len(v_data)\n", "    n = 1\n")],
        "the data's hidden probabilities in the negative phase": [("q_model.T @ v_model", "q_data.T @ v_model")],
        "in-place update of the caller's weights": [
            ("    return (W + learning_rate * (q_data.T @ v_data - q_model.T @ v_model) / n,",
             "    W += learning_rate * (q_data.T @ v_data - q_model.T @ v_model) / n\n    return (W,")],
        "hidden biases moved by the inputs instead of the probabilities": [
            ("c + learning_rate * (q_data.mean(axis=0) - q_model.mean(axis=0))",
             "c + learning_rate * (v_data @ W.T - v_model @ W.T).mean(axis=0)")],
        "learning rate forgotten on the weights": [("W + learning_rate * (q_data.T", "W + (q_data.T")],
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "pairwise_fraction": {
        "the untrained machine (uniform) as the baseline": "pairwise_fraction = 0.817",
        "the share left instead of the share removed": "pairwise_fraction = 0.226",
        "a percentage": "pairwise_fraction = 77.37",
        "only 200 steps": "pairwise_fraction = 0.754",
    },
    "masked_accuracy": {
        "the last draw instead of the average of the draws": "masked_accuracy = 0.774",
        "all 64 pixels, the clamped half included": "masked_accuracy = 0.907",
        "the error rate": "masked_accuracy = 0.185",
        "the mean training digit": "masked_accuracy = 0.7726",
        "a percentage": "masked_accuracy = 81.49",
    },
}

ALTERNATIVES = {
    "bm_distribution": {
        "the sum over i < j and a log-sum-exp": """
            def bm_distribution(W, b):
                states = all_states(len(b))
                minus_energy = np.einsum("ki,ij,kj->k", states, np.triu(W, 1), states) + states @ b
                return np.exp(minus_energy - np.logaddexp.reduce(minus_energy))
        """,
    },
    "bm_gradient": {
        "loops over the pairs": """
            def bm_gradient(data, p):
                n = data.shape[1]
                states = all_states(n)
                grad_W = np.zeros((n, n))
                for i in range(n):
                    for j in range(n):
                        if i != j:
                            grad_W[i, j] = np.mean(data[:, i] * data[:, j]) - np.sum(p * states[:, i] * states[:, j])
                grad_b = data.mean(axis=0) - np.sum(p[:, None] * states, axis=0)
                return grad_W, grad_b
        """,
    },
    "free_energy": {
        "softplus as max(x, 0) + log1p(e^(−|x|))": """
            def free_energy(v, W, b, c):
                v = np.asarray(v, dtype=float)
                x = v @ W.T + c
                softplus = np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))
                return -(v @ b) - softplus.sum(axis=-1)
        """,
    },
    "rbm_gibbs_step": {
        "rng.binomial and the exponential form of σ": """
            def rbm_gibbs_step(v, W, b, c, rng):
                p_h = 1 / (1 + np.exp(-(np.asarray(v, dtype=float) @ W.T + c)))
                h = rng.binomial(1, p_h).astype(float)
                p_v = 1 / (1 + np.exp(-(h @ W + b)))
                return h, rng.binomial(1, p_v).astype(float)
        """,
    },
    "cd_update": {
        "a loop over the rows with outer products": """
            def cd_update(v_data, v_model, W, b, c, learning_rate):
                def sigma(x):
                    return 1 / (1 + np.exp(-x))

                dW, db, dc = np.zeros_like(W), np.zeros_like(b), np.zeros_like(c)
                for v_d, v_m in zip(v_data, v_model):
                    q_d, q_m = sigma(W @ v_d + c), sigma(W @ v_m + c)
                    dW += np.outer(q_d, v_d) - np.outer(q_m, v_m)
                    db += v_d - v_m
                    dc += q_d - q_m
                n = len(v_data)
                return W + learning_rate * dW / n, b + learning_rate * db / n, c + learning_rate * dc / n
        """,
    },
    "pairwise_fraction": {
        "trained to convergence (4000 steps of 0.8)": "pairwise_fraction = 0.7742",
        "400 steps": "pairwise_fraction = 0.7697",
    },
    "masked_accuracy": {
        "another seed of the training": "masked_accuracy = 0.8255",
        "drawn with rng.binomial, another seed": "masked_accuracy = 0.8110",
    },
}
