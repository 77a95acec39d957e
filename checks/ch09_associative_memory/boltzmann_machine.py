"""Checks of section 9.3, Boltzmann machines.

Besides the comparison with ``solutions`` on seeded inputs, the checks test facts
that need no reference: a machine without couplings factorises into independent
units with p(s_i = 1) = σ(b_i); the exact gradient equals central differences of
the mean log-likelihood, and ascending it with a small step lowers
KL(data‖model) at every step; e^(−F(v)) equals the sum of e^(−E(v, h)) over the
enumerated hidden states; the CD update is η times the gradient of the
difference of the mean free energies of the chain ends and of the data; and the
Gibbs sampler draws every unit from its exact conditional and its chains reach
the enumerated distribution e^(−F(v))/Z (total-variation distance). The random
exercise is tested by statistics with tolerances of at least seven standard
errors, so that a correct implementation passes whatever order it draws its
numbers in; tests/references runs that check with 40 other seeds. Two discovery
answers: the share of the independent model's KL divergence that the pairwise
couplings remove, and how well the RBM fills in the lower half of test digits.
"""

import numpy as np

from autograder.checking import (Discovery, as_array, assert_close, assert_reproducible, assert_statistic, call,
                                 hint_on_failure)
from solutions.ch09_associative_memory import boltzmann_machine as ref


def _sigmoid(x):
    return 0.5 * (1 + np.tanh(0.5 * x))


def _symmetric(rng, n, scale):
    """Random symmetric couplings with zero diagonal."""
    W = np.triu(scale * rng.standard_normal((n, n)), 1)
    return W + W.T


def _log_likelihood(W, b, data):
    """Mean log-probability of the rows of ``data`` under the fully visible machine, written out here."""
    states = ref.all_states(len(b))
    energy = -0.5 * np.einsum("ki,ij,kj->k", states, W, states) - states @ b
    log_z = np.logaddexp.reduce(-energy)
    data_energy = -0.5 * np.einsum("ki,ij,kj->k", data, W, data) - data @ b
    return np.mean(-data_energy) - log_z


def _log_sum_over_hidden(visible, W, b, c):
    """log Σ_h e^(−E(v, h)) for every row of ``visible``, by enumerating the hidden states."""
    hidden = ref.all_states(W.shape[0])
    minus_energy = (visible @ b)[:, None] + (hidden @ c)[None, :] + visible @ W.T @ hidden.T
    return np.logaddexp.reduce(minus_energy, axis=1)


def bm_distribution(student_bm_distribution):
    """Check ``bm_distribution(W, b)`` on random machines, without couplings, and with very strong couplings."""
    rng = np.random.default_rng(93)
    cases = [("3 units", _symmetric(rng, 3, 1.0), rng.normal(0, 1, 3)),
             ("5 units", _symmetric(rng, 5, 0.8), rng.normal(0, 1, 5)),
             ("4 units without couplings", np.zeros((4, 4)), rng.normal(0, 2, 4)),
             ("4 units with couplings of several hundred", _symmetric(rng, 4, 300.0), rng.normal(0, 100, 4)),
             ("3 units with couplings of 500 and biases of −200", 500.0 * (np.ones((3, 3)) - np.eye(3)),
              np.full(3, -200.0)),
             ("1 unit", np.zeros((1, 1)), np.array([0.7]))]
    for name, W, b in cases:
        what = f"bm_distribution(W, b) for {name}"
        states = ref.all_states(len(b))
        pair, bias = 0.5 * np.sum((states @ W) * states, axis=1), states @ b  # ½ sᵀWs and bᵀs of every state

        def normalised(minus_energy):
            weight = np.exp(minus_energy - minus_energy.max())
            return weight / weight.sum()

        p = as_array(call(student_bm_distribution, W, b), what, shape=(2 ** len(b),),
                     nonfinite_hint="e^(−E) overflows for large couplings: subtract the smallest energy from every "
                                    "energy before the exponential (it cancels in p = e^(−E)/Z).")
        if not abs(p.sum() - 1) < 1e-9:
            raise AssertionError(f"the probabilities of {what} sum to {p.sum():.6g}.\nHint: divide by the partition "
                                 "function Z = Σ_s e^(−E(s)): the probabilities must sum to 1.")
        if not np.any(W):  # independent units: p(s) = Π σ(b_i)^s_i (1 − σ(b_i))^(1 − s_i)
            independent = np.prod(np.where(states == 1, _sigmoid(b), _sigmoid(-b)), axis=1)
            assert_close(p, independent, f"{what} (independent units)", atol=1e-12,
                         hint="without couplings every unit is on with probability σ(b_i), independently.")
        mistakes = {
            "the sum over pairs i < j is ½ sᵀWs (W holds every pair twice): E = −½ sᵀWs − bᵀs.":
                normalised(2 * pair + bias),
            "the couplings lower the energy of units that are on together: E = −½ sᵀWs − bᵀs, with a minus sign.":
                normalised(-pair + bias),
            "p is proportional to e^(−E), not e^(E).": normalised(-pair - bias),
        }
        # Probabilities of at most 2⁵ states: round-off of the exponentials is ~1e-16; 1e-12 is far above it.
        assert_close(p, ref.bm_distribution(W, b), what, atol=1e-12, mistakes=mistakes)


def bm_gradient(student_bm_gradient):
    """Check ``bm_gradient(data, p)`` against the reference, against central differences of the mean
    log-likelihood, and that ascending it lowers KL(data‖model) at every step."""
    rng = np.random.default_rng(931)
    for n, n_data in ((3, 40), (5, 120)):
        W, b = _symmetric(rng, n, 0.7), rng.normal(0, 1, n)
        data = (rng.random((n_data, n)) < rng.uniform(0.2, 0.8, n)).astype(float)
        p = ref.bm_distribution(W, b)
        what = f"bm_gradient(data of shape {data.shape}, p)"
        grad_W, grad_b = call(student_bm_gradient, data, p, returns=("grad_W", "grad_b"))
        grad_W = as_array(grad_W, f"grad_W of {what}", shape=(n, n))
        grad_b = as_array(grad_b, f"grad_b of {what}", shape=(n,))
        states = ref.all_states(n)
        model_ss, model_s = states.T @ (p[:, None] * states), p @ states
        data_ss, data_s = data.T @ data / n_data, data.mean(axis=0)
        off = 1 - np.eye(n)
        # Sums of at most 120 products of 0/1 and probabilities: round-off ~1e-15.
        assert_close(grad_W, ref.bm_gradient(data, p)[0], f"grad_W of {what}", atol=1e-12, mistakes={
            "the self-couplings w_ii do not exist: the diagonal of grad_W is 0.": data_ss - model_ss,
            "the gradient of the log-likelihood is data minus model, ⟨s_i s_j⟩_data − ⟨s_i s_j⟩_model.":
                (model_ss - data_ss) * off,
            "average over the data (divide by N), so that the step does not grow with the number of samples.":
                (data.T @ data - model_ss) * off,
            "⟨s_i s_j⟩ is the mean of the products, not the product of the means ⟨s_i⟩⟨s_j⟩.":
                (np.outer(data_s, data_s) - np.outer(model_s, model_s)) * off,
            "the model average weights every state by its probability p(s): Σ_s p(s) s_i s_j.":
                (data_ss - states.T @ states / len(states)) * off,
        })
        assert_close(grad_b, ref.bm_gradient(data, p)[1], f"grad_b of {what}", atol=1e-12, mistakes={
            "the gradient of the log-likelihood is data minus model, ⟨s_i⟩_data − ⟨s_i⟩_model.": model_s - data_s,
            "the model average weights every state by its probability p(s): Σ_s p(s) s_i.":
                data_s - states.mean(axis=0),
        })
        # The exact gradient of the mean log-likelihood: central differences with step 1e-5 have a truncation
        # error ~1e-10 · (third derivative ≲ 1) and a round-off error ~1e-16/1e-5; 1e-7 is far above both.
        step = 1e-5
        for i, j in ((0, 1), (1, n - 1)):
            bump = np.zeros((n, n))
            bump[i, j] = bump[j, i] = step
            numeric = (_log_likelihood(W + bump, b, data) - _log_likelihood(W - bump, b, data)) / (2 * step)
            assert_close(grad_W[i, j], numeric, f"grad_W[{i}, {j}] against the central difference of the mean "
                         "log-likelihood in the coupling w_ij = w_ji", atol=1e-7)
    # Exact gradient ascent with a small step lowers KL(data‖model) monotonically (Ackley et al. 1985): 30 steps.
    n = 4
    data = (rng.random((60, n)) < np.array([0.2, 0.5, 0.6, 0.8])).astype(float)
    data[:, 1] = np.where(rng.random(60) < 0.8, data[:, 0], data[:, 1])  # correlated pairs
    p_data = ref.empirical_distribution(data)
    W, b = np.zeros((n, n)), np.zeros(n)
    kl = [ref.kl_divergence(p_data, ref.bm_distribution(W, b))]
    for _ in range(30):
        grad_W, grad_b = call(student_bm_gradient, data, ref.bm_distribution(W, b), returns=("grad_W", "grad_b"))
        W, b = W + 0.5 * as_array(grad_W, "grad_W", shape=(n, n)), b + 0.5 * as_array(grad_b, "grad_b", shape=(n,))
        kl.append(ref.kl_divergence(p_data, ref.bm_distribution(W, b)))
    if np.any(np.diff(kl) > 1e-12) or kl[-1] > 0.5 * kl[0]:
        raise AssertionError("30 steps of W += 0.5·grad_W, b += 0.5·grad_b with your gradient do not lower "
                             "KL(data‖model) at every step (from {:.4f} to {:.4f}).".format(kl[0], kl[-1]))


def free_energy(student_free_energy):
    """Check ``free_energy(v, W, b, c)`` against the enumeration of the hidden states, for one state and batches."""
    rng = np.random.default_rng(932)
    for n_v, n_h, scale in ((4, 3, 1.0), (6, 5, 2.0), (3, 8, 0.5)):
        W, b, c = scale * rng.standard_normal((n_h, n_v)), rng.normal(0, 1, n_v), rng.normal(0, 1, n_h)
        visible = ref.all_states(n_v)
        what = f"free_energy(v, W, b, c) for the {2 ** n_v} visible states of an RBM with {n_h} hidden units"
        with hint_on_failure("W has shape (n_h, n_v): the inputs c_j + W_j v of the hidden units are v @ W.T + c, "
                             "one row per state."):
            result = as_array(call(student_free_energy, visible, W, b, c), what, shape=(2 ** n_v,))
        drive = visible @ W.T + c
        # F(v) = −log Σ_h e^(−E(v, h)), summed over the 2^n_h hidden states: round-off ~1e-15 per term.
        assert_close(result, -_log_sum_over_hidden(visible, W, b, c), what, atol=1e-10, rtol=1e-12, mistakes={
            "the energy is E(v, h) = −bᵀv − cᵀh − hᵀWv (the coupling term with a minus sign, unlike the original's "
            "text): F(v) = −bᵀv − Σ_j log(1 + e^(c_j + W_j v)).":
                -visible @ b - np.sum(np.logaddexp(0, c - visible @ W.T), axis=1),
            "the visible biases enter F(v) as −bᵀv.": -np.sum(np.logaddexp(0, drive), axis=1),
            "F(v) = −bᵀv − Σ_j log(1 + e^(c_j + W_j v)): the hidden units are summed out with the softplus "
            "log(1 + e^x), not with their mean-field input.": -visible @ b - np.sum(drive, axis=1),
            "sum the log(1 + e^x) terms over the hidden units, do not average them.":
                -visible @ b - np.mean(np.logaddexp(0, drive), axis=1),
        })
        v = visible[5]
        single = as_array(call(student_free_energy, v, W, b, c), f"free_energy of one state (v of shape ({n_v},))",
                          shape=())
        assert_close(single, ref.free_energy(v, W, b, c), f"free_energy of one state v = {v}", atol=1e-10,
                     rtol=1e-12)
    W, b, c = 400 * rng.standard_normal((5, 4)), rng.normal(0, 1, 4), rng.normal(0, 1, 5)
    visible = ref.all_states(4)
    with hint_on_failure("log(1 + e^x) overflows for large x: np.logaddexp(0, x) computes it without overflow."):
        result = as_array(call(student_free_energy, visible, W, b, c),
                          "free_energy with couplings of several hundred", shape=(16,),
                          nonfinite_hint="log(1 + e^x) overflows for large x: np.logaddexp(0, x) computes it "
                                         "without overflow.")
        assert_close(result, ref.free_energy(visible, W, b, c), "free_energy with couplings of several hundred",
                     atol=1e-9, rtol=1e-12)


def rbm_gibbs_step(student_rbm_gibbs_step, seed=933):
    """Check ``rbm_gibbs_step(v, W, b, c, rng)``: deterministic limits, the conditional distributions of h and v,
    the stationary distribution of many chains, and reproducibility."""
    # Very strong inputs make every draw certain (probabilities within e^(−40) of 0 or 1).
    W = 40 * np.array([[1.0, -1.0, 1.0], [-1.0, 1.0, -1.0]])
    v = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 1.0, 1.0]])
    b, c = np.zeros(3), np.array([0.0, 0.0])
    what = "rbm_gibbs_step(v, W = 40·[[1, −1, 1], [−1, 1, −1]], b = 0, c = 0, rng)"
    h, v_new = call(student_rbm_gibbs_step, v, W, b, c, np.random.default_rng(seed), returns=("h", "v_new"))
    h = as_array(h, f"h of {what}", shape=(3, 2))
    v_new = as_array(v_new, f"v_new of {what}", shape=(3, 3))
    sign_hint = ("p(h_j = 1 | v) = σ(c_j + W_j v) (E = −bᵀv − cᵀh − hᵀWv: a positive coupling makes units that are "
                 "on together likely), and a unit is on when its uniform random number is below that probability.")
    assert_close(h, [[1, 0], [0, 1], [1, 0]], f"h of {what}", atol=0, hint=sign_hint)
    assert_close(v_new, [[1, 0, 1], [0, 1, 0], [1, 0, 1]], f"v_new of {what}", atol=0,
                 hint="p(v_i = 1 | h) = σ(b_i + (Wᵀh)_i) with the hidden states h just drawn.")
    # One chain (v of shape (3,)) whose biases override the couplings: W v + c = 40·[−1, 1], then
    # Wᵀh + b = 40·[1, −1, 1].
    h1, v1 = call(student_rbm_gibbs_step, v[0], W, 80.0 * np.array([1, -1, 1]), np.array([-120.0, 120.0]),
                  np.random.default_rng(seed), returns=("h", "v_new"))
    what = "rbm_gibbs_step for one chain, v = [1, 0, 1], b = 80·[1, −1, 1], c = [−120, 120]"
    assert_close(as_array(h1, f"h of {what}", shape=(2,)), [0.0, 1.0], f"h of {what}", atol=0,
                 hint="the hidden biases c enter p(h_j = 1 | v) = σ(c_j + W_j v).")
    assert_close(as_array(v1, f"v_new of {what}", shape=(3,)), [1.0, 0.0, 1.0], f"v_new of {what}", atol=0,
                 hint="the visible biases b enter p(v_i = 1 | h) = σ(b_i + (Wᵀh)_i).")

    # The small RBM of the notebook (4 visible, 3 hidden units), 8000 chains.
    W, b, c = ref.small_rbm()
    n_chains = 8000
    draws = np.random.default_rng(seed)
    v = (draws.random((n_chains, 4)) < 0.5).astype(float)
    what = f"rbm_gibbs_step for {n_chains} chains of an RBM with 4 visible and 3 hidden units"
    h, v_new = call(student_rbm_gibbs_step, v, W, b, c, draws, returns=("h", "v_new"))
    h = as_array(h, f"h of {what}", shape=(n_chains, 3))
    v_new = as_array(v_new, f"v_new of {what}", shape=(n_chains, 4))
    if not (np.all((h == 0) | (h == 1)) and np.all((v_new == 0) | (v_new == 1))):
        raise AssertionError(f"{what} must return states of 0.0 and 1.0: draw every unit (rng.random(shape) < p), "
                             "do not return the probabilities.")
    # Each residual (h − p(h | v), or v′ − p(v′ | h) and its product with an h_j) has variance ≤ ¼: the mean over
    # 8000 chains has a standard error ≤ 0.0056; 0.04 is seven of them.
    residual_h = h - _sigmoid(v @ W.T + c)
    for j in range(3):
        assert_statistic(residual_h[:, j].mean(), 0.0, 0.04, f"the mean of h_{j} − σ(c_{j} + W_{j} v) over the "
                         "chains", hint=sign_hint)
    residual_v = v_new - _sigmoid(h @ W + b)
    for i in range(4):
        assert_statistic(residual_v[:, i].mean(), 0.0, 0.04, f"the mean of v′_{i} − σ(b_{i} + (Wᵀh)_{i}) over the "
                         "chains", hint="p(v_i = 1 | h) = σ(b_i + (Wᵀh)_i), Wᵀh = h @ W for chains in rows.")
        for j in range(3):
            assert_statistic(np.mean(residual_v[:, i] * h[:, j]), 0.0, 0.04,
                             f"the mean of (v′_{i} − σ(b_{i} + (Wᵀh)_{i}))·h_{j} over the chains",
                             hint="draw v′ given the sampled hidden states h, not given their probabilities.")
    # v′ depends on the drawn h, not on its probability: one hidden unit with p(h = 1 | v) = σ(0) = ½, and
    # p(v′_i = 1 | h) = σ(4h − 2) = 0.881 for h = 1 and 0.119 for h = 0. About 4000 chains of each kind: each
    # fraction has a standard error ≤ 0.008; 0.05 is six of them.
    toy = (np.array([[4.0, 4.0]]), np.array([-2.0, -2.0]), np.array([-8.0]))
    h_toy, v_toy = call(student_rbm_gibbs_step, np.ones((n_chains, 2)), *toy, draws, returns=("h", "v_new"))
    h_toy = as_array(h_toy, "h of rbm_gibbs_step for the one-hidden-unit RBM", shape=(n_chains, 1))[:, 0]
    v_toy = as_array(v_toy, "v_new of rbm_gibbs_step for the one-hidden-unit RBM", shape=(n_chains, 2))
    for state, expected in ((1, _sigmoid(2.0)), (0, _sigmoid(-2.0))):
        chosen = v_toy[h_toy == state, 0]
        assert_statistic(chosen.mean() if len(chosen) else np.nan, expected, 0.05,
                         f"with W = [[4, 4]], b = [−2, −2], c = [−8] and v = [1, 1], the fraction of chains with "
                         f"v′_0 = 1 among those that drew h = {state}",
                         hint="draw v′ given the sampled hidden states h, not given their probabilities.")
    # The chains' stationary distribution is p(v) = e^(−F(v))/Z (enumerated). After 30 steps the chains are mixed
    # (the exact distribution after 30 steps is within 1e-9 of p: tests/references). The total-variation distance
    # of 8000 draws from p has mean 0.013 and standard deviation 0.0033 (computed from multinomial draws); 0.04 is
    # eight standard deviations above the mean.
    minus_f = _log_sum_over_hidden(ref.all_states(4), W, b, c)
    p = np.exp(minus_f - np.logaddexp.reduce(minus_f))
    for _ in range(29):
        v_new = as_array(call(student_rbm_gibbs_step, v_new, W, b, c, draws, returns=("h", "v_new"))[1],
                         f"v_new of {what}", shape=(n_chains, 4))
    distance = 0.5 * np.sum(np.abs(ref.empirical_distribution(v_new) - p))
    assert_statistic(distance, 0.0, 0.04, "the total-variation distance between the visible states of 8000 chains "
                     "after 30 steps and the enumerated p(v) = e^(−F(v))/Z",
                     hint="every unit of every chain needs its own random number; h given v, then v given h.")
    assert_reproducible(lambda generator: call(student_rbm_gibbs_step, v[:5], W, b, c, generator),
                        "rbm_gibbs_step(v, W, b, c, rng)")


def cd_update(student_cd_update):
    """Check ``cd_update(v_data, v_model, W, b, c, learning_rate)`` against the reference and the free-energy
    gradient, and that equal phases change nothing."""
    rng = np.random.default_rng(934)
    for n_data, n_v, n_h in ((20, 6, 4), (1, 5, 7)):
        v_data = (rng.random((n_data, n_v)) < 0.5).astype(float)
        v_model = (rng.random((n_data, n_v)) < 0.5).astype(float)
        W, b, c = rng.normal(0, 1, (n_h, n_v)), rng.normal(0, 1, n_v), rng.normal(0, 1, n_h)
        rate = 0.3
        what = f"cd_update(v_data, v_model of shape {v_data.shape}, W of shape {W.shape}, b, c, {rate})"
        result = call(student_cd_update, v_data, v_model, W, b, c, rate, returns=("W_new", "b_new", "c_new"))
        W_new = as_array(result[0], f"W_new of {what}", shape=W.shape)
        b_new = as_array(result[1], f"b_new of {what}", shape=b.shape)
        c_new = as_array(result[2], f"c_new of {what}", shape=c.shape)
        expected = ref.cd_update(v_data, v_model, W, b, c, rate)
        q_data, q_model = _sigmoid(v_data @ W.T + c), _sigmoid(v_model @ W.T + c)
        positive, negative = q_data.T @ v_data / n_data, q_model.T @ v_model / n_data
        # A few products and sums: round-off ~1e-15.
        assert_close(W_new, expected[0], f"W_new of {what}", atol=1e-12, mistakes={
            "the update climbs the log-likelihood: W + η(⟨q vᵀ⟩_data − ⟨q vᵀ⟩_model), data first.":
                W + rate * (negative - positive),
            "average over the rows of the mini-batch (divide by N).": W + rate * n_data * (positive - negative),
            "the negative phase uses the hidden probabilities of the model's states, σ(c + W v_model).":
                W + rate * (positive - q_data.T @ v_model / n_data),
            "return the new weights W + ΔW, not the change ΔW.": rate * (positive - negative),
            "the learning rate multiplies the update.": W + positive - negative,
        })
        assert_close(b_new, expected[1], f"b_new of {what}", atol=1e-12, mistakes={
            "the visible biases move by η(⟨v⟩_data − ⟨v⟩_model).": b + rate * (v_model - v_data).mean(axis=0),
        })
        assert_close(c_new, expected[2], f"c_new of {what}", atol=1e-12, mistakes={
            "the hidden biases move by η(⟨q⟩_data − ⟨q⟩_model), with the hidden probabilities q = σ(c + W v).":
                c + rate * (v_data @ W.T - v_model @ W.T).mean(axis=0),
        })
        # ΔW/η is −∂/∂W [F̄(v_data) − F̄(v_model)]: central differences of the free energy, step 1e-6 (truncation
        # ~1e-12, round-off ~1e-10 of F ~ 10); 1e-6 is far above both.
        step, (j, i) = 1e-6, (n_h - 1, 0)
        bump = np.zeros_like(W)
        bump[j, i] = step

        def gap(weights):
            return (np.mean(ref.free_energy(v_model, weights, b, c))
                    - np.mean(ref.free_energy(v_data, weights, b, c)))

        assert_close((W_new[j, i] - W[j, i]) / rate, (gap(W + bump) - gap(W - bump)) / (2 * step),
                     f"ΔW[{j}, {i}]/η against the derivative of F̄(v_model) − F̄(v_data)", atol=1e-6)
    same = call(student_cd_update, v_data, v_data, W, b, c, 0.5, returns=("W_new", "b_new", "c_new"))
    for name, value, old in zip(("W_new", "b_new", "c_new"), same, (W, b, c)):
        assert_close(value, old, f"{name} when v_model equals v_data", atol=1e-12,
                     hint="when the chains end at the data the two phases cancel and nothing changes.")


# The pairwise model's KL after BM_STEPS = 800 steps of BM_RATE removes 0.7737 of the independent model's KL
# (0.2725 of 1.2039 nats); converged (4000 steps of 0.8) 0.7742, after 400 steps 0.7697. ± 0.006 around 0.774
# accepts these and rejects 200 steps (0.754), the uniform start as the baseline (0.817) and the remaining share
# (0.226).
pairwise_fraction = Discovery(
    0.774, 0.006, "pairwise_fraction, the share of the independent model's KL divergence that the couplings remove",
    mistakes={"the baseline is the best independent model (biases log(m/(1 − m))), not the untrained machine with "
              "b = 0.": 0.817,
              "the question asks for the share removed, (KL_ind − KL_pair)/KL_ind, not the share left.": 0.226,
              "train for BM_STEPS steps: the KL still falls after 200.": 0.754})

# The seeded run (TRAIN_SEED) fills in 0.8149 of the masked pixels; ten seeds give 0.8149–0.8255 (mean 0.820,
# standard deviation 0.0034) and ten runs drawing with rng.binomial 0.8110–0.8215, the spread a correct student who
# draws in another order sees. 0.818 ± 0.016 accepts all of them with a margin of 2 standard deviations and rejects
# the mean training image (0.7726), a single draw instead of the average (0.774), 1 epoch (0.774), all 64 pixels
# (0.907) and the error rate (0.185).
masked_accuracy = Discovery(
    0.818, 0.016, "masked_accuracy, the fraction of the masked pixels of the test digits filled in correctly",
    mistakes={"threshold the average of the RBM's N_DRAWS clamped draws (not a single draw, not the mean training "
              "digit).": 0.774,
              "count only the masked lower half: the clamped upper half is given.": 0.907,
              "the accuracy is the fraction of pixels that are right, not wrong.": 0.185})
