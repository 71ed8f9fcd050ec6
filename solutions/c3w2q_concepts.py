"""Concept check, course 3 week 2 (ML strategy, part 2): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c3w2q_concepts/c3w2q_prompts.py`; see `autograder.concepts`.
"""

from c3w2q_prompts import PROMPTS

from autograder.concepts import Key, Quiz


def _count(v):
    return round(v["looked"] * v["share"] / 100)


def _gaps(v):
    return [round(v["train"] - v["human"], 1), round(v["train_dev"] - v["train"], 1), round(v["dev"] - v["train_dev"], 1)]


NAMES = ["avoidable bias", "variance", "data mismatch"]

KEYS = [
    Key(
        "q1",
        1,
        lambda v: v["error"] * (1 - _count(v) / v["looked"]),
        lambda v: (
            f"Dogs are {_count(v)}/{v['looked']} of the errors, so fixing them all removes that fraction of the dev error: "
            f"{v['error']}·(1 − {_count(v)}/{v['looked']}) = {v['answer']}%. That is the ceiling on what this work can "
            "bring; compare it with the other categories before choosing what to work on."
        ),
        solution='v = variant("q1")\ndogs = round(v["looked"] * v["share"] / 100)\nq1 = v["error"] * (1 - dogs / v["looked"])',
        example=({"error": 10.0, "looked": 100, "share": 5}, 9.5),
    ),
    Key(
        "q2",
        1,
        "b",
        "Dev and test sets must keep coming from the same distribution, so a correction applied to one is applied to "
        "the other. The training set may differ slightly and can be corrected later, if at all.",
    ),
    Key(
        "q3",
        1,
        "a",
        "Random errors in a large training set mostly average out; systematic errors (say, all white dogs labelled "
        "as cats) do not, and are worth fixing.",
    ),
    Key(
        "q4",
        1,
        "c",
        "Dev and test sets set the target, so they should hold the data you care about: app photos. Putting some app "
        "photos into training as well helps the model learn that distribution. Shuffling everything would make the "
        "dev set almost all web images.",
    ),
    Key(
        "q5",
        1,
        lambda v: _gaps(v)[2],
        lambda v: (
            f"Data mismatch is the jump from the training-dev set (same distribution as training, not trained on) to the "
            f"dev set: {v['dev']} − {v['train_dev']} = {v['answer']} points."
        ),
        solution='v = variant("q5")\nq5 = v["dev"] - v["train_dev"]',
        example=({"human": 1.0, "train": 2.0, "train_dev": 2.5, "dev": 8.0}, 5.5),
    ),
    Key(
        "q6",
        1,
        lambda v: "abc"[_gaps(v).index(max(_gaps(v)))],
        lambda v: (
            f"Avoidable bias = {v['train']} − {v['human']} = {_gaps(v)[0]}; variance = {v['train_dev']} − {v['train']} = "
            f"{_gaps(v)[1]}; data mismatch = {v['dev']} − {v['train_dev']} = {_gaps(v)[2]}. The largest is "
            f"{NAMES[_gaps(v).index(max(_gaps(v)))]}."
        ),
        solution=(
            'v = variant("q6")\n'
            'gaps = [v["train"] - v["human"], v["train_dev"] - v["train"], v["dev"] - v["train_dev"]]\n'
            'q6 = "abc"[gaps.index(max(gaps))]'
        ),
        example=({"human": 1.0, "train": 2.0, "train_dev": 7.0, "dev": 8.0}, "b"),
    ),
    Key(
        "q7",
        1,
        "b",
        "To a listener one hour of noise may sound like plenty, but the network can memorise it, and it covers only "
        "a sliver of real car noise: the model may then do well on your synthetic set and poorly in real cars.",
    ),
    Key(
        "q8",
        1,
        "d",
        "Transfer pays when the source task has a lot of data of the same kind of input and its low-level features "
        "carry over; with more data for B than for A, just train on B.",
    ),
    Key(
        "q9",
        1,
        "c",
        "Several labels can be true at once, so each gets its own sigmoid (multi-task learning), not a softmax that "
        "picks one. A missing label simply leaves its term out of the sum.",
    ),
    Key(
        "q10",
        1,
        "d",
        "End to end, the network must discover every intermediate step from data, which takes many (x, y) examples; "
        "and useful hand-designed components, which inject knowledge, are left out.",
    ),
]

QUIZ = Quiz("c3w2q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
