"""Timing code fairly: the fastest of several runs, the least disturbed by the rest of the machine.

    from utils.timing import best_time
    seconds = best_time(np.linalg.solve, system, targets, repeats=15)

Used wherever a notebook compares a loop with a vectorised operation or two algorithms.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from typing import Any


def _synchronise() -> None:
    """Wait for queued GPU work, so that it is counted in the run that queued it."""
    import sys

    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_available():
        torch.cuda.synchronize()


def best_time(
    function: Callable[..., Any],
    *arguments: Any,
    repeats: int = 5,
    threads: int | None = None,
    **keyword_arguments: Any,
) -> float:
    """The fastest of ``repeats`` runs of ``function(*arguments, **keyword_arguments)``, in seconds.

    The minimum, not the mean: noise from other programs only ever adds time. ``threads=1`` makes
    PyTorch and NumPy's BLAS (matrix products, ``np.linalg``) use one thread while timing, so that a
    comparison with a single-threaded Python loop is fair, and so that other work on the machine
    disturbs it less (a multi-threaded routine waits for its slowest thread, and on a busy machine
    that thread is often not running); the settings are restored after.
    """
    if not callable(function):
        raise TypeError(f"best_time() times a function, got {type(function).__name__}: pass it without calling it")
    if not isinstance(repeats, int) or repeats < 1:
        raise ValueError(f"repeats must be a positive int, got {repeats!r}")
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be a positive int or None, got {threads!r}")
    with contextlib.ExitStack() as restore:
        if threads is not None:
            restore.enter_context(_threads_limited_to(threads))
        timings = []
        for _ in range(repeats):
            _synchronise()
            started = time.perf_counter()
            function(*arguments, **keyword_arguments)
            _synchronise()
            timings.append(time.perf_counter() - started)
    return min(timings)


@contextlib.contextmanager
def _threads_limited_to(threads: int) -> Iterator[None]:
    import torch
    from threadpoolctl import threadpool_limits

    previous_threads = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        with threadpool_limits(limits=threads, user_api="blas"):
            yield
    finally:
        torch.set_num_threads(previous_threads)
