"""c4w1a2_convolution_application: the reference earns full marks (in process and through the
runner's data boundary), plausible mistakes lose points with a message naming what differs, and
the notebook's lesson holds on the stand-in data (D-HAPPY, D-SIGNS): both networks, trained
briefly as in the notebook, do far better than chance on the test pictures."""

import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from keras.layers import (  # noqa: E402
    Activation,
    BatchNormalization,
    Conv2D,
    Dense,
    Flatten,
    Input,
    MaxPooling2D,
    ReLU,
    ZeroPadding2D,
)

from autograder import runner  # noqa: E402
from autograder.course import checks_of  # noqa: E402
from autograder.labtesting import LabUnderTest  # noqa: E402
from autograder.trusted import judge_results, plan_job  # noqa: E402

LAB = "c4w1a2_convolution_application"
GRADED = ["happyModel", "convolutional_model"]

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def through_the_runner(name, namespace):
    """Grade check `name` the way the engine does: inputs and results cross as JSON data,
    the case's probe setting and the probe itself run on the runner's side."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(f"hidden_check({name!r}, globals())")
    cell.metadata = {"nbgrader": {"grade": True, "grade_id": f"test-{name}", "solution": False, "points": 1}}
    nb.cells.append(cell)
    job, planned, where = plan_job(nb, {name: checks_of(LAB)[name]})
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


# --- happyModel -------------------------------------------------------------------


def happy(relu=ReLU, bn_axis=3, padding=True, head="sigmoid", pool=MaxPooling2D):
    """A happyModel variant: the reference's layers with one thing changed."""

    def happyModel():
        layers = [keras.Input(shape=(64, 64, 3))]
        if padding:
            layers.append(ZeroPadding2D(padding=(3, 3)))
        layers += [Conv2D(32, (7, 7), strides=(1, 1)), BatchNormalization(axis=bn_axis), relu(), pool(), Flatten(),
                   Dense(1, activation=head)]
        return keras.Sequential(layers)

    return happyModel


def test_happy_model_written_with_axis_minus_one_passes():
    result = run("happyModel", student(happyModel=happy(bn_axis=-1)))
    assert result.points == result.max_points, result.report()


def test_happy_model_with_activation_layer_instead_of_relu():
    result = run("happyModel", student(happyModel=happy(relu=lambda: Activation("relu"))))
    assert result.points == 0
    assert "class ReLU expected, got Activation" in result.messages()


def test_happy_model_without_zero_padding():
    result = run("happyModel", student(happyModel=happy(padding=False)))
    assert result.points == 0
    text = result.messages()
    assert "7 layers expected, got 6" in text
    assert "class ZeroPadding2D expected, got Conv2D" in text


def test_happy_model_normalising_the_wrong_axis():
    result = run("happyModel", student(happyModel=happy(bn_axis=1)))
    assert result.points == 0
    text = result.messages()
    assert "axis 3 expected, got 1" in text
    assert "128 parameters expected, got 256" in text  # 64 rows instead of 32 channels


def test_happy_model_with_a_relu_head():
    result = run("happyModel", student(happyModel=happy(head="relu")))
    assert result.points == 0
    text = result.messages()
    assert "activation 'sigmoid' expected, got 'relu'" in text
    assert "happyModel()['outputs']" in text and "values differ" in text


def test_happy_model_built_with_the_functional_api():
    def happyModel():
        inputs = Input((64, 64, 3))
        x = ZeroPadding2D((3, 3))(inputs)
        x = ReLU()(BatchNormalization(axis=3)(Conv2D(32, (7, 7))(x)))
        outputs = Dense(1, activation="sigmoid")(Flatten()(MaxPooling2D()(x)))
        return keras.Model(inputs, outputs)

    result = run("happyModel", student(happyModel=happyModel))
    assert result.points == 0
    text = result.messages()
    assert "happyModel()['kind']: 'Sequential' expected, got 'Model'" in text
    assert "8 layers expected, got 7" not in text and "7 layers expected, got 8" in text  # the InputLayer


# --- convolutional_model ------------------------------------------------------------


def conv_net(pool_padding="same", first=(8, 4), second=(16, 2), head="softmax", fixed_shape=None):
    """A convolutional_model variant: the reference's graph with one thing changed."""

    def convolutional_model(input_shape):
        input_img = Input(shape=fixed_shape or input_shape)
        x = ReLU()(Conv2D(first[0], first[1], strides=1, padding="same")(input_img))
        x = MaxPooling2D(pool_size=8, strides=8, padding=pool_padding)(x)
        x = ReLU()(Conv2D(second[0], second[1], strides=1, padding="same")(x))
        x = MaxPooling2D(pool_size=4, strides=4, padding=pool_padding)(x)
        outputs = Dense(6, activation=head)(Flatten()(x))
        return keras.Model(inputs=input_img, outputs=outputs)

    return convolutional_model


def test_convolutional_model_written_like_the_reference_passes():
    result = run("convolutional_model", student(convolutional_model=conv_net()))
    assert result.points == result.max_points, result.report()


def test_convolutional_model_pooling_without_padding():
    result = run("convolutional_model", student(convolutional_model=conv_net(pool_padding="valid")))
    assert result.points == 0
    text = result.messages()
    assert "padding 'same' expected, got 'valid'" in text


def test_convolutional_model_with_the_kernel_sizes_swapped():
    result = run("convolutional_model", student(convolutional_model=conv_net(first=(8, 2), second=(16, 4))))
    assert result.points == 0
    text = result.messages()
    assert "392 parameters expected, got 104" in text  # (4*4*3 + 1) * 8 against (2*2*3 + 1) * 8
    assert "kernel_size (4, 4) expected, got (2, 2)" in text


def test_convolutional_model_without_softmax():
    result = run("convolutional_model", student(convolutional_model=conv_net(head=None)))
    assert result.points == 0
    assert "activation 'softmax' expected, got 'linear'" in result.messages()


def test_convolutional_model_ignoring_its_input_shape():
    result = run("convolutional_model", student(convolutional_model=conv_net(fixed_shape=(64, 64, 3))))
    # only the case that asks for (64, 64, 3) agrees
    assert [case.passed for case in result.cases] == [True, False, False, False]
    assert "output shape (None, 32, 32, 3) expected, got (None, 64, 64, 3)" in result.messages()


# --- data and lesson ---------------------------------------------------------------------


def test_happy_faces_are_deterministic_balanced_and_keep_the_layout(tmp_path):
    import h5py

    from autograder.data import happy as faces

    first = lab.helper("cnn_utils").load_happy_dataset(tmp_path / "a")
    for name in ("train_happy.h5", "test_happy.h5"):
        assert (tmp_path / "a" / name).read_bytes() == faces.write_files(tmp_path / "b").joinpath(name).read_bytes()
    x_train, y_train, x_test, y_test, classes = first
    assert x_train.shape == (600, 64, 64, 3) and x_train.dtype == np.uint8
    assert x_test.shape == (150, 64, 64, 3) and y_train.shape == (1, 600) and y_test.shape == (1, 150)
    assert classes.tolist() == [0, 1]
    assert y_train.mean() == 0.5 and y_test.mean() == 0.5
    with h5py.File(tmp_path / "a" / "train_happy.h5") as f:
        assert sorted(f) == ["list_classes", "train_set_x", "train_set_y"]
    assert os.path.getsize(tmp_path / "a" / "train_happy.h5") < 8_000_000


def test_convert_to_one_hot_gives_columns():
    one_hot = lab.helper("cnn_utils").convert_to_one_hot(np.array([[1, 0, 5]]), 6)
    assert one_hot.shape == (6, 3)
    assert one_hot[:, 2].tolist() == [0, 0, 0, 0, 0, 1] and one_hot.sum() == 3


@pytest.mark.slow  # about 10 s of CPU: a few short epochs of both networks
def test_lesson_both_networks_learn_their_task(tmp_path):
    ref, utils = lab.reference, lab.helper("cnn_utils")

    x, y, xt, yt, _ = utils.load_happy_dataset(tmp_path)
    keras.utils.set_random_seed(1)
    model = ref.happyModel()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x / 255.0, y.T, epochs=5, batch_size=16, verbose=0)
    _, happy_accuracy = model.evaluate(xt / 255.0, yt.T, verbose=0)

    x, y, xt, yt, _ = utils.load_signs_dataset(tmp_path)
    keras.utils.set_random_seed(1)
    model = ref.convolutional_model((64, 64, 3))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.003), loss="categorical_crossentropy", metrics=["accuracy"])
    model.fit(x / 255.0, utils.convert_to_one_hot(y, 6).T, epochs=12, batch_size=64, verbose=0)
    _, signs_accuracy = model.evaluate(xt / 255.0, utils.convert_to_one_hot(yt, 6).T, verbose=0)

    assert happy_accuracy > 0.85, happy_accuracy  # chance: 0.5; about 0.96 with these seeds
    assert signs_accuracy > 0.6, signs_accuracy  # chance: 1/6; about 0.72 after these 12 epochs
