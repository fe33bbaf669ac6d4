"""Alembic environment: always run from code with a connection the app opened."""

from alembic import context

from desktop.storage.migrations.env_filters import include_name
from desktop.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Jobdeck runs its migrations from code: use desktop.storage.migrate")

# render_as_batch: SQLite cannot ALTER most things, so Alembic rebuilds tables in batch mode.
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_name=include_name,
    render_as_batch=True,
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
