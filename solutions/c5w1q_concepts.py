"""Concept check, course 5 week 1 (recurrent neural networks): answers, explanations, hidden checks.

The questions (and each student's numbers) are in
`source/c5w1q_concepts/c5w1q_prompts.py`; see `autograder.concepts`.
"""

from c5w1q_prompts import PROMPTS

from autograder.concepts import Key, Quiz


def _count(v):
    na, nx, ny = v["na"], v["nx"], v["ny"]
    return na * na + na * nx + na + ny * na + ny


KEYS = [
    Key(
        "q1",
        1,
        "c",
        "Round brackets pick the training example and angle brackets the position in its sequence: x⟨t⟩(i) is the "
        "t-th element of example i's input. Sequences may have different lengths T_x(i).",
    ),
    Key(
        "q2",
        1,
        lambda v: (v["na"], v["nx"]),
        lambda v: f"W_ax turns an input of size n_x into a contribution to the hidden state of size n_a: (n_a, n_x) = {v['answer']}.",
        solution='v = variant("q2")\nq2 = (v["na"], v["nx"])',
        example=({"nx": 3, "na": 5, "ny": 2}, (5, 3)),
    ),
    Key(
        "q3",
        1,
        lambda v: (v["ny"], v["na"]),
        lambda v: f"W_ya maps the hidden state (n_a) to the output scores (n_y): (n_y, n_a) = {v['answer']}.",
        solution='v = variant("q3")\nq3 = (v["ny"], v["na"])',
        example=({"nx": 3, "na": 5, "ny": 2}, (2, 5)),
    ),
    Key(
        "q4",
        2,
        _count,
        lambda v: (
            f"W_aa {v['na']}·{v['na']} + W_ax {v['na']}·{v['nx']} + b_a {v['na']} + W_ya {v['ny']}·{v['na']} + b_y {v['ny']} = "
            f"{v['answer']}. The same parameters are used at every time step, so the count does not depend on T_x."
        ),
        solution='v = variant("q4")\nna, nx, ny = v["na"], v["nx"], v["ny"]\nq4 = na * na + na * nx + na + ny * na + ny',
        example=({"nx": 3, "na": 5, "ny": 2}, 25 + 15 + 5 + 10 + 2),
    ),
    Key(
        "q5",
        1,
        "b",
        "A translation has its own length, and a word's translation may depend on words later in the sentence: an "
        "encoder reads all T_x input words, then a decoder produces T_y output words.",
    ),
    Key(
        "q6",
        1,
        lambda v: v["p1"] * v["p2"] * v["p3"],
        lambda v: (
            f"By the chain rule of probability, P(y⟨1⟩, y⟨2⟩, y⟨3⟩) = P(y⟨1⟩)·P(y⟨2⟩ | y⟨1⟩)·P(y⟨3⟩ | y⟨1⟩, y⟨2⟩) = "
            f"{v['p1']}·{v['p2']}·{v['p3']} = {v['answer']}; an RNN language model outputs each factor at one step."
        ),
        solution='v = variant("q6")\nq6 = v["p1"] * v["p2"] * v["p3"]',
        example=({"w1": "a", "w2": "b", "w3": "c", "p1": 0.1, "p2": 0.5, "p3": 0.2}, 0.01),
    ),
    Key(
        "q7",
        1,
        "d",
        "Gradients multiplied through many time steps can grow without bound until they overflow into NaN. Clipping "
        "them keeps the steps finite; vanishing gradients, the other problem, show up as slow learning instead.",
    ),
    Key(
        "q8",
        1,
        "c",
        "c⟨t⟩ = Γ_u·c̃⟨t⟩ + Γ_f·c⟨t−1⟩: with Γ_f ≈ 1 the old memory is kept and with Γ_u ≈ 0 nothing new is written. "
        "That is how LSTMs (and GRUs, with Γ_u ≈ 0) carry information over many steps.",
    ),
    Key(
        "q9",
        1,
        "a",
        "The backward direction starts from the end of the sequence, so a bidirectional RNN can only predict once it "
        "has seen all of it: fine for a whole sentence, not for a voice still speaking.",
    ),
]

QUIZ = Quiz("c5w1q_concepts", PROMPTS, KEYS)
CHECKS = QUIZ.checks()
globals().update(QUIZ.solution_cells())  # CELL_q1, CELL_q2, ...: the reference answer cells
