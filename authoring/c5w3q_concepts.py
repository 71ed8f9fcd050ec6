# %% [markdown]
# # Concept check: sequence models and attention (course 5, week 3)
#
# Nine short questions on conditional language models, greedy and beam
# search, length normalisation, error analysis between the search and the
# model, BLEU's brevity penalty, attention weights and CTC.
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

setup_notebook("c5w3q_concepts")

# %% [questions]
