"""CLI fixtures: the in-memory keyring, including one that hangs."""

from tests.secrets.memory_keyring import (  # noqa: F401
    hanging_keyring_fixture,
    memory_keyring_fixture,
)
