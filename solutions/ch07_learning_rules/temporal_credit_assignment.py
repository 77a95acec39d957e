"""Temporal credit assignment (section 7.8, 経時的貢献度分配問題).

A recurrent network uses the same weights at every step, so a weight change at
step s affects every later state and every later loss. For the linear
recurrent network

    h_t = W h_{t−1} + U x_t,   ŷ_t = C h_t,   t = 1 … T,  h_0 given,

with the loss L = Σ_t L_t, L_t = ½‖ŷ_t − y*_t‖², and θ = W (|θ| = d² for
d hidden units), write W_s for the copy of W used at step s. The gradient is a
double sum over the steps of the loss and the steps of the use,

    ∂L/∂W = Σ_{t=1}^{T} Σ_{s=1}^{t} ∂L_t/∂W_s,
    ∂L_t/∂W_s = (W^{t−s})ᵀ Cᵀ e_t h_{s−1}ᵀ,   e_t = ŷ_t − y*_t,

zero for s > t (a weight cannot change the past). The triangle can be summed
in two orders (Marschall, Cho & Savin 2020):

* future-facing, s outermost (backpropagation through time, BPTT; Werbos
  1990): the credit δ_s = Σ_{t≥s} ∂L_t/∂h_s obeys δ_s = Cᵀe_s + Wᵀδ_{s+1},
  δ_{T+1} = 0, computed backwards after the forward pass; ∂L/∂W = Σ_s δ_s h_{s−1}ᵀ.
  It keeps the states h_0 … h_{T−1} until the backward pass reaches them:
  memory O(T·d), time O(T·d²). This is reverse-mode differentiation.
* past-facing, t outermost (real-time recurrent learning, RTRL; Williams &
  Zipser 1989): the sensitivity P_t = Σ_{s≤t} ∂h_t/∂W_s, P_t[i, j, k] =
  ∂h_{t,i}/∂W_{jk}, obeys P_t = P̃_t + J_t P_{t−1} with the immediate term
  P̃_t[i, j, k] = 1(i = j) h_{t−1,k}, the Jacobian J_t = ∂h_t/∂h_{t−1} = W and
  P_0 = 0; ∂L/∂W = Σ_t Σ_i (Cᵀe_t)_i P_t[i]. It runs online, forward in time,
  and keeps only P_t: memory O(d·|θ|) = O(d³), time O(d²·|θ|) = O(d⁴) per step.
  This is forward-mode differentiation.

Both orders sum the same terms, so the totals agree to round-off. The original
site lists this section in its table of contents (https://compneuro-julia.github.io/,
7.8 「経時的貢献度分配問題」) without a page; its later book text derives the
same two recursions following Marschall et al. (2020).

The network size, the task (recall the input of DELAY steps before) and the
spectral radius are this notebook's choices: small enough that the explicit
double sum (T²·d² numbers) is cheap.

References
----------
Williams, R. J. & Zipser, D. (1989). A learning algorithm for continually
running fully recurrent neural networks. Neural Computation 1, 270–280.
Werbos, P. J. (1990). Backpropagation through time: what it does and how to do
it. Proceedings of the IEEE 78, 1550–1560.
Griewank, A. & Walther, A. (2008). Evaluating Derivatives, 2nd ed. SIAM (forward
and reverse mode).
Lillicrap, T. P. & Santoro, A. (2019). Backpropagation through time and the
brain. Current Opinion in Neurobiology 55, 82–89.
Marschall, O., Cho, K. & Savin, C. (2020). A unified framework of online
learning algorithms for training recurrent neural networks. Journal of Machine
Learning Research 21(135), 1–34.
"""

import functools

import numpy as np

N_HIDDEN = 6  # d, hidden units (this notebook's choice: |θ| = d² = 36 recurrent weights)
N_IN = 2  # inputs
N_OUT = 2  # outputs, one per input: the task recalls each input
T_STEPS = 40  # steps of a sequence
DELAY = 3  # steps: the target is the input DELAY steps before, y*_t = x_{t−DELAY} (0 for t ≤ DELAY)
RHO = 0.8  # spectral radius of the initial W = RHO · (random orthogonal matrix)
NET_SEED = 78  # seed of default_rng for the notebook's network and sequence
ETA = 0.002  # learning rate of gradient descent on W, per sequence (small enough for a smooth decrease of the loss)
N_TRAIN = 100  # gradient steps of the training figure (the loss has fallen to a quarter by then)
TOLERANCE_TRUNCATION = 0.01  # the relative error of the truncated gradient that the discovery question asks for


def linear_rnn_forward(w, u, x, h0):
    """States of the linear recurrent network h_t = W h_{t−1} + U x_t for t = 1 … T.

    Parameters
    ----------
    w : ndarray of shape (d, d)
        Recurrent weights W.
    u : ndarray of shape (d, n_in)
        Input weights U.
    x : ndarray of shape (T, n_in)
        Inputs x_1 … x_T, one step per row.
    h0 : ndarray of shape (d,)
        Initial state h_0.

    Returns
    -------
    ndarray of shape (T + 1, d)
        The states h_0, h_1, …, h_T, one per row.
    """
    h = np.empty((len(x) + 1, len(h0)))
    h[0] = h0
    drive = x @ u.T
    for t in range(len(x)):
        h[t + 1] = w @ h[t] + drive[t]
    return h


def rnn_loss(w, u, c, x, target, h0):
    """The loss L = Σ_t ½‖C h_t − y*_t‖² of a sequence (dimensionless).

    Parameters
    ----------
    w, u, x, h0 : as in ``linear_rnn_forward``
    c : ndarray of shape (n_out, d)
        Readout weights C.
    target : ndarray of shape (T, n_out)
        Targets y*_1 … y*_T.

    Returns
    -------
    float
    """
    errors = linear_rnn_forward(w, u, x, h0)[1:] @ c.T - target
    return 0.5 * float(np.sum(errors**2))


def numerical_gradient(w, u, c, x, target, h0, eps=1e-5):
    """∂L/∂W by central differences of ``rnn_loss``, one weight at a time (2 d² forward passes).

    L is a polynomial in W, so the error of a central difference is O(eps²) times its third derivative (≈ 1e-9
    relative here), and round-off adds ≈ 1e-16 · L / eps (≈ 1e-10).

    Returns
    -------
    ndarray of shape (d, d)
    """
    grad = np.zeros(w.shape)
    for index in np.ndindex(w.shape):
        step = np.zeros(w.shape)
        step[index] = eps
        grad[index] = (rnn_loss(w + step, u, c, x, target, h0) - rnn_loss(w - step, u, c, x, target, h0)) / (2 * eps)
    return grad


def make_network(rng, n_hidden=N_HIDDEN, n_in=N_IN, n_out=N_OUT, rho=RHO):
    """A random network: W = ρ Q with Q orthogonal (every eigenvalue of modulus ρ), U and C Gaussian.

    Returns
    -------
    w : ndarray of shape (n_hidden, n_hidden)
    u : ndarray of shape (n_hidden, n_in)
        Entries N(0, 1/n_in).
    c : ndarray of shape (n_out, n_hidden)
        Entries N(0, 1/n_hidden).
    """
    q, r = np.linalg.qr(rng.standard_normal((n_hidden, n_hidden)))
    w = rho * q * np.sign(np.diag(r))
    u = rng.standard_normal((n_hidden, n_in)) / np.sqrt(n_in)
    c = rng.standard_normal((n_out, n_hidden)) / np.sqrt(n_hidden)
    return w, u, c


def delay_task(rng, n_steps=T_STEPS, n_in=N_IN, delay=DELAY):
    """A sequence of Gaussian inputs and its targets, the inputs ``delay`` steps before.

    Returns
    -------
    x : ndarray of shape (n_steps, n_in)
        Inputs, N(0, 1).
    target : ndarray of shape (n_steps, n_in)
        y*_t = x_{t−delay}, and 0 for the first ``delay`` steps.
    """
    x = rng.standard_normal((n_steps, n_in))
    target = np.zeros_like(x)
    target[delay:] = x[:-delay]
    return x, target


def credit_contributions(w, u, c, x, target, h0):
    """Every term ∂L_t/∂W_s of the gradient of a linear recurrent network, written out explicitly.

    For the network h_t = W h_{t−1} + U x_t, ŷ_t = C h_t, with the loss
    L_t = ½‖ŷ_t − y*_t‖² at step t and W_s the copy of W used at step s,

        ∂L_t/∂W_s = (W^{t−s})ᵀ Cᵀ e_t h_{s−1}ᵀ for s ≤ t, and 0 for s > t,

    with e_t = C h_t − y*_t. Entry ``[a, b]`` of the result is the term with
    t = a + 1 and s = b + 1 (rows: the step of the loss; columns: the step at
    which W was used; both counted from 0 for the first step).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (d, d)
        Recurrent weights W.
    u : ndarray of shape (d, n_in)
        Input weights U.
    c : ndarray of shape (n_out, d)
        Readout weights C.
    x : ndarray of shape (T, n_in)
        Inputs x_1 … x_T.
    target : ndarray of shape (T, n_out)
        Targets y*_1 … y*_T.
    h0 : ndarray of shape (d,)
        Initial state h_0.

    Returns
    -------
    ndarray of shape (T, T, d, d)
        The terms ∂L_t/∂W_s; zero above the diagonal (s > t). Their sum over
        the first two axes is ∂L/∂W.
    """
    ### BEGIN SOLUTION
    h = linear_rnn_forward(w, u, x, h0)
    n_steps, d = len(x), len(h0)
    errors = h[1:] @ c.T - target  # e_t, one row per step
    terms = np.zeros((n_steps, n_steps, d, d))
    for t in range(n_steps):
        credit = c.T @ errors[t]  # ∂L_t/∂h_t
        for s in range(t, -1, -1):  # s = t, t − 1, …: the credit moves back one step through Wᵀ each time
            terms[t, s] = np.outer(credit, h[s])  # h[s] is h_{s−1} of step s + 1
            credit = w.T @ credit
    return terms
    ### END SOLUTION


def grad_future_facing(w, u, c, x, target, h0):
    """∂L/∂W summed future-facing: backpropagation through time.

    After the forward pass, the credit δ_t = ∂L/∂h_t (through all later
    steps) runs backwards, δ_T = Cᵀe_T and δ_t = Cᵀe_t + Wᵀ δ_{t+1}, and
    ∂L/∂W = Σ_t δ_t h_{t−1}ᵀ, with e_t = C h_t − y*_t.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (d, d)
        Recurrent weights W.
    u : ndarray of shape (d, n_in)
        Input weights U.
    c : ndarray of shape (n_out, d)
        Readout weights C.
    x : ndarray of shape (T, n_in)
        Inputs x_1 … x_T.
    target : ndarray of shape (T, n_out)
        Targets y*_1 … y*_T.
    h0 : ndarray of shape (d,)
        Initial state h_0.

    Returns
    -------
    grad : ndarray of shape (d, d)
        ∂L/∂W.
    delta : ndarray of shape (T, d)
        The credits δ_1 … δ_T, one per row.
    """
    ### BEGIN SOLUTION
    h = linear_rnn_forward(w, u, x, h0)  # kept for the backward pass: O(T·d)
    errors = h[1:] @ c.T - target
    delta = np.zeros((len(x), len(h0)))
    grad = np.zeros_like(w, dtype=float)
    following = np.zeros(len(h0))  # δ_{T+1} = 0
    for t in range(len(x) - 1, -1, -1):
        following = c.T @ errors[t] + w.T @ following
        delta[t] = following
        grad += np.outer(following, h[t])
    return grad, delta
    ### END SOLUTION


def grad_past_facing(w, u, c, x, target, h0):
    """∂L/∂W summed past-facing: real-time recurrent learning.

    Forward in time, the sensitivity P_t[i, j, k] = ∂h_{t,i}/∂W_{jk} follows
    P_t[i, j, k] = Σ_l W_{il} P_{t−1}[l, j, k] + 1(i = j) h_{t−1,k}, from
    P_0 = 0, and every step adds its loss's share Σ_i (Cᵀe_t)_i P_t[i, j, k]
    to ∂L/∂W_{jk}, with e_t = C h_t − y*_t. Nothing needs to be stored from one
    step to the next but h_t, P_t and the running gradient.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (d, d)
        Recurrent weights W.
    u : ndarray of shape (d, n_in)
        Input weights U.
    c : ndarray of shape (n_out, d)
        Readout weights C.
    x : ndarray of shape (T, n_in)
        Inputs x_1 … x_T.
    target : ndarray of shape (T, n_out)
        Targets y*_1 … y*_T.
    h0 : ndarray of shape (d,)
        Initial state h_0.

    Returns
    -------
    grad : ndarray of shape (d, d)
        ∂L/∂W.
    p : ndarray of shape (d, d, d)
        The sensitivity P_T = ∂h_T/∂W after the last step.
    """
    ### BEGIN SOLUTION
    d = len(h0)
    h = np.array(h0, dtype=float)
    p = np.zeros((d, d, d))
    grad = np.zeros((d, d))
    eye = np.eye(d)
    for t in range(len(x)):
        p = np.einsum("il,ljk->ijk", w, p) + eye[:, :, None] * h[None, None, :]  # J_t P_{t−1} + P̃_t
        h = w @ h + u @ x[t]
        grad += np.einsum("i,ijk->jk", c.T @ (c @ h - target[t]), p)
    return grad, p
    ### END SOLUTION


def truncated_gradient(terms, max_lag):
    """The sum of the terms ∂L_t/∂W_s with lag 0 ≤ t − s ≤ max_lag (truncated BPTT).

    Parameters
    ----------
    terms : ndarray of shape (T, T, d, d)
        What ``credit_contributions`` returns.
    max_lag : int

    Returns
    -------
    ndarray of shape (d, d)
    """
    n_steps = len(terms)
    lag = np.arange(n_steps)[:, None] - np.arange(n_steps)[None, :]
    keep = (lag >= 0) & (lag <= max_lag)
    return np.einsum("ts,tsjk->jk", keep.astype(float), terms)


@functools.cache
def notebook_problem():
    """The notebook's network and sequence: make_network then delay_task, from default_rng(NET_SEED), h_0 = 0."""
    rng = np.random.default_rng(NET_SEED)
    w, u, c = make_network(rng)
    x, target = delay_task(rng)
    return w, u, c, x, target, np.zeros(N_HIDDEN)


def truncation_errors(terms):
    """Relative error ‖g_K − g‖/‖g‖ of the truncated gradient g_K for K = 0 … T − 1 (Frobenius norms)."""
    total = terms.sum(axis=(0, 1))
    return np.array([np.linalg.norm(truncated_gradient(terms, k) - total) for k in range(len(terms))]) \
        / np.linalg.norm(total)


# Discovery answers: what a student finds with the functions above. tests/test_checks.py holds the checks' expected
# values to these.
def truncation_lag():
    """The smallest K for which the gradient summed over the lags 0 ≤ t − s ≤ K only (truncated BPTT) lies within 1 %
    of the full gradient, ‖g_K − g‖ < 0.01 ‖g‖ (Frobenius norms), for the notebook's network and sequence at the
    start of training (notebook_problem())."""
    errors = truncation_errors(credit_contributions(*notebook_problem()))
    return int(np.argmax(errors < TOLERANCE_TRUNCATION))
