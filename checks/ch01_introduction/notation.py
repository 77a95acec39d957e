"""Checks of section 1.2, notation and array shapes.

Besides the comparison with ``solutions`` on random inputs, the checks use
non-square shapes (n_steps, n_pre and n_post all different), so that a product
with the wrong orientation raises or returns the wrong shape, and square ones,
where a transposed W runs without error: there the values must match. The
facts: a single spike of presynaptic j in step t puts column j of W into row t
of the input; a single coincidence of postsynaptic i and presynaptic j changes
only w[i, j], by η, and spikes in different steps change nothing; the batched
product equals the product of every pair of the broadcast stacks. Two discovery
answers: the output spikes of the example network and the share of their
Hebbian weight change that falls on existing connections.

All products here are of numbers of order 1 over at most a few dozen terms, so
any order of summation (``@``, ``einsum``, loops) agrees to ~1e-15; the checks
allow 1e-12.
"""

import numpy as np

from autograder.checking import Discovery, assert_close, call, hint_on_failure
from solutions.ch01_introduction import notation as ref

ORIENTATION = ("w has shape (n_post, n_pre) and spikes is time first, (n_steps, n_pre): the input is "
               "spikes @ w.T, of shape (n_steps, n_post), whose row t is W s_t.")

STACKS = ("swap only the last two axes of w, np.swapaxes(w, -1, -2) (w.T reverses all its axes), and let @ broadcast "
          "the leading axes (einsum with '...' does too; fixed letters for the batch axes do not broadcast).")


def _call(fn, *args, hint):
    """``call(fn, *args)``, with ``hint`` added when the function raises (a product of mismatched shapes), but not
    to a stub that is not implemented yet (the hint would only give the answer away) or to a mutation."""
    try:
        return call(fn, *args)
    except AssertionError as error:
        if "not implemented yet" in str(error) or "in place" in str(error):
            raise
        with hint_on_failure(hint):
            raise


def _raster(rng, n_steps, n):
    """A random 0/1 raster of shape (n_steps, n)."""
    return (rng.random((n_steps, n)) < 0.3).astype(float)


def synaptic_input(student_input):
    """Check ``synaptic_input(w, spikes)`` on non-square and square networks, with spikes and with rates."""
    rng = np.random.default_rng(121)
    w = rng.normal(0.0, 1.0, (3, 5))  # n_post = 3, n_pre = 5, n_steps = 40: every orientation slip shows
    for spikes, kind in ((_raster(rng, 40, 5), "0/1 spikes"), (rng.uniform(0.0, 2.0, (40, 5)), "rates")):
        result = _call(student_input, w, spikes, hint=ORIENTATION)
        with hint_on_failure(ORIENTATION):
            assert_close(
                result, ref.synaptic_input(w, spikes),
                f"synaptic_input(w of shape (3, 5), spikes of shape (40, 5), {kind})", atol=1e-12,
                mistakes={"time is the first axis of spikes: the input of step t is W s_t for every row t, "
                          "not the total over time.": np.tile(spikes.sum(axis=0) @ w.T, (40, 1))},
            )
    # A square network, where the row-vector product spikes @ w runs without error but uses Wᵀ.
    w = rng.normal(0.0, 1.0, (6, 6))
    spikes = _raster(rng, 30, 6)
    assert_close(
        _call(student_input, w, spikes, hint=ORIENTATION), ref.synaptic_input(w, spikes),
        "synaptic_input(w of shape (6, 6), spikes of shape (30, 6))", atol=1e-12,
        mistakes={"spikes @ w is the row-vector convention with W of shape (n_pre, n_post): with W of shape "
                  "(n_post, n_pre) it uses Wᵀ, the weights each neuron sends instead of those it receives. "
                  "Use spikes @ w.T.": spikes @ w},
        hint=ORIENTATION,
    )


def hebbian_update(student_update):
    """Check ``hebbian_update(w, post, pre, eta)`` on non-square and square networks, then one coincidence."""
    rng = np.random.default_rng(122)
    for n_post, n_pre in ((3, 5), (4, 4)):
        w = rng.normal(0.0, 1.0, (n_post, n_pre))
        post, pre = _raster(rng, 50, n_post), _raster(rng, 50, n_pre)
        eta = 0.1
        correlation = post.T @ pre
        mistakes = {
            "sum the outer products of the same step, Σ_t y_t x_tᵀ = post.T @ pre; the outer product of the "
            "summed activities also pairs spikes of different steps.":
                w + eta * np.outer(post.sum(axis=0), pre.sum(axis=0)),
            "sum the outer products over all steps, not only the last one.": w + eta * np.outer(post[-1], pre[-1]),
            "the change is the sum over time, not its mean.": w + eta * correlation / 50,
            "return the updated weights w + η Σ_t y_t x_tᵀ, not the change alone.": eta * correlation,
            "multiply the change by the learning rate eta.": w + correlation,
        }
        if n_post == n_pre:
            mistakes["pre.T @ post has shape (n_pre, n_post): w[i, j] pairs postsynaptic i with presynaptic j, "
                     "post.T @ pre."] = w + eta * pre.T @ post
        shape_hint = "the result has the shape (n_post, n_pre) of w: w + eta * post.T @ pre."
        result = _call(student_update, w, post, pre, eta, hint=shape_hint)
        with hint_on_failure(shape_hint):
            assert_close(
                result, ref.hebbian_update(w, post, pre, eta),
                f"hebbian_update(w of shape {w.shape}, post of shape {post.shape}, pre of shape {pre.shape}, "
                f"eta={eta})", atol=1e-12, mistakes=mistakes,
            )
    post, pre = np.zeros((4, 3)), np.zeros((4, 5))
    post[2, 1] = pre[2, 4] = 1.0  # postsynaptic 1 and presynaptic 4 spike together in step 2
    post[0, 0] = pre[3, 2] = 1.0  # postsynaptic 0 and presynaptic 2 spike in different steps
    expected = np.zeros((3, 5))
    expected[1, 4] = 0.5
    assert_close(call(student_update, np.zeros((3, 5)), post, pre, 0.5), expected,
                 "hebbian_update from w = 0 with one coincidence (post 1, pre 4) and two unpaired spikes, eta = 0.5",
                 atol=1e-12, hint="only spikes in the same step are paired: w[i, j] grows by eta for each step in "
                 "which postsynaptic i and presynaptic j are both active.")


def batched_input(student_batched):
    """Check ``batched_input(w, spikes)`` with equal and broadcast leading axes, and a square stack."""
    rng = np.random.default_rng(123)
    cases = (
        ((2, 3, 5), (2, 7, 5), "one weight matrix per raster"),
        ((4, 3, 5), (7, 5), "a stack of weight matrices for one raster"),
        ((3, 5), (2, 7, 5), "one weight matrix for a stack of rasters"),
        ((2, 1, 3, 5), (4, 7, 5), "leading axes (2, 1) and (4,) broadcast to (2, 4)"),
        ((3, 5), (7, 5), "no leading axes"),
    )
    for w_shape, spikes_shape, kind in cases:
        w, spikes = rng.normal(0.0, 1.0, w_shape), (rng.random(spikes_shape) < 0.3).astype(float)
        result = _call(student_batched, w, spikes, hint=STACKS)
        with hint_on_failure(STACKS):
            assert_close(
                result, ref.batched_input(w, spikes),
                f"batched_input(w of shape {w_shape}, spikes of shape {spikes_shape}), {kind}", atol=1e-12,
            )
    w, spikes = rng.normal(0.0, 1.0, (2, 4, 4)), (rng.random((2, 6, 4)) < 0.3).astype(float)
    assert_close(_call(student_batched, w, spikes, hint=STACKS), ref.batched_input(w, spikes),
                 "batched_input(w of shape (2, 4, 4), spikes of shape (2, 6, 4))", atol=1e-12,
                 mistakes={"spikes @ w uses the transposed weights; swap the last two axes of w first.": spikes @ w},
                 hint=ORIENTATION)


# The output spikes of the example network: an exact count (602 with the reference), the same for every correct
# product (the inputs are sums of 0/1 products, exact in floating point), so ±0.5 accepts only the count itself.
output_spikes = Discovery(
    602, 0.5, "output_spikes, the number of output spikes of the example network",
    mistakes={"a neuron fires when its input is at least THETA (>=, not >).": 52,
              "spikes @ w uses Wᵀ: use your synaptic_input, whose rows are W s_t.": 380,
              "count every entry of the input that reaches THETA, not the steps with at least one output spike.": 221,
              "count the output spikes, not the neurons that fire at least once.": 70,
              "the threshold is THETA = 3 coincident inputs.": 4556})

# The share of the Hebbian change on connected pairs: 0.66607 with the reference, exact up to round-off for any
# correct computation. The question asks for three decimals; ±0.001 accepts the value rounded or truncated to
# three decimals and rejects every mistake below (the nearest, ">" instead of ">=", gives 0.7007).
causal_fraction = Discovery(
    0.66607, 0.001, "causal_fraction, the share of the Hebbian weight change on existing connections",
    mistakes={"w[i, j] pairs postsynaptic i with presynaptic j: the change is hebbian_update(0, output, spikes, 1), "
              "of shape (n_post, n_pre) like w, not its transpose.": 0.1548,
              "weigh the change by the connections: Σ W ΔW / Σ ΔW, not the share of connected pairs.": 0.158,
              "the postsynaptic activity is the output spikes (input >= THETA), not the input itself.": 0.4678,
              "the output spikes come from the inputs W s_t of synaptic_input; with spikes @ w (Wᵀ) other synapses "
              "cause them.": 0.1428,
              "a neuron fires when its input is at least THETA (>=, not >).": 0.7007,
              "pair spikes of the same step (post.T @ pre), not the summed activities.": 0.2551})
