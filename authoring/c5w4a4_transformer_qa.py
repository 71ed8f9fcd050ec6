# %% [markdown]
# # Question answering with a Transformer
#
# Give a reader a short text and a question, and ask them to *underline* the
# answer in the text. That is **extractive question answering**: the model
# never writes new words, it points at a stretch of the text it was given. It
# does so with two numbers, the position where the answer **starts** and the
# position where it **ends**.
#
# In this practice lab you build the whole pipeline on little stories in the
# style of the bAbI tasks (Weston et al., 2015):
#
# > Mary moved to the bathroom. John went to the living room. Mary journeyed to the kitchen.
# > **Where is Mary?** → *kitchen*
#
# 1. read a story and split it into the question, the facts and the answer
#    (`get_question_and_facts`);
# 2. find where the answer sits in the text, character by character
#    (`get_start_end_idx`);
# 3. cut question and text into tokens and turn the answer's characters into
#    token positions (`tokenize_align`);
# 4. score predicted spans with exact match and F1 (`compute_metrics`), and
#    measure two baselines that never read the question;
# 5. build and train a small Transformer encoder with a start head and an end
#    head;
# 6. turn its two score vectors into one span, look at its answers, and look
#    inside its attention.
#
# **What the original lab used, and why this one is smaller.** The original
# downloaded bAbI task 1 with the Hugging Face `datasets` library and
# fine-tuned **DistilBERT**, a 66-million-parameter Transformer pretrained on
# English Wikipedia and books, with its 30,522-piece WordPiece tokenizer, in
# TensorFlow and in PyTorch. Here nothing is downloaded: the stories are
# generated in code with a fixed seed, the vocabulary has 29 tokens, and the
# model is a one-block Transformer with about 12,000 parameters, trained from
# scratch in a few seconds on a CPU. A world of four people and nine rooms
# needs no knowledge of English, so pretraining would buy nothing; every step
# of the pipeline (spans, offsets, start/end heads, exact match and F1) is the
# one you would use with DistilBERT.
#
# The helpers live in `qa_utils.py` next to this notebook. Read them, change
# them, break them: this lab is not graded. Instead, the notebook checks its
# own claims as it goes; a line `self-check passed: ...` means a claim the text
# makes held on the numbers just computed.

# %% [setup]
from autograder.notebook import self_check, setup_notebook

setup_notebook("c5w4a4_transformer_qa", tensorflow=True)

# %% [given]
import time

import keras
import numpy as np

from qa_utils import (MAX_ANSWER_TOKENS, MAX_LEN, EvalPrediction, alignment_agreement, attention_masks,
                      baseline_spans, best_span, build_qa_model, compute_metrics, get_question_and_facts,
                      get_start_end_idx, load_babi_qa, padding_attention, plot_attention, plot_history, plot_mask,
                      plot_span_probabilities, prepare, show_predictions, span_agreement, span_text,
                      subject_attention, tokenize_align, tokenizer, train_qa_model, valid_spans)

%matplotlib inline

# %% [markdown]
# ## 1. The stories
#
# `load_babi_qa()` writes the stories into `data/` the first time it runs
# (2,000 for training, 400 for testing) and reads them back. Each record keeps
# the layout of the Hugging Face bAbI records: parallel lists, one entry per
# line of the story.
#
# - `text`: the line itself;
# - `type`: 0 for a fact, 1 for a question (here always the last line);
# - `id`: the line number, as a string;
# - `supporting_ids`: for the question, the id of the fact that answers it;
# - `answer`: for the question, the answer; empty for facts.
#
# Four people move between nine rooms, three of which take two words ("living
# room", "dining room", "front porch"), so an answer is a span of one or two
# tokens.

# %% [given]
babi = load_babi_qa()
print(f"{len(babi['train'])} training stories, {len(babi['test'])} test stories\n")
record = babi["train"][0]
for key, values in record["story"].items():
    print(f"{key:>15}: {values}")

# %% [markdown]
# ## 2. Question, facts and the answer's span
#
# `get_question_and_facts(story)` flattens a record: the question line, the
# list of facts before it, the facts joined by spaces into one text (the
# **context** the model will read), the answer, and which fact supports it.

# %% [given]
story = get_question_and_facts(babi["train"][1])
for key, value in story.items():
    print(f"{key:>16}: {value!r}")

# %% [markdown]
# To learn to point at the answer, the model needs the answer's **position**,
# not just its text. `get_start_end_idx(story)` returns the character span
# `[str_idx, end_idx)` of the answer in the context, so that
# `sentences[str_idx:end_idx] == answer`.
#
# A plain search, `sentences.find(answer)`, is tempting, but a room is often
# visited by several people: in "John went to the kitchen. Mary moved to the
# kitchen. Where is Mary?" the first "kitchen" is John's. A model trained on
# that label would learn to point at the wrong sentence. So the helper
# searches **inside the supporting fact** only. How often would the plain
# search have gone wrong?

# %% [given]
span = get_start_end_idx(story)
print(span, "->", repr(story["sentences"][span["str_idx"]:span["end_idx"]]))


def first_occurrence(story):
    start = story["sentences"].find(story["answer"])
    return {"str_idx": start, "end_idx": start + len(story["answer"])}


every_story = babi["train"] + babi["test"]
agreeing, total = span_agreement(every_story)
naive, _ = span_agreement(every_story, find_span=first_occurrence)
print(f"a plain find() would point at another mention of the room in {total - naive} of {total} stories "
      f"({(total - naive) / total:.0%})")

# %% [given]
self_check("every character span spells the answer and lies inside the supporting fact",
           agreeing == total, f"{agreeing}/{total} stories")

# %% [markdown]
# ## 3. Tokens and positions
#
# A Transformer reads **tokens**, not characters. DistilBERT's tokenizer cuts
# text into word pieces and records, for every piece, the characters it came
# from: its *offset mapping*. Our tokenizer keeps whole words and punctuation
# marks, lower-cased, but records offsets in the same way:

# %% [given]
print(tokenizer.tokenize("Mary went to the living room."))
print("vocabulary size:", len(tokenizer))

# %% [markdown]
# `tokenize_align(example)` builds the model's input, the question and the
# context separated by a `[SEP]` token and padded with `[PAD]` (id 0) to
# `MAX_LEN` tokens:
#
# $$\underbrace{\texttt{where is mary ?}}_{\text{question}}\ \texttt{[SEP]}\
#   \underbrace{\texttt{mary moved to the bathroom . john \dots}}_{\text{context}}\
#   \texttt{[PAD]} \dots$$
#
# and converts the character span into token positions in that sequence: the
# start position is the token whose characters contain `str_idx`, the end
# position the token that contains the answer's last character, `end_idx - 1`.
# Both count the question and the `[SEP]` too, because the model scores every
# position of its input. (If a long context had to be cut and the answer fell
# off the end, both positions would be -1; our stories always fit.)

# %% [given]
story.update(get_start_end_idx(story))
encoded = tokenize_align(story)
tokens = tokenizer.decode(encoded["input_ids"])
start, end = encoded["start_positions"], encoded["end_positions"]
print(" ".join(f"{i}:{t}" for i, t in enumerate(tokens)))
print(f"\nstart_positions = {start}, end_positions = {end} -> {tokens[start:end + 1]} (answer {story['answer']!r})")

# %% [markdown]
# `prepare` runs the three helpers on every record and stacks the results into
# arrays. The check below decodes the tokens at `start..end` of every story
# and compares them with the answer.

# %% [given]
train_examples, train = prepare(babi["train"])
test_examples, test = prepare(babi["test"])
print("input_ids:", train["input_ids"].shape, " start_positions:", train["start_positions"].shape)
aligned, total = alignment_agreement(train_examples + test_examples)
longest = int(max((train["input_ids"] != 0).sum(axis=1).max(), (test["input_ids"] != 0).sum(axis=1).max()))
self_check("the token positions spell the answer in every story, and no story was cut",
           aligned == total and longest <= MAX_LEN, f"{aligned}/{total} stories, longest input {longest} of {MAX_LEN} tokens")

# %% [markdown]
# ## 4. Measuring answers
#
# Question-answering benchmarks such as SQuAD report two scores, averaged over
# the questions:
#
# - **exact match (EM)**: 1 if the predicted span is exactly the true span,
#   else 0;
# - **F1**: partial credit for overlap. With $P$ the set of predicted
#   positions and $T$ the true ones,
#
# $$\text{precision} = \frac{|P \cap T|}{|P|}, \qquad \text{recall} = \frac{|P \cap T|}{|T|}, \qquad
#   F_1 = \frac{2 \cdot \text{precision} \cdot \text{recall}}{\text{precision} + \text{recall}},$$
#
# and $F_1 = 0$ when the two spans share nothing.
#
# `compute_metrics(pred)` takes what a Hugging Face `Trainer` passes to such a
# function, an `EvalPrediction` with `predictions` (the start and end, as
# logits or as positions) and `label_ids` (the true start and end positions).
# Two small cases you can check by hand: perfect answers, and a span
# "dining room" predicted as "room ." (one token of two right: precision,
# recall and F1 all $\tfrac{1}{2}$).

# %% [given]
true_starts, true_ends = np.array([10, 20, 31]), np.array([10, 21, 31])
perfect = compute_metrics(EvalPrediction((true_starts, true_ends), (true_starts, true_ends)))
half = compute_metrics(EvalPrediction((np.array([21]), np.array([22])), (np.array([20]), np.array([21]))))
print("perfect:", perfect, "\nhalf overlap:", half)
self_check("compute_metrics gives EM 1 and F1 1 for perfect spans, EM 0 and F1 1/2 for a half-overlapping one",
           perfect == {"exact_match": 1.0, "f1": 1.0} and half["exact_match"] == 0.0 and abs(half["f1"] - 0.5) < 1e-12,
           f"perfect {perfect}, half {half}")

# %% [markdown]
# **Baselines.** Before training anything, how far do simple rules get?
# Neither of these two reads the question:
#
# - *first room*: answer with the first room mentioned in the story;
# - *last room*: answer with the last room mentioned (whoever went there).
#
# The positions are what counts: "kitchen" in the wrong sentence is a wrong
# span, even though the word is right. The table shows both readings.

# %% [given]
test_labels = (test["start_positions"], test["end_positions"])


def word_accuracy(examples, starts, ends):
    """The share of answers whose words are right, wherever they were found."""
    return float(np.mean([span_text(e, s, t) == e["answer"] for e, s, t in zip(examples, starts, ends, strict=True)]))


baselines = {}
for rule in ("first", "last"):
    starts, ends = baseline_spans(test_examples, rule)
    scores = compute_metrics(EvalPrediction((starts, ends), test_labels))
    baselines[f"{rule} room"] = scores["exact_match"]
    print(f"{rule + ' room':>10}: exact match {scores['exact_match']:.3f}, F1 {scores['f1']:.3f}, "
          f"right words {word_accuracy(test_examples, starts, ends):.3f}")

# %% [markdown]
# ## 5. The model
#
# **Embeddings.** Token $i$ of the input becomes a vector of size $d = 32$, the
# sum of three learned embeddings, followed by layer normalisation:
#
# $$x_i = \text{LayerNorm}\big(E_{\text{word}}[w_i] + E_{\text{pos}}[i] + E_{\text{fact}}[f_i]\big).$$
#
# The word embedding says *what* the token is and the position embedding
# *where* it is, as in BERT and DistilBERT (which learn their position
# embeddings too, instead of using the sines and cosines of the original
# Transformer). The third, $E_{\text{fact}}$, numbers the lines: $f_i = 0$ for
# the question and `[SEP]`, 1 for every token of the first fact, 2 for the
# second, and so on. BERT adds a similar *segment* embedding (sentence A or
# B), and memory networks, the classic models for bAbI, give every fact a
# *time* embedding. It makes "which fact is this word in?" and "which fact
# came later?" easy to read.
#
# **Attention.** The encoder block is the one you built in the Transformer lab:
# multi-head self-attention, add & norm, a position-wise feed-forward network,
# add & norm. Each head compares queries with keys,
#
# $$\text{Attention}(Q, K, V) = \text{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}} + M\right)V,$$
#
# where the mask $M$ is 0 where attention is allowed and $-\infty$ where it is
# not. Besides hiding the padding, our mask is **local**: a context token may
# look only at the tokens of its own fact and at the question, while the
# question may look everywhere. Long-document QA models (Longformer, for
# instance) use this very pattern, local attention in the text plus global
# attention for the question, to save computation; here it mainly saves
# *learning*: with a full mask the same model, trained the same way, was
# still no better than the baselines after 6 epochs in our runs, because it
# first has to discover on its own which words belong to which fact. Yellow
# below means "may attend":

# %% [given]
full_mask, local_mask = attention_masks(test["input_ids"][:1])
plot_mask(np.asarray(local_mask)[0], test_examples[0])

# %% [markdown]
# **Start and end heads.** After the encoder every position $i$ has a vector
# $h_i$. Two `Dense(1)` layers turn it into a start score and an end score,
# and a softmax over the positions turns the scores into probabilities:
#
# $$p^{\text{start}}_i = \frac{e^{\,w_s \cdot h_i + b_s}}{\sum_j e^{\,w_s \cdot h_j + b_s}}, \qquad
#   p^{\text{end}}_i = \frac{e^{\,w_e \cdot h_i + b_e}}{\sum_j e^{\,w_e \cdot h_j + b_e}}.$$
#
# Positions that cannot hold an answer (the question, `[SEP]`, padding) get a
# score of $-10^9$, so their probability is 0. Training minimises the
# cross-entropy of both, $\mathcal{L} = -\log p^{\text{start}}_{s^*} - \log
# p^{\text{end}}_{e^*}$, for the true start $s^*$ and end $e^*$: it is a
# classification over positions, twice. DistilBERT's QA head is exactly this
# (one `Dense(2)` layer on top of the encoder).

# %% [given]
keras.utils.set_random_seed(1)
model, attention_model = build_qa_model(len(tokenizer))
print(f"{model.count_params():,} parameters; outputs:",
      {name: tuple(t.shape) for name, t in model.output.items()})

# %% [markdown]
# ## 6. Training
#
# Adam, batches of 16, 6 epochs over the 2,000 training stories; after every
# epoch the exact match and F1 on the 400 test stories are recorded.
#
# *Scaled to a CPU.* The training takes about 10 seconds on a free two-core
# machine (more on a busy one; the cell prints the time). Expect the test
# scores to hover near the baselines for an epoch or two, while the model only
# knows "answers are rooms", and then to climb quickly once it has learnt to
# compare the person in each fact with the person in the question. If you
# change the settings and the curves stay flat, train for more epochs.

# %% [code]
started = time.time()
history = train_qa_model(model, train, test, epochs=6, batch_size=16, learning_rate=3e-3)
print(f"training took {time.time() - started:.1f} s")
plot_history(history, baselines)

# %% [given]
logits = model.predict(test["input_ids"], verbose=0)
pred_starts, pred_ends = best_span(logits["start"], logits["end"])
scores = compute_metrics(EvalPrediction((pred_starts, pred_ends), test_labels))
best_baseline = max(baselines.values())
print(f"model: exact match {scores['exact_match']:.3f}, F1 {scores['f1']:.3f}, "
      f"right words {word_accuracy(test_examples, pred_starts, pred_ends):.3f}")
self_check("on the test stories the model's exact match beats the better baseline by at least 0.4",
           scores["exact_match"] >= best_baseline + 0.4,
           f"model {scores['exact_match']:.3f}, baselines {', '.join(f'{k} {v:.3f}' for k, v in baselines.items())}")

# %% [markdown]
# ## 7. From two score vectors to one span
#
# The heads score starts and ends separately. Taking the two argmaxes on their
# own can produce nonsense, an end *before* the start or a span covering half
# the story, whenever the model hesitates. The **decoding rule** of
# `best_span` (the one used with BERT on SQuAD) scores every pair instead and
# keeps the best legal one:
#
# $$(\hat s, \hat e) = \arg\max_{s \,\le\, e \,<\, s + L}\ \big(z^{\text{start}}_s + z^{\text{end}}_e\big),$$
#
# with $L$ = `MAX_ANSWER_TOKENS` = 3. Adding logits is adding log-probabilities,
# so this is the most probable span if start and end are taken as independent.
# `compute_metrics` uses the same rule when it is given logits.

# %% [given]
independent_starts, independent_ends = logits["start"].argmax(-1), logits["end"].argmax(-1)
print("independent argmaxes with the end before the start:", int((independent_ends < independent_starts).sum()),
      "of", len(independent_starts))
print("independent argmaxes that differ from the decoded span:",
      int(((independent_starts != pred_starts) | (independent_ends != pred_ends)).sum()))
valid, total = valid_spans(test_examples, pred_starts, pred_ends)
self_check(f"after decoding, every span starts before it ends, is at most {MAX_ANSWER_TOKENS} tokens long "
           "and lies in the context", valid == total, f"{valid}/{total} spans")

# %% [markdown]
# ## 8. What the model answers
#
# The predicted span is highlighted (green: exact; orange: overlapping; red:
# wrong) and the true answer is underlined. The stories shown are the first
# three of the test set and, if there are any, the first two mistakes.

# %% [given]
wrong = np.flatnonzero((pred_starts != test_labels[0]) | (pred_ends != test_labels[1]))
rows = [0, 1, 2, *wrong[:2].tolist()]
print(f"{len(wrong)} of {len(test_examples)} test answers differ from the true span")
show_predictions(test_examples, pred_starts, pred_ends, rows)

# %% [markdown]
# How sure is the model? Below, for one story, the start and end
# probabilities of every context token. For a two-word room the start should
# sit on the first word and the end on the second.

# %% [given]
two_word = next(i for i, e in enumerate(test_examples) if e["end_positions"] > e["start_positions"])
example = test_examples[two_word]
first = example["context_start"]
n_real = int((test["input_ids"][two_word] != 0).sum())
probabilities = {name: keras.ops.convert_to_numpy(keras.ops.softmax(logits[name][two_word][None], axis=-1))[0]
                 for name in ("start", "end")}
plot_span_probabilities(tokenizer.decode(example["input_ids"])[first:n_real], probabilities["start"][first:n_real],
                        probabilities["end"][first:n_real], f"{example['question']} (answer: {example['answer']})")

# %% [markdown]
# ## 9. Inside the attention
#
# How does one attention block answer "Where is Mary?"? Every room token must
# find out *who* went there (the name at the start of its fact) and whether
# that is the person asked about (the name in the question); the fact
# embedding then lets the start head prefer the latest fact. The top row of
# the figure shows, head by head, where every room of one story looks; the
# bottom row shows the attention between the question and the context: how
# much each context token looks at each word of the question.
#
# In our run, head 1 sends every room straight to the name of its own fact.
# Head 2 does the same for the facts about *other* people, while the rooms of
# the asked person's facts look at the question instead: the two heads
# disagree exactly on the facts that matter, and the feed-forward layer and
# the start head read that difference. Another run may share out the roles
# differently. (The question tokens' own rows of attention are not shown: with
# a single block nothing reads the question's outputs, only its inputs, so
# those rows never receive a training signal.)

# %% [given]
weights = attention_model.predict(test["input_ids"], verbose=0)["block_1"]
plot_attention(weights[two_word], example)
on_subject = subject_attention(weights, test_examples)
print("mean attention from a room to the person of its own fact, per head:", np.round(on_subject, 3))

# %% [markdown]
# Heads are free to split the work as they like, and their roles change from
# one training run to the next, but to compare the two names some head has to
# look from each room at the person of its own fact. Across all the room
# mentions of the test stories:

# %% [given]
self_check("one attention head looks from each room mainly at the person of its own fact",
           on_subject.max() > 0.4, f"mean weight {on_subject.max():.2f} in head {int(on_subject.argmax()) + 1}; "
           f"a uniform look over a fact and the question would give about 0.1")
largest = padding_attention(weights, test["input_ids"])
self_check("no token gives any attention to padding", largest < 1e-6, f"largest weight on a padding token {largest:.1e}")

# %% [markdown]
# ## Summary
#
# - Extractive QA predicts **where** the answer is: a start position and an
#   end position in the context, each a classification over positions.
# - The data preparation is most of the work: flatten the record, find the
#   answer's characters in the *right* sentence (the supporting fact), then map
#   characters to tokens through the tokenizer's offsets.
# - **Exact match** and **F1** score the spans; simple baselines tell you
#   whether a score means anything.
# - A Transformer encoder with two `Dense` heads learns the task; a decoding
#   rule over pairs keeps every answer a legal span.
# - Attention masks are not only for padding: a local mask can build the
#   structure of the text into the model.
#
# *Try it yourself.* Each takes about as long as the training above; rebuild
# the model with `build_qa_model(len(tokenizer), ...)` and train it with the
# same call.
#
# - `local_first_block=False` (full attention everywhere): in our runs the
#   exact match was still 0.33 after 6 epochs, next to the baselines. How many
#   epochs does it need?
# - `use_sentence_embedding=False`: in our runs it learnt *faster* at first
#   (0.68 after one epoch) but stalled near 0.80. Look at its mistakes: which
#   fact does it pick when a person moved twice?
# - `num_blocks=2` (the second block attends everywhere): does the extra block
#   help, or only cost time?
