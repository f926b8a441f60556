"""Typical wrong answers for 6_llms/08_post_training_dpo. Each must be rejected by its check cell."""

MISTAKES = {
    "completion_log_probs": {
        "forgets to shift: position t scores token t": """
def completion_log_probs(logits, input_ids, completion_mask):
    log_probs = logits.log_softmax(dim=-1)
    token_log_probs = log_probs.gather(-1, input_ids.unsqueeze(-1)).squeeze(-1)
    return (token_log_probs * completion_mask).sum(dim=-1)
""",
        "log of softmax (overflows for large logits)": """
def completion_log_probs(logits, input_ids, completion_mask):
    probs = torch.exp(logits[:, :-1]) / torch.exp(logits[:, :-1]).sum(dim=-1, keepdim=True)
    token_log_probs = torch.log(probs.gather(-1, input_ids[:, 1:].unsqueeze(-1)).squeeze(-1))
    return (token_log_probs * completion_mask[:, 1:]).sum(dim=-1)
""",
        "ignores the completion mask (counts prompt and padding)": """
def completion_log_probs(logits, input_ids, completion_mask):
    log_probs = logits[:, :-1].log_softmax(dim=-1)
    return log_probs.gather(-1, input_ids[:, 1:].unsqueeze(-1)).squeeze(-1).sum(dim=-1)
""",
        "uses the mask of the predicting position instead of the predicted token": """
def completion_log_probs(logits, input_ids, completion_mask):
    log_probs = logits[:, :-1].log_softmax(dim=-1)
    token_log_probs = log_probs.gather(-1, input_ids[:, 1:].unsqueeze(-1)).squeeze(-1)
    return (token_log_probs * completion_mask[:, :-1]).sum(dim=-1)
""",
        "averages over tokens instead of summing": """
def completion_log_probs(logits, input_ids, completion_mask):
    log_probs = logits[:, :-1].log_softmax(dim=-1)
    token_log_probs = log_probs.gather(-1, input_ids[:, 1:].unsqueeze(-1)).squeeze(-1)
    mask = completion_mask[:, 1:].float()
    return (token_log_probs * mask).sum(dim=-1) / mask.sum(dim=-1)
""",
        "log-softmax over the sequence axis": """
def completion_log_probs(logits, input_ids, completion_mask):
    log_probs = logits[:, :-1].log_softmax(dim=1)
    token_log_probs = log_probs.gather(-1, input_ids[:, 1:].unsqueeze(-1)).squeeze(-1)
    return (token_log_probs * completion_mask[:, 1:]).sum(dim=-1)
""",
    },
    "bradley_terry_loss": {
        "log of sigmoid (inf for confidently wrong pairs)": """
def bradley_terry_loss(chosen_rewards, rejected_rewards):
    return -torch.log(torch.sigmoid(chosen_rewards - rejected_rewards)).mean()
""",
        "difference the wrong way round": """
def bradley_terry_loss(chosen_rewards, rejected_rewards):
    return -F.logsigmoid(rejected_rewards - chosen_rewards).mean()
""",
        "sums instead of averaging": """
def bradley_terry_loss(chosen_rewards, rejected_rewards):
    return -F.logsigmoid(chosen_rewards - rejected_rewards).sum()
""",
        "sigmoid of each reward separately": """
def bradley_terry_loss(chosen_rewards, rejected_rewards):
    return -(F.logsigmoid(chosen_rewards) + F.logsigmoid(-rejected_rewards)).mean()
""",
        "returns a float instead of a tensor": """
def bradley_terry_loss(chosen_rewards, rejected_rewards):
    return -F.logsigmoid(chosen_rewards - rejected_rewards).mean().item()
""",
    },
    "dpo_loss": {
        "forgets the reference model": """
def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps, reference_rejected_logps, beta):
    return -F.logsigmoid(beta * (policy_chosen_logps - policy_rejected_logps)).mean()
""",
        "forgets beta": """
def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps, reference_rejected_logps, beta):
    margin = (policy_chosen_logps - reference_chosen_logps) - (policy_rejected_logps - reference_rejected_logps)
    return -F.logsigmoid(margin).mean()
""",
        "reference minus policy (sign of the log-ratio flipped)": """
def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps, reference_rejected_logps, beta):
    margin = (reference_chosen_logps - policy_chosen_logps) - (reference_rejected_logps - policy_rejected_logps)
    return -F.logsigmoid(beta * margin).mean()
""",
        "log of sigmoid (unstable)": """
def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps, reference_rejected_logps, beta):
    margin = (policy_chosen_logps - reference_chosen_logps) - (policy_rejected_logps - reference_rejected_logps)
    return -torch.log(torch.sigmoid(beta * margin)).mean()
""",
        "divides by beta": """
def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps, reference_rejected_logps, beta):
    margin = (policy_chosen_logps - reference_chosen_logps) - (policy_rejected_logps - reference_rejected_logps)
    return -F.logsigmoid(margin / beta).mean()
""",
        "sums over pairs": """
def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps, reference_rejected_logps, beta):
    margin = (policy_chosen_logps - reference_chosen_logps) - (policy_rejected_logps - reference_rejected_logps)
    return -F.logsigmoid(beta * margin).sum()
""",
        "ratio of probabilities instead of log-probabilities": """
def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps, reference_rejected_logps, beta):
    margin = policy_chosen_logps / reference_chosen_logps - policy_rejected_logps / reference_rejected_logps
    return -F.logsigmoid(beta * margin).mean()
""",
    },
    "group_relative_advantages": {
        "standardises over the whole batch instead of each group": """
def group_relative_advantages(rewards, epsilon=1e-4):
    return (rewards - rewards.mean()) / (rewards.std() + epsilon)
""",
        "population standard deviation (no Bessel correction)": """
def group_relative_advantages(rewards, epsilon=1e-4):
    mean = rewards.mean(dim=1, keepdim=True)
    std = rewards.std(dim=1, keepdim=True, unbiased=False)
    return (rewards - mean) / (std + epsilon)
""",
        "wrong axis (across prompts)": """
def group_relative_advantages(rewards, epsilon=1e-4):
    mean = rewards.mean(dim=0, keepdim=True)
    std = rewards.std(dim=0, keepdim=True)
    return (rewards - mean) / (std + epsilon)
""",
        "only subtracts the mean": """
def group_relative_advantages(rewards, epsilon=1e-4):
    return rewards - rewards.mean(dim=1, keepdim=True)
""",
        "epsilon inside the square root of the variance": """
def group_relative_advantages(rewards, epsilon=1e-4):
    mean = rewards.mean(dim=1, keepdim=True)
    return (rewards - mean) / torch.sqrt(rewards.var(dim=1, keepdim=True) + epsilon)
""",
        "normalises to the group's range": """
def group_relative_advantages(rewards, epsilon=1e-4):
    low = rewards.min(dim=1, keepdim=True).values
    high = rewards.max(dim=1, keepdim=True).values
    return (rewards - rewards.mean(dim=1, keepdim=True)) / (high - low + epsilon)
""",
    },
}

FAMILY_EXEMPTIONS = {
    "dpo_loss": {
        "swaps `policy_rejected_logps` and `reference_chosen_logps`": (
            "the DPO margin (pc - rc) - (pr - rr) equals (pc - pr) - (rc - rr): the loss is the same function "
            "with these two arguments exchanged, so the swap is not a mistake"
        ),
    },
}
