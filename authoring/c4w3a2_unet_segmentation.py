# %% [markdown]
# # Image segmentation with U-Net: labelling every pixel of a street scene
#
# A classifier answers "what is in this picture?" with one label. An object
# detector draws boxes. **Semantic segmentation** goes further: it gives a
# class to *every pixel*, so its answer is a picture of its own, a **mask**
# the size of the input in which each pixel says "road", "car", "sky",
# "sidewalk"... A self-driving car needs exactly this: where the drivable
# road ends and the sidewalk begins is not a box.
#
# In this lab you build **U-Net**, a network designed for this job, with the
# Keras functional API:
#
# 1. `conv_block`: one step down the *contracting* path (convolutions, then pooling);
# 2. `upsampling_block`: one step up the *expanding* path (a transposed
#    convolution, then a **skip connection** from the contracting path);
# 3. `unet_model`: the whole U-shaped network;
#
# and then you train a small version on street scenes and look at its masks.
#
# **Rules of the road.** Write your code between `# YOUR CODE HERE` and the end
# of each function (delete the `raise NotImplementedError()` line). Do not
# rename functions or change their arguments: the grader calls them by name.
#
# *Data note.* The original lab used frames from a driving simulator. Here the
# 60 street scenes (sky, buildings, trees, road, lane marks, sidewalks, poles
# and cars) and their masks are drawn by a small program on your machine the
# first time you load them: nothing is downloaded. The class ids follow the
# simulator's list of 23 classes, of which the scenes use eight.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c4w3a2_unet_segmentation", tensorflow=True)

# %% [given]
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras.layers import Conv2D, Conv2DTranspose, Dropout, Input, MaxPooling2D, concatenate
from PIL import Image

from unet_utils import CLASSES, create_mask, display, load_street_paths, pixel_accuracy, show_predictions, summarize

%matplotlib inline

# %% [markdown]
# ## 1. The data
#
# Every scene is a pair of PNG files with the same name: the camera image in
# `data/CameraRGB/` and its mask in `data/CameraMask/`. The mask stores the
# class id of each pixel in its first colour channel (the other two channels
# are zero), so reading channel 0 gives an integer map of the scene.

# %% [given]
image_list, mask_list = load_street_paths()
print(f"{len(image_list)} scenes, e.g. {image_list[0]} and {mask_list[0]}")

N = 2
img = np.array(Image.open(image_list[N]))
mask = np.array(Image.open(mask_list[N]))
print("image:", img.shape, img.dtype, "  mask:", mask.shape, mask.dtype)
print("class ids in this mask:", {int(k): CLASSES[int(k)] for k in np.unique(mask[:, :, 0])})
display([img, mask[:, :, :1]], titles=("Camera image", "Mask (one colour per class)"))

# %% [markdown]
# ### An input pipeline with `tf.data`
#
# `tf.data` reads and transforms the files lazily, one example at a time, which
# is how large image sets are fed to a network. `process_path` reads one pair
# of files: the image becomes floats in $[0, 1]$, and the mask keeps, for
# every pixel, the largest of its three channels (that is the class id, since
# the other channels are zero), giving shape `(height, width, 1)`.
# `preprocess` resizes both to the network's input size `(96, 128)`. The mask
# must be resized with `method='nearest'`: averaging the ids of neighbouring
# pixels ("half car, half road" = id 8.5?) would produce classes that do not
# exist, so each new pixel copies the id of its nearest old pixel.
#
# We keep the first 48 scenes for training and hold out the last 12 to see
# how the network does on scenes it has never seen.

# %% [given]
def process_path(image_path, mask_path):
    img = tf.io.read_file(image_path)
    img = tf.image.decode_png(img, channels=3)
    img = tf.image.convert_image_dtype(img, tf.float32)

    mask = tf.io.read_file(mask_path)
    mask = tf.image.decode_png(mask, channels=3)
    mask = tf.math.reduce_max(mask, axis=-1, keepdims=True)
    return img, mask


def preprocess(image, mask):
    input_image = tf.image.resize(image, (96, 128), method="nearest")
    input_mask = tf.image.resize(mask, (96, 128), method="nearest")
    return input_image, input_mask


dataset = tf.data.Dataset.from_tensor_slices((tf.constant(image_list), tf.constant(mask_list)))
image_ds = dataset.map(process_path)
processed_image_ds = image_ds.map(preprocess)
train_ds = processed_image_ds.take(48)
heldout_ds = processed_image_ds.skip(48)

for image, mask in processed_image_ds.take(1):
    print("network input:", image.shape, image.dtype, "  target mask:", mask.shape, mask.dtype)

# %% [markdown]
# ## 2. U-Net
#
# A segmentation network must do two things that pull in opposite directions.
# To know that a grey patch is *road* rather than *wall*, it needs context
# from a large part of the image, which convolutional networks get by
# repeatedly shrinking the image while adding channels. But to draw the
# border between road and sidewalk it needs full resolution, pixel by pixel.
#
# U-Net does both with two paths, drawn as the two arms of a "U":
#
# - the **contracting path** (encoder, left arm) is an ordinary CNN: blocks of
#   two $3 \times 3$ convolutions followed by $2 \times 2$ max pooling, which
#   halves the height and width. Each step down doubles the number of
#   filters: fewer, richer pixels;
# - the **expanding path** (decoder, right arm) climbs back: each step doubles
#   the height and width with a *transposed convolution* and halves the
#   filters, until the output has the input's height and width;
# - **skip connections** copy the encoder's feature maps, before pooling,
#   across to the decoder block of the same resolution, where they are
#   concatenated with the upsampled features. The decoder thus gets back the
#   fine detail (exact edges) that pooling threw away, and combines it with
#   the coarse "what is it" information coming up from the bottom.
#
# The last layer is a $1 \times 1$ convolution with one filter per class: for
# every pixel it turns the feature vector into `n_classes` scores. The output
# has shape `(height, width, n_classes)`, and the predicted class of a pixel
# is the arg-max of its scores.
#
# ### Exercise 1: `conv_block`
#
# Implement one block of the contracting path:
#
# 1. two `Conv2D(n_filters, 3, activation='relu', padding='same', kernel_initializer='he_normal')`
#    layers, one after the other (`'same'` padding keeps height and width;
#    He initialisation suits ReLU layers, as you saw in course 2);
# 2. if `dropout_prob > 0`, a `Dropout(dropout_prob)` layer (no Dropout
#    layer at all when it is 0);
# 3. the tensor you have now is the `skip_connection`;
# 4. if `max_pooling` is true, `next_layer = MaxPooling2D(pool_size=(2, 2))(...)`
#    of that tensor; otherwise `next_layer` is the same tensor.
#
# Return `next_layer, skip_connection`. Remember that a Keras layer is
# created first and then called on a tensor: `Conv2D(...)(inputs)`.

# %% [solution] conv_block

# %% [code]
input_size = (96, 128, 3)
n_filters = 32
inputs = Input(input_size)
next_layer, skip_connection = conv_block(inputs, n_filters)
print("next_layer:", next_layer.shape, "  skip_connection:", skip_connection.shape)
print("expected:   (None, 48, 64, 32)   skip_connection: (None, 96, 128, 32)\n")
summarize(keras.Model(inputs, [next_layer, skip_connection]))
print()
bottom, _ = conv_block(inputs, n_filters * 16, dropout_prob=0.3, max_pooling=False)
summarize(keras.Model(inputs, bottom))

# %% [tests] conv_block
# Hidden tests (run when grading): conv_block is called on fresh Keras inputs of several
# shapes, with and without dropout and pooling; its layers (class, output shape, parameters,
# settings) and its outputs with fixed weights are compared with the reference.

# %% [markdown]
# ### Transposed convolutions
#
# The expanding path needs the opposite of a strided convolution: a layer that
# makes an image *larger*, with weights it can learn. A **transposed
# convolution** does this. Think of each input value as a brush: it is
# multiplied by the whole $f \times f$ kernel, and the result is painted onto
# the output at a position that moves by the stride $s$ for every step in the
# input. Where paintings overlap, they are added. With stride 2, a
# $h \times w$ input produces a $2h \times 2w$ output (with `padding='same'`;
# in general, without padding, $n_{out} = (n_{in} - 1)\,s + f$).
#
# ### Exercise 2: `upsampling_block`
#
# Implement one block of the expanding path:
#
# 1. `up = Conv2DTranspose(n_filters, 3, strides=(2, 2), padding='same')(expansive_input)`,
#    which doubles height and width;
# 2. `merge = concatenate([up, contractive_input], axis=3)`: the upsampled
#    features first, then the skip connection, stacked along the channel axis
#    (axis 3 of `(batch, height, width, channels)`);
# 3. two `Conv2D(n_filters, 3, activation='relu', padding='same', kernel_initializer='he_normal')`
#    layers, as in `conv_block`.
#
# Return the output of the second convolution.

# %% [solution] upsampling_block

# %% [code]
expansive = Input((12, 16, 256))
contractive = Input((24, 32, 128))
up_demo = upsampling_block(expansive, contractive, n_filters * 4)
print("output:", up_demo.shape, "  expected: (None, 24, 32, 128)\n")
summarize(keras.Model([expansive, contractive], up_demo))

# %% [tests] upsampling_block
# Hidden tests (run when grading): upsampling_block is called on pairs of Keras inputs of
# several shapes; its layers and its outputs with fixed weights are compared with the reference.

# %% [markdown]
# ### Exercise 3: `unet_model`
#
# Now assemble the U. Start with `inputs = Input(input_size)`.
#
# **Contracting path.** Five `conv_block`s, each fed the `next_layer` (element
# `[0]`) of the previous one. The filters double at each step:
#
# | block | filters | dropout | pooling | skip connection (for (96, 128, 3), 32 filters) |
# |---|---|---|---|---|
# | `cblock1` | `n_filters` | 0 | yes | (96, 128, 32) |
# | `cblock2` | `n_filters * 2` | 0 | yes | (48, 64, 64) |
# | `cblock3` | `n_filters * 4` | 0 | yes | (24, 32, 128) |
# | `cblock4` | `n_filters * 8` | 0.3 | yes | (12, 16, 256) |
# | `cblock5` | `n_filters * 16` | 0.3 | **no** | (6, 8, 512), the bottom of the U |
#
# **Expanding path.** Four `upsampling_block`s. The first takes
# `cblock5[0]` and the skip connection of block 4, `cblock4[1]`; each later
# one takes the previous block's output and the skip connection of blocks 3,
# 2 and 1 in turn. The filters halve each time: `n_filters * 8`, `* 4`,
# `* 2`, `* 1`, giving (12, 16, 256), (24, 32, 128), (48, 64, 64) and
# (96, 128, 32).
#
# **Head.** One more `Conv2D(n_filters, 3, activation='relu', padding='same', kernel_initializer='he_normal')`,
# then `Conv2D(n_classes, 1, padding='same')` with no activation: it outputs
# raw scores (logits), and the loss applies the softmax itself.
#
# Return `keras.Model(inputs=inputs, outputs=...)`. Height and width must be
# divisible by $2^4 = 16$, so that four poolings and four upsamplings land
# back on the input size.

# %% [solution] unet_model

# %% [code]
unet = unet_model((96, 128, 3), n_filters=32, n_classes=23)
print("output:", unet.output.shape, "  expected: (None, 96, 128, 23)")
print(f"{unet.count_params():,} parameters\n")
summarize(unet)

# %% [tests] unet_model
# Hidden tests (run when grading): unet_model is built for several input sizes, widths and
# numbers of classes; the models are compared layer by layer and by their outputs with fixed weights.

# %% [markdown]
# ## 3. Train a U-Net on the street scenes
#
# **Loss.** Each mask holds one integer class id per pixel, and the network
# outputs one score per class per pixel. The right loss is the cross-entropy
# between the softmax of the scores and the true class, averaged over all
# pixels. Keras calls it `SparseCategoricalCrossentropy` ("sparse" because the
# targets are integer ids, not one-hot vectors), and `from_logits=True` tells
# it that the scores have not been through a softmax yet.
#
# *Honest scale note.* The original lab trained the full-width network
# (32 filters, about 8.6 million parameters) for 40 epochs with batches of 32
# on about a thousand frames. To keep this notebook under a minute on a small
# CPU we train a network with `n_filters=8` (16 times less computation, about
# half a million parameters) for 20 epochs on 48 scenes. With so few scenes,
# small batches of 4 give the network more updates per epoch, and a slightly
# larger learning rate (0.003) speeds it up. The architecture is exactly
# the one you wrote.

# %% [given]
keras.utils.set_random_seed(0)
BUFFER_SIZE = 500
BATCH_SIZE = 4
EPOCHS = scaled(20, 1)  # (while grading: one epoch, the grade does not depend on it)

small_unet = unet_model((96, 128, 3), n_filters=8, n_classes=23)
small_unet.compile(optimizer=keras.optimizers.Adam(learning_rate=0.003),
                   loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                   metrics=["accuracy"])

train_dataset = train_ds.cache().shuffle(BUFFER_SIZE, seed=0).batch(BATCH_SIZE)
heldout_dataset = heldout_ds.batch(BATCH_SIZE)
model_history = small_unet.fit(train_dataset, epochs=EPOCHS, verbose=2)

# %% [markdown]
# The accuracy here is the fraction of training pixels labelled correctly.
# It usually stalls at first (the network labels everything "sidewalk" or
# "road", the biggest classes) and then climbs as it learns to tell the
# regions apart.

# %% [given]
plt.figure(figsize=(6, 3.5))
plt.plot(range(1, EPOCHS + 1), model_history.history["accuracy"], marker="o")
plt.xlabel("epoch")
plt.ylabel("pixel accuracy (training)")
plt.title("Training a U-Net (n_filters=8) on 48 scenes")
plt.ylim(0, 1)
plt.xticks(range(1, EPOCHS + 1, max(1, EPOCHS // 10)))
plt.show()

# %% [markdown]
# ## 4. Masks of scenes the network has never seen
#
# How good is that? A lazy "network" that paints every pixel with the most
# common class of the training masks makes a useful yardstick. The cell below
# measures both on the 12 held-out scenes, then shows a few of them with
# their true and predicted masks.

# %% [given]
train_ids = np.concatenate([np.asarray(m).ravel() for _, m in train_ds])
most_common = int(np.bincount(train_ids).argmax())
heldout_ids = np.concatenate([np.asarray(m).ravel() for _, m in heldout_ds])
print(f"always '{CLASSES[most_common]}': {np.mean(heldout_ids == most_common):.1%} of held-out pixels right")
print(f"the U-Net:          {pixel_accuracy(small_unet, heldout_dataset):.1%} of held-out pixels right")

show_predictions(small_unet, heldout_ds.batch(1), num=3)

# %% [markdown]
# Large regions (sky, buildings, road, sidewalk) come out first; thin or
# small objects (poles, lane marks, distant cars) need more training, and
# their borders are where the skip connections earn their keep. Train for
# more epochs (or with `n_filters=16`) if you have a few minutes: the masks
# keep getting sharper.
#
# ## Summary
#
# - Semantic segmentation predicts a class for every pixel; the output of the
#   network is a mask with one score per class and pixel.
# - U-Net's contracting path gathers context by pooling; its expanding path
#   restores resolution with transposed convolutions; skip connections bring
#   the lost detail across the U.
# - Integer masks are resized with nearest-neighbour interpolation and
#   trained with a sparse categorical cross-entropy on logits.
