# %% [markdown]
# # A deep neural network, one building block at a time
#
# In the previous labs you wrote logistic regression (one unit) and a network
# with one hidden layer. This lab removes the limit on depth: you write the
# pieces of a network with **any number of layers**, each piece small enough to
# test on its own, and at the end you put them together and watch a deep
# network learn a shape that no straight line can separate.
#
# Every deep network trained with gradient descent repeats the same four moves,
# and each section below builds one of them:
#
# 1. **initialise** the weights and biases of every layer;
# 2. **forward pass**: from the input, compute each layer's output in turn,
#    and remember (*cache*) what the backward pass will need;
# 3. **cost**: measure how wrong the predictions are;
# 4. **backward pass**: walk back through the layers and compute the gradient
#    of the cost with respect to every parameter; then **update** the
#    parameters a small step against their gradients.
#
# **Rules of the road.** Write your code in place of the `# YOUR CODE HERE`
# and `raise NotImplementedError()` lines of each exercise. Do not rename the
# functions or change their arguments: the grader calls them by name. Use NumPy
# on whole matrices; the only loops you need are loops over the *layers*.
#
# **Notation.**
# - A superscript $[l]$ means "layer $l$": $W^{[l]}$ and $b^{[l]}$ are the
#   weights and bias of layer $l$, $A^{[l]}$ its activations (outputs). The
#   input is layer 0, so $A^{[0]} = X$.
# - $L$ is the number of layers with parameters (the input layer is not
#   counted), and $n^{[l]}$ is the number of units of layer $l$.
# - A superscript $(i)$ means "example $i$", and $m$ is the number of examples.
#   Examples are stored as **columns**: $X$ has shape $(n^{[0]}, m)$.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c1w4a1_dnn_step_by_step")

# %% [given]
import copy

import matplotlib.pyplot as plt
import numpy as np

from dnn_utils import (
    accuracy,
    example_layer,
    example_network,
    gradient_check,
    load_circles,
    plot_decision_boundary,
    relu,
    relu_backward,
    sigmoid,
    sigmoid_backward,
    train_network,
)

%matplotlib inline
plt.rcParams["figure.figsize"] = (6.0, 4.0)

# %% [markdown]
# ## 1. The plan
#
# The network you build has $L$ layers. The first $L-1$ layers (the *hidden*
# layers) each compute a linear step followed by a ReLU; the last layer
# computes a linear step followed by a sigmoid, so its output is a probability
# between 0 and 1:
#
# $$X = A^{[0]} \xrightarrow{\text{LINEAR} \to \text{RELU}} A^{[1]} \xrightarrow{\text{LINEAR} \to \text{RELU}} \cdots \xrightarrow{\text{LINEAR} \to \text{RELU}} A^{[L-1]} \xrightarrow{\text{LINEAR} \to \text{SIGMOID}} A^{[L]} = \hat{Y}$$
#
# The backward pass runs the same chain in the opposite direction. To compute
# the gradients of layer $l$ it needs values from the forward pass (the layer's
# input $A^{[l-1]}$, its weights, its $Z^{[l]}$), so the forward pass stores
# them in a **cache**, one per layer.
#
# You write the network in three sizes of block: a single linear step, a whole
# layer (linear step plus activation), and the full network (a loop over the
# layers). The activations and their derivatives are given in `dnn_utils.py`:
#
# - `sigmoid(Z)` and `relu(Z)` return the activation **and** a cache holding `Z`:
#   `A, activation_cache = relu(Z)`;
# - `sigmoid_backward(dA, activation_cache)` and `relu_backward(dA, activation_cache)`
#   return $dZ$, the gradient with respect to $Z$, from the gradient $dA$
#   with respect to the activation.
#
# ## 2. Initialisation
#
# The weights must start **random**: if all the units of a layer started
# equal, they would receive equal gradients and stay equal forever (the
# *symmetry* problem), and the layer would be no better than a single unit.
# Small values (here $0.01$ times a standard normal draw) keep the first
# forward passes well behaved. The biases can start at zero: the random
# weights already make the units different.
#
# ### Exercise 1: `initialize_parameters`
# Start with a 2-layer network (LINEAR → RELU → LINEAR → SIGMOID) of sizes
# `n_x`, `n_h`, `n_y`:
#
# - `W1` of shape `(n_h, n_x)` and `W2` of shape `(n_y, n_h)`:
#   `np.random.randn(rows, columns) * 0.01`;
# - `b1` of shape `(n_h, 1)` and `b2` of shape `(n_y, 1)`: zeros (`np.zeros`).
#
# **Random numbers (graded exactly).** The first line of the function is
# `np.random.seed(1)`, and `W1` is drawn before `W2`. Any other seed or order
# gives other numbers, and the grader compares the numbers.

# %% [solution] initialize_parameters

# %% [code]
parameters = initialize_parameters(3, 2, 1)
for name, value in parameters.items():
    print(name, value.shape, "\n", value)

# %% [tests] initialize_parameters
public_check("initialize_parameters", globals())

# %% [markdown]
# ### Exercise 2: `initialize_parameters_deep`
# Now any depth. `layer_dims` lists the layer sizes, input first: for
# `layer_dims = [5, 4, 3]` the input has 5 features, the hidden layer 4 units
# and the output layer 3. Layer $l$ (for $l = 1, \dots, L$ with
# $L$ = `len(layer_dims) - 1`) needs
#
# | parameter | shape | initial value |
# |---|---|---|
# | $W^{[l]}$ | $(n^{[l]}, n^{[l-1]})$ | `np.random.randn(...) * 0.01` |
# | $b^{[l]}$ | $(n^{[l]}, 1)$ | zeros |
#
# Why these shapes? Layer $l$ turns an input of shape $(n^{[l-1]}, m)$ into
# $Z^{[l]} = W^{[l]}A^{[l-1]} + b^{[l]}$ of shape $(n^{[l]}, m)$: one row per
# unit, one column per example. Adding `b` of shape $(n^{[l]}, 1)$ to a
# matrix of $m$ columns uses NumPy **broadcasting**: the column is added to
# every column.
#
# Store them as `parameters["W1"]`, `parameters["b1"]`, ... (for example
# `parameters["W" + str(l)]`). **Random numbers:** the first line is
# `np.random.seed(3)` (a different seed from Exercise 1), and the layers are
# drawn in order, `W1` first.

# %% [solution] initialize_parameters_deep

# %% [code]
parameters = initialize_parameters_deep([5, 4, 3])
for name, value in parameters.items():
    print(name, value.shape)
print("W1 =\n", parameters["W1"])

# %% [tests] initialize_parameters_deep
public_check("initialize_parameters_deep", globals())

# %% [markdown]
# ## 3. The forward pass
#
# ### Exercise 3: `linear_forward`
# The linear step of layer $l$, for all examples at once:
#
# $$Z^{[l]} = W^{[l]}A^{[l-1]} + b^{[l]}$$
#
# Compute it with `np.dot(W, A) + b` and return `Z` together with the cache
# `(A, W, b)`, which the backward pass will need.

# %% [solution] linear_forward

# %% [code]
A_example, W_example, b_example = example_layer()
Z_example, linear_cache_example = linear_forward(A_example, W_example, b_example)
print("Z =", Z_example)

# %% [tests] linear_forward
public_check("linear_forward", globals())

# %% [markdown]
# ### Exercise 4: `linear_activation_forward`
# A whole layer: the linear step, then the activation $g$,
#
# $$A^{[l]} = g\left(Z^{[l]}\right) = g\left(W^{[l]}A^{[l-1]} + b^{[l]}\right),$$
#
# where $g$ is the sigmoid $\sigma(z) = \frac{1}{1+e^{-z}}$ when
# `activation == "sigmoid"` and the ReLU $\max(0, z)$ when `activation == "relu"`.
# Call `linear_forward`, then `sigmoid(Z)` or `relu(Z)`, and return `A` and
# the layer's cache, the pair `(linear_cache, activation_cache)`.

# %% [solution] linear_activation_forward

# %% [code]
A_prev_example, W_example, b_example = example_layer(seed=4, n_prev=3, n=2, m=2)
for activation in ("sigmoid", "relu"):
    A_out, _ = linear_activation_forward(A_prev_example, W_example, b_example, activation)
    print(f"with {activation}: A =\n{A_out}")

# %% [tests] linear_activation_forward
public_check("linear_activation_forward", globals())

# %% [markdown]
# ### Exercise 5: `L_model_forward`
# Chain the layers: `L - 1` times LINEAR → RELU, then once LINEAR → SIGMOID.
# The parameters hold a `W` and a `b` per layer, so `L = len(parameters) // 2`.
#
# ```
# A = X
# for l = 1, ..., L-1:    A, cache = one RELU layer with W{l}, b{l} applied to A;  keep cache
# AL, cache = one SIGMOID layer with WL, bL applied to A;  keep cache
# ```
#
# Collect the caches in a list, in layer order (`caches[0]` belongs to layer
# 1), and return `AL` (shape `(1, m)`) and `caches` (`L` entries).
#
# This loop over the layers cannot be vectorised away: layer $l$ needs the
# output of layer $l-1$. The loop over *examples*, on the other hand, is gone:
# every matrix has one column per example.

# %% [solution] L_model_forward

# %% [code]
X_example, Y_example, parameters_example = example_network()
AL_example, caches_example = L_model_forward(X_example, parameters_example)
print("AL =", AL_example)
print("number of caches:", len(caches_example))

# %% [tests] L_model_forward
public_check("L_model_forward", globals())

# %% [markdown]
# ## 4. The cost
#
# ### Exercise 6: `compute_cost`
# The cross-entropy cost over the $m$ examples:
#
# $$J = -\frac{1}{m}\sum_{i=1}^{m}\left(y^{(i)}\log a^{[L](i)} + \left(1-y^{(i)}\right)\log\left(1-a^{[L](i)}\right)\right)$$
#
# Each term punishes a confident wrong answer heavily ($\log$ of a number
# near 0 is very negative) and a confident right answer hardly at all.
# `AL` and `Y` both have shape `(1, m)`, so elementwise products and `np.sum`
# do it. Return a plain number: `np.squeeze(cost)` removes array
# dimensions, should your computation leave some (for example `[[0.41]]`
# becomes `0.41`).

# %% [solution] compute_cost

# %% [code]
print("cost =", compute_cost(np.array([[0.8, 0.9, 0.4]]), np.array([[1.0, 1.0, 0.0]])))

# %% [tests] compute_cost
public_check("compute_cost", globals())

# %% [markdown]
# ## 5. The backward pass
#
# Backpropagation is the chain rule applied layer by layer, from the cost back
# to the input. For each layer, given $dA^{[l]} = \frac{\partial J}{\partial A^{[l]}}$
# (from the layer above), it computes the gradients of the layer's own
# parameters and $dA^{[l-1]}$ for the layer below. As in the forward pass, you
# write it in three blocks.
#
# ### Exercise 7: `linear_backward`
# Suppose you already have $dZ^{[l]} = \frac{\partial J}{\partial Z^{[l]}}$,
# shape $(n^{[l]}, m)$. Since $Z^{[l]} = W^{[l]}A^{[l-1]} + b^{[l]}$, the
# chain rule gives
#
# $$dW^{[l]} = \frac{1}{m}\, dZ^{[l]} A^{[l-1]T} \qquad db^{[l]} = \frac{1}{m}\sum_{i=1}^{m} dZ^{[l](i)} \qquad dA^{[l-1]} = W^{[l]T} dZ^{[l]}$$
#
# Where do the $\frac{1}{m}$ come from? The cost is an *average* over the
# examples, so the gradient of a parameter that every example shares ($W$ and
# $b$) is the average of the per-example gradients. $dA^{[l-1]}$ has no
# $\frac{1}{m}$: each column belongs to one example.
#
# For $db$, sum over the examples (the columns: `axis=1`) and keep the column
# shape with `keepdims=True`, so `db` has the shape of `b`, `(n, 1)`, not
# `(n,)`. A quick sanity check: every gradient has the shape of the thing it
# is the gradient of.

# %% [solution] linear_backward

# %% [code]
dZ_example = np.array([[1.0, -0.5]])
A_prev_example, W_example, b_example = example_layer(seed=4)
dA_prev_example, dW_example, db_example = linear_backward(dZ_example, (A_prev_example, W_example, b_example))
print("dA_prev =\n", dA_prev_example)
print("dW =", dW_example, " db =", db_example)

# %% [tests] linear_backward
public_check("linear_backward", globals())

# %% [markdown]
# ### Exercise 8: `linear_activation_backward`
# A whole layer backwards: first through the activation,
#
# $$dZ^{[l]} = dA^{[l]} \odot g'\left(Z^{[l]}\right),$$
#
# which the given `relu_backward(dA, activation_cache)` and
# `sigmoid_backward(dA, activation_cache)` compute for you, then through the
# linear step with `linear_backward(dZ, linear_cache)`. The layer's cache is
# the pair `(linear_cache, activation_cache)` made by
# `linear_activation_forward`.

# %% [solution] linear_activation_backward

# %% [code]
A_prev_example, W_example, b_example = example_layer(seed=5)
Z_example = np.dot(W_example, A_prev_example) + b_example
cache_example = ((A_prev_example, W_example, b_example), Z_example)
dA_example = np.array([[0.5, -1.0]])
for activation in ("sigmoid", "relu"):
    dA_prev_example, dW_example, db_example = linear_activation_backward(dA_example, cache_example, activation)
    print(f"{activation}: dW = {dW_example}, db = {db_example}")

# %% [tests] linear_activation_backward
public_check("linear_activation_backward", globals())

# %% [markdown]
# ### Exercise 9: `L_model_backward`
# Now the whole network backwards. It starts at the output: the loss of one
# example, $-y\log a - (1-y)\log(1-a)$, has the derivative
# $-\left(\frac{y}{a} - \frac{1-y}{1-a}\right)$ with respect to its output $a$.
# For all examples at once (elementwise division):
#
# $$dA^{[L]} = -\left(\frac{Y}{A^{[L]}} - \frac{1-Y}{1-A^{[L]}}\right)$$
#
# which is `dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))`. (The
# $\frac{1}{m}$ of the average is applied later, in `linear_backward`.)
# First reshape `Y` to the shape of `AL`, in case it arrives as a flat vector.
#
# Then:
#
# 1. layer $L$ is a SIGMOID layer: call `linear_activation_backward` with
#    `dAL` and the last cache, `caches[L - 1]`, and store its three results as
#    `grads["dA" + str(L - 1)]`, `grads["dW" + str(L)]` and `grads["db" + str(L)]`;
# 2. for each hidden layer $l = L-1, L-2, \dots, 1$ (a RELU layer, with cache
#    `caches[l - 1]`), feed it `grads["dA" + str(l)]` and store
#    `grads["dA" + str(l - 1)]`, `grads["dW" + str(l)]`, `grads["db" + str(l)]`.
#
# In the end `grads` holds `dA0` ... `dA{L-1}` and `dW1`, `db1` ... `dW{L}`,
# `db{L}`. (`dA0` is the gradient with respect to the input; nothing uses it,
# but it comes for free.)

# %% [solution] L_model_backward

# %% [code]
AL_example, caches_example = L_model_forward(X_example, parameters_example)
grads_example = L_model_backward(AL_example, Y_example, caches_example)
for name, value in grads_example.items():
    print(name, value.shape)
print("dW1 =\n", grads_example["dW1"])

# %% [tests] L_model_backward
public_check("L_model_backward", globals())

# %% [markdown]
# ## 6. The update
#
# ### Exercise 10: `update_parameters`
# One step of gradient descent moves every parameter a little against its
# gradient, by the learning rate $\alpha$:
#
# $$W^{[l]} \leftarrow W^{[l]} - \alpha\, dW^{[l]} \qquad b^{[l]} \leftarrow b^{[l]} - \alpha\, db^{[l]} \qquad l = 1, \dots, L$$
#
# Work on a copy, `parameters = copy.deepcopy(params)`, and return the copy:
# the caller's dictionary and arrays must not change (the grader checks).
# Writing `parameters["W1"] -= ...` on the caller's arrays would change them
# in place.

# %% [solution] update_parameters

# %% [code]
new_parameters = update_parameters(parameters_example, grads_example, learning_rate=0.1)
print("W1 before:\n", parameters_example["W1"])
print("W1 after:\n", new_parameters["W1"])

# %% [tests] update_parameters
public_check("update_parameters", globals())

# %% [markdown]
# ## 7. Does it really work? A numerical check
#
# A backward pass can be wrong and still produce gradients of the right
# shapes. The definition of a derivative gives an independent check: nudge one
# parameter $\theta$ by a tiny $\varepsilon$ both ways and see how the cost
# moves,
#
# $$\frac{\partial J}{\partial \theta} \approx \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2\varepsilon}.$$
#
# `gradient_check` does this for every weight and bias of a small network,
# using your `L_model_forward` and `compute_cost`, and compares the result with
# your `L_model_backward`. It prints the relative difference
# $\frac{\|g_{\text{backprop}} - g_{\text{numerical}}\|}{\|g_{\text{backprop}}\| + \|g_{\text{numerical}}\|}$:
# about $10^{-7}$ or smaller means your backward pass agrees with the
# definition; $10^{-3}$ or more means a bug. (Course 2 has a whole lab on this
# technique.)

# %% [given]
X_check, Y_check, parameters_check = example_network(seed=5, layer_dims=(4, 3, 2, 1), m=6)
print(f"relative difference: {gradient_check(parameters_check, X_check, Y_check, globals()):.2e}")

# %% [markdown]
# ## 8. Putting the blocks together
#
# Your functions are all a training loop needs. `train_network` (in
# `dnn_utils.py`) repeats
#
# ```
# AL, caches = L_model_forward(X, parameters)
# cost = compute_cost(AL, Y)
# grads = L_model_backward(AL, Y, caches)
# parameters = update_parameters(parameters, grads, learning_rate)
# ```
#
# starting from `initialize_parameters_deep(layer_dims)`, with **your**
# functions (the notebook hands it `globals()`).
#
# The data: two noisy rings of points in the plane, the inner ring labelled 1
# and the outer ring 0 (scikit-learn's `make_circles` with a fixed seed). No
# straight line separates them.
#
# *Sized for a laptop CPU:* each training run below takes well under a second.

# %% [given]
train_X, train_Y, test_X, test_Y = load_circles()
print("train_X:", train_X.shape, " train_Y:", train_Y.shape, " test_X:", test_X.shape)
plt.scatter(train_X[0], train_X[1], c=np.ravel(train_Y), cmap=plt.cm.Spectral, s=18, edgecolors="k", linewidths=0.3)
plt.title("Training set: inner ring = 1, outer ring = 0")
plt.gca().set_aspect("equal")
plt.show()

# %% [markdown]
# ### Depth 1 is logistic regression
# With `layer_dims = [2, 1]` your network has a single LINEAR → SIGMOID layer
# and no hidden layer: that is exactly logistic regression, and its decision
# boundary is a straight line. A network with two hidden layers,
# `[2, 10, 5, 1]`, can bend its boundary.
#
# Both runs use the same number of steps and the same learning rate. The deep
# network starts from your `initialize_parameters_deep`, with its weights
# rescaled as explained in the next section.

# %% [given]
ITERATIONS = scaled(3000, 300)

parameters_shallow, costs_shallow = train_network(train_X, train_Y, [2, 1], globals(), learning_rate=0.5, num_iterations=ITERATIONS)
parameters_deep, costs_deep = train_network(train_X, train_Y, [2, 10, 5, 1], globals(), learning_rate=0.5,
                                            num_iterations=ITERATIONS, weight_scale="fan_in")

fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
for ax, parameters, label in zip(axes, (parameters_shallow, parameters_deep), ("[2, 1]: logistic regression", "[2, 10, 5, 1]: two hidden layers")):
    train_accuracy = accuracy(parameters, train_X, train_Y, globals())
    test_accuracy = accuracy(parameters, test_X, test_Y, globals())
    print(f"{label:<36} train accuracy {train_accuracy:.3f}   test accuracy {test_accuracy:.3f}")
    plot_decision_boundary(parameters, test_X, test_Y, globals(), ax=ax, title=f"{label} (test set)")
plt.tight_layout()
plt.show()

# %% [markdown]
# Logistic regression can do no better than a coin toss here: whichever
# straight line it draws, each side holds about as many points of each class.
# The hidden layers let the network build its own features from the
# coordinates (the ReLU units each cut the plane along a line, and the next
# layers combine these cuts), and the combination of cuts encloses the inner
# ring.
#
# ### Why rescale the weights? The small-weights plateau
# Your `initialize_parameters_deep` multiplies the random draws by $0.01$. For
# one hidden layer that is harmless. But each layer multiplies its input by a
# small matrix, so with several layers the signal reaching the output, and the
# gradient flowing back, shrink by a factor of roughly $0.01\sqrt{n^{[l-1]}}$
# per layer. The network starts almost dead and spends many iterations
# before it learns anything.
#
# A common remedy scales each layer's draws by $1/\sqrt{n^{[l-1]}}$ instead,
# so that every layer keeps the size of its input about the same.
# `train_network(..., weight_scale="fan_in")` does exactly that: it takes the
# same random numbers your function drew and replaces the $0.01$ by
# $1/\sqrt{n^{[l-1]}}$. The plot compares both starts for networks of one,
# two and three hidden layers.

# %% [given]
fig, axes = plt.subplots(1, 3, figsize=(15, 3.8), sharey=True)
for ax, dims in zip(axes, ([2, 10, 1], [2, 10, 5, 1], [2, 10, 8, 5, 1])):
    for scale, label in ((None, "0.01 * randn"), ("fan_in", "randn / sqrt(n[l-1])")):
        _, costs = train_network(train_X, train_Y, dims, globals(), learning_rate=0.5, num_iterations=ITERATIONS, weight_scale=scale)
        ax.plot([i for i, _ in costs], [c for _, c in costs], label=label)
    ax.set_title(f"layer_dims = {dims}")
    ax.set_xlabel("iteration")
axes[0].set_ylabel("cost")
axes[0].legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# The deeper the network, the longer the $0.01$ start stays flat at
# $\log 2 \approx 0.693$, the cost of answering "50%" for everyone; with
# three hidden layers it does not get off the plateau at all within the
# budget. With the $1/\sqrt{n^{[l-1]}}$ scale, all three depths learn at
# once. The next lab trains a deep cat classifier with this scale, and
# course 2 comes back to initialisation in detail.
#
# ## Summary
# - A deep network is a loop over layers of two kinds of blocks: a linear step
#   $Z^{[l]} = W^{[l]}A^{[l-1]} + b^{[l]}$ and an activation.
# - The forward pass caches $(A^{[l-1]}, W^{[l]}, b^{[l]})$ and $Z^{[l]}$ for
#   each layer; the backward pass uses them to compute
#   $dW^{[l]} = \frac{1}{m}dZ^{[l]}A^{[l-1]T}$, $db^{[l]}$ and $dA^{[l-1]} = W^{[l]T}dZ^{[l]}$,
#   from the output layer down to the first.
# - Every gradient has the shape of its parameter; a numerical gradient check
#   catches the bugs that shapes do not.
# - Depth buys non-linear decision boundaries; how the weights start decides
#   whether a deep network can learn at all.
