"""The example students whose submissions the demo grades.

``STUDENTS[student][section][solution_cell]`` says how a student filled in a
solution cell: a list of ``(old, new)`` edits of the reference code (a realistic
mistake), ``"stub"`` (left untouched) or literal code (or text, for an explain
question's answer). Cells not named get the reference code (an explain question
the model answer); a student mapped to ``None`` submitted the release unchanged.
``python -m autograder build`` writes their notebooks to ``examples/submitted``.
"""

LIF = "ch02_neuron_models/leaky_integrate_and_fire"
HH = "ch02_neuron_models/hodgkin_huxley"
FHN = "ch02_neuron_models/fitzhugh_nagumo"
ISI = "ch02_neuron_models/inter_spike_interval"
RATE = "ch02_neuron_models/firing_rate"
MEMBRANE = "ch02_neuron_models/membrane_potential"
LANGEVIN = "ch02_neuron_models/langevin_noise"
IZHIKEVICH = "ch02_neuron_models/izhikevich"
CABLE = "ch02_neuron_models/cable_theory"
COMPARTMENTS = "ch02_neuron_models/multi_compartment"
FOKKER_PLANCK = "ch02_neuron_models/fokker_planck"
EXP_SYNAPSES = "ch03_synaptic_transmission/exponential_synapses"
STP = "ch03_synaptic_transmission/short_term_plasticity"
QUANTAL = "ch03_synaptic_transmission/synaptic_transmission"
CONDUCTANCE = "ch03_synaptic_transmission/current_vs_conductance"
WEIGHTS = "ch03_synaptic_transmission/synaptic_weights"
GAP = "ch03_synaptic_transmission/electrical_synapses"
KINETIC = "ch03_synaptic_transmission/kinetic_models"
TD = "ch12_reinforcement_learning/td_learning"
DISTRIBUTIONAL_TD = "ch12_reinforcement_learning/distributional_td"
BAYES = "ch11_bayesian_brain/bayesian_basics"
SPARSE = "ch11_bayesian_brain/sparse_coding"
PREDICTIVE = "ch11_bayesian_brain/predictive_coding"
PERCEPTRON = "ch07_learning_rules/perceptron"
HEBB = "ch07_learning_rules/hebbian_learning"
STDP = "ch07_learning_rules/stdp"
TRIPLET = "ch07_learning_rules/triplet_stdp"
COMPETITIVE = "ch07_learning_rules/competitive_learning"
BACKPROP = "ch07_learning_rules/backpropagation"
APPROXIMATIONS = "ch07_learning_rules/backprop_approximations"
TEMPORAL = "ch07_learning_rules/temporal_credit_assignment"
BPTT = "ch07_learning_rules/bptt_rtrl"
ELIGIBILITY = "ch07_learning_rules/eligibility_traces"
RESERVOIR = "ch07_learning_rules/reservoir_computing"
NUMERICAL = "ch01_introduction/numerical_methods"
NOTATION = "ch01_introduction/notation"
RATE_NETWORKS = "ch04_rate_networks/rate_networks"
SPIKING_NETWORKS = "ch05_spiking_networks/spiking_networks"
ARITHMETIC = "ch06_neuronal_computation/neuronal_arithmetic"
NONLINEAR = "ch08_nonlinear_dynamics/nonlinear_dynamics"
ISING = "ch09_associative_memory/ising_model"
HOPFIELD = "ch09_associative_memory/hopfield_model"
BOLTZMANN = "ch09_associative_memory/boltzmann_machine"
INFORMATION = "ch10_information_theory/information_basics"
ICA_SFA = "ch10_information_theory/ica_and_sfa"
MINIMUM_JERK = "ch13_motor_control/minimum_jerk"
MINIMUM_VARIANCE = "ch13_motor_control/minimum_variance"
FEEDBACK_CONTROL = "ch13_motor_control/optimal_feedback_control"
INFINITE_HORIZON = "ch13_motor_control/infinite_horizon_control"
GRID_CELLS = "ch14_spatiotemporal_coding/grid_cells"
PATH_INTEGRATION = "ch14_spatiotemporal_coding/path_integration"
NEURITE_GROWTH = "ch15_neuron_morphology/neurite_growth"

STUDENTS = {
    # Every exercise right.
    "perfect": {},
    # Some right, some with typical mistakes, one not attempted.
    "partial": {
        LIF: {
            "explain_original_formula": "It is the time to charge from rest to threshold. After a spike the neuron "
                                        "starts from the reset potential, below rest, so the later intervals are "
                                        "longer. At strong currents only the refractory period is left.",
            "simulate_lif": [("i_ext[k], dt)", "i_ext[k + 1], dt)")],  # off by one step in time
            "lif_rate_theory": [("(safe_drive - V_RESET)", "(safe_drive - V_REST)")],  # the original's formula
        },
        HH: {
            "hh_step": [("n**4", "n**3")],
            "simulate_hh": "stub",
            "count_spikes": [("np.sum(above[1:] & ~above[:-1], axis=0)", "np.sum(above, axis=0)")],
            "explain_lowest_rate": "The Hodgkin–Huxley neuron has faster sodium channels, so it fires faster.",
        },
        FHN: {
            "fhn_jacobian": [("[[C * (1 - v**2), -C], [1.0, -B]]", "[[C * (1 - v**2), 1.0], [-C, -B]]")],
            "fhn_fixed_point": "stub",
        },
        ISI: {
            "poisson_spikes_bernoulli": [("rate * dt / 1000.0", "rate * dt")],
            "isi_cv": [("np.std(intervals)", "np.var(intervals)")],
        },
        MEMBRANE: {"ghk_potential": [("cation = z > 0", "cation = np.ones_like(z, dtype=bool)")]},  # anions like cations
        IZHIKEVICH: {"izhikevich_step": [("v, u = v + dt * dv, u + dt * du",  # Izhikevich's own code
                                          "v = v + dt * dv\n    u = u + dt * p[\"a\"] * (p[\"b\"] * (v - p[\"vr\"]) - u)")]},
        CABLE: {"cable_steady_state": [("r_lambda = 1e-2 * r_i", "r_lambda = r_i")], "cable_step": "stub"},
        COMPARTMENTS: {"coupling_currents": [("return g_couple @ v - g_couple.sum(axis=1) * v", "return g_couple @ v")]},
        FOKKER_PLANCK: {"fokker_planck_step": [("    p[np.argmin(np.abs(v_grid - v_reset))] += dt * outflow / dv\n", "")],  # no reinjection
                        "siegert_rate": "stub"},
        EXP_SYNAPSES: {"single_exp_step": [("+ spikes / tau", "+ dt * spikes / tau")]},  # the jump scaled by dt
        STP: {"steady_state_efficacy": [("return u_after * x_before", "return u_before * x_before")]},
        QUANTAL: {"quantal_release": [("rng.binomial(n, p, size=n_trials)", "rng.poisson(n * p, size=n_trials)")]},
        CONDUCTANCE: {"conductance_based_input": [("np.asarray(e_syn) - np.asarray(v, dtype=float)[..., None]",
                                                   "np.asarray(v, dtype=float)[..., None] - np.asarray(e_syn)")]},
        WEIGHTS: {"weighted_input": [("return np.asarray(s) @ np.asarray(w).T", "return np.asarray(s) @ np.asarray(w)")]},
        GAP: {"gap_lif_step": [("return v + g_gap @ spiked * spike_area / CAPACITANCE, spiked", "return v, spiked")]},
        KINETIC: {"kinetic_synapse_step": [("alpha * transmitter * (1.0 - r)", "alpha * transmitter")]},
        TD: {"td_update": [("0.0 if s_next is None else values[s_next]", "values[s_next] if s_next else 0.0")],
             "cue_reward_trial": "stub"},
        BAYES: {"combine_cues": [("return var * np.sum(precisions * np.asarray(estimates, dtype=float), axis=0), var",
                                  "return np.mean(estimates, axis=0), var")],  # cues averaged, not weighted
                "blr_predictive": "stub"},
        SPARSE: {"sparse_inference": [("step * lam, nonnegative)", "lam, nonnegative)")]},  # threshold λ, not λ/L
        PREDICTIVE: {"pc_inference_step": [("e0 @ u1 - e1 - 2", "e0 @ u1 - 2")],  # no top-down error
                     "pc_learning_step": "stub"},
        DISTRIBUTIONAL_TD: {"expectile": [("w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)",
                                           "w = np.ones_like(x)")]},  # the weights ignored
        LANGEVIN: {"ou_step": [("np.sqrt(2 * dt / tau) * noise", "dt * np.sqrt(2 / tau) * noise")]},  # noise ∝ dt
        RATE: {"rate_step": [("r + dt / tau * (-r + transfer(i_ext))", "r + dt * (-r + transfer(i_ext))")]},
        PERCEPTRON: {"perceptron_update": [  # the delta-rule form with ±1 labels: every step doubled
            ("eta * y * np.asarray(x, dtype=float), float(b + eta * y)",
             "eta * (y - perceptron_predict(w, b, x)) * np.asarray(x, dtype=float), "
             "float(b + eta * (y - perceptron_predict(w, b, x)))")]},
        HEBB: {"sanger_update": [("np.tril(y.T @ y)", "np.diag(np.diag(y.T @ y))")]},  # each output runs Oja's rule
        STDP: {"stdp_update": [("np.exp(-dt / tau_plus)", "(1 - dt / tau_plus)"),  # the original's Euler decay
                               ("np.exp(-dt / tau_minus)", "(1 - dt / tau_minus)")],
               "explain_depression_dominated_window": "Depression is stronger than potentiation, so weights go down."},
        TRIPLET: {"poisson_drift": [("tau_plus * tau_y * rho_y - a3_minus * tau_minus * tau_x * rho_x",  # τx, τy swapped
                                     "tau_plus * tau_x * rho_y - a3_minus * tau_minus * tau_y * rho_x")]},
        COMPETITIVE: {"som_update": [  # the winners found once per epoch, from the prototypes before it
            ("    for sample in x:\n        winner = np.argmin(np.sum((sample - w) ** 2, axis=1))\n",
             "    winners = np.argmin(np.sum((x[:, None] - w[None]) ** 2, axis=2), axis=1)\n"
             "    for sample, winner in zip(x, winners):\n")]},
        BACKPROP: {"train_mlp": [("for start in range(0, len(x), batch_size):",  # the last, shorter batch dropped
                                  "for start in range(0, len(x) - batch_size + 1, batch_size):")]},
        APPROXIMATIONS: {"node_perturbation_grad": [("(change / sigma)", "(change / sigma**2)")]},
        TEMPORAL: {"grad_past_facing": [('np.einsum("il,ljk->ijk", w, p)', 'np.einsum("li,ljk->ijk", w, p)')]},  # Wᵀ P
        BPTT: {"bptt_grad": [("+ w_rec.T @ du[t]", "+ w_rec @ du[t]")]},  # the original page's missing transpose
        ELIGIBILITY: {"eprop_grad": [  # the eligibility traces without the readout's filter κ
            ("e_in = kappa * e_in + np.outer(psi[t], x_bar)", "e_in = np.outer(psi[t], x_bar)"),
            ("e_rec = kappa * e_rec + np.outer(psi[t], z_bar)", "e_rec = np.outer(psi[t], z_bar)")]},
        RESERVOIR: {"scale_spectral_radius": [  # the largest singular value for the spectral radius
            ("np.max(np.abs(np.linalg.eigvals(W)))", "np.linalg.norm(W, 2)")]},
        NUMERICAL: {"zoh_discretize": [("exponential = expm(block)", "exponential = np.exp(block)")]},  # entrywise
        NOTATION: {"synaptic_input": [  # the row-vector convention: W's transpose
            ("@ np.asarray(w, dtype=float).T", "@ np.asarray(w, dtype=float)")]},
        RATE_NETWORKS: {"jacobian": [("slope[:, None] * M", "slope[None, :] * M")]},  # f' on the columns
        SPIKING_NETWORKS: {"simulate_brunel": [("decay = np.exp(-dt / TAU_M)", "decay = 1 - dt / TAU_M")]},  # Euler
        ARITHMETIC: {"shunting_lif_rate": [("tau = (TAU_M / R_M) / g_total", "tau = TAU_M")]},  # τ not shortened
        NONLINEAR: {"classify_fixed_point": [("trace**2 < 4 * det", "trace**2 < det")]},  # the discriminant's 4 lost
        ISING: {"metropolis_sweep": [("delta_e = 2 * spins * neighbours", "delta_e = spins * neighbours")]},  # ΔE/2
        HOPFIELD: {"hopfield_update": [  # np.sign(0) = 0, as in the original draft
            ("return np.where(fields != 0, np.sign(fields), states)", "return np.sign(fields)")]},
        BOLTZMANN: {"free_energy": [  # the original's +vᵀWh
            ("np.logaddexp(0.0, v @ W.T + c)", "np.logaddexp(0.0, c - v @ W.T)")]},
        INFORMATION: {"infomax_transfer": [('side="right"', 'side="left"')]},  # counts stimuli < s, not ≤ s
        ICA_SFA: {"slow_features": [  # the original's standardisation instead of sphering
            ("z, _ = whiten(x)", "z = (x - x.mean(axis=0)) / x.std(axis=0)")]},
        MINIMUM_JERK: {"min_jerk_qp": [("eye[round(via_time / dt)]", "eye[int(via_time / dt)]")]},  # via index truncated
        MINIMUM_VARIANCE: {"variance_propagation": [  # k as a standard deviation
            ("noise = k * np.outer(B, B)", "noise = k**2 * np.outer(B, B)")]},
        FEEDBACK_CONTROL: {"discretize": [  # the original's standard deviations used as covariances
            ("Gc @ Gc.T * dt, Dc @ Dc.T * dt", "Gc * np.sqrt(dt), Dc * np.sqrt(dt)")]},
        INFINITE_HORIZON: {"simulate_ofc": [("sqrt_dt = np.sqrt(dt)", "sqrt_dt = dt")]},  # noise scaled by dt, not √dt
        GRID_CELLS: {"rate_map": [  # the original's unvisited bins at rate 0
            ("return np.where(visited, spikes / np.where(visited, occupancy, 1.0), np.nan)",
             "occupancy[~visited] = 1.0\n    return spikes / occupancy")]},
        PATH_INTEGRATION: {"integrate_velocity": [  # p_t already includes v_t
            ("increments = np.zeros(velocities.shape)\n    increments[..., 1:, :] = velocities[..., :-1, :] * dt",
             "increments = velocities * dt")]},
        NEURITE_GROWTH: {"grow_step": [("-np.expm1(-turn_rate * steps[:, 0])", "turn_rate * steps[:, 0]")]},  # r_L ΔL
    },
    # Submitted the release notebooks as they were.
    "unchanged": None,
    # Notebooks that raise: a syntax error and an import that fails.
    "errors": {
        LIF: {"lif_step": "def lif_step(v, refractory_left, i_ext, dt)\n    return v, refractory_left, v > V_THR"},
        FHN: {"fhn_step": "def fhn_step(v, u, i_ext, dt):\n    return fhn_step(v, u, i_ext, dt)  # recursion"},
        HH: {"hh_rates": "import hodgkin_huxley_helpers  # a module only on the student's laptop\n\n"
                         "def hh_rates(v):\n    return hodgkin_huxley_helpers.rates(v)"},
        STDP: {"stdp_window": "def stdp_window(delta_t, a_plus=A_PLUS, a_minus=A_MINUS, tau_plus=TAU_PLUS, "
                              "tau_minus=TAU_MINUS):\n    return np.where(delta_t > 0, a_plus * np.exp(-delta_t / tau_plus)"},
    },
}
