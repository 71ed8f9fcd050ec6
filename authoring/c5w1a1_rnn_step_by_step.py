# %% [markdown]
# # Recurrent networks, one time step at a time
#
# Text, speech, music and sensor readings arrive as **sequences**, and what an
# element means often depends on what came before it. A recurrent neural
# network (RNN) reads a sequence one element at a time and carries a **hidden
# state** from each step to the next: a running summary of everything it has
# read so far. The same weights are used at every step, so one small network
# can read sequences of any length.
#
# In this lab you write, in NumPy:
#
# 1. the cell of a **basic RNN** and its forward pass over a whole sequence;
# 2. the cell of a **long short-term memory** (LSTM) network, whose gates let
#    it keep information for many steps, and its forward pass;
# 3. *optional:* the **backward passes** of both, checked against a numerical
#    estimate of the gradient.
#
# Then an experiment shows what the gates buy: how long each network still
# "remembers" the first element of its input.
#
# **Rules of the road.** In each exercise, replace the `# YOUR CODE HERE` and
# `raise NotImplementedError()` lines with your code. Do not rename functions
# or change their arguments: the grader calls them by name. Each cell works on
# a whole mini-batch at once (no loop over examples); the only loop you need
# is the one over time steps.
#
# *Data note.* This lab needs no data set: the tests and demos use random
# arrays with fixed seeds.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c5w1a1_rnn_step_by_step")

# %% [given]
import matplotlib.pyplot as plt
import numpy as np

from rnn_step_utils import (
    check_lstm_backward,
    check_lstm_cell_backward,
    check_rnn_backward,
    check_rnn_cell_backward,
    memory_curves,
    plot_memory,
    sigmoid,
    softmax,
)

%matplotlib inline

# %% [markdown]
# ## 1. Notation and shapes
#
# - A superscript $\langle t \rangle$ is a **time step**: $x^{\langle t \rangle}$
#   is the input at step $t$, and $a^{\langle t \rangle}$ the hidden state
#   after reading it.
# - A superscript $(i)$ is an **example**, and $[l]$ a **layer**, as before.
# - We process $m$ sequences together, all of length $T_x$. An input of
#   $n_x$ numbers per step (for instance a one-hot vector over a vocabulary
#   of $n_x$ words) gives the 3-D array `x` of shape $(n_x, m, T_x)$; the
#   input at step `t` is the 2-D slice `x[:, :, t]` of shape $(n_x, m)$.
# - The hidden state has $n_a$ units, so $a^{\langle t \rangle}$ has shape
#   $(n_a, m)$, and all of them together form `a` of shape $(n_a, m, T_x)$.
# - A prediction $\hat y^{\langle t \rangle}$ has $n_y$ entries per example:
#   shape $(n_y, m)$ per step, `y_pred` of shape $(n_y, m, T_x)$ in all.
#
# Our RNNs read a sequence and predict something at every step, so the input
# and the output have the same length, $T_x = T_y$.
#
# ## 2. The basic RNN cell
#
# At each step, the cell mixes the new input with the previous hidden state,
# squashes the result with $\tanh$, and reads a prediction off the new state:
#
# $$a^{\langle t \rangle} = \tanh\left(W_{aa}\, a^{\langle t-1 \rangle} + W_{ax}\, x^{\langle t \rangle} + b_a\right)$$
#
# $$\hat y^{\langle t \rangle} = \operatorname{softmax}\left(W_{ya}\, a^{\langle t \rangle} + b_y\right)$$
#
# The subscripts tell you what a matrix does: $W_{ax}$ turns an $x$-like
# quantity into an $a$-like one. Its shape is $(n_a, n_x)$; $W_{aa}$ is
# $(n_a, n_a)$, $W_{ya}$ is $(n_y, n_a)$, and the biases are columns
# $b_a$ $(n_a, 1)$ and $b_y$ $(n_y, 1)$ that NumPy broadcasts over the $m$ examples.
#
# ### Exercise 1: `rnn_cell_forward`
# Implement the two equations with `np.dot`, `np.tanh` and the given
# `softmax` (which normalises each column, that is over axis 0). Return the
# cache `(a_next, a_prev, xt, parameters)`: the backward pass will need it.

# %% [solution] rnn_cell_forward

# %% [code]
np.random.seed(1)
xt_tmp = np.random.randn(3, 10)
a_prev_tmp = np.random.randn(5, 10)
parameters_tmp = {
    "Waa": np.random.randn(5, 5),
    "Wax": np.random.randn(5, 3),
    "Wya": np.random.randn(2, 5),
    "ba": np.random.randn(5, 1),
    "by": np.random.randn(2, 1),
}
a_next_tmp, yt_pred_tmp, cache_tmp = rnn_cell_forward(xt_tmp, a_prev_tmp, parameters_tmp)
print("a_next[4] =", a_next_tmp[4])
print("a_next.shape =", a_next_tmp.shape, "  yt_pred.shape =", yt_pred_tmp.shape)
print("each column of yt_pred sums to 1:", np.allclose(yt_pred_tmp.sum(axis=0), 1))

# %% [tests] rnn_cell_forward
public_check("rnn_cell_forward", globals())

# %% [markdown]
# ## 3. The RNN over a whole sequence
#
# A recurrent network is the same cell applied again and again, each time to
# the next input and to the state the previous step produced:
#
# $$a^{\langle 0 \rangle} \;\rightarrow\; \text{cell}(x^{\langle 1 \rangle}) \;\rightarrow\; a^{\langle 1 \rangle} \;\rightarrow\; \text{cell}(x^{\langle 2 \rangle}) \;\rightarrow\; a^{\langle 2 \rangle} \;\rightarrow\; \cdots \;\rightarrow\; a^{\langle T_x \rangle}$$
#
# Every step uses the **same** parameters. That is what lets the network
# handle sequences of any length, and what makes it recognise a pattern
# wherever in the sequence it appears. The initial state $a^{\langle 0 \rangle}$
# is an input of the forward pass (often zeros).
#
# ### Exercise 2: `rnn_forward`
# 1. Read $n_x, m, T_x$ from `x.shape` and $n_y, n_a$ from `parameters["Wya"].shape`.
# 2. Create `a` and `y_pred` full of zeros, and an empty list `caches`.
# 3. Start with `a_next = a0`. For each `t` in `range(T_x)`: call
#    `rnn_cell_forward` on `x[:, :, t]` and the current state, store the new
#    state in `a[:, :, t]` and the prediction in `y_pred[:, :, t]`, and
#    append the cache.
# 4. Return `a`, `y_pred` and `caches = (caches, x)`.

# %% [solution] rnn_forward

# %% [code]
np.random.seed(1)
x_tmp = np.random.randn(3, 10, 4)
a0_tmp = np.random.randn(5, 10)
parameters_tmp = {
    "Waa": np.random.randn(5, 5),
    "Wax": np.random.randn(5, 3),
    "Wya": np.random.randn(2, 5),
    "ba": np.random.randn(5, 1),
    "by": np.random.randn(2, 1),
}
a_tmp, y_pred_tmp, caches_tmp = rnn_forward(x_tmp, a0_tmp, parameters_tmp)
print("a[4][1] =", a_tmp[4][1])
print("a.shape =", a_tmp.shape, "  y_pred.shape =", y_pred_tmp.shape, "  len(caches[0]) =", len(caches_tmp[0]))

# %% [tests] rnn_forward
public_check("rnn_forward", globals())

# %% [markdown]
# ## 4. Long short-term memory (LSTM)
#
# A basic RNN struggles to connect things that are far apart in a sequence.
# In *"The **keys** to the old cabinet in the hall **are** on the table"*,
# the verb agrees with a noun that came eight words earlier. The state is rewritten
# completely at every step: multiplied by $W_{aa}$, squashed by $\tanh$. A
# trace of an early input fades a little more with each step, and so does the
# gradient that would teach the network to use it (the **vanishing gradient**
# problem).
#
# The LSTM adds a second state, the **memory cell** $c^{\langle t \rangle}$,
# and three **gates**: vectors of numbers between 0 and 1 (sigmoid outputs)
# that act as soft switches, entry by entry. All of them look at the same
# information, the previous hidden state stacked on top of the new input:
#
# $$\text{concat} = \begin{bmatrix} a^{\langle t-1 \rangle} \\ x^{\langle t \rangle} \end{bmatrix} \quad \text{of shape } (n_a + n_x, m)$$
#
# | | formula | role |
# |---|---|---|
# | forget gate | $\Gamma_f = \sigma(W_f\, \text{concat} + b_f)$ | how much of each entry of the old memory to **keep** (1: keep all, 0: erase) |
# | update (input) gate | $\Gamma_i = \sigma(W_i\, \text{concat} + b_i)$ | how much of the candidate to **write** |
# | candidate value | $\tilde c^{\langle t \rangle} = \tanh(W_c\, \text{concat} + b_c)$ | the new information, between −1 and 1 |
# | memory cell | $c^{\langle t \rangle} = \Gamma_f \odot c^{\langle t-1 \rangle} + \Gamma_i \odot \tilde c^{\langle t \rangle}$ | keep part of the old, add part of the new |
# | output gate | $\Gamma_o = \sigma(W_o\, \text{concat} + b_o)$ | how much of the memory to **show** |
# | hidden state | $a^{\langle t \rangle} = \Gamma_o \odot \tanh(c^{\langle t \rangle})$ | what the next step and the prediction see |
# | prediction | $\hat y^{\langle t \rangle} = \operatorname{softmax}(W_y\, a^{\langle t \rangle} + b_y)$ | as in the basic RNN |
#
# Here $\odot$ is the entry-by-entry product (`*` in NumPy). The weights
# $W_f, W_i, W_c, W_o$ have shape $(n_a, n_a + n_x)$ and the biases $(n_a, 1)$.
#
# The key line is the memory update. When the forget gate is close to 1 and
# the update gate close to 0, $c^{\langle t \rangle} \approx c^{\langle t-1 \rangle}$:
# the memory passes through the step **unchanged**, neither multiplied by a
# weight matrix nor squashed. Information (and gradient) can travel across
# many steps this way, for as long as the gates keep that path open.
#
# ### Exercise 3: `lstm_cell_forward`
# 1. Build `concat` with `np.concatenate` along axis 0, `a_prev` on top.
# 2. Compute `ft`, `it`, `cct`, `c_next`, `ot` and `a_next` with the formulas
#    above (the given `sigmoid` and `np.tanh`), then `yt_pred`.
# 3. Return them with the cache `(a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)`.

# %% [solution] lstm_cell_forward

# %% [code]
np.random.seed(1)
xt_tmp = np.random.randn(3, 10)
a_prev_tmp = np.random.randn(5, 10)
c_prev_tmp = np.random.randn(5, 10)
parameters_tmp = {name: np.random.randn(5, 5 + 3) for name in ("Wf", "Wi", "Wc", "Wo")}
parameters_tmp.update({name: np.random.randn(5, 1) for name in ("bf", "bi", "bc", "bo")})
parameters_tmp.update({"Wy": np.random.randn(2, 5), "by": np.random.randn(2, 1)})
a_next_tmp, c_next_tmp, yt_tmp, cache_tmp = lstm_cell_forward(xt_tmp, a_prev_tmp, c_prev_tmp, parameters_tmp)
print("a_next[4] =", a_next_tmp[4])
print("c_next[2] =", c_next_tmp[2])
print("a_next.shape =", a_next_tmp.shape, "  c_next.shape =", c_next_tmp.shape, "  yt.shape =", yt_tmp.shape)
print("gates lie in (0, 1):", all(0 < g.min() and g.max() < 1 for g in cache_tmp[4:6] + cache_tmp[7:8]))

# %% [tests] lstm_cell_forward
public_check("lstm_cell_forward", globals())

# %% [markdown]
# ## 5. The LSTM over a whole sequence
#
# The loop is the one of `rnn_forward`, with two states passed from step to
# step instead of one. The memory cell starts empty, $c^{\langle 0 \rangle} = 0$.
#
# ### Exercise 4: `lstm_forward`
# Read $n_y, n_a$ from `parameters["Wy"].shape`. Create `a`, `c` and `y` full
# of zeros, start from `a_next = a0` and `c_next` zeros of shape $(n_a, m)$,
# and at each step store the new hidden state, memory cell and prediction.
# Return `a, y, c, caches` with `caches = (caches, x)`. Mind the order: `y`
# comes before `c`.

# %% [solution] lstm_forward

# %% [code]
np.random.seed(1)
x_tmp = np.random.randn(3, 10, 7)
a0_tmp = np.random.randn(5, 10)
parameters_tmp = {name: np.random.randn(5, 5 + 3) for name in ("Wf", "Wi", "Wc", "Wo")}
parameters_tmp.update({name: np.random.randn(5, 1) for name in ("bf", "bi", "bc", "bo")})
parameters_tmp.update({"Wy": np.random.randn(2, 5), "by": np.random.randn(2, 1)})
a_tmp, y_tmp, c_tmp, caches_tmp = lstm_forward(x_tmp, a0_tmp, parameters_tmp)
print("a[4][3][6] =", a_tmp[4][3][6])
print("a.shape =", a_tmp.shape, "  y.shape =", y_tmp.shape, "  c.shape =", c_tmp.shape, "  len(caches[0]) =", len(caches_tmp[0]))

# %% [tests] lstm_forward
public_check("lstm_forward", globals())

# %% [markdown]
# ## 6. Experiment: how long does a network remember?
#
# Take two input sequences of 60 steps that are identical except for their
# **first** element, and feed both to the same network. At each step, measure
# how far apart the two hidden states are. As long as that distance stays well
# above zero, the network still "knows" how its sequence began; once it has
# collapsed to nothing, the first input has been forgotten, and no later
# layer (and no gradient) can recover it.
#
# We compare three networks with random weights, using **your**
# `rnn_forward` and `lstm_forward`:
#
# - a basic RNN;
# - an LSTM whose forget-gate bias is 0, so that $\Gamma_f$ hovers around
#   $\sigma(0) = 0.5$ and the memory is halved at every step, roughly;
# - the same LSTM with forget-gate bias 3, so that $\Gamma_f$ is mostly close
#   to $\sigma(3) \approx 0.95$ and the memory path stays open.
#
# The plot's vertical axis is logarithmic: a straight falling line is an
# exponential decay.

# %% [given]
curves = memory_curves(rnn_forward, lstm_forward, T_x=60, forget_bias=3.0)
plot_memory(curves)
for label, curve in curves.items():
    print(f"{label:22s} distance at step 10: {curve[9]:8.1e}   at step 60: {curve[-1]:8.1e}")

# %% [markdown]
# The basic RNN and the LSTM with a half-closed forget gate lose the first
# input exponentially fast: the distance drops below a millionth of its first
# value after about 30 steps, and keeps falling at the same pace. With its
# forget gate open, the LSTM still carries the difference after 60 steps, at
# about its original size.
#
# Nothing here was trained: we only set one bias by hand. A trained LSTM learns
# its gate weights, opening the forget gate where the task needs a long memory
# and closing it to reset the cell when a memory has become useless. (Keras
# starts every LSTM with a forget bias of 1 for this reason.) The course's
# later labs use LSTMs to generate jazz and to translate dates.
#
# ## 7. Optional: back-propagation through time
#
# Frameworks compute these gradients for you, so this part **earns no
# points**. Doing it once shows where the vanishing gradient comes from. Each
# exercise ends with a self-check that compares your gradients with a
# numerical estimate: the check nudges every input and parameter by a tiny
# amount, runs *your* forward functions, and measures how the cost changes.
#
# To keep the formulas short, the backward functions below stop at the hidden
# state: they take the gradient $da$ of the cost with respect to each
# $a^{\langle t \rangle}$ (which the layers above, here the softmax, would
# send back) and return the gradients with respect to the cell's inputs and
# parameters. The prediction layer is left out.
#
# ### 7.1 The basic RNN cell, backwards
#
# Write $z = W_{aa} a^{\langle t-1 \rangle} + W_{ax} x^{\langle t \rangle} + b_a$,
# so that $a^{\langle t \rangle} = \tanh(z)$. Since $\tanh'(z) = 1 - \tanh(z)^2$
# and $\tanh(z)$ is the `a_next` in the cache:
#
# $$dz = \left(1 - \left(a^{\langle t \rangle}\right)^2\right) \odot da^{\langle t \rangle}$$
#
# $$dx^{\langle t \rangle} = W_{ax}^T\, dz, \quad dW_{ax} = dz\; x^{\langle t \rangle T}, \quad da^{\langle t-1 \rangle} = W_{aa}^T\, dz, \quad dW_{aa} = dz\; a^{\langle t-1 \rangle T}, \quad db_a = \sum_{\text{examples}} dz$$
#
# (the last one is `np.sum(dz, axis=1, keepdims=True)`).
#
# ### Optional exercise 5: `rnn_cell_backward`

# %% [solution] rnn_cell_backward

# %% [given]
# Self-check (no points): your rnn_cell_backward against a numerical gradient
check_rnn_cell_backward(rnn_cell_forward, rnn_cell_backward);

# %% [markdown]
# ### 7.2 The RNN, backwards through time
#
# Walk through the steps in **reverse** order. The state $a^{\langle t \rangle}$
# was used twice, by the layer above and by the next step, so its gradient is
# the sum of the two: `da[:, :, t] + da_prevt`, where `da_prevt` is what the
# step $t+1$ sent back (zeros before the last step). Because all steps share
# the parameters, their gradients **add up** over time. What finally flows
# out of the first step is `da0`.
#
# Look at $da^{\langle t-1 \rangle} = W_{aa}^T \left( (1 - a^2) \odot \cdots \right)$:
# every step back multiplies the gradient by $W_{aa}^T$ and by factors
# $1 - a^2 \le 1$. Over many steps such a product tends to shrink
# exponentially (or, with large weights, to explode): that is the vanishing
# gradient of section 4, seen from the inside.
#
# ### Optional exercise 6: `rnn_backward`
# Start `dx`, `dWax`, `dWaa`, `dba` and `da_prevt` at zeros of the right
# shapes, loop over `reversed(range(T_x))`, and return the dictionary
# `{"dx", "da0", "dWax", "dWaa", "dba"}`.

# %% [solution] rnn_backward

# %% [given]
# Self-check (no points)
check_rnn_backward(rnn_forward, rnn_backward);

# %% [markdown]
# ### 7.3 The LSTM cell, backwards
#
# Work from the output back to the gates, writing $d\gamma_f, d\gamma_i, d\tilde\gamma_c, d\gamma_o$
# for the gradients with respect to the gates' values **before** their
# sigmoid or tanh (so that the weight gradients are simple products). With
# $\sigma' = \sigma (1 - \sigma)$ and $\tanh' = 1 - \tanh^2$:
#
# $$d\gamma_o = da_{next} \odot \tanh(c_{next}) \odot \Gamma_o \odot (1 - \Gamma_o)$$
#
# The memory cell gets gradient twice: directly from the next step
# ($dc_{next}$) and through $a_{next} = \Gamma_o \odot \tanh(c_{next})$:
#
# $$dc = dc_{next} + da_{next} \odot \Gamma_o \odot \left(1 - \tanh^2(c_{next})\right)$$
#
# Then, from $c_{next} = \Gamma_f \odot c_{prev} + \Gamma_i \odot \tilde c$:
#
# $$d\tilde\gamma_c = dc \odot \Gamma_i \odot (1 - \tilde c^2), \qquad d\gamma_i = dc \odot \tilde c \odot \Gamma_i \odot (1 - \Gamma_i), \qquad d\gamma_f = dc \odot c_{prev} \odot \Gamma_f \odot (1 - \Gamma_f)$$
#
# Each gate's weights: $dW_f = d\gamma_f\, \text{concat}^T$ and
# $db_f = \sum_{\text{examples}} d\gamma_f$, and likewise for $i$, $c$
# (with $d\tilde\gamma_c$) and $o$.
#
# All four gates read `concat`, so the gradient with respect to it is the sum
#
# $$d\,\text{concat} = W_f^T d\gamma_f + W_i^T d\gamma_i + W_c^T d\tilde\gamma_c + W_o^T d\gamma_o,$$
#
# whose first $n_a$ rows are $da_{prev}$ and the remaining $n_x$ rows $dx_t$.
# Finally $dc_{prev} = dc \odot \Gamma_f$: with the forget gate open, the
# memory's gradient passes back **almost unchanged**, the backward twin of
# the experiment in section 6.
#
# ### Optional exercise 7: `lstm_cell_backward`

# %% [solution] lstm_cell_backward

# %% [given]
# Self-check (no points)
check_lstm_cell_backward(lstm_cell_forward, lstm_cell_backward);

# %% [markdown]
# ### Optional exercise 8: `lstm_backward`
# The loop of `rnn_backward`, carrying two gradients from step to step:
# `da_prevt` is added to `da[:, :, t]` as before, and `dc_prevt` goes in as
# `dc_next` (the cost does not read the memory cells directly). Sum the eight
# parameter gradients over time and return
# `{"dx", "da0", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo"}`.

# %% [solution] lstm_backward

# %% [given]
# Self-check (no points)
check_lstm_backward(lstm_forward, lstm_backward);

# %% [markdown]
# ## Summary
#
# - An RNN applies one cell, with one set of parameters, at every time step,
#   passing a hidden state along; the input at step `t` is `x[:, :, t]`.
# - A basic RNN rewrites its whole state at every step, so traces of early
#   inputs, and the gradients that would teach the network to use them, fade
#   exponentially.
# - An LSTM adds a memory cell and three gates. When the forget gate is open,
#   the memory and its gradient cross a step almost untouched, so the network
#   can connect events that lie far apart.
# - Back-propagation through time runs the steps in reverse and adds up the
#   parameter gradients of all steps.
