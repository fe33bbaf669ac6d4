"""Keyring backends for tests: an in-memory store, and ones that fail the ways real ones do.

``memory_keyring`` is an autouse fixture: import ``memory_keyring_fixture`` into a conftest (or a
test module) and no test there can reach the real keyring of the machine running the tests.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Keeps passwords in a dict; ``entries`` lets a test look inside."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")


class LockedKeyring(MemoryKeyring):
    """A Secret Service collection the user has not unlocked."""

    def _refuse(self, *_args: object) -> None:
        raise KeyringLocked("Failed to unlock the collection!")

    get_password = set_password = delete_password = _refuse  # type: ignore[assignment]


class HangingKeyring(MemoryKeyring):
    """Waits on an unlock prompt nobody answers, until the test releases it."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.calls = 0

    def _wait(self, *_args: object) -> None:
        self.calls += 1
        self.release.wait(30)

    get_password = set_password = delete_password = _wait  # type: ignore[assignment]


def install(monkeypatch: pytest.MonkeyPatch, backend: KeyringBackend) -> None:
    # keyring.core keeps the chosen backend here; monkeypatch puts the old one back after.
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)


@pytest.fixture(autouse=True, name="memory_keyring")
def memory_keyring_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    # Should anything make keyring look for a backend again, it finds the fail backend.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    backend = MemoryKeyring()
    install(monkeypatch, backend)
    yield backend


@pytest.fixture(name="hanging_keyring")
def hanging_keyring_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[HangingKeyring]:
    import desktop.secrets

    backend = HangingKeyring()
    install(monkeypatch, backend)
    monkeypatch.setattr(desktop.secrets, "CALL_TIMEOUT_S", 0.2)
    yield backend
    backend.release.set()  # lets the stuck daemon thread finish
    stuck = desktop.secrets._stuck
    if stuck is not None:
        stuck.join(5)
    desktop.secrets._stuck = None
