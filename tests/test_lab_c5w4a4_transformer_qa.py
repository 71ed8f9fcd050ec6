"""c5w4a4_transformer_qa (ungraded): the D-QA generator keeps its promises, the
lab's helpers (get_question_and_facts, get_start_end_idx, tokenize_align,
compute_metrics, the decoding rule, the masks) give the answers that follow from
their specification, and the notebook's self-checks fail when what they protect
is broken (a first-occurrence span finder, shifted token positions, a model
without its padding mask, independent argmaxes, an untrained or shuffled-label
model)."""

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import json  # noqa: E402
import random  # noqa: E402

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from autograder.course import find_course_root  # noqa: E402
from autograder.data import qa  # noqa: E402
from autograder.notebook import SelfCheckFailed, self_check  # noqa: E402

LAB = "c5w4a4_transformer_qa"
sys.path.insert(0, str(find_course_root() / "source" / LAB))

import qa_utils as U  # noqa: E402


def record(facts, question, answer, supporting):
    """A story record in the D-QA layout: facts, then one question line."""
    n = len(facts) + 1
    return {
        "story": {
            "id": [str(i + 1) for i in range(n)],
            "type": [0] * len(facts) + [1],
            "text": [*facts, question],
            "supporting_ids": [[] for _ in facts] + [[str(s) for s in supporting]],
            "answer": [""] * len(facts) + [answer],
        }
    }


def flat(rec):
    story = U.get_question_and_facts(rec)
    story.update(U.get_start_end_idx(story))
    return story


def logits_with(length, picks):
    """Logits of -5 everywhere and the given {position: value} elsewhere, one row."""
    row = np.full((1, length), -5.0)
    for position, value in picks.items():
        row[0, position] = value
    return row


@pytest.fixture(scope="module")
def babi(tmp_path_factory):
    return U.load_babi_qa(tmp_path_factory.mktemp("qa") / "data")


@pytest.fixture(scope="module")
def prepared(babi):
    return U.prepare(babi["test"])


# --- D-QA -----------------------------------------------------------------------


def test_generator_is_deterministic_and_writes_the_same_bytes(tmp_path):
    assert qa.make_splits() == qa.make_splits()
    first = [p.read_bytes() for p in qa.write_files(tmp_path / "a")]
    second = [p.read_bytes() for p in qa.write_files(tmp_path / "b")]
    assert first == second
    assert sum(len(b) for b in first) < 1_000_000


def test_splits_have_the_promised_sizes_and_share_no_story(babi):
    assert (len(babi["train"]), len(babi["test"])) == (qa.N_TRAIN, qa.N_TEST)
    train_texts = {tuple(r["story"]["text"]) for r in babi["train"]}
    assert not train_texts & {tuple(r["story"]["text"]) for r in babi["test"]}
    assert babi["train"] == qa.make_splits()[0]


def test_every_answer_is_where_the_asked_person_went_last(babi):
    for rec in babi["train"] + babi["test"]:
        lines = rec["story"]
        assert lines["type"][-1] == 1 and set(lines["type"][:-1]) == {0}
        assert qa.MIN_FACTS <= len(lines["text"]) - 1 <= qa.MAX_FACTS
        person = lines["text"][-1].removeprefix("Where is ").removesuffix("?")
        moves = [(i, t) for i, t in enumerate(lines["text"][:-1]) if t.startswith(person + " ")]
        last_index, last_fact = moves[-1]
        assert lines["answer"][-1] in qa.LOCATIONS
        assert last_fact.endswith(f" the {lines['answer'][-1]}.")
        assert lines["supporting_ids"][-1] == [lines["id"][last_index]]


def test_the_baselines_are_weak_on_the_generated_stories(babi):
    """The stories are built so that 'the last room mentioned' is right only now and then."""
    last_mover_asked = 0
    for rec in babi["train"]:
        texts = rec["story"]["text"]
        last_mover_asked += texts[-2].split()[0] == texts[-1].removeprefix("Where is ").removesuffix("?")
    assert 0.15 < last_mover_asked / len(babi["train"]) < 0.45


# --- get_question_and_facts and get_start_end_idx ---------------------------------


def test_get_question_and_facts_flattens_a_record():
    rec = record(["Mary moved to the bathroom.", "John went to the hallway."], "Where is Mary?", "bathroom", [1])
    story = U.get_question_and_facts(rec)
    assert story["question"] == "Where is Mary?"
    assert story["facts"] == ["Mary moved to the bathroom.", "John went to the hallway."]
    assert story["sentences"] == "Mary moved to the bathroom. John went to the hallway."
    assert story["answer"] == "bathroom"
    assert story["supporting_index"] == 0


def test_get_question_and_facts_uses_the_last_question_and_skips_earlier_ones():
    """Original bAbI stories interleave questions; only facts before the last one form the context."""
    rec = {
        "story": {
            "id": ["1", "2", "3", "4", "5"],
            "type": [0, 1, 0, 0, 1],
            "text": ["Mary moved to the bathroom.", "Where is Mary?", "John went to the hallway.",
                     "Mary went to the office.", "Where is Mary?"],
            "supporting_ids": [[], ["1"], [], [], ["4"]],
            "answer": ["", "bathroom", "", "", "office"],
        }
    }
    story = U.get_question_and_facts(rec)
    assert story["facts"] == ["Mary moved to the bathroom.", "John went to the hallway.", "Mary went to the office."]
    assert story["answer"] == "office" and story["supporting_index"] == 2


def test_get_question_and_facts_refuses_a_story_without_question():
    rec = record(["Mary moved to the bathroom."], "Where is Mary?", "bathroom", [1])
    rec["story"]["type"][-1] = 0
    with pytest.raises(ValueError, match="no question"):
        U.get_question_and_facts(rec)


def test_get_start_end_idx_points_into_the_supporting_fact_when_the_room_repeats():
    rec = record(["John went to the kitchen.", "Mary moved to the kitchen.", "John went to the garden."],
                 "Where is Mary?", "kitchen", [2])
    story = U.get_question_and_facts(rec)
    span = U.get_start_end_idx(story)
    assert span == {"str_idx": 44, "end_idx": 51}
    assert story["sentences"][44:51] == "kitchen"
    assert story["sentences"].find("kitchen") == 17  # what a plain search would have said


def test_get_start_end_idx_two_word_answer_and_fallbacks():
    story = U.get_question_and_facts(record(["Sandra went to the living room."], "Where is Sandra?", "living room", [1]))
    assert U.get_start_end_idx(story) == {"str_idx": 19, "end_idx": 30}
    no_support = dict(story, supporting_index=None, answer="kitchen", sentences="a kitchen b kitchen c")
    assert U.get_start_end_idx(no_support) == {"str_idx": 12, "end_idx": 19}  # the last mention
    absent = dict(story, answer="garden")
    assert U.get_start_end_idx(absent) == {"str_idx": -1, "end_idx": -1}


# --- tokenize_align -----------------------------------------------------------------


def test_tokenizer_keeps_offsets_and_maps_unknown_words():
    assert U.tokenizer.tokenize("Mary went.") == [("mary", 0, 4), ("went", 5, 9), (".", 9, 10)]
    assert U.tokenizer.encode("zebra") == [U.UNK_ID]
    assert U.tokenizer.decode(U.tokenizer.encode("Where is Mary?") + [0, 0]) == ["where", "is", "mary", "?"]


def test_tokenize_align_builds_question_sep_context_and_positions():
    story = flat(record(["John went to the kitchen.", "Mary moved to the dining room."], "Where is Mary?",
                        "dining room", [2]))
    out = U.tokenize_align(story)
    tokens = U.tokenizer.decode(out["input_ids"])
    assert tokens[:5] == ["where", "is", "mary", "?", "[SEP]"]
    assert tokens[5:] == "john went to the kitchen . mary moved to the dining room .".split()
    assert (out["start_positions"], out["end_positions"]) == (15, 16)
    assert tokens[15:17] == ["dining", "room"]
    assert out["context_start"] == 5
    assert len(out["input_ids"]) == len(out["attention_mask"]) == U.MAX_LEN
    assert out["attention_mask"] == [1] * 18 + [0] * (U.MAX_LEN - 18)
    assert out["input_ids"][18:] == [U.PAD_ID] * (U.MAX_LEN - 18)


def test_tokenize_align_marks_an_answer_cut_off_by_truncation():
    story = flat(record(["John went to the kitchen.", "Mary moved to the garden."], "Where is Mary?", "garden", [2]))
    assert U.tokenize_align(story, max_length=15)["start_positions"] == -1
    kept = U.tokenize_align(story, max_length=16)
    assert len(kept["input_ids"]) == 16 and (kept["start_positions"], kept["end_positions"]) == (15, 15)
    half = flat(record(["Mary moved to the living room."], "Where is Mary?", "living room", [1]))
    assert U.tokenize_align(half, max_length=10)["end_positions"] == -1  # "room" fell off


# --- compute_metrics, best_span, baselines ----------------------------------------------


def metrics(pred_starts, pred_ends, true_starts, true_ends):
    return U.compute_metrics(U.EvalPrediction((np.array(pred_starts), np.array(pred_ends)),
                                              (np.array(true_starts), np.array(true_ends))))


def test_compute_metrics_exact_match_and_token_f1():
    assert metrics([3, 7], [3, 8], [3, 7], [3, 8]) == {"exact_match": 1.0, "f1": 1.0}
    assert metrics([8], [9], [7], [8]) == {"exact_match": 0.0, "f1": 0.5}  # one of two tokens each way
    assert metrics([7], [9], [7], [7]) == pytest.approx({"exact_match": 0.0, "f1": 0.5})  # P = 1/3, R = 1
    assert metrics([2], [2], [7], [8]) == {"exact_match": 0.0, "f1": 0.0}  # disjoint
    assert metrics([8], [7], [7], [8]) == {"exact_match": 0.0, "f1": 0.0}  # end before start: empty
    assert metrics([3, 8], [3, 9], [3, 7], [3, 8]) == {"exact_match": 0.5, "f1": 0.75}  # averaged


def test_compute_metrics_decodes_logits_with_the_span_rule():
    start = logits_with(12, {6: 4.0, 9: 1.0})
    end = logits_with(12, {4: 5.0, 7: 3.0})  # alone, the end argmax (4) lies before the start argmax (6)
    scores = U.compute_metrics(U.EvalPrediction((start, end), (np.array([6]), np.array([7]))))
    assert scores == {"exact_match": 1.0, "f1": 1.0}


def test_best_span_keeps_legal_short_spans():
    start = logits_with(10, {5: 3.0, 1: 2.0})
    end = logits_with(10, {2: 4.0, 9: 3.5})
    starts, ends = U.best_span(start, end)
    assert (int(starts[0]), int(ends[0])) == (1, 2)  # (5, 9) is longer than MAX_ANSWER_TOKENS; (5, 2) runs backwards
    starts, ends = U.best_span(start, end, max_answer_tokens=5)
    assert (int(starts[0]), int(ends[0])) == (5, 9)


def test_baselines_pick_the_first_and_the_last_room():
    story = flat(record(["John went to the front porch.", "Mary moved to the kitchen.", "John went to the garden."],
                        "Where is Mary?", "kitchen", [2]))
    story.update(U.tokenize_align(story))
    assert U.room_spans(story) == [(9, 10), (16, 16), (22, 22)]
    assert [a.tolist() for a in U.baseline_spans([story], "first")] == [[9], [10]]
    assert [a.tolist() for a in U.baseline_spans([story], "last")] == [[22], [22]]
    assert U.fact_start(story, 16) == 12  # "mary"
    with pytest.raises(ValueError):
        U.baseline_spans([story], "middle")


# --- masks ------------------------------------------------------------------------------


def test_sentence_ids_and_the_local_mask():
    story = flat(record(["John went to the office.", "Mary moved to the garden."], "Where is Mary?", "garden", [2]))
    ids = np.array([U.tokenize_align(story, max_length=20)["input_ids"]])
    lines = np.asarray(U.sentence_ids(ids))[0]
    assert lines.tolist() == [0] * 5 + [1] * 6 + [2] * 6 + [3] * 3
    full, local = (np.asarray(m)[0] for m in U.attention_masks(ids))
    real = ids[0] != 0
    assert (full == real[None, :]).all()  # padding hidden from every query
    assert local[6, 2] == 1 and local[6, 5] == 1 and local[6, 12] == 0  # fact 1 sees the question and itself only
    assert local[2, 12] == 1 and local[2, 19] == 0  # the question sees every real token
    assert np.asarray(U.context_mask(ids))[0].tolist() == [0] * 5 + [1] * 12 + [0] * 3
    _, unmasked = (np.asarray(m)[0] for m in U.attention_masks(ids, use_padding_mask=False))
    assert unmasked[2, 19] == 1


# --- the self-checks fail when what they protect is broken --------------------------------


def test_span_check_fails_with_a_first_occurrence_search(babi):
    def first_occurrence(story):
        start = story["sentences"].find(story["answer"])
        return {"str_idx": start, "end_idx": start + len(story["answer"])}

    stories = babi["test"]
    good, total = U.span_agreement(stories)
    assert good == total
    naive, _ = U.span_agreement(stories, find_span=first_occurrence)
    with pytest.raises(SelfCheckFailed, match="inside the supporting fact"):
        self_check("every character span spells the answer and lies inside the supporting fact", naive == total,
                   f"{naive}/{total} stories")


def test_alignment_check_fails_when_positions_are_off_by_one(prepared):
    examples, _ = prepared
    assert U.alignment_agreement(examples) == (len(examples), len(examples))
    shifted = [dict(e, start_positions=e["start_positions"] + 1, end_positions=e["end_positions"] + 1) for e in examples]
    agreeing, total = U.alignment_agreement(shifted)
    assert agreeing == 0
    with pytest.raises(SelfCheckFailed):
        self_check("the token positions spell the answer", agreeing == total, f"{agreeing}/{total}")


def test_decoding_check_fails_for_independent_argmaxes(prepared):
    examples, arrays = prepared
    rows = examples[:3]
    first = rows[0]["context_start"]
    start = np.full((3, U.MAX_LEN), -9.0)
    end = np.full((3, U.MAX_LEN), -9.0)
    start[:, first + 3], end[:, first + 1] = 5.0, 5.0  # the end argmax lies before the start argmax
    end[:, first + 4] = 4.0
    independent = start.argmax(-1), end.argmax(-1)
    assert U.valid_spans(rows, *independent) == (0, 3)
    decoded = U.best_span(start, end)
    assert U.valid_spans(rows, *decoded) == (3, 3)
    with pytest.raises(SelfCheckFailed):
        self_check("after decoding, every span starts before it ends", False, "0/3 spans")


def test_padding_check_fails_without_the_padding_mask(prepared):
    _, arrays = prepared
    ids = arrays["input_ids"][:32]
    assert (ids == 0).any()
    keras.utils.set_random_seed(0)
    _, masked = U.build_qa_model(len(U.tokenizer))
    assert U.padding_attention(masked.predict(ids, verbose=0)["block_1"], ids) < 1e-6
    keras.utils.set_random_seed(0)
    _, unmasked = U.build_qa_model(len(U.tokenizer), use_padding_mask=False)
    largest = U.padding_attention(unmasked.predict(ids, verbose=0)["block_1"], ids)
    assert largest > 1e-3
    with pytest.raises(SelfCheckFailed, match="no token gives any attention to padding"):
        self_check("no token gives any attention to padding", largest < 1e-6, f"{largest:.1e}")


def test_subject_attention_check_fails_for_an_untrained_model(prepared):
    examples, arrays = prepared
    keras.utils.set_random_seed(0)
    _, attention = U.build_qa_model(len(U.tokenizer))
    weights = attention.predict(arrays["input_ids"][:100], verbose=0)["block_1"]
    assert weights.shape == (100, 2, U.MAX_LEN, U.MAX_LEN)
    real_queries = arrays["input_ids"][:100] != 0
    assert np.allclose(weights.sum(-1).transpose(0, 2, 1)[real_queries], 1.0, atol=1e-5)  # weights sum to 1 over keys
    on_subject = U.subject_attention(weights, examples[:100])
    assert on_subject.max() < 0.4
    with pytest.raises(SelfCheckFailed):
        self_check("one attention head looks from each room mainly at the person of its own fact",
                   on_subject.max() > 0.4, f"{on_subject.max():.2f}")


def test_model_check_fails_when_the_labels_are_shuffled(babi, prepared):
    """Shuffled answers carry no information: the model cannot beat the baselines by 0.4."""
    examples, test = prepared
    _, train = U.prepare(babi["train"][:600])
    order = np.random.default_rng(0).permutation(600)
    shuffled = dict(train, start_positions=train["start_positions"][order], end_positions=train["end_positions"][order])
    keras.utils.set_random_seed(1)
    model, _ = U.build_qa_model(len(U.tokenizer))
    history = U.train_qa_model(model, shuffled, test, epochs=2, batch_size=32)
    assert len(history["loss"]) == len(history["exact_match"]) == 2
    labels = (test["start_positions"], test["end_positions"])
    best = max(U.compute_metrics(U.EvalPrediction(U.baseline_spans(examples, rule), labels))["exact_match"]
               for rule in ("first", "last"))
    logits = model.predict(test["input_ids"], verbose=0)
    em = U.compute_metrics(U.EvalPrediction((logits["start"], logits["end"]), labels))["exact_match"]
    with pytest.raises(SelfCheckFailed, match="beats the better baseline"):
        self_check("on the test stories the model's exact match beats the better baseline by at least 0.4",
                   em >= best + 0.4, f"model {em:.3f}, best baseline {best:.3f}")


def test_story_maker_uses_only_its_word_lists():
    rng = random.Random(3)
    vocabulary = set(qa.words())
    for _ in range(50):
        rec = qa.make_story(rng)
        for line in rec["story"]["text"]:
            assert {t for t, _, _ in U.tokenizer.tokenize(line)} <= vocabulary
    assert json.loads(json.dumps(rec)) == rec
