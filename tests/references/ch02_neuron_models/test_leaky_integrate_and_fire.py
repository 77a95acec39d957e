"""Independent validation of the leaky integrate-and-fire reference."""

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from solutions.ch02_neuron_models import leaky_integrate_and_fire as lif


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


def test_discovery_answers_match_the_closed_forms():
    # The first spike climbs from v_rest without a refractory period: tau_m ln(R I / (R I + v_rest − v_thr)),
    # within one step of the grid; the rate at 100 nA is the analytic one within a spike in 500 ms (2 Hz).
    latency = lif.TAU_M * np.log(lif.STEP_CURRENT / (lif.STEP_CURRENT + lif.V_REST - lif.V_THR))
    assert abs(lif.first_latency() - latency) <= 0.01
    ceiling = 1000.0 / lif.T_REF
    assert abs(lif.ceiling_fraction() - lif.lif_rate_theory(lif.CEILING_CURRENT) / ceiling) <= 2.0 / ceiling
