"""Compare a student's result with the reference result.

`compare(expected, actual)` walks both values together and returns a list of
one-line mismatch messages (empty when they agree).  The order of checks is
fixed: type first, then shape and dtype, then values with an explicit
tolerance, so that the first message a student sees names the most basic
difference ("grads['dw']: shape (3, 1) expected, got (1, 3)").

Keras models are compared through `model_summary`, a plain-data description
(layer class, output shape, parameter count, key config) that can also be
sent across a process boundary as data.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Tolerance", "compare", "describe_type", "model_summary", "to_plain"]

# How many mismatch lines a single comparison may produce; the rest are counted.
MAX_MESSAGES = 8


@dataclass(frozen=True)
class Tolerance:
    """Closeness rule for floating values: |actual - expected| <= atol + rtol * |expected|."""

    rtol: float = 1e-6
    atol: float = 1e-9


def describe_type(value: Any) -> str:
    """A short, student-readable name for the type of `value`."""
    if isinstance(value, bool):
        return "bool"
    if type(value) is np.ndarray:
        return "ndarray"
    if isinstance(value, np.generic):
        return f"numpy.{type(value).__name__}"
    return type(value).__name__


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number | np.number) and not isinstance(value, bool | np.bool_)


def _kind(dtype: np.dtype) -> str:
    """Coarse dtype family: 'float', 'int', 'bool', 'complex', 'str', 'object'."""
    return {"f": "float", "i": "int", "u": "int", "b": "bool", "c": "complex", "U": "str", "S": "bytes"}.get(
        dtype.kind, "object"
    )


def compare(
    expected: Any,
    actual: Any,
    name: str = "result",
    tol: Tolerance = Tolerance(),
    strict_dtype: bool = False,
    strict_number_type: bool = False,
) -> list[str]:
    """Return one line per difference between `expected` and `actual`.

    `name` is the path shown in messages (e.g. ``grads['dw']``).  With
    `strict_dtype` the exact dtype must match, otherwise only its family
    (float, int, bool).  With `strict_number_type` a Python ``float`` expected
    value must be a Python ``float`` (not a NumPy scalar).
    """
    messages: list[str] = []
    _compare(expected, actual, name, tol, strict_dtype, strict_number_type, messages)
    if len(messages) > MAX_MESSAGES:
        extra = len(messages) - MAX_MESSAGES
        messages = messages[:MAX_MESSAGES] + [f"... and {extra} more differences"]
    return messages


def _compare(expected, actual, name, tol, strict_dtype, strict_number_type, out: list[str]) -> None:
    if isinstance(expected, KerasModel):
        if not isinstance(actual, KerasModel):
            out.append(f"{name}: a Keras model expected, got {describe_type(actual)}")
        else:
            out.extend(compare_models(expected.layers, actual.layers, name))
        return
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            out.append(f"{name}: type dict expected, got {describe_type(actual)}")
            return
        missing = [k for k in expected if k not in actual]
        extra = [k for k in actual if k not in expected]
        if missing:
            out.append(f"{name}: missing key(s) {', '.join(repr(k) for k in missing)}")
        if extra:
            out.append(f"{name}: unexpected key(s) {', '.join(repr(k) for k in extra)}")
        for key in expected:
            if key in actual:
                _compare(expected[key], actual[key], f"{name}[{key!r}]", tol, strict_dtype, strict_number_type, out)
        return

    if isinstance(expected, list | tuple):
        if type(actual) is not type(expected):
            out.append(f"{name}: type {describe_type(expected)} expected, got {describe_type(actual)}")
            return
        if len(actual) != len(expected):
            out.append(f"{name}: length {len(expected)} expected, got {len(actual)}")
            return
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            _compare(e, a, f"{name}[{i}]", tol, strict_dtype, strict_number_type, out)
        return

    if isinstance(expected, np.ndarray):
        _compare_arrays(expected, actual, name, tol, strict_dtype, out)
        return

    if isinstance(expected, bool | np.bool_):
        if not isinstance(actual, bool | np.bool_):
            out.append(f"{name}: type bool expected, got {describe_type(actual)}")
        elif bool(actual) != bool(expected):
            out.append(f"{name}: {bool(expected)} expected, got {bool(actual)}")
        return

    if _is_number(expected):
        _compare_numbers(expected, actual, name, tol, strict_number_type, out)
        return

    if expected is None or isinstance(expected, str | bytes):
        if type(actual) is not type(expected):
            out.append(f"{name}: type {describe_type(expected)} expected, got {describe_type(actual)}")
        elif actual != expected:
            out.append(f"{name}: {_short(expected)} expected, got {_short(actual)}")
        return

    raise TypeError(f"compare() cannot compare reference values of type {describe_type(expected)} at {name}")


def _compare_numbers(expected, actual, name, tol, strict_number_type, out) -> None:
    if strict_number_type and type(expected) is float and type(actual) is not float:
        out.append(f"{name}: type float (a Python float) expected, got {describe_type(actual)}")
        return
    if isinstance(actual, np.ndarray) and actual.ndim == 0:
        actual = actual[()]
    if not _is_number(actual):
        out.append(f"{name}: type {describe_type(expected)} expected, got {describe_type(actual)}")
        return
    if isinstance(expected, numbers.Integral | np.integer) and not isinstance(actual, numbers.Integral | np.integer):
        out.append(f"{name}: type int expected, got {describe_type(actual)}")
        return
    e, a = complex(expected), complex(actual)
    if e.imag == 0 and a.imag == 0:
        e, a = e.real, a.real
        if not _close_scalar(e, a, tol):
            out.append(f"{name}: {_fmt(e)} expected, got {_fmt(a)} (tolerance rtol={tol.rtol:g}, atol={tol.atol:g})")
    elif abs(e - a) > tol.atol + tol.rtol * abs(e):
        out.append(f"{name}: {e} expected, got {a}")


def _close_scalar(e: float, a: float, tol: Tolerance) -> bool:
    if math.isnan(e) or math.isnan(a):
        return math.isnan(e) and math.isnan(a)
    if math.isinf(e) or math.isinf(a):
        return e == a
    return abs(a - e) <= tol.atol + tol.rtol * abs(e)


def _compare_arrays(expected: np.ndarray, actual, name, tol, strict_dtype, out) -> None:
    # A subclass could override comparisons or indexing: only a plain ndarray counts.
    if type(actual) is not np.ndarray:
        out.append(f"{name}: type ndarray expected, got {describe_type(actual)}")
        return
    if actual.shape != expected.shape:
        out.append(f"{name}: shape {expected.shape} expected, got {actual.shape}")
        return
    if strict_dtype and actual.dtype != expected.dtype:
        out.append(f"{name}: dtype {expected.dtype} expected, got {actual.dtype}")
        return
    ekind, akind = _kind(expected.dtype), _kind(actual.dtype)
    if ekind != akind:
        out.append(f"{name}: dtype {ekind} ({expected.dtype}) expected, got {actual.dtype}")
        return
    if ekind in ("float", "int", "complex"):
        _compare_numeric_arrays(expected, actual, name, tol, out)
        return
    if ekind == "object":
        out.append(f"{name}: object arrays cannot be compared")
        return
    differ = expected != actual
    if np.any(differ):
        index = tuple(int(i) for i in np.argwhere(differ)[0])
        out.append(
            f"{name}: {int(differ.sum())} of {expected.size} values differ; first at index {index}: "
            f"{expected[index]!r} expected, got {actual[index]!r}"
        )


def _compare_numeric_arrays(expected: np.ndarray, actual: np.ndarray, name, tol, out) -> None:
    e = expected.astype(np.complex128 if expected.dtype.kind == "c" else np.float64)
    a = actual.astype(np.complex128 if actual.dtype.kind == "c" else np.float64)
    e_nan, a_nan = np.isnan(e), np.isnan(a)
    if np.any(e_nan != a_nan):
        index = tuple(int(i) for i in np.argwhere(e_nan != a_nan)[0])
        out.append(f"{name}: NaN mismatch at index {index}: {_fmt(e[index])} expected, got {_fmt(a[index])}")
        return
    e_inf, a_inf = np.isinf(e), np.isinf(a)
    bad = (e_inf != a_inf) | (e_inf & (e != a))
    if np.any(bad):
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        out.append(f"{name}: infinity mismatch at index {index}: {_fmt(e[index])} expected, got {_fmt(a[index])}")
        return
    finite = ~(e_nan | e_inf)
    diff = np.zeros(e.shape)
    diff[finite] = np.abs(a[finite] - e[finite])
    allowed = tol.atol + tol.rtol * np.abs(np.where(finite, e, 0))
    bad = diff > allowed
    if np.any(bad):
        worst = np.unravel_index(int(np.argmax(np.where(bad, diff, -1.0))), e.shape)
        worst = tuple(int(i) for i in worst)
        out.append(
            f"{name}: {int(bad.sum())} of {e.size} values differ beyond rtol={tol.rtol:g}, atol={tol.atol:g}; "
            f"largest difference {_fmt(diff[worst])} at index {worst}: "
            f"{_fmt(e[worst])} expected, got {_fmt(a[worst])}"
        )


def _fmt(x) -> str:
    if isinstance(x, complex | np.complexfloating):
        return repr(complex(x))
    return f"{float(x):.6g}"


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# ---------------------------------------------------------------------------
# Conversion of framework objects into plain data
# ---------------------------------------------------------------------------

# Layer config keys whose values define a layer's behaviour (beyond shapes and counts).
KEY_CONFIG = (
    "units",
    "filters",
    "kernel_size",
    "strides",
    "padding",
    "pool_size",
    "activation",
    "rate",
    "return_sequences",
    "return_state",
    "n",
    "axis",
    "axes",
    "target_shape",
    "merge_mode",
    "kernel_initializer",
    "use_bias",
    "momentum",
    "epsilon",
    "num_heads",
    "key_dim",
    "input_dim",
    "output_dim",
    "size",
    "data_format",
)


def _config_value(value: Any) -> Any:
    """Reduce a Keras config entry to comparable plain data."""
    if isinstance(value, dict) and "class_name" in value:
        # serialised objects (initialisers, activations): the class names the behaviour
        return value["class_name"]
    if callable(value):
        return getattr(value, "__name__", type(value).__name__)
    if isinstance(value, list):
        return tuple(_config_value(v) for v in value)
    if isinstance(value, tuple):
        return tuple(_config_value(v) for v in value)
    return value


def _shape(tensor_or_list: Any) -> Any:
    if isinstance(tensor_or_list, list | tuple):
        return [_shape(t) for t in tensor_or_list]
    return tuple(None if d is None else int(d) for d in tensor_or_list.shape)


def model_summary(model: Any) -> list[dict[str, Any]]:
    """Describe a Keras model layer by layer as plain data.

    Each entry: ``class``, ``output_shape`` (from ``layer.output.shape``, a
    list of shapes for multi-output layers), ``params`` and ``config`` (the
    `KEY_CONFIG` entries the layer has).
    """
    layers = []
    for layer in model.layers:
        config = layer.get_config()
        try:
            output_shape = _shape(layer.output)
        except (AttributeError, ValueError):
            output_shape = None
        layers.append(
            {
                "class": type(layer).__name__,
                "output_shape": output_shape,
                "params": int(layer.count_params()) if layer.built else 0,
                "config": {k: _config_value(config[k]) for k in KEY_CONFIG if k in config},
            }
        )
    return layers


def compare_models(expected: list[dict], actual: list[dict], name: str = "model") -> list[str]:
    """Compare two `model_summary` results layer by layer."""
    if not isinstance(actual, list):
        return [f"{name}: a Keras model expected, got {describe_type(actual)}"]
    messages: list[str] = []
    if len(actual) != len(expected):
        messages.append(
            f"{name}: {len(expected)} layers expected, got {len(actual)} "
            f"(expected {[layer['class'] for layer in expected]}, got {[layer.get('class') for layer in actual]})"
        )
    for i, (e, a) in enumerate(zip(expected, actual, strict=False)):
        where = f"{name} layer {i} ({e['class']})"
        if not isinstance(a, dict):
            messages.append(f"{where}: malformed layer description")
            continue
        if a.get("class") != e["class"]:
            messages.append(f"{name} layer {i}: class {e['class']} expected, got {a.get('class')}")
            continue
        if _listify(a.get("output_shape")) != _listify(e["output_shape"]):
            messages.append(f"{where}: output shape {e['output_shape']} expected, got {a.get('output_shape')}")
        if a.get("params") != e["params"]:
            messages.append(f"{where}: {e['params']} parameters expected, got {a.get('params')}")
        a_config = a.get("config") or {}
        for key, value in e["config"].items():
            if _listify(a_config.get(key)) != _listify(value):
                messages.append(f"{where}: {key} {value!r} expected, got {a_config.get(key)!r}")
        if len(messages) > MAX_MESSAGES:
            break
    return messages[:MAX_MESSAGES]


def _listify(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_listify(v) for v in value]
    return value


def is_keras_model(value: Any) -> bool:
    """True for a Keras model or layer stack, without importing Keras when it is not loaded."""
    import sys

    keras = sys.modules.get("keras")
    return keras is not None and isinstance(value, keras.Model)


def to_plain(value: Any) -> Any:
    """Turn framework results into plain data that `compare` understands.

    TensorFlow tensors and Keras variables become ndarrays, Keras models become
    `model_summary` lists (wrapped so they are recognised), containers are
    converted recursively.  Other values pass through unchanged.
    """
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(to_plain(v) for v in value)
    if isinstance(value, np.ndarray | np.generic | numbers.Number | str | bytes | type(None)):
        return value
    if is_keras_model(value):
        return KerasModel(model_summary(value))
    if hasattr(value, "numpy") and callable(value.numpy):
        return np.asarray(value.numpy())
    return value


@dataclass
class KerasModel:
    """Plain-data stand-in for a Keras model: its `model_summary`."""

    layers: list[dict[str, Any]]
