"""The phase-6 sentiment classifier behind a small HTTP API (FastAPI), as ``7_mlops/02_serving`` builds it.

    GET  /health   -> 200 {"status": "ok", "model": ..., "test_accuracy": ...} once the model is loaded
    POST /predict  {"text": "..."} or {"texts": ["...", ...]}
                   -> 200 {"labels": ["fresh" | "rotten", ...], "probabilities": [[p_rotten, p_fresh], ...]}

Bad input gets a clear 4xx: 422 (pydantic) for a missing, empty or mistyped text, an unknown field,
both or neither of ``text``/``texts``, or a batch that is too long; 413 for a body over
``max_body_bytes`` (checked by a middleware before anything is parsed: pydantic alone would first read
and parse a body of any size). The model is loaded once, at start-up (the FastAPI lifespan), not at
import, so importing this module is cheap and a test can build an app around a model of its own.

Run it for real (from the repository root, which must be on PYTHONPATH to import ``utils``)::

    PYTHONPATH=$PWD OMP_NUM_THREADS=1 python -m uvicorn service:app --app-dir 7_mlops/sentiment_service \\
        --host 127.0.0.1 --port 8000
"""

import contextlib
import json
import os
import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import FastAPI, Request
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

MAX_BODY_BYTES = 64 * 1024  # a batch of 64 texts of 1,000 characters fits; a 1 MB body does not
MAX_TEXT_CHARACTERS = 5000  # the model reads 64 tokens anyway; a longer text is a client's mistake
MAX_BATCH = 64

# A text is a JSON string with at least one character that is not white space.
Text = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, max_length=MAX_TEXT_CHARACTERS,
                                        pattern=r"\S")]


class PredictRequest(BaseModel):
    """Exactly one of ``text`` (one review) or ``texts`` (a batch of 1..MAX_BATCH reviews); nothing else."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: Text | None = None
    texts: Annotated[list[Text], Field(min_length=1, max_length=MAX_BATCH)] | None = None

    @model_validator(mode="after")
    def exactly_one(self) -> "PredictRequest":
        if (self.text is None) == (self.texts is None):
            raise ValueError('send exactly one of "text" (a string) or "texts" (a list of strings)')
        return self

    def all_texts(self) -> list[str]:
        return [self.text] if self.text is not None else list(self.texts)


class PredictResponse(BaseModel):
    labels: list[str]
    probabilities: list[list[float]]


class BodySizeLimit:
    """ASGI middleware: 413 for a request body over ``max_bytes``, by its Content-Length or, for a
    chunked body without one, as soon as the bytes received pass the limit."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            return await self._too_large(send)
        # Read the body here, at most max_bytes of it, before the app sees it: a chunked body has no
        # Content-Length, and FastAPI would turn an error raised while it reads into a vague 400.
        chunks, received, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return None
            chunks.append(message.get("body", b""))
            received += len(chunks[-1])
            if received > self.max_bytes:
                return await self._too_large(send)
            more = message.get("more_body", False)
        body, replayed = b"".join(chunks), False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)

    async def _too_large(self, send):
        body = json.dumps({"detail": f"request body too large: the limit is {self.max_bytes} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _load_classifier():
    from utils import sentiment

    return sentiment.load_classifier()


def create_app(
    load: Callable[[], tuple[Any, Any, dict]] = _load_classifier,
    *,
    max_body_bytes: int = MAX_BODY_BYTES,
    threads: int | None = None,
) -> FastAPI:
    """The app. ``load()`` returns (tokenizer, model, metrics) and is called once, at start-up.

    ``threads`` sets torch's thread count at start-up (default: ``TORCH_THREADS`` from the
    environment when set, else torch's own default).
    """

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        import torch

        count = threads or int(os.environ.get("TORCH_THREADS", "0")) or None
        if count:
            torch.set_num_threads(count)
        tokenizer, model, metrics = load()
        app.state.tokenizer, app.state.model, app.state.metrics = tokenizer, model, metrics
        app.state.labels = list(metrics.get("labels", ["rotten", "fresh"]))
        app.state.model_lock = threading.Lock()
        yield
        del app.state.model, app.state.tokenizer

    app = FastAPI(title="Sentiment of film reviews", version="1.0", lifespan=lifespan)
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)

    @app.get("/health")
    def health(request: Request) -> dict:
        state = request.app.state
        return {"status": "ok", "model": state.metrics.get("model"), "labels": state.labels,
                "test_accuracy": state.metrics.get("test_accuracy")}

    @app.post("/predict")
    def predict(body: PredictRequest, request: Request) -> PredictResponse:
        # A plain (not async) endpoint: FastAPI runs it in a worker thread, so the event loop keeps
        # accepting connections while the model computes. One forward pass at a time (the lock): one
        # model on one core, so concurrent requests queue instead of fighting for the CPU.
        from utils import sentiment

        state = request.app.state
        with state.model_lock:
            probabilities = sentiment.predict_proba(state.tokenizer, state.model, body.all_texts(),
                                                    max_length=state.metrics.get("max_length", 64))
        labels = [state.labels[index] for index in probabilities.argmax(axis=1)]
        return PredictResponse(labels=labels, probabilities=probabilities.tolist())

    return app


app = create_app()
