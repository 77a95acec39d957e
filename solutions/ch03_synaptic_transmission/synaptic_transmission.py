"""Synaptic transmission: quantal release (section 3.1, シナプス伝達).

A presynaptic terminal has n release sites; on a spike each releases one
vesicle independently with probability p, and each vesicle evokes the same
postsynaptic response, the quantal size q. The response is q times a binomial
number of vesicles:

    mean = n p q,   variance = n p (1 − p) q²,   P(failure) = (1 − p)^n.

Conversely, the mean and variance of recorded responses give the release
parameters (quantal analysis, the method of moments): p = 1 − variance/(mean q),
n = mean / (p q). When p is small and n large the count is Poisson with mean
m = n p, and the fraction of failures alone gives m = −ln P(failure)
(del Castillo & Katz 1954).

References
----------
del Castillo, J. & Katz, B. (1954). Quantal components of the end-plate
potential. J. Physiol. 124, 560–573.
Dayan, P. & Abbott, L. F. (2001). Theoretical Neuroscience, ch. 5.8. MIT Press.
"""

import numpy as np

N_SITES = 10  # release sites
P_RELEASE = 0.3  # release probability per site and spike
QUANTAL_SIZE = 0.5  # postsynaptic response to one vesicle, mV


def quantal_release(n, p, q, n_trials, rng):
    """Postsynaptic responses to ``n_trials`` presynaptic spikes.

    Every random number is drawn from ``rng``, none from ``np.random``.

    Parameters
    ----------
    n : int
        Number of release sites.
    p : float
        Release probability per site, in [0, 1].
    q : float
        Quantal size (e.g. mV).
    n_trials : int
        Number of spikes.
    rng : numpy.random.Generator
        Source of randomness.

    Returns
    -------
    ndarray, shape (n_trials,)
        Responses q·k with k ~ Binomial(n, p), independently per trial.
    """
    ### BEGIN SOLUTION
    return q * rng.binomial(n, p, size=n_trials)
    ### END SOLUTION


def binomial_parameters(mean, variance, q):
    """Release parameters from the mean and variance of the responses.

    Parameters
    ----------
    mean, variance : float
        Mean and variance of the postsynaptic responses.
    q : float
        Quantal size, in the unit of the responses.

    Returns
    -------
    n, p : float
        n = mean / (p q) sites (not rounded) and p = 1 − variance / (mean q).
    """
    ### BEGIN SOLUTION
    p = 1.0 - variance / (mean * q)
    return mean / (p * q), p
    ### END SOLUTION


def quantal_content_from_failures(failure_fraction):
    """Mean number of released vesicles from the fraction of failures (Poisson limit).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    failure_fraction : float or ndarray
        Fraction of spikes that released nothing, in (0, 1].

    Returns
    -------
    ndarray
        m = −ln(failure_fraction).
    """
    ### BEGIN SOLUTION
    return -np.log(failure_fraction)
    ### END SOLUTION


# A recording from another synapse, for the discovery questions (simulated for this notebook with a fixed seed,
# its n and p kept back): how many of its responses to single spikes held 0, 1, 2, … quanta, and its quantal
# size, measured separately from spontaneous single-vesicle events.
RECORDED_QUANTAL_SIZE = 0.3  # mV
RECORDED_COUNTS = (38, 123, 168, 118, 46, 7)  # responses with 0, 1, 2, … quanta
RECORDED_RESPONSES = RECORDED_QUANTAL_SIZE * np.repeat(np.arange(len(RECORDED_COUNTS)), RECORDED_COUNTS)  # mV


# Discovery answers: what a student finds with the functions above. tests/test_checks.py holds the checks'
# expected values to these.
def _recorded_moments():
    """n and p of the recorded synapse by the method of moments (population variance)."""
    return binomial_parameters(RECORDED_RESPONSES.mean(), RECORDED_RESPONSES.var(), RECORDED_QUANTAL_SIZE)


def p_hat():
    """The release probability of the recorded synapse, estimated from the mean and variance of
    ``RECORDED_RESPONSES`` with quantal size ``RECORDED_QUANTAL_SIZE``."""
    return float(_recorded_moments()[1])


def n_hat():
    """The number of release sites of the recorded synapse, by the same method of moments, not rounded."""
    return float(_recorded_moments()[0])


def m_failures():
    """The quantal content of the recorded synapse by the method of failures, −ln of its fraction of failures."""
    return float(quantal_content_from_failures(np.mean(RECORDED_RESPONSES == 0)))
