"""D-SIGNS: procedurally drawn hands showing 0 to 5 fingers, 64x64 RGB.

Stand-in for the SIGNS data set (photos of hands signing the numbers 0-5,
1080 training and 120 test images).  Every image draws a forearm, a palm and
k raised fingers (k is the label; the thumb is the fifth), with the other
fingers folded as short stubs.  The hand's rotation, position, size, finger
width and length, skin tone, background colours and noise vary from image
to image; the classes are balanced in both splits.

Same layout as the original `train_signs.h5` / `test_signs.h5`:
`train_set_x` (1080, 64, 64, 3) uint8, `train_set_y` (1080,) int64 and
`list_classes` [0 1 2 3 4 5] (and `test_` keys for the 120 test images).
Files are written on first use into `folder` (default `data/`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .h5 import read_image_splits, write_image_splits

__all__ = ["N_TRAIN", "N_TEST", "CLASSES", "draw_hand", "generate", "write_files", "load_dataset", "load_signs_dataset"]

SIZE = 64
N_TRAIN, N_TEST = 1080, 120
CLASSES = list(range(6))
SEED = 20240615
FILES = {"train": "train_signs.h5", "test": "test_signs.h5"}

# How much the drawings vary (tuned so that the small fully connected network
# of c2w3a1 learns the task in a few dozen epochs, as it did on the photos).
# A dark background matters for that network: with a bright one, every input
# is near 1, the hand is a small change on top, and training often stalls.
ROTATION = 20.0  # degrees either way
SHIFT = 4.0  # pixels either way
SCALE = (1.15, 1.45)
BACKGROUND = (15, 70)  # brightness range of the (dark) wall behind the hand
TINT = 15.0  # colour cast of the wall, either way per channel
TONES = (0.0, 0.7)  # skin tones used, from light (0) to dark (1)

_yy, _xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)

# Finger slots, from the index finger to the little finger, then the thumb:
# angle from the hand's axis (degrees), base offset across the palm (in palm
# half-widths) and length (in palm heights).  Label k raises the first k slots.
_SLOTS = [(-12.0, -0.55, 1.05), (0.0, -0.18, 1.15), (10.0, 0.2, 1.05), (22.0, 0.55, 0.85), (-62.0, -0.75, 0.8)]


def _segment_distance(x0, y0, x1, y1):
    """Distance of every pixel to the segment (x0, y0)-(x1, y1)."""
    dx, dy = x1 - x0, y1 - y0
    t = np.clip(((_xx - x0) * dx + (_yy - y0) * dy) / (dx * dx + dy * dy + 1e-9), 0.0, 1.0)
    return np.hypot(_xx - (x0 + t * dx), _yy - (y0 + t * dy))


def _background(rng: np.random.Generator) -> np.ndarray:
    # a dark wall, a little lighter at one end, with a colour cast
    top = rng.uniform(*BACKGROUND) + rng.uniform(-TINT, TINT, 3)
    bottom = rng.uniform(*BACKGROUND) + rng.uniform(-TINT, TINT, 3)
    mix = np.clip((_yy + rng.uniform(-20, 20) * (_xx / SIZE - 0.5)) / (SIZE - 1), 0, 1)[..., None]
    return top * (1 - mix) + bottom * mix


def draw_hand(label: int, rng: np.random.Generator) -> np.ndarray:
    """One (64, 64, 3) float image of a hand raising `label` fingers (before clipping)."""
    image = _background(rng)
    angle = np.deg2rad(rng.uniform(-ROTATION, ROTATION))  # rotation of the whole hand
    up = np.array([np.sin(angle), -np.cos(angle)])  # from the wrist towards the fingers
    across = np.array([np.cos(angle), np.sin(angle)])
    scale = rng.uniform(*SCALE)
    cx, cy = 32 + rng.uniform(-SHIFT, SHIFT), 40 + rng.uniform(-SHIFT, SHIFT) * 0.8
    half_w, half_h = 10.5 * scale, 9.0 * scale

    # a skin tone between light and dark, with a little jitter per channel
    tone = rng.uniform(*TONES)
    skin = (1 - tone) * np.array([236, 196, 168]) + tone * np.array([96, 62, 42]) + rng.uniform(-12, 12, 3)
    shade = skin * 0.72

    # the forearm, from the palm down to the edge of the picture
    arm = _segment_distance(cx, cy, cx - up[0] * 40, cy - up[1] * 40) <= half_w * 0.75
    # the palm: an ellipse aligned with the hand
    u = (_xx - cx) * across[0] + (_yy - cy) * across[1]
    v = (_xx - cx) * up[0] + (_yy - cy) * up[1]
    palm = (u / half_w) ** 2 + (v / half_h) ** 2 <= 1.0

    hand = arm | palm
    outline = np.zeros_like(hand)
    width = rng.uniform(2.0, 2.8) * scale  # finger radius
    for slot, (slot_angle, offset, length) in enumerate(_SLOTS):
        raised = slot < label
        if slot == 4 and not raised:
            continue  # a folded thumb lies along the palm
        direction_angle = angle + np.deg2rad(slot_angle + rng.uniform(-5, 5))
        direction = np.array([np.sin(direction_angle), -np.cos(direction_angle)])
        base = np.array([cx, cy]) + across * offset * half_w + up * half_h * (0.55 if slot < 4 else -0.2)
        reach = half_h * (length * rng.uniform(0.9, 1.15) * 1.6 if raised else 0.35)
        tip = base + direction * reach
        finger = _segment_distance(base[0], base[1], tip[0], tip[1])
        hand |= finger <= width
        outline |= (finger > width - 0.9) & (finger <= width)

    picture = np.where(hand[..., None], skin, image)
    picture = np.where((outline & hand)[..., None], shade, picture)
    picture += rng.normal(0, rng.uniform(4, 12), picture.shape)
    return picture


def generate(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`n` images (n, 64, 64, 3) uint8 and their labels (n,) int64, balanced over the 6 classes."""
    labels = rng.permutation(np.arange(n) % len(CLASSES)).astype(np.int64)
    images = np.empty((n, SIZE, SIZE, 3), dtype=np.uint8)
    for i, label in enumerate(labels):
        images[i] = np.clip(draw_hand(int(label), rng), 0, 255).astype(np.uint8)
    return images, labels


def write_files(folder: str | Path = "data") -> Path:
    """Write `train_signs.h5` and `test_signs.h5` into `folder` unless they exist; return the folder."""
    return write_image_splits(folder, FILES, {"train": N_TRAIN, "test": N_TEST}, generate, SEED, CLASSES)


def load_dataset(folder: str | Path = "data"):
    """`train_set_x_orig` (1080,64,64,3), `train_set_y_orig` (1,1080), test likewise (120), `classes` [0..5]."""
    return read_image_splits(write_files(folder), FILES)


# The name used by the course-4 labs' helper modules.
load_signs_dataset = load_dataset
