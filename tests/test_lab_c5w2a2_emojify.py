"""Lab c5w2a2_emojify: the reference earns full marks, plausible mistakes lose points
with a message naming what differs, and the lesson holds on D-EMOJI + D-EMB (the
averaging model is good on plain sentences but fails on negated happiness; the LSTM
model reads word order and gets those right)."""

import contextlib
import io
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from keras.layers import LSTM, Activation, Dense, Dropout, Embedding, Input  # noqa: E402

from autograder.data import emoji  # noqa: E402
from autograder.data.embeddings import vocabulary  # noqa: E402
from autograder.labtesting import LabUnderTest  # noqa: E402

LAB = "c5w2a2_emojify"

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student
ref = lab.reference
GRADED = ["sentence_to_avg", "model", "sentences_to_indices", "pretrained_embedding_layer", "Emojify_V2"]


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def test_points_add_up_to_ten():
    from autograder.course import checks_of

    assert sum(check.points for check in checks_of(LAB).values()) == 10


# --- sentence_to_avg -----------------------------------------------------------


def test_avg_dividing_by_every_word_loses_points():
    def sentence_to_avg(sentence, word_to_vec_map):
        words = sentence.lower().split()
        total = np.zeros(next(iter(word_to_vec_map.values())).shape)
        for w in words:
            if w in word_to_vec_map:
                total += word_to_vec_map[w]
        return total / len(words)  # unknown words counted too

    result = run("sentence_to_avg", student(sentence_to_avg=sentence_to_avg))
    assert 0 < result.points < result.max_points  # the cases where every word is known still agree
    assert "sentence_to_avg(): " in result.messages() and "values differ" in result.messages()


def test_avg_without_lower_case_loses_points():
    def sentence_to_avg(sentence, word_to_vec_map):
        found = [word_to_vec_map[w] for w in sentence.split() if w in word_to_vec_map]
        return np.mean(found, axis=0) if found else np.zeros(next(iter(word_to_vec_map.values())).shape)

    result = run("sentence_to_avg", student(sentence_to_avg=sentence_to_avg))
    assert not result.cases[0].passed  # "I Love YOU"
    assert "values differ" in result.messages()


def test_avg_nan_when_no_word_is_known():
    def sentence_to_avg(sentence, word_to_vec_map):
        avg = np.zeros(next(iter(word_to_vec_map.values())).shape)
        count = 0
        for w in sentence.lower().split():
            if w in word_to_vec_map:
                avg += word_to_vec_map[w]
                count += 1
        with np.errstate(all="ignore"):
            return avg / count  # 0 / 0 when no word is known

    result = run("sentence_to_avg", student(sentence_to_avg=sentence_to_avg))
    assert [c.passed for c in result.cases] == [True, True, False, True, True]
    assert "sentence_to_avg(): NaN mismatch at index (0,)" in result.messages()


# --- model ----------------------------------------------------------------------


def _v1_model(*, scale=True, bias_column=False, evaluate_at_end=False):
    """A V1 training loop written by a student, with one chosen mistake."""

    def model(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
        m = Y.shape[0]
        n_y = len(np.unique(Y))
        n_h = next(iter(word_to_vec_map.values())).shape[0]
        W = np.random.randn(n_y, n_h) / (np.sqrt(n_h) if scale else 1.0)
        b = np.zeros((n_y, 1)) if bias_column else np.zeros((n_y,))
        Y_oh = ref.convert_to_one_hot(Y, C=n_y)
        pred = None
        for t in range(num_iterations):
            for i in range(m):
                avg = ref.sentence_to_avg(X[i], word_to_vec_map)
                if bias_column:
                    a = ref.softmax(W @ avg.reshape(-1, 1) + b)
                    dz = a - Y_oh[i].reshape(-1, 1)
                    W = W - learning_rate * dz @ avg.reshape(1, -1)
                    b = b - learning_rate * dz
                else:
                    a = ref.softmax(W @ avg + b)
                    dz = a - Y_oh[i]
                    W = W - learning_rate * np.outer(dz, avg)
                    b = b - learning_rate * dz
            if t % 10 == 0 and not evaluate_at_end:
                pred = ref.predict(X, Y, W, b.reshape(-1), word_to_vec_map)
        if evaluate_at_end:
            pred = ref.predict(X, Y, W, b.reshape(-1), word_to_vec_map)
        return pred, W, b

    return model


def test_model_student_version_with_outer_product_earns_full_points():
    result = run("model", student(model=_v1_model()))
    assert result.points == result.max_points, result.report()


def test_model_without_weight_scaling_loses_points():
    result = run("model", student(model=_v1_model(scale=False)))
    assert result.points == 0
    assert "values differ" in result.messages()


def test_model_bias_as_a_column_loses_points():
    result = run("model", student(model=_v1_model(bias_column=True)))
    assert result.points < result.max_points
    assert "shape (3,) expected, got (3, 1)" in result.messages()


def test_model_predicting_after_the_last_pass_loses_the_uneven_cases():
    result = run("model", student(model=_v1_model(evaluate_at_end=True)))
    # with 11 passes the last pass (t = 10) is also the last evaluation; with 12 the predictions
    # no longer change between t = 10 and t = 11
    assert [c.passed for c in result.cases] == [False, True, False, True]
    assert "[0]: " in result.messages() and "values differ" in result.messages()


def test_model_sentences_arrive_as_numpy_arrays():
    seen = []

    def model(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
        seen.append((type(X), X.dtype.kind, X.shape))
        return ref.model(X, Y, word_to_vec_map, learning_rate, num_iterations)

    with contextlib.redirect_stdout(io.StringIO()):
        result = run("model", student(model=model))
    assert result.points == result.max_points
    assert all(kind == (np.ndarray, "U", shape) for kind, shape in zip(seen, [(12,), (16,), (9,), (30,)], strict=True))


# --- sentences_to_indices ----------------------------------------------------------


def test_indices_counting_unknown_words_loses_points():
    def sentences_to_indices(X, word_to_index, max_len):
        X_indices = np.zeros((X.shape[0], max_len))
        for i, sentence in enumerate(X):
            for j, w in enumerate(sentence.lower().split()[:max_len]):
                if w in word_to_index:
                    X_indices[i, j] = word_to_index[w]  # an unknown word leaves a gap
        return X_indices

    result = run("sentences_to_indices", student(sentences_to_indices=sentences_to_indices))
    assert result.points < result.max_points
    assert "values differ" in result.messages()


def test_indices_as_integers_lose_points():
    def sentences_to_indices(X, word_to_index, max_len):
        return ref.sentences_to_indices(X, word_to_index, max_len).astype(np.int64)

    result = run("sentences_to_indices", student(sentences_to_indices=sentences_to_indices))
    assert result.points == 0
    assert "dtype float (float64) expected, got int64" in result.messages()


def test_indices_without_lower_case_loses_points():
    def sentences_to_indices(X, word_to_index, max_len):
        X_indices = np.zeros((X.shape[0], max_len))
        for i, sentence in enumerate(X):
            known = [word_to_index[w] for w in sentence.split() if w in word_to_index]
            X_indices[i, : len(known)] = known
        return X_indices

    result = run("sentences_to_indices", student(sentences_to_indices=sentences_to_indices))
    assert 0 < result.points < result.max_points
    assert "values differ" in result.messages()


def test_indices_crash_is_reported():
    def sentences_to_indices(X, word_to_index, max_len):
        return np.array([[word_to_index[w] for w in s.lower().split()] for s in X])  # KeyError on unknown words

    result = run("sentences_to_indices", student(sentences_to_indices=sentences_to_indices))
    assert result.points == 0
    assert "raised KeyError" in result.messages()


# --- pretrained_embedding_layer -------------------------------------------------------


def _embedding(*, trainable=False, extra_row=True, shift=0):
    def pretrained_embedding_layer(word_to_vec_map, word_to_index):
        vocab_size = len(word_to_index) + (1 if extra_row else 0)
        dim = next(iter(word_to_vec_map.values())).shape[0]
        matrix = np.zeros((vocab_size, dim))
        for word, index in word_to_index.items():
            matrix[(index + shift) % vocab_size] = word_to_vec_map[word]
        layer = Embedding(vocab_size, dim, trainable=trainable)
        layer.build((None,))
        layer.set_weights([matrix])
        return layer

    return pretrained_embedding_layer


def test_embedding_student_version_earns_full_points():
    result = run("pretrained_embedding_layer", student(pretrained_embedding_layer=_embedding()))
    assert result.points == result.max_points, result.report()


def test_embedding_left_trainable_loses_points():
    result = run("pretrained_embedding_layer", student(pretrained_embedding_layer=_embedding(trainable=True)))
    assert result.points == 0
    assert "pretrained_embedding_layer()['trainable']: True expected, got False" not in result.messages()
    assert "pretrained_embedding_layer()['trainable']: False expected, got True" in result.messages()


def test_embedding_without_padding_row_loses_points():
    result = run("pretrained_embedding_layer", student(pretrained_embedding_layer=_embedding(extra_row=False)))
    assert result.points == 0
    text = result.messages()
    assert "['input_dim']: 5 expected, got 4" in text
    assert "['weights'][0]: shape (5, 3) expected, got (4, 3)" in text


def test_embedding_rows_off_by_one_lose_points():
    result = run("pretrained_embedding_layer", student(pretrained_embedding_layer=_embedding(shift=-1)))
    assert result.points == 0
    assert "['weights'][0]" in result.messages() and "values differ" in result.messages()


def test_embedding_returning_the_matrix_is_a_type_error():
    def pretrained_embedding_layer(word_to_vec_map, word_to_index):
        return ref.pretrained_embedding_layer(word_to_vec_map, word_to_index).get_weights()[0]

    result = run("pretrained_embedding_layer", student(pretrained_embedding_layer=pretrained_embedding_layer))
    assert result.points == 0
    assert "type dict expected, got ndarray" in result.messages()


# --- Emojify_V2 ---------------------------------------------------------------------


def _v2(*, first_sequences=True, rate=0.5, softmax_in_dense=False, trainable_embedding=False, units=128):
    def Emojify_V2(input_shape, word_to_vec_map, word_to_index):
        indices = Input(shape=input_shape, dtype="int32")
        layer = ref.pretrained_embedding_layer(word_to_vec_map, word_to_index)
        layer.trainable = trainable_embedding
        X = layer(indices)
        X = LSTM(units, return_sequences=first_sequences)(X)
        X = Dropout(rate)(X)
        X = LSTM(128)(X) if first_sequences else Dense(128)(X)
        X = Dropout(0.5)(X)
        if softmax_in_dense:
            X = Dense(5, activation="softmax")(X)
        else:
            X = Activation("softmax")(Dense(5)(X))
        return keras.Model(inputs=indices, outputs=X)

    return Emojify_V2


def test_v2_student_version_earns_full_points():
    result = run("Emojify_V2", student(Emojify_V2=_v2()))
    assert result.points == result.max_points, result.report()


def test_v2_wrong_dropout_rate_loses_points():
    result = run("Emojify_V2", student(Emojify_V2=_v2(rate=0.2)))
    assert result.points == 0
    assert "Emojify_V2()['structure'] layer 3 (Dropout): rate 0.5 expected, got 0.2" in result.messages()


def test_v2_softmax_inside_dense_loses_points():
    result = run("Emojify_V2", student(Emojify_V2=_v2(softmax_in_dense=True)))
    assert result.points == 0
    assert "8 layers expected, got 7" in result.messages()


def test_v2_trainable_embedding_loses_points():
    result = run("Emojify_V2", student(Emojify_V2=_v2(trainable_embedding=True)))
    assert result.points == 0
    text = result.messages()
    assert "['non-trainable parameters']: 21 expected, got 0" in text
    assert "['outputs']" in text and "values differ" in text


def test_v2_first_lstm_without_sequences_loses_points():
    result = run("Emojify_V2", student(Emojify_V2=_v2(first_sequences=False)))
    assert result.points == 0
    assert "class LSTM expected, got Dense" in result.messages()


def test_v2_smaller_lstm_loses_points():
    result = run("Emojify_V2", student(Emojify_V2=_v2(units=64)))
    assert result.points == 0
    assert "parameters expected" in result.messages() and "output shape" in result.messages()


# --- the data and the lesson -------------------------------------------------------------


def test_emoji_sentences_are_deterministic_and_in_the_table():
    train, test = emoji.make_splits()
    assert (train, test) == emoji.make_splits()
    assert len(train) == emoji.N_TRAIN == 132 and len(test) == emoji.N_TEST == 56
    assert {label for _, label in train} == {label for _, label in test} == set(range(5))
    known = set(vocabulary())
    words = {w for sentence, _ in train + test for w in sentence.split()}
    assert words <= known, sorted(words - known)
    assert max(len(s.split()) for s, _ in train) == 10
    assert not {s for s, _ in train} & {s for s, _ in test}
    assert sum(emoji.is_negated_happiness(s) for s, _ in train) == emoji.NEGATED_TRAIN
    assert sum(emoji.is_negated_happiness(s) for s, _ in test) == emoji.NEGATED_TEST
    # "not" also occurs where it does not flip the label
    assert {label for s, label in train if "not" in s.split()} >= {0, 1, 2, 3, 4}


def test_csv_files_round_trip(tmp_path):
    emo_utils = lab.helper("emo_utils")
    X, Y = emo_utils.read_csv(tmp_path / "data" / "train_emoji.csv")
    train, _ = emoji.make_splits()
    assert X.shape == Y.shape == (132,) and X.dtype.kind == "U" and Y.dtype.kind == "i"
    assert list(zip(X.tolist(), Y.tolist(), strict=True)) == train
    with pytest.raises(FileNotFoundError):
        emo_utils.read_csv(tmp_path / "other.csv")


@pytest.mark.slow  # about 20 s: 50 epochs of the two-layer LSTM
def test_lesson_word_order(tmp_path):
    """V1 is good on plain sentences but misses negated happiness; V2 gets those right and wins overall."""
    import tensorflow as tf

    emo_utils = lab.helper("emo_utils")
    X_train, Y_train = emo_utils.read_csv(tmp_path / "train_emoji.csv")
    X_test, Y_test = emo_utils.read_csv(tmp_path / "test_emoji.csv")
    word_to_index, _, word_to_vec_map = emo_utils.read_glove_vecs(tmp_path / "glove.6B.50d.txt")
    max_len = max(len(s.split()) for s in X_train)
    negated = np.array([emoji.is_negated_happiness(s) for s in X_test])

    np.random.seed(1)
    with contextlib.redirect_stdout(io.StringIO()):
        _, W, b = ref.model(X_train, Y_train, word_to_vec_map)
        v1 = emo_utils.predict(X_test, Y_test, W, b, word_to_vec_map).ravel()
        v1_train = emo_utils.predict(X_train, Y_train, W, b, word_to_vec_map).ravel()
    assert np.mean(v1_train == Y_train) > 0.85
    assert np.mean(v1[~negated] == Y_test[~negated]) > 0.9  # 0.98 measured
    assert np.mean(v1[negated] == Y_test[negated]) <= 0.5  # 2 of 6 measured

    tf.config.experimental.enable_op_determinism()
    keras.utils.set_random_seed(1)
    model = ref.Emojify_V2((max_len,), word_to_vec_map, word_to_index)
    model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    X_indices = ref.sentences_to_indices(X_train, word_to_index, max_len)
    model.fit(X_indices, emo_utils.convert_to_one_hot(Y_train, 5), epochs=50, batch_size=32, shuffle=True, verbose=0)
    probabilities = model.predict(ref.sentences_to_indices(X_test, word_to_index, max_len), verbose=0)
    v2 = np.argmax(probabilities, axis=-1)
    assert np.mean(v2[negated] == Y_test[negated]) >= 0.8  # 6 of 6 measured
    assert np.mean(v2 == Y_test) > np.mean(v1 == Y_test)  # 0.96 against 0.91 measured
