"""Concept check, course 1 week 3 (shallow neural networks): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c1w3q_concepts/c1w3q_prompts.py`; see `autograder.concepts`.
"""

from c1w3q_prompts import PROMPTS

from autograder.concepts import Key, Quiz

KEYS = [
    Key(
        "q1",
        1,
        lambda v: (v["nh"], v["nx"]),
        lambda v: f"W[l] has one row per unit of layer l and one column per unit of layer l − 1: (n[1], n[0]) = {v['answer']}. The batch size plays no part.",
        solution='v = variant("q1")\nq1 = (v["nh"], v["nx"])',
        example=({"nx": 2, "nh": 4, "ny": 1, "m": 400}, (4, 2)),
    ),
    Key(
        "q2",
        1,
        lambda v: (v["nh"], v["m"]),
        lambda v: f"Z[1] = W[1]X + b[1]: ({v['nh']}, {v['nx']}) times ({v['nx']}, {v['m']}) gives one column per example, {v['answer']}.",
        solution='v = variant("q2")\nq2 = (v["nh"], v["m"])',
        example=({"nx": 2, "nh": 4, "ny": 1, "m": 400}, (4, 400)),
    ),
    Key(
        "q3",
        1,
        lambda v: (v["ny"], 1),
        lambda v: f"A bias vector has one entry per unit of its layer, as a column: (n[2], 1) = {v['answer']}; broadcasting adds it to every example.",
        solution='v = variant("q3")\nq3 = (v["ny"], 1)',
        example=({"nx": 2, "nh": 4, "ny": 1, "m": 400}, (1, 1)),
    ),
    Key(
        "q4",
        2,
        lambda v: v["nh"] * v["nx"] + v["nh"] + v["ny"] * v["nh"] + v["ny"],
        lambda v: (
            f"W[1] has {v['nh']}·{v['nx']} entries and b[1] {v['nh']}; W[2] has {v['ny']}·{v['nh']} and b[2] {v['ny']}: "
            f"{v['nh'] * v['nx']} + {v['nh']} + {v['ny'] * v['nh']} + {v['ny']} = {v['answer']}."
        ),
        solution='v = variant("q4")\nq4 = v["nh"] * v["nx"] + v["nh"] + v["ny"] * v["nh"] + v["ny"]',
        example=({"nx": 2, "nh": 4, "ny": 1, "m": 400}, 17),
    ),
    Key(
        "q5",
        1,
        "b",
        "tanh(z) = (e^z − e^(−z))/(e^z + e^(−z)) runs from −1 to 1 and is centred on 0; the sigmoid runs "
        "from 0 to 1, ReLU from 0 upwards, and leaky ReLU over all numbers.",
    ),
    Key(
        "q6",
        1,
        lambda v: 1 - v["a"] ** 2,
        lambda v: f"The derivative of tanh is 1 − tanh(z)² = 1 − a² = 1 − ({v['a']})² = {v['answer']}.",
        solution='v = variant("q6")\nq6 = 1 - v["a"] ** 2',
        example=({"a": 0.5}, 0.75),
    ),
    Key(
        "q7",
        1,
        "c",
        "W[2](W[1]x + b[1]) + b[2] is again of the form Wx + b: without a non-linearity, any number of layers "
        "computes what a single linear layer could.",
    ),
    Key(
        "q8",
        1,
        "d",
        "With equal weights all hidden units see the same input and produce the same output, so backpropagation "
        "gives them the same gradient, and they never become different. Logistic regression has no hidden "
        "layer, so zeros are fine there: the gradient depends on the inputs x.",
    ),
    Key(
        "q9",
        1,
        "a",
        "With large weights |z| is large, where tanh (and the sigmoid) is nearly flat; the gradient is then "
        "close to 0 and gradient descent barely moves. Randomness, not the scale, breaks symmetry.",
    ),
]

QUIZ = Quiz("c1w3q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
