"""Concept check, course 1 week 2 (neural-network basics): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c1w2q_concepts/c1w2q_prompts.py`; see `autograder.concepts`.
"""

import math

from c1w2q_prompts import PROMPTS

from autograder.concepts import Key, Quiz


def _sigmoid_slope(z):
    s = 1 / (1 + math.exp(-z))
    return s * (1 - s)


KEYS = [
    Key(
        "q1",
        1,
        lambda v: (v["n"], 1),
        lambda v: f"wᵀX must multiply the {v['n']} features of every column of X, so w is a column of {v['n']} weights: {v['answer']}. (m does not matter.)",
        solution='v = variant("q1")\nq1 = (v["n"], 1)',
        example=({"n": 12, "m": 500}, (12, 1)),
    ),
    Key(
        "q2",
        1,
        lambda v: v["h"] * v["w"] * 3,
        lambda v: f"One entry per pixel and channel: {v['h']}·{v['w']}·3 = {v['answer']}.",
        solution='v = variant("q2")\nq2 = v["h"] * v["w"] * 3',
        example=({"h": 64, "w": 64}, 12288),
    ),
    Key(
        "q3",
        1,
        lambda v: (v["p"], v["r"]),
        lambda v: (
            f"`*` multiplies element by element after broadcasting: a's single column is copied across {v['r']} columns "
            f"and b's single row down {v['p']} rows, so c has shape {v['answer']} (an outer product)."
        ),
        solution='v = variant("q3")\nq3 = (v["p"], v["r"])',
        example=({"p": 4, "r": 3}, (4, 3)),
    ),
    Key(
        "q4",
        1,
        lambda v: (1, v["c"]) if v["axis"] == 0 else (v["r"], 1),
        lambda v: (
            f"Summing over axis {v['axis']} collapses that axis; keepdims=True keeps it with length 1 instead of "
            f"dropping it, so the result is {v['answer']} rather than a rank-1 array."
        ),
        solution='v = variant("q4")\nq4 = (1, v["c"]) if v["axis"] == 0 else (v["r"], 1)',
        example=({"r": 4, "c": 3, "axis": 1}, (4, 1)),
    ),
    Key(
        "q5",
        1,
        lambda v: (v["p"], v["r"]),
        lambda v: f"A matrix product of ({v['p']}, {v['q']}) by ({v['q']}, {v['r']}): the inner sizes match and disappear, giving {v['answer']}.",
        solution='v = variant("q5")\nq5 = (v["p"], v["r"])',
        example=({"p": 2, "q": 5, "r": 7}, (2, 7)),
    ),
    Key(
        "q6",
        1,
        lambda v: _sigmoid_slope(v["z"]),
        lambda v: (
            f"σ′(z) = σ(z)(1 − σ(z)). Here σ({v['z']}) = {1 / (1 + math.exp(-v['z'])):.4f}, so the slope is "
            f"{v['answer']}. It is largest (0.25) at z = 0 and fades for large |z|."
        ),
        solution='import math\n\nv = variant("q6")\ns = 1 / (1 + math.exp(-v["z"]))\nq6 = s * (1 - s)',
        example=({"z": 0.0}, 0.25),
    ),
    Key(
        "q7",
        2,
        lambda v: v["k"] * v["c"],
        lambda v: (
            f"Chain rule backwards through the graph: ∂J/∂v = {v['k']}, ∂v/∂u = 1, ∂u/∂b = c = {v['c']}, so "
            f"∂J/∂b = {v['k']}·1·{v['c'] if v['c'] >= 0 else '(' + str(v['c']) + ')'} = {v['answer']}. The values of a and b do not enter."
        ),
        solution='v = variant("q7")\nq7 = v["k"] * v["c"]',
        example=({"a": 5, "b": 3, "c": 2, "k": 3}, 6),
    ),
    Key(
        "q8",
        1,
        "c",
        "The loss L(ŷ, y) scores one prediction; the cost J(w, b) is the mean of the losses over the m "
        "training examples, and it is what gradient descent minimises.",
    ),
    Key(
        "q9",
        1,
        "b",
        "wᵀ has shape (1, n_x) and X (n_x, m), so np.dot(w.T, X) is (1, m): one z per example, and b is "
        "broadcast to every column. The loop computes the same numbers, far more slowly.",
    ),
]

QUIZ = Quiz("c1w2q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
