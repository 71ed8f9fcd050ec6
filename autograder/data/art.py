"""D-ART: a generated content picture and a generated "painting" (neural style transfer lab).

Stand-in for the content photo and the style painting of the original lab:

* ``content.png``: a simple landscape with a building -- sky with a sun,
  hills, a house with windows and a door, a tree, a path;
* ``style.png``: a colourful brush-stroke texture -- hundreds of short, thick,
  curved strokes in a few vivid palettes, swirling around a few centres.

Both are ``SIZE`` x ``SIZE`` RGB pictures written on first use into
``<folder>/images/`` (the lab resizes them to ``img_size``); the same bytes on
every run.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import data_folder

__all__ = ["SIZE", "draw_content", "draw_style", "write_images"]

SIZE = 128
SEED = 20240901


def draw_content(size: int = SIZE):
    """The content picture: a house in a landscape (a PIL image)."""
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(SEED)
    s = size / 128.0
    image = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    for y in range(size):  # sky: light blue to pale at the horizon
        t = y / size
        draw.line([(0, y), (size, y)], fill=(int(110 + 110 * t), int(160 + 70 * t), int(230 + 15 * t)))
    draw.ellipse([98 * s, 10 * s, 116 * s, 28 * s], fill=(255, 225, 90))
    draw.ellipse([-40 * s, 62 * s, 70 * s, 120 * s], fill=(95, 150, 80))
    draw.ellipse([40 * s, 66 * s, 170 * s, 130 * s], fill=(75, 135, 70))
    draw.rectangle([0, 92 * s, size, size], fill=(90, 160, 75))
    # the house
    draw.rectangle([34 * s, 60 * s, 84 * s, 98 * s], fill=(225, 205, 170), outline=(120, 90, 60))
    draw.polygon([(28 * s, 61 * s), (90 * s, 61 * s), (59 * s, 36 * s)], fill=(170, 60, 45))
    draw.rectangle([54 * s, 76 * s, 65 * s, 98 * s], fill=(110, 70, 40))
    for x0 in (40, 71):
        draw.rectangle([x0 * s, 68 * s, (x0 + 8) * s, 76 * s], fill=(150, 200, 235), outline=(90, 70, 50))
    draw.rectangle([68 * s, 40 * s, 74 * s, 52 * s], fill=(130, 60, 50))
    # a tree and a path
    draw.rectangle([100 * s, 70 * s, 105 * s, 98 * s], fill=(100, 70, 40))
    draw.ellipse([88 * s, 48 * s, 118 * s, 80 * s], fill=(50, 120, 50))
    draw.polygon([(54 * s, 98 * s), (65 * s, 98 * s), (80 * s, size), (40 * s, size)], fill=(200, 180, 140))
    pixels = np.asarray(image, dtype=np.float64) + rng.normal(0, 2.0, (size, size, 3))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


PALETTES = [
    [(250, 200, 40), (240, 120, 30), (200, 40, 40)],
    [(30, 60, 160), (60, 140, 220), (250, 250, 240)],
    [(40, 150, 90), (170, 220, 60), (20, 80, 60)],
    [(150, 50, 160), (240, 90, 150), (250, 200, 220)],
]


def draw_style(size: int = SIZE):
    """The style picture: swirling, thick, colourful brush strokes (a PIL image)."""
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(SEED + 1)
    s = size / 128.0
    image = Image.new("RGB", (size, size), (25, 35, 70))
    draw = ImageDraw.Draw(image)
    centres = rng.uniform(0, size, (5, 2))
    for _ in range(900):
        x, y = rng.uniform(-5, size + 5, 2)
        k = int(np.argmin(np.hypot(*(centres - (x, y)).T)))
        cx, cy = centres[k]
        angle = np.arctan2(y - cy, x - cx) + np.pi / 2 + rng.normal(0, 0.25)  # around the nearest centre
        palette = PALETTES[k % len(PALETTES)]
        colour = np.array(palette[rng.integers(len(palette))]) + rng.integers(-25, 26, 3)
        length, width = rng.uniform(6, 14) * s, max(1, int(rng.uniform(2, 4) * s))
        points = []
        for t in np.linspace(0, 1, 5):  # a slightly curved stroke
            bend = 0.15 * np.sin(np.pi * t)
            points.append((x + np.cos(angle + bend) * length * t, y + np.sin(angle + bend) * length * t))
        draw.line(points, fill=tuple(int(c) for c in np.clip(colour, 0, 255)), width=width, joint="curve")
    return image


def write_images(folder: str | Path = "data") -> Path:
    """Write ``images/content.png`` and ``images/style.png`` under `folder` (once); return `folder`."""
    folder = data_folder(folder)
    images = folder / "images"
    images.mkdir(parents=True, exist_ok=True)
    for name, draw in (("content.png", draw_content), ("style.png", draw_style)):
        path = images / name
        if not path.is_file():
            draw().save(path)
    return folder
