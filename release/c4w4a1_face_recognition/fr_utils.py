"""Given helpers of the face recognition lab (c4w4a1): you do not need to edit this file.

The faces and the encoder come from the course's own generator (no download):
`load_faces` writes the pictures on first use, and `facenet_standin` builds
the stand-in for the pretrained FaceNet model (see `autograder/data/faces.py`
for how it is made).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np

from autograder.compare import to_plain
from autograder.data import faces

__all__ = [
    "CAMERA_SHOTS",
    "IDENTITIES",
    "facenet_standin",
    "img_to_encoding",
    "load_faces",
    "show_faces",
]

IDENTITIES = faces.IDENTITIES
CAMERA_SHOTS = faces.CAMERA_SHOTS


def facenet_standin():
    """The FaceNet stand-in: a Keras model from (None, 160, 160, 3) images in [0, 1] to (None, 128) unit vectors."""
    return faces.facenet_standin()


def load_faces(folder="data"):
    """Write the pictures on first use; return the folder that holds them (`<folder>/images`)."""
    return Path(faces.write_images(folder)) / "images"


def img_to_encoding(image_path, model):
    """
    The encoding of one picture: read it at 160x160, scale to [0, 1], run the model, normalise.

    Arguments:
    image_path -- path of an image file
    model -- the face encoder (a Keras model with 160x160x3 inputs)

    Returns:
    encoding -- array of shape (1, 128) with L2 norm 1
    """
    img = keras.utils.load_img(image_path, target_size=(160, 160))
    img = np.around(np.array(img) / 255.0, decimals=12)
    x_train = np.expand_dims(img, axis=0)
    embedding = model.predict(x_train, verbose=0)
    return embedding / np.linalg.norm(embedding, ord=2)


def show_faces(paths, titles, columns=6, size=1.9):
    """Show pictures in a grid with a title under each."""
    rows = (len(paths) + columns - 1) // columns
    fig, axes = plt.subplots(rows, columns, figsize=(columns * size, rows * (size + 0.3)), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, path, title in zip(axes.flat, paths, titles, strict=False):
        ax.imshow(keras.utils.load_img(path))
        ax.set_title(title, fontsize=10)
    plt.tight_layout()
    plt.show()


# ---------------------------------------------------------------------------
# Support for the lab's checks (called by the grader inside your process).
# ---------------------------------------------------------------------------

_encoder: list = []


def facenet_model():
    """Check factory (`checks.Live`): the FaceNet stand-in, built once per process."""
    if not _encoder:
        _encoder.append(faces.facenet_standin())
    return _encoder[0]


def picture(who, take):
    """Check factory (`checks.Live`): path of shot `take` of person `who`, written to a scratch folder."""
    from PIL import Image

    folder = Path(tempfile.gettempdir()) / "dlgrade-faces"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{who}_{int(take)}.png"
    if not path.is_file():  # written under another name first: parallel graders may share the folder
        partial = folder / f".{who}_{int(take)}.{os.getpid()}.png"
        Image.fromarray(faces.portrait(who, int(take))).save(partial)
        os.replace(partial, path)
    return str(path)


def as_array(result):
    """Check hook: a number or a scalar tensor as a NumPy array (a loss of the wrong shape keeps its shape)."""
    plain = to_plain(result)
    if isinstance(plain, np.ndarray | np.generic | int | float) and not isinstance(plain, bool):
        return np.asarray(plain)
    return plain
