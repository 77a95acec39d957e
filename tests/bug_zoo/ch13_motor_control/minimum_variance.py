"""Bug zoo of section 13.2, the minimum-variance model."""

MISTAKES = {
    "variance_propagation": {
        "k taken as the standard deviation of ξ (k² u² BBᵀ)": [
            ("noise = k * np.outer(B, B)", "noise = k**2 * np.outer(B, B)")],
        "no propagation: Σ_{t+1} = Σ_t + k u_t² BBᵀ": [
            ("covariance[t + 1] = A @ covariance[t] @ A.T + command**2 * noise",
             "covariance[t + 1] = covariance[t] + command**2 * noise")],
        "Aᵀ Σ A instead of A Σ Aᵀ": [
            ("covariance[t + 1] = A @ covariance[t] @ A.T + command**2 * noise",
             "covariance[t + 1] = A.T @ covariance[t] @ A + command**2 * noise")],
        "variance proportional to |u| instead of u²": [("+ command**2 * noise", "+ abs(command) * noise")],
        "the book's initial covariance k u_0² BBᵀ (x0 is known)": [
            ("    noise = k * np.outer(B, B)  # the covariance one unit command adds\n",
             "    noise = k * np.outer(B, B)  # the covariance one unit command adds\n"
             "    covariance[0] = u[0] ** 2 * noise\n")],
        "noise added before the propagation: A(Σ_t + k u_t² BBᵀ)Aᵀ": [
            ("covariance[t + 1] = A @ covariance[t] @ A.T + command**2 * noise",
             "covariance[t + 1] = A @ (covariance[t] + command**2 * noise) @ A.T")],
    },
    "simulate_trials": {
        "ξ drawn with standard deviation k instead of √k": [
            ("np.sqrt(k) * rng.standard_normal((n_trials, len(u)))", "k * rng.standard_normal((n_trials, len(u)))")],
        "additive noise B(u + ξ), not proportional to the command": [
            ("noisy = u * (1 + np.sqrt(k) * rng.standard_normal((n_trials, len(u))))",
             "noisy = u + np.sqrt(k) * rng.standard_normal((n_trials, len(u)))")],
        "one ξ per trial instead of one per step": [
            ("rng.standard_normal((n_trials, len(u)))", "rng.standard_normal((n_trials, 1))")],
        "the same noise in every trial": [
            ("noisy = u * (1 + np.sqrt(k) * rng.standard_normal((n_trials, len(u))))",
             "noisy = np.broadcast_to(u * (1 + np.sqrt(k) * rng.standard_normal(len(u))), (n_trials, len(u)))")],
        "draws from np.random instead of rng": [("rng.standard_normal(", "np.random.standard_normal(")],
        "states times A instead of Aᵀ (x A for row states)": [
            ("states[:, t] @ A.T", "states[:, t] @ A")],
    },
    "minimum_variance_control": {
        "variance of the last step only": [
            ("lag = np.arange(n_move, n_steps + 1)[:, None]", "lag = np.arange(n_steps, n_steps + 1)[:, None]")],
        "variance summed over the whole trial": [
            ("lag = np.arange(n_move, n_steps + 1)[:, None]", "lag = np.arange(1, n_steps + 1)[:, None]")],
        "variance of every state component (the trace)": [
            ("position = np.where(lag >= 0, impulse[np.maximum(lag, 0), 0], 0.0)",
             "position = np.where((lag >= 0)[..., None], impulse[np.maximum(lag, 0)], 0.0)"),
            ("weights = np.sum(position**2, axis=0)", "weights = np.sum(position**2, axis=(0, 2))")],
        "minimum energy Σ u² instead of the variance": [("np.diag(weights)", "np.eye(n_steps)")],
        "reach constraint one step off (A^{T_m − t'} B)": [
            ("reach[:, :n_move] = impulse[n_move - 1::-1].T", "reach[:, :n_move] = (A @ impulse[n_move - 1::-1].T)")],
        "no holding commands: the mean only reaches the target": [
            ("constraints = np.vstack([reach, np.eye(n_steps)[n_move:]])", "constraints = reach"),
            ("values = np.concatenate([xf - free, np.full(n_post, hold)])", "values = xf - free")],
        "u_hold taken as the target position (right only for a plant of unit gain)": [
            ("hold = B @ (xf - A @ xf) / (B @ B)", "hold = xf[0]")],
        "the free response A^{T_m} x0 forgotten": [
            ("values = np.concatenate([xf - free, np.full(n_post, hold)])",
             "values = np.concatenate([xf, np.full(n_post, hold)])")],
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "peak_velocity_fraction": {
        "a symmetric profile assumed": "peak_velocity_fraction = 0.5",
        "the 50-ms saccade instead of the 150-ms one": "peak_velocity_fraction = 0.54",
        "the second-order plant": "peak_velocity_fraction = 0.21",
        "divided by the whole trial (180 ms) instead of the movement": "peak_velocity_fraction = 0.25",
    },
    "endpoint_sd_ratio": {
        "ratio of the variances": "endpoint_sd_ratio = 5.56",
        "inverted: 100 ms over 50 ms": "endpoint_sd_ratio = 0.42",
        "SDs at the end of the movement": "endpoint_sd_ratio = 1.87",
        "root of the summed post-movement variances": "endpoint_sd_ratio = 2.14",
        "the second-order plant": "endpoint_sd_ratio = 1.70",
    },
}

ALTERNATIVES = {
    "variance_propagation": {
        "the unrolled sum over impulse responses": """
            def variance_propagation(A, B, u, k, x0):
                A, B, u, x0 = (np.asarray(a, dtype=float) for a in (A, B, u, x0))
                T, n = len(u), len(B)
                powers = [np.eye(n)]
                for _ in range(T):
                    powers.append(A @ powers[-1])
                mean = np.array([powers[t] @ x0 + sum(powers[t - s - 1] @ B * u[s] for s in range(t))
                                 for t in range(T + 1)])
                covariance = np.zeros((T + 1, n, n))
                for t in range(1, T + 1):
                    h = np.array([powers[t - s - 1] @ B for s in range(t)])  # (t, n)
                    covariance[t] = k * np.einsum("s,si,sj->ij", u[:t] ** 2, h, h)
                return mean, covariance
        """,
    },
    "simulate_trials": {
        "one trial at a time, normal(0, √k) per step": """
            def simulate_trials(A, B, u, k, x0, n_trials, rng):
                trials = []
                for _ in range(n_trials):
                    x = np.array(x0, dtype=float)
                    path = [x]
                    for command in u:
                        x = A @ x + B * command * (1 + rng.normal(0.0, np.sqrt(k)))
                        path.append(x)
                    trials.append(path)
                return np.array(trials)
        """,
    },
    "minimum_variance_control": {
        "the original's stacked constraints, KKT solved by least squares": """
            def minimum_variance_control(A, B, x0, xf, n_move, n_post):
                A, B, x0, xf = (np.asarray(a, dtype=float) for a in (A, B, x0, xf))
                n, T = len(B), n_move + n_post
                h = [B]
                for _ in range(T):
                    h.append(A @ h[-1])
                rows, values, weights = [], [], np.zeros(T)
                for t in range(n_move, T + 1):  # E[x_t] = xf for every post-movement step: n rows each
                    block = np.zeros((n, T))
                    for s in range(t):
                        block[:, s] = h[t - s - 1]
                    rows.append(block)
                    values.append(xf - np.linalg.matrix_power(A, t) @ x0)
                    weights += block[0] ** 2
                C, d = np.vstack(rows), np.concatenate(values)
                m = len(d)
                kkt = np.block([[np.diag(weights), C.T], [C, np.zeros((m, m))]])
                solution = np.linalg.lstsq(kkt, np.concatenate([np.zeros(T), d]), rcond=None)[0]
                return solution[:T]
        """,
        "hold commands fixed, the movement's QP in closed form": """
            def minimum_variance_control(A, B, x0, xf, n_move, n_post):
                A, B, x0, xf = (np.asarray(a, dtype=float) for a in (A, B, x0, xf))
                T = n_move + n_post
                h = [B]
                for _ in range(T):
                    h.append(A @ h[-1])
                h = np.array(h)
                weights = np.array([sum(h[t - s - 1, 0] ** 2 for t in range(max(n_move, s + 1), T + 1))
                                    for s in range(n_move)])
                reach = h[n_move - 1::-1].T  # (n, n_move)
                target = xf - np.linalg.matrix_power(A, n_move) @ x0
                scaled = reach / weights  # C V⁻¹
                movement = scaled.T @ np.linalg.solve(scaled @ reach.T, target)  # V⁻¹Cᵀ(C V⁻¹ Cᵀ)⁻¹ d
                hold = np.linalg.lstsq(B[:, None], (np.eye(len(B)) - A) @ xf, rcond=None)[0][0]
                return np.concatenate([movement, np.full(n_post, hold)])
        """,
    },
    "peak_velocity_fraction": {
        "parabolic interpolation of the peak": "peak_velocity_fraction = 0.2996",
        "velocity sampled one step late (time axis from 1 ms)": "peak_velocity_fraction = 0.31",
    },
    "endpoint_sd_ratio": {
        "unrounded": "endpoint_sd_ratio = 2.357",
        "rounded": "endpoint_sd_ratio = 2.36",
    },
}
