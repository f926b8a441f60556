"""Typical wrong answers for 2_pytorch/04_distributions_and_policies. Each must be rejected by its check cell."""

MISTAKES = {
    "softmax_policy": {
        "no max subtraction: overflows to nan for large logits": """
def softmax_policy(logits):
    exponentials = torch.exp(logits)
    return exponentials / exponentials.sum(dim=-1, keepdim=True)
""",
        "normalises over the first dimension instead of the last": """
def softmax_policy(logits):
    exponentials = torch.exp(logits - logits.max(dim=0, keepdim=True).values)
    return exponentials / exponentials.sum(dim=0, keepdim=True)
""",
        "subtracts the maximum of the whole batch, not of each row": """
def softmax_policy(logits):
    exponentials = torch.exp(logits - logits.max())
    return exponentials / exponentials.sum(dim=-1, keepdim=True)
""",
        "divides by the sum over the whole batch": """
def softmax_policy(logits):
    exponentials = torch.exp(logits - logits.max(dim=-1, keepdim=True).values)
    return exponentials / exponentials.sum()
""",
        "sigmoid of each logit instead of a softmax": """
def softmax_policy(logits):
    return torch.sigmoid(logits)
""",
        "subtracts the smallest logit: still overflows when logits are far apart": """
def softmax_policy(logits):
    exponentials = torch.exp(logits - logits.min(dim=-1, keepdim=True).values)
    return exponentials / exponentials.sum(dim=-1, keepdim=True)
""",
        "subtracts the mean logit: still overflows when logits are far apart": """
def softmax_policy(logits):
    exponentials = torch.exp(logits - logits.mean(dim=-1, keepdim=True))
    return exponentials / exponentials.sum(dim=-1, keepdim=True)
""",
    },
    "sample_action": {
        "cumulative sum >= u instead of > u (off by one on boundaries)": """
def sample_action(probabilities, uniform):
    cumulative = torch.cumsum(probabilities, dim=0)
    return min(int((cumulative < uniform).sum()), len(probabilities) - 1)
""",
        "greedy: always the most likely action": """
def sample_action(probabilities, uniform):
    return int(probabilities.argmax())
""",
        "compares the probabilities themselves, not their cumulative sums": """
def sample_action(probabilities, uniform):
    return int(torch.nonzero(probabilities > uniform)[0])
""",
        "ignores the probabilities: a uniform choice": """
def sample_action(probabilities, uniform):
    return int(uniform * len(probabilities))
""",
        "no guard against rounding: can return an index past the last action": """
def sample_action(probabilities, uniform):
    cumulative = torch.cumsum(probabilities, dim=0)
    return int((cumulative <= uniform).sum())
""",
        "returns a 0-d tensor instead of an int": """
def sample_action(probabilities, uniform):
    cumulative = torch.cumsum(probabilities, dim=0)
    return torch.clamp((cumulative <= uniform).sum(), max=len(probabilities) - 1)
""",
    },
    "reinforce_loss": {
        "wrong sign: minimising the expected reward": """
def reinforce_loss(log_probs, returns, baseline):
    return (log_probs * (returns - baseline).detach()).mean()
""",
        "forgets to subtract the baseline": """
def reinforce_loss(log_probs, returns, baseline):
    return -(log_probs * returns.detach()).mean()
""",
        "does not detach the advantage: the loss trains the baseline too": """
def reinforce_loss(log_probs, returns, baseline):
    return -(log_probs * (returns - baseline)).mean()
""",
        "detaches the log-probabilities instead: no gradient reaches the policy": """
def reinforce_loss(log_probs, returns, baseline):
    return -(log_probs.detach() * (returns - baseline)).mean()
""",
        "sum over the batch instead of the mean": """
def reinforce_loss(log_probs, returns, baseline):
    return -(log_probs * (returns - baseline).detach()).sum()
""",
        "adds the baseline instead of subtracting it": """
def reinforce_loss(log_probs, returns, baseline):
    return -(log_probs * (returns + baseline).detach()).mean()
""",
        "returns a 1-element tensor instead of a 0-d one": """
def reinforce_loss(log_probs, returns, baseline):
    return -(log_probs * (returns - baseline).detach()).mean().reshape(1)
""",
    },
    "discounted_returns": {
        "accumulates forwards in time (discounts the past, not the future)": """
def discounted_returns(rewards, gamma):
    returns = torch.zeros(len(rewards))
    running = 0.0
    for step in range(len(rewards)):
        running = float(rewards[step]) + gamma * running
        returns[step] = running
    return returns
""",
        "leaves out the reward of the step itself (G_t = gamma * G_{t+1})": """
def discounted_returns(rewards, gamma):
    returns = torch.zeros(len(rewards))
    running = 0.0
    for step in reversed(range(len(rewards))):
        returns[step] = gamma * running
        running = float(rewards[step]) + gamma * running
    return returns
""",
        "discount exponent off by one (the first reward is already discounted)": """
def discounted_returns(rewards, gamma):
    returns = torch.zeros(len(rewards))
    running = 0.0
    for step in reversed(range(len(rewards))):
        running = gamma * (float(rewards[step]) + running)
        returns[step] = running
    return returns
""",
        "the same total return for every step": """
def discounted_returns(rewards, gamma):
    total = sum(float(reward) * gamma**step for step, reward in enumerate(rewards))
    return torch.full((len(rewards),), total)
""",
        "computed backwards but not put back in time order": """
def discounted_returns(rewards, gamma):
    returns = []
    running = 0.0
    for reward in reversed(list(rewards)):
        running = float(reward) + gamma * running
        returns.append(running)
    return torch.tensor(returns)
""",
        "fills a tensor made from the rewards: integer rewards give an integer tensor": """
def discounted_returns(rewards, gamma):
    returns = torch.tensor(rewards)
    running = 0.0
    for step in reversed(range(len(rewards))):
        running = float(rewards[step]) + gamma * running
        returns[step] = running
    return returns
""",
        "float64 returns (torch.tensor of Python floats with dtype=torch.float64)": """
def discounted_returns(rewards, gamma):
    values, running = [], 0.0
    for reward in reversed(list(rewards)):
        running = float(reward) + gamma * running
        values.insert(0, running)
    return torch.tensor(values, dtype=torch.float64)
""",
    },
}
