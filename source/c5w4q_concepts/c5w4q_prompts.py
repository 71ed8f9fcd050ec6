"""Concept check, course 5 week 4 (transformers): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt

PROMPTS = [
    Prompt(
        "q1",
        "shape",
        "In a decoder's cross-attention, the queries come from the {tq} target tokens generated so far and the keys "
        "and values from the {tk} tokens of the encoded source sentence; d_k = {dk}. What is the shape of the "
        "attention-weight matrix softmax(Q·Kᵀ/√d_k) for one head and one sentence?",
        make=lambda rng: {"tq": rng.randint(3, 40), "tk": rng.randint(3, 40), "dk": rng.choice([32, 64, 128])},
    ),
    Prompt(
        "q2",
        "number",
        "Scaled dot-product attention divides Q·Kᵀ by √d_k. With d_k = {dk}, what is the divisor?",
        make=lambda rng: {"dk": rng.choice([16, 25, 32, 48, 64, 100, 128, 256])},
        tol=0.001,
    ),
    Prompt(
        "q3",
        "number",
        "A multi-head attention layer has model dimension d_model = {d} and {h} heads, each with the same query, key and "
        "value size. What is the size of each head's queries (d_model / h)?",
        make=lambda rng: (lambda h: {"h": h, "d": h * rng.choice([16, 32, 64])})(rng.choice([2, 4, 8, 12, 16])),
    ),
    Prompt(
        "q4",
        "number",
        "The positional encoding of position pos in a model of dimension d = {d} is PE(pos, 2i) = sin(pos / 10000^(2i/d)) "
        "and PE(pos, 2i+1) = cos(pos / 10000^(2i/d)), with dimensions counted from 0. What is the value in dimension "
        "{j} for position {pos}?",
        make=lambda rng: {"d": rng.choice([16, 32, 64, 128]), "j": rng.randint(0, 9), "pos": rng.randint(1, 50)},
        tol=0.001,
    ),
    Prompt(
        "q5",
        "choice",
        "Which statement about these sine-and-cosine positional encodings is true?",
        options=(
            "every value lies in [−1, 1], and each position gets its own distinct vector",
            "they are learned during training",
            "they grow with the position, so late tokens get larger inputs",
            "all positions share the same vector",
        ),
    ),
    Prompt(
        "q6",
        "number",
        "A decoder's look-ahead mask for a sequence of {t} tokens stops each position from attending to later positions. "
        "How many of the {t}×{t} entries of the attention-score matrix does it mask?",
        make=lambda rng: {"t": rng.randint(4, 60)},
    ),
    Prompt(
        "q7",
        "number",
        "Sentences in a batch are padded to {t} tokens. One sentence has {n} real tokens. With a padding mask, how many of "
        "the {t} key positions does each of its queries ignore?",
        make=lambda rng: (lambda t: {"t": t, "n": rng.randint(2, t - 1)})(rng.randint(10, 64)),
    ),
    Prompt(
        "q8",
        "choice",
        "Which is the order of operations in one encoder layer of the original Transformer?",
        options=(
            "feed-forward network, then multi-head self-attention, with no residual connections",
            "masked self-attention, then cross-attention over the decoder",
            "multi-head self-attention; add the input and layer-normalise; position-wise feed-forward network; add and layer-normalise",
            "a convolution, then pooling",
        ),
    ),
    Prompt(
        "q9",
        "choice",
        "Why do transformers handle long sequences better than RNNs with attention?",
        options=(
            "they have fewer parameters",
            "every position attends to every other position in one step, so distance does not weaken the signal, and all positions are computed in parallel",
            "they read the sequence one token at a time",
            "they need no training data",
        ),
    ),
]
