"""Sparse coding of natural images (section 11.2, スパース符号化; Olshausen & Field 1996).

An image patch x (n_pixels,) is explained as a sparse combination of basis
functions, the columns of Φ (n_pixels, n_units): the code a minimises

    E(a) = ½ ‖x − Φ a‖² + λ ‖a‖₁,

a reconstruction error plus a cost on activity. E is convex in a; its minimum
is found by ISTA (iterative shrinkage-thresholding, Daubechies et al. 2004), a
gradient step on the error followed by soft thresholding,

    a ← S_{λ/L}(a + Φᵀ(x − Φ a)/L),   S_θ(u) = sign(u) max(|u| − θ, 0),

with L the largest eigenvalue of ΦᵀΦ; the locally competitive algorithm (LCA,
Rozell et al. 2008) is a neural-network version of the same dynamics. A
non-negative code (firing rates) thresholds with max(u − θ, 0) instead.

Learning descends E in Φ for the inferred codes, averaged over a batch,
Φ ← Φ + η (x − Φ a) aᵀ, and renormalises each basis function to unit length
(otherwise Φ grows and a shrinks without bound). Trained on whitened
natural-image patches, the basis functions become localised, oriented and
band-pass, like the receptive fields of simple cells in V1.

References
----------
Olshausen, B. A. & Field, D. J. (1996). Emergence of simple-cell receptive
field properties by learning a sparse code for natural images. Nature 381,
607–609.
Daubechies, I., Defrise, M. & De Mol, C. (2004). An iterative thresholding
algorithm for linear inverse problems with a sparsity constraint. Commun. Pure
Appl. Math. 57, 1413–1457.
Rozell, C. J., Johnson, D. H., Baraniuk, R. G. & Olshausen, B. A. (2008).
Sparse coding via thresholding and local competition in neural circuits.
Neural Computation 20, 2526–2563.
"""

import functools

import numpy as np

PATCH_SIZE = 16  # pixels on a side: 256 pixels
N_UNITS = 100
LAMBDA = 0.2  # sparsity penalty, for whitened images of pixel variance 0.1
BATCH_SIZE = 250
LEARNING_RATE = 2.0
N_ITER = 30  # ISTA iterations per batch while learning
N_BATCHES = 500  # batches of the learning run


def soft_threshold(u, threshold, nonnegative=False):
    """The shrinkage function S_θ(u) = sign(u) max(|u| − θ, 0), or max(u − θ, 0) for a non-negative code.

    Parameters
    ----------
    u : array_like
        Membrane-potential-like input, any shape.
    threshold : float
        θ ≥ 0.
    nonnegative : bool
        Keep only the positive part.

    Returns
    -------
    ndarray
        Of the shape of ``u``.
    """
    ### BEGIN SOLUTION
    u = np.asarray(u, dtype=float)
    if nonnegative:
        return np.maximum(u - threshold, 0.0)
    return np.sign(u) * np.maximum(np.abs(u) - threshold, 0.0)
    ### END SOLUTION


def sparse_inference(x, phi, lam=LAMBDA, n_iter=N_ITER, nonnegative=False):
    """Sparse codes of a batch of patches by ISTA, starting from zero.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : ndarray of shape (batch, n_pixels)
        Patches, one per row.
    phi : ndarray of shape (n_pixels, n_units)
        Basis functions, one per column.
    lam : float
        λ, the weight of the L1 cost.
    n_iter : int
        Iterations.
    nonnegative : bool
        Restrict the codes to a ≥ 0.

    Returns
    -------
    ndarray of shape (batch, n_units)
        The codes, one row per patch.
    """
    ### BEGIN SOLUTION
    x, phi = np.asarray(x, dtype=float), np.asarray(phi, dtype=float)
    gram = phi.T @ phi
    step = 1.0 / np.linalg.eigvalsh(gram)[-1]  # 1/L: the gradient step that cannot overshoot
    drive = x @ phi  # Φᵀx of every patch
    codes = np.zeros((x.shape[0], phi.shape[1]))
    for _ in range(n_iter):
        codes = soft_threshold(codes + step * (drive - codes @ gram), step * lam, nonnegative)
    return codes
    ### END SOLUTION


def dictionary_update(phi, x, codes, learning_rate=LEARNING_RATE):
    """One learning step of the basis functions, then renormalisation.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    phi : ndarray of shape (n_pixels, n_units)
        Basis functions; not modified.
    x : ndarray of shape (batch, n_pixels)
        Patches.
    codes : ndarray of shape (batch, n_units)
        Their codes.
    learning_rate : float
        η.

    Returns
    -------
    ndarray of shape (n_pixels, n_units)
        Φ + η ⟨(x − Φa) aᵀ⟩ over the batch, each column scaled to unit length.
    """
    ### BEGIN SOLUTION
    residual = x - codes @ phi.T
    phi = phi + learning_rate * residual.T @ codes / len(x)
    return phi / np.linalg.norm(phi, axis=0)
    ### END SOLUTION


def sparse_coding_energy(x, phi, codes, lam=LAMBDA):
    """E = ½ ‖x − Φa‖² + λ ‖a‖₁, averaged over the batch."""
    return float(np.mean(0.5 * np.sum((x - codes @ phi.T) ** 2, axis=1) + lam * np.sum(np.abs(codes), axis=1)))


def whiten(image, cutoff=0.2):
    """Flatten the 1/f amplitude spectrum of a natural image (Olshausen & Field 1996).

    The filter f·exp(−(f/f₀)⁴) whitens the spectrum and rolls it off at f₀ (cycles
    per pixel), below the Nyquist frequency 0.5, against noise and aliasing. The
    result is scaled to pixel variance 0.1.

    Parameters
    ----------
    image : ndarray of shape (height, width)
        Grey levels.

    Returns
    -------
    ndarray of shape (height, width)
    """
    f = np.hypot(*np.meshgrid(np.fft.fftfreq(image.shape[0]), np.fft.fftfreq(image.shape[1]), indexing="ij"))
    white = np.real(np.fft.ifft2(np.fft.fft2(image - image.mean()) * f * np.exp(-((f / cutoff) ** 4))))
    return white * np.sqrt(0.1) / white.std()


def photographs():
    """The two colour photographs bundled with scikit-learn (a temple in China, a flower), the images of
    ``sklearn.datasets.load_sample_images``, read from its package folder without importing scikit-learn
    (which takes a second).

    Returns
    -------
    list of ndarray of shape (427, 640, 3), dtype uint8
    """
    import importlib.util
    from pathlib import Path

    from matplotlib.image import imread

    folder = Path(importlib.util.find_spec("sklearn").submodule_search_locations[0]) / "datasets" / "images"
    return [imread(folder / name) for name in ("china.jpg", "flower.jpg")]


def natural_images():
    """The two photographs, grey and whitened, without a margin of 8 pixels where the filter wraps around
    the edges.

    Returns
    -------
    list of ndarray of shape (411, 624)
    """
    return [whiten(image.astype(float).mean(axis=2))[8:-8, 8:-8] for image in photographs()]


def sample_patches(rng, images, n_patches, size=PATCH_SIZE):
    """Random square patches from the images.

    Returns
    -------
    ndarray of shape (n_patches, size * size)
        One flattened patch per row.
    """
    which = rng.integers(len(images), size=n_patches)
    patches = np.empty((n_patches, size * size))
    for k, image in enumerate(which):
        top, left = rng.integers(images[image].shape[0] - size), rng.integers(images[image].shape[1] - size)
        patches[k] = images[image][top:top + size, left:left + size].ravel()
    return patches


def random_dictionary(rng, n_pixels, n_units):
    """Gaussian random basis functions of unit length, shape (n_pixels, n_units)."""
    phi = rng.standard_normal((n_pixels, n_units))
    return phi / np.linalg.norm(phi, axis=0)


def learn_dictionary(rng, images, n_batches, phi=None, lam=LAMBDA, learning_rate=LEARNING_RATE, n_iter=N_ITER):
    """Alternate inference and learning on ``n_batches`` batches of patches.

    Returns
    -------
    phi : ndarray of shape (n_pixels, n_units)
        The learned basis functions.
    energies : ndarray of shape (n_batches,)
        The energy of each batch's codes before the update.
    """
    phi = random_dictionary(rng, PATCH_SIZE**2, N_UNITS) if phi is None else phi
    energies = np.empty(n_batches)
    for batch in range(n_batches):
        x = sample_patches(rng, images, BATCH_SIZE)
        codes = sparse_inference(x, phi, lam, n_iter)
        energies[batch] = sparse_coding_energy(x, phi, codes, lam)
        phi = dictionary_update(phi, x, codes, learning_rate)
    return phi, energies


@functools.lru_cache(maxsize=1)
def _figure4_codes():
    """The codes of the notebook's Figure 4: the basis functions of Figure 3, learned from default_rng(1), and
    1000 patches drawn with default_rng(2), inferred with 200 ISTA iterations at λ = LAMBDA."""
    images = natural_images()
    phi, _ = learn_dictionary(np.random.default_rng(1), images, N_BATCHES)
    x = sample_patches(np.random.default_rng(2), images, 1000)
    return sparse_inference(x, phi, LAMBDA, 200)


def sparseness():
    """The fraction of non-zero coefficients among the codes of Figure 4: 1000 patches (default_rng(2)) coded
    with 200 ISTA iterations at λ = LAMBDA by the basis functions learned in Figure 3
    (learn_dictionary(default_rng(1), images, N_BATCHES))."""
    return float(np.mean(_figure4_codes() != 0))
