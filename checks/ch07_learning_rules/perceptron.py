"""Checks of section 7.1, the perceptron.

Besides comparing with ``solutions`` on seeded inputs (the perceptron is
deterministic once the order of the examples is fixed, so a correct
implementation reproduces the reference's weights to round-off and its mistake
counts exactly), the checks test the facts of the model through the student's
own functions: sign(0) = +1 on the line itself, no change on a correctly
classified example, η only scales the weights learned from zero, and Novikoff's
convergence theorem: on a separable set with a margin the perceptron makes at
most (R/γ)² updates and then classifies every example correctly.
"""

import contextlib

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, assert_reproducible, call, hint_on_failure
from solutions.ch07_learning_rules import perceptron as ref

# Weights are sums of η y x over the updates, so a correct implementation differs from the reference only by the
# round-off of a few dozen additions (1e-14); 1e-9 leaves room for any order of the arithmetic and is far below the
# size of one update (η |x| ≈ 0.1 – 1).
ATOL = 1e-9


def perceptron_predict(student_predict):
    """Check ``perceptron_predict(w, b, x)`` on random inputs, on the line itself and for a single example."""
    rng = np.random.default_rng(711)
    for n_features in (2, 5):
        w, b, x = rng.normal(0, 1, n_features), float(rng.normal(0, 1)), rng.normal(0, 1, (40, n_features))
        what = f"perceptron_predict(w, b={b:.3f}, x of shape {x.shape})"
        expected = ref.perceptron_predict(w, b, x)
        got = as_array(call(student_predict, w, b, x), what, shape=expected.shape)
        assert_close(got, expected, what, atol=0, mistakes={
            "the perceptron answers −1 or +1, not 0 or 1 (the step function of the original page gives 0/1): "
            "return np.where(w·x + b ≥ 0, 1, −1).": (expected + 1) / 2,
            "add the bias to the weighted sum: sign(w·x + b).": ref.perceptron_predict(w, 0.0, x),
            "the bias is added to the weighted sum, not subtracted: sign(w·x + b).": ref.perceptron_predict(w, -b, x),
        }, hint="x holds one example per row: the weighted sums are x @ w, one per row.")
    # Points exactly on the line w·x + b = 0 (all in exact binary arithmetic): sign(0) = +1.
    w, b = np.array([1.0, -2.0]), 0.5
    x = np.array([[0.5, 0.5], [1.5, 1.0], [-0.5, 0.0], [2.0, 0.0], [0.0, 1.0]])
    what = f"perceptron_predict(w={w.tolist()}, b={b}, x={x.tolist()})"
    expected = ref.perceptron_predict(w, b, x)  # [+1, +1, +1, +1, −1]: the first three lie on the line
    got = as_array(call(student_predict, w, b, x), what, shape=(5,))
    assert_close(got, expected, what, atol=0, mistakes={
        "a point on the line (w·x + b = 0) counts as class +1: sign(0) = +1, while np.sign(0) is 0.":
            np.array([0, 0, 0, 1, -1]),
        "a point on the line (w·x + b = 0) counts as class +1: compare with ≥ 0, not > 0.":
            np.array([-1, -1, -1, 1, -1]),
    })
    zero = as_array(call(student_predict, np.zeros(2), 0.0, x), "perceptron_predict(zero weights, b=0, x)",
                    shape=(5,))
    assert_close(zero, np.ones(5), "perceptron_predict(zero weights, b=0, x)", atol=0,
                 hint="with w = 0 and b = 0 every input lies on the line: sign(0) = +1 for all.")
    single = rng.normal(0, 1, 2)
    what = f"perceptron_predict(w, b, one example x={single.round(3).tolist()})"
    got = as_array(call(student_predict, w, b, single), what, shape=())
    assert_close(got, ref.perceptron_predict(w, b, single), what, atol=0)


def perceptron_update(student_update):
    """Check ``perceptron_update(w, b, x, y, eta)`` on random examples, misclassified or not, and from zero."""
    rng = np.random.default_rng(712)
    cases = [(rng.normal(0, 1, 3), float(rng.normal(0, 1)), rng.normal(0, 1, 3), int(rng.choice([-1, 1])), eta)
             for eta in (1.0, 0.3) for _ in range(12)]
    # From zero every input lies on the line and is predicted +1: class +1 is right, class −1 wrong.
    cases += [(np.zeros(3), 0.0, rng.normal(0, 1, 3), label, 0.5) for label in (1, -1)]
    for w, b, x, y, eta in cases:
        what = f"perceptron_update(w, b={b:.3f}, x, y={y}, eta={eta})"
        new_w, new_b, mistake = call(student_update, w, b, x, y, eta=eta, returns=("w", "b", "mistake"))
        expected_w, expected_b, wrong = ref.perceptron_update(w, b, x, y, eta)
        at_zero = not np.any(w) and b == 0
        slips = {"move w towards the example's class: w + η y x, not w − η y x.": w - eta * y * x,
                 "the rule is w + η y x; the error-driven form η (y − ŷ) x takes steps twice as long "
                 "with labels ±1.": w + 2 * eta * y * x}
        if not wrong:
            slips = {"sign(0) = +1: from w = 0, b = 0 an example of class +1 is classified correctly, so it is no "
                     "mistake and w and b stay 0." if at_zero else
                     "update only on a mistake: a correctly classified example leaves w and b unchanged.":
                     w + eta * y * x}
        elif eta != 1:
            slips["scale the step by the eta argument: w + η y x."] = w + y * x
        assert_close(as_array(new_w, f"w returned by {what}", shape=w.shape), expected_w, f"w returned by {what}",
                     atol=ATOL, mistakes=slips)
        assert_close(as_array(new_b, f"b returned by {what}", shape=()), expected_b, f"b returned by {what}",
                     atol=ATOL, mistakes={"the bias learns too: b + η y on a mistake.": b,
                                          "the bias moves towards the example's class: b + η y.": b - eta * y}
                     if wrong else {"update only on a mistake: a correctly classified example leaves w and b "
                                    "unchanged.": b + eta * y})
        assert_close(as_array(mistake, f"mistake returned by {what}", shape=()), float(wrong),
                     f"mistake returned by {what}", atol=0, mistakes={
                         "sign(0) = +1: from w = 0, b = 0 an example of class +1 is classified correctly and "
                         "is no mistake.": 1.0} if at_zero else None,
                     hint="a mistake is an example whose prediction perceptron_predict(w, b, x) differs from y.")


def _train_variant(x, y, n_epochs, eta=ref.ETA, orders=None, on_boundary=False, count_errors=False):
    """The perceptron with the reference's logic, or with a known slip: ``orders`` gives the order of every epoch;
    ``on_boundary`` updates when y (w·x + b) ≤ 0 (as scikit-learn does), which differs from the rule only at
    ties, such as every example at w = 0; ``count_errors`` counts the examples misclassified at the end of each
    epoch instead of its updates."""
    w, b = np.zeros(x.shape[1]), 0.0
    mistakes = np.zeros(n_epochs, dtype=int)
    for epoch in range(n_epochs):
        for i in (range(len(x)) if orders is None else orders[epoch]):
            if (y[i] * (x[i] @ w + b) <= 0) if on_boundary else ref.perceptron_predict(w, b, x[i]) != y[i]:
                w, b = w + eta * y[i] * x[i], b + eta * y[i]
                mistakes[epoch] += 1
        if count_errors:
            mistakes[epoch] = np.count_nonzero(ref.perceptron_predict(w, b, x) != y)
    return w, b, mistakes


def _batch_variant(x, y, n_epochs, eta=ref.ETA):
    """The slip of the original page's batch rule: one step per epoch, the sum of η y x over its mistakes."""
    w, b = np.zeros(x.shape[1]), 0.0
    mistakes = np.zeros(n_epochs, dtype=int)
    for epoch in range(n_epochs):
        wrong = ref.perceptron_predict(w, b, x) != y
        mistakes[epoch] = np.count_nonzero(wrong)
        w, b = w + eta * y[wrong] @ x[wrong], b + eta * np.sum(y[wrong])
    return w, b, mistakes


def _compare_training(result, expected, what, mistakes_of_w=None, mistakes_of_counts=None):
    """Compare what train_perceptron returned with the reference's (w, b, mistakes)."""
    w, b, mistakes = result
    n_epochs = len(expected[2])
    with hint_on_failure("mistakes holds one count per epoch, n_epochs in all; after an epoch without mistakes the "
                         "remaining counts are 0."):
        mistakes = as_array(mistakes, f"mistakes returned by {what}", shape=(n_epochs,))
    assert_close(mistakes, expected[2],
                 f"mistakes (updates per epoch) returned by {what}", atol=0, mistakes={
                     "count the updates of each epoch on its own, not the running total.": np.cumsum(expected[2]),
                     **(mistakes_of_counts or {})},
                 hint="start from w = 0, b = 0 and count one for every call of perceptron_update that reports a "
                      "mistake.")
    assert_close(as_array(w, f"w returned by {what}", shape=expected[0].shape), expected[0], f"w returned by {what}",
                 atol=ATOL, mistakes={**(mistakes_of_w or {}),
                                      "the weights are twice the expected ones: perceptron_update steps by η y x "
                                      "(the error-driven form η (y − ŷ) x doubles it).": 2 * expected[0]},
                 hint="start from w = 0, b = 0 and apply perceptron_update to every example of every epoch, "
                      "in order, carrying w and b along.")
    assert_close(as_array(b, f"b returned by {what}", shape=()), expected[1], f"b returned by {what}", atol=ATOL)


def train_perceptron(student_train, seed=713):
    """Check ``train_perceptron(x, y, n_epochs, eta, rng)`` against the reference in the given and in random
    orders, then Novikoff's theorem on a separable set drawn with ``seed``."""
    rng = np.random.default_rng(7130)
    x, y, _, _ = ref.separable_data(60, 0.03, rng)  # updates in the first five epochs, then none
    n_epochs = 20
    boundary = _train_variant(x, y, n_epochs, on_boundary=True)
    errors_after = _train_variant(x, y, n_epochs, count_errors=True)[2]
    batch = _batch_variant(x, y, n_epochs)
    for kwargs in ({}, {"eta": 0.5}):
        what = f"train_perceptron(x of shape {x.shape}, y, {n_epochs}{', eta=0.5' if kwargs else ''})"
        result = call(student_train, x, y, n_epochs, returns=("w", "b", "mistakes"), **kwargs)
        expected = ref.train_perceptron(x, y, n_epochs, **kwargs)
        eta = kwargs.get("eta", ref.ETA)
        _compare_training(result, expected, what, mistakes_of_w={
            "sign(0) = +1: at w = 0, b = 0 an example of class +1 is no mistake; update only where "
            "perceptron_predict differs from y, not wherever y (w·x + b) ≤ 0.": eta * boundary[0],
        }, mistakes_of_counts={
            "sign(0) = +1: at w = 0, b = 0 an example of class +1 is no mistake; update only where "
            "perceptron_predict differs from y, not wherever y (w·x + b) ≤ 0.": boundary[2],
            "count the updates made during each epoch, not the examples misclassified at its end.": errors_after,
            "update after every example (online), not once per epoch with the sum over its mistakes (the original "
            "page's batch rule).": batch[2],
        })
    # Random orders, on 40 points of two overlapping clouds (no line separates them, so every epoch makes updates
    # and its order matters): every epoch draws rng.permutation(n_samples) from the generator it is given.
    x_overlap, y_overlap = ref.toy_data(rng, 40, 1.5)
    for order_rng in (None, 5):
        generator = None if order_rng is None else np.random.default_rng(order_rng)
        what = (f"train_perceptron(x of 40 overlapping points, y, 10"
                f"{'' if order_rng is None else ', rng=np.random.default_rng(5)'})")
        expected = ref.train_perceptron(x_overlap, y_overlap, 10,
                                        rng=None if order_rng is None else np.random.default_rng(order_rng))
        once = np.random.default_rng(5).permutation(len(x_overlap))
        same_order = _train_variant(x_overlap, y_overlap, 10, orders=[once] * 10)
        slips = {} if order_rng is None else {
            "draw a new order at the start of every epoch, not one order for all of them.": same_order}
        with (contextlib.nullcontext() if order_rng is None else hint_on_failure(
                "draw the order of every epoch with rng.permutation(n_samples) at its start, from the generator "
                "passed as rng, and draw nothing else from it.")):
            _compare_training(call(student_train, x_overlap, y_overlap, 10, rng=generator,
                                   returns=("w", "b", "mistakes")), expected, what,
                              mistakes_of_w={hint: value[0] for hint, value in slips.items()},
                              mistakes_of_counts={hint: value[2] for hint, value in slips.items()})
    assert_reproducible(lambda generator: call(student_train, x_overlap, y_overlap, 3, rng=generator),
                        "train_perceptron(x, y, 3, rng)")
    with hint_on_failure("the perceptron rule, started from zero, converges on linearly separable data."):
        _novikoff(student_train, seed)


def _novikoff(student_train, seed, n_epochs=40):
    """Novikoff's theorem on separable_data(100, 0.1, default_rng(seed)): at most (R/γ)² ≈ 300 updates, then an
    epoch without mistakes, after which every example is classified correctly. The reference converges within 10
    epochs for every seed tried (tests/references/ch07_learning_rules/test_perceptron.py), so 40 epochs suffice."""
    x, y, w_true, b_true = ref.separable_data(100, 0.1, np.random.default_rng(seed))
    what = f"train_perceptron(x, y, {n_epochs}) on 100 points separable with margin 0.1"
    w, b, mistakes = call(student_train, x, y, n_epochs, returns=("w", "b", "mistakes"))
    mistakes = as_array(mistakes, f"mistakes returned by {what}", shape=(n_epochs,))
    bound = ref.novikoff_bound(x, y, w_true, b_true)
    if mistakes.sum() > bound:
        raise AssertionError(f"{what} made {mistakes.sum():.0f} updates, more than Novikoff's bound "
                             f"(R/γ)² = {bound:.0f}.")
    if mistakes[-1] != 0:
        raise AssertionError(f"{what} still made {mistakes[-1]:.0f} mistakes in its last epoch.")
    predictions = ref.perceptron_predict(as_array(w, f"w returned by {what}", shape=(2,)),
                                         float(as_array(b, f"b returned by {what}", shape=())), x)
    wrong = np.count_nonzero(predictions != y)
    if wrong:
        raise AssertionError(f"after {what} the returned weights misclassify {wrong} of the 100 examples, although "
                             "the last epoch counted no mistake.")


def novikoff_bound(student_bound):
    """Check ``novikoff_bound(x, y, w, b)`` against the reference, its invariance to the length of (w, b), and inf
    for a line that does not separate."""
    rng = np.random.default_rng(714)
    for n_features, scale in ((2, 1.0), (2, 3.7), (4, 0.2)):
        x = rng.uniform(-2, 2, (30, n_features))
        w, b = rng.normal(0, 1, n_features) * scale, float(rng.normal(0, 0.5)) * scale
        y = np.where(x @ w + b >= 0, 1, -1)
        what = f"novikoff_bound(x of shape {x.shape}, y, w, b={b:.3f})"
        z = np.column_stack([x, np.ones(len(x))])
        signed = y * (x @ w + b)
        radius, gamma = np.max(np.linalg.norm(z, axis=1)), signed.min() / np.linalg.norm(np.append(w, b))
        got = as_array(call(student_bound, x, y, w, b), what, shape=(),
                       nonfinite_hint="(w, b) separates these examples (γ > 0): the bound is finite.")
        assert_close(got, ref.novikoff_bound(x, y, w, b), what, atol=0, rtol=1e-9, mistakes={
            "the bias needs the constant input 1: R = max ‖(x, 1)‖ and γ = min y (w·x + b)/‖(w, b)‖.":
                (np.max(np.linalg.norm(x, axis=1)) * np.linalg.norm(w) / signed.min()) ** 2,
            "R is the largest norm of z = (x, 1), including the constant 1 for the bias.":
                (np.max(np.linalg.norm(x, axis=1)) / gamma) ** 2,
            "γ is the distance in the space of z = (x, 1): divide by ‖(w, b)‖, not by ‖w‖.":
                (radius * np.linalg.norm(w) / signed.min()) ** 2,
            "the bound is the square (R/γ)².": radius / gamma,
            "γ is the smallest margin over the examples, not the mean.":
                (radius * np.linalg.norm(np.append(w, b)) / signed.mean()) ** 2,
            "measure the margin as a distance: divide y (w·x + b) by ‖(w, b)‖.": (radius / signed.min()) ** 2,
        })
    # A line that misclassifies a point, and one through a point (γ = 0): no bound.
    x = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0]])
    y = np.array([1, -1, 1])
    for w, b, case in ((np.array([-1.0, 0.0]), 0.0, "misclassifies two points"),
                       (np.array([1.0, 0.0]), 0.0, "passes through the point (0, 1)")):
        value = call(student_bound, x, y, w, b)
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise AssertionError(f"novikoff_bound must return a number, got {type(value).__name__}.") from None
        if value != np.inf:
            raise AssertionError(f"novikoff_bound(x, y, w={w.tolist()}, b={b}) for a line that {case} returned "
                                 f"{value:.6g}, expected inf.\nHint: the theorem needs γ > 0; for γ ≤ 0 there is "
                                 "no bound: return np.inf.")


# The number of updates on the separable set of Figure 3: the perceptron is deterministic in the given order, so
# every correct implementation finds exactly the reference's count (35); 0.4 accepts it as int or float and rejects
# its neighbours. Realistic slips give other counts: updating wherever y (w·x + b) ≤ 0, so also on the line at
# w = 0 (41), the orders of default_rng(SEPARABLE_SEED) instead of the given one (43), the epochs with updates (3),
# the updates of the first epoch only (17).
n_updates = Discovery(
    35, 0.4, "n_updates, the number of updates on the separable set of Figure 3",
    mistakes={"sign(0) = +1: from w = 0, b = 0 an example of class +1 is classified correctly, so it is no "
              "mistake and triggers no update": 41,
              "visit the examples in the given order (rng=None), as Figure 3 does": 43,
              "count the updates of all epochs, not the epochs that had updates": 3,
              "count the updates of every epoch until one passes without a mistake, not of the first only": 17})

# The training error on the toy after 100 epochs in the orders of default_rng(TOY_ORDER_SEED): deterministic too,
# 3 of the 400 points. One point is 1/400 = 0.0025; 0.001 accepts the exact fraction however it is computed
# and rejects one point more or less. Slips: the given order, class −1 first (17 points, 0.0425); the updates of the
# last epoch instead of the errors of the final weights (9, 0.0225); the error rate within class +1 (2 of 200, 0.01).
toy_error = Discovery(
    0.0075, 0.001, "toy_error, the fraction of the toy points misclassified after 100 epochs",
    mistakes={"the epochs visit the examples in the orders drawn from np.random.default_rng(TOY_ORDER_SEED), "
              "not in the given order": 0.0425,
              "the question asks how many points the final weights misclassify (perceptron_predict on all 400), "
              "not how many updates the last epoch made": 0.0225,
              "divide the misclassified points by all 400, not by the 200 of one class": 0.01})
