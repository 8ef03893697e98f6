"""Village map and Infrastructure charts: the layer chosen by zoom, the feature cap,
the legend, the county choropleth, the gap matrix and its charts, the profile
tables."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from charts import infrastructure as infra
from charts import village_tables as tables
from charts import villages as charts
from charts.overview import MapShapes
from loaders.settings import INFRA_GAPS, Settings, infra_targets

SQUARE = {
    "type": "MultiPolygon",
    "coordinates": [[[[114.0, 41.0], [115.0, 41.0], [115.0, 42.0], [114.0, 41.0]]]],
}
SHAPES = MapShapes(
    pd.DataFrame({"code": ["130722"], "name_zh": ["张北县"], "name_en": ["Zhangbei"]}),
    {"130722": SQUARE},
    [],
    None,
)


def points(count: int, *, seed: int = 1) -> pd.DataFrame:
    """``count`` villages with long names, scattered over the square."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "code": [f"13072200{i:04d}" for i in range(count)],
            "name_zh": ["大王家沟村"] * count,
            "name_en": ["Dawangjiagou Village"] * count,
            "township_zh": ["公会镇"] * count,
            "township_en": ["Gonghui Township"] * count,
            "lon": 114 + rng.random(count),
            "lat": 41 + rng.random(count),
            "poverty_village": rng.random(count) < 0.3,
            "exit_year": pd.array([pd.NA] * count, dtype="Int64"),
            "clinics_count": rng.integers(0, 2, count),
            "qualified_doctors_count": rng.integers(0, 3, count),
            "projects_count": rng.integers(0, 3, count),
            "open_projects_count": rng.integers(0, 2, count),
        }
    )
    exited = frame["poverty_village"] & (rng.random(count) < 0.8)
    frame.loc[exited, "exit_year"] = 2016 + (np.arange(count)[exited] % 5)
    for gap in INFRA_GAPS:
        frame[f"gap_{gap}"] = rng.random(count) < 0.2
    return frame


def test_the_gaps_are_the_settings_gaps():
    assert charts.GAPS == INFRA_GAPS
    assert set(infra_targets(Settings())) == set(INFRA_GAPS)


class TestLayerChoiceByZoom:
    @pytest.mark.parametrize(
        ("level", "villages", "cap", "kind"),
        [
            ("country", 490_000, 12_000, "counties"),
            ("province", 40_000, 12_000, "counties"),
            ("city", 5, 12_000, "counties"),
            ("county", 0, 12_000, "points"),
            ("county", 12_000, 12_000, "points"),
            ("county", 12_001, 12_000, "hexagons"),
            ("county", 11, 10, "hexagons"),
        ],
    )
    def test_kind(self, level, villages, cap, kind):
        assert charts.map_kind(level, villages, max_points=cap) == kind

    @pytest.mark.parametrize("cap", [0, charts.MAX_FEATURES + 1])
    def test_a_cap_beyond_the_budget_is_refused(self, cap):
        with pytest.raises(ValueError, match="max_points"):
            charts.map_kind("county", 1, max_points=cap)

    def test_there_is_no_map_below_a_county(self):
        with pytest.raises(ValueError, match="village"):
            charts.map_kind("village", 1, max_points=10)


class TestFeatureCap:
    def test_the_default_cap_fits_the_budget(self):
        cap = Settings().villages_map_max_points
        assert cap <= charts.MAX_FEATURES
        deck = charts.village_deck(
            points(cap), SHAPES, layer="status", lang="en", highlight="130722",
            max_points=cap,
        )  # fmt: skip
        assert charts.deck_bytes(deck) <= charts.MAX_BYTES

    def test_more_points_than_the_cap_are_refused(self):
        with pytest.raises(ValueError, match="more than the 10"):
            charts.village_deck(
                points(11), SHAPES, layer="status", lang="zh", highlight=None,
                max_points=10,
            )  # fmt: skip

    def test_hexagons_stay_small(self):
        frame = points(3000)
        frame["hexagon"] = [f"87{i:013x}" for i in range(3000)]
        cells = pd.DataFrame(
            {
                "hexagon": ["8731a040affffff", "8731a0483ffffff"],
                "villages_count": [4, 2],
                "poverty_villages_count": [1, 2],
                "villages_with_care_count": [4, 0],
                "projects_count": [3, 0],
                "open_projects_count": [1, 0],
                **{f"gap_{g}_count": [2, 0] for g in INFRA_GAPS},
                "last_exit_year": [2018, pd.NA],
            }
        )
        deck = charts.hexagon_deck(
            cells, SHAPES, layer="gap_water", lang="en", highlight="130722"
        )
        layer = json.loads(deck.to_json())["layers"][1]
        assert layer["@@type"] == "PolygonLayer"
        ring = layer["data"][0]["g"]
        assert len(ring) == 6 and all(40 < lat < 43 for _, lat in ring)
        assert [r["t"] for r in layer["data"]] == ["50.0%", "0.0%"]
        legend = charts.hexagon_legend(cells, layer="gap_water", lang="en")
        assert legend["villages"].tolist() == [2, 0, 4, 0, 0]
        assert legend["label"].iloc[2] == "40–60%"

    def test_the_deck_fetches_nothing(self):
        deck = charts.village_deck(
            points(5), SHAPES, layer="care", lang="zh", highlight="130722"
        )
        text = deck.to_json()
        assert "mapbox" not in text.lower() and "carto" not in text.lower()
        assert deck.map_provider is None
        assert [layer["id"] for layer in json.loads(text)["layers"]] == [
            "counties",
            "villages",
        ]

    def test_the_selected_village_is_ringed(self):
        frame = points(5)
        deck = charts.village_deck(
            frame, SHAPES, layer="care", lang="zh", highlight="130722",
            selected=frame["code"].iloc[2],
        )  # fmt: skip
        layers = json.loads(deck.to_json())["layers"]
        assert layers[-1]["id"] == "selected"
        assert layers[-1]["data"][0]["code"] == frame["code"].iloc[2]


class TestLayers:
    @pytest.mark.parametrize("layer", charts.LAYERS)
    def test_every_village_has_one_legend_category(self, layer):
        frame = points(200)
        categories = charts.point_categories(frame, layer=layer)
        assert set(categories) <= set(charts.category_colours(layer))
        legend = charts.legend(frame, layer=layer, lang="en")
        assert legend["villages"].sum() == 200
        assert legend["label"].str.len().min() > 0

    def test_gap_layers_follow_their_flag(self):
        frame = points(50)
        lacks = charts.point_categories(frame, layer="gap_water") == "lacks"
        assert (lacks == frame["gap_water"]).all()

    def test_care_and_projects(self):
        frame = pd.DataFrame(
            {
                "clinics_count": [0, 1, 1],
                "qualified_doctors_count": [2, 0, 1],
                "projects_count": [0, 2, 1],
                "open_projects_count": [0, 0, 1],
            }
        )
        assert charts.point_categories(frame, layer="care").tolist() == [
            "care_no_clinic",
            "care_no_doctor",
            "care_full",
        ]
        assert charts.point_categories(frame, layer="projects").tolist() == [
            "projects_none",
            "projects_done",
            "projects_open",
        ]

    def test_an_unknown_layer_is_refused(self):
        with pytest.raises(ValueError, match="unknown map layer"):
            charts.layer_label("gap_moat", "zh")

    @pytest.mark.parametrize(
        ("layer", "zh", "en"),
        [
            ("gap_road", "缺硬化路", "Lacks a paved road"),
            ("exit_year", "出列年份", "Exit year"),
        ],
    )
    def test_labels(self, layer, zh, en):
        assert charts.layer_label(layer, "zh") == zh
        assert charts.layer_label(layer, "en") == en

    @pytest.mark.parametrize(
        ("kind", "zh", "en"),
        [
            ("points", "每个点是一个行政村", "Each dot is one administrative village"),
            ("hexagons", "H3", "H3 cell"),
            ("counties", "每个区块是一个县", "Each shape is a county"),
        ],
    )
    def test_the_caption_says_what_a_mark_is(self, kind, zh, en):
        caption = {
            lang: charts.mark_caption(
                kind, "gap_road", lang=lang, count=3000, resolution=6
            )
            for lang in ("zh", "en")
        }
        assert zh in caption["zh"] and en in caption["en"]
        assert "3,000" in caption["en"]
        if kind == "hexagons":
            assert "resolution 6, about 36.1 km²" in caption["en"]


class TestCountyMap:
    COUNTIES = pd.DataFrame(
        {
            "code": ["130722"],
            "villages_count": [4],
            "poverty_villages_count": [2],
            "last_exit_year": pd.array([2018], dtype="Int64"),
            "villages_with_care_count": [3],
            "projects_count": [7],
            "open_projects_count": [1],
            **{f"gap_{g}_count": [1] for g in INFRA_GAPS},
        }
    )

    @pytest.mark.parametrize(
        ("layer", "value"),
        [("status", 2), ("exit_year", 2018), ("care", 75.0), ("gap_road", 25.0)],
    )
    def test_values(self, layer, value):
        values = charts.county_layer_values(self.COUNTIES, layer=layer)
        assert float(values["value"].iloc[0]) == value

    def test_the_map_states_its_layer_and_unit(self):
        figure = charts.county_layer_map(
            self.COUNTIES, SHAPES, layer="gap_water", lang="en", national=False,
            highlight=None, source_note="Data: synthetic demo data.",
        )  # fmt: skip
        assert figure.layout.title.text == "Lacks safe piped water"
        colorbar = figure.data[0].colorbar.title.text
        assert colorbar == "% of villages"

    def test_no_villages_at_all(self):
        figure = charts.county_layer_map(
            self.COUNTIES.iloc[0:0], SHAPES, layer="status", lang="zh",
            national=False, highlight=None, source_note="",
        )  # fmt: skip
        # One trace, every county in the no-data grey.
        (trace,) = figure.data
        assert {colour for _, colour in trace.colorscale} == {"#d9d9d9"}


def matrix() -> pd.DataFrame:
    rows = pd.DataFrame(
        {
            "key": ["130100", "130700", "total"],
            "name_zh": ["石家庄市", "张家口市", "合计"],
            "name_en": ["Shijiazhuang", "Zhangjiakou", "Total"],
            "villages_count": [10, 30, 40],
        }
    )
    for gap in INFRA_GAPS:
        rows[f"gap_{gap}_count"] = [1, 3, 4]
        rows[f"gap_{gap}_pct"] = [10.0, 10.0, 10.0]
    rows["gap_water_count"] = [5, 3, 8]
    rows["gap_water_pct"] = [50.0, 10.0, 20.0]
    return rows


BENCHMARK = pd.Series({f"gap_{g}_pct": 12.0 for g in INFRA_GAPS})
TARGETS = infra_targets(Settings())


class TestGapMatrix:
    def test_shares_of_the_regions(self):
        table, keys = infra.matrix_table(matrix(), measure="pct", lang="en")
        assert keys == ["130100", "130700"]
        assert table["Region"].tolist() == ["Shijiazhuang", "Zhangjiakou"]
        assert table["Water"].tolist() == [50.0, 10.0]
        assert table["Villages"].tolist() == [10, 30]

    def test_counts(self):
        table, _ = infra.matrix_table(matrix(), measure="count", lang="zh")
        assert table["供水"].tolist() == [5, 3]

    def test_the_benchmarks_beside_the_total(self):
        table = infra.benchmark_table(
            matrix(), BENCHMARK, TARGETS, measure="pct", lang="en"
        )
        assert table["Region"].tolist() == [
            "Total",
            "National average",
            "Target (at most)",
        ]
        assert table["Water"].tolist() == ["20.0", "12.0", "15.0"]
        assert table["School"].iloc[-1] == "—"  # no target for schools
        counts = infra.benchmark_table(
            matrix(), BENCHMARK, TARGETS, measure="count", lang="en"
        )
        assert counts["Water"].tolist() == ["8"]

    def test_cells_above_the_national_average_are_tinted(self):
        table, _ = infra.matrix_table(matrix(), measure="pct", lang="en")
        styled = infra.matrix_styler(
            table, matrix(), BENCHMARK, lang="en", picked_gap="water"
        )
        styles = styled._compute().ctx
        water = list(table.columns).index("Water")
        tinted = {
            cell
            for cell, css in styles.items()
            if ("background-color", "#fde0dd") in css
        }
        assert tinted == {(0, water)}  # Shijiazhuang's 50 % against 12 %
        assert ("font-weight", "bold") in styles[(1, water)]

    def test_the_export_has_counts_and_shares(self):
        out = infra.export_table(matrix(), lang="en")
        assert "Lacking: Water (villages)" in out.columns
        assert out["Lacking: Water (%)"].tolist() == [50.0, 10.0, 20.0]

    def test_an_unknown_measure_is_refused(self):
        with pytest.raises(ValueError, match="unknown measure"):
            infra.matrix_table(matrix(), measure="x", lang="en")

    def test_row_names_leave_the_total_out(self):
        assert infra.row_names(matrix(), lang="zh") == {
            "130100": "石家庄市",
            "130700": "张家口市",
        }

    @pytest.mark.parametrize(("row", "water"), [("all", 20.0), ("130100", 50.0)])
    def test_row_shares(self, row, water):
        shares = infra.row_shares(matrix(), row)
        assert set(shares) == set(INFRA_GAPS) and shares["water"] == water

    def test_an_unknown_row_has_no_shares(self):
        assert infra.row_shares(matrix(), "999999") == {}


class TestCrossFilterCharts:
    def test_the_gap_chart_carries_its_gap_types(self):
        shares = {g: 10.0 for g in INFRA_GAPS}
        figure = infra.gap_chart(
            shares, BENCHMARK, TARGETS, region_name="河北省", picked="water",
            lang="zh", source_note="",
        )  # fmt: skip
        bars = figure.data[0]
        assert list(bars.customdata) == list(INFRA_GAPS)
        assert bars.marker.color[INFRA_GAPS.index("water")] != bars.marker.color[0]
        assert [trace.name for trace in figure.data] == [
            "本地区",
            "全国平均",
            "目标上限",
        ]

    def test_the_region_chart_carries_its_regions_worst_first(self):
        figure = infra.region_chart(
            matrix(), BENCHMARK, gap="water", picked_row="130700", lang="en",
            source_note="",
        )  # fmt: skip
        assert list(figure.data[0].customdata) == ["130100", "130700"]
        assert list(figure.data[0].text) == ["5/10", "3/30"]

    def test_empty_charts_say_so(self):
        figure = infra.region_chart(
            matrix().iloc[0:0], BENCHMARK, gap="road", picked_row=None, lang="en",
            source_note="",
        )  # fmt: skip
        assert "No data" in figure.layout.annotations[0].text


class TestTables:
    def test_the_village_list_hides_small_counts(self):
        rows = pd.DataFrame(
            {
                "code": ["1"],
                "name_zh": ["村"],
                "name_en": ["V"],
                "township_zh": ["乡"],
                "township_en": ["T"],
                "county_zh": ["县"],
                "county_en": ["C"],
                "poverty_village": [True],
                "households_count": pd.array([pd.NA], dtype="Int64"),
                "people_count": pd.array([pd.NA], dtype="Int64"),
                "remoteness_km": [12.34],
                **{f"gap_{g}": [g in ("road", "water")] for g in INFRA_GAPS},
            }
        )
        rows.attrs["suppressed_below"] = 5
        out = infra.villages_table(rows, gap="road", lang="en")
        assert out["Households"].tolist() == ["<5"]
        assert out["Also lacks"].tolist() == ["Water"]

    def test_household_tables_read_small_cells_as_below(self):
        rows = pd.DataFrame(
            {
                "key": ["illness", "disaster", "total"],
                "households_count": pd.array([20, pd.NA, pd.NA], dtype="Int64"),
                "people_count": pd.array([60, pd.NA, pd.NA], dtype="Int64"),
            }
        )
        rows.attrs["suppressed_below"] = 5
        out = tables.households_table(rows, by="cause", lang="zh")
        assert out.iloc[:, 0].tolist() == ["因病", "因灾", "合计"]
        assert out.iloc[:, 1].tolist() == ["20", "<5", "<5"]

    def test_profile_cards(self):
        facts = pd.Series(
            {
                "households_count": pd.NA,
                "people_count": 12,
                "poverty_village": True,
                "exit_year": 2018,
                "terrain": "mountain",
                "remoteness_km": 8.1,
            }
        )
        facts.attrs["suppressed_below"] = 5
        cards = dict(tables.profile_cards(facts, 1_500_000.0, lang="zh"))
        assert cards["户数"] == "<5"
        assert cards["贫困村"] == "是，2018 年出列"
        assert cards["地形"] == "山区"
        assert cards["到村项目资金"] == "150 万元"
