# %% [markdown]
# # Residual networks: going deep without getting stuck
#
# Deeper networks can, in principle, compute more: each layer builds on the
# features of the one before, from edges to textures to parts to objects.
# In practice, stacking more and more layers runs into a wall. Past a few
# dozen layers, a plain network often trains *worse* than a shallower one,
# even on its training set, which is not overfitting: the optimiser simply
# fails to make progress. The culprit is the gradient. Backpropagation
# multiplies it by one factor per layer on its way from the cost back to the
# first layers, and a product of many factors tends to shrink towards zero
# or blow up, so some layers get almost no signal and others get far too much.
#
# **Residual networks** (ResNets) fix this with a simple change: every few
# layers, a **shortcut** (or skip connection) adds the input of a block to its
# output. In this lab you will
#
# 1. build the two blocks ResNets are made of, the **identity block** and the
#    **convolutional block**, with the Keras functional API;
# 2. put 16 of them together into **ResNet50**, a classic 50-layer network;
# 3. run an experiment: two networks of the same depth, one with shortcuts and
#    one without, trained on the same hand signs. You will see the plain one
#    stall while the residual one learns.
#
# **Rules of the road.** Write your code between `# YOUR CODE HERE` and the end
# of each function (delete the `raise NotImplementedError()` line). Do not
# rename functions or change their arguments: the grader calls them by name.
#
# *Data note.* The original lab used photographs of hands and offered weights
# of a ResNet50 trained for hours on a GPU. Here the hands are drawn by a
# small program in the course package on your machine the first time you load
# them, nothing is downloaded, and there are no pretrained weights: the
# experiment of section 5 trains small networks that fit in a minute on a CPU.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c4w2a1_residual_networks", tensorflow=True)

# %% [given]
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras.initializers import glorot_uniform, random_uniform
from keras.layers import (
    Activation,
    Add,
    AveragePooling2D,
    BatchNormalization,
    Conv2D,
    Dense,
    Flatten,
    Input,
    MaxPooling2D,
    ZeroPadding2D,
)

from resnets_utils import (
    check_layers,
    convert_to_one_hot,
    deep_network,
    gradient_norms,
    load_signs_dataset,
    plain_block,
    plot_gradient_norms,
    plot_training,
    show_images,
    stage_summary,
    train_briefly,
)

%matplotlib inline

# %% [markdown]
# ## 1. The data: hand signs
#
# The same SIGNS data as in the previous lab: $64 \times 64$ colour pictures
# of hands raising 0 to 5 fingers, 1080 for training and 120 for testing. The
# pixels are scaled to $[0, 1]$ and the labels turned into one-hot rows.

# %% [given]
X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, classes = load_signs_dataset()

X_train = X_train_orig / 255.0
X_test = X_test_orig / 255.0
Y_train = convert_to_one_hot(Y_train_orig, 6).T
Y_test = convert_to_one_hot(Y_test_orig, 6).T

print("number of training examples =", X_train.shape[0])
print("number of test examples =", X_test.shape[0])
print("X_train shape:", X_train.shape, "  Y_train shape:", Y_train.shape)
show_images(X_train_orig, [f"y = {label}" for label in Y_train_orig[0]], count=6,
            suptitle="Some training pictures")

# %% [markdown]
# ## 2. The identity block
#
# Take two layers of an ordinary network. From the activation $a^{[l]}$ they
# compute
#
# $$z^{[l+1]} = W^{[l+1]} a^{[l]} + b^{[l+1]}, \quad a^{[l+1]} = g(z^{[l+1]}), \quad
# z^{[l+2]} = W^{[l+2]} a^{[l+1]} + b^{[l+2]}, \quad a^{[l+2]} = g(z^{[l+2]}).$$
#
# A **residual block** changes only the last step: it adds the block's input
# before the final activation,
#
# $$a^{[l+2]} = g\big(z^{[l+2]} + a^{[l]}\big).$$
#
# Two things follow.
#
# - **Doing nothing is easy.** If the block's weights are small, $z^{[l+2]}$
#   is close to 0 and (with a ReLU, since $a^{[l]} \ge 0$) the block passes
#   $a^{[l]}$ through unchanged. Adding a block to a network can therefore
#   hardly make it worse: the block only has to learn a *correction* (the
#   "residual") to the identity, not a whole new mapping.
# - **The gradient has a short way home.** The derivative of the block's
#   output with respect to its input contains a term that comes straight
#   through the addition, with a factor of 1. However many blocks are
#   stacked, every layer stays within reach of the cost, and the gradient
#   keeps a sensible size all the way down.
#
# The **identity block** is the residual block that ResNet50 uses when the
# input and the output have the same shape. Its main path has three
# convolutions, each followed by batch normalisation over the channels:
#
# | step | layers | shape for an input of (n_H, n_W, n_C) |
# |---|---|---|
# | 1 | `Conv2D(F1, 1, strides=(1, 1), padding='valid')` → `BatchNormalization(axis=3)` → `Activation('relu')` | (n_H, n_W, F1) |
# | 2 | `Conv2D(F2, f, strides=(1, 1), padding='same')` → `BatchNormalization(axis=3)` → `Activation('relu')` | (n_H, n_W, F2) |
# | 3 | `Conv2D(F3, 1, strides=(1, 1), padding='valid')` → `BatchNormalization(axis=3)` (no ReLU yet) | (n_H, n_W, F3) |
# | end | `Add()([X, X_shortcut])` → `Activation('relu')` | (n_H, n_W, F3) |
#
# The $1 \times 1$ convolutions of steps 1 and 3 first shrink the number of
# channels, so that the expensive $f \times f$ convolution of step 2 works on
# few of them, and then expand them back: a "bottleneck". The shortcut needs
# $F3$ to equal the input's number of channels $n_C$, so that the two tensors
# can be added.
#
# ### Exercise 1: `identity_block`
#
# Implement the table. Keep the input in `X_shortcut` before you overwrite
# `X`, and give **every** convolution `kernel_initializer=initializer(seed=0)`:
# the `initializer` argument is an initialiser class (by default
# `random_uniform`, small values between -0.05 and 0.05), and the fixed seed
# makes your block start from exactly the same weights as the reference.

# %% [solution] identity_block

# %% [code]
X_in = Input((15, 15, 256))
X_out = identity_block(X_in, f=3, filters=[64, 64, 256])
print("output:", X_out.shape, "  expected: (None, 15, 15, 256)\n")
check_layers(keras.Model(X_in, X_out), [
    ("InputLayer", (None, 15, 15, 256), 0),
    ("Conv2D", (None, 15, 15, 64), 16448),
    ("BatchNormalization", (None, 15, 15, 64), 256),
    ("Activation", (None, 15, 15, 64), 0),
    ("Conv2D", (None, 15, 15, 64), 36928),
    ("BatchNormalization", (None, 15, 15, 64), 256),
    ("Activation", (None, 15, 15, 64), 0),
    ("Conv2D", (None, 15, 15, 256), 16640),
    ("BatchNormalization", (None, 15, 15, 256), 1024),
    ("Add", (None, 15, 15, 256), 0),
    ("Activation", (None, 15, 15, 256), 0),
])

# %% [tests] identity_block
# Hidden tests (run when grading): identity_block is called on fresh Keras inputs of several
# shapes, with several window sizes, filters and initialisers (the default, a constant and
# random ones); its layers (class, output shape, parameters, settings) and its outputs on
# generated tensors, with batch normalisation in inference and in training mode, are compared
# with the reference.

# %% [markdown]
# ### Batch normalisation has two modes
#
# The cell below runs a tiny identity block (all kernels set to 1) on three
# pictures filled with 1s, 2s and 3s. In **inference** mode
# (`training=False`), batch normalisation uses its running averages, which
# start at mean 0 and variance 1, so it barely changes anything and the values
# grow large. In **training** mode it normalises with the statistics of the
# current batch, and the three pictures come out on a common scale. The
# hidden tests try your blocks in both modes.

# %% [code]
ones = np.ones((1, 4, 4, 3), dtype=np.float32)
pictures = np.concatenate([ones, 2 * ones, 3 * ones], axis=0)
tiny_in = Input((4, 4, 3))
tiny_block = keras.Model(tiny_in, identity_block(tiny_in, f=2, filters=[4, 4, 3],
                                                 initializer=lambda seed=0: keras.initializers.Constant(1)))
print("inference mode, pixel (1, 1) of each picture:\n", np.asarray(tiny_block(pictures, training=False))[:, 1, 1].round(4))
print("training mode, pixel (1, 1) of each picture:\n", np.asarray(tiny_block(pictures, training=True))[:, 1, 1].round(4))

# %% [markdown]
# ## 3. The convolutional block
#
# The identity block keeps the shape of its input. Between the stages of a
# ResNet, though, the network shrinks the height and width and adds
# channels. The **convolutional block** does that: its main path is the
# identity block's, except that the first convolution moves with stride $s$,
# and because the input can no longer be added as it is, the shortcut gets a
# convolution of its own that brings it to the same shape:
#
# | path | layers | shape |
# |---|---|---|
# | main 1 | `Conv2D(F1, 1, strides=(s, s), padding='valid')` → BN → ReLU | (⌈n_H/s⌉, ⌈n_W/s⌉, F1) |
# | main 2 | `Conv2D(F2, f, strides=(1, 1), padding='same')` → BN → ReLU | same height and width, F2 |
# | main 3 | `Conv2D(F3, 1, strides=(1, 1), padding='valid')` → BN | F3 channels |
# | shortcut | `Conv2D(F3, 1, strides=(s, s), padding='valid')` → BN | (⌈n_H/s⌉, ⌈n_W/s⌉, F3) |
# | end | `Add()` of the two paths → `Activation('relu')` | (⌈n_H/s⌉, ⌈n_W/s⌉, F3) |
#
# (BN is `BatchNormalization(axis=3)`. A $1 \times 1$ window with stride $s$
# and no padding gives $\lfloor (n - 1)/s \rfloor + 1 = \lceil n / s \rceil$
# pixels.) The shortcut convolution has no activation: it only reshapes, and
# it stays linear so that it can still pass its input through nearly intact.
#
# ### Exercise 2: `convolutional_block`
#
# Implement the table, again with `kernel_initializer=initializer(seed=0)` in
# every convolution, including the shortcut's. Here the default initialiser
# is `glorot_uniform`.

# %% [solution] convolutional_block

# %% [code]
X_in = Input((15, 15, 256))
X_out = convolutional_block(X_in, f=3, filters=[128, 128, 512], s=2)
print("output:", X_out.shape, "  expected: (None, 8, 8, 512)\n")
check_layers(keras.Model(X_in, X_out), [
    ("InputLayer", (None, 15, 15, 256), 0),
    ("Conv2D", (None, 8, 8, 128), 32896),
    ("BatchNormalization", (None, 8, 8, 128), 512),
    ("Activation", (None, 8, 8, 128), 0),
    ("Conv2D", (None, 8, 8, 128), 147584),
    ("BatchNormalization", (None, 8, 8, 128), 512),
    ("Activation", (None, 8, 8, 128), 0),
    ("Conv2D", (None, 8, 8, 512), 66048),
    ("Conv2D", (None, 8, 8, 512), 131584),
    ("BatchNormalization", (None, 8, 8, 512), 2048),
    ("BatchNormalization", (None, 8, 8, 512), 2048),
    ("Add", (None, 8, 8, 512), 0),
    ("Activation", (None, 8, 8, 512), 0),
])

# %% [markdown]
# (Keras lists the layers by their distance from the input, so the shortcut's
# convolution appears next to the third convolution of the main path.)

# %% [tests] convolutional_block
# Hidden tests (run when grading): convolutional_block is called on fresh Keras inputs of several
# shapes, with strides 1, 2 and 3 and several initialisers; its layers and its outputs on
# generated tensors, in both batch-normalisation modes, are compared with the reference.

# %% [markdown]
# ## 4. ResNet50
#
# ResNet50 stacks 16 blocks of 3 convolutions each, plus one convolution at
# the start and one dense layer at the end: 50 layers with weights. For a
# $64 \times 64 \times 3$ input:
#
# | part | layers | output |
# |---|---|---|
# | stem | `ZeroPadding2D((3, 3))` → `Conv2D(64, (7, 7), strides=(2, 2))` → `BatchNormalization(axis=3)` → `Activation('relu')` → `MaxPooling2D((3, 3), strides=(2, 2))` | (15, 15, 64) |
# | stage 2 | `convolutional_block` with f=3, `[64, 64, 256]`, **s=1**, then 2 `identity_block`s with f=3, `[64, 64, 256]` | (15, 15, 256) |
# | stage 3 | `convolutional_block` with f=3, `[128, 128, 512]`, s=2, then 3 `identity_block`s | (8, 8, 512) |
# | stage 4 | `convolutional_block` with f=3, `[256, 256, 1024]`, s=2, then 5 `identity_block`s | (4, 4, 1024) |
# | stage 5 | `convolutional_block` with f=3, `[512, 512, 2048]`, s=2, then 2 `identity_block`s | (2, 2, 2048) |
# | head | `AveragePooling2D((2, 2))` → `Flatten()` → `Dense(classes, activation='softmax')` | (classes,) |
#
# In each stage the identity blocks use the same filters as the stage's
# convolutional block. Stage 2 uses stride 1 because the max pooling has just
# halved the size.
#
# ### Exercise 3: `ResNet50`
#
# Build the table with the functional API, starting from
# `X_input = Input(input_shape)`, and return
# `keras.Model(inputs=X_input, outputs=X, name="ResNet50")`. Call the blocks
# with their default initialisers, and give the stem's convolution and the
# final dense layer `kernel_initializer=glorot_uniform(seed=0)`.
#
# The `training` argument is a leftover from older Keras versions, kept so
# that the signature matches the original lab; you do not need it. In Keras 3
# the batch-normalisation mode is chosen when the model is *called*
# (`model(x, training=True)`; `fit` does that for you).

# %% [solution] ResNet50

# %% [code]
model = ResNet50(input_shape=(64, 64, 3), classes=6)
stage_summary(model)
print("\nexpected: output (None, 6), 177 layers including the input, 23,600,006 parameters")
print(f"yours:    output {model.output.shape}, {len(model.layers)} layers including the input, "
      f"{model.count_params():,} parameters, named {model.name!r}")

# %% [tests] ResNet50
# Hidden tests (run when grading): ResNet50 is built with the default arguments and with other
# input shapes and numbers of classes; each model is compared with the reference layer by layer
# and by its outputs on generated images, in both batch-normalisation modes.

# %% [markdown]
# Almost 24 million parameters. Training this network from scratch is slow
# on a CPU (on the course's two-core test machine, about 35 s per pass over
# the 1080 training pictures, after half a minute of preparation), and it
# needs many passes. The original lab loaded weights trained on a GPU
# instead; we have none, so the next section asks the question that matters
# here with networks small enough to train in seconds. (Section 6 lets you
# train ResNet50 yourself if you have a few minutes.)
#
# ## 5. Do the shortcuts matter? An experiment
#
# We build two networks that differ *only* in the shortcuts:
#
# - a **residual** network: a small stem, then 18 of your `identity_block`s,
#   then a global average and a softmax;
# - a **plain** network: the same, with 18 `plain_block`s instead. A plain
#   block has exactly the layers of an identity block (three convolutions,
#   three batch normalisations, the ReLUs) and starts from the same weights,
#   but it has no `Add`.
#
# Each has $1 + 18 \times 3 = 55$ convolutions plus the output layer. To keep
# the experiment quick, the pictures are shrunk to $8 \times 8$ at the
# start and the blocks are narrow (`[4, 4, 8]` filters): we want to see
# whether such a deep network can be *trained*, not to read signs as well as
# possible.
#
# First, look at the gradients before any training: the size of the gradient
# of the cost with respect to each convolution's kernel, from the input side
# (left) to the output side (right), on one batch of 64 pictures.

# %% [given]
keras.utils.set_random_seed(0)
residual_net = deep_network(identity_block, n_blocks=18, width=8)
plain_net = deep_network(plain_block, n_blocks=18, width=8)
norms = {
    "residual (identity_block)": gradient_norms(residual_net, X_train[:64], Y_train[:64]),
    "plain (plain_block)": gradient_norms(plain_net, X_train[:64], Y_train[:64]),
}
for name, values in norms.items():
    print(f"{name:>26}: first convolution {values[0]:10.3g}, last {values[-1]:8.3g}, "
          f"ratio {values.max() / values.min():10.3g}")
plot_gradient_norms(norms)

# %% [markdown]
# In the plain network the gradient grows by orders of magnitude from the
# output side to the input side: each block multiplies it by a factor a bit
# larger than one, and 18 blocks compound that. No single learning rate then
# suits every layer: a step size that moves the last layers usefully throws
# the first layers around wildly. (With other layers and initialisations,
# the same compounding makes the gradient *vanish* instead; either way, a
# deep plain network is hard to train.) In the residual network the
# shortcuts keep all the gradients within a small range.
#
# Now train both networks the same way: plain mini-batch gradient descent
# (learning rate 0.1, batches of 32) on 960 training pictures, for a few
# epochs. `train_briefly` records the average loss and accuracy of each epoch
# on the training batches.
#
# *Scale note.* Each network needs about 10 s on a laptop CPU, about half of
# it spent preparing the computation once. Five epochs are enough to see the
# difference; train longer if you like, the residual network keeps improving.

# %% [given]
EPOCHS = scaled(5, 0)  # (while grading: no training, the grade does not depend on it)
histories = {}
for name, network in [("residual", residual_net), ("plain", plain_net)]:
    histories[name] = train_briefly(network, X_train[:960], Y_train[:960], epochs=EPOCHS, learning_rate=0.1)
    if EPOCHS:
        print(f"{name:>8}: training loss {histories[name]['loss'][-1]:.3f}, "
              f"training accuracy {histories[name]['accuracy'][-1]:.1%} after {EPOCHS} epochs")
plot_training(histories)

# %% [markdown]
# The plain network stays at the level of guessing: its loss hardly moves
# from $\ln 6 \approx 1.79$ (the cost of giving every class probability 1/6)
# and its accuracy from 1/6. With exactly the same layers and starting
# weights, the residual network learns steadily. Depth alone did not stop it;
# what it needed was a path along which the signal and the gradient can
# travel through many layers intact.
#
# This is why ResNets with 50, 100 or even 1000 layers can be trained, and
# why shortcuts now appear in most deep architectures: the U-Net of a later
# lab and the Transformer of course 5 use them too.
#
# ## 6. Training your ResNet50 (optional)
#
# If you have time to spare, you can train your ResNet50 on the hand signs:
# set `RESNET_EPOCHS` to 3 or more and run the cell (count half a minute to a
# minute per epoch on a CPU). Watch both accuracies. On the course's test
# machine, 3 epochs took the *training* accuracy to about 80% while the
# *test* accuracy stayed near guessing: for test pictures, batch
# normalisation uses its running averages of the batch statistics, and after
# only about a hundred updates of fast-changing weights those averages have
# not caught up yet. It takes more epochs (and usually a smaller learning
# rate) before the two agree.
#
# With `RESNET_EPOCHS = 0` the cell only shows the untrained network's
# answers, which are close to uniform guesses.

# %% [code]
RESNET_EPOCHS = 0

resnet = ResNet50(input_shape=(64, 64, 3), classes=6)
resnet.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001),
               loss="categorical_crossentropy", metrics=["accuracy"])
if RESNET_EPOCHS:
    resnet.fit(X_train, Y_train, epochs=RESNET_EPOCHS, batch_size=32, verbose=2)
    loss, accuracy = resnet.evaluate(X_test, Y_test, verbose=0)
    print(f"test accuracy {accuracy:.1%}")
probabilities = np.asarray(resnet(X_test[:4].astype(np.float32), training=False))
for label, row in zip(Y_test_orig[0, :4], probabilities):
    print(f"true label {label}: probabilities {np.round(row, 2)}")

# %% [markdown]
# ## Summary
#
# - Very deep plain networks are hard to train: the gradient is multiplied by
#   one factor per layer and ends up far too small or far too large in some
#   layers.
# - A residual block adds its input to its output,
#   $a^{[l+2]} = g(z^{[l+2]} + a^{[l]})$. It can easily act as the identity,
#   and it gives the gradient a direct path back.
# - ResNet50 is built from identity blocks (same shape in and out) and
#   convolutional blocks (a strided convolution on the shortcut changes the
#   shape), in four stages after a stem.
# - With the same layers and the same starting weights, a deep network with
#   shortcuts trains and one without them stalls.
