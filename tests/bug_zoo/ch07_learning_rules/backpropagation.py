"""Bug zoo of section 7.6, gradient descent and backpropagation."""

MISTAKES = {
    "mlp_forward": {
        "forgets the hidden biases": [("np.asarray(x, dtype=float) @ W1.T + b1)",
                                       "np.asarray(x, dtype=float) @ W1.T)")],
        "linear output units": [("y_hat = sigmoid(h @ W2.T + b2)", "y_hat = h @ W2.T + b2")],
        "tanh hidden units": [("h = sigmoid(", "h = np.tanh(")],
        "returns the summed input of the hidden units": [
            ("    return h, y_hat", "    return np.asarray(x, dtype=float) @ W1.T + b1, y_hat")],
        "forgets the output biases": [("y_hat = sigmoid(h @ W2.T + b2)", "y_hat = sigmoid(h @ W2.T)")],
        "weights used untransposed": [("@ W1.T + b1", "@ W1 + b1")],
    },
    "mlp_backward": {
        "sum over the batch instead of the mean": [("delta2 = (y_hat - y) / len(x)", "delta2 = y_hat - y")],
        "the squared error's σ′ at the output (the original page's text)": [
            ("delta2 = (y_hat - y) / len(x)", "delta2 = (y_hat - y) * y_hat * (1 - y_hat) / len(x)")],
        "forgets the hidden units' slope": [("delta1 = (delta2 @ W2) * h * (1 - h)", "delta1 = delta2 @ W2")],
        "error with the wrong sign": [("delta2 = (y_hat - y) / len(x)", "delta2 = (y - y_hat) / len(x)")],
        "bias gradients averaged a second time": [
            ("delta1.sum(axis=0), delta2.T @ h, delta2.sum(axis=0)",
             "delta1.mean(axis=0), delta2.T @ h, delta2.mean(axis=0)")],
        "the slope of the pre-activation, σ′ written as a(1 − a)": """
            def mlp_backward(W1, b1, W2, b2, x, y):
                a1 = x @ W1.T + b1
                h, y_hat = mlp_forward(W1, b1, W2, b2, x)
                delta2 = (y_hat - y) / len(x)
                delta1 = (delta2 @ W2) * a1 * (1 - a1)
                return delta1.T @ x, delta1.sum(axis=0), delta2.T @ h, delta2.sum(axis=0)
        """,
    },
    "train_mlp": {
        "drops the last, shorter batch": [("for start in range(0, len(x), batch_size):",
                                           "for start in range(0, len(x) - batch_size + 1, batch_size):")],
        "one order for all epochs": [
            ("order = np.arange(len(x)) if rng is None else rng.permutation(len(x))",
             "order = np.arange(len(x)) if rng is None else (order if epoch else rng.permutation(len(x)))")],
        "gradient ascent": [("params = [p - eta * g for", "params = [p + eta * g for")],
        "the loss of the initial weights": [("losses[epoch] = bce_loss(mlp_forward(*params, x)[1], y)",
                                             "losses[epoch] = bce_loss(mlp_forward(W1, b1, W2, b2, x)[1], y)")],
        "only the first batch of every epoch": [("batch = order[start:start + batch_size]",
                                                 "batch = order[:batch_size]")],
        "draws the order from np.random": [("rng.permutation(len(x))", "np.random.permutation(len(x))")],
        "updates the caller's weights in place": """
            def train_mlp(W1, b1, W2, b2, x, y, n_epochs, batch_size, eta, rng=None):
                params = [W1, b1, W2, b2]
                losses = np.empty(n_epochs)
                for epoch in range(n_epochs):
                    order = np.arange(len(x)) if rng is None else rng.permutation(len(x))
                    for start in range(0, len(x), batch_size):
                        batch = order[start:start + batch_size]
                        for p, g in zip(params, mlp_backward(*params, x[batch], y[batch])):
                            p -= eta * g
                    losses[epoch] = bce_loss(mlp_forward(*params, x)[1], y)
                return (*params, losses)
        """,
    },
    "digits_accuracy": {
        "the accuracy on the training images": "digits_accuracy = 1316 / 1347",
        "after the first epoch only": "digits_accuracy = 204 / 450",
        "pixels not divided by 16": "digits_accuracy = 253 / 450",
        "in percent": "digits_accuracy = 95.56",
        "the error rate": "digits_accuracy = 20 / 450",
    },
}

ALTERNATIVES = {
    "mlp_forward": {
        "exp form, weights applied per layer with np.dot": """
            def mlp_forward(W1, b1, W2, b2, x):
                h = 1.0 / (1.0 + np.exp(-(np.dot(x, np.transpose(W1)) + b1)))
                y_hat = 1.0 / (1.0 + np.exp(-(np.dot(h, np.transpose(W2)) + b2)))
                return h, y_hat
        """,
    },
    "mlp_backward": {
        "one example at a time, summed and divided by n": """
            def mlp_backward(W1, b1, W2, b2, x, y):
                grads = [np.zeros_like(W1), np.zeros_like(b1), np.zeros_like(W2), np.zeros_like(b2)]
                for xi, yi in zip(x, y):
                    h, y_hat = mlp_forward(W1, b1, W2, b2, xi[None, :])
                    d2 = (y_hat - yi)[0]
                    d1 = (W2.T @ d2) * h[0] * (1 - h[0])
                    for k, g in enumerate((np.outer(d1, xi), d1, np.outer(d2, h[0]), d2)):
                        grads[k] = grads[k] + g
                return tuple(g / len(x) for g in grads)
        """,
    },
    "train_mlp": {
        "shuffled index array, while loop over batches": """
            def train_mlp(W1, b1, W2, b2, x, y, n_epochs, batch_size, eta, rng=None):
                W1, b1, W2, b2 = (np.copy(p) for p in (W1, b1, W2, b2))
                losses = []
                for _ in range(n_epochs):
                    order = np.arange(len(x))
                    if rng is not None:
                        order = rng.permutation(len(x))
                    start = 0
                    while start < len(x):
                        idx = order[start:start + batch_size]
                        dW1, db1, dW2, db2 = mlp_backward(W1, b1, W2, b2, x[idx], y[idx])
                        W1, b1, W2, b2 = W1 - eta * dW1, b1 - eta * db1, W2 - eta * dW2, b2 - eta * db2
                        start += batch_size
                    losses.append(bce_loss(mlp_forward(W1, b1, W2, b2, x)[1], y))
                return W1, b1, W2, b2, np.array(losses)
        """,
    },
    "digits_accuracy": {
        "the fraction of 450": "digits_accuracy = 430 / 450",
        "one image more, from another order of the arithmetic": "digits_accuracy = 431 / 450",
    },
}
