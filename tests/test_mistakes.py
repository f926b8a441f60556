"""Every check cell rejects wrong answers: the mistakes registered for it, whole families of mistakes
made automatically from the right answer, and the stub.

For each solution notebook this runs its cells in a real kernel, in order. At every exercise cell
it first runs the correct code, then tries each wrong version and runs the check cell, which must
fail with ``CheckFailed`` naming the exercise (a friendly message, not a stray exception):

* each mistake registered in ``tests/mistakes/<phase>/<notebook>.py`` (``MISTAKES``);
* each family of ``tests/families.py`` that applies to the exercise's function: it ignores one of
  its arguments, it changes its input in place, it swaps two arguments of the same kind. A family
  that is not a mistake for a particular exercise (a function that is symmetric in two arguments,
  one that updates its input by design) is exempted in the same file, with the reason, under
  ``FAMILY_EXEMPTIONS = {"exercise": {"family label": "why it is right"}}``; an exemption the check
  no longer needs fails the test, so exemptions cannot pile up;
* the generated exercise stub, which must be reported as not written yet.

Then it restores the correct code and carries on, so the check cells must also pass on the
solution. It stops after the last check cell.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from tests import families
from tests.kernel import Kernel
from utils import exercises, notebooks
from utils.notebooks import BEGIN_MARKER, CHECK_TAG, cell_source, cell_tags

MISTAKES_DIR = Path(__file__).parent / "mistakes"
SOLUTIONS = notebooks.solution_paths()


def registered_for(notebook_id: str) -> dict:
    path = MISTAKES_DIR / f"{notebook_id}.py"
    if not path.exists():
        pytest.fail(
            f"{notebook_id}: register typical wrong answers for each exercise in "
            f"{path.relative_to(notebooks.REPO_ROOT)}"
        )
    return runpy.run_path(str(path))


def mistakes_for(notebook_id: str) -> dict[str, dict[str, str]]:
    return registered_for(notebook_id)["MISTAKES"]


def test_every_exercise_has_mistakes_and_every_mistake_an_exercise() -> None:
    for solution in SOLUTIONS:
        notebook_id = notebooks.notebook_id(solution)
        _, declared = notebooks.parse_checklist(notebooks.read(solution))
        module = registered_for(notebook_id)
        registered = module["MISTAKES"]
        assert set(registered) == set(declared), (
            f"{notebook_id}: mistakes registered for {sorted(registered)}, exercises are {sorted(declared)}"
        )
        for name, variants in registered.items():
            assert variants, f"{notebook_id}: no mistake registered for {name}"
        exempted = module.get("FAMILY_EXEMPTIONS", {})
        unknown = set(exempted) - set(declared)
        assert not unknown, f"{notebook_id}: exemptions for unknown exercises {sorted(unknown)}"
        for name, reasons in exempted.items():
            for label, why in reasons.items():
                assert isinstance(why, str) and len(why) > 10, f"{notebook_id}: say why {name} may {label}"


def _directly_checked(check_source: str, name: str) -> bool:
    return re.search(rf"check_function\(\s*{re.escape(name)}\s*,", check_source) is not None


@pytest.mark.slow
@pytest.mark.parametrize("solution", SOLUTIONS, ids=[notebooks.notebook_id(path) for path in SOLUTIONS])
def test_check_cells_reject_mistakes_and_stubs(solution: Path) -> None:
    notebook_id = notebooks.notebook_id(solution)
    module = registered_for(notebook_id)
    registered = module["MISTAKES"]
    exemptions = module.get("FAMILY_EXEMPTIONS", {})
    nb = exercises.normalise_solution(notebooks.read(solution), notebook_id)
    cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    check_positions = [i for i, cell in enumerate(cells) if CHECK_TAG in cell_tags(cell)]
    assert check_positions, f"{notebook_id} has no check cells"
    kernel = Kernel(solution.parent)
    rejected = 0
    accepted_families: list[str] = []
    unneeded_exemptions: list[str] = []
    try:
        for position, cell in enumerate(cells[: check_positions[-1] + 1]):
            source = cell_source(cell)
            outcome = kernel.run(source)
            assert outcome.ok, f"{notebook_id} code cell {position + 1} failed:\n{outcome.error_text}"
            if BEGIN_MARKER not in source:
                continue
            stub, names = exercises.stub_solutions(source)
            check = cell_source(next(cells[i] for i in check_positions if i > position))
            attempts = [
                (f"mistake '{why}'", name, wrong) for name in names for why, wrong in registered.get(name, {}).items()
            ]
            attempts.append(("the exercise stub", names[0], stub))
            for what, name, wrong_code in attempts:
                assert kernel.run(wrong_code).ok, f"{notebook_id}: {what} for {name} does not even run"
                verdict = kernel.run(check)
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
            # Whole families of mistakes, made from the correct function.
            for name in names:
                info = families.parse_introspection(kernel.run(families.introspection_code(name)).stdout)
                if not info["function"]:
                    continue  # a method of a class: its registered mistakes cover it
                exempt = exemptions.get(name, {})
                for label, code in families.family_mutants(name, info["parameters"], _directly_checked(check, name)):
                    assert kernel.run(code).ok, f"{notebook_id}: the family '{label}' for {name} does not run"
                    verdict = kernel.run(check)
                    applied = "FAMILY-APPLIEDTrue" in kernel.run(families.APPLIED).stdout
                    assert kernel.run(families.RESTORE.format(name=name)).ok
                    if not applied:
                        continue
                    if verdict.ok:
                        if label not in exempt:
                            accepted_families.append(f"{name} {label}")
                        continue
                    if label in exempt:
                        unneeded_exemptions.append(f"{name}: {label}")
                    assert verdict.error_name == "CheckFailed", (
                        f"{notebook_id}: when {name} {label}, the check crashed with {verdict.error_name} "
                        f"instead of explaining the problem:\n{verdict.error_text}"
                    )
                    rejected += 1
                assert kernel.run(source).ok
    finally:
        kernel.close()
    assert not accepted_families, (
        f"{notebook_id}: the checks accepted these wrong functions: {accepted_families}. Add cases that vary "
        "each argument in a way that changes the answer and that break the symmetry, or exempt a family that "
        "is right for this exercise in FAMILY_EXEMPTIONS with the reason."
    )
    assert not unneeded_exemptions, (
        f"{notebook_id}: the checks already reject these, remove their exemptions: {unneeded_exemptions}"
    )
    assert rejected >= 2
