"""D-AUDIO: synthesised clips for the trigger-word lab, and a NumPy `AudioSegment`.

The original lab used recorded 10-second backgrounds, about one-second
recordings of the word "activate" and of other words, and pydub (with
ffmpeg) to mix them.  Here everything is synthesised with NumPy at 44.1 kHz,
mono, 16 bits:

* backgrounds: 10 s of coloured noise with a mains hum and slow swells;
* "activate": a fixed three-syllable pattern of about 0.7 s (a rising
  harmonic sweep, a short high "ti" with a click, a falling sweep), with a
  small random change of pitch, speed and loudness per recording;
* negatives: other patterns -- steady two-tone beeps, long sweeps, noise
  bursts, fast chirps, and the first syllable of "activate" alone;
* dev clips: two 10-second clips with known positions of the word;
* a chime: a short decaying bell-like tone.

`AudioSegment` is the subset of pydub's class the lab uses, backed by an
int16 NumPy array: ``len()`` in milliseconds, slicing in milliseconds,
``overlay(clip, position=ms)``, ``+``/``-`` a number of dB (or ``+`` another
segment to concatenate), ``dBFS``, ``apply_gain``, ``from_wav``, ``silent``
and ``export(path, format="wav")`` through the standard library's `wave`.
"""

from __future__ import annotations

import math
import wave
from pathlib import Path

import numpy as np

from . import data_folder

__all__ = [
    "AudioSegment",
    "FRAME_RATE",
    "activate_word",
    "background_noise",
    "chime_sound",
    "dev_positions",
    "negative_word",
    "write_files",
]

FRAME_RATE = 44100
SEED = 20240805
MAX_AMPLITUDE = 32768
N_ACTIVATES, N_NEGATIVES, N_BACKGROUNDS = 8, 10, 3


class AudioSegment:
    """A mono 16-bit sound, immutable: every operation returns a new segment."""

    channels = 1
    sample_width = 2

    def __init__(self, samples=None, frame_rate: int = FRAME_RATE):
        samples = np.zeros(0) if samples is None else np.asarray(samples)
        if samples.ndim != 1:
            raise ValueError("AudioSegment holds mono sound: a 1-D array of samples")
        self._samples = np.clip(np.round(samples), -MAX_AMPLITUDE, MAX_AMPLITUDE - 1).astype(np.int16)
        self.frame_rate = int(frame_rate)

    # construction ---------------------------------------------------------
    @classmethod
    def silent(cls, duration: float = 1000, frame_rate: int = FRAME_RATE) -> AudioSegment:
        """`duration` milliseconds of silence."""
        return cls(np.zeros(int(duration * frame_rate / 1000.0)), frame_rate)

    @classmethod
    def from_wav(cls, path) -> AudioSegment:
        """Read a mono (or the first channel of a stereo) 16-bit WAV file."""
        with wave.open(str(path), "rb") as f:
            if f.getsampwidth() != 2:
                raise ValueError(f"{path}: only 16-bit WAV files are supported")
            data = np.frombuffer(f.readframes(f.getnframes()), dtype="<i2")
            data = data.reshape(-1, f.getnchannels())[:, 0]
            return cls(data, f.getframerate())

    @classmethod
    def from_file(cls, path, format: str = "wav") -> AudioSegment:  # noqa: A002 -- pydub's name
        if format != "wav":
            raise ValueError("only WAV files are supported")
        return cls.from_wav(path)

    # reading --------------------------------------------------------------
    @property
    def samples(self) -> np.ndarray:
        """A copy of the int16 samples."""
        return self._samples.copy()

    def get_array_of_samples(self) -> np.ndarray:
        return self.samples

    def frame_count(self, ms: float | None = None) -> float:
        if ms is not None:
            return ms * (self.frame_rate / 1000.0)
        return float(len(self._samples))

    def __len__(self) -> int:
        """The length in milliseconds."""
        return round(1000 * len(self._samples) / self.frame_rate)

    @property
    def duration_seconds(self) -> float:
        return len(self._samples) / self.frame_rate

    @property
    def rms(self) -> float:
        if len(self._samples) == 0:
            return 0.0
        return math.sqrt(float(np.mean(self._samples.astype(np.float64) ** 2)))

    @property
    def dBFS(self) -> float:  # noqa: N802 -- pydub's name
        """Loudness in decibels relative to the loudest possible sound (0 dBFS); -inf for silence."""
        rms = self.rms
        return -math.inf if rms == 0 else 20 * math.log10(rms / MAX_AMPLITUDE)

    @property
    def max_dBFS(self) -> float:  # noqa: N802 -- pydub's name
        peak = int(np.max(np.abs(self._samples.astype(np.int32)))) if len(self._samples) else 0
        return -math.inf if peak == 0 else 20 * math.log10(peak / MAX_AMPLITUDE)

    def _position(self, ms: float) -> int:
        if ms < 0:
            ms = len(self) + ms
        return int(self.frame_count(ms=ms))

    def __getitem__(self, item) -> AudioSegment:
        """Slice in milliseconds: ``segment[1000:2500]``."""
        if isinstance(item, slice):
            if item.step is not None:
                raise ValueError("slicing with a step is not supported")
            start = 0 if item.start is None else self._position(item.start)
            stop = len(self._samples) if item.stop is None else self._position(item.stop)
            return AudioSegment(self._samples[start:stop], self.frame_rate)
        start = self._position(item)
        return AudioSegment(self._samples[start : start + self._position(1)], self.frame_rate)

    # changing -------------------------------------------------------------
    def apply_gain(self, volume_change: float) -> AudioSegment:
        """Louder (positive) or softer (negative) by `volume_change` dB."""
        factor = 10 ** (volume_change / 20.0)
        return AudioSegment(np.floor(self._samples.astype(np.float64) * factor), self.frame_rate)

    def __add__(self, other) -> AudioSegment:
        if isinstance(other, AudioSegment):
            self._check_rate(other)
            return AudioSegment(np.concatenate([self._samples, other._samples]), self.frame_rate)
        return self.apply_gain(other)

    def __sub__(self, other) -> AudioSegment:
        if isinstance(other, AudioSegment):
            raise TypeError("AudioSegment objects can't be subtracted from each other")
        return self.apply_gain(-other)

    def __radd__(self, other):
        if other == 0:  # sum() of segments
            return self
        raise TypeError("only a segment or a number of dB can be added to an AudioSegment")

    def overlay(self, seg: AudioSegment, position: float = 0) -> AudioSegment:
        """Mix `seg` into this sound from `position` ms on; the result keeps this sound's length."""
        self._check_rate(seg)
        start = self._position(position)
        mixed = self._samples.astype(np.int32)
        piece = seg._samples[: max(0, len(mixed) - start)].astype(np.int32)
        mixed[start : start + len(piece)] += piece
        return AudioSegment(mixed, self.frame_rate)

    def _check_rate(self, other: AudioSegment) -> None:
        if other.frame_rate != self.frame_rate:
            raise ValueError(f"frame rates differ: {self.frame_rate} and {other.frame_rate}")

    def set_frame_rate(self, frame_rate: int) -> AudioSegment:
        if frame_rate == self.frame_rate:
            return self
        n = int(round(len(self._samples) * frame_rate / self.frame_rate))
        old = np.arange(len(self._samples)) / self.frame_rate
        return AudioSegment(np.interp(np.arange(n) / frame_rate, old, self._samples.astype(np.float64)), frame_rate)

    def set_channels(self, channels: int) -> AudioSegment:
        if channels != 1:
            raise ValueError("only mono sound is supported")
        return self

    # writing --------------------------------------------------------------
    def export(self, out_f, format: str = "wav"):  # noqa: A002 -- pydub's name
        """Write a 16-bit mono WAV file; returns the path."""
        if format != "wav":
            raise ValueError("only WAV export is supported")
        with wave.open(str(out_f), "wb") as f:
            f.setnchannels(1)
            f.setsampwidth(2)
            f.setframerate(self.frame_rate)
            f.writeframes(self._samples.astype("<i2").tobytes())
        return out_f

    def __eq__(self, other) -> bool:
        return isinstance(other, AudioSegment) and self.frame_rate == other.frame_rate and np.array_equal(self._samples, other._samples)

    __hash__ = None

    def __repr__(self) -> str:
        return f"AudioSegment({len(self)} ms, {self.frame_rate} Hz, {self.dBFS:.1f} dBFS)"


# ---------------------------------------------------------------------------
# Synthesis
# ---------------------------------------------------------------------------


def _at_dbfs(signal: np.ndarray, dbfs: float) -> np.ndarray:
    rms = np.sqrt(np.mean(signal**2))
    return signal * (MAX_AMPLITUDE * 10 ** (dbfs / 20) / max(rms, 1e-12))


def _envelope(n: int, attack: float = 0.15, release: float = 0.3) -> np.ndarray:
    """Rise over the first `attack`, fall over the last `release` fraction of n samples."""
    t = np.linspace(0, 1, n, endpoint=False)
    rise = np.clip(t / attack, 0, 1)
    fall = np.clip((1 - t) / release, 0, 1)
    return np.sin(0.5 * np.pi * rise) * np.sin(0.5 * np.pi * fall)


def _sweep(f0: float, f1: float, seconds: float, harmonics=(1.0, 0.5, 0.25)) -> np.ndarray:
    """A tone gliding from f0 to f1 Hz with a few harmonics, shaped by an envelope."""
    n = int(seconds * FRAME_RATE)
    freq = np.linspace(f0, f1, n)
    phase = 2 * np.pi * np.cumsum(freq) / FRAME_RATE
    tone = sum(weight * np.sin((k + 1) * phase) for k, weight in enumerate(harmonics))
    return tone * _envelope(n)


def _noise_burst(rng: np.random.Generator, seconds: float, low: float, high: float) -> np.ndarray:
    n = int(seconds * FRAME_RATE)
    spectrum = np.fft.rfft(rng.normal(0, 1, n))
    freqs = np.fft.rfftfreq(n, 1 / FRAME_RATE)
    spectrum[(freqs < low) | (freqs > high)] = 0
    return np.fft.irfft(spectrum, n) * _envelope(n, 0.05, 0.5)


def _gap(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * FRAME_RATE))


def activate_word(rng: np.random.Generator) -> AudioSegment:
    """One recording of the trigger word: "ac" (rising), "ti" (high, with a click), "vate" (falling)."""
    pitch, speed = rng.uniform(0.92, 1.08), rng.uniform(0.9, 1.1)
    parts = [
        _sweep(520 * pitch, 900 * pitch, 0.17 * speed),
        _gap(0.045 * speed),
        0.6 * _noise_burst(rng, 0.02, 3000, 8000),
        _sweep(2000 * pitch, 2100 * pitch, 0.09 * speed, harmonics=(1.0, 0.3)),
        _gap(0.04 * speed),
        _sweep(1300 * pitch, 650 * pitch, 0.3 * speed),
    ]
    return AudioSegment(_at_dbfs(np.concatenate(parts), rng.uniform(-19, -15)))


def negative_word(rng: np.random.Generator, kind: int) -> AudioSegment:
    """One of five other sounds the detector must ignore (kind 0-4)."""
    pitch, speed = rng.uniform(0.9, 1.1), rng.uniform(0.9, 1.1)
    if kind == 0:  # two steady beeps, low then high
        parts = [_sweep(700 * pitch, 700 * pitch, 0.2 * speed), _gap(0.06), _sweep(1400 * pitch, 1400 * pitch, 0.2 * speed)]
    elif kind == 1:  # one long rising sweep
        parts = [_sweep(300 * pitch, 2600 * pitch, 0.55 * speed)]
    elif kind == 2:  # a hiss
        parts = [_noise_burst(rng, 0.45 * speed, 1500, 9000)]
    elif kind == 3:  # three fast high chirps
        chirp = _sweep(3000 * pitch, 3800 * pitch, 0.07 * speed, harmonics=(1.0,))
        parts = [chirp, _gap(0.05), chirp, _gap(0.05), chirp]
    else:  # "ac" alone, the first syllable of the trigger word
        parts = [_sweep(520 * pitch, 900 * pitch, 0.17 * speed), _gap(0.08), _sweep(480 * pitch, 480 * pitch, 0.15 * speed)]
    return AudioSegment(_at_dbfs(np.concatenate(parts), rng.uniform(-19, -15)))


def background_noise(rng: np.random.Generator, seconds: float = 10.0) -> AudioSegment:
    """Coloured noise with a mains hum and slow swells, at about -18 dBFS."""
    n = int(seconds * FRAME_RATE)
    spectrum = np.fft.rfft(rng.normal(0, 1, n))
    freqs = np.fft.rfftfreq(n, 1 / FRAME_RATE)
    colour = rng.uniform(0.5, 1.0)  # 0.5: pink noise, 1.0: brown noise
    spectrum /= np.maximum(freqs, 20.0) ** colour
    noise = np.fft.irfft(spectrum, n)
    noise /= np.std(noise)
    t = np.arange(n) / FRAME_RATE
    mains = rng.choice([50.0, 60.0])
    hum = sum(0.3 / k * np.sin(2 * np.pi * k * mains * t + rng.uniform(0, 6)) for k in (1, 2, 3))
    swell = 1 + 0.3 * np.sin(2 * np.pi * t / rng.uniform(2.5, 5.0) + rng.uniform(0, 6))
    return AudioSegment(_at_dbfs(noise * swell + hum, rng.uniform(-20, -16)))


def chime_sound() -> AudioSegment:
    """A short bell: two decaying partials."""
    t = np.arange(int(0.4 * FRAME_RATE)) / FRAME_RATE
    bell = (np.sin(2 * np.pi * 1568 * t) + 0.5 * np.sin(2 * np.pi * 3136 * t)) * np.exp(-t / 0.08)
    return AudioSegment(_at_dbfs(bell, -12))


def dev_positions(index: int) -> list[tuple[str, int]]:
    """(kind, start in ms) of the sounds in dev clip `index`: 'activate', or 'negative <k>' for
    `negative_word(..., k)`; each clip holds the first syllable of "activate" alone (k = 4)."""
    layouts = [
        [("activate", 1200), ("negative 3", 3300), ("activate", 5600), ("negative 4", 8000)],
        [("negative 4", 700), ("activate", 2900), ("negative 1", 5200), ("activate", 7600)],
    ]
    return layouts[index]


def _dev_clip(index: int, rng: np.random.Generator) -> AudioSegment:
    clip = background_noise(rng) - 20
    for kind, start in dev_positions(index):
        word = activate_word(rng) if kind == "activate" else negative_word(rng, int(kind.split()[1]))
        clip = clip.overlay(word, position=start)
    return clip.apply_gain(-20.0 - clip.dBFS)


def write_files(folder: str | Path = "data") -> Path:
    """Write raw_data/{activates,negatives,backgrounds,dev}/*.wav and audio_examples/chime.wav (once)."""
    folder = data_folder(folder)
    done = folder / "raw_data" / ".complete"
    if done.is_file():
        return folder
    rng = np.random.default_rng(SEED)
    raw = folder / "raw_data"
    for sub in ("activates", "negatives", "backgrounds", "dev"):
        data_folder(raw / sub)
    for i in range(N_ACTIVATES):
        activate_word(rng).export(raw / "activates" / f"{i + 1}.wav")
    for i in range(N_NEGATIVES):
        negative_word(rng, i % 5).export(raw / "negatives" / f"{i + 1}.wav")
    for i in range(N_BACKGROUNDS):
        background_noise(rng).export(raw / "backgrounds" / f"{i + 1}.wav")
    for i in range(2):
        _dev_clip(i, rng).export(raw / "dev" / f"{i + 1}.wav")
    chime_sound().export(data_folder(folder / "audio_examples") / "chime.wav")
    done.write_text("generated\n")
    return folder
