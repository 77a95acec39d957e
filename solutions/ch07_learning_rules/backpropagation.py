"""Gradient descent and backpropagation (section 7.6, 勾配法と誤差逆伝播法).

A two-layer network of sigmoid units, σ(a) = 1/(1 + e^(−a)), maps a batch of
inputs X (one example per row) to hidden activities and outputs

    H = σ(X W1ᵀ + b1),   Ŷ = σ(H W2ᵀ + b2),

with weights in the (n_post, n_pre) convention: W1 of shape (n_hid, n_in),
W2 of shape (n_out, n_hid). Every output is a probability that its target
y ∈ [0, 1] is 1, and the loss is the binary cross-entropy, averaged over the
n examples of the batch and summed over the outputs,

    L = −(1/n) Σ_i Σ_k [y_ik ln ŷ_ik + (1 − y_ik) ln(1 − ŷ_ik)].

Backpropagation (Rumelhart, Hinton & Williams 1986) applies the chain rule
from the output down. Since dŷ/da = ŷ(1 − ŷ) cancels the denominator of
∂L/∂ŷ = (ŷ − y)/(ŷ(1 − ŷ)), the error of the output units is

    Δ2 = (Ŷ − Y)/n                      (no σ′ factor),
    Δ1 = (Δ2 W2) ⊙ H ⊙ (1 − H)          (the error sent back through W2),
    ∂L/∂W2 = Δ2ᵀ H,  ∂L/∂b2 = Σ_i Δ2,  ∂L/∂W1 = Δ1ᵀ X,  ∂L/∂b1 = Σ_i Δ1.

Minibatch stochastic gradient descent (SGD) steps θ ← θ − η ∂L/∂θ on batches
of examples drawn without replacement in a new random order every epoch.

The original page (https://compneuro-julia.github.io/chap7/7-6_backpropagation_Zipser-Andersen.html,
repository compneuro-julia/compneuro-julia-management,
contents/chap7/7-6_backpropagation_Zipser-Andersen.ipynb, 2021) trains
this network on the coordinate transform of Zipser & Andersen (1988): a
Gaussian spot on an 8 × 8 retinal grid (±40°, 10° spacing, 1/e width 15°) and
the 2-D eye position in, the spot's head-centred position on an 8 × 8 grid
out (66-16-64 units), binary cross-entropy, SGD with η = 0.01, batches of 25,
10 000 examples (95 % for training), 1000 epochs, initial weights
U(−1/√n_in, 1/√n_in). Its text states the squared-error loss with the
δ = (ŷ − y) ⊙ f′(a) of that loss while its code uses cross-entropy with
δ = ŷ − y; here both text and code use the cross-entropy. Its grid places
the Gaussians' centres at −40°, −30°, …, 30° (index × 10° − 40°) while the
positions cover [−40°, 40°]; here the grid's centres are −35°, …, 35°, the
middles of its eight 10° bins. The reduced run here: 1000 training and 200
test examples, batches of 10, η = 3, 10 epochs (see the constants); the
notebook offers the original's run as an optional cell.

The digits: scikit-learn's bundled copy of the UCI digits (load_digits),
read here from its file without importing scikit-learn, pixels divided by
16, one-hot targets for the same sigmoid outputs and cross-entropy.

The deep linear network of Saxe, McClelland & Ganguli (2014, 2019), with
W2 W1 trained by gradient flow on a whitened input (Σ_x = I) towards the
input–output correlation Σ_yx, learns the modes of Σ_yx one after the
other, in order of their singular values s_α, each along a sigmoidal
trajectory that takes off at a time ∝ (1/s_α) ln(s_α/a0) for a small initial
strength a0. The toy of the original's later page
(contents/solve-credit-assignment-problem/linear-network-learning-dynamics.ipynb):
4 items, 16 hidden units, 7 features, Σ_yx with singular values √7, √3, 1, 1.

References
----------
Rumelhart, D. E., Hinton, G. E. & Williams, R. J. (1986). Learning
representations by back-propagating errors. Nature 323, 533–536.
Zipser, D. & Andersen, R. A. (1988). A back-propagation programmed network
that simulates response properties of a subset of posterior parietal neurons.
Nature 331, 679–684.
Andersen, R. A., Essick, G. K. & Siegel, R. M. (1985). Encoding of spatial
location by posterior parietal neurons. Science 230, 456–458.
Saxe, A. M., McClelland, J. L. & Ganguli, S. (2014). Exact solutions to the
nonlinear dynamics of learning in deep linear neural networks. ICLR.
Saxe, A. M., McClelland, J. L. & Ganguli, S. (2019). A mathematical theory of
semantic development in deep neural networks. PNAS 116, 11537–11546.
Alpaydin, E. & Kaynak, C. (1998). Optical recognition of handwritten digits
(UCI; the 8 × 8 digits of scikit-learn's load_digits).
"""

import functools

import numpy as np

# Zipser–Andersen coordinate transform (original page; Zipser & Andersen 1988)
THETA_MAX = 40.0  # deg, stimuli and head-centred positions lie in [−THETA_MAX, THETA_MAX]
D_THETA = 10.0  # deg, spacing of the 8 × 8 grids of retinal input and head-centred output
GRID = 8  # grid points per side: 2·THETA_MAX/D_THETA
SPOT_WIDTH = 15.0  # deg, 1/e full width of the Gaussian spot (original page)
SIGMA = np.sqrt(2.0) * SPOT_WIDTH / 4.0  # deg, its standard deviation: G(w/2) = G(0)/e
N_HIDDEN = 16  # hidden units (original page)
N_DATA = 1200  # examples (original: 10 000), of which
N_TRAIN = 1000  # for training (original: 95 %), the rest for testing
BATCH = 10  # examples per SGD step (original: 25)
ETA = 3.0  # learning rate (original: 0.01 for 1000 epochs; larger here to learn in a short run)
N_EPOCHS = 10  # epochs (original: 1000)
DATA_SEED = 0  # seed of the data (the original's Random.seed!(0), here for numpy's generator)
INIT_SEED = 1  # seed of the initial weights
ORDER_SEED = 2  # seed of the order of the examples in every epoch

# Digits (scikit-learn's load_digits: 1797 images of 8 × 8 pixels, values 0–16, divided by 16 here)
DIGITS_HIDDEN = 32  # hidden units (this notebook's choice)
DIGITS_TEST = 450  # images held out for testing (a quarter, scikit-learn's default split size)
DIGITS_ETA = 1.0  # learning rate (this notebook's choice)
DIGITS_BATCH = 20  # examples per SGD step
DIGITS_EPOCHS = 10  # epochs
DIGITS_SEED = 3  # seed of the split, of the initial weights and of the order

# Deep linear network (Saxe et al. 2019; the original's later page linear-network-learning-dynamics)
SIGMA_YX = np.array([[1, 1, 1, 1], [1, 1, 0, 0], [0, 0, 1, 1], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0],
                     [0, 0, 0, 1]], dtype=float)  # features × items: living thing, animal, plant, four items
SAXE_HIDDEN = 16  # hidden units
SAXE_A0 = 0.01  # initial weights a0·U(0, 1)
SAXE_DT = 0.005  # Euler step of gradient flow (time in units of the learning time constant)
SAXE_STEPS = 1500  # steps
SAXE_SEED = 0


def sigmoid(a):
    """The logistic function 1/(1 + e^(−a)), without overflow warnings for large |a|."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(a, dtype=float)))


def bce_loss(y_hat, y):
    """Binary cross-entropy, averaged over the examples (rows) and summed over the outputs (columns).

    Outputs are clipped to [1e-12, 1 − 1e-12] so that a saturated wrong output gives a large finite loss.

    Parameters
    ----------
    y_hat : ndarray of shape (n_samples, n_out)
        Outputs of the network, in (0, 1).
    y : ndarray of shape (n_samples, n_out)
        Targets, in [0, 1].

    Returns
    -------
    float
    """
    y_hat = np.clip(np.asarray(y_hat, dtype=float), 1e-12, 1 - 1e-12)
    y = np.asarray(y, dtype=float)
    return float(-np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)) / len(y))


def init_params(n_in, n_hid, n_out, rng):
    """Initial weights U(−1/√n_pre, 1/√n_pre) (original page) and zero biases.

    Returns
    -------
    W1 : ndarray of shape (n_hid, n_in)
    b1 : ndarray of shape (n_hid,)
    W2 : ndarray of shape (n_out, n_hid)
    b2 : ndarray of shape (n_out,)
    """
    W1 = rng.uniform(-1, 1, (n_hid, n_in)) / np.sqrt(n_in)
    W2 = rng.uniform(-1, 1, (n_out, n_hid)) / np.sqrt(n_hid)
    return W1, np.zeros(n_hid), W2, np.zeros(n_out)


def mlp_forward(W1, b1, W2, b2, x):
    """Forward pass of the two-layer sigmoid network.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    W1 : ndarray of shape (n_hid, n_in)
        Weights from the inputs to the hidden units.
    b1 : ndarray of shape (n_hid,)
        Biases of the hidden units.
    W2 : ndarray of shape (n_out, n_hid)
        Weights from the hidden units to the outputs.
    b2 : ndarray of shape (n_out,)
        Biases of the outputs.
    x : ndarray of shape (n_samples, n_in)
        Inputs, one example per row.

    Returns
    -------
    h : ndarray of shape (n_samples, n_hid)
        Hidden activities σ(x W1ᵀ + b1).
    y_hat : ndarray of shape (n_samples, n_out)
        Outputs σ(h W2ᵀ + b2).
    """
    ### BEGIN SOLUTION
    h = sigmoid(np.asarray(x, dtype=float) @ W1.T + b1)
    y_hat = sigmoid(h @ W2.T + b2)
    return h, y_hat
    ### END SOLUTION


def mlp_backward(W1, b1, W2, b2, x, y):
    """Gradients of the mean binary cross-entropy with respect to the four parameters, by backpropagation.

    The loss is bce_loss(y_hat, y): averaged over the examples, summed over the outputs.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    W1, b1, W2, b2 : ndarray
        Parameters, shapes as in ``mlp_forward``.
    x : ndarray of shape (n_samples, n_in)
        Inputs, one example per row.
    y : ndarray of shape (n_samples, n_out)
        Targets, in [0, 1].

    Returns
    -------
    dW1 : ndarray of shape (n_hid, n_in)
    db1 : ndarray of shape (n_hid,)
    dW2 : ndarray of shape (n_out, n_hid)
    db2 : ndarray of shape (n_out,)
        ∂L/∂W1, ∂L/∂b1, ∂L/∂W2, ∂L/∂b2.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    h, y_hat = mlp_forward(W1, b1, W2, b2, x)
    delta2 = (y_hat - y) / len(x)
    delta1 = (delta2 @ W2) * h * (1 - h)
    return delta1.T @ x, delta1.sum(axis=0), delta2.T @ h, delta2.sum(axis=0)
    ### END SOLUTION


def train_mlp(W1, b1, W2, b2, x, y, n_epochs, batch_size, eta, rng=None):
    """Train the network by minibatch stochastic gradient descent.

    In every epoch the examples are visited in the given order if ``rng`` is
    None, else in the order ``rng.permutation(n_samples)`` drawn at the start
    of the epoch, and split into consecutive batches of ``batch_size`` (the
    last one shorter if ``batch_size`` does not divide ``n_samples``). For
    every batch, in turn, the gradients of its mean loss come from
    ``mlp_backward`` and every parameter takes the step θ − η ∂L/∂θ. The
    loss of an epoch is bce_loss over all the examples after its last step.

    The input arrays must stay unchanged (no in-place updates).
    Every random number is drawn from ``rng``, none from ``np.random``.

    Parameters
    ----------
    W1, b1, W2, b2 : ndarray
        Initial parameters, shapes as in ``mlp_forward``; not modified.
    x : ndarray of shape (n_samples, n_in)
        Training inputs.
    y : ndarray of shape (n_samples, n_out)
        Their targets.
    n_epochs : int
        Passes through the data.
    batch_size : int
        Examples per step.
    eta : float
        Learning rate η.
    rng : numpy.random.Generator or None
        Draws the order of every epoch; None keeps the given order.

    Returns
    -------
    W1, b1, W2, b2 : ndarray
        Parameters after training (new arrays).
    losses : ndarray of shape (n_epochs,)
        The loss on (x, y) at the end of every epoch.
    """
    ### BEGIN SOLUTION
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    params = [np.array(p, dtype=float) for p in (W1, b1, W2, b2)]
    losses = np.empty(n_epochs)
    for epoch in range(n_epochs):
        order = np.arange(len(x)) if rng is None else rng.permutation(len(x))
        for start in range(0, len(x), batch_size):
            batch = order[start:start + batch_size]
            grads = mlp_backward(*params, x[batch], y[batch])
            params = [p - eta * g for p, g in zip(params, grads)]
        losses[epoch] = bce_loss(mlp_forward(*params, x)[1], y)
    return (*params, losses)
    ### END SOLUTION


def gaussian_spots(positions, grid=GRID, theta_max=THETA_MAX, sigma=SIGMA):
    """Gaussian spots exp(−‖p − c‖²/(2σ²)) of unit height on the grid's centres c, one row per position.

    The grid's centres lie at −θmax + Δθ/2, …, θmax − Δθ/2 along each axis; the
    rows are flattened with the horizontal coordinate varying fastest.

    Parameters
    ----------
    positions : ndarray of shape (n, 2)
        Positions (horizontal, vertical) in degrees.

    Returns
    -------
    ndarray of shape (n, grid * grid)
    """
    centres = -theta_max + (np.arange(grid) + 0.5) * 2 * theta_max / grid
    cx, cy = np.meshgrid(centres, centres)  # cx varies along the columns (fastest in the flattened rows)
    d2 = (positions[:, 0, None] - cx.ravel()) ** 2 + (positions[:, 1, None] - cy.ravel()) ** 2
    return np.exp(-d2 / (2 * sigma**2))


def zipser_andersen_data(rng, n_data=N_DATA):
    """The coordinate-transform task of Zipser & Andersen (1988) as on the original page.

    Retinal and head-centred positions are uniform in [−θmax, θmax]²; the eye
    position is their difference, in [−2θmax, 2θmax]², given to the network
    divided by 2θmax.

    Returns
    -------
    x : ndarray of shape (n_data, GRID**2 + 2)
        The retinal spot on the grid, then the two eye coordinates.
    y : ndarray of shape (n_data, GRID**2)
        The spot on the head-centred grid.
    retinal, eye : ndarray of shape (n_data, 2)
        Positions in degrees.
    """
    retinal = rng.uniform(-THETA_MAX, THETA_MAX, (n_data, 2))
    head = rng.uniform(-THETA_MAX, THETA_MAX, (n_data, 2))
    eye = head - retinal
    x = np.hstack([gaussian_spots(retinal), eye / (2 * THETA_MAX)])
    return x, gaussian_spots(head), retinal, eye


def load_digits_data():
    """scikit-learn's bundled 8 × 8 digits (the data of sklearn.datasets.load_digits), read from its package
    folder without importing scikit-learn (which takes a second).

    Returns
    -------
    images : ndarray of shape (1797, 64)
        Pixel values 0–16, one image per row.
    labels : ndarray of int, shape (1797,)
        The digit 0–9 of every image.
    """
    import importlib.util
    from pathlib import Path

    folder = Path(importlib.util.find_spec("sklearn").submodule_search_locations[0]) / "datasets" / "data"
    table = np.loadtxt(folder / "digits.csv.gz", delimiter=",")  # 64 pixels and the label on every row
    return table[:, :-1], table[:, -1].astype(int)


def deep_linear_dynamics(sigma_yx, n_hidden, a0, dt, n_steps, rng):
    """Full-batch gradient descent of a deep linear network y = W2 W1 x on a whitened input (Σ_x = I).

    dW1/dt = W2ᵀ (Σ_yx − W2 W1),  dW2/dt = (Σ_yx − W2 W1) W1ᵀ  (Saxe et al. 2014), by Euler steps of dt,
    from weights a0·U(0, 1) (the original's later page). Returns the product W2 W1 after every step,
    shape (n_steps + 1, n_out, n_in).
    """
    n_out, n_in = sigma_yx.shape
    W1, W2 = a0 * rng.random((n_hidden, n_in)), a0 * rng.random((n_out, n_hidden))
    products = np.empty((n_steps + 1, n_out, n_in))
    products[0] = W2 @ W1
    for step in range(n_steps):
        error = sigma_yx - W2 @ W1
        W1, W2 = W1 + dt * W2.T @ error, W2 + dt * error @ W1.T
        products[step + 1] = W2 @ W1
    return products


# Discovery answers: what a student finds with the functions above. tests/test_checks.py holds the checks'
# expected values to these.
@functools.cache
def _digits_run():
    images, labels = load_digits_data()
    x, y = images / 16.0, np.eye(10)[labels]
    rng = np.random.default_rng(DIGITS_SEED)
    order = rng.permutation(len(x))
    test, train = order[:DIGITS_TEST], order[DIGITS_TEST:]
    params = init_params(64, DIGITS_HIDDEN, 10, rng)
    *trained, losses = train_mlp(*params, x[train], y[train], DIGITS_EPOCHS, DIGITS_BATCH, DIGITS_ETA, rng)
    return x, labels, train, test, trained, losses


def digits_accuracy():
    """The fraction of the DIGITS_TEST held-out digits that the network classifies correctly (the output unit
    with the largest activity names the digit) after training as in the notebook: pixels divided by 16, one-hot
    targets, rng = default_rng(DIGITS_SEED) drawing first the permutation whose first DIGITS_TEST images are the
    test set, then the initial weights (init_params), then the orders of the DIGITS_EPOCHS epochs of
    train_mlp(…, DIGITS_BATCH, DIGITS_ETA, rng)."""
    x, labels, _, test, trained, _ = _digits_run()
    return float(np.mean(mlp_forward(*trained, x[test])[1].argmax(axis=1) == labels[test]))
