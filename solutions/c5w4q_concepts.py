"""Concept check, course 5 week 4 (transformers): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c5w4q_concepts/c5w4q_prompts.py`; see `autograder.concepts`.
"""

import math

from c5w4q_prompts import PROMPTS

from autograder.concepts import Key, Quiz


def _pe(v):
    i = v["j"] // 2
    angle = v["pos"] / 10000 ** (2 * i / v["d"])
    return math.sin(angle) if v["j"] % 2 == 0 else math.cos(angle)


KEYS = [
    Key(
        "q1",
        1,
        lambda v: (v["tq"], v["tk"]),
        lambda v: (
            f"Q is ({v['tq']}, {v['dk']}) and Kᵀ is ({v['dk']}, {v['tk']}), so Q·Kᵀ, and the softmax over keys applied to each "
            f"row, is {v['answer']}: one weight per (query, key) pair, each row summing to 1."
        ),
        solution='v = variant("q1")\nq1 = (v["tq"], v["tk"])',
        example=({"tq": 5, "tk": 7, "dk": 64}, (5, 7)),
    ),
    Key(
        "q2",
        1,
        lambda v: math.sqrt(v["dk"]),
        lambda v: (
            f"√{v['dk']} = {v['answer']}. Dot products of d_k-dimensional vectors grow like √d_k; dividing keeps the scores in "
            "a range where the softmax is not saturated and gradients do not vanish."
        ),
        solution='import math\n\nv = variant("q2")\nq2 = math.sqrt(v["dk"])',
        example=({"dk": 64}, 8),
    ),
    Key(
        "q3",
        1,
        lambda v: v["d"] // v["h"],
        lambda v: f"{v['d']}/{v['h']} = {v['answer']}: the heads split the model dimension, so h heads cost about as much as one full-size head.",
        solution='v = variant("q3")\nq3 = v["d"] // v["h"]',
        example=({"h": 8, "d": 512}, 64),
    ),
    Key(
        "q4",
        2,
        _pe,
        lambda v: (
            f"Dimension {v['j']} is {'even' if v['j'] % 2 == 0 else 'odd'}, so i = {v['j'] // 2} and it uses "
            f"{'sin' if v['j'] % 2 == 0 else 'cos'}: the angle is {v['pos']}/10000^({2 * (v['j'] // 2)}/{v['d']}) = "
            f"{v['pos'] / 10000 ** (2 * (v['j'] // 2) / v['d']):.6g}, and the value {v['answer']}."
        ),
        solution=(
            'import math\n\n'
            'v = variant("q4")\n'
            'angle = v["pos"] / 10000 ** (2 * (v["j"] // 2) / v["d"])\n'
            'q4 = math.sin(angle) if v["j"] % 2 == 0 else math.cos(angle)'
        ),
        example=({"d": 4, "j": 3, "pos": 100}, math.cos(1.0)),
    ),
    Key(
        "q5",
        1,
        "a",
        "Sines and cosines stay within [−1, 1] whatever the position, and the mix of wavelengths across dimensions makes "
        "each position's vector different; nothing is learned.",
    ),
    Key(
        "q6",
        1,
        lambda v: v["t"] * (v["t"] - 1) // 2,
        lambda v: (
            f"Position k may attend to positions 1..k only: the strict upper triangle is masked, {v['t']}·{v['t'] - 1}/2 = "
            f"{v['answer']} entries."
        ),
        solution='v = variant("q6")\nq6 = v["t"] * (v["t"] - 1) // 2',
        example=({"t": 4}, 6),
    ),
    Key(
        "q7",
        1,
        lambda v: v["t"] - v["n"],
        lambda v: f"The {v['t']} − {v['n']} = {v['answer']} padding positions are masked as keys, so no real token attends to them.",
        solution='v = variant("q7")\nq7 = v["t"] - v["n"]',
        example=({"t": 10, "n": 7}, 3),
    ),
    Key(
        "q8",
        1,
        "c",
        "Each of the two sub-layers is wrapped in a residual connection followed by layer normalisation: "
        "LayerNorm(x + MultiHeadAttention(x)), then LayerNorm(y + FeedForward(y)).",
    ),
    Key(
        "q9",
        1,
        "b",
        "In an RNN, information from far back must survive many steps, one after another; self-attention connects any "
        "two positions directly and processes the whole sequence at once.",
    ),
]

QUIZ = Quiz("c5w4q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
