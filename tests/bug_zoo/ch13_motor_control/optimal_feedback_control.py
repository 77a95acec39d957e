"""Bug zoo of section 13.3, optimal feedback control."""

MISTAKES = {
    "discretize": {
        "the original's slip: √dt G and √dt D used as covariances": [
            ("Gc @ Gc.T * dt, Dc @ Dc.T * dt", "Gc * np.sqrt(dt), Dc * np.sqrt(dt)")],
        "covariances without dt": [("Gc @ Gc.T * dt, Dc @ Dc.T * dt", "Gc @ Gc.T, Dc @ Dc.T")],
        "covariances scaled by √dt": [("Gc @ Gc.T * dt, Dc @ Dc.T * dt",
                                       "Gc @ Gc.T * np.sqrt(dt), Dc @ Dc.T * np.sqrt(dt)")],
        "Y scaled by dt like B": [("Yc * np.sqrt(dt)", "Yc * dt")],
        "H = C without dt": [("Cc * dt, Yc", "Cc, Yc")],
        "A = A_c dt, the identity forgotten": [("np.eye(len(Ac)) + Ac * dt", "Ac * dt")],
        "Gᵀ G instead of G Gᵀ": [("Gc @ Gc.T * dt", "Gc.T @ Gc * dt")],
        "elementwise square of G": [("Gc @ Gc.T * dt", "Gc * Gc * dt")],
        "D Dᵀ / dt: the covariance of the rate y/dt": [("Dc @ Dc.T * dt", "Dc @ Dc.T / dt")],
    },
    "lqr_gains": {
        "S propagated with A instead of the closed loop A − B L": [
            ("S[t] = Q[t] + A.T @ S[t + 1] @ (A - B @ L[t])", "S[t] = Q[t] + A.T @ S[t + 1] @ A")],
        "R left out of the gain": [("np.linalg.solve(R + B.T @ S[t + 1] @ B,", "np.linalg.solve(B.T @ S[t + 1] @ B,")],
        "A + B L: the sign of the feedback": [("(A - B @ L[t])", "(A + B @ L[t])")],
        "Q index shifted by one": [("S[t] = Q[t] + A.T", "S[t] = Q[t + 1] + A.T")],
        "gains returned in the order of the backward loop": [("return L, S", "return L[::-1], S")],
        "L without the final A": [("B.T @ S[t + 1] @ A)", "B.T @ S[t + 1])")],
        "S_T never set to Q_T": [("    S[-1] = Q[-1]\n", "")],
    },
    "kalman_gains": {
        "the gain without A (filtered form) used in the predictor recursion": [
            ("K[t] = A @ Sigma[t] @ H.T", "K[t] = Sigma[t] @ H.T")],
        "Σ propagated open loop, without the observations": [
            ("Sigma[t + 1] = Omega_xi + (A - K[t] @ H) @ Sigma[t] @ A.T",
             "Sigma[t + 1] = Omega_xi + A @ Sigma[t] @ A.T")],
        "Joseph form without K Ω_ω Kᵀ": [
            ("Sigma[t + 1] = Omega_xi + (A - K[t] @ H) @ Sigma[t] @ A.T",
             "Sigma[t + 1] = Omega_xi + (A - K[t] @ H) @ Sigma[t] @ (A - K[t] @ H).T")],
        "sensory noise left out of the gain (singular from Σ_0 = 0)": [
            ("H @ Sigma[t] @ H.T + Omega_omega)", "H @ Sigma[t] @ H.T)")],
        "Σ updated before the gain is computed": [
            ("        K[t] = A @ Sigma[t] @ H.T @ np.linalg.inv(H @ Sigma[t] @ H.T + Omega_omega)\n"
             "        Sigma[t + 1] = Omega_xi + (A - K[t] @ H) @ Sigma[t] @ A.T",
             "        Sigma[t + 1] = Omega_xi + (A - K[t] @ H) @ Sigma[t] @ A.T\n"
             "        K[t] = A @ Sigma[t + 1] @ H.T @ np.linalg.inv(H @ Sigma[t + 1] @ H.T + Omega_omega)")],
        "Ω_ξ and (A − KH)ΣAᵀ: the process noise added before the gain term": [
            ("Sigma[t + 1] = Omega_xi + (A - K[t] @ H) @ Sigma[t] @ A.T",
             "Sigma[t + 1] = (A - K[t] @ H) @ (Sigma[t] + Omega_xi) @ A.T")],
    },
    "simulate_lqg": {
        "the command from the true state, u = −L x": [
            ("u[:, t] = -x_hat[:, t] @ L[t].T", "u[:, t] = -x[:, t] @ L[t].T")],
        "covariances used as standard deviations": [
            ("xi = rng.multivariate_normal(np.zeros(n), Omega_xi, size=(n_trials, n_steps))  # works for singular Ω",
             "xi = rng.standard_normal((n_trials, n_steps, n)) @ np.asarray(Omega_xi).T"),
            ("omega = rng.multivariate_normal(np.zeros(len(H)), Omega_omega, size=(n_trials, n_steps))",
             "omega = rng.standard_normal((n_trials, n_steps, len(H))) @ np.asarray(Omega_omega).T")],
        "elementwise square root of the covariances (right only for diagonal Ω)": [
            ("xi = rng.multivariate_normal(np.zeros(n), Omega_xi, size=(n_trials, n_steps))  # works for singular Ω",
             "xi = rng.standard_normal((n_trials, n_steps, n)) @ np.sqrt(Omega_xi).T"),
            ("omega = rng.multivariate_normal(np.zeros(len(H)), Omega_omega, size=(n_trials, n_steps))",
             "omega = rng.standard_normal((n_trials, n_steps, len(H))) @ np.sqrt(Omega_omega).T")],
        "observation taken after the move, y = H x_{t+1}": [
            ("        y = x[:, t] @ H.T + omega[:, t]\n", ""),
            ("        x_hat[:, t + 1] =", "        y = x[:, t + 1] @ H.T + omega[:, t]\n        x_hat[:, t + 1] =")],
        "no efference copy B u in the estimate": [
            ("x_hat[:, t] @ A.T + u[:, t] @ B.T + (y", "x_hat[:, t] @ A.T + (y")],
        "innovation against the true state, y − H x": [("(y - x_hat[:, t] @ H.T)", "(y - x[:, t] @ H.T)")],
        "the same motor noise in every trial": [
            ("xi = rng.multivariate_normal(np.zeros(n), Omega_xi, size=(n_trials, n_steps))",
             "xi = rng.multivariate_normal(np.zeros(n), Omega_xi, size=n_steps)"),
            ("+ xi[:, t]", "+ xi[t]")],
        "control-dependent noise not multiplied by the command": [
            ("(epsilon[:, t] * u[:, t]) @ Y.T", "epsilon[:, t] @ Y.T")],
        "control-dependent noise left out": [(" + (epsilon[:, t] * u[:, t]) @ Y.T", "")],
        "draws from np.random instead of rng": [
            ("epsilon = rng.standard_normal((n_trials, n_steps, m))",
             "epsilon = np.random.standard_normal((n_trials, n_steps, m))")],
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "endpoint_sd": {
        "the world without control-dependent noise (Y left out)": "endpoint_sd = 12.7",
        "the filter built with the original's covariances": "endpoint_sd = 29.8",
        "in rad instead of mrad": "endpoint_sd = 0.0195",
        "the gLQG controller instead of LQG": "endpoint_sd = 15.3",
        "the variance in mrad² instead of the SD": "endpoint_sd = 378.6",
    },
    "sd_ratio": {
        "gLQG over LQG, the inverse": "sd_ratio = 0.79",
        "the ratio of the variances": "sd_ratio = 1.62",
        "LQG simulated without Y, gLQG with it": "sd_ratio = 0.83",
        "both simulated without the control-dependent noise": "sd_ratio = 0.86",
    },
}

ALTERNATIVES = {
    "discretize": {
        "einsum and np.dot": """
            def discretize(Ac, Bc, Cc, Gc, Dc, Yc, dt):
                Ac, Gc, Dc = np.asarray(Ac, dtype=float), np.asarray(Gc, dtype=float), np.asarray(Dc, dtype=float)
                A = np.identity(Ac.shape[0]) + dt * Ac
                Omega_xi = np.einsum("ik,jk->ij", Gc, Gc) * dt
                Omega_omega = dt * np.dot(Dc, np.transpose(Dc))
                return A, dt * np.asarray(Bc), dt * np.asarray(Cc), np.sqrt(dt) * np.asarray(Yc), Omega_xi, Omega_omega
        """,
    },
    "lqr_gains": {
        "Joseph form of S, lists built backwards, inv": """
            def lqr_gains(A, B, Q, R):
                A, B, Q, R = (np.asarray(a, dtype=float) for a in (A, B, Q, R))
                S, L = [Q[-1]], []
                for q in Q[-2::-1]:
                    s = S[-1]
                    gain = np.linalg.inv(R + B.T @ s @ B) @ (B.T @ s @ A)
                    closed = A - B @ gain
                    S.append(q + gain.T @ R @ gain + closed.T @ s @ closed)
                    L.append(gain)
                return np.array(L[::-1]), np.array(S[::-1])
        """,
    },
    "kalman_gains": {
        "Joseph form of Σ, gain by solve": """
            def kalman_gains(A, H, Omega_xi, Omega_omega, Sigma0, n_steps):
                A, H = np.asarray(A, dtype=float), np.asarray(H, dtype=float)
                Sigma, K = [np.asarray(Sigma0, dtype=float)], []
                for _ in range(n_steps):
                    s = Sigma[-1]
                    gain = np.linalg.solve(H @ s @ H.T + Omega_omega, H @ s @ A.T).T
                    closed = A - gain @ H
                    Sigma.append(closed @ s @ closed.T + Omega_xi + gain @ Omega_omega @ gain.T)
                    K.append(gain)
                return np.array(K).reshape(n_steps, len(A), len(H)), np.array(Sigma)
        """,
    },
    "simulate_lqg": {
        "eigendecomposition square roots, draws inside the loop, einsum": """
            def simulate_lqg(A, B, H, L, K, Omega_xi, Omega_omega, Y, x0, n_trials, rng):
                def root(M):  # S with S Sᵀ = M, also for a singular M
                    w, V = np.linalg.eigh(np.asarray(M, dtype=float))
                    return V * np.sqrt(np.clip(w, 0, None))

                A, B, H, Y = (np.asarray(a, dtype=float) for a in (A, B, H, Y))
                T, n, m, p = len(L), len(A), B.shape[1], len(H)
                root_xi, root_omega = root(Omega_xi), root(Omega_omega)
                x = np.empty((n_trials, T + 1, n))
                x_hat = np.empty_like(x)
                u = np.empty((n_trials, T, m))
                x[:, 0] = x0
                x_hat[:, 0] = x0
                for t in range(T):
                    u[:, t] = -np.einsum("mn,kn->km", L[t], x_hat[:, t])
                    y = np.einsum("pn,kn->kp", H, x[:, t]) + rng.standard_normal((n_trials, p)) @ root_omega.T
                    noise = rng.standard_normal((n_trials, n)) @ root_xi.T \\
                        + (rng.standard_normal((n_trials, m)) * u[:, t]) @ Y.T
                    x[:, t + 1] = x[:, t] @ A.T + u[:, t] @ B.T + noise
                    x_hat[:, t + 1] = x_hat[:, t] @ A.T + u[:, t] @ B.T + (y - x_hat[:, t] @ H.T) @ np.asarray(K[t]).T
                return x, x_hat, u
        """,
    },
    "endpoint_sd": {
        "another seed's Monte-Carlo estimate": "endpoint_sd = 19.7",
        "a lower Monte-Carlo estimate (10 000 trials)": "endpoint_sd = 19.2",
    },
    "sd_ratio": {
        "another seed's Monte-Carlo estimate": "sd_ratio = 1.30",
        "a lower estimate": "sd_ratio = 1.23",
    },
}
