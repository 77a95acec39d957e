"""Grid cells and population decoding (chapter 14, 時空間の符号化, 14.1 格子細胞のデコーディング).

Grid cells of the medial entorhinal cortex fire at the vertices of a triangular lattice that tiles the
environment (Hafting et al. 2005). The original page analysed a recorded cell of the Moser lab; this module
replaces the recording, which cannot be shipped, with a simulation: a rat forages in a 1 m box along a
random path (Raudies & Hasselmo 2012, the original's rat-trajectory page) and a model grid cell fires Poisson
spikes at the rate of the three-cosine model (Solstad, Moser & Einevoll 2006, eqs. 1–2),

    G(x) = r_max · g(Σ_k cos(k_k · (x − c))) / g(3),   g(u) = exp(a (u + 3/2)) − 1,  a = 0.3,

with three wave vectors of length 4π/(√3 λ) at angles ψ − 30°, ψ + 30°, ψ + 90° (λ the grid spacing, ψ its
orientation, c its phase): the sum is 3 on the lattice of spacing λ with an axis at ψ and −3/2 at the centres of
its triangles. From positions and spikes follow the rate map (spikes per bin over the time spent in it;
bins never visited are undefined, not zero), its spatial autocorrelogram (Pearson's correlation of the map with
itself shifted by each lag, over the visited bins the two share; lags with fewer than 20 shared bins are left
out; Hafting et al. 2005, Sargolini et al. 2006) and the gridness score
min(r₆₀, r₁₂₀) − max(r₃₀, r₉₀, r₁₅₀), the correlations of the autocorrelogram with its rotations in an annulus
around the central peak (Sargolini et al. 2006): a hexagonal pattern repeats after 60°, so a grid cell scores
well above 0, while a single place field, whose autocorrelogram is round, scores near 0.

Population coding of an angle θ (a movement or head direction) by N Poisson neurons with cosine tuning
f_i(θ) = r₀ + r₁ cos(θ − θ_i) (Georgopoulos et al. 1982): counts n_i ~ Poisson(T f_i(θ)) in a window T have the
Fisher information I(θ) = T Σ_i f_i′(θ)² / f_i(θ), and every unbiased estimator has variance ≥ 1/I(θ) (Cramér–Rao;
Dayan & Abbott 2001, ch. 3.3). The population vector, the direction of Σ_i n_i (cos θ_i, sin θ_i), points on average
at θ for uniformly spaced θ_i (Georgopoulos et al. 1986); the maximum-likelihood estimate, the θ that maximises
Σ_i [n_i log f_i(θ) − T f_i(θ)], is asymptotically unbiased with variance 1/I(θ) as T grows.

Original: 14.1 格子細胞のデコーディング, https://compneuro-julia.github.io/chap14/14-1_grid_cells.html
(recorded cell 10704-07070407 of Hafting et al. 2005: 600 s of positions every 0.02 s in a 1 m box, 10 cm bins),
and the trajectory page https://compneuro-julia.github.io/motor-learning/rat-trajectory.html. Two of its choices
are corrected here: bins never visited got an occupancy of 1 s (rate 0) instead of being left out, and the
autocorrelogram was the raw product sum of scipy.signal.correlate2d(…, fillvalue=4) (later a circular FFT
correlation divided by its maximum) instead of Pearson's correlation over the shared visited bins.

References
----------
Dayan, P. & Abbott, L. F. (2001). Theoretical Neuroscience, ch. 3. MIT Press.
Georgopoulos, A. P., Kalaska, J. F., Caminiti, R. & Massey, J. T. (1982). On the relations between the
direction of two-dimensional arm movements and cell discharge in primate motor cortex. J. Neurosci. 2, 1527–1537.
Georgopoulos, A. P., Schwartz, A. B. & Kettner, R. E. (1986). Neuronal population coding of movement direction.
Science 233, 1416–1419.
Hafting, T., Fyhn, M., Molden, S., Moser, M.-B. & Moser, E. I. (2005). Microstructure of a spatial map in the
entorhinal cortex. Nature 436, 801–806.
Raudies, F. & Hasselmo, M. E. (2012). Modeling boundary vector cell firing given optic flow as a cue.
PLoS Comput. Biol. 8, e1002553.
Sargolini, F., Fyhn, M., Hafting, T., McNaughton, B. L., Witter, M. P., Moser, M.-B. & Moser, E. I. (2006).
Conjunctive representation of position, direction, and velocity in entorhinal cortex. Science 312, 758–762.
Seung, H. S. & Sompolinsky, H. (1993). Simple models for reading neuronal population codes.
PNAS 90, 10749–10753.
Solstad, T., Moser, E. I. & Einevoll, G. T. (2006). From grid cells to place cells: a mathematical model.
Hippocampus 16, 1026–1031.
"""

import math

import numpy as np

# Simulated rat trajectory (Raudies & Hasselmo 2012; the parameters of the original's trajectory page).
BOX_SIZE = 0.8  # side of the square box of the trajectory page, m (the box is centred on the origin)
PERIMETER = 0.03  # width of the band along the walls in which the rat turns away, m
SPEED_SCALE = 0.13  # scale σ_v of the Rayleigh distribution of forward speed, m/s
TURN_SD = np.deg2rad(330.0)  # standard deviation σ_ω of the rotation velocity, rad/s (330 °/s)
WALL_SLOWDOWN = 0.25  # factor by which the speed drops when heading into a wall inside the band
DT = 0.02  # time step of the trajectory (the tracking interval of the recorded data), s

# The recording that the simulation replaces (Hafting et al. 2005, the data of the original page).
RECORDING_BOX = 1.0  # side of the recording box, m
N_SAMPLES = 30_000  # position samples: 600 s every DT

# The model grid cell (Solstad et al. 2006; spacing and rate in the range of Hafting et al. 2005, chosen here).
SPACING = 0.4  # grid spacing λ, m
ORIENTATION = np.deg2rad(10.0)  # grid orientation ψ (angle of one lattice axis to the x axis), rad
GRID_PHASE = np.array([0.05, -0.1])  # grid phase c (position of one firing peak), m
MAX_RATE = 15.0  # peak rate r_max, Hz
GAIN_SLOPE = 0.3  # slope a of Solstad's gain g(u) = exp(a (u + 3/2)) − 1

# A place cell for comparison (chosen here): a Gaussian field.
PLACE_CENTRE = np.array([0.15, -0.1])  # field centre, m
PLACE_WIDTH = 0.1  # standard deviation of the field, m

# Rate maps, autocorrelograms and the gridness score.
N_BINS = 20  # bins per side of the rate map (5 cm in the 1 m box; the original used 10 of 10 cm)
MIN_OVERLAP = 20  # fewest shared visited bins for a lag of the autocorrelogram (Sargolini et al. 2006)
RING_INNER = 0.2  # inner radius of the gridness annulus, m (half the spacing: leaves out the central peak)
RING_OUTER = 0.5  # outer radius of the gridness annulus, m (1.25 spacings: takes in the six nearest peaks)

# Population code of an angle (chosen here: 32 cosine-tuned cells, 1–21 Hz).
N_NEURONS = 32  # number of neurons
PREFERRED = 2 * np.pi * np.arange(N_NEURONS) / N_NEURONS  # uniformly spaced preferred angles θ_i, rad
R_BASE = 11.0  # baseline rate r₀, Hz
R_AMP = 10.0  # modulation r₁ of the cosine tuning, Hz (r₁ < r₀: every rate stays positive)
THETA_STIMULUS = 1.0  # the angle decoded in the simulations, rad
DURATIONS = np.array([0.05, 0.1, 0.2, 0.5, 1.0, 2.0])  # counting windows T of the decoding figure, s
N_TRIALS = 1000  # trials per window in the decoding figure
N_THETA_GRID = 360  # grid of angles from which ml_decode refines the maximum
PV_WINDOW = 1.0  # window T of the population-vector question, s
PV_TRIALS = 100_000  # trials of the reference answer to the population-vector question
PRECISION_WINDOW = 0.1  # window T of the population-size question, s
PRECISION_DEG = 5.0  # the required bound on the standard deviation of the decoding error, degrees


def rat_trajectory(n_steps, rng, box_size=BOX_SIZE, dt=DT, speed_scale=SPEED_SCALE, turn_sd=TURN_SD,
                   perimeter=PERIMETER, wall_slowdown=WALL_SLOWDOWN):
    """Random foraging path of a rat in a square box (Raudies & Hasselmo 2012).

    At every step the rat runs at a forward speed drawn from a Rayleigh distribution (scale
    ``speed_scale``) along its heading, then turns by an angle drawn from 𝒩(0, (turn_sd·dt)²). When it is
    within ``perimeter`` of the nearest wall and heading towards it, that step's speed is multiplied by
    ``wall_slowdown`` and the turn is increased by the angle that makes the heading parallel to the wall.
    The start is uniform in the square of side ``box_size − perimeter`` and the heading uniform in
    [0, 2π).

    Parameters
    ----------
    n_steps : int
        Number of time steps (samples).
    rng : numpy.random.Generator
        Source of every random number.
    box_size : float, optional
        Side of the square box, m; the box is [−box_size/2, box_size/2]².
    dt : float, optional
        Time step, s.
    speed_scale : float, optional
        Scale σ_v of the Rayleigh-distributed forward speed, m/s (mean σ_v √(π/2)).
    turn_sd : float, optional
        Standard deviation of the rotation velocity, rad/s.
    perimeter : float, optional
        Distance from a wall within which the rat turns away from it, m.
    wall_slowdown : float, optional
        Factor applied to the speed of a step taken towards a wall inside the perimeter band.

    Returns
    -------
    positions : numpy.ndarray, shape (n_steps, 2)
        Position (x, y) at each step, m.
    velocities : numpy.ndarray, shape (n_steps, 2)
        Velocity (v_x, v_y) during each step, m/s, so that
        ``positions[t + 1] == positions[t] + velocities[t] * dt``; its angle is the heading and its norm the
        speed.

    References
    ----------
    Raudies, F. & Hasselmo, M. E. (2012). Modeling boundary vector cell firing given optic flow as a cue.
    PLoS Comput. Biol. 8, e1002553.
    """
    speeds = rng.rayleigh(speed_scale, n_steps)
    turns = rng.normal(0.0, turn_sd * dt, n_steps)
    heading = rng.uniform(0.0, 2.0 * np.pi)
    x, y = (rng.uniform(size=2) - 0.5) * (box_size - perimeter)
    half = box_size / 2.0
    positions = np.empty((n_steps, 2))
    velocities = np.empty((n_steps, 2))
    for t in range(n_steps):
        speed, turn = speeds[t], turns[t]
        # distance to the nearest wall and the heading relative to that wall's outward normal
        # (walls in the order x = +half, y = +half, x = −half, y = −half: normals 0, π/2, π, 3π/2)
        distances = (half - x, half - y, half + x, half + y)
        wall = min(range(4), key=distances.__getitem__)
        angle = (heading - wall * math.pi / 2.0 + math.pi) % (2.0 * math.pi) - math.pi
        if distances[wall] < perimeter and abs(angle) < math.pi / 2.0:
            speed *= wall_slowdown
            turn += math.copysign(math.pi / 2.0 - abs(angle), angle)
        positions[t] = x, y
        vx, vy = speed * math.cos(heading), speed * math.sin(heading)
        velocities[t] = vx, vy
        x, y = x + vx * dt, y + vy * dt
        heading = (heading + turn) % (2.0 * math.pi)
    return positions, velocities


def place_cell_rate(positions, centre=PLACE_CENTRE, width=PLACE_WIDTH, max_rate=MAX_RATE):
    """Firing rate of a place cell with a Gaussian field, r_max exp(−|x − centre|² / (2 width²)).

    Parameters
    ----------
    positions : array_like, shape (..., 2)
        Positions (x, y), m.
    centre : array_like, shape (2,), optional
        Centre of the field, m.
    width : float, optional
        Standard deviation of the field, m.
    max_rate : float, optional
        Rate at the centre, Hz.

    Returns
    -------
    numpy.ndarray, shape (...)
        Rate at each position, Hz.
    """
    squared = np.sum((np.asarray(positions, dtype=float) - centre) ** 2, axis=-1)
    return max_rate * np.exp(-squared / (2 * width**2))


def cross_correlation(a, b):
    """Full 2-D cross-correlation c[τ] = Σ_x a[x] b[x + τ] over every lag τ, by zero-padded FFT.

    Parameters
    ----------
    a, b : array_like, shape (n, m)
        Two images of the same shape.

    Returns
    -------
    numpy.ndarray, shape (2n − 1, 2m − 1)
        ``c[n − 1 + τ_y, m − 1 + τ_x]`` is the sum over the positions x where both a[x] and b[x + τ] exist;
        the centre ``c[n − 1, m − 1]`` is lag 0. It equals ``scipy.signal.correlate2d(b, a)``.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n, m = a.shape
    shape = (2 * n - 1, 2 * m - 1)
    circular = np.fft.irfft2(np.conj(np.fft.rfft2(a, shape)) * np.fft.rfft2(b, shape), shape)
    return np.roll(circular, (n - 1, m - 1), axis=(0, 1))


def rotate_image(image, angle):
    """An image rotated counter-clockwise about its central pixel, by bilinear interpolation.

    Rows are y and columns x (as ``plt.imshow(image, origin="lower")`` shows them); the central pixel is
    ``((n − 1)/2, (m − 1)/2)``, the lag 0 of an autocorrelogram.

    Parameters
    ----------
    image : array_like, shape (n, m)
        The image; nan marks missing values.
    angle : float
        Rotation angle, rad (counter-clockwise).

    Returns
    -------
    numpy.ndarray, shape (n, m)
        ``rotated[p] = image[R(−angle) p]`` interpolated bilinearly between the four surrounding pixels; nan where
        that point lies outside the image or a surrounding pixel is nan.
    """
    image = np.asarray(image, dtype=float)
    n, m = image.shape
    y, x = np.indices(image.shape, dtype=float)
    y, x = y - (n - 1) / 2, x - (m - 1) / 2
    cos, sin = math.cos(angle), math.sin(angle)
    source_x = cos * x + sin * y + (m - 1) / 2
    source_y = -sin * x + cos * y + (n - 1) / 2
    eps = 1e-9  # a point on the image's border (up to round-off) is inside
    inside = (source_x > -eps) & (source_x < m - 1 + eps) & (source_y > -eps) & (source_y < n - 1 + eps)
    col = np.clip(np.floor(source_x), 0, m - 2).astype(int)
    row = np.clip(np.floor(source_y), 0, n - 2).astype(int)
    wx, wy = np.clip(source_x - col, 0, 1), np.clip(source_y - row, 0, 1)
    rotated = ((1 - wy) * ((1 - wx) * image[row, col] + wx * image[row, col + 1])
               + wy * ((1 - wx) * image[row + 1, col] + wx * image[row + 1, col + 1]))
    return np.where(inside, rotated, np.nan)


def tuning_curves(theta, preferred=PREFERRED, r_base=R_BASE, r_amp=R_AMP):
    """Cosine tuning curves f_i(θ) = r₀ + r₁ cos(θ − θ_i) (Georgopoulos et al. 1982).

    Parameters
    ----------
    theta : array_like, shape (...)
        Angles, rad.
    preferred : array_like, shape (N,), optional
        Preferred angles θ_i of the N neurons, rad.
    r_base, r_amp : float, optional
        Baseline r₀ and modulation r₁, Hz.

    Returns
    -------
    numpy.ndarray, shape (..., N)
        Rate of every neuron at every angle, Hz.
    """
    return r_base + r_amp * np.cos(np.asarray(theta, dtype=float)[..., None] - np.asarray(preferred, dtype=float))


def grid_cell_rate(positions, spacing=SPACING, orientation=ORIENTATION, phase=GRID_PHASE, max_rate=MAX_RATE):
    """Firing rate of a grid cell, the three-cosine model of Solstad et al. (2006).

    G(x) = r_max g(u) / g(3) with u = Σ_k cos(k_k · (x − c)) and g(u) = exp(a (u + 3/2)) − 1 (a = GAIN_SLOPE);
    the three wave vectors have length 4π/(√3 λ) and the angles ψ − 30°, ψ + 30°, ψ + 90°.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    positions : array_like, shape (..., 2)
        Positions (x, y), m.
    spacing : float, optional
        Grid spacing λ, the distance between neighbouring firing peaks, m.
    orientation : float, optional
        Grid orientation ψ, the angle of one lattice axis to the x axis, rad.
    phase : array_like, shape (2,), optional
        Grid phase c, the position of one firing peak, m.
    max_rate : float, optional
        Peak rate r_max, Hz.

    Returns
    -------
    numpy.ndarray, shape (...)
        Rate at each position, Hz, between 0 and ``max_rate``.
    """
    ### BEGIN SOLUTION
    angles = orientation + np.deg2rad([-30.0, 30.0, 90.0])
    wave_vectors = 4 * np.pi / (np.sqrt(3) * spacing) * np.column_stack([np.cos(angles), np.sin(angles)])
    u = np.cos((np.asarray(positions, dtype=float) - phase) @ wave_vectors.T).sum(axis=-1)
    return max_rate * np.expm1(GAIN_SLOPE * (u + 1.5)) / np.expm1(GAIN_SLOPE * 4.5)
    ### END SOLUTION


def rate_map(positions, spike_counts, dt, box_size, n_bins):
    """Occupancy-normalised firing-rate map on a square grid of bins; bins never visited are nan.

    The rate of a bin is the number of spikes fired in it over the time spent in it (samples × dt).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    positions : array_like, shape (n_samples, 2)
        Position (x, y) at every sample, m.
    spike_counts : array_like, shape (n_samples,)
        Spikes fired during every sample.
    dt : float
        Time between samples, s.
    box_size : float
        Side of the box [−box_size/2, box_size/2]², m.
    n_bins : int
        Number of bins per side (each of width box_size/n_bins).

    Returns
    -------
    numpy.ndarray, shape (n_bins, n_bins)
        Rate in Hz; row i is the i-th bin of y and column j the j-th bin of x (both increasing, as
        ``plt.imshow(rates, origin="lower")`` shows them); nan in bins without samples.
    """
    ### BEGIN SOLUTION
    positions = np.asarray(positions, dtype=float)
    edges = np.linspace(-box_size / 2, box_size / 2, n_bins + 1)
    occupancy = np.histogram2d(positions[:, 1], positions[:, 0], bins=(edges, edges))[0] * dt
    spikes = np.histogram2d(positions[:, 1], positions[:, 0], bins=(edges, edges), weights=spike_counts)[0]
    visited = occupancy > 0
    return np.where(visited, spikes / np.where(visited, occupancy, 1.0), np.nan)
    ### END SOLUTION


def spatial_autocorrelation(rates, min_overlap=MIN_OVERLAP):
    """Spatial autocorrelogram of a rate map: Pearson's correlation of the map with itself shifted by every lag.

    For a lag τ, the pairs (λ(x), λ(x + τ)) over the n(τ) positions x where both bins were visited give
    r(τ) = [n Σλ(x)λ(x+τ) − Σλ(x) Σλ(x+τ)] / √([n Σλ(x)² − (Σλ(x))²] [n Σλ(x+τ)² − (Σλ(x+τ))²])
    (Hafting et al. 2005); lags with n(τ) < min_overlap, or where one side of the overlap is constant, are nan.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    rates : array_like, shape (n, m)
        Rate map, nan in bins never visited.
    min_overlap : int, optional
        Fewest shared visited bins for which r(τ) is computed.

    Returns
    -------
    numpy.ndarray, shape (2n − 1, 2m − 1)
        r at lag (τ_y, τ_x) in bins at index ``[n − 1 + τ_y, m − 1 + τ_x]`` (lag 0 at the centre); nan where fewer
        than ``min_overlap`` visited bins overlap or one side of the overlap is constant.
    """
    ### BEGIN SOLUTION
    rates = np.asarray(rates, dtype=float)
    visited = np.isfinite(rates).astype(float)
    values = np.where(visited > 0, rates, 0.0)
    n = np.rint(cross_correlation(visited, visited))
    sum_x, sum_y = cross_correlation(values, visited), cross_correlation(visited, values)
    sum_xx, sum_yy = cross_correlation(values**2, visited), cross_correlation(visited, values**2)
    sum_xy = cross_correlation(values, values)
    spread_x, spread_y = n * sum_xx - sum_x**2, n * sum_yy - sum_y**2
    # a side of the overlap that is constant has no correlation; the FFT's round-off leaves ~1e-16 of the scale
    defined = (n >= min_overlap) & (spread_x > 1e-9 * n * sum_xx) & (spread_y > 1e-9 * n * sum_yy)
    r = (n * sum_xy - sum_x * sum_y) / np.sqrt(np.where(defined, spread_x * spread_y, 1.0))
    return np.where(defined, r, np.nan)
    ### END SOLUTION


def gridness_score(autocorrelogram, inner_radius, outer_radius):
    """Gridness score of an autocorrelogram (Sargolini et al. 2006).

    In the annulus of bins whose distance from the central bin lies in [inner_radius, outer_radius], correlate
    (Pearson, over the bins where both are finite) the autocorrelogram with itself rotated by 30°, 60°, 90°,
    120° and 150° (``rotate_image``); the score is min(r₆₀, r₁₂₀) − max(r₃₀, r₉₀, r₁₅₀).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    autocorrelogram : array_like, shape (n, n)
        Autocorrelogram with lag 0 at the central bin (n odd); nan where undefined.
    inner_radius, outer_radius : float
        Radii of the annulus, in bins.

    Returns
    -------
    float
        The gridness score, between −2 and 2.
    """
    ### BEGIN SOLUTION
    autocorrelogram = np.asarray(autocorrelogram, dtype=float)
    y, x = np.indices(autocorrelogram.shape) - (autocorrelogram.shape[0] - 1) / 2
    distance = np.hypot(x, y)
    ring = (distance >= inner_radius) & (distance <= outer_radius)
    r = {}
    for degrees in (30, 60, 90, 120, 150):
        rotated = rotate_image(autocorrelogram, np.deg2rad(degrees))[ring]
        original = autocorrelogram[ring]
        both = np.isfinite(rotated) & np.isfinite(original)
        r[degrees] = np.corrcoef(original[both], rotated[both])[0, 1]
    return float(min(r[60], r[120]) - max(r[30], r[90], r[150]))
    ### END SOLUTION


def fisher_information(theta, preferred, duration, r_base=R_BASE, r_amp=R_AMP):
    """Fisher information of the Poisson counts of cosine-tuned neurons about the angle θ.

    I(θ) = T Σ_i f_i′(θ)² / f_i(θ) with f_i(θ) = r₀ + r₁ cos(θ − θ_i).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    theta : array_like, shape (...)
        Angles, rad.
    preferred : array_like, shape (N,)
        Preferred angles θ_i, rad.
    duration : float
        Counting window T, s.
    r_base, r_amp : float, optional
        Baseline r₀ and modulation r₁ (r₁ < r₀), Hz.

    Returns
    -------
    numpy.ndarray, shape (...)
        I(θ), rad⁻².
    """
    ### BEGIN SOLUTION
    difference = np.asarray(theta, dtype=float)[..., None] - np.asarray(preferred, dtype=float)
    slope = -r_amp * np.sin(difference)
    return duration * np.sum(slope**2 / (r_base + r_amp * np.cos(difference)), axis=-1)
    ### END SOLUTION


def population_vector(counts, preferred):
    """Population-vector estimate of an angle: the direction of Σ_i n_i (cos θ_i, sin θ_i).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    counts : array_like, shape (..., N)
        Spike counts of the N neurons (one row per trial).
    preferred : array_like, shape (N,)
        Preferred angles θ_i, rad.

    Returns
    -------
    numpy.ndarray, shape (...)
        Estimated angle of every trial, rad, in (−π, π] (the checks compare angles modulo 2π).
    """
    ### BEGIN SOLUTION
    counts, preferred = np.asarray(counts, dtype=float), np.asarray(preferred, dtype=float)
    return np.arctan2(counts @ np.sin(preferred), counts @ np.cos(preferred))
    ### END SOLUTION


def ml_decode(counts, preferred, duration, r_base=R_BASE, r_amp=R_AMP, n_grid=N_THETA_GRID):
    """Maximum-likelihood estimate of an angle from Poisson counts of cosine-tuned neurons.

    Maximises the log-likelihood L(θ) = Σ_i [n_i log f_i(θ) − T f_i(θ)] (up to terms free of θ): first on a grid of
    ``n_grid`` angles, then by Newton's method from the best grid angle, to better than 1e-8 rad.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    counts : array_like, shape (..., N)
        Spike counts of the N neurons (one row per trial).
    preferred : array_like, shape (N,)
        Preferred angles θ_i, rad.
    duration : float
        Counting window T, s.
    r_base, r_amp : float, optional
        Baseline r₀ and modulation r₁ (r₁ < r₀), Hz.
    n_grid : int, optional
        Number of grid angles 2πk/n_grid of the first search.

    Returns
    -------
    numpy.ndarray, shape (...)
        Estimated angle of every trial, rad, in [0, 2π) (the checks compare angles modulo 2π).
    """
    ### BEGIN SOLUTION
    counts, preferred = np.asarray(counts, dtype=float), np.asarray(preferred, dtype=float)
    grid = 2 * np.pi * np.arange(n_grid) / n_grid
    rates = tuning_curves(grid, preferred, r_base, r_amp)  # (n_grid, N)
    log_likelihood = counts @ np.log(rates).T - duration * rates.sum(axis=-1)
    theta = grid[np.argmax(log_likelihood, axis=-1)]
    step = 2 * np.pi / n_grid
    for _ in range(5):  # Newton's method; from within half a grid step of the maximum it converges quadratically
        difference = theta[..., None] - preferred
        f = r_base + r_amp * np.cos(difference)
        f1, f2 = -r_amp * np.sin(difference), -r_amp * np.cos(difference)
        gradient = np.sum(counts * f1 / f - duration * f1, axis=-1)
        curvature = np.sum(counts * (f2 * f - f1**2) / f**2 - duration * f2, axis=-1)
        with np.errstate(invalid="ignore", divide="ignore"):
            newton = np.where(curvature < 0, -gradient / curvature, 0.0)
        theta = theta + np.clip(newton, -step, step)
    return np.mod(theta, 2 * np.pi)
    ### END SOLUTION


def poisson_counts(theta, duration, n_trials, rng, preferred=PREFERRED, r_base=R_BASE, r_amp=R_AMP):
    """Spike counts n_i ~ Poisson(T f_i(θ)) of the cosine-tuned population in ``n_trials`` trials at one angle.

    Parameters
    ----------
    theta : float
        The angle, rad.
    duration : float
        Counting window T, s.
    n_trials : int
        Number of trials.
    rng : numpy.random.Generator
        Source of every random number.
    preferred : array_like, shape (N,), optional
        Preferred angles, rad.
    r_base, r_amp : float, optional
        Baseline and modulation of the tuning, Hz.

    Returns
    -------
    numpy.ndarray of int, shape (n_trials, N)
    """
    return rng.poisson(duration * tuning_curves(np.full(n_trials, theta), preferred, r_base, r_amp))


def angle_error(estimate, theta):
    """Decoding error wrapped to (−π, π], rad: the signed angle from ``theta`` to ``estimate``."""
    return np.angle(np.exp(1j * (np.asarray(estimate) - theta)))


def pv_efficiency():
    """The variance of the population vector's error (PV_WINDOW, PV_TRIALS trials at THETA_STIMULUS) times the
    Fisher information I(θ): how many times the Cramér–Rao bound 1/I(θ) the population vector's variance is."""
    counts = poisson_counts(THETA_STIMULUS, PV_WINDOW, PV_TRIALS, np.random.default_rng(1986))
    error = angle_error(population_vector(counts, PREFERRED), THETA_STIMULUS)
    return float(np.var(error) * fisher_information(THETA_STIMULUS, PREFERRED, PV_WINDOW))


def neurons_for_precision():
    """The smallest number N of uniformly spaced cosine-tuned neurons whose Cramér–Rao bound on the standard
    deviation of the decoding error, 1/√I(θ) at θ = THETA_STIMULUS in a window PRECISION_WINDOW, is at most
    PRECISION_DEG degrees."""
    sizes = np.arange(1, 2001)
    bound = np.array([1 / np.sqrt(fisher_information(THETA_STIMULUS, 2 * np.pi * np.arange(n) / n, PRECISION_WINDOW))
                      for n in sizes])
    return int(sizes[np.argmax(bound <= np.deg2rad(PRECISION_DEG))])
