"""Typical wrong answers for 4_cnn_rnn/09_variational_autoencoders. Each must be rejected by its check cell."""

_KL = """
def gaussian_kl(mu, log_var):
    return {body}
"""

_SAMPLE = """
def reparameterise(mu, log_var, noise):
    return {body}
"""

_ELBO = """
def negative_elbo(logits, images, mu, log_var, beta=1.0):
    reconstruction = {reconstruction}
    kl = 0.5 * (mu.pow(2) + log_var.exp() - 1.0 - log_var).sum(dim=-1)
    return {total}
"""

_RIGHT_RECONSTRUCTION = 'F.binary_cross_entropy_with_logits(logits, images, reduction="none").flatten(1).sum(dim=1)'
_RIGHT_TOTAL = "(reconstruction + beta * kl).mean()"


def _elbo(reconstruction=_RIGHT_RECONSTRUCTION, total=_RIGHT_TOTAL):
    return _ELBO.format(reconstruction=reconstruction, total=total)


MISTAKES = {
    "gaussian_kl": {
        "forgets the factor 1/2": _KL.format(body="(mu.pow(2) + log_var.exp() - 1.0 - log_var).sum(dim=-1)"),
        "reads log_var as the log of the standard deviation": _KL.format(
            body="0.5 * (mu.pow(2) + torch.exp(2 * log_var) - 1.0 - 2 * log_var).sum(dim=-1)"
        ),
        "+ log_var instead of - log_var": _KL.format(
            body="0.5 * (mu.pow(2) + log_var.exp() - 1.0 + log_var).sum(dim=-1)"
        ),
        "forgets the -1": _KL.format(body="0.5 * (mu.pow(2) + log_var.exp() - log_var).sum(dim=-1)"),
        "mu instead of mu squared": _KL.format(body="0.5 * (mu + log_var.exp() - 1.0 - log_var).sum(dim=-1)"),
        "sums over every axis (one number for the whole batch)": _KL.format(
            body="0.5 * (mu.pow(2) + log_var.exp() - 1.0 - log_var).sum()"
        ),
        "averages over the latent dimensions": _KL.format(
            body="0.5 * (mu.pow(2) + log_var.exp() - 1.0 - log_var).mean(dim=-1)"
        ),
        "sums over the first axis (the batch)": _KL.format(
            body="0.5 * (mu.pow(2) + log_var.exp() - 1.0 - log_var).sum(dim=0)"
        ),
        "sums over axis 1 (wrong when there are leading axes)": _KL.format(
            body="0.5 * (mu.pow(2) + log_var.exp() - 1.0 - log_var).sum(dim=1)"
        ),
        "the KL the wrong way round, KL(prior || posterior)": _KL.format(
            body="0.5 * (log_var + (1.0 + mu.pow(2)) * torch.exp(-log_var) - 1.0).sum(dim=-1)"
        ),
        "returns the KL of each dimension, not summed": _KL.format(
            body="0.5 * (mu.pow(2) + log_var.exp() - 1.0 - log_var)"
        ),
        "computes in float64 and returns float64 for float32 inputs": _KL.format(
            body="0.5 * (mu.double().pow(2) + log_var.double().exp() - 1.0 - log_var.double()).sum(dim=-1)"
        ),
    },
    "reparameterise": {
        "exp(log_var) as the standard deviation (it is the variance)": _SAMPLE.format(
            body="mu + torch.exp(log_var) * noise"
        ),
        "sqrt of the log-variance": _SAMPLE.format(body="mu + torch.sqrt(log_var.abs()) * noise"),
        "exp(-log_var / 2): the precision's square root": _SAMPLE.format(body="mu + torch.exp(-0.5 * log_var) * noise"),
        "log_var used as the standard deviation": _SAMPLE.format(body="mu + log_var * noise"),
        "draws its own noise instead of using the given one": _SAMPLE.format(
            body="mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)"
        ),
        "torch.normal: a sample with no gradient": _SAMPLE.format(body="torch.normal(mu, torch.exp(0.5 * log_var))"),
        "detaches mu (no gradient reaches the encoder's mean)": _SAMPLE.format(
            body="mu.detach() + torch.exp(0.5 * log_var) * noise"
        ),
        "detaches log_var": _SAMPLE.format(body="mu + torch.exp(0.5 * log_var.detach()) * noise"),
        "detaches the whole sample": _SAMPLE.format(body="(mu + torch.exp(0.5 * log_var) * noise).detach()"),
        "adds the noise instead of scaling it": _SAMPLE.format(body="mu + torch.exp(0.5 * log_var) + noise"),
        "under torch.no_grad()": """
def reparameterise(mu, log_var, noise):
    with torch.no_grad():
        return mu + torch.exp(0.5 * log_var) * noise
""",
        "forgets the mean": _SAMPLE.format(body="torch.exp(0.5 * log_var) * noise"),
    },
    "negative_elbo": {
        "averages the cross-entropy over the pixels (reduction='mean')": _elbo(
            reconstruction="F.binary_cross_entropy_with_logits(logits, images)",
            total="reconstruction + beta * kl.mean()",
        ),
        "mean over pixels per image, then over the batch": _elbo(
            reconstruction='F.binary_cross_entropy_with_logits(logits, images, reduction="none").flatten(1).mean(1)'
        ),
        "forgets the KL term": _elbo(total="reconstruction.mean()"),
        "ignores beta (always weight 1)": _elbo(total="(reconstruction + kl).mean()"),
        "beta on the reconstruction term instead of the KL": _elbo(total="(beta * reconstruction + kl).mean()"),
        "subtracts the KL": _elbo(total="(reconstruction - beta * kl).mean()"),
        "returns the ELBO (the sign flipped)": _elbo(total="-(reconstruction + beta * kl).mean()"),
        "sums over the batch instead of averaging": _elbo(total="(reconstruction + beta * kl).sum()"),
        "KL averaged over the latent dimensions": _elbo(total="(reconstruction + beta * kl / mu.shape[1]).mean()"),
        "unstable: the log of the sigmoid": _elbo(
            reconstruction="-(images * torch.log(torch.sigmoid(logits)) + (1 - images) * "
            "torch.log(1 - torch.sigmoid(logits))).flatten(1).sum(1)"
        ),
        "F.binary_cross_entropy on probabilities (clips the log at -100)": _elbo(
            reconstruction='F.binary_cross_entropy(torch.sigmoid(logits), images, reduction="none").flatten(1).sum(1)'
        ),
        "sums over axis 1 only (right for flat images, not for (B, 1, 28, 28))": _elbo(
            reconstruction='F.binary_cross_entropy_with_logits(logits, images, reduction="none").sum(dim=1)'
        ),
        "returns a Python float (.item())": _elbo(total="(reconstruction + beta * kl).mean().item()"),
        "images and logits swapped in the cross-entropy": _elbo(
            reconstruction='F.binary_cross_entropy_with_logits(images, torch.sigmoid(logits), reduction="none")'
            ".flatten(1).sum(1)"
        ),
        "returns a new tensor with no gradient": _elbo(
            total="torch.tensor((reconstruction + beta * kl).mean().item(), dtype=logits.dtype)"
        ),
        "the KL term detached from the graph": _elbo(total="(reconstruction + beta * kl.detach()).mean()"),
        "the reconstruction computed under torch.no_grad()": """
def negative_elbo(logits, images, mu, log_var, beta=1.0):
    with torch.no_grad():
        reconstruction = F.binary_cross_entropy_with_logits(logits, images, reduction="none").flatten(1).sum(dim=1)
    kl = 0.5 * (mu.pow(2) + log_var.exp() - 1.0 - log_var).sum(dim=-1)
    return (reconstruction + beta * kl).mean()
""",
    },
}
