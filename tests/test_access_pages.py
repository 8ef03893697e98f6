"""The Account, Users and Audit pages, driven as their users would."""

from __future__ import annotations

from pathlib import Path

import pytest
from known_places import CONGJIANG, ZHANGBEI
from streamlit.testing.v1 import AppTest

from loaders.accounts import User, UserStore, hash_password
from loaders.audit import AuditLog

ROOT = Path(__file__).resolve().parents[1]
APP_SOURCE = (ROOT / "app.py").read_text(encoding="utf-8")
PASSWORD = "zhangbei-2026"


@pytest.fixture
def store() -> UserStore:
    users = UserStore()
    users.save(User("li.ming", "official", ZHANGBEI, "李明", hash_password(PASSWORD)))
    users.save(User("root", "admin", "100000", "", hash_password(PASSWORD)))
    users.save(User("hebei.admin", "admin", "130000", "", hash_password(PASSWORD)))
    return users


@pytest.fixture
def app(tiny_db_path, monkeypatch):
    monkeypatch.setenv("JINGZHUN_DB", str(tiny_db_path))

    def open_page(path: Path, user: User | None = None, **params) -> AppTest:
        at = AppTest.from_string(APP_SOURCE, default_timeout=90)
        for key, value in params.items():
            at.query_params[key] = value
        if user is not None:
            at.session_state["jingzhun_user"] = user
        at.run()
        at.switch_page(str(path)).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


ACCOUNT = ROOT / "pages" / "account.py"
USERS = ROOT / "pages" / "users.py"
AUDIT = ROOT / "pages" / "audit.py"


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="sign_in_user").input(username)
    at.text_input(key="sign_in_password").input(password)
    return at.form_submit_button[0].click().run()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_signing_in_narrows_the_view_to_the_account(app, store, lang):
    at = app(ACCOUNT, lang=lang)
    sign_in(at, "li.ming", PASSWORD)
    assert not at.exception
    assert at.session_state["jingzhun_user"].username == "li.ming"
    assert at.selectbox(key="g_county").options == [
        "Zhangbei County" if lang == "en" else "张北县"
    ]
    assert any("李明" in c.value for c in at.caption)
    at.button(key="sign_out").click().run()
    assert "jingzhun_user" not in at.session_state
    assert "全国" in at.selectbox(key="g_province").options or lang == "en"


def test_wrong_passwords_are_refused_then_locked(app, store):
    at = app(ACCOUNT)
    for _ in range(5):
        sign_in(at, "li.ming", "wrong password")
        assert at.warning[-1].value == "用户名或密码错误。"
    sign_in(at, "li.ming", PASSWORD)
    assert "尝试次数过多" in at.warning[-1].value
    assert "jingzhun_user" not in at.session_state


def test_a_user_changes_their_password(app, store):
    at = app(ACCOUNT, store.get("li.ming"))
    inputs = [i for i in at.text_input if i.key not in ("sign_in_user",)]
    inputs[0].input(PASSWORD)
    inputs[1].input("a-new-password-1")
    inputs[2].input("a-new-password-1")
    at.form_submit_button[0].click().run()
    assert at.success
    assert store.get("li.ming").password_hash != hash_password(PASSWORD)


def test_an_admin_adds_an_account_and_it_is_logged(app, store):
    at = app(USERS, store.get("root"))
    assert at.title[0].value == "用户管理"
    form = at.text_input
    form[0].input("zhao.lei")
    form[1].input("赵磊")
    form[2].input(CONGJIANG)
    form[3].input("congjiang-2026")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert at.success and "zhao.lei" in at.success[0].value
    added = store.get("zhao.lei")
    assert (added.role, added.region_code) == ("official", CONGJIANG)
    log = AuditLog()._frame("SELECT actor, username, action FROM user_changes", [])
    assert log.values.tolist() == [["root", "zhao.lei", "add"]]


def test_a_province_admin_cannot_hand_out_another_province(app, store):
    at = app(USERS, store.get("hebei.admin"))
    # Accounts outside Hebei are not even listed.
    listed = at.dataframe[0].value.iloc[:, 0].tolist()
    assert set(listed) == {"li.ming", "hebei.admin"}
    form = at.text_input
    form[0].input("zhao.lei")
    form[2].input(CONGJIANG)
    form[3].input("congjiang-2026")
    at.form_submit_button[0].click().run()
    assert "管理范围" in at.warning[0].value
    assert store.get("zhao.lei") is None


def test_an_admin_cannot_demote_themselves(app, store):
    at = app(USERS, store.get("root"))
    at.selectbox(key="users_edit_choice").set_value("root").run()
    at.selectbox(key="users_edit_role").set_value("official")
    at.form_submit_button[-1].click().run()
    assert at.warning and store.get("root").role == "admin"


def test_the_audit_page_shows_each_role_its_logs(app, store):
    AuditLog().record_sign_in("li.ming", "10.0.0.9", False, "wrong password")
    auditor = User("wang.fang", "auditor", "130000", password_hash="-")
    store.save(auditor)
    at = app(AUDIT, auditor, lang="en")
    assert [s.value for s in at.subheader] == ["Unmasked records"]
    at = app(AUDIT, store.get("root"), lang="en")
    assert [s.value for s in at.subheader] == [
        "Unmasked records",
        "Sign-in attempts",
        "Account changes",
    ]
    attempts = at.dataframe[0].value
    assert attempts.iloc[0]["client address"] == "10.0.0.9"


RECORDS = ROOT / "pages" / "records.py"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_records_narrow_to_a_village_and_name_their_codes(app, store, db, lang):
    at = app(RECORDS, store.get("li.ming"), lang=lang)
    assert len(at.dataframe[0].value) == 500
    village = db.query(
        "SELECT code, name_zh, name_en FROM regions WHERE level = 'village' "
        "AND county_code = ? ORDER BY code LIMIT 1",
        [ZHANGBEI],
    ).iloc[0]
    at.selectbox(key="records_village").set_value(village["code"]).run()
    one = at.dataframe[0].value
    assert 0 < len(one) < 500
    assert set(one.iloc[:, 1]) == {village["name_en" if lang == "en" else "name_zh"]}
    status = one.iloc[:, 5]
    expected = (
        {"exited", "not exited", "monitored only"}
        if lang == "en"
        else {"已脱贫", "未脱贫", "监测对象（非建档立卡）"}
    )
    assert set(status) <= expected


def test_records_ask_for_a_county_above_county_level(app, store):
    at = app(RECORDS, store.get("root"), region="130000")
    assert "请在左侧选择一个县" in at.info[-1].value
    assert not at.dataframe
