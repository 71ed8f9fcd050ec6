"""Concept check, course 4 week 3 (object detection and segmentation): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt


def _boxes(rng):
    """Two overlapping boxes with whole-number corners."""
    x1, y1 = rng.randint(0, 6), rng.randint(0, 6)
    a = (x1, y1, x1 + rng.randint(3, 8), y1 + rng.randint(3, 8))
    bx, by = rng.randint(a[0] + 1, a[2] - 1), rng.randint(a[1] + 1, a[3] - 1)
    b = (bx, by, bx + rng.randint(2, 8), by + rng.randint(2, 8))
    return {"a": a, "b": b}


PROMPTS = [
    Prompt(
        "q1",
        "number",
        "A localisation network outputs y = (p_c, b_x, b_y, b_h, b_w, c_1, ..., c_n) for images that contain at most "
        "one object from {n} classes. How many numbers does y hold?",
        make=lambda rng: {"n": rng.randint(2, 40)},
    ),
    Prompt(
        "q2",
        "choice",
        "With a squared-error loss on y = (p_c, b_x, b_y, b_h, b_w, c_1, c_2, c_3), what does the loss compare for a "
        "training image whose label has p_c = 0 (no object)?",
        options=(
            "all eight entries",
            "only p_c: the other entries are \"don't care\"",
            "only the box coordinates",
            "only the class entries",
        ),
    ),
    Prompt(
        "q3",
        "number",
        "A network detects whether an image shows a face and, if so, the (x, y) position of {k} landmarks (eye "
        "corners, mouth corners, ...). How many output units does it need?",
        make=lambda rng: {"k": rng.randint(4, 68)},
    ),
    Prompt(
        "q4",
        "shape",
        "A YOLO-style detector divides the image into a {s}×{s} grid, uses {a} anchor boxes per cell, and "
        "recognises {c} classes; each anchor predicts (p_c, b_x, b_y, b_h, b_w) and one score per class. Give the "
        "shape of its output as (rows, columns, anchors, numbers per anchor).",
        make=lambda rng: {"s": rng.choice([7, 13, 19]), "a": rng.randint(2, 9), "c": rng.randint(1, 80)},
    ),
    Prompt(
        "q5",
        "number",
        "Two boxes are given by their corners (x1, y1, x2, y2), with x2 > x1 and y2 > y1: box A = {a} and box B = {b}. "
        "What is their intersection over union (IoU)?",
        make=_boxes,
        tol=0.001,
    ),
    Prompt(
        "q6",
        "choice",
        "Which is the non-max suppression procedure for one class?",
        options=(
            "keep every box whose IoU with the ground truth is above 0.5",
            "keep the largest box in each grid cell",
            "average the coordinates of all boxes that overlap",
            "discard boxes with low p_c; then repeatedly keep the box with the highest p_c and discard the remaining boxes that overlap it with IoU ≥ 0.5",
        ),
    ),
    Prompt(
        "q7",
        "number",
        "A transposed convolution with a {f}×{f} filter, stride {s} and padding {p} reads an input of height {n}. "
        "What is the height of its output?",
        make=lambda rng: {"n": rng.randint(4, 32), "f": rng.choice([2, 3, 4]), "s": rng.choice([2, 3]), "p": rng.randint(0, 1)},
    ),
    Prompt(
        "q8",
        "shape",
        "A U-Net labels every pixel of {h}×{w} road images with one of {c} classes (its last layer is a 1×1 "
        "convolution followed by a per-pixel softmax). What is the shape of its output for one image (height, width, "
        "channels)?",
        make=lambda rng: {"h": rng.choice([96, 128, 192, 256]), "w": rng.choice([128, 192, 256, 320]), "c": rng.randint(2, 30)},
    ),
]
