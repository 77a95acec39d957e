"""Independent validation of the Hebbian-learning reference: closed forms of plain Hebb, numpy's
eigen-decomposition and scikit-learn's PCA for Oja and Sanger, the averaged Oja equation integrated
with scipy, the sampling error of a principal axis (Anderson 1963), and the fixed points of the
averaged BCM rule with their stability (Bienenstock, Cooper & Munro 1982)."""

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.optimize import fsolve
from sklearn.decomposition import PCA

from checks.ch07_learning_rules import hebbian_learning as checks
from solutions.ch07_learning_rules import hebbian_learning as hl
from bug_zoo.ch07_learning_rules.hebbian_learning import ALTERNATIVES

SEEDS = range(100, 140)  # 40 seeds other than the checks' own
AXIS = np.array([1.0, 1.0]) / np.sqrt(2)


@pytest.fixture(scope="module")
def toy():
    return hl.toy_data(np.random.default_rng(hl.DATA_SEED))


# ---------------------------------------------------------------- plain Hebb

@pytest.mark.parametrize("rate", [1e-3, 0.1, 0.5, 0.99, 1.5])
def test_one_synapse_grows_for_every_positive_rate(rate):
    """w ← (1 + ηx²) w: the closed form, and growth whether ηx² is below 1 (the original's claim of decay) or not."""
    x, w, n_steps = np.array([[1.0]]), np.array([0.7]), 30
    for _ in range(n_steps):
        w = hl.hebb_update(w, x, eta=rate)
    assert w[0] == pytest.approx(0.7 * (1 + rate) ** n_steps, rel=1e-12)
    assert w[0] > 0.7


def test_small_steps_follow_the_continuous_exponential():
    """Euler steps of dw/dt = ηx²w at step dt = η approach e^{ηx²t} (solve_ivp) as η → 0, with error O(η)."""
    t_end, x = 5.0, np.array([[1.3]])
    exact = solve_ivp(lambda t, w: 1.69 * w, (0, t_end), [1.0], rtol=1e-12, atol=1e-12).y[0, -1]
    assert exact == pytest.approx(np.exp(1.69 * t_end), rel=1e-9)
    errors = []
    for eta in (1e-3, 5e-4):
        w = np.array([1.0])
        for _ in range(round(t_end / eta)):
            w = hl.hebb_update(w, x, eta=eta)
        errors.append(abs(w[0] / exact - 1))
    assert errors[0] < 0.01 and 1.9 < errors[0] / errors[1] < 2.1  # first order


def test_hebb_norm_grows_by_one_plus_eta_lambda_and_aligns(toy):
    values, vectors = np.linalg.eigh(toy.T @ toy)
    history = hl.train(hl.hebb_update, hl.W0, toy)
    norms = np.linalg.norm(history, axis=1)
    assert norms[-1] / norms[-2] == pytest.approx(1 + hl.ETA * values[-1], rel=1e-12)
    assert abs(history[-1] @ vectors[:, -1]) / norms[-1] == pytest.approx(1.0, abs=1e-12)


def test_hebb_log_growth_equals_the_eigen_decomposition(toy):
    """w_T = V diag((1 + ηλ)^T) Vᵀ w₀, so the discovery answer has a closed form."""
    values, vectors = np.linalg.eigh(toy.T @ toy)
    closed = np.log10(np.linalg.norm(vectors @ ((1 + hl.ETA * values) ** hl.N_ITER * (vectors.T @ hl.W0))))
    assert hl.hebb_log_growth() == pytest.approx(closed, abs=1e-10)
    assert checks.hebb_log_growth.accepts(closed)


# ---------------------------------------------------------------- Oja

def test_one_oja_step_changes_the_norm_as_the_ode_says():
    """‖w + Δw‖² − ‖w‖² = 2ηy²(1 − ‖w‖²) + O(η²) for one sample."""
    rng = np.random.default_rng(3)
    for _ in range(5):
        w, x = rng.normal(size=4), rng.normal(size=(1, 4))
        y = float(x[0] @ w)
        for eta in (1e-4, 1e-6):
            change = np.sum(hl.oja_update(w, x, eta) ** 2) - w @ w
            assert change == pytest.approx(2 * eta * y**2 * (1 - w @ w), rel=20 * eta * max(1, y**2, w @ w) ** 2)


@pytest.mark.parametrize("seed", SEEDS)
def test_oja_converges_to_the_unit_top_eigenvector(seed):
    """From random unit-length starts, as on the original page. (The discrete step needs η yᵀy well below 1:
    a start of length 3 makes η yᵀy ≈ 4 here and the iteration overshoots and diverges.)"""
    rng = np.random.default_rng(seed)
    x, w0 = hl.toy_data(rng), rng.normal(size=2)
    w0 /= np.linalg.norm(w0)
    _, vectors = np.linalg.eigh(x.T @ x)
    w = hl.train(hl.oja_update, w0, x, n_iter=400)[-1]
    assert np.linalg.norm(w) == pytest.approx(1.0, abs=1e-10)
    assert abs(w @ vectors[:, -1]) == pytest.approx(1.0, abs=1e-10)


def test_averaged_oja_equation_converges_to_the_population_axis():
    """dw/dt = Cw − (wᵀCw)w with the population covariance: (1, 1)/√2 up to sign (Oja 1982)."""
    solution = solve_ivp(lambda t, w: hl.COV @ w - (w @ hl.COV @ w) * w, (0, 60), hl.W0, rtol=1e-11, atol=1e-12)
    w = solution.y[:, -1]
    np.testing.assert_allclose(w * np.sign(w @ AXIS), AXIS, atol=1e-8)


def test_oja_angle_equals_the_angle_of_sklearns_component(toy):
    pc1 = PCA(n_components=1).fit(toy).components_[0]
    angle = np.degrees(np.arccos(abs(pc1 @ AXIS)))
    assert hl.oja_angle() == pytest.approx(angle, abs=1e-6)
    assert checks.oja_angle.accepts(angle)


def test_the_angle_is_a_sampling_error_of_the_expected_size():
    """The first principal axis of N samples deviates from the population's by an angle of standard deviation
    √(λ₁λ₂/N)/(λ₁ − λ₂) = 0.05 rad = 2.9° (Anderson 1963); over 400 data sets the rms angle is within 10 %
    of it (its sampling error is about 4 %)."""
    angles = []
    for seed in range(400):
        x = hl.toy_data(np.random.default_rng(seed))
        _, vectors = np.linalg.eigh(x.T @ x)
        angles.append(np.arccos(min(abs(vectors[:, -1] @ AXIS), 1.0)))
    expected = np.sqrt(1.5 * 0.5 / hl.N_SAMPLES) / (1.5 - 0.5)
    assert np.sqrt(np.mean(np.square(angles))) == pytest.approx(expected, rel=0.1)


# ---------------------------------------------------------------- Sanger

def test_sanger_rows_equal_sklearns_components_on_the_toy_data(toy):
    w = hl.train(hl.sanger_update, hl.W0_SANGER, toy)[-1]
    components = PCA(n_components=2).fit(toy).components_
    np.testing.assert_allclose(w * np.sign(np.sum(w * components, axis=1, keepdims=True)), components, atol=1e-8)


def test_sanger_finds_three_components_in_five_dimensions():
    rng = np.random.default_rng(11)
    basis, _ = np.linalg.qr(rng.normal(size=(5, 5)))
    cov = basis @ np.diag([4.0, 2.0, 1.0, 0.5, 0.25]) @ basis.T
    x = hl.toy_data(rng, 2000, cov)
    w = hl.train(hl.sanger_update, rng.normal(0, 0.3, (3, 5)), x, n_iter=3000, eta=1e-4)[-1]
    components = PCA(n_components=3).fit(x).components_
    np.testing.assert_allclose(w * np.sign(np.sum(w * components, axis=1, keepdims=True)), components, atol=1e-6)


# ---------------------------------------------------------------- BCM

def _averaged(z, eta_w=1.0, eta_theta=5.0):
    """The averaged BCM rule for the two patterns, p = 1/2 each, written out: z = (w₁, w₂, θ)."""
    y1, y2 = hl.PATTERNS @ z[:2]
    dw = eta_w * (y1 * (y1 - z[2]) * hl.PATTERNS[0] + y2 * (y2 - z[2]) * hl.PATTERNS[1]) / 2
    return np.r_[dw, eta_theta * ((y1**2 + y2**2) / 2 - z[2])]


def _jacobian(z, **rates):
    h = 1e-6
    return np.array([(_averaged(z + h * e, **rates) - _averaged(z - h * e, **rates)) / (2 * h) for e in np.eye(3)]).T


def test_reference_step_is_twice_an_euler_step_of_the_averaged_rule():
    rng = np.random.default_rng(5)
    for _ in range(10):
        w, theta = rng.uniform(-1, 2, 2), rng.uniform(0, 3)
        new_w, new_theta = hl.bcm_update(w, theta, hl.PATTERNS)
        np.testing.assert_allclose(np.r_[new_w, new_theta] - np.r_[w, theta],
                                   2 * _averaged(np.r_[w, theta], hl.BCM_ETA_W, hl.BCM_ETA_THETA), atol=1e-13)


def test_fixed_points_of_the_averaged_rule():
    """From 200 random starts fsolve finds only y ∈ {0, θ} for each pattern with θ = mean y²: (0, 0, θ = 0),
    (1, 1, θ = 1) and the selective (2, 0) and (0, 2) with θ = 2 (Bienenstock et al. 1982); only the selective
    ones are stable."""
    rng = np.random.default_rng(0)
    found = set()
    for _ in range(200):
        z, info, ok, _ = fsolve(_averaged, rng.uniform([-3, -3, 0], [3, 3, 4]), full_output=True, xtol=1e-13)
        if ok == 1 and np.max(np.abs(_averaged(z))) < 1e-10:
            found.add(tuple(np.round(np.r_[hl.PATTERNS @ z[:2], z[2]], 6) + 0.0))
    assert found == {(0.0, 0.0, 0.0), (1.0, 1.0, 1.0), (2.0, 0.0, 2.0), (0.0, 2.0, 2.0)}
    for responses, stable in (((2, 0), True), ((0, 2), True), ((1, 1), False)):
        w = np.linalg.solve(hl.PATTERNS, responses)
        eigenvalues = np.linalg.eigvals(_jacobian(np.r_[w, max(responses)]))
        assert (np.max(eigenvalues.real) < 0) == stable


def test_a_slow_threshold_destabilises_the_selective_state():
    """With η_θ = η_w/2 the selective fixed point is unstable (a pair of eigenvalues crosses into Re > 0):
    the threshold must be fast enough, as the notebook's η_θ = 5 η_w is."""
    w = np.linalg.solve(hl.PATTERNS, [2.0, 0.0])
    assert np.max(np.linalg.eigvals(_jacobian(np.r_[w, 2.0], eta_theta=0.5)).real) > 0
    assert np.max(np.linalg.eigvals(_jacobian(np.r_[w, 2.0], eta_theta=hl.BCM_ETA_THETA / hl.BCM_ETA_W)).real) < 0


def test_bcm_selectivity_is_the_selective_fixed_points():
    responses = np.array([2.0, 0.0])
    assert hl.bcm_selectivity() == pytest.approx(1 - responses.mean() / responses.max(), abs=1e-6)


@pytest.mark.parametrize("seed", SEEDS)
def test_online_bcm_selects_one_pattern(seed):
    """One random pattern per step from random initial weights: after 3000 presentations every one of 20 neurons
    prefers one pattern (selectivity above 0.4, against 0.5 at the fixed point, the rest being fluctuations)."""
    rng = np.random.default_rng(seed)
    w, theta = rng.uniform(0.2, 0.6, (20, 2)), np.zeros(20)
    for k in rng.integers(2, size=3000):
        w, theta = hl.bcm_update(w, theta, hl.PATTERNS[k:k + 1])
    assert np.all(hl.selectivity(w @ hl.PATTERNS.T) > 0.4)


# ---------------------------------------------------------------- the checks with other seeds

def _alternative_bcm():
    namespace = dict(vars(hl))
    exec(__import__("textwrap").dedent(ALTERNATIVES["bcm_update"]["a loop over the samples"]), namespace)
    return namespace["bcm_update"]


@pytest.mark.parametrize("seed", SEEDS)
def test_bcm_check_holds_for_other_seeds(seed):
    """The check draws its inputs and the online run's pattern order from ``seed``, and compares the online run
    with the reference at 1e-8: an implementation that sums in another order (the bug zoo's loop over samples)
    passes it for every seed, so round-off is not amplified beyond it."""
    checks.bcm_update(_alternative_bcm(), seed=seed)
