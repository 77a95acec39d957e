"""Checks of section 7.2, Hebbian learning.

Besides comparing one step with ``solutions`` on seeded inputs, the checks run
the student's rules and test the facts of each: plain Hebb grows a single
synapse by (1 + ηx²) per step even when ηx² < 1, and on the toy data its norm
grows by 1 + ηλ₁ per step (λ₁ the top eigenvalue of XᵀX, from numpy); Oja's
weight reaches unit length along the first principal component; Sanger's rows
reach the principal components in order; BCM neurons reach the selective fixed
points of the averaged rule, responses (2, 0) or (0, 2) with θ = 2. The
principal components come from ``numpy.linalg.eigh`` (sklearn's PCA agrees,
tests/references/ch07_learning_rules/test_hebbian_learning.py), which is
cheaper to import in the grader.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch07_learning_rules import hebbian_learning as ref


def _batches(rng):
    """(w, x, kwargs) cases: the toy data, a random 5-input batch of 7 samples, one sample of 3 inputs."""
    toy = ref.toy_data(rng, 60)
    return ((rng.normal(0, 1, 2), toy, {}),
            (rng.normal(0, 1, 5), rng.normal(0, 1, (7, 5)), {"eta": 0.05}),
            (rng.normal(0, 1, 3), rng.normal(0, 1, (1, 3)), {"eta": 0.5}))


def _describe(w, x, kwargs, name):
    extra = "".join(f", {key}={value}" for key, value in kwargs.items())
    return f"{name}(w of shape {w.shape}, x of shape {x.shape}{extra})"


def _top_eigenvector(x):
    """The first principal component of the rows of x (unit length) and the top eigenvalue of XᵀX."""
    values, vectors = np.linalg.eigh(x.T @ x)
    return vectors[:, -1], values[-1]


def hebb_update(student_hebb_update):
    """Check ``hebb_update(w, x, eta)`` on seeded batches, a single synapse, and the growth on the toy data."""
    rng = np.random.default_rng(721)
    for w, x, kwargs in _batches(rng):
        eta = kwargs.get("eta", ref.ETA)
        what = _describe(w, x, kwargs, "hebb_update")
        got = as_array(call(student_hebb_update, w, x, **kwargs), what, shape=w.shape)
        y = x @ w
        # One matrix product of at most 60 terms: round-off of order 1e-15.
        assert_close(got, ref.hebb_update(w, x, **kwargs), what, atol=1e-12, rtol=1e-10, mistakes={
            "return the new weights w + Δw, not the change Δw.": eta * x.T @ y,
            "sum the changes over the samples of the batch (Δw = η Xᵀy), do not average them.":
                w + eta * x.T @ y / len(x),
            "plain Hebb has no decay term: Δw = η Xᵀy (the −y²w term belongs to Oja's rule).":
                ref.oja_update(w, x, eta),
            "scale the change by the eta argument.": w + x.T @ y,
            "the output is y = Xw, one value per sample; the change is Xᵀy.": w + eta * x.T @ x.sum(axis=1),
        })
    # One synapse, x = 0.5, η = 1: ηx² = 0.25 < 1, and still w grows by 1.25 per step (exact in binary).
    w = np.array([1.0])
    for _ in range(10):
        w = as_array(call(student_hebb_update, w, np.array([[0.5]]), eta=1.0),
                     "hebb_update(w of shape (1,), [[0.5]], eta=1.0)", shape=(1,))
    assert_close(w, [1.25**10], "w after 10 steps of hebb_update from w = 1 with x = 0.5 and η = 1 (ηx² = 0.25)",
                 atol=1e-9, hint="for one synapse w ← w + ηx·(wx) = (1 + ηx²)w: it grows for every ηx² > 0.")
    with hint_on_failure("plain Hebb multiplies w by I + ηXᵀX at every step; after a few steps w lies along the "
                         "top eigenvector of XᵀX and its norm grows by 1 + ηλ₁ per step."):
        _growth_rate(student_hebb_update)


def _growth_rate(student_hebb_update, n_iter=40):
    """On the notebook's toy data, ‖w‖ grows by 1 + ηλ₁ per step once w is aligned with the first principal
    component: the other component shrinks relative to it by (1 + ηλ₂)/(1 + ηλ₁) ≈ 0.78 per step, so after
    40 steps the ratio of norms is 1 + ηλ₁ to about 1e-9."""
    x = ref.toy_data(np.random.default_rng(ref.DATA_SEED))
    _, top = _top_eigenvector(x)
    norms = [np.linalg.norm(ref.W0)]
    w = ref.W0
    for _ in range(n_iter):
        w = as_array(call(student_hebb_update, w, x, ref.ETA), "hebb_update(w, X, 0.001)", shape=(2,))
        norms.append(np.linalg.norm(w))
    assert_close(norms[-1] / norms[-2], 1 + ref.ETA * top,
                 f"the growth factor ‖w_{n_iter}‖/‖w_{n_iter - 1}‖ of plain Hebb on the toy data (η = 0.001)",
                 atol=1e-6)


def oja_update(student_oja_update):
    """Check ``oja_update(w, x, eta)`` on seeded batches, then unit length along the first principal component."""
    rng = np.random.default_rng(722)
    for w, x, kwargs in _batches(rng):
        eta = kwargs.get("eta", ref.ETA)
        what = _describe(w, x, kwargs, "oja_update")
        got = as_array(call(student_oja_update, w, x, **kwargs), what, shape=w.shape)
        y = x @ w
        normalised = w + eta * x.T @ y
        assert_close(got, ref.oja_update(w, x, **kwargs), what, atol=1e-12, rtol=1e-10, mistakes={
            "Oja's rule subtracts the decay term η yᵀy w from the Hebbian change η Xᵀy.": normalised,
            "the decay term is −η yᵀy w (minus: it shrinks w).": w + eta * (x.T @ y + (y @ y) * w),
            "the decay term is proportional to y², the squared output: −η Σₙ yₙ² w.": w + eta * (x.T @ y - y.sum() * w),
            "Oja's rule is the first-order expansion of the normalised Hebb step: w + η(Xᵀy − (yᵀy) w), "
            "without a division.": normalised / np.linalg.norm(normalised),
            "sum both terms over the samples of the batch, do not average them.":
                w + eta * (x.T @ y - (y @ y) * w) / len(x),
            "scale the change by the eta argument.": w + x.T @ y - (y @ y) * w,
        })
    with hint_on_failure("with Oja's rule d‖w‖²/dt = 2ηy²(1 − ‖w‖²): the weight should settle at unit length "
                         "along the top eigenvector of XᵀX."):
        _converges_to_pc1(student_oja_update)


def _converges_to_pc1(student_oja_update):
    """200 iterations from W0 on the notebook's toy data: the angle to the first principal component shrinks
    by (1 + ηλ₂)/(1 + ηλ₁) ≈ 0.78 per step, so after 200 both the norm and |cos| equal 1 to round-off."""
    x = ref.toy_data(np.random.default_rng(ref.DATA_SEED))
    pc1, _ = _top_eigenvector(x)
    w = ref.W0
    for _ in range(ref.N_ITER):
        w = as_array(call(student_oja_update, w, x, ref.ETA), "oja_update(w, X, 0.001)", shape=(2,))
    assert_close(np.linalg.norm(w), 1.0, "‖w‖ after 200 steps of oja_update on the toy data", atol=1e-9)
    assert_close(abs(w @ pc1), 1.0, "|cos| of the angle between w and the first principal component after 200 "
                 "steps of oja_update on the toy data", atol=1e-9)


def sanger_update(student_sanger_update):
    """Check ``sanger_update(w, x, eta)`` on seeded batches, then convergence to the principal components."""
    rng = np.random.default_rng(723)
    cases = ((rng.normal(0, 1, (2, 2)), ref.toy_data(rng, 60), {}),
             (rng.normal(0, 1, (3, 5)), rng.normal(0, 1, (7, 5)), {"eta": 0.05}),
             (rng.normal(0, 1, (2, 4)), rng.normal(0, 1, (1, 4)), {"eta": 0.5}))
    for w, x, kwargs in cases:
        eta = kwargs.get("eta", ref.ETA)
        what = _describe(w, x, kwargs, "sanger_update")
        got = as_array(call(student_sanger_update, w, x, **kwargs), what, shape=w.shape)
        y = x @ w.T
        hebb = y.T @ x
        gram = y.T @ y
        assert_close(got, ref.sanger_update(w, x, **kwargs), what, atol=1e-12, rtol=1e-10, mistakes={
            "Sanger's rule keeps the lower triangle of YᵀY (np.tril), not only its diagonal: the diagonal "
            "alone is Oja's rule for each output, and all outputs learn the same component.":
                w + eta * (hebb - np.diag(np.diag(gram)) @ w),
            "keep the lower triangle of YᵀY (output i subtracts outputs 1 … i), not the upper one.":
                w + eta * (hebb - np.triu(gram) @ w),
            "keep only the lower triangle of YᵀY: with the whole matrix (Oja's subspace rule) the outputs span the "
            "principal subspace but do not find the components in order.": w + eta * (hebb - gram @ w),
            "take the lower triangle of YᵀY before multiplying by W: LT(YᵀY) W.": w + eta * (hebb - np.tril(gram @ w)),
            "sum both terms over the samples of the batch, do not average them.": w + eta * (hebb - np.tril(gram) @ w) / len(x),
        })
    with hint_on_failure("Sanger's rows should settle at the principal components, in order of decreasing "
                         "variance, each of unit length."):
        _converges_to_components(student_sanger_update)


def _converges_to_components(student_sanger_update):
    """200 iterations from W0_SANGER on the notebook's toy data: the rows equal the eigenvectors of XᵀX in
    order, up to sign. The second row converges as (1 − ηλ₂)^t ≈ 0.86^t after the first: after 200 steps
    to round-off, so 1e-8 holds with room to spare."""
    x = ref.toy_data(np.random.default_rng(ref.DATA_SEED))
    _, vectors = np.linalg.eigh(x.T @ x)
    components = vectors[:, ::-1].T  # rows, largest variance first
    w = ref.W0_SANGER
    for _ in range(ref.N_ITER):
        w = as_array(call(student_sanger_update, w, x, ref.ETA), "sanger_update(W, X, 0.001)", shape=(2, 2))
    aligned = w * np.sign(np.sum(w * components, axis=1, keepdims=True))
    assert_close(aligned, components, "the rows of W after 200 steps of sanger_update on the toy data, up to sign, "
                 "against the principal components (first row: largest variance)", atol=1e-8)


def bcm_update(student_bcm_update, seed=724):
    """Check ``bcm_update(w, theta, x, eta_w, eta_theta)``: one step on seeded inputs, the selective fixed points
    of the averaged rule, and an online run with the patterns in a random order drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    cases = ((rng.uniform(0, 1, 2), 0.3, ref.PATTERNS[1:], {}),
             (rng.uniform(0, 1, (4, 3)), rng.uniform(0, 2, 4), rng.uniform(0, 1, (3, 3)),
              {"eta_w": 0.05, "eta_theta": 0.2}),
             (rng.uniform(0, 1, (2, 2)), rng.uniform(0, 2, 2), ref.PATTERNS, {}))
    for w, theta, x, kwargs in cases:
        eta_w, eta_theta = kwargs.get("eta_w", ref.BCM_ETA_W), kwargs.get("eta_theta", ref.BCM_ETA_THETA)
        extra = "".join(f", {key}={value}" for key, value in kwargs.items())
        what = f"bcm_update(w of shape {w.shape}, theta of shape {np.shape(theta)}, x of shape {x.shape}{extra})"
        got_w, got_theta = call(student_bcm_update, w, theta, x, returns=("w", "theta"), **kwargs)
        expected_w, expected_theta = ref.bcm_update(w, theta, x, **kwargs)
        y = x @ w.T
        new_theta = theta + eta_theta * np.sum(y**2 - theta, axis=0)
        assert_close(got_w, expected_w, f"w returned by {what}", atol=1e-12, rtol=1e-10, mistakes={
            "use the threshold from before the step in the weight change: compute both changes from the old "
            "w and θ.": w + eta_w * (y * (y - new_theta)).T @ x,
            "the weight change is η_w x y (y − θ): the factor y is missing.": w + eta_w * (y - theta).T @ x,
            "potentiation above the threshold, depression below: y (y − θ), not y (θ − y).":
                w + eta_w * (y * (theta - y)).T @ x,
            "sum the changes over the samples of the batch, do not average them.":
                w + eta_w * (y * (y - theta)).T @ x / len(x),
        })
        assert_close(got_theta, expected_theta, f"theta returned by {what}", atol=1e-12, rtol=1e-10, mistakes={
            "the threshold slides towards y², the squared output: Δθ = η_θ Σₙ (yₙ² − θ).":
                theta + eta_theta * np.sum(y - theta, axis=0),
            "the threshold's change is a sum of one change per sample, Σₙ (yₙ² − θ): θ is subtracted once per "
            "sample.": theta + eta_theta * (np.sum(y**2, axis=0) - theta),
            "sum the changes over the samples of the batch, do not average them.":
                theta + eta_theta * np.mean(y**2 - theta, axis=0),
            "return the new threshold θ + Δθ, not the change Δθ.": new_theta - theta,
        })
    with hint_on_failure("the averaged rule (both patterns in every batch) should make each neuron respond to "
                         "one pattern only."):
        _selective_fixed_points(student_bcm_update)
    _online(student_bcm_update, rng)


def _selective_fixed_points(student_bcm_update, n_steps=500):
    """Two neurons, both patterns in every batch (the averaged rule, p = 1/2), η_w = 0.05, η_θ = 0.25, from
    weights that favour pattern 1 and pattern 2: the responses reach (2, 0) and (0, 2) and θ = 2, the stable
    fixed points of Bienenstock et al. (1982). The distance to them shrinks by about 0.95 per step: 1e-8 after
    500 steps (measured), so 1e-6 is a tolerance of round-off and convergence both."""
    w, theta = np.array([[0.5, 0.4], [0.3, 0.35]]), np.zeros(2)
    for _ in range(n_steps):
        w, theta = call(student_bcm_update, w, theta, ref.PATTERNS, 0.05, 0.25, returns=("w", "theta"))
        w, theta = as_array(w, "w returned by bcm_update", shape=(2, 2)), as_array(theta, "theta", shape=(2,))
    assert_close(w @ ref.PATTERNS.T, [[2.0, 0.0], [0.0, 2.0]], f"the responses to the two patterns after {n_steps} "
                 "steps of the averaged rule (η_w = 0.05, η_θ = 0.25) from w = (0.5, 0.4) and (0.3, 0.35)", atol=1e-6)
    assert_close(theta, [2.0, 2.0], f"θ after {n_steps} steps of the averaged rule", atol=1e-6)


def _online(student_bcm_update, rng, n_neurons=20, n_steps=2000):
    """20 neurons from random weights, one pattern per step in a random order drawn from the check's generator:
    the weights must follow the reference's. The fluctuations are not chaotic: round-off differences between
    correct implementations (1e-16) stay below 1e-12 over the run (tests/references runs this with 40 seeds
    and the bug zoo's alternatives), so 1e-8 leaves room."""
    w, theta = rng.uniform(0.2, 0.6, (n_neurons, 2)), np.zeros(n_neurons)
    expected_w, expected_theta = w, theta
    for k in rng.integers(2, size=n_steps):
        x = ref.PATTERNS[k:k + 1]
        w, theta = call(student_bcm_update, w, theta, x, returns=("w", "theta"))
        expected_w, expected_theta = ref.bcm_update(expected_w, expected_theta, x)
    assert_close(as_array(w, "w", shape=expected_w.shape), expected_w,
                 f"the weights of {n_neurons} neurons after {n_steps} presentations of one random pattern each",
                 atol=1e-8, rtol=1e-8)
    assert_close(as_array(theta, "theta", shape=expected_theta.shape), expected_theta,
                 f"the thresholds after {n_steps} presentations", atol=1e-8, rtol=1e-8)


# Discovery answers.

# Plain Hebb's growth over the original's 200 iterations: 33.256 decades from W0 on the notebook's data. The
# question asks for one decimal; any correct simulation (or the eigen-decomposition w_T = V diag((1 + ηλ)^T) Vᵀ w₀)
# agrees to 1e-12, so ±0.1 accepts every correct answer and rejects 200·log10(1 + ηλ₁) without the start's
# projection on the first component (33.53), one step more or fewer (±0.17), the continuous-time growth
# e^{ηλ₁T} (40.9), the natural logarithm (76.6) and averaging over the batch instead of summing (0.07).
hebb_log_growth = Discovery(
    33.256, 0.1, "hebb_log_growth, log10 of the growth factor of ‖w‖ over the 200 iterations",
    mistakes={"simulate from W0: the start's component along the first principal component sets the prefactor": 33.53,
              "the weights change in 200 discrete steps, w ← (I + ηXᵀX) w, not by the continuous e^{ηλt}": 40.92,
              "take the logarithm to base 10": 76.57,
              "hebb_update sums the changes over the batch; with the mean the weight hardly grows": 0.073})

# The angle between Oja's weight and the distribution's axis (1, 1)/√2: 3.256° on the notebook's 300 samples.
# Oja's weight equals the sample's first principal component to 1e-12 after 200 iterations, so every correct way
# (the simulation, numpy's eigh, sklearn's PCA) agrees far below the 0.1° the question asks for; ±0.1° rejects
# the sample's own axis (0°), radians (0.057), the unfolded angle of a weight that ends along −(1, 1)/√2
# (176.7°), the second axis (86.7°) and the initial weight (61.3° or 118.7°).
oja_angle = Discovery(
    3.256, 0.1, "oja_angle, the angle between Oja's weight and the axis (1, 1)/√2", unit="°",
    mistakes={"compare with the distribution's axis (1, 1)/√2, not with the principal component of the sample, "
              "which Oja's weight has reached": 0.0,
              "give the angle in degrees": 0.0568,
              "the line of w and −w is the same: fold the angle into [0°, 90°] with |cos|": 176.74,
              "measure the angle to the first axis (1, 1)/√2, not to the second": 86.74,
              "use the weight after the 200 iterations, not the initial one": 61.26})

# The BCM neuron's selectivity after 1000 steps of the averaged rule: 0.49999997, the selective fixed point
# where the responses are (2, 0). Every correct run agrees to 1e-7; ±0.02 (the two decimals asked) rejects
# the responses of the initial weights (0.071), the selectivity of the weights instead of the responses (0.65),
# 1 − max/mean (−1) and 1 − min/max (1).
bcm_selectivity = Discovery(
    0.5, 0.02, "bcm_selectivity, the selectivity 1 − mean(y)/max(y) of the trained BCM neuron",
    mistakes={"compute the responses of the weights after the 1000 steps, not of the initial ones": 0.071,
              "the selectivity is that of the responses y = PATTERNS @ w, not of the weights": 0.65,
              "1 − mean(y)/max(y), not 1 − min(y)/max(y)": 1.0})
