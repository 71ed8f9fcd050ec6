"""A next step for a student whose public example failed, chosen from what went wrong.

The comparison already says *what* differs ("dw: shape (3, 1) expected, got
(1, 3)"); a hint says where to look.  Lab authors may give a check its own
hint (`public_tests.json`); otherwise the kind of mismatch picks one here.
"""

from __future__ import annotations

import re

__all__ = ["hint_for", "describe_inputs"]


def _shape(text: str) -> tuple[int, ...] | None:
    numbers = re.findall(r"\d+", text)
    return tuple(int(n) for n in numbers) if numbers or text.strip() == "()" else None


def hint_for(messages: list[str], error: str | None = None) -> str:
    """One sentence for the first problem in `messages` (or for the exception `error`, a type name)."""
    if error == "NotImplementedError":
        return "replace `raise NotImplementedError()` with your code, then run that cell again."
    if error == "NameError":
        return "a name is not defined: run the cells above first (Run > Run All Above Selected Cell), and check the spelling."
    if error in ("ValueError", "IndexError") and not messages:
        return "print the shapes of your arrays (x.shape) before the failing line: an axis or a dimension is off."
    if error is not None:
        return "call the function on the example yourself in a new cell to see the whole error."
    for rule in (_inputs_hint, _shape_hint, _keys_hint, _type_hint, _dtype_hint, _length_hint, _values_hint):
        for message in messages:  # the most fundamental problem first: a wrong shape explains wrong values
            hint = rule(message)
            if hint:
                return hint
    return "compare your result with the expected value printed above."


def _shape_hint(text: str) -> str | None:
    found = re.search(r"shape \(([^)]*)\) expected, got \(([^)]*)\)", text)
    if not found:
        return None
    expected, got = _shape(found.group(1)), _shape(found.group(2))
    if expected and got and expected[::-1] == got and expected != got:
        return "the axes are swapped: check a transpose (.T) or the order of the factors in np.dot."
    if expected is not None and got is not None and len(expected) != len(got):
        return "the number of dimensions differs: check keepdims=True, reshape, or np.squeeze as the exercise asks."
    return "print the shapes of the intermediate arrays; one of them is not what the exercise describes."


def _keys_hint(text: str) -> str | None:
    if "missing key" in text or "unexpected key" in text:
        return "the dictionary must have exactly the keys the docstring names (spelling and case matter)."
    return None


def _type_hint(text: str) -> str | None:
    if re.search(r"type \S+ expected, got", text):
        return "return the kind of value the docstring describes (for example a NumPy array, not a list or a float)."
    return None


def _dtype_hint(text: str) -> str | None:
    if "dtype" in text:
        return "the values are right but stored in the wrong type: check .astype(...) or the dtype= argument."
    return None


def _length_hint(text: str) -> str | None:
    if "length" in text and "expected" in text:
        return "a list or tuple has the wrong number of items: compare with the docstring's Returns section."
    return None


def _values_hint(text: str) -> str | None:
    if "differ" in text or "expected, got" in text:
        return "the shape is right but the numbers are not: check the formula against the exercise text (signs, 1/m, axis=)."
    return None


def _inputs_hint(text: str) -> str | None:
    if "modified its input" in text:
        return "work on a copy (copy.deepcopy or x.copy()) instead of changing the arguments in place."
    return None


def _describe(value) -> str:
    shape = getattr(value, "shape", None)
    if shape is not None and hasattr(value, "dtype"):
        return f"array of shape {tuple(shape)}"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_describe(v)}" for k, v in list(value.items())[:6]) + "}"
    if isinstance(value, (list, tuple)) and len(value) > 4:
        return f"{type(value).__name__} of {len(value)} items"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def describe_inputs(function, name: str, args: tuple, kwargs: dict) -> str:
    """The public example's call, with argument names and array shapes: "sigmoid(z=array of shape (2,))"."""
    import inspect

    try:
        bound = inspect.signature(function).bind_partial(*args, **kwargs).arguments
        parts = [f"{key}={_describe(value)}" for key, value in bound.items()]
    except (TypeError, ValueError):  # a signature that does not match: show the values alone
        parts = [_describe(v) for v in args] + [f"{k}={_describe(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"
