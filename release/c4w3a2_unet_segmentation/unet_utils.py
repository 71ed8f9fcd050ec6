"""Given helpers of the U-Net segmentation lab (c4w3a2): you do not need to edit this file.

The street scenes come from the course's own generator (no download): see
`load_street_paths`.  The rest draws images and masks, turns the network's
scores into a mask, and measures how many pixels it labels correctly.
"""

from __future__ import annotations

import warnings

import keras
import matplotlib.pyplot as plt
import numpy as np

from autograder.compare import KerasModel, to_plain
from autograder.data import street
from autograder.probes import model_structure_and_outputs

__all__ = [
    "CLASSES",
    "create_mask",
    "display",
    "load_street_paths",
    "mask_colours",
    "pixel_accuracy",
    "show_predictions",
    "summarize",
]

CLASSES = street.CLASSES  # class id -> name, for the ids the scenes use


def load_street_paths(folder="data"):
    """Sorted paths of the camera images and of their masks, generated on first use.

    Returns:
    image_list -- list of paths `<folder>/CameraRGB/<k>.png`
    mask_list -- list of paths `<folder>/CameraMask/<k>.png`, in the same order
    """
    return street.load_street_paths(folder)


def mask_colours(mask, n_classes=23):
    """An RGB picture of a class-id mask (H, W) or (H, W, 1): one fixed colour per class."""
    mask = np.asarray(mask)
    if mask.ndim == 3:
        mask = mask[..., 0]
    palette = (plt.get_cmap("tab20", 20)(np.arange(20))[:, :3] * 255).astype(np.uint8)
    palette = np.concatenate([palette, palette[:3] // 2])[:n_classes]
    return palette[np.clip(mask.astype(int), 0, n_classes - 1)]


def display(display_list, titles=("Input image", "True mask", "Predicted mask")):
    """Show an image next to one or two masks."""
    plt.figure(figsize=(4 * len(display_list), 3.4))
    for i, item in enumerate(display_list):
        plt.subplot(1, len(display_list), i + 1)
        plt.title(titles[i])
        item = np.asarray(item)
        plt.imshow(item if i == 0 else mask_colours(item))
        plt.axis("off")
    plt.show()


def create_mask(pred_mask):
    """The predicted class of each pixel: arg-max over the class scores of the first image, shape (H, W, 1)."""
    pred_mask = keras.ops.argmax(pred_mask, axis=-1)
    pred_mask = pred_mask[..., None]
    return pred_mask[0]


def show_predictions(model, dataset, num=1):
    """Display `num` images of the batched `dataset` with their true and predicted masks."""
    for image, mask in dataset.take(num):
        pred_mask = model.predict(image, verbose=0)
        display([image[0], mask[0], create_mask(pred_mask)])


def pixel_accuracy(model, dataset):
    """Fraction of pixels whose predicted class equals the true class, over a batched dataset."""
    right = total = 0
    for image, mask in dataset:
        predicted = np.argmax(model.predict(image, verbose=0), axis=-1)
        truth = np.asarray(mask)[..., 0]
        right += int(np.sum(predicted == truth))
        total += truth.size
    return right / total


def summarize(model):
    """Print one line per layer: class, output shape, number of parameters (and the total)."""
    for layer in model.layers:
        output = layer.output
        shape = [tuple(t.shape) for t in output] if isinstance(output, list) else tuple(output.shape)
        print(f"{type(layer).__name__:>16}  {str(shape):<24} {layer.count_params():>9,} parameters")
    print(f"{'total':>16}  {'':<24} {model.count_params():>9,} parameters")


# ---------------------------------------------------------------------------
# Support for the lab's checks (called by the grader inside your process).
# ---------------------------------------------------------------------------

_probe_inputs: list = []


def keras_input(shape, position=0):
    """Check factory (`checks.Live`): a fresh `keras.Input` of `shape` for a block under test.

    Position 0 starts a new block call; the inputs are remembered so that the
    block's outputs can be wrapped in a model.
    """
    if position == 0:
        _probe_inputs.clear()
    tensor = keras.Input(shape=tuple(int(d) for d in shape))
    _probe_inputs.append(tensor)
    return tensor


def _same_axis_names(summary):
    """Concatenating 4-D tensors on axis -1 or on axis 3 is the same operation: report both as 3."""
    for layer in summary.layers:
        shape = layer.get("output_shape")
        if layer.get("class") == "Concatenate" and layer["config"].get("axis") == -1 and isinstance(shape, tuple):
            layer["config"]["axis"] = len(shape) - 1
    return summary


def model_probe(model):
    """Check hook: a model's layer-by-layer summary and its outputs with fixed weights."""
    with warnings.catch_warnings():  # Keras warns when a one-input model is called with a list
        warnings.simplefilter("ignore")
        plain = model_structure_and_outputs(model)
    if isinstance(plain.get("structure"), KerasModel):
        _same_axis_names(plain["structure"])
    return plain


def block_probe(result):
    """Check hook: wrap a block's output tensor(s) in a model from the probe inputs, then `model_probe` it."""
    outputs = list(result) if isinstance(result, list | tuple) else [result]
    if not outputs or not all(isinstance(t, keras.KerasTensor) for t in outputs):
        return {"structure": to_plain(result), "outputs": None}
    try:
        model = keras.Model(inputs=list(_probe_inputs), outputs=outputs)
    except Exception as exc:  # e.g. outputs that do not come from the given inputs
        return {"structure": f"the block's outputs do not come from its inputs: {type(exc).__name__}", "outputs": None}
    return model_probe(model)
