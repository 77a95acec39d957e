"""Checks of section 2.10, the Fokker–Planck population model.

Besides the comparison with ``solutions`` on random densities, the checks test
the syllabus facts: the step conserves probability (the outflow through the
threshold comes back at reset), the stationary rate of the discretised
equation matches the Siegert formula (to its discretisation error, below 0.1 %
on the notebook's grid for these inputs; the tolerance is 1 %), and the Siegert
rate approaches the deterministic LIF rate when the noise vanishes.
"""

import functools

import numpy as np
from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch02_neuron_models import fokker_planck as ref


ERFCX_HINT = ("for u ≪ 0, 1 + erf(u) rounds to 0 in floating point (and e^(u²) may overflow): integrate "
              "scipy.special.erfcx(−u), which equals e^(u²) (1 + erf u) and stays accurate.")


def _random_density(rng, v_grid):
    """A positive density (1/mV) normalised on the grid."""
    p = rng.uniform(0, 1, len(v_grid)) * np.exp(-((v_grid + 60) / 6) ** 2)
    return p / (p.sum() * (v_grid[1] - v_grid[0]))


def population_rate(student_population_rate):
    """Check ``population_rate(p, v_grid, sigma, tau)`` on random densities."""
    rng = np.random.default_rng(2101)
    for v_min, dv, sigma, tau in ((-82.0, ref.DV, 4.0, ref.TAU_M), (-90.0, 0.1, 2.5, 10.0)):
        v_grid = ref.potential_grid(v_min, dv=dv)
        p = _random_density(rng, v_grid)
        expected = ref.population_rate(p, v_grid, sigma, tau)
        assert_close(
            call(student_population_rate, p, v_grid, sigma, tau=tau), expected,
            f"population_rate(p, v_grid with dv={dv}, sigma={sigma}, tau={tau}) on a random density",
            atol=1e-9, rtol=1e-9,
            mistakes={
                "p vanishes at the threshold face, half a cell above the last centre: the gradient is "
                "p_last / (dv/2), so the flux is 2 D p_last / dv.": expected / 2,
                "D = σ²/τ is in mV²/ms, so the flux is per ms: multiply by 1000 for Hz.": expected / 1000,
                "the threshold is the top of the grid: use the last cell, p[-1].": expected * p[0] / p[-1],
                "the diffusion coefficient is D = σ²/τ.": expected / sigma,
            },
        )


def _step(p, v_grid, mu, sigma, dt, tau=ref.TAU_M, v_rest=ref.V_REST, v_reset=ref.V_RESET,
          drift_sign=1.0, boundary_factor=2.0, reinjection=1.0):
    """The finite-volume step written out, with switches that make known mistakes."""
    dv = v_grid[1] - v_grid[0]
    diffusion = sigma**2 / tau
    faces = v_grid[:-1] + dv / 2
    advection = drift_sign * (v_rest + mu - faces) / tau * (p[:-1] + p[1:]) / 2
    outflow = boundary_factor * diffusion * p[-1] / dv
    flux = np.concatenate(([0.0], advection - diffusion * np.diff(p) / dv, [outflow]))
    new = p - dt * np.diff(flux) / dv
    new[np.argmin(np.abs(v_grid - v_reset))] += reinjection * dt * outflow / dv
    return new


def fokker_planck_step(student_step):
    """Check ``fokker_planck_step(p, v_grid, mu, sigma, dt, tau, v_rest, v_reset)``."""
    rng = np.random.default_rng(2102)
    for v_min, dv, mu, sigma, dt, kwargs in ((-82.0, ref.DV, 12.0, 4.0, 0.02, {}),
                                             (-90.0, 0.2, 20.0, 2.5, 0.01, {"tau": 10.0, "v_rest": -70.0,
                                                                            "v_reset": -60.1})):
        v_grid = ref.potential_grid(v_min, dv=dv)
        p = _random_density(rng, v_grid)
        args = (p, v_grid, mu, sigma, dt)
        assert_close(
            call(student_step, *args, **kwargs), ref.fokker_planck_step(*args, **kwargs),
            f"fokker_planck_step(p, v_grid with dv={dv}, mu={mu}, sigma={sigma}, dt={dt}"
            f"{''.join(f', {k}={x}' for k, x in kwargs.items())}) on a random density",
            atol=1e-9, rtol=1e-9,
            mistakes={
                "put the flux through the threshold back into the cell of v_reset (reinjection).":
                    _step(*args, **kwargs, reinjection=0.0),
                "reinjection adds dt · r / dv to the density of the reset cell (r is a flux; the density is per mV).":
                    _step(*args, **kwargs, reinjection=dv),
                "the flux through the threshold is 2 D p_last / dv (p vanishes half a cell above the last centre).":
                    _step(*args, **kwargs, boundary_factor=1.0),
                "the drift is A(V) = (V_rest + μ − V)/τ, pulling V towards V_rest + μ.":
                    _step(*args, **kwargs, drift_sign=-1.0),
                "use the arguments tau, v_rest and v_reset, not the module's constants.": _step(*args),
            },
        )
    # Many steps from the reference's stationary density (computed here, in-process): the student's step must
    # keep it stationary, conserve probability and give the Siegert rate. 1000 steps (20 ms, 2 τ) cost 1000 calls
    # into the student's process; a leak of more than 1e-12 per step shows in the mass, and a step with another
    # stationary density drifts from this one by a fraction 1 − e^(−2) of the difference in 2 τ.
    v_grid, p = _stationary_density()
    for _ in range(1000):
        p = as_array(call(student_step, p, v_grid, 12.0, 4.0, 0.02), "fokker_planck_step(p, …) after repeated steps",
                     shape=(len(v_grid),))
    assert_close(p.sum() * ref.DV, 1.0, "the total probability sum(p) dv after 1000 steps from the stationary density",
                 atol=1e-9,
                 hint="probability is conserved: the flux through the threshold is reinjected at v_reset, and the "
                      "bottom face lets nothing out.")
    assert_close(ref.population_rate(p, v_grid, 4.0), ref.siegert_rate(12.0, 4.0),
                 "the rate (Hz) after 20 ms from the stationary density with mu = 12, sigma = 4, against the Siegert "
                 "formula", atol=0, rtol=0.01)


@functools.cache
def _stationary_density():
    """The reference's density after 250 ms (about 25 τ) from a delta at v_reset, μ = 12 mV, σ = 4 mV, dt = 0.02 ms:
    stationary to round-off."""
    v_grid = ref.potential_grid(-82.0)
    p = np.zeros(len(v_grid))
    p[np.argmin(np.abs(v_grid - ref.V_RESET))] = 1 / ref.DV
    for _ in range(12_500):
        p = ref.fokker_planck_step(p, v_grid, 12.0, 4.0, 0.02)
    return v_grid, p

def siegert_rate(student_siegert):
    """Check ``siegert_rate(mu, sigma, tau, v_rest, v_thr, v_reset, t_ref)``."""
    for mu, sigma, kwargs in ((12.0, 4.0, {}), (8.0, 6.0, {"t_ref": 2.0}), (20.0, 2.0, {"tau": 10.0, "v_rest": -70.0})):
        expected = ref.siegert_rate(mu, sigma, **kwargs)
        p = {"tau": ref.TAU_M, "v_rest": ref.V_REST, "t_ref": 0.0} | kwargs
        interval = 1000.0 / expected - p["t_ref"]  # τ √π ∫ …, ms
        assert_close(
            call(student_siegert, mu, sigma, **kwargs), expected,
            f"siegert_rate(mu={mu}, sigma={sigma}{''.join(f', {k}={x}' for k, x in kwargs.items())}) in Hz",
            atol=0, rtol=1e-6,
            mistakes={
                "the integration limits are (V − V_∞)/(σ√2) in this course's convention (σ is the free membrane "
                "potential's standard deviation).": ref.siegert_rate(mu, sigma / np.sqrt(2), **kwargs),
                "the integral runs from the reset (lower limit) to the threshold (upper limit).":
                    1000.0 / (p["t_ref"] - interval),
                "the refractory period adds to the interval: 1/r = t_ref + τ√π ∫ ….": 1000.0 / interval,
                "return Hz: the interval is in ms.": expected / 1000,
            },
        )
    # Strong drive and weak noise put the whole integration range at u ≪ 0, where 1 + erf(u)
    # rounds to 0: the rate must still be right, and for σ → 0 it is the noiseless LIF rate.
    with hint_on_failure(ERFCX_HINT):
        assert_close(call(student_siegert, 25.0, 1.0), ref.siegert_rate(25.0, 1.0),
                     "siegert_rate(mu=25, sigma=1) in Hz", atol=0, rtol=1e-6)
        v_inf = ref.V_REST + 30.0
        deterministic = 1000.0 / (ref.TAU_M * np.log((v_inf - ref.V_RESET) / (v_inf - ref.V_THR)))
        assert_close(call(student_siegert, 30.0, 0.05), deterministic,
                     "siegert_rate(mu=30, sigma=0.05) against the noiseless LIF rate "
                     "1/(τ ln((V_∞ − V_reset)/(V_∞ − V_thr)))", atol=0, rtol=0.01)


# The noise at which a population with μ = 10 mV fires at 1 Hz: brentq on the Siegert rate gives 1.8143 mV.
# The question asks for 0.01 mV, so a grid or a bisection to that resolution lands within 0.01. The rate
# changes by 3.4 % per 0.01 mV here; the stationary rate of the discretised density on the notebook's grid is
# 1.7 % below Siegert's at this small σ, so solving with the density instead moves σ by 0.005 mV
# (tests/references/…/test_fokker_planck.py). The tolerance of 0.02 mV
# accepts these and rejects Brunel's convention for σ (√2 times ours: 2.57), solving for 1 mHz (1.05), the
# variance σ² (3.29) and a 0.1-mV grid's first σ above 1 Hz (1.9).
sigma_1hz = Discovery(
    1.8143, 0.02, "sigma_1hz, the noise amplitude at which the population fires at 1 Hz", unit="mV",
    mistakes={"σ here is the standard deviation of the free membrane potential; Brunel's σ is √2 times larger":
                  2.566,
              "siegert_rate returns Hz: solve siegert_rate(10, σ) = 1, not 0.001": 1.046,
              "the answer is the standard deviation σ in mV, not the variance σ²": 3.29})
