"""Pytest plugin for the notebook runs (loaded from pyproject's addopts as ``-p tests.notebook_plugin``).

* Collects only solution notebooks: exercise notebooks are generated and deliberately incomplete.
* Points the progress file at a temporary file, so tests never touch a learner's progress.
* Adds up each notebook's cell run times, prints them slowest first at the end, and fails the run
  when a notebook exceeds the time budget in its metadata (budgets are for the ``small`` CPU size).
* ``--record-times`` writes the measured times to ``tests/notebook_times.json`` for the README.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pytest

from utils import notebooks

_seconds: dict[str, float] = defaultdict(float)
_failed: set[str] = set()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--record-times",
        action="store_true",
        help=f"write each notebook's measured run time to {notebooks.TIMINGS_FILE}",
    )


def pytest_configure(config: pytest.Config) -> None:
    if "CURRICULUM_PROGRESS" not in os.environ:
        progress_dir = tempfile.mkdtemp(prefix="curriculum-progress-")
        os.environ["CURRICULUM_PROGRESS"] = str(Path(progress_dir) / "progress.json")
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("TQDM_MININTERVAL", "5")  # fewer progress-bar redraws in logs


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    name = collection_path.name
    if name.endswith(notebooks.EXERCISE_SUFFIX) or ".ipynb_checkpoints" in collection_path.parts:
        return True
    return None


def _notebook_of(nodeid: str) -> str | None:
    path = nodeid.split("::", 1)[0]
    if path.endswith(notebooks.SOLUTION_SUFFIX):
        return path[: -len(notebooks.SOLUTION_SUFFIX)]
    return None


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    notebook = _notebook_of(report.nodeid)
    if notebook is None:
        return
    _seconds[notebook] += report.duration
    if report.failed:
        _failed.add(notebook)


def _budgets() -> dict[str, int]:
    return {nb.id: nb.budget_seconds for nb in notebooks.discover()}


def _over_budget() -> list[tuple[str, float, int]]:
    from utils.env import default_size

    if default_size("cpu") != "small":
        return []  # budgets are CPU, small-size budgets
    budgets = _budgets()
    return [(nb, sec, budgets[nb]) for nb, sec in _seconds.items() if nb in budgets and sec > budgets[nb]]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _seconds and _over_budget() and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if _seconds and session.config.getoption("--record-times"):
        path = notebooks.REPO_ROOT / notebooks.TIMINGS_FILE
        recorded = notebooks.recorded_times()
        recorded.update({nb: round(sec, 1) for nb, sec in _seconds.items() if nb not in _failed})
        payload = {
            "measured_on": "2 CPU cores, size=small",
            "updated": datetime.now(UTC).strftime("%Y-%m-%d"),
            "seconds": dict(sorted(recorded.items())),
        }
        path.write_text(json.dumps(payload, indent=1) + "\n")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _seconds:
        return
    budgets = _budgets()
    terminalreporter.section("notebook run times (slowest first)")
    for notebook, seconds in sorted(_seconds.items(), key=lambda item: -item[1]):
        budget = budgets.get(notebook)
        status = "FAILED" if notebook in _failed else ("OVER BUDGET" if budget and seconds > budget else "ok")
        terminalreporter.write_line(f"{seconds:8.1f} s  (budget {budget} s)  {status:<11} {notebook}")
    terminalreporter.write_line(f"{sum(_seconds.values()):8.1f} s  total over {len(_seconds)} notebooks")
    for notebook, seconds, budget in _over_budget():
        terminalreporter.write_line(f"✗ {notebook} took {seconds:.1f} s, over its budget of {budget} s", red=True)
