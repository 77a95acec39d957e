"""Boltzmann machines (section 9.3, ボルツマンマシン).

An energy-based model gives every state s the probability p(s) = e^(−E(s))/Z
with the partition function Z = Σ_s e^(−E(s)). The (fully visible) Boltzmann
machine of Ackley, Hinton & Sejnowski (1985) has binary units s_i ∈ {0, 1},
symmetric couplings w_ij = w_ji without self-couplings (w_ii = 0) and biases b_i:

    E(s) = −Σ_{i<j} w_ij s_i s_j − Σ_i b_i s_i = −½ sᵀWs − bᵀs.

With n ≲ 20 units the 2ⁿ states can be enumerated, Z summed and every
expectation computed exactly. The mean log-likelihood of data s⁽¹⁾ … s⁽ᴺ⁾ has
the gradient

    ∂L/∂w_ij = ⟨s_i s_j⟩_data − ⟨s_i s_j⟩_model,   ∂L/∂b_i = ⟨s_i⟩_data − ⟨s_i⟩_model,

and since L = −KL(p_data‖p_model) − H(p_data), gradient ascent with a small
step lowers KL(p_data‖p_model) at every step. L is concave in (W, b): at its
maximum the model reproduces the means and pairwise correlations of the data,
and it is the distribution of maximum entropy with these moments (Jaynes 1957;
Schneidman et al. 2006 fit such pairwise models to retinal spike words).

The restricted Boltzmann machine (RBM; Smolensky 1986, Hinton 2002) has visible
units v ∈ {0, 1}^(n_v), hidden units h ∈ {0, 1}^(n_h) and couplings only
between the two layers, W of shape (n_h, n_v):

    E(v, h) = −bᵀv − cᵀh − hᵀWv,
    p(h_j = 1 | v) = σ(c_j + W_j v),   p(v_i = 1 | h) = σ(b_i + (Wᵀh)_i),

so that block Gibbs sampling (all h given v, then all v given h) is exact
conditional sampling. Summing the hidden units out gives p(v) = e^(−F(v))/Z with
the free energy F(v) = −bᵀv − Σ_j log(1 + e^(c_j + W_j v)). Contrastive
divergence (CD-k; Hinton 2002) replaces the model's expectations in the
log-likelihood gradient by k Gibbs steps started at the data:
ΔW = η(⟨p(h|v) vᵀ⟩_data − ⟨p(h|v) vᵀ⟩_k), Δb = η(⟨v⟩_data − ⟨v⟩_k),
Δc = η(⟨p(h|v)⟩_data − ⟨p(h|v)⟩_k); that is η times the gradient of
F̄(v_k) − F̄(v_data), the mean free energies of the chain's end and of the data.

The original (compneuro-julia, ``contents/chap9/9-3_boltzmann_machine.ipynb``,
2020-09-04; https://compneuro-julia.github.io/chap9/9-3_boltzmann_machine.html)
trains an RBM with 784 visible and 100 hidden units on the first 100 MNIST
images (grey levels in [0, 1] used as visible states), η = 0.01, 50 epochs of
one update per image, the negative phase the average of 20 Gibbs draws started
from v = h = 0.5, all parameters from 0.2·𝒩(0, 1); it then clamps the upper
half of 4 noisy images, samples the lower half 50 times and shows the averages,
the energy along the chain and the 100 receptive fields. Its text writes the
energy with +vᵀWh while its conditionals and its ``energy`` function use −hᵀWv:
the sign is corrected here (the conditionals above follow only from −hᵀWv).
This section uses scikit-learn's bundled 8 × 8 digits (read from the file, as in
section 7.6), binarised at half the grey range, 64 visible units, a negative
phase of one Gibbs step from the data (CD-1), and mini-batches; the fully
visible machine, only a heading in the original, is trained on a 3 × 3 patch
of the same digits with the exact gradient.

References
----------
Ackley, D. H., Hinton, G. E. & Sejnowski, T. J. (1985). A learning algorithm for Boltzmann machines. Cognitive
Science 9, 147–169.
Smolensky, P. (1986). Information processing in dynamical systems: foundations of harmony theory. In Parallel
Distributed Processing, vol. 1, ch. 6. MIT Press.
Hinton, G. E. (2002). Training products of experts by minimizing contrastive divergence. Neural Computation 14,
1771–1800.
Hinton, G. E. (2012). A practical guide to training restricted Boltzmann machines. In Neural Networks: Tricks of
the Trade, 2nd ed., LNCS 7700, 599–619.
Jaynes, E. T. (1957). Information theory and statistical mechanics. Physical Review 106, 620–630.
Schneidman, E., Berry, M. J., Segev, R. & Bialek, W. (2006). Weak pairwise correlations imply strongly correlated
network states in a neural population. Nature 440, 1007–1012.
"""

import functools

import numpy as np

# The digits, read as section 7.6 reads them (shown to the notebook from there).
from solutions.ch07_learning_rules.backpropagation import load_digits_data

BINARY_THRESHOLD = 8  # a pixel (grey level 0–16) is on when it is at least this: half the grey range
BM_PIXELS = np.array([18, 19, 20, 26, 27, 28, 34, 35, 36])  # the 3 × 3 patch, rows 2–4 and columns 2–4 of 8 × 8
BM_RATE = 0.5  # step of the exact gradient ascent of the mean log-likelihood, dimensionless
BM_STEPS = 800  # steps of the exact gradient ascent (KL within 1e-3 nats of its minimum)
N_TRAIN = 1500  # training digits of the RBM; the other 297 are the test digits
DATA_SEED = 0  # default_rng seed of the permutation that splits the digits
N_HIDDEN = 64  # hidden units of the RBM (original: 100)
N_EPOCHS = 10  # passes through the training digits (original: 50)
BATCH_SIZE = 20  # digits per CD update (original: 1)
LEARNING_RATE = 0.1  # CD step on the batch means (original: 0.01 per image)
CD_STEPS = 1  # Gibbs steps of the negative phase, started at the data (original: 20 draws started at v = 0.5)
INIT_SCALE = 0.01  # standard deviation of the initial weights; biases start at 0 (original: 0.2 for all)
TRAIN_SEED = 1  # default_rng seed of the RBM's initial weights, mini-batches and Gibbs draws
N_CLAMPED = 32  # the upper half of the image (rows 0–3) is given; the lower half is sampled
N_DRAWS = 50  # Gibbs draws averaged into a reconstruction (original: 50)
FULL_HIDDEN, FULL_EPOCHS = 100, 50  # the original's size of the hidden layer and number of epochs (RUN_FULL)
SMALL_SEED = 11  # default_rng seed of the small RBM (4 visible, 3 hidden units) whose p(v) is enumerated
N_CHAINS = 4000  # Gibbs chains of the small RBM (Figure 4)
N_GIBBS = 20  # Gibbs steps of those chains


def all_states(n):
    """Every binary state of ``n`` units, one per row: row k holds the binary digits of k, unit 0 the most
    significant. Shape (2**n, n), values 0.0 and 1.0."""
    return ((np.arange(2**n)[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(float)


def empirical_distribution(data):
    """The fraction of the rows of ``data`` (shape (N, n), values 0 and 1) in each state of ``all_states(n)``:
    shape (2**n,)."""
    data = np.asarray(data)
    index = data.astype(int) @ (1 << np.arange(data.shape[1] - 1, -1, -1))
    return np.bincount(index, minlength=2 ** data.shape[1]) / len(data)


def kl_divergence(p, q):
    """KL(p‖q) = Σ_s p(s) log(p(s)/q(s)) in nats; states with p(s) = 0 contribute nothing."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    seen = p > 0
    return float(np.sum(p[seen] * np.log(p[seen] / q[seen])))


def small_rbm():
    """A small RBM with 4 visible and 3 hidden units: W = 1.5·𝒩(0, 1) of shape (3, 4), b and c from 𝒩(0, 1), drawn
    from default_rng(SMALL_SEED). Returns (W, b, c)."""
    rng = np.random.default_rng(SMALL_SEED)
    return 1.5 * rng.standard_normal((3, 4)), rng.normal(0, 1, 4), rng.normal(0, 1, 3)


def binary_digits():
    """scikit-learn's 8 × 8 digits (``load_digits_data`` of section 7.6), binarised (grey level ≥
    BINARY_THRESHOLD), in a fixed random order (DATA_SEED): the first N_TRAIN are the training digits.

    Returns
    -------
    images : ndarray of shape (1797, 64)
        0.0 and 1.0, one image per row (row-major 8 × 8).
    labels : ndarray of int, shape (1797,)
    """
    images, labels = load_digits_data()
    order = np.random.default_rng(DATA_SEED).permutation(len(images))
    return (images[order] >= BINARY_THRESHOLD).astype(float), labels[order]


def bm_distribution(W, b):
    """The exact distribution of a fully visible Boltzmann machine, p(s) = e^(−E(s))/Z with
    E(s) = −½ sᵀWs − bᵀs, over the states of ``all_states(n)``.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    W : ndarray of shape (n, n)
        Symmetric couplings with zero diagonal (W[i, j] = w_ij = w_ji).
    b : ndarray of shape (n,)
        Biases.

    Returns
    -------
    ndarray of shape (2**n,)
        p of every state, in the order of the rows of ``all_states(n)``; sums to 1, finite for couplings and
        biases of any size.
    """
    ### BEGIN SOLUTION
    states = all_states(len(b))
    energy = -0.5 * np.sum((states @ W) * states, axis=1) - states @ b
    weight = np.exp(-(energy - energy.min()))  # shifting E leaves p unchanged and keeps e^(−E) finite
    return weight / weight.sum()
    ### END SOLUTION


def bm_gradient(data, p):
    """The exact gradient of the mean log-likelihood of a fully visible Boltzmann machine.

    ∂L/∂w_ij = ⟨s_i s_j⟩_data − ⟨s_i s_j⟩_model (one number for the pair w_ij = w_ji, i ≠ j; the diagonal is 0)
    and ∂L/∂b_i = ⟨s_i⟩_data − ⟨s_i⟩_model: data averages over the rows of ``data``, model averages over the
    states of ``all_states(n)`` weighted by ``p``.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    data : ndarray of shape (N, n)
        One binary state (0.0 and 1.0) per row.
    p : ndarray of shape (2**n,)
        The model's probabilities of the states of ``all_states(n)`` (``bm_distribution(W, b)``).

    Returns
    -------
    grad_W : ndarray of shape (n, n)
        Symmetric, zero diagonal.
    grad_b : ndarray of shape (n,)
    """
    ### BEGIN SOLUTION
    data = np.asarray(data, dtype=float)
    states = all_states(data.shape[1])
    grad_W = data.T @ data / len(data) - states.T @ (p[:, None] * states)
    np.fill_diagonal(grad_W, 0.0)
    return grad_W, data.mean(axis=0) - p @ states
    ### END SOLUTION


def free_energy(v, W, b, c):
    """The free energy of visible states of an RBM, F(v) = −bᵀv − Σ_j log(1 + e^(c_j + W_j v)), so that
    p(v) = e^(−F(v))/Z for the energy E(v, h) = −bᵀv − cᵀh − hᵀWv.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : ndarray of shape (n_v,) or (N, n_v)
        Visible states, one per row.
    W : ndarray of shape (n_h, n_v)
        Couplings, W[j, i] between hidden unit j and visible unit i.
    b : ndarray of shape (n_v,)
        Visible biases.
    c : ndarray of shape (n_h,)
        Hidden biases.

    Returns
    -------
    float or ndarray of shape (N,)
        F of every state, finite for weights of any size.
    """
    ### BEGIN SOLUTION
    v = np.asarray(v, dtype=float)
    return -v @ b - np.sum(np.logaddexp(0.0, v @ W.T + c), axis=-1)  # log(1 + e^x) without overflow
    ### END SOLUTION


def rbm_gibbs_step(v, W, b, c, rng):
    """One step of block Gibbs sampling of an RBM: h ~ p(h | v), then v′ ~ p(v | h).

    p(h_j = 1 | v) = σ(c_j + W_j v) and p(v_i = 1 | h) = σ(b_i + (Wᵀh)_i) with σ(x) = 1/(1 + e^(−x)); every unit
    of every chain is an independent Bernoulli draw.

    The input arrays must stay unchanged (no in-place updates).
    Every random number is drawn from ``rng``, none from ``np.random``.

    Parameters
    ----------
    v : ndarray of shape (n_v,) or (N, n_v)
        Visible states (0.0 and 1.0), one chain per row.
    W : ndarray of shape (n_h, n_v)
    b : ndarray of shape (n_v,)
    c : ndarray of shape (n_h,)
    rng : numpy.random.Generator

    Returns
    -------
    h : ndarray of shape (n_h,) or (N, n_h)
        The hidden states drawn given ``v``, 0.0 and 1.0.
    v_new : ndarray of the shape of ``v``
        The visible states drawn given ``h``, 0.0 and 1.0.
    """
    ### BEGIN SOLUTION
    v = np.asarray(v, dtype=float)
    p_h = 0.5 * (1 + np.tanh(0.5 * (v @ W.T + c)))  # σ(x) = (1 + tanh(x/2))/2 never overflows
    h = (rng.random(p_h.shape) < p_h).astype(float)
    p_v = 0.5 * (1 + np.tanh(0.5 * (h @ W + b)))
    return h, (rng.random(p_v.shape) < p_v).astype(float)
    ### END SOLUTION


def cd_update(v_data, v_model, W, b, c, learning_rate):
    """One contrastive-divergence update of an RBM from a mini-batch and the ends of its Gibbs chains.

    With q = σ(c + W v) the hidden probabilities of a visible state (σ(x) = 1/(1 + e^(−x))), and ⟨·⟩ the mean over
    the rows: W + η(⟨q vᵀ⟩_data − ⟨q vᵀ⟩_model), b + η(⟨v⟩_data − ⟨v⟩_model), c + η(⟨q⟩_data − ⟨q⟩_model).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v_data : ndarray of shape (N, n_v)
        The mini-batch (positive phase).
    v_model : ndarray of shape (N, n_v)
        The visible states after k Gibbs steps started at ``v_data`` (negative phase).
    W : ndarray of shape (n_h, n_v)
    b : ndarray of shape (n_v,)
    c : ndarray of shape (n_h,)
    learning_rate : float
        η.

    Returns
    -------
    W_new : ndarray of shape (n_h, n_v)
    b_new : ndarray of shape (n_v,)
    c_new : ndarray of shape (n_h,)
    """
    ### BEGIN SOLUTION
    v_data, v_model = np.asarray(v_data, dtype=float), np.asarray(v_model, dtype=float)
    q_data = 0.5 * (1 + np.tanh(0.5 * (v_data @ W.T + c)))
    q_model = 0.5 * (1 + np.tanh(0.5 * (v_model @ W.T + c)))
    n = len(v_data)
    return (W + learning_rate * (q_data.T @ v_data - q_model.T @ v_model) / n,
            b + learning_rate * (v_data.mean(axis=0) - v_model.mean(axis=0)),
            c + learning_rate * (q_data.mean(axis=0) - q_model.mean(axis=0)))
    ### END SOLUTION


def train_rbm(data, n_hidden, n_epochs, rng, gibbs_step, update, batch_size=BATCH_SIZE,
              learning_rate=LEARNING_RATE, cd_steps=CD_STEPS):
    """Train an RBM with CD-k on mini-batches, with the Gibbs step and the update given as functions.

    Weights start from INIT_SCALE·𝒩(0, 1), biases at 0. Every epoch visits the rows of ``data`` in a new random
    order, in mini-batches of ``batch_size``; each mini-batch runs ``cd_steps`` steps of
    ``gibbs_step(v, W, b, c, rng)`` started at the data and calls ``update(v_data, v_model, W, b, c,
    learning_rate)``.

    Returns
    -------
    W : ndarray of shape (n_hidden, n_v)
    b : ndarray of shape (n_v,)
    c : ndarray of shape (n_hidden,)
    errors : ndarray of shape (n_epochs,)
        The fraction of visible units that differ between the data and the end of its chain, per epoch.
    """
    n_visible = data.shape[1]
    W, b, c = INIT_SCALE * rng.standard_normal((n_hidden, n_visible)), np.zeros(n_visible), np.zeros(n_hidden)
    errors = np.zeros(n_epochs)
    for epoch in range(n_epochs):
        order = rng.permutation(len(data))
        for start in range(0, len(data), batch_size):
            v_data = data[order[start:start + batch_size]]
            v_model = v_data
            for _ in range(cd_steps):
                v_model = gibbs_step(v_model, W, b, c, rng)[1]
            W, b, c = update(v_data, v_model, W, b, c, learning_rate)
            errors[epoch] += np.sum(v_data != v_model)
    return W, b, c, errors / data.size


def clamped_chain(v, n_clamped, W, b, c, n_draws, rng, gibbs_step):
    """Gibbs sampling of an RBM with the first ``n_clamped`` visible units held at their values in ``v``.

    The other visible units start at 0; every draw is one ``gibbs_step(v, W, b, c, rng)`` after which the clamped
    units are reset.

    Returns
    -------
    ndarray of shape (n_draws,) + v.shape
        The visible states after every draw.
    """
    v = np.asarray(v, dtype=float)
    clamped = np.arange(v.shape[-1]) < n_clamped
    state = np.where(clamped, v, 0.0)
    chain = np.empty((n_draws,) + v.shape)
    for draw in range(n_draws):
        state = np.where(clamped, v, gibbs_step(state, W, b, c, rng)[1])
        chain[draw] = state
    return chain


# Discovery answers: what a student finds with the functions above. tests/test_checks.py holds the checks'
# expected values to these.
def patch_data():
    """The 3 × 3 patch BM_PIXELS of all 1797 binarised digits: shape (1797, 9)."""
    return binary_digits()[0][:, BM_PIXELS]


def independent_model(data):
    """The best model without couplings: W = 0 and b_i = log(m_i/(1 − m_i)) with m_i the mean of unit i."""
    m = data.mean(axis=0)
    return np.zeros((data.shape[1],) * 2), np.log(m / (1 - m))


def train_bm(data, n_steps=BM_STEPS, learning_rate=BM_RATE):
    """Exact gradient ascent from W = 0, b = 0: the final (W, b) and KL(data‖model) before every step and after
    the last one (shape (n_steps + 1,))."""
    n = data.shape[1]
    W, b, p_data = np.zeros((n, n)), np.zeros(n), empirical_distribution(data)
    kl = np.empty(n_steps + 1)
    for step in range(n_steps):
        p = bm_distribution(W, b)
        kl[step] = kl_divergence(p_data, p)
        grad_W, grad_b = bm_gradient(data, p)
        W, b = W + learning_rate * grad_W, b + learning_rate * grad_b
    kl[-1] = kl_divergence(p_data, bm_distribution(W, b))
    return W, b, kl


@functools.cache
def pairwise_fraction():
    """The fraction of the independent model's KL divergence from the patch data that the pairwise model
    removes, (KL_independent − KL_pairwise)/KL_independent, with the pairwise model trained by BM_STEPS steps of
    BM_RATE from W = 0, b = 0."""
    data = patch_data()
    kl_independent = kl_divergence(empirical_distribution(data), bm_distribution(*independent_model(data)))
    kl_pairwise = train_bm(data)[2][-1]
    return (kl_independent - kl_pairwise) / kl_independent


@functools.cache
def masked_accuracy():
    """The fraction of the masked lower-half pixels of the 297 test digits that the RBM trained with
    ``train_rbm`` (N_HIDDEN, N_EPOCHS, default_rng(TRAIN_SEED)) fills in correctly: the mean of N_DRAWS clamped
    draws (the same generator, after training), thresholded at 0.5."""
    images = binary_digits()[0]
    train, test = images[:N_TRAIN], images[N_TRAIN:]
    rng = np.random.default_rng(TRAIN_SEED)
    W, b, c, _ = train_rbm(train, N_HIDDEN, N_EPOCHS, rng, rbm_gibbs_step, cd_update)
    chain = clamped_chain(test, N_CLAMPED, W, b, c, N_DRAWS, rng, rbm_gibbs_step)
    reconstruction = chain.mean(axis=0)
    return float(np.mean((reconstruction[:, N_CLAMPED:] > 0.5) == test[:, N_CLAMPED:]))
