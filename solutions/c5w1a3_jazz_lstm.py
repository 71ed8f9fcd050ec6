"""Reference solution and hidden checks: c5w1a3_jazz_lstm.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers (data, piano roll, audio) live in
source/c5w1a3_jazz_lstm/music_utils.py.

The graded functions take Keras layers and models as arguments, which cannot
be sent to the student's process as data.  Their checks are therefore hooks
(`CellCheck` with a `Hook` in music_utils) that build fresh layers sized for
each case inside the process that runs the function, install them as the
notebook's globals for the duration of the case, call the function, and
return plain data: the model's layer-by-layer summary and its outputs with
fixed weights (`autograder.probes.model_structure_and_outputs`), or the
arrays `predict_and_sample` returns.  Each case is one key of the result.
"""

import keras
import numpy as np
from keras.layers import LSTM, Dense, Input, RepeatVector, Reshape
from keras.models import Model
from keras.utils import to_categorical

from autograder.checks import CellCheck, Hook
from autograder.compare import Tolerance

# The notebook's globals (given cells).
n_a = 64
n_values = 90
reshaper = Reshape((1, n_values))
LSTM_cell = LSTM(n_a, return_state=True)
densor = Dense(n_values, activation="softmax")
x_initializer = np.zeros((1, 1, n_values))
a_initializer = np.zeros((1, n_a))
c_initializer = np.zeros((1, n_a))


def djmodel(Tx, LSTM_cell, densor, reshaper):
    """
    The training model: one shared LSTM cell unrolled over Tx steps.

    Arguments:
    Tx -- length of the sequences in the corpus
    LSTM_cell -- LSTM layer (with return_state=True) shared by every time step
    densor -- Dense layer with a softmax, shared by every time step
    reshaper -- Reshape((1, n_values)) layer, shared by every time step

    Returns:
    model -- a Keras Model with inputs [X, a0, c0] and a list of Tx outputs,
             each of shape (None, n_values)
    """
    # the sizes come from the layers themselves
    n_values = densor.units
    n_a = LSTM_cell.units
    X = Input(shape=(Tx, n_values))
    a0 = Input(shape=(n_a,), name="a0")
    c0 = Input(shape=(n_a,), name="c0")
    a = a0
    c = c0
    outputs = []
    for t in range(Tx):
        # the input of step t: the t-th value of every sequence, shape (None, 1, n_values)
        x = X[:, t, :]
        x = reshaper(x)
        a, _, c = LSTM_cell(x, initial_state=[a, c])
        out = densor(a)
        outputs.append(out)
    model = Model(inputs=[X, a0, c0], outputs=outputs)
    return model


def music_inference_model(LSTM_cell, densor, Ty=100):
    """
    The generation model: each step's most likely value becomes the next step's input.

    Arguments:
    LSTM_cell -- the trained LSTM layer of djmodel
    densor -- the trained Dense softmax layer of djmodel
    Ty -- number of values to generate

    Returns:
    inference_model -- a Keras Model with inputs [x0, a0, c0] and a list of Ty
                       outputs, each of shape (None, n_values)
    """
    n_values = densor.units
    n_a = LSTM_cell.units
    x0 = Input(shape=(1, n_values))
    a0 = Input(shape=(n_a,), name="a0")
    c0 = Input(shape=(n_a,), name="c0")
    a = a0
    c = c0
    x = x0
    outputs = []
    for _ in range(Ty):
        a, _, c = LSTM_cell(x, initial_state=[a, c])
        out = densor(a)
        outputs.append(out)
        # feed the prediction back: most likely value -> one-hot -> shape (None, 1, n_values)
        x = keras.ops.argmax(out, axis=-1)
        x = keras.ops.one_hot(x, n_values)
        x = RepeatVector(1)(x)
    inference_model = Model(inputs=[x0, a0, c0], outputs=outputs)
    return inference_model


def predict_and_sample(inference_model, x_initializer=x_initializer, a_initializer=a_initializer,
                       c_initializer=c_initializer):
    """
    Generate a sequence of values with the inference model.

    Arguments:
    inference_model -- Keras model returned by music_inference_model
    x_initializer -- one-hot input of the first step, shape (1, 1, n_values)
    a_initializer -- initial hidden state of the LSTM, shape (1, n_a)
    c_initializer -- initial cell state of the LSTM, shape (1, n_a)

    Returns:
    results -- one-hot vectors of the generated values, shape (Ty, n_values)
    indices -- indices of the generated values, shape (Ty, 1)
    """
    n_values = x_initializer.shape[2]
    pred = inference_model.predict([x_initializer, a_initializer, c_initializer])
    # pred is a list of Ty arrays of shape (1, n_values)
    indices = np.argmax(pred, axis=-1)
    results = to_categorical(indices, num_classes=n_values)
    return results, indices


# ---------------------------------------------------------------------------
# Hidden checks: fresh layers for every case, built where the function runs.
# ---------------------------------------------------------------------------

DJMODEL_CASES = (
    # (label, Tx, n_a, n_values, seed)
    ("Tx=4, n_a=5, n_values=6", 4, 5, 6, 1),
    ("Tx=7, n_a=3, n_values=10", 7, 3, 10, 2),
    ("Tx=2, n_a=8, n_values=4", 2, 8, 4, 3),
    ("Tx=12, n_a=16, n_values=90", 12, 16, 90, 4),
)

INFERENCE_CASES = (
    # (label, n_a, n_values, Ty, seed)
    ("n_a=5, n_values=6, Ty=4", 5, 6, 4, 11),
    ("n_a=3, n_values=10, Ty=7", 3, 10, 7, 12),
    ("n_a=8, n_values=4, Ty=2", 8, 4, 2, 13),
    ("n_a=16, n_values=90, Ty=10", 16, 90, 10, 14),
)

SAMPLE_CASES = (
    # (label, n_a, n_values, Ty, seed, start)
    ("n_a=4, n_values=6, Ty=5, zero start", 4, 6, 5, 21, "zeros"),
    ("n_a=3, n_values=11, Ty=8, random start", 3, 11, 8, 22, "random"),
    ("n_a=6, n_values=90, Ty=12, random start", 6, 90, 12, 23, "random"),
    ("n_a=2, n_values=3, Ty=2, zero start", 2, 3, 2, 24, "zeros"),
)


def _same_namespace(reference):
    return reference


_KERAS_TOL = Tolerance(rtol=1e-4, atol=1e-6)

CHECKS = [
    CellCheck("djmodel", 4, Hook("music_utils:djmodel_cases", (DJMODEL_CASES,)), _same_namespace, tol=_KERAS_TOL),
    CellCheck(
        "music_inference_model",
        4,
        Hook("music_utils:inference_model_cases", (INFERENCE_CASES,)),
        _same_namespace,
        tol=_KERAS_TOL,
    ),
    CellCheck(
        "predict_and_sample",
        2,
        Hook("music_utils:predict_and_sample_cases", (SAMPLE_CASES,)),
        _same_namespace,
        tol=_KERAS_TOL,
    ),
]
