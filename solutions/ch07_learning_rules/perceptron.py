"""The perceptron and the credit-assignment problem (section 7.1, 学習則と貢献度分配問題).

A threshold unit with weights w and bias b answers

    ŷ = sign(w·x + b) ∈ {−1, +1},  with sign(0) = +1,

and Rosenblatt's (1958) perceptron rule corrects it only when it errs: on an
example (x, y) with ŷ ≠ y,

    w ← w + η y x,   b ← b + η y,

and nothing changes when ŷ = y. The change of synapse j needs only its input
x_j and a teacher's signal y at the unit: the rule is local. That is possible
because the unit is an output with a known target; a hidden unit has none, and
how much it is to blame for an output error is the credit-assignment problem
(Minsky & Papert 1969; Rumelhart, Hinton & Williams 1986; Lillicrap et al.
2020), which the rest of chapter 7 takes up.

Convergence theorem (Block 1962; Novikoff 1962). Write z = (x, 1) for the
input with a constant 1 for the bias, so that w·x + b = (w, b)·z. If a unit
vector u = (w*, b*)/‖(w*, b*)‖ classifies every example with margin
γ = min_i y_i u·z_i > 0, and R = max_i ‖z_i‖, then the perceptron started from
w = 0, b = 0 makes at most (R/γ)² updates, whatever the order of the examples.
From zero, η only scales (w, b), so the predictions and the number of updates
do not depend on it. On data that no line separates there is no such bound.

The original page's version (see ``batch_perceptron``) labels the classes 0
and 1, uses the step function 1(w·x + b > 0), starts from random weights and
takes batch steps W += (lr/N) eᵀX with e = y − ŷ ∈ {−1, 0, 1}: the sum of the
online updates over the misclassified examples at fixed weights, scaled by
lr/N. Its toy data are two Gaussian clouds N(0, I) and N(3·1, I) of 200 points
each: their means lie 3√2 ≈ 4.2 standard deviations apart, so the clouds
overlap and no line separates a sample of 400 points.

References
----------
Rosenblatt, F. (1958). The perceptron: a probabilistic model for information
storage and organization in the brain. Psychological Review 65, 386–408.
Block, H. D. (1962). The perceptron: a model for brain functioning. I. Reviews
of Modern Physics 34, 123–135.
Novikoff, A. B. J. (1962). On convergence proofs for perceptrons. Proceedings
of the Symposium on the Mathematical Theory of Automata 12, 615–622.
Minsky, M. & Papert, S. (1969). Perceptrons. MIT Press.
Block, H. D. & Levin, S. A. (1970). On the boundedness of an iterative
procedure for solving a system of linear inequalities. Proceedings of the
American Mathematical Society 26, 229–235.
Rumelhart, D. E., Hinton, G. E. & Williams, R. J. (1986). Learning
representations by back-propagating errors. Nature 323, 533–536.
Lillicrap, T. P., Santoro, A., Marris, L., Akerman, C. J. & Hinton, G. (2020).
Backpropagation and the brain. Nature Reviews Neuroscience 21, 335–346.
"""

import functools

import numpy as np

ETA = 1.0  # learning rate of the online rule (dimensionless); from w = 0, b = 0 it only scales w and b
N_EPOCHS = 100  # passes through the data: the original page's 100 iterations
# The original page's toy data and batch rule (local-learning-rule/logistic-regression-perceptron):
N_TOY = 400  # points, half of each class
TOY_SHIFT = 3.0  # the second class is N(3·1, I), the first N(0, I)
TOY_SEED = 1234  # the original's Random.seed!(1234), here for numpy's generator (so other points)
BATCH_LR = 0.1  # the original's learning rate, divided by N in every batch step
# A linearly separable set with a known margin (this notebook's addition, to test the convergence theorem):
SEPARABLE_N = 200  # points, uniform in the square [−1, 1]²
MARGIN = 0.05  # no point lies closer than this to the planted line (distance in input units)
SEPARABLE_SEED = 6
TOY_ORDER_SEED = 0  # the generator that draws the order of the examples in every epoch on the toy


def perceptron_predict(w, b, x):
    """Output of the perceptron, sign(w·x + b), with sign(0) = +1.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (n_features,)
        Synaptic weights.
    b : float
        Bias, added to the weighted sum (a threshold of −b).
    x : ndarray of shape (n_samples, n_features) or (n_features,)
        Inputs, one example per row, or a single example.

    Returns
    -------
    ndarray of int, shape (n_samples,), or int for a single example
        +1 where w·x + b ≥ 0, −1 where w·x + b < 0.
    """
    ### BEGIN SOLUTION
    return np.where(np.asarray(x, dtype=float) @ np.asarray(w, dtype=float) + b >= 0, 1, -1)
    ### END SOLUTION


def perceptron_update(w, b, x, y, eta=ETA):
    """One online step of the perceptron rule on one example.

    If the perceptron's output for ``x`` differs from the label ``y``, the
    weights move by η y x and the bias by η y; otherwise nothing changes.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (n_features,)
        Weights before the step; not modified.
    b : float
        Bias before the step.
    x : ndarray of shape (n_features,)
        One input.
    y : int
        Its label, −1 or +1.
    eta : float
        Learning rate η > 0.

    Returns
    -------
    w : ndarray of shape (n_features,)
        Weights after the step (a new array).
    b : float
        Bias after the step.
    mistake : bool
        Whether the example was misclassified (and the weights updated).
    """
    ### BEGIN SOLUTION
    mistake = bool(perceptron_predict(w, b, x) != y)
    if mistake:
        return np.asarray(w, dtype=float) + eta * y * np.asarray(x, dtype=float), float(b + eta * y), True
    return np.array(w, dtype=float), float(b), False
    ### END SOLUTION


def train_perceptron(x, y, n_epochs, eta=ETA, rng=None):
    """Train a perceptron from w = 0, b = 0 with the online rule, epoch by epoch.

    Every epoch visits each example once and applies ``perceptron_update`` to
    it: in the given order if ``rng`` is None, else in the order
    ``rng.permutation(n_samples)``, drawn afresh at the start of every epoch.
    Once an epoch passes without a mistake the weights can no longer change:
    the remaining epochs have 0 mistakes, and you may stop there.

    The input arrays must stay unchanged (no in-place updates).
    Every random number is drawn from ``rng``, none from ``np.random``.

    Parameters
    ----------
    x : ndarray of shape (n_samples, n_features)
        Inputs, one example per row.
    y : ndarray of shape (n_samples,)
        Labels, −1 or +1.
    n_epochs : int
        Number of passes through the data.
    eta : float
        Learning rate η.
    rng : numpy.random.Generator or None
        Draws the order of every epoch; None keeps the given order.

    Returns
    -------
    w : ndarray of shape (n_features,)
        Weights after training.
    b : float
        Bias after training.
    mistakes : ndarray of int, shape (n_epochs,)
        The number of updates (mistakes) in each epoch.
    """
    ### BEGIN SOLUTION
    x, y = np.asarray(x, dtype=float), np.asarray(y)
    w, b = np.zeros(x.shape[1]), 0.0
    mistakes = np.zeros(n_epochs, dtype=int)
    for epoch in range(n_epochs):
        order = np.arange(len(x)) if rng is None else rng.permutation(len(x))
        for i in order:
            w, b, mistake = perceptron_update(w, b, x[i], y[i], eta)
            mistakes[epoch] += mistake
        if mistakes[epoch] == 0:
            break
    return w, b, mistakes
    ### END SOLUTION


def novikoff_bound(x, y, w, b):
    """Novikoff's bound (R/γ)² on the number of perceptron updates, for a separating line (w, b).

    With z = (x, 1), the input with a constant 1 for the bias, R = max ‖z‖
    over the examples and γ = min y (w·x + b)/‖(w, b)‖, the margin of the
    examples from the line measured in the space of z. If (w, b) does not
    separate the data (γ ≤ 0) the theorem gives no bound: return inf.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : ndarray of shape (n_samples, n_features)
        Inputs, one example per row.
    y : ndarray of shape (n_samples,)
        Labels, −1 or +1.
    w : ndarray of shape (n_features,)
        Weights of a line, of any length.
    b : float
        Its bias.

    Returns
    -------
    float
        (R/γ)², or inf if γ ≤ 0.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    z = np.column_stack([x, np.ones(len(x))])
    u = np.append(np.asarray(w, dtype=float), b)
    gamma = np.min(np.asarray(y) * (z @ u)) / np.linalg.norm(u)
    if gamma <= 0:
        return np.inf
    radius = np.max(np.linalg.norm(z, axis=1))
    return float((radius / gamma) ** 2)
    ### END SOLUTION


def separable_data(n_samples, margin, rng):
    """Points uniform in the square [−1, 1]², labelled by a random line, none closer to it than ``margin``.

    The line has a random unit normal ``w_true`` and a bias ``b_true`` uniform in
    [−0.5, 0.5], so it crosses the square; candidates closer to it than
    ``margin`` are discarded and new ones drawn until ``n_samples`` remain.

    Returns
    -------
    x : ndarray of shape (n_samples, 2)
        Inputs.
    y : ndarray of int, shape (n_samples,)
        Labels sign(w_true·x + b_true), −1 or +1.
    w_true : ndarray of shape (2,)
        The planted line's unit normal.
    b_true : float
        Its bias.
    """
    w_true = rng.standard_normal(2)
    w_true /= np.linalg.norm(w_true)
    b_true = float(rng.uniform(-0.5, 0.5))
    x = np.empty((0, 2))
    while len(x) < n_samples:
        candidates = rng.uniform(-1.0, 1.0, (n_samples, 2))
        x = np.vstack([x, candidates[np.abs(candidates @ w_true + b_true) >= margin]])
    x = x[:n_samples]
    return x, np.where(x @ w_true + b_true >= 0, 1, -1), w_true, b_true


def toy_data(rng, n_samples=N_TOY, shift=TOY_SHIFT):
    """The original page's two Gaussian clouds: N(0, I) labelled −1, then N(shift·1, I) labelled +1.

    Returns
    -------
    x : ndarray of shape (n_samples, 2)
        Inputs, the first half of class −1.
    y : ndarray of int, shape (n_samples,)
        Labels, −1 for the first half, +1 for the second.
    """
    half = n_samples // 2
    x = np.vstack([rng.standard_normal((half, 2)), shift + rng.standard_normal((half, 2))])
    return x, np.repeat([-1, 1], half)


def batch_perceptron(x, y01, rng, lr=BATCH_LR, n_iter=N_EPOCHS):
    """The original page's batch rule: labels 0/1, step output 1(w·x + b > 0), random initial weights,
    and n_iter steps w += (lr/N) eᵀX, b += (lr/N) Σe with e = y − ŷ.

    Returns
    -------
    w : ndarray of shape (n_features,)
    b : float
    n_wrong : ndarray of int, shape (n_iter,)
        The misclassified examples before each step (the original's loss Σe²).
    """
    x = np.asarray(x, dtype=float)
    w, b = rng.standard_normal(x.shape[1]), float(rng.standard_normal())
    n_wrong = np.empty(n_iter, dtype=int)
    for k in range(n_iter):
        error = y01 - (x @ w + b > 0)
        n_wrong[k] = np.count_nonzero(error)
        w = w + lr / len(x) * error @ x
        b = b + lr / len(x) * error.sum()
    return w, b, n_wrong


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
def n_updates():
    """The number of updates the perceptron makes on separable_data(SEPARABLE_N, MARGIN,
    default_rng(SEPARABLE_SEED)), visiting the examples in the given order (rng=None) from w = 0, b = 0,
    until an epoch passes without a mistake."""
    x, y, _, _ = separable_data(SEPARABLE_N, MARGIN, np.random.default_rng(SEPARABLE_SEED))
    return int(train_perceptron(x, y, N_EPOCHS)[2].sum())


@functools.cache
def _toy_run():
    x, y = toy_data(np.random.default_rng(TOY_SEED))
    w, b, mistakes = train_perceptron(x, y, N_EPOCHS, rng=np.random.default_rng(TOY_ORDER_SEED))
    return x, y, w, b, mistakes


def toy_error():
    """The fraction of the 400 toy points (toy_data(default_rng(TOY_SEED))) that the weights misclassify
    after N_EPOCHS = 100 epochs of train_perceptron, each epoch in the order drawn from
    default_rng(TOY_ORDER_SEED)."""
    x, y, w, b, _ = _toy_run()
    return float(np.mean(perceptron_predict(w, b, x) != y))
