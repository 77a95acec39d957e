"""Firing-rate models (section 2.11, 発火率モデル).

A population's (or a neuron's) firing rate r relaxes with time constant τ
towards a static function of its input, the transfer function (f-I curve) f:

    τ dr/dt = −r + f(I).

For a constant input the steady state is r = f(I), approached as
f(I) + (r0 − f(I)) e^(−t/τ). Common transfer functions are the rectified linear
function and the sigmoid; the f-I curve of the LIF neuron (section 2.4) is
another.

References
----------
Wilson, H. R. & Cowan, J. D. (1972). Excitatory and inhibitory interactions in
localized populations of model neurons. Biophys. J. 12, 1–24.
Dayan, P. & Abbott, L. F. (2001). Theoretical Neuroscience, ch. 7.2. MIT Press.
"""

import numpy as np

TAU_R = 10.0  # rate time constant, ms


def relu(x, threshold=0.0, gain=1.0):
    """Rectified linear transfer function ``gain · max(x − threshold, 0)``.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : float or ndarray
        Input.
    threshold : float, default 0
        Input below which the output is 0.
    gain : float, default 1
        Slope above threshold.

    Returns
    -------
    ndarray
        Output of the shape of ``x``.
    """
    ### BEGIN SOLUTION
    return gain * np.maximum(np.asarray(x, dtype=float) - threshold, 0.0)
    ### END SOLUTION


def sigmoid(x, r_max=1.0, gain=1.0, threshold=0.0):
    """Logistic transfer function ``r_max / (1 + exp(−gain · (x − threshold)))``.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    x : float or ndarray
        Input.
    r_max : float, default 1
        Maximal output.
    gain : float, default 1
        Steepness; the slope at threshold is ``gain · r_max / 4``.
    threshold : float, default 0
        Input at which the output is ``r_max / 2``.

    Returns
    -------
    ndarray
        Output of the shape of ``x``, in (0, r_max), finite for any finite input.
    """
    ### BEGIN SOLUTION
    z = gain * (np.asarray(x, dtype=float) - threshold)
    # 1 / (1 + e^(−z)) = (1 + tanh(z/2)) / 2 never overflows.
    return r_max * 0.5 * (1.0 + np.tanh(0.5 * z))
    ### END SOLUTION


def rate_step(r, i_ext, dt, transfer, tau=TAU_R):
    """Advance τ dr/dt = −r + f(I) by one explicit Euler step.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    r : float or ndarray
        Rates (any unit, e.g. Hz).
    i_ext : float or ndarray
        Input, broadcastable with ``r``.
    dt : float
        Time step in ms.
    transfer : callable
        The transfer function f, applied elementwise to ``i_ext``.
    tau : float, default ``TAU_R``
        Time constant in ms.

    Returns
    -------
    ndarray
        The rates after one step.
    """
    ### BEGIN SOLUTION
    return r + dt / tau * (-r + transfer(i_ext))
    ### END SOLUTION


# Discovery answer: what a student finds with the functions above, computed here with the reference functions;
# tests/test_checks.py holds the check's expected value to it.
PULSE_START, PULSE_END, PULSE_INPUT = 20.0, 70.0, 1.5  # ms, ms, input of the remembered pulse
MEMORY_DT, MEMORY_DURATION = 0.1, 1000.0  # ms


def _rate_after_pulse(weights, dt=MEMORY_DT, duration=MEMORY_DURATION):
    """r at the end of runs of τ dr/dt = −r + f(w r + I(t)), one per weight, from r = 0, with f the
    sigmoid of gain 4 and threshold 1 and I = 1.5 between 20 and 70 ms."""
    weights = np.asarray(weights, dtype=float)
    r = np.zeros(weights.shape)
    for k in range(round(duration / dt)):
        pulse = PULSE_INPUT if PULSE_START <= k * dt < PULSE_END else 0.0
        r = rate_step(r, weights * r + pulse, dt, lambda x: sigmoid(x, gain=4.0, threshold=1.0))
    return r


def persistence_weight():
    """The smallest self-excitation w, to 0.01, for which the unit τ dr/dt = −r + f(w r + I(t)) (f the
    sigmoid of gain 4 and threshold 1, τ = 10 ms, r = 0 at t = 0) still fires at r > 0.5 at t = 1000 ms
    after an input pulse I = 1.5 between 20 and 70 ms: Euler steps of 0.1 ms, weights 0, 0.01, …, 3."""
    weights = np.round(np.arange(0.0, 3.0, 0.01), 2)
    return float(weights[np.argmax(_rate_after_pulse(weights) > 0.5)])
