"""Checks of section 10.2, infomax ICA and slow feature analysis.

Besides the comparison with ``solutions`` on seeded data, the checks test facts
that need no reference: sphered data have zero mean and identity covariance
and are a linear map of the centred data (any sphering matrix is accepted);
infomax ICA increases its objective at every step and separates Laplace
sources up to order and sign (|corr| > 0.99); the quadratic expansion of two
inputs holds x₁, x₂, x₁², x₁x₂, x₂²; the slow features are uncorrelated with unit
variance and the slowest feature of Wiskott & Sejnowski's toy is sin t
(|corr| > 0.999, Δ = 1). Slow features are defined up to their signs, so each
returned feature is compared after flipping it to the reference's sign. Two
discovery answers: how well infomax with the logistic recovers uniform
(sub-Gaussian) sources, and how correlated the original page's "features" are.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch10_information_theory import ica_and_sfa as ref


def _logistic(u):
    return 1 / (1 + np.exp(-u))


def _sphered_sources(seed, n_samples, n_sources):
    """Laplace sources, their mixture by a random matrix, and the mixture sphered by the reference."""
    rng = np.random.default_rng(seed)
    sources = ref.unit_sources(rng, n_samples, n_sources, "laplace")
    mixing = rng.uniform(-1, 1, (n_sources, n_sources)) + np.eye(n_sources)
    return sources, ref.whiten(sources @ mixing.T)[0]


def whiten(student_whiten):
    """Check ``whiten(x)`` on correlated channels with offsets, on channels of very different scales and on the
    quadratic expansion of the SFA toy: zero mean, identity covariance, z = (x − mean) @ V.T."""
    rng = np.random.default_rng(101)
    cases = (
        ("3 correlated channels with offsets",
         rng.standard_normal((300, 3)) @ np.array([[2.0, 0.5, 0.0], [1.0, 1.0, 0.3], [0.0, -0.8, 0.5]]) + [5, -2, 10]),
        ("5 channels of scales 0.1 to 10",
         rng.laplace(size=(500, 5)) @ rng.normal(size=(5, 5)) * [0.1, 1.0, 10.0, 3.0, 0.5] + 7.0),
        ("the quadratic expansion of the SFA toy (600 samples)", ref.quadratic_expansion(ref.sfa_toy(600)[1])),
    )
    for what, x in cases:
        n, d = x.shape
        z, V = call(student_whiten, x, returns=("z", "V"))
        z = as_array(z, f"z returned by whiten for {what}", shape=x.shape)
        V = as_array(V, f"V returned by whiten for {what}", shape=(d, d))
        centred = x - x.mean(axis=0)
        # Sphered values are of order 1: round-off of an eigen- or Cholesky decomposition of covariances with
        # condition numbers up to 1e4 stays below 1e-11.
        assert_close(z.mean(axis=0), np.zeros(d), f"the mean of z for {what}", atol=1e-9,
                     hint="subtract the mean of every channel, x − x.mean(axis=0), before sphering.")
        covariance = centred.T @ centred / n
        second_moment = x.T @ x / n
        variances, axes = np.linalg.eigh(second_moment)
        uncentred_root = axes @ np.diag(variances ** -0.5) @ axes.T
        assert_close(z.T @ z / n, np.eye(d), f"the covariance z.T @ z / n_samples of z for {what}", atol=1e-9,
                     mistakes={
                         "standardising every channel (dividing by its standard deviation) makes the variances 1 but "
                         "leaves the correlations between channels: sphering must decorrelate them too "
                         "(V = C^(−1/2)).": np.corrcoef(x.T),
                         "the sphering matrix is C^(−1/2), the inverse square root of the covariance, not C⁻¹.":
                             np.linalg.inv(covariance),
                         "use the population covariance (divide by n_samples), as np.cov(x.T, bias=True).":
                             (n - 1) / n * np.eye(d),
                         "compute the covariance from the centred data, not the second moment x.T @ x / n.":
                             uncentred_root @ covariance @ uncentred_root,
                     })
        assert_close(z, centred @ V.T, f"z against (x − x.mean(axis=0)) @ V.T for {what}", atol=1e-9,
                     hint="return the matrix V that maps the centred samples to z: z = (x − mean) @ V.T (rows of V "
                          "are its output channels; with eigenvectors E in columns, PCA whitening is V = D^(−1/2) Eᵀ).")


def infomax_ica_step(student_infomax_ica_step):
    """Check ``infomax_ica_step(W, x, learning_rate)`` on sphered Laplace mixtures of two and three sources."""
    rng = np.random.default_rng(202)
    cases = (
        ("3 sources, 400 samples", np.eye(3) + 0.3 * rng.standard_normal((3, 3)), _sphered_sources(11, 400, 3)[1],
         0.1),
        ("2 sources, 250 samples", np.array([[1.2, -0.4], [0.7, 0.9]]), _sphered_sources(12, 250, 2)[1], 0.5),
    )
    for what, W, x, eta in cases:
        n = len(x)
        u = x @ W.T
        y = _logistic(u)
        identity = np.eye(len(W))
        natural = identity + (1 - 2 * y).T @ u / n
        inverse_transposed = np.linalg.inv(W).T
        u_wrong = x @ W
        mistakes = {
            "the original's book text, (I + (1 − 2y)xᵀ)W⁻ᵀ, mixes two rules; the natural gradient is "
            "(I + ⟨(1 − 2y)uᵀ⟩)W, with the outputs u = W x.":
                W + eta * (identity + (1 - 2 * y).T @ x / n) @ inverse_transposed,
            "this is Bell & Sejnowski's ordinary gradient W⁻ᵀ + ⟨(1 − 2y)xᵀ⟩; multiplied by WᵀW from the right it "
            "becomes the natural gradient (I + ⟨(1 − 2y)uᵀ⟩)W asked for.":
                W + eta * (inverse_transposed + (1 - 2 * y).T @ x / n),
            "the sign: the rule has (1 − 2y), which is negative for large u.":
                W + eta * (identity - (1 - 2 * y).T @ u / n) @ W,
            "the outer product is (1 − 2y)uᵀ: entry (i, j) is ⟨(1 − 2y_i) u_j⟩, (1 - 2*y).T @ u for samples in rows.":
                W + eta * (identity + u.T @ (1 - 2 * y) / n) @ W,
            "average over the samples (divide the sum by n_samples).": W + eta * (identity + (1 - 2 * y).T @ u) @ W,
            "the natural gradient ends in W: ΔW = η (I + ⟨(1 − 2y)uᵀ⟩) W.": W + eta * natural,
            "u_i = Σ_j W[i, j] x_j: for samples in rows, u = x @ W.T.":
                W + eta * (identity + (1 - 2 * _logistic(u_wrong)).T @ u_wrong / n) @ W,
            "y is the logistic σ(u) = 1/(1 + e^(−u)), not tanh(u).":
                W + eta * (identity + (1 - 2 * np.tanh(u)).T @ u / n) @ W,
            "infomax ascends its objective: W + ηΔW.": W - eta * natural @ W,
        }
        result = call(student_infomax_ica_step, W, x, eta)
        # A few hundred flops per entry on values of order 1: round-off ~1e-14.
        assert_close(result, ref.infomax_ica_step(W, x, eta), f"infomax_ica_step(W, x, {eta}) for {what}",
                     atol=1e-10, rtol=1e-10, mistakes=mistakes)


def infomax_ica(student_infomax_ica):
    """Check ``infomax_ica(x, learning_rate, n_iterations)`` against the reference and the facts: the objective
    rises, Laplace sources are recovered up to order and sign, zero steps return the identity."""
    # With η = 0.5 every one of 100 other seeds separated within 80 steps (tests/references runs 40 of them).
    for seed, n_samples, n_sources, eta, n_iterations in ((303, 1500, 3, 0.5, 150), (304, 800, 2, 0.5, 100)):
        sources, x = _sphered_sources(seed, n_samples, n_sources)
        what = f"infomax_ica(x, {eta}, {n_iterations}) for {n_sources} sphered Laplace mixtures"
        W, objective = call(student_infomax_ica, x, eta, n_iterations, returns=("W", "objective"))
        W = as_array(W, f"W returned by {what}", shape=(n_sources, n_sources))
        with hint_on_failure("objective holds infomax_objective before the first step (W = I) and after every "
                             "step: n_iterations + 1 values."):
            objective = as_array(objective, f"the objective returned by {what}", shape=(n_iterations + 1,))
        expected_W, expected_objective = ref.infomax_ica(x, eta, n_iterations)
        # The iteration contracts towards its fixed point, so round-off (1e-15 per step) does not grow: 1e-8 is far
        # above the spread of correct implementations.
        assert_close(objective, expected_objective, f"the objective of {what}", atol=1e-8, hint=(
            "start from W = np.eye(n); objective[k] is infomax_objective(W, x) after k steps of infomax_ica_step."))
        assert_close(W, expected_W, f"W of {what}", atol=1e-8,
                     hint="start from W = np.eye(n) and apply infomax_ica_step n_iterations times.")
        if np.any(np.diff(objective) < -1e-12):
            raise AssertionError(f"the objective of {what} decreases at step {np.argmax(np.diff(objective) < 0) + 1}; "
                                 "natural-gradient ascent with this small η raises it at every step.")
        recovered = ref.source_correlations(x @ W.T, sources)
        if recovered.max(axis=1).min() < 0.99:
            raise AssertionError(f"after {what} an output has |corr| {recovered.max(axis=1).min():.3f} with its best "
                                 "source; infomax separates Laplace sources (|corr| > 0.99 expected).")
    x = _sphered_sources(305, 200, 2)[1]
    W, objective = call(student_infomax_ica, x, 0.2, 0, returns=("W", "objective"))
    assert_close(W, np.eye(2), "W of infomax_ica(x, 0.2, 0) (no steps)", atol=1e-12,
                 hint="the iteration starts from the identity.")
    assert_close(objective, [ref.infomax_objective(np.eye(2), x)], "the objective of infomax_ica(x, 0.2, 0)",
                 atol=1e-12)


def quadratic_expansion(student_quadratic_expansion):
    """Check ``quadratic_expansion(x)`` for one to four inputs against the reference (sklearn's column order)."""
    rng = np.random.default_rng(404)
    for n_inputs in (1, 2, 3, 4):
        x = rng.normal(size=(20, n_inputs))
        what = f"quadratic_expansion(x) for {n_inputs} input(s)"
        expected = ref.quadratic_expansion(x)
        lower_first, lower_second = np.tril_indices(n_inputs)
        cross_first, cross_second = np.triu_indices(n_inputs, 1)
        with hint_on_failure(f"{n_inputs} linear terms and {n_inputs * (n_inputs + 1) // 2} products x_i x_j with "
                             "i ≤ j (squares included, each pair once), in that order."):
            result = as_array(call(student_quadratic_expansion, x), what, shape=expected.shape)
        assert_close(result, expected, what, atol=1e-12, rtol=1e-12, mistakes={
            "order the products row by row, (1, 1), (1, 2), …, (1, n), (2, 2), …: np.triu_indices(n), not "
            "np.tril_indices(n).": np.hstack([x, x[:, lower_first] * x[:, lower_second]]),
            "the products follow in the order (1, 1), (1, 2), …, (1, n), (2, 2), …: squares and cross terms mixed, "
            "not all squares first.": np.hstack([x, x**2, x[:, cross_first] * x[:, cross_second]]),
        })


def _aligned(features, reference):
    """``features`` with every column's sign flipped to agree with the reference's column."""
    signs = np.where(np.sum(features * reference, axis=0) < 0, -1.0, 1.0)
    return features * signs


def _sfa_variants(x, n_features, dt):
    """What slow feature analysis with a known mistake returns: {hint: (y, delta)}."""
    centred = x - x.mean(axis=0)
    z = ref.whiten(x)[0]

    def slowest(signals, derivative, covariance=None, reverse=False):
        matrix = derivative.T @ derivative / len(derivative) if covariance is None else covariance
        values, vectors = np.linalg.eigh(matrix)
        if reverse:
            values, vectors = values[::-1], vectors[:, ::-1]
        return signals @ vectors[:, :n_features], values[:n_features]

    standardised = centred / x.std(axis=0)
    dz = np.diff(z, axis=0) / dt
    values, vectors = np.linalg.eigh(dz.T @ dz / len(dz))
    return {
        "standardising every signal is not sphering: the signals stay correlated, and unit weight vectors do not "
        "give unit-variance, uncorrelated outputs. Sphere with whiten.":
            slowest(standardised, np.diff(standardised, axis=0) / dt),
        "the slow features belong to the smallest eigenvalues of ⟨ż żᵀ⟩ (np.linalg.eigh sorts them ascending).":
            slowest(z, dz, reverse=True),
        "the eigenvectors are the columns of the matrix np.linalg.eigh returns, not its rows.":
            (z @ vectors[:n_features].T, values[:n_features]),
        "Δ(y) = ⟨ẏ²⟩ is not centred: ⟨ż żᵀ⟩ = ż.T @ ż / (n_samples − 1), not np.cov of the differences.":
            slowest(z, dz, covariance=np.cov(dz.T, bias=True)),
        "the derivative is the forward difference (z(t + dt) − z(t))/dt, np.diff(z, axis=0) / dt, not np.gradient.":
            slowest(z, np.gradient(z, dt, axis=0)),
        "sphere the signals first (whiten): SFA needs unit-variance, uncorrelated outputs.":
            slowest(centred, np.diff(centred, axis=0) / dt),
    }


def _smooth_signals():
    """Four mixed signals of distinct slowness, one of them a ramp (its derivative has a nonzero mean)."""
    rng = np.random.default_rng(505)
    t = np.linspace(0.0, 40.0, 800)
    latent = np.column_stack([t / 40, np.sin(0.3 * t + 0.4), np.sin(1.1 * t + 1.0),
                              np.sin(2.9 * t + 2.0) + 0.3 * np.sin(7.0 * t)])
    return latent @ rng.normal(size=(4, 4)) + rng.normal(size=4), t[1] - t[0]


def slow_features(student_slow_features):
    """Check ``slow_features(x, n_features, dt)`` on the original page's toy and on mixed smooth signals."""
    t, x = ref.sfa_toy()
    smooth, dt_smooth = _smooth_signals()
    cases = (
        ("the quadratic expansion of the SFA toy", ref.quadratic_expansion(x), 5, {"dt": t[1] - t[0]}),
        ("4 mixed smooth signals, 3 features", smooth, 3, {"dt": dt_smooth}),
        ("4 mixed smooth signals, all features, default dt", smooth, 4, {}),
    )
    for what, signals, n_features, kwargs in cases:
        dt = kwargs.get("dt", 1.0)
        call_text = f"slow_features for {what}"
        y, delta = call(student_slow_features, signals, n_features, returns=("y", "delta"), **kwargs)
        y = as_array(y, f"y returned by {call_text}", shape=(len(signals), n_features))
        delta = as_array(delta, f"delta returned by {call_text}", shape=(n_features,))
        expected_y, expected_delta = ref.slow_features(signals, n_features, dt)
        variants = _sfa_variants(signals, n_features, dt)
        # Features of unit variance from well-separated eigenvalues (gaps ≥ 10 % of the largest): round-off of the
        # sphering and eigen-decomposition, whichever way they are done, stays below 1e-10.
        assert_close(_aligned(y, expected_y), expected_y, f"the features y of {call_text} (each up to its sign)",
                     atol=1e-7, mistakes={hint: _aligned(wrong_y, expected_y)
                                          for hint, (wrong_y, _) in variants.items() if wrong_y.shape == y.shape})
        delta_mistakes = {hint: wrong_delta for hint, (_, wrong_delta) in variants.items()}
        delta_mistakes["divide the differences by dt: Δ is per unit of dt squared."] = expected_delta * dt**2
        delta_mistakes["Δ is the mean of the squared derivative ⟨ẏ²⟩, not of the squared difference divided by dt "
                       "once."] = expected_delta * dt
        assert_close(delta, expected_delta, f"the Δ-values of {call_text}", atol=1e-9, rtol=1e-7,
                     mistakes=delta_mistakes)
    # The toy's facts: sin t = x₁ − 2x₂² is the slowest function in the span (Δ = 1 per unit of t²).
    y, delta = call(student_slow_features, ref.quadratic_expansion(x), 1, returns=("y", "delta"), dt=t[1] - t[0])
    y = as_array(y, "y returned by slow_features(expanded toy, 1, dt)", shape=(len(t), 1))
    correlation = abs(np.corrcoef(y[:, 0], np.sin(t))[0, 1])
    if correlation < 0.999:
        raise AssertionError(f"the slowest feature of the toy has |corr| {correlation:.4f} with sin t; it should be "
                             "sin t itself (x₁ − 2x₂² lies in the span of the expansion).")
    # Δ(sin t) = 1 per unit of t²; the forward difference lowers it by dt²/12 ≈ 1.3e-7 and the sampled variance
    # raises it by 2e-4: 0.01 is far above both and far below any mistake (Δ without dt: 1.6e-6).
    assert_close(as_array(delta, "delta returned by slow_features(expanded toy, 1, dt)", shape=(1,)), [1.0],
                 "the Δ-value of the toy's slowest feature (per unit of t²)", atol=0.01,
                 hint="Δ of sin t is ⟨cos² t⟩/⟨sin² t⟩ = 1 per unit of t²: divide the differences by dt.")


# With the logistic nonlinearity infomax assumes super-Gaussian sources; for two uniform (sub-Gaussian) sources the
# separating solution is unstable and the outputs settle at the 45° rotation, |corr| = 1/√2 = 0.7071 for the
# population. The notebook's 3000 samples give 0.7104 (0.709 to 0.727 over ten seeds; 0.7128 after 100 steps, the
# same to 1e-4 from 200 to 1000). ± 0.02 accepts these and the population value, and rejects the untrained sphered
# mixtures (0.800), the mixtures x themselves (0.895), the squared correlation (0.505) and Laplace sources (≈ 1).
uniform_correlation = Discovery(
    0.7104, 0.02, "uniform_correlation, the largest |corr| between an output and a uniform source",
    mistakes={"train first: the sphered mixtures alone (W = I) are not the outputs of infomax ICA.": 0.8002,
              "correlate the outputs u = z @ W.T with the sources, not the mixtures x.": 0.8954,
              "report the correlation coefficient, not its square.": 0.5047,
              "use the uniform sources (unit_sources(..., \"uniform\")), not Laplace ones.": 1.0})

# The original's SFA of the expanded toy (each signal standardised, SVD of the differences, smallest singular
# value first) gives 0.6014 between SF1 and SF3. Standardising with ddof = 1, dropping the last sample as the
# original does, or correlating with sin t instead of SF1 (0.6024) all stay within 0.0011; ± 0.01 accepts them and
# rejects the unstandardised signals (0.6265), the largest singular value first (0.431), the mean over the four
# (0.258) and properly sphered features (0).
original_feature_correlation = Discovery(
    0.6014, 0.01, "original_feature_correlation, the largest |corr| between the original's SF1 and its SF2–SF5",
    mistakes={"standardise every expanded signal first, as the original does.": 0.6265,
              "the slowest feature belongs to the smallest singular value (numpy sorts them in decreasing order).":
                  0.4309,
              "the largest |corr| over the four, not their mean.": 0.2581,
              "these are your own (sphered) features, which are uncorrelated by construction: compute the "
              "original's.": 0.0})
