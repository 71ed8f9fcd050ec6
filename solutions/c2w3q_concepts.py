"""Concept check, course 2 week 3 (tuning, batch normalisation, frameworks): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c2w3q_concepts/c2w3q_prompts.py`; see `autograder.concepts`.
"""

import math

from c2w3q_prompts import PROMPTS

from autograder.concepts import Key, Quiz


def _norm(v):
    z = v["z"]
    mu = sum(z) / len(z)
    var = sum((x - mu) ** 2 for x in z) / len(z)
    return mu, var, (z[v["k"] - 1] - mu) / math.sqrt(var)


KEYS = [
    Key(
        "q1",
        1,
        "a",
        "The learning rate matters most; momentum's β, the mini-batch size and the number of hidden units come next; "
        "Adam's β1, β2 and ε are almost never worth tuning.",
    ),
    Key(
        "q2",
        1,
        "c",
        "On a 5 × 5 grid over two hyperparameters, 25 trials try only 5 values of each; if one of them hardly matters, "
        "20 trials are wasted. 25 random points try 25 values of each.",
    ),
    Key(
        "q3",
        1,
        lambda v: 10 ** (v["lo"] + (v["hi"] - v["lo"]) * v["u"]),
        lambda v: (
            f"r = {v['lo']} + {v['hi'] - v['lo']}·{v['u']} = {v['lo'] + (v['hi'] - v['lo']) * v['u']:.6g}, so α = 10^r = {v['answer']}. "
            "Sampling r uniformly gives every decade (0.0001–0.001, 0.001–0.01, ...) the same share of trials."
        ),
        solution='v = variant("q3")\nr = v["lo"] + (v["hi"] - v["lo"]) * v["u"]\nq3 = 10**r',
        example=({"lo": -4, "hi": 0, "u": 0.5}, 0.01),
    ),
    Key(
        "q4",
        1,
        lambda v: 1 - 10 ** v["r"],
        lambda v: (
            f"β = 1 − 10^({v['r']}) = {v['answer']}. β's effect (averaging over about 1/(1 − β) values) is very "
            "sensitive near 1, so the scale must be fine there: hence the log scale on 1 − β."
        ),
        solution='v = variant("q4")\nq4 = 1 - 10 ** v["r"]',
        example=({"r": -2.0}, 0.99),
    ),
    Key(
        "q5",
        2,
        lambda v: v["gamma"] * _norm(v)[2] + v["beta"],
        lambda v: (
            f"μ = {_norm(v)[0]:.6g}; σ² = {_norm(v)[1]:.6g}; z_norm for the value {v['z'][v['k'] - 1]} is "
            f"({v['z'][v['k'] - 1]} − {_norm(v)[0]:.6g})/{math.sqrt(_norm(v)[1]):.6g} = {_norm(v)[2]:.6g}; "
            f"z̃ = {v['gamma']}·{_norm(v)[2]:.6g} + {v['beta']} = {v['answer']}."
        ),
        solution=(
            'import numpy as np\n\n'
            'v = variant("q5")\n'
            'z = np.array(v["z"], dtype=float)\n'
            'z_norm = (z - z.mean()) / np.sqrt(z.var())\n'
            'q5 = float(v["gamma"] * z_norm[v["k"] - 1] + v["beta"])'
        ),
        example=({"z": [1, 2, 3, 6], "k": 4, "gamma": 2, "beta": 1}, 2 * 3 / math.sqrt(3.5) + 1),
    ),
    Key(
        "q6",
        1,
        lambda v: (v["n"], 1),
        lambda v: f"γ[l] (like β[l]) holds one scale per unit of the layer, shared by all examples: (n[l], 1) = {v['answer']}.",
        solution='v = variant("q6")\nq6 = (v["n"], 1)',
        example=({"n": 5, "m": 64}, (5, 1)),
    ),
    Key(
        "q7",
        1,
        "d",
        "z_norm = (z − μ)/σ is the same whatever constant b[l] adds to every z, so b[l] has no effect and gets no "
        "useful gradient; β[l] sets the mean of z̃ instead.",
    ),
    Key(
        "q8",
        1,
        "a",
        "A single example has no meaningful mini-batch statistics. During training, keep exponentially weighted "
        "averages of μ and σ² over the mini-batches, and use them at test time.",
    ),
    Key(
        "q9",
        1,
        lambda v: (v["c"], v["m"]),
        lambda v: f"One column of C = {v['c']} class probabilities (summing to 1) per example: (C, m) = {v['answer']}.",
        solution='v = variant("q9")\nq9 = (v["c"], v["m"])',
        example=({"c": 4, "m": 32}, (4, 32)),
    ),
]

QUIZ = Quiz("c2w3q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
