"""Typical wrong answers for 6_llms/03_fine_tuning_sentiment. Each must be rejected by its check cell."""


def _step(*lines: str) -> str:
    body = "\n".join(f"    {line}" for line in lines)
    return f"""
def train_step(model, batch, optimizer, scheduler, max_grad_norm, autocast_dtype):
{body}
"""


_AUTOCAST = [
    "device_type = next(model.parameters()).device.type",
    "with torch.autocast(device_type, dtype=autocast_dtype or torch.bfloat16, enabled=autocast_dtype is not None):",
    '    loss = model(**batch)["loss"]',
]
_CLIP = "torch.nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)"


def _accumulate(share: str, loss_sum: str, reset: str = "") -> str:
    return f"""
def accumulate_gradients(model, batch, micro_batch_size):
    batch_size = len(batch["labels"])
    count = -(-batch_size // micro_batch_size)
    total_loss = 0.0
    for start in range(0, batch_size, micro_batch_size):
        {reset or "pass"}
        micro_batch = {{key: value[start:start + micro_batch_size] for key, value in batch.items()}}
        share = {share}
        loss = model(**micro_batch)["loss"]
        (loss * share).backward()
        total_loss {loss_sum}
    return total_loss
"""


MISTAKES = {
    "linear_warmup_schedule": {
        "decays over total_steps instead of the steps after the warm-up": """
def linear_warmup_schedule(step, total_steps, warmup_steps, peak_lr):
    if step < warmup_steps:
        return peak_lr * step / warmup_steps
    return peak_lr * max(0.0, (total_steps - step) / total_steps)
""",
        "warms up one step ahead (step + 1)": """
def linear_warmup_schedule(step, total_steps, warmup_steps, peak_lr):
    if step < warmup_steps:
        return peak_lr * (step + 1) / warmup_steps
    return peak_lr * max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))
""",
        "goes negative after the last step": """
def linear_warmup_schedule(step, total_steps, warmup_steps, peak_lr):
    if step < warmup_steps:
        return peak_lr * step / warmup_steps
    return peak_lr * (total_steps - step) / max(1, total_steps - warmup_steps)
""",
        "divides by zero without warm-up": """
def linear_warmup_schedule(step, total_steps, warmup_steps, peak_lr):
    if step <= warmup_steps:
        return peak_lr * step / warmup_steps
    return peak_lr * max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))
""",
        "no warm-up: decays from the peak at step 0": """
def linear_warmup_schedule(step, total_steps, warmup_steps, peak_lr):
    return peak_lr * max(0.0, (total_steps - step) / total_steps)
""",
        "returns the multiplier, not the rate": """
def linear_warmup_schedule(step, total_steps, warmup_steps, peak_lr):
    if step < warmup_steps:
        return step / warmup_steps
    return max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))
""",
        "returns a tensor": """
def linear_warmup_schedule(step, total_steps, warmup_steps, peak_lr):
    if step < warmup_steps:
        return torch.tensor(peak_lr * step / warmup_steps)
    return torch.tensor(peak_lr * max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps)))
""",
    },
    "train_step": {
        "forgets to reset stale gradients": _step(
            "model.train()", *_AUTOCAST, "loss.backward()", _CLIP, "optimizer.step()", "scheduler.step()",
            "return loss.item()"),
        "forgets model.train()": _step(
            "optimizer.zero_grad()", *_AUTOCAST, "loss.backward()", _CLIP, "optimizer.step()", "scheduler.step()",
            "return loss.item()"),
        "does not clip the gradients": _step(
            "optimizer.zero_grad()", "model.train()", *_AUTOCAST, "loss.backward()", "optimizer.step()",
            "scheduler.step()", "return loss.item()"),
        "clips after the optimiser step": _step(
            "optimizer.zero_grad()", "model.train()", *_AUTOCAST, "loss.backward()", "optimizer.step()", _CLIP,
            "scheduler.step()", "return loss.item()"),
        "clips each parameter's gradient on its own": _step(
            "optimizer.zero_grad()", "model.train()", *_AUTOCAST, "loss.backward()",
            "for parameter in model.parameters():",
            "    torch.nn.utils.clip_grad_norm_([parameter], max_grad_norm)",
            "optimizer.step()", "scheduler.step()", "return loss.item()"),
        "clips values instead of the norm": _step(
            "optimizer.zero_grad()", "model.train()", *_AUTOCAST, "loss.backward()",
            "torch.nn.utils.clip_grad_value_(model.parameters(), max_grad_norm)",
            "optimizer.step()", "scheduler.step()", "return loss.item()"),
        "forgets the scheduler": _step(
            "optimizer.zero_grad()", "model.train()", *_AUTOCAST, "loss.backward()", _CLIP, "optimizer.step()",
            "return loss.item()"),
        "steps the scheduler before the optimiser": _step(
            "optimizer.zero_grad()", "model.train()", *_AUTOCAST, "loss.backward()", _CLIP, "scheduler.step()",
            "optimizer.step()", "return loss.item()"),
        "ignores autocast_dtype (always float32)": _step(
            "optimizer.zero_grad()", "model.train()", 'loss = model(**batch)["loss"]', "loss.backward()", _CLIP,
            "optimizer.step()", "scheduler.step()", "return loss.item()"),
        "resets the gradients after backward": _step(
            "model.train()", *_AUTOCAST, "loss.backward()", "optimizer.zero_grad()", _CLIP, "optimizer.step()",
            "scheduler.step()", "return loss.item()"),
        "returns the loss tensor": _step(
            "optimizer.zero_grad()", "model.train()", *_AUTOCAST, "loss.backward()", _CLIP, "optimizer.step()",
            "scheduler.step()", "return loss"),
        "returns the loss after the update": _step(
            "optimizer.zero_grad()", "model.train()", *_AUTOCAST, "loss.backward()", _CLIP, "optimizer.step()",
            "scheduler.step()", "with torch.no_grad():", '    return model(**batch)["loss"].item()'),
    },
    "accumulate_gradients": {
        "weights every micro-batch by 1 / (number of micro-batches)": _accumulate(
            "1 / count", "+= loss.item() * share"),
        "adds the micro-batch means without weighting them": _accumulate("1.0", "+= loss.item() / count"),
        "resets the gradients before each micro-batch": _accumulate(
            "len(micro_batch['labels']) / batch_size", "+= loss.item() * share", reset="model.zero_grad()"),
        "returns the last micro-batch's loss": _accumulate(
            "len(micro_batch['labels']) / batch_size", "= loss.item()"),
        "averages the returned losses without weights": _accumulate(
            "len(micro_batch['labels']) / batch_size", "+= loss.item() / count"),
        "runs the whole batch at once": """
def accumulate_gradients(model, batch, micro_batch_size):
    loss = model(**batch)["loss"]
    loss.backward()
    return loss.item()
""",
        "drops the last, smaller micro-batch": """
def accumulate_gradients(model, batch, micro_batch_size):
    batch_size = len(batch["labels"])
    usable = batch_size - batch_size % micro_batch_size or batch_size
    total_loss = 0.0
    for start in range(0, usable, micro_batch_size):
        micro_batch = {key: value[start:start + micro_batch_size] for key, value in batch.items()}
        loss = model(**micro_batch)["loss"] * len(micro_batch["labels"]) / usable
        loss.backward()
        total_loss += loss.item()
    return total_loss
""",
        "slices only the input ids": """
def accumulate_gradients(model, batch, micro_batch_size):
    batch_size = len(batch["labels"])
    total_loss = 0.0
    for start in range(0, batch_size, micro_batch_size):
        ids = batch["input_ids"][start:start + micro_batch_size]
        loss = model(input_ids=ids, attention_mask=torch.ones_like(ids),
                     labels=batch["labels"][start:start + micro_batch_size])["loss"]
        share = len(ids) / batch_size
        (loss * share).backward()
        total_loss += loss.item() * share
    return total_loss
""",
    },
}

FAMILY_EXEMPTIONS: dict = {}
