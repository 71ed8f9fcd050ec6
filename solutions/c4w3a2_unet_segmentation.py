"""Reference solution and hidden checks: c4w3a2_unet_segmentation.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers (data, plots, masks) live in
source/c4w3a2_unet_segmentation/unet_utils.py.

A block takes Keras tensors, which cannot travel to the student's process
as data: each case names a factory (`checks.Live`) that builds a fresh
`keras.Input` where the function runs.  The block's outputs are then wrapped
in a model and compared layer by layer (class, output shape, parameter
count, key config) and by value, after every weight of both models is set
to the same fixed values (`autograder.probes`).
"""

import keras
from keras.layers import Conv2D, Conv2DTranspose, Dropout, Input, MaxPooling2D, concatenate

from autograder.checks import Case, FunctionCheck, Hook, Live
from autograder.compare import Tolerance


def conv_block(inputs=None, n_filters=32, dropout_prob=0, max_pooling=True):
    """
    One step of the contracting path: two 3x3 convolutions, optional dropout and 2x2 max pooling.

    Arguments:
    inputs -- input tensor, shape (None, height, width, channels)
    n_filters -- number of filters of both convolutions
    dropout_prob -- dropout rate; no Dropout layer when it is 0
    max_pooling -- True to halve height and width with a 2x2 max pooling

    Returns:
    next_layer -- the tensor passed to the next block (pooled when max_pooling)
    skip_connection -- the tensor before pooling, passed to the expanding path
    """
    conv = Conv2D(n_filters, 3, activation="relu", padding="same", kernel_initializer="he_normal")(inputs)
    conv = Conv2D(n_filters, 3, activation="relu", padding="same", kernel_initializer="he_normal")(conv)
    if dropout_prob > 0:
        conv = Dropout(dropout_prob)(conv)
    if max_pooling:
        next_layer = MaxPooling2D(pool_size=(2, 2))(conv)
    else:
        next_layer = conv
    skip_connection = conv
    return next_layer, skip_connection


def upsampling_block(expansive_input, contractive_input, n_filters=32):
    """
    One step of the expanding path: a transposed convolution, the skip connection, two 3x3 convolutions.

    Arguments:
    expansive_input -- tensor from the previous block, shape (None, h, w, c)
    contractive_input -- skip connection from the contracting path, shape (None, 2h, 2w, c')
    n_filters -- number of filters of every convolution

    Returns:
    conv -- output tensor, shape (None, 2h, 2w, n_filters)
    """
    up = Conv2DTranspose(n_filters, 3, strides=(2, 2), padding="same")(expansive_input)
    # the upsampled features and the skip connection side by side, on the channel axis
    merge = concatenate([up, contractive_input], axis=3)
    conv = Conv2D(n_filters, 3, activation="relu", padding="same", kernel_initializer="he_normal")(merge)
    conv = Conv2D(n_filters, 3, activation="relu", padding="same", kernel_initializer="he_normal")(conv)
    return conv


def unet_model(input_size=(96, 128, 3), n_filters=32, n_classes=23):
    """
    The U-Net: four contracting blocks, a bottleneck, four expanding blocks and a 1x1 classifier.

    Arguments:
    input_size -- shape of one input image (height, width, channels); height and width divisible by 16
    n_filters -- filters of the first block (doubled at every step down)
    n_classes -- number of classes: one score per class and pixel

    Returns:
    model -- keras.Model from the images to scores of shape (None, height, width, n_classes)
    """
    inputs = Input(input_size)
    # contracting path: twice the filters at every step down
    cblock1 = conv_block(inputs, n_filters)
    cblock2 = conv_block(cblock1[0], n_filters * 2)
    cblock3 = conv_block(cblock2[0], n_filters * 4)
    cblock4 = conv_block(cblock3[0], n_filters * 8, dropout_prob=0.3)
    cblock5 = conv_block(cblock4[0], n_filters * 16, dropout_prob=0.3, max_pooling=False)
    # expanding path: each block meets the skip connection of the same resolution
    ublock6 = upsampling_block(cblock5[0], cblock4[1], n_filters * 8)
    ublock7 = upsampling_block(ublock6, cblock3[1], n_filters * 4)
    ublock8 = upsampling_block(ublock7, cblock2[1], n_filters * 2)
    ublock9 = upsampling_block(ublock8, cblock1[1], n_filters)
    conv9 = Conv2D(n_filters, 3, activation="relu", padding="same", kernel_initializer="he_normal")(ublock9)
    # one score per class for every pixel (linear: the loss applies the softmax)
    conv10 = Conv2D(n_classes, 1, padding="same")(conv9)
    model = keras.Model(inputs=inputs, outputs=conv10)
    return model


# ---------------------------------------------------------------------------
# Hidden checks: fresh Keras inputs built in the calling process, fixed weights.
# ---------------------------------------------------------------------------

TOL = Tolerance(rtol=1e-4, atol=1e-5)


def _conv_block_cases():
    for seed, shape, n_filters, dropout_prob, max_pooling in [
        (1, (8, 10, 3), 4, 0, True),
        (2, (12, 16, 5), 6, 0.3, True),
        (3, (6, 8, 4), 3, 0.3, False),
        (4, (16, 16, 1), 2, 0, False),
    ]:
        label = f"input {shape}, n_filters={n_filters}, dropout_prob={dropout_prob}, max_pooling={max_pooling}"
        yield Case(label, (Live("unet_utils:keras_input", (shape,)), n_filters, dropout_prob, max_pooling), seed=seed)


def _upsampling_block_cases():
    for seed, expansive, contractive, n_filters in [
        (5, (6, 8, 8), (12, 16, 4), 4),
        (6, (3, 4, 16), (6, 8, 8), 8),
        (7, (5, 5, 6), (10, 10, 3), 2),
        (8, (4, 6, 2), (8, 12, 2), 3),
    ]:
        label = f"expansive {expansive}, contractive {contractive}, n_filters={n_filters}"
        args = (Live("unet_utils:keras_input", (expansive, 0)), Live("unet_utils:keras_input", (contractive, 1)), n_filters)
        yield Case(label, args, seed=seed)


def _unet_model_cases():
    yield Case("input (32, 32, 3), n_filters=2, n_classes=5", ((32, 32, 3), 2, 5), seed=9)
    yield Case("input (48, 64, 3), n_filters=4, n_classes=23", ((48, 64, 3), 4, 23), seed=10)
    yield Case("input (16, 32, 1), n_filters=3, n_classes=4", ((16, 32, 1), 3, 4), seed=11)
    yield Case("input (32, 48, 3), n_filters=2 (default n_classes)", ((32, 48, 3), 2), seed=12)


CHECKS = [
    FunctionCheck("conv_block", 3, _conv_block_cases, tol=TOL, outputs=Hook("unet_utils:block_probe")),
    FunctionCheck("upsampling_block", 3, _upsampling_block_cases, tol=TOL, outputs=Hook("unet_utils:block_probe")),
    FunctionCheck("unet_model", 4, _unet_model_cases, tol=TOL, outputs=Hook("unet_utils:model_probe")),
]
