"""Checks of section 2.7, multi-compartment models.

Besides the comparison with ``solutions`` on random branched neurons (random
symmetric coupling matrices with missing connections), the checks test the
syllabus facts: coupling currents sum to zero and vanish for equal potentials,
and two compartments attenuate a steady dendritic input by g_c / (g_c + g_L).
The two discovery answers are checked against the reference's steady states.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, random_coupling
from solutions.ch02_neuron_models import multi_compartment as ref


def _random_neuron(rng, n):
    """Potentials (mV), currents (pA) and a symmetric coupling matrix (nS) with some links missing."""
    g = random_coupling(rng, n, 5, 50, 0.5)
    return rng.uniform(-80, -40, n), rng.uniform(-100, 300, n), g


def coupling_currents(student_coupling_currents):
    """Check ``coupling_currents(v, g_couple)`` on random neurons and chains."""
    rng = np.random.default_rng(271)
    for n in (6, 9):
        v, _, g = _random_neuron(rng, n)
        expected = ref.coupling_currents(v, g)
        currents = assert_close(
            call(student_coupling_currents, v, g), expected,
            f"coupling_currents(v, g_couple) on a random neuron of {n} compartments", atol=1e-9, rtol=1e-12,
            mistakes={
                "the current into compartment i is Σ_j g_ij (V_j − V_i): positive when the neighbours are "
                "more depolarised.": -expected,
                "subtract the current that leaves: Σ_j g_ij V_j − (Σ_j g_ij) V_i.": g @ v,
                "sum the conductances of row i (Σ_j g_ij), times V_i, not Σ_j g_ij V_i.":
                    g @ v - g.sum() * v,
            },
            hint="use every entry of g_couple: the neuron may be branched, not a chain.",
        )
        if abs(currents.sum()) > 1e-6 * np.abs(currents).sum():
            raise AssertionError("the coupling currents must sum to zero (Kirchhoff's current law).")
    chain = ref.chain_coupling(5, 10.0)
    assert_close(call(student_coupling_currents, np.full(5, -60.0), chain), np.zeros(5),
                 "coupling_currents of equal potentials on a chain", atol=1e-9,
                 hint="equal potentials drive no axial current.")
    assert_close(call(student_coupling_currents, np.array([-60.0, -70.0]), ref.chain_coupling(2, 20.0)),
                 [-200.0, 200.0], "coupling_currents([-60, -70], 20 nS link)", atol=1e-9)


def compartment_step(student_step):
    """Check ``compartment_step(v, i_ext, g_couple, dt, capacitance, g_leak, e_leak)``."""
    rng = np.random.default_rng(272)
    for n, dt, kwargs in ((7, 0.1, {}), (8, 0.05, {"capacitance": rng.uniform(50, 200, 8),
                                                    "g_leak": rng.uniform(5, 20, 8), "e_leak": -70.0})):
        v, i_ext, g = _random_neuron(rng, n)
        p = {"capacitance": ref.CAPACITANCE, "g_leak": ref.G_LEAK, "e_leak": ref.E_LEAK} | kwargs
        coupling = ref.coupling_currents(v, g)
        leak = -p["g_leak"] * (v - p["e_leak"])
        expected = ref.compartment_step(v, i_ext, g, dt, **kwargs)
        assert_close(
            call(student_step, v, i_ext, g, dt, **kwargs), expected,
            f"compartment_step(v, i_ext, g_couple, dt={dt}{', per-compartment capacitance and g_leak' if kwargs else ''}) "
            f"on a random neuron of {n} compartments", atol=1e-9, rtol=1e-12,
            mistakes={
                "divide the currents by the capacitance: dV/dt = (…) / C.": v + dt * (leak + coupling + i_ext),
                "the coupling current into i is Σ_j g_ij (V_j − V_i).": v + dt / p["capacitance"] * (leak - coupling + i_ext),
                "the leak pulls towards E_L: −g_L (V − E_L).":
                    v + dt / p["capacitance"] * (-leak + coupling + i_ext),
                "use the arguments capacitance, g_leak and e_leak, not the module's constants.":
                    ref.compartment_step(v, i_ext, g, dt),
                "your update ignores dt.": v + (leak + coupling + i_ext) / p["capacitance"],
            },
        )


def steady_state(student_steady_state):
    """Check ``steady_state(i_ext, g_couple, g_leak, e_leak)``: values, fixed point, two compartments."""
    rng = np.random.default_rng(273)
    for n, kwargs in ((6, {}), (10, {"g_leak": rng.uniform(2, 20, 10), "e_leak": -70.0})):
        _, i_ext, g = _random_neuron(rng, n)
        p = {"g_leak": ref.G_LEAK, "e_leak": ref.E_LEAK} | kwargs
        expected = ref.steady_state(i_ext, g, **kwargs)
        g_l = np.broadcast_to(p["g_leak"], (n,))
        isolated = p["e_leak"] + i_ext / g_l
        assert_close(
            call(student_steady_state, i_ext, g, **kwargs), expected,
            f"steady_state(i_ext, g_couple{', g_leak per compartment, e_leak=-70' if kwargs else ''}) "
            f"on a random neuron of {n} compartments", atol=1e-8, rtol=1e-9,
            mistakes={
                "couple the compartments: the matrix is diag(g_L) + diag(Σ_j g_ij) − G.": isolated,
                "the right-hand side is g_L E_L + I_ext.": expected - p["e_leak"],
                "the Laplacian is diag(Σ_j g_ij) − G, not G − diag(Σ_j g_ij).":
                    np.linalg.solve(np.diag(g_l) - np.diag(g.sum(axis=1)) + g, g_l * p["e_leak"] + i_ext),
            },
        )
    g_c, current = ref.G_COUPLE, 200.0
    v = as_array(call(student_steady_state, np.array([0.0, current]), ref.chain_coupling(2, g_c)),
                 "steady_state with 200 pA into the dendrite of a soma–dendrite pair", shape=(2,))
    assert_close((v[0] - ref.E_LEAK) / (v[1] - ref.E_LEAK), g_c / (g_c + ref.G_LEAK),
                 "the attenuation (V_soma − E_L) / (V_dendrite − E_L) of the soma–dendrite pair", atol=1e-9,
                 hint="at steady state the soma's leak current g_L (V_s − E_L) equals the coupling current "
                      "g_c (V_d − V_s).")


# The tip's depolarisation for 50 pA into the soma: 0.6215 mV, equal by reciprocity to the soma's for 50 pA into
# the tip. A steady state is exact up to round-off, so the spread between correct answers is nil; the question
# asks for 0.01 mV, and ±0.01 mV rejects the nearest mistakes: the thick dendrite's tip (1.84 mV), the thin
# dendrite's first compartment (2.61 mV) and the soma itself (3.25 mV).
tip_from_soma = Discovery(
    0.6215, 0.01, "tip_from_soma, the depolarisation at the thin dendrite's tip for input into the soma", unit="mV",
    mistakes={"the tip of the thin dendrite is its last compartment, the farthest from the soma; "
              "this is the thick dendrite's": 1.835,
              "the tip of the thin dendrite is its last compartment, the farthest from the soma": 2.61,
              "this is the soma's own depolarisation; read the thin dendrite's tip": 3.246,
              "with the input at the tip this is the tip's own depolarisation; inject into the soma": 19.71})

# The thin dendrite's axial conductance that passes half the tip's depolarisation to the soma: on the grid of
# 1 nS the first is 165 nS, and a root finder gives 164.3 nS. ±1 nS accepts both and rejects changing the thick
# dendrite too (176 nS), comparing with the thin dendrite's second-last compartment (146 nS) and the reverse
# direction, input into the soma (32 nS).
g_thin_half = Discovery(
    165.0, 1.0, "g_thin_half, the thin dendrite's axial conductance that passes half to the soma", unit="nS",
    mistakes={"change only the thin dendrite's conductances; the thick one stays at 40 nS": 176.0,
              "compare the soma with the tip, the last compartment of the thin dendrite": 146.0,
              "the input goes into the tip of the thin dendrite, and the soma's share is measured": 32.0})
