# %% [markdown]
# # Gradient checking: verify your backpropagation
#
# Backpropagation is the part of a neural network that is easiest to get
# subtly wrong. A forgotten factor, a wrong index or a transposed matrix
# rarely makes the code crash: the shapes still fit, the training loop still
# runs, and the cost may even go down, only more slowly or towards a worse
# solution than it should. Nothing tells you that the gradients are wrong.
#
# **Gradient checking** is the test that does. It compares the gradients your
# backward pass computes with an estimate obtained from the forward pass
# alone, using nothing but the definition of a derivative. If the two agree,
# you can trust your backward pass; if they do not, there is a bug.
#
# In this lab you will
#
# 1. build a gradient check for a function of a single parameter,
# 2. extend it to every parameter of a 3-layer network, and
# 3. use it on a backward pass that someone else wrote, which contains
#    mistakes.
#
# **Rules of the road.** In each exercise, replace the `# YOUR CODE HERE` and
# `raise NotImplementedError()` lines with your code. Do not rename functions
# or change their arguments: the grader calls them by name.
#
# *Data note.* This lab needs no data set: the examples are small random
# arrays, generated with fixed seeds.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c2w1a3_gradient_checking")

# %% [given]
import timeit

import matplotlib.pyplot as plt
import numpy as np

from gc_utils import (
    backward_propagation_n,
    dictionary_to_vector,
    example_inputs,
    forward_propagation_n,
    gradients_to_vector,
    relu,
    sigmoid,
    vector_to_dictionary,
)

%matplotlib inline

# %% [markdown]
# ## 1. The idea
#
# The derivative of a function $J$ of one parameter $\theta$ is the slope of
# its graph, and it can be written as a limit:
#
# $$\frac{\partial J}{\partial \theta} = \lim_{\varepsilon \to 0} \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2\varepsilon}.$$
#
# Pick a small $\varepsilon$ instead of taking the limit, and the right-hand
# side becomes a number you can compute with **two forward passes**: move
# $\theta$ a little up, a little down, and measure how much $J$ changes. Call
# that number `gradapprox`. Backpropagation gives `grad`, the same derivative
# computed exactly by the chain rule. If `grad` is right, the two are very
# close.
#
# The forward pass is the simple half of the network, and the cost it computes
# is the thing we actually want to minimise, so it is the natural reference to
# check the complicated half against.
#
# ## 2. Gradient checking in one dimension
#
# Start with the simplest possible "network": one input $x$, one parameter
# $\theta$, and the function
#
# $$J(\theta) = \theta x .$$
#
# ### Exercise 1: `forward_propagation`
# Return $J = \theta x$.

# %% [solution] forward_propagation

# %% [code]
x, theta = 3.0, 4.0
J = forward_propagation(x, theta)
print("J =", J)

# %% [tests] forward_propagation
public_check("forward_propagation", globals())

# %% [markdown]
# ### Exercise 2: `backward_propagation`
# Return the derivative of $J$ with respect to $\theta$,
# $\frac{\partial J}{\partial \theta}$. For $J(\theta) = \theta x$ it is simply $x$.

# %% [solution] backward_propagation

# %% [code]
dtheta = backward_propagation(x, theta)
print("dtheta =", dtheta)

# %% [tests] backward_propagation
public_check("backward_propagation", globals())

# %% [markdown]
# ### Exercise 3: `gradient_check`
#
# Now check `backward_propagation` against `forward_propagation`:
#
# 1. Estimate the derivative numerically, with the `epsilon` you are given:
#    - $\theta^{+} = \theta + \varepsilon$ and $\theta^{-} = \theta - \varepsilon$;
#    - $J^{+} = J(\theta^{+})$ and $J^{-} = J(\theta^{-})$, with your `forward_propagation`;
#    - $\text{gradapprox} = \dfrac{J^{+} - J^{-}}{2\varepsilon}$.
# 2. Compute `grad` with your `backward_propagation`.
# 3. Measure how far apart they are with the **relative difference**
#
# $$\text{difference} = \frac{\lVert \text{grad} - \text{gradapprox} \rVert_2}{\lVert \text{grad} \rVert_2 + \lVert \text{gradapprox} \rVert_2}.$$
#
# Use `np.linalg.norm` for the three norms $\lVert\cdot\rVert_2$ (for single
# numbers it is the absolute value, but the same code will work on vectors in
# Exercise 4).
#
# **Why a relative difference?** A gap of $10^{-6}$ is tiny for a gradient of
# size 100 and huge for a gradient of size $10^{-6}$. Dividing by the sizes
# of the two vectors makes the measure independent of the scale of the
# problem; it is 0 when they agree exactly and at most 1.
#
# With `print_msg=True`, print a message that says whether the gradient looks
# right: report a mistake when the difference is **above $2 \times 10^{-7}$**.
# The wording is up to you; only the returned value is graded.

# %% [solution] gradient_check

# %% [code]
difference = gradient_check(x, theta, print_msg=True)

# %% [tests] gradient_check
public_check("gradient_check", globals())

# %% [markdown]
# The difference is far below $2 \times 10^{-7}$: `backward_propagation` is
# right. It is not exactly zero, even though for a linear function the
# two-sided estimate is exact on paper. The computer rounds every number to
# about 16 significant digits, and `J_plus - J_minus` subtracts two nearly
# equal numbers, which leaves fewer correct digits.
#
# ## 3. How small should $\varepsilon$ be?
#
# Two kinds of error pull in opposite directions:
#
# - **Approximation error.** For a curved function, the estimate is off by
#   an amount that shrinks as $\varepsilon$ shrinks. A Taylor expansion
#   shows that the two-sided estimate is off by about $\varepsilon^2$ (times
#   the third derivative), while the **one-sided** estimate
#   $\frac{J(\theta+\varepsilon) - J(\theta)}{\varepsilon}$ is off by about
#   $\varepsilon$: the two-sided version is much more accurate for the same
#   $\varepsilon$.
# - **Rounding error.** The difference $J^{+} - J^{-}$ is only as precise as
#   the numbers it is made from (about $10^{-16}$ relative), and dividing it
#   by $2\varepsilon$ magnifies that error by $1/\varepsilon$.
#
# The plot measures both estimates of the derivative of the curved function
# $J(\theta) = e^{\sin\theta}$ at $\theta = 1$, for many values of
# $\varepsilon$.

# %% [given]
def curved(t):
    return np.exp(np.sin(t))


def curved_slope(t):
    return np.cos(t) * np.exp(np.sin(t))


theta0 = 1.0
epsilons = np.logspace(-13, -1, 61)
one_sided = (curved(theta0 + epsilons) - curved(theta0)) / epsilons
two_sided = (curved(theta0 + epsilons) - curved(theta0 - epsilons)) / (2 * epsilons)
exact = curved_slope(theta0)

plt.figure(figsize=(6.5, 4.2))
plt.loglog(epsilons, np.abs(one_sided - exact) / abs(exact), label="one-sided estimate")
plt.loglog(epsilons, np.abs(two_sided - exact) / abs(exact), label="two-sided estimate")
plt.axvline(1e-7, color="gray", linestyle=":", label=r"$\varepsilon = 10^{-7}$")
plt.axhline(2e-7, color="red", linestyle="--", linewidth=1, label=r"threshold $2\times10^{-7}$")
plt.xlabel(r"$\varepsilon$")
plt.ylabel("relative error of the estimate")
plt.title(r"Estimating the slope of $e^{\sin\theta}$ at $\theta = 1$")
plt.legend(fontsize=8)
plt.show()

# %% [markdown]
# Read the plot from right to left. For large $\varepsilon$ the
# approximation error dominates: the one-sided line falls with slope 1 (error
# $\propto \varepsilon$), the two-sided line with slope 2 (error
# $\propto \varepsilon^2$). For tiny $\varepsilon$ the rounding error takes
# over and both lines climb again, noisily. The two-sided estimate is best
# around $\varepsilon \approx 10^{-5}$; at the usual $\varepsilon = 10^{-7}$
# it is already a little into the rounding side, with an error around
# $10^{-9}$, still far below the $2\times10^{-7}$ threshold. That margin is
# what makes the threshold safe: a correct gradient lands well under it, and
# a real bug (a missing factor, a wrong sign) lands far above it.
#
# ## 4. Gradient checking for a whole network
#
# Now the real thing: the 3-layer network LINEAR → RELU → LINEAR → RELU →
# LINEAR → SIGMOID with 4 inputs, hidden layers of 5 and 3 units and one
# output. Its parts are given in `gc_utils.py`:
#
# - `forward_propagation_n(X, Y, parameters)` returns the cross-entropy cost
#   and a cache;
# - `backward_propagation_n(X, Y, cache)` returns the gradients. **This is the
#   code under test**: do not assume it is correct.
#
# The network has several parameter arrays, but the gradient check is easiest
# to write over **one vector $\theta$ holding every parameter**. Three helpers
# convert between the two forms:
#
# | helper | turns | into |
# |---|---|---|
# | `dictionary_to_vector(parameters)` | `W1` (5, 4), `b1` (5, 1), `W2` (3, 5), `b2` (3, 1), `W3` (1, 3), `b3` (1, 1) | `theta`, a column of 20 + 5 + 15 + 3 + 3 + 1 = 47 numbers, and `keys`, the name of the array each entry came from |
# | `vector_to_dictionary(theta)` | a column of 47 numbers | the parameter dictionary again |
# | `gradients_to_vector(gradients)` | `dW1`, `db1`, ..., `db3` | a column of 47 numbers, in the same order as `theta` |
#
# The cell below shows the conversion on the example network.

# %% [given]
X, Y, parameters = example_inputs()
theta_vector, keys = dictionary_to_vector(parameters)
print("theta:", theta_vector.shape, "  first entries:", theta_vector[:3, 0], "from", keys[:3])
print("entries per array:", {name: keys.count(name) for name in dict.fromkeys(keys)})
print("round trip gives the same W2:", np.array_equal(vector_to_dictionary(theta_vector)["W2"], parameters["W2"]))

# %% [markdown]
# ### Exercise 4: `gradient_check_n`
#
# The cost now depends on all 47 entries of $\theta$, and its gradient has
# 47 partial derivatives. Estimate each of them the way you did in one
# dimension, by shifting **that one entry** up and down while the other 46
# stay where they are:
#
# $$\text{gradapprox}_i = \frac{J(\theta_1, \dots, \theta_i + \varepsilon, \dots, \theta_{47}) - J(\theta_1, \dots, \theta_i - \varepsilon, \dots, \theta_{47})}{2\varepsilon}.$$
#
# Steps:
#
# 1. `parameters_values, _ = dictionary_to_vector(parameters)` and
#    `grad = gradients_to_vector(gradients)`.
# 2. For each `i` in `range(num_parameters)`:
#    - `theta_plus = np.copy(parameters_values)`, then add `epsilon` to
#      `theta_plus[i]`. Copy first: changing `parameters_values` itself would
#      leave every later estimate shifted;
#    - `J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))`
#      (the function returns the cost and a cache; only the cost is needed);
#    - the same with `theta_minus` and `- epsilon` for `J_minus[i]`;
#    - `gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)`.
# 3. The relative difference between `grad` and `gradapprox`, exactly as in
#    Exercise 3, with the same message rule for `print_msg`.
#
# Start `J_plus`, `J_minus` and `gradapprox` as `np.zeros((num_parameters, 1))`.
# Return the difference as a number (a float), not as an array. Your
# function must not modify `parameters` or `gradients`.

# %% [solution] gradient_check_n

# %% [markdown]
# Now check the given backward pass on the example network:

# %% [code]
cost, cache = forward_propagation_n(X, Y, parameters)
gradients = backward_propagation_n(X, Y, cache)
difference = gradient_check_n(parameters, gradients, X, Y, 1e-7, True)

# %% [tests] gradient_check_n
public_check("gradient_check_n", globals())

# %% [markdown]
# The difference is about 0.3, a million times above the threshold: **your
# gradient check has caught a bug** in `backward_propagation_n`. Without
# it, this network would still train, just badly, and nothing would say why.
#
# ## 5. Optional (ungraded): find and fix the mistakes
#
# There are two wrong lines in `backward_propagation_n` (open `gc_utils.py`).
# For this network, with $m$ examples and $A^{[0]} = X$, correct
# backpropagation computes
#
# $$dZ^{[3]} = A^{[3]} - Y, \qquad dW^{[l]} = \frac{1}{m}\, dZ^{[l]} A^{[l-1]T}, \qquad db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l](i)},$$
#
# $$dA^{[l-1]} = W^{[l]T} dZ^{[l]}, \qquad dZ^{[l]} = dA^{[l]} \odot \mathbb{1}\big[A^{[l]} > 0\big] \ \text{for the ReLU layers.}$$
#
# Copy the function into the cell below as `backward_propagation_n_fixed`,
# compare each line with these formulas, correct the two mistakes, and run
# the next cell: when both are fixed, your gradient check reports a
# difference below $2\times10^{-7}$. (Until you change it, the cell just
# calls the given version.)
#
# *Tip for real projects:* when the check fails, find out **where**. Keep
# the `keys` list of `dictionary_to_vector` and compare `grad` and
# `gradapprox` entry by entry: the arrays whose entries disagree point at
# the lines to look at.

# %% [code]
def backward_propagation_n_fixed(X, Y, cache):
    # Paste backward_propagation_n from gc_utils.py here and fix its two mistakes.
    return backward_propagation_n(X, Y, cache)

# %% [given]
gradients_fixed = backward_propagation_n_fixed(X, Y, cache)
difference_fixed = gradient_check_n(parameters, gradients_fixed, X, Y, 1e-7, True)

# %% [markdown]
# ## 6. Why gradient checking is for debugging only
#
# Your check ran the forward pass twice for every parameter: 94 forward
# passes for this small network, and it would be two million for a network
# with a million weights. Backpropagation gets all the partial derivatives
# at once, for roughly the price of one more forward pass. The cell below
# times both.

# %% [given]
def one_training_step():
    cost, cache = forward_propagation_n(X, Y, parameters)
    return backward_propagation_n(X, Y, cache)


# the best of several repetitions, to keep other programs on the machine out of the measurement
backprop_seconds = min(timeit.repeat(one_training_step, number=50, repeat=5)) / 50
check_seconds = min(timeit.repeat(lambda: gradient_check_n(parameters, gradients, X, Y), number=1, repeat=3))
print(f"one forward + backward pass: {backprop_seconds * 1e6:8.1f} microseconds")
print(f"one gradient check:          {check_seconds * 1e6:8.1f} microseconds"
      f"  (about {check_seconds / backprop_seconds:.0f} times slower)")

# %% [markdown]
# So gradient checking belongs in your **debugging** toolbox, never in the
# training loop. A few practical rules:
#
# - **Run it once, then turn it off.** Check the gradients when you write or
#   change a backward pass, then train with backpropagation alone.
# - **When it fails, look at the components.** Compare `grad` and
#   `gradapprox` per parameter array (the `keys` list) to locate the bug.
# - **Include regularisation.** If the cost has an L2 term, the forward pass
#   used by the check must compute it too, and the backward pass must include
#   its gradient.
# - **Switch dropout off.** Dropout draws new random masks on every forward
#   pass, so $J(\theta^{+})$ and $J(\theta^{-})$ would be costs of different
#   networks. Check with `keep_prob = 1`, then turn dropout back on.
# - **Check at more than one point.** Some bugs only show when the weights
#   are no longer tiny; checking at the random initialisation and again after
#   some training covers both.
# - **Beware of kinks.** ReLU has no slope at 0. If some pre-activation lies
#   within $\varepsilon$ of 0, the estimate straddles the kink and can
#   disagree with a correct backward pass; with random data this is rare.
#
# ## Summary
# - Gradient checking compares backpropagation's gradient with the two-sided
#   estimate $\frac{J(\theta+\varepsilon) - J(\theta-\varepsilon)}{2\varepsilon}$,
#   computed from the forward pass alone, one parameter at a time.
# - The **relative difference**
#   $\frac{\lVert \text{grad} - \text{gradapprox} \rVert_2}{\lVert \text{grad} \rVert_2 + \lVert \text{gradapprox} \rVert_2}$
#   is tiny (about $10^{-9}$ here) for a correct gradient and large for a bug;
#   $2\times10^{-7}$ separates the two.
# - The two-sided estimate is far more accurate than the one-sided one;
#   $\varepsilon$ must be small, but not so small that rounding takes over.
# - It costs two forward passes per parameter: use it to debug, then switch
#   it off.
