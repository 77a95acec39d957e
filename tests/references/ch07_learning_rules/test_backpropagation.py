"""Independent validation of the backpropagation reference: its gradients against central differences
(``scipy.optimize.check_grad``) and against a per-example chain rule written out independently, the cross-entropy's
output delta against the squared error's, SGD against scikit-learn's ``MLPClassifier`` on the digits, the digits
data against ``sklearn.datasets.load_digits``, the Zipser–Andersen run against a trivial predictor, and the deep
linear network against the singular values of its task and the analytic learning times of Saxe et al. (2014)."""

import numpy as np
import pytest
from scipy.optimize import check_grad

from solutions.ch07_learning_rules import backpropagation as ref


def _unflatten(theta, shapes):
    params, start = [], 0
    for shape in shapes:
        size = int(np.prod(shape))
        params.append(theta[start:start + size].reshape(shape))
        start += size
    return params


def _network(rng, n_in, n_hid, n_out, n):
    params = [rng.normal(0, 1, (n_hid, n_in)), rng.normal(0, 1, n_hid), rng.normal(0, 1, (n_out, n_hid)),
              rng.normal(0, 1, n_out)]
    return params, rng.normal(0, 1, (n, n_in)), rng.random((n, n_out))


@pytest.mark.parametrize("seed", range(10))
def test_gradient_equals_central_differences(seed):
    # scipy's check_grad uses forward differences with step √ε ≈ 1.5e-8: error ≈ 1e-7 of the gradient's scale.
    rng = np.random.default_rng(seed)
    params, x, y = _network(rng, 4, 5, 3, 7)
    shapes = [p.shape for p in params]

    def loss(theta):
        return ref.bce_loss(ref.mlp_forward(*_unflatten(theta, shapes), x)[1], y)

    def grad(theta):
        return np.concatenate([g.ravel() for g in ref.mlp_backward(*_unflatten(theta, shapes), x, y)])

    theta = np.concatenate([p.ravel() for p in params])
    assert check_grad(loss, grad, theta) < 1e-6 * max(1.0, np.linalg.norm(grad(theta)))
    # and a central difference with step 1e-5 for every parameter: relative error ~1e-9
    numeric = np.array([(loss(theta + e) - loss(theta - e)) / 2e-5 for e in 1e-5 * np.eye(len(theta))])
    np.testing.assert_allclose(grad(theta), numeric, rtol=1e-6, atol=1e-9)


def test_gradient_equals_an_independent_per_example_chain_rule():
    rng = np.random.default_rng(11)
    params, x, y = _network(rng, 3, 4, 2, 5)
    W1, b1, W2, b2 = params
    grads = [np.zeros_like(p) for p in params]
    for xi, yi in zip(x, y):
        a1 = W1 @ xi + b1
        h = 1 / (1 + np.exp(-a1))
        y_hat = 1 / (1 + np.exp(-(W2 @ h + b2)))
        # ∂L/∂ŷ of −[y ln ŷ + (1 − y) ln(1 − ŷ)] times σ′ = ŷ(1 − ŷ), written without the cancellation
        d2 = (-(yi / y_hat) + (1 - yi) / (1 - y_hat)) * y_hat * (1 - y_hat)
        d1 = np.array([sum(W2[k, j] * d2[k] for k in range(len(d2))) for j in range(len(h))]) * h * (1 - h)
        for g, value in zip(grads, (np.outer(d1, xi), d1, np.outer(d2, h), d2)):
            g += value / len(x)
    for got, expected in zip(ref.mlp_backward(*params, x, y), grads):
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-14)


def test_the_squared_errors_delta_has_the_sigmoid_slope():
    # The original page's text: L = ½‖ŷ − y‖² has δ = (ŷ − y) σ′(a); check it by finite differences on the output bias,
    # and that it is the cross-entropy's delta times ŷ(1 − ŷ).
    rng = np.random.default_rng(12)
    params, x, y = _network(rng, 3, 4, 2, 1)
    _, y_hat = ref.mlp_forward(*params, x)

    def squared(b2):
        return 0.5 * np.sum((ref.mlp_forward(params[0], params[1], params[2], b2, x)[1] - y) ** 2)

    numeric = np.array([(squared(params[3] + e) - squared(params[3] - e)) / 2e-6 for e in 1e-6 * np.eye(2)])
    np.testing.assert_allclose(numeric, ((y_hat - y) * y_hat * (1 - y_hat))[0], rtol=1e-7)
    np.testing.assert_allclose(ref.mlp_backward(*params, x, y)[3] * y_hat[0] * (1 - y_hat[0]), numeric, rtol=1e-7)


def test_full_batch_training_is_gradient_descent():
    rng = np.random.default_rng(13)
    params, x, y = _network(rng, 3, 4, 2, 9)
    *trained, losses = ref.train_mlp(*params, x, y, 1, 9, 0.3)
    stepped = [p - 0.3 * g for p, g in zip(params, ref.mlp_backward(*params, x, y))]
    for a, b in zip(trained, stepped):
        np.testing.assert_allclose(a, b, rtol=1e-14, atol=1e-15)
    assert losses[0] == pytest.approx(ref.bce_loss(ref.mlp_forward(*stepped, x)[1], y), rel=1e-14)


def test_digits_data_are_sklearns():
    from sklearn.datasets import load_digits

    images, labels = ref.load_digits_data()
    digits = load_digits()
    np.testing.assert_array_equal(images, digits.data)
    np.testing.assert_array_equal(labels, digits.target)


def _digits_accuracy(seed, backward=None):
    images, labels = ref.load_digits_data()
    x, y = images / 16.0, np.eye(10)[labels]
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(x))
    test, train = order[:ref.DIGITS_TEST], order[ref.DIGITS_TEST:]
    params = list(ref.init_params(64, ref.DIGITS_HIDDEN, 10, rng))
    if backward is None:
        *params, _ = ref.train_mlp(*params, x[train], y[train], ref.DIGITS_EPOCHS, ref.DIGITS_BATCH, ref.DIGITS_ETA,
                                   rng)
    else:  # the same SGD with another implementation of the gradient
        for _ in range(ref.DIGITS_EPOCHS):
            epoch = train[rng.permutation(len(train))]
            for start in range(0, len(epoch), ref.DIGITS_BATCH):
                batch = epoch[start:start + ref.DIGITS_BATCH]
                params = [p - ref.DIGITS_ETA * g for p, g in zip(params, backward(*params, x[batch], y[batch]))]
    return np.mean(ref.mlp_forward(*params, x[test])[1].argmax(axis=1) == labels[test])


def _backward_per_example(W1, b1, W2, b2, x, y):
    grads = [np.zeros_like(W1), np.zeros_like(b1), np.zeros_like(W2), np.zeros_like(b2)]
    for xi, yi in zip(x, y):
        h = 1 / (1 + np.exp(-(W1 @ xi + b1)))
        d2 = 1 / (1 + np.exp(-(W2 @ h + b2))) - yi
        d1 = (W2.T @ d2) * h * (1 - h)
        for g, value in zip(grads, (np.outer(d1, xi), d1, np.outer(d2, h), d2)):
            g += value
    return [g / len(x) for g in grads]


def test_digits_accuracy_is_high_and_robust_to_the_order_of_arithmetic():
    from checks.ch07_learning_rules import backpropagation as checks

    assert ref.digits_accuracy() == checks.digits_accuracy.expected >= 0.95
    # Another order of the arithmetic (one example at a time, exp instead of tanh) changes at most one test image:
    # the check's tolerance of three images covers it.
    assert abs(_digits_accuracy(ref.DIGITS_SEED, _backward_per_example) - ref.digits_accuracy()) <= 1 / ref.DIGITS_TEST


def test_digits_accuracy_over_other_seeds_and_against_sklearn():
    # 40 other splits and initialisations: the mean and the median accuracy are at least 0.95. Ten epochs of SGD are
    # a short run, and an unlucky initialisation and order can leave a run a few images behind (the worst of the 40
    # reaches 0.91), so every run only has to beat 0.9 (chance: 0.1). scikit-learn's MLPClassifier (logistic hidden
    # units, softmax outputs, SGD without momentum) on the same splits reaches a similar accuracy.
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    accuracies = np.array([_digits_accuracy(seed) for seed in range(100, 140)])
    assert accuracies.mean() >= 0.95 and np.median(accuracies) >= 0.95 and accuracies.min() >= 0.9
    images, labels = ref.load_digits_data()
    theirs = []
    for seed in range(100, 105):
        order = np.random.default_rng(seed).permutation(len(images))
        test, train = order[:ref.DIGITS_TEST], order[ref.DIGITS_TEST:]
        model = MLPClassifier((ref.DIGITS_HIDDEN,), activation="logistic", solver="sgd", learning_rate_init=0.5,
                              momentum=0.0, batch_size=ref.DIGITS_BATCH, max_iter=ref.DIGITS_EPOCHS, alpha=0.0,
                              random_state=seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(images[train] / 16.0, labels[train])
        theirs.append(model.score(images[test] / 16.0, labels[test]))
    assert abs(np.mean(theirs) - accuracies[:5].mean()) < 0.03


def test_zipser_andersen_network_learns_the_transform():
    x, y, retinal, eye = ref.zipser_andersen_data(np.random.default_rng(ref.DATA_SEED))
    # the targets are spots of unit height at the head-centred position: the grid point nearest to it is the largest
    centres = -ref.THETA_MAX + (np.arange(ref.GRID) + 0.5) * ref.D_THETA
    head = retinal + eye
    nearest = np.argmin(np.abs(head[:, 1, None] - centres), axis=1) * ref.GRID + \
        np.argmin(np.abs(head[:, 0, None] - centres), axis=1)
    assert np.array_equal(np.argmax(y, axis=1), nearest)
    assert np.all(np.abs(x[:, -2:]) <= 1)
    params = ref.init_params(x.shape[1], ref.N_HIDDEN, y.shape[1], np.random.default_rng(ref.INIT_SEED))
    *trained, losses = ref.train_mlp(*params, x[:ref.N_TRAIN], y[:ref.N_TRAIN], ref.N_EPOCHS, ref.BATCH, ref.ETA,
                                     np.random.default_rng(ref.ORDER_SEED))
    x_test, y_test, head_test = x[ref.N_TRAIN:], y[ref.N_TRAIN:], head[ref.N_TRAIN:]
    y_hat = ref.mlp_forward(*trained, x_test)[1]
    # better than the best constant prediction (the mean target), and the population vector of the output lies
    # within one grid spacing of the true position on average (chance: about 40°)
    assert ref.bce_loss(y_hat, y_test) < 0.7 * ref.bce_loss(np.tile(y[:ref.N_TRAIN].mean(axis=0), (len(y_test), 1)),
                                                            y_test)
    cx, cy = np.meshgrid(centres, centres)
    weights = y_hat / y_hat.sum(axis=1, keepdims=True)
    decoded = np.column_stack([weights @ cx.ravel(), weights @ cy.ravel()])
    assert np.mean(np.linalg.norm(decoded - head_test, axis=1)) < ref.D_THETA
    assert np.all(np.diff(losses) < 0)


def test_deep_linear_network_learns_modes_in_order_of_the_singular_values():
    s = np.linalg.svd(ref.SIGMA_YX, compute_uv=False)
    np.testing.assert_allclose(s, [np.sqrt(7), np.sqrt(3), 1, 1], rtol=1e-12)
    products = ref.deep_linear_dynamics(ref.SIGMA_YX, ref.SAXE_HIDDEN, ref.SAXE_A0, ref.SAXE_DT, ref.SAXE_STEPS,
                                        np.random.default_rng(ref.SAXE_SEED))
    np.testing.assert_allclose(products[-1], ref.SIGMA_YX, atol=0.02)
    u, s, vt = np.linalg.svd(ref.SIGMA_YX, full_matrices=False)
    strengths = np.einsum("ka,tkl,al->ta", u, products, vt)
    half = np.argmax(strengths >= s / 2, axis=0) * ref.SAXE_DT
    assert half[0] < half[1] < min(half[2], half[3])
    # Saxe et al. (2014), balanced layers of initial strength a0: a(t) = s e^{2st}/(e^{2st} − 1 + s/a0), so a
    # reaches s/2 at t½ = ln(s/a0 − 1)/(2s). Fit each mode's effective a0 from its strength at t = 0.5 (still ≪ s)
    # and predict t½: the layers start unbalanced and from random directions, so allow 10 %.
    for alpha in range(4):
        t0 = 0.5
        a = strengths[int(t0 / ref.SAXE_DT), alpha]
        e = np.exp(2 * s[alpha] * t0)
        a0 = s[alpha] * a / (s[alpha] * e - a * (e - 1))
        predicted = np.log(s[alpha] / a0 - 1) / (2 * s[alpha])
        assert half[alpha] == pytest.approx(predicted, rel=0.1)
