"""Portal logins: the database keeps URL, username and a flag; the keyring keeps the password."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from keyring.backends import fail, null
from sqlalchemy import text

from desktop import cli
from desktop.services import logins
from desktop.services.library import Library
from desktop.services.postings import create_posting, delete_posting
from tests.samples import amazon_document
from tests.secrets.memory_keyring import (  # noqa: F401  (fixtures for this module)
    HangingKeyring,
    LockedKeyring,
    MemoryKeyring,
    hanging_keyring_fixture,
    install,
    memory_keyring_fixture,
)

PASSWORD = "pa55-Ωmega-services-4b7e"
URL = "https://boards.greenhouse.io/acme/login"


@pytest.fixture
def posting_id(db: Library) -> int:
    return create_posting(db, amazon_document()).value


def _save(db: Library, posting_id: int, password: str | None = PASSWORD) -> None:
    logins.set_login(db, posting_id, url=f" {URL} ", username="me@example.com", password=password)


def test_a_saved_login_keeps_the_password_in_the_keyring_only(
    db: Library, posting_id: int, memory_keyring: MemoryKeyring
) -> None:
    _save(db, posting_id)
    login = logins.get_login(db, posting_id)
    assert login is not None
    assert (login.url, login.username, login.has_password) == (URL, "me@example.com", True)
    ((service, key),) = memory_keyring.entries
    assert service == "Jobdeck" and key.startswith("login-")
    assert logins.reveal_password(db, posting_id) == PASSWORD
    with db.reading() as session:
        row = session.execute(text("SELECT * FROM portal_logins")).one()
    assert PASSWORD not in repr(tuple(row))


def test_saving_without_a_password_keeps_the_stored_one(
    db: Library, posting_id: int, memory_keyring: MemoryKeyring
) -> None:
    _save(db, posting_id)
    logins.set_login(db, posting_id, url="https://new.test", username="me", password=None)
    assert logins.reveal_password(db, posting_id) == PASSWORD
    logins.set_login(db, posting_id, url="https://new.test", username="me", password="new-pw")
    assert logins.reveal_password(db, posting_id) == "new-pw"
    assert len(memory_keyring.entries) == 1  # replaced under the same key, not added


def test_a_login_without_a_password_never_needs_the_keyring(
    db: Library, posting_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, fail.Keyring())
    _save(db, posting_id, password=None)
    login = logins.get_login(db, posting_id)
    assert login is not None and not login.has_password
    with pytest.raises(logins.NoPasswordStored, match="No password is stored"):
        logins.reveal_password(db, posting_id)
    assert logins.delete_login(db, posting_id).logins == {posting_id}


def test_an_unknown_posting_is_refused_before_the_keyring_is_touched(
    db: Library, memory_keyring: MemoryKeyring
) -> None:
    for call in (
        lambda: _save(db, 999),
        lambda: logins.get_login(db, 999),
        lambda: logins.reveal_password(db, 999),
        lambda: logins.delete_login(db, 999),
    ):
        with pytest.raises(logins.UnknownPosting, match="no posting with id 999"):
            call()
    assert memory_keyring.entries == {}


@pytest.mark.parametrize(
    ("backend", "words"),
    [
        (fail.Keyring(), "No system keyring was found"),
        (null.Keyring(), "switched off"),
        (LockedKeyring(), "locked"),
    ],
)
def test_without_a_usable_keyring_nothing_is_written(
    db: Library, posting_id: int, monkeypatch: pytest.MonkeyPatch, backend: object, words: str
) -> None:
    install(monkeypatch, backend)  # type: ignore[arg-type]
    with pytest.raises(logins.SecretStoreUnavailable, match=words) as refused:
        _save(db, posting_id)
    assert PASSWORD not in str(refused.value)
    assert logins.get_login(db, posting_id) is None


def test_a_hanging_keyring_times_out_and_nothing_is_written(
    db: Library, posting_id: int, hanging_keyring: HangingKeyring
) -> None:
    with pytest.raises(logins.SecretStoreUnavailable, match="did not answer within"):
        _save(db, posting_id)
    assert logins.get_login(db, posting_id) is None
    assert hanging_keyring.entries == {}


def test_a_password_removed_outside_jobdeck_is_reported(
    db: Library, posting_id: int, memory_keyring: MemoryKeyring
) -> None:
    _save(db, posting_id)
    memory_keyring.entries.clear()
    with pytest.raises(logins.NoPasswordStored, match="no longer has this password"):
        logins.reveal_password(db, posting_id)


def test_delete_login_removes_row_and_keyring_entry(
    db: Library, posting_id: int, memory_keyring: MemoryKeyring
) -> None:
    _save(db, posting_id)
    assert logins.delete_login(db, posting_id).logins == {posting_id}
    assert logins.get_login(db, posting_id) is None
    assert memory_keyring.entries == {}
    assert not logins.delete_login(db, posting_id).postings


def test_delete_login_with_a_locked_keyring_keeps_the_login(
    db: Library, posting_id: int, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    _save(db, posting_id)
    install(monkeypatch, LockedKeyring())
    with pytest.raises(logins.SecretStoreUnavailable, match="locked"):
        logins.delete_login(db, posting_id)
    assert logins.get_login(db, posting_id) is not None
    assert len(memory_keyring.entries) == 1


def test_deleting_the_posting_can_forget_its_password(
    db: Library, posting_id: int, memory_keyring: MemoryKeyring
) -> None:
    # The call order desktop.services.postings.delete_posting uses.
    _save(db, posting_id)
    secret = logins.stored_secret_key(db, posting_id)
    delete_posting(db, posting_id)
    assert logins.forget_secret(secret) is True
    assert memory_keyring.entries == {}
    with db.reading() as session:
        assert session.execute(text("SELECT count(*) FROM portal_logins")).scalar() == 0


def test_forgetting_never_raises_when_the_keyring_is_gone(
    db: Library, posting_id: int, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _save(db, posting_id)
    secret = logins.stored_secret_key(db, posting_id)
    install(monkeypatch, fail.Keyring())
    assert logins.forget_secret(secret) is False
    assert logins.forget_secret(None) is True
    assert "left behind" in caplog.text
    assert PASSWORD not in caplog.text


def test_the_password_is_in_no_file_of_the_data_folder(
    data_dir: Path,
    db: Library,
    posting_id: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Stored once through the service and once through the command line, then exported.
    _save(db, posting_id)
    other = create_posting(db, amazon_document(title="Second posting")).value
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(["login", "set", str(other), "--url", URL, "--data-dir", str(data_dir)]) == 0
    export = data_dir / "export.json"
    for fmt, target in (("json", export), ("csv", data_dir / "e.csv")):
        args = ["export", "--format", fmt, "-o", str(target), "--data-dir", str(data_dir)]
        assert cli.main(args) == 0
    assert export.exists()
    captured = capsys.readouterr()

    needles = [PASSWORD.encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be")]
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert {"jobdeck.db", "export.json", "e.csv"} <= {p.name for p in files}
    for path in files:
        content = path.read_bytes()
        assert not any(n in content for n in needles), f"password found in {path.name}"
    assert PASSWORD not in captured.out + captured.err


def _delete_forgets() -> bool:
    import inspect

    from desktop.services import postings

    return "forget_secret" in inspect.getsource(postings.delete_posting)


@pytest.mark.skipif(not _delete_forgets(), reason="delete_posting does not call forget_secret yet")
def test_delete_posting_removes_the_keyring_entry(
    db: Library, posting_id: int, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    _save(db, posting_id)
    delete_posting(db, posting_id)
    assert memory_keyring.entries == {}
    # And a keyring that is gone never stops a posting from being deleted.
    other = create_posting(db, amazon_document(title="Other")).value
    _save(db, other)
    install(monkeypatch, fail.Keyring())
    assert delete_posting(db, other).deleted == {other}
