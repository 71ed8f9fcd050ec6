"""Reference solution and hidden checks: c4w3a1_yolo_car_detection.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers (yolo_head, box conversions, drawing, the YOLO stand-in)
live in source/c4w3a1_yolo_car_detection/yolo_utils.py.

Every check runs on TensorFlow tensors built where the function is called
(`Live` factories of yolo_utils, reproducible from a seed): random normal
tensors of YOLO shapes, decoded random network outputs, and the stand-in's
output on road scenes.
"""

import tensorflow as tf
from yolo_utils import scale_boxes, yolo_boxes_to_corners

from autograder.checks import Case, FunctionCheck, Live
from autograder.compare import Tolerance


def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=.6):
    """
    Keep the boxes whose best class score reaches the threshold.

    Arguments:
    boxes -- tensor of shape (19, 19, 5, 4): box corners
    box_confidence -- tensor of shape (19, 19, 5, 1): p_c, probability that the slot holds an object
    box_class_probs -- tensor of shape (19, 19, 5, 80): probabilities c_1 ... c_80 of the classes
    threshold -- real value: keep a box if its best class score is >= threshold

    Returns:
    scores -- tensor of shape (None,): the class score of every kept box
    boxes -- tensor of shape (None, 4): the corners of every kept box
    classes -- tensor of shape (None,), int64: the class index of every kept box
    """
    # score of every class in every slot: p_c times the class probability
    box_scores = box_confidence * box_class_probs
    # the best class of every slot and its score
    box_classes = tf.math.argmax(box_scores, axis=-1)
    box_class_scores = tf.math.reduce_max(box_scores, axis=-1)
    # True where the slot is kept
    filtering_mask = box_class_scores >= threshold
    scores = tf.boolean_mask(box_class_scores, filtering_mask)
    boxes = tf.boolean_mask(boxes, filtering_mask)
    classes = tf.boolean_mask(box_classes, filtering_mask)
    return scores, boxes, classes


def iou(box1, box2):
    """
    Intersection over union of two boxes.

    Arguments:
    box1 -- first box, a tuple (x1, y1, x2, y2): upper-left and lower-right corners
    box2 -- second box, a tuple (x1, y1, x2, y2)

    Returns:
    iou -- float: area of the intersection divided by area of the union
    """
    (box1_x1, box1_y1, box1_x2, box1_y2) = box1
    (box2_x1, box2_y1, box2_x2, box2_y2) = box2
    # corners of the intersection
    xi1 = max(box1_x1, box2_x1)
    yi1 = max(box1_y1, box2_y1)
    xi2 = min(box1_x2, box2_x2)
    yi2 = min(box1_y2, box2_y2)
    # a negative width or height means the boxes do not overlap along that axis
    inter_width = max(xi2 - xi1, 0)
    inter_height = max(yi2 - yi1, 0)
    inter_area = inter_width * inter_height
    box1_area = (box1_x2 - box1_x1) * (box1_y2 - box1_y1)
    box2_area = (box2_x2 - box2_x1) * (box2_y2 - box2_y1)
    union_area = box1_area + box2_area - inter_area
    iou = inter_area / union_area
    return iou


def yolo_non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    """
    Non-max suppression: among boxes that overlap a lot, keep only the best one.

    Arguments:
    scores -- tensor of shape (None,), output of yolo_filter_boxes
    boxes -- tensor of shape (None, 4), output of yolo_filter_boxes
    classes -- tensor of shape (None,), output of yolo_filter_boxes
    max_boxes -- integer, the largest number of boxes to keep
    iou_threshold -- real value, a box whose IoU with a better kept box exceeds it is dropped

    Returns:
    scores -- tensor of shape (None,), at most max_boxes scores
    boxes -- tensor of shape (None, 4), the kept boxes
    classes -- tensor of shape (None,), the kept classes
    """
    # indices of the boxes to keep, best score first
    nms_indices = tf.image.non_max_suppression(boxes, scores, max_boxes, iou_threshold=iou_threshold)
    scores = tf.gather(scores, nms_indices)
    boxes = tf.gather(boxes, nms_indices)
    classes = tf.gather(classes, nms_indices)
    return scores, boxes, classes


def yolo_eval(yolo_outputs, image_shape=(720, 1280), max_boxes=10, score_threshold=.6, iou_threshold=.5):
    """
    Turn the decoded YOLO output into the final boxes, their scores and classes.

    Arguments:
    yolo_outputs -- the output of yolo_head, a tuple of 4 tensors:
                    box_xy (None, 19, 19, 5, 2), box_wh (None, 19, 19, 5, 2),
                    box_confidence (None, 19, 19, 5, 1), box_class_probs (None, 19, 19, 5, 80)
    image_shape -- (height, width) of the input image, in pixels
    max_boxes -- integer, the largest number of boxes to return
    score_threshold -- real value, boxes whose best class score is below it are dropped
    iou_threshold -- real value, the IoU threshold of non-max suppression

    Returns:
    scores -- tensor of shape (None,), the score of every box
    boxes -- tensor of shape (None, 4), corners (y1, x1, y2, x2) in pixels
    classes -- tensor of shape (None,), the class of every box
    """
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    # centres and sizes -> corners, the form the filtering and NMS use
    boxes = yolo_boxes_to_corners(box_xy, box_wh)
    scores, boxes, classes = yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=score_threshold)
    # fractions of the image -> pixels of the original image
    boxes = scale_boxes(boxes, image_shape)
    scores, boxes, classes = yolo_non_max_suppression(scores, boxes, classes, max_boxes=max_boxes, iou_threshold=iou_threshold)
    return scores, boxes, classes


# ---------------------------------------------------------------------------
# Hidden checks: TensorFlow tensors built in the calling process from seeds.
# ---------------------------------------------------------------------------

TOL = Tolerance(rtol=1e-5, atol=1e-6)


def _filter_args(kind, seed, *shape):
    return tuple(Live("yolo_utils:filter_input", (kind, seed, position, *shape)) for position in range(3))


def _filter_cases():
    yield Case("N(1, 4) tensors (19, 19, 5, .), threshold=0.5", _filter_args("normal", 1), {"threshold": 0.5})
    yield Case("decoded network output (19, 19, 5, .), default threshold", _filter_args("decoded", 2))
    yield Case("N(1, 4) tensors (4, 4, 3, .) with 10 classes, threshold=3", _filter_args("normal", 3, 4, 3, 10), {"threshold": 3.0})
    yield Case("scores exactly at the threshold 0.5 (kept)", _filter_args("boundary", 4, 3, 2, 5), {"threshold": 0.5})
    yield Case("threshold=0.999: no box is kept", _filter_args("decoded", 5), {"threshold": 0.999})


def _iou_cases():
    yield Case("overlapping", ((2.0, 1.0, 4.0, 3.0), (1.0, 2.0, 3.0, 4.0)))
    yield Case("partly overlapping, different sizes", ((0.5, 0.5, 6.0, 3.5), (4.0, 1.0, 9.0, 7.0)))
    yield Case("one inside the other", ((1.0, 1.0, 10.0, 8.0), (3.0, 2.0, 5.0, 4.5)))
    yield Case("disjoint on both axes", ((1.0, 2.0, 3.0, 4.0), (5.0, 6.0, 7.0, 8.0)))
    yield Case("overlap in x only", ((0.0, 0.0, 4.0, 2.0), (1.0, 3.0, 5.0, 6.0)))
    yield Case("touching at a corner", ((1.0, 1.0, 2.0, 2.0), (2.0, 2.0, 3.0, 3.0)))
    yield Case("touching along an edge", ((1.0, 1.0, 3.0, 3.0), (3.0, 1.0, 4.0, 3.0)))
    yield Case("identical integer boxes", ((10, 20, 110, 70), (10, 20, 110, 70)))


def _nms_args(seed, n):
    return tuple(Live("yolo_utils:nms_input", (seed, n, position)) for position in range(3))


def _nms_cases():
    yield Case("30 boxes, default arguments", _nms_args(20, 30))
    yield Case("40 boxes, max_boxes=4", _nms_args(21, 40), {"max_boxes": 4})
    yield Case("25 boxes, iou_threshold=0.3", _nms_args(22, 25), {"iou_threshold": 0.3})
    yield Case("12 boxes, max_boxes=20, iou_threshold=0.7", _nms_args(23, 12), {"max_boxes": 20, "iou_threshold": 0.7})
    yield Case("no boxes", _nms_args(24, 0))


def _eval_cases():
    yield Case("N(1, 4) tensors (19, 19, 5, .), default arguments", (Live("yolo_utils:eval_inputs", ("normal", 10)),))
    yield Case(
        "decoded output, image (608, 608), max_boxes=100, thresholds 0.75/0.4",
        (Live("yolo_utils:eval_inputs", ("decoded", 11)), (608, 608)),
        {"max_boxes": 100, "score_threshold": 0.75, "iou_threshold": 0.4},
    )
    yield Case(
        "stand-in output on road scene 0, max_boxes=20, score_threshold=0.05",
        (Live("yolo_utils:eval_inputs", ("road", 0)),),
        {"max_boxes": 20, "score_threshold": 0.05},
    )
    yield Case("stand-in output on road scene 3, default arguments", (Live("yolo_utils:eval_inputs", ("road", 3)),))
    yield Case(
        "decoded 7x7 grid, 3 anchors, 6 classes, image (480, 640), max_boxes=3, thresholds 0.2/0.6",
        (Live("yolo_utils:eval_inputs", ("decoded", 12, 7, 3, 6)), (480, 640), 3, 0.2, 0.6),
    )


CHECKS = [
    FunctionCheck(
        "yolo_filter_boxes",
        3,
        _filter_cases,
        tol=TOL,
        public=lambda: Case("N(1, 4) tensors (3, 3, 2, .) with 6 classes, threshold=0.5", _filter_args("normal", 40, 3, 2, 6), {"threshold": 0.5}),
    ),
    FunctionCheck("iou", 2, _iou_cases, tol=TOL, public=lambda: Case("two overlapping boxes", ((1.0, 1.0, 3.0, 4.0), (2.0, 2.0, 5.0, 5.0)))),
    FunctionCheck("yolo_non_max_suppression", 2, _nms_cases, tol=TOL, public=lambda: Case("8 boxes", _nms_args(41, 8))),
    FunctionCheck(
        "yolo_eval",
        3,
        _eval_cases,
        tol=TOL,
        public=lambda: Case("decoded 5x5 grid, 2 anchors, 4 classes, image (100, 200)", (Live("yolo_utils:eval_inputs", ("decoded", 42, 5, 2, 4)), (100, 200))),
    ),
]
