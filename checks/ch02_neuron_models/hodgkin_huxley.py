"""Checks of section 2.2, the Hodgkin–Huxley model.

Besides comparing with ``solutions`` on seeded inputs, the checks test facts of
the model: finite rates at the removable singularities, gating variables that
stay in [0, 1], the resting potential, and the 27 spikes of the original page's
10/35 µA/cm² protocol.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, describe_call
from solutions.ch02_neuron_models import hodgkin_huxley as ref

RATE_NAMES = ("alpha_m", "beta_m", "alpha_h", "beta_h", "alpha_n", "beta_n")
STATE_NAMES = ("v", "m", "h", "n")


def _random_state(rng, size):
    """Membrane potentials in [−80, 40] mV, gates in [0, 1] and currents in [0, 40] µA/cm²."""
    return (rng.uniform(-80, 40, size), *rng.uniform(0, 1, (3, size)), rng.uniform(0, 40, size))


def hh_rates(student_hh_rates):
    """Check ``hh_rates(v)`` at the singular points, then on random potentials."""
    rng = np.random.default_rng(52)
    for v, where in ((np.array([-40.0, -55.0]), "v = [-40, -55] mV"),
                     (rng.uniform(-100, 50, 40), "40 random v in [-100, 50] mV")):
        rates = call(student_hh_rates, v, returns=RATE_NAMES)
        with np.errstate(all="ignore"):
            flipped = {
                "alpha_m": 0.1 * (v + 40) / (1 - np.exp((v + 40) / 10)),
                "beta_h": 1 / (1 + np.exp((v + 35) / 10)),
                "alpha_n": 0.01 * (v + 55) / (1 - np.exp((v + 55) / 10)),
            }
        for name, value, reference in zip(RATE_NAMES, rates, ref.hh_rates(v)):
            value = as_array(
                value, f"{name} returned by hh_rates for {where}", shape=v.shape,
                nonfinite_hint="x/(1 − exp(−x)) has the finite limit 1 at x = 0 (v = −40 mV for alpha_m, "
                "−55 mV for alpha_n); return it there, e.g. with scipy.special.exprel.",
            )
            assert_close(
                value, reference, f"{name} (1/ms) returned by hh_rates for {where}", atol=1e-12, rtol=1e-9,
                mistakes={"check the sign inside the exponential.": flipped[name]} if name in flipped else None,
                hint="rates use the modern convention with v in mV (rest at −65 mV); see the theory cell.",
            )


def hh_step(student_hh_step):
    """Check ``hh_step(v, m, h, n, i_ext, dt)`` against one Euler step, with hints for common slips."""
    rng = np.random.default_rng(22)
    for dt in (0.01, 0.025):
        v, m, h, n, i_ext = _random_state(rng, 50)
        what = describe_call(student_hh_step, (v, m, h, n, i_ext, dt), {})
        result = call(student_hh_step, v, m, h, n, i_ext, dt, returns=STATE_NAMES)
        expected = ref.hh_step(v, m, h, n, i_ext, dt)
        currents = i_ext - ref.G_L * (v - ref.E_L)
        mistakes_v = {
            "your update ignores dt: the Euler step is x + dt·(dx/dt).":
                v + (expected[0] - v) / dt,
            "the sodium current goes with m³h: check the exponent of m.":
                v + dt * (currents - ref.G_NA * m**2 * h * (v - ref.E_NA) - ref.G_K * n**4 * (v - ref.E_K)),
            "the potassium current goes with n⁴: check the exponent of n.":
                v + dt * (currents - ref.G_NA * m**3 * h * (v - ref.E_NA) - ref.G_K * n**3 * (v - ref.E_K)),
            "ionic currents flow as g·(v − E): check their signs.":
                v + dt * (i_ext + ref.G_NA * m**3 * h * (v - ref.E_NA) + ref.G_K * n**4 * (v - ref.E_K)
                          + ref.G_L * (v - ref.E_L)),
        }
        for name, value, reference, before in zip(STATE_NAMES, result, expected, (v, m, h, n)):
            assert_close(
                value, reference, f"{name} after {what}", atol=1e-9, rtol=1e-9,
                mistakes=mistakes_v if name == "v" else {
                    "your update ignores dt: the Euler step is x + dt·(dx/dt).": before + (reference - before) / dt
                },
                hint="the gates follow dx/dt = α(v)(1 − x) − β(v)x, evaluated at the old v.",
            )
    # Gating variables stay in [0, 1] along a spike train at dt = 0.01 ms.
    state = (np.full(3, ref.V_REST), np.full(3, 0.05), np.full(3, 0.6), np.full(3, 0.32))
    for _ in range(2000):
        state = call(student_hh_step, *state, np.array([0.0, 10.0, 35.0]), 0.01, returns=STATE_NAMES)
        state = tuple(as_array(x, "the state returned by hh_step", shape=(3,)) for x in state)
    gates = np.array(state[1:])
    if np.any((gates < 0) | (gates > 1)):
        raise AssertionError("Gating variables left [0, 1] after 20 ms of stepping at dt = 0.01 ms.")


def simulate_hh(student_simulate_hh):
    """Check ``simulate_hh(i_ext, dt, v0)``: initial row, time alignment, and the 27-spike protocol."""
    dt = 0.01
    i_ext = np.where(np.arange(3000)[:, None] >= np.array([200, 500]), np.array([10.0, 35.0]), 0.0)
    what = f"simulate_hh(i_ext of shape {i_ext.shape}, dt={dt})"
    result = call(student_simulate_hh, i_ext, dt, returns=STATE_NAMES)
    expected = ref.simulate_hh(i_ext, dt)
    rates = ref.hh_rates(ref.V_REST)
    for name, value, reference, x_inf in zip(
        STATE_NAMES, result, expected, (ref.V_REST, *(a / (a + b) for a, b in zip(rates[::2], rates[1::2])))
    ):
        value = as_array(value, f"{name} returned by {what}", shape=i_ext.shape)
        assert_close(value[0], reference[0], f"{name}[0] (the initial state)", atol=1e-9,
                     hint=f"start from v0 and the gates' steady state x∞(v0) = α/(α + β) ≈ {x_inf:.4f}.")
        shifted = np.vstack([reference[1:], reference[-1:]])
        # Spikes amplify round-off differences of one step (1e-14) a little; 1e-6 stays far
        # below any real difference.
        assert_close(value, reference, f"{name} over 30 ms with steps of 10 and 35 µA/cm²",
                     atol=1e-6, rtol=1e-6,
                     mistakes={"off by one step in time: row 0 is the initial state, row k + 1 "
                               "is one step from row k driven by i_ext[k].": shifted})
    # The original page's protocol: 11 spikes at 10 µA/cm², 16 at 35 µA/cm².
    t = np.arange(0, 450, dt)
    protocol = np.where((t >= 50) & (t < 200), 10.0, 0.0) + np.where((t >= 250) & (t < 400), 35.0, 0.0)
    v = as_array(call(student_simulate_hh, protocol, dt, returns=STATE_NAMES)[0],
                 "v of simulate_hh(protocol of shape (45000,), 0.01)", shape=t.shape)
    n_spikes = ref.count_spikes(v)
    if n_spikes != 27:
        raise AssertionError(
            f"With 10 µA/cm² from 50 to 200 ms and 35 µA/cm² from 250 to 400 ms the model fires "
            f"11 + 16 = 27 spikes; your simulation fires {n_spikes}."
        )


def count_spikes(student_count_spikes):
    """Check ``count_spikes(v, threshold)`` on crafted and random traces, 1-D and 2-D."""
    rng = np.random.default_rng(5)
    crafted = np.array([10.0, -5.0, 0.0, -1.0, 0.0, -1.0, 5.0, 5.0, -70.0, 2.0, -3.0, 4.0])
    # Upward crossings at k = 2 and 4 (reaching the threshold exactly counts), 6, 9 and 11
    # (the last sample); the first sample is above threshold but is not a crossing.
    count = as_array(call(student_count_spikes, crafted), "count_spikes(v)", shape=())
    assert_close(
        count, 5, f"count_spikes({crafted.tolist()})", atol=0,
        mistakes={
            "count upward crossings, not samples at or above threshold.": 7,
            "count only upward crossings (v[k−1] < threshold ≤ v[k]), not downward ones.": 10,
            "a spike is v[k−1] < threshold ≤ v[k]: reaching the threshold exactly counts.": 3,
            "a crossing at the last sample counts too.": 4,
        },
    )
    traces = np.cumsum(rng.normal(0, 8, (500, 6)), axis=0) - 20
    for threshold in (0.0, -30.0):
        counts = call(student_count_spikes, traces, threshold=threshold)
        assert_close(
            counts, ref.count_spikes(traces, threshold), f"count_spikes(v of shape (500, 6), threshold={threshold})",
            atol=0, hint="time runs along axis 0: return one count per column.",
        )


CS_STATE_NAMES = ("v", "m", "h", "n", "a", "b")


def connor_stevens_step(student_step):
    """Check ``connor_stevens_step(v, m, h, n, a, b, i_ext, dt)`` on random states, and the resting state."""
    rng = np.random.default_rng(23)
    for dt in (0.01, 0.005):
        v, m, h, n, i_ext = _random_state(rng, 50)
        a, b = rng.uniform(0, 1, (2, 50))
        what = f"connor_stevens_step(v, m, h, n, a, b, i_ext, dt={dt}) on random states"
        result = call(student_step, v, m, h, n, a, b, i_ext, dt, returns=CS_STATE_NAMES)
        expected = ref.connor_stevens_step(v, m, h, n, a, b, i_ext, dt)
        sodium, potassium = ref.CS_G_NA * m**3 * h, ref.CS_G_K * n**4
        transient, leak = ref.CS_G_A * a**3 * b, ref.CS_G_L

        def euler_v(i_ion):
            return v + dt * (i_ext - i_ion) / ref.C_M

        correct = sodium * (v - ref.CS_E_NA) + potassium * (v - ref.CS_E_K) + leak * (v - ref.CS_E_L)
        mistakes_v = {
            "the A-current is g_A a³ b (V − E_A): check the exponent of a.":
                euler_v(correct + ref.CS_G_A * a**4 * b * (v - ref.CS_E_A)),
            "the A-current inactivates: g_A a³ b (V − E_A) includes the gate b.":
                euler_v(correct + ref.CS_G_A * a**3 * (v - ref.CS_E_A)),
            "the A-current reverses at E_A = −75 mV, not at E_K.": euler_v(correct + transient * (v - ref.CS_E_K)),
            "the Connor–Stevens model has its own reversal potentials (E_Na = 55, E_K = −72, E_L = −17 mV), "
            "not those of Hodgkin–Huxley.":
                euler_v(sodium * (v - ref.E_NA) + potassium * (v - ref.E_K) + transient * (v - ref.CS_E_A)
                        + leak * (v - ref.E_L)),
            "the Connor–Stevens model has its own conductances (g_K = 20 mS/cm²), not those of Hodgkin–Huxley.":
                euler_v(correct + transient * (v - ref.CS_E_A) + (ref.G_K - ref.CS_G_K) * n**4 * (v - ref.CS_E_K)),
        }
        for name, value, reference, before, (x_inf, tau) in zip(
                CS_STATE_NAMES, result, expected, (v, m, h, n, a, b), ((None, None),) + ref.connor_stevens_gates(v)):
            assert_close(
                value, reference, f"{name} after {what}", atol=1e-9, rtol=1e-9,
                mistakes=mistakes_v if name == "v" else {
                    "each gate relaxes towards its steady state: dx/dt = (x∞ − x)/τ_x.": before + dt * (before - x_inf) / tau,
                    "divide by the time constant: dx/dt = (x∞ − x)/τ_x.": before + dt * (x_inf - before) * tau,
                    "your update ignores dt: the Euler step is x + dt·(dx/dt).": before + (x_inf - before) / tau,
                },
                hint=None if name == "v" else
                "the gates follow dx/dt = (x∞(V) − x)/τ_x(V) with connor_stevens_gates(V) at the old V.",
            )
    rest = -67.97811718590121  # mV: the zero of the steady-state current, found with brentq
    gates = [x_inf for x_inf, _ in ref.connor_stevens_gates(rest)]
    after = call(student_step, rest, *gates, 0.0, 0.01, returns=CS_STATE_NAMES)
    assert_close(as_array(after[0], "v after one step from rest"), rest, "v after one step from the resting state",
                 atol=1e-8, hint="at rest, with every gate at its steady state, the ionic currents cancel.")


# The onset of repetitive firing: on the grid of 0.1 µA/cm² the reference fires after the transient from
# 6.3 µA/cm² on, and a finer search (dt = 0.01 ms, 500 ms runs) finds the first late spike at 6.21. So every
# answer in [6.21, 6.35] comes from a correct search, at any resolution; 6.2 does not (5 spikes, then rest).
onset_current = Discovery(
    6.28, 0.07, "onset_current, the smallest current of repetitive firing", unit="µA/cm²",
    mistakes={"the spikes at the start of the run are a transient: count only those after 100 ms, "
              "when the neuron has settled into rest or into firing": 6.0,
              "the first current that gives any spike is the threshold of a single spike, not of repetitive firing": 2.5})

# The rate at the onset: 21 spikes in 400 ms at 6.3 µA/cm², 20 at 6.23 (50 Hz), and the inverse of the
# interspike interval gives the same within a spike; 45.5–57.5 Hz accepts all of these and rejects counting
# 400 ms of spikes over 500 ms (42 Hz) or counting down-crossings too (105 Hz).
onset_rate = Discovery(
    51.5, 6.0, "onset_rate, the firing rate at the onset current", unit="Hz",
    mistakes={"divide the spikes counted after the transient by the time they were counted in (400 ms)": 42.0,
              "count only upward crossings of the threshold": 105.0})
