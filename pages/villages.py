"""Villages (贫困村): the village map that scales from the nation to one county's
villages, and the profile of one village."""

import streamlit as st

from charts import village_tables as tables
from charts import villages as charts
from charts.i18n import t
from loaders import JingzhunError
from loaders.queries.regions import map_extent
from loaders.queries.villages import WHICH
from pages import common
from pages import villages_data as data

ctx = common.context()
lang, scope, region, config = ctx.lang, ctx.scope, ctx.region, ctx.settings
source = t("source.synthetic", lang) if ctx.info["synthetic"] else ""
note = common.map_source_note(lang, source)


def deck_key() -> str:
    """The point map's widget key. It changes when a profile is closed, so the map
    forgets its selection and a click on the same village opens it again."""
    return f"vi_deck_{st.session_state.setdefault('vi_deck_round', 0)}"


def close_profile() -> None:
    st.session_state["state_vi_village"] = ""
    st.session_state["vi_deck_round"] = st.session_state.get("vi_deck_round", 0) + 1


def pick_from_deck() -> None:
    """Point map click: a village opens its profile; a neighbouring county opens
    that county."""
    objects = st.session_state[deck_key()]["selection"].get("objects", {})
    if objects.get("villages"):
        st.session_state["state_vi_village"] = str(objects["villages"][0]["code"])
    elif objects.get("counties"):
        code = objects["counties"][0].get("properties", {}).get("code")
        try:
            common.set_region_filters(common.resolve_region(scope, str(code)))
        except JingzhunError:
            return  # a county the viewer may not open
        close_profile()


def county_map(layer: str, which: str) -> None:
    """A county's villages as points (hexagons above the cap), the legend and the
    village picker; the profile of the picked village below."""
    cap = config.villages_map_max_points
    shown = data.points(scope, region, config, which, cap)
    kind = charts.map_kind("county", len(shown), max_points=cap)
    shapes = common.map_shapes(map_extent(region))
    names = common.village_names(scope, region)
    options = ["", *names["code"]]
    if st.session_state.get("state_vi_village", "") not in options:
        st.session_state["state_vi_village"] = ""  # a village of another county
    labels = dict(
        zip(names["code"], names["name_en" if lang == "en" else "name_zh"], strict=True)
    )
    village = (
        st.selectbox(
            t("vi.pick.village", lang),
            options,
            format_func=lambda code: labels.get(code, t("vi.no_village", lang)),
            **common.url_widget("vi_village", "village", options, ""),
        )
        or None
    )
    if shown.empty:
        st.info(t("vi.empty_region", lang, region=region.name(lang)))
    left, right = st.columns([5, 2])
    resolution = None
    if kind == "points":
        deck = charts.village_deck(
            shown, shapes, layer=layer, lang=lang, highlight=region.code,
            selected=village, max_points=cap,
        )  # fmt: skip
        left.pydeck_chart(
            deck, on_select=pick_from_deck, selection_mode="single-object",
            key=deck_key(), height=560,
        )  # fmt: skip
        legend, count = charts.legend(shown, layer=layer, lang=lang), len(shown)
    else:
        cells = data.hexagons(scope, region, config, which)
        deck = charts.hexagon_deck(
            cells, shapes, layer=layer, lang=lang, highlight=region.code
        )
        left.pydeck_chart(deck, key="vi_hexagons", height=560)
        legend = charts.hexagon_legend(cells, layer=layer, lang=lang)
        count = len(cells)
        resolution = charts.hexagon_resolution(cells)
    caption = charts.mark_caption(
        kind, layer, lang=lang, count=count, resolution=resolution
    )
    left.caption(f"{caption} {note}")
    right.markdown(f"**{t('vi.legend', lang, layer=charts.layer_label(layer, lang))}**")
    swatch = t("vi.legend.colour", lang)
    right.dataframe(
        charts.legend_styler(legend, lang=lang),
        hide_index=True,
        column_config={swatch: st.column_config.Column(width=40)},
    )
    if village:
        with common.panel(lang):
            show_profile(village)


def region_map(layer: str, which: str) -> None:
    """Above a county: the counties of the view coloured by the layer."""
    counties = data.county_values(scope, map_extent(region), config, which)
    if counties.empty:
        st.info(t("vi.empty_region", lang, region=region.name(lang)))
    view = (scope, region, config, which, layer, lang, note)
    common.chart(
        st,
        lambda: data.map_figure(*view, printable=True),
        shown=data.map_figure(*view),
        name=f"villages-map-{layer}",
        key="vi_map",
        on_select=lambda: common.drill_down_from_map("vi_map"),
        selection_mode="points",
    )
    count = len(counties)
    st.caption(
        f"{charts.mark_caption('counties', layer, lang=lang, count=count)} "
        f"{t('vi.map_help', lang)}"
    )


def show_profile(code: str) -> None:
    """Every fact about one village: households, infrastructure, clinic and doctor,
    projects and the money reaching it."""
    facts = data.facts(scope, code, config)
    name = facts["name_en" if lang == "en" else "name_zh"]
    st.subheader(t("vi.profile", lang, village=name))
    where = t(
        "vi.profile_where", lang, code=code,
        township=facts["township_en" if lang == "en" else "township_zh"],
        county=facts["county_en" if lang == "en" else "county_zh"],
    )  # fmt: skip
    st.caption(where)
    st.button(
        t("vi.close", lang),
        key="vi_close",
        on_click=close_profile,
    )
    money = data.funds(scope, code)
    cards = tables.profile_cards(facts, money["paid_yuan"].sum(), lang=lang)
    for row in (cards[:3], cards[3:]):
        for column, (label, value) in zip(st.columns(3), row, strict=True):
            column.metric(label, value, border=True)

    left, right = st.columns(2)
    left.markdown(f"**{t('vi.infrastructure', lang)}**")
    housing_min = config.infra_safe_housing_min_pct
    left.dataframe(
        tables.infrastructure_table(facts, housing_min_pct=housing_min, lang=lang),
        hide_index=True,
    )
    right.markdown(f"**{t('vi.care', lang)}**")
    services = data.care(scope, code)
    clinics = tables.clinics_table(services, lang=lang)
    if clinics.empty:
        right.info(t("vi.no_clinic", lang))
    else:
        right.dataframe(clinics, hide_index=True)
    doctors, qualified = tables.doctor_counts(services)
    right.caption(t("vi.doctors", lang, count=doctors, qualified=qualified))

    st.markdown(f"**{t('vi.households', lang)}**")
    public = scope is None or scope.role == "public"
    below = config.small_cell_threshold
    privacy = t("vi.households_public", lang, below=below) if public else ""
    st.caption(t("vi.households_note", lang, note=privacy))
    by_status = data.households(scope, code, config, "status")
    if by_status.empty:
        st.info(t("vi.no_households", lang))
    else:
        left, right = st.columns(2)
        left.caption(t("vi.by_status", lang))
        left.dataframe(
            tables.households_table(by_status, by="status", lang=lang),
            hide_index=True,
        )
        right.caption(t("vi.by_cause", lang))
        right.dataframe(
            tables.households_table(
                data.households(scope, code, config, "cause"), by="cause", lang=lang
            ),
            hide_index=True,
        )

    st.markdown(f"**{t('vi.projects', lang)}**")
    works = data.projects(scope, code)
    if works.empty:
        st.caption(t("vi.no_projects", lang))
    else:
        st.dataframe(tables.projects_table(works, lang=lang), hide_index=True)
    st.markdown(f"**{t('vi.funds', lang)}**")
    st.caption(t("vi.funds_note", lang))
    common.chart(
        st,
        tables.funds_chart(money, lang=lang, source_note=source),
        name=f"villages-funds-{code}",
    )


st.title(t("vi.title", lang, region=region.name(lang)))
common.breadcrumb(region, lang)
st.caption(t("vi.caption", lang))
left, right = st.columns(2)
layer = left.selectbox(
    t("vi.pick.layer", lang),
    charts.LAYERS,
    format_func=lambda key: charts.layer_label(key, lang),
    **common.url_widget("vi_layer", "layer", charts.LAYERS, "status"),
)
which = right.radio(
    t("vi.pick.which", lang),
    WHICH,
    format_func=lambda key: t(f"vi.which.{key}", lang),
    horizontal=True,
    **common.url_widget("vi_which", "villages", WHICH, "all"),
)
with common.panel(lang):
    if region.level == "county":
        county_map(layer, which)
    else:
        region_map(layer, which)
