"""Independent validation of the Fokker–Planck reference: its stationary rate
converges to the Siegert formula at second order in the cell width, it conserves
probability, a Monte-Carlo population of the noisy LIF neurons of section 2.9
fires at the Siegert rate (once the known bias of discrete-time threshold
detection is accounted for), and the formula has the noiseless LIF limit."""

import numpy as np
import pytest
from scipy.special import zeta

from solutions.ch02_neuron_models import fokker_planck as fp
from solutions.ch02_neuron_models import langevin_noise as ln


def _stationary(mu, sigma, dv, duration=300.0):
    """Density and rate (Hz) after ``duration`` ms from all neurons at reset."""
    v_grid = fp.potential_grid(-85.0, dv=dv)
    p = np.zeros(len(v_grid))
    p[np.argmin(np.abs(v_grid - fp.V_RESET))] = 1 / dv
    dt = 0.4 * dv**2 / (2 * sigma**2 / fp.TAU_M)  # 0.4 of the stability limit
    for _ in range(round(duration / dt)):
        p = fp.fokker_planck_step(p, v_grid, mu, sigma, dt)
    return p * dv, fp.population_rate(p, v_grid, sigma)


@pytest.mark.parametrize("mu, sigma", [(12.0, 4.0), (18.0, 2.0)])
def test_stationary_rate_converges_to_siegert_at_second_order(mu, sigma):
    siegert = fp.siegert_rate(mu, sigma)
    errors = []
    for dv in (0.4, 0.4 / 3):  # V_reset stays a cell centre: 15 mV = 37.5 and 112.5 cells
        mass, rate = _stationary(mu, sigma, dv)
        assert mass.sum() == pytest.approx(1.0, abs=1e-11)
        errors.append(abs(rate - siegert))
    assert errors[-1] < 1e-3 * siegert
    assert errors[0] / errors[1] > 6  # dv / 3: 9 at second order (measured 8.97 and 8.94)


def test_monte_carlo_population_fires_at_the_siegert_rate():
    # Euler–Maruyama sees the threshold only at the grid times and misses crossings between
    # them: to first order this raises the threshold by β s, with s = σ√(2 dt/τ) the step's
    # standard deviation and β = −ζ(1/2)/√(2π) = 0.583 (Broadie, Glasserman & Kou 1997).
    mu, sigma, dt, n, duration = 12.0, 4.0, 0.04, 20_000, 400.0
    rng = np.random.default_rng(2010)
    v, spikes = rng.uniform(-65, -50, n), 0
    for k in range(round((duration + 100.0) / dt)):
        v, spiked = ln.noisy_lif_step(v, mu, sigma, dt, rng)
        if k * dt >= 100.0:
            spikes += spiked.sum()
    rate = spikes / (n * duration / 1000)
    shift = -zeta(0.5) / np.sqrt(2 * np.pi) * sigma * np.sqrt(2 * dt / ln.TAU_M)
    corrected = fp.siegert_rate(mu, sigma, v_thr=ln.V_THR + shift)
    standard_error = np.sqrt(spikes) / (n * duration / 1000)  # Poisson bound; intervals are more regular
    assert abs(rate - corrected) < 6 * standard_error  # 6 × 0.045 Hz
    assert fp.siegert_rate(mu, sigma) - rate > 0.3  # the uncorrected bias, 0.48 Hz, is resolved


def test_siegert_rate_has_the_noiseless_limit():
    v_inf = fp.V_REST + 30.0
    deterministic = 1000.0 / (fp.TAU_M * np.log((v_inf - fp.V_RESET) / (v_inf - fp.V_THR)))
    assert fp.siegert_rate(30.0, 0.01) == pytest.approx(deterministic, rel=1e-3)
    assert fp.siegert_rate(30.0, 0.01, t_ref=2.0) == pytest.approx(1000 / (2 + 1000 / deterministic), rel=1e-3)
    assert fp.siegert_rate(10.0, 0.5) < 1e-10  # far below threshold without noise: silent


def test_sigma_1hz_gives_1_hz_in_the_fokker_planck_density():
    # The discovery answer, found with the Siegert formula, against the stationary rate of the
    # discretised density. At this small σ (4.5 cells per σ) the notebook's grid puts the rate 1.7 %
    # low, and a third of the cell width 0.2 % (second order); the rate changes by 3.4 % per 0.01 mV,
    # so solving with the density on the notebook's grid moves σ by 0.005 mV, inside the check's 0.02.
    sigma = fp.sigma_1hz()
    assert fp.siegert_rate(fp.SUBTHRESHOLD_MU, sigma) == pytest.approx(1.0, rel=1e-6)
    coarse = _stationary(fp.SUBTHRESHOLD_MU, sigma, fp.DV, duration=500.0)[1]
    fine = _stationary(fp.SUBTHRESHOLD_MU, sigma, fp.DV / 3, duration=500.0)[1]
    assert coarse == pytest.approx(1.0, rel=0.02) and fine == pytest.approx(1.0, rel=0.003)
    slope = np.log(fp.siegert_rate(fp.SUBTHRESHOLD_MU, sigma + 0.01) / fp.siegert_rate(fp.SUBTHRESHOLD_MU, sigma))
    assert abs(np.log(coarse)) / slope * 0.01 < 0.01  # mV: the shift of σ on the notebook's grid
