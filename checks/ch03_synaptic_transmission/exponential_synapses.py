"""Checks of section 3.3, exponential synapses.

Besides the comparison with ``solutions`` on random states and spike patterns,
the checks test the syllabus facts: one spike gives the jump 1/τ and then the
decay (1 − dt/τ) per step; the double-exponential response to one spike peaks
near t* = τ_d τ_r/(τ_d − τ_r) ln(τ_d/τ_r) and has unit area; the alpha
function peaks at t = τ with value 1/(e τ), has unit area and vanishes for t < 0.
The discovery answer is the time of the double exponential's peak.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call
from solutions.ch03_synaptic_transmission import exponential_synapses as ref


def single_exp_step(student_step):
    """Check ``single_exp_step(s, spikes, dt, tau)`` on random synapses and on one spike."""
    rng = np.random.default_rng(331)
    s, spikes = rng.uniform(0, 1, 40), (rng.random(40) < 0.3).astype(float)
    for dt, tau in ((0.1, ref.TAU_SYN), (0.05, 2.0)):  # dt is never 1/τ, so the hints stay distinct
        expected = ref.single_exp_step(s, spikes, dt, tau)
        assert_close(
            call(student_step, s, spikes, dt, tau=tau), expected,
            f"single_exp_step(s, spikes, dt={dt}, tau={tau}) on 40 random synapses", atol=1e-12, rtol=1e-12,
            mistakes={
                "a spike adds 1/τ, so that the kernel e^(−t/τ)/τ has unit area.": s - dt * s / tau + spikes,
                "the decay is −s/τ per ms: multiply it by dt.": s - s / tau + spikes / tau,
                "a spike's jump does not scale with dt: add spikes/τ, not dt·spikes/τ.":
                    s - dt * s / tau + dt * spikes / tau,
                "use the tau argument, not the module's constant.": ref.single_exp_step(s, spikes, dt),
            },
        )
    trace, value = [], 0.0
    for k in range(6):
        value = call(student_step, value, 1.0 if k == 0 else 0.0, 0.1)
        trace.append(value)
    assert_close(trace, (1 - 0.1 / ref.TAU_SYN) ** np.arange(6) / ref.TAU_SYN,
                 "s over 6 steps of 0.1 ms after one spike", atol=1e-12,
                 hint="one spike gives s = 1/τ; then each step multiplies s by (1 − dt/τ).")


def double_exp_step(student_step):
    """Check ``double_exp_step(r, h, spikes, dt, tau_r, tau_d)``: random states, then one spike's response."""
    rng = np.random.default_rng(332)
    r, h, spikes = rng.uniform(0, 0.2, 40), rng.uniform(0, 0.05, 40), (rng.random(40) < 0.3).astype(float)
    for dt, tau_r, tau_d in ((0.1, ref.TAU_RISE, ref.TAU_DECAY), (0.05, 1.0, 8.0)):
        expected_r, expected_h = ref.double_exp_step(r, h, spikes, dt, tau_r, tau_d)
        what = f"double_exp_step(r, h, spikes, dt={dt}, tau_r={tau_r}, tau_d={tau_d}) on 40 random synapses"
        new_r, new_h = call(student_step, r, h, spikes, dt, tau_r=tau_r, tau_d=tau_d, returns=("r", "h"))
        assert_close(new_h, expected_h, f"h returned by {what}", atol=1e-12, rtol=1e-12, mistakes={
            "h decays with the decay time constant τ_d.": h - dt * h / tau_r + spikes / (tau_r * tau_d),
            "a spike adds 1/(τ_r τ_d) to h, so that the kernel has unit area.": h - dt * h / tau_d + spikes,
            "a spike's jump does not scale with dt.": h - dt * h / tau_d + dt * spikes / (tau_r * tau_d),
        })
        assert_close(new_r, expected_r, f"r returned by {what}", atol=1e-12, rtol=1e-12, mistakes={
            "r rises with h and decays with the rise time constant τ_r: dr/dt = −r/τ_r + h.":
                r + dt * (-r / tau_d + h),
            "r is driven by the old h (explicit Euler), not by the updated one.": r + dt * (-r / tau_r + expected_h),
        })
    dt, steps = 0.01, 6000
    r, h, trace = 0.0, 0.0, np.empty(steps)
    for k in range(steps):
        r, h = call(student_step, r, h, 1.0 if k == 0 else 0.0, dt, returns=("r", "h"))
        trace[k] = as_array(r, "r")
    t_star = ref.TAU_DECAY * ref.TAU_RISE / (ref.TAU_DECAY - ref.TAU_RISE) * np.log(ref.TAU_DECAY / ref.TAU_RISE)
    # Euler shifts the peak by O(dt): within 2 dt of t* = 4.02 ms at dt = 0.01 ms.
    assert_close((np.argmax(trace) + 1) * dt, t_star, "the time of the peak of r after one spike (ms)", atol=2 * dt,
                 hint="t* = τ_d τ_r / (τ_d − τ_r) · ln(τ_d / τ_r) for the kernel (e^(−t/τ_d) − e^(−t/τ_r))/(τ_d − τ_r).")
    # The area Σ r dt over 60 ms = 6 τ_d misses e^(−6) of the kernel's unit area, plus O(dt).
    assert_close(trace.sum() * dt, 1.0, "the area under r after one spike (Σ r dt over 60 ms)", atol=0.01,
                 hint="the double-exponential kernel has unit area.")


def alpha_kernel(student_alpha_kernel):
    """Check ``alpha_kernel(t, tau)``: values, peak, area and causality."""
    t = np.linspace(-5, 40, 91)
    for tau in (ref.TAU_SYN, 2.0):
        expected = ref.alpha_kernel(t, tau)
        positive = np.maximum(t, 0)
        assert_close(
            call(student_alpha_kernel, t, tau=tau), expected, f"alpha_kernel(t, tau={tau}) for t from −5 to 40 ms",
            atol=1e-12, rtol=1e-9,
            mistakes={
                "the kernel is causal: 0 for t < 0.": t / tau**2 * np.exp(-t / tau),
                "divide by τ² so that the kernel has unit area.": positive / tau * np.exp(-positive / tau),
                "the alpha function is t e^(−t/τ)/τ², not e^(−t/τ)/τ.": np.where(t >= 0, np.exp(-positive / tau) / tau, 0),
            },
        )
    fine = np.linspace(0, 100, 100_001)
    values = as_array(call(student_alpha_kernel, fine, tau=4.0), "alpha_kernel(t, tau=4) on [0, 100] ms",
                      shape=fine.shape)
    assert_close(fine[np.argmax(values)], 4.0, "the peak time of alpha_kernel(t, tau=4)", atol=1e-3,
                 hint="the alpha function peaks at t = τ.")
    assert_close(values.max(), 1 / (np.e * 4.0), "the peak value of alpha_kernel(t, tau=4)", atol=1e-9)
    assert_close(np.trapezoid(values, fine), 1.0, "the area of alpha_kernel(t, tau=4)", atol=1e-6)


# The kernel peaks at t* = τ_d τ_r/(τ_d − τ_r) ln(τ_d/τ_r) = 4.024 ms. Euler at dt = 0.1 ms (Figure 1) puts the
# maximum at 4.0 or 4.1 ms depending on whether the value after step k is taken at k dt or (k + 1) dt; at
# dt = 0.01 ms, 4.02 or 4.03. ±0.1 ms accepts all of these and rejects τ_r (2 ms), τ = 5 ms of the alpha function,
# and t* with log10 (1.75 ms).
peak_time = Discovery(
    4.02, 0.1, "peak_time, the time of the double exponential's peak", unit="ms",
    mistakes={"the rise time constant is not the time of the peak: r keeps rising while h feeds it": 2.0,
              "that is the alpha function's peak (τ = 5 ms); find the double exponential's, with τ_r = 2 and "
              "τ_d = 10 ms": 5.0,
              "use the natural logarithm in t*": 1.747})
