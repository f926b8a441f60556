"""The checklist as a self-studier uses it: JupyterLab in a real browser (Chromium, driven by Playwright).

The pilot's exercise notebook, with the right answers written in (a learner who solved it: the
exercise cells take their code from the solution; the setup cell stays the exercise's, so passes
count), is opened in a headless JupyterLab whose kernel writes a temporary progress file. The test
runs all cells, checks that the check cells show their verdict with their source collapsed, that
the exercise boxes ticked themselves (ticked and disabled), ticks a goal, checks that the progress
file recorded it, then reloads the page, restarts the kernel, runs everything again and checks that
the goal comes back ticked: the state came from the file, not from the browser or the old kernel.
Last, with the exercises forgotten in the file, it shows the checklist, runs one check cell above
it, and sees that exercise's box tick itself on screen without the checklist being run again.

Needs Debian's Chromium (``apt-get install chromium``) and the ``playwright`` Python package; never
``playwright install``. Skipped when either is missing, unless ``CURRICULUM_REQUIRE_BROWSER=1`` (CI).
Screenshots of the checklist and of a collapsed check cell are saved to ``/tmp/build/`` on success,
and one beside the test's temporary files on failure.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from utils import notebooks

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
NOTEBOOK_ID = "1_math/01_derivatives"
SOLUTION = notebooks.REPO_ROOT / f"{NOTEBOOK_ID}{notebooks.SOLUTION_SUFFIX}"
EXERCISE = notebooks.REPO_ROOT / f"{NOTEBOOK_ID}{notebooks.EXERCISE_SUFFIX}"
GOAL = "I can check a derivative rule numerically and draw a tangent line"
SUCCESS_SCREENSHOT = Path("/tmp/build/browser_checklist.png")
CHECK_CELL_SCREENSHOT = Path("/tmp/build/browser_check_cell.png")

SERVER_START_SECONDS = 60
KERNEL_READY_MS = 60_000
RUN_ALL_SECONDS = 60
FILE_POLL_SECONDS = 15

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _require_browser() -> None:
    """Skip (or, with CURRICULUM_REQUIRE_BROWSER=1, fail) when the browser tooling is missing."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (install it with `sudo apt-get install chromium`)")
    if importlib.util.find_spec("playwright") is None:
        missing.append("the playwright Python package (`pip install -e '.[dev]'`; do not run `playwright install`)")
    if importlib.util.find_spec("jupyterlab") is None:
        missing.append("JupyterLab (`pip install -e '.[lab]'`)")
    if not missing:
        return
    reason = "browser test needs " + " and ".join(missing)
    if os.environ.get("CURRICULUM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; CURRICULUM_REQUIRE_BROWSER=1 makes this a failure")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Lab:
    url: str
    token: str
    progress: Path
    log: Path
    workdir: Path

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/{name}?token={self.token}"


def _tail(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")[-3000:]


def _wait_for_server(process: subprocess.Popen[bytes], url: str, token: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"JupyterLab exited with code {process.returncode} before answering:\n{_tail(log)}")
        try:
            request = urllib.request.Request(f"{url}/api/status", headers={"Authorization": f"token {token}"})
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    pytest.fail(f"JupyterLab did not answer {url}/api/status within {SERVER_START_SECONDS} s:\n{_tail(log)}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server we started and its kernels (its own process group)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def solved_exercise_notebook() -> Any:
    """The exercise notebook as a learner who wrote the right answers leaves it."""
    solution = {cell.id: cell for cell in notebooks.read(SOLUTION).cells}
    nb = notebooks.read(EXERCISE)
    for cell in nb.cells:
        if "exercise" in notebooks.cell_tags(cell):
            cell.source = solution[cell.id].source
    return nb


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    _require_browser()
    import nbformat

    root = tmp_path / "lab"
    root.mkdir()
    nbformat.write(solved_exercise_notebook(), root / EXERCISE.name)
    progress = tmp_path / "progress.json"
    private = tmp_path / "jupyter"  # config, runtime data and workspaces: nothing of the user's leaks in
    (private / "config" / "labconfig").mkdir(parents=True)
    # No "would you like news?" toast over the notebook.
    (private / "config" / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}})
    )
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # figures inline, as a learner sees them
    env.update(
        CURRICULUM_PROGRESS=str(progress),
        PYTHONPATH=os.pathsep.join(p for p in (str(notebooks.REPO_ROOT), env.get("PYTHONPATH")) if p),
        JUPYTER_CONFIG_DIR=str(private / "config"),
        JUPYTER_RUNTIME_DIR=str(private / "runtime"),
        IPYTHONDIR=str(private / "ipython"),
    )
    token = secrets.token_hex(16)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "jupyterlab.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "jupyterlab", "--no-browser",
                "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--ServerApp.open_browser=False",
                "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: run commands, inspect the model
                f"--LabApp.workspaces_dir={private / 'workspaces'}",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                *(["--allow-root"] if os.geteuid() == 0 else []),  # CI containers often run as root
            ],
            cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for_server(process, url, token, log)
        yield Lab(url=url, token=token, progress=progress, log=log, workdir=tmp_path)
    finally:
        _stop(process)


# --- talking to JupyterLab through window.jupyterapp --------------------------------------------

_NOTEBOOK = """() => {
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    return panel && panel.content && panel.sessionContext ? panel : null;
}"""

_KERNEL_IDLE = f"""() => {{
    const panel = ({_NOTEBOOK})();
    if (!panel || !panel.context.isReady || !panel.sessionContext.isReady) return false;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    return !!kernel && kernel.status === 'idle' && kernel.connectionStatus === 'connected';
}}"""

# The first error output in the notebook, as text, or null.
_FIRST_ERROR = f"""() => {{
    const panel = ({_NOTEBOOK})();
    if (!panel) return null;
    const cells = panel.content.model.cells;
    for (let i = 0; i < cells.length; i++) {{
        const cell = cells.get(i);
        if (cell.type !== 'code') continue;
        const outputs = cell.outputs;
        for (let j = 0; j < outputs.length; j++) {{
            const output = outputs.get(j).toJSON();
            if (output.output_type === 'error') {{
                return `cell ${{i + 1}}: ${{output.ename}}: ${{output.evalue}}`;
            }}
        }}
    }}
    return null;
}}"""


def _open_notebook(page: Any, lab: Lab) -> None:
    page.goto(lab.notebook_url(EXERCISE.name), wait_until="domcontentloaded", timeout=KERNEL_READY_MS)
    page.wait_for_function(_KERNEL_IDLE, timeout=KERNEL_READY_MS, polling=250)


def _execute(page: Any, command: str) -> None:
    page.evaluate("(command) => window.jupyterapp.commands.execute(command)", command)


def _run_cell(page: Any, index: int) -> None:
    """Run the cell at ``index`` (0-based, as in the .ipynb file), as Shift+Enter on it would."""
    page.evaluate(
        f"""(index) => {{
        const panel = ({_NOTEBOOK})();
        panel.content.activeCellIndex = index;
        return window.jupyterapp.commands.execute('notebook:run-cell');
    }}""",
        index,
    )


def _run_all_and_wait(page: Any, ready: Callable[[], bool]) -> None:
    """Run all cells, then wait until ``ready()`` (the checklist rendered), failing early on an error."""
    _execute(page, "notebook:run-all-cells")
    deadline = time.monotonic() + RUN_ALL_SECONDS
    while time.monotonic() < deadline:
        if ready():
            return
        error = page.evaluate(_FIRST_ERROR)
        if error:
            raise AssertionError(f"a cell failed while running all cells: {error}")
        page.wait_for_timeout(250)
    raise AssertionError(f"the checklist did not appear within {RUN_ALL_SECONDS} s of running all cells")


def _goals_recorded(progress: Path) -> dict[str, str]:
    if not progress.exists():
        return {}
    try:
        state = json.loads(progress.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}  # caught between writes: the next poll sees the replaced file
    return state.get("notebooks", {}).get(NOTEBOOK_ID, {}).get("goals", {})


def test_checklist_ticks_saves_and_restores_in_jupyterlab(lab: Lab) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect, sync_playwright

    from utils.progress import ProgressStore

    goals, exercises = notebooks.parse_checklist(notebooks.read(SOLUTION))
    assert GOAL in goals, f"{NOTEBOOK_ID}'s checklist no longer lists the goal this test ticks: {GOAL!r}"
    assert exercises, f"{NOTEBOOK_ID}'s checklist has no exercises"
    cells = notebooks.read(EXERCISE).cells
    check_cells = [i for i, cell in enumerate(cells) if notebooks.CHECK_TAG in notebooks.cell_tags(cell)]
    first_check, checklist_cell = check_cells[0], len(cells) - 1
    first_exercise = exercises[0]
    assert f'exercise="{first_exercise}"' in notebooks.cell_source(cells[first_check])

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("dialog", lambda dialog: dialog.accept())  # e.g. "leave page?" on reload
            page.set_default_timeout(15_000)
            expect.set_options(timeout=10_000)  # widgets render asynchronously; a loaded CI box is slow

            def goal_box() -> Any:
                return page.get_by_role("checkbox", name=GOAL, exact=True)

            def exercise_box(name: str) -> Any:
                return page.get_by_role(
                    "checkbox", name=f"Exercise {name} (ticks itself when its check passes)", exact=True
                )

            def checklist_rendered() -> bool:
                return goal_box().count() == 1 and all(exercise_box(n).count() == 1 for n in exercises)

            try:
                # 1. Run the notebook: the exercise boxes tick themselves, and cannot be clicked.
                _open_notebook(page, lab)
                _run_all_and_wait(page, checklist_rendered)
                for name in exercises:
                    expect(exercise_box(name)).to_be_checked()
                    expect(exercise_box(name)).to_be_disabled()
                # The check cells are collapsed (JupyterLab shows a placeholder), their verdict is not.
                expect(page.locator(".jp-InputPlaceholder")).to_have_count(len(check_cells))
                for name in exercises:
                    expect(page.get_by_text(f"✓ {name} passed", exact=False)).to_be_visible()
                expect(goal_box()).not_to_be_checked()
                expect(goal_box()).to_be_enabled()
                before = lab.progress.read_text(encoding="utf-8") if lab.progress.exists() else ""
                assert GOAL not in _goals_recorded(lab.progress), f"goal already recorded before the click:\n{before}"

                # 2. Tick the goal: the kernel writes it to the progress file.
                goal_box().scroll_into_view_if_needed()
                goal_box().check()
                deadline = time.monotonic() + FILE_POLL_SECONDS
                while GOAL not in _goals_recorded(lab.progress) and time.monotonic() < deadline:
                    time.sleep(0.2)
                after = lab.progress.read_text(encoding="utf-8") if lab.progress.exists() else "(no file)"
                assert GOAL in _goals_recorded(lab.progress), (
                    f"ticking the goal did not record it in {lab.progress} within {FILE_POLL_SECONDS} s.\n"
                    f"before the click:\n{before}\nafter:\n{after}"
                )
                recorded = json.loads(after)["notebooks"][NOTEBOOK_ID]
                assert set(recorded["exercises"]) >= set(exercises), f"exercises missing from the file:\n{after}"

                # 3. Reload, restart the kernel, run everything again: the goal comes back from the file.
                page.evaluate(f"() => ({_NOTEBOOK})().context.save()")
                page.reload(wait_until="domcontentloaded", timeout=KERNEL_READY_MS)
                page.wait_for_function(_KERNEL_IDLE, timeout=KERNEL_READY_MS, polling=250)
                _execute(page, "notebook:clear-all-cell-outputs")
                expect(goal_box()).to_have_count(0)
                page.evaluate(f"() => ({_NOTEBOOK})().sessionContext.restartKernel()")
                page.wait_for_function(_KERNEL_IDLE, timeout=KERNEL_READY_MS, polling=250)
                _run_all_and_wait(page, checklist_rendered)
                expect(goal_box()).to_be_checked()
                for name in exercises:
                    expect(exercise_box(name)).to_be_checked()
                    expect(exercise_box(name)).to_be_disabled()
                for other in goals:
                    if other != GOAL:
                        expect(page.get_by_role("checkbox", name=other, exact=True)).not_to_be_checked()
                expect(page.get_by_text(f"{len(exercises) + 1}/{len(exercises) + len(goals)} done")).to_be_visible()

                # 4. A checklist already on screen follows the file: forget the exercises, show the
                #    checklist (all exercise boxes empty), run one check cell above it, and its box ticks.
                ProgressStore(lab.progress).update(lambda state: state["notebooks"][NOTEBOOK_ID]["exercises"].clear())
                _run_cell(page, checklist_cell)
                for name in exercises:
                    expect(exercise_box(name)).not_to_be_checked()
                expect(page.get_by_text(f"1/{len(exercises) + len(goals)} done")).to_be_visible()
                _run_cell(page, first_check)
                expect(exercise_box(first_exercise)).to_be_checked()
                for name in exercises[1:]:
                    expect(exercise_box(name)).not_to_be_checked()
                expect(page.get_by_text(f"2/{len(exercises) + len(goals)} done")).to_be_visible()
            except (AssertionError, PlaywrightError) as error:
                shot = lab.workdir / "failure.png"
                try:
                    page.screenshot(path=str(shot), full_page=True)
                    where = f"screenshot: {shot}"
                except PlaywrightError as screenshot_error:
                    where = f"(no screenshot: {screenshot_error})"
                pytest.fail(f"{error}\n{where}\nJupyterLab log: {lab.log}", pytrace=False)

            SUCCESS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            goal_box().scroll_into_view_if_needed()
            page.wait_for_timeout(500)  # let the notebook paint the cells scrolled into view
            page.screenshot(path=str(SUCCESS_SCREENSHOT))
            page.get_by_text(f"✓ {first_exercise} passed", exact=False).scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            page.screenshot(path=str(CHECK_CELL_SCREENSHOT))  # a collapsed check cell and its verdict
        finally:
            browser.close()
