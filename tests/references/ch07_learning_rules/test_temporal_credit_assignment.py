"""Independent validation of the temporal-credit-assignment reference: the forward pass against
``scipy.signal.dlsim``, the gradients against complex-step derivatives (exact to round-off, written here with
their own complex forward pass) and ``scipy.optimize.check_grad``, every term against its closed form with
matrix powers, the exact geometric decay of the terms for W = ρQ, the counts of what each recursion keeps
(T·d and d·|θ|), and the checks with 40 other seeds."""

import numpy as np
import pytest
from scipy.optimize import check_grad
from scipy.signal import dlsim

from solutions.ch07_learning_rules import temporal_credit_assignment as ref


def _problem(seed, d=5, n_in=3, n_out=2, n_steps=12):
    rng = np.random.default_rng(seed)
    w = rng.normal(0, 0.9 / np.sqrt(d), (d, d))
    return (w, rng.normal(size=(d, n_in)), rng.normal(size=(n_out, d)), rng.normal(size=(n_steps, n_in)),
            rng.normal(size=(n_steps, n_out)), rng.normal(size=d))


def _complex_loss(w, u, c, x, target, h0):
    """L with complex arithmetic and no conjugation, so that Im L(W + iεE)/ε = ∂L/∂W·E to round-off."""
    h, loss = h0.astype(complex), 0
    for t in range(len(x)):
        h = w @ h + u @ x[t]
        e = c @ h - target[t]
        loss = loss + 0.5 * np.sum(e * e)
    return loss, h


def _complex_step(w, u, c, x, target, h0, eps=1e-30):
    d = len(w)
    grad, sensitivity = np.zeros((d, d)), np.zeros((d, d, d))
    for j in range(d):
        for k in range(d):
            step = np.zeros((d, d), dtype=complex)
            step[j, k] = 1j * eps
            loss, h = _complex_loss(w + step, u, c, x, target, h0)
            grad[j, k], sensitivity[:, j, k] = loss.imag / eps, h.imag / eps
    return grad, sensitivity


def test_forward_matches_scipy_dlsim():
    # With the state h_{k} and the input x_{k+1}: h_{k+1} = W h_k + U x_{k+1}, ŷ_{k+1} = C W h_k + C U x_{k+1}.
    w, u, c, x, _, h0 = _problem(1)
    _, y, _ = dlsim((w, u, c @ w, c @ u, 1), x, x0=h0)
    assert np.allclose(ref.linear_rnn_forward(w, u, x, h0)[1:] @ c.T, y, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_gradients_match_complex_step(seed):
    problem = _problem(seed)
    grad, sensitivity = _complex_step(*problem)
    future, delta = ref.grad_future_facing(*problem)
    past, p = ref.grad_past_facing(*problem)
    terms = ref.credit_contributions(*problem)
    scale = np.abs(grad).max()
    for value in (future, past, terms.sum(axis=(0, 1))):
        assert np.allclose(value, grad, rtol=1e-12, atol=1e-12 * scale)
    assert np.allclose(p, sensitivity, rtol=1e-12, atol=1e-12 * np.abs(sensitivity).max())
    # The two orders agree to round-off: a few units of the last place of the largest entry.
    assert np.abs(future - past).max() <= 1e-13 * scale


def test_gradient_passes_scipy_check_grad():
    w, u, c, x, target, h0 = _problem(7)
    shape = w.shape

    def loss(flat):
        return ref.rnn_loss(flat.reshape(shape), u, c, x, target, h0)

    def grad(flat):
        return ref.grad_past_facing(flat.reshape(shape), u, c, x, target, h0)[0].ravel()

    error = check_grad(loss, grad, w.ravel())
    assert error < 1e-6 * np.linalg.norm(grad(w.ravel()))
    assert np.allclose(ref.numerical_gradient(w, u, c, x, target, h0), grad(w.ravel()).reshape(shape), rtol=1e-6,
                       atol=1e-8)


def test_terms_match_matrix_powers():
    w, u, c, x, target, h0 = _problem(3, n_steps=8)
    h = ref.linear_rnn_forward(w, u, x, h0)
    terms = ref.credit_contributions(w, u, c, x, target, h0)
    for t in range(1, 9):
        e = c @ h[t] - target[t - 1]
        for s in range(1, 9):
            expected = (np.outer(np.linalg.matrix_power(w, t - s).T @ c.T @ e, h[s - 1]) if s <= t
                        else np.zeros_like(w))
            assert np.allclose(terms[t - 1, s - 1], expected, rtol=1e-12, atol=1e-13)


def test_terms_decay_exactly_as_rho_to_the_lag():
    # W = ρQ with Q orthogonal: ‖(W^k)ᵀv‖ = ρ^k ‖v‖, so ‖∂L_t/∂W_s‖_F = ρ^{t−s} ‖Cᵀe_t‖ ‖h_{s−1}‖.
    w, u, c, x, target, h0 = ref.notebook_problem()
    assert np.allclose(np.abs(np.linalg.eigvals(w)), ref.RHO)
    h = ref.linear_rnn_forward(w, u, x, h0)
    credit = np.linalg.norm((h[1:] @ c.T - target) @ c, axis=1)
    lag = np.arange(ref.T_STEPS)[:, None] - np.arange(ref.T_STEPS)[None, :]
    expected = np.where(lag >= 0, ref.RHO ** np.maximum(lag, 0) * np.outer(credit, np.linalg.norm(h[:-1], axis=1)), 0)
    assert np.allclose(np.linalg.norm(ref.credit_contributions(w, u, c, x, target, h0), axis=(2, 3)), expected,
                       rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("d, n_steps", [(2, 50), (4, 10), (6, 40), (8, 3)])
def test_what_each_recursion_keeps(d, n_steps):
    # Deterministic cost facts: BPTT's credits (the size of the states it keeps) grow as T·d; RTRL's sensitivity
    # has d·|θ| = d·d² numbers whatever T.
    rng = np.random.default_rng(d)
    w, u, c = ref.make_network(rng, n_hidden=d)
    x, target = ref.delay_task(rng, n_steps=n_steps)
    _, delta = ref.grad_future_facing(w, u, c, x, target, np.zeros(d))
    _, p = ref.grad_past_facing(w, u, c, x, target, np.zeros(d))
    assert delta.size == n_steps * d == ref.linear_rnn_forward(w, u, x, np.zeros(d))[:-1].size
    assert p.size == d * w.size
    assert (delta.size > p.size) == (n_steps > d * d)


def test_truncation_lag_is_far_from_the_threshold():
    # The answer is an integer K; the relative errors at K − 1 and K lie ≥ 5 % away from the 1 % threshold,
    # ten orders of magnitude beyond round-off, so every correct computation finds the same K.
    errors = ref.truncation_errors(ref.credit_contributions(*ref.notebook_problem()))
    k = ref.truncation_lag()
    assert errors[k] < 0.95 * ref.TOLERANCE_TRUNCATION < 1.05 * ref.TOLERANCE_TRUNCATION < errors[k - 1]
    assert np.all(errors[:k] >= ref.TOLERANCE_TRUNCATION)


@pytest.mark.parametrize("name", ["credit_contributions", "grad_future_facing", "grad_past_facing"])
def test_checks_accept_the_reference_with_other_seeds(name):
    from checks.ch07_learning_rules import temporal_credit_assignment as checks

    for seed in range(40):
        getattr(checks, name)(getattr(ref, name), seed=seed)


def test_training_reduces_the_loss_with_either_order():
    w, u, c, x, target, h0 = ref.notebook_problem()
    w_future, w_past = w, w
    for _ in range(ref.N_TRAIN):
        w_future = w_future - ref.ETA * ref.grad_future_facing(w_future, u, c, x, target, h0)[0]
        w_past = w_past - ref.ETA * ref.grad_past_facing(w_past, u, c, x, target, h0)[0]
    assert np.allclose(w_future, w_past, rtol=1e-10, atol=1e-12)
    assert ref.rnn_loss(w_future, u, c, x, target, h0) < 0.5 * ref.rnn_loss(w, u, c, x, target, h0)
