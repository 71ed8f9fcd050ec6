# %% [markdown]
# # Deep learning and art: neural style transfer
#
# Take a picture $C$ (the **content**: here, a house in a landscape) and a
# painting $S$ (the **style**: swirling, colourful brush strokes). Neural style
# transfer produces a new picture $G$ that shows what $C$ shows, *painted the
# way $S$ is painted*.
#
# The surprising part is how. Nothing is trained in the usual sense: the
# network's weights never change. Instead, the **pixels of $G$ are the
# parameters**. We write down a cost that is small when $G$ has the content of
# $C$ and the style of $S$, and we run gradient descent on the pixels.
# The cost is measured inside a convolutional network (VGG19), because its
# activations describe pictures far better than raw pixels do:
#
# - shallow layers respond to simple, local things: edges, colours, small textures;
# - deeper layers respond to larger, more abstract things: parts of objects, layouts.
#
# You will
#
# 1. implement the **content cost** $J_{content}(C, G)$;
# 2. implement the **Gram matrix** and the **style cost** of one layer, then of several layers;
# 3. combine them into the **total cost** $J(G) = \alpha J_{content}(C, G) + \beta J_{style}(S, G)$;
# 4. write the **training step** that updates $G$, and watch the picture change.
#
# **Rules of the road.** Write your code between `# YOUR CODE HERE` and the end
# of each function (delete the `raise NotImplementedError()` line). Do not
# rename functions or change their arguments: the grader calls them by name.
# Use TensorFlow operations (`tf.reduce_sum`, `tf.square`, `tf.reshape`,
# `tf.transpose`, `tf.matmul`) so that your functions also work inside
# `@tf.function`.
#
# *Data and model note.* The original lab used a photo of the Louvre, an
# impressionist painting, $400 \times 400$ pixels, and VGG19 with weights
# trained on ImageNet. Offline there are no such weights and a CPU must finish
# in about a minute, so here the two pictures are drawn by a small program, the
# generated image is $64 \times 64$ pixels, and VGG19 keeps its exact
# architecture and layer names but starts from a fixed random initialisation.
# Random convolutional features still capture colours and textures, so style
# transfer works, in a rougher way: expect a painterly texture rather than a
# masterpiece.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c4w4a2_neural_style_transfer", tensorflow=True)

# %% [given]
import matplotlib.pyplot as plt
import tensorflow as tf
from nst_utils import clip_0_1, get_layer_outputs, initialise_vgg19, load_art, load_image, show_images, tensor_to_image

%matplotlib inline
tf.random.set_seed(272)

# %% [markdown]
# ## 1. The pictures
#
# `load_art()` writes the two pictures on first use and returns their folder.
# We work at `img_size = 64` pixels.

# %% [given]
img_size = 64
art_folder = load_art()
content_image = load_image(art_folder / "content.png", img_size)
style_image = load_image(art_folder / "style.png", img_size)
print("content_image:", content_image.shape, content_image.dtype)
show_images([content_image, style_image], ["content C", "style S"], size=3)

# %% [markdown]
# ## 2. The content cost
#
# Pick one layer $l$ of the network and run $C$ and $G$ through it. Its
# activations $a^{(C)}$ and $a^{(G)}$ are volumes of shape
# $n_H \times n_W \times n_C$. If $G$ shows the same things in the same places
# as $C$, the two volumes are close, so the content cost compares them entry
# by entry:
#
# $$J_{content}(C, G) = \frac{1}{4 \, n_H \, n_W \, n_C} \sum_{\text{all entries}} \left(a^{(C)} - a^{(G)}\right)^2$$
#
# The normalisation makes the cost comparable between layers of different
# sizes. Which layer? A very shallow one would force $G$ to copy $C$ pixel by
# pixel and leave no room for the style; a very deep one only remembers that
# "there is a house somewhere". We use a deep layer, `block5_conv4`, so that
# the layout of $C$ survives while its textures are free to change.
#
# ### Exercise 1: `compute_content_cost`
#
# In this notebook the network returns a **list** of activations, one per
# chosen layer, and the content layer comes **last**. So:
#
# 1. take `a_C = content_output[-1]` and `a_G = generated_output[-1]`;
# 2. read `n_H, n_W, n_C` from `a_G.shape` (its first dimension is the batch, 1);
# 3. return the sum of squared differences divided by `4 * n_H * n_W * n_C`.
#
# Unrolling the volumes first (as in the formula's other common form) is
# allowed but not needed: the sum of all squared entries is the same.

# %% [solution] compute_content_cost

# %% [code]
tf.random.set_seed(1)
content_output_demo = [tf.random.normal([1, 4, 4, 3], mean=1, stddev=4)]  # a list with one layer's activations
generated_output_demo = [tf.random.normal([1, 4, 4, 3], mean=1, stddev=4)]
print("J_content =", compute_content_cost(content_output_demo, generated_output_demo).numpy())

# %% [tests] compute_content_cost
public_check("compute_content_cost", globals())

# %% [markdown]
# ## 3. The style cost
#
# ### 3.1 The Gram matrix
#
# What is "style"? Brush strokes of a certain colour tend to appear together
# with strokes of certain other colours and directions, wherever they are in
# the painting. The **Gram matrix** measures exactly this: which features of a
# layer fire *together*, regardless of *where*.
#
# Unroll the activation volume of a layer into a matrix $A$ of shape
# $(n_C, n_H n_W)$: row $i$ lists the values of channel (filter) $i$ at every
# position. The Gram matrix is
#
# $$G_A = A A^T, \qquad G_{A,(i,j)} = \sum_{k} A_{i,k} A_{j,k},$$
#
# an $n_C \times n_C$ matrix. The entry $(i, j)$ is large when channels $i$ and
# $j$ are both active at the same positions; the diagonal entry $(i, i)$ says
# how active channel $i$ is overall. Positions are summed over, so the Gram
# matrix forgets the layout: that is why it describes style and not content.
#
# ### Exercise 2: `gram_matrix`
#
# Return $A A^T$ with `tf.matmul` and `tf.transpose`.

# %% [solution] gram_matrix

# %% [code]
tf.random.set_seed(1)
A_demo = tf.random.normal([3, 2], mean=1, stddev=4)
print("GA =\n", gram_matrix(A_demo).numpy())

# %% [tests] gram_matrix
public_check("gram_matrix", globals())

# %% [markdown]
# ### 3.2 The style cost of one layer
#
# The style of $G$ matches the style of $S$ at layer $l$ when their Gram
# matrices are close:
#
# $$J_{style}^{[l]}(S, G) = \frac{1}{4 \, n_C^2 \, (n_H n_W)^2} \sum_{i=1}^{n_C} \sum_{j=1}^{n_C} \left(G^{(S)}_{(i,j)} - G^{(G)}_{(i,j)}\right)^2$$
#
# ### Exercise 3: `compute_layer_style_cost`
#
# 1. Read `n_H, n_W, n_C` from `a_G.shape`.
# 2. Unroll `a_S` and `a_G` to shape `(n_C, n_H * n_W)`. Careful: the channels
#    are the *last* axis of the activations. Reshape to `[-1, n_C]` first (one
#    row per position, one column per channel) and then transpose. Reshaping
#    straight to `[n_C, -1]` gives the right shape but mixes channels and
#    positions.
# 3. Compute both Gram matrices and return the normalised sum of squared differences.

# %% [solution] compute_layer_style_cost

# %% [code]
tf.random.set_seed(1)
a_S_demo = tf.random.normal([1, 4, 4, 3], mean=1, stddev=4)
a_G_demo = tf.random.normal([1, 4, 4, 3], mean=1, stddev=4)
print("J_style_layer =", compute_layer_style_cost(a_S_demo, a_G_demo).numpy())

# %% [tests] compute_layer_style_cost
public_check("compute_layer_style_cost", globals())

# %% [markdown]
# ### 3.3 The style cost of several layers
#
# One layer sees the style at one scale only: shallow layers capture small
# colour patches and edges, deeper layers larger strokes and patterns. So the
# style cost sums the costs of several layers, each with a weight
# $\lambda^{[l]}$:
#
# $$J_{style}(S, G) = \sum_{l} \lambda^{[l]} \, J_{style}^{[l]}(S, G)$$
#
# We use the first convolution of each of VGG19's five blocks, with equal
# weights. Putting more weight on the shallow layers gives finer textures,
# more on the deep layers bolder patterns.

# %% [given]
STYLE_LAYERS = [
    ("block1_conv1", 0.2),
    ("block2_conv1", 0.2),
    ("block3_conv1", 0.2),
    ("block4_conv1", 0.2),
    ("block5_conv1", 0.2),
]

# %% [markdown]
# ### Exercise 4: `compute_style_cost`
#
# `style_image_output` and `generated_image_output` are the lists of
# activations of $S$ and $G$: first one per style layer, in the order of
# `STYLE_LAYERS`, and then the content layer, which is **not** part of the
# style. Leave the last element out (`[:-1]`), and add up
# `coeff * compute_layer_style_cost(...)` over the style layers, where `coeff`
# is the second element of each `(layer name, coeff)` pair in `STYLE_LAYERS`.
# `zip` walks through several lists side by side.

# %% [solution] compute_style_cost

# %% [code]
tf.random.set_seed(1)
shapes_demo = [[1, 8, 8, 3], [1, 4, 4, 6], [1, 4, 4, 6], [1, 2, 2, 8], [1, 2, 2, 8], [1, 2, 2, 8]]
style_output_demo = [tf.abs(tf.random.normal(shape)) for shape in shapes_demo]
generated_output_demo = [tf.abs(tf.random.normal(shape)) for shape in shapes_demo]
print("J_style =", compute_style_cost(style_output_demo, generated_output_demo).numpy())
print("J_style of a list with itself =", compute_style_cost(style_output_demo, style_output_demo).numpy())

# %% [tests] compute_style_cost
public_check("compute_style_cost", globals())

# %% [markdown]
# ## 4. The total cost
#
# $$J(G) = \alpha \, J_{content}(C, G) + \beta \, J_{style}(S, G)$$
#
# The two hyperparameters set the balance: a larger $\beta / \alpha$ gives
# more paint and less house. We use $\alpha = 10$ and $\beta = 40$.
#
# ### Exercise 5: `total_cost`
#
# The function is decorated with `@tf.function()`: TensorFlow traces it once
# into a graph and reuses the graph on later calls, which makes the training
# loop faster. Just return the weighted sum.

# %% [solution] total_cost

# %% [code]
print("J =", total_cost(tf.constant(0.5), tf.constant(0.1)).numpy(), "(expected 0.5*10 + 0.1*40 = 9)")

# %% [tests] total_cost
public_check("total_cost", globals())

# %% [markdown]
# ## 5. Putting it together
#
# ### 5.1 The network
#
# VGG19 is a plain stack of $3 \times 3$ convolutions in five blocks
# (2, 2, 4, 4 and 4 convolutions), each block ending with a max-pooling
# layer that halves the picture. We keep its convolutional part only
# (`include_top=False`), freeze it (`trainable = False`: its weights never
# change in this lab), and give it fixed random weights with
# `initialise_vgg19` (He initialisation, so that the activations keep about
# the same scale through the 16 layers). With ImageNet weights you would write
# `weights="imagenet"` instead.
#
# `get_layer_outputs(vgg, STYLE_LAYERS + content_layer)` wraps VGG19 in a model
# that returns the activations of the six chosen layers at once: the five style
# layers, then the content layer.

# %% [given]
content_layer = [("block5_conv4", 1)]

vgg = tf.keras.applications.VGG19(include_top=False, input_shape=(img_size, img_size, 3), weights=None)
vgg.trainable = False
initialise_vgg19(vgg, seed=0)
vgg_model_outputs = get_layer_outputs(vgg, STYLE_LAYERS + content_layer)
for output in vgg_model_outputs.outputs:
    print(output.shape)

# %% [markdown]
# ### 5.2 The targets and the starting picture
#
# The pictures are scaled to floats in $[0, 1]$ and run through the network
# once: `a_C` holds the activations of the content picture and `a_S` those of
# the style picture. They never change.
#
# The generated picture starts as the content picture plus some uniform noise
# in $[-0.25, 0.25]$ (clipped back to $[0, 1]$). Starting close to $C$ makes
# the content easy to keep; the noise gives the optimiser room to paint. It is
# a `tf.Variable`, because gradient descent will update it in place. The
# optimizer is Adam with learning rate 0.01; `optimizer.build` prepares its
# moment estimates for the picture before the first step.

# %% [given]
preprocessed_content = tf.Variable(tf.image.convert_image_dtype(content_image, tf.float32))
a_C = vgg_model_outputs(preprocessed_content)
preprocessed_style = tf.Variable(tf.image.convert_image_dtype(style_image, tf.float32))
a_S = vgg_model_outputs(preprocessed_style)

generated_image = tf.Variable(tf.image.convert_image_dtype(content_image, tf.float32))
noise = tf.random.uniform(tf.shape(generated_image), -0.25, 0.25)
generated_image = tf.Variable(clip_0_1(generated_image + noise))

optimizer = tf.keras.optimizers.Adam(learning_rate=0.01)
optimizer.build([generated_image])

# kept to put them back after the hidden tests (which swap in their own small network)
NOTEBOOK_OBJECTS = (vgg_model_outputs, a_C, a_S, optimizer)

print("J_content of the starting picture:", compute_content_cost(a_C, vgg_model_outputs(generated_image)).numpy())
print("J_style of the starting picture:  ", compute_style_cost(a_S, vgg_model_outputs(generated_image)).numpy())
show_images([generated_image], ["starting picture G"], size=3)

# %% [markdown]
# ### Exercise 6: `train_step`
#
# One step of gradient descent on the pixels of $G$:
#
# 1. inside a `tf.GradientTape()`, compute `a_G = vgg_model_outputs(generated_image)`,
#    then `J_style = compute_style_cost(a_S, a_G)`,
#    `J_content = compute_content_cost(a_C, a_G)` and
#    `J = total_cost(J_content, J_style, alpha=10, beta=40)`;
# 2. outside the tape, get the gradient `grad = tape.gradient(J, generated_image)`;
# 3. let the optimizer update the picture: `optimizer.apply_gradients([(grad, generated_image)])`;
# 4. pixels must stay in $[0, 1]$: `generated_image.assign(clip_0_1(generated_image))`;
# 5. return `J`.
#
# `vgg_model_outputs`, `a_C`, `a_S` and `optimizer` are the global variables
# defined above.

# %% [solution] train_step

# %% [code]
for step in range(3):
    J = train_step(generated_image)
    print(f"step {step}: J = {J.numpy():.6f}")
print("(the cost should go down)")

# %% [tests] train_step

# %% [given]
# The hidden tests above ran your train_step on their own small network: put the notebook's objects back.
vgg_model_outputs, a_C, a_S, optimizer = NOTEBOOK_OBJECTS

# %% [markdown]
# ## 6. Train
#
# Now run many steps and watch the picture change. The original lab ran 2,500
# steps on $400 \times 400$ pictures with a GPU. Here each step on a
# $64 \times 64$ picture takes a fraction of a second on a CPU, so we run
# 90 steps and look at the picture every 30 steps (while grading, a token
# run of a few steps). Run the cell again to continue from where it stopped,
# or raise `epochs` if you have the time: the texture keeps growing.

# %% [given]
epochs = scaled(90, 5)
snapshots, captions, costs = [], [], []
for i in range(epochs):
    if i % 30 == 0:
        snapshots.append(tensor_to_image(generated_image))
        captions.append(f"after {i} steps")
    J = train_step(generated_image)
    costs.append(J.numpy().item())
snapshots.append(tensor_to_image(generated_image))
captions.append(f"after {epochs} steps")
print(f"J: {costs[0]:.5f} at the first step, {costs[-1]:.5f} at step {len(costs) - 1}")
show_images(snapshots, captions, size=2.2)

plt.figure(figsize=(6, 3))
plt.semilogy(costs)
plt.xlabel("step")
plt.ylabel("total cost J (log scale)")
plt.title("Gradient descent on the pixels")
plt.show()

# %% [markdown]
# Compare the result with the two pictures it came from. How far did each
# part of the cost go down?

# %% [given]
a_G = vgg_model_outputs(generated_image)
print("J_content(C, G):", compute_content_cost(a_C, a_G).numpy())
print("J_style(S, G):  ", compute_style_cost(a_S, a_G).numpy())
print("for reference, the content picture itself has J_style(S, C) =", compute_style_cost(a_S, a_C).numpy())
show_images([content_image, style_image, generated_image], ["content C", "style S", "generated G"], size=3)

# %% [markdown]
# The generated picture keeps the house, the hills and the sky of $C$, but its
# surfaces are covered with the colours and the grain of $S$: its style cost
# has fallen far below that of the untouched content picture.
#
# Things to try (none of them is graded):
#
# - change the weights of the five style layers: put most of the weight on
#   `block1_conv1` (fine colour grain) or on `block4_conv1` and `block5_conv1`
#   (coarser patterns). Pass your list as the third argument of
#   `compute_style_cost` inside `train_step`, run that cell again, rebuild the
#   starting picture and its optimizer, and train again;
# - change the balance $\beta / \alpha$ in `train_step`;
# - start from pure noise instead of the noisy content picture.
#
# ## Summary
#
# - Neural style transfer optimises the **pixels** of a picture, not the
#   weights of a network; the network only measures.
# - The **content cost** compares activations of one deep layer, position by position.
# - The **style cost** compares **Gram matrices**: which channels fire
#   together, summed over all positions, at several layers.
# - The total cost $\alpha J_{content} + \beta J_{style}$ trades one against the other.
