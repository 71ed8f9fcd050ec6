"""D-DINOS: about 1,500 invented dinosaur names from a seeded syllable grammar.

A name is a prefix, an optional linking syllable and a suffix, such as
"stego" + "ra" + "saurus" or "quetza" + "raptor".  The morpheme lists are
chosen so that every letter a-z occurs, so the character vocabulary of the
file (letters plus the newline) has exactly 27 symbols.  Same layout as the
original `dinos.txt`: one lower-case name per line.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

from . import data_folder, write_text_atomically

FILE_NAME = "dinos.txt"
N_NAMES = 1536
SEED = 20240611

PREFIXES = (
    "tyranno", "stego", "tricera", "veloci", "brachio", "allo", "diplo", "ankylo",
    "spino", "iguano", "parasauro", "micro", "mega", "hetero", "xeno", "quetza",
    "zuni", "jaxarto", "kentro", "wanna", "yangchuano", "fuku", "gorgo", "ovi",
    "pachy", "cerato", "dryo", "hypsilo", "lambeo", "maia", "nodo", "ornitho",
    "plateo", "psittaco", "rugo", "sino", "tarbo", "utah", "vulcano", "zhejiang",
    "abelis", "baryo", "coelo", "dilopho", "edmonto", "gallimi", "herrera", "irritato",
    "juravena", "kritosa", "lesotho", "massospondy", "neuquen", "oura", "pinaco", "qianzho",
    "rhabdo", "scelido", "torvo", "unen", "vouivri", "wuerho", "xiong", "yixian",
    "zalmoxe", "amarga", "bambi", "camara", "dacen", "eoto", "falcari", "giga",
)
LINKS = ("", "", "", "", "la", "ro", "no", "ti", "go", "chi", "mi", "ke", "vu", "za", "phy", "lo")
SUFFIXES = (
    "saurus", "saurus", "saurus", "don", "raptor", "ceratops", "mimus", "venator",
    "titan", "suchus", "nykus", "odon", "pteryx", "rhinus", "tops", "lophus",
    "griphus", "ia", "ops", "sauria", "dromeus", "nychus", "cephale", "onyx",
    "rex", "gnathus", "avis", "mimoides", "dactylus", "zoon", "jia", "qing",
)


def make_names(n: int = N_NAMES, seed: int = SEED) -> list[str]:
    """`n` unique lower-case names, the same list on every run."""
    rng = random.Random(seed)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        name = rng.choice(PREFIXES) + rng.choice(LINKS) + rng.choice(SUFFIXES)
        # an occasional short variant keeps the lengths varied
        if rng.random() < 0.08:
            name = rng.choice(PREFIXES) + rng.choice(("us", "a", "on", "ix"))
        if name not in seen:
            seen.add(name)
            names.append(name)
    missing = set(string.ascii_lowercase) - set("".join(names))
    if missing:  # the grammar guarantees this; keep the promise explicit
        raise RuntimeError(f"generated names miss the letters {sorted(missing)}")
    return names


def write_file(folder: str | Path = "datasets") -> Path:
    """Write `<folder>/dinos.txt` on first use (one name per line, no trailing newline)."""
    path = data_folder(folder) / FILE_NAME
    if not path.is_file():
        write_text_atomically(path, "\n".join(make_names()))
    return path


def load_text(folder: str | Path = "datasets") -> str:
    """The whole file as one string, as `open('dinos.txt').read()` gave in the original lab."""
    return write_file(folder).read_text()
