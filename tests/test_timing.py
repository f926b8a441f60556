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

    def failing():
        assert torch.get_num_threads() == 1
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        best_time(failing, threads=1)
    assert torch.get_num_threads() == before


def test_bad_input_is_explained():
    with pytest.raises(TypeError, match="pass it without calling it"):
        best_time(sum([1, 2]))
    with pytest.raises(ValueError, match="positive int"):
        best_time(print, repeats=0)
