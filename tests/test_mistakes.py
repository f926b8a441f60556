"""Every check cell rejects wrong answers: the typical mistakes registered for it, and the stub.

For each solution notebook this runs its cells in a real kernel, in order. At every exercise cell
it first runs the correct code, then for each mistake registered in
``tests/mistakes/<phase>/<notebook>.py`` defines the wrong function and runs the check cell, which
must fail with ``CheckFailed`` naming the exercise (a friendly message, not a stray exception);
then it does the same with the generated exercise stub, which must be reported as not written yet.
Then it restores the correct code and carries on, so the check cells must also pass on the
solution. It stops after the last check cell.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from tests.kernel import Kernel
from utils import exercises, notebooks
from utils.notebooks import BEGIN_MARKER, CHECK_TAG, cell_source, cell_tags

MISTAKES_DIR = Path(__file__).parent / "mistakes"
SOLUTIONS = notebooks.solution_paths()


def mistakes_for(notebook_id: str) -> dict[str, dict[str, str]]:
    path = MISTAKES_DIR / f"{notebook_id}.py"
    if not path.exists():
        pytest.fail(
            f"{notebook_id}: register typical wrong answers for each exercise in "
            f"{path.relative_to(notebooks.REPO_ROOT)}"
        )
    return runpy.run_path(str(path))["MISTAKES"]


def test_every_exercise_has_mistakes_and_every_mistake_an_exercise() -> None:
    for solution in SOLUTIONS:
        notebook_id = notebooks.notebook_id(solution)
        _, declared = notebooks.parse_checklist(notebooks.read(solution))
        registered = mistakes_for(notebook_id)
        assert set(registered) == set(declared), (
            f"{notebook_id}: mistakes registered for {sorted(registered)}, exercises are {sorted(declared)}"
        )
        for name, variants in registered.items():
            assert variants, f"{notebook_id}: no mistake registered for {name}"


@pytest.mark.slow
@pytest.mark.parametrize("solution", SOLUTIONS, ids=[notebooks.notebook_id(path) for path in SOLUTIONS])
def test_check_cells_reject_mistakes_and_stubs(solution: Path) -> None:
    notebook_id = notebooks.notebook_id(solution)
    registered = mistakes_for(notebook_id)
    nb = exercises.normalise_solution(notebooks.read(solution), notebook_id)
    cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    check_positions = [i for i, cell in enumerate(cells) if CHECK_TAG in cell_tags(cell)]
    assert check_positions, f"{notebook_id} has no check cells"
    kernel = Kernel(solution.parent)
    rejected = 0
    try:
        for position, cell in enumerate(cells[: check_positions[-1] + 1]):
            source = cell_source(cell)
            outcome = kernel.run(source)
            assert outcome.ok, f"{notebook_id} code cell {position + 1} failed:\n{outcome.error_text}"
            if BEGIN_MARKER not in source:
                continue
            stub, names = exercises.stub_solutions(source)
            check = next(cells[i] for i in check_positions if i > position)
            attempts = [
                (f"mistake '{why}'", name, wrong) for name in names for why, wrong in registered.get(name, {}).items()
            ]
            attempts.append(("the exercise stub", names[0], stub))
            for what, name, wrong_code in attempts:
                assert kernel.run(wrong_code).ok, f"{notebook_id}: {what} for {name} does not even run"
                verdict = kernel.run(cell_source(check))
                assert not verdict.ok, f"{notebook_id}: the check for {name} accepted {what}"
                assert verdict.error_name == "CheckFailed", (
                    f"{notebook_id}: with {what}, the check for {name} crashed with {verdict.error_name} "
                    f"instead of explaining the problem:\n{verdict.error_text}"
                )
                assert name in verdict.error_text, f"{notebook_id}: the failure message does not name {name}"
                if what == "the exercise stub":
                    assert "not written yet" in verdict.error_text
                rejected += 1
                assert kernel.run(source).ok  # restore the correct code
    finally:
        kernel.close()
    assert rejected >= 2
