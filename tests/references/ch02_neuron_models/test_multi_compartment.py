"""Independent validation of the multi-compartment reference: a branched neuron
(a soma with a thick and a thin dendrite) simulated by NEURON, whose geometry is
converted here into capacitances and conductances, and Kirchhoff's law."""

import numpy as np
import pytest

from solutions.ch02_neuron_models import multi_compartment as mc

R_M, R_I, C_M, E_L = 20_000.0, 100.0, 1.0, -65.0  # Ω cm², Ω cm, µF/cm², mV
SOMA = 20.0  # soma length = diameter, µm
DENDRITES = [(1.0, 500.0, 10), (0.5, 500.0, 10)]  # (radius µm, length µm, segments): thick, thin
CLAMP = 0.02  # nA into the tip of the thin dendrite
TIMES = [2.0, 5.0, 20.0, 200.0]  # ms


def _compartments():
    """Capacitances (pF), leaks (nS) and coupling matrix (nS) of the neuron, from its geometry:
    area A (µm²) gives C = c_m A 1e-2 pF and g_L = 10 A / R_m nS; a cylinder of radius a and
    length ℓ (µm) between two nodes conducts π a² / (R_i ℓ) · 1e5 nS."""
    areas, edges = [np.pi * SOMA * SOMA], []
    for radius, length, segments in DENDRITES:
        dx = length / segments
        first = len(areas)
        areas += [2 * np.pi * radius * dx] * segments
        axial = np.pi * radius**2 / (R_I * dx) * 1e5
        edges.append((0, first, 2 * axial))  # soma centre to the first centre: half a segment
        edges += [(first + k, first + k + 1, axial) for k in range(segments - 1)]
    areas = np.array(areas)
    g = np.zeros((len(areas), len(areas)))
    for i, j, conductance in edges:
        g[i, j] = g[j, i] = conductance
    return C_M * areas * 1e-2, 10 * areas / R_M, g


@pytest.fixture(scope="module")
def neuron_potentials():
    """The neuron in NEURON (Crank–Nicolson, dt = 0.5 µs), potentials at every node at ``TIMES``."""
    from neuron import h

    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = SOMA
    sections = [soma]
    for k, (radius, length, segments) in enumerate(DENDRITES):
        dendrite = h.Section(name=f"dendrite{k}")
        dendrite.L, dendrite.diam, dendrite.nseg = length, 2 * radius, segments
        dendrite.connect(soma(0.5), 0)
        sections.append(dendrite)
    segments = [segment for section in sections for segment in section]
    for section in sections:
        section.Ra, section.cm = R_I, C_M
        section.insert("pas")
    for segment in segments:
        segment.pas.g, segment.pas.e = 1 / R_M, E_L
    clamp = h.IClamp(segments[-1])
    clamp.delay, clamp.dur, clamp.amp = 0.0, 1e9, CLAMP
    recordings = [h.Vector().record(segment._ref_v) for segment in segments]
    time = h.Vector().record(h._ref_t)
    h.secondorder, h.dt, h.steps_per_ms = 2, 0.0005, 2000
    h.finitialize(E_L)
    h.continuerun(TIMES[-1])
    t, v = np.array(time), np.array([np.array(r) for r in recordings]).T
    return np.array([v[np.argmin(np.abs(t - when))] for when in TIMES])


def test_steady_state_matches_neuron(neuron_potentials):
    capacitance, g_leak, g = _compartments()
    i_ext = np.zeros(len(g_leak))
    i_ext[-1] = CLAMP * 1e3  # pA
    v = mc.steady_state(i_ext, g, g_leak, E_L)
    # After 10 membrane time constants NEURON is within e^(−10) of its steady state: < 1e-3 mV.
    np.testing.assert_allclose(v, neuron_potentials[-1], atol=2e-3)
    thick_tip = DENDRITES[0][2]
    assert v[-1] > v[0] > v[thick_tip] > E_L  # attenuation from the thin tip through the soma into the thick branch


def test_compartment_step_converges_to_neuron_at_first_order(neuron_potentials):
    capacitance, g_leak, g = _compartments()
    i_ext = np.zeros(len(g_leak))
    i_ext[-1] = CLAMP * 1e3
    errors = []
    for dt in (0.004, 0.002, 0.001):  # ms; explicit Euler needs dt < min C / (2 Σ g) ≈ 0.006 ms here
        v, snapshots = np.full(len(g_leak), E_L), []
        steps = [round(when / dt) for when in TIMES[:3]]
        for k in range(1, steps[-1] + 1):
            v = mc.compartment_step(v, i_ext, g, dt, capacitance, g_leak, E_L)
            if k in steps:
                snapshots.append(v)
        errors.append(np.max(np.abs(np.array(snapshots) - neuron_potentials[:3])))
    assert errors[-1] < 0.01  # mV
    assert all(1.7 < coarse / fine < 2.3 for coarse, fine in zip(errors, errors[1:]))


def test_coupling_currents_obey_kirchhoff():
    rng = np.random.default_rng(3)
    _, _, g = _compartments()
    currents = mc.coupling_currents(rng.uniform(-80, -40, len(g)), g)
    assert abs(currents.sum()) < 1e-9 * np.abs(currents).sum()


def test_discovery_answers_follow_reciprocity_and_a_root_finder():
    # Reciprocity: the soma's depolarisation for 50 pA into the thin tip equals the tip's for 50 pA into the soma
    # (the steady-state matrix is symmetric); and brentq on the soma's share gives the threshold conductance.
    from scipy.optimize import brentq

    def share(g_thin, into):
        g, g_leak, thin, _ = mc._figure3_neuron(g_thin=g_thin)
        i_ext = np.zeros(len(g))
        i_ext[into(thin)] = 50.0
        return mc.steady_state(i_ext, g, g_leak) - E_L, thin

    from_tip, thin = share(10.0, lambda thin: thin[-1])
    assert mc.tip_from_soma() == pytest.approx(from_tip[0], rel=1e-9)
    root = brentq(lambda g: (lambda v, t: v[0] / v[t[-1]] - 0.5)(*share(g, lambda t: t[-1])), 10.0, 1000.0)
    assert mc.g_thin_half() - 1.0 < root <= mc.g_thin_half()
