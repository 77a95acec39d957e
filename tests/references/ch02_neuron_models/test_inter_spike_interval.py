"""Independent validation of the inter-spike intervals reference."""

import numpy as np
import pytest

from solutions.ch02_neuron_models import inter_spike_interval as isi


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
    from checks.ch02_neuron_models import inter_spike_interval as checks

    for seed in range(40):
        getattr(checks, exercise)(getattr(isi, exercise), seed=seed)


def test_gamma_fano_is_near_cv_squared_and_the_check_accepts_other_seeds():
    # Renewal theory: for windows much longer than the mean interval the Fano factor of the counts
    # tends to CV² (1/4 for order 4); a 1-s window holds 30 intervals, so the answer lies near it.
    # The check's tolerance (0.02, six standard errors of 0.0031) accepts the same computation
    # with 40 seeds other than the question's.
    from checks.ch02_neuron_models import inter_spike_interval as checks

    assert abs(isi.gamma_fano() - 0.25) < 0.02
    for seed in range(100, 140):
        intervals = isi.gamma_isi(4.0, 30.0, 1_000_000, np.random.default_rng(seed)).reshape(10_000, 100)
        checks.gamma_fano(isi.fano_factor(np.sum(np.cumsum(intervals, axis=1) < 1000.0, axis=1)))
