"""Typical wrong answers for 7_mlops/02_serving. Each must be rejected by its check cell."""


def _percentile(body: str) -> str:
    lines = "\n".join(f"    {line}" for line in body.strip().splitlines())
    return f"""
def percentile(values, q):
{lines}
"""


_GATHER = "await asyncio.gather(*(one(index, payload) for index, payload in enumerate(payloads)))"


def _load_test(inner: str, *, semaphore: str = "asyncio.Semaphore(concurrency)", gather: str = _GATHER) -> str:
    inner_lines = "\n".join(f"        {line}" for line in inner.strip().splitlines())
    return f"""
async def load_test(send, payloads, concurrency):
    semaphore = {semaphore}
    latencies = [0.0] * len(payloads)
    errors = [None] * len(payloads)

    async def one(index, payload):
{inner_lines}

    {gather}
    return latencies, errors
"""


_RIGHT_INNER = """
async with semaphore:
    started = time.perf_counter()
    try:
        await send(payload)
    except Exception as error:
        errors[index] = error
    latencies[index] = time.perf_counter() - started
"""

MISTAKES = {
    "percentile": {
        "nearest rank instead of interpolating": _percentile("""
ordered = sorted(values)
return float(ordered[round(q / 100 * (len(ordered) - 1))])
"""),
        "the rank of n values instead of n - 1": _percentile("""
ordered = sorted(values)
rank = min(q / 100 * len(ordered), len(ordered) - 1)
below = math.floor(rank)
above = min(below + 1, len(ordered) - 1)
return float(ordered[below] + (rank - below) * (ordered[above] - ordered[below]))
"""),
        "forgets to sort": _percentile("""
ordered = list(values)
rank = q / 100 * (len(ordered) - 1)
below = math.floor(rank)
above = min(below + 1, len(ordered) - 1)
return float(ordered[below] + (rank - below) * (ordered[above] - ordered[below]))
"""),
        "sorts the caller's values in place": _percentile("""
values.sort()
rank = q / 100 * (len(values) - 1)
below = math.floor(rank)
above = min(below + 1, len(values) - 1)
return float(values[below] + (rank - below) * (values[above] - values[below]))
"""),
        "takes the value below the rank (no interpolation)": _percentile("""
ordered = sorted(values)
return float(ordered[math.floor(q / 100 * (len(ordered) - 1))])
"""),
        "reads q as a fraction": _percentile("""
ordered = sorted(values)
rank = min(q * (len(ordered) - 1), len(ordered) - 1)
below = math.floor(rank)
above = min(below + 1, len(ordered) - 1)
return float(ordered[below] + (rank - below) * (ordered[above] - ordered[below]))
"""),
        "steps past the end at q = 100": _percentile("""
ordered = sorted(values)
rank = q / 100 * (len(ordered) - 1)
below = math.floor(rank)
return float(ordered[below] + (rank - below) * (ordered[below + 1] - ordered[below]))
"""),
        "the mean of the two neighbours whatever the fraction": _percentile("""
ordered = sorted(values)
rank = q / 100 * (len(ordered) - 1)
below = math.floor(rank)
above = min(math.ceil(rank), len(ordered) - 1)
return float((ordered[below] + ordered[above]) / 2)
"""),
    },
    "load_test": {
        "one request after another": """
async def load_test(send, payloads, concurrency):
    latencies, errors = [], []
    for payload in payloads:
        started = time.perf_counter()
        try:
            await send(payload)
            errors.append(None)
        except Exception as error:
            errors.append(error)
        latencies.append(time.perf_counter() - started)
    return latencies, errors
""",
        "no bound: every request at once": _load_test(_RIGHT_INNER, semaphore="contextlib.nullcontext()").replace(
            "async with semaphore:", "with semaphore:"),
        "one slot too many": _load_test(_RIGHT_INNER, semaphore="asyncio.Semaphore(concurrency + 1)"),
        "times the wait for a slot as well": _load_test("""
started = time.perf_counter()
async with semaphore:
    try:
        await send(payload)
    except Exception as error:
        errors[index] = error
    latencies[index] = time.perf_counter() - started
"""),
        "a failed request stops the test": _load_test("""
async with semaphore:
    started = time.perf_counter()
    await send(payload)
    latencies[index] = time.perf_counter() - started
"""),
        "results in the order they finished": """
async def load_test(send, payloads, concurrency):
    semaphore = asyncio.Semaphore(concurrency)
    latencies, errors = [], []

    async def one(payload):
        async with semaphore:
            started = time.perf_counter()
            error = None
            try:
                await send(payload)
            except Exception as caught:
                error = caught
            latencies.append(time.perf_counter() - started)
            errors.append(error)

    await asyncio.gather(*(one(payload) for payload in payloads))
    return latencies, errors
""",
        "keeps the error's message instead of the exception": _load_test("""
async with semaphore:
    started = time.perf_counter()
    try:
        await send(payload)
    except Exception as error:
        errors[index] = str(error)
    latencies[index] = time.perf_counter() - started
"""),
        "milliseconds instead of seconds": _load_test("""
async with semaphore:
    started = time.perf_counter()
    try:
        await send(payload)
    except Exception as error:
        errors[index] = error
    latencies[index] = 1000 * (time.perf_counter() - started)
"""),
        "a failed request gets no latency": _load_test("""
async with semaphore:
    started = time.perf_counter()
    try:
        await send(payload)
        latencies[index] = time.perf_counter() - started
    except Exception as error:
        errors[index] = error
        latencies[index] = None
"""),
        "a plain function that never awaits the sends": """
def load_test(send, payloads, concurrency):
    return [0.0] * len(payloads), [None] * len(payloads)
""",
    },
}
