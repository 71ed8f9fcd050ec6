"""Concept check, course 2 week 2 (optimisation algorithms): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c2w2q_concepts/c2w2q_prompts.py`; see `autograder.concepts`.
"""

import math

from c2w2q_prompts import PROMPTS

from autograder.concepts import Key, Quiz


def _rate(v):
    a0, epoch, c = v["alpha0"], v["epoch"], v["c"]
    if v["kind"] == "inverse":
        return a0 / (1 + c * epoch)
    if v["kind"] == "exponential":
        return c**epoch * a0
    if v["kind"] == "sqrt":
        return c / math.sqrt(epoch) * a0
    return a0 * c ** (epoch // v["interval"])


def _v2(v):
    b = v["beta"]
    v1 = (1 - b) * v["t1"]
    return b * v1 + (1 - b) * v["t2"]


KEYS = [
    Key(
        "q1",
        1,
        lambda v: math.ceil(v["m"] / v["size"]),
        lambda v: f"⌈{v['m']}/{v['size']}⌉ = {v['answer']}: {v['m'] // v['size']} full mini-batches and one smaller one with the rest.",
        solution='import math\n\nv = variant("q1")\nq1 = math.ceil(v["m"] / v["size"])',
        example=({"m": 1000, "size": 64}, 16),
    ),
    Key(
        "q2",
        1,
        lambda v: v["m"] - v["size"] * (v["m"] // v["size"]),
        lambda v: f"{v['m'] // v['size']} full mini-batches take {v['size'] * (v['m'] // v['size'])} examples; the last one gets the remaining {v['m']} − {v['size'] * (v['m'] // v['size'])} = {v['answer']}.",
        solution='v = variant("q2")\nq2 = v["m"] % v["size"]',
        example=({"m": 1000, "size": 64}, 40),
    ),
    Key(
        "q3",
        1,
        lambda v: round(1 / (1 - v["beta"])),
        lambda v: f"The weights (1 − β)·β^k fall to about 1/e of the newest one after 1/(1 − β) steps: 1/(1 − {v['beta']}) = {v['answer']} values.",
        solution='v = variant("q3")\nq3 = 1 / (1 - v["beta"])',
        example=({"beta": 0.98}, 50),
    ),
    Key(
        "q4",
        2,
        lambda v: _v2(v) / (1 - v["beta"] ** 2),
        lambda v: (
            f"v_1 = (1 − {v['beta']})·{v['t1']} = {(1 - v['beta']) * v['t1']:.6g}; v_2 = {v['beta']}·v_1 + (1 − {v['beta']})·{v['t2']} = "
            f"{_v2(v):.6g}. Starting from 0 makes early averages too small; dividing by 1 − β² = {1 - v['beta'] ** 2:.6g} "
            f"corrects that: {v['answer']}, a weighted mean of {v['t1']} and {v['t2']}."
        ),
        solution='v = variant("q4")\nb = v["beta"]\nv1 = (1 - b) * v["t1"]\nv2 = b * v1 + (1 - b) * v["t2"]\nq4 = v2 / (1 - b**2)',
        example=({"beta": 0.5, "t1": 10, "t2": 20}, 50 / 3),
    ),
    Key(
        "q5",
        2,
        _rate,
        lambda v: f"Put α0 = {v['alpha0']} and epoch = {v['epoch']} into {v['rule']}: α = {v['answer']}.",
        solution=(
            'import math\n\n'
            'v = variant("q5")\n'
            'a0, epoch, c = v["alpha0"], v["epoch"], v["c"]\n'
            'if v["kind"] == "inverse":\n'
            '    q5 = a0 / (1 + c * epoch)\n'
            'elif v["kind"] == "exponential":\n'
            '    q5 = c**epoch * a0\n'
            'elif v["kind"] == "sqrt":\n'
            '    q5 = c / math.sqrt(epoch) * a0\n'
            'else:\n'
            '    q5 = a0 * c ** (epoch // v["interval"])'
        ),
        example=({"kind": "staircase", "alpha0": 0.1, "epoch": 12, "c": 0.5, "interval": 5, "rule": "α = α0 · 0.5^⌊epoch / 5⌋"}, 0.025),
    ),
    Key(
        "q6",
        1,
        "c",
        "β1 = 0.9 averages the gradients over about 10 steps (momentum), β2 = 0.999 averages their squares over about "
        "1000 steps (RMSprop), and ε = 10⁻⁸ only keeps the division safe. The learning rate is the one to tune.",
    ),
    Key(
        "q7",
        1,
        "b",
        "With one example per step, nothing is left to vectorise, and each step follows the gradient of a single "
        "example, so the path wanders and never settles. Mini-batches of 64 to 512 examples balance the two.",
    ),
    Key(
        "q8",
        1,
        "d",
        "In high dimensions a point where the gradient is zero is far more likely a saddle point (curving up in some "
        "directions, down in others) than a local minimum; long flat plateaus are what cost time, and momentum, "
        "RMSprop and Adam help to cross them.",
    ),
]

QUIZ = Quiz("c2w2q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
