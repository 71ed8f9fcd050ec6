"""Concept check, course 2 week 1 (practical aspects of deep learning): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt


def _errors(rng):
    """Bayes, training and dev error (percent) with a clear winner between avoidable bias and variance."""
    bayes = rng.uniform(0.1, 4.0, 1)
    gaps = [rng.uniform(0.5, 3.0, 1), rng.uniform(4.0, 12.0, 1)]
    if rng.randint(0, 1):
        gaps.reverse()
    train = round(bayes + gaps[0], 1)
    return {"bayes": bayes, "train": train, "dev": round(train + gaps[1], 1)}


PROMPTS = [
    Prompt(
        "q1",
        "choice",
        "You have about 5,000,000 labelled examples. Which split into training, dev and test sets suits this "
        "much data?",
        options=("60% / 20% / 20%", "98% / 1% / 1%", "33% / 33% / 33%", "50% / 50% / 0%"),
    ),
    Prompt(
        "q2",
        "number",
        "For a task where Bayes error is about {bayes}%, your model has {train}% error on the training set and "
        "{dev}% on the dev set. What is the avoidable bias, in percentage points?",
        make=_errors,
        tol=0.01,
    ),
    Prompt(
        "q3",
        "choice",
        "Bayes error is about {bayes}%; training error {train}%; dev error {dev}%. What should you work on first?",
        make=_errors,
        options=(
            "variance: get more training data or regularise (L2, dropout)",
            "bias: a bigger network, training longer, or a better architecture",
        ),
    ),
    Prompt(
        "q4",
        "number",
        "With L2 regularisation, the cost is J = (cross-entropy) + (λ/(2m))·Σ‖W[l]‖², and one gradient-descent "
        "step on a weight w is w ← w − α·(∂(cross-entropy)/∂w + (λ/m)·w). With λ = {lam}, m = {m}, "
        "α = {alpha}, w = {w} and ∂(cross-entropy)/∂w = {g}, what is the new value of w?",
        make=lambda rng: {"lam": rng.choice([0.1, 0.5, 1, 2, 5]), "m": rng.choice([50, 100, 200, 400]),
                          "alpha": rng.choice([0.01, 0.05, 0.1, 0.5]), "w": rng.uniform(-2, 2, 2), "g": rng.uniform(-1, 1, 2)},
        tol=1e-4,
    ),
    Prompt(
        "q5",
        "number",
        "A hidden layer uses inverted dropout with keep_prob = {p}. During training, one of its units computes "
        "the activation {a} and is kept (not dropped). What value does the next layer receive from it?",
        make=lambda rng: {"p": rng.choice([0.5, 0.6, 0.75, 0.8, 0.9]), "a": rng.uniform(0.1, 3.0, 2)},
        tol=0.001,
    ),
    Prompt(
        "q6",
        "choice",
        "You trained with inverted dropout. What do you do at test time?",
        options=(
            "drop units with the same keep_prob, and average several runs",
            "multiply every activation by keep_prob",
            "nothing special: no dropout and no scaling",
            "divide every activation by keep_prob",
        ),
    ),
    Prompt(
        "q7",
        "number",
        "Layer l has {units} {act} units and receives n[l−1] = {n} inputs. You initialise W[l] with "
        "`np.random.randn(...) * s`, choosing s as recommended for {act} ({rule}). What is s?",
        make=lambda rng: {"n": rng.choice([16, 25, 32, 50, 64, 100, 128, 200, 256, 400, 512]), "units": rng.randint(4, 64),
                          **rng.choice([{"act": "ReLU", "rule": "He initialisation"}, {"act": "tanh", "rule": "Xavier initialisation"}])},
        tol=1e-4,
    ),
    Prompt(
        "q8",
        "choice",
        "You normalise the inputs of your training set by subtracting their mean μ and dividing by their "
        "standard deviation σ. How do you normalise the test set?",
        options=(
            "with the μ and σ computed on the training set",
            "with its own mean and standard deviation",
            "not at all: only training inputs need it",
            "with the μ and σ of the dev and test sets together",
        ),
    ),
    Prompt(
        "q9",
        "choice",
        "A gradient check with ε = 10⁻⁷ reports a relative difference ‖dθ_approx − dθ‖ / (‖dθ_approx‖ + ‖dθ‖) "
        "of 3·10⁻³. What does that suggest?",
        options=(
            "all is well: differences below 10⁻² are normal",
            "turn dropout on and check again",
            "ε is too small: use ε = 1",
            "a likely bug in backpropagation: look at the components where the two gradients differ most",
        ),
    ),
]
