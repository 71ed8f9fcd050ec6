# %% [markdown]
# # Trigger word detection
#
# Voice assistants wake up when they hear their name ("Alexa", "OK Google",
# "Hey Siri"). The part of the software that listens for that one word is a
# **trigger word detector** (also called a wake word or keyword spotter): a
# small network that runs all the time on the audio stream and fires right
# after the word has been said.
#
# In this lab the trigger word is **"activate"**, and whenever the detector
# hears it, it plays a chime. You will
#
# 1. build a training set by **synthesising** audio: mixing recordings of the
#    word, and of other sounds, into background noise at random times, and
#    labelling where the word ends (`is_overlapping`, `insert_audio_clip`,
#    `insert_ones`, `create_training_example`);
# 2. build the model, a 1-D convolution followed by two GRU layers
#    (`modelf`);
# 3. train a lighter detector of the same family on the synthesised examples
#    and let it listen to clips it has never heard (and, if you like, train
#    your own model for a few updates).
#
# **Rules of the road.** Write your code between `# YOUR CODE HERE` and the end
# of each function, and delete the `raise NotImplementedError()` line. Do not
# rename functions or change their arguments: the grader calls them by name.
#
# *Data note.* The original lab used real recordings of people saying
# "activate" and other words, over background noise recorded in cafés and
# streets, and a model pretrained for hours on a GPU. Here all the sounds are
# synthesised by a small program the first time you run the notebook: the
# "word" is a fixed three-part pattern of tones (a rising sweep, a short high
# "ti" with a click, a falling sweep), said by each "speaker" a little higher
# or lower, faster or slower; the other "words" are beeps, sweeps, hisses and
# chirps, one of them sounding like the first syllable of "activate"; the
# backgrounds are noise with a mains hum. The library `pydub`, which the
# original used to mix sounds, is replaced by a small NumPy class with the
# same interface, `AudioSegment`. Nothing is pretrained: the models are
# trained from scratch, briefly, on your CPU.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c5w3a2_trigger_word_detection", tensorflow=True)

# %% [given]
import IPython
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras.layers import GRU, Activation, BatchNormalization, Conv1D, Dense, Dropout, Input, TimeDistributed
from keras.models import Model
from keras.optimizers import Adam

from td_utils import (AudioSegment, Tx, Ty, get_random_time_segment, graph_spectrogram, light_detector,
                      load_raw_audio, match_target_amplitude, n_freq, plot_spectrogram, write_audio_data)

%matplotlib inline

# %% [markdown]
# ## 1. The recordings
#
# The folder `data/raw_data/` holds three kinds of clips:
#
# - `activates/`: recordings of the trigger word, about 0.7 seconds each;
# - `negatives/`: recordings of other sounds, which must *not* wake the
#   assistant;
# - `backgrounds/`: 10-second clips of background noise.
#
# and `dev/` holds two 10-second clips in which words were mixed in, to test
# the trained model. Listen to a few of them.

# %% [given]
write_audio_data("data")  # synthesises the clips the first time (a few seconds)
print("the trigger word:")
IPython.display.display(IPython.display.Audio("data/raw_data/activates/1.wav"))
print("another word:")
IPython.display.display(IPython.display.Audio("data/raw_data/negatives/1.wav"))
print("a background:")
IPython.display.display(IPython.display.Audio("data/raw_data/backgrounds/1.wav"))

# %% [markdown]
# ## 2. From a sound to a spectrogram
#
# A microphone measures the air pressure many times per second; our clips
# have 44,100 measurements per second, so 10 seconds are 441,000 numbers. It
# is hard to see a word in such a signal, and hard for a network to learn
# from it directly. A **spectrogram** helps: it cuts the signal into short,
# overlapping windows (here 200 samples, moving 80 samples at a time) and
# measures how much energy each window has at each frequency (a Fourier
# transform). The result is a picture with time on the horizontal axis and
# frequency on the vertical axis, where a word shows up as a characteristic
# shape.
#
# `graph_spectrogram(wav_file)` returns this picture in decibels, as an array
# of shape `(101, 5511)` for a 10-second clip: 101 frequency bands and 5511
# time steps. These are the model's inputs: `Tx = 5511` steps of
# `n_freq = 101` numbers. Look for the two "activate" words in the first dev
# clip (at about 1.2 s and 5.6 s): a rising stroke, a short high dash and a
# falling stroke.

# %% [given]
x = graph_spectrogram("data/raw_data/dev/1.wav")
print("spectrogram shape:", x.shape, " Tx =", Tx, " n_freq =", n_freq)
plt.figure(figsize=(12, 3.2))
image = plot_spectrogram(x, title="data/raw_data/dev/1.wav")
plt.colorbar(image, label="dB", pad=0.01)
plt.show()
IPython.display.Audio("data/raw_data/dev/1.wav")

# %% [markdown]
# The model will output one number per **output step**, `Ty = 1375` of them
# for 10 seconds (the convolution at its input shortens the sequence, see
# section 4): the probability that the trigger word *has just ended*. Each
# output step covers about 7.3 ms.
#
# ## 3. Synthesising the training set
#
# Recording thousands of 10-second clips and marking by hand where the word
# ends would take weeks. Instead we **make** training clips: take a
# background, paste in a few "activate" recordings and a few other words at
# random times, and since we chose the times ourselves, the labels come for
# free. With a handful of recordings this gives an endless supply of
# different examples.
#
# Sounds are handled with the `AudioSegment` class (the interface of the
# `pydub` library):
#
# - `len(segment)` is its length in **milliseconds**;
# - `background.overlay(clip, position=start_ms)` returns a new sound where
#   `clip` is mixed into `background` from `start_ms` on (the result keeps the
#   background's length);
# - `segment - 20` is the same sound 20 dB quieter, `segment.dBFS` its average
#   loudness.

# %% [given]
activates, negatives, backgrounds = load_raw_audio("data/raw_data/")
print(f"{len(activates)} activates, {len(negatives)} negatives, {len(backgrounds)} backgrounds")
print("background length:", len(backgrounds[0]), "ms")
print("activate lengths:", [len(clip) for clip in activates], "ms")
print("negative lengths:", [len(clip) for clip in negatives], "ms")

# %% [markdown]
# A new clip must not land on top of one already inserted: two words at
# once would be a confusing example. The given function
# `get_random_time_segment(segment_ms)` draws a random interval
# `(start, end)` in milliseconds that fits in the 10 seconds.
#
# ### Exercise 1: `is_overlapping`
#
# Return `True` if the segment `segment_time = (segment_start, segment_end)`
# overlaps any of the segments in the list `previous_segments`, and `False`
# otherwise. Both ends are **inclusive**: `(100, 200)` and `(200, 300)` share
# the millisecond 200, so they overlap, while `(100, 199)` and `(200, 300)` do
# not. Writing $s, e$ for the start and end of the new segment and
# $s', e'$ for those of an earlier one, the two overlap exactly when each
# starts before the other one ends:
#
# $$s \le e' \quad\text{and}\quad e \ge s'.$$
#
# Loop over the previous segments; an empty list overlaps nothing.

# %% [solution] is_overlapping

# %% [code]
print("touching:", is_overlapping((200, 300), [(100, 200)]))
print("one ms apart:", is_overlapping((201, 300), [(100, 200)]))
print("no earlier segments:", is_overlapping((201, 300), []))

# %% [tests] is_overlapping
public_check("is_overlapping", globals())

# %% [markdown]
# ### Exercise 2: `insert_audio_clip`
#
# Insert `audio_clip` into `background` at a random time where it overlaps no
# earlier clip:
#
# 1. Let `segment_ms = len(audio_clip)` and draw a first
#    `segment_time = get_random_time_segment(segment_ms)`.
# 2. Set `retry = 5`. While `segment_time` overlaps `previous_segments` and
#    `retry >= 0`, draw a new `segment_time` and decrease `retry` by 1. (The
#    number of draws matters: the grader checks that your random draws come in
#    the same order as the reference's.)
# 3. If the final `segment_time` does not overlap, append it to
#    `previous_segments` (the caller's list is updated **in place**) and mix
#    the clip in with `background.overlay(audio_clip, position=segment_time[0])`.
# 4. Otherwise there was no free place: return the background unchanged and
#    `segment_time = (10000, 10000)`, a segment beyond the end of the clip.
#
# Return `new_background, segment_time`.

# %% [solution] insert_audio_clip

# %% [code]
np.random.seed(5)
previous_segments = [(2000, 2600)]
mixed, segment_time = insert_audio_clip(backgrounds[0] - 20, activates[0], previous_segments)
print("inserted at", segment_time, "; previous_segments is now", previous_segments)
mixed.export("insert_test.wav", format="wav")
IPython.display.Audio("insert_test.wav")

# %% [tests] insert_audio_clip

# %% [markdown]
# ### Exercise 3: `insert_ones`
#
# Now the labels. `y` has shape `(1, Ty)`, one entry per output step, and is 0
# where nothing happens. Right after a trigger word ends, the model should
# say 1. Labelling a single step would make the task needlessly hard (the
# ones would be 1 in about 300 labels, and firing one step late would count
# as an error), so we label **the 50 steps after the end** of the word:
#
# 1. Convert the end time from milliseconds to output steps:
#    `segment_end_y = int(segment_end_ms * Ty / 10000.0)`, where `Ty` is the
#    length of `y` (read it from `y.shape`).
# 2. Set `y[0, i] = 1` for `i` from `segment_end_y + 1` to
#    `segment_end_y + 50` (both included), skipping any `i >= Ty`: a word that
#    ends near the end of the clip gets fewer than 50 ones.
#
# Change `y` in place and return it.

# %% [solution] insert_ones

# %% [code]
labels = insert_ones(np.zeros((1, Ty)), segment_end_ms=4251)
plt.figure(figsize=(10, 2))
plt.plot(np.arange(Ty) * 10 / Ty, labels[0])
plt.xlabel("time (s)")
plt.title("labels of a word that ends at 4.251 s")
plt.show()
print("first and last one:", np.flatnonzero(labels[0])[[0, -1]])

# %% [tests] insert_ones

# %% [markdown]
# ### Exercise 4: `create_training_example`
#
# Put it together. The random draws must come in this order (the grader
# replays them):
#
# 1. Make the background 20 dB quieter (`background = background - 20`),
#    create the labels `y = np.zeros((1, Ty))` and an empty list
#    `previous_segments`.
# 2. Draw the number of trigger words with `np.random.randint(0, 5)` (0 to 4)
#    and pick them with `np.random.randint(len(activates), size=number)`.
#    Insert each one with `insert_audio_clip`, then call
#    `insert_ones(y, segment_end)` with the end of its segment.
# 3. Draw the number of other words with `np.random.randint(0, 3)` (0 to 2),
#    pick them the same way from `negatives`, and insert each one (the labels
#    stay 0).
# 4. Standardise the loudness with `match_target_amplitude(background, -20.0)`,
#    export the result with `background.export("train.wav", format="wav")`
#    and compute `x = graph_spectrogram("train.wav")`.
#
# Return `x, y`.

# %% [solution] create_training_example

# %% [code]
np.random.seed(4543)
x, y = create_training_example(backgrounds[0], activates, negatives, Ty)
fig, axes = plt.subplots(2, 1, figsize=(12, 4.5), sharex=True)
plot_spectrogram(x, ax=axes[0], title="a synthesised training example")
axes[1].plot(np.arange(Ty) * 10 / Ty, y[0])
axes[1].set_ylabel("label")
axes[1].set_xlabel("time (s)")
plt.tight_layout()
plt.show()
IPython.display.Audio("train.wav")

# %% [tests] create_training_example

# %% [markdown]
# ## 4. The model
#
# The model reads the spectrogram from left to right and outputs, at every
# step, the probability that the trigger word has just ended:
#
# - A **1-D convolution** with 196 filters of width 15 and stride 4 slides
#   along time. It turns each short stretch of the spectrogram into 196
#   features, the way early layers of an image network find edges, and its
#   stride of 4 shortens the sequence from 5511 to
#   $\lfloor (5511 - 15)/4 \rfloor + 1 = 1375$ steps, which makes the recurrent
#   layers four times cheaper.
# - **Batch normalisation**, a ReLU and **dropout** follow. (The dropout rate
#   is 0.8, as in the original lab: 80% of the features are zeroed during
#   training, a strong regulariser for a model trained on few recordings.)
# - Two **GRU** layers of 128 units with `return_sequences=True`, each
#   followed by dropout and batch normalisation, carry the memory: to know that
#   "activate" has *just ended*, the model must remember the rising sweep and
#   the "ti" it heard a few hundred milliseconds earlier. The GRUs are
#   unidirectional on purpose: a detector that listens live cannot wait for
#   the future.
# - A final dropout, then `TimeDistributed(Dense(1, activation="sigmoid"))`,
#   the same small dense layer applied at every one of the 1375 steps.
#
# ### Exercise 5: `modelf`
#
# Build this model with the functional API, in this order:
#
# `Input(shape=input_shape)` → `Conv1D(filters=196, kernel_size=15, strides=4)` →
# `BatchNormalization()` → `Activation("relu")` → `Dropout(rate=0.8)` →
# `GRU(units=128, return_sequences=True)` → `Dropout(rate=0.8)` →
# `BatchNormalization()` → `GRU(units=128, return_sequences=True)` →
# `Dropout(rate=0.8)` → `BatchNormalization()` → `Dropout(rate=0.8)` →
# `TimeDistributed(Dense(1, activation="sigmoid"))`,
#
# and return `Model(inputs=X_input, outputs=X)`.

# %% [solution] modelf

# %% [code]
model = modelf(input_shape=(Tx, n_freq))
model.summary()

# %% [tests] modelf
public_check("modelf", globals())

# %% [markdown]
# ## 5. Training
#
# First the training set: 32 examples made with your `create_training_example`
# under a fixed seed, each with its own random words at random times. The
# model wants its input as `(time, frequency)`, so each spectrogram is
# transposed to `(5511, 101)`, and the labels to `(1375, 1)`.

# %% [given]
n_train = scaled(32, 4)  # while grading: a token run (the grade does not depend on it)
np.random.seed(4543)
X_train, Y_train = [], []
for i in range(n_train):
    x, y = create_training_example(backgrounds[i % len(backgrounds)], activates, negatives, Ty)
    X_train.append(x.T)
    Y_train.append(y.T)
X_train = np.array(X_train, dtype=np.float32)
Y_train = np.array(Y_train, dtype=np.float32)
print("X_train:", X_train.shape, " Y_train:", Y_train.shape)
print(f"{Y_train.mean():.1%} of the labels are 1")

# %% [markdown]
# ### A detector that trains in seconds
#
# Training `modelf` on a CPU is slow: its two GRU layers process the 1375
# steps one after the other, TensorFlow spends many seconds preparing
# (compiling) the training step before the first update, and with its heavy
# dropout (0.8) and batch normalisation the model needs hundreds of updates
# before it detects anything. The original lab loaded a model trained for
# hours on a GPU with about 4000 examples. (Section 7 lets you train your
# `modelf` for a few updates if you want to see it move.)
#
# To hear what a trained detector does within our CPU budget, the helper file
# provides `light_detector()`, a small network of the same family trained on
# the *same* synthesised examples. It keeps the first convolution of `modelf`
# (width 15, stride 4, so its output has the same 1375 steps), but replaces
# the GRU layers by a stack of **causal, dilated** 1-D convolutions: each
# output step looks at the last 1.2 seconds of features and never at the
# future, which is the memory the GRUs provide in `modelf`. It has no dropout
# and no batch normalisation, and far fewer weights, so its 80 updates (20
# passes over the 32 examples, 8 at a time) take seconds. Its code is in
# `td_utils.py`. The loss is the binary cross-entropy averaged over the 1375
# output steps of every example, minimised with Adam.

# %% [given]
keras.utils.set_random_seed(1)
detector = light_detector(input_shape=(None, n_freq))
detector.compile(optimizer=Adam(learning_rate=0.003), loss="binary_crossentropy")
print(f"{detector.count_params():,} parameters (modelf has 523,329)")
history = detector.fit(X_train, Y_train, batch_size=8, epochs=scaled(20, 1), verbose=0)
plt.figure(figsize=(6, 3))
plt.plot(np.arange(1, len(history.history["loss"]) + 1), history.history["loss"], marker="o")
plt.xlabel("epoch")
plt.ylabel("training loss")
plt.title("the light detector learning from synthesised examples")
plt.show()

# %% [markdown]
# ## 6. Listening to new clips
#
# `detect_triggerword` runs the detector on a WAV file and plots the
# spectrogram with the predicted probability below it. `chime_on_activate`
# then walks through the predictions and adds a chime where the probability
# rises above a threshold, at most once per 75 output steps (about half a
# second), so that one word does not ring the bell many times.
#
# The two dev clips were never used for training. Each holds two "activate"
# words and two other sounds: the probability should jump right after each
# "activate" and stay low elsewhere, including after the sound that starts
# like "activate" but does not finish like it.

# %% [given]
chime = AudioSegment.from_wav("data/audio_examples/chime.wav")


def detect_triggerword(filename):
    """Plot the spectrogram of `filename` and the detector's predictions; return the predictions (Ty,)."""
    x = graph_spectrogram(filename)
    predictions = detector.predict(x.T[np.newaxis].astype(np.float32), verbose=0)[0, :, 0]
    fig, axes = plt.subplots(2, 1, figsize=(12, 4.5), sharex=True)
    plot_spectrogram(x, ax=axes[0], title=filename)
    axes[1].plot(np.arange(len(predictions)) * 10 / len(predictions), predictions)
    axes[1].set_ylim(0, 1.05)
    axes[1].set_ylabel("probability")
    axes[1].set_xlabel("time (s)")
    plt.tight_layout()
    plt.show()
    return predictions


def chime_on_activate(filename, predictions, threshold):
    """Add a chime to `filename` after each detected trigger word; save it as chime_output.wav."""
    audio_clip = AudioSegment.from_wav(filename)
    Ty = len(predictions)
    consecutive_timesteps = 0
    for i in range(Ty):
        consecutive_timesteps += 1
        if consecutive_timesteps > 75 and predictions[i] > threshold:
            audio_clip = audio_clip.overlay(chime, position=(i / Ty) * audio_clip.duration_seconds * 1000)
            consecutive_timesteps = 0
    audio_clip.export("chime_output.wav", format="wav")
    return audio_clip


# %% [given]
filename = "data/raw_data/dev/1.wav"
predictions = detect_triggerword(filename)
chime_on_activate(filename, predictions, 0.5)
IPython.display.Audio("chime_output.wav")

# %% [given]
filename = "data/raw_data/dev/2.wav"
predictions = detect_triggerword(filename)
chime_on_activate(filename, predictions, 0.5)
IPython.display.Audio("chime_output.wav")

# %% [markdown]
# ## 7. Optional: a few updates of your `modelf`
#
# Set `train_modelf = True` and run the cell to train your model on the same
# examples. It builds the model with `input_shape=(None, n_freq)`: a time axis
# of any length, since neither the convolution nor the GRUs care how long the
# sequence is. That lets it train on the first 2.5 seconds of each example
# (1378 spectrogram steps, 341 output steps), which makes each update four
# times cheaper. Expect about half a minute for the first epoch (mostly
# compiling) and a few seconds for each further one; the loss falls slowly,
# and the predictions stay noise for many epochs.

# %% [code]
train_modelf = False  # True: about half a minute on a CPU
epochs = 1
if train_modelf:
    window = 1378  # 2.5 s of spectrogram
    X_short, Y_short = X_train[:, :window], Y_train[:, : (window - 15) // 4 + 1]
    keras.utils.set_random_seed(1)
    model = modelf(input_shape=(None, n_freq))
    model.compile(optimizer=Adam(learning_rate=0.005), loss="binary_crossentropy", metrics=["accuracy"])
    history = model.fit(X_short, Y_short, batch_size=16, epochs=epochs, verbose=2)

# %% [markdown]
# ## Summary
#
# - A spectrogram turns a sound into a picture of energy over time and
#   frequency, a much better input for a network than the raw samples.
# - When labelled data is scarce, you can **synthesise** it: mix recordings
#   of the word and of other sounds into backgrounds at known times, and the
#   labels come for free. Labelling a window of 50 steps after each word
#   makes the labels less lopsided and the task easier to learn.
# - The model is a 1-D convolution, which extracts features and shortens the
#   sequence, followed by unidirectional GRU layers that remember what was
#   just heard, and a sigmoid at every output step.
# - Recurrent layers over long sequences are expensive to train on a CPU; a
#   stack of causal, dilated convolutions is a cheaper way to give each output
#   step a memory of the last second. With real recordings the same recipe
#   works; the original model was trained on thousands of synthesised clips
#   for hours.
