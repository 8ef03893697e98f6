"""Meta-tests that keep the registries honest: labels, metrics, pages."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from charts.i18n import CODES, TEXT, code_label, t
from charts.metrics import METRICS, metric
from charts.numbers import KINDS
from loaders.queries.overview import MAP_INDICATORS, WORSE_WHEN_HIGHER

ROOT = Path(__file__).resolve().parents[1]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_label_exists_in_both_languages_with_the_same_placeholders(key):
    zh, en = TEXT[key]
    assert zh.strip() and en.strip()
    assert placeholders(zh) == placeholders(en)


@pytest.mark.parametrize("key", sorted(METRICS))
def test_every_metric_has_labels_a_kind_and_units(key):
    spec = metric(key)
    assert spec.zh and spec.en
    assert spec.kind in KINDS
    assert bool(spec.unit_zh) == bool(spec.unit_en)
    assert spec.title("zh") and spec.title("en")


@pytest.mark.parametrize("key", MAP_INDICATORS + tuple(WORSE_WHEN_HIGHER))
def test_every_indicator_the_loaders_answer_is_a_registered_metric(key):
    assert key in METRICS
    assert metric(key).describe("zh") and metric(key).describe("en")


def test_an_unknown_metric_names_the_known_ones():
    with pytest.raises(KeyError, match="poor_people_count"):
        metric("wellbeing")


def test_an_unknown_label_says_where_to_add_it():
    with pytest.raises(KeyError, match="charts.i18n.TEXT"):
        t("no.such.label", "zh")


def test_code_labels_fall_back_to_the_code():
    assert code_label("scale", "demo", "zh") == "演示"
    assert code_label("scale", "galactic", "en") == "galactic"
    assert all(zh and en for kind in CODES.values() for zh, en in kind.values())


def used_label_keys() -> set[str]:
    keys = set()
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("charts/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                keys.add(node.args[0].value)
    return keys


def test_every_label_the_code_asks_for_exists():
    assert used_label_keys() <= set(TEXT)


def test_every_page_file_is_in_the_navigation_and_has_a_test():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    tests = "".join(
        path.read_text(encoding="utf-8") for path in ROOT.glob("tests/test_*.py")
    )
    pages = {p.stem for p in ROOT.glob("pages/*.py")} - {"__init__", "common"}
    pages -= {p.stem for p in ROOT.glob("pages/*_data.py")}  # cached wrappers
    for page in pages:
        assert re.search(rf'\("{page}", "page\.{page}",', app), page
        # The default page opens without switching; test_app.py covers it.
        assert page == "overview" or f'"pages" / "{page}.py"' in tests, page
