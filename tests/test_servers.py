"""utils.servers: a loopback server in a child process is started, answers, and is always stopped."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
import urllib.request

import pytest

from utils import servers

# A tiny HTTP server that answers /health with 200 and forks a grandchild that sleeps: stopping the
# server must end both.
SERVER = textwrap.dedent(
    """
    import http.server, os, subprocess, sys
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    print("grandchild", child.pid, flush=True)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            status = 200 if self.path == "/health" else 404
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) counts as gone.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _grandchild(server: servers.Server) -> int:
    for _ in range(100):
        for line in server.log().splitlines():
            if line.startswith("grandchild"):
                return int(line.split()[1])
        time.sleep(0.05)
    raise AssertionError(server.log())


def test_a_server_answers_and_stop_ends_it_with_its_children(tmp_path):
    script = tmp_path / "server.py"
    script.write_text(SERVER)
    port = servers.free_port()
    server = servers.start([sys.executable, script, str(port)], url=f"http://127.0.0.1:{port}", ready_path="/health")
    try:
        with urllib.request.urlopen(server.url + "/health", timeout=5) as response:
            assert response.status == 200
        assert server in servers.running()
        grandchild = _grandchild(server)
        assert _alive(grandchild)
    finally:
        code = server.stop()
    assert code is not None and not server.running
    assert server not in servers.running()
    assert not server.log_path.exists(), "stop() leaves no log file behind"
    for _ in range(50):
        if not _alive(grandchild):
            break
        time.sleep(0.05)
    assert not _alive(grandchild), "the server's child outlived stop()"


def test_the_with_block_stops_the_server_when_the_code_inside_fails(tmp_path):
    script = tmp_path / "server.py"
    script.write_text(SERVER)
    port = servers.free_port()
    with pytest.raises(ZeroDivisionError), servers.start(
        [sys.executable, script, str(port)], url=f"http://127.0.0.1:{port}", ready_path="/health"
    ) as server:
        1 / 0  # noqa: B018
    assert not server.running


def test_a_server_that_exits_early_is_reported_with_its_output():
    port = servers.free_port()
    with pytest.raises(RuntimeError, match=r"(?s)exited with code 3.*something broke"):
        servers.start([sys.executable, "-c", "import sys; print('something broke'); sys.exit(3)"],
                      url=f"http://127.0.0.1:{port}", timeout=20)


def test_a_server_that_never_answers_is_stopped_after_the_timeout():
    port = servers.free_port()
    with pytest.raises(RuntimeError, match="did not answer"):
        servers.start([sys.executable, "-c", "import time; time.sleep(60)"], url=f"http://127.0.0.1:{port}",
                      timeout=1)
    assert servers.running() == []


@pytest.mark.parametrize("url", ["http://0.0.0.0:8000", "http://10.1.2.3:80", "http://example.org"])
def test_only_loopback_addresses_are_allowed(url):
    with pytest.raises(ValueError, match="loopback"):
        servers.start([sys.executable, "-c", "pass"], url=url)
    with pytest.raises(ValueError, match="loopback"):
        servers.free_port("0.0.0.0")


def test_a_killed_parent_takes_its_server_with_it(tmp_path):
    # The kernel dies without running atexit (SIGKILL): the server must not outlive it.
    script = tmp_path / "server.py"
    script.write_text(SERVER)
    parent = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(os.getcwd())!r})
        from utils import servers
        port = servers.free_port()
        server = servers.start([sys.executable, {str(script)!r}, str(port)], url=f"http://127.0.0.1:{{port}}",
                               ready_path="/health")
        print(server.process.pid, flush=True)
        time.sleep(600)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", parent], stdout=subprocess.PIPE, text=True)
    try:
        server_pid = int(process.stdout.readline())
        assert _alive(server_pid)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    for _ in range(100):
        if not _alive(server_pid):
            break
        time.sleep(0.05)
    try:
        assert not _alive(server_pid), "the server outlived its killed parent"
    finally:  # its own child (the sleeping grandchild) is still in the server's process group
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(server_pid, signal.SIGKILL)
