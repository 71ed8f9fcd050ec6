"""Concept check, course 5 week 3 (sequence models and attention): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt


def _beam(rng):
    return {"probs": [rng.uniform(0.1, 0.95, 2) for _ in range(rng.randint(3, 6))], "alpha": rng.choice([0.5, 0.7, 1.0])}


def _blame(rng):
    a, b = rng.uniform(1.0, 9.0, 1), rng.uniform(1.0, 9.0, 1)
    while a == b:
        b = rng.uniform(1.0, 9.0, 1)
    return {"p_star": a, "p_hat": b, "e_star": rng.randint(-12, -6), "e_hat": rng.randint(-12, -6)}


PROMPTS = [
    Prompt(
        "q1",
        "choice",
        "Why is a machine-translation model called a *conditional* language model?",
        options=(
            "it generates sentences with no input at all",
            "it only translates when a condition on the input is met",
            "its decoder is a language model whose start is the encoding of the input sentence, so it models P(y⟨1⟩, ..., y⟨T_y⟩ | x)",
            "it samples each word at random from the vocabulary",
        ),
    ),
    Prompt(
        "q2",
        "choice",
        "Why is greedy search (always taking the single most likely next word) not enough for translation?",
        options=(
            "it is too slow",
            "choosing the best word at each step does not guarantee the most likely whole sentence",
            "it can only produce sentences of one length",
            "it needs a beam width of at least 10",
        ),
    ),
    Prompt(
        "q3",
        "number",
        lambda v: (
            f"Beam search scores a candidate translation of T_y = {len(v['probs'])} words, whose words the model predicted "
            f"with conditional probabilities {', '.join(str(p) for p in v['probs'])}, by the length-normalised log "
            f"likelihood (1/T_y^α)·Σ log P(y⟨t⟩ | x, y⟨1⟩, ..., y⟨t−1⟩), with α = {v['alpha']} and natural logarithms. "
            "What is its score?"
        ),
        make=_beam,
        tol=0.001,
    ),
    Prompt(
        "q4",
        "choice",
        "What happens as you increase the beam width B?",
        options=(
            "results usually improve, with diminishing returns, while decoding gets slower and needs more memory",
            "nothing changes after B = 2",
            "results get worse and decoding faster",
            "the model needs retraining for each B",
        ),
    ),
    Prompt(
        "q5",
        "choice",
        "For a dev sentence x, a human translation y* and your system's output ŷ get P(y* | x) = {p_star}·10^({e_star}) "
        "and P(ŷ | x) = {p_hat}·10^({e_hat}) from your RNN. Which part of the system is to blame for this error?",
        make=_blame,
        options=("the beam search", "the RNN model"),
    ),
    Prompt(
        "q6",
        "number",
        "A candidate translation has c = {c} words and the closest reference translation has r = {r}. BLEU's brevity "
        "penalty is 1 when c > r and exp(1 − r/c) otherwise. What is it here?",
        make=lambda rng: {"c": rng.randint(5, 14), "r": rng.randint(15, 24)},
        tol=0.001,
    ),
    Prompt(
        "q7",
        "number",
        "For one output step, an attention model computes the energies e = {e} for the input positions "
        "t′ = 1, ..., {tx}, and turns them into attention weights with a softmax over t′. What is the weight of the first "
        "input position?",
        make=lambda rng: {"e": [rng.uniform(-2.0, 2.0, 1) for _ in range(4)], "tx": 4},
        tol=0.001,
    ),
    Prompt(
        "q8",
        "number",
        "An attention model translates a {tx}-word sentence into a {ty}-word one. How many attention weights "
        "α⟨t, t′⟩ does it compute?",
        make=lambda rng: {"tx": rng.randint(8, 60), "ty": rng.randint(8, 60)},
    ),
    Prompt(
        "q9",
        "choice",
        "A CTC speech model outputs one character per time step, with \"_\" for the blank. What text does the output "
        "`ttt_h_eee___ ___qqq__` collapse to?",
        options=("\"the qqq\"", "\"ttheee q\"", "\"th e qq\"", "\"the q\""),
    ),
]
