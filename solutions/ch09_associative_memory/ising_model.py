"""The two-dimensional Ising model (section 9.1, Isingモデル).

N spins s_i = ±1 on an L × L square lattice with periodic boundaries interact
with their four nearest neighbours through the Hamiltonian

    E(s) = −J Σ_⟨ij⟩ s_i s_j,

each nearest-neighbour pair ⟨ij⟩ counted once (2N bonds), with J = 1 and
Boltzmann's constant k_B = 1, so that temperatures are in units of J/k_B. At
temperature T a configuration has the Boltzmann probability
p(s) = e^(−E(s)/T)/Z. The magnetisation per spin is M = (1/N) Σ_i s_i.

Metropolis et al. (1953) sample p(s) with a Markov chain: flip one spin with the
probability min(1, e^(−ΔE/T)), where ΔE = 2 s_i h_i and h_i = Σ_(j nbr i) s_j is
the sum of its neighbours. This acceptance satisfies detailed balance,
p(s) P(s → s′) = p(s′) P(s′ → s), so p is the chain's stationary distribution.
Spins of one colour of a checkerboard have no neighbours of their own colour:
all of them can be updated at once (each flip is then an independent
single-spin Metropolis step, and the half-sweep still satisfies detailed
balance), first the sites with i + j even, then those with i + j odd; the two
half-sweeps make one sweep, which leaves p stationary.

Onsager (1944) solved the infinite lattice: the critical temperature is
T_c = 2/ln(1 + √2) ≈ 2.269, and the energy per spin there is −√2. Below it,
the spontaneous magnetisation is M(T) = (1 − sinh⁻⁴(2/T))^(1/8) (Yang 1952);
above it M = 0. Kaufman (1949) gave the partition function of a finite periodic
lattice, which tests/references uses to test the enumeration and the sampler.

The Hopfield network of section 9.2 is an Ising model with couplings J_ij = w_ij
learned by the Hebb rule (and fields h_i = b_i): its energy is the Hamiltonian
−½ Σ_ij w_ij s_i s_j − Σ_i b_i s_i, and its asynchronous update
s_i ← sign(Σ_j w_ij s_j + b_i) is the Metropolis step at T → 0 (Hopfield 1982).
Pairwise maximum-entropy models of binarised brain activity are Ising models
fitted to data (energy-landscape analysis; Watanabe et al. 2014; Ezaki et al. 2017).

Original: the book text of 「Juliaで学ぶ計算論的神経科学」 (repository
compneuro-julia/compneuro-julia-management, markdowns/03_energy-based-model.md:
the Hopfield energy is isomorphic to the Ising Hamiltonian; energy-landscape
analysis); the contents of https://compneuro-julia.github.io/ list
「9.1 Isingモデル」 without a page.

References
----------
Metropolis, N., Rosenbluth, A. W., Rosenbluth, M. N., Teller, A. H. & Teller, E.
(1953). Equation of state calculations by fast computing machines. J. Chem.
Phys. 21, 1087–1092.
Onsager, L. (1944). Crystal statistics. I. A two-dimensional model with an
order-disorder transition. Phys. Rev. 65, 117–149.
Kaufman, B. (1949). Crystal statistics. II. Partition function evaluated by
spinor analysis. Phys. Rev. 76, 1232–1243.
Yang, C. N. (1952). The spontaneous magnetization of a two-dimensional Ising
model. Phys. Rev. 85, 808–816.
Newman, M. E. J. & Barkema, G. T. (1999). Monte Carlo Methods in Statistical
Physics, ch. 3–4. Oxford University Press.
Hopfield, J. J. (1982). Neural networks and physical systems with emergent
collective computational abilities. PNAS 79, 2554–2558.
Watanabe, T., Masuda, N., Megumi, F., Kanai, R. & Rees, G. (2014). Energy
landscape and dynamics of brain activity during human bistable perception.
Nat. Commun. 5, 4765.
Ezaki, T., Watanabe, T., Ohzeki, M. & Masuda, N. (2017). Energy landscape
analysis of neuroimaging data. Phil. Trans. R. Soc. A 375, 20160287.
"""

import numpy as np

T_CRITICAL = 2 / np.log(1 + np.sqrt(2))  # Onsager's critical temperature, J/k_B (≈ 2.269)
EXACT_LENGTH = 4  # side of the lattice whose 2^16 states are enumerated
FIGURE_LENGTH = 32  # side of the lattices of Figures 4 and 5
FIGURE_TEMPERATURES = np.array([1.5, 1.75, 2.0, 2.1, 2.2, 2.25, 2.3, 2.35, 2.5, 2.75, 3.0, 3.5])  # J/k_B
N_REPLICAS = 4  # independent 32 × 32 lattices per temperature
N_SWEEPS = 200  # sweeps of the 32 × 32 lattices (from all spins up)
N_BURN_IN = 50  # sweeps discarded before averaging
SAMPLER_TEMPERATURES = np.arange(1.5, 3.51, 0.25)  # temperatures of the 4 × 4 sampler test (Figure 3), J/k_B
N_CHAINS = 200  # independent 4 × 4 chains per temperature
N_SWEEPS_SMALL = 40  # sweeps of the 4 × 4 chains (from all spins up), the first N_BURN_IN_SMALL discarded
N_BURN_IN_SMALL = 10
PEAK_TEMPERATURES = np.round(np.arange(1.5, 3.5001, 0.01), 2)  # the grid of the discovery question, J/k_B


def spontaneous_magnetization(temperature):
    """Yang's (1952) spontaneous magnetisation per spin of the infinite square lattice (J = k_B = 1).

    M(T) = (1 − sinh⁻⁴(2/T))^(1/8) below T_c = 2/ln(1 + √2), and 0 at and above it.

    Parameters
    ----------
    temperature : float or ndarray
        Temperatures in units of J/k_B, > 0.

    Returns
    -------
    ndarray
        M(T), of the shape of ``temperature``, in [0, 1].
    """
    temperature = np.asarray(temperature, dtype=float)
    inner = 1 - np.sinh(2 / temperature) ** -4.0
    return np.where(temperature < T_CRITICAL, np.maximum(inner, 0.0) ** 0.125, 0.0)


def ising_energy(spins):
    """The energy E = −Σ_⟨ij⟩ s_i s_j of lattices with periodic boundaries (J = 1), every bond counted once.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    spins : ndarray of shape (..., n_rows, n_cols)
        Spins ±1; any leading axes index a batch of lattices.

    Returns
    -------
    ndarray of shape (...)
        The total energy of every lattice, in units of J (a float for a single lattice).
    """
    ### BEGIN SOLUTION
    spins = np.asarray(spins, dtype=float)
    bonds = spins * (np.roll(spins, -1, axis=-1) + np.roll(spins, -1, axis=-2))  # right and lower neighbour
    return -bonds.sum(axis=(-2, -1))
    ### END SOLUTION


def magnetization(spins):
    """The magnetisation per spin M = (1/N) Σ_i s_i of lattices (with its sign).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    spins : ndarray of shape (..., n_rows, n_cols)
        Spins ±1; any leading axes index a batch of lattices.

    Returns
    -------
    ndarray of shape (...)
        The magnetisation of every lattice, in [−1, 1] (a float for a single lattice).
    """
    ### BEGIN SOLUTION
    return np.mean(spins, axis=(-2, -1))
    ### END SOLUTION


def exact_averages(length, temperatures):
    """⟨E⟩/N and ⟨|M|⟩ of a length × length periodic lattice, by enumerating all its 2^N states.

    Every state s has the Boltzmann weight e^(−E(s)/T); the averages are the weighted means over all states,
    divided by Z = Σ_s e^(−E(s)/T). Energies and magnetisations come from ``ising_energy`` and ``magnetization``.
    States of equal energy have equal weights, so the sums can run over the energy levels E_k, each weighted by
    its number of states g(E_k) (the density of states), with the mean |M| of its states.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    length : int
        Side L of the lattice, 2 ≤ L ≤ 4 (N = L² ≤ 16 spins).
    temperatures : ndarray of shape (n_temperatures,)
        Temperatures in units of J/k_B, > 0; finite results down to T = 0.02 (no overflow).

    Returns
    -------
    energy_per_spin : ndarray of shape (n_temperatures,)
        ⟨E⟩/N at every temperature, in units of J.
    abs_magnetization : ndarray of shape (n_temperatures,)
        ⟨|M|⟩ at every temperature.
    """
    ### BEGIN SOLUTION
    n_spins = length * length
    bits = (np.arange(2**n_spins)[:, None] >> np.arange(n_spins)) & 1  # every state as n_spins bits
    states = (2.0 * bits - 1).reshape(-1, length, length)
    levels, level = np.unique(ising_energy(states), return_inverse=True)  # the energies E_k, and each state's k
    degeneracy = np.bincount(level)  # g(E_k), the number of states of each level
    abs_m = np.bincount(level, weights=np.abs(magnetization(states))) / degeneracy  # mean |M| of each level
    temperatures = np.asarray(temperatures, dtype=float)[:, None]
    weights = degeneracy * np.exp(-(levels - levels[0]) / temperatures)  # shifted by the ground state: no overflow
    z = weights.sum(axis=1)
    return weights @ levels / z / n_spins, weights @ abs_m / z
    ### END SOLUTION


def metropolis_sweep(spins, temperature, rng):
    """One checkerboard Metropolis sweep of a batch of periodic lattices (J = k_B = 1).

    First every site with i + j even, then every site with i + j odd, proposes to flip; with
    ΔE = 2 s_i Σ_(j nbr i) s_j (its four neighbours, periodic) a flip is accepted with the probability
    min(1, e^(−ΔE/T)). The sites of one colour are updated at once; the second half-sweep sees the spins
    the first one left.

    The input arrays must stay unchanged (no in-place updates).
    Every random number is drawn from ``rng``, none from ``np.random``.

    Parameters
    ----------
    spins : ndarray of shape (n_lattices, L, L)
        Spins ±1 of every lattice, L even.
    temperature : float or ndarray of shape (n_lattices,)
        Temperature of all lattices, or of each, in units of J/k_B, > 0 (no warnings for any T > 0).
    rng : numpy.random.Generator
        The source of randomness.

    Returns
    -------
    ndarray of shape (n_lattices, L, L)
        The spins after the sweep, ±1.
    """
    ### BEGIN SOLUTION
    spins = np.array(spins, dtype=float)  # a copy
    temperature = np.asarray(temperature, dtype=float)[..., None, None]  # one per lattice, broadcast over sites
    rows, cols = np.indices(spins.shape[-2:])
    for parity in (0, 1):
        neighbours = sum(np.roll(spins, shift, axis) for shift in (1, -1) for axis in (-2, -1))
        delta_e = 2 * spins * neighbours
        accept = rng.random(spins.shape) < np.exp(-np.maximum(delta_e, 0.0) / temperature)  # min(1, e^(−ΔE/T))
        spins = np.where(accept & ((rows + cols) % 2 == parity), -spins, spins)
    return spins
    ### END SOLUTION


def simulate(spins, temperature, n_sweeps, n_burn_in, rng):
    """Run ``n_sweeps`` sweeps of ``metropolis_sweep`` and record |M| and E/N after every sweep past the burn-in.

    Parameters
    ----------
    spins : ndarray of shape (n_lattices, L, L)
        The initial spins.
    temperature : float or ndarray of shape (n_lattices,)
        Temperatures, J/k_B.
    n_sweeps, n_burn_in : int
        Sweeps in all, and the first ones not recorded.
    rng : numpy.random.Generator
        The source of randomness.

    Returns
    -------
    spins : ndarray of shape (n_lattices, L, L)
        The spins after the last sweep.
    abs_magnetization, energy_per_spin : ndarray of shape (n_sweeps − n_burn_in, n_lattices)
        |M| and E/N of every lattice after each recorded sweep.
    """
    abs_m, energy = [], []
    for sweep in range(n_sweeps):
        spins = metropolis_sweep(spins, temperature, rng)
        if sweep >= n_burn_in:
            abs_m.append(np.abs(magnetization(spins)))
            energy.append(ising_energy(spins) / spins[0].size)
    return spins, np.array(abs_m), np.array(energy)


# Discovery answer: what a student finds with the functions above, computed here with the reference
# functions; tests/test_checks.py holds the check's expected value to it.
def specific_heat_peak():
    """The temperature of PEAK_TEMPERATURES (1.5 to 3.5 in steps of 0.01) at which the specific heat per spin
    C = d⟨E/N⟩/dT of the periodic 4 × 4 lattice, from the exact ⟨E⟩/N of ``exact_averages``, is largest."""
    energy, _ = exact_averages(EXACT_LENGTH, PEAK_TEMPERATURES)
    return float(PEAK_TEMPERATURES[np.argmax(np.gradient(energy, PEAK_TEMPERATURES))])
