"""c5w3a1_nmt_attention: the reference earns full marks, plausible mistakes lose points,
and the notebook's lesson (short training lowers the loss; attention weights sum to 1) holds."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from autograder.course import load_reference  # noqa: E402
from autograder.labtesting import LabUnderTest  # noqa: E402

LAB = "c5w3a1_nmt_attention"


lab = LabUnderTest(LAB)
run = lab.run



@pytest.fixture(scope="module")
def ref():
    return load_reference(LAB)


def student(ref, **functions):
    """A student namespace: the reference module's globals with some functions replaced.

    The wrong functions below read the shared layers from this namespace (the
    hidden checks install fresh ones there), so they are bound to it.
    """
    namespace = dict(vars(ref))
    for name, make in functions.items():
        namespace[name] = make(namespace)
    return namespace


# --- one_step_attention ------------------------------------------------------


def test_one_step_attention_reference_full_marks(ref):
    result = run("one_step_attention", dict(vars(ref)))
    assert result.points == result.max_points == 2, result.report()


def test_one_step_attention_concatenation_in_wrong_order(ref):
    def make(g):
        def one_step_attention(a, s_prev):
            s_prev = g["repeator"](s_prev)
            concat = g["concatenator"]([s_prev, a])  # s_prev first: a different input to densor1
            alphas = g["activator"](g["densor2"](g["densor1"](concat)))
            return g["dotor"]([alphas, a])

        return one_step_attention

    result = run("one_step_attention", student(ref, one_step_attention=make))
    assert result.points < result.max_points
    assert "values differ" in result.messages()


def test_one_step_attention_dot_arguments_swapped(ref):
    def make(g):
        def one_step_attention(a, s_prev):
            concat = g["concatenator"]([a, g["repeator"](s_prev)])
            alphas = g["activator"](g["densor2"](g["densor1"](concat)))
            return g["dotor"]([a, alphas])  # gives (m, 2*n_a, 1) instead of (m, 1, 2*n_a)

        return one_step_attention

    result = run("one_step_attention", student(ref, one_step_attention=make))
    assert result.points == 0
    assert "one_step_attention(): shape (2, 1, 6) expected, got (2, 6, 1)" in result.messages()


def test_one_step_attention_without_softmax(ref):
    def make(g):
        def one_step_attention(a, s_prev):
            concat = g["concatenator"]([a, g["repeator"](s_prev)])
            energies = g["densor2"](g["densor1"](concat))
            return g["dotor"]([energies, a])  # raw energies used as weights

        return one_step_attention

    result = run("one_step_attention", student(ref, one_step_attention=make))
    assert result.points < result.max_points
    assert "values differ" in result.messages()


# --- modelf ------------------------------------------------------------------


def _attention_reading(g):
    """A correct one_step_attention that reads the shared layers of namespace `g`."""

    def one_step_attention(a, s_prev):
        concat = g["concatenator"]([a, g["repeator"](s_prev)])
        alphas = g["activator"](g["densor2"](g["densor1"](concat)))
        return g["dotor"]([alphas, a])

    return one_step_attention


def _modelf_variant(g, *, pre_attention, keep_cell_state=True, units=None):
    """A modelf written by a student, with one chosen mistake."""
    one_step_attention = _attention_reading(g)

    def modelf(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
        X = keras.Input(shape=(Tx, human_vocab_size))
        s0 = keras.Input(shape=(n_s,), name="s0")
        c0 = keras.Input(shape=(n_s,), name="c0")
        s, c = s0, c0
        outputs = []
        a = pre_attention(units or n_a)(X)
        for _ in range(Ty):
            context = one_step_attention(a, s)
            if keep_cell_state:
                s, _, c = g["post_activation_LSTM_cell"](context, initial_state=[s, c])
            else:
                s, c, _ = g["post_activation_LSTM_cell"](context, initial_state=[s, c])  # h passed as cell state
            outputs.append(g["output_layer"](s))
        return keras.Model(inputs=[X, s0, c0], outputs=outputs)

    return modelf


def _bidirectional(units):
    return keras.layers.Bidirectional(keras.layers.LSTM(units, return_sequences=True))


def test_modelf_reference_full_marks(ref):
    result = run("modelf", dict(vars(ref)))
    assert result.points == result.max_points == 3, result.report()


def test_modelf_wrong_state_kept_same_structure_different_outputs(ref):
    namespace = student(ref, modelf=lambda g: _modelf_variant(g, pre_attention=_bidirectional, keep_cell_state=False))
    result = run("modelf", namespace)
    # with Ty = 1 the cell state is never reused, so only that case passes
    assert [case.passed for case in result.cases] == [False, False, False, True]
    text = result.messages()
    assert "modelf()['outputs']" in text and "values differ" in text
    assert "modelf()['structure']" not in text  # the layers are right: only the outputs show the mistake


def test_modelf_plain_lstm_instead_of_bidirectional(ref):
    def plain_lstm(units):
        return keras.layers.LSTM(units, return_sequences=True)

    result = run("modelf", student(ref, modelf=lambda g: _modelf_variant(g, pre_attention=plain_lstm)))
    assert result.points == 0
    assert "class Bidirectional expected, got LSTM" in result.messages()


def test_modelf_pre_attention_lstm_with_n_s_units(ref):
    def modelf_factory(g):
        wrong = _modelf_variant(g, pre_attention=_bidirectional)

        def modelf(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size):
            # the student sized the Bi-LSTM with n_s instead of n_a
            return wrong(Tx, Ty, n_s, n_s, human_vocab_size, machine_vocab_size)

        return modelf

    result = run("modelf", student(ref, modelf=modelf_factory))
    assert result.points == 0
    assert "parameters expected" in result.messages()


def test_modelf_forgot_return_sequences(ref):
    def last_state_only(units):
        return keras.layers.Bidirectional(keras.layers.LSTM(units))

    result = run("modelf", student(ref, modelf=lambda g: _modelf_variant(g, pre_attention=last_state_only)))
    assert result.points == 0
    assert "raised" in result.messages()


def test_modelf_returning_none_gives_a_message_not_a_crash(ref):
    result = run("modelf", student(ref, modelf=lambda g: lambda *args: None))
    assert result.points == 0
    assert "a Keras model expected, got NoneType" in result.messages()


# --- compile (graded cell) ---------------------------------------------------


def compiled_namespace(ref, cell):
    """Run a (student) compile cell on a small model with Ty outputs."""
    inputs = keras.Input(shape=(2,))
    outputs = [keras.layers.Dense(3)(inputs) for _ in range(ref.Ty)]
    namespace = {
        "keras": keras,
        "Adam": ref.Adam,
        "InverseTimeDecay": ref.InverseTimeDecay,
        "Ty": ref.Ty,
        "model": keras.Model(inputs, outputs),
    }
    exec(cell, namespace)
    return namespace


def test_compile_reference_full_marks(ref):
    result = run("compile", compiled_namespace(ref, ref.CELL_compile))
    assert result.points == result.max_points == 2, result.report()


def test_compile_reference_on_real_model(ref):
    import nmt_utils

    nmt_utils.install_shared_layers(vars(ref), ref.Tx, ref.n_s, ref.MACHINE_VOCAB_SIZE)
    namespace = dict(vars(ref))
    namespace["model"] = ref.modelf(ref.Tx, ref.Ty, ref.n_a, ref.n_s, ref.HUMAN_VOCAB_SIZE, ref.MACHINE_VOCAB_SIZE)
    exec(ref.CELL_compile, namespace)
    result = run("compile", namespace)
    assert result.points == result.max_points, result.report()


def test_compile_without_learning_rate_decay(ref):
    cell = "opt = Adam(learning_rate=0.005, beta_1=0.9, beta_2=0.999)\n" + ref.CELL_compile.strip().splitlines()[-1]
    result = run("compile", compiled_namespace(ref, cell))
    assert 0 < result.points < result.max_points
    assert "learning rate at steps 0, 1, 10, 100, 1000: 5 of 5 values differ" not in result.messages()
    assert "learning rate at steps 0, 1, 10, 100, 1000: 4 of 5 values differ" in result.messages()


def test_compile_single_accuracy_metric(ref):
    cell = ref.CELL_compile.replace("metrics=['accuracy'] * Ty", "metrics=['accuracy']")
    result = run("compile", compiled_namespace(ref, cell))
    assert 0 < result.points < result.max_points
    assert "metrics: length 10 expected, got 1" in result.messages()


def test_compile_with_default_adam_string(ref):
    first_line = ref.CELL_compile.strip().splitlines()[0]
    cell = first_line + "\nmodel.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'] * Ty)"
    result = run("compile", compiled_namespace(ref, cell))
    assert 0 < result.points < result.max_points
    text = result.messages()
    assert "model compiled with opt: True expected, got False" in text
    assert "learning rate at steps" in text


def test_compile_wrong_loss_and_beta(ref):
    cell = ref.CELL_compile.replace("beta_1=0.9", "beta_1=0.99").replace("categorical_crossentropy", "mean_squared_error")
    result = run("compile", compiled_namespace(ref, cell))
    text = result.messages()
    assert "beta_1: 0.9 expected, got 0.99" in text
    assert "loss: 'categorical_crossentropy' expected, got 'mean_squared_error'" in text


def test_compile_cell_not_run(ref):
    namespace = dict(vars(ref))
    namespace["model"] = None
    result = run("compile", namespace)
    assert result.points == 0
    assert "not a Keras model" in result.messages()


# --- the lesson of the notebook ----------------------------------------------


def _total_loss(model, Xoh, Yoh, n_s):
    """Sum over the Ty outputs of the mean categorical cross-entropy (what Keras minimises)."""
    zeros = np.zeros((len(Xoh), n_s), dtype=np.float32)
    probabilities = model([Xoh, zeros, zeros], training=False)
    total = 0.0
    for t, p in enumerate(probabilities):
        picked = np.sum(np.asarray(p) * Yoh[:, t, :], axis=-1)
        total += float(np.mean(-np.log(np.clip(picked, 1e-7, 1.0))))
    return total


@pytest.mark.slow  # about 10 s: compiling the unrolled training step dominates
def test_lesson_short_training_lowers_loss_and_attention_sums_to_one(ref):
    import nmt_utils  # importable once the reference is loaded (its folder is on sys.path)

    keras.utils.set_random_seed(0)
    dataset, human_vocab, machine_vocab, inv_machine_vocab = nmt_utils.load_dataset(1000)
    assert len(machine_vocab) == ref.MACHINE_VOCAB_SIZE and len(human_vocab) == ref.HUMAN_VOCAB_SIZE
    _, _, Xoh, Yoh = nmt_utils.preprocess_data(dataset, human_vocab, machine_vocab, ref.Tx, ref.Ty)

    nmt_utils.install_shared_layers(vars(ref), ref.Tx, ref.n_s, len(machine_vocab))
    model = ref.modelf(ref.Tx, ref.Ty, ref.n_a, ref.n_s, len(human_vocab), len(machine_vocab))
    namespace = dict(vars(ref), model=model)
    exec(ref.CELL_compile, namespace)

    before = _total_loss(model, Xoh, Yoh, ref.n_s)
    zeros = np.zeros((len(Xoh), ref.n_s), dtype=np.float32)
    model.fit([Xoh, zeros, zeros], list(Yoh.swapaxes(0, 1)), epochs=2, batch_size=100, verbose=0)
    after = _total_loss(model, Xoh, Yoh, ref.n_s)
    assert after < 0.9 * before, (before, after)  # about 24.0 -> 20.6 with these seeds

    # every output step's attention weights form a distribution over the Tx input positions
    alphas = nmt_utils.attention_weights(model, Xoh[:8], ref.n_s)
    assert alphas.shape == (8, ref.Ty, ref.Tx)
    assert np.all(alphas >= 0)
    np.testing.assert_allclose(alphas.sum(axis=-1), 1.0, rtol=0, atol=1e-5)

    # and so do the weights inside one_step_attention on arbitrary inputs
    rng = np.random.default_rng(0)
    a = rng.normal(size=(3, ref.Tx, 2 * ref.n_a)).astype(np.float32)
    s_prev = rng.normal(size=(3, ref.n_s)).astype(np.float32)
    energies = ref.densor2(ref.densor1(ref.concatenator([a, ref.repeator(s_prev)])))
    weights = np.asarray(ref.activator(energies))
    np.testing.assert_allclose(weights.sum(axis=1), 1.0, rtol=0, atol=1e-5)


def test_dates_are_deterministic_and_iso():
    from autograder.data.dates import FORMATS, load_dataset

    first, vocab, machine_vocab, inv = load_dataset(300)
    again, _, _, _ = load_dataset(300)
    assert first == again
    assert len(FORMATS) == 15
    assert set(machine_vocab) == set("0123456789-") and inv[machine_vocab["-"]] == "-"
    assert list(vocab)[-2:] == ["<unk>", "<pad>"]
    for human, machine in first:
        assert human == human.lower() and "," not in human
        year = int(machine[:4])
        assert 1970 <= year <= 2030 and machine[4] == machine[7] == "-"
