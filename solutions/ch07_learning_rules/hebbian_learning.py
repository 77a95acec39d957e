"""Hebbian learning: plain Hebb, Oja, Sanger (GHA) and BCM (section 7.2, Hebb則).

A linear neuron y = wᵀx changes its weights with the product of pre- and
postsynaptic activity (Hebb 1949),

    Δw = η x y                                            (plain Hebb)
    Δw = η (x y − y² w)                                   (Oja 1982)
    ΔW = η (y xᵀ − LT(y yᵀ) W)                            (Sanger 1989, GHA)
    Δw = η_w x y (y − θ),  Δθ = η_θ (y² − θ)              (BCM, Bienenstock et al. 1982)

with LT the lower triangle, diagonal included. Every rule here is applied to a
batch of samples x_1 … x_N (the rows of an array X) as the sum of the
single-sample changes, all evaluated at the weights (and threshold) before
the step: plain Hebb w ← w + η Xᵀy with y = Xw, as on the original page.

Plain Hebb multiplies w by I + η XᵀX at every step: for a single synapse
w ← (1 + ηx²) w, which grows for every ηx² > 0 (the original's book text says
it decays when ηx² < 1; it does not). Oja's decay term −y²w gives
d‖w‖²/dt = 2ηy²(1 − ‖w‖²), so ‖w‖ → 1, and the averaged rule
dw/dt = η(Cw − (wᵀCw) w) has the eigenvectors of C as fixed points, of which
only the first principal component is stable. Sanger's rule subtracts, for
output i, the projections on outputs 1 … i (Gram–Schmidt): its rows converge
to the principal components in order. BCM's threshold slides with the mean
squared output; with two linearly independent input patterns presented
equally often the stable fixed points of the averaged rule respond to one
pattern with y = 2 (= 1/p) and not at all to the other (θ = 2): the neuron
becomes selective.

The toy data of the original page: x ~ N(0, [[1, .5], [.5, 1]]), N = 300
samples, η = 1e-3, 200 batch iterations. Its principal axes are (1, 1)/√2
(eigenvalue 1.5) and (1, −1)/√2 (eigenvalue 0.5). Here the samples are drawn
with numpy's default_rng (the original used Julia's seed 0) and centred on
their mean, so that XᵀX/N is the sample covariance that PCA diagonalises.

References
----------
Hebb, D. O. (1949). The Organization of Behavior. Wiley.
Oja, E. (1982). A simplified neuron model as a principal component analyzer.
J. Math. Biol. 15, 267–273.
Sanger, T. D. (1989). Optimal unsupervised learning in a single-layer linear
feedforward neural network. Neural Networks 2, 459–473.
Bienenstock, E. L., Cooper, L. N. & Munro, P. W. (1982). Theory for the
development of neuron selectivity: orientation specificity and binocular
interaction in visual cortex. J. Neurosci. 2, 32–48.
Cooper, L. N., Liberman, F. & Oja, E. (1979). A theory for the acquisition
and loss of neuron specificity in visual cortex. Biol. Cybern. 33, 9–28.
Dayan, P. & Abbott, L. F. (2001). Theoretical Neuroscience, ch. 8. MIT Press.
Original page: https://compneuro-julia.github.io/local-learning-rule/pca-hebbian-learning.html
(repository compneuro-julia/compneuro-julia-management,
contents/local-learning-rule/pca-hebbian-learning.ipynb).
"""

import functools

import numpy as np

N_SAMPLES = 300  # samples of the toy data set (original page)
COV = np.array([[1.0, 0.5], [0.5, 1.0]])  # covariance of the toy data, dimensionless (original page)
ETA = 1e-3  # learning rate of Hebb, Oja and Sanger per batch step (original page)
N_ITER = 200  # batch iterations (original page)
DATA_SEED = 4  # seed of default_rng for the notebook's toy data
W0 = np.array([-0.96, 0.28])  # initial weight of Hebb and Oja, unit length
W0_SANGER = np.array([[-0.96, 0.28], [0.6, 0.8]])  # initial weights of Sanger's two outputs, rows of unit length

PATTERNS = np.array([[1.0, 0.3], [0.3, 1.0]])  # the two input patterns of the BCM neuron, one per row
BCM_ETA_W, BCM_ETA_THETA = 0.02, 0.1  # BCM learning rates of the weights and of the threshold
BCM_W0, BCM_THETA0 = np.array([0.6, 0.45]), 0.0  # initial weights and threshold of the BCM neuron
BCM_STEPS = 1000  # steps of the averaged rule (both patterns in every batch)


def toy_data(rng, n_samples=N_SAMPLES, cov=COV):
    """Samples of a zero-mean Gaussian, centred on their sample mean.

    Parameters
    ----------
    rng : numpy.random.Generator
        The generator to draw from.
    n_samples : int
        N.
    cov : ndarray of shape (n_inputs, n_inputs)
        The covariance of the distribution.

    Returns
    -------
    ndarray of shape (n_samples, n_inputs)
        One sample per row; the columns have mean 0.
    """
    x = rng.standard_normal((n_samples, len(cov))) @ np.linalg.cholesky(cov).T
    return x - x.mean(axis=0)


def hebb_update(w, x, eta=ETA):
    """One batch step of the plain Hebb rule for a linear neuron y = wᵀx.

    Δw = η Σₙ xₙ yₙ = η Xᵀy with yₙ = wᵀxₙ, summed over the samples of the batch.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (n_inputs,)
        Synaptic weights (dimensionless).
    x : ndarray of shape (n_samples, n_inputs)
        Presynaptic activities, one sample per row (one row for a single sample).
    eta : float
        Learning rate η.

    Returns
    -------
    ndarray of shape (n_inputs,)
        The weights after the step, w + Δw.
    """
    ### BEGIN SOLUTION
    y = x @ w  # the output for every sample
    return w + eta * (x.T @ y)
    ### END SOLUTION


def oja_update(w, x, eta=ETA):
    """One batch step of Oja's rule for a linear neuron y = wᵀx.

    Δw = η Σₙ (xₙ yₙ − yₙ² w) = η (Xᵀy − (yᵀy) w), summed over the batch.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (n_inputs,)
        Synaptic weights.
    x : ndarray of shape (n_samples, n_inputs)
        Presynaptic activities, one sample per row.
    eta : float
        Learning rate η.

    Returns
    -------
    ndarray of shape (n_inputs,)
        The weights after the step.
    """
    ### BEGIN SOLUTION
    y = x @ w
    return w + eta * (x.T @ y - (y @ y) * w)
    ### END SOLUTION


def sanger_update(w, x, eta=ETA):
    """One batch step of Sanger's rule (the generalized Hebbian algorithm) for outputs y = Wx.

    ΔW = η Σₙ (yₙ xₙᵀ − LT(yₙ yₙᵀ) W) = η (YᵀX − LT(YᵀY) W), where Y = XWᵀ holds
    the outputs of every sample and LT keeps the lower triangle of a matrix,
    diagonal included: output i learns from what outputs 1 … i leave unexplained.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (n_outputs, n_inputs)
        Weights, one row per output neuron.
    x : ndarray of shape (n_samples, n_inputs)
        Presynaptic activities, one sample per row.
    eta : float
        Learning rate η.

    Returns
    -------
    ndarray of shape (n_outputs, n_inputs)
        The weights after the step.
    """
    ### BEGIN SOLUTION
    y = x @ w.T  # (n_samples, n_outputs)
    return w + eta * (y.T @ x - np.tril(y.T @ y) @ w)
    ### END SOLUTION


def bcm_update(w, theta, x, eta_w=BCM_ETA_W, eta_theta=BCM_ETA_THETA):
    """One batch step of the BCM rule with a sliding threshold, for linear neurons y = wᵀx.

    Δw = η_w Σₙ xₙ yₙ (yₙ − θ) and Δθ = η_θ Σₙ (yₙ² − θ), summed over the
    samples of the batch; both use y, w and θ from before the step. Several
    neurons (the rows of a 2-D ``w``, each with its own threshold) learn
    independently from the same inputs.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (n_inputs,) or (n_neurons, n_inputs)
        Synaptic weights of one neuron, or one row per neuron.
    theta : float or ndarray of shape (n_neurons,)
        The modification threshold θ of each neuron.
    x : ndarray of shape (n_samples, n_inputs)
        Presynaptic activities, one sample per row (one row for a single presentation).
    eta_w, eta_theta : float
        Learning rates of the weights and of the threshold.

    Returns
    -------
    w : ndarray of the shape of ``w``
        The weights after the step.
    theta : float or ndarray of shape (n_neurons,)
        The thresholds after the step.
    """
    ### BEGIN SOLUTION
    y = x @ w.T  # (n_samples,) or (n_samples, n_neurons)
    w_next = w + eta_w * (y * (y - theta)).T @ x
    theta_next = theta + eta_theta * np.sum(y**2 - theta, axis=0)
    return w_next, theta_next
    ### END SOLUTION


def train(update, w, x, n_iter=N_ITER, eta=ETA):
    """Apply ``update(w, x, eta)`` ``n_iter`` times to the same batch.

    Returns
    -------
    ndarray of shape (n_iter + 1,) + w.shape
        The weights before the first step and after every step.
    """
    history = [np.asarray(w, dtype=float)]
    for _ in range(n_iter):
        history.append(update(history[-1], x, eta))
    return np.array(history)


def selectivity(responses):
    """The selectivity 1 − mean(y)/max(y) of Bienenstock et al. (1982), over the last axis."""
    responses = np.asarray(responses, dtype=float)
    return 1.0 - responses.mean(axis=-1) / responses.max(axis=-1)


# Discovery answers: what a student finds with the functions above on the notebook's data. Each is computed here
# with the reference functions; tests/test_checks.py holds the checks' expected values to these.
@functools.cache
def _toy():
    return toy_data(np.random.default_rng(DATA_SEED))


def hebb_log_growth():
    """log10(‖w_200‖/‖w_0‖): the orders of magnitude plain Hebb's weight grows in the original's 200 batch
    iterations (η = 1e-3, the notebook's toy data from default_rng(DATA_SEED)), starting from W0."""
    history = train(hebb_update, W0, _toy())
    return float(np.log10(np.linalg.norm(history[-1]) / np.linalg.norm(history[0])))


def oja_angle():
    """The angle in degrees, between 0 and 90, between the line of Oja's weight after the 200 iterations
    (from W0, on the notebook's toy data) and the principal axis (1, 1)/√2 of the distribution."""
    w = train(oja_update, W0, _toy())[-1]
    cosine = abs(w @ np.array([1.0, 1.0]) / np.sqrt(2)) / np.linalg.norm(w)
    return float(np.degrees(np.arccos(min(cosine, 1.0))))


def bcm_selectivity():
    """The selectivity 1 − mean(y)/max(y) of the responses y = PATTERNS @ w of the BCM neuron after BCM_STEPS
    steps of the averaged rule (both patterns in every batch) from BCM_W0 and BCM_THETA0."""
    w, theta = BCM_W0, BCM_THETA0
    for _ in range(BCM_STEPS):
        w, theta = bcm_update(w, theta, PATTERNS)
    return float(selectivity(PATTERNS @ w))
