"""Bug zoo of section 1.2, notation and array shapes."""

MISTAKES = {
    "synaptic_input": {
        # The original site's BPTT page (7.9) lost the transpose of W_rec this way.
        "row-vector convention, W used as (n_pre, n_post)": [
            ("@ np.asarray(w, dtype=float).T", "@ np.asarray(w, dtype=float)")],
        "neuron-first result (n_post, n_steps)": [
            ("return np.asarray(spikes, dtype=float) @ np.asarray(w, dtype=float).T",
             "return np.asarray(w, dtype=float) @ np.asarray(spikes, dtype=float).T")],
        "broadcast product summed over the postsynaptic axis": [
            ("return np.asarray(spikes, dtype=float) @ np.asarray(w, dtype=float).T",
             "return (np.asarray(w, dtype=float) * np.asarray(spikes, dtype=float)[:, None, :]).sum(axis=1)")],
        "total over time instead of every step": [
            ("np.asarray(spikes, dtype=float) @", "np.asarray(spikes, dtype=float).sum(axis=0) @")],
    },
    "hebbian_update": {
        "transposed outer products": [("eta * post.T @ pre", "eta * pre.T @ post")],
        "outer product of the summed activities": [
            ("eta * post.T @ pre", "eta * np.outer(post.sum(axis=0), pre.sum(axis=0))")],
        "updates w in place": """
            def hebbian_update(w, post, pre, eta):
                post, pre = np.asarray(post, dtype=float), np.asarray(pre, dtype=float)
                w += eta * post.T @ pre
                return w
        """,
        "mean over time instead of the sum": [("eta * post.T @ pre", "eta * post.T @ pre / len(pre)")],
        "only the last step's outer product": [("eta * post.T @ pre", "eta * np.outer(post[-1], pre[-1])")],
    },
    "batched_input": {
        "w.T reverses every axis": [("np.swapaxes(np.asarray(w, dtype=float), -1, -2)", "np.asarray(w, dtype=float).T")],
        "einsum with a fixed batch axis does not broadcast": """
            def batched_input(w, spikes):
                return np.einsum("bij,btj->bti", np.asarray(w, dtype=float), np.asarray(spikes, dtype=float))
        """,
        "no transpose at all": [("np.swapaxes(np.asarray(w, dtype=float), -1, -2)", "np.asarray(w, dtype=float)")],
        "tensordot pairs every raster with every network": """
            def batched_input(w, spikes):
                return np.tensordot(np.asarray(spikes, dtype=float), np.asarray(w, dtype=float), axes=([-1], [-1]))
        """,
        "neuron-first result": """
            def batched_input(w, spikes):
                return np.asarray(w, dtype=float) @ np.swapaxes(np.asarray(spikes, dtype=float), -1, -2)
        """,
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "output_spikes": {
        "input > THETA instead of >= THETA": "output_spikes = 52",
        "row-vector product spikes @ w": "output_spikes = 380",
        "steps with at least one output spike": "output_spikes = 221",
        "mean output rate in Hz (602 spikes / 100 neurons / 1 s)": "output_spikes = 6.02",
        "threshold of 2 coincident inputs": "output_spikes = 4556",
    },
    "causal_fraction": {
        "change transposed before weighing by w": "causal_fraction = 0.1548",
        "density of connections": "causal_fraction = 0.158",
        "inverted ratio": "causal_fraction = 1.5013",
        "the input instead of the output spikes as postsynaptic activity": "causal_fraction = 0.4678",
        "outer product of the summed activities": "causal_fraction = 0.2551",
        "output spikes from the row-vector product spikes @ w": "causal_fraction = 0.1428",
    },
}

ALTERNATIVES = {
    "synaptic_input": {
        "explicit loops over steps and neurons": """
            def synaptic_input(w, spikes):
                n_steps, n_pre = np.shape(spikes)
                n_post = np.shape(w)[0]
                result = np.zeros((n_steps, n_post))
                for t in range(n_steps):
                    for i in range(n_post):
                        for j in range(n_pre):
                            result[t, i] += w[i][j] * spikes[t][j]
                return result
        """,
        "einsum": """
            def synaptic_input(w, spikes):
                return np.einsum("ij,tj->ti", w, spikes)
        """,
        "column-vector product, transposed back": """
            def synaptic_input(w, spikes):
                return (np.asarray(w) @ np.asarray(spikes).T).T
        """,
    },
    "hebbian_update": {
        "loop of outer products": """
            def hebbian_update(w, post, pre, eta):
                w = np.array(w, dtype=float)  # a copy
                for y, x in zip(post, pre):
                    w = w + eta * np.outer(y, x)
                return w
        """,
        "einsum": """
            def hebbian_update(w, post, pre, eta):
                return w + eta * np.einsum("ti,tj->ij", post, pre)
        """,
        "broadcast and sum over time": """
            def hebbian_update(w, post, pre, eta):
                post, pre = np.asarray(post, dtype=float), np.asarray(pre, dtype=float)
                return w + eta * (post[:, :, None] * pre[:, None, :]).sum(axis=0)
        """,
    },
    "batched_input": {
        "einsum with ellipsis": """
            def batched_input(w, spikes):
                return np.einsum("...ij,...tj->...ti", w, spikes)
        """,
        "matrix transpose attribute mT": """
            def batched_input(w, spikes):
                return np.asarray(spikes, dtype=float) @ np.asarray(w, dtype=float).mT
        """,
        "column vectors, transposed back": """
            def batched_input(w, spikes):
                w, spikes = np.asarray(w, dtype=float), np.asarray(spikes, dtype=float)
                return np.swapaxes(w @ np.swapaxes(spikes, -1, -2), -1, -2)
        """,
    },
    "output_spikes": {
        "the count as a float": "output_spikes = 602.0",
        "a numpy integer, as a sum of a boolean array gives": "output_spikes = np.int64(602)",
    },
    "causal_fraction": {
        "rounded to three decimals": "causal_fraction = 0.666",
        "more decimals": "causal_fraction = 0.66607",
    },
}
