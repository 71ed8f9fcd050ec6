"""Given helpers of the convolution application lab (c4w1a2): you do not need to edit this file.

The face and hand-sign images come from the course's own generators (no
download): see `load_happy_dataset` and `load_signs_dataset`.  The rest
turns labels into one-hot rows, shows images and learning curves, and prints
a model layer by layer.  At the bottom: the probes the grader uses to look at
your models inside your own process.
"""

from __future__ import annotations

import math

import keras
import matplotlib.pyplot as plt
import numpy as np

from autograder.compare import KerasModel, is_keras_model, to_plain
from autograder.data import happy, signs

__all__ = [
    "check_layers",
    "convert_to_one_hot",
    "load_happy_dataset",
    "load_signs_dataset",
    "plot_history",
    "show_images",
    "summarize",
]


def load_happy_dataset(folder="data"):
    """The smiling / not-smiling faces, generated on first use into `folder`.

    Returns:
    train_set_x_orig -- (600, 64, 64, 3) uint8 images
    train_set_y_orig -- (1, 600) labels, 1 = smiling
    test_set_x_orig -- (150, 64, 64, 3) uint8 images
    test_set_y_orig -- (1, 150) labels
    classes -- array([0, 1])
    """
    return happy.load_happy_dataset(folder)


def load_signs_dataset(folder="data"):
    """The hand signs for 0 to 5 fingers, generated on first use into `folder`.

    Returns:
    train_set_x_orig -- (1080, 64, 64, 3) uint8 images
    train_set_y_orig -- (1, 1080) labels 0..5
    test_set_x_orig -- (120, 64, 64, 3) uint8 images
    test_set_y_orig -- (1, 120) labels
    classes -- array([0, 1, 2, 3, 4, 5])
    """
    return signs.load_signs_dataset(folder)


def convert_to_one_hot(Y, C):
    """One-hot columns: labels Y of shape (1, m) -> array (C, m) with a 1 in row Y[0, i] of column i."""
    return np.eye(C)[np.asarray(Y).reshape(-1)].T


def show_images(images, titles, count=12, columns=6, suptitle=None):
    """Show the first `count` images in a grid, each with its title."""
    count = min(count, len(images))
    rows = math.ceil(count / columns)
    fig, axes = plt.subplots(rows, columns, figsize=(2 * columns, 2.3 * rows), squeeze=False)
    for ax, image, title in zip(axes.flat, images[:count], titles[:count], strict=False):
        ax.imshow(np.asarray(image))
        ax.set_title(str(title), fontsize=10)
        ax.axis("off")
    for ax in list(axes.flat)[count:]:
        ax.axis("off")
    if suptitle:
        fig.suptitle(suptitle)
    plt.tight_layout()
    plt.show()


def plot_history(history, title):
    """Loss and accuracy per epoch, on the training data and (when recorded) the validation data."""
    logs = history.history
    epochs = np.arange(1, len(logs["loss"]) + 1)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.6))
    left.plot(epochs, logs["loss"], label="training")
    right.plot(epochs, logs["accuracy"], label="training")
    if "val_loss" in logs:
        left.plot(epochs, logs["val_loss"], label="test")
        right.plot(epochs, logs["val_accuracy"], label="test")
    left.set_title("Loss")
    right.set_title("Accuracy")
    right.set_ylim(0, 1.02)
    for ax in (left, right):
        ax.set_xlabel("epoch")
        ax.legend()
    fig.suptitle(title)
    plt.tight_layout()
    plt.show()


def _describe_config(layer):
    config = layer.get_config()
    keys = ("filters", "kernel_size", "strides", "padding", "pool_size", "activation", "units", "axis")
    parts = []
    for key in keys:
        if key in config:
            value = config[key]
            if key == "padding" and type(layer).__name__ == "ZeroPadding2D":
                value = tuple(tuple(p) for p in value)
            parts.append(f"{key}={value!r}")
    return ", ".join(parts)


def summarize(model):
    """Print one line per layer: class, output shape, number of parameters and the main settings."""
    for layer in model.layers:
        shape = tuple(layer.output.shape)
        print(f"{type(layer).__name__:>20}  {str(shape):<20} {layer.count_params():>8,}  {_describe_config(layer)}")
    print(f"{'total':>20}  {'':<20} {model.count_params():>8,} parameters")


def check_layers(model, expected):
    """Compare a model's layers with a table of (class, output shape, parameters) and print what differs.

    A quick self-check for the exercises; the grader's hidden tests also
    compare settings (padding, strides, activations, initialisers...) and
    the outputs.
    """
    actual = [(type(layer).__name__, tuple(layer.output.shape), layer.count_params()) for layer in model.layers]
    problems = []
    if len(actual) != len(expected):
        problems.append(f"{len(expected)} layers expected, got {len(actual)}: {[row[0] for row in actual]}")
    for index, (want, got) in enumerate(zip(expected, actual, strict=False)):
        if tuple(want) != got:
            problems.append(f"layer {index}: {tuple(want)} expected, got {got}")
    if problems:
        print("\n".join(problems[:6]))
    else:
        print(f"All {len(actual)} layers match: class, output shape and number of parameters.")


# ---------------------------------------------------------------------------
# Support for the lab's checks (called by the grader inside your process).
# ---------------------------------------------------------------------------

# How the next model is probed: BatchNormalization mode, batch size, input seed.
# A check case sets it first (`probe_setting`), then `model_probe` reads it.
_probe = {"training": False, "m": 3, "seed": 7}


def probe_setting(namespace, training, m, seed):
    """Check preparation (`Case.prepare`): how `model_probe` will run the next model."""
    _probe.update(training=bool(training), m=int(m), seed=int(seed))


def set_fixed_weights(model):
    """Give every weight fixed values that depend only on its shape, position and role.

    Kernels are scaled by their fan-in so that activations stay moderate (a
    sigmoid or softmax output that is not saturated shows differences);
    BatchNormalization statistics stay valid (a positive variance).
    """
    for index, variable in enumerate(model.weights):
        shape = tuple(int(d) for d in variable.shape)
        size = int(np.prod(shape)) if shape else 1
        wave = np.sin(0.37 * np.arange(size) + 1.3 * index + 0.5)
        role = variable.name.split("/")[-1]
        if role == "moving_variance":
            values = 1.0 + 0.5 * wave**2
        elif role == "gamma":
            values = 1.0 + 0.2 * wave
        elif role in ("beta", "moving_mean", "bias"):
            values = 0.1 * wave
        else:
            fan_in = int(np.prod(shape[:-1])) if len(shape) > 1 else 1
            values = wave * math.sqrt(3.0 / fan_in)
        variable.assign(values.reshape(shape).astype(np.float32))


def _normalise_axes(summary):
    """BatchNormalization over axis -1 or axis 3 of a 4-D tensor is the same layer: report both as 3."""
    for layer in summary.layers:
        shape = layer.get("output_shape")
        if layer.get("config", {}).get("axis") == -1 and isinstance(shape, tuple):
            layer["config"]["axis"] = len(shape) - 1
    return summary


def model_probe(model):
    """Check hook: what kind of model it is, its layers, and its outputs with fixed weights.

    The outputs come from `m` generated images in [0, 1], with BatchNormalization
    in inference mode or (training=True) using the batch's own statistics.
    """
    if not is_keras_model(model):
        return {"kind": type(model).__name__, "structure": to_plain(model), "outputs": None}
    plain = {"kind": "Sequential" if isinstance(model, keras.Sequential) else "Model", "structure": to_plain(model)}
    if isinstance(plain["structure"], KerasModel):
        _normalise_axes(plain["structure"])
    try:
        set_fixed_weights(model)
        rng = np.random.default_rng(_probe["seed"])
        shape = (_probe["m"], *(int(d) for d in model.inputs[0].shape[1:]))
        images = rng.uniform(0.0, 1.0, shape).astype(np.float32)
        plain["outputs"] = np.asarray(model(images, training=_probe["training"]))
    except Exception as exc:  # a wrongly built model may not run at all
        plain["outputs"] = f"the model could not be run: {type(exc).__name__}: {str(exc)[:200]}"
    return plain
