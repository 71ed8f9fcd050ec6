"""Concept check, course 4 week 2 (case studies of convolutional networks): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c4w2q_concepts/c4w2q_prompts.py`; see `autograder.concepts`.
"""

from c4w2q_prompts import PROMPTS

from autograder.concepts import Key, Quiz


def _plain(v):
    return v["h"] * v["h"] * v["c_out"] * v["f"] * v["f"] * v["c_in"]


def _bottleneck(v):
    return v["h"] * v["h"] * v["r"] * v["c_in"] + v["h"] * v["h"] * v["c_out"] * v["f"] * v["f"] * v["r"]


def _separable(v):
    out = v["n"] - v["f"] + 1
    return out * out * v["c"] * v["f"] * v["f"] + out * out * v["k"] * v["c"]


def _mobile(v):
    wide = v["t"] * v["c"]
    return v["c"] * wide + 9 * wide + wide * v["c_out"]


KEYS = [
    Key(
        "q1",
        1,
        "c",
        "Convolutions and pooling shrink n_H and n_W layer after layer, while more filters are used deeper in: "
        "n_C grows, from 3 channels to hundreds.",
    ),
    Key(
        "q2",
        1,
        "a",
        "If the extra layers' weights go to zero, a[l+2] = g(a[l]) = a[l] for ReLU: the block passes its input on "
        "unchanged, so it rarely hurts and can only add. The skip path also carries gradients to early layers.",
    ),
    Key(
        "q3",
        1,
        lambda v: (v["c"] + 1) * v["k"],
        lambda v: (
            f"Each 1×1 filter has one weight per input channel plus a bias: ({v['c']} + 1)·{v['k']} = {v['answer']}. "
            f"It shrinks {v['c']} channels to {v['k']} at every position, whatever the height and width."
        ),
        solution='v = variant("q3")\nq3 = (v["c"] + 1) * v["k"]',
        example=({"h": 28, "c": 192, "k": 32}, 6176),
    ),
    Key(
        "q4",
        1,
        _plain,
        lambda v: (
            f"{v['h']}·{v['h']}·{v['c_out']} output values, each from a {v['f']}×{v['f']}×{v['c_in']} filter: "
            f"{v['h'] * v['h'] * v['c_out']}·{v['f'] * v['f'] * v['c_in']} = {v['answer']}."
        ),
        solution='v = variant("q4")\nq4 = v["h"] ** 2 * v["c_out"] * v["f"] ** 2 * v["c_in"]',
        example=({"h": 28, "c_in": 192, "c_out": 32, "f": 5, "r": 16}, 120_422_400),
    ),
    Key(
        "q5",
        1,
        _bottleneck,
        lambda v: (
            f"The 1×1 step makes {v['h']}·{v['h']}·{v['r']} values from {v['c_in']} weights each: {v['h'] * v['h'] * v['r'] * v['c_in']}; "
            f"the {v['f']}×{v['f']} step makes {v['h']}·{v['h']}·{v['c_out']} values from {v['f']}·{v['f']}·{v['r']} weights each: "
            f"{v['h'] * v['h'] * v['c_out'] * v['f'] * v['f'] * v['r']}. Together {v['answer']}, about "
            f"{_plain(v) / _bottleneck(v):.1f} times fewer than without the bottleneck."
        ),
        solution=(
            'v = variant("q5")\n'
            'shrink = v["h"] ** 2 * v["r"] * v["c_in"]\n'
            'conv = v["h"] ** 2 * v["c_out"] * v["f"] ** 2 * v["r"]\n'
            'q5 = shrink + conv'
        ),
        example=({"h": 28, "c_in": 192, "c_out": 32, "f": 5, "r": 16}, 2_408_448 + 10_035_200),
    ),
    Key(
        "q6",
        2,
        _separable,
        lambda v: (
            f"The output is {v['n'] - v['f'] + 1}×{v['n'] - v['f'] + 1}. Depthwise: {v['c']} channels of outputs, "
            f"{v['f']}·{v['f']} weights each: {(v['n'] - v['f'] + 1) ** 2 * v['c'] * v['f'] ** 2}. Pointwise: {v['k']} channels of "
            f"outputs, {v['c']} weights each: {(v['n'] - v['f'] + 1) ** 2 * v['k'] * v['c']}. Total {v['answer']}, against "
            f"{(v['n'] - v['f'] + 1) ** 2 * v['k'] * v['f'] ** 2 * v['c']} for the normal convolution."
        ),
        solution=(
            'v = variant("q6")\n'
            'out = v["n"] - v["f"] + 1\n'
            'q6 = out**2 * v["c"] * v["f"] ** 2 + out**2 * v["k"] * v["c"]'
        ),
        example=({"n": 6, "c": 3, "f": 3, "k": 5}, 432 + 240),
    ),
    Key(
        "q7",
        1,
        _mobile,
        lambda v: (
            f"Expansion: {v['c']}·{v['t'] * v['c']} weights; depthwise: 3·3 per expanded channel, 9·{v['t'] * v['c']}; projection: "
            f"{v['t'] * v['c']}·{v['c_out']}. Total {v['answer']}."
        ),
        solution='v = variant("q7")\nwide = v["t"] * v["c"]\nq7 = v["c"] * wide + 9 * wide + wide * v["c_out"]',
        example=({"c": 16, "t": 6, "c_out": 24}, 1536 + 864 + 2304),
    ),
    Key(
        "q8",
        1,
        "b",
        "With a few dozen images, training many weights would overfit: keep the pre-trained features frozen and train a "
        "new output layer (pre-computing the frozen activations makes it fast). The more data, the more layers you can "
        "unfreeze; data augmentation (crops, flips, colour shifts) stretches a small set further.",
    ),
    Key(
        "q9",
        1,
        "c",
        "Depth, width and resolution each help, with diminishing returns; EfficientNet grows all three together by "
        "ratios found once, which gives better accuracy for a given amount of computation.",
    ),
]

QUIZ = Quiz("c4w2q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
