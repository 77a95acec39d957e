"""Checks of section 7.9, BPTT and RTRL for a continuous-time RNN.

The network is deterministic, so a correct implementation reproduces the reference's
trajectory and gradients to round-off. The checks compare with ``solutions`` on seeded
random networks (other sizes than the notebook's, biases and inputs nonzero, two values
of α), name the known slips (among them the original page's two: the error of step t
where step t − 1 belongs, and W_rec without its transpose) by computing what each
gives, and test the facts of the section: BPTT and RTRL give the same gradient, and
both equal central finite differences of the loss.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch07_learning_rules import bptt_rtrl as ref

NAMES = ("g_in", "g_rec", "g_out", "g_b")
# A trajectory of T ≤ 20 steps of n ≤ 5 units is a few hundred multiply-adds of numbers of order 1, so correct
# implementations in any order of the arithmetic agree to ~1e-15; gradients are sums of ~T such terms of order
# 0.01–1. 1e-9 (absolute, plus 1e-9 relative) leaves six orders of magnitude for the order of the arithmetic and is
# far below every slip below, whose effects are of order 1e-3 or more of the gradient.
ATOL, RTOL = 1e-9, 1e-9


def _network(rng, n_rec, n_in, n_out, n_steps, scale=1.0):
    """Random parameters (weights of order 1/√n, recurrence strong enough to matter), input and target."""
    w_in = rng.normal(0, 1, (n_rec, n_in))
    w_rec = scale * 1.5 * rng.normal(0, 1, (n_rec, n_rec)) / np.sqrt(n_rec)
    w_out = rng.normal(0, 1, (n_out, n_rec)) / np.sqrt(n_rec)
    b = rng.normal(0, 0.3, n_rec)
    x = rng.normal(0, 1, (n_steps, n_in))
    y = rng.normal(0, 1, (n_steps, n_out))
    return w_in, w_rec, w_out, b, x, y


def _forward_variant(w_in, w_rec, w_out, b, x, alpha, previous_input=False, no_leak=False, no_alpha=False,
                     current_rate=False, transpose=False):
    """The forward pass with a known slip: x_{t−1} for x_t; h_t = tanh(u_t) (no leak); h_t = (1 − α) h + tanh(u)
    (no α on the drive); ŷ_t read from h_{t−1}, one step late (``current_rate``); h W_rec for W_rec h."""
    n_steps, n_rec = len(x), len(w_rec)
    u, h = np.zeros((n_steps, n_rec)), np.zeros((n_steps, n_rec))
    for t in range(1, n_steps):
        u[t] = (w_rec.T if transpose else w_rec) @ h[t - 1] + w_in @ x[t - 1 if previous_input else t] + b
        if no_leak:
            h[t] = np.tanh(u[t])
        elif no_alpha:
            h[t] = (1 - alpha) * h[t - 1] + np.tanh(u[t])
        else:
            h[t] = (1 - alpha) * h[t - 1] + alpha * np.tanh(u[t])
    y_hat = h @ w_out.T
    if current_rate:
        y_hat = np.vstack([np.zeros((1, len(w_out))), y_hat[:-1]])
    return u, h, y_hat


def _bptt_variant(w_in, w_rec, w_out, b, x, y, alpha, off_by_one=False, no_transpose=False, no_alpha=False,
                  no_leak=False, flip_sign=False, bias_sum=False):
    """BPTT with a known slip: the original page's error[t] for error[t − 1] (``off_by_one``) and W_rec for W_recᵀ
    (``no_transpose``); α missing from δu; the (1 − α) δh term missing; e = y − ŷ; every bias given Σ_k δu_k."""
    u, h, y_hat = ref.ctrnn_forward(w_in, w_rec, w_out, b, x, alpha)
    error = (y - y_hat) if flip_sign else (y_hat - y)
    direct = error @ w_out
    du = np.zeros_like(u)
    dh = direct[-1]
    a = 1.0 if no_alpha else alpha
    for t in range(len(x) - 1, 0, -1):
        du[t] = a * (1 - np.tanh(u[t]) ** 2) * dh
        dh = (direct[t] if off_by_one else direct[t - 1]) + (0 if no_leak else 1 - alpha) * dh \
            + (w_rec if no_transpose else w_rec.T) @ du[t]
    g_b = np.full(len(b), du[1:].sum()) if bias_sum else du[1:].sum(axis=0)
    return du[1:].T @ x[1:], du[1:].T @ h[:-1], error.T @ h, g_b


def _rtrl_variant(w_in, w_rec, w_out, b, x, y, alpha, drop_recurrence=False, current_rate=False,
                  previous_input=False, transpose=False, no_leak=False):
    """RTRL with a known slip: the W_rec term of the Jacobian dropped (the eligibility trace of RFLO, 7.10); h_t for
    h_{t−1} in the immediate term; x_{t−1} for x_t; W_recᵀ in the Jacobian; (1 − α) missing from the Jacobian."""
    n_rec, n_in = w_in.shape
    diag = np.arange(n_rec)
    p, q, r = np.zeros((n_rec, n_rec, n_rec)), np.zeros((n_rec, n_rec, n_in)), np.zeros((n_rec, n_rec))
    h = np.zeros(n_rec)
    g_in, g_rec, g_b = np.zeros((n_rec, n_in)), np.zeros((n_rec, n_rec)), np.zeros(n_rec)
    g_out = np.outer(w_out @ h - y[0], h)
    for t in range(1, len(x)):
        u = w_rec @ h + w_in @ x[t] + b
        d = alpha * (1 - np.tanh(u) ** 2)
        jacobian = (0 if no_leak else 1 - alpha) * np.eye(n_rec) \
            + (0 if drop_recurrence else d[:, None] * (w_rec.T if transpose else w_rec))
        h_new = (1 - alpha) * h + alpha * np.tanh(u)
        p = np.tensordot(jacobian, p, axes=1)
        p[diag, diag, :] += d[:, None] * (h_new if current_rate else h)
        q = np.tensordot(jacobian, q, axes=1)
        q[diag, diag, :] += d[:, None] * x[t - 1 if previous_input else t]
        r = jacobian @ r
        r[diag, diag] += d
        h = h_new
        error = w_out @ h - y[t]
        c = w_out.T @ error
        g_rec += np.tensordot(c, p, axes=1)
        g_in += np.tensordot(c, q, axes=1)
        g_b += c @ r
        g_out += np.outer(error, h)
    return g_in, g_rec, g_out, g_b


def _compare_gradients(result, expected, what, slips, hint):
    """Compare four returned gradients with the reference's; ``slips`` maps a hint to the four gradients a slip
    gives, and a gradient that matches a slip's gets its hint."""
    for k, name in enumerate(NAMES):
        with hint_on_failure(hint):
            got = as_array(result[k], f"{name} returned by {what}", shape=expected[k].shape,
                           nonfinite_hint="the gradient blew up: check the signs and factors of the backward step.")
        scale = np.max(np.abs(expected[k]))
        assert_close(got, expected[k], f"{name} returned by {what}", atol=ATOL * (1 + scale), rtol=RTOL,
                     mistakes={h: wrong[k] for h, wrong in slips.items()}, hint=hint)


def ctrnn_forward(student_forward):
    """Check ``ctrnn_forward(w_in, w_rec, w_out, b, x, alpha)`` against the reference on random networks."""
    rng = np.random.default_rng(791)
    for n_rec, n_in, n_out, n_steps, alpha in ((5, 2, 3, 20, 0.1), (4, 1, 2, 12, 0.3)):
        w_in, w_rec, w_out, b, x, _ = _network(rng, n_rec, n_in, n_out, n_steps)
        what = f"ctrnn_forward(…, x of shape {x.shape}, alpha={alpha}) with {n_rec} units"
        result = call(student_forward, w_in, w_rec, w_out, b, x, alpha=alpha, returns=("u", "h", "y_hat"))
        expected = ref.ctrnn_forward(w_in, w_rec, w_out, b, x, alpha)
        args = (w_in, w_rec, w_out, b, x, alpha)
        slips = {
            "u_t uses the input of the same step, x_t (x[t]), not x[t − 1].": _forward_variant(*args,
                                                                                               previous_input=True),
            "the Euler step is h_t = (1 − α) h_{t−1} + α tanh(u_t); without the leak (h_t = tanh(u_t)) it is the "
            "discrete-time RNN.": _forward_variant(*args, no_leak=True),
            "the drive is multiplied by α too: h_t = (1 − α) h_{t−1} + α tanh(u_t).":
                _forward_variant(*args, no_alpha=True),
            "ŷ_t = W_out h_t uses the rate of the same step (row t of h).": _forward_variant(*args, current_rate=True),
            "w_rec[i, j] is the synapse from unit j onto unit i, so u_t = W_rec @ h_{t−1} (h @ W_rec is the original "
            "page's row-vector convention, with W stored (n_pre, n_post)).": _forward_variant(*args, transpose=True),
            "u_t includes the bias b.": ref.ctrnn_forward(w_in, w_rec, w_out, np.zeros_like(b), x, alpha),
        }
        for k, name in enumerate(("u", "h", "y_hat")):
            with hint_on_failure(f"{name} has one row per time step, T rows in all; row 0 holds t = 0."):
                got = as_array(result[k], f"{name} returned by {what}", shape=expected[k].shape)
            assert_close(got, expected[k], f"{name} returned by {what}", atol=ATOL, rtol=RTOL,
                         mistakes={hint: wrong[k] for hint, wrong in slips.items()},
                         hint="start from h_0 = 0 (u_0 = 0) and for t = 1, …, T − 1 compute "
                              "u_t = W_rec h_{t−1} + W_in x_t + b, then h_t; ŷ_t = W_out h_t for every t.")


def bptt_grad(student_bptt):
    """Check ``bptt_grad`` against the reference on random networks, and against central differences."""
    rng = np.random.default_rng(792)
    for n_rec, n_in, n_out, n_steps, alpha in ((5, 2, 3, 20, 0.1), (4, 1, 2, 12, 0.3)):
        w_in, w_rec, w_out, b, x, y = _network(rng, n_rec, n_in, n_out, n_steps)
        args = (w_in, w_rec, w_out, b, x, y)
        what = f"bptt_grad(…, alpha={alpha}) with {n_rec} units and {n_steps} steps"
        result = call(student_bptt, *args, alpha=alpha, returns=NAMES)
        expected = ref.bptt_grad(*args, alpha)
        slips = {
            "δh_{t−1} receives the output error of step t − 1, W_outᵀ e_{t−1} (the original page adds error[t], one "
            "step late).": _bptt_variant(*args, alpha, off_by_one=True),
            "δh_{t−1} receives W_recᵀ δu_t: the error flows back along the synapses, from post to pre, with the "
            "transpose (the original page's row-vector code drops it).": _bptt_variant(*args, alpha,
                                                                                       no_transpose=True),
            "the original page's two slips together: use W_outᵀ e_{t−1} and W_recᵀ δu_t.":
                _bptt_variant(*args, alpha, off_by_one=True, no_transpose=True),
            "∂h_t/∂u_t = α tanh′(u_t): δu_t carries the factor α.": _bptt_variant(*args, alpha, no_alpha=True),
            "h_{t−1} reaches h_t through the leak too: δh_{t−1} includes (1 − α) δh_t.":
                _bptt_variant(*args, alpha, no_leak=True),
            "the gradient of L = ½ Σ‖ŷ − y‖² uses e = ŷ − y; with y − ŷ every sign flips.":
                _bptt_variant(*args, alpha, flip_sign=True),
            "each bias has its own gradient Σ_t δu_t (a vector), not the sum over all units.":
                _bptt_variant(*args, alpha, bias_sum=True),
        }
        _compare_gradients(result, expected, what, slips,
                           "after the forward pass go backwards from δh_{T−1} = W_outᵀ e_{T−1}; the sums run over "
                           "t = 1, …, T − 1 for W_in, W_rec and b, over all t for W_out.")


def rtrl_grad(student_rtrl):
    """Check ``rtrl_grad`` against the reference (which equals BPTT to round-off) on random networks."""
    rng = np.random.default_rng(793)
    for n_rec, n_in, n_out, n_steps, alpha in ((5, 2, 3, 16, 0.1), (3, 1, 2, 10, 0.3)):
        w_in, w_rec, w_out, b, x, y = _network(rng, n_rec, n_in, n_out, n_steps)
        args = (w_in, w_rec, w_out, b, x, y)
        what = f"rtrl_grad(…, alpha={alpha}) with {n_rec} units and {n_steps} steps"
        result = call(student_rtrl, *args, alpha=alpha, returns=NAMES)
        expected = ref.bptt_grad(*args, alpha)  # BPTT's gradient: the two agree to ~1e-15
        slips = {
            "the Jacobian J_t = (1 − α) I + α D_t W_rec keeps the recurrent term (dropping it gives the RFLO "
            "eligibility trace of section 7.10, an approximation).": _rtrl_variant(*args, alpha, drop_recurrence=True),
            "the immediate term of P_t uses the rate that entered u_t, h_{t−1}, not the new h_t.":
                _rtrl_variant(*args, alpha, current_rate=True),
            "the immediate term of Q_t uses the input that entered u_t, x_t (x[t]), not x[t − 1].":
                _rtrl_variant(*args, alpha, previous_input=True),
            "J_t[k, l] = ∂h_t[k]/∂h_{t−1}[l] = (1 − α) δ_kl + α tanh′(u_t[k]) W_rec[k, l]: W_rec itself, rows scaled "
            "by D_t, not its transpose.": _rtrl_variant(*args, alpha, transpose=True),
            "the sensitivities decay through the leak: J_t includes (1 − α) I.":
                _rtrl_variant(*args, alpha, no_leak=True),
        }
        _compare_gradients(result, expected, what, slips,
                           "RTRL must give the exact gradient, BPTT's: update P, Q and R with the Jacobian of the "
                           "step before adding the immediate terms, and add c·P with c = W_outᵀ e_t at every step.")


# The cosine is a deterministic number of the seeded network; correct computations (per-matrix vectors, any order of
# summation, BPTT or RTRL) agree to ~1e-12. The question asks for two decimals, so ±0.005 accepts every rounding and
# stays apart from the known slips: the cosine of all parameters together (0.293), of W_in (0.048), of b (0.159),
# of W_out (1), and the sign. (Literal values: computing them on import would cost the checks' budget;
# tests/test_checks.py holds them to solutions.original_cosine and original_loss_ratio.)
original_cosine = Discovery(
    0.143684, 0.005, "original_cosine, the cosine between the original page's W_rec gradient and the true one",
    mistakes={
        "both arrays are gradients (original_page_grad returns what the page's step descends along): compare them "
        "as they are, without flipping a sign.": -0.143684,
        "compare the W_rec parts only (index 1 of the four gradients), not all parameters together.": 0.293476,
        "a cosine this close to 1 means that the two gradients make the same slips: compare the W_rec parts (index "
        "1), not W_out's, which the page gets right, and check that your bptt_grad passes its test.": 1.0,
        "compare the W_rec parts (index 1), not W_in's.": 0.048314,
        "compare the W_rec parts (index 1), not the biases'.": 0.159042,
    })

# The ratio of two losses after 100 Adam epochs; perturbing every gradient by 1e-13 relative noise moves it by 1e-9
# relative (tests/references/ch07_learning_rules/test_bptt_rtrl.py), so the run is not chaotic and any correct
# implementation reproduces it to many digits. Two significant figures are asked for: ±0.006 accepts every
# rounding of the answer and rejects the ratio with the correct gradient (0.0049), the ratio of the last recorded
# loss, before the last step (0.604), a percentage and the inverse.
original_loss_ratio = Discovery(
    0.623143, 0.006,
    "original_loss_ratio, the final loss over the initial one when training with the original page's gradient",
    mistakes={
        "train with original_page_grad, not with your bptt_grad.": 0.004925,
        "the final loss is that of the trained parameters, after the last step, not the last entry of the loss "
        "history (recorded before it).": 0.603588,
        "final over initial, not initial over final.": 1 / 0.623143,
    })
