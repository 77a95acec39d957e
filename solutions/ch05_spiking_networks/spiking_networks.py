"""Networks of spiking neurons (chapter 5, 神経回路網の構築 (Spikingモデル)).

Connections, delays and two random networks:

* a random (Erdős–Rényi) connectivity matrix of shape (n_post, n_pre), every
  synapse present with probability p, so that every neuron's in-degree is
  Binomial(n_pre, p);
* a transmission delay as a ring buffer of round(delay/dt) slots: what is
  written at step k is read at step k + round(delay/dt);
* Brunel's (2000) model A, a sparse random network of excitatory and inhibitory
  leaky integrate-and-fire neurons with delta synapses, a delay D and external
  Poisson input, scaled down here (N_E = 2000 instead of 10 000, C_E = 200
  instead of 1000 with J five times larger, so that J·C_E and the threshold
  rate ν_thr = θ/(J C_E τ) are Brunel's);
* the 1000-neuron network of Izhikevich (2003), 800 regular-spiking excitatory
  and 200 fast-spiking inhibitory neurons driven by random thalamic input, whose
  raster shows population rhythms.

Model A of Brunel (2000): between input spikes τ dV/dt = −V, an excitatory
spike arriving raises V by J, an inhibitory one lowers it by gJ; at V ≥ θ the
neuron spikes, is reset to V_r and is refractory (held at V_r, inputs lost) for
τ_rp. Every spike reaches its targets D later. Each neuron also receives
C_E external excitatory Poisson inputs of rate ν_ext = η ν_thr.

References
----------
Brunel, N. (2000). Dynamics of sparsely connected networks of excitatory and
inhibitory spiking neurons. J. Comput. Neurosci. 8, 183–208 (model A, Fig. 8).
Izhikevich, E. M. (2003). Simple model of spiking neurons. IEEE Trans. Neural
Netw. 14, 1569–1572 (the MATLAB network of its Fig. 3).
Original pages: https://compneuro-julia.github.io/network-building/network-connection.html
(DelayConnection) and https://compneuro-julia.github.io/network-building/building-random-network.html
(the Izhikevich network), 「Juliaで学ぶ計算論的神経科学」.
"""

import functools

import numpy as np

# The original page's delay demonstration (network-connection): two current-based LIF neurons.
DEMO_DT = 0.1  # time step, ms
DEMO_DELAY = 2.0  # delay from neuron 1 to neuron 2, ms
DEMO_DURATION = 50.0  # ms
DEMO_TAU = (10.0, 100.0)  # membrane time constants of neurons 1 and 2, ms
DEMO_INPUT = 2.0  # constant input of neuron 1 (threshold 1, rest and reset 0), dimensionless
DEMO_KICK = 0.2  # jump of neuron 2 per delayed spike (the page's 0.02/dt · spike through dt/τ₂)

# Brunel (2000), model A, Table/Fig. 8 values; network scaled down (see the module docstring).
TAU_M = 20.0  # membrane time constant τ, ms
THETA = 20.0  # threshold θ, mV (above rest at 0)
V_RESET = 10.0  # reset V_r, mV
T_REF = 2.0  # refractory period τ_rp, ms
DELAY = 1.5  # transmission delay D, ms
N_E, N_I = 2000, 500  # excitatory and inhibitory neurons (Brunel: 10 000 and 2500)
EPSILON = 0.1  # connection probability ε (Brunel), so C_E = ε N_E = 200 on average (Brunel: 1000)
J = 0.5  # EPSP amplitude, mV (Brunel: 0.1 with C_E = 1000; J·C_E = 100 mV is kept)
G = 8.0  # relative strength of inhibition g (IPSP = −gJ)
ETA = 2.0  # external rate in units of the threshold rate, ν_ext = η ν_thr
NU_THR = THETA / (J * EPSILON * N_E * TAU_M)  # rate that brings the mean input to θ, 1/ms
NU_EXT = ETA * NU_THR  # rate of each of the C_E external inputs, 1/ms
DT = 0.1  # time step, ms
DURATION = 500.0  # simulated time, ms
TRANSIENT = 100.0  # discarded at the start, ms
BRUNEL_SEED = 0  # seed of default_rng for the connectivity, the initial potentials and the external input

# Izhikevich (2003): 800 excitatory and 200 inhibitory neurons, 1000 ms in 1-ms steps.
IZ_NE, IZ_NI = 800, 200
IZ_STEPS = 1000  # ms
IZ_SEED = 2003  # seed of default_rng for the parameters, weights and thalamic input
IZ_V_PEAK = 30.0  # mV


def random_connectivity(n_post, n_pre, p, rng):
    """A random (Erdős–Rényi) connectivity matrix.

    Every entry is True (a synapse from presynaptic neuron j onto postsynaptic
    neuron i) independently with probability ``p``, so that the in-degree of
    every neuron (the sum of its row) is Binomial(n_pre, p) and the out-degree
    (the sum of a column) Binomial(n_post, p).

    Every random number is drawn from ``rng``, none from ``np.random``.

    Parameters
    ----------
    n_post, n_pre : int
        Numbers of postsynaptic and presynaptic neurons.
    p : float
        Connection probability, in [0, 1].
    rng : numpy.random.Generator
        The generator to draw from.

    Returns
    -------
    ndarray of bool, shape (n_post, n_pre)
        ``C[i, j]`` is True when neuron j projects onto neuron i.
    """
    ### BEGIN SOLUTION
    return rng.random((n_post, n_pre)) < p
    ### END SOLUTION


def delay_line(x, delay, dt):
    """Pass a signal through a delay line implemented as a ring buffer.

    The buffer has ``n_delay = round(delay / dt)`` slots (of the shape of one
    row of ``x``), all zero at the start. At step k the slot ``k % n_delay`` holds
    what was written ``n_delay`` steps earlier: read it as the output of step k,
    then write ``x[k]`` into it. So ``y[k] = x[k − n_delay]`` for
    ``k ≥ n_delay`` and ``y[k] = 0`` before.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : ndarray of shape (n_steps, n)
        The input at each step (e.g. spikes as 0/1), time along axis 0.
    delay : float
        The delay in ms, at least ``dt``.
    dt : float
        The time step in ms.

    Returns
    -------
    ndarray of float, shape (n_steps, n)
        The delayed signal.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    n_delay = round(delay / dt)  # int() would truncate 0.7 / 0.1 = 6.999999999999999 to 6
    buffer = np.zeros((n_delay,) + x.shape[1:])
    y = np.empty_like(x)
    for k in range(len(x)):
        slot = k % n_delay
        y[k] = buffer[slot]  # written n_delay steps ago
        buffer[slot] = x[k]
    return y
    ### END SOLUTION


def simulate_brunel(W, ext, v0, dt):
    """Simulate Brunel's model A: LIF neurons with delta synapses and a delay.

    With ``n_delay = round(DELAY / dt)`` and ``n_ref = round(T_REF / dt)``, at
    every step k:

    1. ``arriving`` is ``W[:, s].sum(axis=1)`` for the neurons ``s`` that spiked
       at step k − n_delay (zero for k < n_delay), read from a ring buffer of
       n_delay slots as in ``delay_line``;
    2. a refractory neuron (steps left > 0) stays at ``V_RESET`` and its steps
       left decrease by one (its inputs are lost); every other neuron takes
       v ← v·exp(−dt/TAU_M) + arriving + ext[k];
    3. neurons with v ≥ ``THETA`` spike at step k: v ← ``V_RESET``, steps left
       ← n_ref (so they integrate again at step k + n_ref + 1).

    The state before step 0 is ``v0``, with no neuron refractory and no spike
    in the buffer. Sum only the columns of the neurons that spiked: a full
    product ``W @ spikes`` per step is many times slower.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    W : ndarray of shape (n, n)
        Jump of the postsynaptic potential in mV per presynaptic spike,
        ``W[post, pre]`` (J for excitatory, −gJ for inhibitory synapses).
    ext : ndarray of shape (n_steps, n)
        External input in mV at each step (J times the number of external
        spikes arriving at each neuron).
    v0 : ndarray of shape (n,)
        Membrane potentials before the first step, mV.
    dt : float
        Time step in ms; ``DELAY`` and ``T_REF`` are whole multiples of it.

    Returns
    -------
    ndarray of bool, shape (n_steps, n)
        ``spikes[k, i]`` is True when neuron i spiked at step k.
    """
    ### BEGIN SOLUTION
    ext = np.asarray(ext)
    n_delay, n_ref = round(DELAY / dt), round(T_REF / dt)
    decay = np.exp(-dt / TAU_M)
    buffer = np.zeros((n_delay, len(v0)))
    v = np.array(v0, dtype=float)
    steps_left = np.zeros(len(v0), dtype=int)
    spikes = np.zeros(ext.shape, dtype=bool)
    for k in range(len(ext)):
        slot = k % n_delay
        refractory = steps_left > 0
        v = np.where(refractory, V_RESET, v * decay + buffer[slot] + ext[k])
        steps_left = np.where(refractory, steps_left - 1, 0)
        spiked = v >= THETA
        v[spiked] = V_RESET
        steps_left[spiked] = n_ref
        spikes[k] = spiked
        buffer[slot] = W[:, spiked].sum(axis=1)  # arrives at step k + n_delay
    return spikes
    ### END SOLUTION


def izhikevich_network(S, a, b, c, d, thalamic):
    """Simulate the network of Izhikevich (2003) in steps of 1 ms, as his MATLAB code does.

    Every neuron follows dv/dt = 0.04 v² + 5 v + 140 − u + I, du/dt = a (b v − u),
    with v ← c, u ← u + d after a spike (v ≥ 30 mV). Start from v = −65 mV and
    u = b v. At every step k (1 ms):

    1. the neurons with v ≥ 30 spike at step k; set their v to c and add d to u;
    2. I = thalamic[k] + ``S[:, fired].sum(axis=1)``, the weights of the neurons
       that fired at this step;
    3. v ← v + 0.5 (0.04 v² + 5 v + 140 − u + I), twice (two half-steps of
       0.5 ms with the same u and I);
    4. u ← u + a (b v − u), with the new v.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    S : ndarray of shape (n, n)
        Synaptic weights ``S[post, pre]`` (positive from excitatory neurons,
        negative from inhibitory ones), added to I in mV/ms.
    a, b, c, d : ndarray of shape (n,)
        The parameters of each neuron.
    thalamic : ndarray of shape (n_steps, n)
        The random thalamic input at each step.

    Returns
    -------
    ndarray of bool, shape (n_steps, n)
        ``spikes[k, i]`` is True when neuron i fired at step k (time k ms).
    """
    ### BEGIN SOLUTION
    thalamic = np.asarray(thalamic, dtype=float)
    v = np.full(len(a), -65.0)
    u = b * v
    spikes = np.zeros(thalamic.shape, dtype=bool)
    for k in range(len(thalamic)):
        fired = v >= IZ_V_PEAK
        spikes[k] = fired
        v = np.where(fired, c, v)
        u = np.where(fired, u + d, u)
        current = thalamic[k] + S[:, fired].sum(axis=1)
        v = v + 0.5 * (0.04 * v**2 + 5 * v + 140 - u + current)
        v = v + 0.5 * (0.04 * v**2 + 5 * v + 140 - u + current)
        u = u + a * (b * v - u)
    return spikes
    ### END SOLUTION


def brunel_network(rng, n_e=N_E, n_i=N_I, duration=DURATION, dt=DT):
    """The scaled model-A network: weights, external input and initial potentials, drawn from ``rng``.

    In this order: the connectivity (every entry True with probability EPSILON, drawn as
    ``rng.random((n, n)) < EPSILON`` the way random_connectivity does, so that every correct notebook
    simulates the same network), the initial potentials uniform in [0, θ), and the external input
    J·Poisson(C_E ν_ext dt) for every step and neuron, from C_E = EPSILON·n_e external synapses of rate
    NU_EXT each (float32, exact for these multiples of J). W is Fortran-ordered so that its columns are
    contiguous: summing the columns of the neurons that spiked is then fast.

    Returns
    -------
    W : ndarray of shape (n, n), float32
        Jumps in mV, ``W[post, pre]``: J from the first n_e neurons, −gJ from the others.
    ext : ndarray of shape (n_steps, n), float32
        External input in mV.
    v0 : ndarray of shape (n,)
        Initial potentials, mV.
    """
    n = n_e + n_i
    conn = np.asfortranarray(rng.random((n, n)) < EPSILON)
    W = conn * np.where(np.arange(n) < n_e, J, -G * J).astype(np.float32)
    v0 = rng.uniform(0.0, THETA, n)
    n_steps = round(duration / dt)
    mean_count = EPSILON * n_e * NU_EXT * dt  # external spikes per neuron and step
    # Independent Poisson(mean_count) counts for every step and neuron: the total number of external spikes is
    # Poisson, and each falls on a uniformly random (step, neuron) entry (the splitting property of the Poisson
    # process). Several times faster than one Poisson draw per entry.
    # Drawn in chunks of 1000 steps to keep the integer counts small in memory.
    ext = np.empty((n_steps, n), dtype=np.float32)
    for start in range(0, n_steps, 1000):
        size = ext[start:start + 1000].size
        counts = np.bincount(rng.integers(0, size, rng.poisson(mean_count * size)), minlength=size)
        ext[start:start + 1000] = (J * counts).reshape(-1, n)
    return W, ext, v0


def izhikevich_parameters(rng, n_e=IZ_NE, n_i=IZ_NI, n_steps=IZ_STEPS):
    """Izhikevich's (2003) random network, drawn from ``rng`` in the order of his MATLAB code.

    Excitatory (regular spiking with some bursting): a = 0.02, b = 0.2, c = −65 + 15 r²,
    d = 8 − 6 r²; inhibitory (fast spiking with some low-threshold spiking): a = 0.02 + 0.08 r,
    b = 0.25 − 0.05 r, c = −65, d = 2; S = [0.5 U(0, 1) from excitatory, −U(0, 1) from inhibitory];
    thalamic input 5 𝒩(0, 1) to excitatory and 2 𝒩(0, 1) to inhibitory neurons at every 1-ms step.

    Returns
    -------
    S : ndarray of shape (n, n)
    a, b, c, d : ndarray of shape (n,)
    thalamic : ndarray of shape (n_steps, n)
    """
    r_e, r_i = rng.random(n_e), rng.random(n_i)
    a = np.r_[np.full(n_e, 0.02), 0.02 + 0.08 * r_i]
    b = np.r_[np.full(n_e, 0.2), 0.25 - 0.05 * r_i]
    c = np.r_[-65 + 15 * r_e**2, np.full(n_i, -65.0)]
    d = np.r_[8 - 6 * r_e**2, np.full(n_i, 2.0)]
    S = np.hstack([0.5 * rng.random((n_e + n_i, n_e)), -rng.random((n_e + n_i, n_i))])
    thalamic = np.hstack([5 * rng.standard_normal((n_steps, n_e)), 2 * rng.standard_normal((n_steps, n_i))])
    return S, a, b, c, d, thalamic


def isi_cvs(spikes, min_spikes=5):
    """The coefficient of variation of the inter-spike intervals of every neuron with at least
    ``min_spikes`` spikes in a raster of shape (n_steps, n)."""
    cvs = []
    for column in np.asarray(spikes).T:
        times = np.flatnonzero(column)
        if len(times) >= min_spikes:
            intervals = np.diff(times)
            cvs.append(intervals.std() / intervals.mean())
    return np.array(cvs)


def population_spectrum(spikes, dt=1.0):
    """Power spectrum of a population's spike count (mean removed) per bin of ``dt`` ms.

    Returns
    -------
    freqs : ndarray
        Frequencies in Hz.
    power : ndarray
        |FFT|² of the count.
    """
    count = np.asarray(spikes).sum(axis=1).astype(float)
    freqs = np.fft.rfftfreq(len(count), dt / 1000.0)
    return freqs, np.abs(np.fft.rfft(count - count.mean())) ** 2


# Discovery answers, computed with the reference functions (tests/test_checks.py holds the checks to them).
@functools.cache
def _brunel_spikes():
    W, ext, v0 = brunel_network(np.random.default_rng(BRUNEL_SEED))
    return simulate_brunel(W, ext, v0, DT)


def network_rate():
    """The mean firing rate, in Hz, of the excitatory neurons of the scaled Brunel network
    (``brunel_network(np.random.default_rng(BRUNEL_SEED))``), counted after the first ``TRANSIENT`` ms."""
    spikes = _brunel_spikes()[round(TRANSIENT / DT):, :N_E]
    return float(spikes.mean() / (DT / 1000.0))


@functools.cache
def _izhikevich_spikes():
    return izhikevich_network(*izhikevich_parameters(np.random.default_rng(IZ_SEED)))


def rhythm_frequency():
    """The frequency in Hz (to the 1-Hz resolution of a 1-s run) at which the power spectrum of the
    excitatory population's spike count per 1-ms step, mean removed, is largest, in the Izhikevich
    network of ``izhikevich_parameters(np.random.default_rng(IZ_SEED))``."""
    freqs, power = population_spectrum(_izhikevich_spikes()[:, :IZ_NE])
    return float(freqs[np.argmax(power)])
