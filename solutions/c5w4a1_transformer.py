"""Reference solution and hidden checks: c5w4a1_transformer.

The functions and classes below are the single source of truth: the source
notebook's solution regions are generated from them (see autograder/authoring.py).

The layer classes are compared with the reference the way CURRICULUM.md asks:
both objects are built with the same arguments and called once; then every
weight, found through the attribute names of the specification (``mha``,
``ffn``, ``layernorm1``, ``enc_layers[0].mha``, ...), is overwritten with the
same seeded values in both (the plain-data equivalent of copying the
reference weights into the student's object), and the outputs are compared
with ``training=False``, with and without masks.  With ``training=True`` only
shapes and the attention-weight sums are compared.  The probes live in the
lab's helper module (`transformer_utils`) so that they can run in the
student's process (`Hook`).
"""

import keras
import numpy as np
import tensorflow as tf
from keras.layers import Dense, Dropout, Embedding, LayerNormalization, MultiHeadAttention
from transformer_utils import FullyConnected

from autograder.checks import Case, FunctionCheck, Hook
from autograder.compare import Tolerance


def get_angles(pos, k, d):
    """
    The angles pos / 10000^(2i/d) of the positional encoding, with i = k // 2.

    Arguments:
    pos -- column vector of positions, shape (positions, 1)
    k -- row vector of dimension indices 0 .. d-1, shape (1, d)
    d -- (int) size of the encoding

    Returns:
    angles -- numpy array of shape (positions, d)
    """
    # columns 2i and 2i+1 share the same frequency 1 / 10000^(2i/d)
    i = k // 2
    angles = pos / np.power(10000, (2 * i) / np.float32(d))
    return angles


def positional_encoding(positions, d):
    """
    The sine/cosine positional encoding matrix.

    Arguments:
    positions -- (int) maximum number of positions to encode
    d -- (int) size of the encoding

    Returns:
    pos_encoding -- tf.float32 tensor of shape (1, positions, d)
    """
    angle_rads = get_angles(np.arange(positions)[:, np.newaxis], np.arange(d)[np.newaxis, :], d)
    # sine on the even columns, cosine on the odd ones
    angle_rads[:, 0::2] = np.sin(angle_rads[:, 0::2])
    angle_rads[:, 1::2] = np.cos(angle_rads[:, 1::2])
    pos_encoding = angle_rads[np.newaxis, ...]
    return tf.cast(pos_encoding, dtype=tf.float32)


def scaled_dot_product_attention(q, k, v, mask):
    """
    Scaled dot-product attention.

    q, k, v must have matching leading dimensions; k and v must have the same
    sequence length (seq_len_k = seq_len_v).  The mask broadcasts to
    (..., seq_len_q, seq_len_k); it holds 1 where attention is allowed and 0
    where it is not.

    Arguments:
    q -- query, shape (..., seq_len_q, depth)
    k -- key, shape (..., seq_len_k, depth)
    v -- value, shape (..., seq_len_v, depth_v)
    mask -- float tensor broadcastable to (..., seq_len_q, seq_len_k), or None

    Returns:
    output -- attention output, shape (..., seq_len_q, depth_v)
    attention_weights -- shape (..., seq_len_q, seq_len_k)
    """
    matmul_qk = tf.matmul(q, k, transpose_b=True)
    dk = tf.cast(tf.shape(k)[-1], tf.float32)
    scaled_attention_logits = matmul_qk / tf.math.sqrt(dk)
    # a masked position gets a huge negative logit, hence a weight of (almost exactly) 0
    if mask is not None:
        scaled_attention_logits += (1.0 - mask) * -1e9
    attention_weights = tf.nn.softmax(scaled_attention_logits, axis=-1)
    output = tf.matmul(attention_weights, v)
    return output, attention_weights


class EncoderLayer(keras.layers.Layer):
    """
    One encoder layer: multi-head self-attention, then a fully connected
    block, each followed by a residual connection and layer normalisation.
    """

    def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6):
        """
        Create the sublayers (the attribute names are part of the exercise):
        mha, ffn, layernorm1, layernorm2 and dropout_ffn.
        """
        super().__init__()
        self.mha = MultiHeadAttention(num_heads=num_heads, key_dim=embedding_dim, dropout=dropout_rate)
        self.ffn = FullyConnected(embedding_dim=embedding_dim, fully_connected_dim=fully_connected_dim)
        self.layernorm1 = LayerNormalization(epsilon=layernorm_eps)
        self.layernorm2 = LayerNormalization(epsilon=layernorm_eps)
        self.dropout_ffn = Dropout(dropout_rate)

    def call(self, x, training, mask):
        """
        Forward pass of the encoder layer.

        Arguments:
        x -- tensor of shape (batch_size, input_seq_len, embedding_dim)
        training -- boolean, True to apply dropout
        mask -- padding mask for the self-attention (1 = attend), or None

        Returns:
        encoder_layer_out -- tensor of shape (batch_size, input_seq_len, embedding_dim)
        """
        # self-attention: queries, values and keys all come from x (mask by keyword!)
        self_mha_output = self.mha(x, x, x, attention_mask=mask)
        skip_x_attention = self.layernorm1(x + self_mha_output)
        ffn_output = self.ffn(skip_x_attention)
        ffn_output = self.dropout_ffn(ffn_output, training=training)
        encoder_layer_out = self.layernorm2(skip_x_attention + ffn_output)
        return encoder_layer_out


class Encoder(keras.layers.Layer):
    """
    The encoder: token embedding, scaling, positional encoding and dropout,
    then a stack of encoder layers.
    """

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):
        """
        Create embedding, pos_encoding, enc_layers (a list of num_layers
        EncoderLayer objects) and dropout; keep embedding_dim and num_layers.
        """
        super().__init__()
        self.embedding_dim = embedding_dim
        self.num_layers = num_layers
        self.embedding = Embedding(input_vocab_size, self.embedding_dim)
        self.pos_encoding = positional_encoding(maximum_position_encoding, self.embedding_dim)
        self.enc_layers = [
            EncoderLayer(
                embedding_dim=self.embedding_dim,
                num_heads=num_heads,
                fully_connected_dim=fully_connected_dim,
                dropout_rate=dropout_rate,
                layernorm_eps=layernorm_eps,
            )
            for _ in range(self.num_layers)
        ]
        self.dropout = Dropout(dropout_rate)

    def call(self, x, training, mask):
        """
        Forward pass of the encoder.

        Arguments:
        x -- token ids, shape (batch_size, input_seq_len)
        training -- boolean, True to apply dropout
        mask -- padding mask for the self-attention (1 = attend), or None

        Returns:
        x -- tensor of shape (batch_size, input_seq_len, embedding_dim)
        """
        seq_len = tf.shape(x)[1]
        x = self.embedding(x)
        # scale the embeddings so that the positional encoding does not drown them
        x *= tf.math.sqrt(tf.cast(self.embedding_dim, tf.float32))
        x += self.pos_encoding[:, :seq_len, :]
        x = self.dropout(x, training=training)
        for i in range(self.num_layers):
            x = self.enc_layers[i](x, training=training, mask=mask)
        return x


class DecoderLayer(keras.layers.Layer):
    """
    One decoder layer: masked self-attention, attention over the encoder
    output, then a fully connected block; each followed by a residual
    connection and layer normalisation.
    """

    def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6):
        """
        Create the sublayers (the attribute names are part of the exercise):
        mha1, mha2, ffn, layernorm1, layernorm2, layernorm3 and dropout_ffn.
        """
        super().__init__()
        self.mha1 = MultiHeadAttention(num_heads=num_heads, key_dim=embedding_dim, dropout=dropout_rate)
        self.mha2 = MultiHeadAttention(num_heads=num_heads, key_dim=embedding_dim, dropout=dropout_rate)
        self.ffn = FullyConnected(embedding_dim=embedding_dim, fully_connected_dim=fully_connected_dim)
        self.layernorm1 = LayerNormalization(epsilon=layernorm_eps)
        self.layernorm2 = LayerNormalization(epsilon=layernorm_eps)
        self.layernorm3 = LayerNormalization(epsilon=layernorm_eps)
        self.dropout_ffn = Dropout(dropout_rate)

    def call(self, x, enc_output, training, look_ahead_mask, padding_mask):
        """
        Forward pass of the decoder layer.

        Arguments:
        x -- tensor of shape (batch_size, target_seq_len, embedding_dim)
        enc_output -- encoder output, shape (batch_size, input_seq_len, embedding_dim)
        training -- boolean, True to apply dropout
        look_ahead_mask -- mask for the self-attention (block 1), or None
        padding_mask -- mask for the attention over the encoder output (block 2), or None

        Returns:
        out3 -- tensor of shape (batch_size, target_seq_len, embedding_dim)
        attn_weights_block1 -- shape (batch_size, num_heads, target_seq_len, target_seq_len)
        attn_weights_block2 -- shape (batch_size, num_heads, target_seq_len, input_seq_len)
        """
        # block 1: masked self-attention over the target sequence
        mult_attn_out1, attn_weights_block1 = self.mha1(
            x, x, x, attention_mask=look_ahead_mask, return_attention_scores=True
        )
        Q1 = self.layernorm1(mult_attn_out1 + x)
        # block 2: queries from the decoder, values and keys from the encoder output
        mult_attn_out2, attn_weights_block2 = self.mha2(
            Q1, enc_output, enc_output, attention_mask=padding_mask, return_attention_scores=True
        )
        mult_attn_out2 = self.layernorm2(mult_attn_out2 + Q1)
        # block 3: the fully connected network
        ffn_output = self.ffn(mult_attn_out2)
        ffn_output = self.dropout_ffn(ffn_output, training=training)
        out3 = self.layernorm3(ffn_output + mult_attn_out2)
        return out3, attn_weights_block1, attn_weights_block2


class Decoder(keras.layers.Layer):
    """
    The decoder: target embedding, scaling, positional encoding and dropout,
    then a stack of decoder layers.
    """

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, target_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):
        """
        Create embedding, pos_encoding, dec_layers (a list of num_layers
        DecoderLayer objects) and dropout; keep embedding_dim and num_layers.
        """
        super().__init__()
        self.embedding_dim = embedding_dim
        self.num_layers = num_layers
        self.embedding = Embedding(target_vocab_size, self.embedding_dim)
        self.pos_encoding = positional_encoding(maximum_position_encoding, self.embedding_dim)
        self.dec_layers = [
            DecoderLayer(
                embedding_dim=self.embedding_dim,
                num_heads=num_heads,
                fully_connected_dim=fully_connected_dim,
                dropout_rate=dropout_rate,
                layernorm_eps=layernorm_eps,
            )
            for _ in range(self.num_layers)
        ]
        self.dropout = Dropout(dropout_rate)

    def call(self, x, enc_output, training, look_ahead_mask, padding_mask):
        """
        Forward pass of the decoder.

        Arguments:
        x -- target token ids, shape (batch_size, target_seq_len)
        enc_output -- encoder output, shape (batch_size, input_seq_len, embedding_dim)
        training -- boolean, True to apply dropout
        look_ahead_mask -- mask for the self-attention, or None
        padding_mask -- mask for the attention over the encoder output, or None

        Returns:
        x -- tensor of shape (batch_size, target_seq_len, embedding_dim)
        attention_weights -- dict of every layer's two attention-weight tensors
        """
        seq_len = tf.shape(x)[1]
        attention_weights = {}
        x = self.embedding(x)
        x *= tf.math.sqrt(tf.cast(self.embedding_dim, tf.float32))
        x += self.pos_encoding[:, :seq_len, :]
        x = self.dropout(x, training=training)
        for i in range(self.num_layers):
            x, block1, block2 = self.dec_layers[i](
                x, enc_output, training=training, look_ahead_mask=look_ahead_mask, padding_mask=padding_mask
            )
            attention_weights[f"decoder_layer{i + 1}_block1_self_att"] = block1
            attention_weights[f"decoder_layer{i + 1}_block2_decenc_att"] = block2
        return x, attention_weights


class Transformer(keras.Model):
    """
    The complete Transformer: encoder, decoder and a final softmax layer.
    """

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                 target_vocab_size, max_positional_encoding_input, max_positional_encoding_target,
                 dropout_rate=0.1, layernorm_eps=1e-6):
        """
        Create encoder (an Encoder), decoder (a Decoder) and final_layer
        (a Dense layer with a softmax over the target vocabulary).
        """
        super().__init__()
        self.encoder = Encoder(
            num_layers=num_layers,
            embedding_dim=embedding_dim,
            num_heads=num_heads,
            fully_connected_dim=fully_connected_dim,
            input_vocab_size=input_vocab_size,
            maximum_position_encoding=max_positional_encoding_input,
            dropout_rate=dropout_rate,
            layernorm_eps=layernorm_eps,
        )
        self.decoder = Decoder(
            num_layers=num_layers,
            embedding_dim=embedding_dim,
            num_heads=num_heads,
            fully_connected_dim=fully_connected_dim,
            target_vocab_size=target_vocab_size,
            maximum_position_encoding=max_positional_encoding_target,
            dropout_rate=dropout_rate,
            layernorm_eps=layernorm_eps,
        )
        self.final_layer = Dense(target_vocab_size, activation="softmax")

    def call(self, input_sentence, output_sentence, training, enc_padding_mask, look_ahead_mask, dec_padding_mask):
        """
        Forward pass of the Transformer.

        Arguments:
        input_sentence -- source token ids, shape (batch_size, input_seq_len)
        output_sentence -- target token ids, shape (batch_size, target_seq_len)
        training -- boolean, True to apply dropout
        enc_padding_mask -- padding mask of the encoder's self-attention
        look_ahead_mask -- look-ahead mask of the decoder's self-attention
        dec_padding_mask -- padding mask of the decoder's attention over the encoder output

        Returns:
        final_output -- probabilities, shape (batch_size, target_seq_len, target_vocab_size)
        attention_weights -- the decoder's dict of attention weights
        """
        enc_output = self.encoder(input_sentence, training=training, mask=enc_padding_mask)
        dec_output, attention_weights = self.decoder(
            output_sentence,
            enc_output,
            training=training,
            look_ahead_mask=look_ahead_mask,
            padding_mask=dec_padding_mask,
        )
        final_output = self.final_layer(dec_output)
        return final_output, attention_weights


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs and masks, seeded weights.
# ---------------------------------------------------------------------------

TOL = Tolerance(rtol=1e-5, atol=1e-6)
# Layer outputs go through several float32 matrix products and normalisations.
LAYER_TOL = Tolerance(rtol=1e-4, atol=2e-5)


def _angles_cases():
    yield Case("4 positions, d=6", (np.arange(4)[:, None], np.arange(6)[None, :], 6))
    yield Case("10 positions, d=8", (np.arange(10)[:, None], np.arange(8)[None, :], 8))
    yield Case("odd d=5, 7 positions", (np.arange(7)[:, None], np.arange(5)[None, :], 5))
    yield Case("one position 3, d=16", (np.array([[3]]), np.arange(16)[None, :], 16))
    yield Case("scattered positions, d=4", (np.array([[0], [17], [250], [1999]]), np.arange(4)[None, :], 4))


def _positional_cases():
    for positions, d in [(4, 6), (50, 16), (1, 2), (10, 5), (128, 64)]:
        yield Case(f"positions={positions}, d={d}", (positions, d))


def _qkv(seed, batch, seq_q, seq_k, depth, depth_v):
    rng = np.random.default_rng(seed)
    q = rng.normal(0.0, 1.0, (*batch, seq_q, depth)).astype(np.float32)
    k = rng.normal(0.0, 1.0, (*batch, seq_k, depth)).astype(np.float32)
    v = rng.normal(0.0, 1.0, (*batch, seq_k, depth_v)).astype(np.float32)
    return q, k, v


def _attention_cases():
    q, k, v = _qkv(30, (), 3, 4, 4, 2)
    yield Case("no mask, q (3, 4), k (4, 4), v (4, 2)", (q, k, v, None))
    q, k, v = _qkv(31, (2,), 5, 5, 8, 3)
    padding = np.ones((2, 1, 5), np.float32)
    padding[0, 0, 3:] = 0.0
    padding[1, 0, 4:] = 0.0
    yield Case("batch 2, padding mask (2, 1, 5)", (q, k, v, padding))
    q, k, v = _qkv(32, (1, 2), 6, 6, 5, 4)
    look_ahead = np.tril(np.ones((6, 6), np.float32))[None, None]
    yield Case("heads (1, 2), look-ahead mask (1, 1, 6, 6)", (q, k, v, look_ahead))
    q, k, v = _qkv(33, (3,), 2, 7, 16, 16)
    yield Case("large depth 16, q longer than k, no mask", (8.0 * q, k, v, None))


# Every layer case: constructor arguments (the checked call) and a probe
# specification (sizes of the generated inputs), installed by `prepare`.


def _layer_case(label, args, probe, seed, stack=False):
    # the embedding size is the first argument of a layer, the second of a stack or of the model
    probe = dict(probe, embedding_dim=args[1] if stack else args[0])
    return Case(label, args, seed=seed, prepare=Hook("transformer_utils:set_probe", (probe,)))


def _encoder_layer_cases():
    yield _layer_case("d=4, 2 heads, fc=8, defaults", (4, 2, 8), {"batch": 2, "input_len": 5, "seed": 40}, 40)
    yield _layer_case("d=8, 1 head, fc=16, no dropout, eps=1e-3", (8, 1, 16, 0.0, 1e-3),
                      {"batch": 3, "input_len": 6, "seed": 41}, 41)
    yield _layer_case("d=16, 4 heads, fc=32, dropout 0.5, sequence of 1", (16, 4, 32, 0.5),
                      {"batch": 2, "input_len": 1, "seed": 43}, 43)


def _encoder_cases():
    yield _layer_case("2 layers, d=4, 2 heads, fc=8, vocab 10, 12 positions", (2, 4, 2, 8, 10, 12),
                      {"batch": 2, "input_len": 5, "input_vocab": 10, "seed": 50}, 50, stack=True)
    yield _layer_case("1 layer, d=8, 4 heads, fc=16, vocab 30, 6 positions, no dropout", (1, 8, 4, 16, 30, 6, 0.0),
                      {"batch": 3, "input_len": 6, "input_vocab": 30, "seed": 51}, 51, stack=True)
    yield _layer_case("2 layers, d=6, 3 heads, fc=10, vocab 7, eps=1e-3", (2, 6, 3, 10, 7, 20, 0.2, 1e-3),
                      {"batch": 2, "input_len": 4, "input_vocab": 7, "seed": 52}, 52, stack=True)


def _decoder_layer_cases():
    yield _layer_case("d=4, 2 heads, fc=8, defaults", (4, 2, 8),
                      {"batch": 2, "input_len": 5, "target_len": 4, "seed": 60}, 60)
    yield _layer_case("d=8, 1 head, fc=16, no dropout, eps=1e-3", (8, 1, 16, 0.0, 1e-3),
                      {"batch": 3, "input_len": 3, "target_len": 6, "seed": 61}, 61)
    yield _layer_case("d=12, 4 heads, fc=24, dropout 0.5, target of 1", (12, 4, 24, 0.5),
                      {"batch": 2, "input_len": 4, "target_len": 1, "seed": 63}, 63)


def _decoder_cases():
    yield _layer_case("2 layers, d=4, 2 heads, fc=8, vocab 11, 10 positions", (2, 4, 2, 8, 11, 10),
                      {"batch": 2, "input_len": 5, "target_len": 4, "target_vocab": 11, "seed": 70}, 70, stack=True)
    yield _layer_case("1 layer, d=8, 4 heads, fc=16, vocab 25, no dropout", (1, 8, 4, 16, 25, 8, 0.0),
                      {"batch": 3, "input_len": 3, "target_len": 6, "target_vocab": 25, "seed": 71}, 71, stack=True)
    yield _layer_case("2 layers, d=6, 3 heads, fc=10, vocab 9, eps=1e-3", (2, 6, 3, 10, 9, 16, 0.2, 1e-3),
                      {"batch": 2, "input_len": 6, "target_len": 5, "target_vocab": 9, "seed": 72}, 72, stack=True)


def _transformer_cases():
    yield _layer_case("1 layer, d=4, 2 heads, fc=8, vocabularies 10/12", (1, 4, 2, 8, 10, 12, 12, 10),
                      {"batch": 2, "input_len": 5, "target_len": 4, "input_vocab": 10, "target_vocab": 12,
                       "seed": 80}, 80, stack=True)
    yield _layer_case("1 layer, d=8, 4 heads, fc=16, vocabularies 20/6, no dropout",
                      (1, 8, 4, 16, 20, 6, 9, 9, 0.0),
                      {"batch": 3, "input_len": 6, "target_len": 3, "input_vocab": 20, "target_vocab": 6,
                       "seed": 81}, 81, stack=True)
    yield _layer_case("2 layers, d=6, 3 heads, fc=6, vocabularies 7/9, eps=1e-3",
                      (2, 6, 3, 6, 7, 9, 8, 8, 0.3, 1e-3),
                      {"batch": 2, "input_len": 4, "target_len": 7, "input_vocab": 7, "target_vocab": 9,
                       "seed": 82}, 82, stack=True)


def _public_angles():
    return Case("3 positions, d=4", (np.arange(3)[:, None], np.arange(4)[None, :], 4))


def _public_attention():
    q, k, v = _qkv(7, (), 3, 4, 4, 2)
    mask = np.array([[[1.0, 1.0, 0.0, 1.0]]], np.float32)
    return Case("q (3, 4), k (4, 4), v (4, 2), key 2 masked", (q, k, v, mask))


CHECKS = [
    FunctionCheck("get_angles", 1, _angles_cases, tol=TOL, public=_public_angles),
    FunctionCheck("positional_encoding", 1, _positional_cases, tol=TOL, strict_dtype=True,
                  public=lambda: Case("positions=3, d=4", (3, 4))),
    FunctionCheck("scaled_dot_product_attention", 2, _attention_cases, tol=TOL, public=_public_attention),
    FunctionCheck("EncoderLayer", 1, _encoder_layer_cases, tol=LAYER_TOL,
                  outputs=Hook("transformer_utils:probe_encoder_layer")),
    FunctionCheck("Encoder", 1, _encoder_cases, tol=LAYER_TOL, outputs=Hook("transformer_utils:probe_encoder")),
    FunctionCheck("DecoderLayer", 2, _decoder_layer_cases, tol=LAYER_TOL,
                  outputs=Hook("transformer_utils:probe_decoder_layer")),
    FunctionCheck("Decoder", 1, _decoder_cases, tol=LAYER_TOL, outputs=Hook("transformer_utils:probe_decoder")),
    FunctionCheck("Transformer", 1, _transformer_cases, tol=LAYER_TOL,
                  outputs=Hook("transformer_utils:probe_transformer")),
]
