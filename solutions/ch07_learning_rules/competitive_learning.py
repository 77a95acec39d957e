"""Competitive learning: winner-take-all and the self-organising map (section 7.5, 競合学習).

A layer of units, unit m with a prototype (weight or reference vector) w_m,
competes for each input x: the **best-matching unit** (BMU) is the unit
nearest to it,

    c = argmin_m ‖x − w_m‖²,

the outcome of strong lateral inhibition (winner-take-all, WTA). In
**competitive learning** only the winner learns, moving towards the input,

    w_c ← w_c + η (x − w_c).

Averaged over the inputs, the winner's step vanishes where w_c is the mean of
the inputs it wins: the fixed points are the centroids of the Voronoi cells,
the fixed points of k-means (Lloyd 1982), and the online rule is MacQueen's
(1967) online k-means. A unit that never wins never moves: with a bad start
some units stay **dead**.

Kohonen's (1982) **self-organising map** (SOM) places the units on a lattice
(unit m at lattice position r_m) and lets the winner's lattice neighbours learn
too,

    w_m ← w_m + α(t) h_cm(t) (x − w_m),  h_cm = exp(−‖r_c − r_m‖² / (2σ(t)²)) / S(σ),

with α(t) = α₀(1 − t/T) and σ(t) = max(σ₀(1 − t/T), 1) shrinking over the
epochs t = 0, …, T − 1. Following the original page, the Gaussian is divided by
S, its largest sum over a lattice (the sum around a central unit; its column
sums are the same as its row sums, the matrix being symmetric), so that α is
the rate of the whole neighbourhood: S ≈ 177 at σ = 10 and 6.3 at σ = 1 on the
15 × 15 lattice, so the winner's own rate α/S stays below 0.04 throughout,
where the unnormalised h_cc = α > 1 would throw the winner past the input in
the first half of training. Neighbouring units then learn similar prototypes,
and the map preserves topology: inputs close in data space land on units close
on the lattice. Two measures of a trained map: the **topographic error**, the
fraction of inputs whose best and second-best units are not lattice neighbours
(Kiviluoto 1996), and the **U-matrix**, each unit's root-mean-square prototype
distance to its lattice neighbours (Ultsch & Siemon 1990), high on the borders
between clusters.

The toy data and the parameters follow the original page, 「自己組織化マップと
視覚野の構造」 of 「Juliaで学ぶ計算論的神経科学」
(https://compneuro-julia.github.io/local-learning-rule/self-organizing-map.html):
300 points in 5 Gaussian blobs (σ_v = 0.1) centred on the unit circle, a
15 × 15 map started at w ~ 0.05·𝒩(0, 1), α₀ = 2, σ₀ = 10, T = 100 epochs.

References
----------
Kohonen, T. (1982). Self-organized formation of topologically correct feature
maps. Biol. Cybern. 43, 59–69.
Kohonen, T. (2013). Essentials of the self-organizing map. Neural Networks 37,
52–65.
MacQueen, J. (1967). Some methods for classification and analysis of
multivariate observations. Proc. 5th Berkeley Symp. Math. Statist. Probab. 1,
281–297.
Lloyd, S. P. (1982). Least squares quantization in PCM. IEEE Trans. Inf.
Theory 28, 129–137.
Rumelhart, D. E. & Zipser, D. (1985). Feature discovery by competitive
learning. Cognitive Science 9, 75–112.
Kiviluoto, K. (1996). Topology preservation in self-organizing maps. Proc.
IEEE Int. Conf. Neural Networks 1, 294–299.
Ultsch, A. & Siemon, H. P. (1990). Kohonen's self organizing feature maps for
exploratory data analysis. Proc. Int. Neural Network Conf., 305–308.
"""

import functools

import numpy as np

# The toy data and the map of the original page (see the module docstring).
N_SAMPLES = 300  # input points
N_BLOBS = 5  # Gaussian blobs, centred on the unit circle at angles 2πk/5
SIGMA_V = 0.1  # standard deviation of each blob, per coordinate
MAP_SIZE = 15  # the map is MAP_SIZE × MAP_SIZE units
SIGMA_W = 0.05  # standard deviation of the initial prototypes, per coordinate
ALPHA0 = 2.0  # initial learning rate of the SOM (of the whole normalised neighbourhood)
SIGMA0 = 10.0  # initial neighbourhood width, in lattice spacings
N_EPOCHS = 100  # epochs T
SEED = 1234  # the original page's seed, for numpy's generator here
# Winner-take-all runs of this course (not on the original page): 5 units, one per blob.
WTA_UNITS = 5
WTA_RATE = 0.05  # initial learning rate η₀ of WTA, decaying as η₀(1 − t/T) like the SOM's


def best_matching_unit(x, w):
    """The best-matching unit of every input: the index of the nearest prototype.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : ndarray of shape (n_samples, n_features)
        Inputs, one per row.
    w : ndarray of shape (n_units, n_features)
        Prototypes, one per row.

    Returns
    -------
    ndarray of int, shape (n_samples,)
        For each input, the index m that minimises the Euclidean distance ‖x − w_m‖; among equally
        near units, the lowest index.
    """
    ### BEGIN SOLUTION
    distances = np.sum((x[:, None, :] - w[None, :, :]) ** 2, axis=2)  # (n_samples, n_units)
    return np.argmin(distances, axis=1)
    ### END SOLUTION


def wta_update(w, x, learning_rate):
    """One epoch of online winner-take-all learning.

    The inputs are presented one at a time, in order; for each, only its best-matching unit c under
    the current prototypes learns: w_c ← w_c + η (x − w_c).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (n_units, n_features)
        Prototypes before the epoch.
    x : ndarray of shape (n_samples, n_features)
        Inputs, presented in the order of the rows.
    learning_rate : float
        η, between 0 and 1.

    Returns
    -------
    ndarray of shape (n_units, n_features)
        The prototypes after the epoch.
    """
    ### BEGIN SOLUTION
    w = np.array(w, dtype=float)  # a copy: the caller's prototypes stay as they were
    for sample in x:
        winner = np.argmin(np.sum((sample - w) ** 2, axis=1))
        w[winner] += learning_rate * (sample - w[winner])
    return w
    ### END SOLUTION


def som_neighbourhood(positions, sigma):
    """The SOM's neighbourhood matrix: a Gaussian of the lattice distance, normalised.

    H[c, m] = g[c, m] / S with g[c, m] = exp(−‖r_c − r_m‖² / (2σ²)) and S = max_c Σ_m g[c, m], the
    largest row sum of g (equal to its largest column sum, g being symmetric).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    positions : ndarray of shape (n_units, n_dims)
        Lattice positions r_m of the units, in lattice spacings.
    sigma : float
        σ, the width of the neighbourhood in lattice spacings.

    Returns
    -------
    ndarray of shape (n_units, n_units)
        H, symmetric; row c holds the learning rates of all units (before the factor α) when unit c wins.
    """
    ### BEGIN SOLUTION
    squared = np.sum((positions[:, None, :] - positions[None, :, :]) ** 2, axis=2)
    gaussian = np.exp(-squared / (2.0 * sigma**2))
    return gaussian / gaussian.sum(axis=1).max()
    ### END SOLUTION


def som_update(w, x, neighbourhood, learning_rate):
    """One epoch of online self-organising-map learning.

    The inputs are presented one at a time, in order; for each, with c its best-matching unit under the
    current prototypes, every unit learns: w_m ← w_m + α H[c, m] (x − w_m).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (n_units, n_features)
        Prototypes before the epoch.
    x : ndarray of shape (n_samples, n_features)
        Inputs, presented in the order of the rows.
    neighbourhood : ndarray of shape (n_units, n_units)
        H, as ``som_neighbourhood`` returns it.
    learning_rate : float
        α.

    Returns
    -------
    ndarray of shape (n_units, n_features)
        The prototypes after the epoch.
    """
    ### BEGIN SOLUTION
    w = np.array(w, dtype=float)
    for sample in x:
        winner = np.argmin(np.sum((sample - w) ** 2, axis=1))
        w += learning_rate * neighbourhood[winner][:, None] * (sample - w)
    return w
    ### END SOLUTION


def make_blobs(rng, n_samples=N_SAMPLES, n_blobs=N_BLOBS, sigma=SIGMA_V):
    """Gaussian blobs centred on the unit circle, in a random order.

    Blob k is centred at (cos 2πk/n_blobs, sin 2πk/n_blobs) and holds n_samples/n_blobs points.

    Returns
    -------
    x : ndarray of shape (n_samples, 2)
        The points, shuffled.
    labels : ndarray of int, shape (n_samples,)
        The blob of each point.
    """
    angles = 2 * np.pi * np.arange(n_blobs) / n_blobs
    centres = np.column_stack([np.cos(angles), np.sin(angles)])
    labels = np.repeat(np.arange(n_blobs), n_samples // n_blobs)
    x = centres[labels] + sigma * rng.standard_normal((len(labels), 2))
    order = rng.permutation(len(labels))
    return x[order], labels[order]


def lattice_positions(n_rows, n_cols):
    """Positions of the units of an n_rows × n_cols square lattice, unit m at (m // n_cols, m % n_cols).

    Returns
    -------
    ndarray of shape (n_rows * n_cols, 2)
        Row and column of every unit, in lattice spacings.
    """
    rows, cols = np.divmod(np.arange(n_rows * n_cols), n_cols)
    return np.column_stack([rows, cols]).astype(float)


def som_schedule(epoch, n_epochs=N_EPOCHS, alpha0=ALPHA0, sigma0=SIGMA0):
    """Learning rate α(t) = α₀(1 − t/T) and width σ(t) = max(σ₀(1 − t/T), 1) of epoch t = 0, …, T − 1."""
    fraction = 1.0 - epoch / n_epochs
    return alpha0 * fraction, max(sigma0 * fraction, 1.0)


def train_som(w, x, positions, n_epochs=N_EPOCHS, alpha0=ALPHA0, sigma0=SIGMA0):
    """Train a SOM for ``n_epochs`` epochs with ``som_neighbourhood`` and ``som_update``.

    Returns
    -------
    ndarray of shape (n_epochs + 1, n_units, n_features)
        The prototypes at the start and after every epoch.
    """
    history = [np.asarray(w, dtype=float)]
    for epoch in range(n_epochs):
        alpha, sigma = som_schedule(epoch, n_epochs, alpha0, sigma0)
        history.append(som_update(history[-1], x, som_neighbourhood(positions, sigma), alpha))
    return np.array(history)


def train_wta(w, x, n_epochs=N_EPOCHS, rate0=WTA_RATE):
    """Train winner-take-all units for ``n_epochs`` epochs with ``wta_update`` at η(t) = η₀(1 − t/T).

    Returns
    -------
    ndarray of shape (n_epochs + 1, n_units, n_features)
        The prototypes at the start and after every epoch.
    """
    history = [np.asarray(w, dtype=float)]
    for epoch in range(n_epochs):
        history.append(wta_update(history[-1], x, rate0 * (1.0 - epoch / n_epochs)))
    return np.array(history)


def u_matrix(w, n_rows, n_cols):
    """The U-matrix: every unit's root-mean-square prototype distance to its 4 lattice neighbours
    (2 or 3 at the map's border).

    Parameters
    ----------
    w : ndarray of shape (n_rows * n_cols, n_features)
        Prototypes of the units of ``lattice_positions(n_rows, n_cols)``.

    Returns
    -------
    ndarray of shape (n_rows, n_cols)
    """
    grid = np.asarray(w, dtype=float).reshape(n_rows, n_cols, -1)
    total, count = np.zeros((n_rows, n_cols)), np.zeros((n_rows, n_cols))
    down = np.sum((grid[1:] - grid[:-1]) ** 2, axis=2)  # squared distances between vertical neighbours
    right = np.sum((grid[:, 1:] - grid[:, :-1]) ** 2, axis=2)
    total[1:] += down
    total[:-1] += down
    total[:, 1:] += right
    total[:, :-1] += right
    count[1:] += 1
    count[:-1] += 1
    count[:, 1:] += 1
    count[:, :-1] += 1
    return np.sqrt(total / count)


def topographic_error(w, x, positions):
    """The fraction of inputs whose best and second-best units are not lattice neighbours (lattice
    distance greater than 1: the 4 nearest units on a square lattice are the neighbours).

    Returns
    -------
    float
    """
    distances = np.sum((x[:, None, :] - w[None, :, :]) ** 2, axis=2)
    first, second = np.argsort(distances, axis=1, kind="stable")[:, :2].T
    return float(np.mean(np.sum((positions[first] - positions[second]) ** 2, axis=1) > 1.0 + 1e-9))


def quantisation_error(w, x):
    """The mean distance of the inputs to their best-matching prototypes."""
    return float(np.mean(np.sqrt(np.min(np.sum((x[:, None, :] - w[None, :, :]) ** 2, axis=2), axis=1))))


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.


@functools.cache
def _toy():
    """The notebook's data and initial map: make_blobs(default_rng(SEED)), then 0.05·𝒩(0, 1) prototypes for
    the 15 × 15 map and the 5 WTA units, drawn from the same generator in that order."""
    rng = np.random.default_rng(SEED)
    x, labels = make_blobs(rng)
    w_map = SIGMA_W * rng.standard_normal((MAP_SIZE**2, 2))
    w_wta = SIGMA_W * rng.standard_normal((WTA_UNITS, 2))
    return x, labels, w_map, w_wta


@functools.cache
def _trained_map():
    x, _, w_map, _ = _toy()
    return train_som(w_map, x, lattice_positions(MAP_SIZE, MAP_SIZE))


def dead_units():
    """How many of the WTA_UNITS units, started near the centre of the ring (the notebook's ``w_wta``,
    0.05·𝒩(0, 1)) and trained with ``train_wta`` for N_EPOCHS epochs, win no input at the end."""
    x, _, _, w_wta = _toy()
    w = train_wta(w_wta, x)[-1]
    return WTA_UNITS - len(np.unique(best_matching_unit(x, w)))


def map_topographic_error():
    """The topographic error of the trained 15 × 15 map (the notebook's ``train_som`` run) on the 300 inputs."""
    x, *_ = _toy()
    return topographic_error(_trained_map()[-1], x, lattice_positions(MAP_SIZE, MAP_SIZE))
