"""A safe, size-bounded data format for values that cross a trust boundary.

Results coming back from a student's process, and expected values shipped
with public tests, are encoded as JSON with a few tagged forms (arrays as raw
little-endian bytes in base64, tuples, non-finite floats, Keras model
summaries, named `Live` argument factories).  Decoding builds only plain
containers, numbers, strings, ndarrays of numeric/bool dtype and inert
records: a payload is data, never code (no pickle).
"""

from __future__ import annotations

import base64
import json
import math
from typing import Any

import numpy as np

from .checks import Live
from .compare import KerasModel

__all__ = ["PayloadError", "dumps", "loads", "encode", "decode"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32
_ALLOWED_DTYPE_KINDS = "biufc"  # bool, int, uint, float, complex: never object


class PayloadError(ValueError):
    """A payload that is malformed, too large, or holds a type we refuse to carry."""


def encode(value: Any, depth: int = 0) -> Any:
    """Turn `value` into JSON-compatible data (see module docstring)."""
    if depth > MAX_DEPTH:
        raise PayloadError("value is nested too deeply")
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, np.generic):  # before int/float: np.float64 is a float subclass
        if value.dtype.kind not in _ALLOWED_DTYPE_KINDS:
            raise PayloadError(f"numpy scalar of dtype {value.dtype} cannot be carried")
        return {"__npscalar__": encode(np.asarray(value), depth + 1)}
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        value = float(value)
        return value if math.isfinite(value) else {"__float__": repr(value)}
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in _ALLOWED_DTYPE_KINDS:
            raise PayloadError(f"array of dtype {value.dtype} cannot be carried")
        data = np.ascontiguousarray(value).astype(value.dtype.newbyteorder("<"), copy=False)
        return {
            "__ndarray__": base64.b64encode(data.tobytes()).decode("ascii"),
            "dtype": data.dtype.str,
            "shape": list(value.shape),
        }
    if isinstance(value, KerasModel):
        return {"__keras_model__": encode(value.layers, depth + 1)}
    if isinstance(value, Live):  # a factory's name and data arguments, built by the caller (checks.Live)
        return {"__live__": {"target": str(value.target), "args": encode(tuple(value.args), depth + 1)}}
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v, depth + 1) for v in value]}
    if isinstance(value, list):
        return [encode(v, depth + 1) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return {"__dict__": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
        if any(k.startswith("__") and k.endswith("__") for k in value):
            return {"__dict__": [[k, encode(v, depth + 1)] for k, v in value.items()]}
        return {k: encode(v, depth + 1) for k, v in value.items()}
    raise PayloadError(f"values of type {type(value).__name__} cannot be carried")


def decode(data: Any, depth: int = 0) -> Any:
    """Inverse of `encode`; rejects anything it does not recognise."""
    if depth > MAX_DEPTH:
        raise PayloadError("payload is nested too deeply")
    if data is None or isinstance(data, bool | str | int | float):
        return data
    if isinstance(data, list):
        return [decode(v, depth + 1) for v in data]
    if not isinstance(data, dict):
        raise PayloadError(f"unexpected JSON value of type {type(data).__name__}")
    if "__float__" in data:
        text = data["__float__"]
        if text not in ("nan", "inf", "-inf"):
            raise PayloadError("bad non-finite float")
        return float(text)
    if "__ndarray__" in data:
        return _decode_array(data)
    if "__npscalar__" in data:
        array = decode(data["__npscalar__"], depth + 1)
        if not isinstance(array, np.ndarray) or array.shape != ():
            raise PayloadError("bad numpy scalar")
        return array[()]
    if "__tuple__" in data:
        items = data["__tuple__"]
        if not isinstance(items, list):
            raise PayloadError("bad tuple")
        return tuple(decode(v, depth + 1) for v in items)
    if "__keras_model__" in data:
        layers = decode(data["__keras_model__"], depth + 1)
        if not isinstance(layers, list):
            raise PayloadError("bad model summary")
        return KerasModel(layers)
    if "__live__" in data:
        spec = data["__live__"]
        if not isinstance(spec, dict) or not isinstance(spec.get("target"), str):
            raise PayloadError("bad live argument")
        args = decode(spec.get("args"), depth + 1)
        if not isinstance(args, tuple):
            raise PayloadError("bad live argument")
        return Live(spec["target"], args)  # inert data: only a caller that wants it builds it
    if "__dict__" in data:
        pairs = data["__dict__"]
        if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
            raise PayloadError("bad dict")
        result = {}
        for k, v in pairs:
            key = decode(k, depth + 1)
            if isinstance(key, list | dict | np.ndarray):
                raise PayloadError("unhashable dict key")
            result[key] = decode(v, depth + 1)
        return result
    return {k: decode(v, depth + 1) for k, v in data.items()}


def _decode_array(data: dict) -> np.ndarray:
    try:
        dtype = np.dtype(data["dtype"])
        shape = tuple(int(n) for n in data["shape"])
        raw = base64.b64decode(data["__ndarray__"], validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise PayloadError(f"bad array: {exc}") from None
    if dtype.kind not in _ALLOWED_DTYPE_KINDS or any(n < 0 for n in shape):
        raise PayloadError("bad array dtype or shape")
    if len(raw) != dtype.itemsize * math.prod(shape):
        raise PayloadError("array byte count does not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).astype(dtype.newbyteorder("="))


def dumps(value: Any) -> str:
    return json.dumps(encode(value), allow_nan=False)


def loads(text: str | bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    if len(text) > max_bytes:
        raise PayloadError(f"payload of {len(text)} bytes exceeds the limit of {max_bytes}")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise PayloadError(f"payload is not valid JSON: {exc}") from None
    return decode(data)
