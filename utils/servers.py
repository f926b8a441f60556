"""Start a server in a child process on the loopback interface, wait until it answers, and stop it.

    from utils import servers
    port = servers.free_port()
    server = servers.start([sys.executable, "-m", "uvicorn", "app:app", "--port", str(port)],
                           url=f"http://127.0.0.1:{port}", ready_path="/health")
    try:
        ...                      # send requests to server.url
    finally:
        server.stop()

or ``with servers.start(...) as server: ...``. A server started here is stopped however the notebook
ends: by ``stop()``, by the ``with`` block, when the kernel exits normally (``atexit``) and, on
Linux, when the kernel is killed (the child asks the kernel for a SIGTERM when its parent dies).
The child runs in a process group of its own, so workers that it forks are stopped with it. Only
loopback addresses are allowed: a notebook's server is never reachable from another machine.
"""

from __future__ import annotations

import atexit
import contextlib
import ipaddress
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path

_RUNNING: list[Server] = []


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that nothing listens on now, on ``host`` (a loopback address)."""
    if not _loopback(host):
        raise ValueError(f"free_port: {host!r} is not a loopback address; use 127.0.0.1")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _ask_for_sigterm_when_parent_dies() -> None:  # runs in the child, before exec
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Server:
    """A child process serving HTTP at ``url``; ``stop()`` ends it and every process it started."""

    def __init__(self, process: subprocess.Popen, url: str, log_path: Path):
        self.process = process
        self.url = url.rstrip("/")
        self.log_path = log_path

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def log(self, last_characters: int = 4000) -> str:
        """What the server printed (stdout and stderr), the last ``last_characters`` of it ("" once stopped)."""
        try:
            return self.log_path.read_text(errors="replace")[-last_characters:]
        except OSError:
            return ""

    def stop(self, timeout: float = 10.0) -> int | None:
        """SIGTERM to the server's process group, SIGKILL after ``timeout`` s; returns its exit code."""
        if self.running:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)  # anything the server left behind in its group
        if self in _RUNNING:
            _RUNNING.remove(self)
        self.log_path.unlink(missing_ok=True)  # what it printed goes with it: read log() before stop()
        return self.process.returncode

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exception: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else f"stopped (exit code {self.process.returncode})"
        return f"Server({self.url}, pid {self.process.pid}, {state})"


def start(
    command: Sequence[str | os.PathLike],
    *,
    url: str,
    ready_path: str = "/",
    timeout: float = 60.0,
    cwd: str | os.PathLike | None = None,
    env: dict[str, str] | None = None,
) -> Server:
    """Run ``command`` and return once ``url + ready_path`` answers HTTP 200 (any status below 500
    counts as ready when ``ready_path`` is ``"/"``).

    ``url`` must be on a loopback address (``http://127.0.0.1:PORT``). Raises ``RuntimeError`` with
    the end of the server's output if it exits or does not answer within ``timeout`` seconds.
    """
    host = urllib.parse.urlsplit(url).hostname or ""
    if not _loopback(host):
        raise ValueError(f"servers.start: {url!r} is not on a loopback address; serve on http://127.0.0.1:PORT")
    with tempfile.NamedTemporaryFile(prefix="server-", suffix=".log", delete=False) as log_file:
        process = subprocess.Popen(
            [str(part) for part in command],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_ask_for_sigterm_when_parent_dies,
        )
    server = Server(process, url, Path(log_file.name))
    _RUNNING.append(server)
    probe = server.url + ready_path
    deadline = time.monotonic() + timeout
    while True:
        if not server.running:
            output = server.log()
            server.stop()
            raise RuntimeError(f"the server exited with code {process.returncode} before answering {probe}. "
                               f"Its output ended with:\n{output}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return server
        except urllib.error.HTTPError as error:
            if ready_path == "/" and error.code < 500:
                return server
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() > deadline:
            output = server.log()
            server.stop()
            raise RuntimeError(f"the server did not answer {probe} within {timeout:.0f} s; it was stopped. "
                               f"Its output ended with:\n{output}")
        time.sleep(0.1)


def running() -> list[Server]:
    """The servers started by this module in this process that are still running."""
    return [server for server in _RUNNING if server.running]


def stop_all() -> None:
    """Stop every server this module started in this process (also run at exit)."""
    for server in list(_RUNNING):
        server.stop()


atexit.register(stop_all)
