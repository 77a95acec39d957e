"""Independent validation of the eligibility-trace reference (RFLO, e-prop).

- The exact gradient of the rate network (BPTT, ``ctrnn_exact_grad``) against central finite differences and
  scipy's ``check_grad``, and against RTRL's full sensitivity tensor written here (Williams & Zipser 1989).
- RFLO's trace against RTRL's sensitivity: equal when W_rec = 0, for any feedback matrix (Murray 2019), on 40
  random networks; and RFLO against a port of Murray's own code (elife-43299-code1-v3) with the input index fixed.
- The LIF network's BPTT (``lif_bptt_grad``) against forward-mode differentiation of the same surrogate graph
  written here; e-prop equals it when W_rec = 0 and B = W_outᵀ (Bellec et al. 2020), on 40 random networks.
- The pseudo-derivative's area γ (scipy.integrate.quad); the discovery answers by other routes; random feedback
  aligns the readout on other seeds.
"""

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.optimize import check_grad

from checks.ch07_learning_rules import eligibility_traces as checks
from solutions.ch07_learning_rules import eligibility_traces as et

SEEDS = range(200, 240)  # 40 seeds other than the checks' own


def _rate_case(seed, gain=1.2, n_in=2, n_rec=5, n_out=2, n_steps=25):
    rng = np.random.default_rng(seed)
    return checks._rate_case(rng, n_in, n_rec, n_out, n_steps, gain)


def _central(loss, w, step=1e-6):
    grad = np.zeros(w.shape)
    for index in np.ndindex(w.shape):
        plus, minus = w.copy(), w.copy()
        plus[index] += step
        minus[index] -= step
        grad[index] = (loss(plus) - loss(minus)) / (2 * step)
    return grad


def _rtrl(w_in, w_rec, w_out, x, target, h0=et.H0, alpha=et.ALPHA, signal_matrix=None):
    """RTRL with the full sensitivity tensors P[k, i, j] = ∂h_k/∂W_rec,ij and Q[k, i, j] = ∂h_k/∂W_in,ij.

    The error reaches h_t through ``signal_matrix`` (W_outᵀ by default): returns Σ_t Σ_k (S e_t)_k P_t[k] / T.
    """
    n_rec, n_in = w_in.shape
    signal_matrix = w_out.T if signal_matrix is None else signal_matrix
    p, q = np.zeros((n_rec, n_rec, n_rec)), np.zeros((n_rec, n_rec, n_in))
    h = np.full(n_rec, h0, dtype=float)
    grad_rec, grad_in = np.zeros((n_rec, n_rec)), np.zeros((n_rec, n_in))
    eye = np.eye(n_rec)
    for t in range(len(x)):
        u = w_rec @ h + w_in @ x[t]
        slope = 1 - np.tanh(u) ** 2
        p = (1 - alpha) * p + alpha * slope[:, None, None] * (eye[:, :, None] * h[None, None, :]
                                                              + np.einsum("kl,lij->kij", w_rec, p))
        q = (1 - alpha) * q + alpha * slope[:, None, None] * (eye[:, :, None] * x[t][None, None, :]
                                                              + np.einsum("kl,lij->kij", w_rec, q))
        h = (1 - alpha) * h + alpha * np.tanh(u)
        signal = signal_matrix @ (w_out @ h - target[t])
        grad_rec += np.einsum("k,kij->ij", signal, p)
        grad_in += np.einsum("k,kij->ij", signal, q)
    return grad_in / len(x), grad_rec / len(x)


# ---------------------------------------------------------------- the rate network


def test_exact_gradient_equals_finite_differences():
    w_in, w_rec, w_out, _, x, target = _rate_case(1)
    exact = et.ctrnn_exact_grad(w_in, w_rec, w_out, x, target)
    for index, w in enumerate((w_in, w_rec, w_out)):
        def loss(flat, index=index, w=w):
            weights = [w_in, w_rec, w_out]
            weights[index] = flat.reshape(w.shape)
            return et.ctrnn_loss(*weights, x, target)
        fd = _central(lambda v: loss(v.ravel()), w)
        np.testing.assert_allclose(exact[index], fd, rtol=1e-6, atol=1e-10)
        # scipy's forward differences (step √ε): error ~1e-8 of the gradient's size
        assert check_grad(loss, lambda flat, index=index: exact[index].ravel(), w.ravel()) < 1e-6


def test_rtrl_equals_bptt():
    w_in, w_rec, w_out, _, x, target = _rate_case(2)
    grad_in, grad_rec = _rtrl(w_in, w_rec, w_out, x, target)
    exact = et.ctrnn_exact_grad(w_in, w_rec, w_out, x, target)
    np.testing.assert_allclose(grad_in, exact[0], rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(grad_rec, exact[1], rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("seed", SEEDS)
def test_rflo_trace_is_rtrl_sensitivity_without_recurrence(seed):
    """With W_rec = 0, RTRL's tensor is diagonal in (k, i) and its diagonal is RFLO's trace: for any B, RFLO's
    estimate equals RTRL's sensitivities contracted with B e_t."""
    w_in, _, w_out, feedback, x, target = _rate_case(seed)
    w_rec = np.zeros((len(w_in), len(w_in)))
    rflo = et.rflo_grad(w_in, w_rec, w_out, feedback, x, target)
    rtrl = _rtrl(w_in, w_rec, w_out, x, target, signal_matrix=feedback)
    np.testing.assert_allclose(rflo[0], rtrl[0], rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(rflo[1], rtrl[1], rtol=1e-10, atol=1e-14)


def test_rflo_is_not_the_gradient_with_recurrence():
    w_in, w_rec, w_out, _, x, target = _rate_case(3, gain=1.5)
    rflo = et.rflo_grad(w_in, w_rec, w_out, w_out.T, x, target)
    exact = et.ctrnn_exact_grad(w_in, w_rec, w_out, x, target)
    assert not np.allclose(rflo[1], exact[1], rtol=1e-3)
    np.testing.assert_allclose(rflo[2], exact[2], rtol=1e-12)  # the readout's gradient is exact


def _murray_rflo(w_in, w_rec, w_out, b, x, y_, h0, tau_m, eta=(1.0, 1.0, 1.0)):
    """Murray's run_trial, RFLO branch, offline, ported line by line from elife-43299-code1-v3 (weights as given,
    learning rates eta = [w_in, w_rec, w_out]), with two changes: q uses x[tt+1] (the input that enters u[tt+1]),
    and df is the exact 1 − tanh² (Murray's 1/cosh(10 tanh(x/10))² guards overflow and differs by ~1e-3)."""
    eta3, eta2, eta1 = eta
    t_max = x.shape[0]
    n_rec, n_in = w_in.shape
    u, h = np.zeros((t_max, n_rec)), np.zeros((t_max, n_rec))
    h[0] = h0
    y, err = np.zeros((t_max, w_out.shape[0])), np.zeros((t_max, w_out.shape[0]))
    p, q = np.zeros((n_rec, n_rec)), np.zeros((n_rec, n_in))
    for jj in range(n_rec):
        q[jj, :] = (1 - np.tanh(u[0, jj]) ** 2) * x[0, :] / tau_m
    dw_in = dw_rec = dw_out = 0
    for tt in range(t_max - 1):
        u[tt + 1] = w_rec @ h[tt] + w_in @ x[tt + 1]
        h[tt + 1] = h[tt] + (-h[tt] + np.tanh(u[tt + 1])) / tau_m
        y[tt + 1] = w_out @ h[tt + 1]
        err[tt + 1] = y_[tt + 1] - y[tt + 1]
        p = (1 - 1 / tau_m) * p
        q = (1 - 1 / tau_m) * q
        p += np.outer(1 - np.tanh(u[tt + 1]) ** 2, h[tt]) / tau_m
        q += np.outer(1 - np.tanh(u[tt + 1]) ** 2, x[tt + 1]) / tau_m
        dw_out += eta1 / t_max * np.outer(err[tt + 1], h[tt + 1])
        dw_rec += eta2 * np.outer(b @ err[tt + 1], np.ones(n_rec)) * p / t_max
        dw_in += eta3 * np.outer(b @ err[tt + 1], np.ones(n_in)) * q / t_max
    return dw_in, dw_rec, dw_out


def test_rflo_matches_murrays_code():
    """Murray's trial has t_max − 1 steps after h[0] = h0 and divides by t_max; his error is target − output, so
    his change is −(t_max − 1)/t_max times our gradient of the same steps."""
    rng = np.random.default_rng(4)
    n_in, n_rec, n_out, t_max = 2, 6, 1, 40
    w_in, w_rec, w_out, b = (rng.normal(0, 0.5, (n_rec, n_in)), 1.5 * rng.normal(0, 1, (n_rec, n_rec)) / np.sqrt(n_rec),
                             rng.normal(0, 0.3, (n_out, n_rec)), rng.normal(0, 1, (n_rec, n_out)))
    x, y_ = rng.normal(0, 1, (t_max, n_in)), rng.normal(0, 1, (t_max, n_out))
    x[0] = 0.0  # Murray's initial q uses x[0], which no step of the trial receives
    h0 = rng.uniform(-0.3, 0.3, n_rec)
    murray = _murray_rflo(w_in, w_rec, w_out, b, x, y_, h0, tau_m=10)
    ours = et.rflo_grad(w_in, w_rec, w_out, b, x[1:], y_[1:], h0=h0, alpha=0.1)
    for theirs, mine in zip(murray, ours[:3]):
        np.testing.assert_allclose(theirs, -(t_max - 1) / t_max * mine, rtol=1e-10, atol=1e-14)


# ---------------------------------------------------------------- the spiking network


def _lif_forward_mode(w_in, w_rec, w_out, x, target, v_th=et.V_TH, alpha=et.ALPHA_LIF, kappa=et.KAPPA,
                      gamma=et.GAMMA_PD):
    """Forward-mode derivatives of L through the surrogate graph: dv_t/dW carried along the trial, with
    dz_t/dv_t = ψ_t and the reset not differentiated. Independent of the backward pass of lif_bptt_grad."""
    v, z, y = et.lif_forward(w_in, w_rec, w_out, x, v_th, alpha, kappa)
    n_rec, n_in = w_in.shape
    psi = et.pseudo_derivative(v, v_th, gamma)
    dv_in, dv_rec = np.zeros((n_rec, n_rec, n_in)), np.zeros((n_rec, n_rec, n_rec))  # [k, j, i] = dv_k/dW_ji
    dz_in_prev, dz_rec_prev = np.zeros_like(dv_in), np.zeros_like(dv_rec)
    dy_in, dy_rec = np.zeros((w_out.shape[0], n_rec, n_in)), np.zeros((w_out.shape[0], n_rec, n_rec))
    z_prev = np.zeros(n_rec)
    grad_in, grad_rec = np.zeros(w_in.shape), np.zeros(w_rec.shape)
    eye = np.eye(n_rec)
    for t in range(len(x)):
        dv_in = alpha * dv_in + eye[:, :, None] * x[t][None, None, :] + np.einsum("kl,lji->kji", w_rec, dz_in_prev)
        dv_rec = alpha * dv_rec + eye[:, :, None] * z_prev[None, None, :] + np.einsum("kl,lji->kji", w_rec, dz_rec_prev)
        dz_in_prev, dz_rec_prev = psi[t][:, None, None] * dv_in, psi[t][:, None, None] * dv_rec
        dy_in = kappa * dy_in + np.einsum("ok,kji->oji", w_out, dz_in_prev)
        dy_rec = kappa * dy_rec + np.einsum("ok,kji->oji", w_out, dz_rec_prev)
        error = y[t] - target[t]
        grad_in += np.einsum("o,oji->ji", error, dy_in)
        grad_rec += np.einsum("o,oji->ji", error, dy_rec)
        z_prev = z[t]
    return grad_in / len(x), grad_rec / len(x)


def _lif_case(seed, gain):
    return checks._lif_case(np.random.default_rng(seed), 3, 5, 2, 50, 0.2, gain, 0.2)


def test_lif_bptt_equals_forward_mode():
    w_in, w_rec, w_out, _, x, target = _lif_case(5, 1.0)
    assert 0.05 < et.lif_forward(w_in, w_rec, w_out, x)[1].mean() < 0.8  # the units spike, not always
    forward = _lif_forward_mode(w_in, w_rec, w_out, x, target)
    backward = et.lif_bptt_grad(w_in, w_rec, w_out, x, target)
    np.testing.assert_allclose(backward[0], forward[0], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(backward[1], forward[1], rtol=1e-10, atol=1e-13)


def test_lif_readout_gradient_equals_finite_differences():
    """The spikes do not depend on W_out, so L is quadratic in it and central differences are exact to round-off."""
    w_in, w_rec, w_out, _, x, target = _lif_case(6, 1.0)
    fd = _central(lambda w: 0.5 * np.sum((et.lif_forward(w_in, w_rec, w, x)[2] - target) ** 2) / len(x), w_out, 1e-4)
    np.testing.assert_allclose(et.lif_bptt_grad(w_in, w_rec, w_out, x, target)[2], fd, rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(et.eprop_grad(w_in, w_rec, w_out, w_out.T, x, target)[2], fd, rtol=1e-7, atol=1e-10)


@pytest.mark.parametrize("seed", SEEDS)
def test_eprop_equals_bptt_without_recurrence(seed):
    w_in, _, w_out, _, x, target = _lif_case(seed, 0.0)
    w_rec = np.zeros((len(w_in), len(w_in)))
    eprop = et.eprop_grad(w_in, w_rec, w_out, w_out.T, x, target)
    forward = _lif_forward_mode(w_in, w_rec, w_out, x, target)
    np.testing.assert_allclose(eprop[0], forward[0], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(eprop[1], forward[1], rtol=1e-10, atol=1e-13)


def test_eprop_approximates_bptt_with_recurrence():
    """With recurrent weights e-prop misses the paths through other neurons: not equal, but within 90°."""
    x, target, (w_in, w_rec, w_out), _ = et.lif_task(np.random.default_rng(et.LIF_SEED))
    eprop = et.eprop_grad(w_in, w_rec, w_out, w_out.T, x, target)
    bptt = et.lif_bptt_grad(w_in, w_rec, w_out, x, target)
    for approx, exact in zip(eprop[:2], bptt[:2]):
        cosine = np.sum(approx * exact) / (np.linalg.norm(approx) * np.linalg.norm(exact))
        assert 0.2 < cosine < 0.999


def test_pseudo_derivative_area_and_peak():
    for v_th, gamma in ((et.V_TH, et.GAMMA_PD), (1.7, 0.9)):
        area, _ = quad(lambda v: float(et.pseudo_derivative(v, v_th, gamma)), -1, 3 * v_th, points=[0, v_th, 2 * v_th])
        assert area == pytest.approx(gamma, rel=1e-10)
        assert float(et.pseudo_derivative(v_th, v_th, gamma)) == pytest.approx(gamma / v_th)


# ---------------------------------------------------------------- discovery answers and training


@pytest.mark.parametrize("step", [1e-3, 1e-4, 1e-6, 1e-7])
def test_rflo_cosine_by_finite_differences(step):
    (w_in, w_rec, w_out), x, target = et.small_network()
    exact = _central(lambda w: et.ctrnn_loss(w_in, w, w_out, x, target), w_rec, step)
    approx = et.rflo_grad(w_in, w_rec, w_out, w_out.T, x, target)[1]
    cosine = np.sum(exact * approx) / (np.linalg.norm(exact) * np.linalg.norm(approx))
    assert cosine == pytest.approx(et.rflo_cosine(), abs=1e-4)
    assert checks.rflo_cosine.accepts(cosine)


def test_rflo_cosine_falls_with_gain():
    cosines = []
    for gain in (0.0, 0.5, 1.5):
        (w_in, w_rec, w_out), x, target = et.small_network(gain)
        approx = et.rflo_grad(w_in, w_rec, w_out, w_out.T, x, target)[1].ravel()
        exact = et.ctrnn_exact_grad(w_in, w_rec, w_out, x, target)[1].ravel()
        cosines.append(approx @ exact / (np.linalg.norm(approx) * np.linalg.norm(exact)))
    assert cosines[0] == pytest.approx(1.0, abs=1e-12) and cosines[0] > cosines[1] > cosines[2] > 0


def _rflo_fast(w_in, w_rec, w_out, feedback, x, target, h0=et.H0, alpha=et.ALPHA):
    """RFLO with the learning signal filtered backwards in time (the same sums in another order)."""
    u, h, y = et.ctrnn_forward(w_in, w_rec, w_out, x, h0, alpha)
    error = y - target
    h_prev = np.vstack([np.full((1, len(w_rec)), h0), h[:-1]])
    factor = et.leaky_filter((error @ feedback.T)[::-1], 1 - alpha)[::-1] * alpha * (1 - np.tanh(u) ** 2)
    n = len(x)
    return factor.T @ x / n, factor.T @ h_prev / n, error.T @ h / n, 0.5 * np.sum(error**2) / n


def test_readout_alignment_by_another_implementation():
    w_in, w_rec, w_out, feedback = et.rate_network(np.random.default_rng(et.RATE_SEED))
    x, target = et.rate_task()
    _, losses, alignments = et.train(_rflo_fast, (w_in, w_rec, w_out), feedback, x, target, et.N_TRIALS, et.ETA_RATE)
    assert alignments[-1] == pytest.approx(et.readout_alignment(), abs=1e-10)
    assert losses[-1] < 0.2 * losses[0]


@pytest.mark.parametrize("seed", range(300, 310))
def test_random_feedback_aligns_the_readout(seed):
    """Murray (2019, Fig. 2): the readout turns towards Bᵀ while the loss falls, on ten other networks."""
    w_in, w_rec, w_out, feedback = et.rate_network(np.random.default_rng(seed))
    x, target = et.rate_task()
    _, losses, alignments = et.train(_rflo_fast, (w_in, w_rec, w_out), feedback, x, target, et.N_TRIALS, et.ETA_RATE)
    assert alignments[-1] > alignments[0] + 0.2 and alignments[-1] > 0.3
    assert losses[-1] < 0.5 * losses[0]


def test_rflo_trace_agrees_with_section_7_9s_rtrl_sensitivities():
    """Section 7.9's RTRL sensitivities (bias b, h_0 = 0 in row 0, inputs from row 1) for the same network without
    recurrence, contracted with B e_t, equal RFLO's estimate run on the steps 1, …, T − 1 from h0 = 0."""
    bptt_rtrl = pytest.importorskip("solutions.ch07_learning_rules.bptt_rtrl")
    if not hasattr(bptt_rtrl, "rtrl_sensitivities"):
        pytest.skip("section 7.9 has no rtrl_sensitivities")
    w_in, _, w_out, feedback, x, target = _rate_case(7)
    w_rec = np.zeros((len(w_in), len(w_in)))
    p_rec, p_in, _ = bptt_rtrl.rtrl_sensitivities(w_in, w_rec, np.zeros(len(w_in)), x)
    h = et.ctrnn_forward(w_in, w_rec, w_out, x[1:], h0=0.0)[1]
    signal = (h @ w_out.T - target[1:]) @ feedback.T  # B e_t for t = 1, …, T − 1
    n = len(x) - 1
    rflo = et.rflo_grad(w_in, w_rec, w_out, feedback, x[1:], target[1:], h0=0.0)
    np.testing.assert_allclose(rflo[1], np.einsum("tk,tkij->ij", signal, p_rec[1:]) / n, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(rflo[0], np.einsum("tk,tkij->ij", signal, p_in[1:]) / n, rtol=1e-10, atol=1e-14)
