"""Lab c2w2a1_optimization_methods: the reference earns full marks, plausible mistakes lose
points with a message naming what differs, and the lesson holds on the moons data
(Adam converges much faster than gradient descent; stepwise decay beats per-epoch decay)."""

import math
import re
from pathlib import Path

import numpy as np
import pytest

from autograder.labtesting import LabUnderTest

LAB = "c2w2a1_optimization_methods"
ROOT = Path(__file__).resolve().parent.parent

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student

GRADED = [
    "update_parameters_with_gd",
    "random_mini_batches",
    "initialize_velocity",
    "update_parameters_with_momentum",
    "initialize_adam",
    "update_parameters_with_adam",
    "update_lr",
    "schedule_lr_decay",
]


def opt_utils():
    return lab.helper("opt_utils")


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def test_points_add_up_to_ten():
    from autograder.course import checks_of

    assert sum(check.points for check in checks_of(LAB).values()) == 10


# --- update_parameters_with_gd ------------------------------------------------


def test_gd_skipping_the_last_layer_names_it():
    def off_by_one(parameters, grads, learning_rate):
        L = len(parameters) // 2
        for layer in range(1, L):  # forgets layer L
            parameters[f"W{layer}"] = parameters[f"W{layer}"] - learning_rate * grads[f"dW{layer}"]
            parameters[f"b{layer}"] = parameters[f"b{layer}"] - learning_rate * grads[f"db{layer}"]
        return parameters

    result = run("update_parameters_with_gd", student(update_parameters_with_gd=off_by_one))
    text = result.messages()
    assert 0 < result.points < result.max_points  # learning_rate=0 still agrees
    assert "update_parameters_with_gd()['W3']" in text and "values differ" in text
    lab_network = " ".join(next(case for case in result.cases if case.label.startswith("layers [2, 5, 2, 1]")).messages)
    assert "['W3']" in lab_network and "['b3']" in lab_network
    assert "['W1']" not in lab_network and "['W2']" not in lab_network


def test_gd_adding_the_gradient_loses_points():
    def uphill(parameters, grads, learning_rate):
        for layer in range(1, len(parameters) // 2 + 1):
            parameters[f"W{layer}"] = parameters[f"W{layer}"] + learning_rate * grads[f"dW{layer}"]
            parameters[f"b{layer}"] = parameters[f"b{layer}"] + learning_rate * grads[f"db{layer}"]
        return parameters

    result = run("update_parameters_with_gd", student(update_parameters_with_gd=uphill))
    assert result.points < result.max_points
    assert "expected, got" in result.messages()


# --- random_mini_batches ------------------------------------------------------


def _mini_batches(separate_permutations=False, drop_last=False, seed_inside=True):
    def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
        if seed_inside:
            np.random.seed(seed)
        m = X.shape[1]
        permutation = list(np.random.permutation(m))
        shuffled_X = X[:, permutation]
        if separate_permutations:  # shuffles the labels independently of the examples
            permutation = list(np.random.permutation(m))
        shuffled_Y = Y[:, permutation]
        batches = []
        complete = math.floor(m / mini_batch_size)
        for k in range(complete):
            cols = slice(k * mini_batch_size, (k + 1) * mini_batch_size)
            batches.append((shuffled_X[:, cols], shuffled_Y[:, cols]))
        if m % mini_batch_size != 0 and not drop_last:
            batches.append((shuffled_X[:, complete * mini_batch_size :], shuffled_Y[:, complete * mini_batch_size :]))
        return batches

    return random_mini_batches


def test_mini_batches_helper_matches_reference_when_correct():
    result = run("random_mini_batches", student(random_mini_batches=_mini_batches()))
    assert result.points == result.max_points, result.report()


def test_mini_batches_labels_shuffled_separately():
    result = run("random_mini_batches", student(random_mini_batches=_mini_batches(separate_permutations=True)))
    text = result.messages()
    assert result.points < result.max_points
    assert "random_mini_batches()[0][1]" in text and "values differ" in text
    assert "random_mini_batches()[0][0]" not in text  # the examples themselves are right


def test_mini_batches_forgetting_the_last_short_batch():
    result = run("random_mini_batches", student(random_mini_batches=_mini_batches(drop_last=True)))
    text = result.messages()
    assert 0 < result.points < result.max_points  # m=128 with size 32 has no short batch
    assert "random_mini_batches(): length 3 expected, got 2" in text  # m=148, size 64
    assert "random_mini_batches(): length 1 expected, got 0" in text  # m=5, size 64


def test_mini_batches_without_their_own_seed():
    result = run("random_mini_batches", student(random_mini_batches=_mini_batches(seed_inside=False)))
    assert result.points == 0
    assert "random_mini_batches()[0][0]" in result.messages()


def test_mini_batches_as_lists_are_reported_by_type():
    def as_lists(X, Y, mini_batch_size=64, seed=0):
        return [list(batch) for batch in _mini_batches()(X, Y, mini_batch_size, seed)]

    result = run("random_mini_batches", student(random_mini_batches=as_lists))
    assert result.points == 0
    assert "random_mini_batches()[0]: type tuple expected, got list" in result.messages()


# --- initialize_velocity / initialize_adam ------------------------------------


def test_velocity_keyed_like_the_parameters():
    def velocity(parameters):
        return {key: np.zeros(value.shape) for key, value in parameters.items()}

    result = run("initialize_velocity", student(initialize_velocity=velocity))
    assert result.points == 0
    assert "initialize_velocity(): missing key(s) 'dW1', 'db1'" in result.messages()


def test_adam_moments_with_transposed_biases():
    def transposed(parameters):
        v, s = {}, {}
        for layer in range(1, len(parameters) // 2 + 1):
            for store in (v, s):
                store[f"dW{layer}"] = np.zeros(parameters[f"W{layer}"].shape)
                store[f"db{layer}"] = np.zeros(parameters[f"b{layer}"].shape[::-1])
        return v, s

    result = run("initialize_adam", student(initialize_adam=transposed))
    assert 0 < result.points < result.max_points  # with one output unit, b (1, 1) is its own transpose
    assert "initialize_adam()[0]['db1']: shape (5, 1) expected, got (1, 5)" in result.messages()


def test_adam_returning_one_dictionary():
    result = run("initialize_adam", student(initialize_adam=lab.reference.initialize_velocity))
    assert result.points == 0
    assert "initialize_adam(): type tuple expected, got dict" in result.messages()


# --- update_parameters_with_momentum ------------------------------------------


def _momentum(one_minus_beta=True, step_with_gradient=False):
    def update(parameters, grads, v, beta, learning_rate):
        for layer in range(1, len(parameters) // 2 + 1):
            for p in ("W", "b"):
                key = f"d{p}{layer}"
                v[key] = beta * v[key] + ((1 - beta) if one_minus_beta else 1) * grads[key]
                step = grads[key] if step_with_gradient else v[key]
                parameters[f"{p}{layer}"] = parameters[f"{p}{layer}"] - learning_rate * step
        return parameters, v

    return update


def test_momentum_helper_matches_reference_when_correct():
    result = run("update_parameters_with_momentum", student(update_parameters_with_momentum=_momentum()))
    assert result.points == result.max_points, result.report()


def test_momentum_without_one_minus_beta():
    result = run("update_parameters_with_momentum", student(update_parameters_with_momentum=_momentum(one_minus_beta=False)))
    text = result.messages()
    assert 0 < result.points < result.max_points  # beta=0 gives the same answer either way
    assert "update_parameters_with_momentum()[1]['dW1']" in text and "values differ" in text


def test_momentum_stepping_along_the_raw_gradient():
    result = run("update_parameters_with_momentum", student(update_parameters_with_momentum=_momentum(step_with_gradient=True)))
    text = result.messages()
    assert 0 < result.points < result.max_points  # beta=0: velocity and gradient coincide
    assert "update_parameters_with_momentum()[0]['W1']" in text
    assert "update_parameters_with_momentum()[1]" not in text  # the velocity itself is right


# --- update_parameters_with_adam ----------------------------------------------


def _adam(correct_s=True, square=True, epsilon_inside=False, beta_times_t=False):
    def update(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
        v_corrected, s_corrected = {}, {}
        for layer in range(1, len(parameters) // 2 + 1):
            for p in ("W", "b"):
                key = f"d{p}{layer}"
                g = grads[key]
                v[key] = beta1 * v[key] + (1 - beta1) * g
                v_corrected[key] = v[key] / (1 - (beta1 * t if beta_times_t else beta1**t))
                s[key] = beta2 * s[key] + (1 - beta2) * (g**2 if square else g)
                s_corrected[key] = s[key] / (1 - beta2**t) if correct_s else s[key]
                root_of = np.abs(s_corrected[key])  # no change when s >= 0; defined when g is not squared
                if epsilon_inside:
                    denominator = np.sqrt(root_of + epsilon)
                else:
                    denominator = np.sqrt(root_of) + epsilon
                parameters[f"{p}{layer}"] = parameters[f"{p}{layer}"] - learning_rate * v_corrected[key] / denominator
        return parameters, v, s, v_corrected, s_corrected

    return update


def test_adam_helper_matches_reference_when_correct():
    result = run("update_parameters_with_adam", student(update_parameters_with_adam=_adam()))
    assert result.points == result.max_points, result.report()


def test_adam_without_correcting_s():
    result = run("update_parameters_with_adam", student(update_parameters_with_adam=_adam(correct_s=False)))
    text = result.messages()
    assert result.points == 0
    assert "update_parameters_with_adam()[4]['dW1']" in text  # s_corrected
    assert "update_parameters_with_adam()[3]" not in text  # v_corrected is right


def test_adam_epsilon_inside_the_square_root():
    result = run("update_parameters_with_adam", student(update_parameters_with_adam=_adam(epsilon_inside=True)))
    text = result.messages()
    assert 0 < result.points < result.max_points  # invisible with epsilon=1e-8, visible with 1e-2 and 1e-6
    assert "update_parameters_with_adam()[0]['W1']" in text
    assert "[1]" not in text and "[2]" not in text  # the moments are right


def test_adam_beta_times_t_instead_of_power():
    result = run("update_parameters_with_adam", student(update_parameters_with_adam=_adam(beta_times_t=True)))
    text = result.messages()
    assert 0 < result.points < result.max_points  # t=1 gives the same value
    assert "update_parameters_with_adam()[3]['dW1']" in text


def test_adam_gradient_not_squared():
    result = run("update_parameters_with_adam", student(update_parameters_with_adam=_adam(square=False)))
    assert result.points == 0
    assert "update_parameters_with_adam()[2]['dW1']" in result.messages()


# --- learning rate decay ------------------------------------------------------


def test_update_lr_without_the_one():
    def no_one(learning_rate0, epoch_num, decay_rate):
        return learning_rate0 / (decay_rate * epoch_num) if epoch_num else learning_rate0

    result = run("update_lr", student(update_lr=no_one))
    assert 0 < result.points < result.max_points
    assert "update_lr(): 0.166667 expected, got 0.25" in result.messages()


def test_update_lr_exponential_instead_of_inverse_time():
    def exponential(learning_rate0, epoch_num, decay_rate):
        return learning_rate0 * 0.95**epoch_num

    result = run("update_lr", student(update_lr=exponential))
    assert 0 < result.points < result.max_points
    assert "expected, got" in result.messages()


def test_schedule_without_floor():
    def no_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
        return learning_rate0 / (1 + decay_rate * epoch_num / time_interval)

    result = run("schedule_lr_decay", student(schedule_lr_decay=no_floor))
    text = result.messages()
    assert 0 < result.points < result.max_points  # epochs 0 and 1000 are on the steps
    assert "schedule_lr_decay(): 0.5 expected, got 0.250125" in text  # epoch 999


def test_schedule_ignoring_time_interval():
    def fixed_interval(learning_rate0, epoch_num, decay_rate, time_interval=1000):
        return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / 1000))

    result = run("schedule_lr_decay", student(schedule_lr_decay=fixed_interval))
    assert 0 < result.points < result.max_points
    assert "schedule_lr_decay(): 0.00142857 expected, got 0.01" in result.messages()  # epoch 100, interval 30


# --- the data and the lesson --------------------------------------------------


def test_moons_data_has_the_original_shapes_and_is_deterministic():
    utils = opt_utils()
    X, Y = utils.load_dataset(plot=False)
    X2, Y2 = utils.load_dataset(plot=False)
    assert X.shape == (2, 300) and Y.shape == (1, 300)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    assert sorted(np.unique(Y)) == [0, 1] and Y.sum() == 150


def _notebook_epochs():
    text = (ROOT / "authoring" / f"{LAB}.py").read_text()
    return int(re.search(r"^NUM_EPOCHS = scaled\((\d+), \d+\)", text, re.MULTILINE).group(1))


def _train(optimizer, **settings):
    utils = opt_utils()
    X, Y = utils.load_dataset(plot=False)
    parameters, costs, rates = utils.train_model(
        X, Y, [2, 5, 2, 1], optimizer, vars(lab.reference), num_epochs=_notebook_epochs(), print_cost=False, **settings
    )
    return utils.accuracy(utils.predict(X, Y, parameters, print_accuracy=False), Y), costs, rates


def test_lesson_adam_converges_much_faster_than_gradient_descent():
    """Section 5 of the notebook, with its settings (learning rate 0.0007, 5000 epochs)."""
    gd_accuracy, gd_costs, _ = _train("gd")
    momentum_accuracy, momentum_costs, _ = _train("momentum")
    adam_accuracy, adam_costs, _ = _train("adam")
    # measured: gd 0.717 (cost 0.554), momentum 0.717 (0.554), Adam 0.943 (0.134)
    assert adam_accuracy > 0.9 and gd_accuracy < 0.8 and momentum_accuracy < 0.8
    assert adam_accuracy > gd_accuracy + 0.15
    assert adam_costs[10] < 0.5 * gd_costs[10]  # after 1000 epochs: about 0.17 against 0.67
    assert adam_costs[-1] < 0.3 * gd_costs[-1]
    # every run starts from the same parameters, so the first recorded costs agree closely
    assert abs(gd_costs[0] - adam_costs[0]) < 0.01


def test_lesson_stepwise_decay_beats_decaying_every_epoch():
    """Section 6: with learning rate 0.1, per-epoch decay stalls; decay every 1000 epochs works."""
    reference = lab.reference
    every_epoch, _, rates = _train("gd", learning_rate=0.1, decay=reference.update_lr)
    assert rates[1] == pytest.approx(0.001)  # in use during epoch 100: 0.1 / (1 + 99)
    scheduled = {
        optimizer: _train(optimizer, learning_rate=rate, decay=reference.schedule_lr_decay, decay_rate=0.3)[0]
        for optimizer, rate in (("gd", 0.1), ("momentum", 0.1), ("adam", 0.01))
    }
    # measured: per-epoch decay 0.653; scheduled gd 0.947, momentum 0.953, adam 0.940
    assert every_epoch < 0.75
    assert all(accuracy > 0.92 for accuracy in scheduled.values()), scheduled


def test_valley_demo_adam_and_momentum_beat_gradient_descent():
    """The two-parameter valley of section 4, with the notebook's learning rates."""
    reference = lab.reference

    def steps_to_reach(optimizer, learning_rate, radius=0.5):
        parameters = {"W1": np.array([[-4.0, 1.2]]), "b1": np.zeros((1, 1))}
        v = reference.initialize_velocity(parameters)
        v_adam, s_adam = reference.initialize_adam(parameters)
        for t in range(1, 41):
            w1, w2 = parameters["W1"][0]
            grads = {"dW1": np.array([[w1, 25 * w2]]), "db1": np.zeros((1, 1))}
            if optimizer == "gd":
                parameters = reference.update_parameters_with_gd(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = reference.update_parameters_with_momentum(parameters, grads, v, 0.9, learning_rate)
            else:
                parameters, v_adam, s_adam, _, _ = reference.update_parameters_with_adam(parameters, grads, v_adam, s_adam, t, learning_rate)
            if np.linalg.norm(parameters["W1"]) < radius:
                return t
        return 99

    gd, momentum, adam = steps_to_reach("gd", 0.075), steps_to_reach("momentum", 0.2), steps_to_reach("adam", 0.3)
    assert (gd, momentum, adam) == (27, 14, 13)
    text = (ROOT / "authoring" / f"{LAB}.py").read_text()
    assert '("gd", 0.075, "o-"), ("momentum", 0.2, "s-"), ("adam", 0.3, "^-")' in text
