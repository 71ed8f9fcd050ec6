"""Reference solution and hidden checks: c4w1a2_convolution_application.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers (data, plots, probes) live in
source/c4w1a2_convolution_application/cnn_utils.py.

Both graded functions build Keras models.  A check compares the student's
model with the reference layer by layer (class, output shape, parameter
count, key config) and by value: every weight of both models is set to the
same fixed values and both run on the same generated images, with
BatchNormalization in inference mode or in training mode (batch statistics).
Each case chooses the mode, batch and images first (`Case.prepare`).
"""

import keras
from keras.layers import (
    BatchNormalization,
    Conv2D,
    Dense,
    Flatten,
    Input,
    MaxPool2D,
    MaxPooling2D,
    ReLU,
    ZeroPadding2D,
)

from autograder.checks import Case, FunctionCheck, Hook
from autograder.compare import Tolerance


def happyModel():
    """
    The binary classifier of the Happy House, as a Sequential model.

    ZEROPAD2D -> CONV2D -> BATCHNORM -> RELU -> MAXPOOL -> FLATTEN -> DENSE

    Arguments:
    None

    Returns:
    model -- keras.Sequential from (None, 64, 64, 3) images to (None, 1) probabilities of "smiling"
    """
    model = keras.Sequential([
        keras.Input(shape=(64, 64, 3)),
        # 3 rows and columns of zeros on every side: (64, 64, 3) -> (70, 70, 3)
        ZeroPadding2D(padding=(3, 3)),
        # 32 filters of 7x7, stride 1, no padding: (70, 70, 3) -> (64, 64, 32)
        Conv2D(32, (7, 7), strides=(1, 1)),
        # normalise each of the 32 channels (axis 3)
        BatchNormalization(axis=3),
        ReLU(),
        # 2x2 windows, stride 2: (64, 64, 32) -> (32, 32, 32)
        MaxPooling2D(),
        Flatten(),
        # one unit with a sigmoid: the probability of "smiling"
        Dense(1, activation="sigmoid"),
    ])
    return model


def convolutional_model(input_shape):
    """
    The hand-sign classifier, with the functional API.

    CONV2D -> RELU -> MAXPOOL -> CONV2D -> RELU -> MAXPOOL -> FLATTEN -> DENSE

    Arguments:
    input_shape -- shape of one input image, e.g. (64, 64, 3)

    Returns:
    model -- keras.Model from the images to (None, 6) class probabilities
    """
    input_img = Input(shape=input_shape)
    # 8 filters of 4x4, stride 1, 'same' padding
    Z1 = Conv2D(8, 4, strides=1, padding="same")(input_img)
    A1 = ReLU()(Z1)
    # 8x8 windows with stride 8, 'same' padding
    P1 = MaxPool2D(pool_size=8, strides=8, padding="same")(A1)
    # 16 filters of 2x2, stride 1, 'same' padding
    Z2 = Conv2D(16, 2, strides=1, padding="same")(P1)
    A2 = ReLU()(Z2)
    # 4x4 windows with stride 4, 'same' padding
    P2 = MaxPool2D(pool_size=4, strides=4, padding="same")(A2)
    F = Flatten()(P2)
    # six classes: a softmax over the 6 units
    outputs = Dense(6, activation="softmax")(F)
    model = keras.Model(inputs=input_img, outputs=outputs)
    return model


# ---------------------------------------------------------------------------
# Hidden checks: models compared layer by layer and by value with fixed weights.
# ---------------------------------------------------------------------------

TOL = Tolerance(rtol=1e-4, atol=1e-5)
PROBE = Hook("cnn_utils:model_probe")


def _setting(training, m, seed):
    """Case preparation: the BatchNormalization mode, batch size and image seed of the probe."""
    return Hook("cnn_utils:probe_setting", (training, m, seed))


def _happy_cases():
    # happyModel takes no argument: the cases differ in how the model is run
    yield Case("3 images, inference mode", seed=1, prepare=_setting(False, 3, 11))
    yield Case("4 images, training mode (BatchNormalization uses the batch statistics)", seed=2, prepare=_setting(True, 4, 12))
    yield Case("1 image, inference mode", seed=3, prepare=_setting(False, 1, 13))


def _convolutional_cases():
    for seed, shape, training in [
        (4, (64, 64, 3), False),
        (5, (32, 32, 3), True),
        (6, (48, 40, 1), False),
        (7, (20, 28, 2), False),
    ]:
        mode = "training" if training else "inference"
        yield Case(f"input_shape={shape}, {mode} mode", (shape,), seed=seed, prepare=_setting(training, 3, 20 + seed))


CHECKS = [
    FunctionCheck("happyModel", 4, _happy_cases, tol=TOL, outputs=PROBE),
    FunctionCheck("convolutional_model", 6, _convolutional_cases, tol=TOL, outputs=PROBE),
]
