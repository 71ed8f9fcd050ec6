"""Reference solution and hidden checks: c4w4a2_neural_style_transfer.

The functions below are the single source of truth: the source notebook's
solution regions are generated from them (see autograder/authoring.py).

The cost functions are checked on generated activation tensors (`Live`
factories of nst_utils build them where the function is called, since tensors
are not plain data).  `train_step` reads `vgg_model_outputs`, `a_C`, `a_S`
and `optimizer` from its module's globals, exactly as in the notebook: each of
its cases installs a small network with VGG19's layer names, its targets and a
freshly reset optimizer into the student's namespace and into this module
alike (`Case.prepare`), then compares the costs of two calls and the image
after them.
"""

import tensorflow as tf
from nst_utils import clip_0_1

from autograder.checks import Case, FunctionCheck, Hook, Live
from autograder.compare import Tolerance

STYLE_LAYERS = [
    ("block1_conv1", 0.2),
    ("block2_conv1", 0.2),
    ("block3_conv1", 0.2),
    ("block4_conv1", 0.2),
    ("block5_conv1", 0.2),
]
content_layer = [("block5_conv4", 1)]

# Set by the notebook before train_step is defined (and by the train_step checks).
vgg_model_outputs = None
a_C = None
a_S = None
optimizer = None


def compute_content_cost(content_output, generated_output):
    """
    Computes the content cost

    Arguments:
    content_output -- list of activations of the content image; the last one, a_C, has shape (1, n_H, n_W, n_C)
    generated_output -- list of activations of the generated image; the last one, a_G, has shape (1, n_H, n_W, n_C)

    Returns:
    J_content -- scalar tensor, the content cost
    """
    a_C = content_output[-1]
    a_G = generated_output[-1]
    # the dimensions from a_G
    _, n_H, n_W, n_C = a_G.shape
    # the sum of squared differences, normalised by 4 * n_H * n_W * n_C
    J_content = tf.reduce_sum(tf.square(a_C - a_G)) / (4.0 * n_H * n_W * n_C)
    return J_content


def gram_matrix(A):
    """
    Argument:
    A -- matrix of shape (n_C, n_H*n_W)

    Returns:
    GA -- Gram matrix of A, of shape (n_C, n_C)
    """
    GA = tf.matmul(A, tf.transpose(A))
    return GA


def compute_layer_style_cost(a_S, a_G):
    """
    Arguments:
    a_S -- tensor of shape (1, n_H, n_W, n_C), hidden layer activations of the style image
    a_G -- tensor of shape (1, n_H, n_W, n_C), hidden layer activations of the generated image

    Returns:
    J_style_layer -- scalar tensor, the style cost of this layer
    """
    _, n_H, n_W, n_C = a_G.shape
    # unroll each to (n_C, n_H*n_W): one row per channel
    a_S = tf.transpose(tf.reshape(a_S, shape=[-1, n_C]))
    a_G = tf.transpose(tf.reshape(a_G, shape=[-1, n_C]))
    GS = gram_matrix(a_S)
    GG = gram_matrix(a_G)
    J_style_layer = tf.reduce_sum(tf.square(GS - GG)) / (4.0 * n_C**2 * (n_H * n_W) ** 2)
    return J_style_layer


def compute_style_cost(style_image_output, generated_image_output, STYLE_LAYERS=STYLE_LAYERS):
    """
    Computes the overall style cost from several chosen layers

    Arguments:
    style_image_output -- list of activations of the style image (the style layers, then the content layer)
    generated_image_output -- list of activations of the generated image, in the same order
    STYLE_LAYERS -- list of (layer name, coefficient) pairs, one per style layer

    Returns:
    J_style -- scalar tensor, the weighted sum of the layers' style costs
    """
    J_style = 0
    # the last element of each list is the content layer's activation: leave it out
    a_S = style_image_output[:-1]
    a_G = generated_image_output[:-1]
    for (_, coeff), a_S_layer, a_G_layer in zip(STYLE_LAYERS, a_S, a_G, strict=True):
        J_style_layer = compute_layer_style_cost(a_S_layer, a_G_layer)
        J_style += coeff * J_style_layer
    return J_style


@tf.function()
def total_cost(J_content, J_style, alpha=10, beta=40):
    """
    Computes the total cost function

    Arguments:
    J_content -- content cost coded above
    J_style -- style cost coded above
    alpha -- hyperparameter weighting the importance of the content cost
    beta -- hyperparameter weighting the importance of the style cost

    Returns:
    J -- total cost as defined by the formula above.
    """
    J = alpha * J_content + beta * J_style
    return J


@tf.function()
def train_step(generated_image):
    """
    One step of gradient descent on the generated image.

    Arguments:
    generated_image -- tf.Variable of shape (1, img_size, img_size, 3), updated in place

    Returns:
    J -- the total cost before the update
    """
    with tf.GradientTape() as tape:
        # the activations of the generated image at every chosen layer
        a_G = vgg_model_outputs(generated_image)
        J_style = compute_style_cost(a_S, a_G)
        J_content = compute_content_cost(a_C, a_G)
        J = total_cost(J_content, J_style, alpha=10, beta=40)
    grad = tape.gradient(J, generated_image)
    optimizer.apply_gradients([(grad, generated_image)])
    generated_image.assign(clip_0_1(generated_image))
    return J


# ---------------------------------------------------------------------------
# Hidden checks: generated activation tensors; a small VGG-like network for train_step.
# ---------------------------------------------------------------------------

TOL = Tolerance(rtol=1e-4, atol=1e-7)


def _activations(seed, *shapes, scale=1.0):
    return Live("nst_utils:activation_list", (seed, tuple(shapes), scale))


def _tensor(seed, shape, scale=1.0):
    return Live("nst_utils:activation_tensor", (seed, shape, scale))


def _content_cases():
    yield Case("two layers, last (1, 4, 4, 3)", (_activations(1, (1, 8, 8, 2), (1, 4, 4, 3)), _activations(2, (1, 8, 8, 2), (1, 4, 4, 3))))
    yield Case("one layer (1, 3, 5, 7)", (_activations(3, (1, 3, 5, 7)), _activations(4, (1, 3, 5, 7))))
    yield Case(
        "six layers, last (1, 2, 6, 16)",
        (_activations(5, *[(1, 6, 6, 4)] * 5, (1, 2, 6, 16)), _activations(6, *[(1, 6, 6, 4)] * 5, (1, 2, 6, 16))),
    )
    yield Case("identical activations", (_activations(7, (1, 5, 5, 4)), _activations(7, (1, 5, 5, 4))))


def _gram_cases():
    for seed, shape in [(10, (3, 4)), (11, (5, 1)), (12, (16, 30)), (13, (1, 7))]:
        yield Case(f"A of shape {shape}", (_tensor(seed, shape),))


def _layer_style_cases():
    for seed, shape in [(20, (1, 4, 4, 3)), (21, (1, 2, 3, 5)), (22, (1, 8, 6, 16)), (23, (1, 1, 1, 1))]:
        yield Case(f"activations of shape {shape}", (_tensor(seed, shape), _tensor(seed + 50, shape, scale=0.7)))


def _style_cases():
    five = [(1, 8, 8, 3), (1, 4, 4, 5), (1, 4, 2, 6), (1, 2, 2, 8), (1, 1, 2, 8), (1, 1, 2, 4)]
    yield Case("STYLE_LAYERS (five layers, 0.2 each)", (_activations(30, *five), _activations(31, *five)))
    three = [(1, 6, 4, 2), (1, 3, 2, 4), (1, 3, 3, 5), (1, 3, 3, 5)]
    weights = [("block1_conv1", 0.1), ("block3_conv1", 0.3), ("block5_conv1", 0.6)]
    yield Case("three layers weighted 0.1, 0.3, 0.6", (_activations(32, *three), _activations(33, *three)), {"STYLE_LAYERS": weights})
    one = [(1, 5, 5, 3), (1, 2, 2, 6)]
    yield Case("one layer weighted 2.0", (_activations(34, *one), _activations(35, *one)), {"STYLE_LAYERS": [("block2_conv1", 2.0)]})


def _scalar(value):
    return Live("nst_utils:scalar_tensor", (value,))


def _total_cases():
    yield Case("J_content=1.5, J_style=0.25, default weights", (_scalar(1.5), _scalar(0.25)))
    yield Case("J_content=0.3, J_style=2.0, alpha=1, beta=5", (_scalar(0.3), _scalar(2.0)), {"alpha": 1, "beta": 5})
    yield Case("J_content=2.0, J_style=0.0, alpha=20, beta=0.5", (_scalar(2.0), _scalar(0.0)), {"alpha": 20, "beta": 0.5})


def _train_step_cases():
    for seed, rate in [(40, 0.01), (41, 0.03), (42, 0.005)]:
        yield Case(
            f"40x48 picture, noise seed {seed}, learning rate {rate}",
            (Live("nst_utils:check_generated_image"),),
            seed=seed,
            prepare=Hook("nst_utils:install_train_step_case", (seed, rate)),
        )


def _public_content():
    return Case("one layer (1, 2, 2, 3)", (_activations(90, (1, 2, 2, 3)), _activations(91, (1, 2, 2, 3))))


def _public_gram():
    return Case("A of shape (3, 2)", (_tensor(92, (3, 2)),))


def _public_layer_style():
    return Case("activations of shape (1, 2, 2, 3)", (_tensor(93, (1, 2, 2, 3)), _tensor(94, (1, 2, 2, 3))))


def _public_style():
    shapes = [(1, 4, 4, 2), (1, 2, 2, 4), (1, 2, 2, 4), (1, 1, 1, 4), (1, 1, 1, 4), (1, 1, 1, 4)]
    return Case("five layers and the content layer", (_activations(95, *shapes), _activations(96, *shapes)))


CHECKS = [
    FunctionCheck("compute_content_cost", 2, _content_cases, tol=TOL, public=_public_content),
    FunctionCheck("gram_matrix", 1, _gram_cases, tol=TOL, public=_public_gram),
    FunctionCheck("compute_layer_style_cost", 2, _layer_style_cases, tol=TOL, public=_public_layer_style),
    FunctionCheck("compute_style_cost", 1.5, _style_cases, tol=TOL, public=_public_style),
    FunctionCheck("total_cost", 1, _total_cases, tol=TOL, public=lambda: Case("J_content=2.0, J_style=3.0", (_scalar(2.0), _scalar(3.0)))),
    FunctionCheck("train_step", 2.5, _train_step_cases, tol=Tolerance(rtol=1e-4, atol=1e-6), outputs=Hook("nst_utils:after_two_steps")),
]
