"""Checks of section 3.2, current-based against conductance-based synapses.

Besides the comparison with ``solutions`` on random inputs (single time steps
and time-by-synapse arrays), the checks test the syllabus facts: current-based
input is linear in the weights; a conductance-based current vanishes at the
synapse's reversal potential and falls linearly with V; the steady state
saturates below E_exc however large the excitation, and shunting inhibition
(E_inh = E_L) leaves the resting potential alone but divides the excitatory
depolarisation. The discovery answers are where the current-based picture
starts to fail and how much the input of Figure 3 speeds up the membrane.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch03_synaptic_transmission import current_vs_conductance as ref


def current_based_input(student_input):
    """Check ``current_based_input(w, s)`` on one time step and on (n_steps, n_syn) activations."""
    rng = np.random.default_rng(321)
    w = rng.uniform(-50, 100, 6)
    for s in (rng.uniform(0, 1, 6), rng.uniform(0, 1, (30, 6))):
        expected = ref.current_based_input(w, s)
        assert_close(
            call(student_input, w, s), expected, f"current_based_input(w, s of shape {s.shape})", atol=1e-9, rtol=1e-12,
            mistakes={"the current is w · s: multiply each activation by its weight.": s.sum(axis=-1)},
            hint="the total current is Σ_j w_j s_j, one total per time step: s @ w for any number of leading axes.",
        )
    s = rng.uniform(0, 1, 6)
    single = as_array(call(student_input, w, s), "current_based_input(w, s)", shape=())
    assert_close(call(student_input, 2 * w, s), 2 * single, "current_based_input(2 w, s)", atol=1e-9,
                 hint="current-based input is linear in the weights.")


def conductance_based_input(student_input):
    """Check ``conductance_based_input(g, v, e_syn)``: values, reversal, linearity in V."""
    rng = np.random.default_rng(322)
    e_syn = np.array([ref.E_EXC, ref.E_EXC, ref.E_INH, ref.E_LEAK])
    for g, v in ((rng.uniform(0, 20, 4), -55.0), (rng.uniform(0, 20, (30, 4)), rng.uniform(-80, -40, 30))):
        expected = ref.conductance_based_input(g, v, e_syn)
        with hint_on_failure("V has one value per row of g: broadcast it along the synapses with v[..., None]."):
            result = call(student_input, g, v, e_syn)
        assert_close(
            result, expected,
            f"conductance_based_input(g of shape {g.shape}, v, e_syn={e_syn.tolist()})", atol=1e-9, rtol=1e-12,
            mistakes={
                "the current into the cell is g (E_syn − V): positive (depolarising) below E_syn.": -expected,
                "the driving force is E_syn − V, not E_syn alone.": np.sum(g * e_syn, axis=-1),
            },
        )
    g = rng.uniform(1, 20, 3)
    for reversal in (ref.E_EXC, ref.E_INH):
        assert_close(call(student_input, g, reversal, np.full(3, reversal)), 0.0,
                     f"conductance_based_input at V = E_syn = {reversal} mV", atol=1e-9,
                     hint="a conductance-based synapse passes no current at its reversal potential.")


def steady_state_potential(student_steady_state):
    """Check ``steady_state_potential(g_exc, g_inh, g_leak, e_leak, e_exc, e_inh)``: values, saturation, shunting."""
    rng = np.random.default_rng(323)
    g_exc, g_inh = rng.uniform(0, 40, 25), rng.uniform(0, 40, 25)
    for kwargs in ({}, {"g_leak": 5.0, "e_leak": -70.0, "e_exc": 10.0, "e_inh": -75.0}):
        p = {"g_leak": ref.G_LEAK, "e_leak": ref.E_LEAK, "e_exc": ref.E_EXC, "e_inh": ref.E_INH} | kwargs
        expected = ref.steady_state_potential(g_exc, g_inh, **kwargs)
        total = p["g_leak"] + g_exc + g_inh
        assert_close(
            call(student_steady_state, g_exc, g_inh, **kwargs), expected,
            f"steady_state_potential(g_exc, g_inh{''.join(f', {k}={x}' for k, x in kwargs.items())}) on random conductances",
            atol=1e-9, rtol=1e-12,
            mistakes={
                "include the leak: the denominator is g_L + g_e + g_i, the numerator g_L E_L + g_e E_e + g_i E_i.":
                    (g_exc * p["e_exc"] + g_inh * p["e_inh"]) / (g_exc + g_inh),
                "the numerator includes the leak's term g_L E_L.": (g_exc * p["e_exc"] + g_inh * p["e_inh"]) / total,
                "V∞ is the conductance-weighted average of the reversal potentials; the leak's term is g_L E_L.":
                    p["e_leak"] + (g_exc * p["e_exc"] + g_inh * p["e_inh"]) / total,
                "that is the current-based picture (V∞ = E_L + I/g_L with currents fixed at rest); with "
                "conductances the drive shrinks as V approaches each reversal potential.":
                    p["e_leak"] + (g_exc * (p["e_exc"] - p["e_leak"]) + g_inh * (p["e_inh"] - p["e_leak"])) / p["g_leak"],
            },
        )
    huge = as_array(call(student_steady_state, np.array([1e2, 1e4, 1e6]), 0.0), "steady_state_potential(huge g_exc, 0)",
                    shape=(3,))
    if not (np.all(huge < ref.E_EXC) and np.all(np.diff(huge) > 0) and huge[-1] > ref.E_EXC - 0.01):
        raise AssertionError("With growing excitation V∞ must rise towards E_exc = 0 mV and never pass it "
                             f"(got {huge.tolist()}).\nHint: conductance-based excitation saturates.")
    shunt = {"e_inh": ref.E_LEAK}
    assert_close(call(student_steady_state, 0.0, 30.0, **shunt), ref.E_LEAK,
                 "steady_state_potential(0, 30 nS of shunting inhibition with E_inh = E_L)", atol=1e-9,
                 hint="shunting inhibition reverses at rest: alone it does not move the potential.")
    depolarisation = as_array(call(student_steady_state, 10.0, np.array([0.0, 10.0]), **shunt), "V∞", shape=(2,)) - ref.E_LEAK
    assert_close(depolarisation[1] / depolarisation[0], (ref.G_LEAK + 10.0) / (ref.G_LEAK + 20.0),
                 "the ratio of the depolarisations by 10 nS of excitation with and without 10 nS of shunting",
                 atol=1e-9, hint="shunting divides: the depolarisation is g_e (E_e − E_L)/(g_L + g_e + g_i).")


# The depolarisations' ratio is g_L / (g_L + g_e), 0.9 at g_e = g_L / 9 = 1.111 nS: a grid of 0.01 nS gives 1.12 (the
# first point past it) or 1.11 (the last before), bisection 1.111. ±0.015 accepts these and rejects a grid of 0.1 nS
# (1.2) and the other reading of "10 %" (the current-based 10 % above the conductance-based: g_e = g_L / 10 = 1.0).
g_ten_percent = Discovery(
    1.111, 0.015, "g_ten_percent, the excitatory conductance of a 10 % shortfall", unit="nS",
    mistakes={"find the conductance to 0.01 nS: refine the grid between the last point above 0.9 and the first below": 1.2,
              "the conductance-based depolarisation is 0.9 times the current-based one, not the current-based 1.1 "
              "times the conductance-based": 1.0,
              "compare the depolarisations V∞ − E_L, not the potentials V∞ themselves": 3.015})

# C / (g_L + ḡ) with the run's mean total conductance 3.04 nS is 15.34 ms; leaving out the first 50 ms (the
# conductance rising from 0) gives 15.29 ms, the time average of C / (g_L + g(t)) 15.43 ms, and the expected mean
# N ν Δg τ = 3 nS gives 15.38 ms. ±0.3 ms accepts them all and rejects the leak's own 20 ms and every mistake below.
tau_effective = Discovery(
    15.34, 0.3, "tau_effective, the effective membrane time constant of Figure 3's conductance-based neuron",
    unit="ms",
    mistakes={"the conductance of all 200 synapses adds to the leak: C / (g_L + ḡ), with ḡ summed over the "
              "synapses, then averaged over time": 20.0,
              "the leak conductance stays: C / (g_L + ḡ), not C / ḡ": 65.83})
