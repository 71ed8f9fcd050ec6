"""D-HAPPY: procedurally drawn faces, smiling (1) or not (0), 64x64 RGB.

Stand-in for the "Happy House" photos (600 training and 150 test images of
faces at a door, labelled by whether the person smiles).  Every image draws
a background, an oval face with two eyes (sometimes eyebrows, hair and
glasses) and a mouth.  Label 1 curves the mouth upwards (the corners higher
than the middle), sometimes as an open smile; label 0 draws a flat or a
downturned mouth.  Position, size, skin tone, colours, the mouth's width and
thickness, and the noise vary from image to image; the classes are balanced
in both splits.

Same layout as the original `train_happy.h5` / `test_happy.h5`:
`train_set_x` (600, 64, 64, 3) uint8, `train_set_y` (600,) int64 and
`list_classes` [0 1] (and `test_` keys for the 150 test images).
Files are written on first use into `folder` (default `data/`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .h5 import read_image_splits, write_image_splits

__all__ = ["N_TRAIN", "N_TEST", "CLASSES", "draw_face", "generate", "write_files", "load_dataset", "load_happy_dataset"]

SIZE = 64
N_TRAIN, N_TEST = 600, 150
CLASSES = [0, 1]
SEED = 20240620
FILES = {"train": "train_happy.h5", "test": "test_happy.h5"}

# How much the drawings vary.  The mouth's bend is the only thing that tells
# the classes apart: |bend| >= SMILE for a smile, a frown bends as much the
# other way, and a flat mouth stays within FLAT of straight.
SHIFT = 2.0  # pixels either way
SCALE = (0.85, 1.1)
SMILE = (0.7, 1.0)  # upward bend of a smile, in mouth half-widths
FLAT = 0.1
DEPTH = 0.75  # how far the middle of a fully bent mouth moves, in mouth half-widths
FROWN = (0.6, 1.0)

_yy, _xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)


def _background(rng: np.random.Generator) -> np.ndarray:
    # a wall with a colour gradient and, sometimes, a door frame behind the face
    top, bottom = rng.uniform(30, 230, 3), rng.uniform(30, 230, 3)
    mix = (_yy / (SIZE - 1))[..., None]
    image = top * (1 - mix) + bottom * mix
    if rng.random() < 0.5:
        left = rng.uniform(2, 14)
        door = (_xx > left) & (_xx < SIZE - rng.uniform(2, 14)) & (_yy > rng.uniform(0, 8))
        image = np.where(door[..., None], rng.uniform(40, 200, 3), image)
    return image


def _curve_distance(points: np.ndarray) -> np.ndarray:
    """Distance of every pixel to the nearest of `points` (k, 2), as (x, y)."""
    dx = _xx[..., None] - points[:, 0]
    dy = _yy[..., None] - points[:, 1]
    return np.sqrt(dx * dx + dy * dy).min(axis=-1)


def draw_face(label: int, rng: np.random.Generator) -> np.ndarray:
    """One (64, 64, 3) float image of a face: smiling for label 1, flat or frowning for 0 (before clipping)."""
    image = _background(rng)
    scale = rng.uniform(*SCALE)
    cx, cy = 32 + rng.uniform(-SHIFT, SHIFT), 33 + rng.uniform(-SHIFT, SHIFT)
    rx, ry = 17 * scale * rng.uniform(0.9, 1.05), 21 * scale * rng.uniform(0.92, 1.05)

    tone = rng.uniform(0.0, 1.0)
    skin = (1 - tone) * np.array([240, 205, 180]) + tone * np.array([105, 70, 50]) + rng.uniform(-10, 10, 3)
    face = ((_xx - cx) / rx) ** 2 + ((_yy - cy) / ry) ** 2 <= 1.0
    if rng.random() < 0.7:  # hair: a cap over the top of the head
        hair_colour = rng.uniform(10, 140, 3) * rng.uniform(0.4, 1.0)
        hair = (((_xx - cx) / (rx * 1.08)) ** 2 + ((_yy - cy + 2) / (ry * 1.05)) ** 2 <= 1.0) & (_yy < cy - ry * rng.uniform(0.45, 0.7))
        image = np.where(hair[..., None], hair_colour, image)
        face &= ~hair
    image = np.where(face[..., None], skin, image)

    # eyes, sometimes eyebrows and glasses
    eye_y = cy - ry * rng.uniform(0.15, 0.3)
    spread = rx * rng.uniform(0.35, 0.5)
    eye_r = rng.uniform(1.6, 2.6) * scale
    for side in (-1, 1):
        ex = cx + side * spread
        eye = ((_xx - ex) / eye_r) ** 2 + ((_yy - eye_y) / (eye_r * 1.2)) ** 2 <= 1.0
        image = np.where(eye[..., None], rng.uniform(10, 50), image)
        if rng.random() < 0.5:
            brow = (np.abs(_yy - (eye_y - eye_r * 2.2)) <= 0.8) & (np.abs(_xx - ex) <= eye_r * 1.6)
            image = np.where(brow[..., None], skin * 0.4, image)
    if rng.random() < 0.25:
        frame = rng.uniform(0, 90, 3)
        for side in (-1, 1):
            d = np.hypot(_xx - (cx + side * spread), _yy - eye_y)
            image = np.where(((d > eye_r * 2.0) & (d <= eye_r * 2.0 + 1.0))[..., None], frame, image)

    # the mouth: a bent line; its bend is what the label is about
    half_w = rx * rng.uniform(0.45, 0.6)
    mouth_y = cy + ry * rng.uniform(0.38, 0.55)
    if label == 1:
        bend = rng.uniform(*SMILE)
    elif rng.random() < 0.5:
        bend = rng.uniform(-FLAT, FLAT)
    else:
        bend = -rng.uniform(*FROWN)
    u = np.linspace(-1.0, 1.0, 33)
    # the middle of the mouth moves down (y grows) for a smile, up for a frown; the corners stay
    ys = mouth_y + bend * half_w * DEPTH * (1 - u**2)
    points = np.stack([cx + u * half_w, ys], axis=1)
    lips = rng.uniform(60, 140) * np.array([1.0, 0.35, 0.35]) + rng.uniform(-10, 10, 3)
    thickness = rng.uniform(1.5, 2.3) * scale
    if label == 1 and rng.random() < 0.5:  # an open smile: the mouth filled between the corners' line and the curve
        inside = (np.abs(_xx - cx) <= half_w) & (_yy >= mouth_y) & (_yy <= mouth_y + bend * half_w * DEPTH * (1 - ((_xx - cx) / half_w) ** 2))
        image = np.where(inside[..., None], np.array([90.0, 20.0, 30.0]), image)
        teeth = inside & (_yy <= mouth_y + 1.5)
        image = np.where(teeth[..., None], 235.0, image)
    mouth = _curve_distance(points) <= thickness
    image = np.where(mouth[..., None], lips, image)

    image += rng.normal(0, rng.uniform(3, 9), image.shape)
    return image


def generate(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`n` images (n, 64, 64, 3) uint8 and their labels (n,) int64, half of each class."""
    labels = rng.permutation(np.arange(n) % len(CLASSES)).astype(np.int64)
    images = np.empty((n, SIZE, SIZE, 3), dtype=np.uint8)
    for i, label in enumerate(labels):
        images[i] = np.clip(draw_face(int(label), rng), 0, 255).astype(np.uint8)
    return images, labels


def write_files(folder: str | Path = "data") -> Path:
    """Write `train_happy.h5` and `test_happy.h5` into `folder` unless they exist; return the folder."""
    return write_image_splits(folder, FILES, {"train": N_TRAIN, "test": N_TEST}, generate, SEED, CLASSES)


def load_dataset(folder: str | Path = "data"):
    """`train_set_x_orig` (600,64,64,3), `train_set_y_orig` (1,600), test likewise (150), `classes` [0 1]."""
    return read_image_splits(write_files(folder), FILES)


# The name the lab's helper module uses.
load_happy_dataset = load_dataset
