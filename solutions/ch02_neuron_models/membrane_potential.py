"""Morphology and membrane potential (section 2.1, 神経細胞の形態と膜電位変化).

The membrane separates solutions of different ionic composition. For a single
ion species of valence z, the potential at which diffusion and drift balance is
the Nernst potential

    E = (RT / zF) ln(c_out / c_in).

For several monovalent ions with permeabilities P, the potential at which the
net current vanishes is given by the Goldman–Hodgkin–Katz (GHK) voltage
equation

    V = (RT / F) ln( (Σ_cations P c_out + Σ_anions P c_in)
                   / (Σ_cations P c_in  + Σ_anions P c_out) ).

Near rest the membrane is a resistor R in parallel with a capacitor C, the RC
circuit τ dV/dt = −(V − V_rest) + R I with τ = RC, whose response to a current
step is V_rest + RI (1 − e^(−t/τ)).

References
----------
Goldman, D. E. (1943). Potential, impedance, and rectification in membranes.
J. Gen. Physiol. 27, 37–60.
Hodgkin, A. L. & Katz, B. (1949). The effect of sodium ions on the electrical
activity of the giant axon of the squid. J. Physiol. 108, 37–77.
Hille, B. (2001). Ion Channels of Excitable Membranes, 3rd ed., ch. 14. Sinauer.
Dayan, P. & Abbott, L. F. (2001). Theoretical Neuroscience, ch. 5.2–5.3. MIT Press.
"""

import numpy as np

GAS_CONSTANT = 8.314462618  # R, J/(mol K)
FARADAY = 96485.33212  # F, C/mol
ZERO_CELSIUS = 273.15  # K
BODY_TEMPERATURE = 37.0  # °C

TAU_M = 10.0  # membrane time constant RC, ms
R_M = 100.0  # input resistance, MΩ (so that 0.1 nA gives 10 mV)
V_REST = -65.0  # resting potential, mV


def nernst_potential(c_out, c_in, z, temperature=BODY_TEMPERATURE):
    """Nernst (reversal) potential of one ion species.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    c_out, c_in : float or ndarray
        Extra- and intracellular concentrations (any common unit, e.g. mM).
    z : int or ndarray
        Valence of the ion (+1 for K⁺ and Na⁺, +2 for Ca²⁺, −1 for Cl⁻).
    temperature : float or ndarray, default 37
        Temperature in °C.

    Returns
    -------
    ndarray
        The potential in mV, of the broadcast shape of the inputs.
    """
    ### BEGIN SOLUTION
    thermal_voltage = 1000.0 * GAS_CONSTANT * (np.asarray(temperature) + ZERO_CELSIUS) / FARADAY  # mV
    return thermal_voltage / np.asarray(z) * np.log(np.asarray(c_out) / np.asarray(c_in))
    ### END SOLUTION


def ghk_potential(permeability, c_out, c_in, z, temperature=BODY_TEMPERATURE):
    """Goldman–Hodgkin–Katz resting potential of several monovalent ions.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    permeability : ndarray, shape (n_ions,)
        Permeabilities (only their ratios matter), each ≥ 0.
    c_out, c_in : ndarray, shape (n_ions,)
        Extra- and intracellular concentrations (e.g. mM).
    z : ndarray of int, shape (n_ions,)
        Valences, each +1 or −1.
    temperature : float, default 37
        Temperature in °C.

    Returns
    -------
    float
        The potential in mV at which the net current through the membrane vanishes.
    """
    ### BEGIN SOLUTION
    permeability, c_out, c_in, z = (np.asarray(x, dtype=float) for x in (permeability, c_out, c_in, z))
    thermal_voltage = 1000.0 * GAS_CONSTANT * (temperature + ZERO_CELSIUS) / FARADAY  # mV
    cation = z > 0
    # For an anion the roles of the inside and outside concentrations swap.
    outside = np.sum(permeability * np.where(cation, c_out, c_in))
    inside = np.sum(permeability * np.where(cation, c_in, c_out))
    return float(thermal_voltage * np.log(outside / inside))
    ### END SOLUTION


def rc_membrane_step(v, i_ext, dt, tau=TAU_M, r=R_M, v_rest=V_REST):
    """Advance the RC membrane τ dV/dt = −(V − V_rest) + R I by one explicit Euler step.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : float or ndarray
        Membrane potential in mV.
    i_ext : float or ndarray
        Injected current in nA, broadcastable with ``v``.
    dt : float
        Time step in ms.
    tau : float, default ``TAU_M``
        Membrane time constant RC in ms.
    r : float, default ``R_M``
        Membrane (input) resistance in MΩ; MΩ · nA = mV.
    v_rest : float, default ``V_REST``
        Resting potential in mV.

    Returns
    -------
    ndarray
        The potential after one step, in mV.
    """
    ### BEGIN SOLUTION
    return v + dt / tau * (-(v - v_rest) + r * i_ext)
    ### END SOLUTION


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
ION_C_OUT = np.array([5.0, 145.0, 110.0])  # K⁺, Na⁺, Cl⁻ outside, mM (Hille 2001), as in Figure 2
ION_C_IN = np.array([140.0, 15.0, 10.0])  # inside, mM
ION_Z = np.array([1, 1, -1])
P_CL_RATIO = 0.45  # P_Cl / P_K
SINE_AMPLITUDE, SINE_FREQUENCY = 0.1, 50.0  # nA, Hz
SINE_DT, SINE_DURATION, SINE_TRANSIENT = 0.1, 200.0, 100.0  # ms


def zero_crossing_ratio():
    """The permeability ratio P_Na/P_K, to 0.01, at which the GHK potential of K⁺, Na⁺ and Cl⁻ (5/140,
    145/15 and 110/10 mM outside/inside, P_Cl/P_K = 0.45, 37 °C) reaches 0 mV: the first ratio of the
    grid 0.50, 0.51, … where it is ≥ 0."""
    ratios = np.round(np.arange(0.5, 3.0, 0.01), 2)
    v = np.array([ghk_potential(np.array([1.0, ratio, P_CL_RATIO]), ION_C_OUT, ION_C_IN, ION_Z) for ratio in ratios])
    return float(ratios[np.argmax(v >= 0)])


def gain_50hz():
    """The amplitude of V, relative to R I_0 = 10 mV, of the RC membrane driven from rest by
    I(t) = 0.1 sin(2π · 50 Hz · t) nA: Euler steps of 0.1 ms for 200 ms, amplitude (max − min)/2 of V
    between 100 and 200 ms."""
    t = np.arange(0.0, SINE_DURATION, SINE_DT)  # ms
    current = SINE_AMPLITUDE * np.sin(2 * np.pi * SINE_FREQUENCY * t / 1000.0)  # nA
    v = np.empty_like(t)
    v[0] = V_REST
    for k in range(len(t) - 1):
        v[k + 1] = rc_membrane_step(v[k], current[k], SINE_DT)
    late = v[t >= SINE_TRANSIENT]
    return float((late.max() - late.min()) / 2 / (R_M * SINE_AMPLITUDE))
