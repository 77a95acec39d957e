"""Checks of section 3.4, kinetic models of synaptic transmission.

Besides the comparison with ``solutions``, the checks test the syllabus facts:
pulses are T_max on [spike, spike + duration) and 0 elsewhere; r stays in
[0, 1]; during a long pulse r approaches α T_max/(α T_max + β), and after it r
decays by (1 − β dt) per step (time constant 1/β); the closed form at the end
of a pulse starts at r0 for a pulse of zero length. The discovery answers are
the pulse duration and the concentration that open half of the receptors.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call
from solutions.ch03_synaptic_transmission import kinetic_models as ref


def transmitter_pulse(student_pulse):
    """Check ``transmitter_pulse(t, spike_times, t_max, duration)`` on a grid around several spikes."""
    t = np.arange(0, 60, 0.25)
    spikes = np.array([5.0, 20.0, 20.5, 41.3])
    for t_max, duration in ((ref.T_MAX, ref.PULSE_DURATION), (0.5, 2.0)):
        since = t[:, None] - spikes
        assert_close(
            call(student_pulse, t, spikes, t_max=t_max, duration=duration), ref.transmitter_pulse(t, spikes, t_max, duration),
            f"transmitter_pulse(t from 0 to 60 ms, spikes at {spikes.tolist()}, t_max={t_max}, duration={duration})",
            atol=1e-12,
            mistakes={
                "the pulse starts at the spike and lasts `duration`: spike ≤ t < spike + duration.":
                    np.where(np.any((since > 0) & (since <= duration), axis=1), t_max, 0.0),
                "overlapping pulses do not add up: the concentration is t_max inside any pulse.":
                    t_max * np.sum((since >= 0) & (since < duration), axis=1),
                "the pulse follows the spike: only times after it count.":
                    np.where(np.any(np.abs(since) < duration, axis=1), t_max, 0.0),
            },
        )
    assert_close(call(student_pulse, 3.0, np.array([])), 0.0, "transmitter_pulse(3.0, no spikes)", atol=0,
                 hint="without spikes there is no transmitter.")


def kinetic_synapse_step(student_step):
    """Check ``kinetic_synapse_step(r, transmitter, dt, alpha, beta)``: random states, then a pulse."""
    rng = np.random.default_rng(341)
    r, transmitter = rng.uniform(0, 1, 40), np.where(rng.random(40) < 0.5, 1.0, 0.0)
    for dt, kwargs in ((0.05, {}), (0.02, {"alpha": 1.1, "beta": 0.19})):
        alpha, beta = kwargs.get("alpha", ref.ALPHA), kwargs.get("beta", ref.BETA)
        assert_close(
            call(student_step, r, transmitter, dt, **kwargs), ref.kinetic_synapse_step(r, transmitter, dt, **kwargs),
            f"kinetic_synapse_step(r, transmitter, dt={dt}{''.join(f', {k}={v}' for k, v in kwargs.items())}) "
            "on 40 random synapses", atol=1e-12, rtol=1e-12,
            mistakes={
                "binding only happens to closed receptors: α [T] (1 − r).": r + dt * (alpha * transmitter - beta * r),
                "unbinding closes the open receptors: − β r.": r + dt * (alpha * transmitter * (1 - r) - beta * (1 - r)),
                "your update ignores dt.": r + alpha * transmitter * (1 - r) - beta * r,
                "use the alpha and beta arguments.": ref.kinetic_synapse_step(r, transmitter, dt),
            },
        )
    dt, r, trace = 0.01, 0.0, []
    for k in range(3000):  # 20 ms of transmitter, then 10 ms without
        r = float(as_array(call(student_step, r, ref.T_MAX if k < 2000 else 0.0, dt), "r"))
        trace.append(r)
    r_inf = ref.ALPHA * ref.T_MAX / (ref.ALPHA * ref.T_MAX + ref.BETA)
    # 20 ms is 44 time constants 1/(α T + β): r has reached r∞ to round-off.
    assert_close(trace[1999], r_inf, "r after a 20-ms pulse", atol=1e-9,
                 hint="during a long pulse r settles at α T_max / (α T_max + β).")
    assert_close(trace[2999] / trace[1999], (1 - ref.BETA * dt) ** 1000, "the decay of r over 10 ms after the pulse",
                 atol=1e-9, hint="without transmitter r decays with rate β: each step multiplies it by (1 − β dt).")


def open_fraction_after_pulse(student_open_fraction):
    """Check ``open_fraction_after_pulse(r0, t_max, duration, alpha, beta)`` against the closed form."""
    r0 = np.array([0.0, 0.1, 0.5, 0.95])
    for kwargs in ({}, {"t_max": 0.5, "duration": 2.0, "alpha": 1.1, "beta": 0.19}):
        p = {"t_max": ref.T_MAX, "duration": ref.PULSE_DURATION, "alpha": ref.ALPHA, "beta": ref.BETA} | kwargs
        rate = p["alpha"] * p["t_max"] + p["beta"]
        r_inf = p["alpha"] * p["t_max"] / rate
        assert_close(
            call(student_open_fraction, r0, **kwargs), ref.open_fraction_after_pulse(r0, **kwargs),
            f"open_fraction_after_pulse(r0{''.join(f', {k}={v}' for k, v in kwargs.items())})", atol=1e-12,
            mistakes={
                "r relaxes with the rate α T_max + β, not α T_max alone.":
                    r_inf + (r0 - r_inf) * np.exp(-p["alpha"] * p["t_max"] * p["duration"]),
                "unbinding goes on during the pulse: the rate is α T_max + β and r∞ = α T_max / (α T_max + β).":
                    1 + (r0 - 1) * np.exp(-p["alpha"] * p["t_max"] * p["duration"]),
                "the steady state during the pulse is α T_max / (α T_max + β).":
                    1 + (r0 - 1) * np.exp(-rate * p["duration"]),
                "r starts at r0 and approaches r∞: r∞ + (r0 − r∞) e^(−rate · duration).":
                    r0 + (r_inf - r0) * np.exp(-rate * p["duration"]),
            },
        )
    assert_close(call(student_open_fraction, r0, duration=0.0), r0, "open_fraction_after_pulse(r0, duration=0)",
                 atol=1e-12, hint="a pulse of zero length leaves r at r0.")


# From rest, r(d) = r∞ (1 − e^(−(α T + β) d)) = 1/2 at d = 0.36296 ms (brentq); a grid of 0.001 ms gives 0.363, an
# Euler simulation at dt = 0.001 ms the same within a step. ±0.004 ms accepts these and 0.36, and rejects relaxing
# with α T alone (0.347 ms), half of r∞ instead of half of all receptors (0.315 ms) and the time constant
# 1/(α T + β) (0.455 ms).
half_open_duration = Discovery(
    0.363, 0.004, "half_open_duration, the pulse that opens half of the receptors", unit="ms",
    mistakes={"during the pulse r relaxes with the rate α T_max + β: unbinding goes on": 0.3466,
              "half of all receptors open (r = 0.5), not half of r∞": 0.3151,
              "1/(α T_max + β) is the time constant of the rise, not the time to r = 0.5": 0.4545})

# r(1 ms; T) = 1/2 at T = 0.39327 mM (brentq); a grid of 0.001 mM gives 0.394. ±0.004 mM accepts these and rejects
# relaxing with α T alone (0.347 mM), half of r∞ (0.247 mM) and the concentration whose long pulse opens half of
# the receptors, β/α (0.1 mM).
half_open_concentration = Discovery(
    0.3933, 0.004, "half_open_concentration, the concentration at which a 1-ms pulse opens half of the receptors",
    unit="mM",
    mistakes={"during the pulse r relaxes with the rate α T + β: unbinding goes on": 0.3466,
              "half of all receptors open (r = 0.5), not half of r∞": 0.2466,
              "a 1-ms pulse does not reach the steady state α T / (α T + β): use the value at the pulse's end": 0.1})
