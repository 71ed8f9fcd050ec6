# %% [markdown]
# # Transfer learning with MobileNetV2: is it an alpaca?
#
# Training a convolutional network from scratch needs many labelled pictures
# and a lot of computing time. **Transfer learning** takes a shortcut: start
# from a network that was already trained on a large, general data set, keep
# the part that turns pictures into useful features, and train only a small
# new part for your own question. Here the question is a binary one: does a
# picture show an alpaca or not? We have only 327 pictures.
#
# The recipe has three steps, and you will write the code for each:
#
# 1. **Augment** the small data set: random flips and rotations make every
#    epoch show slightly different pictures (`data_augmenter`).
# 2. **Reuse and freeze** a pretrained base (MobileNetV2 without its
#    classification layer) and put a new head on top: pooling, dropout and a
#    single output unit (`alpaca_model`).
# 3. **Fine-tune**: once the head works, unfreeze the last layers of the base
#    and train them too, with a much smaller learning rate.
#
# **Rules of the road.** Write your code between `# YOUR CODE HERE` and the end
# of each function (delete the `raise NotImplementedError()` line). Do not
# rename functions or change their arguments: the grader calls them by name.
#
# *Data and model note.* The original lab used 327 photographs at
# $160 \times 160$ pixels and MobileNetV2 weights trained on ImageNet (1.4
# million pictures, 1000 classes). Offline there are no such weights, and a
# CPU must finish this notebook in about a minute. So here the pictures are
# drawn by a small program, they are read at $96 \times 96$ pixels (one of the
# sizes MobileNetV2 was published for), and the base keeps MobileNetV2's exact
# architecture but starts from a fixed random initialisation instead of
# ImageNet weights. Every line of code is the one you would write with the
# real weights (`weights="imagenet"`); section 5 shows what the missing
# pretraining costs, and why transfer learning is worth it.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c4w2a2_transfer_learning_mobilenet", tensorflow=True)

# %% [given]
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
import tensorflow.keras.layers as tfl
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from tensorflow.keras.layers import RandomFlip, RandomRotation
from tl_utils import calibrate_batch_norm, extract_features, load_alpaca, plot_history, show_batch

%matplotlib inline

# %% [markdown]
# ## 1. The data
#
# The pictures sit in one folder per class, `alpaca/` and `not alpaca/`.
# Keras reads such a layout with `image_dataset_from_directory`: the folder
# names become the class names (in alphabetical order, so `alpaca` is label 0
# and `not alpaca` label 1), every picture is resized to `IMG_SIZE`, and the
# pictures come in batches of `BATCH_SIZE`. With `validation_split=0.2` and
# the same `seed`, the two calls below split the pictures into 80% for
# training and 20% for validation, without overlap.

# %% [given]
BATCH_SIZE = 32
IMG_SIZE = (96, 96)
directory = load_alpaca()
train_dataset = tf.keras.utils.image_dataset_from_directory(directory, shuffle=True, batch_size=BATCH_SIZE,
                                                            image_size=IMG_SIZE, validation_split=0.2,
                                                            subset="training", seed=42)
validation_dataset = tf.keras.utils.image_dataset_from_directory(directory, shuffle=True, batch_size=BATCH_SIZE,
                                                                 image_size=IMG_SIZE, validation_split=0.2,
                                                                 subset="validation", seed=42)
class_names = train_dataset.class_names

images, labels = next(iter(train_dataset))
show_batch(images[:9], [class_names[int(label)] for label in labels[:9]])

# %% [markdown]
# A `tf.data` pipeline can prepare the next batch while the model works on the
# current one: `prefetch` does that, and `AUTOTUNE` lets TensorFlow choose how
# many batches to keep ready.

# %% [given]
AUTOTUNE = tf.data.experimental.AUTOTUNE
train_dataset = train_dataset.prefetch(buffer_size=AUTOTUNE)

# %% [markdown]
# ## 2. Data augmentation
#
# With few pictures, a network soon memorises them. A cheap remedy is to show
# it a slightly different version of every picture at every epoch: mirrored,
# turned a little. An alpaca seen in a mirror is still an alpaca, so the label
# stays the same, and the network learns to ignore such changes.
#
# Keras has layers for this. They are random, and they only act during
# training: when the model predicts (`training=False`), they pass the pictures
# through unchanged. Putting them inside the model (rather than in the data
# pipeline) keeps the augmentation next to the network that needs it.
#
# ### Exercise 1: `data_augmenter`
#
# Return a `tf.keras.Sequential` model with exactly two layers, in this order:
#
# - `RandomFlip('horizontal')`, which mirrors a picture left-right half of the time;
# - `RandomRotation(0.2)`, which turns it by a random angle of up to
#   $0.2 \times 360° = 72°$ either way.
#
# You may pass the layers as a list to `tf.keras.Sequential([...])`, or
# create an empty `Sequential()` and `add` them one by one.

# %% [solution] data_augmenter

# %% [code]
data_augmentation = data_augmenter()
first_image = images[0]
augmented = [data_augmentation(tf.expand_dims(first_image, 0), training=True)[0] for _ in range(9)]
show_batch(augmented, [f"version {k + 1}" for k in range(9)])

# %% [tests] data_augmenter
print("layers:", [type(layer).__name__ for layer in data_augmenter().layers], "(expected ['RandomFlip', 'RandomRotation'])")

# %% [markdown]
# ## 3. MobileNetV2
#
# MobileNetV2 was designed to run on phones: it is accurate but needs few
# parameters and few multiplications. Two ideas make it cheap.
#
# **Depthwise separable convolutions.** A normal $f \times f$ convolution from
# $n_c$ to $n_c'$ channels mixes space and channels at once, with
# $f \cdot f \cdot n_c \cdot n_c'$ weights. MobileNet splits it into two steps:
# a **depthwise** convolution filters each channel on its own
# ($f \cdot f \cdot n_c$ weights), then a **pointwise** $1 \times 1$
# convolution mixes the channels ($n_c \cdot n_c'$ weights). For $f = 3$ and
# $n_c = n_c' = 256$ that is $2{,}304 + 65{,}536 = 67{,}840$ weights instead
# of $589{,}824$, almost nine times fewer, and the same factor saves
# multiplications.
#
# **Inverted residual bottleneck blocks.** Each block of MobileNetV2
#
# 1. **expands** its thin input with a $1 \times 1$ convolution (6 times more channels),
# 2. applies a **depthwise** $3 \times 3$ convolution in that wider space,
# 3. **projects** back down to few channels with another $1 \times 1$
#    convolution, without an activation (a ReLU on so few channels would
#    destroy information),
#
# and, when input and output have the same shape, adds the input to the
# output (a skip connection, as in ResNets). The thin tensors between blocks
# keep memory small; the wide ones inside blocks give the network room to
# compute. For example, a block with a 5-channel input, 30 expansion filters,
# $3 \times 3$ depthwise filters and 20 projection filters has
# $5 \cdot 30 + 3 \cdot 3 \cdot 30 + 30 \cdot 20 = 150 + 270 + 600 = 1{,}020$
# weights (without biases).
#
# The whole network stacks 16 such blocks (with batch normalisation after every
# convolution) between a first ordinary convolution and a last $1 \times 1$
# convolution with 1,280 channels. With `include_top=False`, it stops there:
# for a $96 \times 96$ picture, its output is a $3 \times 3 \times 1280$ volume
# of features.
#
# MobileNetV2 expects pixel values in $[-1, 1]$, while our pictures hold values
# in $[0, 255]$. `preprocess_input` does the conversion, $x / 127.5 - 1$. It
# belongs inside the model, so that the model can be fed raw pictures.

# %% [given]
preprocess_input = tf.keras.applications.mobilenet_v2.preprocess_input
base_learning_rate = 0.001


# %% [markdown]
# ### Exercise 2: `alpaca_model`
#
# Build the model with the Keras functional API:
#
# 1. `input_shape = image_shape + (3,)`;
# 2. create the base: `tf.keras.applications.MobileNetV2(input_shape=input_shape, include_top=False, weights=None)`
#    (with real pretrained weights you would write `weights='imagenet'`);
# 3. **freeze** it: `base_model.trainable = False`;
# 4. `inputs = tf.keras.Input(shape=input_shape)`;
# 5. apply `data_augmentation`, then `preprocess_input`;
# 6. call the base with `training=False`: `base_model(x, training=False)`.
#    The intent: its batch normalisation layers must keep using the statistics
#    they learned on a huge data set, never those of a few small batches of
#    ours (section 6 shows how far this flag carries in Keras 3);
# 7. the new head: `tfl.GlobalAveragePooling2D()` (one number per channel:
#    the average of each feature over the picture), `tfl.Dropout(0.2)`, and
#    `tfl.Dense(1)` **without an activation**: the model outputs a logit, and
#    the loss will apply the sigmoid itself (`from_logits=True`), which is more
#    precise numerically;
# 8. return `tf.keras.Model(inputs, outputs)`.
#
# Note that the default value `data_augmentation=data_augmenter()` is computed
# when the cell that defines `alpaca_model` runs: finish Exercise 1 first.

# %% [solution] alpaca_model

# %% [code]
tf.keras.utils.set_random_seed(0)  # the same starting weights on every run
model2 = alpaca_model(IMG_SIZE, data_augmentation)
for layer in model2.layers:
    print(f"{type(layer).__name__:>24}  output {str(tuple(layer.output.shape)):>22}  {layer.count_params():>9,} parameters")
trainable = sum(int(np.prod(w.shape)) for w in model2.trainable_weights)
print(f"trainable parameters: {trainable:,} (expected 1,281: the Dense layer only)")

base = model2.get_layer("mobilenetv2_1.00_96")
print(f"\nthe base, {base.name}: {len(base.layers)} layers; its last eight:")
for layer in base.layers[-8:]:
    print(f"  {layer.name:>22}  {type(layer).__name__:>20}  output {tuple(layer.output.shape)}")

# %% [tests] alpaca_model

# %% [markdown]
# ## 4. Train the new head
#
# *Starting the base without ImageNet.* A pretrained base arrives with
# weights **and** with the statistics its batch normalisation layers measured
# on ImageNet. Our base has random weights and the default statistics (mean
# 0, variance 1), which do not match what its layers actually produce: the
# signal would shrink at every layer and almost vanish after 150 of them. So
# the cell below measures those statistics on one batch of our own pictures
# (`calibrate_batch_norm`: one pass in training mode; no weight changes, no
# labels used). This is the only stand-in for pretraining here.
#
# Then we compile the model as a binary classifier, with a loss that takes
# logits, and train the head. Only the 1,281 parameters of the `Dense` layer
# learn; the base is frozen.

# %% [given]
calibration_images = np.concatenate([batch.numpy() for batch, _ in train_dataset.take(2)])
calibrate_batch_norm(base, preprocess_input(tf.constant(calibration_images)))

model2.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=base_learning_rate),
               loss=tf.keras.losses.BinaryCrossentropy(from_logits=True),
               metrics=["accuracy"])

# two short epochs (while grading, one): see the timing note below
initial_epochs = scaled(2, 1)
history = model2.fit(train_dataset, validation_data=validation_dataset, epochs=initial_epochs, verbose=2)

acc, val_acc = history.history["accuracy"], history.history["val_accuracy"]
loss, val_loss = history.history["loss"], history.history["val_loss"]
plot_history(acc, val_acc, loss, val_loss)

# %% [markdown]
# *Timing note.* Each epoch passes the 262 training pictures through the whole
# base, so on a CPU we can afford only a couple of epochs; most of the first
# one is spent by TensorFlow preparing the computation (it traces the training
# step of the whole network into a graph). With ImageNet weights, a few
# epochs like these typically bring the head to 90% validation accuracy or
# more on the original photos, because the pretrained features already
# separate alpacas from other things. With our random base, the accuracy
# above stays near what always giving the same answer would score, although
# the validation loss goes down a little. Are the features useless?
#
# ## 5. What do the frozen features know?
#
# The head sees only the 1,280 averaged features of each picture. Let us
# compute them once for all pictures and fit a logistic regression on them
# with scikit-learn, which, unlike our two epochs, runs until it converges.
# This is the same kind of classifier as our head (a linear function of the
# features and a sigmoid), just trained to the end.

# %% [given]
X_train, y_train = extract_features(base, train_dataset, preprocess_input)
X_val, y_val = extract_features(base, validation_dataset, preprocess_input)
probe = make_pipeline(StandardScaler(), LogisticRegression(C=0.001, max_iter=2000)).fit(X_train, y_train)
print(f"features: {X_train.shape}")
print(f"linear classifier on the frozen features: training accuracy {probe.score(X_train, y_train):.2f}, "
      f"validation accuracy {probe.score(X_val, y_val):.2f}")
print(f"our head after {initial_epochs} epochs: validation accuracy {val_acc[-1]:.2f}")
print(f"always answering the more frequent class: {max(y_val.mean(), 1 - y_val.mean()):.2f}")

# %% [markdown]
# Even features computed by random filters carry part of the answer: a linear
# classifier trained to convergence is right about seven times out of ten on
# pictures it has never seen, where always answering the more frequent class
# would be right about six times out of ten. What our head lacks is not
# information but **training time**: random features are weak and tangled, so gradient descent with a small
# learning rate needs many epochs to find the right combination. Pretrained
# features are strong and clean, and the same head learns in two or three
# epochs. That is the whole point of transfer learning: the expensive part of
# learning to see was done once, on a huge data set, and you reuse it.
#
# ## 6. Fine-tuning
#
# Freezing the whole base is safe, but the base's last layers were trained to
# recognise ImageNet's 1000 classes, not our question. Its first layers detect
# edges, colours and simple textures, which are useful for any picture; its
# last layers combine them into object-specific features. **Fine-tuning**
# unfreezes those last layers and trains them together with the head, so they
# can adapt to the new task. Two rules keep it safe:
#
# - fine-tune only **after** the head has been trained, so that the first
#   gradients reaching the base are not the large, random ones of an untrained
#   head;
# - use a **learning rate about 10 times smaller**, so that the pretrained
#   weights move a little, not far.
#
# And one trap. The batch normalisation layers of the unfrozen part must stay
# in inference mode: if they normalised with the statistics of each small
# batch and updated their stored statistics from them, the features the head
# learned to read would shift under its feet. In Keras 2, the
# `training=False` of `alpaca_model` took care of that. In Keras 3 it does
# not during `fit`: `fit` calls the model with `training=True`, and a model
# passes its own `training` flag down to every layer it calls, which overrides
# the `training=False` written at build time. What keeps a Keras 3
# `BatchNormalization` layer in inference mode is being **frozen**
# (`trainable = False`): a frozen batch normalisation layer always uses its
# stored statistics. That is why, while the whole base was frozen, nothing in
# it changed; after your cell below, the given cell that follows it freezes the
# batch normalisation layers of the unfrozen part again.
#
# ### Exercise 3: fine-tune the top of the base
#
# 1. Fetch the base from `model2` by its name, `'mobilenetv2_1.00_96'`, with
#    `model2.get_layer(...)`, and store it in `base_model` (the original lab
#    used `model2.layers[4]`, but layer positions differ between Keras
#    versions; a name does not). Its name follows the picture size: at
#    $160 \times 160$ it would be `'mobilenetv2_1.00_160'`.
# 2. Set `base_model.trainable = True`, which makes all its layers trainable.
# 3. Set `fine_tune_at = 120` and freeze the layers before it again: loop over
#    `base_model.layers[:fine_tune_at]` and set `layer.trainable = False`.
# 4. Define `loss_function`, a `tf.keras.losses.BinaryCrossentropy` that takes
#    logits; `optimizer`, a `tf.keras.optimizers.Adam` with learning rate
#    `0.1 * base_learning_rate`; and `metrics = ['accuracy']`.
# 5. Compile `model2` with them (`loss=`, `optimizer=`, `metrics=`). Changes to
#    `trainable` only take effect in the training step after compiling again.

# %% [solution-cell] fine_tune
# Unfreeze the top of the base (from layer 120 on), then compile model2 again.

# %% [code]
trainable_layers = sum(layer.trainable for layer in base_model.layers)
trainable = sum(int(np.prod(w.shape)) for w in model2.trainable_weights)
print(f"{len(base_model.layers)} layers in the base, {trainable_layers} of them trainable")
print(f"trainable parameters of model2: {trainable:,}")

# %% [tests] fine_tune

# %% [markdown]
# Before training, keep the batch normalisation layers of the unfrozen part in
# inference mode (the trap above), and compile again so that the change takes
# effect. Then continue training from where the first run stopped, with the
# top of the base unfrozen (again only a couple of epochs: each one also
# computes gradients for the unfrozen layers).

# %% [given]
for layer in base_model.layers[fine_tune_at:]:
    if isinstance(layer, tfl.BatchNormalization):
        layer.trainable = False
model2.compile(loss=loss_function, optimizer=optimizer, metrics=metrics)
trainable = sum(int(np.prod(w.shape)) for w in model2.trainable_weights)
print(f"trainable parameters of model2 with the batch normalisation layers frozen: {trainable:,}")

fine_tune_epochs = scaled(2, 1)
total_epochs = initial_epochs + fine_tune_epochs
history_fine = model2.fit(train_dataset, validation_data=validation_dataset, epochs=total_epochs,
                          initial_epoch=history.epoch[-1] + 1, verbose=2)

acc += history_fine.history["accuracy"]
val_acc += history_fine.history["val_accuracy"]
loss += history_fine.history["loss"]
val_loss += history_fine.history["val_loss"]
plot_history(acc, val_acc, loss, val_loss, marker=initial_epochs)

# %% [markdown]
# With a random base, two epochs of fine-tuning at a learning rate of
# $10^{-4}$ change little; with ImageNet weights, this is where the last few
# points of accuracy come from. If you have a few minutes, run the training
# cells with more epochs and watch both curves.
#
# ## Summary
#
# - Transfer learning reuses a network trained on a large data set: freeze
#   its base, add a small head for your task, and train the head.
# - Data augmentation layers inside the model show a different version of
#   every picture at every epoch, and do nothing at prediction time.
# - Batch normalisation layers of a pretrained base must keep their stored
#   statistics. Write `training=False` when calling the base, and, in Keras 3,
#   keep those layers frozen (`trainable = False`) when you fine-tune, since
#   `fit` overrides the `training` flag.
# - Fine-tuning unfreezes the last layers of the base after the head has
#   learned, with a learning rate about ten times smaller.
# - How good the transferred features are decides how fast and how well the
#   head learns: that is what the pretraining buys.
