"""Bug zoo of chapter 14.1, grid cells and population decoding."""

MISTAKES = {
    "grid_cell_rate": {
        "wave vectors of length 2π/λ (spacing 2λ/√3)": [
            ("4 * np.pi / (np.sqrt(3) * spacing)", "2 * np.pi / spacing")],
        "wave vectors at ψ, ψ + 60°, ψ + 120° (lattice turned by 30°)": [
            ("np.deg2rad([-30.0, 30.0, 90.0])", "np.deg2rad([0.0, 60.0, 120.0])")],
        "orientation converted to radians twice": [
            ("angles = orientation + ", "angles = np.deg2rad(orientation) + ")],
        "phase added: cos(k·(x + c))": [
            ("(np.asarray(positions, dtype=float) - phase)", "(np.asarray(positions, dtype=float) + phase)")],
        "linear gain instead of Solstad's exponential": [
            ("max_rate * np.expm1(GAIN_SLOPE * (u + 1.5)) / np.expm1(GAIN_SLOPE * 4.5)", "max_rate * (u + 1.5) / 4.5")],
        "peak not normalised by g(3)": [
            ("max_rate * np.expm1(GAIN_SLOPE * (u + 1.5)) / np.expm1(GAIN_SLOPE * 4.5)",
             "max_rate * np.expm1(GAIN_SLOPE * (u + 1.5))")],
    },
    "rate_map": {
        "x and y swapped (rows are x)": [
            ("occupancy = np.histogram2d(positions[:, 1], positions[:, 0],",
             "occupancy = np.histogram2d(positions[:, 0], positions[:, 1],"),
            ("spikes = np.histogram2d(positions[:, 1], positions[:, 0],",
             "spikes = np.histogram2d(positions[:, 0], positions[:, 1],")],
        "occupancy in samples, not seconds": [("bins=(edges, edges))[0] * dt", "bins=(edges, edges))[0]")],
        "the original: unvisited bins get 1 s of occupancy (rate 0)": [
            ("return np.where(visited, spikes / np.where(visited, occupancy, 1.0), np.nan)",
             "occupancy[~visited] = 1.0\n    return spikes / occupancy")],
        "bins over the range of the positions, not the box": [
            ("bins=(edges, edges))[0] * dt", "bins=n_bins)[0] * dt"),
            ("bins=(edges, edges), weights=spike_counts)[0]", "bins=n_bins, weights=spike_counts)[0]")],
        "samples with spikes counted once, whatever their count": [
            ("weights=spike_counts)[0]", "weights=np.asarray(spike_counts) > 0)[0]")],
    },
    "spatial_autocorrelation": {
        "the original: raw product sums divided by their maximum": [
            ("    return np.where(defined, r, np.nan)",
             "    raw = cross_correlation(values, values)\n    return np.where(n >= min_overlap, raw / raw.max(), np.nan)")],
        "the original's later circular FFT correlation": """
            def spatial_autocorrelation(rates, min_overlap=MIN_OVERLAP):
                values = np.nan_to_num(np.asarray(rates, dtype=float))
                spectrum = np.fft.fft2(values)
                correlation = np.fft.fftshift(np.real(np.fft.ifft2(spectrum * np.conj(spectrum))))
                return correlation / correlation.max()
        """,
        "unvisited bins counted as 0 Hz": [
            ("visited = np.isfinite(rates).astype(float)", "visited = np.ones(rates.shape)"),
            ("values = np.where(visited > 0, rates, 0.0)", "values = np.nan_to_num(rates)")],
        "no min_overlap mask": [("defined = (n >= min_overlap) & ", "defined = ")],
        "the mean of the whole map subtracted, normalised at lag 0": """
            def spatial_autocorrelation(rates, min_overlap=MIN_OVERLAP):
                rates = np.asarray(rates, dtype=float)
                visited = np.isfinite(rates).astype(float)
                centred = np.where(visited > 0, rates - np.nanmean(rates), 0.0)
                correlation = cross_correlation(centred, centred) / np.sum(centred**2)
                return np.where(np.rint(cross_correlation(visited, visited)) >= min_overlap, correlation, np.nan)
        """,
        "n > min_overlap instead of ≥": [("defined = (n >= min_overlap)", "defined = (n > min_overlap)")],
    },
    "gridness_score": {
        "max and min swapped": [("return float(min(r[60], r[120]) - max(r[30], r[90], r[150]))",
                                 "return float(max(r[30], r[90], r[150]) - min(r[60], r[120]))")],
        "means instead of min and max": [("return float(min(r[60], r[120]) - max(r[30], r[90], r[150]))",
                                          "return float((r[60] + r[120]) / 2 - (r[30] + r[90] + r[150]) / 3)")],
        "central peak kept": [("ring = (distance >= inner_radius) & (distance <= outer_radius)",
                               "ring = distance <= outer_radius")],
        "whole autocorrelogram, no annulus": [("ring = (distance >= inner_radius) & (distance <= outer_radius)",
                                               "ring = np.ones(distance.shape, dtype=bool)")],
        "radii used as diameters": [("ring = (distance >= inner_radius) & (distance <= outer_radius)",
                                     "ring = (distance >= inner_radius / 2) & (distance <= outer_radius / 2)")],
        "annulus without its boundary": [("ring = (distance >= inner_radius) & (distance <= outer_radius)",
                                          "ring = (distance > inner_radius) & (distance < outer_radius)")],
    },
    "fisher_information": {
        "window T forgotten": [("return duration * np.sum(", "return np.sum(")],
        "divided by f² (Gaussian noise of unit variance per rate)": [
            ("slope**2 / (r_base + r_amp * np.cos(difference))", "slope**2 / (r_base + r_amp * np.cos(difference))**2")],
        "derivative of the cosine taken as −r₁ cos": [("slope = -r_amp * np.sin(difference)",
                                                      "slope = -r_amp * np.cos(difference)")],
        "slope not squared": [("np.sum(slope**2 /", "np.sum(slope /")],
        "default tuning instead of the arguments": [
            ("slope = -r_amp * np.sin(difference)", "slope = -R_AMP * np.sin(difference)"),
            ("(r_base + r_amp * np.cos(difference))", "(R_BASE + R_AMP * np.cos(difference))")],
    },
    "population_vector": {
        "arctan2 arguments swapped": [
            ("np.arctan2(counts @ np.sin(preferred), counts @ np.cos(preferred))",
             "np.arctan2(counts @ np.cos(preferred), counts @ np.sin(preferred))")],
        "arctan of the ratio: quadrant lost": [
            ("np.arctan2(counts @ np.sin(preferred), counts @ np.cos(preferred))",
             "np.arctan((counts @ np.sin(preferred)) / (counts @ np.cos(preferred)))")],
        "preferred angles averaged as numbers": [
            ("np.arctan2(counts @ np.sin(preferred), counts @ np.cos(preferred))",
             "(counts @ preferred) / counts.sum(axis=-1)")],
    },
    "ml_decode": {
        "grid search only, no refinement": [("for _ in range(5):", "for _ in range(0):")],
        "the term −T Σ f dropped": [
            ("log_likelihood = counts @ np.log(rates).T - duration * rates.sum(axis=-1)",
             "log_likelihood = counts @ np.log(rates).T"),
            ("gradient = np.sum(counts * f1 / f - duration * f1, axis=-1)",
             "gradient = np.sum(counts * f1 / f, axis=-1)"),
            ("curvature = np.sum(counts * (f2 * f - f1**2) / f**2 - duration * f2, axis=-1)",
             "curvature = np.sum(counts * (f2 * f - f1**2) / f**2, axis=-1)")],
        "Newton's method started from 0 instead of the best grid angle": [
            ("theta = grid[np.argmax(log_likelihood, axis=-1)]", "theta = np.zeros(counts.shape[:-1])")],
        "the notebook's tuning instead of the arguments": [
            ("rates = tuning_curves(grid, preferred, r_base, r_amp)", "rates = tuning_curves(grid, preferred)"),
            ("f = r_base + r_amp * np.cos(difference)", "f = R_BASE + R_AMP * np.cos(difference)"),
            ("f1, f2 = -r_amp * np.sin(difference), -r_amp * np.cos(difference)",
             "f1, f2 = -R_AMP * np.sin(difference), -R_AMP * np.cos(difference)")],
        "the population vector returned": [
            ("    grid = 2 * np.pi * np.arange(n_grid) / n_grid\n",
             "    return np.arctan2(counts @ np.sin(preferred), counts @ np.cos(preferred))\n"
             "    grid = 2 * np.pi * np.arange(n_grid) / n_grid\n")],
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "neurons_for_precision": {
        "window of 1 s instead of 100 ms": "neurons_for_precision = 21",
        "variance 1/I compared with 5° instead of the standard deviation": "neurons_for_precision = 18",
        "5 compared in radians, not degrees": "neurons_for_precision = 1",
    },
    "pv_efficiency": {
        "the maximum-likelihood decoder's ratio": "pv_efficiency = 1.0",
        "ratio of standard deviations": "pv_efficiency = 1.19",
        "the inverse ratio, bound over variance": "pv_efficiency = 0.70",
        "variance in degrees² times I in rad⁻²": "pv_efficiency = 4670.0",
    },
}

ALTERNATIVES = {
    "grid_cell_rate": {
        "a loop over the three waves with explicit dot products": """
            def grid_cell_rate(positions, spacing=SPACING, orientation=ORIENTATION, phase=GRID_PHASE,
                               max_rate=MAX_RATE):
                positions = np.asarray(positions, dtype=float)
                dx, dy = positions[..., 0] - phase[0], positions[..., 1] - phase[1]
                u = 0.0
                for offset in (-np.pi / 6, np.pi / 6, np.pi / 2):
                    k = 4 * np.pi / (np.sqrt(3) * spacing)
                    u = u + np.cos(k * (np.cos(orientation + offset) * dx + np.sin(orientation + offset) * dy))
                g = lambda v: np.exp(GAIN_SLOPE * (v + 3 / 2)) - 1
                return max_rate * g(u) / g(3.0)
        """,
    },
    "rate_map": {
        "bin indices with np.add.at": """
            def rate_map(positions, spike_counts, dt, box_size, n_bins):
                positions = np.asarray(positions, dtype=float)
                index = np.floor((positions + box_size / 2) / box_size * n_bins).astype(int)
                index[(positions == box_size / 2)] = n_bins - 1  # the upper edge belongs to the last bin
                inside = np.all((index >= 0) & (index < n_bins), axis=1)
                rows, cols = index[inside, 1], index[inside, 0]
                samples = np.zeros((n_bins, n_bins))
                spikes = np.zeros((n_bins, n_bins))
                np.add.at(samples, (rows, cols), 1.0)
                np.add.at(spikes, (rows, cols), np.asarray(spike_counts, dtype=float)[inside])
                rates = np.full((n_bins, n_bins), np.nan)
                rates[samples > 0] = spikes[samples > 0] / (samples[samples > 0] * dt)
                return rates
        """,
    },
    "spatial_autocorrelation": {
        "a loop over the lags with np.corrcoef": """
            def spatial_autocorrelation(rates, min_overlap=MIN_OVERLAP):
                rates = np.asarray(rates, dtype=float)
                n_rows, n_cols = rates.shape
                result = np.full((2 * n_rows - 1, 2 * n_cols - 1), np.nan)
                for ty in range(-n_rows + 1, n_rows):
                    for tx in range(-n_cols + 1, n_cols):
                        a = rates[max(0, -ty):n_rows - max(0, ty), max(0, -tx):n_cols - max(0, tx)]
                        b = rates[max(0, ty):n_rows - max(0, -ty), max(0, tx):n_cols - max(0, -tx)]
                        both = np.isfinite(a) & np.isfinite(b)
                        if both.sum() >= min_overlap and np.ptp(a[both]) > 0 and np.ptp(b[both]) > 0:
                            result[ty + n_rows - 1, tx + n_cols - 1] = np.corrcoef(a[both], b[both])[0, 1]
                return result
        """,
    },
    "gridness_score": {
        "scipy.ndimage.rotate, bilinear, rotating the other way": """
            from scipy import ndimage

            def gridness_score(autocorrelogram, inner_radius, outer_radius):
                ac = np.asarray(autocorrelogram, dtype=float)
                centre = (ac.shape[0] - 1) / 2
                y, x = np.mgrid[:ac.shape[0], :ac.shape[1]] - centre
                annulus = (np.hypot(x, y) >= inner_radius) & (np.hypot(x, y) <= outer_radius)
                correlations = []
                for degrees in (30, 60, 90, 120, 150):
                    rotated = ndimage.rotate(ac, degrees, reshape=False, order=1, cval=np.nan)[annulus]
                    keep = np.isfinite(rotated) & np.isfinite(ac[annulus])
                    correlations.append(np.corrcoef(ac[annulus][keep], rotated[keep])[0, 1])
                r30, r60, r90, r120, r150 = correlations
                return min(r60, r120) - max(r30, r90, r150)
        """,
    },
    "fisher_information": {
        "with the given tuning_curves and einsum": """
            def fisher_information(theta, preferred, duration, r_base=R_BASE, r_amp=R_AMP):
                theta = np.asarray(theta, dtype=float)
                rates = tuning_curves(theta, preferred, r_base, r_amp)
                slopes = -r_amp * np.sin(theta[..., None] - np.asarray(preferred))
                return duration * np.einsum("...i,...i->...", slopes, slopes / rates)
        """,
    },
    "population_vector": {
        "the angle of a sum of complex numbers": """
            def population_vector(counts, preferred):
                return np.angle(np.asarray(counts, dtype=float) @ np.exp(1j * np.asarray(preferred)))
        """,
    },
    "ml_decode": {
        "golden-section search around the best grid angle": """
            def ml_decode(counts, preferred, duration, r_base=R_BASE, r_amp=R_AMP, n_grid=N_THETA_GRID):
                counts = np.asarray(counts, dtype=float)

                def log_likelihood(theta):
                    rates = tuning_curves(theta, preferred, r_base, r_amp)
                    return np.sum(counts * np.log(rates) - duration * rates, axis=-1)

                grid = np.linspace(0, 2 * np.pi, n_grid, endpoint=False)
                table = tuning_curves(grid, preferred, r_base, r_amp)
                best = grid[np.argmax(counts @ np.log(table).T - duration * table.sum(-1), axis=-1)]
                low, high = best - 2 * np.pi / n_grid, best + 2 * np.pi / n_grid
                ratio = (np.sqrt(5) - 1) / 2
                for _ in range(60):
                    a, b = high - ratio * (high - low), low + ratio * (high - low)
                    left = log_likelihood(a) > log_likelihood(b)
                    high, low = np.where(left, b, high), np.where(left, low, a)
                return (low + high) / 2
        """,
    },
    "neurons_for_precision": {
        "from the large-N Fisher information per neuron, rounded up": "neurons_for_precision = 205",
    },
    "pv_efficiency": {
        "the linearised estimator's limit 2r₀(r₀ − √(r₀² − r₁²))/r₁²": "pv_efficiency = 1.41",
        "10 000 trials of another seed": "pv_efficiency = 1.40",
    },
}
