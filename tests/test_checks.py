"""utils.checks accepts right answers and rejects typical wrong ones with specific messages."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from sklearn.decomposition import PCA

from utils import checks, progress
from utils.checks import Case, CheckFailed


@pytest.fixture(autouse=True)
def _isolated_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("CURRICULUM_PROGRESS", str(tmp_path / "progress.json"))
    with progress.fake_notebook("tests/checks"):  # a test notebook that accepts any exercise name
        yield tmp_path / "progress.json"


def centred_covariance(X):
    centred = X - X.mean(axis=0)
    return centred.T @ centred / (len(X) - 1)


# --- check_function -------------------------------------------------------------------------

DATA = [np.random.default_rng(seed).normal(size=(6, 3)) + 5 for seed in range(3)]
COV_CASES = [Case(X) for X in DATA]


def test_right_answer_passes_prints_and_records(capsys, _isolated_progress):
    checks.check_function(
        centred_covariance, exercise="covariance", cases=COV_CASES, reference=lambda X: np.cov(X, rowvar=False)
    )
    assert "✓ covariance passed (3 cases correct)" in capsys.readouterr().out
    saved = json.loads(_isolated_progress.read_text())
    assert "covariance" in saved["notebooks"]["tests/checks"]["exercises"]


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (lambda X: X.T @ X / (len(X) - 1), "differs"),  # missing centring
        (lambda X: (X - X.mean(0)).T @ (X - X.mean(0)) / len(X), "differs"),  # off by one: N not N-1
        (lambda X: np.cov(X), "shape (6, 6)"),  # rows as variables: wrong shape
    ],
    ids=["missing centring", "divides by N", "wrong axis"],
)
def test_typical_covariance_mistakes_are_rejected(wrong, message):
    with pytest.raises(CheckFailed) as failure:
        checks.check_function(
            wrong,
            exercise="covariance",
            cases=COV_CASES,
            reference=lambda X: np.cov(X, rowvar=False),
            hint="Centre the columns first.",
        )
    text = str(failure.value)
    assert text.startswith("✗ covariance:") and message in text and "Hint: Centre the columns first." in text


def test_transposed_result_is_named_as_such():
    with pytest.raises(CheckFailed, match="transpose"):
        checks.check_function(lambda A: A, exercise="transpose", cases=[Case(np.ones((2, 3)))], reference=lambda A: A.T)


def test_which_input_failed_is_reported():
    def off_by_one_sum(values):
        return sum(values[:-1])

    with pytest.raises(CheckFailed, match=r"off_by_one_sum\(\[1, 2, 3\]\) is 3, expected 6"):
        checks.check_function(
            off_by_one_sum, exercise="total", cases=[Case([], expected=0), Case([1, 2, 3], expected=6)]
        )


def test_nan_is_reported_with_its_position():
    def log_of(values):
        with np.errstate(invalid="ignore"):  # the NaN is the point of this test
            return np.log(values - 1)

    with pytest.raises(CheckFailed, match=r"contains NaN at index \(0,\)"):
        checks.check_function(
            log_of, exercise="logs", cases=[Case(np.array([0.5, 2.0]), expected=np.array([0.0, 0.0]))]
        )


def test_stub_is_reported_as_not_written_yet():
    def stub(x):
        raise NotImplementedError("Exercise stub: write your code here")

    with pytest.raises(CheckFailed, match="not written yet"):
        checks.check_function(stub, exercise="stub", cases=[Case(1, expected=1)])


def test_exception_in_learner_code_names_the_input_and_line():
    def broken(x):
        return x / 0

    with pytest.raises(CheckFailed, match=r"broken\(1\) raised ZeroDivisionError.*return x / 0"):
        checks.check_function(broken, exercise="broken", cases=[Case(1, expected=1)])


def test_name_option_names_the_learner_function_behind_a_harness():
    def mul_backward(a, b):  # the learner's function, with a sign slip
        return -a * b

    def harness(a, b):  # what a check cell passes: it sets up inputs and calls the learner's function
        return mul_backward(a, b)

    with pytest.raises(CheckFailed, match=r"mul_backward\(2, 3\)") as failure:
        checks.check_function(
            harness, exercise="mul_backward", name="mul_backward", cases=[Case(2, 3)], reference=lambda a, b: a * b
        )
    assert "harness" not in str(failure.value)


def test_missing_return_is_explained():
    def forgot_return(x):
        x + 1

    with pytest.raises(CheckFailed, match="forget to `return`"):
        checks.check_function(forgot_return, exercise="plus_one", cases=[Case(1, expected=2)])


def test_not_a_function_is_rejected():
    with pytest.raises(CheckFailed, match="expected a function"):
        checks.check_function(42, exercise="f", cases=[Case(1, expected=1)])


def test_dtype_is_enforced_when_asked():
    with pytest.raises(CheckFailed, match="dtype float64, expected float32"):
        checks.check_function(
            lambda x: x.astype(np.float64),
            exercise="to_float32",
            cases=[Case(np.arange(3), expected=np.arange(3, dtype=np.float32))],
            check_dtype=True,
        )


def test_torch_tensor_expected_but_numpy_given():
    with pytest.raises(CheckFailed, match="should be a torch tensor, got NumPy array"):
        checks.check_function(
            lambda x: x.numpy(), exercise="stay_in_torch", cases=[Case(torch.ones(2), expected=torch.ones(2))]
        )


def test_tuple_results_are_compared_item_by_item():
    with pytest.raises(CheckFailed, match=r"\[1\] is 0, expected 2"):
        checks.check_function(lambda: (1, 0), exercise="pair", cases=[Case(expected=(1, 2))])


def test_validate_adds_property_checks():
    def not_unit(vector):
        return vector * 2

    def must_be_unit(result, case):
        return None if np.isclose(np.linalg.norm(result), 1) else "the result should have length 1"

    with pytest.raises(CheckFailed, match="length 1"):
        checks.check_function(
            not_unit,
            exercise="normalise",
            cases=[Case(np.array([0.6, 0.8]))],
            reference=lambda v: v * 2,
            validate=must_be_unit,
        )


def test_pca_against_the_library_up_to_sign():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 4)) @ rng.normal(size=(4, 4))

    def reference(X):
        return np.abs(PCA(n_components=2).fit(X).components_)

    def right(X):
        centred = X - X.mean(axis=0)
        _, vectors = np.linalg.eigh(np.cov(centred, rowvar=False))
        return np.abs(vectors[:, ::-1][:, :2].T)

    def ascending(X):  # a classic: eigh sorts eigenvalues in ascending order
        _, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
        return np.abs(vectors[:, :2].T)

    checks.check_function(right, exercise="pca", cases=[Case(X)], reference=reference, atol=1e-8)
    with pytest.raises(CheckFailed):
        checks.check_function(ascending, exercise="pca", cases=[Case(X)], reference=reference, atol=1e-8)


def test_a_case_without_expected_value_or_reference_is_an_author_error():
    with pytest.raises(ValueError, match="no expected value"):
        checks.check_function(abs, exercise="abs", cases=[Case(1)])


# --- check_value, check_that, compare ------------------------------------------------------


def test_check_value_accepts_and_rejects(capsys):
    checks.check_value(np.array([1.0, 2.0]), np.array([1.0, 2.0]), exercise="vector", name="v")
    assert "✓ vector passed (v is correct)" in capsys.readouterr().out
    with pytest.raises(CheckFailed, match="v has shape"):
        checks.check_value(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0]), exercise="vector", name="v")
    with pytest.raises(CheckFailed, match="placeholder"):
        checks.check_value(..., 1, exercise="vector")


def test_check_that():
    checks.check_that(True, exercise="prop", problem="never shown")
    with pytest.raises(CheckFailed, match="too slow"):
        checks.check_that(False, exercise="prop", problem="too slow")


@pytest.mark.parametrize(
    ("got", "expected", "fragment"),
    [
        ({"a": 1}, {"a": 1, "b": 2}, "missing the key"),
        ([1, 2], [1, 2, 3], "should have 3 items"),
        ("text", 1.0, "should be numeric"),
        (np.array([1.0, 2.0]), np.array([1.0, 2.5]), "first at index (1,)"),
        ("cat", "dog", "expected 'dog'"),
        (np.ones(4), np.ones((2, 2)), "same number of elements"),
    ],
)
def test_compare_explains_differences(got, expected, fragment):
    problem = checks.compare(got, expected)
    assert problem is not None and fragment in problem


def test_compare_accepts_within_tolerance_and_tensors():
    assert checks.compare(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0 + 1e-9])) is None
    assert checks.compare({"w": (1.0, np.zeros(2))}, {"w": (1.0, np.zeros(2))}) is None
