"""The keyring wrapper: passwords round-trip, and every unusable keyring is refused plainly."""

from __future__ import annotations

import keyring.backend
import pytest
from keyring.backends import chainer, fail, null

from desktop import secrets
from desktop.secrets import SecretStoreUnavailable
from tests.secrets.memory_keyring import HangingKeyring, LockedKeyring, MemoryKeyring, install

PASSWORD = "s3cret-Ωmega-7f3c"


def test_a_password_round_trips_under_the_jobdeck_service(memory_keyring: MemoryKeyring) -> None:
    key = secrets.new_secret_key()
    secrets.store(key, PASSWORD)
    assert memory_keyring.entries == {("Jobdeck", key): PASSWORD}
    assert secrets.fetch(key) == PASSWORD
    secrets.erase(key)
    assert memory_keyring.entries == {}
    assert secrets.fetch(key) is None


def test_erasing_an_entry_that_is_gone_is_not_an_error() -> None:
    secrets.erase(secrets.new_secret_key())


def test_keys_are_random_so_two_libraries_never_share_one() -> None:
    keys = {secrets.new_secret_key() for _ in range(100)}
    assert len(keys) == 100
    assert all(k.startswith("login-") and len(k) == 38 for k in keys)


@pytest.mark.parametrize(
    ("backend", "words"),
    [
        (fail.Keyring(), "No system keyring was found"),
        (null.Keyring(), "switched off"),
    ],
)
def test_fail_and_null_backends_are_refused(
    monkeypatch: pytest.MonkeyPatch, backend: keyring.backend.KeyringBackend, words: str
) -> None:
    install(monkeypatch, backend)
    for call in (
        secrets.check_available,
        lambda: secrets.store("k", PASSWORD),
        lambda: secrets.fetch("k"),
        lambda: secrets.erase("k"),
    ):
        with pytest.raises(SecretStoreUnavailable, match=words) as refused:
            call()
        assert PASSWORD not in str(refused.value)


def test_a_chainer_with_no_viable_backends_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring.backend, "_limit", lambda _backend: False)
    install(monkeypatch, chainer.ChainerBackend())
    with pytest.raises(SecretStoreUnavailable, match="No system keyring was found"):
        secrets.store("k", PASSWORD)


def test_a_plaintext_file_backend_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class PlaintextKeyring(MemoryKeyring):  # keyrings.alt's name for its unprotected file
        pass

    plain = PlaintextKeyring()
    install(monkeypatch, plain)
    with pytest.raises(SecretStoreUnavailable, match="plain text file"):
        secrets.store("k", PASSWORD)
    assert plain.entries == {}


def test_a_locked_keyring_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, LockedKeyring())
    with pytest.raises(SecretStoreUnavailable, match=r"keyring is locked\. Unlock it"):
        secrets.store("k", PASSWORD)


def test_a_backend_that_drops_the_password_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    class Forgetful(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            pass

    install(monkeypatch, Forgetful())
    with pytest.raises(SecretStoreUnavailable, match="did not keep it"):
        secrets.store("k", PASSWORD)


def test_a_backend_error_never_repeats_the_password(monkeypatch: pytest.MonkeyPatch) -> None:
    class Chatty(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise RuntimeError(f"D-Bus said no to {password!r}")

    install(monkeypatch, Chatty())
    with pytest.raises(SecretStoreUnavailable) as refused:
        secrets.store("k", PASSWORD)
    assert "D-Bus said no" in str(refused.value)
    assert PASSWORD not in str(refused.value)


def test_a_hanging_keyring_hits_the_time_limit_and_stores_nothing(
    hanging_keyring: HangingKeyring,
) -> None:
    with pytest.raises(SecretStoreUnavailable, match=r"did not answer within 0\.2 seconds"):
        secrets.store("k", PASSWORD)
    assert hanging_keyring.entries == {}
    # While the first call is still stuck, later calls fail at once rather than pile up.
    with pytest.raises(SecretStoreUnavailable, match="still not answered"):
        secrets.fetch("k")
    assert hanging_keyring.calls == 1


def test_after_a_stuck_call_returns_the_keyring_is_used_again(
    hanging_keyring: HangingKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SecretStoreUnavailable):
        secrets.fetch("k")
    hanging_keyring.release.set()
    assert secrets._stuck is not None
    secrets._stuck.join(5)
    memory = MemoryKeyring()
    install(monkeypatch, memory)
    secrets.store("k", PASSWORD)
    assert memory.entries == {("Jobdeck", "k"): PASSWORD}
