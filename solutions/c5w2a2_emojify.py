"""Reference solution and hidden checks: c5w2a2_emojify.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers (data, softmax, predict, plots) live in
source/c5w2a2_emojify/emo_utils.py.

`model` and `sentences_to_indices` take NumPy arrays of sentences, which
cannot travel to the student's process as plain data; their checks send the
sentences as lists and the hook `emo_utils.call_graded_cases` turns them
into arrays there, then calls the function on every case (a `CellCheck`
whose cases are the generated inputs).
"""

import numpy as np
from emo_utils import convert_to_one_hot, predict, softmax
from keras.layers import LSTM, Activation, Dense, Dropout, Embedding, Input
from keras.models import Model

from autograder.checks import Case, CellCheck, FunctionCheck, Hook
from autograder.compare import Tolerance
from autograder.data.embeddings import glove_table
from autograder.data.emoji import make_splits


def sentence_to_avg(sentence, word_to_vec_map):
    """
    Average of the word vectors of a sentence (the words the map knows).

    Arguments:
    sentence -- a string, one training example from X
    word_to_vec_map -- dictionary mapping every word in the vocabulary to its vector of shape (d,)

    Returns:
    avg -- average vector of the sentence's known words, shape (d,);
           a vector of zeros when no word of the sentence is in the map
    """
    any_word = next(iter(word_to_vec_map))
    words = sentence.lower().split()
    avg = np.zeros(word_to_vec_map[any_word].shape)
    count = 0
    for w in words:
        # words without a vector are skipped and not counted
        if w in word_to_vec_map:
            avg += word_to_vec_map[w]
            count += 1
    if count > 0:
        avg = avg / count
    return avg


def model(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    """
    Train the averaging model (softmax of W . avg + b) with per-example gradient descent.

    Arguments:
    X -- input data, numpy array of sentences as strings, of shape (m,)
    Y -- labels, numpy array of integers between 0 and n_y - 1, of shape (m,)
    word_to_vec_map -- dictionary mapping every word in the vocabulary to its vector of shape (d,)
    learning_rate -- learning rate of the gradient descent
    num_iterations -- number of passes over the training set

    Returns:
    pred -- vector of predictions, numpy array of shape (m, 1), from the last
            evaluation (every 10 iterations)
    W -- weight matrix of the softmax layer, of shape (n_y, n_h)
    b -- bias of the softmax layer, of shape (n_y,)
    """
    any_word = next(iter(word_to_vec_map))
    m = Y.shape[0]
    n_y = len(np.unique(Y))
    n_h = word_to_vec_map[any_word].shape[0]
    # Xavier-style start: random weights scaled by 1/sqrt(n_h), zero bias
    W = np.random.randn(n_y, n_h) / np.sqrt(n_h)
    b = np.zeros((n_y,))
    Y_oh = convert_to_one_hot(Y, C=n_y)
    for t in range(num_iterations):
        for i in range(m):
            avg = sentence_to_avg(X[i], word_to_vec_map)
            # forward pass
            z = np.dot(W, avg) + b
            a = softmax(z)
            cost = -np.sum(Y_oh[i] * np.log(a))
            # gradients of the cross-entropy of this one example
            dz = a - Y_oh[i]
            dW = np.dot(dz.reshape(n_y, 1), avg.reshape(1, n_h))
            db = dz
            W = W - learning_rate * dW
            b = b - learning_rate * db
        if t % 10 == 0:
            print("Epoch: " + str(t) + " --- cost = " + str(cost))
            pred = predict(X, Y, W, b, word_to_vec_map)
    return pred, W, b


def sentences_to_indices(X, word_to_index, max_len):
    """
    Turn an array of sentences into an array of word indices, ready for an Embedding layer.

    Arguments:
    X -- array of sentences (strings), of shape (m,)
    word_to_index -- dictionary mapping each word to its index
    max_len -- number of positions per sentence; every sentence of X has at most
               this many known words

    Returns:
    X_indices -- array of shape (m, max_len): the indices of each sentence's known
                 words, from the left, then zeros (padding)
    """
    m = X.shape[0]
    X_indices = np.zeros((m, max_len))
    for i in range(m):
        sentence_words = X[i].lower().split()
        j = 0
        for w in sentence_words:
            # unknown words are skipped: they take no position
            if w in word_to_index:
                X_indices[i, j] = word_to_index[w]
                j = j + 1
    return X_indices


def pretrained_embedding_layer(word_to_vec_map, word_to_index):
    """
    A Keras Embedding layer holding the pre-trained word vectors, frozen.

    Arguments:
    word_to_vec_map -- dictionary mapping words to their vectors of shape (d,)
    word_to_index -- dictionary mapping words to their indices 1, 2, ...

    Returns:
    embedding_layer -- a built, non-trainable Embedding layer whose row i is the
                       vector of the word with index i (row 0, for padding, is zero)
    """
    vocab_size = len(word_to_index) + 1
    any_word = next(iter(word_to_vec_map))
    emb_dim = word_to_vec_map[any_word].shape[0]
    emb_matrix = np.zeros((vocab_size, emb_dim))
    for word, idx in word_to_index.items():
        emb_matrix[idx, :] = word_to_vec_map[word]
    # trainable=False: the vectors learned on a large corpus stay as they are
    embedding_layer = Embedding(vocab_size, emb_dim, trainable=False)
    embedding_layer.build((None,))
    embedding_layer.set_weights([emb_matrix])
    return embedding_layer


def Emojify_V2(input_shape, word_to_vec_map, word_to_index):
    """
    The Emojify-v2 model: embeddings, two stacked LSTM layers and a softmax over 5 classes.

    Arguments:
    input_shape -- shape of the input, usually (max_len,)
    word_to_vec_map -- dictionary mapping every word in the vocabulary to its vector of shape (d,)
    word_to_index -- dictionary mapping words to their indices 1, 2, ...

    Returns:
    model -- a Keras Model from sentence indices (None, max_len) to probabilities (None, 5)
    """
    sentence_indices = Input(shape=input_shape, dtype="int32")
    embedding_layer = pretrained_embedding_layer(word_to_vec_map, word_to_index)
    embeddings = embedding_layer(sentence_indices)
    # the first LSTM passes its whole sequence of hidden states to the second
    X = LSTM(128, return_sequences=True)(embeddings)
    X = Dropout(0.5)(X)
    # the second LSTM keeps only its last hidden state: one vector per sentence
    X = LSTM(128, return_sequences=False)(X)
    X = Dropout(0.5)(X)
    X = Dense(5)(X)
    X = Activation("softmax")(X)
    model = Model(inputs=sentence_indices, outputs=X)
    return model


# ---------------------------------------------------------------------------
# Hidden checks: generated vocabularies and sentences, compared with the above.
# ---------------------------------------------------------------------------

_TABLE = None


def _table():
    global _TABLE
    if _TABLE is None:
        _TABLE = glove_table(50)
    return _TABLE


def _subset(words):
    """The D-EMB vectors of `words` (the table the notebook reads)."""
    table = _table()
    return {w: table[w] for w in words}


def _random_map(seed, words, dim):
    rng = np.random.default_rng(seed)
    return {w: rng.normal(0.0, 1.0, dim) for w in words}


def _index_of(words, seed=None):
    """Indices 1..n for `words`: alphabetical, or in a seeded random order."""
    ordered = sorted(words)
    if seed is not None:
        ordered = list(np.random.default_rng(seed).permutation(ordered))
    return {str(w): i for i, w in enumerate(ordered, start=1)}


def _avg_cases():
    words = ["i", "love", "you", "pizza", "is", "great"]
    yield Case("mixed case, all words known, d=4", ("I Love YOU", _random_map(1, words, 4)))
    yield Case(
        "unknown words are skipped and not counted, d=6",
        ("my dog loves pizza more than you", _random_map(2, ["my", "pizza", "you", "more"], 6)),
    )
    yield Case("no known word gives zeros, d=5", ("zzz qqq", _random_map(3, ["a", "b", "c"], 5)))
    yield Case(
        "repeated words count twice, D-EMB d=50",
        ("food food food is so tasty", _subset(["food", "is", "so", "tasty", "sad"])),
    )
    yield Case("one known word, d=3", ("hello   sushi", _random_map(4, ["sushi"], 3)))


def _public_avg():
    return Case("three known words of five", ("My cat ATE your homework", _random_map(7, ["my", "your", "ate", "dog"], 3)))


def _toy_sentences(seed, n_classes, m, dim, words_per_class=4):
    """Sentences of a few class words plus shared filler words, with a random word map."""
    rng = np.random.default_rng(seed)
    class_words = [[f"c{k}w{j}" for j in range(words_per_class)] for k in range(n_classes)]
    fillers = ["the", "a", "is", "so", "very"]
    Y = np.array([k % n_classes for k in range(m)])
    rng.shuffle(Y)
    X = []
    for label in Y:
        n_words = int(rng.integers(2, 6))
        pool = class_words[label] * 2 + fillers
        X.append(" ".join(str(rng.choice(pool)) for _ in range(n_words)) + (" UNKNOWN" if rng.random() < 0.2 else ""))
    vocabulary = [w for ws in class_words for w in ws] + fillers
    return X, Y, _random_map(seed + 100, vocabulary, dim)


def _model_cases():
    cases = []
    for seed, n_classes, m, dim, iterations, rate in [(1, 3, 12, 5, 25, 0.05), (2, 4, 16, 8, 11, 0.1), (3, 2, 9, 4, 3, 0.5)]:
        X, Y, word_map = _toy_sentences(seed, n_classes, m, dim)
        cases.append(
            {
                "label": f"{n_classes} classes, m={m}, d={dim}, {iterations} iterations, learning_rate={rate}",
                "args": [X, Y, word_map],
                "kwargs": {"learning_rate": rate, "num_iterations": iterations},
                "seed": seed,
                "sentence_args": [0],
            }
        )
    # D-EMOJI sentences and D-EMB vectors, as in the notebook (a short run)
    train, _ = make_splits()
    X = [s for s, _ in train[:30]]
    Y = np.array([label for _, label in train[:30]])
    words = sorted({w for s in X for w in s.split()})
    cases.append(
        {
            "label": "30 D-EMOJI sentences, d=50, 12 iterations",
            "args": [X, Y, _subset(words)],
            "kwargs": {"num_iterations": 12},
            "seed": 4,
            "sentence_args": [0],
        }
    )
    return cases


def _indices_cases():
    word_to_index = _index_of(["i", "love", "you", "so", "much", "funny", "lol", "happy"], seed=5)
    cases = [
        {
            "label": "3 sentences, max_len=6, capitals and unknown words",
            "args": [["I love you", "funny LOL", "lol i love funny so much xyz"], word_to_index, 6],
            "sentence_args": [0],
        },
        {
            "label": "longest sentence fills max_len=4 exactly",
            "args": [["so much love you", "happy", "you"], word_to_index, 4],
            "sentence_args": [0],
        },
        {
            "label": "a sentence with no known word stays all zeros, max_len=3",
            "args": [["nothing known here", "I am happy"], word_to_index, 3],
            "sentence_args": [0],
        },
    ]
    _, test = make_splits()
    vocabulary = _index_of(_table())
    cases.append(
        {
            "label": "20 D-EMOJI test sentences, full vocabulary, max_len=10",
            "args": [[s for s, _ in test[:20]], vocabulary, 10],
            "sentence_args": [0],
        }
    )
    return cases


def _same_namespace(reference):
    return reference


def _embedding_cases():
    words = ["cucumber", "tomato", "apple", "banana"]
    yield Case("4 words, d=3, alphabetical indices", (_random_map(11, words, 3), _index_of(words)))
    words = [f"w{k}" for k in range(9)]
    yield Case("9 words, d=7, shuffled indices", (_random_map(12, words, 7), _index_of(words, seed=3)))
    words = sorted(["love", "ball", "happy", "sad", "food", "pizza", "the", "i", "you", "not"])
    yield Case("10 D-EMB words, d=50", (_subset(words), _index_of(words, seed=4)))


def _emojify_cases():
    for seed, length, n_words, dim, real in [(21, 4, 6, 3, False), (22, 7, 15, 8, False), (23, 10, 40, 50, True)]:
        if real:
            words = sorted(_table())[:n_words]
            word_map = _subset(words)
        else:
            words = [f"w{k}" for k in range(n_words)]
            word_map = _random_map(seed, words, dim)
        word_to_index = _index_of(words, seed=seed)
        yield Case(
            f"input_shape=({length},), {n_words} words, d={dim}",
            ((length,), word_map, word_to_index),
            seed=seed,
        )


_KERAS_TOL = Tolerance(rtol=1e-4, atol=1e-6)

CHECKS = [
    FunctionCheck("sentence_to_avg", 1.5, _avg_cases, public=_public_avg),
    CellCheck(
        "model",
        2.5,
        Hook("emo_utils:call_graded_cases", ("model", _model_cases())),
        _same_namespace,
        tol=Tolerance(rtol=1e-6, atol=1e-9),
    ),
    CellCheck(
        "sentences_to_indices",
        2,
        Hook("emo_utils:call_graded_cases", ("sentences_to_indices", _indices_cases())),
        _same_namespace,
    ),
    FunctionCheck(
        "pretrained_embedding_layer",
        1.5,
        _embedding_cases,
        tol=Tolerance(rtol=0.0, atol=0.0),
        outputs=Hook("emo_utils:embedding_layer_summary"),
    ),
    FunctionCheck(
        "Emojify_V2",
        2.5,
        _emojify_cases,
        tol=_KERAS_TOL,
        outputs=Hook("emo_utils:emojify_model_probe", (5,)),
    ),
]
