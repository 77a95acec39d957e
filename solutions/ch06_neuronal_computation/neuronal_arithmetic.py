"""Computation in neural circuits: gain control and neuronal arithmetic (chapter 6, 神経回路網の演算処理).

Three ways in which inhibition or a population acts on a neuron's input–output curve.

1. **The A-type potassium current as a switch** (Goldwyn, Slabe, Travers & Terman 2018). A single-compartment
   conductance-based neuron

       C dV/dt = −g_Na m∞(V)³ h (V − E_Na) − g_K n⁴ (V − E_K) − g_A a³ b (V − E_K) − g_L (V − E_L)
                 − g_exc s_exc (V − E_exc) − g_inh s_inh (V − E_inh),

   with h = 1 − n, gates relaxing as dx/dt = (x∞(V) − x)/τ_x(V), and synaptic variables that jump by 1 at each
   presynaptic spike and decay as ds/dt = −β s. Driven by Poisson excitation and a gamma-process inhibition, the
   output rate with inhibition plotted against the output rate without it lies on a line: a slope below 1 through
   the origin is *divisive* inhibition (gain control), a slope near 1 with a negative intercept is *subtractive*.
   Goldwyn et al. find that a strong, fast A-current (g_A = 40 mS/cm²) makes inhibition subtractive and a weak one
   (g_A = 20 mS/cm²) divisive. The equations and parameters are those of the original page's code
   (https://compneuro-julia.github.io/neuronal-computation/neuronal-arithmetic.html), which simulates 100 cells
   for 50 s at dt = 0.05 ms; here 1 s of model time, the input rates on a grid, and every condition one column
   of the same array.

2. **Shunting inhibition on the leaky integrate-and-fire neuron** of section 2.4 (Holt & Koch 1997). A
   conductance g_s reversing at the resting potential adds to the leak: the membrane time constant becomes
   C/(g_L + g_s) and the steady potential V_rest + I/(g_L + g_s). The threshold current rises to
   (g_L + g_s)(V_thr − V_rest), while at high rates the interval is dominated by charging C from V_reset to
   V_thr, C (V_thr − V_reset)/I, which does not depend on g_s: shunting shifts the f–I curve near threshold and
   its effect vanishes at high currents; it does not divide the rate.

3. **Divisive normalisation** (Heeger 1992; Carandini & Heeger 2012, eq. 1),

       R_j = γ D_jⁿ / (σⁿ + Σ_k D_kⁿ),

   bounds the summed response by γ and, for σ → 0, makes it invariant to a common scaling of the drives.

References
----------
Goldwyn, J. H., Slabe, B. R., Travers, J. B. & Terman, D. (2018). Gain control with A-type potassium current:
I_A as a switch between divisive and subtractive inhibition. PLoS Comput. Biol. 14(7), e1006292.
Silver, R. A. (2010). Neuronal arithmetic. Nat. Rev. Neurosci. 11, 474–489.
Holt, G. R. & Koch, C. (1997). Shunting inhibition does not have a divisive effect on firing rates.
Neural Comput. 9, 1001–1013.
Heeger, D. J. (1992). Normalization of cell responses in cat striate cortex. Vis. Neurosci. 9, 181–197.
Carandini, M. & Heeger, D. J. (2012). Normalization as a canonical neural computation. Nat. Rev. Neurosci.
13, 51–62.
"""

import functools

import numpy as np

# The notebook shows lif_rate_theory with the constants it uses (a cell for the student's own section-2.4 code).
from solutions.ch02_neuron_models.leaky_integrate_and_fire import (R_M, T_REF, TAU_M, V_REST, V_RESET, V_THR,
                                                                   lif_rate_theory)

# The neuron of Goldwyn et al. (2018), parameters of the original page's code (per unit area).
C_M = 1.0  # membrane capacitance, µF/cm²
G_NA, G_K, G_L = 37.0, 45.0, 1.0  # maximal conductances of Na⁺, delayed-rectifier K⁺ and leak, mS/cm²
G_A_DIVISIVE, G_A_SUBTRACTIVE = 20.0, 40.0  # maximal A-type K⁺ conductance of the two regimes, mS/cm²
E_NA, E_K, E_L = 55.0, -80.0, -70.0  # reversal potentials (the A-current reverses at E_K), mV
G_EXC, G_INH = 0.5, 1.0  # synaptic conductance per unit of s, mS/cm²
E_EXC, E_INH = 0.0, -85.0  # synaptic reversal potentials, mV
BETA_EXC, BETA_INH = 0.2, 0.18  # decay rates of the synaptic variables, 1/ms
V_INIT = -70.0  # initial potential, mV; the gates start at their steady state there
# The rate–rate experiment (original page: 100 cells with rates drawn from U(0, 80) Hz, 50 s at dt = 0.05 ms).
DT = 0.05  # time step, ms (the original's; Euler needs it: at 0.1 ms the rates come out several times too high)
DURATION = 1000.0  # ms of model time (original: 50 000 ms; reduced for the time budget)
N_CELLS = 100  # cells per condition
MAX_RATE_EXC = 80.0  # excitatory input rates from 0 to this, Hz
RATE_INH, GAMMA_SHAPE = 50.0, 12  # inhibitory input: a gamma renewal process of this rate (Hz) and shape
GAIN_SEED = 2018  # seed of default_rng that draws the input spike trains
# Shunting inhibition on section 2.4's neuron (g_L = 1/R_M = 1 µS).
SHUNTS = (0.0, 0.5, 1.0, 2.0)  # shunting conductances of the figure, µS
# Divisive normalisation (Carandini & Heeger 2012): maximal summed rate, semi-saturation and exponent.
NORM_GAMMA = 50.0  # Hz
NORM_SIGMA = 0.1  # semi-saturation constant, in units of the drive (contrast)
NORM_EXPONENT = 2.0


def goldwyn_step(v, n, a, b, s_exc, s_inh, spikes_exc, spikes_inh, g_a, dt):
    """Advance the neuron of Goldwyn et al. (2018) with its two synapses by one explicit Euler step.

    Every right-hand side is evaluated at the old state:

        C_M dV/dt = −G_NA m∞³ (1 − n) (V − E_NA) − G_K n⁴ (V − E_K) − g_a a³ b (V − E_K) − G_L (V − E_L)
                    − G_EXC s_exc (V − E_EXC) − G_INH s_inh (V − E_INH),
        dn/dt = (n∞ − n)/τ_n,  da/dt = (a∞ − a)/τ_a,  db/dt = (b∞ − b)/τ_b,

    with m∞ = 1/(1 + e^(−(V+30)/15)), n∞ = 1/(1 + e^(−(V+32)/8)), τ_n = (1 + 100/(1 + e^((V+80)/26)))/0.75 ms,
    a∞ = 1/(1 + e^(−(V+50)/20)), τ_a = 2 ms, b∞ = 1/(1 + e^((V+70)/6)), τ_b = 150 ms. The synaptic variables decay,
    s ← s − dt β s, and each presynaptic spike of the step adds 1: s ← s − dt β s + spikes.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    v : float or ndarray
        Membrane potential in mV.
    n, a, b : float or ndarray
        Gating variables (dimensionless, in [0, 1]), broadcastable with ``v``.
    s_exc, s_inh : float or ndarray
        Synaptic variables (dimensionless, ≥ 0), broadcastable with ``v``.
    spikes_exc, spikes_inh : float, bool or ndarray
        Number of presynaptic spikes in this step (0 or 1, or booleans), broadcastable with ``v``.
    g_a : float or ndarray
        Maximal A-type conductance in mS/cm², broadcastable with ``v``.
    dt : float
        Time step in ms.

    Returns
    -------
    v, n, a, b, s_exc, s_inh : ndarray
        The state after the step, of the broadcast shape of the inputs.
    """
    ### BEGIN SOLUTION
    v = np.asarray(v, dtype=float)
    m_inf = 1.0 / (1.0 + np.exp((-30.0 - v) / 15.0))
    n_inf = 1.0 / (1.0 + np.exp((-32.0 - v) / 8.0))
    tau_n = (1.0 + 100.0 / (1.0 + np.exp((v + 80.0) / 26.0))) / 0.75  # ms
    a_inf = 1.0 / (1.0 + np.exp((-50.0 - v) / 20.0))
    b_inf = 1.0 / (1.0 + np.exp((v + 70.0) / 6.0))
    n2 = n * n  # powers as products: numpy's x**3 and x**4 cost several times more
    i_ion = (G_NA * (m_inf * m_inf * m_inf) * (1.0 - n) * (v - E_NA)
             + (G_K * (n2 * n2) + g_a * (a * a * a) * b) * (v - E_K) + G_L * (v - E_L))
    i_syn = G_EXC * s_exc * (v - E_EXC) + G_INH * s_inh * (v - E_INH)
    v_next = v - dt * (i_ion + i_syn) / C_M
    n_next = n + dt * (n_inf - n) / tau_n
    a_next = a + dt * (a_inf - a) / 2.0
    b_next = b + dt * (b_inf - b) / 150.0
    s_exc_next = s_exc - dt * BETA_EXC * s_exc + spikes_exc
    s_inh_next = s_inh - dt * BETA_INH * s_inh + spikes_inh
    return v_next, n_next, a_next, b_next, s_exc_next, s_inh_next
    ### END SOLUTION


def poisson_spikes(rates, n_steps, dt, rng):
    """Independent Poisson spike trains: in each step of ``dt`` ms a train with rate r (Hz) spikes with
    probability r·dt/1000. Returns booleans of shape (n_steps, len(rates)), drawn with one ``rng.random`` call."""
    rates = np.asarray(rates, dtype=float)
    return rng.random((n_steps, rates.size)) < rates * dt * 1e-3


def gamma_spikes(rate, shape, n_steps, n_trains, dt, rng):
    """Independent gamma renewal spike trains of rate ``rate`` (Hz): intervals ~ Gamma(shape, 1/(shape·rate)),
    the first one drawn like the others, each spike in the step of dt ms that contains its time. Returns booleans
    of shape (n_steps, n_trains)."""
    duration = n_steps * dt * 1e-3  # s
    n_intervals = int(1.5 * duration * rate) + 20  # the sum of this many intervals exceeds duration by far (CV 1/√k)
    times = np.cumsum(rng.gamma(shape, 1.0 / (shape * rate), (n_intervals, n_trains)), axis=0)
    steps = np.floor(times * 1e3 / dt).astype(int)
    spikes = np.zeros((n_steps, n_trains), dtype=bool)
    inside = steps < n_steps
    spikes[steps[inside], np.broadcast_to(np.arange(n_trains), steps.shape)[inside]] = True
    return spikes


def simulate_goldwyn(spikes_exc, spikes_inh, g_a, dt=DT, record=None):
    """Run goldwyn_step from rest and count the output spikes (upward crossings of 0 mV).

    The neurons start at V_INIT with n, a, b at their steady states there and s_exc = s_inh = 0. Step k is driven
    by ``spikes_exc[k]`` and ``spikes_inh[k]``; the neurons' shape is the broadcast of ``spikes_exc.shape[1:]``,
    ``spikes_inh.shape[1:]`` and ``np.shape(g_a)`` (conditions × cells, for example).

    Returns
    -------
    counts : ndarray of int
        Output spikes of every neuron.
    v_recorded : ndarray of shape (n_steps, …) or None
        The membrane potential (mV) at every step of the neurons with index ``record`` along the last axis.
    """
    shape = np.broadcast_shapes(np.shape(spikes_exc)[1:], np.shape(spikes_inh)[1:], np.shape(g_a))
    v = np.full(shape, V_INIT)
    n = np.full(shape, 1.0 / (1.0 + np.exp(-(V_INIT + 32.0) / 8.0)))
    a = np.full(shape, 1.0 / (1.0 + np.exp(-(V_INIT + 50.0) / 20.0)))
    b = np.full(shape, 1.0 / (1.0 + np.exp((V_INIT + 70.0) / 6.0)))
    s_exc, s_inh = np.zeros(shape), np.zeros(shape)
    counts = np.zeros(shape, dtype=int)
    v_recorded = None if record is None else np.empty((len(spikes_exc),) + shape[:-1])
    for k in range(len(spikes_exc)):
        if record is not None:
            v_recorded[k] = v[..., record]
        v_old = v
        v, n, a, b, s_exc, s_inh = goldwyn_step(v, n, a, b, s_exc, s_inh, spikes_exc[k], spikes_inh[k], g_a, dt)
        counts += (v_old < 0.0) & (v >= 0.0)  # an upward crossing of 0 mV is a spike
    return counts, v_recorded


def rate_rate_experiment(seed=GAIN_SEED, duration=DURATION, n_cells=N_CELLS, dt=DT, record=None):
    """The original page's experiment, reduced: ``n_cells`` cells with Poisson excitation at rates evenly spaced
    from 0 to MAX_RATE_EXC, in four conditions (g_A = G_A_DIVISIVE without and with inhibition, G_A_SUBTRACTIVE
    without and with), all simulated as one (4, n_cells) array. The cells of a column share their excitatory
    train; the inhibition (gamma process, RATE_INH, GAMMA_SHAPE) is drawn after it from default_rng(seed).

    Returns
    -------
    rates_in : ndarray of shape (n_cells,)
        The input rate each cell received (its excitatory spike count over the duration), Hz.
    rates_out : ndarray of shape (4, n_cells)
        Output rates, Hz, rows in the order of the conditions above.
    v_recorded : ndarray of shape (n_steps, 4) or None
        The membrane potential of cell ``record`` in the four conditions.
    """
    rng = np.random.default_rng(seed)
    n_steps = round(duration / dt)
    exc = poisson_spikes(np.linspace(0.0, MAX_RATE_EXC, n_cells), n_steps, dt, rng)
    inh = gamma_spikes(RATE_INH, GAMMA_SHAPE, n_steps, n_cells, dt, rng)
    spikes_inh = np.zeros((n_steps, 4, n_cells), dtype=bool)
    spikes_inh[:, 1], spikes_inh[:, 3] = inh, inh
    g_a = np.array([[G_A_DIVISIVE], [G_A_DIVISIVE], [G_A_SUBTRACTIVE], [G_A_SUBTRACTIVE]])
    counts, v_recorded = simulate_goldwyn(exc[:, None, :], spikes_inh, g_a, dt, record)
    seconds = duration * 1e-3
    return exc.sum(axis=0) / seconds, counts / seconds, v_recorded


def shunting_lif_rate(i_ext, g_shunt):
    """Firing rate of section 2.4's leaky integrate-and-fire neuron with a shunting conductance.

    The shunt g_s reverses at V_REST, so C dV/dt = −(g_L + g_s)(V − V_REST) + I with g_L = 1/R_M and
    C = TAU_M/R_M: the neuron relaxes with the time constant C/(g_L + g_s) towards V_REST + I/(g_L + g_s).
    Above the threshold current (g_L + g_s)(V_THR − V_REST) it fires with the interval

        T = T_REF + C/(g_L + g_s) · ln[(V∞ − V_RESET)/(V∞ − V_THR)],  V∞ = V_REST + I/(g_L + g_s),

    and at or below it not at all.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    i_ext : float or ndarray
        Constant input current in nA.
    g_shunt : float or ndarray
        Shunting conductance in µS (≥ 0), broadcastable with ``i_ext``.

    Returns
    -------
    ndarray
        Firing rate in Hz, of the broadcast shape of ``i_ext`` and ``g_shunt``.
    """
    ### BEGIN SOLUTION
    g_total = 1.0 / R_M + np.asarray(g_shunt, dtype=float)  # µS
    tau = (TAU_M / R_M) / g_total  # C/(g_L + g_s), ms (nF/µS)
    v_inf = V_REST + np.asarray(i_ext, dtype=float) / g_total  # mV
    above = v_inf > V_THR
    safe = np.where(above, v_inf, V_THR + 1.0)  # avoid the log of a non-positive number
    isi = T_REF + tau * np.log((safe - V_RESET) / (safe - V_THR))
    return np.where(above, 1000.0 / isi, 0.0)
    ### END SOLUTION


def divisive_normalization(drive, sigma=NORM_SIGMA, gamma=NORM_GAMMA, exponent=NORM_EXPONENT):
    """Divisive normalisation of a population's drives (Carandini & Heeger 2012, eq. 1).

        R_j = gamma · D_j^exponent / (sigma^exponent + Σ_k D_k^exponent),

    the sum running over the units of the same population (the last axis).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    drive : ndarray of shape (..., n_units)
        Non-negative drives D of the units; leading axes index independent populations (stimuli, trials).
    sigma : float
        Semi-saturation constant (≥ 0), in the units of the drive.
    gamma : float
        Maximal summed response, Hz.
    exponent : float
        The exponent n (> 0).

    Returns
    -------
    ndarray of the shape of ``drive``
        Responses R in Hz.
    """
    ### BEGIN SOLUTION
    powered = np.asarray(drive, dtype=float) ** exponent
    return gamma * powered / (sigma**exponent + powered.sum(axis=-1, keepdims=True))
    ### END SOLUTION


def orientation_drives(contrast, orientation, n_units=16, width=20.0):
    """Drives of ``n_units`` orientation-tuned units (preferred orientations evenly spaced over 180°) to a grating of
    the given contrast(s) and orientation (degrees): contrast · exp(−Δθ²/(2 width²)) with Δθ the circular difference
    of orientations (period 180°). Returns an array of shape (len(contrast), n_units)."""
    preferred = np.arange(n_units) * 180.0 / n_units
    delta = (preferred - orientation + 90.0) % 180.0 - 90.0
    return np.asarray(contrast, dtype=float)[:, None] * np.exp(-delta**2 / (2 * width**2))


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.


@functools.cache
def _rate_rate():
    """The rates of the notebook's experiment (Figure 2)."""
    rates_in, rates_out, _ = rate_rate_experiment()
    return rates_in, rates_out


def _fit(without, with_inhibition):
    """Slope and intercept (Hz) of the least-squares line through the cells that fire with inhibition."""
    firing = with_inhibition > 0
    slope, intercept = np.polyfit(without[firing], with_inhibition[firing], 1)
    return float(slope), float(intercept)


def divisive_slope():
    """The slope of the straight line fitted (least squares) to the output rates with inhibition against those
    without it, at g_A = 20 mS/cm², over the cells that fire with inhibition, in the notebook's experiment."""
    _, rates_out = _rate_rate()
    return _fit(rates_out[0], rates_out[1])[0]


def subtractive_intercept():
    """The intercept (Hz) of the same line at g_A = 40 mS/cm²: the rate with inhibition it predicts for a cell
    that fires at 0 Hz without inhibition."""
    _, rates_out = _rate_rate()
    return _fit(rates_out[2], rates_out[3])[1]
