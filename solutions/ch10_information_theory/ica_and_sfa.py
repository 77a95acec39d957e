"""Infomax ICA and slow feature analysis (section 10.2, 独立成分分析と Slow Feature Analysis).

Independent component analysis (ICA) assumes that the observations are a linear
mixture x = A s of independent sources s and looks for an unmixing matrix W
whose outputs u = W x are independent again. Bell & Sejnowski (1995) found W
by maximising the entropy of the bounded outputs y = σ(u) of logistic units
(infomax), which is the maximum-likelihood estimate when the sources have the
logistic density σ′ (MacKay 1996; Cardoso 1997). Its gradient is
ΔW ∝ W⁻ᵀ + (1 − 2y)xᵀ; multiplied from the right by WᵀW it becomes the natural
(relative) gradient of Amari, Cichocki & Yang (1996),

    ΔW = η (I + ⟨(1 − 2y) uᵀ⟩) W,    u = W x,  y = σ(u),

which needs no matrix inverse and is equivariant: its steps depend on the data
only through u = W x. (The original's book text writes (I + (1 − 2y)xᵀ)W⁻ᵀ,
which mixes the two rules and is neither.) Here every step averages the rule
over the whole batch. The data are first centred and sphered (whitened),
z = V (x − ⟨x⟩) with ⟨z zᵀ⟩ = I, which leaves only a rotation to find. ICA can
only recover the sources up to their order, signs and scales, and only if they
are not Gaussian; the logistic's density is super-Gaussian (positive excess
kurtosis), so the rule separates super-Gaussian sources such as Laplace
signals (Lee, Girolami & Sejnowski 1999 extend it to sub-Gaussian ones).
The objective is the output entropy up to the constant H(x),

    L(W) = log |det W| + ⟨Σᵢ log σ′(uᵢ)⟩,    σ′(u) = σ(u)(1 − σ(u)).

Slow feature analysis (SFA; Wiskott & Sejnowski 2002) finds functions
y_j = g_j(x) of an input time series that vary as slowly as possible: it
minimises Δ(y_j) = ⟨ẏ_j²⟩ subject to ⟨y_j⟩ = 0, ⟨y_j²⟩ = 1 and ⟨y_i y_j⟩ = 0
for i < j. For g in the span of a nonlinear expansion h(x) (here all monomials
of degree one and two) the solution is linear algebra: sphere h, z = V(h − ⟨h⟩);
then every unit vector w gives a unit-variance output y = wᵀz, orthogonal
vectors give uncorrelated outputs, and the slow features are the eigenvectors
of ⟨ż żᵀ⟩ with the smallest eigenvalues, which are their Δ-values. The time
derivative is the forward difference (z(t + Δt) − z(t))/Δt.

The toy of Wiskott & Sejnowski (2002), as on the original page: t ∈ [0, 2π] in
5000 samples, x₁ = sin t + 2cos²(11t), x₂ = cos(11t). Both inputs vary fast, but
x₁ − 2x₂² = sin t lies in the span of the quadratic expansion, so the slowest
feature is sin t up to its sign (Δ = 1 per unit of t²). The original page only
standardised every expanded signal (x − ⟨x⟩)/std(x) before the singular value
decomposition of the time differences: without sphering, unit weight vectors do
not give unit-variance outputs and orthogonal ones do not give uncorrelated
outputs, so the later "features" are not SFA's.

The ICA parameters are chosen here (the original has no ICA code): two
unit-variance Laplace sources of 3000 samples, a fixed mixing matrix, batch
natural-gradient steps with η = 0.2 from W = I.

Original: the SFA page of 「Juliaで学ぶ計算論的神経科学」,
https://compneuro-julia.github.io/local-learning-rule/slow-feature-analysis.html
(first chap9/9-4_slow_feature_analysis; repository
compneuro-julia/compneuro-julia-management,
contents/local-learning-rule/slow-feature-analysis.ipynb), and the book text on
ICA (contents_book/markdown_ipynb/02_local-learning-rule/02_local-learning-rule_06.md).

References
----------
Bell, A. J. & Sejnowski, T. J. (1995). An information-maximization approach to
blind separation and blind deconvolution. Neural Comput. 7, 1129–1159.
Amari, S., Cichocki, A. & Yang, H. H. (1996). A new learning algorithm for blind
signal separation. Adv. Neural Inf. Process. Syst. 8, 757–763.
Cardoso, J.-F. (1997). Infomax and maximum likelihood for blind source
separation. IEEE Signal Process. Lett. 4, 112–114.
Bell, A. J. & Sejnowski, T. J. (1997). The "independent components" of natural
scenes are edge filters. Vision Res. 37, 3327–3338.
Lee, T.-W., Girolami, M. & Sejnowski, T. J. (1999). Independent component
analysis using an extended infomax algorithm for mixed subgaussian and
supergaussian sources. Neural Comput. 11, 417–441.
Hyvärinen, A. & Oja, E. (2000). Independent component analysis: algorithms and
applications. Neural Netw. 13, 411–430.
Wiskott, L. & Sejnowski, T. J. (2002). Slow feature analysis: unsupervised
learning of invariances. Neural Comput. 14, 715–770.
"""

import numpy as np

# Infomax ICA (chosen here; the original has no code for it).
N_SAMPLES_ICA = 3000  # samples of every source
MIXING = np.array([[1.0, 1.0], [-0.5, 1.0]])  # the mixing matrix A of x = A s, dimensionless
LEARNING_RATE_ICA = 0.2  # η of the batch natural-gradient steps
N_ITERATIONS_ICA = 300  # batch steps from W = I
SEED_LAPLACE = 3  # seed of default_rng for the Laplace sources of the notebook
SEED_UNIFORM = 5  # seed of default_rng for the uniform sources of the notebook

# Slow feature analysis: the toy of Wiskott & Sejnowski (2002), as on the original page.
N_SAMPLES_SFA = 5000  # samples of t ∈ [0, 2π], both ends included
FAST_FREQUENCY = 11.0  # angular frequency of the fast components, per unit of t
N_FEATURES_SFA = 5  # features extracted (the original's figure shows five)


def unit_sources(rng, n_samples, n_sources, kind="laplace"):
    """Independent sources of zero mean and unit variance, one per column.

    ``kind`` is "laplace" (super-Gaussian, excess kurtosis 3), "uniform" (sub-Gaussian, −1.2) or
    "gaussian". Returns an array of shape (n_samples, n_sources).
    """
    shape = (n_samples, n_sources)
    if kind == "laplace":
        return rng.laplace(0.0, 1 / np.sqrt(2), shape)
    if kind == "uniform":
        return rng.uniform(-np.sqrt(3), np.sqrt(3), shape)
    return rng.standard_normal(shape)


def infomax_objective(W, x):
    """The infomax objective L(W) = log|det W| + ⟨Σᵢ log σ′(uᵢ)⟩ with u = W x, σ′ = σ(1 − σ).

    ``x`` has one sample per row, shape (n_samples, n); W has shape (n, n). It is the entropy of the outputs
    y = σ(W x) minus the entropy of x (a constant), i.e. the mean log-likelihood of the data.
    """
    magnitude = np.abs(np.asarray(x) @ np.asarray(W).T)
    log_slope = -magnitude - 2 * np.log1p(np.exp(-magnitude))  # log σ(u) + log(1 − σ(u)), without overflow
    return float(np.log(np.abs(np.linalg.det(W))) + np.mean(np.sum(log_slope, axis=1)))


def source_correlations(estimates, sources):
    """|corr| between every estimated source (column of ``estimates``) and every true source (column of
    ``sources``): an array of shape (n_estimates, n_sources). A perfect separation has one entry near 1 in
    every row and column (in any order) and the rest near 0."""
    n = np.shape(estimates)[1]
    return np.abs(np.corrcoef(np.asarray(estimates).T, np.asarray(sources).T)[:n, n:])


def sfa_toy(n_samples=N_SAMPLES_SFA, omega=FAST_FREQUENCY):
    """The toy input of Wiskott & Sejnowski (2002): t in [0, 2π] (``n_samples`` points, ends included) and
    x = (sin t + 2 cos²(ωt), cos(ωt)) of shape (n_samples, 2)."""
    t = np.linspace(0.0, 2 * np.pi, n_samples)
    return t, np.column_stack([np.sin(t) + 2 * np.cos(omega * t) ** 2, np.cos(omega * t)])


def whiten(x):
    """Centre and sphere (whiten) a data set: z = V (x − ⟨x⟩) with covariance ⟨z zᵀ⟩ = I.

    Any sphering matrix V is accepted (the symmetric C^(−1/2), the PCA whitening D^(−1/2)Eᵀ, the inverse of a
    Cholesky factor, …): they differ by a rotation. The covariance is the population one, C = ⟨(x − ⟨x⟩)(x − ⟨x⟩)ᵀ⟩
    (divide by n_samples).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : ndarray of shape (n_samples, n_channels)
        One sample per row; the covariance must be invertible.

    Returns
    -------
    z : ndarray of shape (n_samples, n_channels)
        The sphered data, z = (x − x.mean(axis=0)) @ V.T: zero mean, identity covariance.
    V : ndarray of shape (n_channels, n_channels)
        The sphering matrix.
    """
    ### BEGIN SOLUTION
    centred = x - x.mean(axis=0)
    variances, axes = np.linalg.eigh(centred.T @ centred / len(x))
    V = axes @ np.diag(1 / np.sqrt(variances)) @ axes.T  # C^(−1/2), symmetric
    return centred @ V.T, V
    ### END SOLUTION


def infomax_ica_step(W, x, learning_rate):
    """One batch step of the natural-gradient infomax rule (Bell & Sejnowski 1995; Amari et al. 1996).

    W ← W + η (I + ⟨(1 − 2y) uᵀ⟩) W with u = W x and y = σ(u) = 1/(1 + e^(−u)) for every sample x (a row of
    ``x``), ⟨·⟩ the mean over the samples.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    W : ndarray of shape (n, n)
        The unmixing matrix: output i is u_i = Σ_j W[i, j] x_j.
    x : ndarray of shape (n_samples, n)
        The (sphered) data, one sample per row.
    learning_rate : float
        η.

    Returns
    -------
    ndarray of shape (n, n)
        The new unmixing matrix.
    """
    ### BEGIN SOLUTION
    u = x @ W.T
    y = 1 / (1 + np.exp(-u))
    gradient = np.eye(len(W)) + (1 - 2 * y).T @ u / len(x)  # I + ⟨(1 − 2y) uᵀ⟩
    return W + learning_rate * gradient @ W
    ### END SOLUTION


def infomax_ica(x, learning_rate, n_iterations):
    """Infomax ICA: ``n_iterations`` batch natural-gradient steps from W = I, with the objective along the way.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : ndarray of shape (n_samples, n)
        Sphered data, one sample per row.
    learning_rate : float
        η of every step.
    n_iterations : int
        Number of steps (0 returns the identity).

    Returns
    -------
    W : ndarray of shape (n, n)
        The unmixing matrix after the last step; the estimated sources are x @ W.T.
    objective : ndarray of shape (n_iterations + 1,)
        ``infomax_objective(W, x)`` before the first step (W = I) and after every step.
    """
    ### BEGIN SOLUTION
    W = np.eye(x.shape[1])
    objective = [infomax_objective(W, x)]
    for _ in range(n_iterations):
        W = infomax_ica_step(W, x, learning_rate)
        objective.append(infomax_objective(W, x))
    return W, np.array(objective)
    ### END SOLUTION


def quadratic_expansion(x):
    """All monomials of degree one and two of the inputs (Wiskott & Sejnowski 2002).

    The columns are x_1, …, x_n followed by the products x_i x_j for i ≤ j in the order (1, 1), (1, 2), …, (1, n),
    (2, 2), …, (n, n), the order of ``sklearn.preprocessing.PolynomialFeatures(2, include_bias=False)``.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : ndarray of shape (n_samples, n)
        One sample per row.

    Returns
    -------
    ndarray of shape (n_samples, n + n (n + 1) / 2)
        The expanded signals.
    """
    ### BEGIN SOLUTION
    first, second = np.triu_indices(x.shape[1])  # i ≤ j, row by row
    return np.hstack([x, x[:, first] * x[:, second]])
    ### END SOLUTION


def slow_features(x, n_features, dt=1.0):
    """Linear slow feature analysis (Wiskott & Sejnowski 2002) of the signals ``x``.

    Sphere x with ``whiten``; the slow features are y = z w for the unit eigenvectors w of the covariance
    ⟨ż żᵀ⟩ of the time derivative, with the smallest eigenvalues, where ż(t) = (z(t + dt) − z(t))/dt (forward
    differences, n_samples − 1 of them) and ⟨ż żᵀ⟩ = ż.T @ ż / (n_samples − 1) (not centred: Δ(y) = ⟨ẏ²⟩).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : ndarray of shape (n_samples, n)
        Signals (for example an expansion), one time step per row; their covariance must be invertible.
    n_features : int
        How many features to return, at most n.
    dt : float, default 1.0
        The time step between rows, in the units in which Δ is wanted.

    Returns
    -------
    y : ndarray of shape (n_samples, n_features)
        The features, slowest first: zero mean, unit variance, uncorrelated (each up to its sign).
    delta : ndarray of shape (n_features,)
        Their Δ-values ⟨ẏ_j²⟩ (per unit of dt squared), increasing.
    """
    ### BEGIN SOLUTION
    z, _ = whiten(x)
    derivative = np.diff(z, axis=0) / dt
    delta, directions = np.linalg.eigh(derivative.T @ derivative / len(derivative))  # ascending
    return z @ directions[:, :n_features], delta[:n_features]
    ### END SOLUTION


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
def uniform_correlation():
    """Infomax ICA of two uniform (sub-Gaussian) sources: the largest |corr| between an output and a true source.

    The sources: ``unit_sources(default_rng(SEED_UNIFORM), N_SAMPLES_ICA, 2, "uniform")``, mixed by MIXING,
    sphered with ``whiten`` and separated by ``infomax_ica`` with LEARNING_RATE_ICA and N_ITERATIONS_ICA.
    """
    sources = unit_sources(np.random.default_rng(SEED_UNIFORM), N_SAMPLES_ICA, 2, "uniform")
    z, _ = whiten(sources @ MIXING.T)
    W, _ = infomax_ica(z, LEARNING_RATE_ICA, N_ITERATIONS_ICA)
    return float(source_correlations(z @ W.T, sources).max())


def original_sfa(x):
    """The original page's SFA: each expanded signal only standardised, then the right singular vectors of the
    time differences, slowest (smallest singular value) first. Returns the features, shape (n_samples, n)."""
    standardised = (x - x.mean(axis=0)) / x.std(axis=0)
    _, _, rows = np.linalg.svd(np.diff(standardised, axis=0), full_matrices=False)
    return standardised @ rows[::-1].T


def original_feature_correlation():
    """The original page's SFA of the quadratically expanded toy: the largest |corr| between its slowest feature
    and any of its other four features (the ones its figure shows as SF2–SF5)."""
    features = original_sfa(quadratic_expansion(sfa_toy()[1]))
    return float(np.max(np.abs(np.corrcoef(features.T)[0, 1:])))
