"""Reference solution and hidden checks: c5w3a1_nmt_attention.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).

`one_step_attention` and `modelf` read the shared layers (``repeator``,
``densor1``, ...) from their module's globals, exactly as in the notebook.
Every hidden check case therefore first installs freshly built layers with
seeded initialisers, sized for that case, into the student's namespace and
into this module alike (`Case.prepare`).
"""

import keras
import numpy as np
from keras.layers import (
    LSTM,
    Activation,
    Bidirectional,
    Concatenate,
    Dense,
    Dot,
    Input,
    RepeatVector,
)
from keras.models import Model
from keras.optimizers import Adam
from keras.optimizers.schedules import InverseTimeDecay
from nmt_utils import softmax

from autograder.checks import Case, CellCheck, FunctionCheck, Hook
from autograder.compare import Tolerance

# Sizes used by the notebook (the hidden checks use their own, smaller ones).
Tx, Ty = 30, 10
n_a, n_s = 32, 64
HUMAN_VOCAB_SIZE = 37  # 35 characters of the generated dates + '<unk>' + '<pad>'
MACHINE_VOCAB_SIZE = 11  # the digits and '-'

# The shared layers, defined once and reused at every output step (as in the notebook's given cell).
repeator = RepeatVector(Tx)
concatenator = Concatenate(axis=-1)
densor1 = Dense(10, activation="tanh")
densor2 = Dense(1, activation="relu", bias_initializer=keras.initializers.Constant(0.5))
activator = Activation(softmax, name="attention_weights")
dotor = Dot(axes=1)
post_activation_LSTM_cell = LSTM(n_s, return_state=True)
output_layer = Dense(MACHINE_VOCAB_SIZE, activation=softmax)


def one_step_attention(a, s_prev):
    """
    One step of attention: the context vector for one output time step.

    Arguments:
    a -- hidden states of the pre-attention Bi-LSTM, shape (m, Tx, 2*n_a)
    s_prev -- previous hidden state of the post-attention LSTM, shape (m, n_s)

    Returns:
    context -- context vector, input of the next post-attention LSTM step, shape (m, 1, 2*n_a)
    """
    # copy s_prev Tx times so it can sit next to every a<t'>
    s_prev = repeator(s_prev)
    concat = concatenator([a, s_prev])
    # a small two-layer network scores every input position
    e = densor1(concat)
    energies = densor2(e)
    # softmax over the Tx axis turns scores into weights that sum to 1
    alphas = activator(energies)
    context = dotor([alphas, a])
    return context


def modelf(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
    """
    The attention model: a Bi-LSTM reads the input, an LSTM writes the output.

    Arguments:
    Tx -- length of the input sequence
    Ty -- length of the output sequence
    n_a -- hidden state size of the pre-attention Bi-LSTM
    n_s -- hidden state size of the post-attention LSTM
    human_vocab_size -- size of the python dictionary "human_vocab"
    machine_vocab_size -- size of the python dictionary "machine_vocab"

    Returns:
    model -- Keras model with inputs [X, s0, c0] and a list of Ty outputs
    """
    X = Input(shape=(Tx, human_vocab_size))
    s0 = Input(shape=(n_s,), name="s0")
    c0 = Input(shape=(n_s,), name="c0")
    s = s0
    c = c0
    outputs = []
    a = Bidirectional(LSTM(n_a, return_sequences=True))(X)
    for _ in range(Ty):
        context = one_step_attention(a, s)
        # Keras 3: the input sequence is the first positional argument of an LSTM call
        s, _, c = post_activation_LSTM_cell(context, initial_state=[s, c])
        out = output_layer(s)
        outputs.append(out)
    model = Model(inputs=[X, s0, c0], outputs=outputs)
    return model


CELL_compile = """
opt = Adam(learning_rate=InverseTimeDecay(0.005, decay_steps=1, decay_rate=0.01), beta_1=0.9, beta_2=0.999)
model.compile(loss='categorical_crossentropy', optimizer=opt, metrics=['accuracy'] * Ty)
"""


# ---------------------------------------------------------------------------
# Hidden checks: freshly seeded shared layers, generated inputs.
# ---------------------------------------------------------------------------

def _attention_inputs(seed, m, Tx, n_a, n_s):
    rng = np.random.default_rng(seed)
    a = rng.normal(0.0, 1.0, (m, Tx, 2 * n_a)).astype(np.float32)
    s_prev = rng.normal(0.0, 1.0, (m, n_s)).astype(np.float32)
    return a, s_prev


def _one_step_attention_cases():
    for seed, m, tx, na, ns in [(10, 2, 5, 3, 4), (11, 4, 7, 2, 6), (12, 1, 30, 32, 64), (13, 3, 2, 1, 3)]:
        yield Case(
            f"m={m}, Tx={tx}, n_a={na}, n_s={ns}",
            _attention_inputs(seed, m, tx, na, ns),
            seed=seed,
            prepare=Hook("nmt_utils:install_shared_layers", (tx, ns, 5, seed)),
        )


def _modelf_cases():
    for seed, tx, ty, na, ns, hv, mv in [
        (20, 6, 3, 4, 8, 9, 5),
        (21, 5, 4, 3, 6, 7, 11),
        (22, 8, 2, 5, 10, 12, 6),
        (23, 4, 1, 2, 4, 5, 3),
    ]:
        yield Case(
            f"Tx={tx}, Ty={ty}, n_a={na}, n_s={ns}, vocabularies {hv}/{mv}",
            (tx, ty, na, ns, hv, mv),
            seed=seed,
            prepare=Hook("nmt_utils:install_shared_layers", (tx, ns, mv, seed)),
        )


def reference_compiled(reference):
    """Run the reference compile cell on a small model with Ty outputs."""
    ty = reference["Ty"]
    inputs = Input(shape=(2,))
    outputs = [Dense(3, activation=softmax)(inputs) for _ in range(ty)]
    namespace = {
        "model": Model(inputs, outputs),
        "keras": keras,
        "Adam": Adam,
        "InverseTimeDecay": InverseTimeDecay,
        "Ty": ty,
    }
    exec(reference["CELL_compile"], namespace)
    return namespace


CHECKS = [
    FunctionCheck("one_step_attention", 2, _one_step_attention_cases, tol=Tolerance(rtol=1e-5, atol=1e-6)),
    FunctionCheck(
        "modelf",
        3,
        _modelf_cases,
        tol=Tolerance(rtol=1e-5, atol=1e-6),
        outputs=Hook("autograder.probes:model_structure_and_outputs"),
    ),
    CellCheck("compile", 2, Hook("nmt_utils:compile_settings"), reference_compiled, tol=Tolerance(rtol=1e-5, atol=1e-9)),
]
