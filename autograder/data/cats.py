"""D-CAT: procedurally drawn 64x64 RGB "cat-like" and plain scenes.

Class 1 draws a fur-textured ellipse with two triangular ears and dark eyes on
a noisy background; class 0 draws plain scenes (sky/ground gradients,
rectangles and circles, no furry blob).  Same layout as the original
`train_catvnoncat.h5` / `test_catvnoncat.h5`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .h5 import read_image_splits, write_image_splits

SIZE = 64
N_TRAIN, N_TEST = 209, 50
CLASSES = [b"non-cat", b"cat"]
SEED = 20240601
FILES = {"train": "train_catvnoncat.h5", "test": "test_catvnoncat.h5"}

_yy, _xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float64)


def _background(rng: np.random.Generator) -> np.ndarray:
    top = rng.uniform(40, 220, 3)
    bottom = rng.uniform(40, 220, 3)
    t = (_yy / (SIZE - 1))[..., None]
    image = top * (1 - t) + bottom * t
    return image + rng.normal(0, 10, (SIZE, SIZE, 3))


def _ellipse(cx, cy, rx, ry) -> np.ndarray:
    return ((_xx - cx) / rx) ** 2 + ((_yy - cy) / ry) ** 2 <= 1.0


def _triangle(p0, p1, p2) -> np.ndarray:
    def side(a, b):
        return (_xx - b[0]) * (a[1] - b[1]) - (a[0] - b[0]) * (_yy - b[1])

    d1, d2, d3 = side(p0, p1), side(p1, p2), side(p2, p0)
    neg = (d1 < 0) | (d2 < 0) | (d3 < 0)
    pos = (d1 > 0) | (d2 > 0) | (d3 > 0)
    return ~(neg & pos)


def draw_cat(rng: np.random.Generator) -> np.ndarray:
    image = _background(rng)
    cx, cy = rng.uniform(24, 40), rng.uniform(28, 40)
    rx, ry = rng.uniform(12, 18), rng.uniform(10, 15)
    fur = rng.uniform(60, 230, 3)
    # fur: the body colour with stripes and fine grain
    stripes = 25 * np.sin((_xx + _yy * rng.uniform(-0.5, 0.5)) * rng.uniform(0.6, 1.2))[..., None]
    grain = rng.normal(0, 22, (SIZE, SIZE, 3))
    head = _ellipse(cx, cy, rx, ry)
    ear_h = rng.uniform(8, 13)
    left = _triangle((cx - rx * 0.9, cy - ry * 0.4), (cx - rx * 0.2, cy - ry * 0.8), (cx - rx * 0.7, cy - ry - ear_h))
    right = _triangle((cx + rx * 0.9, cy - ry * 0.4), (cx + rx * 0.2, cy - ry * 0.8), (cx + rx * 0.7, cy - ry - ear_h))
    body = head | left | right
    image = np.where(body[..., None], fur + stripes + grain, image)
    eye_dx, eye_y = rx * 0.4, cy - ry * 0.15
    eye_r = rng.uniform(1.5, 2.8)
    eyes = _ellipse(cx - eye_dx, eye_y, eye_r, eye_r * 1.3) | _ellipse(cx + eye_dx, eye_y, eye_r, eye_r * 1.3)
    image[eyes] = rng.uniform(0, 30, 3)
    nose = _ellipse(cx, cy + ry * 0.3, 1.5, 1.0)
    image[nose] = (200, 90, 110)
    return image


def draw_scene(rng: np.random.Generator) -> np.ndarray:
    image = _background(rng)
    horizon = rng.uniform(25, 50)
    ground = rng.uniform(30, 200, 3)
    image = np.where((_yy > horizon)[..., None], ground + rng.normal(0, 6, (SIZE, SIZE, 3)), image)
    for _ in range(rng.integers(1, 4)):
        colour = rng.uniform(0, 255, 3)
        if rng.random() < 0.5:
            x0, y0 = rng.uniform(0, 50, 2)
            w, h = rng.uniform(6, 25, 2)
            mask = (_xx >= x0) & (_xx < x0 + w) & (_yy >= y0) & (_yy < y0 + h)
        else:
            r = rng.uniform(3, 10)
            mask = _ellipse(rng.uniform(5, 59), rng.uniform(5, 59), r, r)
        image[mask] = colour
    return image


def generate(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    labels = (rng.random(n) < 0.35).astype(np.int64)
    images = np.empty((n, SIZE, SIZE, 3), dtype=np.uint8)
    for i, label in enumerate(labels):
        picture = draw_cat(rng) if label else draw_scene(rng)
        images[i] = np.clip(picture, 0, 255).astype(np.uint8)
    return images, labels


def write_files(folder: str | Path = "datasets") -> Path:
    """Write `train_catvnoncat.h5` and `test_catvnoncat.h5` into `folder` unless they exist; return the folder."""
    return write_image_splits(folder, FILES, {"train": N_TRAIN, "test": N_TEST}, generate, SEED, CLASSES)


def load_dataset(folder: str | Path = "datasets"):
    """`train_set_x_orig` (209,64,64,3), `train_set_y` (1,209), test likewise, `classes`."""
    return read_image_splits(write_files(folder), FILES)
