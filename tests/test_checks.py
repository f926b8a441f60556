"""utils.checks accepts right answers and rejects typical wrong ones with specific messages."""

from __future__ import annotations

import json
import re

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


# --- checks v2: whole families of wrong answers ----------------------------------------------


def centre_in_place(x):
    x -= x.mean()  # the classic: changes the caller's array
    return x


def test_a_function_that_changes_its_input_is_rejected_and_the_reference_sees_pristine_inputs():
    data = np.array([1.0, 2.0, 6.0])
    seen_by_reference = []

    def reference(x):
        seen_by_reference.append(x.copy())
        return x - x.mean()

    with pytest.raises(CheckFailed, match=r"changed its input `x` in place") as failure:
        checks.check_function(centre_in_place, exercise="centre", cases=[Case(data)], reference=reference,
                              hint="Return a new array.")
    assert "Hint: Return a new array." in str(failure.value)
    assert np.array_equal(data, [1.0, 2.0, 6.0]), "the caller's array must not change"
    assert np.array_equal(seen_by_reference[0], [1.0, 2.0, 6.0]), "the reference must see the pristine input"


def test_changes_to_tensors_lists_and_frames_are_noticed_too():
    import pandas as pd

    def add_column(frame):
        frame["new"] = 1
        return len(frame)

    def grow(values):
        values.append(0)
        return 1

    def zero_(tensor):
        tensor.zero_()
        return tensor.sum()

    cases = [
        (add_column, Case(pd.DataFrame({"a": [1, 2]}), expected=2)),
        (grow, Case([1, 2], expected=1)),
        (zero_, Case(torch.ones(3), expected=torch.tensor(0.0))),
    ]
    for function, case in cases:
        with pytest.raises(CheckFailed, match="changed its input"):
            checks.check_function(function, exercise="pure", cases=[case])


def test_mutates_names_the_inputs_a_function_may_change():
    def scale_(values, factor):
        values *= factor
        return None

    checks.check_function(scale_, exercise="scale", cases=[Case(np.ones(2), 3.0, expected=None)], mutates="values")
    with pytest.raises(CheckFailed, match="changed its input `values`"):
        checks.check_function(scale_, exercise="scale", cases=[Case(np.ones(2), 3.0, expected=None)], mutates="factor")


def test_validate_sees_the_objects_the_function_received():
    def fill_(values):
        values[:] = 7.0

    def filled(result, case):
        return None if np.all(case.args[0] == 7.0) else "the array was not filled"

    cases = [Case(np.zeros(3), expected=None)]
    checks.check_function(fill_, exercise="fill", cases=cases, mutates=True, validate=filled)


def test_ignoring_an_argument_is_caught_only_when_the_cases_vary_it():
    """The 'ignores an argument' family of tests/families.py, run here without a kernel."""
    from tests import families

    def power(x, exponent):
        return x**exponent

    namespace = {"power": power}
    exec(families.ignored_argument("power", "exponent"), namespace)
    ignoring = namespace["power"]
    varied = [Case(2.0, 3, expected=8.0), Case(2.0, 2, expected=4.0)]
    with pytest.raises(CheckFailed, match=r"power\(2.0, 2\) is 8, expected 4"):
        checks.check_function(ignoring, exercise="power", cases=varied)
    exec(families.ignored_argument("power", "exponent"), namespace := {"power": power})
    same_exponent = [Case(2.0, 3, expected=8.0), Case(3.0, 3, expected=27.0)]
    checks.check_function(namespace["power"], exercise="power", cases=same_exponent)  # accepted: cases too kind


def test_swapped_arguments_are_caught_only_by_asymmetric_cases():
    from tests import families

    def difference(a, b):
        return a - b

    namespace = {"difference": difference}
    exec(families.swapped_arguments("difference", "a", "b"), namespace)
    with pytest.raises(CheckFailed):
        checks.check_function(namespace["difference"], exercise="difference", cases=[Case(5.0, 2.0, expected=3.0)])
    checks.check_function(namespace["difference"], exercise="difference", cases=[Case(2.0, 2.0, expected=0.0)])


@pytest.mark.parametrize(
    ("wrong", "expected", "fragment"),
    [
        (lambda: np.float32(1.0), torch.tensor(1.0), "should be a torch tensor, got NumPy float32"),
        (lambda: torch.tensor([1.0]), np.array([1.0]), "should be a NumPy array, got torch tensor"),
        (lambda: 1, 1.0, "should be a float, got int"),
        (lambda: 1.0, 1, "should be an int, got float"),
        (lambda: 1, True, "should be a bool"),
        (lambda: np.array(2.0), 2.0, "should be a float, got NumPy array"),
        (lambda: [1, 2], (1, 2), "should be a tuple, got a list"),
        (lambda: {"a": 1, "b": 2}, {"a": 1}, "unexpected key"),
    ],
)
def test_check_type_rejects_another_kind_of_result(wrong, expected, fragment):
    with pytest.raises(CheckFailed, match=re.escape(fragment)):
        checks.check_function(wrong, exercise="typed", cases=[Case(expected=expected)], check_type=True)
    checks.check_function(wrong, exercise="typed", cases=[Case(expected=wrong())], check_type=True)


def test_wrong_dtype_of_a_tensor_is_named():
    with pytest.raises(CheckFailed, match="dtype float64, expected float32"):
        checks.check_function(lambda: torch.zeros(2, dtype=torch.float64), exercise="zeros",
                              cases=[Case(expected=torch.zeros(2))], check_dtype=True)


def test_an_exception_inside_numpy_quotes_the_learners_own_line_and_keeps_the_hint():
    def project(vector):
        weights = np.linalg.inv(np.outer(vector, vector))
        return weights @ vector

    with pytest.raises(CheckFailed) as failure:
        checks.check_function(project, exercise="project", cases=[Case(np.ones(3), expected=3.0)],
                              hint="The weights need one entry per feature.")
    text = str(failure.value)
    assert "project(ndarray(shape=(3,)" in text and "raised LinAlgError" in text
    assert "`weights = np.linalg.inv(np.outer(vector, vector))`, inside numpy" in text, text
    assert "Hint: The weights need one entry per feature." in text


def test_an_exception_deep_in_the_learners_helpers_quotes_the_deepest_learner_line():
    def helper(x):
        return x["missing"]

    def outer(x):
        return helper(x) + 1

    with pytest.raises(CheckFailed, match=r"raised KeyError.*`return x\[\"missing\"\]`"):
        checks.check_function(outer, exercise="outer", cases=[Case({}, expected=1)])


def test_a_harness_that_cannot_use_the_result_says_what_came_back():
    def split_pair(values):  # the learner's function: should return (low, high), returns one number
        return min(values)

    def harness(values):
        low, high = split_pair(values)
        return high - low

    with pytest.raises(CheckFailed, match=r"could not use what split_pair returned") as failure:
        checks.check_function(harness, exercise="split_pair", name="split_pair", cases=[Case([1, 4], expected=3)],
                              hint="Return a tuple.")
    assert "Hint: Return a tuple." in str(failure.value)


def test_a_validate_that_cannot_use_the_result_says_what_came_back():
    def wrong_order():
        return (np.zeros(3), 2)  # promised: (count, values)

    def validate(result, case):
        count, values = result
        return None if len(values) == count else "length mismatch"

    with pytest.raises(CheckFailed, match=r"returned a tuple of 2 items \(a NumPy array of shape \(3,\)"):
        checks.check_function(wrong_order, exercise="pair", cases=[Case(expected=(np.zeros(3), 2))],
                              validate=validate)


def test_axes_in_the_wrong_order_are_named_as_such():
    problem = checks.compare(np.zeros((2, 3, 4)), np.zeros((4, 2, 3)))
    assert "the same axes in another order" in problem
    problem = checks.compare(np.zeros((6, 4)), np.zeros((4, 2, 3)))
    assert "same number of elements" in problem


def test_case_labels_do_not_glue_onto_the_function_name():
    with pytest.raises(CheckFailed, match=r"double \(case: a single element\) is 1, expected 2"):
        checks.check_function(lambda x: x, exercise="double", name="double",
                              cases=[Case(1, expected=2, label="a single element")])
    with pytest.raises(CheckFailed, match=r"double\(x=1\) is 1"):
        checks.check_function(lambda x: x, exercise="double", name="double",
                              cases=[Case(1, expected=2, label="(x=1)")])


def test_overflow_is_reported_as_such():
    problem = checks.compare(np.array([np.inf, 1.0]), np.array([0.0, 1.0]))
    assert "overflow" in problem


def test_a_pass_under_an_exercise_the_notebook_does_not_declare_fails_loudly(capsys):
    with progress.fake_notebook("tests/declared", exercises=["absolute"]):
        checks.check_function(abs, exercise="absolute", cases=[Case(-1, expected=1)])
        with pytest.raises(CheckFailed, match="absolte is not an exercise of tests/declared") as failure:
            checks.check_function(abs, exercise="absolte", cases=[Case(-1, expected=1)])
    assert "absolute" in str(failure.value)  # it names the declared exercise
    assert "✓ absolte" not in capsys.readouterr().out


def test_behind_a_harness_that_takes_star_args_the_changed_input_is_named_after_the_learners_parameter():
    def reverse_in_place(values, copies):
        values[:] = values[::-1]
        return copies

    def harness(*arguments, **keywords):
        return reverse_in_place(*arguments, **keywords)

    globals()["reverse_in_place"] = reverse_in_place  # a check cell's namespace holds the learner's function
    try:
        with pytest.raises(CheckFailed, match="changed its input `values`"):
            checks.check_function(harness, exercise="reverse", name="reverse_in_place",
                                  cases=[Case(np.arange(3.0), 1, expected=1)])
    finally:
        del globals()["reverse_in_place"]


def test_minus_infinity_suggests_the_log_of_zero():
    assert "log of 0" in checks.compare(np.array([-np.inf]), np.array([-1.0]))
