"""Bug zoo of section 7.3, spike-timing-dependent plasticity."""

MISTAKES = {
    "stdp_window": {
        "Δt as t_pre − t_post (Song et al.'s sign)": [
            ("delta_t = np.asarray(delta_t, dtype=float)", "delta_t = -np.asarray(delta_t, dtype=float)")],
        "depression with a positive sign": [
            ("np.where(delta_t > 0, potentiation, 0.0) - np.where", "np.where(delta_t > 0, potentiation, 0.0) + np.where")],
        "a pair at Δt = 0 potentiates": [("np.where(delta_t > 0, potentiation", "np.where(delta_t >= 0, potentiation")],
        "τ₊ and τ₋ swapped": [("np.abs(delta_t) / tau_plus)", "np.abs(delta_t) / TAU)"),
                              ("np.abs(delta_t) / tau_minus)", "np.abs(delta_t) / tau_plus)"),
                              ("np.abs(delta_t) / TAU)", "np.abs(delta_t) / tau_minus)")],
        "A₋ equal to A₊": [("depression = a_minus *", "depression = a_plus *")],
        "the module's constants instead of the arguments": [
            ("potentiation = a_plus * np.exp(-np.abs(delta_t) / tau_plus)",
             "potentiation = A_PLUS * np.exp(-np.abs(delta_t) / TAU_PLUS)"),
            ("depression = a_minus * np.exp(-np.abs(delta_t) / tau_minus)",
             "depression = A_MINUS * np.exp(-np.abs(delta_t) / TAU_MINUS)")],
    },
    "stdp_update": {
        "Euler decay 1 − dt/τ, as on the original page": [
            ("np.exp(-dt / tau_plus)", "(1 - dt / tau_plus)"), ("np.exp(-dt / tau_minus)", "(1 - dt / tau_minus)")],
        "spikes added to the traces before the weight update (Δt = 0 pairs count)": [
            ("    w = w + a_plus * np.outer(post_spike, x_pre) - a_minus * np.outer(x_post, pre_spike)\n"
             "    return w, x_pre + pre_spike, x_post + post_spike",
             "    x_pre, x_post = x_pre + pre_spike, x_post + post_spike\n"
             "    w = w + a_plus * np.outer(post_spike, x_pre) - a_minus * np.outer(x_post, pre_spike)\n"
             "    return w, x_pre, x_post")],
        "weights updated with the traces before their decay": [
            ("    x_pre = np.asarray(x_pre, dtype=float) * np.exp(-dt / tau_plus)\n"
             "    x_post = np.asarray(x_post, dtype=float) * np.exp(-dt / tau_minus)\n"
             "    w = w + a_plus * np.outer(post_spike, x_pre) - a_minus * np.outer(x_post, pre_spike)\n",
             "    w = w + a_plus * np.outer(post_spike, x_pre) - a_minus * np.outer(x_post, pre_spike)\n"
             "    x_pre = np.asarray(x_pre, dtype=float) * np.exp(-dt / tau_plus)\n"
             "    x_post = np.asarray(x_post, dtype=float) * np.exp(-dt / tau_minus)\n")],
        "pre trace decays with τ₋, post trace with τ₊": [
            ("np.exp(-dt / tau_plus)", "np.exp(-dt / TAU)"), ("np.exp(-dt / tau_minus)", "np.exp(-dt / tau_plus)"),
            ("np.exp(-dt / TAU)", "np.exp(-dt / tau_minus)")],
        "anti-Hebbian: potentiation at presynaptic spikes": [
            ("a_plus * np.outer(post_spike, x_pre) - a_minus * np.outer(x_post, pre_spike)",
             "a_plus * np.outer(x_post, pre_spike) - a_minus * np.outer(post_spike, x_pre)")],
        "weights updated in place": [("    w = w + a_plus", "    w += a_plus")],
        "outer product of the wrong orientation": [("np.outer(post_spike, x_pre)", "np.outer(x_pre, post_spike)"),
                                                   ("np.outer(x_post, pre_spike)", "np.outer(pre_spike, x_post)")],
        "traces reset to 1 at a spike instead of growing by 1": [
            ("return w, x_pre + pre_spike, x_post + post_spike",
             "return w, np.where(pre_spike > 0, 1.0, x_pre), np.where(post_spike > 0, 1.0, x_post)")],
    },
    "stdp_amplitudes": {
        "the original page's hard bound A₋ = η₋Θ(−w)": [("eta_minus * (w > w_min)", "eta_minus * (-w >= 0)")],
        "Θ(0) = 1 at the hard bounds (np.heaviside(x, 1))": [
            ("eta_plus * (w < w_max), eta_minus * (w > w_min)",
             "eta_plus * np.heaviside(w_max - w, 1), eta_minus * np.heaviside(w - w_min, 1)")],
        "soft bound ignores w_min": [("eta_minus * (w - w_min)", "eta_minus * w")],
        "soft bound the wrong way round": [("eta_plus * (w_max - w), eta_minus * (w - w_min)",
                                           "eta_plus * (w - w_min), eta_minus * (w_max - w)")],
        "the module's constants instead of the arguments": [
            ("eta_plus * (w_max - w), eta_minus * (w - w_min)", "A_PLUS * (W_MAX - w), A_MINUS * (w - W_MIN)"),
            ("eta_plus * (w < w_max), eta_minus * (w > w_min)", "A_PLUS * (w < W_MAX), A_MINUS * (w > W_MIN)")],
    },
    "final_weight": {
        "the original page's Euler decay 1 − dt/τ": "final_weight = 1.6105e-4",
        "Δt as t_pre − t_post": "final_weight = -6.928e-4",
        "A₋ equal to A₊": "final_weight = 4.183e-4",
        "dt in seconds with τ in ms": "final_weight = 3.916e-3",
        "in units of 1e-4": "final_weight = 1.6475",
    },
    "window_integral": {
        "integrated over the plotted ±50 ms only": "window_integral = float(np.sum(stdp_window(np.arange(-50, 51))))",
        "in seconds": "window_integral = -1e-5",
        "A₋ equal to A₊": "window_integral = 0.0",
        "the integral of |W|": "window_integral = A_PLUS * TAU_PLUS + A_MINUS * TAU_MINUS",
        "the potentiation lobe only": "window_integral = A_PLUS * TAU_PLUS",
    },
}

ALTERNATIVES = {
    "stdp_window": {
        "boolean masks": """
            def stdp_window(delta_t, a_plus=A_PLUS, a_minus=A_MINUS, tau_plus=TAU_PLUS, tau_minus=TAU_MINUS):
                delta_t = np.asarray(delta_t, dtype=float)
                dw = np.zeros_like(delta_t)
                after, before = delta_t > 0, delta_t < 0
                dw[after] = a_plus * np.exp(-delta_t[after] / tau_plus)
                dw[before] = -a_minus * np.exp(delta_t[before] / tau_minus)
                return dw
        """,
        "np.piecewise": """
            def stdp_window(delta_t, a_plus=A_PLUS, a_minus=A_MINUS, tau_plus=TAU_PLUS, tau_minus=TAU_MINUS):
                delta_t = np.asarray(delta_t, dtype=float)
                return np.piecewise(delta_t, [delta_t > 0, delta_t < 0],
                                    [lambda d: a_plus * np.exp(-d / tau_plus),
                                     lambda d: -a_minus * np.exp(d / tau_minus), 0.0])
        """,
    },
    "stdp_update": {
        "broadcasting and copies": """
            def stdp_update(w, x_pre, x_post, pre_spike, post_spike, dt,
                            a_plus=A_PLUS, a_minus=A_MINUS, tau_plus=TAU_PLUS, tau_minus=TAU_MINUS):
                x_pre_now = np.exp(-dt / tau_plus) * x_pre
                x_post_now = np.exp(-dt / tau_minus) * x_post
                ltp = a_plus * post_spike[:, None] * x_pre_now[None, :]
                ltd = a_minus * x_post_now[:, None] * pre_spike[None, :]
                new_w = np.array(w, dtype=float)
                new_w += ltp - ltd
                return new_w, x_pre_now + pre_spike, x_post_now + post_spike
        """,
    },
    "stdp_amplitudes": {
        "np.heaviside with Θ(0) = 0": """
            def stdp_amplitudes(w, bound, eta_plus=A_PLUS, eta_minus=A_MINUS, w_min=W_MIN, w_max=W_MAX):
                w = np.asarray(w, dtype=float)
                if bound == "hard":
                    return eta_plus * np.heaviside(w_max - w, 0.0), eta_minus * np.heaviside(w - w_min, 0.0)
                return eta_plus * (w_max - w), eta_minus * (w - w_min)
        """,
    },
    "final_weight": {
        "three significant figures": "final_weight = 1.65e-4",
        "the all-to-all pair sum of the window": (
            "final_weight = float(np.sum(stdp_window(np.subtract.outer(POST_SPIKE_TIMES, PRE_SPIKE_TIMES))))"),
    },
    "window_integral": {
        "a 1 ms Riemann sum over ±500 ms": "window_integral = float(np.sum(stdp_window(np.arange(-500, 501))))",
        "the areas of the two lobes": "window_integral = A_PLUS * TAU_PLUS - A_MINUS * TAU_MINUS",
        "a trapezoid rule on a 0.1 ms grid": (
            "window_integral = float(np.trapezoid(stdp_window(np.linspace(-300, 300, 6001)), dx=0.1))"),
    },
}
