"""Lab c5w1a2_dinosaur_char_lm: the reference earns full marks, plausible mistakes lose points,
and training on the D-DINOS stand-in really teaches the RNN to make name-like names."""

import contextlib
import copy
import io
import string

import numpy as np
import pytest

from autograder.data import dinos
from autograder.labtesting import LabUnderTest

LAB = "c5w1a2_dinosaur_char_lm"


lab = LabUnderTest(LAB)
run = lab.run


def reference():
    return lab.reference


def utils():
    return lab.helper("dino_utils")


def with_function(name, function):
    return lab.student(**{name: function})



# --- the reference passes every check ----------------------------------------------------------


@pytest.mark.parametrize("name", ["clip", "sample", "optimize", "model"])
def test_reference_earns_full_points(name):
    result = run(name, vars(reference()))
    assert result.points == result.max_points, result.report()


# --- clip ------------------------------------------------------------------------------------------


def test_clip_in_place_without_copy_is_caught():
    def clip(gradients, maxValue):
        for key in ("dWax", "dWaa", "dWya", "dba", "dby"):
            np.clip(gradients[key], -maxValue, maxValue, out=gradients[key])
        return gradients

    result = run("clip", with_function("clip", clip))
    assert result.points < result.max_points
    assert "clip modified its input" in result.messages()


def test_clip_only_from_above_loses_points():
    def clip(gradients, maxValue):
        gradients = copy.deepcopy(gradients)
        for key in ("dWax", "dWaa", "dWya", "dba", "dby"):
            gradients[key] = np.minimum(gradients[key], maxValue)
        return gradients

    result = run("clip", with_function("clip", clip))
    assert result.points < result.max_points
    assert "values differ beyond" in result.messages()


def test_clip_forgetting_a_key_names_it():
    def clip(gradients, maxValue):
        gradients = copy.deepcopy(gradients)
        for key in ("dWax", "dWaa", "dWya", "dba"):  # dby forgotten
            np.clip(gradients[key], -maxValue, maxValue, out=gradients[key])
        return gradients

    result = run("clip", with_function("clip", clip))
    assert result.points < result.max_points
    assert "clip()['dby']" in result.messages()


# --- sample ----------------------------------------------------------------------------------------


def _sample_variant(*, seed_rule="counter+seed", append_newline=True, update_state=True, fixed_vocab=None):
    """The reference `sample` with one plausible mistake switched on."""
    softmax = reference().softmax

    def sample(parameters, char_to_ix, seed):
        Waa, Wax, Wya, by, ba = (parameters[k] for k in ("Waa", "Wax", "Wya", "by", "ba"))
        vocab_size = fixed_vocab or by.shape[0]
        x = np.zeros((vocab_size, 1))
        a_prev = np.zeros((Waa.shape[1], 1))
        indices, idx, counter = [], -1, 0
        newline = char_to_ix["\n"]
        while idx != newline and counter != 50:
            a = np.tanh(Wax @ x + Waa @ a_prev + ba)
            y = softmax(Wya @ a + by)
            np.random.seed(counter + seed if seed_rule == "counter+seed" else seed)
            idx = np.random.choice(range(vocab_size), p=y.ravel())
            indices.append(idx)
            x = np.zeros((vocab_size, 1))
            x[idx] = 1
            if update_state:
                a_prev = a
            seed += 1
            counter += 1
        if counter == 50 and append_newline:
            indices.append(newline)
        return indices

    return sample


def test_sample_variant_without_mistakes_passes():
    result = run("sample", with_function("sample", _sample_variant()))
    assert result.points == result.max_points, result.report()


def test_sample_seeding_without_counter_loses_points():
    result = run("sample", with_function("sample", _sample_variant(seed_rule="seed only")))
    assert result.points < result.max_points
    assert "sample()" in result.messages()
    assert "length" in result.messages() or "expected, got" in result.messages()


def test_sample_without_newline_at_the_limit_is_caught():
    result = run("sample", with_function("sample", _sample_variant(append_newline=False)))
    assert result.points < result.max_points
    failed = [case for case in result.cases if not case.passed]
    assert "50-character limit" in [case.label for case in failed]
    assert "length 51 expected, got 50" in result.messages()


def test_sample_that_never_updates_the_hidden_state_loses_points():
    result = run("sample", with_function("sample", _sample_variant(update_state=False)))
    assert result.points < result.max_points
    assert "sample()" in result.messages()


def test_sample_with_a_hard_coded_vocabulary_fails_the_small_vocabulary():
    result = run("sample", with_function("sample", _sample_variant(fixed_vocab=27)))
    failed = {case.label for case in result.cases if not case.passed}
    assert "vocabulary of 5" in failed
    assert "raised ValueError" in result.messages()


# --- optimize --------------------------------------------------------------------------------------


def _optimize_variant(*, clip_gradients=True, update=True, fixed_lr=None):
    ref = reference()

    def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
        loss, cache = ref.rnn_forward(X, Y, a_prev, parameters)
        gradients, a = ref.rnn_backward(X, Y, parameters, cache)
        if clip_gradients:
            gradients = ref.clip(gradients, 5)
        if update:
            ref.update_parameters(parameters, gradients, fixed_lr or learning_rate)
        return loss, gradients, a[len(X) - 1]

    return optimize


def test_optimize_without_clipping_loses_points():
    result = run("optimize", with_function("optimize", _optimize_variant(clip_gradients=False)))
    assert result.points < result.max_points
    assert "optimize()['returned'][1]" in result.messages()


def test_optimize_without_update_is_caught_through_the_parameters():
    result = run("optimize", with_function("optimize", _optimize_variant(update=False)))
    assert result.points == 0
    assert "optimize()['parameters after the call']" in result.messages()


def test_optimize_ignoring_the_learning_rate_loses_points():
    result = run("optimize", with_function("optimize", _optimize_variant(fixed_lr=0.01)))
    assert 0 < result.points < result.max_points
    assert "optimize()['parameters after the call']" in result.messages()


def test_optimize_returning_the_whole_state_dict_is_caught():
    ref = reference()

    def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
        loss, cache = ref.rnn_forward(X, Y, a_prev, parameters)
        gradients, a = ref.rnn_backward(X, Y, parameters, cache)
        gradients = ref.clip(gradients, 5)
        ref.update_parameters(parameters, gradients, learning_rate)
        return loss, gradients, a

    result = run("optimize", with_function("optimize", optimize))
    assert result.points == 0
    assert "optimize()['returned'][2]: type ndarray expected, got dict" in result.messages()


# --- model -----------------------------------------------------------------------------------------


def _model_variant(*, shuffle=True, strip=True, newline_target=True, advance_seed=True):
    ref = reference()

    def model(data_x, ix_to_char, char_to_ix, num_iterations=35000, n_a=50, dino_names=7, vocab_size=27, verbose=False):
        parameters = ref.initialize_parameters(n_a, vocab_size, vocab_size)
        loss = ref.get_initial_loss(vocab_size, dino_names)
        examples = [x.strip() if strip else x for x in data_x]
        if shuffle:
            np.random.seed(0)
            np.random.shuffle(examples)
        a_prev = np.zeros((n_a, 1))
        last_dino_name = "abc"
        for j in range(num_iterations):
            X = [None] + [char_to_ix[c] for c in examples[j % len(examples)]]
            Y = X[1:] + ([char_to_ix["\n"]] if newline_target else [])
            curr_loss, gradients, a_prev = ref.optimize(X, Y, a_prev, parameters, 0.01)
            loss = ref.smooth(loss, curr_loss)
            if j % 2000 == 0:
                seed = 0
                for _ in range(dino_names):
                    last_dino_name = ref.get_sample(ref.sample(parameters, char_to_ix, seed), ix_to_char)
                    if advance_seed:
                        seed += 1
        return parameters, last_dino_name

    return model


def test_model_variant_without_mistakes_passes():
    result = run("model", with_function("model", _model_variant()))
    assert result.points == result.max_points, result.report()


def test_model_without_shuffling_loses_points():
    result = run("model", with_function("model", _model_variant(shuffle=False)))
    assert result.points < result.max_points
    assert "model()[0]" in result.messages()


def test_model_without_strip_fails_on_whitespace():
    result = run("model", with_function("model", _model_variant(strip=False)))
    assert result.points < result.max_points
    assert "raised KeyError" in result.messages()


def test_model_without_the_newline_target_fails():
    result = run("model", with_function("model", _model_variant(newline_target=False)))
    assert result.points == 0
    assert "raised IndexError" in result.messages()


def test_model_sampling_every_name_with_seed_zero_loses_points():
    result = run("model", with_function("model", _model_variant(advance_seed=False)))
    assert result.points < result.max_points
    assert "model()[1]" in result.messages()


# --- data and helpers --------------------------------------------------------------------------------


def test_dinos_file_is_deterministic_with_a_27_symbol_vocabulary(tmp_path):
    text = dinos.load_text(tmp_path / "a")
    assert text == dinos.load_text(tmp_path / "b")
    names = text.split("\n")
    assert len(names) == len(set(names)) == dinos.N_NAMES
    assert all(name and set(name) <= set(string.ascii_lowercase) for name in names)
    assert sorted(set(text)) == ["\n", *string.ascii_lowercase]
    assert (tmp_path / "a" / "dinos.txt").stat().st_size < 1_000_000


def test_record_losses_puts_the_function_back():
    ref = reference()
    namespace = vars(ref)
    original = namespace["optimize"]
    with contextlib.redirect_stdout(io.StringIO()), utils().record_losses(namespace) as losses:
        ref.model(["rex", "ankylosaurus"], ref.IX_TO_CHAR, ref.CHAR_TO_IX, num_iterations=5, n_a=4, dino_names=1)
    assert namespace["optimize"] is original
    assert len(losses) == 5 and all(isinstance(loss, float) for loss in losses)


# --- the lesson: training makes the loss fall and the samples name-like ----------------------------


@pytest.mark.slow  # trains the notebook's model: about 10 s alone, more on a busy machine
def test_training_lowers_the_loss_and_samples_look_like_names(tmp_path):
    ref, helpers = reference(), utils()
    get_sample, record_losses = helpers.get_sample, helpers.record_losses
    text = dinos.load_text(tmp_path).lower()
    chars = sorted(set(text))
    char_to_ix = {c: i for i, c in enumerate(chars)}
    ix_to_char = {i: c for i, c in enumerate(chars)}
    names = text.split("\n")
    training_bigrams = {name[i : i + 2] for name in names for i in range(len(name) - 1)}
    training_endings = {name[-3:] for name in names}

    def name_statistics(parameters):
        samples = [get_sample(ref.sample(parameters, char_to_ix, seed), ix_to_char).lower() for seed in range(50)]
        assert all(s.endswith("\n") for s in samples)
        bodies = [s[:-1] for s in samples]
        bigrams = [b[i : i + 2] for b in bodies for i in range(len(b) - 1)]
        return {
            "stopped before 50": np.mean([len(b) < 50 for b in bodies]),
            "known bigrams": np.mean([g in training_bigrams for g in bigrams]),
            "known endings": np.mean([len(b) >= 3 and b[-3:] in training_endings for b in bodies]),
        }

    before = name_statistics(helpers.initialize_parameters(50, 27, 27))
    with contextlib.redirect_stdout(io.StringIO()), record_losses(vars(ref)) as losses:
        parameters, last_name = ref.model(names, ix_to_char, char_to_ix, num_iterations=22001)
    after = name_statistics(parameters)

    curve = helpers.smoothed_curve(losses, 27, 7)
    initial = helpers.get_initial_loss(27, 7)
    assert curve[-1] < 0.8 * initial, (curve[-1], initial)
    # per name, the trained model is far better than uniform guessing
    uniform_per_name = np.mean([(len(name) + 1) * np.log(27) for name in names])
    assert np.mean(losses[-1536:]) < 0.5 * uniform_per_name
    assert last_name.endswith("\n") and last_name[:-1].isalpha()
    # trained samples stop by themselves and are built from pieces seen in training
    assert after["stopped before 50"] >= 0.9
    assert after["known bigrams"] >= 0.9 > before["known bigrams"] + 0.3
    assert after["known endings"] >= 0.5 > before["known endings"] + 0.3
