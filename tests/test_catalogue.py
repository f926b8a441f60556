"""The notebook catalogue: generated from the notebooks, shipped in the package, used where they are not."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from utils import catalogue, notebooks

ROOT = notebooks.REPO_ROOT


def test_the_catalogue_lists_every_notebook_as_its_solution_declares_it():
    on_disk = {nb.id: nb for nb in notebooks.discover()}
    listed = {entry.id: entry for entry in catalogue.entries(registered=False)}
    assert set(listed) == set(on_disk)
    for notebook_id, nb in on_disk.items():
        entry = listed[notebook_id]
        assert (entry.title, entry.phase, entry.result, entry.budget_seconds) == (
            nb.title, nb.phase, nb.result, nb.budget_seconds
        )  # fmt: skip
        assert list(entry.exercises) == nb.exercises and list(entry.goals) == nb.goals
        assert entry.exercise_file == nb.exercise_path.relative_to(ROOT).as_posix()
    assert [entry.id for entry in catalogue.entries(registered=False)] == [nb.id for nb in notebooks.discover()]
    assert catalogue.repository_url() == notebooks.repository_url()


def test_require_names_close_matches():
    assert catalogue.require("1_math/01_derivatives").exercises[0] == "forward_difference"
    with pytest.raises(catalogue.UnknownNotebookError, match=r"Did you mean '2_pytorch/01_tensors'\?"):
        catalogue.require("2_pytorch/01_tensor")


def test_registered_notebooks_are_known_until_unregistered():
    entry = catalogue.register("tests/registered", exercises=["a"], goals=["g"])
    try:
        assert catalogue.require("tests/registered") is entry
        assert entry.declares("a") and not entry.declares("b")
        assert entry in catalogue.entries() and entry not in catalogue.entries(registered=False)
    finally:
        catalogue.unregister("tests/registered")
    assert catalogue.get("tests/registered") is None
    assert catalogue.register("tests/any").declares("whatever")
    catalogue.unregister("tests/any")


def test_a_missing_or_damaged_catalogue_says_how_to_get_it_back(tmp_path):
    with pytest.raises(catalogue.CatalogueError, match=r"is missing\. Reinstall the course package"):
        catalogue.entries(tmp_path / "catalogue.json")
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": 1, "notebooks": {"1_math/01_x": {}}}')
    with pytest.raises(catalogue.CatalogueError, match=r"cannot be read .*python -m utils\.exercises"):
        catalogue.entries(damaged)


@pytest.mark.slow
def test_a_non_editable_install_ships_the_catalogue_and_its_dashboard_works(tmp_path):
    """Build the wheel as pip would, install it into a bare folder, run the dashboard far from the clone."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "utils", source / "utils", ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(wheels),
         str(source)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = wheels.glob("ml_curriculum-*.whl")
    import zipfile

    assert "utils/catalogue.json" in zipfile.ZipFile(wheel).namelist()
    site = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout + install.stderr
    progress_file = tmp_path / "progress.json"
    progress_file.write_text(
        json.dumps({"version": 1, "notebooks": {"1_math/01_derivatives": {"exercises": {
            "forward_difference": "2026-01-01T00:00:00Z"}, "goals": {}}}})
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(PYTHONPATH=str(site), CURRICULUM_PROGRESS=str(progress_file))
    probe = "import utils, sys; print(utils.__file__)"
    where = subprocess.run([sys.executable, "-c", probe], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert where.stdout.startswith(str(site)), f"the installed copy must be the one imported: {where}"
    shown = subprocess.run(
        [sys.executable, "-m", "utils.progress"], cwd=elsewhere, env=env, capture_output=True, text=True, check=False
    )
    assert shown.returncode == 0, shown.stderr
    assert "Notebooks: the catalogue shipped with the course package" in shown.stdout
    listed = catalogue.entries(registered=False)
    for phase in notebooks.PHASES:  # a phase without notebooks says so; one with notebooks lists them
        line = next(line for line in shown.stdout.splitlines() if line.startswith(phase))
        assert ("(no notebooks yet)" in line) == (not any(entry.phase == phase for entry in listed)), line
    for entry in listed:
        assert entry.name in shown.stdout
    assert "1/7" in next(line for line in shown.stdout.splitlines() if "01_derivatives" in line)
    started = subprocess.run(
        [sys.executable, "-c", "from utils import start; start('1_math/99_nope')"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert "UnknownNotebookError" in started.stderr and "The notebooks of 1_math are" in started.stderr
