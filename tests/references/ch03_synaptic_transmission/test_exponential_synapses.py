"""Independent validation of the exponential-synapse reference: the Euler
responses converge to the analytic kernels, the peak time formula matches a
numerical maximisation, the kernels have unit area (``quad``), the alpha
function is the double exponential's limit, and a Poisson train gives the mean
and variance of Campbell's theorem."""

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.optimize import minimize_scalar

from solutions.ch03_synaptic_transmission import exponential_synapses as es


def _responses(dt, duration=40.0):
    """Single- and double-exponential responses to one spike at step 0, at times (k + 1) dt."""
    s, r, h, out = 0.0, 0.0, 0.0, []
    for k in range(round(duration / dt)):
        spike = 1.0 if k == 0 else 0.0
        s = es.single_exp_step(s, spike, dt)
        r, h = es.double_exp_step(r, h, spike, dt)
        out.append((s, r))
    return np.arange(1, len(out) + 1) * dt, np.array(out)


def test_euler_responses_converge_to_the_kernels_at_first_order():
    errors = []
    for dt in (0.04, 0.02, 0.01):
        t, (single, double) = _responses(dt)[0], _responses(dt)[1].T
        # The jump lands at the end of step 0, i.e. the response at time (k + 1) dt is the kernel at k dt.
        errors.append((np.max(np.abs(single - np.exp(-(t - dt) / es.TAU_SYN) / es.TAU_SYN)),
                       np.max(np.abs(double - es.double_exp_kernel(t - dt)))))
    errors = np.array(errors)
    assert np.all(errors[-1] < 2e-3)
    assert np.all((1.8 < errors[:-1] / errors[1:]) & (errors[:-1] / errors[1:] < 2.2))


def test_peak_time_formula_matches_a_numerical_maximum():
    for tau_r, tau_d in ((es.TAU_RISE, es.TAU_DECAY), (0.5, 3.0), (1.0, 40.0)):
        peak = minimize_scalar(lambda t: -es.double_exp_kernel(t, tau_r, tau_d), bounds=(0, 50), method="bounded",
                               options={"xatol": 1e-10}).x
        assert peak == pytest.approx(tau_d * tau_r / (tau_d - tau_r) * np.log(tau_d / tau_r), abs=1e-6)
    assert minimize_scalar(lambda t: -es.alpha_kernel(t, 3.0), bounds=(0, 30), method="bounded",
                           options={"xatol": 1e-10}).x == pytest.approx(3.0, abs=1e-6)


def test_kernels_have_unit_area_and_alpha_is_the_double_exponential_limit():
    assert quad(lambda t: np.exp(-t / es.TAU_SYN) / es.TAU_SYN, 0, np.inf)[0] == pytest.approx(1.0)
    assert quad(es.double_exp_kernel, 0, np.inf)[0] == pytest.approx(1.0)
    assert quad(es.alpha_kernel, 0, np.inf)[0] == pytest.approx(1.0)
    t = np.linspace(0, 40, 401)
    np.testing.assert_allclose(es.double_exp_kernel(t, 5.0 - 1e-6, 5.0 + 1e-6), es.alpha_kernel(t, 5.0), atol=1e-8)


def test_poisson_train_obeys_campbells_theorem():
    # Campbell: a Poisson train at rate ν filtered by K has mean ν∫K and variance ν∫K²,
    # ν/(2τ) for the single exponential. 400 synapses sampled every τ for 1 s give about
    # 37 000 effectively independent samples: standard error 0.7 % of the mean; the shot
    # noise's large jumps make the variance's a few per cent.
    rng = np.random.default_rng(33)
    rate, dt, n = 0.05, 0.1, 400  # 1/ms
    s, samples = np.zeros(n), []
    for k in range(11_000):
        s = es.single_exp_step(s, (rng.random(n) < rate * dt).astype(float), dt)
        if k >= 1000 and k % 50 == 0:  # every 5 ms: one τ apart
            samples.append(s)
    samples = np.array(samples)
    assert samples.mean() == pytest.approx(rate, rel=0.03)
    # The Euler process s ← (1 − dt/τ) s + Bernoulli(ν dt)/τ has the variance ν(1 − ν dt)/(τ (2 − dt/τ)),
    # 0.5 % above ν/(2τ).
    p = rate * dt
    assert samples.var() == pytest.approx(rate * (1 - p) / (es.TAU_SYN * (2 - dt / es.TAU_SYN)), rel=0.08)
    assert samples.var() == pytest.approx(rate / (2 * es.TAU_SYN), rel=0.08)
