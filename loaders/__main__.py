"""Command line: ``python -m loaders build|check|users|import|template``."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from loaders.build import build_dataset
from loaders.calibration_check import calibration_report
from loaders.db import default_db_path, open_database
from loaders.demo.scales import SCALES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the synthetic demo dataset")
    build.add_argument("--scale", choices=list(SCALES), default="demo")
    build.add_argument("--seed", type=int, default=2014)
    build.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output file (default: $JINGZHUN_DB or data/jingzhun.duckdb)",
    )
    build.add_argument(
        "--if-missing",
        action="store_true",
        help="do nothing when the output file already exists",
    )
    check = commands.add_parser(
        "check",
        help="compare a built dataset with the public facts it is calibrated to",
    )
    check.add_argument(
        "--db",
        type=Path,
        default=None,
        help="dataset file (default: $JINGZHUN_DB or data/jingzhun.duckdb)",
    )
    precompute = commands.add_parser(
        "precompute",
        help="score every household for the current settings (the build and every "
        "import run it, so that no visitor waits for it)",
    )
    precompute.add_argument(
        "--db",
        type=Path,
        default=None,
        help="dataset file (default: $JINGZHUN_DB or data/jingzhun.duckdb)",
    )
    add_user_commands(commands)
    add_import_commands(commands)
    args = parser.parse_args(argv)
    if args.command == "precompute":
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
        precompute_households(args.db or default_db_path())
        return 0
    if args.command == "import":
        return run_import_command(args)
    if args.command == "template":
        return run_template_command(args)
    if args.command == "check":
        return run_check(args.db or default_db_path())
    if args.command == "users":
        return run_users(args)

    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    out = args.out or default_db_path()
    if args.if_missing and out.exists():
        logging.info("dataset %s exists; not rebuilding", out)
        return 0
    started = time.perf_counter()
    logging.info(
        "building the %s dataset (seed %d) into %s", args.scale, args.seed, out
    )
    build_dataset(out, scale=args.scale, seed=args.seed)
    precompute_households(out)
    size_mb = out.stat().st_size / 1e6
    logging.info("done in %.1f s, %.0f MB", time.perf_counter() - started, size_mb)
    return 0


def precompute_households(path: Path) -> None:
    """Score every household once for the current settings, county by county, so
    that the first visitor of the Households page does not wait for it."""
    from loaders.queries.households import precompute
    from loaders.settings import load_settings

    started = time.perf_counter()
    db = open_database(path)
    try:
        precompute(db, load_settings())
    finally:
        db.close()
    logging.info("household county summaries: %.1f s", time.perf_counter() - started)


def run_check(path: Path) -> int:
    """Print the calibration report; exit 1 when a check fails."""
    db = open_database(path)
    report = calibration_report(db)
    db.close()
    sys.stdout.write(report.to_string(index=False, float_format=lambda v: f"{v:,.4g}"))
    sys.stdout.write("\n")
    return 0 if report["passed"].all() else 1


def add_import_commands(commands) -> None:
    from loaders.imports import IMPORT_TABLES

    names = [t.name for t in IMPORT_TABLES]
    imp = commands.add_parser(
        "import",
        help="import a CSV, Excel or Parquet file into a table, all or nothing",
    )
    imp.add_argument("table", nargs="?", choices=names, help="table to import into")
    imp.add_argument("file", type=Path, help="the file to import")
    imp.add_argument("--table", dest="table_option", choices=names, help="same")
    imp.add_argument(
        "--db",
        type=Path,
        default=None,
        help="dataset file (default: $JINGZHUN_DB or data/jingzhun.duckdb)",
    )
    imp.add_argument(
        "--user",
        default=None,
        help="name recorded in the import log (default: cli:<login name>)",
    )
    template = commands.add_parser("template", help="write an import template")
    template.add_argument("table", choices=names)
    template.add_argument("out", type=Path, help="output .xlsx or .csv file")
    template.add_argument("--lang", choices=["zh", "en"], default="zh")


def run_import_command(args) -> int:
    """Import one file as an operator (admin role: whoever can run this command can
    write the dataset file anyway). Problems go to stderr in both languages."""
    import getpass

    from loaders.audit import AuditLog
    from loaders.errors import JingzhunError
    from loaders.imports import ImportRejected, run_import
    from loaders.scope import Scope
    from loaders.settings import load_settings

    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    table = args.table_option or args.table
    if table is None:
        sys.stderr.write("请指定表 / name the table: import TABLE FILE\n")
        return 2
    path = args.db or default_db_path()
    try:
        data = args.file.read_bytes()
        result = run_import(
            path,
            table,
            data,
            args.file.name,
            username=args.user or f"cli:{getpass.getuser()}",
            scope=Scope("admin"),
            settings=load_settings(),
            audit=AuditLog(),
        )
    except ImportRejected as rejected:
        for item in rejected.problems:
            sys.stderr.write(f"{item.message('zh')}\n{item.message('en')}\n")
        sys.stderr.write(
            f"未导入，共 {rejected.total} 个问题；数据集未改变。\n"
            f"Nothing imported: {rejected.total} problem(s); the dataset is "
            "unchanged.\n"
        )
        return 2
    except (JingzhunError, OSError) as error:
        message = (
            error.message("zh") + "\n" + error.message("en")
            if isinstance(error, JingzhunError)
            else str(error)
        )
        sys.stderr.write(f"{message}\n")
        return 2
    sys.stdout.write(
        f"{result.rows} rows imported into {result.table} in {result.seconds:.1f} s; "
        f"dataset version {result.version}\n"
    )
    return 0


def run_template_command(args) -> int:
    from loaders.imports.spec import IMPORT_TABLE_BY_NAME
    from loaders.imports.template import template_csv, template_xlsx

    table = IMPORT_TABLE_BY_NAME[args.table]
    build = template_csv if args.out.suffix.lower() == ".csv" else template_xlsx
    args.out.write_bytes(build(table, args.lang))
    return 0


def add_user_commands(commands) -> None:
    users = commands.add_parser(
        "users",
        help="manage accounts in the users file ($JINGZHUN_USERS or data/users.json)",
    )
    actions = users.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="list accounts (never their password hashes)")
    for name, text in (("add", "add an account"), ("set", "change an account")):
        action = actions.add_parser(name, help=text)
        action.add_argument("username")
        action.add_argument("--role", choices=["official", "auditor", "admin"])
        action.add_argument("--region", help="six-digit region code of the scope")
        action.add_argument("--name", help="display name")
        action.add_argument("--oidc-email", help="e-mail an OIDC provider vouches for")
        action.add_argument(
            "--password",
            action="store_true",
            help="set a password: asked twice, or one line on stdin when piped",
        )
        if name == "set":
            state = action.add_mutually_exclusive_group()
            state.add_argument("--disable", action="store_true")
            state.add_argument("--enable", action="store_true")
    remove = actions.add_parser("remove", help="remove an account")
    remove.add_argument("username")


def run_users(args) -> int:
    """Carry out one ``users`` action; errors go to stderr in both languages."""
    import dataclasses
    import getpass

    from loaders.accounts import (
        User,
        UserStore,
        remove_account,
        save_account,
    )
    from loaders.audit import AuditLog
    from loaders.errors import JingzhunError

    store, log = UserStore(), AuditLog()
    actor = f"cli:{getpass.getuser()}"
    try:
        if args.action == "list":
            for user in store.users().values():
                method = "password" if user.password_hash else "oidc"
                state = "disabled" if user.disabled else "active"
                sys.stdout.write(
                    f"{user.username}\t{user.role}\t{user.region_code}\t{method}"
                    f"\t{state}\t{user.display_name}\t{user.oidc_email}\n"
                )
            return 0
        if args.action == "remove":
            remove_account(store, log, actor, args.username)
            return 0
        user = store.get(args.username)
        if args.action == "add":
            if user is not None:
                raise JingzhunError(
                    f"用户 {args.username} 已存在", f"{args.username} already exists"
                )
            if not args.role or not args.region:
                raise JingzhunError(
                    "新增账号需要 --role 和 --region",
                    "A new account needs --role and --region",
                )
            user = User(args.username, args.role, args.region)
        elif user is None:
            raise JingzhunError(f"没有用户 {args.username}", f"No user {args.username}")
        changes = {
            "role": args.role,
            "region_code": args.region,
            "display_name": args.name,
            "oidc_email": args.oidc_email,
        }
        if getattr(args, "disable", False) or getattr(args, "enable", False):
            changes["disabled"] = args.disable
        user = dataclasses.replace(
            user, **{k: v for k, v in changes.items() if v is not None}
        )
        check_region(user.region_code)
        password = read_password() if args.password else None
        save_account(store, log, actor, user, password=password)
    except JingzhunError as error:
        sys.stderr.write(f"{error.zh}\n{error.en}\n")
        return 2
    return 0


def check_region(code: str) -> None:
    """The region must exist in the dataset, when there is one to ask."""
    from loaders.errors import DatasetMissingError, UnknownRegionError
    from loaders.queries.regions import resolve_region
    from loaders.scope import Scope

    try:
        db = open_database()
    except DatasetMissingError:
        return  # no dataset yet: the format check in accounts.check_user applies
    try:
        resolve_region(db, Scope("admin"), code)
    except UnknownRegionError:
        raise UnknownRegionError(
            f"数据集中没有区划代码 {code}", f"The dataset has no region code {code}"
        ) from None
    finally:
        db.close()


def read_password() -> str:
    import getpass

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password / 密码: ")
    if first != getpass.getpass("Again / 再次输入: "):
        from loaders.errors import JingzhunError

        raise JingzhunError("两次输入的密码不一致", "The two passwords differ")
    return first


if __name__ == "__main__":
    sys.exit(main())
