"""Typical wrong answers for 7_mlops/01_experiment_tracking. Each must be rejected by its check cell."""

MISTAKES = {
    "file_md5": {
        "hashes the path, not the contents": """
def file_md5(path):
    return hashlib.md5(str(path).encode()).hexdigest()
""",
        "reads in text mode (line endings translated, bytes decoded)": """
def file_md5(path):
    with open(path) as file:
        return hashlib.md5(file.read().encode()).hexdigest()
""",
        "hashes only the first chunk": """
def file_md5(path):
    with open(path, "rb") as file:
        return hashlib.md5(file.read(2**20)).hexdigest()
""",
        "returns the raw digest bytes": """
def file_md5(path):
    with open(path, "rb") as file:
        return hashlib.md5(file.read()).digest()
""",
        "uses SHA-256": """
def file_md5(path):
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()
""",
        "DVC 2's dos2unix: turns CRLF into LF first": """
def file_md5(path):
    with open(path, "rb") as file:
        return hashlib.md5(file.read().replace(b"\\r\\n", b"\\n")).hexdigest()
""",
        "a new hash object per chunk (keeps only the last chunk's digest)": """
def file_md5(path):
    result = hashlib.md5(b"").hexdigest()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(2**20), b""):
            result = hashlib.md5(chunk).hexdigest()
    return result
""",
        "upper-case hex digits": """
def file_md5(path):
    with open(path, "rb") as file:
        return hashlib.md5(file.read()).hexdigest().upper()
""",
    },
    "stale_stages": {
        "one pass from top to bottom (misses stages listed before the stage they read from)": """
def stale_stages(pipeline, changed):
    changing, stale = set(changed), []
    for name, stage in pipeline.items():
        if changing & set(stage["deps"] + stage["params"] + stage["outs"]):
            stale.append(name)
            changing |= set(stage["outs"])
    return stale
""",
        "not transitive: only stages that read a changed file directly": """
def stale_stages(pipeline, changed):
    return [name for name, stage in pipeline.items()
            if set(changed) & set(stage["deps"] + stage["params"] + stage["outs"])]
""",
        "ignores parameters": """
def stale_stages(pipeline, changed):
    stale, changing = set(), set(changed)
    while True:
        new = [n for n, s in pipeline.items() if n not in stale and changing & set(s["deps"] + s["outs"])]
        if not new:
            return [n for n in pipeline if n in stale]
        for n in new:
            stale.add(n)
            changing |= set(pipeline[n]["outs"])
""",
        "ignores a stage's own changed outputs": """
def stale_stages(pipeline, changed):
    stale, changing = set(), set(changed)
    while True:
        new = [n for n, s in pipeline.items() if n not in stale and changing & set(s["deps"] + s["params"])]
        if not new:
            return [n for n in pipeline if n in stale]
        for n in new:
            stale.add(n)
            changing |= set(pipeline[n]["outs"])
""",
        "returns them in the order found, not the pipeline's": """
def stale_stages(pipeline, changed):
    stale, changing = [], set(changed)
    while True:
        new = [n for n, s in pipeline.items() if n not in stale and changing & set(s["deps"] + s["params"] + s["outs"])]
        if not new:
            return stale
        for n in new:
            stale.append(n)
            changing |= set(pipeline[n]["outs"])
""",
        "adds the outputs to `changed` in place": """
def stale_stages(pipeline, changed):
    stale = set()
    while True:
        new = [n for n, s in pipeline.items() if n not in stale and changed & set(s["deps"] + s["params"] + s["outs"])]
        if not new:
            return [n for n in pipeline if n in stale]
        for n in new:
            stale.add(n)
            changed |= set(pipeline[n]["outs"])
""",
        "returns a set": """
def stale_stages(pipeline, changed):
    stale, changing = set(), set(changed)
    while True:
        new = [n for n, s in pipeline.items() if n not in stale and changing & set(s["deps"] + s["params"] + s["outs"])]
        if not new:
            return stale
        for n in new:
            stale.add(n)
            changing |= set(pipeline[n]["outs"])
""",
    },
    "best_run": {
        "always maximises": """
def best_run(runs, metric, higher_is_better):
    finished = runs[(runs["status"] == "FINISHED") & runs[f"metrics.{metric}"].notna()]
    if finished.empty:
        return None
    return finished.loc[finished[f"metrics.{metric}"].idxmax(), "run_id"]
""",
        "direction reversed": """
def best_run(runs, metric, higher_is_better):
    finished = runs[(runs["status"] == "FINISHED") & runs[f"metrics.{metric}"].notna()]
    if finished.empty:
        return None
    column = finished[f"metrics.{metric}"]
    return finished.loc[column.idxmin() if higher_is_better else column.idxmax(), "run_id"]
""",
        "keeps failed runs": """
def best_run(runs, metric, higher_is_better):
    rows = runs[runs[f"metrics.{metric}"].notna()]
    if rows.empty:
        return None
    rows = rows.sort_values([f"metrics.{metric}", "start_time"], ascending=[not higher_is_better, True])
    return rows["run_id"].iloc[0]
""",
        "ties go to the first row (the newest run), not the earliest": """
def best_run(runs, metric, higher_is_better):
    finished = runs[(runs["status"] == "FINISHED") & runs[f"metrics.{metric}"].notna()]
    if finished.empty:
        return None
    column = finished[f"metrics.{metric}"]
    return finished.loc[column.idxmax() if higher_is_better else column.idxmin(), "run_id"]
""",
        "ranks by absolute value": """
def best_run(runs, metric, higher_is_better):
    finished = runs[(runs["status"] == "FINISHED") & runs[f"metrics.{metric}"].notna()].copy()
    if finished.empty:
        return None
    finished["size"] = finished[f"metrics.{metric}"].abs()
    finished = finished.sort_values(["size", "start_time"], ascending=[not higher_is_better, True])
    return finished["run_id"].iloc[0]
""",
        "sorts the caller's table in place": """
def best_run(runs, metric, higher_is_better):
    runs.sort_values([f"metrics.{metric}", "start_time"], ascending=[not higher_is_better, True], inplace=True)
    finished = runs[(runs["status"] == "FINISHED") & runs[f"metrics.{metric}"].notna()]
    return None if finished.empty else finished["run_id"].iloc[0]
""",
        "NaN not skipped (a missing loss counts as best)": """
def best_run(runs, metric, higher_is_better):
    finished = runs[runs["status"] == "FINISHED"]
    if finished.empty:
        return None
    values = finished[f"metrics.{metric}"].fillna(float("-inf") if not higher_is_better else float("inf"))
    order = finished.assign(value=values).sort_values(["value", "start_time"], ascending=[not higher_is_better, True])
    return order["run_id"].iloc[0]
""",
        "returns the row index, not the run_id": """
def best_run(runs, metric, higher_is_better):
    finished = runs[(runs["status"] == "FINISHED") & runs[f"metrics.{metric}"].notna()]
    if finished.empty:
        return None
    return finished.sort_values([f"metrics.{metric}", "start_time"], ascending=[not higher_is_better, True]).index[0]
""",
    },
}
