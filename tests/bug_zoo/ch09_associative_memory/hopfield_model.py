"""Bug zoo of section 9.2, the Amari–Hopfield model."""

MISTAKES = {
    "hopfield_weights": {
        "self-coupling kept (no zero diagonal)": [("    np.fill_diagonal(weights, 0.0)  # no self-coupling\n", "")],
        "divided by P, as the original's XᵀX/P": [("(patterns / patterns.shape[1])",
                                                   "(patterns / patterns.shape[0])")],
        "not normalised": [("(patterns / patterns.shape[1])", "patterns")],
        "ξξᵀ: a P × P matrix of pattern overlaps": [("patterns.T @ (patterns / patterns.shape[1])",
                                                     "patterns @ (patterns.T / patterns.shape[1])")],
        "mean activity subtracted, as the original's draft (ξ − ρ)": [
            ("    patterns = np.asarray(patterns, dtype=float)\n",
             "    patterns = np.asarray(patterns, dtype=float)\n    patterns = patterns - patterns.mean()\n")],
    },
    "hopfield_update": {
        "np.sign: a zero field sets the neuron to 0 (the original's draft)": [
            ("return np.where(fields != 0, np.sign(fields), states)", "return np.sign(fields)"),
            ("states[..., i] = np.where(field != 0, np.sign(field), states[..., i])",
             "states[..., i] = np.sign(field)")],
        "a zero field sets the neuron to +1": [
            ("return np.where(fields != 0, np.sign(fields), states)", "return np.where(fields >= 0, 1.0, -1.0)"),
            ("states[..., i] = np.where(field != 0, np.sign(field), states[..., i])",
             "states[..., i] = np.where(field >= 0, 1.0, -1.0)")],
        "asynchronous fields all computed from the old states": [
            ("    for i in order:\n        field = states @ weights[i]\n",
             "    old_fields = states @ weights.T\n    for i in order:\n        field = old_fields[..., i]\n")],
        "order ignored: neurons updated 0, 1, …, N − 1": [("for i in order:", "for i in range(states.shape[-1]):")],
        "weights read as (pre, post): fields from the columns of W": [
            ("fields = states @ weights.T", "fields = states @ weights"),
            ("field = states @ weights[i]", "field = states @ weights[:, i]")],
        "asynchronous update in place on the caller's states": [
            ("states = np.array(states, dtype=float)  # a copy: the caller's states stay unchanged",
             "states = np.asarray(states, dtype=float)")],
        "states[i]: only one state, fails for copies in rows": [
            ("states[..., i] = np.where(field != 0, np.sign(field), states[..., i])",
             "states[i] = np.where(field != 0, np.sign(field), states[i])")],
    },
    "hopfield_energy": {
        "no factor ½": [("return -0.5 * np.sum(", "return -np.sum(")],
        "sign flipped": [("return -0.5 * np.sum(", "return 0.5 * np.sum(")],
        "energy per neuron": [("axis=-1)", "axis=-1) / states.shape[-1]")],
        "s W sᵀ for a batch: a matrix of all pairs of states": [
            ("return -0.5 * np.sum((states @ weights.T) * states, axis=-1)",
             "return -0.5 * states @ weights @ states.T")],
        "summed over every axis: one number for a batch": [
            ("return -0.5 * np.sum((states @ weights.T) * states, axis=-1)",
             "return -0.5 * np.sum((states @ weights.T) * states)")],
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "critical_load": {
        "the load where the simulated one-step error rate reaches 1 %": "critical_load = 0.2",
        "the load where the overlap falls below one half": "critical_load = 0.21",
        "networks started at random states: nothing is retrieved, the first load is returned": "critical_load = 0.05",
        "the number of patterns P = αN instead of the load": "critical_load = 72.0",
    },
    "mixture_overlap": {
        "the share of neurons that agree with a pattern, (1 + m)/2": "mixture_overlap = 0.75",
        "started at the stored pattern ξ¹ instead of the mixture": "mixture_overlap = 1.0",
        "averaged over all ten patterns": "mixture_overlap = 0.150",
        "ξ·s not divided by N": "mixture_overlap = 516.3",
    },
}

ALTERNATIVES = {
    "hopfield_weights": {
        "einsum and a zeroed diagonal by index": """
            def hopfield_weights(patterns):
                n_units = patterns.shape[1]
                weights = np.einsum("mi,mj->ij", patterns, patterns) / n_units
                weights[np.diag_indices(n_units)] = 0.0
                return weights
        """,
    },
    "hopfield_update": {
        "boolean masks for the synchronous step, nested np.where for the asynchronous one": """
            def hopfield_update(states, weights, order=None):
                new = np.array(states, dtype=float, copy=True)
                if order is None:
                    fields = np.einsum("ij,...j->...i", weights, new)
                    new[fields > 0] = 1.0
                    new[fields < 0] = -1.0
                    return new
                for i in order:
                    field = new @ weights[i]
                    new[..., i] = np.where(field > 0, 1.0, np.where(field < 0, -1.0, new[..., i]))
                return new
        """,
    },
    "hopfield_energy": {
        "einsum": """
            def hopfield_energy(states, weights):
                return -0.5 * np.einsum("...i,ij,...j->...", states, weights, states)
        """,
    },
    "critical_load": {
        "asynchronous sweeps (at most 10, until nothing changes) instead of synchronous steps": "critical_load = 0.13",
        "the crossing of RETRIEVED interpolated between the loads": "critical_load = 0.1399",
        "another seed (40 seeds give 0.12 to 0.16)": "critical_load = 0.16",
    },
    "mixture_overlap": {
        "synchronous steps until nothing changes": "mixture_overlap = 0.5163",
        "another seed (40 seeds give 0.475 to 0.516)": "mixture_overlap = 0.4753",
        "the theory for a vanishing load": "mixture_overlap = 0.5",
    },
}
