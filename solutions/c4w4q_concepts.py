"""Concept check, course 4 week 4 (face recognition and neural style transfer): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c4w4q_concepts/c4w4q_prompts.py`; see `autograder.concepts`.
"""

from c4w4q_prompts import PROMPTS

from autograder.concepts import Key, Quiz

KEYS = [
    Key(
        "q1",
        1,
        "a",
        "Verification is a 1:1 check of a claimed identity; recognition is 1:K, which is harder: with K people, an "
        "error rate that is fine once is paid K times.",
    ),
    Key(
        "q2",
        1,
        "d",
        "With one photo per person a classifier cannot learn, and it would need retraining for every new employee. "
        "A learned distance between encodings compares a new photo with each stored one instead.",
    ),
    Key(
        "q3",
        2,
        lambda v: max(v["dap"] - v["dan"] + v["alpha"], 0),
        lambda v: (
            f"{v['dap']} − {v['dan']} + {v['alpha']} = {v['dap'] - v['dan'] + v['alpha']:.6g}; the loss is that, or 0 if it is "
            f"negative: {v['answer']}. It is zero once the negative is farther than the positive by at least the margin."
        ),
        solution='v = variant("q3")\nq3 = max(v["dap"] - v["dan"] + v["alpha"], 0)',
        example=({"dap": 0.5, "dan": 0.6, "alpha": 0.2}, 0.1),
    ),
    Key(
        "q4",
        1,
        "b",
        "A Siamese network computes both encodings with the same weights; a logistic unit on the difference of the "
        "encodings learns to say same or different. Stored employees' encodings can be precomputed.",
    ),
    Key(
        "q5",
        1,
        "a",
        "Early layers respond to edges and colours in small patches; deeper layers see larger regions of the image and "
        "respond to textures, object parts and objects.",
    ),
    Key(
        "q6",
        1,
        lambda v: (v["c"], v["c"]),
        lambda v: f"G compares every channel with every other channel: (n_C, n_H·n_W) times (n_H·n_W, n_C) is (n_C, n_C) = {v['answer']}.",
        solution='v = variant("q6")\nq6 = (v["c"], v["c"])',
        example=({"h": 14, "w": 28, "c": 64}, (64, 64)),
    ),
    Key(
        "q7",
        1,
        lambda v: 4 * v["c"] ** 2 * (v["h"] * v["w"]) ** 2,
        lambda v: f"4·{v['c']}²·({v['h']}·{v['w']})² = 4·{v['c'] ** 2}·{(v['h'] * v['w']) ** 2} = {v['answer']}.",
        solution='v = variant("q7")\nq7 = 4 * v["c"] ** 2 * (v["h"] * v["w"]) ** 2',
        example=({"h": 4, "w": 4, "c": 3}, 4 * 9 * 256),
    ),
    Key(
        "q8",
        1,
        lambda v: (v["n"] - v["f"] + 1, v["k"]),
        lambda v: f"The output length follows the same rule as in 2-D: {v['n']} − {v['f']} + 1 = {v['n'] - v['f'] + 1}, with one channel per filter: {v['answer']}.",
        solution='v = variant("q8")\nq8 = (v["n"] - v["f"] + 1, v["k"])',
        example=({"n": 100, "k": 16, "f": 5}, (96, 16)),
    ),
    Key(
        "q9",
        1,
        lambda v: (v["d"] - v["f"] + 1, v["h"] - v["f"] + 1, v["w"] - v["f"] + 1, v["k"]),
        lambda v: f"Each spatial size shrinks by f − 1 = {v['f'] - 1}, and there is one channel per filter: {v['answer']}.",
        solution='v = variant("q9")\nf = v["f"]\nq9 = (v["d"] - f + 1, v["h"] - f + 1, v["w"] - f + 1, v["k"])',
        example=({"d": 14, "h": 14, "w": 14, "k": 16, "f": 5}, (10, 10, 10, 16)),
    ),
]

QUIZ = Quiz("c4w4q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
