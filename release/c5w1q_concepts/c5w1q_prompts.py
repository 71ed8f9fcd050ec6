"""Concept check, course 5 week 1 (recurrent neural networks): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt


def _rnn(rng):
    return {"nx": rng.choice([27, 50, 100, 300, 5000]), "na": rng.choice([16, 32, 64, 100, 128]), "ny": rng.choice([2, 5, 27, 100])}


CELL = (
    "A basic RNN cell computes a⟨t⟩ = tanh(W_aa·a⟨t−1⟩ + W_ax·x⟨t⟩ + b_a) and ŷ⟨t⟩ = softmax(W_ya·a⟨t⟩ + b_y), "
    "with inputs x⟨t⟩ of size n_x = {nx}, a hidden state of size n_a = {na} and outputs of size n_y = {ny}. "
)

PROMPTS = [
    Prompt(
        "q1",
        "choice",
        "In this course's notation, what does x⟨t⟩(i) denote?",
        options=(
            "the i-th element of the t-th training example",
            "the output of the network at step t for unit i",
            "the t-th element of the input sequence of training example i",
            "the t-th training example, of length i",
        ),
    ),
    Prompt("q2", "shape", CELL + "What is the shape of W_ax?", make=_rnn),
    Prompt("q3", "shape", CELL + "What is the shape of W_ya?", make=_rnn),
    Prompt("q4", "number", CELL + "How many trainable parameters (W_aa, W_ax, b_a, W_ya, b_y) does the cell have?", make=_rnn),
    Prompt(
        "q5",
        "choice",
        "Which RNN architecture suits translating a French sentence into English?",
        options=(
            "one-to-many: one input, a generated sequence",
            "many-to-many with an encoder that reads the whole sentence and a decoder that writes one of another length",
            "many-to-many with T_x = T_y: one output per input word",
            "many-to-one: read the sentence, output one label",
        ),
    ),
    Prompt(
        "q6",
        "number",
        "A language model assigns P(\"{w1}\") = {p1} to the first word, P(\"{w2}\" | \"{w1}\") = {p2} and "
        "P(\"{w3}\" | \"{w1} {w2}\") = {p3}. What probability does it give the three-word sentence \"{w1} {w2} {w3}\"?",
        make=lambda rng: {**dict(zip(("w1", "w2", "w3"), rng.choice([("cats", "sleep", "daily"), ("the", "dog", "barks"),
                                                                     ("birds", "sing", "loudly"), ("rain", "falls", "softly")]), strict=True)),
                          "p1": rng.uniform(0.01, 0.2, 2), "p2": rng.uniform(0.05, 0.6, 2), "p3": rng.uniform(0.05, 0.6, 2)},
        rtol=0.001,
    ),
    Prompt(
        "q7",
        "choice",
        "While training an RNN, the weights suddenly become NaN. What is the likely cause and the usual remedy?",
        options=(
            "vanishing gradients; use a deeper network",
            "the sequences are too short; pad them",
            "a learning rate that is too small; raise it",
            "exploding gradients; clip the gradients to a maximum norm or value",
        ),
    ),
    Prompt(
        "q8",
        "choice",
        "In an LSTM, which gate values make the memory cell c⟨t⟩ carry its old content c⟨t−1⟩ along unchanged?",
        options=(
            "output gate Γ_o ≈ 0",
            "forget gate Γ_f ≈ 0 and update gate Γ_u ≈ 1",
            "forget gate Γ_f ≈ 1 and update gate Γ_u ≈ 0",
            "all gates ≈ 0.5",
        ),
    ),
    Prompt(
        "q9",
        "choice",
        "What is the main limitation of a bidirectional RNN?",
        options=(
            "it needs the whole input sequence before it can make a prediction, so it does not suit live speech recognition as is",
            "it has fewer parameters than a one-way RNN",
            "it cannot use information from later in the sequence",
            "it cannot be stacked into a deep RNN",
        ),
    ),
]
