"""FitzHugh–Nagumo model (section 2.3, FitzHugh–Nagumoモデル).

A two-variable reduction of the Hodgkin–Huxley model with a fast, cubic
"voltage" v and a slow linear recovery variable u (dimensionless, time in
arbitrary units):

    dv/dt = c (v − v³/3 − u + I),
    du/dt = v − b u + a,

with a = 0.7, b = 0.8, c = 10 as on the original page. The v-nullcline is the
cubic u = v − v³/3 + I, the u-nullcline the line u = (v + a)/b; they cross in a
single fixed point because b < 1. Its Jacobian has trace c(1 − v²) − b, which
vanishes at v² = 1 − b/c: the Hopf bifurcation, at I ≈ 0.341.

References
----------
FitzHugh, R. (1961). Impulses and physiological states in theoretical models of
nerve membrane. Biophys. J. 1, 445–466.
Nagumo, J., Arimoto, S. & Yoshizawa, S. (1962). An active pulse transmission line
simulating nerve axon. Proc. IRE 50, 2061–2070.
Izhikevich, E. M. (2007). Dynamical Systems in Neuroscience, ch. 4. MIT Press.
"""

import numpy as np

A, B, C = 0.7, 0.8, 10.0  # dimensionless parameters of the original page


def fhn_step(v, u, i_ext, dt):
    """Advance the FitzHugh–Nagumo model by one explicit Euler step.

    Parameters
    ----------
    v, u : float or ndarray
        Fast (voltage-like) and slow (recovery) variables, broadcastable.
    i_ext : float or ndarray
        Input, broadcastable with ``v``.
    dt : float
        Time step.

    Returns
    -------
    v, u : ndarray
        The state after one step, of the broadcast shape of the inputs.
    """
    ### BEGIN SOLUTION
    dv = C * (v - v**3 / 3 - u + i_ext)
    du = v - B * u + A
    return v + dt * dv, u + dt * du
    ### END SOLUTION


def fhn_nullclines(v, i_ext):
    """The two nullclines of the FitzHugh–Nagumo model as functions of v.

    Parameters
    ----------
    v : ndarray of shape (n,)
        Values of the fast variable.
    i_ext : float
        Input.

    Returns
    -------
    u_v : ndarray of shape (n,)
        The v-nullcline (dv/dt = 0): u = v − v³/3 + I.
    u_u : ndarray of shape (n,)
        The u-nullcline (du/dt = 0): u = (v + a)/b.
    """
    ### BEGIN SOLUTION
    v = np.asarray(v, dtype=float)
    return v - v**3 / 3 + i_ext, (v + A) / B
    ### END SOLUTION


def fhn_fixed_point(i_ext):
    """The fixed point of the FitzHugh–Nagumo model for a constant input.

    Substituting the u-nullcline into the v-nullcline gives the cubic
    v³/3 + (1/b − 1) v + a/b − I = 0, which has exactly one real root for b < 1.

    Parameters
    ----------
    i_ext : float
        Input.

    Returns
    -------
    v, u : float
        The fixed point.
    """
    ### BEGIN SOLUTION
    roots = np.roots([1 / 3, 0.0, 1 / B - 1, A / B - i_ext])
    v = float(roots[np.argmin(np.abs(roots.imag))].real)
    return v, (v + A) / B
    ### END SOLUTION


def fhn_jacobian(v, u):
    """The Jacobian of the FitzHugh–Nagumo vector field at a point.

    Parameters
    ----------
    v, u : float
        The point (the Jacobian does not depend on u or on the input).

    Returns
    -------
    ndarray of shape (2, 2)
        [[∂v̇/∂v, ∂v̇/∂u], [∂u̇/∂v, ∂u̇/∂u]].
    """
    ### BEGIN SOLUTION
    return np.array([[C * (1 - v**2), -C], [1.0, -B]])
    ### END SOLUTION
