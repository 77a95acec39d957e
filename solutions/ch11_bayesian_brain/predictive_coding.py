"""Hierarchical predictive coding (section 11.3, 予測符号化; Rao & Ballard 1999).

Each level of a hierarchy predicts the activity of the level below through
feedback weights, and only the errors of those predictions are sent forward.
With two levels of causes r₁ (n₁ units) and r₂ (n₂ units) for an image patch
x (n_pixels), and the errors

    e₀ = x − U₁ r₁        (the image against the prediction of level 1),
    e₁ = r₁ − U₂ r₂       (level 1 against the prediction of level 2),

inference and learning both descend the energy (the negative log posterior,
up to constants; all noise variances are 1 here)

    E = ½ ‖e₀‖² + ½ ‖e₁‖² + α Σ log(1 + r₁²) + ½ ‖r₂‖².

The sparse (Cauchy-like) prior α Σ log(1 + r₁²) is Rao & Ballard's kurtotic
prior; the Gaussian prior ½‖r₂‖² keeps the top level bounded. Inference
moves the responses down the gradient,

    r₁ ← r₁ + k (U₁ᵀ e₀ − e₁ − 2α r₁/(1 + r₁²)),
    r₂ ← r₂ + k (U₂ᵀ e₁ − r₂),

so each level is driven by the error below it (bottom-up) and corrected by
the error it makes itself (top-down). With α = 0 the energy is quadratic and
the fixed point is the regularised least-squares (MAP) estimate in closed
form. Learning is Hebbian between errors and responses, U₁ ← U₁ + η ⟨e₀ r₁ᵀ⟩
and U₂ ← U₂ + η ⟨e₁ r₂ᵀ⟩; each column is then scaled back to unit length, as
in sparse coding, in place of Rao & Ballard's weight decay (which leaves the
scale of U against r to drift).

References
----------
Rao, R. P. N. & Ballard, D. H. (1999). Predictive coding in the visual cortex:
a functional interpretation of some extra-classical receptive-field effects.
Nature Neuroscience 2, 79–87.
Bogacz, R. (2017). A tutorial on the free-energy framework for modelling
perception and learning. Journal of Mathematical Psychology 76, 198–211.
"""

import functools

import numpy as np

# The images and patches of section 11.2 (photographs, whiten and natural_images are given to the notebook from there).
from solutions.ch11_bayesian_brain.sparse_coding import (  # noqa: F401
    PATCH_SIZE, natural_images, photographs, random_dictionary, sample_patches, whiten)

N_LEVEL1 = 64  # units of level 1
N_LEVEL2 = 32  # units of level 2
SPARSITY = 0.5  # α of the sparse prior on level 1
RATE = 0.1  # k, the step of inference
N_STEPS = 50  # inference steps per batch while learning
LEARNING_RATE = 2.0
BATCH_SIZE = 100
N_BATCHES = 400


def prediction_errors(x, r1, r2, u1, u2):
    """The prediction errors of both levels.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : ndarray of shape (batch, n_pixels)
        Image patches.
    r1 : ndarray of shape (batch, n1)
        Responses of level 1.
    r2 : ndarray of shape (batch, n2)
        Responses of level 2.
    u1 : ndarray of shape (n_pixels, n1)
        Feedback weights from level 1 to the image (its basis functions as columns).
    u2 : ndarray of shape (n1, n2)
        Feedback weights from level 2 to level 1.

    Returns
    -------
    e0 : ndarray of shape (batch, n_pixels)
        x − U₁ r₁ for every patch.
    e1 : ndarray of shape (batch, n1)
        r₁ − U₂ r₂.
    """
    ### BEGIN SOLUTION
    return x - r1 @ u1.T, r1 - r2 @ u2.T
    ### END SOLUTION


def pc_inference_step(x, r1, r2, u1, u2, rate=RATE, sparsity=SPARSITY):
    """One gradient step of the responses down the energy.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x, r1, r2, u1, u2 : ndarray
        As in :func:`prediction_errors`; not modified.
    rate : float
        k, the step size.
    sparsity : float
        α of the sparse prior on r₁ (0: no prior beyond the top-down prediction).

    Returns
    -------
    r1 : ndarray of shape (batch, n1)
        r₁ + k (U₁ᵀ e₀ − e₁ − 2α r₁/(1 + r₁²)).
    r2 : ndarray of shape (batch, n2)
        r₂ + k (U₂ᵀ e₁ − r₂).
    """
    ### BEGIN SOLUTION
    e0, e1 = prediction_errors(x, r1, r2, u1, u2)
    new_r1 = r1 + rate * (e0 @ u1 - e1 - 2 * sparsity * r1 / (1 + r1**2))
    new_r2 = r2 + rate * (e1 @ u2 - r2)
    return new_r1, new_r2
    ### END SOLUTION


def pc_learning_step(x, r1, r2, u1, u2, learning_rate=LEARNING_RATE):
    """One Hebbian learning step of both feedback weights, then unit-length columns.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x, r1, r2, u1, u2 : ndarray
        As in :func:`prediction_errors`; the responses are those inferred for x.
    learning_rate : float
        η.

    Returns
    -------
    u1 : ndarray of shape (n_pixels, n1)
        U₁ + η ⟨e₀ r₁ᵀ⟩ over the batch, columns scaled to unit length.
    u2 : ndarray of shape (n1, n2)
        U₂ + η ⟨e₁ r₂ᵀ⟩, columns scaled to unit length.
    """
    ### BEGIN SOLUTION
    e0, e1 = prediction_errors(x, r1, r2, u1, u2)
    u1 = u1 + learning_rate * e0.T @ r1 / len(x)
    u2 = u2 + learning_rate * e1.T @ r2 / len(x)
    return u1 / np.linalg.norm(u1, axis=0), u2 / np.linalg.norm(u2, axis=0)
    ### END SOLUTION


def pc_energy(x, r1, r2, u1, u2, sparsity=SPARSITY):
    """E = ½‖e₀‖² + ½‖e₁‖² + α Σ log(1 + r₁²) + ½‖r₂‖², averaged over the batch."""
    e0, e1 = prediction_errors(x, r1, r2, u1, u2)
    per_patch = (0.5 * np.sum(e0**2, axis=1) + 0.5 * np.sum(e1**2, axis=1)
                 + sparsity * np.sum(np.log1p(r1**2), axis=1) + 0.5 * np.sum(r2**2, axis=1))
    return float(np.mean(per_patch))


def pc_infer(x, u1, u2, n_steps=N_STEPS, rate=RATE, sparsity=SPARSITY):
    """Inference from zero responses.

    Returns
    -------
    r1 : ndarray of shape (batch, n1)
    r2 : ndarray of shape (batch, n2)
    energies : ndarray of shape (n_steps + 1,)
        The energy before the first step and after each one.
    """
    r1, r2 = np.zeros((len(x), u1.shape[1])), np.zeros((len(x), u2.shape[1]))
    energies = [pc_energy(x, r1, r2, u1, u2, sparsity)]
    for _ in range(n_steps):
        r1, r2 = pc_inference_step(x, r1, r2, u1, u2, rate, sparsity)
        energies.append(pc_energy(x, r1, r2, u1, u2, sparsity))
    return r1, r2, np.array(energies)


def learn_pc(rng, images, n_batches=N_BATCHES):
    """Alternate inference (N_STEPS steps) and learning on batches of image patches.

    Returns
    -------
    u1 : ndarray of shape (PATCH_SIZE², N_LEVEL1)
    u2 : ndarray of shape (N_LEVEL1, N_LEVEL2)
    energies : ndarray of shape (n_batches,)
        The energy of each batch after inference, before learning.
    """
    u1, u2 = random_dictionary(rng, PATCH_SIZE**2, N_LEVEL1), random_dictionary(rng, N_LEVEL1, N_LEVEL2)
    energies = np.empty(n_batches)
    for batch in range(n_batches):
        x = sample_patches(rng, images, BATCH_SIZE)
        r1, r2 = np.zeros((BATCH_SIZE, N_LEVEL1)), np.zeros((BATCH_SIZE, N_LEVEL2))
        for _ in range(N_STEPS):
            r1, r2 = pc_inference_step(x, r1, r2, u1, u2)
        energies[batch] = pc_energy(x, r1, r2, u1, u2)
        u1, u2 = pc_learning_step(x, r1, r2, u1, u2)
    return u1, u2, energies


def error_fraction():
    """The fraction of the image power left in the prediction error after inference with the learned weights:
    Σ‖e₀‖² / Σ‖x‖² over 1000 new patches (sample_patches with default_rng(2)), after N_STEPS inference steps from
    zero with the weights of the notebook's Figure 2 (learn_pc(default_rng(1), images))."""
    return _learned_error_fraction()


@functools.lru_cache(maxsize=1)
def _learned_error_fraction():
    """error_fraction, computed once per process (learning takes most of a minute)."""
    images = natural_images()
    u1, u2, _ = learn_pc(np.random.default_rng(1), images)
    x = sample_patches(np.random.default_rng(2), images, 1000)
    r1, r2, _ = pc_infer(x, u1, u2)
    e0, _ = prediction_errors(x, r1, r2, u1, u2)
    return float(np.sum(e0**2) / np.sum(x**2))
