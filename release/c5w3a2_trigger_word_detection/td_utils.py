"""Given helpers of the trigger-word lab (c5w3a2): you do not need to edit this file.

* the synthesised audio (`write_audio_data`, `load_raw_audio`) and the NumPy
  `AudioSegment` that stands in for pydub;
* reading WAV files and computing spectrograms (`get_wav_info`,
  `graph_spectrogram`, `plot_spectrogram`);
* `match_target_amplitude` and `get_random_time_segment`;
* support for the lab's checks (generated clips, model probes).
"""

from __future__ import annotations

import os
import wave

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import mlab

from autograder.compare import is_keras_model, to_plain
from autograder.data import audio
from autograder.data.audio import AudioSegment

__all__ = [
    "AudioSegment",
    "Tx",
    "Ty",
    "n_freq",
    "get_random_time_segment",
    "get_wav_info",
    "graph_spectrogram",
    "light_detector",
    "load_raw_audio",
    "match_target_amplitude",
    "plot_spectrogram",
    "write_audio_data",
]

Tx = 5511  # spectrogram time steps of a 10-second clip (the model's input length)
n_freq = 101  # frequencies of each spectrogram step
Ty = 1375  # output time steps of the model


def write_audio_data(folder="data"):
    """Synthesise the clips under `folder` (first use only); return the folder."""
    return audio.write_files(folder)


def get_wav_info(wav_file):
    """The frame rate and the int16 samples (first channel) of a WAV file."""
    with wave.open(str(wav_file), "rb") as f:
        rate = f.getframerate()
        data = np.frombuffer(f.readframes(f.getnframes()), dtype="<i2").reshape(-1, f.getnchannels())
    return rate, data[:, 0]


def graph_spectrogram(wav_file):
    """The spectrogram of a WAV file, in decibels: shape (101, time steps), (101, 5511) for 10 s.

    Windows of 200 samples, 120 of them shared with the next window (so one
    step every 80 samples); 101 frequency bands from 0 to half the sampling rate.
    """
    _, data = get_wav_info(wav_file)
    nfft, noverlap = 200, 120
    pxx, _, _ = mlab.specgram(data.astype(np.float64), NFFT=nfft, Fs=8000, noverlap=noverlap)
    return 10 * np.log10(pxx + 1e-10)


def plot_spectrogram(x, ax=None, title=None):
    """Draw a (101, time steps) spectrogram (time on the horizontal axis, 10 s for 5511 steps)."""
    ax = ax or plt.gca()
    seconds = x.shape[1] * 80 / audio.FRAME_RATE
    image = ax.imshow(x, aspect="auto", origin="lower", cmap="magma", extent=(0, seconds, 0, x.shape[0]))
    ax.set_xlabel("time (s)")
    ax.set_ylabel("frequency band")
    if title:
        ax.set_title(title)
    return image


def light_detector(input_shape=(None, 101), filters=32):
    """A small, purely convolutional trigger-word detector that trains in seconds on a CPU.

    The first convolution has the same width and stride as `modelf`'s (so the
    output has the same 1375 steps for 10 s); four causal convolutions with
    growing dilation then let each output step see about the last 1.2 seconds,
    and nothing of the future.  No batch normalisation and no dropout: the
    spectrogram's decibels are scaled to roughly [-1, 2] by a fixed `Rescaling`.
    """
    import keras
    from keras import layers

    X_input = layers.Input(shape=input_shape)
    X = layers.Rescaling(1 / 20.0, offset=-0.5)(X_input)
    X = layers.Conv1D(filters, kernel_size=15, strides=4, activation="relu")(X)
    for dilation in (1, 4, 16, 32):
        X = layers.Conv1D(filters, kernel_size=5, dilation_rate=dilation, padding="causal", activation="relu")(X)
    X = layers.Dense(1, activation="sigmoid")(X)
    return keras.Model(inputs=X_input, outputs=X)


def match_target_amplitude(sound, target_dBFS):
    """`sound` made louder or softer so that its average loudness is `target_dBFS`."""
    change_in_dBFS = target_dBFS - sound.dBFS
    return sound.apply_gain(change_in_dBFS)


def load_raw_audio(path="data/raw_data/"):
    """The recordings: lists of AudioSegments `activates`, `negatives` and `backgrounds`."""
    lists = []
    for sub in ("activates", "negatives", "backgrounds"):
        folder = os.path.join(path, sub)
        names = sorted((n for n in os.listdir(folder) if n.endswith(".wav")), key=lambda n: int(n[:-4]))
        lists.append([AudioSegment.from_wav(os.path.join(folder, name)) for name in names])
    activates, negatives, backgrounds = lists
    return activates, negatives, backgrounds


def get_random_time_segment(segment_ms):
    """A random interval (start, end) in ms of length `segment_ms` inside a 10-second clip."""
    segment_start = np.random.randint(low=0, high=10000 - segment_ms)
    segment_end = segment_start + segment_ms - 1
    return (segment_start, segment_end)


# ---------------------------------------------------------------------------
# Support for the lab's checks (called by the grader inside your process).
# ---------------------------------------------------------------------------


def check_background(seed, seconds=10.0):
    """A background clip synthesised from `seed`."""
    return audio.background_noise(np.random.default_rng(seed), seconds)


def check_word(kind, seed):
    """One 'activate' (kind -1) or negative sound (kind 0-4) synthesised from `seed`."""
    rng = np.random.default_rng(seed)
    return audio.activate_word(rng) if kind < 0 else audio.negative_word(rng, kind)


def check_words(kind, seed, count):
    """A list of `count` clips: 'activate' words (kind 'activates') or mixed negatives."""
    rng = np.random.default_rng(seed)
    if kind == "activates":
        return [audio.activate_word(rng) for _ in range(count)]
    return [audio.negative_word(rng, i % 5) for i in range(count)]


def plain_audio(value):
    """Check hook: AudioSegments become their int16 samples, long float arrays float32, the rest `to_plain`."""
    if isinstance(value, AudioSegment):
        return value.get_array_of_samples()
    if isinstance(value, dict):
        return {key: plain_audio(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(plain_audio(item) for item in value)
    if isinstance(value, np.ndarray) and value.dtype == np.float64 and value.size > 100_000:
        return value.astype(np.float32)  # a spectrogram: half the bytes to send back
    return to_plain(value)


def _deterministic_weights(model):
    """Every weight set to pseudo-random values drawn from its position and shape only.

    Kernels get variance 1 / fan-in, so that the signal neither dies nor
    saturates through the layers and the outputs depend on the inputs;
    batch-normalisation statistics stay near (0, 1), with positive variances.
    """
    for index, variable in enumerate(model.weights):
        shape = tuple(int(d) for d in variable.shape)
        rng = np.random.default_rng([index, *shape])
        path = variable.path
        if "moving_variance" in path:
            values = rng.uniform(0.5, 1.5, shape)
        elif "moving_mean" in path:
            values = rng.uniform(-0.2, 0.2, shape)
        elif "gamma" in path:
            values = rng.uniform(0.8, 1.2, shape)
        elif len(shape) >= 2:
            values = rng.uniform(-1.0, 1.0, shape) * np.sqrt(3.0 / np.prod(shape[:-1]))
        else:
            values = rng.uniform(-0.1, 0.1, shape)
        variable.assign(values.astype(np.float32))


def model_probe(model, max_steps=600):
    """Check hook for `modelf`: the layer-by-layer summary and, for inputs of at most `max_steps`
    time steps, the outputs on fixed inputs with fixed weights (longer inputs: the summary only,
    since running a recurrent network step by step over 5511 steps takes long)."""
    if not is_keras_model(model):
        return {"structure": to_plain(model), "outputs": None}
    plain = {"structure": to_plain(model)}
    steps = model.inputs[0].shape[1]
    if steps is None or steps > max_steps:
        plain["outputs"] = "not computed for long inputs"
        return plain
    try:
        _deterministic_weights(model)
        shape = (2, *(int(d) for d in model.inputs[0].shape[1:]))
        x = np.random.default_rng(7).normal(0.0, 1.0, shape).astype(np.float32)
        plain["outputs"] = np.asarray(model(x, training=False))
    except Exception as exc:  # a wrongly built model may not run at all
        plain["outputs"] = f"the model could not be run: {type(exc).__name__}: {str(exc)[:200]}"
    return plain
