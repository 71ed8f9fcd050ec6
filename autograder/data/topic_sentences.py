"""A few word-list "sentences" over D-EMB's topics, for the Transformer
pre-processing lab (c5w4a2).

The original lab tokenised two or three hand-written lists of words ("king
queen man woman dog ...") and looked at their GloVe vectors plus positional
encodings in a PCA plot.  This stand-in draws its words from the D-EMB table
(autograder/data/embeddings.py), so every word has a vector, and records the
topic of every token, so that the lab can measure what its plots show.

How the sentences are built (one seeded generator, same bytes on every run):

* five topics of the table: royalty, geography, sports, food and animals;
* each sentence visits the topics in a shuffled order, twice, and no two
  neighbouring words share a topic; the sentences are then cut to the lengths
  in ``LENGTHS``, so they need different amounts of padding;
* every word is used once (drawn without replacement from its topic).

Because neighbours never share a topic, "near in position" and "near in
meaning" are different things in this data: a plot (or a nearest-neighbour
count) tells at once which of the two a representation follows.

File layout: ``topic_sentences.tsv``, one line per sentence,
``<words separated by spaces><TAB><one topic per word, separated by spaces>``.
"""

from __future__ import annotations

import random
from pathlib import Path

from . import data_folder, write_text_atomically
from .embeddings import word_topics

__all__ = [
    "LENGTHS",
    "SENTENCES_FILE",
    "TOPICS",
    "ensure_sentences_file",
    "make_sentences",
    "word_topics",
    "write_sentences_file",
]

SEED = 20240801
TOPICS = ("royalty", "geography", "sports", "food", "animals")
LENGTHS = (10, 9, 10, 8)
SENTENCES_FILE = "topic_sentences.tsv"


def _topic_order(rng: random.Random, length: int) -> list[str]:
    """Shuffled rounds over TOPICS, cut to `length`, with no topic twice in a row."""
    rounds = -(-length // len(TOPICS))
    while True:
        order: list[str] = []
        for _ in range(rounds):
            order.extend(rng.sample(TOPICS, len(TOPICS)))
        order = order[:length]
        if all(a != b for a, b in zip(order, order[1:], strict=False)):
            return order


def make_sentences(lengths: tuple[int, ...] = LENGTHS, seed: int = SEED) -> list[tuple[list[str], list[str]]]:
    """(words, topics) per sentence; each word appears once over all sentences."""
    rng = random.Random(seed)
    topics = word_topics()
    pools = {topic: sorted(w for w, t in topics.items() if t == topic) for topic in TOPICS}
    for pool in pools.values():
        rng.shuffle(pool)
    sentences = []
    for length in lengths:
        order = _topic_order(rng, length)
        words = []
        for topic in order:
            if not pools[topic]:
                raise ValueError(f"not enough {topic} words in D-EMB for sentences of lengths {lengths}")
            words.append(pools[topic].pop())
        sentences.append((words, order))
    return sentences


def write_sentences_file(folder: str | Path = "data") -> Path:
    """Write `<folder>/topic_sentences.tsv` if it is missing; return its path."""
    path = data_folder(folder) / SENTENCES_FILE
    if not path.is_file():
        lines = [" ".join(words) + "\t" + " ".join(topics) for words, topics in make_sentences()]
        write_text_atomically(path, "\n".join(lines) + "\n")
    return path


def ensure_sentences_file(path: str | Path) -> Path:
    """Generate `path` on first use when it is named `topic_sentences.tsv`."""
    path = Path(path)
    if not path.is_file():
        if path.name != SENTENCES_FILE:
            raise FileNotFoundError(f"{path} does not exist (and is not a {SENTENCES_FILE} file to generate)")
        write_sentences_file(path.parent)
    return path
