"""Notation and array shapes (section 1.2, 記号の表記).

The original page lists the notation of the course: scalars x (italic), vectors
𝐱 (bold, lower case) that are **column** vectors, matrices 𝐗 (bold, upper case),
ℝⁿ and ℝ^{n×m}, the transpose 𝐗ᵀ, 𝐱 = (x₁, …, xₙ)ᵀ, the identity 𝐈, the vectors
𝟎 and 𝟏, exp and ln, 𝒩(μ, σ²). Its book version maps n presynaptic to m
postsynaptic neurons with W ∈ ℝ^{m×n}, so that 𝐲 = W𝐱. In numpy this course
writes:

- a vector 𝐱 ∈ ℝⁿ as an array of shape (n,), and 𝐲 = W𝐱 as ``w @ x``;
- weights W of shape (n_post, n_pre): W[i, j] is the synapse from presynaptic
  neuron j onto postsynaptic neuron i (a row is what neuron i receives, a column
  what neuron j sends);
- quantities in time as time-first arrays of shape (n_steps, n_neurons), whose
  row t is 𝐱_tᵀ. Applying W to every row is X Wᵀ, ``x @ w.T``, of shape
  (n_steps, n_post);
- the outer product 𝐲𝐱ᵀ of shape (n_post, n_pre), ``np.outer(y, x)`` or
  ``y[:, None] * x[None, :]``; summed over time, Σ_t 𝐲_t𝐱_tᵀ = YᵀX, the
  Hebbian weight change (Hebb 1949; Dayan & Abbott 2001, ch. 8.2);
- stacks of matrices (..., n_post, n_pre), multiplied with ``@``, which
  broadcasts over the leading axes (numpy's matmul).

With a row-vector convention the same product is written ``x @ w`` with W of
shape (n_pre, n_post). Mixing the two conventions with a square matrix raises
no error and silently uses Wᵀ: the original site's BPTT page (section 7.9)
lost the transpose of its recurrent weights this way.

The example network is a layer of coincidence detectors: N_POST neurons, each
receiving binary connections from N_PRE Poisson inputs (in-degrees growing with
the neuron's index), which "fire" in a time step when at least THETA of their
inputs spike in it (McCulloch & Pitts 1943; Abeles 1982 on coincidence
detection).

Original page: https://compneuro-julia.github.io/notation.html (「Juliaで学ぶ計算論的
神経科学」; source ``contents/chap1/notation.md``, later
``contents/introduction/notation.md`` in the site's repository).

References
----------
Dayan, P. & Abbott, L. F. (2001). Theoretical Neuroscience, ch. 7.1 and 8.2.
MIT Press.
Hebb, D. O. (1949). The Organization of Behavior. Wiley.
McCulloch, W. S. & Pitts, W. (1943). A logical calculus of the ideas immanent
in nervous activity. Bull. Math. Biophys. 5, 115–133.
Abeles, M. (1982). Role of the cortical neuron: integrator or coincidence
detector? Isr. J. Med. Sci. 18, 83–92.
Harris, C. R. et al. (2020). Array programming with NumPy. Nature 585, 357–362.
"""

import numpy as np

# The example network (chosen for this notebook; 20 Hz is a typical cortical rate, Dayan & Abbott 2001, ch. 1).
N_PRE = 100  # presynaptic Poisson neurons
N_POST = 100  # postsynaptic coincidence detectors (square on purpose: a transposed W raises no error)
DT = 1.0  # time step, ms
N_STEPS = 1000  # time steps (1 s)
RATE = 20.0  # presynaptic firing rate, Hz
P_MIN, P_MAX = 0.02, 0.3  # connection probability of the first and the last postsynaptic neuron (linear in i)
THETA = 3  # coincident inputs (active connections in one step) at which a postsynaptic neuron fires
SEED = 12  # seed of default_rng that draws the example network


def example_network(seed=SEED):
    """The example network: binary weights, then a presynaptic Poisson raster, drawn from default_rng(seed).

    Postsynaptic neuron i is connected to each presynaptic neuron with probability
    p_i, rising linearly from P_MIN (i = 0) to P_MAX (i = N_POST − 1); each
    presynaptic neuron spikes in each step of DT with probability RATE·DT.

    Returns
    -------
    w : ndarray of shape (N_POST, N_PRE)
        1.0 where presynaptic j connects to postsynaptic i, else 0.0.
    spikes : ndarray of shape (N_STEPS, N_PRE)
        1.0 where presynaptic j spikes in step t, else 0.0.
    """
    rng = np.random.default_rng(seed)
    p = np.linspace(P_MIN, P_MAX, N_POST)
    w = (rng.random((N_POST, N_PRE)) < p[:, None]).astype(float)
    spikes = (rng.random((N_STEPS, N_PRE)) < RATE * DT / 1000.0).astype(float)
    return w, spikes


def synaptic_input(w, spikes):
    """Input to every postsynaptic neuron at every time step, I_i(t) = Σ_j W_ij s_j(t).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (n_post, n_pre)
        Weights, w[i, j] from presynaptic neuron j onto postsynaptic neuron i.
    spikes : ndarray of shape (n_steps, n_pre)
        Presynaptic activity, time first: spikes[t, j] is neuron j's spike
        (1.0 or 0.0) or activity in step t.

    Returns
    -------
    ndarray of shape (n_steps, n_post)
        Row t is W 𝐬_t, the input of every postsynaptic neuron in step t.
    """
    ### BEGIN SOLUTION
    return np.asarray(spikes, dtype=float) @ np.asarray(w, dtype=float).T
    ### END SOLUTION


def hebbian_update(w, post, pre, eta):
    """Hebbian weight change summed over time: W + η Σ_t 𝐲_t 𝐱_tᵀ.

    Each time step adds the outer product of the postsynaptic activity 𝐲_t and
    the presynaptic activity 𝐱_t, so that w[i, j] grows by η for every step in
    which postsynaptic i and presynaptic j are active together.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (n_post, n_pre)
        Weights before the update, w[i, j] from presynaptic j onto postsynaptic i.
    post : ndarray of shape (n_steps, n_post)
        Postsynaptic activity, time first.
    pre : ndarray of shape (n_steps, n_pre)
        Presynaptic activity, time first.
    eta : float
        Learning rate.

    Returns
    -------
    ndarray of shape (n_post, n_pre)
        The updated weights (a new array).
    """
    ### BEGIN SOLUTION
    post, pre = np.asarray(post, dtype=float), np.asarray(pre, dtype=float)
    return np.asarray(w, dtype=float) + eta * post.T @ pre
    ### END SOLUTION


def batched_input(w, spikes):
    """``synaptic_input`` for stacks of networks and rasters, broadcast over the leading axes.

    For every index b of the leading (batch) axes, the result is
    synaptic_input(w[b], spikes[b]); the leading axes of ``w`` and ``spikes``
    broadcast against each other as numpy arrays do (one weight matrix for many
    rasters, many weight matrices for one raster, or one each).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    w : ndarray of shape (..., n_post, n_pre)
        Weight matrices, the last two axes (n_post, n_pre) as in ``synaptic_input``.
    spikes : ndarray of shape (..., n_steps, n_pre)
        Presynaptic rasters, time first in the last two axes.

    Returns
    -------
    ndarray of shape (..., n_steps, n_post)
        The inputs; the leading axes are those of ``w`` and ``spikes`` broadcast.
    """
    ### BEGIN SOLUTION
    return np.asarray(spikes, dtype=float) @ np.swapaxes(np.asarray(w, dtype=float), -1, -2)
    ### END SOLUTION


# Discovery answers: what a student finds with the functions above, computed here with the reference functions;
# tests/test_checks.py holds the checks' expected values to these.
def _output(w, spikes):
    """Output spikes (1.0 or 0.0) of the coincidence detectors, shape (n_steps, n_post)."""
    return (synaptic_input(w, spikes) >= THETA).astype(float)


def output_spikes():
    """The number of output spikes of the example network in its 1 s: entries of the (N_STEPS, N_POST) input
    synaptic_input(w, spikes) of example_network() that are at least THETA."""
    w, spikes = example_network()
    return int(_output(w, spikes).sum())


def causal_fraction():
    """The fraction of the Hebbian weight change ΔW = hebbian_update(0, output, spikes, η = 1) of the example
    network that falls on connected pairs: Σ_ij W_ij ΔW_ij / Σ_ij ΔW_ij, with the output spikes of
    ``output_spikes`` as the postsynaptic activity."""
    w, spikes = example_network()
    change = hebbian_update(np.zeros_like(w), _output(w, spikes), spikes, 1.0)
    return float((w * change).sum() / change.sum())
