"""Users (用户管理): administrators add accounts, change roles and regions, reset
passwords and disable or remove accounts, within the region they manage."""

import dataclasses

import streamlit as st

from charts.i18n import code_label, t
from charts.tables import users_table
from loaders import JingzhunError
from loaders.accounts import User, remove_account, save_account
from loaders.queries.regions import region_inside_scope
from loaders.scope import ROLES
from pages import common

ctx = common.context()
lang, scope, admin = ctx.lang, ctx.scope, ctx.user

st.title(t("users.title", lang))
if scope is None or scope.role != "admin" or admin is None:
    st.warning(t("users.denied", lang))
    st.stop()

db = common.database()
ROLE_CHOICES = [role for role in ROLES if role != "public"]


def manageable(users: dict[str, User]) -> dict[str, User]:
    """Accounts whose region lies inside the administrator's own."""
    out = {}
    for name, user in users.items():
        try:
            region_inside_scope(db, scope, user.region_code)
        except JingzhunError:
            continue
        out[name] = user
    return out


def region_label(code: str) -> str:
    try:
        return common.resolve_region(common.ADMIN, code).name(lang)
    except JingzhunError:
        return code


def flash(username: str) -> None:
    """Redraw the page so the table shows the change, and say what was saved."""
    st.session_state[FLASH_KEY] = username
    st.rerun()


FLASH_KEY = "users_saved"
if FLASH_KEY in st.session_state:
    st.success(t("users.saved", lang, username=st.session_state.pop(FLASH_KEY)))
users = manageable(common.user_store().users())
st.caption(t("users.caption", lang, region=region_label(scope.region_code)))
st.dataframe(
    users_table(list(users.values()), region_label, lang=lang), hide_index=True
)

add, edit = st.tabs([t("users.add", lang), t("users.edit", lang)])
with add, st.form("add_user", clear_on_submit=True):
    username = st.text_input(t("account.username", lang))
    name = st.text_input(t("account.name", lang))
    role = st.selectbox(
        t("account.role", lang),
        ROLE_CHOICES,
        format_func=lambda r: code_label("role", r, lang),
    )
    region = st.text_input(t("users.region_code", lang), value=scope.region_code)
    password = st.text_input(t("users.initial_password", lang), type="password")
    email = st.text_input(t("users.oidc_email", lang))
    if st.form_submit_button(t("users.add_button", lang), type="primary"):
        try:
            if username.strip().lower() in common.user_store().users():
                raise JingzhunError(
                    f"用户名 {username} 已存在。", f"User name {username} is taken."
                )
            region_inside_scope(db, scope, region.strip())
            save_account(
                common.user_store(),
                common.audit_log(),
                admin.username,
                User(
                    username.strip().lower(),
                    role,
                    region.strip(),
                    name.strip(),
                    oidc_email=email.strip(),
                ),
                password=password or None,
            )
        except JingzhunError as error:
            common.show_error(error, lang)
        else:
            flash(username)

with edit:
    chosen = st.selectbox(
        t("account.username", lang), ["", *users], key="users_edit_choice"
    )
    if chosen:
        user = users[chosen]
        with st.form("edit_user"):
            role = st.selectbox(
                t("account.role", lang),
                ROLE_CHOICES,
                index=ROLE_CHOICES.index(user.role),
                format_func=lambda r: code_label("role", r, lang),
                key="users_edit_role",
            )
            region = st.text_input(t("users.region_code", lang), value=user.region_code)
            name = st.text_input(t("account.name", lang), value=user.display_name)
            email = st.text_input(t("users.oidc_email", lang), value=user.oidc_email)
            disabled = st.checkbox(t("users.disabled", lang), value=user.disabled)
            password = st.text_input(t("users.new_password", lang), type="password")
            remove = st.checkbox(t("users.remove", lang))
            saved = st.form_submit_button(t("users.save_button", lang))
        if saved:
            try:
                if chosen == admin.username and (remove or disabled or role != "admin"):
                    raise JingzhunError(
                        "不能停用、删除或降低自己的账号。",
                        "You cannot disable, remove or demote your own account.",
                    )
                if remove:
                    remove_account(
                        common.user_store(), common.audit_log(), admin.username, chosen
                    )
                else:
                    region_inside_scope(db, scope, region.strip())
                    save_account(
                        common.user_store(),
                        common.audit_log(),
                        admin.username,
                        dataclasses.replace(
                            user,
                            role=role,
                            region_code=region.strip(),
                            display_name=name.strip(),
                            oidc_email=email.strip(),
                            disabled=disabled,
                        ),
                        password=password or None,
                    )
            except JingzhunError as error:
                common.show_error(error, lang)
            else:
                flash(chosen)
