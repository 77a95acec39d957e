"""The reference implementations are right by measures independent of them:
NEURON's built-in ``hh`` mechanism, tight-tolerance ``scipy.integrate.solve_ivp``
integrations, analytic results and the numbers of the original pages."""

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

from solutions.ch02_neuron_models import firing_rate as rate
from solutions.ch02_neuron_models import fitzhugh_nagumo as fhn
from solutions.ch02_neuron_models import hodgkin_huxley as hh
from solutions.ch02_neuron_models import inter_spike_interval as isi
from solutions.ch02_neuron_models import leaky_integrate_and_fire as lif

# ---------------------------------------------------------------- Hodgkin–Huxley

PROTOCOL = [(0.0, 50.0, 0.0), (50.0, 200.0, 10.0), (200.0, 250.0, 0.0), (250.0, 400.0, 35.0), (400.0, 450.0, 0.0)]


def _protocol_current(t):
    """The original page's input (µA/cm²) at times ``t`` (ms)."""
    return sum(np.where((t >= start) & (t < stop), amplitude, 0.0) for start, stop, amplitude in PROTOCOL)


def _crossing_times(t, v, threshold=0.0):
    """Upward threshold crossings, linearly interpolated between samples (ms)."""
    k = np.flatnonzero((v[1:] >= threshold) & (v[:-1] < threshold))
    return t[k] + (threshold - v[k]) / (v[k + 1] - v[k]) * (t[k + 1] - t[k])


def _textbook_rhs(t, y, i_ext):
    """The HH equations written out from Dayan & Abbott's table, independently of
    the reference (the 0/0 points are never hit exactly by the integrator)."""
    v, m, h, n = y
    alpha_m, beta_m = 0.1 * (v + 40) / (1 - np.exp(-(v + 40) / 10)), 4 * np.exp(-(v + 65) / 18)
    alpha_h, beta_h = 0.07 * np.exp(-(v + 65) / 20), 1 / (1 + np.exp(-(v + 35) / 10))
    alpha_n, beta_n = 0.01 * (v + 55) / (1 - np.exp(-(v + 55) / 10)), 0.125 * np.exp(-(v + 65) / 80)
    i_ion = 120 * m**3 * h * (v - 50) + 36 * n**4 * (v + 77) + 0.3 * (v + 54.387)
    return [i_ext - i_ion, alpha_m * (1 - m) - beta_m * m, alpha_h * (1 - h) - beta_h * h,
            alpha_n * (1 - n) - beta_n * n]


@pytest.fixture(scope="module")
def exact_spike_times():
    """Spike times of the protocol from DOP853 at rtol = atol = 1e-10, piece by piece
    so that the integrator never steps across a jump of the input."""
    rates = hh.hh_rates(-65.0)
    y = [-65.0] + [a / (a + b) for a, b in zip(rates[::2], rates[1::2])]
    times, voltages = [], []
    for start, stop, amplitude in PROTOCOL:
        solution = solve_ivp(_textbook_rhs, (start, stop), y, args=(amplitude,), method="DOP853",
                             rtol=1e-10, atol=1e-10, dense_output=True)
        t = np.arange(start, stop, 0.001)
        times.append(t)
        voltages.append(solution.sol(t)[0])
        y = solution.y[:, -1]
    return _crossing_times(np.concatenate(times), np.concatenate(voltages))


def _neuron_spike_times(dt=None):
    """The protocol in NEURON: one 100 µm² compartment with the built-in ``hh``
    mechanism at 6.3 °C and our parameters; CVODE at tight tolerance if ``dt`` is None."""
    from neuron import h

    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = np.sqrt(100 / np.pi)  # µm, so that the area is 100 µm² = 1e-6 cm²
    soma.cm = 1.0
    soma.insert("hh")
    segment = soma(0.5)
    segment.hh.gnabar, segment.hh.gkbar, segment.hh.gl, segment.hh.el = 0.12, 0.036, 0.0003, -54.387
    segment.ena, segment.ek = 50.0, -77.0
    h.celsius = 6.3
    h.usetable_hh = 0  # exact rate functions instead of NEURON's 1-mV lookup tables
    clamps = []
    for start, stop, amplitude in PROTOCOL:
        if amplitude:
            clamp = h.IClamp(segment)
            clamp.delay, clamp.dur = start, stop - start
            clamp.amp = amplitude * segment.area() * 1e-5  # µA/cm² · µm² → nA
            clamps.append(clamp)
    t, v = h.Vector().record(h._ref_t), h.Vector().record(segment._ref_v)
    cvode = h.CVode()
    cvode.active(dt is None)
    if dt is None:
        cvode.atol(1e-8)
    else:
        h.dt = dt
        h.steps_per_ms = 1 / dt
    h.finitialize(-65.0)
    h.continuerun(450.0)
    return _crossing_times(np.array(t), np.array(v))


def test_neuron_agrees_with_the_textbook_equations(exact_spike_times):
    neuron_times = _neuron_spike_times()
    assert len(neuron_times) == len(exact_spike_times) == 27
    # Both integrate the same equations to ~1e-8: their spike times agree to ~1e-5 ms.
    # A slip in one parameter (e.g. NEURON's default E_L = −54.3 mV) moves them by > 0.01 ms.
    np.testing.assert_allclose(neuron_times, exact_spike_times, atol=1e-3)


def test_neuron_with_fixed_steps_fires_11_then_16_spikes():
    times = _neuron_spike_times(dt=0.01)
    assert np.sum((times >= 50) & (times < 200)) == 11
    assert np.sum((times >= 250) & (times < 400)) == 16


def test_reference_counts_the_original_pages_spikes():
    dt = 0.01
    t = np.arange(0, 450, dt)
    v, *_ = hh.simulate_hh(_protocol_current(t), dt)
    assert hh.count_spikes(v[(t >= 50) & (t < 200)]) == 11
    assert hh.count_spikes(v[(t >= 250) & (t < 400)]) == 16


def test_reference_converges_to_the_exact_solution_at_first_order(exact_spike_times):
    errors = []
    for dt in (0.02, 0.01, 0.005):
        t = np.arange(0, 450, dt)
        times = _crossing_times(t, hh.simulate_hh(_protocol_current(t), dt)[0])
        assert len(times) == 27
        errors.append(np.max(np.abs(times - exact_spike_times)))
    # Euler is first order: halving dt halves the error (measured: 0.097, 0.049, 0.025 ms).
    assert errors[1] < 0.1
    for coarse, fine in zip(errors, errors[1:]):
        assert 1.8 < coarse / fine < 2.2


def test_reference_rests_near_minus_65_mv():
    v, m, h, n = hh.simulate_hh(np.zeros(10_000), 0.01)
    assert np.all(np.abs(v + 65.0) < 0.01)
    assert np.all((m >= 0) & (m <= 1) & (h >= 0) & (h <= 1) & (n >= 0) & (n <= 1))


def test_repetitive_firing_starts_between_6_0_and_6_3():
    dt = 0.01
    v, *_ = hh.simulate_hh(np.tile([6.0, 6.3], (50_000, 1)), dt)
    assert hh.count_spikes(v).tolist() == [2, 27]
    # The onset is a jump (type II): at 6.3 µA/cm² the neuron already fires near 50 Hz.
    rate = hh.count_spikes(v[10_000:, 1]) / 0.4
    assert 40 < rate < 60


def test_rates_are_continuous_at_the_removable_singularities():
    for v0, index, limit in ((-40.0, 0, 1.0), (-55.0, 4, 0.1)):
        at = hh.hh_rates(v0)[index]
        near = hh.hh_rates(np.array([v0 - 1e-6, v0 + 1e-6]))[index]
        assert at == pytest.approx(limit, rel=1e-12)
        np.testing.assert_allclose(near, limit, rtol=1e-6)


# ---------------------------------------------------------------- leaky integrate-and-fire

def test_interval_formula_matches_an_event_driven_integration():
    for current in (20.5, 25.0, 40.0, 100.0):
        def reach_threshold(t, v):
            return v[0] - lif.V_THR
        reach_threshold.terminal = True
        solution = solve_ivp(lambda t, v: (-(v - lif.V_REST) + lif.R_M * current) / lif.TAU_M,
                             (0, 1000), [lif.V_RESET], events=reach_threshold, rtol=1e-12, atol=1e-12)
        interval = lif.T_REF + solution.t_events[0][0]
        assert 1000.0 / interval == pytest.approx(lif.lif_rate_theory(current), rel=1e-8)


def test_no_firing_at_or_below_rheobase():
    rheobase = (lif.V_THR - lif.V_REST) / lif.R_M
    assert np.all(lif.lif_rate_theory(np.array([0.0, 10.0, rheobase])) == 0.0)
    _, spikes = lif.simulate_lif(np.full(20_000, rheobase - 0.01), 0.01)
    assert not spikes.any()


@pytest.mark.parametrize("dt", [0.04, 0.01, 0.0025])
def test_simulated_intervals_match_the_theory_within_the_euler_bound(dt):
    currents = np.array([21.0, 25.0, 30.0, 50.0, 100.0, 200.0])
    _, spikes = lif.simulate_lif(np.tile(currents, (int(300 / dt), 1)), dt)
    for column, current in enumerate(currents):
        intervals = np.diff(np.flatnonzero(spikes[:, column])) * dt
        interval = 1000.0 / lif.lif_rate_theory(current)
        # Spikes land on the grid (up to dt late), and counting t_ref down in steps of dt
        # can leave a round-off remainder > 0 that holds the neuron one step more
        # (seen at dt = 0.0025): 2 dt. Euler's decay factor 1 − dt/τ shortens the
        # integration time by about dt/(2τ) of it: twice that bounds it.
        bound = 2 * dt + dt / lif.TAU_M * (interval - lif.T_REF)
        assert intervals.size >= 1
        assert np.max(np.abs(intervals - interval)) <= bound


def test_rate_saturates_below_the_refractory_limit():
    rates = lif.lif_rate_theory(np.array([1e3, 1e5, 1e7]))
    assert np.all(np.diff(rates) > 0) and np.all(rates < 1000.0 / lif.T_REF)


# ---------------------------------------------------------------- FitzHugh–Nagumo

def _fhn_field(t, y, i_ext):
    """The FitzHugh–Nagumo vector field written out from the original page."""
    return [fhn.C * (y[0] - y[0] ** 3 / 3 - y[1] + i_ext), y[0] - fhn.B * y[1] + fhn.A]


def test_fixed_point_matches_a_root_finder_on_the_nullclines():
    for i_ext in (-0.5, 0.0, 0.34, 0.5, 1.5):
        v = brentq(lambda v: v - v**3 / 3 + i_ext - (v + fhn.A) / fhn.B, -5, 5, xtol=1e-14)
        assert fhn.fhn_fixed_point(i_ext) == pytest.approx((v, (v + fhn.A) / fhn.B), abs=1e-10)
    assert fhn.fhn_fixed_point(0.0)[0] == pytest.approx(-1.199, abs=5e-4)


def test_hopf_bifurcation_where_the_trace_vanishes():
    def trace(i_ext):
        return np.trace(fhn.fhn_jacobian(*fhn.fhn_fixed_point(i_ext)))

    hopf = brentq(trace, 0.0, 1.0, xtol=1e-12)
    v = -np.sqrt(1 - fhn.B / fhn.C)  # analytic: trace c(1 − v²) − b = 0
    assert hopf == pytest.approx(v**3 / 3 - v + (v + fhn.A) / fhn.B, abs=1e-9)
    assert hopf == pytest.approx(0.341, abs=5e-4)
    assert trace(0.34) == pytest.approx(-0.0174, abs=1e-4) and trace(0.5) == pytest.approx(2.722, abs=1e-3)


def test_jacobian_matches_finite_differences():
    h = 1e-6
    for v, u in ((-1.2, -0.6), (0.3, 0.1), (1.7, 1.0)):
        numeric = np.column_stack([
            (np.array(_fhn_field(0, [v + h, u], 0.5)) - _fhn_field(0, [v - h, u], 0.5)) / (2 * h),
            (np.array(_fhn_field(0, [v, u + h], 0.5)) - _fhn_field(0, [v, u - h], 0.5)) / (2 * h),
        ])
        np.testing.assert_allclose(fhn.fhn_jacobian(v, u), numeric, atol=1e-7)


def test_euler_step_converges_to_the_exact_trajectory_at_first_order():
    y0, t_end = fhn.fhn_fixed_point(0.0), 2.0
    exact = solve_ivp(_fhn_field, (0, t_end), y0, args=(0.5,), method="DOP853", rtol=1e-12, atol=1e-12).y[:, -1]
    errors = []
    for dt in (0.004, 0.002, 0.001):
        v, u = y0
        for _ in range(round(t_end / dt)):
            v, u = fhn.fhn_step(v, u, 0.5, dt)
        errors.append(np.max(np.abs(np.array([v, u]) - exact)))
    for coarse, fine in zip(errors, errors[1:]):
        assert 1.8 < coarse / fine < 2.2


def test_rest_and_oscillation_coexist_below_the_hopf_point():
    v_star, u_star = fhn.fhn_fixed_point(0.34)
    near = solve_ivp(_fhn_field, (0, 300), [v_star + 0.05, u_star], args=(0.34,), method="DOP853",
                     rtol=1e-10, atol=1e-10)
    # A small kick decays, as e^(−0.0087 t): to about 0.05 · 0.11 by t = 250 ...
    assert np.max(np.abs(near.y[0, near.t > 250] - v_star)) < 0.02
    far = solve_ivp(_fhn_field, (0, 300), fhn.fhn_fixed_point(0.0), args=(0.34,), method="DOP853",
                    rtol=1e-10, atol=1e-10)
    assert np.ptp(far.y[0, far.t > 250]) > 3  # ... while the step from I = 0 reaches the large cycle
    # Euler at dt = 0.01 amplifies the weakly damped focus: |1 + λ dt| > 1.
    eigenvalues = np.linalg.eigvals(fhn.fhn_jacobian(v_star, u_star))
    assert np.all(eigenvalues.real < 0) and np.all(np.abs(1 + 0.01 * eigenvalues) > 1)


# ---------------------------------------------------------------- inter-spike intervals

def test_poisson_trains_have_cv_and_fano_factor_one():
    rng = np.random.default_rng(99)
    trains = isi.poisson_spikes_isi(30.0, 1000.0, 4000, rng)
    counts = np.array([len(train) for train in trains])
    intervals = np.concatenate([np.diff(train) for train in trains])
    # Standard errors: mean count √(30/4000) = 0.087, Fano ≈ 0.022, CV ≈ 0.003.
    assert abs(counts.mean() - 30) < 0.5 and abs(isi.fano_factor(counts) - 1) < 0.15
    assert abs(intervals.std() / intervals.mean() - 1) < 0.03
    grid = isi.poisson_spikes_bernoulli(30.0, 1000.0, 1.0, 4000, rng)
    assert abs(isi.fano_factor(grid.sum(axis=0)) - 0.97) < 0.15  # binomial: 1 − p


@pytest.mark.parametrize("order", [1.0, 2.0, 4.0, 9.0])
def test_gamma_intervals_have_cv_one_over_root_k(order):
    intervals = isi.gamma_isi(order, 30.0, 100_000, np.random.default_rng(int(order)))
    assert abs(intervals.mean() - 1000 / 30) < 0.5
    assert abs(isi.isi_cv(np.concatenate([[0.0], np.cumsum(intervals)])) - 1 / np.sqrt(order)) < 0.02


@pytest.mark.parametrize("exercise", ["poisson_spikes_isi", "poisson_spikes_bernoulli", "gamma_isi"])
def test_stochastic_checks_do_not_reject_a_correct_generator_by_chance(exercise):
    # The checks' tolerances are ≥ 6 standard errors (false rejection < 1e-8 per statistic);
    # here the reference passes them with 40 seeds other than the one used in grading.
    from autograder.checks.ch02_neuron_models import inter_spike_interval as checks

    for seed in range(40):
        getattr(checks, exercise)(getattr(isi, exercise), seed=seed)


# ---------------------------------------------------------------- firing-rate models

def test_rate_step_converges_to_the_exponential_relaxation_at_first_order():
    def transfer(i_ext):
        return rate.sigmoid(i_ext, r_max=50.0, gain=2.0, threshold=1.0)

    target, t_end = transfer(1.5), 30.0
    exact = target * (1 - np.exp(-t_end / rate.TAU_R))  # from r = 0
    errors = []
    for dt in (0.2, 0.1, 0.05):
        r = 0.0
        for _ in range(round(t_end / dt)):
            r = rate.rate_step(r, 1.5, dt, transfer)
        errors.append(abs(r - exact))
    for coarse, fine in zip(errors, errors[1:]):
        assert 1.8 < coarse / fine < 2.2


def test_sigmoid_midpoint_slope_and_limits():
    assert rate.sigmoid(2.0, r_max=50.0, gain=0.5, threshold=2.0) == pytest.approx(25.0)
    h = 1e-6
    slope = (rate.sigmoid(2.0 + h, 50.0, 0.5, 2.0) - rate.sigmoid(2.0 - h, 50.0, 0.5, 2.0)) / (2 * h)
    assert slope == pytest.approx(0.5 * 50.0 / 4, rel=1e-8)
    with np.errstate(all="raise"):
        np.testing.assert_allclose(rate.sigmoid(np.array([-1e6, 1e6])), [0.0, 1.0])
    # The overflow-free form (1 + tanh(z/2))/2 cancels for z ≪ 0: its error is absolute,
    # a few eps·r_max, not relative to the tiny output.
    x = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(rate.sigmoid(x), 1 / (1 + np.exp(-x)), rtol=0, atol=4 * np.finfo(float).eps)
