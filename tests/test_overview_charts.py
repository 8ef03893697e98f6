"""The Overview's chart functions: cards, map, worst-region tables, trends."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from charts import overview as charts

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[100, 30], [101, 30], [101, 31], [100, 31], [100, 30]]],
}


def series(poor=(100.0, 50.0), years=(2017, 2018)) -> pd.DataFrame:
    n = len(years)
    return pd.DataFrame(
        {
            "year": list(years),
            "poor_people_count": list(poor),
            "exited_counties_count": [1] * n,
            "exited_villages_count": [2] * n,
            "monitored_households_count": [0] * n,
            "disbursement_rate_pct": [80.0] * n,
            "allocated_yuan": [2e8] * n,
            "disbursed_yuan": [1.6e8] * n,
        }
    )


FACTS = pd.Series(
    {
        "care_coverage_pct": 82.5,
        "projects_on_track_pct": np.nan,
        "illness_share_pct": 42.0,
    }
)


class TestHeadlineCards:
    def test_values_deltas_and_trends_in_chinese(self):
        cards = charts.headline_cards(series(), FACTS, year=2018, lang="zh")
        poor = cards[0]
        assert (poor.label, poor.value, poor.delta) == ("贫困人口", "50 人", "-50 人")
        assert poor.delta_color == "inverse"  # fewer poor people is good news
        assert poor.trend == [100.0, 50.0]
        assert cards[5].value == "82.5%" and cards[5].trend is None
        assert cards[6].value == "—"

    def test_no_change_is_grey(self):
        cards = charts.headline_cards(series(poor=(5, 5)), FACTS, year=2018, lang="en")
        assert (cards[0].delta, cards[0].delta_color) == ("0", "off")
        assert cards[1].delta_color == "off"

    def test_rates_change_by_percentage_points(self):
        rates = series().assign(disbursement_rate_pct=[80.0, 42.5])
        zh = charts.headline_cards(rates, FACTS, year=2018, lang="zh")[4]
        en = charts.headline_cards(rates, FACTS, year=2018, lang="en")[4]
        assert (zh.value, zh.delta) == ("42.5%", "-37.5 个百分点")
        assert (en.value, en.delta) == ("42.5%", "-37.5 pp")

    def test_a_rate_that_barely_moved_did_not_move(self):
        rates = series().assign(disbursement_rate_pct=[95.12, 95.1])
        card = charts.headline_cards(rates, FACTS, year=2018, lang="zh")[4]
        assert (card.delta, card.delta_color) == ("0.0 个百分点", "off")

    def test_english_cards_leave_the_noun_to_the_label(self):
        cards = charts.headline_cards(series(), FACTS, year=2018, lang="en")
        assert (cards[0].label, cards[0].value) == ("Poor population", "50")

    def test_the_first_year_has_no_delta(self):
        cards = charts.headline_cards(series(), FACTS, year=2017, lang="en")
        assert cards[0].delta is None


def map_shapes() -> charts.MapShapes:
    counties = pd.DataFrame(
        {
            "code": ["1", "2"],
            "name_zh": ["甲县", "乙县"],
            "name_en": ["Jia", "Yi"],
            "geojson": [json.dumps(SQUARE)] * 2,
        }
    )
    outlines = pd.DataFrame(
        {
            "code": ["10", "x"],
            "level": ["province", "ten_dash_line"],
            "geojson": [json.dumps(SQUARE)] * 2,
        }
    )
    return charts.parse_map_shapes(counties, outlines)


class TestCountyIndicatorMap:
    @pytest.mark.parametrize(
        ("lang", "unit"), [("zh", "贫困发生率（%）"), ("en", "Poverty incidence (%)")]
    )
    def test_colours_counties_with_the_unit_in_the_legend(self, lang, unit):
        values = pd.DataFrame({"code": ["1"], "value": [12.5]})
        figure = charts.county_indicator_map(
            values,
            map_shapes(),
            indicator="poverty_incidence_pct",
            year=2016,
            lang=lang,
            national=False,
            highlight=None,
            source_note="note",
        )
        coloured = figure.data[0]
        assert list(coloured.locations) == ["1"]
        assert coloured.colorbar.title.text == unit
        grey = figure.data[1]
        assert list(grey.locations) == ["2"]  # no value: still drawn, in grey

    def test_national_maps_carry_the_south_china_sea_inset(self):
        values = pd.DataFrame({"code": ["1", "2"], "value": [2016.0, 2020.0]})
        figure = charts.county_indicator_map(
            values,
            map_shapes(),
            indicator="exit_year",
            year=2025,
            lang="zh",
            national=True,
            highlight="1",
            source_note="",
        )
        assert "map2" in figure.layout and figure.layout.map2.domain.x
        assert any(a.text == "南海诸岛" for a in figure.layout.annotations)


def test_worst_region_tables_use_names_and_formatted_values():
    worst = {"care_gap_pct": pd.DataFrame({"code": ["1", "9"], "value": [40.0, 12.25]})}
    names = pd.DataFrame({"code": ["1"], "name_zh": ["甲县"], "name_en": ["Jia"]})
    [(title, table)] = charts.worst_region_tables(worst, names, lang="en")
    assert title == "Villages lacking care"
    assert table.to_dict("list") == {"region": ["Jia", "9"], "%": ["40.0%", "12.3%"]}


def test_poor_population_trend_puts_ours_beside_the_public_series():
    ours = series(poor=(200.0, 100.0), years=(2014, 2015))
    reference = pd.DataFrame(
        {
            "series": ["rural_poor_population"] * 2,
            "year": [2014, 2015],
            "value": [7017.0, 5575.0],
        }
    )
    figure = charts.poor_population_trend(ours, reference, lang="zh")
    names = [trace.name for trace in figure.data]
    assert names == ["全国公开数据", "本数据集"]
    assert list(figure.data[1].y) == [100.0, 50.0]


def test_funds_trend_scales_money_to_yi_yuan():
    figure = charts.funds_trend(series(), lang="zh", source_note="合成")
    assert "亿元" in figure.layout.yaxis.title.text
    assert list(figure.data[0].y) == [2.0, 2.0]


def test_funds_trend_without_money_says_no_data():
    empty = series().assign(allocated_yuan=0.0, disbursed_yuan=0.0)
    figure = charts.funds_trend(empty, lang="en", source_note="")
    assert not figure.data
    assert any("No data" in a.text for a in figure.layout.annotations)


def test_the_dictionary_table_keeps_the_chosen_tables_in_the_chosen_language():
    from charts.tables import dictionary_table
    from loaders import data_dictionary

    table = dictionary_table(data_dictionary(), lang="en", only=["counties"])
    assert set(table["table"]) == {"counties"}
    assert "national poverty county" in set(table["meaning"])
    assert len(dictionary_table(data_dictionary(), lang="zh")) == len(data_dictionary())
