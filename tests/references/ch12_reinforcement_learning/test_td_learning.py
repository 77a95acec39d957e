"""Independent validation of the TD-learning reference: the random walk's
values solve its Bellman equations (1/6 … 5/6) and TD(0) converges to them;
the cue–reward chain converges to the analytic fixed point V = γ^(j − 1) for
the state j steps before the reward, with the TD error γ^12 at the cue, 0 at
the reward and −1 when the reward is omitted; the TD error at the cue over the
60 trials follows a binomial closed form, which fixes the discovery answers."""

import numpy as np
import pytest
from scipy.stats import binom

from solutions.ch12_reinforcement_learning import td_learning as td

TRUE_VALUES = np.arange(1, 6) / 6


def _walk(rng, episodes, alpha):
    values = np.full(td.WALK_STATES, 0.5)
    for _ in range(episodes):
        states, reward = td.random_walk_episode(rng)
        for k, s in enumerate(states):
            last = k == len(states) - 1
            values, _ = td.td_update(values, s, reward if last else 0.0, None if last else states[k + 1],
                                     alpha=alpha, gamma=1.0)
    return values


def test_the_random_walks_true_values_solve_its_bellman_equations():
    n = td.WALK_STATES
    transitions, rewards = np.zeros((n, n)), np.zeros(n)
    for s in range(n):
        for step in (-1, 1):
            if 0 <= s + step < n:
                transitions[s, s + step] += 0.5
            elif s + step == n:
                rewards[s] += 0.5  # the right end pays 1 with probability 1/2
    np.testing.assert_allclose(np.linalg.solve(np.eye(n) - transitions, rewards), TRUE_VALUES, atol=1e-12)


def test_td0_converges_to_the_true_values():
    """1000 episodes at α = 0.01: each run within 0.1 (measured at most 0.052 over these 20 seeds), and
    the mean of 20 runs within 0.02 (measured 0.006): the values fluctuate around the truth, unbiased."""
    finals = np.array([_walk(np.random.default_rng(seed), 1000, 0.01) for seed in range(20)])
    assert np.abs(finals - TRUE_VALUES).max() < 0.1
    assert np.abs(finals.mean(axis=0) - TRUE_VALUES).max() < 0.02


def test_the_checks_seeded_walk_ends_near_the_true_values():
    """The run the td_update check compares with (seed 62, 200 episodes, α = 0.05) ends within 0.06."""
    rng = np.random.default_rng(62)
    walks = [td.random_walk_episode(rng) for _ in range(200)]
    values = np.full(td.WALK_STATES, 0.5)
    for states, reward in walks:
        for k, s in enumerate(states):
            last = k == len(states) - 1
            values, _ = td.td_update(values, s, reward if last else 0.0, None if last else states[k + 1],
                                     alpha=0.05, gamma=1.0)
    assert np.abs(values - TRUE_VALUES).max() < 0.06


@pytest.fixture(scope="module")
def learned():
    values = np.zeros(td.N_STEPS - td.CUE_STEP)
    for _ in range(200):
        values, deltas = td.cue_reward_trial(values, True)
    return values, deltas


def test_the_cue_reward_chain_converges_to_the_discounted_reward(learned):
    values, _ = learned
    to_reward = td.REWARD_STEP - td.CUE_STEP  # 12 steps from the cue to the reward
    np.testing.assert_allclose(values[:to_reward], td.GAMMA ** np.arange(to_reward - 1, -1, -1), atol=1e-12)
    np.testing.assert_allclose(values[to_reward:], 0.0, atol=1e-12)


def test_after_learning_the_td_error_sits_at_the_cue(learned):
    _, deltas = learned
    expected = np.zeros(td.N_STEPS)
    expected[td.CUE_STEP - 1] = td.GAMMA ** (td.REWARD_STEP - td.CUE_STEP)  # 0.886
    np.testing.assert_allclose(deltas, expected, atol=1e-12)


def test_an_omitted_reward_gives_a_dip_of_minus_one(learned):
    values, _ = learned
    _, deltas = td.cue_reward_trial(values, False)
    assert deltas[td.REWARD_STEP - 1] == pytest.approx(-1.0, abs=1e-12)
    assert deltas[td.CUE_STEP - 1] == pytest.approx(td.GAMMA ** 12, abs=1e-12)


def test_the_cue_response_over_the_trials_follows_a_binomial_closed_form():
    """Updates run forward in time, so in each trial the state j steps before the reward learns from its
    successor's value of the previous trial: V_j ← (1 − α) V_j + α γ V_(j−1), with γ V_0 = r. With
    U_j = V_j / γ^(j−1) this is the recursion of P(Binomial(n, α) ≥ j) over n rewarded trials, and of
    P(Binomial(m, α) ≤ j − 1) over m omitted ones after learning. The TD error at the cue is γ V_12
    before the trial: γ^12 P(Bin(n, 0.8) ≥ 12) after n rewarded trials, γ^12 P(Bin(m, 0.8) ≤ 11) after
    m omissions (V has converged to round-off after the 35 rewarded trials)."""
    values, at_cue = np.zeros(td.N_STEPS - td.CUE_STEP), []
    for trial in range(td.N_TRIALS):
        values, deltas = td.cue_reward_trial(values, trial in td.REWARDED_TRIALS)
        at_cue.append(deltas[td.CUE_STEP - 1])
    to_reward = td.REWARD_STEP - td.CUE_STEP
    rewarded_before = np.array([sum(t < trial for t in td.REWARDED_TRIALS) for trial in range(td.N_TRIALS)])
    omitted_before = np.maximum(np.arange(td.N_TRIALS) - 40, 0)
    expected = td.GAMMA ** to_reward * np.where(
        np.arange(td.N_TRIALS) < 40, binom.sf(to_reward - 1, rewarded_before, td.ALPHA),
        binom.cdf(to_reward - 1, omitted_before, td.ALPHA))
    np.testing.assert_allclose(at_cue, expected, atol=1e-9)
    # Half the learned response is first exceeded after 15 rewarded trials (P = 0.65; 0.45 after 14),
    # in trial 6 + 15 = 21, and first undercut after 15 omissions, in trial 41 + 15 = 56.
    assert binom.sf(to_reward - 1, 14, td.ALPHA) < 0.5 < binom.sf(to_reward - 1, 15, td.ALPHA)
    assert td.cue_half_trial() == 21 and td.extinction_half_trial() == 56
