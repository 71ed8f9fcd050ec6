"""D-QA: bAbI task 1 style stories for the question-answering lab (c5w4a4).

The original lab loaded bAbI task 1 ("single supporting fact") through the
Hugging Face ``datasets`` library: short stories of people moving between
rooms, and questions "Where is X?" whose answer is the room X went to last.
This stand-in writes such stories itself, from one seeded generator, into two
JSON Lines files (``babi_qa1_train.jsonl``, 2,000 stories, and
``babi_qa1_test.jsonl``, 400 stories), one record per line.

Record layout (the one of the Hugging Face bAbI records, one question per
story, always the last line)::

    {"story": {"id":             ["1", "2", "3", "4"],
               "type":           [0, 0, 0, 1],          # 0 fact, 1 question
               "text":           ["Mary moved to the bathroom.",
                                  "John went to the living room.",
                                  "Mary journeyed to the kitchen.",
                                  "Where is Mary?"],
               "supporting_ids": [[], [], [], ["3"]],   # the fact that answers it
               "answer":         ["", "", "", "kitchen"]}}

Differences from the original, on purpose:

* some rooms have two words ("living room", "dining room", "front porch"),
  so an answer is a *span* of one or two tokens and the token F1 of a
  half-right span lies strictly between 0 and 1;
* a room often appears more than once in a story (other people go there
  too), so the answer text alone does not say *which* mention answers the
  question: the supporting fact does;
* the question is about the person of the last fact only a quarter of the
  time (otherwise about someone else who moved), so "the last room
  mentioned" is rarely the answer and the model has to find the right fact.

As in bAbI task 1, four people (Mary, John, Sandra, Daniel) move around; a
story has 3 to 6 facts.

Everything comes from one seeded generator: same bytes on every run, written
on first use.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from . import data_folder, write_text_atomically

__all__ = [
    "LOCATIONS",
    "MAX_FACTS",
    "MIN_FACTS",
    "N_TEST",
    "N_TRAIN",
    "PEOPLE",
    "TEST_FILE",
    "TRAIN_FILE",
    "VERBS",
    "ensure_qa_files",
    "load_babi_qa",
    "make_splits",
    "make_story",
    "words",
    "write_files",
]

SEED = 20240801
TRAIN_FILE, TEST_FILE = "babi_qa1_train.jsonl", "babi_qa1_test.jsonl"
N_TRAIN, N_TEST = 2000, 400
MIN_FACTS, MAX_FACTS = 3, 6
MIN_PEOPLE, MAX_PEOPLE = 2, 4
ASK_LAST_MOVER = 0.25  # how often the question is about the person in the last fact

PEOPLE = ("Mary", "John", "Sandra", "Daniel")
VERBS = ("moved to", "went to", "journeyed to", "travelled to", "went back to")
LOCATIONS = (
    "bathroom",
    "bedroom",
    "garden",
    "hallway",
    "kitchen",
    "office",
    "living room",
    "dining room",
    "front porch",
)


def words() -> list[str]:
    """Every lower-case word and punctuation mark a story or question can contain, sorted."""
    found = {"the", "where", "is", ".", "?"}
    for phrase in (*PEOPLE, *VERBS, *LOCATIONS):
        found.update(phrase.lower().split())
    return sorted(found)


def make_story(rng: random.Random) -> dict:
    """One story record: facts about 2-4 people, then "Where is X?" about one of them."""
    cast = rng.sample(PEOPLE, rng.randint(MIN_PEOPLE, MAX_PEOPLE))
    n_facts = rng.randint(MIN_FACTS, MAX_FACTS)
    where: dict[str, str] = {}
    last_fact: dict[str, int] = {}
    texts: list[str] = []
    for index in range(n_facts):
        person = rng.choice(cast)
        room = rng.choice([r for r in LOCATIONS if r != where.get(person)])
        texts.append(f"{person} {rng.choice(VERBS)} the {room}.")
        where[person] = room
        last_fact[person] = index + 1
    # Ask about the person who moved last only now and then, so that "the room
    # mentioned last" is a weak baseline and the model must find the right fact.
    last_mover = max(last_fact, key=last_fact.get)
    others = sorted(p for p in where if p != last_mover)
    asked = rng.choice(others) if others and rng.random() > ASK_LAST_MOVER else last_mover
    texts.append(f"Where is {asked}?")
    n = len(texts)
    return {
        "story": {
            "id": [str(i + 1) for i in range(n)],
            "type": [0] * n_facts + [1],
            "text": texts,
            "supporting_ids": [[] for _ in range(n_facts)] + [[str(last_fact[asked])]],
            "answer": [""] * n_facts + [where[asked]],
        }
    }


def make_splits(seed: int = SEED, n_train: int = N_TRAIN, n_test: int = N_TEST) -> tuple[list[dict], list[dict]]:
    """The training and test stories, the same on every run (no story text in both)."""
    rng = random.Random(seed)
    seen: set[tuple[str, ...]] = set()
    stories: list[dict] = []
    while len(stories) < n_train + n_test:
        record = make_story(rng)
        key = tuple(record["story"]["text"])
        if key not in seen:
            seen.add(key)
            stories.append(record)
    return stories[:n_train], stories[n_train:]


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(record, sort_keys=True) + "\n" for record in records)


def write_files(folder: str | Path = "data") -> tuple[Path, Path]:
    """Write `<folder>/babi_qa1_train.jsonl` and `<folder>/babi_qa1_test.jsonl` if missing."""
    folder = data_folder(folder)
    train, test = make_splits()
    paths = []
    for name, records in ((TRAIN_FILE, train), (TEST_FILE, test)):
        path = folder / name
        if not path.is_file():
            write_text_atomically(path, _jsonl(records))
        paths.append(path)
    return paths[0], paths[1]


def ensure_qa_files(folder: str | Path = "data") -> tuple[Path, Path]:
    """The two files, generated on first use."""
    return write_files(folder)


def load_babi_qa(folder: str | Path = "data") -> dict[str, list[dict]]:
    """{"train": [record, ...], "test": [record, ...]}, like ``babi_dataset["train"][0]``."""
    train_path, test_path = ensure_qa_files(folder)
    return {
        split: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for split, path in (("train", train_path), ("test", test_path))
    }
