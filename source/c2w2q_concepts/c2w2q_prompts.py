"""Concept check, course 2 week 2 (optimisation algorithms): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt


def _batches(rng):
    size = rng.choice([32, 64, 128, 256, 512])
    return {"m": size * rng.randint(10, 400) + rng.randint(1, size - 1), "size": size}


def _schedule(rng):
    """One of four decay rules; `c` is its constant (decay rate, base or k) and `rule` how the question writes it."""
    kind = rng.choice(["inverse", "exponential", "sqrt", "staircase"])
    v = {"kind": kind, "alpha0": rng.choice([0.01, 0.02, 0.05, 0.1, 0.2]), "epoch": rng.randint(2, 40), "interval": 1}
    if kind == "inverse":
        v["c"] = rng.choice([0.1, 0.2, 0.5, 1])
        v["rule"] = f"α = α0 / (1 + decay_rate · epoch), with decay_rate = {v['c']}"
    elif kind == "exponential":
        v["c"] = rng.choice([0.9, 0.95, 0.97, 0.99])
        v["rule"] = f"α = {v['c']}^epoch · α0"
    elif kind == "sqrt":
        v["c"] = rng.choice([0.5, 1, 2])
        v["rule"] = f"α = k / √epoch · α0, with k = {v['c']}"
    else:
        v["c"], v["interval"] = rng.choice([0.5, 0.8, 0.9]), rng.choice([3, 5, 10])
        v["rule"] = f"α = α0 · {v['c']}^⌊epoch / {v['interval']}⌋ (a staircase: α drops every {v['interval']} epochs)"
    return v


PROMPTS = [
    Prompt(
        "q1",
        "number",
        "A training set of m = {m} examples is shuffled and cut into mini-batches of {size} examples. How many "
        "mini-batches does one epoch have?",
        make=_batches,
    ),
    Prompt(
        "q2",
        "number",
        "A training set of m = {m} examples is shuffled and cut into mini-batches of {size} examples, in order. "
        "How many examples does the last mini-batch hold?",
        make=_batches,
    ),
    Prompt(
        "q3",
        "number",
        "An exponentially weighted average v_t = β·v_(t−1) + (1 − β)·θ_t with β = {beta} averages over roughly "
        "how many recent values (use the usual rule of thumb)?",
        make=lambda rng: {"beta": rng.choice([0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999])},
    ),
    Prompt(
        "q4",
        "number",
        "You track v_t = β·v_(t−1) + (1 − β)·θ_t with v_0 = 0 and β = {beta}. The first two values are θ_1 = {t1} "
        "and θ_2 = {t2}. What is the bias-corrected estimate v_2 / (1 − β²)?",
        make=lambda rng: {"beta": rng.choice([0.5, 0.8, 0.9, 0.95]), "t1": rng.randint(5, 40), "t2": rng.randint(5, 40)},
        tol=0.001,
    ),
    Prompt(
        "q5",
        "number",
        "Your learning rate decays with the rule {rule}. With α0 = {alpha0}, what is α at epoch {epoch}?",
        make=_schedule,
        rtol=1e-3,
    ),
    Prompt(
        "q6",
        "choice",
        "Which values are the usual defaults of Adam's β1, β2 and ε?",
        options=(
            "β1 = 0.999, β2 = 0.9, ε = 10⁻⁸",
            "β1 = 0.9, β2 = 0.9, ε = 10⁻²",
            "β1 = 0.9, β2 = 0.999, ε = 10⁻⁸",
            "β1 = 0.5, β2 = 0.5, ε = 0",
        ),
    ),
    Prompt(
        "q7",
        "choice",
        "What do you give up with stochastic gradient descent (mini-batches of one example) compared with "
        "mini-batches of, say, 256 examples?",
        options=(
            "nothing: it always converges faster",
            "the speed-up of vectorised computation, and steps become very noisy",
            "the ability to use momentum",
            "it needs the whole training set in memory",
        ),
    ),
    Prompt(
        "q8",
        "choice",
        "When training a large network in a space of thousands of parameters, what slows gradient descent down "
        "most often?",
        options=(
            "the cost function having no minimum at all",
            "getting stuck in a bad local minimum",
            "the learning rate being too high for ever",
            "plateaus and saddle points, where the gradient is close to zero over a long stretch",
        ),
    ),
]
