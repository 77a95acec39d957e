"""Checks of section 7.11, reservoir computing (RLS, FORCE, echo-state networks).

Besides comparing with ``solutions`` on seeded inputs, the checks test the facts
of the model through the student's own functions: a sequence of RLS updates from
P = I/λ, w = 0 gives the ridge-regression solution and P = (λI + Σ r rᵀ)⁻¹
exactly (Sherman–Morrison), the a-posteriori error of a FORCE step is the
a-priori error divided by 1 + rᵀPr, and the scaled reservoir has the requested
spectral radius.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch07_learning_rules import reservoir_computing as ref

# Every quantity here is O(1) and comes from a handful of products and sums of O(1) numbers: a correct
# implementation differs from the reference by round-off (1e-15). 1e-10 leaves room for any order of the
# arithmetic (and for the conditioning of P, below 1e3 on these inputs) and lies far below every mistake's effect
# (≥ 1e-2 on these inputs).
ATOL = 1e-10


def _spd(rng, n, lam, n_samples):
    """(λI + Σ r rᵀ)⁻¹ of n_samples random rates: the matrix P of RLS after that many samples."""
    rates = np.tanh(rng.normal(0, 1, (n_samples, n)))
    return np.linalg.inv(lam * np.eye(n) + rates.T @ rates)


def _unnormalised(P, w, r, error):
    """The original page's update: P as RLS, but the readout moved by the old P r, without 1/(1 + rᵀPr)."""
    k = P @ r
    return P - np.outer(k, k) / (1 + r @ k), w - error * k


def rls_update(student_rls):
    """Check ``rls_update(P, w, r, error)`` against the reference on seeded inputs, then that 30 updates from
    P = I/λ, w = 0 give the ridge solution."""
    rng = np.random.default_rng(7111)
    for n, lam, n_seen in ((4, 1.0, 0), (6, 0.5, 5), (6, 2.0, 40)):
        P = _spd(rng, n, lam, n_seen)
        w, r, error = rng.normal(0, 1, n), np.tanh(rng.normal(0, 1, n)), float(rng.normal(0, 1))
        what = f"rls_update(P of shape {P.shape} after {n_seen} samples, w, r, error={error:.3f})"
        new_P, new_w = call(student_rls, P, w, r, error, returns=("P", "w"))
        expected_P, expected_w = ref.rls_update(P, w, r, error)
        k = P @ r
        c = 1 / (1 + r @ k)
        assert_close(as_array(new_P, f"P returned by {what}", shape=P.shape), expected_P, f"P returned by {what}",
                     atol=ATOL, mistakes={
                         "P ← P − k kᵀ/(1 + rᵀk) with k = P r: divide by 1 + rᵀP r.": P - np.outer(k, k),
                         "P shrinks: P ← P − c k kᵀ, not P + c k kᵀ.": P + c * np.outer(k, k),
                         "the readout's update does not change P on its own: P ← P − c k kᵀ.": P,
                     })
        assert_close(as_array(new_w, f"w returned by {what}", shape=w.shape), expected_w, f"w returned by {what}",
                     atol=ATOL, mistakes={
                         "the gain is k/(1 + rᵀk) = P_new r, not the old P r (the original page's update): divide "
                         "by 1 + rᵀP r.": w - error * k,
                         "error = wᵀr − target is subtracted: w ← w − c·error·k.": w + c * error * k,
                         "divide by 1 + rᵀP r once: the gain is c k = P_new r, and c P_new r divides twice.":
                             w - c * c * error * k,
                     })
    # The fact: from P = I/λ and w = 0, every update leaves w at the ridge solution of the samples so far.
    n, lam, n_samples = 4, 0.5, 30
    rates, targets = np.tanh(rng.normal(0, 1, (n_samples, n))), rng.normal(0, 1, n_samples)
    P, w = np.eye(n) / lam, np.zeros(n)
    slip_P, slip_w = P, w
    for r, x in zip(rates, targets):
        P, w = (as_array(v, "the value returned by rls_update", shape=s)
                for v, s in zip(call(student_rls, P, w, r, float(w @ r - x), returns=("P", "w")), ((n, n), (n,))))
        slip_P, slip_w = _unnormalised(slip_P, slip_w, r, float(slip_w @ r - x))
    gram = lam * np.eye(n) + rates.T @ rates
    what = (f"w after {n_samples} calls of rls_update from P = I/{lam}, w = 0 (error = wᵀr − target each time), "
            f"against the ridge solution (λI + Σ r rᵀ)⁻¹ Σ r·target")
    with hint_on_failure("from P = I/λ, w = 0 recursive least squares reproduces ridge regression exactly: "
                         "check the gain P r/(1 + rᵀP r) and the sign of the error."):
        assert_close(w, np.linalg.solve(gram, rates.T @ targets), what, atol=1e-9, mistakes={
            "the readout moves by P_new r·error = P r·error/(1 + rᵀP r); without the division (the original "
            "page's update) the weights do not reach the ridge solution.": slip_w})
        assert_close(P, np.linalg.inv(gram), f"P after {n_samples} calls of rls_update, against (λI + Σ r rᵀ)⁻¹",
                     atol=1e-9)


def _reference_step_variants(x, z, w, P, J, w_f, target, dt, learn):
    """Outputs of force_step with known slips, for the hints."""
    r_old = np.tanh(x)
    good_x = x + dt * (-x + J @ r_old + w_f * z)
    r = np.tanh(good_x)
    P_new, w_new = ref.rls_update(P, w, r, float(w @ r) - target)
    return {
        "x": {"feed the output back: x ← x + dt (−x + J tanh(x) + w_f z).": x + dt * (-x + J @ r_old),
              "the recurrent input is J tanh(x), the rates, not J x.": x + dt * (-x + J @ x + w_f * z),
              "multiply the whole derivative by dt: x + dt (−x + J r + w_f z).": x - dt * x + J @ r_old + w_f * z,
              "the leak −x belongs to the derivative: x + dt (−x + J r + w_f z).": x + dt * (J @ r_old + w_f * z)},
        "z": {"return the output of the new state before the readout's update (the a-priori output), not after it.":
              float(w_new @ r) if learn else float(w @ r),
              "read the output out of the new state: z = wᵀ tanh(x_new).": float(w @ r_old)},
        "w": {"the error is z − target (output minus target), and rls_update subtracts it.":
              ref.rls_update(P, w, r, target - float(w @ r))[1],
              "update the readout with the rates of the new state, r = tanh(x_new).":
              ref.rls_update(P, w, r_old, float(w @ r_old) - target)[1],
              "update only when learn is True.": w_new if not learn else w},
    }


def force_step(student_step):
    """Check ``force_step(x, z, w, P, J, w_f, target, dt, learn)`` against the reference on seeded inputs, with and
    without learning, and the a-posteriori error."""
    rng = np.random.default_rng(7112)
    n = 8
    for learn, dt in ((True, 0.1), (False, 0.1), (True, 0.25)):
        J = 1.5 * rng.normal(0, 1, (n, n)) / np.sqrt(n)
        w_f, x = rng.uniform(-1, 1, n), rng.normal(0, 1, n)
        w, P = rng.normal(0, 0.5, n), _spd(rng, n, 1.0, 3)
        z, target = float(rng.normal(0, 1)), float(rng.normal(0, 1))
        what = f"force_step(x, z={z:.3f}, w, P, J, w_f, target={target:.3f}, dt={dt}, learn={learn})"
        result = call(student_step, x, z, w, P, J, w_f, target, dt=dt, learn=learn, returns=("x", "z", "w", "P"))
        expected = ref.force_step(x, z, w, P, J, w_f, target, dt=dt, learn=learn)
        slips = _reference_step_variants(x, z, w, P, J, w_f, target, dt, learn)
        new_x = assert_close(result[0], expected[0], f"x returned by {what}", atol=ATOL, mistakes=slips["x"])
        assert_close(as_array(result[1], f"z returned by {what}", shape=()), expected[1], f"z returned by {what}",
                     atol=ATOL, mistakes=slips["z"])
        new_w = assert_close(result[2], expected[2], f"w returned by {what}", atol=ATOL, mistakes=slips["w"],
                             hint="force_step updates w with your rls_update: if its test fails, fix it first.")
        assert_close(result[3], expected[3], f"P returned by {what}", atol=ATOL,
                     hint="update P with rls_update when learn is True, and return it unchanged otherwise.")
        if learn:
            # RLS's a-posteriori error is the a-priori one divided by 1 + rᵀP r (a consequence of the gain).
            r = np.tanh(new_x)
            prior = float(expected[1]) - target
            with hint_on_failure("after the update the error shrinks by 1 + rᵀP r: use rls_update with the new "
                                 "rates and the error z − target."):
                assert_close(new_w @ r - target, prior / (1 + r @ P @ r),
                             f"the error after the update, wᵀtanh(x) − target, of {what}", atol=ATOL)


def scale_spectral_radius(student_scale):
    """Check ``scale_spectral_radius(W, rho)`` against the reference on non-symmetric, complex-spectrum and
    non-normal matrices, and that the result has spectral radius rho."""
    rng = np.random.default_rng(7113)
    cases = [(rng.normal(0, 1, (6, 6)) / np.sqrt(6), 0.9), (rng.normal(0, 1, (30, 30)) / np.sqrt(30), 1.5),
             (np.array([[0.0, 2.0], [-2.0, 0.0]]), 1.0),  # eigenvalues ±2i: the real parts are 0
             (np.array([[1.0, 10.0], [0.0, -0.5]]), 0.7)]  # non-normal: its largest singular value is about 10
    for W, rho in cases:
        what = f"scale_spectral_radius(W of shape {W.shape}, rho={rho})"
        got = as_array(call(student_scale, W, rho), what, shape=W.shape)
        eig = np.linalg.eigvals(W)
        assert_close(got, ref.scale_spectral_radius(W, rho), what, atol=ATOL, mistakes={
            "divide by the spectral radius max|eig W| (eigenvalues, np.linalg.eigvals), not by the largest singular "
            "value (np.linalg.norm(W, 2)).": W * rho / np.linalg.norm(W, 2),
            "the spectral radius is the largest modulus |λ| of the (complex) eigenvalues, not the largest real part.":
                W * rho / np.max(np.real(eig)) if np.max(np.real(eig)) > 0 else np.full(W.shape, np.nan),
            "W is not symmetric: np.linalg.eigvalsh assumes it is; use np.linalg.eigvals.":
                W * rho / np.max(np.abs(np.linalg.eigvalsh(W))),
            "divide by the spectral radius, not by the largest entry of W.": W * rho / np.max(np.abs(W)),
            "scale W by rho / max|eig W|, not by rho alone.": W * rho,
        })
        radius = np.max(np.abs(np.linalg.eigvals(got)))
        if not abs(radius - rho) <= 1e-9 * rho:
            raise AssertionError(f"the matrix returned by {what} has spectral radius {radius:.6g}, not {rho}.")


# The normalised root-mean-square error of the output after learning (Figure 3): deterministic for the fixed seed,
# and insensitive to round-off (a relative change of 1e-12 in x(0) or another order of the RLS arithmetic changes
# it by less than 1e-12: the trained network is not chaotic). The question asks for two significant figures:
# 0.002 accepts 0.041 and 0.04 and rejects the known slips: the error not divided by the target's standard
# deviation (0.030), compared with the target one step earlier (0.017), the mean square error divided by the
# variance (0.0017), the whole run including the spontaneous activity (0.28), divided by the variance (0.057).
force_test_error = Discovery(
    0.0414, 0.002, "force_test_error, the normalised error of the output after learning",
    mistakes={"divide the root-mean-square error by the standard deviation of the target over the same steps":
              0.0299,
              "compare the output at t[i] with the target at the same time t[i] (the first step ends at dt)": 0.0173,
              "the question asks for the root of the mean square error, divided by the standard deviation":
              0.00171,
              "use only the N_TEST steps after learning, not the whole run": 0.280,
              "divide by the standard deviation of the target, not by its variance": 0.0573})

# The largest radius of the grid RADII (step 0.05) at which the two driven copies converge (Figure 4). The final
# distance grows steeply with the radius (1e-10 at 1.35, 6e-7 at 1.4, 2e-4 at 1.45), so a threshold of 1e-9 or
# 1e-3 instead of CONVERGED, or a few steps more or less, moves the answer by one grid step: 0.051 accepts the two
# neighbours and rejects the slips: no input (0.95, the undriven reservoir), the textbook rule ρ < 1 (1.0), the
# first radius at which the copies end more than 1 apart (1.65), the largest singular value instead of the
# spectral radius (2.0: every copy converges).
critical_radius = Discovery(
    1.4, 0.051, "critical_radius, the largest spectral radius at which the driven copies converge",
    mistakes={"drive both copies with the input u (INPUT_SCALE): the undriven reservoir loses the property sooner":
              0.95,
              "the question asks what the simulation shows, not the rule of thumb ρ < 1": 1.0,
              "converged means a final distance below CONVERGED, not below 1": 1.65,
              "scale W by its spectral radius (eigenvalues), not by its largest singular value": 2.0})
