"""Given helpers of the transfer-learning lab (c4w2a2): you do not need to edit this file.

The photos come from the course's own generator (no download): `load_alpaca`
writes them on first use (see `autograder/data/alpaca.py`).  There are no
ImageNet weights offline, so MobileNetV2 starts from a fixed random
initialisation; `calibrate_batch_norm` sets its batch-normalisation
statistics from our own images.
"""

from __future__ import annotations

from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np

from autograder.compare import is_keras_model, to_plain
from autograder.data import alpaca

__all__ = ["calibrate_batch_norm", "extract_features", "load_alpaca", "plot_history", "show_batch"]


def load_alpaca(folder="data"):
    """Write the 327 photos on first use; return the folder with the two class folders."""
    return Path(alpaca.write_images(folder))


def show_batch(images, titles, rows=3, cols=3, size=2.2):
    """Show up to rows*cols pictures (uint8 or float values in [0, 255]) with titles."""
    fig, axes = plt.subplots(rows, cols, figsize=(size * cols, size * rows + 0.3))
    for ax, image, title in zip(axes.flat, images, titles, strict=False):
        ax.imshow(np.clip(np.asarray(image), 0, 255).astype("uint8"))
        ax.set_title(title)
        ax.axis("off")
    for ax in list(axes.flat)[len(images):]:
        ax.axis("off")
    plt.tight_layout()
    plt.show()


def calibrate_batch_norm(base_model, images):
    """Set every BatchNormalization layer's moving mean and variance from one batch of `images`.

    `images` are already preprocessed (values in [-1, 1]).  One forward pass in
    training mode, with the moving averages' momentum at 0, replaces the
    statistics by those of this batch, layer after layer; the weights are left
    as they are.  A pretrained network comes with such statistics; a freshly
    initialised one has mean 0 and variance 1 everywhere, and its signal
    fades away through its 150 layers.
    """
    layers = [layer for layer in base_model.layers if isinstance(layer, keras.layers.BatchNormalization)]
    trainable = base_model.trainable
    momenta = [layer.momentum for layer in layers]
    base_model.trainable = True  # BatchNormalization only uses batch statistics when trainable
    for layer in layers:
        layer.momentum = 0.0
    base_model(images, training=True)
    for layer, momentum in zip(layers, momenta, strict=True):
        layer.momentum = momentum
    base_model.trainable = trainable


def extract_features(base_model, dataset, preprocess_input, chunk=128):
    """The base model's features of every picture, averaged over the positions: (m, channels) and the labels (m,)."""
    images, labels = zip(*[(np.asarray(x), np.asarray(y)) for x, y in dataset], strict=True)
    images, labels = np.concatenate(images), np.concatenate(labels)
    features = []
    for start in range(0, len(images), chunk):
        maps = base_model(preprocess_input(keras.ops.convert_to_tensor(images[start : start + chunk])), training=False)
        features.append(np.asarray(keras.ops.mean(maps, axis=(1, 2))))
    return np.concatenate(features), labels


def plot_history(acc, val_acc, loss, val_loss, marker=None):
    """Training and validation accuracy and loss per epoch; `marker` draws a line where fine-tuning starts."""
    epochs = np.arange(1, len(acc) + 1)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.4))
    for ax, train, val, name in ((ax1, acc, val_acc, "accuracy"), (ax2, loss, val_loss, "loss")):
        ax.plot(epochs, train, "o-", label=f"training {name}")
        ax.plot(epochs, val, "o-", label=f"validation {name}")
        if marker is not None:
            ax.axvline(marker + 0.5, color="grey", linestyle="--", label="start of fine-tuning")
        ax.set_xlabel("epoch")
        ax.set_xticks(epochs)
        ax.set_title(name.capitalize())
        ax.legend()
    ax1.set_ylim(0, 1)
    plt.tight_layout()
    plt.show()


# ---------------------------------------------------------------------------
# Support for the lab's checks (called by the grader inside your process).
# ---------------------------------------------------------------------------

def check_augmenter():
    """Check input: the two augmentation layers of the exercise, with fixed seeds."""
    return keras.Sequential([keras.layers.RandomFlip("horizontal", seed=11), keras.layers.RandomRotation(0.2, seed=12)])


def _probe_pictures(height, width, m=2, seed=5):
    """Pictures with values in [0, 255]: smooth gradients plus noise, so that flips and rotations show."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    pictures = []
    for _ in range(m):
        a, b, c = rng.uniform(-1, 1, 3)
        base = 127 + 100 * np.sin(a * xx / 4 + b * yy / 5 + c)
        channels = [base, 255 - base, 128 + 0.5 * (xx * 255 / width - 128)]
        pictures.append(np.stack(channels, axis=-1) + rng.normal(0, 10, (height, width, 3)))
    return np.clip(np.array(pictures), 0, 255).astype(np.float32)


AUGMENTER_SETTINGS = ("mode", "factor", "fill_mode", "interpolation")


def augmenter_probe(augmenter):
    """Check hook (`outputs`): what data_augmenter returned, as plain data.

    Its class, its layers and their settings, and two batches of augmented
    pictures (random draws from the layers' seeded generators).
    """
    if not is_keras_model(augmenter):
        return {"class": type(augmenter).__name__}
    pictures = _probe_pictures(24, 20)
    return {
        "class": type(augmenter).__name__,
        "layers": [type(layer).__name__ for layer in augmenter.layers],
        "settings": [
            {key: to_plain(_setting(value)) for key, value in layer.get_config().items() if key in AUGMENTER_SETTINGS}
            for layer in augmenter.layers
        ],
        "augmented pictures (first call)": np.asarray(augmenter(pictures, training=True)),
        "augmented pictures (second call)": np.asarray(augmenter(pictures, training=True)),
    }


def _setting(value):
    if isinstance(value, list | tuple):
        return tuple(float(v) if isinstance(v, int | float) else v for v in value)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def _weight_values(variable, index):
    """Fixed pseudo-random values for one weight (from its position in the model and its shape),
    scaled so that signals keep about the same size through the whole network."""
    shape = tuple(int(d) for d in variable.shape)
    rng = np.random.default_rng([index, *shape])
    path = variable.path
    if path.endswith("moving_variance"):
        return rng.uniform(0.8, 1.2, shape)
    if path.endswith("gamma"):
        return rng.uniform(0.9, 1.1, shape)
    if path.endswith(("moving_mean", "beta", "bias")):
        return rng.normal(0.0, 0.1, shape)
    fan_in = 9 if "depthwise" in path else int(np.prod(shape[:-1]))
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), shape)


def _base_models(model):
    return [layer for layer in model.layers if is_keras_model(layer) and layer.name.startswith("mobilenetv2")]


def _training_argument(layer):
    nodes = getattr(layer, "_inbound_nodes", [])
    if not nodes:
        return "never called"
    kwargs = getattr(nodes[0].arguments, "kwargs", {}) or {}
    return f"training={kwargs['training']}" if kwargs.get("training") is not None else "training not given"


def _count(weights):
    return int(sum(int(np.prod(w.shape)) for w in weights))


def alpaca_probe(model):
    """Check hook (`outputs`): what alpaca_model returned, as plain data.

    The layer-by-layer summary, the trainable and frozen parameter counts, how
    the MobileNetV2 base was called, and the outputs on generated pictures
    after every weight is set to fixed values.
    """
    if not is_keras_model(model):
        return {"structure": to_plain(model)}
    bases = _base_models(model)
    plain = {
        "structure": to_plain(model),
        "trainable parameters": _count(model.trainable_weights),
        "frozen parameters": _count(model.non_trainable_weights),
        "MobileNetV2 base called with": _training_argument(bases[0]) if bases else "no MobileNetV2 base model found",
    }
    try:
        for index, variable in enumerate(model.weights):
            variable.assign(_weight_values(variable, index).astype(np.float32))
        _, height, width, _ = (int(d) if d is not None else None for d in model.inputs[0].shape)
        plain["outputs"] = np.asarray(model(_probe_pictures(height, width), training=False))
    except Exception as exc:  # a wrongly built model may not run at all
        plain["outputs"] = f"the model could not be run: {type(exc).__name__}: {str(exc)[:200]}"
    return plain


def _describe_loss(loss):
    if isinstance(loss, str):
        return f"'{loss}'"
    name = type(loss).__name__
    if name == "function":
        return getattr(loss, "__name__", name)
    from_logits = getattr(loss, "from_logits", None)
    return f"{name}(from_logits={from_logits})" if from_logits is not None else name


def fine_tune_settings(namespace):
    """What the fine-tuning cell decided, as plain data (one entry per graded property)."""
    model2 = namespace.get("model2")
    if not is_keras_model(model2):
        raise ValueError("`model2` is not a Keras model: build it with alpaca_model first")
    bases = _base_models(model2)
    if not bases:
        raise ValueError("`model2` has no MobileNetV2 base model")
    base = bases[0]
    optimizer = namespace.get("optimizer")
    rate = getattr(optimizer, "learning_rate", None)
    config = model2.get_compile_config() if model2.compiled else {}
    metrics = config.get("metrics")
    return {
        "base_model is the MobileNetV2 inside model2": namespace.get("base_model") is base,
        "base_model.trainable": bool(base.trainable),
        "fine_tune_at": namespace.get("fine_tune_at"),
        "trainable flags of the base model's layers": np.array([layer.trainable for layer in base.layers]),
        "loss_function": _describe_loss(namespace.get("loss_function")),
        "optimizer": type(optimizer).__name__,
        "learning rate of optimizer": float(np.asarray(rate)) if rate is not None else None,
        "metrics used by model2": [m if isinstance(m, str) else type(m).__name__ for m in metrics] if isinstance(metrics, list | tuple) else None,
        "model2 compiled with loss_function and optimizer": bool(
            model2.compiled and model2.loss is namespace.get("loss_function") and model2.optimizer is optimizer
        ),
    }
