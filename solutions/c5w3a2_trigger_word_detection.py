"""Reference solution and hidden checks: c5w3a2_trigger_word_detection.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers (audio, spectrograms, the NumPy AudioSegment) live in
source/c5w3a2_trigger_word_detection/td_utils.py.

The audio functions draw random numbers from NumPy's global generator, in the
order the curriculum fixes; every check case seeds it (`Case.seed`) before the
call, on both sides.  Sounds are built where the function is called (`Live`
factories of td_utils) and compared as their int16 samples.
"""

import numpy as np
from keras.layers import (
    GRU,
    Activation,
    BatchNormalization,
    Conv1D,
    Dense,
    Dropout,
    Input,
    TimeDistributed,
)
from keras.models import Model
from td_utils import get_random_time_segment, graph_spectrogram, match_target_amplitude

from autograder.checks import Case, FunctionCheck, Hook, Live
from autograder.compare import Tolerance


def is_overlapping(segment_time, previous_segments):
    """
    Check whether a time segment overlaps any of the existing segments.

    Arguments:
    segment_time -- a tuple (segment_start, segment_end) in ms for the new segment
    previous_segments -- a list of tuples (segment_start, segment_end) for the existing segments

    Returns:
    True if the new segment overlaps at least one existing segment, False otherwise
    """
    segment_start, segment_end = segment_time
    overlap = False
    for previous_start, previous_end in previous_segments:
        # both ends are inclusive: touching segments overlap
        if segment_start <= previous_end and segment_end >= previous_start:
            overlap = True
            break
    return overlap


def insert_audio_clip(background, audio_clip, previous_segments):
    """
    Insert a new audio clip at a random time of the background, where it overlaps no earlier clip.

    Arguments:
    background -- a 10-second background AudioSegment
    audio_clip -- the AudioSegment to insert
    previous_segments -- list of (start, end) times in ms of the clips already inserted;
                         the new clip's segment is appended to it (in place)

    Returns:
    new_background -- the background with the clip mixed in
    segment_time -- (start, end) in ms of the inserted clip, or (10000, 10000) if no free place was found
    """
    segment_ms = len(audio_clip)
    segment_time = get_random_time_segment(segment_ms)
    # try again, at most 5 more times, while the segment overlaps an earlier one
    retry = 5
    while is_overlapping(segment_time, previous_segments) and retry >= 0:
        segment_time = get_random_time_segment(segment_ms)
        retry = retry - 1
    if not is_overlapping(segment_time, previous_segments):
        previous_segments.append(segment_time)
        new_background = background.overlay(audio_clip, position=segment_time[0])
    else:
        new_background = background
        segment_time = (10000, 10000)
    return new_background, segment_time


def insert_ones(y, segment_end_ms):
    """
    Set to 1 the 50 labels that follow the end of a segment.

    Arguments:
    y -- numpy array of shape (1, Ty), the labels of the training example (modified in place)
    segment_end_ms -- the end time of the segment in ms

    Returns:
    y -- the updated labels
    """
    _, Ty = y.shape
    # the end of the word, converted from ms to output steps
    segment_end_y = int(segment_end_ms * Ty / 10000.0)
    if segment_end_y < Ty:
        for i in range(segment_end_y + 1, segment_end_y + 51):
            if i < Ty:
                y[0, i] = 1
    return y


def create_training_example(background, activates, negatives, Ty):
    """
    Create a training example from a background, 'activate' words and negative words.

    Arguments:
    background -- a 10-second background AudioSegment
    activates -- list of AudioSegments of the word "activate"
    negatives -- list of AudioSegments of other words
    Ty -- the number of time steps of the output

    Returns:
    x -- the spectrogram of the training example, shape (101, 5511)
    y -- the labels, shape (1, Ty)
    """
    # make the background quieter
    background = background - 20
    y = np.zeros((1, Ty))
    previous_segments = []
    # 0 to 4 random "activate" clips, each followed by 50 ones in y
    number_of_activates = np.random.randint(0, 5)
    random_indices = np.random.randint(len(activates), size=number_of_activates)
    random_activates = [activates[i] for i in random_indices]
    for random_activate in random_activates:
        background, segment_time = insert_audio_clip(background, random_activate, previous_segments)
        segment_start, segment_end = segment_time
        y = insert_ones(y, segment_end)
    # 0 to 2 random negative clips, which leave y unchanged
    number_of_negatives = np.random.randint(0, 3)
    random_indices = np.random.randint(len(negatives), size=number_of_negatives)
    random_negatives = [negatives[i] for i in random_indices]
    for random_negative in random_negatives:
        background, _ = insert_audio_clip(background, random_negative, previous_segments)
    # standardise the loudness, save, and compute the spectrogram
    background = match_target_amplitude(background, -20.0)
    background.export("train.wav", format="wav")
    x = graph_spectrogram("train.wav")
    return x, y


def modelf(input_shape):
    """
    The trigger-word model: a 1-D convolution followed by two GRU layers.

    Arguments:
    input_shape -- shape of the model's input, (Tx, n_freq)

    Returns:
    model -- Keras model with one sigmoid output per output time step
    """
    X_input = Input(shape=input_shape)
    # convolution: 5511 spectrogram steps -> 1375 steps of 196 features
    X = Conv1D(filters=196, kernel_size=15, strides=4)(X_input)
    X = BatchNormalization()(X)
    X = Activation("relu")(X)
    X = Dropout(rate=0.8)(X)
    # first GRU layer, one output per step
    X = GRU(units=128, return_sequences=True)(X)
    X = Dropout(rate=0.8)(X)
    X = BatchNormalization()(X)
    # second GRU layer
    X = GRU(units=128, return_sequences=True)(X)
    X = Dropout(rate=0.8)(X)
    X = BatchNormalization()(X)
    X = Dropout(rate=0.8)(X)
    # one probability per step: "the word just ended"
    X = TimeDistributed(Dense(1, activation="sigmoid"))(X)
    model = Model(inputs=X_input, outputs=X)
    return model


# ---------------------------------------------------------------------------
# Hidden checks: seeded NumPy draws, clips built in the calling process.
# ---------------------------------------------------------------------------


def _overlap_cases():
    yield Case("no earlier segments", ((100, 500), []))
    yield Case("far from every segment", ((3000, 3500), [(100, 900), (5000, 5600)]))
    yield Case("starts where one ends (touching)", ((900, 1400), [(100, 900)]))
    yield Case("ends where one starts (touching)", ((4000, 5000), [(100, 900), (5000, 5600)]))
    yield Case("inside an earlier segment", ((2100, 2200), [(2000, 2800)]))
    yield Case("contains an earlier segment", ((1000, 4000), [(2000, 2800), (7000, 7500)]))
    yield Case("one ms apart", ((901, 1400), [(100, 900), (1401, 2000)]))


def _background(seed):
    return Live("td_utils:check_background", (seed,))


def _insert_cases():
    yield Case("empty background so far", (_background(1), Live("td_utils:check_word", (-1, 11)), []), seed=1)
    yield Case(
        "two clips already inserted",
        (_background(2), Live("td_utils:check_word", (2, 12)), [(1200, 1900), (6000, 6700)]),
        seed=2,
    )
    yield Case(
        "crowded: only the sixth new draw fits",
        (_background(3), Live("td_utils:check_word", (0, 13)), [(0, 2999), (3500, 6499), (7000, 9300)]),
        seed=9,
    )
    yield Case("no free place: (10000, 10000)", (_background(4), Live("td_utils:check_word", (-1, 14)), [(0, 9999)]), seed=4)


def _insert_ones_cases():
    yield Case("Ty=1375, word ending at 1000 ms", (np.zeros((1, 1375)), 1000), seed=0)
    yield Case("Ty=1375, ones already set", (np.where(np.arange(1375) % 97 < 3, 1.0, 0.0)[None], 4321), seed=0)
    yield Case("Ty=1375, word ending at 9900 ms (cut at the end)", (np.zeros((1, 1375)), 9900), seed=0)
    yield Case("Ty=400, word ending at 5000 ms", (np.zeros((1, 400)), 5000), seed=0)
    yield Case("Ty=1375, segment (10000, 10000) of a failed insertion", (np.zeros((1, 1375)), 10000), seed=0)


def _example_args(seed, n_activates, n_negatives, Ty):
    return (
        _background(seed),
        Live("td_utils:check_words", ("activates", seed + 100, n_activates)),
        Live("td_utils:check_words", ("negatives", seed + 200, n_negatives)),
        Ty,
    )


def _example_cases():
    yield Case("seed 4543, 3 activates, 5 negatives, Ty=1375", _example_args(31, 3, 5, 1375), seed=4543)
    yield Case("seed 10, 2 activates, 2 negatives, Ty=1375", _example_args(32, 2, 2, 1375), seed=10)
    yield Case("seed 18, 4 activates, 3 negatives, Ty=800", _example_args(33, 4, 3, 800), seed=18)


def _modelf_cases():
    yield Case("input (5511, 101): the lab's model (structure only)", ((5511, 101),), seed=1)
    yield Case("input (47, 101)", ((47, 101),), seed=2)
    yield Case("input (63, 20)", ((63, 20),), seed=3)


AUDIO = Hook("td_utils:plain_audio")

CHECKS = [
    FunctionCheck(
        "is_overlapping",
        1,
        _overlap_cases,
        public=lambda: Case("a segment that touches an earlier one", ((1500, 2100), [(300, 1500), (2400, 2600)])),
    ),
    FunctionCheck("insert_audio_clip", 2, _insert_cases, outputs=AUDIO, arguments_after={2: "previous_segments"}),
    FunctionCheck("insert_ones", 1, _insert_ones_cases, arguments_after={0: "y"}),
    FunctionCheck("create_training_example", 3, _example_cases, tol=Tolerance(rtol=1e-5, atol=1e-4), outputs=AUDIO),
    FunctionCheck(
        "modelf",
        3,
        _modelf_cases,
        tol=Tolerance(rtol=1e-4, atol=1e-5),
        outputs=Hook("td_utils:model_probe"),
        public=lambda: Case("input (35, 12)", ((35, 12),), seed=5),
    ),
]
