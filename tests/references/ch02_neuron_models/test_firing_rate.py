"""Independent validation of the firing-rate models reference."""

import numpy as np
import pytest

from solutions.ch02_neuron_models import firing_rate as rate


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


def test_persistence_weight_is_the_saddle_node_of_the_recurrent_unit():
    from scipy.optimize import brentq, minimize_scalar

    def f(x):
        return 1 / (1 + np.exp(-4 * (x - 1)))  # Figure 1's sigmoid

    def lowest_gap(w):  # min over the upper branch of r − f(w r): below 0 while the high fixed points exist
        return minimize_scalar(lambda r: r - f(w * r), bounds=(0.4, 1.0), method="bounded", options={"xatol": 1e-12}).fun

    critical = brentq(lowest_gap, 1.5, 2.0, xtol=1e-10)
    assert critical == pytest.approx(1.6818, abs=1e-4)
    assert critical <= rate.persistence_weight() < critical + 0.01  # the grid's first weight above it
