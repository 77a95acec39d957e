"""Gradients of a continuous-time recurrent network: BPTT and RTRL (section 7.9, RTRLとBPTT).

A rate network of n tanh units, discretised with the Euler step α = Δt/τ (Δt = 1 ms,
τ = 10 ms: α = 0.1), is driven by an input x_t and read out linearly:

    u_t = W_rec h_{t−1} + W_in x_t + b,
    h_t = (1 − α) h_{t−1} + α tanh(u_t),          t = 1, …, T − 1,  h_0 = 0,
    ŷ_t = W_out h_t,                              t = 0, …, T − 1,

with weights stored (n_post, n_pre): W_in (n, n_in), W_rec (n, n), W_out (n_out, n), b (n,).
The loss is the summed squared error L = ½ Σ_t ‖ŷ_t − y_t‖².

Its gradient with respect to the recurrent parameters can be summed in two orders
(Williams & Zipser 1989; Werbos 1990; Marschall, Cho & Savin 2020):

* Backpropagation through time (BPTT) runs backwards from the last step. With
  e_t = ŷ_t − y_t, δh_{T−1} = W_outᵀ e_{T−1} and, for t = T − 1, …, 1,

      δu_t = α tanh′(u_t) ⊙ δh_t,
      δh_{t−1} = W_outᵀ e_{t−1} + (1 − α) δh_t + W_recᵀ δu_t,

  then ∂L/∂W_rec = Σ_t δu_t h_{t−1}ᵀ, ∂L/∂W_in = Σ_t δu_t x_tᵀ, ∂L/∂b = Σ_t δu_t and
  ∂L/∂W_out = Σ_t e_t h_tᵀ. It stores the whole trajectory (memory O(T n)).
* Real-time recurrent learning (RTRL) runs forwards with the sensitivities
  P_t[k, i, j] = ∂h_t[k]/∂W_rec[i, j] (and likewise for W_in and b),

      P_t = J_t P_{t−1} + α D_t ⊗ h_{t−1},   J_t = (1 − α) I + α D_t W_rec,   D_t = diag tanh′(u_t),

  (the outer term is P_t[k, k, j] += α tanh′(u_t[k]) h_{t−1}[j]) and accumulates
  ∂L/∂W_rec += Σ_k (W_outᵀ e_t)[k] P_t[k]. It needs no memory of the past but holds n³
  numbers and spends O(n⁴) operations per step.

Both are exact: they agree with each other to round-off and with central finite
differences to the latter's truncation error.

The original page (https://compneuro-julia.github.io/chap7/7-9_bptt.html, later
https://compneuro-julia.github.io/solve-credit-assignment-problem/bptt.html) writes the
backward step in the row-vector convention (u = h W_rec) as

    z[t−1] = (1 − α) z[t] + error[t] W_outᵀ + α zu[t] W_rec,

which has two slips (taken over from the BPTT branch of Murray's 2019 reference code):
error[t] where error[t−1] belongs (off by one step), and W_rec where its transpose
belongs. It also adds Σ_k zu[k] (a sum over all units) to every bias, and adds a
t = 0 term to the W_in and bias sums, where no u_0 exists. ``original_page_grad``
reproduces it; its W_rec update is far from the gradient's direction. The original
draws W_in from 0.1(U(0, 1) − 1), all negative; here W_in = 0.1(2U − 1), like W_out.

The original trains 25 000 epochs of plain gradient descent (rate η/T with η = 1e-2);
this section trains 100 epochs with Adam (Kingma & Ba 2015), so that the notebook runs
in a fraction of a second; the full run is an optional cell of the notebook.

References
----------
Williams, R. J. & Zipser, D. (1989). A learning algorithm for continually running fully
recurrent neural networks. Neural Computation 1, 270–280.
Werbos, P. J. (1990). Backpropagation through time: what it does and how to do it.
Proceedings of the IEEE 78, 1550–1560.
Murray, J. M. (2019). Local online learning in recurrent networks with random feedback.
eLife 8, e43299.
Marschall, O., Cho, K. & Savin, C. (2020). A unified framework of online learning
algorithms for training recurrent neural networks. JMLR 21, 1–34.
Kingma, D. P. & Ba, J. (2015). Adam: a method for stochastic optimization. ICLR.
"""

import functools

import numpy as np

DT = 1.0  # time step, ms (original page)
TAU = 10.0  # time constant of the units, ms (original page)
ALPHA = DT / TAU  # Euler factor Δt/τ = 0.1 (dimensionless)
N_REC = 32  # recurrent units (original page's run)
N_IN = 1  # inputs: one pulse
N_OUT = 2  # outputs: two sines
N_STEPS = 100  # time steps of one trial (original page's nt)
PULSE_END = 30  # the input is 1 at steps 0, …, PULSE_END (inclusive) and 0 after (original page)
FREQUENCIES = (0.1, 0.2)  # targets sin(0.1 t) and sin(0.2 t), t in steps (rad per step; original page)
ETA_ORIGINAL = 1e-2  # original page's learning rate, divided by T in every step
N_EPOCHS_ORIGINAL = 25_000  # original page's epochs of plain gradient descent
N_EPOCHS = 100  # this notebook's epochs (Adam), a short run that fits the course's time budget
ADAM_LR = 1e-2  # Adam's step size (Kingma & Ba 2015 defaults for the rest)
ADAM_BETAS = (0.9, 0.999)
ADAM_EPS = 1e-8
INIT_SEED = 0  # default_rng seed of the network's initial weights
# A small network on which finite differences are cheap (for the gradient checks):
SMALL_N_REC, SMALL_N_IN, SMALL_N_OUT, SMALL_N_STEPS = 6, 2, 2, 15
SMALL_SEED = 1
FD_EPS = 1e-6  # step of the central differences; truncation error O(ε²), round-off O(1e-16 L/ε)


def task(n_steps=N_STEPS, pulse_end=PULSE_END, frequencies=FREQUENCIES):
    """The original page's task: a pulse in, two sines out.

    Returns
    -------
    x : ndarray of shape (n_steps, 1)
        1 for the steps 0, …, pulse_end, else 0.
    y : ndarray of shape (n_steps, len(frequencies))
        Targets sin(f t), t = 0, …, n_steps − 1.
    """
    t = np.arange(n_steps)
    x = (t <= pulse_end).astype(float)[:, None]
    y = np.sin(np.outer(t, frequencies))
    return x, y


def init_params(rng, n_rec=N_REC, n_in=N_IN, n_out=N_OUT):
    """Initial weights as on the original page (W_in made symmetric about 0).

    W_in = 0.1 (2U − 1), W_rec = 1.5 𝒩(0, 1)/√n, W_out = 0.1 (2U − 1)/√n, b = 0.

    Returns
    -------
    w_in : ndarray of shape (n_rec, n_in)
    w_rec : ndarray of shape (n_rec, n_rec)
    w_out : ndarray of shape (n_out, n_rec)
    b : ndarray of shape (n_rec,)
    """
    w_in = 0.1 * (2 * rng.random((n_rec, n_in)) - 1)
    w_rec = 1.5 * rng.standard_normal((n_rec, n_rec)) / np.sqrt(n_rec)
    w_out = 0.1 * (2 * rng.random((n_out, n_rec)) - 1) / np.sqrt(n_rec)
    return w_in, w_rec, w_out, np.zeros(n_rec)


def ctrnn_forward(w_in, w_rec, w_out, b, x, alpha=ALPHA):
    """Run the continuous-time RNN over one trial from h_0 = 0.

    For t = 1, …, T − 1: u_t = W_rec h_{t−1} + W_in x_t + b and
    h_t = (1 − α) h_{t−1} + α tanh(u_t); for every t, ŷ_t = W_out h_t.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w_in : ndarray of shape (n_rec, n_in)
        Input weights.
    w_rec : ndarray of shape (n_rec, n_rec)
        Recurrent weights, w_rec[i, j] from unit j to unit i.
    w_out : ndarray of shape (n_out, n_rec)
        Readout weights.
    b : ndarray of shape (n_rec,)
        Biases.
    x : ndarray of shape (T, n_in)
        Input at every time step (x[0] is not used: h_0 = 0 is given).
    alpha : float
        Δt/τ, dimensionless.

    Returns
    -------
    u : ndarray of shape (T, n_rec)
        Total inputs u_t; row 0 is 0 (there is no u_0).
    h : ndarray of shape (T, n_rec)
        Rates h_t; row 0 is h_0 = 0.
    y_hat : ndarray of shape (T, n_out)
        Outputs ŷ_t = W_out h_t.
    """
    ### BEGIN SOLUTION
    n_steps, n_rec = len(x), len(w_rec)
    u, h = np.zeros((n_steps, n_rec)), np.zeros((n_steps, n_rec))
    drive = x @ w_in.T + b  # W_in x_t + b for every t, shape (T, n_rec)
    for t in range(1, n_steps):
        u[t] = w_rec @ h[t - 1] + drive[t]
        h[t] = (1 - alpha) * h[t - 1] + alpha * np.tanh(u[t])
    return u, h, h @ w_out.T
    ### END SOLUTION


def loss(w_in, w_rec, w_out, b, x, y, alpha=ALPHA):
    """The summed squared error L = ½ Σ_t ‖ŷ_t − y_t‖² of one trial."""
    return 0.5 * float(np.sum((ctrnn_forward(w_in, w_rec, w_out, b, x, alpha)[2] - y) ** 2))


def bptt_grad(w_in, w_rec, w_out, b, x, y, alpha=ALPHA):
    """Gradient of L = ½ Σ_t ‖ŷ_t − y_t‖² by backpropagation through time.

    Run ``ctrnn_forward``, then go backwards: with e_t = ŷ_t − y_t and
    δh_{T−1} = W_outᵀ e_{T−1}, for t = T − 1, …, 1

        δu_t = α tanh′(u_t) ⊙ δh_t,
        δh_{t−1} = W_outᵀ e_{t−1} + (1 − α) δh_t + W_recᵀ δu_t,

    and sum ∂L/∂W_rec = Σ_t δu_t h_{t−1}ᵀ, ∂L/∂W_in = Σ_t δu_t x_tᵀ,
    ∂L/∂b = Σ_t δu_t (t = 1, …, T − 1), ∂L/∂W_out = Σ_t e_t h_tᵀ (all t).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w_in, w_rec, w_out, b : ndarray
        The network's parameters, shapes as in ``ctrnn_forward``.
    x : ndarray of shape (T, n_in)
        Input.
    y : ndarray of shape (T, n_out)
        Target output.
    alpha : float
        Δt/τ.

    Returns
    -------
    g_in : ndarray of shape (n_rec, n_in)
        ∂L/∂W_in.
    g_rec : ndarray of shape (n_rec, n_rec)
        ∂L/∂W_rec.
    g_out : ndarray of shape (n_out, n_rec)
        ∂L/∂W_out.
    g_b : ndarray of shape (n_rec,)
        ∂L/∂b.
    """
    ### BEGIN SOLUTION
    u, h, y_hat = ctrnn_forward(w_in, w_rec, w_out, b, x, alpha)
    error = y_hat - y
    direct = error @ w_out  # W_outᵀ e_t for every t, shape (T, n_rec)
    gain = alpha * (1 - np.tanh(u) ** 2)  # ∂h_t/∂u_t = α tanh′(u_t) for every t
    du = np.zeros_like(u)
    dh = direct[-1]
    for t in range(len(x) - 1, 0, -1):
        du[t] = gain[t] * dh
        dh = direct[t - 1] + (1 - alpha) * dh + w_rec.T @ du[t]
    return du[1:].T @ x[1:], du[1:].T @ h[:-1], error.T @ h, du[1:].sum(axis=0)
    ### END SOLUTION


def rtrl_grad(w_in, w_rec, w_out, b, x, y, alpha=ALPHA):
    """Gradient of L = ½ Σ_t ‖ŷ_t − y_t‖² by real-time recurrent learning.

    Step forward from h_0 = 0 with the sensitivities P (of h to W_rec, shape
    (n, n, n)), Q (to W_in, (n, n, n_in)) and R (to b, (n, n)), all 0 at t = 0.
    At each step t = 1, …, T − 1, with D = α tanh′(u_t) and
    J = (1 − α) I + D[:, None] W_rec (the Jacobian ∂h_t/∂h_{t−1}):

        P ← J P, then P[k, k, :] += D[k] h_{t−1};
        Q ← J Q, then Q[k, k, :] += D[k] x_t;
        R ← J R, then R[k, k] += D[k];

    then with c = W_outᵀ e_t, e_t = ŷ_t − y_t, add Σ_k c[k] P[k] to ∂L/∂W_rec
    (likewise Q and R) and e_t h_tᵀ to ∂L/∂W_out. Nothing of the past is stored
    but the current h and the sensitivities.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w_in, w_rec, w_out, b : ndarray
        The network's parameters, shapes as in ``ctrnn_forward``.
    x : ndarray of shape (T, n_in)
        Input.
    y : ndarray of shape (T, n_out)
        Target output.
    alpha : float
        Δt/τ.

    Returns
    -------
    g_in, g_rec, g_out, g_b : ndarray
        ∂L/∂W_in, ∂L/∂W_rec, ∂L/∂W_out, ∂L/∂b, shapes as in ``bptt_grad``.
    """
    ### BEGIN SOLUTION
    n_rec, n_in = w_in.shape
    diag = np.arange(n_rec)
    p, q, r = np.zeros((n_rec, n_rec, n_rec)), np.zeros((n_rec, n_rec, n_in)), np.zeros((n_rec, n_rec))
    h = np.zeros(n_rec)
    g_in, g_rec, g_b = np.zeros((n_rec, n_in)), np.zeros((n_rec, n_rec)), np.zeros(n_rec)
    error = w_out @ h - y[0]
    g_out = np.outer(error, h)
    for t in range(1, len(x)):
        u = w_rec @ h + w_in @ x[t] + b
        d = alpha * (1 - np.tanh(u) ** 2)
        jacobian = (1 - alpha) * np.eye(n_rec) + d[:, None] * w_rec
        p = np.tensordot(jacobian, p, axes=1)
        p[diag, diag, :] += d[:, None] * h
        q = np.tensordot(jacobian, q, axes=1)
        q[diag, diag, :] += d[:, None] * x[t]
        r = jacobian @ r
        r[diag, diag] += d
        h = (1 - alpha) * h + alpha * np.tanh(u)
        error = w_out @ h - y[t]
        c = w_out.T @ error
        g_rec += np.tensordot(c, p, axes=1)
        g_in += np.tensordot(c, q, axes=1)
        g_b += c @ r
        g_out += np.outer(error, h)
    return g_in, g_rec, g_out, g_b
    ### END SOLUTION


def rtrl_sensitivities(w_in, w_rec, b, x, alpha=ALPHA):
    """RTRL's sensitivities at every step (for comparisons, e.g. with the eligibility traces of 7.10).

    Returns
    -------
    p_rec : ndarray of shape (T, n_rec, n_rec, n_rec)
        p_rec[t, k, i, j] = ∂h_t[k]/∂W_rec[i, j]; p_rec[0] = 0.
    p_in : ndarray of shape (T, n_rec, n_rec, n_in)
        p_in[t, k, i, j] = ∂h_t[k]/∂W_in[i, j].
    p_b : ndarray of shape (T, n_rec, n_rec)
        p_b[t, k, i] = ∂h_t[k]/∂b[i].
    """
    n_rec, n_in = w_in.shape
    n_steps, diag = len(x), np.arange(n_rec)
    p_rec, p_in = np.zeros((n_steps, n_rec, n_rec, n_rec)), np.zeros((n_steps, n_rec, n_rec, n_in))
    p_b = np.zeros((n_steps, n_rec, n_rec))
    u, h, _ = ctrnn_forward(w_in, w_rec, np.zeros((1, n_rec)), b, x, alpha)
    for t in range(1, n_steps):
        d = alpha * (1 - np.tanh(u[t]) ** 2)
        jacobian = (1 - alpha) * np.eye(n_rec) + d[:, None] * w_rec
        p_rec[t] = np.tensordot(jacobian, p_rec[t - 1], axes=1)
        p_rec[t, diag, diag, :] += d[:, None] * h[t - 1]
        p_in[t] = np.tensordot(jacobian, p_in[t - 1], axes=1)
        p_in[t, diag, diag, :] += d[:, None] * x[t]
        p_b[t] = jacobian @ p_b[t - 1]
        p_b[t, diag, diag] += d
    return p_rec, p_in, p_b


def original_page_grad(w_in, w_rec, w_out, b, x, y, alpha=ALPHA):
    """The original page's backward pass, in this section's column convention, as a "gradient".

    The page accumulates dw and steps w += (η/T) α dw (α dropped for W_out); the
    returned values are −α dw (−dw for W_out), the gradient the page's step follows.
    Its slips: error[t] for error[t − 1], W_rec for W_recᵀ, a bias gradient summed
    over all units, and t = 0 terms for W_in and b.

    Returns
    -------
    g_in, g_rec, g_out, g_b : ndarray
        Shapes as in ``bptt_grad``.
    """
    u, h, y_hat = ctrnn_forward(w_in, w_rec, w_out, b, x, alpha)
    err = y - y_hat
    err[0] = 0.0  # the page computes no output at its first step
    slope = 1 - np.tanh(u) ** 2
    direct = err @ w_out
    z, zu = np.zeros_like(h), np.zeros_like(h)
    z[-1] = direct[-1]
    for t in range(len(x) - 1, 0, -1):
        zu[t] = z[t] * slope[t]
        z[t - 1] = (1 - alpha) * z[t] + direct[t] + alpha * (w_rec @ zu[t])  # error[t], W_rec: the two slips
    zu[0] = z[0] * slope[0]  # a t = 0 term, where no u_0 exists
    dw_rec = zu[1:].T @ h[:-1]
    dw_in = zu.T @ x
    db = np.full(len(b), zu.sum())  # every bias gets the sum over all units
    return -alpha * dw_in, -alpha * dw_rec, -(err.T @ h), -alpha * db


def adam_train(params, x, y, n_epochs, grad=bptt_grad, lr=ADAM_LR, alpha=ALPHA):
    """Train with Adam (Kingma & Ba 2015) on one trial; returns the final parameters and the loss before each
    epoch's step (shape (n_epochs,))."""
    params = [np.array(p, dtype=float) for p in params]
    m, v = [np.zeros_like(p) for p in params], [np.zeros_like(p) for p in params]
    (beta1, beta2), losses = ADAM_BETAS, np.empty(n_epochs)
    for k in range(1, n_epochs + 1):
        losses[k - 1] = loss(*params, x, y, alpha)
        grads = grad(*params, x, y, alpha)
        for p, g, mk, vk in zip(params, grads, m, v):
            mk[...] = beta1 * mk + (1 - beta1) * g
            vk[...] = beta2 * vk + (1 - beta2) * g * g
            p -= lr * (mk / (1 - beta1 ** k)) / (np.sqrt(vk / (1 - beta2 ** k)) + ADAM_EPS)
    return params, losses


def cosine(a, b):
    """Cosine of the angle between two arrays of the same shape, read as vectors."""
    a, b = np.ravel(a), np.ravel(b)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


# Discovery answers: what a student finds with the functions above.
def original_cosine():
    """The cosine between the original page's W_rec gradient (``original_page_grad``) and the true
    ∂L/∂W_rec, for the initial weights init_params(default_rng(INIT_SEED)) on the task (32 units, 100 steps)."""
    params = init_params(np.random.default_rng(INIT_SEED))
    x, y = task()
    return cosine(original_page_grad(*params, x, y)[1], bptt_grad(*params, x, y)[1])


@functools.cache
def _training_run(original=False):
    """The notebook's training run: N_EPOCHS epochs of Adam from init_params(default_rng(INIT_SEED)) on the task,
    with BPTT's gradient or the original page's."""
    params = init_params(np.random.default_rng(INIT_SEED))
    x, y = task()
    return adam_train(params, x, y, N_EPOCHS, grad=original_page_grad if original else bptt_grad)


def loss_ratio():
    """The loss after N_EPOCHS = 100 epochs of Adam with bptt_grad, from init_params(default_rng(INIT_SEED)),
    divided by the initial loss."""
    params, losses = _training_run()
    return float(loss(*params, *task()) / losses[0])


def original_loss_ratio():
    """The loss after N_EPOCHS = 100 epochs of Adam with the original page's gradient (original_page_grad in place
    of bptt_grad), from init_params(default_rng(INIT_SEED)), divided by the initial loss."""
    params, losses = _training_run(original=True)
    return float(loss(*params, *task()) / losses[0])
