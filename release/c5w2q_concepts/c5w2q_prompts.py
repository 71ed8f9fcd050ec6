"""Concept check, course 5 week 2 (word embeddings): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt


def _vectors(rng):
    u = tuple(rng.randint(-4, 5) or 1 for _ in range(3))
    w = tuple(rng.randint(-4, 5) or 2 for _ in range(3))
    return {"u": u, "w": w}


PROMPTS = [
    Prompt(
        "q1",
        "shape",
        "An embedding matrix E holds a {d}-dimensional embedding for each word of a {vocab}-word vocabulary, one word "
        "per column. What is the shape of E?",
        make=lambda rng: {"d": rng.choice([50, 100, 128, 300]), "vocab": rng.choice([5000, 10000, 20000, 40000])},
    ),
    Prompt(
        "q2",
        "shape",
        "E has shape ({d}, {vocab}) and o_j is the one-hot column vector of word j. What is the shape of E·o_j?",
        make=lambda rng: {"d": rng.choice([50, 100, 128, 300]), "vocab": rng.choice([5000, 10000, 20000, 40000])},
    ),
    Prompt(
        "q3",
        "number",
        "Two (tiny) word embeddings are u = {u} and v = {w}. What is their cosine similarity u·v / (‖u‖·‖v‖)?",
        make=_vectors,
        tol=0.001,
    ),
    Prompt(
        "q4",
        "choice",
        "How does an embedding-based analogy solver complete \"man is to woman as king is to ?\"",
        options=(
            "it finds the word closest to e_king",
            "it finds the word w whose embedding e_w is most similar (by cosine similarity) to e_king − e_man + e_woman",
            "it picks the word that most often follows \"king\" in the corpus",
            "it averages e_man, e_woman and e_king",
        ),
    ),
    Prompt(
        "q5",
        "number",
        "Word2vec with negative sampling draws k = {k} negative words for each (context, target) pair, from a "
        "{vocab}-word vocabulary. How many of the binary (logistic) classifiers are updated for one such pair?",
        make=lambda rng: {"k": rng.randint(2, 20), "vocab": rng.choice([10000, 30000, 50000])},
    ),
    Prompt(
        "q6",
        "number",
        "GloVe weights each pair of words by f(X_ij) = (X_ij / x_max)^0.75 when X_ij < x_max, and 1 otherwise, "
        "where X_ij counts how often word j appears in the context of word i. With x_max = {xmax} and X_ij = {x}, "
        "what is f(X_ij)?",
        make=lambda rng: {"xmax": 100, "x": rng.randint(1, 99)},
        tol=0.001,
    ),
    Prompt(
        "q7",
        "choice",
        "You train a sentiment classifier on 10,000 labelled reviews, with embeddings pre-trained on a billion "
        "words. Should you fine-tune the embeddings?",
        options=(
            "always: pre-trained embeddings never fit a new task",
            "never: fine-tuning destroys them",
            "only when the vocabulary is smaller than 10,000 words",
            "only if the labelled set is large; with a small one, keeping them fixed usually generalises better",
        ),
    ),
    Prompt(
        "q8",
        "choice",
        "A sentiment model averages the embeddings of a review's words and feeds the average to a softmax. Which "
        "review is it likely to get wrong?",
        options=(
            "\"Completely lacking in good taste, good service, and good ambience\"",
            "\"Great food and friendly staff\"",
            "\"Terrible, slow and cold\"",
            "\"Excellent, would come again\"",
        ),
    ),
    Prompt(
        "q9",
        "choice",
        "When debiasing word embeddings for gender, which words get *neutralised* (their component along the "
        "gender direction removed)?",
        options=(
            "every word in the vocabulary",
            "words whose definition involves gender, such as \"grandmother\" and \"grandfather\"",
            "words that should not be gendered, such as \"doctor\" or \"babysitter\"",
            "only the words \"he\" and \"she\"",
        ),
    ),
]
