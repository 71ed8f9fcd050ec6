# %% [markdown]
# # Neural machine translation with attention: reading dates
#
# People write dates in many ways: "7 june 2004", "21.07.05", "friday august
# 14 1987", "june 3rd 2011". Computers prefer one: the ISO format
# `YYYY-MM-DD`. In this lab you build a sequence-to-sequence model that
# *translates* a human-readable date into its ISO form, and you give it an
# **attention mechanism**: at every output character the model decides which
# input characters to look at.
#
# Date translation is a small stand-in for translating sentences between
# languages, but it keeps the essential difficulty: the output is produced one
# symbol at a time, and each output symbol depends on a different part of the
# input (the year sits at the end of "7 june 2004", has only two digits in
# "21.07.05", and the month is a word in one and a number in the other).
#
# You will
#
# 1. implement `one_step_attention`, which computes the attention weights and
#    the context vector for one output step,
# 2. implement `modelf`, the full Keras model that calls it `Ty` times,
# 3. compile the model with the right optimizer and loss,
# 4. train it briefly, translate a few dates, and look at the attention map.
#
# **Rules of the road.** Write your code between `# YOUR CODE HERE` and the end
# of each function (delete the `raise NotImplementedError()` line). Do not
# rename functions or change their arguments: the grader calls them by name.
#
# *Data note.* The original lab drew its dates from a fake-data library. Here
# they come from a small generator in the course package (uniform dates between
# 1970 and 2030, fifteen written formats), made on the fly: nothing is
# downloaded.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c5w3a1_nmt_attention", tensorflow=True)

# %% [given]
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras.layers import LSTM, Activation, Bidirectional, Concatenate, Dense, Dot, Input, RepeatVector
from keras.models import Model
from keras.optimizers import Adam
from keras.optimizers.schedules import InverseTimeDecay

from nmt_utils import (attention_weights, int_to_string, load_dataset, plot_attention_map,
                       preprocess_data, softmax, string_to_int)

%matplotlib inline

# %% [markdown]
# ## 1. The data
#
# `load_dataset(m)` returns `m` pairs `(human-readable date, ISO date)` and
# three dictionaries:
#
# - `human_vocab` maps every character that appears in the human dates to an
#   index, plus two special symbols: `<unk>` (unknown character) and `<pad>`
#   (padding at the end of short strings);
# - `machine_vocab` maps the 11 characters of ISO dates (the ten digits and `-`)
#   to indices, and `inv_machine_vocab` maps indices back to characters.

# %% [given]
m = 10000
dataset, human_vocab, machine_vocab, inv_machine_vocab = load_dataset(m)

for human, machine in dataset[:10]:
    print(f"{human:>28}  ->  {machine}")
print(f"\n{len(human_vocab)} input symbols, {len(machine_vocab)} output symbols")

# %% [markdown]
# Every input is cut or padded to `Tx = 30` characters (more than the longest
# date) and every output has exactly `Ty = 10` characters. `preprocess_data`
# turns the strings into index arrays `X` `(m, Tx)` and `Y` `(m, Ty)`, and into
# their one-hot versions `Xoh` `(m, Tx, len(human_vocab))` and `Yoh`
# `(m, Ty, len(machine_vocab))`: the network reads and writes one-hot vectors.

# %% [given]
Tx = 30
Ty = 10
X, Y, Xoh, Yoh = preprocess_data(dataset, human_vocab, machine_vocab, Tx, Ty)

print("X.shape:  ", X.shape)
print("Y.shape:  ", Y.shape)
print("Xoh.shape:", Xoh.shape)
print("Yoh.shape:", Yoh.shape)

index = 0
print("\nsource date:", dataset[index][0])
print("target date:", dataset[index][1])
print("source indices:", X[index])
print("target indices:", Y[index])

# %% [markdown]
# ## 2. The attention model
#
# The model has two recurrent networks.
#
# - A **pre-attention bidirectional LSTM** reads the whole input and produces,
#   for every input position $t'$, a vector
#   $a^{\langle t' \rangle} = [\overrightarrow{a}^{\langle t' \rangle}; \overleftarrow{a}^{\langle t' \rangle}]$
#   of size $2 n_a$ that describes the character at $t'$ in the light of its
#   neighbours on both sides.
# - A **post-attention LSTM** writes the output, one character per step
#   $t = 1, \dots, T_y$. Its hidden state $s^{\langle t \rangle}$ is passed from
#   step to step, and a softmax layer turns it into the predicted character
#   $\hat y^{\langle t \rangle}$.
#
# Attention connects the two. At output step $t$ the model scores every input
# position with a small neural network that sees the previous output state
# $s^{\langle t-1 \rangle}$ and the input vector $a^{\langle t' \rangle}$: these
# scores are the **energies** $e^{\langle t, t' \rangle}$. A softmax over the
# input positions turns them into **attention weights**
#
# $$\alpha^{\langle t, t' \rangle} = \frac{\exp\left(e^{\langle t, t' \rangle}\right)}{\sum_{t''=1}^{T_x} \exp\left(e^{\langle t, t'' \rangle}\right)},$$
#
# which are positive and add up to 1 over $t'$. The **context vector** is the
# weighted average of the input vectors,
#
# $$\text{context}^{\langle t \rangle} = \sum_{t'=1}^{T_x} \alpha^{\langle t, t' \rangle} a^{\langle t' \rangle},$$
#
# and it is the input of the post-attention LSTM at step $t$. If the model
# puts nearly all the weight on one position, the context is essentially that
# position's vector: the model "looks at" that character.
#
# **Shared layers.** The same attention network must be used at every output
# step, so its layers are created once, as global variables, and called again
# at each step (Keras then shares their weights). The cell below creates them
# with the function `create_shared_layers()`, which you will call again
# whenever you need fresh ones: the grader, for example, tests your functions
# with its own small, seeded versions of these layers, and calling
# `create_shared_layers()` afterwards puts the notebook's full-size layers back.
# `activator` applies `softmax` over axis 1, which is the $T_x$ axis of the
# `(m, Tx, 1)` energies, and `dotor` computes the weighted sum over that axis.
#
# *A note on `densor2`.* The energies go through a ReLU. If the ReLU outputs 0
# for every input position, all energies are equal, the softmax gives every
# position the same weight $1/T_x$, and no gradient flows back into the
# attention network: the model never learns where to look. Starting
# `densor2` with a small positive bias (0.5) makes this "dead ReLU" much less
# likely in our short training run.

# %% [given]
n_a = 32  # hidden state size of the pre-attention Bi-LSTM
n_s = 64  # hidden state size of the post-attention LSTM


def create_shared_layers():
    """(Re)create the shared layers as global variables, with fresh weights."""
    global repeator, concatenator, densor1, densor2, activator, dotor, post_activation_LSTM_cell, output_layer
    repeator = RepeatVector(Tx)
    concatenator = Concatenate(axis=-1)
    densor1 = Dense(10, activation="tanh")
    # a small positive bias keeps the ReLU energies alive at the start (see the note above)
    densor2 = Dense(1, activation="relu", bias_initializer=keras.initializers.Constant(0.5))
    activator = Activation(softmax, name="attention_weights")  # softmax over the Tx axis
    dotor = Dot(axes=1)
    post_activation_LSTM_cell = LSTM(n_s, return_state=True)
    output_layer = Dense(len(machine_vocab), activation=softmax)


create_shared_layers()

# %% [markdown]
# ### Exercise 1: `one_step_attention`
#
# Compute the context vector of one output step from `a` (shape
# `(m, Tx, 2*n_a)`) and the previous post-attention state `s_prev` (shape
# `(m, n_s)`), using only the shared layers above:
#
# 1. `repeator` copies `s_prev` `Tx` times, to shape `(m, Tx, n_s)`, so that it
#    can sit next to every $a^{\langle t' \rangle}$;
# 2. `concatenator` joins `a` and the repeated `s_prev` along the last axis
#    (pass them as a list, **`a` first**);
# 3. `densor1` and then `densor2` compute the energies, shape `(m, Tx, 1)`;
# 4. `activator` turns the energies into the weights `alphas`;
# 5. `dotor` combines `alphas` and `a` (a list, **`alphas` first**) into the
#    context, shape `(m, 1, 2*n_a)`.
#
# A Keras layer is called like a function: `densor1(concat)`.

# %% [solution] one_step_attention

# %% [code]
a_demo = np.random.randn(2, Tx, 2 * n_a).astype(np.float32)
s_demo = np.random.randn(2, n_s).astype(np.float32)
context_demo = one_step_attention(a_demo, s_demo)
print("context shape:", tuple(context_demo.shape), " (expected (2, 1, 64))")

# %% [tests] one_step_attention

# %% [markdown]
# ### Exercise 2: `modelf`
#
# Now assemble the whole model with the Keras functional API.
#
# 1. Create three inputs: `X = Input(shape=(Tx, human_vocab_size))` and the
#    initial post-attention states `s0 = Input(shape=(n_s,), name='s0')` and
#    `c0 = Input(shape=(n_s,), name='c0')`. Start with `s = s0` and `c = c0`,
#    and an empty list `outputs`.
# 2. Run the pre-attention network:
#    `a = Bidirectional(LSTM(n_a, return_sequences=True))(X)`, shape
#    `(None, Tx, 2*n_a)` (`return_sequences=True` keeps one vector per input
#    position).
# 3. Repeat `Ty` times:
#    - compute the `context` with `one_step_attention(a, s)`;
#    - run one step of the post-attention LSTM:
#      `s, _, c = post_activation_LSTM_cell(context, initial_state=[s, c])`.
#      With `return_state=True` the layer returns its output and its two
#      states (hidden and cell); the output equals the hidden state, so you
#      keep the hidden state `s` and the cell state `c`. (In Keras 3 the input
#      is passed positionally: the Keras 2 keyword `inputs=` no longer exists.)
#    - apply `output_layer` to `s` and append the result to `outputs`.
# 4. Return `Model(inputs=[X, s0, c0], outputs=outputs)`.

# %% [solution] modelf

# %% [code]
create_shared_layers()  # full-size layers (the tests above may have swapped in small ones)
demo_model = modelf(Tx, Ty, n_a, n_s, len(human_vocab), len(machine_vocab))
print("inputs: ", [tuple(t.shape) for t in demo_model.inputs])
print("outputs:", len(demo_model.outputs), "tensors of shape", tuple(demo_model.outputs[0].shape))

# %% [tests] modelf

# %% [markdown]
# ## 3. Build and compile the model
#
# The cell below creates the shared layers afresh (so the model starts from
# newly initialised weights, whatever ran before) and builds the model you
# will train. Look at the
# layer list: the attention layers appear once, although they are used at all
# `Ty` steps, because their weights are shared.

# %% [given]
create_shared_layers()
model = modelf(Tx, Ty, n_a, n_s, len(human_vocab), len(machine_vocab))
for layer in model.layers:
    shape = layer.output[0].shape if isinstance(layer.output, list) else layer.output.shape
    print(f"{type(layer).__name__:>14}  output {str(tuple(shape)):>16}  {layer.count_params():>6} parameters")
print(f"total: {model.count_params()} parameters")

# %% [markdown]
# ### Exercise 3: compile the model
#
# Create an Adam optimizer `opt` whose learning rate starts at 0.005 and
# decays after every training step as
#
# $$\alpha_k = \frac{0.005}{1 + 0.01\,k} \qquad (k = \text{number of steps taken}),$$
#
# with $\beta_1 = 0.9$ and $\beta_2 = 0.999$. In Keras 3 such a decay is a
# *learning-rate schedule*:
# `InverseTimeDecay(0.005, decay_steps=1, decay_rate=0.01)`, passed as
# `learning_rate=` (the Keras 2 arguments `lr=` and `decay=` are gone).
#
# Then compile `model` with the `'categorical_crossentropy'` loss, your `opt`,
# and one `'accuracy'` metric per output: `metrics=['accuracy'] * Ty`.

# %% [solution-cell] compile
# Create `opt` (Adam with an InverseTimeDecay learning rate), then compile `model`.

# %% [tests] compile

# %% [markdown]
# ## 4. Train the model (briefly)
#
# The model has `Ty` outputs, so the targets are a list of `Ty` arrays of shape
# `(m, 11)`: `Yoh.swapaxes(0, 1)` puts the time axis first. The initial states
# `s0` and `c0` are zeros.
#
# *Honest timing note.* To keep the whole notebook under a minute on a small
# machine, the model trains for only **4 epochs**. Most of the first epoch is
# a one-off cost: Keras compiles the training step of this unrolled model
# before the first batch; later epochs take a few seconds each. Four epochs
# are enough to see the loss fall and the easy characters (the dashes, the
# century digits) come out right, but far from enough to read every date
# correctly: the original lab loaded a model trained much longer. Train for
# more epochs (say 20 or more, a few minutes) and the translations keep
# improving. Feel free to come back and try.

# %% [given]
s0 = np.zeros((m, n_s), dtype=np.float32)
c0 = np.zeros((m, n_s), dtype=np.float32)
outputs = list(Yoh.swapaxes(0, 1))

# (while grading, a token run: the grade does not depend on this training)
train_size = scaled(m, 200)
history = model.fit([Xoh[:train_size], s0[:train_size], c0[:train_size]], [y[:train_size] for y in outputs],
                    epochs=scaled(4, 1), batch_size=100, verbose=2)
print("training loss per epoch:", [round(value, 3) for value in history.history["loss"]])

# %% [markdown]
# How good is the model on dates it has never seen? The cell below generates
# 500 new dates and measures, for every output position, how often the
# predicted character is right. Positions with a fixed answer (the dashes) or
# few likely answers (the century "19"/"20") are learned first; the day and
# the last digit of the year need the attention to find the right input
# characters, and take longer.

# %% [given]
fresh, _, _, _ = load_dataset(m + 500)
fresh = fresh[m:]
_, Y_fresh, Xoh_fresh, _ = preprocess_data(fresh, human_vocab, machine_vocab, Tx, Ty)
zeros_fresh = np.zeros((len(fresh), n_s), dtype=np.float32)
probabilities = model([Xoh_fresh, zeros_fresh, zeros_fresh], training=False)
predicted = np.stack([np.argmax(np.asarray(p), axis=-1) for p in probabilities], axis=1)
position_accuracy = (predicted == Y_fresh).mean(axis=0)

plt.figure(figsize=(7, 3.2))
plt.bar(range(Ty), position_accuracy, color="tab:blue")
plt.xticks(range(Ty), list("YYYY-MM-DD"))
plt.ylim(0, 1)
plt.ylabel("accuracy on new dates")
plt.title("Which output characters the model already gets right")
plt.show()
print(f"whole dates exactly right: {np.mean(np.all(predicted == Y_fresh, axis=1)):.1%}")

# %% [markdown]
# Now translate a few dates of your own (edit the list if you like).

# %% [code]
EXAMPLES = ["3 may 1979", "5 apr 2009", "august 21st 2016", "tue 10 jul 2007",
            "saturday may 9 2018", "3/1/01", "march 3rd 2001", "1 march 2001"]
zero_state = np.zeros((1, n_s), dtype=np.float32)
for example in EXAMPLES:
    source = np.array(string_to_int(example, Tx, human_vocab))
    source_oh = np.eye(len(human_vocab), dtype=np.float32)[source][None]
    prediction = model([source_oh, zero_state, zero_state], training=False)
    characters = int_to_string([int(np.argmax(np.asarray(p)[0])) for p in prediction], inv_machine_vocab)
    print(f"{example:>22}  ->  {''.join(characters)}")

# %% [markdown]
# ## 5. Where does the model look?
#
# The attention weights $\alpha^{\langle t, t' \rangle}$ can be read out of the
# model: `plot_attention_map` shows them as a grid, one row per output
# character and one column per input character. Each row is a probability
# distribution over the input positions (it sums to 1). After full training
# the map becomes sharp: the year digits of the output look at the year in the
# input, the month digits at the month name, and so on. After our four short
# epochs most rows are still spread almost evenly over the input, but the
# first rows typically show the idea already: the year digits of the output
# concentrate on the year digits at the end of the input.

# %% [given]
attention_map = plot_attention_map(model, human_vocab, inv_machine_vocab, "tuesday 9 april 2013",
                                   n_s=n_s, Tx=Tx, Ty=Ty)
print("row sums (one per output character):", np.round(attention_map.sum(axis=1), 4))

# %% [markdown]
# ## Summary
#
# - An encoder-decoder without attention must squeeze the whole input into one
#   vector; attention lets every output step build its own summary of the
#   input, a weighted average with weights that sum to 1.
# - The weights come from a small network that compares the decoder's previous
#   state with every encoder vector, followed by a softmax over the input
#   positions.
# - In Keras, layers shared across time steps are created once and called
#   repeatedly; the model then has `Ty` outputs, each with its own loss and
#   metric.
# - The attention map is a built-in explanation of what the model looks at.
