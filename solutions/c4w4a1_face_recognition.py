"""Reference solution and hidden checks: c4w4a1_face_recognition.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers (`img_to_encoding`, the FaceNet stand-in, pictures) live
in source/c4w4a1_face_recognition/fr_utils.py.

`verify` and `who_is_it` take an encoder model and an image file, which
cannot travel to the student's process as data: each case names factories
(`checks.Live`) that build the stand-in encoder and write the picture where
the function runs.  The databases are plain data, computed here.
"""

import contextlib
import io

import numpy as np
import tensorflow as tf
from fr_utils import img_to_encoding

from autograder.checks import Case, FunctionCheck, Hook, Live
from autograder.compare import Tolerance
from autograder.data import faces


def triplet_loss(y_true, y_pred, alpha=0.2):
    """
    The triplet loss of a batch of (anchor, positive, negative) encodings.

    Arguments:
    y_true -- true labels, required by Keras for a loss function; not used here
    y_pred -- list [anchor, positive, negative] of encodings, each of shape (m, 128)
    alpha -- the margin

    Returns:
    loss -- scalar tensor: the sum over the m triplets of max(||A-P||^2 - ||A-N||^2 + alpha, 0)
    """
    anchor, positive, negative = y_pred[0], y_pred[1], y_pred[2]
    # squared distances, one per triplet: sum over the encoding axis only
    pos_dist = tf.reduce_sum(tf.square(tf.subtract(anchor, positive)), axis=-1)
    neg_dist = tf.reduce_sum(tf.square(tf.subtract(anchor, negative)), axis=-1)
    basic_loss = tf.add(tf.subtract(pos_dist, neg_dist), alpha)
    loss = tf.reduce_sum(tf.maximum(basic_loss, 0.0))
    return loss


def verify(image_path, identity, database, model):
    """
    Check whether the person on the picture is who they claim to be.

    Arguments:
    image_path -- path of the camera picture
    identity -- the name the person claims (a key of `database`)
    database -- dictionary from names to encodings of shape (1, 128)
    model -- the face encoder used by img_to_encoding

    Returns:
    dist -- distance between the picture's encoding and the stored encoding of `identity`
    door_open -- True if the door opens (dist < 0.7), else False
    """
    encoding = img_to_encoding(image_path, model)
    dist = np.linalg.norm(encoding - database[identity])
    if dist < 0.7:
        print("It's " + str(identity) + ": welcome in!")
        door_open = True
    else:
        print("That is not " + str(identity) + ": the door stays closed.")
        door_open = False
    return dist, door_open


def who_is_it(image_path, database, model):
    """
    Find the person in the database whose encoding is closest to the picture's.

    Arguments:
    image_path -- path of the camera picture
    database -- dictionary from names to encodings of shape (1, 128)
    model -- the face encoder used by img_to_encoding

    Returns:
    min_dist -- the smallest distance between the picture's encoding and a database encoding
    identity -- the name with that smallest distance
    """
    encoding = img_to_encoding(image_path, model)
    min_dist = 100
    for name, db_enc in database.items():
        dist = np.linalg.norm(encoding - db_enc)
        if dist < min_dist:
            min_dist = dist
            identity = name
    if min_dist > 0.7:
        print("Not in the database.")
    else:
        print("It's " + str(identity) + ", the distance is " + str(min_dist))
    return min_dist, identity


# ---------------------------------------------------------------------------
# Hidden checks: generated encodings, pictures and databases.
# ---------------------------------------------------------------------------


def _triplet(seed, m, n=128, scale=1.0):
    """Random encodings: anchor, positive, negative of shape (m, n), float32."""
    rng = np.random.default_rng(seed)
    return [rng.normal(0.0, scale, (m, n)).astype(np.float32) for _ in range(3)]


def _unit(x):
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def _triplet_loss_cases():
    yield Case("random (3, 128), alpha=0.2", ((None, None, None), _triplet(1, 3)), {"alpha": 0.2})
    yield Case("random (10, 128), default alpha", ((None, None, None), _triplet(2, 10, scale=0.1)))
    # unit encodings with positives near the anchors: some margins positive, some negative
    anchor, noise, other = _triplet(3, 6)
    positive = _unit(anchor + noise * np.linspace(0.2, 1.2, 6)[:, None])
    negative = _unit(anchor + other * np.linspace(1.2, 0.2, 6)[:, None])
    yield Case("unit encodings (6, 128), alpha=0.5", ((None, None, None), [_unit(anchor), positive, negative]), {"alpha": 0.5})
    # identical anchor and positive: the loss is what is left of the margin
    anchor, _, negative = _triplet(4, 4, n=8, scale=0.1)
    yield Case("anchor == positive (4, 8)", ((None, None, None), [anchor, anchor.copy(), negative]), {"alpha": 0.2})
    # every margin negative (the loss is 0), then one exactly zero
    a = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    p = np.array([[1.0, 0.1], [0.1, 1.0]], dtype=np.float32)
    n = np.array([[-1.0, 0.0], [0.0, -1.0]], dtype=np.float32)
    yield Case("all margins negative (2, 2)", ((None, None, None), [a, p, n]), {"alpha": 0.2})
    # rows: 0.01 - 0.25 + 0.24 = 0, then one positive and one negative margin
    a3 = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], dtype=np.float32)
    p3 = np.array([[1.0, 0.1], [0.1, 1.0], [1.0, 1.0]], dtype=np.float32)
    n3 = np.array([[1.0, 0.5], [0.0, 1.0], [-1.0, -1.0]], dtype=np.float32)
    yield Case("margins zero, positive, negative (3, 2)", ((None, None, None), [a3, p3, n3]), {"alpha": 0.24})


def _database(names, takes=None):
    """Encodings (1, 128) of the database shot (take 0, or takes[name]) of each person in `names`."""
    takes = takes or {}
    return {name: faces.encode_images(faces.portrait(name, takes.get(name, 0))[None]) for name in names}


ENCODER = Live("fr_utils:facenet_model")


def _picture(who, take):
    return Live("fr_utils:picture", (who, take))


def _verify_cases():
    full = _database(faces.IDENTITIES)
    yield Case("chen's camera shot, claims to be chen", (_picture("chen", 3), "chen", full, ENCODER))
    yield Case("kofi's camera shot, claims to be hana", (_picture("kofi", 2), "hana", full, ENCODER))
    yield Case("a stranger claims to be amara", (_picture("stranger", 1), "amara", full, ENCODER))
    small = _database(("lucia", "ivo", "dara"), takes={"lucia": 4})
    yield Case("lucia, stored from another shot, 3-person database", (_picture("lucia", 6), "lucia", small, ENCODER))


def _who_is_it_cases():
    full = _database(faces.IDENTITIES)
    yield Case("goran's camera shot, 12-person database", (_picture("goran", 5), full, ENCODER))
    yield Case("a stranger, 12-person database", (_picture("stranger", 2), full, ENCODER))
    without_hana = _database([name for name in reversed(faces.IDENTITIES) if name != "hana"])
    yield Case("hana, database without her (reversed order)", (_picture("hana", 4), without_hana, ENCODER))
    yield Case("emeka, 1-person database", (_picture("emeka", 2), _database(("emeka",)), ENCODER))


class QuietReferenceCheck(FunctionCheck):
    """A function check whose reference keeps its prints ("welcome in!") out of the test cell's output."""

    def expected(self, case, reference):
        with contextlib.redirect_stdout(io.StringIO()):
            return super().expected(case, reference)


TOL = Tolerance(rtol=1e-5, atol=1e-6)
PUBLIC_PEOPLE = ("farah", "ivo", "jade")

CHECKS = [
    FunctionCheck(
        "triplet_loss",
        4,
        _triplet_loss_cases,
        tol=TOL,
        outputs=Hook("fr_utils:as_array"),
        public=lambda: Case("random (3, 4)", ((None, None, None), _triplet(42, 3, n=4)), {"alpha": 0.2}),
    ),
    QuietReferenceCheck(
        "verify",
        3,
        _verify_cases,
        tol=TOL,
        public=lambda: Case("farah claims to be farah", (_picture("farah", 7), "farah", _database(PUBLIC_PEOPLE), ENCODER)),
    ),
    QuietReferenceCheck(
        "who_is_it",
        3,
        _who_is_it_cases,
        tol=TOL,
        public=lambda: Case("ivo, 3-person database", (_picture("ivo", 7), _database(PUBLIC_PEOPLE), ENCODER)),
    ),
]
