"""Concept check, course 4 week 1 (convolution foundations): answers, explanations, hidden checks.

The questions themselves (and each student's numbers) are in
`source/c4w1q_concepts/c4w1q_prompts.py`; see `autograder.concepts`.
"""

from c4w1q_prompts import PROMPTS

from autograder.concepts import Key, Quiz


def _conv_out(n, f, p, s):
    return (n + 2 * p - f) // s + 1


def _lenet(v):
    a = v["n"] - v["f1"] + 1
    a //= 2
    a = a - v["f2"] + 1
    a //= 2
    return (a, a, v["k2"])


KEYS = [
    Key(
        "q1",
        2,
        lambda v: _conv_out(v["n"], v["f"], v["p"], v["s"]),
        lambda v: (
            "The padded input is n + 2p wide; a filter of width f fits in (n + 2p − f) positions past the first one, "
            f"and the stride keeps every s-th: ⌊(n + 2p − f)/s⌋ + 1 = ⌊({v['n']} + {2 * v['p']} − {v['f']})/{v['s']}⌋ + 1 = {v['answer']}."
        ),
        solution='v = variant("q1")\nq1 = (v["n"] + 2 * v["p"] - v["f"]) // v["s"] + 1',
        example=({"n": 63, "f": 7, "p": 1, "s": 2}, 30),
    ),
    Key(
        "q2",
        2,
        lambda v: (v["f"] * v["f"] * v["c"] + 1) * v["k"],
        lambda v: (
            "Each filter spans the whole depth of its input, so it holds f·f·n_C weights plus one bias; "
            f"the layer has one such filter per output channel: ({v['f']}·{v['f']}·{v['c']} + 1)·{v['k']} = {v['answer']}. "
            "The height and width of the input do not matter: the filters are shared across positions."
        ),
        solution='v = variant("q2")\nq2 = (v["f"] ** 2 * v["c"] + 1) * v["k"]',
        example=({"h": 300, "c": 3, "k": 100, "f": 5}, 7600),
    ),
    Key(
        "q3",
        1,
        lambda v: v["h"] * v["h"] * v["c"] * v["k"] + v["k"],
        lambda v: (
            f"The flattened input has {v['h']}·{v['h']}·{v['c']} = {v['h'] * v['h'] * v['c']} values; every unit has one weight "
            f"per input value and one bias: {v['h'] * v['h'] * v['c']}·{v['k']} + {v['k']} = {v['answer']}. "
            "A convolution on the same input needs far fewer, because it shares a small filter across positions."
        ),
        solution='v = variant("q3")\nq3 = v["h"] * v["h"] * v["c"] * v["k"] + v["k"]',
        example=({"h": 32, "c": 3, "k": 10}, 30730),
    ),
    Key(
        "q4",
        1,
        lambda v: (v["f"] - 1) // 2,
        lambda v: f"With stride 1 the output is n + 2p − f + 1 wide; it equals n when 2p = f − 1, so p = (f − 1)/2 = {v['answer']}.",
        solution='v = variant("q4")\nq4 = (v["f"] - 1) // 2',
        example=({"f": 5}, 2),
    ),
    Key(
        "q5",
        1,
        _lenet,
        lambda v: (
            f"Convolution (valid, stride 1): {v['n']} − {v['f1']} + 1 = {v['n'] - v['f1'] + 1}; pooling halves it (rounding down) to "
            f"{(v['n'] - v['f1'] + 1) // 2}; the second convolution gives {(v['n'] - v['f1'] + 1) // 2 - v['f2'] + 1}, and pooling "
            f"{_lenet(v)[0]}. The depth is the number of filters of the last convolution ({v['k2']}); pooling keeps the depth. "
            f"Shape: {v['answer']}."
        ),
        solution=(
            'v = variant("q5")\n'
            'size = (v["n"] - v["f1"] + 1) // 2\n'
            'size = (size - v["f2"] + 1) // 2\n'
            'q5 = (size, size, v["k2"])'
        ),
        example=({"n": 32, "k1": 6, "f1": 5, "k2": 16, "f2": 5}, (5, 5, 16)),
    ),
    Key(
        "q6",
        1,
        "b",
        "Pooling has hyperparameters (window size, stride, max or average) but nothing to learn: "
        "it takes the maximum or mean of each window, channel by channel.",
    ),
    Key(
        "q7",
        1,
        "a",
        "A filter always has the depth of its input volume (16 channels here), so each one is 3 × 3 × 16. "
        "The number of filters (8) is the depth of the output, not of a filter.",
    ),
    Key(
        "q8",
        1,
        "d",
        "Sparse connections: an output value is computed from the input values under its window only, "
        "not from the whole image. Using the same weights everywhere is the other idea, parameter sharing.",
    ),
]

QUIZ = Quiz("c4w1q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
