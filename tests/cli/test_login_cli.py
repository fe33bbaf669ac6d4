"""``jobdeck login set|get|delete``: the password goes to the keyring and nowhere else."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from keyring.backends import fail

from desktop import cli
from desktop.services import logins
from desktop.services.library import Library
from desktop.services.postings import create_posting
from tests.samples import amazon_document
from tests.secrets.memory_keyring import HangingKeyring, MemoryKeyring, install

PASSWORD = "hunter2-Ωmega-cli-91d0"
URL = "https://amazon.wd1.myworkdayjobs.com/login"


@pytest.fixture
def posting_id(db: Library) -> int:
    return create_posting(db, amazon_document()).value


def _run(data_dir: Path, monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return cli.main([*args, "--data-dir", str(data_dir)])


def _set(data_dir: Path, monkeypatch: pytest.MonkeyPatch, posting_id: int) -> int:
    return _run(
        data_dir,
        monkeypatch,
        "login",
        "set",
        str(posting_id),
        "--url",
        URL,
        "--username",
        "me@example.com",
        stdin=PASSWORD + "\n",
    )


def test_set_reads_the_password_from_stdin_into_the_keyring(
    data_dir: Path,
    db: Library,
    posting_id: int,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _set(data_dir, monkeypatch, posting_id) == 0
    assert list(memory_keyring.entries.values()) == [PASSWORD]
    login = logins.get_login(db, posting_id)
    assert login is not None
    assert (login.url, login.username, login.has_password) == (URL, "me@example.com", True)
    out, err = capsys.readouterr()
    assert "Saved the login" in out
    assert PASSWORD not in out + err


def test_set_on_a_terminal_prompts_without_echo(
    data_dir: Path,
    posting_id: int,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    prompts: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or PASSWORD)
    monkeypatch.setattr(sys, "stdin", Terminal(""))
    assert cli.main(["login", "set", str(posting_id), "--data-dir", str(data_dir)]) == 0
    assert prompts == [f"Password for posting {posting_id}: "]
    assert list(memory_keyring.entries.values()) == [PASSWORD]


def test_get_prints_url_and_username_and_the_password_only_when_asked(
    data_dir: Path,
    posting_id: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _set(data_dir, monkeypatch, posting_id)
    capsys.readouterr()

    assert _run(data_dir, monkeypatch, "login", "get", str(posting_id)) == 0
    out = capsys.readouterr().out
    assert f"url: {URL}" in out
    assert "username: me@example.com" in out
    assert PASSWORD not in out
    assert "add --password" in out

    assert _run(data_dir, monkeypatch, "login", "get", str(posting_id), "--password") == 0
    assert f"password: {PASSWORD}" in capsys.readouterr().out


def test_delete_removes_the_row_and_the_keyring_entry(
    data_dir: Path,
    db: Library,
    posting_id: int,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _set(data_dir, monkeypatch, posting_id)
    assert _run(data_dir, monkeypatch, "login", "delete", str(posting_id)) == 0
    assert memory_keyring.entries == {}
    assert logins.get_login(db, posting_id) is None
    capsys.readouterr()
    assert _run(data_dir, monkeypatch, "login", "delete", str(posting_id)) == 1
    assert "has no portal login" in capsys.readouterr().err


@pytest.mark.parametrize("action", [["set", "--url", URL], ["get"], ["delete"]])
def test_an_unknown_posting_id_is_a_usage_error_with_a_message(
    data_dir: Path,
    db: Library,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    action: list[str],
) -> None:
    verb, *rest = action
    code = _run(data_dir, monkeypatch, "login", verb, "999", *rest, stdin=PASSWORD)
    assert code == 2
    err = capsys.readouterr().err
    assert "no posting with id 999" in err
    assert "Traceback" not in err
    assert memory_keyring.entries == {}


def test_an_id_that_is_not_a_number_is_refused_by_argparse(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        _run(data_dir, monkeypatch, "login", "get", "abc")
    assert stopped.value.code == 2
    assert "'abc' is not a posting id" in capsys.readouterr().err


def test_an_empty_password_is_refused(
    data_dir: Path,
    db: Library,
    posting_id: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(data_dir, monkeypatch, "login", "set", str(posting_id), stdin="\n") == 2
    assert "--keep-password" in capsys.readouterr().err
    assert logins.get_login(db, posting_id) is None


def test_keep_password_changes_only_url_and_username_without_the_keyring(
    data_dir: Path,
    db: Library,
    posting_id: int,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _set(data_dir, monkeypatch, posting_id)
    install(monkeypatch, fail.Keyring())
    args = ["login", "set", str(posting_id), "--url", "https://x.test", "--keep-password"]
    assert _run(data_dir, monkeypatch, *args) == 0
    login = logins.get_login(db, posting_id)
    assert login is not None and login.url == "https://x.test" and login.has_password
    assert list(memory_keyring.entries.values()) == [PASSWORD]


def test_without_a_usable_keyring_set_fails_and_writes_nothing(
    data_dir: Path,
    db: Library,
    posting_id: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    install(monkeypatch, fail.Keyring())
    assert _set(data_dir, monkeypatch, posting_id) == 1
    err = capsys.readouterr().err
    assert "No system keyring was found" in err
    assert "Nothing was saved" in err
    assert PASSWORD not in err
    assert logins.get_login(db, posting_id) is None


def test_a_hanging_keyring_fails_set_within_the_time_limit(
    data_dir: Path,
    db: Library,
    posting_id: int,
    hanging_keyring: HangingKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _set(data_dir, monkeypatch, posting_id) == 1
    assert "did not answer within" in capsys.readouterr().err
    assert logins.get_login(db, posting_id) is None
    assert hanging_keyring.entries == {}
