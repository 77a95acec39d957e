"""Temporal-difference learning (section 12.1, TD学習).

A value function V estimates the discounted sum of future rewards. After each
step the TD error

    δ = r + γ V(s′) − V(s)

measures how much better or worse things turned out than predicted, and TD(0)
moves V(s) by α δ. Dopamine neurons fire like δ (Schultz, Dayan & Montague
1997): to a reward at first, to the cue that predicts it after learning, and
they pause when a predicted reward is omitted.

The cue–reward experiment represents time after the cue as a chain of states
(a complete serial compound): state k is "k steps since the cue". Before the
cue no state predicts anything (its time is unpredictable), so V is 0 there.
The reward arrives on the step from k_r − 1 to the reward step k_r, so once
learned the chain state of step k has V = γ^(k_r − 1 − k) for k < k_r (the
state j = k_r − k steps before the reward has γ^(j − 1); the state of step
k_r − 1 has V = 1, since its reward comes undiscounted) and V = 0 from k_r on.
The TD error then sits at the cue: δ = γ V = γ^(k_r − k_c) on entering the cue
state at step k_c from the background, and 0 at the reward.

The five-state random walk (Sutton & Barto 2018, example 6.2) starts in the
middle state C of A–E, steps left or right with equal probability, and ends
left of A with reward 0 or right of E with reward 1; its true values (γ = 1)
are 1/6, 2/6, …, 5/6.

References
----------
Schultz, W., Dayan, P. & Montague, P. R. (1997). A neural substrate of
prediction and reward. Science 275, 1593–1599.
Sutton, R. S. & Barto, A. G. (2018). Reinforcement Learning: An Introduction,
2nd ed., ch. 6. MIT Press.
"""

import functools

import numpy as np

N_TRIALS = 60
DT = 0.1  # time step, s
N_STEPS = 30  # steps per trial: 3 s
CUE_STEP = 11  # the cue comes at 1.1 s
REWARD_STEP = 23  # the reward 1.2 s after the cue
REWARDED_TRIALS = range(5, 40)  # trials 6–40 (counted from 1) are rewarded, the others not
ALPHA, GAMMA = 0.8, 0.99
WALK_STATES = 5  # A–E


def td_error(v, r, v_next, gamma=GAMMA):
    """TD error δ = r + γ V(s′) − V(s).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v, r, v_next : float or ndarray
        Value of the current state, reward on the transition, value of the
        next state (0 for a terminal one); broadcastable.
    gamma : float
        Discount factor per step, in [0, 1].

    Returns
    -------
    ndarray
        δ, of the broadcast shape.
    """
    ### BEGIN SOLUTION
    return np.asarray(r, dtype=float) + gamma * np.asarray(v_next, dtype=float) - np.asarray(v, dtype=float)
    ### END SOLUTION


def td_update(values, s, r, s_next, alpha=ALPHA, gamma=GAMMA):
    """One TD(0) update of a table of state values.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    values : ndarray of shape (n_states,)
        V; not modified.
    s : int
        The state left.
    r : float
        The reward received on the transition.
    s_next : int or None
        The state entered, or None if the episode ended (its value is 0).
    alpha : float
        Learning rate.
    gamma : float
        Discount factor.

    Returns
    -------
    values : ndarray of shape (n_states,)
        V with V[s] moved by α δ.
    delta : float
        The TD error of the transition.
    """
    ### BEGIN SOLUTION
    values = np.array(values, dtype=float)
    delta = float(td_error(values[s], r, 0.0 if s_next is None else values[s_next], gamma))
    values[s] += alpha * delta
    return values, delta
    ### END SOLUTION


def cue_reward_trial(values, rewarded, alpha=ALPHA, gamma=GAMMA, cue_step=CUE_STEP, reward_step=REWARD_STEP):
    """One trial of the cue–reward experiment, learning as it goes.

    Time step k of the trial is in state k − cue_step of the chain after the
    cue if k ≥ cue_step, and in the unpredictive background state (value 0,
    never learned) before. The step to k + 1 yields reward 1 if ``rewarded``
    and k + 1 = reward_step (the reward arrives at reward_step), else 0. The
    trial ends after the last step, entering a state of value 0. The TD errors
    are computed and applied in time order.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    values : ndarray of shape (n_steps - cue_step,)
        V of the chain states after the cue; not modified.
    rewarded : bool
        Whether the reward comes in this trial.
    alpha, gamma : float
        Learning rate and discount factor per step.
    cue_step, reward_step : int
        Steps at which the cue and the reward arrive.

    Returns
    -------
    values : ndarray of shape (n_steps - cue_step,)
        V after the trial.
    deltas : ndarray of shape (n_steps,)
        δ of the step from k to k + 1 (for k = n_steps − 1, into the end).
    """
    ### BEGIN SOLUTION
    values = np.array(values, dtype=float)
    n_steps = cue_step + len(values)
    deltas = np.zeros(n_steps)
    for k in range(n_steps):
        v = values[k - cue_step] if k >= cue_step else 0.0
        v_next = values[k + 1 - cue_step] if cue_step <= k + 1 < n_steps else 0.0
        r = 1.0 if rewarded and k + 1 == reward_step else 0.0
        deltas[k] = td_error(v, r, v_next, gamma)
        if k >= cue_step:
            values[k - cue_step] += alpha * deltas[k]
    return values, deltas
    ### END SOLUTION


def random_walk_episode(rng, n_states=WALK_STATES):
    """A random-walk episode: the states visited from the middle until it ends.

    Returns
    -------
    states : list of int
        States visited, starting at n_states // 2.
    reward : float
        1 if it ended on the right, 0 on the left.
    """
    state, states = n_states // 2, []
    while 0 <= state < n_states:
        states.append(state)
        state += 1 if rng.random() < 0.5 else -1
    return states, float(state == n_states)


# Discovery answers: what a student finds with the functions above, from the TD errors of the 60 trials of
# Figure 2. Each is computed here with the reference functions; tests/test_checks.py holds the checks'
# expected values to these.
@functools.cache
def _cue_responses():
    """The TD error at the cue (the step into the cue state) in each of the 60 trials, from V = 0."""
    values, at_cue = np.zeros(N_STEPS - CUE_STEP), np.empty(N_TRIALS)
    for trial in range(N_TRIALS):
        values, deltas = cue_reward_trial(values, trial in REWARDED_TRIALS)
        at_cue[trial] = deltas[CUE_STEP - 1]
    return at_cue


def cue_half_trial():
    """The first trial (counted from 1) of the 60-trial experiment in which the TD error at the cue
    exceeds half its learned value, the TD error at the cue in trial 40."""
    at_cue = _cue_responses()
    return int(np.argmax(at_cue > at_cue[39] / 2)) + 1


def extinction_half_trial():
    """The first trial (counted from 1) after the rewards stop, among trials 41–60, in which the TD
    error at the cue falls below half its learned value, the TD error at the cue in trial 40."""
    at_cue = _cue_responses()
    return int(np.argmax(at_cue[40:] < at_cue[39] / 2)) + 41
