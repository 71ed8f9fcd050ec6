"""Probes that run where a student's result lives (check hooks, see checks.Hook).

They turn a live model into plain data: its layer-by-layer summary and its
outputs on generated inputs after every weight is set to a fixed value, so
two models compare by value without sharing any weights.
"""

from __future__ import annotations

import numpy as np

from .compare import is_keras_model, to_plain

__all__ = ["set_deterministic_weights", "probe_inputs", "model_structure_and_outputs", "plain_number"]


def plain_number(result):
    """A 0-d array as the number it holds, so that a squeezed cost compares alike
    whether it is a float, a NumPy scalar or a 0-d array; anything else unchanged."""
    if isinstance(result, np.ndarray) and result.ndim == 0:
        result = result[()]
    return to_plain(result)


def set_deterministic_weights(model):
    """Overwrite every weight of `model` with smooth values that depend only on its shape and position."""
    for index, variable in enumerate(model.weights):
        shape = tuple(int(d) for d in variable.shape)
        values = 0.4 * np.sin(0.37 * np.arange(int(np.prod(shape))) + 1.3 * index + 0.5)
        variable.assign(values.reshape(shape).astype(np.float32))


def probe_inputs(model, m=3, seed=7):
    """Generated inputs that fit `model.inputs`: one-hot rows for 3-D inputs, small normals otherwise."""
    rng = np.random.default_rng(seed)
    arrays = []
    for tensor in model.inputs:
        shape = (m, *(int(d) for d in tensor.shape[1:]))
        if len(shape) == 3:
            arrays.append(np.eye(shape[-1], dtype=np.float32)[rng.integers(0, shape[-1], shape[:-1])])
        else:
            arrays.append(rng.normal(0.0, 0.5, shape).astype(np.float32))
    return arrays


def model_structure_and_outputs(model):
    """Plain data for a model check: its layer-by-layer summary and its outputs with fixed weights.

    A model whose structure differs can still usually be run; if it cannot,
    the outputs entry says why, and the structure comparison names the
    difference.
    """
    if not is_keras_model(model):
        return {"structure": to_plain(model), "outputs": None}
    plain = {"structure": to_plain(model)}
    try:
        set_deterministic_weights(model)
        outputs = model(probe_inputs(model), training=False)
        if not isinstance(outputs, list | tuple):
            outputs = [outputs]
        plain["outputs"] = [np.asarray(output) for output in outputs]
    except Exception as exc:  # a wrongly built model may not run at all
        plain["outputs"] = f"the model could not be run: {type(exc).__name__}: {str(exc)[:200]}"
    return plain


