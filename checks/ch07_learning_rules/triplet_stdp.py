"""Checks of section 7.4, triplet STDP and bursts.

Besides comparing with ``solutions`` on seeded inputs, the checks test facts of the
rule through the student's own functions: an isolated pair changes the weight by the
STDP window; simulated with independent Poisson trains (event by event, exactly), the
rule drifts at the mean-field rate ⟨dw/dt⟩ = ρ_xρ_y[A₂⁺τ₊ − A₂⁻τ₋ + A₃⁺τ₊τ_yρ_y −
A₃⁻τ₋τ_xρ_x] of Pfister & Gerstner (2006), within six standard errors; the drift
vanishes when either neuron is silent. Two discovery answers ask at which pairing
frequency post-before-pre pairs start to potentiate, and at which postsynaptic rate
the drift changes sign.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, assert_statistic, call, hint_on_failure
from solutions.ch07_learning_rules import triplet_stdp as ref

STATE_NAMES = ("w", "r1", "r2", "o1", "o2")
TAUS = {"r1": ref.TAU_PLUS, "r2": ref.TAU_X, "o1": ref.TAU_MINUS, "o2": ref.TAU_Y}  # ms
CUSTOM = {"a2_plus": 4e-3, "a3_plus": 2e-3, "a2_minus": 5e-3, "a3_minus": 1e-3}  # every term visible


def _update_mistakes(w, traces, pre, post, dt, amplitudes):
    """The weight and traces after one update under common mistakes, for hints."""
    a2p, a3p, a2m, a3m = (amplitudes[k] for k in ("a2_plus", "a3_plus", "a2_minus", "a3_minus"))
    decayed = {name: x * np.exp(-dt / TAUS[name]) for name, x in traces.items()}
    euler = {name: x * (1 - dt / TAUS[name]) for name, x in traces.items()}
    swapped = dict(decayed, r2=traces["r2"] * np.exp(-dt / ref.TAU_Y), o2=traces["o2"] * np.exp(-dt / ref.TAU_X))

    def weight(r1, r2, o1, o2):
        return w + post * r1 * (a2p + a3p * o2) - pre * o1 * (a2m + a3m * r2)

    d = decayed
    weights = {
        "t − ε: update the weight before adding this interval's spikes to the traces (a spike does not "
        "pair with itself).": weight(d["r1"] + pre, d["r2"] + pre, d["o1"] + post, d["o2"] + post),
        "first let the traces decay over dt, then update the weight with the decayed traces.":
            weight(*(traces[k] for k in ("r1", "r2", "o1", "o2"))),
        "the traces decay exactly, x·exp(−dt/τ): dt can be long (an event-driven step), where the Euler "
        "factor 1 − dt/τ fails.": weight(*(euler[k] for k in ("r1", "r2", "o1", "o2"))),
        "the triplet terms use the slow traces: o₂ (τ_y) at a post spike, r₂ (τ_x) at a pre spike.":
            weight(d["r1"], d["r1"], d["o1"], d["o1"]),
        "r₂ (τ_x = 101 ms) is the presynaptic slow trace and o₂ (τ_y = 125 ms) the postsynaptic one.":
            weight(*(swapped[k] for k in ("r1", "r2", "o1", "o2"))),
        "depression lowers the weight: w − o₁(A₂⁻ + A₃⁻ r₂) at a presynaptic spike.":
            w + post * d["r1"] * (a2p + a3p * d["o2"]) + pre * d["o1"] * (a2m + a3m * d["r2"]),
    }
    spikes = {"r1": pre, "r2": pre, "o1": post, "o2": post}
    trace_mistakes = {
        name: {
            "the traces decay exactly, x·exp(−dt/τ), not with the Euler factor 1 − dt/τ.": euler[name] + spikes[name],
            "r₂ decays with τ_x = 101 ms and o₂ with τ_y = 125 ms.": swapped[name] + spikes[name],
            "a spike adds 1 to both traces of its neuron, after the weight update.": decayed[name],
            "r₁, r₂ count presynaptic spikes, o₁, o₂ postsynaptic ones.":
                decayed[name] + (post if name.startswith("r") else pre),
        }
        for name in traces
    }
    return weights, trace_mistakes


def _compare_update(student, w, traces, pre, post, dt, amplitudes, what):
    result = call(student, w, *traces.values(), pre, post, dt, returns=STATE_NAMES, **amplitudes)
    full = {k: amplitudes.get(k, v) for k, v in
            {"a2_plus": ref.A2_PLUS, "a3_plus": ref.A3_PLUS, "a2_minus": ref.A2_MINUS, "a3_minus": ref.A3_MINUS}.items()}
    expected = ref.triplet_stdp_update(w, *traces.values(), pre, post, dt, **full)
    weights, trace_mistakes = _update_mistakes(w, traces, pre, post, dt, full)
    for name, value, reference in zip(STATE_NAMES, result, expected):
        # One exponential and a few products: round-off is ~1e-16 relative; 1e-10 leaves room for any order.
        assert_close(value, reference, f"{name} returned by {what}", atol=1e-12, rtol=1e-10,
                     mistakes=weights if name == "w" else trace_mistakes[name],
                     hint="use the amplitudes passed as keyword arguments." if name == "w" and len(amplitudes) else None)


def triplet_stdp_update(student_update, seed=740):
    """Check ``triplet_stdp_update(w, r1, r2, o1, o2, pre, post, dt, …)``: random states, every spike combination,
    custom amplitudes, scalars; then the Poisson drift of an exact event-driven simulation."""
    rng = np.random.default_rng(74)
    n = 40
    w = rng.uniform(-1, 1, n)
    traces = {name: rng.uniform(0, 3, n) for name in TAUS}
    pre, post = np.tile([True, True, False, False], n // 4), np.tile([True, False, True, False], n // 4)
    dt = rng.uniform(0, 60, n)
    _compare_update(student_update, w, traces, pre, post, dt, {},
                    "triplet_stdp_update(40 random states, every pre/post combination, dt in [0, 60] ms)")
    _compare_update(student_update, w, traces, pre, post, 0.1, CUSTOM,
                    f"triplet_stdp_update(40 random states, dt=0.1, {', '.join(f'{k}={v}' for k, v in CUSTOM.items())})")
    scalar = {name: 0.5 for name in TAUS}
    _compare_update(student_update, 0.2, scalar, False, True, 5.0, CUSTOM,
                    "triplet_stdp_update(0.2, 0.5, 0.5, 0.5, 0.5, pre=False, post=True, dt=5.0, custom amplitudes)")
    with hint_on_failure("simulate with dt the time since the previous spike; the rule must add up every pair "
                         "and triplet through the traces."):
        _poisson_drift_fact(student_update, seed)


# The Poisson test: 400 synapses, presynaptic rate 10 Hz, postsynaptic 5 Hz (depression) for the first 200 and
# 40 Hz (potentiation) for the others. Pre and post spikes together form a Poisson process of rate ρ_x + ρ_y in
# which each event is presynaptic with probability ρ_x/(ρ_x + ρ_y): 1000 events per synapse, each one call with
# dt the exponential interval before it, simulate every synapse exactly. The traces start at their stationary
# means (r₁ = ρ_xτ₊, …) and the weight is read at a fixed time, 80 % of the mean time of 1000 events (53 s at
# 5 Hz, 16 s at 40 Hz; the 1000th event comes later with probability 1 − 1e-10): reading it at the last event
# instead would bias the drift by −0.3 %, since the time of the 1000th event depends on the spikes.
POISSON_RHO_X, POISSON_RHO_Y, POISSON_SYNAPSES, POISSON_EVENTS = 10.0, (5.0, 40.0), 200, 1000
POISSON_WINDOW = 0.8  # the fraction of the mean time of POISSON_EVENTS events at which w is read
# The drift estimate of 200 synapses has a standard error of 7.5e-5 and 1.6e-3 per second at 5 and 40 Hz,
# measured over 200 seeds (tests/references/ch07_learning_rules/test_triplet_stdp.py): six standard errors are
# 4.5e-4 (5 % of the drift −8.93e-3/s) and 1.0e-2 (9 % of 0.111/s).
POISSON_TOLERANCE = (4.5e-4, 1.0e-2)  # 1/s


def poisson_trains(rng, rho_x=POISSON_RHO_X, rho_y=POISSON_RHO_Y, n_synapses=POISSON_SYNAPSES,
                   n_events=POISSON_EVENTS):
    """Independent Poisson trains as one merged train per synapse.

    Returns
    -------
    rho_y : ndarray of shape (n,)
        The postsynaptic rate of each synapse (Hz), n = n_synapses · len(rho_y).
    intervals : ndarray of shape (n_events, n)
        The interval (ms) before each event.
    is_pre : ndarray of bool, shape (n_events, n)
        Whether each event is a presynaptic spike (else postsynaptic).
    traces : list of 4 ndarray of shape (n,)
        r1, r2, o1, o2 at their stationary means.
    horizon : ndarray of shape (n,)
        The time (ms) at which to read the weight.
    """
    rho_y = np.repeat(np.asarray(rho_y, dtype=float), n_synapses)
    total = rho_x + rho_y  # Hz
    intervals = rng.exponential(1000.0 / total, (n_events, rho_y.size))
    is_pre = rng.random((n_events, rho_y.size)) < rho_x / total
    traces = [rho_x * ref.TAU_PLUS / 1000 * np.ones(rho_y.size), rho_x * ref.TAU_X / 1000 * np.ones(rho_y.size),
              rho_y * ref.TAU_MINUS / 1000, rho_y * ref.TAU_Y / 1000]
    return rho_y, intervals, is_pre, traces, POISSON_WINDOW * n_events * 1000.0 / total


def simulate_poisson(update, rng, **kwargs):
    """Run ``update`` through ``poisson_trains(rng, **kwargs)``; return ``(rho_y, drift per synapse in 1/s)``."""
    rho_y, intervals, is_pre, traces, horizon = poisson_trains(rng, **kwargs)
    state = (np.zeros(rho_y.size), *traces)
    w_at_horizon, now = np.zeros(rho_y.size), np.zeros(rho_y.size)
    for k in range(len(intervals)):
        state = update(*state, is_pre[k], ~is_pre[k], intervals[k])
        now = now + intervals[k]
        w_at_horizon = np.where(now <= horizon, state[0], w_at_horizon)
    return rho_y, w_at_horizon / (horizon / 1000.0)


def _poisson_drift_fact(student_update, seed):
    def update(*args):
        state = call(student_update, *args, returns=STATE_NAMES)
        return [as_array(x, "the state returned by triplet_stdp_update", shape=args[0].shape) for x in state]

    rho_y, drift = simulate_poisson(update, np.random.default_rng(seed))
    for rate, tolerance in zip(POISSON_RHO_Y, POISSON_TOLERANCE):
        assert_statistic(drift[rho_y == rate].mean(), float(ref.poisson_drift(POISSON_RHO_X, rate)), tolerance,
                         f"the mean drift ⟨dw/dt⟩ (1/s) of {POISSON_SYNAPSES} synapses with Poisson trains at "
                         f"ρ_x = {POISSON_RHO_X:g} Hz, ρ_y = {rate:g} Hz, simulated with your function")


def pairing_protocol(student_protocol):
    """Check ``pairing_protocol(delta_t, frequency, n_pairs, …)`` at 0.1–50 Hz, broadcast, custom amplitudes."""
    frequency = np.array([0.1, 1.0, 5.0, 10.0, 20.0, 30.0, 40.0, 50.0])
    for delta_t in (ref.PAIRING_DELTA_T, -ref.PAIRING_DELTA_T):
        what = f"pairing_protocol({delta_t:g}, frequency={frequency.tolist()})"
        expected = ref.pairing_protocol(delta_t, frequency)
        shifted = 1000.0 / (1000.0 / frequency + abs(delta_t))
        # Δw reaches 0.74; 1e-9 relative is far below any real difference and above round-off of 120 steps.
        assert_close(call(student_protocol, delta_t, frequency), expected, what, atol=1e-12, rtol=1e-9, mistakes={
            "Δt = t_post − t_pre: a positive Δt puts the presynaptic spike first.":
                ref.pairing_protocol(-delta_t, frequency),
            "the traces carry over from one pair to the next: do not reset them between pairs.":
                ref.N_PAIRS * ref.pairing_protocol(delta_t, frequency, n_pairs=1),
            "simulate n_pairs pairs: check the range of your loop.": ref.pairing_protocol(delta_t, frequency, 59),
            "pair k starts at k·T: the interval from the second spike of a pair to the first of the next is "
            "T − |Δt|.": ref.pairing_protocol(delta_t, shifted),
        }, hint="the period is T = 1000/frequency ms; the weight and the traces start at 0.")
    delta_t, frequency = np.array([[5.0], [-5.0], [20.0], [-20.0]]), np.array([1.0, 10.0, 25.0])
    assert_close(call(student_protocol, delta_t, frequency), ref.pairing_protocol(delta_t, frequency),
                 "pairing_protocol(delta_t of shape (4, 1), frequency of shape (3,))", atol=1e-12, rtol=1e-9,
                 hint="delta_t and frequency broadcast: which spike comes first can differ between elements.")
    pair_rule = {"a2_plus": 5e-3, "a3_plus": 0.0, "a2_minus": 5e-3, "a3_minus": 0.0}
    assert_close(call(student_protocol, 10.0, frequency, n_pairs=5, **pair_rule),
                 ref.pairing_protocol(10.0, frequency, n_pairs=5, **pair_rule),
                 "pairing_protocol(10, [1, 10, 25], n_pairs=5, a2_plus=5e-3, a3_plus=0, a2_minus=5e-3, a3_minus=0)",
                 atol=1e-12, rtol=1e-9, hint="pass n_pairs and the amplitudes on.")


def poisson_drift(student_drift):
    """Check ``poisson_drift(rho_x, rho_y, …)`` on random rates, broadcast and custom amplitudes."""
    rng = np.random.default_rng(741)
    rho_x, rho_y = rng.uniform(0, 50, 30), rng.uniform(0, 50, 30)
    tp, tm, tx, ty = ref.TAU_PLUS, ref.TAU_MINUS, ref.TAU_X, ref.TAU_Y  # ms
    pairs = ref.A2_PLUS * tp - ref.A2_MINUS * tm
    mistakes = {
        "convert the time constants to seconds: the rates are in Hz.":
            rho_x * rho_y * (pairs + ref.A3_PLUS * tp * ty * rho_y - ref.A3_MINUS * tm * tx * rho_x),
        "the triplet potentiation goes with τ_y (the slow post trace) and ρ_y, the depression with τ_x and ρ_x.":
            rho_x * rho_y * (pairs / 1e3 + (ref.A3_PLUS * tp * tx * rho_y - ref.A3_MINUS * tm * ty * rho_x) / 1e6),
        "every term has the factor ρ_x ρ_y: a pair needs a spike of each neuron.":
            pairs / 1e3 + (ref.A3_PLUS * tp * ty * rho_y - ref.A3_MINUS * tm * tx * rho_x) / 1e6,
        "the triplet potentiation grows with the postsynaptic rate ρ_y, the triplet depression with ρ_x.":
            rho_x * rho_y * (pairs / 1e3 + (ref.A3_PLUS * tp * ty * rho_x - ref.A3_MINUS * tm * tx * rho_y) / 1e6),
    }
    # A few products: 1e-9 relative is far above round-off.
    assert_close(call(student_drift, rho_x, rho_y), ref.poisson_drift(rho_x, rho_y),
                 "poisson_drift(30 random rho_x, 30 random rho_y in [0, 50] Hz)", atol=1e-15, rtol=1e-9,
                 mistakes=mistakes)
    rho_x, rho_y = np.array([[2.0], [10.0], [30.0]]), np.array([0.0, 5.0, 20.0, 60.0])
    assert_close(call(student_drift, rho_x, rho_y, **CUSTOM), ref.poisson_drift(rho_x, rho_y, **CUSTOM),
                 "poisson_drift(rho_x of shape (3, 1), rho_y of shape (4,), custom amplitudes)", atol=1e-15,
                 rtol=1e-9, hint="use the amplitudes passed as keyword arguments; the rates broadcast.")


# The crossover of post-before-pre pairing (Δt = −10 ms, 60 pairs): brentq on the reference finds 36.39 Hz, a
# single sign change in 0.1–50 Hz. The question asks for it to 1 Hz: the nearest integer (36), the first
# frequency of an integer grid with Δw > 0 (37) and a bisection all lie within 1.0 of it; 1.0 rejects the dip
# of the curve (17 Hz) and the period in ms (27.5).
crossover_frequency = Discovery(
    36.39, 1.0, "crossover_frequency, the pairing frequency where post-before-pre pairs start to potentiate",
    unit="Hz",
    mistakes={"the question asks where Δw changes sign, not where the depression is deepest": 17.0,
              "answer with the frequency in Hz, not the period 1000/f in ms": 27.5,
              "post-before-pre pairs have Δt = t_post − t_pre = −10 ms: pre-before-post pairs never depress": 0.1})

# The BCM threshold at ρ_x = 10 Hz: the positive root of A₂⁺τ₊ − A₂⁻τ₋ + A₃⁺τ₊τ_yρ_y − A₃⁻τ₋τ_xρ_x, 18.72 Hz.
# The question asks for it to 0.1 Hz: the grid neighbours 18.7 and 18.8 and a root finder all lie within 0.15;
# it rejects the threshold without the A₃⁻ term (18.12 Hz, the textbook formula for A₃⁻ = 0), time constants
# left in ms (0.62 Hz) and τ_x and τ_y swapped (23.3 Hz).
rho_theta = Discovery(
    18.72, 0.15, "rho_theta, the postsynaptic rate where the drift changes sign at ρ_x = 10 Hz", unit="Hz",
    mistakes={"at ρ_x = 10 Hz the triplet depression A₃⁻τ₋τ_xρ_x raises the threshold: keep it": 18.12,
              "convert the time constants to seconds before mixing them with rates in Hz": 0.62,
              "the triplet potentiation goes with τ_y, the triplet depression with τ_x": 23.3})
