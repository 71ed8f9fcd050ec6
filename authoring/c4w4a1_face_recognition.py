# %% [markdown]
# # Face recognition: who is at the door?
#
# In this lab you build the software of a door that opens for the people it
# knows. Two related problems hide behind "face recognition":
#
# - **Face verification** (1 : 1). Someone shows a badge that says "I am
#   Chen", and the camera checks whether the face matches Chen's. The answer
#   is yes or no.
# - **Face recognition** (1 : K). There is no badge: the camera must find out
#   *which* of the K people in its database is at the door, or say that the
#   person is not in the database at all.
#
# Both rest on the same idea. A neural network, the **encoder** $f$, turns a
# face picture into a short vector of numbers, its **encoding**, trained so
# that two pictures of the same person get encodings close to each other and
# pictures of different people get encodings far apart. Comparing faces then
# means measuring a distance between two vectors.
#
# This is also how the door can learn a new person from a *single* photo
# (**one-shot learning**): there is nothing to retrain, only one encoding to
# store. A classifier with one output per employee would need many photos of
# each person, and retraining every time someone joins.
#
# You will
#
# 1. implement the **triplet loss**, the cost function used to train such encoders;
# 2. build the door's database and implement `verify` (1 : 1);
# 3. implement `who_is_it` (1 : K).
#
# **Rules of the road.** Write your code between `# YOUR CODE HERE` and the end
# of each function (delete the `raise NotImplementedError()` line). Do not
# rename functions or change their arguments: the grader calls them by name.
#
# *Data note.* The original lab used photos of real people and a FaceNet model
# trained on millions of faces. Here the twelve people are drawn by a small
# program (each person has their own face shape, skin and hair colour, eyes,
# shirt and maybe glasses; each picture of them varies a little in position,
# size, lighting and background), and the encoder is a small stand-in made by
# the course (section 1). Nothing is downloaded.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, scaled, setup_notebook

setup_notebook("c4w4a1_face_recognition", tensorflow=True)

# %% [given]
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from fr_utils import CAMERA_SHOTS, IDENTITIES, facenet_standin, img_to_encoding, load_faces, show_faces

%matplotlib inline

# %% [markdown]
# ## 1. The encoder
#
# Why not compare the pictures themselves, pixel by pixel? Because the pixels
# of two photos of the same person change a lot with the lighting, the
# background and a small shift of the head, often more than the pixels of two
# different people photographed the same way. An encoder learns to keep what
# identifies a person and to ignore the rest.
#
# FaceNet, the model of the original lab, is a deep convolutional network that
# reads a $160 \times 160$ RGB picture (values scaled to $[0, 1]$) and outputs
# 128 numbers, normalised so that the vector has length 1. Our **stand-in**
# keeps exactly that contract, with a much smaller network: it averages the
# picture down to $20 \times 20$ pixels, flattens it, and applies one `Dense`
# layer with 128 outputs followed by the normalisation. The course fitted that
# `Dense` layer on pictures of 80 *other* generated people (not the twelve of
# this lab), so that it keeps the directions in which people differ and damps
# those in which one person's pictures vary. It was not trained with the
# triplet loss below, but it behaves the way a trained FaceNet does: two
# pictures of one person are less than 0.7 apart, and pictures of different
# people are further apart than that.

# %% [given]
FRmodel = facenet_standin()
print("input: ", FRmodel.input.shape)
print("output:", FRmodel.output.shape)
for layer in FRmodel.layers:
    print(f"{type(layer).__name__:>20}  {str(tuple(layer.output.shape)):<22} {layer.count_params():>7,} parameters")

# %% [markdown]
# ## 2. The triplet loss
#
# How is an encoder trained to put the same person close and different people
# far apart? Training looks at **triplets** of pictures:
#
# - an **anchor** $A$, a picture of some person;
# - a **positive** $P$, another picture of the *same* person;
# - a **negative** $N$, a picture of a *different* person.
#
# We want the anchor closer to the positive than to the negative, and not
# just barely: by at least a **margin** $\alpha$,
#
# $$\| f(A) - f(P) \|_2^2 + \alpha \le \| f(A) - f(N) \|_2^2 .$$
#
# The margin matters: without it, an encoder that maps every picture to the
# same vector would satisfy the inequality (0 ≤ 0) and be useless. The loss
# of one triplet is how badly the inequality is violated, and zero when it
# holds; the cost sums it over the $m$ triplets of a batch:
#
# $$\mathcal{J} = \sum_{i=1}^{m} \max\left( \underbrace{\| f(A^{(i)}) - f(P^{(i)}) \|_2^2}_{\text{pos\_dist}} - \underbrace{\| f(A^{(i)}) - f(N^{(i)}) \|_2^2}_{\text{neg\_dist}} + \alpha,\ 0 \right)$$
#
# Triplets that already satisfy the margin contribute nothing, so training
# concentrates on the hard ones (in practice, hard triplets are also chosen
# on purpose: a negative that looks like the anchor teaches more than a random one).
#
# ### Exercise 1: `triplet_loss`
#
# `y_pred` is a list `[anchor, positive, negative]` of three tensors of shape
# `(m, 128)`, one encoding per row. (`y_true` is there because Keras calls
# every loss function with the true labels first; it is not used.)
#
# 1. `pos_dist`: the squared distance between each anchor and its positive,
#    one number per row: `tf.reduce_sum(tf.square(anchor - positive), axis=-1)`;
# 2. `neg_dist`: the same between each anchor and its negative;
# 3. `basic_loss = pos_dist - neg_dist + alpha`;
# 4. `loss`: the sum over the rows of `tf.maximum(basic_loss, 0.0)`, a single number.
#
# Be careful with the axes: the sum in steps 1 and 2 runs over the 128 numbers
# of an encoding only; the sum over the triplets comes last, after the
# maximum.

# %% [solution] triplet_loss

# %% [code]
rng = np.random.default_rng(1)
y_pred_demo = [tf.constant(rng.normal(0.0, 0.5, (3, 128)), dtype=tf.float32) for _ in range(3)]
loss_demo = triplet_loss(None, y_pred_demo)
print("loss =", float(loss_demo), " shape:", tuple(loss_demo.shape), "(a single number)")
same = [y_pred_demo[0], y_pred_demo[0], y_pred_demo[2]]
print("anchor = positive: loss =", float(triplet_loss(None, same)), "(smaller: only negatives closer than the margin count)")

# %% [tests] triplet_loss
public_check("triplet_loss", globals())

# %% [markdown]
# ## 3. The door's database
#
# The twelve people allowed in each gave one photo. The helper `img_to_encoding`
# reads a picture, scales it to $[0, 1]$, runs the encoder and returns the
# encoding as an array of shape `(1, 128)`. The database maps each name to
# the encoding of that person's photo: storing twelve vectors is all the
# "training" the door needs.

# %% [given]
images = load_faces()
show_faces([images / f"{name}.png" for name in IDENTITIES], IDENTITIES)

database = {name: img_to_encoding(str(images / f"{name}.png"), FRmodel) for name in IDENTITIES}
print("database:", len(database), "people, encodings of shape", database["chen"].shape)

# %% [markdown]
# ## 4. Face verification
#
# ### Exercise 2: `verify`
#
# Someone stands in front of the camera and says who they are. Implement the
# check:
#
# 1. compute the encoding of the camera picture with
#    `img_to_encoding(image_path, model)`;
# 2. compute `dist`, the L2 distance between that encoding and the database
#    encoding of `identity` (`np.linalg.norm` of the difference);
# 3. if `dist < 0.7`, print a welcome message and set `door_open = True`;
#    otherwise print that the door stays closed and set `door_open = False`.
#
# Return `dist, door_open`. (The threshold 0.7 comes with the encoder: it
# separates "same person" from "different people" for its encodings.)

# %% [solution] verify

# %% [code]
camera = {f"camera_{k}": who for k, who in CAMERA_SHOTS}
show_faces([images / "camera_0.png", images / "camera_1.png"], ["camera_0.png", "camera_1.png"], columns=2, size=2.2)
print("camera_0 says 'I am chen':")
print(verify(str(images / "camera_0.png"), "chen", database, FRmodel))
print("camera_1 says 'I am hana':")
print(verify(str(images / "camera_1.png"), "hana", database, FRmodel))

# %% [tests] verify
# A public example first. Hidden tests (run when grading): verify is called on other camera pictures, with honest and
# false claims, a stranger, and databases of different sizes; dist and door_open are compared
# with the reference.
public_check("verify", globals())

# %% [markdown]
# ## 5. Face recognition
#
# The badges were lost, so the door must now recognise people by their face
# alone.
#
# ### Exercise 3: `who_is_it`
#
# 1. compute the encoding of the camera picture with `img_to_encoding`;
# 2. find the name whose stored encoding is closest: start with
#    `min_dist = 100`, loop over `database.items()`, compute the L2 distance
#    to each stored encoding, and whenever it is smaller than `min_dist`,
#    update `min_dist` and `identity`;
# 3. if `min_dist > 0.7`, print `"Not in the database."`; otherwise print
#    the name and the distance.
#
# Return `min_dist, identity` (the closest name, even when the person is not
# in the database: the caller decides what to do with it).

# %% [solution] who_is_it

# %% [code]
show_faces([images / "camera_2.png", images / "camera_3.png"], ["camera_2.png", "camera_3.png"], columns=2, size=2.2)
print(who_is_it(str(images / "camera_2.png"), database, FRmodel))
print(who_is_it(str(images / "camera_3.png"), database, FRmodel))

# %% [tests] who_is_it
# A public example first. Hidden tests (run when grading): who_is_it is called on other camera pictures, a stranger,
# a database without the person, and a one-person database; min_dist and identity are compared
# with the reference.
public_check("who_is_it", globals())

# %% [markdown]
# ## 6. A look at the distances
#
# The grid below shows the distance between every camera picture (rows) and
# every database photo (columns). Cells under the threshold of 0.7 are
# marked: each row of a known person has exactly one, in that person's column,
# and the stranger's row has none. That is why both `verify` and `who_is_it`
# get every camera picture right.

# %% [given]
shots = [f"camera_{k}" for k, _ in CAMERA_SHOTS]
shot_encodings = {shot: img_to_encoding(str(images / f"{shot}.png"), FRmodel) for shot in shots}
distances = np.array([[np.linalg.norm(shot_encodings[s] - database[name]) for name in IDENTITIES] for s in shots])

fig, ax = plt.subplots(figsize=(9, 3.6))
shown = ax.imshow(distances, cmap="viridis_r", vmin=0, vmax=1.6)
for i, j in zip(*np.nonzero(distances < 0.7)):
    ax.text(j, i, f"{distances[i, j]:.2f}", ha="center", va="center", color="white", fontsize=9, weight="bold")
ax.set_xticks(range(len(IDENTITIES)), IDENTITIES, rotation=45)
ax.set_yticks(range(len(shots)), [f"{s} ({camera[s]})" for s in shots])
fig.colorbar(shown, ax=ax, label="distance")
ax.set_title("Distances between camera pictures and database photos (marked: < 0.7)")
plt.tight_layout()
plt.show()

for s in shots:
    found, name = who_is_it(str(images / f"{s}.png"), database, FRmodel)

# %% [markdown]
# ### What does a good encoder buy?
#
# The triplet loss measures exactly what the door needs. Make triplets from
# the camera pictures of the five known people: the camera picture is the
# anchor, the same person's database photo the positive, and each of the
# eleven other people's photos a negative (55 triplets). With our encoder,
# every triplet satisfies the margin, so the loss is 0. An *untrained* copy of
# the same network (same layers, random weights) maps every face to almost
# the same direction, and the loss is large: it cannot tell anyone apart.

# %% [given]
keras.utils.set_random_seed(0)
untrained = keras.models.clone_model(FRmodel)  # same architecture, fresh random weights


def triplets(encode):
    anchors, positives, negatives = [], [], []
    for s in shots:
        if camera[s] not in database:
            continue
        a = encode(str(images / f"{s}.png"))
        for other in IDENTITIES:
            if other != camera[s]:
                anchors.append(a)
                positives.append(encode(str(images / f"{camera[s]}.png")))
                negatives.append(encode(str(images / f"{other}.png")))
    return [tf.constant(np.concatenate(x), dtype=tf.float32) for x in (anchors, positives, negatives)]


cache = {}
for name, model in (("the stand-in encoder", FRmodel), ("an untrained encoder", untrained)):
    def encode(path, model=model):
        key = (id(model), path)
        if key not in cache:
            cache[key] = img_to_encoding(path, model)
        return cache[key]
    batch = triplets(encode)
    print(f"triplet loss over {batch[0].shape[0]} triplets, {name}: {float(triplet_loss(None, batch)):.3f}")

# %% [markdown]
# ## Summary
#
# - Face verification compares one picture with one claimed identity (1 : 1);
#   face recognition searches the whole database (1 : K).
# - An encoder maps a face to a vector; the distance between vectors says
#   whether two pictures show the same person, with a threshold that comes
#   with the encoder.
# - The triplet loss trains such an encoder: an anchor must be closer to a
#   positive than to a negative by a margin $\alpha$, summed over the
#   triplets after the $\max(\cdot, 0)$.
# - Adding a person needs a single photo: one more entry in the database, no
#   retraining (one-shot learning).
