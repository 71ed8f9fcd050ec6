"""Concept check, course 2 week 1 (practical aspects of deep learning): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c2w1q_concepts/c2w1q_prompts.py`; see `autograder.concepts`.
"""

import math

from c2w1q_prompts import PROMPTS

from autograder.concepts import Key, Quiz


def _bias(v):
    return round(v["train"] - v["bayes"], 1)


def _variance(v):
    return round(v["dev"] - v["train"], 1)


def _decay(v):
    return v["w"] - v["alpha"] * (v["g"] + v["lam"] / v["m"] * v["w"])


def _scale(v):
    return math.sqrt((2 if v["act"] == "ReLU" else 1) / v["n"])


KEYS = [
    Key(
        "q1",
        1,
        "b",
        "The dev and test sets only need to be big enough to compare models and to estimate the final error "
        "reliably; with millions of examples, 1% (50,000 each) is plenty, and the rest is better used for training. "
        "60/20/20 suits data sets of a few thousand.",
    ),
    Key(
        "q2",
        1,
        _bias,
        lambda v: (
            f"Avoidable bias = training error − Bayes error = {v['train']} − {v['bayes']} = {v['answer']} points. "
            f"(Variance, for comparison, is dev − training = {_variance(v)} points.)"
        ),
        solution='v = variant("q2")\nq2 = v["train"] - v["bayes"]',
        example=({"bayes": 1.0, "train": 8.0, "dev": 10.0}, 7.0),
    ),
    Key(
        "q3",
        1,
        lambda v: "b" if _bias(v) > _variance(v) else "a",
        lambda v: (
            f"Avoidable bias = {v['train']} − {v['bayes']} = {_bias(v)} points; variance = {v['dev']} − {v['train']} = "
            f"{_variance(v)} points. The larger gap is {'avoidable bias' if _bias(v) > _variance(v) else 'variance'}, so "
            + ("fit the training set better first: a bigger network, longer training, another architecture."
               if _bias(v) > _variance(v) else "generalise better first: more data, L2 or dropout regularisation.")
        ),
        solution='v = variant("q3")\nq3 = "b" if v["train"] - v["bayes"] > v["dev"] - v["train"] else "a"',
        example=({"bayes": 0.5, "train": 1.5, "dev": 9.0}, "a"),
    ),
    Key(
        "q4",
        2,
        _decay,
        lambda v: (
            f"w − α·(g + (λ/m)·w) = {v['w']} − {v['alpha']}·({v['g']} + ({v['lam']}/{v['m']})·({v['w']})) = {v['answer']}. "
            f"Written as w·(1 − αλ/m) − α·g, the update first shrinks w by the factor {1 - v['alpha'] * v['lam'] / v['m']:.6g}: "
            "that is why L2 regularisation is also called weight decay."
        ),
        solution='v = variant("q4")\nq4 = v["w"] - v["alpha"] * (v["g"] + v["lam"] / v["m"] * v["w"])',
        example=({"lam": 1, "m": 100, "alpha": 0.1, "w": 2.0, "g": 0.5}, 2.0 - 0.1 * (0.5 + 0.02)),
    ),
    Key(
        "q5",
        1,
        lambda v: v["a"] / v["p"],
        lambda v: (
            f"Inverted dropout divides the kept activations by keep_prob, {v['a']}/{v['p']} = {v['answer']}, so that the "
            "expected input of the next layer is the same as without dropout."
        ),
        solution='v = variant("q5")\nq5 = v["a"] / v["p"]',
        example=({"p": 0.8, "a": 2.0}, 2.5),
    ),
    Key(
        "q6",
        1,
        "c",
        "Dropout is a training-time regulariser. Inverted dropout already rescaled the kept activations during "
        "training, so at test time the full network runs as it is, deterministically.",
    ),
    Key(
        "q7",
        1,
        _scale,
        lambda v: (
            f"{v['rule']} draws weights with variance {'2' if v['act'] == 'ReLU' else '1'}/n[l−1], so "
            f"s = √({'2' if v['act'] == 'ReLU' else '1'}/{v['n']}) = {v['answer']}. Keeping the variance of z about "
            "constant from layer to layer stops activations and gradients from vanishing or exploding in deep networks. "
            "The number of units in layer l does not enter."
        ),
        solution='import math\n\nv = variant("q7")\nq7 = math.sqrt((2 if v["act"] == "ReLU" else 1) / v["n"])',
        example=({"n": 50, "units": 10, "act": "ReLU", "rule": "He initialisation"}, 0.2),
    ),
    Key(
        "q8",
        1,
        "a",
        "The network was trained on inputs transformed with the training set's μ and σ; every later input must "
        "go through exactly the same transformation, or the test inputs land somewhere the network never saw.",
    ),
    Key(
        "q9",
        1,
        "d",
        "With ε around 10⁻⁷, a correct gradient gives a relative difference near 10⁻⁷; around 10⁻⁵ deserves a look, "
        "and 10⁻³ almost certainly means a bug. Dropout must stay off while checking, since it makes J random.",
    ),
]

QUIZ = Quiz("c2w1q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
