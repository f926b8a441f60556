"""utils.env and utils.config: seeding, device choice and the one size switch."""

from __future__ import annotations

import random

import numpy as np
import pytest
import torch

from utils import config, env, progress


def draw() -> tuple[float, float, float]:
    return random.random(), float(np.random.rand()), float(torch.rand(1))


def test_seed_everything_makes_every_generator_repeat():
    env.seed_everything(3)
    first = draw()
    env.seed_everything(3)
    assert draw() == first
    env.seed_everything(4)
    assert draw() != first


@pytest.mark.parametrize("bad", [-1, 1.5, "0", True])
def test_bad_seed_is_refused(bad):
    with pytest.raises(ValueError, match="non-negative int"):
        env.seed_everything(bad)


def test_pick_device_defaults_and_refuses_what_is_missing():
    assert env.pick_device("cpu") == torch.device("cpu")
    expected = "cuda" if torch.cuda.is_available() else ("mps" if torch.backends.mps.is_available() else "cpu")
    assert env.pick_device().type == expected
    if not torch.cuda.is_available():
        with pytest.raises(RuntimeError, match="not available on this machine"):
            env.pick_device("cuda")


def test_size_follows_the_device_unless_overridden(monkeypatch):
    monkeypatch.delenv(config.SIZE_VARIABLE, raising=False)
    assert env.default_size("cpu") == "small" and env.default_size("cuda") == "full"
    monkeypatch.setenv(config.SIZE_VARIABLE, "FULL")
    assert env.default_size("cpu") == "full"
    monkeypatch.setenv(config.SIZE_VARIABLE, "huge")
    with pytest.raises(ValueError, match="CURRICULUM_SIZE='huge' is not a size"):
        env.default_size("cpu")


def test_start_returns_a_session_and_sets_the_notebook(monkeypatch, capsys):
    monkeypatch.setenv(config.SIZE_VARIABLE, "small")
    session = env.start("1_math/01_derivatives", seed=1, device="cpu")
    assert session.pick(small=1, full=100) == 1 and session.is_small
    assert progress.current_notebook() == "1_math/01_derivatives"
    assert "1_math/01_derivatives | device: cpu | size: small | seed: 1" in capsys.readouterr().out
    with pytest.raises(ValueError, match="notebook's id"):
        env.start("derivatives")


def test_config_paths_follow_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    monkeypatch.setenv(config.PROGRESS_VARIABLE, str(tmp_path / "p.json"))
    assert config.cache_dir() == tmp_path / "cache" and (tmp_path / "cache").is_dir()
    assert config.progress_path() == tmp_path / "p.json"
    monkeypatch.delenv(config.PROGRESS_VARIABLE)
    assert config.progress_path().name == "progress.json"


def test_lazy_package_import():
    import utils

    assert utils.start is env.start
    with pytest.raises(AttributeError):
        utils.does_not_exist  # noqa: B018


def test_start_refuses_a_notebook_the_curriculum_does_not_have(monkeypatch):
    from utils import catalogue

    monkeypatch.setattr(progress, "_current_notebook", "1_math/01_derivatives")
    with pytest.raises(catalogue.UnknownNotebookError) as refused:
        env.start("1_math/99_nope")
    assert isinstance(refused.value, ValueError)
    message = str(refused.value)
    assert "'1_math/99_nope' is not a notebook of this curriculum" in message
    assert "The notebooks of 1_math are: 01_derivatives, 02_vectors_and_gradients" in message
    assert progress.current_notebook() == "1_math/01_derivatives", "nothing was switched to the unknown id"
    with pytest.raises(catalogue.UnknownNotebookError, match=r"Did you mean '1_math/01_derivatives'\?"):
        env.start("1_math/01_derivative")  # a typo
    with pytest.raises(catalogue.UnknownNotebookError, match="'2_pytorch/03_autograd'"):
        env.start("1_math/03_autograd")  # the right name in the wrong phase
    with pytest.raises(catalogue.UnknownNotebookError, match="the phases with notebooks are: 1_math, 2_pytorch"):
        env.start("9_nowhere/01_x")


def test_a_cache_folder_that_cannot_be_created_says_what_to_do(tmp_path, monkeypatch):
    from tests.readonly import read_only_folder

    locked = tmp_path / "locked"
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(locked / "cache"))
    with read_only_folder(locked):
        with pytest.raises(config.FolderNotWritableError) as refused:
            config.cache_dir()
        message = str(refused.value)
        assert f"{locked / 'cache'} cannot be created: {locked} is read-only" in message
        assert "Set CURRICULUM_CACHE_DIR to a folder you can write" in message
        # An existing read-only cache (filled beforehand) is still usable for reading...
        monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(locked))
        assert config.cache_dir() == locked
        # ...and code about to write there gets the same clear error.
        with pytest.raises(config.FolderNotWritableError, match=f"The folder {locked} is read-only"):
            config.require_writable(locked)
    config.require_writable(tmp_path)
