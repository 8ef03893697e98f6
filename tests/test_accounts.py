"""Local accounts, password checks, their rate limit, OIDC mapping and the audit log."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from loaders.accounts import (
    AccountError,
    SignInError,
    User,
    UserStore,
    authenticate,
    hash_password,
    oidc_user,
)
from loaders.audit import AuditLog, read_sign_ins, read_unmasks, read_user_changes
from loaders.errors import ScopeError
from loaders.scope import Scope
from loaders.settings import Settings

SETTINGS = Settings(sign_in_max_failures=3, sign_in_lockout_minutes=15)
PASSWORD = "correct horse battery"
T0 = dt.datetime(2026, 12, 3, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(tmp_path):
    users = UserStore(tmp_path / "users.json")
    users.save(User("li.ming", "official", "130722", "李明", hash_password(PASSWORD)))
    return users


@pytest.fixture
def log(tmp_path):
    return AuditLog(tmp_path / "audit.sqlite")


def sign_in(store, log, password, *, at, client="10.0.0.1", username="li.ming"):
    return authenticate(
        store, log, username, password, client=client, settings=SETTINGS, now=at
    )


def test_the_right_password_signs_in_and_is_logged(store, log):
    user = sign_in(store, log, PASSWORD, at=T0)
    assert user.scope == Scope("official", "130722")
    assert log.last_success("li.ming") == T0


def test_the_file_holds_an_argon2id_hash_never_the_password(store):
    text = store.path.read_text(encoding="utf-8")
    assert PASSWORD not in text
    assert json.loads(text)["users"][0]["password_hash"].startswith("$argon2id$")
    assert oct(store.path.stat().st_mode & 0o777) == "0o600"


def test_wrong_password_and_unknown_user_get_the_same_answer(store, log):
    with pytest.raises(SignInError) as wrong:
        sign_in(store, log, "not the password", at=T0)
    with pytest.raises(SignInError) as unknown:
        sign_in(store, log, PASSWORD, at=T0, username="nobody")
    assert wrong.value.en == unknown.value.en == "Wrong user name or password."


def test_wrong_passwords_lock_the_account_for_the_window(store, log):
    for minute in range(3):
        with pytest.raises(SignInError):
            sign_in(store, log, "guess", at=T0 + dt.timedelta(minutes=minute))
    # Locked: even the right password is refused, and says why.
    with pytest.raises(SignInError, match="Too many attempts"):
        sign_in(store, log, PASSWORD, at=T0 + dt.timedelta(minutes=5))
    # The window counts from the failures: 15 minutes after the first two, one is
    # left in the window and the account opens again.
    assert sign_in(store, log, PASSWORD, at=T0 + dt.timedelta(minutes=16.5))


def test_a_client_that_guesses_many_accounts_is_locked(store, log):
    for i in range(9):  # three times the per-account limit, spread over accounts
        with pytest.raises(SignInError):
            sign_in(store, log, "guess", at=T0, username=f"user{i}")
    with pytest.raises(SignInError, match="Too many attempts"):
        sign_in(store, log, PASSWORD, at=T0)
    assert sign_in(store, log, PASSWORD, at=T0, client="10.0.0.2")


def test_a_disabled_account_cannot_sign_in(store, log):
    store.save(dataclasses.replace(store.get("li.ming"), disabled=True))
    with pytest.raises(SignInError, match="disabled"):
        sign_in(store, log, PASSWORD, at=T0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"username": "Li Ming"}, "Invalid user name"),
        ({"role": "root"}, "Unknown role"),
        ({"region_code": "13072"}, "Invalid region code"),
        ({"role": "public"}, "public role needs no account"),
    ],
)
def test_malformed_accounts_are_refused_before_writing(store, change, message):
    before = store.path.read_bytes()
    with pytest.raises(AccountError, match=message):
        store.save(dataclasses.replace(store.get("li.ming"), **change))
    assert store.path.read_bytes() == before


def test_short_passwords_are_refused():
    with pytest.raises(AccountError, match="at least 10"):
        hash_password("short")


def test_oidc_identity_maps_by_email_and_expires_with_its_token(store, log):
    store.save(User("wang.fang", "auditor", "130000", oidc_email="Wang@Gov.example"))
    later = dt.datetime.now(dt.UTC).timestamp() + 600
    claims = {"email": "wang@gov.example", "email_verified": True, "exp": later}
    assert oidc_user(store, log, claims, client="c").username == "wang.fang"
    with pytest.raises(SignInError, match="expired"):
        oidc_user(store, log, dict(claims, exp=later - 1200), client="c")
    with pytest.raises(SignInError, match="no Jingzhun account"):
        oidc_user(store, log, dict(claims, email="x@gov.example"), client="c")
    with pytest.raises(SignInError, match="not verified"):
        oidc_user(store, log, dict(claims, email_verified=False), client="c")


def test_one_email_maps_to_one_account(store):
    store.save(User("a.one", "official", "130722", oidc_email="a@gov.example"))
    with pytest.raises(AccountError, match="already belongs"):
        store.save(User("a.two", "official", "130722", oidc_email="A@gov.example"))


def test_the_log_is_read_by_auditors_and_admins_only(log):
    log.record_sign_in("li.ming", "c", True, "password")
    log.record_user_change("root", "li.ming", "add", "official 130722")
    for role in ("public", "official"):
        with pytest.raises(ScopeError):
            read_unmasks(log, Scope(role))
    with pytest.raises(ScopeError):
        read_sign_ins(log, Scope("auditor"))
    with pytest.raises(ScopeError):
        read_sign_ins(log, Scope("admin", "130000"))
    with pytest.raises(ScopeError):
        read_user_changes(log, Scope("auditor"))
    assert read_sign_ins(log, Scope("admin"))["username"].tolist() == ["li.ming"]
    assert read_user_changes(log, Scope("admin"))["action"].tolist() == ["add"]
    assert read_unmasks(log, Scope("auditor")).empty
