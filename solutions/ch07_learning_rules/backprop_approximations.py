"""Approximations of backpropagation (section 7.7, 誤差逆伝播法の近似手法).

A multilayer network with L layers of weights maps an input x to the output
(logits) u_L:

    z_1 = x,  u_l = W_l z_l + b_l,  z_{l+1} = tanh(u_l)  (l = 1 … L−1),  ŷ = softmax(u_L),

with W_l of shape (n_{l+1}, n_l) (postsynaptic, presynaptic) and the
cross-entropy loss ℓ = −Σ_i y_i log ŷ_i of a one-hot target y. Backpropagation
(Rumelhart, Hinton & Williams 1986) computes the error signals

    δ_L = ∂ℓ/∂u_L = ŷ − y,   δ_l = (W_{l+1}ᵀ δ_{l+1}) ⊙ f'(u_l),   f'(u_l) = 1 − z_{l+1}²,

and the gradients ∂ℓ/∂W_l = δ_l z_lᵀ, ∂ℓ/∂b_l = δ_l. The backward pass sends
the error through the transposes of the forward weights: a synapse would have
to know the strength of another synapse far away ("weight transport",
Grossberg 1987). Its approximations:

* Feedback alignment (FA; Lillicrap, Cownden, Tweed & Akerman 2016) replaces
  W_{l+1}ᵀ by a fixed random matrix B_l of the same shape:
  δ_l = (B_l δ_{l+1}) ⊙ f'(u_l). The forward weights come to align with the
  feedback: the angle between the FA and BP updates falls below 90°, so the FA
  update is a descent direction.
* Direct feedback alignment (DFA; Nøkland 2016) sends the output error to every
  hidden layer through its own fixed random matrix B_l of shape (n_{l+1}, n_out):
  δ_l = (B_l δ_L) ⊙ f'(u_l). With one hidden layer DFA and FA coincide.
* Node perturbation (NP) and weight perturbation (WP) need no backward pass at
  all: perturb the pre-activations (NP: u_l + σ v_l) or the weights
  (WP: W_l + σ V_l) with v ~ N(0, I), measure the change of the loss
  δℓ = ℓ(perturbed) − ℓ(clean), and estimate ∂ℓ/∂b_l ≈ (δℓ/σ) v_l,
  ∂ℓ/∂W_l ≈ (δℓ/σ) v_l z_lᵀ (NP) or (δℓ/σ) V_l (WP). To first order in σ,
  δℓ/σ = Σ_k (∂ℓ/∂u_k)·v_k, and E[v vᵀ] = I makes the estimate unbiased as
  σ → 0 (for a loss quadratic in the perturbation, for any σ: the odd moments of
  v vanish). Its variance grows with the number of perturbed units or weights
  (Werfel, Xie & Seung 2005): E‖(g·v) v − g‖² = (n + 1)‖g‖² for n perturbed
  units.

The original (compneuro-julia, book manuscript ``markdowns/04_credit-assignment-problem.md``
§摂動を用いた学習則 and notebooks ``contents/solve-credit-assignment-problem/
backpropagation_mnist_{FA,DFA,KP}.ipynb``) trains a 784-128-128-10 tanh network
with softmax and cross-entropy on MNIST with Adam (lr 0.01, batch 100, 20 000
samples, 50 or 200 epochs, "Xavier" uniform initialisation of W and B) and
reports the cosine between W and B. This section keeps its network type and
initialisation but trains a 64-32-32-10 network on scikit-learn's bundled 8×8
digits with plain SGD for 10 epochs (a second on a laptop). Its "FA" notebook
also updates B with W's gradient (B.grad = zᵀδ), which is Kolen–Pollack's
symmetric rule without weight decay rather than feedback alignment; here B stays
fixed, as in Lillicrap et al. (2016).

References
----------
Rumelhart, D. E., Hinton, G. E. & Williams, R. J. (1986). Learning representations by back-propagating errors.
Nature 323, 533–536.
Grossberg, S. (1987). Competitive learning: from interactive activation to adaptive resonance. Cognitive Science
11, 23–63.
Lillicrap, T. P., Cownden, D., Tweed, D. B. & Akerman, C. J. (2016). Random synaptic feedback weights support error
backpropagation for deep learning. Nature Communications 7, 13276.
Nøkland, A. (2016). Direct feedback alignment provides learning in deep neural networks. NeurIPS 29.
Akrout, M., Wilson, C., Humphreys, P. C., Lillicrap, T. & Tweed, D. (2019). Deep learning without weight transport.
NeurIPS 32.
Werfel, J., Xie, X. & Seung, H. S. (2005). Learning curves for stochastic gradient descent in linear feedforward
networks. Neural Computation 17, 2699–2718.
Glorot, X. & Bengio, Y. (2010). Understanding the difficulty of training deep feedforward neural networks. AISTATS.
"""

import functools

import numpy as np

# The digits, read as section 7.6 reads them (shown to the notebook from there).
from solutions.ch07_learning_rules.backpropagation import load_digits_data

SIZES = (64, 32, 32, 10)  # units per layer: 8×8 pixels, two tanh hidden layers, 10 digits (original: 784-128-128-10)
LEARNING_RATE = 0.3  # SGD step on the batch-mean loss (dimensionless; the original uses Adam with 0.01)
BATCH_SIZE = 64  # examples per step (original: 100)
N_EPOCHS = 10  # passes through the training set (original: 50 to 200 on 20 000 MNIST images)
N_TRAIN = 1437  # training images of the 1797 digits (80 %); the other 360 are the test set
DATA_SEED = 0  # default_rng seed of the permutation that splits the digits into training and test sets
INIT_SEED = 1  # default_rng seed of the initial weights and then of the feedback matrices
ORDER_SEED = 2  # default_rng seed of the order of the examples in every epoch
N_PROBE = 300  # the first training images, on which train() measures the angle between the FA and BP updates
SIGMA = 1e-3  # perturbation size of node perturbation (in units of the pre-activation u)


def digits_data():
    """scikit-learn's 8×8 digits (``load_digits_data`` of section 7.6), pixels scaled to [0, 1], split by a fixed
    permutation.

    Returns
    -------
    x_train : ndarray of shape (N_TRAIN, 64)
    y_train : ndarray of shape (N_TRAIN, 10)
        One-hot targets.
    x_test : ndarray of shape (1797 − N_TRAIN, 64)
    labels_test : ndarray of int, shape (1797 − N_TRAIN,)
    """
    x, labels = load_digits_data()
    order = np.random.default_rng(DATA_SEED).permutation(len(x))
    x, labels = x[order] / 16.0, labels[order]
    return x[:N_TRAIN], np.eye(10)[labels[:N_TRAIN]], x[N_TRAIN:], labels[N_TRAIN:]


def init_network(sizes, rng):
    """Weights drawn uniformly from ±√(6/(n_in + n_out)) (Glorot & Bengio 2010, the original's "Xavier"), zero biases.

    Returns
    -------
    weights : list of ndarray
        W_l of shape (sizes[l+1], sizes[l]), one per layer.
    biases : list of ndarray
        b_l of shape (sizes[l+1],).
    """
    weights = [rng.uniform(-1.0, 1.0, (n_out, n_in)) * np.sqrt(6.0 / (n_in + n_out))
               for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    return weights, [np.zeros(n_out) for n_out in sizes[1:]]


def random_feedback(sizes, rng, direct=False):
    """Fixed random feedback matrices, drawn like the forward weights.

    For feedback alignment B_l has the shape of W_{l+1}ᵀ, (sizes[l+1], sizes[l+2]); for direct feedback alignment
    (``direct=True``) it is (sizes[l+1], sizes[-1]): from the output to hidden layer l. One per hidden layer.
    """
    hidden = sizes[1:-1]
    targets = [sizes[-1]] * len(hidden) if direct else sizes[2:]
    return [rng.uniform(-1.0, 1.0, (n, m)) * np.sqrt(6.0 / (n + m)) for n, m in zip(hidden, targets)]


def forward(weights, biases, x):
    """Forward pass: tanh hidden layers and linear output units (logits).

    Parameters
    ----------
    weights, biases : lists of ndarray
        W_l of shape (n_{l+1}, n_l) and b_l of shape (n_{l+1},).
    x : ndarray of shape (n_samples, n_1)
        One input per row.

    Returns
    -------
    activities : list of ndarray
        The input of every layer, [x, z_2, …, z_L]: z_{l+1} = tanh(u_l), shape (n_samples, n_{l+1}).
    logits : ndarray of shape (n_samples, n_out)
        u_L = W_L z_L + b_L.
    """
    activities = [np.asarray(x, dtype=float)]
    for w, b in zip(weights[:-1], biases[:-1]):
        activities.append(np.tanh(activities[-1] @ w.T + b))
    return activities, activities[-1] @ weights[-1].T + biases[-1]


def softmax(logits):
    """Softmax over the last axis (shifted by the maximum for stability)."""
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def cross_entropy(logits, y):
    """The cross-entropy ℓ = −Σ_i y_i log softmax(u)_i of every sample, shape (n_samples,)."""
    top = logits.max(axis=-1, keepdims=True)
    log_norm = top[..., 0] + np.log(np.exp(logits - top).sum(axis=-1))
    return log_norm - np.sum(y * logits, axis=-1)


def numerical_gradient(weights, biases, x, y, step=1e-6):
    """Central differences of the batch-mean cross-entropy with respect to every weight and bias.

    Returns
    -------
    grads_w, grads_b : lists of ndarray
        Of the shapes of the weights and biases. Accurate to about 1e-9 (truncation step², round-off 1e-16/step).
    """
    def loss(ws, bs):
        return cross_entropy(forward(ws, bs, x)[1], y).mean()

    grads = []
    for which in (0, 1):
        params = [weights, biases][which]
        grads.append([])
        for layer, p in enumerate(params):
            g = np.zeros_like(p)
            for index in np.ndindex(p.shape):
                shifted = {}
                for sign in (1, -1):
                    changed = [q.copy() for q in params]
                    changed[layer][index] += sign * step
                    shifted[sign] = loss(changed, biases) if which == 0 else loss(weights, changed)
                g[index] = (shifted[1] - shifted[-1]) / (2 * step)
            grads[-1].append(g)
    return grads[0], grads[1]


def fa_backward(activities, e, feedback, direct=False):
    """Gradients of the batch-mean loss by backpropagation with feedback matrices B (feedback alignment).

    The error of the output layer is δ_L = e; hidden layer l (l = L−1 … 1) gets
    δ_l = (δ_{l+1} B_lᵀ) ⊙ (1 − z_{l+1}²) for feedback alignment, or, with
    ``direct=True``, δ_l = (δ_L B_lᵀ) ⊙ (1 − z_{l+1}²) (direct feedback alignment):
    written for a batch with one sample per row, B_l δ becomes δ B_lᵀ. With
    B_l = W_{l+1}ᵀ the first is backpropagation. The gradients are the means over
    the batch, δ_lᵀ z_l / N and the column means of δ_l.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    activities : list of ndarray
        [x, z_2, …, z_L] from ``forward``: the input of every layer, shape (N, n_l).
    e : ndarray of shape (N, n_out)
        The output error δ_L = ∂ℓ/∂u_L of every sample (ŷ − y for softmax and cross-entropy).
    feedback : list of ndarray
        One matrix per hidden layer: B_l of shape (n_{l+1}, n_{l+2}) for feedback alignment (the shape of
        W_{l+1}ᵀ), (n_{l+1}, n_out) for direct feedback alignment.
    direct : bool
        Send the output error directly to every hidden layer (DFA) instead of layer by layer.

    Returns
    -------
    grads_w : list of ndarray
        One per layer, of the shape of W_l, (n_{l+1}, n_l).
    grads_b : list of ndarray
        One per layer, of the shape of b_l, (n_{l+1},).
    """
    ### BEGIN SOLUTION
    deltas = [np.asarray(e, dtype=float)]
    for layer in range(len(activities) - 1, 0, -1):  # hidden layers, top down; activities[layer] = tanh(u)
        signal = deltas[-1] if direct else deltas[0]  # deltas[-1] is the output error, deltas[0] the layer above
        deltas.insert(0, (signal @ feedback[layer - 1].T) * (1.0 - activities[layer] ** 2))
    n_samples = len(e)
    grads_w = [delta.T @ z / n_samples for delta, z in zip(deltas, activities)]
    grads_b = [delta.mean(axis=0) for delta in deltas]
    return grads_w, grads_b
    ### END SOLUTION


def node_perturbation_grad(weights, biases, x, y, sigma, rng):
    """Node-perturbation estimate of the gradients of the batch-mean cross-entropy.

    Run the network twice: clean (``forward``) and with every pre-activation
    perturbed, u_l = W_l z̃_l + b_l + σ v_l with z̃_{l+1} = tanh(u_l) for the hidden
    layers and the logits u_L for the output; v_l has one independent standard
    normal number per sample and unit, drawn layer by layer from the input side
    as ``rng.standard_normal((N, n_{l+1}))``. With δℓ = ℓ(perturbed) − ℓ(clean) for
    every sample (``cross_entropy``), the estimates are the batch means of
    (δℓ/σ) v_l z_lᵀ for W_l and of (δℓ/σ) v_l for b_l, with the clean z_l.

    The input arrays must stay unchanged (no in-place updates).
    Every random number is drawn from ``rng``, none from ``np.random``.

    Parameters
    ----------
    weights, biases : lists of ndarray
        W_l of shape (n_{l+1}, n_l) and b_l of shape (n_{l+1},).
    x : ndarray of shape (N, n_1)
        Inputs, one per row.
    y : ndarray of shape (N, n_out)
        One-hot targets.
    sigma : float
        The size σ > 0 of the perturbation.
    rng : numpy.random.Generator
        Draws the perturbations v_l.

    Returns
    -------
    grads_w : list of ndarray
        The estimates for W_l, shape (n_{l+1}, n_l).
    grads_b : list of ndarray
        The estimates for b_l, shape (n_{l+1},).
    """
    ### BEGIN SOLUTION
    activities, logits = forward(weights, biases, x)
    n_samples = len(activities[0])
    noise, z = [], activities[0]
    for layer, (w, b) in enumerate(zip(weights, biases)):
        noise.append(rng.standard_normal((n_samples, len(b))))
        u = z @ w.T + b + sigma * noise[-1]
        z = np.tanh(u) if layer < len(weights) - 1 else u
    change = cross_entropy(z, y) - cross_entropy(logits, y)  # δℓ of every sample
    signals = [(change / sigma)[:, None] * v for v in noise]
    grads_w = [s.T @ a / n_samples for s, a in zip(signals, activities)]
    grads_b = [s.mean(axis=0) for s in signals]
    return grads_w, grads_b
    ### END SOLUTION


def weight_perturbation_grad(weights, biases, x, y, sigma, rng):
    """Weight-perturbation estimate of the gradients of the batch-mean cross-entropy.

    Every sample n is run through its own perturbed network, W_l + σ V_l and
    b_l + σ v_l, where every weight and bias has its own independent standard
    normal number per sample, drawn layer by layer from the input side, for each
    layer first ``V = rng.standard_normal((N, n_{l+1}, n_l))``, then
    ``v = rng.standard_normal((N, n_{l+1}))``. With δℓ = ℓ(perturbed) − ℓ(clean)
    for every sample (``cross_entropy``), the estimates are the batch means of
    (δℓ/σ) V_l for W_l and of (δℓ/σ) v_l for b_l.

    The input arrays must stay unchanged (no in-place updates).
    Every random number is drawn from ``rng``, none from ``np.random``.

    Parameters
    ----------
    weights, biases : lists of ndarray
        W_l of shape (n_{l+1}, n_l) and b_l of shape (n_{l+1},).
    x : ndarray of shape (N, n_1)
        Inputs, one per row.
    y : ndarray of shape (N, n_out)
        One-hot targets.
    sigma : float
        The size σ > 0 of the perturbation.
    rng : numpy.random.Generator
        Draws the perturbations V_l and v_l.

    Returns
    -------
    grads_w : list of ndarray
        The estimates for W_l, shape (n_{l+1}, n_l).
    grads_b : list of ndarray
        The estimates for b_l, shape (n_{l+1},).
    """
    ### BEGIN SOLUTION
    logits = forward(weights, biases, x)[1]
    n_samples = len(logits)
    noise_w, noise_b, z = [], [], np.asarray(x, dtype=float)
    for layer, (w, b) in enumerate(zip(weights, biases)):
        noise_w.append(rng.standard_normal((n_samples, *w.shape)))
        noise_b.append(rng.standard_normal((n_samples, len(b))))
        u = z @ w.T + b + sigma * (np.einsum("noi,ni->no", noise_w[-1], z) + noise_b[-1])  # (W + σV) z + b + σv
        z = np.tanh(u) if layer < len(weights) - 1 else u
    scale = (cross_entropy(z, y) - cross_entropy(logits, y)) / sigma  # δℓ/σ of every sample
    grads_w = [np.einsum("n,noi->oi", scale, v) / n_samples for v in noise_w]
    grads_b = [scale @ v / n_samples for v in noise_b]
    return grads_w, grads_b
    ### END SOLUTION


def update_angle(a, b):
    """The angle in degrees between two updates (arrays of the same shape, flattened)."""
    a, b = np.ravel(a), np.ravel(b)
    return float(np.degrees(np.arccos(np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1.0, 1.0))))


def train(backward, method="bp", sizes=SIZES, n_epochs=N_EPOCHS, lr=LEARNING_RATE, batch_size=BATCH_SIZE,
          seed=INIT_SEED):
    """Train the network on the digits with SGD, the updates computed by ``backward`` (``fa_backward``'s signature).

    ``method`` is "bp" (feedback W_{l+1}ᵀ, the current forward weights), "fa" or "dfa" (fixed random feedback from
    ``random_feedback``, drawn after the initial weights from default_rng(seed)). Every epoch visits the training set
    in the order default_rng(ORDER_SEED) draws, in batches of ``batch_size``.

    Returns
    -------
    weights, biases : lists of ndarray
        After training.
    feedback : list of ndarray or None
        The fixed feedback matrices (None for "bp").
    history : dict of ndarray
        Measured before the first and after every epoch (n_epochs + 1 rows): "loss" (mean cross-entropy on the
        training set), "test_accuracy", "angle" (degrees between the update of every hidden layer's weights
        W_1 … W_{L−1} and backpropagation's, on the first N_PROBE training images; shape (n_epochs + 1, L − 1); 0 for
        "bp") and "alignment" (cosine between W_{l+1} and B_lᵀ for "fa", else nan).
    """
    x_train, y_train, x_test, labels_test = digits_data()
    rng = np.random.default_rng(seed)
    weights, biases = init_network(sizes, rng)
    feedback = None if method == "bp" else random_feedback(sizes, rng, direct=method == "dfa")
    order_rng = np.random.default_rng(ORDER_SEED)
    history = {key: [] for key in ("loss", "test_accuracy", "angle", "alignment")}

    def record():
        activities, logits = forward(weights, biases, x_train)
        e = softmax(logits) - y_train
        history["loss"].append(cross_entropy(logits, y_train).mean())
        history["test_accuracy"].append(np.mean(forward(weights, biases, x_test)[1].argmax(axis=1) == labels_test))
        probe = [a[:N_PROBE] for a in activities]
        exact = backward(probe, e[:N_PROBE], [w.T for w in weights[1:]])[0]
        used = exact if feedback is None else backward(probe, e[:N_PROBE], feedback, direct=method == "dfa")[0]
        history["angle"].append([update_angle(a, b) for a, b in zip(used[:-1], exact[:-1])])
        history["alignment"].append([np.cos(np.radians(update_angle(w.T, f))) if method == "fa" else np.nan
                                     for w, f in zip(weights[1:], feedback or [None] * (len(weights) - 1))])

    record()
    for _ in range(n_epochs):
        order = order_rng.permutation(len(x_train))
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            activities, logits = forward(weights, biases, x_train[batch])
            e = softmax(logits) - y_train[batch]
            grads_w, grads_b = backward(activities, e, [w.T for w in weights[1:]] if feedback is None else feedback,
                                        direct=method == "dfa")
            weights = [w - lr * g for w, g in zip(weights, grads_w)]
            biases = [b - lr * g for b, g in zip(biases, grads_b)]
        record()
    return weights, biases, feedback, {key: np.array(value, dtype=float) for key, value in history.items()}


@functools.cache
def _runs():
    """The three training runs of the notebook's figures, with the reference ``fa_backward``."""
    return {method: train(fa_backward, method) for method in ("bp", "fa", "dfa")}


# Discovery answers: what a student finds with the functions above; tests/test_checks.py holds the checks' expected
# values to these.
def fa_angle():
    """The angle in degrees between the feedback-alignment update of the first layer's weights W_1 and
    backpropagation's, on the first N_PROBE training images, after the last of the N_EPOCHS epochs of train(fa_backward, "fa")
    (history["angle"][-1, 0])."""
    return float(_runs()["fa"][3]["angle"][-1, 0])


def fa_test_accuracy():
    """The fraction of the test digits that the network trained by feedback alignment (train(fa_backward, "fa"))
    classifies correctly after N_EPOCHS epochs (history["test_accuracy"][-1])."""
    return float(_runs()["fa"][3]["test_accuracy"][-1])
