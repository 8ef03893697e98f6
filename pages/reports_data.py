"""The report basket and the rebuilding of its items (not a page itself).

A basket item says what it is, never what it showed: the page, the chart or table
(its export name, ``<page>-<item>``), the region, the year, the language and the
page's options from its URL. The basket lives in the session and in the Reports
page's URL (``?basket=...``), so a link restores it. An item is drawn again when a
report is made, always within the scope of whoever is looking: an item for a region
outside that scope is left out with a message, so a link never shows data its opener
may not see.

Items added in this session keep the function that drew them on their page (tagged
with the scope they were drawn for). Items restored from a link are drawn by a
recipe (pages/recipes_data.py); a chart or table without a recipe is named in the
report's messages and must be added again from its page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.evidence import evidence_pack
from charts.export import figure_image
from charts.i18n import code_label, t
from charts.report import (
    Figure,
    Heading,
    Paragraph,
    Report,
    Table,
    figure_caption,
    report_docx,
    report_file,
)
from loaders import JingzhunError, Scope, Settings
from loaders.queries import evidence
from loaders.queries.regions import COUNTRY, Region
from pages import common
from pages.recipes_data import View, find_recipe

BASKET_KEY = "jingzhun_report_basket"
BUILT_KEY = "jingzhun_report_built"
PROBLEMS_KEY = "jingzhun_report_problems"
URL_PARAM = "basket"
BASKET_LIMIT = 30
_DIGITS = "一二三四五六七八九"
# 一, 二, … 十, 十一, … 三十: section numbers of a report in Chinese.
CHINESE_NUMERALS = tuple(
    (f"{_DIGITS[n // 10 - 1]}十" if n >= 20 else "十" if n >= 10 else "")
    + (_DIGITS[n % 10 - 1] if n % 10 else "")
    for n in range(1, BASKET_LIMIT + 1)
)
# URL parameters that belong to the frame or to the Reports page, not to an item.
FRAME_PARAMS = ("lang", "region", "year", URL_PARAM, "rtitle", "topic")
# Codes, names and values in an item's token: nothing that could be markup or SQL.
SAFE = re.compile(r"^[A-Za-z0-9_.\-]{1,80}$")
KINDS = ("chart", "table")


@dataclass(frozen=True)
class BasketItem:
    """What one report item is: enough to draw it again, never its data."""

    page: str
    kind: str
    item: str
    region: str
    year: int
    lang: str
    options: tuple[tuple[str, str], ...] = ()

    def token(self) -> str:
        """The item as written in the URL:
        ``page:kind:item:region:year:lang[:key=value,key=value]``."""
        parts = [
            self.page,
            self.kind,
            self.item,
            self.region,
            str(self.year),
            self.lang,
        ]
        if self.options:
            parts.append(",".join(f"{k}={v}" for k, v in self.options))
        return ":".join(parts)

    @classmethod
    def parse(cls, token: str) -> BasketItem:
        """The item a URL token names; ValueError if it is not one."""
        parts = token.split(":")
        if len(parts) not in (6, 7):
            raise ValueError(token)
        page, kind, item, region, year, lang = parts[:6]
        options = []
        if len(parts) == 7 and parts[6]:
            for pair in parts[6].split(","):
                key, _, value = pair.partition("=")
                options.append((key, value))
        values = [page, item, region, year, *(v for pair in options for v in pair)]
        if (
            kind not in KINDS
            or lang not in ("zh", "en")
            or not year.isdigit()
            or not all(SAFE.match(v) for v in values)
        ):
            raise ValueError(token)
        return cls(page, kind, item, region, int(year), lang, tuple(options))

    def option(self, key: str, default: str | None = None) -> str | None:
        return dict(self.options).get(key, default)


@dataclass
class Built:
    """How an item added in this session is drawn again, and for which scope."""

    scope: Scope | None
    build: Callable[[], go.Figure | pd.DataFrame]
    title: str = ""


@dataclass(frozen=True)
class Drawn:
    """An item drawn again: a figure or a table, its title, where it comes from."""

    item: BasketItem
    title: str
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None


def encode(items: list[BasketItem]) -> str:
    return ";".join(item.token() for item in items)


def basket() -> list[BasketItem]:
    """This session's basket; on first use, the one in the URL the session opened
    with (what could not be read is kept for the Reports page to say)."""
    if BASKET_KEY not in st.session_state:
        raw = st.session_state.get(common.INITIAL_URL_KEY, {}).get(URL_PARAM, "")
        items, problems = decode(raw)
        st.session_state[BASKET_KEY] = items
        st.session_state[PROBLEMS_KEY] = problems
    return st.session_state[BASKET_KEY]


def decode(raw: str) -> tuple[list[BasketItem], list[JingzhunError]]:
    """The items of a URL value, and a message for each token that is not one."""
    items, problems = [], []
    for token in (part for part in raw.split(";") if part):
        try:
            item = BasketItem.parse(token)
        except ValueError:
            shown = token[:60]
            problems.append(
                JingzhunError(
                    t("report.bad_link", "zh", item=shown),
                    t("report.bad_link", "en", item=shown),
                )
            )
            continue
        if item not in items:
            items.append(item)
    if len(items) > BASKET_LIMIT:
        problems.append(
            JingzhunError(
                t("report.too_many", "zh", limit=BASKET_LIMIT),
                t("report.too_many", "en", limit=BASKET_LIMIT),
            )
        )
    return items[:BASKET_LIMIT], problems


def page_options() -> tuple[tuple[str, str], ...]:
    """The page's own URL parameters (its picks), as an item records them."""
    return tuple(
        (key, value)
        for key, value in sorted(st.query_params.to_dict().items())
        if key not in FRAME_PARAMS and SAFE.match(key) and SAFE.match(value)
    )


def add_button(
    container,
    *,
    name: str,
    kind: str,
    build: Callable[[], go.Figure | pd.DataFrame],
    title: str = "",
) -> None:
    """The "add to report" button of a chart or table (pages.common draws it)."""
    ctx = common.context()
    item = BasketItem(
        page=name.split("-", 1)[0],
        kind=kind,
        item=name,
        region=ctx.region.code,
        year=ctx.year,
        lang=ctx.lang,
        options=page_options(),
    )
    added = item in basket()
    container.button(
        t("report.added" if added else "report.add", ctx.lang),
        key=f"report_add_{kind}_{name}",
        help=t("report.add_help", ctx.lang),
        disabled=added or len(basket()) >= BASKET_LIMIT,
        on_click=_add,
        args=(item, Built(ctx.scope, build, title)),
        type="tertiary",
        icon=":material/playlist_add:",
    )


def _add(item: BasketItem, built: Built) -> None:
    if not built.title and item.kind == "chart":
        built.title = figure_caption(built.build())
    items = basket()
    if item not in items and len(items) < BASKET_LIMIT:
        items.append(item)
    st.session_state.setdefault(BUILT_KEY, {})[item.token()] = built


def move(index: int, step: int) -> None:
    items = basket()
    other = index + step
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]


def remove(index: int) -> None:
    items = basket()
    if 0 <= index < len(items):
        _forget(items.pop(index))


def clear() -> None:
    for item in basket():
        _forget(item)
    basket().clear()


def _forget(item: BasketItem) -> None:
    """Drop what drew a removed item (it holds the item's data frames)."""
    st.session_state.get(BUILT_KEY, {}).pop(item.token(), None)


def stored_title(item: BasketItem) -> str:
    built = st.session_state.get(BUILT_KEY, {}).get(item.token())
    return built.title if built else ""


def draw(item: BasketItem, scope: Scope | None, view_settings, info) -> Drawn:
    """The item drawn again for the viewer ``scope``. Raises JingzhunError when its
    region is outside the scope or it cannot be drawn from a link."""
    region = common.resolve_region(scope, item.region) if scope else None
    if region is None:
        raise JingzhunError("无权查看。", "No access.")
    built = st.session_state.get(BUILT_KEY, {}).get(item.token())
    if built is not None and built.scope == scope:
        made = built.build()
        title = built.title
    else:
        recipe, rest = find_recipe(item.item)
        if recipe is None:
            raise NotRebuildable(item)
        view = View(
            scope,
            region,
            item.year,
            item.lang,
            view_settings,
            info,
            dict(item.options),
            item.kind,
        )
        try:
            made = recipe(view, rest)
        except ValueError:  # a name the recipe does not know (a link made by hand)
            raise NotRebuildable(item) from None
        title = ""
        if isinstance(made, tuple):
            title, made = made
    if isinstance(made, go.Figure):
        return Drawn(item, title or figure_caption(made), figure=made)
    return Drawn(item, title or item.item, table=made)


class NotRebuildable(JingzhunError):
    def __init__(self, item: BasketItem):
        super().__init__(item.item, item.item)
        self.item = item


def item_label(item: BasketItem, lang: str) -> str:
    """How the basket lists an item: its title when this session drew it, else its
    name."""
    return stored_title(item) or item.item


def region_label(item: BasketItem) -> Region:
    """The item's region, for its name only (geography, not data); the country
    when the code is unknown."""
    try:
        return common.resolve_region(common.ADMIN, item.region)
    except JingzhunError:
        return COUNTRY


def page_label(page: str, lang: str) -> str:
    try:
        return t(f"page.{page}", lang)
    except KeyError:
        return page


def item_filters(item: BasketItem, region: Region, lang: str) -> str:
    """The item's region, year and options in words."""
    parts = [region.name(lang), str(item.year)]
    parts += [f"{key}={value}" for key, value in item.options if value != "all"]
    return ", ".join(parts)


def report_date(lang: str, today) -> str:
    if lang == "en":
        return f"{today.day} {today:%B %Y}"
    return f"{today.year}年{today.month}月{today.day}日"


def make_report(
    items: list[BasketItem],
    *,
    ctx: common.Context,
    title: str,
    fmt: str,
    progress: Callable[[int, int, str], None] = lambda n, total, label: None,
) -> tuple[bytes, list[str]]:
    """The basket as one report file in ``fmt``, every item drawn again within the
    viewer's scope; and a message for each item left out."""
    import datetime as dt

    lang, blocks, problems, regions = ctx.lang, [], [], []
    sections, page = 0, None
    for n, item in enumerate(items, 1):
        progress(n, len(items), item_label(item, lang))
        try:
            drawn = draw(item, ctx.scope, ctx.settings, ctx.info)
        except NotRebuildable:
            problems.append(t("report.not_rebuildable", lang, n=n, label=item.item))
            continue
        except JingzhunError:
            problems.append(t("report.outside_scope", lang, n=n))
            continue
        if item.page != page:  # a heading wherever the items change page
            sections, page = sections + 1, item.page
            label = page_label(page, lang)
            number = CHINESE_NUMERALS[sections - 1] if lang == "zh" else sections
            blocks.append(Heading(t("report.section", lang, n=number, page=label)))
        region = common.resolve_region(ctx.scope, item.region)
        filters = item_filters(item, region, lang)
        regions.append(f"{region.name(lang)} {item.year}")
        source = t(
            "report.source", lang, page=page_label(item.page, lang), filters=filters
        )
        if drawn.figure is not None:
            try:
                image = figure_image(drawn.figure)
            except Exception as error:  # the exporter's browser: missing or broken
                problems.append(t("report.figure_failed", lang, error=error))
                blocks.append(Paragraph(f"{drawn.title}: {problems[-1]}"))
                continue
            blocks.append(Figure(image, drawn.title, source))
        else:
            blocks.append(Table(drawn.table, drawn.title, source))
    filters = "; ".join(dict.fromkeys(regions)) or common.view_filters(ctx)
    report = Report(
        title=title,
        date=report_date(lang, dt.date.today()),
        blocks=tuple(blocks),
        provenance=common.provenance(ctx, filters),
    )
    try:
        return report_file(report, fmt), problems
    except FileNotFoundError as error:  # no CJK font for the PDF
        raise JingzhunError(
            f"无法生成 PDF：缺少中文字体（{error}）。",
            f"Cannot write the PDF: no Chinese font ({error}).",
        ) from error


# The CPPCC evidence pack.


@st.cache_data(show_spinner=False, max_entries=64)
def pack_evidence(
    scope: Scope | None,
    region: Region,
    topic: str,
    year: int,
    config: Settings,
    as_of,
) -> evidence.Evidence:
    return evidence.evidence(
        common.database(), scope, region, topic, year, config, as_of
    )


def make_pack(ctx: common.Context, topic: str) -> bytes:
    """The evidence pack for the view's region and year as a Word file."""
    import datetime as dt

    lang, scope, region = ctx.lang, ctx.scope, ctx.region
    found = pack_evidence(scope, region, topic, ctx.year, ctx.settings, ctx.as_of)
    name_col = "name_en" if lang == "en" else "name_zh"
    names = {}
    for level in {found.gap_level, found.peer_level} - {None}:
        frame = common.region_names(scope, level)
        names.update(zip(frame["code"], frame[name_col], strict=True))
    names[region.code] = region.name(lang)
    scope_region = common.resolve_region(common.ADMIN, scope.region_code)
    scope_text = f"{code_label('role', scope.role, lang)} · {scope_region.name(lang)}"
    report = evidence_pack(
        found,
        names,
        lang=lang,
        as_of=str(ctx.as_of),
        scope_text=scope_text,
        provenance=common.provenance(ctx, common.view_filters(ctx)),
        date=report_date(lang, dt.date.today()),
        chart_image=figure_image,
    )
    return report_docx(report)
