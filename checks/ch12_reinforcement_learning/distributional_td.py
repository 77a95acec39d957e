"""Checks of section 12.2, distributional TD learning.

Besides the comparison with ``solutions``, the checks test the syllabus fact
through the student's own functions: a population learning with the
student's ``learn_distribution`` on the task's rewards settles around the
expectiles τ = α⁺/(α⁺ + α⁻) of the reward distribution. Two discovery answers
go from a unit's learning rates to its reversal point and back.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call
from solutions.ch12_reinforcement_learning import distributional_td as ref


def _quantiles(x, taus, w):
    """Weighted quantiles (the inverse of the cumulative distribution), a common confusion."""
    order = np.argsort(x)
    cumulative = np.cumsum(w[order]) / np.sum(w)
    return x[order][np.minimum(np.searchsorted(cumulative, taus), len(x) - 1)]


def expectile(student_expectile):
    """Check ``expectile(samples, tau, weights=None)`` on random distributions and on the task's."""
    rng = np.random.default_rng(1221)
    taus = np.array([0.03, 0.2, 0.5, 0.77, 0.95])
    for samples, weights, name in (
        (rng.normal(2.0, 1.5, 25), None, "25 normal samples"),
        (rng.exponential(1.0, 40), rng.integers(1, 5, 40).astype(float), "40 samples with counts as weights"),
        (ref.REWARD_MAGNITUDES, ref.REWARD_PROBABILITIES, "the task's reward distribution"),
    ):
        w = np.ones_like(samples) if weights is None else weights
        kwargs = {} if weights is None else {"weights": weights}
        what = f"expectile(samples, taus={taus.tolist()}{', weights' if kwargs else ''}) for {name}"
        got = as_array(call(student_expectile, samples, taus, **kwargs), what, shape=taus.shape)
        assert_close(got, ref.expectile(samples, taus, weights), what, atol=1e-9, rtol=1e-9, mistakes={
            "that is the quantile: the expectile weighs the distances to the samples, "
            "τ Σ w (x − e)₊ = (1 − τ) Σ w (e − x)₊.": _quantiles(samples, taus, w),
            "τ weighs the samples above e and 1 − τ those below: larger τ, larger expectile.":
                ref.expectile(samples, 1 - taus, weights),
            "use the weights: a sample of weight 2 counts twice.": ref.expectile(samples, taus),
            "the expectile depends on τ; only τ = 1/2 gives the mean.": np.full(len(taus), np.average(samples, weights=w)),
        })
        what = f"expectile(samples, 0.5{', weights' if kwargs else ''}) for {name}"
        assert_close(as_array(call(student_expectile, samples, 0.5, **kwargs), what, shape=()),
                     np.average(samples, weights=w), what, atol=1e-9, rtol=1e-9,
                     hint="the 1/2-expectile is the mean; accept a scalar tau.")


def distributional_td_update(student_update):
    """Check ``distributional_td_update(values, r, alpha_plus, alpha_minus, values_next, gamma)``."""
    rng = np.random.default_rng(1222)
    values = rng.uniform(0, 10, ref.N_UNITS)
    alpha_plus, alpha_minus = ref.asymmetric_rates(rng.uniform(0.05, 0.95, ref.N_UNITS), 0.3)
    for r, kwargs in ((4.0, {}), (0.1, {}), (20.0, {}), (1.0, {"values_next": rng.uniform(0, 10, ref.N_UNITS), "gamma": 0.9})):
        what = (f"distributional_td_update(values, r={r}, alpha_plus, alpha_minus"
                f"{', values_next, gamma=0.9' if kwargs else ''}) for {ref.N_UNITS} units")
        new_values, deltas = call(student_update, values, r, alpha_plus, alpha_minus, **kwargs,
                                  returns=("values", "deltas"))
        expected_values, expected_deltas = ref.distributional_td_update(values, r, alpha_plus, alpha_minus, **kwargs)
        next_values = kwargs.get("values_next", 0.0)
        assert_close(deltas, expected_deltas, f"deltas returned by {what}", atol=1e-12, mistakes={
            "the TD error is the outcome minus the prediction: δ = r + γ V(s′) − V(s).": -expected_deltas,
            "discount the next state's value by gamma.": r + next_values - values,
        })
        assert_close(new_values, expected_values, f"values returned by {what}", atol=1e-12, mistakes={
            "alpha_plus scales positive errors (better than predicted), alpha_minus negative ones.":
                values + np.where(expected_deltas > 0, alpha_minus, alpha_plus) * expected_deltas,
            "the learning rate depends on the sign of δ: alpha_plus if δ > 0, else alpha_minus.":
                values + alpha_plus * expected_deltas,
            "each unit has its own learning rates: use alpha_plus[i] and alpha_minus[i] for unit i, elementwise.":
                values + np.where(expected_deltas > 0, alpha_plus.mean(), alpha_minus.mean()) * expected_deltas,
        })


def learn_distribution(student_learn):
    """Check ``learn_distribution(rewards, alpha_plus, alpha_minus, values)``: short runs, then the syllabus fact."""
    rng = np.random.default_rng(1223)
    alpha_plus, alpha_minus = ref.asymmetric_rates(ref.TAUS, 0.2)
    rewards, start = ref.sample_rewards(rng, 50), rng.uniform(0, 10, ref.N_UNITS)
    for kwargs in ({}, {"values": start}):
        what = f"learn_distribution(50 rewards, alpha_plus, alpha_minus{', values' if kwargs else ''})"
        history = as_array(call(student_learn, rewards, alpha_plus, alpha_minus, **kwargs), what,
                           shape=(len(rewards) + 1, ref.N_UNITS))
        expected = ref.learn_distribution(rewards, alpha_plus, alpha_minus, **kwargs)
        assert_close(history, expected, what, atol=1e-9, mistakes={
            "start from the values given (zero only when none are).": ref.learn_distribution(rewards, alpha_plus, alpha_minus),
            "alpha_plus scales positive errors, alpha_minus negative ones.":
                ref.learn_distribution(rewards, alpha_minus, alpha_plus, **kwargs),
            "learn with each unit's own two rates: the asymmetry is what makes the units differ.":
                ref.learn_distribution(rewards, (alpha_plus + alpha_minus) / 2, (alpha_plus + alpha_minus) / 2, **kwargs),
        })
    _settles_at_the_expectiles(student_learn)


def _settles_at_the_expectiles(student_learn, n_trials=6000, burn_in=2000):
    """The syllabus fact: with α⁺ + α⁻ = 0.02, each unit's value averaged after a burn-in of 2000 trials
    (four time constants of the slowest rate, 1/0.0005) lies within 0.5 µl of the τ-expectile of the
    rewards. Over 200 seeds the averages deviate by at most 0.06 on average (the bias of a constant
    learning rate) with a standard deviation of at most 0.18, and by at most 0.49 in all 4000 unit-runs
    (tests/references/ch12_reinforcement_learning/test_distributional_td.py): a correct implementation
    passes on this seed, and rates swapped (the (1 − τ)-expectile) or a common rate (the mean) do not."""
    rewards = ref.sample_rewards(np.random.default_rng(62), n_trials)
    alpha_plus, alpha_minus = ref.asymmetric_rates()
    what = f"learn_distribution({n_trials} rewards of the task, alpha_plus, alpha_minus of the {ref.N_UNITS} units)"
    history = as_array(call(student_learn, rewards, alpha_plus, alpha_minus), what, shape=(n_trials + 1, ref.N_UNITS))
    expectiles = ref.expectile(ref.REWARD_MAGNITUDES, ref.TAUS, ref.REWARD_PROBABILITIES)
    assert_close(history[burn_in:].mean(axis=0), expectiles,
                 f"the values averaged over trials {burn_in}–{n_trials} of {what}", atol=0.5,
                 hint="each unit settles around the τ-expectile of the rewards, τ = α⁺/(α⁺ + α⁻).")


# The reversal point of a unit with α⁺ = 0.008, α⁻ = 0.002: its 0.8-expectile, 9.2605 µl exactly. The question
# asks for 0.1 µl; a simulation as in Figure 2 (20 000 trials, average of the last 10 000) scatters around it
# with a standard deviation of 0.064 µl over seeds, at most 0.18 in 40 (tests/references/…/
# test_distributional_td.py), so 0.25 µl accepts the exact value, its rounding and such simulations. The
# nearest mistakes lie 0.67 µl or more away: the expectile without the probabilities (9.93), the 0.8-quantile
# (10), the mean (5.60), the rates swapped (the 0.2-expectile, 2.95).
reversal_point = Discovery(
    9.26, 0.25, "reversal_point, the reward at which the unit's response reverses", unit="µl",
    mistakes={"that is the quantile: a unit whose step is proportional to δ settles at an expectile, "
              "τ E[(R − e)₊] = (1 − τ) E[(e − R)₊]": 10.0,
              "weigh each reward size with its probability (REWARD_PROBABILITIES)": 9.930769230769231,
              "τ = α⁺/(α⁺ + α⁻): the rate of positive errors goes on top": 2.952,
              "that is the mean, where a unit with equal rates settles": 5.595})

# The asymmetry of a unit reversing at 10 µl: τ = E[(e − R)₊] / (E[(R − e)₊] + E[(e − R)₊]) = 0.8439 at e = 10.
# The question asks for 0.01, with the student's expectile: a grid of τ in steps of 0.01 gives 0.84, a bisection
# or the defining equation 0.8439, all within 0.01. The mistakes lie 0.019 or more away: the τ of the nearest
# unit of Figure 2 (0.825), the expectile without the probabilities (0.804), the fractions of rewards below
# 10 µl (0.7) or up to it (0.9), the quantile's answers, and 1 − τ (0.156).
reversal_asymmetry = Discovery(
    0.844, 0.01, "reversal_asymmetry, the asymmetry τ of a unit that reverses at 10 µl",
    mistakes={"find τ to 0.01: the units of Figure 2 are 0.05 apart": 0.825,
              "weigh each reward size with its probability (REWARD_PROBABILITIES)": 0.8035363457760314,
              "that is a quantile's τ, the probability of a smaller reward; the expectile weighs the distances "
              "to the rewards": 0.7,
              "that is a quantile's τ, the probability of a reward up to 10 µl; the expectile weighs the "
              "distances to the rewards": 0.9,
              "τ weighs the rewards above e: a unit that reverses above the mean is optimistic, τ > 1/2": 0.156})
