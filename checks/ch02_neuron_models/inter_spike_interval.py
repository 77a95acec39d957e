"""Checks of section 2.8, inter-spike interval models.

The generators are random, so their checks test distributions, not values: with
the check's own seeded ``numpy.random.Generator`` they compare sample means,
Fano factors and CVs with theory. Every tolerance is at least six standard
errors of its statistic (argued at each), so a correct implementation fails with
probability below 1e-8 whatever order it draws its numbers in; the seeds are
fixed, so grading is deterministic, and the validation tests of the reference
(``tests/references/``) run the checks with many other seeds to show it. A generator must draw from the ``rng``
it is given: the checks call it twice with equal seeds and expect equal trains.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, assert_reproducible, assert_statistic, call

RATE, DURATION = 30.0, 1000.0  # Hz, ms: the original page's trains


def poisson_spikes_isi(student_poisson_spikes_isi, seed=2008):
    """Check ``poisson_spikes_isi(rate, duration, n_trains, rng)``: 2000 trains of 1 s at 30 Hz."""
    n_trains = 2000
    what = f"poisson_spikes_isi({RATE}, {DURATION}, {n_trains}, rng)"
    trains = call(student_poisson_spikes_isi, RATE, DURATION, n_trains, np.random.default_rng(seed))
    if not isinstance(trains, (list, tuple)) or len(trains) != n_trains:
        raise AssertionError(f"{what} must return a list of {n_trains} arrays of spike times.")
    trains = [as_array(train, f"train {i} of {what}") for i, train in enumerate(trains)]
    for i, train in enumerate(trains):
        if train.ndim != 1 or np.any(np.diff(train) < 0) or np.any(train < 0) or np.any(train >= DURATION):
            raise AssertionError(f"train {i} of {what} must be a sorted 1-D array of times in [0, {DURATION:g}) ms.")
    counts = np.array([len(train) for train in trains])
    # Counts are Poisson(30): the mean of 2000 has standard error √(30/2000) = 0.12.
    assert_statistic(counts.mean(), RATE * DURATION / 1000, 0.75, "the mean spike count per 1-s train",
               hint="the intervals are exponential with mean 1000/rate ms (rng.exponential takes the mean); "
                    "keep only spikes before `duration`.")
    # Sample variance of Poisson(30) counts: SE √((μ + 2μ²)/n) = 0.96, i.e. 0.032 in the Fano factor.
    assert_statistic(counts.var() / counts.mean(), 1.0, 0.2, "the Fano factor of the spike counts")
    # About 58 000 pooled exponential intervals: the CV has standard error ≈ 1/√n ≈ 0.004.
    intervals = np.concatenate([np.diff(train) for train in trains])
    assert_statistic(intervals.std() / intervals.mean(), 1.0, 0.05, "the CV of the inter-spike intervals",
               hint="a Poisson process has exponential intervals (CV = 1).")
    assert_reproducible(lambda rng: call(student_poisson_spikes_isi, RATE, DURATION, 5, rng), what)


def poisson_spikes_bernoulli(student_poisson_spikes_bernoulli, seed=2009):
    """Check ``poisson_spikes_bernoulli(rate, duration, dt, n_trains, rng)``: 2000 trains, 1-ms bins."""
    n_trains, dt = 2000, 1.0
    what = f"poisson_spikes_bernoulli({RATE}, {DURATION}, {dt}, {n_trains}, rng)"
    spikes = as_array(call(student_poisson_spikes_bernoulli, RATE, DURATION, dt, n_trains,
                           np.random.default_rng(seed)), what, shape=(1000, n_trains), dtype=bool)
    p = RATE * dt / 1000
    # 2e6 bins: the fraction with a spike has standard error √(p(1 − p)/2e6) = 1.2e-4.
    assert_statistic(spikes.mean(), p, 1e-3, "the fraction of bins with a spike",
               hint="p = rate · dt with the rate in spikes per ms (rate / 1000); a spike where rng.random() < p.")
    counts = spikes.sum(axis=0)
    # Counts are Binomial(1000, 0.03): Fano factor 1 − p = 0.97, standard error ≈ 0.031.
    assert_statistic(counts.var() / counts.mean(), 1 - p, 0.2, "the Fano factor of the spike counts",
               hint="every train and every bin needs its own random number.")
    # Successive bins are independent: their correlation has standard error 1/√2e6 = 7e-4.
    successive = np.corrcoef(spikes[1:].ravel(), spikes[:-1].ravel())[0, 1]
    assert_statistic(successive, 0.0, 0.01, "the correlation of successive bins")
    assert_reproducible(lambda rng: call(student_poisson_spikes_bernoulli, RATE, 100.0, dt, 5, rng), what)


def gamma_isi(student_gamma_isi, seed=2010):
    """Check ``gamma_isi(order, rate, size, rng)``: mean 1000/rate and CV 1/√k, for k = 1 and 4."""
    size = 20_000
    for order in (1.0, 4.0):
        what = f"gamma_isi({order:g}, {RATE}, {size}, rng)"
        intervals = as_array(call(student_gamma_isi, order, RATE, size, np.random.default_rng(seed)), what,
                             shape=(size,))
        mean = 1000 / RATE
        # Standard error of the mean: (mean/√k)/√20000 ≤ 0.24 ms.
        assert_statistic(intervals.mean(), mean, 1.5, f"the mean interval of {what} (ms)",
                   hint="numpy's gamma takes shape k and scale θ with mean kθ: θ = mean interval / k.")
        # CV of 20 000 gamma samples: standard error below 0.006.
        assert_statistic(intervals.std() / intervals.mean(), 1 / np.sqrt(order), 0.04, f"the CV of {what}",
                   hint="the order k is the shape parameter: CV = 1/√k.")
    assert_reproducible(lambda rng: call(student_gamma_isi, 2.0, RATE, 10, rng), "gamma_isi")


def isi_cv(student_isi_cv):
    """Check ``isi_cv(spike_times)`` on fixed trains."""
    rng = np.random.default_rng(4)
    regular = np.arange(0.0, 100.0, 10.0)
    assert_close(call(student_isi_cv, regular), 0.0, "isi_cv of a perfectly regular train", atol=1e-12)
    for _ in range(3):
        times = np.cumsum(rng.gamma(2.0, 10.0, 12))
        intervals = np.diff(times)
        assert_close(
            call(student_isi_cv, times), np.std(intervals) / np.mean(intervals),
            f"isi_cv of a train of {times.size} spikes", atol=1e-12, rtol=1e-9,
            mistakes={
                "the CV is computed from the intervals np.diff(spike_times), not from the times.":
                    np.std(times) / np.mean(times),
                "use the population standard deviation (ddof=0).": np.std(intervals, ddof=1) / np.mean(intervals),
                "the CV is the standard deviation over the mean, not the variance.":
                    np.var(intervals) / np.mean(intervals),
            },
        )


def fano_factor(student_fano_factor):
    """Check ``fano_factor(counts)`` on fixed counts."""
    rng = np.random.default_rng(6)
    for counts in (np.array([3, 3, 3, 3]), rng.poisson(12, 30), rng.integers(0, 40, 50)):
        assert_close(
            call(student_fano_factor, counts), np.var(counts) / np.mean(counts),
            f"fano_factor of {counts.size} counts", atol=1e-12, rtol=1e-9,
            mistakes={
                "the Fano factor is the variance over the mean, not the standard deviation.":
                    np.std(counts) / np.mean(counts),
                "use the population variance (ddof=0).": np.var(counts, ddof=1) / np.mean(counts),
                "the Fano factor is var / mean, not mean / var.": np.mean(counts) / np.var(counts)
                if np.var(counts) else np.inf,
            },
        )


# The Fano factor of the counts of 10 000 gamma trains (order 4, 30 Hz, 1-s windows): over 100 seeds it is
# 0.2555 with a standard deviation (the sample's standard error) of 0.0031, and the question's seed 7 gives
# 0.2550. A correct student who draws in another order (a loop of one call per train, sums of four
# exponentials, one long train cut into 1-s windows: 0.2537–0.2593) gets another sample, so the tolerance is
# 0.02, over six standard errors. It rejects the CV of the intervals (0.50), the Poisson value (about 1), the
# standard deviation over the mean of the counts (0.09) and the var/mean of the intervals in ms (8.3).
gamma_fano = Discovery(
    0.2550, 0.02, "gamma_fano, the Fano factor of the spike counts of the gamma process of order 4",
    mistakes={"the question asks for the Fano factor of the spike counts in 1 s, not the CV of the intervals": 0.50,
              "the trains must come from gamma_isi of order 4, not from the Poisson generator": 1.0,
              "the Fano factor is the variance of the counts over their mean, not their standard deviation "
              "over their mean": 0.093})
