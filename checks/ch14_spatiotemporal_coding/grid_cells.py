"""Checks of chapter 14.1, grid cells and population decoding.

Besides the comparison with ``solutions`` on seeded recordings (the given trajectory generator and Poisson spikes
of the reference grid and place cells), the checks test facts that need no reference: the three-cosine rate is
maximal on the lattice of spacing λ along the orientation and 0 at the centres of its triangles; a constant
spike rate gives a flat rate map and unvisited bins are nan; a map linear in position correlates perfectly with
every shift of itself and the autocorrelogram is symmetric; a perfect lattice scores gridness > 1 and a round
pattern about 0; the Fisher information equals T Σ f′²/f with f′ by finite differences; expected counts are
decoded exactly by both decoders, and at the maximum-likelihood estimate the score L′(θ) is 0 and no angle of a
fine grid is more likely. Two discovery answers: the population size needed for a precision of 5° in 100 ms, and
the population vector's variance in units of the Cramér–Rao bound.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch14_spatiotemporal_coding import grid_cells as ref


def _three_cosines(positions, spacing, orientation, phase, max_rate, *, length=None, offsets=(-30.0, 30.0, 90.0),
                   sign=-1.0, gain="exp", normalise=True):
    """The three-cosine rate with switches for the mistakes of grid_cell_rate."""
    length = 4 * np.pi / (np.sqrt(3) * spacing) if length is None else length
    angles = orientation + np.deg2rad(offsets)
    k = length * np.column_stack([np.cos(angles), np.sin(angles)])
    u = np.cos((positions + sign * phase) @ k.T).sum(axis=-1)
    if gain == "linear":
        return max_rate * (u + 1.5) / 4.5
    g = np.expm1(ref.GAIN_SLOPE * (u + 1.5))
    return max_rate * g / (np.expm1(ref.GAIN_SLOPE * 4.5) if normalise else 1.0)


def grid_cell_rate(student_grid_cell_rate):
    """Check ``grid_cell_rate(positions, spacing, orientation, phase, max_rate)`` on positions of shape (6, 50, 2)
    for three grids, and its peaks and zeros on the lattice."""
    rng = np.random.default_rng(2006)
    positions = rng.uniform(-0.6, 0.6, (6, 50, 2))
    grids = ((ref.SPACING, ref.ORIENTATION, ref.GRID_PHASE, ref.MAX_RATE),
             (0.55, -0.4, np.array([-0.2, 0.3]), 8.0), (0.3, 1.2, np.array([0.0, 0.0]), 20.0))
    for spacing, orientation, phase, max_rate in grids:
        what = f"grid_cell_rate(positions, spacing={spacing}, orientation={orientation:.4g}, phase={phase}, " \
               f"max_rate={max_rate})"
        args = (positions, spacing, orientation, phase, max_rate)
        mistakes = {
            "the wave vectors have length 4π/(√3 λ), so that neighbouring peaks are λ apart (2π/λ makes the "
            "spacing 2λ/√3).": _three_cosines(*args, length=2 * np.pi / spacing),
            "the three wave vectors point at ψ − 30°, ψ + 30° and ψ + 90° (then a lattice axis lies at ψ).":
                _three_cosines(*args, offsets=(0.0, 60.0, 120.0)),
            "the orientation is already in radians.": _three_cosines(positions, spacing, np.deg2rad(orientation),
                                                                     phase, max_rate),
            "the phase c is the position of a peak: the cosines take k·(x − c).": _three_cosines(*args, sign=1.0),
            "the gain is Solstad's g(u) = exp(a(u + 3/2)) − 1, not linear.": _three_cosines(*args, gain="linear"),
            "divide by g(3), so that the peak rate is max_rate.": _three_cosines(*args, normalise=False),
        }
        # A few transcendental functions of numbers of order 10: round-off ~1e-14 of max_rate.
        assert_close(call(student_grid_cell_rate, *args), ref.grid_cell_rate(*args), what, atol=1e-9 * max_rate,
                     rtol=1e-9, mistakes=mistakes)
    # Peaks on the lattice spanned by λ(cos ψ, sin ψ) and λ(cos(ψ + 60°), sin(ψ + 60°)); zeros at triangle centres.
    spacing, orientation, phase = 0.45, 0.7, np.array([0.12, -0.05])
    a = spacing * np.array([[np.cos(orientation + t), np.sin(orientation + t)] for t in (0, np.pi / 3)])
    lattice = phase + np.array([[i, j] for i in range(-2, 3) for j in range(-2, 3)]) @ a
    centres = lattice + (a[0] + a[1]) / 3
    result = as_array(call(student_grid_cell_rate, np.concatenate([lattice, centres]), spacing, orientation, phase,
                           6.0), "grid_cell_rate on a lattice", shape=(50,))
    assert_close(result, np.r_[np.full(25, 6.0), np.zeros(25)],
                 "grid_cell_rate at the lattice points (first 25, rate max_rate) and at the centres of its triangles "
                 "(last 25, rate 0)", atol=1e-9,
                 hint="the peaks lie λ apart along the orientation ψ and along ψ + 60°.")


def _recording(seed, n_samples, box_size, cell="grid"):
    """A seeded simulated recording: positions and Poisson spike counts of the reference cells."""
    rng = np.random.default_rng(seed)
    positions = ref.rat_trajectory(n_samples, rng, box_size=box_size)[0]
    rate = ref.grid_cell_rate(positions) if cell == "grid" else ref.place_cell_rate(positions)
    return positions, rng.poisson(rate * ref.DT)


def _assert_nan_where(result, expected, what, hints):
    """The student's nan bins/lags must be those of ``expected``; ``hints`` maps a hint to a wrong nan mask."""
    result_nan, expected_nan = np.isnan(result), np.isnan(expected)
    if np.array_equal(result_nan, expected_nan):
        return
    index = tuple(int(i) for i in np.argwhere(result_nan != expected_nan)[0])
    state = "nan" if result_nan[index] else f"{result[index]:.6g}"
    message = (f"{what} at index {index} is {state}, expected {'nan' if expected_nan[index] else 'a number'} "
               f"({np.count_nonzero(result_nan != expected_nan)} entries differ in being nan).")
    found = next((hint for hint, mask in hints.items() if np.array_equal(result_nan, mask)), None)
    raise AssertionError(message + (f"\nHint: {found}" if found else ""))


def _as_float_array(value, what, shape):
    """A returned array of the given shape, nan allowed (infinities are not)."""
    array = as_array(value, what, shape=shape, dtype=None).astype(float)
    if np.any(np.isinf(array)):
        raise AssertionError(f"{what} contains inf; put nan where the value is undefined.")
    return array


def rate_map(student_rate_map):
    """Check ``rate_map(positions, spike_counts, dt, box_size, n_bins)`` on seeded recordings, with bins the rat
    never entered, and on a constant rate."""
    full, sparse = _recording(1, 4000, 1.0), _recording(2, 3000, 0.8, cell="place")
    cases = (("4000 samples in the 1 m box, 20 bins", *full, ref.DT, 1.0, 20),
             ("the same recording, 7 bins, dt = 0.05 s", *full, 0.05, 1.0, 7),
             ("3000 samples in the 0.8 m box binned over 1 m (the outer bins are never visited)", *sparse, ref.DT,
              1.0, 20))
    for name, positions, spikes, dt, box_size, n_bins in cases:
        what = f"rate_map for {name}"
        expected = ref.rate_map(positions, spikes, dt, box_size, n_bins)
        result = _as_float_array(call(student_rate_map, positions, spikes, dt, box_size, n_bins), what,
                                 (n_bins, n_bins))
        _assert_nan_where(result, expected, what, {
            "row i is the i-th bin of y and column j of x: histogram2d(y, x, …), not (x, y).": np.isnan(expected.T),
            "bins the rat never entered have no rate: nan, not 0 (0 spikes in 0 s is undefined, not silent).":
                np.zeros_like(result, dtype=bool),
            "bin the box from −box_size/2 to box_size/2 (range of the bins), not the range of the positions.":
                np.zeros_like(result, dtype=bool)})
        visited = np.isfinite(expected)
        occupancy = np.histogram2d(positions[:, 1], positions[:, 0], bins=n_bins,
                                   range=[[-box_size / 2, box_size / 2]] * 2)[0]
        spike_map = np.histogram2d(positions[:, 1], positions[:, 0], bins=n_bins,
                                   range=[[-box_size / 2, box_size / 2]] * 2, weights=spikes)[0]
        safe = np.where(visited, occupancy, 1.0)
        binary = np.histogram2d(positions[:, 1], positions[:, 0], bins=n_bins,
                                range=[[-box_size / 2, box_size / 2]] * 2, weights=spikes > 0)[0]
        mistakes = {hint: np.where(visited, wrong, 0.0) for hint, wrong in {
            "the time in a bin is its number of samples times dt.": spike_map / safe,
            "a sample can hold more than one spike: sum the counts (weights=spike_counts).": binary / (safe * dt),
            "row i is the i-th bin of y and column j of x: histogram2d(y, x, …), not (x, y).":
                (spike_map / (safe * dt)).T,
        }.items()}
        # Counts over sums of dt: exact up to one rounding, ~1e-14 of rates of ~10 Hz.
        assert_close(np.where(visited, result, 0.0), np.where(visited, expected, 0.0), what, atol=1e-9, rtol=1e-9,
                     mistakes=mistakes)
    positions = full[0]
    flat = _as_float_array(call(student_rate_map, positions, np.full(len(positions), 0.2), ref.DT, 1.0, 10),
                           "rate_map with 0.2 spikes in every sample", (10, 10))
    assert_close(flat[np.isfinite(flat)], np.full(np.count_nonzero(np.isfinite(flat)), 0.2 / ref.DT),
                 "rate_map with 0.2 spikes in every 0.02-s sample (10 Hz everywhere)", atol=1e-9,
                 hint="divide the spikes in a bin by the time spent in it.")


def _pearson_parts(rates, count_unvisited=False):
    """Overlap counts and the six sums of the autocorrelogram (the reference's construction)."""
    visited = np.ones(rates.shape) if count_unvisited else np.isfinite(rates).astype(float)
    values = np.nan_to_num(rates)
    cc = ref.cross_correlation
    return (np.rint(cc(visited, visited)), cc(values, visited), cc(visited, values), cc(values**2, visited),
            cc(visited, values**2), cc(values, values))


def _autocorrelation_mistakes(rates, min_overlap):
    """What the known mistakes of spatial_autocorrelation return."""
    n_true = _pearson_parts(rates)[0]
    values = np.nan_to_num(rates)
    raw = ref.cross_correlation(values, values)
    centred = np.where(np.isfinite(rates), rates - np.nanmean(rates), 0.0)
    global_mean = ref.cross_correlation(centred, centred) / np.sum(centred**2)
    n, sx, sy, sxx, syy, sxy = _pearson_parts(rates, count_unvisited=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        zeros_counted = (n * sxy - sx * sy) / np.sqrt((n * sxx - sx**2) * (n * syy - sy**2))
    keep = n_true >= min_overlap
    return {
        "the original's raw product sums divided by their maximum are not correlations: compute Pearson's r of the "
        "overlapping bins at every lag.": np.where(keep, raw / raw.max(), np.nan),
        "subtract the means of the overlapping parts at each lag (Pearson's r), not the mean of the whole map.":
            np.where(keep, global_mean, np.nan),
        "unvisited bins have no rate: leave them out of the sums (n counts only pairs of visited bins), rather "
        "than treating them as 0 Hz.": np.where(keep, zeros_counted, np.nan),
    }


def spatial_autocorrelation(student_spatial_autocorrelation):
    """Check ``spatial_autocorrelation(rates, min_overlap)`` on rate maps of seeded recordings (with and without
    unvisited bins) and a random map, and the facts of a linear map and of symmetry."""
    rng = np.random.default_rng(2005)
    random_map = rng.uniform(0, 20, (9, 12))
    random_map[rng.random((9, 12)) < 0.15] = np.nan
    cases = (("the 20 × 20 rate map of a recorded grid cell", ref.rate_map(*_recording(3, 6000, 1.0), ref.DT, 1.0,
                                                                             20), ref.MIN_OVERLAP),
             ("a rate map with unvisited outer bins", ref.rate_map(*_recording(4, 3000, 0.8), ref.DT, 1.0, 12), 20),
             ("a random 9 × 12 map with nan bins", random_map, 6))
    for name, rates, min_overlap in cases:
        what = f"spatial_autocorrelation for {name} (min_overlap={min_overlap})"
        shape = (2 * rates.shape[0] - 1, 2 * rates.shape[1] - 1)
        with hint_on_failure("one value per lag from −(n − 1) to n − 1 along each axis: shape (2n − 1, 2m − 1), "
                             "lag 0 at the centre (a circular FFT correlation of shape (n, m) wraps around)."):
            result = _as_float_array(call(student_spatial_autocorrelation, rates, min_overlap), what, shape)
        expected = ref.spatial_autocorrelation(rates, min_overlap)
        n = _pearson_parts(rates)[0]
        graded = (n >= min_overlap) & np.isfinite(expected)  # lags where one side is constant are not graded
        few = n < min_overlap
        considered = graded | few
        _assert_nan_where(np.where(considered, result, 0.0), np.where(few, np.nan, 0.0), what, {
            "lags with fewer than min_overlap overlapping visited bins are nan.": np.zeros(shape, dtype=bool),
            "a lag is computed when at least min_overlap bins overlap (n ≥ min_overlap).":
                (n <= min_overlap) & considered})
        mistakes = {hint: np.where(graded, np.nan_to_num(wrong), 0.0)
                    for hint, wrong in _autocorrelation_mistakes(rates, min_overlap).items()}
        # Sums of ~400 products of rates ≤ 50 Hz via the FFT: round-off ~1e-12 of the correlation.
        assert_close(np.where(graded, result, 0.0), np.where(graded, expected, 0.0), what, atol=1e-9,
                     mistakes=mistakes)
    ramp = np.add.outer(3.0 * np.arange(7), np.arange(10.0))
    ramp[2, 4] = np.nan
    result = _as_float_array(call(student_spatial_autocorrelation, ramp, 8), "spatial_autocorrelation of a linear "
                             "map", (13, 19))
    defined = _pearson_parts(ramp)[0] >= 8
    assert_close(np.where(defined, result, 1.0), np.ones((13, 19)), "spatial_autocorrelation of a map that is "
                 "linear in position (r = 1 at every lag)", atol=1e-9,
                 hint="Pearson's r over the overlapping bins: a linear map correlates perfectly with its shifts.")


def _rotation_correlations(autocorrelogram, inner, outer, *, ring=True, strict=False):
    """Correlations of an autocorrelogram with its rotations by 30°, …, 150° on an annulus (or on every bin)."""
    y, x = np.indices(autocorrelogram.shape) - (autocorrelogram.shape[0] - 1) / 2
    distance = np.hypot(x, y)
    if not ring:
        mask = np.ones(autocorrelogram.shape, dtype=bool)
    elif strict:
        mask = (distance > inner) & (distance < outer)
    else:
        mask = (distance >= inner) & (distance <= outer)
    r = {}
    for degrees in (30, 60, 90, 120, 150):
        rotated, original = ref.rotate_image(autocorrelogram, np.deg2rad(degrees))[mask], autocorrelogram[mask]
        both = np.isfinite(rotated) & np.isfinite(original)
        r[degrees] = np.corrcoef(original[both], rotated[both])[0, 1]
    return r


def _gridness_mistakes(autocorrelogram, inner, outer):
    r = _rotation_correlations(autocorrelogram, inner, outer)
    no_hole = _rotation_correlations(autocorrelogram, 0.0, outer)
    whole = _rotation_correlations(autocorrelogram, 0.0, 0.0, ring=False)
    diameters = _rotation_correlations(autocorrelogram, inner / 2, outer / 2)
    strict = _rotation_correlations(autocorrelogram, inner, outer, strict=True)
    score = lambda c: min(c[60], c[120]) - max(c[30], c[90], c[150])  # noqa: E731
    return {
        "gridness = min(r60, r120) − max(r30, r90, r150), not the other way round.":
            max(r[30], r[90], r[150]) - min(r[60], r[120]),
        "take the minimum of r60 and r120 and the maximum of r30, r90 and r150, not their means.":
            (r[60] + r[120]) / 2 - (r[30] + r[90] + r[150]) / 3,
        "leave the central peak out: only bins at a distance ≥ inner_radius.": score(no_hole),
        "correlate on the annulus only, not on the whole autocorrelogram.": score(whole),
        "the radii are radii, in bins, not diameters.": score(diameters),
        "the annulus includes both radii: inner_radius ≤ distance ≤ outer_radius.": score(strict),
    }


def gridness_score(student_gridness_score):
    """Check ``gridness_score(autocorrelogram, inner_radius, outer_radius)`` on autocorrelograms of seeded grid and
    place cells and of a random map, and on a perfect lattice and a round pattern."""
    grid_ac = ref.spatial_autocorrelation(ref.rate_map(*_recording(5, ref.N_SAMPLES // 2, 1.0), ref.DT, 1.0, 20))
    place_ac = ref.spatial_autocorrelation(ref.rate_map(*_recording(6, ref.N_SAMPLES // 2, 1.0, cell="place"),
                                                        ref.DT, 1.0, 20))
    noise_ac = ref.spatial_autocorrelation(np.random.default_rng(7).uniform(0, 10, (15, 15)), 10)
    lags = np.arange(-20, 21) / 20
    points = np.stack(np.meshgrid(lags, lags), axis=-1)
    lattice = ref.grid_cell_rate(points, 0.35, -0.3, np.zeros(2), 1.0)
    blob = np.exp(-np.sum(points**2, axis=-1) / 0.03)
    cases = (("a grid cell", grid_ac, 4.0, 10.0), ("a grid cell, another annulus", grid_ac, 3.0, 12.5),
             ("a place cell", place_ac, 4.0, 10.0), ("a random map", noise_ac, 2.0, 6.0),
             ("a perfect lattice of spacing 7 bins", lattice, 3.5, 8.75))
    for name, autocorrelogram, inner, outer in cases:
        what = f"gridness_score for the autocorrelogram of {name} (radii {inner:g} and {outer:g} bins)"
        result = as_array(call(student_gridness_score, autocorrelogram, inner, outer), what, shape=())
        # Bilinear rotation and Pearson's r of a few hundred bins: round-off ~1e-15.
        assert_close(result, ref.gridness_score(autocorrelogram, inner, outer), what, atol=1e-9,
                     mistakes=_gridness_mistakes(autocorrelogram, inner, outer),
                     hint="rotate with rotate_image (bilinear, about the central bin) and correlate on the annulus "
                          "where both values are finite.")
    score = as_array(call(student_gridness_score, blob, 4.0, 10.0), "gridness_score of a round pattern", shape=())
    assert_close(score, 0.0, "gridness_score of a round pattern (it looks the same after any rotation)", atol=0.05)


def fisher_information(student_fisher_information):
    """Check ``fisher_information(theta, preferred, duration, r_base, r_amp)`` against the reference and against
    T Σ f′²/f with f′ by central differences."""
    rng = np.random.default_rng(1993)
    theta = rng.uniform(0, 2 * np.pi, (5, 7))
    cases = ((ref.PREFERRED, 0.5, ref.R_BASE, ref.R_AMP), (np.sort(rng.uniform(0, 2 * np.pi, 9)), 2.0, 20.0, 5.0),
             (np.array([0.0, 2.0]), 0.1, 8.0, 7.5))
    for preferred, duration, r_base, r_amp in cases:
        what = f"fisher_information(theta, {len(preferred)} preferred angles, duration={duration}, " \
               f"r_base={r_base}, r_amp={r_amp})"
        d = theta[..., None] - preferred
        f, f1 = r_base + r_amp * np.cos(d), -r_amp * np.sin(d)
        mistakes = {
            "I(θ) is proportional to the window: multiply by T.": np.sum(f1**2 / f, axis=-1),
            "divide f′² by f (the Poisson variance is T f), not by f².": duration * np.sum(f1**2 / f**2, axis=-1),
            "the derivative of r₀ + r₁ cos(θ − θ_i) is −r₁ sin(θ − θ_i).":
                duration * np.sum((r_amp * np.cos(d)) ** 2 / f, axis=-1),
            "sum f′²/f over the neurons, neuron by neuron.": duration * np.sum(f1**2, axis=-1) / np.sum(f, axis=-1),
            "square the derivative: f′(θ)²/f(θ).": duration * np.sum(f1 / f, axis=-1),
            "use the baseline r_base and modulation r_amp passed in.":
                duration * np.sum((ref.R_AMP * np.sin(d)) ** 2 / (ref.R_BASE + ref.R_AMP * np.cos(d)), axis=-1),
        }
        expected = ref.fisher_information(theta, preferred, duration, r_base, r_amp)
        # A sum of a few dozen terms: round-off ~1e-15 relative.
        assert_close(call(student_fisher_information, theta, preferred, duration, r_base, r_amp), expected, what,
                     atol=1e-12, rtol=1e-10, mistakes=mistakes)
        h = 1e-5
        slope = (ref.tuning_curves(theta + h, preferred, r_base, r_amp)
                 - ref.tuning_curves(theta - h, preferred, r_base, r_amp)) / (2 * h)
        # Central differences: relative error ~h² = 1e-10, and round-off ~1e-11.
        assert_close(expected, duration * np.sum(slope**2 / ref.tuning_curves(theta, preferred, r_base, r_amp), -1),
                     "the reference against T Σ f′²/f", atol=1e-8, rtol=1e-7)


def _align(estimate, expected):
    """The estimate's angles moved by multiples of 2π next to the expected ones."""
    return expected + np.angle(np.exp(1j * (np.asarray(estimate, dtype=float) - expected)))


def _pv_mistakes(counts, preferred):
    x, y = counts @ np.cos(preferred), counts @ np.sin(preferred)
    with np.errstate(invalid="ignore", divide="ignore"):
        return {
            "np.arctan2 takes (y, x): the sine sum first.": np.arctan2(x, y),
            "np.arctan(y / x) loses the quadrant: use np.arctan2(y, x).": np.arctan(y / x),
            "angles cannot be averaged like numbers: take the direction of the vector sum Σ n_i (cos θ_i, sin θ_i).":
                (counts @ preferred) / counts.sum(axis=-1),
        }


def population_vector(student_population_vector):
    """Check ``population_vector(counts, preferred)`` on Poisson counts of the notebook's population and of a
    non-uniform one, and on a single trial."""
    rng = np.random.default_rng(1986)
    uneven = np.sort(rng.uniform(0, 2 * np.pi, 10))
    cases = (("200 trials of the notebook's population, T = 0.5 s, θ = 2.5",
              ref.poisson_counts(2.5, 0.5, 200, rng), ref.PREFERRED),
             ("200 trials at θ = 5.5", ref.poisson_counts(5.5, 0.5, 200, rng), ref.PREFERRED),
             ("100 trials of 10 unevenly spaced neurons", rng.poisson(6.0, (100, 10)), uneven),
             ("one trial (counts of shape (N,))", ref.poisson_counts(4.0, 0.2, 1, rng)[0], ref.PREFERRED))
    for name, counts, preferred in cases:
        what = f"population_vector for {name}"
        expected = ref.population_vector(counts, preferred)
        result = as_array(call(student_population_vector, counts, preferred), what, shape=expected.shape)
        mistakes = {hint: _align(wrong, expected) for hint, wrong in _pv_mistakes(counts, preferred).items()}
        # One arctan2 of sums of ~30 products: round-off ~1e-15 rad; angles are compared modulo 2π.
        assert_close(_align(result, expected), expected, what + " (modulo 2π)", atol=1e-9, mistakes=mistakes)


def _log_likelihood(theta, counts, preferred, duration, r_base, r_amp):
    rates = ref.tuning_curves(theta, preferred, r_base, r_amp)
    return np.sum(counts * np.log(rates) - duration * rates, axis=-1)


def ml_decode(student_ml_decode):
    """Check ``ml_decode(counts, preferred, duration, r_base, r_amp)`` on Poisson counts (notebook's population,
    other tuning, uneven preferred angles): the estimates against the reference, and against a fine grid."""
    rng = np.random.default_rng(1993)
    uneven = np.sort(rng.uniform(0, 2 * np.pi, 12))
    cases = (("200 trials, T = 0.1 s, θ = 1", ref.poisson_counts(1.0, 0.1, 200, rng), ref.PREFERRED, 0.1,
              ref.R_BASE, ref.R_AMP),
             ("200 trials, T = 1 s, θ = 4", ref.poisson_counts(4.0, 1.0, 200, rng), ref.PREFERRED, 1.0, ref.R_BASE,
              ref.R_AMP),
             ("100 trials with r_base = 20 Hz, r_amp = 15 Hz",
              ref.poisson_counts(2.0, 0.3, 100, rng, r_base=20.0, r_amp=15.0), ref.PREFERRED, 0.3, 20.0, 15.0),
             ("100 trials of 12 unevenly spaced neurons",
              ref.poisson_counts(0.5, 0.5, 100, rng, preferred=uneven), uneven, 0.5, ref.R_BASE, ref.R_AMP))
    fine = np.linspace(0, 2 * np.pi, 3601)
    for name, counts, preferred, duration, r_base, r_amp in cases:
        what = f"ml_decode for {name}"
        expected = ref.ml_decode(counts, preferred, duration, r_base, r_amp)
        grid = 2 * np.pi * np.arange(ref.N_THETA_GRID) / ref.N_THETA_GRID
        rates = ref.tuning_curves(grid, preferred, r_base, r_amp)
        grid_only = grid[np.argmax(counts @ np.log(rates).T - duration * rates.sum(-1), axis=-1)]
        no_rate_term = ref.ml_decode(counts, preferred, 0.0, r_base, r_amp)
        mistakes = {hint: _align(wrong, expected) for hint, wrong in {
            "refine the best grid angle (Newton's method on L′): the grid alone is only as fine as its step.": grid_only,
            "keep the term −T Σ f_i(θ) of the log-likelihood: it depends on θ unless the preferred angles are "
            "evenly spaced.": no_rate_term,
            "use the baseline r_base and modulation r_amp passed in.":
                ref.ml_decode(counts, preferred, duration) if (r_base, r_amp) != (ref.R_BASE, ref.R_AMP) else expected,
            "the population vector is not the maximum-likelihood estimate.": ref.population_vector(counts, preferred),
        }.items()}
        result = as_array(call(student_ml_decode, counts, preferred, duration, r_base, r_amp), what,
                          shape=expected.shape)
        # Newton from within a grid step converges to ~1e-12 rad; 1e-6 rad accepts any refinement to the requested
        # 1e-8 rad and rejects the grid's own error (up to half a step, 9e-3 rad).
        assert_close(_align(result, expected), expected, what + " (modulo 2π)", atol=1e-6, mistakes=mistakes)
        fine_rates = ref.tuning_curves(fine, preferred, r_base, r_amp)
        best = np.max(counts @ np.log(fine_rates).T - duration * fine_rates.sum(axis=-1), axis=-1)
        found = _log_likelihood(result, counts, preferred, duration, r_base, r_amp)
        if np.any(found < best - 1e-9):
            raise AssertionError(f"{what}: in trial {int(np.argmax(best - found))} an angle of a fine grid is more "
                                 "likely than your estimate.\nHint: start Newton's method from the best grid angle.")


# Smallest N with 1/√I(θ) ≤ 5° in 100 ms: 205 (I = 0.1 s × N × 6.417 Hz for N ≫ 1; the per-neuron information does
# not depend on θ for N ≥ 3 up to ρ^N, ρ = 0.64). An integer: ± 0.5 accepts only 205. Rejects T = 1 s (21), the
# variance instead of the standard deviation (18) and 5 taken as radians (1).
neurons_for_precision = Discovery(
    205, 0.5, "neurons_for_precision, the smallest population with a Cramér–Rao bound of at most 5° in 100 ms",
    mistakes={"the window is PRECISION_WINDOW = 0.1 s, not 1 s.": 21,
              "the bound on the standard deviation is 1/√I(θ); 1/I(θ) is the variance.": 18,
              "convert 5° to radians (np.deg2rad) before comparing with 1/√I(θ).": 1})

# Var(error)·I(θ) of the population vector at T = 1 s: the reference's 100 000 trials give 1.4235; 200 seeds of the
# 10 000 trials the question asks for give 1.420 with a spread of 0.021 (all within 1.37–1.48), and the asymptotic
# value of the linearised estimator is 2r₀(r₀ − √(r₀² − r₁²))/r₁² = 1.412. ± 0.1 is almost five spreads, accepts
# these, and rejects the ML decoder's 1, the ratio of standard deviations (1.19) and the inverse ratio (0.70).
pv_efficiency = Discovery(
    1.42, 0.1, "pv_efficiency, the population vector's error variance in units of the Cramér–Rao bound",
    mistakes={"the question asks about the population vector; the maximum-likelihood decoder is the one that "
              "reaches the bound.": 1.0,
              "compare variances: Var(error) × I(θ), not standard deviations.": 1.19,
              "Var(error) / (1/I(θ)) is the variance times I(θ), not its inverse.": 0.70})
