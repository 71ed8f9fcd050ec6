"""Given helpers of the neural style transfer lab (c4w4a2): you do not need to edit this file.

The pictures come from the course's own generator (no download): `load_art`
writes a content picture and a style picture on first use (see
`autograder/data/art.py`).  There are no ImageNet weights offline, so the VGG19
network starts from a fixed random initialisation (`initialise_vgg19`).
"""

from __future__ import annotations

from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from PIL import Image

from autograder.compare import to_plain
from autograder.data import art

__all__ = [
    "clip_0_1",
    "get_layer_outputs",
    "initialise_vgg19",
    "load_art",
    "load_image",
    "show_images",
    "tensor_to_image",
]


def load_art(folder="data"):
    """Write the two pictures on first use; return the folder that holds them (`<folder>/images`)."""
    return Path(art.write_images(folder)) / "images"


def load_image(path, img_size):
    """Read a picture, resize it to (img_size, img_size), return a (1, img_size, img_size, 3) uint8 tensor."""
    image = np.array(Image.open(path).convert("RGB").resize((img_size, img_size)))
    return tf.constant(image[None])


def initialise_vgg19(vgg, seed=0):
    """Give every convolution of `vgg` fixed He-normal weights and zero biases (drawn from `seed`).

    With ImageNet weights unavailable, this is the network's "pretraining":
    He-normal weights keep the activations at about the same scale from the
    first layer to the last, so that every layer's cost carries a useful gradient.
    """
    rng = np.random.default_rng(seed)
    for layer in vgg.layers:
        if layer.weights:
            kernel, bias = layer.get_weights()
            fan_in = int(np.prod(kernel.shape[:-1]))
            layer.set_weights([rng.normal(0.0, np.sqrt(2.0 / fan_in), kernel.shape).astype(np.float32), np.zeros_like(bias)])
    return vgg


def get_layer_outputs(vgg, layer_names):
    """A model with the same input as `vgg` whose outputs are the activations of the named layers.

    `layer_names` is a list of (layer name, weight) pairs, such as STYLE_LAYERS.
    """
    outputs = [vgg.get_layer(layer[0]).output for layer in layer_names]
    return keras.Model([vgg.input], outputs)


def clip_0_1(image):
    """Clip the pixel values of `image` to [0, 1]."""
    return tf.clip_by_value(image, clip_value_min=0.0, clip_value_max=1.0)


def tensor_to_image(tensor):
    """A PIL image from a float tensor in [0, 1] of shape (1, H, W, 3) or (H, W, 3)."""
    array = np.array(tensor * 255, dtype=np.uint8)
    if array.ndim > 3:
        array = array[0]
    return Image.fromarray(array)


def show_images(images, titles, size=2.6):
    """Show a row of pictures (tensors, arrays or PIL images) with titles."""
    fig, axes = plt.subplots(1, len(images), figsize=(size * len(images), size + 0.4))
    for ax, image, title in zip(np.atleast_1d(axes), images, titles, strict=True):
        array = np.asarray(image)
        if array.ndim == 4:
            array = array[0]
        ax.imshow(array)
        ax.set_title(title)
        ax.axis("off")
    plt.tight_layout()
    plt.show()


# ---------------------------------------------------------------------------
# Support for the lab's checks (called by the grader inside your process).
# ---------------------------------------------------------------------------

def activation_tensor(seed, shape, scale=1.0):
    """Check input: a float32 tensor of non-negative "activations" (ReLU outputs are >= 0)."""
    rng = np.random.default_rng(seed)
    values = np.maximum(rng.normal(0.3, scale, shape), 0.0)
    return tf.constant(values.astype(np.float32))


def activation_list(seed, shapes, scale=1.0):
    """Check input: a list of activation tensors, one per shape (like the outputs of `vgg_model_outputs`)."""
    return [activation_tensor(seed * 100 + i, shape, scale) for i, shape in enumerate(shapes)]


def scalar_tensor(value):
    """Check input: a float32 scalar tensor."""
    return tf.constant(value, dtype=tf.float32)


# The train_step checks run on a narrow network with VGG19's layer names and an
# unusual picture size, so that they never share a traced graph with the notebook's.
CHECK_SHAPE = (40, 48)
CHECK_WIDTHS = (8, 12, 16, 24, 24)
CHECK_STYLE_LAYERS = [("block1_conv1", 0.2), ("block2_conv1", 0.2), ("block3_conv1", 0.2), ("block4_conv1", 0.2), ("block5_conv1", 0.2)]
CHECK_CONTENT_LAYER = [("block5_conv4", 1)]


def small_vgg19(input_shape, widths=CHECK_WIDTHS, seed=0):
    """VGG19's layer structure and names (no top) with few filters per block, He-initialised from `seed`."""
    convs = (2, 2, 4, 4, 4)
    inputs = keras.Input(shape=input_shape)
    x = inputs
    for block, (n_convs, width) in enumerate(zip(convs, widths, strict=True), start=1):
        for k in range(1, n_convs + 1):
            x = keras.layers.Conv2D(width, 3, padding="same", activation="relu", name=f"block{block}_conv{k}")(x)
        x = keras.layers.MaxPooling2D(2, strides=2, name=f"block{block}_pool")(x)
    model = keras.Model(inputs, x, name="small_vgg19")
    model.trainable = False
    return initialise_vgg19(model, seed)


_CHECK: dict = {}


def _check_state():
    """The objects every train_step check shares (built once per process, reset in place per case)."""
    if not _CHECK:
        h, w = CHECK_SHAPE
        vgg = small_vgg19((h, w, 3))
        outputs = get_layer_outputs(vgg, CHECK_STYLE_LAYERS + CHECK_CONTENT_LAYER)
        content = np.asarray(art.draw_content().resize((w, h)), dtype=np.float32)[None] / 255.0
        style = np.asarray(art.draw_style().resize((w, h)), dtype=np.float32)[None] / 255.0
        image = tf.Variable(tf.zeros((1, h, w, 3)))
        optimizer = keras.optimizers.Adam(learning_rate=0.01)
        optimizer.build([image])  # built here, so that no variable is created inside a traced train_step
        _CHECK.update(
            vgg_model_outputs=outputs,
            a_C=outputs(tf.constant(content)),
            a_S=outputs(tf.constant(style)),
            content=content,
            image=image,
            optimizer=optimizer,
        )
    return _CHECK


def install_train_step_case(namespace, seed, learning_rate):
    """Check hook (`Case.prepare`): install the check's network, targets and a freshly reset optimizer.

    The generated image starts as the content picture plus uniform noise drawn
    from `seed`, clipped to [0, 1].  Every object is reset in place, so a
    train_step traced on an earlier case sees this case's values.
    """
    state = _check_state()
    rng = np.random.default_rng(seed)
    start = np.clip(state["content"] + rng.uniform(-0.25, 0.25, state["content"].shape), 0.0, 1.0)
    state["image"].assign(start.astype(np.float32))
    optimizer = state["optimizer"]
    for variable in optimizer.variables:
        variable.assign(tf.zeros(variable.shape, variable.dtype))
    optimizer.learning_rate.assign(learning_rate)
    state["namespace"] = namespace
    namespace.update(
        vgg_model_outputs=state["vgg_model_outputs"], a_C=state["a_C"], a_S=state["a_S"], optimizer=optimizer
    )


def check_generated_image():
    """Check input: the generated image of the current train_step case (a tf.Variable)."""
    return _check_state()["image"]


def after_two_steps(result):
    """Check hook (`outputs`): the cost of the first call, the cost of a second call, and the image after both."""
    state = _check_state()
    second = state["namespace"]["train_step"](state["image"])
    return {
        "J (first call)": to_plain(result),
        "J (second call)": to_plain(second),
        "generated_image after two calls": np.asarray(state["image"].numpy()),
    }
