"""Given helpers for the word-vectors lab (c5w2a1): reading a GloVe-format table.

The table is a small synthetic stand-in for GloVe (see
autograder/data/embeddings.py); it is written next to the notebook the first
time it is read, so nothing has to be downloaded.
"""

import numpy as np

from autograder.data.embeddings import read_vectors


def read_glove_vecs(glove_file):
    """
    Read word vectors stored in GloVe text format (one "word v1 ... vd" per line).

    Arguments:
    glove_file -- path of the file, e.g. "data/glove.6B.50d.txt"
                  (generated on first use when it does not exist yet)

    Returns:
    words -- set of the words in the table
    word_to_vec_map -- dictionary mapping each word to its vector, a float64 array of shape (d,)
    """
    word_to_vec_map = read_vectors(glove_file)
    return set(word_to_vec_map), word_to_vec_map


def plot_word_projection(ax, vectors, x_axis, y_axis, colours, pairs=(), title=""):
    """
    Scatter words at their coordinates along two axes, with readable labels.

    Arguments:
    ax -- a matplotlib Axes to draw on
    vectors -- dictionary word -> vector
    x_axis, y_axis -- the two directions to project on (unit vectors of shape (d,))
    colours -- dictionary word -> matplotlib colour
    pairs -- word pairs to join with a line
    title -- title of the plot
    """
    names = list(vectors)
    xs = np.array([vectors[w] @ x_axis for w in names])
    ys = np.array([vectors[w] @ y_axis for w in names])
    for w1, w2 in pairs:
        i, j = names.index(w1), names.index(w2)
        ax.plot([xs[i], xs[j]], [ys[i], ys[j]], color="tab:blue", alpha=0.3)
    ax.scatter(xs, ys, c=[colours[w] for w in names])
    # Labels: move a label up while it would overlap one placed before it.
    gap = 0.06 * (np.ptp(ys) or 1.0)
    width = 0.18 * (np.ptp(xs) or 1.0)
    label_y = ys.copy()
    placed = []
    for i in np.argsort(ys, kind="stable"):
        while any(abs(xs[i] - xs[j]) < width and abs(label_y[i] - label_y[j]) < gap for j in placed):
            label_y[i] += gap / 3
        placed.append(i)
    offset = 0.02 * (np.ptp(xs) or 1.0)
    for i, name in enumerate(names):
        moved = label_y[i] - ys[i] > gap / 2
        ax.annotate(
            name,
            (xs[i], ys[i]),
            xytext=(xs[i] + offset, label_y[i]),
            textcoords="data",
            va="center",
            arrowprops={"arrowstyle": "-", "color": "grey", "lw": 0.5} if moved else None,
        )
    ax.set_ylim(ys.min() - 2 * gap, label_y.max() + 2 * gap)
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_title(title)
