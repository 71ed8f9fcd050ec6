"""Reference solution and hidden checks: c4w2a1_residual_networks.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers (data, the lesson's plain network and training loop,
plots, probes) live in source/c4w2a1_residual_networks/resnets_utils.py.

The blocks take Keras tensors and an initialiser factory, which cannot travel
to the student's process as data: each case names factories (`checks.Live`)
that build a fresh `keras.Input` and the initialiser where the function runs.
Every convolution is seeded (`initializer(seed=0)`, and `glorot_uniform(seed=0)`
in ResNet50's stem and head), so a correct model starts with exactly the
reference's weights: the check compares the layers (class, output shape,
parameter count, key config) and the outputs on generated tensors, with
BatchNormalization in inference or in training mode (`Case.prepare`).
"""

import keras
from keras.initializers import glorot_uniform, random_uniform
from keras.layers import (
    Activation,
    Add,
    AveragePooling2D,
    BatchNormalization,
    Conv2D,
    Dense,
    Flatten,
    Input,
    MaxPooling2D,
    ZeroPadding2D,
)

from autograder.checks import Case, FunctionCheck, Hook, Live
from autograder.compare import Tolerance


def identity_block(X, f, filters, initializer=random_uniform):
    """
    The identity block: three convolutions on the main path, the input added back at the end.

    Arguments:
    X -- input tensor of shape (m, n_H_prev, n_W_prev, n_C_prev)
    f -- integer, the size of the middle convolution's window
    filters -- list of three integers [F1, F2, F3], the filters of the three convolutions (F3 = n_C_prev)
    initializer -- initialiser class or factory for the kernels, called as initializer(seed=0)

    Returns:
    X -- output of the block, a tensor of the same shape as the input
    """
    F1, F2, F3 = filters
    # keep the input: it is added back after the main path
    X_shortcut = X

    # first component: 1x1 convolution, batch normalisation, ReLU
    X = Conv2D(filters=F1, kernel_size=1, strides=(1, 1), padding="valid", kernel_initializer=initializer(seed=0))(X)
    X = BatchNormalization(axis=3)(X)
    X = Activation("relu")(X)

    # second component: f x f convolution with 'same' padding, batch normalisation, ReLU
    X = Conv2D(filters=F2, kernel_size=f, strides=(1, 1), padding="same", kernel_initializer=initializer(seed=0))(X)
    X = BatchNormalization(axis=3)(X)
    X = Activation("relu")(X)

    # third component: 1x1 convolution back to F3 channels, batch normalisation (no ReLU yet)
    X = Conv2D(filters=F3, kernel_size=1, strides=(1, 1), padding="valid", kernel_initializer=initializer(seed=0))(X)
    X = BatchNormalization(axis=3)(X)

    # the shortcut: add the input, then the ReLU
    X = Add()([X, X_shortcut])
    X = Activation("relu")(X)
    return X


def convolutional_block(X, f, filters, s=2, initializer=glorot_uniform):
    """
    The convolutional block: like the identity block, with a convolution on the shortcut to change the shape.

    Arguments:
    X -- input tensor of shape (m, n_H_prev, n_W_prev, n_C_prev)
    f -- integer, the size of the middle convolution's window
    filters -- list of three integers [F1, F2, F3], the filters of the three main-path convolutions
    s -- integer, the stride of the first convolution and of the shortcut's convolution
    initializer -- initialiser class or factory for the kernels, called as initializer(seed=0)

    Returns:
    X -- output of the block, a tensor of shape (m, ceil(n_H_prev / s), ceil(n_W_prev / s), F3)
    """
    F1, F2, F3 = filters
    X_shortcut = X

    # main path, first component: 1x1 convolution with stride s (this is where the size shrinks)
    X = Conv2D(filters=F1, kernel_size=1, strides=(s, s), padding="valid", kernel_initializer=initializer(seed=0))(X)
    X = BatchNormalization(axis=3)(X)
    X = Activation("relu")(X)

    # second component: f x f convolution with 'same' padding
    X = Conv2D(filters=F2, kernel_size=f, strides=(1, 1), padding="same", kernel_initializer=initializer(seed=0))(X)
    X = BatchNormalization(axis=3)(X)
    X = Activation("relu")(X)

    # third component: 1x1 convolution to F3 channels
    X = Conv2D(filters=F3, kernel_size=1, strides=(1, 1), padding="valid", kernel_initializer=initializer(seed=0))(X)
    X = BatchNormalization(axis=3)(X)

    # shortcut path: a 1x1 convolution with stride s gives the shortcut the main path's shape
    X_shortcut = Conv2D(filters=F3, kernel_size=1, strides=(s, s), padding="valid", kernel_initializer=initializer(seed=0))(X_shortcut)
    X_shortcut = BatchNormalization(axis=3)(X_shortcut)

    X = Add()([X, X_shortcut])
    X = Activation("relu")(X)
    return X


def ResNet50(input_shape=(64, 64, 3), classes=6, training=False):
    """
    The ResNet50 architecture, with the blocks above.

    ZEROPAD -> CONV2D -> BATCHNORM -> RELU -> MAXPOOL -> CONVBLOCK -> IDBLOCK*2 -> CONVBLOCK -> IDBLOCK*3
    -> CONVBLOCK -> IDBLOCK*5 -> CONVBLOCK -> IDBLOCK*2 -> AVGPOOL -> FLATTEN -> DENSE

    Arguments:
    input_shape -- shape of one input image (height, width, channels)
    classes -- integer, number of classes
    training -- kept from the original signature; in Keras 3 the BatchNormalization mode is chosen when the model is called

    Returns:
    model -- keras.Model named "ResNet50"
    """
    X_input = Input(input_shape)

    # stem
    X = ZeroPadding2D((3, 3))(X_input)
    X = Conv2D(64, (7, 7), strides=(2, 2), kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3)(X)
    X = Activation("relu")(X)
    X = MaxPooling2D((3, 3), strides=(2, 2))(X)

    # stage 2 (stride 1: the max pooling has just halved the size)
    X = convolutional_block(X, f=3, filters=[64, 64, 256], s=1)
    X = identity_block(X, 3, [64, 64, 256])
    X = identity_block(X, 3, [64, 64, 256])

    # stage 3
    X = convolutional_block(X, f=3, filters=[128, 128, 512], s=2)
    X = identity_block(X, 3, [128, 128, 512])
    X = identity_block(X, 3, [128, 128, 512])
    X = identity_block(X, 3, [128, 128, 512])

    # stage 4
    X = convolutional_block(X, f=3, filters=[256, 256, 1024], s=2)
    X = identity_block(X, 3, [256, 256, 1024])
    X = identity_block(X, 3, [256, 256, 1024])
    X = identity_block(X, 3, [256, 256, 1024])
    X = identity_block(X, 3, [256, 256, 1024])
    X = identity_block(X, 3, [256, 256, 1024])

    # stage 5
    X = convolutional_block(X, f=3, filters=[512, 512, 2048], s=2)
    X = identity_block(X, 3, [512, 512, 2048])
    X = identity_block(X, 3, [512, 512, 2048])

    # head: average pooling, flatten, softmax classifier
    X = AveragePooling2D((2, 2))(X)
    X = Flatten()(X)
    X = Dense(classes, activation="softmax", kernel_initializer=glorot_uniform(seed=0))(X)

    model = keras.Model(inputs=X_input, outputs=X, name="ResNet50")
    return model


# ---------------------------------------------------------------------------
# Hidden checks: fresh Keras inputs and initialisers built in the calling process.
# ---------------------------------------------------------------------------

TOL = Tolerance(rtol=1e-4, atol=1e-5)


def _setting(training, seed):
    """Case preparation: the BatchNormalization mode and the seed of the generated inputs."""
    return Hook("resnets_utils:probe_setting", (training, seed))


def _x(shape):
    return Live("resnets_utils:keras_input", (shape,))


def _init(name):
    return Live("resnets_utils:initializer_named", (name,))


def _mode(training):
    return "training" if training else "inference"


def _identity_cases():
    for seed, shape, f, filters, init, training in [
        (1, (5, 5, 6), 3, [2, 3, 6], None, False),
        (2, (6, 4, 4), 2, [3, 3, 4], "constant", True),
        (3, (4, 5, 8), 3, [4, 2, 8], "glorot_uniform", True),
        (4, (3, 3, 3), 1, [2, 2, 3], "random_uniform", False),
    ]:
        label = f"X {shape}, f={f}, filters={filters}, initializer={init or 'default'}, {_mode(training)} mode"
        kwargs = {} if init is None else {"initializer": _init(init)}
        yield Case(label, (_x(shape), f, filters), kwargs, seed=seed, prepare=_setting(training, 10 + seed))


def _convolutional_cases():
    for seed, shape, f, filters, s, init, training in [
        (5, (6, 6, 3), 3, [2, 4, 6], None, None, False),
        (6, (5, 7, 4), 2, [3, 3, 5], 1, "constant", True),
        (7, (8, 8, 2), 3, [4, 2, 3], 3, None, False),
        (8, (4, 6, 5), 3, [2, 2, 4], 2, "random_uniform", True),
    ]:
        kwargs = {} if s is None else {"s": s}
        if init is not None:
            kwargs["initializer"] = _init(init)
        label = f"X {shape}, f={f}, filters={filters}, s={s or 'default'}, initializer={init or 'default'}, {_mode(training)} mode"
        yield Case(label, (_x(shape), f, filters), kwargs, seed=seed, prepare=_setting(training, 20 + seed))


def _resnet_cases():
    yield Case("default arguments, inference mode", (), seed=9, prepare=_setting(False, 31))
    yield Case("input_shape=(48, 56, 1), classes=3, training mode", ((48, 56, 1), 3), seed=10, prepare=_setting(True, 32))
    yield Case("input_shape=(40, 40, 3), classes=10, inference mode", ((40, 40, 3),), {"classes": 10}, seed=11, prepare=_setting(False, 33))


CHECKS = [
    FunctionCheck("identity_block", 3, _identity_cases, tol=TOL, outputs=Hook("resnets_utils:block_probe")),
    FunctionCheck("convolutional_block", 3, _convolutional_cases, tol=TOL, outputs=Hook("resnets_utils:block_probe")),
    FunctionCheck("ResNet50", 4, _resnet_cases, tol=TOL, outputs=Hook("resnets_utils:model_probe")),
]
