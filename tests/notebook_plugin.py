"""Pytest plugin for the notebook runs (loaded from pyproject's addopts as ``-p tests.notebook_plugin``).

* Collects only solution notebooks: exercise notebooks are generated and deliberately incomplete.
* Points the progress file at a temporary file, so tests never touch a learner's progress.
* Runs the suite on ``TEST_WORKERS`` pytest-xdist workers unless told otherwise (``-n 0``,
  ``-n 4``, ``-p no:xdist``, ``--pdb`` or ``-s`` run it as asked), in work units of its own
  (``work_unit``): the cells of one notebook stay together in one worker and one kernel, in order,
  and so do the tests of one test file, while each mistake test (one per notebook) is a unit of its
  own. Units are handed out longest first, by their recorded times.
* Gives every kernel and worker ``KERNEL_THREADS`` torch/BLAS thread (environment variables set
  before any kernel starts), in every mode, so that a notebook's time means the same in a serial
  run, a parallel run and CI. ``CURRICULUM_TEST_THREADS`` overrides it (times are then not recorded).
* Adds up each notebook's cell run times (the reports reach the controller under xdist), prints
  them slowest first, then each phase's total against its share (``utils.notebooks.
  PHASE_SHARE_MINUTES``) and the run's wall time against the suite's limit, and fails the run when
  a notebook exceeds the time budget in its metadata (budgets are for the ``small`` CPU size).
* ``--record-times`` writes the measured times to ``tests/notebook_times.json`` for the READMEs.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest

from utils import notebooks

TEST_WORKERS = 2  # CI has 2 cores: two notebooks at a time, one thread each
KERNEL_THREADS = 1
THREADS_VARIABLE = "CURRICULUM_TEST_THREADS"
MISTAKE_TESTS = "tests/test_mistakes.py"
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
# xdist modes that keep a notebook's cells in one worker. Not loadgroup: with pytest 9.2 and
# xdist 3.8 it silently stops grouping (pytest-dev/pytest-xdist#1386).
ORDERED_DISTRIBUTIONS = ("loadfile", "loadscope")
_OUR_UNITS = pytest.StashKey[bool]()

_seconds: dict[str, float] = defaultdict(float)
_mistake_seconds: dict[str, float] = defaultdict(float)
_failed: set[str] = set()
_started: list[float] = []


def kernel_threads() -> int:
    """The number of torch/BLAS threads each kernel gets: ``KERNEL_THREADS`` unless overridden."""
    value = os.environ.get(THREADS_VARIABLE, str(KERNEL_THREADS))
    if not value.isdigit() or int(value) < 1:
        raise pytest.UsageError(f"{THREADS_VARIABLE} must be a positive whole number of threads, got {value!r}")
    return int(value)


def thread_environment() -> dict[str, str]:
    """The environment variables that set the thread count of torch, MKL and OpenBLAS at import."""
    return dict.fromkeys(THREAD_VARIABLES, str(kernel_threads()))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--record-times",
        action="store_true",
        help=f"write each notebook's measured run time to {notebooks.TIMINGS_FILE}",
    )


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


@pytest.hookimpl(wrapper=True)
def pytest_cmdline_main(config: pytest.Config):
    """Default to ``-n TEST_WORKERS`` with our work units (runs before xdist reads its options)."""
    if config.pluginmanager.hasplugin("xdist") and not _is_worker(config):
        option = config.option
        serial_asked = option.collectonly or option.usepdb or getattr(option, "capture", "fd") == "no"
        if option.numprocesses is None and option.dist == "no" and not (serial_asked or option.distload):
            option.numprocesses = TEST_WORKERS
        if option.numprocesses and option.dist == "no" and not option.distload:
            # Work units of our own (see work_unit); "loadfile" names the closest xdist mode.
            option.dist = "loadfile"
            option.loadscopereorder = False  # our order (longest first) instead of xdist's
            config.stash[_OUR_UNITS] = True
        if option.numprocesses != 0 and (option.distload or option.dist not in ("no", *ORDERED_DISTRIBUTIONS)):
            raise pytest.UsageError(
                f"--dist {'load' if option.distload else option.dist} would spread one notebook's cells over "
                "several kernels: leave --dist out (the plugin then keeps each notebook in one worker), "
                "or use --dist loadfile, or -n 0"
            )
    return (yield)


@pytest.hookimpl(optionalhook=True)  # an xdist hook: called in the controller for each worker it starts
def pytest_configure_node(node) -> None:
    # Workers see only the original command line, not the options chosen in pytest_cmdline_main.
    node.workerinput["curriculum_units"] = node.config.stash.get(_OUR_UNITS, False)


@pytest.hookimpl(optionalhook=True)  # an xdist hook: the controller's scheduler
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if not config.stash.get(_OUR_UNITS, False):
        return None  # an explicit --dist: xdist's own scheduler
    from xdist.scheduler import LoadScopeScheduling

    notebook_ids = {nb.id for nb in notebooks.discover(with_details=False)}

    class NotebookScheduling(LoadScopeScheduling):
        """xdist's scope scheduling with our work units (see ``work_unit``)."""

        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid, notebook_ids)

    return NotebookScheduling(config, log)


def pytest_configure(config: pytest.Config) -> None:
    if _is_worker(config):
        config.stash[_OUR_UNITS] = config.workerinput.get("curriculum_units", False)
    if "CURRICULUM_PROGRESS" not in os.environ:
        progress_dir = tempfile.mkdtemp(prefix="curriculum-progress-")
        os.environ["CURRICULUM_PROGRESS"] = str(Path(progress_dir) / "progress.json")
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("TQDM_MININTERVAL", "5")  # fewer progress-bar redraws in logs
    # Before any worker or kernel starts (they inherit the environment), and before torch is imported.
    os.environ.update(thread_environment())
    if config.getoption("--record-times") and not _is_worker(config):
        _check_recording_setting()


def _check_recording_setting() -> None:
    from utils.env import default_size

    if kernel_threads() != KERNEL_THREADS:
        raise pytest.UsageError(
            f"--record-times records times with {KERNEL_THREADS} thread per kernel, the setting budgets are "
            f"enforced in: unset {THREADS_VARIABLE}"
        )
    if default_size("cpu") != "small":
        raise pytest.UsageError("--record-times records times at the small size: unset CURRICULUM_SIZE")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    name = collection_path.name
    if name.endswith(notebooks.EXERCISE_SUFFIX) or ".ipynb_checkpoints" in collection_path.parts:
        return True
    return None


# --- work units for xdist, longest first ---------------------------------------------------


def work_unit(nodeid: str, notebook_ids: set[str]) -> str:
    """The unit of work a test belongs to: one worker runs a unit's tests in order.

    A notebook's cells form one unit (they share a kernel), and so do a test file's tests (they may
    share module fixtures), except that a test parametrised by a notebook id (``...[1_math/01_x]``,
    as the mistake tests are) is a unit of its own, so that those long tests spread over workers.
    """
    path = nodeid.split("::", 1)[0]
    if path.endswith(notebooks.SOLUTION_SUFFIX) or not nodeid.endswith("]") or "[" not in nodeid:
        return path
    parameter = nodeid[nodeid.index("[") + 1 : -1]
    return f"{path}::{parameter}" if parameter in notebook_ids else path


def _estimated_seconds(unit: str, times: Mapping[str, float]) -> float | None:
    """A unit's expected duration from the recorded notebook times, or None if unknown."""
    if unit.endswith(notebooks.SOLUTION_SUFFIX):
        return times.get(unit[: -len(notebooks.SOLUTION_SUFFIX)])
    if unit.startswith(MISTAKE_TESTS + "::"):
        return times.get(unit.split("::", 1)[1])  # runs the notebook up to its last check cell
    return None


def longest_first(units: list[str], times: Mapping[str, float]) -> list[str]:
    """Units of unknown length (test files) first, as collected, then the notebooks longest first.

    xdist hands out units in this order as workers free up, so the long notebooks start early and
    the short ones fill the gaps at the end (longest-processing-time-first scheduling).
    """
    unknown = [unit for unit in units if _estimated_seconds(unit, times) is None]
    known = [unit for unit in units if _estimated_seconds(unit, times) is not None]
    return unknown + sorted(known, key=lambda unit: -(_estimated_seconds(unit, times) or 0.0))


LOAD_MARKER = "cpu_load"
LOAD_COMMAND = f"python -m pytest -m {LOAD_MARKER} -n 0"


def leaves_out_load_tests(config: pytest.Config) -> bool:
    """In a parallel run, tests that load the CPU on purpose would slow the notebooks running beside
    them past their budgets: they are left out unless ``-m`` asks for them, and run after, serially."""
    parallel = _is_worker(config) or _workers(config) > 0
    return parallel and not config.option.markexpr


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if leaves_out_load_tests(config):
        load_tests = [item for item in items if item.get_closest_marker(LOAD_MARKER)]
        if load_tests:
            config.hook.pytest_deselected(items=load_tests)
            items[:] = [item for item in items if not item.get_closest_marker(LOAD_MARKER)]
    if not config.stash.get(_OUR_UNITS, False):
        return  # serial runs and explicit --dist modes keep the collection order
    notebook_ids = {nb.id for nb in notebooks.discover(with_details=False)}
    units: dict[str, list[pytest.Item]] = {}
    for item in items:
        units.setdefault(work_unit(item.nodeid, notebook_ids), []).append(item)
    order = longest_first(list(units), notebooks.recorded_times())
    items[:] = [item for unit in order for item in units[unit]]


# --- timing --------------------------------------------------------------------------------


def _notebook_of(nodeid: str) -> str | None:
    path = nodeid.split("::", 1)[0]
    if path.endswith(notebooks.SOLUTION_SUFFIX):
        return path[: -len(notebooks.SOLUTION_SUFFIX)]
    return None


def _mistakes_notebook_of(nodeid: str) -> str | None:
    if not nodeid.startswith(MISTAKE_TESTS + "::") or not nodeid.endswith("]") or "[" not in nodeid:
        return None
    return nodeid[nodeid.index("[") + 1 : -1]


def pytest_sessionstart(session: pytest.Session) -> None:
    _started.append(time.perf_counter())


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Called in the process that prints the summary for every report, the workers' ones included."""
    notebook = _notebook_of(report.nodeid)
    if notebook is None:
        mistakes_of = _mistakes_notebook_of(report.nodeid)
        if mistakes_of is not None:
            _mistake_seconds[mistakes_of] += report.duration
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


def _workers(config: pytest.Config) -> int:
    return len(getattr(config.option, "tx", None) or []) if getattr(config.option, "dist", "no") != "no" else 0


def setting_description(config: pytest.Config) -> str:
    workers = _workers(config)
    threads = kernel_threads()
    mode = f"{workers} pytest-xdist workers" if workers else "serial"
    return f"{mode}, {threads} torch thread{'s' if threads > 1 else ''} per kernel"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _is_worker(session.config):
        return  # the controller sees every report, judges budgets and records times
    if _seconds and _over_budget() and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if _seconds and session.config.getoption("--record-times"):
        path = notebooks.REPO_ROOT / notebooks.TIMINGS_FILE
        recorded = notebooks.recorded_times()
        recorded.update({nb: round(sec, 1) for nb, sec in _seconds.items() if nb not in _failed})
        payload = {
            "measured_on": f"{os.cpu_count()} CPU cores, size=small, {setting_description(session.config)}",
            "updated": datetime.now(UTC).strftime("%Y-%m-%d"),
            "seconds": dict(sorted(recorded.items())),
        }
        path.write_text(json.dumps(payload, indent=1) + "\n")


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min" if seconds >= 60 else f"{seconds:.0f} s"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if leaves_out_load_tests(config):
        terminalreporter.write_line(
            f"tests marked {LOAD_MARKER} (timing notebooks under a busy CPU) are not part of a parallel run: "
            f"`{LOAD_COMMAND}` runs them (`python3 -m utils.bootstrap test` does, after this run)"
        )
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

    terminalreporter.section("notebook time per phase, against its share")
    for phase, seconds in notebooks.phase_totals(_seconds).items():
        share = notebooks.PHASE_SHARE_MINUTES[phase] * 60
        ran = sum(1 for notebook in _seconds if notebook.startswith(f"{phase}/"))
        in_phase = sum(1 for notebook in budgets if notebook.startswith(f"{phase}/"))
        over = seconds > share
        terminalreporter.write_line(
            f"{seconds:8.1f} s  of {share:5.0f} s  {'OVER SHARE' if over else 'ok':<10}  {phase} "
            f"({ran} of its {in_phase} notebooks in this run)",
            red=over,
        )
    if _mistake_seconds:
        terminalreporter.write_line(
            f"{sum(_mistake_seconds.values()):8.1f} s  in the mistake tests (each runs a notebook up to its last check)"
        )
    if _started:
        wall = time.perf_counter() - _started[0]
        limit = notebooks.SUITE_LIMIT_MINUTES
        over = wall > limit * 60
        terminalreporter.write_line(
            f"wall time {_minutes(wall)} ({setting_description(config)}); the whole suite must stay within "
            f"{limit} minutes on 2 cores (aim {notebooks.SUITE_AIM_MINUTES})",
            red=over,
        )
