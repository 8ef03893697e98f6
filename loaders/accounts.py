"""Who may sign in: the local users file, password checks and their rate limit.

The users file (``$JINGZHUN_USERS`` or ``data/users.json``) holds one entry per account:
role, region, display name, and either an Argon2id password hash (local sign-in, no
identity provider needed) or the e-mail an OIDC provider vouches for. It is written
atomically by ``python -m loaders users …`` and by the Users page, and never belongs in
the repository.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from loaders.audit import AuditLog, now_utc
from loaders.db import PROJECT_ROOT
from loaders.errors import JingzhunError
from loaders.scope import ROLES, Scope
from loaders.settings import Settings

# Argon2id with the library's defaults (RFC 9106 low-memory profile): about 50 ms and
# 64 MiB per check on this class of machine, which makes guessing slow.
HASHER = PasswordHasher()
# Checked against when the account does not exist, so that a wrong user name takes as
# long to refuse as a wrong password.
_DUMMY_HASH = HASHER.hash("jingzhun: no such account")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
REGION_CODE = re.compile(r"^\d{6}$")
MIN_PASSWORD_CHARS = 10
# One client may fail this many times more often than one account before it waits.
CLIENT_FAILURE_FACTOR = 3


class SignInError(JingzhunError):
    """Sign-in refused; the message never says whether the account exists."""


class AccountError(JingzhunError):
    """A request to change an account that cannot be carried out."""


def default_users_path() -> Path:
    """``$JINGZHUN_USERS`` or ``data/users.json``."""
    configured = os.environ.get("JINGZHUN_USERS")
    return Path(configured) if configured else PROJECT_ROOT / "data" / "users.json"


@dataclass(frozen=True)
class User:
    """An account. ``password_hash`` is empty for accounts that sign in via OIDC."""

    username: str
    role: str
    region_code: str
    display_name: str = ""
    password_hash: str = ""
    oidc_email: str = ""
    disabled: bool = False

    @property
    def scope(self) -> Scope:
        return Scope(self.role, self.region_code)

    @property
    def label(self) -> str:
        return self.display_name or self.username


class UserStore:
    """The users file: read on every call (it is small), replaced whole on writes."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_users_path()

    def users(self) -> dict[str, User]:
        if not self.path.exists():
            return {}
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))["users"]
            return {entry["username"]: User(**entry) for entry in entries}
        except (ValueError, KeyError, TypeError) as error:
            raise AccountError(
                f"用户文件 {self.path} 无法读取：{error}",
                f"The users file {self.path} cannot be read: {error}",
            ) from error

    def get(self, username: str) -> User | None:
        return self.users().get(username)

    def by_email(self, email: str) -> User | None:
        """The account an OIDC provider's e-mail claim maps to."""
        wanted = email.strip().lower()
        for user in self.users().values():
            if user.oidc_email and user.oidc_email.lower() == wanted:
                return user
        return None

    def save(self, user: User) -> None:
        check_user(user)
        users = self.users()
        for other in users.values():
            if (
                user.oidc_email
                and other.username != user.username
                and other.oidc_email.lower() == user.oidc_email.lower()
            ):
                raise AccountError(
                    f"邮箱 {user.oidc_email} 已属于用户 {other.username}",
                    f"E-mail {user.oidc_email} already belongs to {other.username}",
                )
        users[user.username] = user
        self._write(users)

    def remove(self, username: str) -> None:
        users = self.users()
        if users.pop(username, None) is None:
            raise AccountError(f"没有用户 {username}", f"No user named {username}")
        self._write(users)

    def _write(self, users: dict[str, User]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"users": [dataclasses.asdict(u) for u in users.values()]}
        handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".users-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(payload, out, ensure_ascii=False, indent=2)
            os.chmod(temp, 0o600)
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise


def check_user(user: User) -> None:
    """Refuse an account whose fields are malformed (before anything is written)."""
    if not USERNAME.match(user.username):
        raise AccountError(
            f"用户名“{user.username}”无效：2–64 个小写字母、数字或 . _ -",
            f"Invalid user name '{user.username}': 2–64 lower-case letters, digits, "
            ". _ or -",
        )
    if user.role not in ROLES:
        raise AccountError(
            f"未知角色“{user.role}”，可选：{'、'.join(ROLES)}",
            f"Unknown role '{user.role}'; expected one of {', '.join(ROLES)}",
        )
    if not REGION_CODE.match(user.region_code):
        raise AccountError(
            f"区划代码“{user.region_code}”无效：应为 6 位数字",
            f"Invalid region code '{user.region_code}': six digits expected",
        )
    if user.role == "public":
        raise AccountError(
            "公众角色无需账号。", "The public role needs no account; pick another role."
        )


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(
            f"密码至少 {MIN_PASSWORD_CHARS} 个字符。",
            f"A password needs at least {MIN_PASSWORD_CHARS} characters.",
        )
    return HASHER.hash(password)


def authenticate(
    store: UserStore,
    log: AuditLog,
    username: str,
    password: str,
    *,
    client: str,
    settings: Settings,
    now: dt.datetime | None = None,
) -> User:
    """The account, if the password is right and neither it nor the client is locked.

    Every attempt is logged. After ``sign_in_max_failures`` failures within
    ``sign_in_lockout_minutes`` the account refuses even the right password until the
    window has passed; a client that fails three times as often is refused likewise.
    """
    now = now or now_utc()
    username = username.strip().lower()
    window = now - dt.timedelta(minutes=settings.sign_in_lockout_minutes)
    limit = settings.sign_in_max_failures
    if (
        log.failures_since(window, username=username) >= limit
        or log.failures_since(window, client=client) >= limit * CLIENT_FAILURE_FACTOR
    ):
        log.record_sign_in(username, client, False, "locked", at=now)
        raise SignInError(
            f"尝试次数过多，请 {settings.sign_in_lockout_minutes} 分钟后再试。",
            "Too many attempts; try again in "
            f"{settings.sign_in_lockout_minutes} minutes.",
        )
    user = store.get(username)
    if not _password_matches(user, password):
        log.record_sign_in(username, client, False, "wrong password", at=now)
        raise SignInError("用户名或密码错误。", "Wrong user name or password.")
    if user.disabled:
        log.record_sign_in(username, client, False, "disabled", at=now)
        raise SignInError("此账号已停用。", "This account is disabled.")
    if HASHER.check_needs_rehash(user.password_hash):
        store.save(dataclasses.replace(user, password_hash=HASHER.hash(password)))
    log.record_sign_in(username, client, True, "password", at=now)
    return user


def _password_matches(user: User | None, password: str) -> bool:
    stored = user.password_hash if user and user.password_hash else _DUMMY_HASH
    try:
        return HASHER.verify(stored, password) and stored is not _DUMMY_HASH
    except (VerificationError, InvalidHashError):
        return False


def oidc_user(store: UserStore, log: AuditLog, claims: dict, *, client: str) -> User:
    """The account for a provider-verified identity, checked for expiry and mapping.

    Streamlit keeps the identity in a cookie for 30 days; the provider's ID token says
    how long the identity holds (``exp``), and that is the limit applied here.
    """
    expires = claims.get("exp")
    email = str(claims.get("email") or "")
    if not isinstance(expires, int | float) or expires <= now_utc().timestamp():
        log.record_sign_in(email or "?", client, False, "oidc token expired")
        raise SignInError(
            "登录已过期，请重新登录。", "Your sign-in has expired; sign in again."
        )
    if claims.get("email_verified") is False:
        log.record_sign_in(email, client, False, "oidc e-mail not verified")
        raise SignInError(
            "身份提供方未验证此邮箱。",
            "The identity provider has not verified this e-mail.",
        )
    user = store.by_email(email) if email else None
    if user is None or user.disabled:
        log.record_sign_in(email or "?", client, False, "oidc e-mail not mapped")
        raise SignInError(
            f"{email or '此身份'} 没有精准账号，请联系管理员。",
            f"{email or 'This identity'} has no Jingzhun account; "
            "ask an administrator.",
        )
    return user


def save_account(
    store: UserStore,
    log: AuditLog,
    actor: str,
    user: User,
    *,
    password: str | None = None,
) -> User:
    """Add or change an account (with a new password, if given) and log who did it.

    The caller has checked that ``actor`` may manage the account's region; the
    command line acts for the operator of the server and may manage any.
    """
    existing = store.get(user.username)
    if password:
        user = dataclasses.replace(user, password_hash=hash_password(password))
    elif existing is None and not user.oidc_email:
        raise AccountError(
            "新账号需要密码或统一身份认证邮箱。",
            "A new account needs a password or a single sign-on e-mail.",
        )
    store.save(user)
    action = "add" if existing is None else "change"
    detail = (
        f"role={user.role} region={user.region_code} disabled={user.disabled}"
        f" oidc={user.oidc_email or '-'}" + (" password=set" if password else "")
    )
    log.record_user_change(actor, user.username, action, detail)
    return user


def remove_account(store: UserStore, log: AuditLog, actor: str, username: str) -> None:
    """Delete an account and log who did it."""
    store.remove(username)
    log.record_user_change(actor, username, "remove", "")
