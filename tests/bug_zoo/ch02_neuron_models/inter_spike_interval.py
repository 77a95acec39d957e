"""Bug zoo of section 2.8, inter-spike interval models."""

MISTAKES = {
    "poisson_spikes_isi": {
        "exponential scale taken as the rate": [("rng.exponential(mean_isi)\n        while", "rng.exponential(rate)\n        while"),
                                                ("t += rng.exponential(mean_isi)", "t += rng.exponential(rate)")],
        "keeps the spike past the end": [("        while t < duration:\n            times.append(t)\n            t += rng.exponential(mean_isi)",
                                          "        while t < duration:\n            t += rng.exponential(mean_isi)\n            times.append(t)")],
        "uniform intervals": [("t += rng.exponential(mean_isi)", "t += rng.uniform(0, 2 * mean_isi)"),
                              ("t = rng.exponential(mean_isi)", "t = rng.uniform(0, 2 * mean_isi)")],
        "global random state": [("rng.exponential(mean_isi)\n        while", "np.random.exponential(mean_isi)\n        while"),
                                ("t += rng.exponential(mean_isi)", "t += np.random.exponential(mean_isi)")],
    },
    "poisson_spikes_bernoulli": {
        "rate not converted to per ms": [("rate * dt / 1000.0", "rate * dt")],
        "spike when the number is above p": [("rng.random((n_steps, n_trains)) < rate", "rng.random((n_steps, n_trains)) > rate")],
        "one random number per bin shared by all trains": [("rng.random((n_steps, n_trains))", "rng.random((n_steps, 1)) + np.zeros(n_trains)")],
        "transposed": [("rng.random((n_steps, n_trains))", "rng.random((n_trains, n_steps))")],
    },
    "gamma_isi": {
        "scale is the mean": [("rng.gamma(order, mean_isi / order, size)", "rng.gamma(order, mean_isi, size)")],
        "shape and scale swapped": [("rng.gamma(order, mean_isi / order, size)", "rng.gamma(mean_isi / order, order, size)")],
        "always exponential": [("rng.gamma(order, mean_isi / order, size)", "rng.exponential(mean_isi, size)")],
    },
    "isi_cv": {
        "CV of the spike times": [("intervals = np.diff(spike_times)", "intervals = np.asarray(spike_times)")],
        "sample standard deviation": [("np.std(intervals)", "np.std(intervals, ddof=1)")],
        "variance over mean": [("np.std(intervals)", "np.var(intervals)")],
    },
    "fano_factor": {
        "standard deviation over mean": [("np.var(counts)", "np.std(counts)")],
        "sample variance": [("np.var(counts)", "np.var(counts, ddof=1)")],
        "mean over variance": [("float(np.var(counts) / np.mean(counts))", "float(np.mean(counts) / np.var(counts))")],
    },

    "gamma_fano": {
        # each computed with the reference functions and the mistaken step, seed 7
        "var/mean of the intervals (ms) instead of the counts": "gamma_fano = 8.318",
        "CV of the intervals instead of the Fano factor of the counts": "gamma_fano = 0.4997",
        "Poisson trains from poisson_spikes_isi": "gamma_fano = 0.968",
        "std/mean of the counts": "gamma_fano = 0.0927",
        "shape and scale swapped in rng.gamma": "gamma_fano = 0.124",
    },
}

ALTERNATIVES = {
    "poisson_spikes_isi": {
        "draw many intervals at once": """
            def poisson_spikes_isi(rate, duration, n_trains, rng):
                mean_isi = 1000.0 / rate
                n_draws = int(3 * duration / mean_isi) + 20
                trains = []
                for _ in range(n_trains):
                    times = np.cumsum(rng.exponential(mean_isi, n_draws))
                    trains.append(times[times < duration])
                return trains
        """,
        "uniform spike times given a Poisson count": """
            def poisson_spikes_isi(rate, duration, n_trains, rng):
                counts = rng.poisson(rate * duration / 1000.0, n_trains)
                return [np.sort(rng.uniform(0, duration, n)) for n in counts]
        """,
    },
    "poisson_spikes_bernoulli": {
        "binomial draws": """
            def poisson_spikes_bernoulli(rate, duration, dt, n_trains, rng):
                n_steps = int(round(duration / dt))
                return rng.binomial(1, rate * dt / 1000.0, size=(n_steps, n_trains)).astype(bool)
        """,
    },
    "gamma_isi": {
        "sum of k exponentials for integer k": """
            def gamma_isi(order, rate, size, rng):
                mean_isi = 1000.0 / rate
                if float(order).is_integer():
                    return rng.exponential(mean_isi / order, (size, int(order))).sum(axis=1)
                return rng.gamma(order, mean_isi / order, size)
        """,
    },
    "isi_cv": {
        "written out": """
            def isi_cv(spike_times):
                intervals = [b - a for a, b in zip(spike_times[:-1], spike_times[1:])]
                mean = sum(intervals) / len(intervals)
                variance = sum((x - mean) ** 2 for x in intervals) / len(intervals)
                return variance ** 0.5 / mean
        """,
    },
    "fano_factor": {
        "written out": """
            def fano_factor(counts):
                counts = np.asarray(counts, dtype=float)
                return ((counts - counts.mean()) ** 2).mean() / counts.mean()
        """,
    },
    "gamma_fano": {
        "sums of four exponentials, seed 7": "gamma_fano = 0.2537",
        "one long train cut into 10 000 windows of 1 s": "gamma_fano = 0.2593",
    },
}
