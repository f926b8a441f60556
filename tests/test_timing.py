"""utils.timing.best_time: the minimum of several runs, threads restored, bad input explained."""

from __future__ import annotations

import time

import pytest
import torch

from utils.timing import best_time


def test_best_time_is_the_minimum_and_passes_arguments():
    delays = iter([0.03, 0.001, 0.02])
    calls = []

    def sleepy(label, *, extra):
        calls.append((label, extra))
        time.sleep(next(delays))

    seconds = best_time(sleepy, "x", extra=1, repeats=3)
    assert 0.001 <= seconds < 0.015
    assert calls == [("x", 1)] * 3


def test_threads_are_restored_even_when_the_function_fails():
    before = torch.get_num_threads()
    torch.set_num_threads(2)  # the test run gives one thread per process; show that 2 comes back
    try:

        def failing():
            assert torch.get_num_threads() == 1
            raise RuntimeError("boom")

        with pytest.raises(RuntimeError, match="boom"):
            best_time(failing, threads=1)
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)


def test_one_thread_covers_numpy_blas_too_and_is_restored():
    from threadpoolctl import threadpool_info, threadpool_limits

    def blas_threads():
        return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}

    with threadpool_limits(limits=2, user_api="blas"):
        assert blas_threads() == {2}
        seen = []
        best_time(lambda: seen.append(blas_threads()), threads=1, repeats=2)
        assert seen == [{1}, {1}]
        assert blas_threads() == {2}


def test_bad_input_is_explained():
    with pytest.raises(TypeError, match="pass it without calling it"):
        best_time(sum([1, 2]))
    with pytest.raises(ValueError, match="positive int"):
        best_time(print, repeats=0)
    with pytest.raises(ValueError, match="threads must be a positive int"):
        best_time(print, threads=0)
