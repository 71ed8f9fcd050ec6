# %% [markdown]
# # Convolutional layers, one loop at a time
#
# Deep-learning frameworks hide a convolutional layer behind a single call.
# In this lab you open that box and write the layer yourself in NumPy, so
# that padding, strides, filters and pooling stop being magic words:
#
# 1. **zero padding**, which lets a filter reach the border pixels;
# 2. **one convolution step**: a filter applied to a single window;
# 3. **the convolution forward pass** over a whole batch of images;
# 4. **the pooling forward pass** (max and average);
# 5. *optional:* the **backward passes** of both layers, checked against a
#    numerical estimate of the gradient.
#
# You then point two hand-made filters at a picture and watch them find its
# edges, which is exactly what the first layer of a trained network tends
# to learn on its own.
#
# **Rules of the road.** In each exercise, replace the `# YOUR CODE HERE` and
# `raise NotImplementedError()` lines with your code. Do not rename functions
# or change their arguments: the grader calls them by name. Unlike in earlier
# labs, `for` loops are welcome here: the goal is to see every step, not to be
# fast. (Libraries get their speed from carefully vectorised code running on
# many cores or a GPU; the arithmetic is the same as yours.)
#
# *Data note.* This lab needs no data set: the tests use random arrays, and
# the demo picture is drawn by a few lines of code in `conv_step_utils.py`.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c4w1a1_convolution_step_by_step")

# %% [given]
import matplotlib.pyplot as plt
import numpy as np

from conv_step_utils import (
    check_conv_backward,
    check_create_mask_from_window,
    check_distribute_value,
    check_pool_backward,
    demo_image,
    show_maps,
)

%matplotlib inline
plt.rcParams["figure.figsize"] = (5.0, 4.0)

# %% [markdown]
# ## 1. Shapes and notation
#
# A batch of images, or the activations of a convolutional layer, is a 4-D
# array of shape $(m, n_H, n_W, n_C)$: $m$ examples, each $n_H$ pixels high,
# $n_W$ pixels wide, with $n_C$ channels (3 for an RGB photo, one per filter
# deeper in the network). The superscript $[l]$ names the layer, so
# $A^{[l-1]}$ is the input of layer $l$ and $A^{[l]}$ its output.
#
# A layer with $n_C$ filters of size $f \times f$ stores its weights in one
# array `W` of shape $(f, f, n_C^{[l-1]}, n_C)$: the last index picks the
# filter. Notice that every filter is as **deep** as its input: on an RGB
# image, a $3 \times 3$ filter holds $3 \cdot 3 \cdot 3 = 27$ weights. Each
# filter also has one bias, stored in `b` of shape $(1, 1, 1, n_C)$.
#
# Two hyperparameters decide where the filter goes:
#
# - the **stride** $s$: how many pixels the filter jumps between two positions;
# - the **padding** $p$: how many rows and columns of zeros surround the input.
#
# ## 2. Zero padding
#
# Without padding, every convolution makes the image smaller (an $f \times f$
# filter fits in only $n - f + 1$ positions along a side of length $n$), so a
# deep network would shrink its input to nothing after a few layers. The
# corner pixels also take part in just one window each, while central pixels
# take part in up to $f^2$, so whatever happens at the border is mostly ignored.
#
# Adding $p$ zeros on every side fixes both problems. The common choice
# $p = (f-1)/2$ for odd $f$ gives a **"same"** convolution, whose output has
# the size of its input; $p = 0$ is called a **"valid"** convolution.
#
# ### Exercise 1: `zero_pad`
# Pad the height and the width of every image in the batch `X` with `pad`
# zeros on each side, and leave the batch and channel axes alone. `np.pad`
# takes one `(before, after)` pair per axis, for example
# `np.pad(a, ((0, 0), (1, 1)), mode="constant", constant_values=0)` pads
# only the second axis of a 2-D array `a`.

# %% [solution] zero_pad

# %% [code]
image = demo_image()
x = image.reshape(1, *image.shape, 1)  # a batch of one single-channel image
x_pad = zero_pad(x, 5)
print("x.shape =", x.shape, "  x_pad.shape =", x_pad.shape)
show_maps([x[0, :, :, 0], x_pad[0, :, :, 0]], ["the picture", "padded with 5 zeros"])

# %% [tests] zero_pad
public_check("zero_pad", globals())

# %% [markdown]
# ## 3. One step of convolution
#
# A filter looks at one $f \times f \times n_C$ window of its input at a time.
# At each window it computes a single number: multiply the window and the
# filter entry by entry, add up all the products, and add the bias:
#
# $$z = \sum_{i=1}^{f}\sum_{j=1}^{f}\sum_{k=1}^{n_C} a_{ijk}\, W_{ijk} + b$$
#
# This is a dot product between the window and the filter, so it is large
# when the window "looks like" the filter: a filter is a pattern detector.
#
# ### Exercise 2: `conv_single_step`
# Return $z$ as a NumPy floating-point **scalar**, not an array. The bias `b`
# arrives as an array of shape `(1, 1, 1)`; adding it directly would turn the
# result into an array of that shape, so turn it into a plain number first
# with `b.item()`. (`float(b)` would work too, but NumPy 2 warns about it.)

# %% [solution] conv_single_step

# %% [code]
np.random.seed(1)
a_slice_prev = np.random.randn(4, 4, 3)
W = np.random.randn(4, 4, 3)
b = np.random.randn(1, 1, 1)
Z = conv_single_step(a_slice_prev, W, b)
print("Z =", Z, "  type:", type(Z).__name__)

# %% [tests] conv_single_step
public_check("conv_single_step", globals())

# %% [markdown]
# ## 4. The convolution forward pass
#
# A convolutional layer slides each of its $n_C$ filters over every position
# of every padded input and stores the results in the output volume `Z`.
# Its height and width are
#
# $$n_H = \left\lfloor \frac{n_{H}^{[l-1]} - f + 2p}{s} \right\rfloor + 1, \qquad n_W = \left\lfloor \frac{n_{W}^{[l-1]} - f + 2p}{s} \right\rfloor + 1$$
#
# and its depth is $n_C$, the number of filters. The floor matters: when the
# stride does not divide the distance evenly, the last few columns of the input
# are never the start of a window.
#
# Output position `(h, w)` comes from the window whose top-left corner is at
# row `h * stride` and column `w * stride` of the **padded** input:
#
# ```
# vert_start = h * stride        vert_end = vert_start + f
# horiz_start = w * stride       horiz_end = horiz_start + f
# a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
# ```
#
# Filter `c` is `W[:, :, :, c]` and its bias `b[:, :, :, c]`.
#
# ### Exercise 3: `conv_forward`
# 1. Read the sizes from the shapes of `A_prev` and `W`, and the stride and
#    padding from `hparameters`.
# 2. Compute $n_H$ and $n_W$ with the formula above (`int(...)` rounds a
#    positive number down), and create `Z` full of zeros.
# 3. Pad `A_prev` with your `zero_pad`.
# 4. Loop over the examples `i`, the rows `h`, the columns `w` and the filters
#    `c`; cut out the window and let `conv_single_step` fill `Z[i, h, w, c]`.
# 5. Return `Z` and the cache `(A_prev, W, b, hparameters)`: the *unpadded*
#    input, which the backward pass needs.
#
# Real layers apply an activation such as ReLU to `Z` next; here we stop at `Z`.

# %% [solution] conv_forward

# %% [code]
np.random.seed(1)
A_prev = np.random.randn(2, 5, 7, 4)
W = np.random.randn(3, 3, 4, 8)
b = np.random.randn(1, 1, 1, 8)
Z, cache_conv = conv_forward(A_prev, W, b, {"pad": 1, "stride": 2})
print("Z.shape =", Z.shape, " (expected (2, 3, 4, 8))")
print("mean of Z =", np.mean(Z))
print("Z[0, 2, 1] =", Z[0, 2, 1])

# %% [tests] conv_forward
public_check("conv_forward", globals())

# %% [markdown]
# ### What a filter sees
#
# Here is a filter that compares the left and the right of each window:
#
# $$W_{\text{vertical}} = \begin{pmatrix} 1 & 0 & -1 \\ 2 & 0 & -2 \\ 1 & 0 & -1 \end{pmatrix}$$
#
# On a flat region the two sides cancel and the response is 0. Where the
# brightness changes from left to right, on a **vertical edge**, the response
# is large: positive (red) where the left is brighter, negative (blue) where
# the right is brighter. Its transpose finds **horizontal edges** the same way.
# Below, both filters form one layer with two output channels and a "same"
# padding of 1, so the maps have the size of the picture. The slanted side of
# the triangle and the rim of the disc excite both filters a little. The lines
# along the frame of each map are no mistake: the zeros of the padding are
# darker than the grey background, so the filters find an edge there too.
#
# In a trained network nobody writes these numbers: the first layer's filters
# are learned by gradient descent, and they very often end up looking like
# edge and colour detectors like these.

# %% [given]
vertical = np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]])
W_edges = np.stack([vertical, vertical.T], axis=-1).reshape(3, 3, 1, 2)  # (f, f, n_C_prev, n_C)
b_edges = np.zeros((1, 1, 1, 2))
edges, _ = conv_forward(x, W_edges, b_edges, {"pad": 1, "stride": 1})
print("picture:", x.shape, " ->  edge maps:", edges.shape)
show_maps([x[0, :, :, 0], edges[0, :, :, 0], edges[0, :, :, 1]], ["picture", "vertical-edge filter", "horizontal-edge filter"])

# %% [markdown]
# ## 5. Pooling
#
# A pooling layer shrinks the height and width of its input. It slides an
# $f \times f$ window with stride $s$ over each channel **separately** and
# replaces every window by one number:
#
# - **max pooling** keeps the largest value: "did the detector fire somewhere
#   in this region?", while forgetting exactly where;
# - **average pooling** keeps the mean value.
#
# Pooling has no parameters to learn, only the hyperparameters $f$ and $s$,
# and it uses no padding here. It keeps the number of channels, and
#
# $$n_H = \left\lfloor 1 + \frac{n_H^{[l-1]} - f}{s} \right\rfloor, \qquad n_W = \left\lfloor 1 + \frac{n_W^{[l-1]} - f}{s} \right\rfloor, \qquad n_C = n_C^{[l-1]}$$
#
# Shrinking the maps makes the next layers cheaper and lets each of their
# units see a larger part of the original picture; keeping only the strongest
# response also makes the result less sensitive to small shifts of the input.
#
# ### Exercise 4: `pool_forward`
# Loop like in `conv_forward`, but over channels too: the window of channel
# `c` is `A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]`, a 2-D
# slice. Use `np.max` when `mode == "max"` and `np.mean` when
# `mode == "average"`. Return `A` and the cache `(A_prev, hparameters)`.

# %% [solution] pool_forward

# %% [code]
np.random.seed(1)
A_prev = np.random.randn(2, 5, 5, 3)
for mode in ("max", "average"):
    A, cache_pool = pool_forward(A_prev, {"f": 3, "stride": 1}, mode=mode)
    print(f"mode = {mode}:  A.shape = {A.shape},  A[1, 1] = {A[1, 1]}")

# %% [tests] pool_forward
public_check("pool_forward", globals())

# %% [markdown]
# ### Pooling the edge maps
#
# We pool the *strength* of the edges (their absolute value) with $f = 2$ and
# $s = 2$, which halves the height and the width. Max pooling keeps every edge
# at full strength on a map with a quarter of the values. Average pooling keeps
# the edges that fill whole windows (the sides of the box) and dims the thin
# ones that only cross a corner of a window (the rim of the disc, the slanted
# side of the triangle).

# %% [given]
strength = np.abs(edges)
pooled_max, _ = pool_forward(strength, {"f": 2, "stride": 2}, mode="max")
pooled_average, _ = pool_forward(strength, {"f": 2, "stride": 2}, mode="average")
print("edge strength:", strength.shape, " ->  pooled:", pooled_max.shape)
show_maps(
    [strength[0, :, :, 0], pooled_max[0, :, :, 0], pooled_average[0, :, :, 0]],
    ["vertical-edge strength", "max pooled", "average pooled"],
    cmap="magma",
)

# %% [markdown]
# ## 6. Optional: back-propagation in a convolutional network
#
# Frameworks compute gradients for you, so this part **earns no points**.
# It is worth doing once all the same: it shows that the backward pass of a
# convolution is just the forward loop run in reverse. Each exercise ends with
# a self-check that compares your gradients with a numerical estimate (the
# gradient-checking idea of course 2): the check nudges every input by a tiny
# amount, runs *your* forward pass, and measures how much the cost changes.
#
# ### 6.1 The convolution backward pass
#
# Suppose we already know $dZ = \partial J / \partial Z$ for the cost $J$.
# Output value $Z_{hwc}$ was computed from one window $a_{\text{slice}}$ of the
# padded input and from filter $W_c$, so its gradient flows back to exactly
# those two, plus the bias. Summing over every output position it reached:
#
# $$dA_{\text{slice}(h,w)} \mathrel{+}= W_c \; dZ_{hwc}, \qquad dW_c \mathrel{+}= a_{\text{slice}(h,w)} \; dZ_{hwc}, \qquad db_c = \sum_{h}\sum_{w} dZ_{hwc}$$
#
# (and over the examples, for $dW$ and $db$). Windows overlap when $s < f$,
# which is why all three use `+=`.
#
# ### Optional exercise 5: `conv_backward`
# Loop exactly as in `conv_forward`. Accumulate into a **padded** gradient
# `dA_prev_pad` (so that windows never fall off the edge), and at the end of
# each example copy its interior, without the `pad` border, into `dA_prev`.
# Careful: the slice `[pad:-pad]` is empty when `pad == 0`; the slice
# `[pad:pad + n_H_prev]` always works.

# %% [solution] conv_backward

# %% [code]
np.random.seed(1)
A_prev = np.random.randn(2, 5, 7, 4)
W = np.random.randn(3, 3, 4, 8)
b = np.random.randn(1, 1, 1, 8)
Z, cache_conv = conv_forward(A_prev, W, b, {"pad": 1, "stride": 2})
dA_prev, dW, db = conv_backward(Z, cache_conv)
print("dA_prev:", dA_prev.shape, " dW:", dW.shape, " db:", db.shape)
print("mean of dA_prev =", np.mean(dA_prev))

# %% [given]
# Self-check (no points): your backward pass against a numerical gradient
check_conv_backward(conv_forward, conv_backward);

# %% [markdown]
# ### 6.2 The pooling backward pass
#
# Pooling has no parameters, but the gradient still has to pass through it
# to reach the layers below.
#
# **Max pooling.** Only the largest entry of a window decided the output; a
# small change of any other entry changes nothing. So the whole gradient of
# that output goes to the position of the maximum, and the rest get zero. A
# boolean **mask** that is `True` only at the maximum does the routing:
#
# $$X = \begin{pmatrix} 1 & 3 \\ 4 & 2 \end{pmatrix} \quad\rightarrow\quad M = \begin{pmatrix} 0 & 0 \\ 1 & 0 \end{pmatrix}$$
#
# ### Optional exercise 6: `create_mask_from_window`
# One line: compare `x` with its maximum (`np.max`). If the maximum appears
# twice, both places get `True`; with real-valued activations that almost
# never happens.

# %% [solution] create_mask_from_window

# %% [given]
# Self-check (no points)
check_create_mask_from_window(create_mask_from_window);

# %% [markdown]
# **Average pooling.** Every entry of an $n_H \times n_W$ window counts
# $1 / (n_H n_W)$ in the mean, so a gradient $dz$ of the output is shared out
# evenly: each entry receives $dz / (n_H n_W)$. For $dz = 1$ and a $2 \times 2$
# window:
#
# $$dZ = 1 \quad\rightarrow\quad \begin{pmatrix} 1/4 & 1/4 \\ 1/4 & 1/4 \end{pmatrix}$$
#
# ### Optional exercise 7: `distribute_value`
# Return an array of the given `shape` filled with `dz / (n_H * n_W)`
# (`np.ones(shape)` helps).

# %% [solution] distribute_value

# %% [given]
# Self-check (no points)
check_distribute_value(distribute_value);

# %% [markdown]
# ### Optional exercise 8: `pool_backward`
# Loop over examples, output rows, output columns and channels, as in
# `pool_forward`, and add each output's gradient `dA[i, h, w, c]` into the
# window of `dA_prev` it came from:
#
# - `mode == "max"`: take the window of `A_prev` (channel `c` only), build its
#   mask, and add `mask * dA[i, h, w, c]`;
# - `mode == "average"`: add `distribute_value(dA[i, h, w, c], (f, f))`.
#
# Use `+=`: with a stride smaller than `f`, windows overlap and an entry can
# receive gradient from several outputs.

# %% [solution] pool_backward

# %% [code]
np.random.seed(1)
A_prev = np.random.randn(5, 5, 3, 2)
A, cache_pool = pool_forward(A_prev, {"stride": 1, "f": 2})
dA = np.random.randn(5, 4, 2, 2)
for mode in ("max", "average"):
    dA_prev = pool_backward(dA, cache_pool, mode=mode)
    print(f"mode = {mode}:  mean of dA_prev = {np.mean(dA_prev):.6f},  dA_prev[1, 1] = {dA_prev[1, 1].ravel()}")

# %% [given]
# Self-check (no points): both modes, with and without overlapping windows
check_pool_backward(pool_forward, pool_backward);

# %% [markdown]
# ## Summary
#
# - A convolution slides small filters over the input; each output value is
#   the dot product of one window with one filter, plus a bias.
# - Padding keeps the size and gives border pixels a say; the stride sets how
#   far the filter jumps. The output size is
#   $\lfloor (n - f + 2p)/s \rfloor + 1$.
# - Pooling shrinks each channel on its own and has nothing to learn.
# - Hand-made filters already find edges; a trained network learns its
#   filters, and its later layers combine simple patterns into complex ones.
# - Back-propagation through both layers retraces the forward loops, sending
#   each output's gradient back to the window it came from.
#
# In the next lab you build the same layers with TensorFlow's Keras API and
# train a complete convolutional network.
