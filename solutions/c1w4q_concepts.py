"""Concept check, course 1 week 4 (deep neural networks): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c1w4q_concepts/c1w4q_prompts.py`; see `autograder.concepts`.
"""

from c1w4q_prompts import PROMPTS

from autograder.concepts import Key, Quiz


def _count(dims):
    return sum(dims[i] * dims[i - 1] + dims[i] for i in range(1, len(dims)))


def _sum_shown(dims):
    return " + ".join(f"({dims[i]}·{dims[i - 1]} + {dims[i]})" for i in range(1, len(dims)))


EXAMPLE = {"dims": [5, 4, 3, 1], "L": 3, "l": 2, "m": 10}

KEYS = [
    Key(
        "q1",
        1,
        lambda v: (v["dims"][v["l"]], v["dims"][v["l"] - 1]),
        lambda v: f"W[l] has shape (n[l], n[l−1]): here (n[{v['l']}], n[{v['l'] - 1}]) = {v['answer']}.",
        solution='v = variant("q1")\nq1 = (v["dims"][v["l"]], v["dims"][v["l"] - 1])',
        example=(EXAMPLE, (3, 4)),
    ),
    Key(
        "q2",
        1,
        lambda v: (v["dims"][v["l"]], v["m"]),
        lambda v: f"Z[l] = W[l]A[l−1] + b[l] has one row per unit and one column per example: (n[l], m) = {v['answer']}.",
        solution='v = variant("q2")\nq2 = (v["dims"][v["l"]], v["m"])',
        example=(EXAMPLE, (3, 10)),
    ),
    Key(
        "q3",
        1,
        lambda v: (v["dims"][v["l"]], 1),
        lambda v: f"A gradient has the shape of what it is the gradient of: db[l] is shaped like b[l], (n[l], 1) = {v['answer']}.",
        solution='v = variant("q3")\nq3 = (v["dims"][v["l"]], 1)',
        example=(EXAMPLE, (3, 1)),
    ),
    Key(
        "q4",
        2,
        lambda v: _count(v["dims"]),
        lambda v: f"Each layer l contributes n[l]·n[l−1] weights and n[l] biases: {_sum_shown(v['dims'])} = {v['answer']}.",
        solution='v = variant("q4")\ndims = v["dims"]\nq4 = sum(dims[l] * dims[l - 1] + dims[l] for l in range(1, len(dims)))',
        example=(EXAMPLE, 24 + 15 + 4),
    ),
    Key(
        "q5",
        1,
        lambda v: v["dims"][v["l"] - 1] * v["m"] + v["dims"][v["l"]] * v["dims"][v["l"] - 1] + v["dims"][v["l"]],
        lambda v: (
            f"A[{v['l'] - 1}] is ({v['dims'][v['l'] - 1]}, {v['m']}), W[{v['l']}] is ({v['dims'][v['l']]}, {v['dims'][v['l'] - 1]}) "
            f"and b[{v['l']}] is ({v['dims'][v['l']]}, 1): {v['dims'][v['l'] - 1] * v['m']} + "
            f"{v['dims'][v['l']] * v['dims'][v['l'] - 1]} + {v['dims'][v['l']]} = {v['answer']} numbers."
        ),
        solution=(
            'v = variant("q5")\n'
            'n, n_prev = v["dims"][v["l"]], v["dims"][v["l"] - 1]\n'
            'q5 = n_prev * v["m"] + n * n_prev + n'
        ),
        example=(EXAMPLE, 40 + 12 + 3),
    ),
    Key(
        "q6",
        1,
        "a",
        "dW[l] = dZ[l]A[l−1]ᵀ/m needs A[l−1], and dZ[l] = dA[l]·g′(Z[l]) needs Z[l]: both were computed on the "
        "way forward, so they are kept instead of being computed again.",
    ),
    Key(
        "q7",
        1,
        "c",
        "Each layer needs the output of the one before it, so the layers are computed one after another. "
        "Examples, units and features are handled together by matrix operations.",
    ),
    Key(
        "q8",
        1,
        "b",
        "Hyperparameters are chosen by you and control how W and b are learned (α, iterations, L, n[l], activations). "
        "W[l] and b[l] are the parameters that training learns; Z and A are intermediate values.",
    ),
    Key(
        "q9",
        1,
        "d",
        "Circuit-theory intuition: computing, say, the parity of n inputs takes a tree of depth about log n with few "
        "units, but a single hidden layer needs a number of units exponential in n. Early layers also learn simple "
        "features that later layers combine into complex ones.",
    ),
]

QUIZ = Quiz("c1w4q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
