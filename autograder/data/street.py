"""D-STREET: generated street scenes with per-pixel class masks (U-Net lab).

Stand-in for the driving-simulator frames of the segmentation lab.  Every
scene is drawn from a seeded generator: a sky band, buildings with windows on
the horizon, trees, a road in perspective with dashed lane marks, sidewalks on
both sides, poles on the sidewalks and cars on the road.  The mask holds the
class id of each pixel, using a subset of the simulator's 23 ids (0-22).

Files keep the original layout: ``<folder>/CameraRGB/<k>.png`` (RGB) and
``<folder>/CameraMask/<k>.png`` (RGB, class id in channel 0, the other
channels zero, so ``reduce_max`` over the channels gives the id).  They are
written on first use (about 60 scenes of 120 x 160 pixels, well under a
second) and are the same bytes on every run.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from . import data_folder

__all__ = ["CLASSES", "HEIGHT", "N_SCENES", "WIDTH", "draw_scene", "generate", "load_street_paths"]

HEIGHT, WIDTH = 120, 160
N_SCENES = 60
SEED = 20240731

# The subset of class ids the scenes use (ids as in the simulator's 23-class list).
CLASSES = {
    0: "unlabeled",
    1: "building",
    5: "pole",
    6: "lane mark",
    7: "road",
    8: "sidewalk",
    9: "vegetation",
    10: "car",
    13: "sky",
}

_yy, _xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float64)


def _paint(image, mask, region, colour, class_id, rng, noise=6.0):
    """Fill `region` with `colour` (plus grain) in the image and `class_id` in the mask."""
    grain = rng.normal(0.0, noise, (int(region.sum()), 3))
    image[region] = np.asarray(colour, dtype=np.float64) + grain
    mask[region] = class_id


def draw_scene(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """One scene: an RGB image (H, W, 3) uint8 and its class-id mask (H, W) uint8."""
    image = np.zeros((HEIGHT, WIDTH, 3))
    mask = np.zeros((HEIGHT, WIDTH), dtype=np.uint8)
    horizon = rng.uniform(0.36, 0.5) * HEIGHT
    light = rng.uniform(0.8, 1.15)  # time of day: scales every colour

    # sky: a vertical gradient from deep to pale blue
    sky = _yy < horizon
    t = (_yy / horizon)[..., None]
    top, bottom = np.array([70, 120, 200]) * light, np.array([170, 200, 235]) * light
    image[sky] = (top * (1 - t) + bottom * t)[sky] + rng.normal(0, 3, (int(sky.sum()), 3))
    mask[sky] = 13

    # ground below the horizon starts as sidewalk; the road is cut out of it
    ground = ~sky
    _paint(image, mask, ground, np.array([185, 175, 160]) * light, 8, rng, 8)

    # buildings standing on the horizon, some reaching high into the sky
    x = rng.uniform(-10, 5)
    while x < WIDTH:
        width = rng.uniform(18, 42)
        height = rng.uniform(0.25, 0.85) * horizon
        colour = rng.choice([[150, 90, 70], [120, 120, 125], [175, 160, 130], [95, 85, 90]]) * light
        body = (_xx >= x) & (_xx < x + width) & (_yy >= horizon - height) & (_yy < horizon + 4)
        _paint(image, mask, body, colour * rng.uniform(0.85, 1.1), 1, rng, 6)
        windows = body & ((_xx - x) % 7 < 3) & ((_yy - horizon) % 8 < 4) & (_yy < horizon - 2)
        image[windows] = np.array([60, 70, 90]) * light  # windows are part of the building
        x += width + rng.uniform(0, 12)

    # trees: round crowns on short trunks, between buildings and sidewalk
    for _ in range(rng.integers(1, 5)):
        cx, cy = rng.uniform(0, WIDTH), horizon - rng.uniform(2, 14)
        r = rng.uniform(7, 14)
        crown = ((_xx - cx) / r) ** 2 + ((_yy - cy) / (r * 0.9)) ** 2 <= 1
        _paint(image, mask, crown, np.array([50, 125, 45]) * light * rng.uniform(0.8, 1.2), 9, rng, 14)

    # the road: a trapezoid from the bottom edge to a vanishing point on the horizon
    vanish = rng.uniform(0.4, 0.6) * WIDTH
    depth = np.clip((_yy - horizon) / (HEIGHT - horizon), 0, 1)  # 0 at the horizon, 1 at the bottom
    half = 4 + depth * rng.uniform(0.38, 0.5) * WIDTH
    shift = rng.uniform(-20, 20)  # the road bends sideways towards the camera
    centre = vanish + depth * shift
    road = ground & (np.abs(_xx - centre) < half) & (_yy > horizon + 1)
    _paint(image, mask, road, np.array([80, 80, 85]) * light, 7, rng, 5)

    # dashed lane marks along the centre line, wider near the camera
    phase = rng.uniform(0, 1)
    dashes = ((depth * 6 + phase) % 1.0) < 0.5
    marks = road & (np.abs(_xx - centre) < 0.6 + depth * 2.2) & dashes & (depth > 0.08)
    _paint(image, mask, marks, np.array([235, 225, 120]) * light, 6, rng, 6)

    # poles on the sidewalks
    for _ in range(rng.integers(1, 4)):
        base_y = rng.uniform(horizon + 8, HEIGHT - 2)
        d = (base_y - horizon) / (HEIGHT - horizon)
        side = rng.choice([-1, 1])
        px = vanish + d * shift + side * (4 + d * 0.45 * WIDTH + rng.uniform(4, 12))
        height = 10 + d * 55
        pole = (np.abs(_xx - px) < 0.7 + d) & (_yy <= base_y) & (_yy > base_y - height)
        _paint(image, mask, pole, np.array([45, 45, 50]) * light, 5, rng, 4)

    # cars on the road: boxes that grow towards the camera, with dark windows and wheels
    for d in np.sort(rng.uniform(0.2, 0.95, rng.integers(1, 4))):  # far cars first
        base_y = horizon + d * (HEIGHT - horizon)
        lane = rng.uniform(-0.8, 0.8)
        cx = vanish + d * shift + lane * (4 + d * 0.4 * WIDTH) * 0.8
        w, h = 8 + d * 38, 5 + d * 22
        body = (np.abs(_xx - cx) < w / 2) & (_yy <= base_y) & (_yy > base_y - h)
        colour = rng.choice([[200, 30, 30], [30, 60, 190], [230, 230, 230], [20, 20, 25], [220, 180, 30]])
        _paint(image, mask, body, np.asarray(colour) * light, 10, rng, 8)
        glass = body & (_yy < base_y - h * 0.55) & (np.abs(_xx - cx) < w * 0.38)
        image[glass] = np.array([40, 55, 70]) * light
        wheels = body & (_yy > base_y - h * 0.2) & (np.abs(np.abs(_xx - cx) - w * 0.3) < w * 0.1)
        image[wheels] = (15, 15, 15)

    image = np.clip(image, 0, 255).astype(np.uint8)
    return image, mask


def generate(folder: str | Path = "data", n: int = N_SCENES) -> Path:
    """Write `n` scenes into `folder`/CameraRGB and `folder`/CameraMask (once); return `folder`."""
    folder = data_folder(folder)
    rgb, masks = folder / "CameraRGB", folder / "CameraMask"
    names = [f"{k:03d}.png" for k in range(n)]
    if all((rgb / name).is_file() and (masks / name).is_file() for name in names):
        return folder
    rgb.mkdir(parents=True, exist_ok=True)
    masks.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    for name in names:
        image, mask = draw_scene(rng)
        Image.fromarray(image).save(rgb / name)
        coded = np.zeros((HEIGHT, WIDTH, 3), dtype=np.uint8)
        coded[..., 0] = mask  # class id in channel 0
        Image.fromarray(coded).save(masks / name)
    return folder


def load_street_paths(folder: str | Path = "data", n: int = N_SCENES) -> tuple[list[str], list[str]]:
    """Sorted paths of the camera images and of their masks (generated on first use)."""
    folder = generate(folder, n)
    names = sorted(p.name for p in (folder / "CameraRGB").glob("*.png"))[:n]
    return [str(folder / "CameraRGB" / name) for name in names], [str(folder / "CameraMask" / name) for name in names]
