"""Bug zoo of section 7.1, the perceptron."""

MISTAKES = {
    "perceptron_predict": {
        "np.sign, 0 on the line": [("np.where(np.asarray(x, dtype=float) @ np.asarray(w, dtype=float) + b >= 0, 1, -1)",
                                    "np.sign(np.asarray(x, dtype=float) @ np.asarray(w, dtype=float) + b).astype(int)")],
        "the line counts as class -1": [("+ b >= 0, 1, -1)", "+ b > 0, 1, -1)")],
        "0/1 output, as the original's step function": [(">= 0, 1, -1)", ">= 0, 1, 0)")],
        "forgets the bias": [("+ b >= 0", " >= 0")],
        "subtracts the bias": [("+ b >= 0", "- b >= 0")],
    },
    "perceptron_update": {
        "updates on every example, like Hebb": [("    if mistake:\n", "    if True:\n")],
        "moves away from the example's class": [("np.asarray(w, dtype=float) + eta * y", "np.asarray(w, dtype=float) - eta * y")],
        "the error-driven form (y - ŷ) with labels ±1": [
            ("eta * y * np.asarray(x, dtype=float), float(b + eta * y)",
             "eta * (y - perceptron_predict(w, b, x)) * np.asarray(x, dtype=float), "
             "float(b + eta * (y - perceptron_predict(w, b, x)))")],
        "the bias never learns": [("float(b + eta * y), True", "float(b), True")],
        "updates on the line too, as scikit-learn": [("mistake = bool(perceptron_predict(w, b, x) != y)",
                                                      "mistake = bool(y * (np.dot(w, x) + b) <= 0)")],
        "ignores eta": [("eta * y * np.asarray(x, dtype=float), float(b + eta * y)",
                         "y * np.asarray(x, dtype=float), float(b + y)")],
        "updates the caller's weights in place": """
            def perceptron_update(w, b, x, y, eta=ETA):
                if perceptron_predict(w, b, x) != y:
                    w += eta * y * x
                    b += eta * y
                    return w, b, True
                return w, b, False
        """,
    },
    "train_perceptron": {
        "running total of the mistakes": [("mistakes[epoch] += mistake", "mistakes[epoch:] += mistake")],
        "one order for all epochs": [
            ("    for epoch in range(n_epochs):\n        order = np.arange(len(x)) if rng is None else rng.permutation(len(x))\n",
             "    order = np.arange(len(x)) if rng is None else rng.permutation(len(x))\n    for epoch in range(n_epochs):\n")],
        "random initial weights, as the original page": [
            ("w, b = np.zeros(x.shape[1]), 0.0", "w, b = np.random.standard_normal(x.shape[1]), float(np.random.standard_normal())")],
        "counts the errors after each epoch instead of its updates": [
            ("            mistakes[epoch] += mistake\n", ""),
            ("        if mistakes[epoch] == 0:",
             "        mistakes[epoch] = np.count_nonzero(perceptron_predict(w, b, x) != y)\n        if mistakes[epoch] == 0:")],
        "returns only the epochs it ran": [("            break", "            return w, b, mistakes[:epoch + 1]")],
        "the original's batch rule": """
            def train_perceptron(x, y, n_epochs, eta=ETA, rng=None):
                x, y = np.asarray(x, dtype=float), np.asarray(y)
                w, b = np.zeros(x.shape[1]), 0.0
                mistakes = np.zeros(n_epochs, dtype=int)
                for epoch in range(n_epochs):
                    wrong = perceptron_predict(w, b, x) != y
                    mistakes[epoch] = np.count_nonzero(wrong)
                    w = w + eta * (y[wrong, None] * x[wrong]).sum(axis=0)
                    b = b + eta * y[wrong].sum()
                return w, b, mistakes
        """,
    },
    "novikoff_bound": {
        "no constant input for the bias": """
            def novikoff_bound(x, y, w, b):
                x = np.asarray(x, dtype=float)
                gamma = np.min(y * (x @ w + b)) / np.linalg.norm(w)
                if gamma <= 0:
                    return np.inf
                return float((np.max(np.linalg.norm(x, axis=1)) / gamma) ** 2)
        """,
        "R without the constant 1": [("np.linalg.norm(z, axis=1))", "np.linalg.norm(x, axis=1))")],
        "margin divided by the length of w only": [("/ np.linalg.norm(u)", "/ np.linalg.norm(w)")],
        "not squared": [("float((radius / gamma) ** 2)", "float(radius / gamma)")],
        "mean margin": [("gamma = np.min(", "gamma = np.mean(")],
        "a bound even for a line that does not separate": [("    if gamma <= 0:\n        return np.inf\n", "")],
    },
    "n_updates": {
        "updates on the line too (y (w·x + b) ≤ 0)": "n_updates = 41",
        "random orders from default_rng(SEPARABLE_SEED)": "n_updates = 43",
        "the epochs that had updates": "n_updates = 3",
        "the updates of the first epoch": "n_updates = 17",
        "Novikoff's bound of the planted line": "n_updates = 1082.88",
    },
    "toy_error": {
        "the given order, class -1 first": "toy_error = 17 / 400",
        "the updates of the last epoch": "toy_error = 9 / 400",
        "the errors of class +1 over its 200 points": "toy_error = 2 / 200",
        "in percent": "toy_error = 0.75",
        "the accuracy": "toy_error = 1 - 3 / 400",
    },
}

ALTERNATIVES = {
    "perceptron_predict": {
        "np.sign with the line mapped to +1": """
            def perceptron_predict(w, b, x):
                s = np.sign(np.dot(x, w) + b)
                return np.where(s == 0, 1, s).astype(int)
        """,
        "booleans to ±1": """
            def perceptron_predict(w, b, x):
                return 2 * (np.asarray(x) @ np.asarray(w) + b >= 0) - 1
        """,
    },
    "perceptron_update": {
        "augmented weight vector": """
            def perceptron_update(w, b, x, y, eta=ETA):
                wb = np.append(w, b)
                if perceptron_predict(w, b, x) == y:
                    return wb[:-1], wb[-1], False
                wb = wb + eta * y * np.append(x, 1.0)
                return wb[:-1], wb[-1], True
        """,
    },
    "train_perceptron": {
        "rng.shuffle, every epoch run": """
            def train_perceptron(x, y, n_epochs, eta=ETA, rng=None):
                w, b = np.zeros(np.shape(x)[1]), 0.0
                mistakes = []
                for _ in range(n_epochs):
                    order = np.arange(len(x))
                    if rng is not None:
                        rng.shuffle(order)
                    count = 0
                    for i in order:
                        w, b, wrong = perceptron_update(w, b, x[i], y[i], eta=eta)
                        count += int(wrong)
                    mistakes.append(count)
                return w, b, np.array(mistakes)
        """,
    },
    "novikoff_bound": {
        "unit vector first, explicit loop": """
            def novikoff_bound(x, y, w, b):
                norm = np.sqrt(np.sum(np.square(w)) + b**2)
                gamma, radius2 = np.inf, 0.0
                for xi, yi in zip(x, y):
                    gamma = min(gamma, yi * (np.dot(w, xi) + b) / norm)
                    radius2 = max(radius2, np.dot(xi, xi) + 1.0)
                return radius2 / gamma**2 if gamma > 0 else np.inf
        """,
    },
    "n_updates": {
        "the sum as a float": "n_updates = 35.0",
        "updates per epoch added up": "n_updates = 17 + 8 + 10",
    },
    "toy_error": {
        "three of 400": "toy_error = 3 / 400",
        "one minus the accuracy": "toy_error = 1 - 397 / 400",
    },
}
