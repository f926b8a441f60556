"""Typical wrong answers for 5_transformers/04_byte_pair_encoding. Each must be rejected by its check cell."""


def _train(choose: str, ids: str = "256 + rank") -> str:
    return f"""
def train_merges(chunk_counts, num_merges):
    chunks = dict(chunk_counts)
    merges = []
    for rank in range(num_merges):
        pair_counts = count_pairs(chunks)
        if not pair_counts:
            break
        best = {choose}
        merges.append(best)
        chunks = {{merge_pair(chunk, best, {ids}): count for chunk, count in chunks.items()}}
    return merges
"""


MISTAKES = {
    "count_pairs": {
        "ignores the chunk counts (each distinct chunk counted once)": """
def count_pairs(chunk_counts):
    pair_counts = {}
    for chunk in chunk_counts:
        for pair in zip(chunk, chunk[1:]):
            pair_counts[pair] = pair_counts.get(pair, 0) + 1
    return pair_counts
""",
        "counts a pair once per chunk, however often it occurs in it": """
def count_pairs(chunk_counts):
    pair_counts = {}
    for chunk, count in chunk_counts.items():
        for pair in set(zip(chunk, chunk[1:])):
            pair_counts[pair] = pair_counts.get(pair, 0) + count
    return pair_counts
""",
        "counts only non-overlapping occurrences": """
def count_pairs(chunk_counts):
    pair_counts = {}
    for chunk, count in chunk_counts.items():
        index = 0
        while index < len(chunk) - 1:
            pair = (chunk[index], chunk[index + 1])
            pair_counts[pair] = pair_counts.get(pair, 0) + count
            index += 2 if chunk[index] == chunk[index + 1] else 1
    return pair_counts
""",
        "misses each chunk's last pair": """
def count_pairs(chunk_counts):
    pair_counts = {}
    for chunk, count in chunk_counts.items():
        for index in range(len(chunk) - 2):
            pair = (chunk[index], chunk[index + 1])
            pair_counts[pair] = pair_counts.get(pair, 0) + count
    return pair_counts
""",
        "pairs across chunk boundaries (all chunks run together)": """
def count_pairs(chunk_counts):
    sequence = [token for chunk, count in chunk_counts.items() for _ in range(count) for token in chunk]
    pair_counts = {}
    for pair in zip(sequence, sequence[1:]):
        pair_counts[pair] = pair_counts.get(pair, 0) + 1
    return pair_counts
""",
        "returns a list of (pair, count) sorted by count": """
def count_pairs(chunk_counts):
    pair_counts = {}
    for chunk, count in chunk_counts.items():
        for pair in zip(chunk, chunk[1:]):
            pair_counts[pair] = pair_counts.get(pair, 0) + count
    return sorted(pair_counts.items(), key=lambda item: -item[1])
""",
        "counts in floats": """
def count_pairs(chunk_counts):
    pair_counts = {}
    for chunk, count in chunk_counts.items():
        for pair in zip(chunk, chunk[1:]):
            pair_counts[pair] = pair_counts.get(pair, 0.0) + count
    return pair_counts
""",
    },
    "merge_pair": {
        "returns a list": """
def merge_pair(ids, pair, new_id):
    merged, index = [], 0
    while index < len(ids):
        if index + 1 < len(ids) and ids[index] == pair[0] and ids[index + 1] == pair[1]:
            merged.append(new_id)
            index += 2
        else:
            merged.append(ids[index])
            index += 1
    return merged
""",
        "forgets to skip the pair's second token": """
def merge_pair(ids, pair, new_id):
    merged, index = [], 0
    while index < len(ids):
        if index + 1 < len(ids) and ids[index] == pair[0] and ids[index + 1] == pair[1]:
            merged.append(new_id)
        else:
            merged.append(ids[index])
        index += 1
    return tuple(merged)
""",
        "scans right to left": """
def merge_pair(ids, pair, new_id):
    merged, index = [], len(ids) - 1
    while index >= 0:
        if index >= 1 and ids[index - 1] == pair[0] and ids[index] == pair[1]:
            merged.append(new_id)
            index -= 2
        else:
            merged.append(ids[index])
            index -= 1
    return tuple(reversed(merged))
""",
        "replaces only the first occurrence": """
def merge_pair(ids, pair, new_id):
    for index in range(len(ids) - 1):
        if ids[index] == pair[0] and ids[index + 1] == pair[1]:
            return tuple(ids[:index]) + (new_id,) + tuple(ids[index + 2:])
    return tuple(ids)
""",
        "drops the last token when it is not merged": """
def merge_pair(ids, pair, new_id):
    merged, index = [], 0
    while index < len(ids) - 1:
        if ids[index] == pair[0] and ids[index + 1] == pair[1]:
            merged.append(new_id)
            index += 2
        else:
            merged.append(ids[index])
            index += 1
    return tuple(merged)
""",
        "also merges the pair in reverse order": """
def merge_pair(ids, pair, new_id):
    merged, index = [], 0
    while index < len(ids):
        if index + 1 < len(ids) and {ids[index], ids[index + 1]} == set(pair) and len(set(pair)) == 2:
            merged.append(new_id)
            index += 2
        elif index + 1 < len(ids) and ids[index] == pair[0] and ids[index + 1] == pair[1]:
            merged.append(new_id)
            index += 2
        else:
            merged.append(ids[index])
            index += 1
    return tuple(merged)
""",
    },
    "train_merges": {
        "ties go to the pair seen first (max by count alone)": _train("max(pair_counts, key=pair_counts.get)"),
        "ties go to the largest pair": _train("max(pair_counts, key=lambda pair: (pair_counts[pair], pair))"),
        "the least frequent pair": _train("min(pair_counts, key=lambda pair: (pair_counts[pair], pair))"),
        "new ids start at 257": _train("min(pair_counts, key=lambda pair: (-pair_counts[pair], pair))", "257 + rank"),
        "counts once, then takes the most frequent pairs of that first count": """
def train_merges(chunk_counts, num_merges):
    pair_counts = count_pairs(chunk_counts)
    return sorted(pair_counts, key=lambda pair: (-pair_counts[pair], pair))[:num_merges]
""",
        "ignores the chunk counts": """
def train_merges(chunk_counts, num_merges):
    chunks = {chunk: 1 for chunk in chunk_counts}
    merges = []
    for rank in range(num_merges):
        pair_counts = count_pairs(chunks)
        if not pair_counts:
            break
        best = min(pair_counts, key=lambda pair: (-pair_counts[pair], pair))
        merges.append(best)
        chunks = {merge_pair(chunk, best, 256 + rank): count for chunk, count in chunks.items()}
    return merges
""",
        "does not stop when no pair is left": """
def train_merges(chunk_counts, num_merges):
    chunks = dict(chunk_counts)
    merges = []
    for rank in range(num_merges):
        pair_counts = count_pairs(chunks)
        best = min(pair_counts, key=lambda pair: (-pair_counts[pair], pair))
        merges.append(best)
        chunks = {merge_pair(chunk, best, 256 + rank): count for chunk, count in chunks.items()}
    return merges
""",
        "never applies the merges (recounts the same chunks)": """
def train_merges(chunk_counts, num_merges):
    merges = []
    for rank in range(num_merges):
        pair_counts = {pair: count for pair, count in count_pairs(chunk_counts).items() if pair not in merges}
        if not pair_counts:
            break
        merges.append(min(pair_counts, key=lambda pair: (-pair_counts[pair], pair)))
    return merges
""",
        "changes chunk_counts in place": """
def train_merges(chunk_counts, num_merges):
    merges = []
    for rank in range(num_merges):
        pair_counts = count_pairs(chunk_counts)
        if not pair_counts:
            break
        best = min(pair_counts, key=lambda pair: (-pair_counts[pair], pair))
        merges.append(best)
        merged = {merge_pair(chunk, best, 256 + rank): count for chunk, count in chunk_counts.items()}
        chunk_counts.clear()
        chunk_counts.update(merged)
    return merges
""",
        "returns the merges as lists": """
def train_merges(chunk_counts, num_merges):
    chunks = dict(chunk_counts)
    merges = []
    for rank in range(num_merges):
        pair_counts = count_pairs(chunks)
        if not pair_counts:
            break
        best = min(pair_counts, key=lambda pair: (-pair_counts[pair], pair))
        merges.append(list(best))
        chunks = {merge_pair(chunk, best, 256 + rank): count for chunk, count in chunks.items()}
    return merges
""",
    },
    "encode_chunk": {
        "merges the pair most frequent in the chunk, not the earliest learned": """
def encode_chunk(chunk, merges):
    ids = tuple(chunk)
    while True:
        counts = {}
        for pair in zip(ids, ids[1:]):
            if pair in merges:
                counts[pair] = counts.get(pair, 0) + 1
        if not counts:
            return list(ids)
        best = max(counts, key=lambda pair: (counts[pair], -merges[pair]))
        ids = merge_pair(ids, best, merges[best])
""",
        "applies each merge once, in the dict's order": """
def encode_chunk(chunk, merges):
    ids = tuple(chunk)
    for pair, new_id in merges.items():
        ids = merge_pair(ids, pair, new_id)
    return list(ids)
""",
        "merges the latest-learned pair first": """
def encode_chunk(chunk, merges):
    ids = tuple(chunk)
    while True:
        present = [pair for pair in zip(ids, ids[1:]) if pair in merges]
        if not present:
            return list(ids)
        best = max(present, key=merges.get)
        ids = merge_pair(ids, best, merges[best])
""",
        "greedy longest match over the vocabulary instead of merges by rank": """
def encode_chunk(chunk, merges):
    pieces = {bytes([byte]): byte for byte in range(256)}
    for (left, right), new_id in sorted(merges.items(), key=lambda item: item[1]):
        by_id = {token_id: piece for piece, token_id in pieces.items()}
        pieces[by_id[left] + by_id[right]] = new_id
    ids, start = [], 0
    while start < len(chunk):
        end = max(end for end in range(start + 1, len(chunk) + 1) if chunk[start:end] in pieces)
        ids.append(pieces[chunk[start:end]])
        start = end
    return ids
""",
        "merges once and stops": """
def encode_chunk(chunk, merges):
    ids = tuple(chunk)
    if len(ids) >= 2:
        pair = min(zip(ids, ids[1:]), key=lambda candidate: merges.get(candidate, float("inf")))
        if pair in merges:
            ids = merge_pair(ids, pair, merges[pair])
    return list(ids)
""",
        "returns a tuple": """
def encode_chunk(chunk, merges):
    ids = tuple(chunk)
    while len(ids) >= 2:
        pair = min(zip(ids, ids[1:]), key=lambda candidate: merges.get(candidate, float("inf")))
        if pair not in merges:
            break
        ids = merge_pair(ids, pair, merges[pair])
    return ids
""",
        "sequential pass over the merges sorted by count of the pair in the chunk": """
def encode_chunk(chunk, merges):
    ids = tuple(chunk)
    order = sorted(merges, key=lambda pair: -sum(1 for p in zip(ids, ids[1:]) if p == pair))
    for pair in order:
        ids = merge_pair(ids, pair, merges[pair])
    return list(ids)
""",
    },
    "decode": {
        "decodes token by token (breaks characters split across tokens)": """
def decode(ids, vocabulary):
    return "".join(vocabulary[token_id].decode("utf-8", errors="replace") for token_id in ids)
""",
        "errors='ignore': drops invalid bytes silently": """
def decode(ids, vocabulary):
    return b"".join(vocabulary[token_id] for token_id in ids).decode("utf-8", errors="ignore")
""",
        "strict UTF-8: fails on invalid bytes": """
def decode(ids, vocabulary):
    return b"".join(vocabulary[token_id] for token_id in ids).decode("utf-8")
""",
        "decodes as Latin-1": """
def decode(ids, vocabulary):
    return b"".join(vocabulary[token_id] for token_id in ids).decode("latin-1")
""",
        "returns the bytes": """
def decode(ids, vocabulary):
    return b"".join(vocabulary[token_id] for token_id in ids)
""",
        "treats ids as bytes (ignores the vocabulary)": """
def decode(ids, vocabulary):
    return bytes(token_id % 256 for token_id in ids).decode("utf-8", errors="replace")
""",
        "puts a space between tokens": """
def decode(ids, vocabulary):
    return b" ".join(vocabulary[token_id] for token_id in ids).decode("utf-8", errors="replace")
""",
    },
}
