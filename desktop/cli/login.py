"""``jobdeck login set|get|delete``: a posting's portal login from the shell.

The password is read from stdin when stdin is not a terminal (``pass show x | jobdeck login set``)
and from a no-echo prompt when it is; it is never an argument, where ``ps`` and shell history
would see it. Exit codes follow desktop.cli: 0 done, 1 could not be done, 2 usage (this includes
an unknown posting id).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING, Any

from desktop.cli import arguments
from desktop.deferred_import import deferred
from desktop.services.library import Library

if TYPE_CHECKING:
    from desktop.services import logins
else:  # loaded by the command that runs: each command imports only what it needs
    logins = deferred("desktop.services.logins")


EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_login_commands(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``login`` and its actions to the ``jobdeck`` subparsers."""
    login = subparsers.add_parser(
        "login",
        parents=parents,
        help="a posting's application portal login (password kept in the system keyring)",
    )
    actions = login.add_subparsers(dest="login_action", metavar="ACTION", required=True)
    set_cmd = actions.add_parser(
        "set",
        parents=parents,
        help="save the login; the password is read from stdin or a no-echo prompt",
    )
    set_cmd.add_argument("posting_id", type=arguments.posting_id, metavar="ID")
    set_cmd.add_argument("--url", default="", help="the portal's sign-in address")
    set_cmd.add_argument("--username", default="", help="the user name or email for the portal")
    set_cmd.add_argument(
        "--keep-password",
        action="store_true",
        help="change only the URL and username; read no password, keep the stored one",
    )
    get_cmd = actions.add_parser("get", parents=parents, help="print the URL and username")
    get_cmd.add_argument("posting_id", type=arguments.posting_id, metavar="ID")
    get_cmd.add_argument(
        "--password", action="store_true", help="also print the password from the keyring"
    )
    delete_cmd = actions.add_parser(
        "delete", parents=parents, help="remove the login and its password from the keyring"
    )
    delete_cmd.add_argument("posting_id", type=arguments.posting_id, metavar="ID")


def run_login(db: Library, args: argparse.Namespace) -> int:
    """The handler for ``COMMANDS["login"]``; prints its own messages, never a traceback."""
    action = {"set": _set, "get": _get, "delete": _delete}[args.login_action]
    try:
        return action(db, args)
    except logins.UnknownPosting as error:
        return _fail(args, str(error), EXIT_USAGE)
    except (logins.SecretStoreUnavailable, logins.NoPasswordStored) as error:
        return _fail(args, str(error), EXIT_FAILED)


def _fail(args: argparse.Namespace, message: str, code: int) -> int:
    print(f"jobdeck login {args.login_action}: {message}", file=sys.stderr)
    return code


def _set(db: Library, args: argparse.Namespace) -> int:
    password = None
    if db.read_only:  # say so before a password is typed that could not be kept
        logins.get_login(db, args.posting_id)
        return _fail(args, "the library is read-only (a read-only disk); nothing was saved.", 1)
    if not args.keep_password:
        logins.get_login(db, args.posting_id)  # an unknown id is refused before any prompt
        # Say so before the user types a password that could not be kept.
        try:
            logins.check_secret_store()
        except logins.SecretStoreUnavailable as error:
            return _fail(args, f"{error} Nothing was saved.", EXIT_FAILED)
        password = _read_password(args.posting_id)
        if not password:
            return _fail(
                args,
                "no password given (to change only the URL and username, add --keep-password).",
                EXIT_USAGE,
            )
    try:
        logins.set_login(
            db, args.posting_id, url=args.url, username=args.username, password=password
        )
    except logins.SecretStoreUnavailable as error:
        return _fail(args, f"{error} Nothing was saved.", EXIT_FAILED)
    where = " (password in the system keyring)" if password else ""
    print(f"Saved the login for posting {args.posting_id}{where}.")
    return EXIT_OK


def _read_password(posting_id: int) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"Password for posting {posting_id}: ")
    # Piped: take the text as it is, less the line ending ``echo`` or a file adds.
    return sys.stdin.read().rstrip("\r\n")


def _get(db: Library, args: argparse.Namespace) -> int:
    login = logins.get_login(db, args.posting_id)
    if login is None:
        return _fail(args, f"posting {args.posting_id} has no portal login.", EXIT_FAILED)
    if args.password and login.has_password:
        password = logins.reveal_password(db, args.posting_id)
    elif login.has_password:
        password = "(stored in the system keyring; add --password to show it)"
    else:
        password = "(none)"
    print(f"url: {login.url}\nusername: {login.username}\npassword: {password}")
    return EXIT_OK


def _delete(db: Library, args: argparse.Namespace) -> int:
    changes = logins.delete_login(db, args.posting_id)
    if not changes.logins:
        return _fail(args, f"posting {args.posting_id} has no portal login.", EXIT_FAILED)
    print(f"Deleted the login for posting {args.posting_id}.")
    return EXIT_OK
