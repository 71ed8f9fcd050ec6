"""Concept check, course 3 week 1 (ML strategy, part 1): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt


def _classifiers(rng):
    """Four classifiers (accuracy %, milliseconds) and a time budget that exactly one best classifier meets."""
    while True:
        budget = rng.choice([50, 80, 100, 150])
        models = [(rng.uniform(90.0, 99.0, 1), rng.randint(10, 300)) for _ in range(4)]
        fast = [acc for acc, ms in models if ms <= budget]
        slow = [acc for acc, ms in models if ms > budget]
        if fast and slow and len(set(fast)) == len(fast) and max(slow) > max(fast):
            break
    return {"budget": budget, "models": models, **{f"acc{i}": m[0] for i, m in enumerate(models)}, **{f"ms{i}": m[1] for i, m in enumerate(models)}}


def _human(rng):
    """Human-level errors, training and dev errors (percent), with a clear gap to tackle first."""
    expert = rng.uniform(0.3, 1.5, 1)
    humans = {"typical": round(expert + rng.uniform(1.5, 4.0, 1), 1), "expert": round(expert + rng.uniform(0.2, 0.8, 1), 1), "team": expert}
    gaps = [rng.uniform(0.3, 1.5, 1), rng.uniform(2.5, 6.0, 1)]
    if rng.randint(0, 1):
        gaps.reverse()
    train = round(expert + gaps[0], 1)
    return {**humans, "train": train, "dev": round(train + gaps[1], 1)}


HUMANS = (
    "On a medical-imaging task, a typical doctor makes {typical}% error, an experienced specialist {expert}%, and a "
    "team of specialists who discuss each case {team}%. Your model has {train}% training error and {dev}% dev error. "
)

PROMPTS = [
    Prompt(
        "q1",
        "choice",
        "Orthogonalisation asks for controls that each fix one thing. Which of these is the *least* orthogonal, "
        "changing how well you fit the training set and how well you do on the dev set at the same time?",
        options=(
            "a bigger network",
            "early stopping",
            "L2 regularisation on a larger training set",
            "a bigger dev set",
        ),
    ),
    Prompt(
        "q2",
        "number",
        "Classifier A has precision {p}% and recall {r}%. What is its F1 score, in percent?",
        make=lambda rng: {"p": rng.randint(60, 99), "r": rng.randint(60, 99)},
        tol=0.01,
    ),
    Prompt(
        "q3",
        "choice",
        "A wake-word detector must answer within {budget} ms (satisficing metric); among the detectors that do, you "
        "want the most accurate one (optimising metric). Which do you pick?",
        make=_classifiers,
        options=(
            "accuracy {acc0}%, answers in {ms0} ms",
            "accuracy {acc1}%, answers in {ms1} ms",
            "accuracy {acc2}%, answers in {ms2} ms",
            "accuracy {acc3}%, answers in {ms3} ms",
        ),
    ),
    Prompt(
        "q4",
        "choice",
        "Your users are in eight countries, and you have data from all of them. How should you build the dev and "
        "test sets?",
        options=(
            "dev set from four countries, test set from the other four",
            "dev set from the country with the most data, test set from the rest",
            "test set from the training data, to save examples",
            "dev and test sets drawn at random from all eight countries, so that both reflect the data you care about",
        ),
    ),
    Prompt(
        "q5",
        "choice",
        "Cat classifier A has 3% error on your dev set and classifier B 5%, but A lets through many pornographic "
        "images, which users find unacceptable. What should you do?",
        options=(
            "change the evaluation metric (for instance, weight errors on such images much more) so that it ranks the classifiers the way you and your users do",
            "ship A: the metric says it is better",
            "ship B and keep the metric",
            "enlarge the dev set until A's advantage disappears",
        ),
    ),
    Prompt(
        "q6",
        "number",
        HUMANS + "Using human-level error as a proxy for Bayes error, what is the avoidable bias, in percentage points?",
        make=_human,
        tol=0.01,
    ),
    Prompt(
        "q7",
        "choice",
        HUMANS + "What should the team work on next?",
        make=_human,
        options=(
            "reducing variance: more data, regularisation",
            "reducing avoidable bias: a bigger model, longer training, a better architecture",
        ),
    ),
    Prompt(
        "q8",
        "choice",
        "Your model's error is now below that of a team of experts. Why does progress usually slow down from there?",
        options=(
            "the model must have overfitted the dev set",
            "gradient descent cannot go below human-level error",
            "you no longer know how far Bayes error is, and human labels and insight help less",
            "the training set becomes too small",
        ),
    ),
]
