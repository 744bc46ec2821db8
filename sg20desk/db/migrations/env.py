"""Alembic environment: migrations run on the connection sg20desk hands over."""

from alembic import context

from sg20desk.db.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("sg20desk migrations run only through sg20desk.db.migrate")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
