"""Checks of section 13.4, the infinite-horizon optimal feedback control model.

Besides the comparison with ``solutions`` on the arm and on random plants (other sizes, several commands,
non-symmetric right-hand sides), the checks test facts that need no reference: the Lyapunov solver agrees with
``scipy.linalg.solve_continuous_lyapunov`` and leaves a vanishing residual; without signal-dependent noise the
iteration ends at the pair of algebraic Riccati solutions (``scipy.linalg.solve_continuous_are``), and its result
makes the closed loop stable; the simulated command is −L x̂. The simulation is random: its sample mean and variance
of every state and estimate over 2000 trials are compared with the exact moments of the Euler–Maruyama chain
(propagated from its linear moment equations), within six standard errors, and a noise-free run with the reference.
"""

import functools

import numpy as np
from scipy.linalg import solve_continuous_are, solve_continuous_lyapunov

from autograder.checking import (Discovery, as_array, assert_close, assert_reproducible, assert_statistic, call,
                                 hint_on_failure)
from solutions.ch13_motor_control import infinite_horizon_control as ref

AUGMENTED = ("A_bar", "Y_bar", "G_bar", "V")
SIMULATED = ("x", "x_hat", "u")


@functools.cache
def _arm_gains(signal_dependent_noise=ref.SIGNAL_DEPENDENT_NOISE):
    """The reference gains (L, K) for the arm."""
    return ref.infinite_horizon_ofc(ref.arm_plant(signal_dependent_noise), ref.COST, ref.INITIAL_L, ref.INITIAL_K)


def _stable(rng, n, margin=1.0):
    """A random n × n matrix whose eigenvalues have real parts below −margin."""
    M = rng.standard_normal((n, n))
    return M - (np.max(np.linalg.eigvals(M).real) + margin + rng.random()) * np.eye(n)


def _random_plant(rng, n, m, p, q):
    """A random stable plant with n states, m commands, p sensors, q noise sources, and its cost."""
    B = rng.standard_normal((n, m))
    D = np.eye(p) + 0.3 * rng.standard_normal((p, p))
    plant = {"A": _stable(rng, n), "B": B, "C": rng.standard_normal((p, n)), "D": D,
             "G": 0.5 * rng.standard_normal((n, q)), "Y": 0.2 * rng.standard_normal((n, m))}
    W = rng.standard_normal((m, m))
    cost = {"Q": np.diag(rng.uniform(0.5, 2, n)), "R": W @ W.T + np.eye(m), "U": np.diag(rng.uniform(0, 1, n))}
    return plant, cost


def _wrong_lyapunov(A, Q, Y):
    """What the usual slips of ``lyapunov_solve`` return: {hint: X}."""
    X = ref.lyapunov_solve(A, Q, Y)
    wrong = {
        "the equation is A X + X Aᵀ + Y X Yᵀ + Q = 0, so the right-hand side is −vec(Q).": -X,
        "vec(A X) = (I ⊗ A) vec(X) and vec(X Aᵀ) = (A ⊗ I) vec(X) for vec stacking columns: the operator holds A, "
        "not Aᵀ.": ref.lyapunov_solve(A.T, Q, None if Y is None else Y.T),
        "flatten Q and reshape the solution in the same order (both order='F', or both the default 'C').":
            ref.lyapunov_solve(A, Q.T, Y),
        "reshape the solution in the order you flattened Q (both order='F', or both the default 'C').": X.T,
    }
    if Y is not None:
        wrong["vec(Y X Yᵀ) = (Y ⊗ Y) vec(X): the operator includes the term Y ⊗ Y."] = ref.lyapunov_solve(A, Q)
        n = len(A)
        transposed = np.kron(np.eye(n), A) + np.kron(A, np.eye(n)) + np.kron(Y, Y.T)
        wrong["vec(A X B) = (Bᵀ ⊗ A) vec(X) with B = Yᵀ: the term is Y ⊗ Y, not Y ⊗ Yᵀ."] = np.linalg.solve(
            transposed, -Q.reshape(-1, order="F")).reshape((n, n), order="F")
    return wrong


def lyapunov_solve(student_lyapunov_solve):
    """Check ``lyapunov_solve(A, Q, Y=None)`` against scipy and the reference, with and without the Y term."""
    rng = np.random.default_rng(1341)
    plant = ref.arm_plant()
    A_bar, Y_bar, G_bar, V = ref.augmented_system(plant, ref.COST, *_arm_gains())
    cases = [(_stable(rng, 3), rng.standard_normal((3, 3)), None, "A (3 × 3), Q (3 × 3, not symmetric), no Y"),
             (_stable(rng, 5), rng.standard_normal((5, 5)), None, "A (5 × 5), Q (5 × 5, not symmetric), no Y"),
             (_stable(rng, 4, 2.0), rng.standard_normal((4, 4)), 0.5 * rng.standard_normal((4, 4)),
              "A, Q, Y (4 × 4, Q not symmetric)"),
             (A_bar, G_bar @ G_bar.T, Y_bar, "the arm's Ā, Ḡ Ḡᵀ, Ȳ (P equation)"),
             (A_bar.T, V, Y_bar.T, "the arm's Āᵀ, V, Ȳᵀ (S equation)")]
    for A, Q, Y, name in cases:
        what = f"lyapunov_solve({name})"
        with hint_on_failure("build the n² × n² operator with np.kron, solve it for −vec(Q) with np.linalg.solve, "
                             "and reshape the solution to n × n."):
            X = as_array(call(student_lyapunov_solve, A, Q) if Y is None else call(student_lyapunov_solve, A, Q, Y),
                         what, shape=A.shape)
        expected = ref.lyapunov_solve(A, Q, Y)
        # The operators have condition numbers below 1e7 (the arm's, with rates from 0.1/s to 1e3/s): a direct solve
        # is exact to ~1e-9 of max|X|; 1e-7 accepts scipy's Bartels–Stewart solver or an explicit inverse.
        scale = np.max(np.abs(expected))
        assert_close(X, expected, what, atol=1e-7 * scale, mistakes=_wrong_lyapunov(A, Q, Y))
        if Y is None:
            assert_close(X, solve_continuous_lyapunov(A, -Q), f"{what} against scipy's solve_continuous_lyapunov",
                         atol=1e-7 * scale)
        # The residual of a backward-stable solve is ~1e-16 of ‖A‖‖X‖ + ‖Y‖²‖X‖ + ‖Q‖ times the condition number.
        Y_term = 0 if Y is None else Y @ X @ Y.T
        residual = np.max(np.abs(A @ X + X @ A.T + Y_term + Q))
        size = np.max(np.abs(A)) * scale + (0 if Y is None else np.max(np.abs(Y)) ** 2 * scale) + np.max(np.abs(Q))
        if residual > 1e-7 * size:
            raise AssertionError(f"{what}: A X + X Aᵀ + Y X Yᵀ + Q is not 0.")


def _augmented_cases(rng):
    """(plant, cost, L, K, name) of the arm under the reference gains and of two random plants."""
    arm = ref.arm_plant()
    cases = [(arm, ref.COST, *_arm_gains(), "the arm under Qian et al.'s gains")]
    for n, m, p, q in ((3, 1, 2, 3), (3, 2, 2, 4)):
        plant, cost = _random_plant(rng, n, m, p, q)
        cases.append((plant, cost, rng.standard_normal((m, n)), rng.standard_normal((n, p)),
                      f"a random plant with n = {n} states, m = {m} commands, p = {p} sensors, q = {q} noises"))
    return cases


def _wrong_augmented(plant, cost, L, K):
    """What the usual slips of ``augmented_system`` return: {hint: (A_bar, Y_bar, G_bar, V)}."""
    A_bar, Y_bar, G_bar, V = ref.augmented_system(plant, cost, L, K)
    n = len(plant["A"])
    BL, YL, KD, LRL = plant["B"] @ L, plant["Y"] @ L, K @ plant["D"], L.T @ cost["R"] @ L

    def changed(matrix, rows, columns, block):
        out = matrix.copy()
        out[rows, columns] = block
        return out

    top, bottom, left, right = slice(0, n), slice(n, 2 * n), slice(0, n), slice(n, None)
    return {
        "with u = −L x̂ = −L(x − x̃), the command adds +B L x̃ to dx: the upper-right block of Ā is +BL.":
            (changed(A_bar, top, right, -BL), Y_bar, G_bar, V),
        "the estimation error x̃ = x − x̂ evolves with A − KC: the upper-left block of Ā is A − BL, the lower-right "
        "A − KC.": (changed(A_bar, bottom, right, plant["A"] - BL), Y_bar, G_bar, V),
        "the command noise Y u dγ enters x, and so also x̃ = x − x̂: both rows of Ȳ are (−YL, YL).":
            (A_bar, changed(Y_bar, bottom, slice(None), 0.0), G_bar, V),
        "dx̃ = dx − dx̂ receives G dω from dx and −K D dξ from the estimator: the lower row of Ḡ is (G, −KD).":
            (A_bar, Y_bar, changed(G_bar, bottom, slice(G_bar.shape[1] - KD.shape[1], None), KD), V),
        "the process noise G dω enters x and x̃ alike: the lower-left block of Ḡ is G.":
            (A_bar, Y_bar, changed(G_bar, bottom, slice(0, G_bar.shape[1] - KD.shape[1]), 0.0), V),
        "uᵀRu = (x − x̃)ᵀLᵀRL(x − x̃): the off-diagonal blocks of V are −LᵀRL.":
            (A_bar, Y_bar, G_bar, changed(changed(V, top, right, LRL), bottom, left, LRL)),
        "the cost of x̃ is x̃ᵀ(LᵀRL + U)x̃: the lower-right block of V adds U to LᵀRL.":
            (A_bar, Y_bar, G_bar, changed(V, bottom, right, cost["U"])),
    }


def augmented_system(student_augmented_system):
    """Check ``augmented_system(plant, cost, L, K)`` on the arm and on random plants with one and two commands."""
    for plant, cost, L, K, name in _augmented_cases(np.random.default_rng(1342)):
        what = f"augmented_system(plant, cost, L, K) for {name}"
        with hint_on_failure("np.block([[A - B @ L, B @ L], [np.zeros_like(A), A - K @ C]]) builds Ā from blocks; "
                             "return the four matrices A_bar, Y_bar, G_bar, V in this order."):
            result = call(student_augmented_system, plant, cost, L, K, returns=AUGMENTED)
        expected = ref.augmented_system(plant, cost, L, K)
        wrong = _wrong_augmented(plant, cost, L, K)
        for k, name_k in enumerate(AUGMENTED):
            # Sums of at most n products: exact to ~1e-13 of the largest entry; 1e-10 accepts any order.
            scale = max(1.0, np.max(np.abs(expected[k])))
            assert_close(result[k], expected[k], f"{name_k} returned by {what}", atol=1e-10 * scale,
                         mistakes={hint: outputs[k] for hint, outputs in wrong.items()})


def _random_moments(rng, n, m):
    """Random B, Y (n × m), R (m × m, positive definite) and S (2n × 2n, symmetric positive definite)."""
    W, Z = rng.standard_normal((m, m)), rng.standard_normal((2 * n, 2 * n))
    return (rng.standard_normal((n, m)), 0.3 * rng.standard_normal((n, m)), W @ W.T + np.eye(m),
            Z @ Z.T + np.eye(2 * n))


def controller_gain(student_controller_gain):
    """Check ``controller_gain(B, Y, R, S)`` on random inputs (one and two commands) and on the arm."""
    rng = np.random.default_rng(1343)
    plant = ref.arm_plant()
    S_arm = ref.steady_state(plant, ref.COST, *_arm_gains())[1]
    cases = [(plant["B"], plant["Y"], ref.COST["R"], S_arm, "the arm's B, Y, R and S")]
    cases += [(*_random_moments(rng, n, m), f"random B, Y ({n} × {m}), R ({m} × {m}), S ({2 * n} × {2 * n})")
              for n, m in ((4, 1), (3, 2))]
    for B, Y, R, S, name in cases:
        what = f"controller_gain({name})"
        n = len(B)
        S_11, S_12, S_22 = S[:n, :n], S[:n, n:], S[n:, n:]
        expected = ref.controller_gain(B, Y, R, S)
        mistakes = {
            "the signal-dependent noise raises the command's cost: R + Yᵀ(S₁₁ + S₂₂)Y.": np.linalg.solve(R, B.T @ S_11),
            "the noise Y u dγ enters both x and x̃: Yᵀ(S₁₁ + S₂₂)Y, with the lower-right block S₂₂.":
                np.linalg.solve(R + Y.T @ S_11 @ Y, B.T @ S_11),
            "S₁₁ and S₂₂ are the diagonal n × n blocks of S; S₁₂ is off the diagonal.":
                np.linalg.solve(R + Y.T @ (S_11 + S_12) @ Y, B.T @ S_11),
            "the gain is the inverse of R + Yᵀ(S₁₁ + S₂₂)Y times Bᵀ S₁₁ (np.linalg.solve or np.linalg.inv).":
                (R + Y.T @ (S_11 + S_22) @ Y) @ B.T @ S_11,
            "the gain acts on the state through Bᵀ S₁₁, with the upper-left block S₁₁.":
                np.linalg.solve(R + Y.T @ (S_11 + S_22) @ Y, B.T @ S_22),
        }
        with hint_on_failure("L has shape (m, n): np.linalg.solve(R + Y.T @ (S11 + S22) @ Y, B.T @ S11)."):
            L = as_array(call(student_controller_gain, B, Y, R, S), what, shape=expected.shape)
        # A solve of an m × m system: exact to ~1e-14 of max|L|; 1e-9 accepts an explicit inverse.
        assert_close(L, expected, what, atol=1e-9 * np.max(np.abs(expected)), mistakes=mistakes)


def filter_gain(student_filter_gain):
    """Check ``filter_gain(C, D, P)`` on random inputs (D not symmetric) and on the arm."""
    rng = np.random.default_rng(1344)
    plant = ref.arm_plant()
    cases = [(plant["C"], plant["D"], ref.steady_state(plant, ref.COST, *_arm_gains())[0], "the arm's C, D and P")]
    for n, p in ((4, 3), (3, 2)):
        Z = rng.standard_normal((2 * n, 2 * n))
        cases.append((rng.standard_normal((p, n)), np.eye(p) + 0.4 * rng.standard_normal((p, p)),
                      Z @ Z.T + np.eye(2 * n), f"random C ({p} × {n}), D ({p} × {p}, not symmetric), "
                                               f"P ({2 * n} × {2 * n})"))
    for C, D, P, name in cases:
        what = f"filter_gain({name})"
        n = C.shape[1]
        P_11, P_22 = P[:n, :n], P[n:, n:]
        expected = ref.filter_gain(C, D, P)
        mistakes = {
            "the filter gain uses P₂₂, the second moment of the estimation error x̃ (the lower-right block of P).":
                P_11 @ C.T @ np.linalg.inv(D @ D.T),
            "the sensor noise's covariance is D Dᵀ: K = P₂₂ Cᵀ (D Dᵀ)⁻¹, not (Dᵀ D)⁻¹.":
                P_22 @ C.T @ np.linalg.inv(D.T @ D),
            "K = P₂₂ Cᵀ (D Dᵀ)⁻¹ uses the covariance D Dᵀ, not D.": P_22 @ C.T @ np.linalg.inv(D),
            "K = P₂₂ Cᵀ (D Dᵀ)⁻¹: the inverse of D Dᵀ.": P_22 @ C.T @ D @ D.T,
        }
        with hint_on_failure("K has shape (n, p): P22 @ C.T @ np.linalg.inv(D @ D.T)."):
            K = as_array(call(student_filter_gain, C, D, P), what, shape=expected.shape)
        assert_close(K, expected, what, atol=1e-9 * np.max(np.abs(expected)), mistakes=mistakes)


def _iterate_variant(plant, cost, L, K, max_iter, variant):
    """The iteration with a known slip, for hints: 'S_with_A' solves Ā S + S Āᵀ …; 'P_without_Y' drops Ȳ P Ȳᵀ;
    'swapped' updates the controller from P and the filter from S."""
    for _ in range(max_iter):
        A_bar, Y_bar, G_bar, V = ref.augmented_system(plant, cost, L, K)
        if variant == "S_with_A":
            S = ref.lyapunov_solve(A_bar, V, Y_bar)
        else:
            S = ref.lyapunov_solve(A_bar.T, V, Y_bar.T)
        P = ref.lyapunov_solve(A_bar, G_bar @ G_bar.T, None if variant == "P_without_Y" else Y_bar)
        if variant == "swapped":
            S, P = P, S
        L, K = ref.controller_gain(plant["B"], plant["Y"], cost["R"], S), ref.filter_gain(plant["C"], plant["D"], P)
    return L, K


def infinite_horizon_ofc(student_infinite_horizon_ofc):
    """Check ``infinite_horizon_ofc(plant, cost, L0, K0, tol, max_iter)``: a few steps, convergence, the Riccati pair."""
    arm, blind = ref.arm_plant(), ref.arm_plant(0.0)
    rng = np.random.default_rng(1345)
    small, small_cost = _random_plant(rng, 3, 1, 2, 3)
    zero_L, zero_K = np.zeros((1, 3)), np.zeros((3, 2))
    cases = [  # plant, cost, L0, K0, max_iter, name
        (arm, ref.COST, ref.INITIAL_L, ref.INITIAL_K, 1, "the arm, max_iter=1"),
        (arm, ref.COST, ref.INITIAL_L, ref.INITIAL_K, 3, "the arm, max_iter=3"),
        (arm, ref.COST, ref.INITIAL_L, ref.INITIAL_K, 100, "the arm, max_iter=100"),
        (small, small_cost, zero_L, zero_K, 100, "a random stable plant (3 states, 2 sensors) from zero gains"),
    ]
    for plant, cost, L0, K0, max_iter, name in cases:
        what = f"infinite_horizon_ofc(plant, cost, L0, K0, max_iter={max_iter}) for {name}"
        with hint_on_failure("in every iteration build the augmented system for the current gains, solve for S and "
                             "P with lyapunov_solve, update L and K; return the pair (L, K)."):
            L, K = call(student_infinite_horizon_ofc, plant, cost, L0, K0, max_iter=max_iter, returns=("L", "K"))
        expected = ref.infinite_horizon_ofc(plant, cost, L0, K0, max_iter=max_iter)
        wrong = {} if max_iter > 3 else {  # the slips' gains, for hints on the first steps
            "the cost-to-go S solves Āᵀ S + S Ā + Ȳᵀ S Ȳ + V = 0: call lyapunov_solve(A_bar.T, V, Y_bar.T).":
                _iterate_variant(plant, cost, L0, K0, max_iter, "S_with_A"),
            "P solves Ā P + P Āᵀ + Ȳ P Ȳᵀ + Ḡ Ḡᵀ = 0, with the signal-dependent term Ȳ.":
                _iterate_variant(plant, cost, L0, K0, max_iter, "P_without_Y"),
            "the controller gain comes from the cost-to-go S, the filter gain from the second moment P.":
                _iterate_variant(plant, cost, L0, K0, max_iter, "swapped"),
        }
        if 1 < max_iter <= 3:
            wrong["rebuild the augmented system from the new gains in every iteration."] = \
                ref.infinite_horizon_ofc(plant, cost, L0, K0, max_iter=1)
        # One iteration is a few well-conditioned solves (exact to ~1e-9 relative); converged gains agree to the
        # tolerance 1e-8 of Σ|ΔL| and Σ|ΔK| at quadratic-to-linear convergence: 1e-6 of the largest gain.
        L, K = as_array(L, f"L returned by {what}", shape=expected[0].shape), as_array(
            K, f"K returned by {what}", shape=expected[1].shape)
        if plant is arm and max_iter == 100 and np.max(np.linalg.eigvals(
                ref.augmented_system(arm, ref.COST, L, K)[0]).real) >= 0:
            raise AssertionError(f"{what}: the closed loop under the returned gains is unstable; the iteration "
                                 "should improve stabilising gains.")
        for value, reference, label in ((L, expected[0], "L"), (K, expected[1], "K")):
            assert_close(value, reference, f"{label} returned by {what}", atol=1e-6 * np.max(np.abs(reference)),
                         mistakes={hint: outputs[label == "K"] for hint, outputs in wrong.items()})
    # Without signal-dependent noise the fixed point is the pair of algebraic Riccati solutions (Kleinman 1968).
    what = "infinite_horizon_ofc for the arm without signal-dependent noise (Y = 0)"
    L, K = call(student_infinite_horizon_ofc, blind, ref.COST, ref.INITIAL_L, ref.INITIAL_K, returns=("L", "K"))
    S_11 = solve_continuous_are(blind["A"], blind["B"], ref.COST["Q"], ref.COST["R"])
    P_22 = solve_continuous_are(blind["A"].T, blind["C"].T, blind["G"] @ blind["G"].T, blind["D"] @ blind["D"].T)
    lqr, kalman = np.linalg.solve(ref.COST["R"], blind["B"].T @ S_11), P_22 @ blind["C"].T @ np.linalg.inv(
        blind["D"] @ blind["D"].T)
    assert_close(L, lqr, f"L returned by {what} against R⁻¹BᵀS of scipy's solve_continuous_are",
                 atol=1e-6 * np.max(np.abs(lqr)))
    assert_close(K, kalman, f"K returned by {what} against the Kalman–Bucy gain of scipy's solve_continuous_are",
                 atol=1e-6 * np.max(np.abs(kalman)))


def euler_maruyama_moments(plant, L, K, x0, x_hat0, dt, n_steps):
    """The exact mean and covariance of (x, x̂) after ``n_steps`` Euler–Maruyama steps of ``simulate_ofc``.

    The augmented state X = (x, x − x̂) of the chain obeys X_{k+1} = M X_k + √dt (Ȳ X_k γ_k + Ḡ ω̄_k) with
    M = I + Ā dt, so its mean is Mᵏ X₀ and its second moment Π_{k+1} = M Π_k Mᵀ + dt (Ȳ Π_k Ȳᵀ + Ḡ Ḡᵀ), exactly.

    Returns
    -------
    mean : ndarray of shape (2n,)
    covariance : ndarray of shape (2n, 2n)
        Of (x, x̂).
    """
    A_bar, Y_bar, G_bar, _ = ref.augmented_system(plant, ref.COST, L, K)
    n = len(plant["A"])
    M = np.eye(2 * n) + A_bar * dt
    noise = dt * G_bar @ G_bar.T
    mean = np.concatenate([x0, x0 - x_hat0])
    second = np.outer(mean, mean)
    for _ in range(n_steps):
        mean = M @ mean
        second = M @ second @ M.T + dt * Y_bar @ second @ Y_bar.T + noise
    to_estimate = np.block([[np.eye(n), np.zeros((n, n))], [np.eye(n), -np.eye(n)]])
    return to_estimate @ mean, to_estimate @ (second - np.outer(mean, mean)) @ to_estimate.T


def _noise_free_slip(plant, L, K, x0, x_hat0, dt, n_steps, slip):
    """The noise-free (x, x_hat, u) of ``simulate_ofc`` with a known slip, for hints."""
    A, B, C = plant["A"], plant["B"], plant["C"]
    x, x_hat = np.zeros((n_steps + 1,) + x0.shape), np.zeros((n_steps + 1,) + x0.shape)
    u = np.zeros((n_steps, len(x0), B.shape[1]))
    x[0], x_hat[0] = x0, x_hat0
    for k in range(n_steps):
        u[k] = -(x[k] if slip == "state_feedback" else x_hat[k]) @ L.T
        x[k + 1] = x[k] + (x[k] @ A.T + u[k] @ B.T) * dt
        dy = x[k] @ C.T * (1 if slip == "observation_without_dt" else dt)
        innovation = dy - x_hat[k] @ C.T * dt
        x_hat[k + 1] = x_hat[k] + (x_hat[k] @ A.T + u[k] @ B.T) * dt + (
            -innovation if slip == "innovation_sign" else innovation) @ K.T
    return x, x_hat, u


def _noise_free(plant):
    return {**plant, "G": np.zeros_like(plant["G"]), "D": np.zeros_like(plant["D"]), "Y": np.zeros_like(plant["Y"])}


def _simulate(student_simulate_ofc, plant, L, K, x0, dt, n_steps, n_trials, rng, x_hat0=None):
    """The student's (x, x_hat, u), checked for type and shape."""
    what = f"simulate_ofc(plant, L, K, x0, dt={dt}, n_steps={n_steps}, n_trials={n_trials}, rng" + (
        ")" if x_hat0 is None else ", x_hat0)")
    n, m = len(plant["A"]), plant["B"].shape[1]
    with hint_on_failure("return x and x_hat of shape (n_steps + 1, n_trials, n) and u of shape "
                         "(n_steps, n_trials, m), in this order."):
        result = call(student_simulate_ofc, plant, L, K, x0, dt, n_steps, n_trials, rng, x_hat0=x_hat0,
                      returns=SIMULATED)
        shapes = ((n_steps + 1, n_trials, n), (n_steps + 1, n_trials, n), (n_steps, n_trials, m))
        return what, tuple(as_array(value, f"{name} returned by {what}", shape=shape)
                           for value, name, shape in zip(result, SIMULATED, shapes))


def simulate_ofc(student_simulate_ofc, seed=1346):
    """Check ``simulate_ofc``: a noise-free run against the reference, then the moments of 2000 noisy trials."""
    arm = ref.arm_plant()
    L, K = _arm_gains()
    # Noise-free, with an estimate that starts off the state (so that the estimator's dynamics show) and with one
    # initial state per trial: no random number matters, and the result is the reference's to round-off.
    x0 = np.array([ref.X0, [0.2, -1.0, 0.0, 5.0]])
    x_hat0 = x0 + np.array([[0.05, 0.3, -2.0, 10.0], [0.0, 0.0, 0.0, 0.0]])
    what, result = _simulate(student_simulate_ofc, _noise_free(arm), L, K, x0, ref.DT, 300, 2,
                             np.random.default_rng(seed), x_hat0)
    expected = ref.simulate_ofc(_noise_free(arm), L, K, x0, ref.DT, 300, 2, np.random.default_rng(seed), x_hat0)
    hints = {"x": "x_{k+1} = x_k + (A x_k + B u_k) dt + noise; the states are rows, so x Aᵀ.",
             "x_hat": "x̂_{k+1} = x̂_k + (A x̂_k + B u_k) dt + K (dy_k − C x̂_k dt) with dy_k = C x_k dt + noise; x̂ "
                      "starts at x_hat0.",
             "u": "u_k = −L x̂_k, the command from the estimate."}
    slips = {"the command is u_k = −L x̂_k, from the estimate, not from the true state.": "state_feedback",
             "the innovation is dy_k − C x̂_k dt: the estimate moves towards the observation.": "innovation_sign",
             "the observation is dy_k = C x_k dt + √dt D ξ_k: its drift is multiplied by dt.": "observation_without_dt"}
    wrong = {hint: _noise_free_slip(arm, L, K, x0, x_hat0, ref.DT, 300, slip) for hint, slip in slips.items()}
    for k, (value, reference, name) in enumerate(zip(result, expected, SIMULATED)):
        # 300 steps of a linear recursion: round-off below 1e-12 of the largest value; 1e-9 accepts any order.
        assert_close(value, reference, f"{name} returned by the noise-free {what}",
                     atol=1e-9 * np.max(np.abs(reference)), hint=hints[name],
                     mistakes={hint: outputs[k] for hint, outputs in wrong.items()})
    if not np.allclose(result[2], -result[1][:-1] @ L.T, rtol=1e-12, atol=1e-12):
        raise AssertionError(f"{what}: the command u_k must be −L x̂_k, from the estimate at the same step.")
    # Noisy: 2000 trials of 100 ms of the reach, when the command and its noise are large.
    n_trials, n_steps = 2000, 100
    what, (x, x_hat, u) = _simulate(student_simulate_ofc, arm, L, K, ref.X0, ref.DT, n_steps, n_trials,
                                    np.random.default_rng(seed))
    if not np.allclose(u, -x_hat[:-1] @ L.T, rtol=1e-12, atol=1e-12):
        raise AssertionError(f"{what}: the command u_k must be −L x̂_k, from the estimate at the same step.")
    names = ("angle", "velocity", "acceleration", "jerk")
    for step in (50, 100):
        mean, covariance = euler_maruyama_moments(arm, L, K, ref.X0, ref.X0, ref.DT, step)
        sample = np.concatenate([x[step], x_hat[step]], axis=1)
        for i in range(8):
            label = f"{'estimated ' if i >= 4 else ''}{names[i % 4]} at t = {step * ref.DT:g} s in {what}"
            values = sample[:, i]
            sd = np.sqrt(covariance[i, i])
            # The sample mean of 2000 trials has standard error sd/√2000; six of them (false alarm < 1e-8 per test).
            assert_statistic(values.mean(), mean[i], 6 * sd / np.sqrt(n_trials), f"the mean {label}",
                             hint="the mean follows the noise-free loop (check the drift terms, x_hat0 and u = −L x̂), "
                                  "and the noise is drawn anew for every trial, so that it averages out.")
            # The sample variance's standard error is √((m₄ − σ⁴)/N), from the sample's fourth central moment
            # (the signal-dependent noise makes the states heavier-tailed than Gaussian); six of them.
            centred = values - values.mean()
            m4 = np.mean(centred**4)
            tolerance = 6 * np.sqrt(max(m4 - covariance[i, i] ** 2, 2 * covariance[i, i] ** 2) / n_trials)
            assert_statistic(values.var(), covariance[i, i], tolerance, f"the variance of the {label}",
                             hint="each step adds √dt times standard normal noise, drawn anew for every trial and "
                                  "step: Y u_k γ_k and G ω_k to the state, D ξ_k to the observation.")
    assert_reproducible(lambda rng: call(student_simulate_ofc, arm, L, K, ref.X0, ref.DT, 20, 3, rng), what)


# √P[0, 0] of the Lyapunov solution is 13.20 mrad; the Euler–Maruyama chain at dt = 1 ms holds 13.23 mrad in its
# steady state, and a long simulation estimates that with a few per cent of sampling error. ± 0.15 mrad accepts the
# continuous and the discrete value (rounded to 0.1) and rejects the noise-blind gains' 12.2, the spread of the
# estimate x̂ (12.0) and of the estimation error (5.5).
holding_sd = Discovery(
    13.2, 0.15, "holding_sd, the standard deviation of the angle about the target in the steady state", unit="mrad",
    mistakes={"that is the steady state under the noise-blind gains; use Qian et al.'s gains for the arm with "
              "signal-dependent noise.": 12.16,
              "that is the spread of the estimate x̂; the question asks for the true angle x, P[0, 0] of "
              "P = E[X Xᵀ] with X = (x, x̃).": 12.0,
              "P[n, n] is the estimation error x̃; the angle x is P[0, 0].": 5.5,
              "that is the variance in mrad²; take the square root.": 174.3,
              "the answer is in mrad: 1000 times the standard deviation in rad.": 0.0132,
              "that is the noise-blind controller on the noise-blind plant: use the plant with Y = 0.02 B.": 11.93})

# The ratio of two costs of the Lyapunov solutions, exact to round-off: 1.1601. ± 0.002 accepts it rounded to three
# decimals and rejects the inverse (0.862), the ratio on the plant without signal-dependent noise (Qian's gains over
# the noise-blind ones, 1.060), the ratio of the movement costs x₀ᵀS₁₁x₀ (1.228) and 1.
noise_blind_cost_ratio = Discovery(
    1.160, 0.002, "noise_blind_cost_ratio, the cost per unit time of the noise-blind gains over Qian et al.'s",
    mistakes={"the ratio is the noise-blind gains' cost over Qian et al.'s, not the inverse.": 0.862,
              "evaluate both pairs of gains on the arm with signal-dependent noise (Y = 0.02 B).": 1.060,
              "compare the costs per unit time tr(V P), not the movement costs x₀ᵀ S₁₁ x₀.": 1.228,
              "the two pairs of gains differ: compute them for Y = 0 and for Y = 0.02 B.": 1.0})
