"""Networks of rate models (chapter 4, 神経回路網の構築 (発火率モデル)).

A rate unit's output y (a firing rate) relaxes towards a static function f of
its input, the weighted sum of external inputs x and of the network's own rates:

    τ dy/dt = −y + f(W x + M y + b),

which the explicit Euler method with α = Δt/τ turns into the update
y ← (1 − α) y + α f(W x + M y + b) of the original's book text. The transfer
function of its example is the Naka–Rushton function
s(x) = M_max x^a / (σ^a + x^a) · Θ(x) with M_max = 100 Hz, σ = 25 and a = 2.4
(Naka & Rushton 1966; Wilson 1999, ch. 2).

Wilson & Cowan (1972) wrote an excitatory (E) and an inhibitory (I) population
as two such units; in the block form of the original, with y = (r_E, r_I),

    τ dy/dt = −y + F(M y + x),   M = [[w_EE, −w_EI], [w_IE, −w_II]],

without the refractory factor (1 − r y) of the 1972 paper (Wilson & Cowan 2021
show it changes little). The original gives no numbers; the parameters are
Neuromatch Academy's (W2D4, Wilson–Cowan tutorial): τ_E = 1 ms, τ_I = 2 ms,
F(z) = 1/(1 + e^(−a(z − θ))) − 1/(1 + e^(aθ)) with a_E = 1.2, θ_E = 2.8,
a_I = 1.0, θ_I = 4.0, and the weights w_EE = 9, w_EI = 4, w_IE = 13, w_II = 11
with no input (three fixed points: (0, 0), (0.3369, 0.1684) and
(0.9384, 0.6725)), or w_EE = 6.4, w_EI = 4.8, w_IE = 6.0, w_II = 1.2 with
I_E = 0.8 (one unstable focus surrounded by a limit cycle). A fixed point y* is
stable when every eigenvalue of the Jacobian τ⁻¹(−I + D_F M), with
D_F = diag F′(M y* + x), has a negative real part.

An E–I network whose excitatory part alone would be unstable, held stable by
inhibition, is an inhibition-stabilised network (ISN; Tsodyks et al. 1997). In
it, more drive to the inhibitory population lowers the inhibitory rate at the
new steady state (the paradoxical effect; Ozeki et al. 2009). For a linear
network the steady state is r* = (I − W)⁻¹ h and ∂r_I*/∂h_I = (1 − w_EE)/det(I − W):
paradoxical exactly when w_EE > 1. The Naka–Rushton E–I network of this section
(parameters chosen here, see the constants) shows the effect above the
recurrent weight where w_EE s′(z_E*) exceeds 1.

Original: the book text of 「Juliaで学ぶ計算論的神経科学」, 「神経細胞の発火率モデル」 and
「多細胞形式のWilson–Cowanモデル」「抑制安定化ネットワークと安定性解析」 (repository
compneuro-julia/compneuro-julia-management, markdowns/02_local-learning-rule.md);
the seed's chapter 4 had no page (https://compneuro-julia.github.io/).

References
----------
Naka, K. I. & Rushton, W. A. H. (1966). S-potentials from colour units in the
retina of fish. J. Physiol. 185, 584–599.
Wilson, H. R. (1999). Spikes, Decisions, and Actions, ch. 2. Oxford University Press.
Wilson, H. R. & Cowan, J. D. (1972). Excitatory and inhibitory interactions in
localized populations of model neurons. Biophys. J. 12, 1–24.
Tsodyks, M. V., Skaggs, W. E., Sejnowski, T. J. & McNaughton, B. L. (1997).
Paradoxical effects of external modulation of inhibitory interneurons.
J. Neurosci. 17, 4382–4388.
Ozeki, H., Finn, I. M., Schaffer, E. S., Miller, K. D. & Ferster, D. (2009).
Inhibitory stabilization of the cortical network underlies visual surround
suppression. Neuron 62, 578–592.
Sadeh, S. & Clopath, C. (2021). Inhibitory stabilization and cortical
computation. Nat. Rev. Neurosci. 22, 21–37.
"""

import numpy as np

# Naka–Rushton transfer function: the example of the original's book text.
NR_MAX = 100.0  # maximal rate M, Hz
NR_SIGMA = 25.0  # semi-saturation input σ (the input at which the rate is M/2), input units
NR_EXPONENT = 2.4  # exponent a, dimensionless

# Wilson–Cowan populations (E, I): Neuromatch Academy W2D4 default parameters.
TAU_WC = np.array([1.0, 2.0])  # time constants τ_E, τ_I, ms
GAIN_WC = np.array([1.2, 1.0])  # gains a_E, a_I of F, dimensionless
THRESHOLD_WC = np.array([2.8, 4.0])  # thresholds θ_E, θ_I of F, dimensionless
M_BISTABLE = np.array([[9.0, -4.0], [13.0, -11.0]])  # [[w_EE, −w_EI], [w_IE, −w_II]], three fixed points
X_BISTABLE = np.array([0.0, 0.0])  # external inputs (I_E, I_I)
M_CYCLE = np.array([[6.4, -4.8], [6.0, -1.2]])  # Neuromatch's limit-cycle weights
X_CYCLE = np.array([0.8, 0.0])  # ... and inputs
DT_WC = 0.1  # Euler step, ms (Neuromatch)
N_GRID = 2000  # points of the r_E grid on which wc_fixed_points brackets the fixed points

# Inhibition-stabilised network of two Naka–Rushton populations (chosen here: stable for every w_EE of the scan,
# rates of a few to a few tens of Hz, the paradoxical effect inside the scanned range).
TAU_ISN = np.array([20.0, 10.0])  # τ_E, τ_I, ms
W_EI_ISN, W_IE_ISN, W_II_ISN = 1.0, 1.0, 0.5  # recurrent weights other than w_EE, input units per Hz
H_ISN = np.array([20.0, 10.0])  # external inputs h_E, h_I, input units
DH_ISN = 1.0  # the step added to h_I, input units
DT_ISN = 1.0  # Euler step, ms
T_ISN = 500.0  # time to the steady state, ms (25 τ_E; the slowest mode of the scan decays in about 20 ms)
W_EE_SCAN = np.round(np.arange(0.0, 1.0001, 0.01), 2)  # w_EE of the scan, input units per Hz


def naka_rushton(x, m=NR_MAX, sigma=NR_SIGMA, a=NR_EXPONENT):
    """The Naka–Rushton transfer function s(x) = m x^a / (σ^a + x^a) for x > 0, and 0 for x ≤ 0.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : float or ndarray
        Input, any sign (input units).
    m : float, default NR_MAX
        Maximal rate, Hz.
    sigma : float, default NR_SIGMA
        Semi-saturation input: s(σ) = m/2.
    a : float, default NR_EXPONENT
        Exponent, > 0 (not necessarily an integer).

    Returns
    -------
    ndarray
        Rates of the shape of ``x``, in [0, m), finite for every finite input; no warnings for x < 0.
    """
    ### BEGIN SOLUTION
    power = np.maximum(np.asarray(x, dtype=float), 0.0) ** a  # Θ(x): a negative input gives no response
    return m * power / (sigma**a + power)
    ### END SOLUTION


def wilson_cowan_step(y, M, x, dt, tau, transfer):
    """One explicit Euler step of the rate network τ dy/dt = −y + f(M y + x).

    With α = dt/τ: y ← (1 − α) y + α f(M y + x), every unit at its own τ.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    y : ndarray of shape (n,) or (k, n)
        Rates of the n units; with two dimensions, k independent copies of the
        network, one per row.
    M : ndarray of shape (n, n) or (k, n, n)
        Recurrent weights, M[i, j] from unit j to unit i (inhibitory weights
        negative); with three dimensions, one matrix per copy.
    x : float or ndarray of shape (n,) or (k, n)
        External input of every unit.
    dt : float
        Time step, ms.
    tau : float or ndarray of shape (n,)
        Time constants of the units, ms.
    transfer : callable
        The transfer function f, applied to an array of inputs of the shape of
        ``y`` (elementwise, or per unit along the last axis).

    Returns
    -------
    ndarray
        The rates after one step, of the shape of ``y``.
    """
    ### BEGIN SOLUTION
    y = np.asarray(y, dtype=float)
    drive = (np.asarray(M, dtype=float) @ y[..., None])[..., 0] + x  # M y for every copy
    alpha = dt / np.asarray(tau, dtype=float)
    return (1 - alpha) * y + alpha * transfer(drive)
    ### END SOLUTION


def wc_transfer(z, gain=GAIN_WC, threshold=THRESHOLD_WC):
    """Neuromatch's Wilson–Cowan transfer function F(z) = 1/(1 + e^(−a(z − θ))) − 1/(1 + e^(aθ)).

    F(0) = 0; F rises from −1/(1 + e^(aθ)) to 1 − 1/(1 + e^(aθ)). With the default gains and thresholds the last
    axis of ``z`` holds (E, I).
    """
    z = np.asarray(z, dtype=float)
    return 0.5 * (1 + np.tanh(0.5 * gain * (z - threshold))) - 1 / (1 + np.exp(gain * threshold))


def wc_transfer_inverse(r, gain=GAIN_WC, threshold=THRESHOLD_WC):
    """The inverse of ``wc_transfer``: the input z at which F(z) = r, for r inside the range of F."""
    p = np.asarray(r, dtype=float) + 1 / (1 + np.exp(gain * threshold))
    return threshold + np.log(p / (1 - p)) / gain


def wc_fixed_points(M, x, n_grid=N_GRID):
    """The fixed points of the two-population Wilson–Cowan model with Neuromatch's transfer functions.

    On the E-nullcline r_E = F_E(M[0, 0] r_E + M[0, 1] r_I + x_E), so
    r_I = (F_E⁻¹(r_E) − M[0, 0] r_E − x_E) / M[0, 1]. A fixed point is a point of
    it where also r_I = F_I(M[1, 0] r_E + M[1, 1] r_I + x_I): the roots of that
    residual along r_E are bracketed on a grid of ``n_grid`` values strictly
    inside the range of F_E and refined by bisection.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    M : ndarray of shape (2, 2)
        [[w_EE, −w_EI], [w_IE, −w_II]], with M[0, 1] ≠ 0.
    x : ndarray of shape (2,)
        External inputs (I_E, I_I).
    n_grid : int, default N_GRID
        Grid points of r_E.

    Returns
    -------
    ndarray of shape (k, 2)
        The k fixed points (r_E, r_I), sorted by increasing r_E.
    """
    ### BEGIN SOLUTION
    (w_ee, w_ei), (w_ie, w_ii) = np.asarray(M, dtype=float)
    x_e, x_i = np.asarray(x, dtype=float)
    (a_e, a_i), (theta_e, theta_i) = GAIN_WC, THRESHOLD_WC
    low = -1 / (1 + np.exp(a_e * theta_e))  # the range of F_E is (low, 1 + low)

    def on_e_nullcline(r_e):
        return (wc_transfer_inverse(r_e, a_e, theta_e) - w_ee * r_e - x_e) / w_ei

    def residual(r_e):
        r_i = on_e_nullcline(r_e)
        return wc_transfer(w_ie * r_e + w_ii * r_i + x_i, a_i, theta_i) - r_i

    grid = np.linspace(low, 1 + low, n_grid + 2)[1:-1]
    positive = residual(grid) > 0
    change = np.nonzero(positive[:-1] != positive[1:])[0]
    left, right, left_positive = grid[change], grid[change + 1], positive[change]
    for _ in range(45):  # the brackets (5e-4 wide) shrink 2⁴⁵-fold: to round-off
        middle = (left + right) / 2
        move_left = (residual(middle) > 0) == left_positive
        left, right = np.where(move_left, middle, left), np.where(move_left, right, middle)
    r_e = (left + right) / 2
    return np.column_stack([r_e, on_e_nullcline(r_e)])
    ### END SOLUTION


def jacobian(y, M, x, tau=TAU_WC):
    """The Jacobian of the Wilson–Cowan vector field dy/dt = (−y + F(M y + x))/τ at the point y.

    J = τ⁻¹ (−I + D_F M), D_F = diag F′(M y + x), with F′(z) = a σ(1 − σ) where
    σ = 1/(1 + e^(−a(z − θ))) (Neuromatch's transfer functions, GAIN_WC and
    THRESHOLD_WC); row i is divided by τ_i.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    y : ndarray of shape (2,)
        The point (r_E, r_I).
    M : ndarray of shape (2, 2)
        [[w_EE, −w_EI], [w_IE, −w_II]].
    x : ndarray of shape (2,)
        External inputs (I_E, I_I).
    tau : ndarray of shape (2,), default TAU_WC
        Time constants (τ_E, τ_I), ms.

    Returns
    -------
    ndarray of shape (2, 2)
        J[i, j] = ∂(dy_i/dt)/∂y_j, in 1/ms.
    """
    ### BEGIN SOLUTION
    M = np.asarray(M, dtype=float)
    z = M @ np.asarray(y, dtype=float) + x
    sigma = 0.5 * (1 + np.tanh(0.5 * GAIN_WC * (z - THRESHOLD_WC)))
    slope = GAIN_WC * sigma * (1 - sigma)  # F′ at the units' inputs
    return (-np.eye(len(z)) + slope[:, None] * M) / np.asarray(tau, dtype=float)[:, None]
    ### END SOLUTION


def isn_weights(w_ee):
    """The ISN's weight matrices [[w_EE, −w_EI], [w_IE, −w_II]] for an array of w_EE: shape (len(w_ee), 2, 2)."""
    w_ee = np.atleast_1d(np.asarray(w_ee, dtype=float))
    M = np.empty((len(w_ee), 2, 2))
    M[:, 0, 0], M[:, 0, 1], M[:, 1, 0], M[:, 1, 1] = w_ee, -W_EI_ISN, W_IE_ISN, -W_II_ISN
    return M


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
I_E_SCAN = np.round(np.arange(0.0, 1.0001, 0.01), 2)  # the inputs I_E of the fixed-point scan


def saddle_node_input():
    """The smallest input I_E of the grid 0, 0.01, …, 1 (with I_I = 0 and the weights M_BISTABLE) at which the
    Wilson–Cowan model has a single fixed point: the low-activity state has merged with the saddle."""
    counts = np.array([len(wc_fixed_points(M_BISTABLE, np.array([i_e, 0.0]))) for i_e in I_E_SCAN])
    return float(I_E_SCAN[np.argmax(counts == 1)])


def isn_steady_states(w_ee, dh=DH_ISN, dt=DT_ISN, duration=T_ISN):
    """Rates (r_E, r_I) of the Naka–Rushton ISN after ``duration`` ms from rest, for every w_EE, with the inputs
    H_ISN and with DH_ISN added to h_I: an array of shape (2, len(w_ee), 2) (input, w_EE, population)."""
    M = isn_weights(w_ee)
    x = np.stack([H_ISN, H_ISN + [0.0, dh]])[:, None, :]
    y = np.zeros((2, len(M), 2))
    for _ in range(round(duration / dt)):
        y = wilson_cowan_step(y, M, x, dt, TAU_ISN, naka_rushton)
    return y


def paradoxical_w_ee():
    """The smallest w_EE of W_EE_SCAN at which raising h_I by DH_ISN lowers the steady-state inhibitory rate r_I
    (steady state: T_ISN ms of Euler steps of DT_ISN from rest)."""
    rates = isn_steady_states(W_EE_SCAN)
    return float(W_EE_SCAN[np.argmax(rates[1, :, 1] < rates[0, :, 1])])
