"""c4w2a1_residual_networks: the reference earns full marks (in process and, for the blocks,
through the runner's data boundary), plausible mistakes lose points with a message naming what
differs, and the notebook's lesson holds on D-SIGNS: with the same layers and starting weights,
a deep network of identity blocks trains while the plain network of the same depth stalls."""

import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from keras.initializers import glorot_uniform, random_uniform  # noqa: E402
from keras.layers import Activation, Add, BatchNormalization, Conv2D  # noqa: E402

from autograder import runner  # noqa: E402
from autograder.course import checks_of  # noqa: E402
from autograder.labtesting import LabUnderTest  # noqa: E402
from autograder.trusted import judge_results, plan_job  # noqa: E402

LAB = "c4w2a1_residual_networks"
GRADED = ["identity_block", "convolutional_block", "ResNet50"]

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student


@pytest.fixture(scope="module", autouse=True)
def reference_answers_once():
    """Build each reference ResNet50 once for this module (the engine also computes the
    reference's answer to a case once per worker): a ResNet50 takes seconds to build."""
    check = checks_of(LAB)["ResNet50"]
    answers, original = {}, check.expected

    def expected(case, reference):
        if case.label not in answers:
            answers[case.label] = original(case, reference)
        return answers[case.label]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(check, "expected", expected)
        yield


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def through_the_runner(name, namespace):
    """Grade check `name` the way the engine does: inputs and results cross as JSON data, the
    Keras inputs and initialisers are built by the runner from their `Live` names, and the case
    preparation and the probe run on its side."""
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


@pytest.mark.parametrize("name", ["identity_block", "convolutional_block"])
def test_reference_earns_full_points_through_the_runner(name):
    result = through_the_runner(name, lab.student())
    assert result.points == result.max_points, result.report()


def test_a_wrong_block_loses_points_through_the_runner_too():
    result = through_the_runner("identity_block", lab.student(identity_block=make_identity(shortcut=False)))
    assert result.points == 0
    assert "layers expected" in result.messages()


# --- identity_block ---------------------------------------------------------------


def make_identity(shortcut=True, middle_padding="same", relu_before_add=False, seed=0, use_initializer=True, bn_axis=3):
    """An identity_block variant: the reference's layers with one thing changed."""

    def identity_block(X, f, filters, initializer=random_uniform):
        F1, F2, F3 = filters

        def conv(n, size, padding):
            options = {"kernel_initializer": initializer(seed=seed)} if use_initializer else {}
            return Conv2D(n, size, strides=(1, 1), padding=padding, **options)

        X_shortcut = X
        X = Activation("relu")(BatchNormalization(axis=bn_axis)(conv(F1, 1, "valid")(X)))
        X = Activation("relu")(BatchNormalization(axis=bn_axis)(conv(F2, f, middle_padding)(X)))
        X = BatchNormalization(axis=bn_axis)(conv(F3, 1, "valid")(X))
        if relu_before_add:
            X = Activation("relu")(X)
        if shortcut:
            X = Add()([X, X_shortcut])
        return Activation("relu")(X)

    return identity_block


def test_identity_block_written_like_the_reference_with_axis_minus_one_passes():
    result = run("identity_block", student(identity_block=make_identity(bn_axis=-1)))
    assert result.points == result.max_points, result.report()


def test_identity_block_without_the_shortcut():
    result = run("identity_block", student(identity_block=make_identity(shortcut=False)))
    assert result.points == 0
    text = result.messages()
    assert "11 layers expected, got 10" in text
    assert "class Add expected, got Activation" in text


def test_identity_block_with_a_relu_before_the_addition():
    result = run("identity_block", student(identity_block=make_identity(relu_before_add=True)))
    assert result.points == 0
    assert "class Add expected, got Activation" in result.messages()


def test_identity_block_ignoring_the_initializer_argument():
    result = run("identity_block", student(identity_block=make_identity(use_initializer=False)))
    # Keras' default initialiser is glorot_uniform: only the glorot case has the right class of
    # initialiser, and even there the unseeded weights differ
    assert result.points == 0
    text = result.messages()
    assert "kernel_initializer 'RandomUniform' expected, got 'GlorotUniform'" in text
    assert "kernel_initializer 'Constant' expected, got 'GlorotUniform'" in text
    assert "identity_block()['outputs']" in text and "values differ" in text


def test_identity_block_with_another_seed_gives_other_values():
    result = run("identity_block", student(identity_block=make_identity(seed=1)))
    # the constant initialiser ignores its seed: that case still agrees
    assert [case.passed for case in result.cases] == [False, True, False, False]
    text = result.messages()
    assert "values differ" in text and "layers expected" not in text


def test_identity_block_with_valid_padding_in_the_middle():
    result = run("identity_block", student(identity_block=make_identity(middle_padding="valid")))
    # the shapes no longer match for the addition; with a 1x1 window they do, but the setting differs
    assert result.points == 0
    text = result.messages()
    assert "raised ValueError" in text
    assert "padding 'same' expected, got 'valid'" in text


# --- convolutional_block --------------------------------------------------------------


def make_convolutional(shortcut_conv=True, stride_on="first", shortcut_relu=False):
    """A convolutional_block variant: the reference's layers with one thing changed."""

    def convolutional_block(X, f, filters, s=2, initializer=glorot_uniform):
        F1, F2, F3 = filters
        first, middle = ((s, s), (1, 1)) if stride_on == "first" else ((1, 1), (s, s))
        X_shortcut = X
        X = Conv2D(F1, 1, strides=first, padding="valid", kernel_initializer=initializer(seed=0))(X)
        X = Activation("relu")(BatchNormalization(axis=3)(X))
        X = Conv2D(F2, f, strides=middle, padding="same", kernel_initializer=initializer(seed=0))(X)
        X = Activation("relu")(BatchNormalization(axis=3)(X))
        X = BatchNormalization(axis=3)(Conv2D(F3, 1, padding="valid", kernel_initializer=initializer(seed=0))(X))
        if shortcut_conv:
            X_shortcut = Conv2D(F3, 1, strides=(s, s), padding="valid", kernel_initializer=initializer(seed=0))(X_shortcut)
            X_shortcut = BatchNormalization(axis=3)(X_shortcut)
        if shortcut_relu:
            X_shortcut = Activation("relu")(X_shortcut)
        X = Add()([X, X_shortcut])
        return Activation("relu")(X)

    return convolutional_block


def test_convolutional_block_written_like_the_reference_passes():
    result = run("convolutional_block", student(convolutional_block=make_convolutional()))
    assert result.points == result.max_points, result.report()


def test_convolutional_block_without_the_shortcut_convolution():
    result = run("convolutional_block", student(convolutional_block=make_convolutional(shortcut_conv=False)))
    assert result.points == 0
    assert "raised ValueError" in result.messages()  # the two paths cannot be added


def test_convolutional_block_striding_the_middle_convolution():
    result = run("convolutional_block", student(convolutional_block=make_convolutional(stride_on="middle")))
    # the same output shape in the end, but not the same computation (only s=1 agrees)
    assert [case.passed for case in result.cases] == [False, True, False, False]
    assert "output shape (None, 3, 3, 2) expected, got (None, 6, 6, 2)" in result.messages()


def test_convolutional_block_with_a_relu_on_the_shortcut():
    result = run("convolutional_block", student(convolutional_block=make_convolutional(shortcut_relu=True)))
    assert result.points == 0
    assert "13 layers expected, got 14" in result.messages()


# --- ResNet50 -------------------------------------------------------------------------


def make_resnet(stage4_identity_blocks=5, name="ResNet50", head_seed=0):
    ref = lab.reference

    def ResNet50(input_shape=(64, 64, 3), classes=6, training=False):
        X_input = keras.Input(input_shape)
        X = keras.layers.ZeroPadding2D((3, 3))(X_input)
        X = Conv2D(64, (7, 7), strides=(2, 2), kernel_initializer=glorot_uniform(seed=0))(X)
        X = Activation("relu")(BatchNormalization(axis=3)(X))
        X = keras.layers.MaxPooling2D((3, 3), strides=(2, 2))(X)
        for filters, s, identities in [([64, 64, 256], 1, 2), ([128, 128, 512], 2, 3),
                                       ([256, 256, 1024], 2, stage4_identity_blocks), ([512, 512, 2048], 2, 2)]:
            X = ref.convolutional_block(X, 3, filters, s=s)
            for _ in range(identities):
                X = ref.identity_block(X, 3, filters)
        X = keras.layers.Flatten()(keras.layers.AveragePooling2D((2, 2))(X))
        initializer = glorot_uniform(seed=head_seed) if head_seed is not None else "glorot_uniform"
        X = keras.layers.Dense(classes, activation="softmax", kernel_initializer=initializer)(X)
        return keras.Model(inputs=X_input, outputs=X, **({"name": name} if name else {}))

    return ResNet50


def run_one_resnet_case(namespace, index):
    """One case of the ResNet50 check (a ResNet50 takes seconds to build): its messages."""
    check = checks_of(LAB)["ResNet50"]
    return "\n".join(check.run_case(check.generate_cases()[index], vars(lab.reference), namespace))


def test_resnet50_with_a_missing_identity_block():
    text = run_one_resnet_case(student(ResNet50=make_resnet(stage4_identity_blocks=4)), 1)
    assert "ResNet50()['structure']: 177 layers expected, got 167" in text
    assert "layer 133 (BatchNormalization): 1024 parameters expected, got 2048" in text  # stage 5 starts early


def test_resnet50_without_its_name_and_seed():
    text = run_one_resnet_case(student(ResNet50=make_resnet(name=None, head_seed=None)), 0)
    assert "ResNet50()['name']: 'ResNet50' expected, got 'functional" in text
    assert "ResNet50()['outputs']" in text and "values differ" in text


# --- helpers and lesson ---------------------------------------------------------------------


def test_plain_block_has_the_identity_blocks_layers_but_no_addition():
    ref, utils = lab.reference, lab.helper("resnets_utils")

    def layers(block):
        inputs = keras.Input((6, 6, 8))
        model = keras.Model(inputs, block(inputs, 3, [4, 4, 8]))
        return [type(layer).__name__ for layer in model.layers], model

    residual, residual_model = layers(ref.identity_block)
    plain, plain_model = layers(utils.plain_block)
    assert [name for name in residual if name != "Add"] == plain
    assert residual_model.count_params() == plain_model.count_params()
    for a, b in zip(residual_model.weights, plain_model.weights, strict=True):  # the same starting weights
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b))


@pytest.mark.slow  # about 15 s of CPU: two 55-layer networks, three short epochs each
def test_lesson_residual_network_trains_where_the_plain_one_stalls(tmp_path):
    ref, utils = lab.reference, lab.helper("resnets_utils")
    x, y, _, _, _ = utils.load_signs_dataset(tmp_path)
    X, Y = x[:960] / 255.0, utils.convert_to_one_hot(y, 6).T[:960]

    keras.utils.set_random_seed(0)
    residual = utils.deep_network(ref.identity_block, n_blocks=18, width=8)
    plain = utils.deep_network(utils.plain_block, n_blocks=18, width=8)

    # at the start, the plain network's gradients span orders of magnitude more than the residual one's
    spread = {name: norms.max() / norms.min() for name, norms in
              (("residual", utils.gradient_norms(residual, X[:64], Y[:64])), ("plain", utils.gradient_norms(plain, X[:64], Y[:64])))}
    assert spread["plain"] > 100 * spread["residual"], spread  # measured: 27,000 against 24

    # three of the notebook's five epochs
    residual_history = utils.train_briefly(residual, X, Y, epochs=3, learning_rate=0.1)
    plain_history = utils.train_briefly(plain, X, Y, epochs=3, learning_rate=0.1)
    residual_loss, residual_accuracy = residual_history["loss"][-1], residual_history["accuracy"][-1]
    plain_loss, plain_accuracy = plain_history["loss"][-1], plain_history["accuracy"][-1]
    # guessing: loss ln 6 = 1.79, accuracy 1/6; measured after 3 epochs (the last digits vary with
    # TensorFlow's op determinism): plain 1.79 and 0.18-0.19, residual 1.42-1.48 and 0.33-0.42
    assert plain_loss > 1.75 and plain_accuracy < 0.25, plain_history
    assert residual_loss < 1.6 and residual_accuracy > plain_accuracy + 0.1, residual_history
