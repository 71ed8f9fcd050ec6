"""Concept check, course 5 week 2 (word embeddings): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c5w2q_concepts/c5w2q_prompts.py`; see `autograder.concepts`.
"""

import math

from c5w2q_prompts import PROMPTS

from autograder.concepts import Key, Quiz


def _cosine(v):
    u, w = v["u"], v["w"]
    dot = sum(a * b for a, b in zip(u, w, strict=True))
    return dot / (math.sqrt(sum(a * a for a in u)) * math.sqrt(sum(b * b for b in w)))


KEYS = [
    Key(
        "q1",
        1,
        lambda v: (v["d"], v["vocab"]),
        lambda v: f"One column of {v['d']} numbers per word: (d, vocabulary size) = {v['answer']}.",
        solution='v = variant("q1")\nq1 = (v["d"], v["vocab"])',
        example=({"d": 300, "vocab": 10000}, (300, 10000)),
    ),
    Key(
        "q2",
        1,
        lambda v: (v["d"], 1),
        lambda v: (
            f"({v['d']}, {v['vocab']}) times ({v['vocab']}, 1) is ({v['d']}, 1): column j of E, the embedding e_j. In practice "
            "a lookup reads that column directly, since multiplying by a one-hot vector is mostly multiplying by zeros."
        ),
        solution='v = variant("q2")\nq2 = (v["d"], 1)',
        example=({"d": 300, "vocab": 10000}, (300, 1)),
    ),
    Key(
        "q3",
        2,
        _cosine,
        lambda v: (
            f"u·v = {sum(a * b for a, b in zip(v['u'], v['w'], strict=True))}, ‖u‖ = {math.sqrt(sum(a * a for a in v['u'])):.4f}, "
            f"‖v‖ = {math.sqrt(sum(b * b for b in v['w'])):.4f}, so the cosine similarity is {v['answer']}: 1 for the same "
            "direction, 0 for orthogonal vectors, −1 for opposite ones."
        ),
        solution=(
            'import numpy as np\n\n'
            'v = variant("q3")\n'
            'u, w = np.array(v["u"]), np.array(v["w"])\n'
            'q3 = float(u @ w / (np.linalg.norm(u) * np.linalg.norm(w)))'
        ),
        example=({"u": (1, 0, 0), "w": (1, 1, 0)}, 1 / math.sqrt(2)),
    ),
    Key(
        "q4",
        1,
        "b",
        "The difference e_woman − e_man captures roughly the male-to-female direction; adding it to e_king and "
        "looking for the most similar embedding (excluding the three input words) tends to find e_queen.",
    ),
    Key(
        "q5",
        1,
        lambda v: v["k"] + 1,
        lambda v: (
            f"One classifier for the true target word and one for each of the {v['k']} negatives: {v['answer']}, instead of a "
            f"softmax over all {v['vocab']} words."
        ),
        solution='v = variant("q5")\nq5 = v["k"] + 1',
        example=({"k": 5, "vocab": 10000}, 6),
    ),
    Key(
        "q6",
        1,
        lambda v: (v["x"] / v["xmax"]) ** 0.75 if v["x"] < v["xmax"] else 1.0,
        lambda v: (
            f"({v['x']}/{v['xmax']})^0.75 = {v['answer']}. The weight grows with the count but stays at most 1, so very common "
            "pairs do not dominate, and f(0) = 0 drops the pairs that never occur."
        ),
        solution='v = variant("q6")\nq6 = min(v["x"] / v["xmax"], 1) ** 0.75',
        example=({"xmax": 100, "x": 16}, 0.16**0.75),
    ),
    Key(
        "q7",
        1,
        "d",
        "Fine-tuning moves only the embeddings of words that occur in the labelled set; with a small set that breaks "
        "the geometry shared with unseen words. With a large labelled set it can help.",
    ),
    Key(
        "q8",
        1,
        "a",
        "Averaging throws word order away, and \"good\" appears three times in a negative review; a sequence model "
        "(an RNN over the embeddings) can learn that \"lacking in\" reverses it.",
    ),
    Key(
        "q9",
        1,
        "c",
        "Neutralising removes the gender component from words whose meaning has nothing to do with gender; pairs "
        "whose definition is gendered (grandmother, grandfather) are instead equalised, made symmetric about the "
        "neutral axis.",
    ),
]

QUIZ = Quiz("c5w2q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
