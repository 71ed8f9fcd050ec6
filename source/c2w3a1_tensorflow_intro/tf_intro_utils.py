"""Given helpers of the TensorFlow introduction lab (c2w3a1): you do not need to edit this file.

Plotting helpers for the notebook, and the small probes the grader uses to
look at your results inside your own process (what kind of object a result
is, and whether gradients flow through your forward pass).
"""

from __future__ import annotations

import copy
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from autograder import payload
from autograder.checks import describe_exception, seed_everything
from autograder.compare import compare, describe_type, to_plain

__all__ = [
    "check_example",
    "describe_tensor",
    "describe_parameters",
    "forward_gradients",
    "show_examples",
    "plot_training",
]

PARAMETER_NAMES = ("W1", "b1", "W2", "b2", "W3", "b3")


def _kind(value):
    if isinstance(value, tf.Variable):
        return "tf.Variable"
    if tf.is_tensor(value):
        return "tf.Tensor"
    return describe_type(value)


def _dtype(value):
    dtype = getattr(value, "dtype", None)
    return str(getattr(dtype, "name", dtype)) if dtype is not None else "no dtype"


def describe_tensor(value):
    """Check hook: a result as plain data -- what kind of object it is, its dtype, and its values."""
    return {"kind": _kind(value), "dtype": _dtype(value), "value": to_plain(value)}


def describe_parameters(parameters):
    """Check hook: `describe_tensor` of every entry of a parameters dictionary."""
    if not isinstance(parameters, dict):
        return to_plain(parameters)
    return {key: describe_tensor(value) for key, value in parameters.items()}


# (seed, layer sizes [n_x, n_1, n_2, n_3], m): the lab's network, a small one, one example
GRADIENT_CASES = [(0, (12288, 25, 12, 6), 4), (1, (5, 4, 3, 6), 7), (2, (8, 6, 5, 3), 1)]


def _variables(seed, sizes):
    rng = np.random.default_rng(seed)
    parameters = {}
    for layer in range(1, 4):
        shape_w = (sizes[layer], sizes[layer - 1])
        parameters[f"W{layer}"] = tf.Variable(rng.normal(0, 1 / np.sqrt(sizes[layer - 1]), shape_w).astype(np.float32))
        parameters[f"b{layer}"] = tf.Variable(rng.normal(0, 0.5, (sizes[layer], 1)).astype(np.float32))
    return parameters


def forward_gradients(namespace):
    """Check hook: call `forward_propagation` on tf.Variables under a GradientTape.

    For each case, the gradient of a fixed weighted sum of Z3 with respect to
    each of the six parameters, or a note that there is none (which happens
    when the forward pass leaves TensorFlow, e.g. through NumPy).
    """
    forward = namespace.get("forward_propagation")
    if not callable(forward):
        raise ValueError("forward_propagation is not defined: run its cell first")
    results = {}
    for seed, sizes, m in GRADIENT_CASES:
        rng = np.random.default_rng(seed + 100)
        parameters = _variables(seed, sizes)
        X = tf.constant(rng.uniform(0, 1, (sizes[0], m)).astype(np.float32))
        weights = tf.constant(rng.normal(0, 1, (sizes[3], m)).astype(np.float32))
        with tf.GradientTape() as tape:
            Z3 = forward(X, parameters)
            target = tf.reduce_sum(tf.cast(Z3, tf.float32) * weights)
        gradients = tape.gradient(target, [parameters[name] for name in PARAMETER_NAMES])
        results[f"layers {list(sizes)}, m={m}"] = {
            "d" + name: {"has a gradient": gradient is not None, "gradient": None if gradient is None else np.asarray(gradient)}
            for name, gradient in zip(PARAMETER_NAMES, gradients, strict=True)
        }
    return results


def check_example(name, namespace, folder="."):
    """Public test: run `name` on its example from public_tests.json and say what differs.

    Like `public_check`, but the result is first described by `describe_tensor`,
    so the example also checks that you return a TensorFlow tensor of the
    right dtype.
    """
    path = Path(folder) / "public_tests.json"
    if not path.is_file():
        print(f"(public test data {path.name} is missing next to the notebook; skipping)")
        return
    example = payload.loads(path.read_text())[name]
    function = namespace.get(name)
    if not callable(function):
        print(f"{name} is not defined yet: run its cell first.")
        return
    args, kwargs = copy.deepcopy((tuple(example["args"]), example["kwargs"]))
    seed_everything(example["seed"])
    try:
        actual = describe_tensor(function(*args, **kwargs))
    except Exception as exc:  # your code may raise anything
        print(f"{name} {describe_exception(exc)}")
        return
    problems = compare(example["expected"], actual, f"{name}()")
    if problems:
        print(f"{name}: public example FAILED")
        for line in problems:
            print("   ", line)
    else:
        print(f"{name}: public example passed (the hidden tests use more cases)")


def show_examples(images, labels, count=12, title=None):
    """Show the first `count` images with their labels."""
    columns = min(count, 6)
    rows = int(np.ceil(count / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(2 * columns, 2.5 * rows), squeeze=False)
    for ax, image, label in zip(axes.flat, images[:count], labels[:count], strict=False):
        ax.imshow(np.asarray(image))
        ax.set_title(f"label {int(label)}")
        ax.axis("off")
    for ax in list(axes.flat)[count:]:
        ax.axis("off")
    if title:
        fig.suptitle(title)
    plt.tight_layout()
    plt.show()


def plot_training(costs, train_acc, test_acc, learning_rate, every=1):
    """The cost and the two accuracies recorded during training, side by side."""
    epochs = np.arange(len(costs)) * every
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.8))
    left.plot(epochs, np.squeeze(costs))
    left.set_xlabel("epoch")
    left.set_ylabel("cost")
    left.set_title(f"Cost (learning rate {learning_rate:g})")
    right.plot(epochs, np.squeeze(train_acc), label="training set")
    right.plot(epochs, np.squeeze(test_acc), label="test set")
    right.set_xlabel("epoch")
    right.set_ylabel("accuracy")
    right.set_ylim(0, 1)
    right.legend()
    right.set_title("Accuracy")
    plt.tight_layout()
    plt.show()
