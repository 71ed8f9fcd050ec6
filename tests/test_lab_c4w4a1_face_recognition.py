"""c4w4a1_face_recognition: the reference earns full marks (in process and through the
runner's data boundary), plausible mistakes lose points with a message naming what differs,
and the lesson holds on D-FACES: the stand-in encoder puts every person's pictures within 0.7
of each other and different people further apart, so the door lets the right people in,
recognises everyone on camera, turns the stranger away, and the triplet loss is 0 for the
stand-in and large for an untrained copy."""

import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402

from autograder import runner  # noqa: E402
from autograder.course import checks_of  # noqa: E402
from autograder.data import faces  # noqa: E402
from autograder.labtesting import LabUnderTest  # noqa: E402
from autograder.trusted import judge_results, plan_job  # noqa: E402

LAB = "c4w4a1_face_recognition"
GRADED = ["triplet_loss", "verify", "who_is_it"]

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student


def fr_utils():
    return lab.helper("fr_utils")


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def through_the_runner(name, namespace):
    """Grade check `name` the way the engine does: inputs and results cross as JSON data,
    the encoder and the pictures are built by the runner from their `Live` names."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(f"hidden_check({name!r}, globals())")
    cell.metadata = {"nbgrader": {"grade": True, "grade_id": f"test-{name}", "solution": False, "points": 1}}
    nb.cells.append(cell)
    job, planned, where = plan_job(nb, {name: checks_of(LAB)[name]})
    (check_cell,) = json.loads(json.dumps(job))["cells"]
    events = []
    for number, case in enumerate(check_cell["cases"]):
        event = runner.call_case(namespace, check_cell["function"], case)
        events.append(json.loads(json.dumps({"cell": 0, "check": name, "case": number} | event)))
    results, _ = judge_results(planned, events, where, vars(lab.reference), None)
    return results[name]


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points_through_the_runner(name):
    result = through_the_runner(name, lab.student())
    assert result.points == result.max_points, result.report()


def test_reference_prints_stay_out_of_the_report(capsys):
    check = checks_of(LAB)["verify"]  # LabUnderTest would swallow stdout: run the check directly
    check.run(vars(lab.reference), lab.student(verify=lambda *args: (np.float32(0.0), True)))
    assert "welcome in" not in capsys.readouterr().out


# --- triplet_loss -------------------------------------------------------------------


def _distances(y_pred):
    anchor, positive, negative = y_pred
    return (tf.reduce_sum(tf.square(anchor - positive), axis=-1), tf.reduce_sum(tf.square(anchor - negative), axis=-1))


def test_triplet_loss_averaging_instead_of_summing():
    def triplet_loss(y_true, y_pred, alpha=0.2):
        pos, neg = _distances(y_pred)
        return tf.reduce_mean(tf.maximum(pos - neg + alpha, 0.0))

    result = run("triplet_loss", student(triplet_loss=triplet_loss))
    assert 0 < result.points < result.max_points  # a zero loss is the same either way
    assert "triplet_loss(): 1 of 1 values differ" in result.messages()


def test_triplet_loss_summing_over_every_axis_before_the_maximum():
    def triplet_loss(y_true, y_pred, alpha=0.2):
        anchor, positive, negative = y_pred
        pos = tf.reduce_sum(tf.square(anchor - positive))  # one number for the whole batch
        neg = tf.reduce_sum(tf.square(anchor - negative))
        return tf.maximum(pos - neg + alpha, 0.0)

    result = run("triplet_loss", student(triplet_loss=triplet_loss))
    assert result.points < result.max_points
    assert "values differ" in result.messages()


def test_triplet_loss_without_the_maximum():
    def triplet_loss(y_true, y_pred, alpha=0.2):
        pos, neg = _distances(y_pred)
        return tf.reduce_sum(pos - neg + alpha)

    result = run("triplet_loss", student(triplet_loss=triplet_loss))
    assert result.points == 0  # every case has at least one negative margin
    assert "values differ" in result.messages()


def test_triplet_loss_returning_one_loss_per_triplet():
    def triplet_loss(y_true, y_pred, alpha=0.2):
        pos, neg = _distances(y_pred)
        return tf.maximum(pos - neg + alpha, 0.0)

    result = run("triplet_loss", student(triplet_loss=triplet_loss))
    assert result.points == 0
    assert "triplet_loss(): shape () expected, got (3,)" in result.messages()


def test_triplet_loss_returning_a_python_float_is_accepted():
    reference = lab.reference.triplet_loss
    result = run("triplet_loss", student(triplet_loss=lambda *a, **k: float(reference(*a, **k))))
    assert result.points == result.max_points, result.report()


# --- verify and who_is_it ---------------------------------------------------------------


def test_verify_with_the_threshold_test_reversed():
    img_to_encoding = fr_utils().img_to_encoding

    def verify(image_path, identity, database, model):
        dist = np.linalg.norm(img_to_encoding(image_path, model) - database[identity])
        return dist, bool(dist > 0.7)

    result = run("verify", student(verify=verify))
    assert result.points == 0
    assert "verify()[1]: True expected, got False" in result.messages()


def test_verify_with_the_squared_distance():
    img_to_encoding = fr_utils().img_to_encoding

    def verify(image_path, identity, database, model):
        dist = np.sum(np.square(img_to_encoding(image_path, model) - database[identity]))
        return dist, bool(dist < 0.7)

    result = run("verify", student(verify=verify))
    assert result.points == 0
    assert "verify()[0]:" in result.messages() and "expected, got" in result.messages()


def test_verify_returning_only_the_decision():
    img_to_encoding = fr_utils().img_to_encoding

    def verify(image_path, identity, database, model):
        return bool(np.linalg.norm(img_to_encoding(image_path, model) - database[identity]) < 0.7)

    result = run("verify", student(verify=verify))
    assert result.points == 0
    assert "verify(): type tuple expected, got bool" in result.messages()


def test_who_is_it_keeping_the_largest_distance():
    img_to_encoding = fr_utils().img_to_encoding

    def who_is_it(image_path, database, model):
        encoding = img_to_encoding(image_path, model)
        best, identity = -1, None
        for name, stored in database.items():
            dist = np.linalg.norm(encoding - stored)
            if dist > best:  # the furthest person instead of the closest
                best, identity = dist, name
        return best, identity

    result = run("who_is_it", student(who_is_it=who_is_it))
    assert [case.passed for case in result.cases] == [False, False, False, True]  # one entry: same answer
    assert "who_is_it()[1]: 'goran' expected, got" in result.messages()


def test_who_is_it_forgetting_to_update_min_dist():
    img_to_encoding = fr_utils().img_to_encoding

    def who_is_it(image_path, database, model):
        encoding = img_to_encoding(image_path, model)
        min_dist = 100
        for name, stored in database.items():
            dist = np.linalg.norm(encoding - stored)
            if dist < min_dist:
                identity = name  # min_dist never changes: the last name wins
        return min_dist, identity

    result = run("who_is_it", student(who_is_it=who_is_it))
    assert result.points == 0
    assert "who_is_it()[0]:" in result.messages() and "expected, got 100" in result.messages()


# --- data and lesson --------------------------------------------------------------------


def test_faces_are_deterministic(tmp_path):
    first = faces.write_images(tmp_path / "a") / "images"
    second = faces.write_images(tmp_path / "b") / "images"
    names = sorted(p.name for p in first.glob("*.png"))
    assert len(names) == len(faces.IDENTITIES) + len(faces.CAMERA_SHOTS) == 18
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_numpy_encodings_match_the_keras_encoder():
    model = faces.facenet_standin()
    pictures = np.stack([faces.portrait(name, 2) for name in faces.IDENTITIES[:4]])
    keras_encodings = np.asarray(model(np.around(pictures / 255.0, decimals=12), training=False))
    np.testing.assert_allclose(np.linalg.norm(keras_encodings, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(keras_encodings, faces.encode_images(pictures), atol=2e-5)


def test_lesson_calibration_door_and_recognition(tmp_path):
    """D-FACES calibration (CURRICULUM section 4) through the notebook's own path:
    files, img_to_encoding and the Keras encoder."""
    utils, ref = fr_utils(), lab.reference
    images = utils.load_faces(tmp_path)
    model = utils.facenet_standin()
    database = {name: utils.img_to_encoding(str(images / f"{name}.png"), model) for name in faces.IDENTITIES}

    # every person's other pictures are within 0.7 of their database photo, everyone else further
    same, different = [], []
    for name in faces.IDENTITIES:
        for take in range(1, 7):
            encoding = faces.encode_images(faces.portrait(name, take)[None])
            for other, stored in database.items():
                (same if other == name else different).append(float(np.linalg.norm(encoding - stored)))
    for take in range(1, 7):
        encoding = faces.encode_images(faces.portrait("stranger", take)[None])
        different += [float(np.linalg.norm(encoding - stored)) for stored in database.values()]
    assert max(same) < 0.7 < min(different), (max(same), min(different))  # about 0.64 and 0.81

    # the door: verify and who_is_it on every camera picture (their prints are the notebook's)
    for k, who in faces.CAMERA_SHOTS:
        path = str(images / f"camera_{k}.png")
        dist, name = ref.who_is_it(path, database, model)
        if who == "stranger":
            assert dist > 0.7
            assert not any(ref.verify(path, claimed, database, model)[1] for claimed in faces.IDENTITIES)
        else:
            assert name == who and dist < 0.7
            assert ref.verify(path, who, database, model)[1] is True
            assert ref.verify(path, "jade" if who != "jade" else "ivo", database, model)[1] is False


def test_lesson_triplet_loss_zero_for_the_encoder_large_for_an_untrained_copy():
    ref = lab.reference
    model = faces.facenet_standin()
    keras.utils.set_random_seed(0)
    untrained = keras.models.clone_model(model)

    def loss_with(encoder):
        def encode(name, take):
            return np.asarray(encoder(np.around(faces.portrait(name, take)[None] / 255.0, decimals=12), training=False))

        stored = {name: encode(name, 0) for name in faces.IDENTITIES}
        anchors, positives, negatives = [], [], []
        for k, who in faces.CAMERA_SHOTS:
            if who == "stranger":
                continue
            anchor = encode(who, 1 + k)
            for other in faces.IDENTITIES:
                if other != who:
                    anchors.append(anchor)
                    positives.append(stored[who])
                    negatives.append(stored[other])
        batch = [tf.constant(np.concatenate(x)) for x in (anchors, positives, negatives)]
        return float(ref.triplet_loss(None, batch)), len(anchors)

    trained_loss, m = loss_with(model)
    untrained_loss, _ = loss_with(untrained)
    assert m == 55
    assert trained_loss == 0.0
    assert untrained_loss > 0.05 * m, untrained_loss  # about 6.7: most triplets violate the margin
