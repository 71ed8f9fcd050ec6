"""Reference solution and hidden checks: c5w1a2_dinosaur_char_lm.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers live in source/c5w1a2_dinosaur_char_lm/dino_utils.py.
"""

import copy
import string

import numpy as np
from dino_utils import (
    get_initial_loss,
    get_sample,
    initialize_parameters,
    rnn_backward,
    rnn_forward,
    smooth,
    softmax,
    update_parameters,
)

from autograder.checks import Case, FunctionCheck
from autograder.compare import Tolerance


def clip(gradients, maxValue):
    """
    Clip every gradient to the range [-maxValue, maxValue], on a copy.

    Arguments:
    gradients -- dict with the gradients "dWax", "dWaa", "dWya", "dba", "dby"
    maxValue -- every entry above this number is set to it, every entry
                below -maxValue is set to -maxValue

    Returns:
    gradients -- a new dict with the clipped gradients (the input is unchanged)
    """
    gradients = copy.deepcopy(gradients)
    for key in ("dWax", "dWaa", "dWya", "dba", "dby"):
        np.clip(gradients[key], -maxValue, maxValue, out=gradients[key])
    return gradients


def sample(parameters, char_to_ix, seed):
    """
    Sample a sequence of characters from the RNN, one character at a time.

    Arguments:
    parameters -- dict with Waa, Wax, Wya, by, ba
    char_to_ix -- dict mapping each character to its index
    seed -- base seed; step `counter` uses np.random.seed(counter + seed)
            (seed itself also grows by one per step)

    Returns:
    indices -- list of the sampled indices, ending with the newline index
    """
    Waa, Wax, Wya, by, ba = (parameters[k] for k in ("Waa", "Wax", "Wya", "by", "ba"))
    vocab_size = by.shape[0]
    n_a = Waa.shape[1]

    # the first input is the zero vector ("no character yet")
    x = np.zeros((vocab_size, 1))
    a_prev = np.zeros((n_a, 1))
    indices = []
    idx = -1
    counter = 0
    newline_character = char_to_ix["\n"]

    # stop at a newline, or after 50 characters so the loop always ends
    while idx != newline_character and counter != 50:
        a = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + ba)
        z = np.dot(Wya, a) + by
        y = softmax(z)

        # the seeding rule makes every sampled name reproducible
        np.random.seed(counter + seed)
        idx = np.random.choice(range(vocab_size), p=y.ravel())
        indices.append(idx)

        # feed the sampled character back in as the next input
        x = np.zeros((vocab_size, 1))
        x[idx] = 1
        a_prev = a

        seed += 1
        counter += 1

    if counter == 50:
        indices.append(newline_character)
    return indices


def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    """
    One step of training: forward pass, backward pass, clipping, update.

    Arguments:
    X -- list of input indices (X[0] is None, the zero input)
    Y -- list of target indices: X shifted left by one, ending with the newline
    a_prev -- previous hidden state (n_a, 1)
    parameters -- dict with Wax, Waa, Wya, ba, by; updated in place
    learning_rate -- step size of gradient descent

    Returns:
    loss -- cross-entropy loss of this example (before the update)
    gradients -- dict with dWax, dWaa, dWya, dba, dby, clipped to [-5, 5]
    a[len(X)-1] -- the last hidden state (n_a, 1)
    """
    loss, cache = rnn_forward(X, Y, a_prev, parameters)
    gradients, a = rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    parameters = update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[len(X) - 1]


def model(data_x, ix_to_char, char_to_ix, num_iterations=35000, n_a=50, dino_names=7, vocab_size=27, verbose=False):
    """
    Train the character-level language model and sample names as it learns.

    Arguments:
    data_x -- list of names (one per entry, may carry surrounding whitespace)
    ix_to_char, char_to_ix -- the index <-> character dictionaries
    num_iterations -- number of training steps (one name per step)
    n_a -- number of hidden units
    dino_names -- how many names to sample every 2000 iterations
    vocab_size -- number of distinct characters
    verbose -- True to print details of the first training examples

    Returns:
    parameters -- the learned parameters
    last_dino_name -- the last name sampled (a str ending with a newline)
    """
    n_x, n_y = vocab_size, vocab_size
    parameters = initialize_parameters(n_a, n_x, n_y)

    # the smoothed loss starts at the loss of uniform guessing
    loss = get_initial_loss(vocab_size, dino_names)

    examples = [x.strip() for x in data_x]
    np.random.seed(0)
    np.random.shuffle(examples)

    a_prev = np.zeros((n_a, 1))
    last_dino_name = "abc"

    for j in range(num_iterations):
        # one name per step, cycling through the shuffled list
        idx = j % len(examples)
        single_example_ix = [char_to_ix[c] for c in examples[idx]]
        X = [None] + single_example_ix
        Y = X[1:] + [char_to_ix["\n"]]

        curr_loss, gradients, a_prev = optimize(X, Y, a_prev, parameters, learning_rate=0.01)

        if verbose and j in (0, len(examples) - 1, len(examples)):
            print("j =", j, "idx =", idx)
        if verbose and j == 0:
            print("single_example =", examples[idx])
            print("X =", X)
            print("Y =", Y)

        loss = smooth(loss, curr_loss)

        if j % 2000 == 0:
            print(f"Iteration: {j}, Loss: {loss:f}\n")
            seed = 0
            for _ in range(dino_names):
                sampled_indices = sample(parameters, char_to_ix, seed)
                last_dino_name = get_sample(sampled_indices, ix_to_char)
                print(last_dino_name.replace("\n", ""))
                seed += 1
            print("\n")

    return parameters, last_dino_name


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs, compared with the functions above.
# ---------------------------------------------------------------------------

VOCAB = "\n" + string.ascii_lowercase
CHAR_TO_IX = {c: i for i, c in enumerate(VOCAB)}
IX_TO_CHAR = {i: c for i, c in enumerate(VOCAB)}
GRADIENT_KEYS = ("dWax", "dWaa", "dWya", "dba", "dby")


def _parameters(seed, n_a, vocab_size=27, scale=1.0, newline_bias=0.0):
    """Random RNN parameters; `newline_bias` shifts the newline logit (index 0)."""
    rng = np.random.default_rng(seed)
    parameters = {
        "Wax": rng.normal(0, scale, (n_a, vocab_size)),
        "Waa": rng.normal(0, scale, (n_a, n_a)),
        "Wya": rng.normal(0, scale, (vocab_size, n_a)),
        "ba": rng.normal(0, scale, (n_a, 1)),
        "by": rng.normal(0, scale, (vocab_size, 1)),
    }
    parameters["by"][0, 0] += newline_bias
    return parameters


def _gradients(seed, n_a, vocab_size=27, scale=10.0):
    """Random gradients with entries both inside and outside typical clipping ranges."""
    rng = np.random.default_rng(seed)
    shapes = {"dWax": (n_a, vocab_size), "dWaa": (n_a, n_a), "dWya": (vocab_size, n_a), "dba": (n_a, 1), "dby": (vocab_size, 1)}
    return {key: rng.normal(0, scale, shape) for key, shape in shapes.items()}


def _clip_cases():
    yield Case("n_a=5, maxValue=10", (_gradients(0, 5), 10))
    yield Case("n_a=3, maxValue=5", (_gradients(1, 3), 5))
    yield Case("n_a=8, maxValue=0.5 (float)", (_gradients(2, 8, scale=2.0), 0.5))
    yield Case("all inside the range", (_gradients(3, 4, scale=0.1), 5))
    edges = _gradients(4, 2, scale=1.0)
    edges["dby"][:4, 0] = [5.0, -5.0, 5.0000001, -7.5]
    yield Case("values at and just past the limits", (edges, 5))


def _sample_cases():
    yield Case("n_a=10, seed=0", (_parameters(10, 10), CHAR_TO_IX, 0))
    yield Case("n_a=25, seed=3", (_parameters(11, 25, scale=0.6), CHAR_TO_IX, 3))
    yield Case("n_a=5, seed=24", (_parameters(12, 5, scale=1.5), CHAR_TO_IX, 24))
    # newline almost impossible: the 50-character limit must end the name
    yield Case("50-character limit", (_parameters(13, 7, newline_bias=-30.0), CHAR_TO_IX, 7))
    # newline almost certain: the name is just the newline
    yield Case("immediate newline", (_parameters(14, 6, newline_bias=40.0), CHAR_TO_IX, 1))
    # a smaller vocabulary: the size comes from the parameters, not from a constant
    small = {c: i for i, c in enumerate("\nabcd")}
    yield Case("vocabulary of 5", (_parameters(15, 4, vocab_size=5), small, 5))


def _sequence(seed, length):
    """A training pair (X, Y) for one random name of `length` letters."""
    rng = np.random.default_rng(seed)
    letters = [int(i) for i in rng.integers(1, 27, length)]
    X = [None] + letters
    Y = letters + [CHAR_TO_IX["\n"]]
    return X, Y


def _optimize_cases():
    for seed, n_a, length, scale, lr in [(20, 5, 6, 0.01, 0.01), (21, 12, 11, 0.5, 0.05), (22, 3, 1, 1.0, 0.01), (23, 20, 25, 2.0, 0.003)]:
        X, Y = _sequence(seed, length)
        a_prev = np.random.default_rng(seed + 100).uniform(-1, 1, (n_a, 1))
        yield Case(f"n_a={n_a}, {length} letters, lr={lr}", (X, Y, a_prev, _parameters(seed, n_a, scale=scale), lr))


def _names(seed, count):
    """A short list of made-up names (with stray whitespace, as lines of a file can have)."""
    rng = np.random.default_rng(seed)
    syllables = ["ra", "to", "sau", "rus", "don", "ke", "lo", "ptor", "zi", "ve", "qu", "ja", "wy", "fix"]
    names = []
    for i in range(count):
        parts = rng.choice(syllables, size=int(rng.integers(2, 5)))
        name = "".join(parts)
        names.append(f"  {name}\n" if i % 3 == 0 else name)
    return names


def _model_cases():
    yield Case("12 names, 60 iterations, n_a=8", (_names(30, 12), IX_TO_CHAR, CHAR_TO_IX), {"num_iterations": 60, "n_a": 8, "dino_names": 3})
    yield Case("5 names, 2001 iterations, n_a=6", (_names(31, 5), IX_TO_CHAR, CHAR_TO_IX), {"num_iterations": 2001, "n_a": 6, "dino_names": 2})
    yield Case("30 names, 45 iterations, defaults", (_names(32, 30), IX_TO_CHAR, CHAR_TO_IX), {"num_iterations": 45})
    yield Case("3 names, 7 iterations, 1 sample", (_names(33, 3), IX_TO_CHAR, CHAR_TO_IX), {"num_iterations": 7, "n_a": 4, "dino_names": 1})


CHECKS = [
    FunctionCheck(
        "clip",
        1,
        _clip_cases,
        inputs_unchanged=True,
        public=lambda: Case("n_a=3, maxValue=10", (_gradients(42, 3), 10)),
    ),
    FunctionCheck(
        "sample",
        3,
        _sample_cases,
        public=lambda: Case("n_a=10, seed=0", (_parameters(43, 10), CHAR_TO_IX, 0)),
    ),
    # the loss and gradients come from the given helpers: only rounding can differ
    FunctionCheck(
        "optimize", 2, _optimize_cases, tol=Tolerance(rtol=1e-6, atol=1e-9),
        # model relies on optimize updating parameters in place
        arguments_after={3: "parameters"},
    ),
    # a few thousand in-place updates can accumulate rounding differences
    FunctionCheck(
        "model",
        3,
        _model_cases,
        tol=Tolerance(rtol=1e-5, atol=1e-8),
        public=lambda: Case("4 names, 20 iterations", (_names(44, 4), IX_TO_CHAR, CHAR_TO_IX), {"num_iterations": 20, "n_a": 5, "dino_names": 2}),
    ),
]
