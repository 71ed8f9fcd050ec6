"""Concept check, course 1 week 1 (introduction to deep learning): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c1w1q_concepts/c1w1q_prompts.py`; see `autograder.concepts`.
"""

from c1w1q_prompts import PROMPTS

from autograder.concepts import Key, Quiz

KEYS = [
    Key(
        "q1",
        1,
        "b",
        "Structured data arrives as a table whose columns have a meaning (income, price, sales). "
        "Audio, images and text are unstructured: a single sample value or pixel means little on its own.",
    ),
    Key(
        "q2",
        1,
        "d",
        "Supervised learning maps an input x to a known output y: here the features are the input "
        "and the recorded click (1) or no click (0) is the label to predict.",
    ),
    Key(
        "q3",
        1,
        "c",
        "The perceptron dates from the 1950s. What changed recently is the scale of labelled data, "
        "the speed of hardware, and algorithmic ideas that make large networks trainable.",
    ),
    Key(
        "q4",
        1,
        "a",
        "Where a sigmoid saturates its slope is close to 0, and gradient descent crawls; ReLU keeps a slope "
        "of 1 for positive inputs, so learning proceeds at a steady pace.",
    ),
    Key(
        "q5",
        1,
        "d",
        "Large networks pull ahead when data is plentiful. With little data, hand-designed features and "
        "the details of each method decide, and a network has no guaranteed edge.",
    ),
    Key(
        "q6",
        1,
        "a",
        "Progress comes from trying ideas and seeing what works, so the time each turn of the cycle takes "
        "limits how fast you learn. The test set is for the final estimate, not for every trial.",
    ),
    Key(
        "q7",
        2,
        lambda v: (v["n"], v["m"]),
        lambda v: f"Each example is a column of {v['n']} features, and there are {v['m']} columns: X has shape (n_x, m) = {v['answer']}.",
        solution='v = variant("q7")\nq7 = (v["n"], v["m"])',
        example=({"m": 1000, "n": 12}, (12, 1000)),
    ),
    Key(
        "q8",
        2,
        lambda v: v["d"] * 24 * v["g"] // v["t"],
        lambda v: (
            f"On the new machine a run takes {v['t']}/{v['g']} hours. {v['d']} days are {v['d'] * 24} hours, so "
            f"⌊{v['d'] * 24}·{v['g']}/{v['t']}⌋ = {v['answer']} complete runs fit."
        ),
        solution='v = variant("q8")\nq8 = (v["d"] * 24 * v["g"]) // v["t"]',
        example=({"t": 5, "g": 3, "d": 2}, 28),
    ),
]

QUIZ = Quiz("c1w1q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
