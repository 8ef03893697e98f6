"""The Households page's figures, from hand-made frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from charts.households import what_if_curve

# Households by income bin of 100 yuan: 10 under 100 yuan, 3 under 200, 40 under 300.
BINS = pd.DataFrame({"bin": [0, 1, 2], "households": [10, 3, 40]})


def curve(line: float, current: float, hidden: int | None = None, lang: str = "en"):
    return what_if_curve(
        BINS, line, current, hidden, lang=lang, source_note="test", bin_yuan=100
    )


def labels(figure) -> dict[str, tuple[float, str]]:
    """Annotation text → (x, which side of its line it sits on)."""
    return {
        a.text.split()[0]: (a.x, "right" if a.xanchor == "left" else "left")
        for a in figure.layout.annotations
    }


@pytest.mark.parametrize(
    ("line", "current", "chosen_side", "current_side"),
    [
        (7000, 6000, "right", "left"),  # the higher line's label goes right
        (5000, 6000, "left", "right"),
        (6000, 6000, "right", "left"),  # the same line: one label each side
    ],
)
def test_the_two_line_labels_point_away_from_each_other(
    line, current, chosen_side, current_side
):
    found = labels(curve(line, current))
    assert found["chosen"] == (line, chosen_side)
    assert found["current"] == (current, current_side)


def test_households_under_each_line_and_small_totals_hidden():
    # Under 0 yuan nobody, under 100 the first bin, under 200 the first two.
    assert list(curve(250, 200).data[0].y) == [0, 10, 13]
    # In public a total under the threshold is left out; none is not a small total.
    public = list(curve(250, 200, hidden=11).data[0].y)
    assert public[0] == 0 and math.isnan(public[1]) and public[2] == 13
