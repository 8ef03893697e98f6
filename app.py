"""Jingzhun's frame: page setup, language, global filters, permalink, navigation.

Run with ``streamlit run app.py``. Pages live in ``pages/`` and read the view this file
sets through ``pages.common.context()``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from charts.i18n import code_label, t
from loaders import JingzhunError, Scope
from loaders.accounts import User
from loaders.queries.overview import FIRST_YEAR, LAST_YEAR, check_year
from loaders.queries.regions import COUNTRY, Region
from loaders.scope import NATIONAL
from pages import common

# The project root, found through the pages package rather than this file, so that
# tests can run this script from a copy (Streamlit's AppTest would otherwise treat the
# pages/ folder beside it as old-style pages).
HERE = Path(common.__file__).resolve().parents[1]
LANGS = {"zh": "中文", "en": "English"}
ADMIN = common.ADMIN
YEARS = list(range(FIRST_YEAR, LAST_YEAR + 1))

st.set_page_config(
    page_title="精准 Jingzhun",
    page_icon=str(HERE / "static" / "icon.png"),
    layout="wide",
    initial_sidebar_state="expanded",
)


def open_dataset(lang: str) -> None:
    """Stop with a clear message when there is no dataset to show."""
    try:
        common.database()
    except JingzhunError as error:
        common.show_error(error, lang)
        st.code("python -m loaders build --scale demo", language="bash")
        st.stop()


def restore_from_url(scope: Scope | None, settings) -> list[JingzhunError]:
    """On a session's first run, set the filters from the URL; return what was wrong."""
    params = st.query_params
    # Pages restore their own widgets from the URL later in the run, after this frame
    # has rewritten it: keep the URL the session opened with.
    st.session_state[common.INITIAL_URL_KEY] = params.to_dict()
    problems: list[JingzhunError] = []
    st.session_state["f_lang"] = (
        params.get("lang") if params.get("lang") in LANGS else "zh"
    )
    st.session_state["f_year"] = settings.default_year
    raw_year = params.get("year")
    if raw_year is not None:
        try:
            st.session_state["f_year"] = check_year(int(raw_year))
        except ValueError:
            problems.append(
                JingzhunError(
                    f"年份“{raw_year}”无效，已显示默认年份。",
                    f"'{raw_year}' is not a year; showing the default year.",
                )
            )
        except JingzhunError as error:
            problems.append(error)
    if scope is None:
        common.set_region_filters(COUNTRY)
        return problems
    try:
        common.set_region_filters(common.resolve_region(scope, params.get("region")))
    except JingzhunError as error:
        problems.append(error)
        common.set_region_filters(COUNTRY)
    return problems


def region_select(
    label: str,
    options,
    empty_label: str,
    name: str,
    *,
    allow_all: bool,
    clears: tuple[str, ...] = (),
) -> str:
    """A selectbox of region codes shown by name. The empty choice means 'all' and is
    offered only where the viewer's scope reaches above this level."""
    names = dict(zip(options["code"], options["name"], strict=True))
    empty = NATIONAL if name == "province" else ""
    codes = ([empty] if allow_all else []) + list(names)
    if st.session_state.get(f"f_{name}") not in codes:
        st.session_state[f"f_{name}"] = codes[0] if codes else empty
    if not codes:
        return empty
    return st.selectbox(
        label,
        codes,
        format_func=lambda code: names.get(code, empty_label),
        **common.bound_widget(f"g_{name}", f"f_{name}", clears=clears),
    )


LEVEL_RANK = {"country": 0, "province": 1, "city": 2, "county": 3}


def global_filters(lang: str, scope: Scope) -> Region:
    """Province → city → county drill-down and the year; returns the chosen region."""
    name_col = "name_en" if lang == "en" else "name_zh"
    reach = LEVEL_RANK[common.resolve_region(ADMIN, scope.region_code).level]
    provinces = common.child_regions(scope, COUNTRY).rename(columns={name_col: "name"})
    province = region_select(
        t("filter.province", lang),
        provinces,
        t("filter.all_provinces", lang),
        "province",
        allow_all=reach < 1,
        clears=("f_city", "f_county"),
    )
    region = common.resolve_region(scope, province)
    if region.level == "province":
        cities = common.child_regions(scope, region).rename(columns={name_col: "name"})
        city = region_select(
            t("filter.city", lang),
            cities,
            t("filter.all_cities", lang),
            "city",
            allow_all=reach < 2,
            clears=("f_county",),
        )
        if city:
            region = common.resolve_region(scope, city)
        counties = common.counties_within(scope, region).rename(
            columns={name_col: "name"}
        )
        county = region_select(
            t("filter.county", lang),
            counties,
            t("filter.all_counties", lang),
            "county",
            allow_all=reach < 3,
        )
        if county:
            region = common.resolve_region(scope, county)
    st.selectbox(
        t("filter.year", lang), YEARS, **common.bound_widget("g_year", "f_year")
    )
    return region


def banners(lang: str, scope: Scope | None, user: User | None, info: dict) -> None:
    """The demo-data label and the who-is-looking line every page carries."""
    if info["synthetic"]:
        st.info(t("banner.synthetic", lang))
    else:
        st.caption(t("banner.real", lang, name=info["name"], as_of=info["as_of"]))
    if scope is None:
        st.caption(t("banner.signed_out", lang))
        return
    scope_region = common.resolve_region(ADMIN, scope.region_code)
    who = (
        t(
            "banner.user",
            lang,
            name=user.label,
            role=code_label("role", scope.role, lang),
        )
        if user
        else t("banner.visitor", lang)
    )
    privacy = (
        t("banner.suppressed", lang, threshold=common.settings().small_cell_threshold)
        if scope.role == "public"
        else t("banner.masked", lang)
    )
    st.caption(
        f"{who} {t('banner.scope', lang, region=scope_region.name(lang))} {privacy}"
    )


# Pages and the roles that see them; None stands for a visitor who has not signed in
# where the deployment allows no public access. A page left out of the navigation
# cannot be reached by its URL either.
VIEWERS = ("public", "official", "auditor", "admin")
STAFF = ("official", "auditor", "admin")
PAGES = (
    ("overview", "page.overview", VIEWERS),
    ("villages", "page.villages", VIEWERS),
    ("health", "page.health", VIEWERS),
    ("funds", "page.funds", VIEWERS),
    ("projects", "page.projects", VIEWERS),
    ("households", "page.households", VIEWERS),
    ("infrastructure", "page.infrastructure", VIEWERS),
    ("reports", "page.reports", VIEWERS),
    ("data", "page.data", VIEWERS),
    ("records", "page.records", STAFF),
    ("audit", "page.audit", ("auditor", "admin")),
    ("users", "page.users", ("admin",)),
    ("account", "page.account", (*VIEWERS, None)),
)


def navigation(lang: str, scope: Scope | None) -> list:
    role = scope.role if scope else None
    shown = [(name, title) for name, title, roles in PAGES if role in roles]
    return [
        st.Page(
            HERE / "pages" / f"{name}.py",
            title=t(title, lang),
            url_path=name,
            default=index == 0,
        )
        for index, (name, title) in enumerate(shown)
    ]


def main() -> None:
    settings = common.settings()
    open_dataset(st.session_state.get("f_lang", st.query_params.get("lang", "zh")))
    user, sign_in_notes = common.current_user(settings)
    scope = common.viewer_scope(user, settings)

    problems = []
    if "f_lang" not in st.session_state:
        problems = restore_from_url(scope, settings)

    with st.sidebar:
        st.markdown(f"### {t('app.title', 'zh')} · {t('app.title', 'en')}")
        # One bilingual label, so a reader of either language finds the switch.
        lang = st.radio(
            "语言 / Language",
            list(LANGS),
            format_func=LANGS.get,
            horizontal=True,
            **common.bound_widget("g_lang", "f_lang"),
        )
        st.caption(t("app.subtitle", lang))
        region = COUNTRY
        if scope is not None:
            st.markdown(f"**{t('filter.heading', lang)}**")
            region = global_filters(lang, scope)
            st.caption(t("filter.permalink", lang))

    # What was wrong with the URL is said in both languages: the URL may have asked
    # for a language the reader does not read.
    for problem in problems:
        common.show_error(problem)
    for note in sign_in_notes:
        common.show_error(note, lang)

    info = common.dataset_info()
    st.session_state[common.CONTEXT_KEY] = common.Context(
        lang=lang,
        scope=scope,
        region=region,
        year=st.session_state["f_year"],
        settings=settings,
        info=info,
        user=user,
    )
    st.query_params.from_dict(
        {"lang": lang, "region": region.code, "year": str(st.session_state["f_year"])}
    )
    banners(lang, scope, user, info)
    st.navigation(navigation(lang, scope), position="top").run()


main()
