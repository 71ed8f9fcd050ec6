"""Given helpers for the neural machine translation lab (dates -> ISO dates).

Students receive this file next to the notebook.  The dates come from the
project's own generator (no download, no fake-data library).
"""

from __future__ import annotations

import keras
import matplotlib.pyplot as plt
import numpy as np
from keras.layers import LSTM, Activation, Concatenate, Dense, Dot, RepeatVector
from keras.optimizers.schedules import LearningRateSchedule

from autograder.compare import is_keras_model
from autograder.data.dates import load_dataset as _generate_dates

__all__ = [
    "attention_weights",
    "int_to_string",
    "load_dataset",
    "plot_attention_map",
    "preprocess_data",
    "softmax",
    "string_to_int",
]


def load_dataset(m):
    """Generate `m` (human date, ISO date) pairs and the two vocabularies.

    Returns:
    dataset -- list of m tuples (human readable date, machine readable date)
    human_vocab -- dict character -> index (with '<unk>' and '<pad>' last)
    machine_vocab -- dict character -> index (the digits and '-')
    inv_machine_vocab -- dict index -> character, the inverse of machine_vocab
    """
    return _generate_dates(m)


def string_to_int(string, length, vocab):
    """Turn a string into a list of `length` vocabulary indices.

    The string is lower-cased, commas are dropped, it is cut to `length`
    characters, unknown characters map to '<unk>' and the rest is filled with
    '<pad>'.
    """
    string = string.lower().replace(",", "")
    if len(string) > length:
        string = string[:length]
    indices = [vocab.get(char, vocab.get("<unk>")) for char in string]
    if len(string) < length:
        indices += [vocab["<pad>"]] * (length - len(string))
    return indices


def int_to_string(ints, inv_vocab):
    """Map a sequence of indices back to a list of characters."""
    return [inv_vocab[int(i)] for i in ints]


def _one_hot(indices, depth):
    return np.eye(depth, dtype=np.float32)[np.asarray(indices)]


def preprocess_data(dataset, human_vocab, machine_vocab, Tx, Ty):
    """Index and one-hot encode the pairs.

    Returns:
    X -- (m, Tx) int indices of the human dates
    Y -- (m, Ty) int indices of the ISO dates
    Xoh -- (m, Tx, len(human_vocab)) one-hot float32
    Yoh -- (m, Ty, len(machine_vocab)) one-hot float32
    """
    humans, machines = zip(*dataset, strict=True)
    X = np.array([string_to_int(h, Tx, human_vocab) for h in humans])
    Y = np.array([string_to_int(t, Ty, machine_vocab) for t in machines])
    Xoh = _one_hot(X, len(human_vocab))
    Yoh = _one_hot(Y, len(machine_vocab))
    return X, Y, Xoh, Yoh


def softmax(x, axis=1):
    """Softmax over `axis` (default 1, the time axis of a (m, Tx, 1) tensor), with keras.ops."""
    if len(x.shape) < 2:
        raise ValueError("softmax needs a tensor of at least 2 dimensions")
    return keras.ops.softmax(x, axis=axis)


def _attention_outputs(modelx, layer_name):
    """The outputs of every call of the attention layer inside `modelx`, in time order."""
    layer = modelx.get_layer(layer_name)
    # A shared layer may also have been called by other models: keep this model's calls only.
    in_model = {id(node) for nodes in modelx._nodes_by_depth.values() for node in nodes}
    return [node.outputs[0] for node in layer._inbound_nodes if id(node) in in_model]


def attention_weights(modelx, Xoh, n_s, layer_name="attention_weights"):
    """The attention weights alpha<t, t'> of `modelx` for the one-hot inputs `Xoh`.

    Returns an array of shape (m, Ty, Tx): one row of weights per output step.
    """
    Xoh = np.asarray(Xoh, dtype=np.float32)
    m = Xoh.shape[0]
    probe = keras.Model(modelx.inputs, _attention_outputs(modelx, layer_name))
    zeros = np.zeros((m, n_s), dtype=np.float32)
    alphas = probe([Xoh, zeros, zeros], training=False)
    # each element is (m, Tx, 1): stack over time to (m, Ty, Tx)
    return np.stack([np.asarray(a)[:, :, 0] for a in alphas], axis=1)


def plot_attention_map(modelx, input_vocabulary, inv_output_vocabulary, text, n_s=64, Tx=30, Ty=10,
                       layer_name="attention_weights"):
    """Plot the attention weights of `modelx` while it translates `text`.

    Rows are the output characters, columns the input characters; a bright
    cell means the output character at that row looked at that input
    character.  Returns the (Ty, Tx) attention map.
    """
    encoded = np.array(string_to_int(text, Tx, input_vocabulary))
    Xoh = _one_hot(encoded, len(input_vocabulary))[None]
    attention_map = attention_weights(modelx, Xoh, n_s, layer_name)[0]

    zeros = np.zeros((1, n_s), dtype=np.float32)
    prediction = modelx([Xoh, zeros, zeros], training=False)
    predicted = [int(np.argmax(np.asarray(p)[0])) for p in prediction]
    output_chars = int_to_string(predicted, inv_output_vocabulary)
    input_chars = list(text.lower().replace(",", ""))[:Tx]

    shown = attention_map[:, : len(input_chars)]
    fig, ax = plt.subplots(figsize=(max(6, 0.45 * len(input_chars) + 2), 5))
    image = ax.imshow(shown, cmap="Blues", vmin=0, aspect="auto")
    fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, label="attention weight")
    ax.set_xticks(range(len(input_chars)))
    ax.set_xticklabels(["_" if c == " " else c for c in input_chars])
    ax.set_yticks(range(Ty))
    ax.set_yticklabels(output_chars[:Ty])
    ax.set_xlabel("input sequence (human-readable date)")
    ax.set_ylabel("output sequence (ISO date)")
    ax.set_title(f"Attention map for '{text}'")
    plt.tight_layout()
    plt.show()
    return attention_map


# ---------------------------------------------------------------------------
# Support for the lab's checks (called by the grader inside your process).
# ---------------------------------------------------------------------------

SHARED_LAYER_NAMES = (
    "repeator",
    "concatenator",
    "densor1",
    "densor2",
    "activator",
    "dotor",
    "post_activation_LSTM_cell",
    "output_layer",
)


def shared_layers(Tx, n_s, machine_vocab_size, seed=0):
    """The eight shared layers, new and with seeded initialisers (name -> layer)."""

    def glorot(offset):
        return keras.initializers.GlorotUniform(seed=seed + offset)

    def small(offset):
        return keras.initializers.RandomUniform(-0.2, 0.2, seed=seed + offset)

    return {
        "repeator": RepeatVector(Tx),
        "concatenator": Concatenate(axis=-1),
        "densor1": Dense(10, activation="tanh", kernel_initializer=glorot(1), bias_initializer=small(2)),
        "densor2": Dense(1, activation="relu", kernel_initializer=glorot(3), bias_initializer=small(4)),
        "activator": Activation(softmax, name="attention_weights"),
        "dotor": Dot(axes=1),
        "post_activation_LSTM_cell": LSTM(
            n_s,
            return_state=True,
            kernel_initializer=glorot(5),
            recurrent_initializer=keras.initializers.Orthogonal(seed=seed + 6),
        ),
        "output_layer": Dense(machine_vocab_size, activation=softmax, kernel_initializer=glorot(7)),
    }


def install_shared_layers(namespace, Tx, n_s, machine_vocab_size, seed=0):
    """Check hook (`Case.prepare`): put freshly seeded shared layers into `namespace`."""
    namespace.update(shared_layers(Tx, n_s, machine_vocab_size, seed))


LEARNING_RATE_STEPS = (0, 1, 10, 100, 1000)


def _name_of(item):
    """'categorical_crossentropy' for the string, the loss object or the loss function alike."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):  # a serialised Keras object
        config = item.get("config")
        if isinstance(config, dict) and isinstance(config.get("name"), str):
            return config["name"]
        return str(item.get("class_name"))
    name = getattr(item, "name", None) or getattr(item, "__name__", None)
    return name if isinstance(name, str) else type(item).__name__


def _learning_rates(optimizer):
    """The learning rate at a few training steps (a constant rate gives equal values)."""
    rate = getattr(optimizer, "_learning_rate", None)
    if isinstance(rate, LearningRateSchedule):
        return np.array([np.asarray(rate(step)).item() for step in LEARNING_RATE_STEPS])
    return np.full(len(LEARNING_RATE_STEPS), np.asarray(optimizer.learning_rate).item())


def compile_settings(namespace):
    """What the compile cell decided, as plain data (one entry per graded property)."""
    model = namespace.get("model")
    if not is_keras_model(model):
        raise ValueError("`model` is not a Keras model: build it with modelf first")
    if not model.compiled:
        raise ValueError("`model` is not compiled: call model.compile(...)")
    optimizer = model.optimizer
    config = model.get_compile_config()
    metrics = config.get("metrics")
    return {
        "optimizer class": type(optimizer).__name__,
        "model compiled with opt": optimizer is namespace.get("opt"),
        "learning rate at steps 0, 1, 10, 100, 1000": _learning_rates(optimizer),
        "beta_1": float(optimizer.beta_1),
        "beta_2": float(optimizer.beta_2),
        "loss": _name_of(config.get("loss")),
        "metrics": [_name_of(metric) for metric in metrics] if isinstance(metrics, list | tuple) else metrics,
    }


