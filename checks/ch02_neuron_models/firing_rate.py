"""Checks of section 2.11, firing-rate models.

Besides the comparison with ``solutions``, the checks test facts: the sigmoid
is r_max/2 at threshold with slope gain·r_max/4 and finite for huge inputs, the
steady state r = f(I) does not move under ``rate_step``, and the step is linear
in dt/τ. One discovery answer: the self-excitation from which a recurrent unit
remembers a pulse.
"""

import numpy as np

from autograder.checking import Discovery, as_array, assert_close, call
from solutions.ch02_neuron_models import firing_rate as ref


def relu(student_relu):
    """Check ``relu(x, threshold, gain)`` on random inputs."""
    x = np.random.default_rng(31).uniform(-5, 5, 40)
    for threshold, gain in ((0.0, 1.0), (1.5, 2.0)):
        assert_close(
            call(student_relu, x, threshold=threshold, gain=gain), ref.relu(x, threshold, gain),
            f"relu(x, threshold={threshold}, gain={gain}) for x in [-5, 5]", atol=1e-12,
            mistakes={
                "the output is gain · max(x − threshold, 0): subtract the threshold before rectifying.":
                    gain * np.where(x > threshold, x, 0.0),
                "rectify at 0, not at −threshold: max(x − threshold, 0).": gain * np.maximum(x + threshold, 0.0),
                "the gain multiplies the rectified input.": np.maximum(gain * x - threshold, 0.0),
            },
        )


def sigmoid(student_sigmoid):
    """Check ``sigmoid(x, r_max, gain, threshold)``: values, midpoint, slope, no overflow."""
    x = np.random.default_rng(32).uniform(-10, 10, 40)
    for r_max, gain, threshold in ((1.0, 1.0, 0.0), (50.0, 0.5, 2.0)):
        expected = ref.sigmoid(x, r_max, gain, threshold)
        assert_close(
            call(student_sigmoid, x, r_max=r_max, gain=gain, threshold=threshold), expected,
            f"sigmoid(x, r_max={r_max}, gain={gain}, threshold={threshold})", atol=1e-12, rtol=1e-9,
            mistakes={
                "the exponent is −gain · (x − threshold).": r_max / (1 + np.exp(gain * (x - threshold))),
                "the threshold shifts x before the gain scales it: gain · (x − threshold).":
                    r_max / (1 + np.exp(-(gain * x - threshold))),
                "r_max multiplies the whole logistic function.": 1 / (1 + np.exp(-gain * (x - threshold))),
            },
        )
    huge = np.array([-1e4, 1e4])
    assert_close(as_array(call(student_sigmoid, huge), "sigmoid([-1e4, 1e4])", shape=(2,),
                          nonfinite_hint="write the logistic function so that exp never overflows, e.g. "
                          "with np.tanh or scipy.special.expit."),
                 [0.0, 1.0], "sigmoid([-1e4, 1e4])", atol=1e-12)


def rate_step(student_rate_step):
    """Check ``rate_step(r, i_ext, dt, transfer, tau)`` with both transfer functions."""
    rng = np.random.default_rng(33)
    r, i_ext = rng.uniform(0, 1, 30), rng.uniform(-2, 4, 30)
    # dt differs from 1/tau in both cases, so "forgets dt" and "forgets tau" give different hints.
    for transfer, dt, tau in ((ref.relu, 0.2, ref.TAU_R), (ref.sigmoid, 0.5, 20.0)):
        drive = transfer(i_ext)
        assert_close(
            call(student_rate_step, r, i_ext, dt, transfer, tau=tau), ref.rate_step(r, i_ext, dt, transfer, tau),
            f"rate_step(r, i_ext, dt={dt}, {transfer.__name__}, tau={tau})", atol=1e-12, rtol=1e-9,
            mistakes={
                "your update ignores dt: the Euler step is r + dt/τ · (−r + f(I)).": r + (-r + drive) / tau,
                "divide by the time constant tau.": r + dt * (-r + drive),
                "the rate decays: −r, not +r.": r + dt / tau * (r + drive),
                "apply the transfer function to the input, not to the rate.": r + dt / tau * (-r + i_ext),
            },
        )
    steady = ref.sigmoid(i_ext)
    assert_close(call(student_rate_step, steady, i_ext, 0.1, ref.sigmoid), steady,
                 "rate_step from the steady state r = f(I)", atol=1e-12,
                 hint="at r = f(I) the right-hand side −r + f(I) vanishes.")


# The weight at which a pulse is remembered: the upper fixed points of r = f(w r) appear in a saddle-node
# bifurcation at w = 1.6818 (solved with brentq). Runs of 1000 ms find the first remembering weight at 1.681
# (dt = 0.1 or 0.01 ms, steps of 0.001) and at 1.69 on the question's grid of 0.01; near the bifurcation the rate
# lingers by the vanishing fixed point, so shorter runs find less (1.678 at 500 ms, 1.67 at 300 ms). 1.684 ± 0.008
# accepts the 1000 ms answers at either resolution and the bifurcation itself, and rejects the 300 ms run.
persistence_weight = Discovery(
    1.684, 0.008, "persistence_weight, the smallest self-excitation that keeps the unit firing after the pulse",
    mistakes={"the recurrent input w·r goes through the transfer function with the pulse: rate_step(r, w * r + I, "
              "dt, transfer).": 0.96,
              "use Figure 1's sigmoid, with gain 4 and threshold 1.": 2.0,
              "the sigmoid's threshold is 1, as in Figure 1: with threshold 0 the unit rests at r = 1/2.": 0.0,
              "run until t = 1000 ms: near the critical weight the rate takes long to fall.": 1.67})
