"""D-MUSIC: a generated "jazz" corpus of 90 note values for the jazz LSTM lab (c5w1a3).

The original lab turned a jazz MIDI recording into a sequence of 90 abstract
"values" with music21 and trained on 60 windows of 30 values.  This stand-in
writes the sequence itself, with a seeded generator:

* a **value** is a pitch and a duration: 14 notes of a two-octave C blues
  scale (C, Eb, F, F#, G, Bb) or a rest, times 6 durations (a quarter of a
  beat to two beats): 15 x 6 = 90 values, named like ``"Eb4:0.50"`` or
  ``"R:1.00"``;
* the melody is a **Markov chain** that walks up and down the scale in small
  steps, interrupted by a few **recurring motifs** (short phrases, played
  from different starting notes), the way a soloist comes back to a lick.

A model that learns the sequence learns which values tend to follow which,
and the motifs.  Nothing is written to disk: the corpus is small and made in
memory, the same on every run.  `load_music_utils()` keeps the original
loader's first four results: ``X`` (60, 30, 90) one-hot windows whose first
step is all zeros, ``Y`` (30, 60, 90), ``X`` shifted one step to the left and
put time first, ``n_values`` = 90 and ``indices_values`` (index -> value name).
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "DURATIONS",
    "MIDI_NUMBERS",
    "N_VALUES",
    "PITCHES",
    "corpus",
    "indices_values",
    "load_music_utils",
    "value_name",
    "windows",
]

SEED = 20240805
PITCHES = ("R", "C4", "Eb4", "F4", "F#4", "G4", "Bb4", "C5", "Eb5", "F5", "F#5", "G5", "Bb5", "C6", "Eb6")
MIDI_NUMBERS = (None, 60, 63, 65, 66, 67, 70, 72, 75, 77, 78, 79, 82, 84, 87)
DURATIONS = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0)
N_VALUES = len(PITCHES) * len(DURATIONS)  # 90
N_NOTES = len(PITCHES) - 1  # pitch indices 1..14 are notes, 0 is the rest
CORPUS_LENGTH = 720
M, TX = 60, 30

# Motifs: (scale step relative to the first note, duration index); None as step = a rest.
MOTIFS = (
    ((0, 1), (1, 1), (2, 1), (4, 3)),
    ((0, 0), (-1, 0), (0, 0), (2, 1), (0, 3)),
    ((0, 2), (3, 0), (2, 1), (1, 1), (0, 4)),
    ((0, 1), (0, 1), (None, 1), (-2, 1), (-1, 1), (0, 5)),
    ((0, 0), (1, 0), (2, 0), (3, 0), (4, 1), (2, 1), (0, 3)),
)
MOTIF_WEIGHTS = (0.3, 0.2, 0.2, 0.15, 0.15)
STEP_CHOICES, STEP_WEIGHTS = (-2, -1, 1, 2), (0.2, 0.3, 0.3, 0.2)
DOWN_WEIGHTS = (0.35, 0.4, 0.15, 0.1)
DURATION_WEIGHTS = (0.28, 0.32, 0.1, 0.16, 0.09, 0.05)


def value_index(pitch: int, duration: int) -> int:
    """The value id of pitch index `pitch` (0 = rest) and duration index `duration`."""
    return pitch * len(DURATIONS) + duration


def value_name(index: int) -> str:
    pitch, duration = divmod(int(index), len(DURATIONS))
    return f"{PITCHES[pitch]}:{DURATIONS[duration]:.2f}"


def indices_values() -> dict[int, str]:
    """Index -> value name, for the 90 values."""
    return {i: value_name(i) for i in range(N_VALUES)}


def corpus(length: int = CORPUS_LENGTH, seed: int = SEED) -> list[int]:
    """The generated melody as a list of value ids, the same on every run."""
    rng = np.random.default_rng(seed)
    values: list[int] = []
    note = 7  # C5, the middle of the range
    while len(values) < length:
        if rng.random() < 0.55:
            motif = MOTIFS[rng.choice(len(MOTIFS), p=MOTIF_WEIGHTS)]
            steps = [s for s, _ in motif if s is not None]
            low, high = 1 - min(steps), N_NOTES - max(steps)
            start = int(np.clip(note, low, high))
            for step, duration in motif:
                values.append(value_index(0 if step is None else start + step, duration))
            note = start + steps[-1]
        else:
            for _ in range(int(rng.integers(2, 7))):
                duration = int(rng.choice(len(DURATIONS), p=DURATION_WEIGHTS))
                if rng.random() < 0.1:
                    values.append(value_index(0, duration))
                    continue
                # a gentle pull back towards the middle of the range
                weights = STEP_WEIGHTS if 5 <= note <= 10 else (DOWN_WEIGHTS if note > 10 else DOWN_WEIGHTS[::-1])
                note += int(rng.choice(STEP_CHOICES, p=weights))
                if note < 1 or note > N_NOTES:  # bounce back from the ends of the range
                    note = 2 - note if note < 1 else 2 * N_NOTES - note
                values.append(value_index(note, duration))
    return values[:length]


def windows(values: list[int], m: int = M, Tx: int = TX, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """`m` random windows of `Tx` values as one-hot training data.

    X[i, 0] stays all zeros (the "start" input) and X[i, t] is value t of
    window i; Y[t] is X[:, t + 1] (the value to predict next), with Y[Tx - 1]
    all zeros, stored time first: Y has shape (Tx, m, n_values).
    """
    rng = np.random.default_rng(seed + 1)
    X = np.zeros((m, Tx, N_VALUES), dtype=np.float32)
    Y = np.zeros((m, Tx, N_VALUES), dtype=np.float32)
    for i in range(m):
        start = int(rng.integers(0, len(values) - Tx))
        for j in range(1, Tx):
            index = values[start + j]
            X[i, j, index] = 1.0
            Y[i, j - 1, index] = 1.0
    return X, np.swapaxes(Y, 0, 1).copy()


def load_music_utils() -> tuple[np.ndarray, np.ndarray, int, dict[int, str]]:
    """`X` (60, 30, 90), `Y` (30, 60, 90), `n_values` = 90 and `indices_values`."""
    X, Y = windows(corpus())
    return X, Y, N_VALUES, indices_values()
