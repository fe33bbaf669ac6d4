"""Portal login rows in and out of the database. The password is never here: only its key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.storage.models import PortalLogin, Posting


def posting_exists(session: Session, posting_id: int) -> bool:
    return session.scalar(select(Posting.id).where(Posting.id == posting_id)) is not None


def find_login(session: Session, posting_id: int) -> PortalLogin | None:
    return session.get(PortalLogin, posting_id)


def save_login(
    session: Session,
    posting_id: int,
    *,
    url: str,
    username: str,
    secret_key: str,
    has_password: bool,
    now: datetime,
) -> PortalLogin:
    """Create or replace the posting's login row."""
    login = session.get(PortalLogin, posting_id)
    if login is None:
        login = PortalLogin(posting_id=posting_id)
        session.add(login)
    login.url = url
    login.username = username
    login.secret_key = secret_key
    login.has_password = has_password
    login.updated_at = now
    return login


def delete_login_row(session: Session, posting_id: int) -> bool:
    """Remove the posting's login row; False when there was none."""
    login = session.get(PortalLogin, posting_id)
    if login is None:
        return False
    session.delete(login)
    return True
