"""Stochastic population model: the Fokker–Planck equation (section 2.10,
確率的集団モデル).

A large population of the noisy LIF neurons of section 2.9,

    τ dV = (V_rest + μ − V) dt + σ √(2τ) dW,   V → V_reset at V_thr,

is described by the density p(V, t) of its membrane potentials. It obeys the
Fokker–Planck equation

    ∂p/∂t = −∂J/∂V,   J = A(V) p − D ∂p/∂V,   A(V) = (V_rest + μ − V)/τ,  D = σ²/τ,

with J the probability flux. The threshold absorbs (p(V_thr) = 0), the flux
through it is the population rate r(t) = J(V_thr) = −D ∂p/∂V at V_thr, and the
same flux is reinjected at V_reset, so probability is conserved. The stationary
rate is given in closed form by the Siegert formula (with V_∞ = V_rest + μ and
the noise written as σ√2 in Brunel's convention):

    1/r = t_ref + τ √π ∫ e^(u²) (1 + erf u) du,  from (V_reset − V_∞)/(σ√2) to (V_thr − V_∞)/(σ√2).

Discretisation (finite volumes): the potential axis is cut into cells of width
dv with centres ``v_grid``; the top face of the last cell is the threshold and
the bottom face of the first reflects. Fluxes at interior faces are central,
J = A (p_i + p_(i+1))/2 − D (p_(i+1) − p_i)/dv; at the threshold p = 0 is imposed
by a mirrored ghost cell, giving J = 2 D p_last / dv. The outflow is added to
the cell whose centre is V_reset.

References
----------
Siegert, A. J. F. (1951). On the first passage time probability problem.
Phys. Rev. 81, 617–623.
Brunel, N. & Hakim, V. (1999). Fast global oscillations in networks of
integrate-and-fire neurons with low firing rates. Neural Comput. 11, 1621–1671.
Gerstner, W., Kistler, W. M., Naud, R. & Paninski, L. (2014). Neuronal Dynamics,
ch. 13. Cambridge University Press.
"""

import numpy as np
from scipy.integrate import quad
from scipy.optimize import brentq
from scipy.special import erfcx

from solutions.ch02_neuron_models.langevin_noise import TAU_M, V_REST, V_RESET, V_THR

DV = 0.4  # mV: cell width; with V_thr − V_reset = 15 mV = 37.5 cells, V_reset is a cell centre


def potential_grid(v_min, v_thr=V_THR, dv=DV):
    """Centres of the cells between ``v_min`` (at most) and the threshold.

    Parameters
    ----------
    v_min : float
        Lowest potential to cover, mV.
    v_thr : float
        Threshold, the top face of the last cell, mV.
    dv : float
        Cell width, mV.

    Returns
    -------
    ndarray, shape (n,)
        Ascending cell centres v_thr − (n − ½) dv, …, v_thr − ½ dv in mV.
    """
    n = int(np.ceil((v_thr - v_min) / dv))
    return v_thr - (np.arange(n)[::-1] + 0.5) * dv


def population_rate(p, v_grid, sigma, tau=TAU_M):
    """Population rate: the probability flux through the threshold.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    p : ndarray, shape (n,)
        Density of membrane potentials on the cells, 1/mV (``sum(p) * dv`` is 1).
    v_grid : ndarray, shape (n,)
        Ascending, equally spaced cell centres in mV; the threshold is the top face.
    sigma : float
        Noise amplitude in mV (the free membrane potential's standard deviation).
    tau : float
        Membrane time constant in ms.

    Returns
    -------
    float
        The rate 2 D p_last / dv with D = σ²/τ, converted to Hz.
    """
    ### BEGIN SOLUTION
    dv = v_grid[1] - v_grid[0]
    return 1000.0 * 2 * sigma**2 / tau * p[-1] / dv
    ### END SOLUTION


def fokker_planck_step(p, v_grid, mu, sigma, dt, tau=TAU_M, v_rest=V_REST, v_reset=V_RESET):
    """Advance the membrane-potential density by one explicit Euler step.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    p : ndarray, shape (n,)
        Density on the cells, 1/mV.
    v_grid : ndarray, shape (n,)
        Ascending, equally spaced cell centres in mV; the top face of the last
        cell is the threshold, the bottom face of the first reflects.
    mu : float
        Mean input R·I in mV.
    sigma : float
        Noise amplitude in mV.
    dt : float
        Time step in ms; stable for dt < dv² / (2 D).
    tau, v_rest, v_reset : float
        Membrane time constant (ms), resting and reset potentials (mV).

    Returns
    -------
    ndarray, shape (n,)
        The density after the step; the flux through the threshold in this
        step is reinjected into the cell whose centre is nearest ``v_reset``.
    """
    ### BEGIN SOLUTION
    dv = v_grid[1] - v_grid[0]
    diffusion = sigma**2 / tau  # mV²/ms
    faces = v_grid[:-1] + dv / 2
    drift = (v_rest + mu - faces) / tau  # mV/ms
    interior = drift * (p[:-1] + p[1:]) / 2 - diffusion * (p[1:] - p[:-1]) / dv
    outflow = 2 * diffusion * p[-1] / dv  # 1/ms, through the threshold
    flux = np.concatenate(([0.0], interior, [outflow]))
    p = p - dt * np.diff(flux) / dv
    p[np.argmin(np.abs(v_grid - v_reset))] += dt * outflow / dv
    return p
    ### END SOLUTION


def siegert_rate(mu, sigma, tau=TAU_M, v_rest=V_REST, v_thr=V_THR, v_reset=V_RESET, t_ref=0.0):
    """Stationary rate of noisy LIF neurons (the Siegert formula).

    Parameters
    ----------
    mu : float
        Mean input R·I in mV.
    sigma : float
        Noise amplitude in mV (> 0).
    tau : float
        Membrane time constant in ms.
    v_rest, v_thr, v_reset : float
        Resting, threshold and reset potentials in mV.
    t_ref : float
        Refractory period in ms.

    Returns
    -------
    float
        The rate in Hz.
    """
    ### BEGIN SOLUTION
    v_inf, scale = v_rest + mu, np.sqrt(2) * sigma
    lower, upper = (v_reset - v_inf) / scale, (v_thr - v_inf) / scale
    # e^(u²) (1 + erf u) = erfcx(−u), which stays finite where erf underflows.
    integral, _ = quad(lambda u: erfcx(-u), lower, upper, epsabs=1e-12, epsrel=1e-12)
    return 1000.0 / (t_ref + tau * np.sqrt(np.pi) * integral)
    ### END SOLUTION


# Discovery answer: what a student finds with the functions above, computed here with the reference
# functions; tests/test_checks.py holds the check's expected value to it.
SUBTHRESHOLD_MU, TARGET_RATE = 10.0, 1.0  # mV (V_∞ = −55 mV, 5 mV below threshold), Hz


def sigma_1hz():
    """The noise amplitude σ in mV, to 0.01 mV, at which noisy LIF neurons with mean input
    μ = 10 mV (V_∞ = −55 mV, below threshold) fire at 1 Hz in the stationary state (Siegert formula)."""
    return float(brentq(lambda sigma: siegert_rate(SUBTHRESHOLD_MU, sigma) - TARGET_RATE, 0.5, 10.0, xtol=1e-9))
