"""Typical wrong answers for 7_mlops/06_actor_critic_and_ppo. Each must be rejected by its check cell."""

MISTAKES = {
    "generalised_advantages": {
        "ignores episode ends: advantages flow across terminations and truncations": """
def generalised_advantages(rewards, values, terminated, truncated, gamma, lam):
    advantages = torch.zeros(rewards.shape, dtype=torch.float32)
    running = torch.zeros(rewards.shape[1:], dtype=torch.float32)
    for step in reversed(range(len(rewards))):
        delta = rewards[step] + gamma * values[step + 1] - values[step]
        running = delta + gamma * lam * running
        advantages[step] = running
    return advantages
""",
        "treats a truncation like a termination (no bootstrap from the final observation)": """
def generalised_advantages(rewards, values, terminated, truncated, gamma, lam):
    advantages = torch.zeros(rewards.shape, dtype=torch.float32)
    running = torch.zeros(rewards.shape[1:], dtype=torch.float32)
    for step in reversed(range(len(rewards))):
        alive = 1.0 - (terminated[step] | truncated[step]).float()
        delta = rewards[step] + gamma * alive * values[step + 1] - values[step]
        running = delta + gamma * lam * alive * running
        advantages[step] = running
    return advantages
""",
        "cuts the recursion at a truncation but bootstraps a terminated step too": """
def generalised_advantages(rewards, values, terminated, truncated, gamma, lam):
    advantages = torch.zeros(rewards.shape, dtype=torch.float32)
    running = torch.zeros(rewards.shape[1:], dtype=torch.float32)
    for step in reversed(range(len(rewards))):
        same_episode = 1.0 - (terminated[step] | truncated[step]).float()
        delta = rewards[step] + gamma * values[step + 1] - values[step]
        running = delta + gamma * lam * same_episode * running
        advantages[step] = running
    return advantages
""",
        "lets advantages flow back across a truncation": """
def generalised_advantages(rewards, values, terminated, truncated, gamma, lam):
    advantages = torch.zeros(rewards.shape, dtype=torch.float32)
    running = torch.zeros(rewards.shape[1:], dtype=torch.float32)
    for step in reversed(range(len(rewards))):
        alive = 1.0 - terminated[step].float()
        delta = rewards[step] + gamma * alive * values[step + 1] - values[step]
        running = delta + gamma * lam * alive * running
        advantages[step] = running
    return advantages
""",
        "uses the mask of the next step (off by one in the episode ends)": """
def generalised_advantages(rewards, values, terminated, truncated, gamma, lam):
    advantages = torch.zeros(rewards.shape, dtype=torch.float32)
    running = torch.zeros(rewards.shape[1:], dtype=torch.float32)
    for step in reversed(range(len(rewards))):
        nxt = min(step + 1, len(rewards) - 1)
        alive = 1.0 - terminated[nxt].float()
        same_episode = alive * (1.0 - truncated[nxt].float())
        delta = rewards[step] + gamma * alive * values[step + 1] - values[step]
        running = delta + gamma * lam * same_episode * running
        advantages[step] = running
    return advantages
""",
        "discounts the recursion by lam only, not gamma * lam": """
def generalised_advantages(rewards, values, terminated, truncated, gamma, lam):
    advantages = torch.zeros(rewards.shape, dtype=torch.float32)
    running = torch.zeros(rewards.shape[1:], dtype=torch.float32)
    for step in reversed(range(len(rewards))):
        alive = 1.0 - terminated[step].float()
        same_episode = alive * (1.0 - truncated[step].float())
        delta = rewards[step] + gamma * alive * values[step + 1] - values[step]
        running = delta + lam * same_episode * running
        advantages[step] = running
    return advantages
""",
        "uses lam in the TD error and gamma in the recursion": """
def generalised_advantages(rewards, values, terminated, truncated, gamma, lam):
    advantages = torch.zeros(rewards.shape, dtype=torch.float32)
    running = torch.zeros(rewards.shape[1:], dtype=torch.float32)
    for step in reversed(range(len(rewards))):
        alive = 1.0 - terminated[step].float()
        same_episode = alive * (1.0 - truncated[step].float())
        delta = rewards[step] + lam * alive * values[step + 1] - values[step]
        running = delta + gamma * same_episode * running
        advantages[step] = running
    return advantages
""",
        "runs forwards in time": """
def generalised_advantages(rewards, values, terminated, truncated, gamma, lam):
    advantages = torch.zeros(rewards.shape, dtype=torch.float32)
    running = torch.zeros(rewards.shape[1:], dtype=torch.float32)
    for step in range(len(rewards)):
        alive = 1.0 - terminated[step].float()
        same_episode = alive * (1.0 - truncated[step].float())
        delta = rewards[step] + gamma * alive * values[step + 1] - values[step]
        running = delta + gamma * lam * same_episode * running
        advantages[step] = running
    return advantages
""",
        "returns the return targets (advantages + values) instead of the advantages": """
def generalised_advantages(rewards, values, terminated, truncated, gamma, lam):
    advantages = torch.zeros(rewards.shape, dtype=torch.float32)
    running = torch.zeros(rewards.shape[1:], dtype=torch.float32)
    for step in reversed(range(len(rewards))):
        alive = 1.0 - terminated[step].float()
        same_episode = alive * (1.0 - truncated[step].float())
        delta = rewards[step] + gamma * alive * values[step + 1] - values[step]
        running = delta + gamma * lam * same_episode * running
        advantages[step] = running
    return advantages + values[:-1]
""",
        "uses values[t] as the next state's value (off by one in the values)": """
def generalised_advantages(rewards, values, terminated, truncated, gamma, lam):
    advantages = torch.zeros(rewards.shape, dtype=torch.float32)
    running = torch.zeros(rewards.shape[1:], dtype=torch.float32)
    for step in reversed(range(len(rewards))):
        alive = 1.0 - terminated[step].float()
        same_episode = alive * (1.0 - truncated[step].float())
        delta = rewards[step] + gamma * alive * values[step] - values[step]
        running = delta + gamma * lam * same_episode * running
        advantages[step] = running
    return advantages
""",
        "ignores the bootstrap value at the end of the rollout": """
def generalised_advantages(rewards, values, terminated, truncated, gamma, lam):
    advantages = torch.zeros(rewards.shape, dtype=torch.float32)
    running = torch.zeros(rewards.shape[1:], dtype=torch.float32)
    values = torch.cat([values[:-1], torch.zeros_like(values[-1:])])
    for step in reversed(range(len(rewards))):
        alive = 1.0 - terminated[step].float()
        same_episode = alive * (1.0 - truncated[step].float())
        delta = rewards[step] + gamma * alive * values[step + 1] - values[step]
        running = delta + gamma * lam * same_episode * running
        advantages[step] = running
    return advantages
""",
        "float64 advantages": """
def generalised_advantages(rewards, values, terminated, truncated, gamma, lam):
    advantages = torch.zeros(rewards.shape, dtype=torch.float64)
    running = torch.zeros(rewards.shape[1:], dtype=torch.float64)
    for step in reversed(range(len(rewards))):
        alive = 1.0 - terminated[step].double()
        same_episode = alive * (1.0 - truncated[step].double())
        delta = rewards[step] + gamma * alive * values[step + 1] - values[step]
        running = delta + gamma * lam * same_episode * running
        advantages[step] = running
    return advantages
""",
        "overwrites the rewards with the advantages (changes its input in place)": """
def generalised_advantages(rewards, values, terminated, truncated, gamma, lam):
    running = torch.zeros(rewards.shape[1:], dtype=torch.float32)
    for step in reversed(range(len(rewards))):
        alive = 1.0 - terminated[step].float()
        same_episode = alive * (1.0 - truncated[step].float())
        delta = rewards[step] + gamma * alive * values[step + 1] - values[step]
        running = delta + gamma * lam * same_episode * running
        rewards[step] = running
    return rewards
""",
    },
    "clipped_surrogate_loss": {
        "no minus sign: maximises the loss instead of the objective": """
def clipped_surrogate_loss(new_log_probs, old_log_probs, advantages, clip):
    ratio = torch.exp(new_log_probs - old_log_probs)
    return torch.minimum(ratio * advantages, torch.clamp(ratio, 1 - clip, 1 + clip) * advantages).mean()
""",
        "only the clipped term (no minimum)": """
def clipped_surrogate_loss(new_log_probs, old_log_probs, advantages, clip):
    ratio = torch.exp(new_log_probs - old_log_probs)
    return -(torch.clamp(ratio, 1 - clip, 1 + clip) * advantages).mean()
""",
        "maximum instead of minimum (optimistic, not pessimistic)": """
def clipped_surrogate_loss(new_log_probs, old_log_probs, advantages, clip):
    ratio = torch.exp(new_log_probs - old_log_probs)
    return -torch.maximum(ratio * advantages, torch.clamp(ratio, 1 - clip, 1 + clip) * advantages).mean()
""",
        "the ratio inverted (old over new)": """
def clipped_surrogate_loss(new_log_probs, old_log_probs, advantages, clip):
    ratio = torch.exp(old_log_probs - new_log_probs)
    return -torch.minimum(ratio * advantages, torch.clamp(ratio, 1 - clip, 1 + clip) * advantages).mean()
""",
        "divides the log-probabilities instead of exponentiating their difference": """
def clipped_surrogate_loss(new_log_probs, old_log_probs, advantages, clip):
    ratio = new_log_probs / old_log_probs
    return -torch.minimum(ratio * advantages, torch.clamp(ratio, 1 - clip, 1 + clip) * advantages).mean()
""",
        "clips the log-ratio instead of the ratio": """
def clipped_surrogate_loss(new_log_probs, old_log_probs, advantages, clip):
    log_ratio = new_log_probs - old_log_probs
    clipped = torch.exp(torch.clamp(log_ratio, -clip, clip))
    return -torch.minimum(log_ratio.exp() * advantages, clipped * advantages).mean()
""",
        "clips only from above": """
def clipped_surrogate_loss(new_log_probs, old_log_probs, advantages, clip):
    ratio = torch.exp(new_log_probs - old_log_probs)
    return -torch.minimum(ratio * advantages, torch.clamp(ratio, max=1 + clip) * advantages).mean()
""",
        "clips the product ratio * advantage instead of the ratio": """
def clipped_surrogate_loss(new_log_probs, old_log_probs, advantages, clip):
    ratio = torch.exp(new_log_probs - old_log_probs)
    return -torch.minimum(ratio * advantages, torch.clamp(ratio * advantages, 1 - clip, 1 + clip)).mean()
""",
        "detaches the ratio: no gradient reaches the policy": """
def clipped_surrogate_loss(new_log_probs, old_log_probs, advantages, clip):
    ratio = torch.exp(new_log_probs - old_log_probs).detach()
    return -torch.minimum(ratio * advantages, torch.clamp(ratio, 1 - clip, 1 + clip) * advantages).mean()
""",
        "sum over samples instead of the mean": """
def clipped_surrogate_loss(new_log_probs, old_log_probs, advantages, clip):
    ratio = torch.exp(new_log_probs - old_log_probs)
    return -torch.minimum(ratio * advantages, torch.clamp(ratio, 1 - clip, 1 + clip) * advantages).sum()
""",
        "the minimum of the means instead of the mean of the per-sample minimum": """
def clipped_surrogate_loss(new_log_probs, old_log_probs, advantages, clip):
    ratio = torch.exp(new_log_probs - old_log_probs)
    return -torch.minimum((ratio * advantages).mean(), (torch.clamp(ratio, 1 - clip, 1 + clip) * advantages).mean())
""",
        "the plain surrogate, no clipping at all": """
def clipped_surrogate_loss(new_log_probs, old_log_probs, advantages, clip):
    return -(torch.exp(new_log_probs - old_log_probs) * advantages).mean()
""",
        "returns a 1-element tensor instead of a 0-d one": """
def clipped_surrogate_loss(new_log_probs, old_log_probs, advantages, clip):
    ratio = torch.exp(new_log_probs - old_log_probs)
    return -torch.minimum(ratio * advantages, torch.clamp(ratio, 1 - clip, 1 + clip) * advantages).mean().reshape(1)
""",
    },
}
