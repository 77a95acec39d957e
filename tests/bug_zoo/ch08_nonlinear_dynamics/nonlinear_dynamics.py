"""Bug zoo of chapter 8, nonlinear dynamics."""

MISTAKES = {
    "classify_fixed_point": {
        "focus when τ² < Δ: the 4 of the discriminant forgotten": [("trace**2 < 4 * det", "trace**2 < det")],
        "stability read from the wrong sign of the trace": [("'stable' if trace < 0 else 'unstable'",
                                                             "'stable' if trace > 0 else 'unstable'")],
        "saddles forgotten: every fixed point is a node or a focus": [('    if det < 0:\n        return "saddle"\n', "")],
        "focus and node swapped": [('kind = "focus" if trace**2 < 4 * det else "node"',
                                    'kind = "node" if trace**2 < 4 * det else "focus"')],
    },
    "jacobian": {
        "transposed: J[k, j, i]": [("return ((values[:, 0] - values[:, 1]) / (2 * h)).transpose(0, 2, 1)",
                                    "return (values[:, 0] - values[:, 1]) / (2 * h)")],
        "central difference divided by h": [("(values[:, 0] - values[:, 1]) / (2 * h)",
                                             "(values[:, 0] - values[:, 1]) / h")],
        "forward differences": [("points[:, None, :] - steps], axis=1)", "points[:, None, :] + 0 * steps], axis=1)"),
                                ("(values[:, 0] - values[:, 1]) / (2 * h)", "(values[:, 0] - values[:, 1]) / h")],
    },
    "find_fixed_points": {
        "no deduplication: every converged start kept": [
            ("        if all(np.linalg.norm(point - other) >= 1e-6 for other in kept):\n            kept.append(point)",
             "        kept.append(point)")],
        "Newton step with the wrong sign": [("x[moving] -= np.linalg.solve", "x[moving] += np.linalg.solve")],
        "no convergence test: every finite end point kept": [("found = x[residual < tol]",
                                                               "found = x[np.isfinite(residual)]")],
        "sorted by decreasing first coordinate": [('np.argsort(found[:, 0], kind="stable")',
                                                   'np.argsort(-found[:, 0], kind="stable")')],
        "the transposed Jacobian in the Newton step": [
            ("np.linalg.solve(jacobian(x[moving])", "np.linalg.solve(np.swapaxes(jacobian(x[moving]), -1, -2)")],
    },
    "limit_cycle": {
        "spike times not interpolated: the end of the step": [
            ("times[spiking, n_spikes[spiking]] = (k + fraction) * dt",
             "times[spiking, n_spikes[spiking]] = (k + 1) * dt")],
        "spike state not interpolated: the state after the step": [
            ("spike_states[spiking] = x[spiking] + fraction[:, None] * (x_next[spiking] - x[spiking])",
             "spike_states[spiking] = x_next[spiking]")],
        "downward crossings counted as spikes too": [
            ("spiking = (x[:, 0] < 0) & (x_next[:, 0] >= 0) & (n_spikes < 2)",
             "spiking = ((x[:, 0] < 0) != (x_next[:, 0] < 0)) & (n_spikes < 2)")],
        "silent rows get 0, not nan": [("times = np.full((len(x), 2), np.nan)", "times = np.zeros((len(x), 2))"),
                                       ("    spike_states[n_spikes < 2] = np.nan\n", ""),
                                       ("spike_states = np.full(x.shape, np.nan)", "spike_states = np.zeros(x.shape)")],
    },
    "phase_response_curve": {
        "advance with the wrong sign (t_perturbed − t_unperturbed)": [
            ("advance = (spike_time[:n_phases] - spike_time[n_phases:]) / period",
             "advance = (spike_time[n_phases:] - spike_time[:n_phases]) / period")],
        "not divided by the charge ε": [("((advance + 0.5) % 1.0 - 0.5) / epsilon", "((advance + 0.5) % 1.0 - 0.5)")],
        "in time units: not divided by the period": [
            ("advance = (spike_time[:n_phases] - spike_time[n_phases:]) / period",
             "advance = spike_time[:n_phases] - spike_time[n_phases:]")],
        "the pulse moves the first coordinate by ε, whatever the model": [
            ("on_cycle + epsilon * np.asarray(kick(on_cycle))", "on_cycle + epsilon * np.eye(on_cycle.shape[1])[0]")],
        "the cycle sampled every dt, not at the phases k/n_phases": [
            ("m = int(np.ceil(period / (n_phases * dt)))\n    h = period / (n_phases * m)",
             "m = max(1, round(period / (n_phases * dt)))\n    h = dt")],
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "cycle_fold_current": {
        "the Hopf point: where the fixed point loses stability": "cycle_fold_current = 0.341",
        "Euler's method with dt = 0.01 (fhn_step) from START_FAR": "cycle_fold_current = 0.330",
        "started inside the unstable cycle (from the end of the I = 0.35 run), where it goes to rest":
            "cycle_fold_current = 0.334",
        "the largest input without a cycle": "cycle_fold_current = 0.332",
    },
    "delay_fraction": {
        "the fraction in which a pulse advances the spikes (or the PRC's sign flipped)": "delay_fraction = 0.425",
        "the theta neuron's fraction": "delay_fraction = 0.0",
        "a strong pulse (ε = 0.1), outside the linear response": "delay_fraction = 0.45",
    },
}

ALTERNATIVES = {
    "classify_fixed_point": {
        "from the eigenvalues": """
            def classify_fixed_point(jacobian):
                eigenvalues = np.linalg.eigvals(np.asarray(jacobian, dtype=float))
                if np.all(np.isreal(eigenvalues)) and np.prod(eigenvalues.real) < 0:
                    return "saddle"
                stability = "stable" if np.all(eigenvalues.real < 0) else "unstable"
                return stability + (" node" if np.all(np.abs(eigenvalues.imag) < 1e-12) else " focus")
        """,
    },
    "jacobian": {
        "a loop over the coordinates, one field call per shifted stack": """
            def jacobian(field, points, h=1e-6):
                points = np.asarray(points, dtype=float)
                columns = []
                for j in range(points.shape[1]):
                    step = np.zeros(points.shape[1])
                    step[j] = h
                    columns.append((np.asarray(field(points + step)) - np.asarray(field(points - step))) / (2 * h))
                return np.stack(columns, axis=-1)
        """,
    },
    "find_fixed_points": {
        "scipy's fsolve from every start, duplicates removed by rounding": """
            import warnings

            from scipy.optimize import fsolve

            def find_fixed_points(field, jacobian, starts, tol=1e-10, max_iter=50):
                found = []
                for start in np.asarray(starts, dtype=float):
                    with np.errstate(all="ignore"), warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        root = fsolve(lambda x: field(x[None])[0], start, fprime=lambda x: jacobian(x[None])[0],
                                      xtol=1e-13)
                        if np.all(np.isfinite(root)) and np.max(np.abs(field(root[None])[0])) < tol:
                            found.append(root)
                found = np.unique(np.round(np.array(found).reshape(-1, len(starts[0])), 7), axis=0)
                polished = []
                for point in found:  # one more Newton step from the rounded point
                    polished.append(point - np.linalg.solve(jacobian(point[None])[0], field(point[None])[0]))
                polished = np.array(polished).reshape(-1, len(starts[0]))
                return polished[np.argsort(polished[:, 0])]
        """,
    },
    "limit_cycle": {
        "records every spike and takes the first two after t_relax": """
            def limit_cycle(step, states, dt, t_relax=T_RELAX, t_max=T_MAX):
                x = np.array(states, dtype=float)
                spikes = [[] for _ in x]
                for k in range(round(t_max / dt)):
                    x_next = step(x, dt)
                    if k * dt >= t_relax - 1e-9:
                        for row in np.nonzero((x[:, 0] < 0) & (x_next[:, 0] >= 0))[0]:
                            s = x[row, 0] / (x[row, 0] - x_next[row, 0])
                            spikes[row].append(((k + s) * dt, x[row] + s * (x_next[row] - x[row])))
                    if all(len(s) >= 2 for s in spikes):
                        break
                    x = x_next
                periods = np.array([s[1][0] - s[0][0] if len(s) >= 2 else np.nan for s in spikes])
                states_out = np.array([s[1][1] if len(s) >= 2 else np.full(x.shape[1], np.nan) for s in spikes])
                return periods, states_out
        """,
    },
    "phase_response_curve": {
        "every spike time kept in lists, the twin's spike nearest to the perturbed one compared": """
            def phase_response_curve(step, kick, spike_state, period, n_phases=N_PHASES, dt=DT,
                                     epsilon=PULSE_CHARGE, which_spike=COMPARED_SPIKE):
                m = int(np.ceil(period / (n_phases * dt)))
                h = period / (n_phases * m)
                cycle = [np.asarray(spike_state, dtype=float)]
                for _ in range(n_phases * m - 1):
                    cycle.append(step(cycle[-1][None], h)[0])
                cycle = np.array(cycle[::m])
                x = np.vstack([cycle + epsilon * kick(cycle), cycle])
                spikes = [[] for _ in x]
                for k in range((which_spike + 1) * n_phases * m):
                    x_next = step(x, h)
                    for row in np.nonzero((x[:, 0] < 0) & (x_next[:, 0] >= 0))[0]:
                        spikes[row].append((k + x[row, 0] / (x[row, 0] - x_next[row, 0])) * h)
                    x = x_next
                advance = []
                for perturbed, twin in zip(spikes[:n_phases], spikes[n_phases:]):
                    t = perturbed[which_spike - 1]
                    advance.append((twin[np.argmin(np.abs(np.array(twin) - t))] - t) / period)
                return np.arange(n_phases) / n_phases, np.array(advance) / epsilon
        """,
    },
    "cycle_fold_current": {
        "the fold to 1e-4 (RK4 from START_FAR, or continuation with solve_ivp)": "cycle_fold_current = 0.3324",
        "the grid of 0.001": "cycle_fold_current = 0.333",
    },
    "delay_fraction": {
        "20 phases": "delay_fraction = 0.55",
        "100 phases": "delay_fraction = 0.58",
        "the adjoint method's fraction of the cycle": "delay_fraction = 0.574",
    },
}
