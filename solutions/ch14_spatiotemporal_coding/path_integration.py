"""Path integration: position from self-motion (section 14.2, 自己速度積分モデル).

An animal that knows where it started and how fast it moves in which direction knows where it
is: its position is the time integral of its velocity,

    p_t = p_0 + Δt Σ_{s=0}^{t−1} v_s        (p_{t+1} = p_t + v_t Δt),

the dead reckoning of navigators and the path integration of rats, which return to their nest in
the dark (Mittelstaedt & Mittelstaedt 1980; McNaughton et al. 2006). With the velocities of the
trajectory generator of section 14.1 (Raudies & Hasselmo 2012, in the original's 2.2-m box) the sum
reproduces the trajectory to round-off. An integrator fed noisy velocities v_s + ξ_s, with
independent ξ_s ~ 𝒩(0, σ²) in each coordinate, accumulates the errors as a random walk: the error
of each coordinate at time t = nΔt is Δt Σ_{s<n} ξ_s, with mean 0 and variance

    E[e_t²] = n σ² Δt² = σ² Δt · t,

growing linearly in time (diffusion), its standard deviation as √t.

Banino et al. (2018) code the position for a network by N place cells with centres μ_i drawn
uniformly in the box, whose activities are a softmax of Gaussian log-likelihoods,

    c_i(p) = exp(−‖p − μ_i‖²/2σ_c²) / Σ_j exp(−‖p − μ_j‖²/2σ_c²),

(N = 256, σ_c = 0.01 m, as in the original draft), and a position is read back as the
activity-weighted mean of the centres, p̂ = Σ_i c_i μ_i / Σ_i c_i. With σ_c much smaller than
the spacing of the centres the softmax gives almost all activity to the nearest centre (the
fields become the cells of the centres' Voronoi tessellation), and the read-out is quantised;
with σ_c much larger it is pulled towards the middle of the box.

Cueva & Wei (2018) and Banino et al. (2018) trained recurrent networks to integrate velocity
and found grid-like units. Here the continuous-time RNN of section 7.9 (tanh units,
α = Δt/τ = 0.1, h_0 = 0; ``ctrnn_forward``, ``bptt_grad``) receives the velocity v_{t−1} at
step t (x_t = v_{t−1}, the velocity that moved the animal from p_{t−1} to p_t) and is trained,
with the exact BPTT gradient of 7.9 averaged over trajectories and Adam (Kingma & Ba 2015), to
output its displacement from the start, ŷ_t ≈ p_t − p_0. Cueva & Wei's network is of this kind
(tanh rate units, Euler steps of τ/10, a linear read-out of the position with a squared error);
Banino et al. set their network's initial state from the start, which here is added outside.

Corrected from the original draft (precontents/14-2_speed_integrated_model.ipynb of
compneuro-julia/compneuro-julia-management): its RNN is trained with the backward pass of 7.9
(error[t] for error[t − 1] and W_rec for W_recᵀ, a bias gradient summed over all units) and
clips each weight change to ±0.01; here the exact gradient of 7.9's corrected ``bptt_grad``.
Its trajectory generator, also a draft, is replaced by 14.1's ``rat_trajectory``.

Scaled to the course's budget: 16 units and 0.8-s paths (40 steps), 100 Adam updates on mini-batches
of 4 paths, where the original draft trains 100 units on 2-s paths (20 000 paths, 50 epochs); a
longer run is a ``RUN_FULL`` cell of the notebook.

Original: https://compneuro-julia.github.io/ (chapter 14, 時空間の符号化; the draft page
14.2 自己速度積分モデル, precontents/14-2_speed_integrated_model.ipynb).

References
----------
Mittelstaedt, M.-L. & Mittelstaedt, H. (1980). Homing by path integration in a mammal.
Naturwissenschaften 67, 566–567.
McNaughton, B. L., Battaglia, F. P., Jensen, O., Moser, E. I. & Moser, M.-B. (2006). Path integration
and the neural basis of the 'cognitive map'. Nat. Rev. Neurosci. 7, 663–678.
Raudies, F. & Hasselmo, M. E. (2012). Modeling boundary vector cell firing given optic flow as a cue.
PLoS Comput. Biol. 8, e1002553.
Cueva, C. J. & Wei, X.-X. (2018). Emergence of grid-like representations by training recurrent neural
networks to perform spatial localization. ICLR.
Banino, A. et al. (2018). Vector-based navigation using grid-like representations in artificial
agents. Nature 557, 429–433 (Methods: place-cell targets, N = 256, σ = 0.01 m, box 2.2 m).
Kingma, D. P. & Ba, J. (2015). Adam: a method for stochastic optimization. ICLR.
"""

import functools

import numpy as np

from solutions.ch07_learning_rules.bptt_rtrl import ADAM_BETAS, ADAM_EPS, bptt_grad, ctrnn_forward, init_params
# rat_trajectory's defaults, shown in the notebook's parameter cell with it (this section passes box_size=ROOM_SIZE):
from solutions.ch14_spatiotemporal_coding.grid_cells import (BOX_SIZE, DT, PERIMETER, SPEED_SCALE, TURN_SD,  # noqa: F401
                                                             WALL_SLOWDOWN, rat_trajectory)

ROOM_SIZE = 2.2  # side of the square box, m (original draft; Banino et al. 2018)
# A noisy integrator (chosen here): the velocity error of each sample and coordinate has this standard deviation.
VELOCITY_NOISE_SD = 0.1  # m/s
NOISE_STEPS = 500  # samples of the noisy-integration path (10 s)
NOISE_TRIALS = 400  # noisy integrations of that path
NOISE_SEED = 142  # default_rng seed of the path and of the noise
# Place cells (Banino et al. 2018; original draft).
N_PLACE_CELLS = 256  # number of place cells
PLACE_SIGMA = 0.01  # width σ_c of the place cells, m
PLACE_SIGMAS = np.arange(1, 21) / 100  # candidate widths for the decoding question, m (1, 2, …, 20 cm)
N_DECODE = 300  # random positions decoded for the question
PLACE_SEED = 256  # default_rng seed of the centres, then of the decoded positions
# The recurrent network and its training, scaled to the course's budget.
ALPHA = 0.1  # Euler factor Δt/τ of the network (section 7.9: Δt = 1 ms, τ = 10 ms), dimensionless
N_REC = 16  # recurrent units
N_IN, N_OUT = 2, 2  # velocity (v_x, v_y) in, displacement (x, y) out
TRAIN_STEPS = 40  # samples of a training path (0.8 s)
BATCH_SIZE = 4  # paths per Adam update
N_UPDATES = 100  # Adam updates (400 training paths)
LEARNING_RATE = 0.02  # Adam's step size (Kingma & Ba 2015 defaults for the rest, ADAM_BETAS and ADAM_EPS of 7.9)
TEST_PATHS, TEST_STEPS = 50, 80  # test paths, twice as long as the training paths (1.6 s)
INIT_SEED, TRAIN_SEED, TEST_SEED = 7, 8, 9  # default_rng seeds of the weights, training paths, test paths
# The RUN_FULL cell of the notebook: closer to the original draft's network and paths (about a minute).
N_REC_FULL, TRAIN_STEPS_FULL, BATCH_SIZE_FULL, N_UPDATES_FULL = 64, 100, 16, 2000
LEARNING_RATE_FULL = 0.005  # Adam's step size of the longer run


def integrate_velocity(velocities, start, dt=DT):
    """Integrate velocities into positions (dead reckoning).

    p_0 = start and p_t = p_{t−1} + v_{t−1} dt, i.e. p_t = start + dt Σ_{s<t} v_s: the velocity of sample
    t moves the animal from p_t to p_{t+1}, as in ``rat_trajectory`` (the last velocity is not used).
    Leading axes (trials) are allowed and broadcast against those of ``start``.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    velocities : ndarray of shape (..., n_steps, 2)
        Velocity (v_x, v_y) during each time step, m/s.
    start : ndarray of shape (2,) or (..., 2)
        Position at sample 0, m.
    dt : float
        Time step, s.

    Returns
    -------
    positions : ndarray of shape (..., n_steps, 2)
        Positions p_0, …, p_{n_steps−1}, m.
    """
    ### BEGIN SOLUTION
    velocities = np.asarray(velocities, dtype=float)
    increments = np.zeros(velocities.shape)
    increments[..., 1:, :] = velocities[..., :-1, :] * dt  # p_t − p_{t−1} = v_{t−1} dt
    return np.asarray(start, dtype=float)[..., None, :] + np.cumsum(increments, axis=-2)
    ### END SOLUTION


def noisy_integration(velocities, start, noise_sd, n_trials, rng, dt=DT):
    """Integrate velocities read with independent Gaussian errors, many times.

    Each trial integrates v_s + ξ_s (with ``integrate_velocity``) from the same start, where every
    ξ_s is a new draw from 𝒩(0, noise_sd²) for each sample s, coordinate and trial.

    The input arrays must stay unchanged (no in-place updates).
    Every random number is drawn from ``rng``, none from ``np.random``.

    Parameters
    ----------
    velocities : ndarray of shape (n_steps, 2)
        The true velocities, m/s.
    start : ndarray of shape (2,)
        The true start, m.
    noise_sd : float
        Standard deviation σ of the error of each velocity sample and coordinate, m/s.
    n_trials : int
        Number of independent noisy integrations.
    rng : numpy.random.Generator
        Source of the errors.
    dt : float
        Time step, s.

    Returns
    -------
    estimates : ndarray of shape (n_trials, n_steps, 2)
        The integrated positions of each trial, m; estimates[:, 0] equals ``start``.
    """
    ### BEGIN SOLUTION
    noise = rng.normal(0.0, noise_sd, (n_trials,) + np.shape(velocities))
    return integrate_velocity(velocities + noise, start, dt)
    ### END SOLUTION


def integration_error(estimates, positions):
    """Mean squared error of position estimates, per coordinate, at every sample.

    E_t = the mean over trials and over the two coordinates of (estimate − true position)², the
    squared error about the **true** position (not about the mean of the estimates).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    estimates : ndarray of shape (n_trials, n_steps, 2)
        Estimated positions, m.
    positions : ndarray of shape (n_steps, 2)
        True positions, m.

    Returns
    -------
    error : ndarray of shape (n_steps,)
        E_t, m².
    """
    ### BEGIN SOLUTION
    return np.mean((np.asarray(estimates) - positions) ** 2, axis=(0, 2))
    ### END SOLUTION


def place_cell_centres(rng, n_cells=N_PLACE_CELLS, room_size=ROOM_SIZE):
    """Centres of ``n_cells`` place cells drawn uniformly in the box [−room_size/2, room_size/2]², m,
    shape (n_cells, 2) (Banino et al. 2018)."""
    return (rng.random((n_cells, 2)) - 0.5) * room_size


def place_cell_activity(positions, centres, sigma):
    """Softmax-normalised Gaussian place-cell activities (Banino et al. 2018).

    c_i(p) = exp(−‖p − μ_i‖²/2σ²) / Σ_j exp(−‖p − μ_j‖²/2σ²). The function must work for any σ > 0,
    however small: exp(−‖p − μ_i‖²/2σ²) underflows to 0 for every cell when σ is small, so subtract the
    largest exponent of each position from all of its exponents before exponentiating (the ratio does
    not change).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    positions : ndarray of shape (..., 2)
        Positions, m.
    centres : ndarray of shape (n_cells, 2)
        Place-cell centres μ_i, m.
    sigma : float
        Width σ of the place fields, m.

    Returns
    -------
    activity : ndarray of shape (..., n_cells)
        c_i at each position; it sums to 1 over the cells.
    """
    ### BEGIN SOLUTION
    squared = np.sum((np.asarray(positions)[..., None, :] - centres) ** 2, axis=-1)
    exponents = -squared / (2 * sigma ** 2)
    weights = np.exp(exponents - exponents.max(axis=-1, keepdims=True))
    return weights / weights.sum(axis=-1, keepdims=True)
    ### END SOLUTION


def decode_position(activity, centres):
    """Read a position out of place-cell activities: the activity-weighted mean of the centres.

    p̂ = Σ_i a_i μ_i / Σ_i a_i, for any non-negative activities a (not necessarily summing to 1).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    activity : ndarray of shape (..., n_cells)
        Non-negative activities, not all 0.
    centres : ndarray of shape (n_cells, 2)
        Place-cell centres, m.

    Returns
    -------
    positions : ndarray of shape (..., 2)
        Decoded positions, m.
    """
    ### BEGIN SOLUTION
    activity = np.asarray(activity, dtype=float)
    return activity @ centres / activity.sum(axis=-1, keepdims=True)
    ### END SOLUTION


def path_integration_task(n_paths, n_steps, rng, room_size=ROOM_SIZE):
    """Inputs and targets of the path-integration network, from ``rat_trajectory`` paths.

    The input at step t is the velocity that moved the animal from p_{t−1} to p_t, x_t = v_{t−1}
    (x_0 = 0: ``ctrnn_forward`` does not use it), and the target is the displacement from the start,
    y_t = p_t − p_0 (y_0 = 0, which the network's ŷ_0 = W_out h_0 = 0 matches).

    Returns
    -------
    inputs : ndarray of shape (n_paths, n_steps, 2)
        Velocities, m/s.
    targets : ndarray of shape (n_paths, n_steps, 2)
        Displacements, m.
    """
    inputs, targets = np.zeros((n_paths, n_steps, 2)), np.empty((n_paths, n_steps, 2))
    for k in range(n_paths):
        positions, velocities = rat_trajectory(n_steps, rng, box_size=room_size)
        inputs[k, 1:] = velocities[:-1]
        targets[k] = positions - positions[0]
    return inputs, targets


def batch_grad(w_in, w_rec, w_out, b, inputs, targets, alpha=ALPHA):
    """The gradient of the mean loss over a batch of trials, from ``bptt_grad`` of section 7.9.

    The batch loss is the mean over trials k of the loss of section 7.9,
    L = (1/K) Σ_k ½ Σ_t ‖ŷ_t^(k) − y_t^(k)‖², so its gradient is the mean of the trials' gradients.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w_in, w_rec, w_out, b : ndarray
        The network's parameters, shapes as in ``ctrnn_forward``: (n_rec, n_in), (n_rec, n_rec),
        (n_out, n_rec), (n_rec,).
    inputs : ndarray of shape (n_trials, T, n_in)
        The input of each trial.
    targets : ndarray of shape (n_trials, T, n_out)
        The target output of each trial.
    alpha : float
        Δt/τ.

    Returns
    -------
    g_in, g_rec, g_out, g_b : ndarray
        ∂L/∂W_in, ∂L/∂W_rec, ∂L/∂W_out, ∂L/∂b of the batch loss, shapes as the parameters.
    """
    ### BEGIN SOLUTION
    per_trial = [bptt_grad(w_in, w_rec, w_out, b, x, y, alpha) for x, y in zip(inputs, targets)]
    return tuple(np.mean(grads, axis=0) for grads in zip(*per_trial))
    ### END SOLUTION


def network_outputs(params, inputs, alpha=ALPHA):
    """The outputs ŷ of the network (w_in, w_rec, w_out, b) for each trial, shape (n_trials, T, n_out)."""
    return np.array([ctrnn_forward(*params, x, alpha)[2] for x in inputs])


def train_path_integrator(params, inputs, targets, batch_size=BATCH_SIZE, lr=LEARNING_RATE, alpha=ALPHA):
    """Train with Adam (Kingma & Ba 2015) on consecutive mini-batches of ``batch_size`` trials, one update
    each, with ``batch_grad``.

    Returns
    -------
    params : list of ndarray
        The trained (w_in, w_rec, w_out, b).
    losses : ndarray of shape (n_trials // batch_size,)
        The mean loss of each mini-batch before its update.
    """
    params = [np.array(p, dtype=float) for p in params]
    first, second = [np.zeros_like(p) for p in params], [np.zeros_like(p) for p in params]
    (beta1, beta2), n_updates = ADAM_BETAS, len(inputs) // batch_size
    losses = np.empty(n_updates)
    for k in range(1, n_updates + 1):
        x, y = inputs[(k - 1) * batch_size:k * batch_size], targets[(k - 1) * batch_size:k * batch_size]
        losses[k - 1] = 0.5 * np.sum((network_outputs(params, x, alpha) - y) ** 2) / len(x)
        for p, g, m, v in zip(params, batch_grad(*params, x, y, alpha), first, second):
            m[...] = beta1 * m + (1 - beta1) * g
            v[...] = beta2 * v + (1 - beta2) * g * g
            p -= lr * (m / (1 - beta1 ** k)) / (np.sqrt(v / (1 - beta2 ** k)) + ADAM_EPS)
    return params, losses


@functools.cache
def _training_run():
    """The notebook's run: N_UPDATES updates from init_params(default_rng(INIT_SEED), N_REC, 2, 2) on
    N_UPDATES · BATCH_SIZE paths of TRAIN_STEPS samples from default_rng(TRAIN_SEED)."""
    params = init_params(np.random.default_rng(INIT_SEED), N_REC, N_IN, N_OUT)
    inputs, targets = path_integration_task(N_UPDATES * BATCH_SIZE, TRAIN_STEPS, np.random.default_rng(TRAIN_SEED))
    return train_path_integrator(params, inputs, targets)


# Discovery answers: what a student finds with the functions above.
def best_place_sigma():
    """Among PLACE_SIGMAS (1, 2, …, 20 cm), the width σ_c, in cm, whose place cells decode best: the smallest
    root-mean-square distance ‖decode_position(place_cell_activity(p, centres, σ_c), centres) − p‖ over N_DECODE
    positions p uniform in the box, with rng = default_rng(PLACE_SEED), centres = place_cell_centres(rng), then
    p = (rng.random((N_DECODE, 2)) − 0.5) · ROOM_SIZE."""
    rng = np.random.default_rng(PLACE_SEED)
    centres = place_cell_centres(rng)
    positions = (rng.random((N_DECODE, 2)) - 0.5) * ROOM_SIZE
    rms = [np.sqrt(np.mean(np.sum((decode_position(place_cell_activity(positions, centres, s), centres)
                                   - positions) ** 2, axis=-1))) for s in PLACE_SIGMAS]
    return float(100 * PLACE_SIGMAS[np.argmin(rms)])


def rnn_test_error():
    """The trained network's root-mean-square position error ‖ŷ_t − y_t‖, in cm, at the last sample (1.58 s)
    of the TEST_PATHS test paths of TEST_STEPS samples (path_integration_task with default_rng(TEST_SEED)),
    twice as long as the training paths."""
    params, _ = _training_run()
    inputs, targets = path_integration_task(TEST_PATHS, TEST_STEPS, np.random.default_rng(TEST_SEED))
    error = network_outputs(params, inputs)[:, -1] - targets[:, -1]
    return float(100 * np.sqrt(np.mean(np.sum(error ** 2, axis=-1))))
