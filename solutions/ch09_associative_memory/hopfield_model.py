"""The Amari–Hopfield model of associative memory (section 9.2, Amari-Hopfield モデル).

N binary units s_i = ±1 are coupled by symmetric weights W (W_ij = W_ji,
W_ii = 0). Unit i's local field is h_i = Σ_j W_ij s_j, and an update sets
s_i = sgn(h_i) (keeping s_i where h_i = 0). The Hebbian rule

    W = (1/N) Σ_μ ξ^μ ξ^μᵀ,  W_ii = 0,

stores P patterns ξ^μ ∈ {±1}^N as fixed points (Amari 1972; Hopfield 1982,
eq. 2; Hertz, Krogh & Palmer 1991, section 2.2). The energy (Hopfield 1982, eq. 7;
thresholds 0)

    E(s) = −½ Σ_ij W_ij s_i s_j

never rises under asynchronous updates (one unit at a time): flipping unit i
changes it by ΔE = −(s_i_new − s_i_old) h_i ≤ 0. Synchronous updates (all units
at once from the old state) lack that guarantee and can end in a 2-cycle.

Starting at a stored pattern, the field of a unit is h_i ξ_i = (N − 1)/N + C,
with a crosstalk C from the other patterns of variance ≈ α = P/N; the
probability that one synchronous step flips a bit is ≈ ½ erfc(1/√(2α))
(Hertz et al. 1991, section 2.2; exactly, C is a sum of (P − 1)(N − 1) random
±1/N). Errors feed back, and retrieval collapses above a critical load
α_c ≈ 0.138 (Amit, Gutfreund & Sompolinsky 1985). A state made of three
patterns, sgn(ξ¹ + ξ² + ξ³), is a spurious fixed point (a mixture state) at
low load (Amit et al. 1985).

The original page (「Amari-Hopfield モデル」,
https://compneuro-julia.github.io/energy-based-model/hopfield-model.html; repository
compneuro-julia/compneuro-julia-management, contents/energy-based-model/hopfield-model.ipynb) stores five test images
(cameraman, jetplane, house, mandril, lake) at 64 × 64 = 4096 units, binarised
at their mean, with mean-subtracted patterns and W = XᵀX/P, thresholds drawn
from 𝒩(0, 0.01²), and recalls 30 %-corrupted copies with synchronous updates
(≤ 100 iterations, until the energy changes by less than 1e-3). Here: five
64 × 64 crops of the two photographs bundled with scikit-learn, binarised at
their median (so every pattern has zero mean and the mean subtraction is
moot), the 1/N of the Hebb rule (the scale does not change the dynamics
without thresholds), thresholds 0 (no ties can occur with an odd number of
patterns), and a unit whose field is 0 keeps its state (the original's draft
code uses sign(0) = 0, which leaves a unit at 0, neither +1 nor −1).

References
----------
Amari, S. (1972). Learning patterns and pattern sequences by self-organizing
nets of threshold elements. IEEE Trans. Comput. C-21, 1197–1206.
Hopfield, J. J. (1982). Neural networks and physical systems with emergent
collective computational abilities. PNAS 79, 2554–2558.
Amit, D. J., Gutfreund, H. & Sompolinsky, H. (1985). Storing infinite numbers
of patterns in a spin-glass model of neural networks. Phys. Rev. Lett. 55,
1530–1533; Spin-glass models of neural networks. Phys. Rev. A 32, 1007–1018.
Hertz, J., Krogh, A. & Palmer, R. G. (1991). Introduction to the Theory of
Neural Computation, ch. 2. Addison-Wesley.
"""

import numpy as np

from solutions.ch11_bayesian_brain.sparse_coding import photographs  # noqa: F401 (a given function of the notebook)

# Images (the original: five 512 × 512 test images reduced 8-fold to 64 × 64).
IMAGE_SIDE = 64  # pixels on a side of a pattern: 4096 units
IMAGE_CROPS = ((0, 40, 60, 256), (0, 171, 384, 256), (1, 80, 170, 256), (1, 150, 250, 128),
               (0, 60, 150, 128))  # (photograph, top row, left column, side) of each square crop, pixels
FLIP_FRACTION = 0.3  # share of the pixels flipped in a corrupted image (the original's 30 %)
MAX_STEPS = 100  # synchronous steps of a recall at most (the original's limit)
SEED_IMAGES = 1  # seed of the corruptions

# Energy under the two schedules (Figure 4): a random network above capacity.
N_DEMO, P_DEMO = 128, 38  # units and patterns (load 0.3)
N_SWEEPS_DEMO = 10  # sweeps (N_DEMO updates each, or one synchronous step each)
SEED_DEMO = 15  # a seed whose synchronous run ends in a 2-cycle

# Capacity (Figure 5): random patterns at the loads α = P/N.
N_CAPACITY = 512  # units
LOADS = np.round(np.arange(0.05, 0.2501, 0.01), 2)  # the loads α = P/N of the scan
N_STARTS = 20  # stored patterns from which each network is started (the first N_STARTS)
N_STEPS_CAPACITY = 20  # synchronous steps before the overlap is read
RETRIEVED = 0.95  # mean overlap below which retrieval counts as lost (Amit et al. 1985: 0.967 at α_c)
SEED_CAPACITY = 1

# A mixture state (the second discovery question): sgn(ξ¹ + ξ² + ξ³) at low load.
N_MIXTURE, P_MIXTURE = 1024, 10  # units and patterns (load 0.01)
MAX_SWEEPS = 20  # asynchronous sweeps at most before a fixed point
SEED_MIXTURE = 7


def image_patterns():
    """The five stored images: square crops of the two photographs bundled with scikit-learn, grey, averaged
    over blocks to IMAGE_SIDE × IMAGE_SIDE pixels and binarised at their median.

    Returns
    -------
    ndarray of shape (5, IMAGE_SIDE**2)
        One pattern of ±1 per row (row-major pixels, +1 bright), half of each pattern +1.
    """
    grey = [image.astype(float).mean(axis=2) for image in photographs()]
    patterns = []
    for photograph, top, left, side in IMAGE_CROPS:
        block = side // IMAGE_SIDE
        crop = grey[photograph][top:top + side, left:left + side]
        small = crop.reshape(IMAGE_SIDE, block, IMAGE_SIDE, block).mean(axis=(1, 3))
        patterns.append(np.where(small > np.median(small), 1.0, -1.0).ravel())
    return np.array(patterns)


def random_patterns(rng, n_patterns, n_units):
    """Independent random patterns, every unit +1 or −1 with probability ½: an array (n_patterns, n_units)."""
    return np.where(rng.random((n_patterns, n_units)) < 0.5, -1.0, 1.0)


def hopfield_weights(patterns):
    """The Hebbian weights that store the patterns: W = (1/N) Σ_μ ξ^μ ξ^μᵀ with a zero diagonal.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    patterns : ndarray of shape (P, N)
        The P patterns ξ^μ to store, one per row, entries ±1.

    Returns
    -------
    ndarray of shape (N, N)
        W[i, j] = (1/N) Σ_μ ξ^μ_i ξ^μ_j for i ≠ j, and W[i, i] = 0: symmetric.
    """
    ### BEGIN SOLUTION
    patterns = np.asarray(patterns, dtype=float)
    weights = patterns.T @ (patterns / patterns.shape[1])  # one N × N array (134 MB for 4096 units), not two
    np.fill_diagonal(weights, 0.0)  # no self-coupling
    return weights
    ### END SOLUTION


def hopfield_update(states, weights, order=None):
    """One update of a Hopfield network, synchronous or asynchronous.

    Unit i's local field is h_i = Σ_j W[i, j] s_j; the unit becomes +1 if h_i > 0, −1 if h_i < 0, and keeps its
    state if h_i = 0. Without ``order`` the update is synchronous: every unit at once, all fields computed from
    the old states. With ``order`` it is asynchronous: the units ``order[0]``, ``order[1]``, … are updated one
    after the other, each from the current states (which include the units updated before it).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    states : ndarray of shape (N,) or (k, N)
        States ±1 of the N units; with two dimensions, k independent copies of the network, one per row
        (every copy updated in the same order).
    weights : ndarray of shape (N, N)
        W[i, j], the weight from unit j to unit i.
    order : ndarray of int, optional
        The units to update, in this order (for example ``rng.permutation(N)`` for one sweep); a unit may
        appear more than once. None for a synchronous update.

    Returns
    -------
    ndarray
        The new states ±1, of the shape of ``states``.
    """
    ### BEGIN SOLUTION
    states = np.array(states, dtype=float)  # a copy: the caller's states stay unchanged
    if order is None:
        fields = states @ weights.T
        return np.where(fields != 0, np.sign(fields), states)  # a zero field keeps the state
    for i in order:
        field = states @ weights[i]
        states[..., i] = np.where(field != 0, np.sign(field), states[..., i])
    return states
    ### END SOLUTION


def hopfield_energy(states, weights):
    """The energy E(s) = −½ Σ_ij W[i, j] s_i s_j of network states (thresholds 0).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    states : ndarray of shape (N,) or (k, N)
        States ±1; with two dimensions, one state per row.
    weights : ndarray of shape (N, N)
        Symmetric weights with a zero diagonal.

    Returns
    -------
    float or ndarray of shape (k,)
        The energy of the state, or of every row.
    """
    ### BEGIN SOLUTION
    states = np.asarray(states, dtype=float)
    return -0.5 * np.sum((states @ weights.T) * states, axis=-1)
    ### END SOLUTION


def recall(states, weights, max_steps=MAX_STEPS):
    """Synchronous updates until no state changes (or ``max_steps`` steps): the final states and the number of
    steps taken."""
    for step in range(max_steps):
        new = hopfield_update(states, weights)
        if np.array_equal(new, states):
            return new, step
        states = new
    return states, max_steps


def retrieval_curve(rng, n_units=N_CAPACITY, loads=LOADS, n_starts=N_STARTS, n_steps=N_STEPS_CAPACITY):
    """One-step error rate and overlap after ``n_steps`` synchronous steps, against the load α = P/N.

    For every load, P = round(α N) random patterns are stored. The one-step error rate is the share of the
    bits of all P patterns that one synchronous step flips; the overlap is m = ξ·s/N between each of the first
    ``n_starts`` patterns and the state reached from it after ``n_steps`` synchronous steps (fewer if all states
    stop changing), averaged over them.

    Returns
    -------
    errors, overlaps : ndarray of shape (len(loads),)
    """
    errors, overlaps = [], []
    for load in loads:
        patterns = random_patterns(rng, round(load * n_units), n_units)
        weights = hopfield_weights(patterns)
        errors.append(np.mean(hopfield_update(patterns, weights) != patterns))
        starts = patterns[:n_starts]
        states = starts
        for _ in range(n_steps):
            new = hopfield_update(states, weights)
            if np.array_equal(new, states):  # all at fixed points: further steps change nothing
                break
            states = new
        overlaps.append(np.mean(np.sum(states * starts, axis=1)) / n_units)
    return np.array(errors), np.array(overlaps)


# Discovery answers: what a student finds with the functions above. tests/test_checks.py holds the checks'
# expected values to these.


def critical_load():
    """The smallest load α of LOADS at which the mean overlap after N_STEPS_CAPACITY synchronous steps from the
    stored patterns (retrieval_curve with the seed SEED_CAPACITY) falls below RETRIEVED."""
    _, overlaps = retrieval_curve(np.random.default_rng(SEED_CAPACITY))
    return float(LOADS[np.argmax(overlaps < RETRIEVED)])


def mixture_overlap(seed=SEED_MIXTURE):
    """Store P_MIXTURE random patterns of N_MIXTURE units (random_patterns with the seed), start at
    sgn(ξ¹ + ξ² + ξ³), run asynchronous sweeps (each in the order rng.permutation(N_MIXTURE)) until a sweep
    changes nothing: the mean overlap ξ^μ·s/N of the fixed point with the three patterns."""
    rng = np.random.default_rng(seed)
    patterns = random_patterns(rng, P_MIXTURE, N_MIXTURE)
    weights = hopfield_weights(patterns)
    state = np.sign(patterns[:3].sum(axis=0))
    for _ in range(MAX_SWEEPS):
        new = hopfield_update(state, weights, rng.permutation(N_MIXTURE))
        if np.array_equal(new, state):
            break
        state = new
    return float(np.mean(patterns[:3] @ state) / N_MIXTURE)
