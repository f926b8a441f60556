"""Typical wrong answers for 4_cnn_rnn/08_generative_adversarial_networks. Each must be rejected by its check cell."""

_D_LOSS = """
def discriminator_loss(real_logits, fake_logits):
    return {body}
"""

_MINIMAX = """
def generator_loss_minimax(fake_logits):
    return {body}
"""

_NON_SATURATING = """
def generator_loss_non_saturating(fake_logits):
    return {body}
"""

_TRAIN_STEP = """
def train_step(generator, discriminator, generator_optimiser, discriminator_optimiser, real_images, noise,
               generator_loss=generator_loss_non_saturating):
    fake_images = {fakes}
    d_loss = {d_loss}
    discriminator_optimiser.zero_grad(){d_zero}
    d_loss.backward()
    discriminator_optimiser.step()
    g_loss = {g_loss}
    generator_optimiser.zero_grad(){g_zero}
    g_loss.backward()
    generator_optimiser.step(){after}
    return {returned}
"""

_RIGHT_STEP = dict(
    fakes="generator(noise)",
    d_loss="discriminator_loss(discriminator(real_images), discriminator(fake_images.detach()))",
    d_zero="",
    g_loss="generator_loss(discriminator(fake_images))",
    g_zero="",
    after="",
    returned="d_loss.item(), g_loss.item()",
)


def _step(**changes):
    return _TRAIN_STEP.format(**{**_RIGHT_STEP, **changes})


_SIZE = """
def conv_transpose_output_size(input_size, kernel_size, stride=1, padding=0, output_padding=0, dilation=1):
    return {body}
"""

MISTAKES = {
    "discriminator_loss": {
        "the naive log(sigmoid): -inf and NaN gradients for logits of +-100": _D_LOSS.format(
            body="-(torch.log(torch.sigmoid(real_logits)).mean() + torch.log(1 - torch.sigmoid(fake_logits)).mean())"
        ),
        "clamps the probabilities at 1e-7 (the loss tops out at 16 and the gradient dies)": _D_LOSS.format(
            body="-(torch.log(torch.sigmoid(real_logits).clamp(min=1e-7)).mean()"
            " + torch.log((1 - torch.sigmoid(fake_logits)).clamp(min=1e-7)).mean())"
        ),
        "returns the value function V (the sign flipped)": _D_LOSS.format(
            body="-(F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean())"
        ),
        "labels the fakes real and the real images fake": _D_LOSS.format(
            body="F.softplus(real_logits).mean() + F.softplus(-fake_logits).mean()"
        ),
        "one mean over both batches together": _D_LOSS.format(
            body="torch.cat([F.softplus(-real_logits), F.softplus(fake_logits)]).mean()"
        ),
        "sums instead of means": _D_LOSS.format(body="F.softplus(-real_logits).sum() + F.softplus(fake_logits).sum()"),
        "forgets the fake-image term": _D_LOSS.format(body="F.softplus(-real_logits).mean()"),
        "returns a Python float (.item())": _D_LOSS.format(
            body="(F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()).item()"
        ),
        "detaches the loss (no gradient reaches the discriminator)": _D_LOSS.format(
            body="(F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()).detach()"
        ),
        "computes in float64 (the dtype of the logits is not kept)": _D_LOSS.format(
            body="F.softplus(-real_logits.double()).mean() + F.softplus(fake_logits.double()).mean()"
        ),
    },
    "generator_loss_minimax": {
        "the naive log(1 - sigmoid): -inf at a logit of 100": _MINIMAX.format(
            body="torch.log(1 - torch.sigmoid(fake_logits)).mean()"
        ),
        "the sign flipped (the discriminator's fake term)": _MINIMAX.format(body="F.softplus(fake_logits).mean()"),
        "returns the non-saturating loss": _MINIMAX.format(body="F.softplus(-fake_logits).mean()"),
        "mean log D(G(z)) instead of log(1 - D(G(z)))": _MINIMAX.format(body="-F.softplus(-fake_logits).mean()"),
        "a sum instead of a mean": _MINIMAX.format(body="-F.softplus(fake_logits).sum()"),
        "returns a Python float": _MINIMAX.format(body="-F.softplus(fake_logits).mean().item()"),
    },
    "generator_loss_non_saturating": {
        "the naive -log(sigmoid): wrong at a logit of -100 and -inf at -150": _NON_SATURATING.format(
            body="-torch.log(torch.sigmoid(fake_logits)).mean()"
        ),
        "clamps the probability at 1e-7": _NON_SATURATING.format(
            body="-torch.log(torch.sigmoid(fake_logits).clamp(min=1e-7)).mean()"
        ),
        "returns the minimax loss": _NON_SATURATING.format(body="-F.softplus(fake_logits).mean()"),
        "the sign flipped: maximises -log D(G(z))": _NON_SATURATING.format(body="-F.softplus(-fake_logits).mean()"),
        "a sum instead of a mean": _NON_SATURATING.format(body="F.softplus(-fake_logits).sum()"),
        "returns a Python float": _NON_SATURATING.format(body="F.softplus(-fake_logits).mean().item()"),
    },
    "train_step": {
        "no detach in the discriminator step (its backward pass runs into the generator)": _step(
            d_loss="discriminator_loss(discriminator(real_images), discriminator(fake_images))"
        ),
        "no detach, and the generator's gradients zeroed only before the discriminator step": """
def train_step(generator, discriminator, generator_optimiser, discriminator_optimiser, real_images, noise,
               generator_loss=generator_loss_non_saturating):
    fake_images = generator(noise)
    d_loss = discriminator_loss(discriminator(real_images), discriminator(fake_images))
    discriminator_optimiser.zero_grad()
    generator_optimiser.zero_grad()
    d_loss.backward(retain_graph=True)
    discriminator_optimiser.step()
    g_loss = generator_loss(discriminator(fake_images))
    g_loss.backward()
    generator_optimiser.step()
    return d_loss.item(), g_loss.item()
""",
        "the generator step also steps the discriminator's optimiser": _step(
            after="\n    discriminator_optimiser.step()"
        ),
        "scores the fakes with the discriminator before its update": """
def train_step(generator, discriminator, generator_optimiser, discriminator_optimiser, real_images, noise,
               generator_loss=generator_loss_non_saturating):
    fake_images = generator(noise)
    d_loss = discriminator_loss(discriminator(real_images), discriminator(fake_images.detach()))
    g_loss = generator_loss(discriminator(fake_images))
    discriminator_optimiser.zero_grad()
    d_loss.backward(retain_graph=True)
    discriminator_optimiser.step()
    generator_optimiser.zero_grad()
    g_loss.backward()
    generator_optimiser.step()
    return d_loss.item(), g_loss.item()
""",
        "the generator step first, then the discriminator step": """
def train_step(generator, discriminator, generator_optimiser, discriminator_optimiser, real_images, noise,
               generator_loss=generator_loss_non_saturating):
    fake_images = generator(noise)
    g_loss = generator_loss(discriminator(fake_images))
    generator_optimiser.zero_grad()
    g_loss.backward()
    generator_optimiser.step()
    d_loss = discriminator_loss(discriminator(real_images), discriminator(fake_images.detach()))
    discriminator_optimiser.zero_grad()
    d_loss.backward()
    discriminator_optimiser.step()
    return d_loss.item(), g_loss.item()
""",
        "forgets discriminator_optimiser.zero_grad() (stale gradients)": _step().replace(
            "    discriminator_optimiser.zero_grad()\n", "", 1
        ),
        "forgets generator_optimiser.zero_grad() (the discriminator step's leftovers)": _step().replace(
            "    generator_optimiser.zero_grad()\n", "", 1
        ),
        "detaches the fakes in the generator step too (the generator never learns)": _step(
            g_loss="generator_loss(discriminator(fake_images.detach()))"
        ),
        "ignores generator_loss (always the non-saturating loss)": _step(
            g_loss="generator_loss_non_saturating(discriminator(fake_images))"
        ),
        "real and fake swapped in the discriminator's loss": _step(
            d_loss="discriminator_loss(discriminator(fake_images.detach()), discriminator(real_images))"
        ),
        "fresh noise for the fakes instead of the noise given": _step(fakes="generator(torch.randn_like(noise))"),
        "returns the loss tensors instead of floats": _step(returned="d_loss, g_loss"),
        "one backward pass for both losses, both optimisers stepped": """
def train_step(generator, discriminator, generator_optimiser, discriminator_optimiser, real_images, noise,
               generator_loss=generator_loss_non_saturating):
    fake_images = generator(noise)
    d_loss = discriminator_loss(discriminator(real_images), discriminator(fake_images.detach()))
    g_loss = generator_loss(discriminator(fake_images))
    discriminator_optimiser.zero_grad()
    generator_optimiser.zero_grad()
    (d_loss + g_loss).backward()
    discriminator_optimiser.step()
    generator_optimiser.step()
    return d_loss.item(), g_loss.item()
""",
    },
    "conv_transpose_output_size": {
        "the convolution's formula (it shrinks instead of growing)": _SIZE.format(
            body="(input_size + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1"
        ),
        "forgets output_padding": _SIZE.format(
            body="(input_size - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + 1"
        ),
        "forgets the dilation": _SIZE.format(
            body="(input_size - 1) * stride - 2 * padding + kernel_size + output_padding"
        ),
        "input_size * stride instead of (input_size - 1) * stride": _SIZE.format(
            body="input_size * stride - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1"
        ),
        "subtracts the padding once, not on both sides": _SIZE.format(
            body="(input_size - 1) * stride - padding + dilation * (kernel_size - 1) + output_padding + 1"
        ),
        "returns a float": _SIZE.format(
            body="float((input_size - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1)"
        ),
        "ignores padding, output_padding and dilation": _SIZE.format(body="(input_size - 1) * stride + kernel_size"),
    },
}
