"""Typical wrong answers for 4_cnn_rnn/10_denoising_diffusion. Each must be rejected by its check cell."""

_Q_SAMPLE = """
def q_sample(x0, t, noise, alpha_bars):
    alpha_bar = {alpha_bar}
    return {result}
"""

_Q_RIGHT = dict(
    alpha_bar="alpha_bars[t].reshape(-1, 1, 1, 1)",
    result="alpha_bar.sqrt() * x0 + (1 - alpha_bar).sqrt() * noise",
)


def _q_sample(**changes):
    return _Q_SAMPLE.format(**{**_Q_RIGHT, **changes})


_LOSS = """
def diffusion_loss(model, x0, alpha_bars, generator):
    {draws}
    x_t = {x_t}
    return {loss}
"""

_LOSS_RIGHT = dict(
    draws="t = torch.randint(len(alpha_bars), (x0.shape[0],), generator=generator, device=x0.device)\n"
    "    noise = torch.randn(x0.shape, generator=generator, device=x0.device, dtype=x0.dtype)",
    x_t="q_sample(x0, t, noise, alpha_bars)",
    loss="F.mse_loss(model(x_t, t), noise)",
)


def _loss(**changes):
    return _LOSS.format(**{**_LOSS_RIGHT, **changes})


_REVERSE = """
def reverse_step(x_t, t, predicted_noise, betas, alpha_bars, noise):
    beta, alpha_bar = betas[t], alpha_bars[t]
    mean = {mean}
    if {last}:
        return mean
    variance = {variance}
    return mean + {spread} * noise
"""

_REVERSE_RIGHT = dict(
    mean="(x_t - beta / (1 - alpha_bar).sqrt() * predicted_noise) / (1 - beta).sqrt()",
    last="t == 0",
    variance="beta * (1 - alpha_bars[t - 1]) / (1 - alpha_bar)",
    spread="variance.sqrt()",
)


def _reverse(**changes):
    return _REVERSE.format(**{**_REVERSE_RIGHT, **changes})


MISTAKES = {
    "alpha_bars_from_betas": {
        "multiplies the betas instead of the alphas": """
def alpha_bars_from_betas(betas):
    return torch.cumprod(betas, dim=0)
""",
        "shifted by one: starts at 1 (the product before step t)": """
def alpha_bars_from_betas(betas):
    return torch.cat([torch.ones(1, dtype=betas.dtype), torch.cumprod(1 - betas, dim=0)[:-1]])
""",
        "one value too many (T + 1, with alpha_bar = 1 for the clean image)": """
def alpha_bars_from_betas(betas):
    return torch.cat([torch.ones(1, dtype=betas.dtype), torch.cumprod(1 - betas, dim=0)])
""",
        "returns the alphas, not their running product": """
def alpha_bars_from_betas(betas):
    return 1 - betas
""",
        "one minus the product of the betas": """
def alpha_bars_from_betas(betas):
    return 1 - torch.cumprod(betas, dim=0)
""",
        "the product of all the alphas (a single number)": """
def alpha_bars_from_betas(betas):
    return torch.prod(1 - betas)
""",
        "a running sum instead of a product": """
def alpha_bars_from_betas(betas):
    return 1 - torch.cumsum(betas, dim=0)
""",
        "float32 whatever the input": """
def alpha_bars_from_betas(betas):
    return torch.cumprod(1 - betas.float(), dim=0)
""",
        "a NumPy array": """
def alpha_bars_from_betas(betas):
    return np.cumprod(1 - betas.numpy())
""",
    },
    "q_sample": {
        "variances instead of standard deviations": _q_sample(result="alpha_bar * x0 + (1 - alpha_bar) * noise"),
        "no reshape: alpha_bars[t] broadcast along the last axis": _q_sample(alpha_bar="alpha_bars[t]"),
        "alpha_bars[t - 1] (counts the clean image as step 0)": _q_sample(
            alpha_bar="alpha_bars[t - 1].reshape(-1, 1, 1, 1)"
        ),
        "the first image's t for the whole batch": _q_sample(alpha_bar="alpha_bars[t[0]]"),
        "sqrt(1 - alpha_bar) on the image and sqrt(alpha_bar) on the noise": _q_sample(
            result="(1 - alpha_bar).sqrt() * x0 + alpha_bar.sqrt() * noise"
        ),
        "forgets to shrink the image": _q_sample(result="x0 + (1 - alpha_bar).sqrt() * noise"),
        "float32 whatever the input": _q_sample(
            result="(alpha_bar.sqrt() * x0 + (1 - alpha_bar).sqrt() * noise).float()"
        ),
    },
    "diffusion_loss": {
        "regresses the clean image instead of the noise": _loss(loss="F.mse_loss(model(x_t, t), x0)"),
        "forgets to noise the images (the model sees x0)": _loss(loss="F.mse_loss(model(x0, t), noise)"),
        "draws the noise before the steps": _loss(
            draws="noise = torch.randn(x0.shape, generator=generator, device=x0.device, dtype=x0.dtype)\n"
            "    t = torch.randint(len(alpha_bars), (x0.shape[0],), generator=generator, device=x0.device)"
        ),
        "steps 1..T instead of 0..T-1": _loss(
            draws="t = torch.randint(1, len(alpha_bars) + 1, (x0.shape[0],), generator=generator, device=x0.device)\n"
            "    noise = torch.randn(x0.shape, generator=generator, device=x0.device, dtype=x0.dtype)",
            x_t="q_sample(x0, t.clamp(max=len(alpha_bars) - 1), noise, alpha_bars)",
        ),
        "one step for the whole batch": _loss(
            draws="t = torch.randint(len(alpha_bars), (1,), generator=generator, device=x0.device)"
            ".expand(x0.shape[0])\n"
            "    noise = torch.randn(x0.shape, generator=generator, device=x0.device, dtype=x0.dtype)"
        ),
        "uniform noise (torch.rand) instead of Gaussian": _loss(
            draws="t = torch.randint(len(alpha_bars), (x0.shape[0],), generator=generator, device=x0.device)\n"
            "    noise = torch.rand(x0.shape, generator=generator, device=x0.device, dtype=x0.dtype)"
        ),
        "ignores the generator (global random state)": _loss(
            draws="t = torch.randint(len(alpha_bars), (x0.shape[0],), device=x0.device)\n"
            "    noise = torch.randn(x0.shape, device=x0.device, dtype=x0.dtype)"
        ),
        "sums the squared errors instead of averaging": _loss(loss="F.mse_loss(model(x_t, t), noise, reduction='sum')"),
        "tells the model the wrong step (t + 1)": _loss(loss="F.mse_loss(model(x_t, t + 1), noise)"),
        "returns a Python float": _loss(loss="F.mse_loss(model(x_t, t), noise).item()"),
        "computes the loss without gradients": """
def diffusion_loss(model, x0, alpha_bars, generator):
    t = torch.randint(len(alpha_bars), (x0.shape[0],), generator=generator, device=x0.device)
    noise = torch.randn(x0.shape, generator=generator, device=x0.device, dtype=x0.dtype)
    with torch.no_grad():
        return F.mse_loss(model(q_sample(x0, t, noise, alpha_bars), t), noise)
""",
        "the mean over pixels, one loss per image": _loss(loss="((model(x_t, t) - noise) ** 2).mean(dim=(1, 2, 3))"),
    },
    "reverse_step": {
        "adds noise at t = 0 too": _reverse(last="False"),
        "sigma_t^2 = beta_t instead of the posterior variance": _reverse(variance="beta"),
        "divides by sqrt(alpha_bar_t) instead of sqrt(alpha_t)": _reverse(
            mean="(x_t - beta / (1 - alpha_bar).sqrt() * predicted_noise) / alpha_bar.sqrt()"
        ),
        "noise coefficient sqrt(1 - alpha_bar_t) (the x0_hat formula)": _reverse(
            mean="(x_t - (1 - alpha_bar).sqrt() * predicted_noise) / (1 - beta).sqrt()"
        ),
        "returns x0_hat instead of a step back": _reverse(
            mean="(x_t - (1 - alpha_bar).sqrt() * predicted_noise) / alpha_bar.sqrt()"
        ),
        "forgets the square root of 1 - alpha_bar": _reverse(
            mean="(x_t - beta / (1 - alpha_bar) * predicted_noise) / (1 - beta).sqrt()"
        ),
        "adds the predicted noise instead of subtracting it": _reverse(
            mean="(x_t + beta / (1 - alpha_bar).sqrt() * predicted_noise) / (1 - beta).sqrt()"
        ),
        "the variance, not the standard deviation, times the noise": _reverse(spread="variance"),
        "posterior variance with alpha_bars[t + 1] (off by one)": _reverse(
            variance="beta * (1 - alpha_bar) / (1 - alpha_bars[min(t + 1, len(alpha_bars) - 1)])"
        ),
        "no noise at t = 1 either (stops one step early)": _reverse(last="t <= 1"),
        "never adds noise": _reverse(last="True"),
        "float32 whatever the input": """
def reverse_step(x_t, t, predicted_noise, betas, alpha_bars, noise):
    beta, alpha_bar = betas[t].float(), alpha_bars[t].float()
    mean = (x_t.float() - beta / (1 - alpha_bar).sqrt() * predicted_noise.float()) / (1 - beta).sqrt()
    if t == 0:
        return mean
    return mean + (beta * (1 - alpha_bars[t - 1].float()) / (1 - alpha_bar)).sqrt() * noise.float()
""",
    },
}
