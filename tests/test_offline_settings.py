"""`import utils` switches off the usage reports of the phase-7 tools, for the kernel and its children."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import utils

ROOT = Path(__file__).resolve().parents[1]


def _settings_after_import(environment: dict[str, str]) -> dict[str, str | None]:
    code = (
        "import json, os, subprocess, sys; import utils; "
        "child = subprocess.run([sys.executable, '-c', 'import json, os; print(json.dumps(dict(os.environ)))'], "
        "capture_output=True, text=True, check=True); print(child.stdout)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True,
                            check=True)
    seen = json.loads(result.stdout)
    return {name: seen.get(name) for name in utils.OFFLINE_SETTINGS}


def test_import_utils_turns_off_usage_reports_for_child_processes() -> None:
    environment = {key: value for key, value in os.environ.items() if key not in utils.OFFLINE_SETTINGS}
    assert _settings_after_import(environment) == utils.OFFLINE_SETTINGS


def test_a_setting_made_by_the_user_is_kept() -> None:
    environment = {**os.environ, "DVC_NO_ANALYTICS": "yes-already"}
    assert _settings_after_import(environment)["DVC_NO_ANALYTICS"] == "yes-already"


def test_the_tools_read_the_settings_as_off() -> None:
    code = (
        "import utils, mlflow.telemetry.utils as telemetry, dvc.analytics as analytics; "
        "print(telemetry.is_telemetry_disabled(), analytics.is_enabled())"
    )
    environment = {key: value for key, value in os.environ.items() if key not in utils.OFFLINE_SETTINGS}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["True", "False"]
