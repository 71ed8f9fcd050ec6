"""D-ALPACA: generated 160x160 photos of alpacas and of other scenes (transfer-learning lab).

Stand-in for the 327 photos of the original lab.  Every picture is drawn from
a seeded generator:

* ``alpaca``: a woolly, pale body with four legs, a long upright neck and a
  small head with pointed ears, standing on grass under a sky (sometimes with
  a tree or a second, smaller alpaca behind it);
* ``not alpaca``: trees, houses and other animal-like shapes (short necks,
  big heads, darker or spotted coats) on grass, sand, streets or indoors.

Files keep the original layout, one folder per class, read with
``keras.utils.image_dataset_from_directory``:
``<folder>/dataset/alpaca/*.png`` and ``<folder>/dataset/not alpaca/*.png``.
They are written on first use (a few seconds) and are the same bytes on every run.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import data_folder

__all__ = ["CLASS_NAMES", "N_ALPACA", "N_IMAGES", "SIZE", "draw_alpaca_scene", "draw_other_scene", "write_images"]

SIZE = 160
N_IMAGES = 327
N_ALPACA = 160  # the other 167 are "not alpaca"
CLASS_NAMES = ["alpaca", "not alpaca"]  # alphabetical, as image_dataset_from_directory orders them
SEED = 20240815

_yy, _xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)

FLEECE = np.array([[238, 230, 212], [245, 243, 236], [214, 190, 150], [226, 214, 190], [205, 200, 195]], dtype=np.float32)
COATS = np.array([[95, 60, 35], [40, 35, 30], [140, 90, 50], [70, 70, 75], [160, 120, 80]], dtype=np.float32)


def _ellipse(cx, cy, rx, ry):
    return ((_xx - cx) / rx) ** 2 + ((_yy - cy) / ry) ** 2 <= 1.0


def _box(x0, y0, x1, y1):
    return (_xx >= min(x0, x1)) & (_xx < max(x0, x1)) & (_yy >= min(y0, y1)) & (_yy < max(y0, y1))


def _triangle(p0, p1, p2):
    def side(a, b):
        return (_xx - b[0]) * (a[1] - b[1]) - (a[0] - b[0]) * (_yy - b[1])

    d1, d2, d3 = side(p0, p1), side(p1, p2), side(p2, p0)
    return ~(((d1 < 0) | (d2 < 0) | (d3 < 0)) & ((d1 > 0) | (d2 > 0) | (d3 > 0)))


def _gradient(top, bottom, y0, y1):
    t = np.clip((_yy - y0) / max(y1 - y0, 1.0), 0.0, 1.0)[..., None]
    return np.asarray(top, np.float32) * (1 - t) + np.asarray(bottom, np.float32) * t


def _outdoor(rng, image):
    """Sky, clouds, sometimes hills, and grass below a horizon; returns the horizon height."""
    horizon = rng.uniform(55, 95)
    sky_top = np.array([90, 140, 215]) + rng.uniform(-25, 25, 3)
    image[:] = _gradient(sky_top, sky_top + np.array([70, 60, 30]), 0, horizon)
    for _ in range(rng.integers(0, 3)):
        cx, cy = rng.uniform(0, SIZE), rng.uniform(5, horizon * 0.6)
        for k in range(3):
            image[_ellipse(cx + 9 * k, cy + rng.uniform(-3, 3), rng.uniform(8, 14), rng.uniform(4, 7))] = 245
    if rng.random() < 0.5:
        image[_ellipse(rng.uniform(0, SIZE), horizon + 10, rng.uniform(40, 80), rng.uniform(15, 28))] = (
            np.array([70, 120, 60]) + rng.uniform(-15, 15, 3)
        )
    grass = np.array([80, 150, 60]) + rng.uniform(-25, 25, 3)
    ground = _yy >= horizon
    image[ground] = _gradient(grass, grass * 0.75, horizon, SIZE)[ground]
    blades = ground & (rng.random((SIZE, SIZE)) < 0.08)
    image[blades] *= 0.8
    return horizon


def _elsewhere(rng, image):
    """Sand and sea, a street, or a room; returns the height where the floor starts."""
    kind = rng.integers(3)
    floor = rng.uniform(70, 105)
    if kind == 0:  # beach
        image[:] = _gradient([120, 175, 230], [175, 210, 240], 0, floor * 0.6)
        image[(_yy >= floor * 0.6) & (_yy < floor)] = np.array([40, 100, 160]) + rng.uniform(-20, 20, 3)
        image[_yy >= floor] = np.array([225, 200, 150]) + rng.uniform(-20, 20, 3)
    elif kind == 1:  # street with buildings
        image[:] = _gradient([150, 170, 200], [200, 205, 215], 0, floor)
        for x in range(0, SIZE, int(rng.uniform(25, 45))):
            height = rng.uniform(20, floor - 5)
            image[_box(x, floor - height, x + rng.uniform(18, 40), floor)] = rng.uniform(70, 190, 3)
        image[_yy >= floor] = np.array([95, 95, 100]) + rng.uniform(-15, 15, 3)
    else:  # indoors
        image[:] = np.array([200, 185, 160]) + rng.uniform(-40, 40, 3)
        image[_yy >= floor] = np.array([140, 100, 70]) + rng.uniform(-30, 30, 3)
        image[_box(rng.uniform(10, 100), 15, rng.uniform(30, 150), floor - 25)] = rng.uniform(60, 230, 3)
    return floor


def _tree(rng, image, x, base, scale=1.0):
    trunk_w, trunk_h = 6 * scale, rng.uniform(25, 45) * scale
    image[_box(x - trunk_w / 2, base - trunk_h, x + trunk_w / 2, base)] = np.array([100, 70, 40]) + rng.uniform(-15, 15, 3)
    crown = rng.choice([[40, 110, 40], [60, 140, 50], [190, 120, 40], [30, 90, 50]]) + rng.uniform(-15, 15, 3)
    for _ in range(4):
        r = rng.uniform(12, 20) * scale
        image[_ellipse(x + rng.uniform(-10, 10) * scale, base - trunk_h - rng.uniform(0, 14) * scale, r, r * 0.9)] = crown


def _house(rng, image, x, base):
    w, h = rng.uniform(40, 70), rng.uniform(28, 45)
    image[_box(x, base - h, x + w, base)] = rng.uniform(120, 235, 3)
    roof = np.array([150, 50, 40]) + rng.uniform(-30, 30, 3)
    image[_triangle((x - 5, base - h), (x + w + 5, base - h), (x + w / 2, base - h - rng.uniform(15, 28)))] = roof
    image[_box(x + w * 0.4, base - h * 0.55, x + w * 0.6, base)] = (80, 50, 30)
    for wx in (x + w * 0.12, x + w * 0.7):
        image[_box(wx, base - h * 0.8, wx + w * 0.18, base - h * 0.55)] = (170, 210, 235)


def _alpaca(rng, image, cx, ground, scale=1.0, facing=1):
    """A pale woolly body, four legs, a long neck and a small eared head."""
    fleece = FLEECE[rng.integers(len(FLEECE))] + rng.uniform(-10, 10, 3)
    rx, ry = rng.uniform(24, 32) * scale, rng.uniform(15, 20) * scale
    leg_h = rng.uniform(18, 26) * scale
    cy = ground - leg_h - ry * 0.6
    # wool: curly bumps over the whole animal
    curls = 30 * np.sin(_xx * 1.4 + rng.uniform(0, 6)) * np.sin(_yy * 1.2 + rng.uniform(0, 6))
    wool = fleece + curls[..., None] + rng.normal(0, 14, (SIZE, SIZE, 1))
    legs = np.zeros((SIZE, SIZE), bool)
    for dx in (-0.65, -0.35, 0.35, 0.65):
        legs |= _box(cx + dx * rx - 3 * scale, cy, cx + dx * rx + 3 * scale, ground)
    image[legs] = wool[legs] * 0.85
    body = _ellipse(cx, cy, rx, ry)
    for _ in range(6):  # fluffy outline
        body |= _ellipse(cx + rng.uniform(-0.8, 0.8) * rx, cy + rng.uniform(-0.6, 0.6) * ry, ry * 0.5, ry * 0.5)
    neck_x = cx + facing * rx * 0.7
    neck_top = cy - rng.uniform(38, 50) * scale
    neck = _box(neck_x - 7 * scale, neck_top, neck_x + 7 * scale, cy)
    head_x, head_y = neck_x + facing * 5 * scale, neck_top
    head = _ellipse(head_x, head_y, 9 * scale, 7 * scale) | _ellipse(head_x + facing * 8 * scale, head_y + 2 * scale, 6 * scale, 4.5 * scale)
    ears = _triangle((head_x - 5 * scale, head_y - 4 * scale), (head_x - 1 * scale, head_y - 4 * scale), (head_x - 4 * scale, head_y - 13 * scale))
    ears |= _triangle((head_x + 1 * scale, head_y - 4 * scale), (head_x + 5 * scale, head_y - 4 * scale), (head_x + 3 * scale, head_y - 13 * scale))
    animal = body | neck | head | ears
    image[animal] = wool[animal]
    image[_ellipse(head_x + facing * 3 * scale, head_y - 1.5 * scale, 1.6 * scale, 1.6 * scale)] = (25, 20, 20)
    image[_ellipse(head_x + facing * 13 * scale, head_y + 2 * scale, 1.3 * scale, 1.0 * scale)] = (60, 40, 40)


def _other_animal(rng, image, cx, ground, facing=1):
    """A short-necked, big-headed animal with a smooth dark or spotted coat."""
    coat = COATS[rng.integers(len(COATS))] + rng.uniform(-12, 12, 3)
    rx, ry = rng.uniform(26, 38), rng.uniform(13, 19)
    leg_h = rng.uniform(14, 24)
    cy = ground - leg_h - ry * 0.6
    for dx in (-0.7, -0.4, 0.4, 0.7):
        image[_box(cx + dx * rx - 3.5, cy, cx + dx * rx + 3.5, ground)] = coat * 0.8
    body = _ellipse(cx, cy, rx, ry)
    image[body] = coat + rng.normal(0, 4, (SIZE, SIZE, 1))[body]
    if rng.random() < 0.4:  # spots
        for _ in range(6):
            spot = _ellipse(cx + rng.uniform(-0.7, 0.7) * rx, cy + rng.uniform(-0.5, 0.5) * ry, rng.uniform(4, 8), rng.uniform(3, 6))
            image[spot & body] = 235 if coat.mean() < 100 else 30
    head_x, head_y = cx + facing * (rx + 6), cy - ry * 0.5
    image[_ellipse(head_x, head_y, rng.uniform(9, 13), rng.uniform(8, 11))] = coat * 0.9
    image[_ellipse(head_x - facing * 4, head_y - 9, 4, 3)] = coat * 0.7
    image[_ellipse(head_x + facing * 3, head_y - 2, 1.6, 1.6)] = (15, 15, 15)
    tail = _box(cx - facing * (rx + 8), cy - 3, cx - facing * rx, cy)
    image[tail] = coat * 0.8


def _finish(rng, image):
    light = rng.uniform(0.85, 1.12)
    image = image * light + rng.normal(0, 3.0, image.shape).astype(np.float32)
    return np.clip(image, 0, 255).astype(np.uint8)


def draw_alpaca_scene(rng: np.random.Generator) -> np.ndarray:
    """One "alpaca" photo: (160, 160, 3) uint8."""
    image = np.empty((SIZE, SIZE, 3), np.float32)
    horizon = _outdoor(rng, image)
    if rng.random() < 0.3:
        _tree(rng, image, rng.uniform(10, 150), horizon + 5, scale=0.7)
    if rng.random() < 0.25:
        _alpaca(rng, image, rng.uniform(30, 130), horizon + 12, scale=0.55, facing=rng.choice([-1, 1]))
    # a close-up: the head near the top of the picture, the legs maybe cut off
    scale = rng.uniform(1.2, 1.9)
    ground = rng.uniform(20, 40) + 76 * scale
    _alpaca(rng, image, rng.uniform(60, 100), ground, scale=scale, facing=rng.choice([-1, 1]))
    return _finish(rng, image)


def draw_other_scene(rng: np.random.Generator) -> np.ndarray:
    """One "not alpaca" photo: (160, 160, 3) uint8."""
    image = np.empty((SIZE, SIZE, 3), np.float32)
    base = _outdoor(rng, image) if rng.random() < 0.85 else _elsewhere(rng, image)
    subject = rng.integers(3)
    ground = rng.uniform(max(base + 25, 115), 155)
    if subject == 0:
        for _ in range(rng.integers(1, 4)):
            _tree(rng, image, rng.uniform(20, 140), rng.uniform(base + 10, ground), scale=rng.uniform(0.8, 1.3))
    elif subject == 1:
        _house(rng, image, rng.uniform(5, 90), ground)
        if rng.random() < 0.5:
            _tree(rng, image, rng.uniform(10, 150), ground, scale=0.8)
    else:
        _other_animal(rng, image, rng.uniform(50, 110), ground, facing=rng.choice([-1, 1]))
    return _finish(rng, image)


def image_folder(folder: str | Path = "data") -> Path:
    """The folder that holds the two class folders."""
    return Path(folder) / "dataset"


def write_images(folder: str | Path = "data") -> Path:
    """Write the 327 photos (once) and return `<folder>/dataset`, the folder to read them from."""
    from PIL import Image

    root = image_folder(data_folder(folder))
    done = root / ".complete"
    if done.is_file():
        return root
    rng = np.random.default_rng(SEED)
    labels = np.array([0] * N_ALPACA + [1] * (N_IMAGES - N_ALPACA))
    rng.shuffle(labels)
    counts = {0: 0, 1: 0}
    for name in CLASS_NAMES:
        (root / name).mkdir(parents=True, exist_ok=True)
    for label in labels:
        picture = draw_alpaca_scene(rng) if label == 0 else draw_other_scene(rng)
        name = CLASS_NAMES[label]
        stem = "alpaca" if label == 0 else "other"
        Image.fromarray(picture).save(root / name / f"{stem}_{counts[label]:03d}.png", compress_level=1)
        counts[label] += 1
    done.write_text("327 images\n")
    return root
