"""Concept check, course 5 week 3 (sequence models and attention): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c5w3q_concepts/c5w3q_prompts.py`; see `autograder.concepts`.
"""

import math

from c5w3q_prompts import PROMPTS

from autograder.concepts import Key, Quiz


def _score(v):
    return sum(math.log(p) for p in v["probs"]) / len(v["probs"]) ** v["alpha"]


def _star_wins(v):
    return v["p_star"] * 10.0 ** v["e_star"] > v["p_hat"] * 10.0 ** v["e_hat"]


def _softmax_first(v):
    exps = [math.exp(e) for e in v["e"]]
    return exps[0] / sum(exps)


KEYS = [
    Key(
        "q1",
        1,
        "c",
        "A language model gives P(y); the decoder of a translation model is the same network, but it starts from the "
        "encoder's summary of x instead of zeros, so it gives P(y | x).",
    ),
    Key(
        "q2",
        1,
        "b",
        "The most likely first word can lead to a less likely sentence overall (\"Jane is going\" versus \"Jane is "
        "visiting\"); beam search keeps several partial sentences to avoid committing too early.",
    ),
    Key(
        "q3",
        2,
        _score,
        lambda v: (
            f"Σ log P = {sum(math.log(p) for p in v['probs']):.6g}; dividing by T_y^α = {len(v['probs'])}^{v['alpha']} = "
            f"{len(v['probs']) ** v['alpha']:.6g} gives {v['answer']}. Without the division, every extra word adds a negative "
            "term, so beam search would prefer short translations."
        ),
        solution=(
            'import math\n\n'
            'v = variant("q3")\n'
            'q3 = sum(math.log(p) for p in v["probs"]) / len(v["probs"]) ** v["alpha"]'
        ),
        example=({"probs": [0.5, 0.5], "alpha": 1.0}, math.log(0.5)),
    ),
    Key(
        "q4",
        1,
        "a",
        "A wider beam explores more partial sentences, so it finds likelier translations, but each step costs about B "
        "times more; gains shrink as B grows (say from 10 to 100 to 1000).",
    ),
    Key(
        "q5",
        1,
        lambda v: "a" if _star_wins(v) else "b",
        lambda v: (
            ("P(y* | x) > P(ŷ | x): the model prefers the better translation, yet the search returned ŷ, so beam search "
             "is at fault (a wider beam may help).")
            if _star_wins(v) else
            ("P(y* | x) ≤ P(ŷ | x): the search found what the model prefers, and the model prefers the worse translation, "
             "so the RNN is at fault (more data, regularisation, another architecture).")
        ),
        solution='v = variant("q5")\nq5 = "a" if v["p_star"] * 10.0 ** v["e_star"] > v["p_hat"] * 10.0 ** v["e_hat"] else "b"',
        example=({"p_star": 2.0, "p_hat": 5.0, "e_star": -8, "e_hat": -9}, "a"),
    ),
    Key(
        "q6",
        1,
        lambda v: 1.0 if v["c"] > v["r"] else math.exp(1 - v["r"] / v["c"]),
        lambda v: (
            f"c = {v['c']} ≤ r = {v['r']}, so BP = exp(1 − {v['r']}/{v['c']}) = {v['answer']}. Without it, a short output "
            "made only of safe words would get a high n-gram precision."
        ),
        solution='import math\n\nv = variant("q6")\nq6 = 1.0 if v["c"] > v["r"] else math.exp(1 - v["r"] / v["c"])',
        example=({"c": 10, "r": 20}, math.exp(-1)),
    ),
    Key(
        "q7",
        1,
        _softmax_first,
        lambda v: (
            f"α⟨t, 1⟩ = exp({v['e'][0]}) / Σ exp(e⟨t, t′⟩) = {math.exp(v['e'][0]):.4f}/"
            f"{sum(math.exp(e) for e in v['e']):.4f} = {v['answer']}. The softmax makes the weights positive and sum to 1 "
            "over the input positions; the context vector is the weighted sum of the encoder's activations."
        ),
        solution='import math\n\nv = variant("q7")\nexps = [math.exp(e) for e in v["e"]]\nq7 = exps[0] / sum(exps)',
        example=({"e": [0.0, 0.0, 0.0, 0.0], "tx": 4}, 0.25),
    ),
    Key(
        "q8",
        1,
        lambda v: v["tx"] * v["ty"],
        lambda v: (
            f"One weight for every pair of an output step and an input position: {v['tx']}·{v['ty']} = {v['answer']}. "
            "The cost is quadratic in the sentence lengths, acceptable for sentences."
        ),
        solution='v = variant("q8")\nq8 = v["tx"] * v["ty"]',
        example=({"tx": 10, "ty": 12}, 120),
    ),
    Key(
        "q9",
        1,
        "d",
        "CTC first merges repeated characters that are not separated by a blank, then removes the blanks: "
        "ttt → t, h, eee → e, the space stays, qqq → q.",
    ),
]

QUIZ = Quiz("c5w3q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
