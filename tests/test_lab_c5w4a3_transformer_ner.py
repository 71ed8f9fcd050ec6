"""c5w4a3_transformer_ner (ungraded): the D-NER generator and the helpers of
source/c5w4a3_transformer_ner/ner_utils.py give the answers the spec and the
recorded spans imply, edge cases included; and the notebook's self-checks fail
when the thing they protect is broken (spans left untrimmed or unmerged,
padding labelled, a loss that counts padding, no padding mask, labels shuffled).

The notebook itself runs end to end in tests/test_practice_labs.py.
"""

import json
import os
import random
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from autograder.course import find_course_root  # noqa: E402
from autograder.data import ner as ner_data  # noqa: E402
from autograder.notebook import SelfCheckFailed, self_check  # noqa: E402

LAB = "c5w4a3_transformer_ner"
HELPERS = find_course_root() / "source" / LAB
if str(HELPERS) not in sys.path:
    sys.path.insert(0, str(HELPERS))

import ner_utils as nu  # noqa: E402

TAG_NAMES = ["O", *nu.LABELS]
TAG2ID = {tag: index for index, tag in enumerate(TAG_NAMES)}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return ner_data.write_files(tmp_path_factory.mktemp("ner") / "data")


@pytest.fixture(scope="module")
def cleaned(files):
    ner_path, key_path = files
    raw = nu.convert_dataturks_to_spacy(ner_path)
    return raw, nu.trim_entity_spans(raw), nu.read_answer_key(key_path)


# --- the generator --------------------------------------------------------------


def test_generator_is_deterministic_and_writes_the_same_bytes(tmp_path, files):
    again = ner_data.write_files(tmp_path / "data")
    for first, second in zip(files, again, strict=True):
        assert first.read_bytes() == second.read_bytes()
    assert len(files[0].read_text().splitlines()) == ner_data.N_RESUMES


def test_annotations_follow_the_dataturks_layout_with_inclusive_ends(files):
    for line in files[0].read_text().splitlines():
        record = json.loads(line)
        assert set(record) == {"content", "annotation", "extras"}
        assert len(record["content"].split()) <= ner_data.MAX_WORDS
        for annotation in record["annotation"]:
            assert len(annotation["label"]) == 1 and annotation["label"][0] in ner_data.LABELS
            for point in annotation["points"]:
                assert point["text"] == record["content"][point["start"]:point["end"] + 1]


def test_recorded_spans_are_exact_sorted_and_disjoint():
    records, keys = ner_data.make_resumes(40)
    for record, key in zip(records, keys, strict=True):
        assert key == sorted(key)
        for (start, end, label), following in zip(key, key[1:] + [None], strict=True):
            text = record["content"][start:end]
            assert text and text == text.strip() and label in ner_data.LABELS
            assert following is None or end <= following[0]


def test_the_annotations_carry_each_kind_of_slip(files):
    records = [json.loads(line) for line in files[0].read_text().splitlines()]
    points = [(p, a["label"][0]) for r in records for a in r["annotation"] for p in a["points"]]
    assert sum(p["text"] != p["text"].strip() for p, _ in points) > 50  # whitespace at an edge
    assert sum(len(a["points"]) > 1 for r in records for a in r["annotation"]) > 50  # several points
    same = different = 0
    for record in records:
        spans = sorted((p["start"], p["end"] + 1, a["label"][0]) for a in record["annotation"] for p in a["points"])
        for i, a in enumerate(spans):
            for b in spans[i + 1:]:
                if b[0] < a[1]:
                    same += a[2] == b[2]
                    different += a[2] != b[2]
    assert same > 20 and different > 20


def test_ensure_refuses_unknown_names(tmp_path):
    with pytest.raises(FileNotFoundError):
        ner_data.ensure_ner_file(tmp_path / "other.json")


# --- mergeIntervals, get_entities, conversion, trimming --------------------------


def test_merge_intervals_edge_cases():
    assert nu.mergeIntervals([]) == []
    assert nu.mergeIntervals([(3, 7, "Skills")]) == [(3, 7, "Skills")]
    assert nu.mergeIntervals([(5, 9, "Skills"), (0, 6, "Skills")]) == [(0, 9, "Skills")]  # same label: union
    assert nu.mergeIntervals([(0, 4, "Skills"), (0, 4, "Skills")]) == [(0, 4, "Skills")]  # duplicate
    assert nu.mergeIntervals([(4, 9, "Skills"), (0, 4, "Skills")]) == [(0, 4, "Skills"), (4, 9, "Skills")]  # touching
    nested = [(15, 21, "Location"), (0, 21, "College Name")]
    assert nu.mergeIntervals(nested) == [(0, 21, "College Name")]  # the outer span wins
    assert nu.mergeIntervals([(0, 10, "Designation"), (6, 14, "Skills")]) == [(0, 10, "Designation"), (10, 14, "Skills")]
    assert nu.mergeIntervals([(0, 6, "Skills"), (0, 16, "Designation")]) == [(0, 16, "Designation")]  # longer first


def test_merge_joins_pieces_before_resolving_labels():
    # "Machine Learning Engineer": two Designation pieces and a nested Skills span equal to one piece.
    spans = [(0, 16, "Skills"), (8, 25, "Designation"), (0, 16, "Designation")]
    for _ in range(6):
        random.Random(len(spans)).shuffle(spans)
        assert nu.mergeIntervals(spans) == [(0, 25, "Designation")]


def test_get_entities_reads_every_point_with_exclusive_ends():
    table = [
        {"content": "Ana Rao, Pune", "annotation": [
            {"label": ["Name"], "points": [{"start": 0, "end": 6, "text": "Ana Rao"}]},
            {"label": ["Location"], "points": [{"start": 9, "end": 12, "text": "Pune"}, {"start": 8, "end": 12, "text": " Pune"}]},
        ]},
        {"content": "nothing", "annotation": []},
    ]
    assert nu.get_entities(table) == [[(0, 7, "Name"), (8, 13, "Location")], []]


def test_convert_replaces_line_breaks_and_skips_unannotated_records(tmp_path):
    path = tmp_path / "ner.json"
    rows = [{"content": "Ana\nRao", "annotation": [{"label": ["Name"], "points": [{"start": 0, "end": 6, "text": "Ana\nRao"}]}]},
            {"content": "x", "annotation": None}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    assert nu.convert_dataturks_to_spacy(path) == [("Ana Rao", {"entities": [(0, 7, "Name")]})]


def test_trim_entity_spans_strips_whitespace_drops_blank_spans_and_merges():
    text = "Infosys  Pune\nJava"
    data = [(text, {"entities": [(0, 8, "Companies worked at"), (8, 13, "Location"), (7, 9, "Skills"),
                                 (13, 18, "Skills"), (9, 13, "Location")]})]
    assert nu.trim_entity_spans(data) == [(text, {"entities": [(0, 7, "Companies worked at"), (9, 13, "Location"),
                                                               (14, 18, "Skills")]})]


def test_cleaning_reproduces_the_recorded_spans_and_the_self_check_says_so(cleaned):
    raw, data, key = cleaned
    matches = sum(spans["entities"] == k for (_, spans), k in zip(data, key, strict=True))
    assert matches == len(key) == ner_data.N_RESUMES

    def check(cleaned_data):
        hits = sum(spans["entities"] == k for (_, spans), k in zip(cleaned_data, key, strict=True))
        self_check("spans equal the recorded ones", hits == len(key), f"{hits}/{len(key)}")

    check(data)
    unmerged = [(text, {"entities": sorted(spans["entities"])}) for text, spans in raw]
    with pytest.raises(SelfCheckFailed):
        check(unmerged)  # neither trimmed nor merged
    merged_only = [(text, {"entities": nu.mergeIntervals(spans["entities"])}) for text, spans in raw]
    with pytest.raises(SelfCheckFailed):
        check(merged_only)  # merged but not trimmed


def test_conflict_count_drops_to_zero_only_after_merging(cleaned):
    raw, data, _ = cleaned
    before = sum(nu.label_conflicts(text, spans["entities"]) for text, spans in raw)
    after = sum(nu.label_conflicts(text, spans["entities"]) for text, spans in data)
    assert before > 0 and after == 0
    assert nu.label_conflicts("Python Developer", [(0, 16, "Designation"), (0, 6, "Skills")]) == 1
    assert nu.label_conflicts("Python Developer", [(0, 16, "Designation")]) == 0


# --- one tag per word -----------------------------------------------------------


def test_clean_dataset_tags_overlapping_words_including_their_punctuation():
    text = "Worked at Infosys, Pune  as Java Developer."
    data = [(text, {"entities": [(10, 17, "Companies worked at"), (19, 23, "Location"), (28, 42, "Designation")]})]
    assert nu.clean_dataset(data) == [["O", "O", "Companies worked at", "Location", "O", "Designation", "Designation"]]
    assert nu.clean_dataset([("", {"entities": []})]) == [[]]
    # overlapping spans (not cleaned): the span listed last wins
    assert nu.clean_dataset([("Python Developer", {"entities": [(0, 16, "Designation"), (0, 6, "Skills")]})]) == [
        ["Skills", "Designation"]]


def test_word_tags_agree_with_the_recorded_spans(cleaned):
    _, data, key = cleaned
    tags = nu.clean_dataset(data)
    for (text, _), row, spans in zip(data, tags, key, strict=True):
        words = nu.word_spans(text)
        assert len(row) == len(words) == len(text.split())
        for (ws, we), tag in zip(words, row, strict=True):
            covering = [label for start, end, label in spans if ws < end and start < we]
            assert tag == (covering[0] if covering else "O")


def test_tags_to_spans_joins_neighbours_and_leaves_punctuation_out():
    text = "Skills: Python, SQL  Pune."
    assert nu.tags_to_spans(text, ["O", "Skills", "Skills", "Location"]) == [(8, 19, "Skills"), (21, 25, "Location")]
    assert nu.tags_to_spans("a b", ["O", "O"]) == []


# --- tokenizer and label alignment -------------------------------------------------


def test_word_tokenizer_pieces_ids_offsets_and_padding():
    tokenizer = nu.WordTokenizer(["python", "developer", ","])
    assert len(tokenizer) == 5 and tokenizer.pad_token_id == 0 and tokenizer.unk_token_id == 1
    encoding = tokenizer(["Python, Kotlin Developer", "python"], padding="longest")
    assert encoding["input_ids"] == [[2, 4, 1, 3], [2, 0, 0, 0]]
    assert encoding["attention_mask"] == [[1, 1, 1, 1], [1, 0, 0, 0]]
    assert encoding.word_ids(0) == [0, 0, 1, 2] and encoding.word_ids(batch_index=1) == [0, None, None, None]
    assert encoding["offset_mapping"][0] == [(0, 6), (6, 7), (8, 14), (15, 24)]
    assert tokenizer.tokenize("C++, (2019) ,") == ["c++", ",", "(2019", ")", ","]
    assert len(tokenizer("a b", padding="max_length", max_length=6)["input_ids"][0]) == 6
    assert tokenizer("a b c", truncation=True, padding=False, max_length=2)["input_ids"] == [[1, 1]]
    assert tokenizer("a b c", truncation=False, padding=False, max_length=2)["input_ids"] == [[1, 1, 1]]
    with pytest.raises(ValueError):
        tokenizer("a", padding="everything")


def test_training_vocabulary_keeps_tokens_seen_min_count_times():
    tokenizer = nu.WordTokenizer.train(["Java, java Python", "SQL"], min_count=2)
    assert tokenizer.id_to_token == ["[PAD]", "[UNK]", "java"]
    assert nu.normalize_word("Infosys,") == "infosys" and nu.normalize_word(",") == ","


def test_tokenize_and_align_labels_labels_first_pieces_only(monkeypatch):
    tokenizer = nu.WordTokenizer(["python", "sql", ","])
    texts = ["Python, SQL", "SQL"]
    tags = [[4, 4], [0]]
    encoding = nu.tokenize_and_align_labels(tokenizer, texts, tags)
    assert len(encoding["labels"][0]) == nu.MAX_LENGTH == 128
    assert encoding["labels"][0][:4] == [4, -100, 4, -100] and set(encoding["labels"][0][3:]) == {-100}
    assert encoding["labels"][1][:2] == [0, -100]
    monkeypatch.setattr(nu, "LABEL_ALL_TOKENS", True)
    assert nu.tokenize_and_align_labels(tokenizer, texts, tags)["labels"][0][:4] == [4, 4, 4, -100]


def test_long_texts_are_truncated_to_128_tokens_and_lose_their_last_labels():
    tokenizer = nu.WordTokenizer([])
    text = " ".join(["word"] * 150)
    encoding = nu.tokenize_and_align_labels(tokenizer, [text], [[1] * 150])
    assert len(encoding["input_ids"][0]) == 128 and encoding["labels"][0] == [1] * 128
    predictions = nu.word_predictions(np.eye(3)[np.full((1, 128), 2)], encoding, [150])
    assert predictions == [[2] * 128 + [0] * 22]  # words past the cut: "O"


def _alignment_check(labels, attention, n_words):
    labelled = (labels != nu.IGNORE_INDEX).sum(axis=1)
    labelled_padding = int(((attention == 0) & (labels != nu.IGNORE_INDEX)).sum())
    self_check("one labelled token per word, padding unlabelled",
               np.array_equal(labelled, n_words) and labelled_padding == 0, f"{labelled_padding}")


def test_alignment_self_check_fails_when_padding_gets_labels(cleaned):
    _, data, _ = cleaned
    texts = [text for text, _ in data][:40]
    tags = [[TAG2ID[t] for t in row] for row in nu.clean_dataset(data)[:40]]
    tokenizer = nu.WordTokenizer.train(texts)
    encoding = nu.tokenize_and_align_labels(tokenizer, texts, tags)
    labels, attention = np.array(encoding["labels"]), np.array(encoding["attention_mask"])
    n_words = np.array([len(text.split()) for text in texts])
    _alignment_check(labels, attention, n_words)
    padding_as_o = np.where(attention == 0, 0, labels)
    with pytest.raises(SelfCheckFailed):
        _alignment_check(padding_as_o, attention, n_words)


# --- measuring ---------------------------------------------------------------------


def test_entity_report_by_hand():
    true = [["Name", "Name", "O", "Skills"], ["Skills", "O"]]
    pred = [["Name", "O", "Skills", "Skills"], ["O", "O"]]
    report = nu.entity_report(true, pred, ["Name", "Skills", "Location"])
    assert report["Name"] == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3), "support": 2}
    assert report["Skills"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert report["Location"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    assert report["micro avg"]["precision"] == pytest.approx(2 / 3)
    assert report["micro avg"]["recall"] == pytest.approx(2 / 4)
    with pytest.raises(ValueError):
        nu.entity_report([["O"]], [["O", "O"]], ["Name"])


def test_word_lookup_uses_the_most_frequent_tag_and_o_for_unseen_words():
    lookup = nu.WordLookupTagger().fit(["Oracle Oracle, Pune", "Oracle"], [["Skills", "Skills", "Location"],
                                                                           ["Companies worked at"]])
    assert lookup.predict(["oracle. Pune Lagos"]) == [["Skills", "Location", "O"]]


def test_word_predictions_read_the_first_piece_of_each_word():
    tokenizer = nu.WordTokenizer(["python", ","])
    encoding = tokenizer(["Python, SQL"], padding="max_length", max_length=5)
    probabilities = np.zeros((1, 5, 3))
    probabilities[0, 0, 2] = probabilities[0, 1, 1] = probabilities[0, 2, 1] = 1
    assert nu.word_predictions(probabilities, encoding, [2]) == [[2, 1]]


# --- the model and the padding ---------------------------------------------------------


def test_sinusoidal_positions_put_sine_on_even_and_cosine_on_odd_columns():
    table = nu.sinusoidal_positions(6, 4)
    assert table.shape == (6, 4) and table.dtype == np.float32
    np.testing.assert_allclose(table[0], [0, 1, 0, 1])
    np.testing.assert_allclose(table[3, 0], np.sin(3), rtol=1e-6)
    np.testing.assert_allclose(table[3, 1], np.cos(3), rtol=1e-6)
    np.testing.assert_allclose(table[3, 3], np.cos(3 / 100), rtol=1e-6)
    with pytest.raises(ValueError):
        nu.TokenAndPositionEmbedding(8, 10, 4, positions="random")


def _padding_effect(model, ids, length):
    padded = model.predict(ids, verbose=0)[0, :length]
    unpadded = model.predict(ids[:, :length], verbose=0)[0]
    return float(np.abs(padded - unpadded).max())


def test_padding_is_invisible_only_with_the_mask():
    keras.utils.set_random_seed(0)
    ids = np.array([[5, 9, 3, 7, 2] + [0] * 11], dtype="int32")
    masked = nu.build_tagger(20, 8, max_length=16, embedding_dim=16, fully_connected_dim=32)
    assert masked.predict(ids, verbose=0).shape == (1, 16, 8)
    effect = _padding_effect(masked, ids, 5)
    self_check("padding changes nothing", effect < 1e-5, f"{effect:.1e}")
    unmasked = nu.build_tagger(20, 8, max_length=16, embedding_dim=16, fully_connected_dim=32, use_padding_mask=False)
    unmasked.set_weights(masked.get_weights())
    effect = _padding_effect(unmasked, ids, 5)
    with pytest.raises(SelfCheckFailed):
        self_check("padding changes nothing", effect < 1e-5, f"{effect:.1e}")
    internals = nu.encoder_internals(masked).predict(ids, verbose=0)
    assert internals["attention"].shape == (1, 2, 16, 16)
    np.testing.assert_allclose(internals["attention"][0, :, :, 5:], 0, atol=1e-7)  # padding keys get no weight
    np.testing.assert_allclose(internals["attention"].sum(axis=-1), 1, rtol=1e-5)


def _loss_check(loss_value, labels, probabilities):
    real = labels != nu.IGNORE_INDEX
    own = float(-np.log(probabilities[real, labels[real]]).mean())
    self_check("loss over labelled positions only", abs(loss_value - own) < 1e-4, f"{loss_value:.4f} vs {own:.4f}")


def test_loss_self_check_fails_for_a_loss_that_counts_padding():
    rng = np.random.default_rng(0)
    probabilities = rng.dirichlet(np.ones(8), size=(3, 10)).astype("float32")
    labels = np.where(np.arange(10) < 6, rng.integers(0, 8, size=(3, 10)), nu.IGNORE_INDEX)
    ignoring = keras.losses.SparseCategoricalCrossentropy(ignore_class=nu.IGNORE_INDEX)
    _loss_check(float(ignoring(labels, probabilities)), labels, probabilities)
    counting = keras.losses.SparseCategoricalCrossentropy()
    with pytest.raises(SelfCheckFailed):
        _loss_check(float(counting(np.maximum(labels, 0), probabilities)), labels, probabilities)


def test_a_tagger_trained_on_shuffled_labels_does_not_beat_the_baselines(cleaned):
    """The notebook's F1 claim, with the word tags shuffled inside every training résumé."""
    _, data, _ = cleaned
    texts = [text for text, _ in data]
    word_tags = nu.clean_dataset(data)
    train_texts, train_tags, test_texts, test_true = texts[:220], word_tags[:220], texts[250:], word_tags[250:]
    rng = random.Random(0)
    shuffled = [rng.sample(row, len(row)) for row in train_tags]
    tokenizer = nu.WordTokenizer.train(train_texts)
    train = nu.tokenize_and_align_labels(tokenizer, train_texts, [[TAG2ID[t] for t in row] for row in shuffled])
    test = nu.tokenize_and_align_labels(tokenizer, test_texts, [[TAG2ID[t] for t in row] for row in test_true])
    keras.utils.set_random_seed(1)
    tagger = nu.build_tagger(len(tokenizer), len(TAG_NAMES))
    tagger.compile(optimizer=keras.optimizers.Adam(5e-3),
                   loss=keras.losses.SparseCategoricalCrossentropy(ignore_class=nu.IGNORE_INDEX))
    tagger.fit(np.array(train["input_ids"]), np.array(train["labels"]), epochs=2, batch_size=32, verbose=0)
    probabilities = tagger.predict(np.array(test["input_ids"]), verbose=0)
    predicted = nu.word_predictions(probabilities, test, [len(t.split()) for t in test_texts])
    f1 = {"tagger": nu.entity_report(test_true, [[TAG_NAMES[i] for i in row] for row in predicted], nu.LABELS)["micro avg"]["f1"],
          "most frequent tag": nu.entity_report(test_true, [["O"] * len(row) for row in test_true], nu.LABELS)["micro avg"]["f1"],
          "word lookup": nu.entity_report(test_true, nu.WordLookupTagger().fit(train_texts, train_tags).predict(test_texts),
                                          nu.LABELS)["micro avg"]["f1"]}
    assert f1["word lookup"] > 0.8 and f1["most frequent tag"] == 0.0
    with pytest.raises(SelfCheckFailed):  # the same condition as the notebook's claim
        self_check("the tagger beats both baselines",
                   f1["tagger"] > f1["most frequent tag"] + 0.5 and f1["tagger"] >= f1["word lookup"] + 0.04,
                   f"{f1}")
