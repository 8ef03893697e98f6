"""What every page shares: the view context, cached queries, the one error renderer.

The cached wrappers take the viewer's scope as an argument, so two viewers with
different scopes never share a cached result (DESIGN.md §7).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.export import (
    FIGURE_FORMATS,
    MIME_TYPES,
    Provenance,
    figure_file,
    table_xlsx,
)
from charts.i18n import t
from charts.maps import feature_collection_json
from charts.overview import MapShapes, county_indicator_map, parse_map_shapes
from charts.tables import to_csv_bytes
from loaders import (
    PUBLIC,
    JingzhunError,
    Scope,
    Settings,
    load_settings,
    open_database,
)
from loaders.accounts import SignInError, User, UserStore, oidc_user
from loaders.audit import AuditLog
from loaders.db import Database
from loaders.queries import catalog, overview, regions
from loaders.queries.regions import COUNTRY, Region, map_extent

CONTEXT_KEY = "jingzhun_context"
# Looks region names up without limits: for labels, never to fetch data.
ADMIN = Scope("admin")
INITIAL_URL_KEY = "jingzhun_initial_url"
# URL widgets seen this session, state key → URL parameter (see page_tabs).
URL_STATE_KEY = "jingzhun_url_state"
# Tabs seen this session, key → tab names: what a visit of every tab goes through.
TABS_KEY = "jingzhun_tabs"


@dataclass(frozen=True)
class Context:
    """The view every page renders: language, who is looking, where and when."""

    lang: str
    scope: Scope | None
    region: Region
    year: int
    settings: Settings
    info: dict
    user: User | None = None

    @property
    def as_of(self) -> dt.date:
        return self.info["as_of"]


def context() -> Context:
    """The context app.py set for this run."""
    if CONTEXT_KEY not in st.session_state:
        _rerun_through_the_frame()
    return st.session_state[CONTEXT_KEY]


def _rerun_through_the_frame() -> NoReturn:
    # Streamlit (seen in 1.67) serves the first request of a server process in its
    # old multipage mode whenever a pages/ folder sits beside the entry script: a deep
    # link such as /data then runs the page file alone, without app.py. st.navigation
    # switches that mode off for good; do the same here and rerun, so app.py draws the
    # frame and resolves the page. Later requests never come this way.
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()


def database() -> Database:
    """The process-wide read-only connection to the current version of the dataset.

    An import swaps a new version in under the same file name. The first run that
    notices opens the new version and empties the data caches of this process;
    runs already holding the old connection finish on it undisturbed (it closes
    when the last of them lets go)."""
    db = _database()
    if not db.is_current():
        _database.clear()
        st.cache_data.clear()
        db = _database()
    return db


@st.cache_resource(show_spinner=False)
def _database() -> Database:
    return open_database()


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    """Settings are read once per process; restart the app after editing the file."""
    return load_settings()


# Who is signed in. Only this module writes these keys, from a checked password or a
# provider-verified identity; nothing in the browser can set them.
USER_KEY = "jingzhun_user"
SEEN_KEY = "jingzhun_last_seen"


@st.cache_resource(show_spinner=False)
def user_store() -> UserStore:
    return UserStore()


@st.cache_resource(show_spinner=False)
def audit_log() -> AuditLog:
    return AuditLog()


def client_address() -> str:
    """The browser's address as the server sees it (for the sign-in rate limit)."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else "unknown"


def oidc_configured() -> bool:
    """Whether ``.streamlit/secrets.toml`` names an OIDC provider (an [auth] table)."""
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def current_user(config: Settings) -> tuple[User | None, list[JingzhunError]]:
    """The account signed in to this session, if any, and what ended a sign-in.

    The account is read again from the users file on every run, so a role or region
    changed by an administrator, or a disabled account, takes effect at the next
    click. A session idle for longer than the timeout is signed out; so is an OIDC
    identity whose ID token has expired.
    """
    notes: list[JingzhunError] = []
    now = time.time()
    user: User | None = st.session_state.get(USER_KEY)
    idle = now - st.session_state.get(SEEN_KEY, now)
    if user is not None and idle > config.session_timeout_minutes * 60:
        notes.append(
            JingzhunError(
                f"您已 {config.session_timeout_minutes} 分钟未操作，已自动退出登录。",
                f"Signed out after {config.session_timeout_minutes} minutes without "
                "activity.",
            )
        )
        sign_out()
        user = None
        if oidc_configured() and st.user.is_logged_in:
            st.logout()  # else the provider's cookie would sign the session back in
    elif user is not None:
        fresh = user_store().get(user.username)
        user = fresh if fresh is not None and not fresh.disabled else None
        if user is None:
            sign_out()
    if user is None and oidc_configured() and st.user.is_logged_in and not notes:
        try:
            user = oidc_user(
                user_store(), audit_log(), st.user.to_dict(), client=client_address()
            )
        except SignInError as error:
            notes.append(error)
            st.logout()
        else:
            audit_log().record_sign_in(user.username, client_address(), True, "oidc")
            sign_in(user)
    st.session_state[SEEN_KEY] = now
    return user, notes


def sign_in(user: User) -> None:
    """Start a signed-in session: the filters move to the account's region."""
    st.session_state[USER_KEY] = user
    st.session_state[SEEN_KEY] = time.time()
    set_region_filters(resolve_region(user.scope, user.region_code))


def sign_out() -> None:
    """End the signed-in session and forget every view state tied to it."""
    for key in (USER_KEY, UNMASKED_KEY):
        st.session_state.pop(key, None)
    set_region_filters(COUNTRY)


def viewer_scope(user: User | None, config: Settings) -> Scope | None:
    """The scope every query of this run uses: the account's, else the public one
    where the deployment allows visitors, else none (every query returns nothing)."""
    if user is not None:
        return user.scope
    return PUBLIC if config.public_access else None


# An auditor's unmasked record, shown in the run that asked for it and then dropped.
UNMASKED_KEY = "jingzhun_unmasked"


@st.cache_data(show_spinner=False)
def dataset_info() -> dict:
    return catalog.dataset_info(database())


@st.cache_data(show_spinner=False, max_entries=512)
def resolve_region(scope: Scope, code: str | None) -> Region:
    return regions.resolve_region(database(), scope, code)


@st.cache_data(show_spinner=False, max_entries=512)
def child_regions(scope: Scope, parent: Region) -> pd.DataFrame:
    return regions.child_regions(database(), scope, parent)


@st.cache_data(show_spinner=False, max_entries=512)
def counties_within(scope: Scope, region: Region) -> pd.DataFrame:
    return regions.counties_within(database(), scope, region)


@st.cache_data(show_spinner=False, max_entries=256)
def headline_series(scope: Scope, region: Region, config: Settings) -> pd.DataFrame:
    return overview.headline_series(database(), scope, region, config)


@st.cache_data(show_spinner=False, max_entries=256)
def current_facts(
    scope: Scope, region: Region, config: Settings, as_of: dt.date
) -> pd.Series:
    return overview.current_facts(database(), scope, region, config, as_of)


@st.cache_data(show_spinner=False, max_entries=256)
def county_indicator(
    scope: Scope, extent: Region, indicator: str, year: int, config: Settings
) -> pd.DataFrame:
    return overview.county_indicator(database(), scope, extent, indicator, year, config)


@st.cache_data(show_spinner=False, max_entries=256)
def worst_regions(
    scope: Scope, region: Region, year: int, config: Settings
) -> dict[str, pd.DataFrame]:
    return overview.worst_regions(database(), scope, region, year, config)


STATIC_DIR = Path(__file__).resolve().parents[1] / "static"


@st.cache_resource(show_spinner=False, max_entries=64)
def map_geojson_url(extent: Region) -> str | None:
    """Serve one extent's county shapes as a static file and return its URL, so each
    map redraw sends values only; None (shapes go inline) if the file cannot be
    written. The name changes with the dataset, so browsers never keep stale shapes."""
    info = dataset_info()
    token = hashlib.sha1(
        f"{info['built_at']}|{info['boundary_source']}|{extent.code}".encode()
    ).hexdigest()[:12]
    name = f"geo/counties-{extent.code}-{token}.geojson"
    path = STATIC_DIR / name
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = path.with_suffix(f".{os.getpid()}.tmp")
            temp.write_text(feature_collection_json(map_shapes(extent).counties))
            os.replace(temp, path)
            # Shapes of earlier builds of the dataset are never asked for again.
            for stale in path.parent.glob(f"counties-{extent.code}-*.geojson"):
                if stale != path:
                    stale.unlink(missing_ok=True)
    except OSError:
        return None
    base = st.get_option("server.baseUrlPath").strip("/")
    return f"/{base}/app/static/{name}" if base else f"/app/static/{name}"


@st.cache_resource(show_spinner=False, max_entries=64)
def map_shapes(extent: Region) -> MapShapes:
    """Parsed boundaries of one map extent, shared read-only by every session (public
    geography: nothing in it depends on the viewer's scope)."""
    db = database()
    return parse_map_shapes(
        regions.county_shapes(db, extent), regions.outline_shapes(db)
    )


@st.cache_data(show_spinner=False, max_entries=128)
def county_map_figure(
    scope: Scope,
    region: Region,
    indicator: str,
    year: int,
    lang: str,
    note: str,
    config: Settings,
    printable: bool = False,
):
    """The county map for a view: counties of the region's extent coloured by the
    indicator, the region outlined. Cached whole: building it is the costly part of
    a redraw (~0.15 s for the national map). The page's map loads its shapes from
    the app; a ``printable`` one carries them, for an exporter that cannot reach
    the app."""
    extent = map_extent(region)
    return county_indicator_map(
        county_indicator(scope, extent, indicator, year, config),
        map_shapes(extent),
        indicator=indicator,
        year=year,
        lang=lang,
        national=extent.level == "country",
        highlight=region.code if region.level == "county" else None,
        source_note=note,
        geojson_url=None if printable else map_geojson_url(extent),
    )


def figure(
    chart: Callable[..., go.Figure], frame: pd.DataFrame, **options
) -> go.Figure:
    """``chart(frame, **options)``, built once per frame and options. Building plotly
    figures is most of a cached rerun (a Sankey: 50 ms), and st.cache_data would
    unpickle a fresh copy each time (half of that again)."""
    return _built_figure(
        f"{chart.__module__}.{chart.__qualname__}", chart, frame, options
    )


# Shared by every session, never copied: a figure is only read once built (by
# st.plotly_chart, which serialises a copy). Its key is the chart's name, the frame's
# contents and the options (Streamlit cannot hash a function, so ``_chart`` is left
# out of the key), so two scopes share a figure only when the data they were allowed
# to see is the same.
@st.cache_resource(show_spinner=False, max_entries=512)
def _built_figure(
    name: str, _chart: Callable[..., go.Figure], frame: pd.DataFrame, options: dict
) -> go.Figure:
    return _chart(frame, **options)


@st.cache_data(show_spinner=False)
def region_names(scope: Scope, level: str) -> pd.DataFrame:
    return regions.region_names(database(), scope, level)


@st.cache_data(show_spinner=False, max_entries=256)
def village_names(scope: Scope, county: Region) -> pd.DataFrame:
    return regions.village_names(database(), scope, county)


@st.cache_data(show_spinner=False)
def reference_series() -> pd.DataFrame:
    return catalog.reference_series(database())


@st.cache_data(show_spinner=False, max_entries=256)
def table_row_counts(scope: Scope, config: Settings) -> pd.DataFrame:
    return catalog.table_row_counts(database(), scope, config)


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")


def plain(text: str) -> str:
    """Text shown literally by st.markdown-based elements: messages quote values from
    the URL or from files, and those must not become links, HTML or formatting."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def show_error(error: JingzhunError, lang: str | None = None) -> None:
    """The one renderer for errors users can act on: never a traceback. Without a
    language (before one is known), both are shown."""
    text = error.message(lang) if lang else f"{error.zh}\n\n{error.en}"
    st.warning(plain(text))


@contextmanager
def panel(lang: str) -> Iterator[None]:
    """Run one panel; if it fails with a known error, say so and let the page go on."""
    try:
        yield
    except JingzhunError as error:
        st.warning(plain(t("error.panel", lang, message=error.message(lang))))


# Plotly's own toolbar: no logo link, PNG downloads at print scale.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 3},
}


def provenance(ctx: Context, filters: str) -> Provenance:
    """What an export made now from this view carries in its footer. Called when a
    download is clicked, outside the script run: it reads nothing from the session."""
    info = ctx.info
    return Provenance(
        dataset=str(info.get("name", "")),
        version=str(info.get("version", "")),
        synthetic=bool(info.get("synthetic", True)),
        as_of=str(info.get("as_of", "")),
        filters=filters,
        lang=ctx.lang,
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        approval_number=ctx.settings.map_approval_number,
    )


def view_filters(ctx: Context) -> str:
    """The global filters of this view in words: the region and the year."""
    return f"{ctx.region.name(ctx.lang)}, {ctx.year}"


def chart(
    container,
    figure: go.Figure | Callable[[], go.Figure],
    *,
    name: str,
    filters: str = "",
    shown: go.Figure | None = None,
    **plotly_options,
):
    """A plotly chart with its export menu (PNG, SVG, PDF with the provenance
    footer). ``figure`` may be a function that builds the figure to print, for a
    chart whose shown figure cannot print as it is (a map that loads its shapes
    from the app); ``shown`` is then the figure on the page. Files are built only
    when a button is clicked. Returns what st.plotly_chart returns."""
    ctx = context()
    lang, filters = ctx.lang, filters or view_filters(ctx)
    selection = container.plotly_chart(
        shown if shown is not None else figure, config=PLOTLY_CONFIG, **plotly_options
    )
    row = container.container(horizontal=True, vertical_alignment="center")
    menu = row.popover(t("export.button", lang), help=t("export.help", lang))
    for fmt in FIGURE_FORMATS:

        def build(fmt: str = fmt) -> bytes:
            printed = figure() if callable(figure) else figure
            return figure_file(printed, fmt, provenance=provenance(ctx, filters))

        menu.download_button(
            t("export.figure_as", lang, fmt=fmt.upper()),
            build,
            file_name=export_file_name(ctx, name, fmt),
            mime=MIME_TYPES[fmt],
            key=f"export_{name}_{fmt}",
            on_click="ignore",
        )
    build = figure if callable(figure) else lambda: figure
    add_to_report(row, name=name, kind="chart", build=build)
    return selection


def add_to_report(container, **item) -> None:
    """The "add to report" button beside an export menu (see pages/reports_data)."""
    from pages import reports_data  # it builds on this module

    reports_data.add_button(container, **item)


def table_downloads(
    container,
    build_table: Callable[[], pd.DataFrame],
    *,
    name: str,
    title: str,
    filters: str = "",
) -> None:
    """CSV and Excel downloads of a table, each built when its button is clicked and
    carrying the provenance: a last column in the CSV, a footer and a sheet in the
    workbook."""
    ctx = context()
    lang, filters = ctx.lang, filters or view_filters(ctx)

    def csv() -> bytes:
        note = provenance(ctx, filters).text()
        return to_csv_bytes(build_table(), note=note, lang=lang)

    def xlsx() -> bytes:
        made = provenance(ctx, filters)
        return table_xlsx(build_table(), title=title, provenance=made)

    row = container.container(horizontal=True, vertical_alignment="center")
    row.download_button(
        t("export.csv", lang),
        csv,
        file_name=export_file_name(ctx, name, "csv"),
        mime=MIME_TYPES["csv"],
        key=f"csv_{name}",
        on_click="ignore",
    )
    row.download_button(
        t("export.xlsx", lang),
        xlsx,
        file_name=export_file_name(ctx, name, "xlsx"),
        mime=MIME_TYPES["xlsx"],
        key=f"xlsx_{name}",
        on_click="ignore",
    )
    add_to_report(row, name=name, kind="table", build=build_table, title=title)


def export_file_name(ctx: Context, name: str, extension: str) -> str:
    """jingzhun-<name>-<region>-<year>-<lang>.<extension>"""
    return f"jingzhun-{name}-{ctx.region.code}-{ctx.year}-{ctx.lang}.{extension}"


def set_region_filters(region: Region) -> None:
    """Point the province, city and county filters at ``region``."""
    st.session_state["f_province"] = region.province_code or "100000"
    st.session_state["f_city"] = region.city_code or ""
    st.session_state["f_county"] = region.county_code or ""


def bound_widget(widget_key: str, state_key: str, clears: tuple[str, ...] = ()) -> dict:
    """Keyword arguments that tie a widget to an app-held value.

    The value lives under ``state_key`` and is copied into the widget before it is
    drawn; a change is copied back by the callback. Streamlit forgets a widget's own
    state when its identity shifts (it did between a session's first and second run
    under st.navigation), so the widget key is never the source of truth.
    """
    st.session_state[widget_key] = st.session_state[state_key]
    return {
        "key": widget_key,
        "on_change": _save_widget,
        "args": (widget_key, state_key, clears),
    }


def _save_widget(widget_key: str, state_key: str, clears: tuple[str, ...]) -> None:
    st.session_state[state_key] = st.session_state[widget_key]
    for key in clears:
        st.session_state[key] = ""


def drill_down_from_map(key: str) -> None:
    """A click on the county map under widget ``key``: from the nation into the
    clicked county's province, then into the county itself. Runs as a callback,
    before the filters are drawn again; every page's county map uses it."""
    points = st.session_state[key]["selection"]["points"]
    if not points:
        return
    point = points[0]
    code = point.get("location") or (point.get("customdata") or [None])[0]
    ctx = context()
    try:
        clicked = resolve_region(ctx.scope, str(code))
    except JingzhunError:
        return  # a proposed site, the sea line or an outline: nothing to drill into
    if ctx.region.level == "country":
        clicked = resolve_region(ctx.scope, clicked.province_code)
    set_region_filters(clicked)


def breadcrumb(region: Region, lang: str) -> None:
    """全国 › province › city › county, each a button that goes back up to it."""
    chain = [COUNTRY] + [
        resolve_region(context().scope, code)
        for code in (region.province_code, region.city_code, region.county_code)
        if code and code != region.code
    ]
    if region.level != "country":
        chain.append(region)
    # Narrow columns for the steps, one wide spacer, so the trail reads as one line.
    columns = st.columns(
        [1.2] + [1.6] * len(chain) + [12 - 1.6 * len(chain)],
        gap="small",
        vertical_alignment="center",
    )
    columns[0].caption(t("overview.breadcrumb", lang))
    for column, step in zip(columns[1:], chain, strict=False):
        column.button(
            f"› {step.name(lang)}",
            key=f"crumb_{step.code}",
            on_click=set_region_filters,
            args=(step,),
            disabled=step.code == region.code,
            type="tertiary",
        )


def url_widget(key: str, param: str, options, default) -> dict:
    """Keyword arguments for a page widget whose value also lives in the URL: taken
    from the URL the session opened with, then kept in the address bar."""
    state_key = f"state_{key}"
    if state_key not in st.session_state:
        wanted = st.session_state.get(INITIAL_URL_KEY, {}).get(param)
        st.session_state[state_key] = wanted if wanted in options else default
    st.query_params[param] = st.session_state[state_key]
    st.session_state.setdefault(URL_STATE_KEY, {})[state_key] = param
    return bound_widget(key, state_key)


def url_number(key: str, param: str, allowed: range, default: int) -> dict:
    """Keyword arguments for a numeric widget (a slider) whose value also lives in
    the URL; a URL value that is not one of ``allowed`` gives way to the default."""
    state_key = f"state_{key}"
    if state_key not in st.session_state:
        wanted = st.session_state.get(INITIAL_URL_KEY, {}).get(param, "")
        number = int(wanted) if wanted.isdigit() else None
        st.session_state[state_key] = number if number in allowed else default
    st.query_params[param] = str(st.session_state[state_key])
    st.session_state.setdefault(URL_STATE_KEY, {})[state_key] = param
    # Unlike bound_widget, the widget's own value is left alone while it exists: a
    # slider being dragged sends values faster than runs finish, and writing an
    # older value back would make it jump.
    if key not in st.session_state:
        st.session_state[key] = st.session_state[state_key]
    return {"key": key, "on_change": _save_widget, "args": (key, state_key, ())}


def page_tabs(key: str, labels: dict[str, str], param: str = "tab") -> dict:
    """Tabs of which only the open one runs: ``{name: container}`` in the order of
    ``labels`` (name → label in the viewer's language); a section draws itself only
    when its container's ``.open`` is true. Streamlit keeps the open tab by its
    label, which changes with the language, so the app holds the tab's name (in the
    URL as ``param``) and hands Streamlit the matching label on every run.

    The URL keeps the picks of the closed tabs too: every URL widget of the page
    (its key starts like ``key``, e.g. ``hl_``) is written back from the app state.
    """
    prefix = "state_" + key.split("_", 1)[0] + "_"
    for kept, kept_param in st.session_state.get(URL_STATE_KEY, {}).items():
        if kept.startswith(prefix) and kept in st.session_state:
            st.query_params[kept_param] = str(st.session_state[kept])
    state_key = f"state_{key}"
    names = list(labels)
    st.session_state.setdefault(TABS_KEY, {})[key] = names
    if state_key not in st.session_state:
        wanted = st.session_state.get(INITIAL_URL_KEY, {}).get(param)
        st.session_state[state_key] = wanted if wanted in labels else names[0]
    st.query_params[param] = st.session_state[state_key]
    st.session_state[key] = labels[st.session_state[state_key]]
    containers = st.tabs(
        list(labels.values()),
        key=key,
        on_change=_save_tab,
        args=(key, state_key, {label: name for name, label in labels.items()}),
    )
    return dict(zip(names, containers, strict=True))


def _save_tab(key: str, state_key: str, names: dict[str, str]) -> None:
    name = names.get(st.session_state[key])
    if name is not None:
        st.session_state[state_key] = name


def map_source_note(lang: str, data_note: str) -> str:
    """Boundary source, map approval number (when configured) and data label."""
    approval = context().settings.map_approval_number or t("map.no_approval", lang)
    return t("map.source", lang, approval=approval, data=data_note)
