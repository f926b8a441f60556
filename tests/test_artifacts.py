"""Tests for ``utils.artifacts``: build once, reuse, rebuild when stale or damaged, write atomically."""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from utils import artifacts, config, env, sources

calls: list[dict] = []


@artifacts.register("tiny-regressor", version=1)
def build_tiny_regressor(width: int = 3, seed: int = 0) -> dict:
    """A linear layer fitted by least squares: state dict, config and metrics, like a real one."""
    calls.append({"width": width, "seed": seed})
    env.seed_everything(seed)
    inputs = torch.randn(64, width)
    targets = inputs @ torch.arange(1.0, width + 1) + 0.5
    layer = torch.nn.Linear(width, 1)
    solution = torch.linalg.lstsq(torch.cat([inputs, torch.ones(64, 1)], dim=1), targets[:, None]).solution
    with torch.no_grad():
        layer.weight.copy_(solution[:width].T)
        layer.bias.copy_(solution[width])
    loss = torch.nn.functional.mse_loss(layer(inputs).squeeze(1), targets).item()
    return {"state_dict": layer.state_dict(), "config": {"width": width}, "metrics": {"train_mse": loss}}


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(tmp_path))
    calls.clear()
    yield tmp_path


def test_built_once_then_read_back(cache: Path) -> None:
    with pytest.warns(artifacts.ArtifactBuildWarning, match="not in the cache yet"):
        first = artifacts.load("tiny-regressor")
    assert calls == [{"width": 3, "seed": 0}]
    with warnings.catch_warnings():
        warnings.simplefilter("error", artifacts.ArtifactBuildWarning)
        second = artifacts.load("tiny-regressor")
    assert len(calls) == 1  # the builder ran once
    assert first.keys() == {"state_dict", "config", "metrics"}
    assert torch.equal(first["state_dict"]["weight"], second["state_dict"]["weight"])
    torch.testing.assert_close(first["state_dict"]["weight"], torch.tensor([[1.0, 2.0, 3.0]]))
    assert first["config"] == {"width": 3} and first["metrics"]["train_mse"] < 1e-8

    layer = torch.nn.Linear(3, 1)
    layer.load_state_dict(second["state_dict"])  # a state dict, loaded with weights_only=True
    target = artifacts.path("tiny-regressor")
    assert target.is_file() and target.is_relative_to(cache / "artifacts" / "tiny-regressor")
    record = artifacts.info("tiny-regressor")
    assert record["fingerprint"] == artifacts.fingerprint("tiny-regressor")
    assert record["settings"] == {"width": 3, "seed": 0} and record["size"] == target.stat().st_size


def test_each_setting_has_its_own_file(cache: Path) -> None:
    with pytest.warns(artifacts.ArtifactBuildWarning):
        wide = artifacts.load("tiny-regressor", width=5)
    assert wide["state_dict"]["weight"].shape == (1, 5)
    assert artifacts.path("tiny-regressor", width=5) != artifacts.path("tiny-regressor")
    assert artifacts.path("tiny-regressor", width=3) == artifacts.path("tiny-regressor")  # defaults filled in
    with pytest.raises(TypeError, match=r"has no setting.*depth.*width=3"):
        artifacts.load("tiny-regressor", depth=2)
    with pytest.raises(TypeError, match="numbers, strings"):
        artifacts.load("tiny-regressor", width=object())


def test_a_change_in_the_code_it_calls_makes_it_stale(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.warns(artifacts.ArtifactBuildWarning):
        artifacts.load("tiny-regressor")
    before = artifacts.fingerprint("tiny-regressor")
    assert any(label.endswith("seed_everything") for label in artifacts.code_sources(build_tiny_regressor))

    def seed_everything(seed: int = 0) -> None:  # an edited version of the utils function it calls
        torch.manual_seed(seed + 1)

    seed_everything.__module__ = "utils.env"
    monkeypatch.setattr(env, "seed_everything", seed_everything)
    assert artifacts.fingerprint("tiny-regressor") != before
    with pytest.warns(artifacts.ArtifactBuildWarning, match="is stale"):
        artifacts.load("tiny-regressor")
    assert len(calls) == 2


def test_a_new_version_makes_it_stale(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.warns(artifacts.ArtifactBuildWarning):
        artifacts.load("tiny-regressor")
    entry = artifacts._REGISTRY["tiny-regressor"]
    monkeypatch.setitem(artifacts._REGISTRY, "tiny-regressor", artifacts.Artifact(entry.name, entry.build, 2, ""))
    with pytest.warns(artifacts.ArtifactBuildWarning, match="is stale"):
        artifacts.load("tiny-regressor")
    assert len(calls) == 2


@pytest.mark.parametrize(
    "damage",
    ["flip a byte", "truncate", "garbage of the same size", "delete the record", "corrupt the record"],
)
def test_a_damaged_file_is_rebuilt(cache: Path, damage: str) -> None:
    with pytest.warns(artifacts.ArtifactBuildWarning):
        good = artifacts.load("tiny-regressor")
    target = artifacts.path("tiny-regressor")
    content = bytearray(target.read_bytes())
    if damage == "flip a byte":
        content[len(content) // 2] ^= 0xFF
        target.write_bytes(bytes(content))
    elif damage == "truncate":
        target.write_bytes(bytes(content[:100]))
    elif damage.startswith("garbage"):
        target.write_bytes(b"x" * len(content))
    elif damage == "delete the record":
        target.with_suffix(".json").unlink()
    else:
        target.with_suffix(".json").write_text("{not json")

    with pytest.warns(artifacts.ArtifactBuildWarning, match="is damaged"):
        rebuilt = artifacts.load("tiny-regressor")
    assert len(calls) == 2
    torch.testing.assert_close(rebuilt["state_dict"]["weight"], good["state_dict"]["weight"])
    with warnings.catch_warnings():
        warnings.simplefilter("error", artifacts.ArtifactBuildWarning)
        artifacts.load("tiny-regressor")


def test_an_interrupted_write_leaves_no_file_under_the_real_name(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync

    def crash(descriptor: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(sources.base.os, "fsync", crash)
    with pytest.warns(artifacts.ArtifactBuildWarning), pytest.raises(OSError, match="disk full"):
        artifacts.load("tiny-regressor")
    folder = artifacts.path("tiny-regressor").parent
    assert sorted(path.name for path in folder.iterdir() if not path.name.endswith(".lock")) == []

    monkeypatch.setattr(sources.base.os, "fsync", real_fsync)
    with pytest.warns(artifacts.ArtifactBuildWarning, match="not in the cache yet"):
        artifacts.load("tiny-regressor")


def test_a_builder_that_returns_a_model_gets_a_clear_error(cache: Path) -> None:
    @artifacts.register("returns-a-module")
    def build_module() -> dict:
        return {"model": torch.nn.Linear(2, 1)}

    try:
        with pytest.warns(artifacts.ArtifactBuildWarning), pytest.raises(TypeError, match=r"model\.state_dict\(\)"):
            artifacts.load("returns-a-module")
        assert not artifacts.path("returns-a-module").exists()
    finally:
        del artifacts._REGISTRY["returns-a-module"]


def test_unknown_names_and_clashing_registrations() -> None:
    with pytest.raises(artifacts.UnknownArtifactError, match="Did you mean 'tiny-regressor'"):
        artifacts.load("tiny-regresor")
    assert "tiny-regressor" in artifacts.available()
    with pytest.raises(ValueError, match="already registered"):
        artifacts.register("tiny-regressor")(lambda: {})


def test_clear(cache: Path) -> None:
    with pytest.warns(artifacts.ArtifactBuildWarning):
        artifacts.load("tiny-regressor")
    artifacts.clear("tiny-regressor")
    assert not artifacts.path("tiny-regressor").exists()
    artifacts.clear()
    assert not (cache / "artifacts").exists()


def test_the_record_is_json_next_to_the_file(cache: Path) -> None:
    with pytest.warns(artifacts.ArtifactBuildWarning):
        artifacts.load("tiny-regressor", seed=1)
    record = json.loads(artifacts.path("tiny-regressor", seed=1).with_suffix(".json").read_text())
    assert {"fingerprint", "settings", "sha256", "build_seconds", "version"} <= set(record)


def test_a_read_only_cache_says_what_to_set(cache: Path) -> None:
    from tests.readonly import read_only_folder

    with pytest.warns(artifacts.ArtifactBuildWarning):
        artifacts.load("tiny-regressor")  # built beforehand
    with read_only_folder(cache):
        assert artifacts.load("tiny-regressor")["config"] == {"width": 3}  # reading needs no write
        with pytest.raises(config.FolderNotWritableError, match="Set CURRICULUM_CACHE_DIR"):
            artifacts.load("tiny-regressor", width=4)


def test_the_build_command_sees_every_registered_artefact() -> None:
    """`python -m utils.artifacts build` (run before the notebooks) uses the registry the builders fill.

    Run as a script, the module is ``__main__``, a second copy of ``utils.artifacts``: if its ``main``
    read its own registry it would find nothing to build, and the notebooks would train the artefacts
    inside their timed runs. An unknown name makes the command list what it knows, without building.
    """
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "utils.artifacts", "build", "no-such-artefact"],
        cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    for name in ("yardstick-classifier", "minilm-sentiment"):
        assert name in result.stderr, result.stderr
