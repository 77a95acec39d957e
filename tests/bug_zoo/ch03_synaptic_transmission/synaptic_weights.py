"""Bug zoo of section 3.6, weighting of synaptic inputs."""

MISTAKES = {
    "weighted_input": {
        "W times s for time-first activities": [("return np.asarray(s) @ np.asarray(w).T",
                                                 "return np.asarray(w) @ np.asarray(s).T")],
        "weights of the transposed matrix": [("return np.asarray(s) @ np.asarray(w).T",
                                              "return np.asarray(s) @ np.asarray(w)")],
        "elementwise product summed over everything": [("return np.asarray(s) @ np.asarray(w).T",
                                                        "return np.sum(np.asarray(w)) * np.asarray(s).sum(axis=-1)")],
    },
    "synaptic_trace": {
        "Euler decay factor": [("decay = np.exp(-dt / tau)", "decay = 1 - dt / tau")],
        "spike added one step late": """
            def synaptic_trace(spikes, dt, tau=TAU_TRACE):
                spikes = np.asarray(spikes, dtype=float)
                trace = np.zeros_like(spikes)
                for k in range(1, len(spikes)):
                    trace[k] = trace[k - 1] * np.exp(-dt / tau) + spikes[k - 1]
                return trace
        """,
        "module constant": [("decay = np.exp(-dt / tau)", "decay = np.exp(-dt / TAU_TRACE)")],
    },
    "normalize_incoming": {
        "columns instead of rows": [("w.sum(axis=1, keepdims=True)", "w.sum(axis=0, keepdims=True)")],
        "ignores the total": [("(np.asarray(total, dtype=float).reshape(-1, 1) / w.sum(axis=1, keepdims=True))",
                               "(1.0 / w.sum(axis=1, keepdims=True))")],
        "in place": """
            def normalize_incoming(w, total):
                w /= w.sum(axis=1, keepdims=True)
                w *= np.asarray(total, dtype=float).reshape(-1, 1)
                return w
        """,
    },
    # Each wrong answer is what the reference functions give with the mistaken step (computed with them).
    "trace_peak": {
        "Euler decay factor 1 - dt/tau": "trace_peak = 1 / (1 - 0.95 ** 40)",
        "one spike every 20 steps instead of 40": "trace_peak = 1 / (1 - np.exp(-1.0))",
        "the first spike's peak": "trace_peak = 1.0",
        "the average of the steady trace": "trace_peak = 1 / (40 * (1 - np.exp(-0.05)))",
        "the trough before a spike": "trace_peak = np.exp(-2.0) / (1 - np.exp(-2.0))",
    },
}

ALTERNATIVES = {
    "weighted_input": {
        "einsum": """
            def weighted_input(w, s):
                return np.einsum("ij,...j->...i", np.asarray(w, dtype=float), np.asarray(s, dtype=float))
        """,
    },
    "synaptic_trace": {
        "convolution with the kernel": """
            def synaptic_trace(spikes, dt, tau=TAU_TRACE):
                spikes = np.asarray(spikes, dtype=float)
                kernel = np.exp(-np.arange(len(spikes)) * dt / tau)
                return np.stack([np.convolve(column, kernel)[: len(spikes)] for column in spikes.T], axis=1)
        """,
    },
    "normalize_incoming": {
        "divide, then multiply": """
            def normalize_incoming(w, total):
                w = np.array(w, dtype=float)
                rows = w / w.sum(axis=1)[:, None]
                return rows * np.broadcast_to(total, (w.shape[0],))[:, None]
        """,
    },
    "trace_peak": {
        "the geometric series summed by hand": "trace_peak = 1 / (1 - np.exp(-20.0 / 10.0))",
        "rounded to three decimals": "trace_peak = 1.157",
    },
}
