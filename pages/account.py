"""Account (账号): sign in with a local account or the deployment's identity
provider, see who you are signed in as, change your password, sign out."""

import dataclasses

import streamlit as st

from charts.i18n import code_label, t
from loaders.accounts import (
    AccountError,
    SignInError,
    authenticate,
    hash_password,
)
from pages import common

ctx = common.context()
lang, user = ctx.lang, ctx.user

st.title(t("account.title", lang))

if user is None:
    st.caption(
        t(
            "account.public_note" if ctx.settings.public_access else "account.required",
            lang,
        )
    )
    with st.form("sign_in", enter_to_submit=True):
        username = st.text_input(t("account.username", lang), key="sign_in_user")
        password = st.text_input(
            t("account.password", lang), type="password", key="sign_in_password"
        )
        submitted = st.form_submit_button(t("account.sign_in", lang), type="primary")
    if submitted:
        try:
            signed_in = authenticate(
                common.user_store(),
                common.audit_log(),
                username,
                password,
                client=common.client_address(),
                settings=ctx.settings,
            )
        except (SignInError, AccountError) as error:
            common.show_error(error, lang)
        else:
            common.sign_in(signed_in)
            st.rerun()
    if common.oidc_configured():
        st.divider()
        st.button(
            t("account.sign_in_oidc", lang),
            on_click=st.login,
            key="sign_in_oidc",
        )
    st.stop()

scope_region = common.resolve_region(user.scope, user.region_code)
st.dataframe(
    {
        t("col.field", lang): [
            t("account.username", lang),
            t("account.name", lang),
            t("account.role", lang),
            t("account.scope", lang),
            t("account.method", lang),
        ],
        t("col.value", lang): [
            user.username,
            user.display_name or "—",
            code_label("role", user.role, lang),
            f"{scope_region.name(lang)} ({user.region_code})",
            t(
                "account.method_password" if user.password_hash else "account.oidc",
                lang,
            ),
        ],
    },
    hide_index=True,
)
st.caption(t("account.timeout", lang, minutes=ctx.settings.session_timeout_minutes))


def _sign_out() -> None:
    common.sign_out()
    if common.oidc_configured() and st.user.is_logged_in:
        st.logout()


st.button(t("account.sign_out", lang), on_click=_sign_out, key="sign_out")

if user.password_hash:
    st.subheader(t("account.change_password", lang))
    with st.form("change_password", clear_on_submit=True):
        current = st.text_input(t("account.current_password", lang), type="password")
        new = st.text_input(t("account.new_password", lang), type="password")
        again = st.text_input(t("account.repeat_password", lang), type="password")
        changed = st.form_submit_button(t("account.save_password", lang))
    if changed:
        try:
            authenticate(
                common.user_store(),
                common.audit_log(),
                user.username,
                current,
                client=common.client_address(),
                settings=ctx.settings,
            )
            if new != again:
                raise AccountError(
                    "两次输入的新密码不一致。", "The two new passwords differ."
                )
            common.user_store().save(
                dataclasses.replace(user, password_hash=hash_password(new))
            )
            common.audit_log().record_user_change(
                user.username, user.username, "password", "changed by the user"
            )
        except (SignInError, AccountError) as error:
            common.show_error(error, lang)
        else:
            st.success(t("account.password_saved", lang))
