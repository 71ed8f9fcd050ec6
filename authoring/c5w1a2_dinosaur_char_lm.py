# %% [markdown]
# # Dinosaur Island: a character-level language model
#
# Sixty-five million years late, the dinosaurs are back, and the park's
# naming committee has run out of ideas. Your job: teach a small recurrent
# neural network (RNN) to invent new dinosaur names by reading a list of
# existing ones, **one character at a time**.
#
# A *language model* assigns a probability to the next symbol given the ones
# before it. Once trained, it can *generate* text: pick a character from the
# predicted distribution, feed it back in, and repeat until the model chooses
# to stop.
#
# In this lab you will
#
# 1. **clip** gradients so that training cannot blow up,
# 2. **sample** new names from the model, one character at a time,
# 3. write one **optimize** step (forward, backward, clip, update),
# 4. put it together in **model**, train it, and read what it invents.
#
# The forward and backward passes of the RNN are given (you wrote them in the
# previous lab); they live in `dino_utils.py` next to this notebook.
#
# **Rules of the road.** Write your code between the `# YOUR CODE HERE` marker
# and the end of each function, and delete the `raise NotImplementedError()`
# line. Do not rename functions or change their arguments: the grader calls
# them by name.
#
# *Data note.* The original lab used a list of about 1,500 real dinosaur
# names. Here the list is invented by a small program that glues together
# typical name pieces ("tyranno", "stego", "raptor", "saurus", ...); it is
# written to `datasets/dinos.txt` the first time you load it, so no download is
# needed. The optional Shakespeare part of the original lab (which needed a
# pretrained model) is left out.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c5w1a2_dinosaur_char_lm")

# %% [given]
import copy

import matplotlib.pyplot as plt
import numpy as np

from dino_utils import (
    get_initial_loss,
    get_sample,
    initialize_parameters,
    load_dinos,
    print_sample,
    record_losses,
    rnn_backward,
    rnn_forward,
    smooth,
    smoothed_curve,
    softmax,
    update_parameters,
)

%matplotlib inline

# %% [markdown]
# ## 1. The data and the vocabulary
#
# The file holds one name per line. We read it as one long string, lower-case
# it, and collect the distinct characters: the 26 letters plus the newline
# character `"\n"`, which plays the role of the *end-of-name* token (the
# original lab called it `<EOS>`).
#
# Sorting the characters gives each one a fixed index: `"\n"` is 0, `"a"` is
# 1, ..., `"z"` is 26. Two dictionaries translate in both directions.

# %% [given]
data = load_dinos().lower()
chars = sorted(set(data))
data_size, vocab_size = len(data), len(chars)
print(f"The file has {data_size} characters, {vocab_size} of them distinct.")

char_to_ix = {ch: i for i, ch in enumerate(chars)}
ix_to_char = {i: ch for i, ch in enumerate(chars)}
print("index of 'a':", char_to_ix["a"], "  index of newline:", char_to_ix["\n"], "  character 26:", ix_to_char[26])

names = data.split("\n")
print(f"{len(names)} names, for example:", ", ".join(names[:8]))
lengths = [len(name) for name in names]
print(f"average length {np.mean(lengths):.1f} letters (shortest {min(lengths)}, longest {max(lengths)})")

# %% [markdown]
# ## 2. The model
#
# The network reads a name from left to right. At time step $t$ it receives
# the previous character as a one-hot vector $x^{\langle t \rangle}$ of length 27
# (at $t = 1$ there is no previous character, so $x^{\langle 1 \rangle} = \vec 0$),
# updates its hidden state, and predicts a probability for every possible next
# character:
#
# $$a^{\langle t \rangle} = \tanh\left(W_{ax}\, x^{\langle t \rangle} + W_{aa}\, a^{\langle t-1 \rangle} + b_a\right),
# \qquad \hat y^{\langle t \rangle} = \mathrm{softmax}\left(W_{ya}\, a^{\langle t \rangle} + b_y\right).$$
#
# The training target at step $t$ is simply the *next* character of the name,
# so $y^{\langle t \rangle} = x^{\langle t+1 \rangle}$, and the last target is the
# newline. For "rex" the indices are
#
# | step | 1 | 2 | 3 | 4 |
# |---|---|---|---|---|
# | input `X` | `None` (zeros) | r | e | x |
# | target `Y` | r | e | x | `\n` |
#
# The loss of one name is the cross-entropy summed over its steps,
# $\mathcal{L} = -\sum_t \log \hat y^{\langle t \rangle}_{y^{\langle t \rangle}}$.
#
# The parameters are stored in a dictionary with keys `Wax` (n_a, 27),
# `Waa` (n_a, n_a), `Wya` (27, n_a), `ba` (n_a, 1) and `by` (27, 1); their
# gradients use the same names with a `d` in front (`dWax`, ...).
#
# Training repeats, for one name at a time: forward pass and loss
# (`rnn_forward`), backpropagation through time (`rnn_backward`), **clipping**,
# and a gradient-descent update (`update_parameters`). These given helpers are
# imported above.

# %% [markdown]
# ## 3. Gradient clipping
#
# Backpropagation through time multiplies by $W_{aa}$ once per time step.
# When those products grow, a gradient can suddenly become huge (an
# *exploding gradient*) and a single update throws the parameters far away
# from everything learned so far.
#
# A simple and effective remedy is to **clip** every entry of every gradient
# into an interval $[-M, M]$: entries above $M$ become $M$, entries below
# $-M$ become $-M$, everything else is left alone.
#
# ### Exercise 1: `clip`
# Return a clipped copy of the gradient dictionary:
#
# - first make a deep copy with `copy.deepcopy(gradients)`: the caller's
#   dictionary must stay unchanged;
# - then, for each of the five keys `dWax`, `dWaa`, `dWya`, `dba`, `dby`,
#   clip the array of the copy in place with
#   `np.clip(array, -maxValue, maxValue, out=array)`.

# %% [solution] clip

# %% [code]
rng = np.random.default_rng(3)
demo_gradients = {key: rng.normal(0, 10, (3, 2)) for key in ("dWax", "dWaa", "dWya", "dba", "dby")}
clipped = clip(demo_gradients, 10)
print("dWax before:\n", demo_gradients["dWax"].round(2))
print("dWax after clipping to [-10, 10]:\n", clipped["dWax"].round(2))

# %% [tests] clip
public_check("clip", globals())

# %% [markdown]
# ## 4. Sampling new names
#
# A trained model gives, at every step, a probability for each next
# character. To *generate* a name we draw a character from that distribution,
# feed it back in as the next input, and continue until we draw the newline:
#
# 1. Start with $x^{\langle 1 \rangle} = \vec 0$ (shape `(vocab_size, 1)`) and
#    $a^{\langle 0 \rangle} = \vec 0$ (shape `(n_a, 1)`).
# 2. Compute one step of the network:
#    $a = \tanh(W_{ax} x + W_{aa} a_{prev} + b_a)$ and
#    $y = \mathrm{softmax}(W_{ya} a + b_y)$ (use the given `softmax`).
# 3. Draw an index with `np.random.choice(range(vocab_size), p=y.ravel())`
#    and append it to `indices`.
# 4. Make `x` the one-hot vector of that index, and let `a_prev = a`.
#
# Stop when the newline index is drawn, or after 50 characters (an untrained
# model could go on forever); in that second case append the newline index
# yourself, so that every sample ends with it.
#
# **Reproducibility rule (needed for grading).** Keep a counter of the steps
# taken, starting at 0. Right before each draw call
# `np.random.seed(counter + seed)`, and at the end of each step add one to both
# `seed` and `counter`. Read `vocab_size` from the shape of `by` and `n_a`
# from the shape of `Waa`, not from global variables.
#
# Drawing at random, rather than always taking the most likely character, is
# what makes the names varied: the most likely character after "sau" will
# always be the same.
#
# ### Exercise 2: `sample`
# Implement the loop above and return the list of sampled indices.

# %% [solution] sample

# %% [code]
demo_parameters = initialize_parameters(16, vocab_size, vocab_size)
demo_parameters["Wya"] *= 100  # larger weights than at initialisation, so the draw is not uniform
indices = sample(demo_parameters, char_to_ix, 0)
print("indices:", [int(i) for i in indices])
print("as text:", repr(get_sample(indices, ix_to_char)))

# %% [tests] sample
public_check("sample", globals())

# %% [markdown]
# ## 5. One optimisation step
#
# ### Exercise 3: `optimize`
# Train on one name: call the given helpers in this order and return the
# loss, the (clipped) gradients and the last hidden state.
#
# 1. `loss, cache = rnn_forward(X, Y, a_prev, parameters)`
# 2. `gradients, a = rnn_backward(X, Y, parameters, cache)`
# 3. `gradients = clip(gradients, 5)`
# 4. `parameters = update_parameters(parameters, gradients, learning_rate)`
#
# `update_parameters` changes the `parameters` dictionary **in place**: that is
# how the training loop in `model` sees the updated weights, and the grader
# checks the dictionary after the call too. `a` is a dictionary indexed by
# time step; return `a[len(X) - 1]`, the hidden state after the last
# character, so the next name can start from it.

# %% [solution] optimize

# %% [code]
demo_parameters = initialize_parameters(8, vocab_size, vocab_size)
X_demo = [None] + [char_to_ix[c] for c in "rex"]
Y_demo = X_demo[1:] + [char_to_ix["\n"]]
loss_demo, gradients_demo, a_last_demo = optimize(X_demo, Y_demo, np.zeros((8, 1)), demo_parameters, learning_rate=0.01)
print("X =", X_demo, " Y =", Y_demo)
print(f"loss = {float(loss_demo):.4f}  (uniform guessing would give {4 * np.log(27):.4f})")
print("largest |gradient| entry:", max(float(np.abs(g).max()) for g in gradients_demo.values()))
print("a_last shape:", a_last_demo.shape)

# %% [tests] optimize

# %% [markdown]
# ## 6. The training loop
#
# ### Exercise 4: `model`
# Put everything together. **Setup:**
#
# - `parameters = initialize_parameters(n_a, vocab_size, vocab_size)`;
# - `loss = get_initial_loss(vocab_size, dino_names)`, the starting value of
#   the smoothed loss;
# - `examples = [x.strip() for x in data_x]`, then `np.random.seed(0)` and
#   `np.random.shuffle(examples)`, so every run sees the names in the same order;
# - `a_prev = np.zeros((n_a, 1))`.
#
# **Iteration `j`** (for `j` in `range(num_iterations)`):
#
# - pick `examples[j % len(examples)]`, so training cycles through the list;
# - build `X = [None] + [char_to_ix[c] for c in name]` and
#   `Y = X[1:] + [char_to_ix["\n"]]`;
# - `curr_loss, gradients, a_prev = optimize(X, Y, a_prev, parameters, learning_rate=0.01)`;
# - `loss = smooth(loss, curr_loss)`: a running average that makes the curve
#   readable, since the loss of single names jumps around a lot.
#
# **Every 2000 iterations** (when `j % 2000 == 0`), print the iteration and the
# smoothed loss, then sample `dino_names` names with seeds `0, 1, ...,
# dino_names - 1` and print each one. Keep the last sampled text (from
# `get_sample`) in `last_dino_name`. Return `parameters, last_dino_name`.
#
# With `verbose=True` you may print whatever helps you debug, for example the
# first `X` and `Y`.

# %% [solution] model

# %% [code]
tiny_list = ["tyrannosaurus", "stegosaurus", "velociraptor", "triceratops"]
tiny_parameters, tiny_last_name = model(tiny_list, ix_to_char, char_to_ix, num_iterations=10, n_a=8, dino_names=3, verbose=True)
print("last sampled name:", repr(tiny_last_name))

# %% [tests] model

# %% [markdown]
# ## 7. Train on the whole list
#
# Time to train for real. The original lab ran 35,000 iterations; here we run
# **22,001** (a little over fourteen passes through the 1,536 names, about
# ten seconds) to keep the notebook quick. Every 2000 iterations the model
# shows you seven of its inventions. At first they are random letter soup;
# watch typical endings such as "saurus", "raptor" or "don" appear.
#
# To draw the learning curve we wrap your `optimize` while `model` runs, so
# that every loss is recorded (`record_losses` puts your function back
# afterwards).

# %% [given]
with record_losses(globals()) as losses:
    parameters, last_name = model(names, ix_to_char, char_to_ix, num_iterations=scaled(22001, 2001))

# %% [markdown]
# ## 8. The learning curve
#
# The smoothed loss starts at `get_initial_loss(27, 7)` $= 7 \log 27 \approx 23.1$,
# the loss of guessing uniformly over **7** characters. Our names are longer
# (about 13.5 steps including the newline), so the first real losses are
# higher (uniform guessing would cost about $13.5 \log 27 \approx 44$ per
# name) and the smoothed curve first rises towards them. Then learning wins
# and the curve falls clearly below where it started.
#
# The curve is bumpy: each update uses a single name, and the hidden state is
# carried from one name to the next. Training much longer with plain
# gradient descent can even run into a bad patch where the loss jumps up for a
# while; clipping keeps such episodes from destroying the model.

# %% [given]
curve = smoothed_curve(losses, vocab_size, 7)
plt.figure(figsize=(8, 4))
plt.plot(losses, color="lightgray", linewidth=0.5, label="loss of each name")
plt.plot(curve, color="C0", linewidth=2, label="smoothed loss (as printed by model)")
plt.axhline(get_initial_loss(vocab_size, 7), color="C3", linestyle="--", label="initial smoothed loss")
plt.ylim(0, 80)
plt.xlabel("iteration (one name each)")
plt.ylabel("loss")
plt.title("Training the dinosaur-name RNN")
plt.legend()
plt.show()
if len(curve):
    print(f"smoothed loss: {curve[0]:.2f} at the start, {curve[-1]:.2f} at the end")

# %% [markdown]
# ## 9. Before and after
#
# The same sampling seeds, once with freshly initialised parameters and once
# with the trained ones. The untrained model draws almost uniformly, so its
# names are random letters that stop only when the newline happens to be
# drawn (one chance in 27 at each step). The trained model builds names from
# pieces it has seen ("tyranno", "cerat", "saurus", "avis", ...) and ends them
# by itself.
#
# Look closely at the untrained column: several names are shifted copies of
# each other. That is the seeding rule at work: step `counter` of
# `sample(..., seed)` uses seed `seed + 2 * counter`, so seed 2 replays the
# random numbers of seed 0 one step later. A trained model, whose
# probabilities depend on the name so far, quickly hides this.

# %% [given]
untrained = initialize_parameters(50, vocab_size, vocab_size)
print(f"{'untrained':<52} trained")
for seed in range(10):
    before = get_sample(sample(untrained, char_to_ix, seed), ix_to_char).strip() or "(empty name)"
    after = get_sample(sample(parameters, char_to_ix, seed), ix_to_char).strip() or "(empty name)"
    print(f"{before:<52} {after}")

# %% [markdown]
# ## Summary
# - A character-level language model predicts the next character from the
#   ones before it; the newline marks the end of a name.
# - Sampling from the predicted distribution, and feeding the result back in,
#   turns the model into a generator.
# - Gradient clipping is a cheap guard against exploding gradients in RNNs.
# - The training loop is the familiar one (forward, backward, clip, update),
#   applied to one sequence at a time; a smoothed loss shows the trend.
