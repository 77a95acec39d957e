"""Checks of section 7.6, gradient descent and backpropagation.

The network is deterministic, so a correct implementation reproduces the
reference's activities, gradients and trained weights on seeded inputs to
round-off; the known slips (no bias, the squared error's σ′ at the output, the
sum instead of the mean over the batch, a forgotten σ′ of the hidden units, one
order for all epochs, a dropped last batch) each have a recognisable output
and a hint. Besides, the checks test facts that need no reference: outputs
of 1/2 for zero weights, gradients that equal central differences of the loss,
no gradient when every target equals its output, a loss that falls under
small full-batch steps.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, assert_reproducible, call, hint_on_failure
from solutions.ch07_learning_rules import backpropagation as ref

# Activities are sigmoids of sums of a few dozen products of order 1: a correct implementation differs from the
# reference by round-off (≈ 1e-15); 1e-10 leaves room for any order of the arithmetic and for sigmoid written
# as 1/(1 + exp(−a)) or with tanh, and is far below every slip (≥ 1e-3 on these inputs).
ATOL = 1e-10
# Trained weights are the result of tens of steps of size η·gradient ≈ 0.1: round-off grows through them but stays
# below 1e-12 in relative terms; 1e-8 is far below any slip, which changes them by ≥ 1e-3.
TRAIN_ATOL = 1e-8

NAMES = ("dW1", "db1", "dW2", "db2")


def _params(rng, n_in, n_hid, n_out, scale=1.0):
    return (scale * rng.normal(0, 1, (n_hid, n_in)), scale * rng.normal(0, 0.5, n_hid),
            scale * rng.normal(0, 1, (n_out, n_hid)), scale * rng.normal(0, 0.5, n_out))


def mlp_forward(student_forward):
    """Check ``mlp_forward(W1, b1, W2, b2, x)`` against the reference on random networks and at zero weights."""
    rng = np.random.default_rng(761)
    for n_in, n_hid, n_out, n in ((3, 4, 2, 5), (6, 3, 5, 7)):
        W1, b1, W2, b2 = _params(rng, n_in, n_hid, n_out)
        x = rng.normal(0, 1, (n, n_in))
        what = f"mlp_forward(W1 of shape {W1.shape}, b1, W2 of shape {W2.shape}, b2, x of shape {x.shape})"
        h, y_hat = call(student_forward, W1, b1, W2, b2, x, returns=("h", "y_hat"))
        h_ref, y_ref = ref.mlp_forward(W1, b1, W2, b2, x)
        assert_close(as_array(h, f"h returned by {what}", shape=h_ref.shape), h_ref, f"h returned by {what}",
                     atol=ATOL, mistakes={
                         "add the hidden biases: h = σ(x W1ᵀ + b1).": ref.sigmoid(x @ W1.T),
                         "h is the activity σ(a), not the summed input a = x W1ᵀ + b1.": x @ W1.T + b1,
                         "the units are logistic sigmoids 1/(1 + e^(−a)), not tanh.": np.tanh(x @ W1.T + b1),
                     }, hint="W1 has shape (n_hid, n_in), one row per hidden unit: the summed inputs of the batch "
                             "are x @ W1.T + b1.")
        a2 = h_ref @ W2.T + b2
        assert_close(as_array(y_hat, f"y_hat returned by {what}", shape=y_ref.shape), y_ref,
                     f"y_hat returned by {what}", atol=ATOL, mistakes={
                         "the outputs are sigmoid units too: y_hat = σ(h W2ᵀ + b2).": a2,
                         "add the output biases: y_hat = σ(h W2ᵀ + b2).": ref.sigmoid(h_ref @ W2.T),
                         "the output layer takes the hidden activities h, not their summed inputs.":
                             ref.sigmoid((x @ W1.T + b1) @ W2.T + b2),
                     })
    zeros = (np.zeros((4, 3)), np.zeros(4), np.zeros((2, 4)), np.zeros(2))
    h, y_hat = call(student_forward, *zeros, rng.normal(0, 1, (3, 3)), returns=("h", "y_hat"))
    with hint_on_failure("σ(0) = 1/2: with zero weights and biases every unit is at 1/2, whatever the input."):
        assert_close(h, np.full((3, 4), 0.5), "h for zero weights and biases", atol=ATOL)
        assert_close(y_hat, np.full((3, 2), 0.5), "y_hat for zero weights and biases", atol=ATOL)


def _backward_variants(W1, b1, W2, b2, x, y):
    """Gradients with the known slips."""
    h, y_hat = ref.mlp_forward(W1, b1, W2, b2, x)
    n = len(x)

    def grads(delta2, hidden_slope=True):
        delta1 = delta2 @ W2 * (h * (1 - h) if hidden_slope else 1.0)
        return delta1.T @ x, delta1.sum(axis=0), delta2.T @ h, delta2.sum(axis=0)

    return {
        "the loss is the mean over the examples: divide the deltas by n_samples (the sum gives n times the "
        "gradient).": grads(y_hat - y),
        "with the cross-entropy the output delta is ŷ − y with no σ′(a) = ŷ(1 − ŷ) factor: that factor belongs "
        "to the squared error ½‖ŷ − y‖², whose σ′ cancels here.": grads((y_hat - y) * y_hat * (1 - y_hat) / n),
        "multiply the error sent back through W2 by the hidden units' slope σ′(a1) = h(1 − h).":
            grads((y_hat - y) / n, hidden_slope=False),
        "the gradient points uphill: the output delta is ŷ − y, not y − ŷ.": grads((y - y_hat) / n),
    }


def mlp_backward(student_backward):
    """Check ``mlp_backward(W1, b1, W2, b2, x, y)`` against the reference, and against central differences."""
    rng = np.random.default_rng(762)
    for n_in, n_hid, n_out, n in ((3, 4, 2, 5), (5, 3, 4, 8)):
        W1, b1, W2, b2 = _params(rng, n_in, n_hid, n_out)
        x, y = rng.normal(0, 1, (n, n_in)), rng.random((n, n_out))
        what = f"mlp_backward(W1 of shape {W1.shape}, b1, W2 of shape {W2.shape}, b2, x of shape {x.shape}, y)"
        got = call(student_backward, W1, b1, W2, b2, x, y, returns=NAMES)
        expected = ref.mlp_backward(W1, b1, W2, b2, x, y)
        variants = _backward_variants(W1, b1, W2, b2, x, y)
        # Check the output layer first: its slips show there, and a wrong delta2 spoils dW1 too.
        for k in (3, 2, 1, 0):
            name = NAMES[k]
            assert_close(as_array(got[k], f"{name} returned by {what}", shape=expected[k].shape), expected[k],
                         f"{name} returned by {what}", atol=ATOL,
                         mistakes={hint: wrong[k] for hint, wrong in variants.items()},
                         hint="the gradient of W has the shape of W: dW2 = Δ2ᵀ h and dW1 = Δ1ᵀ x, with one row of "
                              "the deltas per example.")
    # The fact itself: central differences of the loss (step 1e-6, truncation error ∝ 1e-12 and round-off
    # ≈ 1e-16/1e-6 = 1e-10 per entry for a loss of order 1), on a fresh network, for every parameter.
    W1, b1, W2, b2 = _params(rng, 2, 3, 2)
    x, y = rng.normal(0, 1, (4, 2)), rng.random((4, 2))
    got = call(student_backward, W1, b1, W2, b2, x, y, returns=NAMES)
    params = [W1, b1, W2, b2]
    for k, name in enumerate(NAMES):
        numeric = np.zeros(params[k].shape)
        for index in np.ndindex(params[k].shape):
            shifted = [p.copy() for p in params]
            shifted[k][index] += 1e-6
            up = ref.bce_loss(ref.mlp_forward(*shifted, x)[1], y)
            shifted[k][index] -= 2e-6
            numeric[index] = (up - ref.bce_loss(ref.mlp_forward(*shifted, x)[1], y)) / 2e-6
        with hint_on_failure("each value must be the derivative of bce_loss (mean over the examples, sum over "
                             "the outputs) with respect to that parameter."):
            assert_close(as_array(got[k], f"{name} on a 2-3-2 network", shape=numeric.shape), numeric,
                         f"{name} on a 2-3-2 network against central differences of the loss", atol=1e-7)


def _train_variant(params, x, y, n_epochs, batch_size, eta, orders, drop_last=False, mean_batch_loss=False):
    """Training with the reference's logic and given orders, or with a known slip."""
    params = [np.array(p, dtype=float) for p in params]
    losses = np.empty(n_epochs)
    for epoch in range(n_epochs):
        batch_losses = []
        stop = len(x) - len(x) % batch_size if drop_last else len(x)
        for start in range(0, stop, batch_size):
            batch = orders[epoch][start:start + batch_size]
            batch_losses.append(ref.bce_loss(ref.mlp_forward(*params, x[batch])[1], y[batch]))
            params = [p - eta * g for p, g in zip(params, ref.mlp_backward(*params, x[batch], y[batch]))]
        losses[epoch] = np.mean(batch_losses) if mean_batch_loss else ref.bce_loss(ref.mlp_forward(*params, x)[1], y)
    return (*params, losses)


def _compare_training(result, expected, what, slips):
    names = ("W1", "b1", "W2", "b2", "losses")
    for k in (4, 3, 2, 1, 0):
        assert_close(as_array(result[k], f"{names[k]} returned by {what}", shape=expected[k].shape), expected[k],
                     f"{names[k]} returned by {what}", atol=TRAIN_ATOL,
                     mistakes={hint: wrong[k] for hint, wrong in slips.items()},
                     hint="for every batch in turn: the gradients from mlp_backward at the current parameters, then "
                          "θ − η ∂L/∂θ for all four; the loss of the epoch is bce_loss on all examples after its "
                          "last step. (train_mlp calls your mlp_backward: if its test fails, fix it first.)")


def train_mlp(student_train):
    """Check ``train_mlp(W1, b1, W2, b2, x, y, n_epochs, batch_size, eta, rng)`` in the given and in random orders,
    with a last batch shorter than the others, and that small full-batch steps lower the loss."""
    rng = np.random.default_rng(763)
    params = _params(rng, 3, 4, 2, scale=0.5)
    x, y = rng.normal(0, 1, (23, 3)), (rng.random((23, 2)) < 0.5).astype(float)
    n_epochs, batch_size, eta = 3, 5, 0.7
    given = [np.arange(23)] * n_epochs
    what = f"train_mlp(W1, b1, W2, b2, x of shape {x.shape}, y, {n_epochs}, {batch_size}, {eta}, rng=None)"
    result = call(student_train, *params, x, y, n_epochs, batch_size, eta, returns=("W1", "b1", "W2", "b2", "losses"))
    expected = ref.train_mlp(*params, x, y, n_epochs, batch_size, eta)
    _compare_training(result, expected, what, {
        "keep the last, shorter batch: 23 examples in batches of 5 make five steps per epoch, the last of 3 "
        "examples.": _train_variant(params, x, y, n_epochs, batch_size, eta, given, drop_last=True),
        "the loss of an epoch is bce_loss on all examples after its last step, not the mean of the batches' losses "
        "during the epoch.": _train_variant(params, x, y, n_epochs, batch_size, eta, given, mean_batch_loss=True),
        "gradient descent steps downhill: θ − η ∂L/∂θ.": _train_variant(params, x, y, n_epochs, batch_size, -eta,
                                                                         given),
    })
    what = f"train_mlp(W1, b1, W2, b2, x, y, {n_epochs}, {batch_size}, {eta}, rng=np.random.default_rng(5))"
    order_rng = np.random.default_rng(5)
    orders = [order_rng.permutation(23) for _ in range(n_epochs)]
    once = [np.random.default_rng(5).permutation(23)] * n_epochs
    with hint_on_failure("draw the order of every epoch with rng.permutation(n_samples) at its start, from the "
                         "generator passed as rng, and draw nothing else from it."):
        result = call(student_train, *params, x, y, n_epochs, batch_size, eta, rng=np.random.default_rng(5),
                      returns=("W1", "b1", "W2", "b2", "losses"))
        _compare_training(result, _train_variant(params, x, y, n_epochs, batch_size, eta, orders), what, {
            "draw a new order at the start of every epoch, not one order for all of them.":
                _train_variant(params, x, y, n_epochs, batch_size, eta, once),
        })
    assert_reproducible(lambda generator: call(student_train, *params, x, y, 2, batch_size, eta, rng=generator),
                        "train_mlp(W1, b1, W2, b2, x, y, 2, 5, 0.7, rng)")
    # Gradient descent with a small step lowers the loss at every step (the loss is smooth, and η = 0.05 is far
    # below 2/(largest curvature) here): full batches, 20 epochs, so 20 steps and a falling loss.
    losses = as_array(call(student_train, *params, x, y, 20, 23, 0.05, returns=("W1", "b1", "W2", "b2", "losses"))[4],
                      "losses returned by train_mlp(…, 20 epochs, full batches, eta=0.05)", shape=(20,))
    if not np.all(np.diff(losses) < 0):
        raise AssertionError("losses returned by train_mlp(…, 20 epochs, full batches, eta=0.05) do not fall at "
                             f"every step: {np.round(losses, 5).tolist()}.\nHint: step against the gradient, "
                             "θ − η ∂L/∂θ.")


# The test accuracy is a fraction of 450 images (steps of 1/450 ≈ 0.0022). A correct implementation reproduces the
# reference's training up to round-off, which the 700 SGD steps amplify but which changed no more than one test image
# among the orders of arithmetic tried (tests/references/ch07_learning_rules/test_backpropagation.py); three images
# (0.0067) leave room for that and still reject the slips below, which all move the answer by ≥ 5 images.
digits_accuracy = Discovery(
    430 / 450, 3.01 / 450,
    "digits_accuracy (the fraction of the held-out test images classified correctly)",
    mistakes={
        "the accuracy on the training images, not on the held-out test images.": 1316 / 1347,
        "that is the accuracy after the first epoch: train for all DIGITS_EPOCHS epochs.": 204 / 450,
        "divide the pixel values by 16 before training.": 253 / 450,
        "the fraction classified correctly, not the error rate.": 20 / 450,
    })
