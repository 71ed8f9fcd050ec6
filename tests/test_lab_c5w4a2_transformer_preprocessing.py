"""c5w4a2_transformer_preprocessing (ungraded): the helpers do what the notebook
says on small inputs whose answers follow from the spec, the generated sentences
keep their recorded topics, and the notebook's self-checks are not decoration:
each one run on a broken input (an encoding with no cosines, a vocabulary too
small, an embedding matrix off by one row, shuffled topics, ...) stops with
SelfCheckFailed."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import contextlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from unittest import mock  # noqa: E402

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402

from autograder.data import topic_sentences  # noqa: E402
from autograder.data.embeddings import glove_table  # noqa: E402
from autograder.notebook import SelfCheckFailed  # noqa: E402

LAB = "c5w4a2_transformer_preprocessing"
ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "source" / LAB
if str(HELPERS) not in sys.path:
    sys.path.insert(0, str(HELPERS))

import preprocessing_utils as pu  # noqa: E402

# --- positional encoding -------------------------------------------------------


def test_positional_encoding_follows_the_formula():
    pe = pu.positional_encoding(7, 6)
    assert pe.shape == (1, 7, 6) and pe.dtype.name == "float32"
    values = pe.numpy()[0]
    for pos in range(7):
        for i in range(3):
            angle = pos / 10000 ** (2 * i / 6)
            assert values[pos, 2 * i] == pytest.approx(np.sin(angle), abs=1e-6)
            assert values[pos, 2 * i + 1] == pytest.approx(np.cos(angle), abs=1e-6)
    np.testing.assert_allclose(values[0], [0, 1, 0, 1, 0, 1], atol=1e-7)


def test_positional_encoding_edge_cases():
    one = pu.positional_encoding(1, 4).numpy()
    np.testing.assert_allclose(one, [[[0, 1, 0, 1]]], atol=1e-7)
    odd = pu.positional_encoding(3, 5).numpy()[0]  # the last column is a sine with no partner
    assert odd.shape == (3, 5)
    assert odd[2, 4] == pytest.approx(np.sin(2 / 10000 ** (4 / 5)), abs=1e-6)
    assert pu.get_angles(np.arange(2)[:, None], np.arange(4)[None, :], 4)[1].tolist() == pytest.approx(
        [1, 1, 0.01, 0.01]
    )


def test_every_encoding_has_length_sqrt_half_d():
    for positions, d in [(10, 4), (50, 16), (100, 100)]:
        norms = np.linalg.norm(pu.positional_encoding(positions, d).numpy()[0], axis=1)
        np.testing.assert_allclose(norms, np.sqrt(d / 2), rtol=1e-5)


def _broken_encoding(positions, d, sine_only=False, collapsed=False):
    """positional_encoding with a classic mistake: no cosines, or the exponent rounded to 0."""
    k = np.arange(d)[None, :]
    exponent = (2 * (k // 2)) // d if collapsed else (2 * (k // 2)) / d
    angles = np.arange(positions)[:, None] / np.power(10000.0, exponent)
    angles[:, 0::2] = np.sin(angles[:, 0::2])
    angles[:, 1::2] = np.sin(angles[:, 1::2]) if sine_only else np.cos(angles[:, 1::2])
    return tf.constant(angles[None], tf.float32)


def test_translation_spread_is_zero_only_when_dot_products_depend_on_the_offset():
    assert pu.translation_spread(pu.positional_encoding(100, 100)) < 1e-3
    # sin(a)sin(b) = (cos(a - b) - cos(a + b)) / 2 depends on a + b too
    assert pu.translation_spread(_broken_encoding(100, 100, sine_only=True)) > 10
    tiny = np.array([[[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]])  # offset 1: dot products 0 and 1
    assert pu.translation_spread(tiny) == pytest.approx(1.0)


def test_min_position_distance():
    assert pu.min_position_distance(pu.positional_encoding(100, 100)) == pytest.approx(1.7576, abs=1e-3)
    # with every frequency equal to 1 rad/step, positions 0 and 44 (about 7 turns) nearly coincide
    assert pu.min_position_distance(_broken_encoding(100, 100, collapsed=True)) < 0.2
    assert pu.min_position_distance(np.array([[[0.0, 0.0], [3.0, 4.0], [0.0, 1.0]]])) == pytest.approx(1.0)


# --- tokens and embeddings ------------------------------------------------------


def test_vectorizer_pads_cuts_and_maps_unknown_words_to_one():
    vectorizer = pu.make_vectorizer(["b a b c", "c b"], max_tokens=10, sequence_length=6)
    vocabulary = vectorizer.get_vocabulary()
    assert vocabulary[:3] == ["", "[UNK]", "b"]  # b is the most frequent word
    assert set(vocabulary[3:]) == {"a", "c"}
    ids = vectorizer(["b a b c", "Zebra, b!", "c c c c c c c c"]).numpy()
    index = {word: i for i, word in enumerate(vocabulary)}
    assert ids.shape == (3, 6)
    assert ids[0].tolist() == [index["b"], index["a"], index["b"], index["c"], 0, 0]
    assert ids[1].tolist() == [1, index["b"], 0, 0, 0, 0]  # lower-cased, punctuation stripped, unknown -> 1
    assert ids[2].tolist() == [index["c"]] * 6  # cut to the sequence length


def test_vectorizer_keeps_only_the_most_frequent_words():
    vectorizer = pu.make_vectorizer(["x x x y y z"], max_tokens=4, sequence_length=3)
    assert vectorizer.get_vocabulary() == ["", "[UNK]", "x", "y"]
    assert vectorizer(["z y x"]).numpy().tolist() == [[1, 3, 2]]


def test_embedding_matrix_rows_special_tokens_and_missing_words():
    vectors = {"cat": np.array([1.0, 2.0]), "dog": np.array([3.0, 4.0])}
    matrix, missing = pu.build_embedding_matrix(["", "[UNK]", "dog", "unicorn", "cat"], vectors, dim=2)
    assert matrix.dtype == np.float32 and matrix.shape == (5, 2)
    np.testing.assert_array_equal(matrix, [[0, 0], [0, 0], [3, 4], [0, 0], [1, 2]])
    assert missing == ["unicorn"]
    empty, none_missing = pu.build_embedding_matrix(["", "[UNK]"], vectors, dim=2)
    assert empty.shape == (2, 2) and not empty.any() and none_missing == []


def test_embedding_layer_looks_up_rows_and_is_frozen():
    matrix = np.arange(12, dtype=np.float32).reshape(4, 3)
    layer = pu.make_embedding_layer(matrix)
    out = layer(np.array([[2, 0, 3]])).numpy()
    np.testing.assert_array_equal(out[0], matrix[[2, 0, 3]])
    assert layer.trainable_weights == []


def test_combine_weights_and_slices_the_encoding():
    embedded = np.ones((2, 3, 4), np.float32)
    pe = pu.positional_encoding(5, 4)
    out = pu.combine(embedded, pe, W1=2.0, W2=10.0).numpy()
    assert out.shape == (2, 3, 4)
    np.testing.assert_allclose(out, 2.0 + 10.0 * pe.numpy()[:, :3, :].repeat(2, axis=0), rtol=1e-6)


def test_token_points_drops_padding_and_records_positions():
    sequences = np.array([[3, 2, 0, 0], [0, 0, 0, 0], [2, 0, 0, 0]])
    vectors = np.arange(3 * 4 * 2, dtype=float).reshape(3, 4, 2)
    X, words, positions, sentence = pu.token_points(sequences, vectors, ["", "[UNK]", "b", "a"])
    assert words == ["a", "b", "b"]
    assert positions.tolist() == [0, 1, 0] and sentence.tolist() == [0, 0, 2]
    np.testing.assert_array_equal(X, [vectors[0, 0], vectors[0, 1], vectors[2, 0]])


# --- measuring -------------------------------------------------------------------


def test_pca_2d_finds_the_spread_and_agrees_with_scikit_learn():
    from sklearn.decomposition import PCA

    line = np.outer(np.arange(5.0), [1.0, 2.0, 2.0]) + 7
    coords, explained = pu.pca_2d(line)
    assert explained[0] == pytest.approx(1.0)
    np.testing.assert_allclose(np.abs(coords[:, 0]), 3 * np.abs(np.arange(5) - 2), atol=1e-9)
    data = np.random.default_rng(0).normal(size=(30, 6)) * [5, 3, 1, 1, 1, 1]
    coords, explained = pu.pca_2d(data)
    reference = PCA(n_components=2).fit(data)
    np.testing.assert_allclose(np.abs(coords), np.abs(reference.transform(data)), atol=1e-8)
    np.testing.assert_allclose(explained, reference.explained_variance_ratio_, rtol=1e-8)


def test_nearest_neighbours_never_pick_the_point_itself():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 7.0], [0.0, 0.0]])
    assert pu.nearest_neighbours(X).tolist() == [4, 0, 3, 2, 0]


def test_neighbour_rates_and_chance():
    X = np.array([[0.0], [0.1], [10.0], [10.1]])
    rates = pu.neighbour_rates(X, ["a", "a", "b", "b"], [0, 5, 1, 3])
    assert rates == {"same topic": 1.0, "near position": 0.0}
    rates = pu.neighbour_rates(X, ["a", "b", "a", "b"], [0, 1, 4, 4])
    assert rates == {"same topic": 0.0, "near position": 1.0}
    assert pu.chance_same_topic(["a", "a", "b", "b"]) == pytest.approx(1 / 3)
    assert pu.chance_same_topic(["a", "a", "a"]) == 1.0
    assert pu.chance_same_topic(["a", "b", "c"]) == 0.0


# --- data -------------------------------------------------------------------------


def test_sentences_keep_their_recorded_topics_and_never_repeat_a_topic_in_a_row():
    sentences = topic_sentences.make_sentences()
    topics_of = topic_sentences.word_topics()
    assert [len(words) for words, _ in sentences] == list(topic_sentences.LENGTHS)
    all_words = [word for words, _ in sentences for word in words]
    assert len(all_words) == len(set(all_words))  # every word once
    table = glove_table(100)
    for words, topics in sentences:
        assert [topics_of[w] for w in words] == topics
        assert set(topics) <= set(topic_sentences.TOPICS)
        assert all(a != b for a, b in zip(topics, topics[1:], strict=False))
        assert all(w in table for w in words)
    assert topics_of["king"] == "royalty" and topics_of["paris"] == "geography" and topics_of["pizza"] == "food"


def test_sentence_file_is_deterministic_and_reads_back(tmp_path):
    first = topic_sentences.write_sentences_file(tmp_path / "a").read_bytes()
    second = topic_sentences.write_sentences_file(tmp_path / "b").read_bytes()
    assert first == second
    texts, topics = pu.read_topic_sentences(str(tmp_path / "c" / "topic_sentences.tsv"))
    expected = topic_sentences.make_sentences()
    assert texts == [" ".join(words) for words, _ in expected]
    assert topics == [t for _, t in expected]
    with pytest.raises(FileNotFoundError):
        pu.read_topic_sentences(str(tmp_path / "other.tsv"))
    with pytest.raises(ValueError, match="not enough royalty"):
        topic_sentences.make_sentences(lengths=(45,))  # 9 of each topic; 8 royalty words


def test_glove_loader_numbers_words_from_one(tmp_path):
    word_to_index, index_to_word, word_to_vec_map = pu.read_glove_vecs(str(tmp_path / "glove.6B.100d.txt"))
    assert min(index_to_word) == 1 and index_to_word[1] == sorted(word_to_vec_map)[0]
    assert all(index_to_word[i] == w for w, i in word_to_index.items())
    assert word_to_vec_map["king"].shape == (100,)


# --- the notebook's self-checks -------------------------------------------------------


@pytest.fixture(scope="module")
def notebook(tmp_path_factory):
    """Run the source notebook's code cells in this process; return (cells, namespace)."""
    work = tmp_path_factory.mktemp(LAB)
    nb = json.loads((HELPERS / f"{LAB}.ipynb").read_text())
    cells = ["".join(cell["source"]) for cell in nb["cells"] if cell["cell_type"] == "code"]
    namespace: dict = {}
    here = os.getcwd()
    os.chdir(work)
    try:
        for code in cells:
            _run(code, namespace)
    finally:
        os.chdir(here)
    return cells, namespace


def _run(code, namespace):
    source = "\n".join(line for line in code.splitlines() if not line.startswith("%"))
    with mock.patch.object(plt, "show"), contextlib.redirect_stdout(io.StringIO()) as out:
        exec(compile(source, "<notebook cell>", "exec"), namespace)
    plt.close("all")
    return out.getvalue()


def _cell(cells, text):
    matches = [code for code in cells if text in code]
    assert len(matches) == 1, f"{len(matches)} cells contain {text!r}"
    return matches[0]


def _rerun(notebook, changes, *markers):
    """Re-run the cells holding `markers` (in order) on a copy of the namespace with `changes`."""
    cells, namespace = notebook
    namespace = dict(namespace, **changes)
    for marker in markers:
        _run(_cell(cells, marker), namespace)
    return namespace


def test_the_notebook_states_between_4_and_8_self_checks_and_all_hold(notebook):
    cells, namespace = notebook
    checks = [code for code in cells if "self_check(" in code and "import" not in code]
    assert 4 <= len(checks) <= 8
    for code in checks:  # each still passes when re-run on the notebook's own results
        assert "self-check passed" in _run(code, dict(namespace))


def test_encoding_check_fails_when_the_frequencies_collapse(notebook):
    with pytest.raises(SelfCheckFailed, match="any two positions are at least 1 apart"):
        _rerun(notebook, {"pos_encoding": _broken_encoding(100, 100, collapsed=True)}, "closest = min_position")


def test_offset_check_fails_without_cosines(notebook):
    with pytest.raises(SelfCheckFailed, match="depends only on their offset"):
        _rerun(notebook, {"pos_encoding": _broken_encoding(100, 100, sine_only=True)}, "spread = translation_spread")


def test_tokenisation_check_fails_when_the_vocabulary_is_too_small(notebook):
    with pytest.raises(SelfCheckFailed, match="the ids decode to the sentences"):
        _rerun(notebook, {"MAX_NB_WORDS": 12}, "vectorizer = make_vectorizer", "padding_ok =")


def test_embedding_check_fails_when_the_matrix_is_off_by_one_row(notebook):
    shifted = lambda vocabulary, vectors, dim: (  # noqa: E731 -- row i holds the vector of word i + 1
        np.roll(pu.build_embedding_matrix(vocabulary, vectors, dim)[0], -1, axis=0), [])
    with pytest.raises(SelfCheckFailed, match="every word's row is its GloVe vector"):
        _rerun(notebook, {"build_embedding_matrix": shifted}, "embedding_layer = make_embedding_layer",
               "lookup_error =")


def test_topic_check_fails_when_topics_are_shuffled(notebook):
    cells, namespace = notebook
    for seed in range(3):
        shuffled = list(np.random.default_rng(seed).permutation(namespace["token_topics"]))
        with pytest.raises(SelfCheckFailed, match=r"shares the token's topic"):
            _rerun(notebook, {"token_topics": shuffled}, "rates = {weights", "topic_rate =")


def test_position_check_fails_without_a_positional_encoding(notebook):
    with pytest.raises(SelfCheckFailed, match="at most one position away"):
        _rerun(notebook, {"pos_encoding": tf.zeros((1, 100, 100))},
               "for ax, (W1, W2) in zip(axes, weightings)", "rates = {weights", "near_rate =")


def test_word_recovery_check_fails_when_the_encoding_is_ten_times_larger(notebook):
    with pytest.raises(SelfCheckFailed, match="best-matching word vector is its own word"):
        _rerun(notebook, {"pos_encoding": 10 * notebook[1]["pos_encoding"]},
               "for ax, (W1, W2) in zip(axes, weightings)", "recovered =")
