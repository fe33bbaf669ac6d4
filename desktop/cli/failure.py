"""Exit codes and the one exception every command may raise; shared by the command modules."""

from __future__ import annotations

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CommandFailed(Exception):
    """A command could not do its work; the message is shown as it is."""
