"""Application portal logins: URL and username in the database, the password in the keyring.

The keyring is always written before the database, so a keyring that is missing, locked or
silent leaves nothing behind: no row, no password anywhere. A changed password is stored under a
new key and the old entry removed only once the database points at the new one, so a database
write that fails leaves the old password in place. Keyring calls can take seconds (an
unlock prompt); the window calls these functions off its UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop import secrets
from desktop.deferred_import import deferred
from desktop.secrets import SecretStoreUnavailable
from desktop.services.changes import Changes
from desktop.services.errors import NotFound
from desktop.services.library import Library
from desktop.storage import login_sql

if TYPE_CHECKING:
    from desktop.storage import login_records as records
    from desktop.storage.models import PortalLogin
else:  # the ORM, loaded after the window's first paint
    records = deferred("desktop.storage.login_records")


class UnknownPosting(NotFound):
    """No posting has this id."""


class NoPasswordStored(NotFound):
    """The login has no password to reveal; the message says why."""


@dataclass(frozen=True)
class LoginDetails:
    posting_id: int
    url: str
    username: str
    has_password: bool
    updated_at: datetime


def _details(login: PortalLogin) -> LoginDetails:
    return LoginDetails(
        login.posting_id, login.url, login.username, login.has_password, login.updated_at
    )


def _unknown(posting_id: int) -> UnknownPosting:
    return UnknownPosting(f"There is no posting with id {posting_id}.")


def check_secret_store() -> None:
    """Raise ``SecretStoreUnavailable`` unless a usable keyring answers in time."""
    secrets.check_available()


def get_login(db: Library, posting_id: int) -> LoginDetails | None:
    """The posting's login, or None when it has none. Never touches the keyring."""
    with db.querying() as connection:  # plain SQL: `jobdeck login get` needs no ORM
        if not login_sql.posting_exists(connection, posting_id):
            raise _unknown(posting_id)
        row = login_sql.login_row(connection, posting_id)
    if row is None:
        return None
    url, username, has_password, updated_at = row
    return LoginDetails(posting_id, url, username, has_password, updated_at)  # type: ignore[arg-type]


def set_login(
    db: Library,
    posting_id: int,
    *,
    url: str,
    username: str,
    password: str | None,
    now: datetime | None = None,
) -> Changes:
    """Save the posting's login. ``password`` None or "" keeps the stored one (if any).

    Raises ``SecretStoreUnavailable`` (nothing written) when a password was given and the
    keyring cannot keep it.
    """
    with db.reading() as session:
        if not records.posting_exists(session, posting_id):
            raise _unknown(posting_id)
        existing = records.find_login(session, posting_id)
        old_key = existing.secret_key if existing else None
        had_password = existing.has_password if existing else False
    # A new password goes under a new key: the stored one stays untouched until the database
    # points at the new key, so a failed write leaves the keyring and the library agreeing.
    key = secrets.new_secret_key() if password or old_key is None else old_key
    if password:
        secrets.store(key, password)
    try:
        with db.writing() as session:
            if not records.posting_exists(session, posting_id):
                raise _unknown(posting_id)  # deleted while the keyring was busy
            records.save_login(
                session,
                posting_id,
                url=url.strip(),
                username=username.strip(),
                secret_key=key,
                has_password=bool(password) or had_password,
                now=now or datetime.now(UTC),
            )
    except BaseException:
        if password:
            forget_secret(key)  # no row will ever point at it; the old password is still there
        raise
    if password and had_password and old_key is not None:
        forget_secret(old_key)  # replaced: nothing points at it any more
    return Changes(logins=frozenset({posting_id}))


def reveal_password(db: Library, posting_id: int) -> str:
    """The stored password, read from the keyring."""
    with db.reading() as session:
        if not records.posting_exists(session, posting_id):
            raise _unknown(posting_id)
        login = records.find_login(session, posting_id)
        if login is None or not login.has_password:
            raise NoPasswordStored("No password is stored for this posting.")
        key = login.secret_key
    password = secrets.fetch(key)
    if password is None:
        raise NoPasswordStored(
            "The system keyring no longer has this password (it may have been removed "
            "outside Jobdeck). Type it again and save."
        )
    return password


def delete_login(db: Library, posting_id: int) -> Changes:
    """Remove the posting's login and its password. Empty ``Changes`` when there was none.

    The keyring entry goes first: if the keyring cannot be reached, ``SecretStoreUnavailable``
    is raised and the login stays, so no password is left behind that nothing points at.
    """
    with db.reading() as session:
        if not records.posting_exists(session, posting_id):
            raise _unknown(posting_id)
        login = records.find_login(session, posting_id)
        if login is None:
            return Changes()
        key = login.secret_key if login.has_password else None
    if key is not None:
        secrets.erase(key)
    with db.writing() as session:
        records.delete_login_row(session, posting_id)
    return Changes(logins=frozenset({posting_id}))


def stored_secret_key(db: Library, posting_id: int) -> str | None:
    """The keyring key of the posting's password, if one is stored. Read it before deleting
    the posting: the login row goes with the posting (ON DELETE CASCADE)."""
    with db.reading() as session:
        login = records.find_login(session, posting_id)
        return login.secret_key if login and login.has_password else None


def forget_secret(secret_key: str | None) -> bool:
    """Best effort removal of a keyring entry whose login is gone; False when it could not be.

    Never raises: a keyring problem must not stop a posting from being deleted. The entry then
    stays in the keyring under its random key, where nothing will ever read it again.
    """
    if secret_key is None:
        return True
    try:
        secrets.erase(secret_key)
    except SecretStoreUnavailable as error:
        import logging  # here: every `jobdeck login` command would pay for it at start

        logging.getLogger(__name__).warning(
            "A keyring entry of a deleted login was left behind: %s", error
        )
        return False
    return True


__all__ = [
    "LoginDetails",
    "NoPasswordStored",
    "SecretStoreUnavailable",
    "UnknownPosting",
    "check_secret_store",
    "delete_login",
    "forget_secret",
    "get_login",
    "reveal_password",
    "set_login",
    "stored_secret_key",
]
