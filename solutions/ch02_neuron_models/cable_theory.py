"""Cable theory (section 2.6, ケーブル理論).

A thin passive dendrite of radius a is a leaky cable: current flows along its
core through the axial resistivity R_i and leaks out through the membrane of
specific resistance R_m and capacitance c_m. The membrane potential V(x, t)
obeys the cable equation

    τ ∂V/∂t = λ² ∂²V/∂x² − (V − E_L) + R_m i_e,

with time constant τ = R_m c_m, length constant λ = √(a R_m / (2 R_i)) and i_e
the injected current per unit membrane area. A current I_0 injected at the
sealed end x = 0 of a cable of length L with a sealed far end holds it at the
steady state

    V(x) − E_L = I_0 R_λ cosh((L − x)/λ) / sinh(L/λ),   R_λ = R_i λ / (π a²),

which for L ≫ λ decays as e^(−x/λ).

Units: a and x in µm, R_m in Ω cm², R_i in Ω cm, c_m in µF/cm², currents in nA,
potentials in mV, time in ms. Conversions: λ² = 10⁴ a R_m / (2 R_i) µm²,
τ = 10⁻³ R_m c_m ms, R_λ = 10⁻² R_i λ / (π a²) MΩ, and a current I (nA) into a
piece of membrane of area A (µm²) gives R_m i_e = 100 R_m I / A mV.

References
----------
Rall, W. (1959). Branching dendritic trees and motoneuron membrane resistivity.
Exp. Neurol. 1, 491–527.
Dayan, P. & Abbott, L. F. (2001). Theoretical Neuroscience, ch. 6.3. MIT Press.
Koch, C. (1999). Biophysics of Computation, ch. 2. Oxford University Press.
"""

import functools

import numpy as np

RADIUS = 1.0  # dendrite radius a, µm
R_M = 20_000.0  # specific membrane resistance, Ω cm²
R_I = 100.0  # axial resistivity, Ω cm
C_M = 1.0  # specific membrane capacitance, µF/cm²
E_L = -65.0  # leak reversal potential, mV


def length_constant(a, r_m, r_i):
    """Length constant λ = √(a R_m / (2 R_i)) of a passive cable.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    a : float or ndarray
        Radius in µm.
    r_m : float or ndarray
        Specific membrane resistance in Ω cm².
    r_i : float or ndarray
        Axial resistivity in Ω cm.

    Returns
    -------
    ndarray
        λ in µm.
    """
    ### BEGIN SOLUTION
    return np.sqrt(1e4 * np.asarray(a) * r_m / (2 * np.asarray(r_i)))
    ### END SOLUTION


def cable_step(v, i_inj, dx, dt, a=RADIUS, r_m=R_M, r_i=R_I, c_m=C_M, e_l=E_L):
    """Advance a sealed passive cable of compartments by one explicit Euler step.

    The cable is cut into n compartments of length ``dx``; compartment i holds
    the potential at its centre (i + ½) dx. The second derivative is the finite
    difference (V_(i+1) − 2 V_i + V_(i−1)) / dx², where a missing neighbour at
    a sealed end contributes nothing (no axial current leaves the cable).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : ndarray, shape (n,)
        Potentials of the compartments in mV.
    i_inj : ndarray, shape (n,)
        Current injected into each compartment in nA.
    dx : float
        Compartment length in µm.
    dt : float
        Time step in ms; explicit Euler is stable for dt < τ dx² / (2 λ²).
    a, r_m, r_i, c_m, e_l : float
        Radius (µm), R_m (Ω cm²), R_i (Ω cm), c_m (µF/cm²) and E_L (mV).

    Returns
    -------
    ndarray, shape (n,)
        The potentials after one step, in mV.
    """
    ### BEGIN SOLUTION
    tau = 1e-3 * r_m * c_m  # ms
    lambda_squared = 1e4 * a * r_m / (2 * r_i)  # µm²
    gradient = np.diff(v)
    laplacian = np.append(gradient, 0.0) - np.insert(gradient, 0, 0.0)
    drive = 100.0 * r_m * np.asarray(i_inj) / (2 * np.pi * a * dx)  # mV
    return v + dt / tau * (-(v - e_l) + lambda_squared * laplacian / dx**2 + drive)
    ### END SOLUTION


def cable_steady_state(x, i_0, length, a=RADIUS, r_m=R_M, r_i=R_I, e_l=E_L):
    """Steady potential of a sealed finite cable with current injected at x = 0.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : float or ndarray
        Positions along the cable in µm, 0 ≤ x ≤ ``length``.
    i_0 : float
        Current injected at x = 0 in nA.
    length : float
        Cable length L in µm.
    a, r_m, r_i, e_l : float
        Radius (µm), R_m (Ω cm²), R_i (Ω cm) and E_L (mV).

    Returns
    -------
    ndarray
        E_L + I_0 R_λ cosh((L − x)/λ) / sinh(L/λ) in mV, of the shape of ``x``.
    """
    ### BEGIN SOLUTION
    lam = np.sqrt(1e4 * a * r_m / (2 * r_i))  # µm
    r_lambda = 1e-2 * r_i * lam / (np.pi * a**2)  # MΩ
    return e_l + i_0 * r_lambda * np.cosh((length - np.asarray(x)) / lam) / np.sinh(length / lam)
    ### END SOLUTION


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
DENDRITE_LENGTH, N_COMPARTMENTS = 3000.0, 60  # µm: the dendrite of Figures 1 and 2, 3 λ in compartments of 50 µm
STEP_CURRENT, STEP_DT, STEP_DURATION = 0.05, 0.01, 100.0  # nA into the first compartment, ms, ms
PROBE = 20  # the compartment centred at 1025 µm, about λ from the injection


@functools.cache
def _step_response(probe=PROBE, dt=STEP_DT):
    """Times (ms) and V − E_L (mV) at compartment ``probe`` of the dendrite of Figure 1 after the current step."""
    dx = DENDRITE_LENGTH / N_COMPARTMENTS
    i_inj = np.zeros(N_COMPARTMENTS)
    i_inj[0] = STEP_CURRENT
    v = np.full(N_COMPARTMENTS, E_L)
    trace = np.empty(round(STEP_DURATION / dt))
    for k in range(len(trace)):
        v = cable_step(v, i_inj, dx, dt)
        trace[k] = v[probe] - E_L
    return np.arange(1, len(trace) + 1) * dt, trace


def half_time_at_lambda():
    """The time (ms, to 0.1 ms) after the onset of the 0.05 nA step at which V − E_L of compartment 20 (centre
    1025 µm) of the dendrite of Figure 1 (3000 µm, 60 compartments, dt = 0.01 ms) first reaches half its value
    at 100 ms."""
    t, rise = _step_response()
    return float(t[np.argmax(rise >= rise[-1] / 2)])


def distance_10_percent():
    """The distance from the injection site (µm, to 10 µm) at which the steady potential V − E_L of the sealed
    3000 µm dendrite has fallen to 10 % of its value at x = 0: the first x of the grid 0, 10, …, 3000 µm where
    ``cable_steady_state`` gives at most a tenth of V(0) − E_L."""
    x = np.arange(0.0, DENDRITE_LENGTH + 5.0, 10.0)
    profile = cable_steady_state(x, STEP_CURRENT, DENDRITE_LENGTH) - E_L
    return float(x[np.argmax(profile <= 0.1 * profile[0])])
