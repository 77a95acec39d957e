"""Independent validation of the Amari–Hopfield reference (section 9.2)."""

import math

import numpy as np
import pytest
from scipy.special import erfc
from scipy.stats import binom

from checks.ch09_associative_memory import hopfield_model as checks
from solutions.ch09_associative_memory import hopfield_model as hm


def _loop_update(states, weights, order=None):
    """The update rule written out neuron by neuron in plain Python, one state at a time."""
    states = [list(map(float, row)) for row in np.atleast_2d(states)]
    n = len(weights)
    result = []
    for s in states:
        old = list(s)
        for i in (range(n) if order is None else order):
            field = sum(weights[i][j] * (old if order is None else s)[j] for j in range(n))
            s[i] = 1.0 if field > 0 else -1.0 if field < 0 else s[i]
        result.append(s)
    return np.array(result)


def test_weights_are_the_sum_of_outer_products():
    rng = np.random.default_rng(0)
    patterns = hm.random_patterns(rng, 4, 30)
    expected = np.zeros((30, 30))
    for xi in patterns:
        for i in range(30):
            for j in range(30):
                if i != j:
                    expected[i, j] += xi[i] * xi[j] / 30
    weights = hm.hopfield_weights(patterns)
    np.testing.assert_allclose(weights, expected, atol=1e-15)
    assert np.array_equal(weights, weights.T) and not np.any(np.diag(weights))
    # At load 0.02 every stored pattern and its negative are fixed points (Hopfield 1982).
    patterns = hm.random_patterns(rng, 10, 500)
    weights = hm.hopfield_weights(patterns)
    for states in (patterns, -patterns):
        assert np.array_equal(hm.hopfield_update(states, weights), states)


def test_update_matches_the_rule_written_out_including_ties():
    rng = np.random.default_rng(1)
    # Unnormalised Hebb weights of an even number of patterns are integers with many exact ties.
    weights = hm.random_patterns(rng, 4, 15).T @ hm.random_patterns(rng, 4, 15)
    weights = (weights + weights.T) / 2
    np.fill_diagonal(weights, 0.0)
    states = hm.random_patterns(rng, 5, 15)
    assert np.any(states @ weights.T == 0)  # the ties are there
    for order in (None, rng.permutation(15), rng.integers(15, size=40)):
        np.testing.assert_array_equal(hm.hopfield_update(states, weights, order), _loop_update(states, weights, order))
        np.testing.assert_array_equal(hm.hopfield_update(states[0], weights, order),
                                      _loop_update(states[0], weights, order)[0])
    asymmetric = rng.standard_normal((9, 9))
    for order in (None, rng.permutation(9)):
        np.testing.assert_array_equal(hm.hopfield_update(states[:, :9], asymmetric, order),
                                      _loop_update(states[:, :9], asymmetric, order))


def test_energy_change_of_one_flip_and_monotone_asynchronous_dynamics():
    rng = np.random.default_rng(2)
    weights = rng.standard_normal((40, 40))
    weights = (weights + weights.T) / 2
    np.fill_diagonal(weights, 0.0)
    state = hm.random_patterns(rng, 1, 40)[0]
    assert hm.hopfield_energy(state, weights) == pytest.approx(-0.5 * state @ weights @ state, abs=1e-12)
    for i in range(40):  # ΔE = −Δs_i h_i for a single flip (symmetric W, zero diagonal)
        flipped = state.copy()
        flipped[i] = -flipped[i]
        delta = hm.hopfield_energy(flipped, weights) - hm.hopfield_energy(state, weights)
        assert delta == pytest.approx(-(flipped[i] - state[i]) * (weights[i] @ state), abs=1e-12)
    states = hm.random_patterns(rng, 50, 40)
    energy = hm.hopfield_energy(states, weights)
    for _ in range(3):
        for i in rng.permutation(40):
            states = hm.hopfield_update(states, weights, [i])
            new = hm.hopfield_energy(states, weights)
            assert np.all(new <= energy + 1e-12)
            energy = new
    # The symmetry matters: with asymmetric weights one single-neuron update raises E from −1 to +1.
    asymmetric = np.array([[0.0, 1.0], [-3.0, 0.0]])
    s = np.array([1.0, -1.0])
    after = hm.hopfield_update(s, asymmetric, [0])
    assert hm.hopfield_energy(s, asymmetric) == -1 and hm.hopfield_energy(after, asymmetric) == 1


def test_synchronous_dynamics_end_in_fixed_points_or_two_cycles():
    """L(t) = −s(t)ᵀ W s(t−1) never rises, so synchronous runs end in a fixed point or a 2-cycle
    (Goles, Fogelman-Soulié & Pellegrin 1985)."""
    rng = np.random.default_rng(3)
    weights = hm.hopfield_weights(hm.random_patterns(rng, 40, 200))  # load 0.2
    previous = hm.random_patterns(rng, 30, 200)
    current = hm.hopfield_update(previous, weights)
    lyapunov = -np.sum(current @ weights * previous, axis=1)
    for _ in range(60):
        previous, current = current, hm.hopfield_update(current, weights)
        new = -np.sum(current @ weights * previous, axis=1)
        assert np.all(new <= lyapunov + 1e-12)
        lyapunov = new
    two_steps = hm.hopfield_update(hm.hopfield_update(current, weights), weights)
    assert np.array_equal(two_steps, current)  # every run has reached a fixed point or a 2-cycle
    # Figure 4's network: the synchronous run ends in a 2-cycle whose energies differ, asynchronous sweeps in a
    # fixed point of lower energy.
    rng = np.random.default_rng(hm.SEED_DEMO)
    weights = hm.hopfield_weights(hm.random_patterns(rng, hm.P_DEMO, hm.N_DEMO))
    start = hm.random_patterns(rng, 1, hm.N_DEMO)[0]
    sync = [start]
    for _ in range(hm.N_SWEEPS_DEMO):
        sync.append(hm.hopfield_update(sync[-1], weights))
    assert np.array_equal(sync[-1], sync[-3]) and not np.array_equal(sync[-1], sync[-2])
    assert hm.hopfield_energy(sync[-1], weights) != hm.hopfield_energy(sync[-2], weights)
    state = start
    for _ in range(hm.N_SWEEPS_DEMO):
        state = hm.hopfield_update(state, weights, rng.permutation(hm.N_DEMO))
    assert np.array_equal(hm.hopfield_update(state, weights), state)


def test_one_step_error_rate_matches_the_exact_binomial_and_the_erfc_formula():
    # The erfc formula gives the published numbers (Hertz, Krogh & Palmer 1991, section 2.2 table).
    for load, published in ((0.105, 0.001), (0.138, 0.0036), (0.185, 0.01)):
        assert 0.5 * erfc(1 / math.sqrt(2 * load)) == pytest.approx(published, rel=0.06)
    rng = np.random.default_rng(4)
    n_units = 1000
    for n_patterns in (105, 138, 185):
        m = (n_patterns - 1) * (n_units - 1)
        exact = binom.cdf(math.ceil((m - n_units + 1) / 2) - 1, m, 0.5)
        assert checks._binomial_error_rate(n_units, n_patterns) == pytest.approx(exact, rel=1e-9)
        assert exact == pytest.approx(0.5 * erfc(1 / math.sqrt(2 * n_patterns / n_units)), rel=0.1)
        flips = []
        for _ in range(4):
            patterns = hm.random_patterns(rng, n_patterns, n_units)
            flips.append(np.mean(hm.hopfield_update(patterns, hm.hopfield_weights(patterns)) != patterns))
        standard_error = math.sqrt(exact / (4 * n_patterns * n_units))
        assert abs(np.mean(flips) - exact) < 5 * standard_error


def test_one_step_error_check_accepts_other_seeds():
    for seed in range(100, 140):
        checks.hopfield_update(hm.hopfield_update, seed=seed)


def test_critical_load_near_the_published_capacity_for_every_seed():
    """Amit, Gutfreund & Sompolinsky (1985): α_c = 0.138. The 512-neuron network's collapse lies within the
    discovery's tolerance for 40 seeds other than the question's, and near α_c on average."""
    answers = []
    for seed in range(100, 140):
        _, overlaps = hm.retrieval_curve(np.random.default_rng(seed))
        answers.append(hm.LOADS[np.argmax(overlaps < hm.RETRIEVED)])
    assert all(checks.critical_load.accepts(a) for a in answers)
    assert abs(np.mean(answers) - 0.138) < 0.015
    assert checks.critical_load.accepts(hm.critical_load())


def test_critical_load_with_asynchronous_sweeps():
    """The alternative of the bug zoo: asynchronous sweeps until nothing changes (at most 10) give 0.13."""
    rng = np.random.default_rng(hm.SEED_CAPACITY)
    overlaps = []
    for load in hm.LOADS:
        patterns = hm.random_patterns(rng, round(load * hm.N_CAPACITY), hm.N_CAPACITY)
        weights = hm.hopfield_weights(patterns)
        starts = patterns[:hm.N_STARTS]
        states = starts
        for _ in range(10):
            new = hm.hopfield_update(states, weights, rng.permutation(hm.N_CAPACITY))
            if np.array_equal(new, states):
                break
            states = new
        overlaps.append(np.mean(np.sum(states * starts, axis=1)) / hm.N_CAPACITY)
    answer = hm.LOADS[np.argmax(np.array(overlaps) < hm.RETRIEVED)]
    assert answer == pytest.approx(0.13) and checks.critical_load.accepts(answer)


def test_mixture_state_overlap_is_one_half():
    """Each of three patterns agrees with the majority sgn(ξ¹ + ξ² + ξ³) at 3/4 of the neurons, so the overlap
    is 1/2 (Amit et al. 1985); at load 0.01 the mixture is a fixed point nearby, not a stored pattern."""
    answers = [hm.mixture_overlap(seed) for seed in range(100, 140)]
    # At the start, the mean of the three overlaps averages |ξ¹ + ξ² + ξ³|/3 over the neurons: 1 with probability
    # 1/4, 1/3 with probability 3/4; mean 1/2, variance 1/12 per neuron.
    spread = math.sqrt(1 / 12 / hm.N_MIXTURE)
    assert all(checks.mixture_overlap.accepts(a) for a in answers)
    assert abs(np.mean(answers) - 0.5) < 5 * spread / math.sqrt(len(answers))
    assert np.std(answers) < 2 * spread
    rng = np.random.default_rng(hm.SEED_MIXTURE)
    patterns = hm.random_patterns(rng, hm.P_MIXTURE, hm.N_MIXTURE)
    weights = hm.hopfield_weights(patterns)
    final, _ = hm.recall(np.sign(patterns[:3].sum(axis=0)), weights)  # synchronous: the same fixed point
    overlaps = patterns @ final / hm.N_MIXTURE
    assert np.all(np.abs(overlaps) < 0.6) and np.mean(overlaps[:3]) == pytest.approx(hm.mixture_overlap(), abs=1e-12)


def test_images_are_balanced_and_recalled_from_corrupted_copies():
    patterns = hm.image_patterns()
    assert patterns.shape == (5, hm.IMAGE_SIDE**2) and set(np.unique(patterns)) == {-1.0, 1.0}
    assert np.all(patterns.sum(axis=1) == 0)  # binarised at the median: half bright, half dark
    overlaps = patterns @ patterns.T / patterns.shape[1]
    assert np.max(np.abs(overlaps - np.eye(5))) < 0.35  # distinct images
    weights = hm.hopfield_weights(patterns)
    rng = np.random.default_rng(hm.SEED_IMAGES)
    corrupted = np.where(rng.random(patterns.shape) < hm.FLIP_FRACTION, -patterns, patterns)
    recalled, n_steps = hm.recall(corrupted, weights)
    assert n_steps < hm.MAX_STEPS and np.array_equal(recalled, patterns)
    assert np.array_equal(hm.hopfield_update(corrupted, weights, rng.permutation(patterns.shape[1])), patterns)
