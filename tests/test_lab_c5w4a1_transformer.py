"""c5w4a1_transformer: the reference earns full marks, plausible mistakes lose points
with a message naming what differs, the checks also run the out-of-process way, and
the notebook's lesson holds (a small Transformer learns to reverse strings, its
cross-attention finds the mirrored letter, it fails without positional encoding,
and the masks make it blind to future tokens and to padding)."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402

from autograder.labtesting import LabUnderTest  # noqa: E402

LAB = "c5w4a1_transformer"

lab = LabUnderTest(LAB)
run, student = lab.run, lab.student
ref = lab.reference

GRADED = [
    "get_angles",
    "positional_encoding",
    "scaled_dot_product_attention",
    "EncoderLayer",
    "Encoder",
    "DecoderLayer",
    "Decoder",
    "Transformer",
]


def utils():
    return lab.helper("transformer_utils")


@pytest.mark.parametrize("name", GRADED)
def test_reference_earns_full_points(name):
    result = run(name)
    assert result.points == result.max_points, result.report()
    assert len(result.cases) >= 3


def test_points_add_up_to_ten():
    assert sum(check.points for check in ref.CHECKS) == 10


# --- get_angles and positional_encoding ----------------------------------------


def test_get_angles_without_pairing_columns_loses_points():
    def get_angles(pos, k, d):
        return pos / np.power(10000, k / np.float32(d))  # k instead of 2 * (k // 2)

    result = run("get_angles", student(get_angles=get_angles))
    assert result.points < result.max_points
    assert "get_angles(): " in result.messages() and "values differ" in result.messages()


def test_get_angles_with_integer_division_loses_points():
    def get_angles(pos, k, d):
        return pos / np.power(10000, (2 * (k // 2)) // d)  # the exponent collapses to 0

    result = run("get_angles", student(get_angles=get_angles))
    assert result.points < result.max_points
    assert "values differ" in result.messages()


def _encoding(first, second, cast=True, batch_axis=True):
    def positional_encoding(positions, d):
        angles = ref.get_angles(np.arange(positions)[:, None], np.arange(d)[None, :], d)
        angles[:, 0::2] = first(angles[:, 0::2])
        angles[:, 1::2] = second(angles[:, 1::2])
        if batch_axis:
            angles = angles[None, ...]
        return tf.cast(angles, tf.float32) if cast else angles

    return positional_encoding


def test_positional_encoding_sine_and_cosine_swapped_loses_points():
    result = run("positional_encoding", student(positional_encoding=_encoding(np.cos, np.sin)))
    assert result.points == 0
    assert "positional_encoding(): " in result.messages() and "values differ" in result.messages()


def test_positional_encoding_without_cast_loses_points():
    result = run("positional_encoding", student(positional_encoding=_encoding(np.sin, np.cos, cast=False)))
    assert result.points == 0
    assert "dtype float32 expected, got float64" in result.messages()


def test_positional_encoding_without_batch_axis_loses_points():
    result = run("positional_encoding", student(positional_encoding=_encoding(np.sin, np.cos, batch_axis=False)))
    assert result.points == 0
    assert "shape (1, 4, 6) expected, got (4, 6)" in result.messages()


# --- scaled_dot_product_attention --------------------------------------------------


def _attention(scale=True, mask_sign=1.0, axis=-1):
    def scaled_dot_product_attention(q, k, v, mask):
        logits = tf.matmul(q, k, transpose_b=True)
        if scale:
            logits /= tf.math.sqrt(tf.cast(tf.shape(k)[-1], tf.float32))
        if mask is not None:
            logits += ((1.0 - mask) if mask_sign > 0 else mask) * -1e9
        weights = tf.nn.softmax(logits, axis=axis)
        return tf.matmul(weights, v), weights

    return scaled_dot_product_attention


def test_attention_without_scaling_loses_every_case():
    result = run("scaled_dot_product_attention", student(scaled_dot_product_attention=_attention(scale=False)))
    assert result.points == 0
    assert "values differ" in result.messages()


def test_attention_with_reversed_mask_convention_fails_only_masked_cases():
    wrong = _attention(mask_sign=-1.0)  # masks the allowed positions instead of the blocked ones
    result = run("scaled_dot_product_attention", student(scaled_dot_product_attention=wrong))
    assert [case.passed for case in result.cases] == [True, False, False, True]
    assert "scaled_dot_product_attention()[1]: " in result.messages()


def test_attention_softmax_over_queries_loses_points():
    result = run("scaled_dot_product_attention", student(scaled_dot_product_attention=_attention(axis=-2)))
    assert result.points == 0
    assert "values differ" in result.messages()


# --- EncoderLayer ------------------------------------------------------------------


class EncoderLayerMaskByPosition(ref.EncoderLayer):
    """Porting rule 6: the 4th positional argument of MultiHeadAttention is query_mask."""

    def call(self, x, training, mask):
        attention = self.mha(x, x, x, mask)
        skip = self.layernorm1(x + attention)
        return self.layernorm2(skip + self.dropout_ffn(self.ffn(skip), training=training))


def test_encoder_layer_mask_passed_by_position_loses_points_with_a_readable_message():
    result = run("EncoderLayer", student(EncoderLayer=EncoderLayerMaskByPosition))
    assert result.points == 0
    # Keras fills query_mask itself when the mask is None; the message names the argument, not Keras' wrapper
    assert "raised TypeError: MultiHeadAttention.call() got multiple values for argument 'query_mask'" in result.messages()
    assert "Exception encountered when calling" not in result.messages()


def test_encoder_layer_mask_passed_by_position_computes_wrong_values_with_a_mask():
    u = utils()
    u.set_probe(None, {"batch": 2, "input_len": 5, "seed": 3, "embedding_dim": 4})
    layers = [ref.EncoderLayer(4, 2, 8), EncoderLayerMaskByPosition(4, 2, 8)]
    x = np.random.default_rng(3).normal(size=(2, 5, 4)).astype(np.float32)
    mask = np.ones((2, 1, 5), np.float32)
    mask[1, 0, 2:] = 0.0
    outputs = []
    for layer in layers:
        layer(x, training=False, mask=mask)
        u.set_seeded_weights(layer, "EncoderLayer", 3)
        outputs.append(np.asarray(layer(x, training=False, mask=mask)))
    assert np.abs(outputs[0] - outputs[1]).max() > 1e-2  # runs without an error, silently wrong


class EncoderLayerSmallHeads(ref.EncoderLayer):
    def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__(embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps)
        # the "textbook" head size, but not what this exercise asks for
        self.mha = keras.layers.MultiHeadAttention(
            num_heads=num_heads, key_dim=max(embedding_dim // num_heads, 1), dropout=dropout_rate
        )


def test_encoder_layer_with_smaller_key_dim_loses_points():
    result = run("EncoderLayer", student(EncoderLayer=EncoderLayerSmallHeads))
    assert result.points < result.max_points
    assert "['mha']['key_dim']" in result.messages()
    assert "['mha']['parameters']" in result.messages()


class EncoderLayerRenamedNorm(ref.EncoderLayer):
    def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__(embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps)
        self.norm2 = self.layernorm2
        del self.layernorm2

    def call(self, x, training, mask):
        skip = self.layernorm1(x + self.mha(x, x, x, attention_mask=mask))
        return self.norm2(skip + self.dropout_ffn(self.ffn(skip), training=training))


def test_encoder_layer_with_renamed_attribute_is_named_in_the_message():
    result = run("EncoderLayer", student(EncoderLayer=EncoderLayerRenamedNorm))
    assert result.points == 0
    assert "has no attribute 'layernorm2'" in result.messages()


class EncoderLayerDefaultEpsilon(ref.EncoderLayer):
    def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__(embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps)
        self.layernorm1 = keras.layers.LayerNormalization()  # layernorm_eps ignored


def test_encoder_layer_ignoring_layernorm_eps_fails_the_cases_that_set_it():
    result = run("EncoderLayer", student(EncoderLayer=EncoderLayerDefaultEpsilon))
    assert 0 < result.points < result.max_points
    assert "['layernorm1']['epsilon']: 1e-06 expected, got 0.001" in result.messages()


# --- Encoder -----------------------------------------------------------------------


class EncoderWithoutScaling(ref.Encoder):
    def call(self, x, training, mask):
        seq_len = tf.shape(x)[1]
        x = self.embedding(x) + self.pos_encoding[:, :seq_len, :]  # forgot * sqrt(embedding_dim)
        x = self.dropout(x, training=training)
        for layer in self.enc_layers:
            x = layer(x, training=training, mask=mask)
        return x


class EncoderForgettingTheMask(ref.Encoder):
    def call(self, x, training, mask):
        seq_len = tf.shape(x)[1]
        x = self.embedding(x) * tf.math.sqrt(tf.cast(self.embedding_dim, tf.float32))
        x = self.dropout(x + self.pos_encoding[:, :seq_len, :], training=training)
        for layer in self.enc_layers:
            x = layer(x, training=training, mask=None)
        return x


def test_encoder_without_scaling_loses_points():
    result = run("Encoder", student(Encoder=EncoderWithoutScaling))
    assert result.points == 0
    assert "Encoder()['output, no mask']" in result.messages() and "values differ" in result.messages()


def test_encoder_forgetting_the_mask_fails_only_the_masked_output():
    result = run("Encoder", student(Encoder=EncoderForgettingTheMask))
    assert result.points < result.max_points
    text = result.messages()
    assert "Encoder()['output, padding mask']" in text
    assert "['output, no mask']" not in text


# --- DecoderLayer --------------------------------------------------------------------


class DecoderLayerQueriesFromX(ref.DecoderLayer):
    def call(self, x, enc_output, training, look_ahead_mask, padding_mask):
        out1, block1 = self.mha1(x, x, x, attention_mask=look_ahead_mask, return_attention_scores=True)
        q1 = self.layernorm1(out1 + x)
        # wrong: the encoder-decoder attention is queried with x instead of Q1
        out2, block2 = self.mha2(x, enc_output, enc_output, attention_mask=padding_mask, return_attention_scores=True)
        out2 = self.layernorm2(out2 + q1)
        out3 = self.layernorm3(self.dropout_ffn(self.ffn(out2), training=training) + out2)
        return out3, block1, block2


class DecoderLayerMasksSwapped(ref.DecoderLayer):
    def call(self, x, enc_output, training, look_ahead_mask, padding_mask):
        return super().call(x, enc_output, training, padding_mask, look_ahead_mask)


def test_decoder_layer_querying_with_x_loses_points():
    result = run("DecoderLayer", student(DecoderLayer=DecoderLayerQueriesFromX))
    assert result.points == 0
    assert "DecoderLayer()['masks']['attn_weights_block2']" in result.messages()
    assert "values differ" in result.messages()


def test_decoder_layer_with_masks_swapped_loses_points():
    result = run("DecoderLayer", student(DecoderLayer=DecoderLayerMasksSwapped))
    assert result.points == 0
    assert "raised" in result.messages() or "values differ" in result.messages()


def test_decoder_layer_returning_only_the_output_says_what_to_return():
    class DecoderLayerOneOutput(ref.DecoderLayer):
        def call(self, x, enc_output, training, look_ahead_mask, padding_mask):
            return super().call(x, enc_output, training, look_ahead_mask, padding_mask)[0]

    result = run("DecoderLayer", student(DecoderLayer=DecoderLayerOneOutput))
    assert result.points == 0
    assert "should return (out3, attn_weights_block1, attn_weights_block2)" in result.messages()


# --- Decoder -------------------------------------------------------------------------


class DecoderZeroBasedKeys(ref.Decoder):
    def call(self, x, enc_output, training, look_ahead_mask, padding_mask):
        x, weights = super().call(x, enc_output, training, look_ahead_mask, padding_mask)
        renamed = {}
        for key, value in weights.items():
            number = int(key.removeprefix("decoder_layer").split("_")[0])
            renamed[key.replace(f"decoder_layer{number}_", f"decoder_layer{number - 1}_")] = value
        return x, renamed


class DecoderWithoutLookAhead(ref.Decoder):
    def call(self, x, enc_output, training, look_ahead_mask, padding_mask):
        return super().call(x, enc_output, training, None, padding_mask)


def test_decoder_with_zero_based_keys_loses_points():
    result = run("Decoder", student(Decoder=DecoderZeroBasedKeys))
    assert result.points == 0
    assert "missing key(s) 'decoder_layer1_block1_self_att'" in result.messages()


def test_decoder_dropping_the_look_ahead_mask_loses_points():
    result = run("Decoder", student(Decoder=DecoderWithoutLookAhead))
    assert result.points == 0
    text = result.messages()
    assert "Decoder()['masks']['attention_weights']['decoder_layer1_block1_self_att']" in text
    assert "['no masks']" not in text


# --- Transformer ---------------------------------------------------------------------


class TransformerWithoutSoftmax(ref.Transformer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.final_layer = keras.layers.Dense(self.final_layer.units)


class TransformerEncoderMaskToDecoder(ref.Transformer):
    def call(self, input_sentence, output_sentence, training, enc_padding_mask, look_ahead_mask, dec_padding_mask):
        enc_output = self.encoder(input_sentence, training=training, mask=None)  # the source padding is seen
        dec_output, weights = self.decoder(output_sentence, enc_output, training=training,
                                           look_ahead_mask=look_ahead_mask, padding_mask=dec_padding_mask)
        return self.final_layer(dec_output), weights


def test_transformer_without_softmax_loses_points():
    result = run("Transformer", student(Transformer=TransformerWithoutSoftmax))
    assert result.points == 0
    assert "['final_layer']['activation']: 'softmax' expected, got 'linear'" in result.messages()


def test_transformer_ignoring_the_encoder_mask_fails_the_masked_outputs():
    result = run("Transformer", student(Transformer=TransformerEncoderMaskToDecoder))
    assert result.points < result.max_points
    text = result.messages()
    assert "Transformer()['masks']['final_output']" in text
    assert "['no masks']" not in text


def test_stub_classes_score_zero_with_a_message():
    class Stub(keras.layers.Layer):
        def __init__(self, *args, **kwargs):
            super().__init__()
            raise NotImplementedError()

    for name in GRADED[3:]:
        result = run(name, student(**{name: Stub}))
        assert result.points == 0
        assert "raised NotImplementedError" in result.messages()


# --- the checks run the out-of-process way too ------------------------------------------


def test_layer_checks_work_through_the_runner_and_payload():
    """What dlgrade does: plan the job (hooks by name), call in 'the student's process', judge plain data."""
    import json

    from autograder import payload
    from autograder.course import checks_of
    from autograder.runner import call_case
    from autograder.trusted import _decoded, _hook

    checks = checks_of(LAB)
    reference = vars(ref)
    for name in ("EncoderLayer", "Transformer"):
        check = checks[name]
        case = check.generate_cases()[0]
        job_case = {
            "label": case.label,
            "args": payload.encode(tuple(case.args)),
            "kwargs": payload.encode(dict(case.kwargs)),
            "seed": case.seed,
            "prepare": [_hook(case.prepare, "prepare", name)],
            "outputs": _hook(check.outputs, "outputs", name),
        }
        expected = check.expected(case, reference)
        event = _decoded(json.loads(json.dumps(call_case(dict(reference), name, job_case))), "no result")
        assert "error" not in event, event
        assert check.judge(case, expected, event) == []
        wrong = dict(reference, EncoderLayer=EncoderLayerMaskByPosition, Transformer=TransformerWithoutSoftmax)
        event = _decoded(json.loads(json.dumps(call_case(wrong, name, job_case))), "no result")
        assert check.judge(case, expected, event)


def test_class_methods_become_separate_solution_regions():
    from autograder.authoring import mark_solution

    source = (
        "class Layer(Base):\n"
        '    """Doc."""\n'
        "\n"
        "    def __init__(self, size):\n"
        '        """Make things."""\n'
        "        super().__init__()\n"
        "        # a comment that belongs to the solution\n"
        "        self.size = size\n"
        "\n"
        "    def call(self, x):\n"
        "        return x * self.size\n"
    )
    marked = mark_solution(source)
    assert marked.splitlines() == [
        "class Layer(Base):",
        '    """Doc."""',
        "",
        "    def __init__(self, size):",
        '        """Make things."""',
        "        super().__init__()",
        "        ### BEGIN SOLUTION",
        "        # a comment that belongs to the solution",
        "        self.size = size",
        "        ### END SOLUTION",
        "",
        "    def call(self, x):",
        "        ### BEGIN SOLUTION",
        "        return x * self.size",
        "        ### END SOLUTION",
    ]


def test_release_keeps_the_class_signatures():
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    notebook = json.loads((root / "release" / LAB / f"{LAB}.ipynb").read_text())
    code = "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")
    for signature in (
        "def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6):",
        "def call(self, x, enc_output, training, look_ahead_mask, padding_mask):",
        "def call(self, input_sentence, output_sentence, training, enc_padding_mask, look_ahead_mask, dec_padding_mask):",
    ):
        assert signature in code
    assert "self.mha = MultiHeadAttention" not in code


# --- the lesson ------------------------------------------------------------------------


def _reverser(vocab_size, seed=1):
    keras.utils.set_random_seed(seed)
    return ref.Transformer(num_layers=2, embedding_dim=32, num_heads=2, fully_connected_dim=64,
                           input_vocab_size=vocab_size, target_vocab_size=vocab_size,
                           max_positional_encoding_input=16, max_positional_encoding_target=16, dropout_rate=0.1)


@pytest.fixture(scope="module")
def reversal():
    u = utils()
    train = u.reversal_dataset(4096, seed=0)
    test = u.reversal_dataset(512, seed=1)
    model = _reverser(train[3])
    history = u.train_transformer(model, *train[:3], epochs=4, batch_size=64, learning_rate=2e-3, verbose=False)
    return model, train, test, history


@pytest.mark.slow
def test_lesson_the_transformer_learns_to_reverse(reversal):
    u = utils()
    model, _, test, history = reversal
    assert history["loss"][-1] < 0.5 * history["loss"][0], history
    accuracy = u.masked_accuracy(model, *test[:3])
    assert accuracy > 0.95, accuracy  # about 0.99
    generated, _ = u.translate(model, test[0][:200])
    exact = np.mean([u.tokens_to_text(g) == u.tokens_to_text(t) for g, t in zip(generated, test[2][:200], strict=True)])
    assert exact > 0.8, exact  # about 0.96 with these seeds


@pytest.mark.slow
def test_lesson_cross_attention_finds_the_mirrored_letter(reversal):
    u = utils()
    model, _, test, _ = reversal
    source, decoder_input = test[0][:64], test[1][:64]
    enc_mask, look_ahead, dec_mask = u.make_masks(source, decoder_input)
    _, weights = model(source, decoder_input, training=False, enc_padding_mask=enc_mask, look_ahead_mask=look_ahead,
                       dec_padding_mask=dec_mask)
    attention = np.asarray(weights["decoder_layer2_block2_decenc_att"]).mean(axis=1)  # (batch, target, source)
    hits = total = 0
    for row, tokens in enumerate(source):
        length = int(np.sum(tokens != 0))
        for position in range(length):  # decoder position t (after START...) predicts source letter length-1-t
            hits += int(np.argmax(attention[row, position]) == length - 1 - position)
            total += 1
        assert np.all(attention[row, :, length:] < 1e-6)  # padding gets no attention
    assert hits / total > 0.8, hits / total  # about 0.90 (layer 1 alone: about 0.27)


@pytest.mark.slow
def test_lesson_without_positional_encoding_it_cannot_reverse(reversal):
    u = utils()
    _, train, test, history = reversal
    model = _reverser(train[3])
    for part in (model.encoder, model.decoder):
        part.pos_encoding = tf.zeros_like(part.pos_encoding)
    blind = u.train_transformer(model, *train[:3], epochs=4, batch_size=64, learning_rate=2e-3, verbose=False)
    with_encoding = history["accuracy"][-1]
    assert blind["accuracy"][-1] < with_encoding - 0.25, (blind["accuracy"], history["accuracy"])
    assert u.masked_accuracy(model, *test[:3]) < 0.7  # about 0.54 (0.99 with it)


@pytest.mark.slow
def test_lesson_masks_hide_the_future_and_the_padding(reversal):
    u = utils()
    model, _, test, _ = reversal
    source, decoder_input = test[0][:16], test[1][:16]

    def predictions(src, dec_in):
        enc_mask, look_ahead, dec_mask = u.make_masks(src, dec_in)
        probabilities, _ = model(src, dec_in, training=False, enc_padding_mask=enc_mask,
                                 look_ahead_mask=look_ahead, dec_padding_mask=dec_mask)
        return np.asarray(probabilities)

    base = predictions(source, decoder_input)
    changed = decoder_input.copy()
    changed[:, -1] = 3 + changed[:, -1] % 10
    after = predictions(source, changed)
    np.testing.assert_allclose(after[:, :-1], base[:, :-1], rtol=0, atol=1e-5)
    assert np.abs(after[:, -1] - base[:, -1]).max() > 1e-3  # the last position does see its own input
    padded = np.concatenate([source, np.zeros((len(source), 4), source.dtype)], axis=1)
    np.testing.assert_allclose(predictions(padded, decoder_input), base, rtol=0, atol=1e-5)


def test_positional_encoding_properties():
    encoding = np.asarray(ref.positional_encoding(64, 32))[0]
    assert np.all(np.abs(encoding) <= 1.0)
    assert len({tuple(np.round(row, 5)) for row in encoding}) == 64  # one signature per position
    similarity = encoding @ encoding.T
    # the dot product depends only on the distance between positions
    np.testing.assert_allclose(np.diag(similarity, 3)[:-1], np.diag(similarity, 3)[1:], atol=1e-3)


def test_reversal_data_is_deterministic_and_reversed():
    u = utils()
    source, decoder_input, decoder_target, vocab = u.reversal_dataset(50, seed=3)
    again = u.reversal_dataset(50, seed=3)
    assert all(np.array_equal(a, b) for a, b in zip((source, decoder_input, decoder_target), again[:3], strict=True))
    assert vocab == 13 and source.shape == (50, 8) and decoder_input.shape == decoder_target.shape == (50, 9)
    for src, dec_in, dec_out in zip(source, decoder_input, decoder_target, strict=True):
        letters = src[src != 0]
        assert dec_in[0] == u.START and list(dec_in[1 : len(letters) + 1]) == list(letters[::-1])
        assert list(dec_out[: len(letters) + 1]) == [*letters[::-1], u.END]
        assert np.all(dec_out[len(letters) + 1 :] == 0)


def test_self_checks_pass_for_the_reference_and_flag_a_broken_class(capsys):
    u = utils()
    u.self_check_encoder_layer(ref.EncoderLayer)
    u.self_check_encoder(ref.Encoder)
    u.self_check_decoder_layer(ref.DecoderLayer)
    u.self_check_decoder(ref.Decoder)
    u.self_check_transformer(ref.Transformer)
    text = capsys.readouterr().out
    assert text.count("self-check passed") == 5, text
    u.self_check_encoder_layer(EncoderLayerMaskByPosition)
    u.self_check_decoder(DecoderWithoutLookAhead)
    text = capsys.readouterr().out
    assert "pass the mask as attention_mask=mask" in text
    assert "the look-ahead mask is lost" in text
