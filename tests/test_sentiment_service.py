"""7_mlops/sentiment_service: the FastAPI app answers like utils.sentiment, refuses bad input with a
clear 4xx, and (where a Docker engine runs) its image builds, starts and answers."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from utils import config, servers

ROOT = Path(__file__).resolve().parents[1]
SERVICE_DIR = ROOT / "7_mlops" / "sentiment_service"
TEXTS = ["A triumph: funny, moving and beautifully acted.", "Dull, overlong and badly written.",
         "It is a film.", "I have rarely been so bored, and yet the ending won me over completely."]


def load_service_module():
    """``service.py`` imported from its folder under a name of its own (``service`` is too generic)."""
    spec = importlib.util.spec_from_file_location("sentiment_service", SERVICE_DIR / "service.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic resolves the module's annotations through sys.modules
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def service():
    return load_service_module()


@pytest.fixture(scope="module")
def client(service):
    from fastapi.testclient import TestClient

    with TestClient(service.create_app(threads=1)) as client:  # `with`: runs the lifespan (loads the model)
        yield client


@pytest.fixture(scope="module")
def classifier():
    from utils import sentiment

    tokenizer, model, _ = sentiment.load_classifier()
    return tokenizer, model


def test_importing_the_module_does_not_load_the_model(service):
    assert not hasattr(service.app.state, "model")


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["labels"] == ["rotten", "fresh"]
    assert body["test_accuracy"] > 0.7


def test_one_text_and_a_batch_answer_like_predict_proba(client, classifier):
    from utils import sentiment

    expected = sentiment.predict_proba(*classifier, TEXTS)
    response = client.post("/predict", json={"texts": TEXTS})
    assert response.status_code == 200, response.text
    body = response.json()
    np.testing.assert_array_equal(np.asarray(body["probabilities"], dtype=np.float32), expected)
    assert body["labels"] == [["rotten", "fresh"][index] for index in expected.argmax(1)]
    for text in TEXTS[:2]:
        single = client.post("/predict", json={"text": text})
        assert single.status_code == 200, single.text
        np.testing.assert_array_equal(np.asarray(single.json()["probabilities"], dtype=np.float32),
                                      sentiment.predict_proba(*classifier, [text]))
        assert len(single.json()["labels"]) == 1


@pytest.mark.parametrize(
    "body",
    [
        {"text": ""},
        {"text": "   \n\t"},
        {"text": 5},
        {"text": ["a list", "is not a text"]},
        {"text": None},
        {"texts": []},
        {"texts": "a text, not a list"},
        {"texts": ["fine", ""]},
        {"texts": ["fine", 3]},
        {"texts": ["many"] * 65},
        {"text": "x" * 5001},
        {},
        {"text": "both", "texts": ["at once"]},
        {"text": "fine", "extra": 1},
        {"review": "the wrong field"},
        ["a", "bare", "list"],
        "a bare string",
    ],
    ids=lambda body: json.dumps(body)[:40],
)
def test_bad_input_is_a_422_that_says_what_is_wrong(client, body):
    response = client.post("/predict", json=body)
    assert response.status_code == 422, (body, response.status_code, response.text)
    assert response.json()["detail"]


def test_a_body_that_is_not_json_is_a_422(client):
    response = client.post("/predict", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422


def test_a_1_mb_body_is_a_413(client, service):
    megabyte = {"text": "x" * 1_000_000}
    response = client.post("/predict", json=megabyte)
    assert response.status_code == 413
    assert str(service.MAX_BODY_BYTES) in response.json()["detail"]


def test_a_chunked_body_without_content_length_is_cut_off_too(client):
    def chunks():
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 10_000
        yield b'"}'

    response = client.post("/predict", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_a_wrong_method_or_path_is_a_4xx(client):
    assert client.get("/predict").status_code == 405
    assert client.post("/nowhere", json={"text": "x"}).status_code == 404


def test_uvicorn_serves_it_on_loopback(classifier):
    from utils import sentiment

    port = servers.free_port()
    command = [sys.executable, "-m", "uvicorn", "service:app", "--app-dir", SERVICE_DIR, "--host", "127.0.0.1",
               "--port", str(port)]
    with servers.start(command, url=f"http://127.0.0.1:{port}", ready_path="/health",
                       env={"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "TORCH_THREADS": "1"}) as server:
        request = urllib.request.Request(server.url + "/predict", data=json.dumps({"texts": TEXTS}).encode(),
                                         headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.load(response)
    assert not server.running
    np.testing.assert_array_equal(np.asarray(body["probabilities"], dtype=np.float32),
                                  sentiment.predict_proba(*classifier, TEXTS))


# --- the image -------------------------------------------------------------------------------------

DOCKER_TIMEOUT = 20  # seconds for a quick docker command; the pull and the build have their own
PULL_TIMEOUT = 300
BUILD_TIMEOUT = 1800


def base_image() -> str:
    """The image the Dockerfile starts FROM."""
    for line in (SERVICE_DIR / "Dockerfile").read_text().splitlines():
        if line.startswith("FROM "):
            return line.split()[1]
    raise AssertionError("the Dockerfile has no FROM line")


def base_image_problem() -> str | None:
    """Why the base image is not there and cannot be pulled, or None."""
    image = base_image()
    present = subprocess.run(["docker", "image", "inspect", image], capture_output=True, timeout=DOCKER_TIMEOUT)
    if present.returncode == 0:
        return None
    try:
        pull = subprocess.run(["docker", "pull", image], capture_output=True, text=True, timeout=PULL_TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"`docker pull {image}` did not finish within {PULL_TIMEOUT} s"
    if pull.returncode != 0:
        return f"the base image {image} is not here and cannot be pulled: {(pull.stderr or pull.stdout).strip()[-300:]}"
    return None


def docker_problem() -> str | None:
    """Why no Docker engine can be used here, or None when one answers."""
    if shutil.which("docker") is None:
        return "the docker client is not installed"
    try:
        info = subprocess.run(["docker", "info", "--format", "{{.ServerVersion}}"], capture_output=True, text=True,
                              timeout=DOCKER_TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"`docker info` did not answer within {DOCKER_TIMEOUT} s"
    if info.returncode != 0:
        return (info.stderr or info.stdout).strip().splitlines()[-1] if (info.stderr or info.stdout).strip() else \
            f"`docker info` exited with {info.returncode}"
    return None


def prepare_context(destination: Path) -> Path:
    """The build context: this folder's files, ``utils/`` and the cached artefact and MiniLM files."""
    from utils import artifacts, sentiment

    sentiment.load_classifier()  # builds the artefact if it is missing
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("Dockerfile", ".dockerignore", "requirements.txt", "service.py"):
        shutil.copy2(SERVICE_DIR / name, destination / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "catalogue.json.lock")
    shutil.copytree(ROOT / "utils", destination / "utils", ignore=ignore)
    cache = config.cache_dir()
    for part in (Path("artifacts") / sentiment.ARTIFACT, *[path.relative_to(cache) for path in
                                                          (cache / "models").glob("*minilm*")]):
        shutil.copytree(cache / part, destination / "cache" / part, ignore=shutil.ignore_patterns("*.lock"))
    assert artifacts  # imported for its side effect of registering the builders
    return destination


@pytest.mark.slow
def test_the_image_builds_runs_and_answers(tmp_path):
    problem = docker_problem()
    if problem:
        pytest.skip(f"no Docker engine: {problem}")
    problem = base_image_problem()
    if problem:
        pytest.skip(f"a Docker engine, but no base image: {problem}")
    tag = f"sentiment-service-test:{int(time.time())}"
    context = prepare_context(tmp_path / "context")
    build = subprocess.run(["docker", "build", "--network", "host", "-t", tag, str(context)], capture_output=True,
                           text=True, timeout=BUILD_TIMEOUT)
    assert build.returncode == 0, build.stderr[-3000:]
    port = servers.free_port()
    name = f"sentiment-service-test-{port}"
    try:
        run = subprocess.run(["docker", "run", "-d", "--rm", "--name", name, "--network", "host",
                              "-e", "HOST=127.0.0.1", "-e", f"PORT={port}", tag],
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, subprocess.run(["docker", "logs", name], capture_output=True,
                                                               text=True, timeout=DOCKER_TIMEOUT).stdout[-3000:]
            time.sleep(0.5)
        request = urllib.request.Request(f"http://127.0.0.1:{port}/predict", data=json.dumps({"texts": TEXTS}).encode(),
                                         headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.load(response)
        assert len(body["labels"]) == len(TEXTS)
        assert body["labels"][0] == "fresh" and body["labels"][1] == "rotten"
        user = subprocess.run(["docker", "exec", name, "id", "-u"], capture_output=True, text=True,
                              timeout=DOCKER_TIMEOUT)
        assert user.stdout.strip() != "0", "the container runs as root"
    finally:
        subprocess.run(["docker", "rm", "-f", name], capture_output=True, timeout=DOCKER_TIMEOUT)
        subprocess.run(["docker", "rmi", "-f", tag], capture_output=True, timeout=DOCKER_TIMEOUT)
