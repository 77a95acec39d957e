"""Checks of section 12.1, TD learning.

Besides the comparison with ``solutions``, the checks test the syllabus facts
through the student's own functions: over the 60 trials of the cue–reward
experiment the TD error moves from the reward to the cue (γ^12 = 0.886 at the
cue after trial 40, 0 at the reward) and dips to about −1 when the reward is
omitted; TD(0) run with the student's ``td_update`` on the five-state random
walk gives the reference's values, near 1/6 … 5/6. Two discovery answers ask
when the cue response rises past, and after the rewards stop falls below, half
its learned value.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch12_reinforcement_learning import td_learning as ref


def td_error(student_td_error):
    """Check ``td_error(v, r, v_next, gamma)`` on random transitions."""
    rng = np.random.default_rng(121)
    v, r, v_next = rng.uniform(-1, 1, 20), rng.uniform(0, 1, 20), rng.uniform(-1, 1, 20)
    for kwargs in ({}, {"gamma": 0.5}):
        gamma = kwargs.get("gamma", ref.GAMMA)
        assert_close(
            call(student_td_error, v, r, v_next, **kwargs), ref.td_error(v, r, v_next, gamma),
            f"td_error(v, r, v_next{', gamma=0.5' if kwargs else ''}) on 20 random transitions", atol=1e-12,
            mistakes={
                "discount the next state's value: δ = r + γ V(s′) − V(s).": r + v_next - v,
                "δ is the outcome minus the prediction: r + γ V(s′) − V(s), not the reverse.": v - r - gamma * v_next,
                "only the next state's value is discounted, not the reward: r + γ V(s′) − V(s).":
                    gamma * (r + v_next) - v,
                "use the gamma argument.": ref.td_error(v, r, v_next),
            },
        )


def _transitions(rng, n_states):
    """(s, r, s_next) transitions: into random states, into state 0 and into the end of an episode (None)."""
    return [(int(rng.integers(n_states)), float(rng.uniform(-1, 1)), s_next)
            for s_next in (3, 0, None, 5, 0, None, 1)]


def td_update(student_td_update):
    """Check ``td_update(values, s, r, s_next, alpha, gamma)`` on single transitions, then on the random walk."""
    rng = np.random.default_rng(122)
    values = rng.uniform(-1, 1, 7)
    for s, r, s_next in _transitions(rng, len(values)):
        for kwargs in ({}, {"alpha": 0.1, "gamma": 0.9}):
            alpha, gamma = kwargs.get("alpha", ref.ALPHA), kwargs.get("gamma", ref.GAMMA)
            expected_values, expected_delta = ref.td_update(values, s, r, s_next, **kwargs)
            what = f"td_update(values, s={s}, r={r:.3f}, s_next={s_next}{', alpha=0.1, gamma=0.9' if kwargs else ''})"
            new_values, delta = call(student_td_update, values, s, r, s_next, returns=("values", "delta"), **kwargs)
            assert_close(delta, expected_delta, f"delta returned by {what}", atol=1e-12, mistakes={
                "state 0 is a state like any other: test `s_next is None`, not `if s_next` (0 is falsy).":
                    r - values[s] if s_next == 0 else expected_delta,
                "the TD error discounts the next state's value by gamma.":
                    r + (0.0 if s_next is None else values[s_next]) - values[s],
            })
            wrong_state = values.copy()
            if s_next is not None:
                wrong_state[s_next] += alpha * expected_delta
            assert_close(as_array(new_values, f"values returned by {what}", shape=values.shape), expected_values,
                         f"values returned by {what}", atol=1e-12, mistakes={
                             "move V(s) by α δ: the learning rate scales the step.":
                                 values + (np.arange(len(values)) == s) * expected_delta,
                             "update the state that was left, V(s), not the one entered.": wrong_state,
                         })
    with hint_on_failure("run the walk with td_update(values, s, 0, s_next) for inner steps and "
                         "td_update(values, s, reward, None) for the last one: δ carries the values back."):
        _random_walk(student_td_update)


def _random_walk(student_td_update, episodes=200, alpha=0.05):
    """TD(0) from V = 0.5 on 200 seeded random-walk episodes: the reference's values, near 1/6 … 5/6."""
    rng = np.random.default_rng(62)
    walks = [ref.random_walk_episode(rng) for _ in range(episodes)]
    values, expected = np.full(ref.WALK_STATES, 0.5), np.full(ref.WALK_STATES, 0.5)
    for states, reward in walks:
        for k, s in enumerate(states):
            last = k == len(states) - 1
            step = (s, reward if last else 0.0, None if last else states[k + 1])
            expected, _ = ref.td_update(expected, *step, alpha=alpha, gamma=1.0)
            values, _ = call(student_td_update, values, *step, alpha=alpha, gamma=1.0, returns=("values", "delta"))
            values = as_array(values, "values returned by td_update", shape=(ref.WALK_STATES,))
    # The reference is itself near the true values (1/6 … 5/6, within 0.1 after 200 episodes at α = 0.05):
    # tests/references/ch12_reinforcement_learning/test_td_learning.py shows it; here the student's run must equal it.
    assert_close(values, expected, f"the values of the five-state random walk after {episodes} TD(0) episodes "
                 f"(α = {alpha}, γ = 1)", atol=1e-9)


def cue_reward_trial(student_trial):
    """Check ``cue_reward_trial(values, rewarded, alpha, gamma, cue_step, reward_step)``: one trial, then the experiment."""
    rng = np.random.default_rng(123)
    values = rng.uniform(0, 1, 19)
    for rewarded in (True, False):
        for kwargs in ({}, {"alpha": 0.5, "gamma": 0.9, "cue_step": 5, "reward_step": 12}):
            p = {"alpha": ref.ALPHA, "gamma": ref.GAMMA, "cue_step": ref.CUE_STEP, "reward_step": ref.REWARD_STEP} | kwargs
            what = (f"cue_reward_trial(values of 19 chain states, rewarded={rewarded}"
                    f"{''.join(f', {k}={v}' for k, v in kwargs.items())})")
            new_values, deltas = call(student_trial, values, rewarded, returns=("values", "deltas"), **kwargs)
            expected_values, expected_deltas = ref.cue_reward_trial(values, rewarded, **p)
            assert_close(as_array(deltas, f"deltas returned by {what}", shape=expected_deltas.shape), expected_deltas,
                         f"deltas returned by {what}", atol=1e-12, mistakes=_trial_mistakes(values, rewarded, p))
            assert_close(new_values, expected_values, f"values returned by {what}", atol=1e-12)
    _experiment(student_trial)


def _trial_mistakes(values, rewarded, p):
    """The TD errors of one trial under common mistakes, for hints."""
    def deltas(reward_step=p["reward_step"], gamma=p["gamma"]):
        v, d = np.array(values), np.zeros(p["cue_step"] + len(values))
        for k in range(len(d)):
            now = v[k - p["cue_step"]] if k >= p["cue_step"] else 0.0
            later = v[k + 1 - p["cue_step"]] if p["cue_step"] <= k + 1 < len(d) else 0.0
            d[k] = (1.0 if rewarded and k + 1 == reward_step else 0.0) + gamma * later - now
            if k >= p["cue_step"]:
                v[k - p["cue_step"]] += p["alpha"] * d[k]
        return d

    return {
        "the reward arrives on entering reward_step: it belongs to the step from reward_step − 1.":
            deltas(reward_step=p["reward_step"] + 1),
        "discount the next state's value by gamma.": deltas(gamma=1.0),
    }


def _experiment(student_trial):
    """The 60 trials of the syllabus: the TD error moves to the cue and dips when the reward is omitted."""
    values, errors = np.zeros(ref.N_STEPS - ref.CUE_STEP), []
    for trial in range(ref.N_TRIALS):
        values, deltas = call(student_trial, values, trial in ref.REWARDED_TRIALS, returns=("values", "deltas"))
        values = as_array(values, "values returned by cue_reward_trial", shape=(ref.N_STEPS - ref.CUE_STEP,))
        errors.append(as_array(deltas, "deltas returned by cue_reward_trial", shape=(ref.N_STEPS,)))
    at_cue, at_reward = ref.CUE_STEP - 1, ref.REWARD_STEP - 1
    errors = np.array(errors)
    # After 35 rewarded trials at α = 0.8 the chain has converged to round-off (the reference reaches γ^12 to 1e-9).
    assert_close(errors[5, at_reward], 1.0, "the TD error at the reward in the first rewarded trial (6)", atol=1e-9,
                 hint="before learning, the reward is a full surprise: δ = 1.")
    assert_close(errors[39, [at_cue, at_reward]], [ref.GAMMA ** (ref.REWARD_STEP - ref.CUE_STEP), 0.0],
                 "the TD errors at the cue and at the reward in trial 40", atol=1e-6,
                 hint="after learning, the cue predicts the reward γ^12 later (δ = 0.886 at the cue) and the reward "
                      "is no surprise (δ = 0).")
    assert_close(errors[40, at_reward], -1.0, "the TD error when the reward is first omitted (trial 41)", atol=1e-6,
                 hint="an omitted reward that was predicted gives δ = −V ≈ −1: the dopamine dip.")


# The trial at which the TD error at the cue first exceeds half its learned value (γ^12/2 = 0.443). It is
# γ^12 P(Binomial(n, 0.8) ≥ 12) after n rewarded trials (tests/references/…/test_td_learning.py): 0.397 in
# trial 20 and 0.574 in trial 21, so the threshold lies far from both, and every correct implementation,
# with `>` or `≥`, the learned value taken from trial 40, as the maximum or as γ^12, finds 21. The answer is
# an integer: 0.4 accepts it as int or float and rejects the neighbouring trials, which realistic slips give.
cue_half_trial = Discovery(
    21, 0.4, "cue_half_trial, the first trial in which the cue response exceeds half its learned value",
    mistakes={"count the trials from 1, as Figure 2 does, and read the TD error of the trial itself (the value "
              "the cue state had before it), not the value after the trial's update": 20,
              "the answer is a trial of the experiment, counted from its first trial, not the number of "
              "rewarded trials": 16,
              "the response to the cue is the TD error of the step into the cue state, plotted at 1.1 s "
              "(column CUE_STEP − 1), not of the step after it": 17,
              "that is the response at the reward; the question asks about the cue": 6})

# After the rewards stop the response at the cue is γ^12 P(Binomial(m, 0.8) ≤ 11) after m omissions: 0.552
# in trial 55 and 0.352 in trial 56, both far from the threshold 0.443, so every correct search finds 56;
# 0.4 accepts the integer and rejects its neighbours.
extinction_half_trial = Discovery(
    56, 0.4, "extinction_half_trial, the first trial after the rewards stop in which the cue response "
             "falls below half its learned value",
    mistakes={"count the trials from 1, as Figure 2 does, and compare with half the learned value "
              "(the TD error at the cue in trial 40), not with 0.5": 55,
              "the answer is a trial of the experiment (41–60), not the number of omitted trials": 16,
              "search only the trials after the rewards stop: before learning the cue response is 0": 1,
              "the response to the cue is the TD error of the step into the cue state, plotted at 1.1 s "
              "(column CUE_STEP − 1), not of the step after it": 41})
