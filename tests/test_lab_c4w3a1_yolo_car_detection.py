"""c4w3a1_yolo_car_detection: the reference earns full marks, plausible mistakes lose points
with a message naming what differs, and the lesson holds on D-ROAD: the pipeline finds every
drawn car once, non-max suppression removes the duplicates, the score threshold the ghosts."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402

from autograder.data import road  # noqa: E402
from autograder.labtesting import LabUnderTest  # noqa: E402

LAB = "c4w3a1_yolo_car_detection"

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student


@pytest.fixture(scope="module")
def ref():
    return lab.reference


@pytest.mark.parametrize("name", ["yolo_filter_boxes", "iou", "yolo_non_max_suppression", "yolo_eval"])
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


# --- yolo_filter_boxes -------------------------------------------------------


def _filter(compare_strictly=False, use_class_probs_only=False, axis=-1):
    def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=0.6):
        box_scores = box_class_probs if use_class_probs_only else box_confidence * box_class_probs
        box_classes = tf.math.argmax(box_scores, axis=axis)
        box_class_scores = tf.math.reduce_max(box_scores, axis=axis)
        mask = box_class_scores > threshold if compare_strictly else box_class_scores >= threshold
        return (tf.boolean_mask(box_class_scores, mask), tf.boolean_mask(boxes, mask), tf.boolean_mask(box_classes, mask))

    return yolo_filter_boxes


def test_filter_strict_inequality_loses_the_boundary_case():
    result = run("yolo_filter_boxes", student(yolo_filter_boxes=_filter(compare_strictly=True)))
    failed = [case.label for case in result.cases if not case.passed]
    assert failed == ["scores exactly at the threshold 0.5 (kept)"], result.report()
    assert "yolo_filter_boxes()[0]: shape (7,) expected, got (0,)" in result.messages()


def test_filter_forgetting_the_box_confidence_loses_points():
    result = run("yolo_filter_boxes", student(yolo_filter_boxes=_filter(use_class_probs_only=True)))
    assert result.points < result.max_points / 2, result.report()
    assert "shape" in result.messages() or "values differ" in result.messages()


def test_filter_best_class_over_the_wrong_axis_scores_zero():
    result = run("yolo_filter_boxes", student(yolo_filter_boxes=_filter(axis=0)))
    assert result.points == 0, result.report()
    assert "raised" in result.messages()


def test_filter_old_argument_order_scores_zero():
    fixed = _filter()

    def tf1_order(box_confidence, boxes, box_class_probs, threshold=0.6):  # the older lab's order
        return fixed(boxes, box_confidence, box_class_probs, threshold)

    result = run("yolo_filter_boxes", student(yolo_filter_boxes=tf1_order))
    assert result.points == 0, result.report()
    assert "raised InvalidArgumentError" in result.messages()


# --- iou ---------------------------------------------------------------------


def _iou(clip=True, subtract_intersection=True):
    def iou(box1, box2):
        xi1, yi1 = max(box1[0], box2[0]), max(box1[1], box2[1])
        xi2, yi2 = min(box1[2], box2[2]), min(box1[3], box2[3])
        width, height = xi2 - xi1, yi2 - yi1
        if clip:
            width, height = max(width, 0), max(height, 0)
        inter = width * height
        area1 = (box1[2] - box1[0]) * (box1[3] - box1[1])
        area2 = (box2[2] - box2[0]) * (box2[3] - box2[1])
        return inter / (area1 + area2 - (inter if subtract_intersection else 0))

    return iou


def test_iou_without_clipping_fails_on_disjoint_boxes():
    result = run("iou", student(iou=_iou(clip=False)))
    failed = [case.label for case in result.cases if not case.passed]
    # two negative sides multiply into a positive "intersection"; one negative side into a negative one
    assert failed == ["disjoint on both axes", "overlap in x only"], result.report()
    assert "iou(): 0 expected, got 1 " in result.messages()
    assert "iou(): 0 expected, got -0.130435" in result.messages()


def test_iou_union_without_subtracting_the_intersection():
    result = run("iou", student(iou=_iou(subtract_intersection=False)))
    assert 0 < result.points < result.max_points
    assert "iou(): 1 expected, got 0.5" in result.messages()


# --- yolo_non_max_suppression ------------------------------------------------


def test_nms_ignoring_the_iou_threshold_loses_those_cases():
    def nms(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
        keep = tf.image.non_max_suppression(boxes, scores, max_boxes)  # TensorFlow's default threshold 0.5
        return tf.gather(scores, keep), tf.gather(boxes, keep), tf.gather(classes, keep)

    result = run("yolo_non_max_suppression", student(yolo_non_max_suppression=nms))
    failed = [case.label for case in result.cases if not case.passed]
    assert failed == ["25 boxes, iou_threshold=0.3", "12 boxes, max_boxes=20, iou_threshold=0.7"], result.report()
    assert "shape (9,) expected, got" in result.messages()


def test_nms_forgetting_to_gather_the_classes():
    def nms(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
        keep = tf.image.non_max_suppression(boxes, scores, max_boxes, iou_threshold=iou_threshold)
        return tf.gather(scores, keep), tf.gather(boxes, keep), classes

    result = run("yolo_non_max_suppression", student(yolo_non_max_suppression=nms))
    assert result.points < result.max_points
    assert "yolo_non_max_suppression()[2]: shape (10,) expected, got (30,)" in result.messages()


# --- yolo_eval ---------------------------------------------------------------


def _eval(ref, scale=True, pass_score_threshold=True, reverse_shape=False):
    def yolo_eval(yolo_outputs, image_shape=(720, 1280), max_boxes=10, score_threshold=0.6, iou_threshold=0.5):
        box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
        boxes = ref.yolo_boxes_to_corners(box_xy, box_wh)
        threshold = score_threshold if pass_score_threshold else 0.6
        scores, boxes, classes = ref.yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold)
        if scale:
            boxes = ref.scale_boxes(boxes, tuple(reversed(image_shape)) if reverse_shape else image_shape)
        return ref.yolo_non_max_suppression(scores, boxes, classes, max_boxes, iou_threshold)

    return yolo_eval


def test_eval_without_scaling_the_boxes_scores_zero(ref):
    result = run("yolo_eval", student(yolo_eval=_eval(ref, scale=False)))
    assert result.points == 0, result.report()
    assert "yolo_eval()[1]:" in result.messages() and "values differ" in result.messages()


def test_eval_with_height_and_width_swapped(ref):
    result = run("yolo_eval", student(yolo_eval=_eval(ref, reverse_shape=True)))
    passed = [case.label for case in result.cases if case.passed]
    assert passed == ["decoded output, image (608, 608), max_boxes=100, thresholds 0.75/0.4"], result.report()  # square
    assert "values differ" in result.messages()


def test_eval_ignoring_the_score_threshold(ref):
    result = run("yolo_eval", student(yolo_eval=_eval(ref, pass_score_threshold=False)))
    failed = [case.label for case in result.cases if not case.passed]
    # (in the 7x7 case the three best boxes score above the default threshold anyway)
    assert failed == [
        "decoded output, image (608, 608), max_boxes=100, thresholds 0.75/0.4",
        "stand-in output on road scene 0, max_boxes=20, score_threshold=0.05",
    ], result.report()
    assert "yolo_eval()[0]: shape (7,) expected, got (2,)" in result.messages()  # the ghosts of road scene 0


# --- the lesson: the pipeline finds every car once ---------------------------


def _corners_xy(box):
    """(y1, x1, y2, x2) -> (x1, y1, x2, y2)."""
    return (box[1], box[0], box[3], box[2])


def test_lesson_every_drawn_car_is_found_once(tmp_path, ref):
    yolo_utils = lab.helper("yolo_utils")
    folder = yolo_utils.write_road_data(tmp_path / "data")
    anchors = yolo_utils.read_anchors(folder / "model_data" / "yolo_anchors.txt")
    class_names = yolo_utils.read_classes(folder / "model_data" / "coco_classes.txt")
    assert len(class_names) == 80 and anchors.shape == (5, 2)
    model = yolo_utils.load_yolo_model()
    total_cars = duplicates = ghosts = 0
    for index, name in enumerate(road.IMAGE_NAMES):
        image, image_data = yolo_utils.preprocess_image(folder / "images" / name)
        raw = model(image_data)
        np.testing.assert_array_equal(np.asarray(raw), np.asarray(model(image_data)))  # deterministic
        outputs = yolo_utils.yolo_head(raw, anchors, len(class_names))
        shape = (image.size[1], image.size[0])
        scores, boxes, classes = (np.asarray(t) for t in ref.yolo_eval(outputs, shape, 10, 0.3, 0.5))
        truth = road.scene_boxes(index)
        total_cars += len(truth)
        assert len(boxes) == len(truth), (name, len(boxes), len(truth))
        assert set(class_names[c] for c in classes) == {"car"}
        for true_box in truth:
            best = max(ref.iou(true_box, _corners_xy(box)) for box in boxes)
            assert best > 0.9, (name, true_box, best)
        # without suppression every car keeps its duplicate; with a low threshold ghosts appear
        unsuppressed = np.asarray(ref.yolo_eval(outputs, shape, 20, 0.3, 1.0)[1])
        duplicates += len(unsuppressed) - len(truth)
        ghosts += len(np.asarray(ref.yolo_eval(outputs, shape, 20, 0.05, 0.5)[1])) - len(truth)
    assert duplicates == total_cars  # exactly one duplicate per car (21 cars in 6 images)
    assert ghosts >= len(road.IMAGE_NAMES)  # several faint ghosts per image pass a 0.05 threshold


def test_road_files_are_deterministic_and_in_the_original_layout(tmp_path):
    first, second = road.write_files(tmp_path / "a"), road.write_files(tmp_path / "b")
    names = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert names == ["images/" + n for n in sorted(road.IMAGE_NAMES)] + ["model_data/coco_classes.txt", "model_data/yolo_anchors.txt"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert (first / "model_data" / "coco_classes.txt").read_text().splitlines()[2] == "car"
