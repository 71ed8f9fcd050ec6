"""c4w2a2_transfer_learning_mobilenet: the reference earns full marks, plausible mistakes lose
points with a message naming what differs, and the notebook's lessons hold on D-ALPACA:
a frozen base (called with training=False) does not change while the head learns, fine-tuning
changes only the layers from 120 on and never the batch-normalisation statistics, and the
frozen (randomly initialised, calibrated) features carry information about the class."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402

from autograder.labtesting import LabUnderTest  # noqa: E402

LAB = "c4w2a2_transfer_learning_mobilenet"

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student


@pytest.fixture(scope="module")
def ref():
    return lab.reference


@pytest.fixture(scope="module")
def tl_utils(ref):
    return lab.helper("tl_utils")


def test_points_add_up_to_ten():
    from autograder.course import checks_of

    assert sum(check.points for check in checks_of(LAB).values()) == 10


# --- data_augmenter ---------------------------------------------------------------


def test_data_augmenter_reference_full_marks():
    result = run("data_augmenter")
    assert result.points == result.max_points == 2, result.report()


def test_data_augmenter_written_with_a_list_earns_full_marks():
    def as_list():
        return tf.keras.Sequential([tf.keras.layers.RandomFlip("horizontal"), tf.keras.layers.RandomRotation(0.2)])

    result = run("data_augmenter", student(data_augmenter=as_list))
    assert result.points == result.max_points, result.report()


def test_data_augmenter_vertical_flip_loses_points():
    def vertical():
        return tf.keras.Sequential([tf.keras.layers.RandomFlip("vertical"), tf.keras.layers.RandomRotation(0.2)])

    result = run("data_augmenter", student(data_augmenter=vertical))
    assert result.points == 0
    assert "data_augmenter()['settings'][0]['mode']: 'horizontal' expected, got 'vertical'" in result.messages()


def test_data_augmenter_smaller_rotation_loses_points():
    def small_rotation():
        return tf.keras.Sequential([tf.keras.layers.RandomFlip("horizontal"), tf.keras.layers.RandomRotation(0.1)])

    result = run("data_augmenter", student(data_augmenter=small_rotation))
    assert result.points == 0
    assert "data_augmenter()['settings'][1]['factor'][0]: -0.2 expected, got -0.1" in result.messages()


def test_data_augmenter_with_the_layers_swapped_loses_points():
    def swapped():
        return tf.keras.Sequential([tf.keras.layers.RandomRotation(0.2), tf.keras.layers.RandomFlip("horizontal")])

    result = run("data_augmenter", student(data_augmenter=swapped))
    assert result.points == 0
    assert "data_augmenter()['layers'][0]: 'RandomFlip' expected, got 'RandomRotation'" in result.messages()


# --- alpaca_model ---------------------------------------------------------------------


def _alpaca(ref, *, preprocess=True, freeze=True, training=False):
    """A student's alpaca_model with one chosen mistake."""
    tfl = tf.keras.layers

    def alpaca_model(image_shape=ref.IMG_SIZE, data_augmentation=ref.data_augmenter()):  # noqa: B008
        input_shape = image_shape + (3,)
        base_model = tf.keras.applications.MobileNetV2(input_shape=input_shape, include_top=False, weights=None)
        base_model.trainable = not freeze
        inputs = tf.keras.Input(shape=input_shape)
        x = data_augmentation(inputs)
        if preprocess:
            x = ref.preprocess_input(x)
        x = base_model(x, training=False) if training is False else base_model(x)
        x = tfl.GlobalAveragePooling2D()(x)
        x = tfl.Dropout(0.2)(x)
        return tf.keras.Model(inputs, tfl.Dense(1)(x))

    return alpaca_model


def test_alpaca_model_reference_full_marks():
    result = run("alpaca_model")
    assert result.points == result.max_points == 5, result.report()
    assert len(result.cases) >= 3


def test_alpaca_model_with_the_usual_mistakes_loses_points(ref):
    """No preprocess_input, a base left trainable, and no training flag (one student, three
    mistakes, to keep the test short): each one is named."""
    result = run("alpaca_model", student(alpaca_model=_alpaca(ref, preprocess=False, freeze=False, training=None)))
    assert result.points == 0
    text = result.messages()
    assert "alpaca_model()['outputs']" in text and "values differ" in text
    assert "alpaca_model()['structure']" not in text  # the layers are right; the computation is not
    assert "alpaca_model()['trainable parameters']: 1281 expected, got 2.22515e+06" in text
    assert "alpaca_model()['MobileNetV2 base called with']: 'training=False' expected, got 'training not given'" in text


# --- fine_tune (graded cell) ------------------------------------------------------------


@pytest.fixture(scope="module")
def model2(ref, tl_utils):
    tf.keras.utils.set_random_seed(0)
    return ref.alpaca_model(ref.IMG_SIZE, tl_utils.check_augmenter())


def _fine_tuned(ref, model2, cell):
    """Run a (student's) fine-tuning cell on the shared model2, its base frozen again first."""
    model2.get_layer("mobilenetv2_1.00_96").trainable = False
    namespace = {"tf": tf, "base_learning_rate": ref.base_learning_rate, "model2": model2}
    exec(cell, namespace)
    return namespace


def test_fine_tune_reference_full_marks(ref, model2):
    result = run("fine_tune", _fine_tuned(ref, model2, ref.CELL_fine_tune))
    assert result.points == result.max_points == 3, result.report()


def test_fine_tune_with_the_full_learning_rate_loses_points(ref, model2):
    cell = ref.CELL_fine_tune.replace("learning_rate=0.1 * base_learning_rate", "learning_rate=base_learning_rate")
    result = run("fine_tune", _fine_tuned(ref, model2, cell))
    assert 0 < result.points < result.max_points
    assert "learning rate of optimizer: 0.0001 expected, got 0.001" in result.messages()


def test_fine_tune_from_layer_100_loses_points(ref, model2):
    cell = ref.CELL_fine_tune.replace("fine_tune_at = 120", "fine_tune_at = 100")
    result = run("fine_tune", _fine_tuned(ref, model2, cell))
    assert 0 < result.points < result.max_points
    text = result.messages()
    assert "fine_tune_at: 120 expected, got 100" in text
    assert "trainable flags of the base model's layers: 20 of 154 values differ; first at index (100,)" in text


def test_fine_tune_with_probabilities_and_the_model_index_loses_points(ref, model2):
    cell = ref.CELL_fine_tune.replace("model2.get_layer('mobilenetv2_1.00_96')", "model2.layers[1]").replace(
        "BinaryCrossentropy(from_logits=True)", "BinaryCrossentropy()"
    )
    result = run("fine_tune", _fine_tuned(ref, model2, cell))
    assert 0 < result.points < result.max_points
    text = result.messages()
    assert "base_model is the MobileNetV2 inside model2: True expected, got False" in text
    assert "loss_function: 'BinaryCrossentropy(from_logits=True)' expected, got 'BinaryCrossentropy(from_logits=False)'" in text


def test_fine_tune_cell_not_run_scores_zero(ref):
    result = run("fine_tune", {"model2": None})
    assert result.points == 0
    assert "`model2` is not a Keras model" in result.messages()


# --- the lessons of the notebook ------------------------------------------------------------


def _train_steps(model, images, labels, optimizer, steps=2):
    """What `fit` does for a few batches: forward in training mode, gradients of the trainable weights, update."""
    loss_fn = tf.keras.losses.BinaryCrossentropy(from_logits=True)
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = loss_fn(labels, model(images, training=True))
        grads = tape.gradient(loss, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights, strict=True))


def _snapshot(layers):
    return {w.path: np.array(w.numpy()) for layer in layers for w in layer.weights}


def test_lesson_frozen_base_and_fine_tuning(ref, tl_utils):
    """Training the head leaves the whole base untouched.  After the fine-tuning cell, training
    changes the layers from 120 on only; in Keras 3 their batch-normalisation statistics change
    too (fit's training=True overrides the training=False of alpaca_model) until those layers
    are frozen again, as the notebook does."""
    tf.keras.utils.set_random_seed(1)
    model = ref.alpaca_model((64, 64), tl_utils.check_augmenter())
    base = model.get_layer("mobilenetv2_1.00_64")
    rng = np.random.default_rng(0)
    images = rng.uniform(0, 255, (8, 64, 64, 3)).astype(np.float32)
    labels = (rng.random((8, 1)) < 0.5).astype(np.float32)

    before = _snapshot(base.layers)
    head_before = model.layers[-1].get_weights()[0].copy()
    _train_steps(model, images, labels, tf.keras.optimizers.Adam(learning_rate=ref.base_learning_rate))
    after = _snapshot(base.layers)
    assert all(np.array_equal(before[k], after[k]) for k in before)
    assert not np.array_equal(head_before, model.layers[-1].get_weights()[0])

    namespace = {"tf": tf, "base_learning_rate": ref.base_learning_rate, "model2": model}
    exec(ref.CELL_fine_tune.replace("mobilenetv2_1.00_96", "mobilenetv2_1.00_64"), namespace)
    _train_steps(model, images, labels, namespace["optimizer"])
    tuned = _snapshot(base.layers)
    top = {w.path for layer in base.layers[120:] for w in layer.weights}
    statistics = {k for k in before if k.endswith(("moving_mean", "moving_variance"))}
    changed = {k for k in before if not np.array_equal(before[k], tuned[k])}
    assert changed <= top
    assert any(k.endswith("kernel") for k in changed)
    assert changed & statistics  # Keras 3: the unfrozen batch normalisation layers followed the batches
    # the weight changes are small: a learning rate ten times lower than the head's
    assert max(np.abs(tuned[k] - before[k]).max() for k in changed - statistics) < 5e-3

    for layer in base.layers[120:]:  # the notebook's remedy
        if isinstance(layer, tf.keras.layers.BatchNormalization):
            layer.trainable = False
    _train_steps(model, images, labels, tf.keras.optimizers.Adam(learning_rate=0.1 * ref.base_learning_rate))
    again = _snapshot(base.layers)
    changed = {k for k in before if not np.array_equal(tuned[k], again[k])}
    assert changed and changed <= top - statistics


@pytest.mark.slow  # about 10 s: writes D-ALPACA and runs the base on its 327 pictures
def test_lesson_frozen_features_carry_the_class(ref, tl_utils, tmp_path):
    """The calibrated random base maps the pictures to features in which a linear classifier
    beats always answering the majority class on the validation pictures; without the
    calibration the signal fades away."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    directory = tl_utils.load_alpaca(tmp_path / "data")
    options = dict(shuffle=True, batch_size=32, image_size=ref.IMG_SIZE, validation_split=0.2, seed=42)
    train = tf.keras.utils.image_dataset_from_directory(directory, subset="training", **options)
    validation = tf.keras.utils.image_dataset_from_directory(directory, subset="validation", **options)
    assert train.class_names == ["alpaca", "not alpaca"]

    tf.keras.utils.set_random_seed(0)
    model = ref.alpaca_model(ref.IMG_SIZE, ref.data_augmenter())
    base = model.get_layer("mobilenetv2_1.00_96")
    X_raw, _ = tl_utils.extract_features(base, validation.take(1), ref.preprocess_input)
    calibration = np.concatenate([batch.numpy() for batch, _ in train.take(2)])
    tl_utils.calibrate_batch_norm(base, ref.preprocess_input(tf.constant(calibration)))
    X_train, y_train = tl_utils.extract_features(base, train, ref.preprocess_input)
    X_val, y_val = tl_utils.extract_features(base, validation, ref.preprocess_input)
    assert X_raw.std(axis=0).mean() < 1e-6 < 1e-2 < X_val.std(axis=0).mean()  # measured: 3e-13 and 0.26

    probe = make_pipeline(StandardScaler(), LogisticRegression(C=0.001, max_iter=2000)).fit(X_train, y_train)
    majority = max(y_val.mean(), 1 - y_val.mean())  # 0.58
    assert majority < 0.6
    assert probe.score(X_val, y_val) >= majority + 0.05  # measured: 0.69


def test_alpaca_pictures_are_deterministic(tmp_path):
    from autograder.data import alpaca

    rng_a, rng_b = np.random.default_rng(3), np.random.default_rng(3)
    assert np.array_equal(alpaca.draw_alpaca_scene(rng_a), alpaca.draw_alpaca_scene(rng_b))
    assert np.array_equal(alpaca.draw_other_scene(rng_a), alpaca.draw_other_scene(rng_b))
    picture = alpaca.draw_alpaca_scene(np.random.default_rng(4))
    assert picture.shape == (160, 160, 3) and picture.dtype == np.uint8
