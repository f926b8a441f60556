"""Typical wrong answers for 4_cnn_rnn/07_sequences_in_practice. Each must be rejected by its check cell."""

MISTAKES = {
    "make_windows": {
        "the target is the window's own last value (predicts today, not tomorrow)": """
def make_windows(series, window):
    n = len(series) - window
    inputs = np.stack([series[i:i + window] for i in range(n)])
    return inputs, inputs[:, -1].copy()
""",
        "each window contains its target (leaks the answer)": """
def make_windows(series, window):
    n = len(series) - window
    inputs = np.stack([series[i + 1:i + 1 + window] for i in range(n)])
    return inputs, np.array(series[window:])
""",
        "the target is two steps ahead": """
def make_windows(series, window):
    n = len(series) - window - 1
    inputs = np.stack([series[i:i + window] for i in range(n)])
    return inputs, np.array(series[window + 1:])
""",
        "one window too few (drops the last pair)": """
def make_windows(series, window):
    n = len(series) - window - 1
    inputs = np.stack([series[i:i + window] for i in range(n)])
    return inputs, np.array(series[window:window + n])
""",
        "windows of window - 1 values": """
def make_windows(series, window):
    n = len(series) - window
    inputs = np.stack([series[i + 1:i + window] for i in range(n)])
    return inputs, np.array(series[window:])
""",
        "sliding_window_view over the whole series: one window too many, targets misaligned": """
def make_windows(series, window):
    inputs = np.lib.stride_tricks.sliding_window_view(series, window)
    return inputs[:-1], np.array(series[window - 1:-1])
""",
        "windows newest value first": """
def make_windows(series, window):
    n = len(series) - window
    inputs = np.stack([series[i:i + window][::-1] for i in range(n)])
    return inputs, np.array(series[window:])
""",
        "returns a list": """
def make_windows(series, window):
    n = len(series) - window
    inputs = np.stack([series[i:i + window] for i in range(n)])
    return [inputs, np.array(series[window:])]
""",
        "shuffles the pairs": """
def make_windows(series, window):
    n = len(series) - window
    inputs = np.stack([series[i:i + window] for i in range(n)])
    targets = np.array(series[window:])
    order = np.random.default_rng(0).permutation(n)
    return inputs[order], targets[order]
""",
    },
    "chronological_split": {
        "shuffles the dates before splitting": """
def chronological_split(dates, validation_start, test_start):
    order = np.random.default_rng(0).permutation(len(dates))
    shuffled = dates[order]
    return shuffled < validation_start, (shuffled >= validation_start) & (shuffled < test_start), shuffled >= test_start
""",
        "a date on the validation boundary goes to training (<=)": """
def chronological_split(dates, validation_start, test_start):
    train = dates <= validation_start
    validation = (dates > validation_start) & (dates < test_start)
    return train, validation, dates >= test_start
""",
        "a date on the test boundary stays in validation": """
def chronological_split(dates, validation_start, test_start):
    validation = (dates >= validation_start) & (dates <= test_start)
    return dates < validation_start, validation, dates > test_start
""",
        "validation forgets its upper end (overlaps the test period)": """
def chronological_split(dates, validation_start, test_start):
    return dates < validation_start, dates >= validation_start, dates >= test_start
""",
        "splits by fractions of the length (70/15/15) instead of by date": """
def chronological_split(dates, validation_start, test_start):
    n = len(dates)
    position = np.arange(n)
    train = position < int(0.7 * n)
    validation = (position >= int(0.7 * n)) & (position < int(0.85 * n))
    return train, validation, position >= int(0.85 * n)
""",
        "returns indices instead of masks": """
def chronological_split(dates, validation_start, test_start):
    return (np.flatnonzero(dates < validation_start),
            np.flatnonzero((dates >= validation_start) & (dates < test_start)),
            np.flatnonzero(dates >= test_start))
""",
        "returns 0/1 integers instead of booleans": """
def chronological_split(dates, validation_start, test_start):
    return ((dates < validation_start).astype(int), ((dates >= validation_start) & (dates < test_start)).astype(int),
            (dates >= test_start).astype(int))
""",
        "the boundaries swapped": """
def chronological_split(dates, validation_start, test_start):
    return dates < test_start, (dates >= test_start) & (dates < validation_start), dates >= validation_start
""",
    },
    "standardise_with_training_period": {
        "statistics from the whole series (leaks the future)": """
def standardise_with_training_period(values, train_mask):
    mean, std = float(values.mean()), float(values.std())
    return (values - mean) / std, mean, std
""",
        "statistics from the test period": """
def standardise_with_training_period(values, train_mask):
    later = values[~train_mask]
    mean, std = float(later.mean()), float(later.std())
    return (values - mean) / std, mean, std
""",
        "sample standard deviation (ddof=1)": """
def standardise_with_training_period(values, train_mask):
    mean, std = float(values[train_mask].mean()), float(values[train_mask].std(ddof=1))
    return (values - mean) / std, mean, std
""",
        "min-max scaling instead of standardising": """
def standardise_with_training_period(values, train_mask):
    low, high = float(values[train_mask].min()), float(values[train_mask].max())
    return (values - low) / (high - low), low, high - low
""",
        "only divides by the standard deviation": """
def standardise_with_training_period(values, train_mask):
    mean, std = float(values[train_mask].mean()), float(values[train_mask].std())
    return values / std, mean, std
""",
        "returns only the training period": """
def standardise_with_training_period(values, train_mask):
    mean, std = float(values[train_mask].mean()), float(values[train_mask].std())
    return (values[train_mask] - mean) / std, mean, std
""",
        "standardises the caller's array in place": """
def standardise_with_training_period(values, train_mask):
    mean, std = float(values[train_mask].mean()), float(values[train_mask].std())
    values -= mean
    values /= std
    return values, mean, std
""",
        "returns the statistics as NumPy arrays": """
def standardise_with_training_period(values, train_mask):
    mean, std = values[train_mask].mean(keepdims=True), values[train_mask].std(keepdims=True)
    return (values - mean) / std, mean, std
""",
    },
    "baseline_forecasts": {
        "naive forecast from the oldest value of the window": """
def baseline_forecasts(train_inputs, train_targets, inputs):
    design = np.column_stack([train_inputs, np.ones(len(train_inputs))])
    coefficients, *_ = np.linalg.lstsq(design, train_targets, rcond=None)
    return inputs[:, 0].copy(), np.column_stack([inputs, np.ones(len(inputs))]) @ coefficients
""",
        "naive forecast is the window's mean": """
def baseline_forecasts(train_inputs, train_targets, inputs):
    design = np.column_stack([train_inputs, np.ones(len(train_inputs))])
    coefficients, *_ = np.linalg.lstsq(design, train_targets, rcond=None)
    return inputs.mean(axis=1), np.column_stack([inputs, np.ones(len(inputs))]) @ coefficients
""",
        "AR without an intercept": """
def baseline_forecasts(train_inputs, train_targets, inputs):
    coefficients, *_ = np.linalg.lstsq(train_inputs, train_targets, rcond=None)
    return inputs[:, -1].copy(), inputs @ coefficients
""",
        "AR predicts the training targets' mean": """
def baseline_forecasts(train_inputs, train_targets, inputs):
    return inputs[:, -1].copy(), np.full(len(inputs), train_targets.mean())
""",
        "AR fitted to predict the window's last value (today) instead of the target": """
def baseline_forecasts(train_inputs, train_targets, inputs):
    design = np.column_stack([train_inputs, np.ones(len(train_inputs))])
    coefficients, *_ = np.linalg.lstsq(design[:, 1:], train_targets, rcond=None)
    return inputs[:, -1].copy(), np.column_stack([inputs[:, 1:], np.ones(len(inputs))]) @ coefficients
""",
        "AR coefficients applied to the windows in reverse order": """
def baseline_forecasts(train_inputs, train_targets, inputs):
    design = np.column_stack([train_inputs, np.ones(len(train_inputs))])
    coefficients, *_ = np.linalg.lstsq(design, train_targets, rcond=None)
    return inputs[:, -1].copy(), np.column_stack([inputs[:, ::-1], np.ones(len(inputs))]) @ coefficients
""",
        "returns the AR fit on the training windows": """
def baseline_forecasts(train_inputs, train_targets, inputs):
    design = np.column_stack([train_inputs, np.ones(len(train_inputs))])
    coefficients, *_ = np.linalg.lstsq(design, train_targets, rcond=None)
    return inputs[:, -1].copy(), design @ coefficients
""",
        "returns (autoregressive, naive), the wrong order": """
def baseline_forecasts(train_inputs, train_targets, inputs):
    design = np.column_stack([train_inputs, np.ones(len(train_inputs))])
    coefficients, *_ = np.linalg.lstsq(design, train_targets, rcond=None)
    return np.column_stack([inputs, np.ones(len(inputs))]) @ coefficients, inputs[:, -1].copy()
""",
    },
    "daily_returns": {
        "upside down: yesterday over today": """
def daily_returns(prices):
    return prices[:-1] / prices[1:] - 1
""",
        "divides the change by today's price instead of yesterday's": """
def daily_returns(prices):
    return (prices[1:] - prices[:-1]) / prices[1:]
""",
        "the wrong sign": """
def daily_returns(prices):
    return 1 - prices[1:] / prices[:-1]
""",
        "log returns": """
def daily_returns(prices):
    return np.diff(np.log(prices))
""",
        "two-day returns (wrong lag)": """
def daily_returns(prices):
    return np.concatenate([[prices[1] / prices[0] - 1], prices[2:] / prices[:-2] - 1])
""",
        "forgets to subtract 1 (gross returns)": """
def daily_returns(prices):
    return prices[1:] / prices[:-1]
""",
        "price changes in dollars, not relative": """
def daily_returns(prices):
    return np.diff(prices)
""",
        "keeps the length with a 0 for the first day": """
def daily_returns(prices):
    return np.concatenate([[0.0], prices[1:] / prices[:-1] - 1])
""",
        "a list instead of an array": """
def daily_returns(prices):
    return [later / earlier - 1 for earlier, later in zip(prices[:-1], prices[1:])]
""",
    },
    "accuracy_with_standard_error": {
        "standard error assuming accuracy 0.5": """
def accuracy_with_standard_error(predictions, labels):
    accuracy = float(np.mean(np.asarray(predictions) == np.asarray(labels)))
    return accuracy, math.sqrt(0.25 / len(labels))
""",
        "forgets the square root": """
def accuracy_with_standard_error(predictions, labels):
    accuracy = float(np.mean(np.asarray(predictions) == np.asarray(labels)))
    return accuracy, accuracy * (1 - accuracy) / len(labels)
""",
        "the standard deviation, not divided by sqrt(n)": """
def accuracy_with_standard_error(predictions, labels):
    accuracy = float(np.mean(np.asarray(predictions) == np.asarray(labels)))
    return accuracy, math.sqrt(accuracy * (1 - accuracy))
""",
        "divides by n - 1": """
def accuracy_with_standard_error(predictions, labels):
    accuracy = float(np.mean(np.asarray(predictions) == np.asarray(labels)))
    return accuracy, math.sqrt(accuracy * (1 - accuracy) / (len(labels) - 1))
""",
        "the error rate instead of the accuracy": """
def accuracy_with_standard_error(predictions, labels):
    error = float(np.mean(np.asarray(predictions) != np.asarray(labels)))
    return error, math.sqrt(error * (1 - error) / len(labels))
""",
        "in percent": """
def accuracy_with_standard_error(predictions, labels):
    accuracy = float(np.mean(np.asarray(predictions) == np.asarray(labels)))
    return 100 * accuracy, 100 * math.sqrt(accuracy * (1 - accuracy) / len(labels))
""",
        "divides by n instead of sqrt(n) inside": """
def accuracy_with_standard_error(predictions, labels):
    accuracy = float(np.mean(np.asarray(predictions) == np.asarray(labels)))
    return accuracy, math.sqrt(accuracy * (1 - accuracy)) / len(labels)
""",
        "returns NumPy scalars in a list": """
def accuracy_with_standard_error(predictions, labels):
    accuracy = np.mean(np.asarray(predictions) == np.asarray(labels))
    return [accuracy, np.sqrt(accuracy * (1 - accuracy) / len(labels))]
""",
        "counts the share of positive predictions": """
def accuracy_with_standard_error(predictions, labels):
    accuracy = float(np.mean(np.asarray(predictions) == 1))
    return accuracy, math.sqrt(accuracy * (1 - accuracy) / len(labels))
""",
    },
    "last_real_state": {
        "the last column, a padding step for shorter sequences": """
def last_real_state(outputs, lengths):
    return outputs[:, -1]
""",
        "off by one: index lengths instead of lengths - 1": """
def last_real_state(outputs, lengths):
    index = torch.clamp(lengths, max=outputs.shape[1] - 1)
    return outputs[torch.arange(len(lengths)), index]
""",
        "indexes the batch axis with the lengths": """
def last_real_state(outputs, lengths):
    return outputs[lengths - 1, -1]
""",
        "selects the same step for every sequence (the longest)": """
def last_real_state(outputs, lengths):
    return outputs[:, int(lengths.max()) - 1]
""",
        "the first step": """
def last_real_state(outputs, lengths):
    return outputs[:, 0]
""",
        "mean over all steps, padding included": """
def last_real_state(outputs, lengths):
    return outputs.mean(dim=1)
""",
        "max over time": """
def last_real_state(outputs, lengths):
    return outputs.max(dim=1).values
""",
        "outputs[:, lengths - 1]: every sequence at every length": """
def last_real_state(outputs, lengths):
    return outputs[:, lengths - 1]
""",
        "a Python loop that takes the state at lengths[0] for every row": """
def last_real_state(outputs, lengths):
    return torch.stack([outputs[row, lengths[0] - 1] for row in range(len(lengths))])
""",
        "returns a NumPy array": """
def last_real_state(outputs, lengths):
    return outputs[torch.arange(len(lengths)), lengths - 1].numpy()
""",
        "reverses the sequences first (counts from the end)": """
def last_real_state(outputs, lengths):
    return outputs.flip(1)[torch.arange(len(lengths)), lengths - 1]
""",
    },
}

FAMILY_EXEMPTIONS = {
    "accuracy_with_standard_error": {
        "swaps `predictions` and `labels`": "accuracy counts the positions where the two arrays agree, so it is "
        "symmetric in them: swapping them gives the right answer",
    },
}
