"""Checks of section 13.3, optimal feedback control (LQG and the separation principle).

Besides the comparison with ``solutions`` on the original's reach and on random systems of other sizes, the checks
test facts that need no reference: with a constant cost and a long horizon the Riccati recursion reaches the
solution of ``scipy.linalg.solve_discrete_are`` and the Kalman recursion that of the dual DARE; a run without noise
keeps the estimate on the state and obeys each equation of the loop; the estimation errors of simulated runs have
the covariance the filter predicts, and states and estimates together have the exact closed-loop mean and
covariance, with and without control-dependent noise (chi-square statistics within six standard errors). Two
discovery answers: the end-point spread of the LQG reach, and how much the gLQG controller narrows it.
"""

import numpy as np
from scipy.linalg import expm, solve_discrete_are

from autograder.checking import (Discovery, as_array, assert_close, assert_reproducible, assert_statistic, call,
                                 hint_on_failure)
from solutions.ch13_motor_control import optimal_feedback_control as ref


def _random_system(seed, n=3, m=2, p=2):
    """A random discrete system (A near I, B, H), positive definite noise covariances, and the generator."""
    rng = np.random.default_rng(seed)
    A = np.eye(n) + 0.1 * rng.normal(size=(n, n))
    B, H = rng.normal(size=(n, m)), rng.normal(size=(p, n))
    G, D = rng.normal(size=(n, n)), rng.normal(size=(p, p))
    return A, B, H, 0.1 * G @ G.T + 0.01 * np.eye(n), 0.2 * D @ D.T + 0.05 * np.eye(p), rng


def _psd(rng, n):
    """A random symmetric positive semidefinite n × n matrix."""
    M = rng.normal(size=(n, n))
    return M @ M.T / n


def discretize(student_discretize):
    """Check ``discretize(Ac, Bc, Cc, Gc, Dc, Yc, dt)`` on the original's limb and on a system of other sizes with
    non-square, non-diagonal noise matrices."""
    Ac, Bc, Cc, Dc, Gc, Yc = ref.single_joint_arm()
    rng = np.random.default_rng(133)
    cases = (("the original's single-joint limb, dt = 0.01 s", (Ac, Bc, Cc, Gc, Dc, Yc), ref.DT),
             ("a system with n = 3, m = 2, p = 2, G of shape (3, 4) and D of shape (2, 3), dt = 0.05 s",
              (rng.normal(size=(3, 3)), rng.normal(size=(3, 2)), rng.normal(size=(2, 3)), rng.normal(size=(3, 4)),
               rng.normal(size=(2, 3)), rng.normal(size=(3, 2))), 0.05))
    names = ("A", "B", "H", "Y", "Omega_xi", "Omega_omega")
    for what, (ac, bc, cc, gc, dc, yc), dt in cases:
        call_text = f"discretize(…, dt={dt}) for {what}"
        with hint_on_failure("the covariances are (n, n) and (p, p): Ω_ξ = G Gᵀ dt, Ω_ω = D Dᵀ dt."):
            result = call(student_discretize, ac, bc, cc, gc, dc, yc, dt, returns=names)
            expected = ref.discretize(ac, bc, cc, gc, dc, yc, dt)
            result = [as_array(value, f"{name} returned by {call_text}", shape=np.shape(want))
                      for name, value, want in zip(names, result, expected)]
        noise_hint = ("a Wiener increment over dt has variance dt: the noise G dW has the covariance G Gᵀ dt. "
                      "(The original scaled G by √dt and then used √dt G as a covariance.)")
        mistakes = {
            "A": {"the Euler step keeps the identity: A = I + A_c dt.": ac * dt,
                  "use the Euler–Maruyama step A = I + A_c dt, not the exact exponential.": expm(ac * dt)},
            "B": {"B = B_c dt: the command acts for the whole step.": bc,
                  "B = B_c dt: only the noise scales with √dt.": bc * np.sqrt(dt)},
            "H": {"the sense organs report the increment dy = C_c x dt + D_c dV, so H = C_c dt.": cc,
                  "H = C_c dt: only the noise scales with √dt.": cc * np.sqrt(dt)},
            "Y": {"Y multiplies a standard normal: the increment dγ has standard deviation √dt, so Y = Y_c √dt.":
                  yc * dt,
                  "Y = Y_c √dt: the increment of the Wiener process γ over dt is √dt times a standard normal.": yc},
            "Omega_xi": {noise_hint: gc * np.sqrt(dt) if gc.shape[0] == gc.shape[1] else np.zeros(1),
                         "a covariance per step grows with dt: Ω_ξ = G Gᵀ dt.": gc @ gc.T,
                         "Ω_ξ = G Gᵀ dt (the variance of G√dt ε), not G Gᵀ √dt.": gc @ gc.T * np.sqrt(dt)},
            "Omega_omega": {"a Wiener increment over dt has variance dt: the noise D dV has the covariance D Dᵀ dt. "
                            "(The original scaled D by √dt and then used √dt D as a covariance.)":
                                dc * np.sqrt(dt) if dc.shape[0] == dc.shape[1] else np.zeros(1),
                            "the increment D dV over dt has covariance D Dᵀ dt (D Dᵀ/dt is that of y/dt).":
                                dc @ dc.T / dt,
                            "a covariance per step grows with dt: Ω_ω = D Dᵀ dt.": dc @ dc.T},
        }
        for name, value, want in zip(names, result, expected):
            # A handful of products of O(1) numbers: round-off ~1e-16 relative; 1e-12 is far above it.
            assert_close(value, want, f"{name} returned by {call_text}", atol=1e-12 * np.abs(want).max(),
                         rtol=1e-10, mistakes=mistakes[name])


def _riccati_variant(A, B, Q, R, variant):
    """The backward recursion with a known mistake, to name it in a failure message."""
    n_steps = len(Q) - 1
    L, S = np.zeros((n_steps, B.shape[1], len(A))), np.zeros_like(Q)
    S[-1] = Q[-1]
    for t in range(n_steps - 1, -1, -1):
        rr = 0 * R if variant == "no R" else R
        L[t] = np.linalg.solve(rr + B.T @ S[t + 1] @ B, B.T @ S[t + 1] @ (np.eye(len(A)) if variant == "no A" else A))
        closed = A if variant == "no feedback" else A + B @ L[t] if variant == "sign" else A - B @ L[t]
        S[t] = (Q[t + 1] if variant == "Q shifted" else Q[t]) + A.T @ S[t + 1] @ closed
    return L, S


def _variants(compute, variants):
    """``{hint: output}`` of the mistaken recursions that run (a mistake can make a matrix singular)."""
    found = {}
    for hint, variant in variants.items():
        try:
            with np.errstate(all="ignore"):
                found[hint] = compute(variant)
        except np.linalg.LinAlgError:
            pass
    return found


def _dare_gain(A, B, Q, R):
    S = solve_discrete_are(A, B, Q, R)
    return np.linalg.solve(R + B.T @ S @ B, B.T @ S @ A), S


def lqr_gains(student_lqr_gains):
    """Check ``lqr_gains(A, B, Q, R)`` on the original's reach, on a random system with time-varying costs, and its
    long-horizon limit against ``scipy.linalg.solve_discrete_are``."""
    A, B, H, Y, Omega_xi, Omega_omega = ref.reach_model()
    Q, R = ref.reach_costs()
    A2, B2, _, _, _, rng = _random_system(7)
    Q2 = np.stack([_psd(rng, 3) for _ in range(21)])
    R2 = _psd(rng, 2) + 0.1 * np.eye(2)
    cases = (("the original's reach (cost on the final state only)", A, B, Q, R),
             ("a system with n = 3, m = 2 and a different Q_t at every step", A2, B2, Q2, R2))
    for what, a, b, q, r in cases:
        call_text = f"lqr_gains(A, B, Q, R) for {what}"
        L, S = call(student_lqr_gains, a, b, q, r, returns=("L", "S"))
        L_ref, S_ref = ref.lqr_gains(a, b, q, r)
        L = as_array(L, f"L returned by {call_text}", shape=L_ref.shape)
        S = as_array(S, f"S returned by {call_text}", shape=S_ref.shape)
        if not np.allclose(S[-1], q[-1], rtol=1e-12, atol=0):
            raise AssertionError(f"S[T] returned by {call_text} is not Q[T].\nHint: the recursion starts from the "
                                 "cost of the final state, S_T = Q_T.")
        mistakes = _variants(lambda variant: _riccati_variant(a, b, q, r, variant), {
            "S_t = Q_t + Aᵀ S_{t+1} (A − B L_t): the closed-loop matrix A − B L_t, not A.": "no feedback",
            "S_t = Q_t + Aᵀ S_{t+1} (A − B L_t), with a minus sign (u = −L x).": "sign",
            "L_t = (R + Bᵀ S_{t+1} B)⁻¹ Bᵀ S_{t+1} A: the control cost R belongs inside the inverse.": "no R",
            "L_t = (R + Bᵀ S_{t+1} B)⁻¹ Bᵀ S_{t+1} A ends with A.": "no A",
            "S_t adds the cost of step t, Q_t (Q has T + 1 entries, Q_0 … Q_T).": "Q shifted",
        })
        # The recursion is a few dozen products of 4 × 4 matrices: round-off ~1e-14 of the largest entry; 1e-9 of it
        # accepts any order of evaluation (solve or inv, S symmetrised or not).
        assert_close(S, S_ref, f"S returned by {call_text}", atol=1e-9 * np.abs(S_ref).max(), rtol=1e-8,
                     mistakes={hint: s for hint, (_, s) in mistakes.items()})
        assert_close(L, L_ref, f"L returned by {call_text}", atol=1e-9 * np.abs(L_ref).max(), rtol=1e-8,
                     mistakes={"the gains are indexed forwards in time: L[t] belongs to step t (you filled them "
                               "in the order of the backward loop).": L_ref[::-1],
                               **{hint: l for hint, (l, _) in mistakes.items()}})
    # With a constant cost the recursion converges to the DARE (the closed loop contracts by 0.97 per step, so after
    # 300 steps S_0 is within 3e-8 of it); 1e-6 relative is far above both that and round-off.
    q_const = np.repeat(ref.Q_FINAL[None], 301, axis=0)
    L, S = call(student_lqr_gains, A, B, q_const, R, returns=("L", "S"))
    L_dare, S_dare = _dare_gain(A, B, ref.Q_FINAL, R)
    for name, value, expected in (("S[0]", S, S_dare), ("L[0]", L, L_dare)):
        assert_close(as_array(value, f"{name} of lqr_gains(…) with a constant Q over 300 steps",
                              shape=(301, 4, 4) if name == "S[0]" else (300, 1, 4))[0], expected,
                     f"{name} of lqr_gains(…) with a constant Q over 300 steps, against "
                     f"scipy.linalg.solve_discrete_are", atol=1e-6 * np.abs(expected).max(), rtol=1e-6,
                     hint="with a constant cost the backward recursion approaches the algebraic Riccati equation's "
                          "solution far from the end of the horizon.")


def _kalman_variant(A, H, Omega_xi, Omega_omega, Sigma0, n_steps, variant):
    """The forward recursion with a known mistake, to name it in a failure message."""
    K = np.zeros((n_steps, len(A), len(H)))
    Sigma = np.zeros((n_steps + 1, len(A), len(A)))
    Sigma[0] = Sigma0
    for t in range(n_steps):
        K[t] = A @ Sigma[t] @ H.T @ np.linalg.inv(H @ Sigma[t] @ H.T + Omega_omega)
        if variant == "no A":
            K[t] = np.linalg.solve(A, K[t])
        if variant == "open loop":
            Sigma[t + 1] = Omega_xi + A @ Sigma[t] @ A.T
        elif variant == "joseph without sensory noise":
            Sigma[t + 1] = Omega_xi + (A - K[t] @ H) @ Sigma[t] @ (A - K[t] @ H).T
        else:
            Sigma[t + 1] = Omega_xi + (A - K[t] @ H) @ Sigma[t] @ A.T
    return K, Sigma


def kalman_gains(student_kalman_gains):
    """Check ``kalman_gains(A, H, Omega_xi, Omega_omega, Sigma0, n_steps)`` on the original's reach, on a random
    system with correlated noise, and its long-horizon limit against the dual ``solve_discrete_are``."""
    A, B, H, Y, Omega_xi, Omega_omega = ref.reach_model()
    A2, _, H2, Oxi2, Oom2, rng = _random_system(11)
    cases = (("the original's reach (Σ_0 = 0)", A, H, Omega_xi, Omega_omega, np.zeros((4, 4)), ref.N_STEPS),
             ("a system with n = 3, p = 2, correlated noise and Σ_0 ≠ 0", A2, H2, Oxi2, Oom2, _psd(rng, 3), 25))
    for what, a, h, oxi, oom, sigma0, n_steps in cases:
        call_text = f"kalman_gains(A, H, Omega_xi, Omega_omega, Sigma0, {n_steps}) for {what}"
        K, Sigma = call(student_kalman_gains, a, h, oxi, oom, sigma0, n_steps, returns=("K", "Sigma"))
        K_ref, Sigma_ref = ref.kalman_gains(a, h, oxi, oom, sigma0, n_steps)
        K = as_array(K, f"K returned by {call_text}", shape=K_ref.shape)
        Sigma = as_array(Sigma, f"Sigma returned by {call_text}", shape=Sigma_ref.shape)
        mistakes = _variants(lambda variant: _kalman_variant(a, h, oxi, oom, sigma0, n_steps, variant), {
            "K_t = A Σ_t Hᵀ (H Σ_t Hᵀ + Ω_ω)⁻¹: the predictor form has the factor A (it corrects the prediction "
            "of the next state), in the gain and in Σ_{t+1} = Ω_ξ + (A − K_t H) Σ_t Aᵀ.": "no A",
            "Σ_{t+1} = Ω_ξ + (A − K_t H) Σ_t Aᵀ: the observations shrink the error, through −K_t H.": "open loop",
            "Σ_{t+1} = Ω_ξ + (A − K_t H) Σ_t Aᵀ; the form (A − K_t H) Σ_t (A − K_t H)ᵀ needs + K_t Ω_ω K_tᵀ as well.":
                "joseph without sensory noise",
        })
        if not np.allclose(Sigma[0], sigma0, rtol=1e-12, atol=0):
            raise AssertionError(f"Sigma[0] returned by {call_text} is not Sigma0.")
        # Fifty products of 4 × 4 matrices and inverses of well-conditioned 3 × 3 ones: round-off ~1e-14 relative.
        assert_close(Sigma, Sigma_ref, f"Sigma returned by {call_text}", atol=1e-9 * np.abs(Sigma_ref).max(),
                     rtol=1e-8, mistakes={hint: s for hint, (_, s) in mistakes.items()})
        assert_close(K, K_ref, f"K returned by {call_text}", atol=1e-9 * np.abs(K_ref).max(), rtol=1e-8,
                     mistakes={"K_t = A Σ_t Hᵀ (H Σ_t Hᵀ + Ω_ω)⁻¹: the predictor form has the factor A (the gain "
                               "of the filtered estimate, without A, belongs to the other form of the filter).":
                               np.linalg.solve(a, K_ref.swapaxes(0, 1).reshape(len(a), -1)).reshape(
                                   len(a), n_steps, -1).swapaxes(0, 1),
                               "K_t comes from Σ_t, before Σ_{t+1} is computed.":
                               np.concatenate([K_ref[1:], K_ref[-1:]]),
                               **{hint: k for hint, (k, _) in mistakes.items()}})
    # The dual DARE: after 300 steps Σ is within 4e-11 of it (relative); 1e-7 is far above that and round-off.
    K, Sigma = call(student_kalman_gains, A, H, Omega_xi, Omega_omega, np.zeros((4, 4)), 300, returns=("K", "Sigma"))
    P = solve_discrete_are(A.T, H.T, Omega_xi, Omega_omega)
    K_dare = A @ P @ H.T @ np.linalg.inv(H @ P @ H.T + Omega_omega)
    assert_close(as_array(Sigma, "Sigma of kalman_gains(…) over 300 steps", shape=(301, 4, 4))[-1], P,
                 "Sigma[-1] of kalman_gains(…) over 300 steps, against "
                 "scipy.linalg.solve_discrete_are(Aᵀ, Hᵀ, Ω_ξ, Ω_ω)",
                 atol=1e-7 * np.abs(P).max(), rtol=1e-7,
                 hint="the filter's error covariance approaches the algebraic Riccati equation of the dual problem.")
    assert_close(as_array(K, "K of kalman_gains(…) over 300 steps", shape=(300, 4, 3))[-1], K_dare,
                 "K[-1] of kalman_gains(…) over 300 steps, against the gain of the dual DARE",
                 atol=1e-7 * np.abs(K_dare).max(), rtol=1e-7)


def _correlated_noise():
    """A non-diagonal motor-noise covariance for the reach (G with neighbouring components coupled), so that
    taking an elementwise square root of Ω is wrong."""
    G = ref.PROCESS_NOISE * (np.eye(4) + 0.8 * np.eye(4, k=1) + 0.5 * np.eye(4, k=-1))
    return G @ G.T * ref.DT


def _run(student_simulate_lqg, args, n_trials, rng, what):
    """Call the student's simulate_lqg and check the shapes of its three outputs."""
    A, B, H, L = args[:4]
    T, n, m = len(L), len(A), B.shape[1]
    x, x_hat, u = call(student_simulate_lqg, *args, n_trials, rng, returns=("x", "x_hat", "u"))
    return (as_array(x, f"x returned by {what}", shape=(n_trials, T + 1, n)),
            as_array(x_hat, f"x_hat returned by {what}", shape=(n_trials, T + 1, n)),
            as_array(u, f"u returned by {what}", shape=(n_trials, T, m)))


def simulate_lqg(student_simulate_lqg, seed=2005):
    """Check ``simulate_lqg(A, B, H, L, K, Omega_xi, Omega_omega, Y, x0, n_trials, rng)``: runs without noise against
    the reference, and 3000 noisy runs of the reach against the filter's covariance and the exact moments."""
    A, B, H, Y, Omega_xi, Omega_omega = ref.reach_model()
    L, K = ref.reach_lqg()
    zero4, zero3 = np.zeros((4, 4)), np.zeros((3, 3))
    rng = np.random.default_rng(31)
    A2, B2, H2, _, _, _ = _random_system(5)
    L2, K2 = rng.normal(0, 0.3, (15, 2, 3)), rng.normal(0, 0.3, (15, 3, 2))
    x0_2 = np.array([1.0, -0.5, 2.0])
    noiseless = (("the reach without noise", (A, B, H, L, K, zero4, zero3, 0 * Y, ref.X_START)),
                 ("a system with n = 3, m = 2, p = 2 and random gains, without noise",
                  (A2, B2, H2, L2, K2, np.zeros((3, 3)), np.zeros((2, 2)), np.zeros((3, 2)), x0_2)))
    for name, args in noiseless:
        what = f"simulate_lqg(…, n_trials=2, rng) for {name}"
        x, x_hat, u = _run(student_simulate_lqg, args, 2, np.random.default_rng(0), what)
        x_ref, x_hat_ref, u_ref = ref.simulate_lqg(*args, 2, np.random.default_rng(0))
        # Without noise the runs are deterministic: round-off ~1e-15 of the state's size over 50 steps. First each
        # equation on the student's own arrays (to name the one that is wrong), then the whole run.
        scale = np.abs(x_ref).max()
        a, b, h, gains, filter_gains = args[:5]
        assert_close(u, -np.einsum("tmn,ktn->ktm", gains, x_hat[:, :-1]), f"u returned by {what}, against "
                     "−L_t x̂_t from your x_hat", atol=1e-10 * np.abs(u_ref).max(),
                     hint="u_t = −L_t x̂_t: the command comes from the estimate (rows are trials: x̂ @ L[t].T).")
        assert_close(x[:, 1:], x[:, :-1] @ a.T + u @ b.T, f"x returned by {what}, against A x_t + B u_t from your "
                     "x and u", atol=1e-10 * scale, hint="x_{t+1} = A x_t + B u_t (+ noise): rows are trials, so "
                                                         "A x is x @ A.T.")
        innovation = np.einsum("tnp,ktp->ktn", filter_gains, (x - x_hat)[:, :-1] @ h.T)
        assert_close(x_hat[:, 1:], x_hat[:, :-1] @ a.T + u @ b.T + innovation, f"x_hat returned by {what}, against "
                     "A x̂_t + B u_t + K_t (H x_t − H x̂_t) from your arrays", atol=1e-10 * scale,
                     hint="x̂_{t+1} = A x̂_t + B u_t + K_t (y_t − H x̂_t), with the copy B u_t of the command and "
                          "y_t = H x_t + ω_t observed at step t, before the state moves on.")
        assert_close(u, u_ref, f"u returned by {what}", atol=1e-10 * np.abs(u_ref).max(),
                     hint="u_t = −L_t x̂_t, from the estimate.")
        assert_close(x, x_ref, f"x returned by {what}", atol=1e-10 * scale,
                     hint="x_{t+1} = A x_t + B u_t (+ noise), from x_0 = x0.")
        assert_close(x_hat, x_hat_ref, f"x_hat returned by {what}", atol=1e-10 * scale,
                     hint="x̂_{t+1} = A x̂_t + B u_t + K_t (y_t − H x̂_t), with y_t = H x_t + ω_t observed at step t "
                          "(before the state moves on) and the copy B u_t of the command.")
    hint = ("every step of every trial draws its own ξ ~ 𝒩(0, Ω_ξ), ω ~ 𝒩(0, Ω_ω) and ε ~ 𝒩(0, I): Ω is a covariance "
            "(rng.multivariate_normal(mean, Omega), or a matrix square root S with S Sᵀ = Ω times standard normals); "
            "the command comes from the estimate, u_t = −L_t x̂_t, and the estimate is corrected with y_t − H x̂_t.")
    # Two statistics of the noisy runs. (a) With additive noise the estimation error e_t = x_t − x̂_t is Gaussian with
    # the covariance Σ_t of the Kalman recursion, so e_tᵀ Σ_t⁻¹ e_t is chi-square with 4 degrees of freedom: mean 4,
    # variance 8. (b) For z_t = (x_t, x̂_t) with the exact mean μ_t and covariance C_t of the closed loop,
    # E[(z − μ)ᵀ C⁻¹ (z − μ)] = tr(C⁻¹ C) = 8 for any distribution; its variance is 16 for a Gaussian z (additive noise)
    # and at most 23 with the control-dependent noise (measured over 20 000 trials; 25 is used). Each mean over N trials
    # is tested within six standard errors (√(variance/N)): with six statistics a correct simulation fails with
    # probability below 1e-7 (tests/references runs the check with 40 other seeds). With 1500 and 1000 trials every
    # mistake of the bug zoo moves (b) by 15 standard errors or more (using x instead of x̂ in the command: 13.8 at
    # step 10 instead of 8 ± 0.1).
    def chi_square(z, mean, cov, t, dof, variance, what):  # the mean of (z_t − mean)ᵀ cov⁻¹ (z_t − mean) over trials
        d = z[:, t] - mean
        value = np.mean(np.einsum("ni,ij,nj->n", d, np.linalg.inv(cov), d))
        assert_statistic(value, dof, 6 * np.sqrt(variance / len(z)), what, hint=hint)

    # 1. Additive noise only, with correlated motor noise.
    n_trials = 1500
    Omega_c = _correlated_noise()
    K_c, Sigma_c = ref.kalman_gains(A, H, Omega_c, Omega_omega, zero4, ref.N_STEPS)
    args = (A, B, H, L, K_c, Omega_c, Omega_omega, 0 * Y, ref.X_START)
    what = f"simulate_lqg(…, n_trials={n_trials}, rng) for the reach with correlated motor noise"
    x, x_hat, u = _run(student_simulate_lqg, args, n_trials, np.random.default_rng(seed), what)
    if not (np.allclose(x[:, 0], ref.X_START, atol=1e-12) and np.allclose(x_hat[:, 0], ref.X_START, atol=1e-12)):
        raise AssertionError(f"x[:, 0] and x_hat[:, 0] returned by {what} must both be x0 in every trial.")
    for t in (10, 50):
        chi_square(x - x_hat, 0.0, Sigma_c[t], t, 4, 8, f"the mean of e_tᵀ Σ_t⁻¹ e_t (e = x − x̂, Σ from the Kalman "
                   f"recursion; 4 for the optimal filter) at step {t} over the trials of {what}")
    mean, cov = ref.closed_loop_moments(*args)
    for t in (10, 40):
        chi_square(np.concatenate([x, x_hat], axis=2), mean[t], cov[t], t, 8, 16,
                   f"the mean of (z − μ)ᵀ C⁻¹ (z − μ) for z = (x_t, x̂_t) and the exact closed-loop mean μ and "
                   f"covariance C (8 for a right simulation) at step {t} over the trials of {what}")
    # 2. The reach in the world with all three noises.
    n_trials = 1000
    args = (A, B, H, L, K, Omega_xi, Omega_omega, Y, ref.X_START)
    what = f"simulate_lqg(…, n_trials={n_trials}, rng) for the reach with all three noises"
    x, x_hat, u = _run(student_simulate_lqg, args, n_trials, np.random.default_rng(seed + 1), what)
    mean, cov = ref.closed_loop_moments(*args)
    hint += " The control-dependent noise adds Y (ε_t ∘ u_t) to x_{t+1}, proportional to the command."
    for t in (30, 50):
        chi_square(np.concatenate([x, x_hat], axis=2), mean[t], cov[t], t, 8, 25,
                   f"the mean of (z − μ)ᵀ C⁻¹ (z − μ) for z = (x_t, x̂_t) and the exact closed-loop mean μ and "
                   f"covariance C (8 for a right simulation) at step {t} over the trials of {what}")
    assert_reproducible(lambda generator: call(student_simulate_lqg, *args, 3, generator),
                        "simulate_lqg(…, n_trials=3, rng)")


# The SD of the final angle of the LQG reach with all three noises is 19.46 mrad (exact, from the closed-loop moments).
# A Monte-Carlo estimate from N ≥ 4000 trials has a standard error σ/√(2N) ≤ 0.22 mrad (the final angle's kurtosis is
# 3.0); ± 1.0 mrad is 4.5 standard errors and rejects the world without control-dependent noise (12.7), the gLQG
# controller (15.3), the original's covariances in the filter (29.8) and the answers in rad or mrad².
endpoint_sd = Discovery(
    19.46, 1.0, "endpoint_sd, the standard deviation of the final joint angle of the LQG reach", unit="mrad",
    mistakes={"the world has all three noises: pass Y to simulate_lqg.": 12.75,
              "the question is about the LQG controller (lqr_gains and kalman_gains), not gLQG.": 15.30,
              "the filter needs the covariances Ω = G Gᵀ dt and D Dᵀ dt from discretize.": 29.83,
              "give the standard deviation in mrad (1 rad = 1000 mrad).": 0.0195,
              "the standard deviation is the square root of the variance.": 0.379})

# SD(LQG)/SD(gLQG) of the final angle is 1.272 (exact). Two Monte-Carlo estimates of N ≥ 4000 trials each have a
# relative standard error of √(2 · 1/(2N)) ≤ 1.6 % for the ratio, 0.020; ± 0.08 is four standard errors and rejects
# the inverse (0.79), the ratio of the variances (1.62) and the LQG controller in a world without control-dependent
# noise over the gLQG one with it (0.83).
sd_ratio = Discovery(
    1.272, 0.08, "sd_ratio, the end-point SD of the LQG controller over that of the gLQG controller",
    mistakes={"LQG over gLQG: the controller that ignores the control-dependent noise goes in the numerator.": 0.786,
              "take the ratio of the standard deviations, not of the variances.": 1.618,
              "both controllers act in the same world, with all three noises (Y included).": 0.833})
