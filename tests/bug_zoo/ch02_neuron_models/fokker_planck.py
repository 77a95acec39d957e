"""Bug zoo of section 2.10, the Fokker–Planck population model."""

MISTAKES = {
    "population_rate": {
        "no factor 2 at the threshold face": [("1000.0 * 2 * sigma**2", "1000.0 * sigma**2")],
        "per ms instead of Hz": [("1000.0 * 2 * sigma**2", "2 * sigma**2")],
        "bottom cell": [("p[-1] / dv", "p[0] / dv")],
        "sigma not squared": [("sigma**2 / tau * p[-1]", "sigma / tau * p[-1]")],
    },
    "fokker_planck_step": {
        "no reinjection": [("    p[np.argmin(np.abs(v_grid - v_reset))] += dt * outflow / dv\n", "")],
        "reinjection not divided by dv": [("+= dt * outflow / dv", "+= dt * outflow")],
        "outflow without the factor 2": [("outflow = 2 * diffusion", "outflow = diffusion")],
        "drift sign": [("drift = (v_rest + mu - faces) / tau", "drift = (faces - v_rest - mu) / tau")],
        "module constants": [("drift = (v_rest + mu - faces) / tau", "drift = (V_REST + mu - faces) / TAU_M"),
                             ("diffusion = sigma**2 / tau", "diffusion = sigma**2 / TAU_M"),
                             ("np.abs(v_grid - v_reset)", "np.abs(v_grid - V_RESET)")],
    },
    "siegert_rate": {
        "sigma without the square root of 2": [("scale = v_rest + mu, np.sqrt(2) * sigma", "scale = v_rest + mu, sigma")],
        "limits swapped": [("quad(lambda u: erfcx(-u), lower, upper", "quad(lambda u: erfcx(-u), upper, lower")],
        "forgets the refractory period": [("1000.0 / (t_ref + tau", "1000.0 / (tau")],
        "naive integrand": """
            from scipy.special import erf

            def siegert_rate(mu, sigma, tau=TAU_M, v_rest=V_REST, v_thr=V_THR, v_reset=V_RESET, t_ref=0.0):
                v_inf, scale = v_rest + mu, np.sqrt(2) * sigma
                integral, _ = quad(lambda u: np.exp(u**2) * (1 + erf(u)), (v_reset - v_inf) / scale, (v_thr - v_inf) / scale)
                return 1000.0 / (t_ref + tau * np.sqrt(np.pi) * integral)
        """,
    },

    "sigma_1hz": {
        # each computed with brentq on the reference siegert_rate and the mistaken step
        "Brunel's convention, σ√2": "sigma_1hz = 2.566",
        "solved for 1 mHz": "sigma_1hz = 1.046",
        "the variance σ²": "sigma_1hz = 3.29",
        "first σ above 1 Hz on a 0.1-mV grid": "sigma_1hz = 1.9",
    },
}

ALTERNATIVES = {
    "population_rate": {
        "diffusion coefficient first": """
            def population_rate(p, v_grid, sigma, tau=TAU_M):
                diffusion = sigma**2 / tau  # mV²/ms
                gradient = (0.0 - p[-1]) / ((v_grid[-1] - v_grid[-2]) / 2)  # p vanishes on the threshold face
                return -diffusion * gradient * 1e3
        """,
    },
    "fokker_planck_step": {
        "ghost cells and population_rate": """
            def fokker_planck_step(p, v_grid, mu, sigma, dt, tau=TAU_M, v_rest=V_REST, v_reset=V_RESET):
                dv = v_grid[1] - v_grid[0]
                padded = np.concatenate(([p[0]], p, [-p[-1]]))  # reflecting below, p = 0 on the threshold face
                faces = np.concatenate(([v_grid[0] - dv / 2], v_grid + dv / 2))
                flux = (v_rest + mu - faces) / tau * (padded[:-1] + padded[1:]) / 2 - sigma**2 / tau * np.diff(padded) / dv
                flux[0] = 0.0
                new = p - dt / dv * np.diff(flux)
                reset = int(np.argmin(np.abs(v_grid - v_reset)))
                new[reset] += dt / dv * population_rate(p, v_grid, sigma, tau) / 1000
                return new
        """,
    },
    "siegert_rate": {
        "first-passage time with erfcx and a change of sign": """
            from scipy.special import erfcx as scaled_erfc

            def siegert_rate(mu, sigma, tau=TAU_M, v_rest=V_REST, v_thr=V_THR, v_reset=V_RESET, t_ref=0.0):
                s = sigma * np.sqrt(2.0)
                a, b = (v_rest + mu - v_thr) / s, (v_rest + mu - v_reset) / s  # w = −u runs from a to b
                mean_interval = tau * np.sqrt(np.pi) * quad(scaled_erfc, a, b, epsabs=1e-12, epsrel=1e-12)[0]
                return 1e3 / (t_ref + mean_interval)
        """,
    },
    "sigma_1hz": {
        "a grid of 0.01 mV, first σ at or above 1 Hz": "sigma_1hz = 1.82",
        "bisection to 0.01 mV, rounded": "sigma_1hz = round(1.8143, 2)",
    },
}
