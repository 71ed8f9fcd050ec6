# %% [markdown]
# # Operations on word vectors, and removing a bias from them
#
# A word embedding gives every word a vector of a few dozen numbers, learned so
# that words used in similar contexts get similar vectors. Pre-trained
# embeddings such as GloVe are cheap to reuse, and their geometry carries
# meaning: directions in the space often correspond to relations like
# "female versus male" or "country versus its capital".
#
# In this lab you will:
#
# 1. measure how similar two words are with the **cosine similarity**;
# 2. solve **analogies** such as *man is to woman as king is to ?*;
# 3. see that some words that should be neutral (occupations, for example)
#    lean towards one gender, and **debias** them with two geometric steps,
#    *neutralize* and *equalize*.
#
# Everything is plain NumPy.
#
# **Rules of the road.** Write your code between the `# YOUR CODE HERE` marker and
# the end of each function, and delete the `raise NotImplementedError()` line.
# Do not rename functions or change their arguments: the grader calls them by
# name.
#
# *Data note.* The original lab used the 50-dimensional GloVe vectors of
# 400,000 words. Here a program generates a small stand-in table of about 480
# words in the same text format (`word v1 v2 ... v50` per line), the first time
# you load it, so nothing is downloaded. The stand-in was built with the
# structure real embeddings show (a gender direction, country/capital
# offsets, topic clusters, and a planted gender lean in some neutral words), so
# every experiment below behaves as it would on GloVe, only more cleanly.

# %% [setup]
# Setup (locked): quiet logs, fixed seeds, lab id for the checks.
from autograder.notebook import hidden_check, public_check, setup_notebook

setup_notebook("c5w2a1_word_vectors_debiasing")

# %% [given]
import matplotlib.pyplot as plt
import numpy as np

from w2v_utils import plot_word_projection, read_glove_vecs

%matplotlib inline

# %% [markdown]
# ## 1. Load the word vectors
#
# `read_glove_vecs` returns `words`, the set of words in the table, and
# `word_to_vec_map`, a dictionary from each word to its vector (a NumPy array
# of shape `(50,)`).

# %% [given]
words, word_to_vec_map = read_glove_vecs("data/glove.6B.50d.txt")

print(f"{len(words)} words, vectors of shape {word_to_vec_map['king'].shape}")
print("a few of them:", sorted(words)[:12])
print("the first five numbers of 'king':", word_to_vec_map["king"][:5])

# %% [markdown]
# One-hot vectors cannot express that two words are related: any two of them
# are orthogonal. Embedding vectors can. To compare them we need a measure of
# similarity.
#
# ## 2. Cosine similarity
#
# The cosine similarity of two vectors $u$ and $v$ is the cosine of the angle
# $\theta$ between them:
#
# $$\text{CosineSimilarity}(u, v) = \frac{u \cdot v}{\|u\|_2 \, \|v\|_2} = \cos(\theta),
# \qquad \|u\|_2 = \sqrt{\sum_{i=1}^{n} u_i^2}$$
#
# It is close to $1$ when the vectors point the same way, close to $0$ when they
# are unrelated (orthogonal), and close to $-1$ when they point in opposite
# directions. It ignores length: scaling $u$ by any positive number leaves it
# unchanged.
#
# ### Exercise 1: `cosine_similarity`
# Compute the dot product and the two norms (`np.dot`, `np.sum`, `np.sqrt`),
# then divide. A zero vector has no direction, so guard against dividing by zero:
# when the product of the norms is (numerically) zero, test it with
# `np.isclose(norm_u * norm_v, 0, atol=1e-32)`, and return `0.0`.

# %% [solution] cosine_similarity

# %% [code]
father = word_to_vec_map["father"]
mother = word_to_vec_map["mother"]
ball = word_to_vec_map["ball"]
crocodile = word_to_vec_map["crocodile"]
france = word_to_vec_map["france"]
italy = word_to_vec_map["italy"]
paris = word_to_vec_map["paris"]
rome = word_to_vec_map["rome"]

print("cosine_similarity(father, mother) =", cosine_similarity(father, mother))
print("cosine_similarity(ball, crocodile) =", cosine_similarity(ball, crocodile))
print("cosine_similarity(france - paris, rome - italy) =", cosine_similarity(france - paris, rome - italy))

# %% [tests] cosine_similarity
public_check("cosine_similarity", globals())

# %% [markdown]
# Related words score high, unrelated ones near zero or below. The last line is
# close to $-1$: *france − paris* ("country minus its capital") and
# *rome − italy* ("capital minus its country") describe the same relation in
# opposite directions.
#
# ## 3. Word analogies
#
# In "*a* is to *b* as *c* is to *d*" the offset from $a$ to $b$ should match the
# offset from $c$ to $d$:
#
# $$e_b - e_a \approx e_d - e_c$$
#
# So to complete an analogy, look for the word $w$ whose offset $e_w - e_c$ is
# the most similar to $e_b - e_a$, measured with the cosine similarity.
#
# ### Exercise 2: `complete_analogy`
# 1. Convert the three input words to lower case (the table holds lower-case words).
# 2. Look up their vectors $e_a$, $e_b$, $e_c$.
# 3. Loop over all words of `word_to_vec_map`. Skip the three input words (they
#    would often win trivially). Keep the word with the highest
#    `cosine_similarity(e_b - e_a, e_w - e_c)`. Start the running maximum at
#    `max_cosine_sim = -100`, below any possible cosine, so that some word is
#    always chosen even when every similarity is negative.
# 4. Return that word.

# %% [solution] complete_analogy

# %% [code]
triads_to_try = [
    ("italy", "italian", "spain"),
    ("india", "delhi", "japan"),
    ("man", "woman", "boy"),
    ("small", "smaller", "large"),
    ("man", "woman", "king"),
]
for triad in triads_to_try:
    print("{} -> {} :: {} -> {}".format(*triad, complete_analogy(*triad, word_to_vec_map)))

# %% [tests] complete_analogy
public_check("complete_analogy", globals())

# %% [markdown]
# On the full GloVe table this loop visits 400,000 words, so it takes a moment;
# on our 480 words it is instant. Real embeddings also make mistakes on some
# analogies; the planted stand-in gets these right by construction.
#
# ## 4. Gender bias in word vectors
#
# Embeddings learn from text written by people, and they pick up the
# stereotypes in that text. Let us find a "gender direction" first:
#
# $$g = e_{woman} - e_{man}$$
#
# (Averaging several differences, such as $e_{mother} - e_{father}$ and
# $e_{girl} - e_{boy}$, gives a more robust direction; one difference is enough
# here.) The cosine similarity of a word with $g$ says on which side of the
# axis it leans: positive towards "female", negative towards "male".

# %% [given]
g = word_to_vec_map["woman"] - word_to_vec_map["man"]

print("First names and their similarity with g:")
for name in ["john", "marie", "sophie", "ronaldo", "priya", "rahul", "danielle", "reza", "katy", "yasmin"]:
    print(f"  {name:10s} {cosine_similarity(word_to_vec_map[name], g):+.3f}")

print("Other words:")
for word in ["lipstick", "guns", "science", "arts", "literature", "warrior", "doctor", "tree",
             "receptionist", "technology", "fashion", "teacher", "engineer", "pilot", "computer", "singer"]:
    print(f"  {word:12s} {cosine_similarity(word_to_vec_map[word], g):+.3f}")

# %% [markdown]
# Female names lean positive and male names negative, which is fine: those
# words carry gender information. But *receptionist*, *fashion* or *teacher*
# lean towards "female" and *engineer*, *computer* or *pilot* towards "male",
# although nothing in their meaning is gendered. A system built on these
# vectors (ranking job applicants, say) would inherit that bias.
#
# The debiasing method of Bolukbasi et al. (2016) treats the two kinds of words
# differently:
# - **gender-neutral** words (*receptionist*, *engineer*) should have no
#   component along $g$: we *neutralize* them;
# - **gender-specific pairs** (*actor*/*actress*, *grandfather*/*grandmother*)
#   should keep their difference along $g$, but otherwise be symmetric, so that
#   neither is closer to a neutral word than the other: we *equalize* them.
#
# ## 5. Neutralize
#
# Think of the 50-dimensional space as the bias axis $g$ plus the 49-dimensional
# subspace orthogonal to it, $g_\perp$. Neutralizing a word keeps only its part
# in $g_\perp$: subtract the projection of $e$ on $g$,
#
# $$e^{bias\_component} = \frac{e \cdot g}{\|g\|_2^2} \, g, \qquad
# e^{debiased} = e - e^{bias\_component}$$
#
# ### Exercise 3: `neutralize`
# Look up the word's vector, compute its bias component and subtract it. Note
# the **squared** norm of $g$ in the denominator (one $\|g\|$ turns $g$ into a
# unit vector, the other measures the length of the projection). Do not modify
# the vectors stored in `word_to_vec_map`: build a new array.

# %% [solution] neutralize

# %% [code]
word = "receptionist"
print(f"cosine similarity of '{word}' with g, before neutralizing:",
      cosine_similarity(word_to_vec_map[word], g))
e_debiased = neutralize(word, g, word_to_vec_map)
print(f"cosine similarity of '{word}' with g, after neutralizing: ",
      cosine_similarity(e_debiased, g))

# %% [tests] neutralize
public_check("neutralize", globals())

# %% [markdown]
# After neutralizing, the similarity is zero up to rounding errors (a number
# like `1e-17`).
#
# ## 6. Equalize
#
# Neutralizing *babysitter* is not enough if *grandmother* is still closer to
# it than *grandfather* is. Equalizing moves the two words of a pair so that
# they sit symmetrically about $g_\perp$: they keep opposite components along
# $g$, share the same component $\mu_\perp$ orthogonal to it, and so are at the
# same distance from every neutralized word.
#
# The steps, for a pair $(w1, w2)$ and bias axis $g$:
#
# $$\mu = \frac{e_{w1} + e_{w2}}{2}, \qquad
# \mu_{B} = \frac{\mu \cdot g}{\|g\|_2^2} \, g, \qquad
# \mu_{\perp} = \mu - \mu_{B}$$
#
# $$e_{w1B} = \frac{e_{w1} \cdot g}{\|g\|_2^2} \, g, \qquad
# e_{w2B} = \frac{e_{w2} \cdot g}{\|g\|_2^2} \, g$$
#
# $$e_{w1B}^{corrected} = \sqrt{\left|1 - \|\mu_{\perp}\|_2^2\right|} \;
# \frac{e_{w1B} - \mu_B}{\|(e_{w1} - \mu_{\perp}) - \mu_B\|_2}, \qquad
# e_{w2B}^{corrected} = \sqrt{\left|1 - \|\mu_{\perp}\|_2^2\right|} \;
# \frac{e_{w2B} - \mu_B}{\|(e_{w2} - \mu_{\perp}) - \mu_B\|_2}$$
#
# $$e_1 = e_{w1B}^{corrected} + \mu_{\perp}, \qquad e_2 = e_{w2B}^{corrected} + \mu_{\perp}$$
#
# The square-root factor keeps the equalized vectors close to unit length, like
# the other vectors of the table.
#
# ### Exercise 4: `equalize`
# Implement the steps above and return `e1, e2`. Use `np.sum(x * x)` (or
# `np.dot(x, x)`) for a squared norm and `np.linalg.norm` for a norm, and keep
# the absolute value inside the square root. As before, leave
# `word_to_vec_map` unchanged.

# %% [solution] equalize

# %% [code]
pair = ("father", "mother")
e1, e2 = equalize(pair, g, word_to_vec_map)
receptionist = neutralize("receptionist", g, word_to_vec_map)

print("cosine similarity with g:")
print(f"  before: {pair[0]} {cosine_similarity(word_to_vec_map[pair[0]], g):+.4f}, "
      f"{pair[1]} {cosine_similarity(word_to_vec_map[pair[1]], g):+.4f}")
print(f"  after:  {pair[0]} {cosine_similarity(e1, g):+.4f}, {pair[1]} {cosine_similarity(e2, g):+.4f}")
print("cosine similarity with the neutralized 'receptionist':")
print(f"  before: {pair[0]} {cosine_similarity(word_to_vec_map[pair[0]], receptionist):.4f}, "
      f"{pair[1]} {cosine_similarity(word_to_vec_map[pair[1]], receptionist):.4f}")
print(f"  after:  {pair[0]} {cosine_similarity(e1, receptionist):.4f}, "
      f"{pair[1]} {cosine_similarity(e2, receptionist):.4f}")

# %% [tests] equalize
public_check("equalize", globals())

# %% [markdown]
# Before equalizing, *mother* leans further along $g$ than *father* does, and
# *father* is the more similar to the neutralized *receptionist*. After
# equalizing, the two similarities with $g$ are exact opposites and both words
# are equally similar to *receptionist* (and equally far from it).
#
# Why not demonstrate with *man* and *woman*? They define $g$ here, and two
# vectors of the same length are always symmetric about their own difference,
# so there would be nothing to see.
#
# ## 7. The picture: before and after debiasing
#
# The plots below show a few words in two dimensions. The horizontal axis is
# the gender direction $g$ (scaled to length 1). The vertical axis is the
# direction orthogonal to $g$ along which these words vary most (found with a
# principal component analysis after removing the $g$ part). Pairs are drawn in
# blue, neutral occupations in orange. Before debiasing the occupations are
# spread left and right along $g$. Afterwards they sit on the vertical line
# $x = 0$, and each pair is symmetric about it.

# %% [given]
pairs = [("man", "woman"), ("boy", "girl"), ("king", "queen"), ("actor", "actress")]
occupations = ["engineer", "pilot", "doctor", "scientist", "teacher", "nurse", "receptionist", "homemaker"]

before = {w: word_to_vec_map[w] for pair in pairs for w in pair}
before.update({w: word_to_vec_map[w] for w in occupations})

after = {w: neutralize(w, g, word_to_vec_map) for w in occupations}
for pair in pairs:
    after[pair[0]], after[pair[1]] = equalize(pair, g, word_to_vec_map)

# Axes: g itself, and the main direction of variation orthogonal to g.
x_axis = g / np.linalg.norm(g)
stacked = np.array(list(before.values()))
orthogonal_parts = stacked - np.outer(stacked @ x_axis, x_axis)
orthogonal_parts = orthogonal_parts - orthogonal_parts.mean(axis=0)
y_axis = np.linalg.svd(orthogonal_parts, full_matrices=False)[2][0]

colours = {w: "tab:orange" if w in occupations else "tab:blue" for w in before}
fig, axes = plt.subplots(1, 2, figsize=(13, 6), sharex=True)
plot_word_projection(axes[0], before, x_axis, y_axis, colours, pairs, "before debiasing")
plot_word_projection(axes[1], after, x_axis, y_axis, colours, pairs, "after neutralize / equalize")
for ax in axes:
    ax.set_xlabel("component along the gender direction g")
axes[0].set_ylabel("main direction orthogonal to g")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## Summary
# - Cosine similarity compares the directions of two word vectors and ignores their lengths.
# - Analogies become vector arithmetic: find $w$ with $e_w - e_c$ closest to $e_b - e_a$.
# - Embeddings inherit biases from text. Neutralizing removes the bias component of
#   words that should be neutral; equalizing makes gendered pairs symmetric, so that
#   neither word is closer to a neutral word than the other.
# - The method needs lists: which words are gender-specific, and which pairs to
#   equalize. The original work trained a classifier to build them, and debiasing
#   remains an active research topic.
#
# **Reference:** T. Bolukbasi, K.-W. Chang, J. Zou, V. Saligrama, A. Kalai,
# *Man is to Computer Programmer as Woman is to Homemaker? Debiasing Word
# Embeddings*, NeurIPS 2016.
