"""Lab c5w1a3_jazz_lstm: the reference earns full marks, plausible mistakes lose points
with a message naming what differs, and the lesson holds on D-MUSIC (after the
notebook's short training, the improvised solo is made of transitions of the training
melody, unlike the untrained network's or random values)."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from keras.layers import LSTM, Dense, Input, RepeatVector, Reshape  # noqa: E402

from autograder.data import music  # noqa: E402
from autograder.labtesting import LabUnderTest  # noqa: E402

LAB = "c5w1a3_jazz_lstm"

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student
ref = lab.reference
GRADED = ["djmodel", "music_inference_model", "predict_and_sample"]


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name, vars(ref))
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def test_points_add_up_to_ten():
    from autograder.course import checks_of

    assert sum(check.points for check in checks_of(LAB).values()) == 10


def test_checks_restore_the_notebook_globals():
    namespace = student()
    before = {key: namespace[key] for key in ("n_a", "n_values", "LSTM_cell", "densor", "reshaper")}
    for name in GRADED:
        run(name, namespace)
    assert all(namespace[key] is value for key, value in before.items())


# --- djmodel ---------------------------------------------------------------------


def _djmodel(*, reshape=True, states="a_c", keep_state=True, new_cell_each_step=False, dense_on_cell_state=False):
    """A djmodel written by a student, with one chosen mistake."""

    def djmodel(Tx, LSTM_cell, densor, reshaper):
        n_values, n_a = densor.units, LSTM_cell.units
        X = Input(shape=(Tx, n_values))
        a0 = Input(shape=(n_a,), name="a0")
        c0 = Input(shape=(n_a,), name="c0")
        a, c = a0, c0
        outputs = []
        for t in range(Tx):
            x = X[:, t, :]
            if reshape:
                x = reshaper(x)
            cell = LSTM(n_a, return_state=True) if new_cell_each_step else LSTM_cell
            if keep_state:
                out, h, s = cell(x, initial_state=[a, c])
            else:
                out, h, s = cell(x)
            a, c = (h, s) if states == "a_c" else (s, h)
            outputs.append(densor(c if dense_on_cell_state else a))
        return keras.Model(inputs=[X, a0, c0], outputs=outputs)

    return djmodel


def test_djmodel_student_version_earns_full_points():
    result = run("djmodel", student(djmodel=_djmodel()))
    assert result.points == result.max_points, result.report()


def test_djmodel_states_swapped_loses_points():
    result = run("djmodel", student(djmodel=_djmodel(states="c_a")))
    assert result.points == 0
    text = result.messages()
    assert "['outputs']" in text and "values differ" in text
    assert "['structure']" not in text  # same layers: only the values show the mistake


def test_djmodel_without_initial_state_loses_points():
    result = run("djmodel", student(djmodel=_djmodel(keep_state=False)))
    assert result.points == 0
    assert "values differ" in result.messages()


def test_djmodel_softmax_of_the_cell_state_loses_points():
    result = run("djmodel", student(djmodel=_djmodel(dense_on_cell_state=True)))
    assert result.points == 0
    assert "values differ" in result.messages()


def test_djmodel_new_lstm_at_every_step_loses_points():
    result = run("djmodel", student(djmodel=_djmodel(new_cell_each_step=True)))
    assert result.points == 0
    assert "layers expected" in result.messages()


def test_djmodel_without_reshaper_is_reported():
    result = run("djmodel", student(djmodel=_djmodel(reshape=False)))
    assert result.points == 0
    assert "raised ValueError" in result.messages()


def test_djmodel_returning_the_outputs_list_loses_points():
    def djmodel(Tx, LSTM_cell, densor, reshaper):
        return _djmodel()(Tx, LSTM_cell, densor, reshaper).outputs

    result = run("djmodel", student(djmodel=djmodel))
    assert result.points == 0
    assert "a Keras model expected, got list" in result.messages()


# --- music_inference_model --------------------------------------------------------------


def _inference(*, feedback="one_hot", argmax_axis=-1, shared_repeat=False):
    def music_inference_model(LSTM_cell, densor, Ty=100):
        n_values, n_a = densor.units, LSTM_cell.units
        x0 = Input(shape=(1, n_values))
        a0 = Input(shape=(n_a,), name="a0")
        c0 = Input(shape=(n_a,), name="c0")
        a, c, x = a0, c0, x0
        repeat = RepeatVector(1)
        outputs = []
        for _ in range(Ty):
            a, _, c = LSTM_cell(x, initial_state=[a, c])
            out = densor(a)
            outputs.append(out)
            if feedback == "none":
                continue
            if feedback == "one_hot":
                x = keras.ops.one_hot(keras.ops.argmax(out, axis=argmax_axis), n_values)
            else:  # the probabilities themselves
                x = out
            x = repeat(x) if shared_repeat else RepeatVector(1)(x)
        return keras.Model(inputs=[x0, a0, c0], outputs=outputs)

    return music_inference_model


def test_inference_student_version_earns_full_points():
    result = run("music_inference_model", student(music_inference_model=_inference()))
    assert result.points == result.max_points, result.report()


def test_inference_feeding_probabilities_loses_points():
    result = run("music_inference_model", student(music_inference_model=_inference(feedback="probabilities")))
    assert result.points == 0
    text = result.messages()
    assert "['outputs']" in text and "values differ" in text


def test_inference_without_feedback_loses_points():
    result = run("music_inference_model", student(music_inference_model=_inference(feedback="none")))
    assert result.points == 0
    assert "layers expected" in result.messages() and "RepeatVector" in result.messages()


def test_inference_argmax_over_the_batch_loses_points():
    result = run("music_inference_model", student(music_inference_model=_inference(argmax_axis=0)))
    assert result.points == 0
    assert "output shape" in result.messages()


def test_inference_one_repeat_layer_for_all_steps_is_a_different_structure():
    # the same maths, but the reference creates a RepeatVector per step (as the notebook asks)
    result = run("music_inference_model", student(music_inference_model=_inference(shared_repeat=True)))
    # with Ty=2 only one RepeatVector is part of the model either way
    assert [case.passed for case in result.cases] == [False, False, True, False]
    assert "layers expected" in result.messages()


# --- predict_and_sample -------------------------------------------------------------------


def _sampler(*, one_hot=True, axis=-1, use_arguments=True):
    def predict_and_sample(inference_model, x_initializer=None, a_initializer=None, c_initializer=None):
        n_values = int(inference_model.inputs[0].shape[-1])
        n_a = int(inference_model.inputs[1].shape[-1])
        if not use_arguments:  # the notebook's zero initialisers, whatever was passed
            x_initializer, a_initializer, c_initializer = np.zeros((1, 1, n_values)), np.zeros((1, n_a)), np.zeros((1, n_a))
        pred = inference_model.predict([x_initializer, a_initializer, c_initializer], verbose=0)
        indices = np.argmax(pred, axis=axis)
        results = np.eye(n_values)[indices.reshape(-1)] if one_hot else np.asarray(pred)[:, 0, :]
        return results, indices

    return predict_and_sample


def test_sample_student_version_earns_full_points():
    result = run("predict_and_sample", student(predict_and_sample=_sampler()))
    assert result.points == result.max_points, result.report()


def test_sample_returning_probabilities_loses_points():
    result = run("predict_and_sample", student(predict_and_sample=_sampler(one_hot=False)))
    assert result.points == 0
    assert "predict_and_sample" in result.report() and "values differ" in result.messages()


def test_sample_argmax_on_the_wrong_axis_loses_points():
    result = run("predict_and_sample", student(predict_and_sample=_sampler(axis=0)))
    assert result.points == 0
    assert "[1]: shape (5, 1) expected, got (1, 6)" in result.messages()


def test_sample_ignoring_the_initialisers_loses_the_random_starts():
    result = run("predict_and_sample", student(predict_and_sample=_sampler(use_arguments=False)))
    assert [case.passed for case in result.cases] == [True, False, False, True]
    assert "values differ" in result.messages()


# --- the data and the lesson ----------------------------------------------------------------


def test_music_data_is_deterministic_and_shaped_like_the_original():
    X, Y, n_values, indices_values = music.load_music_utils()
    X2, Y2, _, _ = music.load_music_utils()
    assert np.array_equal(X, X2) and np.array_equal(Y, Y2)
    assert X.shape == (60, 30, 90) and Y.shape == (30, 60, 90) and n_values == 90
    assert len(set(indices_values.values())) == 90 and indices_values[0] == "R:0.25"
    assert not X[:, 0].any() and not Y[-1].any()  # start input, and nothing to predict after the window
    assert np.array_equal(Y[:-1], np.swapaxes(X[:, 1:], 0, 1))  # Y is X shifted one step, time first
    assert np.all(X[:, 1:].sum(axis=-1) == 1)  # one-hot
    melody = music.corpus()
    assert len(set(melody)) > 60
    assert len(set(zip(melody, melody[1:], strict=False))) < 600  # few of the 8,100 pairs: there is structure


def test_transition_share_of_the_melody_and_of_random_values():
    music_utils = lab.helper("music_utils")
    assert music_utils.transition_share(music.corpus()[100:160]) == 1.0
    random_values = np.random.default_rng(0).integers(0, 90, 200)
    assert music_utils.transition_share(random_values) < 0.15


@pytest.mark.slow  # about 30 s of CPU: compiling and training the 30-step model as the notebook does
def test_lesson_trained_network_improvises_in_the_style_of_the_melody():
    import tensorflow as tf
    from keras.optimizers import Adam
    from keras.optimizers.schedules import InverseTimeDecay

    music_utils = lab.helper("music_utils")
    tf.config.experimental.enable_op_determinism()
    keras.utils.set_random_seed(1)
    X, Y, n_values, _ = music_utils.load_music_utils()
    n_a = 64
    cell = LSTM(n_a, return_state=True, unroll=True)
    densor = Dense(n_values, activation="softmax")
    model = ref.djmodel(30, cell, densor, Reshape((1, n_values)))

    untrained = ref.music_inference_model(cell, densor, Ty=50)
    _, untrained_indices = ref.predict_and_sample(untrained, np.zeros((1, 1, n_values)), np.zeros((1, n_a)),
                                                  np.zeros((1, n_a)))

    opt = Adam(learning_rate=InverseTimeDecay(0.01, decay_steps=1, decay_rate=0.01), beta_1=0.9, beta_2=0.999)
    model.compile(optimizer=opt, loss="categorical_crossentropy", metrics=["accuracy"] * 30)
    zeros = np.zeros((60, n_a))
    history = model.fit([X, zeros, zeros], list(Y), epochs=60, verbose=0)
    assert history.history["loss"][-1] < 0.4 * history.history["loss"][0]  # about 130 -> 35 measured

    inference = ref.music_inference_model(cell, densor, Ty=50)
    _, indices = ref.predict_and_sample(inference, np.zeros((1, 1, n_values)), np.zeros((1, n_a)), np.zeros((1, n_a)))
    rng = np.random.default_rng(7)
    _, other = ref.predict_and_sample(inference, np.zeros((1, 1, n_values)), rng.normal(size=(1, n_a)),
                                      rng.normal(size=(1, n_a)))
    assert music_utils.transition_share(untrained_indices) < 0.2  # 0.02 measured
    assert music_utils.transition_share(indices) > 0.9  # 0.98 measured
    assert music_utils.transition_share(other) > 0.9
    assert len(np.unique(indices)) >= 10 and len(np.unique(other)) >= 10  # a tune, not one repeated note
    assert not np.array_equal(indices, other)  # another start, another solo
