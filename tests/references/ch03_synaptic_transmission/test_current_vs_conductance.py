"""Independent validation of the current/conductance reference: the steady state
and the effective time constant of a passive membrane with constant synaptic
conductances from a tight ``solve_ivp`` integration, and the agreement of the two
synapse models at the potential where they are calibrated."""

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from solutions.ch03_synaptic_transmission import current_vs_conductance as cc


@pytest.mark.parametrize("g_exc, g_inh, e_inh", [(5.0, 0.0, cc.E_INH), (20.0, 10.0, cc.E_INH), (8.0, 30.0, cc.E_LEAK)])
def test_membrane_settles_at_the_steady_state_with_the_effective_time_constant(g_exc, g_inh, e_inh):
    g = np.array([g_exc, g_inh])
    e_syn = np.array([cc.E_EXC, e_inh])

    def membrane(t, v):
        return (cc.G_LEAK * (cc.E_LEAK - v) + cc.conductance_based_input(g, v[0], e_syn)) / cc.CAPACITANCE

    tau_effective = cc.CAPACITANCE / (cc.G_LEAK + g_exc + g_inh)
    solution = solve_ivp(membrane, (0, 20 * tau_effective), [cc.E_LEAK], rtol=1e-11, atol=1e-11, dense_output=True)
    v_inf = cc.steady_state_potential(g_exc, g_inh, e_inh=e_inh)
    assert solution.y[0, -1] == pytest.approx(v_inf, abs=1e-6)
    # One effective time constant covers 1 − 1/e of the way.
    covered = (solution.sol(tau_effective)[0] - cc.E_LEAK) / (v_inf - cc.E_LEAK)
    assert covered == pytest.approx(1 - np.exp(-1), abs=1e-6)


def test_the_two_models_agree_where_they_are_calibrated():
    rng = np.random.default_rng(9)
    g, e_syn = rng.uniform(0, 10, (20, 3)), np.array([cc.E_EXC, cc.E_INH, -50.0])
    weights = e_syn - cc.E_LEAK  # pA per nS of activation, calibrated at rest
    np.testing.assert_allclose(cc.conductance_based_input(g, cc.E_LEAK, e_syn), cc.current_based_input(weights, g))
    # Away from rest they differ by the conductance times the potential change.
    np.testing.assert_allclose(cc.conductance_based_input(g, cc.E_LEAK + 10, e_syn),
                               cc.current_based_input(weights, g) - 10 * g.sum(axis=1))
