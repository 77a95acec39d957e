"""Multi-compartment models (section 2.7, Multi-compartment モデル).

A neuron is cut into isopotential compartments connected by axial
conductances g_ij = g_ji (zero where two compartments do not touch). The current
flowing into compartment i from its neighbours is

    I_i^couple = Σ_j g_ij (V_j − V_i),

and these currents sum to zero (Kirchhoff: what leaves one compartment enters
another). Each compartment is an RC circuit:

    C_i dV_i/dt = −g_L,i (V_i − E_L) + I_i^couple + I_i^ext.

Passive compartments are a linear system: the steady state solves
(diag(g_L) + L) V = g_L E_L + I^ext with the graph Laplacian
L = diag(Σ_j g_ij) − G. A chain of fine compartments is the discretised cable of
section 2.6; two compartments, a soma and a dendrite, already show attenuation
and the electrotonic separation of input and output sites (Pinsky & Rinzel 1994).

Units: potentials in mV, conductances in nS, capacitances in pF, currents in pA
(nS · mV = pA), time in ms (pF / nS = ms).

References
----------
Rall, W. (1964). Theoretical significance of dendritic trees for neuronal
input-output relations. In Neural Theory and Modeling, 73–97. Stanford UP.
Pinsky, P. F. & Rinzel, J. (1994). Intrinsic and network rhythmogenesis in a
reduced Traub model for CA3 neurons. J. Comput. Neurosci. 1, 39–60.
Dayan, P. & Abbott, L. F. (2001). Theoretical Neuroscience, ch. 6.4. MIT Press.
"""

import numpy as np

CAPACITANCE = 100.0  # pF per compartment
G_LEAK = 10.0  # leak conductance per compartment, nS (τ = C / g_L = 10 ms)
E_LEAK = -65.0  # leak reversal potential, mV
G_COUPLE = 20.0  # soma–dendrite coupling conductance, nS


def chain_coupling(n_compartments, g_axial):
    """Coupling matrix of an unbranched chain of compartments.

    Parameters
    ----------
    n_compartments : int
        Number of compartments n.
    g_axial : float or ndarray, shape (n − 1,)
        Conductance between compartments i and i + 1, nS.

    Returns
    -------
    ndarray, shape (n, n)
        Symmetric, zero diagonal, ``g_axial`` on the first off-diagonals.
    """
    g = np.broadcast_to(np.asarray(g_axial, dtype=float), (n_compartments - 1,))
    return np.diag(g, 1) + np.diag(g, -1)


def coupling_currents(v, g_couple):
    """Axial currents into each compartment from its neighbours.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : ndarray, shape (n,)
        Potentials in mV.
    g_couple : ndarray, shape (n, n)
        Symmetric coupling conductances in nS, zero on the diagonal.

    Returns
    -------
    ndarray, shape (n,)
        I_i = Σ_j g_ij (V_j − V_i) in pA; positive means current into compartment i.
    """
    ### BEGIN SOLUTION
    return g_couple @ v - g_couple.sum(axis=1) * v
    ### END SOLUTION


def compartment_step(v, i_ext, g_couple, dt, capacitance=CAPACITANCE, g_leak=G_LEAK, e_leak=E_LEAK):
    """Advance passive coupled compartments by one explicit Euler step.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : ndarray, shape (n,)
        Potentials in mV.
    i_ext : ndarray, shape (n,)
        Injected currents in pA.
    g_couple : ndarray, shape (n, n)
        Symmetric coupling conductances in nS, zero on the diagonal.
    dt : float
        Time step in ms.
    capacitance : float or ndarray, shape (n,)
        Capacitance of each compartment in pF.
    g_leak : float or ndarray, shape (n,)
        Leak conductance of each compartment in nS.
    e_leak : float
        Leak reversal potential in mV.

    Returns
    -------
    ndarray, shape (n,)
        Potentials after the step, in mV.
    """
    ### BEGIN SOLUTION
    coupling = g_couple @ v - g_couple.sum(axis=1) * v
    return v + dt / capacitance * (-g_leak * (v - e_leak) + coupling + i_ext)
    ### END SOLUTION


def steady_state(i_ext, g_couple, g_leak=G_LEAK, e_leak=E_LEAK):
    """Steady potentials of passive coupled compartments under constant currents.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    i_ext : ndarray, shape (n,)
        Injected currents in pA.
    g_couple : ndarray, shape (n, n)
        Symmetric coupling conductances in nS, zero on the diagonal.
    g_leak : float or ndarray, shape (n,)
        Leak conductance of each compartment in nS (positive).
    e_leak : float
        Leak reversal potential in mV.

    Returns
    -------
    ndarray, shape (n,)
        The potentials V at which every compartment's net current vanishes, mV.
    """
    ### BEGIN SOLUTION
    g_leak = np.broadcast_to(np.asarray(g_leak, dtype=float), np.shape(i_ext))
    laplacian = np.diag(g_couple.sum(axis=1)) - g_couple
    return np.linalg.solve(np.diag(g_leak) + laplacian, g_leak * e_leak + i_ext)
    ### END SOLUTION


# Discovery answers: what a student finds with the functions above, in the branched neuron of the notebook's
# Figure 3. Each is computed here with the reference functions; tests/test_checks.py holds the checks' expected
# values to these.
def _figure3_neuron(g_thin=10.0, g_thick=40.0, n_branch=10):
    """Coupling matrix (nS), leaks (nS) and the thin and thick branches' compartments of Figure 3's neuron:
    a soma (index 0) with two dendrites of ``n_branch`` compartments, leak 0.5 nS each."""
    n = 1 + 2 * n_branch
    g = np.zeros((n, n))
    thin, thick = np.arange(1, 1 + n_branch), np.arange(1 + n_branch, n)
    for branch, g_axial in ((thin, g_thin), (thick, g_thick)):
        path = np.concatenate(([0], branch))
        g[path[:-1], path[1:]] = g[path[1:], path[:-1]] = g_axial
    g_leak = np.full(n, 0.5)
    g_leak[0] = G_LEAK
    return g, g_leak, thin, thick


def tip_from_soma():
    """The steady depolarisation V − E_L in mV at the tip of Figure 3's thin dendrite when 50 pA flow into
    the soma."""
    g, g_leak, thin, _ = _figure3_neuron()
    i_ext = np.zeros(len(g))
    i_ext[0] = 50.0
    return float(steady_state(i_ext, g, g_leak)[thin[-1]] - E_LEAK)


def g_thin_half():
    """The smallest axial conductance of the thin dendrite, to 1 nS, at which the soma's steady depolarisation
    is at least half that of the dendrite's tip, with 50 pA into the tip (everything else as in Figure 3)."""
    for g_axial in np.arange(10.0, 1001.0):
        g, g_leak, thin, _ = _figure3_neuron(g_thin=g_axial)
        i_ext = np.zeros(len(g))
        i_ext[thin[-1]] = 50.0
        depolarisation = steady_state(i_ext, g, g_leak) - E_LEAK
        if depolarisation[0] >= 0.5 * depolarisation[thin[-1]]:
            return float(g_axial)
    raise AssertionError("no axial conductance up to 1000 nS passes half")
