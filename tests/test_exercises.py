"""Exercise generation: stubs, dropped cells, and `--check` catching anything out of sync."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from utils import exercises, notebooks
from utils.exercises import GenerationError, stub_solutions

SOLUTION_CODE = '''def slope(points):
    """The slope of the line through two points."""
    (x0, y0), (x1, y1) = points
    # BEGIN SOLUTION
    rise = y1 - y0
    return rise / (x1 - x0)
    # END SOLUTION


class Line:
    def intercept(self):
        # BEGIN SOLUTION
        return 0.0
        # END SOLUTION'''


def test_stub_keeps_indentation_and_names_each_exercise():
    stub, names = stub_solutions(SOLUTION_CODE)
    assert names == ["slope", "intercept"]
    assert "rise" not in stub and "return 0.0" not in stub
    assert '    raise NotImplementedError("Exercise slope: replace this line with your code")' in stub
    assert '        raise NotImplementedError("Exercise intercept:' in stub
    assert "(x0, y0), (x1, y1) = points" in stub, "code outside the markers stays"
    compile(stub, "stub", "exec")


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("# BEGIN SOLUTION\nx = 1\n# END SOLUTION", "not inside a function"),
        ("def f():\n    # BEGIN SOLUTION\n    return 1", "has no `# END SOLUTION`"),
        ("def f():\n    return 1\n    # END SOLUTION", "has no `# BEGIN SOLUTION` before it"),
        ("def f():\n    # BEGIN SOLUTION\n    # BEGIN SOLUTION\n    return 1\n    # END SOLUTION", "nested"),
    ],
)
def test_malformed_markers_are_errors_that_say_where(source, problem):
    with pytest.raises(GenerationError, match=problem):
        stub_solutions(source, "demo cell 3")


def _notebook(code_cells: list[tuple[str, list[str]]]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Demo\n\nA notebook.")]
    nb.cells.append(nbformat.v4.new_markdown_cell("The answer is 42.", metadata={"tags": ["solution-only"]}))
    for source, tags in code_cells:
        cell = nbformat.v4.new_code_cell(source, metadata={"tags": tags})
        cell.outputs = [nbformat.v4.new_output("stream", text="old output")]
        cell.execution_count = 7
        nb.cells.append(cell)
    return nb


def test_exercise_drops_solution_only_cells_strips_outputs_and_stamps_setup(tmp_path):
    nb = _notebook([("print('placeholder setup')", []), (SOLUTION_CODE, ["exercise"])])
    solution = exercises.normalise_solution(nb, "1_math/99_demo")
    exercise = exercises.make_exercise(solution, "1_math/99_demo")
    sources = [notebooks.cell_source(cell) for cell in exercise.cells]
    assert not any("The answer is 42" in source for source in sources)
    assert any("This is the exercise notebook" in source for source in sources)
    setup = notebooks.code_cells(solution)[0]
    assert notebooks.cell_source(setup) == notebooks.setup_cell_source("1_math/99_demo")
    assert "setup" in notebooks.cell_tags(setup)
    for cell in notebooks.code_cells(solution) + notebooks.code_cells(exercise):
        assert cell.outputs == [] and cell.execution_count is None
    assert solution.metadata["kernelspec"]["name"] == "python3"


@pytest.fixture
def repo(tmp_path) -> Path:
    """A copy of the repository's skeleton with one notebook pair."""
    shutil.copy(notebooks.REPO_ROOT / "pyproject.toml", tmp_path)
    for phase in notebooks.PHASES:
        (tmp_path / phase).mkdir()
    source = notebooks.REPO_ROOT / "1_math" / "01_derivatives.solution.ipynb"
    shutil.copy(source, tmp_path / "1_math" / source.name)
    return tmp_path


def _cli(repo: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "utils.exercises", "--root", str(repo), *arguments],
        capture_output=True,
        text=True,
        cwd=notebooks.REPO_ROOT,
        check=False,
    )


def test_check_fails_until_generated_then_passes(repo):
    missing = _cli(repo, "--check")
    assert missing.returncode == 1 and "01_derivatives.exercise.ipynb is missing" in missing.stderr
    assert _cli(repo).returncode == 0
    passing = _cli(repo, "--check")
    assert passing.returncode == 0 and "1 notebook pairs are in sync" in passing.stdout


def test_editing_a_solution_without_regenerating_fails_the_check(repo):
    assert _cli(repo).returncode == 0
    solution = repo / "1_math" / "01_derivatives.solution.ipynb"
    nb = nbformat.read(solution, as_version=4)
    exercise_cell = next(cell for cell in nb.cells if "exercise" in cell.metadata.get("tags", []))
    exercise_cell.source = exercise_cell.source.replace("Approximate", "Estimate")
    nbformat.write(nb, solution)
    stale = _cli(repo, "--check")
    assert stale.returncode == 1
    assert "01_derivatives.exercise.ipynb is out of date" in stale.stderr
    assert _cli(repo).returncode == 0 and _cli(repo, "--check").returncode == 0


def test_outputs_in_a_solution_fail_the_check(repo):
    assert _cli(repo).returncode == 0
    solution = repo / "1_math" / "01_derivatives.solution.ipynb"
    nb = nbformat.read(solution, as_version=4)
    notebooks.code_cells(nb)[1].outputs = [nbformat.v4.new_output("stream", text="hi")]
    nbformat.write(nb, solution)
    result = _cli(repo, "--check")
    assert result.returncode == 1 and "01_derivatives.solution.ipynb is out of date" in result.stderr


def test_an_exercise_without_solution_is_an_error(repo):
    assert _cli(repo).returncode == 0
    (repo / "2_pytorch" / "07_orphan.exercise.ipynb").write_text("{}")
    result = _cli(repo, "--check")
    assert result.returncode == 1 and "07_orphan.exercise.ipynb has no solution twin" in result.stderr


def test_badly_named_notebooks_are_refused(repo):
    shutil.copy(repo / "1_math" / "01_derivatives.solution.ipynb", repo / "1_math" / "Derivs.solution.ipynb")
    result = _cli(repo, "--check")
    assert result.returncode == 1 and "name it NN_lowercase_words" in result.stderr


def test_generating_only_named_notebooks(repo):
    result = _cli(repo, str(repo / "1_math" / "01_derivatives.solution.ipynb"))
    assert (
        result.returncode == 0 and "1 notebook pairs, 1 file(s) written" in result.stdout
    )  # the solution was already normalised
    assert _cli(repo, str(repo / "1_math" / "nope.solution.ipynb")).returncode == 2
