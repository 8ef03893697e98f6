"""The Alkire-Foster engine: the published example, edge cases and properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.af import decompose, is_poor, measures, scores

EQUAL4 = {"income": 0.25, "education": 0.25, "health": 0.25, "housing": 0.25}


def alkire_foster_2011() -> pd.DataFrame:
    """The worked example of Alkire and Foster (2011), section 2: four persons,
    achievements y and cut-offs z = (13, 12, 3, 1); deprived when y < z."""
    y = np.array(
        [
            [13.1, 14, 4, 1],
            [15.2, 7, 5, 0],
            [12.5, 10, 1, 0],
            [20, 11, 3, 1],
        ]
    )
    z = np.array([13, 12, 3, 1])
    return pd.DataFrame(y < z, columns=list(EQUAL4))


def test_the_published_example():
    # Deprivation counts c = (0, 2, 4, 1); with k = 2 of 4, persons 2 and 3 are poor:
    # H = 1/2, A = (2 + 4) / (2 × 4) = 3/4, M0 = 3/8 (= 6 censored deprivations / 16).
    deprived = alkire_foster_2011()
    assert scores(deprived, EQUAL4).tolist() == [0, 0.5, 1, 0.25]
    m = measures(deprived, EQUAL4, k=0.5)
    assert (m.households, m.poor) == (4, 2)
    assert m.headcount_ratio == 0.5
    assert m.intensity == 0.75
    assert m.adjusted_headcount == 0.375
    # Censored headcounts: income 1/4, education 2/4, health 1/4, housing 2/4; each
    # contributes w × h / M0.
    assert m.censored_headcounts == {
        "income": 0.25,
        "education": 0.5,
        "health": 0.25,
        "housing": 0.5,
    }
    assert m.contributions["education"] == pytest.approx(0.25 * 0.5 / 0.375)
    assert sum(m.contributions.values()) == pytest.approx(1)


def test_a_score_exactly_at_k_is_poor():
    deprived = pd.DataFrame(
        {c: [True, True, False] for c in ("a", "b")}
        | {"c": [False] * 3, "d": [False] * 3, "e": [False] * 3, "f": [False] * 3}
    )
    sixths = {c: 1 / 6 for c in "abcdef"}
    # Two of six in floating point (0.333…) reaches k = 1/3.
    assert is_poor(scores(deprived, sixths), 1 / 3).tolist() == [True, True, False]


def test_everyone_and_no_one_deprived():
    everyone = pd.DataFrame({c: [True] * 3 for c in EQUAL4})
    m = measures(everyone, EQUAL4, k=1)
    assert (m.headcount_ratio, m.intensity, m.adjusted_headcount) == (1, 1, 1)
    nobody = pd.DataFrame({c: [False] * 3 for c in EQUAL4})
    m = measures(nobody, EQUAL4, k=0.25)
    assert (m.poor, m.headcount_ratio, m.adjusted_headcount) == (0, 0, 0)
    assert math.isnan(m.intensity)
    assert m.contributions == dict.fromkeys(EQUAL4, 0.0)


def test_missing_indicators_reweight_the_known_ones():
    deprived = pd.DataFrame(
        {
            "income": [True, None, None],
            "education": [True, True, None],
            "health": [False, False, None],
            "housing": [None, None, None],
        },
        dtype="boolean",
    )
    score = scores(deprived, EQUAL4)
    assert score.iloc[0] == pytest.approx(2 / 3)  # 2 of the 3 known
    assert score.iloc[1] == 0.5  # 1 of the 2 known
    assert math.isnan(score.iloc[2])  # nothing known: no score
    m = measures(deprived, EQUAL4, k=0.5)
    assert (m.households, m.poor) == (2, 2)
    assert sum(m.contributions.values()) == pytest.approx(1)


@pytest.mark.parametrize("weights", [{"a": 0.5, "b": 0.6}, {"a": 1.2, "b": -0.2}, {}])
def test_weights_must_be_positive_and_sum_to_one(weights):
    with pytest.raises(ValueError, match="weights"):
        scores(pd.DataFrame({"a": [True], "b": [False]}), weights)


@pytest.mark.parametrize("k", [0, -0.1, 1.01])
def test_k_lies_in_the_unit_interval(k):
    with pytest.raises(ValueError, match="cut-off"):
        is_poor(pd.Series([0.5]), k)


def test_decomposition_adds_up_to_the_whole():
    deprived = alkire_foster_2011()
    parts = decompose(deprived, EQUAL4, 0.5, pd.Series(["x", "x", "y", "y"]))
    assert parts["households"].tolist() == [2, 2]
    assert parts["contribution"].sum() == pytest.approx(1)
    whole = (parts["population_share"] * parts["adjusted_headcount"]).sum()
    assert whole == pytest.approx(0.375)


populations = st.integers(1, 40).flatmap(
    lambda n: st.lists(
        st.lists(st.sampled_from([True, False, None]), min_size=4, max_size=4),
        min_size=n,
        max_size=n,
    )
)


def frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(EQUAL4), dtype="boolean")


@settings(max_examples=200, deadline=None)
@given(populations, st.sampled_from([0.25, 0.5, 0.75, 1.0]))
def test_m0_is_h_times_a_and_scores_stay_in_the_unit_interval(rows, k):
    deprived = frame(rows)
    score = scores(deprived, EQUAL4).dropna()
    assert ((score >= 0) & (score <= 1)).all()
    m = measures(deprived, EQUAL4, k)
    if m.households == 0:
        return
    if m.poor:
        assert m.adjusted_headcount == pytest.approx(m.headcount_ratio * m.intensity)
        assert sum(m.contributions.values()) == pytest.approx(1)
    # M0 is also the mean censored score.
    censored = score.where(is_poor(score, k), 0.0)
    assert m.adjusted_headcount == pytest.approx(censored.mean())


@settings(max_examples=200, deadline=None)
@given(populations)
def test_raising_k_never_raises_h(rows):
    deprived = frame(rows)
    ratios = [
        measures(deprived, EQUAL4, k).headcount_ratio for k in (0.25, 0.5, 0.75, 1)
    ]
    known = [r for r in ratios if not math.isnan(r)]
    assert known == sorted(known, reverse=True)
