"""D-EMOJI: short labelled sentences for the Emojify lab (c5w2a2).

The original lab used 132 training and 56 test sentences written by hand,
each labelled with one of five emoji.  This stand-in fills sentence templates
with words from D-EMB (autograder/data/embeddings.py), so every word has a
vector, and keeps the two-column CSV layout (``sentence,label``, no header)
of ``train_emoji.csv`` and ``test_emoji.csv``.

Labels: 0 love, 1 sports, 2 happy, 3 sad, 4 food.

Besides plain sentences, the templates plant the difficulty the lab is about,
word order:

* **negated happiness** ("i am not happy today") is labelled *sad*, although
  its only topic word is a happy one;
* "not"/"no"/"never" also appear in sentences whose label they do not flip
  ("i could not love you more", "do not miss the football match"), so the
  negation word alone does not give the label away.

A model that averages word vectors cannot see the order of "not" and
"happy"; a sequence model can.  Everything comes from one seeded generator:
same bytes on every run, written on first use.
"""

from __future__ import annotations

import csv
import io
import random
import re
from pathlib import Path

from . import data_folder, write_text_atomically

__all__ = [
    "LABELS",
    "N_TEST",
    "N_TRAIN",
    "TEST_FILE",
    "TRAIN_FILE",
    "ensure_emoji_file",
    "is_negated_happiness",
    "make_splits",
    "write_files",
]

SEED = 20240722
LABELS = ("love", "sports", "happy", "sad", "food")
TRAIN_FILE, TEST_FILE = "train_emoji.csv", "test_emoji.csv"
N_TRAIN, N_TEST = 132, 56
MAX_WORDS = 10

# How many sentences of each label go into each split (sums: 132 and 56).
TRAIN_COUNTS = {0: 26, 1: 26, 2: 28, 3: 30, 4: 22}
TEST_COUNTS = {0: 11, 1: 11, 2: 11, 3: 13, 4: 10}
# Of the sad sentences, how many are negated happy ones.
NEGATED_TRAIN, NEGATED_TEST = 11, 6

SLOTS: dict[str, list[str]] = {
    "name": ["john", "james", "david", "marie", "sophie", "priya", "rahul", "katy", "yasmin", "reza", "danielle"],
    "pronoun": ["he", "she", "they", "we", "you"],
    "family": ["wife", "husband", "mom", "dad", "sister", "brother", "girlfriend", "boyfriend", "daughter", "son",
               "grandmother", "grandfather"],
    "darling": ["darling", "sweetheart", "valentine", "beloved", "honey", "dear"],
    "love_verb": ["love", "adore", "cherish"],
    "love_verb_s": ["loves", "adores"],
    "sport": ["football", "soccer", "tennis", "basketball", "golf", "hockey", "baseball"],
    "play_verb": ["played", "plays", "won"],
    "sport_time": ["today", "tonight", "this weekend", "every week", "after school", "again"],
    "match": ["game", "match"],
    "happy": ["happy", "glad", "excited", "delighted", "cheerful", "proud", "lucky", "joyful"],
    "glad": ["happy", "glad", "proud", "excited"],
    "great": ["great", "awesome", "wonderful", "amazing", "fun", "nice"],
    "sad": ["sad", "unhappy", "upset", "lonely", "depressed", "miserable", "disappointed", "gloomy"],
    "terrible": ["terrible", "awful", "the worst"],
    "time": ["today", "tonight", "this week", "again", "now", "this weekend"],
    "food": ["pizza", "pasta", "sushi", "salad", "soup", "bread", "cake", "cookies", "rice", "fries",
             "a sandwich", "a burger", "a hot dog"],
    "meal": ["dinner", "lunch", "breakfast"],
    "tasty": ["delicious", "tasty", "so good", "great"],
    "feel": ["am", "feel", "felt"],
}

TEMPLATES: dict[int, list[str]] = {
    0: [
        "i {love_verb} you",
        "i {love_verb} you so much",
        "i will always love you",
        "you are my {darling}",
        "you are my {darling} forever",
        "i {love_verb} my {family}",
        "i really {love_verb} my {family}",
        "{name} {love_verb_s} {name}",
        "{name} {love_verb_s} her {family} so much",
        "my {family} {love_verb_s} me",
        "we will be together forever my {darling}",
        "i want to marry you",
        "will you marry me {darling}",
        "i want a hug and a kiss",
        "i could not love you more",
        "no one loves me like you do my {darling}",
        "you have my heart forever",
        "i {love_verb} every day with you",
        "{name} is my {darling}",
        "my heart is with you always",
        "i think i have a crush on {name}",
    ],
    1: [
        "{name} {play_verb} {sport} {sport_time}",
        "lets play {sport} {sport_time}",
        "we won the {sport} {match}",
        "our team won the {match} {sport_time}",
        "i want to play {sport} with my friends",
        "{name} and {name} play {sport} {sport_time}",
        "did you see the {sport} {match}",
        "the coach said we need more training",
        "what a goal in the {sport} {match}",
        "i play baseball with a bat and a ball",
        "do not miss the {sport} {match} {sport_time}",
        "they never score a goal in the {match}",
        "{name} does not play {sport} with us",
        "the {sport} players are at the stadium",
        "we have {sport} training {sport_time}",
        "who won the {sport} league this week",
        "{name} is on the {sport} team",
    ],
    2: [
        "i am so {happy}",
        "i {feel} {happy} {time}",
        "{name} is so {happy} {time}",
        "this is {great}",
        "what a {great} day",
        "that was so funny",
        "you made me smile {time}",
        "we laugh all the time",
        "lets celebrate {time}",
        "lets have a party {time}",
        "yay we did it",
        "congratulations you did it",
        "i have never been so {happy}",
        "why not celebrate {time}",
        "it is not bad at all",
        "{name} is smiling {time}",
        "we had a {great} time at the party",
        "i am {glad} for you {name}",
        "such a {great} and {happy} day",
        "i am so {happy} and proud of you",
    ],
    3: [
        "i am so {sad}",
        "i {feel} {sad} {time}",
        "{name} is {sad} {time}",
        "{name} cried all night",
        "this is the worst day",
        "what a {terrible} day",
        "i lost my {family}",
        "i miss my {family} so much",
        "i am sorry for your pain",
        "we failed again",
        "i feel so alone {time}",
        "{name} is crying {time}",
        "my heart is broken",
        "i cried {time}",
    ],
    4: [
        "i want to eat {food}",
        "lets have {food} for {meal}",
        "the {food} was {tasty}",
        "i am so hungry",
        "what is for {meal} {time}",
        "{name} made {food} for {meal}",
        "we ate {food} at the restaurant",
        "i like {food} with {food}",
        "can we go to the restaurant {time}",
        "i do not want {food} again",
        "we never eat {food} at home",
        "i can not cook {food}",
        "{name} is cooking {meal} for us",
        "this {food} is {tasty}",
        "i had {food} for {meal}",
    ],
}

# Sad by meaning, happy by their words: the sentences a bag of words gets wrong.
NEGATED_TEMPLATES = [
    "i am not {happy}",
    "i am not {happy} {time}",
    "i do not feel {happy} {time}",
    "{name} is not {happy} at all",
    "this is not {great}",
    "i am not feeling {happy} {time}",
    "{name} was not {happy} {time}",
    "it was not a {great} day",
]


def _fill(template: str, rng: random.Random) -> str:
    sentence = re.sub(r"\{(\w+)\}", lambda m: rng.choice(SLOTS[m.group(1)]), template)
    return re.sub(r"\ba (?=[aeiou])", "an ", sentence)


def _pool(templates: list[str], rng: random.Random, size: int, taken: set[str]) -> list[str]:
    """`size` new distinct sentences from `templates`, every template used in turn."""
    sentences: list[str] = []
    attempts = 0
    while len(sentences) < size:
        attempts += 1
        if attempts > 100_000:
            raise RuntimeError("the templates cannot make enough distinct sentences")
        template = templates[len(sentences) % len(templates)] if attempts <= size else rng.choice(templates)
        sentence = _fill(template, rng)
        if sentence not in taken and len(sentence.split()) <= MAX_WORDS:
            taken.add(sentence)
            sentences.append(sentence)
    return sentences


def make_splits(seed: int = SEED) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """The training and test sets as lists of (sentence, label), the same on every run."""
    rng = random.Random(seed)
    taken: set[str] = set()
    train: list[tuple[str, int]] = []
    test: list[tuple[str, int]] = []
    for label in range(len(LABELS)):
        templates = list(TEMPLATES[label])
        rng.shuffle(templates)
        n_train, n_test = TRAIN_COUNTS[label], TEST_COUNTS[label]
        if label == 3:
            negated = list(NEGATED_TEMPLATES)
            rng.shuffle(negated)
            train += [(s, label) for s in _pool(negated, rng, NEGATED_TRAIN, taken)]
            test += [(s, label) for s in _pool(negated, rng, NEGATED_TEST, taken)]
            n_train, n_test = n_train - NEGATED_TRAIN, n_test - NEGATED_TEST
        train += [(s, label) for s in _pool(templates, rng, n_train, taken)]
        test += [(s, label) for s in _pool(templates, rng, n_test, taken)]
    # one sentence of the full length, as in the original set (maxLen = 10)
    longest = "we will be together forever my darling and my love"
    if max(len(s.split()) for s, _ in train) < MAX_WORDS:
        train[0] = (longest, 0)
    rng.shuffle(train)
    rng.shuffle(test)
    return train, test


def is_negated_happiness(sentence: str) -> bool:
    """True for a sentence made from a negated-happiness template ("i am not happy")."""
    words = sentence.split()
    happy_words = set(SLOTS["happy"]) | set(SLOTS["great"])
    return "not" in words and any(w in happy_words for w in words[words.index("not") + 1 :])


def _csv_text(rows: list[tuple[str, int]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for sentence, label in rows:
        writer.writerow([sentence, label])
    return buffer.getvalue()


def write_files(folder: str | Path = "data") -> tuple[Path, Path]:
    """Write `<folder>/train_emoji.csv` and `<folder>/test_emoji.csv` if missing; return both paths."""
    folder = data_folder(folder)
    train, test = make_splits()
    paths = []
    for name, rows in ((TRAIN_FILE, train), (TEST_FILE, test)):
        path = folder / name
        if not path.is_file():
            write_text_atomically(path, _csv_text(rows))
        paths.append(path)
    return paths[0], paths[1]


def ensure_emoji_file(path: str | Path) -> Path:
    """Generate `path` on first use when it is named `train_emoji.csv` or `test_emoji.csv`."""
    path = Path(path)
    if not path.is_file():
        if path.name not in (TRAIN_FILE, TEST_FILE):
            raise FileNotFoundError(f"{path} does not exist (and is not {TRAIN_FILE} or {TEST_FILE} to generate)")
        write_files(path.parent)
    return path
