"""Checks of section 7.8, temporal credit assignment.

The three exercises compute the same gradient of a linear recurrent network in
three ways: every term ∂L_t/∂W_s written out, summed future-facing (BPTT) and
summed past-facing (RTRL). The checks compare each with the reference on
seeded random networks (non-normal W, so that a missing transpose shows; a
non-zero h_0, so that the step of h_{s−1} shows; as many outputs as inputs but
fewer than hidden units, so that a wrong axis of C shows), test the facts any
correct answer has (nothing is owed to a later use of W, a one-step sequence
has the gradient Cᵀe₁h₀ᵀ) and check the shapes of what each recursion
keeps: the credits δ_1 … δ_T, T·d numbers, and the sensitivity P_T, d·|θ| =
d³ numbers. Costs are checked by these counts, never by timing.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch07_learning_rules import temporal_credit_assignment as ref

# Every value is a sum of at most T² products of a few order-one numbers, with sizes up to ~1e2 on the check's
# networks (spectral radius < 1, T ≤ 12); summing in another order changes it by ~T²·1e-16 relative (≲ 1e-13). A
# relative tolerance of 1e-8 (with the absolute 1e-10 for entries that are 0) accepts any order of the arithmetic
# and rejects every slip in the tables below, which change the values by order one.
RTOL, ATOL = 1e-8, 1e-10


def _problem(rng, d=4, n_in=3, n_out=2, n_steps=7):
    """A random network with a non-normal W of spectral radius ≈ 0.9, a non-zero h_0 and a random sequence."""
    w = rng.normal(0, 0.9 / np.sqrt(d), (d, d))
    u = rng.normal(0, 1, (d, n_in))
    c = rng.normal(0, 1, (n_out, d))
    x, target, h0 = rng.normal(0, 1, (n_steps, n_in)), rng.normal(0, 1, (n_steps, n_out)), rng.normal(0, 1, d)
    return w, u, c, x, target, h0


def _terms(w, u, c, x, target, h0, transpose=True, previous=True, extra_power=0):
    """The terms ∂L_t/∂W_s, or a slip: W^{t−s} untransposed, h_s for h_{s−1}, one power of W too many."""
    h = ref.linear_rnn_forward(w, u, x, h0)
    errors = h[1:] @ c.T - target
    n_steps, d = len(x), len(h0)
    terms = np.zeros((n_steps, n_steps, d, d))
    back = w.T if transpose else w
    for t in range(n_steps):
        credit = np.linalg.matrix_power(back, extra_power) @ (c.T @ errors[t])
        for s in range(t, -1, -1):
            terms[t, s] = np.outer(credit, h[s] if previous else h[s + 1])
            credit = back @ credit
    return terms


def _future(w, u, c, x, target, h0, transpose=True, previous=True, recurse=True, shift=False):
    """BPTT, or a slip: W for Wᵀ, h_t for h_{t−1}, no recursion (δ_t = Cᵀe_t), δ stored one step late."""
    h = ref.linear_rnn_forward(w, u, x, h0)
    errors = h[1:] @ c.T - target
    delta, grad, following = np.zeros((len(x), len(h0))), np.zeros((len(h0),) * 2), np.zeros(len(h0))
    for t in range(len(x) - 1, -1, -1):
        before = following
        following = c.T @ errors[t] + ((w.T if transpose else w) @ following if recurse else 0)
        delta[t] = before if shift else following
        grad += np.outer(delta[t], h[t] if previous else h[t + 1])
    return grad, delta


def _past(w, u, c, x, target, h0, transpose=False, new_state=False, recurse=True, swap=False, last_only=False):
    """RTRL, or a slip: Wᵀ in J_t P_{t−1}, the immediate term from h_t instead of h_{t−1}, no J_t P_{t−1} term,
    the immediate term on the wrong index (1(i = k) h_j), or only the last step's loss."""
    d = len(h0)
    h, p, grad, eye = np.array(h0, dtype=float), np.zeros((d, d, d)), np.zeros((d, d)), np.eye(d)
    for t in range(len(x)):
        previous = h
        h = w @ h + u @ x[t]
        source = h if new_state else previous
        immediate = eye[:, None, :] * source[None, :, None] if swap else eye[:, :, None] * source[None, None, :]
        p = (np.einsum("il,ljk->ijk", w.T if transpose else w, p) if recurse else 0) + immediate
        if not last_only or t == len(x) - 1:
            grad += np.einsum("i,ijk->jk", c.T @ (c @ h - target[t]), p)
    return grad, p


def _describe(problem):
    w, u, c, x, target, h0 = problem
    return f"(w of shape {w.shape}, u of shape {u.shape}, c of shape {c.shape}, x of shape {x.shape}, target, h0)"


def credit_contributions(student, seed=781):
    """Check ``credit_contributions(w, u, c, x, target, h0)`` against the reference on a random network drawn with
    ``seed`` and on a one-step sequence."""
    problem = _problem(np.random.default_rng(seed))
    what = f"credit_contributions{_describe(problem)}"
    n_steps, d = len(problem[3]), len(problem[5])
    expected = ref.credit_contributions(*problem)
    got = as_array(call(student, *problem), what, shape=(n_steps, n_steps, d, d))
    upper = np.triu(np.ones((n_steps, n_steps), dtype=bool), 1)
    if np.any(got[upper] != 0):
        t, s = np.argwhere(upper & np.any(got != 0, axis=(2, 3)))[0]
        raise AssertionError(f"{what}[{t}, {s}] is not 0: the loss at step {t + 1} cannot depend on the use of W at "
                             f"the later step {s + 1}.\nHint: entry [a, b] is the term with t = a + 1 (the loss) "
                             "and s = b + 1 (the use of W); only s ≤ t contribute.")
    scale = np.abs(expected).max()
    assert_close(got, expected, what, atol=ATOL * scale, rtol=RTOL, mistakes={
        "the credit moves back through the transpose: ∂L_t/∂W_s = (W^{t−s})ᵀ Cᵀ e_t h_{s−1}ᵀ.":
            _terms(*problem, transpose=False),
        "W_s multiplies the state before step s: the outer product is with h_{s−1}, not h_s.":
            _terms(*problem, previous=False),
        "the power is W^{t−s}: for s = t the term is Cᵀ e_t h_{t−1}ᵀ, with no factor of W.":
            _terms(*problem, extra_power=1),
        "∂L_t/∂W_s is the outer product (credit) h_{s−1}ᵀ, rows the postsynaptic unit, not its transpose.":
            expected.transpose(0, 1, 3, 2),
        "the error is e_t = ŷ_t − y*_t (the derivative of ½‖ŷ_t − y*_t‖²), not y*_t − ŷ_t.": -expected,
    }, hint="for every t, start from the credit Cᵀ e_t at s = t and multiply it by Wᵀ for each step back; the term "
            "of step s is the outer product of that credit with h_{s−1}.")
    # One step: the only term is ∂L_1/∂W_1 = Cᵀ e_1 h_0ᵀ.
    w, u, c, x, target, h0 = problem
    one = (w, u, c, x[:1], target[:1], h0)
    got = as_array(call(student, *one), "credit_contributions for a one-step sequence", shape=(1, 1, d, d))
    error = c @ (w @ h0 + u @ x[0]) - target[0]
    assert_close(got[0, 0], np.outer(c.T @ error, h0), "credit_contributions for a one-step sequence",
                 atol=ATOL * scale, rtol=RTOL)


def grad_future_facing(student, seed=782):
    """Check ``grad_future_facing(w, u, c, x, target, h0)``: the gradient and the credits δ_t against the reference
    on a random network drawn with ``seed``, and on a one-step sequence."""
    problem = _problem(np.random.default_rng(seed), n_steps=9)
    what = f"grad_future_facing{_describe(problem)}"
    n_steps, d = len(problem[3]), len(problem[5])
    grad, delta = call(student, *problem, returns=("grad", "delta"))
    expected_grad, expected_delta = ref.grad_future_facing(*problem)
    with hint_on_failure("delta keeps the credit of every step, δ_1 … δ_T, one per row: T·d numbers."):
        delta = as_array(delta, f"delta returned by {what}", shape=(n_steps, d))
    transposed, late = _future(*problem, transpose=False), _future(*problem, shift=True)
    immediate = _future(*problem, recurse=False)
    assert_close(delta, expected_delta, f"delta returned by {what}", atol=ATOL * np.abs(expected_delta).max(),
                 rtol=RTOL, mistakes={
                     "the credit moves back through the transpose: δ_t = Cᵀe_t + Wᵀ δ_{t+1}.": transposed[1],
                     "store δ_t after adding the error of step t: δ_T = Cᵀe_T, not 0.": late[1],
                     "δ_t collects the errors of all later steps: δ_t = Cᵀe_t + Wᵀ δ_{t+1}, not only Cᵀe_t.":
                         immediate[1],
                     "the error is e_t = ŷ_t − y*_t, not y*_t − ŷ_t.": -expected_delta,
                 }, hint="run t from T down to 1, starting from δ_{T+1} = 0.")
    scale = np.abs(expected_grad).max()
    assert_close(as_array(grad, f"grad returned by {what}", shape=(d, d)), expected_grad, f"grad returned by {what}",
                 atol=ATOL * scale, rtol=RTOL, mistakes={
                     "W_t multiplies h_{t−1}: the gradient is Σ_t δ_t h_{t−1}ᵀ, not Σ_t δ_t h_tᵀ.":
                         _future(*problem, previous=False)[0],
                     "the gradient is Σ_t δ_t h_{t−1}ᵀ (rows: postsynaptic units), not its transpose.": expected_grad.T,
                     "the credit moves back through the transpose: δ_t = Cᵀe_t + Wᵀ δ_{t+1}.": transposed[0],
                     "δ_t collects the errors of all later steps: δ_t = Cᵀe_t + Wᵀ δ_{t+1}, not only Cᵀe_t.":
                         immediate[0],
                     "the error is e_t = ŷ_t − y*_t, not y*_t − ŷ_t.": -expected_grad,
                 })
    w, u, c, x, target, h0 = problem
    error = c @ (w @ h0 + u @ x[0]) - target[0]
    grad, _ = call(student, w, u, c, x[:1], target[:1], h0, returns=("grad", "delta"))
    assert_close(as_array(grad, "grad for a one-step sequence", shape=(d, d)), np.outer(c.T @ error, h0),
                 "grad returned by grad_future_facing for a one-step sequence (Cᵀe₁h₀ᵀ)", atol=ATOL * scale,
                 rtol=RTOL)


def grad_past_facing(student, seed=783):
    """Check ``grad_past_facing(w, u, c, x, target, h0)``: the gradient and the sensitivity P_T against the
    reference on a random network drawn with ``seed``, and on a one-step sequence."""
    problem = _problem(np.random.default_rng(seed), n_steps=9)
    what = f"grad_past_facing{_describe(problem)}"
    d = len(problem[5])
    grad, p = call(student, *problem, returns=("grad", "p"))
    expected_grad, expected_p = ref.grad_past_facing(*problem)
    with hint_on_failure("p is the sensitivity P_T[i, j, k] = ∂h_{T,i}/∂W_jk: d·|θ| = d·d² numbers, whatever T."):
        p = as_array(p, f"p returned by {what}", shape=(d, d, d))
    slips = {
        "J_t = ∂h_t/∂h_{t−1} = W: the sensitivity follows P_t = W P_{t−1} + P̃_t, summing over W's second index.":
            _past(*problem, transpose=True),
        "the immediate term uses the state W_t multiplies, h_{t−1}: update P before h.": _past(*problem, new_state=True),
        "P_t carries the past too: P_t = P̃_t + W P_{t−1}, not only the immediate term.": _past(*problem, recurse=False),
        "the immediate term is ∂h_{t,i}/∂W_jk = 1(i = j) h_{t−1,k}: unit i depends on row i of W.":
            _past(*problem, swap=True),
    }
    assert_close(p, expected_p, f"p returned by {what}", atol=ATOL * np.abs(expected_p).max(), rtol=RTOL,
                 mistakes={hint: value[1] for hint, value in slips.items()},
                 hint="start from P_0 = 0 and apply P_t = W P_{t−1} + P̃_t once per step.")
    scale = np.abs(expected_grad).max()
    assert_close(as_array(grad, f"grad returned by {what}", shape=(d, d)), expected_grad, f"grad returned by {what}",
                 atol=ATOL * scale, rtol=RTOL, mistakes={
                     **{hint: value[0] for hint, value in slips.items()},
                     "every step's loss adds its share Σ_i (Cᵀe_t)_i P_t[i], not only the last one's.":
                         _past(*problem, last_only=True)[0],
                     "the error is e_t = ŷ_t − y*_t, not y*_t − ŷ_t.": -expected_grad,
                 }, hint="at every step, after updating P_t and h_t, add Σ_i (Cᵀe_t)_i P_t[i, :, :] to the gradient.")
    w, u, c, x, target, h0 = problem
    error = c @ (w @ h0 + u @ x[0]) - target[0]
    grad, _ = call(student, w, u, c, x[:1], target[:1], h0, returns=("grad", "p"))
    assert_close(as_array(grad, "grad for a one-step sequence", shape=(d, d)), np.outer(c.T @ error, h0),
                 "grad returned by grad_past_facing for a one-step sequence (Cᵀe₁h₀ᵀ)", atol=ATOL * scale, rtol=RTOL)


# The smallest lag K whose truncated gradient lies within 1 % of the full one. Every correct computation sums the same
# terms and differs only by round-off (1e-13 relative), far from the threshold: the relative errors are 0.0115 at
# K = 15 and 0.0091 at K = 16. An integer answer: 0.4 accepts it as int or float and rejects its neighbours.
# Slips: a strict lag t − s < K (17), the last K still above 1 % (15), the difference of the norms
# |‖g_K‖ − ‖g‖| instead of the norm of the difference (13), 10 % for 1 % (5), 1 for 1 % (0).
truncation_lag = Discovery(
    16, 0.4, "truncation_lag, the smallest maximal lag K whose truncated gradient is within 1 % of the full one",
    mistakes={"K is the largest lag t − s kept (0 ≤ t − s ≤ K), so K = 0 keeps the terms with s = t": 17,
              "the question asks for the first K at which the error is below 1 %, not the last one above it": 15,
              "measure the error as the norm of the difference ‖g_K − g‖, not the difference of the norms": 13,
              "1 % is a relative error of 0.01, not 0.1": 5})
