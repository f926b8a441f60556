"""Typical wrong answers for 6_llms/07_rag_with_faiss. Each must be rejected by its check."""


def _nll(log_probabilities: str, targets: str, counted: str, result: str) -> str:
    return f"""
def answer_nll(logits, input_ids, answer_mask):
    log_probabilities = {log_probabilities}
    targets = {targets}
    token_nll = -log_probabilities.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    counted = ({counted}).to(token_nll.dtype)
    return {result}
"""


_LOG_SOFTMAX = "torch.log_softmax(logits[:, :-1], dim=-1)"
_PER_ROW = "(token_nll * counted).sum(dim=1) / counted.sum(dim=1)"

MISTAKES = {
    "recall_at_k": {
        "counts the relevant chunks found, divided by k (precision@k)": """
def recall_at_k(ranked, relevant, k):
    return float(np.mean([sum(chunk in ids for chunk in row[:k]) / k for row, ids in zip(ranked, relevant)]))
""",
        "the share of each question's relevant chunks found (IR recall)": """
def recall_at_k(ranked, relevant, k):
    return float(np.mean([len(set(row[:k].tolist()) & ids) / len(ids) for row, ids in zip(ranked, relevant)]))
""",
        "looks at k + 1 results (off by one)": """
def recall_at_k(ranked, relevant, k):
    return float(np.mean([any(chunk in ids for chunk in row[: k + 1]) for row, ids in zip(ranked, relevant)]))
""",
        "counts every relevant chunk in the first k, not each question once": """
def recall_at_k(ranked, relevant, k):
    hits = sum(sum(chunk in ids for chunk in row[:k]) for row, ids in zip(ranked, relevant))
    return float(hits / len(ranked))
""",
        "only checks the k-th result": """
def recall_at_k(ranked, relevant, k):
    return float(np.mean([row[k - 1] in ids for row, ids in zip(ranked, relevant)]))
""",
    },
    "mean_reciprocal_rank": {
        "0-based rank, 1 / (index + 2)": """
def mean_reciprocal_rank(ranked, relevant):
    scores = []
    for row, ids in zip(ranked, relevant):
        ranks = [index for index, chunk in enumerate(row) if chunk in ids]
        scores.append(1.0 / (ranks[0] + 2) if ranks else 0.0)
    return float(np.mean(scores))
""",
        "averages over the questions with a hit only": """
def mean_reciprocal_rank(ranked, relevant):
    scores = []
    for row, ids in zip(ranked, relevant):
        ranks = [rank for rank, chunk in enumerate(row, start=1) if chunk in ids]
        if ranks:
            scores.append(1.0 / ranks[0])
    return float(np.mean(scores))
""",
        "uses the last relevant chunk, not the first": """
def mean_reciprocal_rank(ranked, relevant):
    scores = []
    for row, ids in zip(ranked, relevant):
        ranks = [rank for rank, chunk in enumerate(row, start=1) if chunk in ids]
        scores.append(1.0 / ranks[-1] if ranks else 0.0)
    return float(np.mean(scores))
""",
        "sums the reciprocal ranks of every relevant chunk": """
def mean_reciprocal_rank(ranked, relevant):
    scores = [sum(1.0 / rank for rank, chunk in enumerate(row, start=1) if chunk in ids)
              for row, ids in zip(ranked, relevant)]
    return float(np.mean(scores))
""",
        "the reciprocal of the mean rank": """
def mean_reciprocal_rank(ranked, relevant):
    ranks = []
    for row, ids in zip(ranked, relevant):
        found = [rank for rank, chunk in enumerate(row, start=1) if chunk in ids]
        ranks.append(found[0] if found else len(row) + 1)
    return float(1.0 / np.mean(ranks))
""",
    },
    "answer_nll": {
        "no shift: logits at t scored against the token at t": _nll(
            "torch.log_softmax(logits, dim=-1)", "input_ids", "answer_mask", _PER_ROW
        ),
        "log(softmax(...)): overflows to inf on large logits": _nll(
            "torch.log(torch.softmax(logits[:, :-1], dim=-1))", "input_ids[:, 1:]", "answer_mask[:, 1:]", _PER_ROW
        ),
        "the mask not shifted with the targets": _nll(
            _LOG_SOFTMAX, "input_ids[:, 1:]", "answer_mask[:, :-1]", _PER_ROW
        ),
        "averages over every position, the prompt included": _nll(
            _LOG_SOFTMAX, "input_ids[:, 1:]", "torch.ones_like(answer_mask[:, 1:])", _PER_ROW
        ),
        "divides by the row length instead of the answer length": _nll(
            _LOG_SOFTMAX,
            "input_ids[:, 1:]",
            "answer_mask[:, 1:]",
            "(token_nll * counted).sum(dim=1) / token_nll.shape[1]",
        ),
        "one mean over the whole batch": _nll(
            _LOG_SOFTMAX,
            "input_ids[:, 1:]",
            "answer_mask[:, 1:]",
            "((token_nll * counted).sum() / counted.sum()).expand(len(input_ids))",
        ),
        "returns float64": _nll(
            "torch.log_softmax(logits[:, :-1].double(), dim=-1)", "input_ids[:, 1:]", "answer_mask[:, 1:]", _PER_ROW
        ),
    },
}

FAMILY_EXEMPTIONS: dict = {}
