"""The progress file: never loses an update, never wipes a corrupt file, drives checklists and the dashboard."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
from pathlib import Path

import ipywidgets
import pytest

from utils import notebooks, progress
from utils.progress import ProgressStore, ProgressWarning

UPDATES_PER_PROCESS = 300


@pytest.fixture
def store(tmp_path, monkeypatch) -> ProgressStore:
    path = tmp_path / "data" / "progress.json"
    monkeypatch.setenv("CURRICULUM_PROGRESS", str(path))
    return ProgressStore()


def test_starts_empty_and_records(store):
    assert store.read() == {"version": 1, "notebooks": {}}
    store.record_exercise("1_math/01_derivatives", "forward_difference")
    store.set_goal("1_math/01_derivatives", "I can explain it", True)
    state = store.notebook_state("1_math/01_derivatives")
    assert set(state["exercises"]) == {"forward_difference"} and set(state["goals"]) == {"I can explain it"}
    store.set_goal("1_math/01_derivatives", "I can explain it", False)
    assert store.notebook_state("1_math/01_derivatives")["goals"] == {}


def test_recording_twice_keeps_the_first_time(store):
    store.record_exercise("n/1", "e")
    first = store.notebook_state("n/1")["exercises"]["e"]
    store.record_exercise("n/1", "e")
    assert store.notebook_state("n/1")["exercises"]["e"] == first


def _hammer(path: str, worker: int) -> None:
    writer = ProgressStore(path)
    for index in range(UPDATES_PER_PROCESS):
        if index % 2:
            writer.record_exercise(f"phase/{worker}", f"exercise-{index}")
        else:
            writer.set_goal(f"phase/{worker}", f"goal-{index}", True)


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "progress.json")
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_hammer, args=(path, worker)) for worker in (1, 2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    state = ProgressStore(path).read()["notebooks"]
    for worker in (1, 2):
        entry = state[f"phase/{worker}"]
        assert len(entry["exercises"]) + len(entry["goals"]) == UPDATES_PER_PROCESS
    assert not list(tmp_path.glob("*.tmp")), "no temporary files are left behind"


def test_truncated_file_is_recovered_from_backup_and_kept(store):
    store.record_exercise("n/1", "first")
    store.record_exercise("n/1", "second")  # the backup now holds the state with "first"
    text = store.path.read_text()
    store.path.write_text(text[: len(text) // 2])  # truncated, as by a full disk
    with pytest.warns(ProgressWarning, match="restored from the last good copy"):
        state = store.read()
    assert "first" in state["notebooks"]["n/1"]["exercises"]
    kept = list(store.path.parent.glob("progress.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_text() == text[: len(text) // 2]
    assert json.loads(store.path.read_text()) == state, "the restored state is saved again"


def test_corrupt_file_without_backup_is_kept_and_reported(store):
    store.path.parent.mkdir(parents=True)
    store.path.write_text("{ not json")
    with pytest.warns(ProgressWarning, match="no good backup"):
        assert store.read()["notebooks"] == {}
    kept = list(store.path.parent.glob("progress.json.corrupt-*"))
    assert [path.read_text() for path in kept] == ["{ not json"]


def test_valid_json_of_the_wrong_shape_counts_as_corrupt(store):
    store.path.parent.mkdir(parents=True)
    store.path.write_text('["a list"]')
    with pytest.warns(ProgressWarning):
        store.read()


def test_check_without_setup_warns_instead_of_losing_silently(store, monkeypatch):
    monkeypatch.setattr(progress, "_current_notebook", None)
    with pytest.warns(ProgressWarning, match="run the notebook's setup cell"):
        progress.record_exercise("e")
    assert not store.path.exists()


def test_checklist_text_fallback(store, monkeypatch, capsys):
    monkeypatch.setattr(progress, "_current_notebook", "n/1")
    store.record_exercise("n/1", "done_one")
    progress.checklist(goals=["Goal A", "Goal B"], exercises=["done_one", "open_one"])
    out = capsys.readouterr().out
    assert "Checklist for n/1: 1/4 done" in out
    assert "[x] Exercise done_one" in out and "[ ] Exercise open_one" in out and "[ ] Goal A" in out


def test_checklist_needs_the_setup_cell_and_lists(monkeypatch):
    monkeypatch.setattr(progress, "_current_notebook", None)
    with pytest.raises(RuntimeError, match="setup cell"):
        progress.checklist(goals=["a"])
    monkeypatch.setattr(progress, "_current_notebook", "n/1")
    with pytest.raises(TypeError, match="lists of strings"):
        progress.checklist(goals="a single string")


def test_checklist_widget_saves_clicks_and_shows_saved_state(store):
    store.record_exercise("n/1", "done_one")
    widget = progress._ChecklistWidget(ipywidgets, store, "n/1", ["Goal A"], ["done_one"], store.notebook_state("n/1"))
    header, exercise_box, goal_box = widget.children
    assert exercise_box.value is True and exercise_box.disabled
    assert goal_box.value is False and not goal_box.disabled
    goal_box.value = True  # what a click does
    assert "Goal A" in store.notebook_state("n/1")["goals"]
    assert "2/2 done" in header.value
    bundle = widget._repr_mimebundle_()
    assert "[x] Goal A" in bundle["text/plain"]
    reopened = progress._ChecklistWidget(
        ipywidgets, store, "n/1", ["Goal A"], ["done_one"], store.notebook_state("n/1")
    )
    assert reopened.children[2].value is True


def test_dashboard_counts_and_points_to_the_next_notebook(store):
    found = notebooks.discover()
    first = found[0]
    text = progress.dashboard(store)
    assert "1_math" in text and f"Next: open {first.exercise_path.relative_to(notebooks.REPO_ROOT).as_posix()}" in text
    for name in first.exercises:
        store.record_exercise(first.id, name)
    for goal in first.goals:
        store.set_goal(first.id, goal, True)
    text = progress.dashboard(store)
    assert f"✓ {first.name}" in text
    total = len(first.exercises) + len(first.goals)
    assert f"{total:>3}/{total:<3}" in text


def test_command_line_show_export_and_reset(store, tmp_path):
    store.record_exercise("n/1", "e")
    env = {"CURRICULUM_PROGRESS": str(store.path), "PATH": "/usr/bin:/bin"}

    def run(*arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "utils.progress", *arguments],
            capture_output=True,
            text=True,
            cwd=notebooks.REPO_ROOT,
            env=env,
            check=False,
        )

    shown = run()
    assert shown.returncode == 0 and "Next: open" in shown.stdout
    exported = tmp_path / "export.json"
    assert run("export", str(exported)).returncode == 0
    assert json.loads(exported.read_text())["notebooks"]["n/1"]["exercises"]
    refused = run("reset")
    assert refused.returncode == 2, "resetting needs --yes when not interactive"
    assert run("reset", "--yes").returncode == 0
    assert store.read()["notebooks"] == {}
    assert Path(str(store.path) + ".bak").exists()
