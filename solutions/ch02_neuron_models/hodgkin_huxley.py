"""Hodgkin–Huxley model of the squid giant axon (section 2.2, Hodgkin-Huxleyモデル).

The membrane equation

    C_m dV/dt = I_ext − g_Na m³h (V − E_Na) − g_K n⁴ (V − E_K) − g_L (V − E_L)

with gating variables x ∈ {m, h, n} obeying dx/dt = α_x(V)(1 − x) − β_x(V) x.
Rate functions are written in the modern convention (V in mV, resting potential
≈ −65 mV), as in Dayan & Abbott (2001), ch. 5.6, and in NEURON's built-in ``hh``
mechanism, at 6.3 °C.

References
----------
Hodgkin, A. L. & Huxley, A. F. (1952). A quantitative description of membrane
current and its application to conduction and excitation in nerve.
J. Physiol. 117, 500–544.
Dayan, P. & Abbott, L. F. (2001). Theoretical Neuroscience, MIT Press, ch. 5.

The Connor–Stevens model (Connor & Stevens 1971; parameters of Dayan & Abbott
2001, ch. 6.2) has different Na⁺ and K⁺ kinetics and a transient A-type K⁺
current g_A a³b (V − E_A). The A-current delays the return to threshold after a
spike, so repetitive firing starts at an arbitrarily low rate (type I), where
the Hodgkin–Huxley model jumps to about 50 Hz (type II).

Connor, J. A. & Stevens, C. F. (1971). Prediction of repetitive firing
behaviour from voltage clamp data on an isolated neurone soma. J. Physiol.
213, 31–53.
"""

import functools

import numpy as np
from scipy.special import exprel

C_M = 1.0  # membrane capacitance, µF/cm²
G_NA, G_K, G_L = 120.0, 36.0, 0.3  # maximal conductances, mS/cm²
E_NA, E_K, E_L = 50.0, -77.0, -54.387  # reversal potentials, mV
V_REST = -65.0  # resting potential, mV

# Connor–Stevens (Dayan & Abbott 2001, ch. 6.2), per unit area with C_M as above.
CS_G_NA, CS_G_K, CS_G_A, CS_G_L = 120.0, 20.0, 47.7, 0.3  # mS/cm²
CS_E_NA, CS_E_K, CS_E_A, CS_E_L = 55.0, -72.0, -75.0, -17.0  # mV


def hh_rates(v):
    """Opening and closing rates of the m, h and n gates.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : float or ndarray
        Membrane potential in mV, any shape.

    Returns
    -------
    alpha_m, beta_m, alpha_h, beta_h, alpha_n, beta_n : ndarray
        Rates in 1/ms, each of the shape of ``v``. The rates ``alpha_m`` and
        ``alpha_n`` have removable singularities at v = −40 mV and v = −55 mV;
        they must be finite there (0.1·10 = 1.0/ms and 0.01·10 = 0.1/ms).
    """
    ### BEGIN SOLUTION
    v = np.asarray(v, dtype=float)
    # x / (1 − exp(−x)) = 1 / exprel(−x) is finite at x = 0, where it equals 1.
    alpha_m = 1.0 / exprel(-(v + 40.0) / 10.0)
    beta_m = 4.0 * np.exp(-(v + 65.0) / 18.0)
    alpha_h = 0.07 * np.exp(-(v + 65.0) / 20.0)
    beta_h = 1.0 / (1.0 + np.exp(-(v + 35.0) / 10.0))
    alpha_n = 0.1 / exprel(-(v + 55.0) / 10.0)
    beta_n = 0.125 * np.exp(-(v + 65.0) / 80.0)
    return alpha_m, beta_m, alpha_h, beta_h, alpha_n, beta_n
    ### END SOLUTION


def hh_step(v, m, h, n, i_ext, dt):
    """Advance the Hodgkin–Huxley model by one explicit Euler step.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : float or ndarray
        Membrane potential in mV.
    m, h, n : float or ndarray
        Gating variables (dimensionless, in [0, 1]), broadcastable with ``v``.
    i_ext : float or ndarray
        External current density in µA/cm², broadcastable with ``v``.
    dt : float
        Time step in ms.

    Returns
    -------
    v, m, h, n : ndarray
        The state after one step of length ``dt``, of the broadcast shape of
        the inputs. The inputs are not modified.
    """
    ### BEGIN SOLUTION
    alpha_m, beta_m, alpha_h, beta_h, alpha_n, beta_n = hh_rates(v)
    i_na = G_NA * m**3 * h * (v - E_NA)
    i_k = G_K * n**4 * (v - E_K)
    i_l = G_L * (v - E_L)
    v_next = v + dt * (i_ext - i_na - i_k - i_l) / C_M
    m_next = m + dt * (alpha_m * (1.0 - m) - beta_m * m)
    h_next = h + dt * (alpha_h * (1.0 - h) - beta_h * h)
    n_next = n + dt * (alpha_n * (1.0 - n) - beta_n * n)
    return v_next, m_next, h_next, n_next
    ### END SOLUTION


def simulate_hh(i_ext, dt, v0=V_REST):
    """Simulate the Hodgkin–Huxley model from rest with explicit Euler steps.

    The gates start at their steady state for ``v0``, x∞ = α_x/(α_x + β_x).
    Row k of every output is the state at time k·dt; the state at row k + 1 is
    one ``hh_step`` from row k driven by ``i_ext[k]``.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    i_ext : ndarray of shape (n_steps,) or (n_steps, n_neurons)
        External current density in µA/cm² at each time step.
    dt : float
        Time step in ms.
    v0 : float, default −65
        Initial membrane potential in mV.

    Returns
    -------
    v, m, h, n : ndarray of the shape of ``i_ext``
        Membrane potential (mV) and gating variables at each time step.
    """
    ### BEGIN SOLUTION
    i_ext = np.asarray(i_ext, dtype=float)
    rates = hh_rates(v0)
    gates = [alpha / (alpha + beta) for alpha, beta in zip(rates[::2], rates[1::2])]
    state = [np.full(i_ext.shape[1:], x) for x in (v0, *gates)]
    traces = np.empty((4,) + i_ext.shape)
    for k in range(i_ext.shape[0]):
        traces[:, k] = state
        state = hh_step(*state, i_ext[k], dt)
    v, m, h, n = traces
    return v, m, h, n
    ### END SOLUTION


def count_spikes(v, threshold=0.0):
    """Count the upward threshold crossings of membrane-potential traces.

    A spike is counted at every step k ≥ 1 with ``v[k-1] < threshold <= v[k]``;
    a trace that starts above threshold does not count a spike at k = 0.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : ndarray of shape (n_steps,) or (n_steps, n_neurons)
        Membrane potential in mV, time along the first axis.
    threshold : float, default 0
        Threshold in mV.

    Returns
    -------
    int or ndarray of shape (n_neurons,)
        The number of spikes of each trace.
    """
    ### BEGIN SOLUTION
    v = np.asarray(v)
    above = v >= threshold
    return np.sum(above[1:] & ~above[:-1], axis=0)
    ### END SOLUTION


def connor_stevens_gates(v):
    """Steady states and time constants of the Connor–Stevens gates.

    Parameters
    ----------
    v : float or ndarray
        Membrane potential in mV.

    Returns
    -------
    tuple of 5 pairs of ndarray
        ``(x_inf, tau_x)`` for x = m, h, n, a, b: steady state (dimensionless)
        and time constant (ms), each of the shape of ``v``.
    """
    v = np.asarray(v, dtype=float)
    alpha_m = 3.8 / exprel(-(v + 29.7) / 10.0)  # 0.38 (v + 29.7) / (1 − e^(−0.1 (v + 29.7)))
    beta_m = 15.2 * np.exp(-0.0556 * (v + 54.7))
    alpha_h = 0.266 * np.exp(-0.05 * (v + 48.0))
    beta_h = 3.8 / (1.0 + np.exp(-0.1 * (v + 18.0)))
    alpha_n = 0.2 / exprel(-(v + 45.7) / 10.0)  # 0.02 (v + 45.7) / (1 − e^(−0.1 (v + 45.7)))
    beta_n = 0.25 * np.exp(-0.0125 * (v + 55.7))
    a_inf = (0.0761 * np.exp(0.0314 * (v + 94.22)) / (1.0 + np.exp(0.0346 * (v + 1.17)))) ** (1 / 3)
    tau_a = 0.3632 + 1.158 / (1.0 + np.exp(0.0497 * (v + 55.96)))
    b_inf = (1.0 + np.exp(0.0688 * (v + 53.3))) ** -4
    tau_b = 1.24 + 2.678 / (1.0 + np.exp(0.0624 * (v + 50.0)))
    return ((alpha_m / (alpha_m + beta_m), 1 / (alpha_m + beta_m)), (alpha_h / (alpha_h + beta_h), 1 / (alpha_h + beta_h)),
            (alpha_n / (alpha_n + beta_n), 1 / (alpha_n + beta_n)), (a_inf, tau_a), (b_inf, tau_b))


def connor_stevens_step(v, m, h, n, a, b, i_ext, dt):
    """Advance the Connor–Stevens model by one explicit Euler step.

    C_m dV/dt = I_ext − g_Na m³h (V − E_Na) − g_K n⁴ (V − E_K) − g_A a³b (V − E_A)
    − g_L (V − E_L), and every gate x relaxes as dx/dt = (x∞(V) − x)/τ_x(V) with
    the values of ``connor_stevens_gates``.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : float or ndarray
        Membrane potential in mV.
    m, h, n, a, b : float or ndarray
        Gating variables, broadcastable with ``v``.
    i_ext : float or ndarray
        External current density in µA/cm².
    dt : float
        Time step in ms.

    Returns
    -------
    v, m, h, n, a, b : ndarray
        The state after one step.
    """
    ### BEGIN SOLUTION
    gates = (m, h, n, a, b)
    i_ion = (CS_G_NA * m**3 * h * (v - CS_E_NA) + CS_G_K * n**4 * (v - CS_E_K)
             + CS_G_A * a**3 * b * (v - CS_E_A) + CS_G_L * (v - CS_E_L))
    updated = [x + dt * (x_inf - x) / tau for x, (x_inf, tau) in zip(gates, connor_stevens_gates(v))]
    return (v + dt * (i_ext - i_ion) / C_M, *updated)
    ### END SOLUTION


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
ONSET_GRID = 0.1  # µA/cm², the resolution the question asks for
ONSET_DURATION, ONSET_TRANSIENT = 500.0, 100.0  # ms: run from rest, spikes counted after the transient


@functools.cache
def _onset(dt=0.01):
    """The first current of the grid 5.0, 5.1, …, 8.0 µA/cm² that fires after the transient, and its rate (Hz)."""
    currents = np.round(np.arange(5.0, 8.0 + ONSET_GRID / 2, ONSET_GRID), 10)
    v, *_ = simulate_hh(np.tile(currents, (round(ONSET_DURATION / dt), 1)), dt)
    late = count_spikes(v[round(ONSET_TRANSIENT / dt):])
    first = int(np.argmax(late > 0))
    return float(currents[first]), float(late[first] / ((ONSET_DURATION - ONSET_TRANSIENT) / 1000.0))


def onset_current():
    """The smallest constant current, to 0.1 µA/cm², at which the neuron fires repetitively:
    at least one spike between 100 and 500 ms of a run from rest (dt = 0.01 ms)."""
    return _onset()[0]


def onset_rate():
    """The firing rate in Hz at ``onset_current()``, counted between 100 and 500 ms."""
    return _onset()[1]
