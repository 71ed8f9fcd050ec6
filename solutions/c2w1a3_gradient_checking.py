"""Reference solution and hidden checks: c2w1a3_gradient_checking.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).
The given helpers (the network, its deliberately buggy backward pass, the
vector conversions) live in source/c2w1a3_gradient_checking/gc_utils.py.
"""

import numpy as np
from gc_utils import (
    backward_propagation_n,
    dictionary_to_vector,
    example_inputs,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)

from autograder.checks import Case, FunctionCheck
from autograder.compare import Tolerance

THRESHOLD = 2e-7  # above this relative difference, the gradient is reported as wrong


def forward_propagation(x, theta):
    """
    The one-parameter "network" J(theta) = theta * x.

    Arguments:
    x -- a real number (the input)
    theta -- a real number (the parameter)

    Returns:
    J -- the value of the function, theta * x
    """
    J = theta * x
    return J


def backward_propagation(x, theta):
    """
    The derivative of J(theta) = theta * x with respect to theta.

    Arguments:
    x -- a real number (the input)
    theta -- a real number (the parameter)

    Returns:
    dtheta -- the gradient dJ/dtheta
    """
    dtheta = x
    return dtheta


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    """
    Compare backward_propagation(x, theta) with a two-sided numerical estimate of dJ/dtheta.

    Arguments:
    x -- a real number (the input)
    theta -- a real number (the parameter)
    epsilon -- the small shift of theta used by the numerical estimate
    print_msg -- True to print whether the gradient looks right (difference <= 2e-7) or not

    Returns:
    difference -- the relative difference ||grad - gradapprox|| / (||grad|| + ||gradapprox||), a float
    """
    # numerical estimate: evaluate J on both sides of theta
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)

    # the gradient from backpropagation
    grad = backward_propagation(x, theta)

    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator

    if print_msg:
        if difference > 2e-7:
            print(f"The gradient looks WRONG: difference = {difference:.3e}")
        else:
            print(f"The gradient looks right: difference = {difference:.3e}")
    return difference


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """
    Compare the gradients of the 3-layer network with a two-sided numerical estimate, one parameter at a time.

    Arguments:
    parameters -- dictionary with "W1", "b1", "W2", "b2", "W3", "b3"
    gradients -- the output of a backward pass (it must contain "dW1", "db1", ..., "db3")
    X -- inputs, shape (4, m)
    Y -- labels, shape (1, m)
    epsilon -- the small shift applied to one parameter at a time
    print_msg -- True to print whether the gradients look right (difference <= 2e-7) or not

    Returns:
    difference -- the relative difference ||grad - gradapprox|| / (||grad|| + ||gradapprox||), a float
    """
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))

    for i in range(num_parameters):
        # shift parameter i up, keeping every other parameter as it is
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))

        # and down
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))

        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)

    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator

    if print_msg:
        if difference > 2e-7:
            print(f"There is a mistake in the backward propagation: difference = {difference:.3e}")
        else:
            print(f"The backward propagation looks right: difference = {difference:.3e}")
    return difference


# ---------------------------------------------------------------------------
# Hidden checks: generated inputs, compared with the functions above.
# ---------------------------------------------------------------------------


def correct_backward_propagation_n(X, Y, cache):
    """The backward pass of gc_utils without its two planted mistakes (hidden from students)."""
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {
        "dZ3": dZ3, "dW3": dW3, "db3": db3,
        "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
        "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1,
    }  # fmt: skip


def network_case(seed, m, backward="buggy", nudge=None):
    """(parameters, gradients, X, Y) for the 3-layer network.

    backward -- "buggy" (the given backward_propagation_n) or "correct";
    nudge -- optional (key, index, amount): add `amount` to one gradient entry.
    """
    X, Y, parameters = example_inputs(seed, m)
    _, cache = forward_propagation_n(X, Y, parameters)
    gradients = (backward_propagation_n if backward == "buggy" else correct_backward_propagation_n)(X, Y, cache)
    if nudge is not None:
        key, index, amount = nudge
        gradients[key] = gradients[key].copy()
        gradients[key][index] += amount
    return parameters, gradients, X, Y


def _forward_cases():
    yield Case("x=2.5, theta=-1.2", (2.5, -1.2))
    yield Case("x=-4, theta=0.5", (-4.0, 0.5))
    yield Case("x=0, theta=7.3", (0.0, 7.3))
    yield Case("x=0.001, theta=250 (NumPy scalars)", (np.float64(0.001), np.float64(250.0)))


def _backward_cases():
    yield Case("x=2.5, theta=-1.2", (2.5, -1.2))
    yield Case("x=-4, theta=0.5", (-4.0, 0.5))
    yield Case("x=0.25, theta=0", (0.25, 0.0))
    yield Case("x=7 (NumPy scalar), theta=3", (np.float64(7.0), 3.0))


def _gradient_check_cases():
    yield Case("x=2, theta=4", (2.0, 4.0))
    yield Case("x=-3.5, theta=0.7, epsilon=1e-4", (-3.5, 0.7), {"epsilon": 1e-4})
    yield Case("x=0.3, theta=-12, epsilon=1e-6", (0.3, -12.0), {"epsilon": 1e-6})
    # here the estimate is exact, so the difference is exactly 0
    yield Case("x=1, theta=0.5, epsilon=0.25", (1.0, 0.5), {"epsilon": 0.25})
    yield Case("x=5, theta=-2, print_msg=True", (5.0, -2.0), {"print_msg": True})


def _gradient_check_n_cases():
    yield Case("given (buggy) backward pass, m=3", network_case(11, 3, "buggy"))
    yield Case("correct backward pass, m=5", network_case(12, 5, "correct"))
    yield Case("correct backward pass, m=1, epsilon=1e-5", network_case(13, 1, "correct"), {"epsilon": 1e-5})
    yield Case("given (buggy) backward pass, m=8, epsilon=1e-6", network_case(14, 8, "buggy"), {"epsilon": 1e-6})
    yield Case(
        "correct backward pass but one entry of dW3 off by 1e-4, m=6, print_msg=True",
        network_case(15, 6, "correct", nudge=("dW3", (0, 1), 1e-4)),
        {"print_msg": True},
    )


# Differences of a correct gradient are rounding noise (about 1e-9 to 1e-8) that every
# faithful implementation reproduces almost exactly; atol keeps the comparison from
# depending on the last bits of that noise, rtol on the large differences is loose.
NOISE_TOLERANCE = Tolerance(rtol=1e-4, atol=1e-12)

CHECKS = [
    FunctionCheck("forward_propagation", 1, _forward_cases, public=lambda: Case("x=3, theta=4", (3.0, 4.0))),
    FunctionCheck("backward_propagation", 1, _backward_cases, public=lambda: Case("x=3, theta=4", (3.0, 4.0))),
    FunctionCheck(
        "gradient_check",
        3,
        _gradient_check_cases,
        tol=NOISE_TOLERANCE,
        public=lambda: Case("x=3, theta=4", (3.0, 4.0)),
    ),
    FunctionCheck(
        "gradient_check_n",
        5,
        _gradient_check_n_cases,
        tol=NOISE_TOLERANCE,
        inputs_unchanged=True,
        public=lambda: Case("example_inputs(seed=1, m=3), given backward pass", network_case(1, 3, "buggy")),
    ),
]
