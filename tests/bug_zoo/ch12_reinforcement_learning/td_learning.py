"""Bug zoo of section 12.1, TD learning."""

MISTAKES = {
    "td_error": {
        "next value not discounted": [("+ gamma * np.asarray(v_next", "+ np.asarray(v_next")],
        "prediction minus outcome": [("return np.asarray(r, dtype=float) + gamma * np.asarray(v_next, dtype=float) - np.asarray(v, dtype=float)",
                                      "return np.asarray(v, dtype=float) - np.asarray(r, dtype=float) - gamma * np.asarray(v_next, dtype=float)")],
        "reward discounted too": [("return np.asarray(r, dtype=float) + gamma * np.asarray(v_next, dtype=float)",
                                   "return gamma * (np.asarray(r, dtype=float) + np.asarray(v_next, dtype=float))")],
        "module gamma": [("+ gamma * np.asarray(v_next", "+ GAMMA * np.asarray(v_next")],
    },
    "td_update": {
        "state 0 taken for the end": [("0.0 if s_next is None else values[s_next]", "values[s_next] if s_next else 0.0")],
        "no learning rate": [("values[s] += alpha * delta", "values[s] += delta")],
        "updates the state entered": [("values[s] += alpha * delta", "values[s if s_next is None else s_next] += alpha * delta")],
        "changes its argument": [("values = np.array(values, dtype=float)", "values = np.asarray(values, dtype=float)")],
    },
    "cue_reward_trial": {
        "reward one step late": [("rewarded and k + 1 == reward_step", "rewarded and k == reward_step")],
        "no discount": [("deltas[k] = td_error(v, r, v_next, gamma)", "deltas[k] = td_error(v, r, v_next, 1.0)")],
        "looks past the last state": [("if cue_step <= k + 1 < n_steps else 0.0", "if cue_step <= k + 1 else 0.0")],
    },
    # The discovery answers' mistakes, computed with the reference functions and the mistaken step
    # (tests/references/ch12_reinforcement_learning/test_td_learning.py has the closed form behind them).
    "cue_half_trial": {
        "counted from 0, or read off the value after the trial": "cue_half_trial = 20",
        "the 16th rewarded trial, not the 21st of the experiment": "cue_half_trial = 16",
        "the error of the step after the cue (column CUE_STEP, 1.2 s)": "cue_half_trial = 17",
        "the error at the reward: above half its final 0 from the first rewarded trial": "cue_half_trial = 6",
    },
    "extinction_half_trial": {
        "counted from 0, or compared with 0.5 instead of half of γ^12": "extinction_half_trial = 55",
        "the number of trials since the last reward": "extinction_half_trial = 56 - 40",
        "searched from trial 1, where the response is still 0": "extinction_half_trial = 1",
        "the error of the step after the cue (column CUE_STEP, 1.2 s): 0 from trial 41": "extinction_half_trial = 41",
    },
}

ALTERNATIVES = {
    "td_error": {
        "numpy subtract": """
            def td_error(v, r, v_next, gamma=GAMMA):
                return np.subtract(np.add(r, np.multiply(gamma, v_next)), v)
        """,
    },
    "td_update": {
        "terminal value via a padded table": """
            def td_update(values, s, r, s_next, alpha=ALPHA, gamma=GAMMA):
                padded = np.append(np.asarray(values, dtype=float), 0.0)  # the last entry stands for the end
                target = r + gamma * padded[-1 if s_next is None else s_next]
                delta = target - padded[s]
                padded[s] = padded[s] + alpha * delta
                return padded[:-1], float(delta)
        """,
    },
    "cue_reward_trial": {
        "padded value vector": """
            def cue_reward_trial(values, rewarded, alpha=ALPHA, gamma=GAMMA, cue_step=CUE_STEP, reward_step=REWARD_STEP):
                v = np.concatenate([np.zeros(cue_step), np.asarray(values, dtype=float), [0.0]])
                rewards = np.zeros(len(v))
                if rewarded:
                    rewards[reward_step] = 1.0
                deltas = np.empty(len(v) - 1)
                for k in range(len(deltas)):
                    deltas[k] = rewards[k + 1] + gamma * v[k + 1] - v[k]
                    if k >= cue_step:
                        v[k] += alpha * deltas[k]
                return v[cue_step:-1], deltas
        """,
    },
    "cue_half_trial": {
        "threshold from the analytic γ^12, ≥ instead of >, as a float": """
            values, at_cue = np.zeros(N_STEPS - CUE_STEP), []
            for trial in range(N_TRIALS):
                values, deltas = cue_reward_trial(values, trial in REWARDED_TRIALS)
                at_cue.append(deltas[CUE_STEP - 1])
            cue_half_trial = float(np.argmax(np.array(at_cue) >= GAMMA ** 12 / 2) + 1)
        """,
    },
    "extinction_half_trial": {
        "counting the faded trials back from the end": """
            values, at_cue = np.zeros(N_STEPS - CUE_STEP), []
            for trial in range(N_TRIALS):
                values, deltas = cue_reward_trial(values, trial in REWARDED_TRIALS)
                at_cue.append(deltas[CUE_STEP - 1])
            extinction_half_trial = N_TRIALS + 1 - int(np.sum(np.array(at_cue[40:]) < at_cue[39] / 2))
        """,
    },
}
