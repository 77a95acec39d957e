"""Checks of chapter 5, networks of spiking neurons.

``random_connectivity`` is random, so its check tests distributions: the density, the in- and out-degrees
against Binomial(n, p) with chi-square tests, and the independence of the two directions of a pair; every
threshold lies five or more standard errors out (argued at each), and tests/references runs the check with 40
other seeds. ``delay_line``, ``simulate_brunel`` and ``izhikevich_network`` are deterministic given their
inputs: their outputs are compared with the reference exactly (a delay copies values; a raster is a raster),
after crafted cases that name the usual slips (truncating delay/dt, the refractory count, the direction of W).
"""

import math

import numpy as np

from autograder.checking import (Discovery, as_array, assert_close, assert_reproducible, assert_statistic, call,
                                 hint_on_failure)
from solutions.ch05_spiking_networks import spiking_networks as ref


# --- random_connectivity ------------------------------------------------------------------------------------

def _binomial_pmf(n, p):
    k = np.arange(n + 1)
    log_pmf = np.array([math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) for i in k])
    return np.exp(log_pmf + k * math.log(p) + (n - k) * math.log1p(-p))


def chi_square(degrees, n, p):
    """Pearson's X² of ``degrees`` against Binomial(n, p), with bins pooled so that each expects at least 5,
    and its number of degrees of freedom (bins − 1)."""
    expected = len(degrees) * _binomial_pmf(n, p)
    observed = np.bincount(np.asarray(degrees, dtype=int), minlength=n + 1)[:n + 1]
    bins_e, bins_o, acc_e, acc_o = [], [], 0.0, 0
    for e, o in zip(expected, observed):
        acc_e, acc_o = acc_e + e, acc_o + o
        if acc_e >= 5:
            bins_e.append(acc_e)
            bins_o.append(acc_o)
            acc_e, acc_o = 0.0, 0
    bins_e[-1] += acc_e  # the upper tail joins the last bin
    bins_o[-1] += acc_o
    bins_e, bins_o = np.array(bins_e), np.array(bins_o)
    return float(np.sum((bins_o - bins_e) ** 2 / bins_e)), len(bins_e) - 1


def chi_square_limit(df, z=5.0):
    """The upper quantile of χ²(df) at the normal deviate z (Wilson–Hilferty): for z = 5 a correct generator
    exceeds it with probability about 3e-7 (tests/references compares it with scipy.stats.chi2)."""
    h = 2.0 / (9.0 * df)
    return df * (1.0 - h + z * math.sqrt(h)) ** 3


def _degrees_follow_binomial(degrees, n, p, what, hint):
    statistic, df = chi_square(degrees, n, p)
    limit = chi_square_limit(df)
    if statistic > limit:
        raise AssertionError(
            f"The {what} do not follow Binomial({n}, {p}): Pearson's chi-square is {statistic:.1f} on {df} "
            f"degrees of freedom, above {limit:.1f} (a correct matrix exceeds it with probability below 1e-6); "
            f"their mean is {np.mean(degrees):.2f} (Binomial: {n * p:.2f}) and their variance "
            f"{np.var(degrees):.2f} (Binomial: {n * p * (1 - p):.2f}).\nHint: {hint}")


def random_connectivity(student_random_connectivity, seed=5001):
    """Check ``random_connectivity(n_post, n_pre, p, rng)``: shape and type, density, in- and out-degrees
    against Binomial with chi-square tests, independence of reciprocal pairs, the limits p = 0 and 1."""
    n_post, n_pre, p = 2000, 400, 0.1
    rng = np.random.default_rng(seed)
    what = f"random_connectivity({n_post}, {n_pre}, {p}, rng)"
    C = as_array(call(student_random_connectivity, n_post, n_pre, p, rng), what, shape=(n_post, n_pre), dtype=bool)
    # 800 000 Bernoulli(0.1) entries: the density has standard error √(0.09/8e5) = 3.4e-4; 0.002 is six of them.
    assert_statistic(C.mean(), p, 0.002, f"the fraction of True entries of {what}",
                     hint="an entry is True with probability p: rng.random(shape) < p.")
    _degrees_follow_binomial(C.sum(axis=1), n_pre, p, f"in-degrees (row sums) of {what}",
                             "every entry must be drawn independently: a fixed number of inputs per neuron, or "
                             "rows copied from one another, gives the right mean but not the binomial spread.")
    _degrees_follow_binomial(C.sum(axis=0), n_post, p, f"out-degrees (column sums) of {what}",
                             "every entry must be drawn independently, columns too.")
    n = 1000
    square = as_array(call(student_random_connectivity, n, n, p, rng), f"random_connectivity({n}, {n}, {p}, rng)",
                      shape=(n, n), dtype=bool)
    upper = np.triu_indices(n, 1)
    both = np.mean(square[upper] & square.T[upper])
    # 499 500 pairs i < j, both directions present with probability p² = 0.01: standard error 1.4e-4, so 1e-3 is
    # seven of them; a symmetric matrix gives p = 0.1.
    assert_statistic(both, p**2, 1e-3, "the fraction of pairs connected in both directions (i → j and j → i)",
                     hint="the synapses i → j and j → i are independent: do not symmetrise the matrix (that is "
                          "an undirected graph).")
    for p_edge in (0.0, 1.0):
        edge = as_array(call(student_random_connectivity, 5, 3, p_edge, rng), f"random_connectivity(5, 3, {p_edge}, rng)",
                        shape=(5, 3), dtype=bool)
        if not np.all(edge == bool(p_edge)):
            raise AssertionError(f"random_connectivity(5, 3, {p_edge}, rng) must be all {bool(p_edge)}.")
    assert_reproducible(lambda generator: call(student_random_connectivity, 50, 40, 0.3, generator),
                        "random_connectivity(50, 40, 0.3, rng)")


# --- delay_line -----------------------------------------------------------------------------------------------

def _shifted(x, steps):
    steps = max(steps, 0)
    return np.vstack([np.zeros((min(steps, len(x)),) + x.shape[1:]), x[:len(x) - steps]]) if steps else x.copy()


def delay_line(student_delay_line):
    """Check ``delay_line(x, delay, dt)``: the output is the input shifted by exactly round(delay/dt) steps."""
    rng = np.random.default_rng(52)
    # Distinct nonzero values at random steps, so that every shift and every wrap-around is visible.
    x = (rng.random((300, 4)) < 0.2) * rng.uniform(0.5, 1.5, (300, 4))
    for delay, dt in ((2.0, 0.1), (1.5, 0.1), (0.7, 0.1), (0.3, 0.1), (0.1, 0.1), (5.0, 0.25)):
        steps = round(delay / dt)
        what = f"delay_line(x of shape {x.shape}, delay={delay}, dt={dt})"
        mistakes = {"delay/dt is not exactly a whole number in floating point (0.7/0.1 = 6.999999999999999): "
                    "use round(delay / dt), not int(delay / dt).": _shifted(x, int(delay / dt)),
                    "read the slot before writing the new input into it: writing first shortens the delay by a "
                    "step.": _shifted(x, steps - 1),
                    "np.roll wraps the end of the signal around to its start: the first round(delay/dt) "
                    "outputs are zero.": np.roll(x, steps, axis=0),
                    "the output is delayed by one step too many.": _shifted(x, steps + 1)}
        if int(delay / dt) == steps:
            del mistakes[next(iter(mistakes))]
        y = call(student_delay_line, x, delay, dt)
        # A delay copies values: the output must equal the shifted input exactly.
        assert_close(y, _shifted(x, steps), what, atol=0.0, mistakes=mistakes,
                     hint=f"y[k] = x[k − {steps}] for k ≥ {steps} (round(delay/dt) steps), 0 before.")
    short = rng.uniform(1, 2, (5, 2))
    assert_close(call(student_delay_line, short, 1.0, 0.1), np.zeros((5, 2)),
                 "delay_line(x of shape (5, 2), delay=1.0, dt=0.1): a delay of 10 steps on 5 steps", atol=0.0,
                 hint="nothing comes out before round(delay/dt) steps have passed.")


# --- simulate_brunel ------------------------------------------------------------------------------------------

def _brunel_variant(W, ext, v0, dt, euler=False, delay_shift=0, ref_shift=0, reset=ref.V_RESET):
    """The reference simulation with one deliberate slip, for hints."""
    n_delay, n_ref = round(ref.DELAY / dt) + delay_shift, round(ref.T_REF / dt) + ref_shift
    decay = 1 - dt / ref.TAU_M if euler else np.exp(-dt / ref.TAU_M)
    buffer = np.zeros((max(n_delay, 1), len(v0)))
    v, left = np.array(v0, dtype=float), np.zeros(len(v0), dtype=int)
    spikes = np.zeros(ext.shape, dtype=bool)
    for k in range(len(ext)):
        slot = k % max(n_delay, 1)
        refractory = left > 0
        integrated = v * decay + buffer[slot] + ext[k]
        v = np.where(refractory, reset, integrated)
        left = np.where(refractory, left - 1, 0)
        spiked = v >= ref.THETA
        v[spiked], left[spiked] = reset, n_ref
        spikes[k] = spiked
        buffer[slot] = W[:, spiked].sum(axis=1)
    return spikes


def _compare_rasters(actual, expected, what, mistakes=(), hint=None):
    """Exact comparison of two spike rasters (n_steps, n), naming the first difference and a matching mistake.

    ``mistakes`` holds pairs (hint, function giving the raster of that mistake), evaluated only on failure."""
    actual = as_array(actual, what, shape=expected.shape, dtype=bool)
    if np.array_equal(actual, expected):
        return
    k, i = np.argwhere(actual != expected)[0]
    message = (f"{what} differs from the correct raster: first at step {k}, neuron {i} "
               f"({'a spike where none is expected' if actual[k, i] else 'no spike where one is expected'}); "
               f"{np.count_nonzero(actual != expected)} entries differ, {int(actual.sum())} spikes instead of "
               f"{int(expected.sum())}.")
    found = next((h for h, wrong in mistakes if np.array_equal(actual, wrong())), hint)
    raise AssertionError(message + (f"\nHint: {found}" if found else ""))


def simulate_brunel(student_simulate_brunel):
    """Check ``simulate_brunel(W, ext, v0, dt)``: refractory period, delay, direction of W and the exponential
    decay on crafted inputs, then the exact raster of a random 250-neuron network over 100 ms."""
    dt = ref.DT
    n_ref, n_delay = round(ref.T_REF / dt), round(ref.DELAY / dt)
    # One neuron driven far above threshold at every step fires once per refractory period plus one step.
    ext = np.full((100, 1), 25.0)
    spikes = as_array(call(student_simulate_brunel, np.zeros((1, 1)), ext, np.zeros(1), dt),
                      "simulate_brunel(W=[[0]], ext=25 mV at every step, v0=[0], dt=0.1)", shape=(100, 1), dtype=bool)
    times = np.flatnonzero(spikes[:, 0])
    expected = np.arange(0, 100, n_ref + 1)
    if not np.array_equal(times, expected):
        raise AssertionError(
            f"A neuron driven by 25 mV per step spikes at steps {times[:6].tolist()}…, expected "
            f"{expected[:6].tolist()}….\nHint: after a spike at step k the neuron is held at V_RESET for "
            f"round(T_REF/dt) = {n_ref} steps (k + 1 … k + {n_ref}), ignoring its inputs, and integrates again "
            f"at step k + {n_ref + 1}. Count refractory steps with integers: subtracting dt from a remaining time "
            f"can leave a tiny positive remainder and add a step.")
    # Neuron 0 is kicked above threshold at step 3; it projects onto neuron 1 with 25 mV (W[post=1, pre=0]).
    W = np.array([[0.0, 0.0], [25.0, 0.0]])
    ext = np.zeros((40, 2))
    ext[3, 0] = 25.0
    spikes = as_array(call(student_simulate_brunel, W, ext, np.zeros(2), dt),
                      "simulate_brunel(W=[[0, 0], [25, 0]], a kick of neuron 0 at step 3, dt=0.1)", shape=(40, 2),
                      dtype=bool)
    got = [np.flatnonzero(spikes[:, i]).tolist() for i in range(2)]
    if got != [[3], [3 + n_delay]]:
        hint = (f"W[post, pre]: a spike of neuron j adds the column W[:, j] to the others, {n_delay} steps later."
                if got[1] == [] else
                f"a spike at step k arrives at step k + round(DELAY/dt) = k + {n_delay}: read the ring buffer's "
                f"slot before writing this step's spikes into it.")
        raise AssertionError(f"Neuron 0 spikes at steps {got[0]} and neuron 1 at {got[1]}, expected [3] and "
                             f"[{3 + n_delay}].\nHint: {hint}")
    # Between inputs v decays by exp(−dt/τ): from 19 mV with 1.0948 mV of input at step 0 the neuron reaches
    # 20.00004 mV and spikes; the Euler factor 1 − dt/τ gives 19.9998 mV and no spike.
    spikes = as_array(call(student_simulate_brunel, np.zeros((1, 1)), np.array([[1.0948]]), np.array([19.0]), dt),
                      "simulate_brunel(W=[[0]], ext=[[1.0948]], v0=[19], dt=0.1)", shape=(1, 1), dtype=bool)
    if not spikes[0, 0]:
        raise AssertionError("From v0 = 19 mV with 1.0948 mV of input the neuron reaches 20.00004 mV and spikes at "
                             "step 0; yours does not.\nHint: between inputs v decays exactly, v·exp(−dt/TAU_M), "
                             "not by the Euler factor 1 − dt/TAU_M; then the inputs are added.")
    # A random E–I network of 250 neurons for 100 ms, strongly driven (about 80 Hz), compared spike by spike.
    # Every weight and input is a multiple of 0.5 mV, so sums are exact in any order; rounding of v·decay could
    # only matter for a potential within 1e-14 mV of θ, which these runs never come near.
    rng = np.random.default_rng(2000)
    n = 250
    W = (rng.random((n, n)) < 0.2) * np.where(np.arange(n) < 200, 1.0, -4.0)
    ext = 0.5 * rng.poisson(0.3, (1000, n))
    v0 = rng.uniform(0.0, ref.THETA, n)
    expected = ref.simulate_brunel(W, ext, v0, dt)
    mistakes = [("v decays by exp(−dt/TAU_M) between inputs, not by the Euler factor.",
                 lambda: _brunel_variant(W, ext, v0, dt, euler=True)),
                ("after a spike the neuron is refractory for round(T_REF/dt) steps, held at V_RESET.",
                 lambda: _brunel_variant(W, ext, v0, dt, ref_shift=-n_ref)),
                (f"the refractory period is round(T_REF/dt) = {n_ref} steps, one step too many here.",
                 lambda: _brunel_variant(W, ext, v0, dt, ref_shift=1)),
                ("the delay is round(DELAY/dt) steps: read the buffer's slot before writing into it.",
                 lambda: _brunel_variant(W, ext, v0, dt, delay_shift=-1)),
                ("after a spike v is reset to and held at V_RESET (10 mV), not at 0.",
                 lambda: _brunel_variant(W, ext, v0, dt, reset=0.0)),
                ("W[post, pre]: the spikes of neurons s add W[:, s].sum(axis=1), not the rows W[s].",
                 lambda: _brunel_variant(W.T.copy(), ext, v0, dt))]
    _compare_rasters(call(student_simulate_brunel, W, ext, v0, dt),
                     expected, "simulate_brunel on a random network of 250 neurons over 1000 steps", mistakes,
                     hint="follow the three steps of the docstring in their order.")


# --- izhikevich_network ---------------------------------------------------------------------------------------

def _izhikevich_variant(S, a, b, c, d, thalamic, one_step=False, old_v=False, detect_after=False):
    """The reference network with one deliberate slip, for hints."""
    v, u = np.full(len(a), -65.0), b * np.full(len(a), -65.0)
    spikes = np.zeros(thalamic.shape, dtype=bool)
    for k in range(len(thalamic)):
        if not detect_after:
            fired = v >= ref.IZ_V_PEAK
            spikes[k] = fired
            v, u = np.where(fired, c, v), np.where(fired, u + d, u)
            current = thalamic[k] + S[:, fired].sum(axis=1)
        else:
            current = thalamic[k] + S[:, spikes[k - 1]].sum(axis=1) if k else thalamic[k]
        v_old = v
        if one_step:
            v = v + (0.04 * v**2 + 5 * v + 140 - u + current)
        else:
            v = v + 0.5 * (0.04 * v**2 + 5 * v + 140 - u + current)
            v = v + 0.5 * (0.04 * v**2 + 5 * v + 140 - u + current)
        u = u + a * (b * (v_old if old_v else v) - u)
        if detect_after:
            fired = v >= ref.IZ_V_PEAK
            spikes[k] = fired
            v, u = np.where(fired, c, v), np.where(fired, u + d, u)
    return spikes


def izhikevich_network(student_izhikevich_network):
    """Check ``izhikevich_network(S, a, b, c, d, thalamic)``: a lone neuron at rest and under a constant input,
    then the exact raster of a random 100-neuron network of Izhikevich's kind over 300 ms."""
    rs = [np.array([x]) for x in (0.02, 0.2, -65.0, 8.0)]
    what = "izhikevich_network for one regular-spiking neuron"
    silent = as_array(call(student_izhikevich_network, np.zeros((1, 1)), *rs, np.zeros((200, 1))),
                      f"{what} without input", shape=(200, 1), dtype=bool)
    if silent.any():
        raise AssertionError(f"{what} without input must stay at rest, but it fires at steps "
                             f"{np.flatnonzero(silent[:, 0])[:5].tolist()}.\nHint: start from v = −65 mV and u = b·v.")
    drive = np.full((200, 1), 10.0)
    with hint_on_failure("v ≥ 30 mV is a spike at the start of a step: record it, reset v to c and add d to u, then "
                         "take two half-steps of v and one step of u with the new v."):
        _compare_rasters(call(student_izhikevich_network, np.zeros((1, 1)), *rs, drive),
                         ref.izhikevich_network(np.zeros((1, 1)), *rs, drive), f"{what} with a constant input of 10",
                         [("u is updated with the new v (after both half-steps), as in Izhikevich's code.",
                           lambda: _izhikevich_variant(np.zeros((1, 1)), *rs, drive, old_v=True)),
                          ("v takes two half-steps of 0.5 ms, not one step of 1 ms.",
                           lambda: _izhikevich_variant(np.zeros((1, 1)), *rs, drive, one_step=True))])
    S, a, b, c, d, thalamic = ref.izhikevich_parameters(np.random.default_rng(303), n_e=80, n_i=20, n_steps=300)
    args = (S, a, b, c, d, thalamic)
    _compare_rasters(call(student_izhikevich_network, *args), ref.izhikevich_network(*args),
                     "izhikevich_network on a random network of 100 neurons over 300 steps",
                     [("u is updated with the new v (after both half-steps), as in Izhikevich's code.",
                       lambda: _izhikevich_variant(*args, old_v=True)),
                      ("v takes two half-steps of 0.5 ms, not one step of 1 ms.",
                       lambda: _izhikevich_variant(*args, one_step=True)),
                      ("a spike is detected at the start of the step (v ≥ 30 from the previous step), recorded "
                       "there, and its synaptic input S[:, fired] is added to this step's I.",
                       lambda: _izhikevich_variant(*args, detect_after=True)),
                      ("S[post, pre]: the neurons that fired add the columns S[:, fired], not the rows.",
                       lambda: ref.izhikevich_network(S.T.copy(), a, b, c, d, thalamic))],
                     hint="follow the four steps of the docstring in their order.")


# --- discovery answers ----------------------------------------------------------------------------------------

# The rate of the excitatory neurons after the transient in the seed's network: 19.73 Hz. Correct variants
# change it little: all neurons 19.80, the whole run 19.49, from 50 ms on 19.56, the inhibitory ones 20.10 Hz. So
# ±0.75 Hz accepts every reasonable count and rejects per-ms rates (0.02), counting after the transient but
# dividing by the whole run (15.8) and forgetting that dt is in ms (0.0197 or 19 730).
network_rate = Discovery(
    19.73, 0.75, "network_rate, the mean rate of the excitatory neurons after the transient", unit="Hz",
    mistakes={"count the spikes after the transient and divide by the time they were counted in": 15.78,
              "a rate in Hz is spikes per second: dt is in ms": 0.01973,
              "divide by the time in seconds (dt/1000), not multiply": 19730.0})

# The spectrum's peak of the seed's network is at 8 Hz; with a 1-s run the resolution is 1 Hz and the
# neighbouring bins (7, 9 Hz) carry the same rhythm, and using all 1000 neurons or smoothing the count keeps the
# peak there. ±1.5 Hz accepts these and rejects the peak at 0 Hz of a count whose mean was not removed, the
# angular frequency (50 rad/s), the period (125 ms) and frequencies in cycles per ms (0.008).
rhythm_frequency = Discovery(
    8.0, 1.5, "rhythm_frequency, the frequency of the largest peak of the population spectrum", unit="Hz",
    mistakes={"remove the mean of the spike count before the Fourier transform: otherwise the largest 'peak' is "
              "at 0 Hz": 0.0,
              "the frequency is in cycles per second (Hz), not radians per second": 50.27,
              "the frequency is 1 / period, in Hz": 125.0,
              "np.fft.rfftfreq(n, d) needs the bin width in seconds (0.001) to give Hz": 0.008})
