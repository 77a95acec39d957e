"""Checks of chapter 15, neurite growth (the Van Pelt model) and Sholl analysis.

``segment_endpoints``, ``branching_probabilities``, ``total_length`` and ``sholl_profile`` are deterministic: they
are compared with the reference on hand-built and seeded trees, and with facts that need no reference (the corners
of the original's example tree; the branching probabilities of a lone terminal segment sum to B∞(1 − e^(−T/τ))
over any steps, and S leaves their sum over a tree unchanged; hand-counted Sholl crossings).

``grow_step`` is random, so its check tests what its rules fix. Where the outcome of every growth cone is certain
(no branching and no turning, every cone turning, every cone branching) and the speeds have a negligible spread,
the new tree is compared with the reference's. On a tree of 1000 growth cones it tests distributions, with
tolerances of six standard errors (argued at each): the number of branchings in three groups of orders, the
elongation lengths (never negative, mean and standard deviation of the speed), the turning probability
1 − e^(−r_L ΔL) given the drawn ΔL, and the uniform angles. The seeds are fixed, so grading is deterministic;
tests/references runs the check with 40 other seeds. A step must draw only from its ``rng``.
"""

import numpy as np

from autograder.checking import (Discovery, as_array, assert_close, assert_reproducible, assert_statistic, call,
                                 hint_on_failure)
from solutions.ch15_neuron_morphology import neurite_growth as ref

KEYS = ("parent", "start", "end", "angle", "order", "terminal")
TINY_SD = 1e-9 * ref.SPEED_MEAN  # a speed spread that leaves ΔL = speed_mean · dt to 1e-9 of itself


def _toy():
    """The corrected example tree of the original, with its corners written out exactly."""
    end = np.array([[0, 1], [-1, 2], [1, 2], [-1.5, 2.5], [-0.5, 2.5], [0.5, 2.5], [1.5, 2.5], [2, 3],
                    [1.5, 3.5], [2.5, 3.5]])
    start = np.where(ref.TOY_PARENT[:, None] >= 0, end[ref.TOY_PARENT], 0.0)
    return {"parent": ref.TOY_PARENT.copy(), "start": start, "end": end, "angle": ref.TOY_ANGLE.copy(),
            "order": ref.TOY_ORDER.copy(), "terminal": ref.TOY_TERMINAL.copy()}


def _hook():
    """A neurite that runs out and bends back towards the soma: (0, 0) → (3, 0) → (3, 3) → (0, 3) → (0, 5)."""
    points = np.array([[0.0, 0], [3, 0], [3, 3], [0, 3], [0, 5]])
    return {"parent": np.array([-1, 0, 1, 2]), "start": points[:-1], "end": points[1:],
            "angle": np.pi / 2 * np.array([0, 1, 2, 1]), "order": np.zeros(4, dtype=int),
            "terminal": np.array([False, False, False, True])}


def _grown(seed, n_steps=72, dt=6 * 3600.0):
    """A tree grown by the reference for 18 days in 6-h steps (about a thousand segments)."""
    return ref.grow_tree(n_steps, dt, np.random.default_rng(seed))[0]


def _broom(n_tips, rng):
    """One root segment from the soma to (5, 0) and ``n_tips`` growth cones on its end, of random headings, lengths
    (0–10 µm) and orders (0–5)."""
    angle = np.concatenate([[0.0], rng.uniform(-np.pi, np.pi, n_tips)])
    length = np.concatenate([[5.0], rng.uniform(0, 10, n_tips)])
    start, end = ref.segment_endpoints(np.r_[-1, np.zeros(n_tips, dtype=int)], length, angle)
    return {"parent": np.r_[-1, np.zeros(n_tips, dtype=int)], "start": start, "end": end, "angle": angle,
            "order": np.r_[0, rng.integers(0, 6, n_tips)], "terminal": np.r_[False, np.ones(n_tips, dtype=bool)]}


def _as_tree(value, what, n_old):
    """The student's returned tree as a dict of arrays, checked for its keys, shapes and types."""
    if not isinstance(value, dict) or set(KEYS) - set(value):
        raise AssertionError(f"{what} must return a dict with the arrays {', '.join(KEYS)}.")
    tree = {key: np.asarray(value[key]) for key in KEYS}
    m = len(tree["parent"]) if tree["parent"].ndim == 1 else -1
    shapes = {"parent": (m,), "start": (m, 2), "end": (m, 2), "angle": (m,), "order": (m,), "terminal": (m,)}
    for key, shape in shapes.items():
        if tree[key].shape != shape:
            raise AssertionError(f"{what}: {key} has shape {tree[key].shape}, expected {shape}: every array has one "
                                 "entry (row) per segment.")
    if m < n_old:
        raise AssertionError(f"{what} has {m} segments, fewer than the {n_old} before the step: segments are never "
                             "removed.")
    if tree["terminal"].dtype != bool:
        raise AssertionError(f"{what}: terminal must be an array of booleans, got dtype {tree['terminal'].dtype}.")
    for key in ("parent", "order"):
        if tree[key].dtype.kind not in "iu":
            raise AssertionError(f"{what}: {key} must be an array of integers, got dtype {tree[key].dtype}.")
    for key in ("start", "end", "angle"):
        as_array(tree[key], f"{key} of {what}")
    return tree


def _frozen(tree):
    return {key: tree[key].tobytes() for key in KEYS}


def _step(student_grow_step, tree, t, dt, rng, what, **parameters):
    """Call the student's step, check that it left ``tree`` alone, and return its tree."""
    before = _frozen(tree)
    result = call(student_grow_step, tree, t, dt, rng, **parameters)
    if _frozen(tree) != before:
        raise AssertionError(f"grow_step modified the arrays of the tree it was given. The input arrays must stay "
                             "unchanged (no in-place updates): copy an array before changing it.")
    return _as_tree(result, what, len(tree["parent"]))


def _unit(angle):
    return np.column_stack([np.cos(angle), np.sin(angle)])


def _wrapped(angle):
    """An angle difference mapped into (−π, π]."""
    return np.angle(np.exp(1j * angle))


# ---------------------------------------------------------------------------------------------------------------
def segment_endpoints(student_segment_endpoints):
    """Check ``segment_endpoints(parent, length, angle)`` on the example tree and on random trees."""
    toy = _toy()
    rng = np.random.default_rng(15)
    cases = [("the example tree", ref.TOY_PARENT, ref.TOY_LENGTH, ref.TOY_ANGLE)]
    for n in (1, 6, 40):
        parent = np.array([rng.integers(-1, i) for i in range(n)])
        cases.append((f"a random tree of {n} segments", parent, rng.uniform(0, 20, n), rng.uniform(-np.pi, np.pi, n)))
    for what, parent, length, angle in cases:
        call_what = f"segment_endpoints(parent, length, angle) for {what}"
        start, end = call(student_segment_endpoints, parent, length, angle, returns=("start", "end"))
        expected_start, expected_end = ref.segment_endpoints(parent, length, angle)
        vector = length[:, None] * _unit(angle)
        cumulative = np.zeros(len(parent))  # headings measured from the parent's heading
        for i, p in enumerate(parent):
            cumulative[i] = angle[i] + (cumulative[p] if p >= 0 else 0.0)
        wrong_end = {
            "angle is measured from the x-axis, not from the parent's heading: do not add the parent's angle.":
                ref.segment_endpoints(parent, length, cumulative)[1],
            "a point is (L cos θ, L sin θ): x takes the cosine.": ref.segment_endpoints(parent, length,
                                                                                          np.pi / 2 - angle)[1],
            "a segment starts at its parent's END (not at the soma, nor where its parent starts): add the parent's "
            "end point to the polar vector.": vector,
        }
        # A sum of at most 40 vectors of length ≤ 20 µm: round-off ~1e-13 µm.
        assert_close(end, expected_end, f"end returned by {call_what}", atol=1e-9, mistakes=wrong_end)
        assert_close(start, expected_start, f"start returned by {call_what}", atol=1e-9,
                     hint="a segment starts at its parent's end, and a root segment (parent −1) at the origin: "
                          "end[parent] with parent = −1 is the last segment's end.")
        if what == "the example tree":
            assert_close(end, toy["end"], "the corners of the example tree", atol=1e-9)


def branching_probabilities(student_branching_probabilities):
    """Check ``branching_probabilities(order, t, dt, …)`` against the reference and the telescoping and
    redistribution facts."""
    rng = np.random.default_rng(16)
    cases = [
        (np.array([0, 1, 2, 2, 3, 5]), 5 * ref.DAY, ref.DT, {}),
        (np.array([0]), ref.DAY, ref.DAY, {}),
        (rng.integers(0, 9, 40), 10 * ref.DAY, ref.DAY, {"b_inf": 20.0, "e": 0.5, "s": 0.5, "tau": 1e6}),
        (rng.integers(0, 4, 7), 0.5 * ref.DAY, ref.DT_ORIGINAL, {"s": -1.0}),
    ]
    for order, t, dt, parameters in cases:
        defaults = {"b_inf": ref.B_INF, "e": ref.E_COMPETITION, "s": ref.S_ORDER, "tau": ref.TAU_BRANCH}
        b_inf, e, s, tau = ({**defaults, **parameters}[key] for key in ("b_inf", "e", "s", "tau"))
        n, weight = len(order), 2.0 ** (-s * order)
        integral = b_inf * np.exp(-t / tau) * np.expm1(dt / tau)
        extra = "".join(f", {k}={v}" for k, v in parameters.items())
        what = f"branching_probabilities(order of {n} terminals, t={t:g}, dt={dt:g}{extra})"
        expected = ref.branching_probabilities(order, t, dt, **parameters)
        result = as_array(call(student_branching_probabilities, order, t, dt, **parameters), what, shape=(n,))
        mistakes = {
            "normalise 2^(−Sγ_j) by C_n, the MEAN of 2^(−Sγ_k) over the terminal segments.":
                n ** -e * integral * weight,
            "C_n is the mean of 2^(−Sγ_k) over the n terminal segments, not their sum.":
                n ** -e * integral * weight / weight.sum(),
            "competition lowers the probability: n^(−E), not n^E.": n ** e * integral * weight / weight.mean(),
            "forgot the competition factor n^(−E).": integral * weight / weight.mean(),
            "the order factor is 2^(−Sγ_j), with a minus sign.": n ** -e * integral / weight / np.mean(1 / weight),
            "the probability over the step is the integral of the rate (B∞/τ) e^(−t'/τ) over [t − Δt, t], "
            "B∞ e^(−t/τ)(e^(Δt/τ) − 1), not the rate times Δt.":
                n ** -e * b_inf / tau * np.exp(-t / tau) * dt * weight / weight.mean(),
            "t is the time at the END of the step: the step is [t − Δt, t].":
                expected * np.exp(dt / tau),
            "t is the time at the END of the step: B∞ e^(−t/τ)(e^(Δt/τ) − 1) integrates the rate over [t − Δt, t].":
                expected * np.exp(-dt / tau),
        }
        # A few flops; e^(Δt/τ) − 1 computed as np.exp(dt / tau) − 1 loses up to 1e-12 of itself at Δt = 200 s.
        assert_close(result, expected, what, atol=0, rtol=1e-9, mistakes=mistakes)

    # S only redistributes: Σ_j p_j = n^(1−E) B∞ e^(−t/τ)(e^(Δt/τ) − 1) for every S.
    order, t, dt = rng.integers(0, 7, 25), 3 * ref.DAY, ref.DT
    total = 25 ** (1 - ref.E_COMPETITION) * ref.B_INF * np.exp(-t / ref.TAU_BRANCH) * np.expm1(dt / ref.TAU_BRANCH)
    for s in (-1.0, 0.0, 0.7):
        result = as_array(call(student_branching_probabilities, order, t, dt, s=s), "branching_probabilities",
                          shape=(25,))
        assert_close(result.sum(), total, f"the sum of branching_probabilities over 25 terminal segments with s={s}",
                     atol=0, rtol=1e-9, hint="S moves branching between orders but leaves the sum over the tree "
                                             "unchanged: Σ_j 2^(−Sγ_j)/C_n = n.")
    # Telescoping: over the daily steps of 18 days a lone terminal's probabilities sum to B∞(1 − e^(−T/τ)).
    n_days = round(ref.T_GROWTH / ref.DAY)
    summed = sum(as_array(call(student_branching_probabilities, np.zeros(1, dtype=int), i * ref.DAY, ref.DAY),
                          "branching_probabilities", shape=(1,))[0] for i in range(1, n_days + 1))
    assert_close(summed, ref.B_INF * -np.expm1(-ref.T_GROWTH / ref.TAU_BRANCH),
                 "the branching probabilities of a lone terminal segment summed over the 18 daily steps", atol=0,
                 rtol=1e-9, hint="the baseline B∞ e^(−t/τ)(e^(Δt/τ) − 1) is the integral of the rate over the step "
                                 "[t − Δt, t]; the integrals over consecutive steps add up to B∞(1 − e^(−T/τ)).")


def _check_structure(tree, new, what):
    """What every step keeps: old segments' parents, starts, orders and headings; new segments' place in the tree."""
    m = len(tree["parent"])
    for key in ("parent", "start", "angle", "order"):
        if not np.array_equal(new[key][:m], tree[key]):
            raise AssertionError(f"{what}: {key} of the old segments changed; a step only appends segments, moves the "
                                 "ends of elongating tips and clears the terminal flag of tips that branch or turn.")
    parent = new["parent"][m:]
    if np.any(parent < 0) or np.any(parent >= m) or not np.all(tree["terminal"][parent]):
        raise AssertionError(f"{what}: every new segment grows from a terminal segment of the tree before the step "
                             "(its parent index).")
    if np.any(np.diff(parent) < 0):
        raise AssertionError(f"{what}: the new segments must be appended in the order of the segments they grow "
                             "from (increasing parent index), the left daughter before the right one.")
    children = np.bincount(parent, minlength=m)
    tips = np.flatnonzero(tree["terminal"])
    if np.any(children[tips] > 2):
        raise AssertionError(f"{what}: a growth cone gives at most two new segments in one step (two daughters when "
                             "it branches, one when it turns).")
    if not np.array_equal(new["terminal"][:m], tree["terminal"] & (children == 0)) or not np.all(new["terminal"][m:]):
        raise AssertionError(f"{what}: after a step the terminal segments are the new segments and the tips that "
                             "neither branched nor turned.")
    assert_close(new["start"][m:], new["end"][parent], f"start of the new segments of {what}", atol=1e-9,
                 hint="a new segment starts at the end of the segment it grows from.")
    moved = ~np.all(np.isclose(new["end"][:m], tree["end"], rtol=0, atol=1e-12), axis=1)
    if np.any(moved & (children > 0)) or np.any(moved & ~tree["terminal"]):
        raise AssertionError(f"{what}: only a growth cone that neither branches nor turns elongates its own segment; "
                             "one that branches or turns stays where it is (its elongation goes into the new "
                             "segments), and segments that are not terminal never move.")
    vector = np.concatenate([new["end"][:m] - tree["end"], new["end"][m:] - new["start"][m:]])
    angle = np.concatenate([tree["angle"], new["angle"][m:]])
    along = np.einsum("ij,ij->i", vector, _unit(angle))  # the length grown along the heading
    if np.any(along < -1e-9) or not np.allclose(vector, along[:, None] * _unit(angle), rtol=0, atol=1e-9):
        raise AssertionError(f"{what}: a segment grows along its own heading by ΔL = ν dt ≥ 0 (the gamma "
                             "distribution has no negative speeds), and a new segment points along its angle.")
    return parent, children, along


def _certain_steps(student_grow_step, seed):
    """The three steps whose outcome is certain, compared with the reference's."""
    toy = _toy()
    m = len(toy["parent"])
    common = {"speed_sd": TINY_SD}
    scenarios = (
        ("no branching, no turning", {"b_inf": 0.0, "turn_rate": 0.0}),
        ("every growth cone turning (turn_rate=1e9)", {"b_inf": 0.0, "turn_rate": 1e9}),
        ("every growth cone branching (b_inf=1e9)", {"b_inf": 1e9, "turn_rate": 0.0}),
    )
    for k, (name, parameters) in enumerate(scenarios):
        what = f"grow_step(the example tree, t=DAY, dt=DT, rng, speed_sd={TINY_SD:.3g}, …) with {name}"
        new = _step(student_grow_step, toy, ref.DAY, ref.DT, np.random.default_rng(seed + k), what,
                    **parameters, **common)
        expected = ref.grow_step(toy, ref.DAY, ref.DT, np.random.default_rng(seed + k), **parameters, **common)
        if len(new["parent"]) != len(expected["parent"]):
            raise AssertionError(f"{what} has {len(new['parent'])} segments, expected {len(expected['parent'])}.\n"
                                 "Hint: a growth cone that branches adds two daughters, one that turns adds one "
                                 "segment, one that only elongates adds none.")
        for key in ("parent", "order", "terminal"):
            hint = {"order": "a daughter's centrifugal order is its parent's plus one; a turn continues the same "
                             "order.",
                    "terminal": "the tips that branch or turn stop being terminal; every new segment is terminal.",
                    "parent": "new segments are appended in the order of the tips they grow from, left daughter "
                              "first."}[key]
            assert_close(new[key], expected[key], f"{key} returned by {what}", atol=0, hint=hint)
        # ΔL = speed_mean · dt to 1e-9 of itself: 1e-6 µm is far above the spread and far below ΔL = 0.77 µm.
        assert_close(new["end"][:m], expected["end"][:m], f"end of the old segments returned by {what}", atol=1e-6,
                     hint="only a growth cone that neither branches nor turns moves its end, by ΔL along its heading; "
                          "one that branches or turns stays put (its growth goes into the new segments).",
                     mistakes={"ΔL = ν dt: the speed is in µm/s, multiply it by the step.":
                               toy["end"] + (expected["end"][:m] - toy["end"]) / ref.DT,
                               "the end moves along the heading θ: Δx = ΔL cos θ, Δy = ΔL sin θ.":
                               toy["end"] + (expected["end"][:m] - toy["end"])[:, ::-1]})
        _, children, along = _check_structure(toy, new, what)
        grown = along[np.r_[children[:m] == 0, np.ones(len(new["parent"]) - m, dtype=bool)]
                      & np.r_[toy["terminal"], np.ones(len(new["parent"]) - m, dtype=bool)]]
        assert_close(grown, np.full(grown.shape, ref.SPEED_MEAN * ref.DT), f"the lengths grown in {what}", atol=1e-6,
                     hint="each growth cone elongates (or a new segment starts) by ΔL = ν dt, with ν from the gamma "
                          "distribution of mean speed_mean and standard deviation speed_sd.")
        deviation = _wrapped(new["angle"][m:] - new["angle"][new["parent"][m:]])
        if name.startswith("every growth cone turning"):
            if np.any(np.abs(deviation) > ref.MAX_TURN_ANGLE + 1e-12):
                raise AssertionError(f"{what}: a turning growth cone's new heading deviates from the old one by "
                                     "U(−α, α), α = max_turn_angle (added to the parent's heading).")
        elif name.startswith("every growth cone branching"):
            left, right = deviation[0::2], deviation[1::2]
            if np.any(left < -1e-12) or np.any(left > ref.MAX_BRANCH_ANGLE + 1e-12) or np.any(right > 1e-12) \
                    or np.any(right < -ref.MAX_BRANCH_ANGLE - 1e-12):
                raise AssertionError(f"{what}: the left daughter's heading is the parent's plus U(0, β), the right "
                                     "daughter's the parent's minus U(0, β), β = max_branch_angle.")


def grow_step(student_grow_step, seed=1500):
    """Check ``grow_step(tree, t, dt, rng, …)``: three steps of certain outcome against the reference, then the
    distributions of branching, elongation, turning and angles on a tree of 1000 growth cones."""
    _certain_steps(student_grow_step, seed)

    n_tips, n_calls = 1000, 3
    broom = _broom(n_tips, np.random.default_rng(150))
    tips = np.flatnonzero(broom["terminal"])
    # b_inf = 40 and s = −1 give p from 0.02 (order 0) to 0.67 (order 5); turn_rate = 0.05/µm puts r_L ΔL near 1
    # for the typical ΔL of a day (mean 18.5 µm), where 1 − e^(−r_L ΔL) and r_L ΔL differ most.
    parameters = {"b_inf": 40.0, "s": -1.0, "turn_rate": 0.05}
    t, dt = ref.DAY, ref.DAY
    p = ref.branching_probabilities(broom["order"][tips], t, dt, b_inf=40.0, s=-1.0)
    branched, lengths, turned, p_turn, turn_deviation, left, right, pairs = [], [], [], [], [], [], [], []
    for k in range(n_calls):
        what = f"grow_step(a tree of {n_tips} growth cones, t=DAY, dt=DAY, rng, b_inf=40, s=-1, turn_rate=0.05)"
        new = _step(student_grow_step, broom, t, dt, np.random.default_rng(seed + 10 + k), what, **parameters)
        parent, children, along = _check_structure(broom, new, what)
        m = len(broom["parent"])
        branched.append(children[tips] == 2)
        is_daughter = children[parent] == 2
        daughter_lengths = along[m:][is_daughter]
        if not np.array_equal(new["order"][m:], broom["order"][parent] + is_daughter):
            raise AssertionError(f"{what}: daughters have their parent's order plus one, a turned segment its "
                                 "parent's order.")
        grew = children[tips] == 0
        step = np.where(grew, along[tips], 0.0)  # ΔL of every non-branching tip: its elongation or its new segment
        once = np.flatnonzero(children == 1)
        step[np.searchsorted(tips, once)] = along[m:][~is_daughter]
        lengths += [step[children[tips] < 2], daughter_lengths]
        turned.append((children[tips] == 1)[children[tips] < 2])
        p_turn.append(-np.expm1(-parameters["turn_rate"] * step[children[tips] < 2]))
        deviation = _wrapped(new["angle"][m:] - broom["angle"][parent])
        turn_deviation.append(deviation[~is_daughter])
        left.append(deviation[is_daughter][0::2])
        right.append(deviation[is_daughter][1::2])
        pairs.append(daughter_lengths.reshape(-1, 2))

    # Branchings: a sum of independent Bernoulli draws, standard deviation √Σp(1 − p) per group of orders.
    branched = np.array(branched)
    order = broom["order"][tips]
    for low, high in ((0, 1), (2, 3), (4, 5)):
        group = (order >= low) & (order <= high)
        expected = n_calls * p[group].sum()
        sd = np.sqrt(n_calls * np.sum(p[group] * (1 - p[group])))
        assert_statistic(branched[:, group].sum(), expected, 6 * sd,
                         f"the number of growth cones of orders {low}–{high} that branched in {n_calls} steps",
                         hint="each growth cone branches with its own probability p_j from branching_probabilities "
                              "(which depends on its order through 2^(−Sγ_j)); draw one uniform number per cone.")
    lengths = np.concatenate(lengths)
    if np.any(lengths < -1e-9):
        raise AssertionError("grow_step gave negative elongations ΔL: draw the speeds from the gamma distribution "
                             "(shape (mean/sd)², scale sd²/mean), which has no negative values.")
    # About 3000 lengths of a gamma distribution of shape (μ/σ)² = 0.29: the standard error of the mean is
    # σ dt/√3000 = 0.63 µm (mean 18.5 µm); that of the standard deviation about 4 % of σ dt (the gamma's kurtosis,
    # 6/0.29, makes it larger than a normal's).
    n = len(lengths)
    assert_statistic(lengths.mean(), ref.SPEED_MEAN * dt, 6 * ref.SPEED_SD * dt / np.sqrt(n),
                     "the mean elongation ΔL (µm) in a step of one day",
                     hint="ΔL = ν dt with ν from the gamma distribution of mean speed_mean (µm/s) and standard "
                          "deviation speed_sd: shape (mean/sd)², scale sd²/mean.")
    se_sd = ref.SPEED_SD * dt * np.sqrt((2 + 6 * (ref.SPEED_SD / ref.SPEED_MEAN) ** 2) / n) / 2
    assert_statistic(lengths.std(), ref.SPEED_SD * dt, 6 * se_sd, "the standard deviation of ΔL (µm) in a step of one "
                     "day", hint="the speed's standard deviation is speed_sd: shape (mean/sd)², scale sd²/mean "
                                 "(rng.gamma(shape, scale)).")
    pairs = np.concatenate(pairs)
    if len(pairs) and np.mean(np.isclose(pairs[:, 0], pairs[:, 1], rtol=1e-12, atol=0)) > 0.5:
        raise AssertionError("the two daughters of a branching growth cone have equal lengths: draw a speed for "
                             "each daughter.")
    # Turning: Bernoulli draws with p = 1 − e^(−r_L ΔL) given each ΔL; over all cones and over those with
    # r_L ΔL in [0.5, 1.5], where r_L ΔL itself would be 0.25 too high on average.
    turned, p_turn = np.concatenate(turned), np.concatenate(p_turn)
    x = -np.log1p(-np.minimum(p_turn, 1 - 1e-16))
    for name, chosen in (("all growth cones that did not branch", np.ones_like(turned)),
                         ("growth cones with r_L ΔL between 0.5 and 1.5", (x >= 0.5) & (x <= 1.5))):
        sd = np.sqrt(np.sum(p_turn[chosen] * (1 - p_turn[chosen])))
        assert_statistic(turned[chosen].sum(), p_turn[chosen].sum(), 6 * sd, f"the number of turns among {name}",
                         hint="a growth cone turns with probability 1 − exp(−r_L ΔL), with the ΔL it drew in this "
                              "step; one that branches does not turn.")
    # Uniform angles: U(−α, α) has mean 0 and variance α²/3 (standard errors α/√(3N) and α²√(4/45N)); U(0, β)
    # has mean β/2 (standard error β/√(12N)).
    turn_deviation = np.concatenate(turn_deviation)
    alpha, beta = ref.MAX_TURN_ANGLE, ref.MAX_BRANCH_ANGLE
    if np.any(np.abs(turn_deviation) > alpha + 1e-12):
        raise AssertionError("a turning growth cone's heading changes by U(−α, α), α = max_turn_angle, added to its "
                             "old heading.")
    n_turn = len(turn_deviation)
    assert_statistic(turn_deviation.mean(), 0.0, 6 * alpha / np.sqrt(3 * n_turn), "the mean turning angle (rad)",
                     hint="the turning angle is uniform on (−α, α).")
    assert_statistic(np.mean(turn_deviation**2), alpha**2 / 3, 6 * alpha**2 * np.sqrt(4 / 45 / n_turn),
                     "the mean squared turning angle (rad²)", hint="the turning angle is uniform on (−α, α), "
                                                                   "α = max_turn_angle.")
    left, right = np.concatenate(left), np.concatenate(right)
    if np.any(left < -1e-12) or np.any(left > beta + 1e-12) or np.any(right > 1e-12) or np.any(right < -beta - 1e-12):
        raise AssertionError("the left daughter's heading is its parent's plus U(0, β), the right one's its parent's "
                             "minus U(0, β), β = max_branch_angle.")
    for side, values, mean in (("left", left, beta / 2), ("right", right, -beta / 2)):
        assert_statistic(values.mean(), mean, 6 * beta / np.sqrt(12 * len(values)),
                         f"the mean deviation of the {side} daughters' headings (rad)",
                         hint="each daughter's deviation is uniform on (0, β) in size: a new draw for each.")
    with hint_on_failure("draw every random number from the rng argument (rng.random, rng.gamma, rng.uniform)."):
        assert_reproducible(lambda rng: [call(student_grow_step, _toy(), ref.DAY, ref.DT, rng)[key] for key in KEYS],
                            "grow_step(the example tree, t=DAY, dt=DT, rng)")


def total_length(student_total_length):
    """Check ``total_length(tree)`` on the example tree, a bent neurite and grown trees."""
    cases = [("the example tree", _toy()), ("a bent neurite", _hook()), ("a grown tree", _grown(151)),
             ("another grown tree", _grown(152, n_steps=18, dt=ref.DAY))]
    for what, tree in cases:
        vector = tree["end"] - tree["start"]
        expected = ref.total_length(tree)
        mistakes = {
            "the length of a segment is |end − start| = √(Δx² + Δy²), not Δx² + Δy².": np.sum(vector**2),
            "the length of a segment is √(Δx² + Δy²), not |Δx| + |Δy|.": np.sum(np.abs(vector)),
            "sum the lengths of ALL segments, not only the terminal ones.":
                np.sum(np.linalg.norm(vector[tree["terminal"]], axis=1)),
            "the length of a segment is |end − start|, not the distance of its end from the soma.":
                np.sum(np.linalg.norm(tree["end"], axis=1)),
        }
        # A sum of at most ten thousand lengths: round-off ~1e-12 of the total.
        assert_close(call(student_total_length, tree), expected, f"total_length({what})", atol=0, rtol=1e-9,
                     mistakes=mistakes)
    assert_close(call(student_total_length, _toy()), 1 + 2 * np.sqrt(2) + 3.5 * np.sqrt(2),
                 "total_length of the example tree", atol=1e-12)


def sholl_profile(student_sholl_profile):
    """Check ``sholl_profile(tree, radii)`` on hand-counted trees and on grown trees."""
    toy_radii = np.array([0.5, 1.5, 2.4, 2.7, 3.2, 3.7, 4.0, 5.0])
    hook_radii = np.array([1.0, 2.5, 3.5, 4.5, 5.5])
    grown = _grown(153)
    cases = [("the example tree", _toy(), toy_radii, [1, 2, 4, 2, 1, 2, 1, 0]),
             ("a neurite that bends back towards the soma", _hook(), hook_radii, [1, 1, 3, 1, 0]),
             ("a grown tree", grown, np.linspace(5, 400, 80), None)]
    for what, tree, radii, counted in cases:
        call_what = f"sholl_profile({what}, radii of shape {radii.shape})"
        expected = ref.sholl_profile(tree, radii) if counted is None else np.array(counted)  # or counted by hand
        inner = np.linalg.norm(tree["start"], axis=1)
        outer = np.linalg.norm(tree["end"], axis=1)
        r = radii[:, None]
        mistakes = {
            "count the segments that CROSS the circle: one end inside and the other outside, not every segment with "
            "an end inside.": np.sum((inner < r) | (outer < r), axis=1),
            "a segment can also cross the circle inwards (its end inside, its start outside).":
                np.sum((inner < r) & (outer >= r), axis=1),
            "compare distances with the radius, not squared distances (|p|² < r² or |p| < r).":
                np.sum((inner**2 < r) != (outer**2 < r), axis=1),
            "count crossing segments, not segment ends beyond the circle.": np.sum(outer >= r, axis=1),
        }
        result = as_array(call(student_sholl_profile, tree, radii), call_what, shape=radii.shape)
        assert_close(result, expected, call_what, atol=0, mistakes=mistakes)


# The answer is B∞(1 − e^(−T/τ)) = 7.96508 exactly (the sum telescopes); the question asks for three decimals,
# and steps of any length give the same sum to round-off. ± 0.002 accepts the rounded and unrounded values and
# rejects 7.689 (17 steps), 7.761 (the rate times Δt), 8.385 (the step taken as [t, t + Δt]), 6.385 and 12.77 (a
# tree of two terminals, one or both of them) and B∞ = 13.2 itself.
summed_branching_probability = Discovery(
    7.96508, 0.002, "summed_branching_probability, the summed branching probability of a lone terminal segment",
    mistakes={"sum over all 18 steps, i = 1, …, 18.": 7.689,
              "use branching_probabilities itself: its baseline is the integral of the rate over the step, not the "
              "rate times Δt.": 7.761,
              "step i covers [(i − 1) Δt, i Δt]: call branching_probabilities with the time t = i Δt at its end.":
                  8.385,
              "the question is about a tree with ONE terminal segment (order 0): pass an order array of length 1.":
                  6.385,
              "B∞ is the limit for T → ∞; sum the probabilities of the 18 days.": 13.2})
