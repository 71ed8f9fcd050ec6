"""c4w3a2_unet_segmentation: the reference earns full marks (in process and through the
runner's data boundary), plausible mistakes lose points with a message naming what differs,
and the notebook's lesson (a small U-Net trained briefly segments unseen D-STREET scenes far
better than the majority class) holds."""

import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from keras.layers import (  # noqa: E402
    Conv2D,
    Conv2DTranspose,
    Dropout,
    Input,
    MaxPooling2D,
    UpSampling2D,
    concatenate,
)

from autograder import runner  # noqa: E402
from autograder.course import checks_of  # noqa: E402
from autograder.labtesting import LabUnderTest  # noqa: E402
from autograder.trusted import judge_results, plan_job  # noqa: E402

LAB = "c4w3a2_unet_segmentation"
GRADED = ["conv_block", "upsampling_block", "unet_model"]

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student


def conv(n_filters, **overrides):
    options = {"activation": "relu", "padding": "same", "kernel_initializer": "he_normal"} | overrides
    return Conv2D(n_filters, 3, **options)


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def through_the_runner(name, namespace):
    """Grade check `name` the way the engine does: inputs and results cross as JSON data,
    Keras inputs are built by the runner from their `Live` names, hooks run on its side."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(f"hidden_check({name!r}, globals())")
    cell.metadata = {"nbgrader": {"grade": True, "grade_id": f"test-{name}", "solution": False, "points": 1}}
    nb.cells.append(cell)
    checks = checks_of(LAB)
    job, planned, where = plan_job(nb, {name: checks[name]})
    job = json.loads(json.dumps(job))  # what the sandbox reads
    (check_cell,) = job["cells"]
    events = []
    for number, case in enumerate(check_cell["cases"]):
        event = runner.call_case(namespace, check_cell["function"], case)
        events.append(json.loads(json.dumps({"cell": 0, "check": name, "case": number} | event)))
    results, _ = judge_results(planned, events, where, vars(lab.reference), None)
    return results[name]


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points_through_the_runner(name):
    result = through_the_runner(name, lab.student())
    assert result.points == result.max_points, result.report()


def test_wrong_block_loses_points_through_the_runner_too():
    def one_convolution(inputs=None, n_filters=32, dropout_prob=0, max_pooling=True):
        x = conv(n_filters)(inputs)
        return (MaxPooling2D((2, 2))(x) if max_pooling else x), x

    result = through_the_runner("conv_block", lab.student(conv_block=one_convolution))
    assert result.points == 0
    assert "layers expected" in result.messages()


# --- conv_block ----------------------------------------------------------------


def test_conv_block_with_one_convolution_loses_everything():
    def conv_block(inputs=None, n_filters=32, dropout_prob=0, max_pooling=True):
        x = conv(n_filters)(inputs)
        if dropout_prob > 0:
            x = Dropout(dropout_prob)(x)
        return (MaxPooling2D((2, 2))(x) if max_pooling else x), x

    result = run("conv_block", student(conv_block=conv_block))
    assert result.points == 0
    assert "conv_block()['structure']: 4 layers expected, got 3" in result.messages()


def test_conv_block_forgetting_dropout_loses_the_dropout_cases():
    def conv_block(inputs=None, n_filters=32, dropout_prob=0, max_pooling=True):
        x = conv(n_filters)(conv(n_filters)(inputs))
        return (MaxPooling2D((2, 2))(x) if max_pooling else x), x

    result = run("conv_block", student(conv_block=conv_block))
    assert [case.passed for case in result.cases] == [True, False, False, True]
    assert "expected ['InputLayer', 'Conv2D', 'Conv2D', 'Dropout', 'MaxPooling2D']" in result.messages()


def test_conv_block_returning_skip_and_next_swapped():
    def conv_block(inputs=None, n_filters=32, dropout_prob=0, max_pooling=True):
        x = conv(n_filters)(conv(n_filters)(inputs))
        if dropout_prob > 0:
            x = Dropout(dropout_prob)(x)
        return x, (MaxPooling2D((2, 2))(x) if max_pooling else x)

    result = run("conv_block", student(conv_block=conv_block))
    # without pooling both outputs are the same tensor, so only the pooled cases fail
    assert [case.passed for case in result.cases] == [False, False, True, True]
    assert "conv_block()['outputs'][0]: shape (3, 4, 5, 4) expected, got (3, 8, 10, 4)" in result.messages()


def test_conv_block_with_valid_padding_and_default_initialiser():
    def conv_block(inputs=None, n_filters=32, dropout_prob=0, max_pooling=True):
        x = Conv2D(n_filters, 3, activation="relu", padding="valid")(inputs)
        x = Conv2D(n_filters, 3, activation="relu", padding="valid")(x)
        if dropout_prob > 0:
            x = Dropout(dropout_prob)(x)
        return (MaxPooling2D((2, 2))(x) if max_pooling else x), x

    result = run("conv_block", student(conv_block=conv_block))
    assert result.points == 0
    text = result.messages()
    assert "padding 'same' expected, got 'valid'" in text
    assert "kernel_initializer 'HeNormal' expected, got 'GlorotUniform'" in text


def test_conv_block_returning_a_tensor_not_built_from_its_input():
    def conv_block(inputs=None, n_filters=32, dropout_prob=0, max_pooling=True):
        own = Input(tuple(inputs.shape[1:]))  # a new input: the block ignores the one it was given
        x = conv(n_filters)(conv(n_filters)(own))
        return (MaxPooling2D((2, 2))(x) if max_pooling else x), x

    result = run("conv_block", student(conv_block=conv_block))
    assert result.points == 0
    assert "a Keras model expected, got str" in result.messages()


# --- upsampling_block ------------------------------------------------------------


def test_upsampling_block_concatenating_in_the_wrong_order():
    def upsampling_block(expansive_input, contractive_input, n_filters=32):
        up = Conv2DTranspose(n_filters, 3, strides=(2, 2), padding="same")(expansive_input)
        merge = concatenate([contractive_input, up], axis=3)  # skip connection first
        return conv(n_filters)(conv(n_filters)(merge))

    result = run("upsampling_block", student(upsampling_block=upsampling_block))
    assert result.points == 0
    text = result.messages()
    assert "upsampling_block()['outputs'][0]" in text and "values differ" in text
    # the same layers, met in another order when the model is read back
    assert "class Conv2DTranspose expected, got InputLayer" in text


def test_upsampling_block_with_upsampling2d_instead_of_transposed_convolution():
    def upsampling_block(expansive_input, contractive_input, n_filters=32):
        up = UpSampling2D((2, 2))(expansive_input)
        merge = concatenate([up, contractive_input], axis=3)
        return conv(n_filters)(conv(n_filters)(merge))

    result = run("upsampling_block", student(upsampling_block=upsampling_block))
    assert result.points == 0
    assert "class Conv2DTranspose expected, got UpSampling2D" in result.messages()


def test_upsampling_block_forgetting_the_stride():
    def upsampling_block(expansive_input, contractive_input, n_filters=32):
        up = Conv2DTranspose(n_filters, 3, padding="same")(expansive_input)  # keeps h, w
        merge = concatenate([up, contractive_input], axis=3)
        return conv(n_filters)(conv(n_filters)(merge))

    result = run("upsampling_block", student(upsampling_block=upsampling_block))
    assert result.points == 0
    assert "raised ValueError" in result.messages()


def test_upsampling_block_concatenating_on_axis_minus_one_is_accepted():
    def upsampling_block(expansive_input, contractive_input, n_filters=32):
        up = Conv2DTranspose(n_filters, 3, strides=2, padding="same")(expansive_input)
        merge = keras.layers.Concatenate(axis=-1)([up, contractive_input])
        return conv(n_filters)(conv(n_filters)(merge))

    result = run("upsampling_block", student(upsampling_block=upsampling_block))
    assert result.points == result.max_points, result.report()


# --- unet_model -----------------------------------------------------------------


def make_unet(head_activation=None, decoder_scale=(8, 4, 2, 1), fixed_classes=None, dropout4=0.3):
    ref = lab.reference

    def unet_model(input_size=(96, 128, 3), n_filters=32, n_classes=23):
        inputs = Input(input_size)
        c1 = ref.conv_block(inputs, n_filters)
        c2 = ref.conv_block(c1[0], n_filters * 2)
        c3 = ref.conv_block(c2[0], n_filters * 4)
        c4 = ref.conv_block(c3[0], n_filters * 8, dropout_prob=dropout4)
        c5 = ref.conv_block(c4[0], n_filters * 16, dropout_prob=0.3, max_pooling=False)
        u = c5[0]
        for skip, scale in zip((c4[1], c3[1], c2[1], c1[1]), decoder_scale, strict=True):
            u = ref.upsampling_block(u, skip, n_filters * scale)
        u = conv(n_filters)(u)
        outputs = Conv2D(fixed_classes or n_classes, 1, padding="same", activation=head_activation)(u)
        return keras.Model(inputs=inputs, outputs=outputs)

    return unet_model


def test_unet_model_written_like_the_reference_passes():
    result = run("unet_model", student(unet_model=make_unet()))
    assert result.points == result.max_points, result.report()


def test_unet_model_with_a_softmax_head():
    result = run("unet_model", student(unet_model=make_unet(head_activation="softmax")))
    assert result.points == 0
    assert "activation 'linear' expected, got 'softmax'" in result.messages()


def test_unet_model_decoder_filters_not_halved():
    result = run("unet_model", student(unet_model=make_unet(decoder_scale=(8, 8, 8, 8))))
    assert result.points == 0
    assert "parameters expected" in result.messages()


def test_unet_model_forgetting_dropout_in_block_4():
    result = run("unet_model", student(unet_model=make_unet(dropout4=0)))
    assert result.points == 0
    assert "layers expected" in result.messages()


def test_unet_model_ignoring_n_classes():
    result = run("unet_model", student(unet_model=make_unet(fixed_classes=23)))
    # only the cases that ask for 23 classes agree
    assert [case.passed for case in result.cases] == [False, True, False, True]
    assert "(None, 32, 32, 5) expected, got (None, 32, 32, 23)" in result.messages()


# --- data and lesson ----------------------------------------------------------------


def test_street_scenes_are_deterministic_and_keep_the_layout(tmp_path):
    from PIL import Image

    from autograder.data import street

    images, masks = street.load_street_paths(tmp_path / "a")
    again, _ = street.load_street_paths(tmp_path / "b")
    assert len(images) == len(masks) == street.N_SCENES == 60
    assert [os.path.basename(p) for p in images] == [os.path.basename(p) for p in masks]
    for first, second in zip(images[:5], again[:5], strict=True):
        assert open(first, "rb").read() == open(second, "rb").read()
    ids = set()
    for path in masks:
        mask = np.array(Image.open(path))
        assert mask.shape == (street.HEIGHT, street.WIDTH, 3) and mask.dtype == np.uint8
        assert not mask[..., 1:].any()  # class id in channel 0 only
        ids |= set(np.unique(mask[..., 0]).tolist())
    assert ids <= set(street.CLASSES) and ids <= set(range(23))
    assert {1, 5, 6, 7, 8, 9, 10, 13} <= ids  # every drawn class occurs


@pytest.mark.slow  # about 30 s of CPU: twenty short epochs of a U-Net
def test_lesson_small_unet_segments_unseen_scenes(tmp_path):
    import tensorflow as tf

    ref, unet_utils = lab.reference, lab.helper("unet_utils")
    images, masks = unet_utils.load_street_paths(tmp_path)

    def process_path(image_path, mask_path):
        img = tf.image.convert_image_dtype(tf.image.decode_png(tf.io.read_file(image_path), channels=3), tf.float32)
        mask = tf.math.reduce_max(tf.image.decode_png(tf.io.read_file(mask_path), channels=3), axis=-1, keepdims=True)
        return tf.image.resize(img, (96, 128), method="nearest"), tf.image.resize(mask, (96, 128), method="nearest")

    dataset = tf.data.Dataset.from_tensor_slices((tf.constant(images), tf.constant(masks))).map(process_path)
    train, heldout = dataset.take(48), dataset.skip(48)

    keras.utils.set_random_seed(0)
    model = ref.unet_model((96, 128, 3), n_filters=8, n_classes=23)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.003),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    model.fit(train.cache().shuffle(500, seed=0).batch(4), epochs=20, verbose=0)

    truth = np.concatenate([np.asarray(m).ravel() for _, m in heldout])
    most_common = np.bincount(np.concatenate([np.asarray(m).ravel() for _, m in train])).argmax()
    baseline = np.mean(truth == most_common)
    accuracy = unet_utils.pixel_accuracy(model, heldout.batch(4))
    assert baseline < 0.3, baseline  # about 0.26 ('sidewalk')
    assert accuracy > 0.9, accuracy  # about 0.97 with these seeds
