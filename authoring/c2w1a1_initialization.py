# %% [markdown]
# # Initialisation: where gradient descent starts
#
# Before the first step of gradient descent, every weight of a network needs a
# value. That choice looks like a detail, yet it can decide whether a network
# learns quickly, learns slowly, or does not learn at all. A good starting
# point
#
# - **breaks the symmetry** between the units of a layer, so that they can
#   learn different things, and
# - keeps the activations and the gradients at a **sensible size** from the
#   first layer to the last, so that nothing explodes or fades away.
#
# In this lab you write three initialisers for the same 3-layer network and
# train it from each starting point:
#
# 1. all zeros,
# 2. large random values,
# 3. He initialisation, random values scaled to the size of each layer.
#
# **Rules of the road.** In each exercise, replace the `# YOUR CODE HERE` and
# `raise NotImplementedError()` lines with your code. Do not rename functions
# or change their arguments: the grader calls them by name.
#
# *Data note.* The data set is built into scikit-learn (`make_circles`), drawn
# with fixed seeds, so nothing is downloaded and everyone gets the same points.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c2w1a1_initialization")

# %% [given]
import matplotlib.pyplot as plt
import numpy as np

from init_utils import (
    accuracy,
    backward_propagation,
    compute_loss,
    forward_propagation,
    load_dataset,
    plot_decision_boundary,
    predict,
    predict_dec,
    relu,
    sigmoid,
    train,
    update_parameters,
)

%matplotlib inline
plt.rcParams["figure.figsize"] = (5.0, 4.5)

# %% [markdown]
# ## 1. The data
#
# Two noisy rings of points: the inner ring is one class, the outer ring the
# other (the two colours below). No straight line separates them, so the
# network has to learn a curved, roughly circular boundary.
#
# `load_dataset()` returns 300 training and 100 test points, stored as
# columns: `train_X` has shape `(2, 300)` and `train_Y` has shape `(1, 300)`.

# %% [given]
train_X, train_Y, test_X, test_Y = load_dataset()
plt.title("Training set")
plt.show()
print("train_X:", train_X.shape, " train_Y:", train_Y.shape)
print("test_X: ", test_X.shape, " test_Y: ", test_Y.shape)

# %% [markdown]
# ## 2. The model
#
# The network is LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID with layer
# sizes `layers_dims = [2, 10, 5, 1]`: two inputs, hidden layers of 10 and 5
# units, and one output unit that gives the probability of class 1. Layer $l$
# has a weight matrix $W^{[l]}$ of shape $(n^{[l]}, n^{[l-1]})$ and a bias
# $b^{[l]}$ of shape $(n^{[l]}, 1)$, where $n^{[l]}$ is the number of units
# in layer $l$ and $n^{[0]} = 2$ is the number of inputs.
#
# `model` below trains it with plain gradient descent, starting from the
# initialiser you name with `initialization` (`"zeros"`, `"random"` or
# `"he"`). The forward and backward passes, the cost and the update are given
# in `init_utils.py`; only the three initialisers are yours to write. `model`
# looks them up in this notebook, so they are used as soon as you have run
# their cells.
#
# The cost is the usual cross-entropy. When a prediction is *exactly* 0 or 1
# (it happens with huge weights: the sigmoid rounds to 0 or 1 in floating
# point), $\log 0$ would make the cost infinite; `compute_loss` clips the
# probabilities to $[10^{-15}, 1 - 10^{-15}]$ first, so a confidently wrong
# example costs about 34.5 instead.
#
# *Time on this machine:* each run of 15,000 iterations takes a few seconds,
# as in the original lab, so nothing is scaled down here.

# %% [given]
layers_dims = [train_X.shape[0], 10, 5, 1]
NUM_ITERATIONS = 15000
TRAINING_ITERATIONS = scaled(NUM_ITERATIONS, 1000)  # the grader does not need the full run


def model(X, Y, learning_rate=0.01, num_iterations=15000, print_cost=True, initialization="he"):
    """
    Train the [n_x, 10, 5, 1] network from the chosen starting point; returns the learned parameters.

    initialization -- "zeros", "random" or "he": which of your initialisers to start from
    """
    initialize = globals()["initialize_parameters_" + initialization]
    parameters, costs = train(X, Y, initialize, layers_dims, learning_rate, num_iterations, print_cost)
    if print_cost:
        plt.figure(figsize=(5, 3))
        plt.plot(np.arange(len(costs)) * 1000, costs)
        plt.xlabel("iteration")
        plt.ylabel("cost")
        plt.title(f'initialization = "{initialization}", learning rate {learning_rate}')
        plt.show()
    training_costs[initialization] = costs
    return parameters


def show_boundary(parameters, title):
    """Decision regions of a trained network over the training points."""
    plot_decision_boundary(lambda points: predict_dec(parameters, points.T), train_X, train_Y, title=title)
    plt.show()


training_costs = {}  # the recorded costs of each run, for the comparison at the end

# %% [markdown]
# ## 3. Starting from zeros
#
# ### Exercise 1: `initialize_parameters_zeros`
# Return a dictionary with two entries for every layer after the input. With
# `L = len(layers_dims)` (which counts the input layer too), loop
# `for layer in range(1, L)` and set
#
# - `parameters["W" + str(layer)]`: zeros of shape `(layers_dims[layer], layers_dims[layer - 1])`,
# - `parameters["b" + str(layer)]`: zeros of shape `(layers_dims[layer], 1)`.
#
# `np.zeros(shape)` takes the shape as a tuple, e.g. `np.zeros((3, 2))`.

# %% [solution] initialize_parameters_zeros

# %% [code]
parameters = initialize_parameters_zeros([3, 2, 1])
for name, value in parameters.items():
    print(name, "=", value.tolist())

# %% [tests] initialize_parameters_zeros
public_check("initialize_parameters_zeros", globals())

# %% [markdown]
# ### Train from zeros
# Run 15,000 iterations of gradient descent starting from all zeros and watch
# the cost.

# %% [given]
parameters_zeros = model(train_X, train_Y, num_iterations=TRAINING_ITERATIONS, initialization="zeros")
print("On the training set:")
predictions_train = predict(train_X, train_Y, parameters_zeros)
print("On the test set:")
predictions_test = predict(test_X, test_Y, parameters_zeros)

# %% [given]
show_boundary(parameters_zeros, "Model initialised with zeros")
print("W1 after training:\n", parameters_zeros["W1"])

# %% [markdown]
# The cost never moves from $\log 2 \approx 0.693$, the model predicts the
# same class everywhere, and the accuracy is that of a coin toss (half the
# points are in each class). After 15,000 steps `W1` is still all zeros. What
# went wrong?
#
# **Nothing can start moving.** With zero weights every hidden pre-activation
# $z^{[1]} = W^{[1]}x + b^{[1]}$ is 0, so every ReLU outputs $a^{[1]} = 0$, and
# the same holds in layer 2. The gradient of a weight matrix is
# $dW^{[l]} = \frac{1}{m}dZ^{[l]}A^{[l-1]T}$: it is zero for $W^{[2]}$ and
# $W^{[3]}$ because the activations they multiply are zero, and it is zero for
# $W^{[1]}$ because the error sent back to layer 1 is multiplied by
# $W^{[2]} = 0$ and $W^{[3]} = 0$. Only the output bias $b^{[3]}$ gets a
# gradient, so the best the network can learn is a constant probability of
# about 0.5 for every input.
#
# **Symmetry.** Zeros are only the most extreme case of a more general
# problem. Suppose all the units of a layer start with *equal* weights, even
# non-zero ones. They then compute the same output on every example, receive
# the same gradient, take the same step, and stay identical forever: a layer
# of 10 units behaves like a single unit. The cell below trains the network
# from weights that are all 0.5 and prints the rows of `W1` (one row per
# hidden unit) afterwards.

# %% [given]
def initialize_parameters_constant(dims, value=0.5):
    """Every weight equal to `value`, biases zero: the units of each layer start identical."""
    parameters = {}
    for layer in range(1, len(dims)):
        parameters[f"W{layer}"] = np.full((dims[layer], dims[layer - 1]), value)
        parameters[f"b{layer}"] = np.zeros((dims[layer], 1))
    return parameters


parameters_constant, _ = train(train_X, train_Y, initialize_parameters_constant, layers_dims,
                               num_iterations=scaled(2000, 200), print_cost=False)
print("W1 after training from 0.5 everywhere (one row per hidden unit):\n", parameters_constant["W1"])

# %% [markdown]
# All ten rows are still equal. To break the symmetry, the weights must start
# at **different, random** values. (The biases can start at zero: once the
# weights differ, the units differ.)
#
# ## 4. Starting from large random values
#
# ### Exercise 2: `initialize_parameters_random`
# Draw each weight matrix from a standard normal distribution and multiply it
# by 10, so the weights are large: $W^{[l]} \sim 10\cdot\mathcal{N}(0, 1)$.
# Keep the biases at zero.
#
# **Random numbers (graded exactly).** Make `np.random.seed(3)` the first line
# of your function, then draw the matrices in order, `W1` first, each with a
# single call `np.random.randn(layers_dims[layer], layers_dims[layer - 1])`. The grader
# compares the values one by one, so any other seed, order or generator gives
# different weights.

# %% [solution] initialize_parameters_random

# %% [code]
parameters = initialize_parameters_random([3, 2, 1])
for name, value in parameters.items():
    print(name, "=\n", value)

# %% [tests] initialize_parameters_random
public_check("initialize_parameters_random", globals())

# %% [markdown]
# ### Train from large random values

# %% [given]
parameters_random = model(train_X, train_Y, num_iterations=TRAINING_ITERATIONS, initialization="random")
print("On the training set:")
predictions_train = predict(train_X, train_Y, parameters_random)
print("On the test set:")
predictions_test = predict(test_X, test_Y, parameters_random)

# %% [given]
show_boundary(parameters_random, "Model initialised with large random values")

# %% [markdown]
# The symmetry is broken and the network learns something, but it starts from
# an enormous cost and improves slowly; after 15,000 iterations its boundary
# is still a poor circle.
#
# **Why so bad at the start?** Each layer multiplies by weights about 10 times
# too large, so the output pre-activation $z^{[3]}$ is in the hundreds or
# thousands. The sigmoid of such a number is, in floating point, exactly 0 or
# exactly 1: the network is completely sure of every answer. Here every output
# rounds to 1, so the network is certain that every point belongs to class 1,
# and it is wrong about the whole other half, each mistake costing the maximum
# (34.5 with our clipping, $\infty$ without it). That is why the cost at
# iteration 0 is about half of 34.5.
#
# **Why so slow afterwards?** Gradient descent spends its first steps pulling
# the outputs back out of saturation, and those steps are large and clumsy
# (at the start, the gradients are about as large as the weights
# themselves). The network ends up in a poor region, far from a good
# solution, where a learning rate of 0.01 makes slow progress: the cost keeps
# falling, but slowly. Starting with weights of the right scale avoids this
# detour, as you are about to see.
#
# ## 5. He initialisation
#
# How large should the initial weights be? Look at one unit of layer $l$:
#
# $$z = \sum_{j=1}^{n^{[l-1]}} W_{j}\, a_j .$$
#
# If the weights are independent, with mean 0 and variance $\mathrm{Var}(W)$,
# then $\mathrm{Var}(z) = n^{[l-1]}\,\mathrm{Var}(W)\,\mathbb{E}[a_j^2]$: the
# more inputs a unit has (its **fan-in** $n^{[l-1]}$), the larger its
# pre-activation. For the size of $z$ to stay the same from layer to layer,
# the weights must shrink as the fan-in grows. A ReLU sets about half of its
# inputs to zero, which halves $\mathbb{E}[a^2]$, so the right variance for
# ReLU layers is
#
# $$\mathrm{Var}\big(W^{[l]}\big) = \frac{2}{n^{[l-1]}}, \qquad\text{that is}\qquad W^{[l]} = \mathcal{N}(0, 1)\cdot\sqrt{\frac{2}{n^{[l-1]}}} .$$
#
# This is **He initialisation** (He et al., 2015). For tanh layers, which do not
# cut half of their inputs, the same argument gives $\sqrt{1/n^{[l-1]}}$,
# known as Xavier (or Glorot) initialisation.
#
# ### Exercise 3: `initialize_parameters_he`
# As in Exercise 2 (same seed `np.random.seed(3)` first, same order, one
# `np.random.randn(layers_dims[layer], layers_dims[layer - 1])` call per layer), but
# multiply each matrix by $\sqrt{2 / n^{[l-1]}}$, where $n^{[l-1]}$ is
# `layers_dims[layer - 1]`, the size of the **previous** layer. Biases start at
# zero.

# %% [solution] initialize_parameters_he

# %% [code]
parameters = initialize_parameters_he([2, 4, 1])
for name, value in parameters.items():
    print(name, "=\n", value)

# %% [tests] initialize_parameters_he
public_check("initialize_parameters_he", globals())

# %% [markdown]
# ### Train from He initialisation

# %% [given]
parameters_he = model(train_X, train_Y, num_iterations=TRAINING_ITERATIONS, initialization="he")
print("On the training set:")
predictions_train = predict(train_X, train_Y, parameters_he)
print("On the test set:")
predictions_test = predict(test_X, test_Y, parameters_he)

# %% [given]
show_boundary(parameters_he, "Model with He initialisation")

# %% [markdown]
# Same network, same data, same learning rate, same number of steps: only the
# starting point changed, and now the boundary follows the rings closely and
# almost every test point is classified correctly.
#
# ## 6. Comparing the three starting points

# %% [given]
runs = {
    "zeros": parameters_zeros,
    "large random (x10)": parameters_random,
    "He": parameters_he,
}
print(f"{'initialisation':<22}{'train':>8}{'test':>8}")
for label, parameters in runs.items():
    train_accuracy = accuracy(predict(train_X, train_Y, parameters, print_accuracy=False), train_Y)
    test_accuracy = accuracy(predict(test_X, test_Y, parameters, print_accuracy=False), test_Y)
    print(f"{label:<22}{train_accuracy:>8.3f}{test_accuracy:>8.3f}")

fig, axes = plt.subplots(1, 4, figsize=(19, 4.2))
for ax, (label, parameters) in zip(axes, runs.items()):
    plot_decision_boundary(lambda points, p=parameters: predict_dec(p, points.T), test_X, test_Y, ax=ax, title=f"{label} (test set)")
for initialization, costs in training_costs.items():
    axes[3].plot(np.arange(len(costs)) * 1000, costs, label=initialization)
axes[3].set_yscale("log")
axes[3].set_xlabel("iteration")
axes[3].set_ylabel("cost (log scale)")
axes[3].set_title("Training cost")
axes[3].legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 7. Why the scale matters more in deep networks
#
# Our network has only three layers, so a bad scale hurts but is survivable.
# In a deep network the effect compounds: each layer multiplies the size of
# the signal by roughly the same factor, so a factor a little above 1
# explodes and a factor a little below 1 vanishes, exponentially with depth.
# The same happens to the gradients on the way back.
#
# The cell below sends 500 random inputs through a 10-layer ReLU network with
# 100 units per layer (no training, no biases) and plots the typical size of
# the activations in each layer (their root mean square), for three
# initialisations: your large random one, your He one, and small random
# weights $0.01\cdot\mathcal{N}(0, 1)$.

# %% [given]
deep_dims = [100] * 11
rng = np.random.default_rng(0)
inputs = rng.normal(0, 1, (100, 500))
deep_small = {f"W{layer}": rng.normal(0, 1, (100, 100)) * 0.01 for layer in range(1, 11)}
scales = {
    "large random (x10)": initialize_parameters_random(deep_dims),
    "He": initialize_parameters_he(deep_dims),
    "small random (x0.01)": deep_small,
}
plt.figure(figsize=(6, 4))
for label, weights in scales.items():
    a, sizes = inputs, []
    for layer in range(1, 11):
        a = relu(weights[f"W{layer}"] @ a)
        sizes.append(np.sqrt(np.mean(a**2)))
    plt.plot(range(1, 11), sizes, marker="o", label=label)
plt.yscale("log")
plt.xlabel("layer")
plt.ylabel("size of the activations (RMS, log scale)")
plt.title("Activations through a 10-layer ReLU network")
plt.legend()
plt.show()

# %% [markdown]
# With weights 10 times too large the activations grow by a factor of about
# 70 per layer; with tiny weights they shrink by about 14 per layer and
# vanish; with He initialisation they stay roughly the same size all the way
# down. That stable middle line is exactly what the $\sqrt{2/n^{[l-1]}}$ factor
# was designed for.
#
# ## Summary
# - Initialising all the weights to zero (or to any common value) never breaks
#   the symmetry: every unit of a layer stays a copy of the others, and with
#   ReLU and zeros nothing but the output bias learns.
# - Random weights break the symmetry, but their **scale** matters: weights
#   that are too large saturate the output and slow learning down; weights
#   that are too small make the signal fade in deep networks.
# - **He initialisation**, $W^{[l]} = \mathcal{N}(0,1)\cdot\sqrt{2/n^{[l-1]}}$
#   with zero biases, keeps the activations of ReLU networks at a steady size;
#   use $\sqrt{1/n^{[l-1]}}$ (Xavier) for tanh.
