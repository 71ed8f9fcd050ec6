"""Given helpers of the car-detection lab (c4w3a1): you do not need to edit this file.

* reading the class names and anchors, loading and resizing an image;
* `yolo_head`, which turns the raw network output into boxes, confidences and
  class probabilities; `yolo_boxes_to_corners` and `scale_boxes`;
* drawing boxes on an image;
* `load_yolo_model`, the deterministic YOLO stand-in (see the notebook);
* support for the lab's checks (generated tensors).
"""

from __future__ import annotations

import colorsys
import functools
import random

import numpy as np
import tensorflow as tf
from PIL import Image, ImageDraw, ImageFont

from autograder.data import road

__all__ = [
    "draw_boxes",
    "get_colors_for_classes",
    "load_yolo_model",
    "preprocess_image",
    "read_anchors",
    "read_classes",
    "scale_boxes",
    "write_road_data",
    "yolo_boxes_to_corners",
    "yolo_head",
]


def write_road_data(folder="data"):
    """Generate the road images and model_data files under `folder` (first use only); return the folder."""
    return road.write_files(folder)


def read_classes(classes_path):
    """The class names, one per line of the file."""
    with open(classes_path) as f:
        return [line.strip() for line in f if line.strip()]


def read_anchors(anchors_path):
    """The anchor boxes (width, height) in grid cells, as an array of shape (num_anchors, 2)."""
    with open(anchors_path) as f:
        values = [float(x) for x in f.readline().split(",")]
    return np.array(values).reshape(-1, 2)


def load_yolo_model():
    """The YOLO stand-in: call it on a (m, 608, 608, 3) batch to get the raw (m, 19, 19, 5, 85) output."""
    return road.YoloStandIn()


def preprocess_image(img_path, model_image_size=(608, 608)):
    """Open an image and resize it for the model.

    Returns:
    image -- the original PIL image (for drawing)
    image_data -- float32 array (1, height, width, 3) with values in [0, 1]
    """
    image = Image.open(img_path).convert("RGB")
    resized = image.resize(tuple(reversed(model_image_size)), Image.BICUBIC)
    image_data = np.asarray(resized, dtype=np.float32) / 255.0
    return image, np.expand_dims(image_data, 0)


def yolo_head(feats, anchors, num_classes):
    """Decode the raw network output into boxes, confidences and class probabilities.

    Arguments:
    feats -- raw output, shape (m, grid_h, grid_w, num_anchors * (5 + num_classes)) or
             (m, grid_h, grid_w, num_anchors, 5 + num_classes)
    anchors -- array (num_anchors, 2): anchor widths and heights in grid cells
    num_classes -- number of classes

    Returns (each with shape (m, grid_h, grid_w, num_anchors, .)):
    box_xy -- box centres (x, y) as fractions of the image width and height
    box_wh -- box widths and heights as fractions of the image
    box_confidence -- probability p_c that the slot holds an object, last axis 1
    box_class_probs -- probabilities of the classes, last axis num_classes
    """
    feats = tf.convert_to_tensor(feats, dtype=tf.float32)
    num_anchors = len(anchors)
    grid_h, grid_w = int(feats.shape[1]), int(feats.shape[2])
    feats = tf.reshape(feats, [-1, grid_h, grid_w, num_anchors, num_classes + 5])
    anchors_tensor = tf.reshape(tf.constant(anchors, dtype=feats.dtype), [1, 1, 1, num_anchors, 2])
    # (column, row) of every cell: x runs along the width, y along the height
    cols, rows = tf.meshgrid(tf.range(grid_w), tf.range(grid_h))
    cell = tf.cast(tf.stack([cols, rows], axis=-1), feats.dtype)[tf.newaxis, :, :, tf.newaxis, :]
    grid = tf.constant([grid_w, grid_h], dtype=feats.dtype)
    box_xy = (tf.sigmoid(feats[..., 0:2]) + cell) / grid
    box_wh = tf.exp(feats[..., 2:4]) * anchors_tensor / grid
    box_confidence = tf.sigmoid(feats[..., 4:5])
    box_class_probs = tf.nn.softmax(feats[..., 5:])
    return box_xy, box_wh, box_confidence, box_class_probs


def yolo_boxes_to_corners(box_xy, box_wh):
    """Centres and sizes -> corners (y_min, x_min, y_max, x_max), the order TensorFlow's NMS expects."""
    box_mins = box_xy - box_wh / 2.0
    box_maxes = box_xy + box_wh / 2.0
    return tf.concat([box_mins[..., 1:2], box_mins[..., 0:1], box_maxes[..., 1:2], box_maxes[..., 0:1]], axis=-1)


def scale_boxes(boxes, image_shape):
    """Corners as fractions of the image -> corners in pixels of an image of shape (height, width)."""
    boxes = tf.convert_to_tensor(boxes)
    height, width = float(image_shape[0]), float(image_shape[1])
    image_dims = tf.reshape(tf.constant([height, width, height, width], dtype=boxes.dtype), [1, 4])
    return boxes * image_dims


def get_colors_for_classes(num_classes):
    """One bright RGB colour per class, the same on every call."""
    hsv = [(x / num_classes, 0.9, 1.0) for x in range(num_classes)]
    colors = [tuple(int(255 * c) for c in colorsys.hsv_to_rgb(*value)) for value in hsv]
    random.Random(10101).shuffle(colors)  # neighbouring classes get different colours
    return colors


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # older Pillow: a fixed-size bitmap font
        return ImageFont.load_default()


def draw_boxes(image, boxes, box_classes, class_names, scores=None):
    """Draw labelled boxes on a PIL image (in place).

    boxes -- (n, 4) corners (y_min, x_min, y_max, x_max) in pixels
    box_classes -- (n,) class indices; scores -- (n,) or None
    """
    boxes, box_classes = np.asarray(boxes), np.asarray(box_classes)
    scores = None if scores is None else np.asarray(scores)
    colors = get_colors_for_classes(len(class_names))
    font = _font(max(12, image.size[1] // 40))
    thickness = max(2, (image.size[0] + image.size[1]) // 600)
    draw = ImageDraw.Draw(image)
    for i in range(len(boxes)):
        c = int(box_classes[i])
        label = class_names[c] if scores is None else f"{class_names[c]} {scores[i]:.2f}"
        top, left, bottom, right = (float(v) for v in boxes[i])
        top, left = max(0, round(top)), max(0, round(left))
        bottom, right = min(image.size[1] - 1, round(bottom)), min(image.size[0] - 1, round(right))
        for k in range(thickness):
            draw.rectangle([left + k, top + k, right - k, bottom - k], outline=colors[c])
        x0, y0, x1, y1 = draw.textbbox((0, 0), label, font=font)
        text_w, text_h = x1 - x0, y1 - y0
        text_top = top - text_h - 6 if top - text_h - 6 >= 0 else top + 1
        draw.rectangle([left, text_top, left + text_w + 6, text_top + text_h + 6], fill=colors[c])
        draw.text((left + 3, text_top + 3 - y0), label, fill=(0, 0, 0), font=font)
    return image


# ---------------------------------------------------------------------------
# Support for the lab's checks (called by the grader inside your process).
# ---------------------------------------------------------------------------


def random_normal(shape, mean, stddev, seed):
    """A float32 tensor of normal values, reproducible from `seed` (tf.random.Generator)."""
    return tf.random.Generator.from_seed(seed).normal(shape, mean=mean, stddev=stddev)


def filter_inputs(kind, seed, grid=19, anchors=5, classes=80):
    """Inputs of yolo_filter_boxes: boxes, box_confidence, box_class_probs (a tuple of tensors).

    kind "normal": N(1, 4) values as in the original lab; "decoded": yolo_head of random raw values;
    "boundary": class scores exactly 0.5 or 0.25 (and box confidence 1).
    """
    shape = (grid, grid, anchors)
    if kind == "normal":
        return (
            random_normal((*shape, 4), 1.0, 4.0, seed),
            random_normal((*shape, 1), 1.0, 4.0, seed + 1),
            random_normal((*shape, classes), 1.0, 4.0, seed + 2),
        )
    if kind == "decoded":
        xy, wh, confidence, probs = decoded_outputs(seed, grid, anchors, classes)
        return yolo_boxes_to_corners(xy, wh)[0], confidence[0], probs[0]
    if kind == "boundary":
        rng = np.random.default_rng(seed)
        probs = np.full((*shape, classes), 0.25 / max(classes - 1, 1), dtype=np.float32)
        best = rng.integers(0, classes, shape)
        top = np.where(rng.random(shape) < 0.5, 0.5, 0.25).astype(np.float32)
        np.put_along_axis(probs, best[..., None], top[..., None], axis=-1)
        boxes = rng.uniform(0, 1, (*shape, 4)).astype(np.float32)
        return tf.constant(boxes), tf.ones((*shape, 1)), tf.constant(probs)
    raise ValueError(f"unknown kind {kind!r}")


def filter_input(kind, seed, position, *shape):
    """One of the three `filter_inputs` tensors (a check argument is built one at a time)."""
    return filter_inputs(kind, seed, *shape)[position]


def decoded_outputs(seed, grid=19, anchors=5, classes=80, confidence_shift=-2.0):
    """yolo_head applied to random raw values: (box_xy, box_wh, box_confidence, box_class_probs), batch 1."""
    raw = random_normal((1, grid, grid, anchors, 5 + classes), 0.0, 1.5, seed)
    raw = tf.concat([raw[..., :4] * 0.7, raw[..., 4:5] + confidence_shift, raw[..., 5:] * 2.0], axis=-1)
    grid_anchors = road.ANCHORS[:anchors] * grid / 19.0
    return yolo_head(raw, grid_anchors, classes)


def eval_inputs(kind, seed, grid=19, anchors=5, classes=80):
    """The `yolo_outputs` tuple of yolo_eval.

    "normal": four N(1, 4) tensors of YOLO shapes (19, 19, 5, .) without a batch axis;
    "decoded": yolo_head of random raw values (batch 1); "road": the stand-in's output on road image `seed`.
    """
    if kind == "normal":
        shape = (grid, grid, anchors)
        return (
            random_normal((*shape, 2), 1.0, 4.0, seed),
            random_normal((*shape, 2), 1.0, 4.0, seed + 1),
            random_normal((*shape, 1), 1.0, 4.0, seed + 2),
            random_normal((*shape, classes), 1.0, 4.0, seed + 3),
        )
    if kind == "decoded":
        return decoded_outputs(seed, grid, anchors, classes, confidence_shift=0.5)
    if kind == "road":
        return yolo_head(_road_output(seed), road.ANCHORS, len(road.COCO_CLASSES))
    raise ValueError(f"unknown kind {kind!r}")


@functools.lru_cache(maxsize=8)
def _road_output(index):
    """The stand-in's raw output on road scene `index` (drawing the scene takes a moment: kept)."""
    image = road.draw_scene(index).resize((608, 608), Image.BICUBIC)
    image_data = np.asarray(image, dtype=np.float32)[None] / 255.0
    return np.asarray(road.YoloStandIn()(image_data))


def nms_input(seed, n, position):
    """One of scores (n,), boxes (n, 4) corners in pixels, classes (n,) int64: clusters of overlapping boxes."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(50, 550, (max(1, n // 4), 2))
    which = rng.integers(0, len(centres), n)
    centre = centres[which] + rng.normal(0, 12, (n, 2))
    size = rng.uniform(40, 120, (n, 2))
    boxes = np.concatenate([centre - size / 2, centre + size / 2], axis=1).astype(np.float32)
    scores = rng.uniform(0.3, 1.0, n).astype(np.float32)
    classes = rng.integers(0, 80, n).astype(np.int64)
    return tf.constant([scores, boxes, classes][position])

