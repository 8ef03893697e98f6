"""Households queries on the tiny dataset: the SQL agrees with the pure engine, and
the privacy rules hold."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest
from known_places import CONGJIANG, EMPTY_COUNTY, ZHANGBEI

from loaders import Scope, ScopeError, Settings
from loaders.af import measures
from loaders.queries import households as q
from loaders.settings import af_weights

SETTINGS = Settings()
ADMIN = Scope("admin")
FULL_ID = re.compile(r"^\d{17}[\dX]$")


def engine_input(db, county: str, settings: Settings) -> pd.DataFrame:
    frame = db.query(
        "SELECT NOT food_clothing_ok AS food_clothing, NOT education_ok AS education,"
        " NOT medical_insurance_ok AS medical_insurance, NOT housing_safe AS housing,"
        " NOT water_safe AS water, income_per_capita < ? AS income "
        "FROM households WHERE county_code = ?",
        [settings.monitoring_line_yuan, county],
    )
    return frame.astype(bool)


@pytest.mark.parametrize("county", [ZHANGBEI, CONGJIANG])
@pytest.mark.parametrize(
    "change",
    [
        {},
        {"af_cutoff_k": 0.5},
        {"af_cutoff_k": 1 / 6},
        {"monitoring_line_yuan": 9000},
        {
            "af_weight_income": 0.5,
            "af_weight_food_clothing": 0.1,
            "af_weight_education": 0.1,
            "af_weight_medical_insurance": 0.1,
            "af_weight_housing": 0.1,
            "af_weight_water": 0.1,
        },
    ],
)
def test_the_sql_agrees_with_the_engine(db, regions_by_code, county, change):
    settings = dataclasses.replace(SETTINGS, **change)
    expected = measures(
        engine_input(db, county, settings), af_weights(settings), settings.af_cutoff_k
    )
    got = q.af_summary(db, ADMIN, regions_by_code(county), settings)
    row = got[got["code"] == "total"].iloc[0]
    assert row["households"] == expected.households
    assert row["poor"] == expected.poor
    assert row["headcount_ratio"] == pytest.approx(expected.headcount_ratio)
    assert row["intensity"] == pytest.approx(expected.intensity)
    assert row["adjusted_headcount"] == pytest.approx(expected.adjusted_headcount)
    for key, share in expected.contributions.items():
        assert row[f"contribution_{key}"] == pytest.approx(share)


def test_the_total_row_adds_up_the_groups(db, regions_by_code):
    frame = q.af_summary(db, ADMIN, regions_by_code("100000"), SETTINGS)
    body, total = frame[frame["code"] != "total"], frame[frame["code"] == "total"]
    assert set(body["code"]) == {"130000", "520000"}
    villages = q.af_summary(db, ADMIN, regions_by_code(ZHANGBEI), SETTINGS)
    assert villages["code"].iloc[0].startswith(ZHANGBEI) and len(villages) > 10
    assert total["households"].iloc[0] == body["households"].sum()
    assert total["poor"].iloc[0] == body["poor"].sum()


def test_a_province_line_overrides_the_national_one(db, regions_by_code):
    congjiang = regions_by_code(CONGJIANG)
    base = q.af_summary(db, ADMIN, congjiang, SETTINGS)
    higher = dataclasses.replace(
        SETTINGS, monitoring_line_by_province={"520000": 12000}
    )
    raised = q.af_summary(db, ADMIN, congjiang, higher)
    assert raised["poor"].iloc[-1] > base["poor"].iloc[-1]  # the total row
    # Hebei is untouched by Guizhou's line.
    zhangbei = regions_by_code(ZHANGBEI)
    assert q.af_summary(db, ADMIN, zhangbei, higher).equals(
        q.af_summary(db, ADMIN, zhangbei, SETTINGS)
    )


def test_every_household_gets_one_tier(db, regions_by_code):
    tiers = q.tier_counts(db, ADMIN, regions_by_code(ZHANGBEI), SETTINGS)
    assert set(tiers["tier"]) <= set(q.TIERS)
    total = db.query(
        "SELECT count(*) AS n FROM households WHERE county_code = ?", [ZHANGBEI]
    )["n"].iloc[0]
    assert tiers["households"].sum() == total
    # Every household recorded in sudden hardship is in the hardship tier.
    sudden = tiers[tiers["monitor_type"] == "sudden_hardship"]
    assert set(sudden["tier"]) == {"in_hardship"}


def test_the_what_if_line_counts_more_as_it_rises(db, regions_by_code):
    bins = q.income_bins(db, ADMIN, regions_by_code(ZHANGBEI), SETTINGS)
    counts = [
        q.entering_monitoring(bins, line, ADMIN, SETTINGS)["households"].iloc[-1]
        for line in (0, 4000, 6000, 8000, 20000)
    ]
    assert counts[0] == 0 and counts == sorted(counts)
    exact = db.query(
        "SELECT count(*) AS n FROM households WHERE county_code = ? "
        "AND income_per_capita < 6000 "
        "AND (monitor_type IS NULL OR monitor_end_year IS NOT NULL)",
        [ZHANGBEI],
    )["n"].iloc[0]
    assert counts[2] == exact


def test_deposits_count_only_above_the_threshold(db, regions_by_code):
    zhangbei = regions_by_code(ZHANGBEI)
    low = q.audit_counts(
        db, ADMIN, zhangbei, dataclasses.replace(SETTINGS, audit_deposit_yuan=0)
    )
    high = q.audit_counts(
        db, ADMIN, zhangbei, dataclasses.replace(SETTINGS, audit_deposit_yuan=10**9)
    )
    assert low["deposits"].sum() > 0 and high["deposits"].sum() == 0
    assert low["vehicle"].sum() == high["vehicle"].sum() > 0


def test_lists_are_masked_and_for_staff_only(db, regions_by_code):
    zhangbei = regions_by_code(ZHANGBEI)
    for call in (q.warning_list, q.audit_list):
        with pytest.raises(ScopeError):
            call(db, Scope("public"), zhangbei, SETTINGS)
        frame = call(db, Scope("official", ZHANGBEI), zhangbei, SETTINGS)
        assert len(frame) and not frame["id_number"].str.match(FULL_ID).any()
        assert not call(
            db, Scope("official", ZHANGBEI), regions_by_code(CONGJIANG), SETTINGS
        ).size


def test_the_warning_list_puts_unmonitored_households_first(db, regions_by_code):
    frame = q.warning_list(
        db, Scope("official", ZHANGBEI), regions_by_code(ZHANGBEI), SETTINGS, limit=None
    )
    unmonitored = frame["monitor_type"].isna().tolist()
    assert unmonitored == sorted(unmonitored, reverse=True)
    assert (frame["triggers"] > 0).all()


def test_public_aggregates_hide_small_counts(db, regions_by_code):
    zhangbei = regions_by_code(ZHANGBEI)
    public = Scope("public")
    for frame, columns in (
        (q.tier_counts(db, public, zhangbei, SETTINGS), ["households", "people"]),
        (q.trigger_counts(db, public, zhangbei, SETTINGS), list(q.TRIGGERS)),
        (q.audit_counts(db, public, zhangbei, SETTINGS), list(q.AUDIT_RULES)),
        (q.af_summary(db, public, zhangbei, SETTINGS), ["households", "poor"]),
    ):
        values = frame[columns].stack().dropna()
        assert not ((values > 0) & (values < 5)).any(), frame


def test_the_empty_county_has_empty_answers(db, regions_by_code):
    empty = regions_by_code(EMPTY_COUNTY)
    frame = q.af_summary(db, ADMIN, empty, SETTINGS)
    assert frame["households"].sum() == 0
    assert (
        q.entering_monitoring(
            q.income_bins(db, ADMIN, empty, SETTINGS), 6000, ADMIN, SETTINGS
        )["households"].sum()
        == 0
    )


def test_the_breakdown_by_type_covers_the_same_households(db, regions_by_code):
    zhangbei = regions_by_code(ZHANGBEI)
    by_region = q.af_summary(db, ADMIN, zhangbei, SETTINGS)
    by_type = q.af_summary(db, ADMIN, zhangbei, SETTINGS, by="type")
    assert set(by_type["code"]) == {"exited", "monitored_only", "total"}

    def total(frame):
        return (
            frame[frame["code"] == "total"].drop(columns="code").reset_index(drop=True)
        )

    # The same households, summed in another order: equal up to rounding.
    pd.testing.assert_frame_equal(total(by_type), total(by_region), rtol=1e-9)


def test_wider_regions_sum_the_county_cache_to_the_live_answer(db, regions_by_code):
    # Hebei is summed from cached county rows; its two counties are counted live,
    # village by village. Both roads must give the same households and figures.
    hebei = q.af_summary(db, ADMIN, regions_by_code("130000"), SETTINGS)
    counties = [
        q.af_summary(db, ADMIN, regions_by_code(code), SETTINGS)
        for code in (ZHANGBEI, "130123")
    ]
    total = hebei[hebei["code"] == "total"].iloc[0]
    assert total["households"] == sum(c["households"].iloc[-1] for c in counties)
    assert total["poor"] == sum(c["poor"].iloc[-1] for c in counties)
    tiers = q.tier_counts(db, ADMIN, regions_by_code("130000"), SETTINGS)
    live = (
        pd.concat(
            q.tier_counts(db, ADMIN, regions_by_code(code), SETTINGS)
            for code in (ZHANGBEI, "130123")
        )
        .groupby(["tier", "monitor_type"], as_index=False)
        .sum()
    )
    pd.testing.assert_frame_equal(
        tiers.reset_index(drop=True), live.reset_index(drop=True), check_dtype=False
    )
    # The cache reads every household's costs at once; a county, only its own.
    triggers = q.trigger_counts(db, ADMIN, regions_by_code("130000"), SETTINGS)
    for code in (ZHANGBEI, "130123"):
        county = q.trigger_counts(db, ADMIN, regions_by_code(code), SETTINGS)
        row = triggers[triggers["code"] == code].iloc[0]
        for trigger in q.TRIGGERS:
            assert row[trigger] == county[trigger].sum(), (code, trigger)
    assert triggers["illness_cost"].sum() > 0


def test_the_county_cache_follows_the_settings(db):
    one = q.county_counts(db, SETTINGS, "af")
    other = q.county_counts(db, dataclasses.replace(SETTINGS, af_cutoff_k=0.5), "af")
    assert one["households"].sum() == other["households"].sum()
    assert one["poor"].sum() > other["poor"].sum()
