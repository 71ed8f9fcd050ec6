"""Concept check, course 1 week 2 (neural-network basics): the questions as students see them.

Only what students may read is here; the grader keeps the answers (see
`autograder.concepts`).  `make` draws each student's own numbers.
"""

from autograder.concepts import Prompt

PROMPTS = [
    Prompt(
        "q1",
        "shape",
        "Logistic regression reads examples with {n} features each; the m = {m} training examples are "
        "the columns of X, and the prediction is ŷ = σ(wᵀX + b). What is the shape of w?",
        make=lambda rng: {"n": rng.randint(2, 30) * 4, "m": rng.randint(100, 900)},
    ),
    Prompt(
        "q2",
        "number",
        "A colour picture of {h}×{w} pixels has three channels (red, green, blue). You flatten it into "
        "one column vector x to feed it to logistic regression. How many entries does x have?",
        make=lambda rng: {"h": rng.choice([32, 48, 64, 96, 128]), "w": rng.choice([32, 48, 64, 96, 128])},
    ),
    Prompt(
        "q3",
        "shape",
        "`a = np.random.randn({p}, 1)` and `b = np.random.randn(1, {r})`. What is the shape of `c = a * b`?",
        make=lambda rng: {"p": rng.randint(2, 12), "r": rng.randint(2, 12)},
    ),
    Prompt(
        "q4",
        "shape",
        "`A = np.random.randn({r}, {c})`. What is the shape of `np.sum(A, axis={axis}, keepdims=True)`?",
        make=lambda rng: {"r": rng.randint(2, 9), "c": rng.randint(10, 20), "axis": rng.choice([0, 1])},
    ),
    Prompt(
        "q5",
        "shape",
        "`a = np.random.randn({p}, {q})` and `b = np.random.randn({q}, {r})`. What is the shape of `np.dot(a, b)`?",
        make=lambda rng: {"p": rng.randint(2, 12), "q": rng.randint(2, 12), "r": rng.randint(2, 12)},
    ),
    Prompt(
        "q6",
        "number",
        "What is the derivative of the sigmoid σ(z) = 1/(1 + e^(−z)) at z = {z}?",
        make=lambda rng: {"z": rng.uniform(-3, 3, 1)},
        tol=0.001,
    ),
    Prompt(
        "q7",
        "number",
        "A computation graph computes u = b·c, then v = a + u, then J = {k}·v. With a = {a}, b = {b} "
        "and c = {c}, what is ∂J/∂b?",
        make=lambda rng: {"a": rng.randint(-5, 9), "b": rng.randint(1, 9), "c": rng.randint(-6, 9) or 7, "k": rng.randint(2, 6)},
    ),
    Prompt(
        "q8",
        "choice",
        "In logistic regression, what is the difference between the *loss* and the *cost*?",
        options=(
            "none: they are two names for the same number",
            "the cost measures the error on one example; the loss averages the costs over the training set",
            "the loss measures the error on one example; the cost averages the losses over the training set",
            "the cost is only the regularisation term added to the loss",
        ),
    ),
    Prompt(
        "q9",
        "choice",
        "X holds m examples as columns (shape (n_x, m)), w has shape (n_x, 1) and b is a number. "
        "Which line computes z for all examples at once, without an explicit loop?",
        options=(
            "`Z = np.dot(X, w) + b`",
            "`Z = np.dot(w.T, X) + b`",
            "`Z = w * X + b`",
            "`for i in range(m): Z[0, i] = np.dot(w.T, X[:, i]) + b`",
        ),
    ),
]
