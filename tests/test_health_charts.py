"""Health coverage charts and tables on small hand-made frames: traces, titles,
units, labels in both languages, empty frames and suppressed counts."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from charts import health as charts
from charts import health_tables as tables
from charts.overview import parse_map_shapes

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[110, 30], [111, 30], [111, 31], [110, 31], [110, 30]]],
}


def summary(**changes) -> pd.Series:
    base = {
        "villages_count": 10,
        "population_count": 9000,
        "villages_with_clinic_count": 9,
        "villages_with_doctor_count": 8,
        "villages_compliant_count": 8,
        "clinics_without_doctor_count": 1,
        "townships_count": 4,
        "townships_compliant_count": 4,
        "poor_counties_count": 1,
        "poor_counties_compliant_count": 0,
    }
    base.update(changes)
    for key, whole in (
        ("villages_compliant", "villages_count"),
        ("villages_with_clinic", "villages_count"),
        ("villages_with_doctor", "villages_count"),
        ("townships_compliant", "townships_count"),
        ("poor_counties_compliant", "poor_counties_count"),
    ):
        part, total = base[f"{key}_count"], base[whole]
        base[f"{key}_pct"] = 100.0 * part / total if total else np.nan
    return pd.Series(base)


class TestCompliance:
    @pytest.mark.parametrize(
        ("lang", "title", "label"),
        [
            ("zh", "各级达标率（%）", "有村卫生室的村"),
            ("en", "Meeting the targets, by level (%)", "Villages with a clinic"),
        ],
    )
    def test_one_bar_per_target_with_counts(self, lang, title, label):
        figure = charts.compliance_chart(summary(), lang=lang, source_note="note")
        assert figure.layout.title.text == title
        bar = figure.data[0]
        assert bar.y[0] == label
        assert list(bar.x) == [90.0, 80.0, 80.0, 100.0, 0.0]
        assert "9 / 10" in bar.text[0]

    def test_levels_without_units_are_left_out(self):
        figure = charts.compliance_chart(
            summary(poor_counties_count=0, poor_counties_compliant_count=0),
            lang="en",
            source_note="",
        )
        assert len(figure.data[0].y) == 4

    def test_an_empty_region_says_so(self):
        empty = summary(villages_count=0, townships_count=0, poor_counties_count=0)
        figure = charts.compliance_chart(empty, lang="en", source_note="")
        assert not figure.data
        assert "no villages" in figure.layout.annotations[0].text

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            ({}, False),
            (
                {
                    "villages_compliant_count": 10,
                    "poor_counties_compliant_count": 1,
                },
                True,
            ),
            ({"villages_count": 0, "villages_compliant_count": 0}, False),
        ],
    )
    def test_everything_compliant(self, changes, expected):
        assert tables.everything_compliant(summary(**changes)) is expected

    def test_cards_show_the_share_and_the_counts(self):
        cards = tables.compliance_cards(summary(), lang="zh")
        assert cards[0] == ("卫生室和村医均达标的村", "80.0%", "8 / 10")
        # One of the nine clinics has no qualified doctor.
        assert cards[-1] == ("无合格村医的卫生室", "1", "11.1%")


def map_shapes():
    counties = pd.DataFrame(
        {
            "code": ["1", "2"],
            "name_zh": ["甲县", "乙县"],
            "name_en": ["Jia", "Yi"],
            "geojson": [json.dumps(SQUARE)] * 2,
        }
    )
    outlines = pd.DataFrame(
        {"code": ["10"], "level": ["province"], "geojson": [json.dumps(SQUARE)]}
    )
    return parse_map_shapes(counties, outlines)


class TestMap:
    def counties(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "code": ["1"],
                **{measure: [55.0] for measure in charts.MAP_MEASURES},
                "county_hospital_ok": [True],
            }
        )

    @pytest.mark.parametrize(
        ("lang", "unit"),
        [
            ("zh", "村卫生室和村医达标率（%）"),
            ("en", "Villages meeting the clinic-and-doctor target (%)"),
        ],
    )
    def test_counties_coloured_with_the_unit(self, lang, unit):
        figure = charts.health_map(
            self.counties(),
            map_shapes(),
            measure="health_village_compliant_pct",
            lang=lang,
            national=False,
            highlight=None,
            source_note="note",
        )
        assert list(figure.data[0].locations) == ["1"]
        assert figure.data[0].colorbar.title.text == unit
        assert list(figure.data[1].locations) == ["2"]  # no villages: grey

    def test_sites_are_markers_without_map_text(self):
        sites = pd.DataFrame(
            {
                "rank": [1, 2],
                "lon": [110.2, 110.7],
                "lat": [30.2, 30.7],
                "name_zh": ["甲村", "<b>乙村</b>"],
                "name_en": ["Jia", "Yi"],
            }
        )
        figure = charts.health_map(
            self.counties(),
            map_shapes(),
            measure="health_near_clinic_pct",
            lang="zh",
            national=False,
            highlight=None,
            source_note="",
            sites=sites,
        )
        points = [d for d in figure.data if isinstance(d, go.Scattermap)]
        points = [p for p in points if p.name == "建议布点"]
        assert len(points) == 1
        # Text on a MapLibre map would fetch glyphs from a font server.
        assert points[0].mode == "markers"
        assert list(points[0].lon) == [110.2, 110.7]
        assert "<b>" not in points[0].hovertext[1]

    def test_an_unknown_measure_is_refused(self):
        with pytest.raises(ValueError, match="poverty"):
            charts.health_map(
                self.counties(),
                map_shapes(),
                measure="poverty",
                lang="en",
                national=False,
                highlight=None,
                source_note="",
            )


def access_frame() -> pd.DataFrame:
    rows = []
    for code, name, population in (("1", "甲", 1000), ("2", "乙", 3000)):
        for kind in tables.FACILITY_KINDS:
            for radius, near in ((5.0, 500), (10.0, 800), (20.0, 1000)):
                rows.append(
                    {
                        "code": code,
                        "name_zh": name,
                        "name_en": f"R{code}",
                        "kind": kind,
                        "radius_km": radius,
                        "near_count": near,
                        "population_count": population,
                        "mean_km": 4.0,
                    }
                )
    frame = pd.DataFrame(rows)
    frame["near_pct"] = 100.0 * frame["near_count"] / frame["population_count"]
    return frame


class TestAccess:
    def test_one_bar_per_radius_largest_region_first(self):
        figure = charts.access_chart(
            access_frame(), kind="village_clinic", lang="en", source_note=""
        )
        assert [bar.name for bar in figure.data] == [
            "within 5 km",
            "within 10 km",
            "within 20 km",
        ]
        assert list(figure.data[0].y) == ["R2", "R1"]
        assert "village clinic" in figure.layout.title.text

    def test_no_rows_is_an_empty_figure(self):
        figure = charts.access_chart(
            access_frame().iloc[0:0], kind="village_clinic", lang="zh", source_note=""
        )
        assert not figure.data

    def test_the_table_is_wide_with_one_column_per_radius(self):
        table = tables.access_table(access_frame(), lang="zh")
        assert len(table) == 6
        assert "5 公里内人口占比（%）" in table.columns
        assert "20 公里内人口占比（%）" in table.columns

    def test_cards_state_each_radius_and_the_mean_distances(self):
        from loaders.queries.health import access_total

        cards = tables.access_cards(access_total(access_frame()), lang="en")
        assert cards[0] == ("Clinic within 5 km", "25.0%")
        assert cards[3] == ("Mean km to village clinic", "4.0 km")


def costs_frame(**changes) -> pd.DataFrame:
    base = {
        "year": [2024, 2025],
        "households_count": [100, 80],
        "serious_count": [10, 8],
        "catastrophic_count": [12, 6],
        "total_yuan": [2_000_000.0, 1_600_000.0],
        "insurance_yuan": [1_200_000.0, 1_000_000.0],
        "aid_yuan": [300_000.0, 200_000.0],
        "oop_yuan": [500_000.0, 400_000.0],
        "total_per_household_yuan": [20_000.0, 20_000.0],
        "oop_per_household_yuan": [5_000.0, 5_000.0],
        "oop_share_pct": [25.0, 25.0],
        "catastrophic_pct": [12.0, 7.5],
    }
    base.update(changes)
    return pd.DataFrame(base)


class TestCosts:
    @pytest.mark.parametrize(
        ("lang", "title"),
        [
            ("zh", "医疗费用及支付方（万元）"),
            ("en", "Medical costs by payer (¥ million)"),
        ],
    )
    def test_stacked_by_payer_with_the_unit(self, lang, title):
        figure = charts.costs_chart(costs_frame(), lang=lang, source_note="")
        assert figure.layout.title.text == title
        assert figure.layout.barmode == "stack"
        assert len(figure.data) == 3

    def test_no_costs(self):
        figure = charts.costs_chart(costs_frame().iloc[0:0], lang="en", source_note="")
        assert not figure.data

    def test_cards_of_one_year(self):
        cards = tables.cost_cards(costs_frame().iloc[1], below=None, lang="en")
        values = dict(cards)
        assert values["Households with costs"] == "80"
        assert values["Reimbursed"] == "75.0%"
        assert values["Catastrophic costs"] == "6 · 7.5%"

    def test_suppressed_counts_read_below_the_threshold(self):
        frame = costs_frame(
            households_count=pd.array([100, pd.NA], dtype="Int64"),
            catastrophic_count=pd.array([12, pd.NA], dtype="Int64"),
            catastrophic_pct=[12.0, np.nan],
            oop_per_household_yuan=[5000.0, np.nan],
            total_per_household_yuan=[20000.0, np.nan],
        )
        frame.attrs["suppressed_below"] = 5
        values = dict(tables.cost_cards(frame.iloc[1], below=5, lang="zh"))
        assert values["有医疗费用的因病致贫户"] == "<5"
        assert values["户均个人自付"] == "—"
        table = tables.costs_table(frame, lang="zh")
        assert table["有费用户数（户）"].tolist() == ["100", "<5"]


class TestIllnessAndSiting:
    def test_illness_by_care_two_bars(self):
        frame = pd.DataFrame(
            {
                "compliant": [False, True],
                "villages_count": [3, 7],
                "registered_count": [100, 400],
                "illness_count": [50, 160],
                "illness_share_pct": [50.0, 40.0],
            }
        )
        figure = charts.illness_by_care_chart(frame, lang="en", source_note="")
        assert list(figure.data[0].x) == [
            "villages missing it",
            "villages meeting the target",
        ]
        assert list(figure.data[0].y) == [50.0, 40.0]

    def test_coverage_starts_before_the_first_site(self):
        picks = pd.DataFrame({"covered_after_pct": [90.0, 95.0]})
        outcome = pd.Series(
            {"population_count": 100.0, "covered_before_pct": 80.0, "radius_km": 5.0}
        )
        figure = charts.coverage_chart(
            picks, summary=outcome, lang="zh", source_note=""
        )
        assert list(figure.data[0].x) == [0, 1, 2]
        assert list(figure.data[0].y) == [80.0, 90.0, 95.0]
        assert "5 公里" in figure.layout.title.text

    def test_the_siting_table_names_the_action(self):
        picks = pd.DataFrame(
            {
                "rank": [1],
                "code": ["v1"],
                "name_zh": ["甲村"],
                "name_en": ["Jia"],
                "county_zh": ["甲县"],
                "county_en": ["Jia County"],
                "action": ["doctor"],
                "population": [800],
                "gain_count": [1200],
                "covered_after_pct": [97.123],
            }
        )
        table = tables.siting_table(picks, lang="en")
        assert table["action"].tolist() == ["qualified doctor"]
        assert table["covered after (%)"].tolist() == [97.12]
