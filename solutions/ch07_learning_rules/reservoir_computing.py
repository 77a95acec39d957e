"""Reservoir computing: FORCE learning and echo-state networks (section 7.11, Reservoir computing).

A reservoir is a recurrent network whose connections are random and fixed; only
a linear readout z = wᵀr of its rates r is learned (Jaeger 2001; Maass,
Natschläger & Markram 2002). Two versions are treated here.

Recursive least squares (RLS). With P(0) = I/λ and w(0) = 0, the update on a
sample (r, x) with the a-priori error e = wᵀr − x,

    k = P r,  c = 1/(1 + rᵀk),  P ← P − c k kᵀ,  w ← w − c e k,

keeps P(n) = (λI + Σ_{i≤n} r_i r_iᵀ)⁻¹ (Sherman–Morrison) and w(n) equal to the
ridge solution (λI + Σ r_i r_iᵀ)⁻¹ Σ r_i x_i after every sample (Haykin 2002,
ch. 9). The gain c k = P(n) r is the *updated* P times r. The original page
(its Python code, after Nicola & Clopath's MATLAB) updates the readout with the
old P(n − 1) r, without the factor c: its a-posteriori error is e (1 − rᵀPr)
instead of e/(1 + rᵀPr), so it overshoots while rᵀPr > 1 and equals RLS only
once rᵀPr ≪ 1. That is not the case at the start of their runs: with P(0) =
5e-6·I, rᵀP(0)r is about 6 at the first update of the original's 2000-neuron
network (measured for this module), and of order 1 for many updates after. The
page's text also writes P⁻¹ = Σ(r rᵀ + λI), which counts λ once per sample; the
correct inverse is λI + Σ r rᵀ.

FORCE (Sussillo & Abbott 2009). A chaotic rate network τ dx/dt = −x + J r + w_f z,
r = tanh(x), z = wᵀr, with J_ij ~ g·𝒩(0, 1/(pN)) on a fraction p of the pairs,
g = 1.5 (chaotic for g > 1, Sompolinsky, Crisanti & Sommers 1988), and the
output fed back through fixed weights w_f ~ U(−1, 1). RLS updates w at every
(second) Euler step with the error of the output against the target f(t), from
P(0) = I/α with α = 1: the error is small from the first updates on, the
feedback then carries nearly the target, and the chaos is suppressed. After
learning is switched off the network keeps generating f(t). The target of their
Fig. 2 is f(t) = [1.3 sin(ωt) + 0.65 sin(2ωt) + 0.2167 sin(3ωt) + 0.433 sin(4ωt)]/1.5.
Their script: N = 1000, p = 0.1, g = 1.5, α = 1, dt = 0.1 τ, learning every 2
steps, x(0) = 0.5·𝒩(0, 1), period of f 120 τ, 1440 τ of training and 1440 τ of test.
Here N = 200 and the period is 30 τ (ω four times larger): a network of 200 units
learns the faster target within 8 periods (2400 steps), while with the slow
target it does not (tests/references). The full run is an optional cell.

Echo-state network (Jaeger 2001). A discrete-time reservoir x(t+1) = tanh(W x(t)
+ w_in u(t)) driven by an input u. It has the echo-state property when its
state depends only on the input's history, not on the initial state: two copies
started apart converge. W is a random matrix scaled to a chosen spectral radius
ρ = max|eig W|. Without input, ρ < 1 makes the origin stable and ρ > 1 unstable
(the Jacobian at 0 is W); a strong input pushes the units into the saturation
of tanh, where its slope is small, and keeps the property beyond ρ = 1 (Yildiz,
Jaeger & Kiebel 2012). The readout is learned by ridge regression or, online, by RLS.

The original page's spiking FORCE (Nicola & Clopath 2017: N = 2000 LIF neurons,
dt = 5e-5 s, 15 s, 300 000 steps) takes far longer than this notebook may. A
reduced version (200 neurons, dt = 0.25 ms, 2 s, learning from 0.3 s to 1.3 s,
the corrected RLS gain) runs in under a second; at this size the learning is
fragile (it depends on the seed: tests/references), which the notebook says.

References
----------
Jaeger, H. (2001). The "echo state" approach to analysing and training recurrent
neural networks. GMD Report 148.
Maass, W., Natschläger, T. & Markram, H. (2002). Real-time computing without
stable states. Neural Computation 14, 2531–2560.
Haykin, S. (2002). Adaptive Filter Theory, 4th ed. Prentice Hall.
Sompolinsky, H., Crisanti, A. & Sommers, H. J. (1988). Chaos in random neural
networks. Physical Review Letters 61, 259–262.
Sussillo, D. & Abbott, L. F. (2009). Generating coherent patterns of activity
from chaotic neural networks. Neuron 63, 544–557.
Yildiz, I. B., Jaeger, H. & Kiebel, S. J. (2012). Re-visiting the echo state
property. Neural Networks 35, 1–9.
Nicola, W. & Clopath, C. (2017). Supervised learning in spiking neural networks
with FORCE training. Nature Communications 8, 2208.
"""

import functools

import numpy as np

# Rate FORCE: Sussillo & Abbott (2009), Fig. 2 and their public script, reduced in size and duration.
N_UNITS = 200  # reservoir units (Sussillo & Abbott: 1000; reduced for the time budget)
G_CHAOS = 1.5  # gain g of the recurrent weights (Sussillo & Abbott); the network is chaotic for g > 1
P_CONNECT = 0.1  # connection probability p (Sussillo & Abbott)
ALPHA = 1.0  # P(0) = I/α, the regulariser λ of RLS (Sussillo & Abbott)
DT = 0.1  # Euler step, in units of the time constant τ (Sussillo & Abbott)
LEARN_EVERY = 2  # RLS update every 2 steps (Sussillo & Abbott)
TARGET_PERIOD = 30.0  # period of the four-sine target, in τ (Sussillo & Abbott: 120; 4× faster here)
N_BEFORE = 300  # steps of spontaneous activity before learning (30 τ)
N_TRAIN = 2400  # steps of learning: 8 periods of the target (Sussillo & Abbott: 14400 steps, 12 slow periods)
N_TEST = 1200  # steps after learning is switched off: 4 periods
FORCE_SEED = 0  # seed of default_rng that draws J, w_f and x(0)
# Echo-state network (this notebook's example, after Jaeger 2001):
ESN_UNITS = 50  # reservoir units
ESN_STEPS = 300  # input steps
ESN_SEED = 1  # seed of default_rng that draws W, w_in, the input and the two initial states
INPUT_SCALE = 1.0  # amplitude of the input weights times the input, u ~ U(−1, 1)
RADII = np.round(np.arange(0.8, 2.001, 0.05), 2)  # spectral radii tried (0.8, 0.85, …, 2.0)
CONVERGED = 1e-6  # two copies whose states end closer than this (Euclidean distance) have converged
RIDGE = 1e-2  # λ of the ESN's readout (P(0) = I/λ)
DELAY = 3  # the ESN's task: output the input of DELAY steps ago
# Spiking FORCE: the original page's LIF network (after Nicola & Clopath 2017), reduced in size, resolution and time.
SPK_UNITS = 200  # LIF neurons (original: 2000)
SPK_DT = 2.5e-4  # time step, s (original: 5e-5 s)
SPK_DURATION = 2.0  # simulated time, s (original: 15 s)
SPK_LEARN = (0.3, 1.3)  # RLS between these times, s (original: 5 s to 10 s)
SPK_EVERY = 4  # RLS every 4 steps, 1 ms (original: every 50 steps, 2.5 ms)
SPK_FREQ = 5.0  # frequency of the target sine, Hz (original)
SPK_SEED = 0  # seed of default_rng for the weights, encoders and initial voltages
LIF = {"t_ref": 2e-3, "tau_m": 1e-2, "v_reset": -65.0, "v_threshold": -40.0, "v_peak": 30.0, "bias": -40.0,
       "tau_d": 2e-2, "tau_r": 2e-3, "G": 0.04, "Q": 10.0, "p": 0.1}  # s, mV, pA (original page)


def rls_update(P, w, r, error):
    """One step of recursive least squares for a linear readout z = wᵀr.

    With k = P r and c = 1/(1 + rᵀk): P ← P − c k kᵀ and w ← w − c·error·k.
    From P = I/λ and w = 0 this keeps w equal to the ridge-regression
    solution of all samples seen so far.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    P : ndarray of shape (n, n)
        Inverse of λI + Σ r rᵀ of the samples so far (symmetric).
    w : ndarray of shape (n,)
        Readout weights.
    r : ndarray of shape (n,)
        The current rates (the regressors).
    error : float
        The a-priori error wᵀr − target of the current sample.

    Returns
    -------
    P : ndarray of shape (n, n)
        The updated matrix (a new array).
    w : ndarray of shape (n,)
        The updated weights (a new array).
    """
    ### BEGIN SOLUTION
    P, w, r = np.asarray(P, dtype=float), np.asarray(w, dtype=float), np.asarray(r, dtype=float)
    k = P @ r
    c = 1.0 / (1.0 + r @ k)
    return P - c * np.outer(k, k), w - c * error * k
    ### END SOLUTION


def force_step(x, z, w, P, J, w_f, target, dt=DT, learn=True):
    """One Euler step of the FORCE network, then (if ``learn``) one RLS update of its readout.

    The step is x ← x + dt (−x + J tanh(x) + w_f z), with the output z of the
    previous step fed back. Then the new output z = wᵀ tanh(x) is read out and,
    if ``learn``, the readout is updated with rls_update on the rates
    r = tanh(x) and the error z − target. The returned z is the output before
    this update (the one fed back at the next step).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : ndarray of shape (n,)
        Currents (states) of the units.
    z : float
        The network's output at the previous step.
    w : ndarray of shape (n,)
        Readout weights.
    P : ndarray of shape (n, n)
        RLS's inverse correlation matrix.
    J : ndarray of shape (n, n)
        Recurrent weights, J[i, j] from unit j to unit i.
    w_f : ndarray of shape (n,)
        Feedback weights of the output.
    target : float
        The target f at the new time step.
    dt : float
        Euler step, in units of the time constant.
    learn : bool
        Whether to update w and P.

    Returns
    -------
    x : ndarray of shape (n,)
        The new states.
    z : float
        The new output wᵀ tanh(x), with w before the update.
    w : ndarray of shape (n,)
        The readout weights after the step.
    P : ndarray of shape (n, n)
        RLS's matrix after the step.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    x_new = x + dt * (-x + J @ np.tanh(x) + w_f * z)
    r = np.tanh(x_new)
    z_new = float(w @ r)
    if learn:
        P, w = rls_update(P, w, r, z_new - target)
    return x_new, z_new, w, P
    ### END SOLUTION


def scale_spectral_radius(W, rho):
    """The matrix W scaled so that its spectral radius max|eig W| equals ``rho``.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    W : ndarray of shape (n, n)
        A square matrix, not necessarily symmetric.
    rho : float
        The requested spectral radius, > 0.

    Returns
    -------
    ndarray of shape (n, n)
        rho / max|eig W| times W (a new array).
    """
    ### BEGIN SOLUTION
    W = np.asarray(W, dtype=float)
    return W * (rho / np.max(np.abs(np.linalg.eigvals(W))))
    ### END SOLUTION


def four_sines(t, period=TARGET_PERIOD):
    """Sussillo & Abbott's (2009, Fig. 2) target, four harmonics of period ``period`` (in τ), at the times ``t``."""
    phase = 2 * np.pi * np.asarray(t) / period
    return (1.3 * np.sin(phase) + 0.65 * np.sin(2 * phase) + 0.2167 * np.sin(3 * phase)
            + 0.433 * np.sin(4 * phase)) / 1.5


def force_network(n, rng, g=G_CHAOS, p=P_CONNECT):
    """The random network of Sussillo & Abbott: J (sparse, g/√(pn) 𝒩(0, 1) on a fraction p), w_f ~ U(−1, 1),
    x(0) = 0.5 𝒩(0, 1), drawn in this order from ``rng``."""
    J = g * rng.standard_normal((n, n)) * (rng.random((n, n)) < p) / np.sqrt(p * n)
    w_f = rng.uniform(-1.0, 1.0, n)
    x0 = 0.5 * rng.standard_normal(n)
    return J, w_f, x0


def simulate_force(J, w_f, x0, n_before=N_BEFORE, n_train=N_TRAIN, n_test=N_TEST, period=TARGET_PERIOD, dt=DT,
                   alpha=ALPHA, learn_every=LEARN_EVERY, n_record=5):
    """Run force_step from x0, w = 0, P = I/alpha: n_before steps without learning, n_train steps with an RLS
    update every learn_every steps, then n_test steps without learning.

    Returns
    -------
    t : ndarray of shape (n_steps,)
        Times of the steps, in τ (the first step ends at dt).
    z : ndarray of shape (n_steps,)
        The output at every step.
    rates : ndarray of shape (n_steps, n_record)
        tanh(x) of the first n_record units.
    dw : ndarray of shape (n_steps,)
        The length |Δw| of the readout's change at every step.
    """
    n_steps = n_before + n_train + n_test
    t = dt * np.arange(1, n_steps + 1)
    f = four_sines(t, period)
    x, z = np.array(x0, dtype=float), 0.0
    w, P = np.zeros(len(x)), np.eye(len(x)) / alpha
    zs, rates, dw = np.empty(n_steps), np.empty((n_steps, n_record)), np.zeros(n_steps)
    for i in range(n_steps):
        learn = n_before <= i < n_before + n_train and (i - n_before) % learn_every == 0
        x, z, w_new, P = force_step(x, z, w, P, J, w_f, f[i], dt, learn)
        dw[i], w = np.linalg.norm(w_new - w), w_new
        zs[i], rates[i] = z, np.tanh(x[:n_record])
    return t, zs, rates, dw


def esn_states(W, w_in, u, x0):
    """States of an echo-state network x(t+1) = tanh(W x(t) + w_in u(t)) for t = 0 … T−1.

    W may be a stack of matrices (…, n, n) and x0 a stack of initial states (…, n): the copies run in parallel
    (numpy broadcasting of W @ x).

    Returns
    -------
    ndarray of shape (T, …, n)
        x(1) … x(T).
    """
    x = np.asarray(x0, dtype=float)
    states = []
    for u_t in u:
        x = np.tanh((W @ x[..., None])[..., 0] + w_in * u_t)
        states.append(x)
    return np.array(states)


def esn_setup(n=ESN_UNITS, steps=ESN_STEPS, seed=ESN_SEED):
    """The ESN example: W0 ~ 𝒩(0, 1/n), w_in ~ INPUT_SCALE·U(−1, 1), input u ~ U(−1, 1) of ``steps`` steps and two
    initial states ~ U(−1, 1), drawn in this order from default_rng(seed)."""
    rng = np.random.default_rng(seed)
    W0 = rng.standard_normal((n, n)) / np.sqrt(n)
    w_in = INPUT_SCALE * rng.uniform(-1.0, 1.0, n)
    u = rng.uniform(-1.0, 1.0, steps)
    x0 = rng.uniform(-1.0, 1.0, (2, n))
    return W0, w_in, u, x0


def simulate_spiking_force(n, rng, dt=SPK_DT, duration=SPK_DURATION, learn=SPK_LEARN, learn_every=SPK_EVERY,
                           freq=SPK_FREQ, n_record=5):
    """The original page's spiking FORCE (after Nicola & Clopath 2017) with rls_update as the learning rule.

    LIF neurons τ_m dv/dt = −v + I (refractory for t_ref after a spike at v_threshold, then reset to v_reset),
    I = G ω⁰ filtered spikes + Q e z + bias; double-exponential synapses (τ_r, τ_d) filter the spikes into r;
    the output z = φᵀr is fed back through encoders Q e, e ~ U(−1, 1); ω⁰ has 𝒩(0, 1)/(√n p) entries on a fraction
    p, with the mean of every row's nonzero entries removed. RLS from P(0) = 0.1 dt I updates φ every learn_every
    steps between learn[0] and learn[1] with the error z − sin(2π freq t). Drawn from ``rng``: ω⁰, its mask, the
    encoders, the initial voltages (uniform between v_reset and v_peak).

    Returns
    -------
    t : ndarray of shape (n_steps,)
        Times, s.
    z : ndarray of shape (n_steps,)
        Decoded output.
    v : ndarray of shape (n_steps, n_record)
        Membrane potentials of the first n_record neurons, mV, with spikes drawn up to v_peak.
    rate : float
        Mean firing rate over the run, Hz.
    """
    c = LIF
    omega = c["G"] * rng.standard_normal((n, n)) * (rng.random((n, n)) < c["p"]) / (np.sqrt(n) * c["p"])
    nonzero = omega != 0
    omega -= nonzero * (omega.sum(axis=1, keepdims=True) / np.maximum(nonzero.sum(axis=1, keepdims=True), 1))
    encoders = c["Q"] * rng.uniform(-1.0, 1.0, n)
    v = c["v_reset"] + rng.random(n) * (c["v_peak"] - c["v_reset"])
    last_spike = np.full(n, -np.inf)
    current, h, r, hr = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
    phi, P, z = np.zeros(n), 0.1 * dt * np.eye(n), 0.0
    decay_r, decay_d = np.exp(-dt / c["tau_r"]), np.exp(-dt / c["tau_d"])
    n_steps = int(round(duration / dt))
    t = dt * np.arange(n_steps)
    zs, vs, n_spikes = np.empty(n_steps), np.empty((n_steps, n_record)), 0
    for i, now in enumerate(t):
        drive = current + encoders * z + c["bias"]
        v = v + dt * (now > last_spike + c["t_ref"]) * (-v + drive) / c["tau_m"]
        spiking = np.flatnonzero(v >= c["v_threshold"])
        n_spikes += len(spiking)
        current = current * decay_r + h * dt
        h = h * decay_d + omega[:, spiking].sum(axis=1) / (c["tau_r"] * c["tau_d"])
        r = r * decay_r + hr * dt
        hr = hr * decay_d
        hr[spiking] += 1 / (c["tau_r"] * c["tau_d"])
        z = float(phi @ r)
        if learn[0] <= now < learn[1] and i % learn_every == 0:
            P, phi = rls_update(P, phi, r, z - np.sin(2 * np.pi * freq * now))
        vs[i] = v[:n_record]
        vs[i, spiking[spiking < n_record]] = c["v_peak"]
        v[spiking], last_spike[spiking] = c["v_reset"], now
        zs[i] = z
    return t, zs, vs, n_spikes / (n * duration)


# Discovery answers: what a student finds with the functions above.
@functools.cache
def _force_run():
    J, w_f, x0 = force_network(N_UNITS, np.random.default_rng(FORCE_SEED))
    return simulate_force(J, w_f, x0)


def force_test_error():
    """The root-mean-square error of the output against the target over the N_TEST steps after learning
    (simulate_force on force_network(N_UNITS, default_rng(FORCE_SEED)) with the default arguments), divided by
    the standard deviation of the target over the same steps."""
    t, z, _, _ = _force_run()
    test = slice(N_BEFORE + N_TRAIN, None)
    f = four_sines(t[test])
    return float(np.sqrt(np.mean((z[test] - f) ** 2)) / np.std(f))


def final_distances(radii=RADII, input_scale=1.0):
    """Distance between the two copies of the ESN of esn_setup() after ESN_STEPS steps, for W0 scaled to every
    radius in ``radii`` and the input u multiplied by ``input_scale``."""
    W0, w_in, u, x0 = esn_setup()
    W = np.stack([scale_spectral_radius(W0, rho) for rho in radii])[:, None]  # (radii, 1, n, n)
    final = esn_states(W, w_in, input_scale * u, x0)[-1]  # (radii, 2, n)
    return np.linalg.norm(final[:, 0] - final[:, 1], axis=-1)


def critical_radius():
    """The largest spectral radius of RADII for which the two copies of the driven ESN (esn_setup(), input
    scale 1) end closer than CONVERGED."""
    return float(RADII[final_distances() < CONVERGED].max())
