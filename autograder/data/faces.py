"""D-FACES: drawn faces of 12 synthetic people, and a FaceNet stand-in encoder.

Stand-in for the face-recognition lab's photos and its pretrained FaceNet.

**Images.** Each identity fixes a face shape, skin, hair colour and style,
eye spacing and colour, eyebrows, mouth and nose, a shirt colour and
sometimes glasses.  Each shot of a person changes only what a camera would:
a few pixels of position, a little scale, the lighting and the background
tint, and pixel noise.  ``<folder>/images/<name>.png`` is the shot stored in
the database; ``<folder>/images/camera_<k>.png`` are later camera shots
(`CAMERA_SHOTS` says who is on each; one is a stranger).

**Encoder.** `facenet_standin()` is a deterministic Keras model
160x160x3 -> 128 with an L2-normalised output, like FaceNet's: average
pooling to 20x20, `Flatten`, `Dense(128)` and `UnitNormalization`.  The Dense
layer is fitted by the project itself, in closed form, on faces of 60 *other*
generated people (never the 12 of the lab): it keeps the directions in which
people differ most relative to how much one person's shots vary (a Fisher
discriminant), whitened.  Same-person distances come out below 0.7 and
different-person distances above it, as with the real FaceNet; a project
test checks this calibration.

Everything is the same on every run; images are written on first use.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from . import data_folder

__all__ = [
    "CAMERA_SHOTS",
    "IDENTITIES",
    "SIZE",
    "draw_face",
    "encode_images",
    "facenet_standin",
    "identity",
    "image_path",
    "portrait",
    "shot",
    "write_images",
]

SIZE = 160
EMBEDDING = 128
POOL = 8
SEED = 20240815
IDENTITIES = (
    "amara", "bruno", "chen", "dara", "emeka", "farah",
    "goran", "hana", "ivo", "jade", "kofi", "lucia",
)
# camera shots: (file index, who is on it); "stranger" is not in the database
CAMERA_SHOTS = ((0, "chen"), (1, "kofi"), (2, "hana"), (3, "stranger"), (4, "amara"), (5, "goran"))
TRAINING_PEOPLE = 80  # the encoder is fitted on other people than the lab's
TRAINING_SHOTS = 4
REG = 1e-4  # added to the within-person variance in every direction

_yy, _xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float64)

SKIN = np.array([[255, 220, 190], [240, 195, 155], [205, 150, 110], [160, 110, 75], [115, 75, 50], [250, 205, 175]])
HAIR = np.array([[25, 20, 20], [90, 55, 30], [200, 160, 90], [150, 60, 30], [180, 180, 185], [60, 40, 30]])
SHIRTS = np.array([[200, 40, 40], [40, 90, 190], [40, 150, 70], [230, 200, 50], [120, 60, 160], [30, 30, 35],
                   [230, 230, 230], [240, 130, 40]])


def _seed_of(name: str) -> int:
    return SEED + sum((i + 1) * ord(c) for i, c in enumerate(name))


def identity(name: str) -> dict:
    """The fixed traits of a person (a dict of numbers), from their name."""
    rng = np.random.default_rng(_seed_of(name))
    return {
        "rx": rng.uniform(34, 46), "ry": rng.uniform(46, 58),
        "skin": SKIN[rng.integers(len(SKIN))] + rng.uniform(-12, 12, 3),
        "hair": HAIR[rng.integers(len(HAIR))] + rng.uniform(-10, 10, 3),
        "hair_top": rng.uniform(8, 26), "hair_side": rng.uniform(0, 1), "long_hair": rng.random() < 0.4,
        "eye_dx": rng.uniform(13, 22), "eye_y": rng.uniform(-12, -2), "eye_r": rng.uniform(3.5, 6.5),
        "iris": rng.choice([[60, 40, 20], [40, 90, 150], [60, 120, 70], [30, 25, 25]]),
        "brow": rng.uniform(1.5, 4.5), "mouth_w": rng.uniform(10, 20), "mouth_y": rng.uniform(22, 32),
        "nose": rng.uniform(8, 18),
        "shirt": SHIRTS[rng.integers(len(SHIRTS))] + rng.uniform(-15, 15, 3),
        "glasses": rng.random() < 0.35, "beard": rng.random() < 0.25,
    }


def shot(rng: np.random.Generator) -> dict:
    """What changes between two shots of the same person."""
    return {
        "dx": rng.uniform(-4, 4), "dy": rng.uniform(-4, 4), "scale": rng.uniform(0.96, 1.04),
        "light": rng.uniform(0.88, 1.1), "side_light": rng.uniform(-0.08, 0.08),
        "background": np.array([200, 200, 205]) + rng.uniform(-20, 20, 3), "noise": rng.uniform(2, 6),
    }


def _ellipse(cx, cy, rx, ry):
    return ((_xx - cx) / rx) ** 2 + ((_yy - cy) / ry) ** 2 <= 1.0


def draw_face(traits: dict, pose: dict, rng: np.random.Generator) -> np.ndarray:
    """A 160x160x3 uint8 portrait of the person `traits` in the shot `pose`."""
    s = pose["scale"]
    cx, cy = SIZE / 2 + pose["dx"], SIZE / 2 - 6 + pose["dy"]
    image = np.empty((SIZE, SIZE, 3))
    image[:] = pose["background"]
    # shoulders and shirt
    shoulders = _ellipse(cx, cy + 112 * s, 70 * s, 45 * s)
    image[shoulders] = traits["shirt"]
    neck = (np.abs(_xx - cx) < 13 * s) & (_yy > cy + 30 * s) & (_yy < cy + 72 * s)
    image[neck] = traits["skin"] * 0.9
    # hair behind the face (long hair falls to the shoulders)
    rx, ry = traits["rx"] * s, traits["ry"] * s
    if traits["long_hair"]:
        back = _ellipse(cx, cy + 10 * s, rx + 10 * s, ry + 18 * s) & (_yy > cy - ry)
        image[back] = traits["hair"]
    face = _ellipse(cx, cy, rx, ry)
    image[face] = traits["skin"]
    # hair on top: the part of a larger ellipse above a line
    top = _ellipse(cx, cy - 4 * s, rx + 4 * s, ry + 6 * s) & (_yy < cy - ry + traits["hair_top"] * s)
    sides = _ellipse(cx, cy - 4 * s, rx + 4 * s, ry + 6 * s) & ~face & (_yy < cy + traits["hair_side"] * 20 * s)
    image[top | sides] = traits["hair"]
    if traits["beard"]:
        beard = face & (_yy > cy + traits["mouth_y"] * s - 8 * s)
        image[beard] = traits["hair"] * 0.9 + traits["skin"] * 0.1
    # eyes, irises, brows
    ey = cy + traits["eye_y"] * s
    for side in (-1, 1):
        ex = cx + side * traits["eye_dx"] * s
        image[_ellipse(ex, ey, traits["eye_r"] * 1.5 * s, traits["eye_r"] * s)] = (245, 245, 245)
        image[_ellipse(ex, ey, traits["eye_r"] * 0.7 * s, traits["eye_r"] * 0.7 * s)] = traits["iris"]
        brow = (np.abs(_xx - ex) < traits["eye_r"] * 1.8 * s) & (np.abs(_yy - (ey - traits["eye_r"] * 2.2 * s)) < traits["brow"] * s)
        image[brow] = traits["hair"] * 0.8
        if traits["glasses"]:
            ring = _ellipse(ex, ey, 11 * s, 9 * s) & ~_ellipse(ex, ey, 9 * s, 7 * s)
            image[ring] = (20, 20, 20)
    if traits["glasses"]:
        bridge = (np.abs(_xx - cx) < traits["eye_dx"] * s - 9 * s) & (np.abs(_yy - ey) < 1.2 * s)
        image[bridge] = (20, 20, 20)
    # nose and mouth
    nose = (np.abs(_xx - cx) < 2.5 * s) & (_yy > cy) & (_yy < cy + traits["nose"] * s)
    image[nose] = traits["skin"] * 0.8
    mouth = _ellipse(cx, cy + traits["mouth_y"] * s, traits["mouth_w"] * s, 3.5 * s)
    image[mouth] = (170, 60, 70)
    # lighting: overall brightness and a gentle left-right gradient, then sensor noise
    light = pose["light"] * (1 + pose["side_light"] * (_xx - SIZE / 2) / (SIZE / 2))
    image = image * light[..., None] + rng.normal(0, pose["noise"], image.shape)
    return np.clip(image, 0, 255).astype(np.uint8)


def portrait(name: str, take: int) -> np.ndarray:
    """Shot number `take` of person `name` (take 0 is the database photo)."""
    rng = np.random.default_rng([_seed_of(name), take])
    return draw_face(identity(name), shot(rng), rng)


def image_path(folder: str | Path, name: str) -> Path:
    return Path(folder) / "images" / f"{name}.png"


def write_images(folder: str | Path = "data") -> Path:
    """Write the database photos and the camera shots into `folder`/images (once); return `folder`."""
    from PIL import Image

    folder = data_folder(folder)
    (folder / "images").mkdir(parents=True, exist_ok=True)
    wanted = {name: (name, 0) for name in IDENTITIES}
    wanted |= {f"camera_{k}": (who, 1 + k) for k, who in CAMERA_SHOTS}
    for file_name, (who, take) in wanted.items():
        path = image_path(folder, file_name)
        if not path.is_file():
            Image.fromarray(portrait(who, take)).save(path)
    return folder


# ---------------------------------------------------------------------------
# The FaceNet stand-in
# ---------------------------------------------------------------------------


def _pooled(images: np.ndarray) -> np.ndarray:
    """What the encoder's first layers compute: 8x8 average pooling of [0, 1] images, flattened."""
    x = np.asarray(images, dtype=np.float64) / 255.0
    m = x.shape[0]
    x = x.reshape(m, SIZE // POOL, POOL, SIZE // POOL, POOL, 3).mean(axis=(2, 4))
    return x.reshape(m, -1)


def _thin_svd(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Right singular vectors (rows, largest first) and singular values of a wide-or-tall `a`, via a x a'."""
    values, u = np.linalg.eigh(a @ a.T)
    keep = values > values.max() * 1e-10
    values, u = values[keep][::-1], u[:, keep][:, ::-1]
    singular = np.sqrt(values)
    return (u.T @ a) / singular[:, None], singular


@lru_cache(maxsize=1)
def _projection() -> tuple[np.ndarray, np.ndarray]:
    """Dense kernel (1200, 128) and bias (128,): a whitened Fisher discriminant fitted on other people."""
    people = [f"trainee{k:02d}" for k in range(TRAINING_PEOPLE)]
    features = np.stack([_pooled(np.stack([portrait(p, t) for t in range(TRAINING_SHOTS)])) for p in people])
    mean = features.reshape(-1, features.shape[-1]).mean(axis=0)
    within = (features - features.mean(axis=1, keepdims=True)).reshape(-1, features.shape[-1])
    between = features.mean(axis=1) - mean
    # Whiten the within-person variation: W = Sw^(-1/2) with Sw = within'within/n + REG*I.
    # The thin SVD of `within` comes from its small Gram matrix (directions it never varies in
    # get 1/sqrt(REG)).
    vt, singular = _thin_svd(within)
    scale = 1 / np.sqrt(singular**2 / len(within) + REG) - 1 / np.sqrt(REG)

    def whiten(x):
        return x / np.sqrt(REG) + ((x @ vt.T) * scale) @ vt

    # keep the directions in which people differ most, in the whitened space
    directions, _ = _thin_svd(whiten(between))
    kernel = whiten(directions[:EMBEDDING]).T  # (features, rank): whitening is symmetric
    if kernel.shape[1] < EMBEDDING:  # fewer people than dimensions: pad with zero columns
        kernel = np.concatenate([kernel, np.zeros((kernel.shape[0], EMBEDDING - kernel.shape[1]))], axis=1)
    bias = -mean @ kernel
    return kernel.astype(np.float32), bias.astype(np.float32)


def facenet_standin():
    """The FaceNet stand-in: a Keras model (None, 160, 160, 3) in [0, 1] -> (None, 128), unit length."""
    import keras

    kernel, bias = _projection()
    inputs = keras.Input((SIZE, SIZE, 3), name="input_image")
    x = keras.layers.AveragePooling2D(pool_size=POOL, name="downsample")(inputs)
    x = keras.layers.Flatten(name="flatten")(x)
    x = keras.layers.Dense(EMBEDDING, name="embedding")(x)
    outputs = keras.layers.UnitNormalization(name="l2_normalise")(x)
    model = keras.Model(inputs, outputs, name="facenet_standin")
    model.get_layer("embedding").set_weights([kernel, bias])
    return model


def encode_images(images: np.ndarray) -> np.ndarray:
    """Encodings (m, 128) of uint8 images (m, 160, 160, 3), computed in NumPy exactly as the model does."""
    kernel, bias = _projection()
    x = _pooled(images).astype(np.float32) @ kernel + bias
    return x / np.linalg.norm(x, axis=1, keepdims=True)
