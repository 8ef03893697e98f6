"""Trend lines: traces, hover text, units, empty frames."""

import pandas as pd
import pytest

from charts.trends import trend_line


@pytest.fixture
def poor() -> pd.DataFrame:
    """Return two series over three years, rows deliberately out of order."""
    return pd.DataFrame(
        {
            "year": [2016, 2015, 2017, 2015, 2016, 2017],
            "people": [4335.0, 5575.0, 3046.0, 100.0, 80.0, 60.0],
            "series": [
                "全国",
                "全国",
                "全国",
                "<i>样本</i>",
                "<i>样本</i>",
                "<i>样本</i>",
            ],
        }
    )


class TestHover:
    def test_hover_uses_the_label_column(self, poor: pd.DataFrame) -> None:
        national = poor[poor["series"] == "全国"].assign(
            label=["4,335 万人", "5,575 万人", "<b>3,046</b> 万人"]
        )
        (line,) = trend_line(
            national, x="year", y="people", title="t", y_title="y"
        ).data

        assert list(line.hovertext) == [
            "2015: 5,575 万人",
            "2016: 4,335 万人",
            "2017: &lt;b&gt;3,046&lt;/b&gt; 万人",
        ]

    def test_hover_formats_the_value_without_a_label(self, poor: pd.DataFrame) -> None:
        (line,) = trend_line(
            poor.head(3), x="year", y="people", title="t", y_title="y"
        ).data

        assert line.hovertext[0] == "2015: 5,575"

    def test_missing_column_is_named(self, poor: pd.DataFrame) -> None:
        with pytest.raises(ValueError, match=r"no column \['households'\]"):
            trend_line(poor, x="year", y="households", title="t", y_title="y")


class TestTrendLine:
    def test_one_trace_per_series_with_escaped_names(self, poor: pd.DataFrame) -> None:
        figure = trend_line(
            poor,
            x="year",
            y="people",
            title="贫困人口",
            y_title="贫困人口（万人）",
            series="series",
        )

        assert [line.name for line in figure.data] == [
            "全国",
            "&lt;i&gt;样本&lt;/i&gt;",
        ]
        assert [list(line.x) for line in figure.data] == [[2015, 2016, 2017]] * 2
        assert figure.layout.showlegend is True

    def test_title_unit_and_year_axis(self, poor: pd.DataFrame) -> None:
        figure = trend_line(
            poor.head(3), x="year", y="people", title="贫困人口", y_title="万人"
        )

        assert figure.layout.title.text == "贫困人口"
        assert figure.layout.yaxis.title.text == "万人"
        # No SI suffixes ("4.3k") and no thousands separator in years ("2,016").
        assert figure.layout.yaxis.exponentformat == "none"
        assert figure.layout.xaxis.tickformat == "d"
        assert figure.layout.showlegend is False
        assert [line.name for line in figure.data] == ["万人"]

    def test_source_note_sits_under_the_chart(self, poor: pd.DataFrame) -> None:
        figure = trend_line(
            poor, x="year", y="people", title="t", y_title="u", source_note="合成数据"
        )

        assert [note.text for note in figure.layout.annotations] == ["合成数据"]

    def test_dates_on_x_are_not_forced_to_integers(self) -> None:
        monthly = pd.DataFrame(
            {"month": pd.to_datetime(["2021-01-01", "2021-02-01"]), "rate": [1.0, 2.0]}
        )
        figure = trend_line(monthly, x="month", y="rate", title="t", y_title="%")

        assert figure.layout.xaxis.tickformat is None
        assert figure.data[0].hovertext[0] == "2021-01-01: 1"

    def test_empty_frame_keeps_the_title(self, poor: pd.DataFrame) -> None:
        figure = trend_line(
            poor.head(0),
            x="year",
            y="people",
            title="贫困人口",
            y_title="万人",
            series="series",
            empty_text="无数据",
        )

        assert figure.data == ()
        assert figure.layout.title.text == "贫困人口"
        assert figure.layout.annotations[0].text == "无数据"

    def test_missing_series_column_is_named(self, poor: pd.DataFrame) -> None:
        with pytest.raises(ValueError, match=r"no column \['region'\]"):
            trend_line(
                poor, x="year", y="people", title="t", y_title="u", series="region"
            )
