"""Numerical methods for neuron models (section 1.1, 計算論的神経科学とは何か).

Marr (1982) separates three levels at which a neural computation can be
understood: the computational theory (what is computed and why), the
representation and algorithm (how), and the implementation (in neurons and
synapses). Most models of this course live at the third level and are
understood by simulating them, which needs a numerical toolbox:

- the explicit Euler step x ← x + Δt f(x, t), used by the original site
  throughout ("the book uses Euler's method");
- the classical fourth-order Runge–Kutta step (Press et al. 2007, §17.1);
- a simulation loop over a (possibly non-uniform) time grid that takes either
  step;
- the exact discretisation of a linear system dx/dt = A x + B u whose input is
  held constant over each step (zero-order hold): x ← A_d x + B_d u with
  A_d = e^{AΔt} and B_d = ∫_0^Δt e^{As} ds B. The original page derives
  B_d = A⁻¹(e^{AΔt} − I)B, which needs an invertible A; the exponential of the
  block matrix [[A, B], [0, 0]]Δt, whose top row is [A_d, B_d] (Van Loan 1978),
  works for every A, including a perfect integrator (A = 0). Euler's
  coefficients I + AΔt and ΔtB are the first-order expansions of A_d and B_d.
  Rotter & Diesmann (1999) introduced this "exact integration" to neuron
  simulation (NEST's iaf_psc_exp uses it).

The running example is a subthreshold leaky membrane driven by an exponentially
decaying synaptic current (current-based synapse, section 3.3):

    dv/dt = −v/τ_m + I_s/C_m,    dI_s/dt = (u − I_s)/τ_s,

with v the potential relative to rest (mV), I_s the synaptic current (pA) and
u a drive (pA) held constant over each step.

Original pages: https://compneuro-julia.github.io/introduction/computational-neuroscience.html
and https://compneuro-julia.github.io/introduction/differential-equation.html (the later
version of 「Juliaで学ぶ計算論的神経科学」; the seed's section 1.1 had no page).

References
----------
Marr, D. (1982). Vision. W. H. Freeman, ch. 1.2.
Blohm, G., Kording, K. P. & Schrater, P. R. (2020). A how-to-model guide for
neuroscience. eNeuro 7, ENEURO.0352-19.2019.
Hassabis, D., Kumaran, D., Summerfield, C. & Botvinick, M. (2017).
Neuroscience-inspired artificial intelligence. Neuron 95, 245–258.
Press, W. H., Teukolsky, S. A., Vetterling, W. T. & Flannery, B. P. (2007).
Numerical Recipes, 3rd ed., Cambridge University Press, §17.1.
Van Loan, C. F. (1978). Computing integrals involving the matrix exponential.
IEEE Trans. Autom. Control 23, 395–404.
Rotter, S. & Diesmann, M. (1999). Exact digital simulation of time-invariant
linear systems with applications to neuronal modeling. Biol. Cybern. 81, 381–402.
Brunel, N. (2000). Dynamics of sparsely connected networks of excitatory and
inhibitory spiking neurons. J. Comput. Neurosci. 8, 183–208.
"""

import numpy as np
from scipy.linalg import expm

TAU_M = 20.0  # membrane time constant, ms (Brunel 2000)
TAU_S = 5.0  # decay time constant of the synaptic current, ms (AMPA-like; Dayan & Abbott 2001, ch. 5.8)
C_M = 250.0  # membrane capacitance, pF (NEST's iaf_psc_exp default)
A_SYN = np.array([[-1.0 / TAU_M, 1.0 / C_M], [0.0, -1.0 / TAU_S]])  # x = (v in mV, I_s in pA); 1/ms and mV/(pA·ms)
B_SYN = np.array([[0.0], [1.0 / TAU_S]])  # the drive u (pA) enters I_s; 1/ms


def euler_step(f, x, t, dt):
    """Advance dx/dt = f(x, t) by one explicit Euler step.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    f : callable
        ``f(x, t)``: the time derivative at state ``x`` and time ``t``, of the
        shape of ``x`` (state first, then time).
    x : float or ndarray
        The state at time ``t``, any shape.
    t : float
        Time at the start of the step.
    dt : float
        Time step.

    Returns
    -------
    float or ndarray of the shape of ``x``
        The state at time ``t + dt``: ``x + dt·f(x, t)``.
    """
    ### BEGIN SOLUTION
    return x + dt * f(x, t)
    ### END SOLUTION


def rk4_step(f, x, t, dt):
    """Advance dx/dt = f(x, t) by one step of the classical Runge–Kutta method (RK4).

    With k₁ = f(x, t), k₂ = f(x + Δt k₁/2, t + Δt/2), k₃ = f(x + Δt k₂/2, t + Δt/2)
    and k₄ = f(x + Δt k₃, t + Δt), the new state is x + Δt (k₁ + 2k₂ + 2k₃ + k₄)/6.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    f : callable
        ``f(x, t)``: the time derivative at state ``x`` and time ``t``, of the
        shape of ``x``.
    x : float or ndarray
        The state at time ``t``, any shape.
    t : float
        Time at the start of the step.
    dt : float
        Time step.

    Returns
    -------
    float or ndarray of the shape of ``x``
        The state at time ``t + dt``.
    """
    ### BEGIN SOLUTION
    k1 = f(x, t)
    k2 = f(x + 0.5 * dt * k1, t + 0.5 * dt)
    k3 = f(x + 0.5 * dt * k2, t + 0.5 * dt)
    k4 = f(x + dt * k3, t + dt)
    return x + dt * (k1 + 2 * k2 + 2 * k3 + k4) / 6
    ### END SOLUTION


def simulate(step, f, x0, t):
    """Integrate dx/dt = f(x, t) over the time grid ``t`` with a one-step method.

    Row k of the result is the state at time ``t[k]``: row 0 is ``x0``, and row
    k + 1 is ``step(f, x[k], t[k], t[k + 1] - t[k])``. The grid need not be
    uniform.

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    step : callable
        ``step(f, x, t, dt)``, the state after one step from ``x`` at time
        ``t`` (``euler_step``, ``rk4_step`` or any other one-step method).
    f : callable
        ``f(x, t)``, the time derivative, passed on to ``step``.
    x0 : float or ndarray
        Initial state at time ``t[0]``, any shape.
    t : ndarray of shape (n_steps,)
        Increasing times at which the state is returned.

    Returns
    -------
    ndarray of shape (n_steps,) + np.shape(x0)
        The state at each time of ``t``, time along the first axis.
    """
    ### BEGIN SOLUTION
    t = np.asarray(t, dtype=float)
    x = np.empty((len(t),) + np.shape(x0))
    x[0] = x0
    for k in range(len(t) - 1):
        x[k + 1] = step(f, x[k], t[k], t[k + 1] - t[k])
    return x
    ### END SOLUTION


def zoh_discretize(A, B, dt):
    """Exact (zero-order-hold) discretisation of dx/dt = A x + B u.

    With the input u held constant over each step, x(t + Δt) = A_d x(t) + B_d u(t)
    exactly, where A_d = e^{AΔt} (the matrix exponential) and
    B_d = ∫₀^Δt e^{As} ds B, which is A⁻¹(e^{AΔt} − I)B when A is invertible.
    A may be singular (a perfect integrator has A = 0, and then B_d = Δt B).

    The input arrays must stay unchanged (no in-place updates).

    Parameters
    ----------
    A : ndarray of shape (n, n)
        State matrix, in 1/(unit of time).
    B : ndarray of shape (n, m)
        Input matrix.
    dt : float
        Time step, in the unit of time of ``A``.

    Returns
    -------
    A_d : ndarray of shape (n, n)
        The state transition matrix over one step.
    B_d : ndarray of shape (n, m)
        The input matrix over one step.
    """
    ### BEGIN SOLUTION
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    n, m = B.shape
    # expm([[A, B], [0, 0]]·Δt) = [[A_d, B_d], [0, I]] (Van Loan 1978): no inverse of A is needed.
    block = np.zeros((n + m, n + m))
    block[:n, :n] = A * dt
    block[:n, n:] = B * dt
    exponential = expm(block)
    return exponential[:n, :n], exponential[:n, n:]
    ### END SOLUTION


# Discovery answers: what a student finds with the functions above. Each is computed here with the reference
# functions; tests/test_checks.py holds the checks' expected values to these.
ORDER_T_END = 2.0  # the convergence test runs dx/dt = −x from x(0) = 1 to t = 2
ORDER_DTS = (0.2, 0.1, 0.05, 0.025, 0.0125)  # its time steps
STABILITY_X0 = (10.0, 100.0)  # mV, pA: the initial state of the stability question
STABILITY_STEPS = 200  # Euler steps after which the state must have decayed
STABILITY_GRID = 0.1  # ms, the resolution the question asks for


def global_errors(step, dts=ORDER_DTS, t_end=ORDER_T_END):
    """|x(t_end) − e^{−t_end}| of ``step`` on dx/dt = −x, x(0) = 1, for each time step of ``dts``."""
    errors = []
    for dt in dts:
        t = np.linspace(0.0, t_end, round(t_end / dt) + 1)
        errors.append(abs(simulate(step, lambda x, t: -x, 1.0, t)[-1] - np.exp(-t_end)))
    return np.array(errors)


def rk4_order():
    """The slope of the least-squares line through (ln Δt, ln error) of RK4 on dx/dt = −x,
    x(0) = 1, where the error is |x(2) − e^{−2}| and Δt = 0.2, 0.1, 0.05, 0.025, 0.0125."""
    return float(np.polyfit(np.log(ORDER_DTS), np.log(global_errors(rk4_step)), 1)[0])


def euler_max_dt():
    """The largest Euler time step, to 0.1 ms, at which the free (u = 0) membrane–synapse system,
    started from v = 10 mV and I_s = 100 pA, has decayed after 200 steps: both |v| and |I_s|
    are then smaller than at the start."""
    x0 = np.array(STABILITY_X0)
    dts = np.round(np.arange(1, 301) * STABILITY_GRID, 10)
    decayed = [np.all(np.abs(simulate(euler_step, lambda x, t: A_SYN @ x, x0,
                                      np.arange(STABILITY_STEPS + 1) * dt)[-1]) < np.abs(x0)) for dt in dts]
    return float(dts[np.argmin(decayed) - 1])
