"""Bug zoo of section 9.1, the Ising model."""

MISTAKES = {
    "ising_energy": {
        "all four neighbours: every bond counted twice": [
            ("(np.roll(spins, -1, axis=-1) + np.roll(spins, -1, axis=-2))",
             "(np.roll(spins, -1, axis=-1) + np.roll(spins, -1, axis=-2) + np.roll(spins, 1, axis=-1)"
             " + np.roll(spins, 1, axis=-2))")],
        "no minus sign": [("return -bonds.sum(axis=(-2, -1))", "return bonds.sum(axis=(-2, -1))")],
        "open boundaries (slices instead of np.roll)": [
            ("bonds = spins * (np.roll(spins, -1, axis=-1) + np.roll(spins, -1, axis=-2))  # right and lower neighbour",
             "right = spins[..., :, :-1] * spins[..., :, 1:]\n"
             "    down = spins[..., :-1, :] * spins[..., 1:, :]"),
            ("return -bonds.sum(axis=(-2, -1))", "return -right.sum(axis=(-2, -1)) - down.sum(axis=(-2, -1))")],
        "neighbours along the first two axes (breaks batches)": [
            ("np.roll(spins, -1, axis=-1) + np.roll(spins, -1, axis=-2)",
             "np.roll(spins, -1, axis=1) + np.roll(spins, -1, axis=0)")],
        "energy per spin instead of the total": [("return -bonds.sum(axis=(-2, -1))",
                                                  "return -bonds.mean(axis=(-2, -1))")],
        "summed over the whole batch": [("return -bonds.sum(axis=(-2, -1))", "return -bonds.sum()")],
    },
    "magnetization": {
        "sum instead of mean": [("return np.mean(spins, axis=(-2, -1))", "return np.sum(spins, axis=(-2, -1))")],
        "|M| instead of M": [("return np.mean(spins, axis=(-2, -1))", "return np.abs(np.mean(spins, axis=(-2, -1)))")],
        "mean over the whole batch": [("return np.mean(spins, axis=(-2, -1))", "return np.mean(spins)")],
        "mean over the last axis only": [("return np.mean(spins, axis=(-2, -1))", "return np.mean(spins, axis=-1)")],
    },
    "exact_averages": {
        "⟨M⟩ instead of ⟨|M|⟩": [("np.abs(magnetization(states))", "magnetization(states)")],
        "no shift by the ground state: overflow at low T": [
            ("np.exp(-(levels - levels[0]) / temperatures)", "np.exp(-levels / temperatures)")],
        "Boltzmann weight e^(+E/T)": [
            ("np.exp(-(levels - levels[0]) / temperatures)", "np.exp((levels - levels[-1]) / temperatures)")],
        "multiplied by T instead of divided": [
            ("np.exp(-(levels - levels[0]) / temperatures)", "np.exp(-(levels - levels[0]) * temperatures)")],
        "total energy instead of per spin": [("weights @ levels / z / n_spins", "weights @ levels / z")],
        "states of 0 and 1 instead of ±1": [("states = (2.0 * bits - 1).reshape(-1, length, length)",
                                             "states = bits.reshape(-1, length, length).astype(float)")],
        "energy levels without their number of states g(E)": [("weights = degeneracy * np.exp(",
                                                               "weights = np.exp(")],
    },
    "metropolis_sweep": {
        "ΔE = s_i h_i, without the 2 (samples at 2T)": [("delta_e = 2 * spins * neighbours",
                                                         "delta_e = spins * neighbours")],
        "neighbour sums once per sweep: both colours from the old spins": [
            ("    for parity in (0, 1):\n"
             "        neighbours = sum(np.roll(spins, shift, axis) for shift in (1, -1) for axis in (-2, -1))\n"
             "        delta_e = 2 * spins * neighbours\n",
             "    neighbours = sum(np.roll(spins, shift, axis) for shift in (1, -1) for axis in (-2, -1))\n"
             "    delta_e = 2 * spins * neighbours\n"
             "    for parity in (0, 1):\n")],
        "acceptance min(1, e^(+ΔE/T))": [("np.exp(-np.maximum(delta_e, 0.0) / temperature)",
                                          "np.minimum(1.0, np.exp(delta_e / temperature))")],
        "accepted when the uniform number is above the probability": [
            ("rng.random(spins.shape) < np.exp", "rng.random(spins.shape) > np.exp")],
        "only the even colour updated": [("for parity in (0, 1):", "for parity in (0,):")],
        "free boundaries (zero padding)": [
            ("neighbours = sum(np.roll(spins, shift, axis) for shift in (1, -1) for axis in (-2, -1))",
             "padded = np.pad(spins, [(0, 0), (1, 1), (1, 1)])\n"
             "        neighbours = (padded[:, :-2, 1:-1] + padded[:, 2:, 1:-1] + padded[:, 1:-1, :-2]"
             " + padded[:, 1:-1, 2:])")],
        "in-place flips of the caller's spins": [
            ("spins = np.array(spins, dtype=float)  # a copy", "spins = np.asarray(spins, dtype=float)"),
            ("spins = np.where(accept & ((rows + cols) % 2 == parity), -spins, spins)",
             "spins[accept & ((rows + cols) % 2 == parity)] *= -1")],
        "temperature array not broadcast over the sites": [
            ("np.asarray(temperature, dtype=float)[..., None, None]", "np.asarray(temperature, dtype=float)")],
        "one random number per site shared by all lattices": [("rng.random(spins.shape)",
                                                               "rng.random(spins.shape[-2:])")],
        "np.random instead of rng": [("rng.random(spins.shape)", "np.random.random(spins.shape)")],
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "specific_heat_peak": {
        "Onsager's T_c of the infinite lattice": "specific_heat_peak = 2.269",
        "the derivative with respect to β (or the variance without 1/T²)": "specific_heat_peak = 2.81",
        "the steepest fall of ⟨|M|⟩": "specific_heat_peak = 2.51",
        "the 3 × 3 lattice": "specific_heat_peak = 2.48",
    },
}

ALTERNATIVES = {
    "ising_energy": {
        "all four neighbours, halved": """
            def ising_energy(spins):
                s = np.asarray(spins, dtype=float)
                field = sum(np.roll(s, shift, axis) for shift in (1, -1) for axis in (-1, -2))
                return -0.5 * np.sum(s * field, axis=(-1, -2))
        """,
    },
    "magnetization": {
        "sum over the sites divided by N": """
            def magnetization(spins):
                spins = np.asarray(spins)
                return spins.sum(axis=(-1, -2)) / (spins.shape[-1] * spins.shape[-2])
        """,
    },
    "exact_averages": {
        "every state weighted directly (no energy levels)": """
            def exact_averages(length, temperatures):
                n = length * length
                bits = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
                states = (2.0 * bits - 1).reshape(-1, length, length)
                energies, abs_m = ising_energy(states), np.abs(magnetization(states))
                t = np.asarray(temperatures, dtype=float)[:, None]
                weights = np.exp(-(energies - energies.min()) / t)
                z = weights.sum(axis=1)
                return weights @ energies / z / n, weights @ abs_m / z
        """,
        "itertools.product and scipy's logsumexp over the states": """
            import itertools
            from scipy.special import logsumexp

            def exact_averages(length, temperatures):
                states = np.array(list(itertools.product([-1.0, 1.0], repeat=length * length)))
                states = states.reshape(-1, length, length)
                energies, abs_m = ising_energy(states), np.abs(magnetization(states))
                log_w = -energies[None, :] / np.asarray(temperatures, dtype=float)[:, None]
                p = np.exp(log_w - logsumexp(log_w, axis=1, keepdims=True))
                return p @ energies / length**2, p @ abs_m
        """,
    },
    "metropolis_sweep": {
        "odd colour first, boolean masks and in-place flips of a copy": """
            def metropolis_sweep(spins, temperature, rng):
                s = np.array(spins, dtype=float)
                beta = 1.0 / np.reshape(np.asarray(temperature, dtype=float), (-1, 1, 1))
                n_rows, n_cols = s.shape[-2:]
                colour = np.add.outer(np.arange(n_rows), np.arange(n_cols)) % 2
                for c in (1, 0):
                    h = np.roll(s, 1, -1) + np.roll(s, -1, -1) + np.roll(s, 1, -2) + np.roll(s, -1, -2)
                    d_e = 2 * s * h
                    u = rng.random(s.shape)
                    flip = (colour == c) & ((d_e <= 0) | (u < np.exp(-beta * np.clip(d_e, 0, None))))
                    s[flip] *= -1
                return s
        """,
        "index arithmetic, random numbers only for the sites of one colour": """
            def metropolis_sweep(spins, temperature, rng):
                s = np.array(spins, dtype=float)
                n, L, _ = s.shape
                t = np.broadcast_to(np.asarray(temperature, dtype=float), (n,))[:, None]
                i, j = np.indices((L, L))
                for colour in (0, 1):
                    rows, cols = np.nonzero((i + j) % 2 == colour)
                    h = (s[:, (rows + 1) % L, cols] + s[:, (rows - 1) % L, cols]
                         + s[:, rows, (cols + 1) % L] + s[:, rows, (cols - 1) % L])
                    old = s[:, rows, cols]
                    d_e = 2 * old * h
                    accept = rng.random(d_e.shape) < np.exp(-np.maximum(d_e, 0) / t)
                    s[:, rows, cols] = np.where(accept, -old, old)
                return s
        """,
    },
    "specific_heat_peak": {
        "the fluctuation formula on a grid of 0.001": "specific_heat_peak = 2.439",
        "forward differences on the grid of 0.01 (midpoint)": "specific_heat_peak = 2.435",
        "a grid of 0.05": "specific_heat_peak = 2.45",
    },
}
