"""D-DATES: (human-readable date, ISO date) pairs for the translation lab.

The original lab drew its dates from a fake-data library with locale
formatting.  Here they come from Python's `datetime` and `random` only, with
the seed 12345: a date uniform over 1970-01-01 .. 2030-12-31, written in one
of fifteen human formats with hard-coded English month and day names, lower
case and without commas.  The machine side is always ISO ``YYYY-MM-DD``.

Nothing is written to disk: 10,000 pairs take a few milliseconds to make.
The loader keeps the original API, `load_dataset(m)`.
"""

from __future__ import annotations

import datetime
import random

__all__ = ["FORMATS", "SEED", "format_date", "random_date", "load_date", "load_dataset"]

SEED = 12345
FIRST_DAY = datetime.date(1970, 1, 1)
LAST_DAY = datetime.date(2030, 12, 31)

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Each format always puts the fields in the same order, so the mapping to ISO is learnable.
FORMATS = (
    "{M}/{d}/{yy}",  # 6/7/04
    "{M}/{d}/{yyyy}",  # 6/7/2004
    "{MMM} {d} {yyyy}",  # jun 7 2004
    "{MMMM} {d} {yyyy}",  # june 7 2004
    "{EEEE} {MMMM} {d} {yyyy}",  # monday june 7 2004
    "{d} {MMM} {yyyy}",  # 7 jun 2004
    "{d} {MMMM} {yyyy}",  # 7 june 2004
    "{dd} {MMM} {yyyy}",  # 07 jun 2004
    "{dd} {MMMM} {yyyy}",  # 07 june 2004
    "{d} {MM} {yy}",  # 7 06 04
    "{dd}.{MM}.{yy}",  # 07.06.04
    "{dd}.{MM}.{yyyy}",  # 07.06.2004
    "{MMMM} {ord} {yyyy}",  # june 7th 2004
    "{EEE} {d} {MMM} {yyyy}",  # mon 7 jun 2004
    "{EEEE} {d} {MMMM} {yyyy}",  # monday 7 june 2004
)


def _ordinal(day: int) -> str:
    if day in (11, 12, 13):
        return f"{day}th"
    return f"{day}" + {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def format_date(date: datetime.date, pattern: str) -> str:
    """Write `date` with one of `FORMATS` (lower case, no commas)."""
    fields = {
        "d": str(date.day),
        "dd": f"{date.day:02d}",
        "ord": _ordinal(date.day),
        "M": str(date.month),
        "MM": f"{date.month:02d}",
        "MMM": MONTHS[date.month - 1][:3],
        "MMMM": MONTHS[date.month - 1],
        "yy": f"{date.year % 100:02d}",
        "yyyy": str(date.year),
        "EEE": WEEKDAYS[date.weekday()][:3],
        "EEEE": WEEKDAYS[date.weekday()],
    }
    return pattern.format(**fields).lower().replace(",", "")


def random_date(rng: random.Random) -> datetime.date:
    """A date drawn uniformly from 1970-01-01 .. 2030-12-31."""
    return datetime.date.fromordinal(rng.randint(FIRST_DAY.toordinal(), LAST_DAY.toordinal()))


def load_date(rng: random.Random) -> tuple[str, str, datetime.date]:
    """One example: (human-readable string, ISO string, the date itself)."""
    date = random_date(rng)
    human = format_date(date, rng.choice(FORMATS))
    return human, date.isoformat(), date


def load_dataset(m: int, seed: int = SEED):
    """`m` pairs and their vocabularies, as the original `load_dataset(m)`.

    Returns ``dataset`` (list of (human, machine) pairs), ``human_vocab``
    (character -> index, sorted, then ``<unk>`` and ``<pad>``),
    ``machine_vocab`` (character -> index) and ``inv_machine_vocab``
    (index -> character).  The same `m` and seed always give the same result;
    a private generator is used so the global `random` stream is untouched.
    """
    rng = random.Random(seed)
    dataset = []
    human_chars: set[str] = set()
    machine_chars: set[str] = set()
    for _ in range(m):
        human, machine, _ = load_date(rng)
        dataset.append((human, machine))
        human_chars.update(human)
        machine_chars.update(machine)
    human_vocab = {char: index for index, char in enumerate([*sorted(human_chars), "<unk>", "<pad>"])}
    inv_machine_vocab = dict(enumerate(sorted(machine_chars)))
    machine_vocab = {char: index for index, char in inv_machine_vocab.items()}
    return dataset, human_vocab, machine_vocab, inv_machine_vocab
