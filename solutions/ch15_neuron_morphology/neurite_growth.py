"""Neurite growth: the Van Pelt (BES) model and Sholl analysis (chapter 15, 神経細胞の形態と数理モデル).

A neurite is a tree of straight segments. Each segment has a parent (the segment it grows from, or the soma at the
origin), a start and an end point, a heading, a centrifugal order γ (the number of branch points between it and the
soma) and a flag saying whether it is a terminal segment, whose tip is a growth cone. In a step [t − Δt, t] every
growth cone j either branches, with probability

    p_j = n^(−E) · B∞ e^(−t/τ) (e^(Δt/τ) − 1) · 2^(−S γ_j) / C_n,    C_n = (1/n) Σ_k 2^(−S γ_k),

(n terminal segments; Van Pelt & Uylings 2002; Koene et al. 2009), giving two daughters of order
γ_j + 1 whose headings deviate by U(0, β) to either side, or elongates by ΔL = ν Δt and with probability
1 − e^(−r_L ΔL) turns, starting a new segment of the same order whose heading deviates by U(−α, α). The baseline
term is the integral of the rate (B∞/τ) e^(−t'/τ) over the step, so its sum over the steps of [0, T] telescopes to
B∞(1 − e^(−T/τ)) whatever Δt; Σ_j 2^(−Sγ_j)/C_n = n, so S moves branching between orders without changing the total
n^(1−E) B∞ e^(−t/τ)(e^(Δt/τ) − 1). In the mean-field limit dn/dt = n^(1−E) (B∞/τ) e^(−t/τ), so
n(t) = [n₀^E + E B∞ (1 − e^(−t/τ))]^(1/E) (separation of variables).

The axon parameters (B∞, E, S, τ, elongation speed, turning rate, angles) are those of the original page, taken
from Koene et al. (2009) and van Ooyen et al. (2014). Three changes to the original, each argued where it is made:
the elongation speed is drawn from a gamma distribution with the original's mean and standard deviation (the
original's normal distribution, whose SD exceeds its mean, gives negative speeds 30 % of the time, and its segments
then grow backwards); a growth cone turns with probability 1 − e^(−r_L ΔL) (the original's r_L ΔL is its first
order, and not a probability once r_L ΔL > 1); and the 18 days are simulated in 1-h steps instead of 200-s steps.

Sholl (1953) counted the intersections of a dendritic tree with concentric circles around the soma; here a
segment crosses the circle of radius r when exactly one of its two ends lies inside it (as in NeuroM's
``sholl_crossings``), which counts the intersections exactly when the distance from the soma changes monotonically
along every segment.

Lengths are in µm, times in s, angles in radians.

Original: 「神経突起の成長モデル」, https://compneuro-julia.github.io/neuron-model/neurite-growth-model.html
(repository compneuro-julia/compneuro-julia-management, contents/neuron-model/neurite-growth-model.ipynb).

References
----------
Van Pelt, J. & Uylings, H. B. M. (2002). Branching rates and growth functions in the outgrowth of dendritic
branching patterns. Network: Comput. Neural Syst. 13, 261–281.
Koene, R. A., Tijms, B., van Hees, P., Postma, F., de Ridder, A., Ramakers, G. J. A., van Pelt, J. & van Ooyen, A.
(2009). NETMORPH: a framework for the stochastic generation of large scale neuronal networks with realistic
neuron morphologies. Neuroinformatics 7, 195–210.
van Ooyen, A., Carnell, A., de Ridder, S., Tarigan, B., Mansvelder, H. D., Bijlsma, F., de Kock, C. P. J. &
van Pelt, J. (2014). Independently outgrowing neurons and geometry-based synapse formation produce networks with
realistic synaptic connectivity. PLoS ONE 9, e85858.
Sholl, D. A. (1953). Dendritic organization in the neurons of the visual and motor cortices of the cat.
J. Anat. 87, 387–406.
Cuntz, H., Forstner, F., Borst, A. & Häusser, M. (2010). One rule to grow them all: a general theory of neuronal
branching and its practical application. PLoS Comput. Biol. 6, e1000877.
"""

import numpy as np

# Branching (BES model), axon parameters of the original (Koene et al. 2009; van Ooyen et al. 2014).
B_INF = 13.2  # B∞: asymptotic expected number of branchings of one terminal segment (for E = 0), dimensionless
E_COMPETITION = 0.319  # E: competition exponent of n^(−E), dimensionless
S_ORDER = -0.205  # S: order exponent of 2^(−Sγ) (S < 0: distal terminals branch more), dimensionless
TAU_BRANCH = 1_681_541.0  # τ: decay time of the baseline branching rate, s (19.5 days)

# Elongation and turning (the original, after van Ooyen et al. 2014 and Koene et al. 2009).
SPEED_MEAN = 2.14e-4  # mean elongation speed of a growth cone, µm/s
SPEED_SD = 3.98e-4  # standard deviation of the elongation speed, µm/s
TURN_RATE = 3.0  # r_L: turning events per µm of elongation, 1/µm
MAX_BRANCH_ANGLE = 0.25 * np.pi  # β: daughters deviate from the parent's heading by U(0, β) to either side, rad
MAX_TURN_ANGLE = 0.01 * np.pi  # α: a turning growth cone's heading changes by U(−α, α), rad

# Simulation.
DAY = 86_400.0  # s
T_GROWTH = 18 * DAY  # duration of growth, s (the original's 18 days)
DT_ORIGINAL = 200.0  # the original's time step, s
DT = 3_600.0  # the time step used here, s (1 h: 432 steps instead of the original's 7776)
N_NEURITES = 2  # neurites leaving the soma at t = 0 (the original's two)

# The original's example tree, corrected (see the notebook): segment i grows from TOY_PARENT[i] (−1: the soma at the
# origin), with length TOY_LENGTH[i] and heading TOY_ANGLE[i] measured from the x-axis.
TOY_PARENT = np.array([-1, 0, 0, 1, 1, 2, 2, 6, 7, 7])
TOY_LENGTH = np.array([1.0, np.sqrt(2), np.sqrt(2)] + [np.sqrt(2) / 2] * 7)  # arbitrary units
TOY_ANGLE = np.pi / 4 * np.array([2, 3, 1, 3, 1, 3, 1, 1, 3, 1])  # rad
TOY_ORDER = np.array([0, 1, 1, 2, 2, 2, 2, 2, 3, 3])  # centrifugal orders
TOY_TERMINAL = np.array([False, False, False, True, True, True, False, False, True, True])


def segment_endpoints(parent, length, angle):
    """Start and end points of the segments of a tree given as polar vectors.

    Segment i starts where its parent ends (at the soma, the origin, when ``parent[i] == -1``) and ends at
    start + length · (cos angle, sin angle). Parents come before their children (``parent[i] < i``).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    parent : ndarray of int, shape (n,)
        Index of the segment each segment grows from, −1 for a segment leaving the soma.
    length : ndarray of shape (n,)
        Segment lengths, µm (≥ 0).
    angle : ndarray of shape (n,)
        Segment headings, rad, measured counterclockwise from the x-axis (not from the parent's heading).

    Returns
    -------
    start, end : ndarray of shape (n, 2)
        The (x, y) coordinates of both ends of every segment, µm.
    """
    ### BEGIN SOLUTION
    vector = np.asarray(length, dtype=float)[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    end = np.zeros((len(vector), 2))
    for i, p in enumerate(parent):  # parents first: end[p] is final when segment i is reached
        end[i] = (end[p] if p >= 0 else 0.0) + vector[i]
    start = np.where(np.asarray(parent)[:, None] >= 0, end[parent], 0.0)
    return start, end
    ### END SOLUTION


def branching_probabilities(order, t, dt, b_inf=B_INF, e=E_COMPETITION, s=S_ORDER, tau=TAU_BRANCH):
    """The probability that each terminal segment of a tree branches during the step [t − dt, t].

    p_j = n^(−E) · B∞ e^(−t/τ)(e^(Δt/τ) − 1) · 2^(−S γ_j)/C_n with C_n = (1/n) Σ_k 2^(−S γ_k), n the number of
    terminal segments (Van Pelt & Uylings 2002).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    order : ndarray of shape (n,)
        Centrifugal orders γ of all n ≥ 1 terminal segments of one tree.
    t : float
        Time at the END of the step, s.
    dt : float
        Step, s.
    b_inf, e, s, tau : float
        B∞, E, S and τ (s).

    Returns
    -------
    ndarray of shape (n,)
        The branching probability of every terminal segment in this step.
    """
    ### BEGIN SOLUTION
    weight = 2.0 ** (-s * np.asarray(order, dtype=float))  # 2^(−Sγ_j)
    baseline = b_inf * np.exp(-t / tau) * np.expm1(dt / tau)  # ∫ (B∞/τ) e^(−t'/τ) dt' over [t − dt, t]
    return weight.size ** (-e) * baseline * weight / weight.mean()
    ### END SOLUTION


def initial_tree(n_neurites=N_NEURITES):
    """A soma at the origin with ``n_neurites`` terminal segments of length 0, headings evenly spread over 2π.

    Returns
    -------
    dict
        The tree: ``parent`` (int, −1 for all), ``start`` and ``end`` (zeros, shape (n, 2), µm), ``angle``
        (2πk/n, rad), ``order`` (int, 0) and ``terminal`` (bool, True).
    """
    return {"parent": np.full(n_neurites, -1), "start": np.zeros((n_neurites, 2)), "end": np.zeros((n_neurites, 2)),
            "angle": 2 * np.pi * np.arange(n_neurites) / n_neurites, "order": np.zeros(n_neurites, dtype=int),
            "terminal": np.ones(n_neurites, dtype=bool)}


def grow_step(tree, t, dt, rng, b_inf=B_INF, e=E_COMPETITION, s=S_ORDER, tau=TAU_BRANCH, speed_mean=SPEED_MEAN,
              speed_sd=SPEED_SD, turn_rate=TURN_RATE, max_branch_angle=MAX_BRANCH_ANGLE,
              max_turn_angle=MAX_TURN_ANGLE):
    """One step [t − dt, t] of the Van Pelt growth model, for all growth cones at once.

    Every terminal segment j (a growth cone, heading θ_j, order γ_j), independently:

    - with the probability p_j of ``branching_probabilities`` it **branches**: it stops being terminal, and two
      terminal daughters of order γ_j + 1 start at its end, the left one with heading θ_j + U(0, β) and the right
      one with θ_j − U(0, β), each of length ν dt with its own speed ν;
    - otherwise it **elongates** by ΔL = ν dt, and with probability 1 − exp(−r_L ΔL) it **turns**: it stops being
      terminal and a new terminal segment of order γ_j, heading θ_j + U(−α, α) and length ΔL starts at its end;
      if it does not turn, its end moves ΔL along θ_j.

    Every speed ν is a new draw from the gamma distribution with mean ``speed_mean`` and standard deviation
    ``speed_sd`` (shape (mean/sd)², scale sd²/mean), so ΔL ≥ 0. The old segments keep their index and
    everything but the ends of elongating tips and the terminal flags; the new segments are appended in the order
    of the segments they grow from (the order a loop over the terminal segments by increasing index appends
    them), the left daughter before the right one.

    The input arrays must stay unchanged (no in-place updates).
    Every random number is drawn from ``rng``, none from ``np.random``.

    Parameters
    ----------
    tree : dict of ndarray
        ``parent`` (int, shape (m,), −1 for segments leaving the soma), ``start`` and ``end`` (shape (m, 2), µm),
        ``angle`` (heading, rad, shape (m,)), ``order`` (int, shape (m,)) and ``terminal`` (bool, shape (m,)).
    t : float
        Time at the end of the step, s.
    dt : float
        Step, s.
    rng : numpy.random.Generator
        The source of randomness.
    b_inf, e, s, tau : float
        Branching parameters B∞, E, S, τ (s), as in ``branching_probabilities``.
    speed_mean, speed_sd : float
        Mean and standard deviation (> 0) of the elongation speed, µm/s.
    turn_rate : float
        r_L, turning events per µm of elongation.
    max_branch_angle, max_turn_angle : float
        β and α, rad.

    Returns
    -------
    dict of ndarray
        The tree after the step, with the same six arrays, each of length m + (number of new segments).
    """
    ### BEGIN SOLUTION
    tips = np.flatnonzero(tree["terminal"])
    heading = tree["angle"][tips]
    branches = rng.random(tips.size) < branching_probabilities(tree["order"][tips], t, dt, b_inf, e, s, tau)
    shape, scale = (speed_mean / speed_sd) ** 2, speed_sd**2 / speed_mean
    steps = rng.gamma(shape, scale, (tips.size, 2)) * dt  # µm: column 0 for the tip (or left daughter), 1 for right
    turns = ~branches & (rng.random(tips.size) < -np.expm1(-turn_rate * steps[:, 0]))
    grows = ~branches & ~turns

    source = np.repeat(np.arange(tips.size), np.where(branches, 2, turns))  # the tip of every new segment
    right = np.r_[False, source[1:] == source[:-1]]  # the second daughter of its tip
    daughter = branches[source]
    uniform = rng.random(source.size)
    deviation = np.where(daughter, np.where(right, -1, 1) * max_branch_angle * uniform,
                         max_turn_angle * (2 * uniform - 1))
    new_angle = heading[source] + deviation
    new_start = tree["end"][tips[source]]
    new_end = new_start + steps[source, right.astype(int)][:, None] * np.column_stack([np.cos(new_angle),
                                                                                      np.sin(new_angle)])
    end = tree["end"].copy()
    end[tips[grows]] += steps[grows, 0][:, None] * np.column_stack([np.cos(heading[grows]), np.sin(heading[grows])])
    terminal = tree["terminal"].copy()
    terminal[tips[~grows]] = False
    return {"parent": np.concatenate([tree["parent"], tips[source]]),
            "start": np.concatenate([tree["start"], new_start]),
            "end": np.concatenate([end, new_end]),
            "angle": np.concatenate([tree["angle"], new_angle]),
            "order": np.concatenate([tree["order"], tree["order"][tips[source]] + daughter]),
            "terminal": np.concatenate([terminal, np.ones(source.size, dtype=bool)])}
    ### END SOLUTION


def grow_tree(n_steps, dt, rng, snapshot_steps=(), n_neurites=N_NEURITES, **parameters):
    """Grow a tree from ``initial_tree(n_neurites)`` with ``n_steps`` steps of ``grow_step``.

    Step i covers [(i − 1) dt, i dt]. Extra keyword arguments go to ``grow_step``.

    Returns
    -------
    tree : dict of ndarray
        The tree after the last step.
    snapshots : list of dict
        The trees after the steps listed in ``snapshot_steps``.
    n_terminals : ndarray of int, shape (n_steps + 1,)
        The number of terminal segments at t = 0, dt, …, n_steps · dt.
    """
    tree = initial_tree(n_neurites)
    snapshots, n_terminals = [], [n_neurites]
    for i in range(1, n_steps + 1):
        tree = grow_step(tree, i * dt, dt, rng, **parameters)
        n_terminals.append(np.count_nonzero(tree["terminal"]))
        if i in snapshot_steps:
            snapshots.append(tree)
    return tree, snapshots, np.array(n_terminals)


def mean_field_terminals(t, n0=N_NEURITES, b_inf=B_INF, e=E_COMPETITION, tau=TAU_BRANCH):
    """The mean-field number of terminal segments n(t) = [n₀^E + E B∞ (1 − e^(−t/τ))]^(1/E), for t in s."""
    return (n0**e + e * b_inf * -np.expm1(-np.asarray(t, dtype=float) / tau)) ** (1 / e)


def total_length(tree):
    """The total length of a tree: the sum of the lengths of its segments.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    tree : dict of ndarray
        A tree as ``grow_step`` returns it; only ``start`` and ``end`` (shape (m, 2), µm) are used.

    Returns
    -------
    float
        Σ_i |end_i − start_i|, µm.
    """
    ### BEGIN SOLUTION
    return float(np.sum(np.linalg.norm(tree["end"] - tree["start"], axis=1)))
    ### END SOLUTION


def sholl_profile(tree, radii):
    """The Sholl profile of a tree: how many segments cross each circle around the soma (the origin).

    A segment crosses the circle of radius r when exactly one of its two ends lies inside it (at a distance
    < r from the origin).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    tree : dict of ndarray
        A tree as ``grow_step`` returns it; only ``start`` and ``end`` (shape (m, 2), µm) are used.
    radii : ndarray of shape (k,)
        Radii of the circles, µm (> 0).

    Returns
    -------
    ndarray of int, shape (k,)
        The number of crossing segments for every radius.
    """
    ### BEGIN SOLUTION
    radii = np.asarray(radii, dtype=float)[:, None]
    start_inside = np.linalg.norm(tree["start"], axis=1) < radii  # (k, m)
    end_inside = np.linalg.norm(tree["end"], axis=1) < radii
    return np.count_nonzero(start_inside != end_inside, axis=1)
    ### END SOLUTION


# Discovery answer: what a student finds with the functions above; tests/test_checks.py holds the check's
# expected value to it.
def summed_branching_probability():
    """The sum of the branching probabilities of the only terminal segment of a tree (n = 1, order 0) over the
    18 days of T_GROWTH in steps of one day (the steps [(i − 1) DAY, i DAY], i = 1, …, 18)."""
    n_steps = round(T_GROWTH / DAY)
    return float(sum(branching_probabilities(np.zeros(1), i * DAY, DAY)[0] for i in range(1, n_steps + 1)))
