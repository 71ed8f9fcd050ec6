"""Given helpers of the residual networks lab (c4w2a1): you do not need to edit this file.

The hand-sign images come from the course's own generator (no download): see
`load_signs_dataset`.  For the experiment of section 4 this file also has a
"plain" block (an identity block without its shortcut), a small deep network
made of either kind of block, a short training loop, and the plots.  At the
bottom: the probes the grader uses to look at your blocks and models inside
your own process.
"""

from __future__ import annotations

import math

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras.initializers import glorot_uniform, random_uniform
from keras.layers import (
    Activation,
    AveragePooling2D,
    BatchNormalization,
    Conv2D,
    Dense,
    GlobalAveragePooling2D,
    Input,
)

from autograder.compare import KerasModel, is_keras_model, to_plain
from autograder.data import signs

__all__ = [
    "check_layers",
    "convert_to_one_hot",
    "deep_network",
    "gradient_norms",
    "load_signs_dataset",
    "plain_block",
    "plot_gradient_norms",
    "plot_training",
    "show_images",
    "stage_summary",
    "train_briefly",
]


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


def stage_summary(model):
    """Print the output shape after the stem, after each stage of blocks and after the head,
    with the number of blocks, layers and parameters of each part."""
    parts = [["stem", None, 0, 0]]  # name, output shape, layers, parameters
    previous = None
    for layer in model.layers:
        kind = type(layer).__name__
        if kind == "InputLayer":
            continue
        if kind == "AveragePooling2D":
            if parts[-1][2] == 0:
                parts.pop()
            parts.append(["head", None, 0, 0])
        part = parts[-1]
        part[1], part[2], part[3] = tuple(layer.output.shape), part[2] + 1, part[3] + layer.count_params()
        if (kind == "MaxPooling2D" and part[0] == "stem") or (kind == "Activation" and previous == "Add"):
            parts.append(["block", None, 0, 0])  # a block ends with the activation after its Add
        previous = kind
    # consecutive blocks with the same output shape form a stage
    merged = []
    for name, shape, layers, params in parts:
        if name == "block" and merged and merged[-1][0].startswith("stage") and merged[-1][1] == shape:
            merged[-1][2] += layers
            merged[-1][3] += params
            merged[-1][4] += 1
        elif name == "block":
            merged.append([f"stage {sum(m[0].startswith('stage') for m in merged) + 2}", shape, layers, params, 1])
        else:
            merged.append([name, shape, layers, params, 0])
    for name, shape, layers, params, blocks in merged:
        what = f"{blocks} blocks" if blocks else ""
        print(f"{name:>8}: {what:<9} output {str(shape):<20} {layers:>4} layers {params:>12,} parameters")
    print(f"{'total':>8}: {len(model.layers) - 1} layers (without the input), {model.count_params():,} parameters")


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
# The experiment: a deep network with or without shortcuts.
# ---------------------------------------------------------------------------


def plain_block(X, f, filters, initializer=random_uniform):
    """The identity block's main path with no shortcut: three convolutions, each followed by
    batch normalisation and a ReLU.  Same layers and the same starting weights as `identity_block`."""
    F1, F2, F3 = filters
    X = Conv2D(F1, 1, strides=(1, 1), padding="valid", kernel_initializer=initializer(seed=0))(X)
    X = BatchNormalization(axis=3)(X)
    X = Activation("relu")(X)
    X = Conv2D(F2, f, strides=(1, 1), padding="same", kernel_initializer=initializer(seed=0))(X)
    X = BatchNormalization(axis=3)(X)
    X = Activation("relu")(X)
    X = Conv2D(F3, 1, strides=(1, 1), padding="valid", kernel_initializer=initializer(seed=0))(X)
    X = BatchNormalization(axis=3)(X)
    X = Activation("relu")(X)
    return X


def deep_network(block, n_blocks=18, width=16, input_shape=(64, 64, 3), classes=6):
    """A deep, narrow network for the experiment: `n_blocks` blocks of three convolutions each.

    The images are first shrunk 8 times (64x64 -> 8x8) so that the experiment
    runs in seconds on a CPU.  Then a 3x3 convolution with `width` filters,
    the blocks (each `block(X, 3, [width // 2, width // 2, width])`), a
    global average and a softmax over the classes.
    """
    X_input = Input(input_shape)
    X = AveragePooling2D(8)(X_input)
    X = Conv2D(width, 3, padding="same", kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3)(X)
    X = Activation("relu")(X)
    for _ in range(n_blocks):
        X = block(X, 3, [width // 2, width // 2, width])
    X = GlobalAveragePooling2D()(X)
    X = Dense(classes, activation="softmax", kernel_initializer=glorot_uniform(seed=0))(X)
    return keras.Model(X_input, X)


def train_briefly(model, X, Y, epochs=6, learning_rate=0.05, batch_size=32, seed=0):
    """Train `model` with plain mini-batch gradient descent on (X, Y one-hot) and record each epoch.

    A short hand-written loop (one compiled step, then a Python loop over the
    mini-batches) instead of `model.fit`, because it starts faster on a CPU.
    The last incomplete mini-batch of each epoch is skipped.

    Returns:
    history -- {"loss": [...], "accuracy": [...]}, the averages over each epoch's mini-batches
    """
    optimizer = keras.optimizers.SGD(learning_rate=learning_rate)
    optimizer.build(model.trainable_variables)
    loss_fn = keras.losses.CategoricalCrossentropy()

    @tf.function
    def step(x, y):
        with tf.GradientTape() as tape:
            probabilities = model(x, training=True)
            loss = loss_fn(y, probabilities)
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables, strict=True))
        right = tf.cast(tf.argmax(probabilities, axis=1) == tf.argmax(y, axis=1), tf.float32)
        return loss, tf.reduce_mean(right)

    X = np.asarray(X, dtype=np.float32)
    Y = np.asarray(Y, dtype=np.float32)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    for _ in range(epochs):
        order = rng.permutation(len(X))
        losses, accuracies = [], []
        for start in range(0, len(X) - batch_size + 1, batch_size):
            batch = order[start : start + batch_size]
            loss, accuracy = step(tf.constant(X[batch]), tf.constant(Y[batch]))
            losses.append(loss.numpy().item())
            accuracies.append(accuracy.numpy().item())
        history["loss"].append(float(np.mean(losses)))
        history["accuracy"].append(float(np.mean(accuracies)))
    return history


def gradient_norms(model, X, Y):
    """The size (L2 norm) of the gradient of the loss with respect to each convolution's kernel,
    from the input side to the output side, for one batch at the starting weights."""
    loss_fn = keras.losses.CategoricalCrossentropy()
    kernels = [layer.kernel for layer in model.layers if isinstance(layer, Conv2D)]
    with tf.GradientTape() as tape:
        loss = loss_fn(np.asarray(Y, dtype=np.float32), model(np.asarray(X, dtype=np.float32), training=True))
    gradients = tape.gradient(loss, kernels)
    return np.array([tf.norm(g).numpy().item() for g in gradients])


def plot_gradient_norms(norms):
    """One line per network: gradient size per convolution, on a log scale."""
    plt.figure(figsize=(7, 3.6))
    for name, values in norms.items():
        plt.semilogy(np.arange(1, len(values) + 1), values, marker=".", label=name)
    plt.xlabel("convolution (1 = next to the input)")
    plt.ylabel("gradient norm (log scale)")
    plt.title("How much each layer's weights are pushed at the start")
    plt.legend()
    plt.tight_layout()
    plt.show()


def plot_training(histories):
    """Training loss and accuracy per epoch, one line per network."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.6))
    for name, history in histories.items():
        epochs = np.arange(1, len(history["loss"]) + 1)
        left.plot(epochs, history["loss"], marker="o", label=name)
        right.plot(epochs, history["accuracy"], marker="o", label=name)
    left.axhline(np.log(6), color="grey", linestyle=":", label="guessing (ln 6)")
    right.axhline(1 / 6, color="grey", linestyle=":", label="guessing (1/6)")
    left.set_title("Training loss")
    right.set_title("Training accuracy")
    right.set_ylim(0, 1.02)
    for ax in (left, right):
        ax.set_xlabel("epoch")
        ax.legend()
    plt.tight_layout()
    plt.show()


# ---------------------------------------------------------------------------
# Support for the lab's checks (called by the grader inside your process).
# ---------------------------------------------------------------------------

_probe_inputs: list = []
# How the next block or model is run: BatchNormalization mode and the seed of the inputs.
_probe = {"training": False, "seed": 7}


def probe_setting(namespace, training, seed):
    """Check preparation (`Case.prepare`): how the next probe runs the block or model."""
    _probe.update(training=bool(training), seed=int(seed))


def keras_input(shape, position=0):
    """Check factory (`checks.Live`): a fresh `keras.Input` of `shape` for a block under test."""
    if position == 0:
        _probe_inputs.clear()
    tensor = keras.Input(shape=tuple(int(d) for d in shape))
    _probe_inputs.append(tensor)
    return tensor


def _constant(seed=None):
    return keras.initializers.Constant(0.05)


_INITIALIZERS = {
    "random_uniform": keras.initializers.RandomUniform,
    "glorot_uniform": keras.initializers.GlorotUniform,
    "constant": _constant,
}


def initializer_named(name):
    """Check factory (`checks.Live`): an initialiser factory, called by the block as initializer(seed=0)."""
    return _INITIALIZERS[name]


def _normalise_axes(summary):
    """BatchNormalization over axis -1 or axis 3 of a 4-D tensor is the same layer: report both as 3."""
    for layer in summary.layers:
        shape = layer.get("output_shape")
        if layer.get("config", {}).get("axis") == -1 and isinstance(shape, tuple):
            layer["config"]["axis"] = len(shape) - 1
    return summary


def _run(model, make_inputs):
    try:
        rng = np.random.default_rng(_probe["seed"])
        inputs = [make_inputs(rng, (3, *(int(d) for d in tensor.shape[1:]))) for tensor in model.inputs]
        outputs = model(inputs if len(inputs) > 1 else inputs[0], training=_probe["training"])
        return [np.asarray(o) for o in outputs] if isinstance(outputs, list | tuple) else np.asarray(outputs)
    except Exception as exc:  # a wrongly built model may not run at all
        return f"the model could not be run: {type(exc).__name__}: {str(exc)[:200]}"


def _structure(model):
    plain = to_plain(model)
    if isinstance(plain, KerasModel):
        _normalise_axes(plain)
    return plain


def model_probe(model):
    """Check hook: a model's name, its layers, and its outputs (with its own starting weights) on 3 generated images."""
    if not is_keras_model(model):
        return {"name": None, "structure": to_plain(model), "outputs": None}
    return {
        "name": model.name,
        "structure": _structure(model),
        "outputs": _run(model, lambda rng, shape: rng.uniform(0.0, 1.0, shape).astype(np.float32)),
    }


def block_probe(result):
    """Check hook: wrap a block's output tensor in a model from the probe inputs, then compare its
    layers and its outputs (with the block's own seeded weights) on 3 generated tensors."""
    if not isinstance(result, keras.KerasTensor):
        return {"structure": to_plain(result), "outputs": None}
    try:
        inputs = _probe_inputs[0] if len(_probe_inputs) == 1 else list(_probe_inputs)
        model = keras.Model(inputs=inputs, outputs=result)
    except Exception as exc:  # e.g. an output that does not come from the given input
        return {"structure": f"the block's output does not come from its input: {type(exc).__name__}", "outputs": None}
    return {"structure": _structure(model), "outputs": _run(model, lambda rng, shape: rng.normal(0.0, 1.0, shape).astype(np.float32))}
