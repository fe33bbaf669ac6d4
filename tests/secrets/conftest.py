from tests.secrets.memory_keyring import hanging_keyring_fixture, memory_keyring_fixture  # noqa: F401
