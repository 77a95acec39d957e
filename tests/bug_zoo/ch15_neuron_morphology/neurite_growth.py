"""Bug zoo of chapter 15, neurite growth and Sholl analysis."""

MISTAKES = {
    "segment_endpoints": {
        "cos and sin swapped": [("np.column_stack([np.cos(angle), np.sin(angle)])",
                                 "np.column_stack([np.sin(angle), np.cos(angle)])")],
        "no parent offset: every segment starts at the soma": [
            ("end[i] = (end[p] if p >= 0 else 0.0) + vector[i]", "end[i] = vector[i]")],
        "headings read as relative to the parent's heading": """
            def segment_endpoints(parent, length, angle):
                heading = np.array(angle, dtype=float)
                start, end = np.zeros((len(parent), 2)), np.zeros((len(parent), 2))
                for i, p in enumerate(parent):
                    if p >= 0:
                        heading[i] += heading[p]
                        start[i] = end[p]
                    end[i] = start[i] + length[i] * np.array([np.cos(heading[i]), np.sin(heading[i])])
                return start, end
        """,
        "a segment starts where its parent starts (so every one at the soma)": """
            def segment_endpoints(parent, length, angle):
                start, end = np.zeros((len(parent), 2)), np.zeros((len(parent), 2))
                for i, p in enumerate(parent):
                    if p >= 0:
                        start[i] = start[p]
                    end[i] = start[i] + length[i] * np.array([np.cos(angle[i]), np.sin(angle[i])])
                return start, end
        """,
        "root segments start at end[-1]": [("start = np.where(np.asarray(parent)[:, None] >= 0, end[parent], 0.0)",
                                            "start = end[parent]")],
    },
    "branching_probabilities": {
        "no normalisation C_n": [("* weight / weight.mean()", "* weight")],
        "C_n as the sum instead of the mean": [("weight / weight.mean()", "weight / weight.sum()")],
        "n^E instead of n^(−E)": [("weight.size ** (-e)", "weight.size ** e")],
        "2^(+Sγ)": [("2.0 ** (-s * np.asarray(order, dtype=float))", "2.0 ** (s * np.asarray(order, dtype=float))")],
        "the rate times Δt instead of its integral": [("np.expm1(dt / tau)", "(dt / tau)")],
        "t read as the start of the step in the original's formula": [
            ("np.exp(-t / tau) * np.expm1(dt / tau)", "np.exp(-(t - dt) / tau) * np.expm1(dt / tau)")],
        "the integral over [t, t + Δt] (the original's text)": [
            ("np.exp(-t / tau) * np.expm1(dt / tau)", "np.exp(-t / tau) * -np.expm1(-dt / tau)")],
    },
    "grow_step": {
        "normal speeds, as the original (negative lengths)": [
            ("steps = rng.gamma(shape, scale, (tips.size, 2)) * dt",
             "steps = rng.normal(speed_mean, speed_sd, (tips.size, 2)) * dt")],
        "turning probability r_L ΔL, as the original": [
            ("-np.expm1(-turn_rate * steps[:, 0])", "turn_rate * steps[:, 0]")],
        "dt forgotten: ΔL = ν": [("* dt  # µm", "  # µm")],
        "daughters keep their parent's order": [
            ('tree["order"][tips[source]] + daughter', 'tree["order"][tips[source]]')],
        "a turn raises the order like a branch": [
            ('tree["order"][tips[source]] + daughter', 'tree["order"][tips[source]] + 1')],
        "both daughters to the left": [("np.where(right, -1, 1) * max_branch_angle", "max_branch_angle")],
        "one speed for both daughters": [("steps[source, right.astype(int)]", "steps[source, 0]")],
        "a branching tip stays terminal": [("terminal[tips[~grows]] = False", "terminal[tips[turns]] = False")],
        "a turning tip elongates as well": [
            ("end[tips[grows]] += steps[grows, 0][:, None] * np.column_stack([np.cos(heading[grows]), "
             "np.sin(heading[grows])])",
             "end[tips[~branches]] += steps[~branches, 0][:, None] * np.column_stack([np.cos(heading[~branches]), "
             "np.sin(heading[~branches])])")],
        "turning angle U(0, α)": [("max_turn_angle * (2 * uniform - 1)", "max_turn_angle * uniform")],
        "the step's parameters not passed on to branching_probabilities": [
            ("branching_probabilities(tree[\"order\"][tips], t, dt, b_inf, e, s, tau)",
             "branching_probabilities(tree[\"order\"][tips], t, dt)")],
        "the caller's terminal flags changed in place": [
            ('terminal = tree["terminal"].copy()', 'terminal = tree["terminal"]')],
        "angles from np.random instead of rng": [
            ("uniform = rng.random(source.size)", "uniform = np.random.random(source.size)")],
        "daughters appended before the turned segments": [
            ("source = np.repeat(np.arange(tips.size), np.where(branches, 2, turns))",
             "source = np.r_[np.repeat(np.flatnonzero(branches), 2), np.flatnonzero(turns)]")],
    },
    "total_length": {
        "squared lengths": [("np.linalg.norm(tree[\"end\"] - tree[\"start\"], axis=1)",
                             "np.sum((tree[\"end\"] - tree[\"start\"]) ** 2, axis=1)")],
        "|Δx| + |Δy|": [("np.linalg.norm(tree[\"end\"] - tree[\"start\"], axis=1)",
                         "np.sum(np.abs(tree[\"end\"] - tree[\"start\"]), axis=1)")],
        "distances of the ends from the soma": [("np.linalg.norm(tree[\"end\"] - tree[\"start\"], axis=1)",
                                                 "np.linalg.norm(tree[\"end\"], axis=1)")],
        "terminal segments only": """
            def total_length(tree):
                vector = tree["end"][tree["terminal"]] - tree["start"][tree["terminal"]]
                return float(np.sum(np.linalg.norm(vector, axis=1)))
        """,
    },
    "sholl_profile": {
        "every segment with an end inside": [("start_inside != end_inside", "start_inside | end_inside")],
        "outward crossings only": [("start_inside != end_inside", "start_inside & ~end_inside")],
        "squared distances compared with the radius": [
            ("np.linalg.norm(tree[\"start\"], axis=1) < radii", "np.sum(tree[\"start\"] ** 2, axis=1) < radii"),
            ("np.linalg.norm(tree[\"end\"], axis=1) < radii", "np.sum(tree[\"end\"] ** 2, axis=1) < radii")],
        "segment ends beyond the circle": [("start_inside != end_inside", "~end_inside")],
    },
    # Discovery answers: each wrong value is what the reference functions give after the mistaken step.
    "summed_branching_probability": {
        "17 steps (range(1, 18))": "summed_branching_probability = 7.689",
        "the rate times Δt instead of branching_probabilities": "summed_branching_probability = 7.761",
        "t at the start of each step": "summed_branching_probability = 8.385",
        "the initial tree of two terminals, one of them": "summed_branching_probability = 6.385",
        "B∞ itself": "summed_branching_probability = 13.2",
    },
}

ALTERNATIVES = {
    "segment_endpoints": {
        "start and end in one loop": """
            def segment_endpoints(parent, length, angle):
                start, end = np.zeros((len(parent), 2)), np.zeros((len(parent), 2))
                for i in range(len(parent)):
                    if parent[i] >= 0:
                        start[i] = end[parent[i]]
                    end[i] = start[i] + length[i] * np.array([np.cos(angle[i]), np.sin(angle[i])])
                return start, end
        """,
    },
    "branching_probabilities": {
        "written out with the sum of the weights": """
            def branching_probabilities(order, t, dt, b_inf=B_INF, e=E_COMPETITION, s=S_ORDER, tau=TAU_BRANCH):
                order = np.asarray(order, dtype=float)
                n = len(order)
                c = np.sum(2.0 ** (-s * order)) / n
                return n ** -e * b_inf * np.exp(-t / tau) * (np.exp(dt / tau) - 1) * 2.0 ** (-s * order) / c
        """,
    },
    "grow_step": {
        "a loop over the growth cones, drawing as it goes": """
            def grow_step(tree, t, dt, rng, b_inf=B_INF, e=E_COMPETITION, s=S_ORDER, tau=TAU_BRANCH,
                          speed_mean=SPEED_MEAN, speed_sd=SPEED_SD, turn_rate=TURN_RATE,
                          max_branch_angle=MAX_BRANCH_ANGLE, max_turn_angle=MAX_TURN_ANGLE):
                tips = np.flatnonzero(tree["terminal"])
                p = branching_probabilities(tree["order"][tips], t, dt, b_inf, e, s, tau)
                shape, scale = speed_mean**2 / speed_sd**2, speed_sd**2 / speed_mean
                end, terminal = tree["end"].copy(), tree["terminal"].copy()
                parents, angles, lengths, orders = [], [], [], []
                for j, tip in enumerate(tips):
                    theta = tree["angle"][tip]
                    if rng.random() < p[j]:
                        for sign in (1.0, -1.0):
                            parents.append(tip)
                            orders.append(tree["order"][tip] + 1)
                            angles.append(theta + sign * rng.uniform(0.0, max_branch_angle))
                            lengths.append(rng.gamma(shape, scale) * dt)
                        terminal[tip] = False
                        continue
                    grown = rng.gamma(shape, scale) * dt
                    if rng.random() < 1.0 - np.exp(-turn_rate * grown):
                        parents.append(tip)
                        orders.append(tree["order"][tip])
                        angles.append(theta + rng.uniform(-max_turn_angle, max_turn_angle))
                        lengths.append(grown)
                        terminal[tip] = False
                    else:
                        end[tip] = end[tip] + grown * np.array([np.cos(theta), np.sin(theta)])
                parents = np.array(parents, dtype=int)
                angles, lengths = np.array(angles, dtype=float), np.array(lengths, dtype=float)
                start = tree["end"][parents]
                new_end = start + lengths[:, None] * np.column_stack([np.cos(angles), np.sin(angles)])
                return {"parent": np.concatenate([tree["parent"], parents]),
                        "start": np.concatenate([tree["start"], start]),
                        "end": np.concatenate([end, new_end.reshape(-1, 2)]),
                        "angle": np.concatenate([tree["angle"], angles]),
                        "order": np.concatenate([tree["order"], np.array(orders, dtype=int)]),
                        "terminal": np.concatenate([terminal, np.ones(len(parents), dtype=bool)])}
        """,
    },
    "total_length": {
        "np.hypot": """
            def total_length(tree):
                dx, dy = (tree["end"] - tree["start"]).T
                return float(np.hypot(dx, dy).sum())
        """,
    },
    "sholl_profile": {
        "a loop over the radii with the nearer and farther end": """
            def sholl_profile(tree, radii):
                near = np.minimum(np.linalg.norm(tree["start"], axis=1), np.linalg.norm(tree["end"], axis=1))
                far = np.maximum(np.linalg.norm(tree["start"], axis=1), np.linalg.norm(tree["end"], axis=1))
                return np.array([np.count_nonzero((near < r) & (far >= r)) for r in radii])
        """,
    },
    "summed_branching_probability": {
        "the closed form of the telescoping sum":
            "summed_branching_probability = B_INF * (1 - np.exp(-T_GROWTH / TAU_BRANCH))",
        "rounded to three decimals": "summed_branching_probability = 7.965",
    },
}
