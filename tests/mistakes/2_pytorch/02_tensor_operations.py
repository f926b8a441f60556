"""Typical wrong answers for 2_pytorch/02_tensor_operations. Each must be rejected by its check cell."""

MISTAKES = {
    "one_hot": {
        "infers the number of classes from the labels": """
def one_hot(labels, num_classes):
    num_classes = int(labels.max()) + 1
    return torch.zeros(len(labels), num_classes, dtype=torch.int64).scatter(1, labels.unsqueeze(1), 1)
""",
        "scatters along dim 0 instead of dim 1": """
def one_hot(labels, num_classes):
    encoded = torch.zeros(len(labels), num_classes, dtype=torch.int64)
    return encoded.scatter(0, labels.unsqueeze(1), 1)
""",
        "builds the transpose: (num_classes, N)": """
def one_hot(labels, num_classes):
    encoded = torch.zeros(num_classes, len(labels), dtype=torch.int64)
    return encoded.scatter(0, labels.unsqueeze(0), 1)
""",
        "writes the label value instead of 1": """
def one_hot(labels, num_classes):
    encoded = torch.zeros(len(labels), num_classes, dtype=torch.int64)
    return encoded.scatter(1, labels.unsqueeze(1), labels.unsqueeze(1))
""",
        "off by one: labels treated as 1-based": """
def one_hot(labels, num_classes):
    encoded = torch.zeros(len(labels), num_classes, dtype=torch.int64)
    return encoded.scatter(1, labels.unsqueeze(1) - 1, 1)
""",
        "float32 matrix (torch.zeros without a dtype)": """
def one_hot(labels, num_classes):
    encoded = torch.zeros(len(labels), num_classes)
    return encoded.scatter(1, labels.unsqueeze(1), 1.0)
""",
        "a bool matrix from a comparison": """
def one_hot(labels, num_classes):
    return labels.unsqueeze(1) == torch.arange(num_classes)
""",
    },
    "bilinear_forms": {
        "uses the transpose of each matrix (bji)": """
def bilinear_forms(x, matrices, y):
    return torch.einsum("bi,bji,bj->b", x, matrices, y)
""",
        "also sums over the batch (empty output)": """
def bilinear_forms(x, matrices, y):
    return torch.einsum("bi,bij,bj->", x, matrices, y)
""",
        "keeps the (B, 1, 1) shape of the batched matmul": """
def bilinear_forms(x, matrices, y):
    return x.unsqueeze(1) @ matrices @ y.unsqueeze(2)
""",
        "keeps the j axis: (B, M) instead of (B,)": """
def bilinear_forms(x, matrices, y):
    return torch.einsum("bi,bij,bj->bj", x, matrices, y)
""",
        "multiplies x with y, skipping the matrix": """
def bilinear_forms(x, matrices, y):
    return torch.einsum("bij,bj->b", matrices, y) * x.sum(dim=1)
""",
        "batched matmul then squeeze(): a batch of one becomes a 0-d tensor": """
def bilinear_forms(x, matrices, y):
    return (x.unsqueeze(1) @ matrices @ y.unsqueeze(2)).squeeze()
""",
    },
    "pairwise_distances": {
        "forgets the square root (squared distances)": """
def pairwise_distances(x, y):
    return ((x[:, None, :] - y[None, :, :]) ** 2).sum(dim=-1)
""",
        "no broadcasting: subtracts x - y directly": """
def pairwise_distances(x, y):
    return ((x - y) ** 2).sum(dim=-1).sqrt()
""",
        "sums over the wrong axis": """
def pairwise_distances(x, y):
    return ((x[:, None, :] - y[None, :, :]) ** 2).sum(dim=1).sqrt()
""",
        "returns the (M, N) transpose": """
def pairwise_distances(x, y):
    return ((y[:, None, :] - x[None, :, :]) ** 2).sum(dim=-1).sqrt()
""",
        "Manhattan distance instead of Euclidean": """
def pairwise_distances(x, y):
    return (x[:, None, :] - y[None, :, :]).abs().sum(dim=-1)
""",
        "matmul expansion without the clamp: NaN for identical points": """
def pairwise_distances(x, y):
    return ((x**2).sum(dim=1, keepdim=True) - 2 * x @ y.T + (y**2).sum(dim=1)).sqrt()
""",
        "matmul expansion that forgets the factor 2": """
def pairwise_distances(x, y):
    return ((x**2).sum(dim=1, keepdim=True) - x @ y.T + (y**2).sum(dim=1)).clamp(min=0).sqrt()
""",
        "averages over the features instead of summing": """
def pairwise_distances(x, y):
    return ((x[:, None, :] - y[None, :, :]) ** 2).mean(dim=-1).sqrt()
""",
    },
}
