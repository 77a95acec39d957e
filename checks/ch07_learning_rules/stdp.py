"""Checks of section 7.3, spike-timing-dependent plasticity.

Besides comparing with ``solutions`` on seeded inputs, the checks test the
facts of the rule through the student's own functions: pre-before-post
potentiates and post-before-pre depresses; a pair in the same step changes
nothing; and the online trace rule, run step by step over random spike trains
with coincident spikes, equals the all-to-all sum of the window over every pair
of spikes to round-off. Two discovery answers ask for the weight at the end of
the original page's single-synapse protocol and for the integral of the window.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch07_learning_rules import stdp as ref

PARAMETERS = {"a_plus": ref.A_PLUS, "a_minus": ref.A_MINUS, "tau_plus": ref.TAU_PLUS, "tau_minus": ref.TAU_MINUS}
OTHER_PARAMETERS = {"a_plus": 0.02, "a_minus": 0.03, "tau_plus": 10.0, "tau_minus": 30.0}
UPDATE_NAMES = ("w", "x_pre", "x_post")


def _keywords(kwargs):
    return "".join(f", {key}={value}" for key, value in kwargs.items())


def stdp_window(student_stdp_window):
    """Check ``stdp_window(delta_t, a_plus, a_minus, tau_plus, tau_minus)`` at crafted and random Δt."""
    rng = np.random.default_rng(731)
    delta_t = np.r_[-40.0, -20.0, -1.0, 0.0, 1.0, 20.0, 40.0, rng.uniform(-100, 100, 33)]
    for kwargs in ({}, OTHER_PARAMETERS):
        p = PARAMETERS | kwargs
        expected = ref.stdp_window(delta_t, **p)
        at_zero = delta_t == 0
        mistakes = {
            "Δt is t_post − t_pre: a presynaptic spike before the postsynaptic one (Δt > 0) potentiates.":
                ref.stdp_window(-delta_t, **p),
            "depression lowers the weight: W(Δt) = −A₋ exp(Δt/τ₋) is negative for Δt < 0.": np.abs(expected),
            "a pair in the same step (Δt = 0) changes nothing: W(0) = 0.":
                np.where(at_zero, p["a_plus"], expected),
            "a pair in the same step (Δt = 0) changes nothing: W(0) = 0, neither A₊ nor −A₋ nor both.":
                np.where(at_zero, p["a_plus"] - p["a_minus"], expected),
            "potentiation decays with τ₊ and depression with τ₋: check which goes where.":
                ref.stdp_window(delta_t, p["a_plus"], p["a_minus"], p["tau_minus"], p["tau_plus"]),
            "use the arguments a_plus, a_minus, tau_plus and tau_minus, not the constants.":
                ref.stdp_window(delta_t),
            "depression has its own amplitude A₋ (1.05·A₊ by default).":
                ref.stdp_window(delta_t, p["a_plus"], p["a_plus"], p["tau_plus"], p["tau_minus"]),
        }
        with np.errstate(over="ignore"):
            mistakes["the window decays with |Δt| on both sides: exp(−|Δt|/τ)."] = np.where(
                delta_t > 0, p["a_plus"] * np.exp(delta_t / p["tau_plus"]), expected)
        # Any correct formula (exp(−Δt/τ), exp(−|Δt|/τ), a division by exp(Δt/τ)) agrees to a few ulp.
        assert_close(call(student_stdp_window, delta_t, **kwargs), expected,
                     f"stdp_window(delta_t{_keywords(kwargs)}) at 40 values of Δt in [−100, 100] ms",
                     atol=1e-15, rtol=1e-12, mistakes=mistakes)
    grid = rng.uniform(-60, 60, (4, 5))
    assert_close(call(student_stdp_window, grid), ref.stdp_window(grid),
                 "stdp_window(delta_t of shape (4, 5))", atol=1e-15, rtol=1e-12,
                 hint="work elementwise and return an array of the shape of delta_t.")
    as_array(call(student_stdp_window, 10.0), "stdp_window(10.0)", shape=())


def _step_mistakes(w, x_pre, x_post, pre, post, dt, p):
    """What one step returns under common mistakes: ``{hint: (w, x_pre, x_post)}``."""
    exact_pre, exact_post = np.exp(-dt / p["tau_plus"]), np.exp(-dt / p["tau_minus"])
    euler_pre, euler_post = 1 - dt / p["tau_plus"], 1 - dt / p["tau_minus"]

    def step(x_pre_w, x_post_w, x_pre_new, x_post_new, a_plus=p["a_plus"], a_minus=p["a_minus"]):
        return (w + a_plus * np.outer(post, x_pre_w) - a_minus * np.outer(x_post_w, pre), x_pre_new, x_post_new)

    decayed_pre, decayed_post = x_pre * exact_pre, x_post * exact_post
    return {
        "decay the traces by the exact factor exp(−dt/τ), not the Euler factor 1 − dt/τ: only the exact factor "
        "makes the online rule equal the pair sum.":
            step(x_pre * euler_pre, x_post * euler_post, x_pre * euler_pre + pre, x_post * euler_post + post),
        "same order as the original page, with its Euler factor: decay by exp(−dt/τ), not 1 − dt/τ, and update "
        "the weights before adding this step's spikes.":
            step(x_pre * euler_pre + pre, x_post * euler_post + post, x_pre * euler_pre + pre,
                 x_post * euler_post + post),
        "update the weights before adding this step's spikes to the traces: a pair in the same step (Δt = 0) "
        "changes nothing.":
            step(decayed_pre + pre, decayed_post + post, decayed_pre + pre, decayed_post + post),
        "decay the traces before the weight update: the traces passed in are those of the previous step, "
        "a time dt earlier.":
            step(x_pre, x_post, decayed_pre + pre, decayed_post + post),
        "the presynaptic trace decays with τ₊ (it drives potentiation), the postsynaptic one with τ₋.":
            step(x_pre * exact_post, x_post * exact_pre, x_pre * exact_post + pre, x_post * exact_pre + post),
        "a postsynaptic spike reads the presynaptic trace and potentiates (A₊); a presynaptic spike reads the "
        "postsynaptic trace and depresses (A₋).":
            step(decayed_pre, decayed_post, decayed_pre + pre, decayed_post + post, -p["a_minus"], -p["a_plus"]),
        "the traces must remember this step's spikes: add 1 for each spike.":
            step(decayed_pre, decayed_post, decayed_pre, decayed_post),
        "decay the traces, then add the spikes: a spike makes its trace 1 higher right after the step.":
            step(decayed_pre, decayed_post, (x_pre + pre) * exact_pre, (x_post + post) * exact_post),
        "a spike adds 1 to its trace, whatever the trace holds (all-to-all pairs); resetting it to 1 would keep "
        "only the nearest spike.":
            step(decayed_pre, decayed_post, np.where(pre > 0, 1.0, decayed_pre), np.where(post > 0, 1.0, decayed_post)),
        "use the arguments a_plus, a_minus, tau_plus and tau_minus, not the constants.":
            ref.stdp_update(w, x_pre, x_post, pre, post, dt),
    }


def _compare_step(result, expected, mistakes, what):
    """Compare the three returned values, naming a known mistake that matches all three."""
    for index, name in enumerate(UPDATE_NAMES):
        value = as_array(result[index], f"{name} returned by {what}", shape=expected[index].shape)
        # One step is a few products of numbers of order 1: the reference and any correct ordering of the
        # same products agree to ~1e-16; 1e-12 leaves room and rejects every mistake (≥ 1e-4 apart).
        matching = {hint: wrong[index] for hint, wrong in mistakes.items()
                    if all(np.allclose(r, m, atol=1e-12) for r, m in zip(result[:index], wrong[:index]))}
        assert_close(value, expected[index], f"{name} returned by {what}", atol=1e-12, rtol=1e-12,
                     mistakes=matching)


def _single_steps(student_stdp_update):
    rng = np.random.default_rng(732)
    n_post, n_pre = 3, 7
    pre = np.array([1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0])
    post = np.array([1.0, 0.0, 1.0])
    for dt, kwargs in ((1.0, {}), (0.5, OTHER_PARAMETERS)):
        p = PARAMETERS | kwargs
        w = rng.uniform(0, 1, (n_post, n_pre))
        x_pre, x_post = rng.uniform(0, 2, n_pre), rng.uniform(0, 2, n_post)
        what = f"stdp_update(w (3, 7), x_pre, x_post, pre_spike, post_spike, dt={dt}{_keywords(kwargs)})"
        try:
            result = call(student_stdp_update, w, x_pre, x_post, pre, post, dt, returns=UPDATE_NAMES, **kwargs)
        except AssertionError as error:
            if " raised " not in str(error):
                raise
            raise AssertionError(f"{error}\nHint: w has shape (n_post, n_pre): w[i, j] is the synapse from "
                                 "presynaptic cell j to postsynaptic cell i, so the potentiation is the outer "
                                 "product of post_spike and x_pre.") from None
        expected = ref.stdp_update(w, x_pre, x_post, pre, post, dt, **p)
        _compare_step(result, expected, _step_mistakes(w, x_pre, x_post, pre, post, dt, p), what)
    # Weight-dependent amplitudes, one per synapse.
    a_plus, a_minus = rng.uniform(0, 0.02, (2, n_post, n_pre))
    what = "stdp_update(w, x_pre, x_post, pre_spike, post_spike, dt=1.0, a_plus=array (3, 7), a_minus=array (3, 7))"
    with hint_on_failure("a_plus and a_minus may be arrays of the shape of w, one amplitude per synapse: multiply "
                         "them elementwise with the outer products."):
        result = call(student_stdp_update, w, x_pre, x_post, pre, post, 1.0, returns=UPDATE_NAMES,
                      a_plus=a_plus, a_minus=a_minus)
        expected = ref.stdp_update(w, x_pre, x_post, pre, post, 1.0, a_plus=a_plus, a_minus=a_minus)
        for index, name in enumerate(UPDATE_NAMES):
            assert_close(result[index], expected[index], f"{name} returned by {what}", atol=1e-12, rtol=1e-12)


def _pair_sum(pre, post, dt, kernel):
    """Σ over every (post, pre) pair of kernel(t_post − t_pre), shape (n_post, n_pre); pre, post (n_steps, n)."""
    steps = np.arange(len(pre)) * dt
    total = np.zeros((post.shape[1], pre.shape[1]))
    for i in range(post.shape[1]):
        for j in range(pre.shape[1]):
            t_post, t_pre = steps[post[:, i] > 0], steps[pre[:, j] > 0]
            total[i, j] = kernel(t_post[:, None] - t_pre[None, :]).sum()
    return total


def _spike_trains(student_stdp_update):
    """400 steps of random trains with coincident spikes: the online rule equals the all-to-all pair sum."""
    rng = np.random.default_rng(733)
    n_steps, n_pre, n_post, dt = 400, 4, 2, 0.5
    pre = (rng.random((n_steps, n_pre)) < 0.04).astype(float)
    post = (rng.random((n_steps, n_post)) < 0.04).astype(float)
    post[pre[:, 0] > 0, 0] = 1.0  # post cell 0 also fires in every step in which pre cell 0 fires: Δt = 0 pairs
    w, x_pre, x_post = np.zeros((n_post, n_pre)), np.zeros(n_pre), np.zeros(n_post)
    for k in range(n_steps):
        w, x_pre, x_post = call(student_stdp_update, w, x_pre, x_post, pre[k], post[k], dt, returns=UPDATE_NAMES)
        w = as_array(w, f"w returned by stdp_update at step {k} of a run from w = 0", shape=(n_post, n_pre))
        x_pre = as_array(x_pre, f"x_pre returned by stdp_update at step {k}", shape=(n_pre,))
        x_post = as_array(x_post, f"x_post returned by stdp_update at step {k}", shape=(n_post,))
    expected = _pair_sum(pre, post, dt, ref.stdp_window)
    coincident = _pair_sum(pre, post, dt, lambda d: d == 0)

    def euler(d):
        return np.where(d > 0, ref.A_PLUS * (1 - dt / ref.TAU_PLUS) ** (d / dt), 0.0) - np.where(
            d < 0, ref.A_MINUS * (1 - dt / ref.TAU_MINUS) ** (-d / dt), 0.0)

    # Both sides are sums of ~100 terms of order 1e-2, each exact to ~1e-17 (the trace accumulates the
    # decay factors as products, the pair sum as exponentials): they agree to ~1e-16; 1e-12 leaves room.
    assert_close(w, expected, f"the weights after {n_steps} steps of random spike trains (dt = {dt} ms), from w = 0",
                 atol=1e-12, mistakes={
                     "the online rule must equal the sum of stdp_window over every pair of spikes: pairs in the "
                     "same step (Δt = 0) must change nothing.": expected + (ref.A_PLUS - ref.A_MINUS) * coincident,
                     "decay the traces by exp(−dt/τ): with 1 − dt/τ the rule sums a kernel that is not the "
                     "exponential window.": _pair_sum(pre, post, dt, euler),
                 }, hint="the weight change summed over the run must equal Σ W(t_post − t_pre) over every pair "
                         "of spikes (all-to-all).")


def stdp_update(student_stdp_update):
    """Check ``stdp_update(w, x_pre, x_post, pre_spike, post_spike, dt, …)``: single steps, then a run."""
    _single_steps(student_stdp_update)
    _spike_trains(student_stdp_update)


def stdp_amplitudes(student_stdp_amplitudes):
    """Check ``stdp_amplitudes(w, bound, eta_plus, eta_minus, w_min, w_max)`` at the bounds and inside."""
    rng = np.random.default_rng(734)
    cases = (({}, np.r_[0.0, 1.0, 0.5, 1e-9, 1 - 1e-9, rng.uniform(0, 1, 7)]),
             ({"eta_plus": 0.02, "eta_minus": 0.005, "w_min": 0.2, "w_max": 2.0},
              np.r_[0.2, 2.0, 1.0, rng.uniform(0.2, 2.0, 7)]))
    for kwargs, w in cases:
        p = {"eta_plus": ref.A_PLUS, "eta_minus": ref.A_MINUS, "w_min": ref.W_MIN, "w_max": ref.W_MAX} | kwargs
        for bound in ("soft", "hard"):
            what = f"stdp_amplitudes(w, {bound!r}{_keywords(kwargs)}) at w = {np.round(w[:3], 3).tolist()}, …"
            result = call(student_stdp_amplitudes, w, bound, returns=("a_plus", "a_minus"), **kwargs)
            expected = ref.stdp_amplitudes(w, bound, **p)
            eta_plus, eta_minus, w_min, w_max = p["eta_plus"], p["eta_minus"], p["w_min"], p["w_max"]
            mistakes = [{  # a_plus
                "soft bound: A₊(w) = η₊(w_max − w) vanishes at w_max.": eta_plus * w,
                "hard bound: potentiation stops at w_max, A₊(w_max) = 0 (Θ(0) = 0 here).":
                    eta_plus * (w <= w_max),
                "use the arguments eta_plus, w_min and w_max, not the constants.":
                    ref.stdp_amplitudes(w, bound)[0],
            }, {  # a_minus
                "the original page's A₋(w) = η₋Θ(−w) blocks depression of every positive weight: depression "
                "stops only at the lower bound, A₋(w) = η₋Θ(w − w_min).": eta_minus * (w <= 0),
                "hard bound: depression stops at w_min, A₋(w_min) = 0 (Θ(0) = 0 here).": eta_minus * (w >= w_min),
                "soft bound: A₋(w) = η₋(w − w_min) vanishes at the lower bound w_min.": eta_minus * w,
                "soft bound: A₋(w) = η₋(w − w_min) grows with w.": eta_minus * (w_max - w),
                "use the arguments eta_minus, w_min and w_max, not the constants.":
                    ref.stdp_amplitudes(w, bound)[1],
            }]
            for value, reference, name, known in zip(result, expected, ("a_plus", "a_minus"), mistakes):
                # Products of two numbers: exact to an ulp.
                assert_close(as_array(value, f"{name} returned by {what}", shape=w.shape), reference,
                             f"{name} returned by {what}", atol=1e-15, rtol=1e-12, mistakes=known)
    w = rng.uniform(0, 1, (2, 3))
    for bound in ("soft", "hard"):
        result = call(student_stdp_amplitudes, w, bound, returns=("a_plus", "a_minus"))
        for value, reference, name in zip(result, ref.stdp_amplitudes(w, bound), ("a_plus", "a_minus")):
            assert_close(value, reference, f"{name} returned by stdp_amplitudes(w of shape (2, 3), {bound!r})",
                         atol=1e-15, rtol=1e-12, hint="return arrays of the shape of w, one amplitude per synapse.")


# The weight after the single-synapse protocol: the exact pair sum is 1.64752e-4 (the reference's trace rule
# agrees to 1e-19). The question asks for three significant figures (1.65e-4, 2.5e-7 off); 1e-6 accepts that
# and every correct run, and rejects the original page's Euler decay (1.6105e-4, 3.7e-6 off) and every other
# mistake below (all ≥ 2.5e-4 off).
final_weight = Discovery(
    1.6475e-4, 1e-6, "final_weight, the weight at the end of the single-synapse protocol",
    mistakes={
        "decay the traces by exp(−dt/τ), as stdp_update does, not by the Euler factor 1 − dt/τ": 1.6105e-4,
        "Δt is t_post − t_pre: pre before post potentiates": -6.928e-4,
        "A₋ = 1.05·A₊, not A₊": 4.183e-4,
        "time is in ms throughout: dt = 1 ms, τ = 20 ms": 3.916e-3,
        "give the weight itself, not in units of 1e-4": 1.6475,
    })

# The integral of the window: A₊τ₊ − A₋τ₋ = 0.2 − 0.21 ms (quad over both lobes gives it to 1e-15). A Riemann
# or trapezoid sum on a 1 ms grid misses part of each lobe next to the jump at Δt = 0 and gives −0.00975 ms;
# a 0.1 ms grid −0.00998; stopping at ±100 ms −0.00993. 5e-4 ms accepts these and rejects stopping at the
# plotted ±50 ms (−0.0090 on a 1 ms grid, −0.0092 with quad), seconds (−1e-5), A₋ = A₊ (0), one lobe (0.2).
window_integral = Discovery(
    -0.01, 5e-4, "window_integral, the integral of W(Δt) over Δt", unit="ms",
    mistakes={
        "the window reaches beyond the ±50 ms of Figure 1: integrate until it has decayed (many τ)": -0.0091,
        "the lobes nearly cancel, but not exactly: check A₋ = 1.05·A₊ and that Δt is in ms": 0.0,
        "integrate W itself, with the depression lobe negative": 0.41,
        "integrate both lobes, Δt < 0 and Δt > 0": 0.2,
    })
