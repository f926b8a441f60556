"""Exercise generation: stubs, dropped cells, and `--check` catching anything out of sync."""

from __future__ import annotations

import json
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
    assert notebooks.cell_source(setup) == notebooks.setup_cell_source("1_math/99_demo", solution=True)
    assert 'start("1_math/99_demo", solution=True)' in notebooks.cell_source(setup)
    assert "setup" in notebooks.cell_tags(setup)
    exercise_setup = notebooks.code_cells(exercise)[0]
    assert notebooks.cell_source(exercise_setup) == notebooks.setup_cell_source("1_math/99_demo", solution=False)
    assert notebooks.cell_source(exercise_setup).endswith('session = start("1_math/99_demo")')
    for cell in notebooks.code_cells(solution) + notebooks.code_cells(exercise):
        assert cell.outputs == [] and cell.execution_count is None
    assert solution.metadata["kernelspec"]["name"] == "python3"


CHECK_CODE = """checks.check_function(
    slope,
    exercise="slope",
    cases=[checks.Case(((0, 0), (1, 2)), expected=2.0)],
)"""


def test_check_cells_are_collapsed_in_the_exercise_only():
    nb = _notebook([("print('setup')", []), (SOLUTION_CODE, ["exercise"]), (CHECK_CODE, ["check"])])
    nb.cells[-1].metadata["scrolled"] = True  # editor state: dropped
    solution = exercises.normalise_solution(nb, "1_math/99_demo")
    exercise = exercises.make_exercise(solution, "1_math/99_demo")
    solution_check, exercise_check = (notebooks.code_cells(n)[-1] for n in (solution, exercise))
    assert dict(solution_check.metadata) == {"tags": ["check"]}, "the solution shows its check in full"
    assert notebooks.cell_source(solution_check) == CHECK_CODE
    # JupyterLab: the source is collapsed, the output (the check's verdict) is not.
    assert exercise_check.metadata["jupyter"] == {"source_hidden": True}
    # Colab: form view, titled by a first `#@title` line (Colab reads the title from the first line).
    assert exercise_check.metadata["cellView"] == "form"
    first, rest = notebooks.cell_source(exercise_check).split("\n", 1)
    assert first == "#@title Check slope: run this cell"
    assert rest == CHECK_CODE, "the check itself is unchanged"
    assert exercise_check.metadata["tags"] == ["check"] and "scrolled" not in exercise_check.metadata
    compile(notebooks.cell_source(exercise_check), "check", "exec")
    # Regenerating is stable: the title is not added twice.
    again = exercises.collapse_check_cell(exercise_check)
    assert notebooks.cell_source(again) == notebooks.cell_source(exercise_check)


def test_authored_display_metadata_survives_cleaning():
    cell = nbformat.v4.new_code_cell("x = 1", metadata={"jupyter": {"source_hidden": True}, "collapsed": True})
    cleaned = exercises._clean_cell(cell)
    assert dict(cleaned.metadata) == {"jupyter": {"source_hidden": True}}


def test_nbstripout_keeps_the_collapsed_check_cells(tmp_path):
    """The pre-commit hook (nbstripout --keep-id) must not undo the generator's metadata."""
    if shutil.which("nbstripout", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("nbstripout (dev extra) is not installed")
    exercise = notebooks.exercise_paths()[0]
    copy = tmp_path / exercise.name
    shutil.copyfile(exercise, copy)
    subprocess.run([str(Path(sys.executable).parent / "nbstripout"), "--keep-id", str(copy)], check=True)
    assert copy.read_text(encoding="utf-8") == exercise.read_text(encoding="utf-8")


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
    assert "utils/catalogue.json is missing" in missing.stderr
    assert _cli(repo).returncode == 0
    passing = _cli(repo, "--check")
    assert passing.returncode == 0 and "1 notebook pairs and the catalogue are in sync" in passing.stdout
    listed = json.loads((repo / "utils" / "catalogue.json").read_text())
    entry = listed["notebooks"]["1_math/01_derivatives"]
    assert entry["exercises"] == ["forward_difference", "central_difference", "tangent_line"]
    assert entry["phase"] == "1_math" and entry["title"] == "Functions and derivatives" and entry["goals"]
    assert entry["budget_seconds"] > 0 and entry["result"]
    assert listed["repository"] == notebooks.repository_url()


def test_a_stale_catalogue_fails_the_check(repo, capsys):
    assert exercises.main(["--root", str(repo)]) == 0
    solution = repo / "1_math" / "01_derivatives.solution.ipynb"
    nb = nbformat.read(solution, as_version=4)
    nb.metadata["curriculum"]["budget_seconds"] = 45  # changes the catalogue, not the exercise
    nbformat.write(nb, solution)
    capsys.readouterr()
    assert exercises.main(["--root", str(repo), "--check"]) == 1
    assert "utils/catalogue.json is out of date" in capsys.readouterr().err
    assert exercises.main(["--root", str(repo)]) == 0
    assert exercises.main(["--root", str(repo), "--check"]) == 0
    assert (
        json.loads((repo / "utils" / "catalogue.json").read_text())["notebooks"]["1_math/01_derivatives"][
            "budget_seconds"
        ]
        == 45
    )


def test_the_shipped_catalogue_is_the_generated_one():
    assert (notebooks.REPO_ROOT / "utils" / "catalogue.json").read_text(encoding="utf-8") == exercises.catalogue_text()


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
        result.returncode == 0 and "1 notebook pairs, 2 file(s) written" in result.stdout
    )  # the solution was already normalised: its exercise and the catalogue
    assert _cli(repo, str(repo / "1_math" / "nope.solution.ipynb")).returncode == 2
