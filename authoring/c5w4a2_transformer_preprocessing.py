# %% [markdown]
# # Transformer pre-processing: word embeddings and positional encoding
#
# Before a Transformer can attend to anything, every word of a sentence has to
# become a vector. Two ingredients go into that vector:
#
# - a **word embedding**, which says *what* the word is (words with related
#   meanings get nearby vectors);
# - a **positional encoding**, which says *where* the word is, because
#   attention on its own cannot tell the first word from the last.
#
# The two are simply **added**. In this lab you will take that sum apart and
# look at it from several angles:
#
# 1. build the sine/cosine positional encoding and check the properties that
#    make it useful;
# 2. turn a few sentences into padded sequences of token ids with Keras'
#    `TextVectorization` layer;
# 3. look the ids up in a table of pre-trained word vectors, through a frozen
#    `Embedding` layer;
# 4. add the two with different weights, $W_1 \cdot \text{embedding} + W_2
#    \cdot \text{encoding}$, and see in PCA plots (and in numbers) whether
#    meaning or position wins.
#
# This lab is **ungraded**: there is nothing to hand in. The notebook checks
# itself instead. After each result the text teaches, a *self-check* cell
# measures it and prints `self-check passed: ...` with the measured value (or
# stops with `self-check FAILED` if the claim does not hold, for example after
# you change something upstream). Feel free to experiment in the code cells.
#
# **About the data.** The original version of this lab loaded the real GloVe
# vectors (100-dimensional vectors for 400,000 English words, a download of
# several hundred megabytes). Here a small generated table in the same text
# format stands in for it: about 480 words, 100 numbers each, built around
# topics (royalty, geography, sports, food, animals, ...) so that related
# words really are close. That keeps the notebook offline and fast, and it
# means we *know* each word's topic, so we can measure what the plots show.
# Nothing is trained in this lab: everything runs in a few seconds on a CPU.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id.
from autograder.notebook import self_check, setup_notebook

setup_notebook("c5w4a2_transformer_preprocessing", tensorflow=True)

# %% [given]
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from preprocessing_utils import (EMBEDDING_DIM, MAX_NB_WORDS, MAX_SEQUENCE_LENGTH, build_embedding_matrix,
                                 chance_same_topic, combine, make_embedding_layer, make_vectorizer,
                                 min_position_distance, neighbour_rates, pca_2d, plot_neighbour_rates,
                                 plot_offset_similarity, plot_pca, plot_positional_encoding,
                                 positional_encoding, read_glove_vecs, read_topic_sentences, token_points,
                                 translation_spread)

%matplotlib inline
print("EMBEDDING_DIM =", EMBEDDING_DIM, " MAX_SEQUENCE_LENGTH =", MAX_SEQUENCE_LENGTH,
      " MAX_NB_WORDS =", MAX_NB_WORDS)

# %% [markdown]
# ## 1. Positional encoding
#
# Self-attention compares every word with every other word. Nothing in that
# computation depends on the order of the words: shuffle a sentence and every
# word receives exactly the same information as before, just in a different
# row. Yet "the dog chased the cat" and "the cat chased the dog" mean
# different things. A recurrent network knows the order because it reads one
# word after the other; a Transformer reads them all at once and has to be
# *told*.
#
# The Transformer's answer is a vector $PE_{pos}$ of the same size $d$ as the
# word embeddings, which depends only on the position $pos$. For the column
# pair $(2i, 2i+1)$, $i = 0, 1, \dots, d/2 - 1$:
#
# $$PE_{(pos,\,2i)} = \sin\left(\frac{pos}{10000^{2i/d}}\right), \qquad
#   PE_{(pos,\,2i+1)} = \cos\left(\frac{pos}{10000^{2i/d}}\right).$$
#
# Each column pair is a point going round a circle, at its own angular speed
# $\omega_i = 1/10000^{2i/d}$: the first pairs spin fast (pair 0 turns by one
# radian per position), the last ones barely move (pair $d/2 - 1$ turns by
# about $10^{-4}$ radians per position). Read together, like the second, minute
# and hour hands of a clock, they tell every position apart.
#
# `positional_encoding(positions, d)` is given in `preprocessing_utils.py`
# (open the file to read it). It returns a `tf.float32` tensor of shape
# `(1, positions, d)`: a leading batch axis, so it can be added to a batch of
# embedded sentences. We need one encoding per token slot, so
# `positions = MAX_SEQUENCE_LENGTH` and `d = EMBEDDING_DIM`.

# %% [given]
pos_encoding = positional_encoding(MAX_SEQUENCE_LENGTH, EMBEDDING_DIM)
print("shape:", pos_encoding.shape, " dtype:", pos_encoding.dtype)
plot_positional_encoding(pos_encoding, "Positional encoding: fast waves at the bottom, slow ones at the top")

# %% [markdown]
# Read the heat map column by column: each vertical slice is the encoding of
# one position. The bottom rows (fast pairs) alternate quickly between red and
# blue; the top rows hardly change over 100 positions, with the sine rows
# close to 0 and the cosine rows close to 1.
#
# What makes this a good encoding?
#
# - **Bounded values.** Sines and cosines stay in $[-1, 1]$, so the encoding
#   never grows with the position and cannot swamp the word vectors of a long
#   sentence (a plain counter $pos = 0, 1, 2, \dots$ would).
# - **The same length everywhere.** Each pair contributes
#   $\sin^2 + \cos^2 = 1$ to the squared norm, so every position's vector has
#   length exactly $\sqrt{d/2}$ ($\sqrt{50} \approx 7.07$ here).
# - **A different vector for every position.** No two positions share an
#   encoding, so the model can always tell them apart.

# %% [code]
values = pos_encoding.numpy()[0]
norms = np.linalg.norm(values, axis=1)
closest = min_position_distance(pos_encoding)
print(f"values from {values.min():.4f} to {values.max():.4f}")
print(f"norms from {norms.min():.4f} to {norms.max():.4f} (sqrt(d/2) = {np.sqrt(EMBEDDING_DIM / 2):.4f})")
print(f"smallest distance between the encodings of two different positions: {closest:.3f}")
self_check("the encodings lie in [-1, 1], all have length sqrt(d/2), and any two positions are at least 1 apart",
           values.min() >= -1 - 1e-6 and values.max() <= 1 + 1e-6
           and np.allclose(norms, np.sqrt(EMBEDDING_DIM / 2), atol=1e-3) and closest >= 1.0,
           f"range [{values.min():.3f}, {values.max():.3f}], norms {norms.min():.3f}..{norms.max():.3f}, "
           f"closest pair {closest:.2f} apart")

# %% [markdown]
# ### Distances that do not depend on where you start
#
# The most useful property is hidden in a trigonometric identity,
# $\sin a \sin b + \cos a \cos b = \cos(a - b)$. Apply it to every column pair
# of two positions $p$ and $q$:
#
# $$PE_p \cdot PE_q = \sum_{i=0}^{d/2-1} \big(\sin(p\,\omega_i)\sin(q\,\omega_i)
#   + \cos(p\,\omega_i)\cos(q\,\omega_i)\big) = \sum_{i=0}^{d/2-1} \cos\big((p - q)\,\omega_i\big).$$
#
# The right-hand side depends only on the **offset** $p - q$, not on $p$ or
# $q$ themselves. Position 3 relates to position 5 exactly as position 40
# relates to position 42. In fact moving $k$ steps forward is the same
# rotation of every column pair wherever you start, a fixed linear map of the
# encoding. That makes "the word two places to the left" a pattern that
# attention can learn once and use at every position, and the formula works
# for positions longer than any sentence seen in training.
#
# The plots show it: on the left, all dot products form bands parallel to the
# diagonal; on the right, the curves for different starting positions lie
# exactly on top of each other.

# %% [given]
plot_offset_similarity(pos_encoding)

# %% [code]
spread = translation_spread(pos_encoding)
print(f"largest change of PE(p) . PE(p + k) over the start p, for any offset k: {spread:.2e}")
self_check("the dot product of two encodings depends only on their offset (spread below 1e-3, float32 rounding)",
           spread < 1e-3, f"largest spread {spread:.1e}")

# %% [markdown]
# ### Why add the encoding instead of concatenating it?
#
# Gluing the position vector to the end of the word vector would keep the two
# perfectly apart, but it would make every vector wider, and every weight
# matrix in every layer (the query, key and value projections, the
# feed-forward network) would grow with it. Adding keeps the width at $d$.
#
# Little is lost. A linear layer applied to a concatenation $[e; p]$ computes
# $A e + B p$; applied to the sum it computes $W e + W p$, the same thing with
# the two blocks tied. And in 100 dimensions there is plenty of room: word
# vectors and position vectors point in nearly unrelated directions, so the
# network can still learn projections that read mostly the one or mostly the
# other. In a Transformer trained from scratch, the word embeddings can also
# learn to stay out of the directions the encoding uses. The next cell measures
# how unrelated the directions are in our table (cosine 0 means perpendicular,
# 1 means the same direction).

# %% [given]
word_to_index, index_to_word, word_to_vec_map = read_glove_vecs("data/glove.6B.100d.txt")
all_vectors = np.array(list(word_to_vec_map.values()))
unit_positions = values / norms[:, None]
cosines = all_vectors @ unit_positions.T / np.linalg.norm(all_vectors, axis=1, keepdims=True)
print(f"{len(word_to_vec_map)} word vectors of size {all_vectors.shape[1]}")
print(f"|cosine| between a word vector and a position vector: mean {np.abs(cosines).mean():.3f}, "
      f"largest {np.abs(cosines).max():.3f}")

# %% [markdown]
# ## 2. From sentences to token ids
#
# Our "sentences" are lists of words drawn from five topics of the table. They
# are not grammatical, on purpose: every sentence cycles through the topics so
# that **no two neighbouring words share a topic**. Closeness in meaning and
# closeness in position are then different things, and we will be able to tell
# which of the two a representation follows. The file also records the topic
# of every word.

# %% [given]
texts, topics = read_topic_sentences("data/topic_sentences.tsv")
for text, sentence_topics in zip(texts, topics):
    print(text)
    print("   ", " ".join(sentence_topics))

# %% [markdown]
# A Transformer works on integer **token ids**, one per word, in a rectangular
# batch. The original lab used Keras' `Tokenizer` and `pad_sequences` for
# this. `Tokenizer` no longer exists in Keras 3; its replacement is the
# `keras.layers.TextVectorization` layer, which does both jobs:
#
# - `adapt(texts)` learns the vocabulary: lower-cases, strips punctuation,
#   splits on spaces and counts the words. Id 0 is reserved for **padding**
#   (the empty string `""`), id 1 for **out-of-vocabulary** words (`"[UNK]"`),
#   then come the words from the most to the least frequent (ties in a fixed
#   order). With `max_tokens=MAX_NB_WORDS` only the 64 most frequent entries
#   are kept, the two special ones included.
# - Calling the layer turns each sentence into exactly
#   `output_sequence_length=MAX_SEQUENCE_LENGTH` ids: short sentences get
#   zeros at the end, long ones are cut.
#
# `make_vectorizer` in the utility file wraps these two steps.

# %% [given]
vectorizer = make_vectorizer(texts, max_tokens=MAX_NB_WORDS, sequence_length=MAX_SEQUENCE_LENGTH)
vocabulary = [str(word) for word in vectorizer.get_vocabulary()]
sequences = vectorizer(texts).numpy()
print("vocabulary size:", len(vocabulary), " first entries:", vocabulary[:6])
print("batch of token ids:", sequences.shape)
print(sequences[:, :12], "...")

# %% [markdown]
# A word the vectorizer has never seen maps to id 1, and so does any word
# that did not make the cut of the `MAX_NB_WORDS` most frequent ones. Here
# "the", "of" and "atlantis" are not in our sentences:

# %% [code]
print(vectorizer(["the king of atlantis"]).numpy()[0, :6])

# %% [markdown]
# Check the batch: one row per sentence, `MAX_SEQUENCE_LENGTH` columns, the
# real ids first and then only padding, and the ids read back as the original
# words.

# %% [code]
lengths = [len(text.split()) for text in texts]
decoded = [" ".join(vocabulary[i] for i in row if i != 0) for row in sequences]
padding_ok = all((row[:n] > 1).all() and (row[n:] == 0).all() for row, n in zip(sequences, lengths))
self_check("the batch has one row of MAX_SEQUENCE_LENGTH ids per sentence: the words' ids, then padding, "
           "and the ids decode to the sentences",
           sequences.shape == (len(texts), MAX_SEQUENCE_LENGTH) and padding_ok and decoded == texts
           and len(vocabulary) <= MAX_NB_WORDS,
           f"shape {sequences.shape}, sentence lengths {lengths}, vocabulary of {len(vocabulary)}")

# %% [markdown]
# ## 3. Word embeddings
#
# `read_glove_vecs` (already run above) read the table of word vectors:
# `word_to_vec_map[word]` is a vector of `EMBEDDING_DIM = 100` numbers.
# To use the vectors in a Keras model, we copy them into an **embedding
# matrix** whose row $i$ is the vector of the token with id $i$:
#
# $$E \in \mathbb{R}^{V \times d}, \qquad \text{embedding}(\text{id}) = E[\text{id}, :].$$
#
# Row 0 (padding) and row 1 (`[UNK]`) stay zero, and so would the row of any
# vocabulary word missing from the table (`build_embedding_matrix` returns
# those words so you can see them). A Keras `Embedding` layer initialised with
# this matrix (`weights=[embedding_matrix]`) and `trainable=False` performs
# the look-up; freezing it keeps the pre-trained vectors as they are while the
# rest of a model trains.

# %% [given]
embedding_matrix, missing = build_embedding_matrix(vocabulary, word_to_vec_map, EMBEDDING_DIM)
embedding_layer = make_embedding_layer(embedding_matrix)
embedded = embedding_layer(sequences)
print("embedding matrix:", embedding_matrix.shape, " words without a vector:", missing)
print("embedded batch:", embedded.shape, embedded.dtype)

# %% [code]
embedded_np = embedded.numpy()
real = sequences != 0
glove_rows = np.array([word_to_vec_map[vocabulary[i]] for i in sequences[real]])
lookup_error = np.abs(embedded_np[real] - glove_rows).max()
self_check("the embedded batch is (sentences, MAX_SEQUENCE_LENGTH, EMBEDDING_DIM), every word's row is its "
           "GloVe vector and every padding row is zero",
           embedded_np.shape == (len(texts), MAX_SEQUENCE_LENGTH, EMBEDDING_DIM) and lookup_error < 1e-6
           and not embedded_np[~real].any(),
           f"shape {embedded_np.shape}, largest difference from the table {lookup_error:.1e}, "
           f"{int((~real).sum())} padding rows")

# %% [markdown]
# ### What the word vectors alone look like
#
# A 100-dimensional vector cannot be drawn, but **principal component
# analysis** (PCA) finds the two directions along which the points spread the
# most and projects onto them. With the data matrix $X$ ($n$ tokens by $d$)
# centred, $\bar X = X - \text{mean}$, the singular value decomposition
# $\bar X = U S V^T$ gives those directions as the first two rows of $V^T$,
# and the share of the variance they show is $(s_1^2 + s_2^2) / \sum_j s_j^2$.
# `pca_2d` does exactly this with NumPy (scikit-learn's `PCA(n_components=2)`
# gives the same picture, up to the sign of each axis).
#
# We collect the vectors of the real tokens (the padding is left out) with
# `token_points`, and plot them coloured by topic. Grey lines join the words
# of each sentence in order.

# %% [given]
word_points, token_words, token_positions, token_sentence = token_points(sequences, embedded, vocabulary)
token_topics = [topics[s][p] for s, p in zip(token_sentence, token_positions)]
coords, explained = pca_2d(word_points)
fig, ax = plt.subplots(figsize=(7, 5.5))
plot_pca(ax, coords, token_topics, token_words, token_sentence,
         f"Word vectors only (PCA shows {explained.sum():.0%} of the variance)")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# The topics form separate clouds, and the grey lines jump from cloud to cloud
# because neighbouring words never share a topic. The embedding knows nothing
# about position: the same word would land on the same point wherever it
# stood in a sentence.
#
# ## 4. Adding the positional encoding
#
# The Transformer's input at position $pos$ is the word vector plus the
# encoding of that position. To see how the two parts compete we give each a
# weight:
#
# $$x_{pos} = W_1 \cdot \text{embedding}(\text{word}_{pos}) + W_2 \cdot PE_{pos}.$$
#
# (`combine` adds the first `seq_len` positions of the `(1, 100, 100)`
# encoding to the `(4, 100, 100)` batch; the leading 1 broadcasts over the
# sentences.) What matters is the *ratio* $W_1 / W_2$, compared with the ratio
# of the vectors' lengths. Our word vectors have length 1, while each
# encoding has length $\sqrt{50} \approx 7$. So:
#
# - $(W_1, W_2) = (1, 1)$: position is the larger part;
# - $(10, 1)$: the word vector is the larger part. This is exactly what the
#   Transformer's encoder does: it multiplies the embeddings by
#   $\sqrt{d} = 10$ before adding the encoding;
# - $(1, 10)$: position dominates completely.
#
# (Real GloVe vectors are not unit length; many are several units long, so in
# the original lab the balance point sat elsewhere. The lesson is the same.)
#
# In the plots below each point is labelled with its **position** in its
# sentence.

# %% [given]
weightings = [(1, 1), (10, 1), (1, 10)]
points = {}
fig, axes = plt.subplots(1, 3, figsize=(16, 5.2))
for ax, (W1, W2) in zip(axes, weightings):
    combined = combine(embedded, pos_encoding, W1, W2)
    points[(W1, W2)], *_ = token_points(sequences, combined, vocabulary)
    coords, explained = pca_2d(points[(W1, W2)])
    plot_pca(ax, coords, token_topics, token_positions, token_sentence,
             f"W1 = {W1}, W2 = {W2}  (PCA shows {explained.sum():.0%})")
axes[0].legend(fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# - With **(1, 1)** and **(1, 10)** the points line up by position: a curve
#   runs through 0, 1, 2, ..., and tokens with the same position (in different
#   sentences) sit on top of each other. The topics are scattered along it.
# - With **(10, 1)** the topic clouds come back, but each cloud is now
#   stretched a little by the positions of its words: the word still
#   dominates, and the position is a smaller but readable signal on top.
#
# The plots show only two of 100 dimensions. A fairer test uses all of them:
# for every token, find its **nearest neighbour** (the closest other token,
# Euclidean distance in 100 dimensions) and ask whether the neighbour has the
# same topic, and whether it sits at most one position away. If neighbours
# were picked at random, the same topic would come up with probability
# `chance_same_topic` (about 1 in 5: five topics).
#
# (When position dominates, the neighbour is usually the token at the *same*
# position in another sentence. Among those few candidates the word part still
# decides which one is closest, so the topic agrees more often than by chance,
# but far from always.)

# %% [code]
chance = chance_same_topic(token_topics)
rates = {weights: neighbour_rates(points[weights], token_topics, token_positions) for weights in weightings}
print(f"same topic by chance: {chance:.2f}")
for weights, rate in rates.items():
    print(f"W1, W2 = {weights}:  same topic {rate['same topic']:.2f},  at most 1 position away {rate['near position']:.2f}")

# %% [code]
topic_rate = rates[(10, 1)]["same topic"]
self_check("with (W1, W2) = (10, 1) the nearest neighbour shares the token's topic at least 90% of the time, "
           "over three times chance",
           topic_rate >= 0.9 and topic_rate >= 3 * chance,
           f"{topic_rate:.2f} vs {chance:.2f} by chance")

# %% [code]
near_rate = rates[(1, 10)]["near position"]
self_check("with (W1, W2) = (1, 10) the nearest neighbour sits at most one position away for at least 90% "
           "of the tokens, far more often than with (10, 1)",
           near_rate >= 0.9 and near_rate >= rates[(10, 1)]["near position"] + 0.2,
           f"{near_rate:.2f} with (1, 10), {rates[(10, 1)]['near position']:.2f} with (10, 1)")

# %% [markdown]
# ### Can the word still be read after the addition?
#
# A later layer needs to know *which word* sits at each position. A simple
# test: compare each combined vector with every word vector of the vocabulary
# (dot product, the way an output layer with tied embeddings would) and see
# whether the best match is the token's own word. With the $\sqrt{d}$ scaling
# the word part is large enough to win; with equal weights the encoding,
# seven times longer, drowns it.

# %% [code]
vocabulary_vectors = embedding_matrix[2:]  # the real words, without padding and [UNK]
own_word = np.array([vocabulary.index(word) - 2 for word in token_words])
recovered = {weights: float(np.mean(np.argmax(points[weights] @ vocabulary_vectors.T, axis=1) == own_word))
             for weights in [(1, 1), (10, 1)]}
print({str(weights): round(rate, 2) for weights, rate in recovered.items()})
self_check("after scaling the embeddings by sqrt(d) = 10 every token's best-matching word vector is its own "
           "word, against less than half with equal weights",
           recovered[(10, 1)] == 1.0 and recovered[(1, 1)] < 0.5,
           f"{recovered[(10, 1)]:.0%} with (10, 1), {recovered[(1, 1)]:.0%} with (1, 1)")

# %% [markdown]
# ### Try it yourself: the whole range of ratios
#
# The cell below sweeps $W_1 / W_2$ (with $W_2 = 1$) and plots both
# neighbour rates. Somewhere in between, meaning and position trade places:
# they cross where $W_1$ times the typical distance between two word vectors
# (about 0.8 within a topic and 1.4 across topics, for our unit vectors)
# becomes comparable to the distances between the encodings of nearby
# positions (1.8 for neighbours, about 5 for positions five apart). Add ratios
# of your own and see how sharp the crossing is.

# %% [code]
ratios = [0.3, 1, 2, 3, 5, 10, 30]
sweep = []
for W1 in ratios:
    combined = combine(embedded, pos_encoding, W1, 1.0)
    sweep.append(neighbour_rates(token_points(sequences, combined, vocabulary)[0], token_topics, token_positions))
plot_neighbour_rates(ratios, sweep, chance)

# %% [markdown]
# ## Summary
#
# - Attention ignores word order, so a **positional encoding** is added to
#   every word vector. The sine/cosine encoding is bounded, has the same length
#   $\sqrt{d/2}$ at every position, gives every position its own vector, and
#   makes the dot product of two positions depend only on their offset.
# - It is **added**, not concatenated: the width (and so the cost of every
#   layer) stays $d$, and in high dimensions words and positions mostly use
#   different directions.
# - `TextVectorization` replaces the removed Keras `Tokenizer` and
#   `pad_sequences`: id 0 is padding, id 1 the unknown word, and every
#   sentence becomes a fixed-length row of ids.
# - Pre-trained vectors enter a model as the rows of an **embedding matrix**
#   in a frozen `Embedding` layer.
# - The **balance** of the two parts decides what the model sees first: with
#   the $\sqrt{d}$ scaling of the Transformer, neighbours share meaning and the
#   word is still readable, while position is a smaller signal on top; let the
#   encoding dominate and tokens group by position instead.
