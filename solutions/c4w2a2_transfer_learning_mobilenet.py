"""Reference solution and hidden checks: c4w2a2_transfer_learning_mobilenet.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).

Keras objects are compared through probes that run where they live
(`tl_utils.augmenter_probe`, `tl_utils.alpaca_probe`): layers and settings,
parameter counts, how the base model is called, and outputs on generated
pictures with fixed weights.  Building MobileNetV2 takes a second or two, so
the reference's answers are computed once per process (`OnceCheck`).
"""

from dataclasses import dataclass, field

import tensorflow as tf
import tensorflow.keras.layers as tfl
from tensorflow.keras.layers import RandomFlip, RandomRotation

from autograder.checks import Case, CellCheck, FunctionCheck, Hook, Live
from autograder.compare import Tolerance

BATCH_SIZE = 32
IMG_SIZE = (96, 96)
preprocess_input = tf.keras.applications.mobilenet_v2.preprocess_input
base_learning_rate = 0.001


def data_augmenter():
    """
    Create a Sequential model composed of 2 layers

    Returns:
    data_augmentation -- tf.keras.Sequential: RandomFlip('horizontal'), then RandomRotation(0.2)
    """
    data_augmentation = tf.keras.Sequential()
    data_augmentation.add(RandomFlip("horizontal"))
    data_augmentation.add(RandomRotation(0.2))
    return data_augmentation


def alpaca_model(image_shape=IMG_SIZE, data_augmentation=data_augmenter()):  # noqa: B008
    """
    Define a binary classification model: a frozen MobileNetV2 base and a new head.

    Arguments:
    image_shape -- image height and width, a tuple
    data_augmentation -- data augmentation function (a Keras model)

    Returns:
    model -- tf.keras.Model with one output per picture: a logit (no activation)
    """
    input_shape = image_shape + (3,)
    base_model = tf.keras.applications.MobileNetV2(input_shape=input_shape, include_top=False, weights=None)
    # freeze the base model: its weights must not change while the head learns
    base_model.trainable = False
    inputs = tf.keras.Input(shape=input_shape)
    x = data_augmentation(inputs)
    # scale the pixels from [0, 255] to [-1, 1], as MobileNetV2 expects
    x = preprocess_input(x)
    # training=False: the base's batch normalisation always uses its stored statistics
    x = base_model(x, training=False)
    x = tfl.GlobalAveragePooling2D()(x)
    x = tfl.Dropout(0.2)(x)
    # one unit, no activation: the model outputs a logit
    outputs = tfl.Dense(1)(x)
    model = tf.keras.Model(inputs, outputs)
    return model


CELL_fine_tune = """
base_model = model2.get_layer('mobilenetv2_1.00_96')
base_model.trainable = True
fine_tune_at = 120
for layer in base_model.layers[:fine_tune_at]:
    layer.trainable = False
loss_function = tf.keras.losses.BinaryCrossentropy(from_logits=True)
optimizer = tf.keras.optimizers.Adam(learning_rate=0.1 * base_learning_rate)
metrics = ['accuracy']
model2.compile(loss=loss_function, optimizer=optimizer, metrics=metrics)
"""


# ---------------------------------------------------------------------------
# Hidden checks
# ---------------------------------------------------------------------------


@dataclass
class OnceCheck(FunctionCheck):
    """A FunctionCheck that computes the reference's answer to each case once per process."""

    _answers: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def expected(self, case, reference):
        if case.label not in self._answers:
            self._answers[case.label] = super().expected(case, reference)
        return self._answers[case.label]


def _augmenter_cases():
    for seed in (0, 1, 2):
        yield Case(f"seed {seed}", (), seed=seed)


AUGMENTER = Live("tl_utils:check_augmenter")


def _alpaca_cases():
    yield Case("default arguments (96 x 96 pictures)", ())
    yield Case("64 x 64 pictures", ((64, 64), AUGMENTER), seed=1)
    yield Case("32 x 48 pictures", ((32, 48), AUGMENTER), seed=2)


_fine_tune_namespace: dict = {}


def reference_fine_tuned(reference):
    """Run the reference fine-tuning cell on a model2 built by the reference (once per process)."""
    if not _fine_tune_namespace:
        import tl_utils

        tf.keras.utils.set_random_seed(0)
        namespace = {
            "tf": tf,
            "base_learning_rate": reference["base_learning_rate"],
            "model2": reference["alpaca_model"](reference["IMG_SIZE"], tl_utils.check_augmenter()),
        }
        exec(reference["CELL_fine_tune"], namespace)
        _fine_tune_namespace.update(namespace)
    return _fine_tune_namespace


TOL = Tolerance(rtol=1e-4, atol=1e-5)

CHECKS = [
    OnceCheck("data_augmenter", 2, _augmenter_cases, tol=TOL, outputs=Hook("tl_utils:augmenter_probe")),
    OnceCheck("alpaca_model", 5, _alpaca_cases, tol=TOL, outputs=Hook("tl_utils:alpaca_probe")),
    CellCheck("fine_tune", 3, Hook("tl_utils:fine_tune_settings"), reference_fine_tuned, tol=Tolerance(rtol=1e-6, atol=1e-12)),
]
