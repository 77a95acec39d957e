"""Measures of learned receptive fields (basis functions of square patches, one
per column), for validating the sparse- and predictive-coding references
against random bases."""

import numpy as np


def spread(phi):
    """Radius of each basis function in pixels: the root of the summed variances of the pixel
    positions, weighted by φ². A basis spread evenly over 16 × 16 pixels has 6.5.

    Parameters
    ----------
    phi : ndarray of shape (size², n_bases)
    """
    size = int(np.sqrt(phi.shape[0]))
    rows, cols = np.mgrid[:size, :size]
    weights = phi**2 / np.sum(phi**2, axis=0)
    positions = np.stack([rows.ravel(), cols.ravel()]).astype(float)
    return np.sqrt(((positions**2) @ weights - (positions @ weights) ** 2).sum(axis=0))


def anisotropy(phi):
    """1 − λ_min/λ_max of the power-weighted covariance of the spatial frequencies of each basis
    function: 0 for an isotropic spectrum, 1 for a spectrum on a line through the origin (a
    perfectly oriented grating).

    Parameters
    ----------
    phi : ndarray of shape (size², n_bases)
    """
    size = int(np.sqrt(phi.shape[0]))
    f = np.fft.fftfreq(size)
    fy, fx = np.meshgrid(f, f, indexing="ij")
    power = np.abs(np.fft.fft2(phi.T.reshape(-1, size, size))) ** 2
    moments = np.stack([np.sum(power * a * b, axis=(1, 2)) for a, b in ((fy, fy), (fy, fx), (fx, fx))])
    eigenvalues = np.linalg.eigvalsh(np.stack([[moments[0], moments[1]], [moments[1], moments[2]]]).transpose(2, 0, 1))
    return 1 - eigenvalues[:, 0] / eigenvalues[:, 1]
