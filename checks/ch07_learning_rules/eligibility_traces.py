"""Checks of section 7.10, eligibility traces and approximations of RTRL (RFLO, e-prop).

Besides comparing with ``solutions`` on seeded networks and inputs, the checks test the facts of the section:
with W_rec = 0 and B = W_outᵀ, RFLO's gradient equals the exact gradient of the rate network (its trace is then
RTRL's sensitivity), and e-prop's equals backpropagation through time with the same pseudo-derivative (the exact
gradients come from ``solutions``, which tests/references/ch07_learning_rules/test_eligibility_traces.py
validates against finite differences); the pseudo-derivative is a triangle of height γ/v_th and area γ.

Tolerances: every gradient is a sum of at most a few hundred products of numbers of order 1, computed in a
different order by different correct implementations (a loop over time, a reversed filter, einsum): their
round-off is of order 1e-15, so atol = 1e-10 with rtol = 1e-8 accepts all of them and rejects every mistake of
the bug zoo, which changes the gradients by 1e-3 or more.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call, hint_on_failure
from solutions.ch07_learning_rules import eligibility_traces as ref

ATOL, RTOL = 1e-10, 1e-8
GRAD_NAMES = ("grad_in", "grad_rec", "grad_out", "loss")


def _rate_case(rng, n_in, n_rec, n_out, n_steps, gain):
    """Weights, a random B, a random input and target for the rate network."""
    w_in = rng.normal(0, 1, (n_rec, n_in)) / np.sqrt(n_in)
    w_rec = gain * rng.normal(0, 1, (n_rec, n_rec)) / np.sqrt(n_rec)
    w_out = rng.normal(0, 1, (n_out, n_rec)) / np.sqrt(n_rec)
    feedback = rng.normal(0, 1, (n_rec, n_out))
    x = rng.normal(0, 1, (n_steps, n_in))
    target = rng.normal(0, 1, (n_steps, n_out))
    return w_in, w_rec, w_out, feedback, x, target


def _rflo_variant(w_in, w_rec, w_out, feedback, x, target, h0=ref.H0, alpha=ref.ALPHA, *, input_lag=False,
                  rate=True, decay=True, h_now=False, slope_of_h=False, mean=True, sign=1.0):
    """RFLO with one of the known slips switched on (the reference with all switches off)."""
    u, h, y = ref.ctrnn_forward(w_in, w_rec, w_out, x, h0, alpha)
    error = sign * (y - target)
    h_prev = np.vstack([np.broadcast_to(np.asarray(h0, dtype=float), (1, len(w_rec))), h[:-1]])
    pre = h if h_now else h_prev
    x_in = np.vstack([np.zeros((1, x.shape[1])), x[:-1]]) if input_lag else x
    slope = (1 - h**2) if slope_of_h else (1 - np.tanh(u) ** 2)
    slope = slope * (alpha if rate else 1.0)
    keep = (1 - alpha) if decay else 1.0
    signal = error @ feedback.T
    p, q = np.zeros(w_rec.shape), np.zeros(w_in.shape)
    grad_in, grad_rec = np.zeros(w_in.shape), np.zeros(w_rec.shape)
    for t in range(len(x)):
        p = keep * p + np.outer(slope[t], pre[t])
        q = keep * q + np.outer(slope[t], x_in[t])
        grad_rec += signal[t][:, None] * p
        grad_in += signal[t][:, None] * q
    scale = len(x) if mean else 1.0
    return grad_in / scale, grad_rec / scale, error.T @ h / scale


def _rflo_mistakes(args, kwargs, index):
    """Hints and outputs (of gradient ``index``) of the known RFLO slips."""
    w_out = args[2]
    variants = {
        "the input trace Q_t uses x_t, the input that enters u_t = W_rec h_{t−1} + W_in x_t (Murray's published "
        "code uses x_{t−1}).": {"input_lag": True},
        "the traces are low-pass filters with the network's own rate: P_t = (1 − α) P_{t−1} + α f′(u_t) h_{t−1}ᵀ "
        "(the factor α is missing).": {"rate": False},
        "the traces decay: P_t = (1 − α) P_{t−1} + …; without the factor (1 − α) they only accumulate.":
            {"decay": False},
        "the presynaptic factor of P_t is h_{t−1}, the state that enters u_t, not h_t.": {"h_now": True},
        "f′ is the derivative of tanh at u_t, 1 − tanh(u_t)², not 1 − h_t².": {"slope_of_h": True},
        "the loss is (1/2T) Σ_t ‖e_t‖²: divide the sums over time by T.": {"mean": False},
        "the error is e_t = y_t − y*_t (output minus target), so that −η·grad lowers the loss.": {"sign": -1.0},
    }
    found = {hint: _rflo_variant(*args, **kwargs, **switches)[index] for hint, switches in variants.items()}
    if index < 2:
        found["the error reaches the units through the feedback argument B, not through W_outᵀ."] = \
            _rflo_variant(*args[:3], w_out.T, *args[4:], **kwargs)[index]
    return found


def _check_grads(got, expected, what, mistakes):
    """Compare the returned (grad_in, grad_rec, grad_out, loss) with the reference's; mistakes(index) gives the
    known slips' outputs, computed only on failure."""
    for index, (name, value, reference) in enumerate(zip(GRAD_NAMES, got, expected)):
        value = as_array(value, f"{name} returned by {what}", shape=np.shape(reference))
        if not np.allclose(value, reference, atol=ATOL, rtol=RTOL):
            known = {hint: wrong for hint, wrong in (mistakes(index) if index < 3 else {}).items()
                     if not np.allclose(wrong, reference, atol=ATOL, rtol=RTOL)}  # slips that change this value
            assert_close(value, reference, f"{name} returned by {what}", atol=ATOL, rtol=RTOL, mistakes=known)


def rflo_grad(student_rflo_grad):
    """Check ``rflo_grad`` against the reference on two seeded networks, then the exactness at W_rec = 0."""
    rng = np.random.default_rng(7101)
    cases = ((_rate_case(rng, 2, 5, 2, 30, 1.5), {}, "2 inputs, 5 units, 2 outputs, 30 steps, gain 1.5"),
             (_rate_case(rng, 3, 4, 1, 25, 0.9), {"h0": rng.uniform(-0.5, 0.5, 4), "alpha": 0.2},
              "3 inputs, 4 units, 1 output, 25 steps, h0 a vector, alpha=0.2"))
    for args, kwargs, description in cases:
        what = f"rflo_grad ({description})"
        got = call(student_rflo_grad, *args, returns=GRAD_NAMES, **kwargs)
        _check_grads(got, ref.rflo_grad(*args, **kwargs), what,
                     lambda index, args=args, kwargs=kwargs: _rflo_mistakes(args, kwargs, index))
    w_in, _, w_out, _, x, target = _rate_case(rng, 2, 6, 2, 40, 0.0)
    w_rec = np.zeros((6, 6))
    got = call(student_rflo_grad, w_in, w_rec, w_out, w_out.T, x, target, returns=GRAD_NAMES)
    exact = ref.ctrnn_exact_grad(w_in, w_rec, w_out, x, target)
    with hint_on_failure("with W_rec = 0 the term RFLO drops from RTRL's sensitivity vanishes, and with B = W_outᵀ "
                         "RFLO's gradient is the exact gradient of the loss."):
        for name, value, reference in zip(GRAD_NAMES, got, exact):
            assert_close(as_array(value, f"{name} returned by rflo_grad", shape=reference.shape), reference,
                         f"{name} of rflo_grad with W_rec = 0 and B = W_outᵀ against the exact gradient "
                         "(backpropagation through time)", atol=ATOL, rtol=RTOL)


def pseudo_derivative(student_pseudo_derivative):
    """Check ``pseudo_derivative(v, v_th, gamma)`` on a grid across the triangle, and its height and area."""
    for v_th, gamma in ((ref.V_TH, ref.GAMMA_PD), (1.5, 0.7)):
        v = np.linspace(-1.0, 3.5 * v_th, 91)
        kwargs = {} if v_th == ref.V_TH else {"v_th": v_th, "gamma": gamma}
        what = f"pseudo_derivative(v from −1 to {3.5 * v_th:g}, v_th={v_th}, gamma={gamma})"
        got = as_array(call(student_pseudo_derivative, v, **kwargs), what, shape=v.shape)
        distance = np.abs(v - v_th)
        # Elementwise formula: round-off 1e-16.
        assert_close(got, ref.pseudo_derivative(v, v_th, gamma), what, atol=1e-12, mistakes={
            "the height of the triangle is γ/v_th: divide by v_th.": gamma * np.maximum(0, 1 - distance / v_th),
            "the triangle's half-width is v_th: 1 − |v − v_th|/v_th.": gamma / v_th * np.maximum(0, 1 - distance),
            "the pseudo-derivative is never negative: max(0, 1 − |v − v_th|/v_th).": gamma / v_th * (1 - distance / v_th),
            "use the gamma and v_th arguments.": ref.GAMMA_PD / ref.V_TH * np.maximum(0, 1 - distance / ref.V_TH),
        })
    peak = as_array(call(student_pseudo_derivative, 0.8, v_th=0.8, gamma=0.3), "pseudo_derivative(0.8, v_th=0.8, "
                    "gamma=0.3)", shape=())
    assert_close(peak, 0.3 / 0.8, "the height of the pseudo-derivative at the threshold", atol=1e-12)


def _lif_case(rng, n_in, n_rec, n_out, n_steps, rate, gain, scale):
    """Input spikes, weights that make the units fire, a random B and target."""
    x = (rng.random((n_steps, n_in)) < rate).astype(float)
    w_in = rng.uniform(0.0, scale, (n_rec, n_in))
    w_rec = gain * rng.normal(0, 1, (n_rec, n_rec)) / np.sqrt(n_rec)
    w_out = rng.normal(0, 1, (n_out, n_rec)) / np.sqrt(n_rec)
    feedback = rng.normal(0, 1, (n_rec, n_out))
    target = rng.normal(0, 1, (n_steps, n_out))
    return w_in, w_rec, w_out, feedback, x, target


def _eprop_variant(w_in, w_rec, w_out, feedback, x, target, v_th=ref.V_TH, alpha=ref.ALPHA_LIF, kappa=ref.KAPPA,
                   gamma=ref.GAMMA_PD, *, z_now=False, no_kappa=False, raw_input=False, out_unfiltered=False,
                   mean=True):
    """e-prop with one of the known slips switched on."""
    v, z, y = ref.lif_forward(w_in, w_rec, w_out, x, v_th, alpha, kappa)
    error = y - target
    psi = ref.pseudo_derivative(v, v_th, gamma)
    x_bar = x if raw_input else ref.leaky_filter(x, alpha)
    z_filtered = ref.leaky_filter(z, alpha)
    z_bar = z_filtered if z_now else np.vstack([np.zeros((1, len(w_rec))), z_filtered[:-1]])
    signal = error @ feedback.T
    learning = signal if no_kappa else ref.leaky_filter(signal[::-1], kappa)[::-1]  # Σ_{t'≥t} κ^{t'−t} L_t'
    scale = len(x) if mean else 1.0
    grad_out = error.T @ (z if out_unfiltered else ref.leaky_filter(z, kappa))
    return (learning * psi).T @ x_bar / scale, (learning * psi).T @ z_bar / scale, grad_out / scale


def _eprop_mistakes(args, kwargs, index):
    w_out = args[2]
    variants = {
        "the recurrent eligibility trace uses z̄_{t−1}, the spikes that reach v_t through W_rec z_{t−1}.":
            {"z_now": True},
        "filter the eligibility traces with the readout's κ, ē_t = κ ē_{t−1} + e_t: an error at time t depends on "
        "the spikes before t through the leaky readout.": {"no_kappa": True},
        "the input eligibility vector is the filtered input x̄_t = α x̄_{t−1} + x_t, not x_t.": {"raw_input": True},
        "the readout is leaky: grad_out = (1/T) Σ_t e_t ž_tᵀ with ž_t = κ ž_{t−1} + z_t.": {"out_unfiltered": True},
        "the loss is (1/2T) Σ_t ‖e_t‖²: divide the sums over time by T.": {"mean": False},
    }
    found = {hint: _eprop_variant(*args, **kwargs, **switches)[index] for hint, switches in variants.items()}
    if index < 2:
        found["the learning signal is L_t = B e_t with the feedback argument B, not W_outᵀ e_t."] = \
            _eprop_variant(*args[:3], w_out.T, *args[4:], **kwargs)[index]
    return found


def eprop_grad(student_eprop_grad):
    """Check ``eprop_grad`` against the reference on two seeded networks, then the exactness at W_rec = 0."""
    rng = np.random.default_rng(7102)
    cases = ((_lif_case(rng, 4, 6, 2, 60, 0.2, 1.0, 0.15), {}, "4 inputs, 6 units, 2 outputs, 60 steps"),
             (_lif_case(rng, 3, 5, 1, 50, 0.3, 0.5, 0.5), {"v_th": 0.8, "alpha": 0.9, "kappa": 0.8, "gamma": 0.5},
              "3 inputs, 5 units, 1 output, 50 steps, v_th=0.8, alpha=0.9, kappa=0.8, gamma=0.5"))
    for args, kwargs, description in cases:
        what = f"eprop_grad ({description})"
        got = call(student_eprop_grad, *args, returns=GRAD_NAMES, **kwargs)
        _check_grads(got, ref.eprop_grad(*args, **kwargs), what,
                     lambda index, args=args, kwargs=kwargs: _eprop_mistakes(args, kwargs, index))
    w_in, _, w_out, _, x, target = _lif_case(rng, 4, 6, 2, 80, 0.2, 0.0, 0.15)
    w_rec = np.zeros((6, 6))
    got = call(student_eprop_grad, w_in, w_rec, w_out, w_out.T, x, target, returns=GRAD_NAMES)
    exact = ref.lif_bptt_grad(w_in, w_rec, w_out, x, target)
    with hint_on_failure("with W_rec = 0 and B = W_outᵀ, e-prop's learning signal seen through the readout's filter "
                         "is the total derivative dL/dz_t, and e-prop equals backpropagation through time."):
        for name, value, reference in zip(GRAD_NAMES, got, exact):
            assert_close(as_array(value, f"{name} returned by eprop_grad", shape=reference.shape), reference,
                         f"{name} of eprop_grad with W_rec = 0 and B = W_outᵀ against backpropagation through time "
                         "with the same pseudo-derivative", atol=ATOL, rtol=RTOL)


# Discovery answers.

# The cosine between RFLO's gradient of W_rec (B = W_outᵀ) and the exact gradient on the small network at gain 1.5:
# 0.3294 (0.9575 for the three gradients together, −0.1349 with the random B). Central differences with step 1e-5 give the exact gradient to about 1e-9 of its size, and steps from
# 1e-3 to 1e-7 change the cosine by less than 1e-4 (tests/references), so ±0.01 (the two decimals asked) accepts
# every correct way and rejects the cosine at W_rec = 0 (1), that with the random feedback B of rate_network, the
# cosine of all three gradients together (W_out's part is exact) and the angle itself.
rflo_cosine = Discovery(
    0.3294, 0.01, "rflo_cosine, the cosine between RFLO's and the exact gradient of W_rec",
    mistakes={"use the network at gain G_REC (small_network()), not W_rec = 0, where RFLO is exact": 1.0,
              "use symmetric feedback B = W_outᵀ, so that the comparison shows only the dropped term": -0.1349,
              "compare only the gradients of W_rec: W_out's gradient is exact in RFLO and hides the difference": 0.9575})

# The alignment of W_out with Bᵀ after 100 trials of RFLO with random feedback: 0.5284 (from −0.139 before
# training). Loop and filter implementations of rflo_grad agree to 1e-15 over the run (the network is reset to h0
# every trial, so round-off does not grow), so ±0.01 (the two decimals asked) accepts every correct answer and
# rejects the alignment before training (−0.139), after 50 trials (0.465), the symmetric run's W_out (0.017),
# Murray's smaller learning rate 0.03 over the same trials (0.423) and the unnormalised dot product (2.17). One trial
# fewer gives 0.527, within the tolerance: the question is how far the alignment has come, not the last trial.
readout_alignment = Discovery(
    0.5284, 0.01, "readout_alignment, the normalised dot product of W_out and Bᵀ after training",
    mistakes={"measure the alignment after the N_TRIALS trials, not before": -0.139,
              "use the run with the random feedback B: with B = W_outᵀ the alignment is not the question": 0.0167,
              "train with ETA_RATE, the learning rate of Figure 3": 0.4225,
              "normalise the dot product by both norms": 2.166})
