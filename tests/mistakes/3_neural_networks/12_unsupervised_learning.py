"""Typical wrong answers for 3_neural_networks/12_unsupervised_learning. Each must be rejected by its check cell."""

MISTAKES = {
    "assign_clusters": {
        "the farthest centroid (argmax)": """
def assign_clusters(points, centroids):
    return ((points[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2).argmax(axis=1)
""",
        "argmin over the wrong axis (the nearest point of each centroid)": """
def assign_clusters(points, centroids):
    return ((points[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2).argmin(axis=0)
""",
        "sums over the centroid axis instead of the coordinates": """
def assign_clusters(points, centroids):
    return ((points[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=1).argmin(axis=1)
""",
        "Manhattan distance": """
def assign_clusters(points, centroids):
    return np.abs(points[:, None, :] - centroids[None, :, :]).sum(axis=2).argmin(axis=1)
""",
        "the largest coordinate difference (Chebyshev distance)": """
def assign_clusters(points, centroids):
    return np.abs(points[:, None, :] - centroids[None, :, :]).max(axis=2).argmin(axis=1)
""",
        "the most similar by dot product": """
def assign_clusters(points, centroids):
    return (points @ centroids.T).argmax(axis=1)
""",
        "returns the distance matrix": """
def assign_clusters(points, centroids):
    return ((points[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
""",
        "returns float labels": """
def assign_clusters(points, centroids):
    return ((points[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2).argmin(axis=1).astype(float)
""",
        "returns a list": """
def assign_clusters(points, centroids):
    return ((points[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2).argmin(axis=1).tolist()
""",
        "on a tie, the higher index wins": """
def assign_clusters(points, centroids):
    distances = ((points[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return len(centroids) - 1 - distances[:, ::-1].argmin(axis=1)
""",
    },
    "update_centroids": {
        "an empty cluster becomes NaN (the mean of nothing)": """
def update_centroids(points, labels, previous_centroids):
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.array([points[labels == j].mean(axis=0) if np.any(labels == j) else np.full(points.shape[1], np.nan)
                         for j in range(len(previous_centroids))])
""",
        "an empty cluster moves to the origin": """
def update_centroids(points, labels, previous_centroids):
    centroids = np.zeros_like(previous_centroids, dtype=float)
    for j in range(len(centroids)):
        if np.any(labels == j):
            centroids[j] = points[labels == j].mean(axis=0)
    return centroids
""",
        "the mean over the wrong axis": """
def update_centroids(points, labels, previous_centroids):
    centroids = np.array(previous_centroids, dtype=float)
    for j in range(len(centroids)):
        members = points[labels == j]
        if len(members) > 0:
            centroids[j] = members.mean(axis=1).mean()
    return centroids
""",
        "the median instead of the mean": """
def update_centroids(points, labels, previous_centroids):
    centroids = np.array(previous_centroids, dtype=float)
    for j in range(len(centroids)):
        members = points[labels == j]
        if len(members) > 0:
            centroids[j] = np.median(members, axis=0)
    return centroids
""",
        "the sum instead of the mean": """
def update_centroids(points, labels, previous_centroids):
    centroids = np.array(previous_centroids, dtype=float)
    for j in range(len(centroids)):
        members = points[labels == j]
        if len(members) > 0:
            centroids[j] = members.sum(axis=0)
    return centroids
""",
        "only the clusters that occur (np.unique): rows shift when one is empty": """
def update_centroids(points, labels, previous_centroids):
    return np.array([points[labels == j].mean(axis=0) for j in np.unique(labels)])
""",
        "updates the caller's centroids in place": """
def update_centroids(points, labels, previous_centroids):
    for j in range(len(previous_centroids)):
        members = points[labels == j]
        if len(members) > 0:
            previous_centroids[j] = members.mean(axis=0)
    return previous_centroids
""",
        "averages the previous centroid in with the points": """
def update_centroids(points, labels, previous_centroids):
    centroids = np.array(previous_centroids, dtype=float)
    for j in range(len(centroids)):
        members = points[labels == j]
        if len(members) > 0:
            centroids[j] = np.vstack([members, centroids[j]]).mean(axis=0)
    return centroids
""",
    },
    "kmeans_plus_plus": {
        "plain distances instead of squared distances": """
def kmeans_plus_plus(points, num_clusters, rng):
    centroids = [points[rng.integers(len(points))]]
    for _ in range(num_clusters - 1):
        distances = np.sqrt(((points[:, None, :] - np.array(centroids)[None, :, :]) ** 2).sum(axis=2)).min(axis=1)
        centroids.append(points[rng.choice(len(points), p=distances / distances.sum())])
    return np.array(centroids, dtype=float)
""",
        "the distance to the last chosen centroid, not the nearest": """
def kmeans_plus_plus(points, num_clusters, rng):
    centroids = [points[rng.integers(len(points))]]
    for _ in range(num_clusters - 1):
        squared = ((points - centroids[-1]) ** 2).sum(axis=1)
        centroids.append(points[rng.choice(len(points), p=squared / squared.sum())])
    return np.array(centroids, dtype=float)
""",
        "the sum of squared distances to all chosen centroids": """
def kmeans_plus_plus(points, num_clusters, rng):
    centroids = [points[rng.integers(len(points))]]
    for _ in range(num_clusters - 1):
        squared = ((points[:, None, :] - np.array(centroids)[None, :, :]) ** 2).sum(axis=2).sum(axis=1)
        centroids.append(points[rng.choice(len(points), p=squared / squared.sum())])
    return np.array(centroids, dtype=float)
""",
        "always the farthest point (deterministic)": """
def kmeans_plus_plus(points, num_clusters, rng):
    centroids = [points[rng.integers(len(points))]]
    for _ in range(num_clusters - 1):
        squared = ((points[:, None, :] - np.array(centroids)[None, :, :]) ** 2).sum(axis=2).min(axis=1)
        rng.choice(len(points), p=squared / squared.sum())
        centroids.append(points[squared.argmax()])
    return np.array(centroids, dtype=float)
""",
        "uniform sampling (Forgy), ignoring the distances": """
def kmeans_plus_plus(points, num_clusters, rng):
    centroids = [points[rng.integers(len(points))]]
    for _ in range(num_clusters - 1):
        centroids.append(points[rng.choice(len(points))])
    return np.array(centroids, dtype=float)
""",
        "distances to the mean of the chosen centroids": """
def kmeans_plus_plus(points, num_clusters, rng):
    centroids = [points[rng.integers(len(points))]]
    for _ in range(num_clusters - 1):
        squared = ((points - np.mean(centroids, axis=0)) ** 2).sum(axis=1)
        centroids.append(points[rng.choice(len(points), p=squared / squared.sum())])
    return np.array(centroids, dtype=float)
""",
        "returns the chosen indices instead of the points": """
def kmeans_plus_plus(points, num_clusters, rng):
    chosen = [rng.integers(len(points))]
    for _ in range(num_clusters - 1):
        squared = ((points[:, None, :] - points[chosen][None, :, :]) ** 2).sum(axis=2).min(axis=1)
        chosen.append(rng.choice(len(points), p=squared / squared.sum()))
    return np.array(chosen)
""",
        "one centroid too few": """
def kmeans_plus_plus(points, num_clusters, rng):
    centroids = [points[rng.integers(len(points))]]
    for _ in range(num_clusters - 2):
        squared = ((points[:, None, :] - np.array(centroids)[None, :, :]) ** 2).sum(axis=2).min(axis=1)
        centroids.append(points[rng.choice(len(points), p=squared / squared.sum())])
    return np.array(centroids, dtype=float)
""",
        "a fresh generator with a fixed seed instead of the rng given": """
def kmeans_plus_plus(points, num_clusters, rng):
    rng = np.random.default_rng(0)
    centroids = [points[rng.integers(len(points))]]
    for _ in range(num_clusters - 1):
        squared = ((points[:, None, :] - np.array(centroids)[None, :, :]) ** 2).sum(axis=2).min(axis=1)
        centroids.append(points[rng.choice(len(points), p=squared / squared.sum())])
    return np.array(centroids, dtype=float)
""",
    },
    "silhouette_values": {
        "a(i) counts the point itself (divides by |C|, not |C| - 1)": """
def silhouette_values(points, labels):
    distances = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    clusters = np.unique(labels)
    own = np.searchsorted(clusters, labels)
    sizes = np.array([np.sum(labels == c) for c in clusters])[own]
    means = np.stack([distances[:, labels == c].mean(axis=1) for c in clusters], axis=1)
    rows = np.arange(len(points))
    within = means[rows, own].copy()
    means[rows, own] = np.inf
    nearest = means.min(axis=1)
    return np.where(sizes > 1, (nearest - within) / np.maximum(within, nearest), 0.0)
""",
        "squared distances": """
def silhouette_values(points, labels):
    distances = ((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2)
    clusters = np.unique(labels)
    own = np.searchsorted(clusters, labels)
    sizes = np.array([np.sum(labels == c) for c in clusters])[own]
    means = np.stack([distances[:, labels == c].mean(axis=1) for c in clusters], axis=1)
    rows = np.arange(len(points))
    within = means[rows, own] * sizes / np.maximum(sizes - 1, 1)
    means[rows, own] = np.inf
    nearest = means.min(axis=1)
    return np.where(sizes > 1, (nearest - within) / np.maximum(within, nearest), 0.0)
""",
        "b(i) as the mean distance to every point outside the cluster": """
def silhouette_values(points, labels):
    distances = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    same = labels[:, None] == labels[None, :]
    sizes = same.sum(axis=1)
    within = (distances * same).sum(axis=1) / np.maximum(sizes - 1, 1)
    outside = (distances * ~same).sum(axis=1) / (~same).sum(axis=1)
    return np.where(sizes > 1, (outside - within) / np.maximum(within, outside), 0.0)
""",
        "a point alone in its cluster gets 1, not 0": """
def silhouette_values(points, labels):
    distances = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    clusters = np.unique(labels)
    own = np.searchsorted(clusters, labels)
    sizes = np.array([np.sum(labels == c) for c in clusters])[own]
    means = np.stack([distances[:, labels == c].mean(axis=1) for c in clusters], axis=1)
    rows = np.arange(len(points))
    within = means[rows, own] * sizes / np.maximum(sizes - 1, 1)
    means[rows, own] = np.inf
    nearest = means.min(axis=1)
    return (nearest - within) / np.maximum(within, nearest)
""",
        "divides by b(i) instead of max(a, b)": """
def silhouette_values(points, labels):
    distances = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    clusters = np.unique(labels)
    own = np.searchsorted(clusters, labels)
    sizes = np.array([np.sum(labels == c) for c in clusters])[own]
    means = np.stack([distances[:, labels == c].mean(axis=1) for c in clusters], axis=1)
    rows = np.arange(len(points))
    within = means[rows, own] * sizes / np.maximum(sizes - 1, 1)
    means[rows, own] = np.inf
    nearest = means.min(axis=1)
    return np.where(sizes > 1, (nearest - within) / nearest, 0.0)
""",
        "b(i) from the farthest other cluster": """
def silhouette_values(points, labels):
    distances = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    clusters = np.unique(labels)
    own = np.searchsorted(clusters, labels)
    sizes = np.array([np.sum(labels == c) for c in clusters])[own]
    means = np.stack([distances[:, labels == c].mean(axis=1) for c in clusters], axis=1)
    rows = np.arange(len(points))
    within = means[rows, own] * sizes / np.maximum(sizes - 1, 1)
    means[rows, own] = -np.inf
    nearest = means.max(axis=1)
    return np.where(sizes > 1, (nearest - within) / np.maximum(within, nearest), 0.0)
""",
        "assumes the labels are 0 .. k-1": """
def silhouette_values(points, labels):
    distances = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    num_clusters = len(np.unique(labels))
    sizes = np.array([np.sum(labels == c) for c in range(num_clusters)])[np.minimum(labels, num_clusters - 1)]
    means = np.stack([distances[:, labels == c].mean(axis=1) if np.any(labels == c) else np.full(len(points), np.inf)
                      for c in range(num_clusters)], axis=1)
    rows = np.arange(len(points))
    own = np.minimum(labels, num_clusters - 1)
    within = means[rows, own] * sizes / np.maximum(sizes - 1, 1)
    means[rows, own] = np.inf
    nearest = means.min(axis=1)
    return np.where(sizes > 1, (nearest - within) / np.maximum(within, nearest), 0.0)
""",
        "returns the mean silhouette instead of one per point": """
def silhouette_values(points, labels):
    distances = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    clusters = np.unique(labels)
    own = np.searchsorted(clusters, labels)
    sizes = np.array([np.sum(labels == c) for c in clusters])[own]
    means = np.stack([distances[:, labels == c].mean(axis=1) for c in clusters], axis=1)
    rows = np.arange(len(points))
    within = means[rows, own] * sizes / np.maximum(sizes - 1, 1)
    means[rows, own] = np.inf
    nearest = means.min(axis=1)
    return float(np.mean(np.where(sizes > 1, (nearest - within) / np.maximum(within, nearest), 0.0)))
""",
        "the sign reversed ((a - b) / max)": """
def silhouette_values(points, labels):
    distances = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    clusters = np.unique(labels)
    own = np.searchsorted(clusters, labels)
    sizes = np.array([np.sum(labels == c) for c in clusters])[own]
    means = np.stack([distances[:, labels == c].mean(axis=1) for c in clusters], axis=1)
    rows = np.arange(len(points))
    within = means[rows, own] * sizes / np.maximum(sizes - 1, 1)
    means[rows, own] = np.inf
    nearest = means.min(axis=1)
    return np.where(sizes > 1, (within - nearest) / np.maximum(within, nearest), 0.0)
""",
    },
}
