"""Checks of section 11.3, predictive coding.

Besides the comparison with ``solutions``, the checks test the syllabus facts
through the student's own functions: the energy falls at every inference
step, and without the sparse prior the inference converges to the
regularised least-squares (MAP) estimate, computed here in closed form.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch11_bayesian_brain import predictive_coding as ref


def _network(rng, batch=6, n_pixels=20, n1=8, n2=4):
    """A small random two-level network with unit-length feedback columns and random responses."""
    x = rng.normal(0, 1, (batch, n_pixels))
    u1 = ref.random_dictionary(rng, n_pixels, n1)
    u2 = ref.random_dictionary(rng, n1, n2)
    return x, rng.normal(0, 1, (batch, n1)), rng.normal(0, 1, (batch, n2)), u1, u2


def prediction_errors(student_errors):
    """Check ``prediction_errors(x, r1, r2, u1, u2)`` on random networks."""
    rng = np.random.default_rng(1131)
    for batch in (6, 1):
        x, r1, r2, u1, u2 = _network(rng, batch)
        what = f"prediction_errors(x {x.shape}, r1 {r1.shape}, r2 {r2.shape}, u1 {u1.shape}, u2 {u2.shape})"
        e0, e1 = call(student_errors, x, r1, r2, u1, u2, returns=("e0", "e1"))
        expected_e0, expected_e1 = ref.prediction_errors(x, r1, r2, u1, u2)
        assert_close(as_array(e0, f"e0 returned by {what}", shape=x.shape), expected_e0, f"e0 returned by {what}",
                     atol=1e-12, mistakes={"the error is what came in minus what was predicted: x − U₁r₁.": -expected_e0})
        assert_close(as_array(e1, f"e1 returned by {what}", shape=r1.shape), expected_e1, f"e1 returned by {what}",
                     atol=1e-12, mistakes={"the error of level 1 is r₁ − U₂r₂, its response minus the top-down "
                                           "prediction.": -expected_e1,
                                           "level 1 is predicted by U₂r₂ from level 2, not by its own response.":
                                               r1 - r1 @ u2 @ u2.T})


def pc_inference_step(student_step):
    """Check ``pc_inference_step(x, r1, r2, u1, u2, rate, sparsity)``, then descent and the fixed point."""
    rng = np.random.default_rng(1132)
    x, r1, r2, u1, u2 = _network(rng)
    e0, e1 = ref.prediction_errors(x, r1, r2, u1, u2)
    for kwargs in ({}, {"rate": 0.05, "sparsity": 0.0}, {"rate": 0.2, "sparsity": 2.0}):
        rate, alpha = kwargs.get("rate", ref.RATE), kwargs.get("sparsity", ref.SPARSITY)
        what = f"pc_inference_step(x, r1, r2, u1, u2{''.join(f', {k}={v}' for k, v in kwargs.items())})"
        new_r1, new_r2 = call(student_step, x, r1, r2, u1, u2, returns=("r1", "r2"), **kwargs)
        expected_r1, expected_r2 = ref.pc_inference_step(x, r1, r2, u1, u2, **kwargs)
        prior = 2 * alpha * r1 / (1 + r1**2)
        assert_close(as_array(new_r1, f"r1 returned by {what}", shape=r1.shape), expected_r1,
                     f"r1 returned by {what}", atol=1e-12, mistakes={
                         "level 1 is also pulled towards the top-down prediction: subtract its own error e₁.":
                             r1 + rate * (e0 @ u1 - prior),
                         "level 1 is driven by the error below it, U₁ᵀe₀.": r1 + rate * (-e1 - prior),
                         "the prior pulls towards 0: its gradient 2α r/(1 + r²) is subtracted.":
                             r1 + rate * (e0 @ u1 - e1 + prior),
                         "the sparse prior α log(1 + r²) has the gradient 2α r/(1 + r²), not 2α r.":
                             r1 + rate * (e0 @ u1 - e1 - 2 * alpha * r1),
                     })
        assert_close(as_array(new_r2, f"r2 returned by {what}", shape=r2.shape), expected_r2,
                     f"r2 returned by {what}", atol=1e-12, mistakes={
                         "level 2 has a Gaussian prior too: r₂ + k (U₂ᵀe₁ − r₂).": r2 + rate * (e1 @ u2),
                         "level 2 is driven by the error below it, U₂ᵀe₁ with e₁ = r₁ − U₂r₂.": r2 + rate * (r1 @ u2 - r2),
                     })
    with hint_on_failure("each step moves down the gradient of E; a step up means a sign is wrong."):
        _energy_falls(student_step, x, u1, u2)
    with hint_on_failure("without the sparse prior the fixed point solves (U₁ᵀU₁ + C⁻¹) r₁ = U₁ᵀx with "
                         "C = I + U₂U₂ᵀ: the regularised least-squares estimate."):
        _fixed_point(student_step, x, u1, u2)


def _energy_falls(student_step, x, u1, u2, n_steps=40):
    """From zero responses the energy never rises: the step 0.1 is below 2/L = 0.48 of this network, and the
    sparse prior's curvature (at most 2α) keeps it below 2/(L + 2α) = 0.39."""
    r1, r2 = np.zeros((len(x), u1.shape[1])), np.zeros((len(x), u2.shape[1]))
    energies = [ref.pc_energy(x, r1, r2, u1, u2)]
    for _ in range(n_steps):
        r1, r2 = call(student_step, x, r1, r2, u1, u2, returns=("r1", "r2"))
        r1, r2 = as_array(r1, "r1", shape=(len(x), u1.shape[1])), as_array(r2, "r2", shape=(len(x), u2.shape[1]))
        energies.append(ref.pc_energy(x, r1, r2, u1, u2))
    rises = np.maximum(np.diff(energies), 0)
    assert_close(rises, np.zeros(n_steps), f"how much the energy rose at each of {n_steps} steps of pc_inference_step",
                 atol=1e-12)


def _fixed_point(student_step, x, u1, u2, n_steps=500):
    """Without the sparse prior the energy is quadratic. Its minimum over r₂ for given r₁ leaves r₁ with the
    Gaussian prior N(0, C), C = I + U₂U₂ᵀ, so r₁* = (U₁ᵀU₁ + C⁻¹)⁻¹ U₁ᵀx and r₂* = (U₂ᵀU₂ + I)⁻¹ U₂ᵀ r₁*.
    The Hessian of this network has eigenvalues from μ = 0.65 to L = 4.2, so the step 0.1 (below 2/L) contracts
    the distance to the minimum by 1 − 0.1 μ = 0.935 per step: 500 steps leave a factor 3e-15."""
    n1 = u1.shape[1]
    c = np.eye(n1) + u2 @ u2.T
    r1_star = np.linalg.solve(u1.T @ u1 + np.linalg.inv(c), u1.T @ x.T).T
    r2_star = np.linalg.solve(u2.T @ u2 + np.eye(u2.shape[1]), u2.T @ r1_star.T).T
    r1, r2 = np.zeros((len(x), n1)), np.zeros((len(x), u2.shape[1]))
    for _ in range(n_steps):
        r1, r2 = call(student_step, x, r1, r2, u1, u2, sparsity=0.0, returns=("r1", "r2"))
    what = f"after {n_steps} steps of pc_inference_step(…, sparsity=0.0) from zero"
    assert_close(as_array(r1, f"r1 {what}", shape=r1_star.shape), r1_star, f"r1 {what}", atol=1e-8)
    assert_close(as_array(r2, f"r2 {what}", shape=r2_star.shape), r2_star, f"r2 {what}", atol=1e-8)


def pc_learning_step(student_learning):
    """Check ``pc_learning_step(x, r1, r2, u1, u2, learning_rate)`` on random networks."""
    rng = np.random.default_rng(1133)
    x, r1, r2, u1, u2 = _network(rng)
    e0, e1 = ref.prediction_errors(x, r1, r2, u1, u2)
    for kwargs in ({}, {"learning_rate": 0.3}):
        eta = kwargs.get("learning_rate", ref.LEARNING_RATE)
        what = f"pc_learning_step(x, r1, r2, u1, u2{', learning_rate=0.3' if kwargs else ''})"
        new_u1, new_u2 = call(student_learning, x, r1, r2, u1, u2, returns=("u1", "u2"), **kwargs)
        expected_u1, expected_u2 = ref.pc_learning_step(x, r1, r2, u1, u2, **kwargs)
        step1, step2 = u1 + eta * e0.T @ r1 / len(x), u2 + eta * e1.T @ r2 / len(x)
        for name, got, expected, raw, before in (("u1", new_u1, expected_u1, step1, u1), ("u2", new_u2, expected_u2, step2, u2)):
            assert_close(as_array(got, f"{name} returned by {what}", shape=expected.shape), expected,
                         f"{name} returned by {what}", atol=1e-12, mistakes={
                             "scale every column back to unit length after the step.": raw,
                             "normalise the columns (one basis function each), not the rows.":
                                 raw / np.linalg.norm(raw, axis=1, keepdims=True),
                             "the Hebbian step is error times response, + η ⟨e rᵀ⟩: it reduces the error.":
                                 ref.pc_learning_step(x, r1, r2, u1, u2, -eta)[name == "u2"],
                             "average over the batch (divide by its size).":
                                 ref.pc_learning_step(x, r1, r2, u1, u2, eta * len(x))[name == "u2"],
                             "both levels learn: U₁ from e₀ and r₁, U₂ from e₁ and r₂.": before,
                         })


# The image power left in the prediction error with the learned weights: 0.2167 after 50 steps, 0.2165 after 200
# (inference has converged), identical to four decimals with the inference and learning alternatives of the bug
# zoo; other samples of 1000 patches give 0.206–0.208. ±0.015 accepts all of these and rejects the random weights
# (0.85), the error of both levels (0.26), the mean of the per-patch ratios (0.19), the ratio of norms (0.47)
# and the explained fraction (0.78).
error_fraction = Discovery(
    0.2167, 0.015, "error_fraction, the fraction of the image power left in the prediction error",
    mistakes={"use the weights learned in Figure 2; random weights predict little of an image.": 0.852,
              "the power is the squared error: Σ‖e₀‖² / Σ‖x‖², not the ratio of norms.": 0.4655,
              "the fraction left in the error, not the fraction explained.": 0.7833,
              "only the image's error e₀ counts, not e₁ as well.": 0.2600,
              "divide the summed powers, Σ‖e₀‖² / Σ‖x‖², rather than averaging each patch's ratio.": 0.1864,
              "infer for N_STEPS steps: one step is not the settled state.": 0.5955})
