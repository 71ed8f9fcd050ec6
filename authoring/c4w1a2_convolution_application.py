# %% [markdown]
# # Convolutional networks in Keras: smiles and hand signs
#
# In the previous lab you wrote convolutions and pooling by hand, with loops
# over every window. That was the best way to see what they compute, and the
# worst way to train a network: it is slow, and you would still have to write
# the backward pass. Keras has these operations as ready-made **layers**,
# implemented efficiently and differentiated for you, so a whole
# convolutional network fits in a dozen lines.
#
# Keras offers two ways of wiring layers together, and you will use both:
#
# 1. the **Sequential API**, for a plain stack of layers with one input and
#    one output. You will build `happyModel`, which decides whether a face at
#    the door of the "Happy House" is smiling;
# 2. the **Functional API**, where you pass tensors from layer to layer
#    yourself, which also allows branches, several inputs or outputs, and
#    skip connections. You will build `convolutional_model`, which reads hand
#    signs for the numbers 0 to 5.
#
# You will then train both networks and look at what they get right and wrong.
#
# **Rules of the road.** Write your code between `# YOUR CODE HERE` and the end
# of each function (delete the `raise NotImplementedError()` line). Do not
# rename functions or change their arguments: the grader calls them by name.
#
# *Data note.* The original lab used photographs. Here the faces (an oval,
# eyes, hair, and a mouth that smiles, stays flat or frowns) and the hands (a
# palm, a forearm and up to five raised fingers) are drawn by small programs
# in the course package, on your machine, the first time you load them:
# nothing is downloaded.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c4w1a2_convolution_application", tensorflow=True)

# %% [given]
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras.layers import (
    BatchNormalization,
    Conv2D,
    Dense,
    Flatten,
    Input,
    MaxPool2D,
    MaxPooling2D,
    ReLU,
    ZeroPadding2D,
)

from cnn_utils import (
    check_layers,
    convert_to_one_hot,
    load_happy_dataset,
    load_signs_dataset,
    plot_history,
    show_images,
    summarize,
)

%matplotlib inline

# %% [markdown]
# ## 1. The Happy House
#
# The Happy House only lets in people who smile. A camera at the door takes
# a $64 \times 64$ colour picture of every visitor, and your network must say
# whether the person smiles (label 1) or not (label 0: a straight or a
# downturned mouth). There are 600 labelled pictures for training and 150 to
# test on.
#
# As usual, the pixel values (bytes from 0 to 255) are divided by 255, so
# that every input lies in $[0, 1]$. The labels arrive as a row of shape
# `(1, m)`; Keras wants one row per example, so we transpose them to `(m, 1)`.

# %% [given]
X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, classes = load_happy_dataset()

X_train = X_train_orig / 255.0
X_test = X_test_orig / 255.0
Y_train = Y_train_orig.T
Y_test = Y_test_orig.T

print("number of training examples =", X_train.shape[0])
print("number of test examples =", X_test.shape[0])
print("X_train shape:", X_train.shape, "  Y_train shape:", Y_train.shape)
print("X_test shape: ", X_test.shape, "  Y_test shape: ", Y_test.shape)

names = {0: "not smiling", 1: "smiling"}
show_images(X_train_orig, [names[int(label)] for label in Y_train_orig[0]], count=12,
            suptitle="The first twelve visitors of the training set")

# %% [markdown]
# ## 2. A model with the Sequential API
#
# A `keras.Sequential` model is a list of layers applied one after the other:
# the output of each layer is the input of the next. It starts with
# `keras.Input(shape=(64, 64, 3))`, which tells Keras the shape of *one*
# example; Keras adds the batch dimension itself, which is why shapes print
# as `(None, 64, 64, 3)`, `None` standing for "any number of examples".
#
# The layers you need, and what each one does to a tensor of shape
# `(batch, height, width, channels)`:
#
# - `ZeroPadding2D(padding=(3, 3))` adds 3 rows of zeros above and below
#   and 3 columns left and right: $64 \times 64 \to 70 \times 70$.
# - `Conv2D(32, (7, 7), strides=(1, 1))` slides 32 filters of size
#   $7 \times 7 \times 3$ over the image. Without padding of its own
#   (`padding='valid'`, the default), a window of size $f$ with stride $s$
#   and padding $p$ turns $n$ pixels into
#   $$n_{out} = \left\lfloor \frac{n + 2p - f}{s} \right\rfloor + 1,$$
#   here $\lfloor (70 - 7)/1 \rfloor + 1 = 64$. The padding layer was there
#   precisely to give back the 6 pixels that a $7 \times 7$ window eats.
#   Each filter has $7 \cdot 7 \cdot 3$ weights and one bias:
#   $(7 \cdot 7 \cdot 3 + 1) \cdot 32 = 4736$ parameters.
# - `BatchNormalization(axis=3)` normalises every channel (axis 3 of the
#   tensor) over the batch: with the channel's mean $\mu$ and variance
#   $\sigma^2$, it computes
#   $$\hat x = \frac{x - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad y = \gamma \hat x + \beta,$$
#   where $\gamma$ and $\beta$ are learned, one pair per channel. During
#   training $\mu$ and $\sigma^2$ come from the current mini-batch; for
#   predictions the layer uses running averages collected during training.
#   Keeping each layer's inputs on a steady scale makes training faster and
#   less sensitive to the learning rate.
# - `ReLU()` applies $\max(0, x)$ to every value.
# - `MaxPooling2D()` keeps the largest value of every $2 \times 2$ window,
#   moving by 2: the height and width are halved, $64 \to 32$.
# - `Flatten()` lines up the $32 \cdot 32 \cdot 32 = 32768$ values of each
#   example into one vector.
# - `Dense(1, activation='sigmoid')` is logistic regression on that vector:
#   one unit whose output is the probability that the person smiles.
#
# ### Exercise 1: `happyModel`
#
# Return a `keras.Sequential` model made of, in this order:
# `keras.Input(shape=(64, 64, 3))`, `ZeroPadding2D(padding=(3, 3))`,
# `Conv2D(32, (7, 7), strides=(1, 1))`, `BatchNormalization(axis=3)`,
# `ReLU()`, `MaxPooling2D()`, `Flatten()` and `Dense(1, activation='sigmoid')`.
# Pass them as a list: `keras.Sequential([layer1, layer2, ...])`.
#
# (Use the input layer rather than the `input_shape=` argument older code
# passes to the first layer: Keras 3 warns about that one.)

# %% [solution] happyModel

# %% [code]
happy_model = happyModel()
summarize(happy_model)
print()
check_layers(happy_model, [
    ("ZeroPadding2D", (None, 70, 70, 3), 0),
    ("Conv2D", (None, 64, 64, 32), 4736),
    ("BatchNormalization", (None, 64, 64, 32), 128),
    ("ReLU", (None, 64, 64, 32), 0),
    ("MaxPooling2D", (None, 32, 32, 32), 0),
    ("Flatten", (None, 32768), 0),
    ("Dense", (None, 1), 32769),
])

# %% [tests] happyModel
# Hidden tests (run when grading): the model is compared with the reference layer by layer
# (class, output shape, parameters, settings such as padding, strides and activation), then
# both run on generated images with the same fixed weights, with batch normalisation in
# inference mode and in training mode.

# %% [markdown]
# ### Training the Happy House's doorman
#
# Before training, a Keras model is **compiled**: you choose the optimiser
# (Adam), the loss, and the metrics to report. For a yes/no answer given as
# a probability $a$, the loss is the binary cross-entropy you met in
# course 1, averaged over the batch:
# $$\mathcal{L}(a, y) = -\big(y \log a + (1 - y) \log(1 - a)\big).$$
#
# `fit` then runs mini-batch gradient descent (here with batches of 16
# pictures) for a number of **epochs**, passes over the training set. We also
# hand it the test set as `validation_data`: it is not trained on, only
# measured after every epoch, so you can watch the network generalise.
#
# *Scale note.* The original lab trained for 10 epochs; 8 are enough on these
# drawings and keep the notebook quick on a laptop CPU (about 2 s per epoch).

# %% [given]
keras.utils.set_random_seed(1)
happy_model = happyModel()
happy_model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
EPOCHS = scaled(8, 1)  # (while grading: one epoch, the grade does not depend on it)
happy_history = happy_model.fit(X_train, Y_train, epochs=EPOCHS, batch_size=16,
                                validation_data=(X_test, Y_test), verbose=2)

# %% [given]
loss, accuracy = happy_model.evaluate(X_test, Y_test, verbose=0)
print(f"test loss {loss:.3f}, test accuracy {accuracy:.1%}")
plot_history(happy_history, "The Happy House model")

# %% [markdown]
# The test accuracy can jump around in the first epochs: batch normalisation
# uses running averages of the batch statistics for predictions, and these
# averages lag behind while the weights still change quickly. Once training
# settles, the two agree.
#
# Here are some test visitors with the network's probability of a smile;
# the wrong answers (if any) come first.

# %% [given]
p_smile = happy_model.predict(X_test, verbose=0)[:, 0]
predicted = (p_smile > 0.5).astype(int)
order = np.argsort(predicted == Y_test[:, 0], kind="stable")  # mistakes first
titles = [f"p={p_smile[i]:.2f} {'ok' if predicted[i] == Y_test[i, 0] else 'WRONG'}" for i in order]
show_images(X_test_orig[order], titles, count=12, suptitle="Test visitors: probability of a smile")
print(f"{int(np.sum(predicted != Y_test[:, 0]))} of {len(Y_test)} test visitors misjudged")

# %% [markdown]
# ## 3. The Functional API
#
# A Sequential model cannot express anything but a straight chain. The
# **Functional API** handles any graph of layers: you create a layer and
# *call* it on a tensor, and it returns a new tensor:
#
# ```python
# inputs = Input(shape=(64, 64, 3))
# Z = Conv2D(8, 4, padding="same")(inputs)   # create the layer, call it on `inputs`
# A = ReLU()(Z)
# ...
# model = keras.Model(inputs=inputs, outputs=last_tensor)
# ```
#
# The tensors here are *symbolic*: they hold no numbers yet, only shapes.
# `keras.Model` follows the calls back from the outputs to the inputs and
# records the graph. Because you hold every intermediate tensor, you can use
# one twice (that is how the skip connections of the next lab's ResNets are
# built). Here the graph is still a chain, so you can compare it with the
# Sequential version.
#
# ### The hand signs
#
# The SIGNS data set shows hands raising 0 to 5 fingers: 1080 training and
# 120 test pictures, six classes. With more than two classes the network ends
# with a softmax over six units, and the labels become **one-hot** rows: the
# label 3 becomes $[0, 0, 0, 1, 0, 0]$.

# %% [given]
X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, classes = load_signs_dataset()

X_train = X_train_orig / 255.0
X_test = X_test_orig / 255.0
Y_train = convert_to_one_hot(Y_train_orig, 6).T
Y_test = convert_to_one_hot(Y_test_orig, 6).T

print("number of training examples =", X_train.shape[0])
print("number of test examples =", X_test.shape[0])
print("X_train shape:", X_train.shape, "  Y_train shape:", Y_train.shape)
print("first label:", Y_train_orig[0, 0], "-> one-hot row", Y_train[0])
show_images(X_train_orig, [f"y = {label}" for label in Y_train_orig[0]], count=12,
            suptitle="The first twelve hand signs")

# %% [markdown]
# ### Exercise 2: `convolutional_model`
#
# Build this network with the Functional API, starting from
# `input_img = Input(shape=input_shape)`:
#
# 1. `Conv2D(8, 4, strides=1, padding='same')`: 8 filters of $4 \times 4$.
#    `'same'` padding adds just enough zeros for the output to keep the
#    input's height and width (with stride 1);
# 2. `ReLU()`;
# 3. `MaxPool2D(pool_size=8, strides=8, padding='same')`: the largest value of
#    every $8 \times 8$ window. With `'same'` padding and stride $s$ the size
#    becomes $\lceil n / s \rceil$, so $64 \to 8$;
# 4. `Conv2D(16, 2, strides=1, padding='same')`;
# 5. `ReLU()`;
# 6. `MaxPool2D(pool_size=4, strides=4, padding='same')`: $8 \to 2$;
# 7. `Flatten()`: $2 \cdot 2 \cdot 16 = 64$ values per example;
# 8. `Dense(6, activation='softmax')`: the probabilities of the six classes.
#
# Return `keras.Model(inputs=input_img, outputs=...)`. (`MaxPool2D` is
# another name for `MaxPooling2D`; either is fine.)

# %% [solution] convolutional_model

# %% [code]
conv_model = convolutional_model((64, 64, 3))
summarize(conv_model)
print()
check_layers(conv_model, [
    ("InputLayer", (None, 64, 64, 3), 0),
    ("Conv2D", (None, 64, 64, 8), 392),
    ("ReLU", (None, 64, 64, 8), 0),
    ("MaxPooling2D", (None, 8, 8, 8), 0),
    ("Conv2D", (None, 8, 8, 16), 528),
    ("ReLU", (None, 8, 8, 16), 0),
    ("MaxPooling2D", (None, 2, 2, 16), 0),
    ("Flatten", (None, 64), 0),
    ("Dense", (None, 6), 390),
])

# %% [tests] convolutional_model
# Hidden tests (run when grading): convolutional_model is built for several input shapes; each
# model is compared with the reference layer by layer (class, output shape, parameters, settings
# such as padding, strides, pool size and activation) and by its outputs with fixed weights.

# %% [markdown]
# ### Training the sign reader
#
# With six classes the loss is the **categorical cross-entropy** of the
# softmax output $a$ against the one-hot label $y$:
# $\mathcal{L} = -\sum_{k=1}^{6} y_k \log a_k$, which is minus the log of the
# probability given to the right class.
#
# Notice how small this network is: about 1,300 parameters, against 37,000
# for the Happy House model. The two max-pooling layers throw away most of
# the positions early, so the last layer sees only 64 numbers.
#
# *Scale note.* The original lab trained for 100 epochs with Adam's default
# learning rate (0.001). We train for 25 epochs with a learning rate of 0.003,
# which reaches a similar place in a quarter of the time (about 0.5 s per
# epoch on a laptop CPU).

# %% [given]
keras.utils.set_random_seed(1)
conv_model = convolutional_model((64, 64, 3))
conv_model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.003),
                   loss="categorical_crossentropy", metrics=["accuracy"])
EPOCHS = scaled(25, 1)  # (while grading: one epoch)
signs_history = conv_model.fit(X_train, Y_train, epochs=EPOCHS, batch_size=64,
                               validation_data=(X_test, Y_test), verbose=0)
loss, accuracy = conv_model.evaluate(X_test, Y_test, verbose=0)
print(f"after {EPOCHS} epochs: test loss {loss:.3f}, test accuracy {accuracy:.1%}")
plot_history(signs_history, "The hand-sign model")

# %% [markdown]
# The loss stays flat for the first few epochs: the network starts by
# guessing (a loss of $\ln 6 \approx 1.79$ means a probability of about 1/6 for
# every class) and needs a while to find features worth following. Then the
# training and test curves fall together, which tells you that the network
# is not merely memorising the training pictures.
#
# Which signs does it still get wrong? The mistakes (if any) come first.
# Most of them are off by one finger: where raised fingers lie close
# together, the two pooling layers blur them into one patch of skin, and a
# network that keeps only a $2 \times 2$ grid of features at the end has
# little left to count with.

# %% [given]
probabilities = conv_model.predict(X_test, verbose=0)
predicted = probabilities.argmax(axis=1)
truth = Y_test_orig[0]
order = np.argsort(predicted == truth, kind="stable")  # mistakes first
titles = [f"y={truth[i]}, says {predicted[i]}" for i in order]
show_images(X_test_orig[order], titles, count=12, suptitle="Test signs: true label and prediction")
print(f"{int(np.sum(predicted != truth))} of {len(truth)} test signs misread")

# %% [markdown]
# ## Summary
#
# - Keras layers do the work of the loops you wrote in the previous lab:
#   `Conv2D`, `MaxPooling2D`, `ZeroPadding2D`, `BatchNormalization`, with the
#   gradients computed for you.
# - Output sizes follow $\lfloor (n + 2p - f)/s \rfloor + 1$ for `'valid'`
#   windows and $\lceil n / s \rceil$ for `'same'` ones; a convolution has
#   $(f \cdot f \cdot n_{C,prev} + 1) \cdot n_C$ parameters, however large the image.
# - The **Sequential API** stacks layers in a straight line; the
#   **Functional API** calls layers on tensors and can build any graph.
# - A Keras model is built, compiled (optimiser, loss, metrics), then
#   trained with `fit` and measured with `evaluate`.
