"""Adversarial checks of access control, page by page (DESIGN.md §7, issue 10).

(a) a county official never receives another county's households, village lists or
figures, whatever the widgets, the URL or a replayed permalink ask for; (b) different
scopes never share a cached result, and one scope does hit the cache; (c) public views
show no count below the threshold and no name or ID number; (d) no role ever sees a
whole ID number in a list, and an auditor's unmask is logged and shown once.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import streamlit as st
from known_places import CONGJIANG, ZHANGBEI, ZHENGDING
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from loaders import Scope
from loaders.accounts import User, UserStore
from loaders.audit import AuditLog, read_unmasks
from loaders.summaries import MEDICAL_COST_FACTS_SQL
from pages.common import TABS_KEY

ROOT = Path(__file__).resolve().parents[1]
APP_SOURCE = (ROOT / "app.py").read_text(encoding="utf-8")
FULL_ID = re.compile(r"(?<![\d*])\d{17}[\dX](?![\d*])")


def navigation() -> dict[str, tuple[str | None, ...]]:
    """Each page of app.py's navigation and the roles it is shown to, read from the
    app's own ``PAGES`` so that a new page is covered here the day it is added."""
    names: dict = {}
    for node in ast.parse(APP_SOURCE).body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id in {"VIEWERS", "STAFF", "PAGES"}
        ):
            exec(compile(ast.Module([node], []), "app.py", "exec"), names)  # noqa: S102
    return {page: roles for page, _title, roles in names["PAGES"]}


PAGES = navigation()
OFFICIAL_PAGES = [page for page, roles in PAGES.items() if "official" in roles]
PUBLIC_PAGES = [page for page, roles in PAGES.items() if "public" in roles]
# Congjiang's prefecture (Qiandongnan) and province (Guizhou).
QIANDONGNAN, GUIZHOU = "522600", "520000"


@pytest.fixture
def accounts() -> UserStore:
    store = UserStore()
    for user in (
        User("official.zb", "official", ZHANGBEI, "张北干部", password_hash="-"),
        User("official.cj", "official", CONGJIANG, "从江干部", password_hash="-"),
        User("auditor.hb", "auditor", "130000", "河北审计", password_hash="-"),
        User("admin.all", "admin", "100000", "管理员", password_hash="-"),
    ):
        store.save(user)
    return store


# The text of every CSV the pages of a test offered for download, built as if its
# button had been clicked: downloads are built lazily, outside the script run, so
# AppTest alone never sees their contents.
DOWNLOADS: list[str] = []


@pytest.fixture(autouse=True)
def downloads_are_built(monkeypatch):
    offer = DeltaGenerator.download_button

    def build_then_offer(self, label, data, file_name=None, *args, **kwargs):
        # Figure files are the plotly spec (checked as such) printed by Chromium.
        if str(file_name).endswith(".csv") or not callable(data):
            made = data() if callable(data) else data
            if isinstance(made, bytes):
                made = made.decode("utf-8-sig", errors="replace")
            DOWNLOADS.append(str(made))
        return offer(self, label, data, file_name, *args, **kwargs)

    DOWNLOADS.clear()
    monkeypatch.setattr(DeltaGenerator, "download_button", build_then_offer)
    # st.download_button is bound to the main container when streamlit is imported.
    monkeypatch.setattr(
        st, "download_button", lambda *a, **kw: build_then_offer(st._main, *a, **kw)
    )
    yield
    DOWNLOADS.clear()


def open_app(
    db_path: Path, monkeypatch, user: User | None = None, page="overview", **params: str
) -> AppTest:
    monkeypatch.setenv("JINGZHUN_DB", str(db_path))
    at = AppTest.from_string(APP_SOURCE, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    if user is not None:
        at.session_state["jingzhun_user"] = user
    at.run()
    if page != "overview":
        try:
            at.switch_page(str(ROOT / "pages" / f"{page}.py")).run()
        except ValueError:
            # Not in this viewer's navigation: Streamlit will not serve it.
            return None
    assert not at.exception, [e.value for e in at.exception]
    return at


def served(at: AppTest | None, title: str) -> bool:
    return at is not None and at.title[0].value.startswith(title)


def everything(at: AppTest) -> str:
    """All text a session received, in every tab of the page (only the open tab of
    ``common.page_tabs`` runs, so each is opened in turn): titles, messages,
    metrics, options, tables, charts and the CSV files offered for download."""
    parts = [shown(at)]
    tabs = at.session_state[TABS_KEY] if TABS_KEY in at.session_state else {}
    for key, names in tabs.items():
        for name in names:
            at.session_state[f"state_{key}"] = name
            at.run()
            assert not at.exception, [e.value for e in at.exception]
            parts.append(shown(at))
    return "\n".join([*parts, *DOWNLOADS])


def shown(at: AppTest) -> str:
    """The text of the session's last run, downloads apart."""
    parts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "success",
        "error",
        "text",
    ):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    for box in at.selectbox:
        parts += [str(o) for o in box.options]
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    for chart in at.get("plotly_chart"):
        parts.append(chart.proto.spec)
    for deck in at.get("deck_gl_json_chart"):
        parts.append(deck.proto.json)
    return "\n".join(parts)


def county_secrets(db, county: str, besides: str = ZHANGBEI) -> dict[str, list[str]]:
    """What would give a county's data away: its households, their people and its
    villages' names, leaving out names its villages share with ``besides`` (the
    synthetic names repeat). Its own name is public geography, and the message
    refusing a URL that asks for it names it."""
    households = db.query(
        "SELECT household_id, head_name, id_number FROM households "
        "WHERE county_code = ? LIMIT 200",
        [county],
    )
    villages = db.query(
        "SELECT name_zh FROM regions WHERE level = 'village' AND county_code = ? "
        "EXCEPT SELECT name_zh FROM regions WHERE level = 'village' "
        "AND county_code = ?",
        [county, besides],
    )
    return {
        "household_id": households["household_id"].tolist(),
        "head_name": households["head_name"].tolist(),
        "id_number": households["id_number"].tolist(),
        "village": villages["name_zh"].tolist(),
    }


def leaked(text: str, secrets: dict[str, list[str]]) -> dict[str, list[str]]:
    return {
        kind: hits
        for kind, values in secrets.items()
        if (hits := [v for v in values if v and v in text])
    }


# (a) ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", OFFICIAL_PAGES)
@pytest.mark.parametrize("asked", [CONGJIANG, QIANDONGNAN, GUIZHOU, "100000", None])
def test_a_county_official_never_receives_another_county(
    tiny_db_path, db, monkeypatch, accounts, page, asked
):
    params = {"region": asked} if asked else {}
    at = open_app(
        tiny_db_path, monkeypatch, accounts.get("official.zb"), page, **params
    )
    assert at is not None, f"{page} is in an official's navigation"
    assert not leaked(everything(at), county_secrets(db, CONGJIANG))
    # The province filter offers the official's own branch only.
    assert at.selectbox(key="g_province").options == ["河北省"]
    assert at.selectbox(key="g_county").options == ["张北县"]


def test_every_tab_of_a_page_is_searched(tiny_db_path, monkeypatch, accounts):
    at = open_app(tiny_db_path, monkeypatch, accounts.get("official.zb"), "health")
    # The coverage after new sites is in the last tab, which the first run skips.
    assert "新增后覆盖率" not in shown(at)
    assert "新增后覆盖率" in everything(at)


def test_an_official_cannot_steer_the_filters_out_of_their_county(
    tiny_db_path, db, monkeypatch, accounts
):
    at = open_app(tiny_db_path, monkeypatch, accounts.get("official.zb"), "records")
    # A forged widget value (as a tampered websocket message would carry) falls
    # back to the official's own county.
    at.session_state["f_province"] = GUIZHOU
    at.session_state["f_county"] = CONGJIANG
    at.run()
    assert not leaked(everything(at), county_secrets(db, CONGJIANG))
    assert at.title[0].value == "户档案：张北县"


def test_the_overview_of_an_official_shows_their_county_whatever_the_url(
    tiny_db_path, monkeypatch, accounts
):
    own = open_app(tiny_db_path, monkeypatch, accounts.get("official.zb"))
    for asked in (CONGJIANG, GUIZHOU, "100000"):
        other = open_app(
            tiny_db_path, monkeypatch, accounts.get("official.zb"), region=asked
        )
        assert [m.value for m in other.metric] == [m.value for m in own.metric]
        assert other.title[0].value == own.title[0].value == "总览：张北县，2025 年"


@pytest.mark.parametrize(
    ("page", "roles"),
    [
        ("records", {"official", "auditor", "admin"}),
        ("audit", {"auditor", "admin"}),
        ("users", {"admin"}),
    ],
)
def test_pages_beyond_a_role_are_not_served(
    tiny_db_path, monkeypatch, accounts, page, roles
):
    users = {
        "public": None,
        "official": accounts.get("official.zb"),
        "auditor": accounts.get("auditor.hb"),
        "admin": accounts.get("admin.all"),
    }
    titles = {"records": "户档案", "audit": "审计日志", "users": "用户管理"}
    for role, user in users.items():
        at = open_app(tiny_db_path, monkeypatch, user, page)
        assert served(at, titles[page]) == (role in roles), role


def test_a_forged_session_user_is_checked_against_the_users_file(
    tiny_db_path, db, monkeypatch, accounts
):
    # An account that is not in the users file (or was removed) is signed out.
    ghost = User("ghost", "admin", "100000", password_hash="-")
    at = open_app(tiny_db_path, monkeypatch, ghost, "users")
    assert not served(at, "用户管理")
    at = open_app(tiny_db_path, monkeypatch, ghost)
    assert "jingzhun_user" not in at.session_state
    # A role raised in the session but not in the file gets the file's role.
    raised = User("official.zb", "admin", "100000", password_hash="-")
    at = open_app(tiny_db_path, monkeypatch, raised, "records", region=CONGJIANG)
    assert not leaked(everything(at), county_secrets(db, CONGJIANG))


def test_a_disabled_account_is_signed_out_at_the_next_click(
    tiny_db_path, monkeypatch, accounts
):
    at = open_app(tiny_db_path, monkeypatch, accounts.get("official.zb"), "records")
    assert at.title[0].value == "户档案：张北县"
    user = accounts.get("official.zb")
    accounts.save(User(**{**user.__dict__, "disabled": True}))
    at.run()
    assert "jingzhun_user" not in at.session_state
    assert not served(at, "户档案")


def test_an_idle_session_times_out(tiny_db_path, monkeypatch, accounts):
    at = open_app(tiny_db_path, monkeypatch, accounts.get("official.zb"), "records")
    at.session_state["jingzhun_last_seen"] -= 31 * 60
    at.run()
    assert "jingzhun_user" not in at.session_state
    assert any("30" in w.value for w in at.warning)


# (b) ---------------------------------------------------------------------------


def test_cached_results_are_shared_by_one_scope_only(tiny_db_path, monkeypatch):
    monkeypatch.setenv("JINGZHUN_DB", str(tiny_db_path))
    from loaders.queries import overview
    from pages import common

    calls = []
    real = overview.headline_series

    def counted(db, scope, region, settings):
        calls.append(scope)
        return real(db, scope, region, settings)

    monkeypatch.setattr(overview, "headline_series", counted)
    common.headline_series.clear()
    settings = common.settings()
    zhangbei, congjiang = Scope("official", ZHANGBEI), Scope("official", CONGJIANG)
    country = common.resolve_region(Scope("admin"), None)
    first = common.headline_series(zhangbei, country, settings)
    again = common.headline_series(zhangbei, country, settings)
    other = common.headline_series(congjiang, country, settings)
    public = common.headline_series(Scope("public"), country, settings)
    assert calls == [zhangbei, congjiang, Scope("public")]
    assert first.equals(again)
    assert not first.equals(other) and not other.equals(public)
    common.headline_series.clear()


# Cached functions that serve everyone alike: public facts about the dataset.
UNSCOPED = {
    "_database",
    "settings",
    "user_store",
    "audit_log",
    "dataset_info",
    "reference_series",
    "map_shapes",
    "map_geojson_url",
    # Keyed on the frame a scoped query returned: the same data, the same figure.
    "_built_figure",
}


def cached_functions():
    for path in sorted(ROOT.glob("pages/*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and any(
                "cache" in ast.unparse(d) for d in node.decorator_list
            ):
                yield path.name, node


def test_every_cached_query_takes_the_scope():
    found = list(cached_functions())
    assert len(found) > 10
    for file, function in found:
        if function.name in UNSCOPED:
            continue
        args = [a.arg for a in function.args.args]
        assert "scope" in args, f"{file}:{function.name} is cached without a scope"


# (c) ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_counts_db(tiny_db_path, tmp_path_factory):
    """The tiny dataset with a county whose figures name three households."""
    import streamlit as st

    path = tmp_path_factory.mktemp("small") / "small.duckdb"
    shutil.copy(tiny_db_path, path)
    con = duckdb.connect(str(path))
    con.execute(
        "UPDATE county_year_facts SET monitored_households = 3, poor_people = 2, "
        "poor_households = 1 WHERE county_code = ? AND year = 2025",
        [ZHENGDING],
    )
    con.execute(
        "UPDATE county_facts SET illness_households = 4 WHERE county_code = ?",
        [ZHENGDING],
    )
    con.close()
    # The app keeps its connection and results per process: start from none.
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


COUNT_VALUE = re.compile(r"^([\d,.]+)\s*(户|人|households?|people|persons?)$")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_public_views_show_no_small_count(small_counts_db, monkeypatch, lang):
    at = open_app(small_counts_db, monkeypatch, None, region=ZHENGDING, lang=lang)
    values = {m.label: m.value for m in at.metric}
    monitored = "监测户" if lang == "zh" else "Households under monitoring"
    label = next(k for k in values if k.startswith(monitored[:3]))
    assert values[label] == "<5"
    for value in values.values():
        match = COUNT_VALUE.match(value)
        if match:
            assert float(match.group(1).replace(",", "")) >= 5, value
    # The map hides the rate over three households, not only the count.
    assert '"n"' not in at.get("plotly_chart")[0].proto.spec


def test_staff_see_the_exact_small_counts(small_counts_db, monkeypatch, accounts):
    at = (
        open_app(
            small_counts_db,
            monkeypatch,
            User("official.zd", "official", ZHENGDING, password_hash="-"),
            region=ZHENGDING,
        )
        if accounts.save(User("official.zd", "official", ZHENGDING, password_hash="-"))
        is None
        else None
    )
    assert "3 户" in [m.value for m in at.metric]


@pytest.fixture(scope="module")
def few_costs_db(tiny_db_path, tmp_path_factory):
    """The tiny dataset where three of ZHENGDING's households have medical costs."""
    import streamlit as st

    path = tmp_path_factory.mktemp("few") / "few.duckdb"
    shutil.copy(tiny_db_path, path)
    with duckdb.connect(str(path)) as con:
        con.execute(
            "DELETE FROM medical_costs WHERE household_id IN (SELECT DISTINCT "
            "m.household_id FROM medical_costs m JOIN households h "
            "USING (household_id) WHERE h.county_code = ? "
            "ORDER BY m.household_id OFFSET 3)",
            [ZHENGDING],
        )
        # The page reads the per-county summary of the costs: rebuild it.
        con.execute("DELETE FROM medical_cost_facts")
        con.execute(MEDICAL_COST_FACTS_SQL)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_public_health_costs_of_few_households_are_hidden(
    few_costs_db, monkeypatch, accounts, lang
):
    public = open_app(
        few_costs_db,
        monkeypatch,
        None,
        "health",
        region=ZHENGDING,
        lang=lang,
        tab="illness",
    )
    values = {m.label: m.value for m in public.metric}
    label = "有医疗费用的因病致贫户" if lang == "zh" else "Households with costs"
    assert values[label] == "<5"
    # The means over three households would describe them: hidden too.
    mean = "户均个人自付" if lang == "zh" else "Out of pocket"
    assert values[mean] == "—"
    staff = open_app(
        few_costs_db,
        monkeypatch,
        accounts.get("admin.all"),
        "health",
        region=ZHENGDING,
        lang=lang,
        tab="illness",
    )
    assert {m.label: m.value for m in staff.metric}[label] == "3"


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_views_carry_no_name_or_id_number(tiny_db_path, db, monkeypatch, page):
    for region in ("100000", ZHANGBEI):
        text = everything(
            open_app(tiny_db_path, monkeypatch, None, page, region=region)
        )
        assert not FULL_ID.search(text)
        secrets = county_secrets(db, ZHANGBEI)
        assert not leaked(text, {k: secrets[k] for k in ("head_name", "id_number")})


# (d) ---------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["official.zb", "auditor.hb", "admin.all"])
def test_no_list_shows_a_whole_id_number(tiny_db_path, db, monkeypatch, accounts, user):
    at = open_app(
        tiny_db_path, monkeypatch, accounts.get(user), "records", region=ZHANGBEI
    )
    table = at.dataframe[0].value
    assert len(table) == 500
    assert any("***" in made for made in DOWNLOADS), "the records CSV is searched"
    text = everything(at)
    assert not FULL_ID.search(text)
    secrets = county_secrets(db, ZHANGBEI)
    assert not leaked(text, {k: secrets[k] for k in ("head_name", "id_number")})


def test_an_auditor_unmasks_one_record_once_and_it_is_logged(
    tiny_db_path, db, monkeypatch, accounts
):
    at = open_app(
        tiny_db_path,
        monkeypatch,
        accounts.get("auditor.hb"),
        "records",
        region=ZHANGBEI,
    )
    household = at.dataframe[0].value.iloc[0, 0]
    at.text_input[0].input(household)
    at.text_area[0].input("信访件 2026-118 核实身份")
    at.form_submit_button[-1].click().run()
    assert at.success, "the unmask was confirmed"
    assert FULL_ID.search(everything(at))
    entry = read_unmasks(AuditLog(), Scope("admin")).iloc[0]
    assert entry["household_id"] == household and entry["username"] == "auditor.hb"
    # The next click hides it again.
    at.run()
    assert not FULL_ID.search(everything(at))


def test_an_unmask_without_a_reason_shows_nothing_and_logs_nothing(
    tiny_db_path, monkeypatch, accounts
):
    at = open_app(
        tiny_db_path,
        monkeypatch,
        accounts.get("auditor.hb"),
        "records",
        region=ZHANGBEI,
    )
    at.text_input[0].input(at.dataframe[0].value.iloc[0, 0])
    at.form_submit_button[-1].click().run()
    assert at.warning and not FULL_ID.search(everything(at))
    assert read_unmasks(AuditLog(), Scope("admin")).empty


def test_officials_have_no_unmask_form(tiny_db_path, monkeypatch, accounts):
    at = open_app(
        tiny_db_path,
        monkeypatch,
        accounts.get("official.zb"),
        "records",
        region=ZHANGBEI,
    )
    assert not at.text_area and not at.form_submit_button


def test_the_csv_of_records_is_masked(tiny_db_path, monkeypatch, accounts):
    at = open_app(
        tiny_db_path,
        monkeypatch,
        accounts.get("auditor.hb"),
        "records",
        region=ZHANGBEI,
    )
    download = at.get("download_button")[0]
    assert download.proto.label
    frame = at.dataframe[0].value
    assert isinstance(frame, pd.DataFrame) and not FULL_ID.search(frame.to_csv())


# Imports ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "uploads"),
    [
        (None, False),
        ("auditor.hb", False),
        ("official.zb", True),
        ("admin.all", True),
    ],
)
def test_only_officials_and_admins_are_offered_an_upload(
    tiny_db_path, monkeypatch, accounts, user, uploads
):
    at = open_app(tiny_db_path, monkeypatch, user and accounts.get(user), "data")
    assert bool(at.get("file_uploader")) == uploads


@pytest.mark.parametrize("role", ["public", "auditor"])
def test_the_importer_refuses_roles_that_may_not_write(tiny_db_path, role):
    from loaders.imports import ImportRejected, run_import
    from loaders.settings import Settings

    before = tiny_db_path.stat().st_mtime_ns
    with pytest.raises(ImportRejected, match="may not import"):
        run_import(
            tiny_db_path,
            "households",
            b"household_id\nX\n",
            "x.csv",
            username="x",
            scope=Scope(role),
            settings=Settings(),
        )
    assert tiny_db_path.stat().st_mtime_ns == before


def test_the_import_report_masks_id_numbers(tiny_db_path, tmp_path):
    from import_cases import csv_text, household

    from loaders.imports import ImportRejected, run_import
    from loaders.settings import Settings

    copy = tmp_path / "tiny.duckdb"
    shutil.copy(tiny_db_path, copy)
    whole = household(1)["id_number"]
    rows = [household(1, id_number=whole[:17] + ("0" if whole[17] != "0" else "1"))]
    with pytest.raises(ImportRejected) as caught:
        run_import(
            copy,
            "households",
            csv_text(rows).encode(),
            "x.csv",
            username="x",
            scope=Scope("admin"),
            settings=Settings(),
        )
    for item in caught.value.problems:
        for lang in ("zh", "en"):
            assert not FULL_ID.search(item.message(lang)), item.message(lang)
