"""Distributional TD learning (section 12.2, 分布型TD学習).

Classical TD learning predicts the mean reward. Dabney et al. (2020) proposed
that dopamine neurons differ in how strongly they weigh positive and negative
prediction errors, and that the population thereby represents the whole
distribution of rewards. A unit i with value V_i, learning rates α⁺_i for
positive and α⁻_i for negative errors, learns from the TD error

    δ_i = r + γ V_i(s′) − V_i(s),    V_i ← V_i + α⁺_i δ_i  if δ_i > 0,
                                      V_i ← V_i + α⁻_i δ_i  otherwise.

Its expected update vanishes where α⁺ E[(R − V)₊] = α⁻ E[(V − R)₊], which is
the definition of the τ-expectile of R with the unit's asymmetry

    τ = α⁺ / (α⁺ + α⁻):

the value that minimises E[|τ − 1(R < e)| (R − e)²] (Newey & Powell 1987).
τ = 1/2 gives the mean; optimistic units (τ > 1/2) sit above it, pessimistic
ones below. The reward at which a unit's response δ_i reverses sign, its
reversal point, is its value.

References
----------
Dabney, W., Kurth-Nelson, Z., Uchida, N., Starkweather, C. K., Hassabis, D.,
Munos, R. & Botvinick, M. (2020). A distributional code for value in
dopamine-based reinforcement learning. Nature 577, 671–675.
Newey, W. K. & Powell, J. L. (1987). Asymmetric least squares estimation and
testing. Econometrica 55, 819–847.
"""

import numpy as np

REWARD_MAGNITUDES = np.array([0.1, 0.3, 1.2, 2.5, 5.0, 10.0, 20.0])  # µl of juice
REWARD_PROBABILITIES = np.array([0.1, 0.1, 0.15, 0.15, 0.2, 0.2, 0.1])
N_UNITS = 20
TAUS = (np.arange(N_UNITS) + 0.5) / N_UNITS  # asymmetries spread evenly over (0, 1)
LEARNING_RATE = 0.02  # α⁺ + α⁻ of every unit


def expectile(samples, tau, weights=None):
    """The τ-expectile of a discrete distribution.

    The value e with τ Σ w (x − e)₊ = (1 − τ) Σ w (e − x)₊, which minimises the
    asymmetric squared loss Σ w |τ − 1(x < e)| (x − e)². The left side falls
    and the right side rises with e, piecewise linearly between the sorted
    samples, so the root is found exactly on the interval where it changes sign.

    Parameters
    ----------
    samples : array_like of shape (n,)
        Values of the distribution (rewards).
    tau : float or array_like of shape (k,)
        Asymmetries in (0, 1).
    weights : array_like of shape (n,), optional
        Probabilities or counts of the samples; equal if omitted.

    Returns
    -------
    float or ndarray of shape (k,)
        The expectile(s), in the units of the samples.
    """
    ### BEGIN SOLUTION
    x = np.asarray(samples, dtype=float)
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)
    order = np.argsort(x)
    x, w = x[order], w[order] / np.sum(w)
    # With the samples up to index k below e: (1 − τ) Σ_{≤k} w (e − x) = τ Σ_{>k} w (x − e), linear in e.
    below_w, below_wx = np.cumsum(w), np.cumsum(w * x)
    above_w, above_wx = 1.0 - below_w, below_wx[-1] - below_wx

    def solve(t):
        e = (t * above_wx + (1 - t) * below_wx) / (t * above_w + (1 - t) * below_w)
        inside = (e >= x) & (e <= np.append(x[1:], np.inf))  # the root within its own interval
        return e[np.argmax(inside)]

    taus = np.asarray(tau, dtype=float)
    result = np.array([solve(t) for t in taus.ravel()]).reshape(taus.shape)
    return float(result) if result.ndim == 0 else result
    ### END SOLUTION


def distributional_td_update(values, r, alpha_plus, alpha_minus, values_next=0.0, gamma=1.0):
    """One distributional TD update of a population of value predictors.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    values : ndarray of shape (n_units,)
        V_i of the state left; not modified.
    r : float
        Reward received on the transition.
    alpha_plus, alpha_minus : float or ndarray of shape (n_units,)
        Learning rates for positive and for negative TD errors.
    values_next : float or ndarray of shape (n_units,)
        V_i of the state entered (0 at the end of a trial).
    gamma : float
        Discount factor.

    Returns
    -------
    values : ndarray of shape (n_units,)
        V_i after the update.
    deltas : ndarray of shape (n_units,)
        The units' TD errors δ_i (their dopamine responses).
    """
    ### BEGIN SOLUTION
    values = np.asarray(values, dtype=float)
    deltas = r + gamma * np.asarray(values_next, dtype=float) - values
    return values + np.where(deltas > 0, alpha_plus, alpha_minus) * deltas, deltas
    ### END SOLUTION


def learn_distribution(rewards, alpha_plus, alpha_minus, values=None):
    """Learn from a sequence of rewards, one trial each (cue, then the reward).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    rewards : ndarray of shape (n_trials,)
        The reward of each trial.
    alpha_plus, alpha_minus : ndarray of shape (n_units,)
        The units' learning rates.
    values : ndarray of shape (n_units,), optional
        Initial values; zero if omitted.

    Returns
    -------
    ndarray of shape (n_trials + 1, n_units)
        The values before the first trial and after each one.
    """
    ### BEGIN SOLUTION
    alpha_plus = np.asarray(alpha_plus, dtype=float)
    history = np.empty((len(rewards) + 1, alpha_plus.size))
    history[0] = np.zeros(alpha_plus.size) if values is None else values
    for trial, r in enumerate(rewards):
        history[trial + 1], _ = distributional_td_update(history[trial], r, alpha_plus, alpha_minus)
    return history
    ### END SOLUTION


def asymmetric_rates(taus=TAUS, learning_rate=LEARNING_RATE):
    """Learning rates α⁺ = τ·rate, α⁻ = (1 − τ)·rate, so that α⁺/(α⁺ + α⁻) = τ."""
    taus = np.asarray(taus, dtype=float)
    return taus * learning_rate, (1 - taus) * learning_rate


def sample_rewards(rng, n_trials, magnitudes=REWARD_MAGNITUDES, probabilities=REWARD_PROBABILITIES):
    """Rewards of ``n_trials`` trials drawn from the task's distribution."""
    return rng.choice(magnitudes, size=n_trials, p=probabilities)


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
NEURON_RATES = (0.008, 0.002)  # α⁺, α⁻ of the neuron of the first question
NEURON_REVERSAL = 10.0  # µl, the reversal point of the neuron of the second question


def reversal_point():
    """The reward (µl) at which the response of a unit with α⁺ = 0.008 and α⁻ = 0.002 reverses once it has
    learned the task's rewards: the value it settles around, the τ-expectile with τ = α⁺/(α⁺ + α⁻) = 0.8."""
    alpha_plus, alpha_minus = NEURON_RATES
    return expectile(REWARD_MAGNITUDES, alpha_plus / (alpha_plus + alpha_minus), REWARD_PROBABILITIES)


def reversal_asymmetry():
    """The asymmetry τ = α⁺/(α⁺ + α⁻) of a unit that reverses at 10 µl after learning the task's rewards:
    the τ whose expectile is 10 µl. The defining equation τ E[(R − e)₊] = (1 − τ) E[(e − R)₊] solved for τ."""
    above = REWARD_PROBABILITIES @ np.maximum(REWARD_MAGNITUDES - NEURON_REVERSAL, 0.0)
    below = REWARD_PROBABILITIES @ np.maximum(NEURON_REVERSAL - REWARD_MAGNITUDES, 0.0)
    return float(below / (above + below))
