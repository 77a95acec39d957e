"""Spike-timing-dependent plasticity (section 7.3, STDP則).

A synapse grows when the presynaptic spike comes shortly before the
postsynaptic one and shrinks when it comes after (Markram et al. 1997; Bi & Poo
1998). The pair-based rule of Song, Miller & Abbott (2000) gives every pair of
spikes, Δt = t_post − t_pre apart, the weight change

    W(Δt) =  A₊ exp(−Δt/τ₊)     for Δt > 0  (pre before post: potentiation),
    W(Δt) = −A₋ exp( Δt/τ₋)     for Δt < 0  (post before pre: depression),

and sums it over all pairs (all-to-all). Song et al. define Δt with the
opposite sign; here it is t_post − t_pre, as on the original page. With
A₋τ₋ > A₊τ₊ the window's integral A₊τ₊ − A₋τ₋ is negative: uncorrelated spike
trains depress the synapse on average, and only causal correlations make it
grow.

Online form. Each cell keeps a trace that jumps by 1 at its spikes and decays
with its time constant, x(t) = Σ_{t_k ≤ t} exp(−(t − t_k)/τ). At a postsynaptic
spike the weight grows by A₊ x_pre, at a presynaptic spike it shrinks by
A₋ x_post. On a time grid of step dt, one step is, in this order:

    1. decay both traces exactly: x ← x·exp(−dt/τ);
    2. update the weight with the traces of the spikes before this step:
       w ← w + A₊ x_pre s_post − A₋ x_post s_pre;
    3. add this step's spikes: x ← x + s.

The sum of the weight changes is then exactly the all-to-all pair sum
Σ W(t_post − t_pre), and pairs of spikes in the same step (Δt = 0) contribute
nothing, so W(0) = 0. The original page decays its traces with the Euler factor
(1 − dt/τ) instead of exp(−dt/τ): its loop equals the pair sum with the kernel
(1 − dt/τ)^(Δt/dt), 2 % off the exponential window at dt = 1 ms (its
single-synapse demo ends at w = 1.6105e-4 instead of the exponential window's
value).

Weight dependence (Gerstner & Kistler 2002, ch. 11; van Rossum, Bi &
Turrigiano 2000): soft bounds A₊(w) = η₊(w_max − w), A₋(w) = η₋(w − w_min);
hard bounds A₊(w) = η₊Θ(w_max − w), A₋(w) = η₋Θ(w − w_min) with Θ(x) = 1 for
x > 0 and 0 otherwise, so that a weight at a bound stops moving beyond it. The
original page writes A₋(w) = η₋Θ(−w), which blocks depression of every
positive weight; corrected here.

References
----------
Song, S., Miller, K. D. & Abbott, L. F. (2000). Competitive Hebbian learning
through spike-timing-dependent synaptic plasticity. Nat. Neurosci. 3, 919–926.
Bi, G. & Poo, M. (1998). Synaptic modifications in cultured hippocampal
neurons: dependence on spike timing, synaptic strength, and postsynaptic cell
type. J. Neurosci. 18, 10464–10472.
Morrison, A., Diesmann, M. & Gerstner, W. (2008). Phenomenological models of
synaptic plasticity based on spike timing. Biol. Cybern. 98, 459–478.
van Rossum, M. C. W., Bi, G. Q. & Turrigiano, G. G. (2000). Stable Hebbian
learning from spike timing-dependent plasticity. J. Neurosci. 20, 8812–8821.
Gerstner, W. & Kistler, W. M. (2002). Spiking Neuron Models, ch. 11.
Cambridge University Press.
"""

import numpy as np
from scipy.integrate import quad

A_PLUS = 0.01  # potentiation amplitude (original page; Song et al. 2000 use 0.005 in units of g_max)
A_MINUS = 1.05 * A_PLUS  # depression amplitude, A₋/A₊ = 1.05 (Song et al. 2000)
TAU_PLUS = 20.0  # time constant of potentiation (of the presynaptic trace), ms (Song et al. 2000)
TAU_MINUS = 20.0  # time constant of depression (of the postsynaptic trace), ms (Song et al. 2000)

DT = 1.0  # time step of the online rule, ms (original page)
DURATION = 500.0  # length of the single-synapse protocol, ms (original page)
PRE_SPIKE_TIMES = (50.0, 200.0, 225.0, 300.0, 425.0)  # ms (original page)
POST_SPIKE_TIMES = (100.0, 150.0, 250.0, 350.0, 400.0)  # ms (original page)

W_MIN, W_MAX = 0.0, 1.0  # weight bounds; weights in units of w_max


def stdp_window(delta_t, a_plus=A_PLUS, a_minus=A_MINUS, tau_plus=TAU_PLUS, tau_minus=TAU_MINUS):
    """Weight change caused by one pair of spikes, Δt = t_post − t_pre apart.

    W(Δt) = A₊ exp(−Δt/τ₊) for Δt > 0, −A₋ exp(Δt/τ₋) for Δt < 0, and 0 for
    Δt = 0 (a pair within one time step changes nothing).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    delta_t : float or ndarray
        Spike-time differences t_post − t_pre in ms, any shape.
    a_plus, a_minus : float
        Amplitudes of potentiation and depression (both positive).
    tau_plus, tau_minus : float
        Time constants of potentiation and depression, ms.

    Returns
    -------
    ndarray
        The weight change of each pair, of the shape of ``delta_t``.
    """
    ### BEGIN SOLUTION
    delta_t = np.asarray(delta_t, dtype=float)
    potentiation = a_plus * np.exp(-np.abs(delta_t) / tau_plus)
    depression = a_minus * np.exp(-np.abs(delta_t) / tau_minus)
    return np.where(delta_t > 0, potentiation, 0.0) - np.where(delta_t < 0, depression, 0.0)
    ### END SOLUTION


def stdp_update(w, x_pre, x_post, pre_spike, post_spike, dt,
                a_plus=A_PLUS, a_minus=A_MINUS, tau_plus=TAU_PLUS, tau_minus=TAU_MINUS):
    """One time step of the online (trace) STDP rule for all synapses from ``n_pre`` to ``n_post`` cells.

    In this order: decay both traces by exp(−dt/τ) (τ₊ for the presynaptic,
    τ₋ for the postsynaptic trace); update the weights with these decayed
    traces, w[i, j] += A₊ x_pre[j] post_spike[i] − A₋ x_post[i] pre_spike[j];
    then add this step's spikes to the traces. The traces passed in and
    returned include the spikes of the step they were returned from.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (n_post, n_pre)
        Weights before the step.
    x_pre : ndarray of shape (n_pre,)
        Presynaptic traces after the previous step.
    x_post : ndarray of shape (n_post,)
        Postsynaptic traces after the previous step.
    pre_spike : ndarray of shape (n_pre,)
        1 for each presynaptic cell that spikes in this step, 0 for the others.
    post_spike : ndarray of shape (n_post,)
        1 for each postsynaptic cell that spikes in this step, 0 for the others.
    dt : float
        Time step, ms.
    a_plus, a_minus : float or ndarray of shape (n_post, n_pre)
        Amplitudes of potentiation and depression (one per synapse for a
        weight-dependent rule).
    tau_plus, tau_minus : float
        Time constants of the presynaptic and the postsynaptic trace, ms.

    Returns
    -------
    w : ndarray of shape (n_post, n_pre)
        Weights after the step.
    x_pre : ndarray of shape (n_pre,)
        Presynaptic traces after the step.
    x_post : ndarray of shape (n_post,)
        Postsynaptic traces after the step.
    """
    ### BEGIN SOLUTION
    pre_spike, post_spike = np.asarray(pre_spike, dtype=float), np.asarray(post_spike, dtype=float)
    x_pre = np.asarray(x_pre, dtype=float) * np.exp(-dt / tau_plus)
    x_post = np.asarray(x_post, dtype=float) * np.exp(-dt / tau_minus)
    w = w + a_plus * np.outer(post_spike, x_pre) - a_minus * np.outer(x_post, pre_spike)
    return w, x_pre + pre_spike, x_post + post_spike
    ### END SOLUTION


def stdp_amplitudes(w, bound, eta_plus=A_PLUS, eta_minus=A_MINUS, w_min=W_MIN, w_max=W_MAX):
    """Weight-dependent amplitudes A₊(w) and A₋(w) of soft or hard bounds.

    Soft: A₊ = η₊(w_max − w), A₋ = η₋(w − w_min). Hard: A₊ = η₊Θ(w_max − w),
    A₋ = η₋Θ(w − w_min), with Θ(x) = 1 for x > 0 and 0 for x ≤ 0.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : float or ndarray
        Weights in [w_min, w_max], any shape.
    bound : {"soft", "hard"}
        The kind of bound.
    eta_plus, eta_minus : float
        Learning rates of potentiation and depression.
    w_min, w_max : float
        Lower and upper bound of the weights.

    Returns
    -------
    a_plus, a_minus : ndarray
        The amplitudes of potentiation and depression, each of the shape of ``w``.
    """
    ### BEGIN SOLUTION
    w = np.asarray(w, dtype=float)
    if bound == "soft":
        return eta_plus * (w_max - w), eta_minus * (w - w_min)
    if bound == "hard":
        return eta_plus * (w < w_max), eta_minus * (w > w_min)
    raise ValueError(f"bound must be 'soft' or 'hard', got {bound!r}")
    ### END SOLUTION


def spike_train(times, n_steps, dt=DT):
    """A 0/1 spike train of ``n_steps`` steps with a spike in the step of each of ``times`` (ms)."""
    train = np.zeros(n_steps)
    train[np.round(np.asarray(times) / dt).astype(int)] = 1.0
    return train


def final_weight():
    """The weight at the end of the original page's single-synapse protocol: w starts at 0, dt = 1 ms,
    T = 500 ms, pre spikes at 50, 200, 225, 300, 425 ms, post spikes at 100, 150, 250, 350, 400 ms, run
    with stdp_update (exact exponential decay of the traces)."""
    n_steps = round(DURATION / DT)
    pre, post = spike_train(PRE_SPIKE_TIMES, n_steps), spike_train(POST_SPIKE_TIMES, n_steps)
    w, x_pre, x_post = np.zeros((1, 1)), np.zeros(1), np.zeros(1)
    for k in range(n_steps):
        w, x_pre, x_post = stdp_update(w, x_pre, x_post, pre[k:k + 1], post[k:k + 1], DT)
    return float(w[0, 0])


def window_integral():
    """The integral of the window W(Δt) over all Δt, in ms (the weight change per unit of
    pre × post rate for uncorrelated trains)."""
    return quad(stdp_window, 0, np.inf)[0] + quad(stdp_window, -np.inf, 0)[0]
