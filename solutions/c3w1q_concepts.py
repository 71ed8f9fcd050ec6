"""Concept check, course 3 week 1 (ML strategy, part 1): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c3w1q_concepts/c3w1q_prompts.py`; see `autograder.concepts`.
"""

from c3w1q_prompts import PROMPTS

from autograder.concepts import Key, Quiz


def _f1(v):
    return 2 * v["p"] * v["r"] / (v["p"] + v["r"])


def _pick(v):
    allowed = [(acc, i) for i, (acc, ms) in enumerate(v["models"]) if ms <= v["budget"]]
    return "abcd"[max(allowed)[1]]


def _gaps(v):
    return round(v["train"] - v["team"], 1), round(v["dev"] - v["train"], 1)


KEYS = [
    Key(
        "q1",
        1,
        "b",
        "Stopping early fits the training set less well and, hopefully, generalises better: one control moving two "
        "things. A bigger network mainly fixes the fit to the training set; regularisation and more data mainly the "
        "gap to the dev set.",
    ),
    Key(
        "q2",
        2,
        _f1,
        lambda v: f"F1 is the harmonic mean of precision and recall: 2·{v['p']}·{v['r']}/({v['p']} + {v['r']}) = {v['answer']}%.",
        solution='v = variant("q2")\nq2 = 2 * v["p"] * v["r"] / (v["p"] + v["r"])',
        example=({"p": 95, "r": 90}, 2 * 95 * 90 / 185),
    ),
    Key(
        "q3",
        2,
        _pick,
        lambda v: (
            f"Only detectors within {v['budget']} ms qualify: "
            + ", ".join(f"{'abcd'[i]} ({acc}%)" for i, (acc, ms) in enumerate(v["models"]) if ms <= v["budget"])
            + f". Among them the most accurate is {v['answer']}; a more accurate detector that is too slow does not count."
        ),
        solution=(
            'v = variant("q3")\n'
            'allowed = [(acc, letter) for letter, (acc, ms) in zip("abcd", v["models"], strict=True) if ms <= v["budget"]]\n'
            'q3 = max(allowed)[1]'
        ),
        example=({"budget": 100, "models": [(95.0, 80), (98.0, 150), (93.0, 20), (96.0, 100)]}, "d"),
    ),
    Key(
        "q4",
        1,
        "d",
        "Dev and test sets must come from the same distribution, the one you will meet in use: otherwise you tune "
        "to one target and are judged on another.",
    ),
    Key(
        "q5",
        1,
        "a",
        "When the metric prefers what you and your users do not, the metric is wrong: redefine it (here, weight "
        "unacceptable errors heavily) and then optimise the new one.",
    ),
    Key(
        "q6",
        1,
        lambda v: _gaps(v)[0],
        lambda v: (
            f"The best human performance (the team, {v['team']}%) is the closest proxy for Bayes error: avoidable bias = "
            f"{v['train']} − {v['team']} = {v['answer']} points."
        ),
        solution='v = variant("q6")\nq6 = v["train"] - min(v["typical"], v["expert"], v["team"])',
        example=({"typical": 3.0, "expert": 1.0, "team": 0.5, "train": 0.7, "dev": 2.0}, 0.2),
    ),
    Key(
        "q7",
        1,
        lambda v: "b" if _gaps(v)[0] > _gaps(v)[1] else "a",
        lambda v: (
            f"Avoidable bias = {v['train']} − {v['team']} = {_gaps(v)[0]} points (the team is the best proxy for Bayes "
            f"error); variance = {v['dev']} − {v['train']} = {_gaps(v)[1]} points, so "
            + ("the bias is the bigger gap." if _gaps(v)[0] > _gaps(v)[1] else "the variance is the bigger gap.")
        ),
        solution='v = variant("q7")\nbias = v["train"] - min(v["typical"], v["expert"], v["team"])\nq7 = "b" if bias > v["dev"] - v["train"] else "a"',
        example=({"typical": 3.0, "expert": 1.0, "team": 0.5, "train": 0.7, "dev": 2.0}, "a"),
    ),
    Key(
        "q8",
        1,
        "c",
        "Below human level you can still ask people to label data, analyse errors by hand and estimate avoidable "
        "bias; past the best humans, those tools weaken and Bayes error is unknown.",
    ),
]

QUIZ = Quiz("c3w1q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
