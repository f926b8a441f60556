"""The progress file: never loses an update, never wipes a corrupt file, drives checklists and the dashboard."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import ipywidgets
import pytest

from utils import notebooks, progress
from utils.progress import ProgressStore, ProgressWarning

UPDATES_PER_PROCESS = 300


@pytest.fixture(autouse=True)
def _restore_current_notebook(monkeypatch):
    """Tests that call start() change which notebook is current: undo it afterwards."""
    monkeypatch.setattr(progress, "_current_notebook", progress._current_notebook)
    monkeypatch.setattr(progress, "_solution_notebook", progress._solution_notebook)


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


# --- exercises a notebook does not declare, and solution notebooks -------------------------------


def test_an_exercise_the_notebook_does_not_declare_is_refused(store):
    with progress.fake_notebook("tests/demo", exercises=["slope", "intercept"]):
        progress.record_exercise("slope")
        with pytest.raises(progress.UnknownExerciseError) as refused:
            progress.record_exercise("slop")
    message = str(refused.value)
    assert isinstance(refused.value, ValueError)
    assert message.startswith("slop is not an exercise of tests/demo; its exercises are slope, intercept.")
    assert "Did you mean slope?" in message
    assert set(store.notebook_state("tests/demo")["exercises"]) == {"slope"}, "nothing recorded for the typo"


def test_a_real_notebooks_exercises_come_from_the_catalogue(store, monkeypatch):
    monkeypatch.setattr(progress, "_current_notebook", "1_math/01_derivatives")
    progress.record_exercise("forward_difference")
    with pytest.raises(progress.UnknownExerciseError, match="its exercises are forward_difference, central_diff"):
        progress.record_exercise("backward_difference")
    assert list(store.notebook_state("1_math/01_derivatives")["exercises"]) == ["forward_difference"]


def test_a_solution_notebook_never_records_the_learners_exercises(store, capsys):
    from utils import env

    session = env.start("1_math/01_derivatives", solution=True)
    assert session.solution and progress.is_solution()
    assert "solution notebook" in capsys.readouterr().out
    progress.record_exercise("forward_difference")  # the solution's check passes...
    state = store.notebook_state("1_math/01_derivatives")
    assert state["exercises"] == {}, "...but it is not the learner's pass"
    assert state["solution_run"], "running the solution is recorded separately"
    with pytest.raises(progress.UnknownExerciseError):  # names are still checked in a solution
        progress.record_exercise("not_an_exercise")
    text = progress.dashboard(store)
    assert "(solution run)" in text and "Solutions run: 1" in text
    row = next(line for line in text.splitlines() if "01_derivatives" in line)
    assert "  0/7" in row
    # The exercise notebook's passes count, and its checklist shows them; the solution's checklist
    # shows the same learner's progress and says why its own checks did not tick anything.
    env.start("1_math/01_derivatives")
    assert not progress.is_solution()
    progress.record_exercise("forward_difference")
    assert list(store.notebook_state("1_math/01_derivatives")["exercises"]) == ["forward_difference"]
    env.start("1_math/01_derivatives", solution=True)
    capsys.readouterr()
    progress.checklist(goals=["A goal"], exercises=["forward_difference", "central_difference"])
    shown = capsys.readouterr().out
    assert "1/3 done" in shown and "solution notebook" in shown
    assert "[x] Exercise forward_difference" in shown and "[ ] Exercise central_difference" in shown


def test_fake_notebook_restores_the_previous_one(monkeypatch):
    monkeypatch.setattr(progress, "_current_notebook", "1_math/01_derivatives")
    monkeypatch.setattr(progress, "_solution_notebook", None)
    with progress.fake_notebook("tests/other", exercises=["x"], solution=True):
        assert progress.current_notebook() == "tests/other" and progress.is_solution()
    assert progress.current_notebook() == "1_math/01_derivatives" and not progress.is_solution()
    from utils import catalogue

    assert catalogue.get("tests/other") is None


# --- a checklist on screen follows the store ------------------------------------------------------


def test_a_checklist_on_screen_ticks_itself_when_a_check_passes(store):
    with progress.fake_notebook("tests/live", exercises=["first", "second"], goals=["Goal A"]):
        widget = progress._ChecklistWidget(
            ipywidgets, store, "tests/live", ["Goal A"], ["first", "second"], store.notebook_state("tests/live")
        )
        twin = progress._ChecklistWidget(
            ipywidgets, store, "tests/live", ["Goal A"], ["first", "second"], store.notebook_state("tests/live")
        )
        header, first, second, goal = widget.children
        assert not first.value and "0/3 done" in header.value
        progress.record_exercise("first")  # what a check cell below the exercise does
        assert first.value and not second.value, "the box ticked itself without re-running the checklist"
        assert "1/3 done" in header.value
        assert twin.children[1].value
        goal.value = True  # a click on one checklist shows on the other
        assert twin.children[3].value and "2/3 done" in twin.children[0].value
        twin.close()
        progress.record_exercise("second")  # a closed widget is skipped, the open one still follows
        assert second.value


def test_the_widget_supports_ipywidgets_7_display(store, monkeypatch):
    """Colab has ipywidgets 7.7: no _repr_mimebundle_ on widgets; they display through _ipython_display_."""
    displayed = []

    class Widget7(ipywidgets.Widget):
        def _ipython_display_(self, **kwargs):  # pragma: no cover - replaced by the checklist's own
            raise AssertionError("the checklist must define its own")

    class VBox7(ipywidgets.VBox):
        @property
        def _repr_mimebundle_(self):
            raise AttributeError("ipywidgets 7 widgets have no _repr_mimebundle_")

    fake = type("widgets7", (), {})()
    for name in ("HTML", "Layout", "Checkbox"):
        setattr(fake, name, getattr(ipywidgets, name))
    fake.Widget, fake.VBox = Widget7, VBox7
    monkeypatch.setattr("IPython.display.display", lambda data, raw=False: displayed.append((data, raw)))
    widget = progress._ChecklistWidget(fake, store, "n/1", ["Goal A"], ["e"], store.notebook_state("n/1"))
    widget._handle_displayed = lambda **kwargs: None
    widget._ipython_display_()
    ((data, raw),) = displayed
    assert raw and data["application/vnd.jupyter.widget-view+json"]["model_id"] == widget.model_id
    assert "Checklist for n/1: 0/2 done" in data["text/plain"]


# --- read-only progress folders -----------------------------------------------------------------


def test_a_pass_in_a_read_only_folder_still_shows_and_says_why_it_was_not_saved(tmp_path, monkeypatch, capsys):
    from tests.readonly import read_only_folder
    from utils import checks

    folder = tmp_path / "locked"
    monkeypatch.setenv("CURRICULUM_PROGRESS", str(folder / "progress.json"))
    with progress.fake_notebook("tests/ro", exercises=["slope"]), read_only_folder(folder):
        checks.passed("slope")
        out, err = capsys.readouterr()
        assert "✓ slope passed" in out
        assert len(err.strip().splitlines()) == 1, err
        assert "was not saved" in err and "read-only" in err and str(folder) in err
        assert "CURRICULUM_PROGRESS" in err and "Traceback" not in err
        # Reading still works there: the checklist shows (nothing yet), the dashboard prints.
        progress.checklist(goals=["g"], exercises=["slope"])
        assert "0/2 done" in capsys.readouterr().out
        assert "Progress file:" in progress.dashboard()
        assert progress.main(["reset", "--yes"]) == 1
        assert "Nothing was saved" in capsys.readouterr().err


def test_an_existing_progress_file_in_a_read_only_folder_is_read(store, monkeypatch, capsys):
    from tests.readonly import read_only_folder

    store.record_exercise("1_math/01_derivatives", "forward_difference")
    monkeypatch.setattr(progress, "_current_notebook", "1_math/01_derivatives")
    with read_only_folder(store.path.parent):
        assert "forward_difference" in ProgressStore().notebook_state("1_math/01_derivatives")["exercises"]
        widget = progress._ChecklistWidget(ipywidgets, store, "n/1", ["Goal A"], [], store.notebook_state("n/1"))
        widget.children[1].value = True  # a click that cannot be saved
        assert "Not saved" in widget.children[0].value and "CURRICULUM_PROGRESS" in widget.children[0].value
        assert widget.children[1].value is False, "the box shows what the file holds"


# --- temporary files left by crashed writers -----------------------------------------------------


def test_stale_temporary_files_are_removed_and_fresh_ones_kept(store):
    store.record_exercise("n/1", "a")
    folder = store.path.parent
    stale = folder / "progress.jsonab12cd_9.tmp"  # what tempfile.mkstemp names them
    fresh = folder / "progress.jsonzz99yy88.tmp"  # as if another writer were writing it now
    other = folder / "notes.tmp"  # not ours
    for path in (stale, fresh, other):
        path.write_text("{")
    two_hours_ago = time.time() - 2 * 3600
    for path in (stale, other):
        os.utime(path, (two_hours_ago, two_hours_ago))
    store.record_exercise("n/1", "b")
    assert not stale.exists() and fresh.exists() and other.exists()
    assert set(store.notebook_state("n/1")["exercises"]) == {"a", "b"}


# --- reset, export and import --------------------------------------------------------------------


def test_reset_of_an_unknown_notebook_fails_and_touches_nothing(store, capsys):
    store.record_exercise("1_math/01_derivatives", "forward_difference")
    store.record_exercise("1_math/01_derivatives", "central_difference")  # now there is a backup
    before = store.path.read_bytes(), store.backup_path.read_bytes()
    assert progress.main(["reset", "--notebook", "1_math/01_derivative", "--yes"]) == 2
    err = capsys.readouterr().err
    assert "'1_math/01_derivative' is not a notebook" in err and "'1_math/01_derivatives'" in err
    assert "Nothing was changed" in err
    assert progress.main(["reset", "--notebook", "1_math/99_nope", "--yes"]) == 2
    assert "The notebooks of 1_math are: 01_derivatives" in capsys.readouterr().err
    assert (store.path.read_bytes(), store.backup_path.read_bytes()) == before
    assert progress.main(["reset", "--notebook", "1_math/01_derivatives", "--yes"]) == 0
    assert "1_math/01_derivatives" not in store.read()["notebooks"]
    store.record_exercise("9_retired/01_old", "x")  # an id only the file knows can still be reset
    assert progress.main(["reset", "--notebook", "9_retired/01_old", "--yes"]) == 0


def test_export_creates_its_folder(store, tmp_path, capsys):
    store.record_exercise("n/1", "e")
    destination = tmp_path / "backups" / "2026" / "progress.json"
    assert progress.main(["export", str(destination)]) == 0
    assert json.loads(destination.read_text())["notebooks"]["n/1"]["exercises"]
    folder = tmp_path / "as-folder"
    folder.mkdir()
    assert progress.main(["export", str(folder)]) == 0
    assert (folder / "progress.json").exists()
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    capsys.readouterr()
    assert progress.main(["export", str(blocker / "progress.json")]) == 1
    err = capsys.readouterr().err
    assert "Could not write" in err and "Traceback" not in err


def test_import_merges_an_export_keeping_the_earliest_times(store, tmp_path, capsys):
    store.update(
        lambda state: state["notebooks"].update(
            {
                "1_math/01_derivatives": {
                    "exercises": {"forward_difference": "2026-03-01T10:00:00Z"},
                    "goals": {"Goal A": "2026-03-01T11:00:00Z"},
                }
            }
        )
    )
    exported = {
        "version": 1,
        "notebooks": {
            "1_math/01_derivatives": {
                "exercises": {"forward_difference": "2026-02-01T10:00:00Z", "tangent_line": "2026-02-02T10:00:00Z"},
                "goals": {"Goal A": "2026-04-01T11:00:00Z"},
                "solution_run": "2026-01-01T00:00:00Z",
            },
            "2_pytorch/01_tensors": {"exercises": {"to_float_batch": "2026-02-03T10:00:00Z"}, "goals": {}},
        },
    }
    source = tmp_path / "colab-export.json"
    source.write_text(json.dumps(exported))
    assert progress.main(["import", str(source)]) == 0
    assert "2 exercise(s), 0 goal(s) and 1 notebook(s) were new" in capsys.readouterr().out
    merged = store.read()["notebooks"]
    derivatives = merged["1_math/01_derivatives"]
    assert derivatives["exercises"] == {
        "forward_difference": "2026-02-01T10:00:00Z",  # the earlier of the two
        "tangent_line": "2026-02-02T10:00:00Z",
    }
    assert derivatives["goals"] == {"Goal A": "2026-03-01T11:00:00Z"}
    assert derivatives["solution_run"] == "2026-01-01T00:00:00Z"
    assert merged["2_pytorch/01_tensors"]["exercises"]
    assert progress.main(["import", str(source)]) == 0, "importing twice changes nothing"
    assert store.read()["notebooks"] == merged


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{ not json", "not valid JSON"),
        ('["a list"]', 'no "notebooks" table'),
        ('{"version": 99, "notebooks": {}}', "newer version"),
        ('{"notebooks": {"n/1": "done"}}', "is not a table"),
        ('{"notebooks": {"n/1": {"exercises": ["e"]}}}', "is not a table of times"),
        ('{"notebooks": {"n/1": {"exercises": {"e": "yesterday"}}}}', "has the time 'yesterday'"),
    ],
)
def test_import_refuses_a_malformed_file(store, tmp_path, capsys, content, problem):
    store.record_exercise("n/1", "e")
    before = store.path.read_bytes()
    source = tmp_path / "bad.json"
    source.write_text(content)
    assert progress.main(["import", str(source)]) == 2
    err = capsys.readouterr().err
    assert problem in err and "Nothing was changed" in err and "Traceback" not in err
    assert store.path.read_bytes() == before


def test_import_of_a_missing_file_says_so(store, tmp_path, capsys):
    assert progress.main(["import", str(tmp_path / "nope.json")]) == 2
    assert "There is no file" in capsys.readouterr().err


# --- the dashboard without the notebooks on disk ----------------------------------------------


def test_dashboard_uses_the_catalogue_when_the_notebooks_are_not_on_disk(store, tmp_path):
    from utils import catalogue

    store.record_exercise("1_math/01_derivatives", "forward_difference")
    text = progress.dashboard(store, root=tmp_path)  # no notebooks there, as in a non-editable install
    assert "Notebooks: the catalogue shipped with the course package" in text
    for entry in catalogue.entries(registered=False):
        assert entry.name in text
    assert "  1/7  " in next(line for line in text.splitlines() if "01_derivatives" in line)
    assert "Next: open 1_math/01_derivatives.exercise.ipynb" in text
    assert "on Colab: https://colab.research.google.com/github/" in text
    on_disk = progress.dashboard(store)
    assert "(on disk)" in on_disk and "on Colab" not in on_disk
