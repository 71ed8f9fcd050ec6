# %% [markdown]
# # Car detection with YOLO
#
# A self-driving car has to know, many times per second, *what* is in front of
# its camera and *where*. Answering both questions at once is called **object
# detection**: the output is a list of boxes, each with a class ("car") and a
# score that says how sure the model is.
#
# **YOLO** ("you only look once") does this with a single forward pass of one
# convolutional network over the whole image. The network does not look at
# thousands of crops one after the other; it predicts every box in parallel,
# which is why it runs in real time. The price is that its raw output is a
# large tensor of candidate boxes, most of them useless or redundant. Turning
# that tensor into a clean list of detections is your job in this lab:
#
# 1. `yolo_filter_boxes`: drop the boxes whose class score is too low;
# 2. `iou`: measure how much two boxes overlap;
# 3. `yolo_non_max_suppression`: among boxes that cover the same object, keep
#    the best one;
# 4. `yolo_eval`: chain everything, from the decoded network output to boxes in
#    pixels.
#
# **Rules of the road.** Write your code between `# YOUR CODE HERE` and the end
# of each function, and delete the `raise NotImplementedError()` line. Do not
# rename functions or change their arguments: the grader calls them by name.
#
# *Data note.* The original lab ran a pretrained YOLOv2 network (about 200 MB
# of weights) on dash-camera photos. Neither can be downloaded here. Instead,
# the road scenes are drawn by a small program the first time you run the
# notebook, and the network is replaced by a **stand-in**: a deterministic
# program, with no learned weights, that finds the painted car bodies in the
# picture and writes its answer in exactly the format YOLOv2 uses, including
# the things a real network does (duplicate boxes for one car, faint ghost
# detections, noise everywhere else). Everything you write below would work
# unchanged on the output of the real network.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c4w3a1_yolo_car_detection", tensorflow=True)

# %% [given]
import os

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from PIL import Image

from yolo_utils import (draw_boxes, load_yolo_model, preprocess_image, read_anchors, read_classes,
                        scale_boxes, write_road_data, yolo_boxes_to_corners, yolo_head)

%matplotlib inline

# %% [markdown]
# ## 1. The images, the classes and the anchors
#
# The camera images are 720 pixels high and 1280 wide. The model knows 80
# classes (the classes of the COCO data set: person, bicycle, car, ...), listed
# one per line in `coco_classes.txt`, and uses 5 **anchor boxes**, listed in
# `yolo_anchors.txt` (more on anchors below).

# %% [given]
write_road_data("data")  # draws the road images the first time (a few seconds)
class_names = read_classes("data/model_data/coco_classes.txt")
anchors = read_anchors("data/model_data/yolo_anchors.txt")
model_image_size = (608, 608)

print(len(class_names), "classes, starting with", class_names[:8])
print("anchors (width, height) in grid cells:")
print(anchors)

image = Image.open("data/images/test.jpg")
print("image size (width, height):", image.size)
plt.figure(figsize=(9, 5))
plt.imshow(image)
plt.axis("off")
plt.title("data/images/test.jpg")
plt.show()

# %% [markdown]
# ## 2. What the network outputs
#
# The image is resized to 608 x 608 pixels and goes through the network once.
# The output has shape `(m, 19, 19, 5, 85)`:
#
# - **a 19 x 19 grid.** The network cuts the image into 19 x 19 cells of
#   32 x 32 pixels. A cell is responsible for the objects whose *centre* falls
#   inside it.
# - **5 anchors per cell.** An anchor is a prototype box shape (small and
#   square, tall, wide, ...). Each cell predicts one box per anchor, and the
#   prediction is expressed relative to that anchor's shape, so that two
#   objects with their centres in the same cell (a pedestrian in front of a
#   car) can still be told apart by their shapes.
# - **85 numbers per anchor:** 4 for the box, 1 for "is there an object?", and
#   80 for the classes.
#
# These numbers are raw network outputs (any real value). The given function
# `yolo_head` turns them into meaningful quantities. If $(t_x, t_y, t_w, t_h,
# t_o)$ are the first five numbers in the cell in column $c_x$ and row $c_y$,
# and the anchor has width $p_w$ and height $p_h$ (in cells), then
#
# $$b_x = \frac{\sigma(t_x) + c_x}{19}, \qquad b_y = \frac{\sigma(t_y) + c_y}{19}, \qquad
# b_w = \frac{p_w\, e^{t_w}}{19}, \qquad b_h = \frac{p_h\, e^{t_h}}{19}, \qquad p_c = \sigma(t_o),$$
#
# and the last 80 numbers go through a softmax to give class probabilities
# $c_1, \dots, c_{80}$. The sigmoid keeps the centre inside its cell, the
# exponential keeps the size positive, and dividing by 19 expresses everything
# as fractions of the image, between 0 and 1. `yolo_head` returns four tensors:
# `box_xy` (centres), `box_wh` (sizes), `box_confidence` ($p_c$) and
# `box_class_probs` ($c_1 \dots c_{80}$).
#
# Let's run the stand-in network on the test image and look at its
# $19 \times 19 \times 5 = 1805$ candidate boxes.

# %% [given]
yolo_model = load_yolo_model()
yolo_model.summary()

image, image_data = preprocess_image("data/images/test.jpg", model_image_size)
raw_output = yolo_model(image_data)
box_xy, box_wh, box_confidence, box_class_probs = yolo_head(raw_output, anchors, len(class_names))
print("raw output:", raw_output.shape)
print("box_xy:", box_xy.shape, " box_wh:", box_wh.shape,
      " box_confidence:", box_confidence.shape, " box_class_probs:", box_class_probs.shape)

# best class score of every cell (over its 5 anchors and 80 classes)
cell_scores = tf.reduce_max(box_confidence * box_class_probs, axis=[-2, -1])[0].numpy()
corners = scale_boxes(yolo_boxes_to_corners(box_xy, box_wh), (image.size[1], image.size[0]))[0].numpy()
slot_scores = tf.reduce_max(box_confidence * box_class_probs, axis=-1)[0].numpy()

fig, axes = plt.subplots(1, 2, figsize=(15, 4.6))
axes[0].imshow(image)
shown = axes[0].imshow(np.ma.masked_less(cell_scores, 0.02), cmap="autumn_r", alpha=0.6, vmin=0, vmax=1,
                       extent=(0, image.size[0], image.size[1], 0), interpolation="nearest")
for k in range(1, 19):  # the grid lines
    axes[0].axhline(k * image.size[1] / 19, color="white", linewidth=0.4)
    axes[0].axvline(k * image.size[0] / 19, color="white", linewidth=0.4)
fig.colorbar(shown, ax=axes[0], fraction=0.03, pad=0.02)
axes[0].set_title("best class score of each grid cell (below 0.02: not shown)")
axes[1].imshow(image)
for (top, left, bottom, right), score in zip(corners.reshape(-1, 4), slot_scores.ravel()):
    if score > 0.02:
        axes[1].add_patch(plt.Rectangle((left, top), right - left, bottom - top, fill=False,
                                        color=plt.cm.viridis(score), linewidth=1 + 2 * score))
axes[1].set_title(f"the {int((slot_scores > 0.02).sum())} boxes with a score above 0.02")
for ax in axes:
    ax.set_xlim(0, image.size[0])
    ax.set_ylim(image.size[1], 0)
    ax.axis("off")
plt.show()

# %% [markdown]
# Only a handful of cells are bright, but even after ignoring the 1800 or so
# near-zero boxes there are more boxes than cars: each car is reported twice
# (by two anchors of the same cell), and a few faint "ghost" boxes sit where
# there is nothing. Two steps clean this up: throw away boxes with a low score,
# then keep one box per object.
#
# ## 3. Filtering by class score
#
# For every slot (cell and anchor) the score of class $i$ is the probability
# that there is an object times the probability that it belongs to class $i$:
#
# $$\text{score}_i = p_c \times c_i .$$
#
# Each slot is labelled with its best class, $\arg\max_i \text{score}_i$, and
# keeps that class's score, $\max_i \text{score}_i$. A box survives if this
# score reaches the threshold.
#
# ### Exercise 1: `yolo_filter_boxes`
#
# 1. Compute `box_scores = box_confidence * box_class_probs`. The shapes
#    `(19, 19, 5, 1)` and `(19, 19, 5, 80)` broadcast to `(19, 19, 5, 80)`.
# 2. Find the best class of every slot with `tf.math.argmax(..., axis=-1)` and
#    its score with `tf.math.reduce_max(..., axis=-1)`.
# 3. Build a boolean mask that is `True` where that score is `>= threshold`.
# 4. Apply the mask to the scores, the boxes and the classes with
#    `tf.boolean_mask(tensor, mask)`: it keeps the entries where the mask is
#    `True` and flattens the masked axes, so that `boxes` becomes
#    `(number of kept boxes, 4)`.
#
# Return `scores, boxes, classes`, in this order. (`classes` comes out of
# `argmax` as `int64`.)

# %% [solution] yolo_filter_boxes

# %% [code]
boxes_demo = tf.random.normal([19, 19, 5, 4], mean=1, stddev=4, seed=1)
confidence_demo = tf.random.normal([19, 19, 5, 1], mean=1, stddev=4, seed=1)
probs_demo = tf.random.normal([19, 19, 5, 80], mean=1, stddev=4, seed=1)
scores, boxes, classes = yolo_filter_boxes(boxes_demo, confidence_demo, probs_demo, threshold=0.5)
print("scores:", scores.shape, " boxes:", boxes.shape, " classes:", classes.shape, classes.dtype)

# %% [tests] yolo_filter_boxes
public_check("yolo_filter_boxes", globals())

# %% [markdown]
# ## 4. Non-max suppression
#
# The filtered list still holds several boxes for one car. Non-max suppression
# (NMS) keeps the best of them and drops the others. It needs a way to tell
# whether two boxes cover the same object: their **intersection over union**.
#
# ### Exercise 2: `iou`
#
# Here a box is given by two corners, `(x1, y1, x2, y2)`: upper-left
# `(x1, y1)` and lower-right `(x2, y2)`. The origin is the upper-left corner of
# the image, `x` grows to the right and `y` grows downwards, so `x1 < x2` and
# `y1 < y2`. Then
#
# $$\text{IoU} = \frac{\text{area of the intersection}}{\text{area of the union}},
# \qquad \text{area of the union} = \text{area}_1 + \text{area}_2 - \text{area of the intersection}.$$
#
# IoU is 1 for identical boxes and 0 for boxes that do not overlap. The
# intersection of two boxes is itself a box, with upper-left corner
# `(max(x1), max(y1))` and lower-right corner `(min(x2), min(y2))` of the two
# boxes. If the boxes do not overlap along an axis, that "width" or "height"
# comes out negative: clip it to 0 (`max(..., 0)`), otherwise two negative
# sides would multiply into a positive area.
#
# Plain Python (`max`, `min`, arithmetic) is all you need.

# %% [solution] iou

# %% [code]
pairs = {
    "overlapping": ((2, 1, 4, 3), (1, 2, 3, 4)),
    "one inside the other": ((1, 1, 9, 7), (3, 2, 5, 4)),
    "disjoint": ((1, 2, 3, 4), (5, 6, 7, 8)),
    "touching at a corner": ((1, 1, 2, 2), (2, 2, 3, 3)),
}
fig, axes = plt.subplots(1, len(pairs), figsize=(13, 3.2))
for ax, (title, (box1, box2)) in zip(axes, pairs.items()):
    for box, colour in ((box1, "tab:blue"), (box2, "tab:orange")):
        ax.add_patch(plt.Rectangle((box[0], box[1]), box[2] - box[0], box[3] - box[1], alpha=0.4, color=colour))
    ax.set_xlim(0, 10)
    ax.set_ylim(9, 0)  # y grows downwards, as in an image
    ax.set_aspect("equal")
    ax.set_title(f"{title}\nIoU = {iou(box1, box2):.3f}")
plt.tight_layout()
plt.show()

# %% [tests] iou
public_check("iou", globals())

# %% [markdown]
# ### Exercise 3: `yolo_non_max_suppression`
#
# Non-max suppression repeats two steps until no box is left:
#
# 1. pick the box with the highest score and add it to the output;
# 2. remove every remaining box whose IoU with the picked box is above
#    `iou_threshold`: it most likely describes the same object.
#
# It stops early once `max_boxes` boxes have been picked. TensorFlow has this
# loop built in, so you do not need your `iou` here:
#
# - `tf.image.non_max_suppression(boxes, scores, max_boxes, iou_threshold=iou_threshold)`
#   returns the **indices** of the boxes to keep, best first;
# - `tf.gather(tensor, indices)` picks those entries of `scores`, `boxes` and
#   `classes`.
#
# TensorFlow's function reads each box as `(y1, x1, y2, x2)`, which is the
# order the boxes of this pipeline use; the IoU does not depend on the order
# anyway, as long as both boxes use the same one. Like the original lab, this
# suppression ignores the classes: a box can suppress an overlapping box of
# another class.

# %% [solution] yolo_non_max_suppression

# %% [code]
scores_demo = tf.constant([0.9, 0.8, 0.75, 0.6])
boxes_demo = tf.constant([[10.0, 10.0, 60.0, 60.0],    # object A
                          [12.0, 14.0, 62.0, 58.0],    # object A again, shifted a little
                          [100.0, 80.0, 150.0, 140.0], # object B
                          [30.0, 30.0, 80.0, 80.0]])   # overlaps A a little (IoU about 0.22)
classes_demo = tf.constant([2, 2, 2, 2], dtype=tf.int64)
kept_scores, kept_boxes, kept_classes = yolo_non_max_suppression(scores_demo, boxes_demo, classes_demo)
print("kept scores:", kept_scores.numpy())
print("kept boxes:\n", kept_boxes.numpy())

# %% [tests] yolo_non_max_suppression
public_check("yolo_non_max_suppression", globals())

# %% [markdown]
# ## 5. The whole pipeline
#
# ### Exercise 4: `yolo_eval`
#
# Put the pieces together. `yolo_outputs` is what `yolo_head` returns, the
# tuple `(box_xy, box_wh, box_confidence, box_class_probs)`.
#
# 1. Convert the centres and sizes into corners with the given
#    `yolo_boxes_to_corners(box_xy, box_wh)`, which returns
#    `(y1, x1, y2, x2)` boxes, still as fractions of the image.
# 2. Filter them with your `yolo_filter_boxes`, using `score_threshold`.
# 3. Turn the fractions into pixels of the original image with the given
#    `scale_boxes(boxes, image_shape)`, where `image_shape` is
#    `(height, width)`. (The network saw a 608 x 608 version of the picture,
#    but the boxes are fractions of the image, so they can be scaled back to
#    the 720 x 1280 original.)
# 4. Apply your `yolo_non_max_suppression` with `max_boxes` and
#    `iou_threshold`.
#
# Return `scores, boxes, classes`. Pass the arguments on by name
# (`threshold=score_threshold`, ...) rather than relying on the defaults.

# %% [solution] yolo_eval

# %% [code]
scores, boxes, classes = yolo_eval((box_xy, box_wh, box_confidence, box_class_probs), (720, 1280), 10, 0.3, 0.5)
print("boxes found on the test image:", boxes.shape[0])
for score, box, c in zip(scores.numpy(), boxes.numpy(), classes.numpy()):
    print(f"  {class_names[c]:<6} score {score:.2f}   (y1, x1, y2, x2) = {np.round(box).astype(int)}")

# %% [tests] yolo_eval
public_check("yolo_eval", globals())

# %% [markdown]
# ## 6. Detecting cars on the road
#
# `predict` runs everything on one image file: resize, network, `yolo_head`,
# your `yolo_eval`, and drawing. It uses a score threshold of 0.3 and an IoU
# threshold of 0.5 by default, keeps at most 10 boxes, and saves the picture
# with its boxes in `data/out/`.

# %% [given]
def predict(image_file, score_threshold=0.3, iou_threshold=0.5, ax=None):
    """Detect objects in data/images/<image_file>; print and draw the boxes. Returns scores, boxes, classes."""
    image, image_data = preprocess_image(os.path.join("data", "images", image_file), model_image_size)
    yolo_outputs = yolo_head(yolo_model(image_data), anchors, len(class_names))
    out_scores, out_boxes, out_classes = yolo_eval(yolo_outputs, (image.size[1], image.size[0]), 10,
                                                   score_threshold, iou_threshold)
    print(f"Found {len(out_boxes)} boxes for images/{image_file}")
    for score, box, c in zip(np.asarray(out_scores), np.asarray(out_boxes), np.asarray(out_classes)):
        top, left, bottom, right = np.round(box).astype(int)
        print(f"  {class_names[c]} {score:.2f} ({left}, {top}) ({right}, {bottom})")
    draw_boxes(image, out_boxes, out_classes, class_names, out_scores)
    os.makedirs(os.path.join("data", "out"), exist_ok=True)
    image.save(os.path.join("data", "out", image_file), quality=95)
    if ax is None:
        plt.figure(figsize=(10, 5.6))
        ax = plt.gca()
    ax.imshow(image)
    ax.set_title(image_file)
    ax.axis("off")
    return out_scores, out_boxes, out_classes


out_scores, out_boxes, out_classes = predict("test.jpg")
plt.show()

# %% [markdown]
# Every car gets exactly one box. Here are the other images:

# %% [given]
fig, axes = plt.subplots(2, 3, figsize=(16, 6.2))
for ax, name in zip(axes.flat, sorted(os.listdir("data/images"))):
    predict(name, ax=ax)
plt.tight_layout()
plt.show()

# %% [markdown]
# ### What do the two thresholds do?
#
# Change the thresholds and watch the boxes. With `iou_threshold=1.0`,
# suppression never fires (no IoU is above 1), so every car keeps its
# duplicate box. With a very low `score_threshold`, the faint ghost boxes
# come back. Try other values in the cell below.

# %% [code]
fig, axes = plt.subplots(1, 3, figsize=(16, 3.4))
for ax, (score_threshold, iou_threshold) in zip(axes, [(0.3, 0.5), (0.3, 1.0), (0.05, 0.5)]):
    found = predict("0003.jpg", score_threshold, iou_threshold, ax=ax)
    ax.set_title(f"score_threshold={score_threshold}, iou_threshold={iou_threshold}: {len(found[1])} boxes")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## Summary
#
# - YOLO predicts all boxes in one forward pass: a 19 x 19 grid of cells, 5
#   anchor boxes per cell, and for each of them a box, an "objectness"
#   probability $p_c$ and 80 class probabilities.
# - The class score of a box is $p_c \times c_i$; filtering on it removes
#   nearly all of the 1805 candidates.
# - Intersection over union measures how much two boxes overlap, and non-max
#   suppression uses it to keep one box per object.
# - The thresholds trade missed objects against false alarms: a lower score
#   threshold finds fainter objects but also ghosts, and a higher IoU threshold
#   keeps more boxes of crowded scenes but also more duplicates.
