"""The safe data format: round trips, and refusal of anything that is not data."""

import json

import numpy as np
import pytest

from autograder.compare import KerasModel, compare
from autograder.payload import PayloadError, dumps, loads


def test_round_trip_preserves_types_shapes_and_values():
    value = {
        "w": np.arange(6, dtype=np.float32).reshape(2, 3),
        "mask": np.array([True, False]),
        "ids": np.array([[1, 2]], dtype=np.int64),
        "cost": np.float64(0.25),
        "nan": float("nan"),
        "inf": float("-inf"),
        "pair": (1, "two", None),
        "nested": [{"a": 1.5}],
        "model": KerasModel([{"class": "Dense", "output_shape": (None, 3), "params": 12, "config": {}}]),
        3: "int key",
    }
    back = loads(dumps(value))
    assert back["w"].dtype == np.float32 and back["w"].shape == (2, 3)
    assert type(back["cost"]) is np.float64
    assert isinstance(back["pair"], tuple)
    assert back[3] == "int key"
    assert compare(value, back) == []


@pytest.mark.parametrize(
    "bad",
    [
        {"__ndarray__": "AAAA", "dtype": "|O", "shape": [1]},  # object arrays could hold code
        {"__ndarray__": "AAAA", "dtype": "<f8", "shape": [5]},  # byte count lies about the shape
        {"__float__": "__import__('os')"},
        {"__tuple__": "not a list"},
        {"__dict__": [[["unhashable"], 1]]},
    ],
)
def test_malformed_payloads_are_refused(bad):
    with pytest.raises(PayloadError):
        loads(json.dumps(bad))


def test_size_limit_and_invalid_json():
    with pytest.raises(PayloadError, match="exceeds the limit"):
        loads("[" + "1," * 100 + "1]", max_bytes=50)
    with pytest.raises(PayloadError, match="not valid JSON"):
        loads("{'python': 'literal'}")


def test_objects_cannot_be_sent():
    with pytest.raises(PayloadError):
        dumps({"f": lambda: 1})
    with pytest.raises(PayloadError):
        dumps(np.array([object()], dtype=object))
