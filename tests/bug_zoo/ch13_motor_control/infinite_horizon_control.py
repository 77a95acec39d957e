"""Bug zoo of section 13.4, the infinite-horizon optimal feedback control model."""

MISTAKES = {
    "lyapunov_solve": {
        "+vec(Q) on the right-hand side": [("np.linalg.solve(operator, -vec_q)", "np.linalg.solve(operator, vec_q)")],
        "Aᵀ in the operator (the equation Aᵀ X + X A + Q = 0)": [
            ("operator = np.kron(identity, A) + np.kron(A, identity)",
             "operator = np.kron(identity, A.T) + np.kron(A.T, identity)")],
        "Q flattened by rows, the solution reshaped by columns": [
            ('vec_q = np.reshape(Q, n * n, order="F")', "vec_q = np.reshape(Q, n * n)")],
        "the multiplicative term Y ⊗ Y left out": [("operator = operator + np.kron(Y, Y)", "operator = operator")],
        "Y ⊗ Yᵀ for the term Y X Yᵀ": [("operator + np.kron(Y, Y)", "operator + np.kron(Y, Y.T)")],
    },
    "augmented_system": {
        "−BL in the upper-right block of Ā": [("[[A - BL, BL], [np.zeros_like(A), A - K @ C]]",
                                                "[[A - BL, -BL], [np.zeros_like(A), A - K @ C]]")],
        "+KD in Ḡ": [("[G, -K @ D]]", "[G, K @ D]]")],
        "the process noise missing from x̃": [("[G, -K @ D]]", "[np.zeros_like(G), -K @ D]]")],
        "+LᵀRL off the diagonal of V": [('[[cost["Q"] + LRL, -LRL], [-LRL, LRL + cost["U"]]]',
                                         '[[cost["Q"] + LRL, LRL], [LRL, LRL + cost["U"]]]')],
        "the command noise only in x, not in x̃": [("[[-YL, YL], [-YL, YL]]",
                                                    "[[-YL, YL], [np.zeros_like(YL), np.zeros_like(YL)]]")],
    },
    "controller_gain": {
        "the signal-dependent term left out: L = R⁻¹BᵀS₁₁": [
            ("np.linalg.solve(R + Y.T @ (S_11 + S_22) @ Y, B.T @ S_11)", "np.linalg.solve(R, B.T @ S_11)")],
        "S₁₁ only in the noise term": [("Y.T @ (S_11 + S_22) @ Y", "Y.T @ S_11 @ Y")],
        "multiplied by R + YᵀSY instead of solved": [
            ("np.linalg.solve(R + Y.T @ (S_11 + S_22) @ Y, B.T @ S_11)", "(R + Y.T @ (S_11 + S_22) @ Y) @ B.T @ S_11")],
        "the off-diagonal block S₁₂ taken for S₂₂": [("S_11, S_22 = S[:n, :n], S[n:, n:]",
                                                       "S_11, S_22 = S[:n, :n], S[:n, n:]")],
    },
    "filter_gain": {
        "P₁₁ for P₂₂": [("return P[n:, n:] @ C.T", "return P[:n, :n] @ C.T")],
        "D⁻¹ for (D Dᵀ)⁻¹": [("np.linalg.inv(D @ D.T)", "np.linalg.inv(D)")],
        "(Dᵀ D)⁻¹ for (D Dᵀ)⁻¹": [("np.linalg.inv(D @ D.T)", "np.linalg.inv(D.T @ D)")],
        "D Dᵀ not inverted": [("@ np.linalg.inv(D @ D.T)", "@ D @ D.T")],
    },
    "infinite_horizon_ofc": {
        "S from Ā S + S Āᵀ + Ȳ S Ȳᵀ + V = 0": [("S = lyapunov_solve(A_bar.T, V, Y_bar.T)",
                                                 "S = lyapunov_solve(A_bar, V, Y_bar)")],
        "P without the signal-dependent term": [("P = lyapunov_solve(A_bar, G_bar @ G_bar.T, Y_bar)",
                                                 "P = lyapunov_solve(A_bar, G_bar @ G_bar.T)")],
        "the augmented system built once, before the loop": [
            ("    L, K = L0, K0\n    for _ in range(max_iter):\n"
             "        A_bar, Y_bar, G_bar, V = augmented_system(plant, cost, L, K)\n",
             "    L, K = L0, K0\n    A_bar, Y_bar, G_bar, V = augmented_system(plant, cost, L, K)\n"
             "    for _ in range(max_iter):\n")],
        "the controller from P and the filter from S": [
            ('controller_gain(plant["B"], plant["Y"], cost["R"], S), filter_gain(plant["C"], plant["D"], P)',
             'controller_gain(plant["B"], plant["Y"], cost["R"], P), filter_gain(plant["C"], plant["D"], S)')],
    },
    "simulate_ofc": {
        "noise scaled by dt instead of √dt": [("sqrt_dt = np.sqrt(dt)", "sqrt_dt = dt")],
        "the command from the true state": [("u[k] = -x_hat[k] @ L.T", "u[k] = -x[k] @ L.T")],
        "the estimate starts at 0": [("x_hat[0] = x0 if x_hat0 is None else x_hat0",
                                      "x_hat[0] = 0 if x_hat0 is None else x_hat0")],
        "the observation without dt": [("dy = x[k] @ C.T * dt + sensory[k]", "dy = x[k] @ C.T + sensory[k]")],
        "one command-noise draw per step, shared by all trials": [
            ("rng.standard_normal((n_steps, n_trials, 1))", "rng.standard_normal((n_steps, 1, 1))")],
        "the innovation's sign reversed": [("(dy - x_hat[k] @ C.T * dt) @ K.T", "(x_hat[k] @ C.T * dt - dy) @ K.T")],
    },
    "holding_sd": {
        "the noise-blind gains": "holding_sd = 12.2",
        "in rad instead of mrad": "holding_sd = 0.0132",
        "the variance in mrad²": "holding_sd = 174.3",
        "the estimation error P[4, 4]": "holding_sd = 5.5",
    },
    "noise_blind_cost_ratio": {
        "the inverse ratio": "noise_blind_cost_ratio = 0.862",
        "both evaluated on the plant without signal-dependent noise": "noise_blind_cost_ratio = 1.060",
        "the movement costs x₀ᵀS₁₁x₀": "noise_blind_cost_ratio = 1.228",
        "the same gains twice": "noise_blind_cost_ratio = 1.0",
    },
}

ALTERNATIVES = {
    "lyapunov_solve": {
        "vec stacking rows (numpy's default order)": """
            def lyapunov_solve(A, Q, Y=None):
                A = np.asarray(A, dtype=float)
                n = A.shape[0]
                operator = np.kron(A, np.eye(n)) + np.kron(np.eye(n), A)
                if Y is not None:
                    operator += np.kron(Y, Y)
                return np.linalg.solve(operator, -np.ravel(Q)).reshape(n, n)
        """,
        "scipy's Bartels–Stewart solver without Y, the Kronecker system with it": """
            from scipy.linalg import solve_continuous_lyapunov

            def lyapunov_solve(A, Q, Y=None):
                if Y is None:
                    return solve_continuous_lyapunov(A, -Q)
                n = len(A)
                vec = lambda M: M.flatten(order="F")
                big = np.kron(np.eye(n), A) + np.kron(A, np.eye(n)) + np.kron(Y, Y)
                return np.linalg.inv(big).dot(-vec(Q)).reshape((n, n), order="F")
        """,
    },
    "augmented_system": {
        "Kronecker products and scipy's block_diag, as the original": """
            from scipy.linalg import block_diag

            def augmented_system(plant, cost, L, K):
                A, B, C, D, G, Y = plant["A"], plant["B"], plant["C"], plant["D"], plant["G"], plant["Y"]
                n, p = A.shape[0], D.shape[0]
                A_bar = np.zeros((2 * n, 2 * n))
                A_bar[:n, :n] = A - B.dot(L)
                A_bar[:n, n:] = B.dot(L)
                A_bar[n:, n:] = A - K.dot(C)
                Y_bar = np.kron(np.array([[-1.0, 1.0], [-1.0, 1.0]]), Y @ L)
                G_bar = np.vstack([np.hstack([G, np.zeros((n, p))]), np.hstack([G, -K @ D])])
                V = block_diag(cost["Q"], cost["U"]) + np.kron(np.array([[1.0, -1.0], [-1.0, 1.0]]),
                                                               L.T @ cost["R"] @ L)
                return A_bar, Y_bar, G_bar, V
        """,
    },
    "controller_gain": {
        "explicit inverse": """
            def controller_gain(B, Y, R, S):
                n = B.shape[0]
                effective_cost = R + Y.T @ S[:n, :n] @ Y + Y.T @ S[n:, n:] @ Y
                return np.linalg.inv(effective_cost) @ B.T @ S[:n, :n]
        """,
    },
    "filter_gain": {
        "a solve with D Dᵀ, transposed": """
            def filter_gain(C, D, P):
                n = C.shape[1]
                return np.linalg.solve(D @ D.T, C @ P[n:, n:].T).T
        """,
    },
    "infinite_horizon_ofc": {
        "a while loop with one criterion for both gains": """
            def infinite_horizon_ofc(plant, cost, L0, K0, tol=1e-8, max_iter=100):
                L, K = np.array(L0, dtype=float), np.array(K0, dtype=float)
                iteration, change_L, change_K = 0, np.inf, np.inf
                while iteration < max_iter and max(change_L, change_K) >= tol:
                    A_bar, Y_bar, G_bar, V = augmented_system(plant, cost, L, K)
                    P = lyapunov_solve(A_bar, G_bar @ G_bar.T, Y_bar)
                    S = lyapunov_solve(A_bar.T, V, Y_bar.T)
                    K_next = filter_gain(plant["C"], plant["D"], P)
                    L_next = controller_gain(plant["B"], plant["Y"], cost["R"], S)
                    change_L, change_K = np.abs(L_next - L).sum(), np.abs(K_next - K).sum()
                    L, K = L_next, K_next
                    iteration += 1
                return L, K
        """,
    },
    "simulate_ofc": {
        "states as columns, all noise drawn before the loop": """
            def simulate_ofc(plant, L, K, x0, dt, n_steps, n_trials, rng, x_hat0=None):
                A, B, C, D, G, Y = (plant[key] for key in ("A", "B", "C", "D", "G", "Y"))
                n, m, p, q = A.shape[0], B.shape[1], C.shape[0], G.shape[1]
                noise = rng.normal(0.0, np.sqrt(dt), size=(n_steps, 1 + q + p, n_trials))
                state = np.broadcast_to(np.asarray(x0, dtype=float), (n_trials, n)).T.copy()
                estimate = np.broadcast_to(np.asarray(x0 if x_hat0 is None else x_hat0, dtype=float),
                                           (n_trials, n)).T.copy()
                xs, estimates, commands = [state.T.copy()], [estimate.T.copy()], []
                for k in range(n_steps):
                    command = -L @ estimate
                    d_gamma, d_omega, d_xi = noise[k, :1], noise[k, 1:1 + q], noise[k, 1 + q:]
                    d_y = C @ state * dt + D @ d_xi
                    state = state + (A @ state + B @ command) * dt + (Y @ command) * d_gamma + G @ d_omega
                    estimate = estimate + (A @ estimate + B @ command) * dt + K @ (d_y - C @ estimate * dt)
                    xs.append(state.T.copy())
                    estimates.append(estimate.T.copy())
                    commands.append(command.T)
                return np.array(xs), np.array(estimates), np.array(commands).reshape(n_steps, n_trials, m)
        """,
    },
    "holding_sd": {
        "the Lyapunov solution": "holding_sd = 13.2",
        "the stationary variance of the Euler–Maruyama chain at dt = 1 ms": "holding_sd = 13.23",
    },
    "noise_blind_cost_ratio": {
        "three decimals": "noise_blind_cost_ratio = 1.160",
        "four decimals": "noise_blind_cost_ratio = 1.1601",
    },
}
