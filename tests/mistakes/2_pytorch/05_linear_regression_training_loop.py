"""Typical wrong answers for 2_pytorch/05_linear_regression_training_loop. Each must be rejected by its check cell."""

MISTAKES = {
    "mse_loss": {
        "sums instead of averaging": """
def mse_loss(predictions, targets):
    return ((predictions - targets) ** 2).sum()
""",
        "mean absolute error instead of squared": """
def mse_loss(predictions, targets):
    return (predictions - targets).abs().mean()
""",
        "root mean squared error": """
def mse_loss(predictions, targets):
    return ((predictions - targets) ** 2).mean().sqrt()
""",
        "divides by the number of rows, not of elements": """
def mse_loss(predictions, targets):
    return ((predictions - targets) ** 2).sum() / len(predictions)
""",
        "squares the mean difference": """
def mse_loss(predictions, targets):
    return (predictions - targets).mean() ** 2
""",
        "returns a Python float with .item()": """
def mse_loss(predictions, targets):
    return ((predictions - targets) ** 2).mean().item()
""",
        "detaches the loss from the graph": """
def mse_loss(predictions, targets):
    return ((predictions.detach() - targets) ** 2).mean()
""",
        "averages over the first axis only": """
def mse_loss(predictions, targets):
    return ((predictions - targets) ** 2).mean(dim=0)
""",
    },
    "sgd_update": {
        "forgets to reset the gradients": """
def sgd_update(parameters, learning_rate):
    with torch.no_grad():
        for parameter in parameters:
            if parameter.grad is not None:
                parameter -= learning_rate * parameter.grad
""",
        "adds the gradient (ascent instead of descent)": """
def sgd_update(parameters, learning_rate):
    with torch.no_grad():
        for parameter in parameters:
            if parameter.grad is not None:
                parameter += learning_rate * parameter.grad
                parameter.grad.zero_()
""",
        "rebinds the loop variable instead of updating in place": """
def sgd_update(parameters, learning_rate):
    with torch.no_grad():
        for parameter in parameters:
            if parameter.grad is not None:
                gradient = parameter.grad
                parameter = parameter - learning_rate * gradient
                gradient.zero_()
""",
        "updates in place without torch.no_grad()": """
def sgd_update(parameters, learning_rate):
    for parameter in parameters:
        if parameter.grad is not None:
            parameter -= learning_rate * parameter.grad
            parameter.grad.zero_()
""",
        "resets the gradient before using it": """
def sgd_update(parameters, learning_rate):
    with torch.no_grad():
        for parameter in parameters:
            if parameter.grad is not None:
                parameter.grad.zero_()
                parameter -= learning_rate * parameter.grad
""",
        "does not skip parameters without a gradient": """
def sgd_update(parameters, learning_rate):
    with torch.no_grad():
        for parameter in parameters:
            parameter -= learning_rate * parameter.grad
            parameter.grad.zero_()
""",
        "stops at the first parameter without a gradient (break instead of continue)": """
def sgd_update(parameters, learning_rate):
    with torch.no_grad():
        for parameter in parameters:
            if parameter.grad is None:
                break
            parameter -= learning_rate * parameter.grad
            parameter.grad.zero_()
""",
    },
    "train_step": {
        "forgets optimizer.zero_grad(): stale gradients are added": """
def train_step(model, batch, loss_fn, optimizer):
    inputs, targets = batch
    loss = loss_fn(model(inputs), targets)
    loss.backward()
    optimizer.step()
    return loss.item()
""",
        "resets the gradients between backward and step": """
def train_step(model, batch, loss_fn, optimizer):
    inputs, targets = batch
    loss = loss_fn(model(inputs), targets)
    loss.backward()
    optimizer.zero_grad()
    optimizer.step()
    return loss.item()
""",
        "forgets optimizer.step()": """
def train_step(model, batch, loss_fn, optimizer):
    inputs, targets = batch
    optimizer.zero_grad()
    loss = loss_fn(model(inputs), targets)
    loss.backward()
    return loss.item()
""",
        "steps before backward (uses the previous gradients)": """
def train_step(model, batch, loss_fn, optimizer):
    inputs, targets = batch
    loss = loss_fn(model(inputs), targets)
    optimizer.step()
    optimizer.zero_grad()
    loss.backward()
    return loss.item()
""",
        "returns the loss tensor instead of a float": """
def train_step(model, batch, loss_fn, optimizer):
    inputs, targets = batch
    optimizer.zero_grad()
    loss = loss_fn(model(inputs), targets)
    loss.backward()
    optimizer.step()
    return loss
""",
        "returns the loss recomputed after the update": """
def train_step(model, batch, loss_fn, optimizer):
    inputs, targets = batch
    optimizer.zero_grad()
    loss_fn(model(inputs), targets).backward()
    optimizer.step()
    with torch.no_grad():
        return loss_fn(model(inputs), targets).item()
""",
        "always uses F.mse_loss instead of the loss_fn it is given": """
def train_step(model, batch, loss_fn, optimizer):
    inputs, targets = batch
    optimizer.zero_grad()
    loss = F.mse_loss(model(inputs), targets)
    loss.backward()
    optimizer.step()
    return loss.item()
""",
    },
}

FAMILY_EXEMPTIONS = {
    "mse_loss": {
        "swaps `predictions` and `targets`": "the squared error is symmetric: (p - t)² = (t - p)², gradient too",
    },
}
