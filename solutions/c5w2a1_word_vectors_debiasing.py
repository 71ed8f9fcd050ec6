"""Reference solution and hidden checks: c5w2a1_word_vectors_debiasing.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
"""

import numpy as np

from autograder.checks import Case, FunctionCheck
from autograder.data.embeddings import glove_table


def cosine_similarity(u, v):
    """
    Cosine similarity of two vectors: how closely they point in the same direction.

    Arguments:
    u -- a word vector of shape (n,)
    v -- a word vector of shape (n,)

    Returns:
    cosine_similarity -- u.v / (||u|| ||v||), a float between -1 and 1;
                         0.0 when one of the vectors is (numerically) zero
    """
    dot = np.dot(u, v)
    norm_u = np.sqrt(np.sum(u * u))
    norm_v = np.sqrt(np.sum(v * v))
    # A zero vector has no direction: say "unrelated" instead of dividing by 0.
    if np.isclose(norm_u * norm_v, 0, atol=1e-32):
        return 0.0
    cosine_similarity = dot / (norm_u * norm_v)
    return cosine_similarity


def complete_analogy(word_a, word_b, word_c, word_to_vec_map):
    """
    Complete the analogy "a is to b as c is to ____".

    Arguments:
    word_a -- a word, a string
    word_b -- a word, a string
    word_c -- a word, a string
    word_to_vec_map -- dictionary mapping words to their vectors

    Returns:
    best_word -- the word w (not one of the three inputs) whose offset e_w - e_c
                 is most similar (cosine) to the offset e_b - e_a
    """
    word_a, word_b, word_c = word_a.lower(), word_b.lower(), word_c.lower()
    e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
    max_cosine_sim = -100
    best_word = None
    for w in word_to_vec_map.keys():
        # The input words would often win trivially: skip them.
        if w in [word_a, word_b, word_c]:
            continue
        cosine_sim = cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c)
        if cosine_sim > max_cosine_sim:
            max_cosine_sim = cosine_sim
            best_word = w
    return best_word


def neutralize(word, g, word_to_vec_map):
    """
    Remove the bias component of a word's vector: project it onto the space orthogonal to g.

    Arguments:
    word -- the word to debias, a string
    g -- the bias axis (for example gender), an array of shape (n,)
    word_to_vec_map -- dictionary mapping words to their vectors

    Returns:
    e_debiased -- the word's vector without its component along g, shape (n,)
    """
    e = word_to_vec_map[word]
    e_biascomponent = (np.dot(e, g) / np.sum(g * g)) * g
    e_debiased = e - e_biascomponent
    return e_debiased


def equalize(pair, bias_axis, word_to_vec_map):
    """
    Make the two words of a gendered pair differ only along the bias axis.

    Arguments:
    pair -- a pair of words (word1, word2), e.g. ("actor", "actress")
    bias_axis -- the bias axis g, an array of shape (n,)
    word_to_vec_map -- dictionary mapping words to their vectors

    Returns:
    e1 -- the equalized vector of word1, shape (n,)
    e2 -- the equalized vector of word2, shape (n,)
    """
    w1, w2 = pair
    e_w1, e_w2 = word_to_vec_map[w1], word_to_vec_map[w2]
    norm_sq = np.sum(bias_axis * bias_axis)
    # The midpoint of the pair, split into its bias part and the rest.
    mu = (e_w1 + e_w2) / 2
    mu_B = (np.dot(mu, bias_axis) / norm_sq) * bias_axis
    mu_orth = mu - mu_B
    # Each word's own bias part.
    e_w1B = (np.dot(e_w1, bias_axis) / norm_sq) * bias_axis
    e_w2B = (np.dot(e_w2, bias_axis) / norm_sq) * bias_axis
    # Rescale the bias parts symmetrically around the midpoint.
    scale = np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth)))
    corrected_e_w1B = scale * (e_w1B - mu_B) / np.linalg.norm((e_w1 - mu_orth) - mu_B)
    corrected_e_w2B = scale * (e_w2B - mu_B) / np.linalg.norm((e_w2 - mu_orth) - mu_B)
    e1 = corrected_e_w1B + mu_orth
    e2 = corrected_e_w2B + mu_orth
    return e1, e2


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs, compared with the functions above.
# ---------------------------------------------------------------------------

FILLER_WORDS = [
    "apple", "river", "chair", "cloud", "pencil", "garden", "window", "violin", "engine",
    "candle", "forest", "mirror", "rocket", "basket", "silver", "jacket", "tunnel", "pepper",
]


def _table_slice(words):
    """A small word_to_vec_map cut from the lab's D-EMB table (50-d), in the given order."""
    table = glove_table(50)
    return {word: table[word] for word in words}


def _random_map(rng, words, dim, scale=1.0):
    return {word: rng.normal(0.0, scale, dim) for word in words}


def _shuffled(rng, mapping):
    """The same dict with its keys in a random order (where the answer sits must not matter)."""
    keys = list(mapping)
    return {keys[i]: mapping[keys[i]] for i in rng.permutation(len(keys))}


def _planted_analogy_map(seed, dim, n_fillers):
    """man/woman and king/queen share an offset; fillers are random words."""
    rng = np.random.default_rng(seed)
    offset = rng.normal(0.0, 1.0, dim)
    base_1, base_2 = rng.normal(0.0, 1.0, dim), rng.normal(0.0, 1.0, dim)
    mapping = {
        "man": base_1,
        "woman": base_1 + offset,
        "king": base_2,
        "queen": base_2 + offset + rng.normal(0.0, 0.2, dim),
    }
    mapping.update(_random_map(rng, FILLER_WORDS[:n_fillers], dim))
    return _shuffled(rng, mapping)


def _all_negative_map(seed, dim):
    """Every candidate offset points against e_b - e_a: the best is the least negative."""
    rng = np.random.default_rng(seed)
    e_a, e_b, e_c = (rng.normal(0.0, 1.0, dim) for _ in range(3))
    direction = e_b - e_a
    mapping = {"north": e_a, "south": e_b, "up": e_c}
    for word in FILLER_WORDS[:6]:
        mapping[word] = e_c - rng.uniform(0.3, 1.5) * direction + rng.normal(0.0, 0.5, dim)
    return _shuffled(rng, mapping)


def _input_wins_map(seed, dim):
    """word_c sits next to word_a, so word_b itself would be the best answer if not skipped."""
    rng = np.random.default_rng(seed)
    e_a = rng.normal(0.0, 1.0, dim)
    e_b = rng.normal(0.0, 1.0, dim)
    mapping = {
        "paris": e_a,
        "france": e_b,
        "rome": e_a + rng.normal(0.0, 0.01, dim),
        "italy": e_a + (e_b - e_a) + rng.normal(0.0, 0.6, dim),
    }
    mapping.update(_random_map(rng, FILLER_WORDS[6:12], dim))
    return _shuffled(rng, mapping)


TABLE_WORDS = [
    "man", "woman", "king", "queen", "boy", "girl", "father", "mother", "prince", "princess",
    "italy", "rome", "italian", "france", "paris", "french", "japan", "tokyo", "japanese",
    "spain", "madrid", "spanish", "small", "smaller", "large", "larger", "fast", "faster",
    "engineer", "nurse", "receptionist", "doctor", "ball", "love", "food", "happy", "sad",
]


def _cosine_cases():
    rng = np.random.default_rng(0)
    u50 = rng.normal(0.0, 1.0, 50)
    yield Case("random 50-d vectors", (u50, rng.normal(0.0, 1.0, 50)))
    u7 = rng.normal(0.0, 1.0, 7)
    yield Case("v = 3.7 u (scale invariance)", (u7, 3.7 * u7))
    u5 = rng.normal(0.0, 2.0, 5)
    yield Case("v = -0.5 u (opposite)", (u5, -0.5 * u5))
    yield Case("orthogonal vectors", (np.array([1.0, 2.0, 0.0, 0.0]), np.array([0.0, 0.0, 3.0, -1.0])))
    yield Case("u is the zero vector", (np.zeros(6), rng.normal(0.0, 1.0, 6)))
    yield Case("large values, 3-d", (np.array([300.0, -20.0, 45.0]), np.array([120.0, 80.0, -10.0])))


def _analogy_cases():
    yield Case("planted analogy, 8-d", ("man", "woman", "king", _planted_analogy_map(1, 8, 8)))
    yield Case(
        "upper-case input words", ("Man", "WOMAN", "King", _planted_analogy_map(2, 5, 10))
    )
    yield Case(
        "every similarity is negative", ("north", "south", "up", _all_negative_map(3, 6))
    )
    yield Case(
        "an input word is the closest match", ("paris", "france", "rome", _input_wins_map(4, 10))
    )
    yield Case(
        "slice of the lab's 50-d table", ("india", "delhi", "japan", _table_slice(TABLE_WORDS + ["india", "delhi"]))
    )


def _neutralize_cases():
    table = _table_slice(TABLE_WORDS)
    g_table = table["woman"] - table["man"]
    yield Case("'receptionist' on the 50-d table", ("receptionist", g_table, table))
    rng = np.random.default_rng(5)
    small = _random_map(rng, ["alpha", "beta", "gamma", "delta"], 6)
    g_random = rng.normal(0.0, 1.0, 6)
    g_random *= 2.5 / np.linalg.norm(g_random)
    yield Case("random 6-d vectors, g of norm 2.5", ("gamma", g_random, small))
    g = np.array([0.0, 3.0, -4.0, 0.0])
    orthogonal = {"tree": np.array([1.0, 4.0, 3.0, -2.0]), "doctor": np.array([0.5, 1.0, 1.0, 0.0])}
    yield Case("word already orthogonal to g", ("tree", g, orthogonal))
    parallel = {"she": np.array([0.0, 0.6, -0.8, 0.0]) * 0.7, "tree": np.array([1.0, 0.0, 0.0, 1.0])}
    yield Case("word parallel to g (debiases to zero)", ("she", g, parallel))
    small3 = _random_map(rng, ["x", "y"], 3)
    yield Case("3-d vectors, short g", ("y", np.array([0.05, -0.08, 0.02]), small3))


def _equalize_cases():
    table = _table_slice(TABLE_WORDS)
    g_table = table["woman"] - table["man"]
    yield Case("('man', 'woman') on the 50-d table", (("man", "woman"), g_table, table))
    yield Case("('princess', 'prince') on the 50-d table", (("princess", "prince"), g_table, table))
    rng = np.random.default_rng(6)
    unit = {word: v / np.linalg.norm(v) for word, v in _random_map(rng, ["uncle", "aunt", "tree"], 8).items()}
    yield Case("random unit vectors, 8-d, g not unit", (("uncle", "aunt"), rng.normal(0.0, 1.5, 8), unit))
    long = _random_map(rng, ["hero", "heroine", "river"], 5, scale=2.0)
    yield Case("vectors longer than 1 (|1 - |mu_orth|^2| matters)", (("hero", "heroine"), rng.normal(0.0, 1.0, 5), long))


def _public_map():
    return {
        "man": np.array([0.5, -0.2, 0.4, 0.1]),
        "woman": np.array([0.5, 0.6, 0.3, 0.2]),
        "king": np.array([-0.3, -0.1, 0.7, 0.4]),
        "queen": np.array([-0.2, 0.7, 0.6, 0.5]),
        "apple": np.array([0.1, 0.2, -0.8, 0.3]),
        "doctor": np.array([0.4, -0.3, 0.1, -0.6]),
    }


def _public_g():
    mapping = _public_map()
    return mapping["woman"] - mapping["man"]


CHECKS = [
    FunctionCheck(
        "cosine_similarity",
        2,
        _cosine_cases,
        public=lambda: Case("u=[1, 2, 2], v=[2, 0, 1]", (np.array([1.0, 2.0, 2.0]), np.array([2.0, 0.0, 1.0]))),
    ),
    FunctionCheck(
        "complete_analogy",
        2,
        _analogy_cases,
        public=lambda: Case("man:woman::king:?", ("man", "woman", "king", _public_map())),
    ),
    FunctionCheck(
        "neutralize",
        2,
        _neutralize_cases,
        inputs_unchanged=True,
        public=lambda: Case("'doctor', 4-d", ("doctor", _public_g(), _public_map())),
    ),
    FunctionCheck(
        "equalize",
        3,
        _equalize_cases,
        inputs_unchanged=True,
        public=lambda: Case("('man', 'woman'), 4-d", (("man", "woman"), _public_g(), _public_map())),
    ),
]
