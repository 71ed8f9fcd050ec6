# %% [markdown]
# # Logistic regression, built like a tiny neural network
#
# In this lab you build a cat detector from scratch with NumPy. Logistic
# regression is the smallest possible neural network: one unit, a sigmoid
# activation, and a cross-entropy loss. Writing it step by step introduces the
# pattern every later lab repeats:
#
# 1. **initialise** the parameters,
# 2. **forward pass**: compute predictions and the cost,
# 3. **backward pass**: compute the gradient of the cost,
# 4. **update** the parameters with gradient descent, and repeat.
#
# **Rules of the road.** Write your code between the `# YOUR CODE HERE` marker and
# the end of each function, and delete the `raise NotImplementedError()` line.
# Do not rename functions or change their arguments: the grader calls them by
# name. Avoid `for` loops over examples: vectorise with NumPy.
#
# *Data note.* The original lab used 209 photographs. Here the images are drawn
# by a program (furry shapes with ears and eyes versus plain scenes), generated
# on your machine the first time you load them, so no download is needed.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c1w2a2_logistic_regression")

# %% [given]
import copy

import matplotlib.pyplot as plt
import numpy as np

from autograder.data.cats import load_dataset

%matplotlib inline

# %% [markdown]
# ## 1. The data
#
# `load_dataset()` returns a training set of 209 images and a test set of 50,
# each image a `(64, 64, 3)` array of bytes (height, width, RGB), with labels
# `1` for "cat" and `0` for "non-cat".

# %% [given]
train_set_x_orig, train_set_y, test_set_x_orig, test_set_y, classes = load_dataset()

fig, axes = plt.subplots(2, 6, figsize=(12, 4.4))
for ax, index in zip(axes.flat, range(12)):
    ax.imshow(train_set_x_orig[index])
    ax.set_title(classes[train_set_y[0, index]].decode())
    ax.axis("off")
plt.suptitle("The first twelve training images")
plt.show()

# %% [markdown]
# Keeping track of shapes prevents most bugs in deep learning code. Find the
# number of training examples `m_train`, test examples `m_test` and the image
# side `num_px` from the arrays' shapes.
#
# Then reshape each image into a column vector. A matrix of shape
# `(a, b, c, d)` becomes `(b*c*d, a)` with `X.reshape(X.shape[0], -1).T`:
# each column is one flattened image. Finally divide by 255 so every feature
# lies in `[0, 1]`; gradient descent behaves much better on inputs of similar
# scale.

# %% [given]
m_train = train_set_x_orig.shape[0]
m_test = test_set_x_orig.shape[0]
num_px = train_set_x_orig.shape[1]

train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T
train_set_x = train_set_x_flatten / 255.0
test_set_x = test_set_x_flatten / 255.0

print(f"m_train = {m_train}, m_test = {m_test}, num_px = {num_px}")
print("train_set_x shape:", train_set_x.shape, " train_set_y shape:", train_set_y.shape)
print("test_set_x shape: ", test_set_x.shape, " test_set_y shape: ", test_set_y.shape)

# %% [markdown]
# ## 2. The model
#
# For one example $x^{(i)}$ the model computes
#
# $$z^{(i)} = w^T x^{(i)} + b, \qquad \hat y^{(i)} = a^{(i)} = \sigma(z^{(i)}) = \frac{1}{1 + e^{-z^{(i)}}}$$
#
# and the loss $\mathcal{L}(a^{(i)}, y^{(i)}) = -y^{(i)}\log a^{(i)} - (1-y^{(i)})\log(1-a^{(i)})$.
# The **cost** is the average loss over the training set,
# $J = \frac{1}{m}\sum_i \mathcal{L}(a^{(i)}, y^{(i)})$.
#
# ### Exercise 1: `sigmoid`
# Implement $\sigma(z)$ with `np.exp`, so that it works on scalars and arrays alike.

# %% [solution] sigmoid

# %% [code]
print("sigmoid([0, 2]) =", sigmoid(np.array([0.0, 2.0])))

# %% [tests] sigmoid
public_check("sigmoid", globals())

# %% [markdown]
# ### Exercise 2: `initialize_with_zeros`
# For logistic regression, starting from all zeros is fine (unlike in networks
# with hidden layers, as you will see in course 2). Return `w` as a column of
# zeros of shape `(dim, 1)` and `b` as the Python float `0.0`.

# %% [solution] initialize_with_zeros

# %% [code]
w, b = initialize_with_zeros(2)
print("w =", w.ravel(), " b =", b)

# %% [tests] initialize_with_zeros
public_check("initialize_with_zeros", globals())

# %% [markdown]
# ### Exercise 3: `propagate`
# The forward pass over all $m$ examples at once is
# $A = \sigma(w^T X + b)$, a row of shape `(1, m)`, and the cost
# $J = -\frac{1}{m}\sum_{i}\left(y^{(i)}\log a^{(i)} + (1-y^{(i)})\log(1-a^{(i)})\right)$.
#
# Calculus on this cost gives compact gradients:
#
# $$\frac{\partial J}{\partial w} = \frac{1}{m} X (A - Y)^T, \qquad \frac{\partial J}{\partial b} = \frac{1}{m}\sum_{i}(a^{(i)} - y^{(i)})$$
#
# Return the gradients in a dictionary `{"dw": ..., "db": ...}` and the cost
# as a 0-dimensional array (`np.squeeze(np.array(cost))`).

# %% [solution] propagate

# %% [code]
w_demo, b_demo = np.array([[1.0], [2.0]]), 2.0
X_demo = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
Y_demo = np.array([[1, 0, 1]])
grads, cost = propagate(w_demo, b_demo, X_demo, Y_demo)
print("dw =", grads["dw"].ravel(), " db =", grads["db"], " cost =", cost)

# %% [tests] propagate
public_check("propagate", globals())

# %% [markdown]
# ### Exercise 4: `optimize`
# Gradient descent repeats `θ = θ − α dθ` for every parameter θ, with learning
# rate α. Work on copies of `w` and `b` (the caller's arrays must not change),
# record the cost every 100 iterations (when `i % 100 == 0`), and return the
# final parameters, the last gradients, and the list of recorded costs.

# %% [solution] optimize

# %% [code]
params, grads, costs = optimize(w_demo, b_demo, X_demo, Y_demo, num_iterations=101, learning_rate=0.009)
print("w =", params["w"].ravel(), " b =", params["b"])
print("costs =", [float(c) for c in costs])

# %% [tests] optimize

# %% [markdown]
# ### Exercise 5: `predict`
# With learned parameters, the model predicts 1 where $\sigma(w^T X + b) > 0.5$
# and 0 otherwise. Return a float array of shape `(1, m)`.

# %% [solution] predict

# %% [code]
print("predictions:", predict(np.array([[0.1124579], [0.23106775]]), -0.3, np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]])))

# %% [tests] predict
public_check("predict", globals())

# %% [markdown]
# ### Exercise 6: `model`
# Put it together: initialise with zeros (the dimension is the number of rows
# of `X_train`), optimise, then predict on both sets. Return the dictionary
# described in the docstring.

# %% [solution] model

# %% [code]
d_demo = model(X_demo, Y_demo, X_demo, Y_demo, num_iterations=50, learning_rate=0.01)
print("keys:", sorted(d_demo))

# %% [tests] model

# %% [markdown]
# ## 3. Train the cat detector
# Now train on the real (generated) data. Expect a training accuracy near
# 100% and a clearly lower test accuracy: with 12,288 weights and only 209
# examples the model memorises the training set. That gap, **overfitting**, is
# the subject of course 2.

# %% [given]
logistic_regression_model = model(train_set_x, train_set_y, test_set_x, test_set_y,
                                  num_iterations=scaled(2000, 100), learning_rate=0.005, print_cost=True)

# %% [markdown]
# ## 4. The learning curve, and the choice of learning rate
# A cost that falls steadily means gradient descent is working. The learning
# rate decides how fast: too small and learning crawls, too large and the cost
# can oscillate or diverge.

# %% [given]
plt.figure(figsize=(7, 4))
for rate in (0.01, 0.005, 0.001):
    run = model(train_set_x, train_set_y, test_set_x, test_set_y, num_iterations=scaled(1500, 100), learning_rate=rate)
    plt.plot(np.squeeze(run["costs"]), label=f"learning rate {rate}")
plt.xlabel("iterations (hundreds)")
plt.ylabel("cost")
plt.legend()
plt.title("Cost during training for three learning rates")
plt.show()

# %% [markdown]
# ## 5. What the model got wrong
# Looking at mistakes is the start of error analysis (course 3).

# %% [given]
wrong = np.where(logistic_regression_model["Y_prediction_test"][0] != test_set_y[0])[0][:6]
fig, axes = plt.subplots(1, max(len(wrong), 1), figsize=(2.2 * max(len(wrong), 1), 2.6), squeeze=False)
for ax, index in zip(axes[0], wrong):
    ax.imshow(test_set_x_orig[index])
    predicted = int(logistic_regression_model["Y_prediction_test"][0, index])
    ax.set_title(f"said {classes[predicted].decode()}")
    ax.axis("off")
plt.show()

# %% [markdown]
# ## Summary
# - Preprocessing: flatten images into columns and scale them to [0, 1].
# - A model is built from small functions: initialise, propagate, optimise, predict.
# - The learning rate matters, and a large train/test gap signals overfitting.
