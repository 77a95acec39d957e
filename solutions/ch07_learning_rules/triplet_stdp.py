"""Triplet STDP and the frequency dependence of plasticity (section 7.4, Burst発火と可塑性).

Pfister & Gerstner's (2006) triplet rule adds to pair-based STDP a term that
depends on a third spike: potentiation at a postsynaptic spike grows with the
postsynaptic spikes of the last ~100 ms, depression at a presynaptic spike with
the presynaptic spikes before it. Each neuron keeps two traces, a fast and a
slow one, that jump by 1 at each of its spikes and decay exponentially:

    pre:  r₁ (τ₊),  r₂ (τ_x)          post:  o₁ (τ₋),  o₂ (τ_y)

At a postsynaptic spike  w ← w + r₁ (A₂⁺ + A₃⁺ o₂(t − ε)),
at a presynaptic spike   w ← w − o₁ (A₂⁻ + A₃⁻ r₂(t − ε)),

where t − ε means "just before the spike itself is added to the trace". This is
the all-to-all form: every earlier spike counts, through the traces. (The draft
of the original book writes a "triplet" rule whose updates use only one trace
per neuron: that is pair-based STDP. The two-trace form here is the one of the
paper.)

Under the pairing protocol of Sjöström, Turrigiano & Nelson (2001), pairs of a
presynaptic and a postsynaptic spike Δt = ±10 ms apart repeated at 0.1–50 Hz,
a pair rule changes the weight by its STDP window W(Δt) per pair, whatever the
frequency, as long as the pairs are far apart; at high frequency all-to-all
pairing adds the neighbouring pairs, and both orders tend to the same change,
of the sign of the window's integral A₂⁺τ₊ − A₂⁻τ₋. The triplet rule instead
potentiates both orders at high frequency, as the slices did. With independent
Poisson trains at rates ρ_x (pre) and ρ_y (post) the mean drift is

    ⟨dw/dt⟩ = ρ_x ρ_y [A₂⁺τ₊ − A₂⁻τ₋ + A₃⁺τ₊τ_y ρ_y − A₃⁻τ₋τ_x ρ_x],

quadratic in ρ_y: depression below a postsynaptic rate ρ_θ, potentiation above
it, as in the BCM rule (Bienenstock, Cooper & Munro 1982).

References
----------
Pfister, J.-P. & Gerstner, W. (2006). Triplets of spikes in a model of spike
timing-dependent plasticity. J. Neurosci. 26, 9673–9682 (fit to the
visual-cortex data, all-to-all interactions, full model: the parameters below).
Sjöström, P. J., Turrigiano, G. G. & Nelson, S. B. (2001). Rate, timing, and
cooperativity jointly determine cortical synaptic plasticity. Neuron 32,
1149–1164.
Bienenstock, E. L., Cooper, L. N. & Munro, P. W. (1982). Theory for the
development of neuron selectivity. J. Neurosci. 2, 32–48.
Payeur, A., Guerguiev, J., Zenke, F., Richards, B. A. & Naud, R. (2021).
Burst-dependent synaptic plasticity can coordinate learning in hierarchical
circuits. Nat. Neurosci. 24, 1010–1019.
"""

import functools

import numpy as np
from scipy.optimize import brentq

# Pfister & Gerstner (2006), visual cortex, all-to-all interactions, full (four-amplitude) model.
A2_PLUS, A3_PLUS = 5e-10, 6.2e-3  # pair and triplet potentiation amplitudes (dimensionless, per spike)
A2_MINUS, A3_MINUS = 7e-3, 2.3e-4  # pair and triplet depression amplitudes (dimensionless, per spike)
TAU_PLUS, TAU_X = 16.8, 101.0  # ms: fast (r₁) and slow (r₂) presynaptic traces
TAU_MINUS, TAU_Y = 33.7, 125.0  # ms: fast (o₁) and slow (o₂) postsynaptic traces

# The pairing protocol of Sjöström et al. (2001) as Pfister & Gerstner (2006) simulate it.
N_PAIRS = 60  # pre–post pairs per protocol
PAIRING_DELTA_T = 10.0  # ms, |t_post − t_pre|


def triplet_stdp_update(w, r1, r2, o1, o2, pre, post, dt, a2_plus=A2_PLUS, a3_plus=A3_PLUS,
                        a2_minus=A2_MINUS, a3_minus=A3_MINUS):
    """Advance the triplet rule over an interval ``dt`` that ends with the spikes ``pre`` and ``post``.

    1. The four traces decay exactly over ``dt``: r₁ ← r₁ e^(−dt/τ₊), r₂ ← r₂ e^(−dt/τ_x),
       o₁ ← o₁ e^(−dt/τ₋), o₂ ← o₂ e^(−dt/τ_y).
    2. The weight changes with these decayed traces, before the spikes at the end of the
       interval are added to them (t − ε): w ← w + post·r₁(A₂⁺ + A₃⁺ o₂) − pre·o₁(A₂⁻ + A₃⁻ r₂).
    3. A presynaptic spike adds 1 to r₁ and r₂, a postsynaptic one 1 to o₁ and o₂.

    So a pre and a post spike at the end of the same interval do not pair with each other.
    With a fixed ``dt`` this is one step of a clock-driven simulation; with ``dt`` the time
    since the previous spike it is an exact event-driven one.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : float or ndarray
        Synaptic weight (dimensionless).
    r1, r2 : float or ndarray
        Presynaptic traces with time constants τ₊ = 16.8 ms and τ_x = 101 ms.
    o1, o2 : float or ndarray
        Postsynaptic traces with time constants τ₋ = 33.7 ms and τ_y = 125 ms.
    pre, post : bool or ndarray of bool
        Whether the pre- and the postsynaptic neuron spike at the end of the interval.
    dt : float or ndarray
        Length of the interval in ms (≥ 0).
    a2_plus, a3_plus, a2_minus, a3_minus : float
        The amplitudes A₂⁺, A₃⁺, A₂⁻, A₃⁻ (default: Pfister & Gerstner's visual-cortex values).

    Returns
    -------
    w, r1, r2, o1, o2 : ndarray
        The weight and the traces at the end of the interval, of the broadcast shape of the
        inputs.
    """
    ### BEGIN SOLUTION
    r1 = r1 * np.exp(-dt / TAU_PLUS)
    r2 = r2 * np.exp(-dt / TAU_X)
    o1 = o1 * np.exp(-dt / TAU_MINUS)
    o2 = o2 * np.exp(-dt / TAU_Y)
    # t − ε: the weight sees the traces before this interval's spikes are added to them.
    w = w + post * r1 * (a2_plus + a3_plus * o2) - pre * o1 * (a2_minus + a3_minus * r2)
    return w, r1 + pre, r2 + pre, o1 + post, o2 + post
    ### END SOLUTION


def pairing_protocol(delta_t, frequency, n_pairs=N_PAIRS, a2_plus=A2_PLUS, a3_plus=A3_PLUS,
                     a2_minus=A2_MINUS, a3_minus=A3_MINUS):
    """Weight change of a pairing protocol: ``n_pairs`` pre–post pairs repeated at ``frequency``.

    Pair k has its presynaptic spike at k·T and its postsynaptic spike at k·T + Δt, with the
    period T = 1000/frequency ms and Δt = t_post − t_pre. The weight and all traces start at
    0 before the first pair. Requires Δt ≠ 0 and |Δt| < T, so that pre and post spikes
    alternate.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    delta_t : float or ndarray
        Δt = t_post − t_pre in ms: positive for pre-before-post pairs.
    frequency : float or ndarray
        Repetition frequency of the pairs in Hz, broadcastable with ``delta_t``.
    n_pairs : int, default 60
        Number of pairs.
    a2_plus, a3_plus, a2_minus, a3_minus : float
        The amplitudes of the rule, passed on to ``triplet_stdp_update``.

    Returns
    -------
    ndarray
        The total weight change after the last pair, of the broadcast shape of ``delta_t`` and
        ``frequency``.
    """
    ### BEGIN SOLUTION
    amplitudes = {"a2_plus": a2_plus, "a3_plus": a3_plus, "a2_minus": a2_minus, "a3_minus": a3_minus}
    delta_t, frequency = np.asarray(delta_t, dtype=float), np.asarray(frequency, dtype=float)
    shape = np.broadcast_shapes(delta_t.shape, frequency.shape)
    pre_first = np.broadcast_to(delta_t > 0, shape)  # which spike of each pair comes first
    lag, period = np.abs(delta_t), 1000.0 / frequency  # ms
    state = (np.zeros(shape),) * 5  # w, r1, r2, o1, o2
    for k in range(n_pairs):
        # The first spike of pair k comes one period after the first spike of pair k − 1 ...
        state = triplet_stdp_update(*state, pre_first, ~pre_first, 0.0 if k == 0 else period - lag, **amplitudes)
        # ... and its partner |Δt| later.
        state = triplet_stdp_update(*state, ~pre_first, pre_first, lag, **amplitudes)
    return state[0]
    ### END SOLUTION


def poisson_drift(rho_x, rho_y, a2_plus=A2_PLUS, a3_plus=A3_PLUS, a2_minus=A2_MINUS, a3_minus=A3_MINUS):
    """Mean drift ⟨dw/dt⟩ of the triplet rule for independent Poisson pre and post trains.

    ⟨dw/dt⟩ = ρ_x ρ_y [A₂⁺τ₊ − A₂⁻τ₋ + A₃⁺τ₊τ_y ρ_y − A₃⁻τ₋τ_x ρ_x], with the rates in Hz
    and the time constants in seconds.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    rho_x, rho_y : float or ndarray
        Presynaptic and postsynaptic rates in Hz, broadcastable.
    a2_plus, a3_plus, a2_minus, a3_minus : float
        The amplitudes of the rule.

    Returns
    -------
    ndarray
        The drift in 1/s (weight change per second), of the broadcast shape of the rates.
    """
    ### BEGIN SOLUTION
    rho_x, rho_y = np.asarray(rho_x, dtype=float), np.asarray(rho_y, dtype=float)
    tau_plus, tau_minus, tau_x, tau_y = TAU_PLUS / 1000, TAU_MINUS / 1000, TAU_X / 1000, TAU_Y / 1000  # s
    pairs = a2_plus * tau_plus - a2_minus * tau_minus
    triplets = a3_plus * tau_plus * tau_y * rho_y - a3_minus * tau_minus * tau_x * rho_x
    return rho_x * rho_y * (pairs + triplets)
    ### END SOLUTION


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
RHO_X_THETA = 10.0  # Hz, the presynaptic rate of the rho_theta question


@functools.cache
def crossover_frequency():
    """The pairing frequency in Hz, to 1 Hz, at which 60 post-before-pre pairs (Δt = −10 ms) change the
    weight by zero: below it the protocol depresses, above it potentiates."""
    return brentq(lambda f: float(pairing_protocol(-PAIRING_DELTA_T, f)), 20.0, 50.0, xtol=1e-9)


@functools.cache
def rho_theta():
    """The postsynaptic rate in Hz, to 0.1 Hz, at which the Poisson drift changes sign for a presynaptic rate
    of 10 Hz: below it the synapse depresses, above it potentiates."""
    return brentq(lambda rho_y: float(poisson_drift(RHO_X_THETA, rho_y)), 1.0, 100.0, xtol=1e-9)
