"""Bug zoo of section 7.5, competitive learning."""

_DISTANCES = "distances = np.sum((x[:, None, :] - w[None, :, :]) ** 2, axis=2)  # (n_samples, n_units)"
_WTA_LOOP = "    for sample in x:\n        winner = np.argmin(np.sum((sample - w) ** 2, axis=1))\n"
_STALE_LOOP = ("    winners = np.argmin(np.sum((x[:, None] - w[None]) ** 2, axis=2), axis=1)\n"
               "    for sample, winner in zip(x, winners):\n")
_GAUSSIAN = "gaussian = np.exp(-squared / (2.0 * sigma**2))"

MISTAKES = {
    "best_matching_unit": {
        "farthest unit": [("np.argmin(distances, axis=1)", "np.argmax(distances, axis=1)")],
        "city-block distance": [("np.sum((x[:, None, :] - w[None, :, :]) ** 2, axis=2)",
                                 "np.sum(np.abs(x[:, None, :] - w[None, :, :]), axis=2)")],
        "largest dot product, as a linear neuron's output": [
            (_DISTANCES + "\n    return np.argmin(distances, axis=1)", "return np.argmax(x @ w.T, axis=1)")],
        "argmin over the inputs": [("np.argmin(distances, axis=1)", "np.argmin(distances, axis=0)")],
        "the distance instead of the index": [("np.argmin(distances, axis=1)", "np.min(distances, axis=1)")],
    },
    "wta_update": {
        "winners found once per epoch": [(_WTA_LOOP, _STALE_LOOP)],
        "every unit learns": [("w[winner] += learning_rate * (sample - w[winner])", "w += learning_rate * (sample - w)")],
        "winner pushed away": [("(sample - w[winner])", "(w[winner] - sample)")],
        "loser learns": [("winner = np.argmin(", "winner = np.argmax(")],
        "learning rate ignored": [("w[winner] += learning_rate * (", "w[winner] += (")],
        "updated in place": [("w = np.array(w, dtype=float)", "w = np.asarray(w, dtype=float)")],
    },
    "som_neighbourhood": {
        "not normalised": [("return gaussian / gaussian.sum(axis=1).max()", "return gaussian")],
        "each row normalised": [("gaussian.sum(axis=1).max()", "gaussian.sum(axis=1, keepdims=True)")],
        "distance not squared": [(_GAUSSIAN, "gaussian = np.exp(-np.sqrt(squared) / (2.0 * sigma**2))")],
        "sigma not squared": [(_GAUSSIAN, "gaussian = np.exp(-squared / (2.0 * sigma))")],
        "factor 2 dropped": [(_GAUSSIAN, "gaussian = np.exp(-squared / sigma**2)")],
        "normalised by the total": [("gaussian.sum(axis=1).max()", "gaussian.sum()")],
    },
    "som_update": {
        "winners found once per epoch": [(_WTA_LOOP, _STALE_LOOP)],
        "batch step from the old prototypes": [
            ("    w = np.array(w, dtype=float)\n    for sample in x:", "    old = np.array(w, dtype=float)\n"
             "    w = old.copy()\n    for sample in x:"),
            ("winner = np.argmin(np.sum((sample - w) ** 2, axis=1))", "winner = np.argmin(np.sum((sample - old) ** 2, axis=1))"),
            ("* (sample - w)\n", "* (sample - old)\n")],
        "only the winner learns": [("w += learning_rate * neighbourhood[winner][:, None] * (sample - w)",
                                    "w[winner] += learning_rate * neighbourhood[winner, winner] * (sample - w[winner])")],
        "units pushed away": [("* (sample - w)\n", "* (w - sample)\n")],
        "learning rate ignored": [("w += learning_rate * neighbourhood", "w += neighbourhood")],
        "updated in place": [("w = np.array(w, dtype=float)", "w = np.asarray(w, dtype=float)")],
    },
    # Discovery answers, each what the reference functions give after the mistaken step.
    "dead_units": {
        "the units that win inputs": "dead_units = 3",
        "dead at the start, before training": "dead_units = 1",
        "as a fraction of the units": "dead_units = 2 / 5",
        "as a percentage": "dead_units = 40",
    },
    "map_topographic_error": {
        "the fraction of neighbouring best pairs": "map_topographic_error = 1 - 0.15333",
        "the untrained map": "map_topographic_error = 1.0",
        "diagonal units counted as neighbours": "map_topographic_error = 0.02667",
        "as a percentage": "map_topographic_error = 15.333",
        "a map trained with an unnormalised neighbourhood": "map_topographic_error = 0.11667",
    },
}

ALTERNATIVES = {
    "best_matching_unit": {
        "expanded squared distance": """
            def best_matching_unit(x, w):
                squared = np.sum(x**2, axis=1)[:, None] - 2 * x @ w.T + np.sum(w**2, axis=1)[None, :]
                return squared.argmin(axis=1)
        """,
        "scipy cdist": """
            def best_matching_unit(x, w):
                from scipy.spatial.distance import cdist
                return np.argmin(cdist(x, w), axis=1)
        """,
    },
    "wta_update": {
        "loop over indices with norms": """
            def wta_update(w, x, learning_rate):
                new = w.copy()
                for i in range(len(x)):
                    c = int(np.argmin(np.linalg.norm(new - x[i], axis=1)))
                    new[c] = (1 - learning_rate) * new[c] + learning_rate * x[i]
                return new
        """,
    },
    "som_neighbourhood": {
        "cdist, divided by the largest column sum as on the original page": """
            def som_neighbourhood(positions, sigma):
                from scipy.spatial.distance import cdist
                g = np.exp(-cdist(positions, positions, "sqeuclidean") / (2 * sigma * sigma))
                return g / np.max(np.sum(g, axis=0))
        """,
    },
    "som_update": {
        "convex combination, column of the neighbourhood": """
            def som_update(w, x, neighbourhood, learning_rate):
                w = w.copy()
                for v in x:
                    c = np.argmin(np.linalg.norm(w - v, axis=1))
                    rate = learning_rate * neighbourhood[:, c][:, None]
                    w = (1 - rate) * w + rate * v
                return w
        """,
    },
    "dead_units": {
        "counted with np.bincount": "dead_units = 2",
        "as a float": "dead_units = 2.0",
    },
    "map_topographic_error": {
        "46 of 300": "map_topographic_error = 46 / 300",
        "rounded to two decimals": "map_topographic_error = 0.15",
    },
}
