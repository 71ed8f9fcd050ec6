"""Helpers for the Transformer pre-processing lab (c5w4a2).

You may read and change this file; the notebook explains every function in it.

- loaders: `read_glove_vecs` (word vectors in GloVe text format) and
  `read_topic_sentences` (a few word-list sentences with the topic of every
  word); both files are generated on first use in `data/`;
- the positional encoding (`get_angles`, `positional_encoding`);
- tokenisation and embedding: `make_vectorizer`, `build_embedding_matrix`,
  `make_embedding_layer`, `combine`;
- measuring a representation: `token_points`, `pca_2d`, `nearest_neighbours`,
  `neighbour_rates`, `chance_same_topic`, `min_position_distance`,
  `translation_spread`;
- plots.
"""

from __future__ import annotations

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from autograder.data.embeddings import read_glove_vecs  # GloVe text format reader, shared by the word-vector labs
from autograder.data.topic_sentences import TOPICS, ensure_sentences_file

__all__ = [
    "EMBEDDING_DIM",
    "MAX_NB_WORDS",
    "MAX_SEQUENCE_LENGTH",
    "SPECIAL_TOKENS",
    "TOPICS",
    "build_embedding_matrix",
    "chance_same_topic",
    "combine",
    "get_angles",
    "make_embedding_layer",
    "make_vectorizer",
    "min_position_distance",
    "nearest_neighbours",
    "neighbour_rates",
    "pca_2d",
    "plot_neighbour_rates",
    "plot_offset_similarity",
    "plot_pca",
    "plot_positional_encoding",
    "positional_encoding",
    "read_glove_vecs",
    "read_topic_sentences",
    "token_points",
    "translation_spread",
]

EMBEDDING_DIM = 100  # size of every word vector (and so of every positional encoding)
MAX_SEQUENCE_LENGTH = 100  # every sentence is padded (or cut) to this many tokens
MAX_NB_WORDS = 64  # vocabulary size, counting the padding token "" and the unknown-word token "[UNK]"
SPECIAL_TOKENS = ("", "[UNK]")  # TextVectorization's ids 0 (padding) and 1 (out of vocabulary)
TOPIC_COLOURS = dict(zip(TOPICS, ("tab:purple", "tab:blue", "tab:green", "tab:orange", "tab:brown"), strict=True))


# ---------------------------------------------------------------------------
# Loaders
# ---------------------------------------------------------------------------


def read_topic_sentences(filename="data/topic_sentences.tsv"):
    """
    Read the lab's sentences and the topic of each of their words.

    Arguments:
    filename -- path of the file (generated on first use)

    Returns:
    texts -- list of sentences (strings of space-separated words)
    topics -- list of lists: topics[s][p] is the topic of word p of sentence s
    """
    path = ensure_sentences_file(filename)
    texts, topics = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                sentence, labels = line.rstrip("\n").split("\t")
                texts.append(sentence)
                topics.append(labels.split())
    return texts, topics


# ---------------------------------------------------------------------------
# Positional encoding (given)
# ---------------------------------------------------------------------------


def get_angles(pos, k, d):
    """
    The angles pos / 10000^(2i/d), where column k belongs to the pair i = k // 2.

    Arguments:
    pos -- column vector of positions, shape (positions, 1)
    k -- row vector of dimension indices 0 .. d-1, shape (1, d)
    d -- (int) encoding size

    Returns:
    angles -- array of shape (positions, d)
    """
    i = k // 2
    return pos / np.power(10000, (2 * i) / np.float32(d))


def positional_encoding(positions, d):
    """
    Sine/cosine positional encodings for positions 0 .. positions-1.

    Arguments:
    positions -- (int) number of positions to encode
    d -- (int) encoding size

    Returns:
    pos_encoding -- tf.float32 tensor of shape (1, positions, d): sin on the even
                    columns, cos on the odd ones
    """
    angle_rads = get_angles(np.arange(positions)[:, np.newaxis], np.arange(d)[np.newaxis, :], d)
    angle_rads[:, 0::2] = np.sin(angle_rads[:, 0::2])
    angle_rads[:, 1::2] = np.cos(angle_rads[:, 1::2])
    pos_encoding = angle_rads[np.newaxis, ...]
    return tf.cast(pos_encoding, dtype=tf.float32)


# ---------------------------------------------------------------------------
# Tokens and embeddings
# ---------------------------------------------------------------------------


def make_vectorizer(texts, max_tokens=MAX_NB_WORDS, sequence_length=MAX_SEQUENCE_LENGTH):
    """
    A TextVectorization layer whose vocabulary is learned from `texts`.

    Text is lower-cased and stripped of punctuation, split on whitespace, and
    every word becomes an integer id: 0 is padding, 1 is "[UNK]" (any word not in
    the vocabulary), then the words from the most to the least frequent.  Only
    the `max_tokens` most frequent entries (the two special ones included) are
    kept.  Each output row has exactly `sequence_length` ids: short sentences are
    padded with 0 at the end, long ones are cut.
    """
    vectorizer = keras.layers.TextVectorization(
        max_tokens=max_tokens, output_mode="int", output_sequence_length=sequence_length
    )
    vectorizer.adapt(list(texts))
    return vectorizer


def build_embedding_matrix(vocabulary, word_to_vec_map, dim=EMBEDDING_DIM):
    """
    Row i of the matrix is the vector of vocabulary[i].

    Arguments:
    vocabulary -- list of words, position = token id (as from `get_vocabulary()`)
    word_to_vec_map -- dictionary word -> vector of size dim
    dim -- vector size

    Returns:
    matrix -- float32 array (len(vocabulary), dim); rows of the special tokens
              ("" for padding, "[UNK]") and of words without a vector stay zero
    missing -- list of the (non-special) words that have no vector
    """
    matrix = np.zeros((len(vocabulary), dim), dtype=np.float32)
    missing = []
    for index, word in enumerate(vocabulary):
        if word in SPECIAL_TOKENS:
            continue
        vector = word_to_vec_map.get(word)
        if vector is None:
            missing.append(word)
        else:
            matrix[index] = vector
    return matrix, missing


def make_embedding_layer(matrix):
    """A frozen Embedding layer that looks up the rows of `matrix` (pre-trained vectors are not retrained)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    return keras.layers.Embedding(input_dim=matrix.shape[0], output_dim=matrix.shape[1], weights=[matrix],
                                  trainable=False)


def combine(embedded, pos_encoding, W1=1.0, W2=1.0):
    """
    W1 * embedded + W2 * (the first seq_len positions of pos_encoding).

    Arguments:
    embedded -- (batch, seq_len, d) word embeddings
    pos_encoding -- (1, positions, d) with positions >= seq_len

    Returns:
    float32 tensor (batch, seq_len, d)
    """
    seq_len = embedded.shape[1]
    return W1 * tf.cast(embedded, tf.float32) + W2 * pos_encoding[:, :seq_len, :]


def token_points(sequences, vectors, vocabulary):
    """
    The real (non-padding) tokens of a batch, one row each.

    Arguments:
    sequences -- (batch, seq_len) token ids, 0 = padding
    vectors -- (batch, seq_len, d) one vector per token (embeddings, combinations, ...)
    vocabulary -- list of words, position = token id

    Returns:
    X -- float array (n_tokens, d), the vectors of the real tokens, sentence by sentence
    words -- list of n_tokens words
    positions -- int array (n_tokens,), position of each token in its sentence
    sentence -- int array (n_tokens,), which sentence each token comes from
    """
    sequences = np.asarray(sequences)
    vectors = np.asarray(vectors)
    rows, cols = np.nonzero(sequences)
    X = vectors[rows, cols]
    words = [str(vocabulary[i]) for i in sequences[rows, cols]]
    return X, words, cols, rows


# ---------------------------------------------------------------------------
# Measuring a representation
# ---------------------------------------------------------------------------


def pca_2d(X):
    """
    Project the rows of X on their two principal directions (PCA with NumPy's SVD).

    Returns:
    coords -- (n, 2) coordinates along the first two principal directions
    explained -- (2,) the fraction of the total variance along each of them
    """
    X = np.asarray(X, dtype=np.float64)
    centred = X - X.mean(axis=0)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    coords = centred @ vt[:2].T
    explained = singular[:2] ** 2 / np.sum(singular**2)
    return coords, explained


def nearest_neighbours(X):
    """For every row of X, the index of the nearest *other* row (Euclidean distance)."""
    X = np.asarray(X, dtype=np.float64)
    squared = np.sum(X**2, axis=1)
    distances = squared[:, None] + squared[None, :] - 2 * X @ X.T
    np.fill_diagonal(distances, np.inf)
    return np.argmin(distances, axis=1)


def neighbour_rates(X, topics, positions):
    """
    What the nearest neighbour of each token has in common with it.

    Returns a dict of fractions over the tokens:
    "same topic" -- the neighbour's word has the same topic;
    "near position" -- the neighbour sits at most one position away (in any sentence);
    """
    topics = np.asarray(topics)
    positions = np.asarray(positions)
    nearest = nearest_neighbours(X)
    return {
        "same topic": float(np.mean(topics[nearest] == topics)),
        "near position": float(np.mean(np.abs(positions[nearest] - positions) <= 1)),
    }


def chance_same_topic(topics):
    """The "same topic" rate of a neighbour picked at random among the other tokens."""
    topics = np.asarray(topics)
    same = (topics[:, None] == topics[None, :]).sum(axis=1) - 1
    return float(np.mean(same / (len(topics) - 1)))


def min_position_distance(pos_encoding):
    """The smallest Euclidean distance between the encodings of two different positions."""
    P = np.asarray(pos_encoding, dtype=np.float64)[0]
    squared = np.sum(P**2, axis=1)
    distances = np.sqrt(np.maximum(squared[:, None] + squared[None, :] - 2 * P @ P.T, 0.0))
    np.fill_diagonal(distances, np.inf)
    return float(distances.min())


def translation_spread(pos_encoding):
    """
    How far the dot products PE(p) . PE(p + k) vary with the start p, for a fixed offset k.

    Returns the largest spread (max - min) over all offsets k: 0 means that the
    dot product of two encodings depends only on how far apart they are.
    """
    P = np.asarray(pos_encoding, dtype=np.float64)[0]
    gram = P @ P.T
    return float(max(np.ptp(np.diagonal(gram, offset)) for offset in range(len(P))))


# ---------------------------------------------------------------------------
# Plots
# ---------------------------------------------------------------------------


def plot_positional_encoding(pos_encoding, title="Positional encoding"):
    """Heat map of a (1, positions, d) positional encoding."""
    values = np.asarray(pos_encoding)[0]
    plt.figure(figsize=(8, 3.6))
    plt.pcolormesh(values.T, cmap="RdBu", vmin=-1, vmax=1)
    plt.xlabel("position")
    plt.ylabel("encoding dimension (column)")
    plt.colorbar(label="value")
    plt.title(title)
    plt.tight_layout()
    plt.show()


def plot_offset_similarity(pos_encoding, starts=(0, 20, 40), max_offset=50):
    """Dot product PE(p) . PE(p + k) against the offset k, one curve per start p."""
    P = np.asarray(pos_encoding)[0]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6))
    image = left.imshow(P @ P.T, cmap="viridis")
    fig.colorbar(image, ax=left, label="dot product")
    left.set_xlabel("position")
    left.set_ylabel("position")
    left.set_title("All dot products PE(p) . PE(q)")
    styles = ("-", "--", ":")
    for n, start in enumerate(starts):
        offsets = np.arange(0, min(max_offset, len(P) - start))
        right.plot(offsets, P[start + offsets] @ P[start], styles[n % 3], lw=2, label=f"start p = {start}")
    right.set_xlabel("offset k")
    right.set_ylabel("PE(p) . PE(p + k)")
    right.set_title("The curves lie on top of each other")
    right.legend()
    fig.tight_layout()
    plt.show()


def plot_pca(ax, coords, topics, labels, sentence, title):
    """Scatter of 2-D points coloured by topic, each labelled, each sentence joined by a faint line."""
    coords = np.asarray(coords)
    sentence = np.asarray(sentence)
    for s in np.unique(sentence):
        rows = np.flatnonzero(sentence == s)
        ax.plot(coords[rows, 0], coords[rows, 1], "-", color="grey", lw=0.6, alpha=0.35, zorder=1)
    for topic in TOPICS:
        rows = [n for n, t in enumerate(topics) if t == topic]
        if rows:
            ax.scatter(coords[rows, 0], coords[rows, 1], s=36, color=TOPIC_COLOURS[topic], label=topic, zorder=2)
    for (x, y), label in zip(coords, labels, strict=True):
        ax.annotate(str(label), (x, y), textcoords="offset points", xytext=(3, 3), fontsize=7)
    ax.set_title(title, fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])


def plot_neighbour_rates(ratios, rates, chance):
    """The two neighbour rates against the ratio W1 / W2 (log scale)."""
    plt.figure(figsize=(6.4, 3.6))
    plt.semilogx(ratios, [r["same topic"] for r in rates], "o-", label="neighbour has the same topic")
    plt.semilogx(ratios, [r["near position"] for r in rates], "s--", label="neighbour is at most 1 position away")
    plt.axhline(chance, color="grey", lw=1, ls=":", label=f"same topic by chance ({chance:.2f})")
    plt.xticks(ratios, [f"{r:g}" for r in ratios])
    plt.minorticks_off()
    plt.xlabel("W1 / W2 (weight of the word vector over the positional encoding)")
    plt.ylabel("fraction of tokens")
    plt.ylim(0, 1.05)
    plt.legend(fontsize=8, loc="center right")
    plt.title("What the nearest neighbour shares")
    plt.tight_layout()
    plt.show()
