"""Persistence: the SQLite file, its schema and its migrations. No Qt here."""
