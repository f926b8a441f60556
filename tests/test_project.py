"""The repository as a whole: layout, packaging, CI files and generated READMEs stay true."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import yaml
from packaging.requirements import Requirement

from tests.notebook_plugin import TEST_WORKERS
from utils import notebooks

ROOT = notebooks.REPO_ROOT
TOP_LEVEL = {
    "1_math", "2_pytorch", "3_neural_networks", "4_cnn_rnn", "5_transformers", "6_llms", "7_mlops",
    "utils", "tests", "environment.yml", "pyproject.toml", "README.md", "CONTRIBUTING.md",
}  # fmt: skip
CONDA_NAMES = {"pytorch": "torch", "uvicorn-standard": "uvicorn"}  # conda-forge name -> PyPI name


def tracked_top_level() -> set[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return {line.split("/")[0] for line in listed.splitlines() if line}


def test_top_level_is_exactly_the_agreed_layout():
    visible = {name for name in tracked_top_level() if not name.startswith(".")}
    assert visible <= TOP_LEVEL, f"unexpected top-level entries: {sorted(visible - TOP_LEVEL)}"
    on_disk = {path.name for path in ROOT.iterdir() if not path.name.startswith(".")}
    assert on_disk >= TOP_LEVEL, f"missing: {sorted(TOP_LEVEL - on_disk)}"


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = project["dependencies"] + [req for extra in project["optional-dependencies"].values() for req in extra]
    return {Requirement(req).name.lower(): str(Requirement(req).specifier) for req in listed}


def conda_requirements() -> dict[str, str]:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for entry in environment["dependencies"]:
        if not isinstance(entry, str):
            continue
        name, specifier = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", entry).groups()
        if name in ("python", "pip"):
            continue
        found[CONDA_NAMES.get(name, name).lower()] = specifier.replace(" ", "")
    return found


def test_environment_yml_lists_the_same_packages_and_bounds_as_pyproject():
    assert conda_requirements() == pyproject_requirements()


def test_requirements_are_lower_bounds_not_pins():
    for name, specifier in pyproject_requirements().items():
        assert specifier.startswith(">="), f"{name}{specifier}: use a lower bound"


def test_pytest_runs_notebooks_through_the_plugin():
    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert "-p tests.notebook_plugin" in options["addopts"] and "--nbval-lax" in options["addopts"]
    assert set(notebooks.PHASES) <= set(options["testpaths"])
    assert "pytest-xdist" in pyproject_requirements(), "the plugin runs the suite on xdist workers: a dev extra"


def test_workflows_are_valid_yaml_and_run_the_ci_script():
    ci = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())
    steps = ci["jobs"]["test"]["steps"]
    assert any(step.get("run") == "bash .ci/run" for step in steps)
    cuda = yaml.safe_load((ROOT / ".github/workflows/cuda.yml").read_text())
    assert "workflow_dispatch" in cuda[True]  # YAML reads the key `on` as True
    job = cuda["jobs"]["notebooks-on-gpu"]
    assert "gpu" in job["runs-on"] and job["env"]["CURRICULUM_SIZE"] == "full"


def test_pre_commit_strips_outputs_and_runs_ruff():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"nbstripout", "ruff", "exercises-in-sync"} <= set(hooks)
    assert "--keep-id" in hooks["nbstripout"]["entry"], "keep cell ids so generated notebooks stay stable"


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    assert "python3 -m utils.bootstrap lab" in readme and "python3 -m utils.bootstrap test" in readme
    ci_script = (ROOT / ".ci/run").read_text()
    assert "python3 -m utils.bootstrap test" in ci_script
    assert (ROOT / ".ci/run").stat().st_mode & 0o111, ".ci/run is executable"
    subprocess.run(["bash", "-n", str(ROOT / ".ci/run")], check=True)


def test_generated_readmes_are_up_to_date():
    stale = [
        str(path.relative_to(ROOT))
        for path, text in notebooks.generated_readmes().items()
        if path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"run `python -m utils.notebooks roadmap --write`: {stale} are out of date"


def test_every_notebook_has_a_recorded_time_within_budget():
    times = notebooks.recorded_times()
    found = {nb.id: nb for nb in notebooks.discover()}
    assert not set(times) - set(found), f"times recorded for notebooks that no longer exist: {set(times) - set(found)}"
    missing = sorted(set(found) - set(times))
    assert not missing, f"record their run time with `python -m pytest <phase> --record-times`: {missing}"
    over = {nb: seconds for nb, seconds in times.items() if seconds > found[nb].budget_seconds}
    assert not over, f"over budget: {over}"


def test_every_phase_has_a_time_share_and_the_shares_fit_the_suite_limit():
    shares = notebooks.PHASE_SHARE_MINUTES
    assert list(shares) == list(notebooks.PHASES), "one share per phase, in curriculum order"
    # Two notebooks at a time on 2 cores: the notebook time of all phases, halved, must leave room
    # within the aim for the unit and mistake tests.
    assert sum(shares.values()) / TEST_WORKERS <= notebooks.SUITE_AIM_MINUTES <= notebooks.SUITE_LIMIT_MINUTES


def test_every_phase_stays_within_its_time_share():
    totals = notebooks.phase_totals(notebooks.recorded_times())
    over = {
        phase: f"{seconds:.0f} s recorded, share {notebooks.PHASE_SHARE_MINUTES[phase] * 60} s"
        for phase, seconds in totals.items()
        if seconds > notebooks.PHASE_SHARE_MINUTES[phase] * 60
    }
    assert not over, (
        f"phases over their time share (utils.notebooks.PHASE_SHARE_MINUTES): {over}; make their notebooks faster"
    )


def test_phase_tables_show_the_total_against_the_share():
    found = notebooks.discover()
    times = {"1_math/01_derivatives": 2.8}
    table = notebooks.phase_table("1_math", found, times)
    in_phase = [nb for nb in found if nb.phase == "1_math"]
    assert table.splitlines()[-1] == (
        f"| *All notebooks of the phase* | | **3 s + {len(in_phase) - 1} not yet measured** (share 1 min) | |"
    )
    assert notebooks.phase_table("6_llms", [], {}).endswith("14 minutes of notebook run time in all.")


def test_phases_with_notebooks_list_them_in_their_readme():
    for phase in {nb.phase for nb in notebooks.discover()}:
        assert notebooks.PHASE_TABLE_BEGIN in (ROOT / phase / "README.md").read_text(), phase


def test_ruff_finds_nothing_in_code_tests_and_notebooks():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--output-format", "concise", "utils", "tests", *notebooks.PHASES],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_roadmap_tables_have_a_cell_per_column_in_every_row():
    for path, text in notebooks.generated_readmes().items():
        rows = [line for line in text.splitlines() if line.startswith("|")]
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) <= 1, f"{path.name}: a table row has a stray | (escape it as \\|)"
