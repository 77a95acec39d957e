"""Checks of section 3.6, weighting of synaptic inputs.

Besides the comparison with ``solutions`` on random non-square weight matrices
(so that a transposed W cannot pass), the checks test the syllabus facts: the
input is linear in W and in s and has the shapes (n_post,) or (n_steps, n_post);
a single spike's trace decays as e^(−k dt/τ) and traces add; normalised rows sum
to the requested totals and keep their proportions.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch03_synaptic_transmission import synaptic_weights as ref


def weighted_input(student_input):
    """Check ``weighted_input(w, s)`` for one time step and for (n_steps, n_pre) activities."""
    rng = np.random.default_rng(361)
    w = rng.normal(0, 1, (4, 7))  # n_post = 4, n_pre = 7
    for s in (rng.uniform(0, 1, 7), rng.uniform(0, 1, (25, 7))):
        with hint_on_failure("W has shape (n_post, n_pre) and time is the first axis of s: I = s @ W.T has "
                             "shape (n_post,) or (n_steps, n_post)."):
            assert_close(call(student_input, w, s), ref.weighted_input(w, s),
                         f"weighted_input(w of shape (4, 7), s of shape {s.shape})", atol=1e-12, rtol=1e-12)
    s = rng.uniform(0, 1, (5, 7))
    assert_close(call(student_input, 2 * w, s), 2 * ref.weighted_input(w, s), "weighted_input(2 W, s)", atol=1e-12,
                 hint="the input is linear in W.")


def synaptic_trace(student_trace):
    """Check ``synaptic_trace(spikes, dt, tau)``: random trains, one spike, superposition."""
    rng = np.random.default_rng(362)
    spikes = (rng.random((200, 5)) < 0.05).astype(float)
    for dt, tau in ((0.5, ref.TAU_TRACE), (0.1, 3.0)):
        expected = ref.synaptic_trace(spikes, dt, tau)
        assert_close(
            call(student_trace, spikes, dt, tau=tau), expected,
            f"synaptic_trace(spikes of shape (200, 5), dt={dt}, tau={tau})", atol=1e-12, rtol=1e-12,
            mistakes={
                "decay by the exact factor e^(−dt/τ) per step, not 1 − dt/τ.":
                    ref.synaptic_trace(spikes, -tau * np.log(1 - dt / tau), tau),
                "a spike in step k is in the trace of step k: decay first, then add the spike.":
                    _late(spikes, np.exp(-dt / tau)),
                "use the tau argument, not the module's constant.": ref.synaptic_trace(spikes, dt),
            },
        )
    single = np.zeros((6, 1))
    single[0] = 1.0
    assert_close(as_array(call(student_trace, single, 1.0), "synaptic_trace of one spike", shape=(6, 1))[:, 0],
                 np.exp(-np.arange(6) / ref.TAU_TRACE), "the trace of a single spike at step 0 (dt = 1 ms)", atol=1e-12,
                 hint="one spike gives 1, then the trace is multiplied by e^(−dt/τ) each step.")


def _late(spikes, decay):
    """Traces in which each spike appears one step late."""
    late = np.zeros_like(spikes)
    for k in range(1, len(spikes)):
        late[k] = late[k - 1] * decay + spikes[k - 1]
    return late


def normalize_incoming(student_normalize):
    """Check ``normalize_incoming(w, total)`` with one total and with one per neuron (``call`` checks mutation)."""
    rng = np.random.default_rng(363)
    w = rng.uniform(0.1, 2, (6, 9))
    for total in (1.0, rng.uniform(0.5, 3, 6)):
        mistakes = {"scale the rows to the total: multiply by total / row sum.": w / w.sum(axis=1, keepdims=True)}
        if np.ndim(total) == 0:
            mistakes["normalise each postsynaptic neuron's incoming weights: the rows of W (axis=1)."] = \
                w * total / w.sum(axis=0)
        assert_close(
            call(student_normalize, w, total), ref.normalize_incoming(w, total),
            f"normalize_incoming(w of shape (6, 9), total={'an array of 6' if np.ndim(total) else total})",
            atol=1e-12, rtol=1e-12, mistakes=mistakes,
        )


# The steady peak of the trace of a regular 50 Hz train: 1/(1 − e^(−20/10)) = 1.15652, which synaptic_trace reaches
# to 1e-9 after ten spikes. The question asks for three decimals, so ±0.002 accepts rounding either way and rejects
# the Euler factor 1 − dt/τ (1.1475), the nearest mistake.
trace_peak = Discovery(
    1.1565, 0.002, "trace_peak, the steady peak of the trace of a regular 50 Hz train",
    mistakes={"the trace decays by the exact factor e^(−dt/τ) per step, not 1 − dt/τ": 1.1475,
              "one spike every 20 ms is one every 40 steps of 0.5 ms": 1.5820,
              "the first spike's peak is 1: wait until the train is steady": 1.0,
              "the peak is the trace's largest value, not its average": 0.5127})
