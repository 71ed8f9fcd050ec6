"""Concept check, course 4 week 3 (object detection and segmentation): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c4w3q_concepts/c4w3q_prompts.py`; see `autograder.concepts`.
"""

from c4w3q_prompts import PROMPTS

from autograder.concepts import Key, Quiz


def _areas(v):
    (ax1, ay1, ax2, ay2), (bx1, by1, bx2, by2) = v["a"], v["b"]
    inter = max(0, min(ax2, bx2) - max(ax1, bx1)) * max(0, min(ay2, by2) - max(ay1, by1))
    union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter
    return inter, union


KEYS = [
    Key(
        "q1",
        1,
        lambda v: 5 + v["n"],
        lambda v: f"One number for p_c, four for the box, and one per class: 1 + 4 + {v['n']} = {v['answer']}.",
        solution='v = variant("q1")\nq1 = 5 + v["n"]',
        example=({"n": 3}, 8),
    ),
    Key(
        "q2",
        1,
        "b",
        "With no object there is no box and no class to learn, so only the p_c error counts; when p_c = 1 every "
        "entry is compared.",
    ),
    Key(
        "q3",
        1,
        lambda v: 2 * v["k"] + 1,
        lambda v: f"Two coordinates per landmark plus one unit for \"is there a face\": 2·{v['k']} + 1 = {v['answer']}.",
        solution='v = variant("q3")\nq3 = 2 * v["k"] + 1',
        example=({"k": 64}, 129),
    ),
    Key(
        "q4",
        2,
        lambda v: (v["s"], v["s"], v["a"], 5 + v["c"]),
        lambda v: (
            f"Every cell of the {v['s']}×{v['s']} grid predicts {v['a']} boxes, each with p_c, four coordinates and "
            f"{v['c']} class scores: {v['answer']} (often flattened to {v['s']}×{v['s']}×{v['a'] * (5 + v['c'])})."
        ),
        solution='v = variant("q4")\nq4 = (v["s"], v["s"], v["a"], 5 + v["c"])',
        example=({"s": 19, "a": 5, "c": 80}, (19, 19, 5, 85)),
    ),
    Key(
        "q5",
        2,
        lambda v: _areas(v)[0] / _areas(v)[1],
        lambda v: (
            f"The intersection spans x from {max(v['a'][0], v['b'][0])} to {min(v['a'][2], v['b'][2])} and y from "
            f"{max(v['a'][1], v['b'][1])} to {min(v['a'][3], v['b'][3])}: area {_areas(v)[0]}. The union is the two areas "
            f"minus the intersection: {_areas(v)[1]}. IoU = {_areas(v)[0]}/{_areas(v)[1]} = {v['answer']}."
        ),
        solution=(
            'v = variant("q5")\n'
            '(ax1, ay1, ax2, ay2), (bx1, by1, bx2, by2) = v["a"], v["b"]\n'
            'inter = max(0, min(ax2, bx2) - max(ax1, bx1)) * max(0, min(ay2, by2) - max(ay1, by1))\n'
            'union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter\n'
            'q5 = inter / union'
        ),
        example=({"a": (2, 1, 4, 3), "b": (1, 2, 3, 4)}, 1 / 7),
    ),
    Key(
        "q6",
        1,
        "d",
        "Non-max suppression first drops weak boxes, then takes the most confident box and removes the boxes that "
        "mostly cover the same object (high IoU with it), and repeats with what is left.",
    ),
    Key(
        "q7",
        1,
        lambda v: (v["n"] - 1) * v["s"] - 2 * v["p"] + v["f"],
        lambda v: (
            f"A transposed convolution places the filter every s output pixels: (n − 1)·s + f, less the padding on both "
            f"sides: ({v['n']} − 1)·{v['s']} − 2·{v['p']} + {v['f']} = {v['answer']}."
        ),
        solution='v = variant("q7")\nq7 = (v["n"] - 1) * v["s"] - 2 * v["p"] + v["f"]',
        example=({"n": 2, "f": 3, "s": 2, "p": 1}, 3),
    ),
    Key(
        "q8",
        1,
        lambda v: (v["h"], v["w"], v["c"]),
        lambda v: f"The decoder brings the image back to full resolution and the 1×1 convolution gives one score per class at each pixel: {v['answer']}.",
        solution='v = variant("q8")\nq8 = (v["h"], v["w"], v["c"])',
        example=({"h": 96, "w": 128, "c": 23}, (96, 128, 23)),
    ),
]

QUIZ = Quiz("c4w3q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
