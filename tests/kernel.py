"""Run notebook code in a real Jupyter kernel, cell by cell (used by the mistake tests)."""

from __future__ import annotations

import os
import queue
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import start_new_kernel

from tests.notebook_plugin import thread_environment


@dataclass
class Outcome:
    ok: bool
    error_name: str = ""
    error_text: str = ""
    stdout: str = ""


class Kernel:
    """A kernel started in a folder; ``run(code)`` returns an Outcome.

    It gets the same torch/BLAS thread count as the notebook runs (``tests.notebook_plugin``).
    """

    def __init__(self, cwd: Path, timeout: float = 600):
        environment = {**os.environ, **thread_environment()}
        self.manager, self.client = start_new_kernel(kernel_name="python3", cwd=str(cwd), env=environment)
        self.timeout = timeout

    def run(self, code: str) -> Outcome:
        stdout: list[str] = []

        def keep(message: dict) -> None:
            if message["msg_type"] == "stream":
                stdout.append(message["content"]["text"])

        try:
            reply = self.client.execute_interactive(code, timeout=self.timeout, output_hook=keep, allow_stdin=False)
        except queue.Empty as error:  # pragma: no cover - only on a hung kernel
            raise TimeoutError(f"the kernel did not answer within {self.timeout} s") from error
        content = reply["content"]
        if content["status"] == "ok":
            return Outcome(ok=True, stdout="".join(stdout))
        return Outcome(
            ok=False,
            error_name=content.get("ename", ""),
            error_text="\n".join(content.get("traceback", [])),
            stdout="".join(stdout),
        )

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)
