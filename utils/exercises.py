"""Generate every exercise notebook from its solution notebook (the only source).

    python -m utils.exercises            # normalise the solutions, (re)write every exercise notebook
    python -m utils.exercises --check    # exit 1, naming the files, if anything is out of date
    python -m utils.exercises 1_math/01_derivatives.solution.ipynb   # just this notebook

What generation does:

* In the solution notebook (normalised in place): the first code cell becomes the standard setup
  cell for that notebook, in its solution form (``start(..., solution=True)``: see
  ``utils.notebooks.setup_cell_source``), outputs and execution counts are stripped, and the
  kernel spec is the standard one.
* In the exercise notebook: the setup cell is the exercise form (``start(...)``, so passes count);
  inside each code cell, the lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` become a
  stub that raises ``NotImplementedError`` naming the exercise. Every exercise is a function the
  learner completes, so the markers sit inside a ``def`` and the exercise's name is that
  function's name; check cells are collapsed (their source hidden in JupyterLab, shown as a form
  titled "Check ..." on Colab; their feedback stays visible); cells tagged ``solution-only`` are
  dropped; a short note pointing to the solution follows the title.
* The notebook catalogue ``utils/catalogue.json`` (see ``utils.catalogue``) lists every notebook's
  title, phase, exercises, goals, budget and result, for ``start``, progress and the dashboard.

A solution without its exercise twin (or an exercise without a solution) is an error.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path
from typing import Any

import nbformat

from utils import catalogue, notebooks
from utils.notebooks import (
    BEGIN_MARKER,
    CATALOGUE_FILE,
    CHECK_TAG,
    END_MARKER,
    EXERCISE_SUFFIX,
    KERNELSPEC,
    LANGUAGE_INFO,
    SETUP_TAG,
    SOLUTION_ONLY_TAG,
    SOLUTION_SUFFIX,
)

DEF_LINE = re.compile(r"^(?P<indent>\s*)(?:async\s+)?def\s+(?P<name>\w+)\s*\(")
CHECKED_EXERCISE = re.compile(r"exercise\s*=\s*[\"'](?P<name>\w+)[\"']")
EXERCISE_NOTE_ID = "exercise-note"
# Cell metadata a solution may carry (anything else, e.g. an editor's scroll state, is dropped).
KEPT_CELL_METADATA = ("tags", "editable", "deletable", "jupyter", "cellView")
# JupyterLab's collapsed input, and Colab's form view (the `#@title` line is the form's title).
COLLAPSED_CELL_METADATA = {"jupyter": {"source_hidden": True}, "cellView": "form"}


class GenerationError(ValueError):
    """A solution notebook that cannot be turned into an exercise (the message says where)."""


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def exercise_name(lines: list[str], marker_index: int) -> str | None:
    """The name of the function that encloses the marker (None at top level)."""
    marker_indent = _indent_of(lines[marker_index])
    for line in reversed(lines[:marker_index]):
        match = DEF_LINE.match(line)
        if match and len(match.group("indent")) < marker_indent:
            return match.group("name")
    return None


def stub_solutions(source: str, where: str = "cell") -> tuple[str, list[str]]:
    """Replace each marked solution block with a stub; return the new source and exercise names."""
    lines = source.split("\n")
    output: list[str] = []
    names: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if stripped.startswith(END_MARKER):
            raise GenerationError(f"{where}: `{END_MARKER}` on line {index + 1} has no `{BEGIN_MARKER}` before it")
        if stripped != BEGIN_MARKER:
            output.append(line)
            index += 1
            continue
        name = exercise_name(lines, index)
        if name is None:
            raise GenerationError(
                f"{where}: the `{BEGIN_MARKER}` on line {index + 1} is not inside a function. Every exercise "
                "is a function the learner completes: put the markers inside its body"
            )
        end = next((i for i in range(index + 1, len(lines)) if lines[i].strip().startswith(END_MARKER)), None)
        if end is None:
            raise GenerationError(f"{where}: the `{BEGIN_MARKER}` on line {index + 1} has no `{END_MARKER}`")
        if any(lines[i].strip().startswith(BEGIN_MARKER) for i in range(index + 1, end)):
            raise GenerationError(f"{where}: solution blocks cannot be nested (line {index + 1})")
        indent = line[: _indent_of(line)]
        output.append(f"{indent}# YOUR CODE HERE")
        output.append(f'{indent}raise NotImplementedError("Exercise {name}: replace this line with your code")')
        names.append(name)
        index = end + 1
    return "\n".join(output), names


def _clean_cell(cell: Any) -> Any:
    cell = copy.deepcopy(cell)
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None
    metadata = {key: value for key, value in cell.get("metadata", {}).items() if key in KEPT_CELL_METADATA}
    cell.metadata = nbformat.NotebookNode(metadata)
    if "attachments" in cell and not cell.attachments:
        del cell["attachments"]
    return cell


def _clean_metadata(nb: Any) -> Any:
    keep = {"curriculum": nb.metadata.get("curriculum", {})}
    keep["kernelspec"] = dict(KERNELSPEC)
    keep["language_info"] = dict(LANGUAGE_INFO)
    return nbformat.NotebookNode(keep)


def normalise_solution(nb: Any, notebook_id: str, root: Path = notebooks.REPO_ROOT) -> Any:
    """The solution as it should be committed: setup cell stamped, no outputs, standard metadata."""
    nb = copy.deepcopy(nb)
    nb.cells = [_clean_cell(cell) for cell in nb.cells]
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    if not code:
        raise GenerationError(f"{notebook_id}: a notebook needs at least its setup and checklist code cells")
    setup = code[0]
    setup.source = notebooks.setup_cell_source(notebook_id, root, solution=True)
    tags = list(setup.metadata.get("tags", []))
    if SETUP_TAG not in tags:
        setup.metadata["tags"] = [SETUP_TAG, *tags]
    nb.metadata = _clean_metadata(nb)
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def collapse_check_cell(cell: Any) -> Any:
    """A check cell as the exercise notebook shows it: source collapsed, feedback visible.

    JupyterLab hides the source of a cell whose metadata says ``jupyter.source_hidden`` (one click
    shows it again); Colab shows a cell with ``cellView: form`` as a form titled by its first
    ``#@title`` line. Outputs are never hidden, so the check's verdict stays in view.
    """
    cell = copy.deepcopy(cell)
    source = notebooks.cell_source(cell)
    names = CHECKED_EXERCISE.findall(source)
    what = ", ".join(dict.fromkeys(names)) or "the exercise above"
    title = f"#@title Check {what}: run this cell"
    if not source.startswith("#@title"):
        cell.source = f"{title}\n{source}"
    for key, value in COLLAPSED_CELL_METADATA.items():
        cell.metadata[key] = copy.deepcopy(value)
    return cell


def make_exercise(solution: Any, notebook_id: str, root: Path = notebooks.REPO_ROOT) -> Any:
    """The exercise notebook generated from a normalised solution notebook."""
    exercise = copy.deepcopy(solution)
    cells = []
    found_names: list[str] = []
    first_code = next((i for i, cell in enumerate(solution.cells) if cell.cell_type == "code"), None)
    for position, cell in enumerate(solution.cells):
        if SOLUTION_ONLY_TAG in notebooks.cell_tags(cell):
            continue
        cell = copy.deepcopy(cell)
        if position == first_code:
            cell.source = notebooks.setup_cell_source(notebook_id, root, solution=False)
        elif cell.cell_type == "code":
            source, names = stub_solutions(notebooks.cell_source(cell), f"{notebook_id} cell {position + 1}")
            cell.source = source
            found_names.extend(names)
            if CHECK_TAG in notebooks.cell_tags(cell):
                cell = collapse_check_cell(cell)
        cells.append(cell)
    solution_file = notebook_id.split("/")[1] + SOLUTION_SUFFIX
    note = nbformat.v4.new_markdown_cell(
        "> **This is the exercise notebook.** Write your code where a cell says `YOUR CODE HERE`, "
        "then run the check cell below it: it tells you what is right or wrong. Stuck? Peek at "
        f"[the solution]({solution_file}). Generated from the solution by `python -m utils.exercises`: "
        "edit the solution, not this file.",
        id=EXERCISE_NOTE_ID,
    )
    title_index = next((i for i, cell in enumerate(cells) if cell.cell_type == "markdown"), -1)
    cells.insert(title_index + 1, note)
    exercise.cells = cells
    return exercise


def serialise(nb: Any) -> str:
    return nbformat.writes(nb) + "\n"


def planned_files(
    root: Path = notebooks.REPO_ROOT, only: list[Path] | None = None
) -> tuple[dict[Path, str], list[str]]:
    """What every solution and exercise file and the catalogue should contain, and the problems found.

    ``only`` limits the work to some solution notebooks (pairing is still checked everywhere, and the
    catalogue always covers every notebook).
    """
    problems: list[str] = []
    wanted: dict[Path, str] = {}
    solutions = notebooks.solution_paths(root)
    solution_stems = {path.with_name(path.name[: -len(SOLUTION_SUFFIX)]) for path in solutions}
    for exercise in notebooks.exercise_paths(root):
        if exercise.with_name(exercise.name[: -len(EXERCISE_SUFFIX)]) not in solution_stems:
            problems.append(
                f"{exercise.relative_to(root)} has no solution twin: its source would be "
                f"{exercise.name[: -len(EXERCISE_SUFFIX)]}{SOLUTION_SUFFIX}"
            )
    if only is not None:
        chosen = {path.resolve() for path in only}
        solutions = [path for path in solutions if path.resolve() in chosen]
    for solution in solutions:
        notebook_id = notebooks.notebook_id(solution, root)
        name = solution.name[: -len(SOLUTION_SUFFIX)]
        if not notebooks.NOTEBOOK_NAME.match(name):
            problems.append(f"{solution.relative_to(root)}: name it NN_lowercase_words{SOLUTION_SUFFIX}")
            continue
        try:
            normalised = normalise_solution(notebooks.read(solution), notebook_id, root)
            exercise = make_exercise(normalised, notebook_id, root)
        except GenerationError as error:
            problems.append(str(error))
            continue
        wanted[solution] = serialise(normalised)
        wanted[solution.with_name(name + EXERCISE_SUFFIX)] = serialise(exercise)
    wanted[root / CATALOGUE_FILE] = catalogue_text(root)
    return wanted, problems


def catalogue_text(root: Path = notebooks.REPO_ROOT) -> str:
    """The content ``utils/catalogue.json`` should have, from every solution notebook under ``root``."""
    return catalogue.serialise(catalogue.build(notebooks.discover(root), notebooks.repository_url(root)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m utils.exercises", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if any notebook differs from what generation would write",
    )
    parser.add_argument("--root", type=Path, default=notebooks.REPO_ROOT, help=argparse.SUPPRESS)
    parser.add_argument(
        "notebooks",
        nargs="*",
        type=Path,
        help="solution notebooks to process (default: all); an exercise path means its solution",
    )
    args = parser.parse_args(argv)
    only = None
    if args.notebooks:
        only = []
        for path in args.notebooks:
            name = path.name.replace(EXERCISE_SUFFIX, SOLUTION_SUFFIX)
            solution = path.with_name(name)
            if not solution.name.endswith(SOLUTION_SUFFIX) or not solution.exists():
                print(f"✗ {path} is not a solution notebook in this repository", file=sys.stderr)
                return 2
            only.append(solution)
    wanted, problems = planned_files(args.root, only)
    pairs = sum(path.name.endswith(SOLUTION_SUFFIX) for path in wanted)
    stale = [path for path, text in wanted.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            kind = "missing" if not path.exists() else "out of date"
            problems.append(f"{path.relative_to(args.root)} is {kind}: run `python -m utils.exercises` and commit")
        for problem in problems:
            print(f"✗ {problem}", file=sys.stderr)
        if problems:
            return 1
        print(f"✓ {pairs} notebook pairs and the catalogue are in sync.")
        return 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted[path], encoding="utf-8")
        print(f"wrote {path.relative_to(args.root)}")
    for problem in problems:
        print(f"✗ {problem}", file=sys.stderr)
    print(f"{pairs} notebook pairs, {len(stale)} file(s) written.")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
