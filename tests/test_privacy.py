"""Masking and small-cell suppression, on hand-made frames."""

from __future__ import annotations

import pandas as pd
import pytest

from loaders.privacy import (
    mask_id_number,
    mask_name,
    mask_personal,
    suppress_counts,
    suppress_rates,
    suppress_series,
    suppressed_below,
    suppression_threshold,
)
from loaders.scope import Scope


def hidden(frame: pd.DataFrame, columns) -> set[tuple[int, str]]:
    return {(i, c) for c in columns for i in frame.index if pd.isna(frame.at[i, c])}


def test_only_the_public_view_is_suppressed():
    assert suppression_threshold(Scope("public"), 5) == 5
    assert suppression_threshold(None, 5) == 5
    for role in ("official", "auditor", "admin"):
        assert suppression_threshold(Scope(role), 5) is None


def test_primary_suppression_hides_one_to_four_and_keeps_zero_and_five():
    frame = pd.DataFrame({"n": [0, 1, 4, 5, 120]})
    out = suppress_counts(frame, ["n"], 5)
    assert out["n"].tolist()[0] == 0
    assert out["n"].isna().tolist() == [False, True, True, False, False]
    assert out["n"].tolist()[3:] == [5, 120]
    assert suppressed_below(out) == 5
    assert frame["n"].tolist() == [0, 1, 4, 5, 120], "the input is not changed"


def test_no_threshold_returns_the_frame_unchanged():
    frame = pd.DataFrame({"n": [1, 2]})
    assert suppress_counts(frame, ["n"], None) is frame


def test_a_row_total_forces_a_second_cell_to_be_hidden():
    # 3 would be recoverable as 30 - 12 - 15 if only it were hidden.
    frame = pd.DataFrame({"a": [3, 20], "b": [12, 30], "c": [15, 40]})
    frame["total"] = frame[["a", "b", "c"]].sum(axis=1)
    out = suppress_counts(frame, ["a", "b", "c"], 5, row_total="total")
    assert hidden(out, ["a", "b", "c", "total"]) == {(0, "a"), (0, "b")}
    assert out.at[0, "total"] == 30


def test_a_total_row_forces_a_second_cell_in_the_column():
    frame = pd.DataFrame({"n": [2, 9, 7, 18]})  # last row: the total
    out = suppress_counts(frame, ["n"], 5, total_row=True)
    assert hidden(out, ["n"]) == {(0, "n"), (2, "n")}


def test_secondary_suppression_spreads_across_rows_and_columns():
    # Hiding b0 to protect a0 exposes b0 through column b's total: b1 must go too,
    # and hiding b1 exposes it through row 1's total, so another of row 1 goes.
    frame = pd.DataFrame({"a": [2, 50, 0], "b": [9, 11, 0], "c": [30, 40, 0]})
    frame.loc[2] = frame.loc[:1].sum()
    frame["total"] = frame[["a", "b", "c"]].sum(axis=1)
    out = suppress_counts(frame, ["a", "b", "c"], 5, row_total="total", total_row=True)
    cells = hidden(out, ["a", "b", "c"])
    for i in range(3):  # every row with a hidden cell has at least two
        in_row = {c for (r, c) in cells if r == i}
        assert len(in_row) != 1, (i, in_row)
    for c in ("a", "b", "c"):  # and so does every column
        in_column = {r for (r, col) in cells if col == c and r < 2}
        assert len(in_column) != 1, (c, in_column)


def test_a_line_with_one_small_cell_and_zeros_hides_its_total():
    frame = pd.DataFrame({"a": [3], "b": [0]})
    frame["total"] = frame[["a", "b"]].sum(axis=1)
    out = suppress_counts(frame, ["a", "b"], 5, row_total="total")
    assert pd.isna(out.at[0, "a"]) and pd.isna(out.at[0, "total"])
    assert out.at[0, "b"] == 0


def test_rates_over_a_small_count_are_hidden_and_the_counts_dropped():
    frame = pd.DataFrame({"code": ["a", "b", "c"], "rate": [1.0, 2.0, 0.0]})
    frame["n"] = [3, 40, 0]
    out = suppress_rates(frame, {"rate": "n"}, 5)
    assert list(out.columns) == ["code", "rate"]
    assert out["rate"].isna().tolist() == [True, False, False]
    assert suppress_rates(frame, {"rate": "n"}, None)["rate"].tolist() == [1, 2, 0]


def test_a_record_of_facts_is_suppressed_cell_by_cell():
    facts = pd.Series({"households_count": 4, "villages_count": 2, "people": 9})
    out = suppress_series(facts, ["households_count", "people"], 5)
    assert pd.isna(out["households_count"]) and out["people"] == 9
    assert out["villages_count"] == 2, "villages are not persons"


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三丰", "张**"), ("李四", "李*"), ("王", "王*"), ("Zhang San", "Z********")],
)
def test_names_keep_only_their_first_character(name, masked):
    assert mask_name(name) == masked


def test_id_numbers_keep_the_region_prefix_and_the_check_digit():
    assert mask_id_number("13012319540902929X") == "130123***********X"
    assert mask_id_number("123") == "***"
    assert mask_id_number(None) is None


def test_every_list_masks_names_and_id_numbers():
    frame = pd.DataFrame(
        {"head_name": ["陈福丽", None], "id_number": ["130123195409029290", None]}
    )
    out = mask_personal(frame)
    assert out["head_name"].tolist()[0] == "陈**"
    assert out["id_number"].tolist()[0] == "130123***********0"
    assert out["head_name"].isna().tolist() == [False, True]
    assert frame["head_name"].iloc[0] == "陈福丽"
