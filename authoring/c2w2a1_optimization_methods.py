# %% [markdown]
# # Optimisation methods: faster ways down the hill
#
# Until now every network in this course has learned with plain gradient
# descent: compute the gradient of the cost on the whole training set, take a
# small step against it, repeat. That works, but it can be painfully slow. In
# this lab you implement the tools that make training fast in practice:
#
# 1. **mini-batch gradient descent**: update after looking at a small part of
#    the data instead of all of it;
# 2. **momentum**: smooth the successive gradients so the steps stop zigzagging;
# 3. **Adam**: momentum plus a per-parameter step size;
# 4. **learning rate decay**: take big steps early and smaller ones later.
#
# Then you train the same small network with each of them and compare.
#
# Picture the cost $J$ as a hilly landscape over the space of parameters.
# Training starts at a random spot and tries to walk down to a low valley. The
# gradient only tells you the slope *where you stand*, so how you turn that
# local information into steps decides how quickly (and whether) you get down.
#
# **Rules of the road.** In each exercise, replace the `# YOUR CODE HERE` and
# `raise NotImplementedError()` lines with your code. Do not rename functions
# or change their arguments: the grader calls them by name. Loop over the
# layers of the network, never over individual examples.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c2w2a1_optimization_methods")

# %% [given]
import math

import matplotlib.pyplot as plt
import numpy as np

from opt_utils import (
    accuracy,
    backward_propagation,
    compute_cost,
    example_parameters,
    forward_propagation,
    initialize_parameters,
    load_dataset,
    plot_decision_boundary,
    predict,
    predict_dec,
    train_model,
)

%matplotlib inline
plt.rcParams["figure.figsize"] = (6.0, 4.0)

# %% [markdown]
# ## 1. Gradient descent
#
# For a network with $L$ layers, one step of gradient descent updates every
# weight matrix and bias vector with the learning rate $\alpha$:
#
# $$W^{[l]} \leftarrow W^{[l]} - \alpha \, dW^{[l]}, \qquad b^{[l]} \leftarrow b^{[l]} - \alpha \, db^{[l]}, \qquad l = 1, \dots, L.$$
#
# The parameters live in a dictionary with keys `"W1"`, `"b1"`, ..., and the
# gradients in one with keys `"dW1"`, `"db1"`, .... There are two entries per
# layer, so $L$ is `len(parameters) // 2`.
#
# ### Exercise 1: `update_parameters_with_gd`
# Loop over the layers $l = 1, \dots, L$ and apply the update to `W{l}` and
# `b{l}`. An f-string builds the keys: `parameters[f"W{l}"]`.

# %% [solution] update_parameters_with_gd

# %% [code]
parameters_example, grads_example = example_parameters()
print("before:", parameters_example["W1"][0])
parameters_example = update_parameters_with_gd(parameters_example, grads_example, learning_rate=0.01)
print("after: ", parameters_example["W1"][0])

# %% [tests] update_parameters_with_gd
public_check("update_parameters_with_gd", globals())

# %% [markdown]
# ### Batch, stochastic and mini-batch
#
# *When* you take a step is a separate choice from *how* you take it:
#
# - **Batch gradient descent** computes the gradient on all $m$ examples
#   before each step. The gradient is exact, but one step costs a full pass
#   over the data, which is slow when $m$ is large.
# - **Stochastic gradient descent (SGD)** steps after every single example.
#   Steps are cheap and start making progress at once, but each one follows
#   the gradient of just one example, so the path is very noisy. It also
#   throws away the speed of vectorised code, which processes many examples
#   for almost the price of one.
# - **Mini-batch gradient descent** sits in between: it steps after every
#   group of, say, 64 examples. Steps are frequent *and* vectorised, and the
#   noise is moderate. This is what everybody uses in practice.
#
# In code the three differ only in how many examples go into each forward and
# backward pass. One pass over the whole training set, however many steps it
# takes, is called an **epoch**.
#
# ## 2. Mini-batches
#
# Building the mini-batches takes two steps.
#
# 1. **Shuffle.** Reorder the columns of `X` (one example per column) at
#    random, and the columns of `Y` *in the same way*, so that each example
#    keeps its label. A fresh shuffle every epoch means the mini-batches differ
#    from one epoch to the next, and no batch is stuck with, say, all the
#    examples of one class.
# 2. **Partition.** Cut the shuffled columns into consecutive blocks of
#    `mini_batch_size`. If $m$ is not a multiple of the size, the last block is
#    smaller: it holds the $m - \text{mini\_batch\_size} \times \lfloor m / \text{mini\_batch\_size} \rfloor$
#    examples that are left.
#
# For example, with $m = 148$ and a size of 64 you get two batches of 64 and
# a last one of 20.
#
# ### Exercise 2: `random_mini_batches`
#
# - Start with `np.random.seed(seed)`, then draw the permutation with
#   `permutation = list(np.random.permutation(m))` (one call, before anything
#   else random) and use it to reorder the columns of both `X` and `Y`:
#   `X[:, permutation]`. The grader compares your batches value by value, so
#   it must be this exact permutation.
# - The number of full batches is `math.floor(m / mini_batch_size)`. The
#   $k$-th full batch is the slice of columns
#   `k * mini_batch_size : (k + 1) * mini_batch_size`.
# - Add the last, smaller batch only when `m % mini_batch_size != 0`.
#
# Return a list of tuples `(mini_batch_X, mini_batch_Y)`.
#
# Mini-batch sizes are usually powers of two (16, 32, 64, 128, ...), which
# suits the way memory is laid out in hardware. A mini-batch must fit in the
# memory of your CPU or GPU.

# %% [solution] random_mini_batches

# %% [code]
rng_example = np.random.default_rng(0)
X_example = rng_example.normal(size=(3, 148))
Y_example = (rng_example.random((1, 148)) < 0.5).astype(int)
mini_batches_example = random_mini_batches(X_example, Y_example, mini_batch_size=64, seed=0)
for number, (batch_X, batch_Y) in enumerate(mini_batches_example):
    print(f"mini-batch {number}: X {batch_X.shape}, Y {batch_Y.shape}")

# %% [tests] random_mini_batches
public_check("random_mini_batches", globals())

# %% [markdown]
# ## 3. Momentum
#
# Mini-batch gradients are noisy, and on a cost surface shaped like a long,
# narrow valley even exact gradients point mostly *across* the valley rather
# than along it: gradient descent zigzags from wall to wall and advances
# slowly. Momentum fixes both problems by stepping along an **average of the
# recent gradients** instead of the latest one. Components that flip sign from
# step to step (the zigzag, the noise) cancel out in the average; components
# that keep pointing the same way (down the valley) add up.
#
# The average is an *exponentially weighted average*. With $\beta \in [0, 1)$,
# the velocity $v$ is updated at every step as
#
# $$v_{dW^{[l]}} \leftarrow \beta \, v_{dW^{[l]}} + (1 - \beta) \, dW^{[l]}, \qquad v_{db^{[l]}} \leftarrow \beta \, v_{db^{[l]}} + (1 - \beta) \, db^{[l]},$$
#
# and the parameters move along it:
#
# $$W^{[l]} \leftarrow W^{[l]} - \alpha \, v_{dW^{[l]}}, \qquad b^{[l]} \leftarrow b^{[l]} - \alpha \, v_{db^{[l]}}.$$
#
# Unrolled, $v$ is $(1-\beta)\left(g_t + \beta g_{t-1} + \beta^2 g_{t-2} + \dots\right)$:
# older gradients count less and less, and roughly the last
# $\frac{1}{1 - \beta}$ of them matter (about 10 for the usual $\beta = 0.9$).
# With $\beta = 0$ momentum is plain gradient descent. The name comes from
# physics: think of a ball rolling down the hill, with the gradient as the
# force that accelerates it and $\beta$ as friction that keeps its speed in
# check.
#
# The plot below shows the effect on a noisy sequence of numbers.

# %% [given]
rng_demo = np.random.default_rng(3)
steps = np.arange(100)
signal = np.sin(steps / 15)
noisy = signal + rng_demo.normal(0, 0.6, steps.size)

plt.figure(figsize=(8, 3.5))
plt.plot(steps, noisy, ".", color="0.6", label="noisy values $g_t$")
for beta in (0.5, 0.9):
    average, smoothed = 0.0, []
    for value in noisy:
        average = beta * average + (1 - beta) * value
        smoothed.append(average)
    plt.plot(steps, smoothed, label=rf"average with $\beta = {beta}$")
plt.plot(steps, signal, "k--", linewidth=1, label="the trend behind the noise")
plt.xlabel("step $t$")
plt.legend(fontsize=8)
plt.title("Exponentially weighted averages")
plt.show()

# %% [markdown]
# A larger $\beta$ gives a smoother average that reacts later to real
# changes. Notice also that the averages start near 0, because $v$ starts at
# 0: keep that in mind for Adam.
#
# ### Exercise 3: `initialize_velocity`
# The velocity starts at zero. Return a dictionary `v` with keys `"dW1"`,
# `"db1"`, ..., `"dWL"`, `"dbL"`, where `v[f"dW{l}"]` is an array of zeros
# with the shape of `parameters[f"W{l}"]` (and likewise for the biases).

# %% [solution] initialize_velocity

# %% [code]
parameters_example, grads_example = example_parameters()
v_example = initialize_velocity(parameters_example)
for key, value in v_example.items():
    print(key, value.shape)

# %% [tests] initialize_velocity
public_check("initialize_velocity", globals())

# %% [markdown]
# ### Exercise 4: `update_parameters_with_momentum`
# For every layer, first update the velocity of `W{l}` and `b{l}` with the
# formula above, then move the parameters along the new velocity. Return both
# the parameters and the velocity: the training loop passes `v` back in at
# the next step.

# %% [solution] update_parameters_with_momentum

# %% [code]
parameters_example, grads_example = example_parameters()
v_example = initialize_velocity(parameters_example)
parameters_example, v_example = update_parameters_with_momentum(parameters_example, grads_example, v_example, beta=0.9, learning_rate=0.01)
print("v['dW1'] =\n", v_example["dW1"])
print("W1 =\n", parameters_example["W1"])

# %% [tests] update_parameters_with_momentum
public_check("update_parameters_with_momentum", globals())

# %% [markdown]
# ## 4. Adam
#
# Momentum decides the *direction* of a step better. Adam (short for
# "adaptive moment estimation") also adapts its *size*, separately for every
# single parameter. Next to the average of the gradients $v$, it keeps an
# average of the **squared** gradients $s$. A parameter whose gradient is
# typically large has a large $s$, and dividing its step by $\sqrt{s}$ makes
# the step smaller; a parameter with small gradients gets relatively larger
# steps. Directions that are steep and directions that are flat both make
# progress at a similar pace.
#
# Because $v$ and $s$ start at 0, their first values are far too small (you
# saw it in the plot above). Adam corrects this **bias** by dividing by
# $1 - \beta^t$, where $t$ counts the steps taken so far. For small $t$ the
# divisor is small and scales the average up; as $t$ grows it approaches 1 and
# the correction fades away.
#
# For every layer $l$ and step $t$ (shown for $W$; the biases are treated the
# same way, and all operations are elementwise):
#
# $$\begin{aligned}
# v_{dW^{[l]}} &\leftarrow \beta_1 v_{dW^{[l]}} + (1 - \beta_1)\, dW^{[l]} &\qquad v^{\text{corrected}}_{dW^{[l]}} &= \frac{v_{dW^{[l]}}}{1 - \beta_1^{\,t}} \\
# s_{dW^{[l]}} &\leftarrow \beta_2 s_{dW^{[l]}} + (1 - \beta_2)\, \big(dW^{[l]}\big)^2 &\qquad s^{\text{corrected}}_{dW^{[l]}} &= \frac{s_{dW^{[l]}}}{1 - \beta_2^{\,t}} \\
# W^{[l]} &\leftarrow W^{[l]} - \alpha \, \frac{v^{\text{corrected}}_{dW^{[l]}}}{\sqrt{s^{\text{corrected}}_{dW^{[l]}}} + \varepsilon}
# \end{aligned}$$
#
# The small $\varepsilon$ (`epsilon`) only prevents a division by zero. The
# usual values are $\beta_1 = 0.9$, $\beta_2 = 0.999$ and
# $\varepsilon = 10^{-8}$; the learning rate $\alpha$ still needs tuning.
#
# ### Exercise 5: `initialize_adam`
# Return two dictionaries `v` and `s`, each with keys `"dW1"`, `"db1"`, ...
# and arrays of zeros shaped like the matching parameters.

# %% [solution] initialize_adam

# %% [code]
parameters_example, grads_example = example_parameters()
v_example, s_example = initialize_adam(parameters_example)
print("v keys:", sorted(v_example), " s keys:", sorted(s_example))

# %% [tests] initialize_adam
public_check("initialize_adam", globals())

# %% [markdown]
# ### Exercise 6: `update_parameters_with_adam`
# Apply the formulas above to every `W{l}` and `b{l}`. Store the
# bias-corrected averages in two new dictionaries `v_corrected` and
# `s_corrected` (same keys as `v` and `s`) and return them too, after the
# parameters, `v` and `s`. Use `np.square` (or `** 2`) and `np.sqrt`, and
# write `beta1 ** t`, not `beta1 * t`.

# %% [solution] update_parameters_with_adam

# %% [code]
parameters_example, grads_example = example_parameters()
v_example, s_example = initialize_adam(parameters_example)
parameters_example, v_example, s_example, v_hat, s_hat = update_parameters_with_adam(
    parameters_example, grads_example, v_example, s_example, t=1, learning_rate=0.01
)
print("v_corrected['dW1'] =\n", v_hat["dW1"])
print("W1 =\n", parameters_example["W1"])

# %% [tests] update_parameters_with_adam
public_check("update_parameters_with_adam", globals())

# %% [markdown]
# ### The three update rules on a narrow valley
#
# Before using them on a network, watch your three update functions on a cost
# with only two parameters, $J(w_1, w_2) = \frac{1}{2}\left(w_1^2 + 25\, w_2^2\right)$:
# a valley that is 25 times steeper across ($w_2$) than along ($w_1$). The
# minimum is at $(0, 0)$. The cell below stores $(w_1, w_2)$ in `W1`, gives
# the exact gradient $(w_1, 25 w_2)$ to each of your functions for 40 steps,
# and draws the paths. Each optimiser gets a learning rate that suits it.

# %% [given]
def valley_path(optimizer, learning_rate, steps=40, start=(-4.0, 1.2)):
    """Positions (steps + 1, 2) visited by one of your update functions on J = (w1^2 + 25 w2^2) / 2."""
    parameters = {"W1": np.array([start]), "b1": np.zeros((1, 1))}
    v = initialize_velocity(parameters)
    v_adam, s_adam = initialize_adam(parameters)
    path = [parameters["W1"][0].copy()]
    for t in range(1, steps + 1):
        w1, w2 = parameters["W1"][0]
        grads = {"dW1": np.array([[w1, 25 * w2]]), "db1": np.zeros((1, 1))}
        if optimizer == "gd":
            parameters = update_parameters_with_gd(parameters, grads, learning_rate)
        elif optimizer == "momentum":
            parameters, v = update_parameters_with_momentum(parameters, grads, v, 0.9, learning_rate)
        else:
            parameters, v_adam, s_adam, _, _ = update_parameters_with_adam(parameters, grads, v_adam, s_adam, t, learning_rate)
        path.append(parameters["W1"][0].copy())
    return np.array(path)


grid_w1, grid_w2 = np.meshgrid(np.linspace(-4.5, 1.8, 200), np.linspace(-1.6, 1.6, 200))
plt.figure(figsize=(9, 4.5))
plt.contour(grid_w1, grid_w2, 0.5 * (grid_w1**2 + 25 * grid_w2**2), levels=np.geomspace(0.05, 40, 14), colors="0.75")
for optimizer, learning_rate, style in (("gd", 0.075, "o-"), ("momentum", 0.2, "s-"), ("adam", 0.3, "^-")):
    path = valley_path(optimizer, learning_rate)
    close = np.linalg.norm(path, axis=1) < 0.5
    arrival = f"within 0.5 of the minimum after {np.argmax(close)} steps" if close.any() else "never within 0.5"
    plt.plot(path[:, 0], path[:, 1], style, markersize=3, label=f"{optimizer} (learning rate {learning_rate}): {arrival}")
plt.plot(0, 0, "k*", markersize=12)
plt.xlabel("$w_1$")
plt.ylabel("$w_2$")
plt.legend(fontsize=8, loc="lower right")
plt.title("40 steps of each update rule")
plt.show()

# %% [markdown]
# **Gradient descent** bounces from one wall to the other. Its learning rate
# cannot go above $2/25 = 0.08$, or the bounces across the valley grow
# instead of shrinking, and that same small rate makes it crawl along the
# valley. **Momentum** averages the bounces away, which lets it use a larger
# learning rate and arrive in about half the steps; like a rolling ball, it
# overshoots the minimum and swings back before it settles. **Adam** divides
# each direction by the size of its own gradients, so both coordinates move at
# a similar pace and the first steps head almost straight for the minimum.
#
# ## 5. Training a network with the three optimisers
#
# Now for a real model. The data set is scikit-learn's "moons": two
# interleaving half circles of points, with some noise, that no straight line
# can separate.

# %% [given]
train_X, train_Y = load_dataset()
plt.title("The moons data set")
plt.show()
print("train_X:", train_X.shape, " train_Y:", train_Y.shape)

# %% [markdown]
# The network is the 3-layer LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID
# model of the earlier labs, with layer sizes `[2, 5, 2, 1]`. Its forward and
# backward passes and the cost are given in `opt_utils.py`. The function
# `model` below trains it with mini-batches of 64 examples and the optimiser
# you choose, using *your* functions:
#
# - a new shuffle every epoch (`seed` starts at 10 and goes up by one per
#   epoch and is passed to `random_mini_batches`);
# - one update per mini-batch, with `update_parameters_with_gd`,
#   `update_parameters_with_momentum` or `update_parameters_with_adam`;
#   Adam's step counter `t` goes up by one per mini-batch;
# - the cost of an epoch is the average loss over all $m$ examples (the given
#   `compute_cost` returns the *sum* of a mini-batch's losses, and `model`
#   divides the total by $m$ once per epoch). It is recorded every 100 epochs.
#
# `model` returns the learned parameters and the recorded costs.
#
# *Timing.* 5000 epochs of this small network take a few seconds per
# optimiser on a laptop CPU, so the notebook uses the original lab's
# settings. (When the grader runs your notebook it trains for far fewer
# epochs: only the exercises above earn points.)

# %% [given]
NUM_EPOCHS = scaled(5000, 200)  # the grader does not need the full run
layers_dims = [train_X.shape[0], 5, 2, 1]


def model(X, Y, layers_dims, optimizer, learning_rate=0.0007, mini_batch_size=64, beta=0.9,
          beta1=0.9, beta2=0.999, epsilon=1e-8, num_epochs=5000, print_cost=True, decay=None, decay_rate=1):
    """
    Train the 3-layer network with optimizer "gd", "momentum" or "adam".

    decay -- None, or a function (learning_rate0, epoch_num, decay_rate) -> learning rate

    Returns:
    parameters -- the learned parameters
    costs -- the average cost every 100 epochs
    """
    parameters, costs, _ = train_model(X, Y, layers_dims, optimizer, globals(), learning_rate, mini_batch_size, beta,
                                       beta1, beta2, epsilon, num_epochs, print_cost, decay, decay_rate)
    return parameters, costs


def report(parameters, title):
    """Training accuracy and the decision regions of a trained network."""
    predict(train_X, train_Y, parameters)
    plot_decision_boundary(lambda points: predict_dec(parameters, points.T), train_X, train_Y, title=title)
    plt.show()

# %% [markdown]
# ### Mini-batch gradient descent

# %% [given]
parameters_gd, costs_gd = model(train_X, train_Y, layers_dims, optimizer="gd", num_epochs=NUM_EPOCHS)
report(parameters_gd, "Mini-batch gradient descent")

# %% [markdown]
# ### Mini-batch gradient descent with momentum

# %% [given]
parameters_momentum, costs_momentum = model(train_X, train_Y, layers_dims, optimizer="momentum", beta=0.9, num_epochs=NUM_EPOCHS)
report(parameters_momentum, "Gradient descent with momentum")

# %% [markdown]
# ### Mini-batch Adam

# %% [given]
parameters_adam, costs_adam = model(train_X, train_Y, layers_dims, optimizer="adam", num_epochs=NUM_EPOCHS)
report(parameters_adam, "Adam")

# %% [markdown]
# ### Comparison
#
# All three runs start from the same parameters, see the same mini-batches
# and use the same small learning rate $\alpha = 0.0007$.

# %% [given]
epochs_recorded = np.arange(len(costs_gd)) * 100
plt.figure(figsize=(7, 4))
for label, costs in (("gradient descent", costs_gd), ("momentum", costs_momentum), ("Adam", costs_adam)):
    plt.plot(epochs_recorded, costs, label=label)
plt.xlabel("epoch")
plt.ylabel("cost")
plt.legend()
plt.title("Learning curves, learning rate 0.0007")
plt.show()

print(f"{'optimiser':<20}{'accuracy':>10}{'final cost':>12}")
for label, parameters, costs in (("gradient descent", parameters_gd, costs_gd),
                                 ("momentum", parameters_momentum, costs_momentum),
                                 ("Adam", parameters_adam, costs_adam)):
    print(f"{label:<20}{accuracy(predict(train_X, train_Y, parameters, print_accuracy=False), train_Y):>10.3f}{costs[-1]:>12.3f}")

# %% [markdown]
# With this learning rate, gradient descent and momentum have barely started:
# their boundaries are close to straight lines and only about 70% of the
# points are on the right side. Their curves lie almost on top of each other,
# because with $(1 - \beta)$ in the average, momentum's steps are no longer
# than gradient descent's; it helps when the gradients are noisy or zigzag,
# which is not the bottleneck here. Adam, with the very same $\alpha$, reaches
# about 94% accuracy and a much lower cost: its per-parameter step sizes are
# not held back by the tiny gradients of this network.
#
# Adam is a good default for that reason: it needs little memory (two extra
# arrays per parameter), it works well with the default $\beta_1$, $\beta_2$
# and $\varepsilon$, and it is forgiving about the choice of $\alpha$.
# Momentum and plain gradient descent can also do well, but usually only with
# a carefully tuned (here: much larger) learning rate, as the next section
# shows.
#
# ## 6. Learning rate decay
#
# Near the end of training, mini-batch steps keep jittering around the
# minimum because every batch pulls in a slightly different direction. Taking
# large steps at the start and smaller steps later gives the best of both:
# fast early progress, then a calm settling in. That is **learning rate
# decay**. A simple schedule divides the initial rate $\alpha_0$ by a number
# that grows with the epoch number:
#
# $$\alpha = \frac{\alpha_0}{1 + \text{decay\_rate} \times \text{epoch\_num}}.$$
#
# ### Exercise 7: `update_lr`
# Return the learning rate of this formula.

# %% [solution] update_lr

# %% [code]
for epoch in (0, 1, 2, 10, 100):
    print(f"epoch {epoch:>3}: learning rate {update_lr(0.5, epoch, decay_rate=1):.5f}")

# %% [tests] update_lr
public_check("update_lr", globals())

# %% [markdown]
# Train the network with gradient descent, a much larger initial rate
# $\alpha_0 = 0.1$ and this decay with `decay_rate = 1`.

# %% [given]
parameters_decay, costs_decay = model(train_X, train_Y, layers_dims, optimizer="gd", learning_rate=0.1,
                                      num_epochs=NUM_EPOCHS, decay=update_lr)
report(parameters_decay, "Gradient descent, learning rate decayed every epoch")

# %% [markdown]
# Disappointing. With thousands of epochs, dividing by $1 + \text{epoch\_num}$
# shrinks the learning rate to almost nothing within the first few epochs (it
# is already 10 times smaller after 9 epochs), and training stalls long before
# it has learned anything.
#
# The cure is to decay **in steps**: keep the rate fixed for a whole interval
# of epochs and lower it only at the end of each interval,
#
# $$\alpha = \frac{\alpha_0}{1 + \text{decay\_rate} \times \left\lfloor \frac{\text{epoch\_num}}{\text{time\_interval}} \right\rfloor}.$$
#
# ### Exercise 8: `schedule_lr_decay`
# Return the learning rate of this formula; `np.floor` computes
# $\lfloor \cdot \rfloor$.

# %% [solution] schedule_lr_decay

# %% [code]
for epoch in (0, 999, 1000, 2500, 4999):
    print(f"epoch {epoch:>4}: learning rate {schedule_lr_decay(0.5, epoch, decay_rate=1, time_interval=1000):.5f}")

# %% [tests] schedule_lr_decay
public_check("schedule_lr_decay", globals())

# %% [markdown]
# ### Training with the scheduled decay
#
# The same three optimisers again, now with $\alpha_0 = 0.1$ (0.01 for Adam),
# `decay_rate = 0.3` and the rate lowered every 1000 epochs.

# %% [given]
schedule_runs = {}
for optimizer, learning_rate in (("gd", 0.1), ("momentum", 0.1), ("adam", 0.01)):
    print(f"--- {optimizer} ---")
    schedule_runs[optimizer] = model(train_X, train_Y, layers_dims, optimizer=optimizer, learning_rate=learning_rate,
                                     num_epochs=NUM_EPOCHS, decay=schedule_lr_decay, decay_rate=0.3)

fig, axes = plt.subplots(1, 3, figsize=(15, 4))
for ax, (optimizer, (parameters, costs)) in zip(axes, schedule_runs.items()):
    score = accuracy(predict(train_X, train_Y, parameters, print_accuracy=False), train_Y)
    plot_decision_boundary(lambda points, p=parameters: predict_dec(p, points.T), train_X, train_Y, ax=ax,
                           title=f"{optimizer} with scheduled decay: accuracy {score:.3f}")
plt.tight_layout()
plt.show()

plt.figure(figsize=(7, 4))
plt.plot(epochs_recorded, costs_gd, "--", label="gradient descent, fixed rate 0.0007")
plt.plot(epochs_recorded, costs_decay, ":", label="gradient descent, rate decayed every epoch")
for optimizer, (_, costs) in schedule_runs.items():
    plt.plot(epochs_recorded, costs, label=f"{optimizer}, scheduled decay")
plt.xlabel("epoch")
plt.ylabel("cost")
plt.legend(fontsize=8)
plt.title("Learning curves")
plt.show()

# %% [markdown]
# With a sensible starting rate and a gentle, stepwise decay, all three
# optimisers now reach about 94-95% accuracy. The gap between them in
# section 5 was largely a matter of the learning rate: Adam is much less
# sensitive to it, which is a big part of why it is so popular.
#
# ## Summary
# - **Mini-batch gradient descent** updates after every small batch of
#   shuffled examples: many cheap, vectorised steps per epoch.
# - **Momentum** steps along an exponentially weighted average of the
#   gradients, $v \leftarrow \beta v + (1 - \beta)\,dW$, which damps zigzags and noise.
# - **Adam** combines that average with an average of the squared gradients,
#   corrects both for their start at zero, and scales each parameter's step
#   by $1 / (\sqrt{s^{\text{corrected}}} + \varepsilon)$.
# - **Learning rate decay** starts with large steps and makes them smaller
#   over time; decaying every epoch can be far too fast, so decay in steps.
# - The learning rate remains the most important hyperparameter to tune.
