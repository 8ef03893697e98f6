"""Number formats in both languages, table-driven."""

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from charts.numbers import (
    KINDS,
    MISSING,
    format_count,
    format_money_yuan,
    format_pct,
    format_value,
    scale_for,
)


@pytest.mark.parametrize(
    ("value", "lang", "unit", "expected"),
    [
        (0, "zh", "", "0"),
        (0, "en", "", "0"),
        (None, "zh", "人", MISSING),
        (None, "en", "people", MISSING),
        (math.nan, "zh", "", MISSING),
        (np.nan, "en", "", MISSING),
        (pd.NA, "zh", "户", MISSING),
        (math.inf, "en", "", MISSING),
        (28, "zh", "", "28"),
        (28, "zh", "人", "28 人"),
        (28, "en", "people", "28 people"),
        (1, "en", "households", "1 household"),
        (4560, "zh", "", "4,560"),
        (9999, "zh", "", "9,999"),
        (9999, "en", "", "9,999"),
        # Rounding up to the next step moves to that step's word.
        (9999.6, "zh", "", "1 万"),
        (10_000, "zh", "", "1 万"),
        (10_000, "en", "", "10,000"),
        (12_345, "zh", "人", "1.23 万人"),
        (123_000, "zh", "人", "12.3 万人"),
        # Half up, as people round: 12.25 → 12.3, not the binary 12.2.
        (122_500, "zh", "人", "12.3 万人"),
        (12_300_000, "en", "", "12.3 million"),
        (12_300_000, "en", "people", "12.3 million people"),
        (45_678_900, "zh", "", "4,568 万"),
        (99_999_999, "zh", "", "1 亿"),
        (99_999_999, "en", "", "100 million"),
        (1e8, "zh", "", "1 亿"),
        (1e8, "en", "", "100 million"),
        (123_000_000, "zh", "人", "1.23 亿人"),
        (999_999_999, "en", "", "1 billion"),
        (2.5e12, "zh", "", "2.5 万亿"),
        (-28, "zh", "", "-28"),
        (-123_000, "zh", "户", "-12.3 万户"),
        (-12_300_000, "en", "people", "-12.3 million people"),
        (-0.0001, "zh", "", "-0.0001"),
        (3.75, "en", "", "3.75"),
        (Decimal("4560"), "zh", "个", "4,560 个"),
        (np.int64(12_345), "en", "", "12,345"),
    ],
)
def test_format_count(value: object, lang: str, unit: str, expected: str) -> None:
    assert format_count(value, lang=lang, unit=unit) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (0, "zh", "0 元"),
        (0, "en", "¥0"),
        (None, "zh", MISSING),
        (math.nan, "en", MISSING),
        (8452, "zh", "8,452 元"),
        (8452.37, "en", "¥8,452"),
        (3.756, "zh", "3.76 元"),
        (0.001, "en", "¥0"),
        (9999, "zh", "9,999 元"),
        (10_000, "zh", "1 万元"),
        (10_000, "en", "¥10,000"),
        (45_600_000, "zh", "4,560 万元"),
        (45_600_000, "en", "¥45.6 million"),
        (99_999_999, "zh", "1 亿元"),
        (1e8, "zh", "1 亿元"),
        (123_000_000, "zh", "1.23 亿元"),
        (123_000_000, "en", "¥123 million"),
        (1_460_000_000, "en", "¥1.46 billion"),
        (1_460_000_000, "zh", "14.6 亿元"),
        (1.6e12, "zh", "1.6 万亿元"),
        (-45_600_000, "zh", "-4,560 万元"),
        (-123_000_000, "en", "-¥123 million"),
        (Decimal("123000000.00"), "zh", "1.23 亿元"),
    ],
)
def test_format_money_yuan(value: object, lang: str, expected: str) -> None:
    assert format_money_yuan(value, lang=lang) == expected


@pytest.mark.parametrize(
    ("value", "lang", "digits", "expected"),
    [
        (42.3, "zh", 1, "42.3%"),
        (42.3, "en", 1, "42.3%"),
        (42, "zh", 1, "42.0%"),
        (0, "en", 1, "0.0%"),
        (None, "zh", 1, MISSING),
        (math.nan, "en", 1, MISSING),
        (42.25, "zh", 1, "42.3%"),
        (99.95, "en", 1, "100.0%"),
        (42.345, "en", 2, "42.35%"),
        (42.3, "zh", 0, "42%"),
        (-3.24, "zh", 1, "-3.2%"),
        # A tiny negative that rounds to zero must not read "-0.0%".
        (-0.04, "en", 1, "0.0%"),
        (1234.5, "zh", 1, "1,234.5%"),
    ],
)
def test_format_pct(value: object, lang: str, digits: int, expected: str) -> None:
    assert format_pct(value, lang=lang, digits=digits) == expected


@pytest.mark.parametrize(
    ("value", "kind", "lang", "expected"),
    [
        (123_000, "people", "zh", "12.3 万人"),
        (12_300_000, "people", "en", "12.3 million people"),
        (4560, "households", "zh", "4,560 户"),
        (4560, "households", "en", "4,560 households"),
        (832, "counties", "zh", "832 个"),
        (832, "counties", "en", "832 counties"),
        (128_000, "villages", "zh", "12.8 万个"),
        (1, "villages", "en", "1 village"),
        (28, "count", "zh", "28"),
        (45_600_000, "yuan", "zh", "4,560 万元"),
        (45_600_000, "yuan", "en", "¥45.6 million"),
        (42.3, "pct", "zh", "42.3%"),
        (12.345, "km", "zh", "12.3 公里"),
        (12.345, "km", "en", "12.3 km"),
        (2016.0, "year", "zh", "2016年"),
        (2020, "year", "en", "2020"),
        (35, "days", "zh", "35 天"),
        (1, "days", "en", "1 day"),
        (None, "year", "zh", MISSING),
        (math.nan, "people", "en", MISSING),
    ],
)
def test_format_value(value: object, kind: str, lang: str, expected: str) -> None:
    assert format_value(value, kind=kind, lang=lang) == expected


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_format_value_knows_every_kind(kind: str, lang: str) -> None:
    assert format_value(None, kind=kind, lang=lang) == MISSING
    assert format_value(12, kind=kind, lang=lang) != MISSING


@pytest.mark.parametrize(
    ("values", "kind", "lang", "expected"),
    [
        ([1.2e8, 4.5e8], "yuan", "zh", (1e8, "亿元")),
        ([45_600_000], "yuan", "zh", (1e4, "万元")),
        ([8452], "yuan", "zh", (1.0, "元")),
        ([1.46e9, None], "yuan", "en", (1e9, "¥ billion")),
        ([45_600_000], "yuan", "en", (1e6, "¥ million")),
        ([8452], "yuan", "en", (1.0, "¥")),
        ([-3e8, 1e4], "yuan", "zh", (1e8, "亿元")),
        ([123_000, math.nan], "people", "zh", (1e4, "万人")),
        ([12_300_000], "people", "en", (1e6, "million people")),
        ([999], "households", "en", (1.0, "households")),
        ([5e4], "villages", "zh", (1e4, "万个")),
        ([5e4], "count", "zh", (1e4, "万")),
        ([5e4], "count", "en", (1.0, "")),
        ([42.3], "pct", "en", (1.0, "%")),
        ([1.2e6], "km", "zh", (1.0, "公里")),
        ([400], "days", "en", (1.0, "days")),
        ([2016, 2020], "year", "zh", (1.0, "")),
        ([], "people", "zh", (1.0, "人")),
        ([None, math.nan], "yuan", "en", (1.0, "¥")),
    ],
)
def test_scale_for(
    values: list[object], kind: str, lang: str, expected: tuple[float, str]
) -> None:
    assert scale_for(values, kind=kind, lang=lang) == expected


def test_unknown_kind_names_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown number kind 'money'.*'yuan'"):
        format_value(1, kind="money", lang="zh")
    with pytest.raises(ValueError, match=r"unknown number kind 'money'"):
        scale_for([1], kind="money", lang="zh")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown language 'fr'; use 'zh' or 'en'"):
        format_count(1, lang="fr")


def test_text_is_refused_rather_than_shown_as_missing() -> None:
    with pytest.raises(TypeError, match=r"got the text '12'"):
        format_count("12", lang="zh")
