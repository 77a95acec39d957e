"""Checks of section 11.2, sparse coding.

Besides the comparison with ``solutions``, the checks test facts through the
student's own functions: the inferred code is the minimiser of the sparse
coding energy (a gradient-free optimality test: the subgradient conditions of
the Lasso hold), and the student's learning rule, alternating with the
reference's inference, recovers a planted dictionary from synthetic sparse
data.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch11_bayesian_brain import sparse_coding as ref


def soft_threshold(student_threshold):
    """Check ``soft_threshold(u, threshold, nonnegative)`` on random inputs of several shapes."""
    rng = np.random.default_rng(1121)
    for shape, threshold in (((50,), 0.3), ((4, 6), 1.0), ((), 0.2)):
        u = rng.normal(0, 1, shape) if shape else np.float64(-0.7)
        for kwargs in ({}, {"nonnegative": True}):
            what = f"soft_threshold(u of shape {shape}, {threshold}{', nonnegative=True' if kwargs else ''})"
            expected = ref.soft_threshold(u, threshold, **kwargs)
            got = as_array(call(student_threshold, u, threshold, **kwargs), what, shape=np.shape(expected))
            assert_close(got, expected, what, atol=1e-12, mistakes={
                "that is hard thresholding: soft thresholding also shrinks what survives by θ.":
                    u * (np.abs(u) > threshold) * ((u > 0) if kwargs else 1),
                "keep the sign: S_θ(u) = sign(u) max(|u| − θ, 0).": np.maximum(np.abs(u) - threshold, 0),
                "with nonnegative=True only u > θ survives, as u − θ: max(u − θ, 0).":
                    ref.soft_threshold(u, threshold) if kwargs else ref.soft_threshold(u, threshold, True),
                "subtract the threshold: max(u − θ, 0), not max(u, 0).": np.maximum(u, 0) * (np.abs(u) > threshold),
            })


def _problem(rng, batch=20, n_pixels=64, n_units=32):
    """A well-conditioned random problem: unit-length Gaussian bases (ΦᵀΦ has eigenvalues in about
    [0.09, 2.9]) and patches made of a few of them plus noise. ISTA converges linearly at the rate
    1 − μ/L on the active set, to round-off within a thousand iterations."""
    phi = ref.random_dictionary(rng, n_pixels, n_units)
    codes = rng.laplace(0, 1, (batch, n_units)) * (rng.random((batch, n_units)) < 0.15)
    return codes @ phi.T + 0.05 * rng.standard_normal((batch, n_pixels)), phi


def sparse_inference(student_inference):
    """Check ``sparse_inference(x, phi, lam, n_iter, nonnegative)`` at convergence, then the optimality conditions."""
    rng = np.random.default_rng(1122)
    x, phi = _problem(rng)
    step = 1 / np.linalg.eigvalsh(phi.T @ phi)[-1]
    for lam, kwargs in ((0.1, {}), (0.5, {}), (0.1, {"nonnegative": True})):
        what = f"sparse_inference(x of 20 patches, phi (64, 32), lam={lam}, n_iter=1000{', nonnegative=True' if kwargs else ''})"
        codes = as_array(call(student_inference, x, phi, lam, 1000, **kwargs), what, shape=(20, 32),
                         nonfinite_hint="the iteration diverged: the step may be at most 1/L, with L the largest "
                                        "eigenvalue of ΦᵀΦ.")
        expected = ref.sparse_inference(x, phi, lam, 5000, **kwargs)
        assert_close(codes, expected, what, atol=1e-6, mistakes={
            "the threshold of one step is the step size times λ: S_{λ/L}, not S_λ.":
                ref.sparse_inference(x, phi, lam / step, 5000, **kwargs),
            "carry the codes over: every iteration starts from the previous one's codes "
            "(what came back is a single step from zero).": ref.sparse_inference(x, phi, lam, 1, **kwargs),
            "nonnegative=True must reach the thresholding: max(u − θ, 0).":
                ref.sparse_inference(x, phi, lam, 5000) if kwargs else ref.sparse_inference(x, phi, lam, 5000, True),
        }, hint="ISTA from a = 0: a ← S_{λ/L}(a + Φᵀ(x − Φa)/L) with L the largest eigenvalue of ΦᵀΦ; the units "
                "compete through −ΦᵀΦ a.")
    with hint_on_failure("at the minimum of ½‖x − Φa‖² + λ‖a‖₁ the correlation of each unit with the residual, "
                         "Φᵀ(x − Φa), equals λ sign(a) where a ≠ 0 and lies within ±λ where a = 0."):
        _optimality(student_inference, x, phi, 0.3)


def _optimality(student_inference, x, phi, lam):
    """The subgradient (KKT) conditions of the Lasso, to 1e-6 after 1000 iterations."""
    what = f"sparse_inference(x, phi, lam={lam}, n_iter=1000)"
    codes = as_array(call(student_inference, x, phi, lam, 1000), what, shape=(len(x), phi.shape[1]))
    correlation = (x - codes @ phi.T) @ phi
    active = codes != 0
    assert_close(correlation[active], lam * np.sign(codes[active]), f"Φᵀ(x − Φa) of the active units of {what}",
                 atol=1e-6)
    assert_close(np.maximum(np.abs(correlation[~active]) - lam, 0), np.zeros(np.count_nonzero(~active)),
                 f"how far |Φᵀ(x − Φa)| exceeds λ for the silent units of {what}", atol=1e-6)


def dictionary_update(student_update):
    """Check ``dictionary_update(phi, x, codes, learning_rate)`` on random batches, then planted-dictionary recovery."""
    rng = np.random.default_rng(1123)
    x, phi = _problem(rng)
    codes = ref.sparse_inference(x, phi, 0.1, 200)
    for kwargs in ({}, {"learning_rate": 0.3}):
        eta = kwargs.get("learning_rate", ref.LEARNING_RATE)
        what = f"dictionary_update(phi (64, 32), x of 20 patches, codes{', learning_rate=0.3' if kwargs else ''})"
        got = as_array(call(student_update, phi, x, codes, **kwargs), what, shape=phi.shape)
        step = (x - codes @ phi.T).T @ codes / len(x)
        assert_close(got, ref.dictionary_update(phi, x, codes, **kwargs), what, atol=1e-10, mistakes={
            "renormalise every basis function (column) to unit length after the step.": phi + eta * step,
            "normalise the columns of Φ (one basis function each), not its rows.":
                (phi + eta * step) / np.linalg.norm(phi + eta * step, axis=1, keepdims=True),
            "the step descends the error: Φ + η (x − Φa) aᵀ, with the residual x − Φa.":
                ref.dictionary_update(phi, x, codes, -eta),
            "average the step over the batch (divide by its size).": ref.dictionary_update(phi, x, codes, eta * len(x)),
            "scale the step by the learning_rate argument.": ref.dictionary_update(phi, x, codes, 1.0),
        })
    with hint_on_failure("alternating inference with your dictionary_update should learn the basis functions "
                         "that generated the data."):
        _planted_dictionary(student_update)


def _planted_dictionary(student_update, n_batches=300):
    """Data made of 10 random unit-length bases of 20 pixels, each active with probability 0.3 (Laplace
    amplitudes) plus noise of s.d. 0.01. From a random start, 300 batches of reference inference (λ = 0.1, 50
    iterations) and the student's update at η = 1 recover every basis: the best |cosine| with a learned one was
    above 0.998 for each of 30 seeds (tests/references/ch11_bayesian_brain/test_sparse_coding.py); 0.99
    is required."""
    rng = np.random.default_rng(1124)
    true, phi = ref.random_dictionary(rng, 20, 10), ref.random_dictionary(rng, 20, 10)
    for _ in range(n_batches):
        x = (rng.laplace(0, 1, (100, 10)) * (rng.random((100, 10)) < 0.3)) @ true.T + 0.01 * rng.standard_normal((100, 20))
        codes = ref.sparse_inference(x, phi, 0.1, 50)
        phi = as_array(call(student_update, phi, x, codes, 1.0), "dictionary_update(phi, x, codes, 1.0)", shape=(20, 10))
    recovered = np.abs(true.T @ (phi / np.linalg.norm(phi, axis=0))).max(axis=1)
    assert_close(np.minimum(recovered, 0.99), np.full(10, 0.99),
                 f"the best |cosine| of each planted basis function with a learned one after {n_batches} batches",
                 atol=1e-12)


# The sparseness of Figure 4's codes: 0.156 of the coefficients are non-zero after 200 ISTA iterations, 0.151 at
# convergence (1000 iterations), 0.155 with the basis functions an LCA inference learns and 0.147 with those a
# converged (FISTA) inference learns and codes. ±0.015 accepts every correct inference and learning run, and
# rejects the denser codes of the 30 iterations used while learning (0.193), the random basis functions of
# Figure 2 (0.227) and the fraction of zeros (0.844).
sparseness = Discovery(
    0.1556, 0.015, "sparseness, the fraction of non-zero coefficients of Figure 4's codes",
    mistakes={"infer the codes to convergence as Figure 4 does (200 iterations): the 30 iterations of "
              "learning leave them denser.": 0.1934,
              "use the learned basis functions of Figure 3, not the random ones of Figure 2.": 0.2273,
              "count the non-zero coefficients, not the zeros.": 0.8444})
