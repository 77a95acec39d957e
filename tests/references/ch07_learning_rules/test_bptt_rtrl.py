"""Independent validation of the BPTT/RTRL reference: central finite differences of a forward pass written
here in the original page's row-vector convention (and ``scipy.optimize.check_grad``), BPTT = RTRL to round-off,
RTRL's sensitivities against finite differences of the state, their reduction to the leaky eligibility trace of
RFLO when W_rec = 0, the original page's backward pass transcribed line by line from its Julia code (its two
slips and its bias and t = 0 terms; fixing all of them gives the exact gradient), and training."""

import numpy as np
import pytest
from scipy.optimize import check_grad

from solutions.ch07_learning_rules import bptt_rtrl as ref


def _net(seed, n_rec=6, n_in=2, n_out=2, n_steps=15):
    rng = np.random.default_rng(seed)
    w_in = rng.normal(0, 1, (n_rec, n_in))
    w_rec = 1.5 * rng.normal(0, 1, (n_rec, n_rec)) / np.sqrt(n_rec)
    w_out = rng.normal(0, 1, (n_out, n_rec)) / np.sqrt(n_rec)
    b = rng.normal(0, 0.3, n_rec)
    return [w_in, w_rec, w_out, b], rng.normal(0, 1, (n_steps, n_in)), rng.normal(0, 1, (n_steps, n_out))


def _row_loss(params, x, y, alpha=ref.ALPHA):
    """The loss, with the forward pass written as on the original page: row vectors, weights (n_pre, n_post)."""
    w_in, w_rec, w_out, b = (p.T if p.ndim == 2 else p for p in params)
    h = np.zeros((1, w_rec.shape[0]))
    total = 0.5 * np.sum(y[0] ** 2)  # ŷ_0 = 0
    for t in range(1, len(x)):
        h = h + alpha * (-h + np.tanh(h @ w_rec + x[t:t + 1] @ w_in + b))
        total += 0.5 * np.sum((h @ w_out - y[t:t + 1]) ** 2)
    return total


def _flat(arrays):
    return np.concatenate([np.ravel(a) for a in arrays])


def _unflat(vector, like):
    out, start = [], 0
    for p in like:
        out.append(vector[start:start + p.size].reshape(p.shape))
        start += p.size
    return out


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("alpha", [0.1, 0.5, 1.0])
def test_bptt_equals_central_differences(seed, alpha):
    params, x, y = _net(seed)
    assert np.isclose(_row_loss(params, x, y, alpha), ref.loss(*params, x, y, alpha), rtol=1e-13)
    eps, theta = 1e-6, _flat(params)
    numeric = np.array([(_row_loss(_unflat(theta + eps * e, params), x, y, alpha)
                         - _row_loss(_unflat(theta - eps * e, params), x, y, alpha)) / (2 * eps)
                        for e in np.eye(theta.size)])
    exact = _flat(ref.bptt_grad(*params, x, y, alpha))
    # truncation O(ε² L''') ~ 1e-12 and round-off ~1e-16 L/ε ~ 1e-10 against gradients of order 0.1–1
    assert np.linalg.norm(numeric - exact) / np.linalg.norm(exact) < 1e-7


def test_scipy_check_grad_on_the_task_network():
    params = list(ref.init_params(np.random.default_rng(3), 5, 1, 2))
    params[3] = np.random.default_rng(4).normal(0, 0.2, 5)
    x, y = ref.task(40)
    theta = _flat(params)
    error = check_grad(lambda v: _row_loss(_unflat(v, params), x, y),
                       lambda v: _flat(ref.bptt_grad(*_unflat(v, params), x, y)), theta, epsilon=1e-7)
    # forward differences: truncation O(ε ‖∇²L‖) ~ 1e-7 per component
    assert error / np.linalg.norm(ref.bptt_grad(*params, x, y)[1]) < 1e-5


@pytest.mark.parametrize("seed", range(10))
def test_rtrl_equals_bptt(seed):
    params, x, y = _net(seed, n_rec=5, n_in=3, n_out=2, n_steps=25)
    bptt, rtrl = _flat(ref.bptt_grad(*params, x, y)), _flat(ref.rtrl_grad(*params, x, y))
    assert np.max(np.abs(bptt - rtrl)) < 1e-12 * np.max(np.abs(bptt))


def test_rtrl_equals_bptt_on_the_original_task():
    params = ref.init_params(np.random.default_rng(ref.INIT_SEED))
    x, y = ref.task()
    bptt, rtrl = _flat(ref.bptt_grad(*params, x, y)), _flat(ref.rtrl_grad(*params, x, y))
    assert np.max(np.abs(bptt - rtrl)) < 1e-12 * np.max(np.abs(bptt))


def test_sensitivities_are_derivatives_of_the_state():
    params, x, _ = _net(11, n_rec=4, n_in=2, n_steps=12)
    w_in, w_rec, w_out, b = params
    p_rec, p_in, p_b = ref.rtrl_sensitivities(w_in, w_rec, b, x)
    eps = 1e-6

    def rates(w_in_, w_rec_, b_):
        return ref.ctrnn_forward(w_in_, w_rec_, w_out, b_, x)[1]

    for i, j in [(0, 1), (2, 2), (3, 0)]:
        shift = np.zeros_like(w_rec)
        shift[i, j] = eps
        numeric = (rates(w_in, w_rec + shift, b) - rates(w_in, w_rec - shift, b)) / (2 * eps)
        assert np.allclose(p_rec[:, :, i, j], numeric, atol=1e-9)
    shift = np.zeros_like(w_in)
    shift[1, 1] = eps
    assert np.allclose(p_in[:, :, 1, 1], (rates(w_in + shift, w_rec, b) - rates(w_in - shift, w_rec, b)) / (2 * eps),
                       atol=1e-9)
    shift = np.zeros_like(b)
    shift[2] = eps
    assert np.allclose(p_b[:, :, 2], (rates(w_in, w_rec, b + shift) - rates(w_in, w_rec, b - shift)) / (2 * eps),
                       atol=1e-9)


def test_without_recurrence_the_sensitivity_is_rflos_leaky_trace():
    # Murray (2019): the RFLO trace p_t[k, j] = (1 − α) p_{t−1}[k, j] + α f′(u_t[k]) h_{t−1}[j] drops the W_rec term
    # of RTRL's Jacobian, so it equals RTRL's sensitivity (its diagonal k = i) when W_rec = 0.
    params, x, _ = _net(12, n_rec=4, n_in=2, n_steps=20)
    w_in, _, w_out, b = params
    w_rec = np.zeros((4, 4))
    p_rec, p_in, _ = ref.rtrl_sensitivities(w_in, w_rec, b, x)
    u, h, _ = ref.ctrnn_forward(w_in, w_rec, w_out, b, x)
    trace, trace_in = np.zeros((4, 4)), np.zeros((4, 2))
    for t in range(1, len(x)):
        slope = ref.ALPHA * (1 - np.tanh(u[t]) ** 2)
        trace = (1 - ref.ALPHA) * trace + np.outer(slope, h[t - 1])
        trace_in = (1 - ref.ALPHA) * trace_in + np.outer(slope, x[t])
        assert np.allclose(p_rec[t, np.arange(4), np.arange(4)], trace, atol=1e-15)
        assert np.allclose(p_in[t, np.arange(4), np.arange(4)], trace_in, atol=1e-15)
        off_diagonal = p_rec[t].copy()
        off_diagonal[np.arange(4), np.arange(4)] = 0
        assert np.all(off_diagonal == 0)


def _page_update(params, x, y, alpha=ref.ALPHA, fix_error=False, fix_transpose=False, fix_bias=False,
                 fix_start=False):
    """The page's ``update!`` (chap7/7-9_bptt.ipynb), line by line in its row convention (Julia's t = 1 is t = 0
    here), returning the weight changes dw scaled as its step applies them (α for all but W_out), with each of its
    slips optionally fixed."""
    w_in, w_rec, w_out = (p.T for p in params[:3])  # (n_pre, n_post), as on the page
    bias = params[3][None, :]
    t_max, n_rec = len(x), w_rec.shape[0]
    u, h = np.zeros((t_max, n_rec)), np.zeros((t_max, n_rec))
    y_hat, error = np.zeros((t_max, w_out.shape[1])), np.zeros((t_max, w_out.shape[1]))
    for t in range(t_max - 1):
        u[t + 1] = h[t] @ w_rec + x[t + 1] @ w_in + bias[0]
        h[t + 1] = h[t] + alpha * (-h[t] + np.tanh(u[t + 1]))
        y_hat[t + 1] = h[t + 1] @ w_out
        error[t + 1] = y[t + 1] - y_hat[t + 1]
    z = np.zeros_like(h)
    z[-1] = error[-1] @ w_out.T
    dw_in, dw_rec, dw_out, dbias = (np.zeros_like(w_in), np.zeros_like(w_rec), np.zeros_like(w_out),
                                    np.zeros_like(bias))
    for t in range(t_max - 1, -1, -1):
        zu = z[t] * (1 - np.tanh(u[t]) ** 2)
        if t >= 1:
            z[t - 1] = z[t] * (1 - alpha) + error[t - 1 if fix_error else t] @ w_out.T \
                + zu @ (w_rec.T if fix_transpose else w_rec) * alpha
            dw_rec += np.outer(h[t - 1], zu)
        dw_out += np.outer(h[t], error[t])
        if t >= 1 or not fix_start:
            dw_in += np.outer(x[t], zu)
            dbias += zu if fix_bias else zu.sum()
    return alpha * dw_in.T, alpha * dw_rec.T, dw_out.T, alpha * dbias[0]


def test_the_page_transcription_matches_the_reference():
    params = ref.init_params(np.random.default_rng(ref.INIT_SEED))
    x, y = ref.task()
    page = _page_update(params, x, y)
    for a, b in zip(page, ref.original_page_grad(*params, x, y)):
        assert np.allclose(-a, b, rtol=1e-12, atol=1e-14)


def test_fixing_the_pages_slips_gives_the_gradient():
    params = ref.init_params(np.random.default_rng(ref.INIT_SEED))
    x, y = ref.task()
    exact = ref.bptt_grad(*params, x, y)
    fixed = _page_update(params, x, y, fix_error=True, fix_transpose=True, fix_bias=True, fix_start=True)
    for a, b in zip(fixed, exact):
        assert np.allclose(-a, b, rtol=1e-10, atol=1e-13)
    # the recurrent gradient (which the bias and t = 0 terms do not touch): the missing transpose turns it far
    # away, the late error by a little, and only both fixes together make it exact
    assert ref.cosine(-_page_update(params, x, y)[1], exact[1]) < 0.5
    assert ref.cosine(-_page_update(params, x, y, fix_error=True)[1], exact[1]) < 0.5
    assert 0.95 < ref.cosine(-_page_update(params, x, y, fix_transpose=True)[1], exact[1]) < 1 - 1e-4


def test_training_reduces_the_loss():
    x, y = ref.task()
    params, losses = ref.adam_train(ref.init_params(np.random.default_rng(ref.INIT_SEED)), x, y, ref.N_EPOCHS)
    assert ref.loss(*params, x, y) < 1e-2 * losses[0]
    assert np.isclose(ref.loss_ratio(), ref.loss(*params, x, y) / losses[0])
    # and the original page's plain gradient descent (rate η/T) lowers it at every step at first
    params = [np.array(p) for p in ref.init_params(np.random.default_rng(ref.INIT_SEED))]
    previous = ref.loss(*params, x, y)
    for _ in range(50):
        grads = ref.bptt_grad(*params, x, y)
        params = [p - ref.ETA_ORIGINAL / ref.N_STEPS * g for p, g in zip(params, grads)]
        current = ref.loss(*params, x, y)
        assert current < previous
        previous = current


def test_a_small_step_lowers_the_loss_by_the_squared_gradient():
    params, x, y = _net(21)
    grads = ref.bptt_grad(*params, x, y)
    step = 1e-6
    lowered = ref.loss(*params, x, y) - ref.loss(*[p - step * g for p, g in zip(params, grads)], x, y)
    assert np.isclose(lowered, step * np.sum(_flat(grads) ** 2), rtol=1e-4)


@pytest.mark.parametrize("seed", [0, 1])
def test_the_discovery_runs_are_not_chaotic(seed):
    # the checks' tolerances assume that round-off does not grow over the 100 Adam epochs
    rng = np.random.default_rng(seed)
    x, y = ref.task()

    def noisy(*args):
        return [g * (1 + 1e-13 * rng.standard_normal(g.shape)) for g in ref.original_page_grad(*args)]

    params, losses = ref.adam_train(ref.init_params(np.random.default_rng(ref.INIT_SEED)), x, y, ref.N_EPOCHS,
                                    grad=noisy)
    assert abs(ref.loss(*params, x, y) / losses[0] - ref.original_loss_ratio()) < 1e-6
