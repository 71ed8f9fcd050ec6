# %% [markdown]
# # Transformer application: named-entity recognition in résumés
#
# A recruiter who receives a thousand résumés wants a table, not a pile of
# text: who is the candidate, where do they live, which companies and job
# titles appear, which skills, which college, how many years of experience.
# Pulling such pieces out of free text is **named-entity recognition** (NER).
# The usual way to frame it is **token classification**: cut the text into
# tokens and give every token a tag, either the type of entity it belongs to
# or `O` for "outside any entity".
#
# Whether a word is an entity, and of which type, often depends on its
# neighbours. "Oracle" is a company in "Java Developer at Oracle" and a skill
# in "Skills: Oracle, MySQL"; "Austin" is a person at the top of a résumé and
# a city after a company name; "Python" is a skill, but in "Python Developer"
# it is part of a job title. A Transformer encoder is a good fit: through
# self-attention, every token looks at all the others before its tag is
# decided.
#
# In this lab you will
#
# 1. read résumés annotated with character spans (the DataTurks export
#    format) and clean the annotations: merge overlapping spans, trim stray
#    whitespace, and turn spans into one tag per word;
# 2. tokenize the résumés and line the tags up with the tokens, hiding the
#    padding from the loss;
# 3. build a small Transformer encoder that tags every token, train it, and
#    measure it entity by entity against two baselines;
# 4. look inside: highlighted predictions, tag probabilities, attention
#    weights, and how the same word gets different vectors in different
#    contexts.
#
# This lab is **ungraded**. Run it, read it, change things. The cells that
# print `self-check passed` verify that the numbers came out as the text
# says; if you break something, they tell you.
#
# **What the original did, and what we do here.** The original version of
# this lab fine-tuned a *pretrained* DistilBERT (a 66-million-parameter
# Transformer that had already read English Wikipedia and thousands of
# books) with its sub-word tokenizer, on about 220 real résumés of up to
# 512 tokens. Neither pretrained weights nor downloads are available here,
# and a model
# that size does not train on a small CPU in seconds. So we generate 300
# template résumés with known entities, use a word-level tokenizer built
# from our own training résumés, cut every résumé to 128 tokens, and train a
# tiny encoder (one Transformer block, about 60,000 parameters) from
# scratch. The whole notebook is scaled to run in well under a minute on a
# CPU; the ideas are the same at full size.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id.
from autograder.notebook import self_check, setup_notebook

setup_notebook("c5w4a3_transformer_ner", tensorflow=True)

# %% [given]
import json
import time
from collections import Counter

import keras
import numpy as np
from IPython.display import display

from ner_utils import (IGNORE_INDEX, LABELS, MAX_LENGTH, WordLookupTagger, WordTokenizer, build_tagger,
                       clean_dataset, convert_dataturks_to_spacy, encoder_internals, entity_report,
                       get_entities, label_conflicts, masked_accuracy, mergeIntervals, normalize_word,
                       plot_attention, plot_history, plot_label_counts, plot_pca, plot_tag_probabilities,
                       print_report, read_answer_key, read_resumes, show_entities, tags_to_spans,
                       tokenize_and_align_labels, trim_entity_spans, word_predictions)

%matplotlib inline

# %% [markdown]
# ## 1. The data: résumés with character spans
#
# The file `data/ner.json` holds one résumé per line, as JSON (it is
# generated the first time you read it; see `autograder/data/ner.py`). Each
# record has the text in `content` and a list of `annotation`s. An
# annotation names a `label` (a list with one entity type) and one or more
# `points`, each a span of characters given by `start`, `end` and the
# annotated `text`.
#
# **Span conventions (important).** In this file format `end` is
# *inclusive*: the annotated text is `content[start:end + 1]`. Everywhere
# else in this lab a span is a tuple `(start, end, label)` with `end`
# *exclusive*, like a Python slice: the text is `text[start:end]`. The
# conversion adds 1 to `end`, once, when the file is read.
#
# Here is the first résumé as it is stored, and a few of its annotations:

# %% [given]
table = read_resumes("data/ner.json")  # generates data/ner.json on first use
with open("data/ner.json", encoding="utf-8") as handle:
    first_record = json.loads(handle.readline())
print(first_record["content"])
print()
for annotation in first_record["annotation"][:4]:
    print(annotation)

# %% [markdown]
# The line breaks are replaced by spaces when the file is read
# (`read_resumes`): one character for one, so every offset stays valid. The
# result is a table with one record per résumé (the original lab used a
# pandas DataFrame; a list of dictionaries is all we need). The annotators
# used seven entity types. Look closely at the highlights: a few of them
# take in a space.

# %% [given]
entities = get_entities(table)
print(f"{len(table)} résumés, {sum(len(spans) for spans in entities)} annotated spans")
print("entity types:", ", ".join(LABELS))
display(show_entities(table[0]["content"], entities[0], title="Résumé 0 as annotated"))
plot_label_counts(entities)

# %% [markdown]
# ## 2. Cleaning the annotations
#
# Human annotations are never perfectly tidy, and these are no exception
# (on purpose). The model needs one tag per token, so two kinds of slips
# must be fixed first: spans that **overlap**, and spans that **take in
# whitespace**.
#
# ### 2.1 From annotations to spans
#
# `convert_dataturks_to_spacy(path)` reads the file into the training format
# of the spaCy library: a list of `(text, {"entities": [(start, end,
# label), ...]})` pairs, one span for every point of every annotation, with
# `end` made exclusive. Nothing is fixed yet:

# %% [given]
raw_data = convert_dataturks_to_spacy("data/ner.json")
text, spans = raw_data[0]
for start, end, label in sorted(spans["entities"])[:6]:
    print(f"({start:3d}, {end:3d}, {label!r:>23})  ->  {text[start:end]!r}")

# %% [markdown]
# ### 2.2 Overlapping spans: `mergeIntervals`
#
# Sometimes the annotator marked the same entity twice, or in two pieces
# that overlap ("Tata Consultancy" and "Consultancy Services"), or marked a
# second, nested entity inside a longer one: the city inside a college name,
# the skill inside a job title. Overlaps would give one word two tags. Let
# us find a résumé with overlaps:

# %% [code]
def overlapping_pairs(spans):
    """Pairs of spans that share at least one character."""
    ordered = sorted(spans)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:] if b[0] < a[1]]


example = next(i for i, (_, s) in enumerate(raw_data)
               if {a[2] != b[2] for a, b in overlapping_pairs(s["entities"])} == {True, False})
text, spans = raw_data[example]
print(f"résumé {example}:")
for a, b in overlapping_pairs(spans["entities"]):
    print(f"  {text[a[0]:a[1]]!r} ({a[2]})  overlaps  {text[b[0]:b[1]]!r} ({b[2]})")

# %% [markdown]
# `mergeIntervals(intervals)` resolves overlaps in two passes (read it in
# `ner_utils.py`):
#
# 1. spans of the **same label** that overlap are joined into one span that
#    covers both (pieces and duplicates of one entity);
# 2. where spans of **different labels** overlap, the span that starts first
#    wins (the longer one if they start together). A span nested inside it is
#    dropped ("Mumbai" inside "University of Mumbai" is part of the college,
#    not a second entity); a span that reaches further keeps only the part
#    after the winner.
#
# Two spans that merely touch (one ends where the next starts) share no
# character and are left alone. A small example with the text
# "Machine Learning Engineer":

# %% [code]
pieces = [(8, 25, "Designation"), (0, 16, "Skills"), (0, 16, "Designation")]
print(mergeIntervals(pieces))
print(mergeIntervals([(0, 4, "Skills"), (4, 9, "Skills")]), "(touching spans stay apart)")

# %% [markdown]
# The two `Designation` pieces become one span `(0, 25)` in the first pass;
# the nested `Skills` span is then dropped. `get_entities(df)`, which you
# used above for the highlights, applies `mergeIntervals` to every résumé of
# the table.
#
# ### 2.3 Whitespace at the edges: `trim_entity_spans`
#
# Some spans start or end on a space or a line break:

# %% [given]
padded = [(text[start:end], label) for text, spans in raw_data for start, end, label in spans["entities"]
          if text[start:end] != text[start:end].strip()]
print(f"{len(padded)} spans with whitespace at an edge, for example:", padded[:4])

# %% [markdown]
# A span `" Pune"` and a span `"Pune"` are different spans: they compare
# unequal, print and highlight differently, and a library such as spaCy
# cannot use a span whose edges do not line up with its tokens.
# `trim_entity_spans(data)` moves every start forward and every end back
# over whitespace, drops spans that were nothing but whitespace, and then
# merges what overlaps with `mergeIntervals`.
#
# Because these résumés are generated, we know the exact spans that were
# written: the generator recorded them in `data/ner_answer_key.json`. The
# cleaned spans should reproduce them exactly, and no word should be left
# with two labels.

# %% [given]
data = trim_entity_spans(raw_data)
answer_key = read_answer_key("data/ner_answer_key.json")
n_spans = sum(len(spans["entities"]) for _, spans in data)
matches = sum(spans["entities"] == key for (_, spans), key in zip(data, answer_key))
self_check("after trimming and merging, the spans of every résumé equal the spans recorded at generation",
           matches == len(answer_key) == len(data), f"{matches}/{len(answer_key)} résumés, {n_spans} spans")

conflicts_before = sum(label_conflicts(text, spans["entities"]) for text, spans in raw_data)
conflicts_after = sum(label_conflicts(text, spans["entities"]) for text, spans in data)
self_check("the raw annotations give some words two labels; after merging no word has two",
           conflicts_before > 0 and conflicts_after == 0,
           f"words with two labels: {conflicts_before} before, {conflicts_after} after")

# %% [markdown]
# ### 2.4 One tag per word: `clean_dataset`
#
# The model works on tokens, so the character spans become one tag per
# **word** (a run of characters between whitespace, `text.split()`). A word
# takes the label of the span it overlaps, and `O` if it overlaps none.
# "Overlaps" rather than "lies inside": the word `Infosys,` carries its comma,
# which is not part of the span `Infosys`.
#
# (The original lab called the non-entity tag `Empty`; `O` is the usual
# name. Many NER data sets also split every tag into `B-` for the first word
# of an entity and `I-` for the following ones, the *BIO* scheme, so that two
# neighbouring entities of the same type can be told apart. One tag per type
# is enough here.)

# %% [given]
word_tags = clean_dataset(data)
texts = [text for text, _ in data]
tag_names = ["O", *LABELS]
tag2id = {tag: index for index, tag in enumerate(tag_names)}
id2tag = dict(enumerate(tag_names))
tag_ids = [[tag2id[tag] for tag in row] for row in word_tags]

words = texts[0].split()
for word, tag in list(zip(words, word_tags[0]))[:14]:
    print(f"{word:>14}  {tag}")

# %% [markdown]
# We keep 220 résumés for training, 30 for validation (the learning curves)
# and 50 for the final test, which the model never sees during training.

# %% [given]
N_TRAIN, N_VAL = 220, 30
splits = {"train": slice(0, N_TRAIN), "val": slice(N_TRAIN, N_TRAIN + N_VAL), "test": slice(N_TRAIN + N_VAL, None)}
split_texts = {name: texts[part] for name, part in splits.items()}
split_tags = {name: tag_ids[part] for name, part in splits.items()}
split_word_tags = {name: word_tags[part] for name, part in splits.items()}
print({name: len(rows) for name, rows in split_texts.items()})

# %% [markdown]
# ## 3. Tokens and aligned labels
#
# DistilBERT cuts text into **sub-words** from a fixed vocabulary of 30,000
# pieces, so a rare word such as "Kubernetes" may become several tokens. Our
# `WordTokenizer` is simpler: every word is one token, and trailing
# punctuation ("Python**,**") is a second token of the same word. Its
# vocabulary holds the tokens seen at least twice in the *training*
# résumés. Two ids are special: `0` is padding (`[PAD]`) and `1` stands for
# any unknown token (`[UNK]`), such as a name that never appeared in
# training. Like a Hugging Face tokenizer, it is called on a list of texts
# and returns token ids, an attention mask (1 for real tokens, 0 for
# padding), and, through `word_ids(i)`, the word each token of text `i`
# came from.

# %% [given]
tokenizer = WordTokenizer.train(split_texts["train"], min_count=2)
print("vocabulary size:", len(tokenizer))
sample = "Android Developer at Oracle, Austin"
encoded = tokenizer([sample], padding=False)
print(f"{'token':>10} {'id':>4} {'word':>5}")
for token_id, word_index in zip(encoded["input_ids"][0], encoded.word_ids(0)):
    print(f"{tokenizer.convert_ids_to_tokens([token_id])[0]:>10} {token_id:>4} {word_index:>5}")

# %% [markdown]
# `tokenize_and_align_labels(tokenizer, examples, tags)` tokenizes the
# résumés, pads or truncates them to `MAX_LENGTH = 128` tokens (the
# original used 512), and builds a label for every token position:
#
# - the **first token of a word** gets the word's tag id;
# - any **further token of the same word** (here, its punctuation) gets
#   `-100`, unless you set `ner_utils.LABEL_ALL_TOKENS = True`, which gives it
#   the word's tag too;
# - **padding** gets `-100`.
#
# `-100` means "no label here": the loss skips these positions, so the
# model is neither rewarded nor punished for what it says about padding or
# punctuation, and every word counts exactly once.

# %% [given]
encodings = {name: tokenize_and_align_labels(tokenizer, split_texts[name], split_tags[name]) for name in splits}
ids = {name: np.array(encodings[name]["input_ids"], dtype="int32") for name in splits}
labels = {name: np.array(encodings[name]["labels"], dtype="int32") for name in splits}
attention = {name: np.array(encodings[name]["attention_mask"]) for name in splits}
print("train ids:", ids["train"].shape, " labels:", labels["train"].shape)

row = 0
tokens = tokenizer.convert_ids_to_tokens(ids["train"][row])
word_ids = encodings["train"].word_ids(row)
length = int(attention["train"][row].sum())
print(f"\n{'position':>8} {'token':>12} {'word':>5} {'label':>6}")
for position in [*range(10), *range(length - 3, length + 3)]:
    print(f"{position:>8} {tokens[position]:>12} {word_ids[position]!s:>5} {labels['train'][row, position]:>6}")

# %% [markdown]
# Every word must end up with exactly one labelled position, and no padding
# position may carry a label:

# %% [given]
n_words = np.array([len(text.split()) for name in splits for text in split_texts[name]])
all_labels = np.concatenate([labels[name] for name in splits])
all_attention = np.concatenate([attention[name] for name in splits])
labelled = (all_labels != IGNORE_INDEX).sum(axis=1)
labelled_padding = int(((all_attention == 0) & (all_labels != IGNORE_INDEX)).sum())
longest = max(len(tokenizer.tokenize(text)) for text in texts)
self_check("every word has exactly one labelled token and no padding position is labelled",
           np.array_equal(labelled, n_words) and labelled_padding == 0,
           f"{labelled.sum()} labels for {n_words.sum()} words; {labelled_padding} labelled padding positions; "
           f"longest résumé {longest} tokens")

# %% [markdown]
# (Every résumé here fits in 128 tokens. A longer one would be cut, and its
# last words would get no label and no prediction; `word_predictions` below
# then counts them as `O`.)
#
# ## 4. The model: a Transformer encoder that tags every token
#
# The tagger reads the token ids $w_1, \dots, w_T$ of a résumé and outputs,
# at every position $t$, a probability for each of the 8 tags.
#
# **Embeddings plus positions.** Each id is looked up in a learned table
# $E$ (one $d$-dimensional row per vocabulary entry, $d = 64$), and a
# position vector is added, because attention by itself ignores word order:
#
# $$x_t = \sqrt{d}\; E[w_t] + PE_t, \qquad
#   PE_{t,2i} = \sin\!\Big(\frac{t}{10000^{2i/d}}\Big),\quad
#   PE_{t,2i+1} = \cos\!\Big(\frac{t}{10000^{2i/d}}\Big).$$
#
# The fixed sine and cosine waves make "the next word" the same kind of
# shift wherever $t$ is, which is what a tagger needs to read "Android
# **Developer**". DistilBERT *learns* its position vectors instead, one per
# position, like word vectors. Here both work about equally well (our
# measurement: entity F1 0.942 with the fixed waves, 0.937 learned; try
# `build_tagger(..., positions="learned")`); the fixed waves cost no
# parameters. The factor $\sqrt{d}$ keeps the small initial word vectors
# from being drowned by the position vectors, whose entries reach 1.
#
# **One encoder block.** Multi-head self-attention lets every token gather
# information from the others. With queries, keys and values $Q = XW^Q$,
# $K = XW^K$, $V = XW^V$ for each of the 2 heads (their outputs are then
# concatenated and projected back to $d$ dimensions),
#
# $$\text{Attention}(Q, K, V) = \text{softmax}\!\Big(\frac{QK^\top}{\sqrt{d_k}} + M\Big)\,V,
#   \qquad M_{t s} = \begin{cases} 0 & \text{token } s \text{ is real} \\ -\infty & \text{token } s \text{ is padding.} \end{cases}$$
#
# The **padding mask** $M$ (in practice a very large negative number rather
# than $-\infty$) gives the padding keys a weight of 0, so no word reads
# anything from them. Around the attention and a
# position-wise feed-forward network sit residual connections and layer
# normalisation:
#
# $$h_t = \text{LayerNorm}\big(x_t + \text{MultiHead}(x)_t\big), \qquad
#   z_t = \text{LayerNorm}\big(h_t + \text{Dropout}(W_2\,\text{ReLU}(W_1 h_t + b_1) + b_2)\big).$$
#
# **A softmax per token.** The same dense layer turns every $z_t$ into tag
# probabilities $\hat y_t = \text{softmax}(W_o z_t + b_o)$.
#
# The pieces are `TokenAndPositionEmbedding`, `TransformerEncoderBlock` and
# `build_tagger` in `ner_utils.py`, built from the Keras layers `Embedding`,
# `MultiHeadAttention`, `LayerNormalization`, `Dense` and `Dropout`.

# %% [given]
keras.utils.set_random_seed(1)
tagger = build_tagger(vocab_size=len(tokenizer), num_tags=len(tag_names), max_length=MAX_LENGTH,
                      embedding_dim=64, num_heads=2, fully_connected_dim=128, dropout_rate=0.1)
tagger.summary(line_length=88)

# %% [markdown]
# **The loss ignores unlabelled positions.** Training minimises the mean
# cross-entropy over the set $\mathcal{T}$ of positions whose label is not
# `-100`:
#
# $$\mathcal{L} = -\frac{1}{|\mathcal{T}|}\sum_{t \in \mathcal{T}} \log \hat y_{t,\,y_t}.$$
#
# Keras does this with `SparseCategoricalCrossentropy(ignore_class=-100)`.
# If padding were counted instead (say as `O`), nearly a third of the 128
# positions would be padding, easy to "tag", so the average would look
# better than the model is, and training would spend effort on positions
# that mean nothing. Let us check that the Keras loss is the formula above,
# on the untrained model:

# %% [given]
loss_fn = keras.losses.SparseCategoricalCrossentropy(ignore_class=IGNORE_INDEX)
batch_ids, batch_labels = ids["train"][:8], labels["train"][:8]
batch_probabilities = tagger.predict(batch_ids, verbose=0)
keras_loss = float(loss_fn(batch_labels, batch_probabilities))
real = batch_labels != IGNORE_INDEX
own_loss = float(-np.log(batch_probabilities[real, batch_labels[real]]).mean())
with_padding = float(-np.log(np.take_along_axis(batch_probabilities, np.maximum(batch_labels, 0)[..., None],
                                                axis=-1)).mean())
self_check("the Keras loss averages over labelled positions only (padding is never counted)",
           abs(keras_loss - own_loss) < 1e-4 and abs(keras_loss - with_padding) > 1e-3,
           f"Keras {keras_loss:.4f}, labelled positions only {own_loss:.4f}, "
           f"unlabelled positions counted as O {with_padding:.4f}")

# %% [markdown]
# **Padding is invisible.** Because of the mask, the predictions for a
# résumé's words must not depend on how much padding follows them. Compare
# a résumé padded to 128 tokens with the same résumé and no padding at all:

# %% [given]
one = ids["test"][:1]
real_length = int(attention["test"][0].sum())
padded_prediction = tagger.predict(one, verbose=0)[0, :real_length]
unpadded_prediction = tagger.predict(one[:, :real_length], verbose=0)[0]
padding_effect = float(np.abs(padded_prediction - unpadded_prediction).max())
self_check("with the padding mask, padding does not change any prediction on real tokens",
           padding_effect < 1e-5, f"largest change {padding_effect:.1e} over {real_length} tokens")

# %% [markdown]
# *Try it:* build a tagger without the mask, give it the same weights and
# repeat the comparison:
#
# ```python
# other = build_tagger(len(tokenizer), len(tag_names), embedding_dim=64, fully_connected_dim=128,
#                      use_padding_mask=False)
# other.set_weights(tagger.get_weights())
# ```
#
# The predictions now move by far more than rounding errors: the words read
# the padding.
#
# ## 5. Training
#
# Adam, batches of 32 résumés, 15 epochs. *Scaled to the CPU:* this takes
# about 10 seconds of computing (the cell prints the time; a busy machine
# takes longer). The validation résumés only draw the learning curves; they
# choose nothing. The accuracy shown counts labelled positions only
# (`masked_accuracy`).

# %% [code]
keras.utils.set_random_seed(1)
tagger.compile(optimizer=keras.optimizers.Adam(learning_rate=5e-3), loss=loss_fn, metrics=[masked_accuracy])
started = time.time()
history = tagger.fit(ids["train"], labels["train"], validation_data=(ids["val"], labels["val"]),
                     epochs=15, batch_size=32, verbose=0)
print(f"training took {time.time() - started:.1f} s; last validation token accuracy "
      f"{history.history['val_masked_accuracy'][-1]:.3f}")
plot_history(history.history)

# %% [markdown]
# ## 6. How good is the tagger?
#
# ### Word-level predictions and two baselines
#
# The model gives a tag to every token; a word's tag is the one predicted at
# its first token (`word_predictions`). We measure on the 50 test résumés,
# word by word, for each entity type $L$:
#
# $$\text{precision}_L = \frac{\#\{\text{words predicted } L \text{ that are } L\}}{\#\{\text{words predicted } L\}}, \qquad
#   \text{recall}_L = \frac{\#\{\text{words predicted } L \text{ that are } L\}}{\#\{\text{words that are } L\}}, \qquad
#   F_1 = \frac{2\,PR}{P + R}.$$
#
# `O` is not an entity and gets no row; the "micro avg" row pools the counts
# of all seven types. (Papers usually count whole entities instead, with the
# `seqeval` library: an entity is right only if all its words are. That is
# stricter, and usually lower.)
#
# Is the tagger any good? Two baselines without attention tell us:
#
# - **most frequent tag**: tag every word `O` (the commonest tag). It finds
#   no entity at all, so its entity F1 is 0;
# - **word lookup**: tag every word with the tag it had most often in the
#   training résumés (`O` if it never appeared). It knows every skill and
#   company in the lists, but it cannot read context.

# %% [given]
test_texts, test_true = split_texts["test"], split_word_tags["test"]
test_words = [len(text.split()) for text in test_texts]
inside = encoder_internals(tagger).predict(ids["test"], verbose=0)
probabilities = inside["probabilities"]
test_pred = [[id2tag[i] for i in row] for row in word_predictions(probabilities, encodings["test"], test_words)]

majority_tag = Counter(tag for row in split_word_tags["train"] for tag in row).most_common(1)[0][0]
majority_pred = [[majority_tag] * n for n in test_words]
lookup = WordLookupTagger().fit(split_texts["train"], split_word_tags["train"])
lookup_pred = lookup.predict(test_texts)

report = entity_report(test_true, test_pred, LABELS)
print_report(report, "Transformer tagger, 50 test résumés")
f1 = {"tagger": report["micro avg"]["f1"],
      "most frequent tag": entity_report(test_true, majority_pred, LABELS)["micro avg"]["f1"],
      "word lookup": entity_report(test_true, lookup_pred, LABELS)["micro avg"]["f1"]}
print()
print_report(entity_report(test_true, lookup_pred, LABELS), "Word-lookup baseline")
print("\nmicro-averaged entity F1:", {name: round(value, 3) for name, value in f1.items()})
self_check("the tagger's entity F1 is far above the most-frequent-tag baseline (by 0.5 or more) "
           "and above the word-lookup baseline by 0.04 or more",
           f1["tagger"] > f1["most frequent tag"] + 0.5 and f1["tagger"] >= f1["word lookup"] + 0.04,
           f"tagger {f1['tagger']:.3f}, most frequent tag ({majority_tag}) {f1['most frequent tag']:.3f}, "
           f"word lookup {f1['word lookup']:.3f}")

# %% [markdown]
# The lookup baseline is strong on this data, because the entities come
# from fixed lists: most words have only one possible tag. Where the
# attention earns its keep is on the **ambiguous** words, those that had
# more than one tag in the training résumés ("oracle", "python", "austin",
# "of", the numbers, ...). On those, context is the only clue:

# %% [given]
seen_tags = {}
for text, row in zip(split_texts["train"], split_word_tags["train"]):
    for word, tag in zip(text.split(), row):
        seen_tags.setdefault(normalize_word(word), set()).add(tag)
ambiguous = {word for word, tags in seen_tags.items() if len(tags) > 1}
hits = Counter()
for text, truth, tagged, looked_up in zip(test_texts, test_true, test_pred, lookup_pred):
    for word, t, p, q in zip(text.split(), truth, tagged, looked_up):
        if normalize_word(word) in ambiguous:
            hits["words"] += 1
            hits["tagger"] += t == p
            hits["lookup"] += t == q
tagger_acc, lookup_acc = hits["tagger"] / hits["words"], hits["lookup"] / hits["words"]
print(f"{len(ambiguous)} ambiguous word forms, e.g. {[w for w in sorted(ambiguous) if not w.isdigit()][:12]}")
self_check("on ambiguous words the tagger is right at least 10 points more often than the word lookup",
           tagger_acc >= lookup_acc + 0.10,
           f"{hits['words']} test words: tagger {tagger_acc:.1%}, lookup {lookup_acc:.1%}")

# %% [markdown]
# ### A held-out résumé, highlighted
#
# Top: the true entities. Bottom: the tagger's, where neighbouring words
# with the same tag are drawn as one span (`tags_to_spans`). Each
# highlight carries its label.

# %% [given]
shown = 1
display(show_entities(test_texts[shown], tags_to_spans(test_texts[shown], test_true[shown]), title="True entities"))
display(show_entities(test_texts[shown], tags_to_spans(test_texts[shown], test_pred[shown]), title="Predicted entities"))
mistakes = [(word, t, p) for word, t, p in zip(test_texts[shown].split(), test_true[shown], test_pred[shown]) if t != p]
print("words tagged wrongly:", mistakes if mistakes else "none")

# %% [markdown]
# ### Inside the model: probabilities and attention
#
# Six skills also begin job titles: Python, Java, SQL, React, Android and
# Salesforce ("Python Developer", "Salesforce Consultant", ...). Let us
# take a stretch of a test résumé around such a title. The first picture
# shows the tag probabilities the tagger gives each token. The second shows
# the self-attention weights between the same tokens, averaged over the two
# heads: row $t$ tells where token $t$ looked when its output vector was
# computed. Only the keys inside the stretch are drawn, so a row need not
# sum to 1. (Tokens are shown as they are written in the résumé, but a word
# missing from the vocabulary reached the model as `[UNK]`.)

# %% [given]
TITLE_SKILLS = ("python", "java", "sql", "react", "android", "salesforce")


def first_title_with_skill():
    """(test résumé, token position) of the first job title that starts with one of TITLE_SKILLS."""
    for index, (text, truth) in enumerate(zip(test_texts, test_true)):
        for w, (word, tag) in enumerate(zip(text.split(), truth)):
            starts_title = tag == "Designation" and (w == 0 or truth[w - 1] != "Designation")
            if starts_title and normalize_word(word) in TITLE_SKILLS:
                return index, encodings["test"].word_ids(index).index(w)
    return 0, 0


where, first_token = first_title_with_skill()
window = slice(max(first_token - 4, 0), first_token + 12)
surface = [test_texts[where][start:end] or "[PAD]" for start, end in encodings["test"]["offset_mapping"][where][window]]
plot_tag_probabilities(probabilities[where, window], surface, tag_names, title=f"Tag probabilities, test résumé {where}")
plot_attention(inside["attention"][where][:, window, window], surface)
title_word = test_texts[where].split()[encodings["test"].word_ids(where)[first_token]]
title_weights = inside["attention"][where][:, first_token, :].mean(axis=0)  # mean over heads, every key
strongest = int(np.argmax(title_weights))
strongest_text = test_texts[where][slice(*encodings["test"]["offset_mapping"][where][strongest])] or "[PAD]"
print(f"{title_word!r} (token {first_token}) puts its largest attention weight, {title_weights[strongest]:.2f}, "
      f"on {strongest_text!r} (token {strongest})")

# %% [markdown]
# Read the row of the title's first word: where does it look? The next
# word of the title ("Developer", "Consultant", ...) is exactly the clue
# that turns a skill into part of a job title, and a word can only see it
# through attention. Other rows are less tidy: weight often goes to a few
# landmark tokens (a number, "at", a section word) that give away which
# part of the résumé a word is in. Change `where` to look at other
# résumés. (Punctuation tokens carry the label `-100`, so whatever the
# model predicts for them was never trained and is never used.)
#
# ### The same word, different vectors
#
# Which vector does the encoder block receive for such a skill word, and
# which one does it pass on? Below, every occurrence of the six words in the
# test résumés is one point, coloured by its true tag: a skill, or part of a
# job title. The vectors are projected on their first two principal
# components (PCA). Left: the encoder's *inputs*, word embedding plus
# position, where two occurrences of "python" differ only by where they
# stand. Right: the encoder's *outputs* $z_t$, from which the last layer
# reads the tag.

# %% [given]
chosen_vectors = {"inputs": [], "outputs": []}
chosen_tags = []
for index, text in enumerate(test_texts):
    word_list, seen = text.split(), set()
    for position, w in enumerate(encodings["test"].word_ids(index)):
        if w is None or w in seen:
            continue
        seen.add(w)  # the first token of each word
        if normalize_word(word_list[w]) in TITLE_SKILLS:
            for part in chosen_vectors:
                chosen_vectors[part].append(inside[part][index, position])
            chosen_tags.append(test_true[index][w])
print(f"{len(chosen_tags)} occurrences:", dict(Counter(chosen_tags)),
      f"(always guessing the commoner role: {max(Counter(chosen_tags).values()) / len(chosen_tags):.0%} right)")
for part in chosen_vectors:  # how well does "nearest tag mean" tell the two roles apart?
    points = np.array(chosen_vectors[part])
    means = {tag: points[[t == tag for t in chosen_tags]].mean(axis=0) for tag in set(chosen_tags)}
    nearest = [min(means, key=lambda tag: np.linalg.norm(point - means[tag])) for point in points]
    print(f"  {part:>7}: {np.mean([n == t for n, t in zip(nearest, chosen_tags)]):.0%} of the occurrences "
          f"lie closer to the mean of their own tag")
plot_pca([(np.array(chosen_vectors["inputs"]), "encoder inputs (word + position)"),
          (np.array(chosen_vectors["outputs"]), "encoder outputs (after attention)")], chosen_tags)

# %% [markdown]
# On the left the two colours overlap: a word enters the encoder with the
# same embedding whatever its role, and only its position differs (which
# hints at the role a little: skill lists come late in a résumé, job titles
# earlier). On the right the roles lie further apart, as the printed shares
# measure: attention has mixed information from the neighbours into each
# vector, and the encoder has turned "a word" into "a word in its
# context". A pretrained model such as DistilBERT does the same with six
# blocks instead of one, after reading billions of words.

# %% [markdown]
# ## 7. Things to try
#
# - Set `ner_utils.LABEL_ALL_TOKENS = True` (then rebuild `encodings` and
#   retrain): punctuation tokens then also learn their word's tag.
# - Train with `positions="learned"` in `build_tagger`, or with more epochs.
# - Use `min_count=1` for the tokenizer: fewer `[UNK]` tokens, but the model
#   then rarely sees `[UNK]` in training.
# - Tag with BIO labels (`B-Skills`, `I-Skills`, ...) so that "Python, SQL"
#   gives two entities, and score whole entities.
#
# ## Summary
#
# - NER as **token classification**: one tag per token, `O` outside entities.
# - Span annotations need cleaning before training: convert the inclusive
#   DataTurks ends to half-open spans, **merge overlaps** so every character
#   has one label, **trim whitespace** at the edges, and map spans to one tag
#   per word.
# - Tokens and words are not the same thing: **align** the labels to the
#   first token of each word and mark everything else, padding included,
#   with `-100` so the loss skips it.
# - A Transformer encoder tags each token after looking at all the others;
#   the **padding mask** keeps padding out of the attention.
# - Always compare with baselines: a word-lookup tagger is strong when
#   entities come from fixed lists; the encoder wins where **context**
#   decides.
