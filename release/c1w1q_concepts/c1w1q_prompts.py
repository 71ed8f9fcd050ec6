"""Concept check, course 1 week 1 (introduction to deep learning): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt

PROMPTS = [
    Prompt(
        "q1",
        "choice",
        "Which of these data sets is *unstructured* data?",
        options=(
            "a table of loan applications: income, age, amount requested, credit score",
            "the recorded waveforms of spoken voice commands",
            "flight prices per route and date, from an airline's database",
            "a spreadsheet of weekly sales per product and store",
        ),
    ),
    Prompt(
        "q2",
        "choice",
        "An online shop wants to predict whether a visitor will click on an advert, from the "
        "visitor's age, their past clicks and the advert's category. Framed as supervised learning, "
        "what are the input x and the output y?",
        options=(
            "x: the pixels of the advert; y: the visitor's age",
            "x: clicked or not; y: the visitor's and the advert's features",
            "there is no y: grouping visitors by behaviour is enough",
            "x: the visitor's and the advert's features; y: clicked or not (1 or 0)",
        ),
    ),
    Prompt(
        "q3",
        "choice",
        "Three things are usually credited for the rise of deep learning over the last fifteen "
        "years. Which of these is *not* one of them?",
        options=(
            "far more labelled data, because so much activity is now digital",
            "faster computation, GPUs in particular",
            "the invention of the single artificial neuron (the perceptron)",
            "better algorithms, such as ReLU activations in place of sigmoids",
        ),
    ),
    Prompt(
        "q4",
        "choice",
        "Why did replacing sigmoid activations with ReLU make gradient descent on large networks faster?",
        options=(
            "ReLU's slope is 1 for every positive input, so gradients do not shrink where a sigmoid's curve is flat",
            "ReLU needs less memory, and memory is what limits training",
            "ReLU's outputs lie between 0 and 1, like probabilities",
            "with ReLU, gradient descent no longer needs a learning rate",
        ),
    ),
    Prompt(
        "q5",
        "choice",
        "With a *small* training set, how do a large neural network and a traditional method "
        "(say, a support vector machine with hand-designed features) usually compare?",
        options=(
            "the large network always wins, whatever the amount of data",
            "neural networks cannot be trained on small data sets",
            "the traditional method always wins",
            "there is no reliable order: the features and the details of each method matter most",
        ),
    ),
    Prompt(
        "q6",
        "choice",
        "Deep-learning work goes round the cycle idea → code → experiment. What helps a team the most "
        "to find a good model sooner?",
        options=(
            "making each experiment faster, so that more ideas are tried per week",
            "writing all the code for every idea before running any experiment",
            "keeping the hyperparameters fixed once the first run works",
            "evaluating every experiment on the test set",
        ),
    ),
    Prompt(
        "q7",
        "shape",
        "You collect {m} labelled examples of houses, each described by {n} numbers (area, number of "
        "rooms, age, ...). As in this course, you stack the examples as the *columns* of a matrix X. "
        "What is the shape of X?",
        make=lambda rng: {"m": rng.randint(200, 5000), "n": rng.randint(3, 40)},
    ),
    Prompt(
        "q8",
        "number",
        "One training run of your model takes {t} hours on your current machine. A new machine is "
        "{g} times faster. Running day and night, how many *complete* training runs fit into {d} "
        "days on the new machine?",
        make=lambda rng: {"t": rng.choice([3, 5, 6, 8, 12, 16]), "g": rng.choice([2, 3, 4, 5]), "d": rng.choice([1, 2, 3, 5, 7])},
    ),
]
