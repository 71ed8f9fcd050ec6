# %% [markdown]
# # Python basics with NumPy
#
# Deep learning code is mostly arithmetic on large arrays of numbers. NumPy is
# the Python library that stores such arrays compactly and runs whole-array
# operations in fast compiled code. This short lab is a warm-up for the rest
# of the course. You will:
#
# - write a few small functions you will use again and again (the sigmoid and
#   its slope, softmax, row normalisation, two loss functions);
# - get used to **shapes** and to `reshape`;
# - meet **broadcasting**, NumPy's rule for combining arrays of different shapes;
# - see with your own eyes why we **vectorise**: one NumPy call beats a Python
#   `for` loop by a wide margin.
#
# **Rules of the road.** In each exercise, replace the `# YOUR CODE HERE` and
# `raise NotImplementedError()` lines with your code. Do not rename functions
# or change their arguments: the grader calls them by name, on inputs of
# several shapes, and compares your results with a reference. Each exercise
# is followed by a small demo cell and a test cell that runs a public example;
# the grader adds hidden cases of its own.
#
# *About Jupyter.* Run a cell with **Shift+Enter**. Cells share one Python
# session, so run them from top to bottom; if something looks odd, use
# *Kernel → Restart & Run All*.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c1w2a1_python_basics")

# %% [given]
import math
import time

import matplotlib.pyplot as plt
import numpy as np

%matplotlib inline

# %% [markdown]
# ## 1. The sigmoid, first with `math`
#
# The **sigmoid** (or logistic) function squashes any real number into the
# interval $(0, 1)$:
#
# $$\sigma(x) = \frac{1}{1 + e^{-x}}$$
#
# Large positive inputs give values near 1, large negative inputs give values
# near 0, and $\sigma(0) = \tfrac12$. That is why it turns a score into
# something we can read as a probability, as logistic regression will do next
# week.
#
# ### Exercise 1: `basic_sigmoid`
# Implement $\sigma(x)$ for a **single number** `x` with `math.exp`. The result
# must be a plain Python `float` (which is exactly what `math.exp` gives you).

# %% [solution] basic_sigmoid

# %% [code]
print("basic_sigmoid(1) =", basic_sigmoid(1))
print("basic_sigmoid(-3) =", basic_sigmoid(-3))

# %% [tests] basic_sigmoid
public_check("basic_sigmoid", globals())

# %% [markdown]
# The `math` module only understands single numbers. Deep learning feeds
# functions whole vectors and matrices, and `math.exp` refuses them:

# %% [given]
values = np.array([1.0, 2.0, 3.0])
try:
    math.exp(values)
except TypeError as error:
    print("math.exp(values) fails:", error)

# %% [markdown]
# ## 2. NumPy works on whole arrays
#
# NumPy functions such as `np.exp`, `np.log` or `np.abs` apply to every entry
# of an array at once, and ordinary arithmetic does too: for a vector $x$,
#
# $$e^{x} = \begin{pmatrix} e^{x_1} & e^{x_2} & \cdots & e^{x_n} \end{pmatrix}, \qquad x + 3 = \begin{pmatrix} x_1 + 3 & x_2 + 3 & \cdots & x_n + 3 \end{pmatrix}$$
#
# In the second example NumPy quietly stretches the number 3 to the shape of
# `x`. This stretching is called **broadcasting**, and you will meet it again.

# %% [given]
x = np.array([1.0, 2.0, 3.0])
print("np.exp(x) =", np.exp(x))
print("x + 3     =", x + 3)
print("1 / x     =", 1 / x)

# %% [markdown]
# ### Exercise 2: `sigmoid`
# Write $\sigma$ again, this time with `np.exp`, so that `x` may be a number, a
# vector, a matrix, or an array with any number of dimensions. The result has
# the shape of `x`.

# %% [solution] sigmoid

# %% [code]
print("sigmoid([1, 2, 3]) =", sigmoid(np.array([1.0, 2.0, 3.0])))

# %% [tests] sigmoid
public_check("sigmoid", globals())

# %% [markdown]
# ## 3. The slope of the sigmoid
#
# Training a network means following the **gradient** of a cost, and the
# chain rule will ask for the derivative of every activation function. The
# sigmoid has a famously tidy one, written in terms of its own value:
#
# $$\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)$$
#
# (Differentiate $(1 + e^{-x})^{-1}$ to check: you get
# $\frac{e^{-x}}{(1 + e^{-x})^2}$, which is the same thing.) So once the
# forward pass has computed $s = \sigma(x)$, the slope costs just one
# multiplication.
#
# ### Exercise 3: `sigmoid_derivative`
# Compute `s = sigmoid(x)` with your function from Exercise 2, then return
# `ds = s * (1 - s)`.

# %% [solution] sigmoid_derivative

# %% [code]
print("sigmoid_derivative([1, 2, 3]) =", sigmoid_derivative(np.array([1.0, 2.0, 3.0])))

# %% [tests] sigmoid_derivative
public_check("sigmoid_derivative", globals())

# %% [markdown]
# A picture says more: the slope is largest, $\tfrac14$, at $x = 0$, and it is
# almost zero once $|x|$ exceeds about 5. In those flat tails a network that
# uses sigmoids learns very slowly, because the gradient hardly flows. Keep
# that in mind for week 3.

# %% [given]
grid = np.linspace(-8, 8, 400)
plt.figure(figsize=(7, 3.8))
plt.plot(grid, sigmoid(grid), label=r"$\sigma(x)$")
plt.plot(grid, sigmoid_derivative(grid), label=r"$\sigma'(x)$")
plt.axhline(0.25, color="grey", linewidth=0.6, linestyle=":")
plt.xlabel("x")
plt.legend()
plt.title("The sigmoid and its slope")
plt.show()

# %% [markdown]
# ## 4. Shapes and `reshape`
#
# Two attributes and one method do most of the shape work:
#
# - `X.shape` is a tuple with the size of every dimension;
# - `X.ndim` is the number of dimensions;
# - `X.reshape(new_shape)` returns the same numbers arranged in a new shape.
#   One entry of `new_shape` may be `-1`, meaning "whatever is left over".
#
# A colour image is stored as an array of shape `(length, height, 3)`: one
# value for red, green and blue at every pixel. Most models in this course
# want each example as a **column vector**, so the image has to be unrolled.
#
# ### Exercise 4: `image2vector`
# Return the image as an array of shape `(length * height * depth, 1)`. Keep
# NumPy's default (row-major, "C") order, so that the three colour values of
# the first pixel come first. Do not hard-code the sizes: read them from the
# array.

# %% [solution] image2vector

# %% [code]
image = np.arange(12, dtype=np.float64).reshape(2, 2, 3) / 10
print("image shape:", image.shape)
print("image2vector(image).ravel() =", image2vector(image).ravel())
print("image2vector(image).shape   =", image2vector(image).shape)

# %% [tests] image2vector
public_check("image2vector", globals())

# %% [markdown]
# Here is what unrolling does to a small picture: the 6×6 RGB image on the
# left becomes the tall, thin column of 108 numbers on the right.

# %% [given]
picture = np.random.default_rng(0).random((6, 6, 3))
column = image2vector(picture)
fig, (left, right) = plt.subplots(1, 2, figsize=(6, 4), gridspec_kw={"width_ratios": [4, 1]})
left.imshow(picture)
left.set_title("image (6, 6, 3)")
left.axis("off")
right.imshow(column, aspect="auto", cmap="gray")
right.set_title(f"vector {column.shape}")
right.set_xticks([])
plt.show()

# %% [markdown]
# ## 5. Normalising rows, and broadcasting
#
# Gradient descent is happier when inputs have comparable sizes. One common
# way to get there is to scale every row $x_i$ of a matrix to length 1 by
# dividing it by its Euclidean norm $\lVert x_i \rVert = \sqrt{\sum_j x_{ij}^2}$.
# For example
#
# $$x = \begin{bmatrix} 0 & 3 & 4 \\ 2 & 6 & 4 \end{bmatrix}
# \quad\Longrightarrow\quad
# \lVert x \rVert = \begin{bmatrix} 5 \\ \sqrt{56} \end{bmatrix}
# \quad\Longrightarrow\quad
# \frac{x}{\lVert x \rVert} = \begin{bmatrix} 0 & \frac{3}{5} & \frac{4}{5} \\ \frac{2}{\sqrt{56}} & \frac{6}{\sqrt{56}} & \frac{4}{\sqrt{56}} \end{bmatrix}$$
#
# `np.linalg.norm(x, axis=1, keepdims=True)` computes one norm per row
# (`axis=1` runs along the columns, within a row). `keepdims=True` keeps the
# result as a **column** of shape `(n, 1)` instead of a flat vector of shape
# `(n,)`. Then `x / x_norm` divides an `(n, m)` matrix by an `(n, 1)` column:
# broadcasting repeats the column $m$ times, so each row is divided by its own
# norm. Without `keepdims`, NumPy would line the norms up with the *columns*
# instead, which is an error or, worse for square matrices, a silent bug.
#
# ### Exercise 5: `normalize_rows`
# Return a **new** matrix whose rows have norm 1; write `x = x / x_norm`
# rather than `x /= x_norm`, which would overwrite the caller's array.

# %% [solution] normalize_rows

# %% [code]
x = np.array([[0.0, 3.0, 4.0], [2.0, 6.0, 4.0]])
print("normalize_rows(x) =\n", normalize_rows(x))

# %% [tests] normalize_rows
public_check("normalize_rows", globals())

# %% [markdown]
# ## 6. Softmax
#
# When a model must choose between several classes, its last step turns a row
# of raw scores into a row of probabilities with the **softmax**:
#
# $$\text{softmax}(x)_{ij} = \frac{e^{x_{ij}}}{\sum_{k} e^{x_{ik}}}$$
#
# Each row of $x$ is handled on its own: exponentiate every entry (so all
# become positive), then divide by the row's total (so the row sums to 1).
# Larger scores get larger shares, and the ordering within a row never changes.
#
# ### Exercise 6: `softmax`
# Implement the row-wise softmax for a matrix of shape `(n, m)`. The recipe is
# the same as in Exercise 5: exponentiate, sum each row with
# `axis=1, keepdims=True`, and let broadcasting divide.

# %% [solution] softmax

# %% [code]
x = np.array([[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0]])
s = softmax(x)
with np.printoptions(precision=5, suppress=True):
    print("softmax(x) =\n", s)
print("row sums:", s.sum(axis=1))

# %% [tests] softmax
public_check("softmax", globals())

# %% [markdown]
# *Going further (not graded).* $e^{1000}$ overflows to infinity. Because
# softmax does not change when the same number is subtracted from a whole row,
# careful implementations first subtract each row's maximum. Try it if you
# like; the grader accepts both versions.

# %% [markdown]
# ## 7. Why vectorise? A stopwatch
#
# A Python `for` loop handles one number per step, and every step pays
# Python's bookkeeping. A NumPy call hands the whole array to compiled code
# that runs through it in one go. The cell below times four everyday
# operations both ways: a dot product, an outer product, an element-wise
# product and a matrix-vector product.
#
# *Timing note.* The vectors have a million entries when you run the lab,
# and fewer while the grader runs it. The exact times depend on the computer
# (and on whatever else it is doing), but the gap should be large on any machine.

# %% [given]
n = scaled(1_000_000, 100_000)
rng = np.random.default_rng(1)
a, b = rng.random(n), rng.random(n)
small_a, small_b = a[:800], b[:800]
matrix = rng.random((3, n))


def loop_dot():
    total = 0.0
    for i in range(len(a)):
        total += a[i] * b[i]
    return total


def loop_outer():
    out = np.zeros((len(small_a), len(small_b)))
    for i in range(len(small_a)):
        for j in range(len(small_b)):
            out[i, j] = small_a[i] * small_b[j]
    return out


def loop_multiply():
    out = np.zeros(len(a))
    for i in range(len(a)):
        out[i] = a[i] * b[i]
    return out


def loop_matvec():
    out = np.zeros(matrix.shape[0])
    for i in range(matrix.shape[0]):
        for j in range(matrix.shape[1]):
            out[i] += matrix[i, j] * a[j]
    return out


def stopwatch(fn, repeat=1):
    """The result of fn() and its fastest running time over `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return result, best


contests = {
    "dot product": (loop_dot, lambda: np.dot(a, b)),
    "outer product": (loop_outer, lambda: np.outer(small_a, small_b)),
    "element-wise product": (loop_multiply, lambda: a * b),
    "matrix times vector": (loop_matvec, lambda: np.dot(matrix, a)),
}
timings = {}
for name, (with_loop, vectorised) in contests.items():
    slow, slow_seconds = stopwatch(with_loop)
    fast, fast_seconds = stopwatch(vectorised, repeat=10)  # fast calls: keep the best of ten
    assert np.allclose(slow, fast), name  # same answer, different speed
    timings[name] = (slow_seconds, fast_seconds)
    print(f"{name:22s} loop {1000 * slow_seconds:9.2f} ms   NumPy {1000 * fast_seconds:7.3f} ms   "
          f"speed-up ×{slow_seconds / max(fast_seconds, 1e-9):,.0f}")

# %% [given]
labels = list(timings)
positions = np.arange(len(labels))
plt.figure(figsize=(8, 3.8))
plt.bar(positions - 0.2, [1000 * timings[k][0] for k in labels], width=0.4, label="Python loop")
plt.bar(positions + 0.2, [1000 * timings[k][1] for k in labels], width=0.4, label="NumPy")
plt.yscale("log")
plt.xticks(positions, labels)
plt.ylabel("milliseconds (log scale)")
plt.legend()
plt.title("Same results, very different speed")
plt.show()

# %% [markdown]
# Note that `np.dot` and `*` are different operations: `np.dot` is the matrix
# (or inner) product, while `*` multiplies entries that sit in the same
# position. Mixing them up is one of the most common bugs in this course, so
# always check the shape of what you get.

# %% [markdown]
# ## 8. Two loss functions
#
# A **loss** measures how far predictions $\hat y$ are from the true labels
# $y$; training tries to make it small. Here are two classic ones for vectors
# of $m$ values:
#
# $$L_1(\hat y, y) = \sum_{i=1}^{m} \lvert y^{(i)} - \hat y^{(i)} \rvert, \qquad L_2(\hat y, y) = \sum_{i=1}^{m} \bigl(y^{(i)} - \hat y^{(i)}\bigr)^2$$
#
# $L_2$ punishes a big miss much more than several small ones (the error is
# squared), while $L_1$ treats every unit of error the same.
#
# ### Exercise 7: `L1`
# One vectorised line does it: `np.abs`, then `np.sum`.

# %% [solution] L1

# %% [code]
yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
y = np.array([1, 0, 0, 1, 1])
print("L1 =", L1(yhat, y))

# %% [tests] L1
public_check("L1", globals())

# %% [markdown]
# ### Exercise 8: `L2`
# Square the differences and add them up. A neat trick: for a vector $v$,
# $\sum_i v_i^2$ is the dot product `np.dot(v, v)`.

# %% [solution] L2

# %% [code]
print("L2 =", L2(yhat, y))

# %% [tests] L2
public_check("L2", globals())

# %% [markdown]
# The two losses react differently to one large error. Below, one prediction
# moves further and further away from its label while the others stay put.

# %% [given]
y_true = np.array([1.0, 0.0, 1.0, 0.0])
misses = np.linspace(0, 3, 61)
l1_values, l2_values = [], []
for miss in misses:
    prediction = np.array([0.9, 0.1, 0.8, 0.0 + miss])
    l1_values.append(L1(prediction, y_true))
    l2_values.append(L2(prediction, y_true))
plt.figure(figsize=(7, 3.8))
plt.plot(misses, l1_values, label="L1")
plt.plot(misses, l2_values, label="L2")
plt.xlabel("size of the single large error")
plt.ylabel("loss")
plt.legend()
plt.title("L2 grows quadratically with one big miss, L1 linearly")
plt.show()

# %% [markdown]
# ## Summary
# - `math` works on single numbers; NumPy functions work on whole arrays.
# - Know your shapes: `X.shape`, `X.reshape(...)`, and `keepdims=True` to keep
#   a column a column.
# - Broadcasting lets an `(n, m)` matrix meet an `(n, 1)` column or a number.
# - Vectorised code is shorter and runs far faster than Python loops.
# - You now have the sigmoid, its slope, softmax and two losses: the bricks of
#   the next labs.
