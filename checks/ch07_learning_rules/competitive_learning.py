"""Checks of section 7.5, competitive learning (winner-take-all and the self-organising map).

Besides comparing with ``solutions`` on seeded inputs, the checks test facts of the models through the
student's own functions: winner-take-all learning from one input of each cluster ends at a fixed point of
k-means (every prototype is the mean of the inputs it wins, the centroids ``sklearn.cluster.KMeans`` finds
from the same start), and a one-dimensional SOM trained on uniform inputs orders itself along the line
(Kohonen 1982). The updates are deterministic, so every correct implementation agrees with the reference to
round-off; the seeded facts take ``seed=`` and tests/references runs them with 40 other seeds.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch07_learning_rules import competitive_learning as ref

# Round-off: the updates are a few additions and multiplications of numbers of order 1 per input, so any
# order of the arithmetic agrees with the reference to about 1e-15 per step; after 50 inputs 1e-10 is far
# above that and far below any real mistake (each changes the result by at least 1e-3 here).
ATOL = 1e-10


def _winners(x, w, distance):
    return np.argmin(distance(x[:, None, :] - w[None, :, :]), axis=1)


def best_matching_unit(student_bmu):
    """Check ``best_matching_unit(x, w)``: random inputs, an input on a prototype, ties, the returned type."""
    rng = np.random.default_rng(751)
    for n_samples, n_units, n_features in ((40, 12, 2), (25, 7, 3), (1, 4, 5)):
        x, w = rng.normal(0, 1, (n_samples, n_features)), rng.normal(0, 1, (n_units, n_features))
        what = f"best_matching_unit(x of shape {x.shape}, w of shape {w.shape})"
        got = call(student_bmu, x, w)
        if not np.issubdtype(np.asarray(got).dtype, np.integer):
            raise AssertionError(f"{what} must return integer indices (as np.argmin does), got dtype "
                                 f"{np.asarray(got).dtype}.")
        assert_close(got, ref.best_matching_unit(x, w), what, atol=0, mistakes={
            "the best-matching unit is the nearest prototype: argmin of the distance, not argmax.":
                np.argmax(np.sum((x[:, None] - w[None]) ** 2, axis=2), axis=1),
            "the distance is Euclidean, √Σ(x − w)², not the sum of absolute differences.":
                _winners(x, w, lambda d: np.sum(np.abs(d), axis=2)),
            "the largest dot product w·x picks the nearest prototype only when all prototypes have the "
            "same length: use the Euclidean distance.": np.argmax(x @ w.T, axis=1),
        }, hint="for each row of x, the index of the row of w at the smallest Euclidean distance.")
    w = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]])  # units 0 and 2 coincide
    x = np.array([[0.0, 1.0], [0.1, 0.9], [-1.0, 0.0], [0.0, -1.0]])
    # [0, −1] is equally far from units 1 and 3 (√2): the lower index, 1, wins.
    assert_close(call(student_bmu, x, w), [0, 0, 3, 1], f"best_matching_unit({x.tolist()}, {w.tolist()})", atol=0,
                 hint="an input on a prototype has that unit as its best match; among equally near units the "
                      "lowest index wins, as np.argmin gives it.")


def _blobs(rng, centres, per_blob, sigma):
    labels = np.repeat(np.arange(len(centres)), per_blob)
    x = centres[labels] + sigma * rng.standard_normal((len(labels), centres.shape[1]))
    order = rng.permutation(len(labels))
    return x[order], labels[order]


def wta_update(student_wta, seed=752):
    """Check ``wta_update(w, x, learning_rate)`` on random epochs, then the k-means fixed point."""
    rng = np.random.default_rng(seed)
    for n_units, learning_rate in ((6, 0.3), (3, 1.0)):
        w, x = rng.normal(0, 1, (n_units, 2)), rng.normal(0, 1, (50, 2))
        what = f"wta_update(w of shape {w.shape}, x of 50 inputs, learning_rate={learning_rate})"
        got = as_array(call(student_wta, w, x, learning_rate), what, shape=w.shape)
        stale = w.copy()
        for sample, winner in zip(x, ref.best_matching_unit(x, w)):
            stale[winner] += learning_rate * (sample - stale[winner])
        everyone = w.copy()
        for sample in x:
            everyone += learning_rate * (sample - everyone)
        assert_close(got, ref.wta_update(w, x, learning_rate), what, atol=ATOL, mistakes={
            "find the winner anew for every input, with the prototypes as the previous inputs left them "
            "(your winners were found once, before the epoch).": stale,
            "only the winner learns: the other units stay where they are.": everyone,
            "the winner moves towards the input: w_c + η (x − w_c).": ref.wta_update(w, x, -learning_rate),
            "scale the step by the learning rate.": ref.wta_update(w, x, 1.0),
        }, hint="present the inputs one at a time in order; each moves only its nearest prototype, by η (x − w_c).")
    with hint_on_failure("averaged over the inputs a winner's step vanishes at the mean of the inputs it wins: "
                         "winner-take-all learning should end at the k-means centroids."):
        _kmeans_fixed_point(student_wta, rng)


def _kmeans_fixed_point(student_wta, rng, n_epochs=60, rate0=0.1):
    """Three clusters (s.d. 0.1, centres 1 apart), 50 inputs each, the start one input of each cluster, 60 epochs
    at η = 0.1 (1 − t/60). Every prototype ends within 0.0045 of the mean of the inputs it wins (the largest
    deviation over this seed and 40 others, tests/references; the rate of the last epochs, 0.1/60 and less,
    leaves that much of the last inputs' pull); 0.02 is required. Pulling every unit, or the winner away, ends
    far from the means."""
    x, labels = _blobs(rng, np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]), 50, 0.1)
    w = x[[np.flatnonzero(labels == k)[0] for k in range(3)]]
    for epoch in range(n_epochs):
        w = as_array(call(student_wta, w, x, rate0 * (1 - epoch / n_epochs)),
                     f"wta_update(w, x, {rate0 * (1 - epoch / n_epochs):.4g}) in epoch {epoch}", shape=(3, 2))
    winners = ref.best_matching_unit(x, w)
    if len(np.unique(winners)) < 3:
        raise AssertionError(f"After {n_epochs} epochs of wta_update from one input of each of 3 separate clusters, "
                             f"only {len(np.unique(winners))} of the 3 prototypes win inputs.")
    means = np.array([x[winners == k].mean(axis=0) for k in range(3)])
    assert_close(w, means, f"the prototypes after {n_epochs} epochs of wta_update (expected: the mean of the inputs "
                 "each one wins)", atol=0.02)


def _normalised(gaussian):
    return gaussian / gaussian.sum(axis=1).max()


def som_neighbourhood(student_neighbourhood):
    """Check ``som_neighbourhood(positions, sigma)`` on lattices and on scattered positions."""
    rng = np.random.default_rng(753)
    cases = [(ref.lattice_positions(4, 5), 0.7), (ref.lattice_positions(4, 5), 2.0), (ref.lattice_positions(6, 6), 6.0),
             (rng.uniform(0, 5, (9, 3)), 1.5), (ref.lattice_positions(1, 7), 1.0)]
    for positions, sigma in cases:
        what = f"som_neighbourhood(positions of shape {positions.shape}, sigma={sigma})"
        got = as_array(call(student_neighbourhood, positions, sigma), what, shape=(len(positions),) * 2)
        squared = np.sum((positions[:, None] - positions[None]) ** 2, axis=2)
        gaussian = np.exp(-squared / (2 * sigma**2))
        with np.errstate(all="ignore"):
            assert_close(got, ref.som_neighbourhood(positions, sigma), what, atol=1e-12, mistakes={
                "divide the Gaussian by its largest row sum, so that the neighbourhood's rates sum to at most 1.":
                    gaussian,
                "divide by the largest row sum, one number for the whole matrix: dividing each row by its own sum "
                "gives the units at the map's border larger rates.": gaussian / gaussian.sum(axis=1, keepdims=True),
                "the Gaussian takes the squared lattice distance, exp(−‖r_c − r_m‖²/(2σ²)).":
                    _normalised(np.exp(-np.sqrt(squared) / (2 * sigma**2))),
                "the width enters squared: exp(−d²/(2σ²)).": _normalised(np.exp(-squared / (2 * sigma))),
                "the Gaussian is exp(−d²/(2σ²)): check the factor 2.": _normalised(np.exp(-squared / sigma**2)),
                "divide by the largest row sum, not by the sum of the whole matrix.": gaussian / gaussian.sum(),
            }, hint="H[c, m] = exp(−‖r_c − r_m‖²/(2σ²)) / S, with S the largest row sum of the Gaussian matrix; "
                    "positions may have any number of columns.")


def som_update(student_som, seed=754):
    """Check ``som_update(w, x, neighbourhood, learning_rate)`` on random epochs, WTA as a special case,
    and the ordering of a one-dimensional map."""
    rng = np.random.default_rng(seed)
    positions = ref.lattice_positions(3, 4)
    for sigma, learning_rate in ((1.5, 0.8), (0.8, 2.0)):
        w, x = rng.normal(0, 1, (12, 2)), rng.normal(0, 1, (50, 2))
        h = ref.som_neighbourhood(positions, sigma)
        what = f"som_update(w of shape (12, 2), x of 50 inputs, neighbourhood of a 3 × 4 lattice at σ = {sigma}, " \
               f"learning_rate={learning_rate})"
        got = as_array(call(student_som, w, x, h, learning_rate), what, shape=w.shape)
        stale, batch = w.copy(), w.copy()
        for sample, winner in zip(x, ref.best_matching_unit(x, w)):
            stale += learning_rate * h[winner][:, None] * (sample - stale)
            batch += learning_rate * h[winner][:, None] * (sample - w)
        assert_close(got, ref.som_update(w, x, h, learning_rate), what, atol=ATOL, mistakes={
            "find the winner anew for every input, with the prototypes as the previous inputs left them "
            "(your winners were found once, before the epoch).": stale,
            "update the prototypes input by input: each step starts from where the previous one left them.": batch,
            "every unit learns, at the rate α H[c, m] of the winner's row c of the neighbourhood.":
                ref.som_update(w, x, np.diag(np.diag(h)), learning_rate),
            "the units move towards the input: w_m + α H[c, m] (x − w_m).": ref.som_update(w, x, h, -learning_rate),
            "scale the step by the learning rate α.": ref.som_update(w, x, h, 1.0),
        }, hint="present the inputs one at a time in order; for each, with c its best-matching unit, move every "
                "w_m by α H[c, m] (x − w_m).")
    w, x = rng.normal(0, 1, (5, 3)), rng.normal(0, 1, (30, 3))
    assert_close(call(student_som, w, x, np.eye(5), 0.4), ref.wta_update(w, x, 0.4),
                 "som_update(w, x, np.eye(5), 0.4), which is winner-take-all learning", atol=ATOL,
                 hint="with the identity as neighbourhood only the winner learns.")
    with hint_on_failure("a one-dimensional map trained with a shrinking neighbourhood should order itself along "
                         "the line (Kohonen 1982)."):
        _chain_orders(student_som, rng)


def _chain_orders(student_som, rng, n_units=10, n_epochs=30):
    """A chain of 10 units started in [0.4, 0.6] in random order, trained on 200 uniform inputs in [0, 1] for
    30 epochs with α = 1 − t/30 and σ = max(5 (1 − t/30), 1): the prototypes end monotonic along the chain for
    all 41 seeds of tests/references (the 1-D ordering of Kohonen 1982)."""
    x, w = rng.uniform(0, 1, (200, 1)), rng.uniform(0.4, 0.6, (n_units, 1))
    positions = ref.lattice_positions(1, n_units)
    for epoch in range(n_epochs):
        alpha, sigma = ref.som_schedule(epoch, n_epochs, 1.0, n_units / 2)
        w = as_array(call(student_som, w, x, ref.som_neighbourhood(positions, sigma), alpha),
                     f"som_update(w, x, neighbourhood, {alpha:.3g}) in epoch {epoch} of a chain of 10 units",
                     shape=(n_units, 1))
    steps = np.diff(w[:, 0])
    if not (np.all(steps > 0) or np.all(steps < 0)):
        raise AssertionError(f"After {n_epochs} epochs a chain of {n_units} units trained on uniform inputs in [0, 1] "
                             f"is not ordered: its prototypes are {np.round(w[:, 0], 3).tolist()}.")


# The dead units of Figure 2's second run: deterministic (the data, the start and the order of the inputs are
# fixed), so every correct implementation finds the same count; ±0.5 accepts it and rejects every other count:
# the alive units (3), the dead units at the start (1), and a constant rate η₀ (1).
dead_units = Discovery(
    2, 0.5, "dead_units, the number of units that win no input after training", unit="units",
    mistakes={"count the units that win no input, not those that win some": 3,
              "count after the whole training run of train_wta (its last entry), with its decaying rate": 1})

# The topographic error of the trained map of Figure 4: 46 of the 300 inputs. The run is deterministic; the early
# epochs, where every unit learns at nearly the same rate, contract any difference in the start or in round-off to
# nothing (a start perturbed by 1e-6 ends bit for bit on the same map), so correct implementations agree exactly.
# ±0.01 (3 inputs) leaves room for a best-matching unit decided differently by round-off at the end, and rejects
# the maps of the neighbourhood mistakes (no normalisation 0.117, each row normalised 0.130, no factor 2 0.123,
# σ not squared 0.167, distance not squared 0.020), counting diagonal units as neighbours (0.027), the share of
# neighbouring pairs (0.847), a percentage, and the untrained or winner-take-all map (1.0).
map_topographic_error = Discovery(
    0.15333, 0.01, "map_topographic_error, the topographic error of the trained map",
    mistakes={"the question asks for the fraction of inputs whose two best units are not neighbours, not of those "
              "whose are": 0.84667,
              "measure the map after training (the last entry of the history), not before": 1.0,
              "lattice neighbours are the 4 nearest units, at lattice distance 1; diagonal units are not": 0.02667})
