"""Eligibility traces and approximations of RTRL: RFLO and e-prop (section 7.10, 適格度トレースとRTRLの近似手法).

**A continuous-time rate network** (Murray 2019; the network of section 7.9). With input x_t, state h_t and
α = Δt/τ,

    u_t = W_rec h_{t−1} + W_in x_t,   h_t = (1 − α) h_{t−1} + α f(u_t),   y_t = W_out h_t,   f = tanh,

from h_{−1} = h0, and the loss L = (1/2T) Σ_t ‖y_t − y*_t‖². Real-time recurrent learning (RTRL, Williams &
Zipser 1989) carries the sensitivity of every unit to every weight, P_t^{k,ij} = ∂h_{t,k}/∂W_rec,ij:

    P_t^{k,ij} = (1 − α) P_{t−1}^{k,ij} + α f′(u_{t,k}) [δ_ki h_{t−1,j} + Σ_l W_rec,kl P_{t−1}^{l,ij}],

an n³ tensor updated at a cost of n⁴ per step. **Random feedback local online learning** (RFLO, Murray 2019)
drops the last term, the influence of weight W_ij on unit k through the other units. What is left is
diagonal in k, one number per synapse, an *eligibility trace*:

    P_t,ij = (1 − α) P_{t−1,ij} + α f′(u_{t,i}) h_{t−1,j},   Q_t,ij = (1 − α) Q_{t−1,ij} + α f′(u_{t,i}) x_{t,j},

and the error reaches unit i through a fixed random matrix B instead of W_outᵀ:

    ΔW_rec ∝ −(1/T) Σ_t (B e_t)_i P_t,ij,   ΔW_in ∝ −(1/T) Σ_t (B e_t)_i Q_t,ij,   e_t = y_t − y*_t.

With W_rec = 0 the dropped term vanishes and P_t equals RTRL's sensitivity exactly; with B = W_outᵀ as well the
RFLO gradient is the true gradient. The readout's gradient (1/T) Σ_t e_t h_tᵀ is exact in both.

Murray's published code (elife-43299-code1-v3, reproduced on the original page's repository) builds the input
trace Q from x_{t−1}, while u_t contains W_in x_t, and his own RTRL branch uses x_t: the trace here uses x_t.

**e-prop** (Bellec et al. 2020) applies the same factorisation to spiking networks. Leaky integrate-and-fire
units with a soft reset,

    v_t = α v_{t−1} + W_in x_t + W_rec z_{t−1} − v_th z_{t−1},   z_t = H(v_t − v_th),   y_t = κ y_{t−1} + W_out z_t,

(α = e^{−Δt/τ_m}, κ = e^{−Δt/τ_out}, v_{−1} = 0, z_{−1} = 0, y_{−1} = 0), replace the derivative of the step H by
the pseudo-derivative ψ_t = (γ/v_th) max(0, 1 − |v_t − v_th|/v_th). The gradient of L factorises exactly into
Σ_t (dL/dz_t,j)(dz_t,j/dW_ji); e-prop keeps the eligibility trace e_t,ji = ψ_t,j x̄_t,i (input weights, x̄ the
input filtered with α) or ψ_t,j z̄_{t−1,i} (recurrent weights, z̄ the spikes filtered with α), and replaces the
total derivative dL/dz_t,j by the learning signal L_t,j = Σ_k B_jk e_t,k seen through the readout's filter:

    ∂L/∂W_ji ≈ (1/T) Σ_t L_t,j ē_t,ji,   ē_t = κ ē_{t−1} + e_t.

As in Bellec et al. (2020, Methods), the reset is not differentiated (∂v_t/∂v_{t−1} = α). With W_rec = 0 and
B = W_outᵀ e-prop equals backpropagation through time with the same pseudo-derivative exactly
(``lif_bptt_grad``).

References
----------
Williams, R. J. & Zipser, D. (1989). A learning algorithm for continually running fully recurrent neural
networks. Neural Computation 1, 270–280.
Murray, J. M. (2019). Local online learning in recurrent networks with random feedback. eLife 8, e43299.
Bellec, G., Scherr, F., Subramoney, A., Hajek, E., Salaj, D., Legenstein, R. & Maass, W. (2020). A solution to
the learning dilemma for recurrent networks of spiking neurons. Nature Communications 11, 3625.
Lillicrap, T. P., Cownden, D., Tweed, D. B. & Akerman, C. J. (2016). Random synaptic feedback weights support
error backpropagation for deep learning. Nature Communications 7, 13276.
Marschall, O., Cho, K. & Savin, C. (2020). A unified framework of online learning algorithms for training
recurrent neural networks. Journal of Machine Learning Research 21, 1–34.
"""

import functools

import numpy as np

# The rate network and its task: Murray (2019), code supplement elife-43299-code1-v3 (tau_m = 10 steps).
ALPHA = 0.1  # Δt/τ: one step of 1 ms for τ = 10 ms (dimensionless)
N_REC = 30  # recurrent units (Murray: 50; fewer here for the time budget)
N_STEPS = 100  # steps per trial, one period of the target (Murray: 100)
H0 = 0.1  # initial state of every unit (Murray: h_init = 0.1)
G_REC = 1.5  # gain of the initial recurrent weights, W_rec = G_REC·N(0, 1)/√n (Murray: 1.5)
ETA_RATE = 0.1  # learning rate of W_rec and W_out per trial (Murray: 0.03 over 10 000 trials; larger for 100 trials)
N_TRIALS = 100  # training trials (Murray: 10 000; fewer for the time budget)
RATE_SEED = 10  # the generator of the initial weights and of B
# A small network whose exact gradient finite differences give cheaply (ours):
N_SMALL = 8  # recurrent units
N_STEPS_SMALL = 50  # steps per trial (the target's period)
SMALL_SEED = 3  # the generator of its weights
FD_STEP = 1e-5  # step of the central differences; their error ~ step² f‴ ~ 1e-10, round-off ~ 1e-16/step ~ 1e-11

# The spiking network and its task: Bellec et al. (2020), pattern generation (their Fig. 2), reduced.
DT = 1.0  # ms
TAU_M = 20.0  # membrane time constant, ms (Bellec et al. 2020)
TAU_OUT = 20.0  # readout time constant, ms (Bellec et al. 2020)
ALPHA_LIF = float(np.exp(-DT / TAU_M))  # membrane decay per step
KAPPA = float(np.exp(-DT / TAU_OUT))  # readout decay per step
V_TH = 0.5  # threshold (dimensionless; ours)
GAMMA_PD = 0.3  # dampening factor of the pseudo-derivative (Bellec et al. 2020)
N_IN_LIF = 20  # input spike trains (Bellec: 100)
N_LIF = 40  # recurrent LIF units (Bellec: 600)
N_STEPS_LIF = 200  # 200 ms per trial (Bellec: 1000 ms)
RATE_IN = 0.05  # input spike probability per step: 50 Hz (Bellec: 50 Hz)
ETA_LIF = 0.01  # learning rate (plain gradient descent; Bellec used Adam)
N_ITER_LIF = 40  # training iterations (Bellec: 1000)
LIF_SEED = 20  # the generator of the input spikes, the target, the initial weights and B


def ctrnn_forward(w_in, w_rec, w_out, x, h0=H0, alpha=ALPHA):
    """Run the continuous-time rate network through one trial.

    Parameters
    ----------
    w_in : ndarray of shape (n_rec, n_in)
    w_rec : ndarray of shape (n_rec, n_rec)
    w_out : ndarray of shape (n_out, n_rec)
    x : ndarray of shape (n_steps, n_in)
        Input at every step.
    h0 : float or ndarray of shape (n_rec,)
        State before the first step.
    alpha : float
        Δt/τ.

    Returns
    -------
    u : ndarray of shape (n_steps, n_rec)
        Total input u_t = W_rec h_{t−1} + W_in x_t.
    h : ndarray of shape (n_steps, n_rec)
        State h_t after step t.
    y : ndarray of shape (n_steps, n_out)
        Output W_out h_t.
    """
    n_steps, n_rec = len(x), len(w_rec)
    u, h = np.empty((n_steps, n_rec)), np.empty((n_steps, n_rec))
    h_prev = np.broadcast_to(np.asarray(h0, dtype=float), (n_rec,))
    drive = x @ w_in.T
    for t in range(n_steps):
        u[t] = w_rec @ h_prev + drive[t]
        h[t] = h_prev = (1 - alpha) * h_prev + alpha * np.tanh(u[t])
    return u, h, h @ w_out.T


def ctrnn_loss(w_in, w_rec, w_out, x, target, h0=H0, alpha=ALPHA):
    """The loss L = (1/2T) Σ_t ‖y_t − y*_t‖² of one trial (dimensionless)."""
    y = ctrnn_forward(w_in, w_rec, w_out, x, h0, alpha)[2]
    return 0.5 * float(np.sum((y - target) ** 2)) / len(x)


def rflo_grad(w_in, w_rec, w_out, feedback, x, target, h0=H0, alpha=ALPHA):
    """RFLO's estimate of the gradient of the loss of one trial (Murray 2019).

    Runs the network with ``ctrnn_forward`` and, along the trial, the eligibility traces
    P_t = (1 − α) P_{t−1} + α f′(u_t) h_{t−1}ᵀ and Q_t = (1 − α) Q_{t−1} + α f′(u_t) x_tᵀ (from P = Q = 0 before
    the first step, h_{−1} = h0, f′ = 1 − tanh²), with the error e_t = y_t − y*_t fed back through ``feedback``.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w_in : ndarray of shape (n_rec, n_in)
    w_rec : ndarray of shape (n_rec, n_rec)
    w_out : ndarray of shape (n_out, n_rec)
    feedback : ndarray of shape (n_rec, n_out)
        The feedback matrix B that carries the error to the units.
    x : ndarray of shape (n_steps, n_in)
        Input at every step.
    target : ndarray of shape (n_steps, n_out)
        Target output y*_t.
    h0 : float or ndarray of shape (n_rec,)
        State before the first step.
    alpha : float
        Δt/τ.

    Returns
    -------
    grad_in : ndarray of shape (n_rec, n_in)
        (1/T) Σ_t (B e_t)_i Q_t,ij.
    grad_rec : ndarray of shape (n_rec, n_rec)
        (1/T) Σ_t (B e_t)_i P_t,ij.
    grad_out : ndarray of shape (n_out, n_rec)
        (1/T) Σ_t e_t h_tᵀ, the exact gradient of the loss.
    loss : float
        (1/2T) Σ_t ‖e_t‖².
    """
    ### BEGIN SOLUTION
    u, h, y = ctrnn_forward(w_in, w_rec, w_out, x, h0, alpha)
    error = y - target  # e_t
    h_prev = np.vstack([np.broadcast_to(np.asarray(h0, dtype=float), (1, len(w_rec))), h[:-1]])  # h_{t−1}
    slope = alpha * (1 - np.tanh(u) ** 2)  # α f′(u_t)
    signal = error @ feedback.T  # B e_t, one row per step
    p, q = np.zeros(w_rec.shape), np.zeros(w_in.shape)  # the eligibility traces
    grad_in, grad_rec = np.zeros(w_in.shape), np.zeros(w_rec.shape)
    for t in range(len(x)):
        p = (1 - alpha) * p + np.outer(slope[t], h_prev[t])
        q = (1 - alpha) * q + np.outer(slope[t], x[t])
        grad_rec += signal[t][:, None] * p
        grad_in += signal[t][:, None] * q
    n_steps = len(x)
    return grad_in / n_steps, grad_rec / n_steps, error.T @ h / n_steps, 0.5 * float(np.sum(error**2)) / n_steps
    ### END SOLUTION


def pseudo_derivative(v, v_th=V_TH, gamma=GAMMA_PD):
    """The pseudo-derivative of a spike with respect to the membrane potential (Bellec et al. 2018, 2020).

    ψ = (γ/v_th) max(0, 1 − |v − v_th|/v_th): a triangle of height γ/v_th centred on the threshold, zero below 0
    and above 2 v_th.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : float or ndarray
        Membrane potential (same unit as v_th).
    v_th : float
        Threshold, > 0.
    gamma : float
        Dampening factor γ.

    Returns
    -------
    float or ndarray of the shape of v
        ψ(v), in 1/(unit of v).
    """
    ### BEGIN SOLUTION
    return gamma / v_th * np.maximum(0.0, 1 - np.abs((np.asarray(v, dtype=float) - v_th) / v_th))
    ### END SOLUTION


def lif_forward(w_in, w_rec, w_out, x, v_th=V_TH, alpha=ALPHA_LIF, kappa=KAPPA):
    """Run the LIF network with soft reset and leaky readout through one trial.

    v_t = α v_{t−1} + W_in x_t + W_rec z_{t−1} − v_th z_{t−1}, z_t = H(v_t − v_th), y_t = κ y_{t−1} + W_out z_t,
    from v = z = y = 0.

    Parameters
    ----------
    w_in : ndarray of shape (n_rec, n_in)
    w_rec : ndarray of shape (n_rec, n_rec)
    w_out : ndarray of shape (n_out, n_rec)
    x : ndarray of shape (n_steps, n_in)
        Input spikes (0 or 1) at every step.

    Returns
    -------
    v : ndarray of shape (n_steps, n_rec)
        Membrane potential v_t (before the reset its spike causes at the next step).
    z : ndarray of shape (n_steps, n_rec)
        Spikes z_t, 0 or 1.
    y : ndarray of shape (n_steps, n_out)
        Readout y_t.
    """
    n_steps, n_rec = len(x), len(w_rec)
    v, z = np.empty((n_steps, n_rec)), np.empty((n_steps, n_rec))
    v_prev, z_prev = np.zeros(n_rec), np.zeros(n_rec)
    drive = x @ w_in.T
    for t in range(n_steps):
        v[t] = v_prev = alpha * v_prev + drive[t] + w_rec @ z_prev - v_th * z_prev
        z[t] = z_prev = (v_prev > v_th).astype(float)
    return v, z, leaky_filter(z @ w_out.T, kappa)


def leaky_filter(signal, decay):
    """The leaky (exponential) filter s̄_t = decay·s̄_{t−1} + s_t along the first axis, from s̄_{−1} = 0.

    Parameters
    ----------
    signal : ndarray of shape (n_steps, ...)
    decay : float
        Factor per step, between 0 and 1.

    Returns
    -------
    ndarray of the shape of signal
    """
    filtered = np.empty_like(signal, dtype=float)
    running = np.zeros(signal.shape[1:])
    for t in range(len(signal)):
        filtered[t] = running = decay * running + signal[t]
    return filtered


def eprop_grad(w_in, w_rec, w_out, feedback, x, target, v_th=V_TH, alpha=ALPHA_LIF, kappa=KAPPA, gamma=GAMMA_PD):
    """e-prop's estimate of the gradient of the loss of one trial of the LIF network (Bellec et al. 2020).

    Runs the network with ``lif_forward`` and computes, with ψ_t = pseudo_derivative(v_t), the eligibility traces
    e_t,ji = ψ_t,j x̄_t,i (input weights) and ψ_t,j z̄_{t−1,i} (recurrent weights), where x̄_t = α x̄_{t−1} + x_t and
    z̄_t = α z̄_{t−1} + z_t (z̄_{−1} = 0), filters them with the readout's κ, ē_t = κ ē_{t−1} + e_t, and weights them
    with the learning signal L_t = B e_t, e_t = y_t − y*_t.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w_in : ndarray of shape (n_rec, n_in)
    w_rec : ndarray of shape (n_rec, n_rec)
    w_out : ndarray of shape (n_out, n_rec)
    feedback : ndarray of shape (n_rec, n_out)
        The feedback matrix B that carries the error to the units.
    x : ndarray of shape (n_steps, n_in)
        Input spikes.
    target : ndarray of shape (n_steps, n_out)
        Target output y*_t.
    v_th, alpha, kappa, gamma : float
        Threshold, membrane decay e^{−Δt/τ_m}, readout decay e^{−Δt/τ_out}, dampening factor.

    Returns
    -------
    grad_in : ndarray of shape (n_rec, n_in)
        (1/T) Σ_t L_t,j ē_t,ji for the input weights.
    grad_rec : ndarray of shape (n_rec, n_rec)
        The same for the recurrent weights.
    grad_out : ndarray of shape (n_out, n_rec)
        (1/T) Σ_t e_t ž_tᵀ with ž_t = κ ž_{t−1} + z_t, the exact gradient of the loss.
    loss : float
        (1/2T) Σ_t ‖e_t‖².
    """
    ### BEGIN SOLUTION
    v, z, y = lif_forward(w_in, w_rec, w_out, x, v_th, alpha, kappa)
    error = y - target  # e_t
    psi = pseudo_derivative(v, v_th, gamma)  # ψ_t
    signal = error @ feedback.T  # the learning signal L_t = B e_t, one row per step
    x_bar, z_bar = np.zeros(w_in.shape[1]), np.zeros(len(w_rec))  # x̄_t and z̄_{t−1}
    e_in, e_rec = np.zeros(w_in.shape), np.zeros(w_rec.shape)  # the filtered eligibility traces ē_t
    grad_in, grad_rec = np.zeros(w_in.shape), np.zeros(w_rec.shape)
    for t in range(len(x)):
        x_bar = alpha * x_bar + x[t]
        e_in = kappa * e_in + np.outer(psi[t], x_bar)
        e_rec = kappa * e_rec + np.outer(psi[t], z_bar)
        grad_in += signal[t][:, None] * e_in
        grad_rec += signal[t][:, None] * e_rec
        z_bar = alpha * z_bar + z[t]  # becomes z̄_{t} for the next step
    n_steps = len(x)
    grad_out = error.T @ leaky_filter(z, kappa) / n_steps
    return grad_in / n_steps, grad_rec / n_steps, grad_out, 0.5 * float(np.sum(error**2)) / n_steps
    ### END SOLUTION


def rate_task(n_steps=N_STEPS):
    """Murray's (2019) task: no input, and the target sin(2πt/T) + ½ sin(4πt/T) + ¼ sin(8πt/T) over one period.

    Returns
    -------
    x : ndarray of shape (n_steps, 1)
        Zeros.
    target : ndarray of shape (n_steps, 1)
    """
    phase = 2 * np.pi * np.arange(n_steps) / n_steps
    target = np.sin(phase) + 0.5 * np.sin(2 * phase) + 0.25 * np.sin(4 * phase)
    return np.zeros((n_steps, 1)), target[:, None]


def rate_network(rng, n_rec=N_REC, n_in=1, n_out=1, gain=G_REC):
    """Murray's (2019) initial weights and random feedback matrix.

    W_in = 0.1 (U(0, 1) − 1) (Murray's one-signed draw, unused by the input-free task), W_rec = gain·N(0, 1)/√n,
    W_out = 0.1 (2 U(0, 1) − 1)/√n, B = N(0, 1)/√n_out.

    Returns
    -------
    w_in : ndarray of shape (n_rec, n_in)
    w_rec : ndarray of shape (n_rec, n_rec)
    w_out : ndarray of shape (n_out, n_rec)
    feedback : ndarray of shape (n_rec, n_out)
    """
    w_in = 0.1 * (rng.random((n_rec, n_in)) - 1)
    w_rec = gain * rng.standard_normal((n_rec, n_rec)) / np.sqrt(n_rec)
    w_out = 0.1 * (2 * rng.random((n_out, n_rec)) - 1) / np.sqrt(n_rec)
    feedback = rng.standard_normal((n_rec, n_out)) / np.sqrt(n_out)
    return w_in, w_rec, w_out, feedback


def alignment(w_out, feedback):
    """The normalised dot product of vec(W_out) and vec(Bᵀ), between −1 and 1 (Murray 2019; Lillicrap et al. 2016)."""
    a, b = np.ravel(w_out), np.ravel(np.transpose(feedback))
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def train(grad, weights, feedback, x, target, n_trials, eta, learn_in=False):
    """Gradient descent with a gradient estimate ``grad``, one step per trial.

    ``grad(w_in, w_rec, w_out, feedback, x, target)`` returns (grad_in, grad_rec, grad_out, loss); every trial
    moves W_rec and W_out (and W_in if ``learn_in``) by −eta times their gradient. ``feedback`` None means
    B = W_outᵀ at every trial (symmetric feedback).

    Returns
    -------
    weights : tuple of ndarray
        (w_in, w_rec, w_out) after training.
    losses : ndarray of shape (n_trials,)
        The loss of every trial, before its step.
    alignments : ndarray of shape (n_trials + 1,)
        ``alignment(w_out, feedback)`` before the first trial and after every trial (nan for feedback None).
    """
    w_in, w_rec, w_out = weights
    losses, alignments = np.empty(n_trials), np.full(n_trials + 1, np.nan)
    for trial in range(n_trials + 1):
        if feedback is not None:
            alignments[trial] = alignment(w_out, feedback)
        if trial == n_trials:
            break
        g_in, g_rec, g_out, losses[trial] = grad(w_in, w_rec, w_out, w_out.T if feedback is None else feedback,
                                                 x, target)
        w_rec, w_out = w_rec - eta * g_rec, w_out - eta * g_out
        if learn_in:
            w_in = w_in - eta * g_in
    return (w_in, w_rec, w_out), losses, alignments


def ctrnn_exact_grad(w_in, w_rec, w_out, x, target, h0=H0, alpha=ALPHA):
    """The exact gradient of the loss by backpropagation through time (the reference for the checks).

    Returns
    -------
    grad_in, grad_rec, grad_out : ndarray
        Shapes of w_in, w_rec, w_out.
    """
    u, h, y = ctrnn_forward(w_in, w_rec, w_out, x, h0, alpha)
    n_steps = len(x)
    error = (y - target) / n_steps
    h_prev = np.vstack([np.broadcast_to(np.asarray(h0, dtype=float), (1, len(w_rec))), h[:-1]])
    slope = 1 - np.tanh(u) ** 2
    delta_u = np.empty_like(u)  # dL/du_t
    carried = np.zeros(len(w_rec))  # dL/dh_t through h_{t+1}
    for t in range(n_steps - 1, -1, -1):
        total = error[t] @ w_out + carried  # dL/dh_t
        delta_u[t] = alpha * slope[t] * total
        carried = (1 - alpha) * total + delta_u[t] @ w_rec
    return delta_u.T @ x, delta_u.T @ h_prev, error.T @ h


def lif_task(rng, n_in=N_IN_LIF, n_rec=N_LIF, n_steps=N_STEPS_LIF, rate=RATE_IN):
    """Frozen Poisson input, a target of three sines and initial weights for the LIF network.

    The target is a sum of sines of 5, 10 and 15 Hz (period 200, 100 and 67 ms) with random amplitudes in
    [0.5, 2] and phases, as in Bellec et al.'s (2020) pattern generation task (there of 1, 2, 3, 5 Hz over 1 s).

    Returns
    -------
    x : ndarray of shape (n_steps, n_in)
        Input spikes, 0 or 1.
    target : ndarray of shape (n_steps, 1)
    weights : tuple (w_in, w_rec, w_out)
        w_in = N(0, 1)/√n_in, w_rec = 0.5 N(0, 1)/√n_rec without self-connections, w_out = N(0, 1)/√n_rec.
    feedback : ndarray of shape (n_rec, 1)
        A random B = N(0, 1)/√n_rec.
    """
    x = (rng.random((n_steps, n_in)) < rate).astype(float)
    t = np.arange(n_steps) * DT / 1000.0  # s
    amplitudes, phases = rng.uniform(0.5, 2.0, 3), rng.uniform(0, 2 * np.pi, 3)
    target = sum(a * np.sin(2 * np.pi * f * t + p) for a, f, p in zip(amplitudes, (5.0, 10.0, 15.0), phases))
    w_in = rng.standard_normal((n_rec, n_in)) / np.sqrt(n_in)
    w_rec = 0.5 * rng.standard_normal((n_rec, n_rec)) / np.sqrt(n_rec)
    np.fill_diagonal(w_rec, 0.0)
    w_out = rng.standard_normal((1, n_rec)) / np.sqrt(n_rec)
    feedback = rng.standard_normal((n_rec, 1)) / np.sqrt(n_rec)
    return x, target[:, None], (w_in, w_rec, w_out), feedback


def lif_bptt_grad(w_in, w_rec, w_out, x, target, v_th=V_TH, alpha=ALPHA_LIF, kappa=KAPPA, gamma=GAMMA_PD):
    """Backpropagation through time in the LIF network with the pseudo-derivative for dz_t/dv_t and the reset not
    differentiated (∂v_t/∂v_{t−1} = α), as in e-prop's derivation (Bellec et al. 2020).

    Returns
    -------
    grad_in, grad_rec, grad_out : ndarray
        Shapes of w_in, w_rec, w_out.
    """
    v, z, y = lif_forward(w_in, w_rec, w_out, x, v_th, alpha, kappa)
    n_steps, n_rec = len(x), len(w_rec)
    error = (y - target) / n_steps
    psi = pseudo_derivative(v, v_th, gamma)
    readout = leaky_filter(error[::-1], kappa)[::-1] @ w_out  # ∂L/∂z_t through the readout
    delta_v = np.empty_like(v)  # dL/dv_t
    later_v = np.zeros(n_rec)  # dL/dv_{t+1}
    for t in range(n_steps - 1, -1, -1):
        dz = readout[t] + later_v @ w_rec  # dL/dz_t: readout and recurrent synapses (the reset is not differentiated)
        delta_v[t] = later_v = psi[t] * dz + alpha * later_v
    z_prev = np.vstack([np.zeros((1, n_rec)), z[:-1]])
    return delta_v.T @ x, delta_v.T @ z_prev, error.T @ leaky_filter(z, kappa)


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
def small_network(gain=G_REC):
    """The small network of the finite-difference comparison: (w_in, w_rec, w_out), x and target, with W_rec
    scaled to ``gain`` (rate_network(default_rng(SMALL_SEED), N_SMALL, gain=gain) and rate_task(N_STEPS_SMALL))."""
    w_in, w_rec, w_out, _ = rate_network(np.random.default_rng(SMALL_SEED), N_SMALL, gain=gain)
    x, target = rate_task(N_STEPS_SMALL)
    return (w_in, w_rec, w_out), x, target


def rflo_cosine():
    """The cosine of the angle between RFLO's gradient of W_rec with symmetric feedback (B = W_outᵀ) and the exact
    gradient of W_rec, both flattened, for the small network (``small_network()``, gain G_REC = 1.5)."""
    (w_in, w_rec, w_out), x, target = small_network()
    approx = rflo_grad(w_in, w_rec, w_out, w_out.T, x, target)[1].ravel()
    exact = ctrnn_exact_grad(w_in, w_rec, w_out, x, target)[1].ravel()
    return float(approx @ exact / (np.linalg.norm(approx) * np.linalg.norm(exact)))


@functools.cache
def _rate_runs():
    """The two training runs of Figure 3: RFLO with the random B and with B = W_outᵀ."""
    w_in, w_rec, w_out, feedback = rate_network(np.random.default_rng(RATE_SEED))
    x, target = rate_task()
    return (train(rflo_grad, (w_in, w_rec, w_out), feedback, x, target, N_TRIALS, ETA_RATE),
            train(rflo_grad, (w_in, w_rec, w_out), None, x, target, N_TRIALS, ETA_RATE))


def readout_alignment():
    """The alignment of W_out with Bᵀ (``alignment``) after N_TRIALS trials of RFLO with random feedback on
    Murray's task, from rate_network(default_rng(RATE_SEED)), learning rate ETA_RATE."""
    return float(_rate_runs()[0][2][-1])
