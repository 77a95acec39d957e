"""Checks of section 7.7, approximations of backpropagation.

``fa_backward`` is deterministic: on seeded random networks (one to three layers
of weights, square and non-square hidden layers, FA and DFA) a correct
implementation reproduces the reference to round-off. The checks also test the
facts of the rules through the student's function: with B_l = W_{l+1}ᵀ it is
backpropagation, whose gradients equal central differences of the loss; the
output layer's gradient does not depend on the feedback; with one hidden layer
DFA equals FA.

``node_perturbation_grad`` and ``weight_perturbation_grad`` are random: with the check's seeded generator and the
order of draws its docstring fixes, a correct implementation reproduces the
reference to round-off; then the estimate's mean over many draws must equal the
true gradient within six standard errors (the estimator is unbiased as σ → 0),
and the function must draw only from its ``rng``.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, assert_reproducible, call, hint_on_failure
from solutions.ch07_learning_rules import backprop_approximations as ref

# The gradients are sums of a few hundred products of numbers of order 1 (weights, activities in [−1, 1], errors
# below 1), so a correct implementation differs from the reference by round-off of order 1e-15; 1e-10 leaves room for
# any order of the arithmetic and is far below every slip (which changes gradients by 1e-2 and more).
ATOL = 1e-10
# Node perturbation divides a difference of two losses of order 1 by σ: round-off 1e-16/σ, 1e-13 for σ = 1e-3, then
# multiplied by v and z of order 1 to 3; 1e-9 is four orders above that and far below any slip (1e-3 and more).
NP_ATOL = 1e-9


def _network(rng, sizes, direct=False, batch=7):
    """A random network of ``sizes``, its feedback, a batch of inputs with one-hot targets, and the forward pass."""
    weights, biases = ref.init_network(sizes, rng)
    biases = [rng.normal(0, 0.3, b.shape) for b in biases]
    feedback = ref.random_feedback(sizes, rng, direct=direct)
    x = rng.normal(0, 1, (batch, sizes[0]))
    y = np.eye(sizes[-1])[rng.integers(sizes[-1], size=batch)]
    activities, logits = ref.forward(weights, biases, x)
    return weights, biases, feedback, x, y, activities, ref.softmax(logits) - y


def _unchanged(arrays, copies, what):
    for k, (a, c) in enumerate(zip(arrays, copies)):
        if not np.array_equal(a, c):
            raise AssertionError(f"{what} changed element {k} of a list argument in place. "
                                 "The input arrays must stay unchanged (no in-place updates).")


def _gradients(result, expected, what, atol=ATOL, mistakes=None, hint=None):
    """Compare (grads_w, grads_b) lists with the reference's, layer by layer."""
    grads_w, grads_b = result
    for name, got, want in (("grads_w", grads_w, expected[0]), ("grads_b", grads_b, expected[1])):
        if not isinstance(got, (list, tuple)) or len(got) != len(want):
            raise AssertionError(f"{name} returned by {what} must be a list of {len(want)} arrays, one per layer, "
                                 f"got {type(got).__name__}{'' if not isinstance(got, (list, tuple)) else f' of {len(got)}'}.")
        for layer, (g, w) in enumerate(zip(got, want)):
            label = f"{name}[{layer}] returned by {what}"
            slips = {hint_text: value[0 if name == "grads_w" else 1][layer]
                     for hint_text, value in (mistakes or {}).items()}
            assert_close(as_array(g, label, shape=w.shape), w, label, atol=atol, mistakes=slips, hint=hint)


def _fa_variants(activities, e, feedback, direct):
    """What known slips of fa_backward return."""
    n = len(e)

    def run(derivative=lambda h: 1 - h**2, transpose=True, scale=1.0 / n, propagate=not direct):
        deltas = [e]
        for layer in range(len(activities) - 1, 0, -1):
            signal = deltas[0] if propagate else deltas[-1]
            b = feedback[layer - 1] if transpose else feedback[layer - 1].T
            if signal.shape[1] != b.shape[1]:
                return None  # this slip raises an error on these shapes, and the error is its message
            deltas.insert(0, (signal @ b.T) * derivative(activities[layer]))
        return [d.T @ z * scale for d, z in zip(deltas, activities)], [d.sum(axis=0) * scale for d in deltas]

    slips = {
        "multiply by the derivative of tanh at the hidden layer, 1 − z², where z = tanh(u) is that layer's "
        "activity.": run(derivative=lambda h: np.ones_like(h)),
        "the derivative of tanh is 1 − tanh², i.e. 1 − z² of the layer's activity, not z (1 − z) (that is the "
        "sigmoid's).": run(derivative=lambda h: h * (1 - h)),
        "the gradients are means over the batch: divide the sums over the samples by N.": run(scale=1.0),
        "in a batch with one sample per row the error goes back as δ Bᵀ (the row form of B δ), not δ B.":
            run(transpose=False),
    }
    if direct:
        slips["direct feedback alignment sends the output error e to every hidden layer through its own B, not the "
              "error of the layer above."] = run(propagate=True)
    else:
        slips["feedback alignment sends each layer's error to the layer below; only direct=True sends e to every "
              "layer."] = run(propagate=False)
    return {hint: value for hint, value in slips.items() if value is not None}


def fa_backward(student_fa_backward):
    """Check ``fa_backward(activities, e, feedback, direct)`` against the reference, then BP as its special case."""
    rng = np.random.default_rng(770)
    cases = [((5, 4, 3), False), ((6, 5, 5, 4), False), ((6, 5, 5, 4), True), ((4, 3), False),
             ((7, 6, 4, 5, 3), False), ((7, 6, 4, 5, 3), True)]
    for sizes, direct in cases:
        _, _, feedback, _, _, activities, e = _network(rng, sizes, direct=direct)
        what = (f"fa_backward(activities of a {'-'.join(map(str, sizes))} network, e, feedback"
                f"{', direct=True' if direct else ''})")
        copies = [a.copy() for a in activities + feedback]
        result = call(student_fa_backward, activities, e, feedback, direct=direct, returns=("grads_w", "grads_b"))
        _unchanged(activities + feedback, copies, what)
        _gradients(result, ref.fa_backward(activities, e, feedback, direct=direct), what,
                   mistakes=_fa_variants(activities, e, feedback, direct),
                   hint="δ_L = e; δ_l = (δ_{l+1} B_lᵀ) ⊙ (1 − z_{l+1}²) for the hidden layers, from the top down; "
                        "grads_w[l] = δ_lᵀ z_l / N and grads_b[l] = the mean of δ_l over the batch.")
    # Backpropagation is the special case B_l = W_{l+1}ᵀ: its gradients are the loss's, which central differences of
    # cross_entropy confirm (step 1e-6: truncation error 1e-12, round-off 1e-16/1e-6 = 1e-10, so 1e-7 is safe).
    weights, biases, _, x, y, activities, e = _network(rng, (5, 4, 4, 3))
    what = "fa_backward(activities, e, [W_{l+1}ᵀ]) (backpropagation)"
    grads_w, grads_b = call(student_fa_backward, activities, e, [w.T for w in weights[1:]],
                            returns=("grads_w", "grads_b"))
    for layer, (i, j) in ((0, (1, 2)), (1, (3, 0)), (2, (2, 3))):
        numeric = _central_difference(weights, biases, x, y, layer, (i, j))
        with hint_on_failure("with B_l = W_{l+1}ᵀ feedback alignment is backpropagation, whose gradients are those "
                             "of the batch-mean cross-entropy."):
            got = as_array(grads_w[layer], f"grads_w[{layer}] returned by {what}", shape=weights[layer].shape)
            assert_close(got[i, j], numeric, f"grads_w[{layer}][{i}, {j}] returned by {what}, against a central "
                         "difference of the mean cross-entropy", atol=1e-7)


def _central_difference(weights, biases, x, y, layer, index, step=1e-6):
    def loss(sign):
        shifted = [w.copy() for w in weights]
        shifted[layer][index] += sign * step
        return ref.cross_entropy(ref.forward(shifted, biases, x)[1], y).mean()

    return (loss(1) - loss(-1)) / (2 * step)


def _np_variants(weights, biases, x, y, sigma, seed):
    """What known slips of node_perturbation_grad return with default_rng(seed)."""
    rng_draws = np.random.default_rng(seed)
    n = len(x)
    noise = [rng_draws.standard_normal((n, len(b))) for b in biases]
    activities, logits = ref.forward(weights, biases, x)

    def perturbed(order=None, only_output=False):
        draws = noise if order is None else order
        z, zs = activities[0], [activities[0]]
        for layer, (w, b) in enumerate(zip(weights, biases)):
            v = draws[layer] if (not only_output or layer == len(weights) - 1) else 0.0
            u = z @ w.T + b + sigma * v
            z = np.tanh(u) if layer < len(weights) - 1 else u
            zs.append(z)
        return z, zs

    def estimate(change, used, zs=activities, scale=1.0 / sigma):
        signals = [(change * scale)[:, None] * v for v in used]
        return [s.T @ a / n for s, a in zip(signals, zs)], [s.mean(axis=0) for s in signals]

    clean = ref.cross_entropy(logits, y)
    out, zs = perturbed()
    change = ref.cross_entropy(out, y) - clean
    reversed_noise = [np.random.default_rng(seed).standard_normal((n, len(b))) for b in biases[::-1]][::-1]
    only = perturbed(only_output=True)[0]
    return {
        "subtract the clean loss: δℓ = ℓ(perturbed) − ℓ(clean) for every sample. Without it the estimate keeps its "
        "mean but its variance is enormous.": estimate(ref.cross_entropy(out, y), noise),
        "the estimate is (δℓ/σ) v with v the standard normal draw: divide by σ, not σ².": estimate(change, noise,
                                                                                                 scale=1 / sigma**2),
        "the estimate is (δℓ/σ) v, not δℓ v.": estimate(change, noise, scale=1.0),
        "δℓ is the perturbed loss minus the clean one (the gradient, not its negative).": estimate(-change, noise),
        "use the clean activities z_l in (δℓ/σ) v_l z_lᵀ, not the perturbed ones.": estimate(change, noise,
                                                                                           zs=zs[:-1]),
        "draw v_l layer by layer from the input side: the first draw perturbs the first layer.":
            estimate(ref.cross_entropy(perturbed(order=reversed_noise)[0], y) - clean, reversed_noise),
        "perturb every layer's pre-activations, the hidden ones too, not only the output.":
            estimate(ref.cross_entropy(only, y) - clean, noise),
        "δℓ is measured for every sample on its own: each sample's estimate uses its own change of loss, not the "
        "batch mean.": estimate(np.full(n, change.mean()), noise),
    }


def node_perturbation_grad(student_np_grad, seed=771):
    """Check ``node_perturbation_grad(weights, biases, x, y, sigma, rng)`` against the reference with seeded
    generators, its reproducibility, and that its mean over many draws is the gradient (six standard errors)."""
    rng = np.random.default_rng(7710)
    for sizes, sigma in (((5, 3), 0.1), ((6, 4, 3), 1e-3), ((6, 5, 4, 3), 0.05)):
        weights, biases, _, x, y, _, _ = _network(rng, sizes, batch=9)
        what = (f"node_perturbation_grad(weights of a {'-'.join(map(str, sizes))} network, biases, x, y, "
                f"sigma={sigma}, rng=np.random.default_rng(5)) (node perturbation)")
        copies = [a.copy() for a in weights + biases]
        result = call(student_np_grad, weights, biases, x, y, sigma, np.random.default_rng(5),
                      returns=("grads_w", "grads_b"))
        _unchanged(weights + biases, copies, what)
        with hint_on_failure("run the network clean and perturbed (u_l + σ v_l in every layer, v_l drawn as "
                             "rng.standard_normal((N, n_{l+1})) from the input side), δℓ = ℓ(perturbed) − ℓ(clean) per "
                             "sample, then the batch means of (δℓ/σ) v_l z_lᵀ and (δℓ/σ) v_l."):
            _gradients(result, ref.node_perturbation_grad(weights, biases, x, y, sigma, np.random.default_rng(5)),
                       what, atol=NP_ATOL, mistakes=_np_variants(weights, biases, x, y, sigma, 5))
    weights, biases, _, x, y, _, _ = _network(rng, (5, 4, 3), batch=3)
    assert_reproducible(lambda generator: call(student_np_grad, weights, biases, x, y, 0.01, generator),
                        "node_perturbation_grad(weights, biases, x, y, 0.01, rng)")
    with hint_on_failure("node perturbation is unbiased as σ → 0: E[(δℓ/σ) v] = E[(g·v) v] = g."):
        _unbiased(student_np_grad, weights, biases, x[:1], y[:1], seed)


def _unbiased(student_np_grad, weights, biases, x, y, seed, n_blocks=30, n_draws=400, sigma=1e-3,
              name="node_perturbation_grad"):
    """The mean of n_blocks × n_draws single-draw estimates for one sample against the exact gradient.

    One call with the sample repeated n_draws times returns the mean of n_draws independent estimates (the gradient of
    the batch mean is that of the one sample). The block means are independent: their spread gives the standard error
    of the grand mean. With σ = 1e-3 the bias of the estimate, of order σ² ∼ 1e-6 of the gradient, is far below that
    standard error (about 1/√12 000 ∼ 1e-2 of it). Each of the 35 components (5-4-3 network) must lie within six
    standard errors: with 30 blocks the t-statistic exceeds 6 with probability 1.4e-6 each, so a correct estimator
    passes all with probability above 0.9999 (tests/references runs 40 other seeds). Weight perturbation is checked
    the same way.
    """
    xs, ys = np.repeat(x, n_draws, axis=0), np.repeat(y, n_draws, axis=0)
    generator = np.random.default_rng(seed)
    blocks = [call(student_np_grad, weights, biases, xs, ys, sigma, generator, returns=("grads_w", "grads_b"))
              for _ in range(n_blocks)]
    activities, logits = ref.forward(weights, biases, x)
    exact = ref.fa_backward(activities, ref.softmax(logits) - y, [w.T for w in weights[1:]])
    for part, part_name in ((0, "grads_w"), (1, "grads_b")):
        for layer, truth in enumerate(exact[part]):
            samples = np.array([as_array(block[part][layer], f"{part_name}[{layer}] returned by {name}",
                                         shape=truth.shape) for block in blocks])
            mean, error = samples.mean(axis=0), samples.std(axis=0, ddof=1) / np.sqrt(n_blocks)
            worst = np.unravel_index(np.argmax(np.abs(mean - truth) / np.maximum(error, 1e-300)), truth.shape)
            if not abs(mean[worst] - truth[worst]) <= 6 * error[worst] + 1e-12:
                raise AssertionError(
                    f"the mean of {n_blocks * n_draws} estimates of {name} for {part_name}[{layer}]{list(worst)} "
                    f"for one sample (sigma={sigma}) is {mean[worst]:.4g} ± {error[worst]:.2g} (standard error), but "
                    f"the gradient is {truth[worst]:.4g}.")


def _wp_variants(weights, biases, x, y, sigma, seed):
    """What known slips of weight_perturbation_grad return with default_rng(seed)."""
    n = len(x)
    logits = ref.forward(weights, biases, x)[1]
    clean = ref.cross_entropy(logits, y)

    def run(draw, perturb_bias=True):
        noise_w, noise_b, z = [], [], x
        for layer, (w, b) in enumerate(zip(weights, biases)):
            big, small = draw(w, b)
            noise_w.append(big)
            noise_b.append(small)
            u = z @ w.T + b + sigma * (np.einsum("noi,ni->no", big, z) + (small if perturb_bias else 0.0))
            z = np.tanh(u) if layer < len(weights) - 1 else u
        return noise_w, noise_b, ref.cross_entropy(z, y)

    def estimate(change, noise_w, noise_b, scale=1.0 / sigma):
        s = change * scale
        return [np.einsum("n,noi->oi", s, v) / n for v in noise_w], [s @ v / n for v in noise_b]

    rng = np.random.default_rng(seed)
    noise_w, noise_b, out = run(lambda w, b: (rng.standard_normal((n, *w.shape)), rng.standard_normal((n, len(b)))))
    change = out - clean
    rng = np.random.default_rng(seed)
    shared = run(lambda w, b: (np.broadcast_to(rng.standard_normal(w.shape), (n, *w.shape)),
                               np.broadcast_to(rng.standard_normal(len(b)), (n, len(b)))))
    rng = np.random.default_rng(seed)
    biases_first = run(lambda w, b: (lambda small: (rng.standard_normal((n, *w.shape)), small))(
        rng.standard_normal((n, len(b)))))
    rng = np.random.default_rng(seed)
    no_bias = run(lambda w, b: (rng.standard_normal((n, *w.shape)), rng.standard_normal((n, len(b)))),
                  perturb_bias=False)
    return {
        "subtract the clean loss: δℓ = ℓ(perturbed) − ℓ(clean) for every sample.": estimate(out, noise_w, noise_b),
        "the estimate is (δℓ/σ) V with V the standard normal draw: divide by σ, not σ².":
            estimate(change, noise_w, noise_b, scale=1 / sigma**2),
        "δℓ is the perturbed loss minus the clean one (the gradient, not its negative).":
            estimate(-change, noise_w, noise_b),
        "every sample has its own perturbed network: draw V of shape (N, n_{l+1}, n_l), not one V for the batch.":
            estimate(shared[2] - clean, shared[0], shared[1]),
        "draw for each layer V first, then v.": estimate(biases_first[2] - clean, biases_first[0], biases_first[1]),
        "the biases are perturbed too: b_l + σ v_l.": estimate(no_bias[2] - clean, no_bias[0], no_bias[1]),
    }


def weight_perturbation_grad(student_wp_grad, seed=772):
    """Check ``weight_perturbation_grad(weights, biases, x, y, sigma, rng)`` like node perturbation: against the
    reference with seeded generators, its reproducibility, and its mean over many draws (six standard errors)."""
    rng = np.random.default_rng(7720)
    for sizes, sigma in (((5, 3), 0.1), ((6, 4, 3), 1e-3), ((6, 5, 4, 3), 0.05)):
        weights, biases, _, x, y, _, _ = _network(rng, sizes, batch=9)
        what = (f"weight_perturbation_grad(weights of a {'-'.join(map(str, sizes))} network, biases, x, y, "
                f"sigma={sigma}, rng=np.random.default_rng(5)) (weight perturbation)")
        copies = [a.copy() for a in weights + biases]
        result = call(student_wp_grad, weights, biases, x, y, sigma, np.random.default_rng(5),
                      returns=("grads_w", "grads_b"))
        _unchanged(weights + biases, copies, what)
        with hint_on_failure("give every sample its own perturbed network, W_l + σ V_l and b_l + σ v_l, drawn for "
                             "each layer from the input side as V = rng.standard_normal((N, n_{l+1}, n_l)) then "
                             "v = rng.standard_normal((N, n_{l+1})); δℓ = ℓ(perturbed) − ℓ(clean) per sample; "
                             "return the batch means of (δℓ/σ) V_l and (δℓ/σ) v_l."):
            _gradients(result, ref.weight_perturbation_grad(weights, biases, x, y, sigma, np.random.default_rng(5)),
                       what, atol=NP_ATOL, mistakes=_wp_variants(weights, biases, x, y, sigma, 5))
    weights, biases, _, x, y, _, _ = _network(rng, (5, 4, 3), batch=3)
    assert_reproducible(lambda generator: call(student_wp_grad, weights, biases, x, y, 0.01, generator),
                        "weight_perturbation_grad(weights, biases, x, y, 0.01, rng)")
    with hint_on_failure("weight perturbation is unbiased as σ → 0: E[(δℓ/σ) V] = E[(g·V) V] = g."):
        _unbiased(student_wp_grad, weights, biases, x[:1], y[:1], seed, name="weight_perturbation_grad")


# The answers as the reference finds them (ref.fa_angle(), ref.fa_test_accuracy(); tests/test_checks.py holds them
# together), written out so that grading does not train three networks to import this module.
# The angle is measured once, after the last epoch of a deterministic run: every correct fa_backward gives the same
# training to round-off, so the answer is exact; the question asks for it to 1°, and 1° is also well below how much
# it moves from one epoch to the next (5° to 10°).
fa_angle = Discovery(59.1040, 1.0, "the angle between the FA and BP updates of W_1 after training", unit="°",
                     mistakes={
                         "the question asks about W_1, the first layer's weights, not the second layer's.": 47.41,
                         "after the last epoch, not before the first: history['angle'][-1, 0].": 92.36,
                         "the angle between the two updates of DFA is another run: use the run of method 'fa'.": 40.57,
                     })
# Test accuracy on 360 digits: one digit is 1/360 = 0.0028. The run is deterministic, so a correct answer is exact
# (345/360); 0.002 accepts the rounding to three decimals the question asks for and rejects a difference of one digit.
fa_test_accuracy = Discovery(345 / 360, 0.002, "the test accuracy of the network trained by FA", mistakes={
    "the accuracy of the backpropagation run, not of feedback alignment.": 351 / 360,
    "the accuracy of the direct-feedback-alignment run, not of feedback alignment.": 347 / 360,
    "the accuracy on the test set, not on the training set.": 1364 / 1437,
})
