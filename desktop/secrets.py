"""The one place that knows about the system keyring: passwords in, passwords out, nothing else.

Passwords are kept under the service name "Jobdeck". Each entry is named by a random key
("login-<32 hex>") that the database row of the login remembers (see ``new_secret_key``). A key
made from the posting id would collide between two libraries on one machine (``--data-dir``), and
SQLite may hand a deleted posting's id to a new one; a random key belongs to one login only.

Every call runs in a short-lived daemon thread with a time limit, because an unlock prompt or a
stuck D-Bus service can block for ever; a daemon thread that never returns cannot hold up the app
or its exit. A backend that cannot keep a secret safely (keyring's fail and null backends, an
empty chainer, a plaintext file) is refused: there is no silent fallback, the caller gets
``SecretStoreUnavailable`` with a message a user can act on. Messages never contain a password.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from desktop.deferred_import import deferred

if TYPE_CHECKING:
    import keyring
    from keyring import errors as keyring_errors
    from keyring.backend import KeyringBackend
    from keyring.backends import chainer, fail, null
else:  # keyring finds its backends through package metadata: slow, so not before it is used
    keyring = deferred("keyring")
    keyring_errors = deferred("keyring.errors")
    chainer = deferred("keyring.backends.chainer")
    fail = deferred("keyring.backends.fail")
    null = deferred("keyring.backends.null")

SERVICE_NAME = "Jobdeck"
# Long enough for a keyring that is slow to start, short enough that a user is not left waiting
# on a prompt that will never come. Tests lower it.
CALL_TIMEOUT_S = 5.0

T = TypeVar("T")


class SecretStoreUnavailable(Exception):
    """The system keyring cannot be used just now; the message says why, in plain words."""


def new_secret_key() -> str:
    import uuid  # only when a password is stored: not on the way to the first paint

    return f"login-{uuid.uuid4().hex}"


def check_available() -> None:
    """Raise ``SecretStoreUnavailable`` unless a usable keyring answers in time."""
    _call(lambda backend: None, "")


def store(key: str, password: str) -> None:
    """Keep ``password`` under ``key``, and make sure the keyring really kept it."""

    def work(backend: KeyringBackend) -> None:
        backend.set_password(SERVICE_NAME, key, password)
        # A chainer whose backends all decline returns quietly; reading back tells the truth.
        if backend.get_password(SERVICE_NAME, key) != password:
            raise SecretStoreUnavailable(
                "The system keyring accepted the password but did not keep it."
            )

    _call(work, password)


def fetch(key: str) -> str | None:
    """The password under ``key``, or None when the keyring has no such entry."""
    return _call(lambda backend: backend.get_password(SERVICE_NAME, key), "")


def erase(key: str) -> None:
    """Remove the entry under ``key``; an entry that is already gone is not an error."""

    def work(backend: KeyringBackend) -> None:
        if backend.get_password(SERVICE_NAME, key) is not None:
            backend.delete_password(SERVICE_NAME, key)

    _call(work, "")


def unusable_reason(backend: KeyringBackend) -> str | None:
    """Why ``backend`` cannot be trusted with a password, or None when it can."""
    if isinstance(backend, fail.Keyring):
        return "No system keyring was found on this computer (no secret service is running)."
    if isinstance(backend, null.Keyring):
        return "The system keyring is switched off (keyring's null backend is configured)."
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return "No system keyring was found on this computer (no secret service is running)."
    # keyrings.alt's plaintext file keeps passwords readable on disk: that is no keyring.
    if "plaintext" in type(backend).__name__.casefold():
        return "The configured keyring keeps passwords in a plain text file; Jobdeck will not."
    return None


# Serialises the check below; the daemon thread of a call that never returned is kept here so
# later calls fail at once instead of piling up more stuck threads behind it.
_stuck_lock = threading.Lock()
_stuck: threading.Thread | None = None


def _call(work: Callable[[KeyringBackend], T], secret: str) -> T:
    global _stuck
    timeout = CALL_TIMEOUT_S
    with _stuck_lock:
        if _stuck is not None and _stuck.is_alive():
            raise SecretStoreUnavailable(_timeout_message(timeout, still=True))
        _stuck = None
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            backend = keyring.get_keyring()
            reason = unusable_reason(backend)
            if reason is not None:
                raise SecretStoreUnavailable(reason)
            outcome["value"] = work(backend)
        except BaseException as error:  # handed to the caller's thread, not swallowed
            outcome["error"] = error

    worker = threading.Thread(target=run, name="jobdeck-keyring", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        with _stuck_lock:
            _stuck = worker
        raise SecretStoreUnavailable(_timeout_message(timeout, still=False))
    if "error" in outcome:
        raise _explain(outcome["error"], secret) from None  # type: ignore[arg-type]
    return outcome["value"]  # type: ignore[return-value]


def _timeout_message(timeout: float, *, still: bool) -> str:
    if still:
        return (
            "The system keyring has still not answered an earlier request (it may be waiting "
            "for you to unlock it). Unlock it or restart Jobdeck, then try again."
        )
    return (
        f"The system keyring did not answer within {timeout:g} seconds (it may be waiting for "
        "you to unlock it). Unlock it, then try again."
    )


def _explain(error: BaseException, secret: str) -> SecretStoreUnavailable:
    """Turn whatever a backend raised into one plain message that cannot leak the password."""
    if isinstance(error, SecretStoreUnavailable):
        return error
    if isinstance(error, keyring_errors.KeyringLocked):
        return SecretStoreUnavailable(
            "The system keyring is locked. Unlock it (for example by logging in again or "
            "opening your password manager), then try again."
        )
    if isinstance(error, keyring_errors.NoKeyringError):
        return SecretStoreUnavailable(unusable_reason(fail.Keyring()) or "No system keyring.")
    detail = str(error).strip()
    if secret and secret in detail:
        detail = detail.replace(secret, "•••")
    kind = "refused the request" if isinstance(error, keyring_errors.KeyringError) else "failed"
    suffix = f": {detail}" if detail else f" ({type(error).__name__})"
    return SecretStoreUnavailable(f"The system keyring {kind}{suffix}")


__all__ = [
    "CALL_TIMEOUT_S",
    "SERVICE_NAME",
    "SecretStoreUnavailable",
    "check_available",
    "erase",
    "fetch",
    "new_secret_key",
    "store",
    "unusable_reason",
]
