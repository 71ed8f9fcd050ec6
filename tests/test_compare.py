"""The comparison library: order of checks, messages, tolerances, containers, Keras models."""

import math

import numpy as np
import pytest

from autograder.compare import KerasModel, Tolerance, compare, model_summary, to_plain


def test_equal_values_give_no_message():
    value = {"dw": np.arange(6.0).reshape(3, 2), "db": 0.5, "names": ["a", "b"], "pair": (1, None)}
    assert compare(value, {"dw": np.arange(6.0).reshape(3, 2), "db": 0.5, "names": ["a", "b"], "pair": (1, None)}) == []


def test_shape_message_names_the_key():
    assert compare({"dw": np.zeros((3, 1))}, {"dw": np.zeros((1, 3))}, "grads") == [
        "grads['dw']: shape (3, 1) expected, got (1, 3)"
    ]


def test_type_is_checked_before_shape():
    (message,) = compare(np.zeros((2, 2)), [[0.0, 0.0], [0.0, 0.0]])
    assert message == "result: type ndarray expected, got list"


def test_dtype_family_is_checked_before_values():
    (message,) = compare(np.zeros(3), np.zeros(3, dtype=np.int64))
    assert "dtype float (float64) expected, got int64" in message
    assert compare(np.zeros(3), np.zeros(3, dtype=np.float32)) == []
    (strict,) = compare(np.zeros(3), np.zeros(3, dtype=np.float32), strict_dtype=True)
    assert "dtype float64 expected, got float32" in strict


def test_value_message_locates_the_largest_difference():
    (message,) = compare(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 2.0], [3.5, 4.0]]), "A")
    assert message.startswith("A: 1 of 4 values differ beyond rtol=1e-06, atol=1e-09")
    assert "at index (1, 0): 3 expected, got 3.5" in message


def test_tolerance_is_explicit_and_respected():
    tiny = np.array([1e-12, 2e-12])
    # on tiny values only a check with atol=0 sees a 50% relative error: checks choose explicitly
    assert compare(tiny, tiny * 1.5, tol=Tolerance(rtol=1e-6, atol=0)) != []
    assert compare(tiny, tiny * 1.5, tol=Tolerance(rtol=0, atol=1e-9)) == []
    assert compare(1.0, 1.0 + 1e-8) == []
    assert compare(1.0, 1.001) != []


def test_nan_and_inf():
    a = np.array([1.0, np.nan, np.inf, -np.inf])
    assert compare(a, a.copy()) == []
    assert "NaN mismatch at index (1,)" in compare(a, np.array([1.0, 0.0, np.inf, -np.inf]))[0]
    assert "infinity mismatch at index (3,)" in compare(a, np.array([1.0, np.nan, np.inf, np.inf]))[0]
    assert compare(math.nan, math.nan) == []
    assert compare(math.inf, 1e308) != []


def test_numbers_and_strict_python_float():
    assert compare(0.5, np.float64(0.5)) == []
    assert compare(0.5, np.float64(0.5), strict_number_type=True) == [
        "result: type float (a Python float) expected, got numpy.float64"
    ]
    assert compare(3, 3.0) == ["result: type int expected, got float"]
    assert compare(0.25, np.array(0.25)) == []  # a 0-d array is a number
    assert compare(0.25, "0.25") == ["result: type float expected, got str"]
    assert compare(True, 1) == ["result: type bool expected, got int"]


def test_containers_recurse_with_paths():
    expected = {"a": [1.0, (2.0, {"b": np.ones(2)})]}
    actual = {"a": [1.0, (2.0, {"b": np.array([1.0, 5.0])})]}
    (message,) = compare(expected, actual, "out")
    assert message.startswith("out['a'][1][1]['b']: 1 of 2 values differ")
    assert compare((1.0, 2.0), [1.0, 2.0]) == ["result: type tuple expected, got list"]
    assert compare([1.0, 2.0], [1.0]) == ["result: length 2 expected, got 1"]
    assert compare({"x": 1.0}, {"y": 1.0}) == ["result: missing key(s) 'x'", "result: unexpected key(s) 'y'"]


def test_lying_objects_do_not_pass():
    class AlwaysEqual:
        def __eq__(self, other):
            return True

    class LyingArray(np.ndarray):
        def __eq__(self, other):
            return np.ones(self.shape, dtype=bool)

    assert compare(np.zeros(2), AlwaysEqual()) == ["result: type ndarray expected, got AlwaysEqual"]
    assert compare(1.0, AlwaysEqual()) == ["result: type float expected, got AlwaysEqual"]
    lying = np.ones(2).view(LyingArray)
    assert compare(np.zeros(2), lying) == ["result: type ndarray expected, got LyingArray"]
    assert compare("cat", AlwaysEqual()) == ["result: type str expected, got AlwaysEqual"]


def test_many_differences_are_capped():
    messages = compare({f"k{i}": 0.0 for i in range(20)}, {f"k{i}": 1.0 for i in range(20)})
    assert len(messages) == 9 and messages[-1] == "... and 12 more differences"


def test_unknown_reference_type_is_a_programming_error():
    with pytest.raises(TypeError):
        compare(object(), object())


@pytest.fixture(scope="module")
def keras():
    keras = pytest.importorskip("keras")
    return keras


def _small_model(keras, units=4, activation="relu", padding="same"):
    inputs = keras.Input((8, 8, 3))
    x = keras.layers.Conv2D(2, 3, padding=padding, activation=activation)(inputs)
    x = keras.layers.Flatten()(x)
    outputs = keras.layers.Dense(units, activation="softmax")(x)
    return keras.Model(inputs, outputs)


def test_keras_summary_reads_output_shapes_and_config(keras):
    summary = model_summary(_small_model(keras))
    assert [layer["class"] for layer in summary] == ["InputLayer", "Conv2D", "Flatten", "Dense"]
    assert summary[1]["output_shape"] == (None, 8, 8, 2)
    assert summary[1]["params"] == 3 * 3 * 3 * 2 + 2
    assert summary[1]["config"]["padding"] == "same"
    assert summary[1]["config"]["activation"] == "relu"
    assert summary[3]["config"]["units"] == 4


def test_keras_models_compare_layer_by_layer(keras):
    reference = to_plain(_small_model(keras))
    assert isinstance(reference, KerasModel)
    assert compare(reference, to_plain(_small_model(keras))) == []
    messages = compare(reference, to_plain(_small_model(keras, padding="valid")), "model")
    assert "model layer 1 (Conv2D): output shape (None, 8, 8, 2) expected, got (None, 6, 6, 2)" in messages
    assert "model layer 1 (Conv2D): padding 'same' expected, got 'valid'" in messages
    messages = compare(reference, to_plain(_small_model(keras, activation="tanh")), "model")
    assert messages == ["model layer 1 (Conv2D): activation 'relu' expected, got 'tanh'"]
    messages = compare(reference, to_plain(_small_model(keras, units=5)), "model")
    assert "model layer 3 (Dense): 516 parameters expected, got 645" in messages
    assert compare(reference, np.zeros(3), "model") == ["model: a Keras model expected, got ndarray"]


def test_keras_layer_count_and_class(keras):
    reference = to_plain(_small_model(keras))
    inputs = keras.Input((8, 8, 3))
    x = keras.layers.Conv2D(2, 3, padding="same", activation="relu")(inputs)
    x = keras.layers.GlobalAveragePooling2D()(x)
    other = keras.Model(inputs, keras.layers.Dense(4, activation="softmax")(x))
    messages = compare(reference, to_plain(other), "model")
    assert messages[0].startswith("model: 4 layers expected, got 4") is False
    assert "model layer 2: class Flatten expected, got GlobalAveragePooling2D" in messages


def test_tensors_become_arrays(keras):
    import tensorflow as tf

    plain = to_plain({"t": tf.constant([[1.0, 2.0]])})
    assert type(plain["t"]) is np.ndarray and plain["t"].shape == (1, 2)
