"""Every notebook follows the conventions in CONTRIBUTING.md (what can be checked, is checked here)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from utils import exercises, notebooks
from utils.notebooks import (
    BEGIN_MARKER,
    CHECK_TAG,
    CHECKLIST_TAG,
    KERNELSPEC,
    SETUP_TAG,
    cell_source,
    cell_tags,
    code_cells,
)

SOLUTIONS = notebooks.solution_paths()
IDS = [notebooks.notebook_id(path) for path in SOLUTIONS]
REQUIRED_PROSE = ["Learning goals", "Prerequisites", "Estimated time", "Summary", "Further reading"]
ALL_NOTEBOOKS = SOLUTIONS + notebooks.exercise_paths()


def test_there_is_at_least_the_pilot_notebook() -> None:
    assert "1_math/01_derivatives" in IDS


def test_pairs_exist_and_exercises_are_in_sync() -> None:
    wanted, problems = exercises.planned_files()
    assert not problems, "\n".join(problems)
    stale = [
        str(path.relative_to(notebooks.REPO_ROOT))
        for path, text in wanted.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"out of date (run `python -m utils.exercises`): {stale}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=[str(p.relative_to(notebooks.REPO_ROOT)) for p in ALL_NOTEBOOKS])
def test_no_outputs_and_standard_kernel(path: Path) -> None:
    nb = notebooks.read(path)
    for index, cell in enumerate(code_cells(nb), start=1):
        assert not cell.outputs, f"code cell {index} has outputs: strip them (pre-commit does it for you)"
        assert cell.execution_count is None, f"code cell {index} has an execution count"
    assert nb.metadata.get("kernelspec") == KERNELSPEC


@pytest.mark.parametrize("path", SOLUTIONS, ids=IDS)
class TestSolutionNotebook:
    def test_title_and_required_prose(self, path: Path) -> None:
        nb = notebooks.read(path)
        assert nb.cells[0].cell_type == "markdown" and cell_source(nb.cells[0]).startswith("# "), (
            "the first cell is a markdown cell with the title as a level-1 heading"
        )
        prose = "\n".join(cell_source(cell) for cell in nb.cells if cell.cell_type == "markdown")
        missing = [heading for heading in REQUIRED_PROSE if heading not in prose]
        assert not missing, f"missing sections: {missing}"

    def test_metadata_states_result_and_budget(self, path: Path) -> None:
        meta = notebooks.read(path).metadata.get("curriculum", {})
        assert meta.get("result"), "metadata.curriculum.result: the result this notebook reaches, for the README"
        assert 0 < int(meta.get("budget_seconds", 0)) <= 600, "metadata.curriculum.budget_seconds: CPU time budget"

    def test_setup_cell_first_checklist_last(self, path: Path) -> None:
        nb = notebooks.read(path)
        cells = code_cells(nb)
        assert SETUP_TAG in cell_tags(cells[0])
        assert cell_source(cells[0]) == notebooks.setup_cell_source(notebooks.notebook_id(path), solution=True), (
            "a solution's setup cell is the standard one with solution=True (run `python -m utils.exercises`)"
        )
        assert nb.cells[-1].cell_type == "code" and CHECKLIST_TAG in cell_tags(nb.cells[-1]), (
            "the last cell is the checklist cell, tagged 'checklist'"
        )
        goals, _ = notebooks.parse_checklist(nb)
        assert len(goals) >= 2, "list the notebook's learning goals in its checklist"

    def test_every_exercise_is_followed_by_its_check(self, path: Path) -> None:
        nb = notebooks.read(path)
        cells = code_cells(nb)
        found: list[str] = []
        for index, cell in enumerate(cells):
            source = cell_source(cell)
            if BEGIN_MARKER not in source:
                assert "exercise" not in cell_tags(cell), f"code cell {index + 1} is tagged exercise but has no markers"
                continue
            assert "exercise" in cell_tags(cell), f"code cell {index + 1} has solution markers: tag it 'exercise'"
            _, names = exercises.stub_solutions(source)
            found.extend(names)
            following = cells[index + 1] if index + 1 < len(cells) else None
            assert following is not None and CHECK_TAG in cell_tags(following), (
                f"the exercise {names} must be followed directly by its check cell (tagged 'check')"
            )
            for name in names:
                assert re.search(rf"exercise\s*=\s*[\"']{name}[\"']", cell_source(following)), (
                    f'the check cell after {name} must check it (exercise="{name}")'
                )
        _, declared = notebooks.parse_checklist(nb)
        assert len(found) >= 1, "a notebook has at least one exercise"
        assert sorted(found) == sorted(declared), f"checklist exercises {declared} != exercises in the notebook {found}"
        assert len(set(found)) == len(found), "exercise names must be unique"

    def test_check_cells_only_check(self, path: Path) -> None:
        for cell in code_cells(notebooks.read(path)):
            if CHECK_TAG in cell_tags(cell):
                assert BEGIN_MARKER not in cell_source(cell)
                assert "checks." in cell_source(cell), "a check cell calls utils.checks"

    def test_code_is_valid_python_and_reads_no_environment(self, path: Path) -> None:
        for index, cell in enumerate(code_cells(notebooks.read(path)), start=1):
            source = cell_source(cell)
            lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
            ast.parse("\n".join(lines))
            if index > 1:
                assert "os.environ" not in source and "getenv" not in source, (
                    f"code cell {index} reads the environment: ask utils (session.size, utils.config) instead"
                )
                assert "http://" not in source and "https://" not in source, (
                    f"code cell {index} names a URL: load data and models through utils.data"
                )

    def test_data_comes_through_utils(self, path: Path) -> None:
        text = "\n".join(cell_source(cell) for cell in code_cells(notebooks.read(path)))
        for forbidden in ("pd.read_csv(", "np.load(", "fetch_openml", "load_dataset(", 'from_pretrained("http'):
            assert forbidden not in text, f"load data with utils.data.load, not {forbidden}"


EXERCISES = notebooks.exercise_paths()


@pytest.mark.parametrize("path", EXERCISES, ids=[notebooks.notebook_id(path) for path in EXERCISES])
def test_exercise_setup_counts_and_check_cells_are_collapsed(path: Path) -> None:
    """The exercise's setup cell records passes (no solution=True); its check cells fold, feedback stays."""
    cells = code_cells(notebooks.read(path))
    assert cell_source(cells[0]) == notebooks.setup_cell_source(notebooks.notebook_id(path), solution=False)
    assert "solution=True" not in cell_source(cells[0])
    checks_found = [cell for cell in cells if CHECK_TAG in cell_tags(cell)]
    assert checks_found, "an exercise notebook has check cells"
    for cell in checks_found:
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, "JupyterLab: source collapsed"
        assert not cell.metadata.get("jupyter", {}).get("outputs_hidden"), "the check's feedback stays visible"
        assert cell.metadata.get("cellView") == "form", "Colab: shown as a form"
        assert cell_source(cell).startswith("#@title Check "), "Colab: the form's title names the check"


def test_phase_folders_have_readmes() -> None:
    for phase in notebooks.PHASES:
        assert (notebooks.REPO_ROOT / phase / "README.md").is_file(), f"{phase}/README.md"
