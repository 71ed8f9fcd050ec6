"""D-ROAD: generated 720x1280 road scenes and a deterministic YOLO stand-in.

The original car-detection lab ran a pretrained YOLOv2 network (608x608
input, raw output of shape (m, 19, 19, 5, 85)) on dash-camera photos.  Here:

* `draw_scene` paints a road seen from a car: pale sky, grey hills, an
  asphalt road in perspective with white lane marks, muted verges, and cars
  seen from behind.  Every car body is painted in a strongly saturated colour,
  and nothing else in the scene is.
* `YoloStandIn` plays the network.  It has no trainable weights: it finds the
  saturated car bodies in the (608, 608) input, and writes them into a raw
  (1, 19, 19, 5, 85) tensor exactly as YOLOv2 would -- the inverse of
  `yolo_head` -- with a weaker duplicate of each car in a second anchor (so
  that non-max suppression has work to do), a few faint "ghost" detections,
  and low-confidence noise everywhere else.  The noise is seeded by the
  image's bytes, so the same image always gives the same tensor.

Files, as in the original lab: ``images/*.jpg``,
``model_data/coco_classes.txt`` (80 names) and ``model_data/yolo_anchors.txt``
(5 anchors), written on first use under `folder`.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np

from . import data_folder

__all__ = [
    "ANCHORS",
    "COCO_CLASSES",
    "IMAGE_NAMES",
    "YoloStandIn",
    "draw_scene",
    "encode_detections",
    "find_cars",
    "scene_boxes",
    "write_files",
]

HEIGHT, WIDTH = 720, 1280
GRID = 19
MODEL_SIZE = 608
SEED = 20240717

# The 80 class names of the COCO data set, in the order the original model used.
COCO_CLASSES = [
    "person", "bicycle", "car", "motorbike", "aeroplane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
    "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
    "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite",
    "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle",
    "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange",
    "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "sofa", "pottedplant", "bed",
    "diningtable", "toilet", "tvmonitor", "laptop", "mouse", "remote", "keyboard", "cell phone",
    "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
    "teddy bear", "hair drier", "toothbrush",
]  # fmt: skip
CAR = COCO_CLASSES.index("car")

# Anchor boxes (width, height) in grid cells: small and square, medium, tall, wide, large.
ANCHORS = np.array([[0.6, 0.7], [1.8, 2.1], [3.3, 5.4], [7.8, 3.6], [9.7, 9.1]])

IMAGE_NAMES = ["test.jpg", "0001.jpg", "0002.jpg", "0003.jpg", "0004.jpg", "0005.jpg"]

CAR_COLOURS = [
    (205, 30, 40),  # red
    (30, 70, 205),  # blue
    (235, 195, 25),  # yellow
    (30, 160, 70),  # green
    (240, 120, 20),  # orange
    (150, 40, 175),  # purple
    (20, 150, 175),  # teal
]


# ---------------------------------------------------------------------------
# Scenes
# ---------------------------------------------------------------------------


def _layout(index: int) -> tuple[int, list[tuple[tuple[int, int, int, int], tuple[int, int, int]]]]:
    """The horizon row and the cars (box, colour) of scene `index`, far cars first."""
    rng = np.random.default_rng([SEED, index])
    horizon = int(rng.integers(250, 320))
    n_cars = int(rng.integers(2, 7))
    cars: list[tuple[tuple[int, int, int, int], tuple[int, int, int]]] = []
    attempts = 0
    while len(cars) < n_cars and attempts < 400:
        attempts += 1
        bottom = int(rng.uniform(horizon + 45, HEIGHT - 10))
        depth = (bottom - horizon) / (HEIGHT - horizon)  # 0 at the horizon, 1 at the bottom
        half_road = 30 + depth * 700
        lane = rng.choice([-1.5, -0.5, 0.5, 1.5])
        centre = WIDTH / 2 + lane * half_road / 2 + rng.normal(0, 10 * depth + 2)
        width = 40 + 300 * depth * rng.uniform(0.85, 1.15)
        height = width * rng.uniform(0.72, 0.86)
        box = (int(centre - width / 2), int(bottom - height), int(centre + width / 2), bottom)
        if box[0] < 5 or box[2] > WIDTH - 5 or box[1] <= horizon - 30:
            continue
        if any(_overlap(box, other, margin=24) for other, _ in cars):
            continue
        colour = CAR_COLOURS[int(rng.integers(len(CAR_COLOURS)))]
        cars.append((box, colour))
    cars.sort(key=lambda car: car[0][3])
    return horizon, cars


def _overlap(a, b, margin=0) -> bool:
    return not (a[2] + margin < b[0] or b[2] + margin < a[0] or a[3] + margin < b[1] or b[3] + margin < a[1])


def _painted_box(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The part of a car drawn in its body colour (the wheels stick out below it)."""
    x0, y0, x1, y1 = box
    return x0, y0, x1, y1 - int(round(0.1 * (y1 - y0)))


def scene_boxes(index: int) -> list[tuple[int, int, int, int]]:
    """Ground truth of scene `index`: each car body as (x1, y1, x2, y2) pixels of the 1280x720 image."""
    return [_painted_box(box) for box, _ in _layout(index)[1]]


def draw_scene(index: int):
    """Scene `index` as a 1280x720 PIL image."""
    from PIL import Image, ImageDraw

    rng = np.random.default_rng([SEED, index, 1])
    horizon, cars = _layout(index)
    rows = np.arange(HEIGHT, dtype=np.float64)[:, None, None]
    # pale, almost grey sky, lighter towards the horizon
    t = np.clip(rows / max(horizon, 1), 0, 1)
    pixels = (1 - t) * np.array([188, 198, 212]) + t * np.array([222, 225, 230]) + np.zeros((1, WIDTH, 3))
    # grey hills on the horizon
    cols = np.arange(WIDTH, dtype=np.float64)[None, :, None]
    for _ in range(3):
        cx, w, h = rng.uniform(0, WIDTH), rng.uniform(250, 600), rng.uniform(25, 70)
        hill = ((cols - cx) / (w / 2)) ** 2 + ((rows - horizon) / h) ** 2 <= 1.0
        shade = rng.uniform(150, 175)
        pixels = np.where(hill, np.array([shade, shade + 3, shade + 6]), pixels)
    # muted verges below the horizon
    ground = np.array([118, 124, 108]) + rng.normal(0, 6, (HEIGHT, WIDTH, 1))
    pixels = np.where(rows >= horizon, ground, pixels)
    pixels += rng.normal(0, 3, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    # the road: a trapezoid that narrows towards the vanishing point
    centre = WIDTH / 2
    half_top, half_bottom = 30, 730
    asphalt = tuple(int(v) for v in rng.uniform(95, 115) * np.ones(3))
    draw.polygon(
        [(centre - half_top, horizon), (centre + half_top, horizon), (centre + half_bottom, HEIGHT), (centre - half_bottom, HEIGHT)],
        fill=asphalt,
    )
    # lane marks: white dashes along three lines through the vanishing point
    for lane in (-1.0, 0.0, 1.0):
        for k in range(14):
            d0, d1 = (k + 0.2) / 14, (k + 0.65) / 14
            d0, d1 = d0**1.6, d1**1.6  # closer dashes look longer
            y0, y1 = horizon + d0 * (HEIGHT - horizon), horizon + d1 * (HEIGHT - horizon)
            half0, half1 = half_top + d0 * (half_bottom - half_top), half_top + d1 * (half_bottom - half_top)
            w0, w1 = 1 + 6 * d0, 1 + 6 * d1
            x0, x1 = centre + lane * half0 / 2, centre + lane * half1 / 2
            draw.polygon([(x0 - w0, y0), (x0 + w0, y0), (x1 + w1, y1), (x1 - w1, y1)], fill=(235, 235, 232))
    for box, colour in cars:
        _draw_car(draw, box, colour)
    return image


def _draw_car(draw, box, colour) -> None:
    """A car seen from behind: body, cabin with a dark rear window, lights, plate and wheels."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    body_top = y0 + 0.42 * h
    wheel_top = y1 - 0.2 * h
    dark = (28, 28, 30)
    # wheels first: the body hides their upper half
    draw.rectangle((x0 + 0.06 * w, wheel_top, x0 + 0.26 * w, y1), fill=dark)
    draw.rectangle((x1 - 0.26 * w, wheel_top, x1 - 0.06 * w, y1), fill=dark)
    painted = _painted_box(box)
    draw.rectangle((x0, body_top, x1 - 1, painted[3] - 1), fill=colour)
    draw.polygon([(x0 + 0.14 * w, body_top), (x0 + 0.22 * w, y0), (x1 - 0.22 * w - 1, y0), (x1 - 0.14 * w - 1, body_top)], fill=colour)
    draw.polygon(
        [(x0 + 0.2 * w, body_top - 0.04 * h), (x0 + 0.26 * w, y0 + 0.08 * h), (x1 - 0.26 * w, y0 + 0.08 * h), (x1 - 0.2 * w, body_top - 0.04 * h)],
        fill=(45, 55, 70),
    )
    lights = (255, 40, 30) if colour != (205, 30, 40) else (255, 150, 40)
    draw.rectangle((x0 + 0.04 * w, body_top + 0.1 * h, x0 + 0.16 * w, body_top + 0.2 * h), fill=lights)
    draw.rectangle((x1 - 0.16 * w, body_top + 0.1 * h, x1 - 0.04 * w, body_top + 0.2 * h), fill=lights)
    draw.rectangle((x0 + 0.4 * w, body_top + 0.24 * h, x1 - 0.4 * w, body_top + 0.34 * h), fill=(225, 225, 220))


def write_files(folder: str | Path = "data") -> Path:
    """Write the images and the model_data files under `folder` (once); return the folder."""
    folder = data_folder(folder)
    images = data_folder(folder / "images")
    model_data = data_folder(folder / "model_data")
    classes = model_data / "coco_classes.txt"
    if not classes.is_file():
        classes.write_text("\n".join(COCO_CLASSES) + "\n")
    anchors = model_data / "yolo_anchors.txt"
    if not anchors.is_file():
        anchors.write_text(", ".join(f"{value:g}" for value in ANCHORS.ravel()) + "\n")
    for index, name in enumerate(IMAGE_NAMES):
        path = images / name
        if not path.is_file():
            tmp = path.with_suffix(".tmp")
            draw_scene(index).save(tmp, format="JPEG", quality=92)
            tmp.replace(path)
    return folder


# ---------------------------------------------------------------------------
# The YOLO stand-in
# ---------------------------------------------------------------------------


def find_cars(image_data: np.ndarray, min_pixels: int = 40) -> list[tuple[float, float, float, float]]:
    """Saturated regions of one (H, W, 3) image in [0, 1], as (x_min, y_min, x_max, y_max) fractions."""
    from scipy import ndimage

    brightest = image_data.max(axis=-1)
    saturation = (brightest - image_data.min(axis=-1)) / np.maximum(brightest, 1e-6)
    mask = (saturation > 0.5) & (brightest > 0.3)
    # parts of one car (roof, body) may be split by the dark window: join what nearly touches
    labels, _ = ndimage.label(ndimage.binary_dilation(mask, iterations=2))
    labels = np.where(mask, labels, 0)
    height, width = mask.shape
    found = []
    for index, region in enumerate(ndimage.find_objects(labels), 1):
        if region is None or int((labels[region] == index).sum()) < min_pixels:
            continue
        rows, cols = region
        found.append((cols.start / width, rows.start / height, cols.stop / width, rows.stop / height))
    found.sort(key=lambda box: (box[1], box[0]))
    return found


def _logit(p):
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _shape_iou(wh, anchors):
    inter = np.minimum(wh[0], anchors[:, 0]) * np.minimum(wh[1], anchors[:, 1])
    return inter / (wh[0] * wh[1] + anchors[:, 0] * anchors[:, 1] - inter)


def encode_detections(boxes, rng: np.random.Generator, anchors=ANCHORS, num_classes=80, grid=GRID) -> np.ndarray:
    """The raw (1, grid, grid, A, 5 + num_classes) tensor that `yolo_head` decodes into `boxes`.

    `boxes` are (x_min, y_min, x_max, y_max) fractions of the image.  Each box
    goes into the cell holding its centre, in the anchor whose shape fits it
    best, with confidence about 0.95 and class "car"; a weaker, slightly
    shifted copy goes into the second-best anchor.  Every other slot holds
    low-confidence noise, a few of them faint ghosts (class scores around 0.05-0.2).
    """
    num_anchors = len(anchors)
    raw = np.empty((1, grid, grid, num_anchors, 5 + num_classes))
    raw[..., 0:2] = rng.normal(0, 1, raw[..., 0:2].shape)
    raw[..., 2:4] = rng.normal(-0.5, 0.5, raw[..., 2:4].shape)
    raw[..., 4] = rng.normal(-6.5, 0.8, raw[..., 4].shape)
    raw[..., 5:] = rng.normal(0, 1.5, raw[..., 5:].shape)
    for row, col in rng.integers(0, grid, (6, 2)):
        ghost = raw[0, row, col, int(rng.integers(num_anchors))]
        ghost[4] = _logit(rng.uniform(0.12, 0.3))
        ghost[5 + int(rng.integers(num_classes))] = 5.0
    taken: set[tuple[int, int, int]] = set()
    for x_min, y_min, x_max, y_max in boxes:
        centre = np.array([(x_min + x_max) / 2, (y_min + y_max) / 2]) * grid
        wh = np.array([x_max - x_min, y_max - y_min]) * grid
        col, row = (int(min(c, grid - 1e-6)) for c in centre)
        order = [int(a) for a in np.argsort(-_shape_iou(wh, anchors))]
        order = [a for a in order if (row, col, a) not in taken]
        for rank, anchor in enumerate(order[:2]):
            taken.add((row, col, anchor))
            shift = 0 if rank == 0 else 0.04
            slot = raw[0, row, col, anchor]
            slot[0:2] = _logit(centre + shift * wh - np.array([col, row]))
            slot[2:4] = np.log(wh * (1 + shift) / anchors[anchor])
            slot[4] = _logit(0.95 if rank == 0 else 0.75)
            slot[5:] = rng.normal(0, 1, num_classes)
            slot[5 + CAR] = 7.0 if rank == 0 else 5.5
    return raw.astype(np.float32)


class YoloStandIn:
    """Plays YOLOv2 on D-ROAD images: (m, 608, 608, 3) in [0, 1] -> raw (m, 19, 19, 5, 85) tensor.

    No weights and no training: it reads the painted car bodies off the image
    (see `find_cars`) and encodes them as the real network would.  The same
    image always gives the same tensor.
    """

    input_shape = (None, MODEL_SIZE, MODEL_SIZE, 3)
    output_shape = (None, GRID, GRID, len(ANCHORS), 5 + len(COCO_CLASSES))

    def __call__(self, image_data):
        import tensorflow as tf

        batch = np.asarray(image_data, dtype=np.float32)
        if batch.ndim != 4 or batch.shape[-1] != 3:
            raise ValueError(f"expected images of shape (m, height, width, 3), got {batch.shape}")
        outputs = []
        for image in batch:
            seed = zlib.crc32(np.round(image * 255).astype(np.uint8).tobytes())
            outputs.append(encode_detections(find_cars(image), np.random.default_rng(seed))[0])
        return tf.constant(np.stack(outputs))

    def summary(self) -> None:
        print("YOLO stand-in (no trainable weights)")
        print(f"  input:  {self.input_shape}  RGB values in [0, 1]")
        print(f"  output: {self.output_shape}  (grid, grid, anchors, 5 + classes)")
