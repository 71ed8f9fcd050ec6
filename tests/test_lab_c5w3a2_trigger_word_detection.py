"""c5w3a2_trigger_word_detection: the reference earns full marks, plausible mistakes lose points
with a message naming what differs, D-AUDIO and its AudioSegment behave, and the lesson holds:
synthesised examples teach a detector to fire after "activate" and not after other sounds."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from keras import layers  # noqa: E402

from autograder.data import audio  # noqa: E402
from autograder.data.audio import AudioSegment  # noqa: E402
from autograder.labtesting import LabUnderTest  # noqa: E402

LAB = "c5w3a2_trigger_word_detection"

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student


@pytest.fixture(autouse=True)
def scratch_folder(tmp_path, monkeypatch):
    """create_training_example writes train.wav in the current folder."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def ref():
    return lab.reference


GRADED = ["is_overlapping", "insert_audio_clip", "insert_ones", "create_training_example", "modelf"]


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


# --- is_overlapping ----------------------------------------------------------


def test_overlap_with_strict_inequalities_misses_touching_segments():
    def is_overlapping(segment_time, previous_segments):
        start, end = segment_time
        return any(start < p_end and end > p_start for p_start, p_end in previous_segments)

    result = run("is_overlapping", student(is_overlapping=is_overlapping))
    failed = [case.label for case in result.cases if not case.passed]
    assert failed == ["starts where one ends (touching)", "ends where one starts (touching)"], result.report()
    assert "is_overlapping(): True expected, got False" in result.messages()


def test_overlap_checking_only_the_last_segment():
    def is_overlapping(segment_time, previous_segments):
        if not previous_segments:
            return False
        p_start, p_end = previous_segments[-1]
        return segment_time[0] <= p_end and segment_time[1] >= p_start

    result = run("is_overlapping", student(is_overlapping=is_overlapping))
    failed = [case.label for case in result.cases if not case.passed]
    assert failed == ["contains an earlier segment"], result.report()


# --- insert_audio_clip -------------------------------------------------------


def _insert(ref, append=True, retry=True, last_retry=0):
    def insert_audio_clip(background, audio_clip, previous_segments):
        segment_time = ref.get_random_time_segment(len(audio_clip))
        tries = 5
        while retry and ref.is_overlapping(segment_time, previous_segments) and tries >= last_retry:
            segment_time = ref.get_random_time_segment(len(audio_clip))
            tries -= 1
        if ref.is_overlapping(segment_time, previous_segments):
            return background, (10000, 10000)
        if append:
            previous_segments.append(segment_time)
        return background.overlay(audio_clip, position=segment_time[0]), segment_time

    return insert_audio_clip


def test_insert_forgetting_to_record_the_segment(ref):
    result = run("insert_audio_clip", student(insert_audio_clip=_insert(ref, append=False)))
    failed = [case.label for case in result.cases if not case.passed]
    assert len(failed) == 3 and "no free place: (10000, 10000)" not in failed, result.report()
    assert "insert_audio_clip()['previous_segments after the call']: length 3 expected, got 2" in result.messages()


def test_insert_without_retrying(ref):
    result = run("insert_audio_clip", student(insert_audio_clip=_insert(ref, retry=False)))
    failed = [case.label for case in result.cases if not case.passed]
    assert failed == ["crowded: only the sixth new draw fits"], result.report()
    assert "insert_audio_clip()['returned'][1][0]: 9341 expected, got 10000" in result.messages()


def test_insert_with_one_retry_too_few(ref):
    result = run("insert_audio_clip", student(insert_audio_clip=_insert(ref, last_retry=1)))  # `retry > 0`
    failed = [case.label for case in result.cases if not case.passed]
    assert failed == ["crowded: only the sixth new draw fits"], result.report()


# --- insert_ones -------------------------------------------------------------


def _insert_ones(first=1, copy=False, fixed_Ty=None):
    def insert_ones(y, segment_end_ms):
        if copy:
            y = y.copy()
        Ty = fixed_Ty or y.shape[1]
        end = int(segment_end_ms * Ty / 10000.0)
        for i in range(end + first, end + first + 50):
            if i < y.shape[1]:
                y[0, i] = 1
        return y

    return insert_ones


def test_insert_ones_off_by_one():
    result = run("insert_ones", student(insert_ones=_insert_ones(first=0)))
    assert result.points < result.max_points / 2, result.report()
    assert "insert_ones()['returned']: 2 of 1375 values differ" in result.messages()


def test_insert_ones_on_a_copy_leaves_the_labels_unchanged():
    result = run("insert_ones", student(insert_ones=_insert_ones(copy=True)))
    assert result.points < result.max_points, result.report()
    assert "insert_ones()['y after the call']: 50 of 1375 values differ" in result.messages()


def test_insert_ones_with_the_global_Ty():
    result = run("insert_ones", student(insert_ones=_insert_ones(fixed_Ty=1375)))
    failed = [case.label for case in result.cases if not case.passed]
    assert failed == ["Ty=400, word ending at 5000 ms"], result.report()


# --- create_training_example -------------------------------------------------


def _example(ref, quieter=True, negatives_first=False, standardise=True):
    def create_training_example(background, activates, negatives, Ty):
        if quieter:
            background = background - 20
        y = np.zeros((1, Ty))
        previous_segments = []

        def insert_activates():
            nonlocal background
            for i in np.random.randint(len(activates), size=np.random.randint(0, 5)):
                background, (_, end) = ref.insert_audio_clip(background, activates[i], previous_segments)
                ref.insert_ones(y, end)

        def insert_negatives():
            nonlocal background
            for i in np.random.randint(len(negatives), size=np.random.randint(0, 3)):
                background, _ = ref.insert_audio_clip(background, negatives[i], previous_segments)

        if negatives_first:
            insert_negatives()
            insert_activates()
        else:
            insert_activates()
            insert_negatives()
        if standardise:
            background = ref.match_target_amplitude(background, -20.0)
        background.export("train.wav", format="wav")
        return ref.graph_spectrogram("train.wav"), y

    return create_training_example


def test_example_rewritten_from_the_description_earns_full_points(ref):
    result = run("create_training_example", student(create_training_example=_example(ref)))
    assert result.points == result.max_points, result.report()


def test_example_with_a_loud_background(ref):
    result = run("create_training_example", student(create_training_example=_example(ref, quieter=False)))
    assert result.points == 0, result.report()
    assert "create_training_example()[0]:" in result.messages() and "values differ" in result.messages()


def test_example_drawing_the_negatives_first(ref):
    result = run("create_training_example", student(create_training_example=_example(ref, negatives_first=True)))
    assert result.points < result.max_points, result.report()
    assert "create_training_example()[1]:" in result.messages()


def test_example_without_standard_loudness(ref):
    result = run("create_training_example", student(create_training_example=_example(ref, standardise=False)))
    assert result.points == 0, result.report()
    assert "create_training_example()[1]" not in result.messages()  # the labels are right


# --- modelf ------------------------------------------------------------------


def _modelf(rate=0.8, activation="relu", return_sequences=True, go_backwards=False):
    def modelf(input_shape):
        X_input = layers.Input(shape=input_shape)
        X = layers.Conv1D(filters=196, kernel_size=15, strides=4)(X_input)
        X = layers.BatchNormalization()(X)
        X = layers.Activation(activation)(X)
        X = layers.Dropout(rate=rate)(X)
        X = layers.GRU(units=128, return_sequences=True, go_backwards=go_backwards)(X)
        X = layers.Dropout(rate=rate)(X)
        X = layers.BatchNormalization()(X)
        X = layers.GRU(units=128, return_sequences=return_sequences)(X)
        X = layers.Dropout(rate=rate)(X)
        X = layers.BatchNormalization()(X)
        X = layers.Dropout(rate=rate)(X)
        if return_sequences:
            X = layers.TimeDistributed(layers.Dense(1, activation="sigmoid"))(X)
        else:
            X = layers.Dense(1, activation="sigmoid")(X)
        return keras.Model(inputs=X_input, outputs=X)

    return modelf


def test_modelf_keep_probability_instead_of_rate():
    result = run("modelf", student(modelf=_modelf(rate=0.2)))
    assert result.points == 0, result.report()
    assert "layer 4 (Dropout): rate 0.8 expected, got 0.2" in result.messages()


def test_modelf_last_gru_without_return_sequences():
    result = run("modelf", student(modelf=_modelf(return_sequences=False)))
    assert result.points == 0, result.report()
    assert "output shape (None, 1375, 128) expected, got (None, 128)" in result.messages()


def test_modelf_backwards_gru_is_caught_by_the_outputs():
    result = run("modelf", student(modelf=_modelf(go_backwards=True)))
    # same layers, shapes and parameters: only the cases that run the model see it
    assert [case.passed for case in result.cases] == [True, False, False], result.report()
    assert "modelf()['outputs']" in result.messages() and "modelf()['structure']" not in result.messages()


# --- D-AUDIO and the AudioSegment subset -------------------------------------


def test_audio_segment_basics(tmp_path):
    rng = np.random.default_rng(0)
    background = audio.background_noise(rng)
    word = audio.activate_word(rng)
    assert len(background) == 10000 and 600 < len(word) < 800
    mixed = background.overlay(word, position=9800)  # runs past the end: cut
    assert len(mixed) == 10000 and mixed != background
    assert mixed[:9800] == background[:9800]
    assert abs((background - 20).dBFS - (background.dBFS - 20)) < 0.05
    assert abs(background.apply_gain(-3.5).dBFS - background.dBFS + 3.5) < 0.05
    assert len(background[1000:2500]) == 1500 and abs(len(word + word) - 2 * len(word)) <= 1
    path = tmp_path / "round_trip.wav"
    mixed.export(path, format="wav")
    assert AudioSegment.from_wav(path) == mixed
    loud = AudioSegment(np.full(100, 30000)).overlay(AudioSegment(np.full(50, 30000)))
    assert loud.get_array_of_samples().max() == 32767  # saturates like pydub, no wrap-around
    assert AudioSegment.silent(duration=500).dBFS == -np.inf


def test_generated_files_are_deterministic(tmp_path):
    first = audio.write_files(tmp_path / "a")
    second = audio.write_files(tmp_path / "b")
    names = sorted(p.relative_to(first).as_posix() for p in first.rglob("*.wav"))
    assert len(names) == 8 + 10 + 3 + 2 + 1
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    td_utils = lab.helper("td_utils")
    activates, negatives, backgrounds = td_utils.load_raw_audio(str(first / "raw_data"))
    assert (len(activates), len(negatives), len(backgrounds)) == (8, 10, 3)
    assert td_utils.graph_spectrogram(first / "raw_data" / "dev" / "1.wav").shape == (td_utils.n_freq, td_utils.Tx)


# --- the lesson: synthesised examples teach a detector -----------------------


def test_lesson_synthesised_examples_teach_a_detector_to_fire_after_activate(ref):
    td_utils = lab.helper("td_utils")
    td_utils.write_audio_data("data")
    activates, negatives, backgrounds = td_utils.load_raw_audio("data/raw_data/")
    np.random.seed(4543)
    X, Y = [], []
    for i in range(32):  # as in the notebook
        x, y = ref.create_training_example(backgrounds[i % len(backgrounds)], activates, negatives, td_utils.Ty)
        X.append(x.T)
        Y.append(y.T)
    X, Y = np.array(X, dtype=np.float32), np.array(Y, dtype=np.float32)
    assert X.shape == (32, td_utils.Tx, td_utils.n_freq) and Y.shape == (32, td_utils.Ty, 1)
    assert 0.03 < Y.mean() < 0.12  # about 50 ones per word, 0 to 4 words per example

    keras.utils.set_random_seed(1)
    detector = td_utils.light_detector()
    detector.compile(optimizer=keras.optimizers.Adam(learning_rate=0.003), loss="binary_crossentropy")
    losses = detector.fit(X, Y, batch_size=8, epochs=20, verbose=0).history["loss"]
    assert losses[-1] < 0.1 * losses[0], losses  # about 0.44 -> 0.01

    # on the dev clips (never trained on): high right after each "activate", low after every other sound
    for index in (0, 1):
        x = td_utils.graph_spectrogram(f"data/raw_data/dev/{index + 1}.wav")
        p = np.asarray(detector(x.T[None].astype(np.float32)))[0, :, 0]
        for kind, start_ms in audio.dev_positions(index):
            first = int((start_ms + 500) * td_utils.Ty / 10000)
            peak = float(p[first : first + 90].max())  # from the word's last part to 0.65 s later
            # measured: 1.0 after every "activate", at most 0.04 after the other sounds (also "ac" alone)
            assert (peak > 0.5) == (kind == "activate"), (index, kind, start_ms, peak)
        assert (p > 0.5).mean() < 0.15  # quiet elsewhere
