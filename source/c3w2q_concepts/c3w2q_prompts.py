"""Concept check, course 3 week 2 (ML strategy, part 2): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt


def _ceiling(rng):
    return {"error": rng.uniform(4.0, 20.0, 1), "looked": rng.choice([100, 200, 250, 500]), "share": rng.randint(3, 60)}


def _mismatch(rng):
    """Human, training, training-dev and dev errors (percent) where one of the three gaps clearly dominates."""
    gaps = [rng.uniform(0.2, 1.2, 1), rng.uniform(0.2, 1.2, 1), rng.uniform(0.2, 1.2, 1)]
    gaps[rng.randint(0, 2)] = rng.uniform(3.0, 8.0, 1)
    human = rng.uniform(0.5, 2.0, 1)
    train = round(human + gaps[0], 1)
    train_dev = round(train + gaps[1], 1)
    return {"human": human, "train": train, "train_dev": train_dev, "dev": round(train_dev + gaps[2], 1)}


ERRORS = (
    "A speech recogniser for car dashboards is trained mostly on clean recordings from the web, while its dev set "
    "comes from cars. Human-level error is {human}%; the model has {train}% error on the training set, {train_dev}% "
    "on a training-dev set (held-out examples from the training distribution) and {dev}% on the dev set. "
)

PROMPTS = [
    Prompt(
        "q1",
        "number",
        lambda v: (
            f"Your dev error is {v['error']}%. You look at {v['looked']} misclassified dev examples and find that "
            f"{round(v['looked'] * v['share'] / 100)} of them are dogs mistaken for cats. If you fixed every one of those "
            "mistakes and nothing else changed, what would the dev error become, in percent?"
        ),
        make=_ceiling,
        tol=0.01,
    ),
    Prompt(
        "q2",
        "choice",
        "You decide to correct the mislabelled examples in your dev set. What else should you do?",
        options=(
            "correct the training set too, before anything else",
            "apply the same correction to the test set, so that dev and test keep the same distribution",
            "remove the mislabelled examples from the dev set instead of correcting them",
            "nothing else: the dev set is what matters",
        ),
    ),
    Prompt(
        "q3",
        "choice",
        "A few percent of your *training* labels are wrong, at random. What is the usual advice?",
        options=(
            "deep learning is fairly robust to random label errors in a large training set; fixing them is rarely urgent",
            "the network will learn nothing until every label is fixed",
            "drop the training set and collect a new one",
            "random label errors are worse than systematic ones",
        ),
    ),
    Prompt(
        "q4",
        "choice",
        "You have 200,000 images crawled from the web and 10,000 photos taken with your mobile app, which is what "
        "users will send. How do you split them?",
        options=(
            "shuffle all 210,000 images and split them 205,000 / 2,500 / 2,500",
            "train on the 200,000 web images; dev and test sets of 5,000 app photos each",
            "train on the web images plus 5,000 app photos; dev and test sets of 2,500 app photos each",
            "train on the app photos only; web images for dev and test",
        ),
    ),
    Prompt(
        "q5",
        "number",
        ERRORS + "How large is the data-mismatch problem, in percentage points?",
        make=_mismatch,
        tol=0.01,
    ),
    Prompt(
        "q6",
        "choice",
        ERRORS + "Which problem is the biggest?",
        make=_mismatch,
        options=("avoidable bias", "variance", "data mismatch"),
    ),
    Prompt(
        "q7",
        "choice",
        "You have 10,000 hours of clean speech and one hour of car noise, and you synthesise in-car speech by adding "
        "that hour of noise, over and over, to the clean recordings. What is the risk?",
        options=(
            "none, as long as the result sounds realistic to people",
            "the network may overfit to that one hour of noise, a tiny corner of all the noise cars make",
            "synthetic data can never be used for training",
            "the clean speech will be lost",
        ),
    ),
    Prompt(
        "q8",
        "choice",
        "When does pre-training on task A and then fine-tuning on task B (transfer learning) make most sense?",
        options=(
            "whenever A's network is larger than B's",
            "B has much more data than A",
            "A and B have nothing in common",
            "A and B have the same kind of input, A has much more data than B, and low-level features of A help with B",
        ),
    ),
    Prompt(
        "q9",
        "choice",
        "A road-scene network must say, for each image, which of pedestrians, cars, stop signs and traffic lights "
        "appear (any number of them), and some training labels are missing. Which output and loss fit?",
        options=(
            "a softmax over the four labels and the usual cross-entropy",
            "one sigmoid output for \"anything of interest\"",
            "four independent sigmoid outputs, with the logistic loss summed over the labels that are present in the data",
            "a softmax, after dropping every image with a missing label",
        ),
    ),
    Prompt(
        "q10",
        "choice",
        "What is the main price of end-to-end learning (mapping raw input straight to the output)?",
        options=(
            "it needs hand-designed features",
            "it always gives worse results than a pipeline",
            "it cannot be trained with gradient descent",
            "it needs far more labelled (x, y) pairs, and it cannot use hand-designed components that might help",
        ),
    ),
]
