"""Lab c5w2a1 (word vectors, debiasing): the checks accept the reference, reject
plausible mistakes with a message saying what differs, and the lesson's claims
hold on the D-EMB stand-in table."""

import numpy as np
import pytest

from autograder.course import load_reference
from autograder.data import embeddings
from autograder.labtesting import LabUnderTest

LAB = "c5w2a1_word_vectors_debiasing"


lab = LabUnderTest(LAB)
run, student = lab.run, lab.student



@pytest.mark.parametrize("name", ["cosine_similarity", "complete_analogy", "neutralize", "equalize"])
def test_reference_earns_full_points(name):
    result = run(name, student())
    assert result.points == result.max_points, result.report()


# --- cosine_similarity --------------------------------------------------------


def test_cosine_without_square_roots_fails_scale_invariance():
    def cosine_similarity(u, v):
        # squared norms in the denominator
        denominator = np.sum(u * u) * np.sum(v * v)
        if np.isclose(denominator, 0, atol=1e-32):
            return 0.0
        return np.dot(u, v) / denominator

    result = run("cosine_similarity", student(cosine_similarity=cosine_similarity))
    assert result.points < result.max_points
    failed = {case.label for case in result.cases if not case.passed}
    assert "v = 3.7 u (scale invariance)" in failed
    assert "1 expected, got" in result.messages()


def test_cosine_without_zero_guard_returns_nan():
    def cosine_similarity(u, v):
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))

    result = run("cosine_similarity", student(cosine_similarity=cosine_similarity))
    failed = [case for case in result.cases if not case.passed]
    assert [case.label for case in failed] == ["u is the zero vector"]
    assert "0 expected, got nan" in result.messages()


# --- complete_analogy ----------------------------------------------------------


def _analogy(start, skip_inputs=True, lower=True):
    """A complete_analogy with configurable mistakes."""
    reference = load_reference(LAB)

    def complete_analogy(word_a, word_b, word_c, word_to_vec_map):
        if lower:
            word_a, word_b, word_c = word_a.lower(), word_b.lower(), word_c.lower()
        e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
        best, best_word = start, None
        for w, e_w in word_to_vec_map.items():
            if skip_inputs and w in (word_a, word_b, word_c):
                continue
            similarity = reference.cosine_similarity(e_b - e_a, e_w - e_c)
            if similarity > best:
                best, best_word = similarity, w
        return best_word

    return complete_analogy


def test_analogy_starting_at_zero_returns_none_when_all_negative():
    result = run("complete_analogy", student(complete_analogy=_analogy(start=0)))
    failed = {case.label: case.messages for case in result.cases if not case.passed}
    assert list(failed) == ["every similarity is negative"]
    assert "type str expected, got NoneType" in failed["every similarity is negative"][0]


def test_analogy_that_keeps_the_input_words():
    result = run("complete_analogy", student(complete_analogy=_analogy(start=-100, skip_inputs=False)))
    failed = {case.label: case.messages for case in result.cases if not case.passed}
    assert "an input word is the closest match" in failed
    assert "'italy' expected, got 'france'" in failed["an input word is the closest match"][0]


def test_analogy_without_lower_case():
    result = run("complete_analogy", student(complete_analogy=_analogy(start=-100, lower=False)))
    failed = {case.label: case.messages for case in result.cases if not case.passed}
    assert list(failed) == ["upper-case input words"]
    assert "raised KeyError" in failed["upper-case input words"][0]


# --- neutralize ------------------------------------------------------------------


def test_neutralize_dividing_by_the_norm_not_its_square():
    def neutralize(word, g, word_to_vec_map):
        e = word_to_vec_map[word]
        return e - (np.dot(e, g) / np.linalg.norm(g)) * g

    result = run("neutralize", student(neutralize=neutralize))
    assert result.points < result.max_points
    failed = {case.label for case in result.cases if not case.passed}
    assert "random 6-d vectors, g of norm 2.5" in failed
    assert "values differ beyond rtol" in result.messages()


def test_neutralize_in_place_changes_the_map():
    def neutralize(word, g, word_to_vec_map):
        e = word_to_vec_map[word]
        e -= (np.dot(e, g) / np.sum(g * g)) * g  # modifies the stored vector
        return e

    result = run("neutralize", student(neutralize=neutralize))
    assert result.points < result.max_points
    assert "neutralize modified its input" in result.messages()


# --- equalize ----------------------------------------------------------------------


def _equalize(absolute=True, square_root=True, squared_mu_norm=True):
    def equalize(pair, bias_axis, word_to_vec_map):
        w1, w2 = pair
        e_w1, e_w2 = word_to_vec_map[w1], word_to_vec_map[w2]
        norm_sq = np.sum(bias_axis * bias_axis)
        mu = (e_w1 + e_w2) / 2
        mu_B = np.dot(mu, bias_axis) / norm_sq * bias_axis
        mu_orth = mu - mu_B
        e_w1B = np.dot(e_w1, bias_axis) / norm_sq * bias_axis
        e_w2B = np.dot(e_w2, bias_axis) / norm_sq * bias_axis
        mu_orth_size = np.sum(mu_orth**2) if squared_mu_norm else np.linalg.norm(mu_orth)
        inner = 1 - mu_orth_size
        if absolute:
            inner = np.abs(inner)
        with np.errstate(invalid="ignore"):
            scale = np.sqrt(inner) if square_root else inner
        corrected_1 = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B)
        corrected_2 = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B)
        return corrected_1 + mu_orth, corrected_2 + mu_orth

    return equalize


def test_equalize_variant_matches_reference():
    # the helper above, without mistakes, is a correct equalize
    result = run("equalize", student(equalize=_equalize()))
    assert result.points == result.max_points, result.report()


def test_equalize_without_absolute_value_gives_nan_on_long_vectors():
    result = run("equalize", student(equalize=_equalize(absolute=False)))
    failed = {case.label: case.messages for case in result.cases if not case.passed}
    assert list(failed) == ["vectors longer than 1 (|1 - |mu_orth|^2| matters)"]
    assert "NaN mismatch" in failed["vectors longer than 1 (|1 - |mu_orth|^2| matters)"][0]


def test_equalize_without_square_root():
    result = run("equalize", student(equalize=_equalize(square_root=False)))
    assert result.points == 0
    assert "equalize()[0]" in result.messages()
    assert "values differ beyond rtol" in result.messages()


def test_equalize_with_unsquared_norm_of_mu_orth():
    result = run("equalize", student(equalize=_equalize(squared_mu_norm=False)))
    assert result.points < result.max_points
    assert "values differ beyond rtol" in result.messages()


def test_equalize_returning_a_list():
    def equalize(pair, bias_axis, word_to_vec_map):
        return list(load_reference(LAB).equalize(pair, bias_axis, word_to_vec_map))

    result = run("equalize", student(equalize=equalize))
    assert result.points == 0
    assert "type tuple expected, got list" in result.messages()


# --- the data and the lesson --------------------------------------------------------


def test_table_file_is_deterministic_and_readable(tmp_path):
    reference = load_reference(LAB)
    import w2v_utils  # importable: load_reference put the lab folder on sys.path

    first = embeddings.write_glove_file(tmp_path / "a", 50)
    second = embeddings.write_glove_file(tmp_path / "b", 50)
    assert first.read_bytes() == second.read_bytes()
    assert first.stat().st_size < 1_000_000
    words, word_to_vec_map = w2v_utils.read_glove_vecs(str(tmp_path / "c" / "glove.6B.50d.txt"))
    assert words == set(word_to_vec_map) and 300 <= len(words) <= 1000
    table = embeddings.glove_table(50)
    assert all(np.array_equal(table[w], word_to_vec_map[w]) for w in words)
    norms = np.array([np.linalg.norm(v) for v in word_to_vec_map.values()])
    assert np.allclose(norms, 1.0, atol=1e-5)
    assert reference.cosine_similarity(word_to_vec_map["father"], word_to_vec_map["mother"]) > 0.7
    # the emoji lab's topic words are all there
    for topic_words in embeddings.EMOJI_TOPIC_WORDS.values():
        assert set(topic_words) <= words
    assert embeddings.glove_table(100)["king"].shape == (100,)


def test_lesson_claims_hold_on_the_table():
    ref = load_reference(LAB)
    table = embeddings.glove_table(50)

    # 1. analogies give the planted answers
    for triad, answer in [
        (("man", "woman", "king"), "queen"),
        (("man", "woman", "boy"), "girl"),
        (("italy", "italian", "spain"), "spanish"),
        (("india", "delhi", "japan"), "tokyo"),
        (("small", "smaller", "large"), "larger"),
        (("France", "Paris", "Germany"), "berlin"),
    ]:
        assert ref.complete_analogy(*triad, table) == answer, triad

    g = table["woman"] - table["man"]

    # 2. occupations lean along g before neutralize, and not at all after
    occupations = [w for w, (topic, _) in embeddings.NEUTRAL_BIAS.items() if topic == "occupation"]
    before = {w: ref.cosine_similarity(table[w], g) for w in occupations}
    assert before["receptionist"] > 0.2 and before["engineer"] < -0.1
    assert np.mean(np.abs(list(before.values()))) > 0.1
    for w in occupations:
        assert abs(ref.cosine_similarity(ref.neutralize(w, g, table), g)) < 1e-10

    # 3. after equalize, both words of a pair are equidistant from neutral words
    neutral = [ref.neutralize(w, g, table) for w in occupations]
    for male, female, _ in embeddings.GENDER_PAIRS:
        unequal_before = max(
            abs(np.linalg.norm(table[male] - n) - np.linalg.norm(table[female] - n)) for n in neutral
        )
        e1, e2 = ref.equalize((male, female), g, table)
        for n in neutral:
            assert np.linalg.norm(e1 - n) == pytest.approx(np.linalg.norm(e2 - n), abs=1e-12)
            assert ref.cosine_similarity(e1, n) == pytest.approx(ref.cosine_similarity(e2, n), abs=1e-12)
        assert ref.cosine_similarity(e1, g) == pytest.approx(-ref.cosine_similarity(e2, g), abs=1e-12)
        if (male, female) == ("father", "mother"):
            assert unequal_before > 0.01  # the demo pair visibly changes
