# %% [markdown]
# # Concept check: neural-network basics (course 1, week 2)
#
# Nine short questions on logistic regression as a tiny neural network: the
# shapes of X, w and b, loss and cost, the sigmoid's slope, derivatives on a
# computation graph, and the shapes NumPy's broadcasting, `keepdims` and
# `np.dot` produce. A Python cell is a fine calculator; so is paper.
#
# ## How to answer
#
# Run the first code cell, then each question's grey cell: it shows **your own
# version** of the question. Questions that ask you to compute something use
# numbers drawn for you alone, so a classmate's answer to the same question is
# an answer to different numbers; the grader checks yours against your numbers.
#
# Write each answer in the cell below the question, in place of `None`, as a
# plain Python value: a number (`q3 = 120`), a tuple for a shape
# (`q4 = (5, 1)`), or the letter of an option as a string (`q5 = "b"`), and
# delete the `raise NotImplementedError()` line. You may compute a number with
# Python (`variant("q3")` gives your numbers as a dictionary), but the grader
# only reads the value you leave in the variable. Each question says how close
# a number has to be.
#
# Explanations of every answer come with your feedback, after the deadline.

# %% [setup]
# Setup (locked): the quiz id, and the helpers that show your questions.
from autograder.concepts import show_question, variant
from autograder.notebook import hidden_check, setup_notebook

setup_notebook("c1w2q_concepts")

# %% [markdown]
# ## Question 1 (1 point)

# %% [given]
show_question("q1")

# %% [solution-cell] q1
# Your answer to question 1, in place of None:
q1 = None

# %% [tests] q1

# %% [markdown]
# ## Question 2 (1 point)

# %% [given]
show_question("q2")

# %% [solution-cell] q2
# Your answer to question 2, in place of None:
q2 = None

# %% [tests] q2

# %% [markdown]
# ## Question 3 (1 point)

# %% [given]
show_question("q3")

# %% [solution-cell] q3
# Your answer to question 3, in place of None:
q3 = None

# %% [tests] q3

# %% [markdown]
# ## Question 4 (1 point)

# %% [given]
show_question("q4")

# %% [solution-cell] q4
# Your answer to question 4, in place of None:
q4 = None

# %% [tests] q4

# %% [markdown]
# ## Question 5 (1 point)

# %% [given]
show_question("q5")

# %% [solution-cell] q5
# Your answer to question 5, in place of None:
q5 = None

# %% [tests] q5

# %% [markdown]
# ## Question 6 (1 point)

# %% [given]
show_question("q6")

# %% [solution-cell] q6
# Your answer to question 6, in place of None:
q6 = None

# %% [tests] q6

# %% [markdown]
# ## Question 7 (2 points)

# %% [given]
show_question("q7")

# %% [solution-cell] q7
# Your answer to question 7, in place of None:
q7 = None

# %% [tests] q7

# %% [markdown]
# ## Question 8 (1 point)

# %% [given]
show_question("q8")

# %% [solution-cell] q8
# Your answer to question 8, in place of None:
q8 = None

# %% [tests] q8

# %% [markdown]
# ## Question 9 (1 point)

# %% [given]
show_question("q9")

# %% [solution-cell] q9
# Your answer to question 9, in place of None:
q9 = None

# %% [tests] q9
