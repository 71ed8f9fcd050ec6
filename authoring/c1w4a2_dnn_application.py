# %% [markdown]
# # A deep network for image classification
#
# In the previous lab you wrote every building block of a deep network:
# initialisation, the forward pass, the cost, the backward pass and the
# update. Here you use them. You assemble two complete models and train them
# as cat detectors, on the same kind of pictures as the logistic regression
# lab:
#
# 1. a **2-layer** network, LINEAR → RELU → LINEAR → SIGMOID;
# 2. an **L-layer** network, [LINEAR → RELU] × (L−1) → LINEAR → SIGMOID, with
#    four layers.
#
# Then you compare them with logistic regression on pictures none of them has
# seen during training.
#
# **Rules of the road.** Write your code in place of the `# YOUR CODE HERE`
# and `raise NotImplementedError()` lines. Do not rename the functions or
# change their arguments: the grader calls them by name.
#
# *Data note.* As in the logistic regression lab, the pictures are drawn by a
# program (furry shapes with ears and eyes for "cat", plain scenes for
# "non-cat"), generated on your machine the first time you load them; no
# download is needed.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c1w4a2_dnn_application")

# %% [given]
import time

import matplotlib.pyplot as plt
import numpy as np

from dnn_app_utils import (
    L_model_backward,
    L_model_forward,
    accuracy,
    compute_cost,
    example_data,
    fresh_images,
    initialize_parameters,
    initialize_parameters_deep,
    linear_activation_backward,
    linear_activation_forward,
    load_data,
    plot_costs,
    predict,
    print_mislabeled_images,
    update_parameters,
)

%matplotlib inline
plt.rcParams["figure.figsize"] = (6.0, 4.0)

# %% [markdown]
# ## 1. The data
#
# `load_data()` returns 209 training pictures and 50 test pictures, each a
# `(64, 64, 3)` array of bytes, with labels `1` for "cat" and `0` for
# "non-cat". About a third of the pictures in each set are cats.

# %% [given]
train_x_orig, train_y, test_x_orig, test_y, classes = load_data()

fig, axes = plt.subplots(2, 8, figsize=(14, 4))
for ax, index in zip(axes.flat, range(16)):
    ax.imshow(train_x_orig[index])
    ax.set_title(classes[train_y[0, index]].decode(), fontsize=10)
    ax.axis("off")
plt.suptitle("The first sixteen training pictures")
plt.show()

m_train, num_px = train_x_orig.shape[0], train_x_orig.shape[1]
m_test = test_x_orig.shape[0]
print(f"{m_train} training and {m_test} test pictures of {num_px} x {num_px} pixels x 3 colours")
print("share of cats: train", round(float(train_y.mean()), 2), " test", round(float(test_y.mean()), 2))

# %% [markdown]
# ### Preprocessing
#
# As before, each picture becomes one column of $64 \times 64 \times 3 = 12288$
# numbers, and dividing by 255 brings every value into $[0, 1]$.
#
# One step is new: we subtract the **mean training picture** (the average of
# each pixel over the 209 training pictures) from every picture, training and
# test alike. Every feature is then centred around 0.
#
# *Why centre?* Raw pixels are all positive, so at the start each unit of the
# first layer sees a sum that mostly measures how bright the picture is, and
# all the units move together. On these pictures that makes the 4-layer network
# fall into a trap early in training: its second layer stops responding to
# any picture (every ReLU outputs 0, a "dead" layer), no gradient flows back
# through it any more, and the network ends up answering "non-cat" for
# everything. Centred inputs avoid this. Course 2 comes back to normalising
# inputs. The mean is computed on the **training** set only and then applied
# to the test set unchanged: the test pictures must play no part in training.

# %% [given]
train_x_flatten = train_x_orig.reshape(train_x_orig.shape[0], -1).T
test_x_flatten = test_x_orig.reshape(test_x_orig.shape[0], -1).T

mean_picture = (train_x_flatten / 255.0).mean(axis=1, keepdims=True)
train_x = train_x_flatten / 255.0 - mean_picture
test_x = test_x_flatten / 255.0 - mean_picture

print("train_x:", train_x.shape, " test_x:", test_x.shape)
plt.figure(figsize=(2.5, 2.5))
plt.imshow(mean_picture.reshape(num_px, num_px, 3))
plt.title("mean training picture")
plt.axis("off")
plt.show()

# %% [markdown]
# ## 2. The two architectures
#
# **The 2-layer network.** A picture $x$ (a column of 12288 numbers) goes
# through one hidden layer of $n_h = 7$ ReLU units and one sigmoid output unit:
#
# $$a^{[1]} = \mathrm{ReLU}\left(W^{[1]}x + b^{[1]}\right), \qquad \hat{y} = a^{[2]} = \sigma\left(W^{[2]}a^{[1]} + b^{[2]}\right)$$
#
# with $W^{[1]}$ of shape $(7, 12288)$ and $W^{[2]}$ of shape $(1, 7)$. The
# network says "cat" when $\hat{y} > 0.5$.
#
# **The L-layer network.** The same idea, repeated: $L-1$ hidden ReLU
# layers, then the sigmoid output. We use the sizes `[12288, 20, 7, 5, 1]`:
# three hidden layers of 20, 7 and 5 units, so $L = 4$.
#
# **The recipe** (the same for both):
#
# 1. initialise the parameters;
# 2. repeat `num_iterations` times: forward pass, cost, backward pass, update;
# 3. predict with the trained parameters.
#
# All the building blocks are given (they are the functions of the previous
# lab, in `dnn_app_utils.py`):
#
# | function | what it does |
# |---|---|
# | `initialize_parameters(n_x, n_h, n_y)` | `W1`, `b1`, `W2`, `b2` of a 2-layer network |
# | `initialize_parameters_deep(layers_dims)` | `W1`, `b1`, ..., `WL`, `bL`; weights scaled by $1/\sqrt{n^{[l-1]}}$ |
# | `linear_activation_forward(A_prev, W, b, activation)` | one layer forward: returns `A, cache` |
# | `L_model_forward(X, parameters)` | the whole network forward: returns `AL, caches` |
# | `compute_cost(AL, Y)` | the cross-entropy cost |
# | `linear_activation_backward(dA, cache, activation)` | one layer backward: returns `dA_prev, dW, db` |
# | `L_model_backward(AL, Y, caches)` | the whole network backward: returns `grads` |
# | `update_parameters(parameters, grads, learning_rate)` | one gradient-descent step: returns new parameters |
#
# Your two functions are mostly about wiring these blocks together in the
# right order.
#
# ### Exercise 1: `two_layer_model`
#
# Write the training loop of the 2-layer network **layer by layer**, with the
# single-layer functions:
#
# 1. `np.random.seed(1)` first (for reproducible results), then unpack
#    `(n_x, n_h, n_y) = layers_dims` and call `initialize_parameters(n_x, n_h, n_y)`;
# 2. in each iteration `i`:
#    - forward: `A1, cache1` from `X` with `"relu"`, then `A2, cache2` from
#      `A1` with `"sigmoid"`;
#    - `cost = compute_cost(A2, Y)`;
#    - backward: start from the derivative of the cost with respect to the
#      output, `dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))`, go
#      through the sigmoid layer with `cache2` to get `dA1, dW2, db2`, then
#      through the ReLU layer with `cache1` to get `dA0, dW1, db1`;
#    - put `dW1, db1, dW2, db2` in the dictionary `grads` under those names,
#      and `parameters = update_parameters(parameters, grads, learning_rate)`;
#      read `W1, b1, W2, b2` again from the new `parameters` for the next pass;
#    - when `i % 100 == 0`, append the cost to `costs` (so iteration 0 is
#      recorded). With `print_cost=True`, also print it then, and at the last
#      iteration.
# 3. return `parameters, costs`.

# %% [solution] two_layer_model

# %% [code]
X_example, Y_example = example_data()
parameters_example, costs_example = two_layer_model(X_example, Y_example, (5, 4, 1), learning_rate=0.1,
                                                    num_iterations=301, print_cost=True)
print("recorded costs:", [round(float(c), 4) for c in costs_example])

# %% [tests] two_layer_model
public_check("two_layer_model", globals())

# %% [markdown]
# ### Exercise 2: `L_layer_model`
#
# Now the network of any depth, with the whole-network functions:
#
# 1. `np.random.seed(1)` first, then `parameters = initialize_parameters_deep(layers_dims)`;
# 2. in each iteration `i`: `AL, caches = L_model_forward(X, parameters)`,
#    `cost = compute_cost(AL, Y)`, `grads = L_model_backward(AL, Y, caches)`,
#    `parameters = update_parameters(parameters, grads, learning_rate)`;
#    record (and print) the cost exactly as in Exercise 1;
# 3. return `parameters, costs`.
#
# Notice how short it is: the loop over the layers lives inside
# `L_model_forward` and `L_model_backward`, so the same four lines train a
# network of any depth.

# %% [solution] L_layer_model

# %% [code]
parameters_example, costs_example = L_layer_model(X_example, Y_example, [5, 4, 3, 1], learning_rate=0.1,
                                                  num_iterations=301, print_cost=True)
print("recorded costs:", [round(float(c), 4) for c in costs_example])

# %% [tests] L_layer_model
public_check("L_layer_model", globals())

# %% [markdown]
# ## 3. Training the cat detectors
#
# *Sized for a laptop CPU.* Each iteration multiplies matrices with
# $12288 \times 209$ entries, so every hundred iterations take a second or two.
# The original lab trained each network for 2,500 iterations; we
# stop both networks after 1,000, with the default learning rate 0.0075. Each
# of the next two training cells takes about 15 seconds on a laptop.
#
# ### The 2-layer network

# %% [given]
TWO_LAYER_ITERATIONS = scaled(1000, 10)  # the original lab used 2500
L_LAYER_ITERATIONS = scaled(1000, 10)  # the original lab used 2500
LOGISTIC_ITERATIONS = scaled(500, 10)

start = time.time()
parameters_2, costs_2 = two_layer_model(train_x, train_y, (12288, 7, 1), num_iterations=TWO_LAYER_ITERATIONS, print_cost=True)
print(f"trained in {time.time() - start:.1f} s")
plot_costs(costs_2, learning_rate=0.0075)
plt.show()

# %% [markdown]
# For several hundred iterations the cost falls only slowly, then it drops
# faster. The small starting weights ($0.01 \times$ a normal draw) are the
# reason: the network starts out answering nearly the same for every picture
# and needs a while to get going (the plateau at the end of the previous lab).

# %% [given]
print("2-layer network, training set:")
predictions_train_2 = predict(train_x, train_y, parameters_2)
print("2-layer network, test set:")
predictions_test_2 = predict(test_x, test_y, parameters_2)

# %% [markdown]
# ### The 4-layer network

# %% [given]
start = time.time()
parameters_L, costs_L = L_layer_model(train_x, train_y, [12288, 20, 7, 5, 1], num_iterations=L_LAYER_ITERATIONS, print_cost=True)
print(f"trained in {time.time() - start:.1f} s")
plot_costs(costs_L, learning_rate=0.0075)
plt.show()

# %% [given]
print("4-layer network, training set:")
predictions_train_L = predict(train_x, train_y, parameters_L)
print("4-layer network, test set:")
predictions_test_L = predict(test_x, test_y, parameters_L)

# %% [markdown]
# With the $1/\sqrt{n^{[l-1]}}$ scale of `initialize_parameters_deep`, the
# deeper network starts learning at once, and it fits the training set in
# fewer iterations than the 2-layer one.
#
# ## 4. Compared with logistic regression
#
# A network with no hidden layer, `layers_dims = [12288, 1]`, is logistic
# regression: your `L_layer_model` trains it too. We give it the learning rate
# of the logistic regression lab, 0.005.
#
# The test set is what matters: 50 pictures that took no part in training.
# Keep in mind how small it is: one picture is 2 percentage points, and about
# two thirds of the test pictures are non-cats, so a "model" that always says
# "non-cat" already scores 64%.

# %% [given]
parameters_logistic, costs_logistic = L_layer_model(train_x, train_y, [12288, 1], learning_rate=0.005,
                                                    num_iterations=LOGISTIC_ITERATIONS)
always_non_cat = accuracy(np.zeros_like(test_y), test_y)
rows = [
    ("always 'non-cat'", None),
    ("logistic regression [12288, 1]", parameters_logistic),
    ("2-layer network [12288, 7, 1]", parameters_2),
    ("4-layer network [12288, 20, 7, 5, 1]", parameters_L),
]
print(f"{'model':<40}{'train':>8}{'test':>8}")
for label, parameters in rows:
    if parameters is None:
        print(f"{label:<40}{accuracy(np.zeros_like(train_y), train_y):>8.2f}{always_non_cat:>8.2f}")
        continue
    train_accuracy = accuracy(predict(train_x, train_y, parameters, print_accuracy=False), train_y)
    test_accuracy = accuracy(predict(test_x, test_y, parameters, print_accuracy=False), test_y)
    print(f"{label:<40}{train_accuracy:>8.2f}{test_accuracy:>8.2f}")

# %% [markdown]
# On the training set every model beats the "always non-cat" baseline, and
# the 4-layer network gets every picture right. With 12,288 numbers per
# picture and only 209 pictures, fitting the training set is the easy part.
#
# The test set tells them apart. Logistic regression, which weighs every pixel
# on its own, does no better than always answering "non-cat", and the 2-layer
# network, stopped early with its 7 hidden units, is hardly better. The 4-layer
# network is clearly ahead. Its hidden layers build intermediate features (combinations
# of pixels that respond to parts of a picture) and its later layers combine
# those, and that generalises better.
#
# Still, about three test pictures in four is far from perfect, and the gap
# between its training and test accuracy says the network memorises much of
# its training set (*overfitting*, the subject of course 2).
#
# ## 5. Error analysis
#
# Which test pictures does the 4-layer network get wrong?

# %% [given]
print_mislabeled_images(classes, test_x + mean_picture, test_y, predictions_test_L)

# %% [markdown]
# Look for what the mistakes have in common: plain scenes with a block or a
# disc of colour where the network expected a head, cats whose fur is close
# in colour to the background. Part of the difficulty is that a fully
# connected network has to learn what a cat looks like separately at every
# position and size, and 209 pictures show it only a few of them. Networks
# that share their weights across positions, the **convolutional** networks of
# course 4, are the standard answer to that.
#
# ## 6. Pictures it has never seen
#
# The generator can draw as many new pictures as we like. Here are eight fresh
# ones, preprocessed exactly like the training pictures (flattened, divided by
# 255, mean training picture subtracted), with the 4-layer network's verdict.

# %% [given]
new_images, new_labels = fresh_images(n=8, seed=2024)
new_x = new_images.reshape(new_images.shape[0], -1).T / 255.0 - mean_picture
new_predictions = predict(new_x, new_labels, parameters_L, print_accuracy=False)

fig, axes = plt.subplots(1, 8, figsize=(14, 2.6))
for ax, index in zip(axes, range(8)):
    ax.imshow(new_images[index])
    verdict = classes[int(new_predictions[0, index])].decode()
    truth = classes[int(new_labels[0, index])].decode()
    ax.set_title(f"says {verdict}\n(is {truth})", fontsize=9, color="black" if verdict == truth else "red")
    ax.axis("off")
plt.show()

# %% [markdown]
# ## Summary
# - Training any of these networks follows one recipe: initialise, then repeat
#   forward pass, cost, backward pass and update; then predict.
# - The blocks of the previous lab make that recipe a few lines long, for a
#   network of any depth.
# - Centring the inputs and scaling the initial weights by $1/\sqrt{n^{[l-1]}}$
#   keep a deep network from stalling before it starts learning.
# - On these pictures, the 4-layer network generalises better than logistic
#   regression and the 2-layer network; a large train/test gap remains, which
#   regularisation (course 2) and convolutional networks (course 4) address.
